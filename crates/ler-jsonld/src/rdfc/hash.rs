//! Hash values as raw bytes, and the hash function RDFC-1.0 runs with.

use sha2::{Digest as _, Sha256, Sha384};

use super::HashAlgorithm;

/// A hash value as raw bytes; byte order is the order of the hex form.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct HashValue {
    bytes: [u8; 48],
    len: u8,
}

impl HashValue {
    pub(super) fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    pub(super) fn write_hex(&self, out: &mut String) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        for &b in self.as_bytes() {
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
}

pub(super) enum Hasher {
    Sha256(Sha256),
    Sha384(Sha384),
}

impl Hasher {
    pub(super) fn new(alg: HashAlgorithm) -> Self {
        match alg {
            HashAlgorithm::Sha256 => Self::Sha256(Sha256::new()),
            HashAlgorithm::Sha384 => Self::Sha384(Sha384::new()),
        }
    }

    pub(super) fn update(&mut self, data: &[u8]) {
        match self {
            Self::Sha256(h) => h.update(data),
            Self::Sha384(h) => h.update(data),
        }
    }

    pub(super) fn finish(self) -> HashValue {
        let mut value = HashValue {
            bytes: [0; 48],
            len: 0,
        };
        match self {
            Self::Sha256(h) => {
                value.bytes[..32].copy_from_slice(&h.finalize());
                value.len = 32;
            }
            Self::Sha384(h) => {
                value.bytes.copy_from_slice(&h.finalize());
                value.len = 48;
            }
        }
        value
    }
}

impl std::fmt::Debug for HashValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = String::new();
        self.write_hex(&mut s);
        f.write_str(&s)
    }
}

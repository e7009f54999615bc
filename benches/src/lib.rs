//! Shared pieces of the ler benchmarks.
//!
//! Every criterion group in this crate measures the raw Ed25519 `verify_strict` of a 64-byte
//! message beside what it benchmarks, so each figure can be read as a ratio to the physical floor
//! of signature verification on the same machine in the same run.
//!
//! ```
//! let baseline = ler_benches::VerifyBaseline::new();
//! assert!(baseline.verify());
//! ```

use std::path::{Path, PathBuf};

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

/// A fixed Ed25519 key, message and signature: the `verify_strict` baseline of every group.
pub struct VerifyBaseline {
    key: VerifyingKey,
    message: [u8; 64],
    signature: Signature,
}

impl VerifyBaseline {
    /// Builds the baseline from a fixed seed, so every run measures the same work.
    pub fn new() -> Self {
        let signing = SigningKey::from_bytes(&[7u8; 32]);
        // 64 bytes: the size of what the EdDSA cryptosuites sign (two SHA-256 digests).
        let message = [0x5au8; 64];
        let signature = signing.sign(&message);
        Self {
            key: signing.verifying_key(),
            message,
            signature,
        }
    }

    /// One `verify_strict` call; returns whether the signature holds (always true here).
    pub fn verify(&self) -> bool {
        self.key
            .verify_strict(&self.message, &self.signature)
            .is_ok()
    }
}

impl Default for VerifyBaseline {
    fn default() -> Self {
        Self::new()
    }
}

/// The folder of committed benchmark inputs (`benches/fixtures`).
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Reads one committed fixture by file name.
///
/// # Panics
/// When the file is missing: the fixtures are committed with the crate, so that is a broken
/// checkout, not an input error.
#[allow(clippy::expect_used)]
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(name)).expect("benchmark fixture is committed")
}

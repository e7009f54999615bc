//! Multibase base58btc (`z…`) and the multicodec prefixes of Ed25519 keys.

use std::fmt;

/// Multicodec `ed25519-pub` (0xed) as an unsigned varint.
pub(crate) const ED25519_PUB_PREFIX: [u8; 2] = [0xed, 0x01];
/// Multicodec `ed25519-priv` (0x1300) as an unsigned varint.
pub(crate) const ED25519_PRIV_PREFIX: [u8; 2] = [0x80, 0x26];

/// Why a multibase string could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MultibaseError {
    /// The string is empty.
    #[error("empty multibase string")]
    Empty,
    /// The first character names a base other than base58btc (`z`).
    #[error("multibase prefix {0:?} is not base58btc ('z')")]
    NotBase58Btc(char),
    /// The text is longer than any value of the expected size can be: rejected before decoding,
    /// so a huge input costs nothing.
    #[error(
        "multibase string is {length} characters, longer than the {max} a value of this kind can have"
    )]
    TooLong {
        /// Characters given.
        length: usize,
        /// Most characters accepted.
        max: usize,
    },
    /// A character outside the base58 alphabet.
    #[error("invalid base58 character {character:?} at index {index}")]
    InvalidCharacter {
        /// The character.
        character: char,
        /// Its index in the text after the `z`.
        index: usize,
    },
    /// The bytes decoded but are not of the expected length.
    #[error("decoded {found} bytes where {expected} were expected")]
    WrongLength {
        /// Bytes expected.
        expected: usize,
        /// Bytes found.
        found: usize,
    },
}

/// The most base58 characters `bytes` bytes can need: ceil(bytes × log(256)/log(58)), rounded up
/// generously. Leading zero bytes each take one character, which the bound covers.
fn max_base58_chars(bytes: usize) -> usize {
    bytes.saturating_mul(138) / 100 + 1
}

/// Encodes bytes as multibase base58btc: `z` followed by base58 (Bitcoin alphabet).
pub fn encode_base58btc(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(max_base58_chars(bytes.len()) + 1);
    out.push('z');
    out.push_str(&bs58::encode(bytes).into_string());
    out
}

/// Decodes multibase base58btc text into bytes, refusing text longer than `max_bytes` bytes could
/// encode to (base58 decoding is quadratic, so the length check comes first).
pub(crate) fn decode_base58btc(text: &str, max_bytes: usize) -> Result<Vec<u8>, MultibaseError> {
    let mut chars = text.chars();
    let body = match chars.next() {
        None => return Err(MultibaseError::Empty),
        Some('z') => chars.as_str(),
        Some(other) => return Err(MultibaseError::NotBase58Btc(other)),
    };
    let max = max_base58_chars(max_bytes);
    if body.len() > max {
        return Err(MultibaseError::TooLong {
            length: body.chars().count(),
            max,
        });
    }
    bs58::decode(body).into_vec().map_err(|e| match e {
        bs58::decode::Error::InvalidCharacter { character, index } => {
            MultibaseError::InvalidCharacter { character, index }
        }
        // The only other errors concern output buffers and checksums, neither of which apply;
        // report them as a character problem at the start rather than panic.
        _ => MultibaseError::InvalidCharacter {
            character: body.chars().next().unwrap_or('?'),
            index: 0,
        },
    })
}

/// Decodes exactly `N` bytes of multibase base58btc.
pub fn decode_base58btc_exact<const N: usize>(text: &str) -> Result<[u8; N], MultibaseError> {
    let bytes = decode_base58btc(text, N)?;
    <[u8; N]>::try_from(bytes.as_slice()).map_err(|_| MultibaseError::WrongLength {
        expected: N,
        found: bytes.len(),
    })
}

/// Hex of a short byte string, for messages.
pub(crate) struct Hex<'a>(pub(crate) &'a [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_other_bases() {
        let text = encode_base58btc(&[0, 0, 1, 2, 255]);
        assert!(
            text.starts_with("z11"),
            "leading zero bytes become '1': {text}"
        );
        assert_eq!(decode_base58btc(&text, 5).unwrap(), [0, 0, 1, 2, 255]);
        assert_eq!(
            decode_base58btc("uAAA", 5),
            Err(MultibaseError::NotBase58Btc('u'))
        );
        assert_eq!(decode_base58btc("", 5), Err(MultibaseError::Empty));
        assert!(matches!(
            decode_base58btc("z0OIl", 5),
            Err(MultibaseError::InvalidCharacter { .. })
        ));
    }

    #[test]
    fn length_is_checked_before_decoding() {
        let huge = format!("z{}", "2".repeat(1_000_000));
        assert!(matches!(
            decode_base58btc(&huge, 64),
            Err(MultibaseError::TooLong { .. })
        ));
        // The longest 64-byte value (all 0xff) still decodes.
        let max = encode_base58btc(&[0xff; 64]);
        assert_eq!(decode_base58btc_exact::<64>(&max).unwrap(), [0xff; 64]);
        let zeros = encode_base58btc(&[0; 64]);
        assert_eq!(decode_base58btc_exact::<64>(&zeros).unwrap(), [0; 64]);
        assert_eq!(
            decode_base58btc_exact::<64>(&encode_base58btc(&[1; 63])),
            Err(MultibaseError::WrongLength {
                expected: 64,
                found: 63
            })
        );
    }
}

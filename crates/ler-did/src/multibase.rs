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
    let body = base58btc_body(text, max_bytes)?;
    bs58::decode(body).into_vec().map_err(|e| match e {
        bs58::decode::Error::InvalidCharacter { character, index } => {
            MultibaseError::InvalidCharacter { character, index }
        }
        bs58::decode::Error::NonAsciiCharacter { index } => MultibaseError::InvalidCharacter {
            character: body
                .get(index..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or('?'),
            index,
        },
        // The only other errors concern output buffers and checksums, neither of which apply;
        // report them as a character problem at the start rather than panic.
        _ => MultibaseError::InvalidCharacter {
            character: body.chars().next().unwrap_or('?'),
            index: 0,
        },
    })
}

/// Decodes exactly `N` bytes of multibase base58btc.
///
/// Values of up to [`FAST_MAX_BYTES`] bytes (keys, signatures) are decoded in 64-bit limbs, ten
/// digits at a time, without allocating: decoding a proof's 64-byte signature is on the path of
/// every verification, and the byte-at-a-time method costs about a twentieth of the signature
/// check itself.
pub fn decode_base58btc_exact<const N: usize>(text: &str) -> Result<[u8; N], MultibaseError> {
    if N > FAST_MAX_BYTES {
        let bytes = decode_base58btc(text, N)?;
        return <[u8; N]>::try_from(bytes.as_slice()).map_err(|_| MultibaseError::WrongLength {
            expected: N,
            found: bytes.len(),
        });
    }
    let body = base58btc_body(text, N)?;
    let mut limbs = [0u64; LIMBS];
    for (chunk_index, chunk) in body.as_bytes().chunks(DIGITS_PER_CHUNK).enumerate() {
        let mut value = 0u64;
        let mut scale = 1u64;
        for (offset, &byte) in chunk.iter().enumerate() {
            let digit = base58_digit(byte).ok_or_else(|| {
                let index = chunk_index * DIGITS_PER_CHUNK + offset;
                MultibaseError::InvalidCharacter {
                    // Every byte before this one was an ASCII digit, so it starts a character.
                    character: body
                        .get(index..)
                        .and_then(|rest| rest.chars().next())
                        .unwrap_or('?'),
                    index,
                }
            })?;
            value = value * 58 + u64::from(digit);
            scale *= 58;
        }
        // limbs = limbs * scale + value; no carry can leave the top limb (see LIMBS).
        let mut carry = u128::from(value);
        for limb in &mut limbs {
            let wide = u128::from(*limb) * u128::from(scale) + carry;
            *limb = wide as u64;
            carry = wide >> 64;
        }
    }
    let leading_zeros = body.bytes().take_while(|&b| b == b'1').count();
    let bits = limbs
        .iter()
        .rposition(|&limb| limb != 0)
        .map_or(0, |top| top * 64 + 64 - limbs[top].leading_zeros() as usize);
    let found = leading_zeros + bits.div_ceil(8);
    if found != N {
        return Err(MultibaseError::WrongLength { expected: N, found });
    }
    let mut out = [0u8; N];
    for (i, byte) in out.iter_mut().rev().take(bits.div_ceil(8)).enumerate() {
        *byte = (limbs[i / 8] >> (8 * (i % 8))) as u8;
    }
    Ok(out)
}

/// Largest value [`decode_base58btc_exact`] decodes in limbs; longer ones take the general path.
pub const FAST_MAX_BYTES: usize = 72;
/// Base58 digits folded into one limb multiplication: 58^10 < 2^64.
const DIGITS_PER_CHUNK: usize = 10;
/// Limbs of the accumulator. The length check allows at most `FAST_MAX_BYTES × 1.38 + 1` digits,
/// under 590 bits, so ten limbs (640 bits) never overflow.
const LIMBS: usize = 10;

/// The base58 text after the multibase `z`, refused before any decoding when it is longer than
/// a value of `max_bytes` bytes can be.
fn base58btc_body(text: &str, max_bytes: usize) -> Result<&str, MultibaseError> {
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
    Ok(body)
}

/// The value of one character of the Bitcoin base58 alphabet.
fn base58_digit(byte: u8) -> Option<u8> {
    const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    const TABLE: [u8; 128] = {
        let mut table = [u8::MAX; 128];
        let mut i = 0;
        while i < ALPHABET.len() {
            table[ALPHABET[i] as usize] = i as u8;
            i += 1;
        }
        table
    };
    TABLE
        .get(usize::from(byte))
        .copied()
        .filter(|&d| d != u8::MAX)
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

    /// The general decoder's answer for exactly `N` bytes, for comparison.
    fn general_exact<const N: usize>(text: &str) -> Result<[u8; N], MultibaseError> {
        let bytes = decode_base58btc(text, N)?;
        <[u8; N]>::try_from(bytes.as_slice()).map_err(|_| MultibaseError::WrongLength {
            expected: N,
            found: bytes.len(),
        })
    }

    #[test]
    fn limb_decoder_reports_characters_and_lengths_as_the_general_one() {
        for text in [
            "z",
            "z1",
            "z11",
            "z0",
            "z2l",
            "zé",
            "z1111111111111111111111111111111111",
        ] {
            assert_eq!(
                decode_base58btc_exact::<32>(text),
                general_exact::<32>(text),
                "{text}"
            );
        }
        assert_eq!(
            decode_base58btc_exact::<4>("z2é"),
            Err(MultibaseError::InvalidCharacter {
                character: 'é',
                index: 1
            })
        );
        assert_eq!(
            decode_base58btc_exact::<4>("z2Io"),
            Err(MultibaseError::InvalidCharacter {
                character: 'I',
                index: 1
            })
        );
    }

    proptest::proptest! {
        #[test]
        fn limb_decoder_round_trips_any_64_bytes(
            zeros in 0usize..64,
            tail in proptest::collection::vec(proptest::num::u8::ANY, 64),
        ) {
            let mut bytes = [0u8; 64];
            bytes[zeros..].copy_from_slice(&tail[zeros..]);
            let text = encode_base58btc(&bytes);
            proptest::prop_assert_eq!(decode_base58btc_exact::<64>(&text), Ok(bytes));
            proptest::prop_assert_eq!(decode_base58btc_exact::<32>(&text), general_exact::<32>(&text));
        }

        #[test]
        fn limb_decoder_agrees_with_the_general_one_on_any_text(text in "z[1-9A-HJ-NP-Za-km-z]{0,95}") {
            proptest::prop_assert_eq!(decode_base58btc_exact::<64>(&text), general_exact::<64>(&text));
            proptest::prop_assert_eq!(decode_base58btc_exact::<34>(&text), general_exact::<34>(&text));
            proptest::prop_assert_eq!(decode_base58btc_exact::<72>(&text), general_exact::<72>(&text));
        }
    }
}

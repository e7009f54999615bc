//! The one scan both directions of a JSON string need: where its next byte that is not plain
//! text stands (`"`, `\` or a control character below U+0020). Parsing reads up to it, writing
//! escapes from it; everything before it is copied as it is.

/// Bytes per word of the word-at-a-time scan.
const WORD: usize = 8;
/// `0x01` in every byte of a word.
const ONES: u64 = u64::from_ne_bytes([0x01; WORD]);
/// `0x80` in every byte of a word.
const HIGHS: u64 = u64::from_ne_bytes([0x80; WORD]);

/// The index of the first byte of `bytes` that is `"`, `\` or below `0x20`, if any.
///
/// Eight bytes at a time: a byte below `b` has its high bit set in `(x - b*ONES) & !x & HIGHS`,
/// and a byte equal to `c` is a zero byte of `x ^ c*ONES`. A borrow can only flag bytes above a
/// byte that is truly flagged, so the lowest flagged byte is exact.
pub(crate) fn first_special(bytes: &[u8]) -> Option<usize> {
    let mut words = bytes.chunks_exact(WORD);
    let mut offset = 0;
    for word in &mut words {
        let mut raw = [0u8; WORD];
        raw.copy_from_slice(word);
        let x = u64::from_le_bytes(raw);
        let quote = x ^ (ONES * u64::from(b'"'));
        let backslash = x ^ (ONES * u64::from(b'\\'));
        let found = (zero_bytes(quote) | zero_bytes(backslash) | bytes_below(x, 0x20)) & HIGHS;
        if found != 0 {
            return Some(offset + (found.trailing_zeros() / 8) as usize);
        }
        offset += WORD;
    }
    words
        .remainder()
        .iter()
        .position(|&b| is_special(b))
        .map(|i| offset + i)
}

/// Whether `byte` cannot stand unescaped in a JSON string.
pub(crate) fn is_special(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// High bit set in each byte of `x` that is zero (exact for the lowest one).
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x
}

/// High bit set in each byte of `x` below `limit` (`limit` at most `0x80`; exact for the
/// lowest one).
fn bytes_below(x: u64, limit: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(limit)) & !x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_special_byte_at_every_position_and_ignores_the_rest() {
        for len in 0..40 {
            for at in 0..=len {
                for special in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
                    // Plain bytes around the special one include UTF-8 and the neighbours of
                    // each special byte, which a word-at-a-time scan could confuse with it.
                    let plain = [b'a', b'!', b'#', b'[', b']', b' ', 0x7f, 0xc3, 0xa9, 0xff];
                    let mut bytes: Vec<u8> = (0..len).map(|i| plain[i % plain.len()]).collect();
                    if at < len {
                        bytes[at] = special;
                        // A later special byte must not move the answer.
                        if at + 1 < len {
                            bytes[at + 1] = 0x01;
                        }
                        assert_eq!(first_special(&bytes), Some(at), "{bytes:?}");
                    } else {
                        assert_eq!(first_special(&bytes), None, "{bytes:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn agrees_with_a_byte_at_a_time_scan_on_every_byte_value() {
        for byte in 0..=u8::MAX {
            for at in 0..16 {
                let mut bytes = vec![b'x'; 16];
                bytes[at] = byte;
                let expected = bytes.iter().position(|&b| is_special(b));
                assert_eq!(first_special(&bytes), expected, "byte {byte:#x} at {at}");
            }
        }
    }
}

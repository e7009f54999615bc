//! The bitstring itself: entries, their values, and the `encodedList` form (multibase
//! base64url-no-pad of the GZIP of the bitstring, index 0 the most significant bit of byte 0).

use std::io::Read;

use base64::Engine;
use ler_report::CheckId;

/// The fewest entries a list may have (Bitstring Status List 1.0: 16 KiB of 1-bit entries), so
/// that one credential's index tells a verifier little about which credential it is.
pub const MIN_ENTRIES: usize = 131_072;

/// The most bytes an `encodedList` may inflate to (16 MiB, 134 million 1-bit entries): a gzip
/// bomb gets an error, never an allocation beyond this.
pub const MAX_DECODED_BYTES: usize = 16 * 1024 * 1024;

/// The most characters an `encodedList` may have (what 16 MiB of gzip takes in base64).
const MAX_ENCODED_CHARS: usize = MAX_DECODED_BYTES / 3 * 4 + 4;

/// What a status list is for (`statusPurpose`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusPurpose {
    /// A set entry means the credential is revoked, for good.
    Revocation,
    /// A set entry means the credential is suspended (it may be reinstated).
    Suspension,
    /// A set entry means a newer version of the credential is available.
    Refresh,
    /// Each entry is a `statusSize`-bit value that the entry's `statusMessage` explains.
    Message,
}

impl StatusPurpose {
    /// Every purpose.
    pub const ALL: [StatusPurpose; 4] = [
        StatusPurpose::Revocation,
        StatusPurpose::Suspension,
        StatusPurpose::Refresh,
        StatusPurpose::Message,
    ];

    /// The `statusPurpose` value.
    pub fn name(self) -> &'static str {
        match self {
            StatusPurpose::Revocation => "revocation",
            StatusPurpose::Suspension => "suspension",
            StatusPurpose::Refresh => "refresh",
            StatusPurpose::Message => "message",
        }
    }

    /// The purpose a `statusPurpose` value names.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The verifier's check id for entries of this purpose (`status.revocation`, ...).
    pub fn check_id(self) -> CheckId {
        match self {
            StatusPurpose::Revocation => CheckId::STATUS_REVOCATION,
            StatusPurpose::Suspension => CheckId::STATUS_SUSPENSION,
            StatusPurpose::Refresh => CheckId::STATUS_REFRESH,
            StatusPurpose::Message => CheckId::STATUS_MESSAGE,
        }
    }
}

impl std::fmt::Display for StatusPurpose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One `statusMessage` item of a `message` list: what a status value means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    /// The status value (written `0x` plus lowercase hex in the JSON).
    pub status: u8,
    /// What it means, for a person.
    pub message: String,
}

impl StatusMessage {
    /// A status value and its meaning.
    pub fn new(status: u8, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    /// The `status` text: `0x` and lowercase hex (`0x0`, `0x1a`).
    pub fn status_text(&self) -> String {
        format!("{:#x}", self.status)
    }
}

/// Why a status list could not be made, read, changed or decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StatusListError {
    /// Fewer entries than [`MIN_ENTRIES`].
    #[error("a status list needs at least {min} entries; this one has {entries}")]
    TooShort {
        /// Entries the list has.
        entries: usize,
        /// The minimum.
        min: usize,
    },
    /// More bytes than [`MAX_DECODED_BYTES`].
    #[error("a status list may hold at most {max} bytes")]
    TooLong {
        /// The cap.
        max: usize,
    },
    /// `statusSize` is 0 or above 8, or above 1 for a purpose other than `message`.
    #[error("statusSize {size} is not supported for {purpose} (1 to 8 bits, 1 unless message)")]
    BadStatusSize {
        /// The size given.
        size: u64,
        /// The purpose.
        purpose: StatusPurpose,
    },
    /// A `message` list's `statusMessage` must give a message for every value its size allows.
    #[error(
        "a message list of statusSize {size} needs a statusMessage for each of its {needed} values"
    )]
    MissingMessages {
        /// The status size.
        size: u8,
        /// Values the size allows.
        needed: usize,
    },
    /// The index is not in the list.
    #[error("index {index} is outside the list of {entries} entries")]
    IndexOutOfRange {
        /// The index.
        index: usize,
        /// Entries in the list.
        entries: usize,
    },
    /// The value does not fit in `statusSize` bits.
    #[error("status value {value} does not fit in {size} bits")]
    ValueTooLarge {
        /// The value.
        value: u8,
        /// The status size.
        size: u8,
    },
    /// `encodedList` does not start with the multibase base64url prefix `u`.
    #[error("encodedList must be multibase base64url (starting with 'u'), found {found:?}")]
    WrongMultibasePrefix {
        /// The first character, if any.
        found: Option<char>,
    },
    /// `encodedList` is not base64url without padding.
    #[error("encodedList is not base64url without padding: {reason}")]
    Base64 {
        /// What the decoder said.
        reason: String,
    },
    /// The decoded bytes are not one well-formed GZIP stream.
    #[error("encodedList is not valid GZIP: {reason}")]
    Gzip {
        /// What went wrong.
        reason: String,
    },
    /// The list is empty.
    #[error("the status list is empty")]
    Empty,
    /// Every index has been handed out.
    #[error("every index of the list has been allocated")]
    Exhausted,
    /// Randomness was not available.
    #[error("no randomness available: {0}")]
    Random(String),
    /// The credential already has a proof: a status entry added now would not be signed.
    #[error("the credential is already signed; add status entries before signing")]
    AlreadySigned,
    /// The credential is not a JSON object.
    #[error("a credential is a JSON object")]
    NotAnObject,
    /// The existing `credentialStatus` is neither an object nor an array.
    #[error("/credentialStatus is neither an object nor an array")]
    BadCredentialStatus,
}

/// A Bitstring Status List: `len` entries of `status_size` bits each, for one purpose.
///
/// Index 0 is the most significant bit of the first byte, as the Recommendation says.
#[derive(Clone, PartialEq, Eq)]
pub struct StatusList {
    purpose: StatusPurpose,
    status_size: u8,
    messages: Vec<StatusMessage>,
    references: Vec<String>,
    entries: usize,
    bytes: Vec<u8>,
}

impl std::fmt::Debug for StatusList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StatusList")
            .field("purpose", &self.purpose)
            .field("status_size", &self.status_size)
            .field("entries", &self.entries)
            .field("messages", &self.messages)
            .field("references", &self.references)
            .finish_non_exhaustive()
    }
}

impl StatusList {
    /// An all-clear list of `entries` 1-bit entries (at least [`MIN_ENTRIES`]) for `purpose`
    /// (`revocation`, `suspension` or `refresh`; `message` lists need
    /// [`StatusList::with_messages`]).
    pub fn new(purpose: StatusPurpose, entries: usize) -> Result<Self, StatusListError> {
        if purpose == StatusPurpose::Message {
            // A 1-bit message list still needs messages for 0 and 1.
            return Err(StatusListError::MissingMessages { size: 1, needed: 2 });
        }
        Self::build(purpose, 1, Vec::new(), entries)
    }

    /// An all-zero `message` list of `entries` entries of `status_size` bits (1 to 8), with the
    /// `statusMessage` explaining every value the size allows.
    pub fn with_messages(
        entries: usize,
        status_size: u8,
        messages: Vec<StatusMessage>,
    ) -> Result<Self, StatusListError> {
        check_size(StatusPurpose::Message, u64::from(status_size))?;
        let needed = 1usize << status_size;
        let covered = (0..needed).all(|v| messages.iter().any(|m| usize::from(m.status) == v));
        if !covered {
            return Err(StatusListError::MissingMessages {
                size: status_size,
                needed,
            });
        }
        Self::build(StatusPurpose::Message, status_size, messages, entries)
    }

    fn build(
        purpose: StatusPurpose,
        status_size: u8,
        messages: Vec<StatusMessage>,
        entries: usize,
    ) -> Result<Self, StatusListError> {
        if entries < MIN_ENTRIES {
            return Err(StatusListError::TooShort {
                entries,
                min: MIN_ENTRIES,
            });
        }
        let bits =
            entries
                .checked_mul(usize::from(status_size))
                .ok_or(StatusListError::TooLong {
                    max: MAX_DECODED_BYTES,
                })?;
        let byte_len = bits.div_ceil(8);
        if byte_len > MAX_DECODED_BYTES {
            return Err(StatusListError::TooLong {
                max: MAX_DECODED_BYTES,
            });
        }
        Ok(Self {
            purpose,
            status_size,
            messages,
            references: Vec::new(),
            entries,
            bytes: vec![0; byte_len],
        })
    }

    /// Decodes an `encodedList` for `purpose` with entries of `status_size` bits, requiring at
    /// least [`MIN_ENTRIES`] entries.
    pub fn decode(
        encoded: &str,
        purpose: StatusPurpose,
        status_size: u8,
    ) -> Result<Self, StatusListError> {
        let list = Self::decode_lenient(encoded, purpose, status_size)?;
        if list.entries < MIN_ENTRIES {
            return Err(StatusListError::TooShort {
                entries: list.entries,
                min: MIN_ENTRIES,
            });
        }
        Ok(list)
    }

    /// [`StatusList::decode`] that also accepts lists shorter than [`MIN_ENTRIES`] (real lists
    /// of 100,000 bits exist); check [`StatusList::meets_minimum`].
    pub fn decode_lenient(
        encoded: &str,
        purpose: StatusPurpose,
        status_size: u8,
    ) -> Result<Self, StatusListError> {
        check_size(purpose, u64::from(status_size))?;
        let bytes = decode_bitstring(encoded)?;
        let entries = bytes.len().saturating_mul(8) / usize::from(status_size);
        Ok(Self {
            purpose,
            status_size,
            messages: Vec::new(),
            references: Vec::new(),
            entries,
            bytes,
        })
    }

    /// The purpose.
    pub fn purpose(&self) -> StatusPurpose {
        self.purpose
    }

    /// Bits per entry.
    pub fn status_size(&self) -> u8 {
        self.status_size
    }

    /// The `statusMessage` of a `message` list (empty for the other purposes and for decoded
    /// lists: messages travel in the entries).
    pub fn messages(&self) -> &[StatusMessage] {
        &self.messages
    }

    /// Sets the `statusReference` URLs of a `message` list's entries: where a person finds more
    /// about the status values (ignored for the other purposes, which the Recommendation gives
    /// no `statusReference`).
    #[must_use]
    pub fn with_references(mut self, urls: Vec<String>) -> Self {
        self.references = urls;
        self
    }

    /// The `statusReference` URLs entries of this list carry (empty when none).
    pub fn references(&self) -> &[String] {
        &self.references
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries
    }

    /// Whether the list has no entries (never true for a list made by [`StatusList::new`]).
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// Whether the list has at least [`MIN_ENTRIES`] entries.
    pub fn meets_minimum(&self) -> bool {
        self.entries >= MIN_ENTRIES
    }

    /// The uncompressed bitstring.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The value of entry `index` (0 or 1 for 1-bit lists).
    pub fn get(&self, index: usize) -> Result<u8, StatusListError> {
        self.check_index(index)?;
        Ok(read_entry(&self.bytes, index, self.status_size))
    }

    /// Whether entry `index` is non-zero (revoked, suspended, refresh available).
    pub fn is_set(&self, index: usize) -> Result<bool, StatusListError> {
        Ok(self.get(index)? != 0)
    }

    /// Sets entry `index` to 1 (revokes, suspends, flags for refresh).
    pub fn set(&mut self, index: usize) -> Result<(), StatusListError> {
        self.set_value(index, 1)
    }

    /// Sets entry `index` back to 0 (unsuspends; a revocation should never be undone).
    pub fn clear(&mut self, index: usize) -> Result<(), StatusListError> {
        self.set_value(index, 0)
    }

    /// Sets entry `index` to `value`, which must fit in `statusSize` bits.
    pub fn set_value(&mut self, index: usize, value: u8) -> Result<(), StatusListError> {
        self.check_index(index)?;
        if u16::from(value) >= 1u16 << self.status_size {
            return Err(StatusListError::ValueTooLarge {
                value,
                size: self.status_size,
            });
        }
        let size = usize::from(self.status_size);
        let first = index * size;
        for offset in 0..size {
            let on = (value >> (size - 1 - offset)) & 1 == 1;
            let bit = first + offset;
            let mask = 0x80u8 >> (bit % 8);
            if let Some(byte) = self.bytes.get_mut(bit / 8) {
                if on {
                    *byte |= mask;
                } else {
                    *byte &= !mask;
                }
            }
        }
        Ok(())
    }

    /// The `encodedList`: `u` + base64url (no padding) of the GZIP of the bitstring.
    pub fn encode(&self) -> String {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing to a Vec cannot fail.
        let _ = std::io::Write::write_all(&mut encoder, &self.bytes);
        let gzip = encoder.finish().unwrap_or_default();
        let mut out = String::with_capacity(gzip.len() * 4 / 3 + 2);
        out.push('u');
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode_string(&gzip, &mut out);
        out
    }

    fn check_index(&self, index: usize) -> Result<(), StatusListError> {
        if index < self.entries {
            Ok(())
        } else {
            Err(StatusListError::IndexOutOfRange {
                index,
                entries: self.entries,
            })
        }
    }
}

/// The value of entry `index` of a bitstring of `size`-bit entries, most significant bit first;
/// bits beyond the bytes read as 0.
pub(crate) fn read_entry(bytes: &[u8], index: usize, size: u8) -> u8 {
    let size = usize::from(size);
    let first = index.saturating_mul(size);
    (first..first.saturating_add(size)).fold(0, |value, bit| (value << 1) | bit_at(bytes, bit))
}

/// The bit at position `bit` (MSB first), 0 when beyond the bytes.
fn bit_at(bytes: &[u8], bit: usize) -> u8 {
    bytes
        .get(bit / 8)
        .map_or(0, |byte| (byte >> (7 - bit % 8)) & 1)
}

pub(crate) fn check_size(purpose: StatusPurpose, size: u64) -> Result<u8, StatusListError> {
    let ok = match purpose {
        StatusPurpose::Message => (1..=8).contains(&size),
        _ => size == 1,
    };
    if ok {
        // 1..=8 fits.
        Ok(u8::try_from(size).unwrap_or(1))
    } else {
        Err(StatusListError::BadStatusSize { size, purpose })
    }
}

/// `encodedList` → the uncompressed bitstring, inflating at most [`MAX_DECODED_BYTES`].
pub fn decode_bitstring(encoded: &str) -> Result<Vec<u8>, StatusListError> {
    let mut chars = encoded.chars();
    match chars.next() {
        Some('u') => {}
        found => return Err(StatusListError::WrongMultibasePrefix { found }),
    }
    let text = chars.as_str();
    if text.len() > MAX_ENCODED_CHARS {
        return Err(StatusListError::TooLong {
            max: MAX_DECODED_BYTES,
        });
    }
    let gzip = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|e| StatusListError::Base64 {
            reason: e.to_string(),
        })?;
    let mut decoder = flate2::bufread::GzDecoder::new(gzip.as_slice());
    let mut bytes = Vec::new();
    // One byte past the cap tells "too long" from "exactly at the cap".
    let cap = u64::try_from(MAX_DECODED_BYTES).unwrap_or(u64::MAX);
    (&mut decoder)
        .take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StatusListError::Gzip {
            reason: e.to_string(),
        })?;
    if bytes.len() > MAX_DECODED_BYTES {
        return Err(StatusListError::TooLong {
            max: MAX_DECODED_BYTES,
        });
    }
    if !decoder.into_inner().is_empty() {
        return Err(StatusListError::Gzip {
            reason: "data after the end of the GZIP stream".into(),
        });
    }
    if bytes.is_empty() {
        return Err(StatusListError::Empty);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn index_zero_is_the_high_bit_of_byte_zero() {
        let mut list = StatusList::new(StatusPurpose::Revocation, MIN_ENTRIES).unwrap();
        list.set(0).unwrap();
        list.set(9).unwrap();
        assert_eq!(&list.as_bytes()[..2], &[0x80, 0x40]);
    }

    #[test]
    fn multi_bit_values_are_msb_first() {
        let messages = (0..4)
            .map(|v| StatusMessage::new(v, format!("m{v}")))
            .collect();
        let mut list = StatusList::with_messages(MIN_ENTRIES, 2, messages).unwrap();
        list.set_value(1, 0b10).unwrap();
        assert_eq!(list.as_bytes()[0], 0b0010_0000);
        assert_eq!(list.get(1).unwrap(), 2);
        assert_eq!(
            list.set_value(1, 4),
            Err(StatusListError::ValueTooLarge { value: 4, size: 2 })
        );
    }

    #[test]
    fn status_text_is_hex() {
        assert_eq!(StatusMessage::new(0, "").status_text(), "0x0");
        assert_eq!(StatusMessage::new(26, "").status_text(), "0x1a");
    }
}

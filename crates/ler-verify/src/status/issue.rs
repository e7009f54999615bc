//! The issuer's side: the `BitstringStatusListCredential`, index allocation, and the
//! `BitstringStatusListEntry` added to a credential before it is signed.

use ler_model::json::{Object, Value};

use super::list::{StatusList, StatusListError, StatusPurpose};

/// Builds an unsigned `BitstringStatusListCredential` for a [`StatusList`], ready for
/// [`ler_proof::di::sign`] with either cryptosuite.
#[derive(Debug, Clone)]
pub struct StatusListCredential<'a> {
    url: String,
    issuer: String,
    list: &'a StatusList,
    valid_from: Option<String>,
    valid_until: Option<String>,
    ttl_ms: Option<u64>,
}

impl<'a> StatusListCredential<'a> {
    /// The list credential published at `url` (the entries' `statusListCredential`), issued by
    /// `issuer` (normally the issuer of the credentials whose status it holds).
    pub fn new(url: impl Into<String>, issuer: impl Into<String>, list: &'a StatusList) -> Self {
        Self {
            url: url.into(),
            issuer: issuer.into(),
            list,
            valid_from: None,
            valid_until: None,
            ttl_ms: None,
        }
    }

    /// `validFrom` (an `xsd:dateTimeStamp`, kept as written).
    #[must_use]
    pub fn valid_from(mut self, at: impl Into<String>) -> Self {
        self.valid_from = Some(at.into());
        self
    }

    /// `validUntil`: verifiers treat the list as unusable after it.
    #[must_use]
    pub fn valid_until(mut self, at: impl Into<String>) -> Self {
        self.valid_until = Some(at.into());
        self
    }

    /// `ttl`: how long, in milliseconds, verifiers may cache the list.
    #[must_use]
    pub fn ttl_ms(mut self, ttl: u64) -> Self {
        self.ttl_ms = Some(ttl);
        self
    }

    /// The unsigned credential.
    pub fn build(&self) -> Value {
        let mut subject = Object::new();
        subject.insert("id", format!("{}#list", self.url));
        subject.insert("type", "BitstringStatusList");
        subject.insert("statusPurpose", self.list.purpose().name());
        subject.insert("encodedList", self.list.encode());
        if let Some(ttl) = self.ttl_ms {
            subject.insert("ttl", ttl);
        }
        let mut credential = Object::new();
        credential.insert("@context", vec![ler_model::context::VC_V2]);
        credential.insert("id", self.url.as_str());
        credential.insert(
            "type",
            vec!["VerifiableCredential", "BitstringStatusListCredential"],
        );
        credential.insert("issuer", self.issuer.as_str());
        if let Some(from) = &self.valid_from {
            credential.insert("validFrom", from.as_str());
        }
        if let Some(until) = &self.valid_until {
            credential.insert("validUntil", until.as_str());
        }
        credential.insert("credentialSubject", subject);
        Value::Object(credential)
    }
}

/// The `BitstringStatusListEntry` for entry `index` of `list`, published at `list_url`: `id`
/// `<list_url>#<index>`, `statusListIndex` as a string, and for `message` lists `statusSize`,
/// `statusMessage` (one message for each of the 2^`statusSize` values, as the Recommendation
/// requires) and, when the list has any ([`StatusList::with_references`]), `statusReference`
/// (a URL, or an array of them).
pub fn status_entry(list_url: &str, index: usize, list: &StatusList) -> Value {
    let mut entry = Object::new();
    entry.insert("id", format!("{list_url}#{index}"));
    entry.insert("type", "BitstringStatusListEntry");
    entry.insert("statusPurpose", list.purpose().name());
    entry.insert("statusListIndex", index.to_string());
    entry.insert("statusListCredential", list_url);
    if list.purpose() == StatusPurpose::Message {
        entry.insert("statusSize", list.status_size());
        let messages: Vec<Value> = list
            .messages()
            .iter()
            .map(|m| {
                let mut item = Object::new();
                item.insert("status", m.status_text());
                item.insert("message", m.message.as_str());
                Value::Object(item)
            })
            .collect();
        entry.insert("statusMessage", messages);
        match list.references() {
            [] => {}
            [one] => {
                entry.insert("statusReference", one.as_str());
            }
            many => {
                entry.insert(
                    "statusReference",
                    many.iter()
                        .map(|u| Value::from(u.as_str()))
                        .collect::<Vec<_>>(),
                );
            }
        }
    }
    Value::Object(entry)
}

/// Adds a [`status_entry`] to an unsigned credential's `credentialStatus` (making it an array
/// when there already is one). Errors when the credential already has a `proof`, since the
/// entry would not be covered by it.
pub fn add_status_entry(
    credential: &mut Value,
    list_url: &str,
    index: usize,
    list: &StatusList,
) -> Result<(), StatusListError> {
    let object = credential
        .as_object_mut()
        .ok_or(StatusListError::NotAnObject)?;
    if object.contains_key("proof") {
        return Err(StatusListError::AlreadySigned);
    }
    if list.len() <= index {
        return Err(StatusListError::IndexOutOfRange {
            index,
            entries: list.len(),
        });
    }
    let entry = status_entry(list_url, index, list);
    match object.get_mut("credentialStatus") {
        None => {
            object.insert("credentialStatus", entry);
        }
        Some(Value::Array(items)) => items.push(entry),
        Some(existing @ Value::Object(_)) => {
            let first = std::mem::replace(existing, Value::Null);
            *existing = Value::Array(vec![first, entry]);
        }
        Some(_) => return Err(StatusListError::BadCredentialStatus),
    }
    Ok(())
}

/// Hands out the indexes of a list, each once: in random order (what the Recommendation
/// recommends, so an index says nothing about when a credential was issued) or in sequence.
///
/// Keep the allocator (or the indexes issued) with the list: [`IndexAllocator::mark_used`]
/// restores the state after a restart.
#[derive(Debug, Clone)]
pub struct IndexAllocator {
    order: Order,
}

#[derive(Debug, Clone)]
enum Order {
    /// A Fisher–Yates shuffle done lazily: positions `0..pool` hold the indexes not yet drawn,
    /// position `p` holding `moved[p]` if present, else `p` itself. `taken` marks indexes drawn
    /// or marked used; a marked index still in the pool is skipped when drawn. Memory grows with
    /// the allocations made, plus one bit per entry.
    Random {
        pool: usize,
        moved: std::collections::HashMap<usize, usize>,
        taken: Vec<u8>,
        marked_in_pool: usize,
    },
    /// The next index, the length, and the ones marked used out of order.
    Sequential {
        next: usize,
        len: usize,
        used: std::collections::BTreeSet<usize>,
    },
}

impl IndexAllocator {
    /// Random order without replacement over `0..len` (`len` at most what a list may hold,
    /// [`super::MAX_DECODED_BYTES`] × 8).
    pub fn random(len: usize) -> Result<Self, StatusListError> {
        if len > super::list::MAX_DECODED_BYTES.saturating_mul(8) {
            return Err(StatusListError::TooLong {
                max: super::list::MAX_DECODED_BYTES,
            });
        }
        Ok(Self {
            order: Order::Random {
                pool: len,
                moved: std::collections::HashMap::new(),
                taken: vec![0; len.div_ceil(8)],
                marked_in_pool: 0,
            },
        })
    }

    /// Sequential order over `0..len`.
    pub fn sequential(len: usize) -> Self {
        Self {
            order: Order::Sequential {
                next: 0,
                len,
                used: std::collections::BTreeSet::new(),
            },
        }
    }

    /// How many indexes are left.
    pub fn remaining(&self) -> usize {
        match &self.order {
            Order::Random {
                pool,
                marked_in_pool,
                ..
            } => pool.saturating_sub(*marked_in_pool),
            Order::Sequential { next, len, used } => len
                .saturating_sub(*next)
                .saturating_sub(used.range(*next..).count()),
        }
    }

    /// Records an index handed out before (restoring state); unknown or repeated indexes are
    /// ignored.
    pub fn mark_used(&mut self, index: usize) {
        match &mut self.order {
            Order::Random {
                taken,
                marked_in_pool,
                ..
            } => {
                if let Some(byte) = taken.get_mut(index / 8) {
                    let bit = 0x80u8 >> (index % 8);
                    if *byte & bit == 0 {
                        *byte |= bit;
                        *marked_in_pool += 1;
                    }
                }
            }
            Order::Sequential { next, len, used } => {
                if index >= *next && index < *len {
                    used.insert(index);
                }
            }
        }
    }

    /// The next index.
    pub fn allocate(&mut self) -> Result<usize, StatusListError> {
        match &mut self.order {
            Order::Random {
                pool,
                moved,
                taken,
                marked_in_pool,
            } => loop {
                if *pool == 0 {
                    return Err(StatusListError::Exhausted);
                }
                let position = random_below(*pool)?;
                let last = *pool - 1;
                let index = moved.remove(&position).unwrap_or(position);
                if position != last {
                    let tail = moved.remove(&last).unwrap_or(last);
                    moved.insert(position, tail);
                }
                *pool = last;
                let Some(byte) = taken.get_mut(index / 8) else {
                    return Err(StatusListError::Exhausted);
                };
                let bit = 0x80u8 >> (index % 8);
                if *byte & bit != 0 {
                    // Marked used before it was drawn: skip it.
                    *marked_in_pool = marked_in_pool.saturating_sub(1);
                    continue;
                }
                *byte |= bit;
                return Ok(index);
            },
            Order::Sequential { next, len, used } => {
                while *next < *len {
                    let candidate = *next;
                    *next += 1;
                    if !used.remove(&candidate) {
                        return Ok(candidate);
                    }
                }
                Err(StatusListError::Exhausted)
            }
        }
    }
}

/// A uniform random number in `0..bound` (`bound` > 0), by rejection sampling.
fn random_below(bound: usize) -> Result<usize, StatusListError> {
    let bound = u64::try_from(bound).map_err(|_| StatusListError::Exhausted)?;
    // The largest multiple of `bound` that fits, so every residue is equally likely.
    let zone = u64::MAX - (u64::MAX % bound);
    loop {
        let mut buf = [0u8; 8];
        getrandom::getrandom(&mut buf).map_err(|e| StatusListError::Random(e.to_string()))?;
        let n = u64::from_le_bytes(buf);
        if n < zone {
            return usize::try_from(n % bound).map_err(|_| StatusListError::Exhausted);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn random_allocation_never_repeats_and_runs_out() {
        let mut allocator = IndexAllocator::random(1000).unwrap();
        allocator.mark_used(5);
        let mut seen = std::collections::BTreeSet::new();
        let mut order = Vec::new();
        while let Ok(i) = allocator.allocate() {
            assert!(i < 1000 && i != 5);
            assert!(seen.insert(i), "{i} handed out twice");
            order.push(i);
        }
        assert_eq!(seen.len(), 999);
        assert_eq!(allocator.remaining(), 0);
        assert_eq!(allocator.allocate(), Err(StatusListError::Exhausted));
        // Not handed out in ascending order (the chance of that is 1/999!).
        assert!(order.windows(2).any(|w| w[0] > w[1]));
    }

    #[test]
    fn restoring_a_large_random_allocator_is_linear() {
        let len = super::super::MIN_ENTRIES;
        let mut allocator = IndexAllocator::random(len).unwrap();
        for i in (0..len).filter(|i| i % 2 == 0) {
            allocator.mark_used(i);
            allocator.mark_used(i);
        }
        assert_eq!(allocator.remaining(), len / 2);
        for _ in 0..1000 {
            assert_eq!(allocator.allocate().unwrap() % 2, 1);
        }
        assert_eq!(allocator.remaining(), len / 2 - 1000);
        assert!(IndexAllocator::random(usize::MAX).is_err());
    }

    #[test]
    fn sequential_allocation_skips_marked_indexes() {
        let mut allocator = IndexAllocator::sequential(4);
        allocator.mark_used(1);
        assert_eq!(allocator.remaining(), 3);
        assert_eq!(allocator.allocate(), Ok(0));
        assert_eq!(allocator.allocate(), Ok(2));
        assert_eq!(allocator.allocate(), Ok(3));
        assert_eq!(allocator.allocate(), Err(StatusListError::Exhausted));
    }
}

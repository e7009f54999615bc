//! Verified, decoded status lists, kept by URL until their time-to-live runs out on the
//! verifier's clock.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ler_model::date::Instant;

/// The most decoded bytes a cache holds by default (64 MiB: 4,096 minimum-size lists).
const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// A status list credential that verified, decoded, with what the entry checks need.
#[derive(Debug)]
pub(crate) struct CachedList {
    /// When it was obtained, on the verification clock.
    pub(crate) fetched_at: Instant,
    /// When it must be obtained again.
    pub(crate) expires_at: Instant,
    /// The list credential's issuer id.
    pub(crate) issuer: String,
    /// Its `credentialSubject.statusPurpose` values.
    pub(crate) purposes: Vec<String>,
    /// The list credential's `validFrom` and `validUntil`.
    pub(crate) valid_from: Option<Instant>,
    /// See `valid_from`.
    pub(crate) valid_until: Option<Instant>,
    /// The texts of `validFrom` and `validUntil`, for messages.
    pub(crate) valid_texts: (Option<String>, Option<String>),
    /// When the list's `id` is not the URL it was obtained for and the source declared it for
    /// that URL anyway: the list's `id`, for the check's message.
    pub(crate) declared_id: Option<String>,
    /// The uncompressed bitstring.
    pub(crate) bits: Vec<u8>,
}

/// A thread-safe cache of verified, decoded status lists, by URL. Each list stays for the
/// smaller of [`crate::VerifyOptions::status_list_max_ttl`] and the list's own `ttl`; expiry is
/// measured on the verification clock, and nothing is cached without a clock.
///
/// A [`crate::VerifyOptions`] owns one (shared by every verification made with those options);
/// share one between options only when they trust the same resolver and cryptosuites.
#[derive(Debug)]
pub struct StatusListCache {
    lists: Mutex<HashMap<String, Arc<CachedList>>>,
    max_bytes: usize,
}

impl Default for StatusListCache {
    fn default() -> Self {
        Self::new()
    }
}

impl StatusListCache {
    /// An empty cache holding up to 64 MiB of decoded lists.
    pub fn new() -> Self {
        Self::with_max_bytes(DEFAULT_MAX_BYTES)
    }

    /// An empty cache holding up to `max_bytes` of decoded lists (the oldest go first).
    pub fn with_max_bytes(max_bytes: usize) -> Self {
        Self {
            lists: Mutex::new(HashMap::new()),
            max_bytes,
        }
    }

    /// How many lists are held (expired ones included until they are replaced or evicted).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no list is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets every list.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<CachedList>>> {
        // A poisoned lock only means another thread panicked mid-insert; the map is still whole.
        self.lists.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The list at `url` if it is still fresh at `now`.
    pub(crate) fn get(&self, url: &str, now: Instant) -> Option<Arc<CachedList>> {
        let lists = self.lock();
        let list = lists.get(url)?;
        (list.fetched_at <= now && now < list.expires_at).then(|| Arc::clone(list))
    }

    /// Keeps `list` (replacing any older one), evicting expired and then the oldest lists to
    /// stay within the byte budget.
    pub(crate) fn insert(&self, url: &str, list: Arc<CachedList>, now: Instant) {
        if list.bits.len() > self.max_bytes {
            return;
        }
        let mut lists = self.lock();
        lists.remove(url);
        let mut total: usize = lists.values().map(|l| l.bits.len()).sum();
        if total + list.bits.len() > self.max_bytes {
            lists.retain(|_, l| l.fetched_at <= now && now < l.expires_at);
            total = lists.values().map(|l| l.bits.len()).sum();
        }
        while total + list.bits.len() > self.max_bytes {
            let Some(oldest) = lists
                .iter()
                .min_by_key(|(_, l)| l.fetched_at)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(removed) = lists.remove(&oldest) {
                total = total.saturating_sub(removed.bits.len());
            }
        }
        lists.insert(url.to_owned(), list);
    }
}

/// `at` plus `duration`, saturating.
pub(crate) fn add(at: Instant, duration: Duration) -> Instant {
    let mut seconds = at
        .seconds
        .saturating_add(i64::try_from(duration.as_secs()).unwrap_or(i64::MAX));
    let mut nanos = at.nanos.saturating_add(duration.subsec_nanos());
    if nanos >= 1_000_000_000 {
        nanos -= 1_000_000_000;
        seconds = seconds.saturating_add(1);
    }
    Instant { seconds, nanos }
}

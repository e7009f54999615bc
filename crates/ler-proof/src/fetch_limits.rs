//! Bounds on the remote work one verification may do: how many status entries a credential may
//! ask to be checked, how many distinct documents are fetched, and how long fetching may take in
//! all. A per-verification [`FetchSession`] enforces them and deduplicates fetches by URL.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::status::{CachedList, ListProblem};

/// Limits on the remote work of one verification (a credential with everything nested in it,
/// or a presentation with the credentials it carries). The defaults are far above what any
/// honest Learning and Employment Record needs (one or two status entries, one list each):
///
/// | limit | default |
/// |---|---|
/// | [`max_status_entries`](FetchLimits::max_status_entries) per credential | 16 |
/// | [`max_fetches`](FetchLimits::max_fetches) distinct URLs per verification | 32 |
/// | [`deadline`](FetchLimits::deadline) for all fetches of a verification | 30 s |
///
/// Beyond a limit, the affected `status.*` checks are `indeterminate` with the
/// [`FetchLimitError`]'s text, and nothing more is fetched.
///
/// ```
/// use std::time::Duration;
/// use ler_proof::{FetchLimits, Limits, VerifyOptions};
///
/// let fetch = FetchLimits::default().max_fetches(8).deadline(Duration::from_secs(5));
/// let options = VerifyOptions::default().limits(Limits::default().fetch(fetch));
/// assert_eq!(options.limits.fetch.max_fetches, 8);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct FetchLimits {
    /// The most `credentialStatus` entries one credential may carry; a credential with more
    /// gets no status list fetched at all.
    pub max_status_entries: usize,
    /// The most distinct URLs fetched in one verification (lists found in the cache are free).
    pub max_fetches: usize,
    /// How long all the fetches of one verification may take together; a fetch is not started
    /// once it has passed, and a source that honours deadlines (the HTTP client) is given only
    /// what remains.
    pub deadline: Duration,
}

impl Default for FetchLimits {
    fn default() -> Self {
        Self {
            max_status_entries: 16,
            max_fetches: 32,
            deadline: Duration::from_secs(30),
        }
    }
}

impl FetchLimits {
    /// Sets [`FetchLimits::max_status_entries`].
    #[must_use]
    pub fn max_status_entries(mut self, entries: usize) -> Self {
        self.max_status_entries = entries;
        self
    }

    /// Sets [`FetchLimits::max_fetches`].
    #[must_use]
    pub fn max_fetches(mut self, fetches: usize) -> Self {
        self.max_fetches = fetches;
        self
    }

    /// Sets [`FetchLimits::deadline`].
    #[must_use]
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }
}

/// Which [`FetchLimits`] bound a verification reached.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FetchLimitError {
    /// A credential carries more `credentialStatus` entries than allowed.
    #[error(
        "limit exceeded: {found} credentialStatus entries, more than max_status_entries ({limit}); no status list was fetched"
    )]
    TooManyStatusEntries {
        /// Entries found.
        found: usize,
        /// The limit.
        limit: usize,
    },
    /// The verification already fetched as many distinct URLs as allowed.
    #[error(
        "limit exceeded: more than max_fetches ({limit}) distinct fetches in one verification; not fetched"
    )]
    TooManyFetches {
        /// The limit.
        limit: usize,
    },
    /// The verification's fetch deadline passed.
    #[error("limit exceeded: the fetch deadline ({} ms) of this verification passed; not fetched", .deadline.as_millis())]
    DeadlinePassed {
        /// The deadline.
        deadline: Duration,
    },
}

/// A monotonic clock where there is one (a browser build without it has no deadline).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
type Clock = std::time::Instant;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn clock_now() -> Option<Clock> {
    Some(std::time::Instant::now())
}
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
type Clock = ();
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn clock_now() -> Option<Clock> {
    None
}

/// What one verification fetched: each URL at most once (its outcome is reused), counted
/// against [`FetchLimits::max_fetches`], under one deadline.
#[derive(Debug)]
pub(crate) struct FetchSession {
    limits: FetchLimits,
    started: Option<Clock>,
    state: Mutex<SessionState>,
}

#[derive(Debug, Default)]
struct SessionState {
    fetches: usize,
    outcomes: HashMap<String, Result<Arc<CachedList>, ListProblem>>,
}

impl FetchSession {
    /// A session for one verification, its deadline running from now.
    pub(crate) fn new(limits: FetchLimits) -> Self {
        Self {
            limits,
            started: clock_now(),
            state: Mutex::new(SessionState::default()),
        }
    }

    /// The limits in force.
    pub(crate) fn limits(&self) -> FetchLimits {
        self.limits
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, SessionState> {
        // A poisoned lock only means another thread panicked mid-update; the map is whole.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The outcome of an earlier fetch of `url` in this verification.
    pub(crate) fn earlier(&self, url: &str) -> Option<Result<Arc<CachedList>, ListProblem>> {
        self.lock().outcomes.get(url).cloned()
    }

    /// Takes one fetch from the budget, or says which limit forbids it; on success, the time
    /// that remains before the deadline (`None`: no clock).
    pub(crate) fn begin_fetch(&self) -> Result<Option<Duration>, FetchLimitError> {
        let remaining = self.remaining()?;
        let mut state = self.lock();
        if state.fetches >= self.limits.max_fetches {
            return Err(FetchLimitError::TooManyFetches {
                limit: self.limits.max_fetches,
            });
        }
        state.fetches += 1;
        Ok(remaining)
    }

    /// Time left before the deadline; an error once it has passed.
    pub(crate) fn remaining(&self) -> Result<Option<Duration>, FetchLimitError> {
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        if let Some(started) = self.started {
            let remaining = self.limits.deadline.saturating_sub(started.elapsed());
            if remaining.is_zero() {
                return Err(FetchLimitError::DeadlinePassed {
                    deadline: self.limits.deadline,
                });
            }
            return Ok(Some(remaining));
        }
        // Without a clock (a browser build) there is no deadline to keep.
        let _ = &self.started;
        Ok(None)
    }

    /// Keeps the outcome of fetching `url`.
    pub(crate) fn record(&self, url: &str, outcome: Result<Arc<CachedList>, ListProblem>) {
        self.lock().outcomes.insert(url.to_owned(), outcome);
    }
}

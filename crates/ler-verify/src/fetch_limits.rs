//! Bounds on the remote work one verification may do: how many status entries a credential may
//! ask to be checked, how many distinct documents are fetched, and how long fetching may take in
//! all. The verifier enforces them per verification, and deduplicates fetches by URL.

use std::time::Duration;

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
/// use ler_verify::{FetchLimits, Limits, VerifyOptions};
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

//! One verification's remote work: each status list URL fetched at most once (its outcome,
//! success or not, reused), within the verification's [`FetchLimits`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ler_report::{CheckId, Verdict};

use crate::fetch_limits::{FetchLimitError, FetchLimits};
use crate::status::{CachedList, StatusListError, StatusSourceError};

/// Why a status list could not be used: the `indeterminate` message of the entry's check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ListProblem {
    #[error("no status list source is configured")]
    NoSource,
    #[error(transparent)]
    FetchLimit(#[from] FetchLimitError),
    #[error(transparent)]
    Source(#[from] StatusSourceError),
    #[error("the status list credential is {}: {}", verdict.name(), join(failing))]
    NotVerified {
        verdict: Verdict,
        failing: Vec<CheckId>,
    },
    #[error("not a BitstringStatusListCredential (type {found})")]
    NotAList { found: String },
    #[error("the status list credential's id is {id}, not the URL the entry names")]
    OtherId { id: String },
    #[error(
        "the status list credential has no id, so it cannot be tied to the URL the entry names"
    )]
    NoId,
    #[error("the status list credential names no issuer")]
    NoIssuer,
    #[error("the list's credentialSubject is not one object")]
    SubjectNotObject,
    #[error("the list's credentialSubject is of type {found}, not BitstringStatusList")]
    SubjectType { found: String },
    #[error("the list has no statusPurpose")]
    NoPurpose,
    #[error("the list has no encodedList string")]
    NoEncodedList,
    #[error(transparent)]
    Bitstring(#[from] StatusListError),
    #[error("the list's ttl {text} is not a whole number of ms")]
    TtlNotWhole { text: String },
    #[error("the list's ttl is a {kind}, not a number")]
    TtlNotNumber { kind: &'static str },
}

fn join(ids: &[CheckId]) -> String {
    ids.iter()
        .map(|id| id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
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

//! Context processing (JSON-LD 1.1 Processing Algorithms §4.1 to §4.3), cached.
//!
//! A processed context is immutable and shared in an [`Arc`]. Every application of a local
//! context to an active context (the document's `@context`, a type-scoped or property-scoped
//! context) is looked up in the processor's cache first, keyed by the parent context's identity
//! and the local context (by pointer for scoped contexts, by text for a document's own), so the
//! second document with the same contexts does no context processing at all.
//!
//! The pieces: [`active`] holds the processed context and its term definitions; [`processing`]
//! applies a local context (cache, remote and pinned contexts, limits on inline contexts);
//! [`local`] handles the entries of one context map; [`term`] is Create Term Definition.

mod active;
mod local;
mod processing;
mod term;

use std::sync::Arc;

use ler_model::json::Value;

use super::error::{ErrorCode, JsonLdError};
use crate::limits::Limits;

pub use active::ProcessingMode;
pub(crate) use active::{ActiveContext, FnvMap, TermDef, container};
pub(crate) use processing::{Apply, Contexts, LocalKey};
#[cfg(test)]
pub(crate) use processing::{DOCUMENT_LIMIT, NEAR_LIMIT, document_entries, near_entries};

thread_local! {
    /// The limits of the conversion running on this thread. Context processing is reached from
    /// several places of the expansion (document, embedded and scoped contexts); a per-call
    /// setting here spares threading the limits through each of them.
    static LIMITS: std::cell::Cell<Limits> = std::cell::Cell::new(Limits::default());
}

/// The limits in force on this thread.
pub(crate) fn current_limits() -> Limits {
    LIMITS.with(|cell| cell.get())
}

/// Puts `limits` in force on this thread until the guard is dropped.
pub(crate) fn limits_in_force(limits: Limits) -> LimitsGuard {
    LimitsGuard(LIMITS.with(|cell| cell.replace(limits)))
}

/// Restores the limits in force before [`limits_in_force`].
pub(crate) struct LimitsGuard(Limits);

impl Drop for LimitsGuard {
    fn drop(&mut self) {
        LIMITS.with(|cell| cell.set(self.0));
    }
}

/// Loads context documents by URL. The production loader is the pinned registry; nothing is
/// fetched.
pub trait ContextLoader: Send + Sync {
    /// The JSON document at `url` (a context document: an object with an `@context` entry), or
    /// why it cannot be had.
    fn load_context(&self, url: &str) -> Result<Arc<Value>, String>;
}

pub(super) fn err(code: ErrorCode, message: impl Into<String>) -> JsonLdError {
    JsonLdError::new(code, message)
}

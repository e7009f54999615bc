//! Work limits for unauthenticated input.
//!
//! A verifier converts a document to RDF and canonicalizes it before it can check the signature,
//! so everything up to that point runs on input anyone may have written. [`Limits`] bounds that
//! work: the blank nodes and statements of a dataset, the hashing work of RDFC-1.0 over the whole dataset, and
//! the size of contexts written inline in a document. Each limit reached is its own error
//! variant ([`JsonLdError`](crate::JsonLdError), [`CanonicalizeError`](crate::CanonicalizeError)),
//! so a caller can tell a refused input from a malformed one.

/// Limits on JSON-LD processing and canonicalization of one document.
///
/// The defaults are far above what any honest Learning and Employment Record needs (a large CLR
/// has a few thousand blank nodes, needs no Hash N-Degree Quads at all, and carries its
/// contexts by URL) and keep a hostile document to a few seconds and a few hundred megabytes:
///
/// | limit | default |
/// |---|---|
/// | [`max_blank_nodes`](Limits::max_blank_nodes) | 100 000 |
/// | [`max_statements`](Limits::max_statements) | 250 000 |
/// | [`max_hash_work`](Limits::max_hash_work) | 200 000 steps |
/// | [`max_context_terms`](Limits::max_context_terms) | 2 000 terms |
/// | [`max_context_bytes`](Limits::max_context_bytes) | 256 KiB |
///
/// ```
/// let limits = ler_jsonld::Limits::default().max_blank_nodes(10_000).max_context_terms(500);
/// assert_eq!(limits.max_blank_nodes, 10_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Most blank nodes one dataset may hold (conversion to RDF and canonicalization).
    pub max_blank_nodes: usize,
    /// Most statements (quads) one dataset may hold; expansion also stops after expanding
    /// this many JSON values (each value becomes at most a statement or so, and the expanded
    /// form must not grow without bound before conversion counts them).
    pub max_statements: usize,
    /// RDFC-1.0 hashing work for the whole dataset, in steps: one per Hash N-Degree Quads call,
    /// per related blank node hashed, per entry of a permutation's path and per identifier
    /// copied between issuers. One budget for the dataset (not per blank node), as RDFC-1.0
    /// recommends against poison graphs; since every copied identifier counts, it bounds the
    /// memory of the algorithm as well as its time.
    pub max_hash_work: u64,
    /// Most term definitions one context written inline in a document may hold, the terms of
    /// its scoped contexts included, and each entry of a context array counted as one (a
    /// reference costs processing too); pinned contexts loaded by URL are not counted.
    pub max_context_terms: usize,
    /// Largest context written inline in a document, in bytes of its compact JSON text.
    pub max_context_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_blank_nodes: 100_000,
            max_statements: 250_000,
            max_hash_work: 200_000,
            max_context_terms: 2_000,
            max_context_bytes: 256 * 1024,
        }
    }
}

impl Limits {
    /// Sets [`Limits::max_blank_nodes`].
    pub fn max_blank_nodes(mut self, limit: usize) -> Self {
        self.max_blank_nodes = limit;
        self
    }

    /// Sets [`Limits::max_statements`].
    pub fn max_statements(mut self, limit: usize) -> Self {
        self.max_statements = limit;
        self
    }

    /// Sets [`Limits::max_hash_work`].
    pub fn max_hash_work(mut self, limit: u64) -> Self {
        self.max_hash_work = limit;
        self
    }

    /// Sets [`Limits::max_context_terms`].
    pub fn max_context_terms(mut self, limit: usize) -> Self {
        self.max_context_terms = limit;
        self
    }

    /// Sets [`Limits::max_context_bytes`].
    pub fn max_context_bytes(mut self, limit: usize) -> Self {
        self.max_context_bytes = limit;
        self
    }
}

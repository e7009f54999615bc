//! The verifier's limits on work driven by unauthenticated input.

use ler_model::json::ParseOptions;

use crate::fetch_limits::FetchLimits;

/// Every bound the verifier puts on the work a document can cause before its signature is
/// known to hold: the size and nesting of the input ([`Limits::parse`]) and the blank nodes,
/// RDFC-1.0 hashing work and inline contexts of JSON-LD processing ([`Limits::jsonld`]); and the
/// remote work a verification may do once the proof holds ([`Limits::fetch`]).
///
/// A limit reached is reported as the check `limits.exceeded`, `indeterminate` (the verifier
/// refused to do the work, so it cannot say whether the record is authentic), with the JSON
/// pointer of the place when one is known. The defaults are far above what an honest Learning
/// and Employment Record needs:
///
/// | limit | default |
/// |---|---|
/// | input size ([`ParseOptions::max_bytes`]) | 10 MiB |
/// | nesting ([`ParseOptions::max_depth`]) | 128 levels |
/// | blank nodes ([`ler_jsonld::Limits::max_blank_nodes`]) | 100 000 |
/// | RDFC-1.0 hashing work, whole dataset ([`ler_jsonld::Limits::max_hash_work`]) | 200 000 steps |
/// | terms of one inline context ([`ler_jsonld::Limits::max_context_terms`]) | 2 000 |
/// | size of one inline context ([`ler_jsonld::Limits::max_context_bytes`]) | 256 KiB |
/// | status entries per credential, distinct fetches, total fetch time ([`FetchLimits`]) | 16, 32, 30 s |
///
/// Fetch limits are reported on the `status.*` checks they stop (`indeterminate`, "limit
/// exceeded: ...") rather than as `limits.exceeded`: the credential itself was examined.
/// ```
/// use ler_verify::{Limits, VerifyOptions};
///
/// let mut options = VerifyOptions::default();
/// options.limits = Limits::default()
///     .parse(ler_model::json::ParseOptions::new(1 << 20, 64))
///     .jsonld(ler_jsonld::Limits::default().max_blank_nodes(10_000));
/// assert_eq!(options.limits.parse.max_bytes, 1 << 20);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Limits {
    /// Size and nesting of the input bytes.
    pub parse: ParseOptions,
    /// JSON-LD processing and RDFC-1.0 canonicalization.
    pub jsonld: ler_jsonld::Limits,
    /// Remote work (status lists) per verification.
    pub fetch: FetchLimits,
}

impl Limits {
    /// Sets [`Limits::parse`].
    pub fn parse(mut self, parse: ParseOptions) -> Self {
        self.parse = parse;
        self
    }

    /// Sets [`Limits::fetch`].
    pub fn fetch(mut self, fetch: FetchLimits) -> Self {
        self.fetch = fetch;
        self
    }

    /// Sets [`Limits::jsonld`].
    pub fn jsonld(mut self, jsonld: ler_jsonld::Limits) -> Self {
        self.jsonld = jsonld;
        self
    }
}

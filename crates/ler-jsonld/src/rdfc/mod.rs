//! RDF Dataset Canonicalization (RDFC-1.0, <https://www.w3.org/TR/rdf-canon/>).
//!
//! How it stays fast on credentials, where almost every blank node is told apart by its own
//! quads:
//! - blank nodes become dense indices, and each quad that mentions one is serialized once into a
//!   shared buffer, as its whole line with holes where blank-node labels go; every later line
//!   (first-degree hashing, the output) is assembled from it by copying, without escaping again;
//! - hashes are kept as raw bytes (their order is the order of their hex form), and turned into
//!   hex only where the algorithm hashes a hash;
//! - when the first-degree hashes are all distinct, the N-degree algorithm never runs.
//!
//! The N-degree algorithm is exponential on symmetric ("poison") graphs, so it runs under one
//! hashing-work budget for the whole dataset and a recursion depth, set in
//! [`CanonicalizeOptions`]; passing one returns an error rather than running on. Issuers of
//! the N-degree algorithm are sparse (sized by what they issued, not by the dataset), and every
//! identifier copied is charged to the budget, so memory stays bounded too.
//!
//! The pieces, in the order a run uses them: this module holds the public entry points and
//! options; [`prepared`] numbers the blank nodes and pre-serializes their quads; [`first_degree`]
//! hashes each blank node's own quads; [`ndegree`] tells apart the nodes that share a hash, with
//! the identifier issuers of [`issuer`] and the hash values of [`hash`]; [`output`] writes the
//! canonical N-Quads.

mod first_degree;
mod hash;
mod issuer;
mod ndegree;
mod output;
pub(crate) mod prepared;

use crate::limits::Limits;
use crate::rdf::{BlankNode, Dataset};
use issuer::Issuer;
use ndegree::State;
use prepared::{Prepared, Scratch};

/// The hash function RDFC-1.0 runs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum HashAlgorithm {
    /// SHA-256, the RDFC-1.0 default (and what `eddsa-rdfc-2022` uses).
    #[default]
    Sha256,
    /// SHA-384 (used by ECDSA P-384 suites).
    Sha384,
}

/// Settings for [`canonicalize_with`]: the hash function and the work limits.
///
/// RDFC-1.0 is exponential on symmetric ("poison") graphs, and even a benign-looking dataset of
/// tens of thousands of indistinguishable blank nodes needs Hash N-Degree Quads for each. So
/// the whole run gets one hashing-work budget ([`Limits::max_hash_work`], counted over the
/// dataset, not per blank node), a cap on blank nodes ([`Limits::max_blank_nodes`]) and a cap
/// on recursion depth. Issuers are sparse and every identifier copied between them is charged
/// to the budget, so memory is bounded along with time. The defaults canonicalize every test of
/// the W3C suite and refuse its poison clique within milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CanonicalizeOptions {
    hash: HashAlgorithm,
    max_blank_nodes: usize,
    max_statements: usize,
    max_hash_work: u64,
    max_depth: usize,
}

impl Default for CanonicalizeOptions {
    fn default() -> Self {
        let limits = Limits::default();
        Self {
            hash: HashAlgorithm::Sha256,
            max_blank_nodes: limits.max_blank_nodes,
            max_statements: limits.max_statements,
            max_hash_work: limits.max_hash_work,
            max_depth: 64,
        }
    }
}

impl CanonicalizeOptions {
    /// The defaults: SHA-256, the default [`Limits`], a recursion depth of 64.
    pub fn new() -> Self {
        Self::default()
    }

    /// Chooses the hash function.
    pub fn hash(mut self, hash: HashAlgorithm) -> Self {
        self.hash = hash;
        self
    }

    /// Takes the blank-node and statement caps and the hashing-work budget from `limits`.
    pub fn limits(mut self, limits: &Limits) -> Self {
        self.max_blank_nodes = limits.max_blank_nodes;
        self.max_statements = limits.max_statements;
        self.max_hash_work = limits.max_hash_work;
        self
    }

    /// Caps the blank nodes of the dataset (see [`Limits::max_blank_nodes`]).
    pub fn max_blank_nodes(mut self, limit: usize) -> Self {
        self.max_blank_nodes = limit;
        self
    }

    /// Caps the statements (quads) of the dataset (see [`Limits::max_statements`]).
    pub fn max_statements(mut self, limit: usize) -> Self {
        self.max_statements = limit;
        self
    }

    /// Sets the hashing-work budget for the whole dataset (see [`Limits::max_hash_work`]).
    pub fn max_hash_work(mut self, limit: u64) -> Self {
        self.max_hash_work = limit;
        self
    }

    /// Caps the recursion depth of Hash N-Degree Quads (which also bounds stack use).
    pub fn max_depth(mut self, limit: usize) -> Self {
        self.max_depth = limit;
        self
    }
}

/// Why canonicalization stopped: a limit of [`CanonicalizeOptions`] was reached.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CanonicalizeError {
    /// The dataset holds more blank nodes than allowed.
    #[error("the dataset has {count} blank nodes, more than the limit of {limit}")]
    TooManyBlankNodes {
        /// How many blank nodes the dataset holds.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// The dataset holds more statements than allowed.
    #[error("the dataset has {count} statements, more than the limit of {limit}")]
    TooManyStatements {
        /// How many statements (quads) the dataset holds.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// The hashing-work budget for the dataset ran out (typical of a poison graph, or of very
    /// many blank nodes that first-degree hashing cannot tell apart).
    #[error("RDFC-1.0 gave up: the dataset needs more than {limit} steps of hashing work")]
    HashWorkExceeded {
        /// The budget that ran out.
        limit: u64,
    },
    /// Hash N-Degree Quads recursed deeper than allowed.
    #[error("RDFC-1.0 gave up: Hash N-Degree Quads recursed deeper than {limit}")]
    TooDeep {
        /// The limit that was reached.
        limit: usize,
    },
}

/// The result of canonicalization: canonical N-Quads and the issued identifiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonicalized {
    nquads: String,
    /// Input blank nodes in issuance order: `issued[k]` became `c14n<k>`.
    issued: Vec<BlankNode>,
}

impl Canonicalized {
    /// The canonical N-Quads: sorted lines, each ending in `\n`, no duplicates.
    pub fn nquads(&self) -> &str {
        &self.nquads
    }

    /// The canonical N-Quads, owned.
    pub fn into_nquads(self) -> String {
        self.nquads
    }

    /// The issued identifiers map, in issuance order: (input label, canonical label), both
    /// without `_:`, for example `("e0", "c14n0")`.
    pub fn issued_identifiers(&self) -> impl ExactSizeIterator<Item = (&str, String)> + '_ {
        self.issued
            .iter()
            .enumerate()
            .map(|(k, b)| (b.label(), format!("c14n{k}")))
    }

    /// The canonical label (without `_:`) issued for an input blank node label.
    pub fn canonical_label(&self, input_label: &str) -> Option<String> {
        self.issued
            .iter()
            .position(|b| b.label() == input_label)
            .map(|k| format!("c14n{k}"))
    }
}

/// Canonicalizes a dataset with RDFC-1.0, SHA-256 and the default limits.
///
/// ```
/// let input = "_:x <http://schema.org/knows> _:y .\n_:y <http://schema.org/name> \"Bo\" .\n";
/// let dataset = ler_jsonld::parse_nquads(input)?;
/// let canonical = ler_jsonld::canonicalize(&dataset)?;
/// assert_eq!(
///     canonical.nquads(),
///     "_:c14n0 <http://schema.org/knows> _:c14n1 .\n_:c14n1 <http://schema.org/name> \"Bo\" .\n",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn canonicalize(dataset: &Dataset) -> Result<Canonicalized, CanonicalizeError> {
    canonicalize_with(dataset, &CanonicalizeOptions::default())
}

/// Canonicalizes a dataset with RDFC-1.0 under the given options.
pub fn canonicalize_with(
    dataset: &Dataset,
    options: &CanonicalizeOptions,
) -> Result<Canonicalized, CanonicalizeError> {
    check_statements(dataset.len(), options)?;
    let mut scratch = Scratch::take();
    let prepared = Prepared::new(dataset, options.hash, &mut scratch);
    canonicalize_prepared(prepared, options, scratch)
}

fn check_statements(count: usize, options: &CanonicalizeOptions) -> Result<(), CanonicalizeError> {
    if count > options.max_statements {
        return Err(CanonicalizeError::TooManyStatements {
            count,
            limit: options.max_statements,
        });
    }
    Ok(())
}

/// Canonicalizes the statements `builder` was given (straight from JSON-LD to RDF).
pub(crate) fn canonicalize_built(
    builder: prepared::Builder,
    options: &CanonicalizeOptions,
    mut scratch: Scratch,
) -> Result<Canonicalized, CanonicalizeError> {
    check_statements(builder.statements(), options)?;
    let prepared = builder.finish(options.hash, &mut scratch);
    canonicalize_prepared(prepared, options, scratch)
}

/// Steps 2 to 6 on input already prepared (from a dataset, or straight from JSON-LD to RDF),
/// its statements already checked against the limit by the caller, before preparing them.
fn canonicalize_prepared(
    mut prepared: Prepared,
    options: &CanonicalizeOptions,
    mut scratch: Scratch,
) -> Result<Canonicalized, CanonicalizeError> {
    if prepared.labels.len() > options.max_blank_nodes {
        return Err(CanonicalizeError::TooManyBlankNodes {
            count: prepared.labels.len(),
            limit: options.max_blank_nodes,
        });
    }
    // Duplicate quads change first-degree hashes. They are rare, and they show up as equal lines
    // in a first-degree hash input, so dedupe (a sort of the quads) only when that happens.
    let (mut first, suspect_duplicates) = prepared.first_degree_hashes();
    if suspect_duplicates {
        prepared = prepared.without_duplicates(&mut scratch);
        first = prepared.first_degree_hashes().0;
    }
    let mut state = State {
        p: &prepared,
        options,
        canonical: Issuer::new(prepared.labels.len()),
        work: 0,
    };
    state.run(&first)?;
    let canonical = state.canonical;
    let issued = canonical
        .order
        .iter()
        .map(|&b| prepared.labels[b as usize].clone())
        .collect();
    let nquads = prepared.output(&canonical, &mut scratch);
    scratch.give_back();
    Ok(Canonicalized { nquads, issued })
}

// Small helpers every step shares.

/// "No blank node" in the `u32` slots and tables of the steps.
pub(super) const NONE: u32 = u32::MAX;

pub(super) fn idx(n: usize) -> u32 {
    // Datasets beyond 4 billion quads or bytes cannot be held in memory anyway.
    u32::try_from(n).unwrap_or(NONE)
}

pub(super) fn idx_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Appends `n` in decimal (issued identifiers), without formatting machinery.
pub(super) fn push_decimal(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_nquads;

    #[test]
    fn ground_datasets_are_sorted_and_deduplicated() {
        let ds = parse_nquads(
            "<urn:b> <urn:p> \"x\" .\n<urn:a> <urn:p> \"x\" .\n<urn:b> <urn:p> \"x\" .\n",
        )
        .unwrap();
        let c = canonicalize(&ds).unwrap();
        assert_eq!(
            c.nquads(),
            "<urn:a> <urn:p> \"x\" .\n<urn:b> <urn:p> \"x\" .\n"
        );
        assert_eq!(c.issued_identifiers().len(), 0);
    }

    #[test]
    fn empty_dataset_is_empty_text() {
        assert_eq!(canonicalize(&Dataset::new()).unwrap().nquads(), "");
    }
}

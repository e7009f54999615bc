//! RDF Dataset Canonicalization (RDFC-1.0, <https://www.w3.org/TR/rdf-canon/>).
//!
//! How it stays fast on credentials, where almost every blank node is told apart by its own
//! quads:
//! - blank nodes become dense indices, and each quad that mentions one is serialized once into a
//!   shared buffer, as text pieces with blank-node slots; every later line (first-degree hashing,
//!   the output) is assembled from those pieces by copying, without escaping again;
//! - hashes are kept as raw bytes (their order is the order of their hex form), and turned into
//!   hex only where the algorithm hashes a hash;
//! - when the first-degree hashes are all distinct, the N-degree algorithm never runs.
//!
//! The N-degree algorithm is exponential on symmetric ("poison") graphs, so it runs under one
//! hashing-work budget for the whole dataset and a recursion depth, set in
//! [`CanonicalizeOptions`]; passing one returns an error rather than running on. Issuers of
//! the N-degree algorithm are sparse (sized by what they issued, not by the dataset), and every
//! identifier copied is charged to the budget, so memory stays bounded too.

use sha2::{Digest as _, Sha256, Sha384};
use std::collections::HashMap;

use crate::limits::Limits;
use crate::nquads::{write_iri, write_literal, write_quad};
use crate::rdf::{BlankNode, Dataset, NamedOrBlank, Quad, Term};

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
    // Duplicate quads change first-degree hashes. They are rare, and they show up as equal lines
    // in a first-degree hash input, so dedupe (a sort of the quads) only when that happens.
    if dataset.len() > options.max_statements {
        return Err(CanonicalizeError::TooManyStatements {
            count: dataset.len(),
            limit: options.max_statements,
        });
    }
    let mut scratch = Scratch::take();
    let mut prepared = Prepared::new(dataset, options.hash, false, &mut scratch);
    if prepared.labels.len() > options.max_blank_nodes {
        return Err(CanonicalizeError::TooManyBlankNodes {
            count: prepared.labels.len(),
            limit: options.max_blank_nodes,
        });
    }
    let (mut first, suspect_duplicates) = prepared.first_degree_hashes();
    if suspect_duplicates {
        prepared = Prepared::new(dataset, options.hash, true, &mut scratch);
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
    let nquads = prepared.output(dataset, &canonical, &mut scratch);
    scratch.give_back();
    Ok(Canonicalized { nquads, issued })
}

const NONE: u32 = u32::MAX;

/// A hash value as raw bytes; byte order is the order of the hex form.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct HashValue {
    bytes: [u8; 48],
    len: u8,
}

impl HashValue {
    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    fn write_hex(&self, out: &mut String) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        for &b in self.as_bytes() {
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
}

enum Hasher {
    Sha256(Sha256),
    Sha384(Sha384),
}

impl Hasher {
    fn new(alg: HashAlgorithm) -> Self {
        match alg {
            HashAlgorithm::Sha256 => Self::Sha256(Sha256::new()),
            HashAlgorithm::Sha384 => Self::Sha384(Sha384::new()),
        }
    }

    fn update(&mut self, data: &[u8]) {
        match self {
            Self::Sha256(h) => h.update(data),
            Self::Sha384(h) => h.update(data),
        }
    }

    fn finish(self) -> HashValue {
        let mut value = HashValue {
            bytes: [0; 48],
            len: 0,
        };
        match self {
            Self::Sha256(h) => {
                value.bytes[..32].copy_from_slice(&h.finalize());
                value.len = 32;
            }
            Self::Sha384(h) => {
                value.bytes.copy_from_slice(&h.finalize());
                value.len = 48;
            }
        }
        value
    }
}

/// One position of a pre-serialized quad.
#[derive(Clone, Copy)]
enum Slot {
    /// Serialized text `text[start..end]`.
    Text(u32, u32),
    /// Blank node with this index.
    Blank(u32),
    /// No graph name (default graph).
    Absent,
}

/// A quad mentioning at least one blank node, pre-serialized: subject, predicate, object, graph.
struct BQuad {
    slots: [Slot; 4],
}

/// Buffers kept per thread between calls: a verifier canonicalizes document after document, and
/// reusing these spares the allocator (and the page faults of memory it hands back to the system
/// and takes again). Buffers that grew past `SCRATCH_KEEP_LIMIT` bytes are not kept.
#[derive(Default)]
struct Scratch {
    text: String,
    lines: String,
    bquads: Vec<BQuad>,
    ranges: Vec<(u32, u32)>,
    quad_list: Vec<u32>,
}

const SCRATCH_KEEP_LIMIT: usize = 1 << 20;

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

impl Scratch {
    fn take() -> Self {
        SCRATCH.try_with(|cell| cell.take()).unwrap_or_default()
    }

    fn give_back(mut self) {
        self.text.clear();
        self.lines.clear();
        self.bquads.clear();
        self.ranges.clear();
        self.quad_list.clear();
        if self.text.capacity() + self.lines.capacity() > SCRATCH_KEEP_LIMIT
            || self.bquads.capacity() * std::mem::size_of::<BQuad>() > SCRATCH_KEEP_LIMIT
        {
            return;
        }
        let _ = SCRATCH.try_with(|cell| cell.set(self));
    }
}

/// What the algorithm needs from the input, computed once.
struct Prepared {
    hash: HashAlgorithm,
    /// Input labels by blank node index (indices in order of first appearance).
    labels: Vec<BlankNode>,
    /// Serialized non-blank terms of the quads in `bquads`.
    text: String,
    /// Distinct quads that mention a blank node.
    bquads: Vec<BQuad>,
    /// Blank node -> its quads: `quad_list[quad_start[b]..quad_start[b + 1]]`.
    quad_start: Vec<u32>,
    quad_list: Vec<u32>,
    /// Indices into the dataset of distinct ground quads.
    ground: Vec<u32>,
}

fn idx(n: usize) -> u32 {
    // Datasets beyond 4 billion quads or bytes cannot be held in memory anyway.
    u32::try_from(n).unwrap_or(NONE)
}

impl Prepared {
    fn new<'d>(
        dataset: &'d Dataset,
        hash: HashAlgorithm,
        dedupe: bool,
        scratch: &mut Scratch,
    ) -> Self {
        let quads = dataset.quads();
        let mut index: HashMap<&'d str, u32> = HashMap::with_capacity(quads.len() / 4);
        let mut labels: Vec<BlankNode> = Vec::with_capacity(quads.len() / 4);
        let mut ground = Vec::with_capacity(quads.len());
        let mut with_blanks: Vec<u32> = Vec::with_capacity(quads.len());
        // Quads of one subject usually come together, so remember the last label looked up.
        let mut last: (&'d str, u32) = ("", NONE);
        let mut id_of = |b: &'d BlankNode, labels: &mut Vec<BlankNode>| -> u32 {
            if last.1 != NONE && last.0 == b.label() {
                return last.1;
            }
            let id = *index.entry(b.label()).or_insert_with(|| {
                labels.push(b.clone());
                idx(labels.len() - 1)
            });
            last = (b.label(), id);
            id
        };
        let mut ids: Vec<[u32; 3]> = Vec::with_capacity(quads.len());
        for (i, q) in quads.iter().enumerate() {
            let s = match &q.subject {
                NamedOrBlank::Blank(b) => id_of(b, &mut labels),
                NamedOrBlank::Iri(_) => NONE,
            };
            let o = match &q.object {
                Term::Blank(b) => id_of(b, &mut labels),
                _ => NONE,
            };
            let g = match &q.graph {
                Some(NamedOrBlank::Blank(b)) => id_of(b, &mut labels),
                _ => NONE,
            };
            if s == NONE && o == NONE && g == NONE {
                ground.push(idx(i));
            } else {
                with_blanks.push(idx(i));
                ids.push([s, o, g]);
            }
        }
        let keep = if dedupe {
            first_occurrences(quads, &with_blanks)
        } else {
            vec![true; with_blanks.len()]
        };

        let mut text = std::mem::take(&mut scratch.text);
        text.clear();
        text.reserve(
            with_blanks
                .iter()
                .map(|&qi| approx_line_len(&quads[qi as usize]))
                .sum(),
        );
        let mut bquads = std::mem::take(&mut scratch.bquads);
        bquads.clear();
        bquads.reserve(with_blanks.len());
        let mut counts = vec![0u32; labels.len() + 1];
        for (k, &qi) in with_blanks.iter().enumerate() {
            if !keep[k] {
                continue;
            }
            let q = &quads[qi as usize];
            let [s, o, g] = ids[k];
            let mut text_slot = |write: &dyn Fn(&mut String)| {
                let start = idx(text.len());
                write(&mut text);
                Slot::Text(start, idx(text.len()))
            };
            let subject = if s == NONE {
                text_slot(&|t| crate::nquads::write_subject(t, &q.subject))
            } else {
                Slot::Blank(s)
            };
            let predicate = text_slot(&|t| write_iri(t, q.predicate.as_str()));
            let object = if o != NONE {
                Slot::Blank(o)
            } else {
                match &q.object {
                    Term::Literal(l) => text_slot(&|t| write_literal(t, l)),
                    Term::Iri(i) => text_slot(&|t| write_iri(t, i.as_str())),
                    Term::Blank(_) => Slot::Absent,
                }
            };
            let graph = match (&q.graph, g) {
                (_, g) if g != NONE => Slot::Blank(g),
                (Some(node), _) => text_slot(&|t| crate::nquads::write_subject(t, node)),
                (None, _) => Slot::Absent,
            };
            // Each blank node lists a quad once, even when it fills several positions.
            let mut seen = [NONE; 3];
            for (j, b) in [s, o, g].into_iter().enumerate() {
                if b != NONE && !seen.contains(&b) {
                    seen[j] = b;
                    counts[b as usize + 1] += 1;
                }
            }
            bquads.push(BQuad {
                slots: [subject, predicate, object, graph],
            });
        }
        // Compressed lists: offsets from counts, then fill.
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let quad_start = counts.clone();
        let mut fill = counts;
        let mut quad_list = std::mem::take(&mut scratch.quad_list);
        quad_list.clear();
        quad_list.resize(quad_start.last().copied().unwrap_or(0) as usize, 0);
        for (qi, bq) in bquads.iter().enumerate() {
            let mut seen = [NONE; 3];
            for (j, slot) in [bq.slots[0], bq.slots[2], bq.slots[3]]
                .into_iter()
                .enumerate()
            {
                if let Slot::Blank(b) = slot
                    && !seen.contains(&b)
                {
                    seen[j] = b;
                    let at = &mut fill[b as usize];
                    quad_list[*at as usize] = idx(qi);
                    *at += 1;
                }
            }
        }
        Self {
            hash,
            labels,
            text,
            bquads,
            quad_start,
            quad_list,
            ground,
        }
    }

    fn quads_of(&self, b: u32) -> &[u32] {
        let start = self.quad_start[b as usize] as usize;
        let end = self.quad_start[b as usize + 1] as usize;
        &self.quad_list[start..end]
    }

    fn slot_text(&self, start: u32, end: u32) -> &str {
        &self.text[start as usize..end as usize]
    }

    /// Appends one line of a blank-node quad, labelling blank nodes with `label`.
    fn write_line(&self, out: &mut String, q: &BQuad, label: &mut impl FnMut(u32, &mut String)) {
        for (i, slot) in q.slots.iter().enumerate() {
            match *slot {
                Slot::Text(s, e) => {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(self.slot_text(s, e));
                }
                Slot::Blank(b) => {
                    if i > 0 {
                        out.push(' ');
                    }
                    label(b, out);
                }
                Slot::Absent => {}
            }
        }
        out.push_str(" .\n");
    }

    /// Hash First Degree Quads of every blank node, and whether some hash input held the same
    /// line twice (which a duplicate quad causes).
    fn first_degree_hashes(&self) -> (Vec<HashValue>, bool) {
        let mut lines = String::new();
        let mut ranges = Vec::new();
        let mut repeated = false;
        let hashes = (0..idx(self.labels.len()))
            .map(|b| {
                let (hash, r) = self.first_degree(b, &mut lines, &mut ranges);
                repeated |= r;
                hash
            })
            .collect();
        (hashes, repeated)
    }

    /// Hash First Degree Quads (RDFC-1.0 §4.6), and whether two lines were equal.
    fn first_degree(
        &self,
        n: u32,
        lines: &mut String,
        ranges: &mut Vec<(u32, u32)>,
    ) -> (HashValue, bool) {
        lines.clear();
        ranges.clear();
        for &qi in self.quads_of(n) {
            let start = idx(lines.len());
            self.write_line(lines, &self.bquads[qi as usize], &mut |b, out| {
                out.push_str(if b == n { "_:a" } else { "_:z" });
            });
            ranges.push((start, idx(lines.len())));
        }
        let text = lines.as_bytes();
        ranges.sort_unstable_by(|a, b| {
            text[a.0 as usize..a.1 as usize].cmp(&text[b.0 as usize..b.1 as usize])
        });
        let mut hasher = Hasher::new(self.hash);
        let mut repeated = false;
        let mut previous: &[u8] = &[];
        for &(s, e) in ranges.iter() {
            let line = &text[s as usize..e as usize];
            repeated |= line == previous;
            hasher.update(line);
            previous = line;
        }
        (hasher.finish(), repeated)
    }

    /// Step 6: the canonical N-Quads, sorted, without duplicates.
    fn output(self, dataset: &Dataset, canonical: &Issuer, scratch: &mut Scratch) -> String {
        let quads = dataset.quads();
        let ground_len: usize = self
            .ground
            .iter()
            .map(|&gi| approx_line_len(&quads[gi as usize]))
            .sum();
        let mut lines = std::mem::take(&mut scratch.lines);
        lines.clear();
        lines.reserve(self.text.len() + self.bquads.len() * 24 + ground_len);
        let mut ranges = std::mem::take(&mut scratch.ranges);
        ranges.clear();
        ranges.reserve(self.ground.len() + self.bquads.len());
        for q in &self.bquads {
            let start = idx(lines.len());
            self.write_line(&mut lines, q, &mut |b, out| {
                out.push_str("_:c14n");
                push_decimal(out, canonical.ids[b as usize]);
            });
            ranges.push((start, idx(lines.len())));
        }
        for &gi in &self.ground {
            let start = idx(lines.len());
            write_quad(&mut lines, &quads[gi as usize]);
            ranges.push((start, idx(lines.len())));
        }
        let out = sorted_lines(&lines, &ranges);
        scratch.lines = lines;
        scratch.ranges = ranges;
        scratch.text = self.text;
        scratch.bquads = self.bquads;
        scratch.quad_list = self.quad_list;
        out
    }
}

/// Concatenates the lines `lines[r.0..r.1]` of `ranges` in code point order, without duplicates.
///
/// A line is a subject, a space, and the rest; subjects hold no space, and every character that
/// may follow a subject's prefix sorts after the space, so line order is subject order, then the
/// order of the rest. Lines arrive grouped by subject (as JSON-LD to RDF writes them), so this
/// sorts each run of one subject by the rest, then the runs by subject, which compares far fewer
/// and shorter byte strings than sorting whole lines.
fn sorted_lines(lines: &str, ranges: &[(u32, u32)]) -> String {
    let bytes = lines.as_bytes();
    let line = |r: (u32, u32)| &bytes[r.0 as usize..r.1 as usize];
    // (subject end, line end, line start) per line, in input order.
    let split: Vec<(u32, u32, u32)> = ranges
        .iter()
        .map(|&(start, end)| {
            let subject_len = line((start, end))
                .iter()
                .position(|&b| b == b' ')
                .unwrap_or(0);
            (start + idx(subject_len), end, start)
        })
        .collect();
    let subject = |k: usize| &bytes[split[k].2 as usize..split[k].0 as usize];
    let rest = |k: usize| &bytes[split[k].0 as usize..split[k].1 as usize];
    let mut order: Vec<u32> = (0..idx(split.len())).collect();
    // Runs of adjacent lines with one subject, as [start, end) into `order`.
    let mut runs: Vec<(u32, u32)> = Vec::new();
    let mut start = 0usize;
    for k in 1..=split.len() {
        if k == split.len() || subject(k) != subject(start) {
            runs.push((idx(start), idx(k)));
            start = k;
        }
    }
    for &(a, b) in &runs {
        order[a as usize..b as usize]
            .sort_unstable_by(|&x, &y| rest(x as usize).cmp(rest(y as usize)));
    }
    runs.sort_by(|a, b| subject(a.0 as usize).cmp(subject(b.0 as usize)));
    let mut out = String::with_capacity(lines.len());
    let mut previous: &[u8] = &[];
    let mut emit = |k: usize, out: &mut String| {
        let r = (split[k].2, split[k].1);
        if line(r) != previous {
            previous = line(r);
            // Whole lines of a `str`, so on char boundaries.
            out.push_str(lines.get(r.0 as usize..r.1 as usize).unwrap_or_default());
        }
    };
    let mut group: Vec<u32> = Vec::new();
    for same in runs.chunk_by(|a, b| subject(a.0 as usize) == subject(b.0 as usize)) {
        if let [(a, b)] = same {
            for &k in &order[*a as usize..*b as usize] {
                emit(k as usize, &mut out);
            }
        } else {
            // One subject in several runs: merge them.
            group.clear();
            for &(a, b) in same {
                group.extend_from_slice(&order[a as usize..b as usize]);
            }
            group.sort_unstable_by(|&x, &y| rest(x as usize).cmp(rest(y as usize)));
            for &k in &group {
                emit(k as usize, &mut out);
            }
        }
    }
    out
}

/// About the length of a quad's N-Quads line (exact unless a literal needs escapes).
fn approx_line_len(q: &Quad) -> usize {
    let node = |n: &NamedOrBlank| match n {
        NamedOrBlank::Iri(i) => i.as_str().len() + 2,
        NamedOrBlank::Blank(b) => b.label().len() + 2,
    };
    let object = match &q.object {
        Term::Iri(i) => i.as_str().len() + 2,
        Term::Blank(b) => b.label().len() + 2,
        Term::Literal(l) => l.value().len() + 6 + l.datatype().as_str().len(),
    };
    node(&q.subject)
        + q.predicate.as_str().len()
        + 2
        + object
        + q.graph.as_ref().map_or(0, node)
        + 6
}

/// For each listed quad, whether it is the first occurrence of its value.
fn first_occurrences(quads: &[Quad], listed: &[u32]) -> Vec<bool> {
    let mut order: Vec<u32> = (0..idx(listed.len())).collect();
    let at = |k: u32| &quads[listed[k as usize] as usize];
    order.sort_unstable_by(|&a, &b| at(a).cmp(at(b)).then(a.cmp(&b)));
    let mut keep = vec![true; listed.len()];
    for pair in order.windows(2) {
        if let [a, b] = *pair
            && at(a) == at(b)
        {
            keep[b as usize] = false;
        }
    }
    keep
}

fn push_decimal(out: &mut String, mut n: u32) {
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

/// The canonical identifier issuer over blank node indices (RDFC-1.0 §4.5): dense, one per run.
struct Issuer {
    /// Issued number by blank node index, or `NONE`.
    ids: Vec<u32>,
    /// Blank nodes in issuance order.
    order: Vec<u32>,
}

impl Issuer {
    fn new(blank_nodes: usize) -> Self {
        Self {
            ids: vec![NONE; blank_nodes],
            order: Vec::new(),
        }
    }

    fn get(&self, b: u32) -> Option<u32> {
        match self.ids[b as usize] {
            NONE => None,
            id => Some(id),
        }
    }

    fn issue(&mut self, b: u32) -> u32 {
        if let Some(id) = self.get(b) {
            return id;
        }
        let id = idx(self.order.len());
        self.ids[b as usize] = id;
        self.order.push(b);
        id
    }
}

/// A temporary issuer of Hash N-Degree Quads: sparse, so its size (and the cost of copying it,
/// which the work budget is charged) is what it issued, not the size of the dataset. A dense
/// issuer per blank node made tens of thousands of identical blank nodes quadratic in memory.
/// Most hold a handful of nodes, found by a scan; larger ones get an index.
#[derive(Clone, Default)]
struct TempIssuer {
    /// Blank nodes in issuance order (the issued number is the position).
    order: Vec<u32>,
    /// Blank node -> issued number, once `order` is longer than `SCAN_UP_TO`.
    index: Option<HashMap<u32, u32>>,
}

impl TempIssuer {
    const SCAN_UP_TO: usize = 24;

    fn get(&self, b: u32) -> Option<u32> {
        match &self.index {
            Some(index) => index.get(&b).copied(),
            None => self.order.iter().position(|&x| x == b).map(idx),
        }
    }

    fn issue(&mut self, b: u32) -> u32 {
        if let Some(id) = self.get(b) {
            return id;
        }
        let id = idx(self.order.len());
        self.order.push(b);
        if let Some(index) = &mut self.index {
            index.insert(b, id);
        } else if self.order.len() > Self::SCAN_UP_TO {
            self.index = Some(
                self.order
                    .iter()
                    .enumerate()
                    .map(|(k, &x)| (x, idx(k)))
                    .collect(),
            );
        }
        id
    }

    fn len(&self) -> u64 {
        self.order.len() as u64
    }
}

struct State<'a> {
    p: &'a Prepared,
    options: &'a CanonicalizeOptions,
    canonical: Issuer,
    /// Hashing work spent so far, over the whole dataset.
    work: u64,
}

impl State<'_> {
    /// Charges `steps` of work to the dataset's budget.
    fn charge(&mut self, steps: u64) -> Result<(), CanonicalizeError> {
        self.work = self.work.saturating_add(steps);
        if self.work > self.options.max_hash_work {
            return Err(CanonicalizeError::HashWorkExceeded {
                limit: self.options.max_hash_work,
            });
        }
        Ok(())
    }

    fn run(&mut self, first: &[HashValue]) -> Result<(), CanonicalizeError> {
        let count = self.p.labels.len();
        // Blank nodes by first-degree hash; the stable sort keeps first-appearance order within
        // a hash, which is the order RDFC-1.0 visits them in.
        let mut by_hash: Vec<u32> = (0..idx(count)).collect();
        by_hash.sort_by(|&a, &b| first[a as usize].cmp(&first[b as usize]));
        let groups: Vec<&[u32]> = by_hash
            .chunk_by(|&a, &b| first[a as usize] == first[b as usize])
            .collect();
        // Step 4: unique hashes are issued in hash order.
        for group in &groups {
            if let [only] = group {
                self.canonical.issue(*only);
            }
        }
        // Step 5: shared hashes, via Hash N-Degree Quads.
        for group in groups.iter().filter(|g| g.len() > 1) {
            let mut results: Vec<(HashValue, TempIssuer)> = Vec::new();
            for &n in group.iter() {
                if self.canonical.get(n).is_some() {
                    continue;
                }
                let mut issuer = TempIssuer::default();
                issuer.issue(n);
                results.push(self.hash_ndegree(n, issuer, first, 0)?);
            }
            results.sort_by_key(|r| r.0);
            for (_, issuer) in &results {
                for &b in &issuer.order {
                    self.canonical.issue(b);
                }
            }
        }
        Ok(())
    }

    /// Appends the identifier Hash Related Blank Node uses for `related`.
    fn related_identifier(
        &self,
        out: &mut String,
        related: u32,
        issuer: &TempIssuer,
        first: &[HashValue],
    ) {
        if let Some(id) = self.canonical.get(related) {
            out.push_str("_:c14n");
            push_decimal(out, id);
        } else if let Some(id) = issuer.get(related) {
            out.push_str("_:b");
            push_decimal(out, id);
        } else {
            first[related as usize].write_hex(out);
        }
    }

    /// Hash N-Degree Quads (RDFC-1.0 §4.8), under the work limits.
    fn hash_ndegree(
        &mut self,
        n: u32,
        mut issuer: TempIssuer,
        first: &[HashValue],
        depth: usize,
    ) -> Result<(HashValue, TempIssuer), CanonicalizeError> {
        let limits = self.options;
        self.charge(1)?;
        if depth >= limits.max_depth {
            return Err(CanonicalizeError::TooDeep {
                limit: limits.max_depth,
            });
        }
        let p = self.p;
        // Steps 1-3: related blank nodes by Hash Related Blank Node.
        let mut related: Vec<(HashValue, u32)> = Vec::new();
        let mut input = String::new();
        for &qi in p.quads_of(n) {
            let q = &p.bquads[qi as usize];
            for (slot, position) in [(q.slots[0], b's'), (q.slots[2], b'o'), (q.slots[3], b'g')] {
                let Slot::Blank(r) = slot else { continue };
                if r == n {
                    continue;
                }
                self.charge(1)?;
                input.clear();
                input.push(char::from(position));
                if position != b'g'
                    && let Slot::Text(s, e) = q.slots[1]
                {
                    input.push_str(p.slot_text(s, e));
                }
                self.related_identifier(&mut input, r, &issuer, first);
                let mut hasher = Hasher::new(p.hash);
                hasher.update(input.as_bytes());
                related.push((hasher.finish(), r));
            }
        }
        related.sort_by_key(|r| r.0);

        // Step 5.
        let mut data = Hasher::new(p.hash);
        let mut hex = String::new();
        for group in related.chunk_by(|a, b| a.0 == b.0) {
            hex.clear();
            group[0].0.write_hex(&mut hex);
            data.update(hex.as_bytes());
            let nodes: Vec<u32> = group.iter().map(|&(_, r)| r).collect();
            let mut chosen: Option<(String, TempIssuer)> = None;
            let mut perm: Vec<usize> = (0..nodes.len()).collect();
            'permutations: loop {
                // The copy of the issuer and the path both grow with what is charged here.
                self.charge(issuer.len() + idx_u64(nodes.len()))?;
                let mut copy = issuer.clone();
                let mut path = String::new();
                let mut recursion = Vec::new();
                let worse = |path: &str, chosen: &Option<(String, TempIssuer)>| match chosen {
                    Some((c, _)) => path.len() >= c.len() && path > c.as_str(),
                    None => false,
                };
                for &k in &perm {
                    let r = nodes[k];
                    if let Some(id) = self.canonical.get(r) {
                        path.push_str("_:c14n");
                        push_decimal(&mut path, id);
                    } else {
                        if copy.get(r).is_none() {
                            recursion.push(r);
                        }
                        path.push_str("_:b");
                        push_decimal(&mut path, copy.issue(r));
                    }
                    if worse(&path, &chosen) {
                        if !next_permutation(&mut perm) {
                            break 'permutations;
                        }
                        continue 'permutations;
                    }
                }
                for r in recursion {
                    let id = copy.issue(r);
                    let (hash, returned) = self.hash_ndegree(r, copy, first, depth + 1)?;
                    copy = returned;
                    path.push_str("_:b");
                    push_decimal(&mut path, id);
                    path.push('<');
                    hash.write_hex(&mut path);
                    path.push('>');
                    if worse(&path, &chosen) {
                        if !next_permutation(&mut perm) {
                            break 'permutations;
                        }
                        continue 'permutations;
                    }
                }
                let better = match &chosen {
                    Some((c, _)) => path.as_str() < c.as_str(),
                    None => true,
                };
                if better {
                    chosen = Some((path, copy));
                }
                if !next_permutation(&mut perm) {
                    break;
                }
            }
            if let Some((path, chosen_issuer)) = chosen {
                data.update(path.as_bytes());
                issuer = chosen_issuer;
            }
        }
        Ok((data.finish(), issuer))
    }
}

fn idx_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Advances to the next permutation in lexicographic order; false after the last one.
fn next_permutation(perm: &mut [usize]) -> bool {
    let Some(i) = perm.windows(2).rposition(|w| w[0] < w[1]) else {
        return false;
    };
    let Some(j) = perm.iter().rposition(|&x| x > perm[i]) else {
        return false;
    };
    perm.swap(i, j);
    perm[i + 1..].reverse();
    true
}

impl std::fmt::Debug for HashValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = String::new();
        self.write_hex(&mut s);
        f.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_nquads;

    #[test]
    fn permutations_are_lexicographic_and_complete() {
        let mut p = vec![0, 1, 2];
        let mut seen = vec![p.clone()];
        while next_permutation(&mut p) {
            seen.push(p.clone());
        }
        assert_eq!(
            seen,
            [
                [0, 1, 2],
                [0, 2, 1],
                [1, 0, 2],
                [1, 2, 0],
                [2, 0, 1],
                [2, 1, 0]
            ]
        );
    }

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
    fn line_sort_matches_a_plain_sort() {
        // Subjects that prefix each other, repeated in separate runs, duplicates, an empty input.
        let subjects = [
            "<urn:a>",
            "<urn:ab>",
            "_:c14n1",
            "_:c14n10",
            "_:c14n2",
            "<urn:a:b>",
        ];
        let rests = [
            "<urn:p> \"x\" .\n",
            "<urn:p> <urn:o> .\n",
            "<urn:q> _:c14n1 <urn:g> .\n",
        ];
        let mut text = String::new();
        let mut ranges = Vec::new();
        let mut expected = Vec::new();
        for i in 0..60usize {
            let line = format!("{} {}", subjects[(i * 7 / 3) % 6], rests[(i * 5) % 3]);
            ranges.push((idx(text.len()), idx(text.len() + line.len())));
            text.push_str(&line);
            expected.push(line);
        }
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(sorted_lines(&text, &ranges), expected.concat());
        assert_eq!(sorted_lines("", &[]), "");
    }

    #[test]
    fn empty_dataset_is_empty_text() {
        assert_eq!(canonicalize(&Dataset::new()).unwrap().nquads(), "");
    }
}

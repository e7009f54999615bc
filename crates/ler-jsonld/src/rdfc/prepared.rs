//! The input prepared once: blank nodes numbered densely, and every quad that mentions one
//! serialized into a shared buffer as its line with holes for blank-node labels, so each later
//! line is assembled by copying.

use std::collections::HashMap;

use super::{HashAlgorithm, NONE, idx};
use crate::literal::LiteralParts;
use crate::nquads::{write_iri, write_literal_parts, write_object, write_subject};
use crate::rdf::{BlankNode, Dataset, NamedOrBlank, Term};

/// One position of a pre-serialized quad.
#[derive(Clone, Copy)]
pub(super) enum Slot {
    /// Serialized text `text[start..end]`.
    Text(u32, u32),
    /// Blank node with this index.
    Blank(u32),
    /// No graph name (default graph).
    Absent,
}

/// A quad mentioning at least one blank node, pre-serialized: subject, predicate, object, graph.
pub(super) struct BQuad {
    pub(super) slots: [Slot; 4],
    /// Its line without the blank node labels, separators and final ` .\n` included:
    /// `text[start..end]`; the `Text` slots are ranges within it.
    pub(super) start: u32,
    pub(super) end: u32,
    /// Where each blank node's label goes in that line, in line order: (position in `text`,
    /// blank node), `NONE` past the last.
    pub(super) holes: [(u32, u32); 3],
}

/// One line of a text buffer: its start, where its subject ends and its end.
#[derive(Clone, Copy)]
pub(super) struct LineRange {
    pub(super) start: u32,
    pub(super) subject_end: u32,
    pub(super) end: u32,
}

/// Buffers kept per thread between calls: a verifier canonicalizes document after document, and
/// reusing these spares the allocator (and the page faults of memory it hands back to the system
/// and takes again). Buffers that grew past `SCRATCH_KEEP_LIMIT` bytes are not kept.
#[derive(Default)]
pub(crate) struct Scratch {
    pub(super) text: String,
    pub(super) ground: String,
    pub(super) lines: String,
    pub(super) bquads: Vec<BQuad>,
    pub(super) ground_lines: Vec<LineRange>,
    pub(super) ranges: Vec<LineRange>,
    pub(super) quad_list: Vec<u32>,
}

pub(super) const SCRATCH_KEEP_LIMIT: usize = 1 << 20;

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

impl Scratch {
    pub(crate) fn take() -> Self {
        SCRATCH.try_with(|cell| cell.take()).unwrap_or_default()
    }

    pub(super) fn give_back(mut self) {
        self.text.clear();
        self.ground.clear();
        self.lines.clear();
        self.bquads.clear();
        self.ground_lines.clear();
        self.ranges.clear();
        self.quad_list.clear();
        if self.text.capacity() + self.ground.capacity() + self.lines.capacity()
            > SCRATCH_KEEP_LIMIT
            || self.bquads.capacity() * std::mem::size_of::<BQuad>() > SCRATCH_KEEP_LIMIT
        {
            return;
        }
        let _ = SCRATCH.try_with(|cell| cell.set(self));
    }
}

/// What the algorithm needs from the input, computed once.
pub(crate) struct Prepared {
    pub(super) hash: HashAlgorithm,
    /// Input labels by blank node index (indices in order of first appearance).
    pub(super) labels: Vec<BlankNode>,
    /// Serialized non-blank terms of the quads in `bquads`.
    pub(super) text: String,
    /// The quads that mention a blank node (distinct once [`Prepared::without_duplicates`] ran).
    pub(super) bquads: Vec<BQuad>,
    /// Blank node -> its quads: `quad_list[quad_start[b]..quad_start[b + 1]]`.
    pub(super) quad_start: Vec<u32>,
    pub(super) quad_list: Vec<u32>,
    /// The quads without blank nodes, as their final lines (duplicates included).
    pub(super) ground: String,
    pub(super) ground_lines: Vec<LineRange>,
}

impl Prepared {
    /// Every quad of `dataset`, prepared.
    pub(super) fn new(dataset: &Dataset, hash: HashAlgorithm, scratch: &mut Scratch) -> Self {
        let quads = dataset.quads();
        let mut builder = Builder::new(scratch, quads.len());
        for q in quads {
            let object = ObjectRef::Term(&q.object);
            builder.push(&q.subject, q.predicate.as_str(), object, q.graph.as_ref());
        }
        builder.finish(hash, scratch)
    }

    pub(super) fn quads_of(&self, b: u32) -> &[u32] {
        let start = self.quad_start[b as usize] as usize;
        let end = self.quad_start[b as usize + 1] as usize;
        &self.quad_list[start..end]
    }

    pub(super) fn slot_text(&self, start: u32, end: u32) -> &str {
        &self.text[start as usize..end as usize]
    }

    /// Appends one line of a blank-node quad, labelling blank nodes with `label`: the text
    /// between labels is copied in one piece each.
    pub(super) fn write_line(
        &self,
        out: &mut String,
        q: &BQuad,
        label: &mut impl FnMut(u32, &mut String),
    ) {
        let mut at = q.start;
        for &(position, b) in &q.holes {
            if b == NONE {
                break;
            }
            out.push_str(self.slot_text(at, position));
            label(b, out);
            at = position;
        }
        out.push_str(self.slot_text(at, q.end));
    }

    /// The same, with each quad that mentions a blank node kept once (its first occurrence).
    /// Duplicates change first-degree hashes; ground lines are deduplicated by the output.
    pub(super) fn without_duplicates(mut self, scratch: &mut Scratch) -> Self {
        let mut order: Vec<u32> = (0..idx(self.bquads.len())).collect();
        let key = |k: u32| {
            let q = &self.bquads[k as usize];
            let holes = q.holes.map(|(position, b)| {
                if b == NONE {
                    (0, NONE)
                } else {
                    (position - q.start, b)
                }
            });
            (self.slot_text(q.start, q.end), holes)
        };
        order.sort_unstable_by(|&a, &b| key(a).cmp(&key(b)).then(a.cmp(&b)));
        let mut keep = vec![true; self.bquads.len()];
        for pair in order.windows(2) {
            if let [a, b] = *pair
                && key(a) == key(b)
            {
                keep[b as usize] = false;
            }
        }
        let mut k = 0;
        self.bquads.retain(|_| {
            k += 1;
            keep[k - 1]
        });
        let mut counts = vec![0u32; self.labels.len() + 1];
        for q in &self.bquads {
            q.count_blank_nodes(&mut counts);
        }
        scratch.quad_list = std::mem::take(&mut self.quad_list);
        (self.quad_start, self.quad_list) = list_quads_by_blank_node(&self.bquads, counts, scratch);
        self
    }
}

impl BQuad {
    /// Calls `f` with each blank node the quad mentions, once per node even when it fills
    /// several positions.
    fn each_blank_node(&self, mut f: impl FnMut(u32)) {
        let mut seen = [NONE; 3];
        for (j, slot) in [self.slots[0], self.slots[2], self.slots[3]]
            .into_iter()
            .enumerate()
        {
            if let Slot::Blank(b) = slot
                && !seen.contains(&b)
            {
                seen[j] = b;
                f(b);
            }
        }
    }

    /// Adds one to `counts[b + 1]` for each blank node `b` the quad mentions.
    fn count_blank_nodes(&self, counts: &mut [u32]) {
        self.each_blank_node(|b| counts[b as usize + 1] += 1);
    }
}

/// Builds a [`Prepared`] one quad at a time, so that JSON-LD to RDF can feed it directly
/// without building a [`Dataset`] first: blank nodes are numbered in order of first
/// appearance, each quad that mentions one is serialized with holes for the labels, and each
/// other quad is written as its final line.
pub(crate) struct Builder {
    labels: Vec<BlankNode>,
    /// Blank node index by `n` for labels `b<n>` (as JSON-LD to RDF writes them), so that those
    /// need no hashing; other labels go through `index`.
    by_number: Vec<u32>,
    index: HashMap<BlankNode, u32>,
    text: String,
    bquads: Vec<BQuad>,
    /// `counts[b + 1]`: the number of quads blank node `b` is in.
    counts: Vec<u32>,
    ground: String,
    ground_lines: Vec<LineRange>,
    statements: usize,
}

impl Builder {
    /// An empty builder with the buffers of `scratch`, for about `quads` quads.
    pub(crate) fn new(scratch: &mut Scratch, quads: usize) -> Self {
        let mut text = std::mem::take(&mut scratch.text);
        text.clear();
        let mut bquads = std::mem::take(&mut scratch.bquads);
        bquads.clear();
        bquads.reserve(quads);
        let mut ground = std::mem::take(&mut scratch.ground);
        ground.clear();
        let mut ground_lines = std::mem::take(&mut scratch.ground_lines);
        ground_lines.clear();
        Self {
            labels: Vec::with_capacity(quads / 4),
            by_number: Vec::new(),
            index: HashMap::new(),
            text,
            bquads,
            counts: vec![0],
            ground,
            ground_lines,
            statements: 0,
        }
    }

    /// How many quads were pushed, duplicates included.
    pub(crate) fn statements(&self) -> usize {
        self.statements
    }

    /// The index of blank node `b`, numbering it if it is new.
    fn blank_index(&mut self, b: &BlankNode) -> u32 {
        // The table is bounded by the quads seen so far (JSON-LD to RDF issues about one
        // label per statement), so a label such as `b999999999` in N-Quads cannot grow it. The
        // bound grows, so a label first seen above it is in `index` when the table takes it.
        let table_limit = self.statements.saturating_mul(4).saturating_add(64);
        match label_number(b.label()) {
            Some(n) if n < table_limit => {
                if self.by_number.len() <= n {
                    self.by_number.resize(n + 1, NONE);
                }
                if self.by_number[n] == NONE {
                    self.by_number[n] = match self.index.get(b) {
                        Some(&id) => id,
                        None => self.new_label(b),
                    };
                }
                self.by_number[n]
            }
            _ => match self.index.get(b) {
                Some(&id) => id,
                None => {
                    let id = self.new_label(b);
                    self.index.insert(b.clone(), id);
                    id
                }
            },
        }
    }

    fn new_label(&mut self, b: &BlankNode) -> u32 {
        self.labels.push(b.clone());
        self.counts.push(0);
        idx(self.labels.len() - 1)
    }

    /// Adds one quad.
    pub(crate) fn push(
        &mut self,
        subject: &NamedOrBlank,
        predicate: &str,
        object: ObjectRef<'_>,
        graph: Option<&NamedOrBlank>,
    ) {
        self.statements += 1;
        let s = match subject {
            NamedOrBlank::Blank(b) => self.blank_index(b),
            NamedOrBlank::Iri(_) => NONE,
        };
        let o = match object {
            ObjectRef::Term(Term::Blank(b)) => self.blank_index(b),
            _ => NONE,
        };
        let g = match graph {
            Some(NamedOrBlank::Blank(b)) => self.blank_index(b),
            _ => NONE,
        };
        if s == NONE && o == NONE && g == NONE {
            let start = idx(self.ground.len());
            write_subject(&mut self.ground, subject);
            let subject_end = idx(self.ground.len());
            self.ground.push(' ');
            write_iri(&mut self.ground, predicate);
            self.ground.push(' ');
            object.write(&mut self.ground);
            if let Some(node) = graph {
                self.ground.push(' ');
                write_subject(&mut self.ground, node);
            }
            self.ground.push_str(" .\n");
            self.ground_lines.push(LineRange {
                start,
                subject_end,
                end: idx(self.ground.len()),
            });
            return;
        }
        // The line is written whole, blank nodes left out; each is a hole where its label goes.
        let text = &mut self.text;
        let start = idx(text.len());
        let mut holes = [(0, NONE); 3];
        let mut holes_used = 0;
        let mut hole = |text: &String, b: u32| {
            holes[holes_used] = (idx(text.len()), b);
            holes_used += 1;
            Slot::Blank(b)
        };
        let text_slot = |text: &mut String, write: &dyn Fn(&mut String)| {
            let start = idx(text.len());
            write(text);
            Slot::Text(start, idx(text.len()))
        };
        let subject = if s == NONE {
            text_slot(text, &|t| write_subject(t, subject))
        } else {
            hole(text, s)
        };
        text.push(' ');
        let predicate = text_slot(text, &|t| write_iri(t, predicate));
        text.push(' ');
        let object = if o != NONE {
            hole(text, o)
        } else {
            text_slot(text, &|t| object.write(t))
        };
        let graph = match (graph, g) {
            (_, g) if g != NONE => {
                text.push(' ');
                hole(text, g)
            }
            (Some(node), _) => {
                text.push(' ');
                text_slot(text, &|t| write_subject(t, node))
            }
            (None, _) => Slot::Absent,
        };
        text.push_str(" .\n");
        let quad = BQuad {
            slots: [subject, predicate, object, graph],
            start,
            end: idx(text.len()),
            holes,
        };
        quad.count_blank_nodes(&mut self.counts);
        self.bquads.push(quad);
    }

    /// The prepared input, its quad lists in buffers from `scratch`.
    pub(crate) fn finish(self, hash: HashAlgorithm, scratch: &mut Scratch) -> Prepared {
        let (quad_start, quad_list) = list_quads_by_blank_node(&self.bquads, self.counts, scratch);
        Prepared {
            hash,
            labels: self.labels,
            text: self.text,
            bquads: self.bquads,
            quad_start,
            quad_list,
            ground: self.ground,
            ground_lines: self.ground_lines,
        }
    }
}

/// A statement's object as [`Builder::push`] takes it: a term, or the parts of a literal not
/// built as a term.
#[derive(Clone, Copy)]
pub(crate) enum ObjectRef<'a> {
    Term(&'a Term),
    Literal(&'a LiteralParts<'a>),
}

impl ObjectRef<'_> {
    /// Appends the object's N-Quads form (never a blank node: those are holes).
    fn write(self, out: &mut String) {
        match self {
            ObjectRef::Term(term) => write_object(out, term),
            ObjectRef::Literal(parts) => write_literal_parts(
                out,
                &parts.lexical,
                parts.datatype.as_str(),
                parts.language.as_deref(),
            ),
        }
    }
}

/// `n` for a label `b<n>` written as JSON-LD to RDF writes it (decimal, no leading zero, at
/// most nine digits); `None` for any other label. Two labels give the same `n` only when they
/// are the same text.
fn label_number(label: &str) -> Option<usize> {
    let digits = label.strip_prefix('b')?.as_bytes();
    if digits.is_empty() || digits.len() > 9 || (digits.len() > 1 && digits[0] == b'0') {
        return None;
    }
    digits.iter().try_fold(0usize, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + usize::from(d - b'0'))
    })
}

/// Each blank node's quads as compressed lists (offsets from `counts`, then filled): the
/// `quad_start` and `quad_list` of [`Prepared`].
fn list_quads_by_blank_node(
    bquads: &[BQuad],
    mut counts: Vec<u32>,
    scratch: &mut Scratch,
) -> (Vec<u32>, Vec<u32>) {
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    let quad_start = counts.clone();
    let mut fill = counts;
    let mut quad_list = std::mem::take(&mut scratch.quad_list);
    quad_list.clear();
    quad_list.resize(quad_start.last().copied().unwrap_or(0) as usize, 0);
    for (qi, bq) in bquads.iter().enumerate() {
        bq.each_blank_node(|b| {
            let at = &mut fill[b as usize];
            quad_list[*at as usize] = idx(qi);
            *at += 1;
        });
    }
    (quad_start, quad_list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_nquads;

    #[test]
    fn label_numbers_only_for_labels_json_ld_issues() {
        assert_eq!(label_number("b0"), Some(0));
        assert_eq!(label_number("b120"), Some(120));
        assert_eq!(label_number("b999999999"), Some(999_999_999));
        for other in [
            "b",
            "b01",
            "b00",
            "b1x",
            "x1",
            "B1",
            "b1234567890",
            "b-1",
            "b١",
        ] {
            assert_eq!(label_number(other), None, "{other}");
        }
    }

    #[test]
    fn blank_nodes_are_numbered_in_order_of_first_appearance_whatever_their_labels() {
        // Table-numbered, map-numbered and out-of-table labels mixed; `b1` and `b01` differ.
        let dataset = parse_nquads(
            "_:b1 <urn:p> _:b01 .\n_:x <urn:p> _:b1 .\n_:b9999 <urn:p> _:b0 .\n_:b01 <urn:p> _:x .\n",
        )
        .unwrap();
        let prepared = Prepared::new(&dataset, HashAlgorithm::Sha256, &mut Scratch::default());
        let labels: Vec<&str> = prepared.labels.iter().map(BlankNode::label).collect();
        assert_eq!(labels, ["b1", "b01", "x", "b9999", "b0"]);
        let blank = |slot: Slot| match slot {
            Slot::Blank(b) => b,
            _ => NONE,
        };
        let ids: Vec<[u32; 2]> = prepared
            .bquads
            .iter()
            .map(|q| [blank(q.slots[0]), blank(q.slots[2])])
            .collect();
        assert_eq!(ids, [[0, 1], [2, 0], [3, 4], [1, 2]]);
    }

    #[test]
    fn a_label_first_seen_above_the_table_keeps_its_number_once_the_table_reaches_it() {
        // `b90` is past the table's bound at the first quad (64) and within it at the last.
        let mut text = String::from("_:b90 <urn:p> \"first\" .\n");
        for i in 0..20 {
            text.push_str(&format!("<urn:s{i}> <urn:p> \"{i}\" .\n"));
        }
        text.push_str("_:b90 <urn:p> \"last\" .\n");
        let dataset = parse_nquads(&text).unwrap();
        let prepared = Prepared::new(&dataset, HashAlgorithm::Sha256, &mut Scratch::default());
        let labels: Vec<&str> = prepared.labels.iter().map(BlankNode::label).collect();
        assert_eq!(labels, ["b90"]);
        assert_eq!(prepared.quads_of(0), [0, 1]);
    }

    #[test]
    fn duplicate_quads_are_kept_once_and_listed_once() {
        let dataset = parse_nquads(
            "_:x <urn:p> _:y .\n_:y <urn:p> \"v\" .\n_:x <urn:p> _:y .\n<urn:a> <urn:p> <urn:b> .\n_:y <urn:p> _:x .\n",
        )
        .unwrap();
        let mut scratch = Scratch::default();
        let prepared = Prepared::new(&dataset, HashAlgorithm::Sha256, &mut scratch);
        // Five statements: four with blank nodes, one ground.
        assert_eq!((prepared.bquads.len(), prepared.ground_lines.len()), (4, 1));
        assert_eq!(prepared.quads_of(0), [0, 2, 3]);
        let prepared = prepared.without_duplicates(&mut scratch);
        assert_eq!(prepared.ground_lines.len(), 1);
        assert_eq!(prepared.bquads.len(), 3);
        assert_eq!(prepared.quads_of(0), [0, 2]);
        assert_eq!(prepared.quads_of(1), [0, 1, 2]);
        assert_eq!(prepared.ground, "<urn:a> <urn:p> <urn:b> .\n");
    }
}

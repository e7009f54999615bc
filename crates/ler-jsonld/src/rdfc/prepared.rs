//! The input prepared once: blank nodes numbered densely, and every quad that mentions one
//! serialized into a shared buffer as its line with holes for blank-node labels, so each later
//! line is assembled by copying.

use std::collections::HashMap;

use super::{HashAlgorithm, NONE, idx};
use crate::nquads::{write_iri, write_literal, write_subject};
use crate::rdf::{BlankNode, Dataset, NamedOrBlank, Quad, Term};

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
pub(super) struct Scratch {
    pub(super) text: String,
    pub(super) lines: String,
    pub(super) bquads: Vec<BQuad>,
    pub(super) ranges: Vec<LineRange>,
    pub(super) quad_list: Vec<u32>,
}

pub(super) const SCRATCH_KEEP_LIMIT: usize = 1 << 20;

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

impl Scratch {
    pub(super) fn take() -> Self {
        SCRATCH.try_with(|cell| cell.take()).unwrap_or_default()
    }

    pub(super) fn give_back(mut self) {
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
pub(super) struct Prepared {
    pub(super) hash: HashAlgorithm,
    /// Input labels by blank node index (indices in order of first appearance).
    pub(super) labels: Vec<BlankNode>,
    /// Serialized non-blank terms of the quads in `bquads`.
    pub(super) text: String,
    /// Distinct quads that mention a blank node.
    pub(super) bquads: Vec<BQuad>,
    /// Blank node -> its quads: `quad_list[quad_start[b]..quad_start[b + 1]]`.
    pub(super) quad_start: Vec<u32>,
    pub(super) quad_list: Vec<u32>,
    /// Indices into the dataset of distinct ground quads.
    pub(super) ground: Vec<u32>,
}

impl Prepared {
    pub(super) fn new(
        dataset: &Dataset,
        hash: HashAlgorithm,
        dedupe: bool,
        scratch: &mut Scratch,
    ) -> Self {
        let quads = dataset.quads();
        let numbered = BlankNodeNumbers::of(quads);
        let keep = if dedupe {
            first_occurrences(quads, &numbered.with_blanks)
        } else {
            vec![true; numbered.with_blanks.len()]
        };
        let (text, bquads, counts) = pre_serialize(quads, &numbered, &keep, scratch);
        let (quad_start, quad_list) = list_quads_by_blank_node(&bquads, counts, scratch);
        Self {
            hash,
            labels: numbered.labels,
            text,
            bquads,
            quad_start,
            quad_list,
            ground: numbered.ground,
        }
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
}

/// Blank nodes numbered in order of first appearance, and the quads split by whether they
/// mention one.
struct BlankNodeNumbers {
    /// Input labels by blank node index.
    labels: Vec<BlankNode>,
    /// Indices into the dataset of quads without blank nodes.
    ground: Vec<u32>,
    /// Indices into the dataset of quads with at least one blank node...
    with_blanks: Vec<u32>,
    /// ...and the numbers of their subject, object and graph (`NONE` where not blank).
    ids: Vec<[u32; 3]>,
}

impl BlankNodeNumbers {
    fn of<'d>(quads: &'d [Quad]) -> Self {
        let mut index: HashMap<&'d str, u32> = HashMap::new();
        // Labels `b<n>`, as JSON-LD to RDF issues them, are numbered through a table instead of
        // the map; `n` is bounded by the number of blank node positions, so the table is too.
        let mut by_number: Vec<u32> = Vec::new();
        let number_limit = quads.len().saturating_mul(3).saturating_add(1);
        let mut labels: Vec<BlankNode> = Vec::with_capacity(quads.len() / 4);
        let mut ground = Vec::with_capacity(quads.len());
        let mut with_blanks: Vec<u32> = Vec::with_capacity(quads.len());
        // Quads of one subject usually come together, so remember the last label looked up.
        let mut last: (&'d str, u32) = ("", NONE);
        let mut id_of = |b: &'d BlankNode, labels: &mut Vec<BlankNode>| -> u32 {
            if last.1 != NONE && last.0 == b.label() {
                return last.1;
            }
            let mut new_id = || {
                labels.push(b.clone());
                idx(labels.len() - 1)
            };
            let id = match label_number(b.label()) {
                Some(n) if n < number_limit => {
                    if by_number.len() <= n {
                        by_number.resize(n + 1, NONE);
                    }
                    if by_number[n] == NONE {
                        by_number[n] = new_id();
                    }
                    by_number[n]
                }
                _ => *index.entry(b.label()).or_insert_with(new_id),
            };
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
        Self {
            labels,
            ground,
            with_blanks,
            ids,
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

/// Serializes the kept quads that mention a blank node into text pieces and blank-node slots
/// (in buffers taken from `scratch`), with `counts[b + 1]` the number of quads blank node `b` is in.
fn pre_serialize(
    quads: &[Quad],
    numbered: &BlankNodeNumbers,
    keep: &[bool],
    scratch: &mut Scratch,
) -> (String, Vec<BQuad>, Vec<u32>) {
    let with_blanks = &numbered.with_blanks;
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
    let mut counts = vec![0u32; numbered.labels.len() + 1];
    for (k, &qi) in with_blanks.iter().enumerate() {
        if !keep[k] {
            continue;
        }
        let q = &quads[qi as usize];
        let [s, o, g] = numbered.ids[k];
        // The line is written whole, blank nodes left out; each is a hole where its label goes.
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
            text_slot(&mut text, &|t| write_subject(t, &q.subject))
        } else {
            hole(&text, s)
        };
        text.push(' ');
        let predicate = text_slot(&mut text, &|t| write_iri(t, q.predicate.as_str()));
        text.push(' ');
        let object = if o != NONE {
            hole(&text, o)
        } else {
            match &q.object {
                Term::Literal(l) => text_slot(&mut text, &|t| write_literal(t, l)),
                Term::Iri(i) => text_slot(&mut text, &|t| write_iri(t, i.as_str())),
                Term::Blank(_) => Slot::Absent,
            }
        };
        let graph = match (&q.graph, g) {
            (_, g) if g != NONE => {
                text.push(' ');
                hole(&text, g)
            }
            (Some(node), _) => {
                text.push(' ');
                text_slot(&mut text, &|t| write_subject(t, node))
            }
            (None, _) => Slot::Absent,
        };
        text.push_str(" .\n");
        let end = idx(text.len());
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
            start,
            end,
            holes,
        });
    }
    (text, bquads, counts)
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
    (quad_start, quad_list)
}

/// About the length of a quad's N-Quads line (exact unless a literal needs escapes).
pub(super) fn approx_line_len(q: &Quad) -> usize {
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
        let prepared = Prepared::new(
            &dataset,
            HashAlgorithm::Sha256,
            false,
            &mut Scratch::default(),
        );
        let labels: Vec<&str> = prepared.labels.iter().map(BlankNode::label).collect();
        assert_eq!(labels, ["b1", "b01", "x", "b9999", "b0"]);
        let ids: Vec<[u32; 3]> = BlankNodeNumbers::of(dataset.quads()).ids;
        assert_eq!(
            ids,
            [[0, 1, NONE], [2, 0, NONE], [3, 4, NONE], [1, 2, NONE]]
        );
    }
}

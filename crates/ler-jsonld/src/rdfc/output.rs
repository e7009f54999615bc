//! Step 6 of RDFC-1.0: the canonical N-Quads, every line relabelled, sorted, without duplicates.

use super::issuer::Issuer;
use super::prepared::Slot;
use super::prepared::{LineRange, Prepared, Scratch};
use super::{idx, push_decimal};

impl Prepared {
    /// Step 6: the canonical N-Quads, sorted, without duplicates.
    pub(super) fn output(self, canonical: &Issuer, scratch: &mut Scratch) -> String {
        let mut lines = std::mem::take(&mut scratch.lines);
        lines.clear();
        lines.reserve(self.text.len() + self.bquads.len() * 24 + self.ground.len());
        let mut ranges = std::mem::take(&mut scratch.ranges);
        ranges.clear();
        ranges.reserve(self.ground_lines.len() + self.bquads.len());
        // Each blank node's canonical label written once, then copied into its lines.
        let mut labels = String::with_capacity(canonical.ids.len() * 10);
        let mut label_end = Vec::with_capacity(canonical.ids.len() + 1);
        label_end.push(0);
        for &id in &canonical.ids {
            labels.push_str("_:c14n");
            push_decimal(&mut labels, id);
            label_end.push(labels.len());
        }
        for q in &self.bquads {
            let start = idx(lines.len());
            self.write_line(&mut lines, q, &mut |b, out| {
                let b = b as usize;
                out.push_str(
                    labels
                        .get(label_end[b]..label_end[b + 1])
                        .unwrap_or_default(),
                );
            });
            let subject_len = match q.slots[0] {
                Slot::Text(s, e) => e - s,
                Slot::Blank(b) => idx(label_end[b as usize + 1] - label_end[b as usize]),
                Slot::Absent => 0,
            };
            ranges.push(LineRange {
                start,
                subject_end: start + subject_len,
                end: idx(lines.len()),
            });
        }
        // Ground lines are final already: copied, their ranges shifted.
        let shift = idx(lines.len());
        lines.push_str(&self.ground);
        ranges.extend(self.ground_lines.iter().map(|r| LineRange {
            start: r.start + shift,
            subject_end: r.subject_end + shift,
            end: r.end + shift,
        }));
        let out = sorted_lines(&lines, &ranges);
        scratch.lines = lines;
        scratch.ranges = ranges;
        scratch.text = self.text;
        scratch.ground = self.ground;
        scratch.bquads = self.bquads;
        scratch.ground_lines = self.ground_lines;
        scratch.quad_list = self.quad_list;
        out
    }
}

/// Concatenates the lines of `ranges` in code point order, without duplicates.
///
/// A line is a subject, a space, and the rest; subjects hold no space, and every character that
/// may follow a subject's prefix sorts after the space, so line order is subject order, then the
/// order of the rest. Lines arrive grouped by subject (as JSON-LD to RDF writes them), so this
/// sorts each run of one subject by the rest, then the runs by subject, which compares far fewer
/// and shorter byte strings than sorting whole lines. Where each subject ends is recorded as the
/// lines are written, so no line is scanned for it.
pub(super) fn sorted_lines(lines: &str, split: &[LineRange]) -> String {
    let bytes = lines.as_bytes();
    let line = |r: (u32, u32)| &bytes[r.0 as usize..r.1 as usize];
    let subject = |k: usize| &bytes[split[k].start as usize..split[k].subject_end as usize];
    let rest = |k: usize| &bytes[split[k].subject_end as usize..split[k].end as usize];
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
        let r = (split[k].start, split[k].end);
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

#[cfg(test)]
mod tests {
    use super::*;

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
            let start = idx(text.len());
            ranges.push(LineRange {
                start,
                subject_end: start + idx(line.find(' ').unwrap()),
                end: start + idx(line.len()),
            });
            text.push_str(&line);
            expected.push(line);
        }
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(sorted_lines(&text, &ranges), expected.concat());
        assert_eq!(sorted_lines("", &[]), "");
    }
}

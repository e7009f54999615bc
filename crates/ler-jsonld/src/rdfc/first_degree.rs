//! Hash First Degree Quads (RDFC-1.0 §4.6): each blank node's own quads, hashed with the node as
//! `_:a` and every other as `_:z`.

use super::hash::{HashValue, Hasher};
use super::idx;
use super::prepared::Prepared;

impl Prepared {
    /// Hash First Degree Quads of every blank node, and whether some hash input held the same
    /// line twice (which a duplicate quad causes).
    pub(super) fn first_degree_hashes(&self) -> (Vec<HashValue>, bool) {
        let mut lines = String::new();
        let mut ranges = Vec::new();
        let mut joined = Vec::new();
        let mut repeated = false;
        let hashes = (0..idx(self.labels.len()))
            .map(|b| {
                let (hash, r) = self.first_degree(b, &mut lines, &mut ranges, &mut joined);
                repeated |= r;
                hash
            })
            .collect();
        (hashes, repeated)
    }

    /// Hash First Degree Quads (RDFC-1.0 §4.6), and whether two lines were equal. The sorted
    /// lines are gathered into `joined` and hashed in one update: one call into the hash per
    /// blank node instead of one per line, and whole blocks hashed straight from the buffer.
    pub(super) fn first_degree(
        &self,
        n: u32,
        lines: &mut String,
        ranges: &mut Vec<(u32, u32)>,
        joined: &mut Vec<u8>,
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
        joined.clear();
        joined.reserve(text.len());
        let mut repeated = false;
        let mut previous: &[u8] = &[];
        for &(s, e) in ranges.iter() {
            let line = &text[s as usize..e as usize];
            repeated |= line == previous;
            joined.extend_from_slice(line);
            previous = line;
        }
        let mut hasher = Hasher::new(self.hash);
        hasher.update(joined);
        (hasher.finish(), repeated)
    }
}

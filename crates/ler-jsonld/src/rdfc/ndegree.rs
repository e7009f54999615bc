//! Hash N-Degree Quads (RDFC-1.0 §4.8), for blank nodes that share a first-degree hash, under
//! the dataset's hashing-work budget and recursion depth.

use super::hash::{HashValue, Hasher};
use super::issuer::{Issuer, TempIssuer};
use super::prepared::{Prepared, Slot};
use super::{CanonicalizeError, CanonicalizeOptions, idx, idx_u64, push_decimal};

/// One canonicalization run: the prepared input, the canonical issuer and the work spent.
pub(super) struct State<'a> {
    pub(super) p: &'a Prepared,
    pub(super) options: &'a CanonicalizeOptions,
    pub(super) canonical: Issuer,
    /// Hashing work spent so far, over the whole dataset.
    pub(super) work: u64,
}

impl State<'_> {
    /// Charges `steps` of work to the dataset's budget.
    pub(super) fn charge(&mut self, steps: u64) -> Result<(), CanonicalizeError> {
        self.work = self.work.saturating_add(steps);
        if self.work > self.options.max_hash_work {
            return Err(CanonicalizeError::HashWorkExceeded {
                limit: self.options.max_hash_work,
            });
        }
        Ok(())
    }

    pub(super) fn run(&mut self, first: &[HashValue]) -> Result<(), CanonicalizeError> {
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
    pub(super) fn related_identifier(
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

    /// Steps 1-3 of Hash N-Degree Quads: every blank node related to `n` by one of its quads,
    /// with its Hash Related Blank Node, sorted by hash.
    fn related_hashes(
        &mut self,
        n: u32,
        issuer: &TempIssuer,
        first: &[HashValue],
    ) -> Result<Vec<(HashValue, u32)>, CanonicalizeError> {
        let p = self.p;
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
                self.related_identifier(&mut input, r, issuer, first);
                let mut hasher = Hasher::new(p.hash);
                hasher.update(input.as_bytes());
                related.push((hasher.finish(), r));
            }
        }
        related.sort_by_key(|r| r.0);
        Ok(related)
    }

    /// Hash N-Degree Quads (RDFC-1.0 §4.8), under the work limits.
    pub(super) fn hash_ndegree(
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
        let related = self.related_hashes(n, &issuer, first)?;
        let p = self.p;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}

//! A second, document-level signal for the mapper: what a concept is about beyond its labels.
//!
//! Each concept of an index gets a bag of words from the taxonomy text around it (an O*NET
//! occupation: its task statements, its detailed work activities and the labels of the ESCO
//! occupations the crosswalk maps to it), scored against a phrase with BM25. The concept's own
//! labels are left out on purpose: the label index scores them, and a held-out label must not
//! come back through its document (the mapper's label filter applies to the ESCO labels too).
//! So "winemaker", which no other title holds, still finds the occupation whose tasks talk
//! about wine, and "sysadmin" the one ESCO's system administrator is mapped to.

use std::collections::HashMap;

use crate::crosswalk::MatchVia;
use crate::model::{ConceptId, ConceptKind, RelationKind, keys};
use crate::taxonomy::{Concept, Taxonomy};
use crate::text::{derivation_key, tokens_into};

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// BM25 length normalisation.
const B: f32 = 0.75;
/// Most terms read from one concept's document (bounds the build).
const MAX_DOC_TERMS: usize = 4096;

/// The documents of one index's concepts (positions as in the label index's concept list).
pub(crate) struct Documents {
    /// Term → its id.
    terms: HashMap<Box<str>, u32>,
    /// IDF per term.
    idf: Vec<f32>,
    /// Postings: `(concept position, term frequency)` of term `t` at
    /// `post[offsets[t]..offsets[t + 1]]`.
    offsets: Vec<u32>,
    post: Vec<(u32, u16)>,
    /// Length of each document in terms, over the average length.
    relative_len: Vec<f32>,
    /// The weight a term missing from every document counts for (the highest IDF).
    unknown_weight: f32,
}

/// The key a document term is indexed by: its derivation key, so `winemaking` meets `wines`.
fn doc_key(token: &str) -> String {
    derivation_key(token).unwrap_or_else(|| token.to_owned())
}

/// Which labels may be read (the mapper's label filter, see
/// [`crate::SkillMapper::with_label_filter`]).
pub(crate) type LabelKeep<'a> = &'a dyn Fn(Concept<'_>, &str) -> bool;

/// The text a concept is about, beyond its own labels; empty for kinds without a document.
/// An O*NET occupation: its tasks, its detailed work activities and the labels of the ESCO
/// occupations the crosswalk maps to it (another framework's names for the same work), those
/// `keep` allows.
fn document_texts<'t>(tax: &'t Taxonomy, concept: ConceptId, keep: LabelKeep<'_>) -> Vec<&'t str> {
    let Some(c) = tax.get(concept) else {
        return Vec::new();
    };
    if c.kind() != ConceptKind::Occupation {
        return Vec::new();
    }
    let mut out = Vec::new();
    for r in c.relations() {
        match r.kind {
            RelationKind::PerformsTask { .. } | RelationKind::PerformsActivity { .. } => {
                out.push(r.target.label());
            }
            _ => {}
        }
    }
    if let (Some(onet), Some(esco)) = (
        tax.framework_by_key(keys::ONET),
        tax.framework_by_key(keys::ESCO),
    ) && c.framework_id() == onet
    {
        for m in tax.crosswalk(concept, esco) {
            if matches!(m.via, MatchVia::Chain { .. })
                || m.concept.kind() != ConceptKind::Occupation
            {
                continue;
            }
            let labels = std::iter::once(m.concept.label()).chain(m.concept.alt_labels());
            out.extend(labels.filter(|l| keep(m.concept, l)));
        }
    }
    out
}

impl Documents {
    /// The documents of `concepts`, or `None` when none of them has one.
    pub(crate) fn build(
        tax: &Taxonomy,
        concepts: &[ConceptId],
        keep: LabelKeep<'_>,
    ) -> Option<Self> {
        let mut terms: HashMap<Box<str>, u32> = HashMap::new();
        let mut postings: Vec<Vec<(u32, u16)>> = Vec::new();
        let mut lengths: Vec<f32> = Vec::with_capacity(concepts.len());
        let mut toks = Vec::new();
        let mut counts: HashMap<u32, u16> = HashMap::new();
        for (local, &id) in concepts.iter().enumerate() {
            counts.clear();
            let mut len = 0usize;
            for text in document_texts(tax, id, keep) {
                if len >= MAX_DOC_TERMS {
                    break;
                }
                toks.clear();
                tokens_into(text, 64, &mut toks);
                for tok in toks.drain(..) {
                    len += 1;
                    let key = doc_key(&tok);
                    let next = postings.len() as u32;
                    let t = *terms.entry(key.into_boxed_str()).or_insert_with(|| {
                        postings.push(Vec::new());
                        next
                    });
                    let n = counts.entry(t).or_insert(0);
                    *n = n.saturating_add(1);
                }
            }
            for (&t, &n) in &counts {
                if let Some(list) = postings.get_mut(t as usize) {
                    list.push((local as u32, n));
                }
            }
            lengths.push(len as f32);
        }
        if postings.is_empty() {
            return None;
        }
        let with_docs = lengths.iter().filter(|&&l| l > 0.0).count().max(1) as f32;
        let average = (lengths.iter().sum::<f32>() / with_docs).max(1.0);
        let idf: Vec<f32> = postings
            .iter()
            .map(|p| {
                let df = p.len() as f32;
                (1.0 + (with_docs - df + 0.5) / (df + 0.5)).ln()
            })
            .collect();
        let mut offsets = Vec::with_capacity(postings.len() + 1);
        offsets.push(0u32);
        let mut post = Vec::new();
        for mut list in postings {
            list.sort_unstable();
            post.extend(list);
            offsets.push(post.len() as u32);
        }
        let unknown_weight = idf.iter().copied().fold(0.0f32, f32::max);
        Some(Self {
            terms,
            idf,
            offsets,
            post,
            relative_len: lengths.iter().map(|l| l / average).collect(),
            unknown_weight,
        })
    }

    /// BM25 of `query` (stemmed tokens, deduplicated) against every document, over the most a
    /// document could score (every term, saturated), into `out` (one slot per concept, reset
    /// here): `true` when some document shares a term with the query.
    pub(crate) fn scores_into(&self, query: &[String], out: &mut Vec<f32>) -> bool {
        out.clear();
        out.resize(self.relative_len.len(), 0.0);
        let mut total = 0.0f32;
        let mut any = false;
        let mut seen: Vec<u32> = Vec::with_capacity(query.len());
        for token in query {
            let Some(&t) = self.terms.get(doc_key(token).as_str()) else {
                total += self.unknown_weight;
                continue;
            };
            if seen.contains(&t) {
                continue;
            }
            seen.push(t);
            let idf = self.idf.get(t as usize).copied().unwrap_or(0.0);
            total += idf;
            let (Some(&a), Some(&b)) = (
                self.offsets.get(t as usize),
                self.offsets.get(t as usize + 1),
            ) else {
                continue;
            };
            for &(local, tf) in self.post.get(a as usize..b as usize).unwrap_or(&[]) {
                let tf = f32::from(tf);
                let norm = self
                    .relative_len
                    .get(local as usize)
                    .copied()
                    .unwrap_or(1.0);
                if let Some(slot) = out.get_mut(local as usize) {
                    *slot += idf * tf / (tf + K1 * (1.0 - B + B * norm));
                    any = true;
                }
            }
        }
        if !any || total <= 0.0 {
            return false;
        }
        for v in out.iter_mut() {
            *v /= total;
        }
        true
    }
}

//! Free-text mapping: a phrase to ranked concepts, by lexical retrieval over labels.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::document::Documents;
use crate::error::Error;
use crate::model::{ConceptId, ConceptKind, FrameworkId};
use crate::taxonomy::{Concept, Taxonomy};
use crate::text::{derivation_key, edit_distance_within, tokens_into};

/// Most query tokens considered (longer phrases are cut): bounds the work per phrase.
const MAX_QUERY_TOKENS: usize = 16;
/// Concept kinds: each framework has one index per kind.
const KINDS: usize = ConceptKind::ALL.len();
/// Most vocabulary terms a misspelt token expands to.
const MAX_EXPANSIONS: usize = 4;
/// Most candidate terms checked by edit distance per misspelt token.
const MAX_VERIFY: usize = 160;
/// Share of the score that needs only the stemmed terms to match; the rest rewards the words
/// as written (so an exact label scores 1 and a stem-only match a little less).
const SURFACE_BASE: f32 = 0.9;
/// How much a concept's second-best label adds (to the part of the score left below 1).
const SECOND_LABEL: f32 = 0.6;
/// Words that make a label a category of tools (`data entry software`).
const TOOL_WORDS: &[&str] = &[
    "software",
    "tool",
    "tools",
    "program",
    "programs",
    "application",
    "applications",
    "app",
    "apps",
    "platform",
    "system",
    "systems",
    "package",
    "suite",
];
/// Factor on a tool category's score when the phrase names no tool.
const TOOL_PENALTY: f32 = 0.85;
/// Weight of a concept's coverage of the phrase (the share of the phrase's term weight found in
/// any of its labels) against its best label's score: a phrase that mixes words of a concept's
/// several labels ("audio visual communications technician") is more likely that concept than
/// another whose one label shares as many words.
const COVERAGE: f32 = 0.3;
/// A concept's labels per vote: in an index whose concepts have many labels each (O*NET's
/// occupations, about 60 alternate titles), a word that only one of a concept's labels holds
/// counts for less of its coverage than a word several hold (see [`concept_shared`]); where
/// concepts have ten labels or fewer each, every holder counts fully.
const LABELS_PER_VOTE: f32 = 10.0;
/// Concepts that could share only common words with the phrase, and so score below this at
/// best, are not searched for once the rarer words have been scored.
const PRUNE_FLOOR: f32 = 0.5;
/// Weight kept by a term reached through a derivation (`preparation` for `prepare`) or the
/// synonym table's related words (`car` for `vehicle`).
const DERIVATION_WEIGHT: f32 = 0.8;
/// Most derivations a query term expands to.
const MAX_DERIVATIONS: usize = 3;
/// Weight kept by a term reached through one edit, and through two.
const TYPO_WEIGHT: [f32; 3] = [1.0, 0.85, 0.7];
/// Pruning keeps at least this many concepts exact, whatever `top` is, so a concept's score
/// does not depend on how many answers were asked for.
const PRUNE_HEAD: usize = 20;
/// Share of the score left below a concept's label score that its document (what it is
/// about beyond its labels: an occupation's tasks and work activities or essential skills)
/// can add: `label + DOCUMENT_WEIGHT · document · (1 − label)`, so an exact label stays 1
/// and a concept no label matches can still be found by its document.
const DOCUMENT_WEIGHT: f32 = 0.5;
/// Most concepts found by their document alone, per index and query.
const DOCUMENT_ONLY: usize = 10;
/// Share of the score kept by an occupation none of whose labels holds the phrase's head word
/// (the last content word before a preposition: `helper` in `boat joiner helper`, `teacher`
/// in `teacher of music`), when the phrase has two content words or more.
const HEAD_BASE: f32 = 0.9;
/// Words that end a phrase's head segment (`… of`, `… for`, ...).
const HEAD_ENDS: &[&str] = &[
    "of", "for", "in", "on", "with", "at", "to", "from", "into", "by", "using", "via",
];
/// Label index of a technology's preferred label without its vendor's name.
const VENDORLESS: u32 = u32::MAX - 1;
/// Vendors whose name leads many O*NET technology labels (`Microsoft Excel`): the product
/// name alone is indexed too, since that is how people write it.
const VENDORS: &[&str] = &[
    "microsoft",
    "adobe",
    "oracle",
    "sap",
    "autodesk",
    "ibm",
    "google",
    "apple",
    "amazon",
    "atlassian",
    "salesforce",
    "intuit",
    "cisco",
    "apache",
    "jetbrains",
    "the",
];

/// What to look for: the framework, the kinds of concept and how many answers.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct MapOptions {
    /// Only concepts of this framework (all frameworks when `None`).
    pub framework: Option<FrameworkId>,
    /// Only concepts of these kinds (every kind when empty).
    pub kinds: Vec<ConceptKind>,
    /// Most answers returned.
    pub top: usize,
    /// Answers scoring below this are dropped.
    pub min_score: f32,
}

impl Default for MapOptions {
    fn default() -> Self {
        Self {
            framework: None,
            kinds: Vec::new(),
            top: 10,
            min_score: 0.0,
        }
    }
}

impl MapOptions {
    /// Every framework and kind, ten answers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only concepts of this framework.
    pub fn framework(mut self, framework: FrameworkId) -> Self {
        self.framework = Some(framework);
        self
    }

    /// Only concepts of these kinds.
    pub fn kinds(mut self, kinds: &[ConceptKind]) -> Self {
        self.kinds = kinds.to_vec();
        self
    }

    /// At most `top` answers.
    pub fn top(mut self, top: usize) -> Self {
        self.top = top;
        self
    }

    /// Drop answers scoring below `min_score`.
    pub fn min_score(mut self, min_score: f32) -> Self {
        self.min_score = min_score;
        self
    }
}

/// One answer of [`SkillMapper::map`].
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct MappedConcept<'t> {
    /// The concept.
    pub concept: Concept<'t>,
    /// How well the phrase matches its best label, from 0 to 1 (1: the same words).
    pub score: f32,
    /// The label that matched best (preferred or alternative).
    pub label: &'t str,
}

/// FNV-1a: the index's keys are short strings and trigrams from our own data, so a fast,
/// unkeyed hash is enough (and several times cheaper than SipHash per query).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

#[derive(Clone, Copy)]
struct LabelRec {
    /// Position of the concept in the part's concept list.
    local: u32,
    /// Which label: `u32::MAX` for the preferred label, else the alternative label's index.
    alt: u32,
    /// Sum of the IDF of the label's distinct terms.
    weight: f32,
}

/// The index of one framework's labels.
struct Part {
    concepts: Vec<ConceptId>,
    labels: Vec<LabelRec>,
    terms: FastMap<Box<str>, u32>,
    term_text: Vec<Box<str>>,
    idf: Vec<f32>,
    /// Postings: labels of term `t` are `post[offsets[t]..offsets[t + 1]]`.
    offsets: Vec<u32>,
    post: Vec<u32>,
    /// Forward index: the sorted terms of label `l` are `fwd_terms[fwd_offsets[l]..fwd_offsets[l + 1]]`.
    fwd_offsets: Vec<u32>,
    fwd_terms: Vec<u32>,
    /// Union of a concept's label terms: the sorted terms of concept `c` are
    /// `concept_terms[concept_offsets[c]..concept_offsets[c + 1]]`.
    concept_offsets: Vec<u32>,
    concept_terms: Vec<u32>,
    /// How many of the concept's labels hold each of those terms.
    concept_counts: Vec<u16>,
    /// How many labels of a concept make a full vote for a term, `k` (see [`concept_shared`]).
    label_votes: f32,
    /// Terms by [`derivation_key`]: a word's relatives in the vocabulary.
    derivations: FastMap<Box<str>, Vec<u32>>,
    /// Character trigrams of ASCII terms (padded with `^` and `$`) → terms.
    grams: FastMap<[u8; 3], Vec<u32>>,
    max_idf: f32,
    /// What each concept is about beyond its labels (occupations), for [`DOCUMENT_WEIGHT`].
    docs: Option<Documents>,
}

impl Part {
    /// The labels holding term `t` (none for a term out of range).
    fn postings(&self, t: u32) -> &[u32] {
        let (Some(&a), Some(&b)) = (
            self.offsets.get(t as usize),
            self.offsets.get(t as usize + 1),
        ) else {
            return &[];
        };
        self.post.get(a as usize..b as usize).unwrap_or(&[])
    }
}

/// Which labels to index (see [`SkillMapper::with_label_filter`]).
type LabelFilter<'t> = Box<dyn Fn(Concept<'_>, &str) -> bool + Send + Sync + 't>;

/// A lexical index over the preferred and alternative labels of a [`Taxonomy`], for mapping
/// free text ("python programming", "forklift driver") to concepts.
///
/// The score of a label is the IDF-weighted Dice overlap of its terms with the phrase's terms:
/// `2·Σ idf(shared) / (Σ idf(phrase) + Σ idf(label))`, in `[0, 1]`, 1 when both have the same
/// terms. Terms are lowercased and reduced to the singular, stopwords dropped, order ignored;
/// a word not in the vocabulary is expanded to at most four vocabulary terms within one edit
/// (two for words of eight letters or more, transpositions counting one), found through a
/// character-trigram index and weighted down. A concept scores as its best label.
///
/// The index of a framework is built on its first query and kept; [`SkillMapper::embedded`]
/// shares one over the embedded taxonomy.
pub struct SkillMapper<'t> {
    tax: &'t Taxonomy,
    parts: Vec<OnceLock<Part>>,
    keep: Option<LabelFilter<'t>>,
    /// Index the labels in this language instead of English (see [`SkillMapper::for_language`]).
    lang: Option<Box<str>>,
}

impl std::fmt::Debug for SkillMapper<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SkillMapper")
            .field("taxonomy", self.tax)
            .field(
                "built",
                &self.parts.iter().filter(|p| p.get().is_some()).count(),
            )
            .finish_non_exhaustive()
    }
}

#[cfg(feature = "embedded-data")]
static EMBEDDED_MAPPER: std::sync::LazyLock<Result<SkillMapper<'static>, String>> =
    std::sync::LazyLock::new(|| {
        Taxonomy::embedded()
            .map(SkillMapper::new)
            .map_err(|e| e.to_string())
    });

impl<'t> SkillMapper<'t> {
    /// A mapper over `taxonomy`; each framework's index is built on first use.
    pub fn new(taxonomy: &'t Taxonomy) -> Self {
        Self {
            tax: taxonomy,
            parts: (0..taxonomy.frameworks().len() * KINDS)
                .map(|_| OnceLock::new())
                .collect(),
            keep: None,
            lang: None,
        }
    }

    /// A mapper over the labels of `lang` (`fr`, ...) loaded from ESCO language exports
    /// ([`TaxonomyBuilder::load_esco_language`](crate::TaxonomyBuilder::load_esco_language)):
    /// only concepts with labels in that language are found; `en` is the default mapper.
    pub fn for_language(taxonomy: &'t Taxonomy, lang: &str) -> Self {
        let mut mapper = Self::new(taxonomy);
        if lang != "en" {
            mapper.lang = Some(lang.into());
        }
        mapper
    }

    /// The language it maps, when not English.
    pub fn language(&self) -> Option<&str> {
        self.lang.as_deref()
    }

    /// The label text behind an index entry: the preferred label (`u32::MAX`), the vendorless
    /// product name, an alternative label, or a label in the mapper's language.
    fn label_text(&self, concept: Concept<'t>, alt: u32) -> Option<&'t str> {
        if let Some(lang) = &self.lang {
            return concept.labels_in(lang).nth(alt as usize);
        }
        Some(if alt == u32::MAX {
            concept.label()
        } else if alt == VENDORLESS {
            concept
                .label()
                .split_once(' ')
                .map_or(concept.label(), |(_, rest)| rest.trim())
        } else {
            concept.alt_labels().nth(alt as usize)?
        })
    }

    /// A mapper that indexes only the labels `keep` accepts (called with the concept and one
    /// of its labels): used to measure how the mapper generalises to labels it has not seen.
    pub fn with_label_filter(
        taxonomy: &'t Taxonomy,
        keep: impl Fn(Concept<'_>, &str) -> bool + Send + Sync + 't,
    ) -> Self {
        let mut mapper = Self::new(taxonomy);
        mapper.keep = Some(Box::new(keep));
        mapper
    }

    /// The taxonomy it searches.
    pub fn taxonomy(&self) -> &'t Taxonomy {
        self.tax
    }

    /// Builds the indexes of every framework now rather than on first use.
    pub fn build_all(&self) {
        for i in 0..self.parts.len() {
            self.part(i);
        }
    }

    /// The index of one framework's concepts of one kind (index `framework · KINDS + kind`).
    fn part(&self, i: usize) -> Option<&Part> {
        let cell = self.parts.get(i)?;
        let framework = FrameworkId(u16::try_from(i / KINDS).ok()?);
        let kind = *ConceptKind::ALL.get(i % KINDS)?;
        Some(cell.get_or_init(|| self.build_part(framework, kind)))
    }

    fn build_part(&self, framework: FrameworkId, kind: ConceptKind) -> Part {
        let mut terms: FastMap<Box<str>, u32> = FastMap::default();
        let mut term_text: Vec<Box<str>> = Vec::new();
        let mut concepts = Vec::new();
        let mut labels = Vec::new();
        let mut label_terms: Vec<Vec<u32>> = Vec::new();
        let mut toks = Vec::new();
        // Words of the framework's task statements and work activities: a product name that is
        // one of them (`Google Drive`, `Microsoft Paint`) is not indexed without its vendor.
        let everyday: std::collections::HashSet<String> = if kind == ConceptKind::Technology {
            let mut words = std::collections::HashSet::new();
            for c in self
                .tax
                .concepts_in(framework)
                .filter(|c| matches!(c.kind(), ConceptKind::Task | ConceptKind::WorkActivity))
            {
                toks.clear();
                tokens_into(c.label(), 64, &mut toks);
                words.extend(toks.drain(..));
            }
            words
        } else {
            std::collections::HashSet::new()
        };
        for c in self.tax.concepts_in(framework).filter(|c| c.kind() == kind) {
            let local = concepts.len() as u32;
            let mut any = false;
            let vendorless = (kind == ConceptKind::Technology)
                .then(|| {
                    let (first, rest) = c.label().split_once(' ')?;
                    let rest = rest.trim();
                    let vendor = VENDORS.iter().any(|v| v.eq_ignore_ascii_case(first));
                    toks.clear();
                    tokens_into(rest, 64, &mut toks);
                    let common = toks.iter().all(|t| everyday.contains(t));
                    (vendor && !toks.is_empty() && !common).then_some((VENDORLESS, rest))
                })
                .flatten();
            let english = self.lang.is_none();
            let translated = self
                .lang
                .as_deref()
                .into_iter()
                .flat_map(|lang| c.labels_in(lang).enumerate().map(|(i, l)| (i as u32, l)));
            let own = std::iter::once((u32::MAX, c.label()))
                .chain(vendorless)
                .chain(c.alt_labels().enumerate().map(|(i, l)| (i as u32, l)))
                .filter(|_| english);
            for (alt, text) in own.chain(translated) {
                if let Some(keep) = &self.keep
                    && !keep(c, text)
                {
                    continue;
                }
                toks.clear();
                tokens_into(text, 64, &mut toks);
                let mut ids: Vec<u32> = Vec::with_capacity(toks.len());
                for t in toks.drain(..) {
                    let next = term_text.len() as u32;
                    let id = *terms.entry(t.as_str().into()).or_insert_with(|| {
                        term_text.push(t.as_str().into());
                        next
                    });
                    ids.push(id);
                }
                ids.sort_unstable();
                ids.dedup();
                if ids.is_empty() {
                    continue;
                }
                any = true;
                labels.push(LabelRec {
                    local,
                    alt,
                    weight: 0.0,
                });
                label_terms.push(ids);
            }
            if any {
                concepts.push(c.id());
            }
        }
        // Document frequency, IDF (BM25's form, kept positive), postings.
        let mut df = vec![0u32; term_text.len()];
        for ids in &label_terms {
            for &t in ids {
                df[t as usize] += 1;
            }
        }
        let n = labels.len() as f32;
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| (1.0 + (n - d as f32 + 0.5) / (d as f32 + 0.5)).ln())
            .collect();
        let mut offsets = Vec::with_capacity(df.len() + 1);
        let mut total = 0u32;
        offsets.push(0);
        for &d in &df {
            total += d;
            offsets.push(total);
        }
        let mut fill: Vec<u32> = offsets[..df.len()].to_vec();
        let mut post = vec![0u32; total as usize];
        for (l, ids) in label_terms.iter().enumerate() {
            let mut weight = 0.0;
            for &t in ids {
                let slot = &mut fill[t as usize];
                post[*slot as usize] = l as u32;
                *slot += 1;
                weight += idf[t as usize];
            }
            labels[l].weight = weight;
        }
        let mut fwd_offsets = Vec::with_capacity(label_terms.len() + 1);
        fwd_offsets.push(0u32);
        let mut fwd_terms = Vec::with_capacity(post.len());
        for ids in &label_terms {
            fwd_terms.extend_from_slice(ids);
            fwd_offsets.push(fwd_terms.len() as u32);
        }
        let mut concept_offsets = Vec::with_capacity(concepts.len() + 1);
        concept_offsets.push(0u32);
        let mut concept_terms: Vec<u32> = Vec::new();
        let mut concept_counts: Vec<u16> = Vec::new();
        let mut union: Vec<u32> = Vec::new();
        for (l, ids) in label_terms.iter().enumerate() {
            union.extend_from_slice(ids);
            let last_of_concept = labels
                .get(l + 1)
                .is_none_or(|next| next.local != labels[l].local);
            if last_of_concept {
                union.sort_unstable();
                for run in union.chunk_by(|a, b| a == b) {
                    concept_terms.push(run[0]);
                    concept_counts.push(u16::try_from(run.len()).unwrap_or(u16::MAX));
                }
                union.clear();
                concept_offsets.push(concept_terms.len() as u32);
            }
        }
        let mut derivations: FastMap<Box<str>, Vec<u32>> = FastMap::default();
        for (t, text) in term_text.iter().enumerate() {
            if let Some(key) = derivation_key(text) {
                derivations
                    .entry(key.into_boxed_str())
                    .or_default()
                    .push(t as u32);
            }
        }
        let mut grams: FastMap<[u8; 3], Vec<u32>> = FastMap::default();
        for (t, text) in term_text.iter().enumerate() {
            if text.is_ascii() && text.len() >= 3 {
                for g in trigrams(text.as_bytes()) {
                    let list = grams.entry(g).or_default();
                    if list.last() != Some(&(t as u32)) {
                        list.push(t as u32);
                    }
                }
            }
        }
        let max_idf = idf.iter().copied().fold(0.0f32, f32::max).max(1.0);
        let label_votes =
            (labels.len() as f32 / concepts.len().max(1) as f32 / LABELS_PER_VOTE).clamp(1.0, 8.0);
        let keep = |c: Concept<'_>, label: &str| self.keep.as_ref().is_none_or(|k| k(c, label));
        let docs = Documents::build(self.tax, &concepts, &keep);
        Part {
            docs,
            concepts,
            labels,
            terms,
            term_text,
            idf,
            offsets,
            post,
            fwd_offsets,
            fwd_terms,
            concept_offsets,
            concept_terms,
            label_votes,
            concept_counts,
            derivations,
            grams,
            max_idf,
        }
    }

    /// The concepts that best match `phrase`, best first, with scores in `[0, 1]`.
    ///
    /// Work is bounded: at most 16 terms of the phrase are used, each misspelt word checks at
    /// most 160 candidate terms.
    pub fn map(&self, phrase: &str, options: &MapOptions) -> Vec<MappedConcept<'t>> {
        let phrase = crate::synonyms::expand(phrase);
        let phrase = phrase.as_ref();
        let mut query = Vec::new();
        tokens_into(phrase, MAX_QUERY_TOKENS, &mut query);
        query.sort();
        query.dedup();
        if query.is_empty() || options.top == 0 {
            return Vec::new();
        }
        let frameworks: Vec<usize> = match options.framework {
            Some(f) => vec![f.index()],
            None => (0..self.parts.len() / KINDS).collect(),
        };
        let kinds: Vec<usize> = if options.kinds.is_empty() {
            (0..KINDS).collect()
        } else {
            ConceptKind::ALL
                .iter()
                .enumerate()
                .filter(|(_, k)| options.kinds.contains(k))
                .map(|(i, _)| i)
                .collect()
        };
        let mut hits: Vec<(f32, bool, u32, u32)> = Vec::new();
        let parts: Vec<(&Part, usize)> = frameworks
            .iter()
            .flat_map(|&f| {
                kinds.iter().filter_map(move |&k| {
                    self.part(f.saturating_mul(KINDS).saturating_add(k))
                        .map(|p| (p, k))
                })
            })
            .collect();
        // A word some searched index knows is not a typo, even where another lacks it.
        let known: Vec<bool> = query
            .iter()
            .map(|t| parts.iter().any(|p| p.0.terms.contains_key(t.as_str())))
            .collect();
        let head = head_term(phrase);
        for (part, kind) in parts {
            // Occupation titles name the trade by their last word (`boat joiner helper` is a
            // helper); skill labels put the verb first and vary the object's words, where the
            // rule did not help.
            let head_word = head
                .as_ref()
                .filter(|_| ConceptKind::ALL.get(kind) == Some(&ConceptKind::Occupation));
            self.search_part(part, &query, &known, head_word, options, &mut hits);
        }
        let order = |a: &(f32, bool, u32, u32), b: &(f32, bool, u32, u32)| {
            b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2))
        };
        // Only the head is ever shown: select it, then sort just that.
        let head = options.top.saturating_mul(2).saturating_add(5);
        if hits.len() > head {
            hits.select_nth_unstable_by(head, order);
            hits.truncate(head);
        }
        hits.sort_unstable_by(order);
        // Re-rank the head by the words as written: stemming merges `accounting` and
        // `account`, and the label that has the very words should win the tie.
        let surface = surface_words(phrase);
        let mut out: Vec<MappedConcept<'t>> = hits
            .into_iter()
            .filter_map(|(score, _, concept, alt)| {
                let concept = self.tax.get(ConceptId(concept))?;
                let label = self.label_text(concept, alt)?;
                let fraction = surface_overlap(&surface, label);
                // A category of tools (`statistical analysis software`) for a phrase that
                // names no tool is the activity's software, not the activity.
                let tool_only = concept.kind() == ConceptKind::Technology
                    && words_of(label)
                        .last()
                        .is_some_and(|w| TOOL_WORDS.iter().any(|t| t.eq_ignore_ascii_case(w)))
                    && !surface.iter().any(|w| TOOL_WORDS.contains(&w.as_str()));
                let penalty = if tool_only { TOOL_PENALTY } else { 1.0 };
                Some(MappedConcept {
                    concept,
                    score: score * penalty * (SURFACE_BASE + (1.0 - SURFACE_BASE) * fraction),
                    label,
                })
            })
            .filter(|m| m.score >= options.min_score)
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.concept.id().cmp(&b.concept.id()))
        });
        out.truncate(options.top);
        out
    }

    /// Scores one part's labels; pushes `(score, preferred, concept, alt)` per concept.
    ///
    /// Query terms are taken rarest first; each label met in their postings is scored exactly
    /// from its own term list. Once the terms left are too common to lift a label not yet met
    /// above the current head (MaxScore pruning), their long postings are skipped.
    fn search_part(
        &self,
        part: &Part,
        query: &[String],
        known: &[bool],
        head_word: Option<&(String, Option<String>)>,
        options: &MapOptions,
        hits: &mut Vec<(f32, bool, u32, u32)>,
    ) {
        // The head word's terms in this index: the word, its derivations and related words.
        let head_terms: Vec<u32> = head_word
            .map(|(term, key)| {
                let mut ids: Vec<u32> =
                    part.terms.get(term.as_str()).copied().into_iter().collect();
                if let Some(key) = key
                    && let Some(relatives) = part.derivations.get(key.as_str())
                {
                    ids.extend(relatives);
                }
                for related in crate::synonyms::relatives(term) {
                    ids.extend(part.terms.get(related.as_str()));
                }
                ids
            })
            .unwrap_or_default();
        // A concept none of whose indexed labels holds the head word keeps `HEAD_BASE` of
        // its score (no change when no label of the index holds it: a misspelt head).
        let head_factor = |local: u32| -> f32 {
            if head_terms.is_empty() {
                return 1.0;
            }
            let (Some(&a), Some(&b)) = (
                part.concept_offsets.get(local as usize),
                part.concept_offsets.get(local as usize + 1),
            ) else {
                return 1.0;
            };
            let own = part
                .concept_terms
                .get(a as usize..b as usize)
                .unwrap_or(&[]);
            if head_terms.iter().any(|t| own.binary_search(t).is_ok()) {
                1.0
            } else {
                HEAD_BASE
            }
        };
        // The most the head rule can lower a score, which pruning allows for.
        let head_floor = if head_terms.is_empty() {
            1.0
        } else {
            HEAD_BASE
        };
        // Each query term: its candidate vocabulary terms with weights, and its own weight.
        let mut query_weight = 0.0f32;
        // (top weight, candidates, how many of them to walk the postings of): a word in the
        // vocabulary walks only its own postings, its relatives are checked on the labels met.
        let mut expanded: Vec<Expanded> = Vec::with_capacity(query.len());
        for (token, &known) in query.iter().zip(known) {
            let exact = part.terms.get(token.as_str()).copied();
            // The word's derivations in this index, after the word itself.
            let mut relatives: Vec<(u32, f32)> = derivation_key(token)
                .and_then(|key| part.derivations.get(key.as_str()))
                .into_iter()
                .flatten()
                .filter(|&&t| Some(t) != exact)
                .take(MAX_DERIVATIONS)
                .map(|&t| (t, part.idf[t as usize]))
                .collect();
            // And the words the synonym table relates to it (`car` → `vehicle`).
            for related in crate::synonyms::relatives(token) {
                if let Some(&t) = part.terms.get(related.as_str())
                    && Some(t) != exact
                    && !relatives.iter().any(|r| r.0 == t)
                {
                    relatives.push((t, part.idf[t as usize]));
                }
            }
            if let Some(t) = exact {
                let w = part.idf[t as usize];
                query_weight += w;
                let mut cands = vec![(t, w)];
                cands.extend(
                    relatives
                        .iter()
                        .map(|&(r, rw)| (r, rw.min(w) * DERIVATION_WEIGHT)),
                );
                // Best relative first: the first one a label holds is the one it counts.
                if let Some(rest) = cands.get_mut(1..) {
                    rest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                }
                expanded.push((w, cands, 1));
            } else if !relatives.is_empty() {
                let w = relatives.iter().map(|r| r.1).fold(0.0f32, f32::max);
                query_weight += w;
                let cands: Vec<(u32, f32)> = relatives
                    .iter()
                    .map(|&(r, rw)| (r, rw * DERIVATION_WEIGHT))
                    .collect();
                let top = cands.iter().map(|c| c.1).fold(0.0f32, f32::max);
                let walk = cands.len();
                expanded.push((top, cands, walk));
            } else if known {
                // Known elsewhere: it still counts against every label here.
                query_weight += part.max_idf;
            } else {
                let candidates = typo_candidates(part, token);
                query_weight += candidates
                    .first()
                    .map_or(part.max_idf, |&(t, _)| part.idf[t as usize]);
                let cands: Vec<(u32, f32)> = candidates
                    .into_iter()
                    .map(|(t, d)| (t, part.idf[t as usize] * TYPO_WEIGHT[d.min(2)]))
                    .collect();
                let top = cands.iter().map(|c| c.1).fold(0.0f32, f32::max);
                if top > 0.0 {
                    let walk = cands.len();
                    expanded.push((top, cands, walk));
                }
            }
        }
        expanded.sort_by(|a, b| b.0.total_cmp(&a.0));
        // Pruning needs only the `top` best: the re-ranking below moves a score by at most
        // the factor `SURFACE_BASE`, which the bound allows for.
        let head = options.top.max(PRUNE_HEAD);
        SCRATCH.with(|cell| {
            let mut s = cell.borrow_mut();
            s.prepare(part.labels.len(), part.concepts.len());
            let gen_now = s.generation;
            let mut touched: Vec<u32> = Vec::new();
            let mut remaining: f32 = expanded.iter().map(|e| e.0).sum();
            let mut pruned_from = expanded.len();
            let mut prune_threshold = 0.0f32;
            for (i, (top_weight, cands, walk)) in expanded.iter().enumerate() {
                if i > 0 {
                    // The best a concept not met yet could score from the terms left.
                    let b = 2.0 * remaining / (query_weight + remaining);
                    let label_bound = b + (1.0 - b) * SECOND_LABEL * b;
                    // Its labels can only hold the terms left, so its coverage too.
                    let bound = (1.0 - COVERAGE) * label_bound
                        + COVERAGE * (remaining / query_weight.max(f32::MIN_POSITIVE));
                    let threshold = if bound < PRUNE_FLOOR {
                        PRUNE_FLOOR
                    } else if bound < 1.0 {
                        // Scores so far are lower bounds of the final ones.
                        kth_concept_score(part, &s.slots, &touched, query_weight, head)
                            * SURFACE_BASE
                            * head_floor
                    } else {
                        0.0
                    };
                    if bound < threshold {
                        pruned_from = i;
                        prune_threshold = threshold;
                        break;
                    }
                }
                remaining -= top_weight;
                let q = i as u32;
                for &(t, w) in cands.iter().take(*walk) {
                    for &l in part.postings(t) {
                        let Some(slot) = s.slots.get_mut(l as usize) else {
                            continue;
                        };
                        if slot.generation != gen_now {
                            *slot = Slot {
                                generation: gen_now,
                                token: q,
                                acc: w,
                            };
                            touched.push(l);
                        } else if slot.token != q {
                            // The first (best) candidate of each query term counts, once.
                            slot.token = q;
                            slot.acc += w;
                        }
                    }
                }
            }
            // Relatives not walked count for the labels met that lack the word itself: their
            // postings are walked for labels already met only (marked per query term, so a
            // label counts its best relative once).
            for (i, (_, cands, walk)) in expanded.iter().enumerate() {
                let Some((walked, rest)) = cands.split_at_checked(*walk) else {
                    continue;
                };
                let marker = u32::MAX - i as u32;
                for &(t, w) in rest {
                    for &l in part.postings(t) {
                        let li = l as usize;
                        let fresh = s
                            .slots
                            .get(li)
                            .is_some_and(|slot| slot.generation == gen_now && slot.token != marker);
                        if !fresh {
                            continue;
                        }
                        let (Some(&fa), Some(&fb)) =
                            (part.fwd_offsets.get(li), part.fwd_offsets.get(li + 1))
                        else {
                            continue;
                        };
                        let own = part.fwd_terms.get(fa as usize..fb as usize).unwrap_or(&[]);
                        let has_word = walked.iter().any(|c| own.binary_search(&c.0).is_ok());
                        if let Some(slot) = s.slots.get_mut(li) {
                            slot.token = marker;
                            if !has_word {
                                slot.acc += w;
                            }
                        }
                    }
                }
            }
            // Terms skipped by pruning still count for the labels already met, when they could
            // lift them to the threshold; the others are dropped as not searched for.
            if pruned_from < expanded.len() {
                let rest = expanded.get(pruned_from..).unwrap_or(&[]);
                // Every label met is scored exactly (its own term list is short), so a
                // concept's score never depends on the pruning threshold.
                let _ = prune_threshold;
                for &l in &touched {
                    let li = l as usize;
                    let extra = shared_with(part, li, rest);
                    if let Some(slot) = s.slots.get_mut(li) {
                        slot.acc += extra;
                    }
                }
            }
            // Weight a concept's labels not met could still share: the terms pruned and the
            // relatives not walked.
            let unsearched: f32 = expanded
                .iter()
                .enumerate()
                .map(|(i, (top, cands, walk))| {
                    if i >= pruned_from {
                        *top
                    } else {
                        cands
                            .get(*walk..)
                            .unwrap_or(&[])
                            .iter()
                            .map(|c| c.1)
                            .fold(0.0f32, f32::max)
                    }
                })
                .sum();
            let mut best_concepts: Vec<u32> = Vec::new();
            for &l in &touched {
                let li = l as usize;
                let (Some(rec), Some(slot)) = (part.labels.get(li), s.slots.get(li)) else {
                    continue;
                };
                if slot.acc == f32::NEG_INFINITY {
                    continue;
                }
                let score = (2.0 * slot.acc / (query_weight + rec.weight)).clamp(0.0, 1.0);
                let ci = rec.local as usize;
                let held = slot.acc;
                if s.concept_gen[ci] != gen_now {
                    s.concept_gen[ci] = gen_now;
                    s.concept_best[ci] = (score, l, 0.0);
                    s.concept_held[ci] = held;
                    best_concepts.push(rec.local);
                } else {
                    s.concept_held[ci] += held;
                    let (old, old_l, second) = s.concept_best[ci];
                    let better = score > old
                        || (score == old
                            && rec.alt == u32::MAX
                            && part.labels[old_l as usize].alt != u32::MAX);
                    s.concept_best[ci] = if better {
                        (score, l, old.max(second))
                    } else {
                        (old, old_l, second.max(score))
                    };
                }
            }
            // Best label first; coverage is computed while a concept could still reach the
            // head (after the re-ranking's factors), the others keep their lower bound.
            // Highest possible score first: coverage is computed while a concept could still
            // reach the head (after the re-ranking's factors); the others keep a lower bound.
            let ranked: Vec<(f32, f32, u32, u32)> = best_concepts
                .into_iter()
                .map(|local| {
                    let (best_score, l, second) = s.concept_best[local as usize];
                    // A concept that several labels match is a little more likely the one meant.
                    let label_score = best_score + (1.0 - best_score) * SECOND_LABEL * second;
                    // Its coverage is at most what its labels met hold, plus what was not walked.
                    let held = s.concept_held.get(local as usize).copied().unwrap_or(0.0);
                    let upper_coverage =
                        ((held + unsearched) / query_weight.max(f32::MIN_POSITIVE)).min(1.0);
                    let upper = (1.0 - COVERAGE) * label_score + COVERAGE * upper_coverage;
                    (upper, label_score, local, l)
                })
                .collect();
            // The document signal: a bonus on every concept's score (and bound), and the best
            // concepts no label matched, found by their documents alone.
            let mut doc_scores = std::mem::take(&mut s.doc_scores);
            let with_docs = part
                .docs
                .as_ref()
                .is_some_and(|d| d.scores_into(query, &mut doc_scores));
            if !with_docs {
                doc_scores.clear();
            }
            let with_doc = |score: f32, local: u32| {
                let doc = doc_scores.get(local as usize).copied().unwrap_or(0.0);
                score + DOCUMENT_WEIGHT * doc * (1.0 - score).max(0.0)
            };
            if with_docs {
                let mut doc_only: Vec<(f32, u32)> = doc_scores
                    .iter()
                    .enumerate()
                    .filter(|&(local, &d)| {
                        d > 0.0 && s.concept_gen.get(local).copied() != Some(gen_now)
                    })
                    .map(|(local, &d)| (DOCUMENT_WEIGHT * d, local as u32))
                    .collect();
                let keep = DOCUMENT_ONLY.min(doc_only.len());
                let order =
                    |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
                if doc_only.len() > keep {
                    doc_only.select_nth_unstable_by(keep, order);
                    doc_only.truncate(keep);
                }
                doc_only.sort_unstable_by(order);
                for (score, local) in doc_only {
                    let score = score * head_factor(local);
                    if score < options.min_score || score <= 0.0 {
                        continue;
                    }
                    if let Some(&cid) = part.concepts.get(local as usize) {
                        // Labels are in concept order: its first kept label names it.
                        let first = part.labels.partition_point(|r| r.local < local);
                        let preferred = part
                            .labels
                            .get(first)
                            .filter(|r| r.local == local)
                            .map_or(u32::MAX, |r| r.alt);
                        hits.push((score, preferred == u32::MAX, cid.0, preferred));
                    }
                }
            }
            let mut ranked: Vec<(f32, f32, u32, u32)> = ranked
                .into_iter()
                .map(|(upper, label_score, local, l)| {
                    (with_doc(upper, local), label_score, local, l)
                })
                .collect();
            ranked.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
            let mut head_scores: Vec<f32> = Vec::with_capacity(head + 1);
            for (upper, label_score, local, l) in ranked {
                if upper < options.min_score {
                    // Best first: no concept left can reach the minimum asked for.
                    break;
                }
                let kth = if head_scores.len() >= head {
                    head_scores.last().copied().unwrap_or(0.0)
                } else {
                    0.0
                };
                let score = if upper < kth * SURFACE_BASE * TOOL_PENALTY * head_floor {
                    // A lower bound, enough for a concept that cannot reach the head.
                    with_doc((1.0 - COVERAGE) * label_score, local)
                } else {
                    // A label with the phrase's very terms covers it all, however few vote.
                    let coverage = if label_score >= 1.0 {
                        1.0
                    } else {
                        concept_shared(part, local as usize, &expanded)
                            / query_weight.max(f32::MIN_POSITIVE)
                    };
                    let score = with_doc(
                        (1.0 - COVERAGE) * label_score + COVERAGE * coverage.min(1.0),
                        local,
                    );
                    let at = head_scores.partition_point(|&x| x >= score);
                    if at < head {
                        head_scores.insert(at, score);
                        head_scores.truncate(head);
                    }
                    score
                };
                let score = score * head_factor(local);
                if score < options.min_score || score <= 0.0 {
                    continue;
                }
                let rec = part.labels[l as usize];
                if let Some(&cid) = part.concepts.get(local as usize) {
                    hits.push((score, rec.alt == u32::MAX, cid.0, rec.alt));
                }
            }
            s.doc_scores = doc_scores;
        });
    }
}

#[cfg(feature = "embedded-data")]
impl SkillMapper<'static> {
    /// The mapper over [`Taxonomy::embedded`], created once and shared (each framework's
    /// index is built on its first query).
    pub fn embedded() -> Result<&'static SkillMapper<'static>, Error> {
        EMBEDDED_MAPPER
            .as_ref()
            .map_err(|e| Error::CompactData(e.clone()))
    }
}

/// The phrase's head term, stemmed, with its derivation key: the last content word before the
/// first preposition. `None` for a phrase of fewer than two content words.
fn head_term(phrase: &str) -> Option<(String, Option<String>)> {
    let mut words: Vec<&str> = Vec::new();
    for word in words_of(phrase).take(MAX_QUERY_TOKENS) {
        if HEAD_ENDS.iter().any(|e| e.eq_ignore_ascii_case(word)) && !words.is_empty() {
            break;
        }
        words.push(word);
    }
    let mut toks = Vec::new();
    tokens_into(phrase, MAX_QUERY_TOKENS, &mut toks);
    if toks.len() < 2 {
        return None;
    }
    toks.clear();
    tokens_into(words.last()?, 1, &mut toks);
    let term = toks.pop()?;
    let key = derivation_key(&term);
    Some((term, key))
}

/// The lowercased words of a text, deduplicated (at most 32).
fn surface_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = words_of(text).take(32).map(str::to_lowercase).collect();
    words.sort();
    words.dedup();
    words
}

fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#'))
        .filter(|w| !w.is_empty())
}

/// Share of words as written (ignoring case) that the phrase and a label have in common:
/// shared / max(phrase words, label words). Allocation-free for ASCII labels.
fn surface_overlap(phrase: &[String], label: &str) -> f32 {
    let mut seen: u32 = 0;
    let mut label_words = 0usize;
    for word in words_of(label).take(64) {
        label_words += 1;
        for (i, p) in phrase.iter().enumerate().take(32) {
            let same = if word.is_ascii() {
                p.len() == word.len() && p.as_bytes().eq_ignore_ascii_case(word.as_bytes())
            } else {
                *p == word.to_lowercase()
            };
            if same {
                seen |= 1 << i;
            }
        }
    }
    let shared = seen.count_ones() as f32;
    shared / phrase.len().max(label_words).max(1) as f32
}

fn trigrams(term: &[u8]) -> impl Iterator<Item = [u8; 3]> + '_ {
    let n = term.len();
    (0..n.saturating_add(1)).map(move |i| {
        let at = |j: usize| -> u8 {
            if j == 0 {
                b'^'
            } else {
                term.get(j - 1).copied().unwrap_or(b'$')
            }
        };
        [at(i), at(i + 1), at(i + 2)]
    })
}

/// Vocabulary terms within the allowed edit distance of a word not in the vocabulary, best
/// first: `(term, distance)`.
fn typo_candidates(part: &Part, token: &str) -> Vec<(u32, usize)> {
    let bytes = token.as_bytes();
    if !token.is_ascii() || bytes.len() < 3 {
        return Vec::new();
    }
    if bytes.len() == 3 {
        // Three letters: only a swap of two neighbours (`slq` → `sql`); anything looser
        // turns one short word into another.
        let mut found = Vec::new();
        for i in 0..2 {
            let mut swapped = bytes.to_vec();
            swapped.swap(i, i + 1);
            if let Ok(text) = std::str::from_utf8(&swapped)
                && let Some(&t) = part.terms.get(text)
                && !found.iter().any(|&(x, _)| x == t)
            {
                found.push((t, 1));
            }
        }
        return found;
    }
    let max = if bytes.len() >= 8 { 2 } else { 1 };
    // Shared trigrams per term, counted in a dense per-thread table (stamped per call, so it
    // is never cleared): several times cheaper than a hash map on the common trigrams.
    let mut n_grams = 0usize;
    let mut pool: Vec<(u16, u32)> = Vec::new();
    GRAM_COUNTS.with(|cell| {
        let mut table = cell.borrow_mut();
        let (stamp, counts) = &mut *table;
        if *stamp == u32::MAX {
            *stamp = 0;
            counts.clear();
        }
        *stamp += 1;
        let now = *stamp;
        if counts.len() < part.term_text.len() {
            counts.resize(part.term_text.len(), (0, 0));
        }
        let mut touched: Vec<u32> = Vec::new();
        for g in trigrams(bytes) {
            n_grams += 1;
            if let Some(list) = part.grams.get(&g) {
                for &t in list {
                    let Some(slot) = counts.get_mut(t as usize) else {
                        continue;
                    };
                    if slot.0 != now {
                        *slot = (now, 1);
                        touched.push(t);
                    } else {
                        slot.1 = slot.1.saturating_add(1);
                    }
                }
            }
        }
        // An edit changes at most three trigrams, a transposition four.
        let need = n_grams.saturating_sub(3 * max + 1).max(1) as u16;
        for t in touched {
            let count = counts.get(t as usize).map_or(0, |c| c.1);
            let len_ok = part
                .term_text
                .get(t as usize)
                .is_some_and(|text| text.len().abs_diff(bytes.len()) <= max);
            if count >= need && len_ok {
                pool.push((count, t));
            }
        }
    });
    pool.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    pool.truncate(MAX_VERIFY);
    let mut found: Vec<(usize, f32, u32)> = pool
        .into_iter()
        .filter_map(|(_, t)| {
            let text = part.term_text.get(t as usize)?;
            let d = edit_distance_within(bytes, text.as_bytes(), max)?;
            // Rarer terms first among equals: they say more.
            Some((d, -part.idf[t as usize], t))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
    if let Some(&(best, _, _)) = found.first() {
        found.retain(|f| f.0 == best);
    }
    found.truncate(MAX_EXPANSIONS);
    found.into_iter().map(|(d, _, t)| (t, d)).collect()
}

/// A query term: its top weight, its candidate vocabulary terms with weights (the word, its
/// relatives, or its spelling corrections) and how many of them to walk the postings of.
type Expanded = (f32, Vec<(u32, f32)>, usize);

/// Per-label accumulator of one query (valid when `generation` is the query's).
#[derive(Clone, Copy, Default)]
struct Slot {
    generation: u32,
    token: u32,
    acc: f32,
}

/// The weight a label shares with some query terms, from its own term list.
fn shared_with(part: &Part, label: usize, terms: &[Expanded]) -> f32 {
    let (Some(&a), Some(&b)) = (part.fwd_offsets.get(label), part.fwd_offsets.get(label + 1))
    else {
        return 0.0;
    };
    let own = part.fwd_terms.get(a as usize..b as usize).unwrap_or(&[]);
    let mut shared = 0.0f32;
    // A word's own term only: its relatives are walked for the labels met (see `search_part`).
    for (_, cands, walk) in terms {
        let mut best = 0.0f32;
        for &(t, w) in cands.iter().take(*walk) {
            if w > best && own.binary_search(&t).is_ok() {
                best = w;
            }
        }
        shared += best;
    }
    shared
}

/// The weight a concept's labels, together, share with the query terms: each term counts with
/// its best candidate's weight times `min(1, 2·n / (n + k))`, `n` the labels holding it and `k`
/// the part's `label_votes` (so one label is a full vote where `k` is 1).
fn concept_shared(part: &Part, concept: usize, terms: &[Expanded]) -> f32 {
    let (Some(&a), Some(&b)) = (
        part.concept_offsets.get(concept),
        part.concept_offsets.get(concept + 1),
    ) else {
        return 0.0;
    };
    let own = part
        .concept_terms
        .get(a as usize..b as usize)
        .unwrap_or(&[]);
    let counts = part
        .concept_counts
        .get(a as usize..b as usize)
        .unwrap_or(&[]);
    let k = part.label_votes;
    let mut shared = 0.0f32;
    for (_, cands, _) in terms {
        let mut best = 0.0f32;
        for &(t, w) in cands {
            if w > best
                && let Ok(at) = own.binary_search(&t)
            {
                let tf = f32::from(counts.get(at).copied().unwrap_or(1));
                // Saturating in the number of labels holding it: 1 from two labels at `k` 1.
                let votes = (2.0 * tf / (tf + k)).min(1.0);
                best = best.max(w * votes);
            }
        }
        shared += best;
    }
    shared
}

/// The `k`-th best concept score among the labels met so far (0 when fewer concepts).
fn kth_concept_score(
    part: &Part,
    slots: &[Slot],
    touched: &[u32],
    query_weight: f32,
    k: usize,
) -> f32 {
    // (score, concept), best first, distinct concepts.
    let mut top: Vec<(f32, u32)> = Vec::with_capacity(k + 1);
    for &l in touched {
        let (Some(rec), Some(slot)) = (part.labels.get(l as usize), slots.get(l as usize)) else {
            continue;
        };
        // A lower bound of the concept's final score (its coverage is at least this label's).
        let dice = 2.0 * slot.acc / (query_weight + rec.weight);
        // One label holding a term is at least `2 / (1 + k)` of a vote.
        let one_vote = (2.0 / (1.0 + part.label_votes)).min(1.0);
        let score = (1.0 - COVERAGE) * dice
            + COVERAGE * (one_vote * slot.acc / query_weight.max(f32::MIN_POSITIVE)).min(1.0);
        if top.len() == k && top.last().is_some_and(|&(s, _)| score <= s) {
            continue;
        }
        if let Some(pos) = top.iter().position(|&(_, c)| c == rec.local) {
            if top[pos].0 >= score {
                continue;
            }
            top.remove(pos);
        }
        let at = top
            .iter()
            .position(|&(s, _)| score > s)
            .unwrap_or(top.len());
        top.insert(at, (score, rec.local));
        top.truncate(k);
    }
    if top.len() < k {
        0.0
    } else {
        top.last().map_or(0.0, |t| t.0)
    }
}

#[derive(Default)]
struct Scratch {
    generation: u32,
    slots: Vec<Slot>,
    concept_gen: Vec<u32>,
    concept_best: Vec<(f32, u32, f32)>,
    /// Sum of the weight each concept's labels met share with the query.
    concept_held: Vec<f32>,
    /// Document score per concept (see [`Documents::scores_into`]).
    doc_scores: Vec<f32>,
}

impl Scratch {
    fn prepare(&mut self, labels: usize, concepts: usize) {
        if self.generation == u32::MAX {
            *self = Scratch::default();
        }
        self.generation += 1;
        if self.slots.len() < labels {
            self.slots.resize(labels, Slot::default());
        }
        if self.concept_gen.len() < concepts {
            self.concept_gen.resize(concepts, 0);
            self.concept_best.resize(concepts, (0.0, 0, 0.0));
            self.concept_held.resize(concepts, 0.0);
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
    /// `(stamp, shared trigrams)` per vocabulary term, for [`typo_candidates`].
    static GRAM_COUNTS: RefCell<(u32, Vec<(u32, u16)>)> = const { RefCell::new((0, Vec::new())) };
}

#[cfg(test)]
mod tests {
    use super::head_term;
    use crate::text::stem;

    #[test]
    fn the_head_word_is_the_last_content_word_before_a_preposition() {
        let head = |p: &str| head_term(p).map(|(term, _)| term);
        assert_eq!(head("boat joiner helper"), Some(stem("helper")));
        assert_eq!(head("Teacher of Music"), Some(stem("teacher")));
        assert_eq!(
            head("statistical analysis of survey data"),
            Some(stem("analysis"))
        );
        assert_eq!(head("housekeeper in a hotel"), Some(stem("housekeeper")));
        // One content word: nothing to tell apart.
        assert_eq!(head("welder"), None);
        assert_eq!(head("the welder"), None);
    }
}

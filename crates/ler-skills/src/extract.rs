//! Skills from running text: a paragraph, a course description or a job ad is split into
//! clauses, every short run of words in a clause is matched, and the best non-overlapping
//! matches are kept, each with the span of text it came from.

use std::ops::Range;

use crate::mapper::{MapOptions, MappedConcept, SkillMapper};
use crate::model::ConceptId;
use crate::taxonomy::Concept;

/// Longest run of words matched as one span (labels are rarely longer).
const MAX_SPAN_WORDS: usize = 6;
/// Most words read per clause, and most clauses per text: bound the work on long input.
const MAX_CLAUSE_WORDS: usize = 40;
const MAX_CLAUSES: usize = 64;
/// Candidates looked at per span.
const PER_SPAN: usize = 3;
/// How much less a one-word span counts than a longer one when they compete for the same
/// stretch of text (ordering only; its score is reported unchanged).
const SINGLE_WORD_DISCOUNT: f32 = 0.15;
/// Words that never start or end a span (they carry no skill on their own).
const EDGE_WORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
    "etc",
    "our",
    "your",
    "their",
    "we",
    "you",
    "i",
    "will",
    "be",
    "is",
    "are",
    "was",
    "were",
    "using",
    "use",
    "including",
    "such",
    "other",
    "all",
    "new",
    "good",
    "strong",
    "ability",
    "experience",
    "knowledge",
    "skills",
    "able",
    "work",
    "working",
    "must",
    "can",
];

/// Everyday verbs and nouns that, alone, name no skill even where a taxonomy has a one-word
/// label for them (`write` → Writing, `manage` → management).
const GENERIC_SINGLE: &[&str] = &[
    "build",
    "write",
    "manage",
    "replace",
    "develop",
    "create",
    "make",
    "lead",
    "support",
    "plan",
    "run",
    "test",
    "help",
    "maintain",
    "operate",
    "prepare",
    "provide",
    "ensure",
    "handle",
    "assist",
    "perform",
    "apply",
    "check",
    "keep",
    "set",
    "learn",
    "teach",
    "train",
    "read",
    "tables",
    "table",
    "team",
    "teams",
    "customers",
    "people",
    "children",
    "care",
    "service",
    "services",
    "systems",
    "system",
    "units",
    "unit",
    "data",
    "design",
    "office",
];

/// Scores a span of text against concepts: the lexical [`SkillMapper`] is one; a semantic
/// scorer (embeddings) can implement it too and be used by [`extract_with`] unchanged.
pub trait SpanScorer<'t> {
    /// Candidate concepts for a span, best first, each with a score in `[0, 1]` that does not
    /// depend on how many candidates are asked for.
    fn candidates(&self, span: &str, options: &MapOptions) -> Vec<MappedConcept<'t>>;
}

impl<'t> SpanScorer<'t> for SkillMapper<'t> {
    fn candidates(&self, span: &str, options: &MapOptions) -> Vec<MappedConcept<'t>> {
        self.map(span, options)
    }
}

/// What to extract.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ExtractOptions {
    /// Framework and kinds to look in (`top` and `min_score` of it are ignored).
    pub target: MapOptions,
    /// Matches scoring below this are dropped (default 0.75).
    pub min_score: f32,
    /// Most concepts returned (default 50); scores do not depend on it.
    pub top: usize,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        Self {
            target: MapOptions::new(),
            min_score: 0.75,
            top: 50,
        }
    }
}

impl ExtractOptions {
    /// Every framework and kind, matches scoring 0.75 or more, at most 50.
    pub fn new() -> Self {
        Self::default()
    }

    /// Look only where `target` says (framework, kinds).
    pub fn target(mut self, target: MapOptions) -> Self {
        self.target = target;
        self
    }

    /// Drop matches scoring below `min_score`.
    pub fn min_score(mut self, min_score: f32) -> Self {
        self.min_score = min_score;
        self
    }

    /// At most `top` concepts.
    pub fn top(mut self, top: usize) -> Self {
        self.top = top;
        self
    }
}

/// A concept found in a text.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Extracted<'t> {
    /// The concept.
    pub concept: Concept<'t>,
    /// The match score of its span, from 0 to 1.
    pub score: f32,
    /// The label that matched.
    pub label: &'t str,
    /// Byte range of the span in the input text.
    pub span: Range<usize>,
    /// The span's text.
    pub text: String,
    /// Index of the clause it is in (0-based).
    pub clause: usize,
}

/// The clauses of a text with their byte offsets: split at sentence and list punctuation.
pub fn clauses(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for (i, c) in text.char_indices() {
        let boundary = matches!(
            c,
            '.' | ';'
                | ':'
                | '!'
                | '?'
                | '\n'
                | ','
                | '('
                | ')'
                | '•'
                | '·'
                | '|'
                | '\u{2013}'
                | '\u{2014}'
        ) && !(c == '.' && is_inner_dot(text, i));
        if boundary {
            if text[start..i].trim().len() > 1 {
                out.push(start..i);
            }
            start = i + c.len_utf8();
            if out.len() >= MAX_CLAUSES {
                return out;
            }
        }
    }
    if text[start..].trim().len() > 1 && out.len() < MAX_CLAUSES {
        out.push(start..text.len());
    }
    out
}

/// A dot inside a word (`Node.js`, `ASP.NET`, `3.5`) does not end a clause.
fn is_inner_dot(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + 1..].chars().next();
    matches!((before, after), (Some(b), Some(a)) if b.is_alphanumeric() && a.is_alphanumeric())
}

fn words(text: &str, base: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || matches!(c, '+' | '#' | '\'' | '-' | '/' | '&' | '.');
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(base + s..base + i);
                start = None;
            }
            _ => {}
        }
        if out.len() >= MAX_CLAUSE_WORDS {
            return out;
        }
    }
    if let Some(s) = start {
        out.push(base + s..base + text.len());
    }
    out
}

impl<'t> SkillMapper<'t> {
    /// The concepts a text mentions, with spans (see [`extract_with`]).
    pub fn extract(&self, text: &str, options: &ExtractOptions) -> Vec<Extracted<'t>> {
        extract_with(self, text, options)
    }
}

/// The concepts `text` mentions, best first: each clause's runs of one to six words are
/// scored by `scorer`; matches at or above `min_score` are taken best first (longer spans
/// first among equals), one concept per framework for any stretch of text, each concept once.
/// Work is bounded: 64 clauses of 40 words.
pub fn extract_with<'t>(
    scorer: &dyn SpanScorer<'t>,
    text: &str,
    options: &ExtractOptions,
) -> Vec<Extracted<'t>> {
    let mut target = options.target.clone();
    target.top = PER_SPAN;
    target.min_score = options.min_score;
    let mut found: Vec<Extracted<'t>> = Vec::new();
    for (clause_index, clause) in clauses(text).into_iter().enumerate() {
        let ws = words(&text[clause.clone()], clause.start);
        for n in (1..=MAX_SPAN_WORDS.min(ws.len())).rev() {
            for window in ws.windows(n) {
                let (Some(first), Some(last)) = (window.first(), window.last()) else {
                    continue;
                };
                let edge = |r: &Range<usize>| {
                    let w = text[r.clone()].to_lowercase();
                    EDGE_WORDS.contains(&w.as_str())
                };
                if edge(first) || edge(last) {
                    continue;
                }
                let span = first.start..last.end;
                let span_text = &text[span.clone()];
                if n == 1 && GENERIC_SINGLE.contains(&span_text.to_lowercase().as_str()) {
                    continue;
                }
                for hit in scorer.candidates(span_text, &target) {
                    // One word alone must be the whole label, written the same way (up to
                    // case, or through the synonym table): a single word inside a longer
                    // label is too weak a sign.
                    if n == 1 && hit.score < 0.95 {
                        continue;
                    }
                    found.push(Extracted {
                        concept: hit.concept,
                        score: hit.score,
                        label: hit.label,
                        span: span.clone(),
                        text: span_text.to_owned(),
                        clause: clause_index,
                    });
                }
            }
        }
    }
    // A single word is the weakest sign: a longer span over it that scores nearly as well is
    // the more specific mention (`TIG welding` over `welding`), so it is taken first.
    let rank = |e: &Extracted<'_>| {
        if e.text.split_whitespace().nth(1).is_none() {
            e.score - SINGLE_WORD_DISCOUNT
        } else {
            e.score
        }
    };
    found.sort_by(|a, b| {
        rank(b)
            .total_cmp(&rank(a))
            .then(b.score.total_cmp(&a.score))
            .then((b.span.end - b.span.start).cmp(&(a.span.end - a.span.start)))
            .then(a.span.start.cmp(&b.span.start))
            .then(a.concept.id().cmp(&b.concept.id()))
    });
    let mut kept: Vec<Extracted<'t>> = Vec::new();
    let mut seen: Vec<ConceptId> = Vec::new();
    for e in found {
        if seen.contains(&e.concept.id()) {
            continue;
        }
        let overlaps = kept.iter().any(|k| {
            k.concept.framework_id() == e.concept.framework_id()
                && k.span.start < e.span.end
                && e.span.start < k.span.end
        });
        if overlaps {
            continue;
        }
        seen.push(e.concept.id());
        kept.push(e);
        if kept.len() >= options.top {
            break;
        }
    }
    kept
}

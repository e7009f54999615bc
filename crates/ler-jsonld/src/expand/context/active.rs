//! The active context: the processed, immutable context a document is expanded under, its term
//! definitions, and the builder context processing fills.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use ler_model::json::Value;

use crate::expand::iri::{has_keyword_form, is_absolute, resolve};
use crate::expand::value::{Keyword, Str};

/// A multiply-rotate hash over 8-byte words (in the manner of rustc's FxHash): term tables are
/// built from pinned contexts and looked up once or twice per document key, where SipHash's
/// flood resistance buys nothing and costs a third of a lookup.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Fnv {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Whole words, the last one overlapping the one before: no partial word is copied (a
        // call into `memcpy` for most keys). The length tells apart what the overlap confuses.
        let n = bytes.len();
        let word = |i: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&bytes[i..i + 8]);
            u64::from_le_bytes(w)
        };
        let last = if n >= 8 {
            let mut i = 0;
            while i + 8 < n {
                self.add(word(i));
                i += 8;
            }
            word(n - 8)
        } else if n >= 4 {
            let half = |i: usize| {
                let mut w = [0u8; 4];
                w.copy_from_slice(&bytes[i..i + 4]);
                u64::from(u32::from_le_bytes(w))
            };
            half(0) | (half(n - 4) << 32)
        } else if n > 0 {
            u64::from(bytes[0]) | (u64::from(bytes[n / 2]) << 8) | (u64::from(bytes[n - 1]) << 16)
        } else {
            0
        };
        self.add(last ^ ((n as u64) << 56));
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// The JSON-LD processing mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ProcessingMode {
    /// `json-ld-1.0`: 1.1 features are errors.
    JsonLd10,
    /// `json-ld-1.1` (the default).
    #[default]
    JsonLd11,
}

/// A base direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Container mapping flags.
pub(crate) mod container {
    pub(crate) const GRAPH: u8 = 1;
    pub(crate) const ID: u8 = 2;
    pub(crate) const INDEX: u8 = 4;
    pub(crate) const LANGUAGE: u8 = 8;
    pub(crate) const LIST: u8 = 16;
    pub(crate) const SET: u8 = 32;
    pub(crate) const TYPE: u8 = 64;
}

/// A term definition.
#[derive(Debug, Clone, Default)]
pub(crate) struct TermDef {
    /// `None`: the term is explicitly mapped to null.
    pub(crate) iri: Option<Str>,
    pub(crate) prefix: bool,
    pub(crate) protected: bool,
    pub(crate) reverse: bool,
    pub(crate) base_url: Option<Str>,
    pub(crate) context: Option<Arc<Value>>,
    pub(crate) container: u8,
    /// `Some(None)`: direction explicitly null.
    pub(crate) direction: Option<Option<Direction>>,
    /// `Some(None)`: language explicitly null.
    pub(crate) language: Option<Option<Str>>,
    pub(crate) index: Option<Str>,
    pub(crate) nest: Option<Str>,
    pub(crate) type_mapping: Option<Str>,
    /// The IRI is absolute and valid in RDF (checked once, when the term is defined).
    pub(crate) iri_ok: bool,
    /// The type mapping as a literal datatype, when it is one JSON-LD to RDF accepts (checked
    /// once, when the term is defined, so typed values need no check and no copy of it).
    pub(crate) type_iri: Option<crate::rdf::Iri>,
    /// What a spelling guard said of `iri` (see [`GuardMemo`]).
    pub(crate) guarded: GuardMemo,
}

/// What one spelling guard says of a term's IRI (the term that must spell it, or none),
/// remembered on the definition with the guard's id: the guard is asked for every property of
/// every document, and one guard's answer for one IRI never changes. A copy of the definition
/// starts empty, since a copy may be given another IRI.
#[derive(Debug, Default)]
pub(crate) struct GuardMemo(pub(crate) std::sync::OnceLock<(u64, Option<Str>)>);

impl Clone for GuardMemo {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl TermDef {
    /// Same definition, `protected` aside (for protected-term redefinition checks).
    pub(super) fn same_as(&self, other: &TermDef) -> bool {
        self.iri == other.iri
            && self.prefix == other.prefix
            && self.reverse == other.reverse
            && self.container == other.container
            && self.direction == other.direction
            && self.language == other.language
            && self.index == other.index
            && self.nest == other.nest
            && self.type_mapping == other.type_mapping
            && match (&self.context, &other.context) {
                (None, None) => true,
                (Some(a), Some(b)) => a == b,
                _ => false,
            }
    }

    pub(crate) fn has(&self, flag: u8) -> bool {
        self.container & flag != 0
    }
}

/// A processed, immutable active context.
#[derive(Debug)]
pub(crate) struct ActiveContext {
    /// Identity for the cache: unique per processed context within a process (a thread's copy
    /// of a context carries the id of the context it copies: the id names the content).
    pub(crate) id: u64,
    pub(crate) base: Option<Str>,
    pub(crate) original_base: Option<Str>,
    pub(crate) vocab: Option<Str>,
    pub(crate) language: Option<Str>,
    pub(crate) direction: Option<Direction>,
    /// Shared between a context and the threads' copies of it (see `thread_copy`), which only
    /// read it.
    pub(crate) terms: Arc<FnvMap<Str, Arc<TermDef>>>,
    pub(crate) previous: Option<Arc<ActiveContext>>,
    pub(crate) mode: ProcessingMode,
    /// Terms that alias a keyword (`id` for `@id`, ...): few, and checked for every key, so a
    /// short list beats a table lookup.
    pub(crate) aliases: Vec<(Str, Keyword)>,
}

impl ActiveContext {
    /// A copy for one thread's own use (see `NEAR` in `processing`): the same content under
    /// the same id, with its own reference count, so the thread's clones of it write to memory
    /// no other thread reads. The term table stays shared; it is only read.
    pub(super) fn thread_copy(&self) -> Self {
        Self {
            id: self.id,
            base: self.base.clone(),
            original_base: self.original_base.clone(),
            vocab: self.vocab.clone(),
            language: self.language.clone(),
            direction: self.direction,
            terms: self.terms.clone(),
            previous: self.previous.clone(),
            mode: self.mode,
            aliases: self.aliases.clone(),
        }
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A number no other active context or context processor of this process has.
pub(super) fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// A context under construction.
#[derive(Debug, Clone)]
pub(super) struct Builder {
    pub(super) base: Option<Str>,
    pub(super) original_base: Option<Str>,
    pub(super) vocab: Option<Str>,
    pub(super) language: Option<Str>,
    pub(super) direction: Option<Direction>,
    pub(super) terms: FnvMap<Str, Arc<TermDef>>,
    pub(super) previous: Option<Arc<ActiveContext>>,
    pub(super) mode: ProcessingMode,
}

impl Builder {
    pub(super) fn from(active: &ActiveContext) -> Self {
        Builder {
            base: active.base.clone(),
            original_base: active.original_base.clone(),
            vocab: active.vocab.clone(),
            language: active.language.clone(),
            direction: active.direction,
            terms: FnvMap::clone(&active.terms),
            previous: active.previous.clone(),
            mode: active.mode,
        }
    }

    pub(super) fn build(self) -> ActiveContext {
        let aliases = self
            .terms
            .iter()
            .filter_map(|(term, def)| {
                let kw = def
                    .iri
                    .as_deref()
                    .filter(|i| i.starts_with('@'))
                    .and_then(Keyword::parse)?;
                Some((term.clone(), kw))
            })
            .collect();
        ActiveContext {
            aliases,
            id: next_id(),
            base: self.base,
            original_base: self.original_base,
            vocab: self.vocab,
            language: self.language,
            direction: self.direction,
            terms: Arc::new(self.terms),
            previous: self.previous,
            mode: self.mode,
        }
    }
}

impl ActiveContext {
    /// A new, empty context with `base` as base IRI.
    pub(crate) fn initial(base: Option<&str>, mode: ProcessingMode) -> Self {
        let base: Option<Str> = base.map(Str::from);
        Builder {
            base: base.clone(),
            original_base: base,
            vocab: None,
            language: None,
            direction: None,
            terms: FnvMap::default(),
            previous: None,
            mode,
        }
        .build()
    }

    pub(crate) fn term(&self, term: &str) -> Option<&Arc<TermDef>> {
        self.terms.get(term)
    }

    /// IRI expansion (§4.3) outside context processing. `None` means null (dropped).
    pub(crate) fn expand_iri(
        &self,
        value: &str,
        document_relative: bool,
        vocab: bool,
    ) -> Option<Str> {
        if value.starts_with('@') {
            if Keyword::parse(value).is_some() {
                return Some(Str::from(value));
            }
            if has_keyword_form(value) {
                return None;
            }
        }
        if let Some(def) = self.terms.get(value) {
            if let Some(iri) = &def.iri
                && Keyword::parse(iri).is_some()
            {
                return Some(iri.clone());
            }
            if vocab {
                return def.iri.clone();
            }
        }
        if let Some(colon) = colon_after_first(value) {
            let (prefix, suffix) = (&value[..colon], &value[colon + 1..]);
            if prefix == "_" || suffix.starts_with("//") {
                return Some(Str::from(value));
            }
            if let Some(def) = self.terms.get(prefix)
                && let Some(iri) = &def.iri
                && def.prefix
            {
                let mut s = String::with_capacity(iri.len() + suffix.len());
                s.push_str(iri);
                s.push_str(suffix);
                return Some(Str::from(s));
            }
            if is_absolute(value) {
                return Some(Str::from(value));
            }
        }
        if vocab && let Some(v) = &self.vocab {
            let mut s = String::with_capacity(v.len() + value.len());
            s.push_str(v);
            s.push_str(value);
            return Some(Str::from(s));
        }
        if document_relative && let Some(base) = &self.base {
            return Some(Str::from(resolve(base, value)));
        }
        Some(Str::from(value))
    }

    /// Whether expanding `term` as a vocabulary term falls through to `@vocab` (no definition,
    /// no prefix, not an absolute IRI): the catch-all case safe mode reports.
    pub(crate) fn maps_through_vocab(&self, term: &str) -> bool {
        self.vocab.is_some()
            && !self.terms.contains_key(term)
            && self.undefined_maps_through_vocab(term)
    }

    /// [`maps_through_vocab`](Self::maps_through_vocab) for a `term` the caller has already
    /// looked up and found undefined here (one table lookup instead of two).
    pub(crate) fn undefined_maps_through_vocab(&self, term: &str) -> bool {
        if self.vocab.is_none() || term.starts_with('@') {
            return false;
        }
        match colon_after_first(term) {
            Some(colon) => {
                let (prefix, suffix) = (&term[..colon], &term[colon + 1..]);
                if prefix == "_" || suffix.starts_with("//") || is_absolute(term) {
                    return false;
                }
                !self
                    .terms
                    .get(prefix)
                    .is_some_and(|d| d.iri.is_some() && d.prefix)
            }
            None => true,
        }
    }
}

/// The index of the first `:` after the first byte: where a compact IRI's prefix ends. A byte
/// search, so a value that starts with a multi-byte character cannot split a character (`:` is
/// ASCII, so its index is always a character boundary).
pub(super) fn colon_after_first(text: &str) -> Option<usize> {
    text.bytes().skip(1).position(|b| b == b':').map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(text: &str) -> u64 {
        let mut h = Fnv::default();
        h.write(text.as_bytes());
        h.finish()
    }

    #[test]
    fn keys_differing_in_one_byte_or_in_length_hash_apart() {
        // Every length class (none, 1-3, 4-7, 8, overlapping last word, several words), each
        // next to its neighbours by one byte and by one character more or less.
        let keys = [
            "",
            "a",
            "b",
            "ab",
            "abc",
            "abd",
            "abcd",
            "abce",
            "abcdefg",
            "abcdefh",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
            "abcdefghj",
            "bbcdefghi",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "abcdefghijklmnopq",
            "credentialSubject",
            "credentialSubjecT",
            "achievementType",
            "achievementTypes",
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(hash(a), hash(b), "{a:?} and {b:?}");
            }
        }
        assert_eq!(hash("credentialSubject"), hash("credentialSubject"));
    }
}

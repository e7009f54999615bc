//! Context processing (JSON-LD 1.1 Processing Algorithms §4.1 to §4.3), cached.
//!
//! A processed context is immutable and shared in an [`Arc`]. Every application of a local
//! context to an active context (the document's `@context`, a type-scoped or property-scoped
//! context) is looked up in the processor's cache first, keyed by the parent context's identity
//! and the local context (by pointer for scoped contexts, by text for a document's own), so the
//! second document with the same contexts does no context processing at all.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use ler_model::json::{Object, Value};

use super::error::{ErrorCode, JsonLdError};
use super::iri::{
    ends_with_gen_delim, has_keyword_form, is_absolute, is_blank, is_iri_or_blank, resolve,
};
use super::value::{Keyword, Str};
use crate::limits::Limits;

thread_local! {
    /// The limits of the conversion running on this thread. Context processing is reached from
    /// several places of the expansion (document, embedded and scoped contexts); a per-call
    /// setting here spares threading the limits through each of them.
    static LIMITS: std::cell::Cell<Limits> = std::cell::Cell::new(Limits::default());
}

/// The limits in force on this thread.
pub(crate) fn current_limits() -> Limits {
    LIMITS.with(|cell| cell.get())
}

/// Puts `limits` in force on this thread until the guard is dropped.
pub(crate) fn limits_in_force(limits: Limits) -> LimitsGuard {
    LimitsGuard(LIMITS.with(|cell| cell.replace(limits)))
}

/// Restores the limits in force before [`limits_in_force`].
pub(crate) struct LimitsGuard(Limits);

impl Drop for LimitsGuard {
    fn drop(&mut self) {
        LIMITS.with(|cell| cell.set(self.0));
    }
}

/// Term definitions in a context written inline, counting those of its scoped contexts, and each
/// entry of a context array (a reference or `null` costs processing too).
fn inline_terms(context: &Value) -> usize {
    match context {
        Value::Array(items) => items.iter().map(|item| 1 + inline_terms(item)).sum(),
        Value::Object(map) => map
            .iter()
            .filter(|(key, _)| !key.starts_with('@'))
            .map(|(_, definition)| 1 + definition.get("@context").map_or(0, inline_terms))
            .sum(),
        _ => 0,
    }
}

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
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 56));
        }
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
}

impl TermDef {
    /// Same definition, `protected` aside (for protected-term redefinition checks).
    fn same_as(&self, other: &TermDef) -> bool {
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
    /// Identity for the cache: unique per processed context within a process.
    pub(crate) id: u64,
    pub(crate) base: Option<Str>,
    pub(crate) original_base: Option<Str>,
    pub(crate) vocab: Option<Str>,
    pub(crate) language: Option<Str>,
    pub(crate) direction: Option<Direction>,
    pub(crate) terms: FnvMap<Str, Arc<TermDef>>,
    pub(crate) previous: Option<Arc<ActiveContext>>,
    pub(crate) mode: ProcessingMode,
    /// Terms that alias a keyword (`id` for `@id`, ...): few, and checked for every key, so a
    /// short list beats a table lookup.
    pub(crate) aliases: Vec<(Str, Keyword)>,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A context under construction.
#[derive(Debug, Clone)]
struct Builder {
    base: Option<Str>,
    original_base: Option<Str>,
    vocab: Option<Str>,
    language: Option<Str>,
    direction: Option<Direction>,
    terms: FnvMap<Str, Arc<TermDef>>,
    previous: Option<Arc<ActiveContext>>,
    mode: ProcessingMode,
}

impl Builder {
    fn from(active: &ActiveContext) -> Self {
        Builder {
            base: active.base.clone(),
            original_base: active.original_base.clone(),
            vocab: active.vocab.clone(),
            language: active.language.clone(),
            direction: active.direction,
            terms: active.terms.clone(),
            previous: active.previous.clone(),
            mode: active.mode,
        }
    }

    fn build(self) -> ActiveContext {
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
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            base: self.base,
            original_base: self.original_base,
            vocab: self.vocab,
            language: self.language,
            direction: self.direction,
            terms: self.terms,
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
        if self.vocab.is_none() || term.starts_with('@') || self.terms.contains_key(term) {
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

/// Loads context documents by URL. The production loader is the pinned registry; nothing is
/// fetched.
pub trait ContextLoader: Send + Sync {
    /// The JSON document at `url` (a context document: an object with an `@context` entry), or
    /// why it cannot be had.
    fn load_context(&self, url: &str) -> Result<Arc<Value>, String>;
}

/// How a local context is identified in the cache.
#[derive(Debug, Clone)]
pub(crate) enum LocalKey {
    /// A context held by a term definition: identity is the allocation.
    Shared(Arc<Value>),
    /// A document's own `@context`, by its compact JSON text.
    Text(Box<str>),
}

impl PartialEq for LocalKey {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (LocalKey::Shared(a), LocalKey::Shared(b)) => Arc::ptr_eq(a, b),
            (LocalKey::Text(a), LocalKey::Text(b)) => a == b,
            _ => false,
        }
    }
}
impl Eq for LocalKey {}
impl Hash for LocalKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            LocalKey::Shared(a) => (Arc::as_ptr(a) as usize).hash(state),
            LocalKey::Text(t) => t.hash(state),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CacheKey {
    parent: u64,
    local: LocalKey,
    base: Option<Str>,
    override_protected: bool,
    propagate: bool,
}

/// Most processed contexts one processor keeps; past this, contexts are processed per use (an
/// adversary sending endless distinct inline contexts cannot grow memory without bound).
const CACHE_LIMIT: usize = 4096;
/// Most remote contexts one context may pull in, nested (guards cycles and blow-ups).
const REMOTE_LIMIT: usize = 32;

/// An initial context by base IRI and processing mode.
type InitialEntry = (Option<String>, ProcessingMode, Arc<ActiveContext>);

/// The shared state: loader, loaded documents, processed contexts.
pub(crate) struct Contexts {
    loader: Box<dyn ContextLoader>,
    documents: RwLock<HashMap<String, Arc<Value>>>,
    cache: RwLock<FnvMap<CacheKey, Arc<ActiveContext>>>,
    initial: RwLock<Vec<InitialEntry>>,
}

/// Options of one context processing call.
#[derive(Clone, Copy)]
pub(crate) struct Apply<'a> {
    pub(crate) base_url: Option<&'a Str>,
    pub(crate) override_protected: bool,
    pub(crate) propagate: bool,
}

/// A local context's members, with an index when it is large: Create Term Definition looks
/// terms up in the local context again and again, and a linear lookup made processing quadratic
/// in the number of terms.
struct LocalTerms<'a> {
    map: &'a Object,
    index: Option<FnvMap<&'a str, &'a Value>>,
}

impl<'a> LocalTerms<'a> {
    /// Past this many members, lookups go through an index.
    const INDEX_FROM: usize = 16;

    fn new(map: &'a Object) -> Self {
        let index = (map.len() > Self::INDEX_FROM).then(|| map.iter().collect());
        Self { map, index }
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.map.get(key),
        }
    }

    fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

#[derive(Clone, Copy)]
struct DefOptions<'a> {
    local: &'a LocalTerms<'a>,
    base_url: Option<&'a str>,
    protected: bool,
    override_protected: bool,
    remote: &'a [String],
    validate_scoped: bool,
}

fn err(code: ErrorCode, message: impl Into<String>) -> JsonLdError {
    JsonLdError::new(code, message)
}

impl Contexts {
    pub(crate) fn new(loader: Box<dyn ContextLoader>) -> Self {
        Self {
            loader,
            documents: RwLock::new(HashMap::new()),
            cache: RwLock::new(FnvMap::default()),
            initial: RwLock::new(Vec::new()),
        }
    }

    /// The shared initial context for this base and mode.
    pub(crate) fn initial(&self, base: Option<&str>, mode: ProcessingMode) -> Arc<ActiveContext> {
        if let Ok(list) = self.initial.read()
            && let Some((_, _, ctx)) = list
                .iter()
                .find(|(b, m, _)| b.as_deref() == base && *m == mode)
        {
            return ctx.clone();
        }
        let ctx = Arc::new(ActiveContext::initial(base, mode));
        if let Ok(mut list) = self.initial.write()
            && list.len() < 64
        {
            list.push((base.map(str::to_owned), mode, ctx.clone()));
        }
        ctx
    }

    /// How many processed contexts the cache holds.
    #[cfg(test)]
    pub(crate) fn cached(&self) -> usize {
        self.cache.read().map_or(0, |c| c.len())
    }

    /// Applies `local` to `active`, through the cache.
    pub(crate) fn apply(
        &self,
        active: &Arc<ActiveContext>,
        local: LocalKey,
        value: &Value,
        apply: Apply<'_>,
    ) -> Result<Arc<ActiveContext>, JsonLdError> {
        // A term's scoped context has one base (its definition's), so the allocation identifies
        // both; only a document's own context needs the base in the key.
        let base = match &local {
            LocalKey::Shared(_) => None,
            LocalKey::Text(text) => {
                // Written in the document: bounded before any processing.
                let limits = LIMITS.with(|cell| cell.get());
                if text.len() > limits.max_context_bytes {
                    return Err(JsonLdError::ContextTooLarge {
                        bytes: text.len(),
                        limit: limits.max_context_bytes,
                        pointer: String::new(),
                    });
                }
                let terms = inline_terms(value);
                if terms > limits.max_context_terms {
                    return Err(JsonLdError::ContextTooManyTerms {
                        terms,
                        limit: limits.max_context_terms,
                        pointer: String::new(),
                    });
                }
                apply.base_url.cloned()
            }
        };
        let key = CacheKey {
            parent: active.id,
            local,
            base,
            override_protected: apply.override_protected,
            propagate: apply.propagate,
        };
        if let Ok(cache) = self.cache.read()
            && let Some(ctx) = cache.get(&key)
        {
            return Ok(ctx.clone());
        }
        let mut remote = Vec::new();
        let processed = Arc::new(self.process(
            active,
            value,
            apply.base_url.map(|b| &**b),
            &mut remote,
            apply.override_protected,
            apply.propagate,
            true,
        )?);
        if let Ok(mut cache) = self.cache.write()
            && cache.len() < CACHE_LIMIT
        {
            cache.insert(key, processed.clone());
        }
        Ok(processed)
    }

    fn load(&self, url: &str) -> Result<Arc<Value>, JsonLdError> {
        if let Ok(docs) = self.documents.read()
            && let Some(doc) = docs.get(url)
        {
            return Ok(doc.clone());
        }
        let doc = self.loader.load_context(url).map_err(|reason| {
            err(
                ErrorCode::LoadingRemoteContextFailed,
                format!("context <{url}>: {reason}"),
            )
        })?;
        if let Ok(mut docs) = self.documents.write()
            && docs.len() < CACHE_LIMIT
        {
            docs.insert(url.to_owned(), doc.clone());
        }
        Ok(doc)
    }

    /// Context Processing Algorithm (§4.1.2).
    #[allow(clippy::too_many_arguments)]
    fn process(
        &self,
        active: &Arc<ActiveContext>,
        local: &Value,
        base_url: Option<&str>,
        remote: &mut Vec<String>,
        override_protected: bool,
        mut propagate: bool,
        validate_scoped: bool,
    ) -> Result<ActiveContext, JsonLdError> {
        let mut result = Builder::from(active);
        if let Value::Object(o) = local
            && let Some(p) = o.get("@propagate")
        {
            propagate = p.as_bool().ok_or_else(|| {
                err(
                    ErrorCode::InvalidPropagateValue,
                    "@propagate must be a boolean",
                )
            })?;
        }
        if !propagate && result.previous.is_none() {
            result.previous = Some(active.clone());
        }
        let items = match local {
            Value::Array(items) => items.as_slice(),
            other => std::slice::from_ref(other),
        };
        for context in items {
            match context {
                Value::Null => {
                    if !override_protected && result.terms.values().any(|d| d.protected) {
                        return Err(err(
                            ErrorCode::InvalidContextNullification,
                            "a null context cannot clear protected terms",
                        ));
                    }
                    let previous = result.clone();
                    let mut fresh = Builder::from(&ActiveContext::initial(
                        active.original_base.as_deref(),
                        active.mode,
                    ));
                    fresh.mode = result.mode;
                    if !propagate {
                        fresh.previous = Some(Arc::new(previous.build()));
                    }
                    result = fresh;
                }
                Value::String(reference) => {
                    let url = match base_url {
                        Some(b) => resolve(b, reference),
                        None if is_absolute(reference) => reference.clone(),
                        None => {
                            return Err(err(
                                ErrorCode::LoadingRemoteContextFailed,
                                format!("relative context reference {reference:?} without a base"),
                            ));
                        }
                    };
                    if !validate_scoped && remote.contains(&url) {
                        continue;
                    }
                    if remote.len() >= REMOTE_LIMIT {
                        return Err(err(
                            ErrorCode::ContextOverflow,
                            format!("more than {REMOTE_LIMIT} nested remote contexts at <{url}>"),
                        ));
                    }
                    remote.push(url.clone());
                    let doc = self.load(&url)?;
                    let loaded = match doc.get("@context") {
                        Some(
                            c @ (Value::Object(_)
                            | Value::Array(_)
                            | Value::String(_)
                            | Value::Null),
                        ) => c,
                        _ => {
                            return Err(err(
                                ErrorCode::InvalidRemoteContext,
                                format!("<{url}> has no @context object"),
                            ));
                        }
                    };
                    let current = Arc::new(result.build());
                    let mut nested_remote = remote.clone();
                    let processed = self.process(
                        &current,
                        loaded,
                        Some(&url),
                        &mut nested_remote,
                        false,
                        true,
                        validate_scoped,
                    )?;
                    result = Builder::from(&processed);
                }
                Value::Object(map) => {
                    self.process_map(
                        &mut result,
                        map,
                        base_url,
                        remote,
                        override_protected,
                        validate_scoped,
                    )?;
                }
                _ => {
                    return Err(err(
                        ErrorCode::InvalidLocalContext,
                        format!(
                            "a context must be an object, a string or null, not {}",
                            context.kind()
                        ),
                    ));
                }
            }
        }
        Ok(result.build())
    }

    fn process_map(
        &self,
        result: &mut Builder,
        map: &Object,
        base_url: Option<&str>,
        remote: &mut [String],
        override_protected: bool,
        validate_scoped: bool,
    ) -> Result<(), JsonLdError> {
        let mode10 = result.mode == ProcessingMode::JsonLd10;
        if let Some(v) = map.get("@version") {
            if !matches!(v, Value::Number(n) if n.as_str() == "1.1") {
                return Err(err(ErrorCode::InvalidVersionValue, "@version must be 1.1"));
            }
            if mode10 {
                return Err(err(
                    ErrorCode::ProcessingModeConflict,
                    "@version 1.1 in json-ld-1.0 mode",
                ));
            }
        }
        // @import: merge the imported context under this one.
        let merged;
        let map = if let Some(import) = map.get("@import") {
            if mode10 {
                return Err(err(
                    ErrorCode::InvalidContextEntry,
                    "@import in json-ld-1.0 mode",
                ));
            }
            let Value::String(reference) = import else {
                return Err(err(
                    ErrorCode::InvalidImportValue,
                    "@import must be a string",
                ));
            };
            let url = match base_url {
                Some(b) => resolve(b, reference),
                None => reference.clone(),
            };
            let doc = self.load(&url)?;
            let Some(Value::Object(imported)) = doc.get("@context") else {
                return Err(err(
                    ErrorCode::InvalidRemoteContext,
                    format!("<{url}> has no @context object"),
                ));
            };
            if imported.contains_key("@import") {
                return Err(err(
                    ErrorCode::InvalidContextEntry,
                    format!("<{url}> imports again"),
                ));
            }
            let mut m = imported.clone();
            for (k, v) in map.iter() {
                m.insert(k, v.clone());
            }
            merged = m;
            &merged
        } else {
            map
        };
        if let Some(base) = map.get("@base")
            && remote.is_empty()
        {
            match base {
                Value::Null => result.base = None,
                Value::String(s) if is_absolute(s) => result.base = Some(Str::from(s.as_str())),
                Value::String(s) => match &result.base {
                    Some(b) => result.base = Some(Str::from(resolve(b, s))),
                    None => {
                        return Err(err(
                            ErrorCode::InvalidBaseIri,
                            format!("relative @base {s:?} without a base"),
                        ));
                    }
                },
                _ => {
                    return Err(err(
                        ErrorCode::InvalidBaseIri,
                        "@base must be a string or null",
                    ));
                }
            }
        }
        let mut defined: FnvMap<String, bool> = FnvMap::default();
        let protected = match map.get("@protected") {
            None => false,
            Some(Value::Bool(b)) => {
                if mode10 {
                    return Err(err(
                        ErrorCode::InvalidContextEntry,
                        "@protected in json-ld-1.0 mode",
                    ));
                }
                *b
            }
            Some(_) => {
                return Err(err(
                    ErrorCode::InvalidProtectedValue,
                    "@protected must be a boolean",
                ));
            }
        };
        let local = LocalTerms::new(map);
        let opts = DefOptions {
            local: &local,
            base_url,
            protected,
            override_protected,
            remote,
            validate_scoped,
        };
        if let Some(vocab) = map.get("@vocab") {
            match vocab {
                Value::Null => result.vocab = None,
                Value::String(s) => {
                    let expanded =
                        self.expand_iri_local(result, s, true, true, &opts, &mut defined)?;
                    match expanded {
                        Some(v) if is_iri_or_blank(&v) || v.is_empty() || !v.starts_with('@') => {
                            result.vocab = Some(v)
                        }
                        _ => {
                            return Err(err(
                                ErrorCode::InvalidVocabMapping,
                                format!("@vocab {s:?}"),
                            ));
                        }
                    }
                }
                _ => {
                    return Err(err(
                        ErrorCode::InvalidVocabMapping,
                        "@vocab must be a string or null",
                    ));
                }
            }
        }
        if let Some(language) = map.get("@language") {
            match language {
                Value::Null => result.language = None,
                Value::String(s) => result.language = Some(Str::from(s.as_str())),
                _ => {
                    return Err(err(
                        ErrorCode::InvalidDefaultLanguage,
                        "@language must be a string or null",
                    ));
                }
            }
        }
        if let Some(direction) = map.get("@direction") {
            if mode10 {
                return Err(err(
                    ErrorCode::InvalidContextEntry,
                    "@direction in json-ld-1.0 mode",
                ));
            }
            result.direction = match direction {
                Value::Null => None,
                Value::String(s) if s == "ltr" => Some(Direction::Ltr),
                Value::String(s) if s == "rtl" => Some(Direction::Rtl),
                _ => {
                    return Err(err(
                        ErrorCode::InvalidBaseDirection,
                        "@direction must be ltr, rtl or null",
                    ));
                }
            };
        }
        if let Some(p) = map.get("@propagate") {
            if mode10 {
                return Err(err(
                    ErrorCode::InvalidContextEntry,
                    "@propagate in json-ld-1.0 mode",
                ));
            }
            if !matches!(p, Value::Bool(_)) {
                return Err(err(
                    ErrorCode::InvalidPropagateValue,
                    "@propagate must be a boolean",
                ));
            }
        }
        for key in map.keys() {
            if matches!(
                key,
                "@base"
                    | "@direction"
                    | "@import"
                    | "@language"
                    | "@propagate"
                    | "@protected"
                    | "@version"
                    | "@vocab"
            ) {
                continue;
            }
            self.define(result, key, &opts, &mut defined)?;
        }
        Ok(())
    }

    /// IRI expansion during context processing: may define terms of the local context first.
    fn expand_iri_local(
        &self,
        active: &mut Builder,
        value: &str,
        document_relative: bool,
        vocab: bool,
        opts: &DefOptions<'_>,
        defined: &mut FnvMap<String, bool>,
    ) -> Result<Option<Str>, JsonLdError> {
        if Keyword::parse(value).is_some() {
            return Ok(Some(Str::from(value)));
        }
        if has_keyword_form(value) {
            return Ok(None);
        }
        if opts.local.contains_key(value) && defined.get(value) != Some(&true) {
            self.define(active, value, opts, defined)?;
        }
        if let Some(def) = active.terms.get(value) {
            if let Some(iri) = &def.iri
                && Keyword::parse(iri).is_some()
            {
                return Ok(Some(iri.clone()));
            }
            if vocab {
                return Ok(def.iri.clone());
            }
        }
        if let Some(colon) = colon_after_first(value) {
            let (prefix, suffix) = (&value[..colon], &value[colon + 1..]);
            if prefix == "_" || suffix.starts_with("//") {
                return Ok(Some(Str::from(value)));
            }
            if opts.local.contains_key(prefix) && defined.get(prefix) != Some(&true) {
                self.define(active, prefix, opts, defined)?;
            }
            if let Some(def) = active.terms.get(prefix)
                && let Some(iri) = &def.iri
                && def.prefix
            {
                return Ok(Some(Str::from(format!("{iri}{suffix}"))));
            }
            if is_absolute(value) {
                return Ok(Some(Str::from(value)));
            }
        }
        if vocab && let Some(v) = &active.vocab {
            return Ok(Some(Str::from(format!("{v}{value}"))));
        }
        if document_relative && let Some(base) = &active.base {
            return Ok(Some(Str::from(resolve(base, value))));
        }
        Ok(Some(Str::from(value)))
    }

    /// Create Term Definition (§4.2.2).
    fn define(
        &self,
        active: &mut Builder,
        term: &str,
        opts: &DefOptions<'_>,
        defined: &mut FnvMap<String, bool>,
    ) -> Result<(), JsonLdError> {
        self.define_inner(active, term, opts, defined)
            .map_err(|e| match e {
                JsonLdError::Invalid {
                    code,
                    message,
                    pointer,
                } if !message.contains("term ") => JsonLdError::Invalid {
                    code,
                    message: format!("term {term:?}: {message}"),
                    pointer,
                },
                other => other,
            })
    }

    fn define_inner(
        &self,
        active: &mut Builder,
        term: &str,
        opts: &DefOptions<'_>,
        defined: &mut FnvMap<String, bool>,
    ) -> Result<(), JsonLdError> {
        match defined.get(term) {
            Some(true) => return Ok(()),
            Some(false) => {
                return Err(err(
                    ErrorCode::CyclicIriMapping,
                    "defined in terms of itself",
                ));
            }
            None => {}
        }
        if term.is_empty() {
            return Err(err(ErrorCode::InvalidTermDefinition, "the empty term"));
        }
        defined.insert(term.to_owned(), false);
        let Some(raw) = opts.local.get(term) else {
            return Ok(());
        };
        let mode10 = active.mode == ProcessingMode::JsonLd10;
        if term == "@type" {
            if mode10 {
                return Err(err(
                    ErrorCode::KeywordRedefinition,
                    "@type in json-ld-1.0 mode",
                ));
            }
            let ok = match raw {
                Value::Object(o) => {
                    !o.is_empty()
                        && o.iter().all(|(k, v)| match k {
                            "@container" => v.as_str() == Some("@set"),
                            "@protected" => true,
                            _ => false,
                        })
                }
                _ => false,
            };
            if !ok {
                return Err(err(
                    ErrorCode::KeywordRedefinition,
                    "@type may only set @container @set",
                ));
            }
        } else if Keyword::parse(term).is_some() {
            return Err(err(
                ErrorCode::KeywordRedefinition,
                "a keyword cannot be redefined",
            ));
        } else if has_keyword_form(term) {
            defined.remove(term);
            return Ok(());
        }
        let previous = active.terms.remove(term);
        let owned;
        let (value, simple) = match raw {
            Value::Null => (None, false),
            Value::String(_) => (None, true),
            Value::Object(o) => (Some(o), false),
            _ => {
                return Err(err(
                    ErrorCode::InvalidTermDefinition,
                    "must be a string, object or null",
                ));
            }
        };
        // Normalize: `null` and `"iri"` become `{"@id": ...}`.
        let value: &Object = match value {
            Some(o) => o,
            None => {
                let mut o = Object::new();
                o.insert("@id", raw.clone());
                owned = o;
                &owned
            }
        };
        let mut def = TermDef {
            protected: opts.protected,
            ..TermDef::default()
        };
        if let Some(p) = value.get("@protected") {
            if mode10 {
                return Err(err(
                    ErrorCode::InvalidTermDefinition,
                    "@protected in json-ld-1.0 mode",
                ));
            }
            def.protected = p.as_bool().ok_or_else(|| {
                err(
                    ErrorCode::InvalidProtectedValue,
                    "@protected must be a boolean",
                )
            })?;
        }
        if let Some(t) = value.get("@type") {
            let Value::String(t) = t else {
                return Err(err(ErrorCode::InvalidTypeMapping, "@type must be a string"));
            };
            let expanded = self
                .expand_iri_local(active, t, false, true, opts, defined)?
                .ok_or_else(|| err(ErrorCode::InvalidTypeMapping, format!("@type {t:?}")))?;
            let ok = match &*expanded {
                "@json" | "@none" => !mode10,
                "@id" | "@vocab" => true,
                other => is_absolute(other),
            };
            if !ok {
                return Err(err(ErrorCode::InvalidTypeMapping, format!("@type {t:?}")));
            }
            def.type_mapping = Some(expanded);
        }
        if let Some(reverse) = value.get("@reverse") {
            if value.contains_key("@id") || value.contains_key("@nest") {
                return Err(err(
                    ErrorCode::InvalidReverseProperty,
                    "@reverse with @id or @nest",
                ));
            }
            let Value::String(r) = reverse else {
                return Err(err(
                    ErrorCode::InvalidIriMapping,
                    "@reverse must be a string",
                ));
            };
            if has_keyword_form(r) {
                defined.remove(term);
                return Ok(());
            }
            let iri = self.expand_iri_local(active, r, false, true, opts, defined)?;
            match iri {
                Some(i) if is_iri_or_blank(&i) => def.iri = Some(i),
                _ => return Err(err(ErrorCode::InvalidIriMapping, format!("@reverse {r:?}"))),
            }
            if let Some(c) = value.get("@container") {
                def.container = match c {
                    Value::Null => 0,
                    Value::String(s) if s == "@set" => container::SET,
                    Value::String(s) if s == "@index" => container::INDEX,
                    _ => {
                        return Err(err(
                            ErrorCode::InvalidReverseProperty,
                            "reverse container must be @set or @index",
                        ));
                    }
                };
            }
            def.reverse = true;
        }
        let id = value.get("@id");
        if def.reverse {
            // IRI and container were set above.
        } else if let Some(id) = id.filter(|id| id.as_str() != Some(term)) {
            match id {
                Value::Null => def.iri = None,
                Value::String(s) => {
                    if Keyword::parse(s).is_none() && has_keyword_form(s) {
                        defined.remove(term);
                        return Ok(());
                    }
                    let iri = self.expand_iri_local(active, s, false, true, opts, defined)?;
                    let iri = match iri {
                        Some(i) if Keyword::parse(&i).is_some() || is_iri_or_blank(&i) => i,
                        _ => return Err(err(ErrorCode::InvalidIriMapping, format!("@id {s:?}"))),
                    };
                    if &*iri == "@context" {
                        return Err(err(
                            ErrorCode::InvalidKeywordAlias,
                            "@context cannot be aliased",
                        ));
                    }
                    // A `:` neither first nor last (bytes: the term may start with a multi-byte character).
                    let inner_colon = term.len() > 2
                        && term.bytes().skip(1).take(term.len() - 2).any(|b| b == b':');
                    if inner_colon || term.contains('/') {
                        defined.insert(term.to_owned(), true);
                        let own =
                            self.expand_iri_local(active, term, false, true, opts, defined)?;
                        if own.as_deref() != Some(&*iri) {
                            return Err(err(
                                ErrorCode::InvalidIriMapping,
                                format!("{term:?} looks like an IRI but maps to {iri}"),
                            ));
                        }
                    }
                    if !term.contains(':')
                        && !term.contains('/')
                        && simple
                        && (ends_with_gen_delim(&iri) || is_blank(&iri))
                    {
                        def.prefix = true;
                    }
                    def.iri = Some(iri);
                }
                _ => {
                    return Err(err(
                        ErrorCode::InvalidIriMapping,
                        "@id must be a string or null",
                    ));
                }
            }
        } else if let Some(colon) = colon_after_first(term) {
            let (prefix, suffix) = (&term[..colon], &term[colon + 1..]);
            if opts.local.contains_key(prefix) {
                self.define(active, prefix, opts, defined)?;
            }
            if let Some(pdef) = active.terms.get(prefix)
                && let Some(piri) = &pdef.iri
            {
                def.iri = Some(Str::from(format!("{piri}{suffix}")));
            } else {
                def.iri = Some(Str::from(term));
            }
        } else if term.contains('/') {
            // Expanded as a relative IRI against @vocab, not through the local context.
            let empty = Object::new();
            let empty = LocalTerms::new(&empty);
            let plain = DefOptions {
                local: &empty,
                ..*opts
            };
            let iri = self.expand_iri_local(active, term, false, true, &plain, defined)?;
            match iri {
                Some(i) if is_absolute(&i) => def.iri = Some(i),
                _ => {
                    return Err(err(
                        ErrorCode::InvalidIriMapping,
                        "relative IRI term without @vocab",
                    ));
                }
            }
        } else if term == "@type" {
            def.iri = Some(Str::from("@type"));
        } else if let Some(v) = &active.vocab {
            def.iri = Some(Str::from(format!("{v}{term}")));
        } else {
            return Err(err(
                ErrorCode::InvalidIriMapping,
                "no @id and no @vocab to map it",
            ));
        }
        if let Some(c) = value.get("@container").filter(|_| !def.reverse) {
            def.container = parse_container(c, mode10)?;
            if def.has(container::TYPE) {
                match def.type_mapping.as_deref() {
                    None => def.type_mapping = Some(Str::from("@id")),
                    Some("@id" | "@vocab") => {}
                    Some(_) => {
                        return Err(err(
                            ErrorCode::InvalidTypeMapping,
                            "a @type container needs @id or @vocab",
                        ));
                    }
                }
            }
        }
        if let Some(index) = value.get("@index") {
            if mode10 || !def.has(container::INDEX) {
                return Err(err(
                    ErrorCode::InvalidTermDefinition,
                    "@index needs an @index container",
                ));
            }
            let Value::String(i) = index else {
                return Err(err(
                    ErrorCode::InvalidTermDefinition,
                    "@index must be a string",
                ));
            };
            let expanded = self.expand_iri_local(active, i, false, true, opts, defined)?;
            if !expanded.is_some_and(|e| is_absolute(&e)) {
                return Err(err(
                    ErrorCode::InvalidTermDefinition,
                    format!("@index {i:?} is not an IRI"),
                ));
            }
            def.index = Some(Str::from(i.as_str()));
        }
        if let Some(ctx) = value.get("@context") {
            if mode10 {
                return Err(err(
                    ErrorCode::InvalidTermDefinition,
                    "scoped @context in json-ld-1.0 mode",
                ));
            }
            // Validate now, so a broken scoped context fails where it is defined (one level:
            // scoped contexts inside the one being validated are checked when applied).
            if opts.validate_scoped {
                let current = Arc::new(active.clone().build());
                let mut remote = opts.remote.to_vec();
                self.process(&current, ctx, opts.base_url, &mut remote, true, true, false)
                    .map_err(|e| match e {
                        JsonLdError::Invalid {
                            code: ErrorCode::LoadingRemoteContextFailed,
                            ..
                        } => e,
                        other => err(ErrorCode::InvalidScopedContext, other.to_string()),
                    })?;
            }
            def.context = Some(Arc::new(ctx.clone()));
            def.base_url = opts.base_url.map(Str::from);
        }
        if let Some(language) = value.get("@language")
            && !value.contains_key("@type")
        {
            def.language = Some(match language {
                Value::Null => None,
                Value::String(s) => Some(Str::from(s.as_str())),
                _ => {
                    return Err(err(
                        ErrorCode::InvalidLanguageMapping,
                        "@language must be a string or null",
                    ));
                }
            });
        }
        if let Some(direction) = value.get("@direction")
            && !value.contains_key("@type")
        {
            def.direction = Some(match direction {
                Value::Null => None,
                Value::String(s) if s == "ltr" => Some(Direction::Ltr),
                Value::String(s) if s == "rtl" => Some(Direction::Rtl),
                _ => {
                    return Err(err(
                        ErrorCode::InvalidBaseDirection,
                        "@direction must be ltr, rtl or null",
                    ));
                }
            });
        }
        if let Some(nest) = value.get("@nest") {
            if mode10 {
                return Err(err(
                    ErrorCode::InvalidTermDefinition,
                    "@nest in json-ld-1.0 mode",
                ));
            }
            match nest {
                Value::String(s) if s == "@nest" || Keyword::parse(s).is_none() => {
                    def.nest = Some(Str::from(s.as_str()))
                }
                _ => {
                    return Err(err(
                        ErrorCode::InvalidNestValue,
                        "@nest must be a term or @nest",
                    ));
                }
            }
        }
        if let Some(prefix) = value.get("@prefix") {
            if mode10 || term.contains(':') || term.contains('/') {
                return Err(err(
                    ErrorCode::InvalidTermDefinition,
                    "@prefix not allowed here",
                ));
            }
            def.prefix = prefix
                .as_bool()
                .ok_or_else(|| err(ErrorCode::InvalidPrefixValue, "@prefix must be a boolean"))?;
            if def.prefix
                && def
                    .iri
                    .as_deref()
                    .is_some_and(|i| Keyword::parse(i).is_some())
            {
                return Err(err(
                    ErrorCode::InvalidTermDefinition,
                    "a keyword alias cannot be a prefix",
                ));
            }
        }
        if let Some(bad) = value.keys().find(|k| {
            !matches!(
                *k,
                "@id"
                    | "@reverse"
                    | "@container"
                    | "@context"
                    | "@direction"
                    | "@index"
                    | "@language"
                    | "@nest"
                    | "@prefix"
                    | "@protected"
                    | "@type"
            )
        }) {
            return Err(err(
                ErrorCode::InvalidTermDefinition,
                format!("unknown entry {bad:?}"),
            ));
        }
        self.finish(active, term, def, previous, opts, defined)
    }

    fn finish(
        &self,
        active: &mut Builder,
        term: &str,
        mut def: TermDef,
        previous: Option<Arc<TermDef>>,
        opts: &DefOptions<'_>,
        defined: &mut FnvMap<String, bool>,
    ) -> Result<(), JsonLdError> {
        if !opts.override_protected
            && let Some(prev) = previous
            && prev.protected
        {
            if !def.same_as(&prev) {
                return Err(err(
                    ErrorCode::ProtectedTermRedefinition,
                    "a protected term cannot be redefined",
                ));
            }
            def = (*prev).clone();
        }
        def.iri_ok = def.iri.as_deref().is_some_and(|i| {
            is_absolute(i) && crate::rdf::check_iri(i).is_ok() && i.matches('#').count() <= 1
        });
        active.terms.insert(Str::from(term), Arc::new(def));
        defined.insert(term.to_owned(), true);
        Ok(())
    }
}

fn parse_container(c: &Value, mode10: bool) -> Result<u8, JsonLdError> {
    let bad = || {
        err(
            ErrorCode::InvalidContainerMapping,
            format!("@container {c}"),
        )
    };
    let flag = |v: &Value| -> Result<u8, JsonLdError> {
        Ok(match v.as_str().ok_or_else(bad)? {
            "@graph" => container::GRAPH,
            "@id" => container::ID,
            "@index" => container::INDEX,
            "@language" => container::LANGUAGE,
            "@list" => container::LIST,
            "@set" => container::SET,
            "@type" => container::TYPE,
            _ => return Err(bad()),
        })
    };
    let flags = match c {
        Value::Array(items) => {
            if mode10 {
                return Err(bad());
            }
            let mut f = 0;
            for item in items {
                let x = flag(item)?;
                if f & x != 0 {
                    return Err(bad());
                }
                f |= x;
            }
            f
        }
        other => flag(other)?,
    };
    if mode10 && flags & (container::GRAPH | container::ID | container::TYPE) != 0 {
        return Err(bad());
    }
    let rest = flags & !container::SET;
    let ok = if flags & container::LIST != 0 {
        flags == container::LIST
    } else if rest & container::GRAPH != 0 {
        let others = rest & !container::GRAPH;
        others == 0 || others == container::ID || others == container::INDEX
    } else {
        rest.count_ones() <= 1
    };
    if ok { Ok(flags) } else { Err(bad()) }
}

/// The index of the first `:` after the first byte: where a compact IRI's prefix ends. A byte
/// search, so a value that starts with a multi-byte character cannot split a character (`:` is
/// ASCII, so its index is always a character boundary).
fn colon_after_first(text: &str) -> Option<usize> {
    text.bytes().skip(1).position(|b| b == b':').map(|i| i + 1)
}

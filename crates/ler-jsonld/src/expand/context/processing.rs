//! Applying a local context to an active context (Context Processing Algorithm, §4.1.2): the
//! processor's caches of loaded documents and processed contexts, remote (pinned) contexts, and
//! the limits on contexts written inline.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, RwLock};

use ler_model::json::Value;

use super::active::{ActiveContext, Builder, FnvMap, ProcessingMode, TermDef, next_id};
use super::{ContextLoader, LIMITS, err};
use crate::expand::error::{ErrorCode, JsonLdError};
use crate::expand::iri::{is_absolute, resolve};
use crate::expand::value::Str;
use crate::limits::Limits;

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

/// A term's scoped context applied to an active context, as each thread remembers it: by the
/// processor, the parent context's id, the scoped context's address and the two flags.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct NearKey {
    contexts: u64,
    parent: u64,
    local: usize,
    override_protected: bool,
    propagate: bool,
}

/// A thread's entries in [`NEAR`]: the scoped context (kept alive) and the thread's copy of it
/// applied.
type NearMemory = FnvMap<NearKey, (Arc<Value>, Arc<ActiveContext>)>;

/// Most entries a thread's [`NEAR`] holds; when full it starts again empty.
pub(crate) const NEAR_LIMIT: usize = 128;

/// How many entries this thread's [`NEAR`] holds.
#[cfg(test)]
pub(crate) fn near_entries() -> usize {
    NEAR.with(|memory| memory.borrow().len())
}

thread_local! {
    /// Each thread's own memory of the scoped contexts it applied. The processor's cache sits
    /// behind a lock that every thread reads for every node with a scoped context; threads
    /// verifying side by side then all write the lock's count (measured: the 2-thread batch
    /// scaled 1.72x against the machine's 1.99x, and this was the largest share of the rest).
    /// The entry holds the scoped context itself, so its address is not reused while the
    /// entry lives, and the thread's own copy of the result, whose reference count only this
    /// thread writes.
    static NEAR: RefCell<NearMemory> = RefCell::new(FnvMap::default());
}

/// A document's own `@context` applied to a parent context, as each thread remembers it: the
/// key is everything [`Contexts::apply`] reads (the processor, the parent's id, the base, the
/// flags and the limits in force) and the context value itself, compared as a value, so a hit
/// costs no serialization of it.
struct DocumentEntry {
    contexts: u64,
    parent: u64,
    base: Option<Str>,
    limits: Limits,
    override_protected: bool,
    propagate: bool,
    value: Value,
    /// The thread's own copy of the result (see [`NEAR`]).
    applied: Arc<ActiveContext>,
}

/// Most entries a thread's [`DOCUMENT`] holds; when full it starts again empty. Documents of
/// one issuer share their `@context`, so a few entries serve a whole corpus.
pub(crate) const DOCUMENT_LIMIT: usize = 16;

/// How many entries this thread's [`DOCUMENT`] holds.
#[cfg(test)]
pub(crate) fn document_entries() -> usize {
    DOCUMENT.with(|memory| memory.borrow().len())
}

thread_local! {
    /// Each thread's memory of the documents' own contexts it applied. Without it each document
    /// wrote its `@context` out as text to key the processor's cache, and read that cache behind
    /// its lock, with a reference count every thread writes.
    static DOCUMENT: RefCell<Vec<DocumentEntry>> = const { RefCell::new(Vec::new()) };
}

/// An initial context as a thread remembers it: by processor, base IRI and processing mode.
type ThreadInitial = (u64, Option<String>, ProcessingMode, Arc<ActiveContext>);

/// Most initial contexts a thread's [`INITIAL`] holds; when full it starts again empty.
const INITIAL_LIMIT: usize = 8;

thread_local! {
    /// Each thread's copies of the initial contexts it used, by processor, base and mode: every
    /// document starts from one, and the shared list sits behind a lock with a reference count
    /// that every thread would write per document.
    static INITIAL: RefCell<Vec<ThreadInitial>> = const { RefCell::new(Vec::new()) };
}

/// Reads a thread's bounded memory (`INITIAL`, `DOCUMENT`): the first entry `find` accepts, or
/// else what `make` returns, whose entry is then kept (the memory starts again empty when it
/// holds `limit`). A memory already in use on this thread is neither read nor written.
fn remember<E, R, X>(
    memory: &'static std::thread::LocalKey<RefCell<Vec<E>>>,
    limit: usize,
    find: impl Fn(&E) -> Option<R>,
    make: impl FnOnce() -> Result<(R, E), X>,
) -> Result<R, X> {
    let found = memory.with(|memory| {
        memory
            .try_borrow()
            .ok()
            .and_then(|memory| memory.iter().find_map(&find))
    });
    if let Some(result) = found {
        return Ok(result);
    }
    let (result, entry) = make()?;
    memory.with(|memory| {
        if let Ok(mut memory) = memory.try_borrow_mut() {
            if memory.len() >= limit {
                memory.clear();
            }
            memory.push(entry);
        }
    });
    Ok(result)
}

/// The shared state: loader, loaded documents, processed contexts.
pub(crate) struct Contexts {
    /// Tells this processor's entries in [`NEAR`] from another's.
    id: u64,
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

impl Contexts {
    pub(crate) fn new(loader: Box<dyn ContextLoader>) -> Self {
        Self {
            id: next_id(),
            loader,
            documents: RwLock::new(HashMap::new()),
            cache: RwLock::new(FnvMap::default()),
            initial: RwLock::new(Vec::new()),
        }
    }

    /// The initial context for this base and mode: this thread's copy of the shared one.
    pub(crate) fn initial(&self, base: Option<&str>, mode: ProcessingMode) -> Arc<ActiveContext> {
        let same = |(contexts, b, m, _): &ThreadInitial| {
            *contexts == self.id && b.as_deref() == base && *m == mode
        };
        let Ok(ctx) = remember::<_, _, std::convert::Infallible>(
            &INITIAL,
            INITIAL_LIMIT,
            |entry| same(entry).then(|| entry.3.clone()),
            || {
                let shared = self.shared_initial(base, mode);
                let copy = Arc::new(shared.thread_copy());
                Ok((shared, (self.id, base.map(str::to_owned), mode, copy)))
            },
        );
        ctx
    }

    /// The initial context for this base and mode that all threads share.
    fn shared_initial(&self, base: Option<&str>, mode: ProcessingMode) -> Arc<ActiveContext> {
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

    /// Applies the scoped context of the term `def` to `active` (against the base of the term's
    /// definition), or `None` when the term has none. Both expansion paths call this.
    pub(crate) fn apply_term_context(
        &self,
        active: &Arc<ActiveContext>,
        def: &TermDef,
        override_protected: bool,
        propagate: bool,
    ) -> Option<Result<Arc<ActiveContext>, JsonLdError>> {
        let ctx = def.context.as_ref()?;
        let near = NearKey {
            contexts: self.id,
            parent: active.id,
            local: Arc::as_ptr(ctx) as usize,
            override_protected,
            propagate,
        };
        let remembered = NEAR.with(|memory| {
            memory
                .try_borrow()
                .ok()
                .and_then(|memory| memory.get(&near).map(|(_, applied)| applied.clone()))
        });
        if let Some(applied) = remembered {
            return Some(Ok(applied));
        }
        let applied = self.apply(
            active,
            LocalKey::Shared(ctx.clone()),
            ctx,
            Apply {
                base_url: def.base_url.as_ref(),
                override_protected,
                propagate,
            },
        );
        if let Ok(applied) = &applied {
            NEAR.with(|memory| {
                if let Ok(mut memory) = memory.try_borrow_mut() {
                    if memory.len() >= NEAR_LIMIT {
                        memory.clear();
                    }
                    memory.insert(near, (ctx.clone(), Arc::new(applied.thread_copy())));
                }
            });
        }
        Some(applied)
    }

    /// Applies a document's own `@context` (the value of an `@context` entry of a node) to
    /// `active`: from this thread's memory when it applied the same context to the same parent
    /// under the same base, flags and limits, else through [`Contexts::apply`].
    pub(crate) fn apply_document_context(
        &self,
        active: &Arc<ActiveContext>,
        value: &Value,
        apply: Apply<'_>,
    ) -> Result<Arc<ActiveContext>, JsonLdError> {
        let limits = LIMITS.with(|cell| cell.get());
        let same = |entry: &DocumentEntry| {
            entry.contexts == self.id
                && entry.parent == active.id
                && entry.override_protected == apply.override_protected
                && entry.propagate == apply.propagate
                && entry.limits == limits
                && entry.base.as_ref() == apply.base_url
                && entry.value == *value
        };
        remember(
            &DOCUMENT,
            DOCUMENT_LIMIT,
            |entry| same(entry).then(|| entry.applied.clone()),
            || {
                let applied = self.apply(
                    active,
                    LocalKey::Text(value.to_string().into_boxed_str()),
                    value,
                    apply,
                )?;
                let entry = DocumentEntry {
                    contexts: self.id,
                    parent: active.id,
                    base: apply.base_url.cloned(),
                    limits,
                    override_protected: apply.override_protected,
                    propagate: apply.propagate,
                    value: value.clone(),
                    applied: Arc::new(applied.thread_copy()),
                };
                Ok((applied, entry))
            },
        )
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

    pub(super) fn load(&self, url: &str) -> Result<Arc<Value>, JsonLdError> {
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
    pub(super) fn process(
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
                    result = nullified(active, result, override_protected, propagate)?;
                }
                Value::String(reference) => {
                    result =
                        self.remote_context(result, reference, base_url, remote, validate_scoped)?;
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

    /// A context reference: the remote (in practice pinned) context it names, processed on top
    /// of `result`; `result` unchanged when the reference was already followed on this path.
    fn remote_context(
        &self,
        result: Builder,
        reference: &str,
        base_url: Option<&str>,
        remote: &mut Vec<String>,
        validate_scoped: bool,
    ) -> Result<Builder, JsonLdError> {
        let url = match base_url {
            Some(b) => resolve(b, reference),
            None if is_absolute(reference) => reference.to_owned(),
            None => {
                return Err(err(
                    ErrorCode::LoadingRemoteContextFailed,
                    format!("relative context reference {reference:?} without a base"),
                ));
            }
        };
        if !validate_scoped && remote.contains(&url) {
            return Ok(result);
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
            Some(c @ (Value::Object(_) | Value::Array(_) | Value::String(_) | Value::Null)) => c,
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
        Ok(Builder::from(&processed))
    }
}

/// A `null` context: back to the initial context (keeping the processing mode), unless that
/// would clear protected terms.
fn nullified(
    active: &Arc<ActiveContext>,
    result: Builder,
    override_protected: bool,
    propagate: bool,
) -> Result<Builder, JsonLdError> {
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
    Ok(fresh)
}

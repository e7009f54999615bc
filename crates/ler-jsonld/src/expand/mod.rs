//! JSON-LD 1.1 expansion with processed contexts shared across documents and threads.
//!
//! [`JsonLdProcessor`] owns a [`ContextLoader`] and a cache of processed contexts: a context (or
//! list of contexts) a document names, and every type- or property-scoped context applied
//! beneath it, is processed once into an immutable term table and reused by every later
//! document. Safe mode (on by default) turns every place where JSON-LD would silently drop or
//! leave unmapped a piece of the document into an error with its JSON pointer.

mod algorithm;
mod context;
mod direct;
mod error;
mod guard;
mod iri;
#[cfg(test)]
mod tests;
pub(crate) mod value;

use std::sync::{Arc, LazyLock};

use ler_model::json::Value;

use crate::limits::Limits;
use crate::registry::ContextRegistry;

pub use algorithm::VocabTerm;
pub use context::{ContextLoader, ProcessingMode};
pub use error::{ErrorCode, JsonLdError};
pub use guard::SpellingGuard;

use algorithm::{Expander, Path};
use context::{Apply, Contexts, LocalKey, limits_in_force};
use value::{Ev, Keyword};

/// Options of one expansion or conversion.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Options<'a> {
    /// Fail instead of dropping data: undefined terms, relative IRIs, values JSON-LD would
    /// ignore. On by default; signing and verifying must keep it on.
    pub safe_mode: bool,
    /// The base IRI relative IRIs in the document resolve against (none by default, so a
    /// relative `id` stays relative, which safe mode rejects).
    pub base_iri: Option<&'a str>,
    /// The document's own URL, which relative context references resolve against.
    pub document_url: Option<&'a str>,
    /// A context applied before the document's own (the `expandContext` API option).
    pub expand_context: Option<&'a Value>,
    /// The processing mode (JSON-LD 1.1 by default).
    pub processing_mode: ProcessingMode,
    /// Refuse other spellings of the terms a verifier's checks read (none by default).
    pub guard: Option<&'a SpellingGuard>,
    /// Limits on the work the document may cause (blank nodes, inline contexts).
    pub limits: Limits,
    /// How JSON-LD to RDF represents `@direction` (the API's `rdfDirection`): `None` (the
    /// default) gives it no RDF form, so safe mode refuses a value with a direction.
    pub rdf_direction: Option<crate::literal::RdfDirection>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Self {
            safe_mode: true,
            base_iri: None,
            document_url: None,
            expand_context: None,
            processing_mode: ProcessingMode::JsonLd11,
            guard: None,
            limits: Limits::default(),
            rdf_direction: None,
        }
    }
}

impl<'a> Options<'a> {
    /// Safe mode on, no base IRI: what signing and verifying use.
    pub fn safe() -> Self {
        Self::default()
    }

    /// Safe mode off: standard JSON-LD 1.1, which drops what it cannot map.
    pub fn lenient() -> Self {
        Self {
            safe_mode: false,
            ..Self::default()
        }
    }

    /// Sets the base IRI.
    pub fn with_base_iri(mut self, base: &'a str) -> Self {
        self.base_iri = Some(base);
        self
    }

    /// Sets the document URL (relative context references resolve against it).
    pub fn with_document_url(mut self, url: &'a str) -> Self {
        self.document_url = Some(url);
        self
    }

    /// Sets a context applied before the document's own.
    pub fn with_expand_context(mut self, context: &'a Value) -> Self {
        self.expand_context = Some(context);
        self
    }

    /// Refuses every other spelling of the terms `guard` lists (see [`SpellingGuard`]).
    pub fn with_guard(mut self, guard: &'a SpellingGuard) -> Self {
        self.guard = Some(guard);
        self
    }

    /// Sets the work limits.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Sets the processing mode.
    pub fn with_processing_mode(mut self, mode: ProcessingMode) -> Self {
        self.processing_mode = mode;
        self
    }

    /// Sets how `@direction` becomes RDF (the `rdfDirection` option).
    pub fn with_rdf_direction(mut self, direction: crate::literal::RdfDirection) -> Self {
        self.rdf_direction = Some(direction);
        self
    }
}

/// What a catch-all `@vocab` did in a document: the verifier reports it as a `warn` check
/// (`jsonld.vocab-catch-all`), since such terms carry no defined meaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VocabReport {
    /// The `@vocab` IRIs in effect anywhere in the document (for example
    /// `https://www.w3.org/ns/credentials/examples#` under the VC examples context), in order of
    /// first use, each once.
    pub in_effect: Vec<String>,
    /// Every term that only a `@vocab` mapping gave an IRI, in document order.
    pub terms: Vec<VocabTerm>,
}

impl VocabReport {
    /// Whether no catch-all `@vocab` was in effect at all.
    pub fn is_empty(&self) -> bool {
        self.in_effect.is_empty() && self.terms.is_empty()
    }

    pub(crate) fn note_vocab(&mut self, vocab: &str) {
        if !self.in_effect.iter().any(|v| v == vocab) {
            self.in_effect.push(vocab.to_owned());
        }
    }
}

/// A document in expanded form.
#[derive(Debug, Clone)]
pub struct Expanded {
    pub(crate) items: Vec<Ev>,
    /// Terms mapped only through a catch-all `@vocab`.
    pub vocab: VocabReport,
}

impl Expanded {
    /// The expanded document as JSON (an array of node objects).
    pub fn to_json(&self) -> Value {
        Value::Array(self.items.iter().map(Ev::to_json).collect())
    }
}

/// Expands JSON-LD documents and converts them to RDF, sharing processed contexts.
///
/// Cheap to share: wrap it in an [`Arc`] (or use a `static`) and call it from any thread.
pub struct JsonLdProcessor {
    contexts: Contexts,
}

impl std::fmt::Debug for JsonLdProcessor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonLdProcessor").finish_non_exhaustive()
    }
}

impl JsonLdProcessor {
    /// A processor loading contexts through `loader` (never from the network unless the loader
    /// does so).
    pub fn new(loader: impl ContextLoader + 'static) -> Self {
        Self {
            contexts: Contexts::new(Box::new(loader)),
        }
    }

    /// The direct path (see `direct`): the dataset without the expanded form, or `None` when
    /// the document needs the full algorithm.
    pub(crate) fn to_rdf_direct(
        &self,
        document: &Value,
        options: &Options<'_>,
    ) -> Result<Option<(crate::rdf::Dataset, VocabReport)>, JsonLdError> {
        let out = direct::Out::Dataset(crate::rdf::Dataset::with_capacity(64));
        Ok(self
            .direct(document, options, out)?
            .and_then(|(out, vocab)| match out {
                direct::Out::Dataset(dataset) => Some((dataset, vocab)),
                _ => None,
            }))
    }

    /// [`to_rdf_direct`](Self::to_rdf_direct) with the statements counted (for the limit) but
    /// not kept.
    pub(crate) fn check_direct(
        &self,
        document: &Value,
        options: &Options<'_>,
    ) -> Result<Option<VocabReport>, JsonLdError> {
        Ok(self
            .direct(document, options, direct::Out::Count)?
            .map(|(_, vocab)| vocab))
    }

    /// [`to_rdf_direct`](Self::to_rdf_direct) with the statements prepared for RDFC-1.0 in
    /// `builder` as they are made, instead of kept in a dataset.
    pub(crate) fn canonical_direct(
        &self,
        document: &Value,
        options: &Options<'_>,
        builder: crate::rdfc::prepared::Builder,
    ) -> Result<Option<(crate::rdfc::prepared::Builder, VocabReport)>, JsonLdError> {
        let out = direct::Out::Canonical(builder);
        Ok(self
            .direct(document, options, out)?
            .and_then(|(out, vocab)| match out {
                direct::Out::Canonical(builder) => Some((builder, vocab)),
                _ => None,
            }))
    }

    fn direct(
        &self,
        document: &Value,
        options: &Options<'_>,
        out: direct::Out,
    ) -> Result<Option<(direct::Out, VocabReport)>, JsonLdError> {
        if options.expand_context.is_some() {
            return Ok(None);
        }
        let _limits = limits_in_force(options.limits);
        let document_url: Option<value::Str> = options.document_url.map(value::Str::from);
        let active = self
            .contexts
            .initial(options.base_iri, options.processing_mode);
        direct::Direct::run(
            &self.contexts,
            document_url.as_ref(),
            options.guard,
            &active,
            document,
            &options.limits,
            out,
        )
    }

    /// Expands `document` (JSON-LD 1.1 Expansion Algorithm).
    pub fn expand(&self, document: &Value, options: &Options<'_>) -> Result<Expanded, JsonLdError> {
        let _limits = limits_in_force(options.limits);
        let document_url: Option<value::Str> = options.document_url.map(value::Str::from);
        let mut active = self
            .contexts
            .initial(options.base_iri, options.processing_mode);
        if let Some(ec) = options.expand_context {
            let ec = match ec {
                Value::Object(o) if o.contains_key("@context") => o.get("@context").unwrap_or(ec),
                other => other,
            };
            active = self.contexts.apply(
                &active,
                LocalKey::Text(ec.to_string().into_boxed_str()),
                ec,
                Apply {
                    base_url: document_url.as_ref(),
                    override_protected: false,
                    propagate: true,
                },
            )?;
        }
        let mut expander = Expander::new(&self.contexts, options.safe_mode, document_url);
        expander.guard = options.guard;
        expander.direction_has_rdf_form = options.rdf_direction.is_some();
        let result = expander.expand(&active, None, document, &Path::ROOT, false, false)?;
        let result = match result {
            Ev::Object(mut o) if o.len() == 1 && o.has(Keyword::Graph) => o
                .remove(&value::Key::Kw(Keyword::Graph))
                .unwrap_or_default(),
            other => other,
        };
        Ok(Expanded {
            items: result.into_array(),
            vocab: expander.vocab,
        })
    }
}

impl ContextLoader for ContextRegistry {
    fn load_context(&self, url: &str) -> Result<Arc<Value>, String> {
        let doc = self.context(url).map_err(|e| e.to_string())?;
        ler_model::json::parse(doc.resource().bytes())
            .map(Arc::new)
            .map_err(|e| e.to_string())
    }
}

impl ContextLoader for &'static ContextRegistry {
    fn load_context(&self, url: &str) -> Result<Arc<Value>, String> {
        (**self).load_context(url)
    }
}

static SHARED: LazyLock<JsonLdProcessor> =
    LazyLock::new(|| JsonLdProcessor::new(ContextRegistry::shared()));

impl JsonLdProcessor {
    /// The processor over the pinned contexts ([`ContextRegistry::shared`]), built on first use
    /// and shared by every thread, so its processed contexts serve every document.
    pub fn shared() -> &'static JsonLdProcessor {
        &SHARED
    }
}

/// Expands `document` with the shared processor over the pinned contexts.
///
/// ```
/// use ler_jsonld::{Options, expand};
/// use ler_model::json;
///
/// let doc = json::parse(br#"{
///     "@context": "https://www.w3.org/ns/credentials/v2",
///     "type": "VerifiableCredential",
///     "issuer": "did:example:issuer"
/// }"#)?;
/// let expanded = expand(&doc, &Options::safe())?;
/// let json = expanded.to_json();
/// let node = &json.as_array().unwrap()[0];
/// let types = node.get("@type").and_then(|t| t.as_array()).unwrap();
/// assert_eq!(types[0].as_str(), Some("https://www.w3.org/2018/credentials#VerifiableCredential"));
///
/// // Safe mode: a term no context defines is an error naming it and its place.
/// let bad = json::parse(br#"{"@context": "https://www.w3.org/ns/credentials/v2", "nickname": "x"}"#)?;
/// let err = expand(&bad, &Options::safe()).unwrap_err();
/// assert_eq!(err.pointer(), "/nickname");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn expand(document: &Value, options: &Options<'_>) -> Result<Expanded, JsonLdError> {
    JsonLdProcessor::shared().expand(document, options)
}

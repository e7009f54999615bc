//! Deserialize JSON-LD to RDF (JSON-LD 1.1 API §8.x), straight from the expanded form.
//!
//! The specification goes through a node map; since an RDF dataset is a set, walking the
//! expanded tree and emitting each statement where it appears gives the same dataset (merged
//! nodes just repeat statements, which canonicalization treats as one) without building the map.

use std::collections::HashMap;

use ler_model::json::Value;

use crate::expand::value::{Ev, Key, Keyword, Obj, Str};
use crate::expand::{Expanded, JsonLdError, JsonLdProcessor, Options, VocabReport};
use crate::literal::{RdfDirection, rdf_iri, value_object_literal};
use crate::rdf::{BlankNode, Dataset, Iri, NamedOrBlank, Quad, Term, numbered_blank};
use crate::rdfc::prepared::{Builder, Scratch};
use crate::rdfc::{CanonicalizeError, CanonicalizeOptions, Canonicalized, canonicalize_built};

/// The result of converting a document to RDF.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ToRdfOutput {
    /// The RDF dataset (ready for [`canonicalize`](crate::canonicalize)).
    pub dataset: Dataset,
    /// Terms mapped only through a catch-all `@vocab` (empty when none).
    pub vocab: VocabReport,
}

/// The result of [`JsonLdProcessor::to_canonical_rdf`]: the document's RDF, canonicalized.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CanonicalRdf {
    /// The canonical N-Quads and the issued identifiers.
    pub canonical: Canonicalized,
    /// Terms mapped only through a catch-all `@vocab` (empty when none).
    pub vocab: VocabReport,
}

/// Why [`JsonLdProcessor::to_canonical_rdf`] failed: in JSON-LD to RDF, or in canonicalization
/// (each step's own errors say more; there is no third step, so this enum stays exhaustive).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CanonicalRdfError {
    /// Expansion or conversion to RDF failed.
    #[error(transparent)]
    JsonLd(#[from] JsonLdError),
    /// Canonicalization reached one of its limits.
    #[error(transparent)]
    Canonicalize(#[from] CanonicalizeError),
}

impl JsonLdProcessor {
    /// [`to_rdf`](Self::to_rdf), then [`canonicalize_with`](crate::canonicalize_with): the same
    /// result, faster for the credential-shaped documents the direct path takes, whose
    /// statements go straight into canonicalization without a [`Dataset`] in between.
    ///
    /// ```
    /// use ler_jsonld::{CanonicalizeOptions, JsonLdProcessor, Options, canonicalize, to_rdf};
    /// use ler_model::json;
    ///
    /// let doc = json::parse(br#"{
    ///     "@context": {"name": "https://schema.org/name", "knows": {"@id": "https://schema.org/knows"}},
    ///     "name": "Ada",
    ///     "knows": {"name": "Bo"}
    /// }"#)?;
    /// let processor = JsonLdProcessor::shared();
    /// let out = processor.to_canonical_rdf(&doc, &Options::safe(), &CanonicalizeOptions::new())?;
    /// let by_dataset = canonicalize(&to_rdf(&doc, &Options::safe())?.dataset)?;
    /// assert_eq!(out.canonical, by_dataset);
    /// assert_eq!(
    ///     out.canonical.nquads(),
    ///     "_:c14n0 <https://schema.org/knows> _:c14n1 .\n\
    ///      _:c14n0 <https://schema.org/name> \"Ada\" .\n\
    ///      _:c14n1 <https://schema.org/name> \"Bo\" .\n",
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_canonical_rdf(
        &self,
        document: &Value,
        options: &Options<'_>,
        canonicalize: &CanonicalizeOptions,
    ) -> Result<CanonicalRdf, CanonicalRdfError> {
        let mut scratch = Scratch::take();
        let builder = Builder::new(&mut scratch, 64);
        if let Some((builder, vocab)) = self.canonical_direct(document, options, builder)? {
            return Ok(CanonicalRdf {
                canonical: canonicalize_built(builder, canonicalize, scratch)?,
                vocab,
            });
        }
        let output = self.to_rdf_by_expansion(document, options)?;
        Ok(CanonicalRdf {
            canonical: crate::canonicalize_with(&output.dataset, canonicalize)?,
            vocab: output.vocab,
        })
    }

    /// Expands `document` and converts it to an RDF dataset.
    pub fn to_rdf(
        &self,
        document: &Value,
        options: &Options<'_>,
    ) -> Result<ToRdfOutput, JsonLdError> {
        if let Some((dataset, vocab)) = self.to_rdf_direct(document, options)? {
            return Ok(ToRdfOutput { dataset, vocab });
        }
        self.to_rdf_by_expansion(document, options)
    }

    /// [`to_rdf`](Self::to_rdf) through the expanded form: for the documents the direct path
    /// does not take.
    fn to_rdf_by_expansion(
        &self,
        document: &Value,
        options: &Options<'_>,
    ) -> Result<ToRdfOutput, JsonLdError> {
        let expanded = self.expand(document, options)?;
        Ok(ToRdfOutput {
            dataset: convert(&expanded, &options.limits, options.rdf_direction)?,
            vocab: expanded.vocab,
        })
    }

    /// [`to_rdf`](Self::to_rdf) for what it checks only: the same errors (an undefined term in
    /// safe mode, a refused form, a limit reached) and the same `@vocab` report, without keeping
    /// the dataset. For eddsa-jcs-2022, which signs the JSON but must refuse what the contexts
    /// do not define.
    pub fn check(
        &self,
        document: &Value,
        options: &Options<'_>,
    ) -> Result<VocabReport, JsonLdError> {
        if let Some(vocab) = self.check_direct(document, options)? {
            return Ok(vocab);
        }
        let expanded = self.expand(document, options)?;
        convert(&expanded, &options.limits, options.rdf_direction)?;
        Ok(expanded.vocab)
    }
}

/// Expands `document` and converts it to RDF with the shared processor over the pinned
/// contexts ([`JsonLdProcessor::shared`]).
///
/// ```
/// use ler_jsonld::{Options, canonicalize, to_rdf};
/// use ler_model::json;
///
/// let doc = json::parse(br#"{
///     "@context": ["https://www.w3.org/ns/credentials/v2"],
///     "type": ["VerifiableCredential"],
///     "issuer": "did:example:issuer",
///     "credentialSubject": {"id": "did:example:alice"}
/// }"#)?;
/// let out = to_rdf(&doc, &Options::safe())?;
/// assert_eq!(out.dataset.len(), 3);
/// assert!(out.vocab.is_empty());
/// let canonical = canonicalize(&out.dataset)?;
/// assert!(canonical.nquads().contains("<https://www.w3.org/2018/credentials#issuer> <did:example:issuer>"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_rdf(document: &Value, options: &Options<'_>) -> Result<ToRdfOutput, JsonLdError> {
    JsonLdProcessor::shared().to_rdf(document, options)
}

/// Converts an expanded document to RDF (no generalized RDF: statements with a blank-node
/// predicate, or with an IRI that is not absolute, are left out, as the API specifies).
///
/// No limit applies here (the caller holds the expanded form already); [`to_rdf`] applies
/// [`Limits::max_blank_nodes`](crate::Limits) and [`Limits::max_statements`](crate::Limits).
pub fn expanded_to_rdf(expanded: &Expanded) -> Dataset {
    expanded_to_rdf_with(expanded, None)
}

/// [`expanded_to_rdf`] with the `rdfDirection` option: without it a value's `@direction` is
/// left out of its literal, as the API specifies.
pub fn expanded_to_rdf_with(expanded: &Expanded, rdf_direction: Option<RdfDirection>) -> Dataset {
    let mut c = Converter::new(usize::MAX, usize::MAX, rdf_direction);
    c.items(expanded);
    c.dataset
}

/// [`expanded_to_rdf`], stopping with an error past the blank-node or statement limit.
fn convert(
    expanded: &Expanded,
    limits: &crate::Limits,
    rdf_direction: Option<RdfDirection>,
) -> Result<Dataset, JsonLdError> {
    let mut c = Converter::new(limits.max_blank_nodes, limits.max_statements, rdf_direction);
    c.items(expanded);
    if c.next > limits.max_blank_nodes {
        return Err(JsonLdError::TooManyBlankNodes {
            limit: limits.max_blank_nodes,
            pointer: String::new(),
        });
    }
    if c.dataset.len() > limits.max_statements {
        return Err(JsonLdError::TooManyStatements {
            limit: limits.max_statements,
            pointer: String::new(),
        });
    }
    Ok(c.dataset)
}

struct Converter {
    dataset: Dataset,
    labels: HashMap<Str, BlankNode>,
    next: usize,
    iris: HashMap<Str, Option<Iri>>,
    /// Past this many blank nodes or statements, conversion stops (the caller reports it).
    max_blank_nodes: usize,
    max_statements: usize,
    rdf_direction: Option<RdfDirection>,
}

impl Converter {
    fn new(
        max_blank_nodes: usize,
        max_statements: usize,
        rdf_direction: Option<RdfDirection>,
    ) -> Self {
        Self {
            dataset: Dataset::default(),
            labels: HashMap::new(),
            next: 0,
            iris: HashMap::new(),
            max_blank_nodes,
            max_statements,
            rdf_direction,
        }
    }

    fn over_limit(&self) -> bool {
        self.next > self.max_blank_nodes || self.dataset.len() > self.max_statements
    }

    fn items(&mut self, expanded: &Expanded) {
        for item in &expanded.items {
            if self.over_limit() {
                return;
            }
            if let Ev::Object(o) = item
                && item.is_node_object()
            {
                self.node(o, None);
            }
        }
    }

    fn fresh(&mut self) -> BlankNode {
        let b = numbered_blank(self.next);
        self.next += 1;
        b
    }

    fn iri(&mut self, s: &Str) -> Option<Iri> {
        if let Some(i) = self.iris.get(s) {
            return i.clone();
        }
        // One fragment at most: `a#b#c` is not an IRI (RFC 3987), though N-Quads would take it.
        let i = if s.matches('#').count() > 1 {
            None
        } else {
            Iri::new(s.clone()).ok()
        };
        self.iris.insert(s.clone(), i.clone());
        i
    }

    /// An IRI or blank node from an expanded identifier; `None` when it is neither (relative).
    fn resource(&mut self, s: &Str) -> Option<NamedOrBlank> {
        if s.starts_with("_:") {
            if let Some(b) = self.labels.get(s) {
                return Some(NamedOrBlank::Blank(b.clone()));
            }
            let b = self.fresh();
            self.labels.insert(s.clone(), b.clone());
            return Some(NamedOrBlank::Blank(b));
        }
        self.iri(s).map(NamedOrBlank::Iri)
    }

    fn push(&mut self, s: &Option<NamedOrBlank>, p: &Iri, o: Term, g: &Option<NamedOrBlank>) {
        if let Some(s) = s {
            self.dataset.push(Quad {
                subject: s.clone(),
                predicate: p.clone(),
                object: o,
                graph: g.clone(),
            });
        }
    }

    /// Emits a node's statements; returns its identifier.
    fn node(&mut self, o: &Obj, graph: Option<&NamedOrBlank>) -> Option<NamedOrBlank> {
        if self.over_limit() {
            return None;
        }
        let graph: Option<NamedOrBlank> = graph.cloned();
        let subject = match o.kw(Keyword::Id) {
            Some(Ev::String(id)) => self.resource(id),
            // An @id that expanded to null (keyword form): the node cannot be named.
            Some(_) => None,
            None => Some(NamedOrBlank::Blank(self.fresh())),
        };
        for (k, v) in o.iter() {
            match k {
                Key::Kw(Keyword::Type) => {
                    let p = rdf_iri("type");
                    for t in v.as_slice() {
                        if let Ev::String(t) = t
                            && let Some(t) = self.resource(t)
                        {
                            self.push(&subject, &p, t.into(), &graph);
                        }
                    }
                }
                Key::Kw(Keyword::Reverse) => {
                    let Ev::Object(rev) = v else { continue };
                    for (rp, items) in rev.iter() {
                        let Key::Iri(rp) = rp else { continue };
                        let pred = if rp.starts_with("_:") {
                            None
                        } else {
                            self.iri(rp)
                        };
                        for item in items.as_slice() {
                            if let Ev::Object(io) = item {
                                let s = self.node(io, graph.as_ref());
                                if let (Some(pred), Some(obj)) = (&pred, &subject) {
                                    self.push(&s, pred, obj.clone().into(), &graph);
                                }
                            }
                        }
                    }
                }
                Key::Kw(Keyword::Graph) => {
                    let mark = self.dataset.len();
                    let name = subject.clone();
                    for item in v.as_slice() {
                        if let Ev::Object(io) = item
                            && item.is_node_object()
                        {
                            self.node(io, name.as_ref());
                        }
                    }
                    if name.is_none() {
                        // A graph whose name is not an IRI: its statements are not emitted.
                        let mut kept: Vec<Quad> = self.dataset.quads()[..mark].to_vec();
                        kept.shrink_to_fit();
                        self.dataset = kept.into_iter().collect();
                    }
                }
                Key::Kw(Keyword::Included) => {
                    for item in v.as_slice() {
                        if let Ev::Object(io) = item {
                            self.node(io, graph.as_ref());
                        }
                    }
                }
                Key::Kw(_) => {}
                Key::Iri(p) => {
                    if p.starts_with("_:") {
                        // Generalized RDF only: drop, but still emit nested nodes.
                        for item in v.as_slice() {
                            self.object(item, &graph);
                        }
                        continue;
                    }
                    let pred = self.iri(p);
                    for item in v.as_slice() {
                        if let Some(obj) = self.object(item, &graph)
                            && let Some(pred) = &pred
                        {
                            self.push(&subject, pred, obj, &graph);
                        }
                    }
                }
            }
        }
        subject
    }

    fn object(&mut self, item: &Ev, graph: &Option<NamedOrBlank>) -> Option<Term> {
        let Ev::Object(o) = item else { return None };
        if o.has(Keyword::Value) {
            return value_object_literal(o, self.rdf_direction);
        }
        if let Some(list) = o.kw(Keyword::List) {
            return self.list(list.as_slice(), graph);
        }
        self.node(o, graph.as_ref()).map(Term::from)
    }

    fn list(&mut self, items: &[Ev], graph: &Option<NamedOrBlank>) -> Option<Term> {
        if items.is_empty() {
            return Some(Term::Iri(rdf_iri("nil")));
        }
        let first = rdf_iri("first");
        let rest = rdf_iri("rest");
        let nodes: Vec<BlankNode> = (0..items.len()).map(|_| self.fresh()).collect();
        for (i, item) in items.iter().enumerate() {
            let s = Some(NamedOrBlank::Blank(nodes[i].clone()));
            if let Some(o) = self.object(item, graph) {
                self.push(&s, &first, o, graph);
            }
            let next = match nodes.get(i + 1) {
                Some(b) => Term::Blank(b.clone()),
                None => Term::Iri(rdf_iri("nil")),
            };
            self.push(&s, &rest, next, graph);
        }
        nodes.first().map(|b| Term::Blank(b.clone()))
    }
}

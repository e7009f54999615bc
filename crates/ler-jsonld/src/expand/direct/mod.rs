//! The direct path: JSON-LD straight to RDF, without building the expanded form.
//!
//! Credentials use a small part of JSON-LD: nodes with `id` and `type`, properties whose terms
//! the pinned contexts define, scalars, language-tagged and typed values, `@list` and `@graph`
//! containers. For such documents this path applies the same context steps as the expansion
//! algorithm (reverting non-propagated contexts, property-, embedded and type-scoped contexts,
//! all through the shared cache) and emits each statement as it goes. Anything else, and
//! anything that would be an error or a warning, makes it give up (`None`), and the full
//! algorithm runs instead, so errors, the `@vocab` report and every corner of JSON-LD come from
//! one place. The W3C toRdf suite and the differential tests run through this path first.//!
//! This module walks nodes and their properties; [`values`] turns property values (scalars,
//! value objects, nested nodes, lists) into RDF terms.

mod values;

use std::borrow::Cow;
use std::sync::Arc;

use ler_model::json::{Object, Value};

use super::algorithm::{MAX_DEPTH, keyword_of};
use super::context::{ActiveContext, Apply, Contexts, FnvMap, TermDef, container};
use super::iri::{is_absolute, is_blank};
use super::value::{Keyword, Str};
use crate::literal::LiteralParts;
use crate::literal::{json_literal, rdf_iri};
use crate::rdf::numbered_blank;
use crate::rdf::{BlankNode, Dataset, Iri, NamedOrBlank, Quad, Term};
use crate::rdfc::prepared::{Builder, ObjectRef};

pub(crate) struct Direct<'a> {
    contexts: &'a Contexts,
    document_url: Option<&'a Str>,
    depth: usize,
    sink: Sink,
    labels: FnvMap<Str, BlankNode>,
    next: usize,
    rdf_type: Iri,
    vocab: super::VocabReport,
    /// Anything the guard might refuse makes this path give up, so the full algorithm reports it.
    guard: Option<&'a super::SpellingGuard>,
    root: Option<NamedOrBlank>,
    /// [`Limits::max_blank_nodes`](crate::Limits): past it, conversion stops.
    max_blank_nodes: usize,
    /// [`Limits::max_statements`](crate::Limits): past it, conversion stops.
    max_statements: usize,
}

impl<'a> Direct<'a> {
    /// Converts `doc` into `out`, or `None` when the document needs the full algorithm; an error
    /// when it holds more blank nodes than `max_blank_nodes` (stopping there, so memory stays
    /// bounded).
    pub(crate) fn run(
        contexts: &'a Contexts,
        document_url: Option<&'a Str>,
        guard: Option<&'a super::SpellingGuard>,
        active: &Arc<ActiveContext>,
        doc: &Value,
        limits: &crate::Limits,
        out: Out,
    ) -> Result<Option<(Out, super::VocabReport)>, super::JsonLdError> {
        let mut d = Direct {
            sink: Sink { out, statements: 0 },
            max_blank_nodes: limits.max_blank_nodes,
            max_statements: limits.max_statements,
            contexts,
            document_url,
            depth: 0,
            labels: FnvMap::default(),
            next: 0,
            rdf_type: rdf_iri("type"),
            vocab: super::VocabReport::default(),
            guard,
            root: None,
        };
        let converted = match doc {
            Value::Object(map) => d.node(active, None, map, &None).map(|_| ()),
            Value::Array(items) => items.iter().try_for_each(|item| match item {
                Value::Object(map) => d.node(active, None, map, &None).map(|_| ()),
                _ => None,
            }),
            _ => None,
        };
        if d.next > d.max_blank_nodes {
            return Err(super::JsonLdError::TooManyBlankNodes {
                limit: d.max_blank_nodes,
                pointer: String::new(),
            });
        }
        if d.sink.statements > d.max_statements {
            return Err(super::JsonLdError::TooManyStatements {
                limit: d.max_statements,
                pointer: String::new(),
            });
        }
        Ok(converted.map(|()| (d.sink.out, d.vocab)))
    }

    fn fresh(&mut self) -> NamedOrBlank {
        let b = numbered_blank(self.next);
        self.next += 1;
        NamedOrBlank::Blank(b)
    }

    /// An expanded `@id` as a term, or give up (relative or invalid: the full path decides).
    fn id_term(&mut self, iri: &Str) -> Option<NamedOrBlank> {
        if is_blank(iri) {
            if let Some(b) = self.labels.get(iri) {
                return Some(NamedOrBlank::Blank(b.clone()));
            }
            let NamedOrBlank::Blank(b) = self.fresh() else {
                return None;
            };
            self.labels.insert(iri.clone(), b.clone());
            return Some(NamedOrBlank::Blank(b));
        }
        (is_absolute(iri) && crate::rdf::check_iri(iri).is_ok() && iri.matches('#').count() <= 1)
            .then(|| NamedOrBlank::Iri(Iri::new_unchecked(iri.clone())))
    }

    /// The term's scoped context applied, or `None` (the term has none, or it does not apply:
    /// the full algorithm then takes over and reports why).
    fn scoped(
        &self,
        active: &Arc<ActiveContext>,
        def: &TermDef,
        override_protected: bool,
        propagate: bool,
    ) -> Option<Arc<ActiveContext>> {
        self.contexts
            .apply_term_context(active, def, override_protected, propagate)?
            .ok()
    }

    /// A node object; returns its subject.
    fn node(
        &mut self,
        active_in: &Arc<ActiveContext>,
        prop_def: Option<&TermDef>,
        map: &Object,
        graph: &Option<NamedOrBlank>,
    ) -> Option<NamedOrBlank> {
        if self.depth >= MAX_DEPTH
            || self.next > self.max_blank_nodes
            || self.sink.statements > self.max_statements
        {
            return None;
        }
        self.depth += 1;
        let result = self.node_inner(active_in, prop_def, map, graph);
        self.depth -= 1;
        result
    }

    /// A node object, in four steps: its context, its keyword entries (`@type` and `@id`), its
    /// subject and types, then one property at a time. `None` anywhere hands the document to
    /// the full algorithm.
    fn node_inner(
        &mut self,
        active_in: &Arc<ActiveContext>,
        prop_def: Option<&TermDef>,
        map: &Object,
        graph: &Option<NamedOrBlank>,
    ) -> Option<NamedOrBlank> {
        let active = self.node_context(active_in, prop_def, map)?;
        if let Some(v) = &active.vocab {
            self.vocab.note_vocab(v);
        }
        let type_scoped = active.clone();
        let (types, id_value) = self.keyword_entries(&type_scoped, map)?;
        let active = self.type_scoped_context(active, &type_scoped, types)?;
        let id_value = if Arc::ptr_eq(&active, &*type_scoped) {
            id_value
        } else {
            // A type-scoped context may alias `@id` differently: look again.
            id_entry(&active, map)?
        };
        let subject = match id_value {
            Some(Value::String(s)) => {
                let iri = active.expand_iri(s, true, false)?;
                self.id_term(&iri)?
            }
            Some(_) => return None,
            None => self.fresh(),
        };
        if self.guard.is_some() {
            if self.depth == 1 {
                self.root = Some(subject.clone());
            } else if self.root.as_ref() == Some(&subject)
                && map
                    .keys()
                    .any(|k| k != "@context" && keyword_of(&active, k) != Some(Keyword::Id))
            {
                return None;
            }
        }
        self.types(&subject, &type_scoped, types, graph)?;
        for (k, v) in map.iter() {
            if k == "@context" {
                continue;
            }
            self.property(&active, &subject, k, v, graph)?;
        }
        Some(subject)
    }

    /// The context a node's entries are read with, before its types: the parent's, reverted past
    /// a non-propagated context, then the property's scoped context, then the node's own
    /// `@context`. Borrowed while it is one of those already held: the processed contexts are
    /// shared by every thread, so a clone is a write to a reference count they all use.
    fn node_context<'c>(
        &self,
        active_in: &'c Arc<ActiveContext>,
        prop_def: Option<&TermDef>,
        map: &Object,
    ) -> Option<Cow<'c, Arc<ActiveContext>>> {
        let mut active = Cow::Borrowed(active_in);
        if let Some(previous) = &active_in.previous {
            let only_id = map.len() == 1
                && map
                    .keys()
                    .next()
                    .is_some_and(|k| keyword_of(&active, k) == Some(Keyword::Id));
            if !only_id {
                active = Cow::Borrowed(previous);
            }
        }
        if let Some(def) = prop_def
            && def.context.is_some()
        {
            active = Cow::Owned(self.scoped(&active, def, true, true)?);
        }
        if let Some(ctx) = map.get("@context") {
            active = Cow::Owned(
                self.contexts
                    .apply_document_context(
                        &active,
                        ctx,
                        Apply {
                            base_url: self.document_url,
                            override_protected: false,
                            propagate: true,
                        },
                    )
                    .ok()?,
            );
        }
        Some(active)
    }

    /// The node's types (as written) and its `@id` value, read with `type_scoped`; `None` for a
    /// keyword the direct path does not handle, a repeated `@type` or `@id`, or (with a guard)
    /// a keyword spelt otherwise.
    fn keyword_entries<'m>(
        &self,
        type_scoped: &ActiveContext,
        map: &'m Object,
    ) -> Option<(&'m [Value], Option<&'m Value>)> {
        let mut type_key: Option<(&str, &Value)> = None;
        let mut id_value: Option<&Value> = None;
        for (k, v) in map.iter() {
            let keyword = keyword_of(type_scoped, k);
            if self.guard.is_some()
                && let Some(kw) = keyword
                && !super::guard::keyword_spelling_ok(k, kw.as_str())
            {
                return None;
            }
            match keyword {
                Some(Keyword::Type) => {
                    if type_key.is_some() {
                        return None;
                    }
                    type_key = Some((k, v));
                }
                Some(Keyword::Id) => {
                    if id_value.is_some() {
                        return None;
                    }
                    id_value = Some(v);
                }
                Some(Keyword::Value | Keyword::List | Keyword::Set) => return None,
                _ => {}
            }
        }
        let types: &[Value] = match type_key {
            Some((_, Value::Array(items))) => items,
            Some((_, v @ Value::String(_))) => std::slice::from_ref(v),
            Some(_) => return None,
            None => &[],
        };
        Some((types, id_value))
    }

    /// The scoped contexts of the node's types (in lexicographic order, looked up in
    /// `type_scoped`) applied to `active`.
    fn type_scoped_context<'c>(
        &self,
        mut active: Cow<'c, Arc<ActiveContext>>,
        type_scoped: &ActiveContext,
        types: &[Value],
    ) -> Option<Cow<'c, Arc<ActiveContext>>> {
        if types.len() > 1 {
            let mut sorted: Vec<&str> = Vec::with_capacity(types.len());
            for t in types {
                sorted.push(t.as_str()?);
            }
            sorted.sort_unstable();
            for t in sorted {
                if let Some(def) = type_scoped.term(t)
                    && def.context.is_some()
                {
                    active = Cow::Owned(self.scoped(&active, def, false, false)?);
                }
            }
        } else if let Some(t) = types.first()
            && let Some(def) = type_scoped.term(t.as_str()?)
            && def.context.is_some()
        {
            active = Cow::Owned(self.scoped(&active, def, false, false)?);
        }
        Some(active)
    }

    /// An `rdf:type` statement for each type.
    fn types(
        &mut self,
        subject: &NamedOrBlank,
        type_scoped: &ActiveContext,
        types: &[Value],
        graph: &Option<NamedOrBlank>,
    ) -> Option<()> {
        for t in types {
            let t = t.as_str()?;
            let def = type_scoped.term(t);
            if def.is_none() && type_scoped.undefined_maps_through_vocab(t) {
                return None;
            }
            let object = match def {
                Some(def) if def.iri_ok => {
                    let iri = def.iri.as_ref()?;
                    if self
                        .guard
                        .and_then(|guard| guard.term_for_def(def, iri))
                        .is_some_and(|term| term != t)
                    {
                        return None;
                    }
                    self.sink
                        .made(|| Term::Iri(Iri::new_unchecked(iri.clone())))
                }
                _ => {
                    let iri = type_scoped.expand_iri(t, true, true)?;
                    let object = self.id_term(&iri)?;
                    if let (Some(guard), NamedOrBlank::Iri(iri)) = (self.guard, &object)
                        && !guard.accepts(t, iri.as_str())
                    {
                        return None;
                    }
                    Made::Term(object.into())
                }
            };
            self.sink
                .emit(subject, self.rdf_type.as_arc(), object, graph);
        }
        Some(())
    }

    /// The statements of one entry `k: v` of a node (nothing for `@id` and `@type`, and their
    /// aliases).
    fn property(
        &mut self,
        active: &Arc<ActiveContext>,
        subject: &NamedOrBlank,
        k: &str,
        v: &Value,
        graph: &Option<NamedOrBlank>,
    ) -> Option<()> {
        // One lookup gives both the definition and whether the key aliases a keyword.
        let keyword = if k.starts_with('@') {
            Keyword::parse(k)
        } else {
            None
        };
        let def = match keyword {
            Some(Keyword::Id | Keyword::Type) => return Some(()),
            Some(_) => return None,
            None => active.term(k)?,
        };
        if !def.iri_ok || def.reverse {
            match def.iri.as_deref().and_then(Keyword::parse) {
                Some(Keyword::Id | Keyword::Type) => return Some(()),
                _ => return None,
            }
        }
        let def: &TermDef = def;
        let predicate: &Str = def.iri.as_ref()?;
        // A guarded property must be written as its term, and not as a value object, `@set`
        // or `@list`.
        if let Some(guard) = self.guard
            && let Some(term) = guard.term_for_def(def, predicate)
            && (term != k || has_wrapped_value(v))
        {
            return None;
        }
        if def.type_mapping.as_deref() == Some("@json") {
            let lit = json_literal(v)?;
            self.sink
                .emit(subject, predicate, Made::Term(Term::Literal(lit)), graph);
            return Some(());
        }
        let flags = def.container;
        if flags & (container::LANGUAGE | container::INDEX | container::ID | container::TYPE) != 0 {
            return None;
        }
        if matches!(v, Value::Null) {
            return Some(());
        }
        if flags & container::LIST != 0 {
            if matches!(v, Value::Object(o) if o.keys().any(|key| keyword_of(active, key).is_some()))
            {
                return None;
            }
            let items = v.as_array().unwrap_or(std::slice::from_ref(v));
            let head = self.list(active, k, def, items, graph)?;
            self.sink.emit(subject, predicate, head, graph);
            return Some(());
        }
        for item in v.as_array().unwrap_or(std::slice::from_ref(v)) {
            if matches!(item, Value::Null) {
                continue;
            }
            if flags & container::GRAPH != 0 {
                let Value::Object(o) = item else { return None };
                if o.keys().any(|key| {
                    keyword_of(active, key).is_some_and(|kw| {
                        kw != Keyword::Id && kw != Keyword::Type && kw != Keyword::Context
                    })
                }) {
                    return None;
                }
                let name = self.fresh();
                self.node(active, Some(def), o, &Some(name.clone()))?;
                self.sink
                    .emit(subject, predicate, Made::Term(name.into()), graph);
                continue;
            }
            if let Some(object) = self.value(active, k, def, item, graph)? {
                self.sink.emit(subject, predicate, object, graph);
            }
        }
        Some(())
    }
}

/// Where the statements of a run go.
// One value per run, on the stack: boxing the builder would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Out {
    /// Only counted: a check of the document alone needs nothing else.
    Count,
    /// Kept as a dataset.
    Dataset(Dataset),
    /// Prepared for RDFC-1.0 as they come, with no dataset in between (no term is cloned or
    /// kept per statement).
    Canonical(Builder),
}

/// Where statements go, and how many were produced.
struct Sink {
    out: Out,
    /// Statements produced so far (kept or not).
    statements: usize,
}

/// A statement's object as the walk makes it: the term when statements are kept; when they are
/// only counted, nothing (a check builds no term, so it writes no reference count that other
/// threads share).
pub(super) enum Made<'v> {
    Term(Term),
    /// A literal not built yet: canonicalization takes its parts as they are.
    Literal(LiteralParts<'v>),
    Counted,
}

impl Sink {
    /// Whether statements are kept (and their terms must be built).
    fn keeps(&self) -> bool {
        !matches!(self.out, Out::Count)
    }

    /// The object `term` makes, built only when statements are kept.
    fn made<'v>(&self, term: impl FnOnce() -> Term) -> Made<'v> {
        if self.keeps() {
            Made::Term(term())
        } else {
            Made::Counted
        }
    }

    fn emit(
        &mut self,
        subject: &NamedOrBlank,
        predicate: &Str,
        object: Made<'_>,
        graph: &Option<NamedOrBlank>,
    ) {
        self.statements += 1;
        match &mut self.out {
            Out::Count => {}
            Out::Dataset(out) => {
                let object = match object {
                    Made::Term(term) => term,
                    Made::Literal(parts) => Term::Literal(parts.into_literal()),
                    Made::Counted => return,
                };
                out.push(Quad {
                    subject: subject.clone(),
                    predicate: Iri::new_unchecked(predicate.clone()),
                    object,
                    graph: graph.clone(),
                });
            }
            Out::Canonical(builder) => {
                let object = match &object {
                    Made::Term(term) => ObjectRef::Term(term),
                    Made::Literal(parts) => ObjectRef::Literal(parts),
                    Made::Counted => return,
                };
                builder.push(subject, predicate, object, graph.as_ref());
            }
        }
    }
}

/// The node's `@id` value as `active` reads it (`Some(None)` when it has none; `None` when it
/// has two).
fn id_entry<'m>(active: &ActiveContext, map: &'m Object) -> Option<Option<&'m Value>> {
    let mut id_value = None;
    for (k, v) in map.iter() {
        if keyword_of(active, k) == Some(Keyword::Id) {
            if id_value.is_some() {
                return None;
            }
            id_value = Some(v);
        }
    }
    Some(id_value)
}

/// Whether `value` (or an item of it) is a value object, `@set` or `@list`: a form the guard
/// refuses for guarded properties (aliases of these keywords are refused on their own).
fn has_wrapped_value(value: &Value) -> bool {
    value
        .as_array()
        .unwrap_or(std::slice::from_ref(value))
        .iter()
        .any(|item| {
            item.as_object()
                .is_some_and(|o| o.keys().any(|k| matches!(k, "@value" | "@set" | "@list")))
        })
}

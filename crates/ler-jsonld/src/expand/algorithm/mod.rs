//! The Expansion Algorithm (JSON-LD 1.1 Processing Algorithms §5.1) and Value Expansion (§5.3),
//! with safe-mode checks where the algorithm would drop data.//!
//! The pieces: this module holds the expander's state and the walk over arrays and scalars;
//! [`object`] expands a JSON object (its contexts, its entries, nested properties, and the checks
//! on the result); [`keyword`] expands the value of each keyword entry; [`values`] holds Value
//! Expansion and the language, index, `@id` and `@type` maps.

mod keyword;
mod object;
mod values;

use std::sync::Arc;

use ler_model::json::{Value, escape_token};

use super::context::{ActiveContext, Contexts, TermDef, container};
use super::error::{ErrorCode, JsonLdError};
use super::iri::{is_absolute, is_blank, is_iri_or_blank};
use super::value::{Ev, Keyword, Obj, Str};

/// Deepest nesting expansion follows (each JSON array or object is one level).
pub(crate) const MAX_DEPTH: usize = 128;

/// A JSON pointer built lazily: a chain of segments on the stack, rendered only for errors.
#[derive(Clone, Copy)]
pub(crate) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    pub(crate) const ROOT: Path<'static> = Path {
        parent: None,
        seg: Seg::Root,
    };

    fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Key(key),
        }
    }

    fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Index(index),
        }
    }

    pub(crate) fn render(&self) -> String {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            segs.push(p.seg);
            at = p.parent;
        }
        let mut out = String::new();
        for seg in segs.iter().rev() {
            match seg {
                Seg::Root => {}
                Seg::Key(k) => {
                    out.push('/');
                    out.push_str(&escape_token(k));
                }
                Seg::Index(i) => {
                    out.push('/');
                    out.push_str(&i.to_string());
                }
            }
        }
        out
    }
}

/// A term mapped only through a catch-all `@vocab`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabTerm {
    /// The term as written in the document.
    pub term: String,
    /// The IRI it was given (`@vocab` + term).
    pub iri: String,
    /// Where it is (JSON pointer).
    pub pointer: String,
}

pub(crate) struct Expander<'a> {
    pub(crate) contexts: &'a Contexts,
    pub(crate) safe: bool,
    /// Whether `@direction` has an RDF form (an `rdfDirection` option is set).
    pub(crate) direction_has_rdf_form: bool,
    pub(crate) document_url: Option<Str>,
    pub(crate) vocab: super::VocabReport,
    /// Refuses other spellings of guarded terms (see [`super::SpellingGuard`]).
    pub(crate) guard: Option<&'a super::SpellingGuard>,
    /// With a guard: the root node's expanded `@id`, which no other node may add to.
    root_id: Option<Str>,
    depth: usize,
    /// JSON values expanded so far, and the most allowed (`Limits::max_statements`).
    values: usize,
    max_values: usize,
}

fn err(code: ErrorCode, message: impl Into<String>, path: &Path<'_>) -> JsonLdError {
    JsonLdError::Invalid {
        code,
        message: message.into(),
        pointer: path.render(),
    }
}

/// The keyword a key stands for, without allocating: the keyword itself or an alias.
pub(crate) fn keyword_of(active: &ActiveContext, key: &str) -> Option<Keyword> {
    if key.starts_with('@') {
        return Keyword::parse(key);
    }
    active
        .aliases
        .iter()
        .find(|(term, _)| &**term == key)
        .map(|(_, kw)| *kw)
}

impl<'a> Expander<'a> {
    pub(crate) fn new(contexts: &'a Contexts, safe: bool, document_url: Option<Str>) -> Self {
        Self {
            contexts,
            safe,
            direction_has_rdf_form: false,
            document_url,
            vocab: super::VocabReport::default(),
            guard: None,
            root_id: None,
            depth: 0,
            values: 0,
            max_values: super::context::current_limits().max_statements,
        }
    }

    fn apply_scoped(
        &self,
        active: &Arc<ActiveContext>,
        def: &TermDef,
        override_protected: bool,
        propagate: bool,
        path: &Path<'_>,
    ) -> Result<Arc<ActiveContext>, JsonLdError> {
        match self
            .contexts
            .apply_term_context(active, def, override_protected, propagate)
        {
            None => Ok(active.clone()),
            Some(applied) => applied.map_err(|e| e.at(|| path.render())),
        }
    }

    fn note_vocab(&mut self, active: &ActiveContext, term: &str, iri: &str, path: &Path<'_>) {
        if active.vocab.is_some() && active.maps_through_vocab(term) {
            self.vocab.terms.push(VocabTerm {
                term: term.to_owned(),
                iri: iri.to_owned(),
                pointer: path.render(),
            });
        }
    }

    /// Safe mode: an IRI that names a node, type or property must be absolute (or a blank node
    /// where `blank_ok`).
    fn check_iri(
        &self,
        iri: &str,
        term: &str,
        blank_ok: bool,
        path: &Path<'_>,
    ) -> Result<(), JsonLdError> {
        if !self.safe || (blank_ok && is_blank(iri)) {
            return Ok(());
        }
        if is_absolute(iri) {
            if crate::rdf::check_iri(iri).is_ok() && iri.matches('#').count() <= 1 {
                return Ok(());
            }
            return Err(JsonLdError::DroppedValue {
                reason: format!("{iri:?} is not a valid IRI"),
                pointer: path.render(),
            });
        }
        if is_blank(iri) {
            return Err(JsonLdError::DroppedValue {
                reason: format!("blank node identifier {iri:?} cannot stand here in RDF"),
                pointer: path.render(),
            });
        }
        if term.contains(':') || term.contains('/') || term.contains('#') || term.is_empty() {
            Err(JsonLdError::RelativeIri {
                iri: iri.to_owned(),
                pointer: path.render(),
            })
        } else {
            Err(JsonLdError::UndefinedTerm {
                term: term.to_owned(),
                pointer: path.render(),
            })
        }
    }

    /// The guard's rules for one key, when there is a guard (`ep` is the key's expansion, `kw`
    /// the keyword it stands for).
    fn guard_key(
        &self,
        active: &ActiveContext,
        key: &str,
        ep: &str,
        kw: Option<Keyword>,
        value: &Value,
        at: &Path<'_>,
    ) -> Result<(), JsonLdError> {
        let Some(guard) = self.guard else {
            return Ok(());
        };
        if let Some(kw) = kw {
            let spelled_ok = super::guard::keyword_spelling_ok(key, kw.as_str());
            if !spelled_ok || matches!(kw, Keyword::Nest | Keyword::Reverse) {
                return Err(super::guard::refuse_keyword(key, kw.as_str(), at.render()));
            }
            return Ok(());
        }
        if !guard.accepts(key, ep) {
            return Err(guard.refuse_term(key, ep, at.render()));
        }
        if active.term(key).is_some_and(|d| d.reverse) {
            return Err(super::guard::refuse_keyword(key, "@reverse", at.render()));
        }
        if guard.guards(ep) {
            for item in value.as_array().unwrap_or(std::slice::from_ref(value)) {
                let Value::Object(inner) = item else { continue };
                // Aliases of these keywords are refused where they are expanded.
                for k in inner.keys() {
                    if let Some(wrapper @ (Keyword::Value | Keyword::Set | Keyword::List)) =
                        Keyword::parse(k)
                    {
                        return Err(super::guard::refuse_wrapped(
                            key,
                            wrapper.as_str(),
                            at.render(),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    fn dropped(&self, reason: &str, path: &Path<'_>) -> Result<(), JsonLdError> {
        if self.safe {
            Err(JsonLdError::DroppedValue {
                reason: reason.to_owned(),
                pointer: path.render(),
            })
        } else {
            Ok(())
        }
    }

    /// Expansion algorithm entry: `element` under `prop` (the key as written).
    pub(crate) fn expand(
        &mut self,
        active: &Arc<ActiveContext>,
        prop: Option<&str>,
        element: &Value,
        path: &Path<'_>,
        from_map: bool,
        inside_list: bool,
    ) -> Result<Ev, JsonLdError> {
        if self.depth >= MAX_DEPTH {
            return Err(JsonLdError::TooDeep {
                limit: MAX_DEPTH,
                pointer: path.render(),
            });
        }
        self.values += 1;
        if self.values > self.max_values {
            return Err(JsonLdError::TooManyStatements {
                limit: self.max_values,
                pointer: path.render(),
            });
        }
        self.depth += 1;
        let result = match element {
            Value::Null => Ok(Ev::Null),
            Value::Array(items) => {
                self.expand_array(active, prop, items, path, from_map, inside_list)
            }
            Value::Object(map) => self.expand_object(active, prop, map, path, from_map),
            scalar => self.expand_scalar(active, prop, scalar, path),
        };
        self.depth -= 1;
        result
    }

    fn expand_scalar(
        &mut self,
        active: &Arc<ActiveContext>,
        prop: Option<&str>,
        scalar: &Value,
        path: &Path<'_>,
    ) -> Result<Ev, JsonLdError> {
        let Some(p) = prop.filter(|p| *p != "@graph") else {
            self.dropped("a value outside any property (free-floating)", path)?;
            return Ok(Ev::Null);
        };
        let def = active.term(p);
        let scoped;
        let active = match def {
            Some(d) if d.context.is_some() => {
                scoped = self.apply_scoped(active, d, false, true, path)?;
                &scoped
            }
            _ => active,
        };
        self.expand_value(active, Some(p), scalar, path)
    }

    fn expand_array(
        &mut self,
        active: &Arc<ActiveContext>,
        prop: Option<&str>,
        items: &[Value],
        path: &Path<'_>,
        from_map: bool,
        inside_list: bool,
    ) -> Result<Ev, JsonLdError> {
        let is_list = inside_list
            || prop
                .and_then(|p| active.term(p))
                .is_some_and(|d| d.has(container::LIST));
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let child = path.index(i);
            let e = self.expand(active, prop, item, &child, from_map, is_list)?;
            match e {
                Ev::Array(v) if is_list => {
                    out.push(Ev::Object(Obj::with(Keyword::List, Ev::Array(v))))
                }
                Ev::Array(v) => out.extend(v),
                Ev::Null => {}
                v => out.push(v),
            }
        }
        Ok(Ev::Array(out))
    }
}

#[derive(Clone, Copy)]
pub(crate) struct EntryState<'s> {
    active: &'s Arc<ActiveContext>,
    type_scoped: &'s Arc<ActiveContext>,
    prop: Option<&'s str>,
    input_is_json: bool,
}

/// Errors inside a nest carry a pointer rendered from a synthetic root; make it plain.
fn fix_nest_pointer(e: JsonLdError, shown: &str) -> JsonLdError {
    let escaped = format!("/{}", escape_token(shown));
    let fix = |p: &mut String| {
        if let Some(rest) = p.strip_prefix(&escaped) {
            *p = format!("{shown}{rest}");
        }
    };
    let mut e = e;
    fix(e.pointer_mut());
    e
}

/// Whether `s` is an IRI or blank node (used by callers outside this module).
#[allow(dead_code)]
pub(crate) fn iri_like(s: &str) -> bool {
    is_iri_or_blank(s)
}

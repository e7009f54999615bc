//! Create Term Definition (§4.2.2): the driver, as a sequence of named steps, one per entry of
//! the definition. [`iri`] holds the steps that give the term its IRI mapping (`@reverse`, `@id`,
//! a compact IRI or `@vocab`) and IRI expansion against the local context; [`entries`] holds the
//! others (`@protected`, `@type`, `@container`, `@index`, `@context`, `@language`, `@direction`,
//! `@nest`, `@prefix`). The steps run in the order of the specification, which fixes which error
//! a definition with several faults reports.

mod entries;
mod iri;

use std::borrow::Cow;
use std::sync::Arc;

use ler_model::json::{Object, Value};

use super::active::{Builder, FnvMap, ProcessingMode, TermDef};
use super::err;
use super::processing::Contexts;
use crate::expand::error::{ErrorCode, JsonLdError};
use crate::expand::iri::{has_keyword_form, is_absolute};
use crate::expand::value::{Keyword, Str};

/// A local context's members, with an index when it is large: Create Term Definition looks
/// terms up in the local context again and again, and a linear lookup made processing quadratic
/// in the number of terms.
pub(super) struct LocalTerms<'a> {
    map: &'a Object,
    index: Option<FnvMap<&'a str, &'a Value>>,
}

impl<'a> LocalTerms<'a> {
    /// Past this many members, lookups go through an index.
    const INDEX_FROM: usize = 16;

    pub(super) fn new(map: &'a Object) -> Self {
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

/// What every term definition of one local context shares.
#[derive(Clone, Copy)]
pub(super) struct DefOptions<'a> {
    pub(super) local: &'a LocalTerms<'a>,
    pub(super) base_url: Option<&'a str>,
    pub(super) protected: bool,
    pub(super) override_protected: bool,
    pub(super) remote: &'a [String],
    pub(super) validate_scoped: bool,
}

/// What a step of Create Term Definition decided.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Go on with the next step.
    Continue,
    /// The term, or what it maps to, has the form of a keyword: JSON-LD ignores the definition.
    Ignore,
}

impl Contexts {
    /// Create Term Definition (§4.2.2).
    pub(super) fn define(
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
        if check_term(term, raw, mode10)? == Outcome::Ignore {
            defined.remove(term);
            return Ok(());
        }
        let previous = active.terms.remove(term);
        let (value, simple) = normalized(raw)?;
        let value: &Object = &value;
        let mut def = TermDef {
            protected: entries::protected(value, opts.protected, mode10)?,
            ..TermDef::default()
        };
        self.type_mapping(active, &mut def, value, opts, defined, mode10)?;
        if self.reverse(active, &mut def, value, opts, defined)? == Outcome::Ignore
            || self.iri_mapping(active, &mut def, term, value, simple, opts, defined)?
                == Outcome::Ignore
        {
            defined.remove(term);
            return Ok(());
        }
        entries::container(&mut def, value, mode10)?;
        self.index(active, &mut def, value, opts, defined, mode10)?;
        self.scoped_context(active, &mut def, value, opts, mode10)?;
        entries::language(&mut def, value)?;
        entries::direction(&mut def, value)?;
        entries::nest(&mut def, value, mode10)?;
        entries::prefix(&mut def, term, value, mode10)?;
        entries::no_other_entries(value)?;
        self.finish(active, term, def, previous, opts, defined)
    }

    /// Checks the definition against the protected one it replaces, and stores it.
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
        def.type_iri = def
            .type_mapping
            .as_ref()
            .filter(|t| crate::literal::is_literal_datatype(t))
            .map(|t| crate::rdf::Iri::new_unchecked(t.clone()));
        active.terms.insert(Str::from(term), Arc::new(def));
        defined.insert(term.to_owned(), true);
        Ok(())
    }
}

/// The checks on the term itself: `@type` may only be given `@container: @set`
/// (and `@protected`), other keywords cannot be redefined, and a term of keyword form is ignored.
fn check_term(term: &str, raw: &Value, mode10: bool) -> Result<Outcome, JsonLdError> {
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
        return Ok(Outcome::Ignore);
    }
    Ok(Outcome::Continue)
}

/// The definition as a map, and whether it was a simple term definition (a string): `null`
/// and `"iri"` become `{"@id": ...}`.
fn normalized(raw: &Value) -> Result<(Cow<'_, Object>, bool), JsonLdError> {
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
    let value = match value {
        Some(o) => Cow::Borrowed(o),
        None => {
            let mut o = Object::new();
            o.insert("@id", raw.clone());
            Cow::Owned(o)
        }
    };
    Ok((value, simple))
}

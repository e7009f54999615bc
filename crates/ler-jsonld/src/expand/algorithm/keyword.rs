//! The value of a keyword entry of a node or value object (§5.1.2, step 13.4): one function per
//! keyword.

use ler_model::json::Value;

use super::{EntryState, Expander, Path, err, keyword_of};
use crate::expand::context::ProcessingMode;
use crate::expand::error::{ErrorCode, JsonLdError};
use crate::expand::value::{Ev, Key, Keyword, Obj, Str};

impl Expander<'_> {
    /// Expands the entry `key` (which stands for the keyword `kw`) into `result`; a `@nest`
    /// entry is only noted in `nests`, for the caller to expand after the others.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn expand_keyword<'m>(
        &mut self,
        state: &EntryState<'_>,
        kw: Keyword,
        key: &'m str,
        value: &Value,
        child: &Path<'_>,
        result: &mut Obj,
        nests: &mut Vec<&'m str>,
    ) -> Result<(), JsonLdError> {
        let active = state.active;
        let mode10 = active.mode == ProcessingMode::JsonLd10;
        if state.prop == Some("@reverse") {
            return Err(err(
                ErrorCode::InvalidReversePropertyMap,
                "a keyword inside @reverse",
                child,
            ));
        }
        if result.has(kw) && (mode10 || !matches!(kw, Keyword::Included | Keyword::Type)) {
            return Err(err(
                ErrorCode::CollidingKeywords,
                format!("{} given twice", kw.as_str()),
                child,
            ));
        }
        // `None`: nothing (more) to set in `result`.
        let expanded: Option<Ev> = match kw {
            Keyword::Id => Some(self.id(state, value, child)?),
            Keyword::Type => Some(self.types(state, value, child, result)?),
            Keyword::Graph => {
                let e = self.expand(active, Some("@graph"), value, child, false, false)?;
                Some(Ev::Array(e.into_array()))
            }
            Keyword::Included if mode10 => None,
            Keyword::Included => Some(self.included(state, value, child, result)?),
            Keyword::Value => value_entry(state, value, child, result, mode10)?,
            Keyword::Language => Some(language(value, child)?),
            Keyword::Direction if mode10 => None,
            Keyword::Direction => Some(direction(value, child)?),
            Keyword::Index => Some(self.index(value, child)?),
            Keyword::List => self.list(state, value, child)?,
            Keyword::Set => Some(self.expand(active, state.prop, value, child, false, false)?),
            Keyword::Reverse => {
                self.reverse(state, value, child, result)?;
                None
            }
            Keyword::Nest => {
                if !mode10 {
                    nests.push(key);
                }
                None
            }
            _ => {
                self.dropped(
                    &format!("the keyword {} has no meaning here", kw.as_str()),
                    child,
                )?;
                None
            }
        };
        let Some(expanded) = expanded else {
            return Ok(());
        };
        if !(matches!(expanded, Ev::Null) && kw == Keyword::Value && !state.input_is_json) {
            result.set_kw(kw, expanded);
        }
        Ok(())
    }

    /// `@id`: the node's IRI (document-relative), checked.
    fn id(
        &self,
        state: &EntryState<'_>,
        value: &Value,
        child: &Path<'_>,
    ) -> Result<Ev, JsonLdError> {
        let Value::String(s) = value else {
            return Err(err(
                ErrorCode::InvalidIdValue,
                "@id must be a string",
                child,
            ));
        };
        match state.active.expand_iri(s, true, false) {
            Some(iri) => {
                self.check_iri(&iri, s, true, child)?;
                Ok(Ev::String(iri))
            }
            None => {
                self.dropped("an @id in keyword form", child)?;
                Ok(Ev::Null)
            }
        }
    }

    /// `@type`: the types, expanded in the context before any type-scoped one, added to those
    /// of an earlier `@type` alias entry.
    fn types(
        &mut self,
        state: &EntryState<'_>,
        value: &Value,
        child: &Path<'_>,
        result: &mut Obj,
    ) -> Result<Ev, JsonLdError> {
        let items: Vec<&str> = match value {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) if a.iter().all(|v| matches!(v, Value::String(_))) => {
                a.iter().filter_map(Value::as_str).collect()
            }
            _ => {
                return Err(err(
                    ErrorCode::InvalidTypeValue,
                    "@type must be a string or strings",
                    child,
                ));
            }
        };
        let mut types = Vec::with_capacity(items.len());
        for (i, t) in items.iter().enumerate() {
            let at = if matches!(value, Value::Array(_)) {
                child.index(i)
            } else {
                *child
            };
            match state.type_scoped.expand_iri(t, true, true) {
                Some(iri) => {
                    if let Some(guard) = self.guard
                        && !guard.accepts(t, &iri)
                    {
                        return Err(guard.refuse_term(t, &iri, at.render()));
                    }
                    if iri.as_ref() != "@json" {
                        self.check_iri(&iri, t, true, &at)?;
                    }
                    self.note_vocab(state.type_scoped, t, &iri, &at);
                    types.push(Ev::String(iri));
                }
                None => self.dropped("a type in keyword form", &at)?,
            }
        }
        let single = matches!(value, Value::String(_)) && types.len() == 1;
        Ok(match result.remove(&Key::Kw(Keyword::Type)) {
            Some(existing) => {
                let mut all = existing.into_array();
                all.extend(types);
                Ev::Array(all)
            }
            None if single => types.pop().unwrap_or(Ev::Null),
            None => Ev::Array(types),
        })
    }

    /// `@included` (JSON-LD 1.1): node objects only, added to those of an earlier entry.
    fn included(
        &mut self,
        state: &EntryState<'_>,
        value: &Value,
        child: &Path<'_>,
        result: &mut Obj,
    ) -> Result<Ev, JsonLdError> {
        let active = state.active;
        let raw = value.as_array().unwrap_or(std::slice::from_ref(value));
        let nodes_only = raw.iter().all(|item| match item {
            Value::Object(o) => !o.keys().any(|k| {
                matches!(
                    keyword_of(active, k),
                    Some(Keyword::Value | Keyword::List | Keyword::Set)
                )
            }),
            _ => false,
        });
        if !nodes_only {
            return Err(err(
                ErrorCode::InvalidIncludedValue,
                "@included must hold nodes",
                child,
            ));
        }
        let e = self
            .expand(active, None, value, child, false, false)?
            .into_array();
        if !e.iter().all(Ev::is_node_object) {
            return Err(err(
                ErrorCode::InvalidIncludedValue,
                "@included must hold nodes",
                child,
            ));
        }
        Ok(match result.remove(&Key::Kw(Keyword::Included)) {
            Some(existing) => {
                let mut all = existing.into_array();
                all.extend(e);
                Ev::Array(all)
            }
            None => Ev::Array(e),
        })
    }

    /// `@index`: kept, though safe mode refuses it (it has no RDF form, so it would not be
    /// signed).
    fn index(&self, value: &Value, child: &Path<'_>) -> Result<Ev, JsonLdError> {
        match value {
            Value::String(s) => {
                self.dropped("@index has no RDF form, so it would not be signed", child)?;
                Ok(Ev::String(Str::from(s.as_str())))
            }
            _ => Err(err(
                ErrorCode::InvalidIndexValue,
                "@index must be a string",
                child,
            )),
        }
    }

    /// `@list`: the expanded items, or `None` (dropped) for a list outside any property.
    fn list(
        &mut self,
        state: &EntryState<'_>,
        value: &Value,
        child: &Path<'_>,
    ) -> Result<Option<Ev>, JsonLdError> {
        if state.prop.is_none() || state.prop == Some("@graph") {
            self.dropped("a list outside any property (free-floating)", child)?;
            return Ok(None);
        }
        let e = self.expand(state.active, state.prop, value, child, false, true)?;
        let items = match (value, e) {
            // A list directly holding an array is a list of lists.
            (Value::Array(_), e) => e.into_array(),
            (_, e) => e.into_array(),
        };
        Ok(Some(Ev::Array(items)))
    }

    /// `@reverse`: its properties go into the result's `@reverse` map (and a `@reverse` inside
    /// it back into the result itself).
    fn reverse(
        &mut self,
        state: &EntryState<'_>,
        value: &Value,
        child: &Path<'_>,
        result: &mut Obj,
    ) -> Result<(), JsonLdError> {
        if !matches!(value, Value::Object(_)) {
            return Err(err(
                ErrorCode::InvalidReverseValue,
                "@reverse must be an object",
                child,
            ));
        }
        let e = self.expand(state.active, Some("@reverse"), value, child, false, false)?;
        if let Ev::Object(mut eo) = e {
            if let Some(Ev::Object(double)) = eo.remove(&Key::Kw(Keyword::Reverse)) {
                for (p, items) in double.iter() {
                    result.add(p.clone(), items.clone());
                }
            }
            if !eo.is_empty() {
                let mut reverse = match result.remove(&Key::Kw(Keyword::Reverse)) {
                    Some(Ev::Object(o)) => o,
                    _ => Obj::new(),
                };
                for (p, items) in eo.iter() {
                    for item in items.as_slice() {
                        if item.is_value_object() || item.is_list_object() {
                            return Err(err(
                                ErrorCode::InvalidReversePropertyValue,
                                "a reverse property value must be a node",
                                child,
                            ));
                        }
                        reverse.add(p.clone(), Ev::Array(vec![item.clone()]));
                    }
                }
                result.set_kw(Keyword::Reverse, Ev::Object(reverse));
            }
        }
        Ok(())
    }
}

/// `@value`: a scalar, or any JSON under a `@json` type; `None` once a `null` value is set.
fn value_entry(
    state: &EntryState<'_>,
    value: &Value,
    child: &Path<'_>,
    result: &mut Obj,
    mode10: bool,
) -> Result<Option<Ev>, JsonLdError> {
    if state.input_is_json {
        if mode10 {
            return Err(err(
                ErrorCode::InvalidValueObjectValue,
                "@json in json-ld-1.0 mode",
                child,
            ));
        }
        return Ok(Some(Ev::from_json(value)));
    }
    match value {
        Value::Array(_) | Value::Object(_) => Err(err(
            ErrorCode::InvalidValueObjectValue,
            "@value must be a scalar",
            child,
        )),
        Value::Null => {
            result.set_kw(Keyword::Value, Ev::Null);
            Ok(None)
        }
        scalar => Ok(Some(Ev::from_json(scalar))),
    }
}

/// `@language`: a string (checked as a tag later, with the value object).
fn language(value: &Value, child: &Path<'_>) -> Result<Ev, JsonLdError> {
    match value {
        Value::String(s) => Ok(Ev::String(Str::from(s.as_str()))),
        _ => Err(err(
            ErrorCode::InvalidLanguageTaggedString,
            "@language must be a string",
            child,
        )),
    }
}

/// `@direction` (JSON-LD 1.1): `ltr` or `rtl`.
fn direction(value: &Value, child: &Path<'_>) -> Result<Ev, JsonLdError> {
    match value.as_str() {
        Some(s @ ("ltr" | "rtl")) => Ok(Ev::String(Str::from(s))),
        _ => Err(err(
            ErrorCode::InvalidBaseDirection,
            "@direction must be ltr or rtl",
            child,
        )),
    }
}

//! Expanding a JSON object (§5.1.2, steps 7 to 14, and the checks after): the contexts it
//! applies (property-scoped, embedded, type-scoped), its entries, nested properties, and what
//! the result must be (value, list, set or node object).

use std::sync::Arc;

use ler_model::json::{Object, Value, escape_token};

use super::{EntryState, Expander, Path, err, fix_nest_pointer, keyword_of};
use crate::expand::context::{ActiveContext, Apply, LocalKey, ProcessingMode, container};
use crate::expand::error::{ErrorCode, JsonLdError};
use crate::expand::iri::{is_absolute, is_blank};
use crate::expand::value::{Ev, Key, Keyword, Obj, Str};

impl Expander<'_> {
    /// Expands one JSON object: its contexts, its entries, then its nested properties.
    pub(super) fn expand_object(
        &mut self,
        active_in: &Arc<ActiveContext>,
        prop: Option<&str>,
        map: &Object,
        path: &Path<'_>,
        from_map: bool,
    ) -> Result<Ev, JsonLdError> {
        let active = self.object_context(active_in, prop, map, path, from_map)?;
        let type_scoped = active.clone();
        let (active, input_type) = self.type_scoped_context(active, &type_scoped, map, path)?;
        let input_is_json = input_type.as_deref() == Some("@json");

        if self.guard.is_some() && self.depth == 1 {
            self.root_id = map
                .iter()
                .find(|(k, _)| keyword_of(&active, k) == Some(Keyword::Id))
                .and_then(|(_, v)| v.as_str())
                .and_then(|s| active.expand_iri(s, true, false));
        }
        let mut result = Obj::new();
        let mut nests: Vec<&str> = Vec::new();
        let state = EntryState {
            active: &active,
            type_scoped: &type_scoped,
            prop,
            input_is_json,
        };
        self.expand_entries(&state, map, path, &mut result, &mut nests)?;
        if self.guard.is_some()
            && self.depth > 1
            && result.len() > 1
            && let (Some(root), Some(id)) =
                (&self.root_id, result.kw(Keyword::Id).and_then(Ev::as_str))
            && **root == *id
        {
            return Err(crate::expand::guard::refuse_split_root(id, path.render()));
        }
        self.expand_nests(&state, map, &nests, path, &mut result)?;
        self.finish_object(result, prop, path, active.mode)
    }

    /// The context an object's entries expand under, before its types (steps 7 to 9): the
    /// parent's, reverted past a non-propagated context, then the property's scoped context,
    /// then the object's own `@context`.
    fn object_context(
        &self,
        active_in: &Arc<ActiveContext>,
        prop: Option<&str>,
        map: &Object,
        path: &Path<'_>,
        from_map: bool,
    ) -> Result<Arc<ActiveContext>, JsonLdError> {
        let prop_def = prop.and_then(|p| active_in.term(p)).cloned();
        let mut active = active_in.clone();
        // Step 7: a non-propagated (type-scoped) context does not reach into nested nodes.
        if let Some(previous) = &active.previous
            && !from_map
        {
            let keeps = map
                .keys()
                .any(|k| keyword_of(&active, k) == Some(Keyword::Value))
                || (map.len() == 1
                    && map
                        .keys()
                        .next()
                        .is_some_and(|k| keyword_of(&active, k) == Some(Keyword::Id)));
            if !keeps {
                active = previous.clone();
            }
        }
        if let Some(def) = &prop_def
            && def.context.is_some()
        {
            active = self.apply_scoped(&active, def, true, true, path)?;
        }
        if let Some(ctx) = map.get("@context") {
            let text = ctx.to_string().into_boxed_str();
            active = self
                .contexts
                .apply(
                    &active,
                    LocalKey::Text(text),
                    ctx,
                    Apply {
                        base_url: self.document_url.as_ref(),
                        override_protected: false,
                        propagate: true,
                    },
                )
                .map_err(|e| e.at(|| path.key("@context").render()))?;
        }
        Ok(active)
    }

    /// Step 11: the scoped contexts of the object's types (in lexicographic order, looked up in
    /// `type_scoped`, the context before any of them), and the expanded last type of the first
    /// type entry (which says whether the value is `@json`).
    fn type_scoped_context(
        &self,
        mut active: Arc<ActiveContext>,
        type_scoped: &Arc<ActiveContext>,
        map: &Object,
        path: &Path<'_>,
    ) -> Result<(Arc<ActiveContext>, Option<Str>), JsonLdError> {
        let mut type_keys: Vec<&str> = map
            .keys()
            .filter(|k| keyword_of(&active, k) == Some(Keyword::Type))
            .collect();
        type_keys.sort_unstable();
        for key in &type_keys {
            let Some(v) = map.get(key) else { continue };
            let mut terms: Vec<&str> = match v {
                Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                Value::String(s) => vec![s.as_str()],
                _ => Vec::new(),
            };
            terms.sort_unstable();
            for t in terms {
                if let Some(def) = type_scoped.term(t)
                    && def.context.is_some()
                {
                    active = self.apply_scoped(&active, def, false, false, path)?;
                }
            }
        }
        let input_type: Option<Str> = type_keys.first().and_then(|k| {
            let last = match map.get(k)? {
                Value::Array(items) => items.last()?.as_str()?,
                Value::String(s) => s.as_str(),
                _ => return None,
            };
            active.expand_iri(last, false, true)
        });
        Ok((active, input_type))
    }

    /// Step 14: nested properties, iteratively (a nest may hold further nests), into `result`.
    fn expand_nests(
        &mut self,
        state: &EntryState<'_>,
        map: &Object,
        nests: &[&str],
        path: &Path<'_>,
        result: &mut Obj,
    ) -> Result<(), JsonLdError> {
        let active = state.active;
        let mut queue: Vec<(&Value, String, Arc<ActiveContext>)> = Vec::new();
        for key in nests {
            if let Some(v) = map.get(key) {
                let nest_ctx = self.nest_context(active, key, path)?;
                queue.push((v, path.key(key).render(), nest_ctx));
            }
        }
        let mut rounds = 0usize;
        while let Some((nested, at, nest_ctx)) = queue.pop() {
            rounds += 1;
            if rounds > 10_000 {
                return Err(JsonLdError::TooDeep {
                    limit: 10_000,
                    pointer: at,
                });
            }
            for (i, item) in nested
                .as_array()
                .unwrap_or(std::slice::from_ref(nested))
                .iter()
                .enumerate()
            {
                let Value::Object(nmap) = item else {
                    return Err(JsonLdError::Invalid {
                        code: ErrorCode::InvalidNestValue,
                        message: "a nested value must be an object".into(),
                        pointer: at,
                    });
                };
                if nmap
                    .keys()
                    .any(|k| active.expand_iri(k, false, true).as_deref() == Some("@value"))
                {
                    return Err(JsonLdError::Invalid {
                        code: ErrorCode::InvalidNestValue,
                        message: "a nested value cannot be a value object".into(),
                        pointer: at,
                    });
                }
                let base = Path::ROOT;
                // Pointers inside nests are rendered from the nest's own pointer.
                let shown = format!("{at}/{i}");
                let npath = base.key(&shown);
                let mut inner_nests = Vec::new();
                let nest_state = EntryState {
                    active: &nest_ctx,
                    ..*state
                };
                self.expand_entries(&nest_state, nmap, &npath, result, &mut inner_nests)
                    .map_err(|e| fix_nest_pointer(e, &shown))?;
                for key in inner_nests {
                    if let Some(v) = nmap.get(key) {
                        let inner_ctx = self.nest_context(&nest_ctx, key, &npath)?;
                        queue.push((v, format!("{shown}/{}", escape_token(key)), inner_ctx));
                    }
                }
            }
        }
        Ok(())
    }

    /// The context nested properties under `key` expand with: the nest term's own scoped
    /// context, if it has one.
    pub(super) fn nest_context(
        &self,
        active: &Arc<ActiveContext>,
        key: &str,
        path: &Path<'_>,
    ) -> Result<Arc<ActiveContext>, JsonLdError> {
        match active.term(key) {
            Some(def) if def.context.is_some() => self.apply_scoped(active, def, true, true, path),
            _ => Ok(active.clone()),
        }
    }

    pub(super) fn finish_object(
        &mut self,
        mut result: Obj,
        prop: Option<&str>,
        path: &Path<'_>,
        mode: ProcessingMode,
    ) -> Result<Ev, JsonLdError> {
        if let Some(v) = result.kw(Keyword::Value) {
            if !result.only(&[
                Keyword::Direction,
                Keyword::Index,
                Keyword::Language,
                Keyword::Type,
                Keyword::Value,
            ]) {
                return Err(err(
                    ErrorCode::InvalidValueObject,
                    "a value object has extra entries",
                    path,
                ));
            }
            if result.has(Keyword::Type)
                && (result.has(Keyword::Language) || result.has(Keyword::Direction))
            {
                return Err(err(
                    ErrorCode::InvalidValueObject,
                    "a value object with both @type and @language",
                    path,
                ));
            }
            let t = result.kw(Keyword::Type);
            if t.and_then(Ev::as_str) == Some("@json") {
                // JSON literal: any value.
            } else if matches!(v, Ev::Null) {
                return Ok(Ev::Null);
            } else if !matches!(v, Ev::String(_)) && result.has(Keyword::Language) {
                return Err(err(
                    ErrorCode::InvalidLanguageTaggedValue,
                    "@language on a non-string value",
                    path,
                ));
            } else if let Some(t) = t {
                match t {
                    Ev::String(s) if is_absolute(s) && crate::rdf::check_iri(s).is_ok() => {}
                    Ev::String(s) if is_blank(s) => {
                        return Err(err(
                            ErrorCode::InvalidTypedValue,
                            format!("datatype {s:?}"),
                            path,
                        ));
                    }
                    _ => {
                        return Err(err(
                            ErrorCode::InvalidTypedValue,
                            "datatype must be an IRI",
                            path,
                        ));
                    }
                }
            }
            if self.safe {
                self.check_value_object(&result, path)?;
            }
        } else if let Some(t) = result.kw(Keyword::Type) {
            if !matches!(t, Ev::Array(_)) {
                let t = t.clone();
                result.set_kw(Keyword::Type, Ev::Array(vec![t]));
            }
        } else if result.has(Keyword::Set) || result.has(Keyword::List) {
            if result.len() > 1 && !(result.len() == 2 && result.has(Keyword::Index)) {
                return Err(err(
                    ErrorCode::InvalidSetOrListObject,
                    "@set/@list with other entries",
                    path,
                ));
            }
            if let Some(set) = result.remove(&Key::Kw(Keyword::Set)) {
                return Ok(set);
            }
        }
        if result.len() == 1 && result.has(Keyword::Language) {
            self.dropped("an object with only @language", path)?;
            return Ok(Ev::Null);
        }
        if prop.is_none() || prop == Some("@graph") {
            if result.is_empty() {
                return Ok(Ev::Null);
            }
            if result.has(Keyword::Value) || result.has(Keyword::List) {
                self.dropped("a value or list outside any property (free-floating)", path)?;
                return Ok(Ev::Null);
            }
            if result.len() == 1 && result.has(Keyword::Id) {
                return Ok(Ev::Null);
            }
        }
        let _ = mode;
        Ok(Ev::Object(result))
    }

    /// Safe mode: the literal a value object becomes must keep everything it says.
    pub(super) fn check_value_object(&self, v: &Obj, path: &Path<'_>) -> Result<(), JsonLdError> {
        if let Some(Ev::String(lang)) = v.kw(Keyword::Language)
            && !crate::rdf::is_language_tag(lang)
        {
            return Err(JsonLdError::DroppedValue {
                reason: format!("{lang:?} is not a well-formed language tag"),
                pointer: path.render(),
            });
        }
        if v.has(Keyword::Direction) && !self.direction_has_rdf_form {
            return Err(JsonLdError::DroppedValue {
                reason: "@direction has no RDF form without the rdfDirection option".into(),
                pointer: path.render(),
            });
        }
        if let Some(Ev::String(t)) = v.kw(Keyword::Type)
            && &**t != "@json"
            && crate::rdf::check_iri(t).is_err()
        {
            return Err(JsonLdError::RelativeIri {
                iri: t.to_string(),
                pointer: path.render(),
            });
        }
        Ok(())
    }

    pub(super) fn expand_entries<'m>(
        &mut self,
        state: &EntryState<'_>,
        map: &'m Object,
        path: &Path<'_>,
        result: &mut Obj,
        nests: &mut Vec<&'m str>,
    ) -> Result<(), JsonLdError> {
        let active = state.active;
        let mode10 = active.mode == ProcessingMode::JsonLd10;
        if let Some(v) = &active.vocab {
            self.vocab.note_vocab(v);
        }
        for (key, value) in map.iter() {
            if key == "@context" {
                continue;
            }
            let child = path.key(key);
            let Some(ep) = active.expand_iri(key, false, true) else {
                if self.safe {
                    return Err(JsonLdError::UndefinedTerm {
                        term: key.to_owned(),
                        pointer: child.render(),
                    });
                }
                continue;
            };
            let kw = Keyword::parse(&ep);
            self.guard_key(active, key, &ep, kw, value, &child)?;
            if kw.is_none() && !ep.contains(':') {
                if self.safe {
                    return Err(JsonLdError::UndefinedTerm {
                        term: key.to_owned(),
                        pointer: child.render(),
                    });
                }
                continue;
            }
            if let Some(kw) = kw {
                self.expand_keyword(state, kw, key, value, &child, result, nests)?;
                continue;
            }
            if self.safe {
                self.check_iri(&ep, key, false, &child)?;
            }
            self.note_vocab(active, key, &ep, &child);
            let def = active.term(key);
            let flags = def.map_or(0, |d| d.container);
            let mut ev = if def.is_some_and(|d| d.type_mapping.as_deref() == Some("@json")) {
                let mut o = Obj::with(Keyword::Value, Ev::from_json(value));
                o.set_kw(Keyword::Type, Ev::String(Str::from("@json")));
                Ev::Object(o)
            } else if flags & container::LANGUAGE != 0
                && let Value::Object(lmap) = value
            {
                self.expand_language_map(active, def, lmap, &child)?
            } else if flags & (container::INDEX | container::TYPE | container::ID) != 0
                && let Value::Object(imap) = value
            {
                self.expand_index_map(active, key, def, flags, imap, &child)?
            } else {
                self.expand(active, Some(key), value, &child, false, false)?
            };
            if matches!(ev, Ev::Null) {
                continue;
            }
            if flags & container::LIST != 0 && !ev.is_list_object() {
                ev = Ev::Object(Obj::with(Keyword::List, Ev::Array(ev.into_array())));
            }
            if flags & container::GRAPH != 0 && flags & (container::ID | container::INDEX) == 0 {
                ev = Ev::Array(
                    ev.into_array()
                        .into_iter()
                        .map(|item| Ev::Object(Obj::with(Keyword::Graph, Ev::Array(vec![item]))))
                        .collect(),
                );
            }
            if def.is_some_and(|d| d.reverse) {
                let mut reverse = match result.remove(&Key::Kw(Keyword::Reverse)) {
                    Some(Ev::Object(o)) => o,
                    _ => Obj::new(),
                };
                for item in ev.into_array() {
                    if item.is_value_object() || item.is_list_object() {
                        return Err(err(
                            ErrorCode::InvalidReversePropertyValue,
                            "a reverse property value must be a node",
                            &child,
                        ));
                    }
                    reverse.add(Key::Iri(ep.clone()), Ev::Array(vec![item]));
                }
                result.set_kw(Keyword::Reverse, Ev::Object(reverse));
            } else {
                result.add(Key::Iri(ep), ev);
            }
        }
        let _ = mode10;
        Ok(())
    }
}

//! The Expansion Algorithm (JSON-LD 1.1 Processing Algorithms §5.1) and Value Expansion (§5.3),
//! with safe-mode checks where the algorithm would drop data.

use std::sync::Arc;

use ler_model::json::{Object, Value, escape_token};

use super::context::{
    ActiveContext, Apply, Contexts, LocalKey, ProcessingMode, TermDef, container,
};
use super::error::{ErrorCode, JsonLdError};
use super::iri::{is_absolute, is_blank, is_iri_or_blank};
use super::value::{Ev, Key, Keyword, Obj, Str};

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
        let Some(ctx) = &def.context else {
            return Ok(active.clone());
        };
        self.contexts
            .apply(
                active,
                LocalKey::Shared(ctx.clone()),
                ctx,
                Apply {
                    base_url: def.base_url.as_ref(),
                    override_protected,
                    propagate,
                },
            )
            .map_err(|e| e.at(|| path.render()))
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

    fn expand_object(
        &mut self,
        active_in: &Arc<ActiveContext>,
        prop: Option<&str>,
        map: &Object,
        path: &Path<'_>,
        from_map: bool,
    ) -> Result<Ev, JsonLdError> {
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
        let type_scoped = active.clone();
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
            return Err(super::guard::refuse_split_root(id, path.render()));
        }
        // Step 14: nested properties, iteratively (a nest may hold further nests).
        let mut queue: Vec<(&Value, String, Arc<ActiveContext>)> = Vec::new();
        for key in &nests {
            if let Some(v) = map.get(key) {
                let nest_ctx = self.nest_context(&active, key, path)?;
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
                    ..state
                };
                self.expand_entries(&nest_state, nmap, &npath, &mut result, &mut inner_nests)
                    .map_err(|e| fix_nest_pointer(e, &shown))?;
                for key in inner_nests {
                    if let Some(v) = nmap.get(key) {
                        let inner_ctx = self.nest_context(&nest_ctx, key, &npath)?;
                        queue.push((v, format!("{shown}/{}", escape_token(key)), inner_ctx));
                    }
                }
            }
        }
        self.finish_object(result, prop, path, active.mode)
    }

    /// The context nested properties under `key` expand with: the nest term's own scoped
    /// context, if it has one.
    fn nest_context(
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

    fn finish_object(
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
    fn check_value_object(&self, v: &Obj, path: &Path<'_>) -> Result<(), JsonLdError> {
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

    fn expand_entries<'m>(
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

    #[allow(clippy::too_many_arguments)]
    fn expand_keyword<'m>(
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
        let expanded: Ev = match kw {
            Keyword::Id => {
                let Value::String(s) = value else {
                    return Err(err(
                        ErrorCode::InvalidIdValue,
                        "@id must be a string",
                        child,
                    ));
                };
                match active.expand_iri(s, true, false) {
                    Some(iri) => {
                        self.check_iri(&iri, s, true, child)?;
                        Ev::String(iri)
                    }
                    None => {
                        self.dropped("an @id in keyword form", child)?;
                        Ev::Null
                    }
                }
            }
            Keyword::Type => {
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
                match result.remove(&Key::Kw(Keyword::Type)) {
                    Some(existing) => {
                        let mut all = existing.into_array();
                        all.extend(types);
                        Ev::Array(all)
                    }
                    None if single => types.pop().unwrap_or(Ev::Null),
                    None => Ev::Array(types),
                }
            }
            Keyword::Graph => {
                let e = self.expand(active, Some("@graph"), value, child, false, false)?;
                Ev::Array(e.into_array())
            }
            Keyword::Included => {
                if mode10 {
                    return Ok(());
                }
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
                match result.remove(&Key::Kw(Keyword::Included)) {
                    Some(existing) => {
                        let mut all = existing.into_array();
                        all.extend(e);
                        Ev::Array(all)
                    }
                    None => Ev::Array(e),
                }
            }
            Keyword::Value => {
                if state.input_is_json {
                    if mode10 {
                        return Err(err(
                            ErrorCode::InvalidValueObjectValue,
                            "@json in json-ld-1.0 mode",
                            child,
                        ));
                    }
                    Ev::from_json(value)
                } else {
                    match value {
                        Value::Array(_) | Value::Object(_) => {
                            return Err(err(
                                ErrorCode::InvalidValueObjectValue,
                                "@value must be a scalar",
                                child,
                            ));
                        }
                        Value::Null => {
                            result.set_kw(Keyword::Value, Ev::Null);
                            return Ok(());
                        }
                        scalar => Ev::from_json(scalar),
                    }
                }
            }
            Keyword::Language => match value {
                Value::String(s) => Ev::String(Str::from(s.as_str())),
                _ => {
                    return Err(err(
                        ErrorCode::InvalidLanguageTaggedString,
                        "@language must be a string",
                        child,
                    ));
                }
            },
            Keyword::Direction => {
                if mode10 {
                    return Ok(());
                }
                match value.as_str() {
                    Some(s @ ("ltr" | "rtl")) => Ev::String(Str::from(s)),
                    _ => {
                        return Err(err(
                            ErrorCode::InvalidBaseDirection,
                            "@direction must be ltr or rtl",
                            child,
                        ));
                    }
                }
            }
            Keyword::Index => match value {
                Value::String(s) => {
                    self.dropped("@index has no RDF form, so it would not be signed", child)?;
                    Ev::String(Str::from(s.as_str()))
                }
                _ => {
                    return Err(err(
                        ErrorCode::InvalidIndexValue,
                        "@index must be a string",
                        child,
                    ));
                }
            },
            Keyword::List => {
                if state.prop.is_none() || state.prop == Some("@graph") {
                    self.dropped("a list outside any property (free-floating)", child)?;
                    return Ok(());
                }
                let e = self.expand(active, state.prop, value, child, false, true)?;
                let items = match (value, e) {
                    // A list directly holding an array is a list of lists.
                    (Value::Array(_), e) => e.into_array(),
                    (_, e) => e.into_array(),
                };
                Ev::Array(items)
            }
            Keyword::Set => self.expand(active, state.prop, value, child, false, false)?,
            Keyword::Reverse => {
                if !matches!(value, Value::Object(_)) {
                    return Err(err(
                        ErrorCode::InvalidReverseValue,
                        "@reverse must be an object",
                        child,
                    ));
                }
                let e = self.expand(active, Some("@reverse"), value, child, false, false)?;
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
                return Ok(());
            }
            Keyword::Nest => {
                if mode10 {
                    return Ok(());
                }
                nests.push(key);
                return Ok(());
            }
            _ => {
                self.dropped(
                    &format!("the keyword {} has no meaning here", kw.as_str()),
                    child,
                )?;
                return Ok(());
            }
        };
        if !(matches!(expanded, Ev::Null) && kw == Keyword::Value && !state.input_is_json) {
            result.set_kw(kw, expanded);
        }
        Ok(())
    }

    fn expand_language_map(
        &mut self,
        active: &ActiveContext,
        def: Option<&Arc<TermDef>>,
        lmap: &Object,
        path: &Path<'_>,
    ) -> Result<Ev, JsonLdError> {
        let direction = match def.and_then(|d| d.direction) {
            Some(d) => d,
            None => active.direction,
        };
        let mut out = Vec::new();
        let mut entries: Vec<(&str, &Value)> = lmap.iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (lang, lv) in entries {
            let at = path.key(lang);
            for item in lv.as_array().unwrap_or(std::slice::from_ref(lv)) {
                match item {
                    Value::Null => continue,
                    Value::String(s) => {
                        let mut v = Obj::with(Keyword::Value, Ev::String(Str::from(s.as_str())));
                        if lang != "@none"
                            && active.expand_iri(lang, false, true).as_deref() != Some("@none")
                        {
                            v.set_kw(Keyword::Language, Ev::String(Str::from(lang)));
                        }
                        if let Some(d) = direction {
                            v.set_kw(Keyword::Direction, Ev::String(Str::from(d.as_str())));
                        }
                        if self.safe {
                            self.check_value_object(&v, &at)?;
                        }
                        out.push(Ev::Object(v));
                    }
                    _ => {
                        return Err(err(
                            ErrorCode::InvalidLanguageMapValue,
                            "language map values are strings",
                            &at,
                        ));
                    }
                }
            }
        }
        Ok(Ev::Array(out))
    }

    fn expand_index_map(
        &mut self,
        active: &Arc<ActiveContext>,
        key: &str,
        def: Option<&Arc<TermDef>>,
        flags: u8,
        imap: &Object,
        path: &Path<'_>,
    ) -> Result<Ev, JsonLdError> {
        let index_key = def.and_then(|d| d.index.clone());
        let mut out = Vec::new();
        let mut entries: Vec<(&str, &Value)> = imap.iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (index, iv) in entries {
            let at = path.key(index);
            if flags & container::INDEX != 0
                && index_key.as_deref().is_none_or(|k| k == "@index")
                && index != "@none"
            {
                self.dropped(
                    "an index map key has no RDF form, so it would not be signed",
                    &at,
                )?;
            }
            let mut map_ctx = active.clone();
            if flags & container::TYPE != 0 {
                let base = active.previous.clone().unwrap_or_else(|| active.clone());
                if let Some(idef) = base.term(index)
                    && idef.context.is_some()
                {
                    map_ctx = self.apply_scoped(&base, idef, false, true, &at)?;
                }
            }
            let expanded_index = active.expand_iri(index, false, true);
            let is_none = expanded_index.as_deref() == Some("@none");
            let items = self
                .expand(&map_ctx, Some(key), iv, &at, true, false)?
                .into_array();
            for mut item in items {
                if flags & container::GRAPH != 0 && !item.is_graph_object() {
                    item = Ev::Object(Obj::with(Keyword::Graph, Ev::Array(vec![item])));
                }
                if flags & container::INDEX != 0
                    && let Some(ik) = index_key.as_deref().filter(|k| *k != "@index")
                {
                    if is_none {
                        out.push(item);
                        continue;
                    }
                    let re_expanded =
                        self.expand_value(active, Some(ik), &Value::String(index.to_owned()), &at)?;
                    let Some(eik) = active.expand_iri(ik, false, true) else {
                        return Err(err(
                            ErrorCode::InvalidTermDefinition,
                            "index key expands to null",
                            &at,
                        ));
                    };
                    let Ev::Object(o) = &mut item else { continue };
                    if o.has(Keyword::Value) {
                        return Err(err(
                            ErrorCode::InvalidValueObject,
                            "a property-indexed value object",
                            &at,
                        ));
                    }
                    let key = Key::from_expanded(&eik);
                    let mut values = vec![re_expanded];
                    if let Some(existing) = o.remove(&key) {
                        values.extend(existing.into_array());
                    }
                    o.set(key, Ev::Array(values));
                } else if flags & container::INDEX != 0 {
                    if let Ev::Object(o) = &mut item
                        && !o.has(Keyword::Index)
                        && !is_none
                    {
                        o.set_kw(Keyword::Index, Ev::String(Str::from(index)));
                    }
                } else if flags & container::ID != 0 {
                    if let Ev::Object(o) = &mut item
                        && !o.has(Keyword::Id)
                        && !is_none
                    {
                        let id = active
                            .expand_iri(index, true, false)
                            .map_or(Ev::Null, Ev::String);
                        if let Ev::String(s) = &id {
                            self.check_iri(s, index, true, &at)?;
                        }
                        o.set_kw(Keyword::Id, id);
                    }
                } else if flags & container::TYPE != 0
                    && !is_none
                    && let Some(t) = &expanded_index
                    && let Ev::Object(o) = &mut item
                {
                    self.check_iri(t, index, true, &at)?;
                    let mut types = vec![Ev::String(t.clone())];
                    if let Some(existing) = o.remove(&Key::Kw(Keyword::Type)) {
                        types.extend(existing.into_array());
                    }
                    o.set_kw(Keyword::Type, Ev::Array(types));
                }
                out.push(item);
            }
        }
        Ok(Ev::Array(out))
    }

    /// Value Expansion (§5.3).
    pub(crate) fn expand_value(
        &mut self,
        active: &ActiveContext,
        prop: Option<&str>,
        value: &Value,
        path: &Path<'_>,
    ) -> Result<Ev, JsonLdError> {
        let def = prop.and_then(|p| active.term(p));
        let type_mapping = def.and_then(|d| d.type_mapping.as_deref());
        if let Value::String(s) = value {
            let as_id = match type_mapping {
                Some("@id") => Some(active.expand_iri(s, true, false)),
                Some("@vocab") => {
                    let e = active.expand_iri(s, true, true);
                    if let Some(iri) = &e {
                        self.note_vocab(active, s, iri, path);
                    }
                    Some(e)
                }
                _ => None,
            };
            if let Some(id) = as_id {
                return match id {
                    Some(iri) => {
                        self.check_iri(&iri, s, true, path)?;
                        Ok(Ev::Object(Obj::with(Keyword::Id, Ev::String(iri))))
                    }
                    None => {
                        self.dropped("an IRI in keyword form", path)?;
                        Ok(Ev::Object(Obj::with(Keyword::Id, Ev::Null)))
                    }
                };
            }
        }
        let mut result = Obj::with(Keyword::Value, Ev::from_json(value));
        match type_mapping {
            Some("@id" | "@vocab" | "@none") => {}
            Some(t) => result.set_kw(Keyword::Type, Ev::String(Str::from(t))),
            None => {}
        }
        if matches!(type_mapping, None | Some("@id" | "@vocab" | "@none"))
            && matches!(value, Value::String(_))
        {
            let language = match def.and_then(|d| d.language.clone()) {
                Some(l) => l,
                None => active.language.clone(),
            };
            let direction = match def.and_then(|d| d.direction) {
                Some(d) => d,
                None => active.direction,
            };
            if let Some(l) = language {
                result.set_kw(Keyword::Language, Ev::String(l));
            }
            if let Some(d) = direction {
                result.set_kw(Keyword::Direction, Ev::String(Str::from(d.as_str())));
            }
        }
        if self.safe {
            self.check_value_object(&result, path)?;
        }
        Ok(Ev::Object(result))
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

//! Value Expansion (§5.3) and the container maps: language maps, and index, `@id` and `@type`
//! maps.

use std::sync::Arc;

use ler_model::json::{Object, Value};

use super::{Expander, Path, err};
use crate::expand::context::{ActiveContext, TermDef, container};
use crate::expand::error::{ErrorCode, JsonLdError};
use crate::expand::value::{Ev, Key, Keyword, Obj, Str};

impl Expander<'_> {
    pub(super) fn expand_language_map(
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

    pub(super) fn expand_index_map(
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

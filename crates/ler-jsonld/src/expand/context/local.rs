//! The entries of one local context map (§4.1.2): `@version`, `@import`,
//! `@base`, `@vocab`, `@language`, `@direction`, `@propagate`, `@protected`, then a term
//! definition for every other key.

use ler_model::json::{Object, Value};

use super::active::{Builder, Direction, FnvMap, ProcessingMode};
use super::err;
use super::processing::Contexts;
use super::term::{DefOptions, LocalTerms};
use crate::expand::error::{ErrorCode, JsonLdError};
use crate::expand::iri::{is_absolute, is_iri_or_blank, resolve};
use crate::expand::value::Str;

impl Contexts {
    /// Processes one context map into `result`: its keyword entries, then a term definition for
    /// every other key.
    pub(super) fn process_map(
        &self,
        result: &mut Builder,
        map: &Object,
        base_url: Option<&str>,
        remote: &mut [String],
        override_protected: bool,
        validate_scoped: bool,
    ) -> Result<(), JsonLdError> {
        let mode10 = result.mode == ProcessingMode::JsonLd10;
        check_version(map, mode10)?;
        let merged;
        let map = match self.with_import(map, base_url, mode10)? {
            Some(m) => {
                merged = m;
                &merged
            }
            None => map,
        };
        if remote.is_empty() {
            set_base(result, map)?;
        }
        let mut defined: FnvMap<String, bool> = FnvMap::default();
        let protected = protected_flag(map, mode10)?;
        let local = LocalTerms::new(map);
        let opts = DefOptions {
            local: &local,
            base_url,
            protected,
            override_protected,
            remote,
            validate_scoped,
        };
        self.set_vocab(result, map, &opts, &mut defined)?;
        set_language(result, map)?;
        set_direction(result, map, mode10)?;
        check_propagate(map, mode10)?;
        for key in map.keys() {
            if matches!(
                key,
                "@base"
                    | "@direction"
                    | "@import"
                    | "@language"
                    | "@propagate"
                    | "@protected"
                    | "@version"
                    | "@vocab"
            ) {
                continue;
            }
            self.define(result, key, &opts, &mut defined)?;
        }
        Ok(())
    }

    /// `@import`: the imported context with this one's entries over it, or `None` without one.
    fn with_import(
        &self,
        map: &Object,
        base_url: Option<&str>,
        mode10: bool,
    ) -> Result<Option<Object>, JsonLdError> {
        let Some(import) = map.get("@import") else {
            return Ok(None);
        };
        if mode10 {
            return Err(err(
                ErrorCode::InvalidContextEntry,
                "@import in json-ld-1.0 mode",
            ));
        }
        let Value::String(reference) = import else {
            return Err(err(
                ErrorCode::InvalidImportValue,
                "@import must be a string",
            ));
        };
        let url = match base_url {
            Some(b) => resolve(b, reference),
            None => reference.clone(),
        };
        let doc = self.load(&url)?;
        let Some(Value::Object(imported)) = doc.get("@context") else {
            return Err(err(
                ErrorCode::InvalidRemoteContext,
                format!("<{url}> has no @context object"),
            ));
        };
        if imported.contains_key("@import") {
            return Err(err(
                ErrorCode::InvalidContextEntry,
                format!("<{url}> imports again"),
            ));
        }
        let mut m = imported.clone();
        for (k, v) in map.iter() {
            m.insert(k, v.clone());
        }
        Ok(Some(m))
    }

    /// `@vocab`: the vocabulary mapping, expanded against the context being processed.
    fn set_vocab(
        &self,
        result: &mut Builder,
        map: &Object,
        opts: &DefOptions<'_>,
        defined: &mut FnvMap<String, bool>,
    ) -> Result<(), JsonLdError> {
        let Some(vocab) = map.get("@vocab") else {
            return Ok(());
        };
        match vocab {
            Value::Null => result.vocab = None,
            Value::String(s) => {
                let expanded = self.expand_iri_local(result, s, true, true, opts, defined)?;
                match expanded {
                    Some(v) if is_iri_or_blank(&v) || v.is_empty() || !v.starts_with('@') => {
                        result.vocab = Some(v)
                    }
                    _ => {
                        return Err(err(ErrorCode::InvalidVocabMapping, format!("@vocab {s:?}")));
                    }
                }
            }
            _ => {
                return Err(err(
                    ErrorCode::InvalidVocabMapping,
                    "@vocab must be a string or null",
                ));
            }
        }
        Ok(())
    }
}

/// `@version`: only `1.1`, and not in JSON-LD 1.0 mode.
fn check_version(map: &Object, mode10: bool) -> Result<(), JsonLdError> {
    if let Some(v) = map.get("@version") {
        if !matches!(v, Value::Number(n) if n.as_str() == "1.1") {
            return Err(err(ErrorCode::InvalidVersionValue, "@version must be 1.1"));
        }
        if mode10 {
            return Err(err(
                ErrorCode::ProcessingModeConflict,
                "@version 1.1 in json-ld-1.0 mode",
            ));
        }
    }
    Ok(())
}

/// `@base` (of a context that is not remote): `null`, an absolute IRI, or one relative to the
/// current base.
fn set_base(result: &mut Builder, map: &Object) -> Result<(), JsonLdError> {
    let Some(base) = map.get("@base") else {
        return Ok(());
    };
    match base {
        Value::Null => result.base = None,
        Value::String(s) if is_absolute(s) => result.base = Some(Str::from(s.as_str())),
        Value::String(s) => match &result.base {
            Some(b) => result.base = Some(Str::from(resolve(b, s))),
            None => {
                return Err(err(
                    ErrorCode::InvalidBaseIri,
                    format!("relative @base {s:?} without a base"),
                ));
            }
        },
        _ => {
            return Err(err(
                ErrorCode::InvalidBaseIri,
                "@base must be a string or null",
            ));
        }
    }
    Ok(())
}

/// `@protected`: whether the context's term definitions are protected by default.
fn protected_flag(map: &Object, mode10: bool) -> Result<bool, JsonLdError> {
    match map.get("@protected") {
        None => Ok(false),
        Some(Value::Bool(b)) => {
            if mode10 {
                return Err(err(
                    ErrorCode::InvalidContextEntry,
                    "@protected in json-ld-1.0 mode",
                ));
            }
            Ok(*b)
        }
        Some(_) => Err(err(
            ErrorCode::InvalidProtectedValue,
            "@protected must be a boolean",
        )),
    }
}

/// `@language`: the default language, `null` for none.
fn set_language(result: &mut Builder, map: &Object) -> Result<(), JsonLdError> {
    if let Some(language) = map.get("@language") {
        match language {
            Value::Null => result.language = None,
            Value::String(s) => result.language = Some(Str::from(s.as_str())),
            _ => {
                return Err(err(
                    ErrorCode::InvalidDefaultLanguage,
                    "@language must be a string or null",
                ));
            }
        }
    }
    Ok(())
}

/// `@direction`: the default base direction, `null` for none.
fn set_direction(result: &mut Builder, map: &Object, mode10: bool) -> Result<(), JsonLdError> {
    if let Some(direction) = map.get("@direction") {
        if mode10 {
            return Err(err(
                ErrorCode::InvalidContextEntry,
                "@direction in json-ld-1.0 mode",
            ));
        }
        result.direction = match direction {
            Value::Null => None,
            Value::String(s) if s == "ltr" => Some(Direction::Ltr),
            Value::String(s) if s == "rtl" => Some(Direction::Rtl),
            _ => {
                return Err(err(
                    ErrorCode::InvalidBaseDirection,
                    "@direction must be ltr, rtl or null",
                ));
            }
        };
    }
    Ok(())
}

/// `@propagate`: a boolean, not in JSON-LD 1.0 mode (its effect is applied by `process`).
fn check_propagate(map: &Object, mode10: bool) -> Result<(), JsonLdError> {
    if let Some(p) = map.get("@propagate") {
        if mode10 {
            return Err(err(
                ErrorCode::InvalidContextEntry,
                "@propagate in json-ld-1.0 mode",
            ));
        }
        if !matches!(p, Value::Bool(_)) {
            return Err(err(
                ErrorCode::InvalidPropagateValue,
                "@propagate must be a boolean",
            ));
        }
    }
    Ok(())
}

//! The steps of Create Term Definition that give a term its IRI mapping: `@reverse`, `@id`, or
//! else the term as a compact IRI, a relative IRI against `@vocab`, or a term under `@vocab`;
//! and IRI expansion during context processing, which may define terms of the local context
//! first.

use ler_model::json::{Object, Value};

use super::{DefOptions, LocalTerms, Outcome};
use crate::expand::context::active::{Builder, FnvMap, TermDef, colon_after_first, container};
use crate::expand::context::err;
use crate::expand::context::processing::Contexts;
use crate::expand::error::{ErrorCode, JsonLdError};
use crate::expand::iri::{
    ends_with_gen_delim, has_keyword_form, is_absolute, is_blank, is_iri_or_blank, resolve,
};
use crate::expand::value::{Keyword, Str};

impl Contexts {
    /// IRI expansion during context processing: may define terms of the local context first.
    pub(in crate::expand::context) fn expand_iri_local(
        &self,
        active: &mut Builder,
        value: &str,
        document_relative: bool,
        vocab: bool,
        opts: &DefOptions<'_>,
        defined: &mut FnvMap<String, bool>,
    ) -> Result<Option<Str>, JsonLdError> {
        if Keyword::parse(value).is_some() {
            return Ok(Some(Str::from(value)));
        }
        if has_keyword_form(value) {
            return Ok(None);
        }
        if opts.local.contains_key(value) && defined.get(value) != Some(&true) {
            self.define(active, value, opts, defined)?;
        }
        if let Some(def) = active.terms.get(value) {
            if let Some(iri) = &def.iri
                && Keyword::parse(iri).is_some()
            {
                return Ok(Some(iri.clone()));
            }
            if vocab {
                return Ok(def.iri.clone());
            }
        }
        if let Some(colon) = colon_after_first(value) {
            let (prefix, suffix) = (&value[..colon], &value[colon + 1..]);
            if prefix == "_" || suffix.starts_with("//") {
                return Ok(Some(Str::from(value)));
            }
            if opts.local.contains_key(prefix) && defined.get(prefix) != Some(&true) {
                self.define(active, prefix, opts, defined)?;
            }
            if let Some(def) = active.terms.get(prefix)
                && let Some(iri) = &def.iri
                && def.prefix
            {
                return Ok(Some(Str::from(format!("{iri}{suffix}"))));
            }
            if is_absolute(value) {
                return Ok(Some(Str::from(value)));
            }
        }
        if vocab && let Some(v) = &active.vocab {
            return Ok(Some(Str::from(format!("{v}{value}"))));
        }
        if document_relative && let Some(base) = &active.base {
            return Ok(Some(Str::from(resolve(base, value))));
        }
        Ok(Some(Str::from(value)))
    }

    /// `@reverse`: the IRI of a reverse property, and its container (`@set` or
    /// `@index` only).
    pub(super) fn reverse(
        &self,
        active: &mut Builder,
        def: &mut TermDef,
        value: &Object,
        opts: &DefOptions<'_>,
        defined: &mut FnvMap<String, bool>,
    ) -> Result<Outcome, JsonLdError> {
        let Some(reverse) = value.get("@reverse") else {
            return Ok(Outcome::Continue);
        };
        if value.contains_key("@id") || value.contains_key("@nest") {
            return Err(err(
                ErrorCode::InvalidReverseProperty,
                "@reverse with @id or @nest",
            ));
        }
        let Value::String(r) = reverse else {
            return Err(err(
                ErrorCode::InvalidIriMapping,
                "@reverse must be a string",
            ));
        };
        if has_keyword_form(r) {
            return Ok(Outcome::Ignore);
        }
        let iri = self.expand_iri_local(active, r, false, true, opts, defined)?;
        match iri {
            Some(i) if is_iri_or_blank(&i) => def.iri = Some(i),
            _ => return Err(err(ErrorCode::InvalidIriMapping, format!("@reverse {r:?}"))),
        }
        if let Some(c) = value.get("@container") {
            def.container = match c {
                Value::Null => 0,
                Value::String(s) if s == "@set" => container::SET,
                Value::String(s) if s == "@index" => container::INDEX,
                _ => {
                    return Err(err(
                        ErrorCode::InvalidReverseProperty,
                        "reverse container must be @set or @index",
                    ));
                }
            };
        }
        def.reverse = true;
        Ok(Outcome::Continue)
    }

    /// The IRI mapping of a term that is not a reverse property: its `@id`
    /// (unless that is the term itself), or else the term as a compact IRI, as a relative IRI
    /// against `@vocab`, `@type` itself, or the term under `@vocab`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn iri_mapping(
        &self,
        active: &mut Builder,
        def: &mut TermDef,
        term: &str,
        value: &Object,
        simple: bool,
        opts: &DefOptions<'_>,
        defined: &mut FnvMap<String, bool>,
    ) -> Result<Outcome, JsonLdError> {
        if def.reverse {
            // IRI and container were set by `reverse`.
        } else if let Some(id) = value.get("@id").filter(|id| id.as_str() != Some(term)) {
            return self.id(active, def, term, id, simple, opts, defined);
        } else if let Some(colon) = colon_after_first(term) {
            let (prefix, suffix) = (&term[..colon], &term[colon + 1..]);
            if opts.local.contains_key(prefix) {
                self.define(active, prefix, opts, defined)?;
            }
            if let Some(pdef) = active.terms.get(prefix)
                && let Some(piri) = &pdef.iri
            {
                def.iri = Some(Str::from(format!("{piri}{suffix}")));
            } else {
                def.iri = Some(Str::from(term));
            }
        } else if term.contains('/') {
            // Expanded as a relative IRI against @vocab, not through the local context.
            let empty = Object::new();
            let empty = LocalTerms::new(&empty);
            let plain = DefOptions {
                local: &empty,
                ..*opts
            };
            let iri = self.expand_iri_local(active, term, false, true, &plain, defined)?;
            match iri {
                Some(i) if is_absolute(&i) => def.iri = Some(i),
                _ => {
                    return Err(err(
                        ErrorCode::InvalidIriMapping,
                        "relative IRI term without @vocab",
                    ));
                }
            }
        } else if term == "@type" {
            def.iri = Some(Str::from("@type"));
        } else if let Some(v) = &active.vocab {
            def.iri = Some(Str::from(format!("{v}{term}")));
        } else {
            return Err(err(
                ErrorCode::InvalidIriMapping,
                "no @id and no @vocab to map it",
            ));
        }
        Ok(Outcome::Continue)
    }

    /// `@id`: `null`, a keyword alias, or an IRI; a term that looks like an IRI must
    /// map to itself, and a simple term ending in a gen-delim becomes a prefix.
    #[allow(clippy::too_many_arguments)]
    fn id(
        &self,
        active: &mut Builder,
        def: &mut TermDef,
        term: &str,
        id: &Value,
        simple: bool,
        opts: &DefOptions<'_>,
        defined: &mut FnvMap<String, bool>,
    ) -> Result<Outcome, JsonLdError> {
        match id {
            Value::Null => def.iri = None,
            Value::String(s) => {
                if Keyword::parse(s).is_none() && has_keyword_form(s) {
                    return Ok(Outcome::Ignore);
                }
                let iri = self.expand_iri_local(active, s, false, true, opts, defined)?;
                let iri = match iri {
                    Some(i) if Keyword::parse(&i).is_some() || is_iri_or_blank(&i) => i,
                    _ => return Err(err(ErrorCode::InvalidIriMapping, format!("@id {s:?}"))),
                };
                if &*iri == "@context" {
                    return Err(err(
                        ErrorCode::InvalidKeywordAlias,
                        "@context cannot be aliased",
                    ));
                }
                // A `:` neither first nor last (bytes: the term may start with a multi-byte character).
                let inner_colon =
                    term.len() > 2 && term.bytes().skip(1).take(term.len() - 2).any(|b| b == b':');
                if inner_colon || term.contains('/') {
                    defined.insert(term.to_owned(), true);
                    let own = self.expand_iri_local(active, term, false, true, opts, defined)?;
                    if own.as_deref() != Some(&*iri) {
                        return Err(err(
                            ErrorCode::InvalidIriMapping,
                            format!("{term:?} looks like an IRI but maps to {iri}"),
                        ));
                    }
                }
                if !term.contains(':')
                    && !term.contains('/')
                    && simple
                    && (ends_with_gen_delim(&iri) || is_blank(&iri))
                {
                    def.prefix = true;
                }
                def.iri = Some(iri);
            }
            _ => {
                return Err(err(
                    ErrorCode::InvalidIriMapping,
                    "@id must be a string or null",
                ));
            }
        }
        Ok(Outcome::Continue)
    }
}

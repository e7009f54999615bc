//! The entries of a term definition other than its IRI mapping, one function each, in the order
//! Create Term Definition checks them.

use std::sync::Arc;

use ler_model::json::{Object, Value};

use super::DefOptions;
use crate::expand::context::active::{Builder, Direction, FnvMap, TermDef, container};
use crate::expand::context::err;
use crate::expand::context::processing::Contexts;
use crate::expand::error::{ErrorCode, JsonLdError};
use crate::expand::iri::is_absolute;
use crate::expand::value::{Keyword, Str};

/// `@protected`: the definition's own flag, else the context's.
pub(super) fn protected(
    value: &Object,
    context_protected: bool,
    mode10: bool,
) -> Result<bool, JsonLdError> {
    let Some(p) = value.get("@protected") else {
        return Ok(context_protected);
    };
    if mode10 {
        return Err(err(
            ErrorCode::InvalidTermDefinition,
            "@protected in json-ld-1.0 mode",
        ));
    }
    p.as_bool().ok_or_else(|| {
        err(
            ErrorCode::InvalidProtectedValue,
            "@protected must be a boolean",
        )
    })
}

impl Contexts {
    /// `@type`: the type mapping, `@id`, `@vocab`, `@json`, `@none` or an IRI.
    pub(super) fn type_mapping(
        &self,
        active: &mut Builder,
        def: &mut TermDef,
        value: &Object,
        opts: &DefOptions<'_>,
        defined: &mut FnvMap<String, bool>,
        mode10: bool,
    ) -> Result<(), JsonLdError> {
        let Some(t) = value.get("@type") else {
            return Ok(());
        };
        let Value::String(t) = t else {
            return Err(err(ErrorCode::InvalidTypeMapping, "@type must be a string"));
        };
        let expanded = self
            .expand_iri_local(active, t, false, true, opts, defined)?
            .ok_or_else(|| err(ErrorCode::InvalidTypeMapping, format!("@type {t:?}")))?;
        let ok = match &*expanded {
            "@json" | "@none" => !mode10,
            "@id" | "@vocab" => true,
            other => is_absolute(other),
        };
        if !ok {
            return Err(err(ErrorCode::InvalidTypeMapping, format!("@type {t:?}")));
        }
        def.type_mapping = Some(expanded);
        Ok(())
    }

    /// `@index`: the property an `@index` container indexes by.
    pub(super) fn index(
        &self,
        active: &mut Builder,
        def: &mut TermDef,
        value: &Object,
        opts: &DefOptions<'_>,
        defined: &mut FnvMap<String, bool>,
        mode10: bool,
    ) -> Result<(), JsonLdError> {
        let Some(index) = value.get("@index") else {
            return Ok(());
        };
        if mode10 || !def.has(container::INDEX) {
            return Err(err(
                ErrorCode::InvalidTermDefinition,
                "@index needs an @index container",
            ));
        }
        let Value::String(i) = index else {
            return Err(err(
                ErrorCode::InvalidTermDefinition,
                "@index must be a string",
            ));
        };
        let expanded = self.expand_iri_local(active, i, false, true, opts, defined)?;
        if !expanded.is_some_and(|e| is_absolute(&e)) {
            return Err(err(
                ErrorCode::InvalidTermDefinition,
                format!("@index {i:?} is not an IRI"),
            ));
        }
        def.index = Some(Str::from(i.as_str()));
        Ok(())
    }

    /// `@context`: a scoped context, validated here when the options ask for it.
    pub(super) fn scoped_context(
        &self,
        active: &Builder,
        def: &mut TermDef,
        value: &Object,
        opts: &DefOptions<'_>,
        mode10: bool,
    ) -> Result<(), JsonLdError> {
        let Some(ctx) = value.get("@context") else {
            return Ok(());
        };
        if mode10 {
            return Err(err(
                ErrorCode::InvalidTermDefinition,
                "scoped @context in json-ld-1.0 mode",
            ));
        }
        // Validate now, so a broken scoped context fails where it is defined (one level:
        // scoped contexts inside the one being validated are checked when applied).
        if opts.validate_scoped {
            let current = Arc::new(active.clone().build());
            let mut remote = opts.remote.to_vec();
            self.process(&current, ctx, opts.base_url, &mut remote, true, true, false)
                .map_err(|e| match e {
                    JsonLdError::Invalid {
                        code: ErrorCode::LoadingRemoteContextFailed,
                        ..
                    } => e,
                    other => err(ErrorCode::InvalidScopedContext, other.to_string()),
                })?;
        }
        def.context = Some(Arc::new(ctx.clone()));
        def.base_url = opts.base_url.map(Str::from);
        Ok(())
    }
}

/// `@container` (not for a reverse property): the container flags; a `@type`
/// container defaults the type mapping to `@id`.
pub(super) fn container(
    def: &mut TermDef,
    value: &Object,
    mode10: bool,
) -> Result<(), JsonLdError> {
    let Some(c) = value.get("@container").filter(|_| !def.reverse) else {
        return Ok(());
    };
    def.container = parse_container(c, mode10)?;
    if def.has(container::TYPE) {
        match def.type_mapping.as_deref() {
            None => def.type_mapping = Some(Str::from("@id")),
            Some("@id" | "@vocab") => {}
            Some(_) => {
                return Err(err(
                    ErrorCode::InvalidTypeMapping,
                    "a @type container needs @id or @vocab",
                ));
            }
        }
    }
    Ok(())
}

/// `@language` (ignored beside `@type`): the term's language, `null` for none.
pub(super) fn language(def: &mut TermDef, value: &Object) -> Result<(), JsonLdError> {
    if let Some(language) = value.get("@language")
        && !value.contains_key("@type")
    {
        def.language = Some(match language {
            Value::Null => None,
            Value::String(s) => Some(Str::from(s.as_str())),
            _ => {
                return Err(err(
                    ErrorCode::InvalidLanguageMapping,
                    "@language must be a string or null",
                ));
            }
        });
    }
    Ok(())
}

/// `@direction` (ignored beside `@type`): the term's base direction, `null` for none.
pub(super) fn direction(def: &mut TermDef, value: &Object) -> Result<(), JsonLdError> {
    if let Some(direction) = value.get("@direction")
        && !value.contains_key("@type")
    {
        def.direction = Some(match direction {
            Value::Null => None,
            Value::String(s) if s == "ltr" => Some(Direction::Ltr),
            Value::String(s) if s == "rtl" => Some(Direction::Rtl),
            _ => {
                return Err(err(
                    ErrorCode::InvalidBaseDirection,
                    "@direction must be ltr, rtl or null",
                ));
            }
        });
    }
    Ok(())
}

/// `@nest`: the term the property's values are nested under, or `@nest`.
pub(super) fn nest(def: &mut TermDef, value: &Object, mode10: bool) -> Result<(), JsonLdError> {
    let Some(nest) = value.get("@nest") else {
        return Ok(());
    };
    if mode10 {
        return Err(err(
            ErrorCode::InvalidTermDefinition,
            "@nest in json-ld-1.0 mode",
        ));
    }
    match nest {
        Value::String(s) if s == "@nest" || Keyword::parse(s).is_none() => {
            def.nest = Some(Str::from(s.as_str()))
        }
        _ => {
            return Err(err(
                ErrorCode::InvalidNestValue,
                "@nest must be a term or @nest",
            ));
        }
    }
    Ok(())
}

/// `@prefix`: only on a term that is neither a compact nor a relative IRI, and never
/// on a keyword alias.
pub(super) fn prefix(
    def: &mut TermDef,
    term: &str,
    value: &Object,
    mode10: bool,
) -> Result<(), JsonLdError> {
    let Some(prefix) = value.get("@prefix") else {
        return Ok(());
    };
    if mode10 || term.contains(':') || term.contains('/') {
        return Err(err(
            ErrorCode::InvalidTermDefinition,
            "@prefix not allowed here",
        ));
    }
    def.prefix = prefix
        .as_bool()
        .ok_or_else(|| err(ErrorCode::InvalidPrefixValue, "@prefix must be a boolean"))?;
    if def.prefix
        && def
            .iri
            .as_deref()
            .is_some_and(|i| Keyword::parse(i).is_some())
    {
        return Err(err(
            ErrorCode::InvalidTermDefinition,
            "a keyword alias cannot be a prefix",
        ));
    }
    Ok(())
}

/// A term definition has no entries but these.
pub(super) fn no_other_entries(value: &Object) -> Result<(), JsonLdError> {
    if let Some(bad) = value.keys().find(|k| {
        !matches!(
            *k,
            "@id"
                | "@reverse"
                | "@container"
                | "@context"
                | "@direction"
                | "@index"
                | "@language"
                | "@nest"
                | "@prefix"
                | "@protected"
                | "@type"
        )
    }) {
        return Err(err(
            ErrorCode::InvalidTermDefinition,
            format!("unknown entry {bad:?}"),
        ));
    }
    Ok(())
}

/// The flags of a `@container` value: one keyword, or an array of compatible ones.
fn parse_container(c: &Value, mode10: bool) -> Result<u8, JsonLdError> {
    let bad = || {
        err(
            ErrorCode::InvalidContainerMapping,
            format!("@container {c}"),
        )
    };
    let flag = |v: &Value| -> Result<u8, JsonLdError> {
        Ok(match v.as_str().ok_or_else(bad)? {
            "@graph" => container::GRAPH,
            "@id" => container::ID,
            "@index" => container::INDEX,
            "@language" => container::LANGUAGE,
            "@list" => container::LIST,
            "@set" => container::SET,
            "@type" => container::TYPE,
            _ => return Err(bad()),
        })
    };
    let flags = match c {
        Value::Array(items) => {
            if mode10 {
                return Err(bad());
            }
            let mut f = 0;
            for item in items {
                let x = flag(item)?;
                if f & x != 0 {
                    return Err(bad());
                }
                f |= x;
            }
            f
        }
        other => flag(other)?,
    };
    if mode10 && flags & (container::GRAPH | container::ID | container::TYPE) != 0 {
        return Err(bad());
    }
    let rest = flags & !container::SET;
    let ok = if flags & container::LIST != 0 {
        flags == container::LIST
    } else if rest & container::GRAPH != 0 {
        let others = rest & !container::GRAPH;
        others == 0 || others == container::ID || others == container::INDEX
    } else {
        rest.count_ones() <= 1
    };
    if ok { Ok(flags) } else { Err(bad()) }
}

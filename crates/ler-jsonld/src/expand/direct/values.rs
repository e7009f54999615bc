//! Property values on the direct path: nested nodes, scalars, value objects and lists, each
//! becoming an RDF term (`None` hands the document to the full algorithm).

use std::sync::Arc;

use ler_model::json::{Object, Value};

use super::{Direct, Made};
use crate::expand::algorithm::keyword_of;
use crate::expand::context::{ActiveContext, TermDef};
use crate::expand::iri::is_absolute;
use crate::expand::value::{Keyword, Str};
use crate::literal::{
    Lit, is_literal_datatype, literal_datatype, literal_is_made, literal_parts, rdf_iri,
};
use crate::rdf::{NamedOrBlank, Term};

impl Direct<'_> {
    pub(super) fn list<'v>(
        &mut self,
        active: &Arc<ActiveContext>,
        key: &str,
        def: &TermDef,
        items: &'v [Value],
        graph: &Option<NamedOrBlank>,
    ) -> Option<Made<'v>> {
        let mut objects = Vec::with_capacity(items.len());
        for item in items {
            if matches!(item, Value::Array(_)) {
                return None;
            }
            if matches!(item, Value::Null) {
                continue;
            }
            objects.push(self.value(active, key, def, item, graph)?);
        }
        let (first, rest, nil) = (rdf_iri("first"), rdf_iri("rest"), rdf_iri("nil"));
        if objects.is_empty() {
            return Some(Made::Term(Term::Iri(nil)));
        }
        let nodes: Vec<NamedOrBlank> = (0..objects.len()).map(|_| self.fresh()).collect();
        for (i, object) in objects.into_iter().enumerate() {
            if let Some(o) = object {
                self.sink.emit(&nodes[i], first.as_arc(), o, graph);
            }
            let next = match nodes.get(i + 1) {
                Some(n) => n.clone().into(),
                None => Term::Iri(nil.clone()),
            };
            self.sink
                .emit(&nodes[i], rest.as_arc(), Made::Term(next), graph);
        }
        nodes.first().map(|n| Made::Term(n.clone().into()))
    }

    /// One value of property `key`: `Some(None)` when it yields no statement.
    pub(super) fn value<'v>(
        &mut self,
        active: &Arc<ActiveContext>,
        key: &str,
        def: &TermDef,
        item: &'v Value,
        graph: &Option<NamedOrBlank>,
    ) -> Option<Option<Made<'v>>> {
        if self.sink.statements > self.max_statements {
            return None;
        }
        match item {
            Value::Object(o) => {
                let mut is_value = false;
                for k in o.keys() {
                    match keyword_of(active, k) {
                        Some(Keyword::Value) => is_value = true,
                        Some(Keyword::List | Keyword::Set) => return None,
                        _ => {}
                    }
                }
                if is_value {
                    return self.value_object(active, def, o).map(Some);
                }
                let s = self.node(active, Some(def), o, graph)?;
                Some(Some(Made::Term(s.into())))
            }
            Value::Array(_) => None,
            Value::Null => Some(None),
            scalar => {
                if def.context.is_some() {
                    let scoped = self.scoped(active, def, false, true)?;
                    let def = scoped.term(key)?.clone();
                    return self.scalar(&scoped, &def, scalar).map(Some);
                }
                self.scalar(active, def, scalar).map(Some)
            }
        }
    }

    pub(super) fn scalar<'v>(
        &mut self,
        active: &ActiveContext,
        def: &TermDef,
        v: &'v Value,
    ) -> Option<Made<'v>> {
        let tm = def.type_mapping.as_deref();
        if let Value::String(s) = v {
            match tm {
                Some("@id") => {
                    let iri = active.expand_iri(s, true, false)?;
                    return self.id_term(&iri).map(|t| Made::Term(t.into()));
                }
                Some("@vocab") => {
                    if active.maps_through_vocab(s) {
                        return None;
                    }
                    let iri = active.expand_iri(s, true, true)?;
                    return self.id_term(&iri).map(|t| Made::Term(t.into()));
                }
                _ => {}
            }
        }
        // The type mapping as a datatype (checked when the term was defined), or `None` for a
        // plain value; `Some(None)` for a datatype that is not an IRI (no statement, so the full
        // algorithm decides).
        let datatype = match tm {
            None | Some("@id" | "@vocab" | "@none") => None,
            Some(_) => Some(def.type_iri.as_ref()),
        };
        let mut language = None;
        if datatype.is_none() && matches!(v, Value::String(_)) {
            language = match &def.language {
                Some(l) => l.as_deref(),
                None => active.language.as_deref(),
            };
            let direction = match def.direction {
                Some(d) => d,
                None => active.direction,
            };
            if direction.is_some() {
                return None;
            }
        }
        let datatype = match datatype {
            Some(None) => return None,
            Some(Some(iri)) => Some(iri),
            None => None,
        };
        if !self.sink.keeps() {
            // Only the outcome counts: no literal text to build.
            return literal_is_made(v, language).then_some(Made::Counted);
        }
        let lit = match v {
            Value::Bool(b) => Lit::Bool(*b),
            Value::Number(n) => Lit::Number(n),
            Value::String(s) => Lit::Str(s),
            _ => return None,
        };
        literal_parts(lit, datatype.cloned(), language.map(Str::from)).map(Made::Literal)
    }

    pub(super) fn value_object<'v>(
        &mut self,
        active: &Arc<ActiveContext>,
        def: &TermDef,
        o: &'v Object,
    ) -> Option<Made<'v>> {
        let scoped;
        let active = if def.context.is_some() {
            scoped = self.scoped(active, def, true, true)?;
            &scoped
        } else {
            active
        };
        let (mut value, mut datatype, mut language) = (None, None, None);
        for (k, v) in o.iter() {
            match keyword_of(active, k)? {
                Keyword::Value => value = Some(v),
                Keyword::Type => {
                    let t = v.as_str()?;
                    if active.term(t).is_some_and(|d| d.context.is_some())
                        || active.maps_through_vocab(t)
                    {
                        return None;
                    }
                    let iri = active.expand_iri(t, true, true)?;
                    if &*iri == "@json" || !is_absolute(&iri) {
                        return None;
                    }
                    datatype = Some(iri);
                }
                Keyword::Language => language = Some(v.as_str()?),
                _ => return None,
            }
        }
        if datatype.is_some() && language.is_some() {
            return None;
        }
        let value = value?;
        if !self.sink.keeps() {
            // Only the outcome counts: no literal text to build.
            let made = !(matches!(value, Value::Number(_)) && language.is_some())
                && datatype.as_deref().is_none_or(is_literal_datatype)
                && literal_is_made(value, language);
            return made.then_some(Made::Counted);
        }
        let lit = match value {
            Value::Bool(b) => Lit::Bool(*b),
            Value::Number(n) if language.is_none() => Lit::Number(n),
            Value::String(s) => Lit::Str(s),
            _ => return None,
        };
        let datatype = match datatype {
            Some(d) => Some(literal_datatype(&d)?),
            None => None,
        };
        literal_parts(lit, datatype, language.map(Str::from)).map(Made::Literal)
    }
}

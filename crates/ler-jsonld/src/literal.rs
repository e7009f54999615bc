//! RDF literals from JSON-LD values (JSON-LD 1.1 API §8.6, Object to RDF): the helpers both
//! conversions to RDF share, the one from the expanded form (`to_rdf`) and the direct one
//! (`expand::direct`), kept below both so that neither depends on the other.

use ler_model::json::{Value, write_escaped_str};

use crate::expand::value::{Ev, Key, Keyword, Obj, Str};
use crate::rdf::{Iri, Literal, RDF_LANG_STRING, Term, XSD_STRING, check_iri, is_language_tag};

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
const XSD_DOUBLE: &str = "http://www.w3.org/2001/XMLSchema#double";

/// How JSON-LD to RDF represents a value's base direction (`@direction`), the JSON-LD 1.1 API's
/// `rdfDirection` option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RdfDirection {
    /// `i18n-datatype`: a literal typed `https://www.w3.org/ns/i18n#<language>_<direction>`
    /// (the language lowercased, empty when there is none), carrying the language and the
    /// direction in its datatype. What the `eddsa-rdfc-2022` signer and verifier use, as Digital
    /// Bazaar's implementation does, so a direction is signed rather than dropped.
    I18nDatatype,
}

/// The namespace of `i18n-datatype` datatypes.
const I18N: &str = "https://www.w3.org/ns/i18n#";

/// The vocabulary IRIs conversion emits, made once per thread (cloning one is a reference-count
/// increment, which threads working side by side should not share).
struct Vocab {
    rdf_type: Iri,
    first: Iri,
    rest: Iri,
    nil: Iri,
    json: Iri,
    boolean: Iri,
    integer: Iri,
    double: Iri,
}

impl Vocab {
    fn new() -> Self {
        let rdf = |local: &str| Iri::new_unchecked(format!("{RDF}{local}"));
        let xsd = |iri: &str| Iri::new_unchecked(iri);
        Self {
            rdf_type: rdf("type"),
            first: rdf("first"),
            rest: rdf("rest"),
            nil: rdf("nil"),
            json: rdf("JSON"),
            boolean: xsd(XSD_BOOLEAN),
            integer: xsd(XSD_INTEGER),
            double: xsd(XSD_DOUBLE),
        }
    }
}

thread_local! {
    static VOCAB: Vocab = Vocab::new();
}

/// `rdf:<local>` for the names conversion emits (`type`, `first`, `rest`, `nil`, `JSON`).
pub(crate) fn rdf_iri(local: &str) -> Iri {
    VOCAB.with(|v| match local {
        "type" => v.rdf_type.clone(),
        "first" => v.first.clone(),
        "rest" => v.rest.clone(),
        "nil" => v.nil.clone(),
        _ => v.json.clone(),
    })
}

fn xsd(local: &str) -> Iri {
    VOCAB.with(|v| match local {
        "boolean" => v.boolean.clone(),
        "integer" => v.integer.clone(),
        _ => v.double.clone(),
    })
}

/// Object to RDF for a value object.
pub(crate) fn value_object_literal(o: &Obj, rdf_direction: Option<RdfDirection>) -> Option<Term> {
    let value = o.kw(Keyword::Value)?;
    let datatype = o.kw(Keyword::Type).and_then(Ev::as_str);
    let language = match o.kw(Keyword::Language) {
        Some(Ev::String(lang)) => Some(&**lang),
        _ => None,
    };
    if let (Some(RdfDirection::I18nDatatype), Some(Ev::String(direction)), Ev::String(text)) =
        (rdf_direction, o.kw(Keyword::Direction), value)
    {
        let language = language.unwrap_or_default().to_ascii_lowercase();
        let datatype = Iri::new(format!("{I18N}{language}_{direction}")).ok()?;
        return Some(Term::Literal(Literal::typed(text.to_string(), datatype)));
    }
    if datatype == Some("@json") {
        let mut text = String::new();
        jcs(value, &mut text, 0)?;
        return Some(Term::Literal(Literal::typed(text, rdf_iri("JSON"))));
    }
    let value = match value {
        Ev::Bool(b) => Lit::Bool(*b),
        Ev::Number(n) => Lit::Number(n),
        Ev::String(s) => Lit::Str(s),
        _ => return None,
    };
    make_literal(value, datatype, language).map(Term::Literal)
}

/// A scalar to make a literal of.
pub(crate) enum Lit<'a> {
    Bool(bool),
    Number(&'a ler_model::json::Number),
    Str(&'a str),
}

/// A literal's datatype before the literal is built.
pub(crate) enum Datatype {
    /// Given by a term definition or a value object.
    Iri(Iri),
    String,
    LangString,
    Boolean,
    Integer,
    Double,
}

impl Datatype {
    /// The datatype IRI's text.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Datatype::Iri(iri) => iri.as_str(),
            Datatype::String => XSD_STRING,
            Datatype::LangString => RDF_LANG_STRING,
            Datatype::Boolean => XSD_BOOLEAN,
            Datatype::Integer => XSD_INTEGER,
            Datatype::Double => XSD_DOUBLE,
        }
    }

    fn into_iri(self) -> Iri {
        match self {
            Datatype::Iri(iri) => iri,
            Datatype::String => Iri::xsd_string(),
            Datatype::LangString => Iri::rdf_lang_string(),
            Datatype::Boolean => xsd("boolean"),
            Datatype::Integer => xsd("integer"),
            Datatype::Double => xsd("double"),
        }
    }
}

/// The parts of the literal a JSON scalar becomes (§8.6 Object to RDF), before it is built: the
/// direct path writes them straight into canonicalization, and builds a [`Literal`] only for a
/// dataset.
pub(crate) struct LiteralParts<'a> {
    /// The lexical form, borrowed from the document where it is a string.
    pub(crate) lexical: std::borrow::Cow<'a, str>,
    pub(crate) datatype: Datatype,
    /// A well-formed language tag (checked when the parts were made).
    pub(crate) language: Option<Str>,
}

impl LiteralParts<'_> {
    /// The literal these parts make.
    pub(crate) fn into_literal(self) -> Literal {
        Literal::from_checked_parts(
            Str::from(self.lexical.as_ref()),
            self.datatype.into_iri(),
            self.language,
        )
    }
}

/// The literal a JSON scalar becomes (§8.6 Object to RDF); `None` when the datatype is not an
/// IRI or the language tag is not well-formed (the statement is then left out).
pub(crate) fn make_literal(
    value: Lit<'_>,
    datatype: Option<&str>,
    language: Option<&str>,
) -> Option<Literal> {
    let datatype = match datatype {
        Some(d) => Some(literal_datatype(d)?),
        None => None,
    };
    literal_parts(value, datatype, language.map(Str::from)).map(LiteralParts::into_literal)
}

/// Whether `datatype` may be a literal's datatype: a valid absolute IRI with one fragment at
/// most (otherwise the statement is left out).
pub(crate) fn is_literal_datatype(datatype: &str) -> bool {
    datatype.matches('#').count() <= 1 && check_iri(datatype).is_ok()
}

/// `datatype` as a literal's datatype, or `None` when [`is_literal_datatype`] refuses it.
pub(crate) fn literal_datatype(datatype: &str) -> Option<Iri> {
    is_literal_datatype(datatype).then(|| Iri::new_unchecked(datatype))
}

/// [`make_literal`]'s parts, with a datatype already checked by [`is_literal_datatype`].
pub(crate) fn literal_parts(
    value: Lit<'_>,
    datatype: Option<Iri>,
    language: Option<Str>,
) -> Option<LiteralParts<'_>> {
    use std::borrow::Cow;
    if let Some(lang) = &language
        && !is_language_tag(lang)
    {
        return None;
    }
    let is_double = datatype.as_ref().is_some_and(|d| d.as_str() == XSD_DOUBLE);
    let parts = |lexical, default| LiteralParts {
        lexical,
        datatype: datatype.map_or(default, Datatype::Iri),
        language: None,
    };
    Some(match value {
        Lit::Bool(b) => parts(
            Cow::Borrowed(if b { "true" } else { "false" }),
            Datatype::Boolean,
        ),
        Lit::Number(n) => {
            let f = n.as_f64();
            if !f.is_finite() {
                return None;
            }
            if f.fract() != 0.0 || f.abs() >= 1e21 || is_double {
                parts(Cow::Owned(canonical_double(f)), Datatype::Double)
            } else {
                // The value JavaScript reads (what every signer on the JSON-LD reference
                // implementation hashed): `1.0` and `76e18` are integers, and digits past
                // double precision are rounded as `JSON.parse` rounds them.
                parts(Cow::Owned(es_number(f)?), Datatype::Integer)
            }
        }
        Lit::Str(s) => match language {
            Some(lang) => LiteralParts {
                lexical: Cow::Borrowed(s),
                datatype: Datatype::LangString,
                language: Some(lang),
            },
            None => parts(Cow::Borrowed(s), Datatype::String),
        },
    })
}

/// Whether [`make_literal_typed`] makes a literal of this JSON scalar (with a datatype that
/// passed [`is_literal_datatype`], or none): the same outcome without building it, for a run
/// that only checks the document.
pub(crate) fn literal_is_made(value: &Value, language: Option<&str>) -> bool {
    language.is_none_or(is_language_tag)
        && match value {
            Value::Bool(_) | Value::String(_) => true,
            Value::Number(n) => n.as_f64().is_finite(),
            _ => false,
        }
}

/// An `rdf:JSON` literal of a JSON value (RFC 8785 form).
pub(crate) fn json_literal(value: &Value) -> Option<Literal> {
    let mut text = String::new();
    jcs(&Ev::from_json(value), &mut text, 0)?;
    Some(Literal::typed(text, rdf_iri("JSON")))
}

/// The canonical lexical form of `xsd:double` that JSON-LD's conversion to RDF writes for a
/// number (`1.1E0`, `1.0E21`, `-5.0E-7`): sixteen significant digits, so two doubles that differ
/// only in the seventeenth become the same literal.
pub fn canonical_double(f: f64) -> String {
    let s = format!("{f:.15e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let mantissa = match mantissa.split_once('.') {
        Some((int, frac)) => {
            let frac = frac.trim_end_matches('0');
            format!("{int}.{}", if frac.is_empty() { "0" } else { frac })
        }
        None => format!("{mantissa}.0"),
    };
    format!("{mantissa}E{exp}")
}

/// ECMAScript `Number.prototype.toString` (what RFC 8785 uses for numbers).
pub(crate) fn es_number(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    if f == 0.0 {
        return Some("0".to_owned());
    }
    if f < 0.0 {
        return es_number(-f).map(|s| format!("-{s}"));
    }
    let e = format!("{f:e}");
    let (mantissa, exp) = e.split_once('e')?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exp: i32 = exp.parse().ok()?;
    let k = digits.len() as i32;
    let n = exp + 1;
    Some(if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let e = n - 1;
        let sign = if e < 0 { '-' } else { '+' };
        if k == 1 {
            format!("{digits}e{sign}{}", e.abs())
        } else {
            format!("{}.{}e{sign}{}", &digits[..1], &digits[1..], e.abs())
        }
    })
}

/// RFC 8785 (JCS) serialization of a JSON literal.
fn jcs(v: &Ev, out: &mut String, depth: usize) -> Option<()> {
    if depth > 512 {
        return None;
    }
    match v {
        Ev::Null => out.push_str("null"),
        Ev::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Ev::Number(n) => out.push_str(&es_number(n.as_f64())?),
        Ev::String(s) => write_escaped_str(s, out),
        Ev::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                jcs(item, out, depth + 1)?;
            }
            out.push(']');
        }
        Ev::Object(o) => {
            let mut entries: Vec<(&Key, &Ev)> = o.iter().collect();
            entries.sort_by(|a, b| a.0.as_str().encode_utf16().cmp(b.0.as_str().encode_utf16()));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_escaped_str(k.as_str(), out);
                out.push(':');
                jcs(v, out, depth + 1)?;
            }
            out.push('}');
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_are_canonical() {
        assert_eq!(canonical_double(1.1), "1.1E0");
        assert_eq!(canonical_double(1.0), "1.0E0");
        assert_eq!(canonical_double(123.45), "1.2345E2");
        assert_eq!(canonical_double(-0.000005), "-5.0E-6");
        assert_eq!(canonical_double(1e21), "1.0E21");
    }

    #[test]
    fn es_numbers_match_javascript() {
        for (f, s) in [
            (1.0, "1"),
            (0.1, "0.1"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (-12.5, "-12.5"),
            (123456789.125, "123456789.125"),
        ] {
            assert_eq!(es_number(f).as_deref(), Some(s), "{f}");
        }
    }
}

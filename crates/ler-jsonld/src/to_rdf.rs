//! Deserialize JSON-LD to RDF (JSON-LD 1.1 API §8.x), straight from the expanded form.
//!
//! The specification goes through a node map; since an RDF dataset is a set, walking the
//! expanded tree and emitting each statement where it appears gives the same dataset (merged
//! nodes just repeat statements, which canonicalization treats as one) without building the map.

use std::collections::HashMap;
use std::sync::LazyLock;

use ler_model::json::{Value, write_escaped_str};

use crate::expand::value::{Ev, Key, Keyword, Obj, Str};
use crate::expand::{Expanded, JsonLdError, JsonLdProcessor, Options, VocabReport};
use crate::rdf::{BlankNode, Dataset, Iri, Literal, NamedOrBlank, Quad, Term};

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

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

/// The result of converting a document to RDF.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ToRdfOutput {
    /// The RDF dataset (ready for [`canonicalize`](crate::canonicalize)).
    pub dataset: Dataset,
    /// Terms mapped only through a catch-all `@vocab` (empty when none).
    pub vocab: VocabReport,
}

impl JsonLdProcessor {
    /// Expands `document` and converts it to an RDF dataset.
    pub fn to_rdf(
        &self,
        document: &Value,
        options: &Options<'_>,
    ) -> Result<ToRdfOutput, JsonLdError> {
        if let Some((dataset, vocab)) = self.to_rdf_direct(document, options)? {
            return Ok(ToRdfOutput { dataset, vocab });
        }
        let expanded = self.expand(document, options)?;
        Ok(ToRdfOutput {
            dataset: convert(&expanded, &options.limits, options.rdf_direction)?,
            vocab: expanded.vocab,
        })
    }

    /// [`to_rdf`](Self::to_rdf) for what it checks only: the same errors (an undefined term in
    /// safe mode, a refused form, a limit reached) and the same `@vocab` report, without keeping
    /// the dataset. For eddsa-jcs-2022, which signs the JSON but must refuse what the contexts
    /// do not define.
    pub fn check(
        &self,
        document: &Value,
        options: &Options<'_>,
    ) -> Result<VocabReport, JsonLdError> {
        if let Some((_, vocab)) = self.check_direct(document, options)? {
            return Ok(vocab);
        }
        let expanded = self.expand(document, options)?;
        convert(&expanded, &options.limits, options.rdf_direction)?;
        Ok(expanded.vocab)
    }
}

/// Expands `document` and converts it to RDF with the shared processor over the pinned
/// contexts ([`JsonLdProcessor::shared`]).
///
/// ```
/// use ler_jsonld::{Options, canonicalize, to_rdf};
/// use ler_model::json;
///
/// let doc = json::parse(br#"{
///     "@context": ["https://www.w3.org/ns/credentials/v2"],
///     "type": ["VerifiableCredential"],
///     "issuer": "did:example:issuer",
///     "credentialSubject": {"id": "did:example:alice"}
/// }"#)?;
/// let out = to_rdf(&doc, &Options::safe())?;
/// assert_eq!(out.dataset.len(), 3);
/// assert!(out.vocab.is_empty());
/// let canonical = canonicalize(&out.dataset)?;
/// assert!(canonical.nquads().contains("<https://www.w3.org/2018/credentials#issuer> <did:example:issuer>"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_rdf(document: &Value, options: &Options<'_>) -> Result<ToRdfOutput, JsonLdError> {
    JsonLdProcessor::shared().to_rdf(document, options)
}

/// Converts an expanded document to RDF (no generalized RDF: statements with a blank-node
/// predicate, or with an IRI that is not absolute, are left out, as the API specifies).
///
/// No limit applies here (the caller holds the expanded form already); [`to_rdf`] applies
/// [`Limits::max_blank_nodes`](crate::Limits) and [`Limits::max_statements`](crate::Limits).
pub fn expanded_to_rdf(expanded: &Expanded) -> Dataset {
    expanded_to_rdf_with(expanded, None)
}

/// [`expanded_to_rdf`] with the `rdfDirection` option: without it a value's `@direction` is
/// left out of its literal, as the API specifies.
pub fn expanded_to_rdf_with(expanded: &Expanded, rdf_direction: Option<RdfDirection>) -> Dataset {
    let mut c = Converter::new(usize::MAX, usize::MAX, rdf_direction);
    c.items(expanded);
    c.dataset
}

/// [`expanded_to_rdf`], stopping with an error past the blank-node or statement limit.
fn convert(
    expanded: &Expanded,
    limits: &crate::Limits,
    rdf_direction: Option<RdfDirection>,
) -> Result<Dataset, JsonLdError> {
    let mut c = Converter::new(limits.max_blank_nodes, limits.max_statements, rdf_direction);
    c.items(expanded);
    if c.next > limits.max_blank_nodes {
        return Err(JsonLdError::TooManyBlankNodes {
            limit: limits.max_blank_nodes,
            pointer: String::new(),
        });
    }
    if c.dataset.len() > limits.max_statements {
        return Err(JsonLdError::TooManyStatements {
            limit: limits.max_statements,
            pointer: String::new(),
        });
    }
    Ok(c.dataset)
}

struct Converter {
    dataset: Dataset,
    labels: HashMap<Str, BlankNode>,
    next: usize,
    iris: HashMap<Str, Option<Iri>>,
    /// Past this many blank nodes or statements, conversion stops (the caller reports it).
    max_blank_nodes: usize,
    max_statements: usize,
    rdf_direction: Option<RdfDirection>,
}

/// The vocabulary IRIs conversion emits, made once and shared (cloning one is a reference-count
/// increment).
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

static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    let rdf = |local: &str| Iri::new_unchecked(format!("{RDF}{local}"));
    let xsd = |local: &str| Iri::new_unchecked(format!("{XSD}{local}"));
    Vocab {
        rdf_type: rdf("type"),
        first: rdf("first"),
        rest: rdf("rest"),
        nil: rdf("nil"),
        json: rdf("JSON"),
        boolean: xsd("boolean"),
        integer: xsd("integer"),
        double: xsd("double"),
    }
});

fn rdf(local: &str) -> Iri {
    let v = &*VOCAB;
    match local {
        "type" => v.rdf_type.clone(),
        "first" => v.first.clone(),
        "rest" => v.rest.clone(),
        "nil" => v.nil.clone(),
        _ => v.json.clone(),
    }
}

fn xsd(local: &str) -> Iri {
    let v = &*VOCAB;
    match local {
        "boolean" => v.boolean.clone(),
        "integer" => v.integer.clone(),
        _ => v.double.clone(),
    }
}

impl Converter {
    fn new(
        max_blank_nodes: usize,
        max_statements: usize,
        rdf_direction: Option<RdfDirection>,
    ) -> Self {
        Self {
            dataset: Dataset::default(),
            labels: HashMap::new(),
            next: 0,
            iris: HashMap::new(),
            max_blank_nodes,
            max_statements,
            rdf_direction,
        }
    }

    fn over_limit(&self) -> bool {
        self.next > self.max_blank_nodes || self.dataset.len() > self.max_statements
    }

    fn items(&mut self, expanded: &Expanded) {
        for item in &expanded.items {
            if self.over_limit() {
                return;
            }
            if let Ev::Object(o) = item
                && item.is_node_object()
            {
                self.node(o, None);
            }
        }
    }

    fn fresh(&mut self) -> BlankNode {
        let b = numbered_blank(self.next);
        self.next += 1;
        b
    }

    fn iri(&mut self, s: &Str) -> Option<Iri> {
        if let Some(i) = self.iris.get(s) {
            return i.clone();
        }
        // One fragment at most: `a#b#c` is not an IRI (RFC 3987), though N-Quads would take it.
        let i = if s.matches('#').count() > 1 {
            None
        } else {
            Iri::new(s.clone()).ok()
        };
        self.iris.insert(s.clone(), i.clone());
        i
    }

    /// An IRI or blank node from an expanded identifier; `None` when it is neither (relative).
    fn resource(&mut self, s: &Str) -> Option<NamedOrBlank> {
        if s.starts_with("_:") {
            if let Some(b) = self.labels.get(s) {
                return Some(NamedOrBlank::Blank(b.clone()));
            }
            let b = self.fresh();
            self.labels.insert(s.clone(), b.clone());
            return Some(NamedOrBlank::Blank(b));
        }
        self.iri(s).map(NamedOrBlank::Iri)
    }

    fn push(&mut self, s: &Option<NamedOrBlank>, p: &Iri, o: Term, g: &Option<NamedOrBlank>) {
        if let Some(s) = s {
            self.dataset.push(Quad {
                subject: s.clone(),
                predicate: p.clone(),
                object: o,
                graph: g.clone(),
            });
        }
    }

    /// Emits a node's statements; returns its identifier.
    fn node(&mut self, o: &Obj, graph: Option<&NamedOrBlank>) -> Option<NamedOrBlank> {
        if self.over_limit() {
            return None;
        }
        let graph: Option<NamedOrBlank> = graph.cloned();
        let subject = match o.kw(Keyword::Id) {
            Some(Ev::String(id)) => self.resource(id),
            // An @id that expanded to null (keyword form): the node cannot be named.
            Some(_) => None,
            None => Some(NamedOrBlank::Blank(self.fresh())),
        };
        for (k, v) in o.iter() {
            match k {
                Key::Kw(Keyword::Type) => {
                    let p = rdf("type");
                    for t in v.as_slice() {
                        if let Ev::String(t) = t
                            && let Some(t) = self.resource(t)
                        {
                            self.push(&subject, &p, t.into(), &graph);
                        }
                    }
                }
                Key::Kw(Keyword::Reverse) => {
                    let Ev::Object(rev) = v else { continue };
                    for (rp, items) in rev.iter() {
                        let Key::Iri(rp) = rp else { continue };
                        let pred = if rp.starts_with("_:") {
                            None
                        } else {
                            self.iri(rp)
                        };
                        for item in items.as_slice() {
                            if let Ev::Object(io) = item {
                                let s = self.node(io, graph.as_ref());
                                if let (Some(pred), Some(obj)) = (&pred, &subject) {
                                    self.push(&s, pred, obj.clone().into(), &graph);
                                }
                            }
                        }
                    }
                }
                Key::Kw(Keyword::Graph) => {
                    let mark = self.dataset.len();
                    let name = subject.clone();
                    for item in v.as_slice() {
                        if let Ev::Object(io) = item
                            && item.is_node_object()
                        {
                            self.node(io, name.as_ref());
                        }
                    }
                    if name.is_none() {
                        // A graph whose name is not an IRI: its statements are not emitted.
                        let mut kept: Vec<Quad> = self.dataset.quads()[..mark].to_vec();
                        kept.shrink_to_fit();
                        self.dataset = kept.into_iter().collect();
                    }
                }
                Key::Kw(Keyword::Included) => {
                    for item in v.as_slice() {
                        if let Ev::Object(io) = item {
                            self.node(io, graph.as_ref());
                        }
                    }
                }
                Key::Kw(_) => {}
                Key::Iri(p) => {
                    if p.starts_with("_:") {
                        // Generalized RDF only: drop, but still emit nested nodes.
                        for item in v.as_slice() {
                            self.object(item, &graph);
                        }
                        continue;
                    }
                    let pred = self.iri(p);
                    for item in v.as_slice() {
                        if let Some(obj) = self.object(item, &graph)
                            && let Some(pred) = &pred
                        {
                            self.push(&subject, pred, obj, &graph);
                        }
                    }
                }
            }
        }
        subject
    }

    fn object(&mut self, item: &Ev, graph: &Option<NamedOrBlank>) -> Option<Term> {
        let Ev::Object(o) = item else { return None };
        if o.has(Keyword::Value) {
            return literal(o, self.rdf_direction);
        }
        if let Some(list) = o.kw(Keyword::List) {
            return self.list(list.as_slice(), graph);
        }
        self.node(o, graph.as_ref()).map(Term::from)
    }

    fn list(&mut self, items: &[Ev], graph: &Option<NamedOrBlank>) -> Option<Term> {
        if items.is_empty() {
            return Some(Term::Iri(rdf("nil")));
        }
        let first = rdf("first");
        let rest = rdf("rest");
        let nodes: Vec<BlankNode> = (0..items.len()).map(|_| self.fresh()).collect();
        for (i, item) in items.iter().enumerate() {
            let s = Some(NamedOrBlank::Blank(nodes[i].clone()));
            if let Some(o) = self.object(item, graph) {
                self.push(&s, &first, o, graph);
            }
            let next = match nodes.get(i + 1) {
                Some(b) => Term::Blank(b.clone()),
                None => Term::Iri(rdf("nil")),
            };
            self.push(&s, &rest, next, graph);
        }
        nodes.first().map(|b| Term::Blank(b.clone()))
    }
}

/// Object to RDF for a value object.
fn literal(o: &Obj, rdf_direction: Option<RdfDirection>) -> Option<Term> {
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
        return Some(Term::Literal(Literal::typed(text, rdf("JSON"))));
    }
    let value = match value {
        Ev::Bool(b) => Lit::Bool(*b),
        Ev::Number(n) => Lit::Number(n),
        Ev::String(s) => Lit::Str(s.clone()),
        _ => return None,
    };
    make_literal(value, datatype, language).map(Term::Literal)
}

/// A scalar to make a literal of.
pub(crate) enum Lit<'a> {
    Bool(bool),
    Number(&'a ler_model::json::Number),
    Str(Str),
}

/// The literal a JSON scalar becomes (§8.6 Object to RDF); `None` when the datatype is not an
/// IRI or the language tag is not well-formed (the statement is then left out).
pub(crate) fn make_literal(
    value: Lit<'_>,
    datatype: Option<&str>,
    language: Option<&str>,
) -> Option<Literal> {
    if let Some(lang) = language
        && !crate::rdf::is_language_tag(lang)
    {
        return None;
    }
    let datatype = match datatype {
        Some(d) if d.matches('#').count() <= 1 => Some(Iri::new(d).ok()?),
        Some(_) => return None,
        None => None,
    };
    Some(match value {
        Lit::Bool(b) => Literal::typed(
            if b { "true" } else { "false" },
            datatype.unwrap_or_else(|| xsd("boolean")),
        ),
        Lit::Number(n) => {
            let f = n.as_f64();
            if !f.is_finite() {
                return None;
            }
            let is_double = datatype
                .as_ref()
                .is_some_and(|d| d.as_str() == "http://www.w3.org/2001/XMLSchema#double");
            if f.fract() != 0.0 || f.abs() >= 1e21 || is_double {
                Literal::typed(
                    canonical_double(f),
                    datatype.unwrap_or_else(|| xsd("double")),
                )
            } else {
                // The value JavaScript reads (what every signer on the JSON-LD reference
                // implementation hashed): `1.0` and `76e18` are integers, and digits past
                // double precision are rounded as `JSON.parse` rounds them.
                let text = es_number(f)?;
                Literal::typed(text, datatype.unwrap_or_else(|| xsd("integer")))
            }
        }
        Lit::Str(s) => match language {
            Some(lang) => Literal::lang_string(s, lang).ok()?,
            None => match datatype {
                Some(d) => Literal::typed(s, d),
                None => Literal::string(s),
            },
        },
    })
}

/// An `rdf:JSON` literal of a JSON value (RFC 8785 form).
pub(crate) fn json_literal(value: &Value) -> Option<Literal> {
    let mut text = String::new();
    jcs(&Ev::from_json(value), &mut text, 0)?;
    Some(Literal::typed(text, rdf("JSON")))
}

/// The first blank node labels, made once: most documents need fewer than this many.
static BLANK_LABELS: LazyLock<Vec<BlankNode>> =
    LazyLock::new(|| (0..256).map(BlankNode::numbered).collect());

/// `_:b<index>`, shared when it is one of the first 256.
pub(crate) fn numbered_blank(index: usize) -> BlankNode {
    match BLANK_LABELS.get(index) {
        Some(b) => b.clone(),
        None => BlankNode::numbered(index),
    }
}

/// Shared vocabulary IRIs for the direct path.
pub(crate) fn rdf_iri(local: &str) -> Iri {
    rdf(local)
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

//! Every property a builder writes is a term some context in the document defines, so signing
//! with eddsa-rdfc-2022 (JSON-LD to RDF) drops nothing; and the project context is well-formed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use common::{eu_builder_full, us_builder};
use ler_microcredential::{Issuer, MicroCredentialStack};
use ler_model::json::{self, Object, Value};

#[test]
fn the_micro_credential_context_is_protected_json_ld_1_1_without_vocab() {
    let doc = json::parse(context_document()).unwrap();
    let ctx = doc.get("@context").and_then(Value::as_object).unwrap();
    assert_eq!(ctx.get("@protected"), Some(&Value::Bool(true)));
    assert_eq!(
        ctx.get("@version")
            .and_then(Value::as_number)
            .map(|n| n.as_str()),
        Some("1.1")
    );
    assert!(!ctx.contains_key("@vocab"), "no catch-all @vocab");
    for (term, def) in ctx
        .iter()
        .filter(|(k, _)| !k.starts_with('@') && *k != "id" && *k != "type")
    {
        let iri = match def {
            Value::String(s) => s.as_str(),
            Value::Object(o) => o.get("@id").and_then(Value::as_str).unwrap(),
            other => panic!("{term}: {other:?}"),
        };
        assert!(
            iri.starts_with("http://data.europa.eu/snb/model/elm/")
                || iri.starts_with("https://w3id.org/ler/vocab#"),
            "{term} maps to {iri}: ELM or the ler vocabulary only"
        );
        if iri.starts_with("https://w3id.org/ler/vocab#") {
            assert_eq!(
                iri.rsplit('#').next(),
                Some(term),
                "{term}: a project term's IRI ends with its name"
            );
        }
    }
}

/// Term definitions from a set of contexts: the top-level terms, and the scoped contexts of
/// types and properties.
#[derive(Default)]
struct Terms {
    top: BTreeSet<String>,
    scoped: HashMap<String, BTreeSet<String>>,
}

impl Terms {
    fn add(&mut self, context: &Object) {
        for (term, def) in context.iter().filter(|(k, _)| !k.starts_with('@')) {
            self.top.insert(term.to_owned());
            if let Some(inner) = def.get("@context").and_then(Value::as_object) {
                let set = self.scoped.entry(term.to_owned()).or_default();
                for (k, _) in inner.iter().filter(|(k, _)| !k.starts_with('@')) {
                    set.insert(k.to_owned());
                }
            }
        }
    }

    /// Walks `node`, checking every key against what is in scope there.
    fn check(
        &self,
        node: &Value,
        inherited: &BTreeSet<String>,
        at: &str,
        undefined: &mut Vec<String>,
    ) {
        match node {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.check(item, inherited, &format!("{at}/{i}"), undefined);
                }
            }
            Value::Object(o) => {
                let mut here = inherited.clone();
                let types: Vec<&str> = match o.get("type") {
                    Some(Value::String(s)) => vec![s.as_str()],
                    Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                for t in types {
                    here.extend(self.scoped.get(t).into_iter().flatten().cloned());
                }
                for (key, value) in o.iter() {
                    if key == "@context" {
                        continue;
                    }
                    if !key.starts_with('@') && !here.contains(key) {
                        undefined.push(format!("{at}/{key}"));
                    }
                    // Type-scoped terms do not propagate; property-scoped ones do.
                    let mut below = inherited.clone();
                    below.extend(self.scoped.get(key).into_iter().flatten().cloned());
                    if key != "type" {
                        self.check(value, &below, &format!("{at}/{key}"), undefined);
                    }
                }
            }
            _ => {}
        }
    }
}

fn load_terms() -> Option<Terms> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ler-jsonld/contexts");
    let mut terms = Terms::default();
    for file in [
        "credentials-v2.jsonld",
        "ob-v3p0-context-3.0.3.json",
        "clr-v2p0-context-2.0.1.json",
    ] {
        let Ok(bytes) = std::fs::read(dir.join(file)) else {
            eprintln!("skipped: {} is absent", dir.join(file).display());
            return None;
        };
        let doc = json::parse(&bytes).unwrap();
        terms.add(doc.get("@context").and_then(Value::as_object).unwrap());
    }
    let ours = json::parse(context_document()).unwrap();
    terms.add(ours.get("@context").and_then(Value::as_object).unwrap());
    Some(terms)
}

#[test]
fn every_property_written_by_the_builders_is_a_defined_term() {
    let Some(terms) = load_terms() else { return };
    let us = us_builder()
        .credits(1.0)
        .valid_until("2030-01-01T00:00:00Z")
        .build()
        .unwrap();
    let eu = eu_builder_full().build().unwrap();
    let clr = MicroCredentialStack::builder()
        .id("urn:uuid:1")
        .issuer(Issuer::new("did:example:college", "College").country("Ireland"))
        .learner("did:example:learner")
        .valid_from("2026-06-01T00:00:00Z")
        .name("Pathway")
        .credential(us.clone())
        .credential(eu.clone())
        .build()
        .unwrap();
    for doc in [&us, &eu, &clr] {
        let mut undefined = Vec::new();
        terms.check(doc, &terms.top, "", &mut undefined);
        assert!(undefined.is_empty(), "undefined terms: {undefined:?}");
    }
    // The checker can fail: a stray property is caught.
    let mut stray = us;
    stray.as_object_mut().unwrap().insert("learningHourz", 3u8);
    let mut undefined = Vec::new();
    terms.check(&stray, &terms.top, "", &mut undefined);
    assert_eq!(undefined, ["/learningHourz"]);
}

/// The micro-credential context document as pinned in ler-jsonld's registry.
fn context_document() -> &'static [u8] {
    ler_jsonld::ContextRegistry::shared()
        .context(ler_model::context::MICROCREDENTIAL_V1)
        .expect("the micro-credential context is pinned")
        .resource()
        .bytes()
}

/// The real check behind the name-scoping one above: JSON-LD safe-mode expansion (what
/// eddsa-rdfc-2022 signing runs) accepts every builder's output, with the context pinned in
/// ler-jsonld, and refuses the same document with one undefined term.
#[test]
fn builders_output_expands_in_safe_mode_without_undefined_terms() {
    let options = ler_jsonld::Options::safe();
    let us = us_builder().credits(1.0).build().unwrap();
    let eu = eu_builder_full().build().unwrap();
    let clr = MicroCredentialStack::builder()
        .id("urn:uuid:1")
        .issuer(Issuer::new("did:example:college", "College").country("Ireland"))
        .learner("did:example:learner")
        .valid_from("2026-06-01T00:00:00Z")
        .name("Pathway")
        .credential(us.clone())
        .credential(eu.clone())
        .build()
        .unwrap();
    for (name, doc) in [("us", &us), ("eu", &eu), ("clr", &clr)] {
        let out = ler_jsonld::to_rdf(doc, &options)
            .unwrap_or_else(|e| panic!("{name}: safe-mode expansion failed: {e}"));
        assert!(!out.dataset.is_empty(), "{name}: no quads");
    }
    let mut stray = us;
    stray.as_object_mut().unwrap().insert("learningHourz", 3u8);
    assert!(
        ler_jsonld::to_rdf(&stray, &options).is_err(),
        "an undefined term must fail"
    );
}

//! `@direction` in JSON-LD to RDF: refused in safe mode without `rdfDirection` (it would be
//! dropped), an `i18n-datatype` literal with it (JSON-LD 1.1 API §8.6, tests tdi09/tdi10).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ler_jsonld::{Options, RdfDirection, canonicalize, to_rdf};
use ler_model::json;

fn nquads(text: &str, options: &Options<'_>) -> Result<String, String> {
    let doc = json::parse(text.as_bytes()).unwrap();
    to_rdf(&doc, options)
        .map(|out| canonicalize(&out.dataset).unwrap().into_nquads())
        .map_err(|e| e.to_string())
}

#[test]
fn direction_is_refused_without_rdf_direction_and_typed_with_i18n_datatype() {
    let explicit = r#"{
        "@context": {"label": "http://example.org/label"},
        "@id": "http://example.org/a",
        "label": {"@value": "مرحبا", "@language": "AR-eg", "@direction": "rtl"}
    }"#;
    let error = nquads(explicit, &Options::safe()).unwrap_err();
    assert!(error.contains("@direction"), "{error}");
    let i18n = Options::safe().with_rdf_direction(RdfDirection::I18nDatatype);
    assert_eq!(
        nquads(explicit, &i18n).unwrap(),
        "<http://example.org/a> <http://example.org/label> \"مرحبا\"^^<https://www.w3.org/ns/i18n#ar-eg_rtl> .\n"
    );
    // A direction from the context (term or default), no language: `_ltr`.
    let from_context = r#"{
        "@context": {"@direction": "ltr", "label": "http://example.org/label"},
        "@id": "http://example.org/a",
        "label": "hello"
    }"#;
    assert_eq!(
        nquads(from_context, &i18n).unwrap(),
        "<http://example.org/a> <http://example.org/label> \"hello\"^^<https://www.w3.org/ns/i18n#_ltr> .\n"
    );
    // Values without a direction are unchanged by the option.
    let plain = r#"{
        "@context": {"label": "http://example.org/label"},
        "@id": "http://example.org/a",
        "label": {"@value": "hello", "@language": "en"}
    }"#;
    assert_eq!(nquads(plain, &i18n), nquads(plain, &Options::safe()));
}

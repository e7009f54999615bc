//! The crate's own cases: safe mode, the `@vocab` report, caching, bad input. They need no
//! files outside the crate.

use std::collections::HashMap;
use std::sync::Arc;

use ler_model::json::{self, ParseOptions, Value};

use super::{ContextLoader, ErrorCode, JsonLdError, JsonLdProcessor, Options};

const VC2: &str = "https://www.w3.org/ns/credentials/v2";

fn doc(text: &str) -> Value {
    json::parse(text.as_bytes()).unwrap()
}

fn safe_err(text: &str) -> JsonLdError {
    crate::to_rdf(&doc(text), &Options::safe()).unwrap_err()
}

#[test]
fn undefined_property_is_an_error_naming_term_and_pointer() {
    let err = safe_err(&format!(
        r#"{{"@context": "{VC2}", "type": "VerifiableCredential",
            "credentialSubject": {{"id": "did:example:a", "nickname": "Al"}}}}"#
    ));
    assert_eq!(
        err,
        JsonLdError::UndefinedTerm {
            term: "nickname".into(),
            pointer: "/credentialSubject/nickname".into()
        }
    );
    // Lenient mode drops it, as JSON-LD does.
    let out = crate::to_rdf(
        &doc(&format!(r#"{{"@context": "{VC2}", "credentialSubject": {{"id": "did:example:a", "nickname": "Al"}}}}"#)),
        &Options::lenient(),
    )
    .unwrap();
    assert!(!out.dataset.to_nquads().contains("Al"));
}

#[test]
fn undefined_type_is_an_error_at_its_index() {
    let err = safe_err(&format!(
        r#"{{"@context": "{VC2}", "type": ["VerifiableCredential", "MyBadge"]}}"#
    ));
    assert_eq!(
        err,
        JsonLdError::UndefinedTerm {
            term: "MyBadge".into(),
            pointer: "/type/1".into()
        }
    );
}

#[test]
fn relative_id_is_an_error_without_a_base() {
    let err = safe_err(&format!(
        r#"{{"@context": "{VC2}", "id": "credentials/1", "type": "VerifiableCredential"}}"#
    ));
    assert_eq!(
        err,
        JsonLdError::RelativeIri {
            iri: "credentials/1".into(),
            pointer: "/id".into()
        }
    );
    // With a base IRI it resolves.
    let d = doc(&format!(
        r#"{{"@context": "{VC2}", "id": "credentials/1", "type": "VerifiableCredential"}}"#
    ));
    let out = crate::to_rdf(&d, &Options::safe().with_base_iri("https://example.org/")).unwrap();
    assert!(
        out.dataset
            .to_nquads()
            .starts_with("<https://example.org/credentials/1> ")
    );
}

#[test]
fn invalid_iris_and_language_tags_are_errors_in_safe_mode() {
    let err = safe_err(&format!(
        r#"{{"@context": "{VC2}", "id": "http://ex ample.org/", "type": "VerifiableCredential"}}"#
    ));
    assert!(
        matches!(err, JsonLdError::DroppedValue { ref pointer, .. } if pointer == "/id"),
        "{err:?}"
    );
    let err = safe_err(&format!(
        r#"{{"@context": "{VC2}", "name": {{"@value": "x", "@language": "not a tag"}}}}"#
    ));
    assert!(
        matches!(err, JsonLdError::DroppedValue { ref pointer, .. } if pointer == "/name"),
        "{err:?}"
    );
    // Lenient: the statement is dropped, nothing else.
    let d = doc(&format!(
        r#"{{"@context": "{VC2}", "name": {{"@value": "x", "@language": "not a tag"}}}}"#
    ));
    assert!(
        crate::to_rdf(&d, &Options::lenient())
            .unwrap()
            .dataset
            .is_empty()
    );
}

#[test]
fn free_floating_values_and_ignored_keywords_are_errors_in_safe_mode() {
    let err = safe_err(
        r#"{"@context": {"@vocab": "https://example.org/"}, "@graph": ["loose", {"@id": "https://example.org/a", "p": 1}]}"#,
    );
    assert!(
        matches!(err, JsonLdError::DroppedValue { ref pointer, .. } if pointer == "/@graph/0"),
        "{err:?}"
    );
    let err = safe_err(r#"{"@context": {"@vocab": "https://example.org/"}, "@foo": 1, "p": 2}"#);
    assert_eq!(
        err,
        JsonLdError::UndefinedTerm {
            term: "@foo".into(),
            pointer: "/@foo".into()
        }
    );
}

#[test]
fn catch_all_vocab_is_reported_not_refused() {
    let d = doc(
        r#"{"@context": [{"@vocab": "https://example.org/vocab#"}, {"name": "https://schema.org/name"}],
        "@id": "https://example.org/x", "name": "n", "colour": "blue", "@type": "Thing"}"#,
    );
    let out = crate::to_rdf(&d, &Options::safe()).unwrap();
    let terms: Vec<(&str, &str)> = out
        .vocab
        .terms
        .iter()
        .map(|t| (t.term.as_str(), t.pointer.as_str()))
        .collect();
    assert_eq!(terms, [("colour", "/colour"), ("Thing", "/@type")]);
    assert_eq!(out.vocab.terms[0].iri, "https://example.org/vocab#colour");
    assert_eq!(out.vocab.in_effect, ["https://example.org/vocab#"]);
    assert_eq!(out.dataset.len(), 3);
}

#[test]
fn json_literals_are_canonical_jcs() {
    let d = doc(
        r#"{"@context": {"data": {"@id": "https://example.org/data", "@type": "@json"}},
        "@id": "https://example.org/s", "data": {"b": [1.0, 1e21, "\u0007"], "a": null, "\u00e9": true}}"#,
    );
    let nq = crate::to_rdf(&d, &Options::safe())
        .unwrap()
        .dataset
        .to_nquads();
    assert_eq!(
        nq,
        "<https://example.org/s> <https://example.org/data> \"{\\\"a\\\":null,\\\"b\\\":[1,1e+21,\\\"\\\\u0007\\\"],\\\"\u{e9}\\\":true}\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .\n"
    );
}

/// An in-memory loader for the cases below.
struct Memory(
    HashMap<&'static str, &'static str>,
    Arc<std::sync::atomic::AtomicUsize>,
);

impl ContextLoader for Memory {
    fn load_context(&self, url: &str) -> Result<Arc<Value>, String> {
        self.1.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let text = self.0.get(url).ok_or_else(|| format!("unknown {url}"))?;
        json::parse(text.as_bytes())
            .map(Arc::new)
            .map_err(|e| e.to_string())
    }
}

fn memory(
    entries: &[(&'static str, &'static str)],
) -> (JsonLdProcessor, Arc<std::sync::atomic::AtomicUsize>) {
    let loads = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    (
        JsonLdProcessor::new(Memory(entries.iter().copied().collect(), loads.clone())),
        loads,
    )
}

#[test]
fn contexts_are_processed_once_across_documents() {
    let (p, loads) = memory(&[(
        "https://example.org/ctx",
        r#"{"@context": {"@protected": true, "Thing": {"@id": "https://example.org/Thing",
            "@context": {"size": "https://example.org/size"}}, "child": {"@id": "https://example.org/child",
            "@context": {"age": "https://example.org/age"}}}}"#,
    )]);
    let d1 = doc(
        r#"{"@context": "https://example.org/ctx", "@type": "Thing", "size": 1, "child": {"age": 2}}"#,
    );
    let d2 = doc(
        r#"{"@context": "https://example.org/ctx", "@type": "Thing", "size": 7, "child": {"age": 9}}"#,
    );
    let first = p.to_rdf(&d1, &Options::safe()).unwrap();
    assert_eq!(first.dataset.len(), 4);
    let (cached, loaded) = (
        p.contexts.cached(),
        loads.load(std::sync::atomic::Ordering::Relaxed),
    );
    assert!(
        cached >= 3,
        "document, type-scoped and property-scoped contexts cached: {cached}"
    );
    let second = p.to_rdf(&d2, &Options::safe()).unwrap();
    assert_eq!(second.dataset.len(), 4);
    assert_eq!(
        p.contexts.cached(),
        cached,
        "the second document processed no context"
    );
    assert_eq!(
        loads.load(std::sync::atomic::Ordering::Relaxed),
        loaded,
        "nor loaded one"
    );
}

#[test]
fn a_thread_remembers_scoped_contexts_per_processor_and_within_its_bound() {
    let context = |iri: &str| {
        format!(
            r#"{{"@context": {{"Thing": {{"@id": "https://example.org/Thing",
            "@context": {{"size": "{iri}"}}}}}}}}"#
        )
    };
    let (here, there) = (
        context("https://example.org/size"),
        context("https://other.example/size"),
    );
    let processor = |text: &str| {
        let text: &'static str = Box::leak(text.to_owned().into_boxed_str());
        memory(&[("https://example.org/ctx", text)]).0
    };
    let (p1, p2) = (processor(&here), processor(&there));
    let d = doc(r#"{"@context": "https://example.org/ctx", "@type": "Thing", "size": 1}"#);
    // The same document, the same context URL, on the same thread: each processor's own
    // scoped context decides, however the two interleave.
    for _ in 0..2 {
        for (p, iri) in [
            (&p1, "https://example.org/size"),
            (&p2, "https://other.example/size"),
        ] {
            let out = p.to_rdf(&d, &Options::safe()).unwrap();
            assert!(
                out.dataset.iter().any(|q| q.predicate.as_str() == iri),
                "{iri}: {:?}",
                out.dataset
            );
        }
    }
    // Distinct scoped contexts past the bound: the thread's memory starts again, never grows
    // past it.
    for n in 0..(super::context::NEAR_LIMIT + 8) {
        let p = processor(&context(&format!("https://example.org/size{n}")));
        p.to_rdf(&d, &Options::safe()).unwrap();
        assert!(super::context::near_entries() <= super::context::NEAR_LIMIT);
    }
}

#[test]
fn a_thread_remembers_documents_own_contexts_by_value_and_within_its_bound() {
    let p = memory(&[]).0;
    let inline = |iri: &str, extra: &str| {
        doc(&format!(
            r#"{{"@context": {{"size": "{iri}"{extra}}}, "@id": "urn:x", "size": 1}}"#
        ))
    };
    let predicate = |d: &Value| {
        let out = p.to_rdf(d, &Options::safe()).unwrap();
        out.dataset
            .iter()
            .map(|q| q.predicate.as_str().to_owned())
            .collect::<Vec<_>>()
    };
    // Contexts that differ in one character, each applied twice in turn: every document reads
    // its own, so a remembered context answers only for an equal value.
    for _ in 0..2 {
        assert_eq!(
            predicate(&inline("https://example.org/size", "")),
            ["https://example.org/size"]
        );
        assert_eq!(
            predicate(&inline("https://example.org/sizf", "")),
            ["https://example.org/sizf"]
        );
    }
    let remembered = super::context::document_entries();
    assert!(remembered >= 2, "{remembered}");
    // The same context again adds no entry.
    predicate(&inline("https://example.org/size", ""));
    assert_eq!(super::context::document_entries(), remembered);
    // Distinct contexts past the bound: the memory starts again, never grows past it.
    for n in 0..(super::context::DOCUMENT_LIMIT + 4) {
        let extra = format!(r#", "n{n}": "https://example.org/n""#);
        assert_eq!(
            predicate(&inline("https://example.org/size", &extra)),
            ["https://example.org/size"]
        );
        assert!(super::context::document_entries() <= super::context::DOCUMENT_LIMIT);
    }
}

#[test]
fn each_base_iri_keeps_its_own_initial_context_on_one_thread() {
    let p = memory(&[]).0;
    let d = doc(r#"{"@context": {"size": "https://example.org/size"}, "@id": "x", "size": 1}"#);
    for _ in 0..2 {
        for base in ["https://a.example/dir/", "https://b.example/"] {
            let out = p.to_rdf(&d, &Options::safe().with_base_iri(base)).unwrap();
            let subjects: Vec<String> = out
                .dataset
                .iter()
                .map(|q| match &q.subject {
                    crate::rdf::NamedOrBlank::Iri(iri) => iri.as_str().to_owned(),
                    crate::rdf::NamedOrBlank::Blank(b) => format!("_:{}", b.label()),
                })
                .collect();
            assert_eq!(subjects, [format!("{base}x")], "{base}");
        }
    }
}

#[test]
fn each_guard_answers_for_itself_on_shared_term_definitions() {
    // Both guards ask about the same definition of `validUntil` in the shared processor's
    // contexts; the answer one remembers there must not decide for the other.
    let until = "https://www.w3.org/2018/credentials#validUntil";
    let plain = crate::SpellingGuard::new([(until, "validUntil")]);
    let other = crate::SpellingGuard::new([(until, "expiresAt")]);
    let d = doc(
        r#"{"@context": "https://www.w3.org/ns/credentials/v2", "type": "VerifiableCredential",
            "validUntil": "2020-01-01T00:00:00Z"}"#,
    );
    for _ in 0..2 {
        assert!(crate::to_rdf(&d, &Options::safe().with_guard(&plain)).is_ok());
        let refused = crate::to_rdf(&d, &Options::safe().with_guard(&other)).unwrap_err();
        assert!(
            matches!(refused, JsonLdError::NonStandardForm { .. }),
            "{refused}"
        );
    }
}

#[test]
fn protected_terms_cannot_be_redefined() {
    let (p, _) = memory(&[(
        "https://example.org/ctx",
        r#"{"@context": {"@protected": true, "name": "https://schema.org/name"}}"#,
    )]);
    let d = doc(
        r#"{"@context": ["https://example.org/ctx", {"name": "https://evil.example/name"}], "name": "x"}"#,
    );
    assert_eq!(
        p.expand(&d, &Options::safe()).unwrap_err().code(),
        Some(ErrorCode::ProtectedTermRedefinition)
    );
}

#[test]
fn cyclic_and_self_importing_contexts_are_errors() {
    let (p, _) = memory(&[
        (
            "https://example.org/self",
            r#"{"@context": "https://example.org/self"}"#,
        ),
        (
            "https://example.org/a",
            r#"{"@context": ["https://example.org/b"]}"#,
        ),
        (
            "https://example.org/b",
            r#"{"@context": ["https://example.org/a"]}"#,
        ),
        (
            "https://example.org/import",
            r#"{"@context": {"@import": "https://example.org/import", "x": "https://e/x"}}"#,
        ),
    ]);
    for url in ["self", "a"] {
        let d = doc(&format!(
            r#"{{"@context": "https://example.org/{url}", "@id": "https://e/s"}}"#
        ));
        assert_eq!(
            p.expand(&d, &Options::safe()).unwrap_err().code(),
            Some(ErrorCode::ContextOverflow),
            "{url}"
        );
    }
    let d = doc(r#"{"@context": "https://example.org/import", "x": 1}"#);
    assert_eq!(
        p.expand(&d, &Options::safe()).unwrap_err().code(),
        Some(ErrorCode::InvalidContextEntry)
    );
    // An unknown context is an error naming it; nothing is fetched.
    let d = doc(r#"{"@context": "https://example.org/nowhere", "x": 1}"#);
    let err = p.expand(&d, &Options::safe()).unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::LoadingRemoteContextFailed));
    assert!(err.to_string().contains("https://example.org/nowhere"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // The JSON parser refuses 10,000 levels outright.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(json::parse(deep.as_bytes()).is_err());
    // Expansion bounds what the parser allows (up to 1,000 levels).
    let mut text = String::from(
        r#"{"@context": {"@vocab": "https://example.org/"}, "@id": "https://e/0", "p": "#,
    );
    for _ in 0..600 {
        text.push_str(r#"{"p": "#);
    }
    text.push('1');
    text.push_str(&"}".repeat(601));
    let d = json::parse_with(text.as_bytes(), &ParseOptions::new(1 << 20, 1_000)).unwrap();
    let err = crate::to_rdf(&d, &Options::safe()).unwrap_err();
    assert!(matches!(err, JsonLdError::TooDeep { .. }), "{err:?}");
}

#[test]
fn long_lists_convert_iteratively() {
    let n = 200_000;
    let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
    let text = format!(
        r#"{{"@context": {{"l": {{"@id": "https://example.org/l", "@container": "@list"}}}}, "@id": "https://example.org/s", "l": [{}]}}"#,
        items.join(",")
    );
    let d = json::parse(text.as_bytes()).unwrap();
    // Past the default limits (a blank node and two statements per item)...
    assert!(crate::to_rdf(&d, &Options::safe()).unwrap_err().is_limit());
    // ...and converted under raised ones.
    let roomy = crate::Limits::default()
        .max_blank_nodes(usize::MAX)
        .max_statements(usize::MAX);
    let out = crate::to_rdf(&d, &Options::safe().with_limits(roomy)).unwrap();
    assert_eq!(out.dataset.len(), 1 + 2 * n);
}

#[test]
fn index_keys_are_errors_in_safe_mode() {
    let text = r#"{"@context": {"@vocab": "https://example.org/", "byLang": {"@container": "@index"}},
        "@id": "https://example.org/s", "byLang": {"first": {"@id": "https://example.org/a"}}}"#;
    let err = safe_err(text);
    assert!(
        matches!(err, JsonLdError::DroppedValue { ref pointer, .. } if pointer == "/byLang/first"),
        "{err:?}"
    );
    assert_eq!(
        crate::to_rdf(&doc(text), &Options::lenient())
            .unwrap()
            .dataset
            .len(),
        1
    );
}

#[test]
fn direct_path_takes_credentials_and_agrees_with_the_full_algorithm() {
    let d = doc(&format!(
        r#"{{"@context": ["{VC2}"], "id": "urn:uuid:1", "type": ["VerifiableCredential"],
            "issuer": {{"id": "did:example:issuer", "name": [{{"@value": "Uni", "@language": "en"}}]}},
            "validFrom": "2024-01-01T00:00:00Z",
            "credentialSubject": {{"id": "did:example:a"}},
            "credentialStatus": {{"id": "https://example.org/status#1", "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation", "statusListIndex": "1", "statusListCredential": "https://example.org/status"}}}}"#
    ));
    let p = JsonLdProcessor::shared();
    let (direct, vocab) = p
        .to_rdf_direct(&d, &Options::safe())
        .unwrap()
        .expect("the direct path takes a plain credential");
    assert!(vocab.is_empty());
    let full = crate::expanded_to_rdf(&p.expand(&d, &Options::safe()).unwrap());
    let canon = |ds: &crate::Dataset| crate::canonicalize(ds).unwrap().nquads().to_owned();
    assert_eq!(canon(&direct), canon(&full));
    assert_eq!(direct.len(), 10);
    // Anything it does not take goes to the full algorithm, errors included.
    let bad = doc(&format!(r#"{{"@context": "{VC2}", "nickname": "x"}}"#));
    assert!(p.to_rdf_direct(&bad, &Options::safe()).unwrap().is_none());
}

#[test]
fn check_reports_what_to_rdf_reports_without_the_dataset() {
    let p = JsonLdProcessor::shared();
    let cases = [
        // Direct path, no catch-all.
        format!(
            r#"{{"@context": ["{VC2}"], "type": ["VerifiableCredential"], "issuer": "did:example:i",
                "credentialSubject": {{"id": "did:example:a"}}}}"#
        ),
        // A term only a catch-all `@vocab` maps: both must report (or refuse) it alike.
        format!(
            r#"{{"@context": ["{VC2}", {{"@vocab": "https://example.org/#"}}], "nickname": "x"}}"#
        ),
        // Undefined term: refused in safe mode.
        format!(r#"{{"@context": "{VC2}", "nickname": "x"}}"#),
        // The full algorithm (a list object).
        format!(
            r#"{{"@context": "{VC2}", "type": "VerifiableCredential", "name": {{"@list": ["a"]}}}}"#
        ),
    ];
    for text in &cases {
        let d = doc(text);
        let full = p.to_rdf(&d, &Options::safe()).map(|out| out.vocab);
        let checked = p.check(&d, &Options::safe());
        assert_eq!(
            checked.as_ref().map_err(ToString::to_string),
            full.as_ref().map_err(ToString::to_string),
            "{text}"
        );
    }
    // The statement limit still holds when statements are only counted.
    let d = doc(&cases[0]);
    let limits = crate::Limits {
        max_statements: 2,
        ..crate::Limits::default()
    };
    let options = Options::safe().with_limits(limits);
    let full = p.to_rdf(&d, &options).unwrap_err();
    let checked = p.check(&d, &options).unwrap_err();
    assert!(checked.is_limit(), "{checked}");
    assert_eq!(checked.to_string(), full.to_string());
}

#[test]
fn check_only_run_decides_literals_as_the_keeping_run() {
    // The check-only run builds no literal text; it must still take or hand over exactly the
    // documents the keeping run does.
    let p = JsonLdProcessor::shared();
    let values = [
        r#""plain""#,
        "true",
        "12",
        "1.5",
        r#"{"@value": "x", "@language": "en-GB"}"#,
        r#"{"@value": "x", "@language": "not a tag"}"#,
        r#"{"@value": 3, "@language": "en"}"#,
        r#"{"@value": "2024-01-01", "@type": "http://www.w3.org/2001/XMLSchema#date"}"#,
        r#"{"@value": "x", "@type": "http://example.org/a#b#c"}"#,
        r#"{"@value": "x", "@type": "http://example.org/a b"}"#,
        r#"{"@value": null}"#,
        r#"{"@value": [1]}"#,
    ];
    let types = [
        None,
        Some("http://www.w3.org/2001/XMLSchema#dateTime"),
        Some("http://example.org/a#b#c"),
        Some("http://example.org/bad>"),
    ];
    for value in values {
        for datatype in types {
            let mapping = match datatype {
                Some(t) => format!(r#"{{"@id": "http://example.org/v", "@type": "{t}"}}"#),
                None => r#""http://example.org/v""#.to_owned(),
            };
            let text =
                format!(r#"{{"@context": [{{"v": {mapping}}}], "@id": "urn:x", "v": {value}}}"#);
            let d = doc(&text);
            for options in [Options::safe(), Options::lenient()] {
                let direct = p.to_rdf_direct(&d, &options);
                if let Ok(Some((dataset, _))) = &direct {
                    // And what it keeps is what the full algorithm makes.
                    let full = crate::expanded_to_rdf(&p.expand(&d, &options).unwrap());
                    let canon =
                        |ds: &crate::Dataset| crate::canonicalize(ds).unwrap().into_nquads();
                    assert_eq!(canon(dataset), canon(&full), "{text}");
                }
                let kept = direct.map(|o| o.is_some());
                let checked = p.check_direct(&d, &options).map(|o| o.is_some());
                assert_eq!(
                    checked.map_err(|e| e.to_string()),
                    kept.map_err(|e| e.to_string()),
                    "{text}"
                );
                let full = p.to_rdf(&d, &options).map(|out| out.vocab);
                let check = p.check(&d, &options);
                assert_eq!(
                    check.map_err(|e| e.to_string()),
                    full.map_err(|e| e.to_string()),
                    "{text}"
                );
            }
        }
    }
}

mod arbitrary_input {
    use ler_model::json::{Object, Value};
    use proptest::prelude::*;

    use crate::{Options, canonicalize, to_rdf};

    const KEYS: &[&str] = &[
        "@context",
        "@id",
        "@type",
        "@value",
        "@language",
        "@direction",
        "@list",
        "@set",
        "@graph",
        "@reverse",
        "@index",
        "@nest",
        "@included",
        "@json",
        "@vocab",
        "@base",
        "@container",
        "@protected",
        "@propagate",
        "@import",
        "@version",
        "@prefix",
        "name",
        "p",
        "q",
        "ex:r",
        "_:b",
        "http://example.org/s",
        "type",
        "id",
    ];
    const STRINGS: &[&str] = &[
        "@id",
        "@vocab",
        "@json",
        "@list",
        "@set",
        "@graph",
        "@index",
        "@language",
        "@type",
        "@none",
        "en",
        "not a tag",
        "ltr",
        "x",
        "_:b0",
        "ex:",
        "http://example.org/",
        "http://example.org/a#b",
        "relative",
        "#frag",
        "../up",
        "https://www.w3.org/ns/credentials/v2",
        "p",
    ];

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (-5i64..5).prop_map(Value::from),
            prop::sample::select(STRINGS).prop_map(Value::from),
        ];
        leaf.prop_recursive(6, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec((prop::sample::select(KEYS), inner), 0..5).prop_map(
                    |entries| {
                        let mut o = Object::new();
                        for (k, v) in entries {
                            o.insert(k, v);
                        }
                        Value::Object(o)
                    }
                ),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Arbitrary JSON-LD-shaped input: an error or a dataset, never a panic; safe mode
        /// never yields a different dataset than lenient mode.
        #[test]
        fn never_panics(doc in json()) {
            let lenient = to_rdf(&doc, &Options::lenient());
            let safe = to_rdf(&doc, &Options::safe());
            if let (Ok(l), Ok(s)) = (&lenient, &safe) {
                let l = canonicalize(&l.dataset).map(|c| c.nquads().to_owned()).ok();
                let s = canonicalize(&s.dataset).map(|c| c.nquads().to_owned()).ok();
                prop_assert_eq!(l, s);
            }
            if lenient.is_err() {
                prop_assert!(safe.is_err(), "safe mode accepted what lenient mode refused");
            }
        }
    }
}

#[test]
fn one_processor_serves_many_threads() {
    let d = doc(&format!(
        r#"{{"@context": "{VC2}", "type": "VerifiableCredential", "issuer": "did:example:i",
            "credentialSubject": {{"id": "did:example:a"}}}}"#
    ));
    let want = crate::to_rdf(&d, &Options::safe())
        .unwrap()
        .dataset
        .to_nquads();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    crate::to_rdf(&d, &Options::safe())
                        .unwrap()
                        .dataset
                        .to_nquads()
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), want);
        }
    });
}

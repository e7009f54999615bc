//! Every limit of `ler_jsonld::Limits`: a document just under it converts, just over it gives
//! the limit's own error variant, on the direct path and on the full expansion algorithm.

// Test helpers may unwrap: a panic there is a failed test with a backtrace.
#![allow(clippy::unwrap_used)]

use ler_jsonld::{JsonLdError, Limits, Options, to_rdf};
use ler_model::json::{self, Value};

/// `{"@context": {"p": "urn:ex:p"}, "p": [{}, ... n times]}`: n + 1 blank nodes.
fn empty_objects(n: usize) -> Value {
    let items = vec!["{}"; n].join(",");
    json::parse(format!(r#"{{"@context": {{"p": "urn:ex:p"}}, "p": [{items}]}}"#).as_bytes())
        .unwrap()
}

/// An inline context of `n` terms, and a document using the last one.
fn many_terms(n: usize) -> Value {
    let terms: Vec<String> = (0..n)
        .map(|i| format!(r#""t{i}": "urn:ex:t{i}""#))
        .collect();
    let last = n - 1;
    json::parse(
        format!(
            r#"{{"@context": {{{}}}, "@id": "urn:ex:s", "t{last}": "x"}}"#,
            terms.join(",")
        )
        .as_bytes(),
    )
    .unwrap()
}

/// The same options on both paths: the full algorithm runs when an expand context is given.
fn both_paths(limits: Limits, run: impl Fn(&Options<'_>)) {
    let empty = json::parse(b"{}").unwrap();
    run(&Options::safe().with_limits(limits));
    run(&Options::safe()
        .with_limits(limits)
        .with_expand_context(&empty));
}

#[test]
fn blank_node_limit_just_under_and_just_over() {
    let doc = empty_objects(300);
    both_paths(Limits::default().max_blank_nodes(301), |options| {
        let out = to_rdf(&doc, options).unwrap();
        assert_eq!(out.dataset.len(), 300);
    });
    both_paths(Limits::default().max_blank_nodes(300), |options| {
        let err = to_rdf(&doc, options).unwrap_err();
        assert!(
            matches!(err, JsonLdError::TooManyBlankNodes { limit: 300, .. }),
            "{err}"
        );
        assert!(err.is_limit());
    });
}

#[test]
fn context_term_limit_just_under_and_just_over() {
    let doc = many_terms(40);
    both_paths(Limits::default().max_context_terms(40), |options| {
        assert_eq!(to_rdf(&doc, options).unwrap().dataset.len(), 1);
    });
    both_paths(Limits::default().max_context_terms(39), |options| {
        let err = to_rdf(&doc, options).unwrap_err();
        assert!(
            matches!(
                &err,
                JsonLdError::ContextTooManyTerms {
                    terms: 40,
                    limit: 39,
                    ..
                }
            ),
            "{err}"
        );
        assert_eq!(err.pointer(), "/@context");
    });
}

#[test]
fn scoped_context_terms_count_towards_the_limit() {
    let doc = json::parse(
        br#"{"@context": {"a": {"@id": "urn:ex:a", "@context": {"b": "urn:ex:b", "c": "urn:ex:c"}}},
             "a": {"b": "x"}}"#,
    )
    .unwrap();
    let at = Options::safe().with_limits(Limits::default().max_context_terms(3));
    assert_eq!(to_rdf(&doc, &at).unwrap().dataset.len(), 2);
    let over = Options::safe().with_limits(Limits::default().max_context_terms(2));
    assert!(matches!(
        to_rdf(&doc, &over),
        Err(JsonLdError::ContextTooManyTerms { terms: 3, .. })
    ));
}

#[test]
fn context_size_limit_just_under_and_just_over() {
    let doc = many_terms(40);
    let bytes = doc.get("@context").unwrap().to_string().len();
    both_paths(Limits::default().max_context_bytes(bytes), |options| {
        assert_eq!(to_rdf(&doc, options).unwrap().dataset.len(), 1);
    });
    both_paths(Limits::default().max_context_bytes(bytes - 1), |options| {
        let err = to_rdf(&doc, options).unwrap_err();
        assert_eq!(
            err,
            JsonLdError::ContextTooLarge {
                bytes,
                limit: bytes - 1,
                pointer: "/@context".to_owned()
            }
        );
    });
}

#[test]
fn default_limits_refuse_a_huge_inline_context() {
    let err = to_rdf(&many_terms(100_000), &Options::safe()).unwrap_err();
    assert!(err.is_limit(), "{err}");
}

#[test]
fn large_inline_context_is_processed_in_one_pass() {
    // 30 000 terms under raised limits: term lookups in the local context are indexed (they
    // were a linear scan per term, quadratic overall).
    let limits = Limits::default()
        .max_context_terms(usize::MAX)
        .max_context_bytes(usize::MAX);
    let out = to_rdf(&many_terms(30_000), &Options::safe().with_limits(limits)).unwrap();
    assert_eq!(out.dataset.len(), 1);
}

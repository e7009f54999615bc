//! Bad input gets a clear error or a list of violations, never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ler_model::json::{ParseErrorKind, ParseOptions};
use ler_model::{Credential, Document, Error};
use proptest::prelude::*;

#[test]
fn not_json_is_an_error_with_a_position() {
    let err = Credential::from_slice(b"{\"id\": urn:uuid:1}").unwrap_err();
    let Error::Json(e) = &err else {
        panic!("{err:?}")
    };
    assert!(matches!(e.kind, ParseErrorKind::Unexpected { .. }));
    assert_eq!((e.line, e.column), (1, 8));
    assert!(
        err.to_string()
            .starts_with("not a JSON document: unexpected 'u'"),
        "{err}"
    );
}

#[test]
fn wrong_top_level_types_are_errors() {
    for (text, found) in [
        ("[]", "array"),
        ("\"vc\"", "string"),
        ("null", "null"),
        ("12", "number"),
    ] {
        assert_eq!(
            Credential::from_slice(text.as_bytes()).unwrap_err(),
            Error::NotAnObject { found }
        );
    }
}

#[test]
fn wrong_types_and_missing_fields_are_violations() {
    let credential = Credential::from_slice(
        br#"{"@context": 5, "type": {"a": 1}, "issuer": [], "validFrom": 20240101, "credentialSubject": "x", "proof": 1}"#,
    )
    .unwrap();
    let rules: Vec<&str> = credential.validate().iter().map(|v| v.rule.id()).collect();
    assert_eq!(
        rules,
        [
            "vc.context.value",
            "vc.context.first",
            "vc.type.value",
            "vc.type.missing-base",
            "vc.issuer.value",
            "vc.date.format",
            "vc.subject.value",
            "vc.proof.value"
        ]
    );
    // The typed accessors skip what has the wrong shape instead of failing.
    assert_eq!(credential.issuer(), None);
    assert!(credential.subjects().is_empty());
    assert_eq!(credential.valid_from(), None);
    let empty = Credential::from_slice(b"{}").unwrap();
    let rules: Vec<&str> = empty.validate().iter().map(|v| v.rule.id()).collect();
    assert_eq!(
        rules,
        [
            "vc.context.missing",
            "vc.type.missing",
            "vc.issuer.missing",
            "vc.subject.missing"
        ]
    );
}

#[test]
fn fifty_megabytes_are_refused_by_default_and_accepted_when_allowed() {
    let mut big = b"{\"pad\": \"".to_vec();
    big.resize(50 * 1024 * 1024, b'a');
    big.extend_from_slice(b"\"}");
    let err = Credential::from_slice(&big).unwrap_err();
    assert!(
        matches!(err, Error::Json(ref e) if e.kind == ParseErrorKind::TooLarge { size: big.len(), limit: 10 * 1024 * 1024 })
    );
    assert!(err.to_string().contains("more than the limit of 10485760"));
    let options = ParseOptions::default().max_bytes(64 * 1024 * 1024);
    assert!(Credential::from_slice_with(&big, &options).is_ok());
}

#[test]
fn ten_thousand_deep_nesting_is_refused() {
    let deep = format!(
        "{{\"credentialSubject\": {}{}}}",
        "{\"a\":".repeat(10_000),
        "}".repeat(10_000)
    );
    let err = Credential::from_slice(deep.as_bytes()).unwrap_err();
    assert!(
        matches!(err, Error::Json(ref e) if e.kind == ParseErrorKind::TooDeep { limit: 128 }),
        "{err}"
    );
    // At the ceiling the validator still terminates (it follows credentials only 8 deep).
    let options = ParseOptions::default().max_depth(1_000);
    let level = r#"{"type": ["VerifiableCredential", "ClrCredential"], "credentialSubject": {"type": ["ClrSubject"], "verifiableCredential": ["#;
    let nested_clr = level.repeat(200) + "{}" + &"]}}".repeat(200);
    let doc = Document::from_slice_with(nested_clr.as_bytes(), &options).unwrap();
    let violations = doc.validate();
    assert!(violations.iter().any(|v| v.rule.id() == "vc.nesting.depth"));
}

#[test]
fn duplicate_keys_name_key_and_pointer() {
    let err =
        Credential::from_slice(br#"{"credentialSubject": {"id": "a", "id": "b"}}"#).unwrap_err();
    let Error::Json(e) = err else { panic!() };
    assert_eq!(e.kind, ParseErrorKind::DuplicateKey { key: "id".into() });
    assert_eq!(e.pointer(), Some("/credentialSubject/id"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(doc) = Document::from_slice_with(&bytes, &ParseOptions::default()) {
            let _ = doc.validate();
        }
    }

    #[test]
    fn mangled_examples_never_panic(cut in 0usize..2400, byte in any::<u8>()) {
        let mut bytes = include_bytes!("../examples/achievement-credential.json").to_vec();
        let at = cut % bytes.len();
        bytes[at] = byte;
        if let Ok(doc) = Document::from_slice_with(&bytes, &ParseOptions::default()) {
            let _ = doc.validate();
        }
    }
}

//! Validation of hostile documents stays small: violations are capped, wide arrays are walked
//! without holding a pointer per entry.

// Test helpers may unwrap: a panic there is a failed test with a backtrace.
#![allow(clippy::unwrap_used)]

use ler_model::json;
use ler_model::{Credential, MAX_VIOLATIONS, Rule};

/// A VC 2.0 credential whose `evidence` is `count` empty objects (each breaks one rule).
fn with_bad_evidence(count: usize) -> Credential {
    let evidence = vec!["{}"; count].join(",");
    let text = format!(
        r#"{{"@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "issuer": "did:example:issuer",
            "credentialSubject": {{"id": "did:example:subject"}},
            "evidence": [{evidence}]}}"#
    );
    let json::Value::Object(object) = json::parse(text.as_bytes()).unwrap() else {
        panic!("an object")
    };
    Credential::from_object(object)
}

#[test]
fn violations_up_to_the_cap_are_all_listed() {
    let violations = with_bad_evidence(MAX_VIOLATIONS).validate();
    assert_eq!(violations.len(), MAX_VIOLATIONS);
    assert!(
        violations
            .iter()
            .all(|v| v.rule != Rule::VcViolationsTruncated)
    );
    assert_eq!(
        violations[MAX_VIOLATIONS - 1].pointer.as_str(),
        "/evidence/999"
    );
}

#[test]
fn violations_past_the_cap_are_counted_not_kept() {
    let violations = with_bad_evidence(MAX_VIOLATIONS + 1).validate();
    assert_eq!(violations.len(), MAX_VIOLATIONS + 1);
    let last = violations.last().unwrap();
    assert_eq!(last.rule, Rule::VcViolationsTruncated);
    assert_eq!(last.pointer.as_str(), "");
    assert!(
        last.message.starts_with("1 more violations not listed"),
        "{}",
        last.message
    );

    let violations = with_bad_evidence(200_000).validate();
    assert_eq!(violations.len(), MAX_VIOLATIONS + 1);
    assert!(
        violations
            .last()
            .unwrap()
            .message
            .starts_with("199000 more"),
        "{}",
        violations.last().unwrap().message
    );
}

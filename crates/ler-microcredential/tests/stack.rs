//! CLR 2.0 stacks: totals computed exactly and checked against what the CLR declares.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{eu_builder, num, remove, set, us_builder};
use ler_microcredential::{Issuer, MicroCredentialStack, check_stack};
use ler_model::json::Value;

fn stack(credentials: Vec<Value>) -> MicroCredentialStack {
    let mut b = MicroCredentialStack::builder()
        .id("urn:uuid:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
        .issuer(Issuer::new(
            "did:example:college",
            "Example Community College",
        ))
        .learner("did:example:learner")
        .valid_from("2026-06-01T00:00:00Z")
        .name("Welding pathway");
    for c in credentials {
        b = b.credential(c);
    }
    b
}

fn total(doc: &Value, key: &str) -> Option<String> {
    doc.pointer(&format!("/credentialSubject/{key}"))
        .and_then(Value::as_number)
        .map(|n| n.as_str().to_owned())
}

#[test]
fn builder_declares_exact_totals_and_the_checker_agrees() {
    let a = us_builder()
        .learning_hours(0.1 * 10.0 + 11.5)
        .credits(0.1)
        .build()
        .unwrap(); // 12.5 hours
    let b = us_builder()
        .learning_hours(7.25)
        .credits(0.2)
        .build()
        .unwrap();
    let c = eu_builder().build().unwrap(); // 75 hours, 3 ECTS
    let clr = stack(vec![a, b, c]).build().unwrap();
    assert_eq!(total(&clr, "totalLearningHours").as_deref(), Some("94.75"));
    assert_eq!(
        total(&clr, "totalCredits").as_deref(),
        Some("0.3"),
        "0.1 + 0.2 is 0.3 exactly"
    );
    assert_eq!(total(&clr, "totalEctsCredits").as_deref(), Some("3"));
    let report = check_stack(&clr);
    assert!(report.is_consistent(), "{:?}", report.violations);
    assert_eq!(report.credentials, 3);
    assert_eq!(
        report
            .total_learning_hours
            .map(|n| n.as_str().to_owned())
            .as_deref(),
        Some("94.75")
    );
    assert_eq!(
        clr.get("type").unwrap(),
        &Value::from(vec!["VerifiableCredential", "ClrCredential"])
    );
}

#[test]
fn wrong_or_missing_declared_totals_are_reported_at_their_pointer() {
    let clr = stack(vec![
        us_builder().build().unwrap(),
        us_builder().learning_hours(2.0).build().unwrap(),
    ])
    .build()
    .unwrap();
    assert_eq!(total(&clr, "totalLearningHours").as_deref(), Some("14.5"));

    let mut wrong = clr.clone();
    set(
        &mut wrong,
        "/credentialSubject/totalLearningHours",
        num("15"),
    );
    let v = check_stack(&wrong).violations;
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(
        (v[0].rule, v[0].pointer.as_str()),
        (
            "mc.stack.total-hours",
            "/credentialSubject/totalLearningHours"
        )
    );
    assert!(v[0].message.contains("14.5"), "{}", v[0].message);

    let mut same_value_other_text = clr.clone();
    set(
        &mut same_value_other_text,
        "/credentialSubject/totalLearningHours",
        num("14.50"),
    );
    assert!(check_stack(&same_value_other_text).is_consistent());

    let mut undeclared = clr.clone();
    remove(&mut undeclared, "/credentialSubject/totalLearningHours");
    let v = check_stack(&undeclared).violations;
    assert_eq!(
        (v[0].rule, v[0].pointer.as_str()),
        (
            "mc.stack.total-hours",
            "/credentialSubject/totalLearningHours"
        )
    );

    let mut declared_without_source = clr.clone();
    set(
        &mut declared_without_source,
        "/credentialSubject/totalCredits",
        num("3"),
    );
    assert_eq!(
        check_stack(&declared_without_source).violations[0].rule,
        "mc.stack.total-credits"
    );

    let mut text_total = clr;
    set(
        &mut text_total,
        "/credentialSubject/totalLearningHours",
        "14.5".into(),
    );
    assert_eq!(
        check_stack(&text_total).violations[0].rule,
        "mc.stack.total-hours"
    );
}

#[test]
fn a_member_with_an_unreadable_quantity_or_no_achievement_is_named() {
    let mut clr = stack(vec![
        us_builder().build().unwrap(),
        us_builder().build().unwrap(),
    ])
    .build()
    .unwrap();
    set(
        &mut clr,
        "/credentialSubject/verifiableCredential/1/credentialSubject/achievement/learningHours",
        "ten".into(),
    );
    let v = check_stack(&clr).violations;
    assert!(v.iter().any(|v| v.rule == "mc.stack.total-hours"
        && v.pointer.as_str() == "/credentialSubject/verifiableCredential/1/credentialSubject/achievement/learningHours"));

    let enveloped = ler_model::json::parse(br#"{"@context": "https://www.w3.org/ns/credentials/v2", "id": "data:application/vc+jwt,eyJ", "type": "EnvelopedVerifiableCredential"}"#).unwrap();
    let err = stack(vec![us_builder().build().unwrap(), enveloped])
        .build()
        .unwrap_err();
    assert_eq!(
        err.pointer().map(|p| p.as_str()),
        Some("/credentialSubject/verifiableCredential/1")
    );
    assert_eq!(err.violations()[0].rule, "mc.stack.member");
}

#[test]
fn not_a_stack_is_reported_not_panicked_on() {
    for text in [
        "null",
        "{}",
        r#"{"type": ["VerifiableCredential", "ClrCredential"], "credentialSubject": {"type": "ClrSubject", "verifiableCredential": []}}"#,
    ] {
        let doc = ler_model::json::parse(text.as_bytes()).unwrap();
        let report = check_stack(&doc);
        assert!(!report.is_consistent(), "{text}");
        assert_eq!(report.credentials, 0);
    }
    let doc =
        ler_model::json::parse(br#"{"type": ["VerifiableCredential", "OpenBadgeCredential"]}"#)
            .unwrap();
    let rules: Vec<_> = check_stack(&doc)
        .violations
        .iter()
        .map(|v| v.rule)
        .collect();
    assert_eq!(
        rules,
        ["mc.stack.type", "mc.stack.type", "mc.stack.credentials"]
    );
}

#[test]
fn stack_builder_names_each_missing_field() {
    let err = MicroCredentialStack::builder().build().unwrap_err();
    let pointers: Vec<_> = err
        .violations()
        .iter()
        .map(|v| v.pointer.as_str())
        .collect();
    assert_eq!(
        pointers,
        [
            "/id",
            "/issuer",
            "/validFrom",
            "/name",
            "/credentialSubject/id",
            "/credentialSubject/verifiableCredential"
        ]
    );
}

#[test]
fn totals_need_the_micro_credential_context() {
    let mut clr = stack(vec![us_builder().build().unwrap()]).build().unwrap();
    set(
        &mut clr,
        "/@context",
        Value::from(vec![
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
        ]),
    );
    let v = check_stack(&clr).violations;
    assert_eq!(
        (v[0].rule, v[0].pointer.as_str()),
        ("mc.stack.context", "/@context")
    );
}

#[test]
fn the_clr_spec_example_sums_nothing_and_declares_nothing() {
    let Some(shared) = common::shared() else {
        return;
    };
    let clr = common::read(
        &shared.join("vectors/ob3-clr2/spec-vectors/clrv2p0/credential-unsigned.json"),
    );
    let report = check_stack(&clr);
    assert!(report.credentials >= 1);
    assert_eq!(report.total_learning_hours, None);
    assert!(report.is_consistent(), "{:?}", report.violations);
}

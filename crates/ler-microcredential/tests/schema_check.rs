//! The `schema.json` check inside `ler_verify::verify`: signed micro-credentials pass, fail or are
//! skipped according to the schema their `credentialSchema` names.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{num, set, us_builder};
use ler_microcredential::{Issuer, Schema, SchemaCheck};
use ler_model::date::parse_date_time_stamp;
use ler_model::json::{self, Value};
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::{Ed25519KeyPair, Ed25519Signer};
use ler_verify::{CheckId, Finding, Outcome, Report, Verdict, VerifyOptions};

fn key() -> Ed25519KeyPair {
    Ed25519KeyPair::from_seed(&[7; 32])
}

/// A US micro-credential issued by the did:key of [`key`], so `issuer.key-binding` passes.
fn credential() -> Value {
    let issuer = key().public_key().did_key();
    us_builder()
        .issuer(Issuer::new(issuer, "Example Community College"))
        .build()
        .unwrap()
}

fn sign(document: &Value) -> Vec<u8> {
    let options = ProofOptions::new(Cryptosuite::EddsaRdfc2022).created("2026-03-01T00:00:00Z");
    di::sign(document, &options, &Ed25519Signer::did_key(key()))
        .unwrap()
        .to_string()
        .into_bytes()
}

fn verify(bytes: &[u8], check: SchemaCheck) -> Report {
    verify_with(bytes, check, false)
}

fn verify_with(bytes: &[u8], check: SchemaCheck, strict: bool) -> Report {
    let options = VerifyOptions::default()
        .at(parse_date_time_stamp("2026-06-01T00:00:00Z").unwrap())
        .strict(strict)
        .check(check);
    ler_verify::verify(bytes, &options).report().clone()
}

/// The schema check's results: `schema.json`, and `profile.microcredential` for a credential
/// that breaks its micro-credential profile schema.
fn schema_results(report: &Report) -> Vec<&Finding> {
    report
        .checks
        .iter()
        .filter(|c| c.id == CheckId::SCHEMA_JSON || c.id == CheckId::PROFILE_MICROCREDENTIAL)
        .collect()
}

#[test]
fn a_signed_us_micro_credential_verifies_with_a_schema_pass() {
    let document = credential();
    assert_eq!(
        document
            .pointer("/credentialSchema/0/id")
            .and_then(Value::as_str),
        Some(Schema::MicroCredentialUsV1.id())
    );
    let report = verify(&sign(&document), SchemaCheck::new());
    assert_eq!(report.verdict, Verdict::Verified, "{}", report.to_json());
    let results = schema_results(&report);
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].outcome, Outcome::Pass);
    assert_eq!(results[0].pointer.as_deref(), Some("/credentialSchema/0"));
    assert!(
        results[0]
            .message
            .contains(Schema::MicroCredentialUsV1.id())
    );
}

#[test]
fn an_unknown_schema_id_is_skipped_or_indeterminate_when_required() {
    let mut document = credential();
    set(
        &mut document,
        "/credentialSchema/0/id",
        Value::from("https://schemas.example/unknown/1.0.0.json"),
    );
    let bytes = sign(&document);

    let report = verify(&bytes, SchemaCheck::new());
    assert_eq!(report.verdict, Verdict::Verified, "{}", report.to_json());
    let results = schema_results(&report);
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].outcome, Outcome::Skipped);
    assert!(
        results[0]
            .message
            .contains("https://schemas.example/unknown/1.0.0.json")
    );

    let report = verify(&bytes, SchemaCheck::requiring_schema());
    assert_eq!(report.verdict, Verdict::Indeterminate);
    assert_eq!(schema_results(&report)[0].outcome, Outcome::Indeterminate);
}

#[test]
fn a_credential_breaking_its_profile_schema_warns_and_fails_only_when_strict() {
    let mut document = credential();
    set(
        &mut document,
        "/credentialSubject/achievement/learningHours",
        num("150"),
    );
    let bytes = sign(&document);
    // An authentic record that breaks its profile: verified, with a profile warning.
    let report = verify(&bytes, SchemaCheck::new());
    assert_eq!(report.verdict, Verdict::Verified, "{}", report.to_json());
    let results = schema_results(&report);
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].id, CheckId::PROFILE_MICROCREDENTIAL);
    assert_eq!(results[0].outcome, Outcome::Warn);

    let report = verify_with(&bytes, SchemaCheck::new(), true);
    assert_eq!(report.verdict, Verdict::Invalid);
    assert_eq!(report.failing_ids(), [CheckId::PROFILE_MICROCREDENTIAL]);
    let results = schema_results(&report);
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].outcome, Outcome::Fail);
    assert_eq!(
        results[0].pointer.as_deref(),
        Some("/credentialSubject/achievement/learningHours")
    );
    assert!(
        results[0].message.contains("schema.maximum"),
        "{}",
        results[0].message
    );
}

#[test]
fn other_schema_types_and_a_missing_credential_schema() {
    let mut document = credential();
    let entries = json::parse(
        br#"[{"id": "https://schemas.example/credential-schema", "type": "JsonSchemaCredential"},
             {"id": "https://w3id.org/ler/schemas/microcredential-us/1.0.0.json", "type": "JsonSchema"}]"#,
    )
    .unwrap();
    set(&mut document, "/credentialSchema", entries);
    let report = verify(&sign(&document), SchemaCheck::requiring_schema());
    let results = schema_results(&report);
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].outcome, Outcome::Skipped);
    assert!(results[0].message.contains("type JsonSchemaCredential"));
    assert_eq!(results[1].outcome, Outcome::Pass);
    assert_eq!(results[1].pointer.as_deref(), Some("/credentialSchema/1"));

    let mut document = credential();
    common::remove(&mut document, "/credentialSchema");
    let bytes = sign(&document);
    let report = verify(&bytes, SchemaCheck::new());
    assert_eq!(report.verdict, Verdict::Verified);
    assert_eq!(schema_results(&report)[0].outcome, Outcome::Skipped);
    let report = verify(&bytes, SchemaCheck::requiring_schema());
    assert_eq!(report.verdict, Verdict::Indeterminate);
    assert_eq!(schema_results(&report)[0].outcome, Outcome::Indeterminate);
}

/// The check on its own (no signature): the shapes `credentialSchema` may take.
fn run(credential_schema: &str, check: SchemaCheck) -> Vec<Finding> {
    use ler_verify::{CheckContext, CredentialCheck};

    let mut document = credential();
    set(
        &mut document,
        "/credentialSchema",
        json::parse(credential_schema.as_bytes()).unwrap(),
    );
    let credential = ler_model::Credential::from_value(document).unwrap();
    let context = CheckContext {
        at: None,
        pointer: "",
        strict: false,
    };
    assert!(check.ids().contains(&CheckId::SCHEMA_JSON));
    assert!(check.ids().contains(&CheckId::PROFILE_MICROCREDENTIAL));
    check.run(&credential, &context)
}

#[test]
fn a_single_entry_object_is_checked_at_its_own_pointer() {
    let results = run(
        r#"{"id": "https://w3id.org/ler/schemas/microcredential-us/1.0.0.json", "type": "JsonSchema"}"#,
        SchemaCheck::new(),
    );
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].outcome, Outcome::Pass);
    assert_eq!(results[0].pointer.as_deref(), Some("/credentialSchema"));

    // The EU profile schema, named by a US credential: the profile's required fields are missing.
    let results = run(
        r#"{"id": "https://w3id.org/ler/schemas/microcredential-eu/1.0.0.json", "type": "JsonSchema"}"#,
        SchemaCheck::new(),
    );
    assert_eq!(results[0].id, CheckId::PROFILE_MICROCREDENTIAL);
    assert_eq!(results[0].outcome, Outcome::Warn);
    assert!(
        results[0].message.contains("schema.required"),
        "{}",
        results[0].message
    );
}

#[test]
fn malformed_entries_are_unchecked_never_passed() {
    let results = run(
        r#"["not an object", {"type": "JsonSchema"}, {"id": "https://w3id.org/ler/schemas/microcredential-us/1.0.0.json"}]"#,
        SchemaCheck::new(),
    );
    let outcomes: Vec<Outcome> = results.iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, [Outcome::Skipped; 3]);
    assert!(results[2].message.contains("no type"));

    let results = run(
        r#"["not an object", {"type": "JsonSchema"}]"#,
        SchemaCheck::requiring_schema(),
    );
    let outcomes: Vec<Outcome> = results.iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, [Outcome::Indeterminate; 2]);

    let results = run("[]", SchemaCheck::requiring_schema());
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].outcome, Outcome::Indeterminate);
}

#[test]
fn at_most_sixteen_entries_are_checked() {
    let entry = r#"{"id": "https://w3id.org/ler/schemas/microcredential-us/1.0.0.json", "type": "JsonSchema"}"#;
    let many = format!("[{}]", vec![entry; 20].join(","));
    let results = run(&many, SchemaCheck::new());
    assert_eq!(results.len(), 17);
    assert!(results[..16].iter().all(|r| r.outcome == Outcome::Pass));
    assert_eq!(results[16].outcome, Outcome::Skipped);
    assert!(
        results[16]
            .message
            .starts_with("4 credentialSchema entries")
    );
}

//! Key material rules: a controller document with two different methods under one id is
//! invalid; a method whose `revoked` or `expires` time is at or before the verification time
//! (or unreadable) verifies nothing, a future one does (W3C Controller Documents 1.0); a
//! `did:key` method whose fragment names another key than the DID is invalid, not undecided.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ler_model::date::parse_date_time_stamp;
use ler_model::json::{Value, parse};
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::{Ed25519KeyPair, Ed25519Signer, MemoryResolver, ResolveError, Resolver};
use ler_verify::{
    Outcome, PresentationOptions, Report, Verdict, VerifyOptions, present, verify,
    verify_presentation,
};

const NOW: &str = "2026-11-29T00:00:00Z";
const DID: &str = "did:web:issuer.example";

fn key(seed: u8) -> Ed25519KeyPair {
    Ed25519KeyPair::from_seed(&[seed; 32])
}

/// A method object `#key-1` for the key of `seed`, with `extra` members (`, "revoked": …`).
fn method(seed: u8, extra: &str) -> String {
    format!(
        r##"{{"id":"{DID}#key-1","type":"Multikey","controller":"{DID}","publicKeyMultibase":"{}"{extra}}}"##,
        key(seed).public_key().to_multibase()
    )
}

/// A DID document with `methods` under verificationMethod, `#key-1` for assertions and
/// authentication.
fn document(methods: &[String]) -> Value {
    parse(
        format!(
            r##"{{"id":"{DID}","verificationMethod":[{}],"assertionMethod":["#key-1"],"authentication":["#key-1"]}}"##,
            methods.join(",")
        )
        .as_bytes(),
    )
    .unwrap()
}

fn resolver(document: Value) -> MemoryResolver {
    let mut resolver = MemoryResolver::new();
    resolver.insert_document(document).unwrap();
    resolver
}

fn signed_credential(seed: u8) -> String {
    let unsigned = parse(
        format!(
            r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"{DID}","validFrom":"2025-01-01T00:00:00Z","credentialSubject":{{"id":"did:example:learner"}}}}"#
        )
        .as_bytes(),
    )
    .unwrap();
    let signer = Ed25519Signer::new(key(seed), format!("{DID}#key-1"), DID);
    let options = ProofOptions::new(Cryptosuite::EddsaJcs2022).created("2025-01-01T00:00:00Z");
    di::sign(&unsigned, &options, &signer).unwrap().to_string()
}

fn report_with(document: Value, credential: &str) -> Report {
    let options = VerifyOptions::default()
        .at(parse_date_time_stamp(NOW).unwrap())
        .resolver(resolver(document));
    verify(credential.as_bytes(), &options).into_parts().0
}

fn signature(report: &Report) -> (Outcome, String) {
    let found: Vec<_> = report.checks_with_id("proof.signature").collect();
    assert_eq!(found.len(), 1, "{}", report.to_json());
    (found[0].outcome, found[0].message.clone())
}

#[test]
fn two_different_methods_under_one_id_are_refused_in_either_order() {
    let credential = signed_credential(1);
    for methods in [
        [method(1, ""), method(2, "")],
        [method(2, ""), method(1, "")],
    ] {
        let report = report_with(document(&methods), &credential);
        let (outcome, message) = signature(&report);
        assert_eq!(outcome, Outcome::Fail, "{message}");
        assert!(
            message.contains("two different verification methods share this id"),
            "{message}"
        );
        assert_eq!(report.verdict, Verdict::Invalid);
    }
    // A relative and an absolute id name the same method too.
    let relative = format!(
        r##"{{"id":"#key-1","type":"Multikey","controller":"{DID}","publicKeyMultibase":"{}"}}"##,
        key(2).public_key().to_multibase()
    );
    let report = report_with(document(&[method(1, ""), relative]), &credential);
    assert_eq!(signature(&report).0, Outcome::Fail);
}

#[test]
fn the_same_method_repeated_verbatim_is_one_method() {
    // Published documents list a method under verificationMethod and embed it under
    // assertionMethod as well.
    let text = format!(
        r#"{{"id":"{DID}","verificationMethod":[{m}],"assertionMethod":[{m}]}}"#,
        m = method(1, "")
    );
    let report = report_with(parse(text.as_bytes()).unwrap(), &signed_credential(1));
    assert_eq!(report.verdict, Verdict::Verified, "{}", report.to_json());
}

#[test]
fn a_revoked_or_expired_method_verifies_nothing_and_a_future_one_does() {
    let credential = signed_credential(1);
    for (extra, expected, needle) in [
        (
            r#","revoked":"2026-01-01T00:00:00Z""#,
            Outcome::Fail,
            "revoked since 2026-01-01T00:00:00Z",
        ),
        (
            r#","revoked":"2026-11-29T00:00:00Z""#,
            Outcome::Fail,
            "revoked since",
        ),
        (
            r#","expires":"2026-11-28T23:59:59Z""#,
            Outcome::Fail,
            "expired since",
        ),
        (
            r#","expires":"2026-11-29T00:00:00Z""#,
            Outcome::Fail,
            "expired since",
        ),
        (
            r#","revoked":"yesterday""#,
            Outcome::Fail,
            "revoked is not a valid date-time",
        ),
        (
            r#","expires":"2026-13-01T00:00:00Z""#,
            Outcome::Fail,
            "expires is not a valid date-time",
        ),
        (
            r#","revoked":"2027-01-01T00:00:00Z""#,
            Outcome::Pass,
            "signed by",
        ),
        (
            r#","expires":"2030-01-01T00:00:00Z""#,
            Outcome::Pass,
            "signed by",
        ),
    ] {
        let report = report_with(document(&[method(1, extra)]), &credential);
        let (outcome, message) = signature(&report);
        assert_eq!(outcome, expected, "{extra}: {message}");
        assert!(message.contains(needle), "{extra}: {message}");
        let verdict = if expected == Outcome::Pass {
            Verdict::Verified
        } else {
            Verdict::Invalid
        };
        assert_eq!(report.verdict, verdict, "{extra}");
    }
    // A time that is not a string cannot be read at all: the document is invalid.
    let report = report_with(
        document(&[method(1, r#","revoked":20260101"#)]),
        &credential,
    );
    let (outcome, message) = signature(&report);
    assert_eq!(outcome, Outcome::Fail);
    assert!(message.contains("/revoked"), "{message}");
}

#[test]
fn a_revoked_holder_key_does_not_authenticate_a_presentation() {
    let holder = Ed25519Signer::new(key(1), format!("{DID}#key-1"), DID);
    let options = PresentationOptions::new(Cryptosuite::EddsaJcs2022)
        .challenge("c-1")
        .created("2026-11-28T00:00:00Z");
    let presentation = present(&[], &holder, &options).unwrap().to_string();
    for (extra, expected) in [
        ("", Outcome::Pass),
        (r#","revoked":"2026-06-01T00:00:00Z""#, Outcome::Fail),
    ] {
        let options = VerifyOptions::default()
            .at(parse_date_time_stamp(NOW).unwrap())
            .challenge("c-1")
            .resolver(resolver(document(&[method(1, extra)])));
        let verification = verify_presentation(presentation.as_bytes(), &options);
        let report = verification.report();
        let found: Vec<_> = report.checks_with_id("presentation.proof").collect();
        assert_eq!(found.len(), 1, "{}", report.to_json());
        assert_eq!(found[0].outcome, expected, "{}", found[0].message);
    }
}

#[test]
fn a_did_key_fragment_naming_another_key_is_invalid() {
    let own = key(1).public_key();
    let other = key(2).public_key().to_multibase();
    let url = format!("{}#{other}", own.did_key());
    assert!(matches!(
        ler_proof::DidKeyResolver.resolve_verification_method(&url),
        Err(ResolveError::InvalidUrl { .. })
    ));
    // Signed by the DID's own key, but naming the other key as the method.
    let unsigned = parse(
        format!(
            r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"{}","credentialSubject":{{"id":"did:example:learner"}}}}"#,
            own.did_key()
        )
        .as_bytes(),
    )
    .unwrap();
    let signer = Ed25519Signer::new(key(1), url, own.did_key());
    let options = ProofOptions::new(Cryptosuite::EddsaJcs2022).created("2025-01-01T00:00:00Z");
    let signed = di::sign(&unsigned, &options, &signer).unwrap().to_string();
    let report = verify(
        signed.as_bytes(),
        &VerifyOptions::default().at(parse_date_time_stamp(NOW).unwrap()),
    )
    .into_parts()
    .0;
    let (outcome, message) = signature(&report);
    assert_eq!(outcome, Outcome::Fail, "{message}");
    assert!(message.contains("names another key"), "{message}");
    assert_eq!(report.verdict, Verdict::Invalid);
}

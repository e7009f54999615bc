//! `ler_verify::Limits`: each limit reached on unauthenticated input is the check
//! `limits.exceeded`, `indeterminate`, with a pointer where one is known; just under it the
//! credential verifies.

// Test helpers may unwrap: a panic there is a failed test with a backtrace.
#![allow(clippy::unwrap_used)]

use ler_model::json::{self, ParseOptions};
use ler_proof::{Ed25519KeyPair, Ed25519Signer, di};
use ler_verify::{Finding, Limits, Outcome, Report, Verdict, VerifyOptions, verify};

/// A credential signed with eddsa-rdfc-2022 whose subject holds `empty` empty objects (each a
/// blank node that first-degree hashing cannot tell apart) and an inline context term.
fn signed(empty: usize) -> String {
    let key = Ed25519KeyPair::from_seed(&[9; 32]);
    let issuer = key.public_key().did_key();
    let items = vec!["{}"; empty].join(",");
    let credential = json::parse(
        format!(
            r#"{{
        "@context": ["https://www.w3.org/ns/credentials/v2",
                     {{"items": "https://example.org/items", "note": "https://example.org/note"}}],
        "type": ["VerifiableCredential"],
        "issuer": "{issuer}",
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {{"id": "did:example:learner", "note": "x", "items": [{items}]}}
    }}"#
        )
        .as_bytes(),
    )
    .unwrap();
    let options =
        di::ProofOptions::new(di::Cryptosuite::EddsaRdfc2022).created("2024-05-01T12:00:00Z");
    di::sign(&credential, &options, &Ed25519Signer::did_key(key))
        .unwrap()
        .to_string()
}

fn options(limits: Limits) -> VerifyOptions {
    VerifyOptions::default()
        .at(ler_model::date::parse_date_time_stamp("2026-01-01T00:00:00Z").unwrap())
        .limits(limits)
}

fn limit_check(report: &Report) -> Option<&Finding> {
    report.checks.iter().find(|c| c.id == "limits.exceeded")
}

/// The report refuses the input as over a limit, at `pointer`.
fn assert_refused(report: &Report, pointer: &str) {
    let check = limit_check(report).unwrap_or_else(|| panic!("{}", report.to_json()));
    assert_eq!(check.outcome, Outcome::Indeterminate);
    assert_eq!(check.pointer.as_deref().unwrap_or(""), pointer);
    assert_eq!(report.verdict, Verdict::Indeterminate);
}

fn jsonld(limits: ler_jsonld::Limits) -> Limits {
    Limits::default().jsonld(limits)
}

#[test]
fn default_limits_verify_an_honest_credential() {
    let report = verify(signed(3).as_bytes(), &options(Limits::default()))
        .into_parts()
        .0;
    assert_eq!(report.verdict, Verdict::Verified, "{}", report.to_json());
    assert!(limit_check(&report).is_none());
}

#[test]
fn input_size_and_nesting() {
    let bytes = signed(3);
    let at = ParseOptions::default().max_bytes(bytes.len());
    let report = verify(bytes.as_bytes(), &options(Limits::default().parse(at)))
        .into_parts()
        .0;
    assert_eq!(report.verdict, Verdict::Verified);
    let under = ParseOptions::default().max_bytes(bytes.len() - 1);
    let report = verify(bytes.as_bytes(), &options(Limits::default().parse(under)))
        .into_parts()
        .0;
    assert_refused(&report, "");
    assert_eq!(report.checks.len(), 1);

    let shallow = ParseOptions::default().max_depth(2);
    let report = verify(bytes.as_bytes(), &options(Limits::default().parse(shallow)))
        .into_parts()
        .0;
    let check = limit_check(&report).unwrap();
    assert_eq!(check.outcome, Outcome::Indeterminate);
    assert_eq!(report.verdict, Verdict::Indeterminate);
}

#[test]
fn blank_nodes() {
    // The subject, the 40 empty objects: 41 blank nodes.
    let bytes = signed(40);
    let at = jsonld(ler_jsonld::Limits::default().max_blank_nodes(41));
    assert_eq!(
        verify(bytes.as_bytes(), &options(at))
            .into_parts()
            .0
            .verdict,
        Verdict::Verified
    );
    let under = jsonld(ler_jsonld::Limits::default().max_blank_nodes(40));
    assert_refused(
        &verify(bytes.as_bytes(), &options(under)).into_parts().0,
        "/proof",
    );
}

#[test]
fn statements() {
    let bytes = signed(0);
    let report = verify(bytes.as_bytes(), &options(Limits::default()))
        .into_parts()
        .0;
    assert_eq!(report.verdict, Verdict::Verified);
    let tight = jsonld(ler_jsonld::Limits::default().max_statements(3));
    let report = verify(bytes.as_bytes(), &options(tight)).into_parts().0;
    assert!(limit_check(&report).is_some(), "{}", report.to_json());
    assert_eq!(report.verdict, Verdict::Indeterminate);
}

#[test]
fn hashing_work_for_the_whole_dataset() {
    // 40 indistinguishable blank nodes each need Hash N-Degree Quads (one step each here).
    let bytes = signed(40);
    let at = jsonld(ler_jsonld::Limits::default().max_hash_work(40));
    assert_eq!(
        verify(bytes.as_bytes(), &options(at))
            .into_parts()
            .0
            .verdict,
        Verdict::Verified
    );
    let tight = jsonld(ler_jsonld::Limits::default().max_hash_work(39));
    assert_refused(
        &verify(bytes.as_bytes(), &options(tight)).into_parts().0,
        "/proof",
    );
}

#[test]
fn inline_context_terms_and_size() {
    // Two array entries and two terms.
    let bytes = signed(0);
    let at = jsonld(ler_jsonld::Limits::default().max_context_terms(4));
    assert_eq!(
        verify(bytes.as_bytes(), &options(at))
            .into_parts()
            .0
            .verdict,
        Verdict::Verified
    );
    let under = jsonld(ler_jsonld::Limits::default().max_context_terms(3));
    assert_refused(
        &verify(bytes.as_bytes(), &options(under)).into_parts().0,
        "/@context",
    );
    let small = jsonld(ler_jsonld::Limits::default().max_context_bytes(10));
    assert_refused(
        &verify(bytes.as_bytes(), &options(small)).into_parts().0,
        "/@context",
    );
}

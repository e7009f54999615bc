//! ssi 0.16 signs with `eddsa-rdfc-2022` (Ed25519 key from a fixed seed, did:key verification
//! method); ler verifies the result and rejects a tampered copy.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{ler_verify, method_url, ssi_sign, tamper};
use ler_model::json::Value;
use ler_proof::di::ProofError;

fn check(credential: &str, from: &str, to: &str) {
    let signed = ssi_sign(credential);

    // The proof ssi made is the one the suite defines.
    let proof = common::proof_of(&signed);
    let text = |member: &str| proof.get(member).and_then(Value::as_str).map(str::to_owned);
    assert_eq!(
        text("type").as_deref(),
        Some("DataIntegrityProof"),
        "{signed}"
    );
    assert_eq!(
        text("cryptosuite").as_deref(),
        Some("eddsa-rdfc-2022"),
        "{signed}"
    );
    assert_eq!(text("verificationMethod"), Some(method_url()), "{signed}");
    assert_eq!(
        text("proofPurpose").as_deref(),
        Some("assertionMethod"),
        "{signed}"
    );

    let verification = ler_verify(&signed);
    assert!(
        verification.is_verified(),
        "ler rejects ssi's proof: {verification:?}\n{signed}"
    );
    assert_eq!(verification.proofs.len(), 1);

    let tampered = tamper(&signed, from, to);
    let verification = ler_verify(&tampered);
    assert_eq!(
        verification.first_error(),
        Some(("/proof", &ProofError::InvalidSignature)),
        "{verification:?}"
    );
}

#[test]
fn plain_vc2_signed_by_ssi_verifies_in_ler() {
    check(&common::plain_vc2(), "Pat Example", "Pat Exampel");
}

#[test]
fn ob3_achievement_credential_signed_by_ssi_verifies_in_ler() {
    check(&common::ob3(), "Teamwork Badge", "Teamwork Badgf");
}

#[test]
fn ssi_default_created_with_milliseconds_verifies_in_ler() {
    // ssi's default `created` is the current time with milliseconds, which ler must accept.
    let signed = common::ssi_sign_with_created(&common::plain_vc2(), None);
    let created = common::proof_of(&signed)
        .get("created")
        .and_then(Value::as_str)
        .unwrap()
        .to_owned();
    assert_ne!(created, common::CREATED);
    let verification = ler_verify(&signed);
    assert!(verification.is_verified(), "{verification:?}\n{signed}");
}

//! ler signs with `eddsa-rdfc-2022` (Ed25519 key from a fixed seed, did:key verification
//! method); ssi 0.16 verifies the result and rejects a tampered copy. Both sides signing the
//! same credential with the same proof options must give the same `proofValue` (Ed25519 is
//! deterministic), which shows the two canonical forms agree byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{ler_sign, ssi_sign, ssi_verify, tamper};
use ler_model::json::Value;

fn check(credential: &str, from: &str, to: &str) {
    let signed = ler_sign(credential);
    if let Err(reason) = ssi_verify(&signed) {
        panic!("ssi rejects ler's proof: {reason}\n{signed}");
    }

    let tampered = tamper(&signed, from, to);
    let outcome = ssi_verify(&tampered);
    assert!(
        outcome
            .as_ref()
            .is_err_and(|reason| reason.starts_with("invalid")),
        "ssi must reject the tampered copy as invalid: {outcome:?}"
    );

    // The proof without its value: a tamper of the proof itself fails in ssi too.
    let tampered_proof = tamper(&signed, common::CREATED, "2026-01-02T03:04:06Z");
    assert!(ssi_verify(&tampered_proof).is_err());
}

fn proof_value(signed: &str) -> String {
    common::proof_of(signed)
        .get("proofValue")
        .and_then(Value::as_str)
        .unwrap()
        .to_owned()
}

#[test]
fn plain_vc2_signed_by_ler_verifies_in_ssi() {
    check(&common::plain_vc2(), "Pat Example", "Pat Exampel");
}

#[test]
fn ob3_achievement_credential_signed_by_ler_verifies_in_ssi() {
    check(&common::ob3(), "Teamwork Badge", "Teamwork Badgf");
}

#[test]
fn both_sides_make_the_same_proof_value() {
    for credential in [common::plain_vc2(), common::ob3()] {
        assert_eq!(
            proof_value(&ler_sign(&credential)),
            proof_value(&ssi_sign(&credential)),
            "same key, same proof options, same document: same signature"
        );
    }
}

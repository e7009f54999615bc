//! The W3C vc-di-eddsa `eddsa-rdfc-2022` test vectors on both sides: ssi verifies the published
//! signed credential, and ssi and ler, signing the unsigned credential with the vector's key and
//! proof options, both produce the published `proofValue`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use ler_model::json::Value;
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::{Ed25519KeyPair, Ed25519Signer};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text_member(value: &Value, name: &str) -> String {
    value.get(name).and_then(Value::as_str).unwrap().to_owned()
}

/// `unsigned`: the credential; `dir`: the `*DataInt*` files; `key_pair`: `keyPair.json`.
fn check(unsigned: &Path, dir: &Path, key_pair: &Path) {
    let key_pair = ler_model::json::parse(read(key_pair).as_bytes()).unwrap();
    let key = Ed25519KeyPair::from_secret_multibase(&text_member(&key_pair, "privateKeyMultibase"))
        .unwrap();
    let config =
        ler_model::json::parse(read(&dir.join("proofConfigDataInt.json")).as_bytes()).unwrap();
    let method = text_member(&config, "verificationMethod");
    let created = text_member(&config, "created");
    let expected = read(&dir.join("sigBTC58DataInt.txt")).trim().to_owned();
    let signed_vector = read(&dir.join("signedDataInt.json"));
    let unsigned = read(unsigned);

    assert_eq!(
        common::ssi_verify(&signed_vector),
        Ok(()),
        "ssi verifies {}",
        dir.display()
    );

    let by_ssi = common::ssi_sign_as(&unsigned, &key, &method, Some(&created));
    let proof_value = |signed: &str| text_member(&common::proof_of(signed), "proofValue");
    assert_eq!(proof_value(&by_ssi), expected, "ssi");

    let options = ProofOptions::new(Cryptosuite::EddsaRdfc2022).created(created);
    let controller = method.split('#').next().unwrap().to_owned();
    let document = ler_model::json::parse(unsigned.as_bytes()).unwrap();
    let by_ler = di::sign(
        &document,
        &options,
        &Ed25519Signer::new(key, method, controller),
    )
    .unwrap();
    assert_eq!(proof_value(&by_ler.to_string()), expected, "ler");
}

#[test]
fn carried_vector() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/ler-proof/tests/fixtures/w3c-eddsa");
    check(
        &dir.join("unsigned.json"),
        &dir.join("rdfc"),
        &dir.join("keyPair.json"),
    );
}

fn shared_eddsa() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/vectors/eddsa");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("{} not found: skipping this test", dir.display());
        None
    }
}

#[test]
fn shared_vectors() {
    let Some(eddsa) = shared_eddsa() else {
        return;
    };
    let rdfc = eddsa.join("eddsa-rdfc-2022");
    check(
        &eddsa.join("unsigned.json"),
        &rdfc,
        &eddsa.join("keyPair.json"),
    );
    check(
        &eddsa.join("employmentAuth.json"),
        &rdfc.join("employ"),
        &eddsa.join("keyPair.json"),
    );
}

#[test]
fn ob3_and_clr2_spec_vectors_verify_in_ssi() {
    // 1EdTech's signed OB 3.0 and CLR 2.0 examples (key at an https URL, given to ssi as a
    // Multikey document), checked by ssi with ler's pinned contexts.
    let Some(eddsa) = shared_eddsa() else {
        return;
    };
    for name in ["obv3p0", "clrv2p0"] {
        let dir = eddsa.join("../ob3-clr2/spec-vectors").join(name);
        let keypair: serde_json::Value =
            serde_json::from_str(&read(&dir.join("keypair.json"))).unwrap();
        let method = keypair["verificationMethod"].clone();
        let signed = read(&dir.join("credential-signed.json"));
        assert_eq!(
            common::ssi_verify_with_methods(&signed, std::slice::from_ref(&method)),
            Ok(()),
            "{name}"
        );
        let tampered = common::tamper(&signed, "\"name\": \"", "\"name\": \"X");
        assert!(
            common::ssi_verify_with_methods(&tampered, &[method]).is_err(),
            "{name}"
        );
    }
}

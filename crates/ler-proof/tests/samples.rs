//! `samples/` at the repository root: cross-implementation vectors generated from fixed seeds.
//! This test regenerates every file and fails on any difference; it also checks that each sample
//! gets the verdict the manifest gives. To regenerate after a deliberate change:
//! `LER_WRITE_SAMPLES=1 cargo test -p ler-proof --test samples`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ler_proof::hazmat;
use std::path::{Path, PathBuf};

use ler_model::json::{self, Object, Value};
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::hazmat::ProofCheckOptions;
use ler_proof::{DidKeyResolver, Ed25519KeyPair, Ed25519Signer};
use sha2::{Digest, Sha256};

const CREATED: &str = "2025-01-01T00:00:00Z";

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

/// A key from a fixed, documented seed: SHA-256 of the label.
fn issuer(label: &str) -> Ed25519Signer {
    let seed: [u8; 32] = Sha256::digest(label.as_bytes()).into();
    Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&seed))
}

fn input(name: &str) -> Value {
    let bytes = std::fs::read(samples_dir().join("inputs").join(name)).unwrap();
    json::parse(&bytes).unwrap()
}

/// The input with its issuer replaced by the signer's did:key, so issuer and key agree.
fn issued_by(doc: &Value, signer: &Ed25519Signer) -> Value {
    let mut doc = doc.clone();
    let object = doc.as_object_mut().unwrap();
    match object.get_mut("issuer") {
        Some(Value::Object(issuer)) => {
            issuer.insert("id", signer.controller());
        }
        _ => {
            object.insert("issuer", signer.controller());
        }
    }
    doc
}

fn options(suite: Cryptosuite) -> ProofOptions {
    ProofOptions::new(suite).created(CREATED)
}

fn replace_in(doc: &Value, from: &str, to: &str) -> Value {
    let text = doc.to_string();
    assert!(text.contains(from), "{from}");
    json::parse(text.replacen(from, to, 1).as_bytes()).unwrap()
}

struct Sample {
    file: String,
    description: String,
    document: Value,
    expected_error: Option<&'static str>,
}

fn generate() -> (Vec<(String, String)>, Vec<Sample>) {
    let issuer1 = issuer("ler-samples/issuer-1");
    let issuer2 = issuer("ler-samples/issuer-2");
    let keys = vec![
        (
            "keys/issuer-1.json".to_owned(),
            issuer1.to_key_file().to_string(),
        ),
        (
            "keys/issuer-2.json".to_owned(),
            issuer2.to_key_file().to_string(),
        ),
    ];
    let mut samples = Vec::new();
    let mut push = |file: &str, description: &str, document: Value, expected_error| {
        samples.push(Sample {
            file: file.into(),
            description: description.into(),
            document,
            expected_error,
        });
    };

    let suites = [
        (Cryptosuite::EddsaRdfc2022, "eddsa-rdfc-2022"),
        (Cryptosuite::EddsaJcs2022, "eddsa-jcs-2022"),
    ];
    for (name, what) in [
        ("ob3-small", "Open Badges 3.0 credential"),
        (
            "clr2-10",
            "CLR 2.0 credential embedding 10 Open Badges credentials",
        ),
        (
            "employment",
            "employment record (ler employment/v1 context)",
        ),
        ("vc2-plain", "plain VC 2.0 credential"),
    ] {
        let doc = issued_by(&input(&format!("{name}.json")), &issuer1);
        for (suite, label) in suites {
            let signed = di::sign(&doc, &options(suite), &issuer1).unwrap();
            push(
                &format!("signed/{name}.{label}.json"),
                &format!("{what}, {label}, issuer-1"),
                signed,
                None,
            );
        }
    }

    let base = issued_by(&input("ob3-small.json"), &issuer1);
    let first = di::sign(
        &base,
        &options(Cryptosuite::EddsaRdfc2022).id("urn:uuid:1d8e5a8a-0000-4000-8000-000000000001"),
        &issuer1,
    )
    .unwrap();
    let set = di::sign(
        &first,
        &options(Cryptosuite::EddsaRdfc2022).id("urn:uuid:1d8e5a8a-0000-4000-8000-000000000002"),
        &issuer2,
    )
    .unwrap();
    push(
        "signed/ob3-small.proof-set.json",
        "proof set: issuer-1 and issuer-2 sign independently (eddsa-rdfc-2022)",
        set,
        None,
    );
    let chain = di::sign(
        &first,
        &options(Cryptosuite::EddsaRdfc2022)
            .previous_proof("urn:uuid:1d8e5a8a-0000-4000-8000-000000000001"),
        &issuer2,
    )
    .unwrap();
    push(
        "signed/ob3-small.proof-chain.json",
        "proof chain: issuer-2's proof names issuer-1's as previousProof (eddsa-rdfc-2022)",
        chain.clone(),
        None,
    );

    let rdfc = di::sign(&base, &options(Cryptosuite::EddsaRdfc2022), &issuer1).unwrap();
    let jcs = di::sign(&base, &options(Cryptosuite::EddsaJcs2022), &issuer1).unwrap();
    let name = base
        .pointer("/credentialSubject/achievement/name")
        .and_then(Value::as_str)
        .unwrap()
        .to_owned();
    let renamed = format!("{name} (changed)");
    push(
        "tampered/ob3-small.rdfc.subject-changed.json",
        "achievement name changed after signing",
        replace_in(&rdfc, &format!("\"{name}\""), &format!("\"{renamed}\"")),
        Some("invalid-signature"),
    );
    push(
        "tampered/ob3-small.jcs.subject-changed.json",
        "achievement name changed after signing",
        replace_in(&jcs, &format!("\"{name}\""), &format!("\"{renamed}\"")),
        Some("invalid-signature"),
    );
    let pv = rdfc
        .pointer("/proof/proofValue")
        .and_then(Value::as_str)
        .unwrap()
        .to_owned();
    let mut other_pv = hazmat::decode_proof_value(&pv).unwrap();
    other_pv[10] ^= 0x01;
    push(
        "tampered/ob3-small.rdfc.proof-value-changed.json",
        "one bit of the signature flipped",
        replace_in(&rdfc, &pv, &hazmat::encode_proof_value(&other_pv)),
        Some("invalid-signature"),
    );
    push(
        "tampered/ob3-small.rdfc.other-key.json",
        "verificationMethod names issuer-2, signature is issuer-1's",
        replace_in(&rdfc, issuer1.id(), issuer2.id()),
        Some("invalid-signature"),
    );
    push(
        "tampered/ob3-small.rdfc.unknown-cryptosuite.json",
        "cryptosuite renamed to the retired eddsa-2022",
        replace_in(&rdfc, "\"eddsa-rdfc-2022\"", "\"eddsa-2022\""),
        Some("unknown-cryptosuite"),
    );
    push(
        "tampered/ob3-small.rdfc.previous-proof-missing.json",
        "proof chain whose previousProof was removed from the document",
        remove_first_proof(&chain),
        Some("previous-proof-not-found"),
    );

    // An undefined term under eddsa-jcs-2022 with a good signature (as a stack that skips the
    // term check would make it): must fail all the same.
    let mut undefined = base.as_object().unwrap().clone();
    undefined.insert("undefinedTerm", "no context defines this");
    let undefined = Value::Object(undefined);
    let mut proof = Object::new();
    proof.insert("type", "DataIntegrityProof");
    proof.insert("cryptosuite", "eddsa-jcs-2022");
    proof.insert("created", CREATED);
    proof.insert("verificationMethod", issuer1.id());
    proof.insert("proofPurpose", "assertionMethod");
    proof.insert("@context", undefined.get("@context").unwrap().clone());
    let forms = hazmat::canonical_forms(Cryptosuite::EddsaJcs2022, &undefined, &proof).unwrap();
    proof.insert(
        "proofValue",
        hazmat::encode_proof_value(&issuer1.key_pair().sign(&forms.hash_data())),
    );
    let mut signed = undefined.as_object().unwrap().clone();
    signed.insert("proof", Value::Object(proof));
    push(
        "tampered/ob3-small.jcs.undefined-term.json",
        "a term no context defines, validly signed with eddsa-jcs-2022",
        Value::Object(signed),
        Some("jsonld"),
    );
    (keys, samples)
}

fn remove_first_proof(doc: &Value) -> Value {
    let mut doc = doc.clone();
    let object = doc.as_object_mut().unwrap();
    let Some(Value::Array(proofs)) = object.get_mut("proof") else {
        panic!("a proof set")
    };
    proofs.remove(0);
    doc
}

fn manifest(samples: &[Sample]) -> String {
    let mut entries = Vec::new();
    for s in samples {
        let mut e = Object::new();
        e.insert("file", s.file.as_str());
        e.insert("description", s.description.as_str());
        e.insert(
            "verdict",
            if s.expected_error.is_some() {
                "invalid"
            } else {
                "verified"
            },
        );
        if let Some(code) = s.expected_error {
            e.insert("error", code);
        }
        entries.push(Value::Object(e));
    }
    let mut m = Object::new();
    m.insert("generator", "ler-proof tests/samples.rs");
    m.insert("created", CREATED);
    m.insert(
        "keys",
        Value::from(vec!["keys/issuer-1.json", "keys/issuer-2.json"]),
    );
    m.insert("samples", Value::Array(entries));
    let mut text = Value::Object(m).to_pretty_string();
    text.push('\n');
    text
}

#[test]
fn samples_are_up_to_date_and_verify_as_the_manifest_says() {
    let dir = samples_dir();
    if !dir.join("inputs").is_dir() {
        eprintln!(
            "{} not found (crate built outside the repository): skipping",
            dir.display()
        );
        return;
    }
    let (keys, samples) = generate();
    let mut files: Vec<(String, String)> = keys;
    for s in &samples {
        let mut text = s.document.to_pretty_string();
        text.push('\n');
        files.push((s.file.clone(), text));
    }
    files.push(("manifest.json".into(), manifest(&samples)));

    if std::env::var_os("LER_WRITE_SAMPLES").is_some() {
        for (path, text) in &files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (path, text) in &files {
        match std::fs::read_to_string(dir.join(path)) {
            Ok(on_disk) if &on_disk == text => {}
            _ => stale.push(path.clone()),
        }
    }
    assert!(
        stale.is_empty(),
        "samples out of date (run LER_WRITE_SAMPLES=1 cargo test -p ler-proof --test samples): {stale:?}"
    );

    for s in &samples {
        let outcome =
            hazmat::verify_proofs(&s.document, &DidKeyResolver, &ProofCheckOptions::default())
                .unwrap();
        match s.expected_error {
            None => assert!(outcome.is_verified(), "{}: {outcome:?}", s.file),
            Some(code) => {
                let (_, error) = outcome
                    .first_error()
                    .unwrap_or_else(|| panic!("{} must fail", s.file));
                assert_eq!(error.code(), code, "{}: {error}", s.file);
            }
        }
    }
    // Key files read back as the same keys.
    for name in ["issuer-1", "issuer-2"] {
        let bytes = std::fs::read(dir.join(format!("keys/{name}.json"))).unwrap();
        let signer = Ed25519Signer::from_key_file(&bytes).unwrap();
        assert_eq!(
            signer.public_key(),
            issuer(&format!("ler-samples/{name}")).public_key()
        );
    }
}

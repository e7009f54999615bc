//! Legacy Ed25519Signature2020 (W3C vector) and the DCC real-world OB 3.0 credentials: signed by
//! other implementations, verified here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use ler_proof::hazmat;
use std::path::Path;

use ler_proof::di::ProofError;
use ler_proof::hazmat::ProofCheckOptions;
use ler_proof::{MemoryResolver, ResolveError};

#[cfg(feature = "legacy-ed25519-signature-2020")]
fn legacy_vector(dir: &Path, key_pair: &Path) {
    use ler_model::json::Value;
    use ler_proof::Ed25519KeyPair;
    use ler_proof::di::{self, Cryptosuite};
    use ler_proof::hazmat::CanonicalForms;

    let signed = common::read_json(&dir.join("signedEdSig.json"));
    let mut unsigned = signed.as_object().unwrap().clone();
    let proof = unsigned.remove("proof").unwrap();
    let unsigned = Value::Object(unsigned);
    let config = common::read_json(&dir.join("proofConfigEdSig.json"));
    let forms: CanonicalForms = hazmat::canonical_forms(
        Cryptosuite::LegacyEd25519Signature2020,
        &unsigned,
        config.as_object().unwrap(),
    )
    .unwrap();
    assert_eq!(forms.document, common::read(&dir.join("canonDocEdSig.txt")));
    assert_eq!(
        forms.proof_config,
        common::read(&dir.join("proofCanonEdSig.txt"))
    );
    let file = |name: &str| common::read(&dir.join(name)).trim().to_owned();
    assert_eq!(
        common::hex(&forms.document_hash()),
        file("docHashEdSig.txt")
    );
    assert_eq!(common::hex(&forms.proof_hash()), file("proofHashEdSig.txt"));
    assert_eq!(
        common::hex(&forms.hash_data()),
        file("combinedHashEdSig.txt")
    );
    let pair = common::read_json(key_pair);
    let key = Ed25519KeyPair::from_secret_multibase(
        pair.get("privateKeyMultibase")
            .and_then(Value::as_str)
            .unwrap(),
    )
    .unwrap();
    let signature = key.sign(&forms.hash_data());
    assert_eq!(common::hex(&signature), file("sigHexEdSig.txt"));
    assert_eq!(
        hazmat::encode_proof_value(&signature),
        file("sigBTC58EdSig.txt")
    );
    assert_eq!(
        proof.get("proofValue").and_then(Value::as_str),
        Some(file("sigBTC58EdSig.txt").as_str())
    );

    let verification = hazmat::verify_proofs(
        &signed,
        &ler_proof::DidKeyResolver,
        &ProofCheckOptions::default(),
    )
    .unwrap();
    assert!(verification.is_verified(), "{verification:?}");
    assert!(verification.proofs[0].result.as_ref().unwrap().is_legacy());
    // Legacy proofs are read, never made.
    let options = di::ProofOptions::new(Cryptosuite::LegacyEd25519Signature2020);
    let signer = ler_proof::Ed25519Signer::did_key(key);
    assert!(di::sign(&unsigned, &options, &signer).is_err());
}

#[cfg(feature = "legacy-ed25519-signature-2020")]
#[test]
fn legacy_ed25519_signature_2020_vectors() {
    let carried = common::fixtures().join("w3c-eddsa");
    legacy_vector(&carried.join("legacy"), &carried.join("keyPair.json"));
    if let Some(vectors) = common::shared_vectors() {
        let base = vectors.join("eddsa");
        legacy_vector(
            &base.join("ed25519-signature-2020"),
            &base.join("keyPair.json"),
        );
    }
}

#[cfg(not(feature = "legacy-ed25519-signature-2020"))]
#[test]
fn legacy_proofs_are_unsupported_without_the_feature() {
    let signed = common::read_json(&common::fixtures().join("w3c-eddsa/legacy/signedEdSig.json"));
    let verification = hazmat::verify_proofs(
        &signed,
        &ler_proof::DidKeyResolver,
        &ProofCheckOptions::default(),
    )
    .unwrap();
    assert_eq!(
        verification.proofs[0].result,
        Err(ProofError::UnsupportedProofType(
            "Ed25519Signature2020".into()
        ))
    );
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// Every DCC credential's proofs verify, except the tampered one (bad signature) and the one
/// whose did:web cannot be resolved. Status, expiry and schema are other checks.
#[test]
fn dcc_real_world_credentials() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let base = vectors.join("real-world/dcc-vc-test-fixtures");
    let mut resolver = MemoryResolver::new();
    for did in ["legacy", "oidf"] {
        resolver
            .insert_document(common::read_json(
                &base.join(format!("dids/{did}/did.json")),
            ))
            .unwrap();
    }
    let mut paths = Vec::new();
    for version in ["v1", "v2"] {
        files(&base.join(version), &mut paths);
    }
    paths.sort();
    let (mut verified, mut legacy_skipped, mut unknown_context, mut failed) = (0, 0, 0, Vec::new());
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc = common::read_json(path);
        let verification =
            hazmat::verify_proofs(&doc, &resolver, &ProofCheckOptions::default()).unwrap();
        for proof in &verification.proofs {
            match &proof.result {
                Ok(_) => verified += 1,
                Err(ProofError::UnsupportedProofType(t))
                    if t == "Ed25519Signature2020"
                        && !cfg!(feature = "legacy-ed25519-signature-2020") =>
                {
                    legacy_skipped += 1
                }
                Err(ProofError::InvalidSignature) if name.ends_with("-tampered.json") => {}
                Err(ProofError::Resolve(ResolveError::NotFound { .. }))
                    if name == "badDidWeb.json" => {}
                // Its context is in no registry here: failing closed is the right answer.
                Err(ProofError::JsonLd(e)) if e.to_string().contains("https://w3id.org/dcc/v1") => {
                    unknown_context += 1
                }
                Err(e) => failed.push(format!(
                    "{}{}: {e}",
                    path.strip_prefix(&base).unwrap().display(),
                    proof.pointer
                )),
            }
        }
        if name.ends_with("-tampered.json") {
            assert!(!verification.is_verified(), "{name} must fail");
        }
    }
    eprintln!(
        "DCC fixtures: {} files, {verified} proofs verified, {legacy_skipped} legacy proofs not checked, \
         {unknown_context} refused for an unknown context",
        paths.len()
    );
    assert_eq!(unknown_context, 1);
    assert!(
        failed.is_empty(),
        "{} proofs failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
    assert!(verified >= 40, "{verified}");
}

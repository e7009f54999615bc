//! W3C vc-di-eddsa and 1EdTech OB 3.0 / CLR 2.0 vectors: every intermediate value byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use ler_proof::hazmat;
use std::path::Path;

use ler_model::json::Value;
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::hazmat::{CanonicalForms, ProofCheckOptions};
use ler_proof::{DidKeyResolver, Ed25519KeyPair, Ed25519Signer, MemoryResolver, Resolver};

fn key_pair(dir: &Path) -> Ed25519KeyPair {
    let pair = common::read_json(&dir.join("keyPair.json"));
    let secret = pair
        .get("privateKeyMultibase")
        .and_then(Value::as_str)
        .unwrap();
    let key = Ed25519KeyPair::from_secret_multibase(secret).unwrap();
    assert_eq!(
        key.public_key().to_multibase(),
        pair.get("publicKeyMultibase")
            .and_then(Value::as_str)
            .unwrap(),
        "the seed's public key is the published one"
    );
    key
}

fn options_from(config: &Value) -> ProofOptions {
    let text = |m: &str| config.get(m).and_then(Value::as_str).unwrap().to_owned();
    let suite = Cryptosuite::from_name(&text("cryptosuite")).unwrap();
    let mut options = ProofOptions::new(suite)
        .created(text("created"))
        .proof_purpose(text("proofPurpose"));
    if let Some(id) = config.get("id").and_then(Value::as_str) {
        options = options.id(id);
    }
    options
}

/// Checks hashes, signature and proofValue from the two canonical forms, against the files
/// `<prefix>{docHash,proofHash,combinedHash,sigHex,sigBTC58}<suffix>.txt`.
fn check_hash_chain(dir: &Path, suffix: &str, forms: &CanonicalForms, key: &Ed25519KeyPair) {
    let file = |name: &str| {
        common::read(&dir.join(format!("{name}{suffix}.txt")))
            .trim()
            .to_owned()
    };
    assert_eq!(
        common::hex(&forms.document_hash()),
        file("docHash"),
        "document hash"
    );
    assert_eq!(
        common::hex(&forms.proof_hash()),
        file("proofHash"),
        "proof hash"
    );
    assert_eq!(
        common::hex(&forms.hash_data()),
        file("combinedHash"),
        "combined hash"
    );
    let signature = key.sign(&forms.hash_data());
    assert_eq!(common::hex(&signature), file("sigHex"), "signature");
    assert_eq!(
        hazmat::encode_proof_value(&signature),
        file("sigBTC58"),
        "proofValue"
    );
    assert_eq!(
        hazmat::decode_proof_value(&file("sigBTC58")).unwrap(),
        signature
    );
}

fn jcs_vector(dir: &Path) {
    let key = key_pair(dir);
    let unsigned = common::read_json(&dir.join("unsigned.json"));
    let config = common::read_json(&dir.join("proofConfigJCS.json"));
    let expected_signed = common::read_json(&dir.join("signedJCS.json"));

    // Canonical forms from the vector's proof configuration.
    let forms = hazmat::canonical_forms(
        Cryptosuite::EddsaJcs2022,
        &unsigned,
        config.as_object().unwrap(),
    )
    .unwrap();
    assert_eq!(
        forms.document,
        common::read(&dir.join("canonDocJCS.txt")),
        "canonical document"
    );
    assert_eq!(
        forms.proof_config,
        common::read(&dir.join("proofCanonJCS.txt")),
        "canonical proof config"
    );
    check_hash_chain(dir, "JCS", &forms, &key);

    // Signing the unsigned document gives the signed vector exactly (members in order).
    let vm = config
        .get("verificationMethod")
        .and_then(Value::as_str)
        .unwrap();
    let signer = Ed25519Signer::new(key.clone(), vm, vm.split('#').next().unwrap());
    let signed = di::sign(&unsigned, &options_from(&config), &signer).unwrap();
    assert_eq!(signed, expected_signed);
    assert_eq!(
        signed.to_pretty_string(),
        expected_signed.to_pretty_string()
    );

    // The signed vector verifies, and a changed byte does not.
    let verification = hazmat::verify_proofs(
        &expected_signed,
        &DidKeyResolver,
        &ProofCheckOptions::default(),
    )
    .unwrap();
    assert!(verification.is_verified(), "{verification:?}");
    let tampered = common::read(&dir.join("signedJCS.json"))
        .replace("The School of Examples", "The School of Exampler");
    let tampered = ler_model::json::parse(tampered.as_bytes()).unwrap();
    let verification =
        hazmat::verify_proofs(&tampered, &DidKeyResolver, &ProofCheckOptions::default()).unwrap();
    assert_eq!(
        verification.first_error().map(|e| e.1),
        Some(&di::ProofError::InvalidSignature)
    );
}

#[test]
fn eddsa_jcs_2022_carried_vector() {
    jcs_vector(&common::fixtures().join("w3c-eddsa"));
}

#[test]
fn eddsa_jcs_2022_shared_vector() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    // The shared layout keeps the key pair and unsigned document one level up.
    let tmp = tempdir_with(&vectors.join("eddsa"), "eddsa-jcs-2022");
    jcs_vector(&tmp);
}

/// Copies `<base>/keyPair.json`, `<base>/unsigned.json` and `<base>/<suite>/*` into one folder.
fn tempdir_with(base: &Path, suite: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("ler-proof-vectors-{}-{suite}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["keyPair.json", "unsigned.json"] {
        std::fs::copy(base.join(name), dir.join(name)).unwrap();
    }
    for entry in std::fs::read_dir(base.join(suite)).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    dir
}

/// eddsa-rdfc-2022 from the canonical N-Quads on: RDFC-1.0 leaves them unchanged, then hashes,
/// signature and proofValue match, and the signed document's proof verifies over them.
fn rdfc_from_canonical(dir: &Path, key: &Ed25519KeyPair) {
    let doc = common::read(&dir.join("canonDocDataInt.txt"));
    let proof = common::read(&dir.join("proofCanonDataInt.txt"));
    for text in [&doc, &proof] {
        let dataset = ler_jsonld::parse_nquads(text).unwrap();
        assert_eq!(
            ler_jsonld::canonicalize(&dataset).unwrap().nquads(),
            text.as_str(),
            "RDFC-1.0 fixpoint"
        );
    }
    let forms = CanonicalForms {
        proof_config: proof,
        document: doc,
    };
    check_hash_chain(dir, "DataInt", &forms, key);

    let signed = common::read_json(&dir.join("signedDataInt.json"));
    let proof = signed.get("proof").unwrap();
    let signature =
        hazmat::decode_proof_value(proof.get("proofValue").and_then(Value::as_str).unwrap())
            .unwrap();
    let vm = proof
        .get("verificationMethod")
        .and_then(Value::as_str)
        .unwrap();
    let method = DidKeyResolver.resolve_verification_method(vm).unwrap();
    assert_eq!(method.public_key, key.public_key());
    assert!(
        method
            .public_key
            .verify_strict(&forms.hash_data(), &signature)
    );
    let mut wrong = forms.hash_data();
    wrong[63] ^= 1;
    assert!(!method.public_key.verify_strict(&wrong, &signature));
}

#[test]
fn eddsa_rdfc_2022_carried_vector_from_canonical_forms() {
    let dir = common::fixtures().join("w3c-eddsa");
    rdfc_from_canonical(&dir.join("rdfc"), &key_pair(&dir));
}

#[test]
fn eddsa_rdfc_2022_shared_vectors_from_canonical_forms() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let key = key_pair(&vectors.join("eddsa"));
    rdfc_from_canonical(&vectors.join("eddsa/eddsa-rdfc-2022"), &key);
    rdfc_from_canonical(&vectors.join("eddsa/eddsa-rdfc-2022/employ"), &key);
}

/// 1EdTech OB 3.0 and CLR 2.0: keys, canonical forms → hashes → signature → proofValue.
#[test]
fn ob3_and_clr2_spec_vectors() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    for name in ["obv3p0", "clrv2p0"] {
        let dir = vectors.join("ob3-clr2/spec-vectors").join(name);
        let keypair = common::read_json(&dir.join("keypair.json"));
        let text = |v: &Value, p: &str| v.pointer(p).and_then(Value::as_str).unwrap().to_owned();
        let key =
            Ed25519KeyPair::from_secret_multibase(&text(&keypair, "/secretKeyMultibase")).unwrap();
        assert_eq!(
            common::hex(&key.public_key().to_bytes()),
            text(&keypair, "/publicKeyHex")
        );
        assert_eq!(
            key.public_key().to_multibase(),
            text(&keypair, "/verificationMethod/publicKeyMultibase")
        );
        let seed_then_public = common::unhex(&text(&keypair, "/privateKeyHex_seedThenPublic"));
        let from_seed = Ed25519KeyPair::from_seed(&seed_then_public[..32].try_into().unwrap());
        assert_eq!(from_seed.public_key(), key.public_key());

        let forms = CanonicalForms {
            proof_config: common::read(&dir.join("proof-canon.txt")),
            document: common::read(&dir.join("document-canon.txt")),
        };
        let expected = common::read_json(&dir.join("expected-hashes-signature.json"));
        assert_eq!(
            common::hex(&forms.document_hash()),
            text(&expected, "/documentHashHex"),
            "{name}"
        );
        assert_eq!(
            common::hex(&forms.proof_hash()),
            text(&expected, "/proofHashHex"),
            "{name}"
        );
        assert_eq!(
            common::hex(&forms.hash_data()),
            text(&expected, "/dataToSignHex"),
            "{name}"
        );
        let signature = key.sign(&forms.hash_data());
        assert_eq!(
            common::hex(&signature),
            text(&expected, "/signatureHex"),
            "{name}"
        );
        assert_eq!(
            hazmat::encode_proof_value(&signature),
            text(&expected, "/proofValue"),
            "{name}"
        );
        let signed = common::read_json(&dir.join("credential-signed.json"));
        // OB gives one proof object, CLR a one-element proof array.
        let proof_pointer = if signed.pointer("/proof/0").is_some() {
            "/proof/0"
        } else {
            "/proof"
        };
        let proof = signed.pointer(proof_pointer).unwrap();
        assert_eq!(
            text(proof, "/proofValue"),
            text(&expected, "/proofValue"),
            "{name}"
        );

        // The https verification method resolves through a controller document built from the
        // vector's Multikey, and the published signature verifies over the canonical forms.
        let mut resolver = MemoryResolver::new();
        let vm = keypair.get("verificationMethod").unwrap();
        let controller = text(vm, "/controller");
        let doc = format!(
            r#"{{"id":{controller:?},"verificationMethod":[{vm}],"assertionMethod":[{:?}]}}"#,
            text(vm, "/id")
        );
        resolver
            .insert_document(ler_model::json::parse(doc.as_bytes()).unwrap())
            .unwrap();
        let method = resolver
            .resolve_verification_method(&text(proof, "/verificationMethod"))
            .unwrap();
        assert!(method.allows(ler_proof::Relationship::AssertionMethod));
        let published = hazmat::decode_proof_value(&text(proof, "/proofValue")).unwrap();
        assert!(
            method
                .public_key
                .verify_strict(&forms.hash_data(), &published)
        );
    }
}

/// eddsa-rdfc-2022 end to end from JSON: canonical forms, signing gives the signed vector
/// exactly, and it verifies (and fails once changed).
fn rdfc_full(unsigned: &Path, dir: &Path, key: &Ed25519KeyPair) {
    let unsigned = common::read_json(unsigned);
    let config = common::read_json(&dir.join("proofConfigDataInt.json"));
    let forms = hazmat::canonical_forms(
        Cryptosuite::EddsaRdfc2022,
        &unsigned,
        config.as_object().unwrap(),
    )
    .unwrap();
    assert_eq!(
        forms.document,
        common::read(&dir.join("canonDocDataInt.txt")),
        "canonical document"
    );
    assert_eq!(
        forms.proof_config,
        common::read(&dir.join("proofCanonDataInt.txt")),
        "canonical proof config"
    );
    check_hash_chain(dir, "DataInt", &forms, key);

    let vm = config
        .get("verificationMethod")
        .and_then(Value::as_str)
        .unwrap();
    let signer = Ed25519Signer::new(key.clone(), vm, vm.split('#').next().unwrap());
    let signed = di::sign(&unsigned, &options_from(&config), &signer).unwrap();
    let expected = common::read_json(&dir.join("signedDataInt.json"));
    assert_eq!(signed, expected);
    let verification =
        hazmat::verify_proofs(&expected, &DidKeyResolver, &ProofCheckOptions::default()).unwrap();
    assert!(verification.is_verified(), "{verification:?}");

    let text = common::read(&dir.join("signedDataInt.json"));
    let tampered = text.replacen("\"validFrom\": \"20", "\"validFrom\": \"21", 1);
    assert_ne!(tampered, text);
    let tampered = ler_model::json::parse(tampered.as_bytes()).unwrap();
    let verification =
        hazmat::verify_proofs(&tampered, &DidKeyResolver, &ProofCheckOptions::default()).unwrap();
    assert_eq!(
        verification.first_error().map(|e| e.1),
        Some(&di::ProofError::InvalidSignature)
    );
}

#[test]
fn eddsa_rdfc_2022_carried_vector_end_to_end() {
    let dir = common::fixtures().join("w3c-eddsa");
    rdfc_full(
        &dir.join("unsigned.json"),
        &dir.join("rdfc"),
        &key_pair(&dir),
    );
}

#[test]
fn eddsa_rdfc_2022_shared_vectors_end_to_end() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let base = vectors.join("eddsa");
    let key = key_pair(&base);
    rdfc_full(
        &base.join("unsigned.json"),
        &base.join("eddsa-rdfc-2022"),
        &key,
    );
    rdfc_full(
        &base.join("employmentAuth.json"),
        &base.join("eddsa-rdfc-2022/employ"),
        &key,
    );
}

/// 1EdTech OB 3.0 and CLR 2.0 from JSON: canonical N-Quads, signature and proofValue byte for
/// byte, and the signed credentials verify through the issuer's controller document.
#[test]
fn ob3_and_clr2_spec_vectors_end_to_end() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    for name in ["obv3p0", "clrv2p0"] {
        let dir = vectors.join("ob3-clr2/spec-vectors").join(name);
        let keypair = common::read_json(&dir.join("keypair.json"));
        let text = |v: &Value, p: &str| v.pointer(p).and_then(Value::as_str).unwrap().to_owned();
        let key =
            Ed25519KeyPair::from_secret_multibase(&text(&keypair, "/secretKeyMultibase")).unwrap();
        let unsigned = common::read_json(&dir.join("credential-unsigned.json"));
        let options = common::read_json(&dir.join("proof-options.json"));
        let forms = hazmat::canonical_forms(
            Cryptosuite::EddsaRdfc2022,
            &unsigned,
            options.as_object().unwrap(),
        )
        .unwrap();
        assert_eq!(
            forms.document,
            common::read(&dir.join("document-canon.txt")),
            "{name} document"
        );
        assert_eq!(
            forms.proof_config,
            common::read(&dir.join("proof-canon.txt")),
            "{name} proof"
        );

        let vm = keypair.get("verificationMethod").unwrap();
        let signer = Ed25519Signer::new(key, text(vm, "/id"), text(vm, "/controller"));
        let signed = di::sign(&unsigned, &options_from(&options), &signer).unwrap();
        let expected = common::read_json(&dir.join("credential-signed.json"));
        let expected_proof = expected
            .pointer("/proof/0")
            .or_else(|| expected.get("proof"))
            .unwrap();
        // Same members (the vector orders them differently), same proofValue.
        let sorted = |v: &Value| {
            let mut members: Vec<(String, String)> = v
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.to_owned(), v.to_string()))
                .collect();
            members.sort();
            members
        };
        assert_eq!(
            sorted(signed.get("proof").unwrap()),
            sorted(expected_proof),
            "{name}"
        );

        let mut resolver = MemoryResolver::new();
        let doc = format!(
            r#"{{"id":{:?},"verificationMethod":[{vm}],"assertionMethod":[{:?}]}}"#,
            text(vm, "/controller"),
            text(vm, "/id")
        );
        resolver
            .insert_document(ler_model::json::parse(doc.as_bytes()).unwrap())
            .unwrap();
        let verification =
            hazmat::verify_proofs(&expected, &resolver, &ProofCheckOptions::default()).unwrap();
        assert!(verification.is_verified(), "{name}: {verification:?}");
    }
}

/// Proof sets and chains (vc-di-eddsa proof-set-chain): each signing step reproduces the
/// published document, and every proof of every signed document verifies.
#[test]
fn proof_set_and_chain_vectors() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let dir = vectors.join("eddsa/proof-set-chain");
    let pairs = common::read_json(&dir.join("multiKeyPairs.json"));
    let signer_for = |config: &Value| {
        let vm = config
            .get("verificationMethod")
            .and_then(Value::as_str)
            .unwrap();
        let public = vm.split('#').nth(1).unwrap();
        let (_, pair) = pairs
            .as_object()
            .unwrap()
            .iter()
            .find(|(_, p)| p.get("publicKeyMultibase").and_then(Value::as_str) == Some(public))
            .unwrap();
        let key = Ed25519KeyPair::from_secret_multibase(
            pair.get("privateKeyMultibase")
                .and_then(Value::as_str)
                .unwrap(),
        )
        .unwrap();
        Ed25519Signer::new(key, vm, vm.split('#').next().unwrap())
    };
    let options_for = |config: &Value| {
        let mut options = options_from(config);
        match config.get("previousProof") {
            Some(Value::String(id)) => options = options.previous_proof(id.as_str()),
            Some(Value::Array(ids)) => {
                options =
                    options.previous_proofs(ids.iter().map(|v| v.as_str().unwrap().to_owned()))
            }
            _ => {}
        }
        options
    };
    let mut doc = common::read_json(&dir.join("unsigned.json"));
    for (config, expected) in [
        ("proofSetConfig1.json", "signedProofSet1.json"),
        ("proofSetConfig2.json", "signedProofSet2.json"),
        ("proofChainConfig1.json", "signedProofChain1.json"),
        ("proofChainConfig2.json", "signedProofChain2.json"),
    ] {
        let config = common::read_json(&dir.join(config));
        doc = di::sign(&doc, &options_for(&config), &signer_for(&config)).unwrap();
        let expected = common::read_json(&dir.join(expected));
        assert_eq!(doc, expected, "{config}");
        let verification =
            hazmat::verify_proofs(&expected, &DidKeyResolver, &ProofCheckOptions::default())
                .unwrap();
        assert!(verification.is_verified(), "{verification:?}");
    }
}

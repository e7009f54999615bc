//! Signing changes nothing but `proof`; proof sets and chains; precise errors on bad proofs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ler_model::json::{self, Value};
use ler_proof::di::{self, Cryptosuite, ProofError, ProofOptions, VerifyError};
use ler_proof::hazmat;
use ler_proof::hazmat::ProofCheckOptions;
use ler_proof::{
    DidKeyResolver, Ed25519KeyPair, Ed25519Signer, MemoryResolver, ResolveError, Signer,
    SignerError,
};

const DOC: &str = r#"{
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
  "type": ["VerifiableCredential"],
  "issuer": "did:example:issuer",
  "zeta": 1.10, "alpha": 1e2, "big": 123000000000000000000000000000,
  "credentialSubject": {"id": "did:example:s", "b": [3, 2, 1], "a": "é\u00e9"}
}"#;

fn doc() -> Value {
    json::parse(DOC.as_bytes()).unwrap()
}

fn signer(seed: u8) -> Ed25519Signer {
    Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[seed; 32]))
}

fn jcs() -> ProofOptions {
    ProofOptions::new(Cryptosuite::EddsaJcs2022).created("2024-01-01T00:00:00Z")
}

fn verify(doc: &Value) -> hazmat::ProofVerification {
    hazmat::verify_proofs(doc, &DidKeyResolver, &ProofCheckOptions::default()).unwrap()
}

fn set(doc: &Value, pointer: &str, new: Value) -> Value {
    // Rebuild by text: replace the value at `pointer` (object members only).
    let mut doc = doc.clone();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let mut target = &mut doc;
    for token in parent.split('/').skip(1) {
        target = match target {
            Value::Object(o) => o.get_mut(token).unwrap(),
            Value::Array(a) => &mut a[token.parse::<usize>().unwrap()],
            _ => panic!(),
        };
    }
    target.as_object_mut().unwrap().insert(key, new);
    doc
}

fn remove(doc: &Value, pointer: &str) -> Value {
    let mut doc = doc.clone();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let mut target = &mut doc;
    for token in parent.split('/').skip(1) {
        target = match target {
            Value::Object(o) => o.get_mut(token).unwrap(),
            Value::Array(a) => &mut a[token.parse::<usize>().unwrap()],
            _ => panic!(),
        };
    }
    target.as_object_mut().unwrap().remove(key);
    doc
}

#[test]
fn signing_appends_proof_and_changes_nothing_else() {
    let original = doc();
    let signed = di::sign(&original, &jcs(), &signer(1)).unwrap();
    let text = signed.to_string();
    let original_text = original.to_string();
    // Same bytes up to the closing brace, then the proof as the last member.
    assert!(text.starts_with(&original_text[..original_text.len() - 1]));
    assert!(
        text[original_text.len() - 1..].starts_with(r#","proof":{"type":"DataIntegrityProof""#)
    );
    assert_eq!(remove(&signed, "/proof"), original);
    assert!(verify(&signed).is_verified());
}

#[test]
fn jcs_proof_keeps_the_document_context() {
    let signed = di::sign(&doc(), &jcs(), &signer(1)).unwrap();
    assert_eq!(signed.pointer("/proof/@context"), doc().get("@context"));
    // A proof @context that is not a prefix of the document's is refused.
    let bad = set(
        &signed,
        "/proof/@context",
        Value::from(vec!["https://www.w3.org/ns/credentials/examples/v2"]),
    );
    assert_eq!(
        verify(&bad).first_error().map(|e| e.1),
        Some(&ProofError::ContextMismatch)
    );
    // eddsa-jcs-2022 hashes the proof's @context in the document's place (Verify Proof step
    // 4.2), so entries appended after signing are covered by no signature: refused, whether
    // known or not, rather than trusted to define or redefine terms.
    for appended in [
        "https://www.w3.org/ns/credentials/undefined-terms/v2",
        "https://example.org/unknown-context",
    ] {
        let extended = set(
            &signed,
            "/@context",
            Value::from(vec![
                "https://www.w3.org/ns/credentials/v2",
                "https://www.w3.org/ns/credentials/examples/v2",
                appended,
            ]),
        );
        assert_eq!(
            verify(&extended).first_error().map(|e| e.1),
            Some(&ProofError::UnsignedContext { count: 1 })
        );
    }
    // Without the prefix, it fails.
    let replaced = set(
        &signed,
        "/@context",
        Value::from(vec!["https://www.w3.org/ns/credentials/v2"]),
    );
    assert_eq!(
        verify(&replaced).first_error().map(|e| e.1),
        Some(&ProofError::ContextMismatch)
    );
}

#[test]
fn proof_sets_and_chains() {
    let first = di::sign(&doc(), &jcs().id("urn:proof:1"), &signer(1)).unwrap();
    let set2 = di::sign(&first, &jcs().id("urn:proof:2"), &signer(2)).unwrap();
    assert_eq!(
        set2.get("proof")
            .and_then(Value::as_array)
            .map(<[Value]>::len),
        Some(2)
    );
    // The first proof is kept as it was.
    assert_eq!(set2.pointer("/proof/0"), first.get("proof"));
    let verification = verify(&set2);
    assert!(verification.is_verified(), "{verification:?}");
    assert_eq!(verification.proofs[1].pointer, "/proof/1");

    let chained = di::sign(
        &set2,
        &jcs()
            .id("urn:proof:3")
            .previous_proofs(["urn:proof:1", "urn:proof:2"]),
        &signer(3),
    )
    .unwrap();
    let chained = di::sign(&chained, &jcs().previous_proof("urn:proof:3"), &signer(4)).unwrap();
    let verification = verify(&chained);
    assert!(verification.is_verified(), "{verification:?}");
    assert_eq!(verification.proofs.len(), 4);

    // The chain covers the proofs it names: changing proof 3's created breaks proof 4 as well.
    let tampered = set(&chained, "/proof/2/created", "2024-01-02T00:00:00Z".into());
    let outcome = verify(&tampered);
    assert!(outcome.proofs[0].result.is_ok() && outcome.proofs[1].result.is_ok());
    assert_eq!(outcome.proofs[2].result, Err(ProofError::InvalidSignature));
    assert_eq!(outcome.proofs[3].result, Err(ProofError::InvalidSignature));

    // Removing a proof a chain names is a precise error.
    let mut proofs = chained
        .get("proof")
        .and_then(Value::as_array)
        .unwrap()
        .to_vec();
    proofs.remove(2);
    let broken = set(&chained, "/proof", Value::Array(proofs));
    assert_eq!(
        verify(&broken).proofs[2].result,
        Err(ProofError::PreviousProofNotFound("urn:proof:3".into()))
    );

    // A chain to a proof that is not there cannot be signed.
    let err = di::sign(&first, &jcs().previous_proof("urn:proof:9"), &signer(2)).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"/previousProof: no proof with id "urn:proof:9" in the document"#
    );

    // Two proofs with one id make previousProof ambiguous.
    let dup = di::sign(&first, &jcs().id("urn:proof:1"), &signer(2)).unwrap();
    assert_eq!(
        hazmat::verify_proofs(&dup, &DidKeyResolver, &ProofCheckOptions::default()).unwrap_err(),
        VerifyError::DuplicateProofId("urn:proof:1".into())
    );
}

#[test]
fn bad_proofs_give_precise_errors() {
    let signed = di::sign(&doc(), &jcs(), &signer(1)).unwrap();
    let first_error = |d: &Value| verify(d).first_error().map(|(_, e)| e.clone());

    let unknown = set(&signed, "/proof/cryptosuite", "eddsa-2022".into());
    assert_eq!(
        first_error(&unknown),
        Some(ProofError::UnknownCryptosuite("eddsa-2022".into()))
    );

    let legacy = set(&signed, "/proof/type", "Ed25519Signature2020".into());
    if cfg!(feature = "legacy-ed25519-signature-2020") {
        // Read as a legacy proof: the signature was made for a DataIntegrityProof, so it fails.
        assert_eq!(first_error(&legacy), Some(ProofError::InvalidSignature));
    } else {
        assert_eq!(
            first_error(&legacy),
            Some(ProofError::UnsupportedProofType(
                "Ed25519Signature2020".into()
            ))
        );
    }

    for member in [
        "type",
        "cryptosuite",
        "verificationMethod",
        "proofPurpose",
        "proofValue",
    ] {
        let missing = remove(&signed, &format!("/proof/{member}"));
        assert_eq!(
            first_error(&missing),
            Some(ProofError::MissingMember {
                pointer: format!("/{member}")
            }),
            "{member}"
        );
    }
    let number = set(&signed, "/proof/proofValue", Value::from(5));
    assert!(
        matches!(first_error(&number), Some(ProofError::InvalidMember { pointer, .. }) if pointer == "/proofValue")
    );

    let pv = signed
        .pointer("/proof/proofValue")
        .and_then(Value::as_str)
        .unwrap()
        .to_owned();
    let base64 = set(
        &signed,
        "/proof/proofValue",
        format!("u{}", &pv[1..]).into(),
    );
    assert_eq!(
        first_error(&base64),
        Some(ProofError::ProofValue(
            ler_proof::MultibaseError::NotBase58Btc('u')
        ))
    );
    let short = set(
        &signed,
        "/proof/proofValue",
        pv[..pv.len() - 2].to_string().into(),
    );
    assert!(matches!(
        first_error(&short),
        Some(ProofError::ProofValue(
            ler_proof::MultibaseError::WrongLength { .. }
        ))
    ));
    let huge = set(
        &signed,
        "/proof/proofValue",
        format!("z{}", "2".repeat(1 << 20)).into(),
    );
    let started = std::time::Instant::now();
    assert!(matches!(
        first_error(&huge),
        Some(ProofError::ProofValue(
            ler_proof::MultibaseError::TooLong { .. }
        ))
    ));
    assert!(started.elapsed() < std::time::Duration::from_secs(1));

    // A non-canonical signature: S + L (the group order) is refused by verify_strict.
    let mut sig = hazmat::decode_proof_value(&pv).unwrap();
    add_group_order(&mut sig[32..]);
    let malleable = set(
        &signed,
        "/proof/proofValue",
        hazmat::encode_proof_value(&sig).into(),
    );
    assert_eq!(first_error(&malleable), Some(ProofError::InvalidSignature));

    let purpose = set(&signed, "/proof/proofPurpose", "authentication".into());
    assert!(matches!(
        first_error(&purpose),
        Some(ProofError::UnexpectedPurpose { .. })
    ));

    let created = set(&signed, "/proof/created", "yesterday".into());
    assert!(
        matches!(first_error(&created), Some(ProofError::InvalidMember { pointer, .. }) if pointer == "/created")
    );

    // A key that is not Ed25519 (X25519 did:key) and an unknown DID method.
    let x25519 = "did:key:z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F#z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F";
    let wrong_key = set(&signed, "/proof/verificationMethod", x25519.into());
    assert!(matches!(
        first_error(&wrong_key),
        Some(ProofError::Resolve(ResolveError::UnsupportedKeyType { .. }))
    ));
    let web = set(
        &signed,
        "/proof/verificationMethod",
        "did:web:example.com#key-1".into(),
    );
    assert!(matches!(
        first_error(&web),
        Some(ProofError::Resolve(ResolveError::UnsupportedMethod { .. }))
    ));
    // Signed by another did:key than the one named.
    let other = set(&signed, "/proof/verificationMethod", signer(2).id().into());
    assert_eq!(first_error(&other), Some(ProofError::InvalidSignature));

    assert_eq!(
        hazmat::verify_proofs(&doc(), &DidKeyResolver, &ProofCheckOptions::default()).unwrap_err(),
        VerifyError::NoProof
    );
    let not_object = set(&signed, "/proof", Value::from(vec![1]));
    assert_eq!(
        hazmat::verify_proofs(&not_object, &DidKeyResolver, &ProofCheckOptions::default())
            .unwrap_err(),
        VerifyError::ProofNotAnObject {
            pointer: "/proof/0".into()
        }
    );
}

/// Adds the Ed25519 group order L to a little-endian scalar (wrapping at 2^256).
fn add_group_order(s: &mut [u8]) {
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut carry = 0u16;
    for (b, l) in s.iter_mut().zip(L) {
        let sum = u16::from(*b) + u16::from(l) + carry;
        *b = sum as u8;
        carry = sum >> 8;
    }
}

#[test]
fn method_must_be_authorized_for_the_purpose() {
    let key = Ed25519KeyPair::from_seed(&[7; 32]);
    let signer = Ed25519Signer::new(
        key.clone(),
        "https://example.edu/issuers/1#key-1",
        "https://example.edu/issuers/1",
    );
    let signed = di::sign(&doc(), &jcs(), &signer).unwrap();
    let vm = signer.verification_method_document();
    let mut resolver = MemoryResolver::new();
    // Listed only under authentication: not allowed to assert.
    let text = format!(
        r##"{{"id":"https://example.edu/issuers/1","verificationMethod":[{vm}],"authentication":["#key-1"]}}"##
    );
    resolver
        .insert_document(json::parse(text.as_bytes()).unwrap())
        .unwrap();
    let outcome = hazmat::verify_proofs(&signed, &resolver, &ProofCheckOptions::default()).unwrap();
    assert!(matches!(
        outcome.first_error(),
        Some((_, ProofError::NotAuthorized { .. }))
    ));
    let text = format!(
        r##"{{"id":"https://example.edu/issuers/1","verificationMethod":[{vm}],"assertionMethod":["#key-1"]}}"##
    );
    let mut resolver = MemoryResolver::new();
    resolver
        .insert_document(json::parse(text.as_bytes()).unwrap())
        .unwrap();
    let outcome = hazmat::verify_proofs(&signed, &resolver, &ProofCheckOptions::default()).unwrap();
    assert!(outcome.is_verified(), "{outcome:?}");
    assert_eq!(
        outcome.proofs[0].result.as_ref().unwrap().method.controller,
        "https://example.edu/issuers/1"
    );
}

struct FailingSigner;

impl Signer for FailingSigner {
    fn verification_method(&self) -> &str {
        "did:example:hsm#1"
    }
    fn sign(&self, _: &[u8]) -> Result<[u8; 64], SignerError> {
        Err(SignerError::Backend("HSM offline".into()))
    }
}

#[test]
fn a_failing_signer_is_an_error() {
    let err = di::sign(&doc(), &jcs(), &FailingSigner).unwrap_err();
    assert_eq!(err.to_string(), "signing backend failed: HSM offline");
}

#[test]
fn numbers_sign_by_value_under_jcs_but_keep_their_text() {
    let signed = di::sign(&doc(), &jcs(), &signer(1)).unwrap();
    assert_eq!(signed.get("zeta").unwrap().to_string(), "1.10");
    // 1.10 and 1.1 are the same JCS number: the signature covers the value, not the spelling.
    let respelled = json::parse(signed.to_string().replace("1.10", "1.1").as_bytes()).unwrap();
    assert!(verify(&respelled).is_verified());
    let changed = json::parse(signed.to_string().replace("1.10", "1.2").as_bytes()).unwrap();
    assert!(!verify(&changed).is_verified());
}

/// A number whose text says more than the double the suite hashes is refused: a caller reading
/// the lossless text would otherwise read digits nobody signed.
#[test]
fn numbers_the_suite_cannot_sign_exactly_are_refused_when_signing_and_verifying() {
    let rdfc = ProofOptions::new(Cryptosuite::EddsaRdfc2022).created("2024-01-01T00:00:00Z");
    for options in [jcs(), rdfc.clone()] {
        let suite = options.cryptosuite();
        let signed = di::sign(&doc(), &options, &signer(1)).unwrap();
        assert!(verify(&signed).is_verified(), "{suite}");
        // 1e2 and 1.10 are written exactly; 100.00000000000000001 hashes as 100.
        for (exact, inexact, pointer) in [
            (
                r#""alpha":1e2"#,
                r#""alpha":100.00000000000000001"#,
                "/alpha",
            ),
            (r#""alpha":1e2"#, r#""alpha":1e400"#, "/alpha"),
            (
                r#""b":[3,2,1]"#,
                r#""b":[9007199254740993,2,1]"#,
                "/credentialSubject/b/0",
            ),
        ] {
            let text = signed.to_string().replace(exact, inexact);
            let tampered = json::parse(text.as_bytes()).unwrap();
            let verification = verify(&tampered);
            match verification.first_error() {
                Some((
                    _,
                    ProofError::InexactNumber {
                        pointer: p,
                        in_proof: false,
                        ..
                    },
                )) => {
                    assert_eq!(p, pointer, "{suite} {inexact}")
                }
                other => panic!("{suite} {inexact}: {other:?}"),
            }
            let unsigned = {
                let mut d = tampered.clone();
                d.as_object_mut().unwrap().remove("proof");
                d
            };
            let error = di::sign(&unsigned, &options, &signer(1)).unwrap_err();
            assert!(
                matches!(
                    &error,
                    di::SignError::Proof(ProofError::InexactNumber { .. })
                ),
                "{suite} {inexact}: {error}"
            );
            assert!(error.to_string().contains(pointer), "{error}");
        }
    }
    // eddsa-rdfc-2022 writes non-integers with sixteen significant digits, so a seventeenth is
    // not signed there; eddsa-jcs-2022 keeps it.
    let seventeen = set(
        &doc(),
        "/zeta",
        json::parse(b"0.30000000000000004").unwrap(),
    );
    assert!(di::sign(&seventeen, &jcs(), &signer(1)).is_ok());
    let error = di::sign(&seventeen, &rdfc, &signer(1)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "/zeta: the number 0.30000000000000004 is not the value eddsa-rdfc-2022 signs (it signs \
         3.0E-1); write it exactly"
    );
    // Equal decimals in other spellings are exact.
    for spelling in ["1.50", "150e-2", "1.5e0", "0.1", "-0"] {
        let d = set(&doc(), "/zeta", json::parse(spelling.as_bytes()).unwrap());
        for options in [jcs(), rdfc.clone()] {
            let signed = di::sign(&d, &options, &signer(1)).unwrap();
            assert!(verify(&signed).is_verified(), "{spelling}");
        }
    }
}

/// An inexact number among the proof's own members is refused with a pointer relative to the
/// proof; when the document has one too, the document's is the one named.
#[test]
fn inexact_numbers_in_the_proof_are_named_relative_to_the_proof() {
    let rdfc = ProofOptions::new(Cryptosuite::EddsaRdfc2022).created("2024-01-01T00:00:00Z");
    for options in [jcs(), rdfc] {
        let suite = options.cryptosuite();
        let signed = di::sign(&doc(), &options, &signer(1)).unwrap();
        for inexact in ["1e400", "100.00000000000000001"] {
            let number = || json::parse(inexact.as_bytes()).unwrap();
            // The pointer and whether it is relative to the proof, of the error named.
            let named = |document: &Value| match verify(document).first_error() {
                Some((
                    _,
                    ProofError::InexactNumber {
                        pointer, in_proof, ..
                    },
                )) => (pointer.clone(), *in_proof),
                other => panic!("{suite} {inexact}: {other:?}"),
            };
            let in_proof = set(&signed, "/proof/weight", number());
            assert_eq!(named(&in_proof), ("/weight".to_owned(), true), "{suite}");
            let in_both = set(&in_proof, "/zeta", number());
            assert_eq!(named(&in_both), ("/zeta".to_owned(), false), "{suite}");
        }
    }
}

/// Under eddsa-jcs-2022 the signature covers bytes, not meaning; a document whose terms its
/// contexts do not define is refused even when its signature is good.
#[test]
fn undefined_terms_fail_under_jcs_even_with_a_good_signature() {
    let text = r#"{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],
        "issuer":"did:example:issuer","credentialSubject":{"id":"did:example:s","undefinedTerm":true}}"#;
    let doc = json::parse(text.as_bytes()).unwrap();
    let signer = signer(1);
    let err = di::sign(&doc, &jcs(), &signer).unwrap_err();
    assert!(err.to_string().contains("undefinedTerm"), "{err}");

    // Sign it anyway, as a stack without the check would (the public pieces allow it).
    let mut proof = json::Object::new();
    for (k, v) in [
        ("type", "DataIntegrityProof"),
        ("cryptosuite", "eddsa-jcs-2022"),
        ("created", "2024-01-01T00:00:00Z"),
        ("verificationMethod", signer.id()),
        ("proofPurpose", "assertionMethod"),
    ] {
        proof.insert(k, v);
    }
    proof.insert("@context", doc.get("@context").unwrap().clone());
    let forms = hazmat::canonical_forms(Cryptosuite::EddsaJcs2022, &doc, &proof).unwrap();
    let signature = signer.key_pair().sign(&forms.hash_data());
    proof.insert("proofValue", hazmat::encode_proof_value(&signature));
    let mut signed = doc.as_object().unwrap().clone();
    signed.insert("proof", Value::Object(proof));
    let outcome = verify(&Value::Object(signed));
    match outcome.first_error() {
        Some((_, ProofError::JsonLd(error))) => {
            assert!(error.to_string().contains("undefinedTerm"), "{error}")
        }
        other => panic!("expected an undefined-term error, got {other:?}"),
    }
}

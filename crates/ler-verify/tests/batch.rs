//! `verify_batch` and `verify_stream` give exactly what `verify` gives one by one.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ler_model::date::parse_date_time_stamp;
use ler_model::json::{Value, parse};
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::hazmat;
use ler_proof::{Ed25519KeyPair, Ed25519PublicKey, Ed25519Signer};
use ler_verify::{BATCH_CHUNK, Verdict, VerifyOptions, verify, verify_batch, verify_stream};

fn options() -> VerifyOptions {
    VerifyOptions::default().at(parse_date_time_stamp("2026-11-29T00:00:00Z").unwrap())
}

fn credential(issuer: &str, n: usize) -> Value {
    parse(
        format!(
            r#"{{"@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
                "type": ["VerifiableCredential"], "issuer": "{issuer}",
                "validFrom": "2024-01-01T00:00:00Z",
                "credentialSubject": {{"id": "did:example:learner{n}"}}}}"#
        )
        .as_bytes(),
    )
    .unwrap()
}

fn signed(seed: u8, n: usize, suite: Cryptosuite) -> Value {
    let key = Ed25519KeyPair::from_seed(&[seed; 32]);
    let issuer = key.public_key().did_key();
    let options = ProofOptions::new(suite).created("2025-01-01T00:00:00Z");
    di::sign(
        &credential(&issuer, n),
        &options,
        &Ed25519Signer::did_key(key),
    )
    .unwrap()
}

/// A proof by a small-order key (the identity point) with R = identity and s = 0: the
/// cofactorless equation holds for every message, so only `verify_strict`'s checks reject it.
fn weak_key_forgery(n: usize) -> Value {
    let weak = Ed25519PublicKey::from_bytes(&{
        let mut b = [0u8; 32];
        b[0] = 1;
        b
    })
    .unwrap();
    let did = weak.did_key();
    let mut document = signed(1, n, Cryptosuite::EddsaJcs2022);
    let object = document.as_object_mut().unwrap();
    object.insert("issuer", Value::String(did.clone()));
    let proof = object.get_mut("proof").unwrap().as_object_mut().unwrap();
    proof.insert("verificationMethod", Value::String(weak.did_key_url()));
    let mut signature = [0u8; 64];
    signature[0] = 1;
    proof.insert(
        "proofValue",
        Value::String(hazmat::encode_proof_value(&signature)),
    );
    document
}

fn mixed_inputs(count: usize) -> Vec<Vec<u8>> {
    (0..count)
        .map(|n| match n % 7 {
            0 => signed(1, n, Cryptosuite::EddsaRdfc2022)
                .to_string()
                .into_bytes(),
            1 => signed(1, n, Cryptosuite::EddsaJcs2022)
                .to_string()
                .replace("learner", "mallory")
                .into_bytes(),
            2 => b"{\"a\": 1, \"a\": 2}".to_vec(),
            3 => weak_key_forgery(n).to_string().into_bytes(),
            _ => signed((n % 3) as u8 + 1, n, Cryptosuite::EddsaJcs2022)
                .to_string()
                .into_bytes(),
        })
        .collect()
}

#[test]
fn the_weak_key_forgery_is_rejected_one_by_one() {
    let verification = verify(weak_key_forgery(0).to_string().as_bytes(), &options());
    assert_eq!(verification.report().failing_ids(), ["proof.signature"]);
}

#[test]
fn batch_results_are_identical_to_one_by_one() {
    let inputs = mixed_inputs(40);
    let options = options();
    let one_by_one: Vec<_> = inputs.iter().map(|i| verify(i, &options)).collect();
    let batch = verify_batch(&inputs, &options);
    assert_eq!(batch, one_by_one);
    // The mix really has both verdicts.
    assert!(
        batch
            .iter()
            .any(|v| v.report().verdict == Verdict::Verified)
    );
    assert!(batch.iter().any(|v| v.report().verdict == Verdict::Invalid));
}

#[test]
fn chunks_split_over_threads_keep_input_order_and_results() {
    // Documents of very different sizes (rdfc and jcs credentials, a two-key object, forgeries:
    // small parts), and credentials of one size, every fifth tampered (a part per thread).
    let uniform: Vec<Vec<u8>> = (0..BATCH_CHUNK + 40)
        .map(|n| {
            let text = signed(1, n, Cryptosuite::EddsaJcs2022).to_string();
            if n % 5 == 0 {
                text.replace("learner", "mallory").into_bytes()
            } else {
                text.into_bytes()
            }
        })
        .collect();
    let options = options();
    for inputs in [mixed_inputs(BATCH_CHUNK + 40), uniform] {
        let one_by_one: Vec<_> = inputs.iter().map(|i| verify(i, &options)).collect();
        assert!(
            one_by_one
                .iter()
                .any(|v| v.report().verdict == Verdict::Invalid)
        );
        for threads in [2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let batch = pool.install(|| verify_batch(&inputs, &options));
            assert_eq!(batch, one_by_one, "{threads} threads");
        }
    }
}

#[test]
fn an_all_valid_batch_verifies_every_document() {
    let inputs: Vec<Vec<u8>> = (0..20)
        .map(|n| {
            signed(1, n, Cryptosuite::EddsaJcs2022)
                .to_string()
                .into_bytes()
        })
        .collect();
    let batch = verify_batch(&inputs, &options());
    assert!(batch.iter().all(|v| v.verified().is_some()));
}

#[test]
fn streaming_across_chunks_keeps_order_and_results() {
    let count = BATCH_CHUNK + 9;
    let valid = signed(2, 0, Cryptosuite::EddsaJcs2022)
        .to_string()
        .into_bytes();
    let tampered = String::from_utf8(valid.clone())
        .unwrap()
        .replace("learner0", "learner9")
        .into_bytes();
    let inputs = (0..count).map(|n| {
        if n % 5 == 0 {
            tampered.clone()
        } else {
            valid.clone()
        }
    });
    let options = options();
    let results: Vec<_> = verify_stream(inputs, &options).collect();
    assert_eq!(results.len(), count);
    for (n, result) in results.iter().enumerate() {
        let expected = if n % 5 == 0 {
            Verdict::Invalid
        } else {
            Verdict::Verified
        };
        assert_eq!(result.report().verdict, expected, "document {n}");
    }
}

#[test]
fn a_small_order_key_is_rejected_even_when_the_batch_equation_holds() {
    // Every other signature is valid, so the batch equation holds for the whole batch: only the
    // strict pre-checks keep the forgery out.
    let mut inputs: Vec<Vec<u8>> = (0..6)
        .map(|n| {
            signed(1, n, Cryptosuite::EddsaJcs2022)
                .to_string()
                .into_bytes()
        })
        .collect();
    inputs.push(weak_key_forgery(7).to_string().into_bytes());
    let options = options();
    let batch = verify_batch(&inputs, &options);
    let one_by_one: Vec<_> = inputs.iter().map(|i| verify(i, &options)).collect();
    assert_eq!(batch, one_by_one);
    assert_eq!(batch[6].report().failing_ids(), ["proof.signature"]);
    assert!(batch[..6].iter().all(|v| v.verified().is_some()));
}

//! Bitstring Status List on the verifier's side, beside the raw `verify_strict` baseline:
//! checking a credential's entry against a cached, verified 131,072-entry list (the cost every
//! verification pays once the list is cached), and decoding such a list once (what a cache miss
//! adds to fetching and verifying the list credential).
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ler_benches::VerifyBaseline;
use ler_model::Credential;
use ler_model::json::Value;
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::{Ed25519KeyPair, Ed25519Signer};
use ler_verify::status::{
    MIN_ENTRIES, MemoryStatusLists, StatusList, StatusListCredential, StatusPurpose,
    add_status_entry,
};
use ler_verify::{Outcome, VerifyOptions, check_status};

const LIST_URL: &str = "https://example.com/status/1";

fn bench(c: &mut Criterion) {
    let baseline = VerifyBaseline::new();
    let signer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[42; 32]));
    let issuer = signer.controller().to_owned();
    let proof = ProofOptions::new(Cryptosuite::EddsaJcs2022).created("2024-01-01T00:00:00Z");

    // A list with 1% of its entries set, at pseudo-random places (a fixed LCG, so every run
    // measures the same list).
    let mut list =
        StatusList::new(StatusPurpose::Revocation, MIN_ENTRIES).unwrap_or_else(|e| panic!("{e}"));
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..MIN_ENTRIES / 100 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let index = usize::try_from(state >> 47).unwrap_or(0) % MIN_ENTRIES;
        list.set(index).unwrap_or_else(|e| panic!("{e}"));
    }
    let index = (0..MIN_ENTRIES)
        .find(|&i| !list.is_set(i).unwrap_or(true))
        .unwrap_or(0);
    let encoded = list.encode();
    let list_credential = di::sign(
        &StatusListCredential::new(LIST_URL, &issuer, &list)
            .valid_from("2024-01-01T00:00:00Z")
            .build(),
        &proof,
        &signer,
    )
    .unwrap_or_else(|e| panic!("{e}"));

    let mut unsigned = ler_model::json::parse(
        format!(
            r#"{{"@context": ["https://www.w3.org/ns/credentials/v2"],
                "type": ["VerifiableCredential"], "issuer": "{issuer}",
                "credentialSubject": {{"id": "did:example:learner"}}}}"#
        )
        .as_bytes(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    add_status_entry(&mut unsigned, LIST_URL, index, &list).unwrap_or_else(|e| panic!("{e}"));
    let signed = di::sign(&unsigned, &proof, &signer).unwrap_or_else(|e| panic!("{e}"));
    let credential = match signed {
        Value::Object(object) => Credential::from_object(object),
        _ => panic!("a credential is an object"),
    };

    let at = ler_model::date::parse_date_time_stamp("2026-11-29T00:00:00Z")
        .unwrap_or_else(|e| panic!("{e}"));
    let options = VerifyOptions::default()
        .at(at)
        .status_lists(MemoryStatusLists::new().with(LIST_URL, list_credential.to_string()));
    // The first check fetches, verifies, decodes and caches the list.
    let checks = check_status(&credential, &options);
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].outcome, Outcome::Pass, "{checks:?}");
    assert_eq!(options.status_list_cache.len(), 1);

    let mut group = c.benchmark_group("status");
    group.bench_function("baseline/ed25519_verify_strict", |b| {
        b.iter(|| baseline.verify())
    });
    group.bench_function("entry check against cached 131,072-entry list", |b| {
        b.iter(|| check_status(black_box(&credential), &options))
    });
    group.bench_function("decode list once", |b| {
        b.iter(|| StatusList::decode(black_box(&encoded), StatusPurpose::Revocation, 1))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

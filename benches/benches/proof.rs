//! Data Integrity proofs: sign and verify (document already parsed) for eddsa-jcs-2022 and
//! eddsa-rdfc-2022 on the OB 3.0 fixtures, beside the raw `verify_strict` baseline.
use ler_proof::hazmat;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ler_benches::VerifyBaseline;
use ler_model::json::{self, Value};
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::hazmat::ProofCheckOptions;
use ler_proof::{DidKeyResolver, Ed25519KeyPair, Ed25519Signer};

fn unsigned(name: &str) -> Value {
    let mut doc =
        json::parse(&ler_benches::fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    if let Some(object) = doc.as_object_mut() {
        object.remove("proof");
    }
    doc
}

fn proof(c: &mut Criterion) {
    let baseline = VerifyBaseline::new();
    let signer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[42; 32]));
    let verify_options = ProofCheckOptions::default();
    let mut group = c.benchmark_group("proof");
    group.bench_function("baseline/ed25519_verify_strict", |b| {
        b.iter(|| baseline.verify())
    });
    for (suite, label) in [
        (Cryptosuite::EddsaJcs2022, "jcs"),
        (Cryptosuite::EddsaRdfc2022, "rdfc"),
    ] {
        let options = ProofOptions::new(suite).created("2024-01-01T00:00:00Z");
        for fixture in ["ob3-small.json", "ob3-large.json"] {
            let doc = unsigned(fixture);
            let size = fixture.trim_start_matches("ob3-").trim_end_matches(".json");
            let signed = match di::sign(&doc, &options, &signer) {
                Ok(signed) => signed,
                Err(e) => {
                    eprintln!("proof/{label}: skipped on {fixture}: {e}");
                    continue;
                }
            };
            let verification = hazmat::verify_proofs(&signed, &DidKeyResolver, &verify_options);
            assert!(
                verification
                    .as_ref()
                    .is_ok_and(hazmat::ProofVerification::is_verified),
                "{verification:?}"
            );
            group.bench_function(format!("{label}/sign/{size}"), |b| {
                b.iter(|| di::sign(black_box(&doc), &options, &signer))
            });
            group.bench_function(format!("{label}/verify/{size}"), |b| {
                b.iter(|| {
                    hazmat::verify_proofs(black_box(&signed), &DidKeyResolver, &verify_options)
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, proof);
criterion_main!(benches);

//! The full verifier (bytes in, report out) for eddsa-jcs-2022 and eddsa-rdfc-2022 on the OB 3.0
//! fixtures, and `verify_batch` over 1,024 small jcs credentials on 1 and on 2 threads (so the
//! second core's gain is measured in the same run), beside the raw `verify_strict` baseline.
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ler_benches::VerifyBaseline;
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::{Ed25519KeyPair, Ed25519Signer};
use ler_verify::{Verdict, VerifyOptions, verify, verify_batch};

fn bench(c: &mut Criterion) {
    let baseline = VerifyBaseline::new();
    let signer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[42; 32]));
    let issuer = signer.controller().to_owned();
    let at = ler_model::date::parse_date_time_stamp("2026-11-29T00:00:00Z")
        .unwrap_or_else(|e| panic!("{e}"));
    let options = VerifyOptions::default().at(at);
    let mut group = c.benchmark_group("verify");
    group.bench_function("baseline/ed25519_verify_strict", |b| {
        b.iter(|| baseline.verify())
    });
    for (suite, label) in [
        (Cryptosuite::EddsaJcs2022, "jcs"),
        (Cryptosuite::EddsaRdfc2022, "rdfc"),
    ] {
        let proof_options = ProofOptions::new(suite).created("2024-01-01T00:00:00Z");
        for fixture in ["ob3-small.json", "ob3-large.json"] {
            let size = fixture.trim_start_matches("ob3-").trim_end_matches(".json");
            let signed = di::sign(
                &ler_benches::unsigned_fixture(fixture, &issuer),
                &proof_options,
                &signer,
            )
            .unwrap_or_else(|e| panic!("{label} {fixture}: {e}"));
            let bytes = signed.to_string().into_bytes();
            let report = verify(&bytes, &options).into_parts().0;
            assert_eq!(
                report.verdict,
                Verdict::Verified,
                "{label} {fixture}: {report:#?}"
            );
            group.bench_function(format!("{label}/{size}"), |b| {
                b.iter(|| verify(black_box(&bytes), &options))
            });
        }
    }
    // 1,024 distinct small jcs credentials, verified on 1 and on 2 threads.
    let batch = ler_benches::small_jcs_batch(1024, &signer);
    group.sample_size(10);
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            pool.install(|| verify_batch(&batch, &options))
                .iter()
                .all(|v| v.report().verdict == Verdict::Verified)
        );
        let plural = if threads == 1 { "thread" } else { "threads" };
        group.bench_function(format!("jcs/batch-1024-small-{threads}-{plural}"), |b| {
            b.iter(|| pool.install(|| verify_batch(black_box(&batch), &options)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

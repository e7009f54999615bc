//! The full verifier (bytes in, report out) for eddsa-jcs-2022 and eddsa-rdfc-2022 on the OB 3.0
//! fixtures, and `verify_batch` over 1,024 small jcs credentials on 1 and on 2 threads (so the
//! second core's gain is measured in the same run), beside the raw `verify_strict` baseline and
//! ler's own Ed25519 check of the same signature.
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ler_benches::{VerifyBaseline, VerifyCases};
use ler_verify::{Verdict, verify, verify_batch};

fn bench(c: &mut Criterion) {
    let baseline = VerifyBaseline::new();
    let cases = VerifyCases::new();
    let options = &cases.options;
    let mut group = c.benchmark_group("verify");
    group.bench_function("baseline/ed25519_verify_strict", |b| {
        b.iter(|| baseline.verify())
    });
    group.bench_function("baseline/ler_ed25519_verify", |b| {
        b.iter(|| baseline.verify_ler())
    });
    for (name, bytes) in &cases.single {
        group.bench_function(name.as_str(), |b| {
            b.iter(|| verify(black_box(bytes), options))
        });
    }
    group.sample_size(10);
    for threads in [1, 2] {
        let pool = ler_benches::thread_pool(threads);
        assert!(
            pool.install(|| verify_batch(&cases.batch, options))
                .iter()
                .all(|v| v.report().verdict == Verdict::Verified)
        );
        let plural = if threads == 1 { "thread" } else { "threads" };
        group.bench_function(format!("jcs/batch-1024-small-{threads}-{plural}"), |b| {
            b.iter(|| pool.install(|| verify_batch(black_box(&cases.batch), options)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! The physical floor alone: raw Ed25519 `verify_strict` on a 64-byte message.
use criterion::{Criterion, criterion_group, criterion_main};
use ler_benches::VerifyBaseline;

fn baseline(c: &mut Criterion) {
    let baseline = VerifyBaseline::new();
    let mut group = c.benchmark_group("baseline");
    group.bench_function("ed25519_verify_strict", |b| b.iter(|| baseline.verify()));
    group.finish();
}

criterion_group!(benches, baseline);
criterion_main!(benches);

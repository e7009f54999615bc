//! `model`: parse + validate of Open Badges credentials (the 1.2 kB and 13 kB fixtures), beside
//! the raw Ed25519 `verify_strict` baseline, so each figure reads as a ratio to it.
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ler_benches::{VerifyBaseline, fixture};
use ler_model::Credential;

fn model(c: &mut Criterion) {
    let baseline = VerifyBaseline::new();
    let mut group = c.benchmark_group("model");
    group.bench_function("VerifyBaseline", |b| b.iter(|| baseline.verify()));
    for name in ["ob3-small.json", "ob3-large.json"] {
        let bytes = fixture(name);
        // A fixture that stops validating would make the figure meaningless.
        let parsed = Credential::from_slice(&bytes).map(|c| c.validate().is_empty());
        assert_eq!(parsed, Ok(true), "{name} must parse and validate");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("parse_validate", name),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    let credential = Credential::from_slice(std::hint::black_box(bytes));
                    credential.map(|c| c.validate().len())
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, model);
criterion_main!(benches);

//! Micro-credential checks on one credential: JSON Schema validation (the US profile schema, which
//! includes the OB 3.0 schema), the profile reader, and building; beside the `verify_strict`
//! baseline.
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ler_benches::VerifyBaseline;
use ler_microcredential::{Issuer, Profile, Schema, Skill, UsMicroCredential};

fn builder() -> UsMicroCredential {
    UsMicroCredential::builder()
        .id("urn:uuid:5f0a3c52-8c3e-4a51-9d36-0c4b8e1f2a01")
        .issuer(Issuer::new(
            "did:example:college",
            "Example Community College",
        ))
        .learner("did:example:learner")
        .valid_from("2026-03-01T00:00:00Z")
        .achievement_id("https://college.example/achievements/mig-welding")
        .title("MIG welding fundamentals")
        .description("Sets up a MIG welder and lays sound fillet welds on mild steel.")
        .criteria("Passes a supervised practical weld test.")
        .learning_hours(12.5)
        .assessment_type("practical demonstration")
        .skill(
            Skill::new("weld metal", "http://data.europa.eu/esco/skill/weld-metal")
                .framework("ESCO"),
        )
        .credits(1.0)
}

fn microcredential(c: &mut Criterion) {
    let baseline = VerifyBaseline::new();
    let b = builder();
    let Ok(credential) = b.build() else { return };
    // Compile the schemas outside the measurement.
    assert!(Schema::MicroCredentialUsV1.is_valid(&credential));
    let mut group = c.benchmark_group("microcredential");
    group.bench_function("ed25519_verify_strict", |bench| {
        bench.iter(|| baseline.verify())
    });
    group.bench_function("schema_validate_us", |bench| {
        bench.iter(|| Schema::MicroCredentialUsV1.validate(black_box(&credential)))
    });
    group.bench_function("schema_is_valid_us", |bench| {
        bench.iter(|| Schema::MicroCredentialUsV1.is_valid(black_box(&credential)))
    });
    group.bench_function("profile_check_us", |bench| {
        bench.iter(|| Profile::Us.check(black_box(&credential)))
    });
    group.bench_function("build_us", |bench| bench.iter(|| black_box(&b).build()));
    group.finish();
}

criterion_group!(benches, microcredential);
criterion_main!(benches);

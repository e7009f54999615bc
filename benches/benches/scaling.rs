//! How full verification (bytes in, report out) grows, each group beside the raw
//! `verify_strict` baseline:
//! - `scaling-size`: an Open Badges 3.0 credential grown from about 1 kB to 100 kB by adding
//!   alignments, result descriptions and results, for eddsa-jcs-2022 and eddsa-rdfc-2022 (ids
//!   `jcs/1k` ... `rdfc/100k`; the exact signed size is the group's `Bytes` throughput, which
//!   criterion stores in `benchmark.json`);
//! - `scaling-blank-nodes`: the same credential with 64 alignments, of which `k` are blank
//!   nodes and the rest carry an `id` (named nodes), so the quad count stays the same while the
//!   blank nodes grow (ids `jcs/k` and `rdfc/k`; the RDF's blank-node count is printed);
//! - `scaling-batch`: `verify_batch` over `n` distinct small jcs credentials on 2 threads (ids
//!   `jcs/n`, `Elements` throughput, so criterion reports the time per credential).
//!
//! `cargo run -p ler-benches --bin scaling-plot --release` turns the results into
//! `BENCHMARKS-scaling.svg` and prints the tables for BENCHMARKS.md.
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ler_benches::VerifyBaseline;
use ler_jsonld::{JsonLdProcessor, Options};
use ler_model::builder::{
    AchievementCredentialBuilder, NewAchievement, NewAlignment, NewProfile, NewResult,
    NewResultDescription,
};
use ler_model::json::Value;
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::{Ed25519KeyPair, Ed25519Signer};
use ler_verify::{Verdict, VerifyOptions, verify, verify_batch};

/// The signed sizes the size group aims at, with their labels.
const SIZES: [(&str, usize); 5] = [
    ("1k", 1_000),
    ("3k", 3_000),
    ("10k", 10_000),
    ("30k", 30_000),
    ("100k", 100_000),
];

const SUITES: [(Cryptosuite, &str); 2] = [
    (Cryptosuite::EddsaJcs2022, "jcs"),
    (Cryptosuite::EddsaRdfc2022, "rdfc"),
];

/// An OB 3.0 credential with `alignments` alignments (the first `named` of them with an `id`)
/// and `results` result descriptions and results, issued by `issuer`.
fn credential(
    issuer: &str,
    alignments: usize,
    named: usize,
    results: usize,
    serial: usize,
) -> Value {
    let mut achievement = NewAchievement::new(
        "https://example.edu/achievements/data-analysis",
        "Data Analysis",
        "Recognizes the skills shown in the alignments below.",
        "Assessed by a qualified assessor against the published rubric.",
    )
    .achievement_type("Certificate");
    for j in 0..alignments {
        achievement = achievement.alignment(
            NewAlignment::new(
                format!("Skill {j}"),
                format!("https://skills.example/frameworks/core/skill-{j}"),
            )
            .framework("Example Skills Framework")
            .code(format!("SK-{j}"))
            .target_type("CFItem"),
        );
    }
    let mut builder =
        AchievementCredentialBuilder::new(format!("urn:uuid:00000000-0000-4000-8000-{serial:012}"))
            .issuer(NewProfile::new(issuer, "Example University"))
            .valid_from("2024-06-01T00:00:00Z")
            .name("Data Analysis Certificate")
            .subject("did:example:ebfeb1f712ebc6f1c276e12ec21");
    for j in 0..results {
        let id = format!("https://example.edu/results/{j}");
        achievement = achievement.result_description(NewResultDescription::new(
            id.as_str(),
            format!("Assessment {j}"),
            "LetterGrade",
        ));
        builder = builder.result(NewResult::new(id, ["A", "B", "C"][j % 3]));
    }
    let mut doc = builder
        .achievement(achievement)
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_value();
    if let Some(Value::Array(items)) = doc.pointer_mut("/credentialSubject/achievement/alignment") {
        for (j, item) in items.iter_mut().take(named).enumerate() {
            if let Some(o) = item.as_object_mut() {
                o.insert("id", format!("https://skills.example/alignments/{j}"));
            }
        }
    }
    doc
}

/// Distinct blank nodes in the document's RDF (proof excluded).
fn blank_nodes(doc: &Value) -> usize {
    let mut unsigned = doc.clone();
    if let Some(o) = unsigned.as_object_mut() {
        o.remove("proof");
    }
    let nquads = JsonLdProcessor::shared()
        .to_rdf(&unsigned, &Options::safe())
        .unwrap_or_else(|e| panic!("{e:?}"))
        .dataset
        .to_nquads();
    let mut labels: Vec<&str> = nquads
        .split_whitespace()
        .filter(|t| t.starts_with("_:"))
        .collect();
    labels.sort_unstable();
    labels.dedup();
    labels.len()
}

struct Setup {
    baseline: VerifyBaseline,
    signer: Ed25519Signer,
    issuer: String,
    options: VerifyOptions,
}

impl Setup {
    fn new() -> Self {
        let signer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[42; 32]));
        let issuer = signer.controller().to_owned();
        let at = ler_model::date::parse_date_time_stamp("2026-11-29T00:00:00Z")
            .unwrap_or_else(|e| panic!("{e}"));
        Self {
            baseline: VerifyBaseline::new(),
            signer,
            issuer,
            options: VerifyOptions::default().at(at),
        }
    }

    /// Signs and checks that the result verifies.
    fn signed(&self, doc: &Value, suite: Cryptosuite) -> Vec<u8> {
        let proof = ProofOptions::new(suite).created("2024-06-01T00:00:00Z");
        let bytes = di::sign(doc, &proof, &self.signer)
            .unwrap_or_else(|e| panic!("{e}"))
            .to_string()
            .into_bytes();
        let report = verify(&bytes, &self.options).into_parts().0;
        assert_eq!(report.verdict, Verdict::Verified, "{report:#?}");
        bytes
    }
}

/// Growth units (2 alignments, 1 result description and result each) that bring the signed
/// credential to at least `target` bytes.
fn units_for(setup: &Setup, suite: Cryptosuite, target: usize) -> usize {
    let size = |units: usize| {
        setup
            .signed(&credential(&setup.issuer, 2 * units, 0, units, 0), suite)
            .len()
    };
    let (base, step) = (size(0), size(10).saturating_sub(size(0)) / 10);
    let mut units = target.saturating_sub(base) / step.max(1);
    while size(units) < target {
        units += 1;
    }
    units
}

fn by_size(c: &mut Criterion) {
    let setup = Setup::new();
    let mut group = c.benchmark_group("scaling-size");
    group.bench_function("baseline/ed25519_verify_strict", |b| {
        b.iter(|| setup.baseline.verify())
    });
    for (suite, label) in SUITES {
        for (size, target) in SIZES {
            let units = units_for(&setup, suite, target);
            let doc = credential(&setup.issuer, 2 * units, 0, units, 0);
            let bytes = setup.signed(&doc, suite);
            eprintln!(
                "scaling-size {label}/{size}: {} bytes, {} alignments, {units} results, {} blank nodes",
                bytes.len(),
                2 * units,
                blank_nodes(&doc)
            );
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_with_input(BenchmarkId::new(label, size), &bytes, |b, bytes| {
                b.iter(|| verify(black_box(bytes), &setup.options))
            });
        }
    }
    group.finish();
}

fn by_blank_nodes(c: &mut Criterion) {
    const ALIGNMENTS: usize = 64;
    let setup = Setup::new();
    let mut group = c.benchmark_group("scaling-blank-nodes");
    group.bench_function("baseline/ed25519_verify_strict", |b| {
        b.iter(|| setup.baseline.verify())
    });
    for (suite, label) in SUITES {
        for blank in [0, 8, 16, 32, 64] {
            let doc = credential(&setup.issuer, ALIGNMENTS, ALIGNMENTS - blank, 0, 0);
            let bytes = setup.signed(&doc, suite);
            eprintln!(
                "scaling-blank-nodes {label}/{blank}: {} bytes, {} blank nodes in all",
                bytes.len(),
                blank_nodes(&doc)
            );
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_with_input(BenchmarkId::new(label, blank), &bytes, |b, bytes| {
                b.iter(|| verify(black_box(bytes), &setup.options))
            });
        }
    }
    group.finish();
}

fn by_batch_size(c: &mut Criterion) {
    let setup = Setup::new();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("scaling-batch");
    group.bench_function("baseline/ed25519_verify_strict", |b| {
        b.iter(|| setup.baseline.verify())
    });
    group.sample_size(10);
    for n in [1usize, 16, 256, 4096] {
        let batch: Vec<Vec<u8>> = (0..n)
            .map(|serial| {
                setup.signed(
                    &credential(&setup.issuer, 1, 0, 0, serial),
                    Cryptosuite::EddsaJcs2022,
                )
            })
            .collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("jcs", n), &batch, |b, batch| {
            b.iter(|| pool.install(|| verify_batch(black_box(batch), &setup.options)))
        });
    }
    group.finish();
}

criterion_group!(benches, by_size, by_blank_nodes, by_batch_size);
criterion_main!(benches);

//! RDFC-1.0 canonicalization, beside the raw Ed25519 `verify_strict` baseline.
//!
//! Inputs (canonicalized from an in-memory [`Dataset`], as the JSON-LD to RDF step will hand it
//! over; parsing is measured separately):
//! - `ob3_spec_vector`: the N-Quads of the OB 3.0 specification's eddsa-rdfc-2022 example
//!   credential (`fixtures/ob3-spec-document-canon.nq`, 16 quads, 1 blank node);
//! - `ob3_small`: the RDF of `fixtures/ob3-small.json` (1.2 kB: profile issuer, one achievement
//!   with one alignment), 25 quads, 2 blank nodes, generated below;
//! - `ob3_large`: the RDF shape of `fixtures/ob3-large.json` (13 kB: 50 alignments, 20 results,
//!   20 result descriptions), 478 quads, 71 blank nodes, generated below.
use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ler_benches::{VerifyBaseline, fixture};
use ler_jsonld::{Dataset, canonicalize, parse_nquads};

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const CRED: &str = "https://www.w3.org/2018/credentials#";
const OB: &str = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";
const SCHEMA: &str = "https://schema.org/";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// N-Quads of an OB 3.0 credential shaped like the `ob3-*.json` fixtures: `alignments` alignment
/// blank nodes, `results` result blank nodes (each pointing to its own result description).
fn ob3_nquads(alignments: usize, results: usize) -> String {
    let mut s = String::new();
    let cred = "<urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58>";
    let issuer = "<https://example.edu/issuers/565049>";
    let subject = "<did:example:ebfeb1f712ebc6f1c276e12ec21>";
    let ach = "<https://example.edu/achievements/teamwork>";
    let mut q = |s_: &str, p: &str, o: &str| {
        let _ = writeln!(s, "{s_} <{p}> {o} .");
    };
    q(cred, RDF_TYPE, &format!("<{CRED}VerifiableCredential>"));
    q(cred, RDF_TYPE, &format!("<{OB}OpenBadgeCredential>"));
    q(cred, &format!("{CRED}issuer"), issuer);
    q(
        cred,
        &format!("{CRED}validFrom"),
        &format!("\"2024-06-01T00:00:00Z\"^^<{XSD}dateTime>"),
    );
    q(cred, &format!("{SCHEMA}name"), "\"Teamwork Badge\"");
    q(
        cred,
        &format!("{SCHEMA}description"),
        "\"Example University awards this badge to learners who show they can work well in a team.\"",
    );
    q(cred, &format!("{CRED}credentialSubject"), subject);
    q(issuer, RDF_TYPE, &format!("<{OB}Profile>"));
    q(issuer, &format!("{SCHEMA}name"), "\"Example University\"");
    q(
        issuer,
        &format!("{SCHEMA}url"),
        &format!("\"https://example.edu\"^^<{XSD}anyURI>"),
    );
    q(subject, RDF_TYPE, &format!("<{OB}AchievementSubject>"));
    q(subject, &format!("{OB}achievement"), ach);
    q(ach, RDF_TYPE, &format!("<{OB}Achievement>"));
    q(ach, &format!("{OB}achievementType"), "\"Badge\"");
    q(ach, &format!("{SCHEMA}name"), "\"Teamwork\"");
    q(
        ach,
        &format!("{SCHEMA}description"),
        "\"This badge recognizes the development of the capacity to collaborate within a group environment.\"",
    );
    q(ach, &format!("{OB}criteria"), "_:criteria");
    q(
        "_:criteria",
        &format!("{OB}narrative"),
        "\"Team members are nominated for this badge by their peers and recognized upon review by Example University staff.\"",
    );
    for i in 0..alignments {
        let a = format!("_:alignment{i}");
        q(ach, &format!("{OB}alignment"), &a);
        q(&a, RDF_TYPE, &format!("<{SCHEMA}AlignmentObject>"));
        q(
            &a,
            &format!("{SCHEMA}targetName"),
            &format!("\"Data skill {i:02}\""),
        );
        q(
            &a,
            &format!("{SCHEMA}targetUrl"),
            &format!("\"https://example.org/skills/ds-{i:02}\"^^<{XSD}anyURI>"),
        );
        if alignments == 1 {
            // The small fixture's one alignment names its framework.
            q(
                &a,
                &format!("{SCHEMA}targetFramework"),
                "\"Example Skills Framework\"",
            );
        }
        q(&a, &format!("{OB}targetCode"), &format!("\"DS-{i:02}\""));
        q(&a, &format!("{OB}targetType"), "\"ceasn:Competency\"");
    }
    for i in 0..results {
        let r = format!("_:result{i}");
        let rd = format!("<urn:uuid:5f0c6a2e-0000-4000-8000-{i:012}>");
        q(ach, &format!("{OB}resultDescription"), &rd);
        q(&rd, RDF_TYPE, &format!("<{OB}ResultDescription>"));
        q(
            &rd,
            &format!("{SCHEMA}name"),
            &format!("\"Module {i:02} grade\""),
        );
        q(&rd, &format!("{OB}resultType"), "\"LetterGrade\"");
        q(subject, &format!("{OB}result"), &r);
        q(&r, RDF_TYPE, &format!("<{OB}Result>"));
        q(&r, &format!("{OB}resultDescription"), &rd);
        q(&r, &format!("{OB}value"), "\"B\"");
    }
    s
}

fn rdfc(c: &mut Criterion) {
    let baseline = VerifyBaseline::new();
    let spec_text = String::from_utf8(fixture("ob3-spec-document-canon.nq")).unwrap_or_default();
    let spec = parse_nquads(&spec_text).unwrap_or_default();
    let small_text = ob3_nquads(1, 0);
    let small = parse_nquads(&small_text).unwrap_or_default();
    let large_text = ob3_nquads(50, 20);
    let large = parse_nquads(&large_text).unwrap_or_default();
    // The inputs must be what the names say, and canonicalizable.
    for (name, ds) in [("spec", &spec), ("small", &small), ("large", &large)] {
        let blanks = ler_jsonld::canonicalize(ds).map(|c| c.issued_identifiers().len());
        eprintln!(
            "rdfc input {name}: {} quads, blank nodes {:?}",
            ds.len(),
            blanks
        );
    }
    assert_eq!(small.len(), 25);
    assert!(canonicalize(&large).is_ok_and(|c| c.issued_identifiers().len() == 71));

    let mut group = c.benchmark_group("rdfc");
    group.bench_function("ed25519_verify_strict", |b| b.iter(|| baseline.verify()));
    let run = |ds: &Dataset| canonicalize(black_box(ds)).map(|c| c.into_nquads().len());
    group.bench_function("ob3_spec_vector_16q", |b| b.iter(|| run(&spec)));
    group.bench_function("ob3_small_25q", |b| b.iter(|| run(&small)));
    group.bench_function("ob3_large_71bn", |b| b.iter(|| run(&large)));
    group.bench_function("ob3_large_71bn_parse_and_canonicalize", |b| {
        b.iter(|| parse_nquads(black_box(&large_text)).map(|ds| run(&ds)))
    });
    group.finish();
}

criterion_group!(benches, rdfc);
criterion_main!(benches);

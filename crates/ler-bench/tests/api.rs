//! The library's API without the CLI: settings are checked with typed errors, a corpus written
//! with `write_corpus` verifies with `run` as its manifest says, the figures agree with each
//! other and with the result JSON, and a manifest that lies ends in `WrongVerdicts`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;

use ler::proof::di::Cryptosuite;
use ler_bench::corpus::Kind;
use ler_bench::{BenchError, CorpusSettings, DocumentSize, Finished, HarnessSettings};

#[test]
fn bad_settings_are_typed_errors() {
    for mix in ["jcs=0,rdfc=0", "bbs=1", "jcs", "jcs=x", "jcs=1,jcs=2"] {
        let error = ler_bench::parse_mix(mix).unwrap_err();
        assert!(
            matches!(&error, BenchError::InvalidSettings(m) if m.starts_with("--mix: ")),
            "{mix}: {error}"
        );
    }
    // Weights whose sum does not fit in 64 bits are refused, not added up with overflow.
    assert!(matches!(
        ler_bench::parse_mix("jcs=18446744073709551615,rdfc=1"),
        Err(BenchError::InvalidSettings(_))
    ));
    assert_eq!(
        ler_bench::parse_mix("rdfc=3, eddsa-jcs-2022=1").unwrap(),
        vec![
            (Cryptosuite::EddsaRdfc2022, 3),
            (Cryptosuite::EddsaJcs2022, 1)
        ]
    );
    assert_eq!(
        Kind::parse_list(&["ob3", " clr2"]).unwrap(),
        vec![Kind::Ob3, Kind::Clr]
    );
    let error = Kind::parse_list(&["ob3", "diploma"]).unwrap_err();
    assert!(
        error.to_string().contains("unknown kind `diploma`"),
        "{error}"
    );

    let tmp = tempfile::tempdir().unwrap();
    let mut settings = CorpusSettings::new(tmp.path().join("x"), 3);
    settings.invalid = 60.0;
    settings.revoked = 50.0;
    assert!(matches!(
        ler_bench::write_corpus(&settings),
        Err(BenchError::InvalidSettings(_))
    ));
    // A mix set directly, not parsed, is checked as well.
    let mut settings = CorpusSettings::new(tmp.path().join("y"), 3);
    settings.mix = vec![(Cryptosuite::EddsaJcs2022, 0)];
    assert!(matches!(
        ler_bench::write_corpus(&settings),
        Err(BenchError::InvalidSettings(_))
    ));
    assert!(!tmp.path().join("x").exists() && !tmp.path().join("y").exists());

    // A folder without corpus.json: the error names the file and keeps the I/O error.
    let error = ler_bench::run(&HarnessSettings::new(tmp.path())).unwrap_err();
    match &error {
        BenchError::Io { path, source } => {
            assert!(path.ends_with("corpus.json"));
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("{other}"),
    }
}

#[test]
fn a_corpus_written_by_the_library_verifies_with_consistent_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let mut settings = CorpusSettings::new(tmp.path(), 10);
    settings.seed = 11;
    settings.invalid = 20.0;
    settings.revoked = 20.0;
    settings.size = DocumentSize::Mixed;
    settings.kinds = vec![Kind::Ob3, Kind::Employment];
    let summary = ler_bench::write_corpus(&settings).unwrap();
    let counts = &summary.counts;
    assert_eq!(summary.documents, 10);
    assert_eq!(counts.verified + counts.tampered + counts.revoked, 10);
    assert_eq!(counts.jcs + counts.rdfc, 10);
    assert_eq!(counts.small + counts.large, 10);
    let ob3_and_employment = counts.by_kind[0] + counts.by_kind[4];
    assert_eq!(ob3_and_employment, 10, "{:?}", counts.by_kind);
    let jsonl = fs::read_to_string(tmp.path().join("corpus.jsonl")).unwrap();
    let lines: Vec<&str> = jsonl.lines().collect();
    assert_eq!(lines.len(), 10);
    let bytes: usize = lines.iter().map(|l| l.len()).sum();
    assert_eq!(counts.bytes, bytes as u64);
    // One list per issuer that signed a document (up to eight), each a file under status/.
    let status_files = fs::read_dir(tmp.path().join("status")).unwrap().count();
    assert!((1..=8).contains(&summary.status_lists));
    assert_eq!(status_files, summary.status_lists);
    assert!(
        summary.to_string().starts_with("wrote 10 documents ("),
        "{summary}"
    );

    let mut harness = HarnessSettings::new(tmp.path());
    harness.jobs = Some(1);
    harness.batch = false;
    harness.floor_rounds = 2;
    let Finished::Measured(figures) = ler_bench::run(&harness).unwrap() else {
        panic!("wrong verdicts");
    };
    assert_eq!(figures.documents, 10);
    assert_eq!(figures.floor.rounds, 2);
    assert!(figures.floor.min_ns <= figures.floor.median_ns);
    assert!(figures.floor.median_ns <= figures.floor.max_ns);
    assert_eq!(figures.verdicts.values().sum::<usize>(), 10);
    assert_eq!(
        figures.verdicts.get("invalid").copied().unwrap_or(0),
        counts.tampered + counts.revoked
    );
    // Single mode: every document is in one suite group and one kind group.
    let grouped = |prefix: &str| -> u64 {
        figures
            .by_group
            .iter()
            .filter(|(name, _)| name.starts_with(prefix))
            .map(|(_, group)| group.documents)
            .sum()
    };
    assert_eq!((grouped("suite "), grouped("kind ")), (10, 10));
    assert!(figures.latency.p50_ns <= figures.latency.p99_ns);

    let json = figures.to_json();
    assert_eq!(json["format"], "ler-bench-result/1");
    assert_eq!(json["verdicts"]["matched"], 10);
    assert_eq!(json["settings"]["mode"], "single");
    let per_document_us = json["figures"]["per_document_us"].as_f64().unwrap();
    let floor_us = json["figures"]["floor_us"].as_f64().unwrap();
    let ratio = json["figures"]["per_document_ratio"].as_f64().unwrap();
    assert!((ratio - per_document_us / floor_us).abs() < 1e-9);
    assert!((ratio - figures.ratio(figures.per_document_ns())).abs() < 1e-9);
    let text = figures.to_string();
    assert!(
        text.contains("verdicts: all 10 as the manifest expects"),
        "{text}"
    );
    assert!(text.contains("mean per document by group:"), "{text}");

    let result = tmp.path().join("result.json");
    figures.write_json(&result).unwrap();
    let written: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&result).unwrap()).unwrap();
    assert_eq!(written["figures"]["documents"], 10);
}

#[test]
fn a_manifest_that_lies_ends_in_wrong_verdicts() {
    let tmp = tempfile::tempdir().unwrap();
    let mut settings = CorpusSettings::new(tmp.path(), 5);
    settings.invalid = 0.0;
    settings.revoked = 0.0;
    settings.jsonl_only = true;
    settings.mix = vec![(Cryptosuite::EddsaJcs2022, 1)];
    ler_bench::write_corpus(&settings).unwrap();
    let path = tmp.path().join("manifest.jsonl");
    let manifest = fs::read_to_string(&path).unwrap();
    let lied = manifest.replacen(r#""expected":"verified""#, r#""expected":"invalid""#, 1);
    assert_ne!(lied, manifest);
    fs::write(&path, lied).unwrap();

    let mut harness = HarnessSettings::new(tmp.path());
    harness.jobs = Some(1);
    harness.floor_rounds = 2;
    match ler_bench::run(&harness).unwrap() {
        Finished::WrongVerdicts {
            listed,
            wrong,
            total,
        } => {
            assert_eq!((wrong, total), (1, 5));
            assert_eq!(listed.len(), 1);
            assert!(
                listed[0].starts_with("document 1 ")
                    && listed[0].contains("expected invalid, got verified"),
                "{listed:?}"
            );
        }
        Finished::Measured(_) => panic!("a lying manifest gave figures"),
    }
}

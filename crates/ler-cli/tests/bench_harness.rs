//! `ler bench corpus` and `ler bench verify` run as processes: a small corpus with tampered and
//! revoked documents verifies with every verdict as its manifest says (batch and one by one), a
//! manifest that lies makes the harness exit 1, and the same seed gives the same bytes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ler(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ler"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn corpus(dir: &Path, n: usize, seed: u64, extra: &[&str]) {
    let n = n.to_string();
    let seed = seed.to_string();
    let mut args = vec![
        "bench",
        "corpus",
        "--out",
        dir.to_str().unwrap(),
        "--n",
        &n,
        "--seed",
        &seed,
    ];
    args.extend_from_slice(extra);
    let out = ler(&args);
    assert!(out.status.success(), "corpus failed: {}", text(&out.stderr));
}

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = fs::read(&path).unwrap();
                found.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    found
}

fn manifest(dir: &Path) -> Vec<serde_json::Value> {
    fs::read_to_string(dir.join("manifest.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn small_corpus_verifies_as_its_manifest_says() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    corpus(
        &dir,
        40,
        3,
        &[
            "--invalid",
            "15",
            "--revoked",
            "15",
            "--mix",
            "jcs=1,rdfc=1",
        ],
    );

    // The manifest covers every document, with both kinds of invalid ones present.
    let entries = manifest(&dir);
    assert_eq!(entries.len(), 40);
    let count = |check: &str| {
        entries
            .iter()
            .filter(|e| e["failing_check"].as_str() == Some(check))
            .count()
    };
    let (tampered, revoked) = (count("proof.signature"), count("status.revocation"));
    assert!(
        tampered > 0 && revoked > 0,
        "{tampered} tampered, {revoked} revoked"
    );
    let invalid = entries
        .iter()
        .filter(|e| e["expected"] == "invalid")
        .count();
    assert_eq!(invalid, tampered + revoked);
    // Each listed file is the same document as its corpus.jsonl line.
    let lines: Vec<String> = fs::read_to_string(dir.join("corpus.jsonl"))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    for (entry, line) in entries.iter().zip(&lines) {
        let file = dir.join(entry["file"].as_str().unwrap());
        assert_eq!(fs::read_to_string(file).unwrap(), *line);
        assert_eq!(entry["bytes"].as_u64().unwrap(), line.len() as u64);
    }

    for mode in [&[][..], &["--no-batch"][..]] {
        let result = tmp.path().join("result.json");
        let json_arg = format!("--json={}", result.display());
        let mut args = vec![
            "bench",
            "verify",
            dir.to_str().unwrap(),
            "--jobs",
            "2",
            "--floor-rounds",
            "2",
            &json_arg,
        ];
        args.extend_from_slice(mode);
        let out = ler(&args);
        assert!(
            out.status.success(),
            "{mode:?}: {}\n{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        assert!(
            text(&out.stdout).contains("verdicts: all 40 as the manifest expects"),
            "{}",
            text(&out.stdout)
        );
        let result: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&result).unwrap()).unwrap();
        assert_eq!(result["verdicts"]["matched"], 40);
        assert_eq!(
            result["verdicts"]["counts"]["invalid"].as_u64(),
            Some(invalid as u64)
        );
        let figures = &result["figures"];
        assert_eq!(figures["documents"], 40);
        assert!(figures["floor_us"].as_f64().unwrap() > 0.0);
        assert!(figures["throughput_documents_per_second"].as_f64().unwrap() > 0.0);
        let ratio = figures["per_document_ratio"].as_f64().unwrap();
        let expected =
            figures["per_document_us"].as_f64().unwrap() / figures["floor_us"].as_f64().unwrap();
        assert!((ratio - expected).abs() < 1e-9);
        let mode_name = if mode.is_empty() { "batch" } else { "single" };
        assert_eq!(result["settings"]["mode"], mode_name);
        assert_eq!(result["settings"]["jobs"], 2);
    }
}

#[test]
fn a_manifest_that_disagrees_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    corpus(&dir, 12, 5, &["--invalid", "0", "--revoked", "0"]);
    let path = dir.join("manifest.jsonl");
    let original = fs::read_to_string(&path).unwrap();
    // Document 4 claims to be invalid; it verifies.
    let lines: Vec<String> = original
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 3 {
                l.replace(r#""expected":"verified""#, r#""expected":"invalid""#)
            } else {
                l.to_owned()
            }
        })
        .collect();
    assert_ne!(lines.join("\n") + "\n", original);
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = ler(&[
        "bench",
        "verify",
        dir.to_str().unwrap(),
        "--floor-rounds",
        "2",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("document 4 ") && stderr.contains("expected invalid, got verified"),
        "{stderr}"
    );
    assert!(stderr.contains("1 of 12 verdicts differ"), "{stderr}");
    // Not a result: no figures, no result file.
    assert!(!text(&out.stdout).contains("throughput"));
    assert!(!dir.join("bench-result.json").exists());

    // The verdict is right but the wrong check is named: still an error.
    let tmp2 = tempfile::tempdir().unwrap();
    let dir2 = tmp2.path().join("corpus");
    corpus(&dir2, 12, 5, &["--invalid", "100", "--revoked", "0"]);
    let path2 = dir2.join("manifest.jsonl");
    let text2 = fs::read_to_string(&path2).unwrap();
    assert_eq!(
        text2
            .matches(r#""failing_check":"proof.signature""#)
            .count(),
        12
    );
    let changed = text2.replacen(
        r#""failing_check":"proof.signature""#,
        r#""failing_check":"status.revocation""#,
        1,
    );
    fs::write(&path2, changed).unwrap();
    let out = ler(&[
        "bench",
        "verify",
        dir2.to_str().unwrap(),
        "--floor-rounds",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("document 1 ")
            && stderr.contains("expected invalid (status.revocation failing)")
            && stderr.contains("proof.signature"),
        "{stderr}"
    );

    // A manifest shorter than the corpus cannot be checked: unusable (2).
    let short: Vec<&str> = original.lines().take(11).collect();
    fs::write(&path, short.join("\n") + "\n").unwrap();
    let out = ler(&[
        "bench",
        "verify",
        dir.to_str().unwrap(),
        "--floor-rounds",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("fewer entries"));
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let args = ["--invalid", "10", "--revoked", "10", "--size", "mixed"];
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    corpus(&a, 20, 42, &args);
    corpus(&b, 20, 42, &args);
    corpus(&c, 20, 43, &args);
    let (fa, fb, fc) = (files(&a), files(&b), files(&c));
    assert!(fa.len() > 20, "{} files", fa.len());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (path, bytes) in &fa {
        assert!(
            fb[path] == *bytes,
            "{} differs between runs",
            path.display()
        );
    }
    assert_ne!(fa[Path::new("corpus.jsonl")], fc[Path::new("corpus.jsonl")]);

    // Document i does not depend on n: a shorter corpus is a prefix of a longer one (the
    // status lists aside, whose bits depend on which documents exist).
    let d = tmp.path().join("d");
    corpus(&d, 10, 42, &args);
    let short = fs::read_to_string(d.join("corpus.jsonl")).unwrap();
    let long = fs::read_to_string(a.join("corpus.jsonl")).unwrap();
    assert!(long.starts_with(&short));
}

#[test]
fn bad_corpus_arguments_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("x");
    for args in [
        &["--mix", "jcs=0,rdfc=0"][..],
        &["--mix", "bbs=1"][..],
        &["--invalid", "60", "--revoked", "50"][..],
        &["--kinds", "ob3,diploma"][..],
    ] {
        let mut all = vec![
            "bench",
            "corpus",
            "--out",
            dir.to_str().unwrap(),
            "--n",
            "3",
        ];
        all.extend_from_slice(args);
        let out = ler(&all);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let out = ler(&["bench", "verify", tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("corpus.json"));
}

#[test]
fn a_jsonl_only_corpus_of_chosen_kinds_and_mixed_sizes_verifies() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    corpus(
        &dir,
        16,
        9,
        &[
            "--kinds",
            "ob3,clr2",
            "--size",
            "mixed",
            "--jsonl-only",
            "--mix",
            "rdfc=1",
        ],
    );
    assert!(!dir.join("documents").exists());
    let entries = manifest(&dir);
    assert_eq!(entries.len(), 16);
    assert!(entries.iter().all(|e| e["file"].is_null()
        && e["suite"] == "eddsa-rdfc-2022"
        && (e["kind"] == "ob3" || e["kind"] == "clr2")));
    let out = ler(&[
        "bench",
        "verify",
        dir.to_str().unwrap(),
        "--floor-rounds",
        "2",
        "--jobs",
        "1",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("verdicts: all 16 as the manifest expects"));
}

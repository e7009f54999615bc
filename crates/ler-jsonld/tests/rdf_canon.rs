//! The W3C RDFC-1.0 test suite: every eval, map and negative test of its manifest.
//!
//! Runs the full suite from `../shared/vectors/rdf-canon` when that folder exists, and always the
//! cases kept in `tests/fixtures/rdfc10`.

// Test helpers may unwrap: a panic there is a failed test with a backtrace.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ler_jsonld::{CanonicalizeOptions, HashAlgorithm, canonicalize_with, parse_nquads};
use serde_json::Value;

#[derive(Default, Debug)]
struct Counts {
    eval: usize,
    map: usize,
    negative: usize,
    failures: Vec<String>,
}

fn run_manifest(manifest: &Path, dir: &Path) -> Counts {
    let text = std::fs::read_to_string(manifest).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    let mut counts = Counts::default();
    for entry in json["entries"].as_array().unwrap() {
        let id = entry["id"].as_str().unwrap();
        let kind = entry["type"].as_str().unwrap();
        let hash = match entry.get("hashAlgorithm").and_then(Value::as_str) {
            None | Some("SHA256") => HashAlgorithm::Sha256,
            Some("SHA384") => HashAlgorithm::Sha384,
            Some(other) => panic!("{id}: unknown hash algorithm {other}"),
        };
        let options = CanonicalizeOptions::new().hash(hash);
        let input = std::fs::read_to_string(dir.join(entry["action"].as_str().unwrap())).unwrap();
        let dataset = match parse_nquads(&input) {
            Ok(d) => d,
            Err(e) => {
                counts
                    .failures
                    .push(format!("{id}: input does not parse: {e}"));
                continue;
            }
        };
        let started = Instant::now();
        let result = canonicalize_with(&dataset, &options);
        let elapsed = started.elapsed();
        match kind {
            "rdfc:RDFC10EvalTest" => {
                let expected =
                    std::fs::read_to_string(dir.join(entry["result"].as_str().unwrap())).unwrap();
                match result {
                    Ok(c) if c.nquads() == expected => counts.eval += 1,
                    Ok(c) => counts.failures.push(format!(
                        "{id}: output differs\n--- expected\n{expected}--- got\n{}",
                        c.nquads()
                    )),
                    Err(e) => counts.failures.push(format!("{id}: {e}")),
                }
            }
            "rdfc:RDFC10MapTest" => {
                let expected: Value = serde_json::from_str(
                    &std::fs::read_to_string(dir.join(entry["result"].as_str().unwrap())).unwrap(),
                )
                .unwrap();
                match result {
                    Ok(c) => {
                        let got: serde_json::Map<String, Value> = c
                            .issued_identifiers()
                            .map(|(from, to)| (from.to_owned(), Value::String(to)))
                            .collect();
                        if Value::Object(got.clone()) == expected {
                            counts.map += 1;
                        } else {
                            counts
                                .failures
                                .push(format!("{id}: map {got:?} != {expected}"));
                        }
                    }
                    Err(e) => counts.failures.push(format!("{id}: {e}")),
                }
            }
            "rdfc:RDFC10NegativeEvalTest" => match result {
                // "Quickly": the default limits must stop a poison graph in well under a second,
                // even in a debug build.
                Err(_) if elapsed < Duration::from_secs(2) => counts.negative += 1,
                Err(e) => counts
                    .failures
                    .push(format!("{id}: rejected, but after {elapsed:?}: {e}")),
                Ok(_) => counts
                    .failures
                    .push(format!("{id}: poison graph was accepted")),
            },
            other => panic!("{id}: unknown test type {other}"),
        }
    }
    counts
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn w3c_rdf_canon_suite() {
    let dir = crate_dir().join("../../../shared/vectors/rdf-canon");
    if !dir.join("manifest.jsonld").exists() {
        eprintln!(
            "skipping the full RDFC-1.0 suite: {} is absent",
            dir.display()
        );
        return;
    }
    let counts = run_manifest(&dir.join("manifest.jsonld"), &dir);
    eprintln!(
        "RDFC-1.0 suite: {} eval, {} map, {} negative passed; {} failed",
        counts.eval,
        counts.map,
        counts.negative,
        counts.failures.len()
    );
    assert!(counts.failures.is_empty(), "{}", counts.failures.join("\n"));
    assert_eq!((counts.eval, counts.map, counts.negative), (64, 21, 1));
}

#[test]
fn kept_rdf_canon_cases() {
    let dir = crate_dir().join("tests/fixtures/rdfc10");
    let counts = run_manifest(&dir.join("manifest.jsonld"), &dir);
    assert!(counts.failures.is_empty(), "{}", counts.failures.join("\n"));
    assert_eq!((counts.eval, counts.map, counts.negative), (6, 4, 1));
}

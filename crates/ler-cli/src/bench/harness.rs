//! `ler bench verify`: streams `corpus.jsonl` and `manifest.jsonl` side by side, verifies each
//! document, checks its verdict against the manifest, and reports the figures beside the raw
//! Ed25519 `verify_strict` floor measured in the same process.

use std::collections::BTreeMap;
use std::fs::File;
use std::hint::black_box;
use std::io::{BufRead, BufReader, Lines, Read as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use ler::microcredential::SchemaCheck;
use ler::proof::{BATCH_CHUNK, Verdict, Verification, VerifyOptions, verify, verify_batch};
use rayon::prelude::*;
use serde_json::{Value as Json, json};

use super::{VerifyArgs, machine};
use crate::Outcome;

/// How long one round of the floor measurement lasts (at least).
const FLOOR_ROUND: Duration = Duration::from_millis(25);
/// `verify_strict` calls between two looks at the clock.
const FLOOR_GROUP: u32 = 8;
/// Wrong verdicts described one by one before the rest are only counted.
const MAX_LISTED_MISMATCHES: usize = 10;

/// Runs the harness.
pub(super) fn run(args: &VerifyArgs) -> Outcome {
    match run_harness(args) {
        Ok(Finished::Measured(result)) => {
            print!("{}", result.text);
            if let Some(path) = &result.json_path {
                println!("result written to {}", path.display());
            }
            Outcome::Valid
        }
        Ok(Finished::WrongVerdicts {
            listed,
            wrong,
            total,
        }) => {
            for message in listed {
                eprintln!("ler bench verify: {message}");
            }
            eprintln!(
                "ler bench verify: {wrong} of {total} verdicts differ from the manifest: not a result"
            );
            Outcome::Invalid
        }
        Err(message) => {
            eprintln!("ler bench verify: {message}");
            Outcome::Unusable
        }
    }
}

enum Finished {
    Measured(Measured),
    WrongVerdicts {
        listed: Vec<String>,
        wrong: usize,
        total: usize,
    },
}

struct Measured {
    text: String,
    json_path: Option<PathBuf>,
}

/// What `corpus.json` says.
struct Corpus {
    settings: Json,
    verify_at: String,
    status_lists: Vec<(String, PathBuf)>,
    jsonl: PathBuf,
    manifest: PathBuf,
}

fn load_corpus(dir: &Path) -> Result<Corpus, String> {
    let path = dir.join("corpus.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: Json =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if value.get("format").and_then(Json::as_str) != Some(super::corpus::FORMAT) {
        return Err(format!(
            "{}: not a corpus of format {}",
            path.display(),
            super::corpus::FORMAT
        ));
    }
    let field = |name: &str| {
        value
            .get(name)
            .and_then(Json::as_str)
            .map(str::to_owned)
            .ok_or_else(|| format!("{}: `{name}` is missing", path.display()))
    };
    let status_lists = value
        .get("status_lists")
        .and_then(Json::as_array)
        .map(|lists| {
            lists
                .iter()
                .filter_map(|l| {
                    Some((
                        l.get("url")?.as_str()?.to_owned(),
                        dir.join(l.get("file")?.as_str()?),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Corpus {
        settings: value.get("settings").cloned().unwrap_or(Json::Null),
        verify_at: field("verify_at")?,
        status_lists,
        jsonl: dir.join(field("documents")?),
        manifest: dir.join(field("manifest")?),
    })
}

/// The verifier options the corpus's verdicts hold for: its verification time, the
/// `schema.json` check, and its status lists read from files.
fn options(corpus: &Corpus) -> Result<VerifyOptions, String> {
    let at = ler::model::date::parse_date_time_stamp(&corpus.verify_at)
        .map_err(|e| format!("corpus.json: verify_at: {e}"))?;
    let options = VerifyOptions::default().at(at).check(SchemaCheck::new());
    super::status::configure(options, &corpus.status_lists)
}

/// One manifest line.
struct Expected {
    line: usize,
    file: Option<String>,
    kind: String,
    suite: String,
    verdict: Verdict,
    failing_check: Option<String>,
}

fn parse_expected(text: &str, line: usize) -> Result<Expected, String> {
    let value: Json =
        serde_json::from_str(text).map_err(|e| format!("manifest.jsonl line {line}: {e}"))?;
    let string = |name: &str| value.get(name).and_then(Json::as_str).map(str::to_owned);
    let verdict = match string("expected").as_deref() {
        Some("verified") => Verdict::Verified,
        Some("invalid") => Verdict::Invalid,
        Some("indeterminate") => Verdict::Indeterminate,
        other => {
            return Err(format!(
                "manifest.jsonl line {line}: `expected` is {other:?}, not verified, invalid or indeterminate"
            ));
        }
    };
    Ok(Expected {
        line,
        file: string("file"),
        kind: string("kind").unwrap_or_default(),
        suite: string("suite").unwrap_or_default(),
        verdict,
        failing_check: string("failing_check"),
    })
}

/// Why a verification does not match its manifest entry, if it does not.
fn mismatch(expected: &Expected, got: &Verification) -> Option<String> {
    let report = got.report();
    let failing = report.failing_ids();
    let check_ok = match &expected.failing_check {
        Some(id) => failing.iter().any(|f| f == id.as_str()),
        None => true,
    };
    if report.verdict == expected.verdict && check_ok {
        return None;
    }
    let want = match &expected.failing_check {
        Some(id) => format!("{} ({id} failing)", expected.verdict.name()),
        None => expected.verdict.name().to_owned(),
    };
    let found = if failing.is_empty() {
        report.verdict.name().to_owned()
    } else {
        format!(
            "{} (failing: {})",
            report.verdict.name(),
            failing.join(", ")
        )
    };
    Some(format!(
        "document {} ({}, {}, {}): expected {want}, got {found}",
        expected.line,
        expected.file.as_deref().unwrap_or("corpus.jsonl"),
        expected.kind,
        expected.suite,
    ))
}

/// The raw floor: nanoseconds per `verify_strict` of a 64-byte message, one value per round.
/// A round repeats the call in groups of [`FLOOR_GROUP`] until [`FLOOR_ROUND`] has passed, so a
/// round is long enough to time on any build.
fn measure_floor(rounds: usize) -> Vec<f64> {
    let signing = SigningKey::from_bytes(&[7u8; 32]);
    let key: VerifyingKey = signing.verifying_key();
    let message = [0x5au8; 64];
    let signature: Signature = signing.sign(&message);
    for _ in 0..FLOOR_GROUP {
        black_box(key.verify_strict(black_box(&message), black_box(&signature))).ok();
    }
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let mut calls = 0u32;
            while calls == 0 || start.elapsed() < FLOOR_ROUND {
                for _ in 0..FLOOR_GROUP {
                    black_box(key.verify_strict(black_box(&message), black_box(&signature))).ok();
                }
                calls += FLOOR_GROUP;
            }
            start.elapsed().as_secs_f64() * 1e9 / f64::from(calls)
        })
        .collect()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The nearest-rank percentile of sorted nanosecond values.
fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    let index = rank.clamp(1, sorted.len()) - 1;
    sorted.get(index).map_or(f64::NAN, |v| f64::from(*v))
}

fn nanos(d: Duration) -> u32 {
    u32::try_from(d.as_nanos()).unwrap_or(u32::MAX)
}

/// The longest line read from `corpus.jsonl` (the verifier's own limit is 10 MB): a file
/// without newlines cannot make the harness hold more.
const MAX_LINE: u64 = 16 * 1024 * 1024;

/// Reads up to [`BATCH_CHUNK`] non-empty lines, each at most [`MAX_LINE`] bytes.
fn next_chunk(documents: &mut BufReader<File>, path: &Path) -> Result<Vec<Vec<u8>>, String> {
    let mut chunk = Vec::with_capacity(BATCH_CHUNK);
    while chunk.len() < BATCH_CHUNK {
        let mut line = Vec::new();
        let read = documents
            .by_ref()
            .take(MAX_LINE + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if read == 0 {
            break;
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        } else if read as u64 > MAX_LINE {
            return Err(format!(
                "{}: a line longer than {MAX_LINE} bytes",
                path.display()
            ));
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            chunk.push(line);
        }
    }
    Ok(chunk)
}

fn next_expected(
    manifest: &mut Lines<BufReader<File>>,
    line: &mut usize,
) -> Result<Option<Expected>, String> {
    loop {
        match manifest.next() {
            None => return Ok(None),
            Some(Err(e)) => return Err(format!("manifest.jsonl: {e}")),
            Some(Ok(text)) if text.trim().is_empty() => {}
            Some(Ok(text)) => {
                *line += 1;
                return parse_expected(&text, *line).map(Some);
            }
        }
    }
}

/// Per-group sums for the breakdown in single mode: (documents, nanoseconds).
type Breakdown = BTreeMap<String, (u64, u128)>;

fn run_harness(args: &VerifyArgs) -> Result<Finished, String> {
    let corpus = load_corpus(&args.corpus)?;
    let options = options(&corpus)?;
    let jobs = args.jobs.unwrap_or_else(machine::cores).max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| format!("thread pool: {e}"))?;
    let batch = !args.no_batch;
    let load_start = machine::load_average();

    let documents =
        File::open(&corpus.jsonl).map_err(|e| format!("{}: {e}", corpus.jsonl.display()))?;
    let manifest =
        File::open(&corpus.manifest).map_err(|e| format!("{}: {e}", corpus.manifest.display()))?;
    let mut documents = BufReader::new(documents);
    let mut manifest = BufReader::new(manifest).lines();

    let rounds = args.floor_rounds.max(2);
    let mut floor = measure_floor(rounds / 2);

    let mut latencies: Vec<u32> = Vec::new();
    let mut by_group: Breakdown = BTreeMap::new();
    let mut verify_time = Duration::ZERO;
    let mut total = 0usize;
    let mut manifest_line = 0usize;
    let mut wrong = 0usize;
    let mut listed = Vec::new();
    let mut verdicts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let wall = Instant::now();
    loop {
        let chunk = next_chunk(&mut documents, &corpus.jsonl)?;
        if chunk.is_empty() {
            break;
        }
        let (results, times): (Vec<Verification>, Vec<Duration>) = if batch {
            let start = Instant::now();
            let results = pool.install(|| verify_batch(&chunk, &options));
            let elapsed = start.elapsed();
            verify_time += elapsed;
            // Amortised: the chunk's time shared equally by its documents.
            let each = elapsed / u32::try_from(chunk.len()).unwrap_or(1).max(1);
            let times = vec![each; results.len()];
            (results, times)
        } else {
            let start = Instant::now();
            let timed: Vec<(Verification, Duration)> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|document| {
                        let t = Instant::now();
                        let v = verify(document, &options);
                        (v, t.elapsed())
                    })
                    .collect()
            });
            verify_time += start.elapsed();
            timed.into_iter().unzip()
        };
        for (verification, time) in results.iter().zip(times) {
            total += 1;
            let expected = next_expected(&mut manifest, &mut manifest_line)?.ok_or_else(|| {
                format!(
                    "manifest.jsonl has fewer entries than corpus.jsonl ({total} documents or more)"
                )
            })?;
            latencies.push(nanos(time));
            *verdicts
                .entry(verification.report().verdict.name())
                .or_default() += 1;
            if !batch {
                for key in [
                    format!("suite {}", expected.suite),
                    format!("kind {}", expected.kind),
                ] {
                    let slot = by_group.entry(key).or_default();
                    slot.0 += 1;
                    slot.1 += time.as_nanos();
                }
            }
            if let Some(message) = mismatch(&expected, verification) {
                wrong += 1;
                if listed.len() < MAX_LISTED_MISMATCHES {
                    listed.push(message);
                }
            }
        }
    }
    let wall = wall.elapsed();
    if next_expected(&mut manifest, &mut manifest_line)?.is_some() {
        return Err(format!(
            "manifest.jsonl has more entries than corpus.jsonl ({total} documents)"
        ));
    }
    if total == 0 {
        return Err(format!("{}: no documents", corpus.jsonl.display()));
    }
    floor.extend(measure_floor(rounds - rounds / 2));
    if wrong > 0 {
        return Ok(Finished::WrongVerdicts {
            listed,
            wrong,
            total,
        });
    }
    let peak = machine::peak_memory();
    let load_end = machine::load_average();

    let floor_min = floor.iter().copied().fold(f64::INFINITY, f64::min);
    let floor_max = floor.iter().copied().fold(0.0, f64::max);
    let floor_ns = median(&mut floor);
    latencies.sort_unstable();
    #[allow(clippy::cast_precision_loss)]
    let per_document_ns = verify_time.as_nanos() as f64 / total as f64;
    #[allow(clippy::cast_precision_loss)]
    let throughput = total as f64 / verify_time.as_secs_f64();
    let mean_latency = {
        let sum: u128 = latencies.iter().map(|&v| u128::from(v)).sum();
        #[allow(clippy::cast_precision_loss)]
        let mean = sum as f64 / latencies.len().max(1) as f64;
        mean
    };
    let (p50, p90, p99) = (
        percentile(&latencies, 50.0),
        percentile(&latencies, 90.0),
        percentile(&latencies, 99.0),
    );
    let ratio = |ns: f64| ns / floor_ns;
    let us = |ns: f64| ns / 1000.0;
    let mode = if batch {
        format!(
            "batch: verify_batch in chunks of {BATCH_CHUNK}, Ed25519 batch verification, {jobs} thread(s)"
        )
    } else {
        format!("single: verify, one document at a time per thread, {jobs} thread(s)")
    };
    let latency_basis = if batch {
        "per-chunk amortised (a chunk's time / its documents)"
    } else {
        "per document (each verify call timed)"
    };

    let mut text = String::new();
    use std::fmt::Write as _;
    if cfg!(debug_assertions) {
        let _ = writeln!(
            text,
            "warning: a debug build: these figures say nothing about ler's speed (build with --release)"
        );
    }
    let _ = writeln!(
        text,
        "corpus: {} ({total} documents)",
        args.corpus.display()
    );
    let _ = writeln!(text, "mode: {mode}");
    let _ = writeln!(
        text,
        "verdicts: all {total} as the manifest expects ({})",
        verdicts
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        text,
        "floor: ed25519_dalek verify_strict {:.2} µs (median of {} rounds of {} ms; {:.2} to {:.2})",
        us(floor_ns),
        floor.len(),
        FLOOR_ROUND.as_millis(),
        us(floor_min),
        us(floor_max)
    );
    let _ = writeln!(
        text,
        "throughput: {throughput:.0} documents/s = {:.2} µs per document = {:.2}x floor (verify time {:.3} s, wall {:.3} s)",
        us(per_document_ns),
        ratio(per_document_ns),
        verify_time.as_secs_f64(),
        wall.as_secs_f64()
    );
    let _ = writeln!(text, "latency, {latency_basis}:");
    for (name, ns) in [
        ("mean", mean_latency),
        ("p50", p50),
        ("p90", p90),
        ("p99", p99),
    ] {
        let _ = writeln!(text, "  {name:>4} {:>10.2} µs {:>8.2}x", us(ns), ratio(ns));
    }
    if !batch {
        let _ = writeln!(text, "mean per document by group:");
        for (group, (count, sum)) in &by_group {
            #[allow(clippy::cast_precision_loss)]
            let mean = *sum as f64 / (*count).max(1) as f64;
            let _ = writeln!(
                text,
                "  {group:<30} {count:>8} {:>10.2} µs {:>8.2}x",
                us(mean),
                ratio(mean)
            );
        }
    }
    let _ = writeln!(
        text,
        "peak memory (VmHWM): {}",
        peak.map_or_else(|| "n/a".to_owned(), machine::format_bytes)
    );

    let json_path = match &args.json {
        None => None,
        Some(path) => {
            let path = path
                .clone()
                .unwrap_or_else(|| args.corpus.join("bench-result.json"));
            let groups: serde_json::Map<String, Json> = by_group
                .iter()
                .map(|(k, (count, sum))| {
                    #[allow(clippy::cast_precision_loss)]
                    let mean = *sum as f64 / (*count).max(1) as f64;
                    (
                        k.clone(),
                        json!({"documents": count, "mean_us": us(mean), "mean_ratio": ratio(mean)}),
                    )
                })
                .collect();
            let result = json!({
                "format": "ler-bench-result/1",
                "machine": {
                    "cpu": machine::cpu_model(),
                    "cores": machine::cores(),
                    "memory_bytes": machine::total_memory(),
                    "os": std::env::consts::OS,
                    "arch": std::env::consts::ARCH,
                    "load_average_1min_start": load_start,
                    "load_average_1min_end": load_end,
                },
                "versions": {
                    "ler": env!("CARGO_PKG_VERSION"),
                    "build": if cfg!(debug_assertions) { "debug" } else { "release" },
                    "rustc_on_path": rustc_version(),
                },
                "settings": {
                    "corpus": args.corpus.display().to_string(),
                    "corpus_settings": corpus.settings,
                    "mode": if batch { "batch" } else { "single" },
                    "jobs": jobs,
                    "chunk": BATCH_CHUNK,
                    "verify_at": corpus.verify_at,
                    "extra_checks": ["schema.json", "status"],
                    "floor": {"rounds": floor.len(), "round_ms": FLOOR_ROUND.as_millis(), "message_bytes": 64},
                },
                "figures": {
                    "documents": total,
                    "verify_seconds": verify_time.as_secs_f64(),
                    "wall_seconds": wall.as_secs_f64(),
                    "throughput_documents_per_second": throughput,
                    "per_document_us": us(per_document_ns),
                    "per_document_ratio": ratio(per_document_ns),
                    "latency": {
                        "basis": latency_basis,
                        "mean_us": us(mean_latency), "mean_ratio": ratio(mean_latency),
                        "p50_us": us(p50), "p50_ratio": ratio(p50),
                        "p90_us": us(p90), "p90_ratio": ratio(p90),
                        "p99_us": us(p99), "p99_ratio": ratio(p99),
                    },
                    "by_group": groups,
                    "peak_memory_bytes": peak,
                    "floor_us": us(floor_ns),
                    "floor_min_us": us(floor_min),
                    "floor_max_us": us(floor_max),
                },
                "verdicts": {"checked": total, "matched": total, "counts": verdicts},
            });
            let text = serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?;
            std::fs::write(&path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
            Some(path)
        }
    };
    Ok(Finished::Measured(Measured { text, json_path }))
}

/// `rustc -V` of the compiler on `PATH` (the one that built this binary, when it was built
/// here); `None` when there is none.
fn rustc_version() -> Option<String> {
    let output = std::process::Command::new("rustc")
        .arg("-V")
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let sorted: Vec<u32> = (1..=100).collect();
        assert_eq!(percentile(&sorted, 50.0), 50.0);
        assert_eq!(percentile(&sorted, 90.0), 90.0);
        assert_eq!(percentile(&sorted, 99.0), 99.0);
        assert_eq!(percentile(&[7], 99.0), 7.0);
        assert!(percentile(&[], 50.0).is_nan());
    }

    #[test]
    fn floor_is_positive() {
        let floor = measure_floor(2);
        assert_eq!(floor.len(), 2);
        assert!(floor.iter().all(|&ns| ns > 0.0));
    }

    #[test]
    fn manifest_lines_parse() {
        let e = parse_expected(
            r#"{"line":1,"file":null,"kind":"ob3","suite":"eddsa-jcs-2022","expected":"invalid","failing_check":"proof.signature"}"#,
            1,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.verdict, Verdict::Invalid);
        assert_eq!(e.failing_check.as_deref(), Some("proof.signature"));
        assert!(parse_expected(r#"{"expected":"maybe"}"#, 2).is_err());
        assert!(parse_expected("not json", 3).is_err());
    }
}

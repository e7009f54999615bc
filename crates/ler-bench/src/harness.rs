//! The harness (`ler bench verify`): streams `corpus.jsonl` and `manifest.jsonl` side by side,
//! verifies each document, checks its verdict against the manifest, and reports the figures
//! beside the raw Ed25519 `verify_strict` floor measured in the same process.

use std::collections::BTreeMap;
use std::fs::File;
use std::hint::black_box;
use std::io::{BufRead, BufReader, Lines, Read as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use ler::microcredential::SchemaCheck;
use ler::verifier::{BATCH_CHUNK, Verdict, Verification, VerifyOptions, verify, verify_batch};
use rayon::prelude::*;
use serde_json::Value as Json;

use super::machine;
use crate::BenchError;
use crate::figures::{FLOOR_ROUND, Floor, GroupFigures, Latency, Machine, Measured};

/// `verify_strict` calls between two looks at the clock.
const FLOOR_GROUP: u32 = 8;
/// Wrong verdicts described one by one before the rest are only counted.
const MAX_LISTED_MISMATCHES: usize = 10;

/// The result file's name in the corpus folder, where `ler bench verify --json` writes it when
/// no file is given.
pub const RESULT_FILE: &str = "bench-result.json";

/// How [`run`] verifies a corpus.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct HarnessSettings {
    /// The corpus folder (written by [`write_corpus`](crate::write_corpus)).
    pub corpus: PathBuf,
    /// Worker threads (`None`, the default: every core).
    pub jobs: Option<usize>,
    /// `verify_batch` in chunks of [`BATCH_CHUNK`] with Ed25519 batch verification (the
    /// default), or `false` for `verify` on each document, timed one by one.
    pub batch: bool,
    /// Rounds of the `verify_strict` floor measurement, half before and half after the corpus
    /// (each round lasts 25 ms; at least 2; default 20); the floor is their median.
    pub floor_rounds: usize,
}

impl HarnessSettings {
    /// The corpus in folder `corpus`, every other setting at its default.
    pub fn new(corpus: impl Into<PathBuf>) -> Self {
        HarnessSettings {
            corpus: corpus.into(),
            jobs: None,
            batch: true,
            floor_rounds: 20,
        }
    }
}

/// How a run ended when the corpus could be read.
#[derive(Debug)]
pub enum Finished {
    /// Every verdict matched the manifest: the figures are a result.
    Measured(Box<Measured>),
    /// Some verdicts differ from the manifest: not a result.
    WrongVerdicts {
        /// The first wrong verdicts, each described (document, file, kind, suite, expected, got).
        listed: Vec<String>,
        /// How many verdicts are wrong.
        wrong: usize,
        /// How many documents were verified.
        total: usize,
    },
}

/// What `corpus.json` says.
struct Corpus {
    settings: Json,
    verify_at: String,
    status_lists: Vec<(String, PathBuf)>,
    jsonl: PathBuf,
    manifest: PathBuf,
}

fn load_corpus(dir: &Path) -> Result<Corpus, BenchError> {
    let path = dir.join("corpus.json");
    let text = std::fs::read_to_string(&path).map_err(|source| BenchError::Io {
        path: path.clone(),
        source,
    })?;
    let value: Json = serde_json::from_str(&text).map_err(|source| BenchError::Json {
        what: path.display().to_string(),
        source,
    })?;
    if value.get("format").and_then(Json::as_str) != Some(super::corpus::FORMAT) {
        return Err(BenchError::BadCorpus(format!(
            "{}: not a corpus of format {}",
            path.display(),
            super::corpus::FORMAT
        )));
    }
    let field = |name: &str| {
        value
            .get(name)
            .and_then(Json::as_str)
            .map(str::to_owned)
            .ok_or_else(|| {
                BenchError::BadCorpus(format!("{}: `{name}` is missing", path.display()))
            })
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
fn options(corpus: &Corpus) -> Result<VerifyOptions, BenchError> {
    let at = ler::model::date::parse_date_time_stamp(&corpus.verify_at)
        .map_err(|e| BenchError::BadCorpus(format!("corpus.json: verify_at: {e}")))?;
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

fn parse_expected(text: &str, line: usize) -> Result<Expected, BenchError> {
    let value: Json = serde_json::from_str(text).map_err(|source| BenchError::Json {
        what: format!("manifest.jsonl line {line}"),
        source,
    })?;
    let string = |name: &str| value.get(name).and_then(Json::as_str).map(str::to_owned);
    let verdict = match string("expected").as_deref() {
        Some("verified") => Verdict::Verified,
        Some("invalid") => Verdict::Invalid,
        Some("indeterminate") => Verdict::Indeterminate,
        other => {
            return Err(BenchError::BadCorpus(format!(
                "manifest.jsonl line {line}: `expected` is {other:?}, not verified, invalid or indeterminate"
            )));
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

/// Latencies in nanoseconds, kept whole for exact percentiles.
enum Latencies {
    /// Each document timed alone: one value per document.
    Each(Vec<u32>),
    /// Batch mode: a chunk's documents share its amortised latency, kept once with the number
    /// of documents (1,000,000 documents make about 4,000 runs, not 4 MB of equal values).
    Runs(Vec<(u32, u32)>),
}

impl Latencies {
    /// Empty; `expected` documents reserved when each is timed alone.
    fn new(batch: bool, expected: usize) -> Self {
        if batch {
            Self::Runs(Vec::new())
        } else {
            Self::Each(Vec::with_capacity(expected))
        }
    }

    fn push(&mut self, nanos: u32) {
        match self {
            Self::Each(values) => values.push(nanos),
            Self::Runs(runs) => match runs.last_mut() {
                Some((value, count)) if *value == nanos && *count < u32::MAX => *count += 1,
                _ => runs.push((nanos, 1)),
            },
        }
    }

    /// The mean and the nearest-rank percentiles.
    fn summary(self) -> Latency {
        match self {
            Self::Each(mut values) => {
                values.sort_unstable();
                summarize(values.iter().map(|&v| (v, 1)))
            }
            Self::Runs(mut runs) => {
                runs.sort_unstable();
                summarize(runs.iter().copied())
            }
        }
    }
}

/// The mean and the nearest-rank percentiles of sorted (value, how many) runs.
fn summarize(runs: impl Iterator<Item = (u32, u32)> + Clone) -> Latency {
    let (count, sum) = runs
        .clone()
        .fold((0u64, 0u128), |(count, sum), (value, n)| {
            (
                count + u64::from(n),
                sum + u128::from(value) * u128::from(n),
            )
        });
    #[allow(clippy::cast_precision_loss)]
    let mean_ns = if count == 0 {
        f64::NAN
    } else {
        sum as f64 / count as f64
    };
    Latency {
        mean_ns,
        p50_ns: percentile(runs.clone(), count, 50.0),
        p90_ns: percentile(runs.clone(), count, 90.0),
        p99_ns: percentile(runs, count, 99.0),
    }
}

/// The nearest-rank percentile of `count` nanosecond values given as sorted (value, how many)
/// runs.
fn percentile(sorted: impl Iterator<Item = (u32, u32)>, count: u64, p: f64) -> f64 {
    if count == 0 {
        return f64::NAN;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((p / 100.0) * count as f64).ceil() as u64;
    let rank = rank.clamp(1, count);
    let mut seen = 0u64;
    for (value, n) in sorted {
        seen += u64::from(n);
        if seen >= rank {
            return f64::from(value);
        }
    }
    f64::NAN
}

fn nanos(d: Duration) -> u32 {
    u32::try_from(d.as_nanos()).unwrap_or(u32::MAX)
}

/// Most latencies reserved up front from the count in corpus.json (16 MiB); past it the
/// vector grows as it goes.
const MAX_RESERVED_LATENCIES: u64 = 1 << 22;

/// The longest line read from `corpus.jsonl` (the verifier's own limit is 10 MB): a file
/// without newlines cannot make the harness hold more.
const MAX_LINE: u64 = 16 * 1024 * 1024;

/// Reads up to [`BATCH_CHUNK`] non-empty lines, each at most [`MAX_LINE`] bytes.
fn next_chunk(documents: &mut BufReader<File>, path: &Path) -> Result<Vec<Vec<u8>>, BenchError> {
    let mut chunk = Vec::with_capacity(BATCH_CHUNK);
    while chunk.len() < BATCH_CHUNK {
        let mut line = Vec::new();
        let read = documents
            .by_ref()
            .take(MAX_LINE + 1)
            .read_until(b'\n', &mut line)
            .map_err(|source| BenchError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        if read == 0 {
            break;
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        } else if read as u64 > MAX_LINE {
            return Err(BenchError::BadCorpus(format!(
                "{}: a line longer than {MAX_LINE} bytes",
                path.display()
            )));
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
) -> Result<Option<Expected>, BenchError> {
    loop {
        match manifest.next() {
            None => return Ok(None),
            Some(Err(source)) => {
                return Err(BenchError::Io {
                    path: PathBuf::from("manifest.jsonl"),
                    source,
                });
            }
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

/// Verifies the corpus in `settings.corpus`, checks every verdict against its manifest, and
/// measures the figures (with the floor, half its rounds before the corpus and half after).
///
/// # Errors
///
/// [`BenchError::Io`] when a corpus file cannot be read, [`BenchError::Json`] and
/// [`BenchError::BadCorpus`] when it is not a corpus this harness reads (another format, a
/// manifest with more or fewer entries than documents, no documents), and
/// [`BenchError::ThreadPool`] when the worker threads cannot start. Wrong verdicts are not an
/// error: they are [`Finished::WrongVerdicts`].
pub fn run(settings: &HarnessSettings) -> Result<Finished, BenchError> {
    let corpus = load_corpus(&settings.corpus)?;
    let options = options(&corpus)?;
    let jobs = settings.jobs.unwrap_or_else(machine::cores).max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(BenchError::ThreadPool)?;
    let batch = settings.batch;
    let load_start = machine::load_average();

    let open = |path: &PathBuf| {
        File::open(path).map_err(|source| BenchError::Io {
            path: path.clone(),
            source,
        })
    };
    let documents = open(&corpus.jsonl)?;
    let manifest = open(&corpus.manifest)?;
    let mut documents = BufReader::new(documents);
    let mut manifest = BufReader::new(manifest).lines();

    let rounds = settings.floor_rounds.max(2);
    let mut floor = measure_floor(rounds / 2);

    // Timed one by one, the latencies the corpus announces are reserved at once, so a growing
    // vector never holds its old and new buffers together; capped, as corpus.json could claim
    // anything.
    let announced = corpus.settings.get("n").and_then(Json::as_u64).unwrap_or(0);
    let mut tally = Tally::new(Latencies::new(
        batch,
        usize::try_from(announced.min(MAX_RESERVED_LATENCIES)).unwrap_or(0),
    ));
    let mut verify_time = Duration::ZERO;
    let mut manifest_line = 0usize;
    let wall = Instant::now();
    loop {
        let chunk = next_chunk(&mut documents, &corpus.jsonl)?;
        if chunk.is_empty() {
            break;
        }
        let (results, times, elapsed) = pool.install(|| verify_chunk(&chunk, &options, batch));
        verify_time += elapsed;
        for (verification, time) in results.iter().zip(times) {
            let expected = next_expected(&mut manifest, &mut manifest_line)?.ok_or_else(|| {
                BenchError::BadCorpus(format!(
                    "manifest.jsonl has fewer entries than corpus.jsonl ({} documents or more)",
                    tally.total + 1
                ))
            })?;
            tally.record(&expected, verification, time, batch);
        }
    }
    let wall = wall.elapsed();
    let Tally {
        latencies,
        by_group,
        total,
        wrong,
        listed,
        verdicts,
    } = tally;
    if next_expected(&mut manifest, &mut manifest_line)?.is_some() {
        return Err(BenchError::BadCorpus(format!(
            "manifest.jsonl has more entries than corpus.jsonl ({total} documents)"
        )));
    }
    if total == 0 {
        return Err(BenchError::BadCorpus(format!(
            "{}: no documents",
            corpus.jsonl.display()
        )));
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
    Ok(Finished::Measured(Box::new(Measured {
        corpus: settings.corpus.clone(),
        corpus_settings: corpus.settings,
        verify_at: corpus.verify_at,
        batch,
        jobs,
        documents: total,
        verdicts,
        verify_time,
        wall_time: wall,
        floor: Floor {
            median_ns: floor_ns,
            min_ns: floor_min,
            max_ns: floor_max,
            rounds: floor.len(),
        },
        latency: latencies.summary(),
        by_group: group_means(by_group),
        peak_memory_bytes: peak,
        machine: Machine {
            cpu: machine::cpu_model(),
            cores: machine::cores(),
            memory_bytes: machine::total_memory(),
            load_average_start: load_start,
            load_average_end: load_end,
        },
    })))
}

/// Verifies one chunk on the pool: each document on its own (timed one by one) or the chunk as
/// one batch (its time shared equally by its documents). Returns the verifications, each
/// document's time and the chunk's.
fn verify_chunk(
    chunk: &[Vec<u8>],
    options: &VerifyOptions,
    batch: bool,
) -> (Vec<Verification>, Vec<Duration>, Duration) {
    let start = Instant::now();
    if batch {
        let results = verify_batch(chunk, options);
        let elapsed = start.elapsed();
        let each = elapsed / u32::try_from(chunk.len()).unwrap_or(1).max(1);
        let times = vec![each; results.len()];
        return (results, times, elapsed);
    }
    let timed: Vec<(Verification, Duration)> = chunk
        .par_iter()
        .map(|document| {
            let t = Instant::now();
            let v = verify(document, options);
            (v, t.elapsed())
        })
        .collect();
    let (results, times) = timed.into_iter().unzip();
    (results, times, start.elapsed())
}

/// What the run has seen so far: latencies, per-group sums, verdicts and mismatches.
struct Tally {
    latencies: Latencies,
    by_group: Breakdown,
    total: usize,
    wrong: usize,
    listed: Vec<String>,
    verdicts: BTreeMap<&'static str, usize>,
}

impl Tally {
    /// Nothing seen yet; latencies go to `latencies`.
    fn new(latencies: Latencies) -> Self {
        Self {
            latencies,
            by_group: Breakdown::default(),
            total: 0,
            wrong: 0,
            listed: Vec::new(),
            verdicts: BTreeMap::new(),
        }
    }

    /// Counts one document: its latency, its verdict, its groups (not in batch mode, where
    /// times are shared) and whether the verdict was the expected one.
    fn record(
        &mut self,
        expected: &Expected,
        verification: &Verification,
        time: Duration,
        batch: bool,
    ) {
        self.total += 1;
        self.latencies.push(nanos(time));
        *self
            .verdicts
            .entry(verification.report().verdict.name())
            .or_default() += 1;
        if !batch {
            for key in [
                format!("suite {}", expected.suite),
                format!("kind {}", expected.kind),
            ] {
                let slot = self.by_group.entry(key).or_default();
                slot.0 += 1;
                slot.1 += time.as_nanos();
            }
        }
        if let Some(message) = mismatch(expected, verification) {
            self.wrong += 1;
            if self.listed.len() < MAX_LISTED_MISMATCHES {
                self.listed.push(message);
            }
        }
    }
}

/// The mean time of each group.
fn group_means(by_group: Breakdown) -> BTreeMap<String, GroupFigures> {
    by_group
        .into_iter()
        .map(|(group, (count, sum))| {
            #[allow(clippy::cast_precision_loss)]
            let mean = sum as f64 / count.max(1) as f64;
            let figures = GroupFigures {
                documents: count,
                mean_ns: mean,
            };
            (group, figures)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let mut each = Latencies::new(false, 0);
        for v in (1..=100).rev() {
            each.push(v);
        }
        let summary = each.summary();
        assert_eq!(
            (summary.p50_ns, summary.p90_ns, summary.p99_ns),
            (50.0, 90.0, 99.0)
        );
        assert_eq!(summary.mean_ns, 50.5);
        assert_eq!(percentile([(7, 1)].into_iter(), 1, 99.0), 7.0);
        assert!(percentile(std::iter::empty(), 0, 50.0).is_nan());
        assert!(Latencies::new(true, 0).summary().mean_ns.is_nan());
    }

    #[test]
    fn chunk_latencies_kept_as_runs_give_the_percentiles_of_every_document() {
        // Three chunks of 3, 1 and 6 documents, out of order, against the ten values one by one.
        let values = [40, 40, 40, 10, 25, 25, 25, 25, 25, 25];
        let mut runs = Latencies::new(true, 0);
        let mut each = Latencies::new(false, 0);
        for v in values {
            runs.push(v);
            each.push(v);
        }
        assert!(matches!(&runs, Latencies::Runs(r) if r.len() == 3));
        let (runs, each) = (runs.summary(), each.summary());
        for (r, e) in [
            (runs.mean_ns, each.mean_ns),
            (runs.p50_ns, each.p50_ns),
            (runs.p90_ns, each.p90_ns),
            (runs.p99_ns, each.p99_ns),
        ] {
            assert_eq!(r, e);
        }
        assert_eq!((runs.p50_ns, runs.p90_ns, runs.mean_ns), (25.0, 40.0, 28.0));
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

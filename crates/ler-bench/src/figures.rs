//! The figures of a harness run whose verdicts all matched, as `ler bench verify` prints them
//! and as its result file (`ler-bench-result/1`) holds them.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use ler::verifier::BATCH_CHUNK;
use serde_json::{Value as Json, json};

use crate::BenchError;
use crate::machine;

/// How long one round of the floor measurement lasts (at least); the result file records it.
pub(crate) const FLOOR_ROUND: Duration = Duration::from_millis(25);

/// The figures of a run whose verdicts all matched. Its [`Display`](fmt::Display) is the report
/// `ler bench verify` prints; [`to_json`](Self::to_json) is the result file's content.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Measured {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// The `settings` object of the corpus's `corpus.json`.
    pub corpus_settings: Json,
    /// The verification time the verdicts hold for.
    pub verify_at: String,
    /// Batch mode (`verify_batch`) or single mode (`verify`).
    pub batch: bool,
    /// Worker threads.
    pub jobs: usize,
    /// Documents verified.
    pub documents: usize,
    /// Documents by verdict name (`verified`, `invalid`, `indeterminate`).
    pub verdicts: BTreeMap<&'static str, usize>,
    /// Time spent in the verifier.
    pub verify_time: Duration,
    /// Time of the whole run over the corpus (reading included).
    pub wall_time: Duration,
    /// The raw Ed25519 `verify_strict` floor.
    pub floor: Floor,
    /// Latency per document.
    pub latency: Latency,
    /// Mean time per document by group (`suite …`, `kind …`); single mode only.
    pub by_group: BTreeMap<String, GroupFigures>,
    /// The process's peak memory (`None` where it is not known).
    pub peak_memory_bytes: Option<u64>,
    /// The machine the run was on.
    pub machine: Machine,
}

/// The floor: nanoseconds per `verify_strict` of a 64-byte message.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Floor {
    /// The median of the rounds.
    pub median_ns: f64,
    /// The fastest round.
    pub min_ns: f64,
    /// The slowest round.
    pub max_ns: f64,
    /// How many rounds.
    pub rounds: usize,
}

/// Latency figures in nanoseconds: per document in single mode, a chunk's time shared by its
/// documents in batch mode.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Latency {
    /// The mean.
    pub mean_ns: f64,
    /// The median (nearest rank).
    pub p50_ns: f64,
    /// The 90th percentile (nearest rank).
    pub p90_ns: f64,
    /// The 99th percentile (nearest rank).
    pub p99_ns: f64,
}

/// One group of the single-mode breakdown.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct GroupFigures {
    /// Documents in the group.
    pub documents: u64,
    /// Mean nanoseconds per document.
    pub mean_ns: f64,
}

/// What the harness records about the machine (`None` where it is not known: Linux facts come
/// from `/proc`).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Machine {
    /// The CPU model.
    pub cpu: Option<String>,
    /// The cores this process may use.
    pub cores: usize,
    /// Total memory.
    pub memory_bytes: Option<u64>,
    /// The 1-minute load average before the run.
    pub load_average_start: Option<f64>,
    /// The 1-minute load average after the run.
    pub load_average_end: Option<f64>,
}

impl Measured {
    /// Nanoseconds of verifier time per document.
    pub fn per_document_ns(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let per_document_ns = self.verify_time.as_nanos() as f64 / self.documents.max(1) as f64;
        per_document_ns
    }

    /// Documents per second of verifier time.
    pub fn throughput(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let throughput = self.documents as f64 / self.verify_time.as_secs_f64();
        throughput
    }

    /// A time as a multiple of the floor.
    pub fn ratio(&self, ns: f64) -> f64 {
        ns / self.floor.median_ns
    }

    fn mode(&self) -> String {
        let jobs = self.jobs;
        if self.batch {
            format!(
                "batch: verify_batch in chunks of {BATCH_CHUNK}, Ed25519 batch verification, {jobs} thread(s)"
            )
        } else {
            format!("single: verify, one document at a time per thread, {jobs} thread(s)")
        }
    }

    fn latency_basis(&self) -> &'static str {
        if self.batch {
            "per-chunk amortised (a chunk's time / its documents)"
        } else {
            "per document (each verify call timed)"
        }
    }

    /// The result file's content (format `ler-bench-result/1`): machine, versions, settings,
    /// figures and verdicts. It runs `rustc -V` to record the compiler on `PATH`.
    pub fn to_json(&self) -> Json {
        let (total, batch, jobs) = (self.documents, self.batch, self.jobs);
        let ratio = |ns: f64| self.ratio(ns);
        let us = |ns: f64| ns / 1000.0;
        let latency = &self.latency;
        let floor = &self.floor;
        let groups: serde_json::Map<String, Json> = self
            .by_group
            .iter()
            .map(|(k, group)| {
                let mean = group.mean_ns;
                (
                    k.clone(),
                    json!({"documents": group.documents, "mean_us": us(mean), "mean_ratio": ratio(mean)}),
                )
            })
            .collect();
        json!({
            "format": "ler-bench-result/1",
            "machine": {
                "cpu": self.machine.cpu,
                "cores": self.machine.cores,
                "memory_bytes": self.machine.memory_bytes,
                "os": std::env::consts::OS,
                "arch": std::env::consts::ARCH,
                "load_average_1min_start": self.machine.load_average_start,
                "load_average_1min_end": self.machine.load_average_end,
            },
            "versions": {
                "ler": env!("CARGO_PKG_VERSION"),
                "build": if cfg!(debug_assertions) { "debug" } else { "release" },
                "rustc_on_path": rustc_version(),
            },
            "settings": {
                "corpus": self.corpus.display().to_string(),
                "corpus_settings": self.corpus_settings,
                "mode": if batch { "batch" } else { "single" },
                "jobs": jobs,
                "chunk": BATCH_CHUNK,
                "verify_at": self.verify_at,
                "extra_checks": ["schema.json", "status"],
                "floor": {"rounds": floor.rounds, "round_ms": FLOOR_ROUND.as_millis(), "message_bytes": 64},
            },
            "figures": {
                "documents": total,
                "verify_seconds": self.verify_time.as_secs_f64(),
                "wall_seconds": self.wall_time.as_secs_f64(),
                "throughput_documents_per_second": self.throughput(),
                "per_document_us": us(self.per_document_ns()),
                "per_document_ratio": ratio(self.per_document_ns()),
                "latency": {
                    "basis": self.latency_basis(),
                    "mean_us": us(latency.mean_ns), "mean_ratio": ratio(latency.mean_ns),
                    "p50_us": us(latency.p50_ns), "p50_ratio": ratio(latency.p50_ns),
                    "p90_us": us(latency.p90_ns), "p90_ratio": ratio(latency.p90_ns),
                    "p99_us": us(latency.p99_ns), "p99_ratio": ratio(latency.p99_ns),
                },
                "by_group": groups,
                "peak_memory_bytes": self.peak_memory_bytes,
                "floor_us": us(floor.median_ns),
                "floor_min_us": us(floor.min_ns),
                "floor_max_us": us(floor.max_ns),
            },
            "verdicts": {"checked": total, "matched": total, "counts": self.verdicts},
        })
    }

    /// Writes [`to_json`](Self::to_json), pretty-printed, to `path`.
    ///
    /// # Errors
    ///
    /// [`BenchError::Io`] when the file cannot be written.
    pub fn write_json(&self, path: &Path) -> Result<(), BenchError> {
        let text =
            serde_json::to_string_pretty(&self.to_json()).map_err(|source| BenchError::Json {
                what: path.display().to_string(),
                source,
            })?;
        std::fs::write(path, text + "\n").map_err(|source| BenchError::Io {
            path: path.to_path_buf(),
            source,
        })
    }
}

impl fmt::Display for Measured {
    fn fmt(&self, text: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (total, batch) = (self.documents, self.batch);
        let ratio = |ns: f64| self.ratio(ns);
        let us = |ns: f64| ns / 1000.0;
        let floor = &self.floor;
        let latency = &self.latency;
        if cfg!(debug_assertions) {
            writeln!(
                text,
                "warning: a debug build: these figures say nothing about ler's speed (build with --release)"
            )?;
        }
        writeln!(
            text,
            "corpus: {} ({total} documents)",
            self.corpus.display()
        )?;
        writeln!(text, "mode: {}", self.mode())?;
        writeln!(
            text,
            "verdicts: all {total} as the manifest expects ({})",
            self.verdicts
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        writeln!(
            text,
            "floor: ed25519_dalek verify_strict {:.2} µs (median of {} rounds of {} ms; {:.2} to {:.2})",
            us(floor.median_ns),
            floor.rounds,
            FLOOR_ROUND.as_millis(),
            us(floor.min_ns),
            us(floor.max_ns)
        )?;
        writeln!(
            text,
            "throughput: {:.0} documents/s = {:.2} µs per document = {:.2}x floor (verify time {:.3} s, wall {:.3} s)",
            self.throughput(),
            us(self.per_document_ns()),
            ratio(self.per_document_ns()),
            self.verify_time.as_secs_f64(),
            self.wall_time.as_secs_f64()
        )?;
        writeln!(text, "latency, {}:", self.latency_basis())?;
        for (name, ns) in [
            ("mean", latency.mean_ns),
            ("p50", latency.p50_ns),
            ("p90", latency.p90_ns),
            ("p99", latency.p99_ns),
        ] {
            writeln!(text, "  {name:>4} {:>10.2} µs {:>8.2}x", us(ns), ratio(ns))?;
        }
        if !batch {
            writeln!(text, "mean per document by group:")?;
            for (group, figures) in &self.by_group {
                let (count, mean) = (figures.documents, figures.mean_ns);
                writeln!(
                    text,
                    "  {group:<30} {count:>8} {:>10.2} µs {:>8.2}x",
                    us(mean),
                    ratio(mean)
                )?;
            }
        }
        writeln!(
            text,
            "peak memory (VmHWM): {}",
            self.peak_memory_bytes
                .map_or_else(|| "n/a".to_owned(), machine::format_bytes)
        )
    }
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

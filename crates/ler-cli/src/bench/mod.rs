//! `ler bench`: a deterministic corpus of signed LERs and a harness that verifies it, checks
//! every verdict against the corpus manifest, and reports the figures as ratios to the raw
//! Ed25519 `verify_strict` floor measured in the same run.
//!
//! A corpus folder holds:
//! - `corpus.jsonl`: every document, one per line (what the harness reads, streamed);
//! - `manifest.jsonl`: one line per document, in the same order: file, kind, suite, size,
//!   expected verdict, the check expected to fail, and why (JSON Lines, so the harness can read
//!   it beside the documents in constant memory);
//! - `corpus.json`: the settings, the verification time, the issuers, the status lists and the
//!   counts;
//! - `documents/NNNN/NNNNNNN.json`: each document as a file (unless `--jsonl-only`);
//! - `status/*.json`: the signed Bitstring Status List credentials (when `--revoked` > 0).

use std::path::PathBuf;

use clap::{Args as ClapArgs, Subcommand, ValueEnum};

use crate::Outcome;

mod corpus;
mod harness;
mod machine;
mod rng;
mod status;

/// Arguments of `ler bench`.
#[derive(ClapArgs)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: BenchCommand,
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Write a deterministic corpus of signed LERs (same seed, same bytes) with its manifest.
    Corpus(CorpusArgs),
    /// Verify a corpus, check every verdict against its manifest, and report throughput,
    /// latency percentiles and peak memory, each also as a ratio to the Ed25519 floor.
    Verify(VerifyArgs),
}

/// How large the generated documents are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum SizeArg {
    /// About 1.6 to 5.6 kB (an achievement with a few alignments, a CLR of two credentials).
    Small,
    /// About 5 to 18 kB (50 alignments and 20 results, a CLR of eight credentials).
    Large,
    /// Each document small (80%) or large (20%), drawn from the seed.
    Mixed,
}

impl SizeArg {
    fn name(self) -> &'static str {
        match self {
            SizeArg::Small => "small",
            SizeArg::Large => "large",
            SizeArg::Mixed => "mixed",
        }
    }
}

/// Arguments of `ler bench corpus`.
#[derive(ClapArgs)]
pub(crate) struct CorpusArgs {
    /// The folder to write (created; files already there with the same names are replaced).
    #[arg(long)]
    out: PathBuf,
    /// How many documents.
    #[arg(long)]
    n: usize,
    /// The seed: the same seed and settings give the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Cryptosuite weights, such as `jcs=50,rdfc=50`.
    #[arg(long, default_value = "jcs=50,rdfc=50")]
    mix: String,
    /// Document sizes.
    #[arg(long, value_enum, default_value_t = SizeArg::Small)]
    size: SizeArg,
    /// Percentage of documents tampered with after signing (expected verdict: invalid).
    #[arg(long, default_value_t = 5.0)]
    invalid: f64,
    /// Percentage of documents revoked in their issuer's status list (expected verdict: invalid).
    /// When above 0, every document carries a status entry.
    #[arg(long, default_value_t = 5.0)]
    revoked: f64,
    /// Write only `corpus.jsonl` and the manifest, not one file per document (for corpora of
    /// millions).
    #[arg(long)]
    jsonl_only: bool,
    /// Only these kinds, equally often (comma-separated: ob3, microcredential-us,
    /// microcredential-eu, clr2, employment); default every kind in the standard shares (OB 3.0
    /// 35%, micro-credentials 25%, CLR 15%, employment 25%).
    #[arg(long, value_delimiter = ',')]
    kinds: Vec<String>,
}

/// Arguments of `ler bench verify`.
#[derive(ClapArgs)]
pub(crate) struct VerifyArgs {
    /// The corpus folder (written by `ler bench corpus`).
    corpus: PathBuf,
    /// Worker threads (default: every core).
    #[arg(long)]
    jobs: Option<usize>,
    /// Verify each document on its own with `verify` (timed one by one) instead of
    /// `verify_batch` (chunks of 256 with Ed25519 batch verification).
    #[arg(long)]
    no_batch: bool,
    /// Also write the result as JSON (machine, versions, settings, figures), to the file given
    /// (`--json=FILE`) or to `bench-result.json` in the corpus folder.
    #[arg(long, num_args = 0..=1, require_equals = true, value_name = "FILE")]
    json: Option<Option<PathBuf>>,
    /// Rounds of the `verify_strict` floor measurement, half before and half after the corpus
    /// (each round lasts 25 ms); the floor is their median.
    #[arg(long, default_value_t = 20)]
    floor_rounds: usize,
}

/// Runs `ler bench`.
pub(crate) fn run(args: &Args) -> Outcome {
    match &args.command {
        BenchCommand::Corpus(args) => corpus::run(args),
        BenchCommand::Verify(args) => harness::run(args),
    }
}

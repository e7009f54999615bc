//! `ler bench`: the command line of the `ler-bench` crate, which writes a deterministic corpus
//! of signed LERs and verifies it, checking every verdict against the corpus manifest and
//! reporting the figures as ratios to the raw Ed25519 `verify_strict` floor measured in the
//! same run. This module only turns the flags into the crate's settings and prints its results.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Subcommand, ValueEnum};
use ler_bench::corpus::Kind;
use ler_bench::harness::RESULT_FILE;
use ler_bench::{BenchError, CorpusSettings, DocumentSize, Finished, HarnessSettings};

use crate::Outcome;

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

impl From<SizeArg> for DocumentSize {
    fn from(size: SizeArg) -> Self {
        match size {
            SizeArg::Small => DocumentSize::Small,
            SizeArg::Large => DocumentSize::Large,
            SizeArg::Mixed => DocumentSize::Mixed,
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
        BenchCommand::Corpus(args) => run_corpus(args),
        BenchCommand::Verify(args) => run_verify(args),
    }
}

/// `ler bench corpus`: writes the corpus and prints its summary.
fn run_corpus(args: &CorpusArgs) -> Outcome {
    let written = corpus_settings(args).and_then(|settings| ler_bench::write_corpus(&settings));
    match written {
        Ok(summary) => {
            println!("{summary}");
            Outcome::Valid
        }
        Err(error) => {
            eprintln!("ler bench corpus: {error}");
            Outcome::Unusable
        }
    }
}

fn corpus_settings(args: &CorpusArgs) -> Result<CorpusSettings, BenchError> {
    let mut settings = CorpusSettings::new(&args.out, args.n);
    settings.seed = args.seed;
    settings.mix = ler_bench::parse_mix(&args.mix)?;
    settings.size = args.size.into();
    settings.invalid = args.invalid;
    settings.revoked = args.revoked;
    settings.jsonl_only = args.jsonl_only;
    settings.kinds = Kind::parse_list(&args.kinds)?;
    Ok(settings)
}

/// `ler bench verify`: exit 0 with the figures, 1 when a verdict differs from the manifest (not
/// a result), 2 when the corpus cannot be read.
fn run_verify(args: &VerifyArgs) -> Outcome {
    let mut settings = HarnessSettings::new(&args.corpus);
    settings.jobs = args.jobs;
    settings.batch = !args.no_batch;
    settings.floor_rounds = args.floor_rounds;
    match ler_bench::run(&settings) {
        Ok(Finished::Measured(figures)) => {
            let json_path = args.json.as_ref().map(|path| {
                path.clone()
                    .unwrap_or_else(|| args.corpus.join(RESULT_FILE))
            });
            // The result file first: when it cannot be written, no figures are printed.
            if let Some(path) = &json_path
                && let Err(error) = figures.write_json(path)
            {
                return unusable(&error);
            }
            print!("{figures}");
            if let Some(path) = &json_path {
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
        Err(error) => unusable(&error),
    }
}

fn unusable(error: &BenchError) -> Outcome {
    eprintln!("ler bench verify: {error}");
    Outcome::Unusable
}

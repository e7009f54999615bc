//! `ler verify`: verify credentials from files, directories, standard input and JSON Lines, in
//! batches on all cores, with a report per document and an exit status for the lot.
//!
//! Inputs are processed in the order given (directories in sorted order); reports come out in
//! the same order. Whole-document inputs are verified `BATCH_CHUNK` at a time with
//! `verify_batch`; JSON Lines with `verify_stream`, one chunk in memory at a time.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant as Clock};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ler::microcredential::SchemaCheck;
use ler::model::date::Instant;
use ler::proof::{DidWebResolver, DocumentFetcher, FetchError, MemoryFetcher, OutgoingPolicy};
use ler::verifier::status::{MemoryStatusLists, StatusListSource, StatusSourceError};
use ler::verifier::{
    BATCH_CHUNK, CheckId, Finding, HttpClient, Outcome as CheckOutcome, Report, TrustList, Verdict,
    VerifyOptions,
};

use crate::Outcome;
use crate::common::{Style, display, escape_terminal, is_stdin, parse_at, print, read_bounded};

mod lines;
mod output;
mod policy;
mod sources;

use lines::verify_lines;
use output::Printer;
pub(crate) use output::render_checks;
use policy::options;
pub(crate) use policy::verifier_options;
use sources::{Source, sources};

/// How reports are printed.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Output {
    /// One line per document, then the checks that did not pass, then a summary line.
    Human,
    /// One JSON report object for one document, a JSON array for several.
    Json,
    /// One JSON report per line, in input order.
    Jsonl,
}

/// How inputs are read.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Input {
    /// Each input is one JSON document.
    Json,
    /// Each input is JSON Lines: one document per line (blank lines skipped). A line longer
    /// than the size limit is never held in memory: it gets an indeterminate report
    /// (`limits.exceeded`, as for a file over the limit) and the stream goes on.
    Jsonl,
}

/// Arguments of `ler verify`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Credentials to verify: files, directories (searched recursively for regular files named
    /// `*.json`, and `*.jsonl` read as JSON Lines; symbolic links are not followed unless
    /// --follow-symlinks) or `-` for standard input (the default when none is given). Files
    /// ending in `.jsonl` are JSON Lines. FIFOs, sockets and devices are refused.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The report format.
    #[arg(long, value_enum, default_value = "human")]
    output: Output,
    /// Same as `--output json`.
    #[arg(long)]
    json: bool,
    /// Read every input (standard input included) as this format instead of going by the
    /// file extension.
    #[arg(long, value_enum)]
    input: Option<Input>,
    /// What to verify against: the clock, trust list, status lists and DID documents.
    #[command(flatten)]
    pub(crate) verifier: VerifierFlags,
    /// The challenge a presentation's proof must carry (the nonce you sent the holder).
    /// Without it (or --no-challenge) a presentation fails `presentation.challenge`.
    #[arg(long, value_name = "C")]
    challenge: Option<String>,
    /// Verify presentations without a challenge: a presentation recorded elsewhere and
    /// replayed to you then verifies too. The report says so (`presentation.challenge` warn).
    #[arg(long, conflicts_with = "challenge")]
    no_challenge: bool,
    /// The domain a presentation's proof must carry (your origin).
    #[arg(long, value_name = "D")]
    domain: Option<String>,
    /// Require every credential in a presentation to be about its holder.
    #[arg(long)]
    holder_binding: bool,
    /// Follow symbolic links when searching directories (a directory reached twice, as
    /// through a link loop, is reported and not searched again).
    #[arg(long)]
    follow_symlinks: bool,
    /// Make profile rule breaks failures. The report answers two questions: authenticity
    /// (proof, key binding, issuer trust, status, validity period, and the VC Data Model
    /// structure those checks rely on: `model.structure`), whose failures make a record
    /// invalid; and conformance to a profile (Open Badges 3.0: `profile.ob3`, CLR 2.0:
    /// `profile.clr2`, micro-credential US/EU: `profile.microcredential`, employment record:
    /// `profile.employment`), whose violations are warnings by default, so an authentic record
    /// that breaks a profile rule is still verified. With --strict they are failures.
    #[arg(long)]
    strict: bool,
    /// Threads to verify with (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// No summary line.
    #[arg(long, short)]
    quiet: bool,
}

/// The verifier flags `ler verify` shares with every command that verifies (`ler skills`): one
/// definition, so both verify a credential the same way.
#[derive(clap::Args, Clone)]
pub(crate) struct VerifierFlags {
    /// Verify as of this time (RFC 3339 with a time zone, e.g. 2026-06-01T00:00:00Z) instead
    /// of now: validity windows, proof times, trust-list entries.
    #[arg(long, value_name = "RFC3339", value_parser = parse_at)]
    pub(crate) at: Option<Instant>,
    /// A trusted-issuer list (JSON: `[{"id": "did:…", "name": "…"}]`); without one the
    /// `issuer.trusted` check is skipped.
    #[arg(long, value_name = "FILE")]
    trust: Option<PathBuf>,
    /// A status list credential (a `BitstringStatusListCredential` file, as `ler status create`
    /// writes) to check `credentialStatus` entries against, served at its `id`, or at URL when
    /// given as URL=FILE (an explicit override: the list is used for URL whatever its own `id`
    /// says, and the status check's message records it); repeat for several. Without a list
    /// (and without --online), a credential with a status is `indeterminate`.
    #[arg(long, value_name = "FILE|URL=FILE")]
    status_list: Vec<PathBuf>,
    /// Also accept status lists issued by this issuer (a DID or URL) for credentials of
    /// other issuers; repeat for several. By default a list must come from the credential's
    /// own issuer.
    #[arg(long, value_name = "ID")]
    status_list_issuer: Vec<String>,
    /// Accept status lists that bend the Recommendation (shorter than 131072 entries, an
    /// integer `statusListIndex`); a clear entry then only gives `warn`.
    #[arg(long)]
    lenient_status_lists: bool,
    /// A did:web DID document saved beforehand, used instead of fetching it; repeat for
    /// several. did:key always resolves offline.
    #[arg(long, value_name = "FILE")]
    did_document: Vec<PathBuf>,
    /// Fetch what is not given as a file: did:web DID documents and status list credentials,
    /// over HTTPS only, to public addresses only (every address a host resolves to is
    /// checked), with timeouts and size limits. Status lists are fetched only for credentials
    /// whose proof verified. Files given with --did-document and --status-list are used first.
    #[arg(long)]
    online: bool,
    /// With --online: also reach loopback addresses (127.0.0.0/8, ::1, localhost), over plain
    /// HTTP as well as HTTPS. For testing against a local server; never for input from others.
    #[arg(long, requires = "online")]
    allow_loopback: bool,
}

/// The verdict of one input, or why it could not be read.
pub(crate) enum Item {
    Report(Report),
    Unreadable(String),
}

fn verify_documents(paths: &[PathBuf], options: &VerifyOptions, printer: &mut Printer) {
    // An oversized input is read one byte past the limit, and the verifier says it is too large.
    let max = options.limits.parse.max_bytes;
    let read: Vec<Result<Vec<u8>, String>> = paths
        .iter()
        .map(|p| read_bounded(p, max).map_err(|e| e.to_string()))
        .collect();
    let inputs: Vec<&[u8]> = read
        .iter()
        .filter_map(|r| r.as_ref().ok().map(Vec::as_slice))
        .collect();
    let mut verified = ler::verifier::verify_batch(&inputs, options).into_iter();
    for (path, read) in paths.iter().zip(&read) {
        let item = match read {
            Ok(_) => match verified.next() {
                Some(v) => Item::Report(v.into_parts().0),
                None => Item::Unreadable("not verified".to_owned()),
            },
            Err(e) => Item::Unreadable(e.clone()),
        };
        printer.item(&display(path), &item);
    }
}

pub(crate) fn run(args: &Args) -> Outcome {
    if let Some(jobs) = args.jobs {
        // Fails only when the pool already exists, which it does not this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs))
            .build_global();
    }
    let options = match options(args) {
        Ok(options) => options,
        Err(e) => {
            crate::common::print_error("verify", format_args!("{e}"));
            return Outcome::Unusable;
        }
    };
    let output = if args.json { Output::Json } else { args.output };
    let sources = sources(args);
    let single = matches!(
        sources.as_slice(),
        [Source::Document(_)] | [Source::Unreadable(..)]
    );
    let mut printer = Printer::new(output, single);
    printer.begin();
    let mut pending: Vec<PathBuf> = Vec::new();
    for source in sources {
        match source {
            Source::Document(path) => {
                pending.push(path);
                if pending.len() >= BATCH_CHUNK {
                    verify_documents(&pending, &options, &mut printer);
                    pending.clear();
                }
            }
            other => {
                verify_documents(&pending, &options, &mut printer);
                pending.clear();
                match other {
                    Source::Lines(path) => verify_lines(&path, &options, &mut printer),
                    Source::Unreadable(name, e) => printer.item(&name, &Item::Unreadable(e)),
                    Source::Document(_) => {}
                }
            }
        }
    }
    verify_documents(&pending, &options, &mut printer);
    printer.finish(args.quiet);
    printer.outcome()
}

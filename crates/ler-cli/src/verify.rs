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
use ler::proof::status::{MemoryStatusLists, StatusListSource, StatusSourceError};
use ler::proof::{
    BATCH_CHUNK, CheckId, DidWebResolver, DocumentFetcher, FetchError, Finding, HttpClient,
    MemoryFetcher, Outcome as CheckOutcome, OutgoingPolicy, Report, TrustList, Verdict,
    VerifyOptions,
};

use crate::Outcome;
use crate::common::{Style, display, escape_terminal, is_stdin, parse_at, print, read_bounded};

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

/// One input, as found on the command line or in a directory.
enum Source {
    /// One JSON document (a file, or standard input).
    Document(PathBuf),
    /// JSON Lines (a file, or standard input).
    Lines(PathBuf),
    /// Could not be read (a missing path, a directory that cannot be listed).
    Unreadable(String, String),
}

/// The verdict of one input, or why it could not be read.
pub(crate) enum Item {
    Report(Report),
    Unreadable(String),
}

/// Deepest directory nesting searched (a bound, and a stop for symlink loops where directory
/// identities are not available).
const MAX_DIR_DEPTH: usize = 32;

/// How directories are searched: whether links are followed, and the directories already
/// searched (by device and inode), so a link loop ends.
struct Walk {
    input: Option<Input>,
    follow_symlinks: bool,
    #[cfg(unix)]
    visited: std::collections::HashSet<(u64, u64)>,
}

impl Walk {
    /// Records a directory about to be searched; `false` when it was searched already.
    fn first_visit(&mut self, metadata: &std::fs::Metadata) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            self.visited.insert((metadata.dev(), metadata.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            true
        }
    }
}

fn sources(args: &Args) -> Vec<Source> {
    let mut out = Vec::new();
    let stdin = [PathBuf::from("-")];
    let paths = if args.paths.is_empty() {
        if std::io::stdin().is_terminal() {
            eprintln!("ler verify: reading a credential from standard input (end with Ctrl-D)");
        }
        &stdin[..]
    } else {
        &args.paths[..]
    };
    let mut walk = Walk {
        input: args.input,
        follow_symlinks: args.follow_symlinks,
        #[cfg(unix)]
        visited: std::collections::HashSet::new(),
    };
    for path in paths {
        if is_stdin(path) {
            out.push(match args.input {
                Some(Input::Jsonl) => Source::Lines(path.clone()),
                _ => Source::Document(path.clone()),
            });
            continue;
        }
        // A path named on the command line is taken where it leads (a link included).
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => {
                if walk.first_visit(&metadata) {
                    walk_dir(path, 0, &mut walk, &mut out);
                }
            }
            Ok(metadata) if metadata.is_file() => out.push(classify(path.clone(), args.input)),
            Ok(metadata) => out.push(refused(path, metadata.file_type())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.push(Source::Unreadable(
                path.display().to_string(),
                "no such file or directory".to_owned(),
            )),
            Err(e) => out.push(Source::Unreadable(
                path.display().to_string(),
                e.to_string(),
            )),
        }
    }
    out
}

/// A path that is not a regular file or a directory: never opened.
fn refused(path: &Path, file_type: std::fs::FileType) -> Source {
    Source::Unreadable(
        path.display().to_string(),
        crate::common::not_regular_file(file_type),
    )
}

fn classify(path: PathBuf, input: Option<Input>) -> Source {
    let jsonl = match input {
        Some(Input::Jsonl) => true,
        Some(Input::Json) => false,
        None => path.extension().is_some_and(|e| e == "jsonl"),
    };
    if jsonl {
        Source::Lines(path)
    } else {
        Source::Document(path)
    }
}

/// Searches a directory: regular files named `*.json` and `*.jsonl`, subdirectories, and, with
/// `--follow-symlinks`, what links lead to (each directory once). Special files with those names
/// are refused without being opened.
fn walk_dir(dir: &Path, depth: usize, walk: &mut Walk, out: &mut Vec<Source>) {
    if depth > MAX_DIR_DEPTH {
        out.push(Source::Unreadable(
            dir.display().to_string(),
            format!("nested deeper than {MAX_DIR_DEPTH} directories"),
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Source::Unreadable(dir.display().to_string(), e.to_string()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let named_for_us = path
            .extension()
            .is_some_and(|e| e == "json" || e == "jsonl");
        // The entry itself, a link not followed.
        let metadata = match std::fs::symlink_metadata(&path) {
            Ok(metadata) => metadata,
            Err(e) => {
                out.push(Source::Unreadable(
                    path.display().to_string(),
                    e.to_string(),
                ));
                continue;
            }
        };
        let metadata = if metadata.file_type().is_symlink() {
            if !walk.follow_symlinks {
                if named_for_us || path.is_dir() {
                    eprintln!(
                        "ler verify: skipping the symbolic link {} (pass --follow-symlinks to \
                         follow links)",
                        crate::common::escape_terminal(&path.display().to_string())
                    );
                }
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(target) => target,
                Err(e) => {
                    out.push(Source::Unreadable(
                        path.display().to_string(),
                        format!("a symbolic link that leads nowhere: {e}"),
                    ));
                    continue;
                }
            }
        } else {
            metadata
        };
        if metadata.is_dir() {
            if walk.first_visit(&metadata) {
                walk_dir(&path, depth + 1, walk, out);
            } else {
                out.push(Source::Unreadable(
                    path.display().to_string(),
                    "a directory already searched (a symbolic link loop?): not searched again"
                        .to_owned(),
                ));
            }
        } else if !named_for_us {
            continue;
        } else if metadata.is_file() {
            out.push(classify(path, walk.input));
        } else {
            out.push(refused(&path, metadata.file_type()));
        }
    }
}

/// What the command line gave as files, then the network (`--online`).
struct LocalThenOnline<L> {
    local: L,
    online: HttpClient,
}

impl<L> LocalThenOnline<L> {
    fn new(local: L, online: HttpClient) -> Self {
        Self { local, online }
    }
}

/// The client for `--online`: the strict outgoing-request policy, or loopback and plain HTTP
/// as well with `--allow-loopback`.
fn online_client(args: &VerifierFlags) -> HttpClient {
    let policy = OutgoingPolicy::new()
        .allow_loopback(args.allow_loopback)
        .allow_http(args.allow_loopback);
    HttpClient::builder().policy(policy).build()
}

impl<L: DocumentFetcher> DocumentFetcher for LocalThenOnline<L> {
    fn fetch(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        match self.local.fetch(url) {
            Err(FetchError::NotFound { .. }) => self.online.fetch(url),
            found => found,
        }
    }
}

impl<L: StatusListSource> StatusListSource for LocalThenOnline<L> {
    fn status_list(&self, url: &str) -> Result<Cow<'_, [u8]>, StatusSourceError> {
        match self.local.status_list(url) {
            Err(StatusSourceError::NotFound { .. }) => self.online.status_list(url),
            found => found,
        }
    }

    fn status_list_within(
        &self,
        url: &str,
        remaining: Option<std::time::Duration>,
    ) -> Result<Cow<'_, [u8]>, StatusSourceError> {
        match self.local.status_list(url) {
            Err(StatusSourceError::NotFound { .. }) => {
                self.online.status_list_within(url, remaining)
            }
            found => found,
        }
    }

    fn declared_for(&self, url: &str) -> bool {
        self.local.declared_for(url)
    }
}

/// A `--status-list` value: `FILE`, or `URL=FILE` to serve FILE for URL (for a list whose `id`
/// is not the URL credentials name).
fn status_list_arg(given: &Path) -> (Option<&str>, &Path) {
    if let Some(text) = given.to_str()
        && let Some((url, file)) = text.split_once('=')
        && url.contains("://")
    {
        return (Some(url), Path::new(file));
    }
    (None, given)
}

/// Builds the verifier's options from the command line; `Err` is a usage problem.
fn options(args: &Args) -> Result<VerifyOptions, String> {
    let mut options = verifier_options(&args.verifier)?.strict(args.strict);
    if let Some(challenge) = &args.challenge {
        options = options.challenge(challenge.as_str());
    }
    options = options.allow_no_challenge(args.no_challenge);
    if let Some(domain) = &args.domain {
        options = options.domain(domain.as_str());
    }
    options = options.holder_binding(args.holder_binding);
    Ok(options)
}

/// The verifier's options for the shared flags (the schema check included); `Err` is a usage
/// problem.
pub(crate) fn verifier_options(args: &VerifierFlags) -> Result<VerifyOptions, String> {
    let mut options = VerifyOptions::default().check(SchemaCheck::new());
    options.at = args.at;
    if let Some(path) = &args.trust {
        let bytes = crate::common::read_file(path)
            .map_err(|e| format!("cannot read the trust list {}: {e}", path.display()))?;
        let list = TrustList::from_json(&bytes)
            .map_err(|e| format!("{} is not a trust list: {e}", path.display()))?;
        options.trust_list = Some(list);
    }
    if !args.status_list.is_empty() {
        let mut lists = MemoryStatusLists::new();
        for given in &args.status_list {
            let (url, path) = status_list_arg(given);
            let bytes = crate::common::read_file(path)
                .map_err(|e| format!("cannot read the status list {}: {e}", path.display()))?;
            // URL=FILE declares the file the list for URL, whatever its own id says; the
            // report's status check records that override.
            if let Some(url) = url {
                lists.insert_declared(url, bytes);
                continue;
            }
            let url = ler::model::json::parse(&bytes)
                .ok()
                .and_then(|v| v.get("id").and_then(|id| id.as_str().map(str::to_owned)))
                .ok_or_else(|| {
                    format!(
                        "{} is not a status list credential: no id (the URL credentials name); \
                         give the URL as URL=FILE",
                        path.display()
                    )
                })?;
            lists.insert(url, bytes);
        }
        options = if args.online {
            options.status_lists(LocalThenOnline::new(lists, online_client(args)))
        } else {
            options.status_lists(lists)
        };
    } else if args.online {
        options = options.status_lists(online_client(args));
    }
    options = options.lenient_status_lists(args.lenient_status_lists);
    options
        .status_list_delegates
        .extend(args.status_list_issuer.iter().cloned());
    if !args.did_document.is_empty() {
        let mut documents = MemoryFetcher::new();
        for path in &args.did_document {
            let bytes = crate::common::read_file(path)
                .map_err(|e| format!("cannot read the DID document {}: {e}", path.display()))?;
            documents
                .insert_did_document(bytes)
                .map_err(|e| format!("{} is not a did:web DID document: {e}", path.display()))?;
        }
        options = if args.online {
            options.resolver(DidWebResolver::new(LocalThenOnline::new(
                documents,
                online_client(args),
            )))
        } else {
            options.resolver(DidWebResolver::new(documents))
        };
    } else if args.online {
        options = options.resolver(online_client(args).did_web_resolver());
    }
    Ok(options)
}

/// Counts per verdict.
#[derive(Default)]
struct Tally {
    verified: usize,
    invalid: usize,
    indeterminate: usize,
    unreadable: usize,
}

impl Tally {
    fn total(&self) -> usize {
        self.verified + self.invalid + self.indeterminate + self.unreadable
    }
}

/// Prints each result as it comes, keeps the tally and the progress bar.
struct Printer {
    output: Output,
    /// JSON output as one object (a single document) rather than an array.
    single: bool,
    first: bool,
    style: Style,
    tally: Tally,
    bar: ProgressBar,
    bar_shown: bool,
    stderr_terminal: bool,
    started: Clock,
}

impl Printer {
    fn new(output: Output, single: bool) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {pos} documents verified ({per_sec})")
        {
            bar.set_style(style);
        }
        Self {
            output,
            single,
            first: true,
            style: Style::for_stdout(),
            tally: Tally::default(),
            bar,
            bar_shown: false,
            stderr_terminal: std::io::stderr().is_terminal(),
            started: Clock::now(),
        }
    }

    fn emit(&mut self, text: &str) {
        if self.bar_shown {
            self.bar.suspend(|| print(text));
        } else {
            print(text);
        }
    }

    fn begin(&mut self) {
        if self.output == Output::Json && !self.single {
            print("[");
        }
    }

    fn item(&mut self, input: &str, item: &Item) {
        match item {
            Item::Report(report) => match report.verdict {
                Verdict::Verified => self.tally.verified += 1,
                Verdict::Invalid => self.tally.invalid += 1,
                _ => self.tally.indeterminate += 1,
            },
            Item::Unreadable(e) => {
                self.tally.unreadable += 1;
                let message = format!(
                    "ler verify: cannot read {}: {}",
                    escape_terminal(input),
                    escape_terminal(e)
                );
                if self.bar_shown {
                    self.bar.suspend(|| eprintln!("{message}"));
                } else {
                    eprintln!("{message}");
                }
            }
        }
        let text = match self.output {
            Output::Human => human(input, item, self.style),
            Output::Jsonl => json(input, item) + "\n",
            Output::Json => {
                let separator = match (self.single, self.first) {
                    (true, _) => "",
                    (false, true) => "\n",
                    (false, false) => ",\n",
                };
                format!("{separator}{}", json(input, item))
            }
        };
        self.first = false;
        self.emit(&text);
        self.bar.inc(1);
        if !self.bar_shown
            && self.stderr_terminal
            && self.started.elapsed() > Duration::from_secs(1)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar_shown = true;
        }
    }

    fn finish(&mut self, quiet: bool) {
        self.bar.finish_and_clear();
        match (self.output, self.single) {
            (Output::Json, true) => print("\n"),
            (Output::Json, false) => print(if self.first { "]\n" } else { "\n]\n" }),
            _ => {}
        }
        if quiet {
            return;
        }
        let t = &self.tally;
        let seconds = self.started.elapsed().as_secs_f64();
        let rate = if seconds > 0.0 {
            t.total() as f64 / seconds
        } else {
            0.0
        };
        let line = format!(
            "{} document{}: {} verified, {} invalid, {} indeterminate, {} unreadable ({rate:.0} documents/s)",
            t.total(),
            if t.total() == 1 { "" } else { "s" },
            t.verified,
            t.invalid,
            t.indeterminate,
            t.unreadable,
        );
        // The JSON outputs keep standard output a clean document: the summary goes to stderr.
        if self.output == Output::Human {
            print(&format!("{line}\n"));
        } else {
            eprintln!("{line}");
        }
    }

    fn outcome(&self) -> Outcome {
        let t = &self.tally;
        if t.unreadable > 0 {
            Outcome::Unusable
        } else if t.invalid > 0 || t.indeterminate > 0 {
            Outcome::Invalid
        } else {
            Outcome::Valid
        }
    }
}

/// The JSON of one result: `{"input": …, "verdict": …, "checks": […], "nested": […]}`, or
/// `{"input": …, "error": …}` for an input that could not be read.
pub(crate) fn json(input: &str, item: &Item) -> String {
    let input = serde_json::to_string(input).unwrap_or_default();
    match item {
        Item::Report(report) => {
            let body = report.to_json();
            // `to_json` is an object: splice `input` in front of its members.
            match body.strip_prefix('{') {
                Some(rest) => format!("{{\"input\":{input},{rest}"),
                None => body,
            }
        }
        Item::Unreadable(e) => {
            let e = serde_json::to_string(e).unwrap_or_default();
            format!("{{\"input\":{input},\"error\":{e}}}")
        }
    }
}

fn verdict_label(verdict: Verdict, style: Style) -> String {
    match verdict {
        Verdict::Verified => style.good("verified"),
        Verdict::Invalid => style.bad("invalid"),
        _ => style.doubt("indeterminate"),
    }
}

/// One result for a person. Everything that may come from a document or a file name (the
/// input name, messages, pointers) is escaped: a badge named with terminal escape sequences
/// must not rewrite the screen of whoever verifies it.
fn human(input: &str, item: &Item, style: Style) -> String {
    let input = escape_terminal(input);
    match item {
        Item::Unreadable(e) => format!(
            "{}  {input}: {}\n",
            style.bad("unreadable"),
            escape_terminal(e)
        ),
        Item::Report(report) => {
            let mut out = format!(
                "{}  {}\n",
                verdict_label(report.verdict, style),
                style.bold(&input)
            );
            render_checks(report, style, 1, &mut out);
            out
        }
    }
}

/// Deepest nested report shown in human output.
const MAX_SHOWN_DEPTH: usize = 4;

/// Appends the checks worth a person's attention (fail, indeterminate, warn), then the nested
/// credentials that did not verify; what may come from the document is escaped.
pub(crate) fn render_checks(report: &Report, style: Style, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for check in &report.checks {
        let label = match check.outcome {
            CheckOutcome::Fail => style.bad("fail"),
            CheckOutcome::Indeterminate => style.doubt("indeterminate"),
            CheckOutcome::Warn => style.doubt("warn"),
            _ => continue,
        };
        let at = check
            .pointer
            .as_deref()
            .filter(|p| !p.is_empty())
            .map(|p| style.dim(&format!(" (at {})", escape_terminal(p))))
            .unwrap_or_default();
        out.push_str(&format!(
            "{indent}{label} {}: {}{at}\n",
            escape_terminal(check.id.as_str()),
            escape_terminal(&check.message)
        ));
    }
    if depth > MAX_SHOWN_DEPTH {
        return;
    }
    for nested in &report.nested {
        if nested.report.verdict != Verdict::Verified {
            out.push_str(&format!(
                "{indent}nested credential at {}: {}\n",
                escape_terminal(&nested.pointer),
                verdict_label(nested.report.verdict, style)
            ));
            render_checks(&nested.report, style, depth + 1, out);
        }
    }
}

/// What [`read_line_bounded`] found.
#[derive(Debug, PartialEq, Eq)]
enum LineRead {
    /// The end of the input.
    End,
    /// A line, in the buffer (without its newline).
    Line,
    /// A line longer than the limit, of this many bytes: read and dropped, never held.
    TooLong(u64),
}

/// Reads one line of at most `max` bytes into `line`, holding no more than that whatever the
/// input: the rest of a longer line is read and dropped up to the next newline (or the end, for
/// a line that never ends).
fn read_line_bounded(
    reader: &mut impl BufRead,
    max: usize,
    line: &mut Vec<u8>,
) -> std::io::Result<LineRead> {
    line.clear();
    let mut any = false;
    let mut length: u64 = 0;
    let mut too_long = false;
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match buffer.iter().position(|&b| b == b'\n') {
            Some(i) => (&buffer[..i], Some(i + 1)),
            None => (buffer, None),
        };
        length = length.saturating_add(chunk.len() as u64);
        if !too_long && line.len() + chunk.len() > max {
            too_long = true;
            line.clear();
            line.shrink_to(0);
        }
        if !too_long {
            line.extend_from_slice(chunk);
        }
        let used = done.unwrap_or(buffer.len());
        reader.consume(used);
        if done.is_some() {
            break;
        }
    }
    Ok(match (any, too_long) {
        (false, _) => LineRead::End,
        (true, false) => LineRead::Line,
        (true, true) => LineRead::TooLong(length),
    })
}

/// A line between reading and its report: its number, and its length when it was too long to
/// be read.
type Pending = (usize, Option<u64>);

/// The report of a line too long to read: `limits.exceeded`, indeterminate, as the verifier
/// gives for a document over the size limit (refused unread, so neither judged nor verified).
fn too_long_report(length: u64, max: usize) -> Report {
    Report::new(
        vec![Finding::new(
            CheckId::LIMITS_EXCEEDED,
            CheckOutcome::Indeterminate,
            format!("not examined: the line has {length} bytes, more than the limit of {max}"),
        )],
        Vec::new(),
    )
}

/// The lines of a JSON Lines input, numbered; records an I/O error and stops.
struct Lines<R> {
    reader: R,
    max: usize,
    number: usize,
    /// Each line's number, and its length when it was too long to read.
    numbers: Rc<RefCell<VecDeque<Pending>>>,
    error: Rc<RefCell<Option<std::io::Error>>>,
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Vec<u8>;

    fn next(&mut self) -> Option<Vec<u8>> {
        let mut line = Vec::new();
        loop {
            match read_line_bounded(&mut self.reader, self.max, &mut line) {
                Ok(LineRead::End) => return None,
                Ok(LineRead::TooLong(length)) => {
                    self.number += 1;
                    // The verifier gets an empty stand-in; its report is replaced.
                    self.numbers
                        .borrow_mut()
                        .push_back((self.number, Some(length)));
                    return Some(Vec::new());
                }
                Ok(LineRead::Line) => {
                    self.number += 1;
                    if line.last() == Some(&b'\r') {
                        line.pop();
                    }
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    self.numbers.borrow_mut().push_back((self.number, None));
                    return Some(std::mem::take(&mut line));
                }
                Err(e) => {
                    *self.error.borrow_mut() = Some(e);
                    return None;
                }
            }
        }
    }
}

fn verify_lines(path: &Path, options: &VerifyOptions, printer: &mut Printer) {
    let name = display(path);
    let reader: Box<dyn BufRead> = if is_stdin(path) {
        Box::new(std::io::stdin().lock())
    } else {
        match crate::common::open_regular(path) {
            Ok(file) => Box::new(std::io::BufReader::new(file)),
            Err(e) => {
                printer.item(&name, &Item::Unreadable(e.to_string()));
                return;
            }
        }
    };
    let numbers = Rc::new(RefCell::new(VecDeque::new()));
    let error = Rc::new(RefCell::new(None));
    let lines = Lines {
        reader,
        max: options.limits.parse.max_bytes,
        number: 0,
        numbers: Rc::clone(&numbers),
        error: Rc::clone(&error),
    };
    let max = options.limits.parse.max_bytes;
    for verification in ler::proof::verify_stream(lines, options) {
        let (number, too_long) = numbers.borrow_mut().pop_front().unwrap_or((0, None));
        let report = match too_long {
            Some(length) => too_long_report(length, max),
            None => verification.into_parts().0,
        };
        printer.item(&format!("{name}:{number}"), &Item::Report(report));
    }
    if let Some(e) = error.borrow_mut().take() {
        printer.item(&name, &Item::Unreadable(e.to_string()));
    }
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
    let mut verified = ler::proof::verify_batch(&inputs, options).into_iter();
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

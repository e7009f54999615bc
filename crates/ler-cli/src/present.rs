//! `ler present`: the holder wraps credentials in a presentation signed for one verifier.

use std::path::PathBuf;

use ler::proof::di::Cryptosuite;
use ler::verifier::{PresentationOptions, present};

use crate::Outcome;
use crate::common::{now_stamp, parse_suite, read_json, read_key, write_output};

/// Arguments of `ler present`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The signed credentials to present (JSON files; `-` for one from standard input).
    #[arg(required = true, value_name = "CREDENTIAL")]
    credentials: Vec<PathBuf>,
    /// The holder's key file (from `ler keygen`); the holder is its controller unless --holder
    /// is given.
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// The verifier's challenge (a nonce it sent), bound into the proof against replay.
    #[arg(long, value_name = "C")]
    challenge: String,
    /// The verifier's domain (usually its origin, e.g. https://jobs.example), bound into the
    /// proof.
    #[arg(long, value_name = "D")]
    domain: String,
    /// The holder id to write, when it is not the key's controller.
    #[arg(long, value_name = "URL")]
    holder: Option<String>,
    /// The cryptosuite: eddsa-rdfc-2022 (alias rdfc) or eddsa-jcs-2022 (alias jcs).
    #[arg(long, value_name = "ID", default_value = "eddsa-rdfc-2022", value_parser = parse_suite)]
    suite: Cryptosuite,
    /// Write the presentation here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Overwrite the --out file if it exists.
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let signer = match read_key(&args.key) {
        Ok(signer) => signer,
        Err(e) => {
            crate::common::print_error("present", format_args!("{e}"));
            return Outcome::Unusable;
        }
    };
    let mut credentials = Vec::with_capacity(args.credentials.len());
    for path in &args.credentials {
        match read_json(path) {
            Ok(c) => credentials.push(c),
            Err(e) => {
                crate::common::print_error("present", format_args!("{e}"));
                return Outcome::Unusable;
            }
        }
    }
    let mut options = PresentationOptions::new(args.suite)
        .challenge(args.challenge.as_str())
        .domain(args.domain.as_str())
        .created(now_stamp());
    if let Some(holder) = &args.holder {
        options = options.holder(holder.as_str());
    }
    let presentation = match present(&credentials, &signer, &options) {
        Ok(p) => p,
        Err(e) => {
            crate::common::print_error("present", format_args!("{e}"));
            return Outcome::Unusable;
        }
    };
    match write_output(
        args.out.as_ref(),
        &(presentation.to_pretty_string() + "\n"),
        args.force,
    ) {
        Ok(()) => Outcome::Valid,
        Err(e) => {
            crate::common::print_error("present", format_args!("{e}"));
            Outcome::Unusable
        }
    }
}

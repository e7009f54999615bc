//! The `ler` command-line tool.
//!
//! Each subcommand lives in its own module; `main` parses the command line and maps the
//! outcome to the exit status: 0 success (a valid document), 1 the document has problems,
//! 2 unreadable input or bad usage (clap's own usage errors exit 2 as well).

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

mod bench;
mod canon;
mod common;
mod completions;
mod demo;
mod inspect;
mod issue;
mod keygen;
mod present;
mod serve;
mod skills;
mod status;
mod template;
mod verify;

/// Learning and Employment Records: inspect, issue, verify and present them.
#[derive(Parser)]
#[command(name = "ler", version, about, after_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and validate one credential or presentation, and summarise it.
    Inspect(inspect::Args),
    /// Skills: map text to taxonomy concepts, resolve alignments, profile, match and rank.
    Skills(skills::Args),
    /// Make a new Ed25519 issuer (or holder) key file.
    Keygen(keygen::Args),
    /// Print a complete, valid, unsigned example credential that `ler issue` signs as it is.
    Template(template::Args),
    /// Check a credential's structure (and profile schema), then sign it.
    Issue(issue::Args),
    /// Verify credentials: files, directories, standard input, JSON Lines; reports and exit status.
    #[command(after_help = EXIT_STATUS)]
    Verify(verify::Args),
    /// Print the canonical form a cryptosuite hashes (RDFC-1.0 N-Quads or JCS).
    Canon(canon::Args),
    /// Sign a presentation of credentials for one verifier (challenge and domain).
    Present(present::Args),
    /// Bitstring Status Lists: create one, set or clear an entry, check an entry.
    Status(status::Args),
    /// The main job in one run, offline: keys, issuing, status, verifying, revoking,
    /// presenting to an employer, and the skill profile with the occupations it fits.
    Demo(demo::Args),
    /// Run the W3C VC-API service: issue, verify and revoke over HTTP(S).
    Serve(serve::Args),
    /// Print a shell completion script.
    Completions(completions::Args),
    /// Benchmarks for researchers: write a deterministic corpus, verify it against its manifest.
    Bench(bench::Args),
}

/// The exit status contract, shown in `--help`.
const EXIT_STATUS: &str = "Exit status: 0 when every document passed; 1 when any document was not \
verified (invalid or indeterminate) or breaks rules; 2 when any input could not be read or the usage \
was wrong. Every input is processed first.";

/// What a command reports back to `main`.
pub(crate) enum Outcome {
    /// The document passed.
    Valid,
    /// The document was read but breaks rules.
    Invalid,
    /// The input could not be read or parsed.
    Unusable,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Inspect(args) => inspect::run(&args),
        Command::Skills(args) => skills::run(&args),
        Command::Keygen(args) => keygen::run(&args),
        Command::Template(args) => template::run(&args),
        Command::Issue(args) => issue::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Canon(args) => canon::run(&args),
        Command::Present(args) => present::run(&args),
        Command::Status(args) => status::run(&args),
        Command::Demo(args) => demo::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Completions(args) => completions::run(&args, Cli::command()),
        Command::Bench(args) => bench::run(&args),
    };
    match outcome {
        Outcome::Valid => ExitCode::SUCCESS,
        Outcome::Invalid => ExitCode::from(1),
        Outcome::Unusable => ExitCode::from(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every subcommand has a summary and every argument a help text, so `--help` is complete.
    fn undocumented(command: &clap::Command, path: &str, out: &mut Vec<String>) {
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if id != "help" && id != "version" && arg.get_help().is_none() {
                out.push(format!("{path} {id}"));
            }
        }
        for sub in command.get_subcommands() {
            let name = format!("{path} {}", sub.get_name());
            if sub.get_about().is_none() {
                out.push(name.clone());
            }
            undocumented(sub, &name, out);
        }
    }

    #[test]
    fn every_subcommand_and_argument_is_documented() {
        let mut out = Vec::new();
        undocumented(&Cli::command(), "ler", &mut out);
        assert!(out.is_empty(), "no help text: {out:?}");
        Cli::command().debug_assert();
    }
}

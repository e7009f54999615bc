//! The `ler` command-line tool.
//!
//! Each subcommand lives in its own module; `main` parses the command line and maps the
//! outcome to the exit status: 0 success (a valid document), 1 the document has problems,
//! 2 unreadable input or bad usage (clap's own usage errors exit 2 as well).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod inspect;
mod skills;

/// Learning and Employment Records: inspect, issue, verify and present them.
#[derive(Parser)]
#[command(name = "ler", version, about)]
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
}

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
    };
    match outcome {
        Outcome::Valid => ExitCode::SUCCESS,
        Outcome::Invalid => ExitCode::from(1),
        Outcome::Unusable => ExitCode::from(2),
    }
}

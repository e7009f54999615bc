//! `ler completions SHELL`: a completion script for bash, zsh or fish.

use clap_complete::Shell;

use crate::Outcome;

/// Arguments of `ler completions`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The shell: bash, zsh or fish. For example `ler completions bash > ~/.local/share/bash-completion/completions/ler`.
    #[arg(value_parser = ["bash", "zsh", "fish"])]
    shell: String,
}

pub(crate) fn run(args: &Args, mut command: clap::Command) -> Outcome {
    let shell = match args.shell.as_str() {
        "bash" => Shell::Bash,
        "zsh" => Shell::Zsh,
        _ => Shell::Fish,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "ler", &mut out);
    crate::common::print(&String::from_utf8_lossy(&out));
    Outcome::Valid
}

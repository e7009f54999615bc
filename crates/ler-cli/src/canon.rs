//! `ler canon`: the canonical form a cryptosuite hashes, for debugging and conformance work.

use std::path::PathBuf;

use ler::jsonld::{
    CanonicalizeOptions, HashAlgorithm, Options, canonicalize_with, parse_nquads, to_rdf,
};
use ler::model::json::{Object, ParseOptions, Value};
use ler::proof::di::Cryptosuite;

use crate::Outcome;
use crate::common::{display, parse_suite, print, read_input};

/// What the input is.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum From {
    /// A JSON-LD document (a credential); a top-level `proof` is left out, as the
    /// cryptosuites leave it out of what they hash.
    Jsonld,
    /// An RDF dataset in N-Quads (as in the RDFC-1.0 test suite).
    Nquads,
}

/// RDFC-1.0's hash function.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Hash {
    /// SHA-256 (what eddsa-rdfc-2022 uses).
    Sha256,
    /// SHA-384.
    Sha384,
}

/// Arguments of `ler canon`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The input file, or `-` for standard input.
    file: PathBuf,
    /// The input format.
    #[arg(long, value_enum, default_value = "jsonld")]
    from: From,
    /// The cryptosuite whose canonical form to print: eddsa-rdfc-2022 (alias rdfc: RDFC-1.0
    /// N-Quads) or eddsa-jcs-2022 (alias jcs: RFC 8785 JSON, JSON-LD input only).
    #[arg(long, value_name = "ID", default_value = "eddsa-rdfc-2022", value_parser = parse_suite)]
    suite: Cryptosuite,
    /// The hash function RDFC-1.0 uses internally to label blank nodes (RDF suites only).
    #[arg(long, value_enum, default_value = "sha256")]
    hash: Hash,
    /// Print the blank-node map (input label to canonical label) as a JSON object instead of
    /// the N-Quads, in the form of the RDFC-1.0 suite's map tests (RDF suites only).
    #[arg(long)]
    map: bool,
}

pub(crate) fn run(args: &Args) -> Outcome {
    match canon(args) {
        Ok(text) => {
            print(&text);
            Outcome::Valid
        }
        Err((outcome, message)) => {
            crate::common::print_error("canon", format_args!("{message}"));
            outcome
        }
    }
}

fn canon(args: &Args) -> Result<String, (Outcome, String)> {
    let usage = |m: &str| (Outcome::Unusable, m.to_owned());
    let rdf = args.suite != Cryptosuite::EddsaJcs2022;
    if !rdf && (args.map || args.hash == Hash::Sha384) {
        return Err(usage(
            "--map and --hash apply to RDFC-1.0, not to --suite eddsa-jcs-2022",
        ));
    }
    if !rdf && args.from == From::Nquads {
        return Err(usage(
            "N-Quads input has only an RDF canonical form: drop --suite eddsa-jcs-2022",
        ));
    }
    let name = display(&args.file);
    let limits = ParseOptions::default();
    let bytes = read_input(&args.file, limits.max_bytes)
        .map_err(|e| (Outcome::Unusable, format!("cannot read {name}: {e}")))?;
    let bad = |e: String| (Outcome::Invalid, format!("{name}: {e}"));
    let dataset = match args.from {
        From::Nquads => {
            let text = std::str::from_utf8(&bytes).map_err(|e| bad(e.to_string()))?;
            parse_nquads(text).map_err(|e| bad(e.to_string()))?
        }
        From::Jsonld => {
            let mut document =
                ler::model::json::parse_with(&bytes, &limits).map_err(|e| bad(e.to_string()))?;
            if let Value::Object(object) = &mut document {
                object.remove("proof");
            }
            if !rdf {
                // No final newline: these are exactly the bytes hashed.
                return ler::proof::jcs::canonicalize(&document).map_err(|e| bad(e.to_string()));
            }
            to_rdf(
                &document,
                &Options::safe().with_rdf_direction(ler::jsonld::RdfDirection::I18nDatatype),
            )
            .map_err(|e| bad(e.to_string()))?
            .dataset
        }
    };
    let hash = match args.hash {
        Hash::Sha256 => HashAlgorithm::Sha256,
        Hash::Sha384 => HashAlgorithm::Sha384,
    };
    let canonical = canonicalize_with(&dataset, &CanonicalizeOptions::new().hash(hash))
        .map_err(|e| bad(e.to_string()))?;
    if args.map {
        let mut map = Object::new();
        for (input, issued) in canonical.issued_identifiers() {
            map.insert(input, issued);
        }
        Ok(Value::Object(map).to_pretty_string() + "\n")
    } else {
        Ok(canonical.into_nquads())
    }
}

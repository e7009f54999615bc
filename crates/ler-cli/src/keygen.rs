//! `ler keygen`: a new Ed25519 key file.

use std::path::PathBuf;

use ler::model::json::{Object, Value};
use ler::proof::{Ed25519KeyPair, Ed25519Signer};

use crate::Outcome;
use crate::common::{print, write_file};

/// Arguments of `ler keygen`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Where to write the key file (created with mode 0600); standard output when not given.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long)]
    force: bool,
    /// Sign as this verification method id (for example `did:web:example.edu#key-1`) instead
    /// of the key's own did:key; needs --controller.
    #[arg(long, value_name = "URL", requires = "controller")]
    id: Option<String>,
    /// The controller (issuer id) of --id, for example `did:web:example.edu`.
    #[arg(long, value_name = "URL", requires = "id")]
    controller: Option<String>,
    /// Also write the controller's DID document (public key only) to FILE: for did:web, the
    /// `did.json` to publish, and what `ler verify --did-document` reads.
    #[arg(long, value_name = "FILE", requires = "id")]
    did_document: Option<PathBuf>,
}

/// The controller document naming this key for assertions (issuing) and authentication
/// (presenting).
fn did_document(signer: &Ed25519Signer) -> Value {
    let mut document = Object::new();
    document.insert(
        "@context",
        vec![
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/multikey/v1",
        ],
    );
    document.insert("id", signer.controller());
    document.insert(
        "verificationMethod",
        vec![signer.verification_method_document()],
    );
    document.insert("assertionMethod", vec![signer.id()]);
    document.insert("authentication", vec![signer.id()]);
    Value::Object(document)
}

pub(crate) fn run(args: &Args) -> Outcome {
    let key = match Ed25519KeyPair::generate() {
        Ok(key) => key,
        Err(e) => {
            crate::common::print_error("keygen", format_args!("{e}"));
            return Outcome::Unusable;
        }
    };
    let signer = match (&args.id, &args.controller) {
        (Some(id), Some(controller)) => Ed25519Signer::new(key, id.as_str(), controller.as_str()),
        _ => Ed25519Signer::did_key(key),
    };
    let file = signer.to_key_file();
    let text: &str = &file;
    match &args.out {
        Some(path) => {
            if let Err(e) = write_file(path, text, args.force, true) {
                crate::common::print_error("keygen", format_args!("{e}"));
                return Outcome::Unusable;
            }
            eprintln!(
                "ler keygen: wrote {} (keep it secret); it signs as {}",
                path.display(),
                signer.id()
            );
        }
        None => print(text),
    }
    if let Some(path) = &args.did_document {
        let text = did_document(&signer).to_pretty_string() + "\n";
        if let Err(e) = write_file(path, &text, args.force, false) {
            crate::common::print_error("keygen", format_args!("{e}"));
            return Outcome::Unusable;
        }
        eprintln!(
            "ler keygen: wrote {}, the DID document of {}",
            path.display(),
            signer.controller()
        );
    }
    Outcome::Valid
}

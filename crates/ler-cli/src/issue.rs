//! `ler issue`: validate a credential, then sign it.

use std::path::PathBuf;

use ler::microcredential::Schema;
use ler::model::Credential;
use ler::model::json::Value;
use ler::proof::di::{self, Cryptosuite, ProofOptions};

use crate::Outcome;
use crate::common::{display, now_stamp, parse_suite, read_json, read_key, write_output};

/// Arguments of `ler issue`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The unsigned credential: a JSON file, or `-` for standard input.
    input: PathBuf,
    /// The issuer's key file (from `ler keygen`); its controller must be the credential's issuer.
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// The cryptosuite: eddsa-rdfc-2022 (alias rdfc) or eddsa-jcs-2022 (alias jcs).
    #[arg(long, value_name = "ID", default_value = "eddsa-rdfc-2022", value_parser = parse_suite)]
    suite: Cryptosuite,
    /// The proof's `created` time (RFC 3339, `2026-06-01T00:00:00Z`); now when not given.
    #[arg(long, value_name = "RFC3339", value_parser = check_stamp)]
    created: Option<String>,
    /// A status list credential file (from `ler status create`): the credential gets a
    /// `BitstringStatusListEntry` for entry --index of it before it is signed. The list must
    /// be issued by the same issuer.
    #[arg(long, value_name = "FILE", requires = "index")]
    status_list: Option<PathBuf>,
    /// The entry of --status-list that this credential gets (give each credential its own).
    #[arg(long, value_name = "N", requires = "status_list")]
    index: Option<usize>,
    /// Write the signed credential here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Overwrite the --out file if it exists.
    #[arg(long)]
    force: bool,
}

fn check_stamp(text: &str) -> Result<String, String> {
    crate::common::parse_at(text).map(|_| text.to_owned())
}

/// What stops a credential from being issued: the data model's rules, then the JSON Schema its
/// `credentialSchema` names when it is one of the embedded ones. `relatedResource` entries are
/// refused only when malformed or duplicated (`vc.related-resource.value`): their digests are
/// the issuer's statement about bytes it hashed and are not compared here (a verifier compares
/// them: see `related-resource.digest`).
pub(crate) fn problems(document: &Value) -> Result<Vec<String>, String> {
    let Value::Object(object) = document else {
        return Err("a credential is a JSON object".to_owned());
    };
    let credential = Credential::from_object(object.clone());
    let mut out: Vec<String> = credential
        .validate()
        .iter()
        .map(ToString::to_string)
        .collect();
    if out.is_empty() {
        for entry in credential.view().schemas() {
            if let Some(schema) = entry
                .get("id")
                .and_then(Value::as_str)
                .and_then(Schema::from_id)
            {
                out.extend(
                    schema
                        .validate(document)
                        .iter()
                        .map(|v| format!("{} at {}: {}", v.rule, v.pointer, v.message)),
                );
            }
        }
    }
    Ok(out)
}

/// The issuer id of a credential document.
pub(crate) fn issuer_id(document: &Value) -> Option<&str> {
    match document.get("issuer")? {
        Value::String(id) => Some(id),
        issuer => issuer.get("id").and_then(Value::as_str),
    }
}

/// Adds the entry `index` of the status list in `path` to the unsigned credential.
pub(crate) fn add_status(
    document: &mut Value,
    path: &std::path::Path,
    index: usize,
    issuer: &str,
) -> Result<(), String> {
    let file = crate::status::read_list(path)?;
    if file.issuer != issuer {
        return Err(format!(
            "the status list {} is issued by {}, not by the credential's issuer {issuer}",
            path.display(),
            file.issuer
        ));
    }
    ler::verifier::status::add_status_entry(document, &file.url, index, &file.list)
        .map_err(|e| format!("cannot add entry {index} of {}: {e}", path.display()))
}

pub(crate) fn run(args: &Args) -> Outcome {
    let signer = match read_key(&args.key) {
        Ok(signer) => signer,
        Err(e) => {
            crate::common::print_error("issue", format_args!("{e}"));
            return Outcome::Unusable;
        }
    };
    let document = match read_json(&args.input) {
        Ok(document) => document,
        Err(e) => {
            crate::common::print_error("issue", format_args!("{e}"));
            return Outcome::Unusable;
        }
    };
    let name = display(&args.input);
    match problems(&document) {
        Err(e) => {
            crate::common::print_error("issue", format_args!("{name}: {e}"));
            return Outcome::Invalid;
        }
        Ok(problems) if !problems.is_empty() => {
            eprintln!(
                "ler issue: {name} is not issued: it breaks {} rule(s):",
                problems.len()
            );
            for p in problems {
                eprintln!("  {}", crate::common::escape_terminal(&p.to_string()));
            }
            return Outcome::Invalid;
        }
        Ok(_) => {}
    }
    // A proof by a key the issuer does not control would never verify (`issuer.key-binding`).
    let issuer = issuer_id(&document).unwrap_or_default().to_owned();
    let issuer = issuer.as_str();
    if issuer != signer.controller() {
        eprintln!(
            "ler issue: the issuer {issuer:?} does not control this key (its controller is {:?}); \
             write the key's controller as the issuer (`ler template KIND --key FILE` does) or use the issuer's key",
            signer.controller()
        );
        return Outcome::Unusable;
    }
    let mut document = document;
    if let (Some(path), Some(index)) = (&args.status_list, args.index)
        && let Err(e) = add_status(&mut document, path, index, issuer)
    {
        crate::common::print_error("issue", format_args!("{e}"));
        return Outcome::Unusable;
    }
    let created = args.created.clone().unwrap_or_else(now_stamp);
    let options = ProofOptions::new(args.suite).created(created);
    let signed = match di::sign(&document, &options, &signer) {
        Ok(signed) => signed,
        Err(e) => {
            crate::common::print_error("issue", format_args!("cannot sign {name}: {e}"));
            return Outcome::Invalid;
        }
    };
    let text = signed.to_pretty_string() + "\n";
    match write_output(args.out.as_ref(), &text, args.force) {
        Ok(()) => Outcome::Valid,
        Err(e) => {
            crate::common::print_error("issue", format_args!("{e}"));
            Outcome::Unusable
        }
    }
}

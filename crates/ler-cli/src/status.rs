//! `ler status create|set|clear|check`: Bitstring Status Lists kept as signed
//! `BitstringStatusListCredential` files, ready to publish at their URL.

use std::path::{Path, PathBuf};

use ler::model::json::Value;
use ler::proof::Ed25519Signer;
use ler::proof::di::{self, Cryptosuite, ProofOptions};
use ler::proof::status::{MIN_ENTRIES, StatusList, StatusListCredential, StatusPurpose};

use crate::Outcome;
use crate::common::{now_stamp, parse_suite, read_json, read_key, write_file};

/// The purposes a one-bit list can have.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Purpose {
    /// A set entry means revoked, for good.
    Revocation,
    /// A set entry means suspended (it can be cleared again).
    Suspension,
    /// A set entry means a newer version of the credential is available.
    Refresh,
}

impl Purpose {
    fn status(self) -> StatusPurpose {
        match self {
            Purpose::Revocation => StatusPurpose::Revocation,
            Purpose::Suspension => StatusPurpose::Suspension,
            Purpose::Refresh => StatusPurpose::Refresh,
        }
    }
}

/// Arguments of `ler status`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: StatusCommand,
}

#[derive(clap::Subcommand)]
enum StatusCommand {
    /// Create a signed, all-clear status list credential.
    Create {
        /// Where to write the list credential.
        #[arg(long, short, value_name = "FILE")]
        out: PathBuf,
        /// The issuer's key file; the list is issued by its controller.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// The URL the list will be published at: its `id`, and what credentials'
        /// `statusListCredential` names.
        #[arg(long, value_name = "URL")]
        url: String,
        /// What a set entry means.
        #[arg(long, value_enum, default_value = "revocation")]
        purpose: Purpose,
        /// Entries in the list (at least 131072, the Recommendation's minimum, for privacy).
        #[arg(long, value_name = "N", default_value_t = MIN_ENTRIES)]
        size: usize,
        /// The cryptosuite: eddsa-rdfc-2022 (alias rdfc) or eddsa-jcs-2022 (alias jcs).
        #[arg(long, value_name = "ID", default_value = "eddsa-rdfc-2022", value_parser = parse_suite)]
        suite: Cryptosuite,
        /// Overwrite FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Set an entry (revoke, suspend) and sign the list again, in place.
    Set(Change),
    /// Clear an entry (reinstate a suspended credential) and sign the list again, in place.
    Clear(Change),
    /// Show an entry of a list, and whether the list itself verifies. Exit status 0 when the
    /// entry is clear and the list verifies, 1 when the entry is set or the list does not
    /// verify, 2 when the list cannot be read or the index is outside it.
    Check {
        /// The status list credential file.
        list: PathBuf,
        /// The entry (the credential's `statusListIndex`).
        index: usize,
    },
}

/// Arguments of `ler status set` and `ler status clear`.
#[derive(clap::Args)]
struct Change {
    /// The list's issuer key file.
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// The status list credential file (rewritten).
    list: PathBuf,
    /// The entry (the credential's `statusListIndex`).
    index: usize,
    /// The cryptosuite to sign with: eddsa-rdfc-2022 (alias rdfc) or eddsa-jcs-2022 (alias
    /// jcs).
    #[arg(long, value_name = "ID", default_value = "eddsa-rdfc-2022", value_parser = parse_suite)]
    suite: Cryptosuite,
}

/// A status list credential file, read back.
pub(crate) struct ListFile {
    /// The credential as read.
    pub(crate) document: Value,
    /// Its `id`: the URL it is published at.
    pub(crate) url: String,
    /// Its issuer.
    pub(crate) issuer: String,
    /// The decoded list.
    pub(crate) list: StatusList,
}

/// Reads a status list credential file.
pub(crate) fn read_list(path: &Path) -> Result<ListFile, String> {
    let document = read_json(path)?;
    decode_list(document).map_err(|e| format!("{}: {e}", path.display()))
}

/// Decodes a status list credential.
pub(crate) fn decode_list(document: Value) -> Result<ListFile, String> {
    let text = |pointer: &str| document.pointer(pointer).and_then(Value::as_str);
    let url = text("/id").ok_or("not a status list credential: no id (its URL)")?;
    let issuer = text("/issuer")
        .or_else(|| text("/issuer/id"))
        .ok_or("not a status list credential: no issuer")?;
    let purpose_name = text("/credentialSubject/statusPurpose")
        .ok_or("not a status list credential: no credentialSubject.statusPurpose")?;
    let purpose = StatusPurpose::from_name(purpose_name)
        .ok_or_else(|| format!("unknown statusPurpose {purpose_name:?}"))?;
    let encoded = text("/credentialSubject/encodedList")
        .ok_or("not a status list credential: no credentialSubject.encodedList")?;
    let list = StatusList::decode(encoded, purpose, 1).map_err(|e| e.to_string())?;
    Ok(ListFile {
        url: url.to_owned(),
        issuer: issuer.to_owned(),
        list,
        document,
    })
}

/// The signed list credential for `list`.
pub(crate) fn sign_list(
    url: &str,
    list: &StatusList,
    valid_from: &str,
    signer: &Ed25519Signer,
    suite: Cryptosuite,
) -> Result<Value, String> {
    let unsigned = StatusListCredential::new(url, signer.controller(), list)
        .valid_from(valid_from)
        .build();
    let options = ProofOptions::new(suite).created(now_stamp());
    di::sign(&unsigned, &options, signer).map_err(|e| format!("cannot sign the list: {e}"))
}

fn fail(e: &str) -> Outcome {
    crate::common::print_error("status", format_args!("{e}"));
    Outcome::Unusable
}

pub(crate) fn run(args: &Args) -> Outcome {
    match &args.command {
        StatusCommand::Create {
            out,
            key,
            url,
            purpose,
            size,
            suite,
            force,
        } => {
            let signer = match read_key(key) {
                Ok(s) => s,
                Err(e) => return fail(&e),
            };
            let list = match StatusList::new(purpose.status(), *size) {
                Ok(list) => list,
                Err(e) => return fail(&e.to_string()),
            };
            let signed = match sign_list(url, &list, &now_stamp(), &signer, *suite) {
                Ok(signed) => signed,
                Err(e) => return fail(&e),
            };
            if let Err(e) = write_file(out, &(signed.to_pretty_string() + "\n"), *force, false) {
                return fail(&e);
            }
            eprintln!(
                "ler status: wrote {} ({} list of {} entries, publish it at {url})",
                out.display(),
                purpose.status().name(),
                list.len()
            );
            Outcome::Valid
        }
        StatusCommand::Set(change) => update(change, true),
        StatusCommand::Clear(change) => update(change, false),
        StatusCommand::Check { list, index } => check(list, *index),
    }
}

fn update(change: &Change, set: bool) -> Outcome {
    let signer = match read_key(&change.key) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let ListFile {
        document,
        url,
        issuer,
        mut list,
    } = match read_list(&change.list) {
        Ok(file) => file,
        Err(e) => return fail(&e),
    };
    if issuer != signer.controller() {
        return fail(&format!(
            "{} is issued by {issuer}, not by this key's controller {}",
            change.list.display(),
            signer.controller()
        ));
    }
    let result = if set {
        list.set(change.index)
    } else {
        list.clear(change.index)
    };
    if let Err(e) = result {
        return fail(&format!("{}: {e}", change.list.display()));
    }
    let valid_from = document
        .get("validFrom")
        .and_then(Value::as_str)
        .map_or_else(now_stamp, str::to_owned);
    let signed = match sign_list(&url, &list, &valid_from, &signer, change.suite) {
        Ok(signed) => signed,
        Err(e) => return fail(&e),
    };
    // Write beside it, then rename: a reader never sees half a list.
    let mut temp = change.list.clone().into_os_string();
    temp.push(".tmp");
    let temp = PathBuf::from(temp);
    if let Err(e) = write_file(&temp, &(signed.to_pretty_string() + "\n"), true, false) {
        return fail(&e);
    }
    if let Err(e) = std::fs::rename(&temp, &change.list) {
        return fail(&format!("cannot replace {}: {e}", change.list.display()));
    }
    eprintln!(
        "ler status: entry {} of {} is now {} ({})",
        change.index,
        change.list.display(),
        if set { "set" } else { "clear" },
        list.purpose().name()
    );
    Outcome::Valid
}

fn check(path: &Path, index: usize) -> Outcome {
    let bytes = match crate::common::read_file(path) {
        Ok(bytes) => bytes,
        Err(e) => return fail(&format!("cannot read {}: {e}", path.display())),
    };
    let file = match ler::model::json::parse(&bytes)
        .map_err(|e| e.to_string())
        .and_then(decode_list)
    {
        Ok(file) => file,
        Err(e) => return fail(&format!("{}: {e}", path.display())),
    };
    let set = match file.list.is_set(index) {
        Ok(set) => set,
        Err(e) => return fail(&format!("{}: {e}", path.display())),
    };
    let report = ler::proof::verify(&bytes, &ler::proof::VerifyOptions::default())
        .into_parts()
        .0;
    let purpose = file.list.purpose();
    let meaning = match (set, purpose) {
        (false, _) => "clear".to_owned(),
        (true, StatusPurpose::Revocation) => "set (revoked)".to_owned(),
        (true, StatusPurpose::Suspension) => "set (suspended)".to_owned(),
        (true, p) => format!("set ({})", p.name()),
    };
    crate::common::print(&format!(
        "{} entry {index}: {meaning}\nlist {} by {}: {}\n",
        purpose.name(),
        crate::common::escape_terminal(&file.url),
        crate::common::escape_terminal(&file.issuer),
        report.verdict.name()
    ));
    if !report.is_verified() {
        let mut out = String::new();
        crate::verify::render_checks(&report, crate::common::Style::for_stdout(), 1, &mut out);
        crate::common::print(&out);
    }
    if set || !report.is_verified() {
        Outcome::Invalid
    } else {
        Outcome::Valid
    }
}

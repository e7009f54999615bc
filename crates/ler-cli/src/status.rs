//! `ler status create|set|clear|check`: Bitstring Status Lists kept as signed
//! `BitstringStatusListCredential` files, ready to publish at their URL.

use std::path::{Path, PathBuf};

use ler::model::json::Value;
use ler::proof::Ed25519Signer;
use ler::proof::di::{self, Cryptosuite, ProofOptions};
use ler::verifier::status::{
    MIN_ENTRIES, StatusList, StatusListCredential, StatusMessage, StatusPurpose,
};

use crate::Outcome;
use crate::common::{now_stamp, parse_suite, read_json, read_key, write_file};

/// What a list's entries mean.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Purpose {
    /// A set entry means revoked, for good.
    Revocation,
    /// A set entry means suspended (it can be cleared again).
    Suspension,
    /// A set entry means a newer version of the credential is available.
    Refresh,
    /// Each entry is a value of --status-size bits that a --message explains.
    Message,
}

impl Purpose {
    fn status(self) -> StatusPurpose {
        match self {
            Purpose::Revocation => StatusPurpose::Revocation,
            Purpose::Suspension => StatusPurpose::Suspension,
            Purpose::Refresh => StatusPurpose::Refresh,
            Purpose::Message => StatusPurpose::Message,
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
        /// For --purpose message: bits per entry (1 to 8).
        #[arg(long, value_name = "BITS", default_value_t = 1)]
        status_size: u8,
        /// For --purpose message: what a value means, as VALUE=TEXT (VALUE decimal or 0x hex);
        /// one for each of the 2^status-size values, as the Recommendation requires. Entries
        /// issued from the list carry them as `statusMessage`.
        #[arg(long, value_name = "VALUE=TEXT", value_parser = parse_message)]
        message: Vec<StatusMessage>,
        /// For --purpose message: a URL where people learn more about the values; entries carry
        /// it as `statusReference` (repeat for several).
        #[arg(long, value_name = "URL")]
        reference: Vec<String>,
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
    /// For `set` on a message list: the value to give the entry (default 1).
    #[arg(long, value_name = "VALUE")]
    value: Option<u8>,
}

/// A `--message VALUE=TEXT`.
fn parse_message(text: &str) -> Result<StatusMessage, String> {
    let (value, message) = text
        .split_once('=')
        .ok_or("expected VALUE=TEXT, e.g. 0x1=pending review")?;
    let value = match value.strip_prefix("0x") {
        Some(hex) => u8::from_str_radix(hex, 16),
        None => value.parse(),
    }
    .map_err(|e| format!("{value:?} is not a status value (0 to 255): {e}"))?;
    Ok(StatusMessage::new(value, message))
}

/// Where a message list's `statusSize`, `statusMessage` and `statusReference` are kept beside
/// the list credential: the credential's subject has no terms for them (they travel in each
/// credential's entry), so `ler issue` reads them from here.
fn messages_path(list: &Path) -> PathBuf {
    let mut path = list.as_os_str().to_owned();
    path.push(".messages.json");
    PathBuf::from(path)
}

/// The sidecar of a message list.
fn messages_json(list: &StatusList) -> Value {
    let mut object = ler::model::json::Object::new();
    object.insert("statusSize", list.status_size());
    let messages: Vec<Value> = list
        .messages()
        .iter()
        .map(|m| {
            let mut item = ler::model::json::Object::new();
            item.insert("status", m.status_text());
            item.insert("message", m.message.as_str());
            Value::Object(item)
        })
        .collect();
    object.insert("statusMessage", messages);
    let references: Vec<Value> = list
        .references()
        .iter()
        .map(|u| Value::from(u.as_str()))
        .collect();
    object.insert("statusReference", references);
    Value::Object(object)
}

/// Reads a message list's sidecar: its status size, messages and references.
fn read_messages(list: &Path) -> Result<(u8, Vec<StatusMessage>, Vec<String>), String> {
    let path = messages_path(list);
    let document = read_json(&path).map_err(|e| {
        format!(
            "a message list needs its messages file {}: {e}",
            path.display()
        )
    })?;
    let bad = |what: &str| format!("{}: {what}", path.display());
    let size = document
        .get("statusSize")
        .and_then(Value::as_number)
        .and_then(|n| n.as_u64())
        .and_then(|n| u8::try_from(n).ok())
        .ok_or_else(|| bad("statusSize is not a number from 1 to 8"))?;
    let mut messages = Vec::new();
    for item in document
        .get("statusMessage")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("no statusMessage array"))?
    {
        let status = item
            .get("status")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let message = item
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or_default();
        messages.push(parse_message(&format!("{status}={message}")).map_err(|e| bad(&e))?);
    }
    let references = document
        .get("statusReference")
        .and_then(Value::as_array)
        .map(|urls| {
            urls.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok((size, messages, references))
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

/// Reads a status list credential file (and, for a message list, its messages file).
pub(crate) fn read_list(path: &Path) -> Result<ListFile, String> {
    let document = read_json(path)?;
    let mut file = decode_list(document).map_err(|e| format!("{}: {e}", path.display()))?;
    if file.list.purpose() == StatusPurpose::Message {
        let (size, messages, references) = read_messages(path)?;
        let encoded = file
            .document
            .pointer("/credentialSubject/encodedList")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let decoded = StatusList::decode(encoded, StatusPurpose::Message, size)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let mut list = StatusList::with_messages(decoded.len(), size, messages)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .with_references(references);
        for index in 0..decoded.len() {
            let value = decoded.get(index).map_err(|e| e.to_string())?;
            if value != 0 {
                list.set_value(index, value).map_err(|e| e.to_string())?;
            }
        }
        file.list = list;
    }
    Ok(file)
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
    // A message list's entries may be wider: `read_list` decodes it again with its size.
    let list = if purpose == StatusPurpose::Message {
        StatusList::decode_lenient(encoded, purpose, 1)
    } else {
        StatusList::decode(encoded, purpose, 1)
    }
    .map_err(|e| e.to_string())?;
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
            status_size,
            message,
            reference,
            suite,
            force,
        } => {
            let signer = match read_key(key) {
                Ok(s) => s,
                Err(e) => return fail(&e),
            };
            let made = if *purpose == Purpose::Message {
                StatusList::with_messages(*size, *status_size, message.clone())
                    .map(|list| list.with_references(reference.clone()))
            } else if !message.is_empty() || !reference.is_empty() || *status_size != 1 {
                return fail("--status-size, --message and --reference are for --purpose message");
            } else {
                StatusList::new(purpose.status(), *size)
            };
            let list = match made {
                Ok(list) => list,
                Err(e) => return fail(&e.to_string()),
            };
            if *purpose == Purpose::Message {
                let sidecar = messages_path(out);
                let text = messages_json(&list).to_pretty_string() + "\n";
                if let Err(e) = write_file(&sidecar, &text, *force, false) {
                    return fail(&e);
                }
            }
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
    let result = match (set, list.purpose()) {
        (true, StatusPurpose::Message) => list.set_value(change.index, change.value.unwrap_or(1)),
        (true, _) if change.value.is_some_and(|v| v != 1) => {
            return fail("--value is for message lists");
        }
        (true, _) => list.set(change.index),
        (false, _) => list.clear(change.index),
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
        Ok(file) if file.list.purpose() == StatusPurpose::Message => match read_list(path) {
            Ok(file) => file,
            Err(e) => return fail(&e),
        },
        Ok(file) => file,
        Err(e) => return fail(&format!("{}: {e}", path.display())),
    };
    let value = match file.list.get(index) {
        Ok(value) => value,
        Err(e) => return fail(&format!("{}: {e}", path.display())),
    };
    let set = value != 0;
    let report = ler::verifier::verify(&bytes, &ler::verifier::VerifyOptions::default())
        .into_parts()
        .0;
    let purpose = file.list.purpose();
    let meaning = match (set, purpose) {
        (true, StatusPurpose::Revocation) => "set (revoked)".to_owned(),
        (true, StatusPurpose::Suspension) => "set (suspended)".to_owned(),
        (_, StatusPurpose::Message) => {
            let text = file
                .list
                .messages()
                .iter()
                .find(|m| m.status == value)
                .map_or("", |m| m.message.as_str());
            format!("{value:#x} ({text})")
        }
        (false, _) => "clear".to_owned(),
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
    // A message entry's value is information, not a failure.
    if (set && purpose != StatusPurpose::Message) || !report.is_verified() {
        Outcome::Invalid
    } else {
        Outcome::Valid
    }
}

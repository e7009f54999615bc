//! The `status.*` checks: each `credentialStatus` entry checked against its list, which is
//! obtained from the options' source and verified with the verifier itself (so they live here,
//! above the issuer-side `status` module).

use std::sync::Arc;

use ler_model::Credential;
use ler_model::date::{Instant, parse_date_time};
use ler_model::json::{Object, Value};

use ler_report::{CheckId, Finding, Outcome, Verdict};

use super::session::{FetchSession, ListProblem};
use super::{VerifyOptions, has_type, issuer_id};
use crate::fetch_limits::FetchLimitError;
use crate::status::{
    CachedList, MIN_ENTRIES, StatusPurpose, add_duration, check_size, decode_bitstring, read_entry,
};

/// The longest `statusListCredential` URL followed.
const MAX_URL: usize = 2048;

/// Runs the `status.*` checks of one credential as the verifier does: with the options' status
/// list source, cache, leniency, delegates and fetch limits, at the options' clock. Pointers are
/// relative to the credential. Without a source every entry is `indeterminate`; without
/// `credentialStatus` the result is one `skipped` `status.revocation`.
///
/// This function fetches whatever the credential names: call it only on a credential whose
/// proof you verified (the verifier does so itself, and fetches nothing for a credential whose
/// proof did not hold).
pub fn check_status(credential: &Credential, options: &VerifyOptions) -> Vec<Finding> {
    let mut out = Vec::new();
    let session = FetchSession::new(options.limits.fetch);
    run(
        credential.as_object(),
        options,
        options.now(),
        &session,
        true,
        &mut out,
    );
    out
}

/// The verifier's entry point (`now` is the verification's clock). `authenticated` says whether
/// the credential's own proofs and key binding held: when not, nothing is fetched and the
/// status check is `skipped`.
pub(crate) fn run(
    object: &Object,
    options: &VerifyOptions,
    now: Option<Instant>,
    session: &FetchSession,
    authenticated: bool,
    out: &mut Vec<Finding>,
) {
    let Some(status) = object.get("credentialStatus") else {
        out.push(Finding::new(
            CheckId::STATUS_REVOCATION,
            Outcome::Skipped,
            "no credentialStatus",
        ));
        return;
    };
    if !authenticated {
        out.push(
            Finding::new(
                CheckId::STATUS_REVOCATION,
                Outcome::Skipped,
                "not checked: the credential's proof did not verify, so no status list was fetched",
            )
            .at("/credentialStatus"),
        );
        return;
    }
    if options.status_lists.is_none() {
        out.push(
            Finding::new(
                CheckId::STATUS_REVOCATION,
                Outcome::Indeterminate,
                "the credential has a credentialStatus, and no status list source is configured",
            )
            .at("/credentialStatus"),
        );
        return;
    }
    let entries: Vec<(String, &Value)> = match status {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("/credentialStatus/{i}"), v))
            .collect(),
        other => vec![("/credentialStatus".to_owned(), other)],
    };
    if entries.is_empty() {
        out.push(
            Finding::new(
                CheckId::STATUS_REVOCATION,
                Outcome::Indeterminate,
                "credentialStatus is an empty array",
            )
            .at("/credentialStatus"),
        );
    }
    let limit = session.limits().max_status_entries;
    if entries.len() > limit {
        let error = FetchLimitError::TooManyStatusEntries {
            found: entries.len(),
            limit,
        };
        out.push(
            Finding::new(
                CheckId::STATUS_REVOCATION,
                Outcome::Indeterminate,
                error.to_string(),
            )
            .at("/credentialStatus"),
        );
        return;
    }
    let issuer = issuer_id(object);
    for (pointer, entry) in &entries {
        out.push(check_entry(entry, issuer, options, now, session).at(pointer.as_str()));
    }
}

fn type_text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(t)) => short(t),
        Some(Value::Array(ts)) => short(
            &ts.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => "(none)".into(),
    }
}

/// The most characters of a document's text quoted in a message.
const MAX_QUOTED: usize = 200;

/// `text`, cut to [`MAX_QUOTED`] characters, so a huge value cannot bloat the report.
fn short(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTED) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Checks one entry (the caller adds its pointer).
fn check_entry(
    entry: &Value,
    issuer: Option<&str>,
    options: &VerifyOptions,
    now: Option<Instant>,
    session: &FetchSession,
) -> Finding {
    let Some(entry) = entry.as_object() else {
        return indeterminate(
            CheckId::STATUS_REVOCATION,
            "a credentialStatus entry must be an object".into(),
        );
    };
    let purpose_text = entry.get("statusPurpose").and_then(Value::as_str);
    let purpose = purpose_text.and_then(StatusPurpose::from_name);
    let id = purpose.map_or(CheckId::STATUS_REVOCATION, StatusPurpose::check_id);
    if !has_type(entry.get("type"), "BitstringStatusListEntry") {
        return indeterminate(
            id,
            format!(
                "a credentialStatus of type {} cannot be checked: only BitstringStatusListEntry is supported",
                type_text(entry.get("type"))
            ),
        );
    }
    let Some(purpose) = purpose else {
        return indeterminate(
            id,
            match purpose_text {
                Some(p) => format!("unknown statusPurpose {:?}", short(p)),
                None => "the entry has no statusPurpose".into(),
            },
        );
    };
    let Some(url) = entry.get("statusListCredential").and_then(Value::as_str) else {
        return indeterminate(
            id,
            format!("{purpose}: the entry has no statusListCredential URL"),
        );
    };
    if url.len() > MAX_URL {
        return indeterminate(
            id,
            format!("{purpose}: the statusListCredential URL is longer than {MAX_URL} bytes"),
        );
    }
    let mut deviations: Vec<String> = Vec::new();
    let mut index_text = None;
    let index = match entry.get("statusListIndex") {
        Some(Value::String(text)) => match parse_index(text) {
            Some(i) => {
                index_text = Some(text.as_str());
                i
            }
            None => {
                return indeterminate(
                    id,
                    format!(
                        "{purpose}: statusListIndex {:?} is not a non-negative integer",
                        short(text)
                    ),
                );
            }
        },
        Some(Value::Number(n)) => match n.as_u64().and_then(|i| usize::try_from(i).ok()) {
            Some(i) => {
                deviations.push("statusListIndex is a number, not a string".into());
                i
            }
            None => {
                return indeterminate(
                    id,
                    format!(
                        "{purpose}: statusListIndex {} is not a non-negative integer",
                        n.as_str()
                    ),
                );
            }
        },
        _ => {
            return indeterminate(
                id,
                format!("{purpose}: the entry has no statusListIndex string"),
            );
        }
    };
    let status_size = match entry.get("statusSize") {
        None => 1,
        Some(Value::Number(n)) => match n.as_u64().map(|s| check_size(purpose, s)) {
            Some(Ok(size)) => size,
            Some(Err(e)) => return indeterminate(id, format!("{purpose}: {e}")),
            None => {
                return indeterminate(
                    id,
                    format!(
                        "{purpose}: statusSize {} is not a positive integer",
                        n.as_str()
                    ),
                );
            }
        },
        Some(other) => {
            return indeterminate(
                id,
                format!(
                    "{purpose}: statusSize must be a number, not {}",
                    other.kind()
                ),
            );
        }
    };
    let at = match index_text {
        Some(text) => format!("index {} of {url}", short(text)),
        None => format!("index {index} of {url}"),
    };
    if !deviations.is_empty() && !options.lenient_status_lists {
        return not_lenient(id, purpose, &at, &deviations);
    }
    let list = match obtain(url, options, now, session) {
        Ok(list) => list,
        Err(reason) => return indeterminate(id, format!("{purpose}: {url}: {reason}")),
    };
    let delegated = options
        .status_list_delegates
        .iter()
        .any(|d| *d == list.issuer);
    if issuer != Some(list.issuer.as_str()) && !delegated {
        return indeterminate(
            id,
            format!(
                "{purpose}: the list {url} is issued by {}, not by the credential's issuer {}, and no policy names it a delegate",
                short(&list.issuer),
                short(issuer.unwrap_or("(none)"))
            ),
        );
    }
    if !list.purposes.iter().any(|p| p == purpose.name()) {
        return indeterminate(
            id,
            format!(
                "{purpose}: the list {url} is for {}, not {purpose}",
                short(&list.purposes.join(", "))
            ),
        );
    }
    if let Some(reason) = outside_validity(&list, now) {
        return indeterminate(id, format!("{purpose}: the list {url} {reason}"));
    }
    let entries = list.bits.len().saturating_mul(8) / usize::from(status_size);
    if entries < MIN_ENTRIES {
        deviations.push(format!(
            "the list has {entries} entries, fewer than the {MIN_ENTRIES} required"
        ));
        if !options.lenient_status_lists {
            return not_lenient(id, purpose, &at, &deviations);
        }
    }
    if index >= entries {
        return indeterminate(
            id,
            format!("{purpose}: {at} is outside the list, which has {entries} entries"),
        );
    }
    let value = read_entry(&list.bits, index, status_size);
    let mut result = decide(id, purpose, value, entry, &at, &deviations);
    if let Some(list_id) = &list.declared_id {
        // The report records that an explicit override, not the list's own id, tied it to `url`.
        result.message = format!(
            "{} [the list's id is {}: used for {url} by explicit override]",
            result.message,
            short(list_id)
        );
    }
    result
}

/// `index` as decimal digits only (no sign, no spaces); too large a number reads as
/// `usize::MAX`, which no list reaches.
fn parse_index(text: &str) -> Option<usize> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse().unwrap_or(usize::MAX))
}

fn indeterminate(id: CheckId, message: String) -> Finding {
    Finding::new(id, Outcome::Indeterminate, message)
}

fn not_lenient(id: CheckId, purpose: StatusPurpose, at: &str, deviations: &[String]) -> Finding {
    indeterminate(
        id,
        format!(
            "{purpose}: {at}: {}; such lists are checked only with lenient_status_lists",
            deviations.join("; ")
        ),
    )
}

fn decide(
    id: CheckId,
    purpose: StatusPurpose,
    value: u8,
    entry: &Object,
    at: &str,
    deviations: &[String],
) -> Finding {
    let (outcome, message) = match purpose {
        StatusPurpose::Revocation if value != 0 => (
            Outcome::Fail,
            format!("{at} is set: the credential is revoked"),
        ),
        StatusPurpose::Suspension if value != 0 => (
            Outcome::Fail,
            format!("{at} is set: the credential is suspended"),
        ),
        StatusPurpose::Revocation => (Outcome::Pass, format!("{at} is clear: not revoked")),
        StatusPurpose::Suspension => (Outcome::Pass, format!("{at} is clear: not suspended")),
        StatusPurpose::Refresh if value != 0 => (
            Outcome::Pass,
            format!("{at} is set: a refreshed credential is available"),
        ),
        StatusPurpose::Refresh => (Outcome::Pass, format!("{at} is clear: no refresh")),
        StatusPurpose::Message => {
            let text = status_message(entry, value).map_or_else(
                || "(no statusMessage for this value)".to_owned(),
                |m| format!("{:?}", short(m)),
            );
            let reference = status_reference(entry)
                .map(|urls| format!(" (see {})", urls.join(", ")))
                .unwrap_or_default();
            (
                Outcome::Pass,
                format!("{at}: status {value:#x} {text}{reference}"),
            )
        }
    };
    if deviations.is_empty() || outcome == Outcome::Fail {
        let message = if deviations.is_empty() {
            format!("{purpose}: {message}")
        } else {
            format!(
                "{purpose}: {message} (list accepted leniently: {})",
                deviations.join("; ")
            )
        };
        return Finding::new(id, outcome, message);
    }
    Finding::new(
        id,
        Outcome::Warn,
        format!(
            "{purpose}: {message}, from a list accepted leniently: {}",
            deviations.join("; ")
        ),
    )
}

/// The entry's `statusReference` URLs (a string, or an array of strings; at most 4 quoted),
/// `None` when absent or malformed.
fn status_reference(entry: &Object) -> Option<Vec<String>> {
    let urls: Vec<&str> = match entry.get("statusReference")? {
        Value::String(url) => vec![url.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).take(4).collect(),
        _ => return None,
    };
    (!urls.is_empty()).then(|| urls.into_iter().map(short).collect())
}

/// The `statusMessage` text for `value`, matching `0x…` case-insensitively.
fn status_message(entry: &Object, value: u8) -> Option<&str> {
    entry
        .get("statusMessage")?
        .as_array()?
        .iter()
        .filter_map(Value::as_object)
        .find(|m| {
            m.get("status")
                .and_then(Value::as_str)
                .and_then(|s| s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")))
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                == Some(value)
        })?
        .get("message")?
        .as_str()
}

fn outside_validity(list: &CachedList, now: Option<Instant>) -> Option<String> {
    let now = now?;
    if list.valid_from.is_some_and(|from| now < from) {
        return Some(format!(
            "is not valid before {}",
            list.valid_texts.0.as_deref().unwrap_or_default()
        ));
    }
    if list.valid_until.is_some_and(|until| now > until) {
        return Some(format!(
            "expired at {}",
            list.valid_texts.1.as_deref().unwrap_or_default()
        ));
    }
    None
}

/// The verified, decoded list at `url`: from the cache, or obtained, verified and decoded.
/// Within one verification each URL is obtained at most once (its outcome, success or not, is
/// reused), and only within the session's fetch limits.
fn obtain(
    url: &str,
    options: &VerifyOptions,
    now: Option<Instant>,
    session: &FetchSession,
) -> Result<Arc<CachedList>, ListProblem> {
    if let Some(now) = now
        && let Some(list) = options.status_list_cache.get(url, now)
    {
        return Ok(list);
    }
    if let Some(earlier) = session.earlier(url) {
        return earlier;
    }
    let remaining = session.begin_fetch()?;
    let outcome = fetch_and_verify(url, options, now, remaining);
    session.record(url, outcome.clone());
    outcome
}

fn fetch_and_verify(
    url: &str,
    options: &VerifyOptions,
    now: Option<Instant>,
    remaining: Option<std::time::Duration>,
) -> Result<Arc<CachedList>, ListProblem> {
    let source = options.status_lists.as_ref().ok_or(ListProblem::NoSource)?;
    let bytes = source.status_list_within(url, remaining)?;
    let declared = source.declared_for(url);
    let (list, ttl_ms) = verify_list(&bytes, url, declared, options, now)?;
    let Some(now) = now else {
        return Ok(Arc::new(list));
    };
    let mut ttl = options.status_list_max_ttl;
    if let Some(ms) = ttl_ms {
        ttl = ttl.min(std::time::Duration::from_millis(ms));
    }
    let list = Arc::new(CachedList {
        fetched_at: now,
        expires_at: add_duration(now, ttl),
        ..list
    });
    if !ttl.is_zero() {
        options
            .status_list_cache
            .insert(url, Arc::clone(&list), now);
    }
    Ok(list)
}

/// Verifies a status list credential with the caller's resolver, cryptosuites, proof purpose,
/// limits and clock (and no status checks of its own, so lists never recurse), then reads it.
fn verify_list(
    bytes: &[u8],
    url: &str,
    declared: bool,
    options: &VerifyOptions,
    now: Option<Instant>,
) -> Result<(CachedList, Option<u64>), ListProblem> {
    let list_options = VerifyOptions {
        at: now,
        resolver: Arc::clone(&options.resolver),
        accepted_cryptosuites: options.accepted_cryptosuites.clone(),
        expected_proof_purpose: options.expected_proof_purpose,
        created_tolerance_seconds: options.created_tolerance_seconds,
        limits: options.limits,
        max_proofs: options.max_proofs,
        max_nesting_depth: 0,
        max_nested_credentials: 0,
        ..VerifyOptions::default()
    };
    let verification = super::verify_credential(bytes, &list_options);
    let report = verification.report();
    let Some(credential) = verification.verified() else {
        let outcome = if report.verdict == Verdict::Invalid {
            Outcome::Fail
        } else {
            Outcome::Indeterminate
        };
        let mut failing: Vec<CheckId> = Vec::new();
        for check in report.checks.iter().filter(|c| c.outcome == outcome) {
            if !failing.contains(&check.id) {
                failing.push(check.id);
            }
        }
        return Err(ListProblem::NotVerified {
            verdict: report.verdict,
            failing,
        });
    };
    let object = credential.as_object();
    if !has_type(object.get("type"), "BitstringStatusListCredential") {
        return Err(ListProblem::NotAList {
            found: type_text(object.get("type")),
        });
    }
    // A list signed for one URL must not be served for another: its `id` is the URL the
    // credential's entry names, unless the caller declared this list for that URL.
    let list_id = object.get("id").and_then(Value::as_str);
    let declared_id = match list_id {
        Some(id) if id == url => None,
        _ if declared => Some(list_id.unwrap_or("(none)").to_owned()),
        Some(id) => {
            return Err(ListProblem::OtherId { id: short(id) });
        }
        None => {
            return Err(ListProblem::NoId);
        }
    };
    let issuer = issuer_id(object).ok_or(ListProblem::NoIssuer)?.to_owned();
    let Some(subject) = object.get("credentialSubject").and_then(Value::as_object) else {
        return Err(ListProblem::SubjectNotObject);
    };
    if !has_type(subject.get("type"), "BitstringStatusList") {
        return Err(ListProblem::SubjectType {
            found: type_text(subject.get("type")),
        });
    }
    let purposes: Vec<String> = match subject.get("statusPurpose") {
        Some(Value::String(p)) => vec![p.clone()],
        Some(Value::Array(ps)) => ps
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    };
    if purposes.is_empty() {
        return Err(ListProblem::NoPurpose);
    }
    let encoded = subject
        .get("encodedList")
        .and_then(Value::as_str)
        .ok_or(ListProblem::NoEncodedList)?;
    let bits = decode_bitstring(encoded)?;
    let ttl_ms = match subject.get("ttl") {
        None => None,
        Some(Value::Number(n)) => Some(n.as_u64().ok_or_else(|| ListProblem::TtlNotWhole {
            text: n.as_str().to_owned(),
        })?),
        Some(other) => {
            return Err(ListProblem::TtlNotNumber { kind: other.kind() });
        }
    };
    let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_owned);
    let (from_text, until_text) = (text("validFrom"), text("validUntil"));
    let instant = |t: &Option<String>| {
        t.as_deref()
            .and_then(|t| parse_date_time(t).ok())
            .map(|(i, _)| i)
    };
    let placeholder = Instant {
        seconds: 0,
        nanos: 0,
    };
    Ok((
        CachedList {
            fetched_at: placeholder,
            expires_at: placeholder,
            issuer,
            purposes,
            valid_from: instant(&from_text),
            valid_until: instant(&until_text),
            valid_texts: (from_text, until_text),
            declared_id,
            bits,
        },
        ttl_ms,
    ))
}

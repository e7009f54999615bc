//! Bitstring Status List end to end with lists made here: issue, revoke, verify, unrevoke,
//! suspend, message, refresh, the cache, and every failure mode, each with its precise outcome.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::borrow::Cow;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use base64::Engine;
use ler_model::date::{Instant, parse_date_time_stamp};
use ler_model::json::{Value, parse};
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::{Ed25519KeyPair, Ed25519Signer};
use ler_verify::status::{
    FileStatusLists, IndexAllocator, MIN_ENTRIES, MemoryStatusLists, StatusList,
    StatusListCredential, StatusListError, StatusListSource, StatusMessage, StatusPurpose,
    StatusSourceError, add_status_entry, decode_bitstring,
};
use ler_verify::{Finding, Outcome, Report, Verdict, VerifyOptions, check_status, verify};

const NOW: &str = "2026-11-29T00:00:00Z";
const LIST_URL: &str = "https://example.com/status/1";
const SUSPENSION_URL: &str = "https://example.com/status/2";

/// The spec example's `encodedList` (W3C Bitstring Status List 1.0, Example 2; W3C Software and
/// Document License): 131,072 clear entries.
const SPEC_EXAMPLE_ENCODED_LIST: &str =
    "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";

fn signer(seed: u8) -> Ed25519Signer {
    Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[seed; 32]))
}

fn issuer(seed: u8) -> String {
    signer(seed).controller().to_owned()
}

fn now() -> Instant {
    parse_date_time_stamp(NOW).unwrap()
}

fn later(seconds: i64) -> Instant {
    Instant {
        seconds: now().seconds + seconds,
        nanos: 0,
    }
}

fn sign(document: &Value, seed: u8, suite: Cryptosuite) -> Value {
    let options = ProofOptions::new(suite).created("2025-01-01T00:00:00Z");
    di::sign(document, &options, &signer(seed)).unwrap()
}

/// An unsigned credential by the did:key of `seed`.
fn unsigned_credential(seed: u8) -> Value {
    unsigned_credential_with(seed, "")
}

/// [`unsigned_credential`] with more contexts (`, "url"`).
fn unsigned_credential_with(seed: u8, contexts: &str) -> Value {
    parse(
        format!(
            r#"{{
  "@context": ["https://www.w3.org/ns/credentials/v2"{contexts}],
  "id": "urn:uuid:6d1c9a1e-0000-4000-8000-000000000001",
  "type": ["VerifiableCredential"],
  "issuer": "{}",
  "validFrom": "2025-01-01T00:00:00Z",
  "credentialSubject": {{"id": "did:example:learner"}}
}}"#,
            issuer(seed)
        )
        .as_bytes(),
    )
    .unwrap()
}

/// A credential by issuer 1 with one entry at `index` of `list`, signed.
fn credential(list: &StatusList, index: usize) -> Vec<u8> {
    let mut doc = unsigned_credential(1);
    add_status_entry(&mut doc, LIST_URL, index, list).unwrap();
    sign(&doc, 1, Cryptosuite::EddsaJcs2022)
        .to_string()
        .into_bytes()
}

/// The list credential for `list` at `url`, signed by `seed`.
fn list_credential(url: &str, list: &StatusList, seed: u8) -> Vec<u8> {
    let unsigned = StatusListCredential::new(url, issuer(seed), list)
        .valid_from("2025-01-01T00:00:00Z")
        .build();
    sign(&unsigned, seed, Cryptosuite::EddsaRdfc2022)
        .to_string()
        .into_bytes()
}

fn options_with(source: MemoryStatusLists) -> VerifyOptions {
    VerifyOptions::default().at(now()).status_lists(source)
}

fn options(list: &StatusList) -> VerifyOptions {
    options_with(MemoryStatusLists::new().with(LIST_URL, list_credential(LIST_URL, list, 1)))
}

fn report(bytes: &[u8], options: &VerifyOptions) -> Report {
    verify(bytes, options).into_parts().0
}

/// The one check with `id`.
fn only<'a>(report: &'a Report, id: &'a str) -> &'a Finding {
    let found: Vec<_> = report.checks_with_id(id).collect();
    assert_eq!(found.len(), 1, "{id} in {report:#?}");
    found[0]
}

fn revocation_list() -> StatusList {
    StatusList::new(StatusPurpose::Revocation, MIN_ENTRIES).unwrap()
}

#[test]
fn issue_verify_revoke_and_unrevoke() {
    let mut list = revocation_list();
    let index = IndexAllocator::random(list.len())
        .unwrap()
        .allocate()
        .unwrap();
    let cred = credential(&list, index);

    let r = report(&cred, &options(&list));
    assert_eq!(r.verdict, Verdict::Verified, "{r:#?}");
    let check = only(&r, "status.revocation");
    assert_eq!(check.outcome, Outcome::Pass);
    assert_eq!(check.pointer.as_deref(), Some("/credentialStatus"));
    assert!(
        check
            .message
            .contains(&format!("index {index} of {LIST_URL}"))
    );

    list.set(index).unwrap();
    let r = report(&cred, &options(&list));
    assert_eq!(r.verdict, Verdict::Invalid);
    assert_eq!(r.failing_ids(), ["status.revocation"]);
    let check = only(&r, "status.revocation");
    assert!(check.message.contains("revoked"), "{}", check.message);
    assert!(verify(&cred, &options(&list)).verified().is_none());

    // Clearing the bit (an issuer's mistake undone) makes the credential current again.
    list.clear(index).unwrap();
    let r = report(&cred, &options(&list));
    assert_eq!(r.verdict, Verdict::Verified);
}

#[test]
fn neighbouring_bits_do_not_leak() {
    let mut list = revocation_list();
    list.set(41).unwrap();
    list.set(43).unwrap();
    let r = report(&credential(&list, 42), &options(&list));
    assert_eq!(only(&r, "status.revocation").outcome, Outcome::Pass);
    let r = report(&credential(&list, 43), &options(&list));
    assert_eq!(only(&r, "status.revocation").outcome, Outcome::Fail);
}

#[test]
fn suspend_and_reinstate() {
    let mut list = StatusList::new(StatusPurpose::Suspension, MIN_ENTRIES).unwrap();
    list.set(7).unwrap();
    let cred = credential(&list, 7);
    let r = report(&cred, &options(&list));
    let check = only(&r, "status.suspension");
    assert_eq!(check.outcome, Outcome::Fail);
    assert!(check.message.contains("suspended"));
    assert_eq!(r.failing_ids(), ["status.suspension"]);
    list.clear(7).unwrap();
    let r = report(&cred, &options(&list));
    assert_eq!(only(&r, "status.suspension").outcome, Outcome::Pass);
    assert!(r.is_verified());
}

#[test]
fn refresh_is_reported_not_failed() {
    let mut list = StatusList::new(StatusPurpose::Refresh, MIN_ENTRIES).unwrap();
    list.set(3).unwrap();
    let r = report(&credential(&list, 3), &options(&list));
    let check = only(&r, "status.refresh");
    assert_eq!(check.outcome, Outcome::Pass);
    assert!(check.message.contains("refreshed credential is available"));
    assert!(r.is_verified());
}

#[test]
fn message_lists_report_the_value_and_its_message() {
    let messages = vec![
        StatusMessage::new(0, "valid"),
        StatusMessage::new(1, "pending review"),
        StatusMessage::new(2, "under investigation"),
        StatusMessage::new(3, "withdrawn"),
    ];
    let mut list = StatusList::with_messages(MIN_ENTRIES, 2, messages).unwrap();
    list.set_value(500, 2).unwrap();
    let mut doc = unsigned_credential(1);
    add_status_entry(&mut doc, LIST_URL, 500, &list).unwrap();
    let entry = doc.get("credentialStatus").unwrap();
    assert_eq!(entry.get("statusSize").unwrap().to_string(), "2");
    assert_eq!(
        entry.pointer("/statusMessage/2/status").unwrap().as_str(),
        Some("0x2")
    );
    let cred = sign(&doc, 1, Cryptosuite::EddsaRdfc2022).to_string();
    let r = report(cred.as_bytes(), &options(&list));
    let check = only(&r, "status.message");
    assert_eq!(check.outcome, Outcome::Pass);
    assert!(
        check.message.contains("status 0x2 \"under investigation\""),
        "{}",
        check.message
    );
    assert!(r.is_verified(), "{r:#?}");
}

#[test]
fn message_lists_need_every_message_and_a_fitting_size() {
    assert_eq!(
        StatusList::with_messages(MIN_ENTRIES, 2, vec![StatusMessage::new(0, "ok")]),
        Err(StatusListError::MissingMessages { size: 2, needed: 4 })
    );
    assert!(matches!(
        StatusList::with_messages(MIN_ENTRIES, 9, Vec::new()),
        Err(StatusListError::BadStatusSize { size: 9, .. })
    ));
    assert!(StatusList::new(StatusPurpose::Message, MIN_ENTRIES).is_err());
}

#[test]
fn two_entries_are_checked_each_with_its_pointer() {
    let mut revocation = revocation_list();
    let mut suspension = StatusList::new(StatusPurpose::Suspension, MIN_ENTRIES).unwrap();
    suspension.set(9).unwrap();
    revocation.set(1).unwrap();
    let mut doc = unsigned_credential(1);
    add_status_entry(&mut doc, LIST_URL, 2, &revocation).unwrap();
    add_status_entry(&mut doc, SUSPENSION_URL, 9, &suspension).unwrap();
    assert!(doc.pointer("/credentialStatus/1/statusListIndex").is_some());
    let cred = sign(&doc, 1, Cryptosuite::EddsaJcs2022).to_string();
    let source = MemoryStatusLists::new()
        .with(LIST_URL, list_credential(LIST_URL, &revocation, 1))
        .with(
            SUSPENSION_URL,
            list_credential(SUSPENSION_URL, &suspension, 1),
        );
    let r = report(cred.as_bytes(), &options_with(source));
    let revoked = only(&r, "status.revocation");
    assert_eq!(
        (revoked.outcome, revoked.pointer.as_deref()),
        (Outcome::Pass, Some("/credentialStatus/0"))
    );
    let suspended = only(&r, "status.suspension");
    assert_eq!(
        (suspended.outcome, suspended.pointer.as_deref()),
        (Outcome::Fail, Some("/credentialStatus/1"))
    );
}

#[test]
fn without_a_source_status_stays_indeterminate() {
    let list = revocation_list();
    let r = report(&credential(&list, 1), &VerifyOptions::default().at(now()));
    let check = only(&r, "status.revocation");
    assert_eq!(check.outcome, Outcome::Indeterminate);
    assert_eq!(check.pointer.as_deref(), Some("/credentialStatus"));
    assert_eq!(r.verdict, Verdict::Indeterminate);
}

#[test]
fn no_credential_status_is_skipped() {
    let cred = sign(&unsigned_credential(1), 1, Cryptosuite::EddsaJcs2022).to_string();
    let r = report(cred.as_bytes(), &options(&revocation_list()));
    assert_eq!(only(&r, "status.revocation").outcome, Outcome::Skipped);
    assert!(r.is_verified());
}

/// The W3C examples context, whose catch-all `@vocab` lets entries of other types be signed.
const EXAMPLES: &str = r#", "https://www.w3.org/ns/credentials/examples/v2""#;

/// Verifies a credential whose entry is `entry` (JSON text) against `source`; returns the check.
fn entry_check(entry: &str, source: MemoryStatusLists, lenient: bool) -> Finding {
    let mut doc = unsigned_credential_with(1, EXAMPLES);
    doc.as_object_mut()
        .unwrap()
        .insert("credentialStatus", parse(entry.as_bytes()).unwrap());
    let cred = sign(&doc, 1, Cryptosuite::EddsaJcs2022).to_string();
    let options = options_with(source).lenient_status_lists(lenient);
    let r = report(cred.as_bytes(), &options);
    let checks: Vec<_> = r
        .checks
        .iter()
        .filter(|c| c.id.as_str().starts_with("status."))
        .cloned()
        .collect();
    assert_eq!(checks.len(), 1, "{r:#?}");
    // The verdict follows the status check, unless the document breaks the data model too.
    let other_failures = r
        .checks
        .iter()
        .any(|c| c.outcome == Outcome::Fail && !c.id.as_str().starts_with("status."));
    let expected = match checks[0].outcome {
        Outcome::Fail => Verdict::Invalid,
        Outcome::Indeterminate => Verdict::Indeterminate,
        _ => Verdict::Verified,
    };
    assert!(other_failures || r.verdict == expected, "{r:#?}");
    checks[0].clone()
}

fn entry(purpose: &str, index: &str, url: &str) -> String {
    format!(
        r#"{{"id": "{url}#x", "type": "BitstringStatusListEntry", "statusPurpose": "{purpose}",
            "statusListIndex": {index}, "statusListCredential": "{url}"}}"#
    )
}

fn source_with(list: &StatusList) -> MemoryStatusLists {
    MemoryStatusLists::new().with(LIST_URL, list_credential(LIST_URL, list, 1))
}

fn assert_indeterminate(check: &Finding, needle: &str) {
    assert_eq!(check.outcome, Outcome::Indeterminate, "{check:?}");
    assert!(
        check.message.contains(needle),
        "{:?} does not contain {needle:?}",
        check.message
    );
}

#[test]
fn bad_indexes_are_indeterminate() {
    let list = revocation_list();
    for (index, needle) in [
        (r#""-1""#, "not a non-negative integer"),
        (r#""1e3""#, "not a non-negative integer"),
        (r#""""#, "not a non-negative integer"),
        (r#"" 5""#, "not a non-negative integer"),
        (
            r#""99999999999999999999999""#,
            "index 99999999999999999999999 of https://example.com/status/1 is outside the list",
        ),
        ("-1", "not a non-negative integer"),
        ("1.5", "not a non-negative integer"),
        ("null", "no statusListIndex"),
        (r#""131072""#, "outside the list"),
        (r#""18446744073709551615""#, "outside the list"),
    ] {
        let check = entry_check(
            &entry("revocation", index, LIST_URL),
            source_with(&list),
            true,
        );
        assert_indeterminate(&check, needle);
        assert_eq!(check.pointer.as_deref(), Some("/credentialStatus"));
    }
}

#[test]
fn integer_indexes_only_with_leniency_then_warn() {
    let mut list = revocation_list();
    let check = entry_check(
        &entry("revocation", "5", LIST_URL),
        source_with(&list),
        false,
    );
    assert_indeterminate(&check, "lenient_status_lists");
    let check = entry_check(
        &entry("revocation", "5", LIST_URL),
        source_with(&list),
        true,
    );
    assert_eq!(check.outcome, Outcome::Warn, "{check:?}");
    assert!(check.message.contains("statusListIndex is a number"));
    list.set(5).unwrap();
    let check = entry_check(
        &entry("revocation", "5", LIST_URL),
        source_with(&list),
        true,
    );
    assert_eq!(
        check.outcome,
        Outcome::Fail,
        "a revoked credential is never accepted"
    );
}

/// A list credential by issuer 1 with `encoded` as its `encodedList`, signed.
fn raw_list_credential(encoded: &str, purpose: &str, extra: &str) -> Vec<u8> {
    let unsigned = parse(
        format!(
            r#"{{
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  "id": "{LIST_URL}",
  "type": ["VerifiableCredential", "BitstringStatusListCredential"],
  "issuer": "{}",
  "validFrom": "2025-01-01T00:00:00Z"{extra},
  "credentialSubject": {{
    "id": "{LIST_URL}#list", "type": "BitstringStatusList",
    "statusPurpose": "{purpose}", "encodedList": "{encoded}"
  }}
}}"#,
            issuer(1)
        )
        .as_bytes(),
    )
    .unwrap();
    sign(&unsigned, 1, Cryptosuite::EddsaJcs2022)
        .to_string()
        .into_bytes()
}

fn gzip_encoded(bytes: &[u8]) -> String {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    let gzip = encoder.finish().unwrap();
    format!(
        "u{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(gzip)
    )
}

#[test]
fn short_lists_only_with_leniency_then_warn() {
    // 100,000 bits, as in the DCC lists; entry 8 set.
    let mut bits = vec![0u8; 12_500];
    bits[1] = 0x80;
    let encoded = gzip_encoded(&bits);
    let source =
        || MemoryStatusLists::new().with(LIST_URL, raw_list_credential(&encoded, "revocation", ""));
    let check = entry_check(&entry("revocation", r#""7""#, LIST_URL), source(), false);
    assert_indeterminate(&check, "100000 entries, fewer than the 131072");
    assert!(check.message.contains("lenient_status_lists"));
    let check = entry_check(&entry("revocation", r#""7""#, LIST_URL), source(), true);
    assert_eq!(check.outcome, Outcome::Warn, "{check:?}");
    let check = entry_check(&entry("revocation", r#""8""#, LIST_URL), source(), true);
    assert_eq!(check.outcome, Outcome::Fail, "{check:?}");
    // Beyond the short list's end is out of range even when lenient.
    let check = entry_check(
        &entry("revocation", r#""100000""#, LIST_URL),
        source(),
        true,
    );
    assert_indeterminate(&check, "outside the list");
}

#[test]
fn malformed_encoded_lists_are_indeterminate() {
    let bomb = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/status/gzip-bomb-17mib.txt"),
    )
    .unwrap();
    let not_gzip = format!(
        "u{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([0u8; 64])
    );
    let mut trailing = gzip_encoded(&[0u8; 16_384]);
    trailing.push_str("AAAA");
    for (encoded, needle) in [
        ("u!!!!", "not base64url"),
        (
            "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA=",
            "not base64url",
        ),
        (
            &SPEC_EXAMPLE_ENCODED_LIST[1..],
            "must be multibase base64url",
        ),
        (
            &format!("z{}", &SPEC_EXAMPLE_ENCODED_LIST[1..]),
            "must be multibase base64url",
        ),
        ("", "must be multibase base64url"),
        (&not_gzip, "not valid GZIP"),
        (&SPEC_EXAMPLE_ENCODED_LIST[..40], "not valid GZIP"),
        (&trailing, "data after the end"),
        (&gzip_encoded(&[]), "empty"),
        (bomb.trim(), "at most 16777216 bytes"),
    ] {
        let source =
            MemoryStatusLists::new().with(LIST_URL, raw_list_credential(encoded, "revocation", ""));
        let check = entry_check(&entry("revocation", r#""1""#, LIST_URL), source, true);
        assert_indeterminate(&check, needle);
    }
    assert_eq!(
        decode_bitstring(bomb.trim()),
        Err(StatusListError::TooLong {
            max: ler_verify::status::MAX_DECODED_BYTES
        })
    );
}

#[test]
fn a_list_for_another_purpose_is_indeterminate() {
    let list = StatusList::new(StatusPurpose::Suspension, MIN_ENTRIES).unwrap();
    let check = entry_check(
        &entry("revocation", r#""1""#, LIST_URL),
        source_with(&list),
        true,
    );
    assert_indeterminate(&check, "is for suspension, not revocation");
    // A list naming several purposes serves each of them.
    let source = MemoryStatusLists::new().with(
        LIST_URL,
        raw_list_credential(SPEC_EXAMPLE_ENCODED_LIST, "revocation", ""),
    );
    let check = entry_check(&entry("suspension", r#""1""#, LIST_URL), source, true);
    assert_indeterminate(&check, "is for revocation, not suspension");
}

#[test]
fn unknown_purposes_and_entry_types_are_indeterminate() {
    let list = revocation_list();
    let check = entry_check(
        &entry("custom", r#""1""#, LIST_URL),
        source_with(&list),
        true,
    );
    assert_indeterminate(&check, "unknown statusPurpose \"custom\"");
    // Huge values are not copied into the report whole.
    let long_url = format!("https://example.com/{}", "a".repeat(3000));
    let check = entry_check(
        &entry("revocation", r#""1""#, &long_url),
        source_with(&list),
        true,
    );
    assert_indeterminate(&check, "URL is longer than 2048 bytes");
    let long_type = format!(
        r#"{{"type": "{}", "statusPurpose": "revocation", "statusListIndex": "1", "statusListCredential": "{LIST_URL}"}}"#,
        "T".repeat(10_000)
    );
    let check = entry_check(&long_type, source_with(&list), true);
    assert_indeterminate(&check, "cannot be checked");
    assert!(check.message.len() < 500, "{}", check.message.len());
    assert_eq!(check.id, "status.revocation");
    let legacy = format!(
        r#"{{"id": "{LIST_URL}#1", "type": "StatusList2021Entry", "statusPurpose": "suspension",
            "statusListIndex": "1", "statusListCredential": "{LIST_URL}"}}"#
    );
    let check = entry_check(&legacy, source_with(&list), true);
    assert_indeterminate(&check, "type StatusList2021Entry cannot be checked");
    assert_eq!(check.id, "status.suspension");
    let check = entry_check(r#""https://example.com/status""#, source_with(&list), true);
    assert_indeterminate(&check, "must be an object");
    let no_url = r#"{"type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "1"}"#;
    let check = entry_check(no_url, source_with(&list), true);
    assert_indeterminate(&check, "no statusListCredential");
}

#[test]
fn a_list_by_another_issuer_needs_a_delegate() {
    let mut list = revocation_list();
    list.set(4).unwrap();
    let source = || MemoryStatusLists::new().with(LIST_URL, list_credential(LIST_URL, &list, 2));
    let cred = credential(&list, 4);
    let r = report(&cred, &options_with(source()));
    assert_indeterminate(
        only(&r, "status.revocation"),
        "not by the credential's issuer",
    );
    assert_eq!(r.verdict, Verdict::Indeterminate);
    // The caller's policy names issuer 2 a delegate: the list is then read.
    let options = options_with(source()).status_list_delegate(issuer(2));
    let r = report(&cred, &options);
    assert_eq!(only(&r, "status.revocation").outcome, Outcome::Fail);
}

#[test]
fn an_unverifiable_list_is_indeterminate() {
    let mut list = revocation_list();
    list.set(4).unwrap();
    let signed = String::from_utf8(list_credential(LIST_URL, &list, 1)).unwrap();
    // Swap in an all-clear list: the signature no longer holds.
    let forged = signed.replace(&list.encode(), &revocation_list().encode());
    assert_ne!(forged, signed);
    let cred = credential(&list, 4);
    let r = report(
        &cred,
        &options_with(MemoryStatusLists::new().with(LIST_URL, forged)),
    );
    assert_indeterminate(only(&r, "status.revocation"), "invalid: proof.signature");
    assert_eq!(r.verdict, Verdict::Indeterminate, "never verified");
    // A list signed by a key its issuer does not control.
    let mut unsigned = StatusListCredential::new(LIST_URL, issuer(1), &list).build();
    unsigned = sign(&unsigned, 3, Cryptosuite::EddsaJcs2022);
    let r = report(
        &cred,
        &options_with(MemoryStatusLists::new().with(LIST_URL, unsigned.to_string())),
    );
    assert_indeterminate(only(&r, "status.revocation"), "issuer.key-binding");
    // An unsigned list.
    let unsigned = StatusListCredential::new(LIST_URL, issuer(1), &list).build();
    let r = report(
        &cred,
        &options_with(MemoryStatusLists::new().with(LIST_URL, unsigned.to_string())),
    );
    assert_indeterminate(only(&r, "status.revocation"), "proof.present");
    // Not JSON at all.
    let r = report(
        &cred,
        &options_with(MemoryStatusLists::new().with(LIST_URL, "{")),
    );
    assert_indeterminate(only(&r, "status.revocation"), "json.parse");
}

#[test]
fn expired_and_not_yet_valid_lists_are_indeterminate() {
    let list = revocation_list();
    let cred = credential(&list, 4);
    for (from, until, needle) in [
        (
            "2025-01-01T00:00:00Z",
            Some("2026-01-01T00:00:00Z"),
            "validity.window",
        ),
        ("2030-01-01T00:00:00Z", None, "validity.window"),
    ] {
        let mut builder = StatusListCredential::new(LIST_URL, issuer(1), &list).valid_from(from);
        if let Some(until) = until {
            builder = builder.valid_until(until);
        }
        let signed = sign(&builder.build(), 1, Cryptosuite::EddsaJcs2022);
        let r = report(
            &cred,
            &options_with(MemoryStatusLists::new().with(LIST_URL, signed.to_string())),
        );
        assert_indeterminate(only(&r, "status.revocation"), needle);
    }
}

#[test]
fn a_cached_list_that_expires_is_not_used() {
    let list = revocation_list();
    let cred = credential(&list, 4);
    let unsigned = StatusListCredential::new(LIST_URL, issuer(1), &list)
        .valid_from("2025-01-01T00:00:00Z")
        .valid_until("2026-11-29T00:01:00Z")
        .build();
    let signed = sign(&unsigned, 1, Cryptosuite::EddsaJcs2022);
    let options = options_with(MemoryStatusLists::new().with(LIST_URL, signed.to_string()))
        .status_list_max_ttl(Duration::from_secs(3600));
    assert_eq!(
        only(&report(&cred, &options), "status.revocation").outcome,
        Outcome::Pass
    );
    let mut later_options = options;
    later_options.at = Some(later(120));
    let r = report(&cred, &later_options);
    assert_indeterminate(
        only(&r, "status.revocation"),
        "expired at 2026-11-29T00:01:00Z",
    );
}

#[test]
fn missing_lists_are_indeterminate() {
    let list = revocation_list();
    let r = report(
        &credential(&list, 4),
        &options_with(MemoryStatusLists::new()),
    );
    assert_indeterminate(
        only(&r, "status.revocation"),
        "no status list at https://example.com/status/1",
    );
}

#[test]
fn a_list_of_the_wrong_type_is_indeterminate() {
    let list = revocation_list();
    let mut unsigned = StatusListCredential::new(LIST_URL, issuer(1), &list).build();
    unsigned
        .as_object_mut()
        .unwrap()
        .insert("type", vec!["VerifiableCredential"]);
    let signed = sign(&unsigned, 1, Cryptosuite::EddsaJcs2022);
    let r = report(
        &credential(&list, 4),
        &options_with(MemoryStatusLists::new().with(LIST_URL, signed.to_string())),
    );
    assert_indeterminate(
        only(&r, "status.revocation"),
        "not a BitstringStatusListCredential",
    );
}

/// Counts how often the list is fetched.
struct Counting {
    inner: MemoryStatusLists,
    calls: Arc<AtomicUsize>,
}

impl StatusListSource for Counting {
    fn status_list(&self, url: &str) -> Result<Cow<'_, [u8]>, StatusSourceError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.inner.status_list(url)
    }
}

fn counting(list_bytes: Vec<u8>) -> (Counting, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    (
        Counting {
            inner: MemoryStatusLists::new().with(LIST_URL, list_bytes),
            calls: Arc::clone(&calls),
        },
        calls,
    )
}

#[test]
fn lists_are_cached_for_the_smaller_ttl_on_the_verification_clock() {
    let list = revocation_list();
    let cred = credential(&list, 4);
    // The caller's maximum (5 minutes by default) governs a list without ttl.
    let (source, calls) = counting(list_credential(LIST_URL, &list, 1));
    let mut options = VerifyOptions::default().at(now()).status_lists(source);
    for _ in 0..3 {
        assert!(report(&cred, &options).is_verified());
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(options.status_list_cache.len(), 1);
    options.at = Some(later(299));
    assert!(report(&cred, &options).is_verified());
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    options.at = Some(later(300));
    assert!(report(&cred, &options).is_verified());
    assert_eq!(calls.load(Ordering::SeqCst), 2, "expired after 300 s");

    // A list's ttl of 10 s is shorter than the caller's maximum, so it wins.
    let unsigned = StatusListCredential::new(LIST_URL, issuer(1), &list)
        .valid_from("2025-01-01T00:00:00Z")
        .ttl_ms(10_000)
        .build();
    let (source, calls) = counting(
        sign(&unsigned, 1, Cryptosuite::EddsaJcs2022)
            .to_string()
            .into_bytes(),
    );
    let mut options = VerifyOptions::default().at(now()).status_lists(source);
    assert!(report(&cred, &options).is_verified());
    options.at = Some(later(9));
    assert!(report(&cred, &options).is_verified());
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    options.at = Some(later(11));
    assert!(report(&cred, &options).is_verified());
    assert_eq!(calls.load(Ordering::SeqCst), 2);

    // A caller's maximum of zero turns the cache off.
    let (source, calls) = counting(list_credential(LIST_URL, &list, 1));
    let options = VerifyOptions::default()
        .at(now())
        .status_lists(source)
        .status_list_max_ttl(Duration::ZERO);
    assert!(report(&cred, &options).is_verified());
    assert!(report(&cred, &options).is_verified());
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert!(options.status_list_cache.is_empty());
}

#[test]
fn failed_lists_are_not_cached() {
    let list = revocation_list();
    let cred = credential(&list, 4);
    let (source, calls) = counting(b"{}".to_vec());
    let options = VerifyOptions::default().at(now()).status_lists(source);
    report(&cred, &options);
    report(&cred, &options);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[test]
fn check_status_runs_the_checks_alone() {
    let mut list = revocation_list();
    list.set(4).unwrap();
    let cred = ler_model::Credential::from_object(
        parse(&credential(&list, 4))
            .unwrap()
            .as_object()
            .unwrap()
            .clone(),
    );
    let checks = check_status(&cred, &options(&list));
    assert_eq!(checks.len(), 1);
    assert_eq!(
        (checks[0].id.as_str(), checks[0].outcome),
        ("status.revocation", Outcome::Fail)
    );
}

#[test]
fn file_sources_map_urls_to_files() {
    let dir = std::env::temp_dir().join(format!("ler-status-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut list = revocation_list();
    list.set(4).unwrap();
    std::fs::write(dir.join("1.json"), list_credential(LIST_URL, &list, 1)).unwrap();
    let cred = credential(&list, 4);
    let options = VerifyOptions::default()
        .at(now())
        .status_lists(FileStatusLists::directory(&dir));
    assert_eq!(
        only(&report(&cred, &options), "status.revocation").outcome,
        Outcome::Fail
    );
    let options = VerifyOptions::default()
        .at(now())
        .status_lists(FileStatusLists::new().map(LIST_URL, dir.join("1.json")));
    assert_eq!(
        only(&report(&cred, &options), "status.revocation").outcome,
        Outcome::Fail
    );
    let options = VerifyOptions::default()
        .at(now())
        .status_lists(FileStatusLists::new());
    assert_indeterminate(
        only(&report(&cred, &options), "status.revocation"),
        "no status list at",
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn entries_are_added_before_signing_only() {
    let list = revocation_list();
    let mut doc = unsigned_credential(1);
    add_status_entry(&mut doc, LIST_URL, 94_567, &list).unwrap();
    assert_eq!(
        doc.get("credentialStatus").unwrap().to_string(),
        format!(
            r#"{{"id":"{LIST_URL}#94567","type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"94567","statusListCredential":"{LIST_URL}"}}"#
        )
    );
    let mut signed = sign(&doc, 1, Cryptosuite::EddsaJcs2022);
    assert_eq!(
        add_status_entry(&mut signed, LIST_URL, 1, &list),
        Err(StatusListError::AlreadySigned)
    );
    assert_eq!(
        add_status_entry(&mut doc, LIST_URL, MIN_ENTRIES, &list),
        Err(StatusListError::IndexOutOfRange {
            index: MIN_ENTRIES,
            entries: MIN_ENTRIES
        })
    );
    let mut not_object = Value::Null;
    assert_eq!(
        add_status_entry(&mut not_object, LIST_URL, 1, &list),
        Err(StatusListError::NotAnObject)
    );
}

#[test]
fn the_list_credential_has_the_recommended_shape() {
    let mut list = revocation_list();
    list.set(0).unwrap();
    let value = StatusListCredential::new(LIST_URL, "did:example:issuer", &list)
        .valid_from("2025-01-01T00:00:00Z")
        .valid_until("2027-01-01T00:00:00Z")
        .ttl_ms(60_000)
        .build();
    let text = |p: &str| value.pointer(p).unwrap().to_string();
    assert_eq!(
        text("/@context"),
        r#"["https://www.w3.org/ns/credentials/v2"]"#
    );
    assert_eq!(
        text("/type"),
        r#"["VerifiableCredential","BitstringStatusListCredential"]"#
    );
    assert_eq!(
        text("/credentialSubject/id"),
        format!("\"{LIST_URL}#list\"")
    );
    assert_eq!(text("/credentialSubject/type"), r#""BitstringStatusList""#);
    assert_eq!(text("/credentialSubject/statusPurpose"), r#""revocation""#);
    assert_eq!(text("/credentialSubject/ttl"), "60000");
    let encoded = value
        .pointer("/credentialSubject/encodedList")
        .unwrap()
        .as_str()
        .unwrap();
    assert!(encoded.starts_with("uH4sI"), "multibase u + GZIP magic");
    let decoded = StatusList::decode(encoded, StatusPurpose::Revocation, 1).unwrap();
    assert_eq!(decoded.len(), MIN_ENTRIES);
    assert!(decoded.is_set(0).unwrap());
    assert!(!decoded.is_set(1).unwrap());
    assert_eq!(decoded.as_bytes(), list.as_bytes());
    // Both cryptosuites sign it.
    for suite in [Cryptosuite::EddsaJcs2022, Cryptosuite::EddsaRdfc2022] {
        let unsigned = StatusListCredential::new(LIST_URL, issuer(1), &list).build();
        let signed = sign(&unsigned, 1, suite);
        let r = report(
            signed.to_string().as_bytes(),
            &VerifyOptions::default().at(now()),
        );
        assert!(r.is_verified(), "{suite:?}: {r:#?}");
    }
}

#[test]
fn lists_below_the_minimum_are_refused_unless_decoded_leniently() {
    assert_eq!(
        StatusList::new(StatusPurpose::Revocation, MIN_ENTRIES - 1),
        Err(StatusListError::TooShort {
            entries: MIN_ENTRIES - 1,
            min: MIN_ENTRIES
        })
    );
    let encoded = gzip_encoded(&[0u8; 12_500]);
    assert!(matches!(
        StatusList::decode(&encoded, StatusPurpose::Revocation, 1),
        Err(StatusListError::TooShort {
            entries: 100_000,
            ..
        })
    ));
    let list = StatusList::decode_lenient(&encoded, StatusPurpose::Revocation, 1).unwrap();
    assert_eq!(list.len(), 100_000);
    assert!(!list.meets_minimum());
    assert!(matches!(
        list.get(100_000),
        Err(StatusListError::IndexOutOfRange { .. })
    ));
}

#[test]
fn the_spec_example_list_is_all_clear() {
    let list = StatusList::decode(SPEC_EXAMPLE_ENCODED_LIST, StatusPurpose::Revocation, 1).unwrap();
    assert_eq!(list.len(), MIN_ENTRIES);
    assert!(list.as_bytes().iter().all(|b| *b == 0));
    // Read as a 2-bit message list, the same bits hold half as many entries.
    let list =
        StatusList::decode_lenient(SPEC_EXAMPLE_ENCODED_LIST, StatusPurpose::Message, 2).unwrap();
    assert_eq!(list.len(), MIN_ENTRIES / 2);
}

#[test]
fn nested_credentials_get_their_status_checked() {
    let mut list = revocation_list();
    list.set(4).unwrap();
    let inner = parse(&credential(&list, 4)).unwrap();
    let mut outer = unsigned_credential_with(1, EXAMPLES);
    // Its own id: a node with the inner credential's id would add to it, which is refused.
    outer
        .as_object_mut()
        .unwrap()
        .insert("id", "urn:uuid:6d1c9a1e-0000-4000-8000-0000000000ff");
    outer.as_object_mut().unwrap().insert("credentialSubject", {
        let mut subject = ler_model::json::Object::new();
        subject.insert("id", "did:example:learner");
        subject.insert("verifiableCredential", vec![inner]);
        subject
    });
    let outer = sign(&outer, 1, Cryptosuite::EddsaJcs2022).to_string();
    let r = report(outer.as_bytes(), &options(&list));
    assert_eq!(r.nested.len(), 1, "{r:#?}");
    let nested = &r.nested[0].report;
    assert_eq!(only(nested, "status.revocation").outcome, Outcome::Fail);
    assert_eq!(r.verdict, Verdict::Invalid);
}

#[test]
fn batches_check_status_as_one_by_one() {
    let mut list = revocation_list();
    for i in (0..40).step_by(3) {
        list.set(i).unwrap();
    }
    let credentials: Vec<Vec<u8>> = (0..40).map(|i| credential(&list, i)).collect();
    let options = options(&list);
    let one_by_one: Vec<Report> = credentials.iter().map(|c| report(c, &options)).collect();
    let batch = ler_verify::verify_batch(&credentials, &options);
    assert_eq!(batch.len(), one_by_one.len());
    for (i, (b, o)) in batch.iter().zip(&one_by_one).enumerate() {
        assert_eq!(b.report(), o, "credential {i}");
        let expected = if i % 3 == 0 {
            Outcome::Fail
        } else {
            Outcome::Pass
        };
        assert_eq!(
            only(o, "status.revocation").outcome,
            expected,
            "credential {i}"
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

    /// Any values at any indexes, at any status size, come back from the `encodedList`.
    #[test]
    fn encoded_lists_round_trip(
        size in 1u8..=8,
        writes in proptest::collection::vec((0usize..MIN_ENTRIES, proptest::num::u8::ANY), 0..64),
    ) {
        let messages = (0..=u8::MAX)
            .take(1 << size)
            .map(|v| StatusMessage::new(v, format!("m{v}")))
            .collect();
        let mut list = StatusList::with_messages(MIN_ENTRIES, size, messages).unwrap();
        let mask = u8::try_from((1u16 << size) - 1).unwrap();
        for (index, value) in &writes {
            list.set_value(*index, value & mask).unwrap();
        }
        let decoded = StatusList::decode(&list.encode(), StatusPurpose::Message, size).unwrap();
        proptest::prop_assert_eq!(decoded.as_bytes(), list.as_bytes());
        for (index, _) in &writes {
            proptest::prop_assert_eq!(decoded.get(*index).unwrap(), list.get(*index).unwrap());
        }
    }
}

/// `statusReference` on message entries (a URL or several): emitted by the issuer side, signed
/// with the credential under both suites, and named in the `status.message` report.
#[test]
fn message_entries_carry_their_status_reference() {
    let messages: Vec<StatusMessage> = (0..4u8)
        .map(|v| StatusMessage::new(v, format!("status {v}")))
        .collect();
    for references in [
        vec!["https://example.edu/status-codes".to_owned()],
        vec![
            "https://example.edu/status-codes".to_owned(),
            "https://example.edu/appeals".to_owned(),
        ],
    ] {
        let mut list = StatusList::with_messages(MIN_ENTRIES, 2, messages.clone())
            .unwrap()
            .with_references(references.clone());
        list.set_value(7, 1).unwrap();
        let mut doc = unsigned_credential(1);
        add_status_entry(&mut doc, LIST_URL, 7, &list).unwrap();
        let reference = doc.pointer("/credentialStatus/statusReference").unwrap();
        if references.len() == 1 {
            assert_eq!(reference.as_str(), Some(references[0].as_str()));
        } else {
            assert_eq!(reference.as_array().map(<[Value]>::len), Some(2));
        }
        // 2^statusSize messages, as the Recommendation requires.
        assert_eq!(
            doc.pointer("/credentialStatus/statusMessage")
                .and_then(Value::as_array)
                .map(<[Value]>::len),
            Some(4)
        );
        for suite in [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022] {
            let cred = sign(&doc, 1, suite).to_string();
            let r = report(cred.as_bytes(), &options(&list));
            assert!(r.is_verified(), "{r:#?}");
            let check = only(&r, "status.message");
            assert!(
                check.message.contains("status 0x1")
                    && check.message.contains("https://example.edu/status-codes"),
                "{}",
                check.message
            );
        }
    }
    // Lists of other purposes carry no statusReference.
    let list = StatusList::new(StatusPurpose::Revocation, MIN_ENTRIES)
        .unwrap()
        .with_references(vec!["https://example.edu/status-codes".to_owned()]);
    let mut doc = unsigned_credential(1);
    add_status_entry(&mut doc, LIST_URL, 7, &list).unwrap();
    assert!(doc.pointer("/credentialStatus/statusReference").is_none());
}

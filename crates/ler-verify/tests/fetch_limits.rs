//! No network work before the signature holds, and bounded network work after: status lists
//! are fetched only for a credential whose proofs and key binding verified, each URL at most
//! once per verification, within `FetchLimits`; a status list credential must carry the id of
//! the URL it is used for, unless the source declares it for that URL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ler_model::date::{Instant, parse_date_time_stamp};
use ler_model::json::{Value, parse};
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::{Ed25519KeyPair, Ed25519Signer};
use ler_verify::status::{
    MIN_ENTRIES, MemoryStatusLists, StatusList, StatusListCredential, StatusListSource,
    StatusPurpose, StatusSourceError,
};
use ler_verify::{
    FetchLimits, Limits, Outcome, PresentationOptions, Report, Verdict, VerifyOptions, verify,
};

const NOW: &str = "2026-11-29T00:00:00Z";

fn signer(seed: u8) -> Ed25519Signer {
    Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[seed; 32]))
}

fn issuer(seed: u8) -> String {
    signer(seed).controller().to_owned()
}

fn now() -> Instant {
    parse_date_time_stamp(NOW).unwrap()
}

fn sign(document: &Value, seed: u8) -> Value {
    let options = ProofOptions::new(Cryptosuite::EddsaJcs2022).created("2025-01-01T00:00:00Z");
    di::sign(document, &options, &signer(seed)).unwrap()
}

fn list_url(n: usize) -> String {
    format!("https://status.example/lists/{n}")
}

/// A credential by `issuer` with one revocation entry per `(url, index)`.
fn credential_with_entries(issuer: &str, entries: &[(String, usize)]) -> Value {
    let status: Vec<String> = entries
        .iter()
        .map(|(url, index)| {
            format!(
                r#"{{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"{index}","statusListCredential":"{url}"}}"#
            )
        })
        .collect();
    parse(
        format!(
            r#"{{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"{issuer}","validFrom":"2025-01-01T00:00:00Z","credentialSubject":{{"id":"did:example:learner"}},"credentialStatus":[{}]}}"#,
            status.join(",")
        )
        .as_bytes(),
    )
    .unwrap()
}

/// The signed list credential at `id` for `list`, by `seed`.
fn list_credential(id: &str, list: &StatusList, seed: u8) -> Vec<u8> {
    let unsigned = StatusListCredential::new(id, issuer(seed), list)
        .valid_from("2025-01-01T00:00:00Z")
        .build();
    sign(&unsigned, seed).to_string().into_bytes()
}

fn clear_list() -> StatusList {
    StatusList::new(StatusPurpose::Revocation, MIN_ENTRIES).unwrap()
}

/// A source that counts every request (and can be slow), over lists held in memory.
struct Counting {
    inner: MemoryStatusLists,
    calls: Arc<AtomicUsize>,
    delay: Duration,
}

impl StatusListSource for Counting {
    fn status_list(&self, url: &str) -> Result<Cow<'_, [u8]>, StatusSourceError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(self.delay);
        self.inner.status_list(url)
    }

    fn declared_for(&self, url: &str) -> bool {
        self.inner.declared_for(url)
    }
}

fn counting(inner: MemoryStatusLists, delay: Duration) -> (Counting, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let source = Counting {
        inner,
        calls: Arc::clone(&calls),
        delay,
    };
    (source, calls)
}

/// Every list `0..n` published, clear, by issuer 1.
fn lists(n: usize) -> MemoryStatusLists {
    let list = clear_list();
    let mut lists = MemoryStatusLists::new();
    for i in 0..n {
        lists.insert(list_url(i), list_credential(&list_url(i), &list, 1));
    }
    lists
}

fn report(bytes: &[u8], options: &VerifyOptions) -> Report {
    verify(bytes, options).into_parts().0
}

fn status_checks(report: &Report) -> Vec<(Outcome, String)> {
    report
        .checks
        .iter()
        .filter(|c| c.id.as_str().starts_with("status."))
        .map(|c| (c.outcome, c.message.clone()))
        .collect()
}

#[test]
fn an_unsigned_document_with_thousands_of_entries_fetches_nothing() {
    let entries: Vec<(String, usize)> = (0..3000).map(|i| (list_url(i), i)).collect();
    let unsigned = credential_with_entries(&issuer(1), &entries).to_string();
    let (source, calls) = counting(lists(2), Duration::ZERO);
    let options = VerifyOptions::default().at(now()).status_lists(source);
    let r = report(unsigned.as_bytes(), &options);
    assert_eq!(calls.load(Ordering::SeqCst), 0);
    assert_ne!(r.verdict, Verdict::Verified);
    let checks = status_checks(&r);
    assert_eq!(checks.len(), 1, "{checks:?}");
    assert_eq!(checks[0].0, Outcome::Skipped);
    assert!(checks[0].1.contains("proof did not verify"), "{checks:?}");
}

#[test]
fn a_forged_or_misbound_document_fetches_nothing() {
    let entries: Vec<(String, usize)> = (0..4).map(|i| (list_url(i), i)).collect();
    // Signed, then altered: the signature no longer holds.
    let mut forged = sign(&credential_with_entries(&issuer(1), &entries), 1);
    forged
        .as_object_mut()
        .unwrap()
        .insert("validFrom", "2024-01-01T00:00:00Z");
    // Signed by another key than the issuer's: the signature holds, the key binding does not.
    let misbound = sign(&credential_with_entries(&issuer(1), &entries), 2);
    for document in [forged, misbound] {
        let (source, calls) = counting(lists(4), Duration::ZERO);
        let options = VerifyOptions::default().at(now()).status_lists(source);
        let r = report(document.to_string().as_bytes(), &options);
        assert_eq!(r.verdict, Verdict::Invalid, "{}", r.to_json());
        assert_eq!(calls.load(Ordering::SeqCst), 0);
        assert_eq!(
            status_checks(&r).iter().map(|c| c.0).collect::<Vec<_>>(),
            [Outcome::Skipped]
        );
    }
}

#[test]
fn a_signed_credential_is_checked_and_fetches_once_per_url() {
    // Two entries into the same list: one fetch.
    let entries = vec![(list_url(0), 3), (list_url(0), 4)];
    let signed = sign(&credential_with_entries(&issuer(1), &entries), 1).to_string();
    let (source, calls) = counting(lists(1), Duration::ZERO);
    // No cache (max ttl zero), so only the per-verification deduplication can save the fetch.
    let options = VerifyOptions::default()
        .at(now())
        .status_lists(source)
        .status_list_max_ttl(Duration::ZERO);
    let r = report(signed.as_bytes(), &options);
    assert_eq!(r.verdict, Verdict::Verified, "{}", r.to_json());
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(
        status_checks(&r).iter().map(|c| c.0).collect::<Vec<_>>(),
        [Outcome::Pass, Outcome::Pass]
    );
    // A second verification is a new session: it fetches again (the cache is off).
    let _ = report(signed.as_bytes(), &options);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[test]
fn a_list_that_failed_is_not_fetched_again_in_the_same_verification() {
    let entries = vec![(list_url(9), 3), (list_url(9), 4), (list_url(9), 5)];
    let signed = sign(&credential_with_entries(&issuer(1), &entries), 1).to_string();
    let (source, calls) = counting(MemoryStatusLists::new(), Duration::ZERO);
    let options = VerifyOptions::default().at(now()).status_lists(source);
    let r = report(signed.as_bytes(), &options);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(r.verdict, Verdict::Indeterminate);
    for (outcome, message) in status_checks(&r) {
        assert_eq!(outcome, Outcome::Indeterminate);
        assert!(message.contains("no status list at"), "{message}");
    }
}

#[test]
fn more_entries_than_allowed_fetch_nothing() {
    let entries: Vec<(String, usize)> = (0..17).map(|i| (list_url(i), i)).collect();
    let signed = sign(&credential_with_entries(&issuer(1), &entries), 1).to_string();
    let (source, calls) = counting(lists(17), Duration::ZERO);
    let options = VerifyOptions::default().at(now()).status_lists(source);
    let r = report(signed.as_bytes(), &options);
    assert_eq!(calls.load(Ordering::SeqCst), 0);
    assert_eq!(r.verdict, Verdict::Indeterminate);
    let checks = status_checks(&r);
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].0, Outcome::Indeterminate);
    assert!(
        checks[0].1.contains("max_status_entries (16)"),
        "{checks:?}"
    );

    // A caller who expects more raises the limit.
    let (source, calls) = counting(lists(17), Duration::ZERO);
    let options = VerifyOptions::default()
        .at(now())
        .status_lists(source)
        .limits(Limits::default().fetch(FetchLimits::default().max_status_entries(17)));
    let r = report(signed.as_bytes(), &options);
    assert_eq!(calls.load(Ordering::SeqCst), 17);
    assert_eq!(r.verdict, Verdict::Verified, "{}", r.to_json());
}

#[test]
fn distinct_fetches_stop_at_the_limit() {
    let entries: Vec<(String, usize)> = (0..5).map(|i| (list_url(i), i)).collect();
    let signed = sign(&credential_with_entries(&issuer(1), &entries), 1).to_string();
    let (source, calls) = counting(lists(5), Duration::ZERO);
    let options = VerifyOptions::default()
        .at(now())
        .status_lists(source)
        .limits(Limits::default().fetch(FetchLimits::default().max_fetches(2)));
    let r = report(signed.as_bytes(), &options);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(r.verdict, Verdict::Indeterminate);
    let outcomes: Vec<Outcome> = status_checks(&r).iter().map(|c| c.0).collect();
    assert_eq!(
        outcomes,
        [
            Outcome::Pass,
            Outcome::Pass,
            Outcome::Indeterminate,
            Outcome::Indeterminate,
            Outcome::Indeterminate
        ]
    );
    assert!(status_checks(&r)[4].1.contains("max_fetches (2)"));
}

#[test]
fn a_slow_source_cannot_outlast_the_deadline() {
    let entries: Vec<(String, usize)> = (0..12).map(|i| (list_url(i), i)).collect();
    let signed = sign(&credential_with_entries(&issuer(1), &entries), 1).to_string();
    let (source, calls) = counting(lists(12), Duration::from_millis(60));
    let options = VerifyOptions::default()
        .at(now())
        .status_lists(source)
        .limits(
            Limits::default().fetch(FetchLimits::default().deadline(Duration::from_millis(150))),
        );
    let r = report(signed.as_bytes(), &options);
    // Twelve fetches of 60 ms cannot fit in 150 ms: the verification finished without them.
    let made = calls.load(Ordering::SeqCst);
    assert!(made < 12, "{made} fetches");
    assert_eq!(r.verdict, Verdict::Indeterminate);
    let checks = status_checks(&r);
    assert_eq!(checks.len(), 12);
    assert!(
        checks
            .iter()
            .any(|(outcome, message)| *outcome == Outcome::Indeterminate
                && message.contains("fetch deadline")),
        "{checks:?}"
    );
}

#[test]
fn a_presentation_shares_one_fetch_budget_across_its_credentials() {
    let key = Ed25519KeyPair::from_seed(&[1; 32]);
    let holder = Ed25519Signer::did_key(key);
    let credentials: Vec<Value> = (0..3)
        .map(|i| {
            let entries = vec![(list_url(i), i)];
            sign(&credential_with_entries(&issuer(1), &entries), 1)
        })
        .collect();
    let options = PresentationOptions::new(Cryptosuite::EddsaJcs2022)
        .challenge("c-1")
        .created("2026-11-28T00:00:00Z");
    let presentation = ler_verify::present(&credentials, &holder, &options).unwrap();
    let (source, calls) = counting(lists(3), Duration::ZERO);
    let verify_options = VerifyOptions::default()
        .at(now())
        .challenge("c-1")
        .status_lists(source)
        .limits(Limits::default().fetch(FetchLimits::default().max_fetches(2)));
    let verification =
        ler_verify::verify_presentation(presentation.to_string().as_bytes(), &verify_options);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(verification.report().verdict, Verdict::Indeterminate);
}

#[test]
fn a_list_must_carry_the_id_of_the_url_it_is_used_for() {
    let list = clear_list();
    let entries = vec![(list_url(0), 3)];
    let signed = sign(&credential_with_entries(&issuer(1), &entries), 1).to_string();
    // The issuer's genuine list for another URL, served for this one.
    let other = list_credential(&list_url(7), &list, 1);
    let options = VerifyOptions::default()
        .at(now())
        .status_lists(MemoryStatusLists::new().with(list_url(0), other.clone()));
    let r = report(signed.as_bytes(), &options);
    assert_eq!(r.verdict, Verdict::Indeterminate);
    let checks = status_checks(&r);
    assert_eq!(checks[0].0, Outcome::Indeterminate);
    assert!(
        checks[0]
            .1
            .contains("the status list credential's id is https://status.example/lists/7"),
        "{checks:?}"
    );

    // Declared for this URL by whoever configured the source: used, and the report says so.
    let mut declared = MemoryStatusLists::new();
    declared.insert_declared(list_url(0), other);
    let options = VerifyOptions::default().at(now()).status_lists(declared);
    let r = report(signed.as_bytes(), &options);
    assert_eq!(r.verdict, Verdict::Verified, "{}", r.to_json());
    let checks = status_checks(&r);
    assert_eq!(checks[0].0, Outcome::Pass);
    assert!(
        checks[0].1.contains(
            "the list's id is https://status.example/lists/7: used for https://status.example/lists/0 by explicit override"
        ),
        "{checks:?}"
    );
}

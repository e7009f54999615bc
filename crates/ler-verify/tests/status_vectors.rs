//! Status lists from `../shared/vectors`: the W3C spec examples, the 1EdTech validator's signed
//! list with its revoked credentials, and the DCC lists (Ed25519Signature2020, 100,000 bits).
//! Skipped, with a message, when the shared folder is absent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use ler_model::date::parse_date_time_stamp;
use ler_proof::MemoryResolver;
use ler_verify::status::{MIN_ENTRIES, MemoryStatusLists, StatusList, StatusPurpose};
use ler_verify::{Finding, Outcome, Report, Verdict, VerifyOptions, verify};

const NOW: &str = "2026-11-29T00:00:00Z";
const LEGACY: bool = cfg!(feature = "legacy-ed25519-signature-2020");

fn text(value: &ler_model::json::Value, pointer: &str) -> String {
    value.pointer(pointer).unwrap().as_str().unwrap().to_owned()
}

fn status_check(report: &Report) -> Finding {
    let found: Vec<_> = report
        .checks
        .iter()
        .filter(|c| c.id.as_str().starts_with("status."))
        .collect();
    assert_eq!(found.len(), 1, "{report:#?}");
    found[0].clone()
}

fn expect(check: &Finding, outcome: Outcome, needle: &str) {
    assert_eq!(check.outcome, outcome, "{check:?}");
    assert!(
        check.message.contains(needle),
        "{:?} does not contain {needle:?}",
        check.message
    );
}

#[test]
fn spec_examples_decode_and_carry_string_indexes() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let dir = vectors.join("status-list");
    let list = common::read_json(&dir.join("spec-example-status-list-credential.json"));
    let encoded = text(&list, "/credentialSubject/encodedList");
    let decoded = StatusList::decode(&encoded, StatusPurpose::Revocation, 1).unwrap();
    assert_eq!(decoded.len(), MIN_ENTRIES);
    assert!(decoded.as_bytes().iter().all(|b| *b == 0));
    let credential = common::read_json(&dir.join("spec-example-revocable-credential.json"));
    assert_eq!(
        text(&credential, "/credentialStatus/statusListIndex"),
        "94567"
    );
    assert!(!decoded.is_set(94_567).unwrap());
    let two = common::read_json(&dir.join("spec-example-credential-two-entries.json"));
    assert_eq!(
        text(&two, "/credentialStatus/1/statusPurpose"),
        "suspension"
    );
}

/// The 1EdTech issuer's controller document, from the OB 3.0 spec vector's Multikey.
fn one_edtech_resolver(vectors: &Path) -> MemoryResolver {
    let keypair = common::read_json(&vectors.join("ob3-clr2/spec-vectors/obv3p0/keypair.json"));
    let key = text(&keypair, "/verificationMethod/publicKeyMultibase");
    let controller = "https://1edtech.edu/issuers/565049";
    let document = format!(
        r#"{{"id": "{controller}",
            "verificationMethod": [{{"id": "{controller}#{key}", "type": "Multikey",
                "controller": "{controller}", "publicKeyMultibase": "{key}"}}],
            "assertionMethod": ["{controller}#{key}"]}}"#
    );
    let mut resolver = MemoryResolver::new();
    resolver
        .insert_document(ler_model::json::parse(document.as_bytes()).unwrap())
        .unwrap();
    resolver
}

#[test]
fn one_edtech_revoked_credentials_fail_only_when_lenient() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let list_bytes =
        std::fs::read(vectors.join("status-list/1edtech-validator/testlist.json")).unwrap();
    // The list itself: 131,072 entries, entry 23 set.
    let list = ler_model::json::parse(&list_bytes).unwrap();
    let decoded = StatusList::decode(
        &text(&list, "/credentialSubject/encodedList"),
        StatusPurpose::Revocation,
        1,
    )
    .unwrap();
    let set: Vec<usize> = (0..decoded.len())
        .filter(|&i| decoded.is_set(i).unwrap())
        .collect();
    assert_eq!(set, [23]);

    let dir = vectors.join("ob3-clr2/validator-fixtures/ob30/bit-string-list");
    for name in [
        "credential-status-revoked.json",
        "credential-status-revoked-blank-nodes.json",
    ] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let credential = ler_model::json::parse(&bytes).unwrap();
        let url = text(&credential, "/credentialStatus/statusListCredential");
        let options = || {
            VerifyOptions::default()
                .at(parse_date_time_stamp(NOW).unwrap())
                .resolver(one_edtech_resolver(&vectors))
                .status_lists({
                    // The validator's list carries the id https://example.com/credentials/status/3
                    // but is served from the URL the credentials name: an explicit override.
                    let mut lists = MemoryStatusLists::new();
                    lists.insert_declared(url.clone(), list_bytes.clone());
                    lists
                })
        };
        // Strict: the integer statusListIndex makes the status undecidable.
        let report = verify(&bytes, &options()).into_parts().0;
        expect(
            &status_check(&report),
            Outcome::Indeterminate,
            "statusListIndex is a number",
        );
        assert_ne!(report.verdict, Verdict::Verified, "{name}");
        // Lenient: the list verifies, and entry 23 is revoked.
        let report = verify(&bytes, &options().lenient_status_lists(true))
            .into_parts()
            .0;
        let check = status_check(&report);
        expect(
            &check,
            Outcome::Fail,
            "index 23 of https://raw.githubusercontent.com/",
        );
        assert!(check.message.contains("revoked"));
        assert!(check.message.contains("by explicit override"), "{check:?}");
        assert_eq!(check.pointer.as_deref(), Some("/credentialStatus"));

        assert_eq!(report.verdict, Verdict::Invalid, "{name}");
        // Without the declaration a list whose id is another URL decides nothing.
        let report = verify(
            &bytes,
            &VerifyOptions::default()
                .at(parse_date_time_stamp(NOW).unwrap())
                .resolver(one_edtech_resolver(&vectors))
                .lenient_status_lists(true)
                .status_lists(MemoryStatusLists::new().with(url.clone(), list_bytes.clone())),
        )
        .into_parts()
        .0;
        expect(
            &status_check(&report),
            Outcome::Indeterminate,
            "the status list credential's id is https://example.com/credentials/status/3",
        );
    }
}

fn dcc_options(vectors: &Path, url: &str, list: &str) -> VerifyOptions {
    let mut resolver = MemoryResolver::new();
    for did in ["legacy", "oidf"] {
        let path = vectors.join(format!(
            "real-world/dcc-vc-test-fixtures/dids/{did}/did.json"
        ));
        resolver.insert_document(common::read_json(&path)).unwrap();
    }
    let bytes = std::fs::read(vectors.join("status-list").join(list)).unwrap();
    VerifyOptions::default()
        .at(parse_date_time_stamp(NOW).unwrap())
        .resolver(resolver)
        .status_lists({
            // Served from URLs other than their ids (as the DCC verifier fetches them): declared.
            let mut lists = MemoryStatusLists::new();
            lists.insert_declared(url, bytes);
            lists
        })
}

/// The DCC lists that must not be used: tampered, expired, not yet valid, untyped. Each leaves
/// the status `indeterminate`, even when lenient.
#[test]
fn dcc_broken_lists_are_indeterminate() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let base = "https://digitalcredentials.github.io/vc-test-fixtures/statusLists/didkey-ed25519Signature2020/";
    for (credential, list, needle) in [
        (
            "legacy-tamperedStatus-noExpiry.json",
            "tampered",
            "proof.signature",
        ),
        (
            "legacy-expiredStatus-noExpiry.json",
            "expired",
            "validity.window",
        ),
        (
            "legacy-notYetValidStatus-noExpiry.json",
            "notYetValid",
            "validity.window",
        ),
        (
            "legacy-missingTypeStatus-noExpiry.json",
            "missingBitStringType",
            "not a BitstringStatusListCredential",
        ),
    ] {
        let bytes = std::fs::read(
            vectors
                .join("real-world/dcc-vc-test-fixtures/v2/ed25519/didKey")
                .join(credential),
        )
        .unwrap();
        let options = dcc_options(
            &vectors,
            &format!("{base}{list}"),
            &format!("dcc-vc-test-fixtures/{list}.json"),
        )
        .lenient_status_lists(true);
        let report = verify(&bytes, &options).into_parts().0;
        let check = status_check(&report);
        // Without the legacy feature the credential's own Ed25519Signature2020 proof is not
        // accepted, so its status list is not even fetched.
        if LEGACY {
            expect(&check, Outcome::Indeterminate, needle);
        } else {
            expect(&check, Outcome::Skipped, "proof did not verify");
        }
        assert_ne!(report.verdict, Verdict::Verified, "{credential}");
    }
}

/// The DCC revocation list (100,000 bits, entries 2, 6 and 8 set) is issued by another DID than
/// the credentials pointing into it: it is read only with a delegate and leniency.
#[test]
fn dcc_short_list_by_a_delegate() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let list_issuer = "did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q";
    let revoked = "real-world/dcc-vc-test-fixtures/v2/dataIntegrityProof/didKey/oidf-revokedStatus-noExpiry.json";
    let bytes = std::fs::read(vectors.join(revoked)).unwrap();
    let url = text(
        &ler_model::json::parse(&bytes).unwrap(),
        "/credentialStatus/statusListCredential",
    );
    let options = || {
        dcc_options(
            &vectors,
            &url,
            "dcc-verifier-core/e5WK8CbZ1GjycuPombrj.json",
        )
    };

    let check = status_check(&verify(&bytes, &options()).into_parts().0);
    if !LEGACY {
        expect(&check, Outcome::Indeterminate, "proof.cryptosuite");
        return;
    }
    expect(
        &check,
        Outcome::Indeterminate,
        "no policy names it a delegate",
    );
    let delegated = || options().status_list_delegate(list_issuer);
    let check = status_check(&verify(&bytes, &delegated()).into_parts().0);
    expect(
        &check,
        Outcome::Indeterminate,
        "100000 entries, fewer than the 131072",
    );
    let check = status_check(
        &verify(&bytes, &delegated().lenient_status_lists(true))
            .into_parts()
            .0,
    );
    expect(&check, Outcome::Fail, "index 8 of");

    // Entry 7 of the same bits is clear: `warn`, since the list bends the rules.
    let valid = "real-world/dcc-vc-test-fixtures/v2/dataIntegrityProof/didKey/twoOIDF-validStatus-expired.json";
    let bytes = std::fs::read(vectors.join(valid)).unwrap();
    let url = text(
        &ler_model::json::parse(&bytes).unwrap(),
        "/credentialStatus/statusListCredential",
    );
    let options = dcc_options(
        &vectors,
        &url,
        "dcc-vc-test-fixtures/e5WK8CbZ1GjycuPombrj.json",
    )
    .status_list_delegate(list_issuer)
    .lenient_status_lists(true);
    let check = status_check(&verify(&bytes, &options).into_parts().0);
    expect(&check, Outcome::Warn, "index 7 of");
    assert!(check.message.contains("accepted leniently"));
}

/// 1EdTech's own revocation list type is not a Bitstring Status List: never a pass.
#[test]
fn one_edtech_revocation_list_entries_are_indeterminate() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let path = vectors.join("ob3-clr2/validator-fixtures/ob30/complete.json");
    let object = common::read_json(&path).as_object().unwrap().clone();
    let credential = ler_model::Credential::from_object(object);
    for lenient in [false, true] {
        let options = VerifyOptions::default()
            .at(parse_date_time_stamp(NOW).unwrap())
            .lenient_status_lists(lenient)
            .status_lists(MemoryStatusLists::new());
        let checks = ler_verify::check_status(&credential, &options);
        assert_eq!(checks.len(), 1);
        assert_eq!(checks[0].id, "status.revocation");
        expect(
            &checks[0],
            Outcome::Indeterminate,
            "type 1EdTechRevocationList cannot be checked",
        );
    }
}

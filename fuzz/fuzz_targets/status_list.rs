//! Arbitrary input through the Bitstring Status List code: `encodedList` decoding (any multibase,
//! base64 or GZIP, bombs included) at every status size, an encode/decode round trip of lists
//! whose set entries the input picks, and `credentialStatus` entries (any JSON) checked against
//! a valid signed list and against list credentials made of the input. No input may panic or
//! hang; a decoded list has exactly the bits encoded; a revoked entry never passes.
#![no_main]

use std::sync::OnceLock;

use ler_model::Credential;
use ler_model::json::{Object, Value};
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::{Ed25519KeyPair, Ed25519Signer};
use ler_verify::status::{
    MIN_ENTRIES, MemoryStatusLists, StatusList, StatusListCredential, StatusPurpose,
    decode_bitstring,
};
use ler_verify::{Outcome, VerifyOptions, check_status};
use libfuzzer_sys::fuzz_target;

const LIST_URL: &str = "https://example.com/status/1";
/// Entries set in the fixed list.
const REVOKED: [usize; 3] = [0, 5, 131_071];

struct Fixed {
    issuer: String,
    options: VerifyOptions,
}

fn fixed() -> &'static Fixed {
    static FIXED: OnceLock<Fixed> = OnceLock::new();
    FIXED.get_or_init(|| {
        let signer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[9; 32]));
        let issuer = signer.controller().to_owned();
        let mut list = StatusList::new(StatusPurpose::Revocation, MIN_ENTRIES).unwrap();
        for i in REVOKED {
            list.set(i).unwrap();
        }
        let unsigned = StatusListCredential::new(LIST_URL, &issuer, &list)
            .valid_from("2024-01-01T00:00:00Z")
            .build();
        let proof = ProofOptions::new(Cryptosuite::EddsaJcs2022).created("2024-01-01T00:00:00Z");
        let signed = di::sign(&unsigned, &proof, &signer).unwrap();
        let at = ler_model::date::parse_date_time_stamp("2026-01-01T00:00:00Z").unwrap();
        let options = VerifyOptions::default()
            .at(at)
            .lenient_status_lists(true)
            .status_lists(MemoryStatusLists::new().with(LIST_URL, signed.to_string()));
        Fixed { issuer, options }
    })
}

fn credential(issuer: &str, status: Value) -> Credential {
    let mut object = Object::new();
    object.insert("@context", vec!["https://www.w3.org/ns/credentials/v2"]);
    object.insert("type", vec!["VerifiableCredential"]);
    object.insert("issuer", issuer);
    object.insert("credentialStatus", status);
    Credential::from_object(object)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    // Decoding: never a panic, never more than the cap.
    if let Ok(bytes) = decode_bitstring(&text) {
        assert!(!bytes.is_empty() && bytes.len() <= ler_verify::status::MAX_DECODED_BYTES);
    }
    for size in 0..=9u8 {
        for purpose in StatusPurpose::ALL {
            if let Ok(list) = StatusList::decode_lenient(&text, purpose, size) {
                let last = list.len().saturating_sub(1);
                let _ = list.get(last);
                assert!(list.get(list.len()).is_err());
            }
        }
    }

    // Round trip: the input's bytes pick entries to set.
    let mut list = StatusList::new(StatusPurpose::Suspension, MIN_ENTRIES).unwrap();
    let mut set = Vec::new();
    for pair in data.chunks_exact(3).take(64) {
        let index = (usize::from(pair[0]) << 16 | usize::from(pair[1]) << 8 | usize::from(pair[2]))
            % MIN_ENTRIES;
        list.set(index).unwrap();
        set.push(index);
    }
    let decoded = StatusList::decode(&list.encode(), StatusPurpose::Suspension, 1).unwrap();
    assert_eq!(decoded.as_bytes(), list.as_bytes());
    for index in set {
        assert!(decoded.is_set(index).unwrap());
    }

    // Entries: any JSON as credentialStatus, against the fixed valid list.
    let fixed = fixed();
    if let Ok(status) = ler_model::json::parse(data) {
        let checks = check_status(&credential(&fixed.issuer, status.clone()), &fixed.options);
        assert!(!checks.is_empty());
        // An entry for a revoked index never passes.
        if let Some(entry) = status.as_object()
            && entry.get("statusPurpose").and_then(Value::as_str) == Some("revocation")
            && let Some(index) = entry.get("statusListIndex").and_then(Value::as_str)
            && index.parse::<usize>().is_ok_and(|i| REVOKED.contains(&i))
        {
            assert!(
                checks
                    .iter()
                    .all(|c| c.outcome != Outcome::Pass && c.outcome != Outcome::Warn)
            );
        }
        // The input as the list credential itself.
        let entry = ler_model::json::parse(
            format!(
                r#"{{"type": "BitstringStatusListEntry", "statusPurpose": "revocation",
                    "statusListIndex": "5", "statusListCredential": "{LIST_URL}"}}"#
            )
            .as_bytes(),
        )
        .unwrap();
        let options = VerifyOptions::default()
            .at(ler_model::date::parse_date_time_stamp("2026-01-01T00:00:00Z").unwrap())
            .status_lists(MemoryStatusLists::new().with(LIST_URL, data.to_vec()));
        let _ = check_status(&credential(&fixed.issuer, entry), &options);
    }
});

//! ler's RFC 8785 JCS and its `eddsa-jcs-2022` vector check, run in a build where serde_json's
//! `arbitrary_precision` feature is ON (ssi turns it on, and Cargo unifies features across this
//! workspace). The main workspace runs the same vectors with the feature OFF, so together they
//! show ler's output does not depend on it.
//!
//! ssi 0.16 has no `eddsa-jcs-2022` (the cryptosuites of its `ssi-data-integrity-suites` 0.4 are
//! `eddsa-rdfc-2022`, the draft `eddsa-2022`, `ecdsa-rdfc-2019`, `ecdsa-sd-2023` and `bbs-2023`;
//! its only JCS-based suite is the Tezos-specific `TezosJcsSignature2021`), so this suite cannot
//! be cross-checked against ssi; the W3C vectors stand in for it here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use ler_proof::hazmat;
use std::path::{Path, PathBuf};

use ler_model::json::Value;
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::hazmat::{ProofCheckOptions};
use ler_proof::{DidKeyResolver, Ed25519KeyPair, Ed25519Signer, jcs};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(text: &str) -> Value {
    ler_model::json::parse(text.as_bytes()).unwrap()
}

/// `/work/shared/vectors` (next to the repository), if present.
fn shared_vectors() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/vectors");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "{} not found: skipping the shared-vector part of this test",
            dir.display()
        );
        None
    }
}

/// ler-proof's committed copies of the vectors (present in every checkout).
fn carried() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/ler-proof/tests/fixtures")
}

#[test]
fn serde_json_arbitrary_precision_is_on_in_this_workspace() {
    // Without the feature serde_json reads 1.10 as the double 1.1 and writes "1.1".
    let number: serde_json::Number = serde_json::from_str("1.10").unwrap();
    assert_eq!(number.to_string(), "1.10");
    let big: serde_json::Value = serde_json::from_str("123456789012345678901234567890").unwrap();
    assert_eq!(big.to_string(), "123456789012345678901234567890");
}

/// Canonicalizes `input` both ways ler can receive it: parsed by ler's own lossless parser, and
/// converted from a `serde_json::Value` (which, with `arbitrary_precision`, keeps number text).
fn canonical_both_ways(input: &[u8]) -> (String, String) {
    let own = jcs::canonicalize(&ler_model::json::parse(input).unwrap()).unwrap();
    let via_serde: serde_json::Value = serde_json::from_slice(input).unwrap();
    let converted = jcs::canonicalize(&Value::from(&via_serde)).unwrap();
    (own, converted)
}

fn check_jcs_dir(input_dir: &Path, output_of: impl Fn(&str) -> PathBuf) -> usize {
    let mut names: Vec<String> = std::fs::read_dir(input_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    for name in &names {
        let input = std::fs::read(input_dir.join(name)).unwrap();
        let expected = std::fs::read(output_of(name)).unwrap();
        let (own, converted) = canonical_both_ways(&input);
        assert_eq!(own.as_bytes(), expected, "{name} (ler parser)");
        assert_eq!(converted.as_bytes(), expected, "{name} (from serde_json)");
    }
    names.len()
}

#[test]
fn shared_jcs_vectors_match_byte_for_byte() {
    let Some(vectors) = shared_vectors() else {
        return;
    };
    let dir = vectors.join("jcs");
    let n = check_jcs_dir(&dir.join("input"), |name| dir.join("output").join(name));
    assert!(n >= 6, "only {n} JCS vectors");
}

#[test]
fn carried_jcs_vectors_match_byte_for_byte() {
    let dir = carried().join("jcs");
    let inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".input.json"))
        .collect();
    assert!(inputs.len() >= 3, "{inputs:?}");
    for input in inputs {
        let output = PathBuf::from(
            input
                .to_string_lossy()
                .replace(".input.json", ".output.json"),
        );
        let (own, converted) = canonical_both_ways(&std::fs::read(&input).unwrap());
        let expected = read(&output);
        assert_eq!(own, expected, "{}", input.display());
        assert_eq!(converted, expected, "{} (from serde_json)", input.display());
    }
}

#[test]
fn inline_jcs_cases() {
    let cases: &[(&str, &str)] = &[
        // Numbers: ECMAScript's Number.prototype.toString of the nearest double.
        (
            "[1.10, 1.0, -0, 100, 1e21, 1e-7, 0.000001, 1E2]",
            "[1.1,1,0,100,1e+21,1e-7,0.000001,100]",
        ),
        (
            "[9007199254740993, 0.1, 5e-324, 1.7976931348623157e308]",
            "[9007199254740992,0.1,5e-324,1.7976931348623157e+308]",
        ),
        (
            "[123456789012345678901234567890]",
            "[1.2345678901234568e+29]",
        ),
        // Keys sorted by UTF-16 code units: U+1F600 (D83D DE00) sorts before U+FFFD.
        (
            "{\"\u{fffd}\":1,\"\u{1f600}\":2,\"a\":3,\"B\":4}",
            "{\"B\":4,\"a\":3,\"\u{1f600}\":2,\"\u{fffd}\":1}",
        ),
        // Strings: only the escapes JSON.stringify makes.
        ("[\"\\u00e9\\/\\u001f\\t\"]", "[\"\u{e9}/\\u001f\\t\"]"),
        (
            "{\"b\":[true,false,null],\"a\":{}}",
            "{\"a\":{},\"b\":[true,false,null]}",
        ),
    ];
    for (input, expected) in cases {
        let (own, converted) = canonical_both_ways(input.as_bytes());
        assert_eq!(own, *expected, "{input}");
        assert_eq!(converted, *expected, "{input} (from serde_json)");
    }
}

#[test]
fn out_of_range_number_is_an_error_not_infinity() {
    // serde_json with arbitrary_precision accepts 1e400 as text; JCS has no form for it.
    let via_serde: serde_json::Value = serde_json::from_str("[1e400]").unwrap();
    assert!(matches!(
        jcs::canonicalize(&Value::from(&via_serde)),
        Err(jcs::JcsError::NumberOutOfRange { .. })
    ));
    assert!(matches!(
        jcs::canonicalize(&parse("[1e400]")),
        Err(jcs::JcsError::NumberOutOfRange { .. })
    ));
}

/// The W3C vc-di-eddsa `eddsa-jcs-2022` vector: every intermediate value byte for byte, signing
/// the unsigned document gives the signed vector, which verifies; a tampered copy does not.
/// `dir` holds the `*JCS*` files; `keys_dir` holds `keyPair.json` and `unsigned.json`.
fn eddsa_jcs_vector(dir: &Path, keys_dir: &Path) {
    let file = |name: &str| read(&dir.join(name));
    let trimmed = |name: &str| file(name).trim().to_owned();
    let key_pair = parse(&read(&keys_dir.join("keyPair.json")));
    let secret = key_pair
        .get("privateKeyMultibase")
        .and_then(Value::as_str)
        .unwrap();
    let key = Ed25519KeyPair::from_secret_multibase(secret).unwrap();
    assert_eq!(
        Some(key.public_key().to_multibase().as_str()),
        key_pair.get("publicKeyMultibase").and_then(Value::as_str)
    );
    let unsigned = parse(&read(&keys_dir.join("unsigned.json")));
    let config = parse(&file("proofConfigJCS.json"));

    let forms = hazmat::canonical_forms(
        Cryptosuite::EddsaJcs2022,
        &unsigned,
        config.as_object().unwrap(),
    )
    .unwrap();
    assert_eq!(
        forms.document,
        file("canonDocJCS.txt"),
        "canonical document"
    );
    assert_eq!(
        forms.proof_config,
        file("proofCanonJCS.txt"),
        "canonical proof configuration"
    );
    assert_eq!(hex(&forms.document_hash()), trimmed("docHashJCS.txt"));
    assert_eq!(hex(&forms.proof_hash()), trimmed("proofHashJCS.txt"));
    assert_eq!(hex(&forms.hash_data()), trimmed("combinedHashJCS.txt"));
    let signature = key.sign(&forms.hash_data());
    assert_eq!(hex(&signature), trimmed("sigHexJCS.txt"));
    assert_eq!(
        hazmat::encode_proof_value(&signature),
        trimmed("sigBTC58JCS.txt")
    );

    let text = |m: &str| config.get(m).and_then(Value::as_str).unwrap().to_owned();
    let options = ProofOptions::new(Cryptosuite::EddsaJcs2022)
        .created(text("created"))
        .proof_purpose(text("proofPurpose"));
    let method = text("verificationMethod");
    let controller = method.split('#').next().unwrap().to_owned();
    let signed = di::sign(
        &unsigned,
        &options,
        &Ed25519Signer::new(key, method, controller),
    )
    .unwrap();
    let expected = parse(&file("signedJCS.json"));
    assert_eq!(signed, expected);

    let verification = hazmat::verify_proofs(&expected, &DidKeyResolver, &ProofCheckOptions::default()).unwrap();
    assert!(verification.is_verified(), "{verification:?}");
    let tampered = common::tamper(
        &file("signedJCS.json"),
        "The School of Examples",
        "The School of Exampler",
    );
    let verification = hazmat::verify_proofs(
        &parse(&tampered),
        &DidKeyResolver,
        &ProofCheckOptions::default(),
    )
    .unwrap();
    assert_eq!(
        verification.first_error(),
        Some(("/proof", &di::ProofError::InvalidSignature))
    );
}

#[test]
fn eddsa_jcs_2022_shared_vector() {
    let Some(vectors) = shared_vectors() else {
        return;
    };
    let eddsa = vectors.join("eddsa");
    eddsa_jcs_vector(&eddsa.join("eddsa-jcs-2022"), &eddsa);
}

#[test]
fn eddsa_jcs_2022_carried_vector() {
    let dir = carried().join("w3c-eddsa");
    eddsa_jcs_vector(&dir, &dir);
}

#[test]
fn eddsa_jcs_2022_sign_and_verify_keep_number_text() {
    // A signed number keeps its text (1.50), the signature covers JCS's form (1.5), and the
    // document still verifies after a serde_json (arbitrary_precision) round trip.
    let credential = format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],
        "type":["VerifiableCredential"],"issuer":"{}","credentialSubject":{{"id":"did:example:learner","score":1.50}}}}"#,
        common::did()
    );
    let options = ProofOptions::new(Cryptosuite::EddsaJcs2022).created(common::CREATED);
    let signed = di::sign(
        &parse(&credential),
        &options,
        &Ed25519Signer::did_key(common::key_pair()),
    )
    .unwrap();
    let text = signed.to_string();
    assert!(text.contains("\"score\":1.50"), "{text}");

    let round_trip: serde_json::Value = serde_json::from_str(&text).unwrap();
    let round_trip_text = serde_json::to_string(&round_trip).unwrap();
    assert!(
        round_trip_text.contains("\"score\":1.50"),
        "{round_trip_text}"
    );
    let verification = hazmat::verify_proofs(
        &parse(&round_trip_text),
        &DidKeyResolver,
        &ProofCheckOptions::default(),
    )
    .unwrap();
    assert!(verification.is_verified(), "{verification:?}");
}

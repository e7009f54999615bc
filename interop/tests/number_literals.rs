//! JSON numbers in RDF: where ler and ssi 0.16 agree, and where they do not (and who is right).
//!
//! JSON-LD 1.1 Processing Algorithms, "Object to RDF Conversion": a number with a non-zero
//! fractional part or an absolute value of at least 10^21 becomes an `xsd:double` in canonical
//! form (`1.5E0`, `1.0E21`); any other number becomes an `xsd:integer` (`1.0` is the number 1,
//! so `"1"^^xsd:integer`; `-0` is `"0"^^xsd:integer`). The W3C test `toRdf/rt01` pins this:
//! `[-0e0, 8, 9.9, 1e21]` gives `"0"^^xsd:integer`, `"8"^^xsd:integer`, `"9.9E0"^^xsd:double`,
//! `"1.0E21"^^xsd:double`.
//!
//! ssi 0.16 follows the number's lexical form instead (`1.0` and `-0.0` become doubles), so an
//! `eddsa-rdfc-2022` proof over such a credential made by one side fails on the other; and ssi
//! panics (`ssi-vc` 0.9.2, `v2/syntax/credential.rs:457`, `Custom("number too large")`) while
//! signing or verifying a `JsonCredential` that holds a number written with an exponent (`1e21`,
//! `1E3`, `1e-7`) or an integer beyond `u64` (`100000000000000000000`). These tests pin both
//! behaviours of ssi 0.16, so an ssi upgrade that fixes them shows up here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use common::{
    ler_canonical_nquads, ler_sign, ler_verify, ssi_canonical_nquads, ssi_sign, ssi_verify,
};

const XSD_INTEGER: &str = "<http://www.w3.org/2001/XMLSchema#integer>";
const XSD_DOUBLE: &str = "<http://www.w3.org/2001/XMLSchema#double>";

/// A VC 2.0 credential (with the examples context, whose `@vocab` defines `score`) whose
/// subject has `score` written as `number` and the other members in `extra`.
fn credential_with(number: &str, extra: &str) -> String {
    format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],
        "type":["VerifiableCredential","ExampleCredential"],"issuer":"{}","validFrom":"2024-06-01T00:00:00.500Z",
        "credentialSubject":{{"id":"did:example:learner","score":{number}{extra}}}}}"#,
        common::did()
    )
}

/// The object of the `score` quad in `nquads`.
fn score_literal(nquads: &str) -> String {
    let line = nquads
        .lines()
        .find(|l| l.contains("examples#score>"))
        .unwrap_or_else(|| panic!("no score quad in\n{nquads}"));
    let start = line.find("examples#score> ").unwrap() + "examples#score> ".len();
    line[start..].trim_end_matches(" .").to_owned()
}

#[test]
fn numbers_booleans_and_strings_both_sides_agree() {
    let extra = r#","count":42,"ratio":12345678.9,"tiny":0.000001,"passed":true,"failed":false,
        "motto":{"@value":"Carpe diem","@language":"la"},"note":"line\nbreak \"quoted\" \\ \r""#;
    let credential = credential_with("1.50", extra);
    let ler = ler_canonical_nquads(&credential);
    assert_eq!(score_literal(&ler), format!("\"1.5E0\"^^{XSD_DOUBLE}"));
    assert!(ler.contains(&format!("\"42\"^^{XSD_INTEGER}")), "{ler}");
    assert!(
        ler.contains(&format!("\"1.23456789E7\"^^{XSD_DOUBLE}")),
        "{ler}"
    );
    assert!(ler.contains(&format!("\"1.0E-6\"^^{XSD_DOUBLE}")), "{ler}");
    assert_eq!(ssi_canonical_nquads(&credential).unwrap(), ler);

    // So proofs cross both ways.
    assert_eq!(ssi_verify(&ler_sign(&credential)), Ok(()));
    assert!(ler_verify(&ssi_sign(&credential)).is_verified());
}

#[test]
fn integral_decimals_ler_follows_json_ld_and_ssi_does_not() {
    for (number, ler_literal, ssi_literal) in [
        ("1.0", "\"1\"", "\"1.0E0\""),
        ("-0.0", "\"0\"", "\"-0.0E0\""),
    ] {
        let credential = credential_with(number, "");
        let ler = ler_canonical_nquads(&credential);
        let ssi = ssi_canonical_nquads(&credential).unwrap();
        assert_eq!(
            score_literal(&ler),
            format!("{ler_literal}^^{XSD_INTEGER}"),
            "{number}"
        );
        assert_eq!(
            score_literal(&ssi),
            format!("{ssi_literal}^^{XSD_DOUBLE}"),
            "{number}"
        );

        // Consequence: a proof made by one side is an invalid signature on the other.
        let outcome = ssi_verify(&ler_sign(&credential));
        assert_eq!(
            outcome,
            Err("invalid: invalid proof: invalid signature".to_owned()),
            "{number}"
        );
        let verification = ler_verify(&ssi_sign(&credential));
        assert_eq!(
            verification.first_error(),
            Some(("/proof", &ler_proof::di::ProofError::InvalidSignature)),
            "{number}"
        );
    }
}

#[test]
fn exponent_and_big_integer_numbers_ler_handles_and_ssi_panics() {
    for (number, ler_literal) in [
        ("1e21", format!("\"1.0E21\"^^{XSD_DOUBLE}")),
        ("1E3", format!("\"1000\"^^{XSD_INTEGER}")),
        ("1e-7", format!("\"1.0E-7\"^^{XSD_DOUBLE}")),
        (
            "100000000000000000000",
            format!("\"100000000000000000000\"^^{XSD_INTEGER}"),
        ),
    ] {
        let credential = credential_with(number, "");
        assert_eq!(
            score_literal(&ler_canonical_nquads(&credential)),
            ler_literal,
            "{number}"
        );
        let signed = ler_sign(&credential);
        assert!(ler_verify(&signed).is_verified(), "{number}");

        let signing = catch_unwind(AssertUnwindSafe(|| ssi_sign(&credential)));
        assert!(
            signing.is_err(),
            "ssi 0.16 no longer panics signing {number}: update the docs"
        );
        let verifying = catch_unwind(AssertUnwindSafe(|| ssi_verify(&signed)));
        assert!(
            verifying.is_err(),
            "ssi 0.16 no longer panics verifying {number}: update the docs"
        );
    }
}

#[test]
fn w3c_to_rdf_rt01_ssi_gives_negative_zero_as_a_double() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/vectors/jsonld-api/tests/toRdf");
    if !dir.is_dir() {
        eprintln!("{} not found: skipping this test", dir.display());
        return;
    }
    let input = std::fs::read_to_string(dir.join("rt01-in.jsonld")).unwrap();
    let expected = std::fs::read_to_string(dir.join("rt01-out.nq")).unwrap();
    assert!(expected.contains(&format!("\"0\"^^{XSD_INTEGER}")));
    // ssi's generic JSON-LD path (not a credential: no JsonCredential round trip, no panic).
    let ssi = common::ssi_canonical_nquads_of_json_ld(&input).unwrap();
    let literals = |nquads: &str| {
        let mut objects: Vec<String> = nquads
            .lines()
            .map(|l| {
                l.split_once("> ")
                    .unwrap()
                    .1
                    .trim_end_matches(" .")
                    .to_owned()
            })
            .collect();
        objects.sort();
        objects
    };
    let mut ssi_expected = literals(&expected);
    ssi_expected.retain(|l| !l.starts_with("\"0\""));
    ssi_expected.push(format!("\"-0.0E0\"^^{XSD_DOUBLE}"));
    ssi_expected.sort();
    assert_eq!(literals(&ssi), ssi_expected);
}

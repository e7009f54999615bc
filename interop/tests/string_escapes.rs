//! Control characters in string literals: ler follows RDFC-1.0, ssi 0.16 does not.
//!
//! RDFC-1.0's canonical N-Quads escape `\b \t \n \f \r \" \\` with ECHAR and the other control
//! characters (U+0000–U+001F, U+007F) with UCHAR (`\u0001`, `\u007F`); the W3C test
//! `rdfc10/test060` ("n-quads escaping") expects exactly that. ssi 0.16 escapes only `"`, `\`,
//! LF and CR (the older RDF 1.1 N-Triples canonical form) and writes TAB, BS, FF, U+0001 and
//! U+007F raw, so an `eddsa-rdfc-2022` proof over a credential with such a character made by one
//! side is an invalid signature on the other. These tests pin ssi 0.16's behaviour, so an
//! upgrade that fixes it shows up here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::{
    ler_canonical_nquads, ler_sign, ler_verify, ssi_canonical_nquads, ssi_sign, ssi_verify,
};

/// A credential whose subject has `note` = "a" + `escaped` (JSON escape) + "b".
fn credential_with_note(escaped: &str) -> String {
    format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],
        "type":["VerifiableCredential","ExampleCredential"],"issuer":"{}",
        "credentialSubject":{{"id":"did:example:learner","note":"a{escaped}b"}}}}"#,
        common::did()
    )
}

/// The object of the `note` quad.
fn note_literal(nquads: &str) -> String {
    let line = nquads
        .lines()
        .find(|l| l.contains("examples#note> "))
        .unwrap();
    line.split_once("examples#note> ")
        .unwrap()
        .1
        .trim_end_matches(" .")
        .to_owned()
}

#[test]
fn escapes_both_sides_agree_on() {
    for (json, nquads) in [
        (r"\n", r#""a\nb""#),
        (r"\r", r#""a\rb""#),
        (r#"\""#, r#""a\"b""#),
        (r"\\", r#""a\\b""#),
        ("é", "\"aéb\""),
    ] {
        let credential = credential_with_note(json);
        let ler = ler_canonical_nquads(&credential);
        assert_eq!(note_literal(&ler), nquads);
        assert_eq!(ssi_canonical_nquads(&credential).unwrap(), ler);
        assert_eq!(ssi_verify(&ler_sign(&credential)), Ok(()));
    }
}

#[test]
fn control_characters_ler_follows_rdfc_and_ssi_does_not() {
    for (json, ler_form, ssi_form) in [
        (r"\t", r#""a\tb""#, "\"a\tb\""),
        (r"\b", r#""a\bb""#, "\"a\u{8}b\""),
        (r"\f", r#""a\fb""#, "\"a\u{c}b\""),
        (r"\u0001", r#""a\u0001b""#, "\"a\u{1}b\""),
        (r"\u007f", r#""a\u007Fb""#, "\"a\u{7f}b\""),
    ] {
        let credential = credential_with_note(json);
        assert_eq!(
            note_literal(&ler_canonical_nquads(&credential)),
            ler_form,
            "{json}"
        );
        assert_eq!(
            note_literal(&ssi_canonical_nquads(&credential).unwrap()),
            ssi_form,
            "{json}"
        );

        assert_eq!(
            ssi_verify(&ler_sign(&credential)),
            Err("invalid: invalid proof: invalid signature".to_owned()),
            "{json}"
        );
        assert_eq!(
            ler_verify(&ssi_sign(&credential)).first_error(),
            Some(("/proof", &ler_proof::di::ProofError::InvalidSignature)),
            "{json}"
        );
    }
}

#[test]
fn rdfc10_test060_expects_the_escapes_ler_writes() {
    // The W3C vector itself, so the expectations above rest on it, not on ler.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/vectors/rdf-canon/rdfc10/test060-rdfc10.nq");
    let Ok(expected) = std::fs::read_to_string(&path) else {
        eprintln!("{} not found: skipping this test", path.display());
        return;
    };
    assert!(expected.contains(r#"<urn:ex:008:echar> "\t\b\n\r\f\"'\\" ."#));
    assert!(
        expected.contains(
            r"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F"
        )
    );
    assert!(expected.contains(r#""pqrstuvwxyz{|}~\u007F""#));
    assert!(!expected.contains('\t'), "no raw TAB in canonical N-Quads");
}

//! Properties over generated documents: what is signed verifies (both suites), survives a
//! round trip through its text, and any change to a value breaks it; JCS is idempotent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ler_model::json::{self, Number, Object, Value};
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::hazmat;
use ler_proof::hazmat::ProofCheckOptions;
use ler_proof::{DidKeyResolver, Ed25519KeyPair, Ed25519Signer, jcs};
use proptest::prelude::*;

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        // Integers a double holds exactly: beyond 2^53 the text says more than is signed.
        (-(1i64 << 53)..=(1i64 << 53)).prop_map(Value::from),
        // Millionths: eddsa-rdfc-2022 writes doubles with sixteen significant digits, and
        // refuses a double that needs seventeen.
        (-1.0e6f64..1.0e6)
            .prop_map(|f| { Value::Number(Number::from_f64((f * 1e6).round() / 1e6).unwrap()) }),
        "\\PC{0,12}".prop_map(Value::String),
    ]
}

/// A property name: anything but `id` and `type`, which VC 2.0 aliases to `@id` and `@type`
/// (a number there is invalid JSON-LD, rightly refused by signing).
fn key() -> impl Strategy<Value = String> {
    "[a-z]{1,6}".prop_filter("not an @id or @type alias", |k| k != "id" && k != "type")
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 1..4)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Object>())),
        ]
    })
}

/// A credential whose subject is generated; examples/v2's catch-all @vocab defines every term.
fn credential() -> impl Strategy<Value = Value> {
    prop::collection::btree_map(key(), value(), 1..5).prop_map(|subject| {
        let mut subject: Object = subject.into_iter().collect();
        subject.insert("id", "did:example:subject");
        let text = r#"{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],
            "type":["VerifiableCredential"],"issuer":"did:example:issuer"}"#;
        let mut doc = json::parse(text.as_bytes()).unwrap();
        doc.as_object_mut().unwrap().insert("credentialSubject", Value::Object(subject));
        doc
    })
}

/// JSON number texts near the edges: short and long mantissas, zeros, exponents up to ±400,
/// and doubles written out in full.
fn decimal_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            any::<bool>(),
            "(0|[1-9][0-9]{0,24})",
            prop::option::of("[0-9]{1,24}"),
            prop::option::of(-400i32..400),
        )
            .prop_map(|(negative, int, frac, exp)| {
                let mut text = String::new();
                if negative {
                    text.push('-');
                }
                text.push_str(&int);
                if let Some(frac) = frac {
                    text.push('.');
                    text.push_str(&frac);
                }
                if let Some(exp) = exp {
                    text.push_str(&format!("e{exp}"));
                }
                text
            }),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:e}")),
        // The exact binary value of a double, which only its shortest form denotes.
        (-1.0e3f64..1.0e3).prop_map(|f| format!("{f:.40}")),
        any::<i64>().prop_map(|i| i.to_string()),
    ]
}

/// A decimal as an independent oracle: (sign, significant digits, power of ten of the last digit)
/// through arbitrary-size string arithmetic; zero is `(false, "", 0)`.
fn exact_decimal(text: &str) -> (bool, String, i64) {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exp) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i64>().unwrap()),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{int}{frac}");
    let mut power = exp - frac.len() as i64;
    let trimmed_end = all.trim_end_matches('0');
    power += (all.len() - trimmed_end.len()) as i64;
    let digits = trimmed_end.trim_start_matches('0').to_owned();
    if digits.is_empty() {
        return (false, String::new(), 0);
    }
    (negative, digits, power)
}

fn first_string_leaf(v: &mut Value) -> Option<&mut String> {
    match v {
        Value::String(s) => Some(s),
        Value::Array(items) => items.iter_mut().find_map(first_string_leaf),
        Value::Object(o) => o.iter_mut().find_map(|(_, v)| first_string_leaf(v)),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn signed_documents_verify_and_changes_break_them(doc in credential(), rdfc in any::<bool>()) {
        let suite = if rdfc { Cryptosuite::EddsaRdfc2022 } else { Cryptosuite::EddsaJcs2022 };
        let signer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[11; 32]));
        let options = ProofOptions::new(suite).created("2024-01-01T00:00:00Z");
        let signed = di::sign(&doc, &options, &signer).unwrap();
        let options = ProofCheckOptions::default();
        prop_assert!(hazmat::verify_proofs(&signed, &DidKeyResolver, &options).unwrap().is_verified());
        // Through text and back.
        let reparsed = json::parse(signed.to_string().as_bytes()).unwrap();
        prop_assert_eq!(&reparsed, &signed);
        prop_assert!(hazmat::verify_proofs(&reparsed, &DidKeyResolver, &options).unwrap().is_verified());
        // Changing the subject's first string value breaks the proof.
        let mut changed = signed.clone();
        let subject = changed.as_object_mut().unwrap().get_mut("credentialSubject").unwrap();
        if let Some(s) = first_string_leaf(subject) {
            s.push('!');
            prop_assert!(!hazmat::verify_proofs(&changed, &DidKeyResolver, &options).unwrap().is_verified());
        }
    }

    /// `Number::is_exactly_representable` agrees with reading the text as a double, writing that
    /// with ryu-js (JCS) and comparing the two as decimals.
    #[test]
    fn exact_numbers_are_those_jcs_writes_as_the_same_decimal(text in decimal_text()) {
        let number: Number = text.parse().unwrap();
        let double: f64 = text.parse().unwrap();
        let expected = double.is_finite() && {
            let written = ryu_js::Buffer::new().format_finite(double).to_owned();
            exact_decimal(&text) == exact_decimal(&written)
        };
        prop_assert_eq!(number.is_exactly_representable(), expected, "{}", text);
    }

    #[test]
    fn jcs_is_idempotent_and_sorted(v in value()) {
        let once = jcs::canonicalize(&v).unwrap();
        let again = jcs::canonicalize(&json::parse(once.as_bytes()).unwrap()).unwrap();
        prop_assert_eq!(&once, &again);
        if let Value::Object(o) = json::parse(once.as_bytes()).unwrap() {
            let keys: Vec<&str> = o.keys().collect();
            let mut sorted = keys.clone();
            sorted.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            prop_assert_eq!(keys, sorted);
        }
    }
}

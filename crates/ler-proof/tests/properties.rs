//! Properties over generated documents: what is signed verifies (both suites), survives a
//! round trip through its text, and any change to a value breaks it; JCS is idempotent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ler_model::json::{self, Number, Object, Value};
use ler_proof::di::{self, Cryptosuite, ProofOptions, VerifyOptions};
use ler_proof::{DidKeyResolver, Ed25519KeyPair, Ed25519Signer, jcs};
use proptest::prelude::*;

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1.0e6f64..1.0e6).prop_map(|f| Value::Number(Number::from_f64(f).unwrap())),
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
        let options = VerifyOptions::default();
        prop_assert!(di::verify(&signed, &DidKeyResolver, &options).unwrap().is_verified());
        // Through text and back.
        let reparsed = json::parse(signed.to_string().as_bytes()).unwrap();
        prop_assert_eq!(&reparsed, &signed);
        prop_assert!(di::verify(&reparsed, &DidKeyResolver, &options).unwrap().is_verified());
        // Changing the subject's first string value breaks the proof.
        let mut changed = signed.clone();
        let subject = changed.as_object_mut().unwrap().get_mut("credentialSubject").unwrap();
        if let Some(s) = first_string_leaf(subject) {
            s.push('!');
            prop_assert!(!di::verify(&changed, &DidKeyResolver, &options).unwrap().is_verified());
        }
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

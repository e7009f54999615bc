//! Structure-aware: the input is a list of edits (respell a member as a full IRI, an alias, under
//! `@nest`, in `@included` with the root's id, wrapped in `@set` or a value object; append a
//! context entry; inflate with empty objects, copies and deep arrays) applied to credentials
//! signed here, each of which fails a check in its plain form (expired, an unverifiable status,
//! an expired proof). Whatever the edits, the verifier must finish without a panic, and never say
//! `verified`.
#![no_main]

use std::sync::OnceLock;

use ler_model::json::{Object, Value};
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::{Ed25519KeyPair, Ed25519Signer};
use ler_verify::{Verdict, VerifyOptions, verify};
use libfuzzer_sys::fuzz_target;

const ROOT: &str = "urn:uuid:5e1f0000-0000-4000-8000-000000000001";
const IRIS: [(&str, &str); 4] = [
    (
        "validUntil",
        "https://www.w3.org/2018/credentials#validUntil",
    ),
    (
        "credentialStatus",
        "https://www.w3.org/2018/credentials#credentialStatus",
    ),
    ("expires", "https://w3id.org/security#expiration"),
    ("issuer", "https://www.w3.org/2018/credentials#issuer"),
];

/// Flawed credentials, signed once: both suites, three flaws.
fn signed() -> &'static [Value] {
    static SIGNED: OnceLock<Vec<Value>> = OnceLock::new();
    SIGNED.get_or_init(|| {
        let signer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[7; 32]));
        let issuer = signer.controller().to_owned();
        let flaws = [
            r#", "validUntil": "2025-06-01T00:00:00Z""#,
            r#", "credentialStatus": {"id": "https://example.com/status/1#5", "type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "5", "statusListCredential": "https://example.com/status/1"}"#,
            "",
        ];
        let mut out = Vec::new();
        for suite in [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022] {
            for (i, flaw) in flaws.iter().enumerate() {
                let text = format!(
                    r#"{{"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "{ROOT}", "type": ["VerifiableCredential"], "issuer": "{issuer}", "validFrom": "2024-01-01T00:00:00Z"{flaw}, "credentialSubject": {{"id": "did:example:learner"}}}}"#
                );
                let mut options = ProofOptions::new(suite).created("2025-01-01T00:00:00Z");
                if i == 2 {
                    options = options.expires("2025-06-01T00:00:00Z");
                }
                let unsigned = ler_model::json::parse(text.as_bytes()).expect("fixture parses");
                out.push(di::sign(&unsigned, &options, &signer).expect("fixture signs"));
            }
        }
        out
    })
}

fn one(key: &str, value: Value) -> Value {
    let mut o = Object::new();
    o.insert(key, value);
    Value::Object(o)
}

fn append_context(doc: &mut Object, entry: Value) {
    let mut contexts = match doc.get("@context") {
        Some(Value::Array(items)) => items.to_vec(),
        Some(other) => vec![other.clone()],
        None => Vec::new(),
    };
    contexts.push(entry);
    doc.insert("@context", Value::Array(contexts));
}

/// Applies edit `op` (with argument `arg`) to `doc` or its proof.
fn edit(doc: &mut Object, op: u8, arg: u8) {
    let (term, iri) = IRIS[usize::from(arg) % IRIS.len()];
    let in_proof = term == "expires";
    let holder: &mut Object = if in_proof {
        match doc.get_mut("proof").and_then(Value::as_object_mut) {
            Some(proof) => proof,
            None => return,
        }
    } else {
        doc
    };
    let Some(value) = holder.remove(term) else {
        return;
    };
    match op % 9 {
        0 => {
            holder.insert(iri, value);
        }
        1 => {
            holder.insert("@nest", one(term, value));
        }
        2 => {
            let mut node = Object::new();
            node.insert("id", ROOT);
            node.insert("type", "VerifiableCredential");
            node.insert(term, value);
            holder.insert("@included", Value::Array(vec![Value::Object(node)]));
        }
        3 => {
            holder.insert(term, one("@set", Value::Array(vec![value])));
        }
        4 => {
            let mut wrapped = Object::new();
            wrapped.insert("@value", value);
            wrapped.insert("@type", "http://www.w3.org/2001/XMLSchema#dateTime");
            holder.insert(term, Value::Object(wrapped));
        }
        5 => {
            holder.insert("alias", value);
            append_context(doc, one("alias", Value::from(iri)));
        }
        6 => {
            holder.insert("hidden", one(term, value));
            append_context(doc, one("hidden", Value::from("@nest")));
        }
        7 => {
            // Inflate: the member among many empty objects, deep in arrays.
            let mut items = vec![Value::Object(Object::new()); usize::from(arg) * 8];
            items.push(value);
            let mut v = Value::Array(items);
            for _ in 0..(arg % 16) {
                v = Value::Array(vec![v]);
            }
            holder.insert(term, v);
        }
        _ => {
            holder.insert(term, value);
            append_context(doc, one("@vocab", Value::from("https://example.org/#")));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, edits)) = data.split_first() else {
        return;
    };
    let documents = signed();
    let Some(Value::Object(base)) = documents.get(usize::from(pick) % documents.len()) else {
        return;
    };
    let mut doc = base.clone();
    for pair in edits.chunks(2).take(16) {
        edit(&mut doc, pair[0], pair.get(1).copied().unwrap_or(0));
    }
    let at = ler_model::date::Instant {
        seconds: 1_795_000_000,
        nanos: 0,
    };
    let bytes = Value::Object(doc).to_string();
    let verification = verify(bytes.as_bytes(), &VerifyOptions::default().at(at));
    assert_ne!(
        verification.report().verdict,
        Verdict::Verified,
        "a respelled flawed credential verified: {bytes}"
    );
});

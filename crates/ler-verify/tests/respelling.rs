//! Respelling attacks: under `eddsa-rdfc-2022` the signature binds the RDF dataset, so a holder
//! can rewrite a signed credential's JSON without breaking it. Every such rewrite of a property a
//! check reads (full IRI, compact IRI, alias, `@nest`, `@included` with the root's id, `@reverse`,
//! a wrapped value, a keyword alias) must be refused, never turn a failing verdict into
//! `verified`. Each case first shows the attack is real: the rewritten document has the same
//! canonical dataset, so its signature still verifies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ler_jsonld::{Options, canonicalize, to_rdf};
use ler_model::date::parse_date_time_stamp;
use ler_model::json::{Object, Value, parse};
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::{Ed25519KeyPair, Ed25519Signer};
use ler_verify::{Outcome, Report, Verdict, VerifyOptions, verify};
use proptest::prelude::*;

const NOW: &str = "2026-11-29T00:00:00Z";
const ROOT_ID: &str = "urn:uuid:5e1f0000-0000-4000-8000-000000000001";
const CRED: &str = "https://www.w3.org/2018/credentials#";
const XSD_DATE_TIME: &str = "http://www.w3.org/2001/XMLSchema#dateTime";
const STANDARD_FORM: &str = "jsonld.standard-form";

fn signer() -> Ed25519Signer {
    Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[7; 32]))
}

fn options() -> VerifyOptions {
    VerifyOptions::default().at(parse_date_time_stamp(NOW).unwrap())
}

/// What a base credential does wrong, so that its plain form never verifies.
#[derive(Debug, Clone, Copy)]
enum Flaw {
    /// `validUntil` is past: `validity.window` fails.
    Expired,
    /// A `credentialStatus` no source can check: `status.revocation` is indeterminate.
    Status,
    /// The proof's `expires` is past: `proof.expires` fails.
    ProofExpired,
}

const FLAWS: [Flaw; 3] = [Flaw::Expired, Flaw::Status, Flaw::ProofExpired];

fn base(flaw: Flaw, suite: Cryptosuite) -> Value {
    let issuer = signer().controller().to_owned();
    let mut extra = String::new();
    match flaw {
        Flaw::Expired => extra.push_str(r#", "validUntil": "2025-06-01T00:00:00Z""#),
        Flaw::Status => extra.push_str(
            r#", "credentialStatus": {
                "id": "https://example.com/status/1#5",
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": "5",
                "statusListCredential": "https://example.com/status/1"
            }"#,
        ),
        Flaw::ProofExpired => {}
    }
    let text = format!(
        r#"{{
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  "id": "{ROOT_ID}",
  "type": ["VerifiableCredential"],
  "issuer": "{issuer}",
  "validFrom": "2024-01-01T00:00:00Z"{extra},
  "credentialSubject": {{"id": "did:example:learner"}}
}}"#
    );
    let mut proof_options = ProofOptions::new(suite).created("2025-01-01T00:00:00Z");
    if matches!(flaw, Flaw::ProofExpired) {
        proof_options = proof_options.expires("2025-06-01T00:00:00Z");
    }
    di::sign(&parse(text.as_bytes()).unwrap(), &proof_options, &signer()).unwrap()
}

/// The property a flaw lives in, its IRI, and how its value is written when no term coerces it.
fn flawed_property(flaw: Flaw) -> (&'static str, String, fn(&Value) -> Value) {
    fn typed(v: &Value) -> Value {
        let mut o = Object::new();
        o.insert("@value", v.clone());
        o.insert("@type", XSD_DATE_TIME);
        Value::Object(o)
    }
    fn node(v: &Value) -> Value {
        v.clone()
    }
    match flaw {
        Flaw::Expired => ("validUntil", format!("{CRED}validUntil"), typed),
        Flaw::Status => ("credentialStatus", format!("{CRED}credentialStatus"), node),
        Flaw::ProofExpired => (
            "expires",
            "https://w3id.org/security#expiration".into(),
            typed,
        ),
    }
}

/// The ways of writing a property other than its term.
#[derive(Debug, Clone, Copy)]
enum Respelling {
    FullIri,
    CompactIri,
    Alias,
    Nest,
    NestAlias,
    IncludedRoot,
    WrappedInSet,
    Reverse,
}

const RESPELLINGS: [Respelling; 8] = [
    Respelling::FullIri,
    Respelling::CompactIri,
    Respelling::Alias,
    Respelling::Nest,
    Respelling::NestAlias,
    Respelling::IncludedRoot,
    Respelling::WrappedInSet,
    Respelling::Reverse,
];

fn obj(pairs: &[(&str, Value)]) -> Value {
    let mut o = Object::new();
    for (k, v) in pairs {
        o.insert(*k, v.clone());
    }
    Value::Object(o)
}

fn append_context(doc: &mut Object, entry: Value) {
    let mut contexts = doc.get("@context").unwrap().as_array().unwrap().to_vec();
    contexts.push(entry);
    doc.insert("@context", Value::Array(contexts));
}

/// `signed` with the flawed property rewritten; `None` where the respelling does not apply.
fn respell(signed: &Value, flaw: Flaw, respelling: Respelling) -> Option<Value> {
    let (term, iri, plain) = flawed_property(flaw);
    let mut doc = signed.as_object().unwrap().clone();
    let in_proof = matches!(flaw, Flaw::ProofExpired);
    let holder: &mut Object = if in_proof {
        doc.get_mut("proof").unwrap().as_object_mut().unwrap()
    } else {
        &mut doc
    };
    let value = holder.remove(term).unwrap();
    match respelling {
        Respelling::FullIri => {
            holder.insert(iri.as_str(), plain(&value));
        }
        Respelling::CompactIri => {
            let (prefix_iri, local) = iri.split_at(iri.rfind('#').unwrap() + 1);
            holder.insert(format!("pfx:{local}").as_str(), plain(&value));
            append_context(&mut doc, obj(&[("pfx", Value::from(prefix_iri))]));
        }
        Respelling::Alias => {
            let coercion = if matches!(flaw, Flaw::Status) {
                "@id"
            } else {
                XSD_DATE_TIME
            };
            holder.insert("harmless", value);
            let definition = obj(&[
                ("@id", Value::from(iri.as_str())),
                ("@type", Value::from(coercion)),
            ]);
            append_context(&mut doc, obj(&[("harmless", definition)]));
        }
        Respelling::Nest => {
            holder.insert("@nest", obj(&[(term, value)]));
        }
        Respelling::NestAlias => {
            holder.insert("extras", obj(&[(term, value)]));
            append_context(&mut doc, obj(&[("extras", Value::from("@nest"))]));
        }
        Respelling::IncludedRoot => {
            if in_proof {
                return None;
            }
            // The type brings the type-scoped terms; its statement is already in the dataset.
            let node = obj(&[
                ("id", Value::from(ROOT_ID)),
                ("type", Value::from("VerifiableCredential")),
                (term, value),
            ]);
            holder.insert("@included", Value::Array(vec![node]));
        }
        Respelling::WrappedInSet => {
            holder.insert(term, obj(&[("@set", Value::Array(vec![plain(&value)]))]));
        }
        Respelling::Reverse => {
            if !matches!(flaw, Flaw::Status) {
                return None;
            }
            // The entry says "the root has me as its status" from inside @included.
            let mut entry = value.as_object().unwrap().clone();
            entry.insert(
                "@reverse",
                obj(&[(iri.as_str(), obj(&[("id", Value::from(ROOT_ID))]))]),
            );
            holder.insert("@included", Value::Array(vec![Value::Object(entry)]));
        }
    }
    Some(Value::Object(doc))
}

/// The canonical N-Quads JSON-LD gives `doc` without its proof, with no guard: what the
/// signature binds.
fn signed_dataset(doc: &Value) -> String {
    let mut unsigned = doc.as_object().unwrap().clone();
    unsigned.remove("proof");
    let output = to_rdf(&Value::Object(unsigned), &Options::safe()).unwrap();
    canonicalize(&output.dataset).unwrap().into_nquads()
}

fn report(doc: &Value) -> Report {
    verify(doc.to_string().as_bytes(), &options())
        .report()
        .clone()
}

fn refused_for_its_form(report: &Report) -> bool {
    report
        .checks
        .iter()
        .any(|c| c.id == STANDARD_FORM && c.outcome == Outcome::Fail)
}

#[test]
fn every_plain_flawed_credential_fails_its_check() {
    for suite in [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022] {
        for flaw in FLAWS {
            let r = report(&base(flaw, suite));
            assert_ne!(r.verdict, Verdict::Verified, "{flaw:?} {suite:?}: {r:#?}");
            assert!(!refused_for_its_form(&r), "{flaw:?}: {r:#?}");
        }
    }
}

#[test]
fn respelling_a_checked_property_keeps_the_signature_but_is_refused() {
    let mut cases = 0;
    for flaw in FLAWS {
        let signed = base(flaw, Cryptosuite::EddsaRdfc2022);
        for respelling in RESPELLINGS {
            let Some(respelled) = respell(&signed, flaw, respelling) else {
                continue;
            };
            cases += 1;
            if !matches!(flaw, Flaw::ProofExpired) {
                // The attack is real: the signed dataset did not change.
                assert_eq!(
                    signed_dataset(&respelled),
                    signed_dataset(&signed),
                    "{flaw:?} {respelling:?}: {respelled}"
                );
            }
            let r = report(&respelled);
            assert_eq!(
                r.verdict,
                Verdict::Invalid,
                "{flaw:?} {respelling:?}: {r:#?}"
            );
            // A wrapped proof date already fails the proof's own lexical check, before JSON-LD.
            let refused_as_a_proof_date = matches!(flaw, Flaw::ProofExpired)
                && r.checks
                    .iter()
                    .any(|c| c.outcome == Outcome::Fail && c.message.starts_with("/expires"));
            assert!(
                refused_for_its_form(&r) || refused_as_a_proof_date,
                "{flaw:?} {respelling:?}: {r:#?}"
            );
        }
    }
    assert_eq!(cases, 21);
}

#[test]
fn the_refusal_names_the_form_and_where_it_is() {
    let signed = base(Flaw::Status, Cryptosuite::EddsaRdfc2022);
    let nested = respell(&signed, Flaw::Status, Respelling::Nest).unwrap();
    let r = report(&nested);
    let check = r.checks.iter().find(|c| c.id == STANDARD_FORM).unwrap();
    assert_eq!(check.pointer.as_deref(), Some("/@nest"), "{check:?}");

    let signed = base(Flaw::ProofExpired, Cryptosuite::EddsaRdfc2022);
    let full = respell(&signed, Flaw::ProofExpired, Respelling::FullIri).unwrap();
    let r = report(&full);
    let check = r.checks.iter().find(|c| c.id == STANDARD_FORM).unwrap();
    assert_eq!(
        check.pointer.as_deref(),
        Some("/proof/https:~1~1w3id.org~1security#expiration"),
        "{check:?}"
    );
}

#[test]
fn a_keyword_alias_for_the_root_id_is_refused() {
    let signed = base(Flaw::Expired, Cryptosuite::EddsaRdfc2022);
    let mut doc = signed.as_object().unwrap().clone();
    let id = doc.remove("id").unwrap();
    doc.insert("identifier", id);
    append_context(&mut doc, obj(&[("identifier", Value::from("@id"))]));
    let doc = Value::Object(doc);
    assert_eq!(signed_dataset(&doc), signed_dataset(&signed));
    let r = report(&doc);
    assert!(refused_for_its_form(&r), "{r:#?}");
}

#[test]
fn jcs_refuses_every_context_entry_appended_after_signing() {
    let signed = base(Flaw::Expired, Cryptosuite::EddsaJcs2022);
    let appended = [
        obj(&[("@vocab", Value::from("https://example.org/vocab#"))]),
        obj(&[("@base", Value::from("https://example.org/"))]),
        obj(&[("@language", Value::from("fr"))]),
        obj(&[("until", Value::from(format!("{CRED}validUntil").as_str()))]),
        obj(&[("nickname", Value::from("https://example.org/nickname"))]),
        Value::from("https://www.w3.org/ns/credentials/undefined-terms/v2"),
    ];
    for entry in appended {
        let mut doc = signed.as_object().unwrap().clone();
        append_context(&mut doc, entry.clone());
        let r = report(&Value::Object(doc));
        assert_eq!(r.verdict, Verdict::Invalid, "{entry}: {r:#?}");
        let check = r.checks.iter().find(|c| c.id == "jsonld.terms").unwrap();
        assert_eq!(check.outcome, Outcome::Fail);
        assert!(
            check.message.contains("not covered by the signature"),
            "{check:?}"
        );
    }
}

#[test]
fn a_credential_in_its_plain_form_still_verifies() {
    // The guard refuses forms, not content: the same credential without a flaw verifies.
    let issuer = signer().controller().to_owned();
    let text = format!(
        r#"{{"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "{ROOT_ID}",
            "type": ["VerifiableCredential"], "issuer": "{issuer}",
            "validFrom": "2024-01-01T00:00:00Z", "validUntil": "2030-01-01T00:00:00Z",
            "credentialSubject": {{"id": "did:example:learner"}}}}"#
    );
    for suite in [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022] {
        let options = ProofOptions::new(suite).created("2025-01-01T00:00:00Z");
        let signed = di::sign(&parse(text.as_bytes()).unwrap(), &options, &signer()).unwrap();
        let r = report(&signed);
        assert_eq!(r.verdict, Verdict::Verified, "{r:#?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any respelling, of any flawed property, under either suite, with the rewritten property
    /// moved anywhere among the others: never `verified`.
    #[test]
    fn no_respelling_turns_a_failing_verdict_into_verified(
        flaw in 0..FLAWS.len(),
        respelling in 0..RESPELLINGS.len(),
        rdfc in any::<bool>(),
        rotate in 0usize..8,
    ) {
        let suite = if rdfc { Cryptosuite::EddsaRdfc2022 } else { Cryptosuite::EddsaJcs2022 };
        let signed = base(FLAWS[flaw], suite);
        if let Some(respelled) = respell(&signed, FLAWS[flaw], RESPELLINGS[respelling]) {
            // Key order is not signed by rdfc: move the rewritten member to another place.
            let mut entries: Vec<(String, Value)> = respelled
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.to_owned(), v.clone()))
                .collect();
            let n = entries.len();
            entries.rotate_left(rotate % n);
            let mut rotated = Object::new();
            for (k, v) in entries {
                rotated.insert(k.as_str(), v);
            }
            let r = report(&Value::Object(rotated));
            prop_assert_ne!(r.verdict, Verdict::Verified, "{}", respelled);
        }
    }
}

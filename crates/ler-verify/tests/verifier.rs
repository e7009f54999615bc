//! The verifier: its report, attacks and bad input, each failing a precise check id.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ler_model::date::parse_date_time_stamp;
use ler_model::json::{Value, parse};
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::{Ed25519KeyPair, Ed25519Signer};
use ler_verify::{
    CheckContext, CheckId, CredentialCheck, Finding, Outcome, TrustList, Verdict, VerifyOptions,
    verify,
};

const NOW: &str = "2026-11-29T00:00:00Z";
const OB_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

fn key(seed: u8) -> Ed25519KeyPair {
    Ed25519KeyPair::from_seed(&[seed; 32])
}

fn options() -> VerifyOptions {
    VerifyOptions::default().at(parse_date_time_stamp(NOW).unwrap())
}

/// A small Open Badge issued by the did:key of `issuer_seed`.
fn badge(issuer_seed: u8, extra: &str) -> Value {
    let issuer = key(issuer_seed).public_key().did_key();
    let text = format!(
        r#"{{
  "@context": ["https://www.w3.org/ns/credentials/v2", "{OB_CONTEXT}"],
  "id": "urn:uuid:2f1c3d4e-0000-4000-8000-000000000001",
  "type": ["VerifiableCredential", "OpenBadgeCredential"],
  "issuer": {{"id": "{issuer}", "type": ["Profile"], "name": "Example University"}},
  "validFrom": "2024-01-01T00:00:00Z",
  "name": "Teamwork Badge"{extra},
  "credentialSubject": {{
    "id": "did:example:learner", "type": ["AchievementSubject"],
    "achievement": {{
      "id": "https://example.edu/achievements/teamwork", "type": ["Achievement"],
      "name": "Teamwork", "description": "Works well in a team.",
      "criteria": {{"narrative": "Nominated by peers."}}
    }}
  }}
}}"#
    );
    parse(text.as_bytes()).unwrap()
}

fn sign_with(document: &Value, seed: u8, suite: Cryptosuite, created: &str) -> Value {
    let signer = Ed25519Signer::did_key(key(seed));
    let options = ProofOptions::new(suite).created(created);
    di::sign(document, &options, &signer).unwrap()
}

fn sign(document: &Value, suite: Cryptosuite) -> Value {
    sign_with(document, 1, suite, "2025-01-01T00:00:00Z")
}

fn bytes(v: &Value) -> Vec<u8> {
    v.to_string().into_bytes()
}

fn edit(v: &Value, f: impl FnOnce(&mut ler_model::json::Object)) -> Value {
    let mut v = v.clone();
    f(v.as_object_mut().unwrap());
    v
}

/// The report's verdict and its failing check ids.
fn outcome(input: &[u8], options: &VerifyOptions) -> (Verdict, Vec<String>) {
    let verification = verify(input, options);
    let report = verification.report();
    (
        report.verdict,
        report
            .failing_ids()
            .into_iter()
            .map(|id| id.as_str().to_owned())
            .collect(),
    )
}

const SUITES: [Cryptosuite; 2] = [Cryptosuite::EddsaJcs2022, Cryptosuite::EddsaRdfc2022];

#[test]
fn a_valid_credential_verifies_under_both_suites_and_yields_verified() {
    for suite in SUITES {
        let signed = sign(&badge(1, ""), suite);
        let verification = verify(&bytes(&signed), &options());
        let report = verification.report();
        assert_eq!(report.verdict, Verdict::Verified, "{suite:?}: {report:#?}");
        let verified = verification.credential().expect("a verified credential");
        assert_eq!(verified.name(), Some("Teamwork Badge"));
        for id in [
            "model.structure",
            "proof.present",
            "proof.cryptosuite",
            "proof.signature",
            "proof.purpose",
            "proof.created",
            "issuer.key-binding",
            "validity.window",
            "jsonld.vocab-catch-all",
        ] {
            let check = report
                .checks_with_id(id)
                .next()
                .unwrap_or_else(|| panic!("{id}"));
            assert_eq!(check.outcome, Outcome::Pass, "{id}: {check:?}");
        }
        for id in [
            "issuer.trusted",
            "related-resource.digest",
            "status.revocation",
        ] {
            let check = report.checks_with_id(id).next().unwrap();
            assert_eq!(check.outcome, Outcome::Skipped, "{id}");
        }
    }
}

#[test]
fn the_report_serializes_with_lowercase_outcomes_and_stable_names() {
    let signed = sign(&badge(1, ""), Cryptosuite::EddsaJcs2022);
    let json: serde_json::Value =
        serde_json::from_str(&verify(&bytes(&signed), &options()).report().to_json()).unwrap();
    assert_eq!(json["verdict"], "verified");
    let first = &json["checks"][0];
    assert_eq!(first["id"], "model.structure");
    assert_eq!(first["outcome"], "pass");
    assert!(first["message"].is_string());
    let signature = json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "proof.signature")
        .unwrap();
    assert_eq!(signature["pointer"], "/proof");
    assert!(json.get("nested").is_none());
}

#[test]
fn a_valid_signature_by_a_key_the_issuer_does_not_control_fails_key_binding() {
    for suite in SUITES {
        // Issuer is seed 1's did:key; the proof is seed 2's.
        let signed = sign_with(&badge(1, ""), 2, suite, "2025-01-01T00:00:00Z");
        let (verdict, failing) = outcome(&bytes(&signed), &options());
        assert_eq!(verdict, Verdict::Invalid);
        assert_eq!(failing, ["issuer.key-binding"], "{suite:?}");
    }
}

#[test]
fn an_inline_context_redefining_a_term_fails() {
    for suite in SUITES {
        let signed = sign(&badge(1, ""), suite);
        let attacked = edit(&signed, |o| {
            let context = parse(
                format!(
                    r#"["https://www.w3.org/ns/credentials/v2", "{OB_CONTEXT}",
                        {{"name": "https://evil.example/name"}}]"#
                )
                .as_bytes(),
            )
            .unwrap();
            o.insert("@context", context);
        });
        let (verdict, failing) = outcome(&bytes(&attacked), &options());
        assert_eq!(verdict, Verdict::Invalid);
        // `name` is protected by the VC context: redefining it is a JSON-LD error under both
        // suites, caught before any signature is checked.
        assert_eq!(failing, ["jsonld.terms"], "{suite:?}");
    }
}

#[test]
fn a_swapped_context_version_that_changes_meaning_fails_the_signature() {
    // Signed under the OB 3.0.3 context; the attacker swaps in another registered OB context
    // version. The JSON (jcs) and the RDF it means (rdfc) both change, so the signature fails.
    for suite in SUITES {
        let signed = sign(&badge(1, ""), suite);
        let text = String::from_utf8(bytes(&signed)).unwrap().replacen(
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
            1,
        );
        let (verdict, failing) = outcome(text.as_bytes(), &options());
        assert_eq!(verdict, Verdict::Invalid, "{suite:?}");
        assert_eq!(failing, ["proof.signature"], "{suite:?}");
    }
}

#[test]
fn an_undefined_term_under_jcs_fails_jsonld_terms() {
    let signed = sign(&badge(1, ""), Cryptosuite::EddsaJcs2022);
    let attacked = edit(&signed, |o| {
        o.insert("favouriteColour", Value::String("green".into()));
    });
    let (verdict, failing) = outcome(&bytes(&attacked), &options());
    assert_eq!(verdict, Verdict::Invalid);
    assert_eq!(failing, ["jsonld.terms"]);
}

#[test]
fn duplicate_json_keys_fail_json_parse() {
    let signed = sign(&badge(1, ""), Cryptosuite::EddsaJcs2022);
    let text = String::from_utf8(bytes(&signed)).unwrap();
    let duplicated = text.replacen(
        r#""name":"Teamwork Badge""#,
        r#""name":"Teamwork Badge","name":"Leadership Badge""#,
        1,
    );
    assert_ne!(duplicated, text);
    let (verdict, failing) = outcome(duplicated.as_bytes(), &options());
    assert_eq!(verdict, Verdict::Invalid);
    assert_eq!(failing, ["json.parse"]);
}

#[test]
fn an_unknown_cryptosuite_fails_proof_cryptosuite() {
    let signed = sign(&badge(1, ""), Cryptosuite::EddsaJcs2022);
    let attacked = edit(&signed, |o| {
        let proof = o.get_mut("proof").unwrap().as_object_mut().unwrap();
        proof.insert("cryptosuite", Value::String("eddsa-2099".into()));
    });
    let (verdict, failing) = outcome(&bytes(&attacked), &options());
    assert_eq!(verdict, Verdict::Invalid);
    assert_eq!(failing, ["proof.cryptosuite"]);
}

#[test]
fn a_suite_the_caller_does_not_accept_fails_proof_cryptosuite() {
    let signed = sign(&badge(1, ""), Cryptosuite::EddsaRdfc2022);
    let mut options = options();
    options.accepted_cryptosuites = vec![Cryptosuite::EddsaJcs2022];
    let (_, failing) = outcome(&bytes(&signed), &options);
    assert_eq!(failing, ["proof.cryptosuite"]);
}

#[test]
fn created_far_in_the_future_fails_but_within_tolerance_passes() {
    let document = badge(1, "");
    let far = sign_with(
        &document,
        1,
        Cryptosuite::EddsaJcs2022,
        "2027-06-01T00:00:00Z",
    );
    assert_eq!(outcome(&bytes(&far), &options()).1, ["proof.created"]);
    // Four minutes ahead of the clock is within the default five.
    let near = sign_with(
        &document,
        1,
        Cryptosuite::EddsaJcs2022,
        "2026-11-29T00:04:00Z",
    );
    assert_eq!(outcome(&bytes(&near), &options()).0, Verdict::Verified);
    let beyond = sign_with(
        &document,
        1,
        Cryptosuite::EddsaJcs2022,
        "2026-11-29T00:06:00Z",
    );
    assert_eq!(outcome(&bytes(&beyond), &options()).1, ["proof.created"]);
}

#[test]
fn expired_and_not_yet_valid_credentials_fail_validity_window() {
    let expired = sign(
        &badge(1, r#", "validUntil": "2026-01-01T00:00:00Z""#),
        Cryptosuite::EddsaJcs2022,
    );
    let verification = verify(&bytes(&expired), &options());
    assert_eq!(verification.report().failing_ids(), ["validity.window"]);
    let check = verification
        .report()
        .checks_with_id("validity.window")
        .next()
        .unwrap();
    assert_eq!(check.pointer.as_deref(), Some("/validUntil"));
    assert!(verification.verified().is_none());

    let text = String::from_utf8(bytes(&badge(1, "")))
        .unwrap()
        .replace("2024-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
    let future = sign(&parse(text.as_bytes()).unwrap(), Cryptosuite::EddsaJcs2022);
    let verification = verify(&bytes(&future), &options());
    assert_eq!(verification.report().failing_ids(), ["validity.window"]);
    let check = verification
        .report()
        .checks_with_id("validity.window")
        .next()
        .unwrap();
    assert_eq!(check.pointer.as_deref(), Some("/validFrom"));
    // The same credential verifies once its time has come.
    let later = VerifyOptions::default().at(parse_date_time_stamp("2027-02-01T00:00:00Z").unwrap());
    assert_eq!(outcome(&bytes(&future), &later).0, Verdict::Verified);
}

/// A digest mismatch: `warn` for a context the verifier pins (its pinned copy gives the meaning),
/// `fail` for any other resource.
#[test]
fn a_related_resource_whose_digest_does_not_match_warns_for_pinned_contexts_and_fails_otherwise() {
    let registry = ler_jsonld::ContextRegistry::shared();
    let resource = registry.resource(OB_CONTEXT).unwrap();
    use base64::Engine;
    let good = base64::engine::general_purpose::STANDARD.encode(resource.sha384());
    let mut bad_digest = *resource.sha384();
    bad_digest[0] ^= 1;
    let bad = base64::engine::general_purpose::STANDARD.encode(bad_digest);
    let with = |sri: &str| {
        let extra = format!(
            r#", "relatedResource": [{{"id": "{OB_CONTEXT}", "digestSRI": "sha384-{sri}"}}]"#
        );
        sign(&badge(1, &extra), Cryptosuite::EddsaJcs2022)
    };
    let verification = verify(&bytes(&with(&bad)), &options());
    assert_eq!(verification.report().verdict, Verdict::Verified);
    let check = verification
        .report()
        .checks_with_id("related-resource.digest")
        .next()
        .unwrap();
    assert_eq!(check.outcome, Outcome::Warn);
    assert!(check.message.contains("pinned copy"), "{}", check.message);
    let verification = verify(&bytes(&with(&good)), &options());
    assert_eq!(verification.report().verdict, Verdict::Verified);
    let check = verification
        .report()
        .checks_with_id("related-resource.digest")
        .next()
        .unwrap();
    assert_eq!(check.outcome, Outcome::Pass);
    assert_eq!(check.pointer.as_deref(), Some("/relatedResource/0"));
    // Bytes the verifier does not have: skipped, never pass.
    let unknown = sign(
        &badge(
            1,
            r#", "relatedResource": [{"id": "https://example.org/syllabus.pdf", "digestSRI": "sha384-AAAA"}]"#,
        ),
        Cryptosuite::EddsaJcs2022,
    );
    let verification = verify(&bytes(&unknown), &options());
    let check = verification
        .report()
        .checks_with_id("related-resource.digest")
        .next()
        .unwrap();
    assert_eq!(check.outcome, Outcome::Skipped);
    // A resource that is not a context, whose bytes the verifier has: a mismatch fails.
    struct Syllabus;
    impl ler_verify::ResourceSource for Syllabus {
        fn bytes(&self, url: &str) -> Option<std::borrow::Cow<'_, [u8]>> {
            (url == "https://example.org/syllabus.pdf").then_some(b"the syllabus".as_slice().into())
        }
    }
    let mut with_syllabus = options();
    with_syllabus.resources = Some(std::sync::Arc::new(Syllabus));
    let (verdict, failing) = outcome(&bytes(&unknown), &with_syllabus);
    assert_eq!(
        (verdict, failing),
        (Verdict::Invalid, vec!["related-resource.digest".to_owned()])
    );
}

#[test]
fn a_proof_spliced_from_another_document_fails_the_signature() {
    for suite in SUITES {
        let one = sign(&badge(1, ""), suite);
        let other = sign(&badge(1, r#", "description": "Another badge.""#), suite);
        let spliced = edit(&one, |o| {
            o.insert(
                "proof",
                other.as_object().unwrap().get("proof").unwrap().clone(),
            );
        });
        let (verdict, failing) = outcome(&bytes(&spliced), &options());
        assert_eq!(verdict, Verdict::Invalid);
        assert_eq!(failing, ["proof.signature"], "{suite:?}");
    }
}

#[test]
fn a_truncated_proof_value_fails_the_signature() {
    let signed = sign(&badge(1, ""), Cryptosuite::EddsaJcs2022);
    let attacked = edit(&signed, |o| {
        let proof = o.get_mut("proof").unwrap().as_object_mut().unwrap();
        let value = proof
            .get("proofValue")
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned();
        proof.insert(
            "proofValue",
            Value::String(value[..value.len() - 5].to_owned()),
        );
    });
    let (verdict, failing) = outcome(&bytes(&attacked), &options());
    assert_eq!(verdict, Verdict::Invalid);
    assert_eq!(failing, ["proof.signature"]);
}

#[test]
fn an_unsigned_credential_fails_proof_present() {
    let (verdict, failing) = outcome(&bytes(&badge(1, "")), &options());
    assert_eq!(
        (verdict, failing),
        (Verdict::Invalid, vec!["proof.present".to_owned()])
    );
}

#[test]
fn a_credential_status_is_indeterminate_until_a_status_check_is_added() {
    let extra = r#", "credentialStatus": {"id": "https://example.edu/status/1#5", "type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "5", "statusListCredential": "https://example.edu/status/1"}"#;
    let signed = sign(&badge(1, extra), Cryptosuite::EddsaJcs2022);
    let verification = verify(&bytes(&signed), &options());
    assert_eq!(verification.report().verdict, Verdict::Indeterminate);
    let check = verification
        .report()
        .checks_with_id("status.revocation")
        .next()
        .unwrap();
    assert_eq!(check.outcome, Outcome::Indeterminate);
    assert!(verification.verified().is_none());

    struct NotRevoked;
    impl CredentialCheck for NotRevoked {
        fn ids(&self) -> &[CheckId] {
            &[CheckId::STATUS_REVOCATION]
        }
        fn run(&self, _: &ler_model::Credential, _: &CheckContext<'_>) -> Vec<Finding> {
            vec![Finding::new(
                CheckId::STATUS_REVOCATION,
                Outcome::Pass,
                "not revoked",
            )]
        }
    }
    let verification = verify(&bytes(&signed), &options().check(NotRevoked));
    assert_eq!(verification.report().verdict, Verdict::Verified);
    assert_eq!(
        verification
            .report()
            .checks_with_id("status.revocation")
            .count(),
        1
    );
}

#[test]
fn an_extra_check_can_fail_a_credential() {
    struct NoSchema;
    impl CredentialCheck for NoSchema {
        fn ids(&self) -> &[CheckId] {
            &[CheckId::SCHEMA_JSON]
        }
        fn run(&self, c: &ler_model::Credential, _: &CheckContext<'_>) -> Vec<Finding> {
            let outcome = if c.as_object().get("credentialSchema").is_some() {
                Outcome::Pass
            } else {
                Outcome::Fail
            };
            vec![
                Finding::new(CheckId::SCHEMA_JSON, outcome, "schema required")
                    .at("/credentialSchema"),
            ]
        }
    }
    let signed = sign(&badge(1, ""), Cryptosuite::EddsaJcs2022);
    assert_eq!(
        outcome(&bytes(&signed), &options().check(NoSchema)).1,
        ["schema.json"]
    );
}

#[test]
fn the_trust_list_format_and_the_issuer_trusted_check() {
    let issuer = key(1).public_key().did_key();
    let list = TrustList::from_json(
        format!(r#"[{{"id": "{issuer}", "name": "Example University", "validUntil": "2030-01-01T00:00:00Z"}}]"#)
            .as_bytes(),
    )
    .unwrap();
    assert_eq!(list.issuers()[0].name, "Example University");
    let signed = sign(&badge(1, ""), Cryptosuite::EddsaJcs2022);
    let verification = verify(&bytes(&signed), &options().trust_list(list));
    let check = verification
        .report()
        .checks_with_id("issuer.trusted")
        .next()
        .unwrap();
    assert_eq!(check.outcome, Outcome::Pass);

    let other =
        TrustList::from_json(br#"[{"id": "did:web:other.example", "name": "Other"}]"#).unwrap();
    assert_eq!(
        outcome(&bytes(&signed), &options().trust_list(other)).1,
        ["issuer.trusted"]
    );
    let lapsed = TrustList::from_json(
        format!(r#"[{{"id": "{issuer}", "name": "Old", "validUntil": "2025-01-01T00:00:00Z"}}]"#)
            .as_bytes(),
    )
    .unwrap();
    assert_eq!(
        outcome(&bytes(&signed), &options().trust_list(lapsed)).1,
        ["issuer.trusted"]
    );

    for bad in [
        &br#"{"id": "did:web:x"}"#[..],
        br#"[{"id": "did:web:x"}]"#,
        br#"[{"id": "ftp://x", "name": "X"}]"#,
        br#"[{"id": "did:web:x", "name": "X", "validUntill": "2030-01-01T00:00:00Z"}]"#,
        br#"[{"id": "did:web:x", "name": "X", "validFrom": "soon"}]"#,
    ] {
        assert!(
            TrustList::from_json(bad).is_err(),
            "{}",
            String::from_utf8_lossy(bad)
        );
    }
}

#[test]
fn a_clr_verifies_its_nested_credentials_each_with_a_report() {
    let good = sign(&badge(1, ""), Cryptosuite::EddsaJcs2022);
    let tampered = edit(&good, |o| {
        o.insert("name", Value::String("Forged Badge".into()));
    });
    let issuer = key(1).public_key().did_key();
    let clr = |inner: &[&Value]| {
        let list: Vec<String> = inner.iter().map(|v| v.to_string()).collect();
        let text = format!(
            r#"{{
  "@context": ["https://www.w3.org/ns/credentials/v2",
               "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
               "{OB_CONTEXT}"],
  "id": "urn:uuid:2f1c3d4e-0000-4000-8000-0000000000cc",
  "type": ["VerifiableCredential", "ClrCredential"],
  "issuer": {{"id": "{issuer}", "type": ["Profile"], "name": "Example University"}},
  "validFrom": "2024-01-01T00:00:00Z",
  "name": "Transcript",
  "credentialSubject": {{
    "id": "did:example:learner", "type": ["ClrSubject"],
    "verifiableCredential": [{}]
  }}
}}"#,
            list.join(",")
        );
        sign(&parse(text.as_bytes()).unwrap(), Cryptosuite::EddsaJcs2022)
    };
    let all_good = clr(&[&good, &good]);
    let verification = verify(&bytes(&all_good), &options());
    let report = verification.report();
    assert_eq!(report.nested.len(), 2, "{report:#?}");
    assert!(report.nested.iter().all(|n| n.report.is_verified()));
    assert_eq!(report.verdict, Verdict::Verified, "{report:#?}");

    let one_bad = clr(&[&good, &tampered]);
    let verification = verify(&bytes(&one_bad), &options());
    let report = verification.report();
    assert_eq!(report.verdict, Verdict::Invalid);
    assert_eq!(report.failing_ids(), ["nested.credential"]);
    let failing = report
        .checks_with_id("nested.credential")
        .find(|c| c.outcome == Outcome::Fail)
        .unwrap();
    assert_eq!(
        failing.pointer.as_deref(),
        Some("/credentialSubject/verifiableCredential/1")
    );
    assert_eq!(
        report.nested[1].pointer,
        "/credentialSubject/verifiableCredential/1"
    );
    assert_eq!(report.nested[1].report.failing_ids(), ["proof.signature"]);
    assert!(report.nested[0].report.is_verified());
}

#[test]
fn an_endorsement_is_verified_as_a_nested_credential() {
    let endorser = key(3).public_key().did_key();
    let endorsement = format!(
        r#"{{
  "@context": ["https://www.w3.org/ns/credentials/v2", "{OB_CONTEXT}"],
  "id": "urn:uuid:2f1c3d4e-0000-4000-8000-0000000000ee",
  "type": ["VerifiableCredential", "EndorsementCredential"],
  "issuer": {{"id": "{endorser}", "type": ["Profile"], "name": "Endorser"}},
  "validFrom": "2024-01-01T00:00:00Z",
  "name": "Endorsement",
  "credentialSubject": {{"id": "https://example.edu/achievements/teamwork", "type": ["EndorsementSubject"], "endorsementComment": "Good."}}
}}"#
    );
    let endorsement = parse(endorsement.as_bytes()).unwrap();
    // Signed by a key that is not the endorser's.
    let bad = sign_with(
        &endorsement,
        4,
        Cryptosuite::EddsaJcs2022,
        "2025-01-01T00:00:00Z",
    );
    let extra = format!(r#", "endorsement": [{bad}]"#);
    let signed = sign(&badge(1, &extra), Cryptosuite::EddsaJcs2022);
    let verification = verify(&bytes(&signed), &options());
    let report = verification.report();
    assert_eq!(report.failing_ids(), ["nested.credential"], "{report:#?}");
    assert_eq!(report.nested[0].pointer, "/endorsement/0");
    assert_eq!(
        report.nested[0].report.failing_ids(),
        ["issuer.key-binding"]
    );
}

#[test]
fn bad_input_never_panics_and_is_invalid() {
    let deep = "[".repeat(5000);
    for input in [
        &b""[..],
        b"null",
        b"[]",
        b"\"text\"",
        b"{}",
        b"{\"proof\": 5}",
        b"{\"proof\": [1, 2]}",
        b"{\"@context\": 5, \"proof\": {}}",
        b"{\"type\": \"VerifiablePresentation\"}",
        &[0xff, 0xfe, 0x00],
    ] {
        let verification = verify(input, &options());
        assert_eq!(verification.report().verdict, Verdict::Invalid, "{input:?}");
        assert!(verification.verified().is_none());
    }
    // Past the nesting limit the input is refused unread: `limits.exceeded`, indeterminate.
    let verification = verify(deep.as_bytes(), &options());
    assert_eq!(verification.report().verdict, Verdict::Indeterminate);
    assert_eq!(verification.report().checks[0].id, "limits.exceeded");
    assert!(verification.verified().is_none());
}

/// The lossless model hands callers a number's text; a text that says more than the double the
/// suite hashed (`40.00000000000000001` signs as `40`) fails `proof.signature`, naming it.
#[test]
fn a_number_respelled_past_double_precision_fails_the_signature_check() {
    for suite in [Cryptosuite::EddsaJcs2022, Cryptosuite::EddsaRdfc2022] {
        let with_credits = badge(1, "").to_string().replace(
            r#""name":"Teamwork","#,
            r#""name":"Teamwork","creditsAvailable":40,"#,
        );
        let signed = sign(&parse(with_credits.as_bytes()).unwrap(), suite);
        let (verdict, failing) = outcome(&bytes(&signed), &options());
        assert_eq!(verdict, Verdict::Verified, "{suite:?}: {failing:?}");
        let respelled = signed.to_string().replace(
            r#""creditsAvailable":40"#,
            r#""creditsAvailable":40.00000000000000001"#,
        );
        let verification = verify(respelled.as_bytes(), &options());
        let report = verification.report();
        assert_eq!(report.verdict, Verdict::Invalid, "{suite:?}");
        assert_eq!(report.failing_ids(), ["proof.signature"], "{suite:?}");
        let message = &report
            .checks_with_id("proof.signature")
            .next()
            .unwrap()
            .message;
        assert!(
            message.contains("/credentialSubject/achievement/creditsAvailable")
                && message.contains("40.00000000000000001"),
            "{message}"
        );
        assert!(verification.verified().is_none());
    }
}

/// The authenticity/conformance split: an Open Badges rule break in a signed badge is a
/// `profile.ob3` warning (the badge verifies), a failure under `strict`; a VC Data Model break
/// stays a `model.structure` failure either way.
#[test]
fn profile_breaks_warn_unless_strict_and_data_model_breaks_fail() {
    // The subject has neither id nor identifier (`ob.subject.identifier`), as real badges do.
    let mut document = badge(1, "");
    let subject = document
        .as_object_mut()
        .unwrap()
        .get_mut("credentialSubject")
        .unwrap()
        .as_object_mut()
        .unwrap();
    subject.remove("id");
    subject.insert("name", Value::from("Sam Learner"));
    for suite in [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022] {
        let signed = bytes(&sign(&document, suite));
        let report = verify(&signed, &options()).into_parts().0;
        assert_eq!(report.verdict, Verdict::Verified, "{}", report.to_json());
        let profile: Vec<&Finding> = report.checks_with_id("profile.ob3").collect();
        assert_eq!(profile.len(), 1);
        assert_eq!(profile[0].outcome, Outcome::Warn);
        assert_eq!(profile[0].pointer.as_deref(), Some("/credentialSubject"));
        assert!(profile[0].message.starts_with("ob.subject.identifier"));
        assert_eq!(
            report
                .checks_with_id("model.structure")
                .next()
                .unwrap()
                .outcome,
            Outcome::Pass
        );
        let strict = verify(&signed, &options().strict(true)).into_parts().0;
        assert_eq!(strict.verdict, Verdict::Invalid);
        assert_eq!(strict.failing_ids(), ["profile.ob3"]);
    }
    // A VC Data Model break (a `validUntil` that is not a date) fails without strict.
    let mut document = badge(1, "");
    document
        .as_object_mut()
        .unwrap()
        .insert("validUntil", Value::from("not a date"));
    let signed = bytes(&sign(&document, Cryptosuite::EddsaJcs2022));
    let report = verify(&signed, &options()).into_parts().0;
    assert_eq!(report.verdict, Verdict::Invalid);
    assert!(
        report
            .failing_ids()
            .iter()
            .any(|id| *id == "model.structure")
    );
    assert!(report.checks_with_id("profile.ob3").next().is_none());
}

/// Data Integrity §2.4.2 context injection: a VC 1.1 document whose only context is
/// `credentials/v1` (which does not define the proof terms) is signed with the Data Integrity
/// context appended, and verifies, under both suites.
#[test]
fn a_vc_1_1_document_without_the_data_integrity_context_gets_it_and_verifies() {
    let issuer = key(1).public_key().did_key();
    let with_array = format!(
        r#"{{
  "@context": ["https://www.w3.org/2018/credentials/v1", {{"alumniOf": "https://schema.org/alumniOf"}}],
  "type": ["VerifiableCredential"],
  "issuer": "{issuer}",
  "issuanceDate": "2024-01-01T00:00:00Z",
  "credentialSubject": {{"id": "did:example:learner", "alumniOf": "Example University"}}
}}"#
    );
    let with_string = format!(
        r#"{{
  "@context": "https://www.w3.org/2018/credentials/v1",
  "type": "VerifiableCredential",
  "issuer": "{issuer}",
  "issuanceDate": "2024-01-01T00:00:00Z",
  "credentialSubject": {{"id": "did:example:learner"}}
}}"#
    );
    for text in [with_array, with_string] {
        let document = parse(text.as_bytes()).unwrap();
        for suite in [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022] {
            let signed = sign(&document, suite);
            let contexts = signed.get("@context").unwrap().as_array().unwrap();
            assert_eq!(
                contexts.first().and_then(Value::as_str),
                Some("https://www.w3.org/2018/credentials/v1")
            );
            assert_eq!(
                contexts.last().and_then(Value::as_str),
                Some(ler_model::context::DATA_INTEGRITY_V2),
                "{suite:?}"
            );
            let report = verify(&bytes(&signed), &options()).into_parts().0;
            assert_eq!(
                report.verdict,
                Verdict::Verified,
                "{suite:?}: {}",
                report.to_json()
            );
            // Signing again (a proof set) leaves the context as it is.
            let twice = sign_with(&signed, 2, suite, "2025-01-02T00:00:00Z");
            assert_eq!(twice.get("@context"), signed.get("@context"));
        }
    }
    // A document that already names a context defining the proof terms is left alone.
    let badge = badge(1, "");
    let signed = sign(&badge, Cryptosuite::EddsaRdfc2022);
    assert_eq!(signed.get("@context"), badge.get("@context"));
}

/// Data Integrity proof chains: a second proof by another key that names the issuer's proof in
/// `previousProof` signs the document and that proof; the chain verifies under both suites, and
/// changing the first proof breaks both.
#[test]
fn a_two_proof_chain_by_two_keys_verifies() {
    for suite in [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022] {
        let first = di::sign(
            &badge(1, ""),
            &ProofOptions::new(suite)
                .id("urn:uuid:0d9a7c0e-1111-4000-8000-000000000001")
                .created("2025-01-01T00:00:00Z"),
            &Ed25519Signer::did_key(key(1)),
        )
        .unwrap();
        let chained = di::sign(
            &first,
            &ProofOptions::new(suite)
                .previous_proof("urn:uuid:0d9a7c0e-1111-4000-8000-000000000001")
                .created("2025-01-02T00:00:00Z"),
            &Ed25519Signer::did_key(key(2)),
        )
        .unwrap();
        let report = verify(&bytes(&chained), &options()).into_parts().0;
        assert_eq!(
            report.verdict,
            Verdict::Verified,
            "{suite:?}: {}",
            report.to_json()
        );
        assert_eq!(
            report
                .checks_with_id("proof.signature")
                .map(|c| c.outcome)
                .collect::<Vec<_>>(),
            [Outcome::Pass, Outcome::Pass]
        );
        // The co-signer is not the issuer: a warning, as the issuer's own proof binds it.
        assert_eq!(
            report
                .checks_with_id("issuer.key-binding")
                .map(|c| c.outcome)
                .collect::<Vec<_>>(),
            [Outcome::Pass, Outcome::Warn]
        );
        // The co-signer's proof alone is no issuer's proof: it fails.
        let mut alone = chained.clone();
        let second = alone.pointer("/proof/1").unwrap().clone();
        let mut second = second.as_object().unwrap().clone();
        second.remove("previousProof");
        alone
            .as_object_mut()
            .unwrap()
            .insert("proof", Value::Object(second));
        let report = verify(&bytes(&alone), &options()).into_parts().0;
        assert_eq!(report.verdict, Verdict::Invalid);
        let tampered = bytes(&chained)
            .iter()
            .map(|b| *b as char)
            .collect::<String>()
            .replace("2025-01-01T00:00:00Z", "2025-01-01T00:00:01Z");
        let report = verify(tampered.as_bytes(), &options()).into_parts().0;
        assert_eq!(
            report
                .checks_with_id("proof.signature")
                .map(|c| c.outcome)
                .collect::<Vec<_>>(),
            [Outcome::Fail, Outcome::Fail],
            "{suite:?}"
        );
    }
}

/// `@direction` (VCDM 2.0 internationalized strings) is signed: JSON-LD to RDF with
/// `rdfDirection: i18n-datatype`, so changing the direction breaks the `eddsa-rdfc-2022` proof.
#[test]
fn values_with_direction_sign_verify_and_their_direction_is_signed() {
    let extra = r#", "description": {"@value": "شارة العمل الجماعي", "@language": "ar", "@direction": "rtl"}"#;
    for suite in [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022] {
        let signed = sign(&badge(1, extra), suite);
        let report = verify(&bytes(&signed), &options()).into_parts().0;
        assert_eq!(
            report.verdict,
            Verdict::Verified,
            "{suite:?}: {}",
            report.to_json()
        );
        let flipped = signed.to_string().replace(r#""rtl""#, r#""ltr""#);
        let (verdict, failing) = outcome(flipped.as_bytes(), &options());
        assert_eq!(
            (verdict, failing),
            (Verdict::Invalid, vec!["proof.signature".to_owned()]),
            "{suite:?}"
        );
    }
}

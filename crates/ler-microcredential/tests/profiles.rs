//! Builders and the reader: valid credentials meet their profile; each rule refuses what it names.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{eu_builder, eu_builder_full, fixture, num, remove, set, us_builder};
use ler_microcredential::{
    BuildError, EuMicroCredential, Issuer, ParticipationForm, Profile, Schema, assess,
};
use ler_model::json::{self, Value};

const A: &str = "/credentialSubject/achievement";

fn rules_at(violations: &[ler_microcredential::Violation]) -> Vec<(&'static str, String)> {
    violations
        .iter()
        .map(|v| (v.rule, v.pointer.as_str().to_owned()))
        .collect()
}

#[test]
fn built_us_credential_meets_the_us_profile_and_its_schema() {
    let doc = us_builder().build().unwrap();
    assert_eq!(assess(&doc).us, vec![]);
    assert_eq!(Schema::MicroCredentialUsV1.validate(&doc), vec![]);
    assert_eq!(Schema::Ob3AchievementCredentialV1.validate(&doc), vec![]);
    assert_eq!(
        doc.pointer(&format!("{A}/learningHours"))
            .unwrap()
            .as_number()
            .unwrap()
            .as_str(),
        "12.5"
    );
    // The credential names its profile schema; that id resolves locally and the credential passes it.
    let declared = doc
        .pointer("/credentialSchema/0/id")
        .and_then(Value::as_str)
        .unwrap();
    assert_eq!(
        doc.pointer("/credentialSchema/0/type")
            .and_then(Value::as_str),
        Some("JsonSchema")
    );
    assert_eq!(Schema::from_id(declared), Some(Schema::MicroCredentialUsV1));
    assert_eq!(
        doc.get("@context").unwrap(),
        &Value::from(vec![
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            ler_model::context::MICROCREDENTIAL_V1
        ])
    );
    // A US micro-credential is not an EU one: the reader says what is missing, by pointer.
    let eu = rules_at(&assess(&doc).eu);
    for expected in [
        ("mc.eu.country", "/issuer/address".to_owned()),
        ("mc.eu.learning-outcomes", format!("{A}/learningOutcome")),
        ("mc.eu.participation-form", format!("{A}/participationForm")),
        ("mc.eu.quality-assurance", format!("{A}/qualityAssurance")),
    ] {
        assert!(eu.contains(&expected), "{expected:?} not in {eu:?}");
    }
}

#[test]
fn built_eu_credentials_meet_the_eu_profile_and_its_schema() {
    for builder in [eu_builder(), eu_builder_full()] {
        let doc = builder.build().unwrap();
        assert_eq!(assess(&doc).eu, vec![]);
        assert_eq!(Schema::MicroCredentialEuV1.validate(&doc), vec![]);
        assert_eq!(
            doc.pointer(&format!("{A}/eqfLevel"))
                .and_then(Value::as_str),
            Some("http://data.europa.eu/snb/eqf/6")
        );
        let declared = doc
            .pointer("/credentialSchema/0/id")
            .and_then(Value::as_str)
            .unwrap();
        assert_eq!(Schema::from_id(declared), Some(Schema::MicroCredentialEuV1));
    }
    let full = eu_builder_full().build().unwrap();
    assert_eq!(
        full.pointer("/credentialSubject/result/0/value")
            .and_then(Value::as_str),
        Some("B+")
    );
    assert_eq!(
        full.pointer(&format!("{A}/stackability"))
            .and_then(Value::as_str),
        Some("integrated")
    );
}

#[test]
fn built_credentials_round_trip_through_text() {
    for doc in [
        us_builder().build().unwrap(),
        eu_builder_full().build().unwrap(),
    ] {
        assert_eq!(json::parse(doc.to_string().as_bytes()).unwrap(), doc);
    }
}

fn refused(result: Result<Value, BuildError>) -> Vec<(&'static str, String)> {
    match result {
        Ok(doc) => panic!("built {doc}"),
        Err(e) => {
            assert!(
                e.to_string().contains(e.pointer().unwrap().as_str()),
                "the message names the field: {e}"
            );
            rules_at(e.violations())
        }
    }
}

#[test]
fn us_builder_refuses_out_of_range_hours_naming_the_field() {
    let at = format!("{A}/learningHours");
    for hours in [0.0, 0.999, 100.001, 101.0, -5.0] {
        assert_eq!(
            refused(us_builder().learning_hours(hours).build()),
            vec![("mc.us.learning-hours", at.clone())],
            "{hours}"
        );
    }
    for hours in [1.0, 1.25, 99.5, 100.0] {
        assert!(
            us_builder().learning_hours(hours).build().is_ok(),
            "{hours} hours should build"
        );
    }
    let err = us_builder().learning_hours(f64::NAN).build().unwrap_err();
    assert_eq!(
        err,
        BuildError::NotFinite(ler_model::json::Pointer::from_raw(at))
    );
}

#[test]
fn us_builder_refuses_missing_elements_naming_each() {
    let cases: Vec<(ler_microcredential::UsMicroCredential, &str, String)> = vec![
        (us_builder().title(""), "mc.us.title", format!("{A}/name")),
        (
            us_builder().description(" "),
            "mc.us.description",
            format!("{A}/description"),
        ),
        (
            us_builder().issuer(Issuer::new("did:example:college", "")),
            "mc.us.issuer",
            "/issuer".into(),
        ),
        (
            us_builder().criteria(""),
            "mc.us.criteria",
            format!("{A}/criteria"),
        ),
        (
            us_builder().assessment_type(""),
            "mc.us.assessment-type",
            format!("{A}/assessmentType"),
        ),
        (
            us_builder().credits(-1.0),
            "mc.us.credits",
            format!("{A}/creditsAvailable"),
        ),
        (
            us_builder().valid_until("2027-01-01"),
            "mc.us.expiry",
            "/validUntil".into(),
        ),
    ];
    for (builder, rule, pointer) in cases {
        assert_eq!(
            refused(builder.build()),
            vec![(rule, pointer.clone())],
            "{rule}"
        );
    }
    // Nothing at all: every element is named.
    let all = refused(ler_microcredential::UsMicroCredential::builder().build());
    for rule in [
        "mc.us.title",
        "mc.us.description",
        "mc.us.issuer",
        "mc.us.criteria",
        "mc.us.learning-hours",
        "mc.us.assessment-type",
        "mc.us.skills",
    ] {
        assert!(
            all.iter().any(|(r, _)| *r == rule),
            "{rule} missing from {all:?}"
        );
    }
    // OB 3.0 itself needs ids and a date: the schema names them.
    let no_id = refused(us_builder().valid_from("yesterday").build());
    assert_eq!(no_id, vec![("schema.pattern", "/validFrom".to_owned())]);
}

#[test]
fn us_builder_optional_credits_and_expiry_are_written() {
    let doc = us_builder()
        .credits(1.5)
        .valid_until("2031-03-01T00:00:00Z")
        .build()
        .unwrap();
    assert_eq!(
        doc.pointer(&format!("{A}/creditsAvailable"))
            .unwrap()
            .as_number()
            .unwrap()
            .as_str(),
        "1.5"
    );
    assert_eq!(
        doc.get("validUntil").and_then(Value::as_str),
        Some("2031-03-01T00:00:00Z")
    );
}

#[test]
fn eu_builder_refuses_out_of_range_or_missing_elements() {
    assert_eq!(
        refused(eu_builder().eqf_level(9).build()),
        vec![("mc.eu.level", format!("{A}/eqfLevel"))]
    );
    assert_eq!(
        refused(eu_builder().eqf_level(0).build()),
        vec![("mc.eu.level", format!("{A}/eqfLevel"))]
    );
    assert_eq!(
        refused(eu_builder().ects_credits(0.0).build()),
        vec![("mc.eu.workload", format!("{A}/ectsCredits"))]
    );
    let bare = EuMicroCredential::builder()
        .id("urn:uuid:1")
        .issuer(Issuer::new("https://uni.example", "University of Example"))
        .learner("did:example:learner")
        .valid_from("2026-03-01T00:00:00Z")
        .title("Title")
        .participation(ParticipationForm::Online);
    let all = refused(bare.build());
    for (rule, pointer) in [
        ("mc.eu.country", "/issuer/address".to_owned()),
        ("mc.eu.learning-outcomes", format!("{A}/learningOutcome")),
        ("mc.eu.workload", format!("{A}/ectsCredits")),
        ("mc.eu.assessment-type", format!("{A}/assessmentType")),
        ("mc.eu.quality-assurance", format!("{A}/qualityAssurance")),
    ] {
        assert!(
            all.contains(&(rule, pointer.clone())),
            "{rule} at {pointer} missing from {all:?}"
        );
    }
    assert!(!all.iter().any(|(r, _)| *r == "mc.eu.participation-form"));
}

/// One mutation of a valid EU credential, and the rule and pointer the reader must report; the
/// EU schema must reject the same document.
fn eu_case(mutate: impl FnOnce(&mut Value), rule: &str, pointer: &str) {
    let mut doc = eu_builder_full().build().unwrap();
    mutate(&mut doc);
    let found = rules_at(&assess(&doc).eu);
    assert!(
        found.contains(&(rule_static(rule), pointer.to_owned())),
        "{rule} at {pointer} not in {found:?}"
    );
    assert!(
        !Schema::MicroCredentialEuV1.is_valid(&doc),
        "the EU schema accepts the document broken for {rule}"
    );
}

fn rule_static(rule: &str) -> &'static str {
    Box::leak(rule.to_owned().into_boxed_str())
}

#[test]
fn eu_reader_names_every_missing_mandatory_element() {
    eu_case(
        |d| remove(d, "/credentialSubject/id"),
        "mc.eu.learner",
        "/credentialSubject/id",
    );
    eu_case(
        |d| remove(d, &format!("{A}/name")),
        "mc.eu.title",
        &format!("{A}/name"),
    );
    eu_case(
        |d| {
            remove(d, "/issuer/address/addressCountry");
            remove(d, "/issuer/address/addressCountryCode");
        },
        "mc.eu.country",
        "/issuer/address",
    );
    eu_case(
        |d| remove(d, "/issuer/name"),
        "mc.eu.awarding-body",
        "/issuer",
    );
    eu_case(
        |d| remove(d, "/validFrom"),
        "mc.eu.date-of-issue",
        "/validFrom",
    );
    eu_case(
        |d| set(d, &format!("{A}/learningOutcome"), Value::Array(vec![])),
        "mc.eu.learning-outcomes",
        &format!("{A}/learningOutcome"),
    );
    eu_case(
        |d| {
            remove(d, &format!("{A}/ectsCredits"));
            remove(d, &format!("{A}/learningHours"));
        },
        "mc.eu.workload",
        &format!("{A}/ectsCredits"),
    );
    eu_case(
        |d| remove(d, &format!("{A}/assessmentType")),
        "mc.eu.assessment-type",
        &format!("{A}/assessmentType"),
    );
    eu_case(
        |d| remove(d, &format!("{A}/participationForm")),
        "mc.eu.participation-form",
        &format!("{A}/participationForm"),
    );
    eu_case(
        |d| remove(d, &format!("{A}/qualityAssurance")),
        "mc.eu.quality-assurance",
        &format!("{A}/qualityAssurance"),
    );
}

#[test]
fn eu_reader_checks_values_of_present_elements() {
    eu_case(
        |d| set(d, "/issuer/address/addressCountryCode", "ie".into()),
        "mc.eu.country",
        "/issuer/address/addressCountryCode",
    );
    eu_case(
        |d| set(d, &format!("{A}/learningOutcome/1"), "just text".into()),
        "mc.eu.learning-outcomes",
        &format!("{A}/learningOutcome/1"),
    );
    eu_case(
        |d| set(d, &format!("{A}/learningHours"), num("0")),
        "mc.eu.workload",
        &format!("{A}/learningHours"),
    );
    eu_case(
        |d| set(d, &format!("{A}/ectsCredits"), "3".into()),
        "mc.eu.workload",
        &format!("{A}/ectsCredits"),
    );
    eu_case(
        |d| {
            set(
                d,
                &format!("{A}/eqfLevel"),
                "http://data.europa.eu/snb/eqf/9".into(),
            )
        },
        "mc.eu.level",
        &format!("{A}/eqfLevel"),
    );
    eu_case(
        |d| set(d, &format!("{A}/qfEheaCycle"), "fourth-cycle".into()),
        "mc.eu.level",
        &format!("{A}/qfEheaCycle"),
    );
    eu_case(
        |d| {
            set(
                d,
                &format!("{A}/participationForm"),
                "correspondence".into(),
            )
        },
        "mc.eu.participation-form",
        &format!("{A}/participationForm"),
    );
    eu_case(
        |d| set(d, &format!("{A}/prerequisites"), num("5")),
        "mc.eu.prerequisites",
        &format!("{A}/prerequisites"),
    );
    eu_case(
        |d| set(d, &format!("{A}/assessmentSupervision"), "sometimes".into()),
        "mc.eu.supervision",
        &format!("{A}/assessmentSupervision"),
    );
    eu_case(
        |d| set(d, "/credentialSubject/result/0/type", "Grade".into()),
        "mc.eu.grade",
        "/credentialSubject/result",
    );
    eu_case(
        |d| set(d, &format!("{A}/stackability"), "stacked".into()),
        "mc.eu.stackability",
        &format!("{A}/stackability"),
    );
    eu_case(
        |d| set(d, &format!("{A}/furtherInformation"), Value::Array(vec![])),
        "mc.eu.further-information",
        &format!("{A}/furtherInformation"),
    );
    eu_case(
        |d| set(d, "/validFrom", "2026-03-01".into()),
        "mc.eu.date-of-issue",
        "/validFrom",
    );
}

#[test]
fn eu_learner_may_be_identified_by_an_identity_object() {
    let mut doc = eu_builder().build().unwrap();
    remove(&mut doc, "/credentialSubject/id");
    let identity = json::parse(br#"[{"type": "IdentityObject", "hashed": false, "identityHash": "Ana Andromeda", "identityType": "name"}]"#).unwrap();
    set(&mut doc, "/credentialSubject/identifier", identity);
    assert_eq!(assess(&doc).eu, vec![]);
    assert_eq!(Schema::MicroCredentialEuV1.validate(&doc), vec![]);
}

fn us_case(mutate: impl FnOnce(&mut Value), rule: &str, pointer: &str) {
    let mut doc = us_builder().credits(2.0).build().unwrap();
    mutate(&mut doc);
    let found = rules_at(&assess(&doc).us);
    assert!(
        found.contains(&(rule_static(rule), pointer.to_owned())),
        "{rule} at {pointer} not in {found:?}"
    );
    assert!(
        !Schema::MicroCredentialUsV1.is_valid(&doc),
        "the US schema accepts the document broken for {rule}"
    );
}

#[test]
fn us_reader_checks_every_rule() {
    us_case(
        |d| remove(d, &format!("{A}/name")),
        "mc.us.title",
        &format!("{A}/name"),
    );
    us_case(
        |d| remove(d, &format!("{A}/description")),
        "mc.us.description",
        &format!("{A}/description"),
    );
    us_case(
        |d| set(d, "/issuer", "did:example:college".into()),
        "mc.us.issuer",
        "/issuer",
    );
    us_case(
        |d| remove(d, &format!("{A}/criteria")),
        "mc.us.criteria",
        &format!("{A}/criteria"),
    );
    us_case(
        |d| set(d, &format!("{A}/learningHours"), "12".into()),
        "mc.us.learning-hours",
        &format!("{A}/learningHours"),
    );
    us_case(
        |d| set(d, &format!("{A}/learningHours"), num("100.5")),
        "mc.us.learning-hours",
        &format!("{A}/learningHours"),
    );
    us_case(
        |d| remove(d, &format!("{A}/assessmentType")),
        "mc.us.assessment-type",
        &format!("{A}/assessmentType"),
    );
    us_case(
        |d| remove(d, &format!("{A}/alignment")),
        "mc.us.skills",
        &format!("{A}/alignment"),
    );
    us_case(
        |d| remove(d, &format!("{A}/alignment/0/targetUrl")),
        "mc.us.skills",
        &format!("{A}/alignment/0"),
    );
    us_case(
        |d| set(d, &format!("{A}/creditsAvailable"), "2".into()),
        "mc.us.credits",
        &format!("{A}/creditsAvailable"),
    );
    us_case(
        |d| set(d, "/validUntil", "soon".into()),
        "mc.us.expiry",
        "/validUntil",
    );
}

#[test]
fn hours_are_compared_exactly_not_as_floats() {
    let mut doc = us_builder().build().unwrap();
    // As an f64 this is 100.0; as written it is more than 100.
    set(
        &mut doc,
        &format!("{A}/learningHours"),
        num("100.0000000000000001"),
    );
    assert!(
        rules_at(&assess(&doc).us)
            .contains(&("mc.us.learning-hours", format!("{A}/learningHours")))
    );
    set(&mut doc, &format!("{A}/learningHours"), num("1e2"));
    assert_eq!(assess(&doc).us, vec![], "1e2 is 100 hours, within range");
}

#[test]
fn reader_lists_what_an_ordinary_ob_badge_lacks() {
    let badge = fixture("ob3-badge.json");
    assert_eq!(Schema::Ob3AchievementCredentialV1.validate(&badge), vec![]);
    let report = assess(&badge);
    assert!(!report.meets(Profile::Us) && !report.meets(Profile::Eu));
    let us = rules_at(report.missing(Profile::Us));
    assert_eq!(
        us,
        vec![
            ("mc.context", "/@context".to_owned()),
            ("mc.us.learning-hours", format!("{A}/learningHours")),
            ("mc.us.assessment-type", format!("{A}/assessmentType")),
        ]
    );
}

#[test]
fn reader_never_panics_on_documents_that_are_not_credentials() {
    for text in [
        "null",
        "[]",
        "\"x\"",
        "{}",
        r#"{"credentialSubject": [1, 2]}"#,
        r#"{"credentialSubject": {"achievement": 5}}"#,
    ] {
        let doc = json::parse(text.as_bytes()).unwrap();
        let report = assess(&doc);
        assert!(
            report.us.iter().any(|v| v.rule == "mc.credential"),
            "{text}"
        );
        assert!(!report.meets(Profile::Eu));
    }
}

#[test]
fn missing_context_is_reported_for_both_profiles() {
    let mut doc = eu_builder().build().unwrap();
    set(
        &mut doc,
        "/@context",
        Value::from(vec![
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ]),
    );
    for profile in Profile::ALL {
        assert!(rules_at(&profile.check(&doc)).contains(&("mc.context", "/@context".to_owned())));
        assert!(!profile.schema().is_valid(&doc));
    }
}

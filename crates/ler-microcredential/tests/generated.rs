//! Generated profiles build, pass their schema and the reader, and round-trip through text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use ler_microcredential::{
    AssessmentSupervision, EuMicroCredential, Issuer, ParticipationForm, Profile, QfEheaCycle,
    Schema, Skill, Stackability, UsMicroCredential, assess,
};
use ler_model::json;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ,.'()-]{0,40}"
}

fn skill() -> impl Strategy<Value = Skill> {
    (text(), "[a-z0-9-]{1,20}")
        .prop_map(|(name, slug)| Skill::new(name, format!("https://skills.example/{slug}")))
}

/// Hours from 1 to 100 in hundredths.
fn hours() -> impl Strategy<Value = f64> {
    (100u32..=10_000).prop_map(|h| f64::from(h) / 100.0)
}

fn participation() -> impl Strategy<Value = ParticipationForm> {
    prop_oneof![
        Just(ParticipationForm::Online),
        Just(ParticipationForm::Onsite),
        Just(ParticipationForm::Blended),
        Just(ParticipationForm::Volunteering),
        Just(ParticipationForm::WorkExperience),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_us_micro_credentials_build_validate_and_round_trip(
        title in text(), description in text(), criteria in text(), assessment in text(),
        hours in hours(), skills in prop::collection::vec(skill(), 1..4),
        credits in prop::option::of(0u32..=60), expiry in any::<bool>(),
    ) {
        let mut b = UsMicroCredential::builder()
            .id("urn:uuid:00000000-0000-4000-8000-000000000001")
            .issuer(Issuer::new("did:example:issuer", "Issuer"))
            .learner("did:example:learner")
            .valid_from("2026-01-01T00:00:00Z")
            .achievement_id("https://issuer.example/a/1")
            .title(title).description(description).criteria(criteria).assessment_type(assessment)
            .learning_hours(hours);
        for s in skills { b = b.skill(s); }
        if let Some(c) = credits { b = b.credits(f64::from(c) / 2.0); }
        if expiry { b = b.valid_until("2030-01-01T00:00:00Z"); }
        let doc = b.build().unwrap();
        prop_assert_eq!(Schema::MicroCredentialUsV1.validate(&doc), vec![]);
        prop_assert!(assess(&doc).meets(Profile::Us));
        let again = json::parse(doc.to_string().as_bytes()).unwrap();
        prop_assert_eq!(&again, &doc);
        prop_assert_eq!(json::parse(doc.to_pretty_string().as_bytes()).unwrap(), doc);
    }

    #[test]
    fn generated_eu_micro_credentials_build_validate_and_round_trip(
        title in text(), outcomes in prop::collection::vec(text(), 1..5),
        ects in prop::option::of(1u32..=120), hours in prop::option::of(hours()),
        eqf in prop::option::of(1u8..=8), form in participation(), qa in text(), grade in prop::option::of("[A-F][+-]?"),
        optional in any::<bool>(),
    ) {
        let mut b = EuMicroCredential::builder()
            .id("urn:uuid:00000000-0000-4000-8000-000000000002")
            .issuer(Issuer::new("https://uni.example", "University").country_code("FI"))
            .learner("did:example:learner")
            .valid_from("2026-01-01T00:00:00Z")
            .achievement_id("https://uni.example/a/2")
            .title(title).description("A micro-credential.").criteria("Pass.")
            .assessment_type("exam").participation(form).quality_assurance(qa);
        for o in outcomes { b = b.learning_outcome(o); }
        match (ects, hours) {
            (None, None) => b = b.ects_credits(1.0),
            (e, h) => {
                if let Some(e) = e { b = b.ects_credits(f64::from(e) / 4.0); }
                if let Some(h) = h { b = b.learning_hours(h); }
            }
        }
        if let Some(level) = eqf { b = b.eqf_level(level); }
        if let Some(g) = grade { b = b.grade(g); }
        if optional {
            b = b.qf_ehea_cycle(QfEheaCycle::ShortCycle).prerequisites("None").further_information("See the catalogue.")
                .supervision(AssessmentSupervision::UnsupervisedNoIdentityVerification).stackability(Stackability::Standalone);
        }
        let doc = b.build().unwrap();
        prop_assert_eq!(Schema::MicroCredentialEuV1.validate(&doc), vec![]);
        prop_assert!(assess(&doc).meets(Profile::Eu));
        prop_assert_eq!(json::parse(doc.to_string().as_bytes()).unwrap(), doc);
    }

    #[test]
    fn hours_outside_one_to_a_hundred_are_always_refused(hours in prop_oneof![-1e6f64..0.999_999, 100.000_001f64..1e9]) {
        let err = common::us_builder().learning_hours(hours).build().unwrap_err();
        prop_assert_eq!(err.pointer().map(|p| p.as_str()), Some("/credentialSubject/achievement/learningHours"));
    }

    #[test]
    fn eqf_levels_outside_one_to_eight_are_always_refused(level in prop_oneof![Just(0u8), 9u8..=255]) {
        let err = common::eu_builder().eqf_level(level).build().unwrap_err();
        prop_assert_eq!(err.violations().iter().map(|v| v.rule).collect::<Vec<_>>(), vec!["mc.eu.level"]);
    }

    #[test]
    fn the_reader_and_the_schemas_never_panic_on_arbitrary_json(text in "[\\[\\]{}\",:0-9a-zA-Z.eE+ -]{0,200}") {
        if let Ok(doc) = json::parse(text.as_bytes()) {
            let _ = assess(&doc);
            let _ = ler_microcredential::check_stack(&doc);
            for schema in Schema::ALL {
                let _ = schema.validate(&doc);
            }
        }
    }
}

proptest! {
    // Signing with eddsa-rdfc-2022 canonicalizes the whole document: a few cases only.
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn generated_us_micro_credentials_sign_and_verify_with_a_schema_pass(
        title in text(), description in text(), hours in hours(),
        skills in prop::collection::vec(skill(), 1..3), credits in prop::option::of(0u32..=60),
    ) {
        use ler_proof::{Ed25519KeyPair, Ed25519Signer, di};
        use ler_verify::{Outcome, Verdict, VerifyOptions};

        let key = Ed25519KeyPair::from_seed(&[7; 32]);
        let mut b = UsMicroCredential::builder()
            .id("urn:uuid:00000000-0000-4000-8000-000000000003")
            .issuer(Issuer::new(key.public_key().did_key(), "Issuer"))
            .learner("did:example:learner")
            .valid_from("2026-01-01T00:00:00Z")
            .achievement_id("https://issuer.example/a/3")
            .title(title).description(description).criteria("Pass.").assessment_type("exam")
            .learning_hours(hours);
        for s in skills { b = b.skill(s); }
        if let Some(c) = credits { b = b.credits(f64::from(c) / 2.0); }
        let doc = b.build().unwrap();
        let proof = di::ProofOptions::new(di::Cryptosuite::EddsaRdfc2022).created("2026-01-01T00:00:00Z");
        let signed = di::sign(&doc, &proof, &Ed25519Signer::did_key(key)).unwrap();
        let at = ler_model::date::parse_date_time_stamp("2026-06-01T00:00:00Z").unwrap();
        let options = VerifyOptions::default().at(at).check(ler_microcredential::SchemaCheck::new());
        let verification = ler_verify::verify(signed.to_string().as_bytes(), &options);
        let report = verification.report();
        prop_assert_eq!(report.verdict, Verdict::Verified, "{}", report.to_json());
        let outcomes: Vec<Outcome> = report.checks_with_id("schema.json").map(|c| c.outcome).collect();
        prop_assert_eq!(outcomes, vec![Outcome::Pass]);
    }
}

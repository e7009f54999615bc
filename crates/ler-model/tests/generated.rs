//! Property tests: credentials built from generated typed input round-trip through text
//! unchanged and validate, and the typed views read the input back.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ler_model::builder::{
    AchievementCredentialBuilder, ClrCredentialBuilder, EmploymentRecordBuilder, NewAchievement,
    NewAlignment, NewProfile, NewResult, NewResultDescription, NewRole,
};
use ler_model::json;
use ler_model::{Credential, EmploymentType};
use proptest::prelude::*;

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9]{1,12}".prop_map(|s| format!("https://example.org/{s}")),
        "[0-9a-f]{8}".prop_map(|s| format!("urn:uuid:{s}-0000-4000-8000-000000000000")),
        "[a-zA-Z0-9]{4,20}".prop_map(|s| format!("did:example:{s}")),
    ]
}

/// Text with the characters that stress a writer: quotes, backslashes, controls, non-ASCII.
fn text() -> impl Strategy<Value = String> {
    "[ -~\u{e9}\u{4e2d}\u{1F600}\"\\\\\n\t\u{1}]{1,24}"
}

fn date_time() -> impl Strategy<Value = (String, String)> {
    (
        1970u32..2100,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        1u32..5,
    )
        .prop_map(|(y, mo, d, h, mi, years)| {
            (
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:00Z"),
                format!("{:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:00Z", y + years),
            )
        })
}

fn alignment() -> impl Strategy<Value = NewAlignment> {
    (
        text(),
        url(),
        proptest::option::of(text()),
        proptest::option::of(prop::sample::select(vec![
            "CFItem",
            "ceasn:Competency",
            "ext:Skill",
        ])),
    )
        .prop_map(|(name, url, framework, target_type)| {
            let mut a = NewAlignment::new(name, url);
            a.target_framework = framework;
            a.target_type = target_type.map(str::to_owned);
            a
        })
}

fn achievement() -> impl Strategy<Value = NewAchievement> {
    (
        url(),
        text(),
        text(),
        text(),
        prop::sample::select(vec![
            "Badge",
            "Certificate",
            "Course",
            "MicroCredential",
            "ext:Quest",
        ]),
        proptest::collection::vec(alignment(), 0..4),
        0u16..500,
    )
        .prop_map(
            |(id, name, description, criteria, kind, alignments, credits)| {
                let mut a = NewAchievement::new(id, name, description, criteria)
                    .achievement_type(kind)
                    .credits_available(credits);
                a.alignments = alignments;
                a
            },
        )
}

fn badge() -> impl Strategy<Value = (AchievementCredentialBuilder, NewAchievement)> {
    (
        url(),
        url(),
        text(),
        date_time(),
        text(),
        url(),
        achievement(),
        proptest::collection::vec(text(), 0..3),
    )
        .prop_map(
            |(id, issuer_id, issuer_name, (from, until), name, subject, achievement, grades)| {
                let mut achievement = achievement;
                let mut builder = AchievementCredentialBuilder::new(id)
                    .issuer(NewProfile::new(issuer_id, issuer_name))
                    .valid_from(from)
                    .valid_until(until)
                    .name(name)
                    .subject(subject);
                for (i, grade) in grades.into_iter().enumerate() {
                    let rd = format!("urn:uuid:00000000-0000-4000-8000-00000000000{i}");
                    achievement = achievement.result_description(NewResultDescription::new(
                        &rd,
                        "Grade",
                        "LetterGrade",
                    ));
                    builder = builder.result(NewResult::new(rd, grade));
                }
                (builder.achievement(achievement.clone()), achievement)
            },
        )
}

fn round_trips(credential: &Credential) {
    assert_eq!(credential.validate(), vec![]);
    for text in [credential.to_json_string(), credential.to_pretty_string()] {
        let back = Credential::from_slice(text.as_bytes()).unwrap();
        assert_eq!(&back, credential);
        assert_eq!(back.to_json_string(), credential.to_json_string());
        // An independent parser reads the same data.
        let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
        let ours: serde_json::Value = serde_json::from_str(&credential.to_json_string()).unwrap();
        assert_eq!(theirs, ours);
    }
    assert_eq!(
        json::parse(credential.to_json_string().as_bytes()).unwrap(),
        credential.clone().into_value()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn achievement_credentials_round_trip_and_validate((builder, achievement) in badge()) {
        let credential = builder.build().unwrap();
        round_trips(&credential);
        let read = credential.subjects()[0].achievement().unwrap();
        prop_assert_eq!(read.name(), Some(achievement.name.as_str()));
        prop_assert_eq!(read.criteria_narrative(), Some(achievement.criteria.as_str()));
        prop_assert_eq!(read.alignments().len(), achievement.alignments.len());
        for (got, want) in read.alignments().iter().zip(&achievement.alignments) {
            prop_assert_eq!(got.target_name(), Some(want.target_name.as_str()));
            prop_assert_eq!(got.target_url(), Some(want.target_url.as_str()));
        }
    }

    #[test]
    fn clrs_round_trip_and_validate(badges in proptest::collection::vec(badge(), 1..4), id in url(), (from, _) in date_time()) {
        let mut builder = ClrCredentialBuilder::new(id)
            .issuer(NewProfile::new("https://example.edu/issuers/1", "Example"))
            .valid_from(from)
            .name("Transcript");
        for (b, _) in &badges {
            builder = builder.credential(b.build().unwrap());
        }
        let clr = builder.build().unwrap();
        round_trips(&clr);
        prop_assert_eq!(clr.subjects()[0].credentials().len(), badges.len());
    }

    #[test]
    fn employment_records_round_trip_and_validate(
        id in url(),
        title in text(),
        (start_year, start_month, days) in (1970i32..2090, 1u32..=12, 0u32..4000),
        hours in 0u8..=168,
        kind in prop::sample::select(EmploymentType::ALL.to_vec()),
        duties in proptest::collection::vec(text(), 0..4),
        skills in proptest::collection::vec(alignment(), 0..4),
        code in (10u32..100, 1000u32..10000),
    ) {
        let start = format!("{start_year:04}-{start_month:02}-01");
        let end_year = start_year + i32::try_from(days / 365).unwrap();
        let end = format!("{end_year:04}-{start_month:02}-15");
        let mut role = NewRole::new(title.clone())
            .dates(start.clone(), Some(&end))
            .employment_type(kind)
            .hours_per_week(hours)
            .occupation(NewAlignment::onet_occupation(&format!("{}-{}.00", code.0, code.1), "Occupation"));
        role.duties = duties.clone();
        role.skills = skills;
        let record = EmploymentRecordBuilder::new(id)
            .issuer(NewProfile::new("https://acme.example/org", "Acme"))
            .valid_from("2024-07-01T00:00:00Z")
            .name("Employment record")
            .subject("did:example:worker")
            .employer(NewProfile::new("https://acme.example/org", "Acme"))
            .role(role)
            .build()
            .unwrap();
        round_trips(&record);
        let read = record.subjects()[0].role().unwrap();
        prop_assert_eq!(read.position_title(), Some(title.as_str()));
        prop_assert_eq!(read.start_date(), Some(start.as_str()));
        prop_assert_eq!(read.employment_type(), Some(kind));
        prop_assert_eq!(read.hours_per_week().unwrap().as_u64(), Some(u64::from(hours)));
        prop_assert_eq!(read.duties(), duties.iter().map(String::as_str).collect::<Vec<_>>());
    }
}

#[test]
fn a_builder_reports_what_is_missing() {
    let err = AchievementCredentialBuilder::new("urn:uuid:1")
        .name("No issuer, no achievement")
        .build()
        .unwrap_err();
    let rules: Vec<&str> = err.violations.iter().map(|v| v.rule.id()).collect();
    assert_eq!(
        rules,
        [
            "vc.issuer.missing",
            "ob.credential.required",
            "ob.subject.identifier",
            "ob.subject.required"
        ]
    );
    let err = EmploymentRecordBuilder::new("urn:uuid:2")
        .issuer(NewProfile::new("https://acme.example/org", "Acme"))
        .valid_from("2024-07-01T00:00:00Z")
        .name("Bad dates")
        .subject("did:example:w")
        .employer(NewProfile::new("https://acme.example/org", "Acme"))
        .role(NewRole::new("Analyst").dates("2024-05-01", Some("2023-05-01")))
        .build()
        .unwrap_err();
    assert_eq!(err.violations[0].rule.id(), "emp.date.order");
    assert!(err.to_string().contains("emp.date.order"), "{err}");
}

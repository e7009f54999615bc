//! The committed example documents (`examples/`) and benchmark inputs (`benches/fixtures/`)
//! are what the builders produce, and they validate. `LER_WRITE_FIXTURES=1 cargo test -p
//! ler-model --test fixtures` rewrites them after a deliberate change.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use ler_model::builder::{
    AchievementCredentialBuilder, ClrCredentialBuilder, EmploymentRecordBuilder, NewAchievement,
    NewAlignment, NewAssociation, NewProfile, NewResult, NewResultDescription, NewRole,
};
use ler_model::json::{Object, Value};
use ler_model::{Credential, CredentialKind, EmploymentType, context};

const LEARNER: &str = "did:example:ebfeb1f712ebc6f1c276e12ec21";

fn university() -> NewProfile {
    NewProfile::new("https://example.edu/issuers/565049", "Example University")
        .url("https://example.edu")
}

fn small_badge() -> Credential {
    AchievementCredentialBuilder::new("urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58")
        .issuer(university())
        .valid_from("2024-06-01T00:00:00Z")
        .name("Teamwork Badge")
        .description("Example University awards this badge to learners who show they can work well in a team.")
        .subject(LEARNER)
        .achievement(
            NewAchievement::new(
                "https://example.edu/achievements/teamwork",
                "Teamwork",
                "This badge recognizes the development of the capacity to collaborate within a group environment.",
                "Team members are nominated for this badge by their peers and recognized upon review by Example University staff.",
            )
            .achievement_type("Badge")
            .alignment(
                NewAlignment::new("Teamwork", "https://example.org/frameworks/skills/teamwork")
                    .framework("Example Skills Framework")
                    .code("TW-1")
                    .target_type("CFItem"),
            ),
        )
        .build()
        .unwrap()
}

fn large_badge() -> Credential {
    let mut achievement = NewAchievement::new(
        "https://example.edu/programs/data-analytics",
        "Data Analytics Certificate",
        "Awarded for completing the twenty-module data analytics program with a passing grade in every module.",
        "Complete all twenty modules with a grade of C or better and submit a capstone project.",
    )
    .achievement_type("Certificate")
    .credits_available(30u8)
    .tag("data")
    .tag("analytics");
    for i in 1..=50 {
        achievement = achievement.alignment(
            NewAlignment::new(
                format!("Data skill {i:02}"),
                format!("https://example.org/skills/ds-{i:02}"),
            )
            .code(format!("DS-{i:02}"))
            .target_type("ceasn:Competency"),
        );
    }
    let mut builder =
        AchievementCredentialBuilder::new("urn:uuid:2c3a1e5d-8f2b-4c6e-9a7d-1b0e4f3c2d10")
            .issuer(university())
            .valid_from("2024-06-01T00:00:00Z")
            .valid_until("2034-06-01T00:00:00Z")
            .name("Data Analytics Certificate")
            .subject(LEARNER);
    for i in 1..=20 {
        let id = format!("urn:uuid:5f0c6a2e-0000-4000-8000-0000000000{i:02}");
        achievement = achievement.result_description(NewResultDescription::new(
            &id,
            format!("Module {i:02} grade"),
            "LetterGrade",
        ));
        builder = builder.result(NewResult::new(id, ["A", "B", "C"][i % 3]));
    }
    builder.achievement(achievement).build().unwrap()
}

fn plain_vc() -> Credential {
    // Only terms the VC 2.0 context defines: no examples context, no issuer-dependent terms.
    let text = r#"{
  "@context": [
    "https://www.w3.org/ns/credentials/v2"
  ],
  "id": "urn:uuid:7e1b2c3d-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
  "type": [
    "VerifiableCredential"
  ],
  "issuer": {
    "id": "https://example.edu/issuers/565049",
    "name": "Example University"
  },
  "validFrom": "2024-06-01T00:00:00Z",
  "validUntil": "2029-06-01T00:00:00Z",
  "name": [
    {
      "@value": "Proof of enrolment",
      "@language": "en"
    },
    {
      "@value": "Attestation d'inscription",
      "@language": "fr"
    }
  ],
  "description": "States that the subject was enrolled at Example University in the 2024 academic year.",
  "credentialSubject": {
    "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
    "name": "Pat Example",
    "description": "Enrolled full time, 2024 academic year."
  }
}"#;
    Credential::from_slice(text.as_bytes()).unwrap()
}

fn course(i: usize) -> Credential {
    AchievementCredentialBuilder::new(format!("urn:uuid:91537dba-56cb-11ec-bf63-0242ac1300{i:02}"))
        .issuer(university())
        .valid_from("2024-06-01T00:00:00Z")
        .name(format!("Course {i:02} completion"))
        .subject(LEARNER)
        .achievement(
            NewAchievement::new(
                format!("https://example.edu/courses/{i:02}"),
                format!("Course {i:02}"),
                format!("Completion of course {i:02} of the data analytics program."),
                "Pass the final assessment.",
            )
            .achievement_type("Course")
            .credits_available(3u8),
        )
        .result(NewResult::new(
            format!("https://example.edu/courses/{i:02}/grade"),
            "A",
        ))
        .build()
        .unwrap()
}

fn clr(count: usize, id: &str) -> Credential {
    let mut builder = ClrCredentialBuilder::new(id)
        .issuer(university())
        .valid_from("2024-07-01T00:00:00Z")
        .name("Example University transcript")
        .subject(LEARNER);
    for i in 1..=count {
        builder = builder.credential(course(i));
    }
    for i in 2..=count {
        builder = builder.association(NewAssociation::new(
            "precedes",
            format!("https://example.edu/courses/{:02}", i - 1),
            format!("https://example.edu/courses/{i:02}"),
        ));
    }
    builder.build().unwrap()
}

fn employment() -> Credential {
    let employer = NewProfile::new("https://acme.example/org", "Acme Analytics Ltd")
        .url("https://acme.example");
    EmploymentRecordBuilder::new("urn:uuid:0e5f6f4c-3d4e-4f0b-9a51-6a7b1c2d3e4f")
        .issuer(employer.clone())
        .valid_from("2024-07-01T00:00:00Z")
        .name("Employment record: Data Analyst")
        .subject("did:example:worker-4471")
        .employer(employer)
        .role(
            NewRole::new("Data Analyst")
                .dates("2021-03-01", Some("2024-06-30"))
                .employment_type(EmploymentType::FullTime)
                .hours_per_week(40u8)
                .occupation(NewAlignment::onet_occupation(
                    "15-2051.01",
                    "Business Intelligence Analysts",
                ))
                .occupation(NewAlignment::esco_occupation(
                    "http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2",
                    "data analyst",
                ))
                .duty("Built and maintained the weekly sales dashboard")
                .duty("Trained five colleagues in SQL")
                .skill(
                    NewAlignment::new("SQL", "https://example.org/frameworks/skills/sql")
                        .framework("Example Skills Framework")
                        .target_type("ceasn:Competency"),
                )
                .skill(
                    NewAlignment::new(
                        "Data visualisation",
                        "https://example.org/frameworks/skills/data-visualisation",
                    )
                    .framework("Example Skills Framework")
                    .target_type("ceasn:Competency"),
                ),
        )
        .build()
        .unwrap()
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn all() -> Vec<(PathBuf, Credential)> {
    let examples = crate_dir().join("examples");
    let benches = crate_dir().join("../../benches/fixtures");
    vec![
        (
            examples.join("achievement-credential.json"),
            large_badge_trimmed(),
        ),
        (
            examples.join("clr.json"),
            clr(3, "urn:uuid:5d2b9ab5-7c7e-4b1c-b3d3-8f0d4b8e9a10"),
        ),
        (examples.join("employment-record.json"), employment()),
        (benches.join("ob3-small.json"), small_badge()),
        (benches.join("ob3-large.json"), large_badge()),
        (benches.join("vc2-plain.json"), plain_vc()),
        (
            benches.join("clr2-10.json"),
            clr(10, "urn:uuid:8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d"),
        ),
        (benches.join("employment.json"), employment()),
    ]
}

/// The example achievement: the small badge's shape with results and alignments, readable.
fn large_badge_trimmed() -> Credential {
    let mut achievement = NewAchievement::new(
        "https://example.edu/programs/data-analytics",
        "Data Analytics Certificate",
        "Awarded for completing the data analytics program.",
        "Complete every module with a grade of C or better and submit a capstone project.",
    )
    .achievement_type("Certificate")
    .credits_available(30u8)
    .result_description(NewResultDescription::new(
        "https://example.edu/programs/data-analytics/capstone",
        "Capstone grade",
        "LetterGrade",
    ))
    .alignment(
        NewAlignment::new(
            "Data analysis",
            "https://example.org/frameworks/skills/data-analysis",
        )
        .framework("Example Skills Framework")
        .target_type("ceasn:Competency"),
    )
    .alignment(
        NewAlignment::new("SQL", "https://example.org/frameworks/skills/sql")
            .framework("Example Skills Framework")
            .target_type("ceasn:Competency"),
    );
    achievement.field_of_study = Some("Data Science".into());
    AchievementCredentialBuilder::new("urn:uuid:3b2f6f0e-9d1c-4f7a-8e2b-6c5d4a3b2a19")
        .issuer(university())
        .valid_from("2024-06-01T00:00:00Z")
        .name("Data Analytics Certificate")
        .description(
            "Example University certifies that the holder completed its data analytics program.",
        )
        .subject(LEARNER)
        .achievement(achievement)
        .result(NewResult::new(
            "https://example.edu/programs/data-analytics/capstone",
            "A",
        ))
        .build()
        .unwrap()
}

#[test]
fn committed_documents_are_the_builders_output_and_valid() {
    let write = std::env::var_os("LER_WRITE_FIXTURES").is_some();
    for (path, credential) in all() {
        assert_eq!(credential.validate(), vec![], "{}", path.display());
        // Examples are for reading (pretty); benchmark inputs are compact, as on the wire.
        let pretty = path.parent().is_some_and(|d| d.ends_with("examples"));
        let text = if pretty {
            credential.to_pretty_string()
        } else {
            credential.to_json_string()
        } + "\n";
        if write {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            committed,
            text,
            "{} differs from the builder's output",
            path.display()
        );
        // And reading the committed bytes gives a valid document of the expected kind.
        let read = Credential::from_slice(committed.as_bytes()).unwrap();
        assert!(read.validate().is_empty(), "{}", path.display());
    }
}

#[test]
fn fixtures_are_the_kinds_and_sizes_promised() {
    let benches = crate_dir().join("../../benches/fixtures");
    let size = |name: &str| {
        std::fs::metadata(benches.join(name))
            .map(|m| m.len())
            .unwrap_or(0)
    };
    assert!(
        (1_000..=1_500).contains(&size("ob3-small.json")),
        "ob3-small is about 1.2 kB: {}",
        size("ob3-small.json")
    );
    assert!(
        (11_000..=15_000).contains(&size("ob3-large.json")),
        "ob3-large is about 13 kB: {}",
        size("ob3-large.json")
    );
    let large =
        Credential::from_slice(&std::fs::read(benches.join("ob3-large.json")).unwrap()).unwrap();
    let subject = large.subjects()[0];
    assert_eq!(subject.achievement().unwrap().alignments().len(), 50);
    assert_eq!(subject.results().len(), 20);
    let clr =
        Credential::from_slice(&std::fs::read(benches.join("clr2-10.json")).unwrap()).unwrap();
    assert_eq!(clr.kind(), CredentialKind::Clr);
    assert_eq!(clr.subjects()[0].credentials().len(), 10);
    let plain =
        Credential::from_slice(&std::fs::read(benches.join("vc2-plain.json")).unwrap()).unwrap();
    assert_eq!(plain.view().contexts(), [context::VC_V2]);
    assert_eq!(plain.kind(), CredentialKind::Plain);
    // The README beside the fixtures gives each file's size; keep it true.
    let readme = std::fs::read_to_string(benches.join("README.md")).unwrap();
    for name in [
        "ob3-small.json",
        "ob3-large.json",
        "vc2-plain.json",
        "clr2-10.json",
        "employment.json",
    ] {
        let row = readme
            .lines()
            .find(|l| l.contains(&format!("`{name}`")))
            .unwrap_or_else(|| panic!("{name} in README"));
        assert!(
            row.contains(&format!("| {} |", size(name))),
            "README size of {name} is {}",
            size(name)
        );
    }
}

#[test]
fn no_fixture_is_signed() {
    for (path, credential) in all() {
        assert!(credential.proofs().is_empty(), "{}", path.display());
        assert!(!credential.as_object().contains_key("proof"));
    }
}

/// Every property name the fixtures use, so the contexts' coverage can be reviewed at a glance
/// (and the employment terms match the context the JSON-LD crate carries).
#[test]
fn employment_terms_are_the_documented_set() {
    let record = employment();
    let role = record.subjects()[0].role().unwrap();
    let keys: Vec<&str> = role.as_object().keys().collect();
    for key in &keys {
        assert!(
            [
                "type",
                "positionTitle",
                "occupation",
                "startDate",
                "endDate",
                "employmentType",
                "hoursPerWeek",
                "duties",
                "skill"
            ]
            .contains(key),
            "{key}"
        );
    }
    let subject: &Object = record.subjects()[0].as_object();
    assert_eq!(
        subject.keys().collect::<Vec<_>>(),
        ["id", "type", "employer", "role"]
    );
    assert!(matches!(record.as_object().get("@context"), Some(Value::Array(c)) if c.len() == 3));
    let _ = Path::new("");
}

#![allow(
    dead_code,
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::path::PathBuf;

use ler_microcredential::{
    AssessmentSupervision, EuMicroCredential, Issuer, ParticipationForm, QfEheaCycle, Skill,
    Stackability, UsMicroCredential,
};
use ler_model::json::{self, Value};

/// `/work/shared` (or wherever `../../../shared` from the crate points), when present.
pub fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

pub fn read(path: &std::path::Path) -> Value {
    json::parse(&std::fs::read(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn fixture(name: &str) -> Value {
    read(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
}

pub fn us_builder() -> UsMicroCredential {
    UsMicroCredential::builder()
        .id("urn:uuid:5f0a3c52-8c3e-4a51-9d36-0c4b8e1f2a01")
        .issuer(Issuer::new(
            "did:example:college",
            "Example Community College",
        ))
        .learner("did:example:learner")
        .valid_from("2026-03-01T00:00:00Z")
        .achievement_id("https://college.example/achievements/mig-welding")
        .title("MIG welding fundamentals")
        .description("Sets up a MIG welder and lays sound fillet welds on mild steel.")
        .criteria("Passes a supervised practical weld test.")
        .learning_hours(12.5)
        .assessment_type("practical demonstration")
        .skill(
            Skill::new("weld metal", "http://data.europa.eu/esco/skill/weld-metal")
                .framework("ESCO"),
        )
}

pub fn eu_builder() -> EuMicroCredential {
    EuMicroCredential::builder()
        .id("urn:uuid:0d8e4b7a-2f11-4c1e-9b62-3a5f7d9c1e02")
        .issuer(
            Issuer::new("https://uni.example", "University of Example")
                .country("Ireland")
                .country_code("IE")
                .region("Dublin"),
        )
        .learner("did:example:learner")
        .valid_from("2026-03-01T00:00:00Z")
        .achievement_id("https://uni.example/mc/data-literacy")
        .title("Data literacy for public servants")
        .description("Reads, questions and presents data in policy work.")
        .criteria("Passes the final project.")
        .learning_outcome("Interprets descriptive statistics in policy documents")
        .learning_outcome("Builds a simple chart that answers a stated question")
        .ects_credits(3.0)
        .learning_hours(75.0)
        .eqf_level(6)
        .qf_ehea_cycle(QfEheaCycle::FirstCycle)
        .assessment_type("graded project")
        .participation(ParticipationForm::Blended)
        .quality_assurance("Internal QA of the university, reviewed by QQI")
}

pub fn eu_builder_full() -> EuMicroCredential {
    eu_builder()
        .prerequisites("None")
        .supervision(AssessmentSupervision::SupervisedWithIdentityVerification)
        .grade("B+")
        .stackability(Stackability::Integrated)
        .further_information("https://uni.example/mc/data-literacy")
}

/// Removes the member at `pointer` (parent must be an object).
pub fn remove(doc: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let mut at = doc;
    for token in parent.split('/').skip(1) {
        at = match at {
            Value::Object(o) => o
                .get_mut(token)
                .unwrap_or_else(|| panic!("no {token} in {pointer}")),
            Value::Array(a) => &mut a[token.parse::<usize>().unwrap()],
            _ => panic!("no {pointer}"),
        };
    }
    at.as_object_mut()
        .unwrap()
        .remove(key)
        .unwrap_or_else(|| panic!("no {pointer}"));
}

/// Sets the member at `pointer` (parent must be an object).
pub fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let mut at = doc;
    for token in parent.split('/').skip(1) {
        at = match at {
            Value::Object(o) => o
                .get_mut(token)
                .unwrap_or_else(|| panic!("no {token} in {pointer}")),
            Value::Array(a) => &mut a[token.parse::<usize>().unwrap()],
            _ => panic!("no {pointer}"),
        };
    }
    match at {
        Value::Array(a) => a[key.parse::<usize>().unwrap()] = value,
        other => {
            other
                .as_object_mut()
                .unwrap_or_else(|| panic!("no object at {parent}"))
                .insert(key, value);
        }
    }
}

pub fn num(text: &str) -> Value {
    Value::Number(text.parse().unwrap())
}

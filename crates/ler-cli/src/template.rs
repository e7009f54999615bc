//! `ler template KIND`: a complete, valid, unsigned example that `ler issue` signs as it is.
//!
//! The examples come from the library builders, so they are what the builders accept; their
//! skills and occupations are real ESCO and O*NET concepts (welding), so `ler skills profile`
//! resolves them. The same builders make the demo's credentials.

use std::path::PathBuf;

use ler::microcredential::{
    AssessmentSupervision, EuMicroCredential, Issuer, ParticipationForm, Skill, Stackability,
    UsMicroCredential,
};
use ler::model::EmploymentType;
use ler::model::builder::{
    AchievementCredentialBuilder, ClrCredentialBuilder, EmploymentRecordBuilder, NewAchievement,
    NewAlignment, NewProfile, NewRole,
};
use ler::model::json::Value;
use ler::proof::di::{self, Cryptosuite, ProofOptions};
use ler::proof::{Ed25519KeyPair, Ed25519Signer};

use crate::Outcome;
use crate::common::{print, read_key};

/// The kinds of template.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Kind {
    /// A US workforce micro-credential (hours, assessment, skills).
    MicroUs,
    /// An EU micro-credential (Council Recommendation 2022/C 243/02, Annex I elements).
    MicroEu,
    /// An employment record (role, dates, O*NET and ESCO occupation, skills).
    Employment,
    /// An Open Badges 3.0 achievement credential.
    Ob3,
    /// A CLR 2.0 transcript holding one signed Open Badges credential.
    Clr,
}

/// Arguments of `ler template`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Which example to print.
    #[arg(value_enum)]
    kind: Kind,
    /// Make the key's controller (its did:key, for `ler keygen` keys) the issuer, so that
    /// `ler issue --key FILE` signs the template as it is. For `clr`, the embedded credential is
    /// signed with this key too.
    #[arg(long, value_name = "FILE", conflicts_with = "issuer")]
    key: Option<PathBuf>,
    /// The issuer id to write (a DID or URL) when there is no --key.
    #[arg(long, value_name = "URL")]
    issuer: Option<String>,
    /// The learner's (or worker's) id, `credentialSubject.id`.
    #[arg(long, value_name = "URL", default_value = LEARNER)]
    subject: String,
}

/// The learner of the examples.
pub(crate) const LEARNER: &str = "did:example:learner-2f1c";

/// The seed of the key the examples name as issuer when none is given. It is public, so the
/// credentials it signs prove nothing: it only makes `ler template clr` self-contained.
const EXAMPLE_SEED: [u8; 32] = *b"ler template example issuer key!";

/// The signer of the examples when none is given.
fn example_signer() -> Ed25519Signer {
    Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&EXAMPLE_SEED))
}

/// An ESCO skill alignment.
fn esco(name: &str, uuid: &str) -> Skill {
    Skill::new(name, format!("http://data.europa.eu/esco/skill/{uuid}")).framework("ESCO")
}

/// An ESCO skill as a model alignment.
fn esco_alignment(name: &str, uuid: &str) -> NewAlignment {
    NewAlignment::new(name, format!("http://data.europa.eu/esco/skill/{uuid}")).framework("ESCO")
}

/// Everything an example needs besides its kind.
pub(crate) struct Parties<'a> {
    /// The issuer's id and display name.
    pub(crate) issuer: (&'a str, &'a str),
    /// The learner's id.
    pub(crate) subject: &'a str,
    /// `validFrom`.
    pub(crate) valid_from: &'a str,
}

/// A US micro-credential in MIG welding, aligned to three ESCO skills.
pub(crate) fn micro_us(p: &Parties<'_>) -> Result<Value, String> {
    UsMicroCredential::builder()
        .id("urn:uuid:8c1e2f8a-3b0d-4c55-9f0e-5a1d7e2b4c01")
        .issuer(Issuer::new(p.issuer.0, p.issuer.1))
        .learner(p.subject)
        .valid_from(p.valid_from)
        .achievement_id("https://college.example/achievements/mig-welding-fundamentals")
        .title("MIG welding fundamentals")
        .description("Sets up a MIG welder and lays sound fillet and butt welds on mild steel.")
        .criteria("Passes a supervised practical weld test, inspected to AWS D1.1 visual criteria.")
        .learning_hours(40.0)
        .assessment_type("practical demonstration")
        .skill(esco(
            "perform metal active gas welding",
            "60ff3eac-7d4d-4e51-87b8-74c3b5d62498",
        ))
        .skill(esco(
            "operate welding equipment",
            "2fcd95a4-1f9a-41cf-95a9-4701bde476b4",
        ))
        .skill(esco(
            "wear appropriate protective gear",
            "6122d586-5978-431f-8e7a-96e61fc1f3fc",
        ))
        .build()
        .map_err(|e| format!("the US micro-credential example is refused: {e}"))
}

/// An EU micro-credential in weld inspection, with every Annex I element.
pub(crate) fn micro_eu(p: &Parties<'_>) -> Result<Value, String> {
    EuMicroCredential::builder()
        .id("urn:uuid:1f4b7a20-9c3e-4d6a-8b5f-2e0c9d1a7b02")
        .issuer(
            Issuer::new(p.issuer.0, p.issuer.1)
                .country("Germany")
                .country_code("DE"),
        )
        .learner(p.subject)
        .valid_from(p.valid_from)
        .achievement_id("https://tu.example/micro/weld-inspection")
        .title("Weld inspection and quality")
        .description(
            "Inspects welded joints for imperfections and records them against quality standards.",
        )
        .criteria("Passes a written test and an inspection of ten sample joints.")
        .learning_outcome("Identifies surface and internal weld imperfections.")
        .learning_outcome("Records findings against ISO 5817 quality levels.")
        .ects_credits(2.0)
        .learning_hours(50.0)
        .eqf_level(4)
        .assessment_type("written test and practical inspection")
        .participation(ParticipationForm::Blended)
        .quality_assurance("Accredited by the national accreditation body")
        .supervision(AssessmentSupervision::SupervisedWithIdentityVerification)
        .stackability(Stackability::Integrated)
        .skill(esco(
            "spot metal imperfections",
            "34250f4b-b39e-42bd-a2d7-783e90051b08",
        ))
        .skill(esco(
            "welding techniques",
            "530cb489-d900-46ab-9350-4d50ccd49eea",
        ))
        .skill(esco(
            "quality standards",
            "8d4271ca-c9fd-40b3-875f-15f78332a49e",
        ))
        .build()
        .map_err(|e| format!("the EU micro-credential example is refused: {e}"))
}

/// An employment record: a welder, aligned to O*NET and ESCO.
pub(crate) fn employment(p: &Parties<'_>) -> Result<Value, String> {
    let employer = NewProfile::new(p.issuer.0, p.issuer.1);
    EmploymentRecordBuilder::new("urn:uuid:4d9e0b6c-2a7f-4e31-b8c5-7f3a1e6d9c03")
        .issuer(employer.clone())
        .valid_from(p.valid_from)
        .name("Employment record: Welder")
        .subject(p.subject)
        .employer(employer)
        .role(
            NewRole::new("Welder")
                .dates("2023-04-03", Some("2026-09-30"))
                .employment_type(EmploymentType::FullTime)
                .hours_per_week(38u8)
                .occupation(NewAlignment::onet_occupation(
                    "51-4121.00",
                    "Welders, Cutters, Solderers, and Brazers",
                ))
                .occupation(NewAlignment::esco_occupation(
                    "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b",
                    "welder",
                ))
                .duty("Welded structural steel frames with MIG and TIG processes")
                .duty("Inspected joints and repaired defects before painting")
                .skill(esco_alignment(
                    "apply arc welding techniques",
                    "27d26fd6-5795-4f0a-884e-112df7c68314",
                ))
                .skill(esco_alignment(
                    "perform tungsten inert gas welding",
                    "a51adea8-bf02-488a-a0d8-b0961caca5b0",
                ))
                .skill(esco_alignment(
                    "join metals",
                    "29d762da-1711-4a3c-b424-f0a404f4bf2d",
                )),
        )
        .build()
        .map(ler::model::Credential::into_value)
        .map_err(|e| format!("the employment example is refused: {e}"))
}

fn badge(p: &Parties<'_>) -> AchievementCredentialBuilder {
    AchievementCredentialBuilder::new("urn:uuid:6a2c9e14-7b3f-4f08-9d61-3c5e8b0a1f04")
        .issuer(NewProfile::new(p.issuer.0, p.issuer.1))
        .valid_from(p.valid_from)
        .name("Welding safety")
        .subject(p.subject)
        .achievement(
            NewAchievement::new(
                "https://college.example/achievements/welding-safety",
                "Welding safety",
                "Works safely with welding equipment, fumes and hot metal.",
                "Passes the workshop safety assessment.",
            )
            .achievement_type("Badge")
            .alignment(esco_alignment(
                "wear appropriate protective gear",
                "6122d586-5978-431f-8e7a-96e61fc1f3fc",
            )),
        )
}

/// An Open Badges 3.0 badge.
pub(crate) fn ob3(p: &Parties<'_>) -> Result<Value, String> {
    badge(p)
        .build()
        .map(ler::model::Credential::into_value)
        .map_err(|e| format!("the Open Badges example is refused: {e}"))
}

/// A CLR 2.0 holding the badge, signed by `signer` (the CLR itself is left unsigned).
pub(crate) fn clr(p: &Parties<'_>, signer: &Ed25519Signer) -> Result<Value, String> {
    let inner = ob3(p)?;
    let options = ProofOptions::new(Cryptosuite::EddsaRdfc2022).created(p.valid_from);
    let signed = di::sign(&inner, &options, signer)
        .map_err(|e| format!("cannot sign the CLR's badge: {e}"))?;
    let Value::Object(signed) = signed else {
        return Err("the signed badge is not an object".to_owned());
    };
    ClrCredentialBuilder::new("urn:uuid:9b7d3f51-0e2a-4c86-a4b9-6d1f2c8e5a05")
        .issuer(NewProfile::new(p.issuer.0, p.issuer.1))
        .valid_from(p.valid_from)
        .name("Welding programme transcript")
        .subject(p.subject)
        .credential(ler::model::Credential::from_object(signed))
        .build()
        .map(ler::model::Credential::into_value)
        .map_err(|e| format!("the CLR example is refused: {e}"))
}

/// The example of a kind.
pub(crate) fn example(
    kind: Kind,
    p: &Parties<'_>,
    signer: &Ed25519Signer,
) -> Result<Value, String> {
    match kind {
        Kind::MicroUs => micro_us(p),
        Kind::MicroEu => micro_eu(p),
        Kind::Employment => employment(p),
        Kind::Ob3 => ob3(p),
        Kind::Clr => clr(p, signer),
    }
}

/// The display name of the example issuer of each kind.
fn issuer_name(kind: Kind) -> &'static str {
    match kind {
        Kind::MicroUs | Kind::Ob3 | Kind::Clr => "Example Community College",
        Kind::MicroEu => "Example Technical University",
        Kind::Employment => "Example Fabrication GmbH",
    }
}

pub(crate) fn run(args: &Args) -> Outcome {
    let signer = match &args.key {
        Some(path) => match read_key(path) {
            Ok(signer) => signer,
            Err(e) => {
                crate::common::print_error("template", format_args!("{e}"));
                return Outcome::Unusable;
            }
        },
        None => example_signer(),
    };
    let issuer = args
        .issuer
        .clone()
        .unwrap_or_else(|| signer.controller().to_owned());
    let parties = Parties {
        issuer: (&issuer, issuer_name(args.kind)),
        subject: &args.subject,
        valid_from: "2026-01-05T09:00:00Z",
    };
    match example(args.kind, &parties, &signer) {
        Ok(value) => {
            print(&(value.to_pretty_string() + "\n"));
            Outcome::Valid
        }
        Err(e) => {
            crate::common::print_error("template", format_args!("{e}"));
            Outcome::Unusable
        }
    }
}

//! Builders: one per profile, refusing incomplete or out-of-range data.

use ler_model::context::{MICROCREDENTIAL_V1, OB_V3P0_3, VC_V2};
use std::fmt;

use ler_model::json::{Number, Object, Pointer, Value};

use crate::Violation;
use crate::profile::{
    EQF_LEVEL_PREFIX, PARTICIPATION_FORMS, Profile, QF_EHEA_CYCLES, STACKABILITY, SUPERVISION,
};

/// Why a builder refused to produce a credential.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The data is incomplete or out of range for the profile (or for OB 3.0 itself). The first
    /// violation names the field by JSON pointer; all are listed.
    #[error("cannot build the micro-credential: {}", Summary(.0))]
    Refused(Vec<Violation>),
    /// A number given as `f64` is NaN or infinite; the pointer names the field.
    #[error("cannot build the micro-credential: {0}: not a finite number")]
    NotFinite(Pointer),
}

impl BuildError {
    /// Every violation behind the refusal (empty for [`BuildError::NotFinite`]).
    pub fn violations(&self) -> &[Violation] {
        match self {
            BuildError::Refused(v) => v,
            BuildError::NotFinite(_) => &[],
        }
    }

    /// The field (JSON pointer in the credential) of the first problem.
    pub fn pointer(&self) -> Option<&Pointer> {
        match self {
            BuildError::Refused(v) => v.first().map(|v| &v.pointer),
            BuildError::NotFinite(p) => Some(p),
        }
    }
}

struct Summary<'a>(&'a [Violation]);

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [] => f.write_str("refused"),
            [one] => write!(f, "{one}"),
            [first, rest @ ..] => write!(f, "{first} (and {} more)", rest.len()),
        }
    }
}

/// The issuing organisation: the issuer `Profile`, and for the EU profile the awarding body with
/// its country (and region).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    id: String,
    name: String,
    country: Option<String>,
    country_code: Option<String>,
    region: Option<String>,
}

impl Issuer {
    /// An issuer with its URL (a DID or https URL) and name.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            country: None,
            country_code: None,
            region: None,
        }
    }

    /// The country by name (`address.addressCountry`).
    pub fn country(mut self, country: impl Into<String>) -> Self {
        self.country = Some(country.into());
        self
    }

    /// The country as an ISO 3166-1 alpha-2 code (`address.addressCountryCode`), such as `"IE"`.
    pub fn country_code(mut self, code: impl Into<String>) -> Self {
        self.country_code = Some(code.into());
        self
    }

    /// The region (`address.addressRegion`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    pub(crate) fn to_value(&self) -> Value {
        let mut o = Object::new();
        o.insert("id", self.id.as_str());
        o.insert("type", vec!["Profile"]);
        o.insert("name", self.name.as_str());
        if self.country.is_some() || self.country_code.is_some() || self.region.is_some() {
            let mut address = Object::new();
            address.insert("type", vec!["Address"]);
            for (key, value) in [
                ("addressCountry", &self.country),
                ("addressCountryCode", &self.country_code),
                ("addressRegion", &self.region),
            ] {
                if let Some(v) = value {
                    address.insert(key, v.as_str());
                }
            }
            o.insert("address", address);
        }
        o.into()
    }
}

/// A skill the micro-credential evidences, written as an OB 3.0 `Alignment`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    name: String,
    url: String,
    framework: Option<String>,
    code: Option<String>,
}

impl Skill {
    /// A skill by name and the URL of its definition (an ESCO skill URI, an O*NET element page, an
    /// RSD, ...).
    pub fn new(name: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            url: url.into(),
            framework: None,
            code: None,
        }
    }

    /// The framework the skill comes from (`targetFramework`), such as `"ESCO"`.
    pub fn framework(mut self, framework: impl Into<String>) -> Self {
        self.framework = Some(framework.into());
        self
    }

    /// The skill's code in its framework (`targetCode`).
    pub fn code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    fn to_value(&self) -> Value {
        let mut o = Object::new();
        o.insert("type", vec!["Alignment"]);
        o.insert("targetName", self.name.as_str());
        o.insert("targetUrl", self.url.as_str());
        if let Some(f) = &self.framework {
            o.insert("targetFramework", f.as_str());
        }
        if let Some(c) = &self.code {
            o.insert("targetCode", c.as_str());
        }
        o.into()
    }
}

macro_rules! token_enum {
    ($(#[$doc:meta])* $name:ident, $table:ident { $($(#[$vdoc:meta])* $variant:ident = $index:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// The token written in the credential.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $table[$index],)+
                }
            }
        }
    };
}

token_enum!(
    /// Form of participation in the learning activity (Annex I), written in `participationForm`.
    ParticipationForm, PARTICIPATION_FORMS {
        /// `online`
        Online = 0,
        /// `onsite`
        Onsite = 1,
        /// `blended`
        Blended = 2,
        /// `volunteering`
        Volunteering = 3,
        /// `work-experience`
        WorkExperience = 4,
    }
);

token_enum!(
    /// The QF-EHEA cycle, written in `qfEheaCycle`.
    QfEheaCycle, QF_EHEA_CYCLES {
        /// `short-cycle`
        ShortCycle = 0,
        /// `first-cycle`
        FirstCycle = 1,
        /// `second-cycle`
        SecondCycle = 2,
        /// `third-cycle`
        ThirdCycle = 3,
    }
);

token_enum!(
    /// Supervision and identity verification during assessment (Annex I, optional), written in
    /// `assessmentSupervision`.
    AssessmentSupervision, SUPERVISION {
        /// `unsupervised-no-identity-verification`
        UnsupervisedNoIdentityVerification = 0,
        /// `supervised-no-identity-verification`
        SupervisedNoIdentityVerification = 1,
        /// `supervised-with-identity-verification` (online or onsite)
        SupervisedWithIdentityVerification = 2,
    }
);

token_enum!(
    /// Integration and stackability options (Annex I, optional), written in `stackability`.
    Stackability, STACKABILITY {
        /// `standalone`: an independent micro-credential.
        Standalone = 0,
        /// `integrated`: stackable towards another credential.
        Integrated = 1,
    }
);

/// What both builders share: the OB 3.0 AchievementCredential skeleton.
#[derive(Debug, Clone, Default)]
struct Core {
    id: Option<String>,
    issuer: Option<Issuer>,
    learner: Option<String>,
    valid_from: Option<String>,
    valid_until: Option<String>,
    achievement_id: Option<String>,
    title: Option<String>,
    description: Option<String>,
    criteria: Option<String>,
    hours: Option<f64>,
    assessment_type: Option<String>,
    skills: Vec<Skill>,
    credits: Option<f64>,
}

fn number(value: f64, key: &str) -> Result<Number, BuildError> {
    Number::from_f64(value).map_err(|_| {
        BuildError::NotFinite(
            Pointer::root()
                .key("credentialSubject")
                .key("achievement")
                .key(key),
        )
    })
}

impl Core {
    /// The document, in the key order a reader expects; nothing is checked here.
    fn document(
        &self,
        profile: Profile,
        achievement_extra: Object,
        subject_extra: Object,
    ) -> Result<Value, BuildError> {
        let mut achievement = Object::new();
        if let Some(id) = &self.achievement_id {
            achievement.insert("id", id.as_str());
        }
        achievement.insert("type", vec!["Achievement"]);
        for (key, value) in [("name", &self.title), ("description", &self.description)] {
            if let Some(v) = value {
                achievement.insert(key, v.as_str());
            }
        }
        if let Some(narrative) = &self.criteria {
            achievement.insert(
                "criteria",
                Object::from_iter([("narrative", narrative.as_str())]),
            );
        }
        if !self.skills.is_empty() {
            achievement.insert(
                "alignment",
                Value::Array(self.skills.iter().map(Skill::to_value).collect()),
            );
        }
        if let Some(c) = self.credits {
            achievement.insert("creditsAvailable", number(c, "creditsAvailable")?);
        }
        if let Some(h) = self.hours {
            achievement.insert("learningHours", number(h, "learningHours")?);
        }
        if let Some(t) = &self.assessment_type {
            achievement.insert("assessmentType", t.as_str());
        }
        for (k, v) in achievement_extra.into_entries() {
            achievement.insert(k, v);
        }

        let mut subject = Object::new();
        if let Some(learner) = &self.learner {
            subject.insert("id", learner.as_str());
        }
        subject.insert("type", vec!["AchievementSubject"]);
        subject.insert("achievement", achievement);
        for (k, v) in subject_extra.into_entries() {
            subject.insert(k, v);
        }

        let mut doc = Object::new();
        doc.insert("@context", vec![VC_V2, OB_V3P0_3, MICROCREDENTIAL_V1]);
        if let Some(id) = &self.id {
            doc.insert("id", id.as_str());
        }
        doc.insert(
            "type",
            vec!["VerifiableCredential", "AchievementCredential"],
        );
        if let Some(issuer) = &self.issuer {
            doc.insert("issuer", issuer.to_value());
        }
        if let Some(from) = &self.valid_from {
            doc.insert("validFrom", from.as_str());
        }
        if let Some(until) = &self.valid_until {
            doc.insert("validUntil", until.as_str());
        }
        if let Some(title) = &self.title {
            doc.insert("name", title.as_str());
        }
        doc.insert("credentialSubject", subject);
        // The profile schema, so a verifier's `schema.json` check can find it in its local registry.
        let schema = Object::from_iter([("id", profile.schema().id()), ("type", "JsonSchema")]);
        doc.insert("credentialSchema", vec![Value::from(schema)]);
        Ok(doc.into())
    }
}

/// Checks the built document with the profile's rules, then with its JSON Schema (which includes
/// OB 3.0's), so what a builder returns is what a reader accepts.
fn finish(document: Value, profile: Profile) -> Result<Value, BuildError> {
    let mut violations = profile.check(&document);
    if violations.is_empty() {
        violations = profile.schema().validate(&document);
    }
    if violations.is_empty() {
        Ok(document)
    } else {
        Err(BuildError::Refused(violations))
    }
}

macro_rules! core_setters {
    () => {
        /// The credential's own URL (`id`), such as `urn:uuid:...`.
        pub fn id(mut self, id: impl Into<String>) -> Self {
            self.core.id = Some(id.into());
            self
        }

        /// The issuer (awarding body).
        pub fn issuer(mut self, issuer: Issuer) -> Self {
            self.core.issuer = Some(issuer);
            self
        }

        /// The learner's URL (a DID, usually): `credentialSubject.id`.
        pub fn learner(mut self, id: impl Into<String>) -> Self {
            self.core.learner = Some(id.into());
            self
        }

        /// Date of issue, an `xsd:dateTimeStamp` such as `2026-03-01T00:00:00Z` (`validFrom`).
        pub fn valid_from(mut self, date_time: impl Into<String>) -> Self {
            self.core.valid_from = Some(date_time.into());
            self
        }

        /// Expiry, an `xsd:dateTimeStamp` (`validUntil`); optional.
        pub fn valid_until(mut self, date_time: impl Into<String>) -> Self {
            self.core.valid_until = Some(date_time.into());
            self
        }

        /// The achievement's URL (`credentialSubject.achievement.id`).
        pub fn achievement_id(mut self, id: impl Into<String>) -> Self {
            self.core.achievement_id = Some(id.into());
            self
        }

        /// The title (`achievement.name`, repeated as the credential's `name`).
        pub fn title(mut self, title: impl Into<String>) -> Self {
            self.core.title = Some(title.into());
            self
        }

        /// The description (`achievement.description`).
        pub fn description(mut self, description: impl Into<String>) -> Self {
            self.core.description = Some(description.into());
            self
        }

        /// The criteria, as a narrative (`achievement.criteria.narrative`).
        pub fn criteria(mut self, narrative: impl Into<String>) -> Self {
            self.core.criteria = Some(narrative.into());
            self
        }

        /// Learning hours (`achievement.learningHours`); fractions allowed.
        pub fn learning_hours(mut self, hours: f64) -> Self {
            self.core.hours = Some(hours);
            self
        }

        /// The type of assessment (`achievement.assessmentType`), such as `"practical demonstration"`.
        pub fn assessment_type(mut self, assessment: impl Into<String>) -> Self {
            self.core.assessment_type = Some(assessment.into());
            self
        }

        /// Adds a skill (`achievement.alignment`).
        pub fn skill(mut self, skill: Skill) -> Self {
            self.core.skills.push(skill);
            self
        }

        /// Credits available (`achievement.creditsAvailable`, OB 3.0); optional.
        pub fn credits(mut self, credits: f64) -> Self {
            self.core.credits = Some(credits);
            self
        }
    };
}

/// Builds a US workforce micro-credential: title, description, issuer profile, criteria, learning
/// hours (1 to 100), assessment type, at least one skill; optionally credits and expiry.
///
/// ```
/// use ler_microcredential::{Issuer, Skill, UsMicroCredential};
///
/// let err = UsMicroCredential::builder().learning_hours(101.0).build().unwrap_err();
/// assert!(err.violations().iter().any(|v| v.rule == "mc.us.learning-hours"
///     && v.pointer.as_str() == "/credentialSubject/achievement/learningHours"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct UsMicroCredential {
    core: Core,
}

impl UsMicroCredential {
    /// An empty builder.
    pub fn builder() -> Self {
        Self::default()
    }

    core_setters!();

    /// The credential, or what is missing or out of range.
    pub fn build(&self) -> Result<Value, BuildError> {
        finish(
            self.core
                .document(Profile::Us, Object::new(), Object::new())?,
            Profile::Us,
        )
    }
}

/// Builds an EU micro-credential carrying the mandatory elements of Annex I of Council
/// Recommendation 2022/C 243/02 (and any optional ones given).
#[derive(Debug, Clone, Default)]
pub struct EuMicroCredential {
    core: Core,
    outcomes: Vec<String>,
    ects: Option<f64>,
    eqf_level: Option<u8>,
    cycle: Option<QfEheaCycle>,
    participation: Option<ParticipationForm>,
    quality_assurance: Option<String>,
    prerequisites: Option<String>,
    supervision: Option<AssessmentSupervision>,
    grade: Option<String>,
    stackability: Option<Stackability>,
    further_information: Option<String>,
}

impl EuMicroCredential {
    /// An empty builder.
    pub fn builder() -> Self {
        Self::default()
    }

    core_setters!();

    /// Adds a learning outcome (`achievement.learningOutcome`, ELM `learningOutcome`).
    pub fn learning_outcome(mut self, outcome: impl Into<String>) -> Self {
        self.outcomes.push(outcome.into());
        self
    }

    /// Notional workload in ECTS credits (`achievement.ectsCredits`).
    pub fn ects_credits(mut self, credits: f64) -> Self {
        self.ects = Some(credits);
        self
    }

    /// EQF level, 1 to 8 (`achievement.eqfLevel`, written as the Europass EQF concept URL).
    pub fn eqf_level(mut self, level: u8) -> Self {
        self.eqf_level = Some(level);
        self
    }

    /// QF-EHEA cycle (`achievement.qfEheaCycle`).
    pub fn qf_ehea_cycle(mut self, cycle: QfEheaCycle) -> Self {
        self.cycle = Some(cycle);
        self
    }

    /// Form of participation (`achievement.participationForm`).
    pub fn participation(mut self, form: ParticipationForm) -> Self {
        self.participation = Some(form);
        self
    }

    /// Type of quality assurance (`achievement.qualityAssurance`).
    pub fn quality_assurance(mut self, quality_assurance: impl Into<String>) -> Self {
        self.quality_assurance = Some(quality_assurance.into());
        self
    }

    /// Prerequisites to enrol (`achievement.prerequisites`); optional.
    pub fn prerequisites(mut self, prerequisites: impl Into<String>) -> Self {
        self.prerequisites = Some(prerequisites.into());
        self
    }

    /// Supervision and identity verification during assessment; optional.
    pub fn supervision(mut self, supervision: AssessmentSupervision) -> Self {
        self.supervision = Some(supervision);
        self
    }

    /// Grade achieved (an OB 3.0 `Result` value in `credentialSubject.result`); optional.
    pub fn grade(mut self, grade: impl Into<String>) -> Self {
        self.grade = Some(grade.into());
        self
    }

    /// Integration and stackability options; optional.
    pub fn stackability(mut self, stackability: Stackability) -> Self {
        self.stackability = Some(stackability);
        self
    }

    /// Further information (`achievement.furtherInformation`); optional.
    pub fn further_information(mut self, information: impl Into<String>) -> Self {
        self.further_information = Some(information.into());
        self
    }

    /// The credential, or what is missing or out of range.
    pub fn build(&self) -> Result<Value, BuildError> {
        let mut a = Object::new();
        if !self.outcomes.is_empty() {
            let outcomes = self
                .outcomes
                .iter()
                .map(|o| {
                    Value::from(Object::from_iter([
                        ("type", Value::from(vec!["LearningOutcome"])),
                        ("name", o.as_str().into()),
                    ]))
                })
                .collect();
            a.insert("learningOutcome", Value::Array(outcomes));
        }
        if let Some(e) = self.ects {
            a.insert("ectsCredits", number(e, "ectsCredits")?);
        }
        if let Some(level) = self.eqf_level {
            a.insert("eqfLevel", format!("{EQF_LEVEL_PREFIX}{level}"));
        }
        let tokens = [
            ("qfEheaCycle", self.cycle.map(QfEheaCycle::as_str)),
            (
                "participationForm",
                self.participation.map(ParticipationForm::as_str),
            ),
            (
                "assessmentSupervision",
                self.supervision.map(AssessmentSupervision::as_str),
            ),
            ("stackability", self.stackability.map(Stackability::as_str)),
        ];
        for (key, value) in tokens {
            if let Some(v) = value {
                a.insert(key, v);
            }
        }
        let texts = [
            ("qualityAssurance", &self.quality_assurance),
            ("prerequisites", &self.prerequisites),
            ("furtherInformation", &self.further_information),
        ];
        for (key, value) in texts {
            if let Some(v) = value {
                a.insert(key, v.as_str());
            }
        }
        let mut subject = Object::new();
        if let Some(grade) = &self.grade {
            let result = Object::from_iter([
                ("type", Value::from(vec!["Result"])),
                ("value", grade.as_str().into()),
            ]);
            subject.insert("result", vec![Value::from(result)]);
        }
        finish(self.core.document(Profile::Eu, a, subject)?, Profile::Eu)
    }
}

//! Builders: typed input in, a [`Credential`] document out, validated before it is returned.
//!
//! The builders write documents an eddsa-rdfc-2022 signer can sign: every property they write
//! is defined by the contexts they name (VC 2.0, Open Badges 3.0.3, CLR 2.0.1, ler employment
//! v1). Each builder's documentation shows it in about ten lines.

use crate::context::{CLR_V2P0_1, EMPLOYMENT_V1, OB_V3P0_3, VC_V2};
use crate::credential::Credential;
use crate::json::{Number, Object, Value};
use crate::model::EmploymentType;
use crate::validate::Violation;

/// The document a builder produced breaks rules (for example a date not in its lexical form,
/// or a required part never given).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the built document breaks {} rule(s); first: {}", .violations.len(), first(.violations))]
pub struct BuildError {
    /// Every violation, as [`Credential::validate`] reports them.
    pub violations: Vec<Violation>,
}

fn first(violations: &[Violation]) -> String {
    violations
        .first()
        .map(ToString::to_string)
        .unwrap_or_default()
}

fn strings(items: &[String]) -> Value {
    Value::Array(items.iter().map(|s| Value::String(s.clone())).collect())
}

fn types(names: &[&str]) -> Value {
    Value::Array(names.iter().map(|&s| Value::from(s)).collect())
}

/// An issuer, creator or employer (`Profile`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProfile {
    /// `id`: a URL (`https:`, `did:`, `urn:uuid:`, ...).
    pub id: String,
    /// `name`.
    pub name: String,
    /// `url`: a home page.
    pub url: Option<String>,
    /// `email`.
    pub email: Option<String>,
}

impl NewProfile {
    /// A profile with an id and a name.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            url: None,
            email: None,
        }
    }

    /// Sets `url`.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    fn to_value(&self) -> Value {
        let mut o = Object::new();
        o.insert("id", self.id.as_str());
        o.insert("type", types(&["Profile"]));
        o.insert("name", self.name.as_str());
        if let Some(url) = &self.url {
            o.insert("url", url.as_str());
        }
        if let Some(email) = &self.email {
            o.insert("email", email.as_str());
        }
        o.into()
    }
}

/// An `Alignment`: a skill, competency or occupation in a framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAlignment {
    /// `targetName`.
    pub target_name: String,
    /// `targetUrl`.
    pub target_url: String,
    /// `targetType` (`ceasn:Competency`, `CFItem`, ... or `ext:...`).
    pub target_type: Option<String>,
    /// `targetFramework`.
    pub target_framework: Option<String>,
    /// `targetCode`.
    pub target_code: Option<String>,
    /// `targetDescription`.
    pub target_description: Option<String>,
}

impl NewAlignment {
    /// An alignment to the target named `target_name` at `target_url`.
    pub fn new(target_name: impl Into<String>, target_url: impl Into<String>) -> Self {
        Self {
            target_name: target_name.into(),
            target_url: target_url.into(),
            target_type: None,
            target_framework: None,
            target_code: None,
            target_description: None,
        }
    }

    /// An O*NET-SOC occupation: `code` like `15-2051.00`, linked to its O*NET OnLine page.
    pub fn onet_occupation(code: &str, title: impl Into<String>) -> Self {
        Self::new(
            title,
            format!("https://www.onetonline.org/link/summary/{code}"),
        )
        .framework("O*NET-SOC")
        .code(code)
    }

    /// An ESCO occupation by its concept URI.
    pub fn esco_occupation(uri: impl Into<String>, title: impl Into<String>) -> Self {
        Self::new(title, uri).framework("ESCO")
    }

    /// Sets `targetType`.
    pub fn target_type(mut self, target_type: impl Into<String>) -> Self {
        self.target_type = Some(target_type.into());
        self
    }

    /// Sets `targetFramework`.
    pub fn framework(mut self, framework: impl Into<String>) -> Self {
        self.target_framework = Some(framework.into());
        self
    }

    /// Sets `targetCode`.
    pub fn code(mut self, code: impl Into<String>) -> Self {
        self.target_code = Some(code.into());
        self
    }

    /// Sets `targetDescription`.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.target_description = Some(description.into());
        self
    }

    fn to_value(&self) -> Value {
        let mut o = Object::new();
        o.insert("type", types(&["Alignment"]));
        o.insert("targetName", self.target_name.as_str());
        o.insert("targetUrl", self.target_url.as_str());
        for (key, value) in [
            ("targetDescription", &self.target_description),
            ("targetFramework", &self.target_framework),
            ("targetCode", &self.target_code),
            ("targetType", &self.target_type),
        ] {
            if let Some(v) = value {
                o.insert(key, v.as_str());
            }
        }
        o.into()
    }
}

/// A `ResultDescription`: a kind of result the achievement records (a grade, a score, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewResultDescription {
    /// `id`.
    pub id: String,
    /// `name`.
    pub name: String,
    /// `resultType` (`LetterGrade`, `Percent`, ... or `ext:...`).
    pub result_type: String,
    /// `allowedValue`.
    pub allowed_values: Vec<String>,
}

impl NewResultDescription {
    /// A result description.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        result_type: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            result_type: result_type.into(),
            allowed_values: Vec::new(),
        }
    }

    fn to_value(&self) -> Value {
        let mut o = Object::new();
        o.insert("id", self.id.as_str());
        o.insert("type", types(&["ResultDescription"]));
        o.insert("name", self.name.as_str());
        if !self.allowed_values.is_empty() {
            o.insert("allowedValue", strings(&self.allowed_values));
        }
        o.insert("resultType", self.result_type.as_str());
        o.into()
    }
}

/// A `Result`: the value the learner achieved for one result description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewResult {
    /// `resultDescription`: the id of the achievement's [`NewResultDescription`].
    pub result_description: String,
    /// `value`.
    pub value: String,
}

impl NewResult {
    /// A result answering `result_description` with `value`.
    pub fn new(result_description: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            result_description: result_description.into(),
            value: value.into(),
        }
    }

    fn to_value(&self) -> Value {
        let mut o = Object::new();
        o.insert("type", types(&["Result"]));
        o.insert("resultDescription", self.result_description.as_str());
        o.insert("value", self.value.as_str());
        o.into()
    }
}

/// An `Achievement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAchievement {
    /// `id`.
    pub id: String,
    /// `name`.
    pub name: String,
    /// `description`.
    pub description: String,
    /// `criteria.narrative`.
    pub criteria: String,
    /// `achievementType` (an enumeration value or `ext:...`).
    pub achievement_type: Option<String>,
    /// `creditsAvailable`.
    pub credits_available: Option<Number>,
    /// `fieldOfStudy`.
    pub field_of_study: Option<String>,
    /// `tag`.
    pub tags: Vec<String>,
    /// `alignment`.
    pub alignments: Vec<NewAlignment>,
    /// `resultDescription`.
    pub result_descriptions: Vec<NewResultDescription>,
    /// `creator`.
    pub creator: Option<NewProfile>,
}

impl NewAchievement {
    /// An achievement with its four required texts.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        description: impl Into<String>,
        criteria: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            description: description.into(),
            criteria: criteria.into(),
            achievement_type: None,
            credits_available: None,
            field_of_study: None,
            tags: Vec::new(),
            alignments: Vec::new(),
            result_descriptions: Vec::new(),
            creator: None,
        }
    }

    /// Sets `achievementType`.
    pub fn achievement_type(mut self, achievement_type: impl Into<String>) -> Self {
        self.achievement_type = Some(achievement_type.into());
        self
    }

    /// Adds an `alignment`.
    pub fn alignment(mut self, alignment: NewAlignment) -> Self {
        self.alignments.push(alignment);
        self
    }

    /// Adds a `resultDescription`.
    pub fn result_description(mut self, result_description: NewResultDescription) -> Self {
        self.result_descriptions.push(result_description);
        self
    }

    /// Sets `creditsAvailable`.
    pub fn credits_available(mut self, credits: impl Into<Number>) -> Self {
        self.credits_available = Some(credits.into());
        self
    }

    /// Adds a `tag`.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tags.push(tag.into());
        self
    }

    fn to_value(&self) -> Value {
        let mut o = Object::new();
        o.insert("id", self.id.as_str());
        o.insert("type", types(&["Achievement"]));
        if let Some(t) = &self.achievement_type {
            o.insert("achievementType", t.as_str());
        }
        o.insert("name", self.name.as_str());
        o.insert("description", self.description.as_str());
        let mut criteria = Object::new();
        criteria.insert("narrative", self.criteria.as_str());
        o.insert("criteria", criteria);
        if let Some(creator) = &self.creator {
            o.insert("creator", creator.to_value());
        }
        if let Some(credits) = &self.credits_available {
            o.insert("creditsAvailable", credits.clone());
        }
        if let Some(field) = &self.field_of_study {
            o.insert("fieldOfStudy", field.as_str());
        }
        if !self.tags.is_empty() {
            o.insert("tag", strings(&self.tags));
        }
        if !self.alignments.is_empty() {
            o.insert(
                "alignment",
                Value::Array(self.alignments.iter().map(NewAlignment::to_value).collect()),
            );
        }
        if !self.result_descriptions.is_empty() {
            let rds = self
                .result_descriptions
                .iter()
                .map(NewResultDescription::to_value)
                .collect();
            o.insert("resultDescription", Value::Array(rds));
        }
        o.into()
    }
}

/// What every credential has: id, issuer, validity, name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Envelope {
    id: String,
    issuer: Option<NewProfile>,
    valid_from: Option<String>,
    valid_until: Option<String>,
    name: Option<String>,
    description: Option<String>,
}

impl Envelope {
    fn build(
        &self,
        contexts: &[&str],
        credential_type: &str,
        subject: Object,
    ) -> Result<Credential, BuildError> {
        let mut o = Object::new();
        o.insert("@context", types(contexts));
        o.insert("id", self.id.as_str());
        o.insert("type", types(&["VerifiableCredential", credential_type]));
        if let Some(issuer) = &self.issuer {
            o.insert("issuer", issuer.to_value());
        }
        if let Some(from) = &self.valid_from {
            o.insert("validFrom", from.as_str());
        }
        if let Some(until) = &self.valid_until {
            o.insert("validUntil", until.as_str());
        }
        if let Some(name) = &self.name {
            o.insert("name", name.as_str());
        }
        if let Some(description) = &self.description {
            o.insert("description", description.as_str());
        }
        o.insert("credentialSubject", subject);
        let credential = Credential::from_object(o);
        let violations = credential.validate();
        if violations.is_empty() {
            Ok(credential)
        } else {
            Err(BuildError { violations })
        }
    }
}

macro_rules! envelope_setters {
    () => {
        /// Sets the `issuer` profile.
        pub fn issuer(mut self, issuer: NewProfile) -> Self {
            self.envelope.issuer = Some(issuer);
            self
        }

        /// Sets `validFrom` (an `xsd:dateTimeStamp`, such as `2024-06-01T00:00:00Z`).
        pub fn valid_from(mut self, valid_from: impl Into<String>) -> Self {
            self.envelope.valid_from = Some(valid_from.into());
            self
        }

        /// Sets `validUntil`.
        pub fn valid_until(mut self, valid_until: impl Into<String>) -> Self {
            self.envelope.valid_until = Some(valid_until.into());
            self
        }

        /// Sets the credential's `name`.
        pub fn name(mut self, name: impl Into<String>) -> Self {
            self.envelope.name = Some(name.into());
            self
        }

        /// Sets the credential's `description`.
        pub fn description(mut self, description: impl Into<String>) -> Self {
            self.envelope.description = Some(description.into());
            self
        }
    };
}

/// Builds an Open Badges 3.0 `AchievementCredential`.
///
/// ```
/// use ler_model::builder::{AchievementCredentialBuilder, NewAchievement, NewAlignment, NewProfile};
///
/// let badge = AchievementCredentialBuilder::new("urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58")
///     .issuer(NewProfile::new("https://example.edu/issuers/565049", "Example University"))
///     .valid_from("2024-06-01T00:00:00Z")
///     .name("Teamwork Badge")
///     .subject("did:example:ebfeb1f712ebc6f1c276e12ec21")
///     .achievement(
///         NewAchievement::new("https://example.edu/achievements/teamwork", "Teamwork",
///             "Collaborates within a group.", "Nominated by peers and reviewed.")
///             .achievement_type("Badge")
///             .alignment(NewAlignment::new("Teamwork", "https://example.org/skills/teamwork")),
///     )
///     .build()?;
/// assert_eq!(badge.kind(), ler_model::CredentialKind::OpenBadge);
/// # Ok::<(), ler_model::builder::BuildError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AchievementCredentialBuilder {
    envelope: Envelope,
    subject_id: Option<String>,
    achievement: Option<NewAchievement>,
    results: Vec<NewResult>,
}

impl AchievementCredentialBuilder {
    /// A credential with the given `id`.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            envelope: Envelope {
                id: id.into(),
                ..Envelope::default()
            },
            subject_id: None,
            achievement: None,
            results: Vec::new(),
        }
    }

    envelope_setters!();

    /// Sets the learner's id (`credentialSubject.id`).
    pub fn subject(mut self, id: impl Into<String>) -> Self {
        self.subject_id = Some(id.into());
        self
    }

    /// Sets the achievement.
    pub fn achievement(mut self, achievement: NewAchievement) -> Self {
        self.achievement = Some(achievement);
        self
    }

    /// Adds a `result`.
    pub fn result(mut self, result: NewResult) -> Self {
        self.results.push(result);
        self
    }

    /// The subject object, for embedding the achievement in other documents.
    fn subject_object(&self) -> Object {
        let mut s = Object::new();
        if let Some(id) = &self.subject_id {
            s.insert("id", id.as_str());
        }
        s.insert("type", types(&["AchievementSubject"]));
        if let Some(a) = &self.achievement {
            s.insert("achievement", a.to_value());
        }
        if !self.results.is_empty() {
            s.insert(
                "result",
                Value::Array(self.results.iter().map(NewResult::to_value).collect()),
            );
        }
        s
    }

    /// Builds and validates the credential.
    pub fn build(&self) -> Result<Credential, BuildError> {
        self.envelope.build(
            &[VC_V2, OB_V3P0_3],
            "OpenBadgeCredential",
            self.subject_object(),
        )
    }
}

/// A CLR `Association` between two achievements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssociation {
    /// `associationType` (`isChildOf`, `isParentOf`, `precedes`, ...).
    pub association_type: String,
    /// `sourceId`: an achievement id.
    pub source_id: String,
    /// `targetId`: an achievement id.
    pub target_id: String,
}

impl NewAssociation {
    /// An association.
    pub fn new(
        association_type: impl Into<String>,
        source_id: impl Into<String>,
        target_id: impl Into<String>,
    ) -> Self {
        Self {
            association_type: association_type.into(),
            source_id: source_id.into(),
            target_id: target_id.into(),
        }
    }

    fn to_value(&self) -> Value {
        let mut o = Object::new();
        o.insert("type", types(&["Association"]));
        o.insert("associationType", self.association_type.as_str());
        o.insert("sourceId", self.source_id.as_str());
        o.insert("targetId", self.target_id.as_str());
        o.into()
    }
}

/// Builds a CLR 2.0 `ClrCredential` around achievement credentials.
///
/// ```
/// use ler_model::builder::{AchievementCredentialBuilder, ClrCredentialBuilder, NewAchievement, NewProfile};
///
/// let school = NewProfile::new("https://example.edu/issuers/565049", "Example University");
/// let course = AchievementCredentialBuilder::new("urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002")
///     .issuer(school.clone()).valid_from("2024-06-01T00:00:00Z").name("Intro to Data")
///     .subject("did:example:learner")
///     .achievement(NewAchievement::new("https://example.edu/courses/data-101", "Intro to Data",
///         "A first course in data analysis.", "Pass the final exam.").achievement_type("Course"))
///     .build()?;
/// let clr = ClrCredentialBuilder::new("urn:uuid:5d2b9ab5-7c7e-4b1c-b3d3-8f0d4b8e9a10")
///     .issuer(school).valid_from("2024-07-01T00:00:00Z").name("Transcript")
///     .subject("did:example:learner")
///     .credential(course)
///     .build()?;
/// assert_eq!(clr.subjects()[0].credentials().len(), 1);
/// # Ok::<(), ler_model::builder::BuildError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClrCredentialBuilder {
    envelope: Envelope,
    subject_id: Option<String>,
    credentials: Vec<Credential>,
    achievements: Vec<NewAchievement>,
    associations: Vec<NewAssociation>,
}

impl ClrCredentialBuilder {
    /// A CLR with the given `id`.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            envelope: Envelope {
                id: id.into(),
                ..Envelope::default()
            },
            subject_id: None,
            credentials: Vec::new(),
            achievements: Vec::new(),
            associations: Vec::new(),
        }
    }

    envelope_setters!();

    /// Sets the learner's id (`credentialSubject.id`).
    pub fn subject(mut self, id: impl Into<String>) -> Self {
        self.subject_id = Some(id.into());
        self
    }

    /// Adds a credential to `verifiableCredential` (signed or not; it is embedded as it is).
    pub fn credential(mut self, credential: Credential) -> Self {
        self.credentials.push(credential);
        self
    }

    /// Adds an achievement to the subject's `achievement` list.
    pub fn achievement(mut self, achievement: NewAchievement) -> Self {
        self.achievements.push(achievement);
        self
    }

    /// Adds an `association`.
    pub fn association(mut self, association: NewAssociation) -> Self {
        self.associations.push(association);
        self
    }

    /// Builds and validates the CLR (the embedded credentials included).
    pub fn build(&self) -> Result<Credential, BuildError> {
        let mut s = Object::new();
        if let Some(id) = &self.subject_id {
            s.insert("id", id.as_str());
        }
        s.insert("type", types(&["ClrSubject"]));
        let credentials = self
            .credentials
            .iter()
            .map(|c| Value::Object(c.as_object().clone()))
            .collect();
        s.insert("verifiableCredential", Value::Array(credentials));
        if !self.achievements.is_empty() {
            s.insert(
                "achievement",
                Value::Array(
                    self.achievements
                        .iter()
                        .map(NewAchievement::to_value)
                        .collect(),
                ),
            );
        }
        if !self.associations.is_empty() {
            s.insert(
                "association",
                Value::Array(
                    self.associations
                        .iter()
                        .map(NewAssociation::to_value)
                        .collect(),
                ),
            );
        }
        self.envelope
            .build(&[VC_V2, CLR_V2P0_1, OB_V3P0_3], "ClrCredential", s)
    }
}

/// An `EmploymentRole`: the position held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRole {
    /// `positionTitle`.
    pub position_title: String,
    /// `startDate` (`YYYY-MM-DD`).
    pub start_date: Option<String>,
    /// `endDate` (`YYYY-MM-DD`); none while the role is held.
    pub end_date: Option<String>,
    /// `employmentType`.
    pub employment_type: Option<EmploymentType>,
    /// `hoursPerWeek`.
    pub hours_per_week: Option<Number>,
    /// `occupation` alignments (O*NET-SOC or ESCO).
    pub occupations: Vec<NewAlignment>,
    /// `duties`.
    pub duties: Vec<String>,
    /// `skill` alignments.
    pub skills: Vec<NewAlignment>,
}

impl NewRole {
    /// A role with a position title.
    pub fn new(position_title: impl Into<String>) -> Self {
        Self {
            position_title: position_title.into(),
            start_date: None,
            end_date: None,
            employment_type: None,
            hours_per_week: None,
            occupations: Vec::new(),
            duties: Vec::new(),
            skills: Vec::new(),
        }
    }

    /// Sets `startDate` and, when given, `endDate`.
    pub fn dates(mut self, start: impl Into<String>, end: Option<&str>) -> Self {
        self.start_date = Some(start.into());
        self.end_date = end.map(str::to_owned);
        self
    }

    /// Sets `employmentType`.
    pub fn employment_type(mut self, employment_type: EmploymentType) -> Self {
        self.employment_type = Some(employment_type);
        self
    }

    /// Sets `hoursPerWeek`.
    pub fn hours_per_week(mut self, hours: impl Into<Number>) -> Self {
        self.hours_per_week = Some(hours.into());
        self
    }

    /// Adds an `occupation`.
    pub fn occupation(mut self, occupation: NewAlignment) -> Self {
        self.occupations.push(occupation);
        self
    }

    /// Adds a duty.
    pub fn duty(mut self, duty: impl Into<String>) -> Self {
        self.duties.push(duty.into());
        self
    }

    /// Adds a `skill`.
    pub fn skill(mut self, skill: NewAlignment) -> Self {
        self.skills.push(skill);
        self
    }

    fn to_value(&self) -> Value {
        let mut o = Object::new();
        o.insert("type", types(&["EmploymentRole"]));
        o.insert("positionTitle", self.position_title.as_str());
        if !self.occupations.is_empty() {
            o.insert(
                "occupation",
                Value::Array(
                    self.occupations
                        .iter()
                        .map(NewAlignment::to_value)
                        .collect(),
                ),
            );
        }
        if let Some(start) = &self.start_date {
            o.insert("startDate", start.as_str());
        }
        if let Some(end) = &self.end_date {
            o.insert("endDate", end.as_str());
        }
        if let Some(t) = self.employment_type {
            o.insert("employmentType", t.as_str());
        }
        if let Some(h) = &self.hours_per_week {
            o.insert("hoursPerWeek", h.clone());
        }
        if !self.duties.is_empty() {
            o.insert("duties", strings(&self.duties));
        }
        if !self.skills.is_empty() {
            o.insert(
                "skill",
                Value::Array(self.skills.iter().map(NewAlignment::to_value).collect()),
            );
        }
        o.into()
    }
}

/// Builds an employment record (`EmploymentCredential`).
///
/// ```
/// use ler_model::builder::{EmploymentRecordBuilder, NewAlignment, NewProfile, NewRole};
/// use ler_model::EmploymentType;
///
/// let employer = NewProfile::new("https://acme.example/org", "Acme Analytics");
/// let record = EmploymentRecordBuilder::new("urn:uuid:0e5f6f4c-3d4e-4f0b-9a51-6a7b1c2d3e4f")
///     .issuer(employer.clone()).valid_from("2024-07-01T00:00:00Z").name("Employment record")
///     .subject("did:example:worker").employer(employer)
///     .role(NewRole::new("Data Analyst").dates("2021-03-01", Some("2024-06-30"))
///         .employment_type(EmploymentType::FullTime).hours_per_week(40u8)
///         .occupation(NewAlignment::onet_occupation("15-2051.01", "Business Intelligence Analysts"))
///         .duty("Built the weekly sales dashboard"))
///     .build()?;
/// assert_eq!(record.subjects()[0].role().and_then(|r| r.position_title()), Some("Data Analyst"));
/// # Ok::<(), ler_model::builder::BuildError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmploymentRecordBuilder {
    envelope: Envelope,
    subject_id: Option<String>,
    employer: Option<NewProfile>,
    role: Option<NewRole>,
}

impl EmploymentRecordBuilder {
    /// A record with the given `id`.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            envelope: Envelope {
                id: id.into(),
                ..Envelope::default()
            },
            subject_id: None,
            employer: None,
            role: None,
        }
    }

    envelope_setters!();

    /// Sets the worker's id (`credentialSubject.id`).
    pub fn subject(mut self, id: impl Into<String>) -> Self {
        self.subject_id = Some(id.into());
        self
    }

    /// Sets the `employer`.
    pub fn employer(mut self, employer: NewProfile) -> Self {
        self.employer = Some(employer);
        self
    }

    /// Sets the `role`.
    pub fn role(mut self, role: NewRole) -> Self {
        self.role = Some(role);
        self
    }

    /// Builds and validates the record.
    pub fn build(&self) -> Result<Credential, BuildError> {
        let mut s = Object::new();
        if let Some(id) = &self.subject_id {
            s.insert("id", id.as_str());
        }
        s.insert("type", types(&["EmploymentSubject"]));
        if let Some(employer) = &self.employer {
            s.insert("employer", employer.to_value());
        }
        if let Some(role) = &self.role {
            s.insert("role", role.to_value());
        }
        self.envelope.build(
            &[VC_V2, OB_V3P0_3, EMPLOYMENT_V1],
            "EmploymentCredential",
            s,
        )
    }
}

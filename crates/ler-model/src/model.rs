//! Typed, borrowing views over the parts of a credential. Each view wraps the JSON object it
//! reads; nothing is copied and nothing the views do not know about is lost.

use crate::identity;
use crate::json::{Number, Object, Value};
use crate::lang;
use crate::util::{one_or_many, str_of, types_of};

macro_rules! view {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct $name<'a> {
            object: &'a Object,
        }

        impl<'a> $name<'a> {
            /// Wraps an object as it is; [`validate`](crate::Credential::validate) reports
            /// what is wrong with it.
            pub fn new(object: &'a Object) -> Self {
                Self { object }
            }

            /// The JSON object, unknown properties included.
            pub fn as_object(&self) -> &'a Object {
                self.object
            }

            /// The `id`, when it is a string.
            pub fn id(&self) -> Option<&'a str> {
                str_of(self.object, "id")
            }

            /// The `type` values.
            pub fn types(&self) -> Vec<&'a str> {
                types_of(self.object)
            }

            /// Any property, as written.
            pub fn get(&self, key: &str) -> Option<&'a Value> {
                self.object.get(key)
            }

            #[allow(dead_code)]
            fn str(&self, key: &str) -> Option<&'a str> {
                str_of(self.object, key)
            }

            /// The text of a plain or language-tagged property (the untagged value first).
            #[allow(dead_code)]
            fn text(&self, key: &str) -> Option<&'a str> {
                self.object.get(key).and_then(|v| lang::best(v, None))
            }

            #[allow(dead_code)]
            pub(crate) fn objects(&self, key: &str) -> impl Iterator<Item = &'a Object> + use<'a> {
                self.object.get(key).map(one_or_many).unwrap_or(&[]).iter().filter_map(Value::as_object)
            }
        }
    };
}

view! {
    /// An Open Badges `Profile`: an issuer, creator, employer or source.
    Profile
}

impl<'a> Profile<'a> {
    /// `name` (the untagged value first).
    pub fn name(&self) -> Option<&'a str> {
        self.text("name")
    }

    /// `url`.
    pub fn url(&self) -> Option<&'a str> {
        self.str("url")
    }

    /// `email`.
    pub fn email(&self) -> Option<&'a str> {
        self.str("email")
    }

    /// `parentOrg`.
    pub fn parent_org(&self) -> Option<Profile<'a>> {
        self.object
            .get("parentOrg")
            .and_then(Value::as_object)
            .map(Profile::new)
    }

    /// `otherIdentifier` entries.
    pub fn other_identifiers(&self) -> Vec<IdentifierEntry<'a>> {
        self.objects("otherIdentifier")
            .map(IdentifierEntry::new)
            .collect()
    }
}

/// A credential's issuer: a URL, or a profile object.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Issuer<'a> {
    /// `"issuer": "did:example:123"`.
    Url(&'a str),
    /// `"issuer": {"id": ..., "type": "Profile", ...}`.
    Profile(Profile<'a>),
}

impl<'a> Issuer<'a> {
    /// The issuer's id: the URL itself, or the profile's `id`.
    pub fn id(&self) -> Option<&'a str> {
        match self {
            Issuer::Url(url) => Some(url),
            Issuer::Profile(p) => p.id(),
        }
    }

    /// The profile's `name`, when the issuer is an object that has one.
    pub fn name(&self) -> Option<&'a str> {
        match self {
            Issuer::Url(_) => None,
            Issuer::Profile(p) => p.name(),
        }
    }
}

/// What a credential subject is, told by its `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SubjectKind {
    /// Open Badges `AchievementSubject`.
    Achievement,
    /// CLR `ClrSubject`.
    Clr,
    /// Employment record `EmploymentSubject`.
    Employment,
    /// Open Badges `EndorsementSubject`.
    Endorsement,
    /// Anything else.
    Other,
}

view! {
    /// One `credentialSubject`: an achievement subject, a CLR subject, an employment subject,
    /// an endorsement subject or a plain VC subject.
    Subject
}

impl<'a> Subject<'a> {
    /// What this subject is.
    pub fn kind(&self) -> SubjectKind {
        let types = self.types();
        if types.contains(&"AchievementSubject") {
            SubjectKind::Achievement
        } else if types.contains(&"ClrSubject") {
            SubjectKind::Clr
        } else if types.contains(&"EmploymentSubject") {
            SubjectKind::Employment
        } else if types.contains(&"EndorsementSubject") {
            SubjectKind::Endorsement
        } else {
            SubjectKind::Other
        }
    }

    /// `name` (the untagged value first).
    pub fn name(&self) -> Option<&'a str> {
        self.text("name")
    }

    /// OB: the `achievement`.
    pub fn achievement(&self) -> Option<Achievement<'a>> {
        self.object
            .get("achievement")
            .and_then(Value::as_object)
            .map(Achievement::new)
    }

    /// OB: `result` entries.
    pub fn results(&self) -> Vec<AchievementResult<'a>> {
        self.objects("result").map(AchievementResult::new).collect()
    }

    /// OB: `identifier` entries (identity objects, possibly hashed).
    pub fn identifiers(&self) -> Vec<IdentityObject<'a>> {
        self.objects("identifier")
            .map(IdentityObject::new)
            .collect()
    }

    /// OB: `source`, the profile that issued the achievement on the issuer's behalf.
    pub fn source(&self) -> Option<Profile<'a>> {
        self.object
            .get("source")
            .and_then(Value::as_object)
            .map(Profile::new)
    }

    /// OB: `activityStartDate`, as written.
    pub fn activity_start_date(&self) -> Option<&'a str> {
        self.str("activityStartDate")
    }

    /// OB: `activityEndDate`, as written.
    pub fn activity_end_date(&self) -> Option<&'a str> {
        self.str("activityEndDate")
    }

    /// CLR: the `achievement` entries (an array on a `ClrSubject`).
    pub fn achievements(&self) -> Vec<Achievement<'a>> {
        self.objects("achievement").map(Achievement::new).collect()
    }

    /// CLR: `association` entries.
    pub fn associations(&self) -> Vec<Association<'a>> {
        self.objects("association").map(Association::new).collect()
    }

    /// Employment: the `employer`.
    pub fn employer(&self) -> Option<Profile<'a>> {
        self.object
            .get("employer")
            .and_then(Value::as_object)
            .map(Profile::new)
    }

    /// Employment: the `role`.
    pub fn role(&self) -> Option<EmploymentRole<'a>> {
        self.object
            .get("role")
            .and_then(Value::as_object)
            .map(EmploymentRole::new)
    }

    /// Endorsement: `endorsementComment`.
    pub fn endorsement_comment(&self) -> Option<&'a str> {
        self.str("endorsementComment")
    }
}

view! {
    /// An Open Badges `Achievement`.
    Achievement
}

impl<'a> Achievement<'a> {
    /// `name` (the untagged value first).
    pub fn name(&self) -> Option<&'a str> {
        self.text("name")
    }

    /// `description` (the untagged value first).
    pub fn description(&self) -> Option<&'a str> {
        self.text("description")
    }

    /// `achievementType` (an enumeration value or an `ext:` extension).
    pub fn achievement_type(&self) -> Option<&'a str> {
        self.str("achievementType")
    }

    /// `criteria.narrative`.
    pub fn criteria_narrative(&self) -> Option<&'a str> {
        self.object
            .get("criteria")
            .and_then(|c| c.get("narrative"))
            .and_then(|n| lang::best(n, None))
    }

    /// `criteria.id`.
    pub fn criteria_id(&self) -> Option<&'a str> {
        self.object
            .get("criteria")
            .and_then(|c| c.get("id"))
            .and_then(Value::as_str)
    }

    /// `alignment` entries.
    pub fn alignments(&self) -> Vec<Alignment<'a>> {
        self.objects("alignment").map(Alignment::new).collect()
    }

    /// `resultDescription` entries.
    pub fn result_descriptions(&self) -> Vec<ResultDescription<'a>> {
        self.objects("resultDescription")
            .map(ResultDescription::new)
            .collect()
    }

    /// `creator`.
    pub fn creator(&self) -> Option<Profile<'a>> {
        self.object
            .get("creator")
            .and_then(Value::as_object)
            .map(Profile::new)
    }

    /// `image`, when it is an object.
    pub fn image(&self) -> Option<Image<'a>> {
        self.object
            .get("image")
            .and_then(Value::as_object)
            .map(Image::new)
    }

    /// `creditsAvailable`, with the text it was written with.
    pub fn credits_available(&self) -> Option<&'a Number> {
        self.object
            .get("creditsAvailable")
            .and_then(Value::as_number)
    }

    /// `fieldOfStudy`.
    pub fn field_of_study(&self) -> Option<&'a str> {
        self.str("fieldOfStudy")
    }

    /// `humanCode`.
    pub fn human_code(&self) -> Option<&'a str> {
        self.str("humanCode")
    }

    /// `specialization`.
    pub fn specialization(&self) -> Option<&'a str> {
        self.str("specialization")
    }

    /// `version`.
    pub fn version(&self) -> Option<&'a str> {
        self.str("version")
    }

    /// `tag` values.
    pub fn tags(&self) -> Vec<&'a str> {
        self.object
            .get("tag")
            .map(one_or_many)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_str)
            .collect()
    }

    /// `related` entries.
    pub fn related(&self) -> Vec<&'a Object> {
        self.objects("related").collect()
    }

    /// `otherIdentifier` entries.
    pub fn other_identifiers(&self) -> Vec<IdentifierEntry<'a>> {
        self.objects("otherIdentifier")
            .map(IdentifierEntry::new)
            .collect()
    }
}

view! {
    /// An Open Badges `Alignment`: a link to a skill, competency or occupation in a framework.
    Alignment
}

impl<'a> Alignment<'a> {
    /// `targetName`.
    pub fn target_name(&self) -> Option<&'a str> {
        self.text("targetName")
    }

    /// `targetUrl`.
    pub fn target_url(&self) -> Option<&'a str> {
        self.str("targetUrl")
    }

    /// `targetType` (`ceasn:Competency`, `CFItem`, ... or `ext:`).
    pub fn target_type(&self) -> Option<&'a str> {
        self.str("targetType")
    }

    /// `targetFramework`.
    pub fn target_framework(&self) -> Option<&'a str> {
        self.text("targetFramework")
    }

    /// `targetCode`.
    pub fn target_code(&self) -> Option<&'a str> {
        self.str("targetCode")
    }

    /// `targetDescription`.
    pub fn target_description(&self) -> Option<&'a str> {
        self.text("targetDescription")
    }
}

view! {
    /// An Open Badges `Result` (named so that it does not shadow `std::result::Result`).
    AchievementResult
}

impl<'a> AchievementResult<'a> {
    /// `resultDescription`: the id of the achievement's `ResultDescription` this result answers.
    pub fn result_description(&self) -> Option<&'a str> {
        self.str("resultDescription")
    }

    /// `value`.
    pub fn value(&self) -> Option<&'a str> {
        self.str("value")
    }

    /// `status` (`Completed`, `Enrolled`, ...).
    pub fn status(&self) -> Option<&'a str> {
        self.str("status")
    }

    /// `achievedLevel`: the id of a rubric level.
    pub fn achieved_level(&self) -> Option<&'a str> {
        self.str("achievedLevel")
    }

    /// `alignment` entries.
    pub fn alignments(&self) -> Vec<Alignment<'a>> {
        self.objects("alignment").map(Alignment::new).collect()
    }
}

view! {
    /// An Open Badges `ResultDescription`: a kind of result an achievement records.
    ResultDescription
}

impl<'a> ResultDescription<'a> {
    /// `name`.
    pub fn name(&self) -> Option<&'a str> {
        self.text("name")
    }

    /// `resultType` (`LetterGrade`, `Percent`, ... or `ext:`).
    pub fn result_type(&self) -> Option<&'a str> {
        self.str("resultType")
    }

    /// `allowedValue` entries.
    pub fn allowed_values(&self) -> Vec<&'a str> {
        self.object
            .get("allowedValue")
            .map(one_or_many)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_str)
            .collect()
    }

    /// `requiredValue`.
    pub fn required_value(&self) -> Option<&'a str> {
        self.str("requiredValue")
    }
}

view! {
    /// An Open Badges `IdentityObject`: a recipient identifier, plain or hashed.
    IdentityObject
}

impl<'a> IdentityObject<'a> {
    /// `hashed`.
    pub fn hashed(&self) -> Option<bool> {
        self.object.get("hashed").and_then(Value::as_bool)
    }

    /// `identityHash`: the identifier itself, or its hash when `hashed` is true.
    pub fn identity_hash(&self) -> Option<&'a str> {
        self.str("identityHash")
    }

    /// `identityType` (`emailAddress`, `sourcedId`, ... or `ext:`).
    pub fn identity_type(&self) -> Option<&'a str> {
        self.str("identityType")
    }

    /// `salt`.
    pub fn salt(&self) -> Option<&'a str> {
        self.str("salt")
    }

    /// Whether `identity` (an email address, say) is the identity this object records: compared
    /// as written when not hashed, else through [`identity::matches`] with this object's salt.
    pub fn matches(&self, identity: &str) -> bool {
        match (self.hashed(), self.identity_hash()) {
            (Some(true), Some(hash)) => {
                identity::matches(hash, identity, self.salt().unwrap_or(""))
            }
            (Some(false), Some(plain)) => plain == identity,
            _ => false,
        }
    }
}

view! {
    /// An Open Badges `IdentifierEntry` (`otherIdentifier`).
    IdentifierEntry
}

impl<'a> IdentifierEntry<'a> {
    /// `identifier`.
    pub fn identifier(&self) -> Option<&'a str> {
        self.str("identifier")
    }

    /// `identifierType`.
    pub fn identifier_type(&self) -> Option<&'a str> {
        self.str("identifierType")
    }
}

view! {
    /// An `evidence` entry.
    Evidence
}

impl<'a> Evidence<'a> {
    /// `name`.
    pub fn name(&self) -> Option<&'a str> {
        self.text("name")
    }

    /// `narrative`.
    pub fn narrative(&self) -> Option<&'a str> {
        self.text("narrative")
    }

    /// `description`.
    pub fn description(&self) -> Option<&'a str> {
        self.text("description")
    }
}

view! {
    /// An Open Badges `Image`.
    Image
}

impl<'a> Image<'a> {
    /// `caption`.
    pub fn caption(&self) -> Option<&'a str> {
        self.text("caption")
    }
}

view! {
    /// A CLR `Association` between two achievements.
    Association
}

impl<'a> Association<'a> {
    /// `associationType` (`isChildOf`, `precedes`, ...).
    pub fn association_type(&self) -> Option<&'a str> {
        self.str("associationType")
    }

    /// `sourceId`.
    pub fn source_id(&self) -> Option<&'a str> {
        self.str("sourceId")
    }

    /// `targetId`.
    pub fn target_id(&self) -> Option<&'a str> {
        self.str("targetId")
    }
}

view! {
    /// An employment record's `EmploymentRole`: the position held.
    EmploymentRole
}

impl<'a> EmploymentRole<'a> {
    /// `positionTitle`.
    pub fn position_title(&self) -> Option<&'a str> {
        self.text("positionTitle")
    }

    /// `occupation` alignments (O*NET-SOC or ESCO).
    pub fn occupations(&self) -> Vec<Alignment<'a>> {
        self.objects("occupation").map(Alignment::new).collect()
    }

    /// `skill` alignments.
    pub fn skills(&self) -> Vec<Alignment<'a>> {
        self.objects("skill").map(Alignment::new).collect()
    }

    /// `startDate`, as written (`YYYY-MM-DD`).
    pub fn start_date(&self) -> Option<&'a str> {
        self.str("startDate")
    }

    /// `endDate`, as written; none while the role is held.
    pub fn end_date(&self) -> Option<&'a str> {
        self.str("endDate")
    }

    /// `employmentType`, when it is one of the enumeration's values.
    pub fn employment_type(&self) -> Option<EmploymentType> {
        self.str("employmentType")
            .and_then(EmploymentType::from_name)
    }

    /// `hoursPerWeek`, with the text it was written with.
    pub fn hours_per_week(&self) -> Option<&'a Number> {
        self.object.get("hoursPerWeek").and_then(Value::as_number)
    }

    /// `duties`.
    pub fn duties(&self) -> Vec<&'a str> {
        self.object
            .get("duties")
            .map(one_or_many)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_str)
            .collect()
    }
}

/// The kinds of employment an [`EmploymentRole`] records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EmploymentType {
    /// `FullTime`.
    FullTime,
    /// `PartTime`.
    PartTime,
    /// `Contract`.
    Contract,
    /// `Temporary`.
    Temporary,
    /// `Internship`.
    Internship,
    /// `Apprenticeship`.
    Apprenticeship,
    /// `Volunteer`.
    Volunteer,
    /// `SelfEmployed`.
    SelfEmployed,
}

impl EmploymentType {
    /// Every value, in documentation order.
    pub const ALL: [EmploymentType; 8] = [
        Self::FullTime,
        Self::PartTime,
        Self::Contract,
        Self::Temporary,
        Self::Internship,
        Self::Apprenticeship,
        Self::Volunteer,
        Self::SelfEmployed,
    ];

    /// The value as written in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FullTime => "FullTime",
            Self::PartTime => "PartTime",
            Self::Contract => "Contract",
            Self::Temporary => "Temporary",
            Self::Internship => "Internship",
            Self::Apprenticeship => "Apprenticeship",
            Self::Volunteer => "Volunteer",
            Self::SelfEmployed => "SelfEmployed",
        }
    }

    /// The value written as `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

//! Reading: whether an OB 3.0 credential meets each micro-credential profile, and what is missing.

use ler_model::context::MICROCREDENTIAL_V1;
use std::cmp::Ordering;

use ler_model::json::{Pointer, Value};

use crate::Violation;
use crate::decimal::Decimal;

/// The prefix of Europass EQF level concepts (`http://data.europa.eu/snb/eqf/1` to `/8`).
pub const EQF_LEVEL_PREFIX: &str = "http://data.europa.eu/snb/eqf/";

/// A micro-credential profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Profile {
    /// The US workforce profile: hours-based (1 to 100), skills as alignments.
    Us,
    /// The EU profile: the mandatory elements of Annex I of Council Recommendation 2022/C 243/02.
    Eu,
}

impl Profile {
    /// Both profiles.
    pub const ALL: [Profile; 2] = [Profile::Us, Profile::Eu];

    /// `"us"` or `"eu"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Us => "us",
            Profile::Eu => "eu",
        }
    }

    /// The JSON Schema of this profile.
    pub fn schema(self) -> crate::Schema {
        match self {
            Profile::Us => crate::Schema::MicroCredentialUsV1,
            Profile::Eu => crate::Schema::MicroCredentialEuV1,
        }
    }

    /// What `credential` lacks to meet this profile; empty when it meets it.
    ///
    /// Works on any JSON value: a document that is not an OB 3.0 AchievementCredential at all gets
    /// `mc.credential` violations rather than a panic or an error.
    pub fn check(self, credential: &Value) -> Vec<Violation> {
        let mut c = Checker { out: Vec::new() };
        c.common(credential);
        match self {
            Profile::Us => c.us(credential),
            Profile::Eu => c.eu(credential),
        }
        c.out
    }
}

/// How one credential measures up against both profiles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// What the US profile finds missing or wrong (empty: it meets the profile).
    pub us: Vec<Violation>,
    /// What the EU profile finds missing or wrong (empty: it meets the profile).
    pub eu: Vec<Violation>,
}

impl Assessment {
    /// Whether the credential meets `profile`.
    pub fn meets(&self, profile: Profile) -> bool {
        self.missing(profile).is_empty()
    }

    /// What is missing or wrong for `profile`.
    pub fn missing(&self, profile: Profile) -> &[Violation] {
        match profile {
            Profile::Us => &self.us,
            Profile::Eu => &self.eu,
        }
    }
}

/// Checks `credential` against every profile.
///
/// ```
/// use ler_microcredential::{Profile, assess};
///
/// let badge = ler_model::json::parse(br#"{"type": ["VerifiableCredential", "OpenBadgeCredential"]}"#)?;
/// let report = assess(&badge);
/// assert!(!report.meets(Profile::Us));
/// assert!(report.missing(Profile::Us).iter().any(|v| v.pointer.as_str() == "/credentialSubject/achievement/learningHours"));
/// # Ok::<(), ler_model::json::ParseError>(())
/// ```
pub fn assess(credential: &Value) -> Assessment {
    Assessment {
        us: Profile::Us.check(credential),
        eu: Profile::Eu.check(credential),
    }
}

/// The forms of participation Annex I names, as written in `participationForm`.
pub(crate) const PARTICIPATION_FORMS: [&str; 5] = [
    "online",
    "onsite",
    "blended",
    "volunteering",
    "work-experience",
];
/// QF-EHEA cycles, as written in `qfEheaCycle`.
pub(crate) const QF_EHEA_CYCLES: [&str; 4] =
    ["short-cycle", "first-cycle", "second-cycle", "third-cycle"];
/// Supervision and identity verification during assessment, as written in `assessmentSupervision`.
pub(crate) const SUPERVISION: [&str; 3] = [
    "unsupervised-no-identity-verification",
    "supervised-no-identity-verification",
    "supervised-with-identity-verification",
];
/// Integration and stackability options, as written in `stackability`.
pub(crate) const STACKABILITY: [&str; 2] = ["standalone", "integrated"];

struct Checker {
    out: Vec<Violation>,
}

fn at(path: &[&str]) -> Pointer {
    path.iter().fold(Pointer::root(), |p, k| p.key(k))
}

const ACHIEVEMENT: [&str; 2] = ["credentialSubject", "achievement"];

fn achievement_at(key: &str) -> Pointer {
    at(&ACHIEVEMENT).key(key)
}

/// A value of `type` (string or array) includes `name`.
pub(crate) fn has_type(node: &Value, name: &str) -> bool {
    match node.get("type") {
        Some(Value::String(s)) => s == name,
        Some(Value::Array(items)) => items.iter().any(|t| t.as_str() == Some(name)),
        _ => false,
    }
}

/// A non-empty string, or a language value / array of them with some non-empty text.
fn is_text(value: Option<&Value>) -> bool {
    match value {
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Object(o)) => o
            .get("@value")
            .and_then(Value::as_str)
            .is_some_and(|s| !s.trim().is_empty()),
        Some(Value::Array(items)) => !items.is_empty() && items.iter().all(|v| is_text(Some(v))),
        _ => false,
    }
}

fn is_url(value: Option<&Value>) -> bool {
    value.and_then(Value::as_str).is_some_and(|s| {
        let scheme = s.split(':').next().unwrap_or("");
        s.len() > scheme.len() + 1
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !s.contains(char::is_whitespace)
    })
}

/// `xsd:dateTimeStamp` shape: `YYYY-MM-DDThh:mm:ss[.f](Z|±hh:mm)`.
pub(crate) fn is_date_time_stamp(value: Option<&Value>) -> bool {
    let Some(s) = value.and_then(Value::as_str) else {
        return false;
    };
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let fixed = b.len() >= 20
        && digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && b.get(10) == Some(&b'T')
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16)
        && b.get(16) == Some(&b':')
        && digits(17..19);
    if !fixed {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    rest == "Z"
        || (rest.len() == 6
            && matches!(rest.as_bytes().first(), Some(b'+' | b'-'))
            && rest.as_bytes().get(3) == Some(&b':')
            && rest
                .bytes()
                .enumerate()
                .all(|(i, c)| i == 0 || i == 3 || c.is_ascii_digit()))
}

/// The number at `value` as an exact decimal, when it is a number that fits.
fn decimal(value: Option<&Value>) -> Option<Decimal> {
    value
        .and_then(Value::as_number)
        .and_then(Decimal::from_number)
}

fn within(value: Decimal, low: Decimal, high: Option<Decimal>, low_inclusive: bool) -> bool {
    let above = match value.compare(low) {
        Some(Ordering::Greater) => true,
        Some(Ordering::Equal) => low_inclusive,
        _ => false,
    };
    above && high.is_none_or(|h| matches!(value.compare(h), Some(Ordering::Less | Ordering::Equal)))
}

fn describe(value: Option<&Value>) -> String {
    match value {
        None => "nothing".into(),
        Some(Value::String(s)) => format!("{s:?}"),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => other.kind().into(),
    }
}

impl Checker {
    fn push(&mut self, rule: &'static str, pointer: Pointer, message: impl Into<String>) {
        self.out.push(Violation::new(rule, pointer, message));
    }

    fn achievement<'a>(&self, credential: &'a Value) -> Option<&'a Value> {
        credential.get("credentialSubject")?.get("achievement")
    }

    /// What both profiles need: an OB 3.0 AchievementCredential carrying the micro-credential
    /// context.
    fn common(&mut self, credential: &Value) {
        let is_ob = has_type(credential, "AchievementCredential")
            || has_type(credential, "OpenBadgeCredential");
        if !is_ob {
            self.push(
                "mc.credential",
                at(&["type"]),
                "a micro-credential is an OB 3.0 AchievementCredential (or OpenBadgeCredential)",
            );
        }
        match credential.get("credentialSubject") {
            Some(Value::Object(_)) => {}
            other => self.push(
                "mc.credential",
                at(&["credentialSubject"]),
                format!(
                    "credentialSubject must be one AchievementSubject object, not {}",
                    describe(other)
                ),
            ),
        }
        if self
            .achievement(credential)
            .is_none_or(|a| a.as_object().is_none())
        {
            self.push(
                "mc.credential",
                at(&ACHIEVEMENT),
                "the credential subject needs an achievement object",
            );
        }
        let has_context = credential
            .get("@context")
            .and_then(Value::as_array)
            .is_some_and(|c| c.iter().any(|v| v.as_str() == Some(MICROCREDENTIAL_V1)));
        if !has_context {
            self.push(
                "mc.context",
                at(&["@context"]),
                format!("@context must include {MICROCREDENTIAL_V1}, which defines the micro-credential terms"),
            );
        }
    }

    fn us(&mut self, credential: &Value) {
        let a = self.achievement(credential);
        let field = |k: &str| a.and_then(|a| a.get(k));
        if !is_text(field("name")) {
            self.push(
                "mc.us.title",
                achievement_at("name"),
                "a title (achievement name) is required",
            );
        }
        if !is_text(field("description")) {
            self.push(
                "mc.us.description",
                achievement_at("description"),
                "a description is required",
            );
        }
        let issuer = credential.get("issuer");
        let issuer_ok = issuer.is_some_and(|i| {
            is_url(i.get("id")) && has_type(i, "Profile") && is_text(i.get("name"))
        });
        if !issuer_ok {
            self.push(
                "mc.us.issuer",
                at(&["issuer"]),
                "the issuer must be a Profile with an id and a name",
            );
        }
        let criteria = field("criteria");
        if !criteria.is_some_and(|c| is_url(c.get("id")) || is_text(c.get("narrative"))) {
            self.push(
                "mc.us.criteria",
                achievement_at("criteria"),
                "criteria with a narrative or an id is required",
            );
        }
        let hours = field("learningHours");
        let hours_ok = decimal(hours)
            .is_some_and(|h| within(h, Decimal::from_int(1), Some(Decimal::from_int(100)), true));
        if !hours_ok {
            self.push(
                "mc.us.learning-hours",
                achievement_at("learningHours"),
                format!(
                    "learning hours must be a number from 1 to 100 inclusive, not {}",
                    describe(hours)
                ),
            );
        }
        if !is_text(field("assessmentType")) {
            self.push(
                "mc.us.assessment-type",
                achievement_at("assessmentType"),
                "an assessment type is required",
            );
        }
        self.skills(field("alignment"));
        if let Some(credits) = field("creditsAvailable")
            && !decimal(Some(credits)).is_some_and(|c| within(c, Decimal::ZERO, None, true))
        {
            self.push(
                "mc.us.credits",
                achievement_at("creditsAvailable"),
                format!(
                    "creditsAvailable must be a number of zero or more, not {}",
                    describe(Some(credits))
                ),
            );
        }
        if let Some(until) = credential.get("validUntil")
            && !is_date_time_stamp(Some(until))
        {
            self.push(
                "mc.us.expiry",
                at(&["validUntil"]),
                format!(
                    "validUntil must be an xsd:dateTimeStamp, not {}",
                    describe(Some(until))
                ),
            );
        }
    }

    fn skills(&mut self, alignment: Option<&Value>) {
        let pointer = achievement_at("alignment");
        match alignment.and_then(Value::as_array) {
            Some(items) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    let ok = has_type(item, "Alignment")
                        && is_text(item.get("targetName"))
                        && is_url(item.get("targetUrl"));
                    if !ok {
                        self.push(
                            "mc.us.skills",
                            pointer.index(i),
                            "a skill is an Alignment with targetName and a targetUrl",
                        );
                    }
                }
            }
            _ => self.push(
                "mc.us.skills",
                pointer,
                "at least one skill, as an Alignment, is required",
            ),
        }
    }

    /// The EU Council Recommendation's mandatory and optional elements.
    fn eu(&mut self, credential: &Value) {
        let subject = credential.get("credentialSubject");
        self.eu_learner(subject);
        let a = self.achievement(credential);
        let field = |k: &str| a.and_then(|a| a.get(k));
        if !is_text(field("name")) {
            self.push(
                "mc.eu.title",
                achievement_at("name"),
                "a title (achievement name) is required",
            );
        }
        self.eu_awarding_body(credential.get("issuer"));
        if !is_date_time_stamp(credential.get("validFrom")) {
            self.push(
                "mc.eu.date-of-issue",
                at(&["validFrom"]),
                "the date of issue (validFrom, an xsd:dateTimeStamp) is required",
            );
        }
        self.eu_achievement(a);
        if let Some(results) = subject.and_then(|s| s.get("result")) {
            let ok = results
                .as_array()
                .is_some_and(|r| r.iter().all(|r| has_type(r, "Result")));
            if !ok {
                self.push(
                    "mc.eu.grade",
                    at(&["credentialSubject", "result"]),
                    "the grade achieved is given as OB Result objects",
                );
            }
        }
    }

    /// The learner is identified: a URL `id` or `IdentityObject` identifiers.
    fn eu_learner(&mut self, subject: Option<&Value>) {
        let learner_id = subject.is_some_and(|s| is_url(s.get("id")));
        let learner_identifier =
            subject
                .and_then(|s| s.get("identifier"))
                .is_some_and(|i| match i {
                    Value::Array(items) => {
                        !items.is_empty() && items.iter().all(|o| has_type(o, "IdentityObject"))
                    }
                    single => has_type(single, "IdentityObject"),
                });
        if !(learner_id || learner_identifier) {
            self.push(
                "mc.eu.learner",
                at(&["credentialSubject", "id"]),
                "the learner must be identified: credentialSubject id or identifier",
            );
        }
    }

    /// The awarding body: an id, a name and a country (a name or an ISO 3166-1 alpha-2 code).
    fn eu_awarding_body(&mut self, issuer: Option<&Value>) {
        if !issuer.is_some_and(|i| is_url(i.get("id")) && is_text(i.get("name"))) {
            self.push(
                "mc.eu.awarding-body",
                at(&["issuer"]),
                "the awarding body (issuer) needs an id and a name",
            );
        }
        let address = issuer.and_then(|i| i.get("address"));
        let code = address.and_then(|ad| ad.get("addressCountryCode"));
        let code_ok = code
            .and_then(Value::as_str)
            .is_some_and(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()));
        if code.is_some() && !code_ok {
            self.push(
                "mc.eu.country",
                at(&["issuer", "address", "addressCountryCode"]),
                format!(
                    "addressCountryCode must be an ISO 3166-1 alpha-2 code such as \"IE\", not {}",
                    describe(code)
                ),
            );
        }
        let country = address.is_some_and(|ad| is_text(ad.get("addressCountry"))) || code_ok;
        if !country {
            self.push(
                "mc.eu.country",
                at(&["issuer", "address"]),
                "the issuer's country is required: address.addressCountry or a two-letter addressCountryCode",
            );
        }
    }

    /// The achievement's elements: learning outcomes, workload, level, assessment, form of
    /// participation, quality assurance, and the optional ones when present.
    fn eu_achievement(&mut self, a: Option<&Value>) {
        let field = |k: &str| a.and_then(|a| a.get(k));
        match field("learningOutcome").and_then(Value::as_array) {
            Some(items) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    if !(has_type(item, "LearningOutcome") && is_text(item.get("name"))) {
                        self.push(
                            "mc.eu.learning-outcomes",
                            achievement_at("learningOutcome").index(i),
                            "a learning outcome is a LearningOutcome with a name",
                        );
                    }
                }
            }
            _ => self.push(
                "mc.eu.learning-outcomes",
                achievement_at("learningOutcome"),
                "at least one learning outcome is required",
            ),
        }
        self.workload(field("ectsCredits"), field("learningHours"));
        if let Some(level) = field("eqfLevel") {
            let ok = level
                .as_str()
                .and_then(|s| s.strip_prefix(EQF_LEVEL_PREFIX))
                .is_some_and(|n| matches!(n, "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8"));
            if !ok {
                self.push(
                    "mc.eu.level",
                    achievement_at("eqfLevel"),
                    format!(
                        "eqfLevel must be {EQF_LEVEL_PREFIX}1 to 8, not {}",
                        describe(Some(level))
                    ),
                );
            }
        }
        self.one_of(
            "mc.eu.level",
            "qfEheaCycle",
            field("qfEheaCycle"),
            &QF_EHEA_CYCLES,
            false,
        );
        if !is_text(field("assessmentType")) {
            self.push(
                "mc.eu.assessment-type",
                achievement_at("assessmentType"),
                "the type of assessment is required",
            );
        }
        self.one_of(
            "mc.eu.participation-form",
            "participationForm",
            field("participationForm"),
            &PARTICIPATION_FORMS,
            true,
        );
        if !is_text(field("qualityAssurance")) {
            self.push(
                "mc.eu.quality-assurance",
                achievement_at("qualityAssurance"),
                "the type of quality assurance is required",
            );
        }
        // Optional elements: checked only when present.
        for (rule, key) in [
            ("mc.eu.prerequisites", "prerequisites"),
            ("mc.eu.further-information", "furtherInformation"),
        ] {
            if field(key).is_some_and(|v| !is_text(Some(v))) {
                self.push(rule, achievement_at(key), format!("{key} must be text"));
            }
        }
        self.one_of(
            "mc.eu.supervision",
            "assessmentSupervision",
            field("assessmentSupervision"),
            &SUPERVISION,
            false,
        );
        self.one_of(
            "mc.eu.stackability",
            "stackability",
            field("stackability"),
            &STACKABILITY,
            false,
        );
    }

    fn workload(&mut self, ects: Option<&Value>, hours: Option<&Value>) {
        if ects.is_none() && hours.is_none() {
            self.push(
                "mc.eu.workload",
                achievement_at("ectsCredits"),
                "the notional workload is required: ectsCredits (wherever possible) and/or learningHours",
            );
        }
        for (key, value) in [("ectsCredits", ects), ("learningHours", hours)] {
            if let Some(v) = value
                && !decimal(Some(v)).is_some_and(|d| within(d, Decimal::ZERO, None, false))
            {
                self.push(
                    "mc.eu.workload",
                    achievement_at(key),
                    format!(
                        "{key} must be a number above zero, not {}",
                        describe(Some(v))
                    ),
                );
            }
        }
    }

    fn one_of(
        &mut self,
        rule: &'static str,
        key: &str,
        value: Option<&Value>,
        allowed: &[&str],
        required: bool,
    ) {
        match value {
            None if !required => {}
            Some(v) if v.as_str().is_some_and(|s| allowed.contains(&s)) => {}
            other => self.push(
                rule,
                achievement_at(key),
                format!(
                    "{key} must be one of {}, not {}",
                    allowed.join(", "),
                    describe(other)
                ),
            ),
        }
    }
}

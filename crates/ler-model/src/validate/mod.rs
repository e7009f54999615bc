//! Structural validation: every rule of the crate-level table, all violations reported.

mod rules;

use std::fmt;

pub use rules::{Rule, Spec};

use crate::context::{self, EMPLOYMENT_V1, ObVersion, VcVersion};
use crate::credential::CredentialKind;
use crate::date;
use crate::identity;
use crate::json::{Object, Pointer, Value};
use crate::lang;
use crate::util::{has_type, is_url, one_or_many, types_of};

/// One broken rule: which, where (a JSON pointer into the validated document) and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Violation {
    /// The rule broken.
    pub rule: Rule,
    /// Where: a JSON pointer into the document (`""` is the whole document).
    pub pointer: Pointer,
    /// What is wrong, for a person.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.as_str().is_empty() {
            "/"
        } else {
            self.pointer.as_str()
        };
        write!(f, "{at}: {} [{}]", self.message, self.rule.id())
    }
}

impl serde::Serialize for Violation {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Violation", 3)?;
        s.serialize_field("rule", self.rule.id())?;
        s.serialize_field("pointer", self.pointer.as_str())?;
        s.serialize_field("message", &self.message)?;
        s.end()
    }
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// How many credentials deep (a CLR in a presentation, an endorsement in an achievement, ...)
/// the validator follows. Real documents nest two or three levels.
const MAX_NESTING: usize = 8;

/// The most violations listed for one document; past it, one `vc.violations.truncated`
/// violation gives the count of the rest. Validation then stays linear in the document with a
/// small constant, however many rules a hostile document breaks.
pub const MAX_VIOLATIONS: usize = 1_000;

pub(crate) fn credential(object: &Object) -> Vec<Violation> {
    let mut checker = Checker::new();
    checker.credential(object, &Pointer::root());
    checker.finish()
}

pub(crate) fn presentation(object: &Object) -> Vec<Violation> {
    let mut checker = Checker::new();
    checker.presentation(object, &Pointer::root());
    checker.finish()
}

const ACHIEVEMENT_TYPES: &[&str] = &[
    "Achievement",
    "ApprenticeshipCertificate",
    "Assessment",
    "Assignment",
    "AssociateDegree",
    "Award",
    "Badge",
    "BachelorDegree",
    "Certificate",
    "CertificateOfCompletion",
    "Certification",
    "CommunityService",
    "Competency",
    "Course",
    "CoCurricular",
    "Degree",
    "Diploma",
    "DoctoralDegree",
    "Fieldwork",
    "GeneralEducationDevelopment",
    "JourneymanCertificate",
    "LearningProgram",
    "License",
    "Membership",
    "ProfessionalDoctorate",
    "QualityAssuranceCredential",
    "MasterCertificate",
    "MasterDegree",
    "MicroCredential",
    "ResearchDoctorate",
    "SecondarySchoolDiploma",
];

const ALIGNMENT_TARGET_TYPES: &[&str] = &[
    "ceasn:Competency",
    "ceterms:Credential",
    "CFItem",
    "CFRubric",
    "CFRubricCriterion",
    "CFRubricCriterionLevel",
    "CTDL",
];

const RESULT_TYPES: &[&str] = &[
    "GradePointAverage",
    "LetterGrade",
    "Percent",
    "PerformanceLevel",
    "PredictedScore",
    "RawScore",
    "Result",
    "RubricCriterion",
    "RubricCriterionLevel",
    "RubricScore",
    "ScaledScore",
    "Status",
];

const RESULT_STATUSES: &[&str] = &[
    "Completed",
    "Enrolled",
    "Failed",
    "InProgress",
    "OnHold",
    "Provisional",
    "Withdrew",
];

const IDENTIFIER_TYPES: &[&str] = &[
    "name",
    "sourcedId",
    "systemId",
    "productId",
    "userName",
    "accountId",
    "emailAddress",
    "nationalIdentityNumber",
    "isbn",
    "issn",
    "lisSourcedId",
    "oneRosterSourcedId",
    "sisSourcedId",
    "ltiContextId",
    "ltiDeploymentId",
    "ltiToolId",
    "ltiPlatformId",
    "ltiUserId",
    "identifier",
];

const ASSOCIATION_TYPES: &[&str] = &[
    "exactMatchOf",
    "isChildOf",
    "isParentOf",
    "isPartOf",
    "isPeerOf",
    "isRelatedTo",
    "precedes",
    "replacedBy",
];

const EMPLOYMENT_TYPES: &[&str] = &[
    "FullTime",
    "PartTime",
    "Contract",
    "Temporary",
    "Internship",
    "Apprenticeship",
    "Volunteer",
    "SelfEmployed",
];

/// Whether `value` is in `allowed` or is an `ext:` extension term, as OB enumerations allow.
fn in_extensible(value: &str, allowed: &[&str]) -> bool {
    allowed.contains(&value)
        || value
            .strip_prefix("ext:")
            .is_some_and(|rest| !rest.is_empty())
}

struct Checker {
    out: Vec<Violation>,
    /// Violations found past [`MAX_VIOLATIONS`], counted but not kept.
    unlisted: usize,
    nesting: usize,
    /// Inside an `endorsement` embedded in another object: 1EdTech's validator accepts such
    /// endorsements without `id` or `name`, so `ob.credential.required` is not applied there.
    in_endorsement: bool,
}

impl Checker {
    fn new() -> Self {
        Checker {
            out: Vec::new(),
            unlisted: 0,
            nesting: 0,
            in_endorsement: false,
        }
    }

    fn finish(mut self) -> Vec<Violation> {
        if self.unlisted > 0 {
            self.out.push(Violation {
                rule: Rule::VcViolationsTruncated,
                pointer: Pointer::root(),
                message: format!(
                    "{} more violations not listed (at most {MAX_VIOLATIONS} are)",
                    self.unlisted
                ),
            });
        }
        self.out
    }

    fn push(&mut self, rule: Rule, at: &Pointer, message: impl Into<String>) {
        if self.out.len() >= MAX_VIOLATIONS {
            self.unlisted += 1;
            return;
        }
        self.out.push(Violation {
            rule,
            pointer: at.clone(),
            message: message.into(),
        });
    }

    /// Entries of a one-or-many property with their pointers (an array gives indexed pointers).
    /// Lazy: each pointer is made when its entry is reached, so a wide array does not hold a
    /// pointer per item at once.
    fn entries<'v>(
        value: &'v Value,
        at: &Pointer,
    ) -> impl Iterator<Item = (Pointer, &'v Value)> + use<'v> {
        let (items, single): (&'v [Value], Option<&'v Value>) = match value {
            Value::Array(items) => (items.as_slice(), None),
            other => (&[], Some(other)),
        };
        let base = at.clone();
        let whole = at.clone();
        items
            .iter()
            .enumerate()
            .map(move |(i, v)| (base.index(i), v))
            .chain(single.map(move |v| (whole, v)))
    }

    /// Object entries of a one-or-many property; other entries are reported under `rule`.
    fn object_entries<'v>(
        &mut self,
        value: &'v Value,
        at: &Pointer,
        rule: Rule,
        what: &str,
    ) -> impl Iterator<Item = (Pointer, &'v Object)> + use<'v> {
        // Report the entries that are not objects first, then hand out the objects lazily:
        // holding a pointer per entry of a wide array took many times the array's own memory.
        for (p, v) in Self::entries(value, at) {
            if !matches!(v, Value::Object(_)) {
                self.push(
                    rule,
                    &p,
                    format!("{what} must be an object, not {}", v.kind()),
                );
            }
        }
        Self::entries(value, at).filter_map(|(p, v)| match v {
            Value::Object(o) => Some((p, o)),
            _ => None,
        })
    }

    fn enter_nested(&mut self, at: &Pointer) -> bool {
        if self.nesting >= MAX_NESTING {
            self.push(
                Rule::VcNestingDepth,
                at,
                format!("credentials nested deeper than {MAX_NESTING} levels are not checked"),
            );
            false
        } else {
            self.nesting += 1;
            true
        }
    }

    // ---- VC data model -------------------------------------------------------------------

    /// `@context`; returns the version its first entry names.
    fn contexts(&mut self, object: &Object, at: &Pointer) -> Option<VcVersion> {
        let Some(value) = object.get("@context") else {
            self.push(Rule::VcContextMissing, at, "@context is missing");
            return None;
        };
        let at = at.key("@context");
        let entries = one_or_many(value);
        for (p, entry) in Self::entries(value, &at) {
            match entry {
                Value::String(url) if is_url(url) => {}
                Value::Object(_) => {}
                other => self.push(
                    Rule::VcContextValue,
                    &p,
                    format!(
                        "a @context entry must be a URL or an object, not {}",
                        describe(other)
                    ),
                ),
            }
        }
        let first = entries.first().and_then(Value::as_str);
        let version = first.and_then(VcVersion::from_context);
        if version.is_none() {
            let p = if matches!(value, Value::Array(_)) {
                at.index(0)
            } else {
                at
            };
            self.push(
                Rule::VcContextFirst,
                &p,
                format!(
                    "the first @context must be {} (or {} for VC 1.1)",
                    context::VC_V2,
                    context::VC_V1
                ),
            );
        }
        version
    }

    /// `type`: present, strings only; returns whether it names `base`.
    fn type_names(&mut self, object: &Object, at: &Pointer, base: &str, missing_base: Rule) {
        let Some(value) = object.get("type") else {
            self.push(Rule::VcTypeMissing, at, "type is missing");
            return;
        };
        let p = at.key("type");
        let strings_only = one_or_many(value).iter().all(|v| v.as_str().is_some());
        if !strings_only || matches!(value, Value::Array(a) if a.is_empty()) {
            self.push(
                Rule::VcTypeValue,
                &p,
                "type must be a string or a non-empty array of strings",
            );
        }
        if !has_type(object, base) {
            self.push(missing_base, &p, format!("type must include {base}"));
        }
    }

    fn id_is_url(&mut self, object: &Object, at: &Pointer) {
        if let Some(id) = object.get("id")
            && !id.as_str().is_some_and(is_url)
        {
            self.push(
                Rule::VcIdValue,
                &at.key("id"),
                format!("id must be a single URL, not {}", describe(id)),
            );
        }
    }

    fn text(&mut self, object: &Object, at: &Pointer, keys: &[&str]) {
        for key in keys {
            if let Some(problem) = object.get(key).and_then(lang::problem) {
                self.push(Rule::VcTextValue, &at.key(key), format!("{key}: {problem}"));
            }
        }
    }

    fn credential(&mut self, object: &Object, at: &Pointer) {
        let version = self.contexts(object, at);
        self.id_is_url(object, at);
        self.type_names(object, at, "VerifiableCredential", Rule::VcTypeMissingBase);
        self.text(object, at, &["name", "description"]);
        self.issuer(object, at);
        self.dates(object, at, version);
        match object.get("credentialSubject") {
            None => self.push(Rule::VcSubjectMissing, at, "credentialSubject is missing"),
            Some(Value::Array(a)) if a.is_empty() => self.push(
                Rule::VcSubjectMissing,
                &at.key("credentialSubject"),
                "credentialSubject is empty",
            ),
            Some(value) => {
                let subjects = self.object_entries(
                    value,
                    &at.key("credentialSubject"),
                    Rule::VcSubjectValue,
                    "a credentialSubject",
                );
                for (p, subject) in subjects {
                    // VCDM 2.0 §4.8: each subject is the subject of one or more claims.
                    if subject.is_empty() {
                        self.push(
                            Rule::VcSubjectValue,
                            &p,
                            "a credentialSubject must make at least one claim, not be empty",
                        );
                    }
                    self.id_is_url(subject, &p);
                }
            }
        }
        self.shapes(object, at);
        self.profile_rules(object, at);
    }

    fn issuer(&mut self, object: &Object, at: &Pointer) {
        match object.get("issuer") {
            None => self.push(Rule::VcIssuerMissing, at, "issuer is missing"),
            Some(Value::String(url)) if is_url(url) => {}
            Some(Value::Object(o)) if o.get("id").and_then(Value::as_str).is_some_and(is_url) => {
                self.text(o, &at.key("issuer"), &["name", "description"]);
            }
            Some(other) => self.push(
                Rule::VcIssuerValue,
                &at.key("issuer"),
                format!(
                    "issuer must be a URL or an object whose id is a URL, not {}",
                    describe(other)
                ),
            ),
        }
    }

    fn dates(&mut self, object: &Object, at: &Pointer, version: Option<VcVersion>) {
        let v1 = version == Some(VcVersion::V1_1);
        let (from_key, until_key) = if v1 {
            ("issuanceDate", "expirationDate")
        } else {
            ("validFrom", "validUntil")
        };
        if v1 && !object.contains_key("issuanceDate") {
            self.push(
                Rule::VcIssuanceDateMissing,
                at,
                "a VC 1.1 credential needs issuanceDate",
            );
        }
        let read = |this: &mut Self, key: &str| -> Option<date::Instant> {
            let value = object.get(key)?;
            let p = at.key(key);
            let Some(text) = value.as_str() else {
                this.push(
                    Rule::VcDateFormat,
                    &p,
                    format!("{key} must be a string, not {}", value.kind()),
                );
                return None;
            };
            let parsed = if v1 {
                date::parse_date_time(text).map(|(i, _)| i)
            } else {
                date::parse_date_time_stamp(text)
            };
            match parsed {
                Ok(instant) => Some(instant),
                Err(e) => {
                    let form = if v1 {
                        "an xsd:dateTime"
                    } else {
                        "an xsd:dateTimeStamp"
                    };
                    this.push(
                        Rule::VcDateFormat,
                        &p,
                        format!("{key} {text:?} is not {form}: {e}"),
                    );
                    None
                }
            }
        };
        let from = read(self, from_key);
        let until = read(self, until_key);
        // VC 2.0 documents may not carry the 1.1 names; check their form too when present.
        if !v1 {
            for key in ["issuanceDate", "expirationDate"] {
                if let Some(text) = object.get(key).and_then(Value::as_str)
                    && date::parse_date_time(text).is_err()
                {
                    self.push(
                        Rule::VcDateFormat,
                        &at.key(key),
                        format!("{key} {text:?} is not an xsd:dateTime"),
                    );
                }
            }
        }
        if let (Some(from), Some(until)) = (from, until)
            && until < from
        {
            self.push(
                Rule::VcValidityOrder,
                &at.key(until_key),
                format!("{until_key} is before {from_key}"),
            );
        }
    }

    /// credentialStatus, credentialSchema, evidence, termsOfUse, refreshService,
    /// relatedResource, proof.
    fn shapes(&mut self, object: &Object, at: &Pointer) {
        let typed = [
            ("credentialStatus", Rule::VcStatusValue, false),
            ("credentialSchema", Rule::VcSchemaValue, true),
            ("evidence", Rule::VcEvidenceValue, false),
            ("termsOfUse", Rule::VcTermsOfUseValue, false),
            ("refreshService", Rule::VcRefreshServiceValue, false),
            ("proof", Rule::VcProofValue, false),
        ];
        for (key, rule, id_required) in typed {
            let Some(value) = object.get(key) else {
                continue;
            };
            for (p, entry) in self.object_entries(value, &at.key(key), rule, key) {
                if entry
                    .get("type")
                    .is_none_or(|t| one_or_many(t).iter().any(|v| v.as_str().is_none()))
                {
                    self.push(
                        rule,
                        &p,
                        format!("{key} needs a type (a string or strings)"),
                    );
                }
                match entry.get("id") {
                    Some(id) if !id.as_str().is_some_and(is_url) => {
                        self.push(rule, &p.key("id"), format!("{key} id must be a URL"))
                    }
                    None if id_required => self.push(rule, &p, format!("{key} needs an id")),
                    _ => {}
                }
            }
        }
        if let Some(value) = object.get("relatedResource") {
            let rule = Rule::VcRelatedResourceValue;
            let mut seen: Vec<&str> = Vec::new();
            for (p, entry) in
                self.object_entries(value, &at.key("relatedResource"), rule, "relatedResource")
            {
                match entry.get("id").and_then(Value::as_str) {
                    Some(id) if is_url(id) => {
                        // VCDM 2.0 §5.3: one entry per resource, so its digests are unambiguous.
                        if seen.contains(&id) {
                            self.push(
                                rule,
                                &p.key("id"),
                                format!("relatedResource {id} is listed more than once"),
                            );
                        } else {
                            seen.push(id);
                        }
                    }
                    _ => self.push(rule, &p, "relatedResource needs an id that is a URL"),
                }
                let digests = ["digestSRI", "digestMultibase"];
                if !digests.iter().any(|d| entry.get(d).is_some()) {
                    self.push(
                        rule,
                        &p,
                        "relatedResource needs digestSRI or digestMultibase",
                    );
                }
                for d in digests {
                    if entry.get(d).is_some_and(|v| v.as_str().is_none()) {
                        self.push(rule, &p.key(d), format!("{d} must be a string"));
                    }
                }
            }
        }
    }

    fn presentation(&mut self, object: &Object, at: &Pointer) {
        self.contexts(object, at);
        self.id_is_url(object, at);
        self.type_names(
            object,
            at,
            "VerifiablePresentation",
            Rule::VpTypeMissingBase,
        );
        match object.get("holder") {
            None => {}
            Some(Value::String(url)) if is_url(url) => {}
            Some(Value::Object(o)) if o.get("id").and_then(Value::as_str).is_some_and(is_url) => {}
            Some(other) => self.push(
                Rule::VpHolderValue,
                &at.key("holder"),
                format!(
                    "holder must be a URL or an object whose id is a URL, not {}",
                    describe(other)
                ),
            ),
        }
        if let Some(value) = object.get("verifiableCredential") {
            let entries = self.object_entries(
                value,
                &at.key("verifiableCredential"),
                Rule::VpCredentialValue,
                "a verifiableCredential",
            );
            for (p, credential) in entries {
                self.nested_credential(credential, &p);
            }
        }
        if let Some(value) = object.get("proof") {
            for (p, entry) in
                self.object_entries(value, &at.key("proof"), Rule::VcProofValue, "proof")
            {
                if entry.get("type").is_none() {
                    self.push(Rule::VcProofValue, &p, "proof needs a type");
                }
            }
        }
    }

    /// A credential inside another document; an `EnvelopedVerifiableCredential` carries its
    /// credential as opaque data, so only its shape is checked.
    fn nested_credential(&mut self, object: &Object, at: &Pointer) {
        if has_type(object, "EnvelopedVerifiableCredential") {
            self.id_is_url(object, at);
            return;
        }
        if self.enter_nested(at) {
            self.credential(object, at);
            self.nesting -= 1;
        }
    }

    // ---- profiles: OB, CLR, employment ----------------------------------------------------

    fn profile_rules(&mut self, object: &Object, at: &Pointer) {
        let kind = CredentialKind::of(object);
        let contexts: Vec<&str> = object
            .get("@context")
            .map(one_or_many)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let has_ob = contexts
            .iter()
            .any(|c| ObVersion::from_context(c).is_some());
        let has_clr = contexts.iter().any(|c| context::is_clr_context(c));
        let has_emp = contexts.contains(&EMPLOYMENT_V1);
        let type_at = at.key("type");
        match kind {
            CredentialKind::Plain if has_clr => {
                self.push(Rule::ClrCredentialType, &type_at, "a document with a CLR context must be a ClrCredential")
            }
            CredentialKind::Plain if has_emp => self.push(
                Rule::EmpCredentialType,
                &type_at,
                "a document with the employment context must be an EmploymentCredential",
            ),
            CredentialKind::Plain if has_ob => self.push(
                Rule::ObCredentialType,
                &type_at,
                "a document with an Open Badges context must be an OpenBadgeCredential, AchievementCredential or EndorsementCredential",
            ),
            _ => {}
        }
        match kind {
            CredentialKind::Plain => return,
            CredentialKind::Employment if !has_emp => self.push(
                Rule::EmpContextMissing,
                &at.key("@context"),
                format!("an employment record must name {EMPLOYMENT_V1}"),
            ),
            _ => {}
        }
        let required_rule = if kind == CredentialKind::Clr {
            Rule::ClrCredentialRequired
        } else {
            Rule::ObCredentialRequired
        };
        let date_key = if object.contains_key("issuanceDate") && !object.contains_key("validFrom") {
            "issuanceDate"
        } else {
            "validFrom"
        };
        for key in ["id", "name", date_key] {
            if !object.contains_key(key) && !self.in_endorsement {
                self.push(
                    required_rule,
                    at,
                    format!("this {} needs {key}", kind.label()),
                );
            }
        }
        if let Some(Value::Object(issuer)) = object.get("issuer") {
            self.profile(issuer, &at.key("issuer"), 0);
        }
        if let Some(value) = object.get("evidence") {
            for (p, entry) in Self::entries(value, &at.key("evidence")) {
                if let Value::Object(e) = entry
                    && !has_type(e, "Evidence")
                {
                    self.push(
                        Rule::ObEvidenceType,
                        &p.key("type"),
                        "an Evidence's type must include Evidence",
                    );
                }
            }
        }
        self.endorsements(object, at);
        if let Some(value) = object.get("credentialSubject") {
            for (p, entry) in Self::entries(value, &at.key("credentialSubject")) {
                let Value::Object(subject) = entry else {
                    continue;
                };
                match kind {
                    CredentialKind::OpenBadge => self.achievement_subject(subject, &p),
                    CredentialKind::Endorsement => {
                        if !has_type(subject, "EndorsementSubject") || !subject.contains_key("id") {
                            self.push(Rule::ObEndorsementSubject, &p, "an endorsement's subject needs an id and the type EndorsementSubject");
                        }
                    }
                    CredentialKind::Clr => self.clr_subject(subject, &p),
                    CredentialKind::Employment => self.employment_subject(subject, &p),
                    CredentialKind::Plain => {}
                }
            }
        }
    }

    fn endorsements(&mut self, object: &Object, at: &Pointer) {
        if let Some(value) = object.get("endorsement") {
            let entries = self.object_entries(
                value,
                &at.key("endorsement"),
                Rule::ObCredentialRequired,
                "an endorsement",
            );
            let outer = std::mem::replace(&mut self.in_endorsement, true);
            for (p, endorsement) in entries {
                self.nested_credential(endorsement, &p);
            }
            self.in_endorsement = outer;
        }
    }

    fn required(&mut self, object: &Object, at: &Pointer, rule: Rule, what: &str, keys: &[&str]) {
        for key in keys {
            if !object.contains_key(key) {
                self.push(rule, at, format!("{what} needs {key}"));
            }
        }
    }

    fn must_have_type(&mut self, object: &Object, at: &Pointer, rule: Rule, wanted: &str) {
        if !has_type(object, wanted) {
            let found = types_of(object).join(", ");
            self.push(
                rule,
                &at.key("type"),
                format!("type must include {wanted} (found: {found})"),
            );
        }
    }

    fn profile(&mut self, object: &Object, at: &Pointer, depth: usize) {
        if !object.get("id").and_then(Value::as_str).is_some_and(is_url) {
            self.push(
                Rule::ObProfileRequired,
                at,
                "a Profile needs an id that is a URL",
            );
        }
        self.must_have_type(object, at, Rule::ObProfileType, "Profile");
        if let Some(value) = object.get("otherIdentifier") {
            self.identifier_entries(value, &at.key("otherIdentifier"));
        }
        if let Some(image) = object.get("image") {
            self.image(image, &at.key("image"));
        }
        match object.get("parentOrg") {
            Some(Value::Object(parent)) if depth < MAX_NESTING => {
                self.profile(parent, &at.key("parentOrg"), depth + 1)
            }
            Some(Value::Object(_)) => {}
            Some(other) => self.push(
                Rule::ObProfileRequired,
                &at.key("parentOrg"),
                format!("parentOrg must be a Profile object, not {}", other.kind()),
            ),
            None => {}
        }
        self.endorsements(object, at);
    }

    fn profile_value(&mut self, value: &Value, at: &Pointer) {
        match value {
            Value::Object(o) => self.profile(o, at, 0),
            other => self.push(
                Rule::ObProfileRequired,
                at,
                format!("a Profile must be an object, not {}", other.kind()),
            ),
        }
    }

    fn identifier_entries(&mut self, value: &Value, at: &Pointer) {
        for (p, entry) in self.object_entries(
            value,
            at,
            Rule::ObIdentifierEntryRequired,
            "an IdentifierEntry",
        ) {
            self.must_have_type(entry, &p, Rule::ObIdentifierEntryType, "IdentifierEntry");
            self.required(
                entry,
                &p,
                Rule::ObIdentifierEntryRequired,
                "an IdentifierEntry",
                &["identifier", "identifierType"],
            );
            if let Some(t) = entry.get("identifierType").and_then(Value::as_str)
                && !in_extensible(t, IDENTIFIER_TYPES)
            {
                self.push(
                    Rule::ObIdentifierTypeValue,
                    &p.key("identifierType"),
                    format!("{t:?} is not an identifier type"),
                );
            }
        }
    }

    fn image(&mut self, value: &Value, at: &Pointer) {
        match value {
            Value::String(url) if is_url(url) => {}
            Value::Object(o)
                if o.get("id").and_then(Value::as_str).is_some_and(is_url)
                    && has_type(o, "Image") => {}
            _ => self.push(
                Rule::ObImageValue,
                at,
                "an Image must be a URL or an object with a URL id and the type Image",
            ),
        }
    }

    fn achievement_subject(&mut self, subject: &Object, at: &Pointer) {
        self.must_have_type(subject, at, Rule::ObSubjectType, "AchievementSubject");
        if !subject.contains_key("id") && !subject.contains_key("identifier") {
            self.push(
                Rule::ObSubjectIdentifier,
                at,
                "an AchievementSubject needs an id or an identifier",
            );
        }
        match subject.get("achievement") {
            Some(Value::Object(a)) => self.achievement(a, &at.key("achievement")),
            Some(other) => self.push(
                Rule::ObSubjectRequired,
                &at.key("achievement"),
                format!("achievement must be an object, not {}", other.kind()),
            ),
            None => self.push(
                Rule::ObSubjectRequired,
                at,
                "an AchievementSubject needs an achievement",
            ),
        }
        if let Some(value) = subject.get("identifier") {
            for (p, identity) in self.object_entries(
                value,
                &at.key("identifier"),
                Rule::ObIdentityRequired,
                "an identifier",
            ) {
                self.identity_object(identity, &p);
            }
        }
        if let Some(value) = subject.get("result") {
            for (p, result) in
                self.object_entries(value, &at.key("result"), Rule::ObResultType, "a result")
            {
                self.result(result, &p);
            }
        }
        if let Some(source) = subject.get("source") {
            self.profile_value(source, &at.key("source"));
        }
        if let Some(image) = subject.get("image") {
            self.image(image, &at.key("image"));
        }
        if let Some(v) = subject.get("creditsEarned")
            && v.as_number().is_none()
        {
            self.push(
                Rule::ObAchievementValue,
                &at.key("creditsEarned"),
                "creditsEarned must be a number",
            );
        }
    }

    fn achievement(&mut self, a: &Object, at: &Pointer) {
        self.required(
            a,
            at,
            Rule::ObAchievementRequired,
            "an Achievement",
            &["id", "type", "name", "criteria", "description"],
        );
        if a.contains_key("type") {
            self.must_have_type(a, at, Rule::ObAchievementType, "Achievement");
        }
        self.text(a, at, &["name", "description"]);
        if let Some(t) = a.get("achievementType") {
            match t.as_str() {
                Some(t) if in_extensible(t, ACHIEVEMENT_TYPES) => {}
                _ => self.push(
                    Rule::ObAchievementTypeValue,
                    &at.key("achievementType"),
                    format!(
                        "{} is not an achievement type (or an ext: extension)",
                        describe(t)
                    ),
                ),
            }
        }
        match a.get("criteria") {
            Some(Value::Object(c)) if c.contains_key("id") || c.contains_key("narrative") => {}
            Some(_) => self.push(
                Rule::ObCriteriaValue,
                &at.key("criteria"),
                "criteria must be an object with an id or a narrative",
            ),
            None => {}
        }
        if let Some(v) = a.get("creditsAvailable")
            && v.as_number().is_none()
        {
            self.push(
                Rule::ObAchievementValue,
                &at.key("creditsAvailable"),
                "creditsAvailable must be a number",
            );
        }
        for key in [
            "fieldOfStudy",
            "humanCode",
            "specialization",
            "version",
            "inLanguage",
        ] {
            if a.get(key).is_some_and(|v| v.as_str().is_none()) {
                self.push(
                    Rule::ObAchievementValue,
                    &at.key(key),
                    format!("{key} must be a string"),
                );
            }
        }
        if a.get("tag")
            .is_some_and(|t| !one_or_many(t).iter().all(|v| v.as_str().is_some()))
        {
            self.push(
                Rule::ObAchievementValue,
                &at.key("tag"),
                "tag must be strings",
            );
        }
        if let Some(value) = a.get("alignment") {
            self.alignments(value, &at.key("alignment"));
        }
        if let Some(value) = a.get("resultDescription") {
            for (p, rd) in self.object_entries(
                value,
                &at.key("resultDescription"),
                Rule::ObResultDescriptionRequired,
                "a resultDescription",
            ) {
                self.result_description(rd, &p);
            }
        }
        if let Some(creator) = a.get("creator") {
            self.profile_value(creator, &at.key("creator"));
        }
        if let Some(image) = a.get("image") {
            self.image(image, &at.key("image"));
        }
        if let Some(value) = a.get("otherIdentifier") {
            self.identifier_entries(value, &at.key("otherIdentifier"));
        }
        if let Some(value) = a.get("related") {
            for (p, r) in self.object_entries(
                value,
                &at.key("related"),
                Rule::ObRelatedRequired,
                "a related entry",
            ) {
                if !r.get("id").and_then(Value::as_str).is_some_and(is_url)
                    || !has_type(r, "Related")
                {
                    self.push(
                        Rule::ObRelatedRequired,
                        &p,
                        "a Related needs a URL id and the type Related",
                    );
                }
            }
        }
        self.endorsements(a, at);
    }

    fn alignments(&mut self, value: &Value, at: &Pointer) {
        for (p, alignment) in
            self.object_entries(value, at, Rule::ObAlignmentRequired, "an alignment")
        {
            self.alignment(alignment, &p);
        }
    }

    fn alignment(&mut self, a: &Object, at: &Pointer) {
        self.must_have_type(a, at, Rule::ObAlignmentType, "Alignment");
        if !a.contains_key("targetName") {
            self.push(
                Rule::ObAlignmentRequired,
                at,
                "an Alignment needs targetName",
            );
        }
        match a.get("targetUrl") {
            Some(Value::String(url)) if is_url(url) => {}
            Some(_) => self.push(
                Rule::ObAlignmentRequired,
                &at.key("targetUrl"),
                "targetUrl must be a URL",
            ),
            None => self.push(
                Rule::ObAlignmentRequired,
                at,
                "an Alignment needs targetUrl",
            ),
        }
        if let Some(t) = a.get("targetType")
            && !t
                .as_str()
                .is_some_and(|t| in_extensible(t, ALIGNMENT_TARGET_TYPES))
        {
            self.push(
                Rule::ObAlignmentTargetType,
                &at.key("targetType"),
                format!(
                    "{} is not an alignment target type (or an ext: extension)",
                    describe(t)
                ),
            );
        }
    }

    fn result_description(&mut self, rd: &Object, at: &Pointer) {
        self.must_have_type(rd, at, Rule::ObResultDescriptionType, "ResultDescription");
        self.required(
            rd,
            at,
            Rule::ObResultDescriptionRequired,
            "a ResultDescription",
            &["id", "name", "resultType"],
        );
        if let Some(t) = rd.get("resultType")
            && !t.as_str().is_some_and(|t| in_extensible(t, RESULT_TYPES))
        {
            self.push(
                Rule::ObResultTypeValue,
                &at.key("resultType"),
                format!(
                    "{} is not a result type (or an ext: extension)",
                    describe(t)
                ),
            );
        }
        if let Some(value) = rd.get("alignment") {
            self.alignments(value, &at.key("alignment"));
        }
        if let Some(value) = rd.get("rubricCriterionLevel") {
            for (p, level) in self.object_entries(
                value,
                &at.key("rubricCriterionLevel"),
                Rule::ObRubricLevelRequired,
                "a rubricCriterionLevel",
            ) {
                self.required(
                    level,
                    &p,
                    Rule::ObRubricLevelRequired,
                    "a RubricCriterionLevel",
                    &["id", "name"],
                );
                if !has_type(level, "RubricCriterionLevel") {
                    self.push(
                        Rule::ObRubricLevelRequired,
                        &p.key("type"),
                        "type must include RubricCriterionLevel",
                    );
                }
                if let Some(value) = level.get("alignment") {
                    self.alignments(value, &p.key("alignment"));
                }
            }
        }
    }

    fn result(&mut self, result: &Object, at: &Pointer) {
        self.must_have_type(result, at, Rule::ObResultType, "Result");
        if let Some(status) = result.get("status")
            && !status
                .as_str()
                .is_some_and(|s| RESULT_STATUSES.contains(&s))
        {
            self.push(
                Rule::ObResultStatus,
                &at.key("status"),
                format!("{} is not a result status", describe(status)),
            );
        }
        if let Some(value) = result.get("alignment") {
            self.alignments(value, &at.key("alignment"));
        }
    }

    fn identity_object(&mut self, identity: &Object, at: &Pointer) {
        self.must_have_type(identity, at, Rule::ObIdentityType, "IdentityObject");
        self.required(
            identity,
            at,
            Rule::ObIdentityRequired,
            "an IdentityObject",
            &["hashed", "identityHash", "identityType"],
        );
        if identity
            .get("hashed")
            .is_some_and(|h| h.as_bool().is_none())
        {
            self.push(
                Rule::ObIdentityRequired,
                &at.key("hashed"),
                "hashed must be a boolean",
            );
        }
        if identity
            .get("identityType")
            .is_some_and(|t| t.as_str().is_none())
        {
            self.push(
                Rule::ObIdentityRequired,
                &at.key("identityType"),
                "identityType must be a string",
            );
        }
        if identity.get("hashed").and_then(Value::as_bool) == Some(true) {
            let hash = identity.get("identityHash").and_then(Value::as_str);
            if hash.is_some_and(|h| !identity::is_hash_form(h)) {
                self.push(
                    Rule::ObIdentityHash,
                    &at.key("identityHash"),
                    "a hashed identityHash must be sha256$ and 64 hex digits",
                );
            }
        }
    }

    fn clr_subject(&mut self, subject: &Object, at: &Pointer) {
        self.must_have_type(subject, at, Rule::ClrSubjectType, "ClrSubject");
        match subject.get("verifiableCredential") {
            None => self.push(
                Rule::ClrSubjectRequired,
                at,
                "a ClrSubject needs verifiableCredential",
            ),
            Some(Value::Array(a)) if a.is_empty() => self.push(
                Rule::ClrSubjectRequired,
                &at.key("verifiableCredential"),
                "verifiableCredential needs one or more credentials",
            ),
            Some(value) => {
                let entries = self.object_entries(
                    value,
                    &at.key("verifiableCredential"),
                    Rule::ClrCredentialValue,
                    "a verifiableCredential",
                );
                for (p, credential) in entries {
                    self.nested_credential(credential, &p);
                }
            }
        }
        if let Some(value) = subject.get("achievement") {
            for (p, a) in self.object_entries(
                value,
                &at.key("achievement"),
                Rule::ObAchievementRequired,
                "an achievement",
            ) {
                self.achievement(a, &p);
            }
        }
        if let Some(value) = subject.get("association") {
            for (p, assoc) in self.object_entries(
                value,
                &at.key("association"),
                Rule::ClrAssociationRequired,
                "an association",
            ) {
                self.required(
                    assoc,
                    &p,
                    Rule::ClrAssociationRequired,
                    "an Association",
                    &["associationType", "sourceId", "targetId"],
                );
                if !has_type(assoc, "Association") {
                    self.push(
                        Rule::ClrAssociationRequired,
                        &p.key("type"),
                        "type must include Association",
                    );
                }
                if let Some(t) = assoc.get("associationType")
                    && !t.as_str().is_some_and(|t| ASSOCIATION_TYPES.contains(&t))
                {
                    self.push(
                        Rule::ClrAssociationTypeValue,
                        &p.key("associationType"),
                        format!("{} is not an association type", describe(t)),
                    );
                }
            }
        }
    }

    fn employment_subject(&mut self, subject: &Object, at: &Pointer) {
        self.must_have_type(subject, at, Rule::EmpSubjectType, "EmploymentSubject");
        match subject.get("employer") {
            Some(employer) => self.profile_value(employer, &at.key("employer")),
            None => self.push(
                Rule::EmpSubjectRequired,
                at,
                "an EmploymentSubject needs employer",
            ),
        }
        let role = match subject.get("role") {
            Some(Value::Object(role)) => role,
            Some(other) => {
                self.push(
                    Rule::EmpRoleType,
                    &at.key("role"),
                    format!(
                        "role must be an EmploymentRole object, not {}",
                        other.kind()
                    ),
                );
                return;
            }
            None => {
                self.push(
                    Rule::EmpSubjectRequired,
                    at,
                    "an EmploymentSubject needs role",
                );
                return;
            }
        };
        let at = at.key("role");
        self.must_have_type(role, &at, Rule::EmpRoleType, "EmploymentRole");
        if role
            .get("positionTitle")
            .is_none_or(|t| lang::problem(t).is_some())
        {
            self.push(
                Rule::EmpRoleRequired,
                &at,
                "an EmploymentRole needs positionTitle (text)",
            );
        }
        let read_date = |this: &mut Self, key: &str| -> Option<i64> {
            let value = role.get(key)?;
            match value.as_str().map(date::parse_date) {
                Some(Ok(days)) => Some(days),
                _ => {
                    this.push(
                        Rule::EmpDateFormat,
                        &at.key(key),
                        format!(
                            "{key} must be an xsd:date YYYY-MM-DD, not {}",
                            describe(value)
                        ),
                    );
                    None
                }
            }
        };
        let start = read_date(self, "startDate");
        let end = read_date(self, "endDate");
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            self.push(
                Rule::EmpDateOrder,
                &at.key("endDate"),
                "endDate is before startDate",
            );
        }
        if let Some(t) = role.get("employmentType")
            && !t.as_str().is_some_and(|t| EMPLOYMENT_TYPES.contains(&t))
        {
            self.push(
                Rule::EmpEmploymentTypeValue,
                &at.key("employmentType"),
                format!("{} is not an employment type", describe(t)),
            );
        }
        if let Some(h) = role.get("hoursPerWeek") {
            let ok = h
                .as_number()
                .map(|n| n.as_f64())
                .is_some_and(|n| (0.0..=168.0).contains(&n));
            if !ok {
                self.push(
                    Rule::EmpHoursValue,
                    &at.key("hoursPerWeek"),
                    format!(
                        "hoursPerWeek must be a number from 0 to 168, not {}",
                        describe(h)
                    ),
                );
            }
        }
        if let Some(d) = role.get("duties")
            && !d
                .as_array()
                .is_some_and(|a| a.iter().all(|v| v.as_str().is_some()))
        {
            self.push(
                Rule::EmpDutiesValue,
                &at.key("duties"),
                "duties must be an array of strings",
            );
        }
        for key in ["occupation", "skill"] {
            let Some(value) = role.get(key) else { continue };
            let p = at.key(key);
            let Some(items) = value.as_array() else {
                self.push(
                    Rule::EmpAlignmentValue,
                    &p,
                    format!("{key} must be an array of Alignment objects"),
                );
                continue;
            };
            for (i, item) in items.iter().enumerate() {
                let p = p.index(i);
                let Value::Object(alignment) = item else {
                    self.push(
                        Rule::EmpAlignmentValue,
                        &p,
                        format!(
                            "{key} entries must be Alignment objects, not {}",
                            item.kind()
                        ),
                    );
                    continue;
                };
                self.alignment(alignment, &p);
                if key == "occupation" {
                    self.occupation(alignment, &p);
                }
            }
        }
    }

    /// An occupation alignment names its framework, and its code or URL fits it.
    fn occupation(&mut self, a: &Object, at: &Pointer) {
        let framework = a.get("targetFramework").and_then(Value::as_str);
        let code = a.get("targetCode").and_then(Value::as_str);
        let url = a.get("targetUrl").and_then(Value::as_str).unwrap_or("");
        let rule = Rule::EmpOccupationFramework;
        match framework {
            Some("O*NET-SOC") => {
                if !code.is_some_and(is_onet_soc_code) {
                    self.push(
                        rule,
                        &at.key("targetCode"),
                        "an O*NET-SOC occupation needs a targetCode like 15-1252.00",
                    );
                }
            }
            Some("ESCO") => {
                if !url.starts_with("http://data.europa.eu/esco/occupation/") {
                    self.push(
                        rule,
                        &at.key("targetUrl"),
                        "an ESCO occupation's targetUrl must be an ESCO occupation URI",
                    );
                }
            }
            _ => self.push(
                rule,
                &at.key("targetFramework"),
                "an occupation's targetFramework must be O*NET-SOC or ESCO",
            ),
        }
    }
}

/// `NN-NNNN` or `NN-NNNN.NN` (SOC 2018 and O*NET-SOC codes).
fn is_onet_soc_code(code: &str) -> bool {
    let b = code.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let base = b.len() >= 7 && digits(0..2) && b[2] == b'-' && digits(3..7);
    base && (b.len() == 7 || (b.len() == 10 && b[7] == b'.' && digits(8..10)))
}

/// A short description of a value for messages: strings quoted (and cut short), others by kind.
fn describe(value: &Value) -> String {
    match value {
        Value::String(s) if s.chars().count() > 60 => {
            format!("{:?}...", s.chars().take(60).collect::<String>())
        }
        Value::String(s) => format!("{s:?}"),
        other => other.kind().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn onet_codes() {
        assert!(is_onet_soc_code("15-1252.00"));
        assert!(is_onet_soc_code("15-1252"));
        assert!(!is_onet_soc_code("15-1252.0"));
        assert!(!is_onet_soc_code("151252"));
    }

    #[test]
    fn rule_ids_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::ALL {
            assert!(seen.insert(rule.id()), "{} twice", rule.id());
            assert_eq!(Rule::from_id(rule.id()), Some(*rule));
        }
    }

    #[test]
    fn each_rule_names_the_spec_its_id_prefix_names() {
        for rule in Rule::ALL {
            let prefix = rule.id().split('.').next().unwrap_or_default();
            let expected = match prefix {
                "vc" | "vp" => Spec::Vcdm,
                "ob" => Spec::OpenBadges3,
                "clr" => Spec::Clr2,
                "emp" => Spec::Employment,
                other => panic!("unknown prefix {other}"),
            };
            assert_eq!(rule.spec(), expected, "{}", rule.id());
            assert_eq!(rule.spec().is_profile(), prefix != "vc" && prefix != "vp");
        }
    }
}

//! Stacking: a CLR 2.0 credential bundling micro-credentials, with its declared totals checked.

use ler_model::context::{CLR_V2P0_1, MICROCREDENTIAL_V1, OB_V3P0_3, VC_V2};
use std::cmp::Ordering;

use ler_model::json::{Number, Object, Pointer, Value};

use crate::Violation;
use crate::builder::{BuildError, Issuer};
use crate::decimal::Decimal;
use crate::profile::has_type;

/// What [`check_stack`] found: the totals computed from the bundled credentials, and every
/// disagreement with what the CLR declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackReport {
    /// How many credentials the CLR bundles.
    pub credentials: usize,
    /// The sum of the bundled achievements' `learningHours` (`None` when none has any).
    pub total_learning_hours: Option<Number>,
    /// The sum of the bundled achievements' `creditsAvailable` (`None` when none has any).
    pub total_credits: Option<Number>,
    /// The sum of the bundled achievements' `ectsCredits` (`None` when none has any).
    pub total_ects_credits: Option<Number>,
    /// Every problem found (`mc.stack.*` rules); empty when the declared totals are right.
    pub violations: Vec<Violation>,
}

impl StackReport {
    /// Whether the CLR is a well-formed stack whose declared totals match the computed ones.
    pub fn is_consistent(&self) -> bool {
        self.violations.is_empty()
    }
}

/// The summed quantities: (achievement key, declared total key, rule).
const TOTALS: [(&str, &str, &str); 3] = [
    (
        "learningHours",
        "totalLearningHours",
        "mc.stack.total-hours",
    ),
    ("creditsAvailable", "totalCredits", "mc.stack.total-credits"),
    ("ectsCredits", "totalEctsCredits", "mc.stack.total-ects"),
];

/// Sums what the credentials in `entries` carry, exactly. Returns the sums (`None` where no
/// credential carries the quantity) and the problems met.
fn sum(entries: &[Value], at: &Pointer) -> ([Option<Decimal>; 3], Vec<Violation>) {
    let mut sums = [None; 3];
    let mut out = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let p = at.index(i);
        let is_micro =
            has_type(entry, "AchievementCredential") || has_type(entry, "OpenBadgeCredential");
        let achievement = entry
            .get("credentialSubject")
            .and_then(|s| s.get("achievement"));
        let Some(achievement) = achievement.filter(|a| is_micro && a.as_object().is_some()) else {
            out.push(Violation::new(
                "mc.stack.member",
                p,
                "a stacked credential must be an OB 3.0 AchievementCredential with an achievement (enveloped credentials cannot be counted)",
            ));
            continue;
        };
        for (slot, (key, _, rule)) in sums.iter_mut().zip(TOTALS) {
            let Some(value) = achievement.get(key) else {
                continue;
            };
            let here = p.key("credentialSubject").key("achievement").key(key);
            let Some(d) = value.as_number().and_then(Decimal::from_number) else {
                out.push(Violation::new(
                    rule,
                    here,
                    format!("{key} must be a number of ordinary size"),
                ));
                continue;
            };
            match slot.unwrap_or(Decimal::ZERO).checked_add(d) {
                Some(total) => *slot = Some(total),
                None => out.push(Violation::new(
                    rule,
                    here,
                    format!("the sum of {key} overflows"),
                )),
            }
        }
    }
    (sums, out)
}

/// Checks a CLR 2.0 stack of micro-credentials: computes total learning hours, credits and ECTS
/// credits from the bundled credentials and compares them with the totals the CLR declares
/// (`totalLearningHours`, `totalCredits`, `totalEctsCredits` on the `ClrSubject`, terms of the
/// micro-credential context). A total is required wherever a bundled credential carries the
/// quantity; equal values written differently (`12.5`, `12.50`) agree.
pub fn check_stack(clr: &Value) -> StackReport {
    let mut out = Vec::new();
    if !has_type(clr, "ClrCredential") {
        out.push(Violation::new(
            "mc.stack.type",
            Pointer::root().key("type"),
            "a stack is a CLR 2.0 ClrCredential",
        ));
    }
    let subject_at = Pointer::root().key("credentialSubject");
    let subject = clr.get("credentialSubject");
    if !subject.is_some_and(|s| s.as_object().is_some() && has_type(s, "ClrSubject")) {
        out.push(Violation::new(
            "mc.stack.type",
            subject_at.clone(),
            "credentialSubject must be one ClrSubject object",
        ));
    }
    let vcs_at = subject_at.key("verifiableCredential");
    let entries = match subject.and_then(|s| s.get("verifiableCredential")) {
        Some(Value::Array(items)) if !items.is_empty() => items.as_slice(),
        _ => {
            out.push(Violation::new(
                "mc.stack.credentials",
                vcs_at.clone(),
                "a stack bundles one or more credentials in verifiableCredential",
            ));
            &[]
        }
    };
    let (sums, problems) = sum(entries, &vcs_at);
    out.extend(problems);
    let mut declares_any = false;
    for (computed, (key, total_key, rule)) in sums.iter().zip(TOTALS) {
        let declared = subject.and_then(|s| s.get(total_key));
        declares_any |= declared.is_some();
        let here = subject_at.key(total_key);
        match (declared, computed) {
            (None, None) => {}
            (None, Some(c)) => out.push(Violation::new(
                rule,
                here,
                format!(
                    "the stack must declare {total_key}: its credentials' {key} add up to {}",
                    c.to_number()
                ),
            )),
            (Some(d), computed) => {
                let computed = computed.unwrap_or(Decimal::ZERO);
                let agrees = d
                    .as_number()
                    .and_then(Decimal::from_number)
                    .and_then(|d| d.compare(computed))
                    == Some(Ordering::Equal);
                if !agrees {
                    let shown = d
                        .as_number()
                        .map_or_else(|| d.kind().to_owned(), Number::to_string);
                    out.push(Violation::new(
                        rule,
                        here,
                        format!(
                            "{total_key} is {shown}, but the credentials' {key} add up to {}",
                            computed.to_number()
                        ),
                    ));
                }
            }
        }
    }
    let has_context = clr
        .get("@context")
        .and_then(Value::as_array)
        .is_some_and(|c| c.iter().any(|v| v.as_str() == Some(MICROCREDENTIAL_V1)));
    if declares_any && !has_context {
        out.push(Violation::new(
            "mc.stack.context",
            Pointer::root().key("@context"),
            format!("declared totals need {MICROCREDENTIAL_V1} in @context"),
        ));
    }
    StackReport {
        credentials: entries.len(),
        total_learning_hours: sums[0].map(Decimal::to_number),
        total_credits: sums[1].map(Decimal::to_number),
        total_ects_credits: sums[2].map(Decimal::to_number),
        violations: out,
    }
}

/// Builds a CLR 2.0 credential bundling micro-credentials, with the totals computed and declared.
///
/// ```
/// use ler_microcredential::{Issuer, MicroCredentialStack};
///
/// let err = MicroCredentialStack::builder().build().unwrap_err();
/// assert_eq!(err.pointer().map(|p| p.as_str()), Some("/id"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct MicroCredentialStack {
    id: Option<String>,
    issuer: Option<Issuer>,
    learner: Option<String>,
    valid_from: Option<String>,
    name: Option<String>,
    credentials: Vec<Value>,
}

impl MicroCredentialStack {
    /// An empty builder.
    pub fn builder() -> Self {
        Self::default()
    }

    /// The CLR's own URL (`id`).
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The CLR's issuer.
    pub fn issuer(mut self, issuer: Issuer) -> Self {
        self.issuer = Some(issuer);
        self
    }

    /// The learner's URL (`credentialSubject.id`).
    pub fn learner(mut self, id: impl Into<String>) -> Self {
        self.learner = Some(id.into());
        self
    }

    /// Date of issue (`validFrom`), an `xsd:dateTimeStamp`.
    pub fn valid_from(mut self, date_time: impl Into<String>) -> Self {
        self.valid_from = Some(date_time.into());
        self
    }

    /// The CLR's name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Adds a micro-credential (usually signed) to the stack.
    pub fn credential(mut self, credential: Value) -> Self {
        self.credentials.push(credential);
        self
    }

    /// The CLR with `totalLearningHours`, `totalCredits` and `totalEctsCredits` declared wherever
    /// a bundled credential carries the quantity; or what is missing.
    pub fn build(&self) -> Result<Value, BuildError> {
        let mut missing = Vec::new();
        let required = [
            ("/id", self.id.is_none(), "the stack needs an id"),
            (
                "/issuer",
                self.issuer.is_none(),
                "the stack needs an issuer",
            ),
            (
                "/validFrom",
                self.valid_from.is_none(),
                "the stack needs a date of issue (validFrom)",
            ),
            ("/name", self.name.is_none(), "the stack needs a name"),
            (
                "/credentialSubject/id",
                self.learner.is_none(),
                "the stack needs the learner's id",
            ),
        ];
        for (pointer, absent, message) in required {
            if absent {
                missing.push(Violation::new(
                    "mc.stack.required",
                    Pointer::from_raw(pointer),
                    message,
                ));
            }
        }
        let vcs_at = Pointer::root()
            .key("credentialSubject")
            .key("verifiableCredential");
        let (sums, problems) = sum(&self.credentials, &vcs_at);
        missing.extend(problems);
        if self.credentials.is_empty() {
            missing.push(Violation::new(
                "mc.stack.credentials",
                vcs_at,
                "a stack bundles one or more credentials",
            ));
        }
        if !missing.is_empty() {
            return Err(BuildError::Refused(missing));
        }
        let mut subject = Object::new();
        if let Some(learner) = &self.learner {
            subject.insert("id", learner.as_str());
        }
        subject.insert("type", vec!["ClrSubject"]);
        subject.insert(
            "verifiableCredential",
            Value::Array(self.credentials.clone()),
        );
        for (total, (_, key, _)) in sums.iter().zip(TOTALS) {
            if let Some(t) = total {
                subject.insert(key, t.to_number());
            }
        }
        let mut doc = Object::new();
        doc.insert(
            "@context",
            vec![VC_V2, CLR_V2P0_1, OB_V3P0_3, MICROCREDENTIAL_V1],
        );
        if let Some(id) = &self.id {
            doc.insert("id", id.as_str());
        }
        doc.insert("type", vec!["VerifiableCredential", "ClrCredential"]);
        if let Some(issuer) = &self.issuer {
            doc.insert("issuer", issuer.to_value());
        }
        for (key, value) in [("validFrom", &self.valid_from), ("name", &self.name)] {
            if let Some(v) = value {
                doc.insert(key, v.as_str());
            }
        }
        doc.insert("credentialSubject", subject);
        let doc = Value::from(doc);
        let report = check_stack(&doc);
        if report.is_consistent() {
            Ok(doc)
        } else {
            Err(BuildError::Refused(report.violations))
        }
    }
}

//! The verification report: a verdict, ordered findings, nested reports. Serializes to the JSON
//! the CLI, server and browser show.

use serde::Serialize;

use crate::CheckId;

/// The outcome of one check.
///
/// Only `fail` and `indeterminate` move the verdict; a warning is worth reading but leaves a
/// record verified:
///
/// ```
/// use ler_report::{CheckId, Finding, Outcome, Report, Verdict};
///
/// let report = Report::new(vec![
///     Finding::new(CheckId::PROOF_SIGNATURE, Outcome::Pass, "the signature is valid"),
///     Finding::new(CheckId::PROFILE_OB3, Outcome::Warn, "achievement.criteria is missing"),
///     Finding::new(CheckId::ISSUER_TRUSTED, Outcome::Skipped, "no trust list configured"),
/// ], Vec::new());
/// assert_eq!(report.verdict, Verdict::Verified);
/// assert_eq!(Outcome::Warn.name(), "warn");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The check passed.
    Pass,
    /// Worth a person's attention; never changes the verdict.
    Warn,
    /// The check failed: the verdict is `invalid`.
    Fail,
    /// The check could not decide (a key that cannot be resolved, a status not checked).
    Indeterminate,
    /// The check does not apply or was not configured; never changes the verdict.
    Skipped,
}

/// The overall verdict.
///
/// ```
/// use ler_report::{CheckId, Finding, Outcome, Verdict};
///
/// let undecided = Finding::new(CheckId::STATUS_REVOCATION, Outcome::Indeterminate, "list unreachable");
/// let failed = Finding::new(CheckId::VALIDITY_WINDOW, Outcome::Fail, "expired");
/// assert_eq!(Verdict::of(&[undecided.clone()]), Verdict::Indeterminate);
/// // A failure outweighs an undecided check.
/// assert_eq!(Verdict::of(&[undecided, failed]), Verdict::Invalid);
/// assert_eq!(Verdict::of(&[]).name(), "verified");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No check failed or was indeterminate.
    Verified,
    /// At least one check failed.
    Invalid,
    /// No check failed, but at least one could not decide.
    Indeterminate,
}

impl Verdict {
    /// The verdict rule of DESIGN.md: any `fail` makes `invalid`, else any `indeterminate` makes
    /// `indeterminate`, else `verified`.
    pub fn of(findings: &[Finding]) -> Self {
        if findings.iter().any(|c| c.outcome == Outcome::Fail) {
            Verdict::Invalid
        } else if findings.iter().any(|c| c.outcome == Outcome::Indeterminate) {
            Verdict::Indeterminate
        } else {
            Verdict::Verified
        }
    }

    /// The lowercase name, as in the JSON.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Verified => "verified",
            Verdict::Invalid => "invalid",
            Verdict::Indeterminate => "indeterminate",
        }
    }
}

impl Outcome {
    /// The lowercase name, as in the JSON.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Warn => "warn",
            Outcome::Fail => "fail",
            Outcome::Indeterminate => "indeterminate",
            Outcome::Skipped => "skipped",
        }
    }
}

/// One check's finding: its outcome, a message and where in the document it applies.
///
/// ```
/// use ler_report::{CheckId, Finding, Outcome};
///
/// let finding = Finding::new(CheckId::VALIDITY_WINDOW, Outcome::Fail, "validUntil has passed")
///     .at("/validUntil");
/// assert_eq!(finding.pointer.as_deref(), Some("/validUntil"));
/// assert_eq!(finding.id, "validity.window");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// The check.
    pub id: CheckId,
    /// What came of it.
    pub outcome: Outcome,
    /// What a person can act on.
    pub message: String,
    /// JSON pointer into the document, where one applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

impl Finding {
    /// A finding without a pointer.
    pub fn new(id: CheckId, outcome: Outcome, message: impl Into<String>) -> Self {
        Self {
            id,
            outcome,
            message: message.into(),
            pointer: None,
        }
    }

    /// Sets the JSON pointer.
    #[must_use]
    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }
}

/// The report of one credential nested in another (a CLR's achievement credentials, an
/// endorsement), at a JSON pointer of the outer document.
///
/// A nested credential's failure reaches the outer verdict through the outer report's own
/// `nested.credential` finding:
///
/// ```
/// use ler_report::{CheckId, Finding, NestedReport, Outcome, Report, Verdict};
///
/// let inner = Report::new(
///     vec![Finding::new(CheckId::PROOF_SIGNATURE, Outcome::Fail, "signature does not verify")],
///     Vec::new(),
/// );
/// let outer = Report::new(
///     vec![Finding::new(CheckId::NESTED_CREDENTIAL, Outcome::Fail, "a nested credential is invalid")
///         .at("/credentialSubject/verifiableCredential/0")],
///     vec![NestedReport::new("/credentialSubject/verifiableCredential/0", inner)],
/// );
/// assert_eq!(outer.verdict, Verdict::Invalid);
/// assert_eq!(outer.nested[0].report.failing_ids(), [CheckId::PROOF_SIGNATURE]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct NestedReport {
    /// Where the nested credential is in the outer document.
    pub pointer: String,
    /// Its report.
    pub report: Report,
}

impl NestedReport {
    /// The report of the credential at `pointer`.
    pub fn new(pointer: impl Into<String>, report: Report) -> Self {
        Self {
            pointer: pointer.into(),
            report,
        }
    }
}

/// What verification found: the verdict, every check in order, and the nested credentials'
/// reports.
///
/// Its JSON form is what the CLI, the service and the browser page show:
///
/// ```
/// use ler_report::{CheckId, Finding, Outcome, Report};
///
/// let report = Report::new(vec![
///     Finding::new(CheckId::PROOF_SIGNATURE, Outcome::Pass, "the signature is valid"),
///     Finding::new(CheckId::STATUS_REVOCATION, Outcome::Fail, "revoked").at("/credentialStatus"),
/// ], Vec::new());
/// assert!(!report.is_verified());
/// assert_eq!(report.failing_ids(), [CheckId::STATUS_REVOCATION]);
/// assert_eq!(report.checks_with_id("proof.signature").count(), 1);
/// assert_eq!(
///     report.to_json(),
///     r#"{"verdict":"invalid","checks":[{"id":"proof.signature","outcome":"pass","message":"the signature is valid"},{"id":"status.revocation","outcome":"fail","message":"revoked","pointer":"/credentialStatus"}]}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// `invalid` if any check failed, else `indeterminate` if any was indeterminate, else
    /// `verified`.
    pub verdict: Verdict,
    /// The findings, in the order the checks ran (`checks` in the JSON).
    pub checks: Vec<Finding>,
    /// Reports of nested credentials, in document order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nested: Vec<NestedReport>,
}

impl Report {
    /// A report of these findings and nested reports; its verdict follows from the findings
    /// ([`Verdict::of`]).
    pub fn new(checks: Vec<Finding>, nested: Vec<NestedReport>) -> Self {
        Self {
            verdict: Verdict::of(&checks),
            checks,
            nested,
        }
    }

    /// Whether the verdict is `verified`.
    pub fn is_verified(&self) -> bool {
        self.verdict == Verdict::Verified
    }

    /// The findings of this check (given as a [`CheckId`] or its name).
    pub fn checks_with_id<I>(&self, id: I) -> impl Iterator<Item = &Finding>
    where
        CheckId: PartialEq<I>,
    {
        self.checks.iter().filter(move |c| c.id == id)
    }

    /// The ids of the failing checks, in order, each once.
    pub fn failing_ids(&self) -> Vec<CheckId> {
        let mut ids: Vec<CheckId> = Vec::new();
        for check in &self.checks {
            if check.outcome == Outcome::Fail && !ids.contains(&check.id) {
                ids.push(check.id);
            }
        }
        ids
    }

    /// The report as compact JSON.
    pub fn to_json(&self) -> String {
        // Serializing plain strings and enums cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

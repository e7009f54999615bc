//! The verification vocabulary of **ler**: what a verifier says about a record.
//!
//! Every crate of the workspace that reports on a record speaks these types, and only these:
//! - [`CheckId`]: the stable dotted id of a check (`proof.signature`, `status.revocation`, ...),
//!   each defined once, here;
//! - [`Outcome`]: what came of one check (`pass`, `warn`, `fail`, `indeterminate`, `skipped`);
//! - [`Finding`]: one check's outcome, with a message a person can act on and a JSON pointer;
//! - [`Verdict`]: the overall conclusion (`verified`, `invalid`, `indeterminate`);
//! - [`Report`]: the verdict, the findings in the order the checks ran, and the reports of
//!   nested credentials, serialized to the JSON the CLI, the service and the browser page show.
//!
//! The crate has no cryptography and no JSON-LD: a program that only reads reports (a
//! dashboard, the skills crate weighing evidence by verdict) depends on this alone.
//!
//! ```
//! use ler_report::{CheckId, Finding, Outcome, Report, Verdict};
//!
//! let report = Report::new(
//!     vec![
//!         Finding::new(CheckId::PROOF_SIGNATURE, Outcome::Pass, "the signature holds"),
//!         Finding::new(CheckId::STATUS_REVOCATION, Outcome::Fail, "revoked by its issuer")
//!             .at("/credentialStatus"),
//!     ],
//!     Vec::new(),
//! );
//! assert_eq!(report.verdict, Verdict::Invalid);
//! assert_eq!(report.failing_ids(), [CheckId::STATUS_REVOCATION]);
//! assert_eq!(
//!     report.to_json(),
//!     r#"{"verdict":"invalid","checks":[{"id":"proof.signature","outcome":"pass","message":"the signature holds"},{"id":"status.revocation","outcome":"fail","message":"revoked by its issuer","pointer":"/credentialStatus"}]}"#
//! );
//! ```
#![forbid(unsafe_code)]

mod check_id;
mod report;

pub use check_id::CheckId;
pub use report::{Finding, NestedReport, Outcome, Report, Verdict};

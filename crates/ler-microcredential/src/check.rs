//! The verifier's `schema.json` check: a [`CredentialCheck`] for `ler_verify::verify`.

use ler_model::Credential;
use ler_model::json::Value;
use ler_verify::{CheckContext, CheckId, CredentialCheck, Finding, Outcome};

use crate::Schema;

/// The profile check id a schema's violations are reported under: every shipped schema is a
/// profile's.
fn profile_check_id(schema: Schema) -> CheckId {
    match schema {
        Schema::Ob3AchievementCredentialV1 => CheckId::PROFILE_OB3,
        Schema::MicroCredentialUsV1 | Schema::MicroCredentialEuV1 => {
            CheckId::PROFILE_MICROCREDENTIAL
        }
        Schema::EmploymentRecordV1 => CheckId::PROFILE_EMPLOYMENT,
    }
}

/// At most this many `credentialSchema` entries are checked per credential (bounded work).
const MAX_ENTRIES: usize = 16;

/// At most this many violations are quoted in one `fail` message.
const MAX_QUOTED: usize = 3;

/// Validates a credential against each `JsonSchema` its `credentialSchema` names, using only the
/// schemas embedded in this crate ([`Schema::from_id`]): nothing is fetched.
///
/// Add it to `ler_verify::VerifyOptions::checks` (or `VerifyOptions::check`). It reports the check
/// id [`CheckId::SCHEMA_JSON`] (`schema.json`), one result per `credentialSchema` entry, pointer at the
/// entry (`/credentialSchema` or `/credentialSchema/N`), or at the first violation when the
/// credential does not conform. Every shipped schema is a profile's (Open Badges 3.0, the
/// micro-credential profiles, the employment record), so non-conformance is a profile finding:
/// reported under the profile's id, a warning unless the verifier is strict, as the verifier
/// reports profile rule breaks:
///
/// | case | outcome |
/// |---|---|
/// | a `JsonSchema` entry whose `id` is an embedded schema, and the credential conforms | `pass` |
/// | ... and the credential does not conform | under the schema's profile id (`profile.ob3`, `profile.microcredential`, `profile.employment`): `warn`, or `fail` with `ler_verify::VerifyOptions::strict`, quoting the first violations (rule, pointer, message) |
/// | a `JsonSchema` entry whose `id` is not embedded (or is missing), or an entry that is not an object | `skipped`, naming the id; `indeterminate` when [`SchemaCheck::require_schema`] |
/// | an entry of another `type` | `skipped`, naming the type |
/// | no `credentialSchema` (or an empty list) | `skipped`; `indeterminate` when [`SchemaCheck::require_schema`] |
/// | entries beyond the 16th | one `skipped` (`indeterminate` when [`SchemaCheck::require_schema`]) |
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SchemaCheck {
    /// Whether a credential must name a schema this crate can check: when set, a missing
    /// `credentialSchema` or an unknown schema id is `indeterminate` rather than `skipped`.
    pub require_schema: bool,
}

impl SchemaCheck {
    /// The check with `require_schema` off: unknown or missing schemas are `skipped`.
    pub fn new() -> Self {
        Self::default()
    }

    /// The check with `require_schema` on: unknown or missing schemas are `indeterminate`.
    pub fn requiring_schema() -> Self {
        Self {
            require_schema: true,
        }
    }

    /// `skipped`, or `indeterminate` when a checkable schema is required.
    fn unchecked(&self, message: String, pointer: &str) -> Finding {
        let outcome = if self.require_schema {
            Outcome::Indeterminate
        } else {
            Outcome::Skipped
        };
        Finding::new(CheckId::SCHEMA_JSON, outcome, message).at(pointer)
    }

    fn entry(
        &self,
        credential: &Credential,
        entry: &Value,
        pointer: &str,
        strict: bool,
    ) -> Finding {
        let Some(object) = entry.as_object() else {
            return self.unchecked(
                "the credentialSchema entry is not an object".into(),
                pointer,
            );
        };
        let types: Vec<&str> = match object.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !types.contains(&"JsonSchema") {
            let named = if types.is_empty() {
                "no type".to_owned()
            } else {
                format!("type {}", types.join(", "))
            };
            return Finding::new(
                CheckId::SCHEMA_JSON,
                Outcome::Skipped,
                format!("credentialSchema entry with {named}: only JsonSchema is checked"),
            )
            .at(pointer);
        }
        let Some(id) = object.get("id").and_then(Value::as_str) else {
            return self.unchecked("the JsonSchema entry has no id".into(), pointer);
        };
        let Some(schema) = Schema::from_id(id) else {
            return self.unchecked(
                format!("schema {id} is not in the local registry (schemas are never fetched)"),
                pointer,
            );
        };
        let violations = schema.validate_object(credential.as_object());
        let Some(first) = violations.first() else {
            return Finding::new(
                CheckId::SCHEMA_JSON,
                Outcome::Pass,
                format!("conforms to {id}"),
            )
            .at(pointer);
        };
        let quoted: Vec<String> = violations
            .iter()
            .take(MAX_QUOTED)
            .map(ToString::to_string)
            .collect();
        let more = violations.len().saturating_sub(MAX_QUOTED);
        let tail = if more > 0 {
            format!(" (and {more} more)")
        } else {
            String::new()
        };
        let outcome = if strict { Outcome::Fail } else { Outcome::Warn };
        Finding::new(
            profile_check_id(schema),
            outcome,
            format!(
                "{} violation(s) of {id}: {}{tail}",
                violations.len(),
                quoted.join("; ")
            ),
        )
        .at(first.pointer.as_str())
    }
}

impl CredentialCheck for SchemaCheck {
    fn ids(&self) -> &[CheckId] {
        &[
            CheckId::SCHEMA_JSON,
            CheckId::PROFILE_OB3,
            CheckId::PROFILE_MICROCREDENTIAL,
            CheckId::PROFILE_EMPLOYMENT,
        ]
    }

    fn run(&self, credential: &Credential, context: &CheckContext<'_>) -> Vec<Finding> {
        let entries: Vec<(String, &Value)> = match credential.as_object().get("credentialSchema") {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("/credentialSchema/{i}"), v))
                .collect(),
            Some(one) => vec![("/credentialSchema".to_owned(), one)],
        };
        if entries.is_empty() {
            return vec![self.unchecked("the credential names no credentialSchema".into(), "")];
        }
        let mut out: Vec<Finding> = entries
            .iter()
            .take(MAX_ENTRIES)
            .map(|(pointer, entry)| self.entry(credential, entry, pointer, context.strict))
            .collect();
        if entries.len() > MAX_ENTRIES {
            out.push(self.unchecked(
                format!(
                    "{} credentialSchema entries beyond the first {MAX_ENTRIES} not checked",
                    entries.len() - MAX_ENTRIES
                ),
                "/credentialSchema",
            ));
        }
        out
    }
}

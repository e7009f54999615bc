//! The embedded JSON Schemas (draft 2020-12) and validation against them.

use std::sync::LazyLock;

use ler_model::json::{Object, Pointer, Value};

use crate::Violation;
use crate::convert::{ConvertError, object_to_serde, to_serde};

/// One of the JSON Schemas this crate ships (in `schemas/<name>/<version>.json`, mirroring the
/// `$id` under `https://w3id.org/ler/schemas/`).
///
/// A published schema never changes: a new version is a new file with a new `$id`, and the old
/// variant stays here, so credentials whose `credentialSchema` names the old `$id` keep validating
/// against exactly what they were issued with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Schema {
    /// Open Badges 3.0 AchievementCredential in VC Data Model 2.0 form, version 1.0.0.
    Ob3AchievementCredentialV1,
    /// The US workforce micro-credential profile, version 1.0.0 (refers to the OB 3.0 schema).
    MicroCredentialUsV1,
    /// The EU micro-credential profile (Annex I of 2022/C 243/02), version 1.0.0 (refers to the
    /// OB 3.0 schema).
    MicroCredentialEuV1,
    /// The ler employment record (EmploymentCredential), version 1.0.0.
    EmploymentRecordV1,
}

impl Schema {
    /// Every shipped schema, oldest first.
    pub const ALL: [Schema; 4] = [
        Schema::Ob3AchievementCredentialV1,
        Schema::MicroCredentialUsV1,
        Schema::MicroCredentialEuV1,
        Schema::EmploymentRecordV1,
    ];

    /// The schema's `$id`, the URL a credential's `credentialSchema.id` names.
    pub fn id(self) -> &'static str {
        match self {
            Schema::Ob3AchievementCredentialV1 => {
                "https://w3id.org/ler/schemas/ob3-achievement-credential/1.0.0.json"
            }
            Schema::MicroCredentialUsV1 => {
                "https://w3id.org/ler/schemas/microcredential-us/1.0.0.json"
            }
            Schema::MicroCredentialEuV1 => {
                "https://w3id.org/ler/schemas/microcredential-eu/1.0.0.json"
            }
            Schema::EmploymentRecordV1 => {
                "https://w3id.org/ler/schemas/employment-record/1.0.0.json"
            }
        }
    }

    /// The schema document exactly as shipped, for use from other languages.
    pub fn json(self) -> &'static str {
        match self {
            Schema::Ob3AchievementCredentialV1 => {
                include_str!("../schemas/ob3-achievement-credential/1.0.0.json")
            }
            Schema::MicroCredentialUsV1 => include_str!("../schemas/microcredential-us/1.0.0.json"),
            Schema::MicroCredentialEuV1 => include_str!("../schemas/microcredential-eu/1.0.0.json"),
            Schema::EmploymentRecordV1 => include_str!("../schemas/employment-record/1.0.0.json"),
        }
    }

    /// The shipped schema whose `$id` is `id`; `None` for any other URL (never fetched).
    pub fn from_id(id: &str) -> Option<Schema> {
        Schema::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Validates `document`; an empty list means it conforms.
    ///
    /// Each violation's rule is `schema.<keyword>` (`schema.required`, `schema.minimum`, ...), its
    /// pointer the place in the document. The compiled schema is built once per process and
    /// shared.
    pub fn validate(self, document: &Value) -> Vec<Violation> {
        self.violations(to_serde(document))
    }

    /// [`Schema::validate`] for a document held as an object (a credential being verified).
    pub(crate) fn validate_object(self, document: &Object) -> Vec<Violation> {
        self.violations(object_to_serde(document))
    }

    fn violations(self, instance: Result<serde_json::Value, ConvertError>) -> Vec<Violation> {
        let validator = match &*VALIDATORS {
            Ok(all) => match all.get(self.index()) {
                Some(v) => v,
                None => return vec![unavailable("no compiled schema")],
            },
            Err(e) => return vec![unavailable(e)],
        };
        let instance = match instance {
            Ok(v) => v,
            Err(ConvertError::TooDeep(at)) => {
                return vec![Violation::new(
                    "schema.depth",
                    Pointer::from_raw(at),
                    format!("nested deeper than {} levels", crate::convert::MAX_DEPTH),
                )];
            }
            Err(ConvertError::Number(at)) => {
                return vec![Violation::new(
                    "schema.number",
                    Pointer::from_raw(at),
                    "number out of the range a schema can check",
                )];
            }
        };
        validator
            .iter_errors(&instance)
            .map(|e| {
                Violation::new(
                    keyword_rule(e.kind().keyword()),
                    Pointer::from_raw(e.instance_path().as_str()),
                    e.masked().to_string(),
                )
            })
            .collect()
    }

    /// Whether `document` conforms (faster than [`Schema::validate`] when the reasons are not
    /// needed).
    pub fn is_valid(self, document: &Value) -> bool {
        let Ok(all) = &*VALIDATORS else { return false };
        let (Some(validator), Ok(instance)) = (all.get(self.index()), to_serde(document)) else {
            return false;
        };
        validator.is_valid(&instance)
    }

    fn index(self) -> usize {
        Schema::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(usize::MAX)
    }
}

fn unavailable(reason: &str) -> Violation {
    Violation::new(
        "schema.unavailable",
        Pointer::root(),
        format!("the embedded schema failed to compile: {reason}"),
    )
}

/// Every schema compiled once, `$ref`s between them resolved from an in-memory registry only:
/// the crate is built without jsonschema's HTTP and file retrievers, and the options say offline.
static VALIDATORS: LazyLock<Result<Vec<jsonschema::Validator>, String>> =
    LazyLock::new(compile_all);

fn compile_all() -> Result<Vec<jsonschema::Validator>, String> {
    let documents = Schema::ALL
        .iter()
        .map(|s| serde_json::from_str::<serde_json::Value>(s.json()).map(|v| (s.id(), v)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let registry = jsonschema::Registry::new()
        .draft(jsonschema::Draft::Draft202012)
        .retrieve_known_draft_meta_schemas(false)
        .extend(documents.iter().map(|(id, v)| (*id, v)))
        .and_then(|b| b.prepare())
        .map_err(|e| e.to_string())?;
    documents
        .iter()
        .map(|(_, schema)| {
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .offline()
                .with_registry(&registry)
                .build(schema)
                .map_err(|e| e.to_string())
        })
        .collect()
}

/// `schema.<keyword>` as a `'static` rule id.
fn keyword_rule(keyword: &str) -> &'static str {
    const RULES: &[(&str, &str)] = &[
        ("type", "schema.type"),
        ("required", "schema.required"),
        ("const", "schema.const"),
        ("enum", "schema.enum"),
        ("pattern", "schema.pattern"),
        ("format", "schema.format"),
        ("minimum", "schema.minimum"),
        ("maximum", "schema.maximum"),
        ("exclusiveMinimum", "schema.exclusiveMinimum"),
        ("exclusiveMaximum", "schema.exclusiveMaximum"),
        ("multipleOf", "schema.multipleOf"),
        ("minLength", "schema.minLength"),
        ("maxLength", "schema.maxLength"),
        ("minItems", "schema.minItems"),
        ("maxItems", "schema.maxItems"),
        ("uniqueItems", "schema.uniqueItems"),
        ("contains", "schema.contains"),
        ("minContains", "schema.minContains"),
        ("maxContains", "schema.maxContains"),
        ("prefixItems", "schema.prefixItems"),
        ("items", "schema.items"),
        ("additionalProperties", "schema.additionalProperties"),
        ("unevaluatedProperties", "schema.unevaluatedProperties"),
        ("unevaluatedItems", "schema.unevaluatedItems"),
        ("propertyNames", "schema.propertyNames"),
        ("minProperties", "schema.minProperties"),
        ("maxProperties", "schema.maxProperties"),
        ("dependentRequired", "schema.dependentRequired"),
        ("anyOf", "schema.anyOf"),
        ("oneOf", "schema.oneOf"),
        ("allOf", "schema.allOf"),
        ("not", "schema.not"),
        ("false", "schema.false"),
        ("$ref", "schema.ref"),
    ];
    RULES
        .iter()
        .find(|(k, _)| *k == keyword)
        .map_or("schema.other", |(_, rule)| rule)
}

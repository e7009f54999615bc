//! The trusted-issuer list: a small JSON file format.

use ler_model::date::{Instant, parse_date_time_stamp};
use ler_model::json::{ParseOptions, Value, parse_with};

/// One trusted issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedIssuer {
    /// The issuer id: a DID or an `https://` URL, compared exactly with the credential's issuer.
    pub id: String,
    /// A display name.
    pub name: String,
    /// From when the entry holds (`validFrom`, an `xsd:dateTimeStamp`), if limited.
    pub valid_from: Option<Instant>,
    /// Until when the entry holds (`validUntil`), if limited.
    pub valid_until: Option<Instant>,
}

/// A list of trusted issuers, read from JSON:
///
/// ```json
/// [
///   {"id": "did:web:example.edu", "name": "Example University"},
///   {"id": "https://badges.example.org/issuer", "name": "Example Badges",
///    "validFrom": "2024-01-01T00:00:00Z", "validUntil": "2030-01-01T00:00:00Z"}
/// ]
/// ```
///
/// `id` and `name` are required strings; `validFrom`/`validUntil` are optional
/// `xsd:dateTimeStamp`s. Any other member is an error, so a misspelt `validUntil` is not
/// silently ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustList {
    issuers: Vec<TrustedIssuer>,
}

/// Why a trust list could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TrustListError {
    /// The bytes are not JSON.
    #[error("not JSON: {0}")]
    Json(String),
    /// The JSON is not the trust-list format.
    #[error("{pointer}: {reason}")]
    Format {
        /// JSON pointer of the offending value.
        pointer: String,
        /// What is wrong.
        reason: String,
    },
}

impl TrustList {
    /// A list of these issuers.
    pub fn new(issuers: Vec<TrustedIssuer>) -> Self {
        Self { issuers }
    }

    /// Reads the JSON format described on [`TrustList`].
    pub fn from_json(bytes: &[u8]) -> Result<Self, TrustListError> {
        let value = parse_with(bytes, &ParseOptions::default())
            .map_err(|e| TrustListError::Json(e.to_string()))?;
        let format = |pointer: String, reason: &str| TrustListError::Format {
            pointer,
            reason: reason.to_owned(),
        };
        let Value::Array(items) = value else {
            return Err(format(String::new(), "expected an array of issuers"));
        };
        let mut issuers = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let Some(object) = item.as_object() else {
                return Err(format(format!("/{i}"), "expected an object"));
            };
            let text = |key: &str| -> Result<Option<&str>, TrustListError> {
                match object.get(key) {
                    None => Ok(None),
                    Some(Value::String(s)) => Ok(Some(s)),
                    Some(_) => Err(format(format!("/{i}/{key}"), "expected a string")),
                }
            };
            let date = |key: &str| -> Result<Option<Instant>, TrustListError> {
                text(key)?
                    .map(|t| {
                        parse_date_time_stamp(t)
                            .map_err(|e| format(format!("/{i}/{key}"), &e.to_string()))
                    })
                    .transpose()
            };
            for (key, _) in object.iter() {
                if !matches!(key, "id" | "name" | "validFrom" | "validUntil") {
                    return Err(format(format!("/{i}/{key}"), "unknown member"));
                }
            }
            let id = text("id")?.ok_or_else(|| format(format!("/{i}/id"), "missing"))?;
            let name = text("name")?.ok_or_else(|| format(format!("/{i}/name"), "missing"))?;
            if !(id.starts_with("did:") || id.starts_with("https://")) {
                return Err(format(
                    format!("/{i}/id"),
                    "expected a DID or an https:// URL",
                ));
            }
            issuers.push(TrustedIssuer {
                id: id.to_owned(),
                name: name.to_owned(),
                valid_from: date("validFrom")?,
                valid_until: date("validUntil")?,
            });
        }
        Ok(Self { issuers })
    }

    /// The entries.
    pub fn issuers(&self) -> &[TrustedIssuer] {
        &self.issuers
    }

    /// The entry for `issuer`, if any.
    pub fn find(&self, issuer: &str) -> Option<&TrustedIssuer> {
        self.issuers.iter().find(|t| t.id == issuer)
    }
}

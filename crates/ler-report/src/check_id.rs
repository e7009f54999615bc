//! Check ids: one definition each.

use std::fmt;

use serde::{Serialize, Serializer};

/// The stable dotted id of a check, as it appears in a report's JSON (`"id": "proof.signature"`).
///
/// The built-in ids are the associated constants, each defined once, here; their meanings and
/// outcomes are documented in the verifier's check table (`ler-verify`'s crate docs). A check a
/// caller adds reports under an id of its own, made with [`CheckId::custom`]. Two ids are equal
/// when their strings are, so a custom id spelled like a built-in one *is* that id.
///
/// ```
/// use ler_report::CheckId;
///
/// assert_eq!(CheckId::PROOF_SIGNATURE.as_str(), "proof.signature");
/// assert_eq!(CheckId::from_name("status.revocation"), Some(CheckId::STATUS_REVOCATION));
/// assert_eq!(CheckId::custom("acme.enrolment"), "acme.enrolment");
/// assert!(CheckId::ALL.contains(&CheckId::JSONLD_STANDARD_FORM));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CheckId(&'static str);

impl CheckId {
    /// The bytes are not acceptable JSON (syntax, a duplicate key).
    pub const JSON_PARSE: Self = Self("json.parse");
    /// A limit on the work unauthenticated input may cause was reached.
    pub const LIMITS_EXCEEDED: Self = Self("limits.exceeded");
    /// The VC Data Model 2.0 / 1.1 rules (`vc.*`, `vp.*`).
    pub const MODEL_STRUCTURE: Self = Self("model.structure");
    /// Open Badges 3.0 rules (`ob.*`): a warning, a failure under `strict`.
    pub const PROFILE_OB3: Self = Self("profile.ob3");
    /// CLR 2.0 rules (`clr.*`): a warning, a failure under `strict`.
    pub const PROFILE_CLR2: Self = Self("profile.clr2");
    /// Employment record rules (`emp.*`): a warning, a failure under `strict`.
    pub const PROFILE_EMPLOYMENT: Self = Self("profile.employment");
    /// The US and EU micro-credential profiles: a warning, a failure under `strict`.
    pub const PROFILE_MICROCREDENTIAL: Self = Self("profile.microcredential");
    /// Validation against the JSON Schemas a credential names in `credentialSchema`.
    pub const SCHEMA_JSON: Self = Self("schema.json");
    /// The document carries a proof.
    pub const PROOF_PRESENT: Self = Self("proof.present");
    /// The proof's cryptosuite is one the verifier accepts.
    pub const PROOF_CRYPTOSUITE: Self = Self("proof.cryptosuite");
    /// The signature holds.
    pub const PROOF_SIGNATURE: Self = Self("proof.signature");
    /// The proof's purpose is the one expected.
    pub const PROOF_PURPOSE: Self = Self("proof.purpose");
    /// The proof's `created` is not in the future.
    pub const PROOF_CREATED: Self = Self("proof.created");
    /// The proof's `expires` has not passed.
    pub const PROOF_EXPIRES: Self = Self("proof.expires");
    /// A legacy `Ed25519Signature2020` proof was verified.
    pub const PROOF_LEGACY: Self = Self("proof.legacy");
    /// Every term is defined by a pinned context, and the signature covers every context entry.
    pub const JSONLD_TERMS: Self = Self("jsonld.terms");
    /// The terms the checks read are written in their standard form.
    pub const JSONLD_STANDARD_FORM: Self = Self("jsonld.standard-form");
    /// A context's `@vocab` catch-all gave some term its meaning.
    pub const JSONLD_VOCAB_CATCH_ALL: Self = Self("jsonld.vocab-catch-all");
    /// The proof's key belongs to the issuer.
    pub const ISSUER_KEY_BINDING: Self = Self("issuer.key-binding");
    /// The issuer is on the caller's trust list.
    pub const ISSUER_TRUSTED: Self = Self("issuer.trusted");
    /// The verification time is within `validFrom` .. `validUntil`.
    pub const VALIDITY_WINDOW: Self = Self("validity.window");
    /// The digests of `relatedResource` entries match their bytes.
    pub const RELATED_RESOURCE_DIGEST: Self = Self("related-resource.digest");
    /// The credential's revocation status.
    pub const STATUS_REVOCATION: Self = Self("status.revocation");
    /// The credential's suspension status.
    pub const STATUS_SUSPENSION: Self = Self("status.suspension");
    /// A `refresh` status entry.
    pub const STATUS_REFRESH: Self = Self("status.refresh");
    /// A `message` status entry.
    pub const STATUS_MESSAGE: Self = Self("status.message");
    /// A credential nested in this one (its own report is nested in this one's).
    pub const NESTED_CREDENTIAL: Self = Self("nested.credential");
    /// A presentation's proof.
    pub const PRESENTATION_PROOF: Self = Self("presentation.proof");
    /// A presentation's proof carries the verifier's challenge.
    pub const PRESENTATION_CHALLENGE: Self = Self("presentation.challenge");
    /// A presentation's proof carries the verifier's domain.
    pub const PRESENTATION_DOMAIN: Self = Self("presentation.domain");
    /// A presentation's holder is the subject of every credential it carries.
    pub const PRESENTATION_HOLDER_BINDING: Self = Self("presentation.holder-binding");

    /// Every built-in id, in the order of the verifier's check table.
    pub const ALL: &'static [Self] = &[
        Self::JSON_PARSE,
        Self::LIMITS_EXCEEDED,
        Self::MODEL_STRUCTURE,
        Self::PROFILE_OB3,
        Self::PROFILE_CLR2,
        Self::PROFILE_EMPLOYMENT,
        Self::PROFILE_MICROCREDENTIAL,
        Self::SCHEMA_JSON,
        Self::PROOF_PRESENT,
        Self::PROOF_CRYPTOSUITE,
        Self::PROOF_SIGNATURE,
        Self::PROOF_PURPOSE,
        Self::PROOF_CREATED,
        Self::PROOF_EXPIRES,
        Self::PROOF_LEGACY,
        Self::JSONLD_TERMS,
        Self::JSONLD_STANDARD_FORM,
        Self::JSONLD_VOCAB_CATCH_ALL,
        Self::ISSUER_KEY_BINDING,
        Self::ISSUER_TRUSTED,
        Self::VALIDITY_WINDOW,
        Self::RELATED_RESOURCE_DIGEST,
        Self::STATUS_REVOCATION,
        Self::STATUS_SUSPENSION,
        Self::STATUS_REFRESH,
        Self::STATUS_MESSAGE,
        Self::NESTED_CREDENTIAL,
        Self::PRESENTATION_PROOF,
        Self::PRESENTATION_CHALLENGE,
        Self::PRESENTATION_DOMAIN,
        Self::PRESENTATION_HOLDER_BINDING,
    ];

    /// The id of a check a caller adds (say `acme.enrolment`): a lowercase dotted name, so it
    /// sits beside the built-in ones in a report.
    pub const fn custom(name: &'static str) -> Self {
        Self(name)
    }

    /// The built-in id with this name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|id| id.0 == name)
    }

    /// The id as it appears in a report (`proof.signature`).
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Debug for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl Serialize for CheckId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl PartialEq<str> for CheckId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for CheckId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

// `Borrow` lets ids be looked up by name and joined (`ids.join(", ")`): equality, order and
// hash are the name's.
impl std::borrow::Borrow<str> for CheckId {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for CheckId {
    fn as_ref(&self) -> &str {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::CheckId;

    #[test]
    fn built_in_ids_are_distinct_dotted_lowercase_names() {
        let mut names: Vec<&str> = CheckId::ALL.iter().map(|id| id.as_str()).collect();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "an id is listed twice in CheckId::ALL");
        for name in names {
            assert!(name.contains('.'), "{name} has no dot");
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '-' || c.is_ascii_digit()),
                "{name} is not a lowercase dotted name"
            );
            assert_eq!(CheckId::from_name(name).map(CheckId::as_str), Some(name));
        }
    }

    #[test]
    fn an_id_serializes_as_its_name() {
        let json = serde_json::to_string(&CheckId::ISSUER_KEY_BINDING).unwrap_or_default();
        assert_eq!(json, r#""issuer.key-binding""#);
    }

    #[test]
    fn a_name_that_is_not_built_in_is_no_built_in_id() {
        assert_eq!(CheckId::from_name("proof.signatures"), None);
        assert_eq!(CheckId::custom("proof.signature"), CheckId::PROOF_SIGNATURE);
    }
}

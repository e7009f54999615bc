//! Object keys. The keys of credentials come from a small vocabulary (`type`, `id`,
//! `credentialSubject`, ...) and a 13 kB Open Badge repeats about sixty of them four hundred
//! times; the parser stores those as references to one static copy instead of allocating each.
//! A key's text is all that is kept either way: nothing about how it was stored shows.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// An object key: a static copy for the vocabulary below, else the key's own allocation.
pub(crate) type Key = Cow<'static, str>;

/// The key for `text`: the shared copy when `text` is in [`VOCABULARY`], else an owned one.
pub(crate) fn key_of(text: &str) -> Key {
    match vocabulary().get(text) {
        Some(&known) => Cow::Borrowed(known),
        None => Cow::Owned(text.to_owned()),
    }
}

/// Keys of the W3C VC data models, Open Badges 3.0, CLR 2.0, Data Integrity proofs, status
/// lists, DID documents and JSON-LD keywords that credentials repeat most.
const VOCABULARY: &[&str] = &[
    "@context",
    "@id",
    "@type",
    "@value",
    "@language",
    "@direction",
    "@list",
    "@set",
    "@graph",
    "@vocab",
    "@base",
    "@version",
    "@protected",
    "@container",
    "@json",
    "@none",
    "@included",
    "id",
    "type",
    "name",
    "description",
    "image",
    "url",
    "issuer",
    "credentialSubject",
    "validFrom",
    "validUntil",
    "issuanceDate",
    "expirationDate",
    "credentialStatus",
    "credentialSchema",
    "refreshService",
    "termsOfUse",
    "evidence",
    "holder",
    "verifiableCredential",
    "proof",
    "cryptosuite",
    "created",
    "expires",
    "verificationMethod",
    "proofPurpose",
    "proofValue",
    "challenge",
    "domain",
    "nonce",
    "previousProof",
    "statusPurpose",
    "statusListIndex",
    "statusListCredential",
    "statusSize",
    "statusMessage",
    "statusReference",
    "encodedList",
    "ttl",
    "relatedResource",
    "digestSRI",
    "digestMultibase",
    "mediaType",
    "achievement",
    "achievementType",
    "criteria",
    "narrative",
    "alignment",
    "targetName",
    "targetUrl",
    "targetCode",
    "targetType",
    "targetFramework",
    "targetDescription",
    "result",
    "resultDescription",
    "resultType",
    "achievedLevel",
    "requiredLevel",
    "requiredValue",
    "rubricCriterionLevel",
    "value",
    "status",
    "level",
    "points",
    "caption",
    "creator",
    "endorsement",
    "endorsementComment",
    "endorsementJwt",
    "awardedDate",
    "identifier",
    "identifierType",
    "identityHash",
    "identityType",
    "hashed",
    "salt",
    "otherIdentifier",
    "source",
    "term",
    "role",
    "activityStartDate",
    "activityEndDate",
    "licenseNumber",
    "creditsAvailable",
    "creditsEarned",
    "humanCode",
    "fieldOfStudy",
    "specialization",
    "tag",
    "version",
    "language",
    "inLanguage",
    "association",
    "associationType",
    "sourceId",
    "targetId",
    "address",
    "addressCountry",
    "addressCountryCode",
    "addressRegion",
    "addressLocality",
    "streetAddress",
    "postalCode",
    "postOfficeBoxNumber",
    "geo",
    "email",
    "phone",
    "parentOrg",
    "official",
    "familyName",
    "givenName",
    "dateOfBirth",
    "startDate",
    "endDate",
    "controller",
    "publicKeyMultibase",
    "publicKeyJwk",
    "assertionMethod",
    "authentication",
    "genre",
    "audience",
    "alumniOf",
    "degree",
    "subject",
    "employer",
    "jobTitle",
    "occupation",
];

/// The vocabulary as a set, built on first use.
fn vocabulary() -> &'static HashSet<&'static str, BuildHasherDefault<Fnv>> {
    static SET: OnceLock<HashSet<&'static str, BuildHasherDefault<Fnv>>> = OnceLock::new();
    SET.get_or_init(|| VOCABULARY.iter().copied().collect())
}

/// FNV-1a: a few instructions a byte, which is what a lookup of short keys needs (the default
/// hasher's DoS resistance buys nothing for a fixed set that input cannot grow).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_keys_are_shared_and_others_owned_with_the_same_text() {
        assert!(matches!(
            key_of("credentialSubject"),
            Cow::Borrowed("credentialSubject")
        ));
        assert!(matches!(key_of("@context"), Cow::Borrowed("@context")));
        let other = key_of("credentialSubjecT");
        assert!(matches!(other, Cow::Owned(_)));
        assert_eq!(other, "credentialSubjecT");
        assert!(matches!(key_of(""), Cow::Owned(_)));
    }

    #[test]
    fn vocabulary_has_no_repeats() {
        assert_eq!(vocabulary().len(), VOCABULARY.len());
    }
}

//! Object keys. The keys of credentials come from a small vocabulary (`type`, `id`,
//! `credentialSubject`, ...) and a 13 kB Open Badge repeats about sixty of them four hundred
//! times; the parser stores those as references to one static copy instead of allocating each.
//! A key's text is all that is kept either way: nothing about how it was stored shows.

use std::borrow::Cow;
use std::sync::OnceLock;

/// An object key: a static copy for the vocabulary below, else the key's own allocation.
pub(crate) type Key = Cow<'static, str>;

/// The key for `text`: the shared copy when `text` is in [`VOCABULARY`], else an owned one.
/// So a key is borrowed exactly when its text is in the vocabulary, which lets the parser
/// compare two borrowed keys by address.
pub(crate) fn key_of(text: &str) -> Key {
    match known(text) {
        Some(known) => Cow::Borrowed(known),
        None => Cow::Owned(text.to_owned()),
    }
}

/// Whether two keys made by [`key_of`] have the same text: by address when both are from the
/// vocabulary, never when only one is, by text otherwise.
pub(crate) fn same_key(a: &Key, b: &Key) -> bool {
    match (a, b) {
        (Cow::Borrowed(a), Cow::Borrowed(b)) => std::ptr::eq(*a, *b),
        (Cow::Owned(a), Cow::Owned(b)) => a == b,
        _ => false,
    }
}

/// The vocabulary's copy of `text`, if it has one.
fn known(text: &str) -> Option<&'static str> {
    let table = table();
    let mut slot = slot_of(text.as_bytes());
    // The table is at most a sixth full, so a probe ends at an empty slot within a few steps.
    for _ in 0..SLOTS {
        match table[slot] {
            None => return None,
            Some(entry) if entry == text => return Some(entry),
            Some(_) => slot = (slot + 1) % SLOTS,
        }
    }
    None
}

/// Slots of the vocabulary's open-addressing table.
const SLOTS: usize = 1024;

/// A key's first slot, from its length and three of its bytes: cheaper than hashing every byte,
/// and the vocabulary's keys differ there.
fn slot_of(text: &[u8]) -> usize {
    let (Some(&first), Some(&last)) = (text.first(), text.last()) else {
        return 0;
    };
    let middle = text.get(text.len() / 2).copied().unwrap_or(0);
    let mixed = (text.len() as u32)
        .wrapping_mul(0x9e37_79b9)
        .wrapping_add(u32::from(first) << 16 | u32::from(middle) << 8 | u32::from(last))
        .wrapping_mul(0x85eb_ca6b);
    (mixed >> 22) as usize % SLOTS
}

/// The vocabulary in its table, built on first use.
fn table() -> &'static [Option<&'static str>; SLOTS] {
    static TABLE: OnceLock<[Option<&'static str>; SLOTS]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [None; SLOTS];
        for &word in VOCABULARY {
            let mut slot = slot_of(word.as_bytes());
            while let Some(entry) = table[slot] {
                if entry == word {
                    break;
                }
                slot = (slot + 1) % SLOTS;
            }
            table[slot] = Some(word);
        }
        table
    })
}

/// Keys of the W3C VC data models, Open Badges 3.0, CLR 2.0, Data Integrity proofs, status
/// lists, DID documents and JSON-LD keywords that credentials repeat most.
static VOCABULARY: &[&str] = &[
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
    fn every_vocabulary_word_is_found_once_and_the_table_is_sparse() {
        let mut words: Vec<&str> = VOCABULARY.to_vec();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), VOCABULARY.len(), "a word is listed twice");
        for word in VOCABULARY {
            assert!(
                known(word).is_some_and(|k| std::ptr::eq(k, *word)),
                "{word}"
            );
            assert_eq!(known(&format!("{word}x")), None);
        }
        assert_eq!(known(""), None);
        assert!(table().iter().flatten().count() * 6 <= SLOTS);
    }

    #[test]
    fn keys_compare_by_text_whatever_their_storage() {
        let parsed = key_of("type");
        let again = key_of("type");
        assert!(same_key(&parsed, &again));
        assert!(!same_key(&parsed, &key_of("id")));
        assert!(same_key(&key_of("zzz"), &key_of("zzz")));
        assert!(!same_key(&key_of("zzz"), &key_of("zzy")));
        assert!(!same_key(&key_of("type"), &key_of("zzz")));
    }
}

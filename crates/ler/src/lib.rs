//! **ler**: Learning and Employment Records in Rust.
//!
//! An LER is verifiable information about a person's achievements in education, training and
//! the workplace, owned by the person and checkable by any employer or school. This crate is the
//! one-line dependency and the front door: verify a record with [`verify`], read the [`Report`].
//!
//! # Verify a badge
//!
//! ```
//! # let (bytes, at) = ler::doc_example::signed_badge()?;
//! let options = ler::VerifyOptions::default().at(at); // `at`: the clock (default: now)
//! let verification = ler::verify(&bytes, &options);
//! assert_eq!(verification.report().verdict, ler::Verdict::Verified);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`verify`] runs every check: the proofs (`eddsa-rdfc-2022`, `eddsa-jcs-2022`), that the
//! signing key belongs to the issuer (`issuer.key-binding`), the validity window, the status
//! lists you configure, structure and profile rules, nested credentials, and, for a
//! presentation (told by its `type`), the holder's proof, challenge and domain. The
//! [`Report`] lists each [`Finding`] under a [`CheckId`]; the verdict is `verified` only when no
//! check failed or was left undecided. Only a verified record comes back as a [`Verified`]
//! value ([`Verification::credential`]).
//!
//! # A full example: issue, publish a status list, verify, revoke
//!
//! ```
//! use ler::prelude::*;
//! use ler::verifier::status::{
//!     IndexAllocator, MemoryStatusLists, StatusList, StatusListCredential, StatusPurpose,
//!     add_status_entry,
//! };
//!
//! // The issuer: a key (its did:key is the issuer id), a revocation list, a badge.
//! let signer = Ed25519Signer::did_key(Ed25519KeyPair::generate()?);
//! let issuer = signer.controller().to_owned();
//! let suite = ProofOptions::new(Cryptosuite::EddsaRdfc2022);
//! let list_url = "https://college.example/status/1";
//! let mut list = StatusList::new(StatusPurpose::Revocation, 131_072)?;
//! let index = IndexAllocator::random(list.len())?.allocate()?;
//! let mut badge = ler::model::json::parse(ler::doc_example::badge(&issuer).as_bytes())?;
//! add_status_entry(&mut badge, list_url, index, &list)?;
//! let badge = sign(&badge, &suite, &signer)?.to_string();
//! let publish = |list: &StatusList| -> Result<String, SignError> {
//!     let unsigned = StatusListCredential::new(list_url, &issuer, list)
//!         .valid_from("2026-01-01T00:00:00Z")
//!         .build();
//!     Ok(sign(&unsigned, &suite, &signer)?.to_string())
//! };
//!
//! // The verifier: a clock, and where status lists come from (here, memory; HTTPS with the
//! // `http` feature).
//! let at = ler::model::date::parse_date_time_stamp("2026-06-01T00:00:00Z")?;
//! let options = VerifyOptions::default()
//!     .at(at)
//!     .status_lists(MemoryStatusLists::new().with(list_url, publish(&list)?));
//! let verification = verify(&badge, &options);
//! assert_eq!(verification.report().verdict, Verdict::Verified);
//! let credential = verification.credential().expect("verified");
//! assert_eq!(credential.name(), Some("Forklift Safety"));
//! for id in [CheckId::PROOF_SIGNATURE, CheckId::ISSUER_KEY_BINDING, CheckId::VALIDITY_WINDOW,
//!            CheckId::STATUS_REVOCATION] {
//!     assert!(verification.report().checks_with_id(id).all(|f| f.outcome == Outcome::Pass));
//! }
//!
//! // Before its validity window the badge is not valid yet.
//! let early = ler::model::date::parse_date_time_stamp("2025-06-01T00:00:00Z")?;
//! let report = verify(&badge, &VerifyOptions::default().at(early)).into_parts().0;
//! assert_eq!(report.failing_ids(), [CheckId::VALIDITY_WINDOW]);
//!
//! // The issuer revokes it: the same badge is now invalid.
//! list.set(index)?;
//! let options = VerifyOptions::default()
//!     .at(at)
//!     .status_lists(MemoryStatusLists::new().with(list_url, publish(&list)?));
//! let report = verify(&badge, &options).into_parts().0;
//! assert_eq!(report.failing_ids(), [CheckId::STATUS_REVOCATION]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A valid signature is not enough: a badge that names a college as its issuer but is signed
//! with somebody else's key fails `issuer.key-binding`.
//!
//! ```
//! use ler::prelude::*;
//!
//! let college = Ed25519KeyPair::generate()?.public_key().did_key();
//! let stranger = Ed25519Signer::did_key(Ed25519KeyPair::generate()?);
//! let badge = ler::model::json::parse(ler::doc_example::badge(&college).as_bytes())?;
//! let forged = sign(&badge, &ProofOptions::new(Cryptosuite::EddsaJcs2022), &stranger)?;
//!
//! let report = verify(&forged.to_string(), &VerifyOptions::default()).into_parts().0;
//! assert_eq!(report.verdict, Verdict::Invalid);
//! assert_eq!(report.failing_ids(), [CheckId::ISSUER_KEY_BINDING]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What is here
//!
//! | item | what it is |
//! |---|---|
//! | [`verify`], [`verify_credential`], [`verify_presentation`] | the verifier: a credential or presentation (as bytes, a parsed value or a [`Document`]) in, a [`Verification`] out |
//! | [`verify_batch`], [`verify_stream`] | many documents on all cores, signatures checked in Ed25519 batches; the same reports |
//! | [`VerifyOptions`], [`Limits`], [`TrustList`] | the verifier's policy: clock, resolver, status sources, trust, strictness, work limits |
//! | [`Verification`], [`Verified`], [`Report`], [`Finding`], [`NestedReport`], [`CheckId`], [`Outcome`], [`Verdict`] | what verification found (from `ler-report`) |
//! | [`Document`], [`Credential`], [`Presentation`] | the records, lossless (from `ler-model`) |
//! | [`sign`], [`ProofOptions`], [`Cryptosuite`], [`present`], [`PresentationOptions`] | issuing: add a Data Integrity proof; present credentials to a verifier |
//! | [`Signer`], [`Ed25519Signer`], [`Ed25519KeyPair`], [`Resolver`], [`DidKeyResolver`], [`DidWebResolver`] | keys and DIDs |
//! | [`prelude`] | the names above, for `use ler::prelude::*` |
//! | [`hazmat`] | cryptosuite-level proof checks that skip the verifier's policy: read its warning first |
//!
//! The crates behind it, each re-exported whole as a module:
//!
//! | module | crate | feature | what it is for |
//! |---|---|---|---|
//! | [`report`] | `ler-report` | always | the verification vocabulary: check ids, findings, verdicts, the report |
//! | [`model`] | `ler-model` | always | lossless JSON; typed VC 2.0 / 1.1, Open Badges 3.0, CLR 2.0 and employment records; structural validation |
//! | `jsonld` | `ler-jsonld` | `proof` (default) | pinned JSON-LD contexts, JSON-LD to RDF in safe mode, N-Quads, RDFC-1.0 |
//! | `proof` | `ler-proof` | `proof` (default) | the proof mechanics: keys, did:key and did:web (from `ler-did`), JCS, the EdDSA cryptosuites, signing, cryptosuite-level proof checks |
//! | `verifier` | `ler-verify` | `proof` (default) | the verifier and its policies: every check, Bitstring Status Lists, presentations, trust lists, limits, the HTTPS client (`http`) |
//! | `microcredential` | `ler-microcredential` | `microcredential` | US and EU micro-credential profiles and JSON Schemas |
//! | `skills` | `ler-skills` | `skills` | O\*NET, SOC and ESCO taxonomies, crosswalks, skills from text, occupation ranking |
//!
//! The feature `legacy-ed25519-signature-2020` adds verification of the older
//! `Ed25519Signature2020` proofs; `http` adds a blocking HTTPS client (rustls) that resolves
//! did:web and fetches status lists. Without it nothing in ler touches the network: DID
//! documents and status lists come from the in-memory and file sources the caller fills.
#![forbid(unsafe_code)]

pub use ler_model as model;
pub use ler_model::{Credential, Document, Presentation};
pub use ler_report as report;
pub use ler_report::{CheckId, Finding, NestedReport, Outcome, Report, Verdict};

#[cfg(feature = "proof")]
pub use ler_jsonld as jsonld;

#[cfg(feature = "proof")]
pub use ler_proof as proof;

#[cfg(feature = "proof")]
pub use ler_verify as verifier;

#[cfg(feature = "proof")]
pub use ler_proof::{
    DidKeyResolver, DidWebResolver, Ed25519KeyPair, Ed25519Signer, Resolver, Signer, hazmat,
};

#[cfg(feature = "proof")]
pub use ler_verify::{
    Input, Limits, PresentationOptions, TrustList, Verification, Verified, VerifyOptions, present,
    verify, verify_batch, verify_credential, verify_presentation, verify_stream,
};

#[cfg(feature = "proof")]
pub use ler_proof::di::{Cryptosuite, ProofOptions, SignError, sign};

#[cfg(feature = "microcredential")]
pub use ler_microcredential as microcredential;

#[cfg(feature = "skills")]
pub use ler_skills as skills;

/// The names most programs need: `use ler::prelude::*;`.
///
/// ```
/// use ler::prelude::*;
///
/// // Issue with a key of your own, verify with the default policy.
/// let issuer = Ed25519Signer::did_key(Ed25519KeyPair::generate()?);
/// let badge = ler::model::json::parse(ler::doc_example::badge(issuer.controller()).as_bytes())?;
/// let signed = sign(&badge, &ProofOptions::new(Cryptosuite::EddsaJcs2022), &issuer)?;
/// let at = ler::model::date::parse_date_time_stamp("2026-06-01T00:00:00Z")?;
/// let verification: Verification = verify(&signed.to_string(), &VerifyOptions::default().at(at));
/// assert_eq!(verification.report().verdict, Verdict::Verified);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub mod prelude {
    pub use crate::{
        CheckId, Credential, Document, Finding, Outcome, Presentation, Report, Verdict,
    };

    #[cfg(feature = "proof")]
    pub use crate::{
        Cryptosuite, DidKeyResolver, Ed25519KeyPair, Ed25519Signer, Limits, ProofOptions,
        SignError, Signer, TrustList, Verification, VerifyOptions, sign, verify,
        verify_presentation,
    };
}

/// Inputs for the examples in these docs: a badge to sign, and one already signed.
#[cfg(feature = "proof")]
#[doc(hidden)]
pub mod doc_example {
    /// An unsigned Open Badges 3.0 credential from `issuer`, valid from 2026-01-01.
    pub fn badge(issuer: &str) -> String {
        format!(
            r#"{{
  "@context": ["https://www.w3.org/ns/credentials/v2",
               "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  "id": "urn:uuid:2f1c3d4e-0000-4000-8000-000000000001",
  "type": ["VerifiableCredential", "OpenBadgeCredential"],
  "issuer": {{"id": "{issuer}", "type": ["Profile"], "name": "Example College"}},
  "validFrom": "2026-01-01T00:00:00Z",
  "name": "Forklift Safety",
  "credentialSubject": {{
    "id": "did:example:learner", "type": ["AchievementSubject"],
    "achievement": {{"id": "https://example.edu/achievements/forklift", "type": ["Achievement"],
                    "name": "Forklift Safety", "description": "Operates a forklift safely.",
                    "criteria": {{"narrative": "Passed the practical test."}}}}
  }}
}}"#
        )
    }

    /// A badge signed by its issuer's did:key, and a time within its validity window.
    pub fn signed_badge()
    -> Result<(Vec<u8>, crate::model::date::Instant), Box<dyn std::error::Error>> {
        use crate::prelude::*;
        let signer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[7; 32]));
        let badge = crate::model::json::parse(badge(signer.controller()).as_bytes())?;
        let signed = sign(
            &badge,
            &ProofOptions::new(Cryptosuite::EddsaRdfc2022),
            &signer,
        )?;
        let at = crate::model::date::parse_date_time_stamp("2026-06-01T00:00:00Z")?;
        Ok((signed.to_string().into_bytes(), at))
    }
}

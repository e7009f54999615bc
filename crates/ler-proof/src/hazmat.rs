//! Cryptosuite-level proof checks. **Hazardous**: these check signatures, not credentials.
//!
//! [`verify_proofs`] verifies each Data Integrity proof of a document against the key its
//! verification method names, and nothing more. It does **not** check that the key belongs to
//! the document's issuer (a credential signed by anyone's did:key passes), nor the validity
//! window, status, trust, structure, profile rules, the proof's purpose against a policy,
//! `created`/`expires` against a clock, or nested credentials. Verify a record with
//! `ler_verify::verify` (or `ler::verify`), which runs these and every other check; these are
//! for conformance tests, debugging and building other verifiers.
//!
//! This module is a public view over [`crate::di`]; the cryptosuites themselves live there.
//!
//! ```
//! use ler_proof::hazmat::{ProofCheckOptions, verify_proofs};
//! use ler_proof::{DidKeyResolver, Ed25519KeyPair, Ed25519Signer, di};
//!
//! let document = ler_model::json::parse(br#"{
//!     "@context": ["https://www.w3.org/ns/credentials/v2"],
//!     "type": ["VerifiableCredential"],
//!     "issuer": "did:example:a-college-whose-key-this-is-not",
//!     "credentialSubject": {"id": "did:example:learner"}
//! }"#)?;
//! let stranger = Ed25519Signer::did_key(Ed25519KeyPair::generate()?);
//! let signed = di::sign(&document, &di::ProofOptions::new(di::Cryptosuite::EddsaJcs2022), &stranger)?;
//!
//! // The signature holds, so the proofs verify: this says nothing about who the issuer is.
//! let proofs = verify_proofs(&signed, &DidKeyResolver, &ProofCheckOptions::default())?;
//! assert!(proofs.is_verified());
//!
//! // Nor does anything here look at the issuer: it names a college, the key is a stranger's.
//! let method = proofs.proofs[0].verification_method.as_deref().unwrap_or_default();
//! assert!(method.starts_with(stranger.controller()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use crate::di::suite::{
    CanonicalForms, canonical_forms, decode_proof_value, encode_proof_value,
};
pub use crate::di::verify::{
    ProofCheckOptions, ProofOutcome, ProofVerification, SignatureInput, VerifiedProof,
    verify_proofs, verify_proofs_deferred_in_place, verify_proofs_in_place,
};

//! Cryptosuite-level proof checks. **Hazardous**: these check signatures, not credentials.
//!
//! [`verify_proofs`] verifies each Data Integrity proof of a document against the key its
//! verification method names, and nothing more. It does **not** check that the key belongs to
//! the document's issuer (a credential signed by anyone's did:key passes), nor the validity
//! window, status, trust, structure, profile rules, the proof's purpose against a policy,
//! `created`/`expires` against a clock, or nested credentials. Use [`crate::verify`] to verify
//! a record; these are for conformance tests, debugging and building other verifiers.
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
//! // The verifier does check the issuer: the stranger's key is not the issuer's.
//! let report = ler_proof::verify(&signed.to_string(), &Default::default()).into_parts().0;
//! assert_eq!(report.failing_ids(), [ler_proof::CheckId::ISSUER_KEY_BINDING]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use crate::di::suite::{
    CanonicalForms, canonical_forms, decode_proof_value, encode_proof_value,
};
pub use crate::di::verify::{
    ProofCheckOptions, ProofOutcome, ProofVerification, VerifiedProof, verify_proofs,
};

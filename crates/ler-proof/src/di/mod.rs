//! Data Integrity proofs with the EdDSA cryptosuites `eddsa-rdfc-2022` and `eddsa-jcs-2022`
//! (W3C Data Integrity 1.0 and Data Integrity EdDSA Cryptosuites 1.0), including proof sets and
//! proof chains (`previousProof`).

mod error;
pub(crate) mod jsonld;
mod sign;
mod suite;
pub(crate) mod verify;

pub use error::{ProofError, SignError, VerifyError};
pub use sign::{ProofOptions, sign};
pub use suite::{
    CanonicalForms, Cryptosuite, canonical_forms, decode_proof_value, encode_proof_value,
};
pub use verify::{ProofOutcome, Verification, VerifiedProof, VerifyOptions, verify};

/// The proof `type` of every Data Integrity cryptosuite proof.
pub const DATA_INTEGRITY_PROOF: &str = "DataIntegrityProof";

/// The proof `type` of the legacy Ed25519Signature2020 suite.
pub const LEGACY_PROOF_TYPE: &str = "Ed25519Signature2020";

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

/// The Data Integrity context, which [`sign`] appends to a document whose contexts do not define
/// the proof terms (Data Integrity 1.0 §2.4.2, context injection).
pub const DATA_INTEGRITY_V2_CONTEXT: &str = "https://w3id.org/security/data-integrity/v2";

/// The contexts that define `DataIntegrityProof` and its members: a document naming one of them
/// needs no injected context.
const PROOF_TERM_CONTEXTS: [&str; 3] = [
    ler_model::context::VC_V2,
    DATA_INTEGRITY_V2_CONTEXT,
    "https://w3id.org/security/data-integrity/v1",
];

/// The proof `type` of the legacy Ed25519Signature2020 suite.
pub const LEGACY_PROOF_TYPE: &str = "Ed25519Signature2020";

//! Data Integrity proofs with the EdDSA cryptosuites `eddsa-rdfc-2022` and `eddsa-jcs-2022`
//! (W3C Data Integrity 1.0 and Data Integrity EdDSA Cryptosuites 1.0), including proof sets and
//! proof chains (`previousProof`).
//!
//! Numbers: both suites hash a JSON number as the IEEE 754 double it rounds to (JCS writes that
//! double; JSON-LD writes it as an `xsd:integer`, or an `xsd:double` of sixteen significant
//! digits), while `ler_model`'s lossless JSON hands callers the text as written. So that the
//! text a caller reads is what was signed, [`sign`] and `hazmat::verify_proofs` refuse a document or proof
//! with a number whose text denotes another value ([`ProofError::InexactNumber`], naming its
//! JSON pointer): `40.00000000000000001` (hashed as `40`), `9007199254740993`, `1e400`, and under
//! `eddsa-rdfc-2022` `0.30000000000000004` (written `3.0E-1`). Other spellings of the signed
//! value (`1.50`, `15e-1`) are accepted: they denote the same decimal. Refusing, rather than
//! handing out the signed value, keeps one representation and fails closed.

mod error;
pub(crate) mod jsonld;
mod sign;
pub(crate) mod suite;
pub(crate) mod verify;

pub use error::{ProofError, SignError, VerifyError};
pub use sign::{ProofOptions, sign};
pub use suite::Cryptosuite;

/// The proof `type` of every Data Integrity cryptosuite proof.
pub const DATA_INTEGRITY_PROOF: &str = "DataIntegrityProof";

/// The contexts that define `DataIntegrityProof` and its members: a document naming one of them
/// needs no injected context.
const PROOF_TERM_CONTEXTS: [&str; 3] = [
    ler_model::context::VC_V2,
    ler_model::context::DATA_INTEGRITY_V2,
    ler_model::context::DATA_INTEGRITY_V1,
];

/// The proof `type` of the legacy Ed25519Signature2020 suite.
pub const LEGACY_PROOF_TYPE: &str = "Ed25519Signature2020";

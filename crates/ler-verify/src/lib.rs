//! The LER verifier and its policies: [`verify`] checks a credential or presentation with every
//! check its [`VerifyOptions`] ask for (most importantly that the signing key is the issuer's)
//! and returns a [`Report`]. Bitstring Status Lists ([`status`]), presentations ([`present`],
//! [`verify_presentation`]), trust lists, work limits, and, with the `http` feature, the only
//! code in ler that opens a socket (`HttpClient`).
//!
//! The proofs are checked with `ler-proof`'s cryptosuites (signing is there too:
//! [`ler_proof::di::sign`]); this crate decides what a verified record is.
//!
//! ```
//! use ler_proof::{Ed25519KeyPair, Ed25519Signer, di};
//! use ler_verify::{CheckId, Verdict, VerifyOptions, verify};
//!
//! let issuer = Ed25519Signer::did_key(Ed25519KeyPair::generate()?);
//! let credential = |issuer: &str| ler_model::json::parse(format!(r#"{{
//!     "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
//!     "type": ["VerifiableCredential"],
//!     "issuer": "{issuer}",
//!     "credentialSubject": {{"id": "did:example:learner"}}
//! }}"#).as_bytes());
//!
//! let options = di::ProofOptions::new(di::Cryptosuite::EddsaJcs2022).created("2024-05-01T12:00:00Z");
//! let signed = di::sign(&credential(issuer.controller())?, &options, &issuer)?;
//!
//! // Verify: did:key resolves offline.
//! let verification = verify(&signed.to_string(), &VerifyOptions::default());
//! assert_eq!(verification.report().verdict, Verdict::Verified);
//!
//! // A change breaks the signature, and the report says which check failed and where.
//! let tampered = signed.to_string().replace("did:example:learner", "did:example:mallory");
//! let report = verify(&tampered, &VerifyOptions::default()).into_parts().0;
//! assert_eq!(report.failing_ids(), [CheckId::PROOF_SIGNATURE]);
//!
//! // A valid signature by somebody else's key does not make it the issuer's credential.
//! let stranger = Ed25519Signer::did_key(Ed25519KeyPair::generate()?);
//! let forged = di::sign(&credential(issuer.controller())?, &options, &stranger)?;
//! let report = verify(&forged.to_string(), &VerifyOptions::default()).into_parts().0;
//! assert_eq!(report.failing_ids(), [CheckId::ISSUER_KEY_BINDING]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Modules
//! - The verifier: [`verify`], [`verify_credential`], [`verify_presentation`], many documents
//!   at once with [`verify_batch`] and [`verify_stream`]; its policy in [`VerifyOptions`]
//!   ([`Limits`], [`FetchLimits`], [`TrustList`], extra [`CredentialCheck`]s).
//! - [`status`]: Bitstring Status List: status lists and their credentials, index allocation and
//!   entries on the issuer's side; the in-memory and file sources and the cache the `status.*`
//!   checks read lists from ([`check_status`] runs those checks alone). Its example revokes a
//!   credential and checks it.
//! - Presentations: [`present`] on the holder's side (purpose `authentication`, the verifier's
//!   `challenge` and `domain`), [`verify`] or [`verify_presentation`] on the verifier's, with a
//!   nested report per credential (example at [`present`]; checks below).
//! - With the `http` feature (off by default), `HttpClient`: a blocking rustls client with
//!   timeouts, a size limit, same-origin redirects only and https only (http for loopback),
//!   which is a `ler_did::DocumentFetcher` for [`ler_did::DidWebResolver`] and a
//!   [`status::StatusListSource`].
#![doc = include_str!("verifier/checks.md")]

mod fetch_limits;
#[cfg(all(feature = "http", not(target_arch = "wasm32")))]
mod http;
pub mod status;
mod verifier;

pub use fetch_limits::{FetchLimitError, FetchLimits};
#[cfg(all(feature = "http", not(target_arch = "wasm32")))]
pub use http::{HttpClient, HttpClientBuilder, HttpClientError};
pub use verifier::{BATCH_CHUNK, VerifyStream, verify_batch, verify_stream};
pub use verifier::{
    CheckContext, CheckId, CredentialCheck, Finding, Input, Limits, NestedReport, Outcome, Report,
    ResourceSource, TrustList, TrustListError, TrustedIssuer, Verdict, Verification, Verified,
    VerifyOptions, verify, verify_credential,
};
pub use verifier::{PresentError, PresentationOptions, check_status, present, verify_presentation};

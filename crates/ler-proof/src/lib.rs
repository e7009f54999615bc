//! Keys and DIDs, RFC 8785 JCS, the W3C Data Integrity EdDSA cryptosuites (`eddsa-rdfc-2022`,
//! `eddsa-jcs-2022`, byte-exact with the W3C and 1EdTech test vectors), Bitstring Status Lists,
//! presentations, and the verifier.
//!
//! Signing adds a `proof` to the caller's document and changes nothing else. [`verify`] checks a
//! credential or presentation with every check its [`VerifyOptions`] ask for (most importantly
//! that the signing key is the issuer's) and returns a [`Report`]:
//!
//! ```
//! use ler_proof::{CheckId, Ed25519KeyPair, Ed25519Signer, Verdict, VerifyOptions, di, verify};
//!
//! let issuer = Ed25519Signer::did_key(Ed25519KeyPair::generate()?);
//! let credential = ler_model::json::parse(format!(r#"{{
//!     "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
//!     "type": ["VerifiableCredential"],
//!     "issuer": "{}",
//!     "credentialSubject": {{"id": "did:example:learner", "score": 1.50}}
//! }}"#, issuer.controller()).as_bytes())?;
//!
//! let options = di::ProofOptions::new(di::Cryptosuite::EddsaJcs2022).created("2024-05-01T12:00:00Z");
//! let signed = di::sign(&credential, &options, &issuer)?;
//! assert_eq!(signed.pointer("/credentialSubject/score").unwrap().to_string(), "1.50");
//!
//! // Verify: did:key resolves offline.
//! let verification = verify(&signed.to_string(), &VerifyOptions::default());
//! assert_eq!(verification.report().verdict, Verdict::Verified);
//!
//! // A change breaks the signature, and the report says which check failed and where.
//! let tampered = signed.to_string().replace("did:example:learner", "did:example:mallory");
//! let report = verify(&tampered, &VerifyOptions::default()).into_parts().0;
//! assert_eq!(report.failing_ids(), [CheckId::PROOF_SIGNATURE]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Modules
//! - [`di`]: signing: [`di::sign`] with [`di::ProofOptions`] and [`di::Cryptosuite`], and the
//!   proof errors.
//! - [`hazmat`]: the cryptosuite-level proof checks ([`hazmat::verify_proofs`]) and each
//!   intermediate value of the cryptosuites ([`hazmat::canonical_forms`]), for conformance tests
//!   and debugging; they do not check who signed.
//! - [`jcs`]: RFC 8785 canonical JSON.
//! - [`status`]: Bitstring Status List: status lists and their credentials, index allocation and
//!   entries on the issuer's side; the `status.*` checks, with in-memory and file sources and a
//!   cache, on the verifier's. Its example revokes a credential and checks it.
//! - Keys ([`Ed25519KeyPair`], [`Ed25519PublicKey`]) as Multikey and JWK, the [`Signer`] trait
//!   with the in-memory [`Ed25519Signer`] (which reads and writes key files), and resolution
//!   ([`Resolver`], [`DidKeyResolver`], [`MemoryResolver`]).
//! - `did:web`: [`did_web_url`], and [`DidWebResolver`] over any [`DocumentFetcher`]: a
//!   [`MemoryFetcher`] of documents given beforehand, or, with the `http` feature (off by
//!   default), `HttpClient`, a blocking rustls client with timeouts, a size limit, same-origin
//!   redirects only and https only (http for loopback), which is also a
//!   [`status::StatusListSource`].
//! - Presentations: [`present`] on the holder's side (purpose `authentication`, the verifier's
//!   `challenge` and `domain`), [`verify`] or [`verify_presentation`] on the verifier's, with a
//!   nested report per credential (example at [`present`]; checks below).
#![doc = include_str!("verifier/checks.md")]

pub mod di;
mod fetch_limits;
pub mod hazmat;
#[cfg(all(feature = "http", not(target_arch = "wasm32")))]
mod http;
pub mod jcs;
mod presentation;
pub mod status;
mod verifier;

// Keys, DIDs, signers and the outgoing-request policy live in `ler-did`; re-exported here so
// a verifier needs one dependency.
pub use fetch_limits::{FetchLimitError, FetchLimits};
#[cfg(all(feature = "http", not(target_arch = "wasm32")))]
pub use http::{HttpClient, HttpClientBuilder, HttpClientError};
pub use ler_did::{
    AddressClass, DidKeyResolver, DidWebResolver, DocumentFetcher, Ed25519KeyPair,
    Ed25519PublicKey, Ed25519Signer, FetchError, KeyError, MemoryFetcher, MemoryResolver,
    MethodTimeProblem, MultibaseError, OutgoingPolicy, PolicyViolation, Relationship, ResolveError,
    ResolvedMethod, Resolver, Signer, SignerError, did_key_document, did_key_public_key,
    did_web_url, method_from_document,
};
pub use presentation::{PresentError, PresentationOptions, present, verify_presentation};
pub use verifier::{BATCH_CHUNK, VerifyStream, verify_batch, verify_stream};
pub use verifier::{
    CheckContext, CheckId, CredentialCheck, Finding, Input, Limits, NestedReport, Outcome, Report,
    ResourceSource, TrustList, TrustListError, TrustedIssuer, Verdict, Verification, Verified,
    VerifyOptions, verify, verify_credential,
};

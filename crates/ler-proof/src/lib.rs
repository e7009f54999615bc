//! Keys, `did:key`, RFC 8785 JCS and the W3C Data Integrity EdDSA cryptosuites
//! (`eddsa-rdfc-2022`, `eddsa-jcs-2022`), byte-exact with the W3C and 1EdTech test vectors.
//!
//! Signing adds a `proof` to the caller's document and changes nothing else; verifying returns
//! the outcome of every proof, with a precise error for each that fails.
//!
//! ```
//! use ler_proof::{DidKeyResolver, Ed25519KeyPair, Ed25519Signer, di};
//!
//! let credential = ler_model::json::parse(br#"{
//!     "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
//!     "type": ["VerifiableCredential"],
//!     "issuer": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
//!     "credentialSubject": {"id": "did:example:learner", "score": 1.50}
//! }"#)?;
//!
//! // Sign as the key's did:key (did:key:z6Mk…#z6Mk…).
//! let signer = Ed25519Signer::did_key(Ed25519KeyPair::generate()?);
//! let options = di::ProofOptions::new(di::Cryptosuite::EddsaJcs2022).created("2024-05-01T12:00:00Z");
//! let signed = di::sign(&credential, &options, &signer)?;
//! assert_eq!(signed.pointer("/credentialSubject/score").unwrap().to_string(), "1.50");
//!
//! // Verify: did:key resolves offline.
//! let verification = di::verify(&signed, &DidKeyResolver, &di::VerifyOptions::default())?;
//! assert!(verification.is_verified());
//!
//! // A change breaks the signature, and the outcome says which proof failed and why.
//! let text = signed.to_string().replace("did:example:learner", "did:example:mallory");
//! let tampered = ler_model::json::parse(text.as_bytes())?;
//! let verification = di::verify(&tampered, &DidKeyResolver, &di::VerifyOptions::default())?;
//! assert_eq!(verification.first_error(), Some(("/proof", &di::ProofError::InvalidSignature)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Modules
//! - [`di`]: proofs: [`di::sign`], [`di::verify`], [`di::canonical_forms`] (each intermediate
//!   value of the cryptosuites, for conformance tests and debugging).
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
//!   `challenge` and `domain`), [`verify_presentation`] on the verifier's, with a nested report
//!   per credential (example at [`present`]; checks below).
#![doc = include_str!("verifier/checks.md")]

pub mod di;
mod did;
mod fetch_limits;
pub mod hazmat;
#[cfg(all(feature = "http", not(target_arch = "wasm32")))]
mod http;
pub mod jcs;
mod keys;
mod multibase;
mod outgoing;
mod presentation;
mod signer;
pub mod status;
mod verifier;

pub use did::{
    DidKeyResolver, MemoryResolver, MethodTimeProblem, Relationship, ResolveError, ResolvedMethod,
    Resolver, did_key_document, did_key_public_key, method_from_document,
};
pub use did::{DidWebResolver, DocumentFetcher, FetchError, MemoryFetcher, did_web_url};
pub use fetch_limits::{FetchLimitError, FetchLimits};
#[cfg(all(feature = "http", not(target_arch = "wasm32")))]
pub use http::{HttpClient, HttpClientBuilder, HttpClientError};
pub use keys::{Ed25519KeyPair, Ed25519PublicKey, KeyError};
pub use multibase::MultibaseError;
pub use outgoing::{AddressClass, OutgoingPolicy, PolicyViolation};
pub use presentation::{PresentError, PresentationOptions, present, verify_presentation};
pub use signer::{Ed25519Signer, Signer, SignerError};
pub use verifier::{BATCH_CHUNK, VerifyStream, verify_batch, verify_stream};
pub use verifier::{
    CheckContext, CheckId, CredentialCheck, Finding, Input, Limits, NestedReport, Outcome, Report,
    ResourceSource, TrustList, TrustListError, TrustedIssuer, Verdict, Verification, Verified,
    VerifyOptions, verify, verify_credential,
};

//! The proof mechanics of LER: RFC 8785 JCS and the W3C Data Integrity EdDSA cryptosuites
//! (`eddsa-rdfc-2022`, `eddsa-jcs-2022`, byte-exact with the W3C and 1EdTech test vectors):
//! signing, and the cryptosuite-level proof checks. Keys and DIDs come from `ler-did` and are
//! re-exported here.
//!
//! Signing adds a `proof` to the caller's document and changes nothing else:
//!
//! ```
//! use ler_proof::{Ed25519KeyPair, Ed25519Signer, di};
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
//! assert_eq!(signed.pointer("/proof/cryptosuite").and_then(|s| s.as_str()), Some("eddsa-jcs-2022"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Verification is not here.** To verify a credential or presentation use
//! `ler_verify::verify` (crate `ler-verify`, or `ler::verify` from the facade): it checks the
//! proofs with this crate's cryptosuites and also that the signing key is the issuer's, the
//! validity window, status lists, trust, structure and profile rules, and returns a report. The
//! proof checks in [`hazmat`] check signatures only, not who signed.
//!
//! # Modules
//! - [`di`]: signing: [`di::sign`] with [`di::ProofOptions`] and [`di::Cryptosuite`], and the
//!   proof errors.
//! - [`hazmat`]: the cryptosuite-level proof checks ([`hazmat::verify_proofs`]) and each
//!   intermediate value of the cryptosuites ([`hazmat::canonical_forms`]), for conformance tests,
//!   debugging and building verifiers; they do not check who signed.
//! - [`jcs`]: RFC 8785 canonical JSON.
//! - Keys ([`Ed25519KeyPair`], [`Ed25519PublicKey`]) as Multikey and JWK, the [`Signer`] trait
//!   with the in-memory [`Ed25519Signer`] (which reads and writes key files), and resolution
//!   ([`Resolver`], [`DidKeyResolver`], [`MemoryResolver`], [`DidWebResolver`] over any
//!   [`DocumentFetcher`]), re-exported from `ler-did`.

pub mod di;
pub mod hazmat;
pub mod jcs;

// Keys, DIDs, signers and the outgoing-request policy live in `ler-did`; re-exported here so
// a signer needs one dependency.
pub use ler_did::{
    AddressClass, DidKeyResolver, DidWebResolver, DocumentFetcher, Ed25519KeyPair,
    Ed25519PublicKey, Ed25519Signer, FetchError, KeyError, MemoryFetcher, MemoryResolver,
    MethodTimeProblem, MultibaseError, OutgoingPolicy, PolicyViolation, Relationship, ResolveError,
    ResolvedMethod, Resolver, Signer, SignerError, did_key_document, did_key_public_key,
    did_web_url, method_from_document,
};

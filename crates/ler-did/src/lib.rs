//! Keys and identifiers for **ler**: Ed25519 keys as Multikey and JWK, the [`Signer`] trait with
//! the in-memory [`Ed25519Signer`], `did:key` and `did:web` resolution, and the one
//! outgoing-request policy ([`OutgoingPolicy`]: HTTPS, no private or loopback addresses unless
//! the caller opts in) that every fetch in the workspace obeys.
//!
//! Nothing here fetches by itself: `did:key` resolves offline, and [`DidWebResolver`] reads
//! through any [`DocumentFetcher`] (a [`MemoryFetcher`] of documents given beforehand, or the
//! HTTPS client of `ler-verify`'s `http` feature).
//!
//! ```
//! use ler_did::{DidKeyResolver, Ed25519KeyPair, Relationship, Resolver};
//!
//! let key = Ed25519KeyPair::from_seed(&[7; 32]);
//! let did = key.public_key().did_key();
//! let method = format!("{did}#{}", &did["did:key:".len()..]);
//! let resolved = DidKeyResolver.resolve_verification_method(&method)?;
//! assert_eq!(resolved.controller, did);
//! assert_eq!(resolved.public_key, key.public_key());
//! assert!(resolved.relationships.contains(&Relationship::AssertionMethod));
//! # Ok::<(), ler_did::ResolveError>(())
//! ```
#![forbid(unsafe_code)]

mod did;
mod keys;
pub mod multibase;
mod outgoing;
mod signer;
mod strict;

pub use did::{
    DidKeyResolver, DidWebResolver, DocumentFetcher, FetchError, MemoryFetcher, MemoryResolver,
    MethodTimeProblem, Relationship, ResolveError, ResolvedMethod, Resolver, did_key_document,
    did_key_public_key, did_web_url, method_from_document,
};
pub use keys::{Ed25519KeyPair, Ed25519PublicKey, KeyError};
pub use multibase::MultibaseError;
pub use outgoing::{AddressClass, OutgoingPolicy, PolicyViolation};
pub use signer::{Ed25519Signer, Signer, SignerError};

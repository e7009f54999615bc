//! **ler**: Learning and Employment Records in Rust.
//!
//! An LER is verifiable information about a person's achievements in education, training and
//! the workplace, owned by the person and checkable by any employer or school. This crate is the
//! one-line dependency: it re-exports the workspace's library crates, each behind a feature.
//!
//! | module | crate | feature | what it is for |
//! |---|---|---|---|
//! | [`model`] | `ler-model` | always | lossless JSON; typed VC 2.0 / 1.1, Open Badges 3.0, CLR 2.0 and employment records; structural validation |
//! | `jsonld` | `ler-jsonld` | `proof` (default) | pinned JSON-LD contexts, JSON-LD to RDF in safe mode, N-Quads, RDFC-1.0 |
//! | `proof` | `ler-proof` | `proof` (default) | Ed25519 keys, did:key and did:web, JCS, `eddsa-rdfc-2022` and `eddsa-jcs-2022`, the verifier, Bitstring Status Lists, presentations |
//! | `microcredential` | `ler-microcredential` | `microcredential` | US and EU micro-credential profiles and JSON Schemas |
//! | `skills` | `ler-skills` | `skills` | O\*NET, SOC and ESCO taxonomies, crosswalks, alignment resolution |
//!
//! The feature `legacy-ed25519-signature-2020` adds verification of the older
//! `Ed25519Signature2020` proofs; `http` adds a blocking HTTPS client (rustls) that resolves
//! did:web and fetches status lists. Without it nothing in ler touches the network: DID
//! documents and status lists come from the in-memory and file sources the caller fills.
//!
//! Read a credential, check its structure, sign it and verify the proof:
//!
//! ```
//! # #[cfg(feature = "proof")] {
//! use ler::model::Credential;
//! use ler::proof::{DidKeyResolver, Ed25519KeyPair, Ed25519Signer, di};
//!
//! let bytes = br#"{
//!   "@context": ["https://www.w3.org/ns/credentials/v2",
//!                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
//!   "id": "urn:uuid:2f1c3d4e-0000-4000-8000-000000000001",
//!   "type": ["VerifiableCredential", "OpenBadgeCredential"],
//!   "issuer": {"id": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
//!              "type": ["Profile"], "name": "Example College"},
//!   "validFrom": "2026-01-01T00:00:00Z",
//!   "name": "Forklift Safety",
//!   "credentialSubject": {
//!     "id": "did:example:learner", "type": ["AchievementSubject"],
//!     "achievement": {"id": "https://example.edu/achievements/forklift", "type": ["Achievement"],
//!                     "name": "Forklift Safety", "description": "Operates a forklift safely.",
//!                     "criteria": {"narrative": "Passed the practical test."}}
//!   }
//! }"#;
//! let credential = Credential::from_slice(bytes)?;
//! assert!(credential.validate().is_empty());
//!
//! let document = ler::model::json::parse(bytes)?;
//! let signer = Ed25519Signer::did_key(Ed25519KeyPair::generate()?);
//! let options = di::ProofOptions::new(di::Cryptosuite::EddsaRdfc2022);
//! let signed = di::sign(&document, &options, &signer)?;
//! let verification = di::verify(&signed, &DidKeyResolver, &di::VerifyOptions::default())?;
//! assert!(verification.is_verified());
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use ler_model as model;

#[cfg(feature = "proof")]
pub use ler_jsonld as jsonld;

#[cfg(feature = "proof")]
pub use ler_proof as proof;

#[cfg(feature = "microcredential")]
pub use ler_microcredential as microcredential;

#[cfg(feature = "skills")]
pub use ler_skills as skills;

//! Pinned JSON-LD contexts, N-Quads and RDF Dataset Canonicalization (RDFC-1.0) for `ler`.
//!
//! The Data Integrity suite `eddsa-rdfc-2022` signs the RDFC-1.0 canonical form of a credential.
//! This crate holds the pieces of that path that do not depend on JSON-LD processing: the offline
//! registry of context documents, an RDF dataset type, N-Quads, and canonicalization.
//!
//! # Canonicalizing a dataset
//!
//! ```
//! use ler_jsonld::{canonicalize, parse_nquads};
//!
//! let dataset = parse_nquads(
//!     "_:credential <https://www.w3.org/2018/credentials#issuer> <did:example:issuer> .\n\
//!      _:credential <http://schema.org/name> \"Welding\"@en .\n",
//! )?;
//! let canonical = canonicalize(&dataset)?;
//! assert_eq!(
//!     canonical.nquads(),
//!     "_:c14n0 <http://schema.org/name> \"Welding\"@en .\n\
//!      _:c14n0 <https://www.w3.org/2018/credentials#issuer> <did:example:issuer> .\n",
//! );
//! assert_eq!(canonical.canonical_label("credential").as_deref(), Some("c14n0"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`canonicalize_with`] takes [`CanonicalizeOptions`]: SHA-384 instead of SHA-256, and the work
//! limits. RDFC-1.0 is exponential on some symmetric ("poison") graphs; every run is bounded by
//! one hashing-work budget for the whole dataset (which bounds its memory too), a cap on blank
//! nodes and a recursion depth, and returns [`CanonicalizeError`] when one is reached. The
//! defaults pass every test of the W3C suite and refuse its poison clique within milliseconds.
//!
//! # Limits on unauthenticated input
//!
//! [`Limits`] gathers every bound this crate puts on work driven by a document: blank nodes,
//! RDFC-1.0 hashing work, and the term count and size of contexts written inline. Pass it with
//! [`Options::with_limits`] (conversion to RDF) and [`CanonicalizeOptions::limits`]; each limit
//! reached is a variant of its own ([`JsonLdError::TooManyBlankNodes`],
//! [`JsonLdError::ContextTooManyTerms`], [`JsonLdError::ContextTooLarge`],
//! [`CanonicalizeError::HashWorkExceeded`], ...). Context processing is linear in the size of
//! the context.
//!
//! From a JSON-LD document, [`JsonLdProcessor::to_canonical_rdf`] converts and canonicalizes in
//! one call (what `eddsa-rdfc-2022` hashes): the same result as [`canonicalize_with`] on
//! [`to_rdf`]'s dataset, without building the dataset for the credential-shaped documents its
//! direct path takes.
//!
//! Datasets can also be built directly, which is what JSON-LD to RDF does:
//!
//! ```
//! use ler_jsonld::{BlankNode, Dataset, Iri, Literal, canonicalize};
//!
//! let mut dataset = Dataset::new();
//! let name = Iri::new("https://schema.org/name")?;
//! dataset.insert(BlankNode::numbered(0), name, Literal::lang_string("Ada", "en")?, None);
//! assert_eq!(canonicalize(&dataset)?.nquads(), "_:c14n0 <https://schema.org/name> \"Ada\"@en .\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The context registry
//!
//! Every JSON-LD context the project handles is embedded in the binary with the SHA-256 digest it
//! must have: VC 2.0 and 1.1 (and their examples and undefined-terms contexts), Data Integrity v1
//! and v2, Multikey, JWK, Bitstring Status List, DID v1, Ed25519Signature2020, citizenship v4rc1,
//! Open Badges 3.0.0 to 3.0.3 and extensions, CLR 2.0 and 2.0.1, and the project's own contexts
//! under [`ler_model::context::LER_BASE`] (today [`ler_model::context::EMPLOYMENT_V1`] and [`ler_model::context::MICROCREDENTIAL_V1`]). Nothing is ever fetched: looking up
//! an unknown URL is [`RegistryError::UnknownUrl`], naming it.
//!
//! ```
//! use ler_jsonld::{ContextRegistry, RegistryError};
//! use ler_model::context::VC_V2;
//!
//! // Built once on first use, shared by every thread.
//! let shared = ContextRegistry::shared();
//! let v2 = shared.context(VC_V2)?;
//! assert_eq!(
//!     v2.resource().sha256_hex(),
//!     "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734",
//! );
//! assert!(matches!(
//!     shared.context("https://example.org/unknown"),
//!     Err(RegistryError::UnknownUrl { .. }),
//! ));
//!
//! // Adding a context is one call; the digest is optional but checked when given.
//! let mut registry = ContextRegistry::pinned();
//! registry.add_context(
//!     "https://example.org/my-context/v1",
//!     &br#"{"@context": {"nickname": "https://example.org/nickname"}}"#[..],
//!     None,
//! )?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`ContextRegistry::resource`] returns the bytes and SHA-256/SHA-384 digests of any registered
//! document (contexts included, plus anything added with [`ContextRegistry::add_resource`]), for
//! `relatedResource` digest checks.
//!
//! ## Which Open Badges 3.0.3 context
//!
//! Two copies of `https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json` exist: the one in
//! 1EdTech's specification repository (SHA-256 `ef2fa9c7…`) and the 1EdTech validator's cached
//! copy (`3d34f4d4…`), which adds two terms, `jti` and `endorsementJwt`. The registry serves the
//! **specification repository's copy** by default: it is the published specification's own file,
//! and because the validator's copy only adds terms, both give the same RDF for every credential
//! that uses neither term. For a credential that does use one, the default fails closed (an
//! undefined term) instead of accepting terms the specification does not define. Callers that
//! need them opt in with one call, replacing the entry:
//! `registry.add_context(ler_model::context::OB_V3P0_3, OB_V3P0_3_0_3_VALIDATOR_COPY,
//! Some(OB_V3P0_3_0_3_VALIDATOR_COPY_SHA256))`.
//!
//! ## The employment context
//!
//! [`ler_model::context::EMPLOYMENT_V1`] (`contexts/employment-v1.jsonld`) is a protected JSON-LD 1.1
//! context for employment records, used after the VC 2.0 and OB 3.0.3 contexts. It defines the
//! types `EmploymentCredential`, `EmploymentSubject` and `EmploymentRole` and the properties
//! `employer` (a Profile or an IRI), `role`, `positionTitle` (`schema:jobTitle`), `occupation`
//! (Alignments or IRIs), `startDate`/`endDate` (`xsd:date`), `employmentType` (a plain string,
//! one of `FullTime`, `PartTime`, `Contract`, `Temporary`, `Internship`, `Apprenticeship`,
//! `Volunteer`, `SelfEmployed`, checked by `ler-model`), `hoursPerWeek` (`xsd:decimal`), `duties`
//! (`schema:responsibilities`, a set of strings) and `skill` (OB `Alignment`s). `name`,
//! `description` and `Alignment` come from the VC and OB contexts unchanged. New terms live under
//! [`ler_model::context::LER_VOCAB`].

mod expand;
mod limits;
mod literal;
mod nquads;
mod rdf;
mod rdfc;
mod registry;
mod to_rdf;

pub use expand::{
    ContextLoader, ErrorCode, Expanded, JsonLdError, JsonLdProcessor, Options, ProcessingMode,
    SpellingGuard, VocabReport, VocabTerm, expand,
};
pub use limits::Limits;
pub use literal::{RdfDirection, canonical_double};
pub use nquads::{NQuadsError, parse_nquads};
pub use rdf::{
    BlankNode, Dataset, Iri, Literal, NamedOrBlank, Quad, RDF_LANG_STRING, Term, TermError,
    XSD_STRING,
};
pub use rdfc::{
    CanonicalizeError, CanonicalizeOptions, Canonicalized, HashAlgorithm, canonicalize,
    canonicalize_with,
};
pub use registry::{
    ContextDocument, ContextRegistry, OB_V3P0_3_0_3_VALIDATOR_COPY,
    OB_V3P0_3_0_3_VALIDATOR_COPY_SHA256, RegistryError, Resource, pinned_contexts,
};
pub use to_rdf::{
    CanonicalRdf, CanonicalRdfError, ToRdfOutput, expanded_to_rdf, expanded_to_rdf_with, to_rdf,
};

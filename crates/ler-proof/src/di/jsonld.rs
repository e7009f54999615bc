//! The two places the cryptosuites need a JSON-LD processor, kept behind two functions so the
//! rest of the pipeline does not depend on how JSON-LD is processed.

use std::sync::OnceLock;

use ler_jsonld::{
    CanonicalRdfError, CanonicalizeOptions, ContextRegistry, JsonLdError, JsonLdProcessor, Limits,
    Options, RdfDirection, SpellingGuard, VocabReport,
};
use ler_model::json::Value;

use super::error::ProofError;

/// One processor for the whole program: contexts are processed once and shared across threads.
fn processor() -> &'static JsonLdProcessor {
    static PROCESSOR: OnceLock<JsonLdProcessor> = OnceLock::new();
    PROCESSOR.get_or_init(|| JsonLdProcessor::new(ContextRegistry::shared()))
}

const CRED: &str = "https://www.w3.org/2018/credentials#";
const SEC: &str = "https://w3id.org/security#";
const STATUS: &str = "https://www.w3.org/ns/credentials/status#";
const OB: &str = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";
const CLR: &str = "https://purl.imsglobal.org/spec/vc/clr/vocab.html#";

/// Every term a check of the verifier reads by name (credentials, presentations, proofs, status
/// entries and lists, related resources, the places nested credentials are found), with the
/// vocabulary it belongs to. Signing and verifying refuse any other way of writing these (see
/// [`SpellingGuard`]), so the checks, which read the plain JSON, see all that the proof binds.
const CHECKED_TERMS: &[(&str, &str)] = &[
    (CRED, "VerifiableCredential"),
    (CRED, "VerifiablePresentation"),
    (CRED, "credentialStatus"),
    (CRED, "credentialSubject"),
    (CRED, "credentialSchema"),
    (CRED, "holder"),
    (CRED, "issuer"),
    (CRED, "relatedResource"),
    (CRED, "digestSRI"),
    (CRED, "expirationDate"),
    (CRED, "issuanceDate"),
    (CRED, "validFrom"),
    (CRED, "validUntil"),
    (CRED, "verifiableCredential"),
    (SEC, "DataIntegrityProof"),
    (SEC, "proof"),
    (SEC, "verificationMethod"),
    (SEC, "proofPurpose"),
    (SEC, "cryptosuite"),
    (SEC, "proofValue"),
    (SEC, "challenge"),
    (SEC, "domain"),
    (SEC, "previousProof"),
    (SEC, "digestMultibase"),
    (STATUS, "BitstringStatusListEntry"),
    (STATUS, "BitstringStatusListCredential"),
    (STATUS, "BitstringStatusList"),
    (STATUS, "statusPurpose"),
    (STATUS, "statusListIndex"),
    (STATUS, "statusListCredential"),
    (STATUS, "statusSize"),
    (STATUS, "statusMessage"),
    (STATUS, "statusReference"),
    (STATUS, "encodedList"),
    (STATUS, "ttl"),
    // Where nested credentials are found in Open Badges and CLR documents.
    (OB, "endorsement"),
    (OB, "achievement"),
    (OB, "creator"),
    (CLR, "verifiableCredential"),
    (CLR, "achievement"),
];

/// The two checked terms whose IRI is not their vocabulary plus their name.
const CHECKED_RENAMED: &[(&str, &str)] = &[
    ("http://purl.org/dc/terms/created", "created"),
    ("https://w3id.org/security#expiration", "expires"),
];

/// The guard over [`CHECKED_TERMS`], built once.
fn guard() -> &'static SpellingGuard {
    static GUARD: OnceLock<SpellingGuard> = OnceLock::new();
    GUARD.get_or_init(|| {
        SpellingGuard::new(
            CHECKED_TERMS
                .iter()
                .map(|(vocab, term)| (format!("{vocab}{term}"), *term))
                .chain(
                    CHECKED_RENAMED
                        .iter()
                        .map(|(iri, term)| (iri.to_string(), *term)),
                ),
        )
    })
}

/// What signing and verifying process documents with: safe mode, the checked-terms guard, the
/// caller's limits, and `@direction` as an `i18n-datatype` literal
/// (`https://www.w3.org/ns/i18n#<language>_<direction>`). The specifications leave `rdfDirection`
/// unset, which would drop a direction from what is signed; `i18n-datatype` signs it, and is what
/// Digital Bazaar's `eddsa-rdfc-2022` implementation uses, so signatures interoperate.
pub(crate) fn options(limits: &Limits) -> Options<'static> {
    Options::safe()
        .with_guard(guard())
        .with_limits(*limits)
        .with_rdf_direction(RdfDirection::I18nDatatype)
}

/// A refused form and a limit reached keep their types (the verifier reports them as
/// `jsonld.standard-form` and `limits.exceeded`); any other JSON-LD error is a broken document.
fn jsonld_error(error: JsonLdError) -> ProofError {
    if error.is_limit() {
        ProofError::JsonLdLimit(error)
    } else if matches!(error, JsonLdError::NonStandardForm { .. }) {
        ProofError::NonStandardForm {
            in_proof: false,
            source: error,
        }
    } else {
        ProofError::JsonLd(error)
    }
}

/// eddsa-rdfc-2022 transformation: JSON-LD (safe mode) to RDF, then RDFC-1.0, as N-Quads with a
/// final newline.
pub(super) fn rdfc_canonical_nquads(
    document: &Value,
    limits: &Limits,
) -> Result<String, ProofError> {
    rdfc_canonical_nquads_with_vocab(document, limits).map(|(nquads, _)| nquads)
}

/// [`rdfc_canonical_nquads`], also returning what a catch-all `@vocab` mapped (for the
/// verifier's `jsonld.vocab-catch-all` check, without a second JSON-LD pass).
pub(super) fn rdfc_canonical_nquads_with_vocab(
    document: &Value,
    limits: &Limits,
) -> Result<(String, VocabReport), ProofError> {
    let output = processor()
        .to_canonical_rdf(
            document,
            &options(limits),
            &CanonicalizeOptions::new().limits(limits),
        )
        .map_err(|e| match e {
            CanonicalRdfError::JsonLd(e) => jsonld_error(e),
            CanonicalRdfError::Canonicalize(e) => ProofError::CanonicalizeLimit(e),
        })?;
    Ok((output.canonical.into_nquads(), output.vocab))
}

/// eddsa-jcs-2022: the document must still mean what its contexts say, so every term must be
/// defined: safe-mode conversion fails on an undefined term (or a value JSON-LD would drop),
/// naming it and its JSON pointer. Conversion rather than expansion, because its direct path for
/// credential-shaped documents skips building the expanded tree; anything it does not take on
/// falls back to the full expansion algorithm, so both reject the same documents.
pub(crate) fn check_terms_defined(
    document: &Value,
    limits: &Limits,
) -> Result<VocabReport, ProofError> {
    processor()
        .check(document, &options(limits))
        .map_err(jsonld_error)
}

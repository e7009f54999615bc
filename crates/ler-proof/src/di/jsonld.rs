//! The two places the cryptosuites need a JSON-LD processor, kept behind two functions so the
//! rest of the pipeline does not depend on how JSON-LD is processed.

use std::sync::OnceLock;

use ler_jsonld::{ContextRegistry, JsonLdProcessor, Options, RdfDirection, VocabReport};
use ler_model::json::Value;

use super::error::ProofError;

/// One processor for the whole program: contexts are processed once and shared across threads.
fn processor() -> &'static JsonLdProcessor {
    static PROCESSOR: OnceLock<JsonLdProcessor> = OnceLock::new();
    PROCESSOR.get_or_init(|| JsonLdProcessor::new(ContextRegistry::shared()))
}

/// The JSON-LD options of both suites: safe mode, and `@direction` as an `i18n-datatype` literal
/// (`https://www.w3.org/ns/i18n#<language>_<direction>`). The specifications leave `rdfDirection`
/// unset, which would drop a direction from what is signed; `i18n-datatype` signs it, and is what
/// Digital Bazaar's `eddsa-rdfc-2022` implementation uses, so signatures interoperate.
pub(crate) fn options() -> Options<'static> {
    Options::safe().with_rdf_direction(RdfDirection::I18nDatatype)
}

fn jsonld_error(error: impl std::fmt::Display) -> ProofError {
    ProofError::JsonLd(error.to_string())
}

/// eddsa-rdfc-2022 transformation: JSON-LD (safe mode) to RDF, then RDFC-1.0, as N-Quads with a
/// final newline.
pub(super) fn rdfc_canonical_nquads(document: &Value) -> Result<String, ProofError> {
    rdfc_canonical_nquads_with_vocab(document).map(|(nquads, _)| nquads)
}

/// [`rdfc_canonical_nquads`], also returning what a catch-all `@vocab` mapped (for the
/// verifier's `jsonld.vocab-catch-all` check, without a second JSON-LD pass).
pub(super) fn rdfc_canonical_nquads_with_vocab(
    document: &Value,
) -> Result<(String, VocabReport), ProofError> {
    let output = processor()
        .to_rdf(document, &options())
        .map_err(jsonld_error)?;
    let canonical = ler_jsonld::canonicalize(&output.dataset).map_err(jsonld_error)?;
    Ok((canonical.into_nquads(), output.vocab))
}

/// eddsa-jcs-2022: the document must still mean what its contexts say, so every term must be
/// defined: safe-mode conversion fails on an undefined term (or a value JSON-LD would drop),
/// naming it and its JSON pointer. Conversion rather than expansion, because its direct path for
/// credential-shaped documents skips building the expanded tree; anything it does not take on
/// falls back to the full expansion algorithm, so both reject the same documents.
pub(crate) fn check_terms_defined(document: &Value) -> Result<VocabReport, ProofError> {
    processor()
        .to_rdf(document, &options())
        .map(|output| output.vocab)
        .map_err(jsonld_error)
}

//! The two places the cryptosuites need a JSON-LD processor, kept behind two functions so the
//! rest of the pipeline does not depend on how JSON-LD is processed.

use std::sync::OnceLock;

use ler_jsonld::{ContextRegistry, JsonLdProcessor, Options};
use ler_model::json::Value;

use super::error::ProofError;

/// One processor for the whole program: contexts are processed once and shared across threads.
fn processor() -> &'static JsonLdProcessor {
    static PROCESSOR: OnceLock<JsonLdProcessor> = OnceLock::new();
    PROCESSOR.get_or_init(|| JsonLdProcessor::new(ContextRegistry::shared()))
}

fn jsonld_error(error: impl std::fmt::Display) -> ProofError {
    ProofError::JsonLd(error.to_string())
}

/// eddsa-rdfc-2022 transformation: JSON-LD (safe mode) to RDF, then RDFC-1.0, as N-Quads with a
/// final newline.
pub(super) fn rdfc_canonical_nquads(document: &Value) -> Result<String, ProofError> {
    let output = processor()
        .to_rdf(document, &Options::safe())
        .map_err(jsonld_error)?;
    let canonical = ler_jsonld::canonicalize(&output.dataset).map_err(jsonld_error)?;
    Ok(canonical.into_nquads())
}

/// eddsa-jcs-2022: the document must still mean what its contexts say, so every term must be
/// defined: safe-mode expansion fails on an undefined term, naming it and its JSON pointer.
pub(crate) fn check_terms_defined(document: &Value) -> Result<(), ProofError> {
    processor()
        .expand(document, &Options::safe())
        .map(drop)
        .map_err(jsonld_error)
}

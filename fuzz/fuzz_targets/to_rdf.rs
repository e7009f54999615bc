//! Arbitrary bytes through JSON parsing, JSON-LD expansion (safe and lenient), conversion to RDF
//! and RDFC-1.0: every step may refuse the input, none may panic or hang. Going straight to the
//! canonical N-Quads (`to_canonical_rdf`, no dataset in between) must give exactly what
//! canonicalizing the dataset gives, error for error.
#![no_main]

use ler_jsonld::{
    CanonicalRdfError, CanonicalizeOptions, JsonLdProcessor, Options, canonicalize, to_rdf,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = ler_model::json::parse(data) else {
        return;
    };
    for options in [Options::safe(), Options::lenient()] {
        let by_dataset = match to_rdf(&doc, &options) {
            Ok(out) => canonicalize(&out.dataset).map_err(CanonicalRdfError::Canonicalize),
            Err(e) => Err(CanonicalRdfError::JsonLd(e)),
        };
        let direct = JsonLdProcessor::shared()
            .to_canonical_rdf(&doc, &options, &CanonicalizeOptions::new())
            .map(|out| out.canonical);
        assert_eq!(direct, by_dataset);
    }
});

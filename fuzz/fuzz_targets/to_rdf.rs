//! Arbitrary bytes through JSON parsing, JSON-LD expansion (safe and lenient), conversion to RDF
//! and RDFC-1.0: every step may refuse the input, none may panic or hang.
#![no_main]

use ler_jsonld::{Options, canonicalize, to_rdf};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = ler_model::json::parse(data) else {
        return;
    };
    for options in [Options::safe(), Options::lenient()] {
        if let Ok(out) = to_rdf(&doc, &options) {
            let _ = canonicalize(&out.dataset);
        }
    }
});

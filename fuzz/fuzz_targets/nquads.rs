//! N-Quads parsing: any input is an error or a dataset, never a panic; what parses writes back
//! out as N-Quads that parse to the same dataset.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(dataset) = ler_jsonld::parse_nquads(text) else {
        return;
    };
    let written = dataset.to_nquads();
    let reparsed = ler_jsonld::parse_nquads(&written).expect("written N-Quads parse");
    assert_eq!(reparsed, dataset, "N-Quads round trip changed the dataset");
});

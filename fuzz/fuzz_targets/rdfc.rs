//! RDFC-1.0: any parsed dataset canonicalizes or hits a work limit, quickly, never a panic; the
//! canonical form is a fixed point.
#![no_main]

use ler_jsonld::{CanonicalizeOptions, HashAlgorithm, canonicalize_with, parse_nquads};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(dataset) = parse_nquads(text) else {
        return;
    };
    let hash = if selector & 1 == 0 {
        HashAlgorithm::Sha256
    } else {
        HashAlgorithm::Sha384
    };
    // Small limits keep each run short; the defaults are larger but bounded the same way.
    let options = CanonicalizeOptions::new().hash(hash).max_hash_work(100_000);
    let Ok(canonical) = canonicalize_with(&dataset, &options) else {
        return;
    };
    let again = parse_nquads(canonical.nquads()).expect("canonical N-Quads parse");
    let twice = canonicalize_with(&again, &options).expect("canonical form canonicalizes");
    assert_eq!(
        twice.nquads(),
        canonical.nquads(),
        "canonical form is not a fixed point"
    );
});

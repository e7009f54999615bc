//! The embedded contexts against the shared vectors: same bytes, and the SHA-256 digests that
//! `vectors/MANIFEST.tsv` records for them.

use std::collections::HashMap;
use std::path::PathBuf;

use ler_jsonld::{ContextRegistry, pinned_contexts};
use sha2::{Digest, Sha256};

fn shared_vectors() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors");
    dir.join("MANIFEST.tsv").exists().then_some(dir)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The URL -> file map of `vectors/README.md`, as (URL, file under `contexts/`).
const URL_MAP: &[(&str, &str)] = &[
    (
        "https://www.w3.org/ns/credentials/v2",
        "credentials-v2.jsonld",
    ),
    (
        "https://www.w3.org/ns/credentials/examples/v2",
        "credentials-examples-v2.jsonld",
    ),
    (
        "https://www.w3.org/ns/credentials/undefined-terms/v2",
        "credentials-undefined-terms-v2.jsonld",
    ),
    (
        "https://www.w3.org/2018/credentials/v1",
        "credentials-v1.jsonld",
    ),
    (
        "https://www.w3.org/2018/credentials/examples/v1",
        "credentials-examples-v1.jsonld",
    ),
    (
        "https://w3id.org/security/data-integrity/v2",
        "data-integrity-v2.jsonld",
    ),
    (
        "https://w3id.org/security/data-integrity/v1",
        "data-integrity-v1.jsonld",
    ),
    (
        "https://w3id.org/security/multikey/v1",
        "multikey-v1.jsonld",
    ),
    ("https://w3id.org/security/jwk/v1", "jwk-v1.jsonld"),
    (
        "https://www.w3.org/ns/credentials/status/v1",
        "credentials-status-v1.jsonld",
    ),
    ("https://www.w3.org/ns/did/v1", "did-v1.jsonld"),
    (
        "https://w3id.org/security/suites/ed25519-2020/v1",
        "ed25519-2020-v1.jsonld",
    ),
    (
        "https://w3id.org/citizenship/v4rc1",
        "citizenship-v4rc1.jsonld",
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        "ob-v3p0-context-3.0.0.json",
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
        "ob-v3p0-context-3.0.1.json",
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
        "ob-v3p0-context-3.0.2.json",
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "ob-v3p0-context-3.0.3.json",
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
        "ob-v3p0-extensions.json",
    ),
    (
        "https://purl.imsglobal.org/spec/clr/v2p0/context.json",
        "clr-v2p0-context.json",
    ),
    (
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
        "clr-v2p0-context-2.0.1.json",
    ),
];

#[test]
fn embedded_digests_match_the_embedded_bytes() {
    // Runs everywhere: the table's own digests against the bytes compiled in.
    for (url, sha256, bytes) in pinned_contexts() {
        assert_eq!(hex(&Sha256::digest(bytes)), sha256, "{url}");
        let doc = ContextRegistry::shared().context(url).unwrap();
        assert_eq!(doc.resource().sha256_hex(), sha256, "{url}");
    }
    assert_eq!(
        pinned_contexts().len(),
        URL_MAP.len() + 2,
        "every mapped URL plus employment/v1 and microcredential/v1"
    );
}

#[test]
fn embedded_contexts_match_the_shared_manifest() {
    let Some(dir) = shared_vectors() else {
        eprintln!("skipping: ../shared/vectors is absent");
        return;
    };
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    // topic, file, description, repo, commit/source..., licence, sha256 (last column).
    let digests: HashMap<&str, &str> = manifest
        .lines()
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            Some((*cols.get(1)?, *cols.last()?))
        })
        .collect();
    let crate_contexts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("contexts");
    let mut checked = 0;
    for (url, file) in URL_MAP {
        let expected = digests[format!("contexts/{file}").as_str()];
        let doc = ContextRegistry::shared().context(url).unwrap();
        assert_eq!(doc.resource().sha256_hex(), expected, "{url}");
        let shared_bytes = std::fs::read(dir.join("contexts").join(file)).unwrap();
        assert_eq!(
            doc.resource().bytes(),
            shared_bytes.as_slice(),
            "{url}: bytes differ"
        );
        let crate_bytes = std::fs::read(crate_contexts.join(file)).unwrap();
        assert_eq!(crate_bytes, shared_bytes, "{file}: crate copy differs");
        checked += 1;
    }
    // The validator's OB 3.0.3 copy is kept too, byte for byte.
    let expected = digests["contexts/ob-v3p0-context-3.0.3.validator-copy.json"];
    assert_eq!(
        hex(&Sha256::digest(ler_jsonld::OB_V3P0_3_0_3_VALIDATOR_COPY)),
        expected
    );
    assert_eq!(expected, ler_jsonld::OB_V3P0_3_0_3_VALIDATOR_COPY_SHA256);
    eprintln!(
        "{} contexts match MANIFEST.tsv byte for byte (+ the OB 3.0.3 validator copy)",
        checked
    );
}

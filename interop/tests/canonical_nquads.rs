//! The canonical N-Quads (RDFC-1.0) of the document, from ssi and from ler, compared with each
//! other and, where a published vector gives them, with the vector byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use common::{ler_canonical_nquads, ssi_canonical_nquads};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn ob3_achievement_credential_same_canonical_nquads() {
    let credential = common::ob3();
    let ler = ler_canonical_nquads(&credential);
    let ssi = ssi_canonical_nquads(&credential).unwrap();
    assert!(ler.lines().count() >= 20, "{ler}");
    assert_eq!(ssi, ler);
}

#[test]
fn plain_vc2_same_canonical_nquads() {
    let credential = common::plain_vc2();
    let ler = ler_canonical_nquads(&credential);
    let ssi = ssi_canonical_nquads(&credential).unwrap();
    // Both language-tagged names survive.
    assert!(ler.contains("\"Attestation d'inscription\"@fr"), "{ler}");
    assert_eq!(ssi, ler);
}

/// Compares each side with a vector's canonical document.
fn against_vector(unsigned: &Path, canonical: &Path) {
    let credential = read(unsigned);
    let expected = read(canonical);
    assert_eq!(
        ler_canonical_nquads(&credential),
        expected,
        "ler on {}",
        unsigned.display()
    );
    assert_eq!(
        ssi_canonical_nquads(&credential).as_deref(),
        Ok(expected.as_str()),
        "ssi on {}",
        unsigned.display()
    );
}

#[test]
fn w3c_eddsa_rdfc_2022_vector_carried() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/ler-proof/tests/fixtures/w3c-eddsa");
    against_vector(
        &dir.join("unsigned.json"),
        &dir.join("rdfc/canonDocDataInt.txt"),
    );
}

fn shared_vectors() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/vectors");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("{} not found: skipping this test", dir.display());
        None
    }
}

#[test]
fn w3c_eddsa_rdfc_2022_vectors_shared() {
    let Some(vectors) = shared_vectors() else {
        return;
    };
    let eddsa = vectors.join("eddsa");
    against_vector(
        &eddsa.join("unsigned.json"),
        &eddsa.join("eddsa-rdfc-2022/canonDocDataInt.txt"),
    );
    against_vector(
        &eddsa.join("employmentAuth.json"),
        &eddsa.join("eddsa-rdfc-2022/employ/canonDocDataInt.txt"),
    );
}

#[test]
fn ob3_and_clr2_spec_vectors_shared() {
    let Some(vectors) = shared_vectors() else {
        return;
    };
    for name in ["obv3p0", "clrv2p0"] {
        let dir = vectors.join("ob3-clr2/spec-vectors").join(name);
        against_vector(
            &dir.join("credential-unsigned.json"),
            &dir.join("document-canon.txt"),
        );
    }
}

#[test]
fn ssi_loader_serves_only_ler_pinned_contexts() {
    // A context outside ler's registry is an error in ssi too: nothing is fetched, and ssi's own
    // static copies (which include, for example, schema.org) are not consulted.
    for url in ["https://example.org/unknown-context", "https://schema.org/"] {
        let credential = common::plain_vc2().replacen(
            "\"https://www.w3.org/ns/credentials/v2\"",
            &format!("\"https://www.w3.org/ns/credentials/v2\", \"{url}\""),
            1,
        );
        assert!(credential.contains(url));
        let outcome = ssi_canonical_nquads(&credential);
        assert!(outcome.is_err(), "{url}: {outcome:?}");
    }
}

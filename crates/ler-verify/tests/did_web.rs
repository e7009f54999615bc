//! did:web without a network: resolution logic over documents given beforehand
//! ([`MemoryFetcher`]) or a counting fetcher, and the real-world did:web credentials verified
//! offline with the same verdicts as with [`MemoryResolver`].
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use ler_proof::{
    DidWebResolver, DocumentFetcher, Ed25519KeyPair, FetchError, MemoryFetcher, MemoryResolver,
    Relationship, ResolveError, Resolver, did_web_url,
};
use ler_verify::{VerifyOptions, verify};

const DID: &str = "did:web:example.edu:issuers:1";

fn resolver_for(document: &str) -> DidWebResolver<MemoryFetcher> {
    let mut fetcher = MemoryFetcher::new();
    fetcher.insert(did_web_url(DID).unwrap(), document.as_bytes().to_vec());
    DidWebResolver::new(fetcher)
}

#[test]
fn methods_and_relationships_are_read_embedded_or_referenced() {
    let key = Ed25519KeyPair::from_seed(&[3; 32]).public_key();
    let (mb, jwk) = (key.to_multibase(), key.to_jwk().to_string());
    let document = format!(
        r##"{{"id":"{DID}",
            "verificationMethod":[
              {{"id":"#jwk","type":"JsonWebKey","controller":"{DID}","publicKeyJwk":{jwk}}},
              {{"id":"{DID}#v2020","type":"Ed25519VerificationKey2020","controller":"{DID}","publicKeyMultibase":"{mb}"}}
            ],
            "assertionMethod":["{DID}#v2020",
              {{"id":"{DID}#embedded","type":"Multikey","controller":"{DID}","publicKeyMultibase":"{mb}"}}],
            "authentication":["#jwk"]}}"##
    );
    let resolver = resolver_for(&document);
    let jwk = resolver
        .resolve_verification_method(&format!("{DID}#jwk"))
        .unwrap();
    assert_eq!(jwk.public_key, key);
    assert_eq!(jwk.relationships, [Relationship::Authentication]);
    let v2020 = resolver
        .resolve_verification_method(&format!("{DID}#v2020"))
        .unwrap();
    assert_eq!(v2020.relationships, [Relationship::AssertionMethod]);
    let embedded = resolver
        .resolve_verification_method(&format!("{DID}#embedded"))
        .unwrap();
    assert_eq!(embedded.relationships, [Relationship::AssertionMethod]);
    assert!(matches!(
        resolver.resolve_verification_method(&format!("{DID}#nope")),
        Err(ResolveError::NotFound { .. })
    ));
}

#[test]
fn a_document_for_another_did_is_an_error() {
    let resolver = resolver_for(r#"{"id":"did:web:attacker.example","verificationMethod":[]}"#);
    match resolver.resolve_verification_method(&format!("{DID}#key-1")) {
        Err(ResolveError::InvalidDocument { pointer, .. }) => assert_eq!(pointer, "/id"),
        other => panic!("{other:?}"),
    }
    let resolver = resolver_for(r#"{"verificationMethod":[]}"#);
    assert!(matches!(
        resolver.resolve_verification_method(&format!("{DID}#key-1")),
        Err(ResolveError::InvalidDocument { .. })
    ));
    // Duplicate keys would let the document say two things.
    let resolver = resolver_for(&format!(r#"{{"id":"{DID}","id":"{DID}"}}"#));
    assert!(matches!(
        resolver.resolve_verification_method(&format!("{DID}#key-1")),
        Err(ResolveError::InvalidDocument { .. })
    ));
}

#[test]
fn other_methods_and_bad_urls_are_refused() {
    let resolver = DidWebResolver::new(MemoryFetcher::new());
    assert!(matches!(
        resolver.resolve_verification_method("did:example:123#k"),
        Err(ResolveError::UnsupportedMethod { method }) if method == "did:example"
    ));
    assert!(matches!(
        resolver.resolve_verification_method(DID),
        Err(ResolveError::InvalidUrl { .. })
    ));
    assert!(matches!(
        resolver.resolve_verification_method("did:web:10.0.0.1#k"),
        Err(ResolveError::InvalidUrl { .. })
    ));
    assert!(matches!(
        resolver.resolve_verification_method(&format!("{DID}#k")),
        Err(ResolveError::NotFound { .. })
    ));
    // did:key stays offline, unless turned off.
    let key = Ed25519KeyPair::from_seed(&[4; 32]).public_key();
    let url = key.did_key_url();
    assert_eq!(
        resolver
            .resolve_verification_method(&url)
            .unwrap()
            .public_key,
        key
    );
    let web_only = DidWebResolver::new(MemoryFetcher::new()).with_did_key(false);
    assert!(matches!(
        web_only.resolve_verification_method(&url),
        Err(ResolveError::UnsupportedMethod { .. })
    ));
}

/// Counts fetches, and fails with a transport error for one URL.
struct Counting {
    inner: MemoryFetcher,
    fetches: AtomicUsize,
}

impl DocumentFetcher for Counting {
    fn fetch(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        self.fetches.fetch_add(1, Ordering::SeqCst);
        if url.contains("down.example") {
            return Err(FetchError::Timeout { url: url.into() });
        }
        self.inner.fetch(url)
    }
}

#[test]
fn documents_are_fetched_once_and_failures_are_transport_errors() {
    let key = Ed25519KeyPair::from_seed(&[5; 32])
        .public_key()
        .to_multibase();
    let mut inner = MemoryFetcher::new();
    let did = inner
        .insert_did_document(format!(
            r#"{{"id":"{DID}","verificationMethod":[{{"id":"{DID}#k","type":"Multikey","controller":"{DID}","publicKeyMultibase":"{key}"}}],"assertionMethod":["{DID}#k"]}}"#
        ))
        .unwrap();
    assert_eq!(did, DID);
    let resolver = DidWebResolver::new(Counting {
        inner,
        fetches: AtomicUsize::new(0),
    });
    for _ in 0..3 {
        resolver
            .resolve_verification_method(&format!("{DID}#k"))
            .unwrap();
    }
    assert_eq!(resolver.fetcher().fetches.load(Ordering::SeqCst), 1);
    resolver.clear_cache();
    resolver
        .resolve_verification_method(&format!("{DID}#k"))
        .unwrap();
    assert_eq!(resolver.fetcher().fetches.load(Ordering::SeqCst), 2);
    // A failure is not remembered, and is a transport error (indeterminate in reports).
    for _ in 0..2 {
        assert!(matches!(
            resolver.resolve_verification_method("did:web:down.example#k"),
            Err(ResolveError::Transport { .. })
        ));
    }
    assert_eq!(resolver.fetcher().fetches.load(Ordering::SeqCst), 4);
}

fn did_web_credentials(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            did_web_credentials(&path, out);
        } else if path.extension().is_some_and(|e| e == "json")
            && !path.components().any(|c| c.as_os_str() == "dids")
            && std::fs::read_to_string(&path)
                .unwrap()
                .contains("\"did:web:")
        {
            out.push(path);
        }
    }
}

#[test]
fn real_world_did_web_credentials_verify_offline_as_with_the_memory_resolver() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let base = vectors.join("real-world/dcc-vc-test-fixtures");
    let mut fetcher = MemoryFetcher::new();
    let mut memory = MemoryResolver::new();
    for did in ["oidf", "legacy"] {
        let path = base.join(format!("dids/{did}/did.json"));
        fetcher
            .insert_did_document(std::fs::read(&path).unwrap())
            .unwrap();
        memory.insert_document(common::read_json(&path)).unwrap();
    }
    let at = ler_model::date::parse_date_time_stamp("2026-11-29T00:00:00Z").unwrap();
    let web = VerifyOptions::default()
        .at(at)
        .resolver(DidWebResolver::new(fetcher));
    let reference = VerifyOptions::default().at(at).resolver(memory);
    let mut paths = Vec::new();
    did_web_credentials(&base, &mut paths);
    paths.sort();
    assert!(paths.len() >= 25, "found {}", paths.len());
    let mut signatures_passed = 0;
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let got = verify(&bytes, &web).into_parts().0;
        let want = verify(&bytes, &reference).into_parts().0;
        // Same checks, except that an unknown did:web (badDidWeb.json) is reported by each
        // resolver in its own words.
        assert_eq!(got.verdict, want.verdict, "{}", path.display());
        assert_eq!(got.failing_ids(), want.failing_ids(), "{}", path.display());
        let ids = |r: &ler_verify::Report| {
            r.checks
                .iter()
                .map(|c| (c.id, c.outcome, c.pointer.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&got), ids(&want), "{}", path.display());
        signatures_passed += got
            .checks_with_id("proof.signature")
            .filter(|c| c.outcome == ler_verify::Outcome::Pass)
            .count();
    }
    assert!(
        signatures_passed >= 10,
        "only {signatures_passed} signatures passed"
    );
}

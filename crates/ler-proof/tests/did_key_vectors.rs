//! did:key vectors (w3c-ccg/did-method-key): seed → DID, DID document → key, relationships.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use ler_model::json::Value;
use ler_proof::{
    DidKeyResolver, Ed25519KeyPair, Relationship, Resolver, did_key_document, did_key_public_key,
    method_from_document,
};

#[test]
fn seeds_give_the_published_dids_and_documents_resolve() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let all = common::read_json(&vectors.join("did-key/ed25519-x25519.json"));
    let mut n = 0;
    for (did, entry) in all.as_object().unwrap().iter() {
        let seed: [u8; 32] = common::unhex(entry.get("seed").and_then(Value::as_str).unwrap())
            .try_into()
            .unwrap();
        let key = Ed25519KeyPair::from_seed(&seed).public_key();
        assert_eq!(key.did_key(), did);
        let published_pair = entry.get("verificationKeyPair").unwrap();
        // Four entries give the key as base58, one as a JWK.
        match published_pair
            .get("publicKeyBase58")
            .and_then(Value::as_str)
        {
            Some(base58) => assert_eq!(bs58_decode(base58), key.to_bytes()),
            None => {
                let jwk = published_pair.get("publicKeyJwk").unwrap();
                assert_eq!(ler_proof::Ed25519PublicKey::from_jwk(jwk).unwrap(), key);
                let private = published_pair.get("privateKeyJwk").unwrap();
                assert_eq!(Ed25519KeyPair::from_jwk(private).unwrap().public_key(), key);
            }
        }
        let url = format!("{did}#{}", did.trim_start_matches("did:key:"));
        // The published (2018-style) document and our own resolution agree on key and purposes.
        let published = method_from_document(entry.get("didDocument").unwrap(), &url).unwrap();
        let ours = DidKeyResolver.resolve_verification_method(&url).unwrap();
        assert_eq!(published.public_key, ours.public_key);
        assert_eq!(published.controller, ours.controller);
        for r in [Relationship::AssertionMethod, Relationship::Authentication] {
            assert!(published.allows(r) && ours.allows(r), "{did} {r}");
        }
        n += 1;
    }
    assert!(n >= 3, "{n}");
}

fn bs58_decode(text: &str) -> [u8; 32] {
    bs58::decode(text).into_vec().unwrap().try_into().unwrap()
}

#[test]
fn spec_example_dids_and_document() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let list = common::read(&vectors.join("did-key/spec-example-ed25519-dids.txt"));
    let mut n = 0;
    for did in list
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("did:key:z6Mk"))
    {
        let key = did_key_public_key(did).unwrap();
        assert_eq!(key.did_key(), did);
        assert_eq!(
            did_key_document(&key).get("id").and_then(Value::as_str),
            Some(did)
        );
        n += 1;
    }
    assert!(n >= 3);
    let doc = common::read_json(&vectors.join("did-key/spec-example-z6MkhaXg-did-document.json"));
    let did = doc.get("id").and_then(Value::as_str).unwrap();
    let url = format!("{did}#{}", did.trim_start_matches("did:key:"));
    let published = method_from_document(&doc, &url).unwrap();
    let ours = DidKeyResolver.resolve_verification_method(&url).unwrap();
    assert_eq!(published.public_key, ours.public_key);
    assert_eq!(published.id, ours.id);
    let generated = did_key_document(&ours.public_key);
    assert_eq!(
        generated.pointer("/verificationMethod/0/publicKeyMultibase"),
        doc.pointer("/verificationMethod/0/publicKeyMultibase")
    );
    assert_eq!(
        generated.pointer("/verificationMethod/0/id"),
        doc.pointer("/verificationMethod/0/id")
    );
}

#[test]
fn w3c_vector_key_is_its_did_key() {
    let pair = common::read_json(&common::fixtures().join("w3c-eddsa/keyPair.json"));
    let public = pair
        .get("publicKeyMultibase")
        .and_then(Value::as_str)
        .unwrap();
    let url = format!("did:key:{public}#{public}");
    let method = DidKeyResolver.resolve_verification_method(&url).unwrap();
    assert_eq!(method.public_key.to_multibase(), public);
    assert_eq!(method.id, url);
}

//! Arbitrary bytes through proof verification, key and DID parsing, JCS, and a sign/verify round
//! trip: no input may panic, hang, or make a freshly signed document fail to verify.
#![no_main]

use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::hazmat::{self, ProofCheckOptions};
use ler_proof::{
    DidKeyResolver, Ed25519KeyPair, Ed25519PublicKey, Ed25519Signer, MemoryResolver, Resolver,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Ed25519PublicKey::from_multibase(text);
        let _ = Ed25519KeyPair::from_secret_multibase(text);
        let _ = hazmat::decode_proof_value(text);
        let _ = DidKeyResolver.resolve_verification_method(text);
    }
    let _ = Ed25519Signer::from_key_file(data);
    let Ok(doc) = ler_model::json::parse(data) else {
        return;
    };
    let _ = ler_proof::jcs::canonicalize(&doc);
    let _ = Ed25519PublicKey::from_jwk(&doc);
    let _ = Ed25519KeyPair::from_jwk(&doc);
    let _ = hazmat::verify_proofs(&doc, &DidKeyResolver, &ProofCheckOptions::default());
    let mut resolver = MemoryResolver::new();
    if resolver.insert_document(doc.clone()).is_ok() {
        if let Some(id) = doc.get("id").and_then(|v| v.as_str()) {
            let _ = resolver.resolve_verification_method(&format!("{id}#key-1"));
        }
    }

    // Round trip: whatever signs must verify.
    let signer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[7; 32]));
    let options = ProofOptions::new(Cryptosuite::EddsaJcs2022).created("2024-01-01T00:00:00Z");
    if let Ok(signed) = di::sign(&doc, &options, &signer) {
        let verification =
            hazmat::verify_proofs(&signed, &DidKeyResolver, &ProofCheckOptions::default());
        if let Ok(v) = verification {
            // Earlier proofs in the input may fail; the new (last) one must verify.
            let last = v.proofs.last().map(|p| p.result.is_ok());
            assert_eq!(last, Some(true), "{v:?}");
        }
    }
});

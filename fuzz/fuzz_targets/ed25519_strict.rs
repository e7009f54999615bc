//! ler's Ed25519 verification against ed25519-dalek's `verify_strict` on arbitrary bytes: a key,
//! a signature and a message as given, and a signature made with a key from the input's seed and
//! then altered by the input's mask (so valid signatures and near misses are explored too). The
//! two verdicts must agree on every input.
#![no_main]

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use ler_did::Ed25519PublicKey;
use libfuzzer_sys::fuzz_target;

fn agree(key: &[u8; 32], message: &[u8], signature: &[u8; 64]) {
    let (Ok(dalek), Ok(ours)) = (
        VerifyingKey::from_bytes(key),
        Ed25519PublicKey::from_bytes(key),
    ) else {
        return;
    };
    let expected = dalek
        .verify_strict(message, &Signature::from_bytes(signature))
        .is_ok();
    assert_eq!(ours.verify_strict(message, signature), expected);
}

fuzz_target!(|data: &[u8]| {
    let (Some((key, rest)), true) = (data.split_first_chunk::<32>(), data.len() >= 96) else {
        return;
    };
    let Some((mask, message)) = rest.split_first_chunk::<64>() else {
        return;
    };
    // As given.
    agree(key, message, mask);
    // Signed with the key of seed `key`, then altered where the mask has bits set.
    let signing = SigningKey::from_bytes(key);
    let mut signature = signing.sign(message).to_bytes();
    for (byte, flip) in signature.iter_mut().zip(mask) {
        *byte ^= flip;
    }
    agree(&signing.verifying_key().to_bytes(), message, &signature);
});

//! Shared pieces of the ler benchmarks.
//!
//! Every criterion group in this crate measures the raw Ed25519 `verify_strict` of a 64-byte
//! message beside what it benchmarks, so each figure can be read as a ratio to the physical floor
//! of signature verification on the same machine in the same run.
//!
//! ```
//! let baseline = ler_benches::VerifyBaseline::new();
//! assert!(baseline.verify());
//! ```

use std::path::{Path, PathBuf};

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

/// A fixed Ed25519 key, message and signature: the `verify_strict` baseline of every group.
pub struct VerifyBaseline {
    key: VerifyingKey,
    message: [u8; 64],
    signature: Signature,
    /// The same key as ler holds it, for [`VerifyBaseline::verify_ler`].
    ler_key: ler_proof::Ed25519PublicKey,
}

/// The baseline key's seed.
const SEED: [u8; 32] = [7; 32];

impl VerifyBaseline {
    /// Builds the baseline from a fixed seed, so every run measures the same work.
    pub fn new() -> Self {
        let signing = SigningKey::from_bytes(&SEED);
        // 64 bytes: the size of what the EdDSA cryptosuites sign (two SHA-256 digests).
        let message = [0x5au8; 64];
        let signature = signing.sign(&message);
        Self {
            key: signing.verifying_key(),
            message,
            signature,
            // The same seed: the same key.
            ler_key: ler_proof::Ed25519KeyPair::from_seed(&SEED).public_key(),
        }
    }

    /// One `verify_strict` call; returns whether the signature holds (always true here).
    pub fn verify(&self) -> bool {
        self.key
            .verify_strict(&self.message, &self.signature)
            .is_ok()
    }

    /// The same check as ler makes it (`Ed25519PublicKey::verify_strict`: `verify_strict`'s
    /// verdicts, with `R` checked on its bytes instead of decompressed), so the share of the
    /// floor that ler's own signature check saves can be told apart from the rest.
    pub fn verify_ler(&self) -> bool {
        self.ler_key
            .verify_strict(&self.message, &self.signature.to_bytes())
    }
}

impl Default for VerifyBaseline {
    fn default() -> Self {
        Self::new()
    }
}

/// The folder of committed benchmark inputs (`benches/fixtures`).
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Reads one committed fixture by file name.
///
/// # Panics
/// When the file is missing: the fixtures are committed with the crate, so that is a broken
/// checkout, not an input error.
#[allow(clippy::expect_used)]
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(name)).expect("benchmark fixture is committed")
}

/// A committed fixture, its `proof` removed and its issuer's `id` set to `issuer` (so that the
/// verifier's key binding holds for a credential signed by `issuer`'s key).
///
/// # Panics
/// When the fixture is missing or is not JSON (a broken checkout).
fn unsigned_fixture(name: &str, issuer: &str) -> ler_model::json::Value {
    use ler_model::json::{self, Value};
    let mut doc = json::parse(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    if let Some(object) = doc.as_object_mut() {
        object.remove("proof");
        if let Some(Value::Object(profile)) = object.get_mut("issuer") {
            profile.insert("id", Value::String(issuer.to_owned()));
        }
    }
    doc
}

/// `count` distinct credentials (the small fixture with `id`s `urn:uuid:…-000000000000` up),
/// signed by `signer` with eddsa-jcs-2022: the input of the batch benchmarks.
///
/// # Panics
/// When signing fails, which the fixed fixture and key rule out.
fn small_jcs_batch(count: usize, signer: &ler_proof::Ed25519Signer) -> Vec<Vec<u8>> {
    use ler_model::json::Value;
    use ler_proof::di::{self, Cryptosuite, ProofOptions};
    let options = ProofOptions::new(Cryptosuite::EddsaJcs2022).created("2024-01-01T00:00:00Z");
    let small = unsigned_fixture("ob3-small.json", signer.controller());
    (0..count)
        .map(|n| {
            let mut doc = small.clone();
            if let Some(object) = doc.as_object_mut() {
                object.insert(
                    "id",
                    Value::String(format!("urn:uuid:00000000-0000-4000-8000-{n:012}")),
                );
            }
            di::sign(&doc, &options, signer)
                .unwrap_or_else(|e| panic!("{e}"))
                .to_string()
                .into_bytes()
        })
        .collect()
}

/// The inputs of the `verify` and `ratios` benches: the small and large fixtures signed with
/// each EdDSA suite, 1,024 small jcs credentials for the batch cases, and the options that
/// verify them all.
pub struct VerifyCases {
    /// Options fixed at a verification time inside every credential's validity.
    pub options: ler_verify::VerifyOptions,
    /// `("jcs/small", bytes)`, `("jcs/large", …)`, `("rdfc/small", …)`, `("rdfc/large", …)`.
    pub single: Vec<(String, Vec<u8>)>,
    /// 1,024 distinct small jcs credentials.
    pub batch: Vec<Vec<u8>>,
}

impl VerifyCases {
    /// Signs every input with a key from a fixed seed and checks that each verifies.
    ///
    /// # Panics
    /// When signing fails or a credential does not verify: the benches would measure nothing.
    pub fn new() -> Self {
        use ler_proof::di::{self, Cryptosuite, ProofOptions};
        use ler_proof::{Ed25519KeyPair, Ed25519Signer};
        use ler_verify::{Verdict, VerifyOptions, verify};
        let signer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[42; 32]));
        let at = ler_model::date::parse_date_time_stamp("2026-11-29T00:00:00Z")
            .unwrap_or_else(|e| panic!("{e}"));
        let options = VerifyOptions::default().at(at);
        let mut single = Vec::new();
        for (suite, label) in [
            (Cryptosuite::EddsaJcs2022, "jcs"),
            (Cryptosuite::EddsaRdfc2022, "rdfc"),
        ] {
            let proof_options = ProofOptions::new(suite).created("2024-01-01T00:00:00Z");
            for fixture in ["ob3-small.json", "ob3-large.json"] {
                let size = fixture.trim_start_matches("ob3-").trim_end_matches(".json");
                let unsigned = unsigned_fixture(fixture, signer.controller());
                let bytes = di::sign(&unsigned, &proof_options, &signer)
                    .unwrap_or_else(|e| panic!("{label} {fixture}: {e}"))
                    .to_string()
                    .into_bytes();
                let report = verify(&bytes, &options).into_parts().0;
                assert_eq!(
                    report.verdict,
                    Verdict::Verified,
                    "{label} {fixture}: {report:#?}"
                );
                single.push((format!("{label}/{size}"), bytes));
            }
        }
        Self {
            options,
            single,
            batch: small_jcs_batch(1024, &signer),
        }
    }
}

impl Default for VerifyCases {
    fn default() -> Self {
        Self::new()
    }
}

/// A rayon pool of `threads` threads, for the batch cases.
///
/// # Panics
/// When the threads cannot start.
pub fn thread_pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

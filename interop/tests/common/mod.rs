//! Shared set-up: one Ed25519 key from a fixed seed on both sides, ssi's JSON-LD loader built from
//! ler's pinned contexts (nothing is ever fetched), and sign/verify helpers for each side.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ler_proof::hazmat;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ler_model::json::Value;
use ler_proof::di::{self, Cryptosuite, ProofOptions};
use ler_proof::hazmat::{ProofCheckOptions, ProofVerification};
use ler_proof::{DidKeyResolver, Ed25519KeyPair, Ed25519Signer};
use ssi::JWK;
use ssi::claims::data_integrity::suites::EdDsaRdfc2022;
use ssi::claims::data_integrity::{CryptographicSuite, DataIntegrity};
use ssi::claims::vc::v2::JsonCredential;
use ssi::claims::{SignatureEnvironment, VerificationParameters};
use ssi::dids::{DIDKey, VerificationMethodDIDResolver};
use ssi::json_ld::ContextLoader;
use ssi::verification_methods::{Multikey, SingleSecretSigner};

/// The fixed seed of the test key (any 32 bytes do; fixed so failures reproduce).
pub const SEED: [u8; 32] = *b"ler-interop-fixed-seed-0123456.!";

/// The `created` both sides put in their proofs.
pub const CREATED: &str = "2026-01-02T03:04:05Z";

/// A signed document from ssi, as JSON text.
pub type Signed = String;

/// The test key (ler side; ssi gets the same key through its JWK).
pub fn key_pair() -> Ed25519KeyPair {
    Ed25519KeyPair::from_seed(&SEED)
}

/// `did:key:z6Mk…`.
pub fn did() -> String {
    key_pair().public_key().did_key()
}

/// `did:key:z6Mk…#z6Mk…`.
pub fn method_url() -> String {
    key_pair().public_key().did_key_url()
}

/// ssi's JSON-LD loader holding exactly ler-jsonld's pinned context documents: same bytes on
/// both sides, no static ssi copies, no network.
pub fn ssi_loader() -> ContextLoader {
    let map: HashMap<String, String> = ler_jsonld::pinned_contexts()
        .map(|(url, _sha256, bytes)| {
            (
                url.to_owned(),
                String::from_utf8(bytes.to_vec()).expect("context is UTF-8"),
            )
        })
        .collect();
    ContextLoader::empty().with_context_map_from(map).unwrap()
}

fn vm_resolver() -> VerificationMethodDIDResolver<DIDKey, Multikey> {
    VerificationMethodDIDResolver::new(DIDKey)
}

/// Runs a future to completion on the current thread.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    futures_executor::block_on(future)
}

/// Signs `credential` (JSON text) with ssi's `eddsa-rdfc-2022`, as the test key's did:key.
pub fn ssi_sign(credential: &str) -> Signed {
    ssi_sign_with_created(credential, Some(CREATED))
}

/// [`ssi_sign`] with `created` set to `created`, or left to ssi's default (now) when `None`.
pub fn ssi_sign_with_created(credential: &str, created: Option<&str>) -> Signed {
    ssi_sign_as(credential, &key_pair(), &method_url(), created)
}

/// Signs `credential` with ssi's `eddsa-rdfc-2022` using `key` as the did:key verification
/// method `method`. The key reaches ssi through ler's private JWK export, so that export is
/// checked too: a wrong one would make every ssi signature fail in ler.
pub fn ssi_sign_as(
    credential: &str,
    key: &Ed25519KeyPair,
    method: &str,
    created: Option<&str>,
) -> Signed {
    let vc: JsonCredential = serde_json::from_str(credential).unwrap();
    let mut options = ssi::claims::data_integrity::ProofOptions::from_method(
        method
            .parse::<ssi::dids::DIDURLBuf>()
            .unwrap()
            .into_iri()
            .into(),
    );
    if let Some(created) = created {
        options.created = Some(created.parse().unwrap());
    }
    let environment = SignatureEnvironment {
        json_ld_loader: ssi_loader(),
        eip712_loader: (),
    };
    let jwk: JWK = serde_json::from_str(&key.to_private_jwk()).unwrap();
    let signed = block_on(EdDsaRdfc2022.sign_with(
        environment,
        vc,
        vm_resolver(),
        SingleSecretSigner::new(jwk),
        options,
        (),
    ))
    .unwrap();
    serde_json::to_string_pretty(&signed).unwrap()
}

/// Verifies a signed credential (JSON text) with ssi: `Ok` when valid, else ssi's reason.
pub fn ssi_verify(signed: &str) -> Result<(), String> {
    let vc: DataIntegrity<JsonCredential, EdDsaRdfc2022> =
        serde_json::from_str(signed).map_err(|e| format!("ssi cannot read it: {e}"))?;
    let params =
        VerificationParameters::from_resolver(vm_resolver()).with_json_ld_loader(ssi_loader());
    match block_on(vc.verify(params)) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(invalid)) => Err(format!("invalid: {invalid}")),
        Err(error) => Err(format!("error: {error}")),
    }
}

/// Signs `credential` (JSON text) with ler's `eddsa-rdfc-2022`, as the test key's did:key.
pub fn ler_sign(credential: &str) -> String {
    let document = ler_model::json::parse(credential.as_bytes()).unwrap();
    let options = ProofOptions::new(Cryptosuite::EddsaRdfc2022).created(CREATED);
    let signer = Ed25519Signer::did_key(key_pair());
    di::sign(&document, &options, &signer)
        .unwrap()
        .to_pretty_string()
}

/// Verifies a signed credential (JSON text) with ler.
pub fn ler_verify(signed: &str) -> ProofVerification {
    let document = ler_model::json::parse(signed.as_bytes()).unwrap();
    hazmat::verify_proofs(&document, &DidKeyResolver, &ProofCheckOptions::default()).unwrap()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A committed fixture of the main workspace, with the issuer's `id` set to the test key's
/// did:key (so the issuer is the signer, as a verifier would require).
fn fixture_issued_by_test_key(relative: &str) -> String {
    let path = repo().join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["issuer"]["id"] = serde_json::Value::String(did());
    serde_json::to_string_pretty(&value).unwrap()
}

/// A plain VC 2.0 credential (only the VC 2.0 context), with language maps, dates and nested
/// objects: benches/fixtures/vc2-plain.json.
pub fn plain_vc2() -> String {
    fixture_issued_by_test_key("benches/fixtures/vc2-plain.json")
}

/// An Open Badges 3.0 `OpenBadgeCredential` (AchievementCredential) with the VC 2.0 and OB
/// 3.0.3 contexts: benches/fixtures/ob3-small.json.
pub fn ob3() -> String {
    fixture_issued_by_test_key("benches/fixtures/ob3-small.json")
}

/// `text` with `from` replaced once by `to`; panics when `from` is absent (so a tamper test can
/// never silently test an unchanged document).
pub fn tamper(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not in the document");
    text.replacen(from, to, 1)
}

/// The `proof` member of a signed document (ler's reading).
pub fn proof_of(signed: &str) -> Value {
    let document = ler_model::json::parse(signed.as_bytes()).unwrap();
    document.get("proof").cloned().unwrap()
}

/// ssi's canonical N-Quads (URDNA2015 = RDFC-1.0) of a credential, computed the way its
/// `eddsa-rdfc-2022` transformation computes them (expansion of the `JsonCredential`, then
/// canonicalization), with the loader of [`ssi_loader`].
pub fn ssi_canonical_nquads(credential: &str) -> Result<String, String> {
    use ssi::json_ld::Expandable;
    use ssi::rdf::{AnyLdEnvironment, LdEnvironment};

    let vc: JsonCredential =
        serde_json::from_str(credential).map_err(|e| format!("ssi cannot read it: {e}"))?;
    let mut ld = LdEnvironment::default();
    let expanded = block_on(vc.expand_with(&mut ld, &ssi_loader())).map_err(|e| e.to_string())?;
    let lines = ld.canonical_form_of(&expanded).map_err(|e| e.to_string())?;
    Ok(lines.concat())
}

/// ler's canonical N-Quads of a credential: the document form of its `eddsa-rdfc-2022` proof.
pub fn ler_canonical_nquads(credential: &str) -> String {
    let document = ler_model::json::parse(credential.as_bytes()).unwrap();
    let options = ler_model::json::parse(
        format!(
            r#"{{"type":"DataIntegrityProof","cryptosuite":"eddsa-rdfc-2022","created":"{CREATED}",
            "verificationMethod":"{}","proofPurpose":"assertionMethod"}}"#,
            method_url()
        )
        .as_bytes(),
    )
    .unwrap();
    hazmat::canonical_forms(
        Cryptosuite::EddsaRdfc2022,
        &document,
        options.as_object().unwrap(),
    )
    .unwrap()
    .document
}

/// ssi's canonical N-Quads of any JSON-LD document (its generic `CompactJsonLd` path, parsed by
/// `json-syntax`, without the `JsonCredential` serde round trip).
pub fn ssi_canonical_nquads_of_json_ld(text: &str) -> Result<String, String> {
    use ssi::json_ld::syntax::Parse;
    use ssi::json_ld::{CompactJsonLd, Expandable};
    use ssi::rdf::{AnyLdEnvironment, LdEnvironment};

    let (value, _) = ssi::json_ld::syntax::Value::parse_str(text).map_err(|e| e.to_string())?;
    let mut ld = LdEnvironment::default();
    let expanded = block_on(CompactJsonLd(value).expand_with(&mut ld, &ssi_loader()))
        .map_err(|e| e.to_string())?;
    let lines = ld.canonical_form_of(&expanded).map_err(|e| e.to_string())?;
    Ok(lines.concat())
}

/// [`ssi_verify`] with verification methods given as documents (`Multikey` JSON) instead of
/// did:key, for vectors whose keys live at `https://` URLs.
pub fn ssi_verify_with_methods(signed: &str, methods: &[serde_json::Value]) -> Result<(), String> {
    let resolver: HashMap<_, Multikey> = methods
        .iter()
        .map(|m| {
            let method: Multikey = serde_json::from_value(m.clone()).unwrap();
            (method.id.clone(), method)
        })
        .collect();
    let vc: DataIntegrity<JsonCredential, EdDsaRdfc2022> =
        serde_json::from_str(signed).map_err(|e| format!("ssi cannot read it: {e}"))?;
    let params = VerificationParameters::from_resolver(resolver).with_json_ld_loader(ssi_loader());
    match block_on(vc.verify(params)) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(invalid)) => Err(format!("invalid: {invalid}")),
        Err(error) => Err(format!("error: {error}")),
    }
}

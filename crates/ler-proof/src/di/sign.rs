use ler_model::json::{Object, Value};

use super::error::{ProofError, SignError};
use super::suite::{Cryptosuite, canonical_forms};
use super::{DATA_INTEGRITY_PROOF, PROOF_TERM_CONTEXTS};
use ler_did::Signer;
use ler_did::multibase::encode_base58btc;
use ler_model::context::DATA_INTEGRITY_V2;

/// What a new proof says besides its signature: cryptosuite, purpose, and the optional members
/// of Data Integrity 1.0.
///
/// ```
/// use ler_proof::di::{Cryptosuite, ProofOptions, sign};
/// use ler_proof::{Ed25519KeyPair, Ed25519Signer};
///
/// let signer = Ed25519Signer::did_key(Ed25519KeyPair::generate()?);
/// let document = ler_model::json::parse(format!(r#"{{"@context": ["https://www.w3.org/ns/credentials/v2"],
///   "type": ["VerifiableCredential"], "issuer": "{}", "credentialSubject": {{"id": "did:example:learner"}}}}"#,
///   signer.controller()).as_bytes())?;
/// let options = ProofOptions::new(Cryptosuite::EddsaRdfc2022)
///     .created("2026-01-01T00:00:00Z")
///     .expires("2031-01-01T00:00:00Z");
/// let signed = sign(&document, &options, &signer)?;
/// let proof = signed.get("proof").expect("a proof");
/// assert_eq!(proof.get("cryptosuite").and_then(|v| v.as_str()), Some("eddsa-rdfc-2022"));
/// assert_eq!(proof.get("proofPurpose").and_then(|v| v.as_str()), Some("assertionMethod"));
/// assert_eq!(proof.get("expires").and_then(|v| v.as_str()), Some("2031-01-01T00:00:00Z"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProofOptions {
    cryptosuite: Cryptosuite,
    proof_purpose: String,
    id: Option<String>,
    created: Option<String>,
    expires: Option<String>,
    previous_proof: Option<Value>,
    domain: Option<Value>,
    challenge: Option<String>,
    nonce: Option<String>,
}

impl ProofOptions {
    /// Options for `cryptosuite` with purpose `assertionMethod` and no `created` (the caller
    /// supplies the time: the library reads no clock).
    pub fn new(cryptosuite: Cryptosuite) -> Self {
        Self {
            cryptosuite,
            proof_purpose: "assertionMethod".into(),
            id: None,
            created: None,
            expires: None,
            previous_proof: None,
            domain: None,
            challenge: None,
            nonce: None,
        }
    }

    /// The cryptosuite.
    pub fn cryptosuite(&self) -> Cryptosuite {
        self.cryptosuite
    }

    /// Sets `proofPurpose` (default `assertionMethod`).
    pub fn proof_purpose(mut self, purpose: impl Into<String>) -> Self {
        self.proof_purpose = purpose.into();
        self
    }

    /// Sets the proof's `id` (needed when later proofs chain to this one).
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Sets `created`, an XML Schema dateTime such as `2023-02-24T23:36:38Z`.
    pub fn created(mut self, created: impl Into<String>) -> Self {
        self.created = Some(created.into());
        self
    }

    /// Sets `expires`, an XML Schema dateTime.
    pub fn expires(mut self, expires: impl Into<String>) -> Self {
        self.expires = Some(expires.into());
        self
    }

    /// Chains the proof to the existing proof with this `id` (`previousProof` as a string).
    pub fn previous_proof(mut self, id: impl Into<String>) -> Self {
        self.previous_proof = Some(Value::String(id.into()));
        self
    }

    /// Chains the proof to several existing proofs (`previousProof` as an array).
    pub fn previous_proofs<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.previous_proof = Some(Value::Array(
            ids.into_iter().map(|s| Value::String(s.into())).collect(),
        ));
        self
    }

    /// Sets `domain`.
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(Value::String(domain.into()));
        self
    }

    /// Sets `challenge`.
    pub fn challenge(mut self, challenge: impl Into<String>) -> Self {
        self.challenge = Some(challenge.into());
        self
    }

    /// Sets `nonce`.
    pub fn nonce(mut self, nonce: impl Into<String>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }

    /// The proof object without `proofValue`, members in the order the W3C vectors use.
    fn proof_object(&self, verification_method: &str) -> Object {
        let mut proof = Object::new();
        proof.insert("type", DATA_INTEGRITY_PROOF);
        if let Some(id) = &self.id {
            proof.insert("id", id.as_str());
        }
        proof.insert("cryptosuite", self.cryptosuite.name());
        if let Some(created) = &self.created {
            proof.insert("created", created.as_str());
        }
        if let Some(expires) = &self.expires {
            proof.insert("expires", expires.as_str());
        }
        proof.insert("verificationMethod", verification_method);
        proof.insert("proofPurpose", self.proof_purpose.as_str());
        if let Some(previous) = &self.previous_proof {
            proof.insert("previousProof", previous.clone());
        }
        if let Some(domain) = &self.domain {
            proof.insert("domain", domain.clone());
        }
        if let Some(challenge) = &self.challenge {
            proof.insert("challenge", challenge.as_str());
        }
        if let Some(nonce) = &self.nonce {
            proof.insert("nonce", nonce.as_str());
        }
        proof
    }

    fn previous_proof_ids(&self) -> Vec<&str> {
        match &self.previous_proof {
            Some(Value::String(id)) => vec![id.as_str()],
            Some(Value::Array(ids)) => ids.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }
}

/// Adds a proof to `document` (Data Integrity 1.0 "Add Proof" and "Add Proof Set/Chain") and
/// returns the secured document. Nothing else changes: members keep their order and numbers
/// their text. An unsigned document gets `proof` as its last member; a signed one gets a proof
/// set (`proof` becomes an array, in place). With [`ProofOptions::previous_proof`] the new proof
/// also signs the proofs it names.
///
/// Context injection (Data Integrity 1.0 §2.4.2): when an unsigned document's `@context` names
/// none of the contexts that define the proof terms (`https://www.w3.org/ns/credentials/v2`, the
/// Data Integrity contexts `v2` and `v1`), as a VC 1.1 document with only
/// `https://www.w3.org/2018/credentials/v1` does, [`DATA_INTEGRITY_V2`] is appended to
/// its `@context` before signing (a string `@context` becomes an array), so the proof's terms
/// have their meaning and are signed. A document that already carries proofs is left alone, as
/// changing its context would break them.
///
/// ```
/// use ler_proof::{Ed25519KeyPair, Ed25519Signer, di};
///
/// let context = r#"["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"]"#;
/// let text = format!(r#"{{"@context":{context},"n":1.50}}"#);
/// let doc = ler_model::json::parse(text.as_bytes())?;
/// let signer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[1; 32]));
/// let options = di::ProofOptions::new(di::Cryptosuite::EddsaJcs2022).created("2024-01-01T00:00:00Z");
/// let signed = di::sign(&doc, &options, &signer)?;
/// assert!(signed.to_string().starts_with(&format!(r#"{{"@context":{context},"n":1.50,"proof":{{"#)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sign(
    document: &Value,
    options: &ProofOptions,
    signer: &dyn Signer,
) -> Result<Value, SignError> {
    let object = document.as_object().ok_or(SignError::NotAnObject)?;
    if options.cryptosuite == Cryptosuite::LegacyEd25519Signature2020 {
        // Legacy proofs are read for the credentials that carry them, never made.
        return Err(ProofError::UnsupportedProofType(super::LEGACY_PROOF_TYPE.into()).into());
    }
    let mut all_proofs: Vec<Value> = match object.get("proof") {
        None => Vec::new(),
        Some(Value::Object(proof)) => vec![Value::Object(proof.clone())],
        Some(Value::Array(proofs)) if proofs.iter().all(|p| p.as_object().is_some()) => {
            proofs.clone()
        }
        Some(_) => return Err(SignError::InvalidExistingProof),
    };
    let mut object = object.clone();
    if all_proofs.is_empty() {
        inject_data_integrity_context(&mut object);
    }
    let mut input = object.clone();
    input.remove("proof");
    let previous = options.previous_proof_ids();
    if options.previous_proof.is_some() {
        if previous.is_empty() {
            return Err(ProofError::InvalidMember {
                pointer: "/previousProof".into(),
                reason: "expected a string or a non-empty array of strings".into(),
            }
            .into());
        }
        let mut matching = Vec::with_capacity(previous.len());
        for id in previous {
            let found = all_proofs
                .iter()
                .find(|p| p.get("id").and_then(Value::as_str) == Some(id))
                .ok_or_else(|| ProofError::PreviousProofNotFound(id.to_owned()))?;
            matching.push(found.clone());
        }
        input.insert("proof", Value::Array(matching));
    }
    let input = Value::Object(input);
    let proof = create_proof(&input, options, signer)?;

    let mut secured = object.clone();
    if all_proofs.is_empty() {
        secured.insert("proof", Value::Object(proof));
    } else {
        all_proofs.push(Value::Object(proof));
        secured.insert("proof", Value::Array(all_proofs));
    }
    Ok(Value::Object(secured))
}

/// Appends [`DATA_INTEGRITY_V2`] to `@context` when none of [`PROOF_TERM_CONTEXTS`] is
/// there. A document without `@context` is left as it is (signing then fails on undefined terms).
fn inject_data_integrity_context(object: &mut Object) {
    let defines_proof_terms =
        |v: &Value| v.as_str().is_some_and(|c| PROOF_TERM_CONTEXTS.contains(&c));
    match object.get_mut("@context") {
        Some(Value::Array(contexts)) if !contexts.iter().any(defines_proof_terms) => {
            contexts.push(Value::from(DATA_INTEGRITY_V2));
        }
        Some(single @ Value::String(_)) if !defines_proof_terms(single) => {
            let first = std::mem::replace(single, Value::Null);
            *single = Value::Array(vec![first, Value::from(DATA_INTEGRITY_V2)]);
        }
        _ => {}
    }
}

/// The cryptosuite's "create proof": the proof object for `input` (which carries any proofs a
/// chain builds on), `proofValue` last.
fn create_proof(
    input: &Value,
    options: &ProofOptions,
    signer: &dyn Signer,
) -> Result<Object, SignError> {
    let mut proof = options.proof_object(signer.verification_method());
    if options.cryptosuite == Cryptosuite::EddsaJcs2022 {
        // Under JCS the signature covers bytes, not meaning: the document must still mean what its
        // contexts say (an undefined term is an error under both suites).
        let _vocab = super::jsonld::check_terms_defined(input, &ler_jsonld::Limits::default())?;
        // eddsa-jcs-2022 keeps the document's @context in the proof (Create Proof, step 2).
        if let Some(context) = input.get("@context") {
            proof.insert("@context", context.clone());
        }
    }
    let forms = canonical_forms(options.cryptosuite, input, &proof)?;
    let signature = signer.sign(&forms.hash_data())?;
    proof.insert("proofValue", encode_base58btc(&signature));
    Ok(proof)
}

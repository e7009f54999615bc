use ler_model::json::{Object, Value};

use super::DATA_INTEGRITY_PROOF;
use super::error::{ProofError, VerifyError};
use super::suite::{Cryptosuite, decode_proof_value, hash_data_with_vocab, invalid};
use ler_did::{Relationship, ResolvedMethod, Resolver};

/// What the verifier expects of every proof.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProofCheckOptions {
    /// The purpose every proof must have (default `assertionMethod`, for credentials).
    pub expected_proof_purpose: Relationship,
    /// The most proofs examined in one document (default 16); more is an error, so a document
    /// cannot demand unbounded work.
    pub max_proofs: usize,
    /// When set, each proof's `domain` must include this value.
    pub expected_domain: Option<String>,
    /// When set, each proof's `challenge` must equal this value.
    pub expected_challenge: Option<String>,
    /// Limits on JSON-LD processing and canonicalization of the unauthenticated document; one
    /// reached is [`ProofError::JsonLdLimit`] or [`ProofError::CanonicalizeLimit`].
    pub jsonld_limits: ler_jsonld::Limits,
}

impl Default for ProofCheckOptions {
    fn default() -> Self {
        Self {
            expected_proof_purpose: Relationship::AssertionMethod,
            max_proofs: 16,
            expected_domain: None,
            expected_challenge: None,
            jsonld_limits: ler_jsonld::Limits::default(),
        }
    }
}

/// The outcome of every proof in a document, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofVerification {
    /// One entry per proof.
    pub proofs: Vec<ProofOutcome>,
}

impl ProofVerification {
    /// Whether there is at least one proof and every proof verified.
    pub fn is_verified(&self) -> bool {
        !self.proofs.is_empty() && self.proofs.iter().all(|p| p.result.is_ok())
    }

    /// The first failing proof's error, if any.
    pub fn first_error(&self) -> Option<(&str, &ProofError)> {
        self.proofs
            .iter()
            .find_map(|p| p.result.as_ref().err().map(|e| (p.pointer.as_str(), e)))
    }
}

/// The outcome of one proof.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofOutcome {
    /// JSON pointer of the proof in the document: `/proof` or `/proof/N`.
    pub pointer: String,
    /// The proof's `type`, when it is a string.
    pub proof_type: Option<String>,
    /// The proof's `cryptosuite`, when it is a string.
    pub cryptosuite: Option<String>,
    /// The proof's `verificationMethod`, when it is a string.
    pub verification_method: Option<String>,
    /// What was verified, or why not.
    pub result: Result<VerifiedProof, ProofError>,
}

/// A proof that verified. A legacy `Ed25519Signature2020` proof has
/// [`Cryptosuite::LegacyEd25519Signature2020`] (see [`VerifiedProof::is_legacy`]), which the
/// verifier reports as a `proof.legacy` warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedProof {
    /// The cryptosuite.
    pub cryptosuite: Cryptosuite,
    /// The verification method, its controller and key.
    pub method: ResolvedMethod,
    /// The proof's purpose.
    pub proof_purpose: Relationship,
    /// `created`, as written.
    pub created: Option<String>,
    /// `expires`, as written (checking it against a clock is the caller's job).
    pub expires: Option<String>,
    /// The proof's `id`.
    pub id: Option<String>,
    /// Terms of the document that only a catch-all `@vocab` gave a meaning, found by the JSON-LD
    /// processing the suite did anyway (the verifier reports them as a `jsonld.vocab-catch-all`
    /// warning).
    pub vocab: ler_jsonld::VocabReport,
}

/// Verifies every proof of `document` (Data Integrity 1.0 "Verify Proof" and "Verify Proof
/// Sets and Chains"), resolving keys with `resolver`. Signatures are checked with
/// `verify_strict`. Returns one outcome per proof; the document verifies when
/// [`ProofVerification::is_verified`].
pub fn verify_proofs(
    document: &Value,
    resolver: &dyn Resolver,
    options: &ProofCheckOptions,
) -> Result<ProofVerification, VerifyError> {
    verify_deferred(document, resolver, options).map(check_signatures)
}

/// [`verify_proofs`] on a document the caller owns, without copying it (see
/// [`verify_proofs_deferred_in_place`]); the document is the same after the call.
pub fn verify_proofs_in_place(
    document: &mut Value,
    resolver: &dyn Resolver,
    options: &ProofCheckOptions,
) -> Result<ProofVerification, VerifyError> {
    verify_proofs_deferred_in_place(document, resolver, options).map(check_signatures)
}

/// Checks the signatures [`verify_deferred`] left to the caller, one by one.
fn check_signatures(
    (mut verification, inputs): (ProofVerification, Vec<Option<SignatureInput>>),
) -> ProofVerification {
    for (outcome, input) in verification.proofs.iter_mut().zip(inputs) {
        if let Some(input) = input
            && !input.key.verify_strict(&input.message, &input.signature)
        {
            outcome.result = Err(ProofError::InvalidSignature);
        }
    }
    verification
}

/// What one signature check needs: the key, the signed bytes (the cryptosuite's hash data) and
/// the signature. [`verify_proofs_deferred_in_place`] hands these out so that a caller can check
/// many signatures at once (Ed25519 batch verification); until it does, nothing is verified.
#[derive(Debug, Clone)]
pub struct SignatureInput {
    /// The key of the proof's verification method.
    pub key: ler_did::Ed25519PublicKey,
    /// The signed bytes: the cryptosuite's hash data (proof hash, then document hash).
    pub message: [u8; 64],
    /// The signature decoded from the proof's `proofValue`.
    pub signature: [u8; 64],
}

/// [`verify_proofs`] with every signature check left to the caller (for batch verification): an
/// `Ok` outcome here means everything but the signature verified, and its [`SignatureInput`]
/// sits at the same index (`None` for the outcomes that already failed).
fn verify_deferred(
    document: &Value,
    resolver: &dyn Resolver,
    options: &ProofCheckOptions,
) -> Result<(ProofVerification, Vec<Option<SignatureInput>>), VerifyError> {
    let object = document.as_object().ok_or(VerifyError::NotAnObject)?;
    let proof = object.get("proof").ok_or(VerifyError::NoProof)?;
    // One copy of the document without its proofs, shared by every proof (not one per proof).
    let mut unsecured = object.clone();
    unsecured.remove("proof");
    verify_detached(&Value::Object(unsecured), proof, resolver, options)
}

/// [`verify_proofs`] on a document the caller owns with every signature check left to the
/// caller (for batch verification): an `Ok` outcome here means everything but the signature
/// verified, and its [`SignatureInput`] sits at the same index (`None` for the outcomes that
/// already failed). The document's `proof` member is taken out for the time of the
/// verification and put back where it stood, so the document is never copied.
pub fn verify_proofs_deferred_in_place(
    document: &mut Value,
    resolver: &dyn Resolver,
    options: &ProofCheckOptions,
) -> Result<(ProofVerification, Vec<Option<SignatureInput>>), VerifyError> {
    let object = document.as_object_mut().ok_or(VerifyError::NotAnObject)?;
    let (at, key, proof) = object.remove_entry("proof").ok_or(VerifyError::NoProof)?;
    let result = verify_detached(document, &proof, resolver, options);
    if let Some(object) = document.as_object_mut() {
        object.insert_at(at, key, proof);
    }
    result
}

/// Verifies the proofs in `proof` (the document's `proof` member) of `unsecured` (the document
/// without that member).
fn verify_detached(
    unsecured: &Value,
    proof: &Value,
    resolver: &dyn Resolver,
    options: &ProofCheckOptions,
) -> Result<(ProofVerification, Vec<Option<SignatureInput>>), VerifyError> {
    let object = unsecured.as_object().ok_or(VerifyError::NotAnObject)?;
    let (proofs, in_array): (Vec<&Object>, bool) = match proof {
        Value::Object(p) => (vec![p], false),
        Value::Array(items) => {
            if items.is_empty() {
                return Err(VerifyError::NoProof);
            }
            if items.len() > options.max_proofs {
                return Err(VerifyError::TooManyProofs {
                    count: items.len(),
                    max: options.max_proofs,
                });
            }
            let mut proofs = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let p = item
                    .as_object()
                    .ok_or_else(|| VerifyError::ProofNotAnObject {
                        pointer: format!("/proof/{i}"),
                    })?;
                proofs.push(p);
            }
            (proofs, true)
        }
        _ => {
            return Err(VerifyError::ProofNotAnObject {
                pointer: "/proof".into(),
            });
        }
    };
    let mut ids = std::collections::HashSet::new();
    for proof in &proofs {
        if let Some(id) = proof.get("id").and_then(Value::as_str)
            && !ids.insert(id)
        {
            return Err(VerifyError::DuplicateProofId(id.to_owned()));
        }
    }

    let mut outcomes = Vec::with_capacity(proofs.len());
    let mut inputs = Vec::with_capacity(proofs.len());
    for (i, proof) in proofs.iter().enumerate() {
        let text = |member: &str| proof.get(member).and_then(Value::as_str).map(str::to_owned);
        outcomes.push(ProofOutcome {
            pointer: if in_array {
                format!("/proof/{i}")
            } else {
                "/proof".into()
            },
            proof_type: text("type"),
            cryptosuite: text("cryptosuite"),
            verification_method: text("verificationMethod"),
            result: Err(ProofError::InvalidSignature),
        });
        let outcome = outcomes.last_mut();
        match verify_one(unsecured, object, proof, &proofs, resolver, options) {
            Ok((verified, input)) => {
                if let Some(outcome) = outcome {
                    outcome.result = Ok(verified);
                }
                inputs.push(Some(input));
            }
            Err(error) => {
                if let Some(outcome) = outcome {
                    outcome.result = Err(error);
                }
                inputs.push(None);
            }
        }
    }
    Ok((ProofVerification { proofs: outcomes }, inputs))
}

impl VerifiedProof {
    /// Whether this is a legacy `Ed25519Signature2020` proof.
    pub fn is_legacy(&self) -> bool {
        self.cryptosuite == Cryptosuite::LegacyEd25519Signature2020
    }
}

fn required_str<'a>(proof: &'a Object, member: &str) -> Result<&'a str, ProofError> {
    match proof.get(member) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(invalid(
            &format!("/{member}"),
            format!("expected a string, found {}", other.kind()),
        )),
        None => Err(ProofError::MissingMember {
            pointer: format!("/{member}"),
        }),
    }
}

/// One proof of `unsecured` (the document without its proofs; `document` is its object).
fn verify_one(
    unsecured: &Value,
    document: &Object,
    proof: &Object,
    all_proofs: &[&Object],
    resolver: &dyn Resolver,
    options: &ProofCheckOptions,
) -> Result<(VerifiedProof, SignatureInput), ProofError> {
    // Data Integrity 1.0 §4.4 step 1-ish: the members every proof needs, then the suite.
    let proof_type = required_str(proof, "type")?;
    let cryptosuite = match proof_type {
        DATA_INTEGRITY_PROOF => {
            let suite_name = required_str(proof, "cryptosuite")?;
            match Cryptosuite::from_name(suite_name) {
                Some(suite) => suite,
                None => return Err(ProofError::UnknownCryptosuite(suite_name.to_owned())),
            }
        }
        #[cfg(feature = "legacy-ed25519-signature-2020")]
        super::LEGACY_PROOF_TYPE => Cryptosuite::LegacyEd25519Signature2020,
        other => return Err(ProofError::UnsupportedProofType(other.to_owned())),
    };
    let method_url = required_str(proof, "verificationMethod")?;
    let purpose = required_str(proof, "proofPurpose")?;
    let proof_value = required_str(proof, "proofValue")?;
    if purpose != options.expected_proof_purpose.name() {
        return Err(ProofError::UnexpectedPurpose {
            expected: options.expected_proof_purpose.name().into(),
            found: purpose.into(),
        });
    }
    check_domain_and_challenge(proof, options)?;
    let signature = decode_proof_value(proof_value).map_err(ProofError::ProofValue)?;

    // eddsa-jcs-2022 Verify Proof step 4.1: the proof's @context must start the document's.
    let jcs_proof_context = match cryptosuite {
        Cryptosuite::EddsaJcs2022 => proof.get("@context"),
        _ => None,
    };
    if let Some(proof_context) = jcs_proof_context {
        let document_context = document.get("@context");
        if !is_context_prefix(proof_context, document_context) {
            return Err(ProofError::ContextMismatch);
        }
        // Step 4.2 puts the proof's @context in the document's place before hashing, so entries
        // appended after it are signed by nobody: refuse them rather than let them change what
        // the signed terms mean (an appended @vocab, @base, alias or term definition).
        let appended = context_len(document_context) - context_len(Some(proof_context));
        if appended > 0 {
            return Err(ProofError::UnsignedContext { count: appended });
        }
    }

    // §4.5: the input document is the document without its proofs, plus the proofs this one
    // chains to.
    let mut vocab = None;
    if cryptosuite == Cryptosuite::EddsaJcs2022 {
        // The document as received (its own @context, without proofs) must define every term.
        vocab = Some(super::jsonld::check_terms_defined(
            unsecured,
            &options.jsonld_limits,
        )?);
    }
    let previous = proof.get("previousProof");
    // Step 4.2 below changes the document only when the proof's @context is written otherwise
    // than the document's (the checks above let through only equal entries), and a chain adds
    // proofs: only then is a copy made.
    let context_differs =
        jcs_proof_context.is_some_and(|context| Some(context) != document.get("@context"));
    let copy;
    let input = if previous.is_none() && !context_differs {
        unsecured
    } else {
        let mut input_object = document.clone();
        if let Some(previous) = previous {
            let ids: Vec<&str> = match previous {
                Value::String(id) => vec![id.as_str()],
                Value::Array(items) if !items.is_empty() => items
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .ok_or_else(|| invalid("/previousProof", "expected strings"))
                    })
                    .collect::<Result<_, _>>()?,
                _ => {
                    return Err(invalid(
                        "/previousProof",
                        "expected a string or a non-empty array of strings",
                    ));
                }
            };
            let mut matching = Vec::with_capacity(ids.len());
            for id in ids {
                let found = all_proofs
                    .iter()
                    .find(|p| p.get("id").and_then(Value::as_str) == Some(id))
                    .ok_or_else(|| ProofError::PreviousProofNotFound(id.to_owned()))?;
                matching.push(Value::Object((*found).clone()));
            }
            input_object.insert("proof", Value::Array(matching));
        }

        // Step 4.2: the proof's @context then stands for the document's.
        if let Some(proof_context) = jcs_proof_context {
            input_object.insert("@context", proof_context.clone());
        }
        copy = Value::Object(input_object);
        &copy
    };
    let (message, rdf_vocab) =
        hash_data_with_vocab(cryptosuite, input, proof, &options.jsonld_limits)?;
    let vocab = vocab.or(rdf_vocab).unwrap_or_default();
    let method = resolver
        .resolve_verification_method(method_url)
        .map_err(ProofError::Resolve)?;
    let proof_purpose = options.expected_proof_purpose;
    if !method.allows(proof_purpose) {
        return Err(ProofError::NotAuthorized {
            method: method.id,
            purpose: purpose.into(),
        });
    }
    let input = SignatureInput {
        key: method.public_key,
        message,
        signature,
    };
    let text = |member: &str| proof.get(member).and_then(Value::as_str).map(str::to_owned);
    Ok((
        VerifiedProof {
            cryptosuite,
            method,
            proof_purpose,
            created: text("created"),
            expires: text("expires"),
            id: text("id"),
            vocab,
        },
        input,
    ))
}

fn check_domain_and_challenge(
    proof: &Object,
    options: &ProofCheckOptions,
) -> Result<(), ProofError> {
    if let Some(expected) = &options.expected_domain {
        let ok = match proof.get("domain") {
            Some(Value::String(d)) => d == expected,
            Some(Value::Array(ds)) => ds.iter().any(|d| d.as_str() == Some(expected)),
            _ => false,
        };
        if !ok {
            return Err(invalid(
                "/domain",
                format!("does not include the expected domain {expected:?}"),
            ));
        }
    }
    if let Some(expected) = &options.expected_challenge
        && proof.get("challenge").and_then(Value::as_str) != Some(expected.as_str())
    {
        return Err(invalid(
            "/challenge",
            format!("is not the expected challenge {expected:?}"),
        ));
    }
    Ok(())
}

/// How many entries a `@context` value has (an array's length, else one).
fn context_len(context: Option<&Value>) -> usize {
    match context {
        None => 0,
        Some(Value::Array(items)) => items.len(),
        Some(_) => 1,
    }
}

/// Whether the proof's `@context` lists, in order, the first entries of the document's.
fn is_context_prefix(proof_context: &Value, document_context: Option<&Value>) -> bool {
    let Some(document_context) = document_context else {
        return false;
    };
    fn as_list(v: &Value) -> &[Value] {
        match v {
            Value::Array(items) => items,
            other => std::slice::from_ref(other),
        }
    }
    let (p, d) = (as_list(proof_context), as_list(document_context));
    !p.is_empty() && p.len() <= d.len() && p.iter().zip(d.iter()).all(|(a, b)| a == b)
}

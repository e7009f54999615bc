//! Verifiable Presentations: a holder wraps credentials and signs them for one verifier
//! ([`present`]); the verifier checks the holder's proof, its `challenge` and `domain`, the
//! holder binding, and every credential inside with a nested report ([`verify_presentation`]).

use ler_model::Presentation;
use ler_model::date::{Instant, parse_date_time};
use ler_model::json::{Object, Value};

use ler_proof::di::{self, Cryptosuite, ProofError, SignError, VerifyError};
use ler_proof::hazmat;

use super::checks::{report_violations, verify_nested};
use super::session::FetchSession;
use super::{Input, Verification, VerifyOptions};
use ler_did::Signer;
use ler_did::{Relationship, ResolveError};
use ler_report::{CheckId, Finding, NestedReport, Outcome, Report};

use ler_model::context::{DATA_INTEGRITY_V2, VC_V1, VC_V2};

/// How a holder signs a presentation: the cryptosuite, and the verifier's `challenge` and
/// `domain`.
///
/// ```
/// # let signer = ler_proof::Ed25519Signer::did_key(ler_proof::Ed25519KeyPair::generate()?);
/// # let unsigned = ler_model::json::parse(format!(r#"{{"@context": ["https://www.w3.org/ns/credentials/v2"],
/// #   "type": ["VerifiableCredential"], "issuer": "{}", "credentialSubject": {{"id": "did:example:learner"}}}}"#,
/// #   signer.controller()).as_bytes())?;
/// # let credential = ler_proof::di::sign(&unsigned, &ler_proof::di::ProofOptions::new(ler_proof::di::Cryptosuite::EddsaJcs2022), &signer)?.to_string();
/// use ler_verify::{PresentationOptions, present};
///
/// let holder = ler_proof::Ed25519Signer::did_key(ler_proof::Ed25519KeyPair::generate()?);
/// let options = PresentationOptions::new(ler_proof::di::Cryptosuite::EddsaJcs2022)
///     .challenge("nonce-4711")
///     .domain("https://jobs.example")
///     .created("2026-06-01T09:00:00Z");
/// let presentation = present(&[ler_model::json::parse(credential.as_bytes())?], &holder, &options)?;
/// let proof = presentation.get("proof").expect("the holder's proof");
/// assert_eq!(proof.get("proofPurpose").and_then(|v| v.as_str()), Some("authentication"));
/// assert_eq!(proof.get("challenge").and_then(|v| v.as_str()), Some("nonce-4711"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PresentationOptions {
    cryptosuite: Cryptosuite,
    challenge: Option<String>,
    domain: Option<String>,
    created: Option<String>,
    holder: Option<String>,
    id: Option<String>,
}

impl PresentationOptions {
    /// Options for `cryptosuite`, without challenge, domain or `created`.
    pub fn new(cryptosuite: Cryptosuite) -> Self {
        Self {
            cryptosuite,
            challenge: None,
            domain: None,
            created: None,
            holder: None,
            id: None,
        }
    }

    /// The verifier's `challenge` (a nonce it sent), put in the proof.
    #[must_use]
    pub fn challenge(mut self, challenge: impl Into<String>) -> Self {
        self.challenge = Some(challenge.into());
        self
    }

    /// The verifier's `domain` (usually its origin), put in the proof.
    #[must_use]
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// The proof's `created`, an XML Schema dateTime (the library reads no clock).
    #[must_use]
    pub fn created(mut self, created: impl Into<String>) -> Self {
        self.created = Some(created.into());
        self
    }

    /// The `holder` (default: the signer's verification method without its fragment, which is
    /// its DID for `did:key` and `did:web`).
    #[must_use]
    pub fn holder(mut self, holder: impl Into<String>) -> Self {
        self.holder = Some(holder.into());
        self
    }

    /// The presentation's `id`.
    #[must_use]
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }
}

/// Why a presentation could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PresentError {
    /// No holder was given and the signer's verification method names none.
    #[error("no holder: give one, or sign with a verification method under the holder's DID")]
    NoHolder,
    /// A credential is not a JSON object.
    #[error("/verifiableCredential/{index}: a credential must be a JSON object")]
    CredentialNotAnObject {
        /// Its position.
        index: usize,
    },
    /// Signing failed.
    #[error(transparent)]
    Sign(#[from] SignError),
}

/// Wraps `credentials` (kept exactly as given) in a `VerifiablePresentation` and signs it with
/// proof purpose `authentication`, the options' `challenge` and `domain`.
///
/// The presentation uses the VC 2.0 context, or the VC 1.1 one (with the Data Integrity context)
/// when every credential is a 1.1 credential: the 2.0 context protects terms a 1.1 credential's
/// context redefines, which JSON-LD processing refuses.
///
/// A learner presents two LERs to an employer, who checks them ([`verify_presentation`]):
///
/// ```
/// use ler_proof::di::Cryptosuite;
/// use ler_proof::{Ed25519KeyPair, Ed25519Signer, di};
/// use ler_verify::{PresentationOptions, VerifyOptions};
/// use ler_verify::{present, verify_presentation};
///
/// // An issuer signs two LERs for a learner.
/// let issuer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[1; 32]));
/// let holder_key = Ed25519KeyPair::from_seed(&[2; 32]);
/// let learner = holder_key.public_key().did_key();
/// let issuer_did = Ed25519KeyPair::from_seed(&[1; 32]).public_key().did_key();
/// let credentials = ["Welding", "First aid"].map(|skill| {
///     let text = format!(r#"{{
///         "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
///         "type": ["VerifiableCredential"],
///         "issuer": "{issuer_did}",
///         "credentialSubject": {{"id": "{learner}", "skill": "{skill}"}}
///     }}"#);
///     let unsigned = ler_model::json::parse(text.as_bytes()).unwrap();
///     let options = di::ProofOptions::new(Cryptosuite::EddsaRdfc2022).created("2025-01-01T00:00:00Z");
///     di::sign(&unsigned, &options, &issuer).unwrap()
/// });
///
/// // The employer sends a challenge; the learner presents both LERs, signed with their key.
/// let holder = Ed25519Signer::did_key(holder_key);
/// let options = PresentationOptions::new(Cryptosuite::EddsaRdfc2022)
///     .challenge("c0ffee-1234")
///     .domain("https://jobs.example.com")
///     .created("2025-06-01T09:00:00Z");
/// let presentation = present(&credentials, &holder, &options)?;
///
/// // The employer checks the presentation, its challenge and domain, and both credentials.
/// let verifier = VerifyOptions::default()
///     .at(ler_model::date::parse_date_time_stamp("2025-06-01T09:01:00Z")?)
///     .challenge("c0ffee-1234")
///     .domain("https://jobs.example.com")
///     .holder_binding(true);
/// let verification = verify_presentation(presentation.to_string().as_bytes(), &verifier);
/// assert!(verification.report().is_verified(), "{}", verification.report().to_json());
/// assert_eq!(verification.report().nested.len(), 2);
///
/// // The same presentation replayed to a verifier that sent another challenge fails.
/// let replayed = verify_presentation(
///     presentation.to_string().as_bytes(),
///     &VerifyOptions::default().challenge("another-challenge"),
/// );
/// assert_eq!(replayed.report().failing_ids(), ["presentation.challenge"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn present(
    credentials: &[Value],
    signer: &dyn Signer,
    options: &PresentationOptions,
) -> Result<Value, PresentError> {
    let holder = match &options.holder {
        Some(holder) => holder.clone(),
        None => signer
            .verification_method()
            .split('#')
            .next()
            .filter(|h| !h.is_empty())
            .ok_or(PresentError::NoHolder)?
            .to_owned(),
    };
    for (index, credential) in credentials.iter().enumerate() {
        if credential.as_object().is_none() {
            return Err(PresentError::CredentialNotAnObject { index });
        }
    }
    let all_v1 =
        !credentials.is_empty() && credentials.iter().all(|c| first_context(c) == Some(VC_V1));
    let mut document = Object::new();
    // VC 1.1's context does not define Data Integrity proofs; 2.0's does.
    let context = if all_v1 {
        vec![VC_V1, DATA_INTEGRITY_V2]
    } else {
        vec![VC_V2]
    };
    document.insert("@context", context);
    if let Some(id) = &options.id {
        document.insert("id", id.as_str());
    }
    document.insert("type", vec!["VerifiablePresentation"]);
    document.insert("holder", holder);
    document.insert("verifiableCredential", Value::Array(credentials.to_vec()));
    let mut proof = di::ProofOptions::new(options.cryptosuite)
        .proof_purpose(Relationship::Authentication.name());
    if let Some(created) = &options.created {
        proof = proof.created(created.as_str());
    }
    if let Some(domain) = &options.domain {
        proof = proof.domain(domain.as_str());
    }
    if let Some(challenge) = &options.challenge {
        proof = proof.challenge(challenge.as_str());
    }
    Ok(di::sign(&Value::Object(document), &proof, signer)?)
}

fn first_context(credential: &Value) -> Option<&str> {
    match credential.get("@context")? {
        Value::Array(items) => items.first()?.as_str(),
        other => other.as_str(),
    }
}

/// Verifies a presentation (best given as bytes), and refuses a credential (`model.structure`): its structure, the holder's proof
/// (`presentation.proof`: purpose `authentication`, a key the holder controls), the
/// `challenge` and `domain` the verifier expects ([`VerifyOptions::challenge`], required
/// unless [`VerifyOptions::allow_no_challenge`]; [`VerifyOptions::domain`]), the optional holder
/// binding, and every credential it carries
/// with all the credential checks, each in a nested report (`nested.credential`). An unsigned
/// presentation fails `presentation.proof`: it is never `verified`.
///
/// ```
/// # let signer = ler_proof::Ed25519Signer::did_key(ler_proof::Ed25519KeyPair::generate()?);
/// # let unsigned = ler_model::json::parse(format!(r#"{{"@context": ["https://www.w3.org/ns/credentials/v2"],
/// #   "type": ["VerifiableCredential"], "issuer": "{}", "credentialSubject": {{"id": "did:example:learner"}}}}"#,
/// #   signer.controller()).as_bytes())?;
/// # let credential = ler_proof::di::sign(&unsigned, &ler_proof::di::ProofOptions::new(ler_proof::di::Cryptosuite::EddsaJcs2022), &signer)?.to_string();
/// use ler_verify::{CheckId, PresentationOptions, Verdict, VerifyOptions, present, verify_presentation};
///
/// let holder = ler_proof::Ed25519Signer::did_key(ler_proof::Ed25519KeyPair::generate()?);
/// let options = PresentationOptions::new(ler_proof::di::Cryptosuite::EddsaRdfc2022)
///     .challenge("nonce-4711")
///     .domain("https://jobs.example");
/// let credential = ler_model::json::parse(credential.as_bytes())?;
/// let presentation = present(&[credential], &holder, &options)?.to_string();
///
/// let expected = VerifyOptions::default().challenge("nonce-4711").domain("https://jobs.example");
/// let verification = verify_presentation(presentation.as_bytes(), &expected);
/// assert_eq!(verification.report().verdict, Verdict::Verified);
///
/// // Replayed to a verifier that sent another challenge, it fails.
/// let other = VerifyOptions::default().challenge("nonce-0815").domain("https://jobs.example");
/// let report = verify_presentation(presentation.as_bytes(), &other).into_parts().0;
/// assert_eq!(report.failing_ids(), [CheckId::PRESENTATION_CHALLENGE]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_presentation<'a>(
    input: impl Into<Input<'a>>,
    options: &VerifyOptions,
) -> Verification<Presentation> {
    match input.into().into_value(options) {
        Ok(value) => verify_presentation_value(value, options),
        Err(report) => Verification::new(report, None),
    }
}

/// [`verify_presentation`] of a parsed document.
pub(crate) fn verify_presentation_value(
    value: Value,
    options: &VerifyOptions,
) -> Verification<Presentation> {
    let kind = value.kind();
    let Ok(presentation) = Presentation::from_value(value) else {
        let report = Report::new(
            vec![Finding::new(
                CheckId::MODEL_STRUCTURE,
                Outcome::Fail,
                format!("a presentation is a JSON object, not {kind}"),
            )],
            Vec::new(),
        );
        return Verification::new(report, None);
    };
    let now = options.now();
    let mut out = Vec::new();
    structure(&presentation, options.strict, &mut out);
    let holder = presentation.holder().map(str::to_owned);
    let presenter = proofs(&presentation, holder.as_deref(), options, now, &mut out);
    challenge_and_domain(presentation.as_object(), options, &mut out);
    holder_binding(
        presentation.as_object(),
        holder.as_deref().or(presenter.as_deref()),
        options,
        &mut out,
    );
    let nested = credentials(presentation.as_object(), options, now, &mut out);
    let report = Report::new(out, nested);
    Verification::new(report, Some(presentation))
}

/// `model.structure` for the presentation itself: violations inside a carried credential are
/// reported in that credential's nested report instead.
fn structure(presentation: &Presentation, strict: bool, out: &mut Vec<Finding>) {
    let violations: Vec<_> = presentation
        .validate()
        .into_iter()
        .filter(|v| {
            v.rule.id().starts_with("vp.")
                || !v.pointer.as_str().starts_with("/verifiableCredential/")
        })
        .collect();
    report_violations(&violations, strict, "presentation", out);
}

/// `presentation.proof`: every proof verifies with purpose `authentication`, under an accepted
/// cryptosuite, with a key the holder controls, was not created in the future and has not
/// expired. `holder` is optional (VCDM 2.0): without it the presenter is the controller of the
/// signing key (every proof's key must then have the same controller). Returns the presenter:
/// the holder, or that controller, once a proof passed.
fn proofs(
    presentation: &Presentation,
    holder: Option<&str>,
    options: &VerifyOptions,
    now: Option<Instant>,
    out: &mut Vec<Finding>,
) -> Option<String> {
    let mut presenter: Option<String> = None;
    let mut di_options = hazmat::ProofCheckOptions::default();
    di_options.expected_proof_purpose = Relationship::Authentication;
    di_options.max_proofs = options.max_proofs;
    // The domain and challenge are checked below, each under its own id.
    di_options.expected_domain = None;
    di_options.expected_challenge = None;
    di_options.jsonld_limits = options.limits.jsonld;
    let document = Value::Object(presentation.as_object().clone());
    let verification =
        match hazmat::verify_proofs(&document, options.resolver.as_ref(), &di_options) {
            Ok(verification) => verification,
            Err(VerifyError::NoProof) => {
                out.push(
                    Finding::new(
                        CheckId::PRESENTATION_PROOF,
                        Outcome::Fail,
                        "the presentation is not signed: nothing shows the holder presented it",
                    )
                    .at("/proof"),
                );
                return None;
            }
            Err(error) => {
                out.push(
                    Finding::new(
                        CheckId::PRESENTATION_PROOF,
                        Outcome::Fail,
                        error.to_string(),
                    )
                    .at("/proof"),
                );
                return None;
            }
        };
    for proof in &verification.proofs {
        let at = proof.pointer.as_str();
        let verified = match &proof.result {
            Ok(verified) => verified,
            Err(error) => {
                let outcome = match error {
                    ProofError::Resolve(
                        ResolveError::NotFound { .. }
                        | ResolveError::UnsupportedMethod { .. }
                        | ResolveError::Transport { .. },
                    ) => Outcome::Indeterminate,
                    _ => Outcome::Fail,
                };
                out.push(
                    Finding::new(CheckId::PRESENTATION_PROOF, outcome, error.to_string()).at(at),
                );
                continue;
            }
        };
        let method = &verified.method;
        let fail = |message: String| {
            Finding::new(CheckId::PRESENTATION_PROOF, Outcome::Fail, message).at(at)
        };
        if !options
            .accepted_cryptosuites
            .contains(&verified.cryptosuite)
        {
            out.push(fail(format!(
                "{} is not accepted",
                verified.cryptosuite.name()
            )));
            continue;
        }
        let method_did = method.id.split('#').next().unwrap_or_default();
        // Without `holder`, the presenter is the controller of the key: the key must still be
        // its controller's own, and one presenter must have made every proof.
        let (expected, whose) = match (holder, presenter.as_deref()) {
            (Some(holder), _) => (holder.to_owned(), "the holder"),
            (None, Some(first)) => (first.to_owned(), "the presenter"),
            (None, None) => (method.controller.clone(), "the presenter"),
        };
        if method.controller != expected || method_did != expected {
            out.push(fail(format!(
                "the signing key {} is controlled by {}, not {whose} {expected}",
                method.id, method.controller
            )));
            continue;
        }
        if let Some(problem) = timing_problem(verified, options, now) {
            out.push(fail(problem));
            continue;
        }
        if let Some(problem) = method.time_problem(now) {
            let outcome = match problem {
                ler_did::MethodTimeProblem::NoClock { .. } => Outcome::Indeterminate,
                _ => Outcome::Fail,
            };
            out.push(
                Finding::new(
                    CheckId::PRESENTATION_PROOF,
                    outcome,
                    format!("{}: {problem}", method.id),
                )
                .at(at),
            );
            continue;
        }
        let message = if holder.is_some() {
            format!(
                "{} proof for authentication by the holder's key {}",
                verified.cryptosuite.name(),
                method.id
            )
        } else {
            format!(
                "{} proof for authentication by {}; no holder is named, so the presenter is the \
                 key's controller {}",
                verified.cryptosuite.name(),
                method.id,
                method.controller
            )
        };
        presenter.get_or_insert(expected);
        out.push(Finding::new(CheckId::PRESENTATION_PROOF, Outcome::Pass, message).at(at));
    }
    presenter
}

/// Why a verified proof's `created` or `expires` rules it out, if they do: unreadable, created
/// in the future (beyond the tolerance), or expired. Without a clock only readability is checked.
fn timing_problem(
    verified: &hazmat::VerifiedProof,
    options: &VerifyOptions,
    now: Option<Instant>,
) -> Option<String> {
    let created = match verified.created.as_deref().map(|t| (t, parse_date_time(t))) {
        Some((text, Err(e))) => return Some(format!("created {text:?}: {e}")),
        Some((text, Ok((instant, _)))) => Some((text, instant)),
        None => None,
    };
    let expires = match verified.expires.as_deref().map(|t| (t, parse_date_time(t))) {
        Some((text, Err(e))) => return Some(format!("expires {text:?}: {e}")),
        Some((text, Ok((instant, _)))) => Some((text, instant)),
        None => None,
    };
    let now = now?;
    let latest = Instant {
        seconds: now
            .seconds
            .saturating_add(options.created_tolerance_seconds),
        nanos: now.nanos,
    };
    if let Some((text, instant)) = created
        && instant > latest
    {
        return Some(format!("created {text} is in the future"));
    }
    if let Some((text, instant)) = expires
        && instant < now
    {
        return Some(format!("the proof expired at {text}"));
    }
    None
}

/// The proof objects with their pointers.
fn proof_objects(object: &Object) -> Vec<(String, &Object)> {
    match object.get("proof") {
        Some(Value::Object(proof)) => vec![("/proof".to_owned(), proof)],
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.as_object().map(|p| (format!("/proof/{i}"), p)))
            .collect(),
        _ => Vec::new(),
    }
}

/// `presentation.challenge` and `presentation.domain`: every proof carries what the verifier
/// expects. (The values are signed, so a verified proof cannot have had them changed.) A
/// verifier that expects no challenge fails `presentation.challenge` unless it opted out
/// ([`VerifyOptions::allow_no_challenge`], then a `warn`): a forgotten option must not accept a
/// replay.
fn challenge_and_domain(object: &Object, options: &VerifyOptions, out: &mut Vec<Finding>) {
    let proofs = proof_objects(object);
    let checks: [(CheckId, &str, Option<&String>); 2] = [
        (
            CheckId::PRESENTATION_CHALLENGE,
            "challenge",
            options.challenge.as_ref(),
        ),
        (
            CheckId::PRESENTATION_DOMAIN,
            "domain",
            options.domain.as_ref(),
        ),
    ];
    for (id, member, expected) in checks {
        let Some(expected) = expected else {
            out.push(match member {
                "challenge" if options.allow_no_challenge => Finding::new(
                    id,
                    Outcome::Warn,
                    "no challenge expected: replays are not detected",
                ),
                "challenge" => Finding::new(
                    id,
                    Outcome::Fail,
                    "no challenge expected: give the challenge sent to the holder (or allow \
                     verifying without one, and so accepting replays)",
                ),
                _ => Finding::new(
                    id,
                    Outcome::Skipped,
                    format!("the verifier expects no {member}"),
                ),
            });
            continue;
        };
        if proofs.is_empty() {
            out.push(
                Finding::new(
                    id,
                    Outcome::Fail,
                    format!("no proof carries the expected {member} {expected:?}"),
                )
                .at("/proof"),
            );
            continue;
        }
        for (pointer, proof) in &proofs {
            let found = proof.get(member);
            let matches = match found {
                Some(Value::String(value)) => value == expected,
                // A domain may list several values.
                Some(Value::Array(values)) if member == "domain" => {
                    values.iter().any(|v| v.as_str() == Some(expected.as_str()))
                }
                _ => false,
            };
            let check = if matches {
                Finding::new(id, Outcome::Pass, format!("{member} {expected:?}"))
            } else if let Some(found) = found {
                Finding::new(
                    id,
                    Outcome::Fail,
                    format!("{member} is {found}, not the expected {expected:?}"),
                )
            } else {
                Finding::new(
                    id,
                    Outcome::Fail,
                    format!("no {member}; expected {expected:?}"),
                )
            };
            out.push(check.at(format!("{pointer}/{member}")));
        }
    }
}

/// The `verifiableCredential` entries with their pointers.
fn credential_entries(object: &Object) -> Vec<(String, &Value)> {
    match object.get("verifiableCredential") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("/verifiableCredential/{i}"), v))
            .collect(),
        Some(single) => vec![("/verifiableCredential".to_owned(), single)],
    }
}

/// `presentation.holder-binding`: when required, the presenter (the holder, or without one the
/// controller of the key that signed the presentation) is a subject of every credential.
fn holder_binding(
    object: &Object,
    holder: Option<&str>,
    options: &VerifyOptions,
    out: &mut Vec<Finding>,
) {
    if !options.holder_binding {
        out.push(Finding::new(
            CheckId::PRESENTATION_HOLDER_BINDING,
            Outcome::Skipped,
            "holder binding not required",
        ));
        return;
    }
    let Some(holder) = holder else {
        out.push(
            Finding::new(
                CheckId::PRESENTATION_HOLDER_BINDING,
                Outcome::Fail,
                "no holder is named and no proof identifies the presenter",
            )
            .at("/proof"),
        );
        return;
    };
    let mut failed = false;
    let entries = credential_entries(object);
    for (pointer, credential) in &entries {
        let subjects: &[Value] = match credential.get("credentialSubject") {
            Some(Value::Array(items)) => items,
            Some(single) => std::slice::from_ref(single),
            None => &[],
        };
        let bound = subjects
            .iter()
            .any(|s| s.get("id").and_then(Value::as_str) == Some(holder));
        if !bound {
            failed = true;
            out.push(
                Finding::new(
                    CheckId::PRESENTATION_HOLDER_BINDING,
                    Outcome::Fail,
                    format!("the holder {holder} is not a subject (credentialSubject.id) of this credential"),
                )
                .at(format!("{pointer}/credentialSubject")),
            );
        }
    }
    if !failed {
        out.push(Finding::new(
            CheckId::PRESENTATION_HOLDER_BINDING,
            Outcome::Pass,
            format!(
                "the holder is the subject of all {} credential(s)",
                entries.len()
            ),
        ));
    }
}

/// Every carried credential, verified with all the credential checks into a nested report.
fn credentials(
    object: &Object,
    options: &VerifyOptions,
    now: Option<Instant>,
    out: &mut Vec<Finding>,
) -> Vec<NestedReport> {
    let mut budget = options.max_nested_credentials;
    // One fetch budget and deadline for every credential the presentation carries.
    let session = FetchSession::new(options.limits.fetch);
    let mut reports = Vec::new();
    for (pointer, entry) in credential_entries(object) {
        let Some(credential) = entry.as_object() else {
            out.push(
                Finding::new(
                    CheckId::NESTED_CREDENTIAL,
                    Outcome::Fail,
                    "not a credential object (enveloped credentials are not supported)",
                )
                .at(pointer),
            );
            continue;
        };
        reports.extend(verify_nested(
            credential,
            pointer,
            options,
            now,
            0,
            &mut budget,
            &session,
            out,
        ));
    }
    reports
}

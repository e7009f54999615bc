//! The built-in checks, in the order they run.

use base64::Engine;
use ler_model::date::{Instant, parse_date_time};
use ler_model::json::{Object, Value};
use ler_model::{Credential, CredentialRef, Spec, Violation};
use ler_proof::hazmat;
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::session::FetchSession;
use super::{CheckContext, VerifyOptions, issuer_id};
use ler_did::ResolveError;
use ler_proof::di::{ProofError, VerifyError};
use ler_report::{CheckId, Finding, NestedReport, Outcome, Report};

/// At most this many `model.structure` failures are listed one by one.
const MAX_LISTED_VIOLATIONS: usize = 32;
/// At most this many `relatedResource` entries are checked.
const MAX_RELATED_RESOURCES: usize = 64;

/// The proof outcomes of a document, when already computed (batch verification checks the
/// signatures of many documents together).
pub(super) type ProofResults = Result<hazmat::ProofVerification, VerifyError>;

pub(super) fn verify_credential(
    credential: &Credential,
    options: &VerifyOptions,
    now: Option<Instant>,
    depth: usize,
    budget: &mut usize,
    session: &FetchSession,
    proof_results: Option<ProofResults>,
) -> Report {
    let object = credential.as_object();
    let mut out = Vec::with_capacity(USUAL_FINDINGS);
    structure(credential, options, &mut out);
    let issuer = issuer_id(object);
    let proof_results = proof_results
        .unwrap_or_else(|| run_proofs_in_place(&mut Value::Object(object.clone()), options));
    let proof_checks_from = out.len();
    let vocab_terms = proofs(proof_results, issuer, options, now, &mut out);
    // Nothing remote is fetched for a document whose proofs, proof times and key binding did
    // not all hold: unauthenticated input must not drive network work.
    let authenticated = vocab_terms.is_some()
        && out[proof_checks_from..]
            .iter()
            .all(|c| matches!(c.outcome, Outcome::Pass | Outcome::Warn | Outcome::Skipped));
    trusted(issuer, options, now, &mut out);
    validity(credential.view(), now, &mut out);
    vocab(vocab_terms, &mut out);
    related_resources(object, options, &mut out);
    let context = CheckContext {
        at: now,
        pointer: "",
        strict: options.strict,
    };
    let claims_revocation = options
        .checks
        .iter()
        .any(|c| c.ids().contains(&CheckId::STATUS_REVOCATION));
    if !claims_revocation {
        super::status::run(object, options, now, session, authenticated, &mut out);
    }
    for check in &options.checks {
        out.extend(check.run(credential, &context));
    }
    let nested = nested(object, options, now, depth, budget, session, &mut out);
    Report::new(out, nested)
}

/// Findings a credential with one proof and no extra checks gets (thirteen), plus one: room
/// for them from the start, in a block small enough (72 bytes each) for the allocator's
/// per-thread cache, instead of three reallocations as the report grows.
const USUAL_FINDINGS: usize = 14;

fn structure(credential: &Credential, options: &VerifyOptions, out: &mut Vec<Finding>) {
    report_violations(&credential.validate(), options.strict, "document", out);
}

/// The check id a profile's violations are reported under (`model.structure` for the VC Data
/// Model itself).
pub(crate) fn spec_check_id(spec: Spec) -> CheckId {
    match spec {
        Spec::OpenBadges3 => CheckId::PROFILE_OB3,
        Spec::Clr2 => CheckId::PROFILE_CLR2,
        Spec::Employment => CheckId::PROFILE_EMPLOYMENT,
        // `Spec` is non-exhaustive: a rule of a spec this crate does not know yet is treated as
        // structure, the stricter reading.
        _ => CheckId::MODEL_STRUCTURE,
    }
}

/// The outcome of a profile violation: a warning, or a failure under `strict`.
pub(crate) fn profile_outcome(strict: bool) -> Outcome {
    if strict { Outcome::Fail } else { Outcome::Warn }
}

/// Reports data model violations as `model.structure` failures (a `pass` when there are none)
/// and profile violations (Open Badges, CLR, employment) under their `profile.*` ids, as
/// warnings, or failures when `strict`. At most [`MAX_LISTED_VIOLATIONS`] per id are listed.
pub(crate) fn report_violations(
    violations: &[Violation],
    strict: bool,
    what: &str,
    out: &mut Vec<Finding>,
) {
    let mut groups: Vec<(CheckId, Vec<&Violation>)> = Vec::new();
    for v in violations {
        let id = spec_check_id(v.rule.spec());
        match groups.iter_mut().find(|(g, _)| *g == id) {
            Some((_, list)) => list.push(v),
            None => groups.push((id, vec![v])),
        }
    }
    // `model.structure` first, as it always was.
    groups.sort_by_key(|(id, _)| *id != CheckId::MODEL_STRUCTURE);
    if !groups.iter().any(|(id, _)| *id == CheckId::MODEL_STRUCTURE) {
        out.push(Finding::new(
            CheckId::MODEL_STRUCTURE,
            Outcome::Pass,
            ["the ", what, " follows the data model"].concat(),
        ));
    }
    for (id, list) in groups {
        let outcome = if id == CheckId::MODEL_STRUCTURE {
            Outcome::Fail
        } else {
            profile_outcome(strict)
        };
        for v in list.iter().take(MAX_LISTED_VIOLATIONS) {
            out.push(
                Finding::new(id, outcome, format!("{}: {}", v.rule.id(), v.message))
                    .at(v.pointer.as_str()),
            );
        }
        if list.len() > MAX_LISTED_VIOLATIONS {
            out.push(Finding::new(
                id,
                outcome,
                format!(
                    "{} more violations not listed",
                    list.len() - MAX_LISTED_VIOLATIONS
                ),
            ));
        }
    }
}

/// Runs every proof; returns the catch-all `@vocab` terms the JSON-LD processing found, or
/// `None` when no proof verified (so nothing was processed).
pub(super) fn di_options(options: &VerifyOptions) -> hazmat::ProofCheckOptions {
    let mut proof_options = hazmat::ProofCheckOptions::default();
    proof_options.expected_proof_purpose = options.expected_proof_purpose;
    proof_options.max_proofs = options.max_proofs;
    proof_options.jsonld_limits = options.limits.jsonld;
    proof_options
}

/// Runs every proof of a document the caller owns (not copied; the same after the call).
pub(super) fn run_proofs_in_place(document: &mut Value, options: &VerifyOptions) -> ProofResults {
    hazmat::verify_proofs_in_place(document, options.resolver.as_ref(), &di_options(options))
}

fn proofs(
    proof_results: ProofResults,
    issuer: Option<&str>,
    options: &VerifyOptions,
    now: Option<Instant>,
    out: &mut Vec<Finding>,
) -> Option<Vec<String>> {
    let verification = match proof_results {
        Ok(v) => v,
        Err(VerifyError::NoProof) => {
            out.push(
                Finding::new(
                    CheckId::PROOF_PRESENT,
                    Outcome::Fail,
                    "the credential is not signed",
                )
                .at("/proof"),
            );
            return None;
        }
        Err(error) => {
            out.push(
                Finding::new(CheckId::PROOF_PRESENT, Outcome::Fail, error.to_string()).at("/proof"),
            );
            return None;
        }
    };
    out.push(Finding::new(
        CheckId::PROOF_PRESENT,
        Outcome::Pass,
        format!("{} proof(s)", verification.proofs.len()),
    ));
    let mut vocab: Option<Vec<String>> = None;
    let first_binding = out.len();
    for proof in &verification.proofs {
        let at = proof.pointer.as_str();
        match &proof.result {
            Ok(verified) => {
                if options
                    .accepted_cryptosuites
                    .contains(&verified.cryptosuite)
                {
                    out.push(
                        Finding::new(
                            CheckId::PROOF_CRYPTOSUITE,
                            Outcome::Pass,
                            verified.cryptosuite.name(),
                        )
                        .at(at),
                    );
                } else {
                    out.push(
                        Finding::new(
                            CheckId::PROOF_CRYPTOSUITE,
                            Outcome::Fail,
                            format!("{} is not accepted", verified.cryptosuite.name()),
                        )
                        .at(at),
                    );
                    continue;
                }
                if verified.is_legacy() {
                    out.push(
                        Finding::new(
                            CheckId::PROOF_LEGACY,
                            Outcome::Warn,
                            "a legacy Ed25519Signature2020 proof: ask the issuer for a Data Integrity proof",
                        )
                        .at(at),
                    );
                }
                // A key its controller revoked, or that expired, no longer verifies anything.
                if let Some(problem) = verified.method.time_problem(now) {
                    let outcome = match problem {
                        ler_did::MethodTimeProblem::NoClock { .. } => Outcome::Indeterminate,
                        _ => Outcome::Fail,
                    };
                    out.push(
                        Finding::new(
                            CheckId::PROOF_SIGNATURE,
                            outcome,
                            format!("{}: {problem}", verified.method.id),
                        )
                        .at(at),
                    );
                    continue;
                }
                out.push(
                    Finding::new(
                        CheckId::PROOF_SIGNATURE,
                        Outcome::Pass,
                        ["signed by ", verified.method.id.as_str()].concat(),
                    )
                    .at(at),
                );
                out.push(
                    Finding::new(
                        CheckId::PROOF_PURPOSE,
                        Outcome::Pass,
                        verified.proof_purpose.name(),
                    )
                    .at(at),
                );
                created(verified.created.as_deref(), options, now, at, out);
                expires(verified.expires.as_deref(), now, at, out);
                key_binding(&verified.method, issuer, at, out);
                let terms = vocab.get_or_insert_with(Vec::new);
                for term in &verified.vocab.terms {
                    let name = format!("{} ({})", term.term, term.pointer);
                    if !terms.contains(&name) {
                        terms.push(name);
                    }
                }
            }
            Err(error) => out.push(proof_failure(error, at)),
        }
    }
    co_signatures(&mut out[first_binding..]);
    vocab
}

/// A proof set or chain may carry proofs by others besides the issuer's (a co-signer, a
/// notary: Data Integrity proof sets and chains). When a verified proof is by the issuer's key,
/// the `issuer.key-binding` failures of the other proofs become warnings: their signatures were
/// verified like any other (a failing one still fails `proof.signature`) and the issuer's own
/// proof binds the content. Without a proof by the issuer they stay failures.
fn co_signatures(results: &mut [Finding]) {
    let is_binding = |c: &Finding| c.id == CheckId::ISSUER_KEY_BINDING;
    let Some(issuer_proof) = results
        .iter()
        .find(|c| is_binding(c) && c.outcome == Outcome::Pass)
        .and_then(|c| c.pointer.clone())
    else {
        return;
    };
    let issuer_proof = issuer_proof
        .trim_end_matches("/verificationMethod")
        .to_owned();
    for check in results
        .iter_mut()
        .filter(|c| is_binding(c) && c.outcome == Outcome::Fail)
    {
        check.outcome = Outcome::Warn;
        check.message = format!(
            "{}: an additional proof, not the issuer's; the issuer's proof is {issuer_proof}",
            check.message
        );
    }
}

fn proof_failure(error: &ProofError, at: &str) -> Finding {
    if let ProofError::NonStandardForm { in_proof, source } = error {
        // Point at the refused form itself: in the document, or inside this proof.
        let pointer = if *in_proof {
            format!("{at}{}", source.pointer())
        } else {
            source.pointer().to_owned()
        };
        return Finding::new(
            CheckId::JSONLD_STANDARD_FORM,
            Outcome::Fail,
            error.to_string(),
        )
        .at(pointer);
    }
    let (id, outcome) = match error {
        ProofError::UnknownCryptosuite(_) | ProofError::UnsupportedProofType(_) => {
            (CheckId::PROOF_CRYPTOSUITE, Outcome::Fail)
        }
        ProofError::UnexpectedPurpose { .. } | ProofError::NotAuthorized { .. } => {
            (CheckId::PROOF_PURPOSE, Outcome::Fail)
        }
        ProofError::JsonLd(_) | ProofError::UnsignedContext { .. } => {
            (CheckId::JSONLD_TERMS, Outcome::Fail)
        }
        // The document was not examined: nothing says it is authentic, or that it is not.
        ProofError::JsonLdLimit(e) => {
            let pointer = if e.pointer().is_empty() { at } else { e.pointer() };
            return Finding::new(
                CheckId::LIMITS_EXCEEDED,
                Outcome::Indeterminate,
                format!("not examined: {error}"),
            )
            .at(pointer);
        }
        ProofError::CanonicalizeLimit(_) => (CheckId::LIMITS_EXCEEDED, Outcome::Indeterminate),
        ProofError::Resolve(
            ResolveError::NotFound { .. }
            | ResolveError::UnsupportedMethod { .. }
            // A DID document that could not be fetched (a timeout, a network error) says
            // nothing about the credential.
            | ResolveError::Transport { .. },
        ) => (CheckId::PROOF_SIGNATURE, Outcome::Indeterminate),
        _ => (CheckId::PROOF_SIGNATURE, Outcome::Fail),
    };
    Finding::new(id, outcome, error.to_string()).at(at)
}

fn created(
    created: Option<&str>,
    options: &VerifyOptions,
    now: Option<Instant>,
    at: &str,
    out: &mut Vec<Finding>,
) {
    let pointer = [at, "/created"].concat();
    let Some(created) = created else {
        out.push(Finding::new(CheckId::PROOF_CREATED, Outcome::Skipped, "no created").at(at));
        return;
    };
    let Some(now) = now else {
        out.push(
            Finding::new(CheckId::PROOF_CREATED, Outcome::Indeterminate, "no clock").at(pointer),
        );
        return;
    };
    let check = match parse_date_time(created) {
        Err(e) => Finding::new(
            CheckId::PROOF_CREATED,
            Outcome::Fail,
            format!("{created:?}: {e}"),
        ),
        Ok((instant, _)) => {
            let latest = Instant {
                seconds: now
                    .seconds
                    .saturating_add(options.created_tolerance_seconds),
                nanos: now.nanos,
            };
            if instant > latest {
                Finding::new(
                    CheckId::PROOF_CREATED,
                    Outcome::Fail,
                    format!("created {created} is in the future"),
                )
            } else {
                Finding::new(
                    CheckId::PROOF_CREATED,
                    Outcome::Pass,
                    ["created ", created].concat(),
                )
            }
        }
    };
    out.push(check.at(pointer));
}

fn expires(expires: Option<&str>, now: Option<Instant>, at: &str, out: &mut Vec<Finding>) {
    let Some(expires) = expires else { return };
    let pointer = [at, "/expires"].concat();
    let check = match (parse_date_time(expires), now) {
        (Err(e), _) => Finding::new(
            CheckId::PROOF_EXPIRES,
            Outcome::Fail,
            format!("{expires:?}: {e}"),
        ),
        (Ok(_), None) => Finding::new(CheckId::PROOF_EXPIRES, Outcome::Indeterminate, "no clock"),
        (Ok((instant, _)), Some(now)) if instant < now => Finding::new(
            CheckId::PROOF_EXPIRES,
            Outcome::Fail,
            format!("the proof expired at {expires}"),
        ),
        (Ok(_), Some(_)) => Finding::new(
            CheckId::PROOF_EXPIRES,
            Outcome::Pass,
            ["expires ", expires].concat(),
        ),
    };
    out.push(check.at(pointer));
}

fn key_binding(
    method: &ler_did::ResolvedMethod,
    issuer: Option<&str>,
    at: &str,
    out: &mut Vec<Finding>,
) {
    let pointer = [at, "/verificationMethod"].concat();
    let check = match issuer {
        None => Finding::new(
            CheckId::ISSUER_KEY_BINDING,
            Outcome::Fail,
            "the credential names no issuer id",
        ),
        Some(issuer) => {
            // The method must be the issuer's own: its controller is the issuer, and the method
            // id lies under the issuer's DID (for did:key, the DID is the issuer id).
            let method_did = method.id.split('#').next().unwrap_or_default();
            if method.controller == issuer && method_did == issuer {
                Finding::new(
                    CheckId::ISSUER_KEY_BINDING,
                    Outcome::Pass,
                    [method.id.as_str(), " is controlled by the issuer"].concat(),
                )
            } else {
                Finding::new(
                    CheckId::ISSUER_KEY_BINDING,
                    Outcome::Fail,
                    format!(
                        "the signing key {} is controlled by {}, not the issuer {issuer}",
                        method.id, method.controller
                    ),
                )
            }
        }
    };
    out.push(check.at(pointer));
}

fn trusted(
    issuer: Option<&str>,
    options: &VerifyOptions,
    now: Option<Instant>,
    out: &mut Vec<Finding>,
) {
    let Some(list) = &options.trust_list else {
        out.push(Finding::new(
            CheckId::ISSUER_TRUSTED,
            Outcome::Skipped,
            "no trusted-issuer list given",
        ));
        return;
    };
    let check = match issuer.and_then(|id| list.find(id)) {
        None => Finding::new(
            CheckId::ISSUER_TRUSTED,
            Outcome::Fail,
            format!(
                "the issuer {} is not on the trusted-issuer list",
                issuer.unwrap_or("(none)")
            ),
        ),
        Some(entry) => match now {
            None if entry.valid_from.is_some() || entry.valid_until.is_some() => {
                Finding::new(CheckId::ISSUER_TRUSTED, Outcome::Indeterminate, "no clock")
            }
            Some(now)
                if entry.valid_from.is_some_and(|f| now < f)
                    || entry.valid_until.is_some_and(|u| now > u) =>
            {
                Finding::new(
                    CheckId::ISSUER_TRUSTED,
                    Outcome::Fail,
                    format!(
                        "{} is trusted only outside the verification time",
                        entry.name
                    ),
                )
            }
            _ => Finding::new(
                CheckId::ISSUER_TRUSTED,
                Outcome::Pass,
                format!("trusted: {}", entry.name),
            ),
        },
    };
    out.push(check.at("/issuer"));
}

fn validity(view: CredentialRef<'_>, now: Option<Instant>, out: &mut Vec<Finding>) {
    let (from, until) = (view.valid_from(), view.valid_until());
    if from.is_none() && until.is_none() {
        out.push(Finding::new(
            CheckId::VALIDITY_WINDOW,
            Outcome::Pass,
            "no validity period",
        ));
        return;
    }
    let Some(now) = now else {
        out.push(Finding::new(
            CheckId::VALIDITY_WINDOW,
            Outcome::Indeterminate,
            "no clock",
        ));
        return;
    };
    let v11 = view.version() == Some(ler_model::VcVersion::V1_1);
    let (from_key, until_key) = if v11 && view.as_object().get("validFrom").is_none() {
        ("/issuanceDate", "/expirationDate")
    } else {
        ("/validFrom", "/validUntil")
    };
    let until_key = if view.as_object().get("validUntil").is_some() {
        "/validUntil"
    } else {
        until_key
    };
    let parse = |text: &str| parse_date_time(text).map(|(i, _)| i);
    if let Some(text) = from {
        match parse(text) {
            Err(e) => {
                out.push(
                    Finding::new(
                        CheckId::VALIDITY_WINDOW,
                        Outcome::Fail,
                        format!("{text:?}: {e}"),
                    )
                    .at(from_key),
                );
                return;
            }
            Ok(from) if now < from => {
                out.push(
                    Finding::new(
                        CheckId::VALIDITY_WINDOW,
                        Outcome::Fail,
                        format!("not valid before {text}"),
                    )
                    .at(from_key),
                );
                return;
            }
            Ok(_) => {}
        }
    }
    if let Some(text) = until {
        match parse(text) {
            Err(e) => {
                out.push(
                    Finding::new(
                        CheckId::VALIDITY_WINDOW,
                        Outcome::Fail,
                        format!("{text:?}: {e}"),
                    )
                    .at(until_key),
                );
                return;
            }
            Ok(until) if now > until => {
                out.push(
                    Finding::new(
                        CheckId::VALIDITY_WINDOW,
                        Outcome::Fail,
                        format!("expired at {text}"),
                    )
                    .at(until_key),
                );
                return;
            }
            Ok(_) => {}
        }
    }
    out.push(Finding::new(
        CheckId::VALIDITY_WINDOW,
        Outcome::Pass,
        "within its validity period",
    ));
}

fn vocab(terms: Option<Vec<String>>, out: &mut Vec<Finding>) {
    out.push(match terms {
        None => Finding::new(
            CheckId::JSONLD_VOCAB_CATCH_ALL,
            Outcome::Skipped,
            "no proof verified, so no JSON-LD was processed",
        ),
        Some(terms) if terms.is_empty() => Finding::new(
            CheckId::JSONLD_VOCAB_CATCH_ALL,
            Outcome::Pass,
            "every term is defined by a context",
        ),
        Some(terms) => Finding::new(
            CheckId::JSONLD_VOCAB_CATCH_ALL,
            Outcome::Warn,
            format!(
                "{} term(s) have only a catch-all @vocab meaning: {}",
                terms.len(),
                terms
                    .iter()
                    .take(10)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    });
}

fn related_resources(object: &Object, options: &VerifyOptions, out: &mut Vec<Finding>) {
    let entries: Vec<(String, &Value)> = match object.get("relatedResource") {
        None => {
            out.push(Finding::new(
                CheckId::RELATED_RESOURCE_DIGEST,
                Outcome::Skipped,
                "no relatedResource",
            ));
            return;
        }
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("/relatedResource/{i}"), v))
            .collect(),
        Some(other) => vec![("/relatedResource".to_owned(), other)],
    };
    for (pointer, entry) in entries.into_iter().take(MAX_RELATED_RESOURCES) {
        out.push(related_resource(entry, options).at(pointer));
    }
}

fn related_resource(entry: &Value, options: &VerifyOptions) -> Finding {
    let fail = |m: String| Finding::new(CheckId::RELATED_RESOURCE_DIGEST, Outcome::Fail, m);
    let Some(entry) = entry.as_object() else {
        return fail("a relatedResource entry must be an object".into());
    };
    let Some(url) = entry.get("id").and_then(Value::as_str) else {
        return fail("a relatedResource entry needs an id".into());
    };
    let sri = entry.get("digestSRI").and_then(Value::as_str);
    let multibase = entry.get("digestMultibase").and_then(Value::as_str);
    if sri.is_none() && multibase.is_none() {
        return fail(format!("{url}: no digestSRI or digestMultibase"));
    }
    let Some(bytes) = options.resources.as_ref().and_then(|r| r.bytes(url)) else {
        return Finding::new(
            CheckId::RELATED_RESOURCE_DIGEST,
            Outcome::Skipped,
            format!("{url}: the resource's bytes are not available"),
        );
    };
    if let Some(sri) = sri {
        for item in sri.split_ascii_whitespace() {
            match sri_matches(item, &bytes) {
                Some(true) => {}
                Some(false) => return mismatch(url, format!("digestSRI {item}")),
                None => return fail(format!("{url}: digestSRI {item} is not understood")),
            }
        }
    }
    if let Some(mb) = multibase {
        match multibase_matches(mb, &bytes) {
            Some(true) => {}
            Some(false) => return mismatch(url, "digestMultibase".to_owned()),
            None => return fail(format!("{url}: digestMultibase {mb} is not understood")),
        }
    }
    Finding::new(
        CheckId::RELATED_RESOURCE_DIGEST,
        Outcome::Pass,
        format!("{url}: digest matches"),
    )
}

/// A digest that does not match the bytes: for a JSON-LD context this verifier pins, a warning
/// (the document's meaning comes from the pinned copy, whatever bytes the issuer hashed: the
/// issuer may have hashed another serialization of it); for any other resource a failure.
fn mismatch(url: &str, which: String) -> Finding {
    if ler_jsonld::ContextRegistry::shared().contains_context(url) {
        Finding::new(
            CheckId::RELATED_RESOURCE_DIGEST,
            Outcome::Warn,
            format!(
                "{url}: {which} does not match the pinned copy of this context, which gives the \
                 document its meaning"
            ),
        )
    } else {
        Finding::new(
            CheckId::RELATED_RESOURCE_DIGEST,
            Outcome::Fail,
            format!("{url}: {which} does not match"),
        )
    }
}

fn sri_matches(item: &str, bytes: &[u8]) -> Option<bool> {
    let (algorithm, encoded) = item.split_once('-')?;
    // SRI allows `?options` after the digest.
    let encoded = encoded.split('?').next().unwrap_or_default();
    let expected = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    let actual: Vec<u8> = match algorithm {
        "sha256" => Sha256::digest(bytes).to_vec(),
        "sha384" => Sha384::digest(bytes).to_vec(),
        "sha512" => Sha512::digest(bytes).to_vec(),
        _ => return None,
    };
    Some(expected == actual)
}

fn multibase_matches(text: &str, bytes: &[u8]) -> Option<bool> {
    let mut chars = text.chars();
    let decoded = match chars.next()? {
        'u' => base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(chars.as_str())
            .ok()?,
        'z' => bs58::decode(chars.as_str()).into_vec().ok()?,
        _ => return None,
    };
    // A multihash: code, length, digest (single-byte varints for these codes).
    let (code, rest) = decoded.split_first()?;
    let (length, digest) = rest.split_first()?;
    if usize::from(*length) != digest.len() {
        return Some(false);
    }
    let actual: Vec<u8> = match code {
        0x12 => Sha256::digest(bytes).to_vec(),
        0x20 => Sha384::digest(bytes).to_vec(),
        0x13 => Sha512::digest(bytes).to_vec(),
        _ => return None,
    };
    Some(digest == actual.as_slice())
}

/// The credentials nested in this one: a CLR's `credentialSubject.verifiableCredential[]` and
/// Open Badges endorsements on the credential, its issuer, its achievements and their creators.
fn nested_locations(object: &Object) -> Vec<(String, &Object)> {
    /// The entries of a one-or-many member, each with its index when the member is an array.
    fn entries(v: Option<&Value>) -> impl Iterator<Item = (Option<usize>, &Value)> {
        let (items, single) = match v {
            Some(Value::Array(items)) => (items.as_slice(), None),
            other => (&[][..], other),
        };
        let items = items.iter().enumerate().map(|(i, v)| (Some(i), v));
        items.chain(single.map(|v| (None, v)))
    }
    /// The pointer of entry `index` of member `key` under `base`. Written only for what is
    /// found, so a credential with nothing nested costs no string here.
    fn at(base: &str, key: &str, index: Option<usize>) -> String {
        match index {
            Some(i) => format!("{base}/{key}/{i}"),
            None => format!("{base}/{key}"),
        }
    }
    fn endorsements<'a>(o: &'a Object, base: &str, found: &mut Vec<(String, &'a Object)>) {
        for (i, v) in entries(o.get("endorsement")) {
            if let Some(e) = v.as_object() {
                found.push((at(base, "endorsement", i), e));
            }
        }
    }
    let mut found = Vec::new();
    endorsements(object, "", &mut found);
    if let Some(issuer) = object.get("issuer").and_then(Value::as_object) {
        endorsements(issuer, "/issuer", &mut found);
    }
    for (si, subject) in entries(object.get("credentialSubject")) {
        let Some(subject) = subject.as_object() else {
            continue;
        };
        let subject_at = || at("", "credentialSubject", si);
        for (i, v) in entries(subject.get("verifiableCredential")) {
            if let Some(c) = v.as_object() {
                found.push((at(&subject_at(), "verifiableCredential", i), c));
            }
        }
        for (ai, a) in entries(subject.get("achievement")) {
            let Some(a) = a.as_object() else { continue };
            let creator = a.get("creator").and_then(Value::as_object);
            if !a.contains_key("endorsement")
                && !creator.is_some_and(|c| c.contains_key("endorsement"))
            {
                continue;
            }
            let achievement_at = at(&subject_at(), "achievement", ai);
            endorsements(a, &achievement_at, &mut found);
            if let Some(creator) = creator {
                endorsements(creator, &format!("{achievement_at}/creator"), &mut found);
            }
        }
    }
    found
}

fn nested(
    object: &Object,
    options: &VerifyOptions,
    now: Option<Instant>,
    depth: usize,
    budget: &mut usize,
    session: &FetchSession,
    out: &mut Vec<Finding>,
) -> Vec<NestedReport> {
    nested_locations(object)
        .into_iter()
        .filter_map(|(pointer, inner)| {
            verify_nested(inner, pointer, options, now, depth, budget, session, out)
        })
        .collect()
}

/// Verifies a credential carried at `pointer` (in a CLR, an endorsement or a presentation) with
/// every check into a nested report, and reports its verdict as a `nested.credential` check.
/// Beyond `max_nesting_depth` or the document's budget it is not verified: `indeterminate`.
// The per-verification state (depth, nested budget, fetch session) travels as arguments so
// that presentations and credentials share one path.
#[allow(clippy::too_many_arguments)]
pub(crate) fn verify_nested(
    inner: &Object,
    pointer: String,
    options: &VerifyOptions,
    now: Option<Instant>,
    depth: usize,
    budget: &mut usize,
    session: &FetchSession,
    out: &mut Vec<Finding>,
) -> Option<NestedReport> {
    if depth >= options.max_nesting_depth || *budget == 0 {
        out.push(
            Finding::new(
                CheckId::NESTED_CREDENTIAL,
                Outcome::Indeterminate,
                "not verified: beyond the nesting limits",
            )
            .at(pointer),
        );
        return None;
    }
    *budget -= 1;
    // The one copy of the nested credential: its proofs run on it before it becomes a
    // `Credential`, as in `verify`.
    let mut document = Value::Object(inner.clone());
    let proof_results = run_proofs_in_place(&mut document, options);
    let credential = match document {
        Value::Object(object) => Credential::from_object(object),
        _ => Credential::from_object(Object::new()), // not reached: built as an object above
    };
    let report = verify_credential(
        &credential,
        options,
        now,
        depth + 1,
        budget,
        session,
        Some(proof_results),
    );
    let (outcome, message) = match report.verdict {
        super::Verdict::Verified => (Outcome::Pass, "the nested credential verified".to_owned()),
        super::Verdict::Invalid => (
            Outcome::Fail,
            format!(
                "the nested credential is invalid: {}",
                report
                    .failing_ids()
                    .iter()
                    .map(|id| id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        super::Verdict::Indeterminate => (
            Outcome::Indeterminate,
            "the nested credential could not be fully verified".to_owned(),
        ),
    };
    out.push(Finding::new(CheckId::NESTED_CREDENTIAL, outcome, message).at(pointer.clone()));
    Some(NestedReport::new(pointer, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_locations_name_every_place_a_nested_credential_can_sit() {
        let document = ler_model::json::parse(
            br#"{
                "endorsement": {"id": "e0"},
                "issuer": {"endorsement": [{"id": "e1"}, "not an object", {"id": "e2"}]},
                "credentialSubject": [
                    {"id": "s0", "achievement": {"id": "a0"}},
                    {
                        "verifiableCredential": [{"id": "c0"}],
                        "achievement": [
                            {"id": "a1"},
                            {"endorsement": {"id": "e3"}, "creator": {"endorsement": [{"id": "e4"}]}}
                        ]
                    }
                ]
            }"#,
        )
        .unwrap();
        let found: Vec<(String, &str)> = nested_locations(document.as_object().unwrap())
            .into_iter()
            .map(|(pointer, object)| (pointer, object.get("id").and_then(Value::as_str).unwrap()))
            .collect();
        let expected = [
            ("/endorsement", "e0"),
            ("/issuer/endorsement/0", "e1"),
            ("/issuer/endorsement/2", "e2"),
            ("/credentialSubject/1/verifiableCredential/0", "c0"),
            ("/credentialSubject/1/achievement/1/endorsement", "e3"),
            (
                "/credentialSubject/1/achievement/1/creator/endorsement/0",
                "e4",
            ),
        ];
        let expected: Vec<(String, &str)> = expected
            .iter()
            .map(|(p, id)| (p.to_string(), *id))
            .collect();
        assert_eq!(found, expected);
    }
}

//! The verifier: bytes in, a [`Report`] out (see the check table in the crate docs).

mod batch;
mod checks;
mod limits;
mod presentation;
mod session;
mod status;
mod trust;

use std::borrow::Cow;
use std::sync::Arc;

use ler_jsonld::ContextRegistry;
use ler_model::date::Instant;
use ler_model::json::{Object, ParseErrorKind, Value};
use ler_model::{Credential, Document, Presentation};

use crate::status::{StatusListCache, StatusListSource};
use ler_did::{DidKeyResolver, Relationship, Resolver};
use ler_proof::di::Cryptosuite;
use session::FetchSession;

pub use batch::{BATCH_CHUNK, VerifyStream, verify_batch, verify_stream};
pub use ler_report::{CheckId, Finding, NestedReport, Outcome, Report, Verdict};
pub use limits::Limits;
pub use presentation::{PresentError, PresentationOptions, present, verify_presentation};
pub use status::check_status;
pub use trust::{TrustList, TrustListError, TrustedIssuer};

/// A value only the verifier can make: proof that it passed every check.
///
/// A function that takes `&Verified<Credential>` cannot be handed a credential nobody checked:
///
/// ```
/// # let signer = ler_proof::Ed25519Signer::did_key(ler_proof::Ed25519KeyPair::generate()?);
/// # let unsigned = ler_model::json::parse(format!(r#"{{"@context": ["https://www.w3.org/ns/credentials/v2"],
/// #   "type": ["VerifiableCredential"], "issuer": "{}", "credentialSubject": {{"id": "did:example:learner"}}}}"#,
/// #   signer.controller()).as_bytes())?;
/// # let credential = ler_proof::di::sign(&unsigned, &ler_proof::di::ProofOptions::new(ler_proof::di::Cryptosuite::EddsaJcs2022), &signer)?.to_string();
/// use ler_model::Credential;
/// use ler_verify::{Verified, VerifyOptions, verify_credential};
///
/// fn admit(credential: &Verified<Credential>) -> Option<&str> {
///     credential.issuer().and_then(|issuer| issuer.id())
/// }
///
/// let verification = verify_credential(credential.as_bytes(), &VerifyOptions::default());
/// let verified = verification.verified().expect("verified");
/// assert_eq!(admit(verified), Some(signer.controller()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified<T>(T);

impl<T> Verified<T> {
    /// Only verifiers make these: the presentation verifier, for a presentation that passed.
    pub(crate) fn new(value: T) -> Self {
        Self(value)
    }

    /// The verified value.
    pub fn get(&self) -> &T {
        &self.0
    }

    /// Gives the verified value back.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Verified<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// What verification found: the report, and the document when (and only when) the verdict is
/// `verified`, as a [`Verified`] value only the verifier can make.
///
/// [`verify`] gives a `Verification<Document>` (a credential or a presentation, told by its
/// `type`); [`verify_credential`] and [`verify_presentation`], for callers that accept only
/// one kind, give `Verification<Credential>` and `Verification<Presentation>`.
///
/// ```
/// # let signer = ler_proof::Ed25519Signer::did_key(ler_proof::Ed25519KeyPair::generate()?);
/// # let unsigned = ler_model::json::parse(format!(r#"{{"@context": ["https://www.w3.org/ns/credentials/v2"],
/// #   "type": ["VerifiableCredential"], "issuer": "{}", "credentialSubject": {{"id": "did:example:learner"}}}}"#,
/// #   signer.controller()).as_bytes())?;
/// # let credential = ler_proof::di::sign(&unsigned, &ler_proof::di::ProofOptions::new(ler_proof::di::Cryptosuite::EddsaJcs2022), &signer)?.to_string();
/// use ler_verify::{CheckId, VerifyOptions, verify};
///
/// let tampered = credential.replace("did:example:learner", "did:example:mallory");
/// let verification = verify(tampered.as_bytes(), &VerifyOptions::default());
/// // No document comes back from a failed verification, only the report.
/// assert!(verification.credential().is_none());
/// let (report, verified) = verification.into_parts();
/// assert!(verified.is_none());
/// assert_eq!(report.failing_ids(), [CheckId::PROOF_SIGNATURE]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification<T = Document> {
    report: Report,
    verified: Option<Verified<T>>,
}

impl<T> Verification<T> {
    /// A verification: the document is kept only when the report's verdict is `verified`.
    pub(crate) fn new(report: Report, document: Option<T>) -> Self {
        let verified = document.filter(|_| report.is_verified()).map(Verified::new);
        Self { report, verified }
    }

    /// The report.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Whether the verdict is `verified`.
    pub fn is_verified(&self) -> bool {
        self.verified.is_some()
    }

    /// The verified document, when the verdict is `verified`.
    pub fn verified(&self) -> Option<&Verified<T>> {
        self.verified.as_ref()
    }

    /// The report and the verified document.
    pub fn into_parts(self) -> (Report, Option<Verified<T>>) {
        (self.report, self.verified)
    }

    /// The same verification of the document in another form (a credential as a
    /// [`Document`], say).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Verification<U> {
        Verification {
            report: self.report,
            verified: self.verified.map(|v| Verified::new(f(v.into_inner()))),
        }
    }
}

impl Verification<Document> {
    /// The verified credential, when the document is a credential and its verdict `verified`.
    pub fn credential(&self) -> Option<&Credential> {
        self.verified.as_ref().and_then(|v| v.credential())
    }

    /// The verified presentation, when the document is a presentation and its verdict
    /// `verified`.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.verified.as_ref().and_then(|v| v.presentation())
    }
}

/// What the verifier is given: the bytes as received (best: duplicate keys are caught and the
/// parse limits apply), or a document already parsed.
///
/// ```
/// use ler_verify::{CheckId, Input, VerifyOptions, verify};
///
/// // Bytes: the parser sees the duplicate `issuer` and refuses the document.
/// let bytes = br#"{"type": ["VerifiableCredential"], "issuer": "did:example:a", "issuer": "did:example:b"}"#;
/// let report = verify(Input::Bytes(bytes), &VerifyOptions::default()).into_parts().0;
/// assert_eq!(report.failing_ids(), [CheckId::JSON_PARSE]);
///
/// // A value parsed elsewhere can no longer show its duplicates: prefer bytes.
/// let value = ler_model::json::parse(br#"{"type": ["VerifiableCredential"]}"#)?;
/// let report = verify(Input::Value(value), &VerifyOptions::default()).into_parts().0;
/// assert!(!report.is_verified());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Input<'a> {
    /// The document's bytes.
    Bytes(&'a [u8]),
    /// A parsed JSON document (duplicate keys can no longer be detected).
    Value(Value),
    /// A parsed credential or presentation.
    Document(Document),
}

impl<'a> From<&'a [u8]> for Input<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        Input::Bytes(bytes)
    }
}

impl<'a, const N: usize> From<&'a [u8; N]> for Input<'a> {
    fn from(bytes: &'a [u8; N]) -> Self {
        Input::Bytes(bytes)
    }
}

impl<'a> From<&'a Vec<u8>> for Input<'a> {
    fn from(bytes: &'a Vec<u8>) -> Self {
        Input::Bytes(bytes)
    }
}

impl<'a> From<&'a str> for Input<'a> {
    fn from(text: &'a str) -> Self {
        Input::Bytes(text.as_bytes())
    }
}

impl<'a> From<&'a String> for Input<'a> {
    fn from(text: &'a String) -> Self {
        Input::Bytes(text.as_bytes())
    }
}

impl From<Value> for Input<'_> {
    fn from(value: Value) -> Self {
        Input::Value(value)
    }
}

impl From<Document> for Input<'_> {
    fn from(document: Document) -> Self {
        Input::Document(document)
    }
}

impl From<Credential> for Input<'_> {
    fn from(credential: Credential) -> Self {
        Input::Document(Document::Credential(credential))
    }
}

impl From<Presentation> for Input<'_> {
    fn from(presentation: Presentation) -> Self {
        Input::Document(Document::Presentation(presentation))
    }
}

impl Input<'_> {
    /// The parsed document, or the finished report of input that cannot be read.
    pub(crate) fn into_value(self, options: &VerifyOptions) -> Result<Value, Report> {
        match self {
            Input::Bytes(bytes) => parse_input(bytes, options),
            Input::Value(value) => Ok(value),
            Input::Document(document) => Ok(document.into_value()),
        }
    }
}

/// Where the bytes of a `relatedResource` come from, for its digest check. Nothing is fetched
/// by the verifier itself.
pub trait ResourceSource: Send + Sync {
    /// The bytes at `url`, if this source has them.
    fn bytes(&self, url: &str) -> Option<Cow<'_, [u8]>>;
}

impl ResourceSource for ContextRegistry {
    fn bytes(&self, url: &str) -> Option<Cow<'_, [u8]>> {
        self.resource(url).ok().map(|r| Cow::Borrowed(r.bytes()))
    }
}

/// What an extra check sees besides the credential.
#[derive(Debug, Clone, Copy)]
pub struct CheckContext<'a> {
    /// The verification time, when there is a clock.
    pub at: Option<Instant>,
    /// Where the credential is in the document verified (`""` for the top level).
    pub pointer: &'a str,
    /// [`VerifyOptions::strict`]: whether profile violations are failures rather than warnings.
    pub strict: bool,
}

/// A check another crate adds (`schema.json`, `status.*`) without `ler-verify` depending on it.
pub trait CredentialCheck: Send + Sync {
    /// The check ids this check reports. A check claiming `status.revocation` replaces the
    /// built-in `indeterminate` placeholder for credentials with a `credentialStatus`.
    fn ids(&self) -> &[CheckId];

    /// Runs the check; pointers in the results are relative to `credential`.
    fn run(&self, credential: &Credential, context: &CheckContext<'_>) -> Vec<Finding>;
}

/// How to verify: the verifier's policy. Start from [`VerifyOptions::default`] (offline,
/// `did:key` only, both EdDSA suites, the system clock) and change what differs with the
/// setters; the fields are public to read and to set one by one.
///
/// ```
/// use ler_verify::status::MemoryStatusLists;
/// use ler_verify::{Limits, TrustList, VerifyOptions};
///
/// let at = ler_model::date::parse_date_time_stamp("2026-06-01T00:00:00Z")?;
/// let options = VerifyOptions::default()
///     .at(at) // a fixed clock, for reproducible reports
///     .strict(true) // profile rule breaks fail instead of warning
///     .trust_list(TrustList::from_json(br#"[{"id": "did:web:example.edu", "name": "Example University"}]"#)?)
///     .status_lists(MemoryStatusLists::new())
///     .challenge("a-nonce-sent-to-the-holder")
///     .limits(Limits::default());
/// assert!(options.strict && options.trust_list.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[non_exhaustive]
pub struct VerifyOptions {
    /// The verification time; `None` means the system clock (where there is one: in a browser
    /// build without it, clock-dependent checks are `indeterminate`).
    pub at: Option<Instant>,
    /// Resolves verification methods (default: `did:key` only, offline).
    pub resolver: Arc<dyn Resolver + Send + Sync>,
    /// The cryptosuites accepted (default: both EdDSA suites, plus the legacy suite when built
    /// with `legacy-ed25519-signature-2020`).
    pub accepted_cryptosuites: Vec<Cryptosuite>,
    /// The purpose proofs must have (default `assertionMethod`).
    pub expected_proof_purpose: Relationship,
    /// The `challenge` a presentation's proof must carry (`presentation.challenge`): the nonce
    /// this verifier sent the holder, so a recorded presentation cannot be replayed. `None`:
    /// `presentation.challenge` fails, unless [`VerifyOptions::allow_no_challenge`].
    pub challenge: Option<String>,
    /// Verify presentations without an expected challenge (default `false`): then
    /// `presentation.challenge` is a `warn` that replays are not detected, instead of a `fail`.
    /// Forgetting the challenge must not quietly accept a replayed presentation, so this is an
    /// explicit choice.
    pub allow_no_challenge: bool,
    /// The `domain` a presentation's proof must carry (`presentation.domain`), usually this
    /// verifier's origin. `None`: the check is `skipped`.
    pub domain: Option<String>,
    /// Whether a presentation's holder must be the subject (`credentialSubject.id`) of every
    /// credential it carries (`presentation.holder-binding`; default `false`: `skipped`).
    pub holder_binding: bool,
    /// How far in the future a proof's `created` may be, in seconds (default 300), for clock
    /// skew.
    pub created_tolerance_seconds: i64,
    /// Trusted issuers; without a list `issuer.trusted` is `skipped`.
    pub trust_list: Option<TrustList>,
    /// Bytes for `relatedResource` digests (default: the shared context registry).
    pub resources: Option<Arc<dyn ResourceSource>>,
    /// Limits on the work the input may cause before its signature is checked: size and
    /// nesting, blank nodes, RDFC-1.0 hashing work, inline contexts (see [`Limits`]). One
    /// reached is the check `limits.exceeded`, `indeterminate`.
    pub limits: Limits,
    /// The most proofs examined per credential (default 16).
    pub max_proofs: usize,
    /// How deep credentials may nest (default 4) and how many nested credentials one document
    /// may hold in all (default 256); beyond either, `nested.credential` is `indeterminate`.
    pub max_nesting_depth: usize,
    /// See [`VerifyOptions::max_nesting_depth`].
    pub max_nested_credentials: usize,
    /// Whether profile violations (Open Badges 3.0, CLR 2.0, micro-credential and employment
    /// profiles: the `profile.*` checks) are failures (default `false`: warnings, so an authentic
    /// record that breaks a profile rule is still `verified`). VC Data Model violations are
    /// `model.structure` failures either way.
    pub strict: bool,
    /// Extra checks, run on every credential (nested ones too) after the built-in ones.
    pub checks: Vec<Box<dyn CredentialCheck>>,
    /// Where status list credentials come from; without a source a credential with
    /// `credentialStatus` gets `status.revocation` `indeterminate` (see [`crate::status`]).
    pub status_lists: Option<Arc<dyn StatusListSource>>,
    /// Check status lists that bend the Recommendation's rules (an integer `statusListIndex`,
    /// fewer than 131,072 entries): a clear entry is then `warn`, not `pass` (default `false`:
    /// `indeterminate`).
    pub lenient_status_lists: bool,
    /// The longest a verified status list is cached (default 5 minutes); a list's own `ttl`
    /// shortens it.
    pub status_list_max_ttl: std::time::Duration,
    /// Issuers whose status lists are accepted for credentials of any issuer (default none:
    /// a list must come from the credential's own issuer).
    pub status_list_delegates: Vec<String>,
    /// The cache of verified, decoded status lists (shared by clones of the `Arc`).
    pub status_list_cache: Arc<StatusListCache>,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        let mut suites = vec![Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022];
        if cfg!(feature = "legacy-ed25519-signature-2020") {
            suites.push(Cryptosuite::LegacyEd25519Signature2020);
        }
        Self {
            at: None,
            resolver: Arc::new(DidKeyResolver),
            accepted_cryptosuites: suites,
            expected_proof_purpose: Relationship::AssertionMethod,
            challenge: None,
            allow_no_challenge: false,
            domain: None,
            holder_binding: false,
            created_tolerance_seconds: 300,
            trust_list: None,
            resources: Some(Arc::new(SharedRegistry)),
            limits: Limits::default(),
            max_proofs: 16,
            max_nesting_depth: 4,
            max_nested_credentials: 256,
            strict: false,
            checks: Vec::new(),
            status_lists: None,
            lenient_status_lists: false,
            status_list_max_ttl: std::time::Duration::from_secs(300),
            status_list_delegates: Vec::new(),
            status_list_cache: Arc::new(StatusListCache::new()),
        }
    }
}

impl VerifyOptions {
    /// Sets the verification time.
    #[must_use]
    pub fn at(mut self, at: Instant) -> Self {
        self.at = Some(at);
        self
    }

    /// Sets the resolver.
    #[must_use]
    pub fn resolver(mut self, resolver: impl Resolver + Send + Sync + 'static) -> Self {
        self.resolver = Arc::new(resolver);
        self
    }

    /// Sets the cryptosuites accepted.
    #[must_use]
    pub fn accepted_cryptosuites(mut self, suites: impl IntoIterator<Item = Cryptosuite>) -> Self {
        self.accepted_cryptosuites = suites.into_iter().collect();
        self
    }

    /// Sets the purpose proofs must have.
    #[must_use]
    pub fn expected_proof_purpose(mut self, purpose: Relationship) -> Self {
        self.expected_proof_purpose = purpose;
        self
    }

    /// Sets how far in the future a proof's `created` may be, in seconds.
    #[must_use]
    pub fn created_tolerance_seconds(mut self, seconds: i64) -> Self {
        self.created_tolerance_seconds = seconds;
        self
    }

    /// Sets where the bytes of `relatedResource` entries come from (`None`: digests are not
    /// checked against any bytes).
    #[must_use]
    pub fn resources(mut self, resources: Option<Arc<dyn ResourceSource>>) -> Self {
        self.resources = resources;
        self
    }

    /// Sets the most proofs examined per credential.
    #[must_use]
    pub fn max_proofs(mut self, max_proofs: usize) -> Self {
        self.max_proofs = max_proofs;
        self
    }

    /// Sets how deep credentials may nest and how many nested credentials one document may
    /// hold in all.
    #[must_use]
    pub fn nesting(mut self, max_depth: usize, max_credentials: usize) -> Self {
        self.max_nesting_depth = max_depth;
        self.max_nested_credentials = max_credentials;
        self
    }

    /// Sets the `challenge` presentations must carry.
    #[must_use]
    pub fn challenge(mut self, challenge: impl Into<String>) -> Self {
        self.challenge = Some(challenge.into());
        self
    }

    /// Verifies presentations without an expected challenge (or not, the default): see
    /// [`VerifyOptions::allow_no_challenge`].
    #[must_use]
    pub fn allow_no_challenge(mut self, allowed: bool) -> Self {
        self.allow_no_challenge = allowed;
        self
    }

    /// Sets the `domain` presentations must carry.
    #[must_use]
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// Requires (or not) a presentation's holder to be the subject of every credential in it.
    #[must_use]
    pub fn holder_binding(mut self, required: bool) -> Self {
        self.holder_binding = required;
        self
    }

    /// Makes profile violations (`profile.*`) failures rather than warnings.
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Sets the trusted-issuer list.
    #[must_use]
    pub fn trust_list(mut self, list: TrustList) -> Self {
        self.trust_list = Some(list);
        self
    }

    /// Adds an extra check.
    #[must_use]
    pub fn check(mut self, check: impl CredentialCheck + 'static) -> Self {
        self.checks.push(Box::new(check));
        self
    }

    /// Sets the status list source (and starts a fresh cache).
    #[must_use]
    pub fn status_lists(mut self, source: impl StatusListSource + 'static) -> Self {
        self.status_lists = Some(Arc::new(source));
        self.status_list_cache = Arc::new(StatusListCache::new());
        self
    }

    /// Checks status lists that bend the rules, with `warn` for a clear entry.
    #[must_use]
    pub fn lenient_status_lists(mut self, lenient: bool) -> Self {
        self.lenient_status_lists = lenient;
        self
    }

    /// Sets the longest time a verified status list is cached.
    #[must_use]
    pub fn status_list_max_ttl(mut self, ttl: std::time::Duration) -> Self {
        self.status_list_max_ttl = ttl;
        self
    }

    /// Sets every work limit (parsing, JSON-LD, fetching).
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Accepts status lists issued by `issuer` for credentials of any issuer.
    #[must_use]
    pub fn status_list_delegate(mut self, issuer: impl Into<String>) -> Self {
        self.status_list_delegates.push(issuer.into());
        self
    }

    /// The verification time: the one given, else the system clock where there is one.
    pub fn now(&self) -> Option<Instant> {
        self.at.or_else(system_now)
    }
}

impl std::fmt::Debug for VerifyOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifyOptions")
            .field("at", &self.at)
            .field("accepted_cryptosuites", &self.accepted_cryptosuites)
            .field("expected_proof_purpose", &self.expected_proof_purpose)
            .field("challenge", &self.challenge)
            .field("allow_no_challenge", &self.allow_no_challenge)
            .field("domain", &self.domain)
            .field("holder_binding", &self.holder_binding)
            .field("created_tolerance_seconds", &self.created_tolerance_seconds)
            .field("trust_list", &self.trust_list)
            .field("limits", &self.limits)
            .field("strict", &self.strict)
            .field("checks", &self.checks.len())
            .field("status_lists", &self.status_lists.is_some())
            .field("lenient_status_lists", &self.lenient_status_lists)
            .field("status_list_max_ttl", &self.status_list_max_ttl)
            .field("status_list_delegates", &self.status_list_delegates)
            .finish_non_exhaustive()
    }
}

/// The shared registry as a [`ResourceSource`].
struct SharedRegistry;

impl ResourceSource for SharedRegistry {
    fn bytes(&self, url: &str) -> Option<Cow<'_, [u8]>> {
        ContextRegistry::shared().bytes(url)
    }
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn system_now() -> Option<Instant> {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(Instant {
        seconds: i64::try_from(since.as_secs()).ok()?,
        nanos: since.subsec_nanos(),
    })
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn system_now() -> Option<Instant> {
    None
}

/// Verifies a credential or a presentation, told by its `type`: every check of
/// [`verify_credential`] or of [`verify_presentation`]. This is the verifier's front door:
/// give it the bytes as received and the caller's policy, and read the report.
///
/// Never panics; the work is bounded by [`VerifyOptions`]' limits, and nothing is fetched
/// before a document's proofs and key binding hold.
///
/// ```
/// # let signer = ler_proof::Ed25519Signer::did_key(ler_proof::Ed25519KeyPair::generate()?);
/// # let unsigned = ler_model::json::parse(format!(r#"{{"@context": ["https://www.w3.org/ns/credentials/v2"],
/// #   "type": ["VerifiableCredential"], "issuer": "{}", "credentialSubject": {{"id": "did:example:learner"}}}}"#,
/// #   signer.controller()).as_bytes())?;
/// # let credential = ler_proof::di::sign(&unsigned, &ler_proof::di::ProofOptions::new(ler_proof::di::Cryptosuite::EddsaJcs2022), &signer)?.to_string();
/// use ler_verify::{CheckId, Verdict, VerifyOptions, verify};
///
/// let verification = verify(credential.as_bytes(), &VerifyOptions::default());
/// assert_eq!(verification.report().verdict, Verdict::Verified);
/// assert!(verification.credential().is_some());
///
/// // Bytes that are not JSON are a report too, never a panic.
/// let report = verify(&b"{not json"[..], &VerifyOptions::default()).into_parts().0;
/// assert_eq!(report.failing_ids(), [CheckId::JSON_PARSE]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify<'a>(input: impl Into<Input<'a>>, options: &VerifyOptions) -> Verification {
    match input.into().into_value(options) {
        Err(report) => Verification::new(report, None),
        Ok(value) => match screen(value) {
            Screened::Credential(document) => {
                finish(document, options, None).map(Document::Credential)
            }
            Screened::Presentation(value) => {
                presentation::verify_presentation_value(value, options).map(Document::Presentation)
            }
            Screened::Done(report) => Verification::new(report, None),
        },
    }
}

/// Verifies a credential, and refuses a presentation (`model.structure`): parsing, structure,
/// every proof, the issuer's key binding and trust, the validity window, JSON-LD `@vocab`
/// catch-alls, `relatedResource` digests, status, extra checks and nested credentials. Never
/// panics; the work is bounded by [`VerifyOptions`]' limits.
///
/// ```
/// use ler_verify::{CheckId, VerifyOptions, verify_credential};
///
/// // A presentation is refused, with the place that says so.
/// let presentation = br#"{"@context": ["https://www.w3.org/ns/credentials/v2"],
///                         "type": ["VerifiablePresentation"]}"#;
/// let report = verify_credential(presentation, &VerifyOptions::default()).into_parts().0;
/// assert_eq!(report.failing_ids(), [CheckId::MODEL_STRUCTURE]);
/// assert_eq!(report.checks[0].pointer.as_deref(), Some("/type"));
/// ```
pub fn verify_credential<'a>(
    input: impl Into<Input<'a>>,
    options: &VerifyOptions,
) -> Verification<Credential> {
    match input.into().into_value(options) {
        Err(report) => Verification::new(report, None),
        Ok(value) => match screen(value) {
            Screened::Credential(document) => finish(document, options, None),
            Screened::Presentation(_) => Verification::new(
                failed(vec![
                    Finding::new(
                        CheckId::MODEL_STRUCTURE,
                        Outcome::Fail,
                        "a verifiable presentation, not a credential: verify it with verify or \
                         verify_presentation",
                    )
                    .at("/type"),
                ]),
                None,
            ),
            Screened::Done(report) => Verification::new(report, None),
        },
    }
}

/// Parses and screens one input for the batch verifier.
fn prepare(input: &[u8], options: &VerifyOptions) -> Screened {
    match parse_input(input, options) {
        Ok(value) => screen(value),
        Err(report) => Screened::Done(report),
    }
}

/// A parsed input, told apart by type.
enum Screened {
    /// A credential-shaped object.
    Credential(Value),
    /// A presentation.
    Presentation(Value),
    /// Neither: the finished (failed) report.
    Done(Report),
}

/// Tells a parsed document's kind by its `type`.
fn screen(value: Value) -> Screened {
    let object = match &value {
        Value::Object(object) => object,
        other => {
            return Screened::Done(failed(vec![Finding::new(
                CheckId::MODEL_STRUCTURE,
                Outcome::Fail,
                format!("a credential is a JSON object, not {}", other.kind()),
            )]));
        }
    };
    if is_presentation(object) {
        return Screened::Presentation(value);
    }
    Screened::Credential(value)
}

/// Runs every check on a screened credential (with its proof outcomes, when already known).
fn finish(
    mut document: Value,
    options: &VerifyOptions,
    proof_results: Option<checks::ProofResults>,
) -> Verification<Credential> {
    // The proofs run on the document as parsed, before it becomes a `Credential` (no copy).
    let proof_results =
        proof_results.unwrap_or_else(|| checks::run_proofs_in_place(&mut document, options));
    let credential = match document {
        Value::Object(object) => Credential::from_object(object),
        // `screen` let only objects through.
        _ => Credential::from_object(Object::new()),
    };
    let mut budget = options.max_nested_credentials;
    let session = FetchSession::new(options.limits.fetch);
    let report = checks::verify_credential(
        &credential,
        options,
        options.now(),
        0,
        &mut budget,
        &session,
        Some(proof_results),
    );
    Verification::new(report, Some(credential))
}

fn failed(checks: Vec<Finding>) -> Report {
    Report::new(checks, Vec::new())
}

fn is_presentation(object: &Object) -> bool {
    has_type(object.get("type"), "VerifiablePresentation")
}

/// The issuer's id: `issuer` as a string, or the `id` of an issuer profile.
fn issuer_id(object: &Object) -> Option<&str> {
    match object.get("issuer")? {
        Value::String(id) => Some(id),
        Value::Object(profile) => profile.get("id")?.as_str(),
        _ => None,
    }
}

/// Whether a `type` value (a string or an array of strings) includes `wanted`.
fn has_type(value: Option<&Value>, wanted: &str) -> bool {
    match value {
        Some(Value::String(t)) => t == wanted,
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str() == Some(wanted)),
        _ => false,
    }
}

/// Parses input bytes under the options' limits; on failure, the `json.parse` report (or
/// `limits.exceeded` for input too large or too deep).
fn parse_input(input: &[u8], options: &VerifyOptions) -> Result<Value, Report> {
    ler_model::json::parse_with(input, &options.limits.parse).map_err(|error| {
        let check = match error.kind {
            ParseErrorKind::TooLarge { .. } | ParseErrorKind::TooDeep { .. } => Finding::new(
                CheckId::LIMITS_EXCEEDED,
                Outcome::Indeterminate,
                format!("not examined: {error}"),
            )
            .at(error.pointer().unwrap_or_default()),
            _ => Finding::new(
                CheckId::JSON_PARSE,
                Outcome::Fail,
                format!("not acceptable JSON: {error}"),
            ),
        };
        Report::new(vec![check], Vec::new())
    })
}

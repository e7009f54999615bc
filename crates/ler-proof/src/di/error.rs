use crate::jcs::JcsError;
use ler_did::ResolveError;
use ler_did::SignerError;
use ler_did::multibase::MultibaseError;

/// Why one proof did not verify (or could not be made). Each variant names the member by JSON
/// pointer relative to the proof (`/proofValue`) where one applies.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProofError {
    /// A required member is absent.
    #[error("{pointer}: missing")]
    MissingMember {
        /// JSON pointer of the member.
        pointer: String,
    },
    /// A member has the wrong JSON type or an invalid value.
    #[error("{pointer}: {reason}")]
    InvalidMember {
        /// JSON pointer of the member.
        pointer: String,
        /// What is wrong.
        reason: String,
    },
    /// The proof `type` is not one this build verifies (`Ed25519Signature2020` needs the
    /// `legacy-ed25519-signature-2020` feature).
    #[error("unsupported proof type {0:?}")]
    UnsupportedProofType(String),
    /// The `cryptosuite` is not `eddsa-rdfc-2022` or `eddsa-jcs-2022`.
    #[error("unknown cryptosuite {0:?}")]
    UnknownCryptosuite(String),
    /// `proofValue` is not multibase base58btc of 64 bytes.
    #[error("/proofValue: {0}")]
    ProofValue(MultibaseError),
    /// The proof's purpose is not the one the verifier expects.
    #[error("/proofPurpose: {found:?} where {expected:?} was expected")]
    UnexpectedPurpose {
        /// The purpose the verifier expects.
        expected: String,
        /// The proof's purpose.
        found: String,
    },
    /// eddsa-jcs-2022: the proof's `@context` is not the start of the document's `@context`.
    #[error("/@context: the proof's @context is not a prefix of the document's @context")]
    ContextMismatch,
    /// eddsa-jcs-2022: the document's `@context` has entries after the proof's `@context`. The
    /// signature covers only the proof's copy, so such entries are unsigned and would change
    /// what the signed document means: refused rather than trusted or silently dropped.
    #[error(
        "/@context: {count} entries after the proof's @context are not covered by the signature"
    )]
    UnsignedContext {
        /// How many entries were appended.
        count: usize,
    },
    /// A `previousProof` names a proof that is not in the document.
    #[error("/previousProof: no proof with id {0:?} in the document")]
    PreviousProofNotFound(String),
    /// The verification method could not be dereferenced.
    #[error("/verificationMethod: {0}")]
    Resolve(ResolveError),
    /// The controller document does not list the method under the proof's purpose.
    #[error(
        "/verificationMethod: {method:?} is not authorized for {purpose} by its controller document"
    )]
    NotAuthorized {
        /// The verification method.
        method: String,
        /// The proof purpose.
        purpose: String,
    },
    /// The document or proof configuration has no JCS form.
    #[error("JCS canonicalization failed: {0}")]
    Jcs(JcsError),
    /// JSON-LD processing (expansion, conversion to RDF, canonicalization) failed, or found a
    /// term no context defines.
    #[error("JSON-LD processing failed: {0}")]
    JsonLd(#[source] ler_jsonld::JsonLdError),
    /// A term the verifier's checks read is written in another form than the one they read (a
    /// full IRI or an alias, `@nest`, `@reverse`, a wrapped value, statements added to the root
    /// from another node): the signature may well hold, but the checks could not see what it
    /// binds, so the document is refused. The source's pointer is relative to the document, or
    /// to the proof when `in_proof`.
    #[error("{}{source}", if *.in_proof { "in the proof: " } else { "" })]
    NonStandardForm {
        /// Whether the form is in the proof (its configuration) rather than the document.
        in_proof: bool,
        /// What was refused, and where.
        #[source]
        source: ler_jsonld::JsonLdError,
    },
    /// JSON-LD processing stopped at a limit of [`ler_jsonld::Limits`] (blank nodes, inline
    /// context size or terms, nesting): the document was refused, not judged.
    #[error("JSON-LD processing stopped at a limit: {0}")]
    JsonLdLimit(#[source] ler_jsonld::JsonLdError),
    /// RDFC-1.0 canonicalization stopped at a limit (blank nodes, hashing work, depth).
    #[error("canonicalization stopped at a limit: {0}")]
    CanonicalizeLimit(#[source] ler_jsonld::CanonicalizeError),
    /// A number whose text denotes another value than the one the cryptosuite hashes: JCS and
    /// JSON-LD read numbers as IEEE 754 doubles (and eddsa-rdfc-2022 writes non-integers as
    /// `xsd:double` literals with sixteen significant digits, so `0.30000000000000004` is signed
    /// as `3.0E-1`, the double 0.3), so `40.00000000000000001` is signed as `40` and a reader of
    /// the text would read digits nobody signed. Refused when signing and when verifying.
    #[error(
        "{pointer}{}: the number {text} is not the value {cryptosuite} signs ({}); write it exactly",
        if *in_proof { " (in the proof)" } else { "" },
        signed.as_deref().map_or("no finite double".to_owned(), |s| format!("it signs {s}"))
    )]
    InexactNumber {
        /// JSON pointer of the number: in the document, or, when `in_proof`, relative to the
        /// proof.
        pointer: String,
        /// Whether the number is a member of the proof's own options.
        in_proof: bool,
        /// The number as written.
        text: String,
        /// The value the cryptosuite hashes, as it writes it (`None` for a number beyond the
        /// range of a double).
        signed: Option<String>,
        /// The cryptosuite.
        cryptosuite: &'static str,
    },
    /// The signature does not verify (`verify_strict`) over the canonical document and proof
    /// configuration.
    #[error("the signature does not verify")]
    InvalidSignature,
}

impl ProofError {
    /// A stable short name of the kind of error, for reports and manifests:
    /// `missing-member`, `invalid-member`, `unsupported-proof-type`, `unknown-cryptosuite`,
    /// `proof-value`, `unexpected-purpose`, `context-mismatch`, `previous-proof-not-found`,
    /// `resolve`, `not-authorized`, `jcs`, `jsonld`, `non-standard-form`, `limit`,
    /// `inexact-number`, `invalid-signature`, `unsigned-context`.
    pub fn code(&self) -> &'static str {
        match self {
            ProofError::MissingMember { .. } => "missing-member",
            ProofError::InvalidMember { .. } => "invalid-member",
            ProofError::UnsupportedProofType(_) => "unsupported-proof-type",
            ProofError::UnknownCryptosuite(_) => "unknown-cryptosuite",
            ProofError::ProofValue(_) => "proof-value",
            ProofError::UnexpectedPurpose { .. } => "unexpected-purpose",
            ProofError::ContextMismatch => "context-mismatch",
            ProofError::UnsignedContext { .. } => "unsigned-context",
            ProofError::PreviousProofNotFound(_) => "previous-proof-not-found",
            ProofError::Resolve(_) => "resolve",
            ProofError::NotAuthorized { .. } => "not-authorized",
            ProofError::Jcs(_) => "jcs",
            ProofError::JsonLd(_) => "jsonld",
            ProofError::NonStandardForm { .. } => "non-standard-form",
            ProofError::JsonLdLimit(_) | ProofError::CanonicalizeLimit(_) => "limit",
            ProofError::InexactNumber { .. } => "inexact-number",
            ProofError::InvalidSignature => "invalid-signature",
        }
    }
}

/// Why a proof could not be added to a document.
///
/// ```
/// use ler_proof::di::{Cryptosuite, ProofOptions, SignError, sign};
/// use ler_proof::{Ed25519KeyPair, Ed25519Signer};
///
/// let signer = Ed25519Signer::did_key(Ed25519KeyPair::generate()?);
/// let not_an_object = ler_model::json::parse(b"[1, 2, 3]")?;
/// let error = sign(&not_an_object, &ProofOptions::new(Cryptosuite::EddsaJcs2022), &signer).unwrap_err();
/// assert!(matches!(error, SignError::NotAnObject));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The document is not a JSON object.
    #[error("the document is not a JSON object")]
    NotAnObject,
    /// The document's existing `proof` is neither an object nor an array of objects.
    #[error("/proof: existing proofs must be an object or an array of objects")]
    InvalidExistingProof,
    /// The options or document are not signable (for example a `created` that is not a dateTime,
    /// or a `previousProof` that is not in the document).
    #[error(transparent)]
    Proof(#[from] ProofError),
    /// The signer failed.
    #[error(transparent)]
    Signer(#[from] SignerError),
}

/// Why a document's proofs could not be examined at all (per-proof failures are in
/// `hazmat::ProofOutcome` instead).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The document is not a JSON object.
    #[error("the document is not a JSON object")]
    NotAnObject,
    /// The document has no `proof`.
    #[error("/proof: missing: the document is not signed")]
    NoProof,
    /// `proof` is neither an object nor an array of objects.
    #[error("{pointer}: a proof must be a JSON object")]
    ProofNotAnObject {
        /// JSON pointer of the offending value.
        pointer: String,
    },
    /// More proofs than `hazmat::ProofCheckOptions::max_proofs`.
    #[error("/proof: {count} proofs, more than the limit of {max}")]
    TooManyProofs {
        /// Proofs present.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// Two proofs share one `id`, so `previousProof` would be ambiguous.
    #[error("/proof: two proofs have the id {0:?}")]
    DuplicateProofId(String),
}

use std::fmt;

use ler_model::json::{Number, Object, Pointer, Value};
use sha2::{Digest, Sha256};

use super::error::ProofError;
use super::{DATA_INTEGRITY_PROOF, LEGACY_PROOF_TYPE, jsonld};
use ler_did::multibase::{MultibaseError, decode_base58btc_exact};

/// The EdDSA cryptosuites.
///
/// ```
/// use ler_proof::di::Cryptosuite;
///
/// assert_eq!(Cryptosuite::from_name("eddsa-jcs-2022"), Some(Cryptosuite::EddsaJcs2022));
/// assert_eq!(Cryptosuite::EddsaRdfc2022.name(), "eddsa-rdfc-2022");
/// // The legacy proof type has no `cryptosuite` value of its own.
/// assert_eq!(Cryptosuite::from_name("Ed25519Signature2020"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cryptosuite {
    /// `eddsa-rdfc-2022`: JSON-LD to RDF, canonicalized with RDFC-1.0.
    EddsaRdfc2022,
    /// `eddsa-jcs-2022`: JSON canonicalized with RFC 8785 (JCS).
    EddsaJcs2022,
    /// The legacy proof type `Ed25519Signature2020` (not a Data Integrity cryptosuite: the proof
    /// has `type: Ed25519Signature2020` and no `cryptosuite`). Verified only with the feature
    /// `legacy-ed25519-signature-2020`; never created.
    LegacyEd25519Signature2020,
}

impl Cryptosuite {
    /// The `cryptosuite` value.
    pub fn name(self) -> &'static str {
        match self {
            Cryptosuite::EddsaRdfc2022 => "eddsa-rdfc-2022",
            Cryptosuite::EddsaJcs2022 => "eddsa-jcs-2022",
            Cryptosuite::LegacyEd25519Signature2020 => LEGACY_PROOF_TYPE,
        }
    }

    /// The suite whose `cryptosuite` value is `name` (the legacy proof type has none).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "eddsa-rdfc-2022" => Some(Cryptosuite::EddsaRdfc2022),
            "eddsa-jcs-2022" => Some(Cryptosuite::EddsaJcs2022),
            _ => None,
        }
    }
}

impl fmt::Display for Cryptosuite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The two canonical forms a proof signs: the proof configuration and the document (UTF-8
/// strings; N-Quads with a final newline for rdfc, JCS without one for jcs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalForms {
    /// The canonical proof configuration.
    pub proof_config: String,
    /// The canonical document.
    pub document: String,
}

impl CanonicalForms {
    /// SHA-256 of the canonical proof configuration.
    pub fn proof_hash(&self) -> [u8; 32] {
        Sha256::digest(self.proof_config.as_bytes()).into()
    }

    /// SHA-256 of the canonical document.
    pub fn document_hash(&self) -> [u8; 32] {
        Sha256::digest(self.document.as_bytes()).into()
    }

    /// The 64 bytes that are signed: proof hash, then document hash.
    pub fn hash_data(&self) -> [u8; 64] {
        hash_data(&self.proof_config, &self.document)
    }
}

/// Decodes a `proofValue`: multibase base58btc of a 64-byte Ed25519 signature. Text longer than
/// any 64-byte value is refused before decoding.
pub fn decode_proof_value(text: &str) -> Result<[u8; 64], MultibaseError> {
    decode_base58btc_exact::<64>(text)
}

/// Encodes a signature as a `proofValue`: `z` + base58btc.
pub fn encode_proof_value(signature: &[u8; 64]) -> String {
    ler_did::multibase::encode_base58btc(signature)
}

/// Runs the suite's transformation and proof configuration steps: checks `proof_options`
/// (`type`, `cryptosuite`, `created`), copies the document's `@context` into the proof
/// configuration, and canonicalizes both.
///
/// `document` is the unsecured document (for a proof chain: with `proof` set to the proofs the
/// new one builds on); `proof_options` is the proof without `proofValue` (a `proofValue` present
/// is ignored). This is the hashing input only: `sign` and
/// `hazmat::verify_proofs` also check, under eddsa-jcs-2022, that every term of the document is
/// defined by its contexts.
pub fn canonical_forms(
    cryptosuite: Cryptosuite,
    document: &Value,
    proof_options: &Object,
) -> Result<CanonicalForms, ProofError> {
    canonical_forms_with_vocab(
        cryptosuite,
        document,
        proof_options,
        &ler_jsonld::Limits::default(),
    )
    .map(|(forms, _)| forms)
}

/// [`canonical_forms`], also returning what a catch-all `@vocab` mapped in the document under
/// the RDF suites (`None` under eddsa-jcs-2022, which does no JSON-LD processing here).
pub(super) fn canonical_forms_with_vocab(
    cryptosuite: Cryptosuite,
    document: &Value,
    proof_options: &Object,
    limits: &ler_jsonld::Limits,
) -> Result<(CanonicalForms, Option<ler_jsonld::VocabReport>), ProofError> {
    with_canonical_forms(
        cryptosuite,
        document,
        proof_options,
        limits,
        |proof_config, document| CanonicalForms {
            proof_config: proof_config.to_owned(),
            document: document.to_owned(),
        },
    )
}

/// The 64 bytes a proof signs ([`CanonicalForms::hash_data`]) and the `@vocab` report of
/// [`canonical_forms_with_vocab`], hashing the canonical forms where they are written instead
/// of keeping them: what verification needs.
pub(super) fn hash_data_with_vocab(
    cryptosuite: Cryptosuite,
    document: &Value,
    proof_options: &Object,
    limits: &ler_jsonld::Limits,
) -> Result<([u8; 64], Option<ler_jsonld::VocabReport>), ProofError> {
    with_canonical_forms(cryptosuite, document, proof_options, limits, hash_data)
}

/// Proof hash, then document hash: what is signed.
fn hash_data(proof_config: &str, document: &str) -> [u8; 64] {
    let mut out = [0u8; 64];
    out[..32].copy_from_slice(&Sha256::digest(proof_config.as_bytes()));
    out[32..].copy_from_slice(&Sha256::digest(document.as_bytes()));
    out
}

/// Checks the proof options, canonicalizes the proof configuration and the document, and hands
/// both forms to `finish`. Under eddsa-jcs-2022 the configuration is written from the proof's
/// members and the document's `@context` as they are (no copy of them is built), and both forms
/// go into one buffer kept per thread, so a verifier's documents cost no allocation here.
fn with_canonical_forms<R>(
    cryptosuite: Cryptosuite,
    document: &Value,
    proof_options: &Object,
    limits: &ler_jsonld::Limits,
    finish: impl FnOnce(&str, &str) -> R,
) -> Result<(R, Option<ler_jsonld::VocabReport>), ProofError> {
    check_proof_options(cryptosuite, proof_options)?;
    let config_members = || {
        let context = document.get("@context").map(|c| ("@context", c));
        proof_options
            .iter()
            .filter(|(key, _)| *key != "proofValue" && *key != "@context")
            .chain(context)
    };
    // The document's numbers, then the configuration's (its `@context` is the document's).
    let check_all_numbers = || {
        check_numbers(cryptosuite, document, false)?;
        for (key, value) in config_members() {
            if key != "@context" {
                check_numbers(cryptosuite, value, true)
                    .map_err(|e| prefix_pointer(e, &Pointer::root().key(key)))?;
            }
        }
        Ok::<(), ProofError>(())
    };
    match cryptosuite {
        Cryptosuite::EddsaJcs2022 => {
            let mut buffer = JcsBuffer::take();
            let written = crate::jcs::canonicalize_config_and_document_into(
                config_members(),
                document,
                &mut buffer.0,
            );
            // The JCS walk has seen every number: the walk that names an inexact one runs only
            // when there is one, or before a JCS error, which it would have come before.
            if !written.as_ref().is_ok_and(|w| w.numbers_exact)
                && let Err(error) = check_all_numbers()
            {
                buffer.give_back();
                return Err(error);
            }
            let result = written.map(|w| {
                let (config, document) = buffer.0.split_at(w.split);
                finish(config, document)
            });
            buffer.give_back();
            Ok((result.map_err(ProofError::Jcs)?, None))
        }
        Cryptosuite::EddsaRdfc2022 | Cryptosuite::LegacyEd25519Signature2020 => {
            check_all_numbers()?;
            let config = Value::Object(
                config_members()
                    .map(|(key, value)| (key.to_owned(), value.clone()))
                    .collect(),
            );
            let (document, vocab) = jsonld::rdfc_canonical_nquads_with_vocab(document, limits)?;
            let proof_config =
                jsonld::rdfc_canonical_nquads(&config, limits).map_err(|e| match e {
                    ProofError::NonStandardForm { source, .. } => ProofError::NonStandardForm {
                        in_proof: true,
                        source,
                    },
                    other => other,
                })?;
            Ok((finish(&proof_config, &document), Some(vocab)))
        }
    }
}

/// The JCS output buffer a thread keeps between documents; one that grew past
/// `JcsBuffer::KEEP_LIMIT` bytes is dropped instead of kept.
struct JcsBuffer(String);

thread_local! {
    static JCS_BUFFER: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

impl JcsBuffer {
    const KEEP_LIMIT: usize = 1 << 20;

    fn take() -> Self {
        let mut text = JCS_BUFFER
            .try_with(std::cell::Cell::take)
            .unwrap_or_default();
        text.clear();
        Self(text)
    }

    fn give_back(self) {
        if self.0.capacity() <= Self::KEEP_LIMIT {
            let _ = JCS_BUFFER.try_with(|cell| cell.set(self.0));
        }
    }
}

/// The proof configuration checks both suites share: `type`, `cryptosuite`, and the lexical
/// form of `created` and `expires`.
fn check_proof_options(cryptosuite: Cryptosuite, options: &Object) -> Result<(), ProofError> {
    if cryptosuite == Cryptosuite::LegacyEd25519Signature2020 {
        return match options.get("type") {
            Some(Value::String(t)) if t == LEGACY_PROOF_TYPE => check_dates(options),
            Some(Value::String(t)) => Err(ProofError::UnsupportedProofType(t.clone())),
            Some(_) => Err(invalid("/type", "expected a string")),
            None => Err(ProofError::MissingMember {
                pointer: "/type".into(),
            }),
        };
    }
    match options.get("type") {
        Some(Value::String(t)) if t == DATA_INTEGRITY_PROOF => {}
        Some(Value::String(t)) => return Err(ProofError::UnsupportedProofType(t.clone())),
        Some(_) => return Err(invalid("/type", "expected a string")),
        None => {
            return Err(ProofError::MissingMember {
                pointer: "/type".into(),
            });
        }
    }
    match options.get("cryptosuite") {
        Some(Value::String(c)) if c == cryptosuite.name() => {}
        Some(Value::String(c)) => {
            return Err(invalid(
                "/cryptosuite",
                format!("{c:?} where {:?} was expected", cryptosuite.name()),
            ));
        }
        Some(_) => return Err(invalid("/cryptosuite", "expected a string")),
        None => {
            return Err(ProofError::MissingMember {
                pointer: "/cryptosuite".into(),
            });
        }
    }
    check_dates(options)
}

fn check_dates(options: &Object) -> Result<(), ProofError> {
    for member in ["created", "expires"] {
        match options.get(member) {
            None => {}
            Some(Value::String(s)) if ler_model::date::parse_date_time(s).is_ok() => {}
            Some(other) => {
                return Err(invalid(
                    &format!("/{member}"),
                    format!("{} is not an XML Schema dateTime", other),
                ));
            }
        }
    }
    Ok(())
}

/// Refuses the first number in `value` whose text denotes another value than the one
/// `cryptosuite` hashes (see [`ProofError::InexactNumber`]). Iterative: the depth of a document
/// is bounded by the parser, but no recursion is needed.
fn check_numbers(
    cryptosuite: Cryptosuite,
    value: &Value,
    in_proof: bool,
) -> Result<(), ProofError> {
    /// Where a child sits in its parent, kept as a reference until a pointer is needed.
    #[derive(Clone, Copy)]
    enum Step<'a> {
        Key(&'a str),
        Index(usize),
    }
    /// The children of an array or an object, one concrete type for both so the walk's stack
    /// holds them without a box each.
    enum Children<A, O> {
        Items(A),
        Members(O),
    }
    impl<'a, A, O> Iterator for Children<A, O>
    where
        A: Iterator<Item = (Step<'a>, &'a Value)>,
        O: Iterator<Item = (Step<'a>, &'a Value)>,
    {
        type Item = (Step<'a>, &'a Value);
        fn next(&mut self) -> Option<Self::Item> {
            match self {
                Children::Items(items) => items.next(),
                Children::Members(members) => members.next(),
            }
        }
    }
    fn children(value: &Value) -> Option<impl Iterator<Item = (Step<'_>, &Value)>> {
        match value {
            Value::Array(items) => Some(Children::Items(
                items.iter().enumerate().map(|(i, v)| (Step::Index(i), v)),
            )),
            Value::Object(object) => Some(Children::Members(
                object.iter().map(|(k, v)| (Step::Key(k), v)),
            )),
            _ => None,
        }
    }
    let refuse = |path: &[Step<'_>], number: &Number| {
        let mut pointer = Pointer::root();
        for step in path {
            pointer = match *step {
                Step::Key(key) => pointer.key(key),
                Step::Index(index) => pointer.index(index),
            };
        }
        let double = number.as_f64();
        ProofError::InexactNumber {
            pointer: pointer.as_str().to_owned(),
            in_proof,
            text: number.as_str().to_owned(),
            signed: match cryptosuite {
                _ if !double.is_finite() => None,
                Cryptosuite::EddsaJcs2022 => Some(crate::jcs::f64_to_jcs(double)),
                _ if double.fract() == 0.0 && double.abs() < 1e21 => {
                    Some(crate::jcs::f64_to_jcs(double))
                }
                _ => Some(ler_jsonld::canonical_double(double)),
            },
            cryptosuite: cryptosuite.name(),
        }
    };
    let is_signed_exactly = |number: &Number| {
        number.is_exactly_representable()
            && match cryptosuite {
                Cryptosuite::EddsaJcs2022 => true,
                // JSON-LD writes an integer as xsd:integer (the form just checked) and anything
                // else, or a number typed xsd:double, with sixteen significant digits: the
                // literal must still denote the same double (0.30000000000000004 becomes
                // 3.0E-1, which is 0.3).
                Cryptosuite::EddsaRdfc2022 | Cryptosuite::LegacyEd25519Signature2020 => {
                    let double = number.as_f64();
                    // Integers below 2^53 have at most 16 digits: their literal is exact.
                    double.fract() == 0.0 && double.abs() < 9_007_199_254_740_992.0
                        || ler_jsonld::canonical_double(double)
                            .parse::<f64>()
                            .is_ok_and(|literal| literal.to_bits() == double.to_bits())
                }
            }
    };
    if let Value::Number(number) = value
        && !is_signed_exactly(number)
    {
        return Err(refuse(&[], number));
    }
    let mut path: Vec<Step<'_>> = Vec::new();
    let mut stack: Vec<_> = children(value).into_iter().collect();
    while let Some(top) = stack.last_mut() {
        let Some((step, child)) = top.next() else {
            stack.pop();
            path.pop();
            continue;
        };
        if let Value::Number(number) = child
            && !is_signed_exactly(number)
        {
            path.push(step);
            return Err(refuse(&path, number));
        }
        if let Some(grandchildren) = children(child) {
            path.push(step);
            stack.push(grandchildren);
        }
    }
    Ok(())
}

/// Puts `prefix` in front of an [`ProofError::InexactNumber`]'s pointer.
fn prefix_pointer(error: ProofError, prefix: &Pointer) -> ProofError {
    match error {
        ProofError::InexactNumber {
            pointer,
            in_proof,
            text,
            signed,
            cryptosuite,
        } => ProofError::InexactNumber {
            pointer: format!("{prefix}{pointer}"),
            in_proof,
            text,
            signed,
            cryptosuite,
        },
        other => other,
    }
}

pub(super) fn invalid(pointer: &str, reason: impl Into<String>) -> ProofError {
    ProofError::InvalidMember {
        pointer: pointer.into(),
        reason: reason.into(),
    }
}

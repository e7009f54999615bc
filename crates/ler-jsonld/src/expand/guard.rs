//! The spelling guard: what a verifier's checks read must be written the one way they read it.
//!
//! Under `eddsa-rdfc-2022` a signature binds the RDF dataset, not the JSON text, so the same
//! signed statements can be written many ways: a property as its full IRI or a compact IRI, under
//! `@nest`, through an alias an inline context defines, as a value object, in a `@set`, on
//! another JSON object that carries the same `@id`, or from the other end with `@reverse`. A
//! check that looks for `credentialStatus` by its usual name would not see the status written any
//! of these other ways, and the signature would still verify. The guard makes the JSON-LD
//! processing that the cryptosuite does anyway refuse every such form for the terms a caller
//! lists, so the checks can keep reading the plain JSON: what they read is all there is.

use std::sync::atomic::{AtomicU64, Ordering};

use super::context::{FnvMap, TermDef};
use super::value::Str;

use super::JsonLdError;

/// The terms a caller's checks read by name, each with the one IRI it must mean; with
/// [`Options::with_guard`](super::Options::with_guard), processing refuses (with
/// [`JsonLdError::NonStandardForm`]) every document that writes one of them another way:
///
/// - a key that expands to a guarded IRI but is not its term (a full IRI, a compact IRI, an
///   alias);
/// - a `type` value that expands to a guarded IRI but is not written as its term;
/// - a keyword written through an alias (only `id` for `@id` and `type` for `@type` are read),
///   and the `@nest` and `@reverse` keywords, which move statements away from where they are read;
/// - a value object, `@set` or `@list` as the value of a guarded property;
/// - a node object, other than the document's root, that has the root's `@id` and says more than
///   that id (it would add statements to the root from elsewhere).
///
/// A guarded term that means another IRI where it stands (a general word such as
/// `achievement`, or any term under a catch-all `@vocab`) is not refused: a check that reads it
/// reads data it would otherwise not have, which can only make the check stricter, and the
/// protected credential contexts keep the core terms from being redefined where they apply.
///
/// ```
/// use ler_jsonld::{JsonLdError, Options, SpellingGuard, to_rdf};
/// use ler_model::json;
///
/// let guard = SpellingGuard::new([(
///     "https://www.w3.org/2018/credentials#validUntil",
///     "validUntil",
/// )]);
/// let plain = json::parse(br#"{
///     "@context": "https://www.w3.org/ns/credentials/v2",
///     "type": "VerifiableCredential",
///     "validUntil": "2020-01-01T00:00:00Z"
/// }"#)?;
/// assert!(to_rdf(&plain, &Options::safe().with_guard(&guard)).is_ok());
///
/// // The same statement, written as a full IRI: same RDF, refused.
/// let respelled = json::parse(br#"{
///     "@context": "https://www.w3.org/ns/credentials/v2",
///     "type": "VerifiableCredential",
///     "https://www.w3.org/2018/credentials#validUntil": {
///         "@value": "2020-01-01T00:00:00Z",
///         "@type": "http://www.w3.org/2001/XMLSchema#dateTime"
///     }
/// }"#)?;
/// let error = to_rdf(&respelled, &Options::safe().with_guard(&guard)).unwrap_err();
/// assert!(matches!(error, JsonLdError::NonStandardForm { .. }));
/// assert_eq!(error.pointer(), "/https:~1~1www.w3.org~12018~1credentials#validUntil");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct SpellingGuard {
    /// IRI to the term that must spell it. Looked up for every property of every document
    /// processed, so with the fast in-crate hash: the keys are fixed when the guard is built,
    /// so input cannot choose colliding ones.
    by_iri: FnvMap<String, String>,
    /// Tells this guard's answers remembered on term definitions from another guard's (a copy
    /// keeps the id: it says the same).
    id: u64,
}

/// Ids of guards: each [`SpellingGuard::new`] takes the next (0 is the empty default's).
static NEXT_GUARD_ID: AtomicU64 = AtomicU64::new(1);

impl SpellingGuard {
    /// A guard over `(iri, term)` pairs.
    pub fn new<I, T>(terms: impl IntoIterator<Item = (I, T)>) -> Self
    where
        I: Into<String>,
        T: Into<String>,
    {
        Self {
            id: NEXT_GUARD_ID.fetch_add(1, Ordering::Relaxed),
            by_iri: terms
                .into_iter()
                .map(|(iri, term)| (iri.into(), term.into()))
                .collect(),
        }
    }

    /// Whether `iri` is guarded.
    pub fn guards(&self, iri: &str) -> bool {
        self.by_iri.contains_key(iri)
    }

    /// The term that must spell `iri`, when `iri` is guarded (one lookup for both questions
    /// [`accepts`](Self::accepts) and [`guards`](Self::guards) answer).
    pub(crate) fn term_for(&self, iri: &str) -> Option<&str> {
        self.by_iri.get(iri).map(String::as_str)
    }

    /// [`term_for`](Self::term_for) the IRI of `def` (which is `iri`), answered once per
    /// definition and remembered on it.
    pub(crate) fn term_for_def<'a>(&'a self, def: &'a TermDef, iri: &str) -> Option<&'a str> {
        let (id, term) = def
            .guarded
            .0
            .get_or_init(|| (self.id, self.term_for(iri).map(Str::from)));
        if *id == self.id {
            term.as_deref()
        } else {
            self.term_for(iri)
        }
    }

    /// Whether `written`, which expanded to `iri`, is acceptable: `iri` is not guarded, or
    /// `written` is its term.
    pub(crate) fn accepts(&self, written: &str, iri: &str) -> bool {
        self.by_iri.get(iri).is_none_or(|term| term == written)
    }

    /// The error for `written` (which means `iri`) at `pointer`.
    pub(crate) fn refuse_term(&self, written: &str, iri: &str, pointer: String) -> JsonLdError {
        let term = self.by_iri.get(iri).map_or("", String::as_str);
        let reason = format!("it means {iri}, which a check reads only when written as {term:?}");
        JsonLdError::NonStandardForm {
            written: written.to_owned(),
            reason,
            pointer,
        }
    }
}

/// Whether a keyword written as `written` is read by the checks: the keyword itself, or the
/// `id` and `type` aliases every credential context defines.
pub(crate) fn keyword_spelling_ok(written: &str, keyword: &str) -> bool {
    written == keyword
        || (written == "id" && keyword == "@id")
        || (written == "type" && keyword == "@type")
}

/// The error for a keyword the guard refuses.
pub(crate) fn refuse_keyword(written: &str, keyword: &str, pointer: String) -> JsonLdError {
    let reason = match keyword {
        "@nest" | "@reverse" => {
            format!("{keyword} moves statements away from where the checks read them")
        }
        _ => format!("an alias of {keyword}; write {keyword} (or id/type) instead"),
    };
    JsonLdError::NonStandardForm {
        written: written.to_owned(),
        reason,
        pointer,
    }
}

/// The error for a guarded property whose value is wrapped (a value object, `@set`, `@list`).
pub(crate) fn refuse_wrapped(written: &str, wrapper: &str, pointer: String) -> JsonLdError {
    JsonLdError::NonStandardForm {
        written: written.to_owned(),
        reason: format!("its value is wrapped in {wrapper}; a check reads it only as plain JSON"),
        pointer,
    }
}

/// The error for a node that adds statements to the document's root from elsewhere.
pub(crate) fn refuse_split_root(id: &str, pointer: String) -> JsonLdError {
    JsonLdError::NonStandardForm {
        written: id.to_owned(),
        reason: "a node with the root's @id that adds statements to the root from elsewhere"
            .to_owned(),
        pointer,
    }
}

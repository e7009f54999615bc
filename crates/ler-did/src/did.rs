//! did:key, did:web, controller documents and the [`Resolver`] trait.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use ler_model::json::{Object, Value};

use crate::keys::{Ed25519PublicKey, KeyError};
use crate::multibase::{ED25519_PUB_PREFIX, MultibaseError, decode_base58btc};

mod web;

pub use web::{DidWebResolver, DocumentFetcher, FetchError, MemoryFetcher, did_web_url};

/// A verification relationship: what a controller document allows a verification method to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Relationship {
    /// `authentication`
    Authentication,
    /// `assertionMethod`: issuing credentials.
    AssertionMethod,
    /// `keyAgreement`
    KeyAgreement,
    /// `capabilityInvocation`
    CapabilityInvocation,
    /// `capabilityDelegation`
    CapabilityDelegation,
}

impl Relationship {
    /// Every relationship, in the order DID Core lists them.
    pub const ALL: [Relationship; 5] = [
        Relationship::Authentication,
        Relationship::AssertionMethod,
        Relationship::KeyAgreement,
        Relationship::CapabilityInvocation,
        Relationship::CapabilityDelegation,
    ];

    /// The property name, which is also the `proofPurpose` value: `assertionMethod`, ….
    pub fn name(self) -> &'static str {
        match self {
            Relationship::Authentication => "authentication",
            Relationship::AssertionMethod => "assertionMethod",
            Relationship::KeyAgreement => "keyAgreement",
            Relationship::CapabilityInvocation => "capabilityInvocation",
            Relationship::CapabilityDelegation => "capabilityDelegation",
        }
    }

    /// The relationship named `name`, if it is one.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }
}

impl fmt::Display for Relationship {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A dereferenced verification method: its key, its controller, and the relationships its
/// controller document lists it under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedMethod {
    /// The verification method id (absolute URL).
    pub id: String,
    /// Its `controller`.
    pub controller: String,
    /// The public key.
    pub public_key: Ed25519PublicKey,
    /// The relationships the controller document lists this method under. Empty when the
    /// method's `controller` is not the document it was found in (the document cannot speak for
    /// another controller).
    pub relationships: Vec<Relationship>,
    /// The method's `revoked` time as written, if it has one (Controller Documents 1.0): from
    /// that time on it verifies nothing. The verifier compares it with the verification time.
    pub revoked: Option<String>,
    /// The method's `expires` time as written, if it has one: from that time on it verifies
    /// nothing.
    pub expires: Option<String>,
}

impl ResolvedMethod {
    /// Whether the controller document allows this method for `relationship`.
    pub fn allows(&self, relationship: Relationship) -> bool {
        self.relationships.contains(&relationship)
    }

    /// Why the method may not verify anything at `now`, if so: its `revoked` or `expires` time
    /// is at or before `now`, or is not a valid date-time (Controller Documents 1.0). A future
    /// time is no problem. Without a clock (`now` is `None`) a method carrying either time
    /// cannot be cleared: [`MethodTimeProblem::NoClock`].
    pub fn time_problem(&self, now: Option<ler_model::date::Instant>) -> Option<MethodTimeProblem> {
        for (property, value) in [("revoked", &self.revoked), ("expires", &self.expires)] {
            let Some(text) = value else { continue };
            let instant = match ler_model::date::parse_date_time(text) {
                Ok((instant, _)) => instant,
                Err(e) => {
                    return Some(MethodTimeProblem::Malformed {
                        property,
                        reason: format!("{text:?}: {e}"),
                    });
                }
            };
            let Some(now) = now else {
                return Some(MethodTimeProblem::NoClock { property });
            };
            if instant <= now {
                return Some(MethodTimeProblem::Passed {
                    property,
                    at: text.clone(),
                });
            }
        }
        None
    }
}

/// Why a verification method may not verify at the verification time
/// ([`ResolvedMethod::time_problem`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MethodTimeProblem {
    /// `revoked` or `expires` is at or before the verification time.
    #[error("the verification method is {} since {at}", if *.property == "revoked" { "revoked" } else { "expired" })]
    Passed {
        /// `revoked` or `expires`.
        property: &'static str,
        /// The time as written.
        at: String,
    },
    /// `revoked` or `expires` is not a valid date-time.
    #[error("the verification method's {property} is not a valid date-time: {reason}")]
    Malformed {
        /// `revoked` or `expires`.
        property: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The method carries `revoked` or `expires` and there is no clock to compare it with.
    #[error("the verification method has {property}, and there is no clock to compare it with")]
    NoClock {
        /// `revoked` or `expires`.
        property: &'static str,
    },
}

/// Why a verification method could not be dereferenced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// The URL is not a verification method URL this resolver can read.
    #[error("{url:?} is not a valid verification method URL: {reason}")]
    InvalidUrl {
        /// The URL.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// No controller document, or no such method in it.
    #[error("verification method {url:?} not found: {reason}")]
    NotFound {
        /// The URL.
        url: String,
        /// What was missing.
        reason: String,
    },
    /// A DID method (or URL scheme) this resolver does not handle.
    #[error("DID method or URL scheme {method:?} is not supported by this resolver")]
    UnsupportedMethod {
        /// The method (`did:web`, `https`, …).
        method: String,
    },
    /// The controller document or verification method is malformed.
    #[error("invalid controller document for {url:?} at {pointer:?}: {reason}")]
    InvalidDocument {
        /// The URL being dereferenced.
        url: String,
        /// JSON pointer into the controller document.
        pointer: String,
        /// What is wrong.
        reason: String,
    },
    /// The method holds a key other than Ed25519.
    #[error("verification method {url:?} holds an unsupported key ({key_type})")]
    UnsupportedKeyType {
        /// The URL.
        url: String,
        /// The key type or multicodec found.
        key_type: String,
    },
    /// Fetching the controller document failed (network resolvers).
    #[error("could not fetch the controller document for {url:?}: {message}")]
    Transport {
        /// The URL.
        url: String,
        /// The transport's message.
        message: String,
    },
}

/// Dereferences verification method URLs to keys. Synchronous: a network resolver (did:web)
/// blocks; callers in async code run verification on a blocking thread.
///
/// Resolvers compose: here, one that knows a single issuer's keys and leaves every other URL
/// to `did:key`.
///
/// ```
/// use ler_did::{DidKeyResolver, Ed25519KeyPair, MemoryResolver, ResolveError, ResolvedMethod, Resolver};
///
/// struct Registry {
///     known: MemoryResolver,
/// }
///
/// impl Resolver for Registry {
///     fn resolve_verification_method(&self, url: &str) -> Result<ResolvedMethod, ResolveError> {
///         match self.known.resolve_verification_method(url) {
///             Err(ResolveError::UnsupportedMethod { .. } | ResolveError::NotFound { .. }) => {
///                 DidKeyResolver.resolve_verification_method(url)
///             }
///             found => found,
///         }
///     }
/// }
///
/// let key = Ed25519KeyPair::generate()?.public_key();
/// let registry = Registry { known: MemoryResolver::new() };
/// let method = registry.resolve_verification_method(&key.did_key_url())?;
/// assert_eq!(method.public_key, key);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Resolver {
    /// Dereferences `url` (for example `did:key:z6Mk…#z6Mk…`).
    fn resolve_verification_method(&self, url: &str) -> Result<ResolvedMethod, ResolveError>;
}

impl<R: Resolver + ?Sized> Resolver for &R {
    fn resolve_verification_method(&self, url: &str) -> Result<ResolvedMethod, ResolveError> {
        (**self).resolve_verification_method(url)
    }
}

impl<R: Resolver + ?Sized> Resolver for Box<R> {
    fn resolve_verification_method(&self, url: &str) -> Result<ResolvedMethod, ResolveError> {
        (**self).resolve_verification_method(url)
    }
}

impl<R: Resolver + ?Sized> Resolver for Arc<R> {
    fn resolve_verification_method(&self, url: &str) -> Result<ResolvedMethod, ResolveError> {
        (**self).resolve_verification_method(url)
    }
}

/// Resolves `did:key` (Ed25519) offline. Any other URL is [`ResolveError::UnsupportedMethod`].
///
/// ```
/// use ler_did::{DidKeyResolver, Ed25519KeyPair, Relationship, ResolveError, Resolver};
///
/// let key = Ed25519KeyPair::generate()?.public_key();
/// let method = DidKeyResolver.resolve_verification_method(&key.did_key_url())?;
/// assert_eq!(method.controller, key.did_key());
/// assert!(method.allows(Relationship::AssertionMethod));
/// assert!(matches!(
///     DidKeyResolver.resolve_verification_method("did:web:college.example#key-1"),
///     Err(ResolveError::UnsupportedMethod { .. })
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct DidKeyResolver;

impl Resolver for DidKeyResolver {
    fn resolve_verification_method(&self, url: &str) -> Result<ResolvedMethod, ResolveError> {
        resolve_did_key(url)
    }
}

const DID_KEY: &str = "did:key:";

/// The DID document of an Ed25519 `did:key`, with one Multikey verification method listed under
/// `authentication`, `assertionMethod`, `capabilityInvocation` and `capabilityDelegation`.
pub fn did_key_document(key: &Ed25519PublicKey) -> Value {
    let did = key.did_key();
    let vm_id = key.did_key_url();
    let mut vm = Object::new();
    vm.insert("id", vm_id.as_str());
    vm.insert("type", "Multikey");
    vm.insert("controller", did.as_str());
    vm.insert("publicKeyMultibase", key.to_multibase());
    let mut doc = Object::new();
    doc.insert(
        "@context",
        vec![
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/multikey/v1",
        ],
    );
    doc.insert("id", did);
    doc.insert("verificationMethod", Value::Array(vec![Value::Object(vm)]));
    for relationship in [
        Relationship::Authentication,
        Relationship::AssertionMethod,
        Relationship::CapabilityInvocation,
        Relationship::CapabilityDelegation,
    ] {
        doc.insert(relationship.name(), vec![vm_id.as_str()]);
    }
    Value::Object(doc)
}

/// Reads the public key of an Ed25519 `did:key` DID or DID URL (`did:key:z6Mk…`,
/// `did:key:z6Mk…#z6Mk…`).
pub fn did_key_public_key(did_or_url: &str) -> Result<Ed25519PublicKey, ResolveError> {
    let url = did_or_url;
    let rest = url
        .strip_prefix(DID_KEY)
        .ok_or_else(|| ResolveError::InvalidUrl {
            url: url.into(),
            reason: "not a did:key URL".into(),
        })?;
    let (identifier, fragment) = match rest.split_once('#') {
        Some((id, fragment)) => (id, Some(fragment)),
        None => (rest, None),
    };
    if identifier.contains(['/', '?', ';']) {
        return Err(ResolveError::InvalidUrl {
            url: url.into(),
            reason: "did:key URLs carry no path, query or parameters".into(),
        });
    }
    if let Some(fragment) = fragment
        && fragment != identifier
    {
        // The fragment names a key other than the DID's own: not a missing method but a wrong
        // one, so the proof is invalid rather than undecided.
        return Err(ResolveError::InvalidUrl {
            url: url.into(),
            reason: "the fragment names another key than the DID: the only verification method of an Ed25519 did:key is #<its multibase key>"
                .into(),
        });
    }
    if let Some(key) = key_cache::get(identifier) {
        return Ok(key);
    }
    // Decode with room for any multicodec, to tell "another key type" from "garbage".
    let bytes = decode_base58btc(identifier, 256).map_err(|e| match e {
        MultibaseError::NotBase58Btc(_) => ResolveError::InvalidUrl {
            url: url.into(),
            reason: "a did:key identifier is multibase base58btc ('z…')".into(),
        },
        other => ResolveError::InvalidUrl {
            url: url.into(),
            reason: other.to_string(),
        },
    })?;
    if !bytes.starts_with(&ED25519_PUB_PREFIX) {
        let codec = bytes
            .get(..2)
            .map(|p| format!("multicodec 0x{:02x}{:02x}", p[0], p[1]));
        return Err(ResolveError::UnsupportedKeyType {
            url: url.into(),
            key_type: codec.unwrap_or_else(|| "empty key".into()),
        });
    }
    let key =
        Ed25519PublicKey::from_multibase(identifier).map_err(|e| ResolveError::InvalidUrl {
            url: url.into(),
            reason: e.to_string(),
        })?;
    key_cache::put(identifier, key);
    Ok(key)
}

/// Decoded did:key keys. Reading a key decompresses an Edwards point, which costs about a third
/// of a signature check; issuers repeat, so each key is decoded once per process. The mapping is
/// a pure function of the identifier, so sharing it cannot leak or mix anything up.
mod key_cache {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::sync::{OnceLock, RwLock};

    use crate::keys::Ed25519PublicKey;

    /// Entries kept; the cache is emptied when full, so memory stays bounded whatever arrives.
    const CAPACITY: usize = 4096;

    fn cache() -> &'static RwLock<HashMap<Box<str>, Ed25519PublicKey>> {
        static CACHE: OnceLock<RwLock<HashMap<Box<str>, Ed25519PublicKey>>> = OnceLock::new();
        CACHE.get_or_init(|| RwLock::new(HashMap::new()))
    }

    thread_local! {
        /// The key this thread read last: credentials come in runs from one issuer, and a hit
        /// here touches no lock, so threads verifying side by side do not contend for the
        /// shared map's cache line.
        static LAST: RefCell<Option<(Box<str>, Ed25519PublicKey)>> = const { RefCell::new(None) };
    }

    pub(super) fn get(identifier: &str) -> Option<Ed25519PublicKey> {
        let last = LAST.with(|last| match &*last.borrow() {
            Some((id, key)) if **id == *identifier => Some(*key),
            _ => None,
        });
        if last.is_some() {
            return last;
        }
        let key = cache().read().ok()?.get(identifier).copied()?;
        remember(identifier, key);
        Some(key)
    }

    fn remember(identifier: &str, key: Ed25519PublicKey) {
        LAST.with(|last| *last.borrow_mut() = Some((identifier.into(), key)));
    }

    pub(super) fn put(identifier: &str, key: Ed25519PublicKey) {
        remember(identifier, key);
        if let Ok(mut map) = cache().write() {
            if map.len() >= CAPACITY {
                map.clear();
            }
            map.insert(identifier.into(), key);
        }
    }
}

fn resolve_did_key(url: &str) -> Result<ResolvedMethod, ResolveError> {
    if !url.starts_with(DID_KEY) {
        return Err(ResolveError::UnsupportedMethod {
            method: method_of(url),
        });
    }
    if !url.contains('#') {
        return Err(ResolveError::InvalidUrl {
            url: url.into(),
            reason: "a verification method URL needs a fragment (#z6Mk…)".into(),
        });
    }
    let public_key = did_key_public_key(url)?;
    // did_key_public_key checked that the URL is did:key:<key>#<key>, so it is its own id and
    // the DID before the fragment is the controller (no re-encoding needed).
    let controller = url.split_once('#').map_or(url, |(did, _)| did);
    Ok(ResolvedMethod {
        id: url.to_owned(),
        controller: controller.to_owned(),
        public_key,
        relationships: vec![
            Relationship::Authentication,
            Relationship::AssertionMethod,
            Relationship::CapabilityInvocation,
            Relationship::CapabilityDelegation,
        ],
        revoked: None,
        expires: None,
    })
}

/// `did:web`, `did:key`, `https`, …: for messages.
fn method_of(url: &str) -> String {
    if let Some(rest) = url.strip_prefix("did:") {
        let method = rest.split(':').next().unwrap_or("");
        format!("did:{method}")
    } else {
        url.split(':').next().unwrap_or("").to_owned()
    }
}

/// Controller documents (DID documents, or the documents of `https` issuers) held in memory,
/// read as plain JSON; `did:key` is resolved offline as well (unless turned off).
///
/// Verification methods of type `Multikey` and `Ed25519VerificationKey2020` (`publicKeyMultibase`),
/// `Ed25519VerificationKey2018` (`publicKeyBase58`) and `JsonWebKey` / `JsonWebKey2020`
/// (`publicKeyJwk`, OKP Ed25519) are understood.
#[derive(Debug, Clone)]
pub struct MemoryResolver {
    documents: HashMap<String, Value>,
    did_key: bool,
}

impl Default for MemoryResolver {
    fn default() -> Self {
        Self::new()
    }
}

impl MemoryResolver {
    /// An empty map that resolves `did:key` offline.
    pub fn new() -> Self {
        Self {
            documents: HashMap::new(),
            did_key: true,
        }
    }

    /// Turns offline `did:key` resolution on or off.
    pub fn with_did_key(mut self, enabled: bool) -> Self {
        self.did_key = enabled;
        self
    }

    /// Adds a controller document under its own `id`. Returns the id.
    pub fn insert_document(&mut self, document: Value) -> Result<String, ResolveError> {
        let id = document
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| ResolveError::InvalidDocument {
                url: String::new(),
                pointer: "/id".into(),
                reason: "a controller document needs a string id".into(),
            })?
            .to_owned();
        self.documents.insert(id.clone(), document);
        Ok(id)
    }

    /// How many documents are held.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    /// Whether no document is held.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }
}

impl Resolver for MemoryResolver {
    fn resolve_verification_method(&self, url: &str) -> Result<ResolvedMethod, ResolveError> {
        let base = url.split_once('#').map_or(url, |(base, _)| base);
        match self.documents.get(base) {
            Some(document) => method_from_document(document, url),
            None if self.did_key && url.starts_with(DID_KEY) => resolve_did_key(url),
            None => Err(ResolveError::NotFound {
                url: url.into(),
                reason: format!("no controller document for {base:?}"),
            }),
        }
    }
}

/// Finds the verification method `url` in `document` (the controller document at the URL's base)
/// and reads its key and relationships.
pub fn method_from_document(document: &Value, url: &str) -> Result<ResolvedMethod, ResolveError> {
    let invalid = |pointer: String, reason: &str| ResolveError::InvalidDocument {
        url: url.into(),
        pointer,
        reason: reason.into(),
    };
    let Some((base, fragment)) = url.split_once('#') else {
        return Err(ResolveError::InvalidUrl {
            url: url.into(),
            reason: "a verification method URL needs a fragment".into(),
        });
    };
    let doc = document
        .as_object()
        .ok_or_else(|| invalid(String::new(), "not a JSON object"))?;
    match doc.get("id").and_then(Value::as_str) {
        Some(id) if id == base => {}
        Some(_) => {
            return Err(invalid(
                "/id".into(),
                "the document's id is not the URL it was fetched for",
            ));
        }
        None => return Err(invalid("/id".into(), "missing, or not a string")),
    }
    let matches_url = |candidate: &str| {
        candidate == url || candidate.strip_prefix('#').is_some_and(|f| f == fragment)
    };

    let found = find_method(doc, base, &matches_url, &invalid)?;
    let Some((pointer, vm)) = found else {
        return Err(ResolveError::NotFound {
            url: url.into(),
            reason: "the controller document has no such verification method".into(),
        });
    };
    let controller = vm
        .get("controller")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid(format!("{pointer}/controller"), "missing, or not a string"))?
        .to_owned();
    let public_key = key_of_method(vm, &pointer, url)?;
    // A document speaks only for its own methods.
    let relationships = if controller == base {
        relationships_of(doc, &matches_url)
    } else {
        Vec::new()
    };
    let time = |name: &str| -> Result<Option<String>, ResolveError> {
        match vm.get(name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            // Not a string: unreadable, so the method cannot be cleared.
            Some(_) => Err(invalid(
                format!("{pointer}/{name}"),
                "not a date-time string",
            )),
        }
    };
    Ok(ResolvedMethod {
        id: url.to_owned(),
        controller,
        public_key,
        relationships,
        revoked: time("revoked")?,
        expires: time("expires")?,
    })
}

/// The method `matches_url` names, in `verificationMethod` or embedded in a relationship, with
/// its JSON pointer.
fn find_method<'d>(
    doc: &'d Object,
    base: &str,
    matches_url: &dyn Fn(&str) -> bool,
    invalid: &dyn Fn(String, &str) -> ResolveError,
) -> Result<Option<(String, &'d Object)>, ResolveError> {
    // The method itself: in verificationMethod, or embedded in a relationship. A method id
    // names one method in the document (relative ids read against its base): two different
    // methods under one id make the document invalid, since which key signs would depend on
    // the order of reading. The same method repeated verbatim (listed under verificationMethod
    // and embedded under a relationship, as published documents do) is one method.
    let mut found: Option<(String, &Object)> = None;
    let mut seen: HashMap<String, &Object> = HashMap::new();
    let mut sections = vec!["verificationMethod"];
    sections.extend(Relationship::ALL.iter().map(|r| r.name()));
    for section in sections {
        for (i, entry) in entries(doc.get(section)).enumerate() {
            let Value::Object(vm) = entry else { continue };
            let pointer = match doc.get(section) {
                Some(Value::Array(_)) => format!("/{section}/{i}"),
                _ => format!("/{section}"),
            };
            let Some(id) = vm.get("id").and_then(Value::as_str) else {
                continue;
            };
            let absolute = match id.strip_prefix('#') {
                Some(fragment) => format!("{base}#{fragment}"),
                None => id.to_owned(),
            };
            match seen.get(&absolute) {
                Some(earlier) if *earlier != vm => {
                    return Err(invalid(
                        format!("{pointer}/id"),
                        "two different verification methods share this id",
                    ));
                }
                Some(_) => {}
                None => {
                    seen.insert(absolute, vm);
                }
            }
            if matches_url(id) && found.is_none() {
                found = Some((pointer, vm));
            }
        }
    }
    Ok(found)
}

/// The relationships under which the document lists the method `matches_url` names, by
/// reference or embedded.
fn relationships_of(doc: &Object, matches_url: &dyn Fn(&str) -> bool) -> Vec<Relationship> {
    Relationship::ALL
        .into_iter()
        .filter(|relationship| {
            entries(doc.get(relationship.name())).any(|entry| match entry {
                Value::String(reference) => matches_url(reference),
                Value::Object(embedded) => embedded
                    .get("id")
                    .and_then(Value::as_str)
                    .is_some_and(matches_url),
                _ => false,
            })
        })
        .collect()
}

fn entries(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    let slice: &[Value] = match value {
        Some(Value::Array(items)) => items,
        Some(single) => std::slice::from_ref(single),
        None => &[],
    };
    slice.iter()
}

fn key_of_method(vm: &Object, pointer: &str, url: &str) -> Result<Ed25519PublicKey, ResolveError> {
    let key_error = |e: KeyError| match e {
        KeyError::WrongMulticodec { found, .. } => ResolveError::UnsupportedKeyType {
            url: url.into(),
            key_type: format!("multicodec 0x{found}"),
        },
        other => ResolveError::InvalidDocument {
            url: url.into(),
            pointer: pointer.into(),
            reason: other.to_string(),
        },
    };
    let member = |name: &str| -> Result<&str, ResolveError> {
        vm.get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| ResolveError::InvalidDocument {
                url: url.into(),
                pointer: format!("{pointer}/{name}"),
                reason: "missing, or not a string".into(),
            })
    };
    let kind = member("type")?;
    match kind {
        "Multikey" | "Ed25519VerificationKey2020" => Ed25519PublicKey::from_multibase_field(
            member("publicKeyMultibase")?,
            &format!("{pointer}/publicKeyMultibase"),
        )
        .map_err(key_error),
        "Ed25519VerificationKey2018" => {
            let text = member("publicKeyBase58")?;
            let bad = |reason: &str| ResolveError::InvalidDocument {
                url: url.into(),
                pointer: format!("{pointer}/publicKeyBase58"),
                reason: reason.into(),
            };
            if text.len() > 50 {
                return Err(bad("too long for a 32-byte key"));
            }
            let bytes = bs58::decode(text)
                .into_vec()
                .map_err(|_| bad("not base58"))?;
            let bytes: [u8; 32] = bytes
                .as_slice()
                .try_into()
                .map_err(|_| bad("not 32 bytes"))?;
            Ed25519PublicKey::from_bytes(&bytes).map_err(|_| bad("not a valid Ed25519 public key"))
        }
        "JsonWebKey" | "JsonWebKey2020" => {
            let jwk = vm
                .get("publicKeyJwk")
                .ok_or_else(|| ResolveError::InvalidDocument {
                    url: url.into(),
                    pointer: format!("{pointer}/publicKeyJwk"),
                    reason: "missing".into(),
                })?;
            let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or("");
            let crv = jwk.get("crv").and_then(Value::as_str).unwrap_or("");
            if kty != "OKP" || crv != "Ed25519" {
                return Err(ResolveError::UnsupportedKeyType {
                    url: url.into(),
                    key_type: format!("JWK kty {kty:?} crv {crv:?}"),
                });
            }
            Ed25519PublicKey::from_jwk_at(jwk, &format!("{pointer}/publicKeyJwk"))
                .map_err(key_error)
        }
        other => Err(ResolveError::UnsupportedKeyType {
            url: url.into(),
            key_type: other.into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Ed25519KeyPair;

    #[test]
    fn did_key_round_trip() {
        let key = Ed25519KeyPair::from_seed(&[9; 32]).public_key();
        let url = key.did_key_url();
        let method = DidKeyResolver.resolve_verification_method(&url).unwrap();
        assert_eq!(method.public_key, key);
        assert_eq!(method.controller, key.did_key());
        assert!(method.allows(Relationship::AssertionMethod));
        assert!(!method.allows(Relationship::KeyAgreement));
        let doc = did_key_document(&key);
        assert_eq!(method_from_document(&doc, &url).unwrap(), method);
    }

    #[test]
    fn cached_keys_stay_with_their_identifiers_on_every_thread() {
        // Alternating issuers defeat the per-thread last-key entry each time; the shared map
        // and a fresh thread must still give each identifier its own key.
        let keys: Vec<_> = (0..3u8)
            .map(|i| Ed25519KeyPair::from_seed(&[40 + i; 32]).public_key())
            .collect();
        let resolve = |k: &crate::keys::Ed25519PublicKey| {
            DidKeyResolver
                .resolve_verification_method(&k.did_key_url())
                .unwrap()
                .public_key
        };
        for _ in 0..3 {
            for k in keys.iter().chain(keys.iter().rev()) {
                assert_eq!(resolve(k), *k);
            }
        }
        std::thread::scope(|s| {
            s.spawn(|| {
                for k in keys.iter().rev() {
                    assert_eq!(resolve(k), *k);
                }
            });
        });
    }

    #[test]
    fn did_key_errors_are_precise() {
        let key = Ed25519KeyPair::from_seed(&[9; 32])
            .public_key()
            .to_multibase();
        let r = DidKeyResolver;
        assert!(matches!(
            r.resolve_verification_method(&format!("did:key:{key}#other")),
            Err(ResolveError::InvalidUrl { .. })
        ));
        assert!(matches!(
            r.resolve_verification_method("did:web:example.com#key-1"),
            Err(ResolveError::UnsupportedMethod { method }) if method == "did:web"
        ));
        // An X25519 did:key (multicodec 0xec) is another key type.
        let x25519 = "did:key:z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F#z6LSeu9HkTHSfLLeUs2nnzUSNedgDUevfNQgQjQC23ZCit6F";
        assert!(matches!(
            r.resolve_verification_method(x25519),
            Err(ResolveError::UnsupportedKeyType { .. })
        ));
        assert!(matches!(
            r.resolve_verification_method("did:key:zzz0#zzz0"),
            Err(ResolveError::InvalidUrl { .. })
        ));
    }

    #[test]
    fn memory_resolver_reads_method_kinds_and_relationships() {
        let key = Ed25519KeyPair::from_seed(&[1; 32]).public_key();
        let jwk = key.to_jwk().to_string();
        let mb = key.to_multibase();
        let doc = format!(
            r##"{{"id":"https://example.edu/issuers/1",
               "verificationMethod":[
                 {{"id":"#a","type":"Multikey","controller":"https://example.edu/issuers/1","publicKeyMultibase":"{mb}"}},
                 {{"id":"https://example.edu/issuers/1#b","type":"JsonWebKey","controller":"https://example.edu/issuers/1","publicKeyJwk":{jwk}}},
                 {{"id":"https://example.edu/issuers/1#c","type":"Ed25519VerificationKey2020","controller":"https://other.example","publicKeyMultibase":"{mb}"}},
                 {{"id":"#p256","type":"JsonWebKey","controller":"https://example.edu/issuers/1","publicKeyJwk":{{"kty":"EC","crv":"P-256"}}}}
               ],
               "assertionMethod":["#a","https://example.edu/issuers/1#c"],
               "authentication":["https://example.edu/issuers/1#b"]}}"##
        );
        let mut resolver = MemoryResolver::new();
        resolver
            .insert_document(ler_model::json::parse(doc.as_bytes()).unwrap())
            .unwrap();
        let a = resolver
            .resolve_verification_method("https://example.edu/issuers/1#a")
            .unwrap();
        assert_eq!(a.public_key, key);
        assert_eq!(a.relationships, [Relationship::AssertionMethod]);
        let b = resolver
            .resolve_verification_method("https://example.edu/issuers/1#b")
            .unwrap();
        assert_eq!(b.relationships, [Relationship::Authentication]);
        // Listed under assertionMethod, but controlled by someone else: no relationship counts.
        let c = resolver
            .resolve_verification_method("https://example.edu/issuers/1#c")
            .unwrap();
        assert!(c.relationships.is_empty());
        assert!(matches!(
            resolver.resolve_verification_method("https://example.edu/issuers/1#p256"),
            Err(ResolveError::UnsupportedKeyType { .. })
        ));
        assert!(matches!(
            resolver.resolve_verification_method("https://example.edu/issuers/1#zzz"),
            Err(ResolveError::NotFound { .. })
        ));
        assert!(matches!(
            resolver.resolve_verification_method("https://example.edu/issuers/2#a"),
            Err(ResolveError::NotFound { .. })
        ));
    }
}

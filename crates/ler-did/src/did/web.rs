//! `did:web`: the DID to URL mapping of the did:web method, and a resolver that reads DID
//! documents through any [`DocumentFetcher`] (HTTPS with the `http` feature, or documents held in
//! memory), so the resolution logic is the same with or without a network.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use ler_model::json::{ParseOptions, Value};

use super::{DID_KEY, ResolveError, ResolvedMethod, Resolver, method_from_document, method_of};

const DID_WEB: &str = "did:web:";

/// The most documents a [`DidWebResolver`] keeps; the cache is emptied when full, so memory stays
/// bounded whatever arrives.
const CACHE_CAPACITY: usize = 256;

/// The HTTPS URL of the DID document of a `did:web` DID, per the did:web method specification:
/// `did:web:example.com` → `https://example.com/.well-known/did.json`,
/// `did:web:example.com:user:alice` → `https://example.com/user/alice/did.json`, and a port
/// percent-encoded in the domain (`did:web:localhost%3A8443`).
///
/// The DID is checked, not repaired: an empty or malformed domain, an IP address (the method
/// forbids them), a bad port, an empty or dot path segment, a character outside the DID syntax,
/// or a fragment, query or path is [`ResolveError::InvalidUrl`].
///
/// ```
/// use ler_did::did_web_url;
///
/// assert_eq!(did_web_url("did:web:example.com")?, "https://example.com/.well-known/did.json");
/// assert_eq!(did_web_url("did:web:example.com:user:alice")?, "https://example.com/user/alice/did.json");
/// assert_eq!(did_web_url("did:web:localhost%3A8443")?, "https://localhost:8443/.well-known/did.json");
/// assert!(did_web_url("did:web:192.168.0.1").is_err());
/// # Ok::<(), ler_did::ResolveError>(())
/// ```
pub fn did_web_url(did: &str) -> Result<String, ResolveError> {
    let bad = |reason: &str| ResolveError::InvalidUrl {
        url: did.into(),
        reason: reason.into(),
    };
    let Some(identifier) = did.strip_prefix(DID_WEB) else {
        return Err(bad("not a did:web DID"));
    };
    if identifier.contains(['#', '?', '/', ';']) {
        return Err(bad(
            "a did:web DID carries no fragment, query, path or parameters",
        ));
    }
    let mut segments = identifier.split(':');
    let domain = segments.next().unwrap_or_default();
    let (host, port) = split_domain(domain).map_err(|reason| bad(&reason))?;
    let mut url = String::with_capacity(identifier.len() + 32);
    url.push_str("https://");
    url.push_str(&host.to_ascii_lowercase());
    if let Some(port) = port {
        url.push(':');
        url.push_str(&port.to_string());
    }
    let mut has_path = false;
    for segment in segments {
        check_segment(segment).map_err(|reason| bad(&reason))?;
        url.push('/');
        url.push_str(segment);
        has_path = true;
    }
    url.push_str(if has_path {
        "/did.json"
    } else {
        "/.well-known/did.json"
    });
    Ok(url)
}

/// The host and port of a did:web domain (`example.com`, `localhost%3A8443`).
fn split_domain(domain: &str) -> Result<(&str, Option<u16>), String> {
    if domain.is_empty() {
        return Err("the domain is empty".into());
    }
    // The only percent-encoding a domain may carry is the port's colon.
    let (host, port) = match find_ascii_case_insensitive(domain, "%3a") {
        Some(at) => {
            let host = domain.get(..at).unwrap_or_default();
            let port = domain.get(at + 3..).unwrap_or_default();
            (host, Some(port))
        }
        None => (domain, None),
    };
    if host.contains('%') {
        return Err("the domain may percent-encode only the port's colon (%3A)".into());
    }
    if host.is_empty() || host.len() > 253 {
        return Err("the host is empty or longer than 253 characters".into());
    }
    for label in host.split('.') {
        let valid = !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !valid {
            return Err(format!("{host:?} is not a valid domain name"));
        }
    }
    // Every spelling resolvers read as an IPv4 address (`2130706433`, `0x7f000001`,
    // `0177.0.0.1`, `127.1`), and any host whose last label is a number (as URL parsers treat
    // it), is an address, not a domain name.
    let last_label = host.rsplit('.').next().unwrap_or_default();
    if crate::outgoing::parse_numeric_ipv4(host).is_some()
        || crate::outgoing::parse_numeric_ipv4(last_label).is_some()
        || host
            .split('.')
            .all(|l| l.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err("the did:web method does not allow IP addresses (in any spelling)".into());
    }
    let port = match port {
        None => None,
        Some(text) => {
            let valid = !text.is_empty()
                && text.len() <= 5
                && text.bytes().all(|b| b.is_ascii_digit())
                && !text.starts_with('0');
            let number = text.parse::<u16>().ok().filter(|_| valid);
            match number {
                Some(p) if p > 0 => Some(p),
                _ => return Err(format!("{text:?} is not a port number")),
            }
        }
    };
    Ok((host, port))
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A path segment: DID `idchar`s (ALPHA / DIGIT / "." / "-" / "_" / pct-encoded), not empty,
/// not `.` or `..`.
fn check_segment(segment: &str) -> Result<(), String> {
    if segment.is_empty() {
        return Err("a path segment is empty".into());
    }
    if segment == "." || segment == ".." {
        return Err("a path segment may not be . or ..".into());
    }
    let bytes = segment.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                return Err(format!("{segment:?} has a bad percent-encoding"));
            }
            // An encoded slash would add a path level the DID does not show.
            if hex.is_some_and(|h| h.eq_ignore_ascii_case(b"2f")) {
                return Err(format!("{segment:?} encodes a slash"));
            }
            i += 3;
        } else if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
            i += 1;
        } else {
            return Err(format!(
                "{segment:?} has a character outside the DID syntax"
            ));
        }
    }
    Ok(())
}

/// Why a [`DocumentFetcher`] could not give a document's bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// Nothing at this URL (HTTP 404 or 410, or not held in memory).
    #[error("nothing found at {url}")]
    NotFound {
        /// The URL.
        url: String,
    },
    /// Another unsuccessful HTTP status.
    #[error("{url} answered with HTTP status {status}")]
    Status {
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The request breaks the fetcher's policy: a scheme other than https (http is allowed for
    /// loopback addresses only), a redirect to another host, too many redirects.
    #[error("refused to fetch {url}: {reason}")]
    Refused {
        /// The URL.
        url: String,
        /// Which rule it breaks.
        reason: String,
    },
    /// The response is larger than the fetcher's limit.
    #[error("the response from {url} is larger than {limit} bytes")]
    TooLarge {
        /// The URL.
        url: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// Connecting or reading took longer than the fetcher's timeout.
    #[error("timed out fetching {url}")]
    Timeout {
        /// The URL.
        url: String,
    },
    /// Any other transport failure (DNS, connection, TLS, protocol).
    #[error("could not fetch {url}: {message}")]
    Transport {
        /// The URL.
        url: String,
        /// The transport's message.
        message: String,
    },
}

impl FetchError {
    /// The URL that could not be fetched.
    pub fn url(&self) -> &str {
        match self {
            FetchError::NotFound { url }
            | FetchError::Status { url, .. }
            | FetchError::Refused { url, .. }
            | FetchError::TooLarge { url, .. }
            | FetchError::Timeout { url }
            | FetchError::Transport { url, .. } => url,
        }
    }
}

/// Gets the bytes at a URL: the transport under [`DidWebResolver`]. Synchronous, like
/// [`Resolver`]: callers in async code verify on a blocking thread.
///
/// Implemented by [`MemoryFetcher`] (documents given beforehand), by `HttpClient` with the `http`
/// feature, and by anything a caller writes (a cache, a pinned set, a test double).
pub trait DocumentFetcher: Send + Sync {
    /// The bytes at `url` (an `https` URL from [`did_web_url`]).
    fn fetch(&self, url: &str) -> Result<Vec<u8>, FetchError>;
}

impl<F: DocumentFetcher + ?Sized> DocumentFetcher for &F {
    fn fetch(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        (**self).fetch(url)
    }
}

impl<F: DocumentFetcher + ?Sized> DocumentFetcher for Box<F> {
    fn fetch(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        (**self).fetch(url)
    }
}

impl<F: DocumentFetcher + ?Sized> DocumentFetcher for Arc<F> {
    fn fetch(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        (**self).fetch(url)
    }
}

/// Documents held in memory by URL: offline did:web (a DID document saved beforehand, such as
/// the CLI's `--did-document FILE`), and tests.
#[derive(Debug, Clone, Default)]
pub struct MemoryFetcher {
    documents: HashMap<String, Vec<u8>>,
}

impl MemoryFetcher {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Holds `bytes` as the document at `url`.
    pub fn insert(&mut self, url: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.documents.insert(url.into(), bytes.into());
    }

    /// Holds a `did:web` DID document at the URL its `id` maps to. Returns the DID.
    pub fn insert_did_document(
        &mut self,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<String, ResolveError> {
        let bytes = bytes.into();
        let invalid = |reason: String| ResolveError::InvalidDocument {
            url: String::new(),
            pointer: "/id".into(),
            reason,
        };
        let value = ler_model::json::parse(&bytes).map_err(|e| ResolveError::InvalidDocument {
            url: String::new(),
            pointer: e.pointer().unwrap_or_default().to_owned(),
            reason: e.to_string(),
        })?;
        let did = value
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid("a DID document needs a string id".into()))?
            .to_owned();
        let url = did_web_url(&did)?;
        self.documents.insert(url, bytes);
        Ok(did)
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

impl DocumentFetcher for MemoryFetcher {
    fn fetch(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        self.documents
            .get(url)
            .cloned()
            .ok_or_else(|| FetchError::NotFound { url: url.into() })
    }
}

/// Resolves `did:web` verification methods by fetching DID documents through `F`, and `did:key`
/// offline (unless turned off).
///
/// A document is read as plain JSON (no remote contexts are fetched); its `id` must be the DID it
/// was fetched for. Verification methods of type `Multikey`, `Ed25519VerificationKey2020`,
/// `Ed25519VerificationKey2018` and `JsonWebKey` (OKP Ed25519) are understood, listed in
/// `verificationMethod` or embedded in a relationship, and referenced from `assertionMethod` or
/// `authentication` by absolute or relative (`#key-1`) id.
///
/// Documents are kept once fetched (at most 256, for this resolver's lifetime): make one
/// resolver per verification session, or call [`DidWebResolver::clear_cache`], so key rotations
/// are seen.
///
/// ```
/// use ler_did::{DidWebResolver, MemoryFetcher, Resolver};
///
/// let mut documents = MemoryFetcher::new();
/// documents.insert_did_document(br##"{
///     "id": "did:web:example.edu",
///     "verificationMethod": [{"id": "did:web:example.edu#key-1", "type": "Multikey",
///         "controller": "did:web:example.edu",
///         "publicKeyMultibase": "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"}],
///     "assertionMethod": ["#key-1"]
/// }"##.to_vec())?;
/// let resolver = DidWebResolver::new(documents);
/// let method = resolver.resolve_verification_method("did:web:example.edu#key-1")?;
/// assert_eq!(method.controller, "did:web:example.edu");
/// # Ok::<(), ler_did::ResolveError>(())
/// ```
pub struct DidWebResolver<F> {
    fetcher: F,
    did_key: bool,
    limits: ParseOptions,
    cache: Mutex<HashMap<String, Arc<Value>>>,
}

impl<F: fmt::Debug> fmt::Debug for DidWebResolver<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DidWebResolver")
            .field("fetcher", &self.fetcher)
            .field("did_key", &self.did_key)
            .finish_non_exhaustive()
    }
}

impl<F: DocumentFetcher> DidWebResolver<F> {
    /// A resolver fetching through `fetcher`, with offline `did:key` on.
    pub fn new(fetcher: F) -> Self {
        Self {
            fetcher,
            did_key: true,
            // DID documents are small: 1 MB and 32 levels are generous.
            limits: ParseOptions::new(1 << 20, 32),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Turns offline `did:key` resolution on or off.
    #[must_use]
    pub fn with_did_key(mut self, enabled: bool) -> Self {
        self.did_key = enabled;
        self
    }

    /// The fetcher.
    pub fn fetcher(&self) -> &F {
        &self.fetcher
    }

    /// Forgets every document fetched so far.
    pub fn clear_cache(&self) {
        if let Ok(mut cache) = self.cache.lock() {
            cache.clear();
        }
    }

    /// Fetches and checks the DID document of `did` (a `did:web` DID, no fragment): it must be a
    /// JSON object without duplicate keys whose `id` is `did`.
    pub fn resolve_document(&self, did: &str) -> Result<Arc<Value>, ResolveError> {
        if let Some(document) = self.cache.lock().ok().and_then(|c| c.get(did).cloned()) {
            return Ok(document);
        }
        let url = did_web_url(did)?;
        let bytes = self.fetcher.fetch(&url).map_err(|error| match error {
            FetchError::NotFound { .. } => ResolveError::NotFound {
                url: did.into(),
                reason: format!("no DID document at {url}"),
            },
            other => ResolveError::Transport {
                url: did.into(),
                message: other.to_string(),
            },
        })?;
        let document = ler_model::json::parse_with(&bytes, &self.limits).map_err(|e| {
            ResolveError::InvalidDocument {
                url: did.into(),
                pointer: e.pointer().unwrap_or_default().to_owned(),
                reason: format!("the document at {url} is not acceptable JSON: {e}"),
            }
        })?;
        match document.get("id") {
            Some(Value::String(id)) if id == did => {}
            Some(Value::String(id)) => {
                return Err(ResolveError::InvalidDocument {
                    url: did.into(),
                    pointer: "/id".into(),
                    reason: format!("the document at {url} is for {id}, not {did}"),
                });
            }
            _ => {
                return Err(ResolveError::InvalidDocument {
                    url: did.into(),
                    pointer: "/id".into(),
                    reason: "a DID document needs a string id".into(),
                });
            }
        }
        let document = Arc::new(document);
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= CACHE_CAPACITY {
                cache.clear();
            }
            cache.insert(did.to_owned(), Arc::clone(&document));
        }
        Ok(document)
    }
}

impl<F: DocumentFetcher> Resolver for DidWebResolver<F> {
    fn resolve_verification_method(&self, url: &str) -> Result<ResolvedMethod, ResolveError> {
        if self.did_key && url.starts_with(DID_KEY) {
            return super::resolve_did_key(url);
        }
        if !url.starts_with(DID_WEB) {
            return Err(ResolveError::UnsupportedMethod {
                method: method_of(url),
            });
        }
        let Some((did, _fragment)) = url.split_once('#') else {
            return Err(ResolveError::InvalidUrl {
                url: url.into(),
                reason: "a verification method URL needs a fragment (#key-1)".into(),
            });
        };
        let document = self.resolve_document(did)?;
        method_from_document(&document, url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_the_method_spec() {
        let cases = [
            (
                "did:web:w3c-ccg.github.io",
                "https://w3c-ccg.github.io/.well-known/did.json",
            ),
            (
                "did:web:w3c-ccg.github.io:user:alice",
                "https://w3c-ccg.github.io/user/alice/did.json",
            ),
            (
                "did:web:example.com%3A3000",
                "https://example.com:3000/.well-known/did.json",
            ),
            (
                "did:web:example.com%3a3000:u:bob",
                "https://example.com:3000/u/bob/did.json",
            ),
            (
                "did:web:Example.COM",
                "https://example.com/.well-known/did.json",
            ),
            (
                "did:web:example.com:a%20b",
                "https://example.com/a%20b/did.json",
            ),
        ];
        for (did, url) in cases {
            assert_eq!(did_web_url(did).unwrap(), url, "{did}");
        }
    }

    #[test]
    fn bad_dids_are_refused() {
        for did in [
            "did:web:",
            "did:key:z6Mk",
            "did:web:example.com#key-1",
            "did:web:example.com?v=1",
            "did:web:example.com/path",
            "did:web:example.com::alice",
            "did:web:example.com:",
            "did:web:example.com:..",
            "did:web:example.com:a%2Fb",
            "did:web:example.com:a%zz",
            "did:web:example.com:a@b",
            "did:web:127.0.0.1",
            "did:web:0x7f000001",
            "did:web:0X7F000001%3A8443",
            "did:web:2130706433",
            "did:web:0177.0.0.1",
            "did:web:127.1",
            "did:web:0x7f.1",
            "did:web:example.0x10",
            "did:web:10.1.2.3%3A443",
            "did:web:example.com%3A",
            "did:web:example.com%3A0",
            "did:web:example.com%3A65536",
            "did:web:example.com%3A08",
            "did:web:exa%2Dmple.com",
            "did:web:-example.com",
            "did:web:example..com",
            "did:web:exa_mple.com",
        ] {
            assert!(
                matches!(did_web_url(did), Err(ResolveError::InvalidUrl { .. })),
                "{did} was accepted"
            );
        }
    }
}

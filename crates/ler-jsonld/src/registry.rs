//! The offline, pinned registry of JSON-LD context documents (and other resources by URL).
//!
//! Every context the project handles is embedded in the binary with the SHA-256 digest it must
//! have; nothing is ever fetched. [`ContextRegistry::shared`] is built once, on first use, and
//! shared by every thread; [`ContextRegistry::add_context`] extends a copy in one call.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, LazyLock};

use ler_model::context;
use sha2::{Digest as _, Sha256, Sha384};

/// The 1EdTech validator's cached copy of the OB 3.0.3 context, which adds the terms `jti` and
/// `endorsementJwt` to the specification repository's copy. Not registered by default; a caller
/// who needs those terms opts in with
/// `registry.add_context(ler_model::context::OB_V3P0_3, OB_V3P0_3_0_3_VALIDATOR_COPY,
/// Some(OB_V3P0_3_0_3_VALIDATOR_COPY_SHA256))`.
pub const OB_V3P0_3_0_3_VALIDATOR_COPY: &[u8] =
    include_bytes!("../contexts/ob-v3p0-context-3.0.3.validator-copy.json");

/// SHA-256 (hex) of [`OB_V3P0_3_0_3_VALIDATOR_COPY`].
pub const OB_V3P0_3_0_3_VALIDATOR_COPY_SHA256: &str =
    "3d34f4d4ef1bce691106e63798beb5e7b862ba841423f5ee1e53ab7ddf3bca84";

/// One embedded context: URL, bytes, and the SHA-256 (hex) they must have.
struct Pinned {
    url: &'static str,
    bytes: &'static [u8],
    sha256: &'static str,
}

macro_rules! pinned {
    ($url:expr, $file:literal, $sha:literal) => {
        Pinned {
            url: $url,
            bytes: include_bytes!(concat!("../contexts/", $file)),
            sha256: $sha,
        }
    };
}

/// The embedded contexts. Sources and licences: `contexts/README.md`.
const PINNED: &[Pinned] = &[
    pinned!(
        context::VC_V2,
        "credentials-v2.jsonld",
        "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"
    ),
    pinned!(
        "https://www.w3.org/ns/credentials/examples/v2",
        "credentials-examples-v2.jsonld",
        "57393fbc69d6efb9b9b5dc9cb6b9880b0944360abfe2eaf459c9e58cf2279d7c"
    ),
    pinned!(
        "https://www.w3.org/ns/credentials/undefined-terms/v2",
        "credentials-undefined-terms-v2.jsonld",
        "82dab514ba44eb18f5d1b0f638c5e140c6a556fbfb5089601bdc0fa5eb8b2581"
    ),
    pinned!(
        context::VC_V1,
        "credentials-v1.jsonld",
        "ab4ddd9a531758807a79a5b450510d61ae8d147eab966cc9a200c07095b0cdcc"
    ),
    pinned!(
        "https://www.w3.org/2018/credentials/examples/v1",
        "credentials-examples-v1.jsonld",
        "2070ae4e75bc3b4c2cfe2b8b6e86ec45119672bbb5da283f0399ea96c60a0104"
    ),
    pinned!(
        context::DATA_INTEGRITY_V2,
        "data-integrity-v2.jsonld",
        "67f21e6e33a6c14e5ccfd2fc7865f7474fb71a04af7e94136cb399dfac8ae8f4"
    ),
    pinned!(
        context::DATA_INTEGRITY_V1,
        "data-integrity-v1.jsonld",
        "b5d829bd09aa7c42abc6efa0c8ed7635313b5487f37ccfce3ecd149ca9418554"
    ),
    pinned!(
        "https://w3id.org/security/multikey/v1",
        "multikey-v1.jsonld",
        "ba2c182de2d92f7e47184bcca8fcf0beaee6d3986c527bf664c195bbc7c58597"
    ),
    pinned!(
        "https://w3id.org/security/jwk/v1",
        "jwk-v1.jsonld",
        "0f14b62f6071aafe00df265770ea0c7508e118247d79b7d861a406d2aa00bece"
    ),
    pinned!(
        "https://www.w3.org/ns/credentials/status/v1",
        "credentials-status-v1.jsonld",
        "fda5add353231e6a6884a46b12e6c75464281900cb348284d9c360f62381d9f7"
    ),
    pinned!(
        "https://www.w3.org/ns/did/v1",
        "did-v1.jsonld",
        "4f3eae5568c9c5f036a082088f9e192019ee06faa78973c87ff91d5421b88dad"
    ),
    pinned!(
        "https://w3id.org/security/suites/ed25519-2020/v1",
        "ed25519-2020-v1.jsonld",
        "3db5c19efb0047a6edfd3b36e24346a8a3caad369d749e3c2d69e862696403e5"
    ),
    pinned!(
        "https://w3id.org/citizenship/v4rc1",
        "citizenship-v4rc1.jsonld",
        "5038c7383afd7ab2158f1b997913a8f60978a0abcf96e0b0d08e29f146d2db1e"
    ),
    pinned!(
        context::OB_V3P0_0,
        "ob-v3p0-context-3.0.0.json",
        "b077fa134d909d92c1dcd1c153f2af1b244aeb415967fdc1467d7fc5dd48ac10"
    ),
    pinned!(
        context::OB_V3P0_1,
        "ob-v3p0-context-3.0.1.json",
        "d582f3564282fb3b709136d28412e78e70b678b4dbc2f0221f67d84932748355"
    ),
    pinned!(
        context::OB_V3P0_2,
        "ob-v3p0-context-3.0.2.json",
        "00666ad080ba407687ed1846b7f5e7495f5019042b202a727de47c48a1755c53"
    ),
    pinned!(
        context::OB_V3P0_3,
        "ob-v3p0-context-3.0.3.json",
        "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761"
    ),
    pinned!(
        context::OB_V3P0_EXTENSIONS,
        "ob-v3p0-extensions.json",
        "146f85aa16effd7ca1da8056eb443f53ce1eca8a34186cb062832c0a97d889c3"
    ),
    pinned!(
        context::CLR_V2P0_0,
        "clr-v2p0-context.json",
        "e198d7b517d74c5036434ce495086f67b10244709e9a3df9dcb7f8b1579b6167"
    ),
    pinned!(
        context::CLR_V2P0_1,
        "clr-v2p0-context-2.0.1.json",
        "880f1902d4158f2f33ce06af41b90719977cd1ea337a9de2e41edb3ff5e543d6"
    ),
    pinned!(
        context::EMPLOYMENT_V1,
        "employment-v1.jsonld",
        "bbab93220ba41090dbd9e5a0230caf8163c4f7e3f158fa1cc7688e47dcafdaee"
    ),
    pinned!(
        context::MICROCREDENTIAL_V1,
        "microcredential-v1.jsonld",
        "a630c7347a3d3384cba61375713640036fafa715fd173a9e9bcf33e06fb9f398"
    ),
];

/// Why the registry refused a document or a lookup.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// No document is registered under this URL (nothing is ever fetched).
    #[error("unknown context or resource URL {url} (not in the registry; nothing is fetched)")]
    UnknownUrl {
        /// The URL looked up.
        url: String,
    },
    /// The bytes do not have the expected SHA-256 digest.
    #[error("{url}: SHA-256 is {actual}, expected {expected}")]
    DigestMismatch {
        /// The URL being added.
        url: String,
        /// The expected digest (hex).
        expected: String,
        /// The digest of the bytes given (hex).
        actual: String,
    },
    /// The expected digest is not 64 hex digits.
    #[error("{url}: expected SHA-256 digest {digest:?} is not 64 hex digits")]
    MalformedDigest {
        /// The URL being added.
        url: String,
        /// The malformed digest text.
        digest: String,
    },
    /// The bytes of a context are not a JSON object with an `@context` entry.
    #[error("{url}: not a JSON-LD context document: {message}")]
    InvalidContext {
        /// The URL being added.
        url: String,
        /// What is wrong.
        message: String,
    },
}

/// A document held by the registry: its URL, bytes and their digests.
#[derive(Clone)]
pub struct Resource {
    url: Arc<str>,
    bytes: Cow<'static, [u8]>,
    sha256: [u8; 32],
    sha384: [u8; 48],
}

impl Resource {
    fn new(url: &str, bytes: Cow<'static, [u8]>) -> Self {
        let sha256 = Sha256::digest(&bytes).into();
        let sha384 = Sha384::digest(&bytes).into();
        Self {
            url: Arc::from(url),
            bytes,
            sha256,
            sha384,
        }
    }

    /// The URL it is registered under.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The exact bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// SHA-256 of the bytes.
    pub fn sha256(&self) -> &[u8; 32] {
        &self.sha256
    }

    /// SHA-384 of the bytes.
    pub fn sha384(&self) -> &[u8; 48] {
        &self.sha384
    }

    /// SHA-256 of the bytes, as lower-case hex.
    pub fn sha256_hex(&self) -> String {
        hex(&self.sha256)
    }
}

impl fmt::Debug for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resource")
            .field("url", &self.url)
            .field("len", &self.bytes.len())
            .field("sha256", &self.sha256_hex())
            .finish()
    }
}

/// A JSON-LD context document: the resource and its parsed JSON.
#[derive(Clone)]
pub struct ContextDocument {
    resource: Resource,
    json: serde_json::Value,
}

impl ContextDocument {
    /// The URL it is registered under.
    pub fn url(&self) -> &str {
        self.resource.url()
    }

    /// The document as parsed JSON (an object with an `@context` entry).
    pub fn json(&self) -> &serde_json::Value {
        &self.json
    }

    /// The value of the document's `@context` entry.
    pub fn context(&self) -> &serde_json::Value {
        &self.json["@context"]
    }

    /// The exact bytes and digests.
    pub fn resource(&self) -> &Resource {
        &self.resource
    }
}

impl fmt::Debug for ContextDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ContextDocument")
            .field("resource", &self.resource)
            .finish_non_exhaustive()
    }
}

/// Context documents and other resources by URL. Cheap to clone (entries are shared), `Send` and
/// `Sync`.
#[derive(Clone, Default)]
pub struct ContextRegistry {
    contexts: HashMap<Arc<str>, Arc<ContextDocument>>,
    resources: HashMap<Arc<str>, Arc<Resource>>,
}

static SHARED: LazyLock<ContextRegistry> = LazyLock::new(ContextRegistry::build_pinned);

impl ContextRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// The registry of every embedded context, built once on first use and shared.
    pub fn shared() -> &'static ContextRegistry {
        &SHARED
    }

    /// A copy of [`ContextRegistry::shared`] to extend (the documents themselves are shared, not
    /// copied).
    pub fn pinned() -> Self {
        SHARED.clone()
    }

    fn build_pinned() -> Self {
        let mut registry = Self::new();
        for p in PINNED {
            // An embedded file that fails its digest is left out, so looking it up fails (closed);
            // the crate's tests check that every entry is present.
            let _ = registry.add_pinned(p);
        }
        registry
    }

    fn add_pinned(&mut self, p: &Pinned) -> Result<(), RegistryError> {
        self.insert_context(p.url, Cow::Borrowed(p.bytes), Some(p.sha256))
    }

    /// Registers (or replaces) the context document at `url`. When `expected_sha256` (hex) is
    /// given, the bytes must have that digest. The bytes must be a JSON object with an `@context`
    /// entry.
    pub fn add_context(
        &mut self,
        url: &str,
        bytes: impl Into<Cow<'static, [u8]>>,
        expected_sha256: Option<&str>,
    ) -> Result<(), RegistryError> {
        self.insert_context(url, bytes.into(), expected_sha256)
    }

    fn insert_context(
        &mut self,
        url: &str,
        bytes: Cow<'static, [u8]>,
        expected_sha256: Option<&str>,
    ) -> Result<(), RegistryError> {
        let resource = Resource::new(url, bytes);
        check_digest(&resource, expected_sha256)?;
        let invalid = |message: String| RegistryError::InvalidContext {
            url: url.to_owned(),
            message,
        };
        let json: serde_json::Value =
            serde_json::from_slice(resource.bytes()).map_err(|e| invalid(e.to_string()))?;
        match json.get("@context") {
            Some(
                serde_json::Value::Object(_)
                | serde_json::Value::Array(_)
                | serde_json::Value::String(_),
            ) => {}
            Some(_) => {
                return Err(invalid(
                    "`@context` is not an object, array or string".into(),
                ));
            }
            None => return Err(invalid("no `@context` entry".into())),
        }
        let key = resource.url.clone();
        self.contexts
            .insert(key, Arc::new(ContextDocument { resource, json }));
        Ok(())
    }

    /// Registers (or replaces) a non-context resource (an image, a JSON Schema, ...) whose digest
    /// a credential may pin with `relatedResource`.
    pub fn add_resource(
        &mut self,
        url: &str,
        bytes: impl Into<Cow<'static, [u8]>>,
        expected_sha256: Option<&str>,
    ) -> Result<(), RegistryError> {
        let resource = Resource::new(url, bytes.into());
        check_digest(&resource, expected_sha256)?;
        self.resources
            .insert(resource.url.clone(), Arc::new(resource));
        Ok(())
    }

    /// The context document at `url`, or [`RegistryError::UnknownUrl`].
    pub fn context(&self, url: &str) -> Result<&Arc<ContextDocument>, RegistryError> {
        self.contexts
            .get(url)
            .ok_or_else(|| RegistryError::UnknownUrl {
                url: url.to_owned(),
            })
    }

    /// The bytes and digests of the resource (or context) at `url`, for `relatedResource`
    /// digest checks.
    pub fn resource(&self, url: &str) -> Result<&Resource, RegistryError> {
        if let Some(r) = self.resources.get(url) {
            return Ok(r);
        }
        self.contexts
            .get(url)
            .map(|c| &c.resource)
            .ok_or_else(|| RegistryError::UnknownUrl {
                url: url.to_owned(),
            })
    }

    /// Whether a context is registered at `url`.
    pub fn contains_context(&self, url: &str) -> bool {
        self.contexts.contains_key(url)
    }

    /// The URLs of the registered contexts, in no particular order.
    pub fn context_urls(&self) -> impl Iterator<Item = &str> {
        self.contexts.keys().map(|k| &**k)
    }
}

impl fmt::Debug for ContextRegistry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut urls: Vec<&str> = self.context_urls().collect();
        urls.sort_unstable();
        f.debug_struct("ContextRegistry")
            .field("contexts", &urls)
            .field("resources", &self.resources.len())
            .finish()
    }
}

fn check_digest(resource: &Resource, expected: Option<&str>) -> Result<(), RegistryError> {
    let Some(expected) = expected else {
        return Ok(());
    };
    if expected.len() != 64 || !expected.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(RegistryError::MalformedDigest {
            url: resource.url().to_owned(),
            digest: expected.to_owned(),
        });
    }
    let actual = resource.sha256_hex();
    if !actual.eq_ignore_ascii_case(expected) {
        return Err(RegistryError::DigestMismatch {
            url: resource.url().to_owned(),
            expected: expected.to_owned(),
            actual,
        });
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0xF)]));
    }
    s
}

/// The embedded table as (URL, expected SHA-256 hex, bytes), for tests and tools.
pub fn pinned_contexts()
-> impl ExactSizeIterator<Item = (&'static str, &'static str, &'static [u8])> {
    PINNED.iter().map(|p| (p.url, p.sha256, p.bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pinned_context_is_registered_with_its_digest() {
        let shared = ContextRegistry::shared();
        assert_eq!(shared.context_urls().count(), PINNED.len());
        for p in PINNED {
            let doc = shared.context(p.url).unwrap();
            assert_eq!(doc.resource().sha256_hex(), p.sha256, "{}", p.url);
            assert_eq!(doc.resource().bytes(), p.bytes);
        }
    }

    #[test]
    fn vc_v2_has_its_published_digest() {
        let doc = ContextRegistry::shared().context(context::VC_V2).unwrap();
        assert_eq!(
            doc.resource().sha256_hex(),
            "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"
        );
    }

    #[test]
    fn unknown_url_is_an_error_naming_it() {
        let err = ContextRegistry::shared()
            .context("https://example.org/ctx")
            .unwrap_err();
        assert_eq!(
            err,
            RegistryError::UnknownUrl {
                url: "https://example.org/ctx".into()
            }
        );
        assert!(err.to_string().contains("https://example.org/ctx"));
        assert!(
            ContextRegistry::shared()
                .resource("https://example.org/img.png")
                .is_err()
        );
    }

    #[test]
    fn adding_checks_digest_and_json() {
        let mut r = ContextRegistry::new();
        let doc: &'static [u8] = br#"{"@context": {"a": "https://example.org/a"}}"#;
        let digest = hex(&Sha256::digest(doc));
        r.add_context("https://example.org/c", doc, Some(&digest))
            .unwrap();
        assert!(r.contains_context("https://example.org/c"));
        let wrong = "0".repeat(64);
        assert!(matches!(
            r.add_context("https://example.org/d", doc, Some(&wrong)),
            Err(RegistryError::DigestMismatch { .. })
        ));
        assert!(matches!(
            r.add_context("https://example.org/d", doc, Some("abc")),
            Err(RegistryError::MalformedDigest { .. })
        ));
        assert!(matches!(
            r.add_context("https://example.org/e", b"{not json".to_vec(), None),
            Err(RegistryError::InvalidContext { .. })
        ));
        assert!(matches!(
            r.add_context("https://example.org/e", &b"{\"a\": 1}"[..], None),
            Err(RegistryError::InvalidContext { .. })
        ));
        assert!(!r.contains_context("https://example.org/d"));
        assert!(!r.contains_context("https://example.org/e"));
    }

    #[test]
    fn resources_carry_both_digests() {
        let mut r = ContextRegistry::new();
        r.add_resource("https://example.org/logo.png", b"\x89PNG".to_vec(), None)
            .unwrap();
        let res = r.resource("https://example.org/logo.png").unwrap();
        assert_eq!(res.sha256(), &<[u8; 32]>::from(Sha256::digest(b"\x89PNG")));
        assert_eq!(res.sha384(), &<[u8; 48]>::from(Sha384::digest(b"\x89PNG")));
        // Contexts are resources too.
        let ctx = ContextRegistry::shared().resource(context::VC_V2).unwrap();
        assert_eq!(ctx.url(), context::VC_V2);
    }

    #[test]
    fn the_validator_copy_of_ob_3_0_3_is_an_opt_in() {
        let mut r = ContextRegistry::pinned();
        let spec = r.context(context::OB_V3P0_3).unwrap().clone();
        assert!(spec.context().get("jti").is_none());
        r.add_context(
            context::OB_V3P0_3,
            OB_V3P0_3_0_3_VALIDATOR_COPY,
            Some(OB_V3P0_3_0_3_VALIDATOR_COPY_SHA256),
        )
        .unwrap();
        let copy = r.context(context::OB_V3P0_3).unwrap();
        assert!(copy.context().get("jti").is_some());
        assert!(copy.context().get("endorsementJwt").is_some());
        // The shared registry is untouched.
        assert!(
            ContextRegistry::shared()
                .context(context::OB_V3P0_3)
                .unwrap()
                .context()
                .get("jti")
                .is_none()
        );
    }

    #[test]
    fn registry_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<ContextRegistry>();
        assert_send_sync::<Arc<ContextDocument>>();
        let handles: Vec<_> = (0..4)
            .map(|_| {
                std::thread::spawn(|| {
                    ContextRegistry::shared()
                        .context(context::EMPLOYMENT_V1)
                        .is_ok()
                })
            })
            .collect();
        for h in handles {
            assert!(h.join().unwrap());
        }
    }
}

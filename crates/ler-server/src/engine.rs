//! Every call from the service into the `ler` library, in one place, so changes to the
//! library's API touch only this module. Everything here is synchronous and CPU-bound: the HTTP
//! layer calls it from `spawn_blocking`.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use ler::model::Credential;
use ler::model::json::{self, Object, ParseOptions, Value};
use ler::proof::di::{self, Cryptosuite, ProofOptions};
use ler::proof::{
    DidWebResolver, DocumentFetcher, Ed25519KeyPair, Ed25519Signer, FetchError, MemoryFetcher,
    OutgoingPolicy, Resolver, did_web_url,
};
use ler::verifier::status::{
    MIN_ENTRIES, StatusList, StatusListCache, StatusListCredential, StatusListSource,
    StatusPurpose, StatusSourceError, add_status_entry,
};
use ler::verifier::{HttpClient, Limits, VerifyOptions, verify_credential, verify_presentation};

/// Entries in each status list: the Recommendation's minimum (herd privacy), so lists stay
/// valid for strict verifiers.
pub const LIST_ENTRIES: usize = MIN_ENTRIES;

/// Why the engine could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The key file or the generated token could not be read or written.
    #[error("{path}: {reason}")]
    SecretFile {
        /// The file.
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// The configured issuer DID is not the key's controller.
    #[error("the issuer {configured} does not control the key (its controller is {controller})")]
    IssuerMismatch {
        /// The configured DID.
        configured: String,
        /// The key's controller.
        controller: String,
    },
    /// A configured cryptosuite is unknown.
    #[error("unknown cryptosuite {0:?} (eddsa-rdfc-2022 or eddsa-jcs-2022)")]
    UnknownSuite(String),
    /// A configured status purpose is unknown or unsupported.
    #[error("unsupported status purpose {0:?} (revocation or suspension)")]
    UnknownPurpose(String),
    /// Signing failed.
    #[error("cannot sign: {0}")]
    Sign(String),
}

/// A problem in a request's document, with the JSON pointer to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentProblem {
    /// Where (a JSON pointer; `""` is the document).
    pub pointer: String,
    /// The rule id, when the data model names one.
    pub rule: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl DocumentProblem {
    fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            rule: None,
            message: message.into(),
        }
    }
}

/// A status purpose this service keeps lists for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// `revocation`: permanent.
    Revocation,
    /// `suspension`: reversible.
    Suspension,
}

impl Purpose {
    /// The purpose's name in entries and URLs.
    pub fn name(self) -> &'static str {
        self.library().name()
    }

    /// Parses `revocation` or `suspension`.
    pub fn from_name(name: &str) -> Option<Self> {
        match StatusPurpose::from_name(name)? {
            StatusPurpose::Revocation => Some(Self::Revocation),
            StatusPurpose::Suspension => Some(Self::Suspension),
            _ => None,
        }
    }

    fn library(self) -> StatusPurpose {
        match self {
            Self::Revocation => StatusPurpose::Revocation,
            Self::Suspension => StatusPurpose::Suspension,
        }
    }
}

/// Gets this service's own signed status list credentials (from the database) for the verifier,
/// so credentials it issued verify without a network round trip. `Ok(None)`: not one of ours.
pub type LocalLists = Arc<dyn Fn(&str) -> Result<Option<Vec<u8>>, String> + Send + Sync>;

/// The outcome of a verification: whether verified, and the report as JSON.
#[derive(Debug, Clone)]
pub struct Checked {
    /// Verdict `verified`.
    pub verified: bool,
    /// `verified`, `invalid` or `indeterminate`.
    pub verdict: &'static str,
    /// The library's report (`verdict`, `checks`, `nested`) as a JSON object.
    pub report: Object,
}

/// Reads the key file at `path`, or generates a key there (mode 0600) when there is none.
pub fn load_or_generate_key(path: &Path) -> Result<(Ed25519Signer, bool), EngineError> {
    let error = |reason: String| EngineError::SecretFile {
        path: path.display().to_string(),
        reason,
    };
    match std::fs::read(path) {
        Ok(bytes) => Ed25519Signer::from_key_file(&bytes)
            .map(|s| (s, false))
            .map_err(|e| error(e.to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = Ed25519KeyPair::generate().map_err(|e| error(e.to_string()))?;
            let signer = Ed25519Signer::did_key(key);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| error(e.to_string()))?;
            }
            write_secret(path, signer.to_key_file().as_bytes())
                .map_err(|e| error(e.to_string()))?;
            Ok((signer, true))
        }
        Err(e) => Err(error(e.to_string())),
    }
}

/// Reads the bearer token at `path`, or generates one there (mode 0600): 32 random bytes, hex.
pub fn load_or_generate_token(path: &Path) -> Result<String, EngineError> {
    let error = |reason: String| EngineError::SecretFile {
        path: path.display().to_string(),
        reason,
    };
    match std::fs::read_to_string(path) {
        Ok(text) if text.trim().len() >= 16 => Ok(text.trim().to_owned()),
        Ok(_) => Err(error("the token is shorter than 16 characters".into())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut bytes = [0u8; 32];
            getrandom::getrandom(&mut bytes).map_err(|e| error(e.to_string()))?;
            let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            write_secret(path, token.as_bytes()).map_err(|e| error(e.to_string()))?;
            Ok(token)
        }
        Err(e) => Err(error(e.to_string())),
    }
}

fn write_secret(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(bytes)
}

/// The issuer's side and the verifier, configured once.
pub struct Engine {
    signer: Ed25519Signer,
    suites: Vec<Cryptosuite>,
    resolver: Arc<dyn Resolver + Send + Sync>,
    lists: Arc<dyn StatusListSource>,
    cache: Arc<StatusListCache>,
    limits: ParseOptions,
    did_document: Option<(String, Value)>,
    templates: Vec<(Purpose, StatusList)>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("issuer", &self.issuer())
            .field("suites", &self.suites)
            .finish_non_exhaustive()
    }
}

/// What [`Engine::new`] needs.
pub struct EngineSettings<'a> {
    /// The issuer's key.
    pub signer: Ed25519Signer,
    /// The configured issuer DID (must be the key's controller).
    pub issuer_did: Option<&'a str>,
    /// Cryptosuite names, the first the default.
    pub suites: &'a [String],
    /// Status purposes issued credentials get entries for.
    pub purposes: &'a [String],
    /// Fetch did:web documents and foreign status lists over HTTPS.
    pub online: bool,
    /// Let verification fetch from loopback and private addresses, and over plain HTTP
    /// (for tests; off by default).
    pub allow_loopback: bool,
    /// The parse limits for request documents.
    pub limits: ParseOptions,
    /// This service's own lists.
    pub local_lists: LocalLists,
}

impl Engine {
    /// Checks the settings and builds the resolver and status sources.
    pub fn new(settings: EngineSettings<'_>) -> Result<Self, EngineError> {
        let signer = settings.signer;
        if let Some(did) = settings.issuer_did
            && did != signer.controller()
        {
            return Err(EngineError::IssuerMismatch {
                configured: did.to_owned(),
                controller: signer.controller().to_owned(),
            });
        }
        let suites = settings
            .suites
            .iter()
            .map(|name| {
                Cryptosuite::from_name(name).ok_or_else(|| EngineError::UnknownSuite(name.clone()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut templates = Vec::new();
        for name in settings.purposes {
            let purpose = Purpose::from_name(name)
                .ok_or_else(|| EngineError::UnknownPurpose(name.clone()))?;
            let list = StatusList::new(purpose.library(), LIST_ENTRIES)
                .map_err(|e| EngineError::UnknownPurpose(format!("{name}: {e}")))?;
            templates.push((purpose, list));
        }
        let did_document = own_did_document(&signer);
        let mut documents = MemoryFetcher::new();
        if let Some((_, document)) = &did_document {
            // Our own document is well formed: we built it.
            let _ = documents.insert_did_document(document.to_string().into_bytes());
        }
        // The library's one outgoing-request policy: https to public addresses only (every
        // resolved address checked), unless the configuration allows loopback and plain http.
        let online = settings.online.then(|| {
            let policy = OutgoingPolicy::new()
                .allow_loopback(settings.allow_loopback)
                .allow_http(settings.allow_loopback);
            HttpClient::builder().policy(policy).build()
        });
        let resolver: Arc<dyn Resolver + Send + Sync> =
            Arc::new(DidWebResolver::new(LocalThenOnline {
                local: documents,
                online: online.clone(),
            }));
        let lists: Arc<dyn StatusListSource> = Arc::new(OwnThenOnline {
            local: settings.local_lists,
            online,
        });
        Ok(Self {
            signer,
            suites,
            resolver,
            lists,
            cache: Arc::new(StatusListCache::new()),
            limits: settings.limits,
            did_document,
            templates,
        })
    }

    /// The issuer DID.
    pub fn issuer(&self) -> &str {
        self.signer.controller()
    }

    /// The verification method proofs name.
    pub fn verification_method(&self) -> &str {
        self.signer.id()
    }

    /// The purposes issued credentials get entries for.
    pub fn purposes(&self) -> impl Iterator<Item = Purpose> + '_ {
        self.templates.iter().map(|(p, _)| *p)
    }

    /// For a did:web issuer: the URL path its DID document is served at
    /// (`/.well-known/did.json` or `/<path>/did.json`) and the document.
    pub fn did_document(&self) -> Option<(&str, &Value)> {
        self.did_document.as_ref().map(|(p, d)| (p.as_str(), d))
    }

    /// Parses a request body with the library's lossless parser and limits.
    pub fn parse(&self, bytes: &[u8]) -> Result<Value, DocumentProblem> {
        json::parse_with(bytes, &self.limits).map_err(|e| {
            DocumentProblem::new(e.pointer().unwrap_or_default().to_owned(), e.to_string())
        })
    }

    /// Checks an unsigned credential for issuing: the issuer must be ours, and the data model's
    /// rules must hold. Pointers are relative to the credential.
    pub fn check_for_issue(&self, credential: &Value) -> Result<(), Vec<DocumentProblem>> {
        let Value::Object(object) = credential else {
            return Err(vec![DocumentProblem::new(
                "",
                "a credential is a JSON object",
            )]);
        };
        if object.contains_key("proof") {
            return Err(vec![DocumentProblem::new(
                "/proof",
                "the credential is already signed",
            )]);
        }
        let issuer = match object.get("issuer") {
            Some(Value::String(id)) => Some(id.as_str()),
            Some(issuer) => issuer.get("id").and_then(Value::as_str),
            None => None,
        };
        if issuer != Some(self.issuer()) {
            return Err(vec![DocumentProblem::new(
                "/issuer",
                format!("the issuer must be this service's issuer {}", self.issuer()),
            )]);
        }
        let problems: Vec<DocumentProblem> = Credential::from_object(object.clone())
            .validate()
            .into_iter()
            .map(|v| DocumentProblem {
                pointer: v.pointer.as_str().to_owned(),
                rule: Some(v.rule.id().to_owned()),
                message: v.message,
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// The cryptosuite to sign with: `requested` when offered, else the default.
    pub fn suite(&self, requested: Option<&str>) -> Result<Cryptosuite, DocumentProblem> {
        match requested {
            None => Ok(self.suites[0]),
            Some(name) => Cryptosuite::from_name(name)
                .filter(|s| self.suites.contains(s))
                .ok_or_else(|| {
                    DocumentProblem::new(
                        "/options/cryptosuite",
                        format!("cryptosuite {name:?} is not offered by this issuer"),
                    )
                }),
        }
    }

    /// Whether the credential can carry a `BitstringStatusListEntry`: only the VC 2.0 context
    /// defines it (a VC 1.1 credential with one would not sign under JSON-LD's safe mode).
    pub fn takes_status_entries(&self, credential: &Value) -> bool {
        match credential.get("@context") {
            Some(Value::Array(items)) => items
                .first()
                .and_then(Value::as_str)
                .is_some_and(|c| c == ler::model::context::VC_V2),
            Some(Value::String(c)) => c == ler::model::context::VC_V2,
            _ => false,
        }
    }

    /// Adds the status entry `index` of list `list_url` for `purpose`.
    pub fn add_status_entry(
        &self,
        credential: &mut Value,
        purpose: Purpose,
        list_url: &str,
        index: usize,
    ) -> Result<(), DocumentProblem> {
        let Some((_, template)) = self.templates.iter().find(|(p, _)| *p == purpose) else {
            return Err(DocumentProblem::new(
                "/credentialStatus",
                "status purpose not configured",
            ));
        };
        add_status_entry(credential, list_url, index, template)
            .map_err(|e| DocumentProblem::new("/credentialStatus", e.to_string()))
    }

    /// Signs `document` with the issuer's key.
    pub fn sign(&self, document: &Value, suite: Cryptosuite) -> Result<Value, DocumentProblem> {
        di::sign(document, &ProofOptions::new(suite), &self.signer)
            .map_err(|e| DocumentProblem::new("", e.to_string()))
    }

    fn verify_options(&self) -> VerifyOptions {
        let mut options = VerifyOptions::default().limits(Limits::default().parse(self.limits));
        options.resolver = Arc::clone(&self.resolver);
        options.status_lists = Some(Arc::clone(&self.lists));
        options.status_list_cache = Arc::clone(&self.cache);
        options
    }

    /// Verifies a credential.
    pub fn verify_credential(&self, credential: Value) -> Checked {
        let (report, _) = verify_credential(credential, &self.verify_options()).into_parts();
        checked(&report)
    }

    /// Verifies a presentation against the expected `challenge` and `domain`.
    pub fn verify_presentation(
        &self,
        presentation: Value,
        challenge: Option<&str>,
        domain: Option<&str>,
    ) -> Checked {
        let mut options = self.verify_options();
        // The handler has refused a missing challenge unless the configuration opts out; an
        // opted-out verification says so in its report (`presentation.challenge` warn).
        options.allow_no_challenge = challenge.is_none();
        options.challenge = challenge.map(str::to_owned);
        options.domain = domain.map(str::to_owned);
        let (report, _) = verify_presentation(presentation, &options).into_parts();
        checked(&report)
    }

    /// Forgets the status lists cached by the verifier, after a status change here (other
    /// instances see the change within the lists' one-minute `ttl`).
    pub fn forget_status_lists(&self) {
        self.cache.clear();
    }

    /// The signed status list credential at `url` for `purpose`, with the entries in `set` on.
    pub fn status_list_credential(
        &self,
        url: &str,
        purpose: Purpose,
        set: &[usize],
    ) -> Result<Value, EngineError> {
        let mut list = StatusList::new(purpose.library(), LIST_ENTRIES)
            .map_err(|e| EngineError::Sign(e.to_string()))?;
        for index in set {
            list.set(*index)
                .map_err(|e| EngineError::Sign(e.to_string()))?;
        }
        // Short cache life: a change of status shows within a minute.
        let unsigned = StatusListCredential::new(url, self.issuer(), &list)
            .ttl_ms(60_000)
            .build();
        di::sign(&unsigned, &ProofOptions::new(self.suites[0]), &self.signer)
            .map_err(|e| EngineError::Sign(e.to_string()))
    }
}

fn checked(report: &ler::verifier::Report) -> Checked {
    let value = json::parse(report.to_json().as_bytes()).unwrap_or(Value::Null);
    let report_object = match value {
        Value::Object(object) => object,
        _ => Object::new(),
    };
    Checked {
        verified: report.is_verified(),
        verdict: report.verdict.name(),
        report: report_object,
    }
}

/// The DID document of a did:web issuer and the path it is served at.
fn own_did_document(signer: &Ed25519Signer) -> Option<(String, Value)> {
    let did = signer.controller();
    if !did.starts_with("did:web:") {
        return None;
    }
    let url = did_web_url(did).ok()?;
    // https://host[:port]/path/did.json → /path/did.json
    let after_scheme = url.split_once("://")?.1;
    let path = after_scheme.find('/').map(|i| &after_scheme[i..])?;
    let mut document = Object::new();
    document.insert(
        "@context",
        vec![
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/multikey/v1",
        ],
    );
    document.insert("id", did);
    document.insert(
        "verificationMethod",
        vec![signer.verification_method_document()],
    );
    document.insert("assertionMethod", vec![signer.id()]);
    document.insert("authentication", vec![signer.id()]);
    Some((path.to_owned(), Value::Object(document)))
}

/// Our own DID document, then the network when online.
struct LocalThenOnline {
    local: MemoryFetcher,
    online: Option<HttpClient>,
}

impl DocumentFetcher for LocalThenOnline {
    fn fetch(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        match (self.local.fetch(url), &self.online) {
            (Err(FetchError::NotFound { .. }), Some(online)) => online.fetch(url),
            (found, _) => found,
        }
    }
}

/// Our own status lists, then the network when online.
struct OwnThenOnline {
    local: LocalLists,
    online: Option<HttpClient>,
}

impl StatusListSource for OwnThenOnline {
    fn status_list(&self, url: &str) -> Result<Cow<'_, [u8]>, StatusSourceError> {
        match (self.local)(url) {
            Ok(Some(bytes)) => Ok(Cow::Owned(bytes)),
            Err(reason) => Err(StatusSourceError::Unavailable {
                url: url.to_owned(),
                reason,
            }),
            Ok(None) => match &self.online {
                Some(online) => online.status_list(url),
                _ => Err(StatusSourceError::NotFound {
                    url: url.to_owned(),
                }),
            },
        }
    }
}

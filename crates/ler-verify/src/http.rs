//! A blocking HTTPS client (the `http` feature): `did:web` documents and status lists over the
//! network, with the limits a verifier facing untrusted input needs.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use ureq::Agent;
use ureq::config::Config;
use ureq::http::Uri;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

use crate::status::{StatusListSource, StatusSourceError};
use ler_did::{DidWebResolver, DocumentFetcher, FetchError};
use ler_did::{OutgoingPolicy, PolicyViolation};

/// Why an [`HttpClientBuilder`] could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HttpClientError {
    /// The PEM given as trusted roots holds no certificate, or cannot be read.
    #[error("invalid root certificate PEM: {0}")]
    InvalidRootCertificate(String),
}

/// A blocking HTTP client with rustls (never OpenSSL): fetches `did:web` DID documents (as a
/// [`DocumentFetcher`]) and status list credentials (as a [`StatusListSource`]).
///
/// Its policy, for input that may come from anyone:
/// - the [`OutgoingPolicy`] (default: the strict one): `https` only, and every address a host
///   resolves to is checked before connecting (no loopback, private, link-local, unique-local,
///   CGNAT, multicast, documentation or other special ranges, in any spelling); the connection
///   goes to the addresses that were checked, with no second lookup. Loopback and plain `http`
///   only when the policy allows them ([`HttpClientBuilder::policy`]), for tests and local set-ups;
/// - a connect timeout and a timeout for the whole exchange (default 5 s and 10 s);
/// - a response-size limit (default 2 MiB);
/// - redirects (at most 3 by default) only within the same scheme, host and port: a redirect
///   elsewhere is [`FetchError::Refused`];
/// - no proxy (the environment's proxy variables are not read), no cookies, no compression;
/// - server certificates checked against Mozilla's root store (webpki-roots), or only against the
///   roots given with [`HttpClientBuilder::trust_only_roots_pem`].
///
/// A refusal is [`FetchError::Refused`], whose text names the policy rule, never how a host
/// behind it answered.
///
/// Cloning is cheap and clones share the connection pool.
///
/// ```no_run
/// use ler_verify::{HttpClient, VerifyOptions, verify};
///
/// // did:key offline, did:web over HTTPS.
/// let options = VerifyOptions::default().resolver(HttpClient::new().did_web_resolver());
/// let verification = verify(br#"{"...": "a credential issued by a did:web"}"#, &options);
/// println!("{}", verification.report().to_json());
/// ```
#[derive(Debug, Clone)]
pub struct HttpClient {
    agent: Agent,
    policy: OutgoingPolicy,
    timeout: Duration,
    max_body_bytes: u64,
    max_redirects: u32,
}

impl Default for HttpClient {
    fn default() -> Self {
        Self::new()
    }
}

impl HttpClient {
    /// A client with the default limits and Mozilla's root store.
    pub fn new() -> Self {
        HttpClientBuilder::new().build()
    }

    /// A builder to set timeouts, limits and trusted roots.
    pub fn builder() -> HttpClientBuilder {
        HttpClientBuilder::new()
    }

    /// A resolver for `did:web` through this client, with `did:key` offline.
    pub fn did_web_resolver(self) -> DidWebResolver<HttpClient> {
        DidWebResolver::new(self)
    }

    /// The outgoing-request policy this client follows.
    pub fn policy(&self) -> OutgoingPolicy {
        self.policy
    }

    /// Fetches `url` under the client's policy and returns the body.
    pub fn get(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        self.get_within(url, self.timeout)
    }

    /// [`HttpClient::get`] within `budget` (never longer than the client's own timeout).
    fn get_within(&self, url: &str, budget: Duration) -> Result<Vec<u8>, FetchError> {
        let budget = budget.min(self.timeout);
        let started = std::time::Instant::now();
        let mut current = url.to_owned();
        let mut redirects = 0;
        loop {
            let origin = Origin::of(&current, self.policy)?;
            // One deadline for the whole fetch, redirects included.
            let remaining = budget.saturating_sub(started.elapsed());
            if remaining.is_zero() {
                return Err(FetchError::Timeout { url: current });
            }
            let mut response = self
                .agent
                .get(&current)
                .header(
                    "Accept",
                    "application/did+json, application/json;q=0.9, */*;q=0.1",
                )
                .config()
                .timeout_global(Some(remaining))
                .build()
                .call()
                .map_err(|e| transport_error(&current, e))?;
            let status = response.status().as_u16();
            if matches!(status, 301 | 302 | 303 | 307 | 308) {
                let location = response
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .ok_or_else(|| FetchError::Transport {
                        url: current.clone(),
                        message: format!("HTTP {status} without a Location"),
                    })?;
                let next = origin.join(&current, location);
                let next_origin = Origin::of(&next, self.policy)?;
                if next_origin != origin {
                    return Err(FetchError::Refused {
                        url: current,
                        reason: format!("redirect to another origin ({next})"),
                    });
                }
                if redirects >= self.max_redirects {
                    return Err(FetchError::Refused {
                        url: current,
                        reason: format!("more than {} redirects", self.max_redirects),
                    });
                }
                redirects += 1;
                current = next;
                continue;
            }
            match status {
                200..=299 => {}
                404 | 410 => return Err(FetchError::NotFound { url: current }),
                _ => {
                    return Err(FetchError::Status {
                        url: current,
                        status,
                    });
                }
            }
            let limit = self.max_body_bytes;
            return response
                .body_mut()
                .with_config()
                .limit(limit)
                .read_to_vec()
                .map_err(|e| match e {
                    ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
                        url: current.clone(),
                        limit,
                    },
                    other => transport_error(&current, other),
                });
        }
    }
}

impl DocumentFetcher for HttpClient {
    fn fetch(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        self.get(url)
    }
}

impl StatusListSource for HttpClient {
    fn status_list(&self, url: &str) -> Result<Cow<'_, [u8]>, StatusSourceError> {
        self.status_list_within(url, None)
    }

    fn status_list_within(
        &self,
        url: &str,
        remaining: Option<Duration>,
    ) -> Result<Cow<'_, [u8]>, StatusSourceError> {
        let budget = remaining.unwrap_or(self.timeout);
        self.get_within(url, budget)
            .map(Cow::Owned)
            .map_err(|e| match e {
                FetchError::NotFound { url } => StatusSourceError::NotFound { url },
                other => StatusSourceError::Unavailable {
                    url: url.to_owned(),
                    reason: other.to_string(),
                },
            })
    }
}

/// Resolves host names as ureq does, then checks every address against the policy before ureq
/// dials them: the addresses checked are the addresses connected to.
#[derive(Debug)]
struct CheckedResolver {
    policy: OutgoingPolicy,
    inner: DefaultResolver,
}

impl Resolver for CheckedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let addresses = self.inner.resolve(uri, config, timeout)?;
        for address in &addresses {
            self.policy
                .check_address(address.ip())
                .map_err(|violation| ureq::Error::Other(Box::new(violation)))?;
        }
        Ok(addresses)
    }
}

fn transport_error(url: &str, error: ureq::Error) -> FetchError {
    if let ureq::Error::Other(inner) = &error
        && let Some(violation) = inner.downcast_ref::<PolicyViolation>()
    {
        return FetchError::Refused {
            url: url.into(),
            reason: violation.to_string(),
        };
    }
    let timed_out = match &error {
        ureq::Error::Timeout(_) => true,
        ureq::Error::Io(io) => matches!(
            io.kind(),
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
        ),
        _ => false,
    };
    if timed_out {
        FetchError::Timeout { url: url.into() }
    } else {
        // Say what kind of failure it was, not what the host answered in detail.
        let message = match &error {
            ureq::Error::HostNotFound => "the host name did not resolve".to_owned(),
            ureq::Error::Io(io) => match io.kind() {
                std::io::ErrorKind::ConnectionRefused => "the connection was refused".to_owned(),
                std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted => {
                    "the connection was closed".to_owned()
                }
                // TLS failures arrive as I/O errors; their text is about the certificate.
                _ => error.to_string(),
            },
            ureq::Error::ConnectionFailed => "the connection failed".to_owned(),
            // TLS messages say what was wrong with the certificate or handshake.
            other => other.to_string(),
        };
        FetchError::Transport {
            url: url.into(),
            message,
        }
    }
}

/// Scheme, host and port of a URL the policy allows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    /// The origin of `url`, which must pass `policy`'s URL rules (scheme, credentials, a host
    /// that is an address in any spelling).
    fn of(url: &str, policy: OutgoingPolicy) -> Result<Self, FetchError> {
        let refuse = |reason: &str| FetchError::Refused {
            url: url.into(),
            reason: reason.into(),
        };
        policy
            .check_url(url)
            .map_err(|violation| refuse(&violation.to_string()))?;
        let uri: Uri = url.parse().map_err(|_| refuse("not a valid URL"))?;
        let scheme = uri.scheme_str().unwrap_or_default().to_ascii_lowercase();
        let host = uri
            .host()
            .ok_or_else(|| refuse("the URL has no host"))?
            .to_ascii_lowercase();
        if uri.authority().is_some_and(|a| a.as_str().contains('@')) {
            return Err(refuse("credentials in URLs are not sent"));
        }
        let default_port = match scheme.as_str() {
            "https" => 443,
            "http" => 80,
            _ => return Err(refuse("only https URLs are fetched")),
        };
        Ok(Self {
            port: uri.port_u16().unwrap_or(default_port),
            scheme,
            host,
        })
    }

    /// Resolves a `Location` sent in answer to `current` (a URL of this origin): absolute,
    /// scheme-relative, absolute-path, or relative to `current`'s directory.
    fn join(&self, current: &str, location: &str) -> String {
        if location.contains("://") {
            return location.to_owned();
        }
        if let Some(rest) = location.strip_prefix("//") {
            return format!("{}://{rest}", self.scheme);
        }
        let path = if location.starts_with('/') {
            location.to_owned()
        } else {
            let current_path = current
                .parse::<Uri>()
                .map(|u| u.path().to_owned())
                .unwrap_or_default();
            let directory = current_path
                .rsplit_once('/')
                .map_or("", |(directory, _)| directory);
            format!("{directory}/{location}")
        };
        format!("{}://{}:{}{path}", self.scheme, self.host, self.port)
    }
}

/// Builds an [`HttpClient`].
#[derive(Debug, Clone)]
pub struct HttpClientBuilder {
    connect_timeout: Duration,
    timeout: Duration,
    max_body_bytes: u64,
    max_redirects: u32,
    roots: Option<Vec<Certificate<'static>>>,
    policy: OutgoingPolicy,
}

impl Default for HttpClientBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl HttpClientBuilder {
    /// The defaults: connect timeout 5 s, whole-exchange timeout 10 s, 2 MiB responses, 3
    /// same-origin redirects, Mozilla's roots.
    pub fn new() -> Self {
        Self {
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(10),
            max_body_bytes: 2 << 20,
            max_redirects: 3,
            roots: None,
            policy: OutgoingPolicy::default(),
        }
    }

    /// The outgoing-request policy (default: the strict [`OutgoingPolicy`]). Tests that serve
    /// on `127.0.0.1` opt in with `OutgoingPolicy::new().allow_loopback(true).allow_http(true)`.
    #[must_use]
    pub fn policy(mut self, policy: OutgoingPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// How long connecting (DNS, TCP, TLS) may take.
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one whole fetch may take, redirects and body included.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest response body accepted, in bytes.
    #[must_use]
    pub fn max_body_bytes(mut self, bytes: u64) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// How many same-origin redirects are followed (0: none).
    #[must_use]
    pub fn max_redirects(mut self, redirects: u32) -> Self {
        self.max_redirects = redirects;
        self
    }

    /// Trusts only the root certificates in `pem` (one or more `CERTIFICATE` blocks) instead of
    /// Mozilla's root store: for a private PKI, or a test server's self-signed root.
    pub fn trust_only_roots_pem(mut self, pem: &[u8]) -> Result<Self, HttpClientError> {
        let mut roots = Vec::new();
        for item in ureq::tls::parse_pem(pem) {
            match item {
                Ok(PemItem::Certificate(cert)) => roots.push(cert),
                Ok(_) => {}
                Err(e) => return Err(HttpClientError::InvalidRootCertificate(e.to_string())),
            }
        }
        if roots.is_empty() {
            return Err(HttpClientError::InvalidRootCertificate(
                "no CERTIFICATE block".into(),
            ));
        }
        self.roots = Some(roots);
        Ok(self)
    }

    /// The client.
    pub fn build(self) -> HttpClient {
        let roots = match self.roots {
            Some(certs) => RootCerts::Specific(Arc::new(certs)),
            None => RootCerts::WebPki,
        };
        let config = Agent::config_builder()
            .timeout_connect(Some(self.connect_timeout))
            .timeout_global(Some(self.timeout))
            .max_redirects(0)
            .http_status_as_error(false)
            .proxy(None)
            .user_agent(concat!("ler-verify/", env!("CARGO_PKG_VERSION")))
            .tls_config(TlsConfig::builder().root_certs(roots).build())
            .build();
        let resolver = CheckedResolver {
            policy: self.policy,
            inner: DefaultResolver::default(),
        };
        HttpClient {
            agent: Agent::with_parts(config, DefaultConnector::default(), resolver),
            policy: self.policy,
            timeout: self.timeout,
            max_body_bytes: self.max_body_bytes,
            max_redirects: self.max_redirects,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strict() -> OutgoingPolicy {
        OutgoingPolicy::new()
    }
    fn permissive() -> OutgoingPolicy {
        OutgoingPolicy::new().allow_loopback(true).allow_http(true)
    }

    #[test]
    fn policy_allows_https_and_loopback_http_only_when_opted_in() {
        assert!(Origin::of("https://example.edu/a", strict()).is_ok());
        for local in [
            "http://127.0.0.1:8080/a",
            "http://localhost/a",
            "http://[::1]:9/a",
        ] {
            assert!(Origin::of(local, permissive()).is_ok(), "{local}");
            assert!(
                matches!(Origin::of(local, strict()), Err(FetchError::Refused { .. })),
                "{local}"
            );
        }
        for refused in [
            "http://example.edu/a",
            "ftp://example.edu/a",
            "file:///etc/passwd",
            "http://10.0.0.1/a",
            "https://10.0.0.1/a",
            "https://user:pw@example.edu/a",
            "not a url",
        ] {
            for policy in [strict(), permissive()] {
                let refused_here = refused != "http://example.edu/a" || policy == strict();
                if refused_here {
                    assert!(
                        matches!(Origin::of(refused, policy), Err(FetchError::Refused { .. })),
                        "{refused}"
                    );
                }
            }
        }
    }

    #[test]
    fn redirect_targets_are_joined_to_the_origin() {
        let current = "https://example.edu/a/b";
        let origin = Origin::of(current, strict()).unwrap();
        assert_eq!(origin.join(current, "/c"), "https://example.edu:443/c");
        assert_eq!(origin.join(current, "c/d"), "https://example.edu:443/a/c/d");
        assert_eq!(
            origin.join(current, "//other.example/c"),
            "https://other.example/c"
        );
        assert_eq!(
            origin.join(current, "https://x.example/c"),
            "https://x.example/c"
        );
        assert_eq!(
            Origin::of(&origin.join(current, "/c"), strict()).unwrap(),
            origin
        );
        assert_ne!(
            Origin::of("https://example.edu:8443/", strict()).unwrap(),
            origin
        );
        assert_ne!(
            Origin::of("http://localhost/", permissive()).unwrap(),
            Origin::of("https://localhost/", permissive()).unwrap()
        );
    }

    #[test]
    fn every_resolved_address_is_checked_before_it_is_dialled() {
        // `localhost` resolves (from the hosts file, no network) to loopback addresses: the
        // resolver itself refuses them, whatever the URL check said.
        let uri: Uri = "https://localhost:1/".parse().unwrap();
        let strict = CheckedResolver {
            policy: strict(),
            inner: DefaultResolver::default(),
        };
        let error = strict
            .resolve(&uri, &Config::default(), NextTimeout::default())
            .unwrap_err();
        match transport_error("https://localhost:1/", error) {
            FetchError::Refused { reason, .. } => assert!(reason.contains("loopback"), "{reason}"),
            other => panic!("{other:?}"),
        }
        let local = CheckedResolver {
            policy: permissive(),
            inner: DefaultResolver::default(),
        };
        let addresses = local
            .resolve(&uri, &Config::default(), NextTimeout::default())
            .unwrap();
        assert!(addresses.iter().all(|a| a.ip().is_loopback()));
    }

    #[test]
    fn roots_must_be_certificates() {
        assert!(
            HttpClient::builder()
                .trust_only_roots_pem(b"nothing")
                .is_err()
        );
    }
}

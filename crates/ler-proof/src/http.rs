//! A blocking HTTPS client (the `http` feature): `did:web` documents and status lists over the
//! network, with the limits a verifier facing untrusted input needs.

use std::borrow::Cow;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Arc;
use std::time::Duration;

use ureq::Agent;
use ureq::http::Uri;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};

use crate::did::{DidWebResolver, DocumentFetcher, FetchError};
use crate::status::{StatusListSource, StatusSourceError};

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
/// - `https` only; plain `http` is allowed for loopback hosts alone (`localhost`, `127.0.0.0/8`,
///   `[::1]`), for local testing;
/// - a connect timeout and a timeout for the whole exchange (default 5 s and 10 s);
/// - a response-size limit (default 2 MiB);
/// - redirects (at most 3 by default) only within the same scheme, host and port: a redirect
///   elsewhere is [`FetchError::Refused`];
/// - no proxy (the environment's proxy variables are not read), no cookies, no compression;
/// - server certificates checked against Mozilla's root store (webpki-roots), or only against the
///   roots given with [`HttpClientBuilder::trust_only_roots_pem`].
///
/// It connects to whatever address a host name resolves to: a service that verifies credentials
/// from anyone should also filter its egress (a `did:web` may name a host inside its network;
/// IP-address DIDs are refused by [`did_web_url`](crate::did_web_url)).
///
/// Cloning is cheap and clones share the connection pool.
///
/// ```no_run
/// use ler_proof::{HttpClient, VerifyOptions, verify};
///
/// // did:key offline, did:web over HTTPS.
/// let options = VerifyOptions::default().resolver(HttpClient::new().did_web_resolver());
/// let verification = verify(br#"{"...": "a credential issued by a did:web"}"#, &options);
/// println!("{}", verification.report().to_json());
/// ```
#[derive(Debug, Clone)]
pub struct HttpClient {
    agent: Agent,
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

    /// Fetches `url` under the client's policy and returns the body.
    pub fn get(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        let started = std::time::Instant::now();
        let mut current = url.to_owned();
        let mut redirects = 0;
        loop {
            let origin = Origin::of(&current)?;
            // One deadline for the whole fetch, redirects included.
            let remaining = self.timeout.saturating_sub(started.elapsed());
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
                let next_origin = Origin::of(&next)?;
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
        self.get(url).map(Cow::Owned).map_err(|e| match e {
            FetchError::NotFound { url } => StatusSourceError::NotFound { url },
            other => StatusSourceError::Unavailable {
                url: url.to_owned(),
                reason: other.to_string(),
            },
        })
    }
}

fn transport_error(url: &str, error: ureq::Error) -> FetchError {
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
        FetchError::Transport {
            url: url.into(),
            message: error.to_string(),
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
    fn of(url: &str) -> Result<Self, FetchError> {
        let refuse = |reason: &str| FetchError::Refused {
            url: url.into(),
            reason: reason.into(),
        };
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
            "http" if is_loopback(&host) => 80,
            "http" => return Err(refuse("plain http is allowed only for loopback hosts")),
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

fn is_loopback(host: &str) -> bool {
    if host == "localhost" {
        return true;
    }
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    match bare.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => ip.is_loopback(),
        Ok(IpAddr::V6(ip)) => ip == Ipv6Addr::LOCALHOST,
        Err(_) => false,
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
        }
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
            .user_agent(concat!("ler-proof/", env!("CARGO_PKG_VERSION")))
            .tls_config(TlsConfig::builder().root_certs(roots).build())
            .build();
        HttpClient {
            agent: config.into(),
            timeout: self.timeout,
            max_body_bytes: self.max_body_bytes,
            max_redirects: self.max_redirects,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_allows_https_and_loopback_http_only() {
        assert!(Origin::of("https://example.edu/a").is_ok());
        assert!(Origin::of("http://127.0.0.1:8080/a").is_ok());
        assert!(Origin::of("http://localhost/a").is_ok());
        assert!(Origin::of("http://[::1]:9/a").is_ok());
        for refused in [
            "http://example.edu/a",
            "ftp://example.edu/a",
            "file:///etc/passwd",
            "http://10.0.0.1/a",
            "https://user:pw@example.edu/a",
            "not a url",
        ] {
            assert!(
                matches!(Origin::of(refused), Err(FetchError::Refused { .. })),
                "{refused}"
            );
        }
    }

    #[test]
    fn redirect_targets_are_joined_to_the_origin() {
        let current = "https://example.edu/a/b";
        let origin = Origin::of(current).unwrap();
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
        assert_eq!(Origin::of(&origin.join(current, "/c")).unwrap(), origin);
        assert_ne!(Origin::of("https://example.edu:8443/").unwrap(), origin);
        assert_ne!(
            Origin::of("http://localhost/").unwrap(),
            Origin::of("https://localhost/").unwrap()
        );
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

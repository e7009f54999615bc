//! The service's configuration: one TOML file, then environment overrides (see the crate docs
//! for every key and variable).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

/// The default largest request body: 2 MB.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;
/// The largest body limit a configuration may set: the library's document cap (10 MB).
pub const MAX_BODY_LIMIT: usize = 10 * 1024 * 1024;

/// Why a configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read the configuration {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML for this schema.
    #[error("the configuration {path} is not valid: {source}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The TOML error.
        #[source]
        source: Box<toml::de::Error>,
    },
    /// An environment variable has a value that cannot be used.
    #[error("the environment variable {name} is not valid: {reason}")]
    Env {
        /// The variable.
        name: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A value breaks a rule (a limit out of range, TLS files missing).
    #[error("configuration: {0}")]
    Invalid(String),
}

/// How the listener speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum TlsMode {
    /// TLS with a certificate generated at start-up for `localhost` and `127.0.0.1` (local use).
    #[default]
    SelfSigned,
    /// TLS with the certificate chain and key in `tls.cert` and `tls.key` (PEM).
    Files,
    /// Plain HTTP (behind a TLS-terminating load balancer, or for tests).
    Off,
}

/// `[tls]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TlsConfig {
    /// `self-signed` (default), `files` or `off`.
    #[serde(default)]
    pub mode: TlsMode,
    /// PEM certificate chain (mode `files`).
    pub cert: Option<PathBuf>,
    /// PEM private key (mode `files`).
    pub key: Option<PathBuf>,
}

/// `[issuer]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerConfig {
    /// The key file (the format of `ler keygen`); generated in the data directory when absent.
    pub key_file: Option<PathBuf>,
    /// The issuer DID; must be the key's controller (checked at start-up). Default: the key's.
    pub did: Option<String>,
    /// The cryptosuites offered, the first the default (`eddsa-rdfc-2022`, `eddsa-jcs-2022`).
    #[serde(default = "default_suites")]
    pub suites: Vec<String>,
}

impl Default for IssuerConfig {
    fn default() -> Self {
        Self {
            key_file: None,
            did: None,
            suites: default_suites(),
        }
    }
}

fn default_suites() -> Vec<String> {
    vec!["eddsa-rdfc-2022".into(), "eddsa-jcs-2022".into()]
}

/// `[limits]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// Largest request body in bytes (default 2 MB, at most 10 MB); larger bodies get 413.
    #[serde(default = "default_body_bytes")]
    pub body_bytes: usize,
    /// Deepest JSON nesting accepted (default 64).
    #[serde(default = "default_json_depth")]
    pub json_depth: usize,
    /// The per-request deadline in milliseconds (default 30,000); past it, 503.
    #[serde(default = "default_timeout_ms")]
    pub request_timeout_ms: u64,
    /// Requests handled at once (default 256); beyond it 503 with `Retry-After`.
    #[serde(default = "default_concurrency")]
    pub concurrency: usize,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            body_bytes: default_body_bytes(),
            json_depth: default_json_depth(),
            request_timeout_ms: default_timeout_ms(),
            concurrency: default_concurrency(),
        }
    }
}

fn default_body_bytes() -> usize {
    DEFAULT_BODY_LIMIT
}
fn default_json_depth() -> usize {
    64
}
fn default_timeout_ms() -> u64 {
    30_000
}
fn default_concurrency() -> usize {
    256
}

/// `[access]`: named bearer tokens, so a token can be rotated by adding the new one, moving
/// clients, then removing the old one.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessConfig {
    /// Tokens that may issue (`POST /credentials/issue`), by name.
    #[serde(default)]
    pub issue_tokens: BTreeMap<String, String>,
    /// Tokens that may change status (`POST /credentials/status`), by name.
    #[serde(default)]
    pub status_tokens: BTreeMap<String, String>,
    /// Tokens that may verify; when empty (the default) verifying is open.
    #[serde(default)]
    pub verify_tokens: BTreeMap<String, String>,
}

/// `[status]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusConfig {
    /// Whether issued credentials get status entries (default true).
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// The purposes each credential gets an entry for (`revocation`, `suspension`).
    #[serde(default = "default_purposes")]
    pub purposes: Vec<String>,
}

impl Default for StatusConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            purposes: default_purposes(),
        }
    }
}

fn default_true() -> bool {
    true
}
fn default_purposes() -> Vec<String> {
    vec!["revocation".into(), "suspension".into()]
}

/// `[verify]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifyConfig {
    /// Resolve did:web issuers and fetch other issuers' status lists over HTTPS, under the
    /// library's outgoing-request policy (default true). Off: did:key and this service's own
    /// DID and lists only.
    #[serde(default = "default_true")]
    pub online: bool,
    /// Let verification fetch from loopback and private addresses, and over plain HTTP
    /// (default false: the documents being verified choose the URLs).
    #[serde(default)]
    pub allow_loopback: bool,
    /// Accept presentations verified without a challenge (default false: `options.challenge`
    /// is required, so a recorded presentation cannot be replayed).
    #[serde(default)]
    pub allow_no_challenge: bool,
}

impl Default for VerifyConfig {
    fn default() -> Self {
        Self {
            online: true,
            allow_loopback: false,
            allow_no_challenge: false,
        }
    }
}

/// The whole configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where to listen (default `127.0.0.1:8443`).
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// The URL clients reach this service at (status list URLs and the did:web document are
    /// under it). Default: `https://localhost:<port>` (`http://` with TLS off).
    pub public_url: Option<String>,
    /// Where the generated key and the SQLite database live. Default: the configuration
    /// file's folder, or `ler-serve` under the user's data folder.
    pub data_dir: Option<PathBuf>,
    /// `sqlite://…` or `postgres://…`. Default: `status.sqlite3` in the data directory.
    pub database_url: Option<String>,
    /// How long shutdown waits for in-flight requests, in seconds (default 10).
    #[serde(default = "default_grace")]
    pub shutdown_grace_seconds: u64,
    /// `[issuer]`.
    #[serde(default)]
    pub issuer: IssuerConfig,
    /// `[tls]`.
    #[serde(default)]
    pub tls: TlsConfig,
    /// `[limits]`.
    #[serde(default)]
    pub limits: LimitsConfig,
    /// `[access]`.
    #[serde(default)]
    pub access: AccessConfig,
    /// `[status]`.
    #[serde(default)]
    pub status: StatusConfig,
    /// `[verify]`.
    #[serde(default)]
    pub verify: VerifyConfig,
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 8443))
}
fn default_grace() -> u64 {
    10
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: default_listen(),
            public_url: None,
            data_dir: None,
            database_url: None,
            shutdown_grace_seconds: default_grace(),
            issuer: IssuerConfig::default(),
            tls: TlsConfig::default(),
            limits: LimitsConfig::default(),
            access: AccessConfig::default(),
            status: StatusConfig::default(),
            verify: VerifyConfig::default(),
        }
    }
}

impl Config {
    /// Parses a TOML document (relative paths stay relative; see [`Config::load`]).
    pub fn from_toml(text: &str, path: &Path) -> Result<Self, ConfigError> {
        toml::from_str(text).map_err(|source| ConfigError::Parse {
            path: path.to_owned(),
            source: Box::new(source),
        })
    }

    /// Reads the file at `path` (when given), resolves its relative paths against its folder,
    /// applies the `LER_SERVE_*` environment variables and checks the result.
    pub fn load(path: Option<&Path>) -> Result<Self, ConfigError> {
        let mut config = match path {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_owned(),
                    source,
                })?;
                let mut config = Self::from_toml(&text, path)?;
                let folder = path.parent().unwrap_or(Path::new("."));
                config.resolve_relative(folder);
                if config.data_dir.is_none() {
                    config.data_dir = Some(folder.to_owned());
                }
                config
            }
            None => Self::default(),
        };
        config.apply_env(|name| std::env::var(name).ok())?;
        config.check()?;
        Ok(config)
    }

    fn resolve_relative(&mut self, folder: &Path) {
        let fix = |p: &mut Option<PathBuf>| {
            if let Some(path) = p
                && path.is_relative()
            {
                *path = folder.join(&*path);
            }
        };
        fix(&mut self.data_dir);
        fix(&mut self.issuer.key_file);
        fix(&mut self.tls.cert);
        fix(&mut self.tls.key);
    }

    /// Applies overrides from `lookup` (the environment in [`Config::load`]).
    pub fn apply_env(
        &mut self,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<(), ConfigError> {
        fn parsed<T: std::str::FromStr>(name: &'static str, value: &str) -> Result<T, ConfigError>
        where
            T::Err: std::fmt::Display,
        {
            value.parse().map_err(|e: T::Err| ConfigError::Env {
                name,
                reason: e.to_string(),
            })
        }
        if let Some(v) = lookup("LER_SERVE_LISTEN") {
            self.listen = parsed("LER_SERVE_LISTEN", &v)?;
        }
        if let Some(v) = lookup("LER_SERVE_PUBLIC_URL") {
            self.public_url = Some(v);
        }
        if let Some(v) = lookup("LER_SERVE_DATA_DIR") {
            self.data_dir = Some(v.into());
        }
        if let Some(v) = lookup("LER_SERVE_DATABASE_URL") {
            self.database_url = Some(v);
        }
        if let Some(v) = lookup("LER_SERVE_KEY_FILE") {
            self.issuer.key_file = Some(v.into());
        }
        if let Some(v) = lookup("LER_SERVE_ISSUER_DID") {
            self.issuer.did = Some(v);
        }
        if let Some(v) = lookup("LER_SERVE_TLS") {
            self.tls.mode = match v.as_str() {
                "self-signed" => TlsMode::SelfSigned,
                "files" => TlsMode::Files,
                "off" => TlsMode::Off,
                other => {
                    return Err(ConfigError::Env {
                        name: "LER_SERVE_TLS",
                        reason: format!("{other:?} is not self-signed, files or off"),
                    });
                }
            };
        }
        if let Some(v) = lookup("LER_SERVE_TLS_CERT") {
            self.tls.cert = Some(v.into());
        }
        if let Some(v) = lookup("LER_SERVE_TLS_KEY") {
            self.tls.key = Some(v.into());
        }
        if let Some(v) = lookup("LER_SERVE_BODY_LIMIT") {
            self.limits.body_bytes = parsed("LER_SERVE_BODY_LIMIT", &v)?;
        }
        if let Some(v) = lookup("LER_SERVE_CONCURRENCY") {
            self.limits.concurrency = parsed("LER_SERVE_CONCURRENCY", &v)?;
        }
        if let Some(v) = lookup("LER_SERVE_TIMEOUT_MS") {
            self.limits.request_timeout_ms = parsed("LER_SERVE_TIMEOUT_MS", &v)?;
        }
        if let Some(v) = lookup("LER_SERVE_ISSUE_TOKENS") {
            self.access.issue_tokens = tokens("LER_SERVE_ISSUE_TOKENS", &v)?;
        }
        if let Some(v) = lookup("LER_SERVE_STATUS_TOKENS") {
            self.access.status_tokens = tokens("LER_SERVE_STATUS_TOKENS", &v)?;
        }
        if let Some(v) = lookup("LER_SERVE_VERIFY_TOKENS") {
            self.access.verify_tokens = tokens("LER_SERVE_VERIFY_TOKENS", &v)?;
        }
        Ok(())
    }

    /// Checks the rules no type can express.
    pub fn check(&self) -> Result<(), ConfigError> {
        if self.limits.body_bytes == 0 || self.limits.body_bytes > MAX_BODY_LIMIT {
            return Err(ConfigError::Invalid(format!(
                "limits.body_bytes must be between 1 and {MAX_BODY_LIMIT}"
            )));
        }
        if self.limits.concurrency == 0 {
            return Err(ConfigError::Invalid(
                "limits.concurrency must be at least 1".into(),
            ));
        }
        if self.limits.json_depth == 0 {
            return Err(ConfigError::Invalid(
                "limits.json_depth must be at least 1".into(),
            ));
        }
        if self.tls.mode == TlsMode::Files && (self.tls.cert.is_none() || self.tls.key.is_none()) {
            return Err(ConfigError::Invalid(
                "tls.mode = \"files\" needs tls.cert and tls.key".into(),
            ));
        }
        if self.issuer.suites.is_empty() {
            return Err(ConfigError::Invalid(
                "issuer.suites must name at least one cryptosuite".into(),
            ));
        }
        let tokens = [
            &self.access.issue_tokens,
            &self.access.status_tokens,
            &self.access.verify_tokens,
        ];
        if tokens.iter().flat_map(|t| t.values()).any(|t| t.len() < 16) {
            return Err(ConfigError::Invalid(
                "bearer tokens must be at least 16 characters".into(),
            ));
        }
        Ok(())
    }

    /// The request deadline.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_millis(self.limits.request_timeout_ms)
    }

    /// The base URL clients use.
    pub fn public_url(&self, port: u16) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => {
                let scheme = if self.tls.mode == TlsMode::Off {
                    "http"
                } else {
                    "https"
                };
                format!("{scheme}://localhost:{port}")
            }
        }
    }

    /// The data directory: configured, or `ler-serve` in the user's data folder, or the
    /// temporary folder.
    pub fn data_dir(&self) -> PathBuf {
        if let Some(dir) = &self.data_dir {
            return dir.clone();
        }
        if let Some(dir) = std::env::var_os("XDG_DATA_HOME") {
            return PathBuf::from(dir).join("ler-serve");
        }
        if let Some(home) = std::env::var_os("HOME") {
            return PathBuf::from(home).join(".local/share/ler-serve");
        }
        std::env::temp_dir().join("ler-serve")
    }
}

/// `name=token,name2=token2`.
fn tokens(name: &'static str, value: &str) -> Result<BTreeMap<String, String>, ConfigError> {
    let mut out = BTreeMap::new();
    for pair in value.split(',').filter(|p| !p.trim().is_empty()) {
        let Some((key, token)) = pair.split_once('=') else {
            return Err(ConfigError::Env {
                name,
                reason: "expected name=token pairs separated by commas".into(),
            });
        };
        out.insert(key.trim().to_owned(), token.trim().to_owned());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn env_overrides_the_file() {
        let mut config = Config::from_toml(
            "listen = \"127.0.0.1:9000\"\n[access]\nissue_tokens = { ci = \"0123456789abcdef\" }\n",
            Path::new("x.toml"),
        )
        .unwrap();
        config
            .apply_env(|name| match name {
                "LER_SERVE_LISTEN" => Some("127.0.0.1:9001".into()),
                "LER_SERVE_STATUS_TOKENS" => Some("a=aaaaaaaaaaaaaaaa,b=bbbbbbbbbbbbbbbb".into()),
                _ => None,
            })
            .unwrap();
        assert_eq!(config.listen.port(), 9001);
        assert_eq!(config.access.issue_tokens.len(), 1);
        assert_eq!(config.access.status_tokens.len(), 2);
        config.check().unwrap();
    }

    #[test]
    fn limits_above_the_document_cap_are_refused() {
        let mut config = Config::default();
        config.limits.body_bytes = MAX_BODY_LIMIT + 1;
        assert!(matches!(config.check(), Err(ConfigError::Invalid(_))));
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(Config::from_toml("lisen = \"x\"", Path::new("x.toml")).is_err());
    }
}

//! **ler-server**: the W3C VC-API service behind `ler serve`. It issues, verifies and revokes
//! Learning and Employment Records over HTTP, with the `ler` library's checks unchanged.
//!
//! # Endpoints
//! | method and path | what | access |
//! |---|---|---|
//! | `POST /credentials/issue` | `{"credential", "options": {"cryptosuite"}}` → 201 `{"verifiableCredential"}` | issue token |
//! | `POST /credentials/verify` | `{"verifiableCredential"}` → 200 `{"verified": true, …report}` or 400 with the report | open (or verify token) |
//! | `POST /presentations/verify` | `{"verifiablePresentation", "options": {"challenge", "domain"}}` → same | open (or verify token) |
//! | `POST /credentials/status` | `{"credentialId", "credentialStatus": {"statusPurpose"}, "status": true}` → 200 | status token |
//! | `GET /status/{purpose}-{n}` | the signed `BitstringStatusListCredential` | open |
//! | `GET /.well-known/did.json` (or `/<path>/did.json`) | the issuer's DID document, for did:web issuers | open |
//! | `GET /healthz`, `/readyz`, `/metrics`, `/openapi.json` | liveness, readiness (the database answers), Prometheus text, OpenAPI 3.1 | open |
//!
//! Malformed requests get RFC 9457 problem details (`application/problem+json`) whose `errors`
//! name each problem's JSON pointer. Bodies are parsed with the library's lossless parser:
//! numbers are kept as written and duplicate keys are refused.
//!
//! # Configuration
//! One TOML file ([`Config`]), every key optional:
//!
//! ```toml
//! listen = "127.0.0.1:8443"
//! public_url = "https://issuer.example.edu"   # status list URLs and did:web live under it
//! data_dir = "/var/lib/ler"                   # generated key and SQLite file; default: beside this file
//! database_url = "postgres://ler@db/ler"      # default: sqlite in data_dir
//! shutdown_grace_seconds = 10
//!
//! [issuer]
//! key_file = "issuer-key.json"                # `ler keygen` format; generated when absent
//! did = "did:web:issuer.example.edu"          # must be the key's controller
//! suites = ["eddsa-rdfc-2022", "eddsa-jcs-2022"]
//!
//! [tls]
//! mode = "files"                              # self-signed (default) | files | off
//! cert = "cert.pem"
//! key = "key.pem"
//!
//! [limits]
//! body_bytes = 2097152                        # 413 above; at most 10 MB
//! json_depth = 64
//! request_timeout_ms = 30000                  # 503 past it
//! concurrency = 256                           # 503 + Retry-After beyond it
//!
//! [access]                                    # named tokens, at least 16 characters
//! issue_tokens = { registrar = "…", registrar-next = "…" }
//! status_tokens = { registrar = "…" }
//! verify_tokens = {}                          # empty: verifying is open
//!
//! [status]
//! enabled = true
//! purposes = ["revocation", "suspension"]
//!
//! [verify]
//! online = true                               # did:web and foreign status lists over HTTPS
//! allow_loopback = false                      # never fetch from loopback/private addresses or http
//! allow_no_challenge = false                  # presentations need options.challenge
//! ```
//!
//! Environment variables override the file: `LER_SERVE_LISTEN`, `LER_SERVE_PUBLIC_URL`,
//! `LER_SERVE_DATA_DIR`, `LER_SERVE_DATABASE_URL`, `LER_SERVE_KEY_FILE`,
//! `LER_SERVE_ISSUER_DID`, `LER_SERVE_TLS` (`self-signed`, `files`, `off`),
//! `LER_SERVE_TLS_CERT`, `LER_SERVE_TLS_KEY`, `LER_SERVE_BODY_LIMIT`, `LER_SERVE_CONCURRENCY`,
//! `LER_SERVE_TIMEOUT_MS`, and `LER_SERVE_ISSUE_TOKENS`, `LER_SERVE_STATUS_TOKENS`,
//! `LER_SERVE_VERIFY_TOKENS` as `name=token,name2=token2`.
//!
//! # Access
//! Issuing and status changes need `Authorization: Bearer <token>` with one of the configured
//! tokens; without one the answer is 401 and nothing is signed or changed. Tokens are compared
//! as SHA-256 digests in constant time, and only a token's name is ever logged. Rotate a token
//! by adding the new one under a new name, moving clients, then removing the old one.
//!
//! # Status lists and several instances
//! Each issued credential gets one index, shared by its `revocation` and `suspension` entries,
//! from a counter row in the database, in the same transaction that records the credential's
//! id: no two credentials share an index across concurrent requests, restarts, or instances on
//! one PostgreSQL database. Verification is stateless, so the service scales by adding
//! instances behind a load balancer, all with the same key, configuration and PostgreSQL URL
//! (see `deploy/` in the repository for a compose file with two instances).
#![forbid(unsafe_code)]

mod api;
pub mod config;
pub mod engine;
mod metrics;
pub mod store;
mod tls;

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower::ServiceBuilder;

pub use config::{Config, ConfigError, TlsMode};
use engine::{Engine, EngineSettings, LocalLists, Purpose};
use metrics::Metrics;
use store::Store;

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The configuration is not usable.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The key or issuer settings are not usable.
    #[error(transparent)]
    Engine(#[from] engine::EngineError),
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// TLS could not be set up.
    #[error("TLS: {0}")]
    Tls(String),
    /// The listener could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The data directory could not be created.
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        /// The folder.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// What the handlers share.
pub(crate) struct AppState {
    engine: Arc<Engine>,
    store: Store,
    metrics: Metrics,
    issue_tokens: api::Tokens,
    status_tokens: api::Tokens,
    verify_tokens: api::Tokens,
    body_limit: usize,
    status_enabled: bool,
    allow_no_challenge: bool,
    public_url: String,
}

impl AppState {
    /// The URL of status list `list` for `purpose`.
    fn list_url(&self, purpose: Purpose, list: u64) -> String {
        format!("{}/status/{}-{list}", self.public_url, purpose.name())
    }
}

/// A request id: the client's `x-request-id` when it sent a short one, else a new one.
async fn request_id(mut request: Request, next: Next) -> Response {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let given = request
        .headers()
        .get("x-request-id")
        .filter(|v| v.len() <= 64 && v.to_str().is_ok())
        .cloned();
    let id = given.unwrap_or_else(|| {
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // A process-random prefix keeps ids from several instances apart.
        static PREFIX: OnceLock<u32> = OnceLock::new();
        let prefix = PREFIX.get_or_init(|| {
            let mut bytes = [0u8; 4];
            let _ = getrandom::getrandom(&mut bytes);
            u32::from_le_bytes(bytes)
        });
        HeaderValue::from_str(&format!("{prefix:08x}-{n}"))
            .unwrap_or_else(|_| HeaderValue::from_static("0"))
    });
    request.headers_mut().insert("x-request-id", id.clone());
    let span = tracing::info_span!(
        "request",
        id = id.to_str().unwrap_or_default(),
        method = %request.method(),
        path = request.uri().path()
    );
    let mut response = tracing::Instrument::instrument(next.run(request), span.clone()).await;
    span.in_scope(|| tracing::info!(status = response.status().as_u16(), "done"));
    response.headers_mut().insert("x-request-id", id);
    response
}

/// Records each request's endpoint, verdict and latency.
async fn record_metrics(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let endpoint = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    let verdict = match response.extensions().get::<api::VerdictLabel>() {
        Some(label) => label.0,
        None if response.status().is_success() => "ok",
        None if response.status().is_client_error() => "client_error",
        None => "server_error",
    };
    state.metrics.record(&endpoint, verdict, started.elapsed());
    response
}

async fn overloaded(error: tower::BoxError) -> Response {
    let (status, detail) = if error.is::<tower::load_shed::error::Overloaded>() {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "the service is at its concurrency limit",
        )
    } else {
        (StatusCode::INTERNAL_SERVER_ERROR, "the request failed")
    };
    let mut response = api::problem(status, detail, &[]);
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

/// The router: every endpoint, with the limits, metrics and request-id layers.
fn router(state: Arc<AppState>, config: &Config) -> Router {
    let mut routes = Router::new()
        .route("/credentials/issue", post(api::issue))
        .route("/credentials/verify", post(api::verify_credential))
        .route("/presentations/verify", post(api::verify_presentation))
        .route("/credentials/status", post(api::update_status))
        .route("/status/{list}", get(api::status_list))
        .route("/healthz", get(api::healthz))
        .route("/readyz", get(api::readyz))
        .route("/metrics", get(api::metrics))
        .route("/openapi.json", get(api::openapi));
    if let Some((path, _)) = state.engine.did_document() {
        routes = routes.route(path, get(api::did_document));
    }
    routes
        .layer(
            ServiceBuilder::new()
                .layer(axum::error_handling::HandleErrorLayer::new(overloaded))
                .load_shed()
                .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
                    config.limits.concurrency,
                ))
                .layer(tower_http::timeout::TimeoutLayer::with_status_code(
                    StatusCode::SERVICE_UNAVAILABLE,
                    config.request_timeout(),
                )),
        )
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            record_metrics,
        ))
        .layer(middleware::from_fn(request_id))
        .fallback(|| async {
            api::problem(StatusCode::NOT_FOUND, "no such endpoint", &[]).into_response()
        })
        .with_state(state)
}

/// A running service.
#[derive(Debug)]
pub struct Running {
    /// The address bound.
    pub local_addr: SocketAddr,
    /// The base URL clients use.
    pub public_url: String,
    /// Whether it speaks TLS.
    pub tls: bool,
    /// The issuer DID.
    pub issuer: String,
    /// Whether a key was generated at start-up, and where it is.
    pub generated_key: Option<std::path::PathBuf>,
    /// Where the generated bearer token is, when no token was configured.
    pub local_token: Option<std::path::PathBuf>,
    /// The PEM of a generated self-signed certificate (for clients to trust in tests).
    pub self_signed_cert_pem: Option<String>,
    handle: axum_server::Handle<SocketAddr>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    store: Store,
    grace: Duration,
}

impl Running {
    /// Stops accepting connections, lets in-flight requests finish (up to the grace period)
    /// and closes the database.
    pub async fn shutdown(self) -> std::io::Result<()> {
        self.handle.graceful_shutdown(Some(self.grace));
        let result = match self.task.await {
            Ok(result) => result,
            Err(e) => Err(std::io::Error::other(e)),
        };
        self.store.close().await;
        result
    }

    /// The URLs worth printing.
    pub fn urls(&self) -> Vec<String> {
        let scheme = if self.tls { "https" } else { "http" };
        let base = format!("{scheme}://{}", self.local_addr);
        vec![
            format!("{base}/credentials/issue"),
            format!("{base}/credentials/verify"),
            format!("{base}/presentations/verify"),
            format!("{base}/credentials/status"),
            format!("{base}/openapi.json"),
            format!("{base}/metrics"),
        ]
    }
}

/// Opens the store, loads or generates the key, binds the listener and starts serving in the
/// background (on the current tokio runtime).
pub async fn start(config: Config) -> Result<Running, ServeError> {
    let data_dir = config.data_dir();
    std::fs::create_dir_all(&data_dir).map_err(|source| ServeError::DataDir {
        path: data_dir.display().to_string(),
        source,
    })?;
    let database_url = config.database_url.clone().unwrap_or_else(|| {
        format!(
            "sqlite://{}?mode=rwc",
            data_dir.join("status.sqlite3").display()
        )
    });
    let store = Store::open(&database_url).await?;
    let key_path = config
        .issuer
        .key_file
        .clone()
        .unwrap_or_else(|| data_dir.join("issuer-key.json"));
    let (signer, generated) = engine::load_or_generate_key(&key_path)?;
    let (access, local_token) = access_or_local_token(&config.access, &data_dir)?;
    let (listener, local_addr) = bind(config.listen)?;
    let public_url = config.public_url(local_addr.port());

    // The verifier reads this service's own lists from the database (the engine signs them),
    // so the lists closure reaches the state once it exists.
    let cell: Arc<OnceLock<Arc<AppState>>> = Arc::new(OnceLock::new());
    let local_lists = own_lists(Arc::clone(&cell), &public_url);
    let engine = Engine::new(EngineSettings {
        signer,
        issuer_did: config.issuer.did.as_deref(),
        suites: &config.issuer.suites,
        purposes: if config.status.enabled {
            &config.status.purposes
        } else {
            &[]
        },
        online: config.verify.online,
        allow_loopback: config.verify.allow_loopback,
        limits: ler::model::json::ParseOptions::new(
            config.limits.body_bytes,
            config.limits.json_depth,
        ),
        local_lists,
    })?;
    let issuer = engine.issuer().to_owned();
    let state = Arc::new(AppState {
        engine: Arc::new(engine),
        store: store.clone(),
        metrics: Metrics::default(),
        issue_tokens: api::Tokens::new(&access.issue_tokens),
        status_tokens: api::Tokens::new(&access.status_tokens),
        verify_tokens: api::Tokens::new(&access.verify_tokens),
        body_limit: config.limits.body_bytes,
        status_enabled: config.status.enabled && !config.status.purposes.is_empty(),
        allow_no_challenge: config.verify.allow_no_challenge,
        public_url: public_url.clone(),
    });
    let _ = cell.set(Arc::clone(&state));
    let app = router(state, &config);

    let handle = axum_server::Handle::new();
    let (tls_config, cert_pem) = tls::server_config(&config.tls)?;
    let tls = tls_config.is_some();
    let task = serve(listener, local_addr, tls_config, app, &handle)?;
    tracing::info!(%local_addr, %public_url, issuer, tls, "ler serve started");
    Ok(Running {
        local_addr,
        public_url,
        tls,
        issuer,
        generated_key: generated.then_some(key_path),
        local_token,
        self_signed_cert_pem: cert_pem,
        handle,
        task,
        store,
        grace: Duration::from_secs(config.shutdown_grace_seconds),
    })
}

/// The configured access tokens; when none may issue or change status (a first local run), one
/// generated token, kept in the data directory beside the key, may do both, so the service is
/// usable without writing a config. Returns the token file's path when it is used.
fn access_or_local_token(
    configured: &config::AccessConfig,
    data_dir: &std::path::Path,
) -> Result<(config::AccessConfig, Option<std::path::PathBuf>), ServeError> {
    let mut access = configured.clone();
    if !(access.issue_tokens.is_empty() && access.status_tokens.is_empty()) {
        return Ok((access, None));
    }
    let path = data_dir.join("local-token");
    let token = engine::load_or_generate_token(&path)?;
    access.issue_tokens.insert("local".into(), token.clone());
    access.status_tokens.insert("local".into(), token);
    Ok((access, Some(path)))
}

/// A non-blocking listener on `addr`, and the address it got (the port, when `addr` asked for
/// port 0).
fn bind(addr: SocketAddr) -> Result<(std::net::TcpListener, SocketAddr), ServeError> {
    let bind_error = |source| ServeError::Bind { addr, source };
    let listener = std::net::TcpListener::bind(addr).map_err(bind_error)?;
    let local_addr = listener.local_addr().map_err(bind_error)?;
    listener.set_nonblocking(true).map_err(bind_error)?;
    Ok((listener, local_addr))
}

/// The verifier's source for this service's own status lists (`{public_url}/status/...`):
/// read from the store through the state in `cell`, once the state exists.
fn own_lists(cell: Arc<OnceLock<Arc<AppState>>>, public_url: &str) -> LocalLists {
    let runtime = tokio::runtime::Handle::current();
    let prefix = format!("{public_url}/status/");
    Arc::new(move |url: &str| {
        let Some(name) = url.strip_prefix(&prefix) else {
            return Ok(None);
        };
        let Some(state) = cell.get() else {
            return Ok(None);
        };
        // Called from the verifier on a blocking thread, never on an async one.
        runtime
            .block_on(api::signed_list(state, name))
            .map_err(|response| format!("status {}", response.status()))
    })
}

/// Serves `app` on `listener` (bound to `addr`) in a background task, over TLS when
/// `tls_config` is given.
fn serve(
    listener: std::net::TcpListener,
    addr: SocketAddr,
    tls_config: Option<Arc<rustls::ServerConfig>>,
    app: Router,
    handle: &axum_server::Handle<SocketAddr>,
) -> Result<tokio::task::JoinHandle<std::io::Result<()>>, ServeError> {
    let bind_error = |source| ServeError::Bind { addr, source };
    Ok(match tls_config {
        Some(server_config) => {
            let rustls = axum_server::tls_rustls::RustlsConfig::from_config(server_config);
            let server = axum_server::from_tcp_rustls(listener, rustls)
                .map_err(bind_error)?
                .handle(handle.clone());
            tokio::spawn(async move { server.serve(app.into_make_service()).await })
        }
        None => {
            let server = axum_server::from_tcp(listener)
                .map_err(bind_error)?
                .handle(handle.clone());
            tokio::spawn(async move { server.serve(app.into_make_service()).await })
        }
    })
}

/// Starts the service, prints its URLs, and serves until Ctrl-C or SIGTERM, then shuts down
/// gracefully. For `ler serve`.
pub async fn run(config: Config) -> Result<(), ServeError> {
    let running = start(config).await?;
    if let Some(path) = &running.generated_key {
        println!(
            "generated a new issuer key: {} (keep it secret)",
            path.display()
        );
    }
    println!("ler serve: issuer {}", running.issuer);
    if let Some(path) = &running.local_token {
        println!(
            "no bearer tokens configured: issuing and status changes take the token in {}",
            path.display()
        );
    }
    if running.self_signed_cert_pem.is_some() {
        println!("TLS with a self-signed certificate for localhost (for local use only)");
    }
    for url in running.urls() {
        println!("  {url}");
    }
    shutdown_signal().await;
    println!("ler serve: shutting down");
    running.shutdown().await.map_err(|source| ServeError::Bind {
        addr: SocketAddr::from(([0, 0, 0, 0], 0)),
        source,
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// Installs a `tracing` subscriber writing to standard error, filtered by `RUST_LOG`
/// (default `info`). For `ler serve`.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();
}

//! Real HTTP and HTTPS servers on 127.0.0.1 for the did:web and status-list tests: a thread per
//! connection, one request per connection, answers chosen by path.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// What the server answers for one path.
#[derive(Debug, Clone)]
pub(crate) enum Reply {
    /// 200 with this body.
    Body(Vec<u8>),
    /// This status, empty body.
    Status(u16),
    /// 302 to this Location.
    Redirect(String),
    /// Waits, then 200 with this body.
    Slow(Duration, Vec<u8>),
}

/// A running server; it lives until the test process ends.
pub(crate) struct Server {
    /// The port on 127.0.0.1.
    pub(crate) port: u16,
    /// `https` or `http`.
    pub(crate) scheme: &'static str,
}

impl Server {
    /// `scheme://localhost:port` + `path`.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}://localhost:{}{path}", self.scheme, self.port)
    }

    /// The did:web DID this server answers for (`did:web:localhost%3A<port>`), plus `path`
    /// segments.
    pub(crate) fn did(&self, segments: &[&str]) -> String {
        let mut did = format!("did:web:localhost%3A{}", self.port);
        for s in segments {
            did.push(':');
            did.push_str(s);
        }
        did
    }
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/web")
        .join(name)
}

/// The test root certificate (PEM) the client trusts.
pub(crate) fn root_pem() -> Vec<u8> {
    std::fs::read(fixture("root.pem")).unwrap()
}

type Route = Arc<dyn Fn(&str) -> Reply + Send + Sync>;

/// Starts an HTTPS server (the committed test certificate for localhost and 127.0.0.1).
pub(crate) fn https(route: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Server {
    start(true, Arc::new(route))
}

/// Starts a plain HTTP server.
pub(crate) fn http(route: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Server {
    start(false, Arc::new(route))
}

fn tls_config() -> Arc<rustls::ServerConfig> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(fixture("server.pem"))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(fixture("server-key.pem")).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    Arc::new(config)
}

fn start(tls: bool, route: Route) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let config = tls.then(tls_config);
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let route = Arc::clone(&route);
            let config = config.clone();
            thread::spawn(move || {
                // Errors (a client that gave up, a TLS failure) only end this connection.
                let _ = serve(stream, config, &route);
            });
        }
    });
    Server {
        port,
        scheme: if tls { "https" } else { "http" },
    }
}

fn serve(
    stream: TcpStream,
    config: Option<Arc<rustls::ServerConfig>>,
    route: &Route,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    match config {
        Some(config) => {
            let connection =
                rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
            let mut tls = rustls::StreamOwned::new(connection, stream);
            exchange(&mut tls, route)?;
            tls.conn.send_close_notify();
            tls.flush()
        }
        None => {
            let mut stream = stream;
            exchange(&mut stream, route)
        }
    }
}

fn exchange(stream: &mut (impl Read + Write), route: &Route) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 16 * 1024 || stream.read(&mut byte)? == 0 {
            return Ok(());
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    let path = head.split(' ').nth(1).unwrap_or("/").to_owned();
    let (status, extra, body) = match route(&path) {
        Reply::Body(body) => (200, String::new(), body),
        Reply::Status(status) => (status, String::new(), Vec::new()),
        Reply::Redirect(location) => (302, format!("Location: {location}\r\n"), Vec::new()),
        Reply::Slow(wait, body) => {
            thread::sleep(wait);
            (200, String::new(), body)
        }
    };
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(&body)?;
    stream.flush()
}

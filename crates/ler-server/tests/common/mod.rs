//! A service on 127.0.0.1 for the tests, and a small blocking client.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, unreachable_pub)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use ler_server::{Config, Running, TlsMode};

pub const ISSUE_TOKEN: &str = "issue-token-0123456789";
pub const ISSUE_TOKEN_NEXT: &str = "issue-token-rotated-9876543210";
pub const STATUS_TOKEN: &str = "status-token-0123456789";

/// The test configuration: plain HTTP on an ephemeral port, data in `dir`, tokens set,
/// nothing fetched from the network.
pub fn config(dir: &Path) -> Config {
    let mut config = Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: Some(dir.to_owned()),
        shutdown_grace_seconds: 2,
        ..Config::default()
    };
    config.tls.mode = TlsMode::Off;
    config.verify.online = false;
    config
        .access
        .issue_tokens
        .insert("ci".into(), ISSUE_TOKEN.into());
    config
        .access
        .issue_tokens
        .insert("ci-next".into(), ISSUE_TOKEN_NEXT.into());
    config
        .access
        .status_tokens
        .insert("ci".into(), STATUS_TOKEN.into());
    config
}

pub struct TestServer {
    pub runtime: tokio::runtime::Runtime,
    pub running: Option<Running>,
    pub base: String,
    pub issuer: String,
    pub agent: ureq::Agent,
}

impl TestServer {
    pub fn start(config: Config) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let running = runtime.block_on(ler_server::start(config)).unwrap();
        let scheme = if running.tls { "https" } else { "http" };
        let base = format!("{scheme}://{}", running.local_addr);
        let issuer = running.issuer.clone();
        let agent = agent(None);
        Self {
            runtime,
            running: Some(running),
            base,
            issuer,
            agent,
        }
    }

    pub fn addr(&self) -> std::net::SocketAddr {
        self.running.as_ref().unwrap().local_addr
    }

    pub fn post(&self, path: &str, body: &str, token: Option<&str>) -> (u16, String) {
        post_with(&self.agent, &format!("{}{path}", self.base), body, token)
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let mut response = self
            .agent
            .get(&format!("{}{path}", self.base))
            .call()
            .unwrap();
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap())
    }

    pub fn stop(mut self) {
        if let Some(running) = self.running.take() {
            self.runtime.block_on(running.shutdown()).unwrap();
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            let _ = self.runtime.block_on(running.shutdown());
        }
    }
}

/// A client that returns every status (no error for 4xx/5xx), with timeouts.
pub fn agent(tls: Option<ureq::tls::TlsConfig>) -> ureq::Agent {
    let mut builder = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)));
    if let Some(tls) = tls {
        builder = builder.tls_config(tls);
    }
    builder.build().new_agent()
}

pub fn post_with(agent: &ureq::Agent, url: &str, body: &str, token: Option<&str>) -> (u16, String) {
    let mut request = agent.post(url).header("content-type", "application/json");
    if let Some(token) = token {
        request = request.header("authorization", &format!("Bearer {token}"));
    }
    let mut response = request.send(body).unwrap();
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .unwrap();
    (status, text)
}

/// An unsigned VC 2.0 credential by `issuer`.
pub fn credential(issuer: &str, id: &str) -> serde_json::Value {
    serde_json::json!({
        "@context": ["https://www.w3.org/ns/credentials/v2",
                     "https://www.w3.org/ns/credentials/examples/v2"],
        "id": id,
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "credentialSubject": {"id": "did:example:learner", "name": "Forklift Safety"}
    })
}

pub fn issue_request(issuer: &str, id: &str, suite: Option<&str>) -> String {
    let mut body = serde_json::json!({"credential": credential(issuer, id)});
    if let Some(suite) = suite {
        body["options"] = serde_json::json!({"cryptosuite": suite});
    }
    body.to_string()
}

pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Sends raw bytes and reads the response head (up to 4 KB or the timeout).
pub fn raw(addr: std::net::SocketAddr, bytes: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(bytes).unwrap();
    let mut buffer = vec![0u8; 4096];
    let n = stream.read(&mut buffer).unwrap_or(0);
    String::from_utf8_lossy(&buffer[..n]).into_owned()
}

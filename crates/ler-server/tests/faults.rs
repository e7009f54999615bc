//! Faults and limits: disconnecting and slow clients, the deadline, the concurrency limit,
//! concurrent issuance and restarts (no index handed out twice), TLS.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashSet;
use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::*;

/// The (list URL, index) of each status entry of a signed credential.
fn slots(credential: &serde_json::Value) -> Vec<(String, String)> {
    credential["credentialStatus"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["statusListCredential"].as_str().unwrap().to_owned(),
                e["statusListIndex"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn issue_one(agent: &ureq::Agent, base: &str, issuer: &str, id: &str) -> serde_json::Value {
    let (status, body) = post_with(
        agent,
        &format!("{base}/credentials/issue"),
        &issue_request(issuer, id, Some("eddsa-jcs-2022")),
        Some(ISSUE_TOKEN),
    );
    assert_eq!(status, 201, "{body}");
    json(&body)["verifiableCredential"].clone()
}

#[test]
fn concurrent_issuance_never_shares_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(config(dir.path()));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let base = server.base.clone();
            let issuer = server.issuer.clone();
            std::thread::spawn(move || {
                let agent = agent(None);
                (0..25)
                    .flat_map(|i| {
                        let id = format!("urn:uuid:00000000-0000-4000-8000-{t:06}{i:06}");
                        slots(&issue_one(&agent, &base, &issuer, &id))
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let all: Vec<(String, String)> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert_eq!(all.len(), 8 * 25 * 2);
    let unique: HashSet<_> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "an index was handed out twice");
}

#[test]
fn restarts_keep_the_key_and_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(config(dir.path()));
    let issuer = server.issuer.clone();
    let first = issue_one(&server.agent, &server.base, &issuer, "urn:uuid:1");
    server.stop();
    let server = TestServer::start(config(dir.path()));
    assert_eq!(server.issuer, issuer, "the generated key is reused");
    let second = issue_one(&server.agent, &server.base, &issuer, "urn:uuid:2");
    assert_ne!(slots(&first)[0].1, slots(&second)[0].1);
}

#[test]
fn clients_that_disconnect_mid_request_leave_the_service_serving() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(config(dir.path()));
    for _ in 0..20 {
        let mut stream = TcpStream::connect(server.addr()).unwrap();
        stream
            .write_all(b"POST /credentials/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"verifiableCredential\":")
            .unwrap();
        drop(stream);
    }
    assert_eq!(server.get("/healthz").0, 200);
    assert_eq!(server.get("/readyz").0, 200);
}

#[test]
fn slow_clients_meet_the_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.limits.request_timeout_ms = 300;
    let server = TestServer::start(config);
    let started = Instant::now();
    // The body never comes: the deadline answers.
    let head = raw(
        server.addr(),
        b"POST /credentials/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
    );
    assert!(head.starts_with("HTTP/1.1 503"), "{head}");
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn overload_gets_503_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.limits.concurrency = 1;
    let server = TestServer::start(config);
    // One request holds the only slot while its body is awaited.
    let mut holder = TcpStream::connect(server.addr()).unwrap();
    holder
        .write_all(b"POST /credentials/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
        .unwrap();
    let mut shed = None;
    for _ in 0..100 {
        let mut response = server
            .agent
            .get(&format!("{}/healthz", server.base))
            .call()
            .unwrap();
        if response.status().as_u16() == 503 {
            shed = Some((
                response.headers().get("retry-after").cloned(),
                response.body_mut().read_to_string().unwrap(),
            ));
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let (retry_after, body) = shed.expect("no 503 while the only slot was taken");
    assert!(retry_after.is_some());
    assert_eq!(json(&body)["status"], 503);
    drop(holder);
    // The slot frees once the holder is gone.
    let mut ok = false;
    for _ in 0..100 {
        if server.get("/healthz").0 == 200 {
            ok = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(ok);
}

#[test]
fn request_ids_are_returned() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(config(dir.path()));
    let response = server
        .agent
        .get(&format!("{}/healthz", server.base))
        .header("x-request-id", "abc-123")
        .call()
        .unwrap();
    assert_eq!(response.headers().get("x-request-id").unwrap(), "abc-123");
    let response = server
        .agent
        .get(&format!("{}/healthz", server.base))
        .call()
        .unwrap();
    assert!(response.headers().get("x-request-id").is_some());
}

#[test]
fn tls_with_a_self_signed_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.tls.mode = ler_server::TlsMode::SelfSigned;
    let server = TestServer::start(config);
    assert!(server.base.starts_with("https://"));
    let pem = server
        .running
        .as_ref()
        .unwrap()
        .self_signed_cert_pem
        .clone()
        .unwrap();
    let cert = ureq::tls::Certificate::from_pem(pem.as_bytes()).unwrap();
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::new_with_certs(&[cert]))
        .build();
    let trusting = agent(Some(tls));
    let url = format!("https://localhost:{}/healthz", server.addr().port());
    let mut response = trusting.get(&url).call().unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.body_mut().read_to_string().unwrap(), "ok\n");
    // A client that does not trust the certificate cannot connect.
    assert!(agent(None).get(&url).call().is_err());
    // Plain HTTP to the TLS port gets nothing useful.
    let head = raw(server.addr(), b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(!head.starts_with("HTTP/1.1 200"));
}

#[test]
fn tls_from_certificate_files() {
    let dir = tempfile::tempdir().unwrap();
    let generated = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    std::fs::write(&cert, generated.cert.pem()).unwrap();
    std::fs::write(&key, generated.key_pair.serialize_pem()).unwrap();
    let mut config = config(dir.path());
    config.tls.mode = ler_server::TlsMode::Files;
    config.tls.cert = Some(cert);
    config.tls.key = Some(key);
    let server = TestServer::start(config);
    let root = ureq::tls::Certificate::from_pem(generated.cert.pem().as_bytes()).unwrap();
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::new_with_certs(&[root]))
        .build();
    let url = format!("https://localhost:{}/healthz", server.addr().port());
    assert_eq!(
        agent(Some(tls)).get(&url).call().unwrap().status().as_u16(),
        200
    );
}

#[test]
fn an_unavailable_database_gets_503_and_nothing_half_written() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(config(dir.path()));
    let url = format!("sqlite://{}", dir.path().join("status.sqlite3").display());
    // Another process holds the database's write lock past the store's busy timeout.
    let mut blocker = server.runtime.block_on(async {
        let mut conn = sqlx::sqlite::SqliteConnection::connect(&url).await.unwrap();
        sqlx::query("BEGIN EXCLUSIVE")
            .execute(&mut conn)
            .await
            .unwrap();
        conn
    });
    let mut response = server
        .agent
        .post(&format!("{}/credentials/issue", server.base))
        .header("content-type", "application/json")
        .header("authorization", &format!("Bearer {ISSUE_TOKEN}"))
        .send(issue_request(&server.issuer, "urn:uuid:8", None).as_str())
        .unwrap();
    assert_eq!(response.status().as_u16(), 503);
    assert!(response.headers().get("retry-after").is_some());
    let body = response.body_mut().read_to_string().unwrap();
    assert!(!body.contains("proof"), "{body}");
    let rows: i64 = server.runtime.block_on(async {
        sqlx::query("ROLLBACK").execute(&mut blocker).await.unwrap();
        let row: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM status_entries")
            .fetch_one(&mut blocker)
            .await
            .unwrap();
        row.0
    });
    assert_eq!(rows, 0, "nothing was written");
    // Once the database is back, issuing works again.
    issue_one(&server.agent, &server.base, &server.issuer, "urn:uuid:9");
}

#[test]
fn shutdown_lets_in_flight_requests_finish() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = TestServer::start(config(dir.path()));
    let credential = issue_one(&server.agent, &server.base, &server.issuer, "urn:uuid:10");
    let body = serde_json::json!({"verifiableCredential": credential}).to_string();
    let (first, rest) = body.as_bytes().split_at(body.len() / 2);
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "POST /credentials/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    stream.write_all(first).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let running = server.running.take().unwrap();
    let addr = running.local_addr;
    let shutdown = server.runtime.spawn(running.shutdown());
    std::thread::sleep(Duration::from_millis(200));
    stream.write_all(rest).unwrap();
    let mut head = [0u8; 16];
    std::io::Read::read_exact(&mut stream, &mut head).unwrap();
    assert!(
        head.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&head)
    );
    server.runtime.block_on(shutdown).unwrap().unwrap();
    assert!(
        TcpStream::connect(addr).is_err(),
        "no new connections after shutdown"
    );
}

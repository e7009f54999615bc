//! 20,000 verify requests from 64 concurrent clients, with zero errors (bounded in count; no
//! timing is asserted).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;

const REQUESTS: usize = 20_000;
const CLIENTS: usize = 64;

#[test]
fn twenty_thousand_verifications_from_64_clients_without_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.limits.concurrency = 128;
    let server = TestServer::start(config);
    let (status, body) = server.post(
        "/credentials/issue",
        &issue_request(&server.issuer, "urn:uuid:7", Some("eddsa-jcs-2022")),
        Some(ISSUE_TOKEN),
    );
    assert_eq!(status, 201);
    let credential = json(&body)["verifiableCredential"].clone();
    let request = Arc::new(serde_json::json!({"verifiableCredential": credential}).to_string());
    // The library gets the same status lists the service serves, so both do the same work.
    let lists: Vec<(String, String)> = credential["credentialStatus"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let url = entry["statusListCredential"].as_str().unwrap().to_owned();
            let path = format!("/status/{}", url.rsplit('/').next().unwrap());
            (url, server.get(&path).1)
        })
        .collect();
    let library_rate = library_throughput(&credential, &lists);
    let started = std::time::Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let url = format!("{}/credentials/verify", server.base);
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (request, next, errors, url) = (
                Arc::clone(&request),
                Arc::clone(&next),
                Arc::clone(&errors),
                url.clone(),
            );
            std::thread::spawn(move || {
                let agent = agent(None);
                while next.fetch_add(1, Ordering::Relaxed) < REQUESTS {
                    let ok = agent
                        .post(&url)
                        .header("content-type", "application/json")
                        .send(request.as_str())
                        .ok()
                        .and_then(|mut r| {
                            (r.status().as_u16() == 200)
                                .then(|| r.body_mut().read_to_string().ok())
                                .flatten()
                        })
                        .is_some_and(|text| text.starts_with("{\"verified\":true"));
                    if !ok {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for client in clients {
        client.join().unwrap();
    }
    let http_rate = REQUESTS as f64 / started.elapsed().as_secs_f64();
    // Measured, never asserted: for BENCHMARKS.md, from a release run with --nocapture.
    eprintln!(
        "verify over HTTP: {http_rate:.0}/s; the library in-process: {library_rate:.0}/s; ratio {:.2}",
        http_rate / library_rate
    );
    assert_eq!(errors.load(Ordering::Relaxed), 0);
    let (_, metrics) = server.get("/metrics");
    let line = format!(
        "ler_http_requests_total{{endpoint=\"/credentials/verify\",verdict=\"verified\"}} {REQUESTS}"
    );
    assert!(metrics.contains(&line), "{metrics}");
}

/// Verifications per second of the same credential by the library itself, on every core.
fn library_throughput(credential: &serde_json::Value, lists: &[(String, String)]) -> f64 {
    const EACH: usize = 200;
    let bytes = Arc::new(credential.to_string().into_bytes());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let started = std::time::Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let bytes = Arc::clone(&bytes);
            let mut source = ler::verifier::status::MemoryStatusLists::new();
            for (url, list) in lists {
                source.insert(url.as_str(), list.as_bytes().to_vec());
            }
            std::thread::spawn(move || {
                let options = ler::verifier::VerifyOptions::default().status_lists(source);
                for _ in 0..EACH {
                    let verification = ler::verifier::verify(bytes.as_slice(), &options);
                    assert!(verification.report().is_verified());
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    (threads * EACH) as f64 / started.elapsed().as_secs_f64()
}

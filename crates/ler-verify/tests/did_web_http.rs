//! did:web and status lists over real HTTP and HTTPS servers on 127.0.0.1 (feature `http`): the
//! client's policy (timeouts, size limit, redirects, https only, certificate checks) and
//! credentials and presentations verified end to end. Nothing here leaves 127.0.0.1.
#![cfg(feature = "http")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod did_web_server;

use std::path::Path;
use std::time::{Duration, Instant};

use did_web_server::{Reply, Server, https, root_pem};
use ler_model::json::Value;
use ler_proof::{
    DidWebResolver, DocumentFetcher, Ed25519KeyPair, Ed25519Signer, FetchError, OutgoingPolicy,
    ResolveError, Resolver, di,
};
use ler_verify::status::{StatusListSource, StatusSourceError};
use ler_verify::{
    HttpClient, Outcome, PresentationOptions, Report, Verdict, VerifyOptions, present, verify,
    verify_presentation,
};

const CLOCK: &str = "2026-11-29T00:00:00Z";

/// The policy these tests opt in to: their servers listen on 127.0.0.1.
fn local() -> OutgoingPolicy {
    OutgoingPolicy::new().allow_loopback(true).allow_http(true)
}

fn client() -> HttpClient {
    HttpClient::builder()
        .policy(local())
        .trust_only_roots_pem(&root_pem())
        .unwrap()
        .timeout(Duration::from_secs(10))
        .build()
}

fn options(resolver: impl Resolver + Send + Sync + 'static) -> VerifyOptions {
    VerifyOptions::default()
        .at(ler_model::date::parse_date_time_stamp(CLOCK).unwrap())
        .resolver(resolver)
}

fn key() -> Ed25519KeyPair {
    Ed25519KeyPair::from_seed(&[42; 32])
}

/// A DID document for `did` with one Multikey method `#key-1` listed under `relationships`.
fn did_document(did: &str, relationships: &[&str]) -> Vec<u8> {
    let mb = key().public_key().to_multibase();
    let mut text = format!(
        r#"{{"@context":["https://www.w3.org/ns/did/v1","https://w3id.org/security/multikey/v1"],"id":"{did}","verificationMethod":[{{"id":"{did}#key-1","type":"Multikey","controller":"{did}","publicKeyMultibase":"{mb}"}}]"#
    );
    for r in relationships {
        text.push_str(&format!(r##","{r}":["#key-1"]"##));
    }
    text.push('}');
    text.into_bytes()
}

fn credential(issuer: &str, subject: &str) -> Value {
    credential_for_skill(issuer, subject, "Welding")
}

fn credential_for_skill(issuer: &str, subject: &str, skill: &str) -> Value {
    let text = format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],"type":["VerifiableCredential"],"issuer":"{issuer}","validFrom":"2025-01-01T00:00:00Z","credentialSubject":{{"id":"{subject}","skill":"{skill}"}}}}"#
    );
    let unsigned = ler_model::json::parse(text.as_bytes()).unwrap();
    let signer = Ed25519Signer::new(key(), format!("{issuer}#key-1"), issuer);
    let options =
        di::ProofOptions::new(di::Cryptosuite::EddsaJcs2022).created("2025-01-01T00:00:00Z");
    di::sign(&unsigned, &options, &signer).unwrap()
}

fn outcomes<'a>(report: &'a Report, id: &'a str) -> Vec<Outcome> {
    report.checks_with_id(id).map(|c| c.outcome).collect()
}

#[test]
fn a_did_web_credential_verifies_over_https() {
    // The port, so the DID, is only known once the server runs.
    let did_cell = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let inner = std::sync::Arc::clone(&did_cell);
    let server = https(move |path| match (path, inner.get()) {
        ("/.well-known/did.json", Some(did)) => {
            Reply::Body(did_document(did, &["assertionMethod"]))
        }
        _ => Reply::Status(404),
    });
    let did = server.did(&[]);
    did_cell.set(did.clone()).unwrap();

    let signed = credential(&did, "did:example:learner");
    let verification = verify(
        signed.to_string().as_bytes(),
        &options(client().did_web_resolver()),
    );
    let report = verification.report();
    assert_eq!(report.verdict, Verdict::Verified, "{}", report.to_json());
    assert_eq!(outcomes(report, "issuer.key-binding"), [Outcome::Pass]);
    assert_eq!(outcomes(report, "proof.signature"), [Outcome::Pass]);
}

/// A server answering `route(path, its did)`, and its DID `did:web:localhost%3A<port>:issuers:alice`.
fn server_with(route: impl Fn(&str, &str) -> Reply + Send + Sync + 'static) -> (Server, String) {
    let did_cell = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let inner = std::sync::Arc::clone(&did_cell);
    let server = https(move |path| route(path, inner.get().map(String::as_str).unwrap_or("")));
    let did = server.did(&["issuers", "alice"]);
    did_cell.set(did.clone()).unwrap();
    (server, did)
}

#[test]
fn a_path_did_resolves_to_its_did_json() {
    let (_server, did) = server_with(|path, did| match path {
        "/issuers/alice/did.json" => Reply::Body(did_document(did, &["assertionMethod"])),
        _ => Reply::Status(404),
    });
    let resolver = client().did_web_resolver();
    let method = resolver
        .resolve_verification_method(&format!("{did}#key-1"))
        .unwrap();
    assert_eq!(method.controller, did);
    assert_eq!(method.public_key, key().public_key());
}

#[test]
fn a_missing_document_is_not_found_and_the_signature_indeterminate() {
    let (_server, did) = server_with(|_, _| Reply::Status(404));
    let resolver = client().did_web_resolver();
    let error = resolver
        .resolve_verification_method(&format!("{did}#key-1"))
        .unwrap_err();
    assert!(matches!(error, ResolveError::NotFound { .. }), "{error:?}");
    let signed = credential(&did, "did:example:learner");
    let report = verify(signed.to_string().as_bytes(), &options(resolver))
        .into_parts()
        .0;
    assert_eq!(
        report.verdict,
        Verdict::Indeterminate,
        "{}",
        report.to_json()
    );
    assert_eq!(
        outcomes(&report, "proof.signature"),
        [Outcome::Indeterminate]
    );
}

#[test]
fn malformed_json_is_an_invalid_document() {
    let (_server, did) = server_with(|_, _| Reply::Body(b"{\"id\": \"did:web:x\",".to_vec()));
    let resolver = client().did_web_resolver();
    let error = resolver
        .resolve_verification_method(&format!("{did}#key-1"))
        .unwrap_err();
    assert!(
        matches!(error, ResolveError::InvalidDocument { .. }),
        "{error:?}"
    );
    let signed = credential(&did, "did:example:learner");
    let report = verify(signed.to_string().as_bytes(), &options(resolver))
        .into_parts()
        .0;
    assert_eq!(
        report.failing_ids(),
        ["proof.signature"],
        "{}",
        report.to_json()
    );
}

#[test]
fn a_document_for_another_did_is_refused() {
    let (_server, did) = server_with(|_, _| {
        Reply::Body(did_document("did:web:issuer.example", &["assertionMethod"]))
    });
    let resolver = client().did_web_resolver();
    match resolver.resolve_verification_method(&format!("{did}#key-1")) {
        Err(ResolveError::InvalidDocument {
            pointer, reason, ..
        }) => {
            assert_eq!(pointer, "/id");
            assert!(reason.contains("did:web:issuer.example"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let signed = credential(&did, "did:example:learner");
    let report = verify(signed.to_string().as_bytes(), &options(resolver))
        .into_parts()
        .0;
    assert_eq!(report.failing_ids(), ["proof.signature"]);
}

#[test]
fn a_slow_server_hits_the_timeout() {
    let (server, _did) = server_with(|_, _| Reply::Slow(Duration::from_secs(3), b"{}".to_vec()));
    let client = HttpClient::builder()
        .policy(local())
        .trust_only_roots_pem(&root_pem())
        .unwrap()
        .connect_timeout(Duration::from_millis(300))
        .timeout(Duration::from_millis(300))
        .build();
    let started = Instant::now();
    let error = client
        .get(&server.url("/issuers/alice/did.json"))
        .unwrap_err();
    assert!(matches!(error, FetchError::Timeout { .. }), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn an_oversized_body_is_refused() {
    let (server, _did) = server_with(|_, _| Reply::Body(vec![b' '; 100_000]));
    let client = HttpClient::builder()
        .policy(local())
        .trust_only_roots_pem(&root_pem())
        .unwrap()
        .max_body_bytes(16 * 1024)
        .build();
    let error = client.get(&server.url("/big")).unwrap_err();
    assert_eq!(
        error,
        FetchError::TooLarge {
            url: server.url("/big"),
            limit: 16 * 1024
        }
    );
    // The same body within the limit is fine.
    let roomy = HttpClient::builder()
        .policy(local())
        .trust_only_roots_pem(&root_pem())
        .unwrap()
        .max_body_bytes(100_000)
        .build();
    assert_eq!(roomy.get(&server.url("/big")).unwrap().len(), 100_000);
}

#[test]
fn redirects_stay_on_the_same_origin() {
    let (server, did) = server_with(|path, did| match path {
        "/issuers/alice/did.json" => Reply::Redirect("/moved/did.json".into()),
        "/moved/did.json" => Reply::Body(did_document(did, &["assertionMethod"])),
        "/away" => Reply::Redirect("https://issuer.example/.well-known/did.json".into()),
        "/loop" => Reply::Redirect("/loop".into()),
        _ => Reply::Status(404),
    });
    // A same-origin redirect is followed.
    let resolver = client().did_web_resolver();
    assert!(
        resolver
            .resolve_verification_method(&format!("{did}#key-1"))
            .is_ok()
    );
    // Another host is refused before any connection to it.
    match client().get(&server.url("/away")) {
        Err(FetchError::Refused { reason, .. }) => assert!(reason.contains("another origin")),
        other => panic!("{other:?}"),
    }
    // Endless redirects stop.
    assert!(matches!(
        client().get(&server.url("/loop")),
        Err(FetchError::Refused { .. })
    ));
    // No redirects at all when asked.
    let strict = HttpClient::builder()
        .policy(local())
        .trust_only_roots_pem(&root_pem())
        .unwrap()
        .max_redirects(0)
        .build();
    assert!(matches!(
        strict.get(&server.url("/issuers/alice/did.json")),
        Err(FetchError::Refused { .. })
    ));
}

#[test]
fn a_certificate_from_an_untrusted_root_is_refused() {
    let (server, _did) = server_with(|_, _| Reply::Body(b"{}".to_vec()));
    // Mozilla's roots do not include the test root.
    let error = HttpClient::builder()
        .policy(local())
        .timeout(Duration::from_secs(5))
        .build()
        .get(&server.url("/x"))
        .unwrap_err();
    match error {
        FetchError::Transport { message, .. } => {
            assert!(message.to_lowercase().contains("certificate"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn plain_http_serves_status_lists_on_loopback_only() {
    let server = did_web_server::http(|path| match path {
        "/lists/1" => Reply::Body(b"{\"list\":1}".to_vec()),
        _ => Reply::Status(404),
    });
    let client = client();
    let url = format!("http://127.0.0.1:{}/lists/1", server.port);
    assert_eq!(client.status_list(&url).unwrap().as_ref(), b"{\"list\":1}");
    assert_eq!(
        client.status_list(&server.url("/lists/2")),
        Err(StatusSourceError::NotFound {
            url: server.url("/lists/2")
        })
    );
    // Without the opt-in, plain http (anywhere) and loopback are refused without a connection.
    let strict = HttpClient::builder()
        .trust_only_roots_pem(&root_pem())
        .unwrap()
        .build();
    assert!(matches!(
        strict.fetch("http://status.example/lists/1"),
        Err(FetchError::Refused { .. })
    ));
    assert!(matches!(
        strict.status_list("http://status.example/lists/1"),
        Err(StatusSourceError::Unavailable { .. })
    ));
    match strict.fetch(&url) {
        Err(FetchError::Refused { reason, .. }) => {
            assert!(reason.contains("plain http"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    let https_only = HttpClient::builder()
        .policy(OutgoingPolicy::new().allow_http(true))
        .build();
    match https_only.fetch(&url) {
        Err(FetchError::Refused { reason, .. }) => {
            assert!(reason.contains("loopback"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_did_web_holder_presents_over_https() {
    let holder_cell = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let inner = std::sync::Arc::clone(&holder_cell);
    let server = https(move |path| match (path, inner.get()) {
        // The holder lists its key for authentication; the "signer" lists it only for issuing.
        ("/holder/did.json", Some(base)) => {
            Reply::Body(did_document(&format!("{base}:holder"), &["authentication"]))
        }
        ("/signer/did.json", Some(base)) => Reply::Body(did_document(
            &format!("{base}:signer"),
            &["assertionMethod"],
        )),
        ("/issuer/did.json", Some(base)) => Reply::Body(did_document(
            &format!("{base}:issuer"),
            &["assertionMethod"],
        )),
        _ => Reply::Status(404),
    });
    let base = server.did(&[]);
    holder_cell.set(base.clone()).unwrap();
    let issuer = format!("{base}:issuer");
    let holder = format!("{base}:holder");
    let signer_only = format!("{base}:signer");

    // Two different credentials: two identical ones make RDFC-1.0 meet its permutation limit.
    let credentials = [
        credential_for_skill(&issuer, &holder, "Welding"),
        credential_for_skill(&issuer, &holder, "First aid"),
    ];
    let presentation_options = PresentationOptions::new(di::Cryptosuite::EddsaRdfc2022)
        .challenge("n-0S6_WzA2Mj")
        .domain("https://jobs.example.com")
        .created("2026-11-28T00:00:00Z");
    let signer = Ed25519Signer::new(key(), format!("{holder}#key-1"), holder.as_str());
    let presented = present(&credentials, &signer, &presentation_options).unwrap();
    let verifier = options(client().did_web_resolver())
        .challenge("n-0S6_WzA2Mj")
        .domain("https://jobs.example.com")
        .holder_binding(true);
    let verification = verify_presentation(presented.to_string().as_bytes(), &verifier);
    let report = verification.report();
    assert_eq!(report.verdict, Verdict::Verified, "{}", report.to_json());
    assert_eq!(report.nested.len(), 2);
    assert!(verification.verified().is_some());

    // A key its DID document does not list under `authentication` cannot present.
    let credentials = [credential(&issuer, &signer_only)];
    let signer = Ed25519Signer::new(key(), format!("{signer_only}#key-1"), signer_only.as_str());
    let presented = present(&credentials, &signer, &presentation_options).unwrap();
    let report = verify_presentation(presented.to_string().as_bytes(), &verifier)
        .into_parts()
        .0;
    assert_eq!(
        report.failing_ids(),
        ["presentation.proof"],
        "{}",
        report.to_json()
    );
}

/// Serves the real-world DCC issuer documents, as `digitalcredentials.github.io` would, from
/// 127.0.0.1: the fetcher sends `https://digitalcredentials.github.io/…` to the local server.
struct Rewrite {
    client: HttpClient,
    port: u16,
}

impl DocumentFetcher for Rewrite {
    fn fetch(&self, url: &str) -> Result<Vec<u8>, FetchError> {
        let local = url.replace(
            "https://digitalcredentials.github.io/",
            &format!("https://localhost:{}/", self.port),
        );
        assert_ne!(local, url, "only the DCC host is served here");
        self.client.fetch(&local)
    }
}

#[test]
fn real_world_did_web_credentials_verify_through_https() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let base = vectors.join("real-world/dcc-vc-test-fixtures");
    let dids = base.join("dids");
    let server = https(move |path| {
        let file = match path {
            "/vc-test-fixtures/dids/oidf/did.json" => "oidf/did.json",
            "/vc-test-fixtures/dids/legacy/did.json" => "legacy/did.json",
            _ => return Reply::Status(404),
        };
        Reply::Body(std::fs::read(dids.join(file)).unwrap())
    });
    let resolver = DidWebResolver::new(Rewrite {
        client: client(),
        port: server.port,
    });
    let options = options(resolver);
    // Signed with eddsa-rdfc-2022 by keys in the two documents (a Multikey and an
    // Ed25519VerificationKey2020, both embedded under assertionMethod).
    for file in [
        "v2/dataIntegrityProof/didweb/oidf-noStatus-notExpired.json",
        "v2/dataIntegrityProof/didweb/legacy-revokedStatus-noExpiry.json",
        "v1/dataIntegrityProof/didWeb/oidf-noStatus-noExpiry.json",
    ] {
        let bytes = std::fs::read(Path::new(&base).join(file)).unwrap();
        let report = verify(&bytes, &options).into_parts().0;
        assert_eq!(
            outcomes(&report, "proof.signature"),
            [Outcome::Pass],
            "{file}"
        );
        assert_eq!(
            outcomes(&report, "issuer.key-binding"),
            [Outcome::Pass],
            "{file}"
        );
        // As recorded in real-world.tsv: these badges break an OB 3.0 rule and nothing else,
        // which is a profile warning, not a failure, in an authentic record.
        assert!(report.failing_ids().is_empty(), "{file}: {report:#?}");
        assert!(
            report
                .checks
                .iter()
                .any(|c| c.id == "profile.ob3" && c.outcome == Outcome::Warn),
            "{file}"
        );
    }
}

#[test]
fn status_lists_come_over_http_into_the_verifier() {
    use ler_verify::status::{StatusList, StatusListCredential, StatusPurpose, add_status_entry};

    let issuer_key = Ed25519KeyPair::from_seed(&[43; 32]);
    let issuer = issuer_key.public_key().did_key();
    let sign = |document: &Value| {
        let options =
            di::ProofOptions::new(di::Cryptosuite::EddsaJcs2022).created("2025-01-01T00:00:00Z");
        di::sign(
            document,
            &options,
            &Ed25519Signer::did_key(issuer_key.clone()),
        )
        .unwrap()
    };
    // The list is served from 127.0.0.1 over plain http (allowed for loopback only).
    let served = std::sync::Arc::new(std::sync::Mutex::new(Vec::<u8>::new()));
    let inner = std::sync::Arc::clone(&served);
    let server = did_web_server::http(move |path| match path {
        "/status/1" => Reply::Body(inner.lock().unwrap().clone()),
        _ => Reply::Status(404),
    });
    let list_url = format!("http://127.0.0.1:{}/status/1", server.port);
    let mut list = StatusList::new(StatusPurpose::Revocation, 131_072).unwrap();
    let publish = |list: &StatusList| {
        let credential = StatusListCredential::new(list_url.as_str(), issuer.as_str(), list)
            .valid_from("2025-01-01T00:00:00Z")
            .build();
        *served.lock().unwrap() = sign(&credential).to_string().into_bytes();
    };
    publish(&list);

    let text = format!(
        r#"{{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],"type":["VerifiableCredential"],"issuer":"{issuer}","credentialSubject":{{"id":"did:example:learner"}}}}"#
    );
    let mut unsigned = ler_model::json::parse(text.as_bytes()).unwrap();
    add_status_entry(&mut unsigned, &list_url, 7, &list).unwrap();
    let signed = sign(&unsigned).to_string();

    let options = || options(ler_proof::DidKeyResolver).status_lists(client());
    let report = verify(signed.as_bytes(), &options()).into_parts().0;
    assert_eq!(report.verdict, Verdict::Verified, "{}", report.to_json());
    assert_eq!(outcomes(&report, "status.revocation"), [Outcome::Pass]);

    list.set(7).unwrap();
    publish(&list);
    let report = verify(signed.as_bytes(), &options()).into_parts().0;
    assert_eq!(
        report.failing_ids(),
        ["status.revocation"],
        "{}",
        report.to_json()
    );
}

/// A server that counts the requests it gets.
fn counting_server() -> (Server, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let hits = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = std::sync::Arc::clone(&hits);
    let server = did_web_server::http(move |_| {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Reply::Body(b"{}".to_vec())
    });
    (server, hits)
}

#[test]
fn every_spelling_of_loopback_is_refused_without_a_connection() {
    let (server, hits) = counting_server();
    let port = server.port;
    // Plain http allowed, loopback not: only the address rule can refuse these.
    let strict = HttpClient::builder()
        .policy(OutgoingPolicy::new().allow_http(true))
        .build();
    for host in [
        "127.0.0.1",
        "0x7f000001",
        "2130706433",
        "0177.0.0.1",
        "127.1",
        "0x7f.0.0.1",
        "localhost",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]",
        "[::127.0.0.1]",
    ] {
        let url = format!("http://{host}:{port}/status/1");
        match strict.get(&url) {
            Err(FetchError::Refused { reason, .. }) => {
                assert!(
                    reason.contains("outgoing-request policy") && reason.contains("loopback"),
                    "{host}: {reason}"
                );
            }
            other => panic!("{host}: {other:?}"),
        }
        assert!(matches!(
            strict.status_list(&url),
            Err(StatusSourceError::Unavailable { .. })
        ));
    }
    assert_eq!(hits.load(std::sync::atomic::Ordering::SeqCst), 0);
    // The same server with the opt-in answers.
    let local = HttpClient::builder().policy(local()).build();
    assert_eq!(
        local
            .get(&format!("http://127.0.0.1:{port}/status/1"))
            .unwrap(),
        b"{}"
    );
    assert_eq!(hits.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[test]
fn private_and_link_local_addresses_are_refused_by_rule_not_by_reply() {
    let client = HttpClient::builder().policy(local()).build();
    for (url, class) in [
        ("https://10.0.0.5:8080/status/1", "private"),
        ("https://0xa000005/status/1", "private"),
        ("https://169.254.169.254/latest/meta-data", "link-local"),
        ("https://[fe80::1]/x", "link-local"),
        ("https://[fd00::5]/x", "unique-local"),
        ("https://100.64.0.1/x", "shared"),
        ("https://[::ffff:192.168.1.1]/x", "private"),
        ("https://0.0.0.0/x", "unspecified"),
        ("https://224.0.0.1/x", "multicast"),
    ] {
        match client.get(url) {
            Err(FetchError::Refused { reason, .. }) => {
                assert!(reason.contains(class), "{url}: {reason}");
                // The message names the rule, not how anything there answered.
                assert!(!reason.contains("connect"), "{url}: {reason}");
            }
            other => panic!("{url}: {other:?}"),
        }
    }
}

#[test]
fn a_did_web_over_the_strict_client_cannot_reach_loopback() {
    let hits = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = std::sync::Arc::clone(&hits);
    let (_server, did) = server_with(move |path, did| {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        match path {
            "/issuers/alice/did.json" => Reply::Body(did_document(did, &["assertionMethod"])),
            _ => Reply::Status(404),
        }
    });
    // did:web:localhost%3A<port>:… maps to https://localhost:<port>/…, refused by the default
    // (strict) policy before any lookup or connection.
    let resolver = HttpClient::builder()
        .trust_only_roots_pem(&root_pem())
        .unwrap()
        .build()
        .did_web_resolver();
    match resolver.resolve_verification_method(&format!("{did}#key-1")) {
        Err(ResolveError::Transport { message, .. }) => {
            assert!(message.contains("loopback"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(hits.load(std::sync::atomic::Ordering::SeqCst), 0);
}

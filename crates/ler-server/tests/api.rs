//! Every endpoint and status code of the VC-API service, on 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

fn server() -> (TestServer, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    (TestServer::start(config(dir.path())), dir)
}

fn issue(server: &TestServer, id: &str, suite: Option<&str>) -> serde_json::Value {
    let (status, body) = server.post(
        "/credentials/issue",
        &issue_request(&server.issuer, id, suite),
        Some(ISSUE_TOKEN),
    );
    assert_eq!(status, 201, "{body}");
    json(&body)["verifiableCredential"].clone()
}

fn verify(server: &TestServer, credential: &serde_json::Value) -> (u16, serde_json::Value) {
    let body = serde_json::json!({"verifiableCredential": credential}).to_string();
    let (status, text) = server.post("/credentials/verify", &body, None);
    (status, json(&text))
}

#[test]
fn issued_credentials_verify_with_either_suite() {
    let (server, _dir) = server();
    for suite in [None, Some("eddsa-jcs-2022"), Some("eddsa-rdfc-2022")] {
        let credential = issue(
            &server,
            "urn:uuid:11111111-0000-4000-8000-000000000001",
            suite,
        );
        let expected = suite.unwrap_or("eddsa-rdfc-2022");
        assert_eq!(credential["proof"]["cryptosuite"], expected);
        assert_eq!(credential["credentialStatus"].as_array().unwrap().len(), 2);
        let (status, report) = verify(&server, &credential);
        assert_eq!(status, 200, "{report}");
        assert_eq!(report["verified"], true);
        assert_eq!(report["verdict"], "verified");
    }
}

#[test]
fn issuing_needs_a_valid_token_and_accepts_rotated_ones() {
    let (server, _dir) = server();
    let body = issue_request(&server.issuer, "urn:uuid:1", None);
    let (status, text) = server.post("/credentials/issue", &body, None);
    assert_eq!(status, 401);
    assert!(!text.contains("proof"));
    let (status, _) = server.post("/credentials/issue", &body, Some("wrong-token-0123456789"));
    assert_eq!(status, 401);
    let (status, _) = server.post("/credentials/issue", &body, Some(STATUS_TOKEN));
    assert_eq!(status, 401, "a status token cannot issue");
    let (status, _) = server.post("/credentials/issue", &body, Some(ISSUE_TOKEN_NEXT));
    assert_eq!(status, 201, "the rotated token works alongside the old one");
}

#[test]
fn issuing_for_another_issuer_is_refused_with_a_pointer() {
    let (server, _dir) = server();
    let body = issue_request("did:example:someone-else", "urn:uuid:1", None);
    let (status, text) = server.post("/credentials/issue", &body, Some(ISSUE_TOKEN));
    assert_eq!(status, 400);
    let problem = json(&text);
    assert_eq!(problem["status"], 400);
    assert_eq!(problem["errors"][0]["pointer"], "/credential/issuer");
}

#[test]
fn invalid_credentials_get_problem_details_naming_the_field() {
    let (server, _dir) = server();
    let mut credential = credential(&server.issuer, "urn:uuid:1");
    credential.as_object_mut().unwrap().remove("type");
    let body = serde_json::json!({"credential": credential}).to_string();
    let (status, text) = server.post("/credentials/issue", &body, Some(ISSUE_TOKEN));
    assert_eq!(status, 400, "{text}");
    let problem = json(&text);
    let pointers: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["pointer"].as_str())
        .collect();
    assert!(
        pointers.iter().any(|p| p.starts_with("/credential")),
        "{text}"
    );

    let body = issue_request(&server.issuer, "urn:uuid:1", Some("ecdsa-rdfc-2019"));
    let (status, text) = server.post("/credentials/issue", &body, Some(ISSUE_TOKEN));
    assert_eq!(status, 400);
    assert_eq!(json(&text)["errors"][0]["pointer"], "/options/cryptosuite");

    let (status, text) = server.post("/credentials/issue", "{\"options\": {}}", Some(ISSUE_TOKEN));
    assert_eq!(status, 400);
    assert_eq!(json(&text)["errors"][0]["pointer"], "/credential");
}

#[test]
fn vc_1_1_credentials_get_the_data_integrity_context() {
    let (server, _dir) = server();
    let credential = serde_json::json!({
        "@context": "https://www.w3.org/2018/credentials/v1",
        "id": "urn:uuid:22222222-0000-4000-8000-000000000002",
        "type": ["VerifiableCredential"],
        "issuer": server.issuer,
        "issuanceDate": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner"}
    });
    let body =
        serde_json::json!({"credential": credential, "options": {"cryptosuite": "eddsa-jcs-2022"}})
            .to_string();
    let (status, text) = server.post("/credentials/issue", &body, Some(ISSUE_TOKEN));
    assert_eq!(status, 201, "{text}");
    let signed = json(&text)["verifiableCredential"].clone();
    let contexts = signed["@context"].as_array().unwrap();
    assert!(
        contexts
            .iter()
            .any(|c| c == "https://w3id.org/security/data-integrity/v2")
    );
    assert!(
        signed.get("credentialStatus").is_none(),
        "VC 1.1 defines no BitstringStatusListEntry"
    );
    let body = serde_json::json!({"verifiableCredential": signed}).to_string();
    assert_eq!(server.post("/credentials/verify", &body, None).0, 200);
}

#[test]
fn tampered_credentials_get_400_with_the_report() {
    let (server, _dir) = server();
    let mut credential = issue(&server, "urn:uuid:1", Some("eddsa-jcs-2022"));
    credential["credentialSubject"]["name"] = "Crane Operation".into();
    let (status, report) = verify(&server, &credential);
    assert_eq!(status, 400);
    assert_eq!(report["verified"], false);
    assert!(
        report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "proof.signature" && c["outcome"] == "fail"),
        "{report}"
    );
}

#[test]
fn malformed_requests_get_problem_details() {
    let (server, _dir) = server();
    let (status, text) = server.post("/credentials/verify", "{\"verifiableCredential\": ", None);
    assert_eq!(status, 400);
    assert_eq!(json(&text)["type"], "about:blank");
    let (status, text) = server.post("/credentials/verify", "{\"a\": 1, \"a\": 2}", None);
    assert_eq!(status, 400, "duplicate keys are refused: {text}");
    let (status, text) = server.post("/credentials/verify", "{\"verifiableCredential\": 5}", None);
    assert_eq!(status, 400);
    assert_eq!(json(&text)["errors"][0]["pointer"], "/verifiableCredential");
    let deep = "[".repeat(200) + &"]".repeat(200);
    let (status, _) = server.post("/credentials/verify", &deep, None);
    assert_eq!(status, 400, "nesting beyond the limit");
}

#[test]
fn wrong_content_type_is_415() {
    let (server, _dir) = server();
    let mut response = server
        .agent
        .post(&format!("{}/credentials/verify", server.base))
        .header("content-type", "text/plain")
        .send("{}")
        .unwrap();
    assert_eq!(response.status().as_u16(), 415);
    let text = response.body_mut().read_to_string().unwrap();
    assert_eq!(json(&text)["status"], 415);
}

#[test]
fn ten_megabyte_bodies_are_413() {
    let (server, _dir) = server();
    let addr = server.addr();
    // The server answers from the Content-Length, before reading the body.
    let mut request = format!(
        "POST /credentials/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        10 * 1024 * 1024
    )
    .into_bytes();
    request.extend(std::iter::repeat_n(b' ', 64 * 1024));
    let head = raw(addr, &request);
    assert!(head.starts_with("HTTP/1.1 413"), "{head}");
    assert!(head.contains("application/problem+json"), "{head}");
    // Without a Content-Length (chunked), the limit holds while reading.
    let mut request = b"POST /credentials/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..3 {
        request.extend_from_slice(format!("{:x}\r\n", 1024 * 1024).as_bytes());
        request.extend(std::iter::repeat_n(b' ', 1024 * 1024));
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"0\r\n\r\n");
    let head = raw(addr, &request);
    assert!(head.starts_with("HTTP/1.1 413"), "{head}");
}

#[test]
fn presentations_need_a_signature_and_a_challenge() {
    use ler::proof::{Ed25519KeyPair, Ed25519Signer, di};
    use ler::verifier::{PresentationOptions, present};
    let (server, _dir) = server();
    let credential = issue(&server, "urn:uuid:3", Some("eddsa-jcs-2022"));
    let holder = Ed25519Signer::did_key(Ed25519KeyPair::generate().unwrap());
    let credential_value = ler::model::json::parse(credential.to_string().as_bytes()).unwrap();
    let options = PresentationOptions::new(di::Cryptosuite::EddsaJcs2022)
        .challenge("nonce-1")
        .domain("https://verifier.example");
    let presentation = present(&[credential_value], &holder, &options).unwrap();
    let presentation = json(&presentation.to_string());

    let request = |p: &serde_json::Value, options: serde_json::Value| {
        serde_json::json!({"verifiablePresentation": p, "options": options}).to_string()
    };
    let (status, text) = server.post(
        "/presentations/verify",
        &request(
            &presentation,
            serde_json::json!({"challenge": "nonce-1", "domain": "https://verifier.example"}),
        ),
        None,
    );
    assert_eq!(status, 200, "{text}");
    assert_eq!(json(&text)["verified"], true);

    let (status, text) = server.post(
        "/presentations/verify",
        &request(
            &presentation,
            serde_json::json!({"challenge": "nonce-2", "domain": "https://verifier.example"}),
        ),
        None,
    );
    assert_eq!(status, 400, "a replayed presentation: {text}");

    let (status, text) = server.post(
        "/presentations/verify",
        &request(&presentation, serde_json::json!({})),
        None,
    );
    assert_eq!(status, 400);
    assert_eq!(json(&text)["errors"][0]["pointer"], "/options/challenge");

    let mut unsigned = presentation.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    let (status, text) = server.post(
        "/presentations/verify",
        &request(&unsigned, serde_json::json!({"challenge": "nonce-1"})),
        None,
    );
    assert_eq!(status, 400);
    assert_eq!(json(&text)["verified"], false);
}

#[test]
fn revocation_and_suspension_show_in_verification() {
    let (server, _dir) = server();
    let id = "urn:uuid:44444444-0000-4000-8000-000000000004";
    let credential = issue(&server, id, Some("eddsa-jcs-2022"));
    let (status, report) = verify(&server, &credential);
    assert_eq!(status, 200, "{report}");

    let list_url = credential["credentialStatus"][0]["statusListCredential"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = list_url
        .split_once("/status/")
        .map(|(_, l)| format!("/status/{l}"))
        .unwrap();
    let (status, text) = server.get(&path);
    assert_eq!(status, 200);
    assert_eq!(json(&text)["type"][1], "BitstringStatusListCredential");
    assert_eq!(server.get("/status/revocation-99").0, 404);
    assert_eq!(server.get("/status/nonsense").0, 404);

    let suspend = serde_json::json!({"credentialId": id,
        "credentialStatus": {"type": "BitstringStatusListEntry", "statusPurpose": "suspension"},
        "status": true})
    .to_string();
    assert_eq!(server.post("/credentials/status", &suspend, None).0, 401);
    assert_eq!(
        server
            .post("/credentials/status", &suspend, Some(ISSUE_TOKEN))
            .0,
        401
    );
    let (status, text) = server.post("/credentials/status", &suspend, Some(STATUS_TOKEN));
    assert_eq!(status, 200, "{text}");
    let (status, report) = verify(&server, &credential);
    assert_eq!(status, 400, "{report}");
    assert!(
        report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "status.suspension" && c["outcome"] == "fail"),
        "{report}"
    );

    let unsuspend = suspend.replace("\"status\":true", "\"status\":false");
    assert_eq!(
        server
            .post("/credentials/status", &unsuspend, Some(STATUS_TOKEN))
            .0,
        200
    );
    assert_eq!(verify(&server, &credential).0, 200);

    let revoke = serde_json::json!({"credentialId": id,
        "credentialStatus": [{"type": "BitstringStatusListEntry", "statusPurpose": "revocation"}]})
    .to_string();
    assert_eq!(
        server
            .post("/credentials/status", &revoke, Some(STATUS_TOKEN))
            .0,
        200
    );
    let (status, report) = verify(&server, &credential);
    assert_eq!(status, 400);
    assert!(
        report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "status.revocation" && c["outcome"] == "fail"),
        "{report}"
    );

    let unknown = revoke.replace(id, "urn:uuid:never-issued");
    assert_eq!(
        server
            .post("/credentials/status", &unknown, Some(STATUS_TOKEN))
            .0,
        404
    );
    let bad = revoke.replace("revocation", "message");
    assert_eq!(
        server
            .post("/credentials/status", &bad, Some(STATUS_TOKEN))
            .0,
        400
    );
}

#[test]
fn health_readiness_metrics_and_openapi() {
    let (server, _dir) = server();
    assert_eq!(server.get("/healthz").0, 200);
    assert_eq!(server.get("/readyz").0, 200);
    let credential = issue(&server, "urn:uuid:5", Some("eddsa-jcs-2022"));
    verify(&server, &credential);
    let (status, text) = server.get("/metrics");
    assert_eq!(status, 200);
    assert!(
        text.contains(
            "ler_http_requests_total{endpoint=\"/credentials/verify\",verdict=\"verified\"} 1"
        ),
        "{text}"
    );
    assert!(
        text.contains("ler_http_request_duration_seconds_bucket{endpoint=\"/credentials/issue\""),
        "{text}"
    );
    let (status, text) = server.get("/openapi.json");
    assert_eq!(status, 200);
    let openapi = json(&text);
    for path in [
        "/credentials/issue",
        "/credentials/verify",
        "/presentations/verify",
        "/credentials/status",
        "/status/{list}",
    ] {
        assert!(openapi["paths"][path].is_object(), "{path} missing");
    }
    assert!(openapi["components"]["schemas"]["IssueRequest"].is_object());
    assert_eq!(server.get("/no/such/endpoint").0, 404);
    assert_eq!(
        server.get("/.well-known/did.json").0,
        404,
        "a did:key issuer has no did.json"
    );
}

#[test]
fn did_web_issuers_publish_their_document() {
    use ler::proof::{Ed25519KeyPair, Ed25519Signer};
    let dir = tempfile::tempdir().unwrap();
    let signer = Ed25519Signer::new(
        Ed25519KeyPair::generate().unwrap(),
        "did:web:issuer.example:registrar#key-1",
        "did:web:issuer.example:registrar",
    );
    let key = dir.path().join("key.json");
    std::fs::write(&key, signer.to_key_file().as_bytes()).unwrap();
    let mut config = config(dir.path());
    config.issuer.key_file = Some(key);
    config.issuer.did = Some("did:web:issuer.example:registrar".into());
    let server = TestServer::start(config);
    assert_eq!(server.issuer, "did:web:issuer.example:registrar");
    let (status, text) = server.get("/registrar/did.json");
    assert_eq!(status, 200);
    assert_eq!(json(&text)["id"], "did:web:issuer.example:registrar");
    // Credentials it issues verify through its own document, with no network.
    let credential = issue(&server, "urn:uuid:6", Some("eddsa-jcs-2022"));
    assert_eq!(verify(&server, &credential).0, 200);
}

#[test]
fn a_configured_issuer_that_does_not_control_the_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.issuer.did = Some("did:web:elsewhere.example".into());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let error = runtime.block_on(ler_server::start(config)).unwrap_err();
    assert!(error.to_string().contains("does not control"), "{error}");
}

#[test]
fn without_configured_tokens_a_local_token_is_generated() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.access.issue_tokens.clear();
    config.access.status_tokens.clear();
    let server = TestServer::start(config);
    let path = server
        .running
        .as_ref()
        .unwrap()
        .local_token
        .clone()
        .unwrap();
    let token = std::fs::read_to_string(path).unwrap();
    let body = issue_request(&server.issuer, "urn:uuid:1", None);
    assert_eq!(server.post("/credentials/issue", &body, None).0, 401);
    assert_eq!(
        server.post("/credentials/issue", &body, Some(&token)).0,
        201
    );
}

//! The HTTP handlers, the request and response types (which the OpenAPI document is generated
//! from), problem details (RFC 9457) and bearer-token checks.

// Helpers return the finished error response, as axum handlers do; boxing it would only add
// an allocation to the error path.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ler::model::json::{Object, Value};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use utoipa::ToSchema;

use crate::AppState;
use crate::engine::{Checked, DocumentProblem, Engine, Purpose};
use crate::store::StoreError;

/// The verdict a handler reached, for the metrics' `verdict` label.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VerdictLabel(pub(crate) &'static str);

// ---- Request and response types: the OpenAPI document's schemas. Bodies are parsed with the
// library's lossless JSON parser (numbers and member order kept, duplicate keys refused), so
// these types describe the wire format rather than deserialize it.

/// `POST /credentials/issue` request.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
pub(crate) struct IssueRequest {
    /// The unsigned credential; its `issuer` must be this service's issuer.
    #[schema(value_type = Object)]
    credential: serde_json::Value,
    /// Issuing options.
    options: Option<IssueOptions>,
}

/// Issuing options.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
pub(crate) struct IssueOptions {
    /// `eddsa-rdfc-2022` or `eddsa-jcs-2022` (default: the first configured).
    cryptosuite: Option<String>,
}

/// `POST /credentials/issue` response.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub(crate) struct IssueResponse {
    /// The signed credential.
    #[schema(value_type = Object)]
    verifiable_credential: serde_json::Value,
}

/// `POST /credentials/verify` request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub(crate) struct VerifyCredentialRequest {
    /// The credential to verify.
    #[schema(value_type = Object)]
    verifiable_credential: serde_json::Value,
    /// Options (none are needed for credentials).
    #[schema(value_type = Option<Object>)]
    options: Option<serde_json::Value>,
}

/// `POST /presentations/verify` request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub(crate) struct VerifyPresentationRequest {
    /// The presentation to verify.
    #[schema(value_type = Object)]
    verifiable_presentation: serde_json::Value,
    /// The challenge and domain the holder's proof must carry.
    options: Option<PresentationOptions>,
}

/// Presentation verification options.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
pub(crate) struct PresentationOptions {
    /// The nonce this verifier gave the holder (required unless the service allows none).
    challenge: Option<String>,
    /// This verifier's domain.
    domain: Option<String>,
}

/// A verification report: `verified` plus the library's report.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
pub(crate) struct VerifyResponse {
    /// Whether the verdict is `verified`.
    verified: bool,
    /// `verified`, `invalid` or `indeterminate`.
    verdict: String,
    /// Every check: `id`, `outcome`, `message`, `pointer`.
    #[schema(value_type = Vec<Object>)]
    checks: Vec<serde_json::Value>,
    /// Reports of nested credentials.
    #[schema(value_type = Vec<Object>)]
    nested: Vec<serde_json::Value>,
}

/// `POST /credentials/status` request (VC-API).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub(crate) struct StatusRequest {
    /// The `id` of an issued credential.
    credential_id: String,
    /// Which status: `{"type": "BitstringStatusListEntry", "statusPurpose": "revocation"}`
    /// (or an array of such).
    #[schema(value_type = Object)]
    credential_status: serde_json::Value,
    /// `true` sets the status (revokes, suspends), `false` clears it (suspension only).
    status: Option<bool>,
}

/// `POST /credentials/status` response.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub(crate) struct StatusResponse {
    /// The credential id.
    credential_id: String,
    /// The status entries changed.
    updated: u64,
}

/// An RFC 9457 problem details body (`application/problem+json`).
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)]
pub(crate) struct Problem {
    /// `about:blank`.
    r#type: String,
    /// A short summary.
    title: String,
    /// The HTTP status.
    status: u16,
    /// What happened.
    detail: String,
    /// Each problem in the document: `pointer` (a JSON pointer), `detail`, and `rule`.
    #[schema(value_type = Vec<Object>)]
    errors: Vec<serde_json::Value>,
}

// ---- Responses.

fn json_response(status: StatusCode, content_type: &'static str, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// A problem-details response.
pub(crate) fn problem(status: StatusCode, detail: &str, errors: &[DocumentProblem]) -> Response {
    let mut body = Object::new();
    body.insert("type", "about:blank");
    body.insert("title", status.canonical_reason().unwrap_or("Error"));
    body.insert("status", u64::from(status.as_u16()));
    body.insert("detail", detail);
    if !errors.is_empty() {
        let items: Vec<Value> = errors
            .iter()
            .map(|e| {
                let mut item = Object::new();
                item.insert("pointer", e.pointer.as_str());
                item.insert("detail", e.message.as_str());
                if let Some(rule) = &e.rule {
                    item.insert("rule", rule.as_str());
                }
                Value::Object(item)
            })
            .collect();
        body.insert("errors", items);
    }
    json_response(status, "application/problem+json", &Value::Object(body))
}

fn unauthorized() -> Response {
    let mut response = problem(
        StatusCode::UNAUTHORIZED,
        "a valid bearer token is required",
        &[],
    );
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

fn unavailable(error: &StoreError) -> Response {
    tracing::error!(%error, "status store unavailable");
    let mut response = problem(
        StatusCode::SERVICE_UNAVAILABLE,
        "the status store is unavailable; nothing was issued or changed",
        &[],
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    response
}

fn internal(detail: &str) -> Response {
    problem(StatusCode::INTERNAL_SERVER_ERROR, detail, &[])
}

// ---- Access.

/// Bearer tokens by name, kept as SHA-256 digests so every comparison is of equal length.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tokens(Vec<(String, [u8; 32])>);

impl Tokens {
    pub(crate) fn new(tokens: &BTreeMap<String, String>) -> Self {
        Self(
            tokens
                .iter()
                .map(|(name, token)| (name.clone(), Sha256::digest(token.as_bytes()).into()))
                .collect(),
        )
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The name of the token presented, when it is one of ours. Every token is compared, in
    /// constant time, whatever matches.
    fn check(&self, headers: &HeaderMap) -> Option<&str> {
        let (scheme, presented) = headers
            .get(header::AUTHORIZATION)?
            .to_str()
            .ok()?
            .split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return None;
        }
        let digest: [u8; 32] = Sha256::digest(presented.trim().as_bytes()).into();
        let mut found = None;
        for (name, token) in &self.0 {
            if bool::from(token.ct_eq(&digest)) {
                found = Some(name.as_str());
            }
        }
        found
    }
}

fn authorize(tokens: &Tokens, headers: &HeaderMap, open_when_empty: bool) -> Result<(), Response> {
    if open_when_empty && tokens.is_empty() {
        return Ok(());
    }
    match tokens.check(headers) {
        Some(name) => {
            tracing::info!(token = name, "authorized");
            Ok(())
        }
        None => Err(unauthorized()),
    }
}

// ---- Bodies.

/// Reads a JSON body: `application/json` (or `+json`), at most the configured size.
/// The JSON body of a request its bearer token allows (see [`authorize`]): the one way every
/// endpoint with a body reads it.
async fn authorized_json_body(
    state: &AppState,
    tokens: &Tokens,
    open_when_empty: bool,
    request: Request,
) -> Result<Bytes, Response> {
    authorize(tokens, request.headers(), open_when_empty)?;
    read_json_body(state, request).await
}

async fn read_json_body(state: &AppState, request: Request) -> Result<Bytes, Response> {
    let (parts, body) = request.into_parts();
    let is_json = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .is_some_and(|v| v == "application/json" || v.ends_with("+json"));
    if !is_json {
        return Err(problem(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the body must be application/json",
            &[],
        ));
    }
    let limit = state.body_limit;
    let too_large = || {
        problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the body is larger than {limit} bytes"),
            &[],
        )
    };
    if parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > limit as u64)
    {
        return Err(too_large());
    }
    match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => Ok(bytes),
        Err(e) => {
            let is_limit = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            if is_limit {
                Err(too_large())
            } else {
                Err(problem(
                    StatusCode::BAD_REQUEST,
                    "the body could not be read",
                    &[],
                ))
            }
        }
    }
}

fn bad_request(detail: &str, problems: Vec<DocumentProblem>) -> Response {
    problem(StatusCode::BAD_REQUEST, detail, &problems)
}

/// Runs CPU-bound work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| internal("the work was cancelled"))
}

/// The member `name` of the request object, which must be an object.
fn member_object(request: &Value, name: &str) -> Result<Value, Vec<DocumentProblem>> {
    match request.get(name) {
        Some(value @ Value::Object(_)) => Ok(value.clone()),
        Some(_) => Err(vec![DocumentProblem {
            pointer: format!("/{name}"),
            rule: None,
            message: format!("{name} must be a JSON object"),
        }]),
        None => Err(vec![DocumentProblem {
            pointer: format!("/{name}"),
            rule: None,
            message: format!("{name} is required"),
        }]),
    }
}

fn optional_string(request: &Value, pointer: &str) -> Result<Option<String>, DocumentProblem> {
    match request.pointer(pointer) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(DocumentProblem {
            pointer: pointer.to_owned(),
            rule: None,
            message: "expected a string".into(),
        }),
    }
}

fn prefixed(prefix: &str, problems: Vec<DocumentProblem>) -> Vec<DocumentProblem> {
    problems
        .into_iter()
        .map(|mut p| {
            p.pointer = format!("{prefix}{}", p.pointer);
            p
        })
        .collect()
}

fn verification_response(checked: Checked) -> Response {
    let mut body = Object::new();
    body.insert("verified", Value::Bool(checked.verified));
    for (key, value) in checked.report.into_entries() {
        body.insert(key, value);
    }
    let status = if checked.verified {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let mut response = json_response(status, "application/json", &Value::Object(body));
    response
        .extensions_mut()
        .insert(VerdictLabel(checked.verdict));
    response
}

// ---- Handlers.

/// Issues a credential.
#[utoipa::path(post, path = "/credentials/issue", request_body = IssueRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Issued", body = IssueResponse),
        (status = 400, description = "Invalid credential or options", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid bearer token", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Overloaded or the status store is unavailable", body = Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn issue(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let bytes = match authorized_json_body(&state, &state.issue_tokens, false, request).await {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
    let engine = Arc::clone(&state.engine);
    let prepared = blocking(move || {
        let request = engine
            .parse(&bytes)
            .map_err(|p| ("the body is not valid JSON", vec![p]))?;
        let credential =
            member_object(&request, "credential").map_err(|p| ("invalid request", p))?;
        let suite = optional_string(&request, "/options/cryptosuite")
            .and_then(|name| engine.suite(name.as_deref()))
            .map_err(|p| ("invalid options", vec![p]))?;
        engine
            .check_for_issue(&credential)
            .map_err(|p| ("the credential is not valid", prefixed("/credential", p)))?;
        let id = credential
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_owned);
        Ok::<_, (&str, Vec<DocumentProblem>)>((credential, suite, id))
    })
    .await;
    let (mut credential, suite, id) = match prepared {
        Ok(Ok(prepared)) => prepared,
        Ok(Err((detail, problems))) => return bad_request(detail, problems),
        Err(response) => return response,
    };
    if state.status_enabled && state.engine.takes_status_entries(&credential) {
        let slot = match state.store.allocate(id.as_deref()).await {
            Ok(slot) => slot,
            Err(e) => return unavailable(&e),
        };
        for purpose in state.engine.purposes().collect::<Vec<_>>() {
            let url = state.list_url(purpose, slot.list);
            if let Err(p) =
                state
                    .engine
                    .add_status_entry(&mut credential, purpose, &url, slot.index)
            {
                return bad_request("cannot add the status entry", vec![p]);
            }
        }
    }
    let engine = Arc::clone(&state.engine);
    match blocking(move || engine.sign(&credential, suite)).await {
        Ok(Ok(signed)) => {
            let mut body = Object::new();
            body.insert("verifiableCredential", signed);
            json_response(
                StatusCode::CREATED,
                "application/json",
                &Value::Object(body),
            )
        }
        Ok(Err(p)) => bad_request("the credential cannot be signed", vec![p]),
        Err(response) => response,
    }
}

/// Verifies a credential.
#[utoipa::path(post, path = "/credentials/verify", request_body = VerifyCredentialRequest,
    responses(
        (status = 200, description = "Verified", body = VerifyResponse),
        (status = 400, description = "Not verified (a report) or a malformed request (problem details)", body = VerifyResponse),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn verify_credential(
    State(state): State<Arc<AppState>>,
    request: Request,
) -> Response {
    verify_member(state, request, |engine, request| {
        let credential =
            member_object(&request, "verifiableCredential").map_err(|p| ("invalid request", p))?;
        Ok(engine.verify_credential(credential))
    })
    .await
}

/// Verifies a presentation.
#[utoipa::path(post, path = "/presentations/verify", request_body = VerifyPresentationRequest,
    responses(
        (status = 200, description = "Verified", body = VerifyResponse),
        (status = 400, description = "Not verified (a report; unsigned presentations too) or a malformed request (problem details)", body = VerifyResponse),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn verify_presentation(
    State(state): State<Arc<AppState>>,
    request: Request,
) -> Response {
    let allow_no_challenge = state.allow_no_challenge;
    verify_member(state, request, move |engine, request| {
        let presentation = member_object(&request, "verifiablePresentation")
            .map_err(|p| ("invalid request", p))?;
        let challenge = optional_string(&request, "/options/challenge")
            .map_err(|p| ("invalid options", vec![p]))?;
        let domain = optional_string(&request, "/options/domain")
            .map_err(|p| ("invalid options", vec![p]))?;
        if challenge.is_none() && !allow_no_challenge {
            return Err((
                "options.challenge is required: without it a recorded presentation could be replayed",
                vec![DocumentProblem {
                    pointer: "/options/challenge".into(),
                    rule: None,
                    message: "challenge is required".into(),
                }],
            ));
        }
        Ok(engine.verify_presentation(presentation, challenge.as_deref(), domain.as_deref()))
    })
    .await
}

/// Why a verify request was refused before any verification: the problem's `detail` and its
/// problems.
type RequestRefusal = (&'static str, Vec<DocumentProblem>);

/// The two verify endpoints' common path: authorize, read and parse the body off the async
/// threads, let `verify` take its member out of the request and verify it, and answer with the
/// report (or a problem naming the malformed part of the request).
async fn verify_member(
    state: Arc<AppState>,
    request: Request,
    verify: impl FnOnce(&Engine, Value) -> Result<Checked, RequestRefusal> + Send + 'static,
) -> Response {
    let bytes = match authorized_json_body(&state, &state.verify_tokens, true, request).await {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
    let engine = Arc::clone(&state.engine);
    let result = blocking(move || {
        let request = engine
            .parse(&bytes)
            .map_err(|p| ("the body is not valid JSON", vec![p]))?;
        verify(&engine, request)
    })
    .await;
    match result {
        Ok(Ok(checked)) => verification_response(checked),
        Ok(Err((detail, problems))) => bad_request(detail, problems),
        Err(response) => response,
    }
}

/// The purposes named by a VC-API `credentialStatus` (an object or an array of objects).
fn requested_purposes(request: &Value) -> Result<Vec<Purpose>, DocumentProblem> {
    let bad = |pointer: String, message: &str| DocumentProblem {
        pointer,
        rule: None,
        message: message.to_owned(),
    };
    let entries: Vec<(String, &Value)> = match request.get("credentialStatus") {
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("/credentialStatus/{i}"), v))
            .collect(),
        Some(value @ Value::Object(_)) => vec![("/credentialStatus".to_owned(), value)],
        _ => {
            return Err(bad(
                "/credentialStatus".into(),
                "credentialStatus must be an object or a non-empty array of objects",
            ));
        }
    };
    entries
        .into_iter()
        .map(|(pointer, entry)| {
            let name = entry
                .get("statusPurpose")
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    bad(
                        format!("{pointer}/statusPurpose"),
                        "statusPurpose is required",
                    )
                })?;
            Purpose::from_name(name).ok_or_else(|| {
                bad(
                    format!("{pointer}/statusPurpose"),
                    "statusPurpose must be revocation or suspension",
                )
            })
        })
        .collect()
}

/// Revokes or suspends an issued credential.
#[utoipa::path(post, path = "/credentials/status", request_body = StatusRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Status changed", body = StatusResponse),
        (status = 400, description = "Invalid request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid bearer token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No credential issued with this id", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The status store is unavailable", body = Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn update_status(
    State(state): State<Arc<AppState>>,
    request: Request,
) -> Response {
    let bytes = match authorized_json_body(&state, &state.status_tokens, false, request).await {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
    let request = match state.engine.parse(&bytes) {
        Ok(request) => request,
        Err(p) => return bad_request("the body is not valid JSON", vec![p]),
    };
    let Some(credential_id) = request.get("credentialId").and_then(Value::as_str) else {
        return bad_request(
            "invalid request",
            vec![DocumentProblem {
                pointer: "/credentialId".into(),
                rule: None,
                message: "credentialId (a string) is required".into(),
            }],
        );
    };
    let purposes = match requested_purposes(&request) {
        Ok(purposes) => purposes,
        Err(p) => return bad_request("invalid request", vec![p]),
    };
    let on = match request.get("status") {
        None => true,
        Some(Value::Bool(on)) => *on,
        Some(_) => {
            return bad_request(
                "invalid request",
                vec![DocumentProblem {
                    pointer: "/status".into(),
                    rule: None,
                    message: "status must be true or false".into(),
                }],
            );
        }
    };
    let configured: Vec<Purpose> = state.engine.purposes().collect();
    // Every purpose is checked before any is changed, so a refused request changes nothing.
    for purpose in &purposes {
        if !configured.contains(purpose) {
            return bad_request(
                "this service keeps no list for that purpose",
                vec![DocumentProblem {
                    pointer: "/credentialStatus".into(),
                    rule: None,
                    message: format!("{} is not configured", purpose.name()),
                }],
            );
        }
        if *purpose == Purpose::Revocation && !on {
            return bad_request(
                "revocation cannot be undone",
                vec![DocumentProblem {
                    pointer: "/status".into(),
                    rule: None,
                    message: "revocation is permanent".into(),
                }],
            );
        }
    }
    let mut updated = 0;
    for purpose in purposes {
        match state.store.set_status(credential_id, purpose, on).await {
            Ok(n) => updated += n,
            Err(e) => return unavailable(&e),
        }
    }
    if updated == 0 {
        return problem(
            StatusCode::NOT_FOUND,
            "no credential with status was issued with this id",
            &[],
        );
    }
    state.engine.forget_status_lists();
    tracing::info!(credential_id, on, "status changed");
    let mut body = Object::new();
    body.insert("credentialId", credential_id);
    body.insert("updated", updated);
    json_response(StatusCode::OK, "application/json", &Value::Object(body))
}

/// `revocation-3` → (revocation, 3).
pub(crate) fn parse_list_name(name: &str) -> Option<(Purpose, u64)> {
    let (purpose, number) = name.rsplit_once('-')?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((Purpose::from_name(purpose)?, number.parse().ok()?))
}

/// The signed status list credential `list` (`<purpose>-<number>`) as JSON bytes, or `None`
/// when there is no such list.
pub(crate) async fn signed_list(
    state: &Arc<AppState>,
    name: &str,
) -> Result<Option<Vec<u8>>, Response> {
    let Some((purpose, number)) = parse_list_name(name) else {
        return Ok(None);
    };
    if !state.engine.purposes().any(|p| p == purpose) {
        return Ok(None);
    }
    match state.store.list_exists(number).await {
        Ok(true) => {}
        Ok(false) => return Ok(None),
        Err(e) => return Err(unavailable(&e)),
    }
    let set = state
        .store
        .set_indexes(number, purpose)
        .await
        .map_err(|e| unavailable(&e))?;
    let url = state.list_url(purpose, number);
    let engine = Arc::clone(&state.engine);
    match blocking(move || engine.status_list_credential(&url, purpose, &set)).await? {
        Ok(list) => Ok(Some(list.to_string().into_bytes())),
        Err(e) => Err(internal(&e.to_string())),
    }
}

/// Serves a signed status list credential.
#[utoipa::path(get, path = "/status/{list}",
    params(("list" = String, Path, description = "`<purpose>-<number>`, as in an entry's statusListCredential")),
    responses(
        (status = 200, description = "The signed BitstringStatusListCredential", body = Object),
        (status = 404, description = "No such list", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The status store is unavailable", body = Problem, content_type = "application/problem+json"),
    ))]
pub(crate) async fn status_list(
    State(state): State<Arc<AppState>>,
    Path(list): Path<String>,
) -> Response {
    match signed_list(&state, &list).await {
        Ok(Some(bytes)) => {
            let mut response = (StatusCode::OK, Body::from(bytes)).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/vc+ld+json"),
            );
            response
        }
        Ok(None) => problem(StatusCode::NOT_FOUND, "no such status list", &[]),
        Err(response) => response,
    }
}

/// The issuer's DID document (did:web issuers only).
pub(crate) async fn did_document(State(state): State<Arc<AppState>>) -> Response {
    match state.engine.did_document() {
        Some((_, document)) => json_response(StatusCode::OK, "application/did+json", document),
        None => problem(
            StatusCode::NOT_FOUND,
            "the issuer is not a did:web DID",
            &[],
        ),
    }
}

/// Liveness.
#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "The process is up")))]
pub(crate) async fn healthz() -> &'static str {
    "ok\n"
}

/// Readiness: the status store answers.
#[utoipa::path(get, path = "/readyz", responses(
    (status = 200, description = "Ready"),
    (status = 503, description = "The status store does not answer")))]
pub(crate) async fn readyz(State(state): State<Arc<AppState>>) -> Response {
    if state.store.ping().await {
        (StatusCode::OK, "ready\n").into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "the status store does not answer\n",
        )
            .into_response()
    }
}

/// Prometheus metrics.
#[utoipa::path(get, path = "/metrics", responses((status = 200, description = "Prometheus text format", content_type = "text/plain")))]
pub(crate) async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    let mut response = (StatusCode::OK, state.metrics.render()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    response
}

/// The OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(title = "ler VC-API service", description = "Issue, verify and revoke Learning and Employment Records (W3C VC-API)."),
    paths(issue, verify_credential, verify_presentation, update_status, status_list, healthz, readyz, metrics),
    components(schemas(IssueRequest, IssueOptions, IssueResponse, VerifyCredentialRequest,
        VerifyPresentationRequest, PresentationOptions, VerifyResponse, StatusRequest,
        StatusResponse, Problem)),
    modifiers(&BearerScheme)
)]
pub(crate) struct ApiDoc;

struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI document as JSON.
pub(crate) async fn openapi() -> Response {
    use utoipa::OpenApi;
    match ApiDoc::openapi().to_json() {
        Ok(text) => {
            let mut response = (StatusCode::OK, text).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        Err(e) => internal(&e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_names_parse_strictly() {
        assert_eq!(
            parse_list_name("revocation-3"),
            Some((Purpose::Revocation, 3))
        );
        assert_eq!(parse_list_name("revocation-"), None);
        assert_eq!(parse_list_name("revocation-+3"), None);
        assert_eq!(parse_list_name("message-0"), None);
    }
}

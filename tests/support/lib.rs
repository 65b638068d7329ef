//! Shared test support: a local mock Easemob server and assertions on what
//! went over the wire.

use easemob::Client;
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The org, app and token every harness client uses.
pub const ORG: &str = "org";
/// See [`ORG`].
pub const APP: &str = "app";
/// See [`ORG`].
pub const TOKEN: &str = "test-app-token";

/// The documented 401 body (doc-v2).
pub const STD_401: &str = r#"{"error":"unauthorized","exception":"EasemobUnauthorizedException","timestamp":1542543133343,"duration":0,"error_description":"Unable to authenticate (OAuth)"}"#;
/// The older (seed 003) 401 body.
pub const V2_401: &str = r#"{"error":"group_authorization","timestamp":1542543133343,"duration":0,"exception":"com.easemob.group.exception.GroupAuthorizationException","error_description":"this token is bad, or has expired!"}"#;

/// A mock server on 127.0.0.1 and a client pointed at it with a fixed token.
pub struct Harness {
    pub server: MockServer,
    pub client: Client,
}

impl Harness {
    /// Starts a server and a client that uses the fixed app token [`TOKEN`].
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let client = Client::builder(server.uri(), ORG, APP).app_token(TOKEN).build().expect("client builds");
        Harness { server, client }
    }

    /// Answers every request with `status` and the JSON `body`.
    pub async fn reply(&self, status: u16, body: &str) {
        Mock::given(any())
            .respond_with(ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json"))
            .mount(&self.server)
            .await;
    }

    /// Every request the server received.
    pub async fn requests(&self) -> Vec<Request> {
        self.server.received_requests().await.expect("request recording is on")
    }

    /// Asserts that exactly one request arrived and that it is `method`
    /// `path` (percent-encoded, as sent) with the raw query string `query`
    /// (empty for none), the app token, `Accept: application/json`, and the
    /// JSON `body` (or no body).
    pub async fn expect(&self, method: &str, path: &str, query: &str, body: Option<Value>) {
        let reqs = self.requests().await;
        assert_eq!(reqs.len(), 1, "expected exactly one request, got {}", reqs.len());
        assert_request(&reqs[0], method, path, query, body, Some(TOKEN));
    }

    /// Asserts that nothing reached the server.
    pub async fn expect_nothing_sent(&self) {
        let reqs = self.requests().await;
        assert!(reqs.is_empty(), "expected no request, got {}: {:?}", reqs.len(), reqs.first().map(|r| r.url.as_str()));
    }
}

/// Asserts one recorded request; see [`Harness::expect`]. `token: None`
/// asserts that no `Authorization` header was sent.
pub fn assert_request(req: &Request, method: &str, path: &str, query: &str, body: Option<Value>, token: Option<&str>) {
    assert_eq!(req.method.as_str(), method, "method of {}", req.url);
    assert_eq!(req.url.path(), path, "path");
    assert_eq!(req.url.query().unwrap_or(""), query, "query string of {}", req.url);
    let header = |name: &str| req.headers.get(name).map(|v| v.to_str().expect("ASCII header").to_owned());
    match token {
        Some(t) => {
            assert_eq!(header("authorization").as_deref(), Some(format!("Bearer {t}").as_str()), "Authorization")
        }
        None => assert_eq!(header("authorization"), None, "Authorization must be absent"),
    }
    assert_eq!(header("accept").as_deref(), Some("application/json"), "Accept");
    match body {
        Some(expected) => {
            assert_eq!(header("content-type").as_deref(), Some("application/json"), "Content-Type");
            let actual: Value = serde_json::from_slice(&req.body).expect("the request body is JSON");
            assert_eq!(actual, expected, "request body");
        }
        None => {
            assert!(req.body.is_empty(), "expected no body, got {}", String::from_utf8_lossy(&req.body));
            // The docs ask for it on calls without a body too.
            assert_eq!(header("content-type").as_deref(), Some("application/json"), "Content-Type without a body");
        }
    }
}

/// Unwraps an [`easemob::Error::Api`], failing the test on any other result.
pub fn api_error<T: std::fmt::Debug>(result: Result<T, easemob::Error>) -> easemob::ApiError {
    match result {
        Err(easemob::Error::Api(e)) => *e,
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// Unwraps an [`easemob::Error::InvalidInput`], failing the test otherwise.
pub fn invalid_input<T: std::fmt::Debug>(result: Result<T, easemob::Error>) -> easemob::InvalidInput {
    match result {
        Err(easemob::Error::InvalidInput(e)) => e,
        other => panic!("expected an invalid-input error, got {other:?}"),
    }
}

/// A documented error as an error table prints it: HTTP status, the `error`
/// code (`None` where the table leaves it empty) and the description.
pub type DocumentedError = (u16, Option<&'static str>, &'static str);

/// The documented 401 every page lists.
pub const UNAUTHORIZED: DocumentedError = (401, Some("unauthorized"), "Unable to authenticate (OAuth)");

/// A client for `h` that tries each call once, so that every documented
/// error is seen as answered.
pub fn once(h: &Harness) -> Client {
    Client::builder(h.server.uri(), ORG, APP)
        .app_token(TOKEN)
        .retry_policy(easemob::RetryPolicy::never())
        .build()
        .expect("client builds")
}

/// Replies to each documented error in turn (in the standard error body) and
/// asserts that `call` returns it typed: operation, status, code (the typed
/// [`easemob::ErrorCode`] of the wire text) and description, after one request.
pub async fn assert_documented_errors<T, F, Fut>(operation: &str, errors: &[DocumentedError], call: F)
where
    T: std::fmt::Debug,
    F: Fn(Client) -> Fut,
    Fut: std::future::Future<Output = Result<T, easemob::Error>>,
{
    for &(status, code, description) in errors {
        let h = Harness::start().await;
        let mut body = serde_json::json!({"exception": "SomeException", "timestamp": 1542598913819_i64,
                                           "duration": 0, "error_description": description});
        if let Some(c) = code {
            body["error"] = serde_json::json!(c);
            // The spec lists every code an operation documents (the
            // generator checks), so none may fall through to `Unknown`.
            let typed = easemob::ErrorCode::from(c);
            assert!(!matches!(typed, easemob::ErrorCode::Unknown(_)), "documented code {c:?} is not in ErrorCode");
        }
        h.reply(status, &body.to_string()).await;
        let e = api_error(call(once(&h)).await);
        assert_eq!(e.operation, operation);
        assert_eq!(e.status, status, "{description}");
        assert_eq!(e.code, code.map(easemob::ErrorCode::from), "{description}");
        assert_eq!(e.description.as_deref(), Some(description));
        assert_eq!(e.body.as_ref().and_then(|b| b.timestamp).map(i64::from), Some(1542598913819));
        assert_eq!(h.requests().await.len(), 1, "{status} {description} was sent more than once");
    }
}

/// Asserts that `result` was refused before sending: `operation`, `field`
/// and the exact `rule` text.
pub async fn assert_refused<T: std::fmt::Debug>(
    h: &Harness,
    result: Result<T, easemob::Error>,
    operation: &str,
    field: &str,
    rule: &str,
) {
    let e = invalid_input(result);
    assert_eq!((e.operation, e.field, e.rule.as_str()), (operation, field, rule));
    h.expect_nothing_sent().await;
}

/// `n` distinct IDs `prefix0`, `prefix1`, ...
pub fn ids(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i}")).collect()
}

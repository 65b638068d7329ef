//! The extension points: interceptors (headers and metrics on every
//! attempt) and raw calls of endpoints the spec lacks, through the same
//! token, retry and decoding path as generated operations.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use easemob::header::{HeaderMap, HeaderValue};
use easemob::{
    Attempt, AttemptOutcome, CallOptions, Client, Error, ErrorCode, Interceptor, Method, RawOperation, RetryPolicy,
};
use easemob_tests::{APP, ORG, TOKEN, api_error, assert_request, invalid_input};
use serde::Deserialize;
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// One attempt as an interceptor saw it: operation, path template, number, status.
type Seen = (&'static str, &'static str, u32, Option<u16>);

/// Adds a header and records each attempt's operation, number and status.
#[derive(Clone, Default)]
struct Recorder {
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Interceptor for Recorder {
    fn on_request(&self, attempt: &Attempt, headers: &mut HeaderMap) {
        let n = HeaderValue::from_str(&attempt.number.to_string()).unwrap();
        headers.insert("x-attempt", n);
        headers.insert("x-tenant", HeaderValue::from_static("blue"));
        // The client's own headers cannot be replaced.
        headers.insert("authorization", HeaderValue::from_static("Bearer stolen"));
    }
    fn on_response(&self, attempt: &Attempt, outcome: &AttemptOutcome) {
        assert!(outcome.elapsed < Duration::from_secs(10));
        self.seen.lock().unwrap().push((attempt.operation, attempt.path_template, attempt.number, outcome.status));
    }
}

/// Answers the first `fails` requests with `status`, then `ok` with 200.
async fn server_failing(fails: u64, status: u16, ok: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    if fails > 0 {
        Mock::given(any())
            .respond_with(ResponseTemplate::new(status).set_body_json(json!({"error": "busy"})))
            .up_to_n_times(fails)
            .mount(&server)
            .await;
    }
    Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(ok)).mount(&server).await;
    server
}

fn quick_retries() -> RetryPolicy {
    RetryPolicy::default().max_attempts(3).budget(Duration::from_secs(20))
}

#[tokio::test]
async fn an_interceptor_adds_its_header_to_every_attempt_and_sees_each_status() {
    let server = server_failing(2, 503, json!({"data": {"announcement": "hello"}})).await;
    let recorder = Recorder::default();
    let client = Client::builder(server.uri(), ORG, APP)
        .app_token(TOKEN)
        .retry_policy(quick_retries())
        .interceptor(recorder.clone())
        .build()
        .unwrap();
    let debug = format!("{client:?}");
    assert!(debug.contains("1 interceptor(s)"), "{debug}");
    client.chatrooms().get_announcement("room").send().await.unwrap();

    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 3);
    for (i, req) in reqs.iter().enumerate() {
        assert_request(req, "GET", "/org/app/chatrooms/room/announcement", "", None, Some(TOKEN));
        assert_eq!(req.headers.get("x-tenant").unwrap(), "blue");
        assert_eq!(req.headers.get("x-attempt").unwrap().to_str().unwrap(), (i + 1).to_string());
        assert_eq!(req.headers.get_all("authorization").iter().count(), 1, "only the client's token");
    }
    let seen = recorder.seen.lock().unwrap().clone();
    let op = "chatrooms_get_announcement";
    let path = "/{org_name}/{app_name}/chatrooms/{chatroom_id}/announcement";
    assert_eq!(seen, vec![(op, path, 1, Some(503)), (op, path, 2, Some(503)), (op, path, 3, Some(200))]);
}

#[tokio::test]
async fn an_interceptor_sees_the_token_request_and_a_failed_connection() {
    // Nothing listens on this port: every attempt fails below HTTP.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let recorder = Recorder::default();
    let client = Client::builder(url, ORG, APP)
        .client_credentials("id", "secret")
        .retry_policy(RetryPolicy::never())
        .interceptor(recorder.clone())
        .build()
        .unwrap();
    let e = client.chatrooms().get_announcement("room").send().await.unwrap_err();
    assert!(matches!(e, Error::Token(_)), "{e:?}");
    let seen = recorder.seen.lock().unwrap().clone();
    assert_eq!(seen, vec![("tokens_get_app_token", "/{org_name}/{app_name}/token", 1, None)]);
}

/// A payload type of the caller's own, for an endpoint the spec lacks.
#[derive(Debug, Deserialize, PartialEq)]
struct Status {
    online: bool,
}

static USER_STATUS: RawOperation = RawOperation::new("my_user_status", Method::Get, "/users/{username}/status");
static NOTE: RawOperation = RawOperation::new("my_note", Method::Post, "/notes/{owner}").payload_at(&["entities"]);
static NOTE_ONCE_ONLY: RawOperation =
    RawOperation::new("my_note_upsert", Method::Post, "/notes/{owner}").payload_at(&["entities"]).retry_safe(true);

#[tokio::test]
async fn a_raw_call_sends_path_query_and_headers_and_decodes_the_envelope() {
    let server = server_failing(0, 200, json!({"data": {"online": true}, "count": 1, "timestamp": 7})).await;
    let client = Client::builder(server.uri(), ORG, APP).app_token(TOKEN).build().unwrap();
    let r = client
        .raw()
        .call(&USER_STATUS)
        .path_param("username", "a/b")
        .query("detail", true)
        .header("x-extra", "1")
        .send::<Status>()
        .await
        .unwrap();
    assert_eq!(r.data, Status { online: true });
    assert_eq!((r.meta.count, r.meta.timestamp), (Some(1), Some(easemob::Timestamp::from_unix_millis(7))));
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1);
    // The ID is one encoded segment: it cannot change the path.
    assert_request(&reqs[0], "GET", "/org/app/users/a%2Fb/status", "detail=true", None, Some(TOKEN));
    assert_eq!(reqs[0].headers.get("x-extra").unwrap(), "1");
}

#[tokio::test]
async fn a_raw_post_is_not_repeated_after_a_5xx_unless_declared_retry_safe() {
    let body = json!({"text": "hi"});
    let ok = json!({"entities": [{"id": "n1"}]});

    let server = server_failing(1, 503, ok.clone()).await;
    let client =
        Client::builder(server.uri(), ORG, APP).app_token(TOKEN).retry_policy(quick_retries()).build().unwrap();
    let e =
        api_error(client.raw().call(&NOTE).path_param("owner", "alice").json(&body).send::<serde_json::Value>().await);
    assert_eq!((e.status, e.operation), (503, "my_note"));
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1, "a POST that may have taken effect is not sent again");
    assert_request(&reqs[0], "POST", "/org/app/notes/alice", "", Some(body.clone()), Some(TOKEN));

    let server = server_failing(1, 503, ok).await;
    let client =
        Client::builder(server.uri(), ORG, APP).app_token(TOKEN).retry_policy(quick_retries()).build().unwrap();
    let r = client
        .raw()
        .call(&NOTE_ONCE_ONLY)
        .path_param("owner", "alice")
        .json(&body)
        .send::<Vec<serde_json::Value>>()
        .await
        .unwrap();
    assert_eq!(r.data, vec![json!({"id": "n1"})]);
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 2, "declared retry-safe, it is sent again");
    for req in &reqs {
        assert_request(req, "POST", "/org/app/notes/alice", "", Some(body.clone()), Some(TOKEN));
    }
}

#[tokio::test]
async fn a_raw_call_decodes_error_bodies_and_refuses_a_missing_path_parameter() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "error": "service_resource_not_found", "exception": "x", "timestamp": 1, "duration": 0,
            "error_description": "Service resource not found"
        })))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri(), ORG, APP).app_token(TOKEN).build().unwrap();
    let once = CallOptions::new().retry(RetryPolicy::never());
    let e =
        api_error(client.raw().call(&USER_STATUS).path_param("username", "ghost").options(once).send::<Status>().await);
    assert_eq!(e.code, Some(ErrorCode::ServiceResourceNotFound));
    assert_eq!(e.description.as_deref(), Some("Service resource not found"));

    let e = invalid_input(client.raw().call(&USER_STATUS).send::<Status>().await);
    assert_eq!((e.operation, e.field), ("my_user_status", "username"));
    let e = invalid_input(
        client.raw().call(&USER_STATUS).path_param("username", "u").path_param("room", "r").send::<Status>().await,
    );
    assert!(e.rule.contains("`{room}`"), "{}", e.rule);
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "refused calls send nothing");
}

//! Fault injection against local servers: each test asserts how many
//! attempts were made, what came back, and (by finishing) that nothing
//! panicked. Delays run on a `ManualClock`, so backoff and Retry-After are
//! checked in virtual time.

mod batch;
mod capture;
mod decoding;
mod errors;
mod fuzz;
mod hardening;
mod http2;
mod pagination;
mod spans;
mod tokens;
mod wire;

use capture::{Captured, capture_trace};

use std::sync::Arc;
use std::time::{Duration, Instant};

use easemob::{CallOptions, Client, Error, ErrorCode, ManualClock, RetryPolicy, TransportErrorKind};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ORG: &str = "org";
const APP: &str = "app";

fn client(server: &MockServer, clock: &Arc<ManualClock>) -> Client {
    Client::builder(server.uri(), ORG, APP).app_token("tok").clock(clock.clone()).build().unwrap()
}

fn ok_announcement() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"data": {"announcement": "hi"}}))
}

async fn count(server: &MockServer, p: &str) -> usize {
    server.received_requests().await.unwrap().iter().filter(|r| r.url.path() == p).count()
}

#[tokio::test]
async fn status_429_waits_the_retry_after_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "7").set_body_json(json!({
            "error": "reach_limit", "exception": "x", "timestamp": 1, "duration": 0, "error_description": "This request has reached api limit"
        })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(ok_announcement()).mount(&server).await;
    let clock = Arc::new(ManualClock::new());
    let r = client(&server, &clock).chatrooms().get_announcement("r").send().await.unwrap();
    assert_eq!(r.announcement, "hi");
    assert_eq!(count(&server, "/org/app/chatrooms/r/announcement").await, 2);
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(7)]);
}

#[tokio::test]
async fn a_503_storm_longer_than_the_budget_gives_up() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503).set_body_string("busy")).mount(&server).await;
    let clock = Arc::new(ManualClock::new());
    let policy = RetryPolicy::default()
        .max_attempts(10)
        .jitter(false)
        .backoff(Duration::from_secs(1), Duration::from_secs(60))
        .budget(Duration::from_secs(5));
    let client = Client::builder(server.uri(), ORG, APP)
        .app_token("t")
        .clock(clock.clone())
        .retry_policy(policy)
        .build()
        .unwrap();
    let e = easemob_tests::api_error(client.chatrooms().get_announcement("r").send().await);
    assert_eq!(e.status, 503);
    // Waits of 1 s and 2 s fit in 5 s; the next (4 s) would not.
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(1), Duration::from_secs(2)]);
    assert_eq!(count(&server, "/org/app/chatrooms/r/announcement").await, 3);
}

/// A server that answers every request with a 200 head promising 100 bytes,
/// sends a few, and closes the connection. Returns its address and a
/// counter of connections served.
async fn resetting_server() -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let served = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = served.clone();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut buf = [0u8; 4096];
            let _ = sock.read(&mut buf).await;
            let _ = sock
                .write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"data\":{\"ann",
                )
                .await;
            let _ = sock.shutdown().await;
        }
    });
    (format!("http://{addr}"), served)
}

#[tokio::test]
async fn a_connection_reset_mid_body_is_retried_then_reported() {
    let (uri, served) = resetting_server().await;
    let clock = Arc::new(ManualClock::new());
    let client = Client::builder(uri, ORG, APP).app_token("t").clock(clock.clone()).build().unwrap();
    match client.chatrooms().get_announcement("r").send().await {
        Err(Error::Transport(e)) => assert_eq!(e.kind, TransportErrorKind::Body, "{e}"),
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert_eq!(served.load(std::sync::atomic::Ordering::SeqCst), 3, "three attempts");
    assert_eq!(clock.sleeps().len(), 2);
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_without_retry() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"data":{"announcement":"x""#))
        .mount(&server)
        .await;
    let clock = Arc::new(ManualClock::new());
    match client(&server, &clock).chatrooms().get_announcement("r").send().await {
        Err(Error::Decode(e)) => assert!(e.message.starts_with("not JSON"), "{}", e.message),
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert_eq!(count(&server, "/org/app/chatrooms/r/announcement").await, 1);
}

#[tokio::test]
async fn an_html_page_from_a_proxy_is_retried_then_kept() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_raw("<html><h1>502 Bad Gateway</h1></html>", "text/html"))
        .mount(&server)
        .await;
    let clock = Arc::new(ManualClock::new());
    let e = easemob_tests::api_error(client(&server, &clock).chatrooms().get_announcement("r").send().await);
    assert_eq!((e.status, e.code.clone(), e.body.is_none()), (502, None, true));
    assert!(e.raw_body.contains("502 Bad Gateway"));
    assert_eq!(count(&server, "/org/app/chatrooms/r/announcement").await, 3);
}

#[tokio::test]
async fn a_slow_answer_beyond_the_per_call_timeout_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ok_announcement().set_delay(Duration::from_secs(5))).mount(&server).await;
    let clock = Arc::new(ManualClock::new());
    let started = Instant::now();
    let opts = CallOptions::new().timeout(Duration::from_millis(200)).retry(RetryPolicy::never());
    match client(&server, &clock).chatrooms().get_announcement("r").options(opts).send().await {
        Err(Error::Transport(e)) => assert_eq!(e.kind, TransportErrorKind::Timeout),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(3), "the timeout applied: {:?}", started.elapsed());
    assert_eq!(count(&server, "/org/app/chatrooms/r/announcement").await, 1);
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_call_replayed() {
    let server = MockServer::start().await;
    Mock::given(path("/org/app/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "old", "expires_in": 3600})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/org/app/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "new", "expires_in": 3600})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/org/app/chatrooms"))
        .and(header("authorization", "Bearer old"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "unauthorized", "exception": "x", "timestamp": 1, "duration": 0,
            "error_description": "Unable to authenticate due to expired access token"
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/org/app/chatrooms"))
        .and(header("authorization", "Bearer new"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {"id": "room"}})))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri(), ORG, APP).client_credentials("id", "secret").build().unwrap();
    // A create is not safe to retry, but a 401 means it was refused, so the replay is safe.
    let r = client.chatrooms().create("n", "d", "o").send().await.unwrap();
    assert_eq!(r.id, "room");
    assert_eq!(count(&server, "/org/app/token").await, 2);
    assert_eq!(count(&server, "/org/app/chatrooms").await, 2);
}

#[tokio::test]
async fn a_401_for_another_reason_is_not_a_token_refresh() {
    let server = MockServer::start().await;
    Mock::given(path("/org/app/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "t", "expires_in": 3600})))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "MetadataException", "exception": "x", "timestamp": 1, "duration": 0, "error_description": "user is not in chatroom"
        })))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri(), ORG, APP).client_credentials("id", "secret").build().unwrap();
    let e = easemob_tests::api_error(client.chatrooms().set_metadata("r", "u", [("k", "v")]).send().await);
    assert_eq!(e.code, Some(ErrorCode::MetadataException));
    assert_eq!(e.code.as_ref().map(ErrorCode::as_str), Some("MetadataException"));
    assert_eq!(count(&server, "/org/app/token").await, 1);
}

#[tokio::test]
async fn a_hundred_callers_across_token_expiry_share_one_token_request() {
    let server = MockServer::start().await;
    Mock::given(path("/org/app/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "t", "expires_in": 100}))
                .set_delay(Duration::from_millis(50)),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(ok_announcement()).mount(&server).await;
    let clock = Arc::new(ManualClock::new());
    let client =
        Client::builder(server.uri(), ORG, APP).client_credentials("id", "s").clock(clock.clone()).build().unwrap();
    client.chatrooms().get_announcement("r").send().await.unwrap();
    assert_eq!(count(&server, "/org/app/token").await, 1);
    clock.advance(Duration::from_secs(95)); // past expiry minus the 10 s margin
    let calls: Vec<_> = (0..100)
        .map(|i| {
            let c = client.clone();
            tokio::spawn(async move { c.chatrooms().get_announcement(format!("r{i}")).send().await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(count(&server, "/org/app/token").await, 2, "exactly one refresh for 100 concurrent callers");
}

fn send_body() -> serde_json::Value {
    json!({"name": "n", "description": "d", "owner": "o"})
}

#[tokio::test]
async fn an_unsafe_call_answered_503_is_not_replayed_by_default() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let clock = Arc::new(ManualClock::new());
    let e = easemob_tests::api_error(client(&server, &clock).chatrooms().create("n", "d", "o").send().await);
    assert_eq!(e.status, 503);
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&reqs[0].body).unwrap(), send_body());
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn an_unsafe_call_is_replayed_when_the_caller_opts_in() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).up_to_n_times(2).mount(&server).await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {"id": "room"}})))
        .mount(&server)
        .await;
    let clock = Arc::new(ManualClock::new());
    let opts = CallOptions::new().retry(RetryPolicy::default().replay_unsafe(true));
    let r = client(&server, &clock).chatrooms().create("n", "d", "o").options(opts).send().await.unwrap();
    assert_eq!(r.id, "room");
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    assert_eq!(clock.sleeps().len(), 2);
}

#[tokio::test]
async fn an_unsafe_call_that_never_connected_is_retried() {
    // A port that refuses connections, on 127.0.0.2 where no other test
    // listens, so a concurrent test's server cannot take it in between.
    let port = std::net::TcpListener::bind("127.0.0.2:0").unwrap().local_addr().unwrap().port();
    let clock = Arc::new(ManualClock::new());
    let client = Client::builder(format!("http://127.0.0.2:{port}"), ORG, APP)
        .app_token("t")
        .clock(clock.clone())
        .build()
        .unwrap();
    match client.chatrooms().create("n", "d", "o").send().await {
        Err(Error::Transport(e)) => assert_eq!(e.kind, TransportErrorKind::Connect),
        other => panic!("expected a connect error, got {other:?}"),
    }
    assert_eq!(clock.sleeps().len(), 2, "three attempts: nothing can have reached the server");
}

/// The docs print one code three ways; the spec lists the other two as
/// aliases, so all three match `BadRequest` (and print as the listed one).
#[tokio::test]
async fn spellings_of_one_error_code_decode_to_one_variant() {
    for wire in ["Bad Request", "Bad request", "BAD_REQUEST"] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(400).set_body_json(json!({
                "error": wire, "exception": "x", "timestamp": 1, "duration": 0, "error_description": "refused"
            })))
            .mount(&server)
            .await;
        let clock = Arc::new(ManualClock::new());
        let e = easemob_tests::api_error(client(&server, &clock).chatrooms().get_announcement("r").send().await);
        assert_eq!(e.code, Some(ErrorCode::BadRequest), "{wire}");
        assert_eq!(e.code.as_ref().map(ErrorCode::as_str), Some("Bad Request"));
        assert_eq!(e.description.as_deref(), Some("refused"));
    }
    assert!(matches!(ErrorCode::from("bad-request"), ErrorCode::Unknown(_)), "only the listed spellings");
}

#[tokio::test]
async fn an_unknown_error_code_is_kept_as_text() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "brand_new_code", "exception": "NewException", "timestamp": 1, "duration": 0, "error_description": "something new"
        })))
        .mount(&server)
        .await;
    let clock = Arc::new(ManualClock::new());
    let e = easemob_tests::api_error(client(&server, &clock).chatrooms().get_announcement("r").send().await);
    assert!(matches!(e.code, Some(ErrorCode::Unknown(_))), "kept, but only matchable as `Unknown(_)`");
    assert_eq!(e.code.as_ref().map(|c| c.as_str()), Some("brand_new_code"));
    assert_eq!(e.description.as_deref(), Some("something new"));
    assert_eq!(count(&server, "/org/app/chatrooms/r/announcement").await, 1, "400 is not retried");
}

#[tokio::test]
async fn client_side_rate_limit_spaces_calls_beyond_the_burst() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []})))
        .mount(&server)
        .await;
    let clock = Arc::new(ManualClock::new());
    let client =
        Client::builder(server.uri(), ORG, APP).app_token("t").clock(clock.clone()).rate_limit(true).build().unwrap();
    // chatrooms_list is documented at 50/s: 50 go at once, then one per 20 ms.
    for _ in 0..52 {
        client.chatrooms().list().send().await.unwrap();
    }
    assert_eq!(clock.sleeps(), vec![Duration::from_millis(20), Duration::from_millis(20)]);
}

#[tokio::test]
async fn rate_limiting_is_off_by_default() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []})))
        .mount(&server)
        .await;
    let clock = Arc::new(ManualClock::new());
    let client = client(&server, &clock);
    for _ in 0..60 {
        client.chatrooms().list().send().await.unwrap();
    }
    assert!(clock.sleeps().is_empty());
}

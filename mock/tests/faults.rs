//! Faults queued on the mock, from Rust and through the control API, as the
//! client sees them.

mod common;

use std::time::Duration;

use easemob::{CallOptions, Client, Error, RetryPolicy};
use easemob_mock::{Fault, MockServer};
use serde_json::{Value, json};

fn client(mock: &MockServer) -> Client {
    Client::builder(mock.url(), "org", "app").client_credentials("YXA6id", "YXA6secret").build().unwrap()
}

fn once() -> CallOptions {
    CallOptions::new().retry(RetryPolicy::never())
}

/// Quick retries, so the tests take no real seconds.
fn quick() -> CallOptions {
    CallOptions::new()
        .retry(RetryPolicy::default().max_attempts(3).backoff(Duration::from_millis(1), Duration::from_millis(5)))
}

/// The journal's entries for one operation: (status, fault).
fn calls(mock: &MockServer, op: &str) -> Vec<(u16, Option<String>)> {
    mock.journal().into_iter().filter(|e| e.operation == Some(op)).map(|e| (e.status, e.fault)).collect()
}

async fn with_alice(mock: &MockServer) -> Client {
    let c = client(mock);
    c.users().create("alice", "pw").send().await.unwrap();
    c
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_and_journalled() {
    let mock = MockServer::start().await;
    let c = with_alice(&mock).await;
    mock.fault_on("users_get", Fault::rate_limited(0), 1);
    c.users().get("alice").options(quick()).send().await.unwrap();
    assert_eq!(calls(&mock, "users_get"), [(429, Some("status 429".into())), (200, None)]);

    mock.fault_on("users_get", Fault::rate_limited(7), 1);
    let e = match c.users().get("alice").options(once()).send().await {
        Err(Error::Api(e)) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(e.status, 429);
    assert_eq!(e.retry_after, Some(Duration::from_secs(7)));
}

#[tokio::test]
async fn a_reset_connection_and_a_truncated_body_are_seen_by_the_client() {
    let mock = MockServer::start().await;
    let c = with_alice(&mock).await;
    mock.fault_on("users_get", Fault::Reset, 1);
    let e = c.users().get("alice").options(once()).send().await.unwrap_err();
    assert!(e.is_retryable(), "{e:?}");
    assert_eq!(calls(&mock, "users_get"), [(0, Some("reset".into()))]);

    mock.fault_on("users_get", Fault::Truncate, 1);
    let e = c.users().get("alice").options(once()).send().await.unwrap_err();
    assert!(e.is_retryable(), "{e:?}");
    // A GET is retried after either, and then succeeds.
    mock.fault_on("users_get", Fault::Reset, 1);
    mock.fault_on("users_get", Fault::Truncate, 1);
    c.users().get("alice").options(quick()).send().await.unwrap();
}

#[tokio::test]
async fn a_slow_answer_runs_into_the_call_timeout() {
    let mock = MockServer::start().await;
    let c = with_alice(&mock).await;
    mock.fault(Fault::Slow(Duration::from_millis(800)));
    let opts = once().timeout(Duration::from_millis(100));
    let e = c.users().get("alice").options(opts).send().await.unwrap_err();
    assert!(e.is_retryable(), "a timeout: {e:?}");
}

#[tokio::test]
async fn an_expired_token_is_refreshed_and_the_call_replayed() {
    let mock = MockServer::start().await;
    let c = with_alice(&mock).await;
    mock.fault_on("users_get", Fault::ExpiredToken, 1);
    c.users().get("alice").send().await.unwrap();
    let tokens = mock.journal().iter().filter(|e| e.operation == Some("tokens_get_app_token")).count();
    assert_eq!(tokens, 2, "a second token was fetched after the 401");
    assert_eq!(calls(&mock, "users_get"), [(401, Some("expired_token".into())), (200, None)]);

    // Every token expiring at once: the same.
    mock.expire_tokens();
    c.users().get("alice").send().await.unwrap();
}

#[tokio::test]
async fn the_control_api_queues_faults_and_serves_the_journal() {
    let mock = MockServer::start().await;
    let c = with_alice(&mock).await;
    let http = reqwest::Client::new();
    let control = |path: &str| format!("{}/_mock/{path}", mock.url());

    let r = http
        .post(control("faults"))
        .body(json!({"kind": "status", "status": 503, "times": 2}).to_string())
        .send()
        .await;
    assert_eq!(r.unwrap().status(), 204);
    for _ in 0..2 {
        match c.users().get("alice").options(once()).send().await {
            Err(Error::Api(e)) => assert_eq!(e.status, 503),
            other => panic!("{other:?}"),
        }
    }
    c.users().get("alice").options(once()).send().await.unwrap();

    // Refused: an unknown kind, an unknown operation, not JSON.
    for bad in [
        json!({"kind": "boom"}).to_string(),
        json!({"kind": "reset", "operation": "users_gett"}).to_string(),
        "{".into(),
    ] {
        let r = http.post(control("faults")).body(bad.clone()).send().await.unwrap();
        assert_eq!(r.status(), 400, "{bad}");
    }
    // Queued, then dropped.
    http.post(control("faults")).body(json!({"kind": "reset"}).to_string()).send().await.unwrap();
    assert_eq!(http.delete(control("faults")).send().await.unwrap().status(), 204);
    c.users().get("alice").options(once()).send().await.unwrap();

    let journal: Value = http.get(control("journal")).send().await.unwrap().json().await.unwrap();
    let entries = journal.as_array().unwrap();
    let gets: Vec<&Value> = entries.iter().filter(|e| e["operation"] == "users_get").collect();
    assert_eq!(gets.len(), 4);
    assert_eq!(gets[0]["status"], 503);
    assert_eq!(gets[0]["fault"], "status 503");
    assert_eq!(gets[3]["outcome"], "state");
    assert!(gets[3]["headers"]["authorization"].as_str().unwrap().starts_with("Bearer "));

    // A token from the control API works for a client with a fixed token.
    let t: Value = http.post(control("token")).send().await.unwrap().json().await.unwrap();
    let fixed =
        Client::builder(mock.url(), "org", "app").app_token(t["access_token"].as_str().unwrap()).build().unwrap();
    fixed.users().get("alice").send().await.unwrap();
    http.post(control("expire_tokens")).send().await.unwrap();
    match fixed.users().get("alice").options(once()).send().await {
        Err(Error::Api(e)) => assert_eq!(e.status, 401),
        other => panic!("{other:?}"),
    }
    assert_eq!(http.delete(control("journal")).send().await.unwrap().status(), 204);
    assert!(mock.journal().is_empty());
}

#[tokio::test]
async fn a_token_outlives_its_ttl_only_until_it_expires() {
    let mock = MockServer::builder().token_ttl(Duration::from_millis(1200)).start().await.unwrap();
    let http = reqwest::Client::new();
    let t = common::fetch_app_token(&http, &mock.url()).await;
    assert_eq!(t["expires_in"], 1);
    let token = t["access_token"].as_str().unwrap().to_owned();
    let get = || http.get(format!("{}/org/app/users", mock.url())).bearer_auth(&token).send();
    assert_eq!(get().await.unwrap().status(), 200);
    tokio::time::sleep(Duration::from_millis(1300)).await;
    let r = get().await.unwrap();
    assert_eq!(r.status(), 401);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "unauthorized");
}

#[tokio::test]
async fn credentials_are_checked_when_configured() {
    let mock = MockServer::builder().credentials("YXA6id", "YXA6secret").start().await.unwrap();
    let wrong = Client::builder(mock.url(), "org", "app").client_credentials("YXA6id", "nope").build().unwrap();
    match wrong.users().list().send().await {
        Err(e) => assert_eq!(e.code().map(|c| c.as_str().to_owned()).as_deref(), Some("invalid_grant"), "{e:?}"),
        Ok(_) => panic!("a wrong secret got a token"),
    }
    client(&mock).users().list().send().await.unwrap();
}

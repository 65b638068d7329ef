//! Token sources: callback, millisecond clusters, several apps side by side,
//! a caller's own HTTP client.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use easemob::{AccessToken, Client, Credentials, ManualClock, Secret, TokenTtlUnit};
use serde_json::json;
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"data": {"announcement": "hi"}}))
}

#[tokio::test]
async fn a_callback_token_is_cached_until_near_expiry() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer from-callback"))
        .respond_with(ok())
        .mount(&server)
        .await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let clock = Arc::new(ManualClock::new());
    let client = Client::builder(server.uri(), "org", "app")
        .credentials(Credentials::callback(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            async {
                Ok(AccessToken { token: Secret::new("from-callback"), expires_in: Some(Duration::from_secs(600)) })
            }
        }))
        .clock(clock.clone())
        .build()
        .unwrap();
    for _ in 0..3 {
        client.chatrooms().get_announcement("r").send().await.unwrap();
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    clock.advance(Duration::from_secs(541)); // 600 s minus the 60 s margin, plus one
    client.chatrooms().get_announcement("r").send().await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn millisecond_clusters_count_ttl_and_expiry_in_milliseconds() {
    let server = MockServer::start().await;
    Mock::given(path("/org/app/token"))
        .and(body_partial_json(json!({"ttl": 7_200_000})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "t", "expires_in": 2_000_000})))
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(ok()).mount(&server).await;
    let clock = Arc::new(ManualClock::new());
    let client = Client::builder(server.uri(), "org", "app")
        .credentials(Credentials::ClientCredentials {
            client_id: "id".into(),
            client_secret: Secret::new("s"),
            ttl: Some(Duration::from_secs(7200)),
        })
        .token_ttl_unit(TokenTtlUnit::Milliseconds)
        .clock(clock.clone())
        .build()
        .unwrap();
    client.chatrooms().get_announcement("r").send().await.unwrap();
    // 2,000,000 ms is 2,000 s (not 23 days): after 1,900 s the token is stale.
    clock.advance(Duration::from_secs(1_900));
    client.chatrooms().get_announcement("r").send().await.unwrap();
    let tokens = server.received_requests().await.unwrap().iter().filter(|r| r.url.path() == "/org/app/token").count();
    assert_eq!(tokens, 2);
}

#[tokio::test]
async fn two_apps_in_one_process_keep_their_own_tokens() {
    let server = MockServer::start().await;
    for (app, token) in [("app1", "token-1"), ("app2", "token-2")] {
        Mock::given(path(format!("/org/{app}/token")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": token, "expires_in": 3600})))
            .mount(&server)
            .await;
        Mock::given(path(format!("/org/{app}/chatrooms/r/announcement")))
            .and(header("authorization", format!("Bearer {token}").as_str()))
            .respond_with(ok())
            .mount(&server)
            .await;
    }
    let one = Client::builder(server.uri(), "org", "app1").client_credentials("id1", "s1").build().unwrap();
    let two = Client::builder(server.uri(), "org", "app2").client_credentials("id2", "s2").build().unwrap();
    for _ in 0..2 {
        one.chatrooms().get_announcement("r").send().await.unwrap();
        two.chatrooms().get_announcement("r").send().await.unwrap();
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 6, "one token request per app, four calls");
}

#[tokio::test]
async fn a_callers_http_client_is_used() {
    let server = MockServer::start().await;
    Mock::given(header("user-agent", "my-service/1.0")).respond_with(ok()).mount(&server).await;
    let http = reqwest::Client::builder().user_agent("my-service/1.0").build().unwrap();
    let client = Client::builder(server.uri(), "org", "app").app_token("t").http_client(http).build().unwrap();
    client.chatrooms().get_announcement("r").send().await.unwrap();
}

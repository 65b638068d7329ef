//! The app token, client secret and passwords never appear in `Debug`,
//! `Display`, error messages or `tracing` output.

use easemob::Client;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CLIENT_SECRET: &str = "YXA6-client-secret-7731";
const TOKEN_1: &str = "YWMt-first-token-1183";
const TOKEN_2: &str = "YWMt-second-token-9902";

#[tokio::test]
async fn secrets_never_reach_logs_debug_or_errors() {
    let (captured, _guard) = crate::capture::capture_trace();

    let server = MockServer::start().await;
    Mock::given(path("/org/app/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": TOKEN_1, "expires_in": 3600})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/org/app/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": TOKEN_2, "expires_in": 3600})))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(json!({"error": "unauthorized", "error_description": "expired"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503).set_body_string("down")).mount(&server).await;

    let client =
        Client::builder(server.uri(), "org", "app").client_credentials("YXA6-id", CLIENT_SECRET).build().unwrap();
    let delete = client.chatrooms().delete("r");
    let mut shown = format!("{client:?}\n{delete:?}\n");
    let e1 = delete.send().await.unwrap_err();
    let e2 = client.chatrooms().get_announcement("r").send().await.unwrap_err();
    shown += &format!("{e1}\n{e1:?}\n{e2}\n{e2:?}\n");
    shown += &captured.take();

    assert!(shown.contains("fetched a new app token"), "the log was captured: {shown}");
    assert!(shown.contains("retrying"), "retry decisions are logged: {shown}");
    for secret in [CLIENT_SECRET, TOKEN_1, TOKEN_2] {
        assert!(!shown.contains(secret), "{secret} leaked:\n{shown}");
    }
}

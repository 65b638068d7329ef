//! The client itself: configuration, authentication, path encoding,
//! decoding of hostile answers.

use easemob::{Client, Error, ErrorCode, TransportErrorKind};
use easemob_tests::{APP, Harness, ORG, assert_request, invalid_input};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn client_credentials_fetch_one_token_and_reuse_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/org/app/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "YWMte3bGuOukEeiTkNP4grL7iw", "expires_in": 1024000, "application": "8be024f0"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/org/app/chatrooms/r1/announcement"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {"announcement": "hi"}})))
        .expect(2)
        .mount(&server)
        .await;
    let client = Client::builder(server.uri(), ORG, APP).client_credentials("YXA6id", "YXA6secret").build().unwrap();
    for _ in 0..2 {
        let r = client.chatrooms().get_announcement("r1").send().await.unwrap();
        assert_eq!(r.announcement, "hi");
    }
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 3);
    assert_request(
        &reqs[0],
        "POST",
        "/org/app/token",
        "",
        Some(json!({"grant_type": "client_credentials", "client_id": "YXA6id", "client_secret": "YXA6secret"})),
        None,
    );
    for r in &reqs[1..] {
        assert_request(r, "GET", "/org/app/chatrooms/r1/announcement", "", None, Some("YWMte3bGuOukEeiTkNP4grL7iw"));
    }
}

#[tokio::test]
async fn a_token_near_expiry_is_replaced() {
    let server = MockServer::start().await;
    // A one-second lifetime leaves a 0.1 s margin: the second call, after
    // 1.1 s, must fetch a new token.
    Mock::given(method("POST"))
        .and(path("/org/app/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "short-lived", "expires_in": 1})))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {"success": true}})))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri(), ORG, APP).client_credentials("id", "secret").build().unwrap();
    client.chatrooms().delete("r").send().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    client.chatrooms().delete("r").send().await.unwrap();
    let tokens = server.received_requests().await.unwrap().iter().filter(|r| r.url.path() == "/org/app/token").count();
    assert_eq!(tokens, 2);
}

#[tokio::test]
async fn a_failed_token_request_is_a_typed_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/org/app/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_grant", "timestamp": 1, "duration": 0, "exception": "x", "error_description": "client_secret does not match"
        })))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri(), ORG, APP).client_credentials("id", "wrong").build().unwrap();
    let e = client.chatrooms().delete("r").send().await.unwrap_err();
    assert_eq!(e.reached_server(), easemob::Reached::No, "the call itself was not sent");
    let easemob::Error::Token(inner) = e else { panic!("expected a token error, got {e:?}") };
    let e = easemob_tests::api_error::<()>(Err(*inner));
    assert_eq!(e.operation, "tokens_get_app_token", "the token is fetched through the spec's own token operation");
    assert_eq!(e.status, 400);
    assert_eq!(e.code, Some(ErrorCode::InvalidGrant));
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "the call itself is not sent without a token");
}

#[tokio::test]
async fn hostile_ids_stay_one_path_segment() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"announcement":"x"}}"#).await;
    h.client.chatrooms().get_announcement("a/../b?c=1#frag%2F").send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/a%2F..%2Fb%3Fc%3D1%23frag%252F/announcement", "", None).await;
}

#[tokio::test]
async fn dot_segments_and_empty_ids_are_refused() {
    let h = Harness::start().await;
    for id in ["..", ".", ""] {
        let e = invalid_input(h.client.chatrooms().delete(id).send().await);
        assert_eq!(e.field, "chatroom_id");
    }
    let e = invalid_input(h.client.chatroom_members().remove_batch("r", ["a", "b,c"]).send().await);
    assert!(e.rule.contains("contains `,`"), "{}", e.rule);
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn non_json_success_is_a_decode_error() {
    let h = Harness::start().await;
    h.reply(200, "<html>gateway</html>").await;
    match h.client.chatrooms().delete("r").send().await {
        Err(Error::Decode(e)) => {
            assert_eq!(e.operation, "chatrooms_delete");
            assert_eq!(e.status, 200);
            assert!(e.raw_body.contains("gateway"));
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_payload_of_the_wrong_shape_names_where() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"success":{"nested":1}}}"#).await;
    match h.client.chatrooms().delete("r").send().await {
        Err(Error::Decode(e)) => assert!(e.message.contains("data.success"), "{}", e.message),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_html_error_page_keeps_its_text() {
    let h = Harness::start().await;
    h.reply(502, "<html><body>Bad Gateway</body></html>").await;
    let e = easemob_tests::api_error(h.client.chatrooms().delete("r").send().await);
    assert_eq!(e.status, 502);
    assert_eq!(e.code, None);
    assert!(e.raw_body.contains("Bad Gateway"));
    assert!(e.to_string().contains("HTTP 502"), "{e}");
}

#[tokio::test]
async fn envelope_fields_of_the_wrong_type_are_dropped_not_fatal() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"success":true},"count":"many","timestamp":{"x":1},"duration":5}"#).await;
    let r = h.client.chatrooms().delete("r").send().await.unwrap();
    assert!(r.success);
    assert_eq!(r.meta.count, None);
    assert_eq!(r.meta.timestamp, None);
    assert_eq!(r.meta.duration, Some(5));
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("x".repeat(4096)))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri(), ORG, APP).app_token("t").max_body_size(1024).build().unwrap();
    match client.chatrooms().get_announcement("r").send().await {
        Err(Error::Transport(e)) => assert_eq!(e.kind, TransportErrorKind::TooLarge),
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn nothing_listening_is_a_connect_error() {
    // Bind then drop a listener to get a port that refuses connections. On
    // 127.0.0.2, where no other test listens, so the port cannot be taken
    // by a concurrent test's server in between.
    let port = std::net::TcpListener::bind("127.0.0.2:0").unwrap().local_addr().unwrap().port();
    let client = Client::builder(format!("http://127.0.0.2:{port}"), ORG, APP).app_token("t").build().unwrap();
    match client.chatrooms().delete("r").send().await {
        Err(Error::Transport(e)) => {
            assert_eq!(e.kind, TransportErrorKind::Connect);
            assert_eq!(e.operation, "chatrooms_delete");
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[test]
fn bad_configuration_is_reported() {
    let e = Client::builder("ftp://a1.easemob.com", ORG, APP).app_token("t").build().unwrap_err();
    assert!(matches!(e, Error::Config(_)), "{e:?}");
    let e = Client::builder("https://a1.easemob.com", ORG, APP).build().unwrap_err();
    assert!(e.to_string().contains("no credentials"), "{e}");
    let e = Client::builder("https://a1.easemob.com", "..", APP).app_token("t").build().unwrap_err();
    assert!(matches!(e, Error::Config(_)));
    assert!(Client::builder("https://a1.easemob.com/", ORG, APP).app_token("t").build().is_ok());
}

#[test]
fn debug_output_never_shows_secrets() {
    let client = Client::builder("https://a1.easemob.com", ORG, APP)
        .client_credentials("YXA6id", "s3cr3t-value")
        .build()
        .unwrap();
    let shown = format!("{client:?}");
    assert!(!shown.contains("s3cr3t-value"), "{shown}");
    assert!(shown.contains("YXA6id"), "{shown}");
    let client = Client::builder("https://a1.easemob.com", ORG, APP).app_token("tok-123456").build().unwrap();
    let shown = format!("{client:?} {:?}", client.chatrooms().delete("r"));
    assert!(!shown.contains("tok-123456"), "{shown}");
}

#[tokio::test]
async fn limits_inside_list_items_are_checked_before_sending() {
    let h = Harness::start().await;
    let users = [easemob::users::NewUser::new("ok_user", "pw"), easemob::users::NewUser::new("u".repeat(65), "pw")];
    let e = invalid_input(h.client.users().create_batch(users).send().await);
    assert_eq!(e.field, "users.username");
    assert_eq!(e.rule, "must be at most 64 characters, got 65");
    h.expect_nothing_sent().await;
}

//! The hand-written shortcuts: App Key parsing, a client from the
//! environment, message body constructors and the uploaded file's URL.

use easemob::messages::MessageBody;
use easemob::{AppKey, Client, env};
use easemob_tests::{Harness, TOKEN, assert_request};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn an_app_key_parses_from_the_console_form() {
    let key: AppKey = " 1100221129#demo \n".parse().unwrap();
    assert_eq!((key.org(), key.app()), ("1100221129", "demo"));
    assert_eq!(key.to_string(), "1100221129#demo");
    for bad in ["1100221129", "#demo", "org#", "a#b#c", ""] {
        let e = bad.parse::<AppKey>().unwrap_err();
        assert_eq!(e.input, bad);
        assert!(e.to_string().contains("`org_name#app_name`"), "{e}");
    }
}

/// A lookup over fixed pairs, standing in for the process environment.
fn vars(pairs: &[(&'static str, String)]) -> impl Fn(&str) -> Option<String> {
    let pairs = pairs.to_vec();
    move |name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone())
}

#[tokio::test]
async fn a_client_from_the_environment_fetches_its_token_and_calls_the_app() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/org-1/app-1/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "tok-env", "expires_in": 3600})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/org-1/app-1/chatrooms/r1/announcement"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {"announcement": "hi"}})))
        .mount(&server)
        .await;
    let builder = Client::builder_from_vars(vars(&[
        (env::BASE_URL, server.uri()),
        (env::APP_KEY, "org-1#app-1".into()),
        (env::CLIENT_ID, "cid".into()),
        (env::CLIENT_SECRET, "very-secret-value".into()),
    ]))
    .unwrap();
    assert!(!format!("{builder:?}").contains("very-secret-value"));
    let client = builder.build().unwrap();
    assert_eq!(client.app_key(), AppKey::new("org-1", "app-1"));
    let r = client.chatrooms().get_announcement("r1").send().await.unwrap();
    assert_eq!(r.data.announcement, "hi");

    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 2);
    let body = json!({"grant_type": "client_credentials", "client_id": "cid", "client_secret": "very-secret-value"});
    assert_eq!(reqs[0].url.path(), "/org-1/app-1/token");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&reqs[0].body).unwrap(), body);
    assert_request(&reqs[1], "GET", "/org-1/app-1/chatrooms/r1/announcement", "", None, Some("tok-env"));
}

#[test]
fn a_client_from_the_environment_names_what_is_missing_and_never_a_secret() {
    let base = || (env::BASE_URL, "https://a1.easemob.com".to_owned());
    let key = || (env::APP_KEY, "org#app".to_owned());
    let err = |pairs: &[(&'static str, String)]| Client::builder_from_vars(vars(pairs)).unwrap_err().to_string();

    assert!(err(&[key()]).contains("EASEMOB_BASE_URL is not set"));
    assert!(err(&[base()]).contains("EASEMOB_APP_KEY is not set"));
    let e = Client::builder_from_vars(vars(&[base(), (env::APP_KEY, "orgapp".into())])).unwrap_err();
    assert!(e.to_string().contains("EASEMOB_APP_KEY is not usable"), "{e}");
    assert!(std::error::Error::source(&e).unwrap().to_string().contains("\"orgapp\""));
    assert!(err(&[base(), key()]).contains("set EASEMOB_CLIENT_ID and EASEMOB_CLIENT_SECRET, or EASEMOB_APP_TOKEN"));
    let e = err(&[base(), key(), (env::CLIENT_ID, "cid".into())]);
    assert!(e.contains("EASEMOB_CLIENT_ID is set but EASEMOB_CLIENT_SECRET is not"), "{e}");

    // A fixed token works too, and stays out of the builder's Debug.
    let b = Client::builder_from_vars(vars(&[base(), key(), (env::APP_TOKEN, "YWMt-secret-token".into())])).unwrap();
    assert!(!format!("{b:?}").contains("YWMt-secret-token"));
    b.build().unwrap();
}

#[tokio::test]
async fn message_body_shortcuts_send_the_documented_shapes() {
    let cases = [
        (MessageBody::text("hi"), json!({"type": "txt", "body": {"msg": "hi"}})),
        (
            MessageBody::image("https://h/o/a/chatfiles/u1", "cat.jpg"),
            json!({"type": "img", "body": {"url": "https://h/o/a/chatfiles/u1", "filename": "cat.jpg"}}),
        ),
        (
            MessageBody::file("https://h/o/a/chatfiles/u2", "a.pdf"),
            json!({"type": "file", "body": {"url": "https://h/o/a/chatfiles/u2", "filename": "a.pdf"}}),
        ),
        (
            MessageBody::location("39.9", "116.3", "Beijing"),
            json!({"type": "loc", "body": {"lat": "39.9", "lng": "116.3", "addr": "Beijing"}}),
        ),
        (MessageBody::command("refresh"), json!({"type": "cmd", "body": {"action": "refresh"}})),
    ];
    for (body, wire) in cases {
        let h = Harness::start().await;
        h.reply(200, r#"{"data":{"user2":"1029544257947437432"}}"#).await;
        h.client.messages().send_to_users(["user2"], body).send().await.unwrap();
        let mut expected = json!({"to": ["user2"]});
        expected.as_object_mut().unwrap().extend(wire.as_object().unwrap().clone());
        h.expect("POST", "/org/app/messages/users", "", Some(expected)).await;
    }
}

#[tokio::test]
async fn an_uploaded_file_gives_the_url_its_message_carries() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"entities":[{"uuid":"5cd74ac0-757d-11e8-9f45-8b02ce3e4c05","type":"chatfile","share-secret":"s"}]}"#,
    )
    .await;
    let up = h.client.files().upload(easemob::Upload::from_bytes("cat.jpg", &b"jpeg"[..])).send().await.unwrap();
    let url = h.client.file_url(&up[0]);
    assert_eq!(url, format!("{}/org/app/chatfiles/5cd74ac0-757d-11e8-9f45-8b02ce3e4c05", h.server.uri()));
    let reqs = h.requests().await;
    assert_eq!(reqs[0].url.path(), "/org/app/chatfiles");
    assert_eq!(reqs[0].headers.get("authorization").unwrap(), format!("Bearer {TOKEN}").as_str());
}

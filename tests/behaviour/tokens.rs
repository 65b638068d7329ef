//! `client.tokens()`: the three `POST /token` requests against the doc examples.

use easemob::{CallOptions, ErrorCode, RetryPolicy};
use easemob_tests::{Harness, TOKEN, api_error, assert_request, invalid_input};
use serde_json::json;

const APP_TOKEN: &str = "YWMte3bGuOukEeiTkNP4grL7iwAAAAAAAAAAAAAAAAAAAAGL4CTw6XgR6LaXXVmNX4QCAgMAAAFnKdc-ZgBPGgBFTrLhhyK8woMEI005emtrLJFJV6aoxsZSioSIZkr5kw";
const CLIENT_SECRET: &str = "YXA6VunqiNxoB7IwXHInk1cGiXOOJfc";
const USER_TOKEN: &str = "YWMthyeiFhbyEe2eMGeYZSLlT7sMrFep3U6BvVj7KSnNonUiDB-wFvIR7a5Ttx2-01MYAwMAAAGCfIeryQAPoAAsuveDfkUrePkEM2Hgy6SaOTeTx3ETgh5cnXcP_HfBPg";

/// One attempt only, so a documented 429 or 5xx is seen as it is.
fn once() -> CallOptions {
    CallOptions::new().retry(RetryPolicy::never())
}

/// An error body as the docs print it.
fn error_body(code: &ErrorCode, description: &str) -> String {
    json!({"error": code.as_str(), "exception": "x", "timestamp": 1542543133343_i64, "duration": 0, "error_description": description})
        .to_string()
}

const APP_TOKEN_ERRORS: &[(u16, &str, &str)] = &[
    (400, "illegal_argument", "client_id must be provided."),
    (400, "illegal_argument", "client_secret must be provided"),
    (400, "invalid_grant", "client_id does not match"),
    (400, "invalid_grant", "client_secret does not match"),
    (404, "organization_application_not_found", "Could not find application for XXX/XXX from URI: XXX/XXX/users"),
];

const USER_TOKEN_ERRORS: &[(u16, &str, &str)] = &[
    (400, "illegal_argument", "username [XXX] is not legal"),
    (400, "illegal_argument", "USERNAME_TOO_LONG"),
    (400, "invalid_grant", "user not activated"),
    (400, "invalid_grant", "invalid password"),
    (401, "unauthorized", "Unable to authenticate (OAuth)"),
    (401, "auth_bad_access_token", "Unable to authenticate due to corrupt access token"),
    (404, "invalid_grant", "user not found"),
    (404, "organization_application_not_found", "Could not find application for XXX/XXX from URI: XXX/XXX/users"),
    (404, "entity_not_found", "User null not found"),
    (409, "concurrent_operation_error", "concurrency create app user failed"),
    (
        429,
        "resource_limited",
        "You have exceeded the limit of the community edition,Please upgrade to the enterprise edition",
    ),
];

/// The typed code of a documented `error` string: always a named variant,
/// since the spec lists every code an operation documents.
fn code_of(text: &str) -> ErrorCode {
    let code = ErrorCode::from(text);
    match text {
        "illegal_argument" => assert_eq!(code, ErrorCode::IllegalArgument),
        "invalid_grant" => assert_eq!(code, ErrorCode::InvalidGrant),
        "unauthorized" => assert_eq!(code, ErrorCode::Unauthorized),
        "auth_bad_access_token" => assert_eq!(code, ErrorCode::AuthBadAccessToken),
        "organization_application_not_found" => assert_eq!(code, ErrorCode::OrganizationApplicationNotFound),
        "resource_limited" => assert_eq!(code, ErrorCode::ResourceLimited),
        "duplicate_unique_property_exists" => assert_eq!(code, ErrorCode::DuplicateUniquePropertyExists),
        "entity_not_found" => assert_eq!(code, ErrorCode::EntityNotFound),
        "required_property_not_found" => assert_eq!(code, ErrorCode::RequiredPropertyNotFound),
        "concurrent_operation_error" => assert_eq!(code, ErrorCode::ConcurrentOperationError),
        other => assert!(!matches!(&code, ErrorCode::Unknown(_)), "{other} is documented, so `ErrorCode` lists it"),
    }
    code
}

#[tokio::test]
async fn get_app_token_sends_the_doc_body_without_a_token() {
    let h = Harness::start().await;
    h.reply(200, &json!({"access_token": APP_TOKEN, "expires_in": 1024000, "application": "8be024f0-e978-11e8-b697-5d598d5f8402"}).to_string())
        .await;
    let req = h.client.tokens().get_app_token("YXA6i-Ak8Ol4Eei2l11ZjV-EAg", CLIENT_SECRET).ttl(1024000);
    let shown = format!("{req:?}");
    assert!(!shown.contains(CLIENT_SECRET), "the client secret leaked into Debug: {shown}");
    let r = req.send().await.unwrap();
    let reqs = h.requests().await;
    assert_eq!(reqs.len(), 1);
    assert_request(
        &reqs[0],
        "POST",
        "/org/app/token",
        "",
        Some(
            json!({"grant_type":"client_credentials","client_id":"YXA6i-Ak8Ol4Eei2l11ZjV-EAg","client_secret":CLIENT_SECRET,"ttl":1024000}),
        ),
        None,
    );
    assert_eq!(r.access_token.expose(), APP_TOKEN);
    assert_eq!(r.expires_in, Some(1024000));
    assert_eq!(r.application.as_deref(), Some("8be024f0-e978-11e8-b697-5d598d5f8402"));
    // The body has no envelope; what the metadata knows is read from the top level.
    assert_eq!(r.meta.application.as_deref(), Some("8be024f0-e978-11e8-b697-5d598d5f8402"));
    assert_eq!(r.status, 200);
    let shown = format!("{r:?}");
    assert!(!shown.contains(APP_TOKEN), "the access token leaked into Debug: {shown}");
}

#[tokio::test]
async fn get_app_token_without_ttl_sends_no_ttl_and_fills_in_the_grant() {
    let h = Harness::start().await;
    h.reply(200, r#"{"access_token":"t","expires_in":"0"}"#).await;
    let r = h.client.tokens().get_app_token("id", "secret").send().await.unwrap();
    let reqs = h.requests().await;
    assert_request(
        &reqs[0],
        "POST",
        "/org/app/token",
        "",
        Some(json!({"grant_type":"client_credentials","client_id":"id","client_secret":"secret"})),
        None,
    );
    assert_eq!(r.expires_in, Some(0));
    assert_eq!(r.application, None);
}

#[tokio::test]
async fn get_app_token_documented_errors_decode() {
    for &(status, code, description) in APP_TOKEN_ERRORS {
        let h = Harness::start().await;
        let code = code_of(code);
        h.reply(status, &error_body(&code, description)).await;
        let e = api_error(h.client.tokens().get_app_token("id", CLIENT_SECRET).options(once()).send().await);
        assert_eq!(e.operation, "tokens_get_app_token");
        assert_eq!(e.status, status);
        assert_eq!(e.code, Some(code));
        assert_eq!(e.description.as_deref(), Some(description));
        assert!(!format!("{e:?}").contains(CLIENT_SECRET));
    }
}

const USER_TOKEN_BODY: &str = r#"{"access_token":"YWMtrR6E","expires_in":1024000,
    "user":{"uuid":"aa471ee0-XXXX","type":"user","created":1637740861395,"modified":1637740861395,"username":"c","activated":true}}"#;

#[tokio::test]
async fn get_user_token_sends_the_password_grant_without_a_token() {
    let h = Harness::start().await;
    h.reply(200, USER_TOKEN_BODY).await;
    let req = h.client.tokens().get_user_token("c", "pw-of-c-9f8e").ttl(1024000);
    let shown = format!("{req:?}");
    assert!(!shown.contains("pw-of-c-9f8e"), "the password leaked into Debug: {shown}");
    let r = req.send().await.unwrap();
    let reqs = h.requests().await;
    assert_eq!(reqs.len(), 1);
    assert_request(
        &reqs[0],
        "POST",
        "/org/app/token",
        "",
        Some(json!({"grant_type":"password","username":"c","password":"pw-of-c-9f8e","ttl":1024000})),
        None,
    );
    assert_eq!(r.access_token.expose(), "YWMtrR6E");
    assert_eq!(r.expires_in, Some(1024000));
    let user = r.user.as_ref().unwrap();
    assert_eq!(user.username, "c");
    assert_eq!(user.uuid.as_deref(), Some("aa471ee0-XXXX"));
    assert_eq!(user.entity_type.as_deref(), Some("user"));
    assert_eq!(user.created, Some(easemob::Timestamp::from_unix_millis(1637740861395)));
    assert_eq!(user.modified, Some(easemob::Timestamp::from_unix_millis(1637740861395)));
    assert_eq!(user.activated, Some(true));
    assert!(!format!("{r:?}").contains("YWMtrR6E"));
}

#[tokio::test]
async fn get_user_token_documented_errors_decode() {
    for &(status, code, description) in USER_TOKEN_ERRORS {
        let h = Harness::start().await;
        let code = code_of(code);
        h.reply(status, &error_body(&code, description)).await;
        let e = api_error(h.client.tokens().get_user_token("c", "pw").options(once()).send().await);
        assert_eq!(e.operation, "tokens_get_user_token");
        assert_eq!(e.status, status);
        assert_eq!(e.code, Some(code));
        assert_eq!(e.description.as_deref(), Some(description));
        assert_eq!(h.requests().await.len(), 1, "{status} {description}");
    }
}

#[tokio::test]
async fn get_user_token_inherit_carries_the_app_token() {
    let h = Harness::start().await;
    h.reply(
        200,
        &json!({"access_token": USER_TOKEN, "expires_in": 1024000,
                "user": {"uuid": "220c1fb0-XXXX-XXXX-ae53-b71dbed35318", "type": "user", "created": 1659946472753_i64,
                         "modified": 1659946472753_i64, "username": "test2333", "activated": true}})
        .to_string(),
    )
    .await;
    let r = h.client.tokens().get_user_token_inherit("test2333", true).ttl(1024000).send().await.unwrap();
    let reqs = h.requests().await;
    assert_eq!(reqs.len(), 1);
    assert_request(
        &reqs[0],
        "POST",
        "/org/app/token",
        "",
        Some(json!({"username":"test2333","grant_type":"inherit","autoCreateUser":true,"ttl":1024000})),
        Some(TOKEN),
    );
    assert_eq!(r.access_token.expose(), USER_TOKEN);
    assert_eq!(r.expires_in, Some(1024000));
    let user = r.user.as_ref().unwrap();
    assert_eq!(user.username, "test2333");
    assert_eq!(user.uuid.as_deref(), Some("220c1fb0-XXXX-XXXX-ae53-b71dbed35318"));
    assert_eq!(user.created, Some(easemob::Timestamp::from_unix_millis(1659946472753)));
    assert_eq!(user.activated, Some(true));
    assert!(!format!("{r:?}").contains(USER_TOKEN), "the user token leaked into Debug");
}

#[tokio::test]
async fn get_user_token_inherit_without_auto_create_sends_false() {
    let h = Harness::start().await;
    h.reply(200, USER_TOKEN_BODY).await;
    h.client.tokens().get_user_token_inherit("c", false).send().await.unwrap();
    h.expect("POST", "/org/app/token", "", Some(json!({"grant_type":"inherit","username":"c","autoCreateUser":false})))
        .await;
}

#[tokio::test]
async fn get_user_token_inherit_rejects_a_65_character_username() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.tokens().get_user_token_inherit("u".repeat(65), true).send().await);
    assert_eq!(e.operation, "tokens_get_user_token_inherit");
    assert_eq!(e.field, "username");
    assert_eq!(e.rule, "must be at most 64 characters, got 65");
    h.expect_nothing_sent().await;
    // 64 is allowed.
    h.reply(200, USER_TOKEN_BODY).await;
    h.client.tokens().get_user_token_inherit("u".repeat(64), true).send().await.unwrap();
}

#[tokio::test]
async fn get_user_token_inherit_documented_errors_decode() {
    for &(status, code, description) in USER_TOKEN_ERRORS {
        let h = Harness::start().await;
        let code = code_of(code);
        h.reply(status, &error_body(&code, description)).await;
        let e = api_error(h.client.tokens().get_user_token_inherit("c", true).options(once()).send().await);
        assert_eq!(e.operation, "tokens_get_user_token_inherit");
        assert_eq!(e.status, status);
        assert_eq!(e.code, Some(code));
        assert_eq!(e.description.as_deref(), Some(description));
    }
}

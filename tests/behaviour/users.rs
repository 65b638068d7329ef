//! `client.users()`: every operation against the doc examples.

use easemob::users::{NewUser, OfflineMessageStatus, UserOnlineStatus};
use easemob::{CallOptions, ErrorCode, RetryPolicy};
use easemob_tests::{Harness, api_error, assert_request, invalid_input};
use futures_util::StreamExt;
use serde_json::json;
use wiremock::matchers::{query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

/// A mute of `n` seconds.
fn secs(n: u64) -> easemob::MuteDuration {
    easemob::MuteDuration::from_secs(n)
}

/// One attempt only, so a documented 429 is seen as it is.
fn once() -> CallOptions {
    CallOptions::new().retry(RetryPolicy::never())
}

/// The typed code of a documented `error` string: always a named variant,
/// since the spec lists every code an operation documents.
fn code_of(text: &str) -> ErrorCode {
    let code = ErrorCode::from(text);
    match text {
        "illegal_argument" => assert_eq!(code, ErrorCode::IllegalArgument),
        "unauthorized" => assert_eq!(code, ErrorCode::Unauthorized),
        "organization_application_not_found" => assert_eq!(code, ErrorCode::OrganizationApplicationNotFound),
        "service_resource_not_found" => assert_eq!(code, ErrorCode::ServiceResourceNotFound),
        "resource_limited" => assert_eq!(code, ErrorCode::ResourceLimited),
        "duplicate_unique_property_exists" => assert_eq!(code, ErrorCode::DuplicateUniquePropertyExists),
        "entity_not_found" => assert_eq!(code, ErrorCode::EntityNotFound),
        "required_property_not_found" => assert_eq!(code, ErrorCode::RequiredPropertyNotFound),
        "concurrent_operation_error" => assert_eq!(code, ErrorCode::ConcurrentOperationError),
        "management" => assert_eq!(code, ErrorCode::Management),
        other => assert!(!matches!(&code, ErrorCode::Unknown(_)), "{other} is documented, so `ErrorCode` lists it"),
    }
    code
}

/// Replies to each documented error in turn and checks that `$call` (with the
/// client bound to `$c`) returns it typed: status, code and description.
macro_rules! documented_errors {
    ($op:literal, $errors:expr, |$c:ident| $call:expr) => {
        for &(status, code, description) in $errors {
            let h = Harness::start().await;
            let code = code_of(code);
            let body = json!({"error": code.as_str(), "exception": "x", "timestamp": 1542543133343_i64,
                              "duration": 0, "error_description": description});
            h.reply(status, &body.to_string()).await;
            let $c = &h.client;
            let e = api_error($call.options(once()).send().await);
            assert_eq!(e.operation, $op);
            assert_eq!(e.status, status, "{description}");
            assert_eq!(e.code, Some(code), "{description}");
            assert_eq!(e.description.as_deref(), Some(description));
            assert_eq!(e.body.as_ref().and_then(|b| b.timestamp), Some(easemob::Timestamp::from_unix_millis(1542543133343)));
            assert_eq!(h.requests().await.len(), 1, "{status} {description} was sent more than once");
        }
    };
}

type Documented = &'static [(u16, &'static str, &'static str)];

const UNAUTHORIZED: (u16, &str, &str) = (401, "unauthorized", "Unable to authenticate (OAuth)");
const NO_APP: (u16, &str, &str) =
    (404, "organization_application_not_found", "Could not find application for XXX/XXX from URI: XXX/XXX/users");
const NO_USER: (u16, &str, &str) = (404, "service_resource_not_found", "Service resource not found");
const LIMITED: (u16, &str, &str) = (
    429,
    "resource_limited",
    "You have exceeded the limit of the community edition,Please upgrade to the enterprise edition",
);
const BASIC_ERRORS: Documented = &[UNAUTHORIZED, NO_APP];
const USER_ERRORS: Documented = &[UNAUTHORIZED, NO_APP, NO_USER];

const REGISTERED: &str = r#"{"action":"post","application":"8be024f0-e978-XXXX-XXXX-5d598d5f8402","path":"/users",
    "uri":"https://XXXX.com/XXXX-demo/XXXX/users",
    "entities":[{"uuid":"0ffe2d80-XXXX-XXXX-8d66-279e3e1c214b","type":"user","created":1542795196504,
                 "modified":1542795196504,"username":"user1","activated":true}],
    "timestamp":1542795196515,"duration":0,"organization":"XXXX-demo","applicationName":"XXXX"}"#;

#[tokio::test]
async fn register_open_sends_no_token_and_decodes_the_new_user() {
    let h = Harness::start().await;
    h.reply(200, REGISTERED).await;
    let r = h.client.users().register_open("user1", "123").nickname("testuser").send().await.unwrap();
    let reqs = h.requests().await;
    assert_eq!(reqs.len(), 1);
    assert_request(
        &reqs[0],
        "POST",
        "/org/app/users",
        "",
        Some(json!({"username":"user1","password":"123","nickname":"testuser"})),
        None,
    );
    assert_eq!(r.len(), 1);
    let u = &r[0];
    assert_eq!(u.username, "user1");
    assert_eq!(u.uuid.as_deref(), Some("0ffe2d80-XXXX-XXXX-8d66-279e3e1c214b"));
    assert_eq!(u.entity_type.as_deref(), Some("user"));
    assert_eq!(
        (u.created, u.modified),
        (
            Some(easemob::Timestamp::from_unix_millis(1542795196504)),
            Some(easemob::Timestamp::from_unix_millis(1542795196504))
        )
    );
    assert_eq!(u.activated, Some(true));
    assert_eq!(u.nickname, None);
    assert_eq!(r.meta.action.as_deref(), Some("post"));
    assert_eq!(r.meta.path.as_deref(), Some("/users"));
    assert_eq!(r.meta.organization.as_deref(), Some("XXXX-demo"));
    assert_eq!(r.meta.application_name.as_deref(), Some("XXXX"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542795196515)));
}

#[tokio::test]
async fn register_open_checks_username_and_nickname_length() {
    let h = Harness::start().await;
    let users = h.client.users();
    let e = invalid_input(users.register_open("a".repeat(65), "pw").send().await);
    assert_eq!(
        (e.operation, e.field, e.rule.as_str()),
        ("users_register_open", "username", "must be at most 64 characters, got 65")
    );
    let e = invalid_input(users.register_open("a", "pw").nickname("昵".repeat(101)).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("nickname", "must be at most 100 characters, got 101"));
    h.expect_nothing_sent().await;
}

const REGISTER_ERRORS: Documented = &[
    (400, "illegal_argument", "username XXX is not legal"),
    (400, "illegal_argument", "USERNAME_TOO_LONG"),
    (400, "illegal_argument", "password or pin must provided"),
    (400, "illegal_argument", "NICKNAME_TOO_LONG"),
    (
        400,
        "duplicate_unique_property_exists",
        "Application XXX Entity user requires that property named username be unique, value of XXX exists",
    ),
    UNAUTHORIZED,
    NO_APP,
    LIMITED,
];

#[tokio::test]
async fn register_open_documented_errors_decode() {
    documented_errors!("users_register_open", REGISTER_ERRORS, |c| c.users().register_open("user1", "123"));
}

#[tokio::test]
async fn create_sends_one_object_with_the_app_token() {
    let h = Harness::start().await;
    h.reply(200, REGISTERED).await;
    let r = h.client.users().create("user1", "123").send().await.unwrap();
    h.expect("POST", "/org/app/users", "", Some(json!({"username":"user1","password":"123"}))).await;
    assert_eq!(r[0].username, "user1");
    assert_eq!(r[0].activated, Some(true));
    assert_eq!(r.meta.application.as_deref(), Some("8be024f0-e978-XXXX-XXXX-5d598d5f8402"));
}

#[tokio::test]
async fn create_sends_the_nickname_when_set_and_checks_limits() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.users().create("u".repeat(65), "pw").send().await);
    assert_eq!(
        (e.operation, e.field, e.rule.as_str()),
        ("users_create", "username", "must be at most 64 characters, got 65")
    );
    let e = invalid_input(h.client.users().create("u", "pw").nickname("n".repeat(101)).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("nickname", "must be at most 100 characters, got 101"));
    h.expect_nothing_sent().await;
    h.reply(200, REGISTERED).await;
    h.client.users().create("user1", "123").nickname("n".repeat(100)).send().await.unwrap();
    h.expect(
        "POST",
        "/org/app/users",
        "",
        Some(json!({"username":"user1","password":"123","nickname":"n".repeat(100)})),
    )
    .await;
}

#[tokio::test]
async fn create_documented_errors_decode() {
    let mut errors = REGISTER_ERRORS.to_vec();
    errors.push((401, "unauthorized", "token is illegal."));
    errors.push((401, "unauthorized", "Open registration doesn't allow, so register user need token"));
    documented_errors!("users_create", &errors, |c| c.users().create("user1", "123"));
}

#[tokio::test]
async fn create_batch_sends_an_array_and_reports_failures() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"22bcffa0-XXXX-XXXX-9df8-516f6df68c6d","path":"/users","uri":"https://XXXX/XXXX/XXXX/testapp/users",
            "entities":[{"uuid":"278b5e60-XXXX-XXXX-8f9b-d5d83ebec806","type":"user","created":1541587920710,"modified":1541587920710,"username":"user1","activated":true},
                        {"uuid":"278bac80-XXXX-XXXX-b192-73e4cd5078a5","type":"user","created":1541587920712,"modified":1541587920712,"username":"user2","activated":true}],
            "timestamp":1541587920714,"data":[{"username":"user3","registerUserFailReason":"the user3 already exists"}],
            "duration":0,"organization":"XXXX","applicationName":"XXXX"}"#,
    )
    .await;
    let users = [NewUser::new("user1", "123"), NewUser::new("user2", "456"), NewUser::new("user3", "789")];
    let r = h.client.users().create_batch(users).send().await.unwrap();
    h.expect(
        "POST",
        "/org/app/users",
        "",
        Some(json!([{"username":"user1","password":"123"},{"username":"user2","password":"456"},{"username":"user3","password":"789"}])),
    )
    .await;
    let created = r.created.as_ref().unwrap();
    assert_eq!(created.len(), 2);
    assert_eq!(created[1].username, "user2");
    assert_eq!(created[1].created, Some(easemob::Timestamp::from_unix_millis(1541587920712)));
    let failed = r.failed.as_ref().unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].username, "user3");
    assert_eq!(failed[0].reason.as_deref(), Some("the user3 already exists"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1541587920714)));
    assert_eq!(r.meta.action.as_deref(), Some("post"));
    assert_eq!(r.meta.organization.as_deref(), Some("XXXX"));
}

#[tokio::test]
async fn create_batch_with_no_failures_has_an_empty_list() {
    let h = Harness::start().await;
    h.reply(200, r#"{"entities":[{"username":"user1","activated":true}],"data":[]}"#).await;
    let r = h.client.users().create_batch([NewUser::new("user1", "123")]).send().await.unwrap();
    assert_eq!(r.created.as_ref().map(Vec::len), Some(1));
    assert_eq!(r.failed, Some(vec![]));
}

#[tokio::test]
async fn create_batch_takes_1_to_60_users() {
    let h = Harness::start().await;
    let many: Vec<NewUser> = (0..61).map(|i| NewUser::new(format!("user{i}"), "pw")).collect();
    let e = invalid_input(h.client.users().create_batch(many).send().await);
    assert_eq!(
        (e.operation, e.field, e.rule.as_str()),
        ("users_create_batch", "users", "takes at most 60 items per call, got 61")
    );
    let e = invalid_input(h.client.users().create_batch(Vec::<NewUser>::new()).send().await);
    assert_eq!(e.rule, "needs at least 1 item(s), got 0");
    h.expect_nothing_sent().await;
    h.reply(200, r#"{"entities":[],"data":[]}"#).await;
    let sixty: Vec<NewUser> = (0..60).map(|i| NewUser::new(format!("user{i}"), "pw")).collect();
    h.client.users().create_batch(sixty).send().await.unwrap();
}

#[tokio::test]
async fn create_batch_documented_errors_decode() {
    const ERRORS: Documented = &[
        (400, "illegal_argument", "username XXX is not legal"),
        (400, "illegal_argument", "USERNAME_TOO_LONG"),
        (400, "illegal_argument", "password or pin must provided"),
        (400, "duplicate_unique_property_exists", "the same user XXX has a different password, the passwords are XXX"),
        (
            400,
            "illegal_argument",
            "Request body array size[XXX] had almost reached or been greater than the upper range value[XXX]",
        ),
        UNAUTHORIZED,
        NO_APP,
        LIMITED,
    ];
    documented_errors!("users_create_batch", ERRORS, |c| c.users().create_batch([NewUser::new("user1", "123")]));
}

#[tokio::test]
async fn passwords_never_show_in_debug_output() {
    let h = Harness::start().await;
    let users = h.client.users();
    let secret = "s3cret-Pa55word";
    for shown in [
        format!("{:?}", users.register_open("u1", secret)),
        format!("{:?}", users.create("u1", secret)),
        format!("{:?}", users.create_batch([NewUser::new("u1", secret), NewUser::new("u2", secret)])),
        format!("{:?}", NewUser::new("u1", secret)),
        format!("{:?}", users.reset_password("u1", secret)),
    ] {
        assert!(!shown.contains(secret), "a password leaked into Debug: {shown}");
        assert!(shown.contains("Secret(***)"), "{shown}");
    }
    // What goes over the wire is the real password.
    h.reply(200, r#"{"action":"set user password","timestamp":1542595598924,"duration":8}"#).await;
    users.reset_password("u1", secret).send().await.unwrap();
    h.expect("PUT", "/org/app/users/u1/password", "", Some(json!({"newpassword": secret}))).await;
}

#[tokio::test]
async fn get_decodes_the_user_and_its_push_fields() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","path":"/users","uri":"https://XXXX/XXXX/XXXX/users/XXXX",
            "entities":[{"uuid":"0ffe2d80-XXXX-XXXX-8d66-279e3e1c214b","type":"user","created":1542795196504,"modified":1542795196504,
                         "username":"XXXX","activated":true,"nickname":"testuser"}],
            "timestamp":1542798985011,"duration":6,"count":1}"#,
    )
    .await;
    let r = h.client.users().get("XXXX").send().await.unwrap();
    h.expect("GET", "/org/app/users/XXXX", "", None).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].username, "XXXX");
    assert_eq!(r[0].nickname.as_deref(), Some("testuser"));
    assert_eq!(r.meta.count, Some(1));
    assert_eq!(r.meta.duration, Some(6));
    assert_eq!(r.meta.uri.as_deref(), Some("https://XXXX/XXXX/XXXX/users/XXXX"));
}

#[tokio::test]
async fn get_reads_optional_push_fields_in_either_form() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"entities":[{"username":"u1","notification_display_style":1,"notification_no_disturbing":true,
            "notification_no_disturbing_start":"8","notification_no_disturbing_end":18,
            "notification_ignore_63112447328257":true,"notifier_name":"cert","device_token":"dt"}]}"#,
    )
    .await;
    let r = h.client.users().get("u1").send().await.unwrap();
    let u = &r[0];
    assert_eq!(u.notification_display_style, Some(1));
    assert_eq!(u.notification_no_disturbing, Some(true));
    // Documented as String, returned as a number by older pages: both decode.
    assert_eq!(u.notification_no_disturbing_start.as_deref(), Some("8"));
    assert_eq!(u.notification_no_disturbing_end.as_deref(), Some("18"));
    assert_eq!(u.notifier_name.as_deref(), Some("cert"));
    assert_eq!(u.device_token.as_deref(), Some("dt"));
}

#[tokio::test]
async fn get_documented_errors_decode() {
    documented_errors!("users_get", USER_ERRORS, |c| c.users().get("XXXX"));
}

const LIST_PAGE: &str = r#"{"action":"get","params":{"limit":["2"]},"path":"/users","uri":"https://XXXX/XXXX/XXXX/users",
    "entities":[{"uuid":"ab90eff0-XXXX-XXXX-9174-8f161649a182","type":"user","created":1542356511855,"modified":1542356511855,"username":"XXXX","activated":true,"nickname":"user1"},
                {"uuid":"b2aade90-XXXX-XXXX-a974-f3368f82e4f1","type":"user","created":1542356523769,"modified":1542356523769,"username":"user2","activated":true,"nickname":"user2"}],
    "timestamp":1542558467056,"duration":11,"cursor":"LTgzXXXX2tB","count":2}"#;

#[tokio::test]
async fn list_sends_limit_and_cursor_and_keeps_the_next_cursor() {
    let h = Harness::start().await;
    h.reply(200, LIST_PAGE).await;
    let r = h.client.users().list().limit(2).cursor("LTgzXXXX2tB").send().await.unwrap();
    h.expect("GET", "/org/app/users", "limit=2&cursor=LTgzXXXX2tB", None).await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].nickname.as_deref(), Some("user1"));
    assert_eq!(r[1].username, "user2");
    assert_eq!(r.meta.cursor.as_deref(), Some("LTgzXXXX2tB"));
    assert_eq!(r.meta.count, Some(2));
    assert_eq!(r.meta.params.as_ref().unwrap()["limit"], vec!["2".to_owned()]);
}

#[tokio::test]
async fn list_walks_pages_until_the_cursor_is_gone() {
    let h = Harness::start().await;
    Mock::given(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(LIST_PAGE, "application/json"))
        .mount(&h.server)
        .await;
    Mock::given(query_param("cursor", "LTgzXXXX2tB"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"action":"get","params":{"cursor":["LTgzXXXX2tB"],"limit":["2"]},"entities":[{"username":"user3","activated":true}],"count":1}"#,
            "application/json",
        ))
        .mount(&h.server)
        .await;
    let names: Vec<String> =
        h.client.users().list().limit(2).items().map(|u| u.unwrap().username.into_string()).collect().await;
    assert_eq!(names, ["XXXX", "user2", "user3"]);
    let queries: Vec<String> = h.requests().await.iter().map(|r| r.url.query().unwrap_or("").to_owned()).collect();
    assert_eq!(queries, ["limit=2", "limit=2&cursor=LTgzXXXX2tB"]);
}

#[tokio::test]
async fn list_rejects_a_zero_limit() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.users().list().limit(0).send().await);
    assert_eq!((e.operation, e.field, e.rule.as_str()), ("users_list", "limit", "must be at least 1, got 0"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_documented_errors_decode() {
    documented_errors!("users_list", BASIC_ERRORS, |c| c.users().list());
}

#[tokio::test]
async fn delete_returns_the_deleted_user() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","application":"8be024f0-XXXX-XXXX-b697-5d598d5f8402","path":"/users","uri":"https://XXXX/XXXX/XXXX/users",
            "entities":[{"uuid":"ab90eff0-XXXX-XXXX-9174-8f161649a182","type":"user","created":1542356511855,"modified":1542356511855,
                         "username":"XXXX","activated":true,"nickname":"user1"}],
            "timestamp":1542559539776,"duration":39,"organization":"XXXX","applicationName":"XXXX"}"#,
    )
    .await;
    let r = h.client.users().delete("user1").send().await.unwrap();
    h.expect("DELETE", "/org/app/users/user1", "", None).await;
    assert_eq!(r[0].username, "XXXX");
    assert_eq!(r[0].nickname.as_deref(), Some("user1"));
    assert_eq!(r.meta.action.as_deref(), Some("delete"));
    assert_eq!(r.meta.duration, Some(39));
}

#[tokio::test]
async fn delete_documented_errors_decode() {
    const ERRORS: Documented =
        &[(400, "management", "User with id null does not exist in app XXX"), UNAUTHORIZED, NO_APP, NO_USER];
    documented_errors!("users_delete", ERRORS, |c| c.users().delete("user1"));
}

#[tokio::test]
async fn delete_batch_sends_limit_and_keeps_the_cursor() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","application":"8be024f0-XXXX-XXXX-b697-5d598d5f8402","params":{"limit":["2"]},"path":"/users",
            "uri":"https://XXXX/XXXX/testapp/users",
            "entities":[{"uuid":"b2aade90-XXXX-XXXX-a974-f3368f82e4f1","type":"user","created":1542356523769,"modified":1542597334500,"username":"user2","activated":true,"nickname":"testuser"},
                        {"uuid":"b98ad170-XXXX-XXXX-XXXX-7f76daa76557","type":"user","created":1542356535303,"modified":1542356535303,"username":"user3","activated":true,"nickname":"user3"}],
            "timestamp":1542867197779,"duration":504,"organization":"XXXX","applicationName":"testapp","cursor":"LTgXXXXDNR"}"#,
    )
    .await;
    let r = h.client.users().delete_batch().limit(2).send().await.unwrap();
    h.expect("DELETE", "/org/app/users", "limit=2", None).await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].modified, Some(easemob::Timestamp::from_unix_millis(1542597334500)));
    assert_eq!(r[1].username, "user3");
    assert_eq!(r.meta.cursor.as_deref(), Some("LTgXXXXDNR"));
    assert_eq!(r.meta.application_name.as_deref(), Some("testapp"));
}

#[tokio::test]
async fn delete_batch_sends_the_cursor_and_checks_the_limit() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.users().delete_batch().limit(101).send().await);
    assert_eq!(
        (e.operation, e.field, e.rule.as_str()),
        ("users_delete_batch", "limit", "must be from 1 to 100, got 101")
    );
    let e = invalid_input(h.client.users().delete_batch().limit(0).send().await);
    assert_eq!(e.rule, "must be from 1 to 100, got 0");
    h.expect_nothing_sent().await;
    h.reply(200, r#"{"action":"delete","entities":[]}"#).await;
    h.client.users().delete_batch().limit(100).cursor("LTgXXXXDNR").send().await.unwrap();
    h.expect("DELETE", "/org/app/users", "limit=100&cursor=LTgXXXXDNR", None).await;
}

#[tokio::test]
async fn delete_batch_documented_errors_decode() {
    documented_errors!("users_delete_batch", BASIC_ERRORS, |c| c.users().delete_batch());
}

#[tokio::test]
async fn reset_password_puts_the_new_password() {
    let h = Harness::start().await;
    h.reply(200, r#"{"action":"set user password","timestamp":1542595598924,"duration":8}"#).await;
    let r = h.client.users().reset_password("user1", "<YourPassword>").send().await.unwrap();
    h.expect("PUT", "/org/app/users/user1/password", "", Some(json!({"newpassword":"<YourPassword>"}))).await;
    assert_eq!(r.meta.action.as_deref(), Some("set user password"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542595598924)));
    assert_eq!(r.meta.duration, Some(8));
}

#[tokio::test]
async fn reset_password_documented_errors_decode() {
    const ERRORS: Documented = &[
        (400, "illegal_argument", "newpassword is required"),
        UNAUTHORIZED,
        NO_APP,
        (404, "entity_not_found", "User null not found"),
    ];
    documented_errors!("users_reset_password", ERRORS, |c| c.users().reset_password("user1", "pw"));
}

#[tokio::test]
async fn deactivate_posts_no_body_and_returns_the_banned_user() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"Deactivate user","entities":[{"uuid":"4759aa70-XXXX-XXXX-925f-6fa0510823ba","type":"user","created":1542595573399,
            "modified":1542597578147,"username":"user1","activated":false,"nickname":"user"}],"timestamp":1542602157258,"duration":12}"#,
    )
    .await;
    let r = h.client.users().deactivate("user1").send().await.unwrap();
    h.expect("POST", "/org/app/users/user1/deactivate", "", None).await;
    assert_eq!(r[0].username, "user1");
    assert_eq!(r[0].activated, Some(false));
    assert_eq!(r[0].modified, Some(easemob::Timestamp::from_unix_millis(1542597578147)));
    assert_eq!(r.meta.action.as_deref(), Some("Deactivate user"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542602157258)));
}

#[tokio::test]
async fn deactivate_documented_errors_decode() {
    documented_errors!("users_deactivate", USER_ERRORS, |c| c.users().deactivate("user1"));
}

#[tokio::test]
async fn activate_posts_no_body() {
    let h = Harness::start().await;
    h.reply(200, r#"{"action":"activate user","timestamp":1542602404132,"duration":9}"#).await;
    let r = h.client.users().activate("user1").send().await.unwrap();
    h.expect("POST", "/org/app/users/user1/activate", "", None).await;
    assert_eq!(r.meta.action.as_deref(), Some("activate user"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542602404132)));
    assert_eq!(r.meta.duration, Some(9));
}

#[tokio::test]
async fn activate_documented_errors_decode() {
    documented_errors!("users_activate", USER_ERRORS, |c| c.users().activate("user1"));
}

#[tokio::test]
async fn disconnect_is_a_get_with_a_result() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","uri":"https://XXXX/XXXX/XXXX/users/user1/disconnect","entities":[],"data":{"result":true},"timestamp":1542602601332,"duration":6,"count":0}"#,
    )
    .await;
    let r = h.client.users().disconnect("user1").send().await.unwrap();
    h.expect("GET", "/org/app/users/user1/disconnect", "", None).await;
    assert!(r.result);
    assert_eq!(r.meta.count, Some(0));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542602601332)));
}

#[tokio::test]
async fn disconnect_documented_errors_decode() {
    documented_errors!("users_disconnect", BASIC_ERRORS, |c| c.users().disconnect("user1"));
}

#[tokio::test]
async fn disconnect_device_is_a_delete_reading_data_result() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"uri":"https://XXX/XXX/XXX","timestamp":1709865422596,"organization":"XXX","application":"6b58d05d-XXXX","entities":[],
            "action":"delete","data":{"result":true},"duration":0,"applicationName":"90"}"#,
    )
    .await;
    let r = h.client.users().disconnect_device("user1", "android_123423453246").send().await.unwrap();
    h.expect("DELETE", "/org/app/users/user1/disconnect/android_123423453246", "", None).await;
    assert!(r.result);
    assert_eq!(r.meta.action.as_deref(), Some("delete"));
    assert_eq!(r.meta.application_name.as_deref(), Some("90"));
}

#[tokio::test]
async fn disconnect_device_404_example_decodes() {
    let h = Harness::start().await;
    h.reply(
        404,
        r#"{"error":"service_resource_not_found","exception":"UserNotFoundException","timestamp":1709867821788,"duration":0,"error_description":"Service resource not found"}"#,
    )
    .await;
    let e = api_error(h.client.users().disconnect_device("nobody", "web_1").send().await);
    assert_eq!(e.status, 404);
    assert_eq!(e.code, Some(ErrorCode::ServiceResourceNotFound));
    assert_eq!(e.exception.as_deref(), Some("UserNotFoundException"));
    assert_eq!(e.description.as_deref(), Some("Service resource not found"));
    assert_eq!(e.body.as_ref().and_then(|b| b.timestamp), Some(easemob::Timestamp::from_unix_millis(1709867821788)));
}

#[tokio::test]
async fn disconnect_device_documented_errors_decode() {
    documented_errors!("users_disconnect_device", USER_ERRORS, |c| c.users().disconnect_device("user1", "ios_1"));
}

#[tokio::test]
async fn list_resources_decodes_the_devices() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"path":"/users/XXXX/resources","uri":"https://XXXX/XXXX/XXXX/users/XXXX/resources","timestamp":1692325141777,"organization":"XXXX",
            "application":"0XXXX4","entities":[],"action":"get",
            "data":[{"res":"android_XXXX","device_uuid":"2a54-XXXX","device_name":"HUAWEI-XXXX"}],"duration":0,"applicationName":"chatdemoui"}"#,
    )
    .await;
    let r = h.client.users().list_resources("XXXX").send().await.unwrap();
    h.expect("GET", "/org/app/users/XXXX/resources", "", None).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].resource_id, "android_XXXX");
    assert_eq!(r[0].device_uuid.as_deref(), Some("2a54-XXXX"));
    assert_eq!(r[0].device_name.as_deref(), Some("HUAWEI-XXXX"));
    assert_eq!(r.meta.path.as_deref(), Some("/users/XXXX/resources"));
    assert_eq!(r.meta.application_name.as_deref(), Some("chatdemoui"));
}

#[tokio::test]
async fn list_resources_documented_errors_decode() {
    documented_errors!("users_list_resources", BASIC_ERRORS, |c| c.users().list_resources("XXXX"));
}

#[tokio::test]
async fn get_status_maps_the_user_to_its_status() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","uri":"https://XXXX/XXXX/XXXX/users/user1/status","entities":[],"data":{"user1":"offline"},"timestamp":1542601284531,"duration":4,"count":0}"#,
    )
    .await;
    let r = h.client.users().get_status("user1").send().await.unwrap();
    h.expect("GET", "/org/app/users/user1/status", "", None).await;
    assert_eq!(r["user1"], UserOnlineStatus::Offline);
    assert_eq!(r.meta.count, Some(0));
}

#[tokio::test]
async fn get_status_documented_errors_decode() {
    documented_errors!("users_get_status", BASIC_ERRORS, |c| c.users().get_status("user1"));
}

#[tokio::test]
async fn get_status_batch_posts_the_usernames() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get batch user status","data":[{"user1":"offline"},{"user2":"online"}],"timestamp":1552280231926,"duration":4}"#,
    )
    .await;
    let r = h.client.users().get_status_batch(["user1", "user2"]).send().await.unwrap();
    h.expect("POST", "/org/app/users/batch/status", "", Some(json!({"usernames":["user1","user2"]}))).await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[0]["user1"], UserOnlineStatus::Offline);
    assert_eq!(r[1]["user2"], UserOnlineStatus::Online);
    assert_eq!(r.meta.action.as_deref(), Some("get batch user status"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1552280231926)));
}

#[tokio::test]
async fn get_status_batch_takes_1_to_100_users() {
    let h = Harness::start().await;
    let many: Vec<String> = (0..101).map(|i| format!("user{i}")).collect();
    let e = invalid_input(h.client.users().get_status_batch(many).send().await);
    assert_eq!(
        (e.operation, e.field, e.rule.as_str()),
        ("users_get_status_batch", "usernames", "takes at most 100 items per call, got 101")
    );
    let e = invalid_input(h.client.users().get_status_batch(Vec::<String>::new()).send().await);
    assert_eq!(e.rule, "needs at least 1 item(s), got 0");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn get_status_batch_documented_errors_decode() {
    const ERRORS: Documented =
        &[(400, "illegal_argument", "request body exceeds maximum limit, maximum limit is 100"), UNAUTHORIZED, NO_APP];
    documented_errors!("users_get_status_batch", ERRORS, |c| c.users().get_status_batch(["user1"]));
}

#[tokio::test]
async fn set_global_mute_sends_the_durations_and_reads_ok() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"path":"/mutes","uri":"https://XXXX/XXXX/XXXX/mutes","timestamp":1631609754727,"organization":"XXXX",
            "application":"357169f0-XXXX-XXXX-9b3a-f1af649cc48d","action":"post","data":{"result":"ok"},"duration":74,"applicationName":"XXXX"}"#,
    )
    .await;
    let r = h
        .client
        .users()
        .set_global_mute("zs1")
        .chat(secs(100))
        .groupchat(secs(100))
        .chatroom(secs(100))
        .send()
        .await
        .unwrap();
    h.expect("POST", "/org/app/mutes", "", Some(json!({"username":"zs1","chat":100,"groupchat":100,"chatroom":100})))
        .await;
    assert!(r.result);
    assert_eq!(r.meta.path.as_deref(), Some("/mutes"));
    assert_eq!(r.meta.duration, Some(74));
}

#[tokio::test]
async fn set_global_mute_sends_only_the_kinds_set() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"result":"ok"}}"#).await;
    h.client.users().set_global_mute("zs1").chat(easemob::MuteDuration::Forever).send().await.unwrap();
    h.expect("POST", "/org/app/mutes", "", Some(json!({"username":"zs1","chat":-1}))).await;
}

#[tokio::test]
async fn set_global_mute_checks_the_durations() {
    let h = Harness::start().await;
    let users = h.client.users();
    // Below -1 cannot be expressed; above the documented maximum and
    // lengths in between whole seconds are refused.
    let e = invalid_input(users.set_global_mute("zs1").groupchat(secs(2_147_483_648)).send().await);
    assert_eq!(
        (e.operation, e.field, e.rule.as_str()),
        ("users_set_global_mute", "groupchat", "must be from -1 to 2147483647, got 2147483648")
    );
    let half = easemob::MuteDuration::For(std::time::Duration::from_millis(1500));
    let e = invalid_input(users.set_global_mute("zs1").chatroom(half).send().await);
    assert_eq!(
        (e.field, e.rule.as_str()),
        ("chatroom", "cannot be encoded as JSON: 1.5s is not a whole number of seconds")
    );
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn set_global_mute_documented_errors_decode() {
    const ERRORS: Documented =
        &[(400, "required_property_not_found", "Entity user requires a property named username"), UNAUTHORIZED, NO_APP];
    documented_errors!("users_set_global_mute", ERRORS, |c| c.users().set_global_mute("zs1").chat(secs(100)));
}

#[tokio::test]
async fn get_global_mute_decodes_the_remaining_seconds() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"path":"/mutes","uri":"https://XXXX/XXXX/XXXX/mutes","timestamp":1631609831800,"organization":"XXXX",
            "application":"357169f0-XXXX-XXXX-9b3a-f1af649cc48d","action":"get",
            "data":{"userid":"XXXX#restys_zs1","chat":96,"groupchat":96,"chatroom":96,"unixtime":1631609831},"duration":13,"applicationName":"XXXX"}"#,
    )
    .await;
    let r = h.client.users().get_global_mute("zs1").send().await.unwrap();
    h.expect("GET", "/org/app/mutes/zs1", "", None).await;
    assert_eq!(r.user_id.as_deref(), Some("XXXX#restys_zs1"));
    assert_eq!((r.chat, r.groupchat, r.chatroom), (Some(secs(96)), Some(secs(96)), Some(secs(96))));
    assert_eq!(r.unixtime, Some(1631609831));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1631609831800)));
}

#[tokio::test]
async fn get_global_mute_documented_errors_decode() {
    const ERRORS: Documented =
        &[(400, "required_property_not_found", "Entity user requires a property named username"), UNAUTHORIZED, NO_APP];
    documented_errors!("users_get_global_mute", ERRORS, |c| c.users().get_global_mute("zs1"));
}

const MUTES_PAGE: &str = r#"{"path":"/mutes","uri":"https://XXXX/XXXX/XXXX/mutes","timestamp":1631609858771,"organization":"XXXX",
    "application":"357169f0-XXXX-XXXX-9b3a-f1af649cc48d","action":"get",
    "data":{"data":[{"username":"zs2","chatroom":0},{"username":"zs1","groupchat":69},{"username":"zs1","chat":69},
                    {"username":"zs1","chatroom":69},{"username":"h2","chatroom":0},{"username":"h2","groupchat":0},{"username":"h2","chat":0}],
            "unixtime":1631609858},
    "duration":17,"applicationName":"XXXX"}"#;

#[tokio::test]
async fn list_global_mutes_reads_the_nested_entries() {
    let h = Harness::start().await;
    h.reply(200, MUTES_PAGE).await;
    let r = h.client.users().list_global_mutes().page_num(1).page_size(10).send().await.unwrap();
    h.expect("GET", "/org/app/mutes", "pageNum=1&pageSize=10", None).await;
    assert_eq!(r.len(), 7);
    assert_eq!(r[0].username, "zs2");
    assert_eq!((r[0].chat, r[0].groupchat, r[0].chatroom), (None, None, Some(easemob::MuteDuration::NONE)));
    assert_eq!((r[1].username.as_str(), r[1].groupchat), ("zs1", Some(secs(69))));
    assert_eq!((r[2].username.as_str(), r[2].chat), ("zs1", Some(secs(69))));
    assert_eq!(r[0].unixtime, None);
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1631609858771)));
    assert_eq!(r.meta.duration, Some(17));
}

#[tokio::test]
async fn list_global_mutes_reads_a_per_entry_unixtime() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"data":[{"username":"zs1","chat":69,"unixtime":1631609858771}]}}"#).await;
    let r = h.client.users().list_global_mutes().send().await.unwrap();
    h.expect("GET", "/org/app/mutes", "", None).await;
    assert_eq!(r[0].unixtime, Some(1631609858771));
}

#[tokio::test]
async fn list_global_mutes_checks_page_number_and_size() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.users().list_global_mutes().page_size(51).send().await);
    assert_eq!(
        (e.operation, e.field, e.rule.as_str()),
        ("users_list_global_mutes", "page_size", "must be from 1 to 50, got 51")
    );
    let e = invalid_input(h.client.users().list_global_mutes().page_num(0).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("page_num", "must be at least 1, got 0"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_global_mutes_documented_errors_decode() {
    documented_errors!("users_list_global_mutes", BASIC_ERRORS, |c| c.users().list_global_mutes());
}

#[tokio::test]
async fn offline_msg_count_maps_the_user_to_a_count() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","uri":"https://XXXX/XXXX/XXXX/users/user1/offline_msg_count","entities":[],"data":{"user1":0},"timestamp":1542601518137,"duration":3,"count":0}"#,
    )
    .await;
    let r = h.client.users().offline_msg_count("user1").send().await.unwrap();
    h.expect("GET", "/org/app/users/user1/offline_msg_count", "", None).await;
    assert_eq!(r["user1"], 0);
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542601518137)));
}

#[tokio::test]
async fn offline_msg_count_accepts_the_count_as_a_numeric_string() {
    let h = Harness::start().await;
    h.reply(200, r#"{"action":"get","entities":[],"data":{"user1":"3"},"count":0}"#).await;
    let r = h.client.users().offline_msg_count("user1").send().await.unwrap();
    assert_eq!(r["user1"], "3");
    assert_eq!(r["user1"].as_str().and_then(|s| s.parse::<i64>().ok()), Some(3));
}

#[tokio::test]
async fn offline_msg_count_documented_errors_decode() {
    documented_errors!("users_offline_msg_count", BASIC_ERRORS, |c| c.users().offline_msg_count("user1"));
}

#[tokio::test]
async fn offline_msg_status_maps_the_message_to_its_state() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","uri":"https://XXXX/XXXX/XXXX/users/user1/offline_msg_status/123","entities":[],"data":{"123":"delivered"},"timestamp":1542601830084,"duration":5,"count":0}"#,
    )
    .await;
    let r = h.client.users().offline_msg_status("user1", "123").send().await.unwrap();
    h.expect("GET", "/org/app/users/user1/offline_msg_status/123", "", None).await;
    assert_eq!(r["123"], OfflineMessageStatus::Delivered);
    assert_eq!(r.meta.duration, Some(5));
}

#[tokio::test]
async fn offline_msg_status_documented_errors_decode() {
    documented_errors!("users_offline_msg_status", BASIC_ERRORS, |c| c.users().offline_msg_status("user1", "123"));
}

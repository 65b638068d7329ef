//! `client.push()`: every operation against the doc examples.

use easemob::push::{PushChatType, PushNickname, PushNotifyMode, PushPlatform};
use easemob::{CallOptions, Client, ErrorCode, RetryPolicy};
use easemob_tests::{APP, Harness, ORG, api_error, assert_request, invalid_input};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

/// One attempt only, so a documented 5xx is seen as it is.
fn once() -> CallOptions {
    CallOptions::new().retry(RetryPolicy::never())
}

/// Replies to each documented error in turn and checks that `$call` (with the
/// client bound to `$c`) returns it typed: status, code and description. A
/// `None` code is an error row without one: the body carries no `error`.
macro_rules! documented_errors {
    ($op:literal, $errors:expr, |$c:ident| $call:expr) => {
        for &(status, code, description) in $errors {
            let h = Harness::start().await;
            let mut body = json!({"exception": "x", "timestamp": 1542543133343_i64, "duration": 0,
                                  "error_description": description});
            if let Some(code) = code {
                body["error"] = json!(code);
            }
            h.reply(status, &body.to_string()).await;
            let $c = &h.client;
            let e = api_error($call.options(once()).send().await);
            assert_eq!(e.operation, $op);
            assert_eq!(e.status, status, "{description}");
            assert_eq!(e.code, code.map(ErrorCode::from), "{description}");
            assert_eq!(e.description.as_deref(), Some(description));
            assert_eq!(e.body.as_ref().and_then(|b| b.timestamp), Some(easemob::Timestamp::from_unix_millis(1542543133343)));
            assert_eq!(h.requests().await.len(), 1, "{status} {description} was sent more than once");
        }
    };
}

type Documented = &'static [(u16, Option<&'static str>, &'static str)];

const UNAUTHORIZED: (u16, Option<&str>, &str) = (401, Some("unauthorized"), "Unable to authenticate (OAuth)");
const BAD_URL: (u16, Option<&str>, &str) = (404, None, "url is invalid");
/// push.md § 常见错误码, settings table.
const PUSH_ERRORS: Documented = &[
    (400, Some("RequiredPropertyNotFoundException"), "Entity user requires a property named username"),
    (400, Some("IllegalArgumentException"), "parameters is invalid : XXX"),
    UNAUTHORIZED,
    BAD_URL,
];
/// push.md § 常见错误码, template table.
const TEMPLATE_ERRORS: Documented =
    &[(400, Some("EntityNotFoundException"), "XXX template is not exist"), UNAUTHORIZED, BAD_URL];

#[test]
fn exception_names_in_the_push_tables_are_kept_as_text() {
    assert_eq!(
        ErrorCode::from("RequiredPropertyNotFoundException"),
        ErrorCode::from("RequiredPropertyNotFoundException")
    );
    assert_eq!(ErrorCode::from("EntityNotFoundException"), ErrorCode::from("EntityNotFoundException"));
}

const BOUND: &str = r#"{"timestamp":1688030642443,
    "entities":[{"device_id":"8ce08cad-9369-XXXX-XXXX-695a0d247cda",
                 "device_token":"BAEAAAAAB.jkuDmf8hRUPDgOel-zX9exVlcjS1akCWQIUA3cBbB_DprnHMeFR11PV1of1sVNKPmKdKhMB22YuO8-Z_Ksoqxo8Y",
                 "notifier_name":"104410638"}],
    "action":"put","duration":28}"#;

#[tokio::test]
async fn set_binding_sends_the_three_fields_and_lists_the_bindings() {
    let h = Harness::start().await;
    h.reply(200, BOUND).await;
    let r = h
        .client
        .push()
        .set_binding("user1", "8ce08cad-XXXX-XXXX-86c8-695a0d247cda", "104410638", "XXXX")
        .send()
        .await
        .unwrap();
    h.expect(
        "PUT",
        "/org/app/users/user1/push/binding",
        "",
        Some(json!({"device_id":"8ce08cad-XXXX-XXXX-86c8-695a0d247cda","device_token":"XXXX","notifier_name":"104410638"})),
    )
    .await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].device_id, "8ce08cad-9369-XXXX-XXXX-695a0d247cda");
    assert!(r[0].device_token.as_deref().unwrap().starts_with("BAEAAAAAB."));
    assert_eq!(r[0].notifier_name.as_deref(), Some("104410638"));
    assert_eq!(r.meta.action.as_deref(), Some("put"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1688030642443)));
    assert_eq!(r.meta.duration, Some(28));
}

#[tokio::test]
async fn set_binding_with_an_empty_token_unbinds() {
    let h = Harness::start().await;
    h.reply(200, r#"{"timestamp":1688030767345,"entities":[],"action":"put","duration":24}"#).await;
    let r = h.client.push().set_binding("user1", "dev-1", "104410638", "").send().await.unwrap();
    h.expect(
        "PUT",
        "/org/app/users/user1/push/binding",
        "",
        Some(json!({"device_id":"dev-1","device_token":"","notifier_name":"104410638"})),
    )
    .await;
    assert!(r.is_empty());
    assert_eq!(r.meta.duration, Some(24));
}

#[tokio::test]
async fn set_binding_documented_errors_decode() {
    documented_errors!("push_set_binding", PUSH_ERRORS, |c| c.push().set_binding("u", "d", "n", "t"));
}

#[tokio::test]
async fn list_bindings_decodes_every_device() {
    let h = Harness::start().await;
    // The doc's example, with the comma it is missing between the two items.
    h.reply(
        200,
        r#"{"timestamp":1688031327535,
            "entities":[{"device_id":"8ce08cad-9369-XXXX-XXXX-695a0d247cda","device_token":"BAEAAAAAB.jkuDmf8hRUPDgOel-XXXX_XXXX_Ksoqxo8Y","notifier_name":"104410638"},
                        {"device_id":"8ce08cad-9369-XXXX-XXXX-695a0d247cda","device_token":"BAEAAAAAB.jkuDmf8hRUPDgOel-XXXX_XXXX_Ksoqxo8Y","notifier_name":"104410638"}],
            "action":"get","duration":6}"#,
    )
    .await;
    let r = h.client.push().list_bindings("user1").send().await.unwrap();
    h.expect("GET", "/org/app/users/user1/push/binding", "", None).await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[1].device_token.as_deref(), Some("BAEAAAAAB.jkuDmf8hRUPDgOel-XXXX_XXXX_Ksoqxo8Y"));
    assert_eq!(r.meta.action.as_deref(), Some("get"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1688031327535)));
}

#[tokio::test]
async fn list_bindings_documented_errors_decode() {
    documented_errors!("push_list_bindings", PUSH_ERRORS, |c| c.push().list_bindings("u"));
}

#[tokio::test]
async fn set_nickname_puts_the_user_and_decodes_the_entity() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"put","application":"8be024f0-XXXX-XXXX-XXXX-5d598d5f8402","path":"/users","uri":"https://XXXX/XXXX/XXXX/users/XXXX",
            "entities":[{"uuid":"4759aa70-XXXX-XXXX-XXXX-6fa0510823ba","type":"user","created":1542595573399,"modified":1542596083687,
                         "username":"user1","activated":true,"nickname":"testuser"}],
            "timestamp":1542596083685,"duration":6,"organization":"agora-demo","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.push().set_nickname("user1", "testuser").send().await.unwrap();
    h.expect("PUT", "/org/app/users/user1", "", Some(json!({"nickname":"testuser"}))).await;
    assert_eq!(r.len(), 1);
    let u = &r[0];
    assert_eq!(u.username, "user1");
    assert_eq!(u.nickname.as_deref(), Some("testuser"));
    assert_eq!(u.activated, Some(true));
    assert_eq!(u.entity_type.as_deref(), Some("user"));
    assert_eq!(u.created, Some(easemob::Timestamp::from_unix_millis(1542595573399)));
    assert_eq!(u.modified, Some(easemob::Timestamp::from_unix_millis(1542596083687)));
    assert_eq!(r.meta.path.as_deref(), Some("/users"));
    assert_eq!(r.meta.organization.as_deref(), Some("agora-demo"));
    assert_eq!(r.meta.application_name.as_deref(), Some("testapp"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542596083685)));
}

#[tokio::test]
async fn set_nickname_rejects_101_characters() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.push().set_nickname("user1", "昵".repeat(101)).send().await);
    assert_eq!((e.operation, e.field), ("push_set_nickname", "nickname"));
    assert_eq!(e.rule, "must be at most 100 characters, got 101");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn set_nickname_documented_errors_decode() {
    documented_errors!("push_set_nickname", PUSH_ERRORS, |c| c.push().set_nickname("u", "n"));
}

#[tokio::test]
async fn set_nickname_batch_sends_an_array() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"path":"/push","uri":"http://XXX/XXX/XXX/push","timestamp":1719542740148,"organization":"XXX",
            "application":"6b58d05d-99c0-XXX-XXX-1ff3e95a3dc0",
            "entities":[{"push_nickname":"推送昵称-1","username":"user1"},{"push_nickname":"推送昵称-2","username":"user2"}],
            "action":"put","duration":0,"applicationName":"XXX"}"#,
    )
    .await;
    let r = h
        .client
        .push()
        .set_nickname_batch([PushNickname::new("user1", "推送昵称-1"), PushNickname::new("user2", "推送昵称-2")])
        .send()
        .await
        .unwrap();
    h.expect(
        "PUT",
        "/org/app/push/nickname",
        "",
        Some(json!([{"username":"user1","push_nickname":"推送昵称-1"},{"username":"user2","push_nickname":"推送昵称-2"}])),
    )
    .await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[0], PushNickname::new("user1", "推送昵称-1"));
    assert_eq!(r[1].username, "user2");
    assert_eq!(r[1].nickname, "推送昵称-2");
    assert_eq!(r.meta.path.as_deref(), Some("/push"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1719542740148)));
}

#[tokio::test]
async fn set_nickname_batch_checks_count_and_each_nickname() {
    let h = Harness::start().await;
    let many: Vec<PushNickname> = (0..51).map(|i| PushNickname::new(format!("user{i}"), "n")).collect();
    let e = invalid_input(h.client.push().set_nickname_batch(many).send().await);
    assert_eq!((e.operation, e.field), ("push_set_nickname_batch", "nicknames"));
    assert_eq!(e.rule, "takes at most 50 items per call, got 51");
    let e = invalid_input(h.client.push().set_nickname_batch(Vec::<PushNickname>::new()).send().await);
    assert_eq!(e.rule, "needs at least 1 item(s), got 0");
    let long = [PushNickname::new("user1", "ok"), PushNickname::new("user2", "x".repeat(101))];
    let e = invalid_input(h.client.push().set_nickname_batch(long).send().await);
    assert_eq!(e.field, "nicknames.nickname");
    assert_eq!(e.rule, "must be at most 100 characters, got 101");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn set_nickname_batch_send_all_splits_into_calls_of_50() {
    let h = Harness::start().await;
    h.reply(200, r#"{"entities":[{"push_nickname":"n","username":"u"}],"action":"put"}"#).await;
    let many: Vec<PushNickname> = (0..60).map(|i| PushNickname::new(format!("user{i}"), "n")).collect();
    let all = h.client.push().set_nickname_batch(many).send_all().await.unwrap();
    assert_eq!(all.len(), 2, "one answer item per call");
    let reqs = h.requests().await;
    assert_eq!(reqs.len(), 2);
    let sizes: Vec<usize> = reqs
        .iter()
        .map(|r| serde_json::from_slice::<serde_json::Value>(&r.body).unwrap().as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, vec![50, 10]);
}

#[tokio::test]
async fn set_nickname_batch_documented_errors_decode() {
    const ERRORS: Documented = &[
        (400, Some("illegal_argument"), "put user push nicknames illegal empty request body"),
        (400, Some("illegal_argument"), "put user push nicknames exceeds the limit"),
        (400, Some("illegal_argument"), "XXX push nickname length exceeds the limit"),
        UNAUTHORIZED,
    ];
    assert_eq!(ErrorCode::from("illegal_argument"), ErrorCode::IllegalArgument);
    documented_errors!("push_set_nickname_batch", ERRORS, |c| c
        .push()
        .set_nickname_batch([PushNickname::new("u", "n")]));
}

const STYLED: &str = r#"{"action":"put","application":"17d59e50-XXXX-XXXX-XXXX-0dc80c0f5e99","path":"/users","uri":"https://XXXX/XXXX/XXXX/users/XXXX",
    "entities":[{"uuid":"3b8c9890-XXXX-XXXX-XXXX-f50bf55cafad","type":"user","created":1530276298905,"modified":1534407146060,
                 "username":"user1","activated":true,"notification_display_style":1,"nickname":"testuser","notifier_name":"2882303761517426801"}],
    "timestamp":1534407146058,"duration":3,"organization":"1112171214115068","applicationName":"testapp"}"#;

#[tokio::test]
async fn set_display_style_sends_an_integer() {
    let h = Harness::start().await;
    h.reply(200, STYLED).await;
    let r = h.client.push().set_display_style("user1", 1).send().await.unwrap();
    h.expect("PUT", "/org/app/users/user1", "", Some(json!({"notification_display_style":1}))).await;
    let u = &r[0];
    assert_eq!(u.notification_display_style, Some(1));
    assert_eq!(u.nickname.as_deref(), Some("testuser"));
    assert_eq!(u.notifier_name.as_deref(), Some("2882303761517426801"));
    assert_eq!(r.meta.duration, Some(3));
    assert_eq!(r.meta.organization.as_deref(), Some("1112171214115068"));
}

#[tokio::test]
async fn set_display_style_reads_the_style_as_a_string_too() {
    let h = Harness::start().await;
    h.reply(200, r#"{"entities":[{"username":"user1","notification_display_style":"0"}]}"#).await;
    let r = h.client.push().set_display_style("user1", 0).send().await.unwrap();
    h.expect("PUT", "/org/app/users/user1", "", Some(json!({"notification_display_style":0}))).await;
    assert_eq!(r[0].notification_display_style, Some(0));
}

#[tokio::test]
async fn set_display_style_takes_only_0_or_1() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.push().set_display_style("user1", 2).send().await);
    assert_eq!((e.operation, e.field), ("push_set_display_style", "style"));
    assert_eq!(e.rule, "must be from 0 to 1, got 2");
    let e = invalid_input(h.client.push().set_display_style("user1", -1).send().await);
    assert_eq!(e.rule, "must be from 0 to 1, got -1");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn set_display_style_documented_errors_decode() {
    documented_errors!("push_set_display_style", PUSH_ERRORS, |c| c.push().set_display_style("u", 1));
}

const SETTING: &str = r#"{"path":"/users","uri":"https://XXXX/XXXX/XXXX/users/notification/user/XXXX","timestamp":1647503749918,
    "organization":"hx","application":"17fe201b-XXXX-XXXX-XXXX-1ed1ebd7b227","action":"put",
    "data":{"type":"NONE","ignoreDuration":1647590149924,"ignoreInterval":"21:30-08:00"},"duration":20,"applicationName":"hxdemo"}"#;

#[tokio::test]
async fn set_notification_sends_mode_and_do_not_disturb() {
    let h = Harness::start().await;
    h.reply(200, SETTING).await;
    let r = h
        .client
        .push()
        .set_notification("user1", PushChatType::User, "user2")
        .mode(PushNotifyMode::Off)
        .ignore_interval("21:30-08:00")
        .ignore_duration(86_400_000)
        .send()
        .await
        .unwrap();
    h.expect(
        "PUT",
        "/org/app/users/user1/notification/user/user2",
        "",
        Some(json!({"type":"NONE","ignoreInterval":"21:30-08:00","ignoreDuration":86400000})),
    )
    .await;
    assert_eq!(r.mode, Some(PushNotifyMode::Off));
    assert_eq!(r.ignore_interval.as_deref(), Some("21:30-08:00"));
    // Returned as received: the example answers with what looks like an end time.
    assert_eq!(r.ignore_duration, Some(1647590149924));
    assert_eq!(r.meta.action.as_deref(), Some("put"));
    assert_eq!(r.meta.application_name.as_deref(), Some("hxdemo"));
}

#[tokio::test]
async fn set_notification_for_a_group_sends_only_what_is_set() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"type":"AT","ignoreDuration":0,"ignoreInterval":""}}"#).await;
    let r = h.client.push().set_notification("user1", "chatgroup", "12312312321").mode("AT").send().await.unwrap();
    h.expect("PUT", "/org/app/users/user1/notification/chatgroup/12312312321", "", Some(json!({"type":"AT"}))).await;
    assert_eq!(r.mode, Some(PushNotifyMode::MentionsOnly));
    assert_eq!(r.ignore_interval.as_deref(), Some(""));
}

#[tokio::test]
async fn set_notification_with_nothing_set_sends_an_empty_object() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"type":"ALL"}}"#).await;
    let r = h.client.push().set_notification("user1", PushChatType::User, "user1").send().await.unwrap();
    h.expect("PUT", "/org/app/users/user1/notification/user/user1", "", Some(json!({}))).await;
    assert_eq!(r.mode, Some(PushNotifyMode::All));
    assert_eq!(r.ignore_duration, None);
}

#[tokio::test]
async fn set_notification_keeps_an_unknown_mode() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"type":"SOMETIMES"}}"#).await;
    let r = h.client.push().set_notification("user1", PushChatType::Group, "g1").send().await.unwrap();
    assert_eq!(r.mode, Some(PushNotifyMode::from("SOMETIMES")));
}

#[tokio::test]
async fn set_notification_limits_the_duration_to_7_days() {
    let h = Harness::start().await;
    let push = h.client.push();
    let e =
        invalid_input(push.set_notification("u", PushChatType::User, "u").ignore_duration(604_800_001).send().await);
    assert_eq!((e.operation, e.field), ("push_set_notification", "ignore_duration"));
    assert_eq!(e.rule, "must be from 0 to 604800000, got 604800001");
    let e = invalid_input(push.set_notification("u", PushChatType::User, "u").ignore_duration(-1).send().await);
    assert_eq!(e.rule, "must be from 0 to 604800000, got -1");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn set_notification_documented_errors_decode() {
    documented_errors!("push_set_notification", PUSH_ERRORS, |c| c.push().set_notification(
        "u",
        PushChatType::User,
        "u"
    ));
}

#[tokio::test]
async fn set_notification_also_decodes_the_snake_case_code() {
    let h = Harness::start().await;
    h.reply(
        400,
        r#"{"error":"required_property_not_found","exception":"RequiredPropertyNotFoundException","timestamp":1,"duration":0,"error_description":"Entity user requires a property named username"}"#,
    )
    .await;
    let e = api_error(h.client.push().set_notification("nobody", PushChatType::User, "nobody").send().await);
    assert_eq!(e.status, 400);
    assert_eq!(e.code, Some(ErrorCode::RequiredPropertyNotFound));
    assert_eq!(e.exception.as_deref(), Some("RequiredPropertyNotFoundException"));
}

#[tokio::test]
async fn get_notification_reads_a_group_setting() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"path":"/users","uri":"https://XXXX/XXXX/XXXX/users/notification/chatgroup/12312312321","timestamp":1647503749918,
            "organization":"hx","application":"17fe201b-XXXX-XXXX-XXXX-1ed1ebd7b227","action":"get",
            "data":{"type":"NONE","ignoreDuration":1647590149924,"ignoreInterval":"21:30-08:00"},"duration":20,"applicationName":"XXXX"}"#,
    )
    .await;
    let r = h.client.push().get_notification("user1", PushChatType::Group, "12312312321").send().await.unwrap();
    h.expect("GET", "/org/app/users/user1/notification/chatgroup/12312312321", "", None).await;
    assert_eq!(r.mode, Some(PushNotifyMode::Off));
    assert_eq!(r.ignore_duration, Some(1647590149924));
    assert_eq!(r.ignore_interval.as_deref(), Some("21:30-08:00"));
    assert_eq!(r.meta.action.as_deref(), Some("get"));
    assert_eq!(r.meta.uri.as_deref(), Some("https://XXXX/XXXX/XXXX/users/notification/chatgroup/12312312321"));
}

#[tokio::test]
async fn get_notification_documented_errors_decode() {
    documented_errors!("push_get_notification", PUSH_ERRORS, |c| c.push().get_notification(
        "u",
        PushChatType::Group,
        "g"
    ));
}

const LANGUAGE: &str = r#"{"path":"/users","uri":"https://XXXX/XXXX/XXXX/users/XXXX/notification/language","timestamp":1648089630244,
    "organization":"hx","application":"17fe201b-XXXX-XXXX-XXXX-1ed1ebd7b227","action":"put","data":{"language":"EU"},
    "duration":66,"applicationName":"hxdemo"}"#;

#[tokio::test]
async fn set_language_sends_the_code() {
    let h = Harness::start().await;
    h.reply(200, LANGUAGE).await;
    let r = h.client.push().set_language("user1", "EU").send().await.unwrap();
    h.expect("PUT", "/org/app/users/user1/notification/language", "", Some(json!({"translationLanguage":"EU"}))).await;
    assert_eq!(r.language.as_deref(), Some("EU"));
    assert_eq!(r.meta.duration, Some(66));
}

#[tokio::test]
async fn set_language_with_an_empty_code_turns_translation_off() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"language":""}}"#).await;
    let r = h.client.push().set_language("user1", "").send().await.unwrap();
    h.expect("PUT", "/org/app/users/user1/notification/language", "", Some(json!({"translationLanguage":""}))).await;
    assert_eq!(r.language.as_deref(), Some(""));
}

#[tokio::test]
async fn set_language_documented_errors_decode() {
    documented_errors!("push_set_language", PUSH_ERRORS, |c| c.push().set_language("u", "EU"));
}

#[tokio::test]
async fn get_language_keeps_the_copied_action() {
    let h = Harness::start().await;
    h.reply(200, LANGUAGE).await;
    let r = h.client.push().get_language("user1").send().await.unwrap();
    h.expect("GET", "/org/app/users/user1/notification/language", "", None).await;
    assert_eq!(r.language.as_deref(), Some("EU"));
    // The doc's example says `put` for this GET; it is kept as received.
    assert_eq!(r.meta.action.as_deref(), Some("put"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1648089630244)));
}

#[tokio::test]
async fn get_language_documented_errors_decode() {
    documented_errors!("push_get_language", PUSH_ERRORS, |c| c.push().get_language("u"));
}

#[tokio::test]
async fn create_template_sends_name_and_patterns() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"uri":"https://XXXX/XXXX/XXXX/notification/template","timestamp":1646989584108,"organization":"hx",
            "application":"17fe201b-XXXX-XXXX-XXXX-1ed1ebd7b227","action":"post",
            "data":{"name":"test7","createAt":1646989584124,"updateAt":1646989584124,"title_pattern":"你好,{0}","content_pattern":"推送测试,{0}"},
            "duration":26,"applicationName":"XXXX"}"#,
    )
    .await;
    let r = h.client.push().create_template("test7", "你好,{0}", "推送测试,{0}").send().await.unwrap();
    h.expect(
        "POST",
        "/org/app/notification/template",
        "",
        Some(json!({"name":"test7","title_pattern":"你好,{0}","content_pattern":"推送测试,{0}"})),
    )
    .await;
    assert_eq!(r.name, "test7");
    assert_eq!(r.created_at, Some(easemob::Timestamp::from_unix_millis(1646989584124)));
    assert_eq!(r.updated_at, Some(easemob::Timestamp::from_unix_millis(1646989584124)));
    assert_eq!(r.title_pattern.as_deref(), Some("你好,{0}"));
    assert_eq!(r.content_pattern.as_deref(), Some("推送测试,{0}"));
    assert_eq!(r.meta.action.as_deref(), Some("post"));
}

#[tokio::test]
async fn create_template_rejects_a_name_over_64_characters() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.push().create_template("t".repeat(65), "a", "b").send().await);
    assert_eq!((e.operation, e.field), ("push_create_template", "name"));
    assert_eq!(e.rule, "must be at most 64 characters, got 65");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn create_template_documented_errors_decode() {
    documented_errors!("push_create_template", TEMPLATE_ERRORS, |c| c.push().create_template("t", "a", "b"));
}

const TEMPLATE: &str = r#"{"uri":"https://XXXX/XXXX/XXXX/notification/template/XXXX","timestamp":1646989686393,"organization":"hx",
    "application":"17fe201b-XXXX-XXXX-XXXX-1ed1ebd7b227","action":"get",
    "data":{"name":"test7","createAt":1646989584124,"updateAt":1646989584124,"title_pattern":"你好,{0}","content_pattern":"推送测试,{0}"},
    "duration":11,"applicationName":"hxdemo"}"#;

#[tokio::test]
async fn get_template_decodes_the_template() {
    let h = Harness::start().await;
    h.reply(200, TEMPLATE).await;
    let r = h.client.push().get_template("test7").send().await.unwrap();
    h.expect("GET", "/org/app/notification/template/test7", "", None).await;
    assert_eq!(r.name, "test7");
    assert_eq!(r.content_pattern.as_deref(), Some("推送测试,{0}"));
    assert_eq!(r.meta.duration, Some(11));
}

#[tokio::test]
async fn get_template_documented_errors_decode() {
    documented_errors!("push_get_template", TEMPLATE_ERRORS, |c| c.push().get_template("t"));
}

#[tokio::test]
async fn set_user_template_sends_the_app_token() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"path":"/users","uri":"http://XXX/XXX/XXX/users/XXX/notification/template","timestamp":1705470003984,"organization":"XXX",
            "application":"cc7380d5-XXXX-XXXX-a93e-51d6d590b475","action":"put","data":{"templateName":"hxtest"},"duration":43,
            "applicationName":"XXX"}"#,
    )
    .await;
    let r = h.client.push().set_user_template("user1", "hxtest").send().await.unwrap();
    // The doc asks for the user's token; the client sends the app token it holds.
    h.expect("PUT", "/org/app/users/user1/notification/template", "", Some(json!({"templateName":"hxtest"}))).await;
    assert_eq!(r.template_name, "hxtest");
    assert_eq!(r.meta.duration, Some(43));
}

#[tokio::test]
async fn set_user_template_sends_a_user_token_given_for_the_call() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"templateName":"hxtest"}}"#).await;
    let user_token = CallOptions::new().bearer_token("YWMt-user1-token");
    h.client.push().set_user_template("user1", "hxtest").options(user_token.clone()).send().await.unwrap();
    let reqs = h.requests().await;
    assert_request(
        &reqs[0],
        "PUT",
        "/org/app/users/user1/notification/template",
        "",
        Some(json!({"templateName":"hxtest"})),
        Some("YWMt-user1-token"),
    );
    assert!(!format!("{user_token:?}").contains("YWMt-user1-token"), "the token is redacted in Debug");
}

#[tokio::test]
async fn a_rejected_user_token_is_returned_without_touching_the_app_token() {
    let server = wiremock::MockServer::start().await;
    Mock::given(path("/org/app/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "app-1", "expires_in": 3600})))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(json!({"error": "unauthorized", "error_description": "bad"})),
        )
        .mount(&server)
        .await;
    let client = Client::builder(server.uri(), ORG, APP).client_credentials("id", "secret").build().unwrap();
    let call = client.push().set_user_template("u", "t").options(CallOptions::new().bearer_token("user-token"));
    assert_eq!(api_error(call.send().await).status, 401);
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1, "no token fetched, no replay: the caller's token cannot be refreshed");
}

#[tokio::test]
async fn set_user_template_documented_errors_decode() {
    documented_errors!("push_set_user_template", PUSH_ERRORS, |c| c.push().set_user_template("u", "t"));
}

#[tokio::test]
async fn delete_template_returns_the_deleted_template() {
    let h = Harness::start().await;
    h.reply(200, &TEMPLATE.replace(r#""action":"get""#, r#""action":"delete""#)).await;
    let r = h.client.push().delete_template("test7").send().await.unwrap();
    h.expect("DELETE", "/org/app/notification/template/test7", "", None).await;
    assert_eq!(r.name, "test7");
    assert_eq!(r.title_pattern.as_deref(), Some("你好,{0}"));
    assert_eq!(r.meta.action.as_deref(), Some("delete"));
}

#[tokio::test]
async fn delete_template_documented_errors_decode() {
    documented_errors!("push_delete_template", TEMPLATE_ERRORS, |c| c.push().delete_template("t"));
}

#[tokio::test]
async fn set_no_disturbing_legacy_sends_hours_as_text_and_reads_them_as_numbers() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"put","path":"/users","entities":[{"username":"User1","activated":true,"notification_no_disturbing":true,"notification_no_disturbing_start":1,"notification_no_disturbing_end":3,"notification_display_style":0,"nickname":"testuser","notifier_name":"2882303761517426801"}],"timestamp":1534405429833,"duration":4}"#,
    )
    .await;
    let r = h
        .client
        .push()
        .set_no_disturbing_legacy("User1")
        .enabled(true)
        .start_hour("1")
        .end_hour("3")
        .send()
        .await
        .unwrap();
    h.expect(
        "PUT",
        "/org/app/users/User1",
        "",
        Some(json!({"notification_no_disturbing": true, "notification_no_disturbing_start": "1", "notification_no_disturbing_end": "3"})),
    )
    .await;
    assert_eq!(r[0].username, "User1");
    assert_eq!(r[0].notification_no_disturbing, Some(true));
    assert_eq!(r[0].notification_no_disturbing_start.as_deref(), Some("1"));
    assert_eq!(r.meta.path.as_deref(), Some("/users"));
}

// ---------------------------------------------------------------- offline_statistics

#[tokio::test]
async fn offline_statistics_reads_the_nested_day_and_channel_map() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"status":"OK","data":{"2024-04-02":{"HONOR":{"successCount":7218,"failCount":239},
            "HUAWEIPUSH":{"successCount":48852,"failCount":1969},"OPPOPUSH":{"successCount":66226,"failCount":3774},
            "VIVOPUSH":{"successCount":42380,"failCount":2189,"arriveCount":40559},"XIAOMIPUSH":{"successCount":23071}}}}"#,
    )
    .await;
    let r = h
        .client
        .push()
        .offline_statistics("2024-04-01", "2024-04-02")
        .platform(PushPlatform::All)
        .send()
        .await
        .unwrap();
    h.expect("GET", "/org/app/push/data/offline-push/begin/2024-04-01/end/2024-04-02", "platform=ALL", None).await;
    let day = &r["2024-04-02"];
    assert_eq!(day.len(), 5);
    assert_eq!((day["HONOR"].success, day["HONOR"].failed, day["HONOR"].arrived), (Some(7218), Some(239), None));
    assert_eq!(day["VIVOPUSH"].arrived, Some(40559));
    assert_eq!((day["XIAOMIPUSH"].success, day["XIAOMIPUSH"].failed), (Some(23071), None));
    assert_eq!(r.meta.status.as_deref(), Some("OK"));
}

#[tokio::test]
async fn offline_statistics_leaves_the_platform_to_the_server_default() {
    let h = Harness::start().await;
    h.reply(200, r#"{"status":"OK","data":{}}"#).await;
    let r = h.client.push().offline_statistics("2024-04-01", "2024-04-01").send().await.unwrap();
    h.expect("GET", "/org/app/push/data/offline-push/begin/2024-04-01/end/2024-04-01", "", None).await;
    assert!(r.is_empty());
}

#[tokio::test]
async fn offline_statistics_documented_errors_decode() {
    const ERRORS: &[easemob_tests::DocumentedError] = &[easemob_tests::UNAUTHORIZED, (403, Some("forbidden_op"), "")];
    easemob_tests::assert_documented_errors("push_offline_statistics", ERRORS, |c| async move {
        c.push().offline_statistics("2024-04-01", "2024-04-02").platform(PushPlatform::Vivo).send().await
    })
    .await;
}

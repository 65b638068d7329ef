//! `client.messages()`: every operation against the doc examples.

use easemob::ErrorCode;
use easemob::messages::{
    MessageAudioBody, MessageBody, MessageBroadcastContent, MessageBroadcastTarget, MessageChatType,
    MessageChatroomPriority, MessageCommandBody, MessageConversationType, MessageCustomBody, MessageFileBody,
    MessageImageBody, MessageImageSize, MessageLocationBody, MessageRecallRequest, MessageRewriteContent,
    MessageRewriteType, MessageRouteType, MessageStreamChunk, MessageStreamFormat, MessageTextBody, MessageType,
    MessageVideoBody,
};
use easemob_tests::{
    APP, DocumentedError, Harness, ORG, STD_401, TOKEN, UNAUTHORIZED, api_error, assert_documented_errors,
    assert_refused, invalid_input,
};
use serde_json::{Value, json};

/// The doc's answer to a one-to-one send.
const SENT_TO_USER: &str = r#"{"path":"/messages/users","uri":"https://XXXX/XXXX/XXXX/messages/users","timestamp":1657254052191,
    "organization":"XXXX","application":"e82bcc5f-XXXX-XXXX-a7c1-92de917ea2b0","action":"post",
    "data":{"user2":"1029457500870543736"},"duration":0,"applicationName":"XXXX"}"#;

/// The doc's answer to a group send (also shown for the directed group send).
const SENT_TO_GROUP: &str = r#"{"path":"/messages/chatgroups","uri":"https://XXXX/XXXX/XXXX/messages/chatgroups","timestamp":1657254052191,
    "organization":"XXXX","application":"e82bcc5f-XXXX-XXXX-a7c1-92de917ea2b0","action":"post",
    "data":{"184524748161025":"1029544257947437432"},"duration":0,"applicationName":"XXXX"}"#;

/// The doc's answer to a chatroom send.
const SENT_TO_CHATROOM: &str = r#"{"path":"/messages/chatrooms","uri":"https://XXXX/XXXX/XXXX/messages/chatrooms","timestamp":1657254052191,
    "organization":"XXXX","application":"e82bcc5f-XXXX-XXXX-a7c1-92de917ea2b0","action":"post",
    "data":{"185145305923585":"1029545553039460728"},"duration":0,"applicationName":"XXXX"}"#;

/// The flat answer of every roaming-message delete.
const ROAMING_OK: &str = r#"{"requestStatusCode":"ok","timestamp":1710309184114}"#;

fn text(msg: &str) -> MessageBody {
    MessageBody::Txt(MessageTextBody::new(msg))
}

fn users(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("user{i}")).collect()
}

fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{}", 184524748161025u64 + i as u64)).collect()
}

/// An error body as the docs print them.
fn error_body(code: Option<&str>, description: &str) -> String {
    let mut v = json!({"exception":"SomeException","timestamp":1657254052191u64,"duration":0});
    if let Some(c) = code {
        v["error"] = json!(c);
    }
    if !description.is_empty() {
        v["error_description"] = json!(description);
    }
    v.to_string()
}

/// The typed code for a wire code: a named variant when `common.yaml` lists
/// it, `Unknown` (kept as text) otherwise.
fn code(wire: &str) -> ErrorCode {
    let c = ErrorCode::from(wire);
    assert_eq!(c.as_str(), wire);
    c
}

/// Asserts that each `(status, code, description)` answer decodes into an
/// API error with that status, code and description.
async fn assert_errors<T, F, Fut>(cases: &[(u16, Option<ErrorCode>, &str)], call: F)
where
    T: std::fmt::Debug,
    F: Fn(easemob::Client) -> Fut,
    Fut: std::future::Future<Output = Result<T, easemob::Error>>,
{
    for (status, code, description) in cases {
        let h = Harness::start().await;
        let wire_code = code.as_ref().map(|c| c.as_str().to_owned());
        h.reply(*status, &error_body(wire_code.as_deref(), description)).await;
        // One attempt, so that a retryable status is seen as answered.
        let client = easemob::Client::builder(h.server.uri(), ORG, APP)
            .app_token(TOKEN)
            .retry_policy(easemob::RetryPolicy::never())
            .build()
            .unwrap();
        let e = api_error(call(client).await);
        assert_eq!(e.status, *status, "{description}");
        assert_eq!(e.code.as_ref(), code.as_ref(), "{description}");
        let expected = if description.is_empty() { None } else { Some(*description) };
        assert_eq!(e.description.as_deref(), expected);
        assert_eq!(e.exception.as_deref(), Some("SomeException"));
    }
}

fn send_errors(limit: u32) -> Vec<(u16, Option<ErrorCode>, String)> {
    let send = || Some(code("message_send_error"));
    vec![
        (400, Some(code("invalid_request_body")), "Request body is invalid. Please check body is correct.".into()),
        (400, send(), "param from can't be empty".into()),
        (400, send(), "param to can't be empty".into()),
        (400, send(), "param type can't be empty".into()),
        (400, send(), "param body can't be empty".into()),
        (400, send(), "param ext must be JSONObject".into()),
        (400, send(), format!("params to's size can't exceed limit {limit}")),
        (400, send(), "message is too large".into()),
        (401, Some(ErrorCode::Unauthorized), "Unable to authenticate (OAuth)".into()),
        (403, send(), "message send reach limit".into()),
    ]
}

fn as_cases(v: &[(u16, Option<ErrorCode>, String)]) -> Vec<(u16, Option<ErrorCode>, &str)> {
    v.iter().map(|(s, c, d)| (*s, c.clone(), d.as_str())).collect()
}

// ---------------------------------------------------------------- send_to_users

#[tokio::test]
async fn send_to_users_sends_the_doc_text_example_and_decodes_message_ids() {
    let h = Harness::start().await;
    h.reply(200, SENT_TO_USER).await;
    let r = h
        .client
        .messages()
        .send_to_users(["user2"], text("testmessages"))
        .from("user1")
        .roam_ignore_users(Vec::<String>::new())
        .ext([("em_ignore_notification", json!(true))])
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/users",
        "",
        Some(json!({"from":"user1","to":["user2"],"type":"txt","roam_ignore_users":[],
                    "body":{"msg":"testmessages"},"ext":{"em_ignore_notification":true}})),
    )
    .await;
    assert_eq!(r.len(), 1);
    assert_eq!(r["user2"], "1029457500870543736");
    assert_eq!(r.status, 200);
    assert_eq!(r.meta.path.as_deref(), Some("/messages/users"));
    assert_eq!(r.meta.uri.as_deref(), Some("https://XXXX/XXXX/XXXX/messages/users"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1657254052191)));
    assert_eq!(r.meta.organization.as_deref(), Some("XXXX"));
    assert_eq!(r.meta.application.as_deref(), Some("e82bcc5f-XXXX-XXXX-a7c1-92de917ea2b0"));
    assert_eq!(r.meta.action.as_deref(), Some("post"));
    assert_eq!(r.meta.duration, Some(0));
    assert_eq!(r.meta.application_name.as_deref(), Some("XXXX"));
}

#[tokio::test]
async fn send_to_users_online_only_and_synced_to_the_sender() {
    let h = Harness::start().await;
    h.reply(200, SENT_TO_USER).await;
    h.client
        .messages()
        .send_to_users(["user2"], text("testmessages"))
        .from("user1")
        .roam_ignore_users(Vec::<String>::new())
        .ext([("em_ignore_notification", json!(true))])
        .routetype(MessageRouteType::OnlineOnly)
        .sync_device(true)
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/users",
        "",
        Some(json!({"from":"user1","to":["user2"],"type":"txt","roam_ignore_users":[],
                    "body":{"msg":"testmessages"},"ext":{"em_ignore_notification":true},
                    "routetype":"ROUTE_ONLINE","sync_device":true})),
    )
    .await;
}

/// Every message type, with the `body` the one-to-one page shows for it.
fn doc_bodies() -> Vec<(MessageBody, Value)> {
    vec![
        (
            MessageBody::Img(
                MessageImageBody::new("https://XXXX/XXXX/XXXX/chatfiles/55f12940-XXXX-XXXX-8a5b-ff2336f03252")
                    .filename("testimg.jpg")
                    .secret("VfXXXXNb_")
                    .size(MessageImageSize::new(480, 720)),
            ),
            json!({"type":"img","body":{"filename":"testimg.jpg","secret":"VfXXXXNb_",
                   "url":"https://XXXX/XXXX/XXXX/chatfiles/55f12940-XXXX-XXXX-8a5b-ff2336f03252",
                   "size":{"width":480,"height":720}}}),
        ),
        (
            MessageBody::Audio(
                MessageAudioBody::new("https://XXXX/XXXX/XXXX/chatfiles/1dfc7f50-XXXX-XXXX-8a07-7d75b8fb3d42")
                    .filename("testaudio.amr")
                    .length(10)
                    .secret("HfXXXXCjM"),
            ),
            json!({"type":"audio","body":{"url":"https://XXXX/XXXX/XXXX/chatfiles/1dfc7f50-XXXX-XXXX-8a07-7d75b8fb3d42",
                   "filename":"testaudio.amr","length":10,"secret":"HfXXXXCjM"}}),
        ),
        (
            MessageBody::Video(
                MessageVideoBody::new("https://XXXX/XXXX/XXXX/chatfiles/671dfe30-XXXX-XXXX-ba67-8fef0d502f46")
                    .filename("test.avi")
                    .thumb("https://XXXX/XXXX/XXXX/chatfiles/67279b20-7f69-11e4-8eee-21d3334b3a97")
                    .length(0)
                    .secret("VfXXXXNb_")
                    .file_length(58103)
                    .thumb_secret("ZyXXXX2I"),
            ),
            json!({"type":"video","body":{"filename":"test.avi",
                   "thumb":"https://XXXX/XXXX/XXXX/chatfiles/67279b20-7f69-11e4-8eee-21d3334b3a97",
                   "length":0,"secret":"VfXXXXNb_","file_length":58103,"thumb_secret":"ZyXXXX2I",
                   "url":"https://XXXX/XXXX/XXXX/chatfiles/671dfe30-XXXX-XXXX-ba67-8fef0d502f46"}}),
        ),
        (
            MessageBody::File(
                MessageFileBody::new("https://XXXX/XXXX/XXXX/chatfiles/d7eXXXX7444")
                    .filename("test.txt")
                    .secret("1-g0XXXXua"),
            ),
            json!({"type":"file","body":{"filename":"test.txt","secret":"1-g0XXXXua",
                   "url":"https://XXXX/XXXX/XXXX/chatfiles/d7eXXXX7444"}}),
        ),
        (
            MessageBody::Loc(MessageLocationBody::new("39.966", "116.322", "中国北京市海淀区中关村")),
            json!({"type":"loc","body":{"lat":"39.966","lng":"116.322","addr":"中国北京市海淀区中关村"}}),
        ),
        (MessageBody::Cmd(MessageCommandBody::new("action1")), json!({"type":"cmd","body":{"action":"action1"}})),
        (
            MessageBody::Custom(
                MessageCustomBody::new().custom_event("custom_event").custom_exts([("ext_key1", "ext_value1")]),
            ),
            json!({"type":"custom","body":{"customEvent":"custom_event","customExts":{"ext_key1":"ext_value1"}}}),
        ),
    ]
}

#[tokio::test]
async fn send_to_users_sends_each_message_type_as_the_docs_show() {
    for (message, type_and_body) in doc_bodies() {
        let h = Harness::start().await;
        h.reply(200, SENT_TO_USER).await;
        let r = h.client.messages().send_to_users(["user2"], message).from("user1").send().await.unwrap();
        let mut expected = json!({"from":"user1","to":["user2"]});
        expected.as_object_mut().unwrap().extend(type_and_body.as_object().unwrap().clone());
        h.expect("POST", "/org/app/messages/users", "", Some(expected)).await;
        assert_eq!(r["user2"], "1029457500870543736");
    }
}

#[tokio::test]
async fn send_to_users_leaves_optional_body_fields_out() {
    let h = Harness::start().await;
    h.reply(200, SENT_TO_USER).await;
    let img = MessageBody::Img(MessageImageBody::new("https://XXXX/XXXX/XXXX/chatfiles/55f1"));
    h.client.messages().send_to_users(["user2"], img).send().await.unwrap();
    h.expect(
        "POST",
        "/org/app/messages/users",
        "",
        Some(json!({"to":["user2"],"type":"img","body":{"url":"https://XXXX/XXXX/XXXX/chatfiles/55f1"}})),
    )
    .await;
}

#[tokio::test]
async fn send_to_users_rejects_601_users_and_none_before_sending() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.messages().send_to_users(users(601), text("hi")).send().await);
    assert_eq!(e.operation, "messages_send_to_users");
    assert_eq!(e.field, "to");
    assert_eq!(e.rule, "takes at most 600 items per call, got 601");
    let e = invalid_input(h.client.messages().send_to_users(Vec::<String>::new(), text("hi")).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("to", "needs at least 1 item(s), got 0"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn send_to_users_accepts_600_users() {
    let h = Harness::start().await;
    h.reply(200, SENT_TO_USER).await;
    let short: Vec<String> = (0..600).map(|i| format!("u{i}")).collect();
    h.client.messages().send_to_users(short, text("hi")).send().await.unwrap();
    let reqs = h.requests().await;
    let body: Value = serde_json::from_slice(&reqs[0].body).unwrap();
    assert_eq!(body["to"].as_array().unwrap().len(), 600);
}

#[tokio::test]
async fn send_to_users_size_check_ignores_the_recipients() {
    // 600 IDs like "user123" take about 5.9 KB on their own, but the 5 KB
    // limit covers only `body` + `ext`: the call goes out.
    let h = Harness::start().await;
    h.reply(200, SENT_TO_USER).await;
    h.client.messages().send_to_users(users(600), text("hi")).send().await.unwrap();
    let reqs = h.requests().await;
    assert_eq!(reqs.len(), 1);
    assert!(reqs[0].body.len() > 5120, "the whole request is larger than 5 KB");
}

#[tokio::test]
async fn send_to_users_counts_body_and_ext_against_5120_bytes() {
    // `"body"`'s encoded size around an empty text, to pad the text exactly.
    let empty = serde_json::to_vec(&json!({"msg":""})).unwrap().len();
    let h = Harness::start().await;
    h.reply(200, SENT_TO_USER).await;
    let fits = "a".repeat(5120 - empty);
    h.client.messages().send_to_users(["user2"], text(&fits)).send().await.unwrap();
    assert_eq!(h.requests().await.len(), 1);

    let h = Harness::start().await;
    let over = "a".repeat(5121 - empty);
    let e = invalid_input(h.client.messages().send_to_users(["user2"], text(&over)).send().await);
    assert_eq!(e.field, "body");
    assert_eq!(e.rule, "`body` and `ext` encode to 5121 bytes; at most 5120 are allowed");
    h.expect_nothing_sent().await;

    // `ext` counts with the body: a short text with a large `ext`.
    let h = Harness::start().await;
    let big = "x".repeat(6000);
    let e = invalid_input(
        h.client.messages().send_to_users(["user2"], text("hi")).ext([("note", json!(big))]).send().await,
    );
    let n = serde_json::to_vec(&json!({"msg":"hi"})).unwrap().len()
        + serde_json::to_vec(&json!({"note": big})).unwrap().len();
    assert_eq!(e.rule, format!("`body` and `ext` encode to {n} bytes; at most 5120 are allowed"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn send_to_users_documented_errors_decode() {
    let mut cases = send_errors(600);
    cases.push((429, Some(ErrorCode::ReachLimit), "This request has reached api limit".into()));
    assert_errors(&as_cases(&cases), |c| async move { c.messages().send_to_users(["user2"], text("hi")).send().await })
        .await;
}

#[tokio::test]
async fn send_to_users_doc_failure_example_keeps_unknown_fields() {
    let h = Harness::start().await;
    h.reply(
        400,
        r#"{"error":"message_send_error","exception":"MessageSendException","timestamp":1748575460150,"duration":0,
            "error_code":14007,"error_description":"message is too large"}"#,
    )
    .await;
    let e = api_error(h.client.messages().send_to_users(["user2"], text("hi")).send().await);
    assert_eq!(e.status, 400);
    assert_eq!(e.operation, "messages_send_to_users");
    assert_eq!(e.code, Some(code("message_send_error")));
    assert_eq!(e.exception.as_deref(), Some("MessageSendException"));
    assert_eq!(e.description.as_deref(), Some("message is too large"));
    assert_eq!(e.body.as_ref().and_then(|b| b.timestamp), Some(easemob::Timestamp::from_unix_millis(1748575460150)));
}

#[tokio::test]
async fn send_to_users_is_not_retried_after_a_server_error() {
    let h = Harness::start().await;
    h.reply(503, r#"{"error":"unavailable"}"#).await;
    let e = h.client.messages().send_to_users(["user2"], text("hi")).send().await.unwrap_err();
    assert_eq!(e.status(), Some(503));
    assert_eq!(h.requests().await.len(), 1, "a send that may have reached the server is not replayed");
}

// ---------------------------------------------------------------- send_to_groups

#[tokio::test]
async fn send_to_groups_sends_the_common_options_and_decodes_message_ids() {
    let h = Harness::start().await;
    h.reply(200, SENT_TO_GROUP).await;
    let r = h
        .client
        .messages()
        .send_to_groups(["184524748161025"], text("testmessages"))
        .from("user1")
        .need_group_ack(false)
        .roam_ignore_users(["user3"])
        .ext([("em_ignore_notification", json!(true))])
        .routetype(MessageRouteType::OnlineOnly)
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/chatgroups",
        "",
        Some(json!({"from":"user1","to":["184524748161025"],"type":"txt","need_group_ack":false,
                    "roam_ignore_users":["user3"],"body":{"msg":"testmessages"},
                    "ext":{"em_ignore_notification":true},"routetype":"ROUTE_ONLINE"})),
    )
    .await;
    assert_eq!(r["184524748161025"], "1029544257947437432");
    assert_eq!(r.meta.path.as_deref(), Some("/messages/chatgroups"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1657254052191)));
}

#[tokio::test]
async fn send_to_groups_sends_each_message_type() {
    for (message, type_and_body) in doc_bodies() {
        let h = Harness::start().await;
        h.reply(200, SENT_TO_GROUP).await;
        h.client.messages().send_to_groups(["184524748161025"], message).send().await.unwrap();
        let mut expected = json!({"to":["184524748161025"]});
        expected.as_object_mut().unwrap().extend(type_and_body.as_object().unwrap().clone());
        h.expect("POST", "/org/app/messages/chatgroups", "", Some(expected)).await;
    }
}

#[tokio::test]
async fn send_to_groups_rejects_4_groups_and_21_roam_ignore_users() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.messages().send_to_groups(ids(4), text("hi")).send().await);
    assert_eq!(e.operation, "messages_send_to_groups");
    assert_eq!((e.field, e.rule.as_str()), ("to", "takes at most 3 items per call, got 4"));
    let e =
        invalid_input(h.client.messages().send_to_groups(ids(3), text("hi")).roam_ignore_users(users(21)).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("roam_ignore_users", "takes at most 20 items per call, got 21"));
    let e = invalid_input(h.client.messages().send_to_groups(ids(1), text(&"a".repeat(5200))).send().await);
    assert_eq!(e.field, "body");
    assert!(e.rule.ends_with("at most 5120 are allowed"), "{}", e.rule);
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn send_to_groups_documented_errors_decode() {
    let mut cases = send_errors(3);
    cases.push((429, Some(ErrorCode::ReachLimit), "This request has reached api limit".into()));
    assert_errors(&as_cases(&cases), |c| async move { c.messages().send_to_groups(ids(1), text("hi")).send().await })
        .await;
}

// ---------------------------------------------------------------- send_to_group_members

#[tokio::test]
async fn send_to_group_members_sends_the_doc_example() {
    let h = Harness::start().await;
    h.reply(200, SENT_TO_GROUP).await;
    let r = h
        .client
        .messages()
        .send_to_group_members(["184524748161025"], text("testmessages"), ["user2", "user3"])
        .from("user1")
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/chatgroups/users",
        "",
        Some(json!({"from":"user1","to":["184524748161025"],"type":"txt",
                    "body":{"msg":"testmessages"},"users":["user2","user3"]})),
    )
    .await;
    // The doc's answer names the plain group path; it still decodes.
    assert_eq!(r["184524748161025"], "1029544257947437432");
    assert_eq!(r.meta.path.as_deref(), Some("/messages/chatgroups"));
}

#[tokio::test]
async fn send_to_group_members_sends_other_types_and_ext() {
    let h = Harness::start().await;
    h.reply(200, SENT_TO_GROUP).await;
    let cmd = MessageBody::Cmd(MessageCommandBody::new("action1"));
    h.client
        .messages()
        .send_to_group_members(["184524748161025"], cmd, ["user2"])
        .ext([("em_ignore_notification", json!(true))])
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/chatgroups/users",
        "",
        Some(json!({"to":["184524748161025"],"type":"cmd","body":{"action":"action1"},"users":["user2"],
                    "ext":{"em_ignore_notification":true}})),
    )
    .await;
}

#[tokio::test]
async fn send_to_group_members_takes_one_group_and_1_to_20_users() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.messages().send_to_group_members(ids(2), text("hi"), ["user2"]).send().await);
    assert_eq!(e.operation, "messages_send_to_group_members");
    assert_eq!((e.field, e.rule.as_str()), ("to", "takes at most 1 items per call, got 2"));
    let e = invalid_input(h.client.messages().send_to_group_members(ids(1), text("hi"), users(21)).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("users", "takes at most 20 items per call, got 21"));
    let e =
        invalid_input(h.client.messages().send_to_group_members(ids(1), text("hi"), Vec::<String>::new()).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("users", "needs at least 1 item(s), got 0"));
    let e = invalid_input(
        h.client.messages().send_to_group_members(ids(1), text(&"a".repeat(5200)), users(20)).send().await,
    );
    assert_eq!(e.field, "body");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn send_to_group_members_documented_errors_decode() {
    let mut cases = send_errors(3);
    cases.push((400, Some(code("message_send_error")), "param users can't be empty".into()));
    assert_errors(&as_cases(&cases), |c| async move {
        c.messages().send_to_group_members(ids(1), text("hi"), ["user2"]).send().await
    })
    .await;
}

// ---------------------------------------------------------------- send_to_chatrooms

#[tokio::test]
async fn send_to_chatrooms_sends_priority_and_decodes_message_ids() {
    let h = Harness::start().await;
    h.reply(200, SENT_TO_CHATROOM).await;
    let r = h
        .client
        .messages()
        .send_to_chatrooms(["185145305923585"], text("testmessages"))
        .from("user1")
        .chatroom_msg_level(MessageChatroomPriority::Low)
        .roam_ignore_users(["user3"])
        .ext([("em_ignore_notification", json!(true))])
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/chatrooms",
        "",
        Some(json!({"from":"user1","to":["185145305923585"],"type":"txt","body":{"msg":"testmessages"},
                    "chatroom_msg_level":"low","roam_ignore_users":["user3"],
                    "ext":{"em_ignore_notification":true}})),
    )
    .await;
    assert_eq!(r["185145305923585"], "1029545553039460728");
    assert_eq!(r.meta.path.as_deref(), Some("/messages/chatrooms"));
    assert_eq!(r.meta.action.as_deref(), Some("post"));
}

#[tokio::test]
async fn send_to_chatrooms_sends_each_message_type() {
    for (message, type_and_body) in doc_bodies() {
        let h = Harness::start().await;
        h.reply(200, SENT_TO_CHATROOM).await;
        h.client.messages().send_to_chatrooms(["185145305923585"], message).send().await.unwrap();
        let mut expected = json!({"to":["185145305923585"]});
        expected.as_object_mut().unwrap().extend(type_and_body.as_object().unwrap().clone());
        h.expect("POST", "/org/app/messages/chatrooms", "", Some(expected)).await;
    }
}

#[tokio::test]
async fn send_to_chatrooms_rejects_11_chatrooms_before_sending() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.messages().send_to_chatrooms(ids(11), text("hi")).send().await);
    assert_eq!(e.operation, "messages_send_to_chatrooms");
    assert_eq!((e.field, e.rule.as_str()), ("to", "takes at most 10 items per call, got 11"));
    let e = invalid_input(h.client.messages().send_to_chatrooms(ids(10), text(&"a".repeat(5200))).send().await);
    assert_eq!(e.field, "body");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn send_to_chatrooms_documented_errors_decode() {
    let mut cases = send_errors(10);
    cases.push((429, Some(ErrorCode::ReachLimit), "This request has reached api limit".into()));
    assert_errors(
        &as_cases(&cases),
        |c| async move { c.messages().send_to_chatrooms(ids(1), text("hi")).send().await },
    )
    .await;
}

// ---------------------------------------------------------------- send_to_chatroom_members

#[tokio::test]
async fn send_to_chatroom_members_posts_to_the_users_path() {
    let h = Harness::start().await;
    h.reply(200, SENT_TO_CHATROOM).await;
    let r = h
        .client
        .messages()
        .send_to_chatroom_members(["185145305923585"], text("testmessages"), ["user2", "user3"])
        .from("user1")
        .chatroom_msg_level(MessageChatroomPriority::High)
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/chatrooms/users",
        "",
        Some(json!({"from":"user1","to":["185145305923585"],"type":"txt","body":{"msg":"testmessages"},
                    "users":["user2","user3"],"chatroom_msg_level":"high"})),
    )
    .await;
    assert_eq!(r["185145305923585"], "1029545553039460728");
}

#[tokio::test]
async fn send_to_chatroom_members_takes_one_chatroom_and_1_to_20_users() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.messages().send_to_chatroom_members(ids(2), text("hi"), ["user2"]).send().await);
    assert_eq!(e.operation, "messages_send_to_chatroom_members");
    assert_eq!((e.field, e.rule.as_str()), ("to", "takes at most 1 items per call, got 2"));
    let e = invalid_input(h.client.messages().send_to_chatroom_members(ids(1), text("hi"), users(21)).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("users", "takes at most 20 items per call, got 21"));
    let e = invalid_input(
        h.client.messages().send_to_chatroom_members(ids(1), text(&"a".repeat(5200)), ["user2"]).send().await,
    );
    assert_eq!(e.field, "body");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn send_to_chatroom_members_documented_errors_decode() {
    let mut cases = send_errors(10);
    cases.push((400, Some(code("message_send_error")), "param users can't be empty".into()));
    assert_errors(&as_cases(&cases), |c| async move {
        c.messages().send_to_chatroom_members(ids(1), text("hi"), ["user2"]).send().await
    })
    .await;
}

// ---------------------------------------------------------------- broadcast_to_chatrooms

const BROADCAST: &str = r#"{"path":"/messages/chatrooms/broadcast","uri":"https://XXXX/XXXX/XXXX/messages/chatrooms/broadcast",
    "timestamp":1699944653964,"organization":"easemob-demo","application":"331d42e6-XXXX-XXXX-XXXX-6ba5b0fc1c21",
    "action":"post","data":{"id":1173998498812376874},"duration":1,"applicationName":"wang"}"#;

#[tokio::test]
async fn broadcast_sends_the_doc_text_example_and_keeps_the_64_bit_id_exact() {
    let h = Harness::start().await;
    h.reply(200, BROADCAST).await;
    let r = h
        .client
        .messages()
        .broadcast_to_chatrooms(MessageBroadcastContent::new(MessageType::Txt).msg("send broadcast to all chatroom"))
        .from("admin")
        .ext([("extKey", json!("extValue"))])
        .chatroom_msg_level(MessageChatroomPriority::Low)
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/chatrooms/broadcast",
        "",
        Some(json!({"msg":{"type":"txt","msg":"send broadcast to all chatroom"},"from":"admin",
                    "ext":{"extKey":"extValue"},"chatroom_msg_level":"low"})),
    )
    .await;
    // 1173998498812376874 > 2^53 = 9007199254740992: a float would have
    // rounded it to 1173998498812376832.
    assert_eq!(r.id, 1173998498812376874);
    assert!(r.id > 1 << 53);
    assert_ne!(r.id, 1173998498812376874f64 as i64, "the value is not a float round trip");
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1699944653964)));
    assert_eq!(r.meta.duration, Some(1));
    assert_eq!(r.meta.organization.as_deref(), Some("easemob-demo"));
    assert_eq!(r.meta.application_name.as_deref(), Some("wang"));
    assert_eq!(r.meta.path.as_deref(), Some("/messages/chatrooms/broadcast"));
}

#[tokio::test]
async fn broadcast_sends_the_doc_image_example() {
    let h = Harness::start().await;
    h.reply(200, BROADCAST).await;
    let msg = MessageBroadcastContent::new(MessageType::Img)
        .filename("testimg.jpg")
        .secret("VfXXXXNb_")
        .url("https://XXXX/XXXX/XXXX/chatfiles/55f12940-XXXX-XXXX-8a5b-ff2336f03252")
        .size(MessageImageSize::new(480, 720));
    h.client
        .messages()
        .broadcast_to_chatrooms(msg)
        .from("admin")
        .ext([("extKey", json!("extValue"))])
        .chatroom_msg_level(MessageChatroomPriority::Low)
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/chatrooms/broadcast",
        "",
        Some(json!({"msg":{"type":"img","filename":"testimg.jpg","secret":"VfXXXXNb_",
                           "url":"https://XXXX/XXXX/XXXX/chatfiles/55f12940-XXXX-XXXX-8a5b-ff2336f03252",
                           "size":{"width":480,"height":720}},
                    "from":"admin","ext":{"extKey":"extValue"},"chatroom_msg_level":"low"})),
    )
    .await;
}

#[tokio::test]
async fn broadcast_id_is_also_read_from_a_numeric_string() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"id":"9007199254740993"}}"#).await;
    let r = h
        .client
        .messages()
        .broadcast_to_chatrooms(MessageBroadcastContent::new(MessageType::Cmd).action("refresh"))
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/chatrooms/broadcast",
        "",
        Some(json!({"msg":{"type":"cmd","action":"refresh"}})),
    )
    .await;
    assert_eq!(r.id, 9007199254740993, "2^53 + 1, exactly");
}

#[tokio::test]
async fn broadcast_checks_custom_fields_and_size_before_sending() {
    let h = Harness::start().await;
    let exts: Vec<(String, String)> = (0..17).map(|i| (format!("k{i}"), "v".to_owned())).collect();
    let msg = MessageBroadcastContent::new(MessageType::Custom).custom_event("gift").custom_exts(exts);
    let e = invalid_input(h.client.messages().broadcast_to_chatrooms(msg).send().await);
    assert_eq!(e.operation, "messages_broadcast_to_chatrooms");
    assert_eq!((e.field, e.rule.as_str()), ("msg.custom_exts", "takes at most 16 items per call, got 17"));
    let msg = MessageBroadcastContent::new(MessageType::Custom).custom_event("e".repeat(33));
    let e = invalid_input(h.client.messages().broadcast_to_chatrooms(msg).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("msg.custom_event", "must be at most 32 characters, got 33"));
    let msg = MessageBroadcastContent::new(MessageType::Txt).msg("a".repeat(5200));
    let e = invalid_input(h.client.messages().broadcast_to_chatrooms(msg).send().await);
    assert_eq!(e.field, "body");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn broadcast_documented_errors_decode() {
    assert_errors(
        &[
            (400, Some(code("invalid_request_body")), ""),
            (400, Some(ErrorCode::IllegalArgument), "from can't be empty"),
            (400, Some(ErrorCode::IllegalArgument), "ext must be JSONObject"),
            (401, Some(ErrorCode::Unauthorized), "Unable to authenticate (OAuth)"),
            (403, Some(ErrorCode::ForbiddenOp), "message broadcast service is unopened"),
        ],
        |c| async move {
            c.messages().broadcast_to_chatrooms(MessageBroadcastContent::new(MessageType::Txt).msg("hi")).send().await
        },
    )
    .await;
}

// ---------------------------------------------------------------- get_history_file

#[tokio::test]
async fn get_history_file_decodes_the_doc_array() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","application":"8be024f0-XXXX-XXXX-b697-5d598d5f8402","uri":"https://XXXX/XXXX/XXXX/chatmessages/2018112717",
            "data":[{"url":"https://XXXX?Expires=1543316122&OSSAccessKeyId=XXXX&Signature=XXXX"}],
            "timestamp":1543314322601,"duration":0,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.messages().get_history_file("2018112717").send().await.unwrap();
    h.expect("GET", "/org/app/chatmessages/2018112717", "", None).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].url, "https://XXXX?Expires=1543316122&OSSAccessKeyId=XXXX&Signature=XXXX");
    assert_eq!(r.meta.action.as_deref(), Some("get"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1543314322601)));
    assert_eq!(r.meta.application_name.as_deref(), Some("testapp"));
}

#[tokio::test]
async fn get_history_file_accepts_the_tables_object_shape() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"url":"https://XXXX?Expires=1"}}"#).await;
    let r = h.client.messages().get_history_file("2018112717").send().await.unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].url, "https://XXXX?Expires=1");
}

#[tokio::test]
async fn get_history_file_documented_errors_decode() {
    assert_errors(
        &[
            (400, Some(ErrorCode::IllegalArgument), "illegal arguments: appkey: XXXX#XXXX, time: xxxxxx"),
            (
                400,
                Some(ErrorCode::IllegalArgument),
                "illegal arguments: appkey: XXXX#XXXX, time: xxxxxx, maybe chat message history is expired or unstored",
            ),
            (401, Some(ErrorCode::Unauthorized), "Unable to authenticate (OAuth)"),
            (
                404,
                Some(code("storage_object_not_found")),
                "Failed to find chat message history download url for appkey: XXXX#XXXX, time: xxxxxx",
            ),
        ],
        |c| async move { c.messages().get_history_file("2018112717").send().await },
    )
    .await;
}

// ---------------------------------------------------------------- recall

#[tokio::test]
async fn recall_sends_the_doc_example_and_decodes_the_outcome() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"path":"/messages/msg_recall","uri":"https://XXXX/XXXX/XXXX/messages/msg_recall","timestamp":1657529588473,
            "organization":"XXXX","application":"09ebbf8b-XXXX-XXXX-XXXX-d47c3b38e434","action":"post",
            "data":{"recalled":"yes","chattype":"chat","from":"XXXX","to":"XXXX","msg_id":"1028442084794698104"},
            "duration":8,"applicationName":"XXXX"}"#,
    )
    .await;
    let r = h
        .client
        .messages()
        .recall("1028442084794698104", "user2", MessageChatType::Chat)
        .from("user1")
        .force(true)
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/msg_recall",
        "",
        Some(json!({"msg_id":"1028442084794698104","to":"user2","from":"user1","chat_type":"chat","force":true})),
    )
    .await;
    assert_eq!(r.recalled, "yes");
    assert_eq!(r.chat_type, Some(MessageChatType::Chat));
    assert_eq!(r.from.as_deref(), Some("XXXX"));
    assert_eq!(r.to.as_deref(), Some("XXXX"));
    assert_eq!(r.msg_id.as_ref().map(|m| m.as_str()), Some("1028442084794698104"));
    assert_eq!(r.meta.duration, Some(8));
    assert_eq!(r.meta.path.as_deref(), Some("/messages/msg_recall"));
}

#[tokio::test]
async fn recall_sends_the_other_options() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"recalled":"yes","chattype":"groupchat","msg_id":1028442084794698104}}"#).await;
    let r = h
        .client
        .messages()
        .recall("1028442084794698104", "184524748161025", "groupchat")
        .sync_device(false)
        .extension_info("reason=spam")
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/msg_recall",
        "",
        Some(json!({"msg_id":"1028442084794698104","to":"184524748161025","chat_type":"groupchat",
                    "sync_device":false,"recallMessageExtensionInfo":"reason=spam"})),
    )
    .await;
    assert_eq!(r.chat_type, Some(MessageChatType::Groupchat));
    assert_eq!(r.msg_id.as_ref().unwrap(), "1028442084794698104", "a numeric ID decodes as text");
}

#[tokio::test]
async fn recall_documented_errors_decode() {
    let recall = || Some(code("message_recall_error"));
    assert_errors(
        &[
            (400, recall(), "param msg_id can't be empty"),
            (400, recall(), "param to can't be empty"),
            (400, recall(), "param chat_type can't be empty"),
            (400, recall(), "param force can't be empty"),
            (400, recall(), "can’t find msg to"),
            (401, Some(ErrorCode::Unauthorized), "Unable to authenticate (OAuth)"),
            (403, recall(), "exceed recall time limit"),
            (403, recall(), "not_found msg"),
            (403, Some(ErrorCode::ForbiddenOp), "message recall service is unopened"),
            (500, None, "internal error"),
        ],
        |c| async move { c.messages().recall("1028442084794698104", "user2", MessageChatType::Chat).send().await },
    )
    .await;
}

#[tokio::test]
async fn recall_doc_unopened_example_decodes() {
    let h = Harness::start().await;
    h.reply(
        403,
        r#"{"error":"forbidden_op","exception":"EasemobForbiddenOpException","timestamp":1644402553845,"duration":0,"error_description":"message recall service is unopened"}"#,
    )
    .await;
    let e = api_error(h.client.messages().recall("1", "user2", MessageChatType::Chat).send().await);
    assert_eq!(e.operation, "messages_recall");
    assert_eq!(e.code, Some(ErrorCode::ForbiddenOp));
    assert_eq!(e.exception.as_deref(), Some("EasemobForbiddenOpException"));
}

// ---------------------------------------------------------------- delete_conversation

#[tokio::test]
async fn delete_conversation_is_a_delete_with_a_json_body() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"path":"/users/user_channel","uri":"https://XXXX/XXXX/XXXX/users/u1/user_channel","timestamp":1638440544078,
            "organization":"XXXX","application":"c3624975-XXXX-XXXX-9da2-ee91ed4c5a76","entities":[],"action":"delete",
            "data":{"result":"ok"},"duration":3,"applicationName":"XXXX"}"#,
    )
    .await;
    let r =
        h.client.messages().delete_conversation("u1", "u2", MessageConversationType::Chat, true).send().await.unwrap();
    h.expect(
        "DELETE",
        "/org/app/users/u1/user_channel",
        "",
        Some(json!({"channel":"u2","type":"chat","delete_roam":true})),
    )
    .await;
    assert_eq!(r.result, "ok");
    assert_eq!(r.meta.action.as_deref(), Some("delete"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1638440544078)));
    assert_eq!(r.meta.duration, Some(3));
}

#[tokio::test]
async fn delete_conversation_of_a_group_keeps_roaming() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"result":"ok"}}"#).await;
    h.client
        .messages()
        .delete_conversation("u1", "184524748161025", MessageConversationType::Groupchat, false)
        .send()
        .await
        .unwrap();
    h.expect(
        "DELETE",
        "/org/app/users/u1/user_channel",
        "",
        Some(json!({"channel":"184524748161025","type":"groupchat","delete_roam":false})),
    )
    .await;
}

#[tokio::test]
async fn delete_conversation_documented_errors_decode() {
    assert_errors(
        &[
            (400, Some(code("invalid_request_body")), ""),
            (400, Some(ErrorCode::IllegalArgument), "field channel cannot be null or empty"),
            (400, Some(ErrorCode::IllegalArgument), "field type cannot be null or empty"),
            (400, Some(ErrorCode::IllegalArgument), "field delete_roam cannot be null"),
            (401, Some(ErrorCode::Unauthorized), "Unable to authenticate (OAuth)"),
        ],
        |c| async move {
            c.messages().delete_conversation("u1", "u2", MessageConversationType::Chat, true).send().await
        },
    )
    .await;
}

// ---------------------------------------------------------------- roaming deletes

fn assert_roaming_ok(r: &easemob::Response<easemob::messages::MessageRoamingDeleted>) {
    assert_eq!(r.request_status_code, "ok");
    assert_eq!(r.timestamp, Some(easemob::Timestamp::from_unix_millis(1710309184114)));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1710309184114)));
}

#[tokio::test]
async fn roaming_delete_chat_sends_owner_peer_and_ids() {
    let h = Harness::start().await;
    h.reply(200, ROAMING_OK).await;
    let r = h
        .client
        .messages()
        .roaming_delete_chat("user1", "user2", "1028442084794698104,1028442084794698105")
        .notify(false)
        .send()
        .await
        .unwrap();
    h.expect(
        "DELETE",
        "/org/app/rest/message/roaming/chat/user/user1",
        "userId=user2&msgIdList=1028442084794698104%2C1028442084794698105&isNotify=false",
        None,
    )
    .await;
    assert_roaming_ok(&r);
}

#[tokio::test]
async fn roaming_delete_group_sends_the_group() {
    let h = Harness::start().await;
    h.reply(200, ROAMING_OK).await;
    let r = h
        .client
        .messages()
        .roaming_delete_group("user1", "184524748161025", "1028442084794698104")
        .send()
        .await
        .unwrap();
    h.expect(
        "DELETE",
        "/org/app/rest/message/roaming/group/user/user1",
        "groupId=184524748161025&msgIdList=1028442084794698104",
        None,
    )
    .await;
    assert_roaming_ok(&r);
}

#[tokio::test]
async fn roaming_clear_all_posts_without_a_body() {
    let h = Harness::start().await;
    h.reply(200, ROAMING_OK).await;
    let r = h.client.messages().roaming_clear_all("user1").send().await.unwrap();
    h.expect("POST", "/org/app/rest/message/roaming/user/user1/delete/all", "", None).await;
    assert_roaming_ok(&r);
}

#[tokio::test]
async fn roaming_clear_chat_before_is_a_delete_with_the_time() {
    let h = Harness::start().await;
    h.reply(200, ROAMING_OK).await;
    let r = h.client.messages().roaming_clear_chat_before("user1", "user2", 1659014868000).send().await.unwrap();
    h.expect(
        "DELETE",
        "/org/app/rest/message/roaming/chat/user/user1/time",
        "userId=user2&delTime=1659014868000",
        None,
    )
    .await;
    assert_roaming_ok(&r);
}

#[tokio::test]
async fn roaming_clear_group_before_takes_a_group_or_chatroom_id() {
    let h = Harness::start().await;
    h.reply(200, ROAMING_OK).await;
    let r = h
        .client
        .messages()
        .roaming_clear_group_before("user1", "185145305923585", 1659014868000)
        .notify(true)
        .send()
        .await
        .unwrap();
    h.expect(
        "DELETE",
        "/org/app/rest/message/roaming/group/user/user1/time",
        "groupId=185145305923585&delTime=1659014868000&isNotify=true",
        None,
    )
    .await;
    assert_roaming_ok(&r);
}

#[tokio::test]
async fn roaming_documented_errors_decode() {
    let cases: [(u16, Option<ErrorCode>, &str); 4] = [
        (400, Some(code("service open exception")), "this appKey not open message roaming"),
        (400, Some(code("param exception")), "delete msg list limit can not greater than 50"),
        (400, Some(code("Bad Request")), "Bad Request"),
        (401, Some(ErrorCode::Unauthorized), "Unable to authenticate (OAuth)"),
    ];
    assert_errors(&cases, |c| async move { c.messages().roaming_delete_chat("user1", "user2", "1").send().await })
        .await;
    assert_errors(&cases, |c| async move { c.messages().roaming_delete_group("user1", "1", "1").send().await }).await;
    let opened = &cases[0..1];
    assert_errors(opened, |c| async move { c.messages().roaming_clear_all("user1").send().await }).await;
    assert_errors(opened, |c| async move { c.messages().roaming_clear_chat_before("user1", "user2", 1).send().await })
        .await;
    assert_errors(opened, |c| async move { c.messages().roaming_clear_group_before("user1", "1", 1).send().await })
        .await;
}

#[tokio::test]
async fn roaming_401_decodes() {
    let h = Harness::start().await;
    h.reply(401, STD_401).await;
    let e = api_error(h.client.messages().roaming_clear_all("user1").send().await);
    assert_eq!(e.operation, "messages_roaming_clear_all");
    assert_eq!(e.code, Some(ErrorCode::Unauthorized));
}

// ---------------------------------------------------------------- imports

const IMPORTED: &str = r#"{"path":"/messages/users/import","uri":"https://XXXX/XXXX/XXXX/messages/users/import","timestamp":1638440544078,
    "organization":"XXXX","application":"c3624975-XXXX-XXXX-9da2-ee91ed4c5a76","entities":[],"action":"post",
    "data":{"msg_id":"10212123848595"},"duration":3,"applicationName":"XXXX"}"#;

#[tokio::test]
async fn import_to_user_sends_the_doc_text_example() {
    let h = Harness::start().await;
    h.reply(200, IMPORTED).await;
    let r = h
        .client
        .messages()
        .import_to_user("username1", "username2", text("import message."))
        .is_ack_read(true)
        .msg_timestamp(1656906628428)
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/users/import",
        "",
        Some(json!({"target":"username2","type":"txt","body":{"msg":"import message."},"from":"username1",
                    "is_ack_read":true,"msg_timestamp":1656906628428u64})),
    )
    .await;
    assert_eq!(r.msg_id, "10212123848595");
    assert_eq!(r.meta.path.as_deref(), Some("/messages/users/import"));
    assert_eq!(r.meta.duration, Some(3));
}

#[tokio::test]
async fn import_to_user_sends_the_doc_image_example() {
    let h = Harness::start().await;
    h.reply(200, IMPORTED).await;
    let img = MessageBody::Img(
        MessageImageBody::new("<YourImageUrl>").filename("<ImageFileName>").size(MessageImageSize::new(1080, 1920)),
    );
    h.client
        .messages()
        .import_to_user("username1", "username2", img)
        .is_ack_read(true)
        .msg_timestamp(1656906628428)
        .need_download(true)
        .ext([("key1", json!("value1"))])
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/users/import",
        "",
        Some(json!({"target":"username2","type":"img",
                    "body":{"url":"<YourImageUrl>","filename":"<ImageFileName>","size":{"width":1080,"height":1920}},
                    "from":"username1","is_ack_read":true,"msg_timestamp":1656906628428u64,"need_download":true,
                    "ext":{"key1":"value1"}})),
    )
    .await;
}

#[tokio::test]
async fn import_to_group_sends_the_doc_example_with_ext() {
    let h = Harness::start().await;
    h.reply(200, IMPORTED).await;
    let r = h
        .client
        .messages()
        .import_to_group("username1", "184524748161025", text("import message."))
        .is_ack_read(true)
        .msg_timestamp(1656906628428)
        .ext([("key1", json!("value1"))])
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/chatgroups/import",
        "",
        Some(json!({"target":"184524748161025","type":"txt","body":{"msg":"import message."},"from":"username1",
                    "is_ack_read":true,"msg_timestamp":1656906628428u64,"ext":{"key1":"value1"}})),
    )
    .await;
    assert_eq!(r.msg_id, "10212123848595");
    assert_eq!(r.meta.uri.as_deref(), Some("https://XXXX/XXXX/XXXX/messages/users/import"));
}

#[tokio::test]
async fn imports_documented_errors_decode() {
    let cases: [(u16, Option<ErrorCode>, &str); 4] = [
        (400, Some(code("invalid_request_body")), ""),
        (400, Some(ErrorCode::IllegalArgument), "message body not allow empty"),
        (400, Some(ErrorCode::IllegalArgument), "type not allow empty"),
        (401, Some(ErrorCode::Unauthorized), "Unable to authenticate (OAuth)"),
    ];
    assert_errors(&cases, |c| async move { c.messages().import_to_user("u1", "u2", text("hi")).send().await }).await;
    assert_errors(&cases, |c| async move { c.messages().import_to_group("u1", "1", text("hi")).send().await }).await;
}

// ---------------------------------------------------------------- rewrite

const REWRITTEN: &str = r#"{"path":"/messages/rewrite/1235807318835202004","uri":"https://XXXX/XXXX/XXXX/messages/rewrite/1235807318835202004",
    "timestamp":1705372388118,"organization":"XXXX","application":"ff678832-XXXX-XXXX-8130-58ac38cb6c15","action":"put",
    "data":"success","duration":49,"applicationName":"XXXX"}"#;

#[tokio::test]
async fn rewrite_sends_the_doc_text_example() {
    let h = Harness::start().await;
    h.reply(200, REWRITTEN).await;
    let r = h
        .client
        .messages()
        .rewrite(
            "1235807318835202004",
            MessageRewriteContent::new(MessageRewriteType::Txt).msg("update message content"),
        )
        .user("user1")
        .new_ext([("key", json!("value")), ("old_key", json!("new_value"))])
        .is_combine_ext(true)
        .send()
        .await
        .unwrap();
    h.expect(
        "PUT",
        "/org/app/messages/rewrite/1235807318835202004",
        "",
        Some(json!({"user":"user1","new_msg":{"type":"txt","msg":"update message content"},
                    "new_ext":{"key":"value","old_key":"new_value"},"is_combine_ext":true})),
    )
    .await;
    assert_eq!(r.data, "success");
    assert_eq!(r.meta.action.as_deref(), Some("put"));
    assert_eq!(r.meta.duration, Some(49));
}

#[tokio::test]
async fn rewrite_sends_the_doc_custom_example() {
    let h = Harness::start().await;
    h.reply(200, REWRITTEN).await;
    h.client
        .messages()
        .rewrite(
            "1235807318835202004",
            MessageRewriteContent::new(MessageRewriteType::Custom)
                .custom_event("custom_event")
                .custom_exts([("ext_key1", "ext_value1")]),
        )
        .user("user1")
        .is_combine_ext(true)
        .send()
        .await
        .unwrap();
    h.expect(
        "PUT",
        "/org/app/messages/rewrite/1235807318835202004",
        "",
        Some(json!({"user":"user1","new_msg":{"type":"custom","customEvent":"custom_event",
                    "customExts":{"ext_key1":"ext_value1"}},"is_combine_ext":true})),
    )
    .await;
}

#[tokio::test]
async fn rewrite_checks_custom_limits_and_is_not_retried() {
    let h = Harness::start().await;
    let exts: Vec<(String, String)> = (0..17).map(|i| (format!("k{i}"), "v".to_owned())).collect();
    let content = MessageRewriteContent::new(MessageRewriteType::Custom).custom_exts(exts);
    let e = invalid_input(h.client.messages().rewrite("1", content).send().await);
    assert_eq!(e.operation, "messages_rewrite");
    assert_eq!((e.field, e.rule.as_str()), ("new_msg.custom_exts", "takes at most 16 items per call, got 17"));
    h.expect_nothing_sent().await;

    let h = Harness::start().await;
    h.reply(500, r#"{"error":"RewriteMessageInternalErrorException"}"#).await;
    let content = MessageRewriteContent::new(MessageRewriteType::Txt).msg("x");
    let _ = h.client.messages().rewrite("1", content).send().await.unwrap_err();
    assert_eq!(h.requests().await.len(), 1, "an edit is not replayed");
}

#[tokio::test]
async fn rewrite_documented_errors_decode() {
    assert_errors(
        &[
            (400, Some(ErrorCode::IllegalArgument), "new_msg is required"),
            (
                400,
                Some(code("UnsupportedMessageTypeException")),
                "The message is of a type that is currently not supported for modification.",
            ),
            (400, Some(code("InvalidMessageIdException")), "The provided message ID is not a valid number."),
            (401, Some(code("RewriteMessageNotAuthorizedException")), "You are not authorized to edit this message."),
            (
                403,
                Some(code("EditLimitExceededException")),
                "The message has reached its edit limit and cannot be modified further.",
            ),
            (403, Some(code("message_rewrite_error")), "The rewrite message feature is not open."),
            (404, Some(code("MessageUnavailableException")), "The message is unavailable or has expired."),
            (409, Some(code("concurrent_operation_error")), ""),
            (
                500,
                Some(code("RewriteMessageInternalErrorException")),
                "An unknown error occurred while processing the request.",
            ),
        ],
        |c| async move {
            c.messages()
                .rewrite("1235807318835202004", MessageRewriteContent::new(MessageRewriteType::Txt).msg("x"))
                .send()
                .await
        },
    )
    .await;
}

// ---------------------------------------------------------------- broadcast_to_all_users

const BROADCAST_ALL: &str = r#"{"path":"/messages/broadcast","uri":"https://XXXX/XXXX/XXXX/messages/broadcast","timestamp":1745565192019,
    "organization":"XXXX","application":"5371aaa4-4a53-XXXX-XXXX-2bc6b3e401d7","action":"post","data":{"id":1365344904091349007},
    "duration":0,"applicationName":"XXXX"}"#;

#[tokio::test]
async fn broadcast_to_all_users_sends_the_doc_example_and_keeps_the_id_exact() {
    let h = Harness::start().await;
    h.reply(200, BROADCAST_ALL).await;
    let r = h
        .client
        .messages()
        .broadcast_to_all_users(
            MessageBroadcastTarget::Users,
            MessageBroadcastContent::new(MessageType::Txt).msg("send broadcast to all users"),
        )
        .from("admin")
        .ext([("extKey", json!("extValue"))])
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/broadcast",
        "",
        Some(json!({"target_type":"users","msg":{"type":"txt","msg":"send broadcast to all users"},
                    "from":"admin","ext":{"extKey":"extValue"}})),
    )
    .await;
    assert_eq!(r.id, 1365344904091349007);
    assert_ne!(r.id, 1365344904091349007f64 as i64, "not a float round trip");
    assert_eq!(r.meta.path.as_deref(), Some("/messages/broadcast"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1745565192019)));
}

/// Errors both app-wide broadcasts document.
const BROADCAST_EXT: DocumentedError = (400, Some("illegal_argument"), "ext must be JSONObject");
const BROADCAST_FROM: DocumentedError = (400, Some("illegal_argument"), "from can't be empty");
const BROADCAST_UNOPENED: DocumentedError = (403, Some("forbidden_op"), "message broadcast service is unopened");
const BROADCAST_API_LIMIT: DocumentedError = (429, None, "This request has reached api limit");

#[tokio::test]
async fn broadcast_to_all_users_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        BROADCAST_EXT,
        BROADCAST_FROM,
        (400, Some("illegal_argument"), "target_type can only be 'users'"),
        (400, Some("illegal_argument"), "target_type must be provided"),
        UNAUTHORIZED,
        BROADCAST_UNOPENED,
        (403, Some("forbidden_op"), "broadcast message limit exceeded"),
        BROADCAST_API_LIMIT,
    ];
    assert_documented_errors("messages_broadcast_to_all_users", ERRORS, |c| async move {
        let msg = MessageBroadcastContent::new(MessageType::Cmd).action("refresh");
        c.messages().broadcast_to_all_users(MessageBroadcastTarget::Users, msg).send().await
    })
    .await;
}

// ---------------------------------------------------------------- broadcast_to_online_users

#[tokio::test]
async fn broadcast_to_online_users_sends_the_doc_example() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"path":"/messages/users/broadcast","uri":"https://XXXX/XXXX/XXXX/messages/users/broadcast","timestamp":1699944653964,
            "organization":"XXXX","application":"331d42e6-ad85-XXXX-XXXX-d1fb6fef9f12","action":"post",
            "data":{"id":1173998498812376874},"duration":1,"applicationName":"XXXX"}"#,
    )
    .await;
    let r = h
        .client
        .messages()
        .broadcast_to_online_users(
            MessageBroadcastContent::new(MessageType::Txt).msg("send broadcast to all online users"),
        )
        .from("admin")
        .ext([("extKey", json!("extValue"))])
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/messages/users/broadcast",
        "",
        Some(json!({"msg":{"type":"txt","msg":"send broadcast to all online users"},"from":"admin","ext":{"extKey":"extValue"}})),
    )
    .await;
    assert_eq!(r.id, 1173998498812376874);
    assert_eq!(r.meta.duration, Some(1));
}

#[tokio::test]
async fn broadcast_to_online_users_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        (400, Some("invalid_request_body"), "Request body is invalid. Please check body is correct."),
        BROADCAST_FROM,
        BROADCAST_EXT,
        UNAUTHORIZED,
        (403, Some("forbidden_op"), "online user broadcast limit exceeded"),
        BROADCAST_UNOPENED,
        BROADCAST_API_LIMIT,
    ];
    assert_documented_errors("messages_broadcast_to_online_users", ERRORS, |c| async move {
        c.messages().broadcast_to_online_users(MessageBroadcastContent::new(MessageType::Cmd).action("a")).send().await
    })
    .await;
}

// ---------------------------------------------------------------- stream_to_user / stream_to_group

const STREAM_FIRST: &str = r#"{"path":"/stream_message/users","uri":"https://XXXX/XXXX/XXXX/stream_message/users","timestamp":1766740077265,
    "organization":"113230417254974","application":"dd7f0328-5f3e-XXXX-XXXX-2e0434c5931b","action":"post",
    "data":{"msgId":"1499696395467098072"},"duration":74,"applicationName":"moderation"}"#;

#[tokio::test]
async fn stream_to_user_first_chunk_has_no_msg_id_and_returns_the_stream_id() {
    let h = Harness::start().await;
    h.reply(200, STREAM_FIRST).await;
    let chunk = MessageStreamChunk::new("第一个分片", 0).format(MessageStreamFormat::Markdown);
    let r = h
        .client
        .messages()
        .stream_to_user("111", "222", chunk)
        .ext(Vec::<(String, Value)>::new())
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/stream_message/user",
        "",
        Some(json!({"from":"111","to":"222","body":{"msg":"第一个分片","seq":0,"type":"markdown"},"ext":{}})),
    )
    .await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].msg_id.as_ref().map(|m| m.as_str()), Some("1499696395467098072"));
    // The answer echoes the plural path; it is metadata only.
    assert_eq!(r.meta.path.as_deref(), Some("/stream_message/users"));
}

/// Chunk 1 of the doc examples: the stream ID, `finishReason` 0, markdown.
fn later_chunk(text: &str, msg_id: &str, finish: bool) -> MessageStreamChunk {
    MessageStreamChunk::new(text, 1)
        .msg_id(msg_id)
        .finish(finish)
        .finish_reason(0)
        .format(MessageStreamFormat::Markdown)
}

#[tokio::test]
async fn stream_to_user_later_chunks_send_the_msg_id_and_tolerate_an_answer_without_data() {
    let h = Harness::start().await;
    h.reply(200, r#"{"path":"/stream_message/users","action":"post","duration":3}"#).await;
    let chunk = later_chunk("第二个分片", "1499696395467098072", false);
    let r = h.client.messages().stream_to_user("111", "222", chunk).send().await.unwrap();
    h.expect(
        "POST",
        "/org/app/stream_message/user",
        "",
        Some(json!({"from":"111","to":"222","body":{"msgId":"1499696395467098072","msg":"第二个分片","seq":1,
                    "finish":false,"finishReason":0,"type":"markdown"}})),
    )
    .await;
    assert!(r.is_empty());
    assert_eq!(r.meta.duration, Some(3));
}

#[tokio::test]
async fn stream_to_user_refuses_a_negative_seq() {
    let h = Harness::start().await;
    let chunk = MessageStreamChunk::new("x", -1);
    let result = h.client.messages().stream_to_user("111", "222", chunk).send().await;
    assert_refused(&h, result, "messages_stream_to_user", "chunk.seq", "must be at least 0, got -1").await;
}

#[tokio::test]
async fn stream_error_keeps_the_numeric_error_code() {
    let h = Harness::start().await;
    h.reply(
        400,
        r#"{"error":"message_send_error","exception":"MessageSendException","timestamp":1766737700561,"duration":1,
            "error_code":14035,"error_description":"stream message has already finished"}"#,
    )
    .await;
    let chunk = MessageStreamChunk::new("late", 3).msg_id("1499696395467098072");
    let e = api_error(easemob_tests::once(&h).messages().stream_to_user("111", "222", chunk).send().await);
    assert_eq!(e.code, Some(ErrorCode::MessageSendError));
    assert_eq!(e.body.as_ref().and_then(|b| b.error_code), Some(14035));
    assert_eq!(e.exception.as_deref(), Some("MessageSendException"));
    assert_eq!(e.description.as_deref(), Some("stream message has already finished"));
}

/// The streaming error table: `error_code` and description.
const STREAM_ERRORS: &[(i64, &str)] = &[
    (14001, "param from can't be empty"),
    (14002, "param to can't be empty"),
    (14005, "param body can't be empty"),
    (14030, "param body.seq is illegal"),
    (14031, "can not find stream message by msgId"),
    (14032, "stream message total length exceeds limit"),
    (14033, "stream message chunk interval timeout"),
    (14034, "stream message total timeout"),
    (14035, "stream message has already finished"),
    (14036, "stream message from user mismatch"),
    (14037, "stream message to user mismatch"),
    (14038, "stream message chunk seq too small"),
];

/// Replies with each streaming error in turn and checks the typed error.
async fn assert_stream_errors<T, F, Fut>(operation: &str, call: F)
where
    T: std::fmt::Debug,
    F: Fn(easemob::Client) -> Fut,
    Fut: std::future::Future<Output = Result<T, easemob::Error>>,
{
    for &(number, description) in STREAM_ERRORS {
        let h = Harness::start().await;
        let body = json!({"error":"message_send_error","exception":"MessageSendException","timestamp":1766737700561u64,
                          "duration":1,"error_code":number,"error_description":description});
        h.reply(400, &body.to_string()).await;
        let e = api_error(call(easemob_tests::once(&h)).await);
        assert_eq!(e.operation, operation);
        assert_eq!(e.code, Some(ErrorCode::MessageSendError), "{description}");
        assert_eq!(e.body.as_ref().and_then(|b| b.error_code), Some(number));
        assert_eq!(e.description.as_deref(), Some(description));
    }
    assert_documented_errors(operation, &[UNAUTHORIZED], call).await;
}

#[tokio::test]
async fn stream_to_user_documented_errors_decode() {
    assert_stream_errors("messages_stream_to_user", |c| async move {
        c.messages().stream_to_user("111", "222", MessageStreamChunk::new("x", 0)).send().await
    })
    .await;
}

#[tokio::test]
async fn stream_to_group_sends_the_doc_examples() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"path":"/stream_message/chatgroup","uri":"https://a1-qa-hsb.agora.com/113230417254974/moderation/stream_message/chatgroup",
            "timestamp":1766743799730,"organization":"113230417254974","application":"dd7f0328-5f3e-448d-9674-2e0434c5931b",
            "action":"post","data":{"msgId":"1499712384170721280"},"duration":0,"applicationName":"moderation"}"#,
    )
    .await;
    let last = later_chunk("第二个分片，finish。", "1499712384170721280", true);
    let r = h.client.messages().stream_to_group("222", "301018534445057", last).send().await.unwrap();
    h.expect(
        "POST",
        "/org/app/stream_message/chatgroup",
        "",
        Some(json!({"from":"222","to":"301018534445057","body":{"msgId":"1499712384170721280","msg":"第二个分片，finish。",
                    "seq":1,"finish":true,"finishReason":0,"type":"markdown"}})),
    )
    .await;
    assert_eq!(r[0].msg_id.as_ref().map(|m| m.as_str()), Some("1499712384170721280"));
}

#[tokio::test]
async fn stream_to_group_documented_errors_decode() {
    assert_stream_errors("messages_stream_to_group", |c| async move {
        c.messages().stream_to_group("222", "301018534445057", MessageStreamChunk::new("x", 0)).send().await
    })
    .await;
}

// ---------------------------------------------------------------- recall_batch

fn recall_request(msg_id: &str, to: &str, chat_type: MessageChatType) -> MessageRecallRequest {
    MessageRecallRequest::new(msg_id, to, chat_type, false).from("18XXXXebf262").sync_device(false)
}

#[tokio::test]
async fn recall_batch_sends_the_doc_example_and_decodes_each_outcome() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"path":"/messages/batch_recall","uri":"https://XXXX/XXXX/XXXX/messages/batch_recall","timestamp":1657529588473,
            "organization":"XXXX","application":"09ebbf8b-XXXX-XXXX-XXXX-d47c3b38e434","action":"post",
            "data":[{"recalled":"yes","chattype":"chat","from":"XXXX","to":"XXXX","msg_id":"1028442XXXX94698104"},
                    {"recalled":"yes","chattype":"chat","from":"XXXX","to":"XXXX","msg_id":"104367XXXX564398104"}],
            "duration":8,"applicationName":"XXXX"}"#,
    )
    .await;
    let msgs = [
        recall_request("7126XXXX2581", "d95XXXX81c64", MessageChatType::Chatroom),
        recall_request("10436XXXX4564398104", "d9571XXXXc64", MessageChatType::Chat),
    ];
    let r = h.client.messages().recall_batch(msgs).extension_info("info").send().await.unwrap();
    h.expect(
        "POST",
        "/org/app/messages/batch_recall",
        "",
        Some(json!({"msgs":[
            {"msg_id":"7126XXXX2581","to":"d95XXXX81c64","from":"18XXXXebf262","chat_type":"chatroom","force":false,"sync_device":false},
            {"msg_id":"10436XXXX4564398104","to":"d9571XXXXc64","from":"18XXXXebf262","chat_type":"chat","force":false,"sync_device":false}],
            "recallMessageExtensionInfo":"info"})),
    )
    .await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].recalled, "yes");
    assert_eq!(r[0].chat_type, Some(MessageChatType::Chat));
    assert_eq!(r[1].msg_id.as_ref().map(|m| m.as_str()), Some("104367XXXX564398104"));
    assert_eq!(r.meta.duration, Some(8));
}

#[tokio::test]
async fn recall_batch_takes_at_most_30_messages_per_call() {
    let h = Harness::start().await;
    let many: Vec<MessageRecallRequest> =
        easemob_tests::ids("m", 31).iter().map(|id| recall_request(id, "u", MessageChatType::Chat)).collect();
    let result = h.client.messages().recall_batch(many.clone()).send().await;
    assert_refused(&h, result, "messages_recall_batch", "messages", "takes at most 30 items per call, got 31").await;
    h.reply(200, r#"{"data":[{"recalled":"yes","msg_id":"m0"}]}"#).await;
    let all = h.client.messages().recall_batch(many).send_all().await.unwrap();
    assert_eq!(all.len(), 2, "one outcome per answer item, two calls");
    assert_eq!(h.requests().await.len(), 2);
}

#[tokio::test]
async fn recall_batch_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        (400, Some("message_recall_error"), "param msg_id can't be empty"),
        (400, Some("message_recall_error"), "param to can't be empty"),
        (400, Some("message_recall_error"), "param chat_type can't be empty"),
        (400, Some("message_recall_error"), "param force can't be empty"),
        UNAUTHORIZED,
        (403, Some("message_recall_error"), "exceed recall time limit"),
        (403, Some("message_recall_error"), "not_found msg"),
        (403, Some("forbidden_op"), "message recall service is unopened"),
    ];
    assert_documented_errors("messages_recall_batch", ERRORS, |c| async move {
        c.messages().recall_batch([recall_request("1", "u", MessageChatType::Chat)]).send().await
    })
    .await;
}

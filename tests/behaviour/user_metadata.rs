//! `client.user_metadata()`: every operation against the doc examples.

use easemob::{CallOptions, ErrorCode, RetryPolicy};
use easemob_tests::{Harness, api_error, invalid_input};
use serde_json::json;

/// One attempt only, so a documented 500 is seen as it is.
fn once() -> CallOptions {
    CallOptions::new().retry(RetryPolicy::never())
}

/// Replies to each documented error in turn and checks that `$call` (with the
/// client bound to `$c`) returns it typed: status, code and description.
macro_rules! documented_errors {
    ($op:literal, $errors:expr, |$c:ident| $call:expr) => {
        for &(status, code, description) in $errors {
            let h = Harness::start().await;
            let body = json!({"error": code, "exception": "x", "timestamp": 1620445147011_i64, "duration": 0,
                              "error_description": description});
            h.reply(status, &body.to_string()).await;
            let $c = &h.client;
            let e = api_error($call.options(once()).send().await);
            assert_eq!(e.operation, $op);
            assert_eq!(e.status, status, "{description}");
            assert_eq!(e.code, Some(ErrorCode::from(code)), "{description}");
            // Printed as sent, or as the listed spelling of an alias
            // (`BAD_REQUEST` prints as `Bad Request`).
            let printed = e.code.as_ref().map_or("", ErrorCode::as_str);
            assert_eq!(fold_spelling(printed), fold_spelling(code), "{code}");
            assert_eq!(e.description.as_deref(), Some(description));
            assert_eq!(e.body.as_ref().and_then(|b| b.timestamp), Some(easemob::Timestamp::from_unix_millis(1620445147011)));
            assert_eq!(h.requests().await.len(), 1, "{status} {description} was sent more than once");
        }
    };
}

/// A code without case, spaces or underscores: spellings the spec lists as
/// aliases of one code fold to the same text.
fn fold_spelling(code: &str) -> String {
    code.chars().filter(|c| !matches!(c, ' ' | '_')).flat_map(char::to_lowercase).collect()
}

type Documented = &'static [(u16, &'static str, &'static str)];

const NOT_ENABLED: (u16, &str, &str) = (403, "FORBIDDEN", "{appkey} user metadata service not allow");
const AUTH_ERROR: (u16, &str, &str) = (401, "metadata_error", "auth error");

#[test]
fn reason_phrase_codes_are_kept_as_text_and_metadata_error_is_known() {
    assert_eq!(ErrorCode::from("FORBIDDEN"), ErrorCode::from("FORBIDDEN"));
    assert_eq!(ErrorCode::from("INTERNAL_SERVER_ERROR"), ErrorCode::from("INTERNAL_SERVER_ERROR"));
    assert_eq!(ErrorCode::from("BAD_REQUEST"), ErrorCode::from("BAD_REQUEST"));
    assert_eq!(ErrorCode::from("metadata_error"), ErrorCode::MetadataError);
}

const ATTRIBUTES: &str = r#"{"timestamp":1620445147011,
    "data":{"ext":"ext","nickname":"nickname","avatarurl":"https://www.easemob.com/avatar.png"},"duration":166}"#;

#[tokio::test]
async fn set_sends_the_pairs_form_encoded_and_reads_the_echo() {
    let h = Harness::start().await;
    h.reply(200, ATTRIBUTES).await;
    let r = h
        .client
        .user_metadata()
        .set("user1", [("avatarurl", "https://www.easemob.com/avatar.png"), ("ext", "ext"), ("nickname", "nickname")])
        .send()
        .await
        .unwrap();
    let reqs = h.requests().await;
    assert_eq!(reqs.len(), 1);
    let req = &reqs[0];
    assert_eq!((req.method.as_str(), req.url.path(), req.url.query()), ("PUT", "/org/app/metadata/user/user1", None));
    assert_eq!(req.headers.get("content-type").unwrap(), "application/x-www-form-urlencoded");
    assert_eq!(req.headers.get("authorization").unwrap(), "Bearer test-app-token");
    assert_eq!(
        String::from_utf8(req.body.clone()).unwrap(),
        "avatarurl=https%3A%2F%2Fwww.easemob.com%2Favatar.png&ext=ext&nickname=nickname"
    );
    assert_eq!(r.len(), 3);
    assert_eq!(r["nickname"], "nickname");
    assert_eq!(r["avatarurl"], "https://www.easemob.com/avatar.png");
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1620445147011)));
    assert_eq!(r.meta.duration, Some(166));
    assert_eq!(r.meta.action, None, "no full envelope on these answers");
}

#[tokio::test]
async fn set_rejects_attributes_over_2_kb_and_sends_exactly_2_kb() {
    let h = Harness::start().await;
    // The 2 KB are the attributes themselves: key plus value, in UTF-8.
    let e = invalid_input(h.client.user_metadata().set("user1", [("k", "v".repeat(2048))]).send().await);
    assert_eq!((e.operation, e.field), ("user_metadata_set", "body"));
    assert_eq!(e.rule, "has keys and values (UTF-8) of 2049 bytes; at most 2048 are allowed");
    h.expect_nothing_sent().await;
    h.reply(200, r#"{"timestamp":1,"data":{"k":"v"},"duration":1}"#).await;
    h.client.user_metadata().set("user1", [("k", "v".repeat(2047))]).send().await.unwrap();
    let reqs = h.requests().await;
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].body.len(), 2049, "`k=` plus 2047 bytes on the wire");
}

#[tokio::test]
async fn set_counts_cjk_text_by_its_utf8_bytes_not_its_percent_encoding() {
    let h = Harness::start().await;
    h.reply(200, r#"{"timestamp":1,"data":{"nickname":"x"},"duration":1}"#).await;
    // 600 CJK characters: 1800 bytes of UTF-8, 5400 once percent-encoded.
    let name = "环".repeat(600);
    h.client.user_metadata().set("user1", [("nickname", name.clone())]).send().await.unwrap();
    let reqs = h.requests().await;
    assert_eq!(reqs.len(), 1, "documented-valid attributes are sent");
    let sent: Vec<(String, String)> = url::form_urlencoded::parse(&reqs[0].body).into_owned().collect();
    assert_eq!(sent, [("nickname".to_owned(), name)]);
    assert!(reqs[0].body.len() > 5000, "the wire form is larger than the limit, which is fine");
}

#[tokio::test]
async fn set_documented_errors_decode() {
    const ERRORS: Documented = &[
        NOT_ENABLED,
        (403, "FORBIDDEN", "size of metadata for this single user exceeds the user defined limit, {}Bytes"),
        (403, "FORBIDDEN", "size of metadata for this single user exceeds the current mysql column size, {}Bytes"),
        (403, "FORBIDDEN", "total size of user metadata for this app exceeds the user defined limit, {}Bytes"),
        (500, "INTERNAL_SERVER_ERROR", "update metadata failed"),
    ];
    documented_errors!("user_metadata_set", ERRORS, |c| c.user_metadata().set("user1", [("k", "v")]));
}

#[tokio::test]
async fn get_reads_every_attribute() {
    let h = Harness::start().await;
    h.reply(200, ATTRIBUTES).await;
    let r = h.client.user_metadata().get("user1").send().await.unwrap();
    h.expect("GET", "/org/app/metadata/user/user1", "", None).await;
    assert_eq!(r["ext"], "ext");
    assert_eq!(r["nickname"], "nickname");
    assert_eq!(r.meta.duration, Some(166));
}

#[tokio::test]
async fn get_of_an_unknown_user_is_an_empty_map() {
    let h = Harness::start().await;
    h.reply(200, r#"{"timestamp":1620445147011,"data":{},"duration":2}"#).await;
    let r = h.client.user_metadata().get("nobody").send().await.unwrap();
    h.expect("GET", "/org/app/metadata/user/nobody", "", None).await;
    assert!(r.is_empty());
}

#[tokio::test]
async fn get_documented_errors_decode() {
    const ERRORS: Documented = &[AUTH_ERROR, NOT_ENABLED, (500, "INTERNAL_SERVER_ERROR", "")];
    documented_errors!("user_metadata_get", ERRORS, |c| c.user_metadata().get("user1"));
}

#[tokio::test]
async fn get_batch_posts_targets_and_properties() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"timestamp":1620448826647,"data":{
            "user1":{"ext":"ext","nickname":"nickname","avatarurl":"https://www.easemob.com/avatar.png"},
            "user2":{"ext":"ext","nickname":"nickname","avatarurl":"https://www.easemob.com/avatar.png"},
            "user3":{"ext":"ext","nickname":"nickname","avatarurl":"https://www.easemob.com/avatar.png"}},"duration":3}"#,
    )
    .await;
    let r = h
        .client
        .user_metadata()
        .get_batch(["user1", "user2", "user3"], ["avatarurl", "ext", "nickname"])
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/metadata/user/get",
        "",
        Some(json!({"targets":["user1","user2","user3"],"properties":["avatarurl","ext","nickname"]})),
    )
    .await;
    assert_eq!(r.len(), 3);
    assert_eq!(r["user2"]["nickname"], "nickname");
    assert_eq!(r["user3"]["avatarurl"], "https://www.easemob.com/avatar.png");
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1620448826647)));
    assert_eq!(r.meta.duration, Some(3));
}

#[tokio::test]
async fn get_batch_takes_at_most_100_users() {
    let h = Harness::start().await;
    let many: Vec<String> = (0..101).map(|i| format!("user{i}")).collect();
    let e = invalid_input(h.client.user_metadata().get_batch(many, ["nickname"]).send().await);
    assert_eq!((e.operation, e.field), ("user_metadata_get_batch", "usernames"));
    assert_eq!(e.rule, "takes at most 100 items per call, got 101");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn get_batch_send_all_splits_into_calls_of_100() {
    let h = Harness::start().await;
    h.reply(200, r#"{"timestamp":1,"data":{},"duration":1}"#).await;
    let many: Vec<String> = (0..150).map(|i| format!("user{i}")).collect();
    let all = h.client.user_metadata().get_batch(many, ["nickname"]).send_all().await.unwrap();
    assert_eq!(all.len(), 2);
    let reqs = h.requests().await;
    let sizes: Vec<usize> = reqs
        .iter()
        .map(|r| serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["targets"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, vec![100, 50]);
}

#[tokio::test]
async fn get_batch_is_retried_on_503_although_it_is_a_post() {
    let h = Harness::start().await;
    h.reply(503, "").await;
    let policy = RetryPolicy::default().max_attempts(2).budget(std::time::Duration::from_secs(5));
    let e = api_error(
        h.client
            .user_metadata()
            .get_batch(["user1"], ["nickname"])
            .options(CallOptions::new().retry(policy))
            .send()
            .await,
    );
    assert_eq!(e.status, 503);
    assert_eq!(h.requests().await.len(), 2, "a read is safe to send again");
}

#[tokio::test]
async fn get_batch_documented_errors_decode() {
    const ERRORS: Documented = &[(400, "BAD_REQUEST", "exceed allowed batch size %s"), AUTH_ERROR, NOT_ENABLED];
    documented_errors!("user_metadata_get_batch", ERRORS, |c| c.user_metadata().get_batch(["user1"], ["nickname"]));
}

#[tokio::test]
async fn delete_reads_the_boolean() {
    let h = Harness::start().await;
    h.reply(200, r#"{"timestamp":1616573382270,"duration":10,"data":true}"#).await;
    let r = h.client.user_metadata().delete("user1").send().await.unwrap();
    h.expect("DELETE", "/org/app/metadata/user/user1", "", None).await;
    assert!(r.data);
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1616573382270)));
    assert_eq!(r.meta.duration, Some(10));
}

#[tokio::test]
async fn delete_documented_errors_decode() {
    documented_errors!("user_metadata_delete", &[AUTH_ERROR, NOT_ENABLED], |c| c.user_metadata().delete("user1"));
}

#[tokio::test]
async fn capacity_reads_the_size_in_bytes() {
    let h = Harness::start().await;
    h.reply(200, r#"{"timestamp":1620447051368,"data":1673,"duration":55}"#).await;
    let r = h.client.user_metadata().capacity().send().await.unwrap();
    h.expect("GET", "/org/app/metadata/user/capacity", "", None).await;
    assert_eq!(r.data, 1673);
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1620447051368)));
    assert_eq!(r.meta.duration, Some(55));
}

#[tokio::test]
async fn capacity_documented_errors_decode() {
    const ERRORS: Documented = &[(401, "unauthorized", "unauthorized"), AUTH_ERROR, NOT_ENABLED];
    assert_eq!(ErrorCode::from("unauthorized"), ErrorCode::Unauthorized);
    documented_errors!("user_metadata_capacity", ERRORS, |c| c.user_metadata().capacity());
}

//! `client.presence()`: every operation against the doc examples.

use easemob_tests::{DocumentedError, Harness, UNAUTHORIZED, assert_documented_errors, assert_refused, ids};
use futures_util::StreamExt;
use serde_json::json;
use wiremock::matchers::query_param;
use wiremock::{Mock, ResponseTemplate};

const NOT_OPEN: DocumentedError = (400, Some("service open exception"), "the app not open presence");

#[tokio::test]
async fn set_posts_the_ext_to_the_device_path() {
    let h = Harness::start().await;
    h.reply(200, r#"{"result":"ok"}"#).await;
    let r = h.client.presence().set("c1", "android", "0", "123").send().await.unwrap();
    h.expect("POST", "/org/app/users/c1/presence/android/0", "", Some(json!({"ext":"123"}))).await;
    assert_eq!(r.data, "ok");
}

#[tokio::test]
async fn set_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        (400, Some("illegal_argument"), "ext cannot be null"),
        (400, Some("illegal_argument"), "ext is too big"),
        NOT_OPEN,
        UNAUTHORIZED,
    ];
    assert_documented_errors("presence_set", ERRORS, |c| async move {
        c.presence().set("c1", "android_123423453246", "1", "").send().await
    })
    .await;
}

#[tokio::test]
async fn subscribe_reads_times_sent_as_strings() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"result":[{"uid":"","last_time":"1644466063","expiry":"1645500371","ext":"123",
            "status":{"android":"1","android_6b5610ac-4e11-4661-82b3-dee17bc7b2cc":"0"}},
            {"uid":"c3","last_time":"1645183991","expiry":"1645500371","ext":"",
            "status":{"android":"0","android_6b5610ac-4e11-4661-82b3-dee17bc7b2cc":"0"}}]}"#,
    )
    .await;
    let r = h.client.presence().subscribe("wzy", 1000, ["c2", "c3"]).send().await.unwrap();
    h.expect("POST", "/org/app/users/wzy/presence/1000", "", Some(json!({"usernames":["c2","c3"]}))).await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].uid, "");
    assert_eq!((r[0].last_time, r[0].expiry), (Some(1644466063), Some(1645500371)));
    assert_eq!(r[0].status.as_ref().unwrap()["android"], "1");
    assert_eq!(r[1].uid, "c3");
    assert_eq!(r[1].ext.as_deref(), Some(""));
}

#[tokio::test]
async fn subscribe_checks_the_expiry_and_the_user_count() {
    let h = Harness::start().await;
    let result = h.client.presence().subscribe("wzy", 2_592_001, ["c2"]).send().await;
    assert_refused(&h, result, "presence_subscribe", "expiry", "must be at most 2592000, got 2592001").await;
    let result = h.client.presence().subscribe("wzy", 1000, ids("u", 101)).send().await;
    assert_refused(&h, result, "presence_subscribe", "users", "takes at most 100 items per call, got 101").await;
}

#[tokio::test]
async fn subscribe_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        (400, Some("illegal_argument"), "usernames is empty"),
        (400, Some("illegal_argument"), "too many sub presence"),
        (400, Some("illegal_argument"), "you can't sub yourself"),
        NOT_OPEN,
        UNAUTHORIZED,
    ];
    assert_documented_errors("presence_subscribe", ERRORS, |c| async move {
        c.presence().subscribe("wzy", 1000, ["c2"]).send().await
    })
    .await;
}

#[tokio::test]
async fn get_tolerates_a_repeated_device_key() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"result":[{"uid":"c2","last_time":"1644466063","ext":"","status":{"android":"0"}},
            {"uid":"c3","last_time":"1644475330","ext":"","status":{"android":"0","android":"1"}}]}"#,
    )
    .await;
    let r = h.client.presence().get("wzy", ["c2", "c3"]).send().await.unwrap();
    h.expect("POST", "/org/app/users/wzy/presence", "", Some(json!({"usernames":["c2","c3"]}))).await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].expiry, None);
    assert_eq!(r[1].last_time, Some(1644475330));
    assert_eq!(r[1].status.as_ref().unwrap().len(), 1);
}

#[tokio::test]
async fn get_takes_at_most_100_users() {
    let h = Harness::start().await;
    let result = h.client.presence().get("wzy", ids("u", 101)).send().await;
    assert_refused(&h, result, "presence_get", "users", "takes at most 100 items per call, got 101").await;
}

#[tokio::test]
async fn get_documented_errors_decode() {
    const ERRORS: &[DocumentedError] =
        &[(400, Some("illegal_argument"), "too many get presences"), NOT_OPEN, UNAUTHORIZED];
    assert_documented_errors("presence_get", ERRORS, |c| async move { c.presence().get("wzy", ["c2"]).send().await })
        .await;
}

#[tokio::test]
async fn unsubscribe_deletes_with_the_bare_array_of_the_example() {
    let h = Harness::start().await;
    h.reply(200, r#"{"result":"ok"}"#).await;
    let r = h.client.presence().unsubscribe("wzy", ["c1"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/users/wzy/presence", "", Some(json!(["c1"]))).await;
    assert_eq!(r.data, "ok");
}

#[tokio::test]
async fn unsubscribe_takes_at_most_100_users() {
    let h = Harness::start().await;
    let result = h.client.presence().unsubscribe("wzy", ids("u", 101)).send().await;
    assert_refused(&h, result, "presence_unsubscribe", "users", "takes at most 100 items per call, got 101").await;
}

#[tokio::test]
async fn unsubscribe_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        (400, Some("illegal_argument"), "usernames cannot be null"),
        (400, Some("illegal_argument"), "too many unsub presences"),
        NOT_OPEN,
        UNAUTHORIZED,
    ];
    assert_documented_errors("presence_unsubscribe", ERRORS, |c| async move {
        c.presence().unsubscribe("wzy", ["c1"]).send().await
    })
    .await;
}

#[tokio::test]
async fn list_subscriptions_sends_both_page_parameters_and_reads_string_numbers() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"result":{"totalnum":"2","sublist":[{"uid":"lxml2","expiry":"1645822322"},{"uid":"lxml1","expiry":"1645822322"}]}}"#,
    )
    .await;
    let r = h.client.presence().list_subscriptions("wzy").page(1).page_size(100).send().await.unwrap();
    h.expect("GET", "/org/app/users/wzy/presence/sublist", "pageNum=1&pageSize=100", None).await;
    assert_eq!(r.len(), 2);
    assert_eq!((r[0].uid.as_str(), r[0].expiry), ("lxml2", Some(1645822322)));
}

#[tokio::test]
async fn list_subscriptions_walks_pages_until_a_short_one() {
    let h = Harness::start().await;
    Mock::given(query_param("pageNum", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"result":{"totalnum":"3","sublist":[{"uid":"a","expiry":"1"},{"uid":"b","expiry":"2"}]}}"#,
            "application/json",
        ))
        .mount(&h.server)
        .await;
    Mock::given(query_param("pageNum", "2"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(
                r#"{"result":{"totalnum":"3","sublist":[{"uid":"c","expiry":"3"}]}}"#,
                "application/json",
            ),
        )
        .mount(&h.server)
        .await;
    let uids: Vec<String> = h
        .client
        .presence()
        .list_subscriptions("wzy")
        .page_size(2)
        .items()
        .map(|s| s.unwrap().uid.into_string())
        .collect()
        .await;
    assert_eq!(uids, ["a", "b", "c"]);
    assert_eq!(h.requests().await.len(), 2);
}

#[tokio::test]
async fn list_subscriptions_checks_the_page_size() {
    let h = Harness::start().await;
    let result = h.client.presence().list_subscriptions("wzy").page_size(101).send().await;
    assert_refused(&h, result, "presence_list_subscriptions", "page_size", "must be from 1 to 100, got 101").await;
    let result = h.client.presence().list_subscriptions("wzy").page(0).send().await;
    assert_refused(&h, result, "presence_list_subscriptions", "page", "must be at least 1, got 0").await;
}

#[tokio::test]
async fn list_subscriptions_documented_errors_decode() {
    assert_documented_errors("presence_list_subscriptions", &[NOT_OPEN, UNAUTHORIZED], |c| async move {
        c.presence().list_subscriptions("wzy").send().await
    })
    .await;
}

#[tokio::test]
async fn group_online_count_reads_the_bare_number() {
    let h = Harness::start().await;
    h.reply(200, r#"{"result":100}"#).await;
    let r = h.client.presence().group_online_count("1234", 1).send().await.unwrap();
    h.expect("GET", "/org/app/presence/online/1234/type/1", "", None).await;
    assert_eq!(r.data, 100);
}

#[tokio::test]
async fn group_online_count_takes_type_0_or_1() {
    let h = Harness::start().await;
    let result = h.client.presence().group_online_count("1234", 2).send().await;
    assert_refused(&h, result, "presence_group_online_count", "kind", "must be from 0 to 1, got 2").await;
}

#[tokio::test]
async fn group_online_count_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        (400, Some("illegal_argument"), "Id cannot be null."),
        (400, Some("illegal_argument"), "Type cannot be null."),
        (400, Some("illegal_argument"), "Type must be 0 or 1."),
        (400, Some("service open exception"), "this appkey not open rest group online service"),
        UNAUTHORIZED,
    ];
    assert_documented_errors("presence_group_online_count", ERRORS, |c| async move {
        c.presence().group_online_count("1234", 1).send().await
    })
    .await;
}

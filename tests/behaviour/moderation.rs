//! `client.moderation()`: every operation against the doc examples.

use easemob::ErrorCode;
use easemob::moderation::{ModerationDisposition, ModerationScope, ModerationVerdict};
use easemob_tests::{DocumentedError, Harness, UNAUTHORIZED, api_error, assert_documented_errors, assert_refused, ids};
use serde_json::json;

const NO_LIST: DocumentedError = (400, Some("Bad Request"), "textList data is empty");
const NO_APP: DocumentedError = (400, Some("Bad Request"), "appkey is not exist");
const EMPTY_DATA: DocumentedError = (400, Some("Bad Request"), "request data is empty");
const EXISTS: DocumentedError = (400, Some("Bad Request"), "The textList already exists");
const TEXT_COUNT: DocumentedError = (400, Some("Bad Request"), "The text count exceeds the maximum number");

#[tokio::test]
async fn check_text_posts_the_content_and_reads_the_verdict() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"code":200,"data":{"type":"REJECT","riskType":"广告:联系方式:网址","riskLabel":"AD","exchangeText":"*****",
            "sensitiveWords":["【放心借】新户福利"]},"meta":{"timestamp":1753260864654,"requestId":""}}"#,
    )
    .await;
    let r = h.client.moderation().check_text("【放心借】新户福利").send().await.unwrap();
    h.expect("POST", "/org/app/moderation/txt/check", "", Some(json!({"content":"【放心借】新户福利"}))).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].verdict, ModerationVerdict::Reject);
    assert_eq!(r[0].risk_type.as_deref(), Some("广告:联系方式:网址"));
    assert_eq!(r[0].risk_label.as_deref(), Some("AD"));
    assert_eq!(r[0].masked_text.as_deref(), Some("*****"));
    assert_eq!(r[0].sensitive_words.as_ref().map(Vec::len), Some(1));
    assert_eq!(r[0].probability, None);
}

#[tokio::test]
async fn check_text_accepts_data_as_the_declared_array() {
    let h = Harness::start().await;
    h.reply(200, r#"{"code":200,"data":[{"type":"PASS","riskLabel":"NONE","probability":0.01}]}"#).await;
    let r = h.client.moderation().check_text("hello").send().await.unwrap();
    assert_eq!((&r[0].verdict, r[0].probability), (&ModerationVerdict::Pass, Some(0.01)));
}

#[tokio::test]
async fn check_text_keeps_an_error_body_of_another_shape_as_text() {
    let h = Harness::start().await;
    h.reply(400, r#"{"code":4000404,"message":"text moderation not open"}"#).await;
    let e = api_error(easemob_tests::once(&h).moderation().check_text("x").send().await);
    assert_eq!((e.status, e.code.clone(), e.body.clone()), (400, None, None));
    assert!(e.raw_body.contains("4000404"), "{}", e.raw_body);
}

#[tokio::test]
async fn check_text_keeps_a_numeric_error_code_when_sent() {
    let h = Harness::start().await;
    h.reply(
        400,
        r#"{"error":"Bad request","error_code":4000005,"error_description":"message content is empty or null"}"#,
    )
    .await;
    let e = api_error(easemob_tests::once(&h).moderation().check_text("").send().await);
    // `Bad request` is an alias of `Bad Request`: one variant, printed the
    // listed way; the body as sent keeps the server's spelling.
    assert_eq!(e.code, Some(ErrorCode::BadRequest));
    assert_eq!(e.code.as_ref().map(|c| c.as_str()), Some("Bad Request"));
    assert!(e.raw_body.contains(r#""error":"Bad request""#), "{}", e.raw_body);
    assert_eq!(e.body.as_ref().and_then(|b| b.error_code), Some(4000005));
}

#[tokio::test]
async fn check_text_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        UNAUTHORIZED,
        (400, Some("Bad request"), "message content is empty or null"),
        (400, Some("Bad request"), "orgName not found"),
        (400, Some("Bad request"), "application not found"),
        (400, Some("Bad request"), "text moderation not open"),
        (400, Some("Bad request"), "text rule moderation not exist"),
        (400, Some("Bad request"), "text rule moderation not active"),
    ];
    assert_documented_errors("moderation_check_text", ERRORS, |c| async move {
        c.moderation().check_text("x").send().await
    })
    .await;
}

const CREATED: &str = r#"{"status":"OK","entity":{"id":"1xIXXXXlodF52URYQk7rZmd5s8k","name":"list_1","moderationId":"159XXXXcL0ylUvcBfVAZ0IRQNwW",
    "appkey":"XXXX#XXXX","category":"DEFAULT","scope":"ALL","tagId":null,"fullMatch":true,"suggestion":"PASS","disposition":"PASS",
    "quantity":3,"status":"ACTIVE","createDataTime":1752631447613,"updateDataTime":1752631447613,
    "textList":[{"id":"1xXXXXzCd7dhlkbkgE9REtO760H","appId":"1XXXXAi7wabrqsrjCV449Kljh98","word":"music","userId":"v1",
    "listId":"1xXXXXlodF52URYQk7rZmd5s8k","status":true,"createDateTime":1752631447638,"updateDateTime":1752631447638}]}}"#;

#[tokio::test]
async fn create_list_posts_the_doc_example_and_reads_the_list_with_its_keywords() {
    let h = Harness::start().await;
    h.reply(200, CREATED).await;
    let r = h
        .client
        .moderation()
        .create_list("list_1", ModerationScope::All, ModerationDisposition::Pass, ["music", "sport", "entertainment"])
        .full_match(true)
        .user_id("v1")
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/moderation/text/list",
        "",
        Some(json!({"name":"list_1","scope":"ALL","disposition":"PASS","fullMatch":true,"userId":"v1",
                    "textContexts":["music","sport","entertainment"]})),
    )
    .await;
    assert_eq!((r.name.as_deref(), r.quantity, r.full_match), (Some("list_1"), Some(3), Some(true)));
    assert_eq!(
        (r.scope.clone(), r.disposition.clone()),
        (Some(ModerationScope::All), Some(ModerationDisposition::Pass))
    );
    assert_eq!(r.tag_id, None);
    assert_eq!(r.created.as_deref(), Some("1752631447613"), "epoch milliseconds are kept as text");
    let k = &r.keywords.as_ref().unwrap()[0];
    assert_eq!(
        (k.word.as_deref(), k.status.as_deref(), k.created),
        (Some("music"), Some("true"), Some(easemob::Timestamp::from_unix_millis(1752631447638)))
    );
    assert_eq!(r.meta.status.as_deref(), Some("OK"));
}

#[tokio::test]
async fn create_list_checks_the_name_and_keyword_count() {
    let h = Harness::start().await;
    let m = h.client.moderation();
    let result = m.create_list("n".repeat(33), ModerationScope::All, ModerationDisposition::Reject, ["w"]).send().await;
    assert_refused(&h, result, "moderation_create_list", "name", "must be at most 32 characters, got 33").await;
    let result = m.create_list("n", ModerationScope::Tag, ModerationDisposition::Exchange, ids("w", 201)).send().await;
    assert_refused(&h, result, "moderation_create_list", "keywords", "takes at most 200 items per call, got 201").await;
}

#[tokio::test]
async fn create_list_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        UNAUTHORIZED,
        (400, Some("Bad Request"), "request param is empty"),
        (400, Some("Bad Request"), "The textList count exceeds the maximum number"),
        TEXT_COUNT,
        EXISTS,
        (400, Some("Bad Request"), "moderation org data is empty"),
        (400, Some("Bad Request"), "the number of words exceeds the limit"),
        (400, Some("MODERATION_002"), "request param is empty"),
    ];
    assert_documented_errors("moderation_create_list", ERRORS, |c| async move {
        c.moderation().create_list("l", ModerationScope::Chat, ModerationDisposition::Pass, ["w"]).send().await
    })
    .await;
}

const LIST_PAGE: &str = r#"{"status":"OK","entities":[{"id":"1r14aQrMz2vv3ob5wctsjB970y6","name":"14","moderationId":"159Rss4cL0ylUvcBfVAZ0IRQNwW",
    "appkey":"easemob-demo#support","category":"DEFAULT","scope":"ALL","tagId":null,"fullMatch":false,"suggestion":"PASS",
    "disposition":"PASS","quantity":0,"status":"ACTIVE","createDataTime":"2025-02-28T08:50:24.888+00:00",
    "updateDataTime":"2025-02-28T08:50:24.888+00:00"}],"first":true,"last":true,"size":10,"number":0,"numberOfElements":1,
    "totalPages":1,"totalElements":1}"#;

#[tokio::test]
async fn search_lists_reads_the_page_and_iso_times() {
    let h = Harness::start().await;
    h.reply(200, LIST_PAGE).await;
    let r = h.client.moderation().search_lists().page(1).size(5).send().await.unwrap();
    h.expect("POST", "/org/app/moderation/text/list/search", "", Some(json!({"size":5,"page":1}))).await;
    let lists = r.lists.as_ref().unwrap();
    assert_eq!(lists[0].name.as_deref(), Some("14"));
    assert_eq!(lists[0].created.as_deref(), Some("2025-02-28T08:50:24.888+00:00"));
    assert_eq!((r.first, r.last, r.size, r.number), (Some(true), Some(true), Some(10), Some(0)));
    assert_eq!((r.on_page, r.total_pages, r.total), (Some(1), Some(1), Some(1)));
    assert_eq!(r.meta.status.as_deref(), Some("OK"));
}

#[tokio::test]
async fn search_lists_by_name_or_tag() {
    let h = Harness::start().await;
    h.reply(200, LIST_PAGE).await;
    h.client.moderation().search_lists().name("14").tag_id("111").send().await.unwrap();
    h.expect("POST", "/org/app/moderation/text/list/search", "", Some(json!({"name":"14","tagId":"111"}))).await;
}

#[tokio::test]
async fn search_lists_checks_the_page_and_size() {
    let h = Harness::start().await;
    let result = h.client.moderation().search_lists().size(201).send().await;
    assert_refused(&h, result, "moderation_search_lists", "size", "must be from 1 to 200, got 201").await;
    let result = h.client.moderation().search_lists().page(-1).send().await;
    assert_refused(&h, result, "moderation_search_lists", "page", "must be at least 0, got -1").await;
}

#[tokio::test]
async fn search_lists_documented_errors_decode() {
    assert_documented_errors("moderation_search_lists", &[UNAUTHORIZED], |c| async move {
        c.moderation().search_lists().send().await
    })
    .await;
}

#[tokio::test]
async fn update_list_puts_the_doc_example() {
    let h = Harness::start().await;
    h.reply(200, &LIST_PAGE.replace(r#""entities":["#, r#""entity":"#).replace(r#"}],"first""#, r#"},"first""#)).await;
    let r = h
        .client
        .moderation()
        .update_list("L1", "list_1", ModerationScope::All, ModerationDisposition::Pass)
        .full_match(true)
        .user_id("v1")
        .send()
        .await
        .unwrap();
    h.expect(
        "PUT",
        "/org/app/moderation/text/list/L1",
        "",
        Some(json!({"name":"list_1","scope":"ALL","disposition":"PASS","fullMatch":true,"userId":"v1"})),
    )
    .await;
    assert_eq!(r.id, "1r14aQrMz2vv3ob5wctsjB970y6");
    assert_eq!(r.keywords, None);
}

#[tokio::test]
async fn update_list_documented_errors_decode() {
    const ERRORS: &[DocumentedError] =
        &[UNAUTHORIZED, NO_LIST, EXISTS, (400, Some("Bad Request"), "textList id is empty")];
    assert_documented_errors("moderation_update_list", ERRORS, |c| async move {
        c.moderation().update_list("L1", "l", ModerationScope::Room, ModerationDisposition::Reject).send().await
    })
    .await;
}

#[tokio::test]
async fn delete_list_deletes_and_keeps_the_status() {
    let h = Harness::start().await;
    h.reply(200, r#"{"status":"OK"}"#).await;
    let r = h.client.moderation().delete_list("L1").send().await.unwrap();
    h.expect("DELETE", "/org/app/moderation/text/list/L1", "", None).await;
    assert_eq!(r.meta.status.as_deref(), Some("OK"));
}

#[tokio::test]
async fn delete_list_documented_errors_decode() {
    assert_documented_errors("moderation_delete_list", &[UNAUTHORIZED, NO_LIST, NO_APP], |c| async move {
        c.moderation().delete_list("L1").send().await
    })
    .await;
}

#[tokio::test]
async fn add_keywords_posts_the_doc_example() {
    let h = Harness::start().await;
    h.reply(200, CREATED).await;
    let r = h.client.moderation().add_keywords("L1", ["music", "musicradio", "musicvideo"], "v1").send().await.unwrap();
    h.expect(
        "POST",
        "/org/app/moderation/text/list/L1/word/batch",
        "",
        Some(json!({"wordContents":["music","musicradio","musicvideo"],"userId":"v1"})),
    )
    .await;
    assert_eq!(r.keywords.as_ref().map(Vec::len), Some(1));
}

#[tokio::test]
async fn add_keywords_takes_at_most_100() {
    let h = Harness::start().await;
    let result = h.client.moderation().add_keywords("L1", ids("w", 101), "v1").send().await;
    assert_refused(&h, result, "moderation_add_keywords", "words", "takes at most 100 items per call, got 101").await;
}

#[tokio::test]
async fn add_keywords_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        UNAUTHORIZED,
        TEXT_COUNT,
        EMPTY_DATA,
        NO_LIST,
        (400, Some("Bad Request"), "The textList already contains the text"),
    ];
    assert_documented_errors("moderation_add_keywords", ERRORS, |c| async move {
        c.moderation().add_keywords("L1", ["w"], "v1").send().await
    })
    .await;
}

#[tokio::test]
async fn search_keywords_sends_numbers_and_reads_the_page() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"status":"OK","entities":[{"id":"1xXXXX7uZXqAfXzk0Y2OZ3JOhJt","appId":"1DHFtAi7XXXXqsrjCV449Kljh98","word":"musicvideo",
            "userId":"v1","listId":"1r14SOXXXXiSBbR3WTczWj92qsq","status":true,"createDateTime":1752501847581,
            "updateDateTime":1752501847581}],"first":true,"last":true,"size":3,"number":0,"numberOfElements":3,"totalPages":1,
            "totalElements":3}"#,
    )
    .await;
    let r = h.client.moderation().search_keywords("L1", "music").page(0).size(3).send().await.unwrap();
    h.expect("POST", "/org/app/moderation/text/list/L1/word", "", Some(json!({"word":"music","page":0,"size":3})))
        .await;
    assert_eq!(r.keywords.as_ref().unwrap()[0].word.as_deref(), Some("musicvideo"));
    assert_eq!((r.last, r.total), (Some(true), Some(3)));
}

#[tokio::test]
async fn search_keywords_checks_the_size() {
    let h = Harness::start().await;
    let result = h.client.moderation().search_keywords("L1", "m").size(0).send().await;
    assert_refused(&h, result, "moderation_search_keywords", "size", "must be from 1 to 200, got 0").await;
}

#[tokio::test]
async fn search_keywords_documented_errors_decode() {
    assert_documented_errors("moderation_search_keywords", &[UNAUTHORIZED, NO_LIST, NO_APP], |c| async move {
        c.moderation().search_keywords("L1", "m").send().await
    })
    .await;
}

#[tokio::test]
async fn update_keyword_puts_the_doc_example() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"status":"OK","entity":{"id":"1xDQ86NiiXXXXmGNMBGgNEZ6jj9","appId":"1DHFtAi7wabrqsrjCV449Kljh98","word":"music",
            "userId":"v1","listId":"1r14XXXXZ3iSBbR3WTczWj92qsq","status":true,"createDateTime":1752489316741,
            "updateDateTime":1752490995382}}"#,
    )
    .await;
    let r =
        h.client.moderation().update_keyword("L1", "1xDQ86NiiXXXXmGNMBGgNEZ6jj9", "music", "v1").send().await.unwrap();
    h.expect(
        "PUT",
        "/org/app/moderation/text/list/L1/word",
        "",
        Some(json!({"id":"1xDQ86NiiXXXXmGNMBGgNEZ6jj9","word":"music","userId":"v1"})),
    )
    .await;
    assert_eq!(
        (r.word.as_deref(), r.updated),
        (Some("music"), Some(easemob::Timestamp::from_unix_millis(1752490995382)))
    );
}

#[tokio::test]
async fn update_keyword_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        UNAUTHORIZED,
        (400, Some("Bad Request"), "textList id is empty"),
        (400, Some("Bad Request"), "the param can not be empty"),
    ];
    assert_documented_errors("moderation_update_keyword", ERRORS, |c| async move {
        c.moderation().update_keyword("L1", "w1", "music", "v1").send().await
    })
    .await;
}

#[tokio::test]
async fn delete_keyword_sends_the_word_id_in_the_query() {
    let h = Harness::start().await;
    h.reply(200, r#"{"status":"OK","entity":true}"#).await;
    let r = h.client.moderation().delete_keyword("L1", "w1").send().await.unwrap();
    h.expect("DELETE", "/org/app/moderation/text/list/L1/word", "wordId=w1", None).await;
    assert!(r.data);
}

#[tokio::test]
async fn delete_keyword_documented_errors_decode() {
    assert_documented_errors("moderation_delete_keyword", &[UNAUTHORIZED, EMPTY_DATA], |c| async move {
        c.moderation().delete_keyword("L1", "w1").send().await
    })
    .await;
}

#[tokio::test]
async fn delete_keywords_sends_the_ids_and_reads_0_as_success() {
    let h = Harness::start().await;
    h.reply(200, r#"{"status":"OK","entity":0}"#).await;
    let ids = ["1xXXXXUjdvN1LE68wFeILywpks2", "1xXXXXNiiIOSZmGNMBGgNEZ6jj9"];
    let r = h.client.moderation().delete_keywords("L1", ids).send().await.unwrap();
    h.expect("DELETE", "/org/app/moderation/text/list/L1/word/batch", "", Some(json!({"wordIds":ids}))).await;
    assert_eq!(r.data, 0);
}

#[tokio::test]
async fn delete_keywords_takes_at_most_100() {
    let h = Harness::start().await;
    let result = h.client.moderation().delete_keywords("L1", ids("w", 101)).send().await;
    assert_refused(&h, result, "moderation_delete_keywords", "word_ids", "takes at most 100 items per call, got 101")
        .await;
}

#[tokio::test]
async fn delete_keywords_documented_errors_decode() {
    assert_documented_errors("moderation_delete_keywords", &[UNAUTHORIZED, EMPTY_DATA, NO_LIST], |c| async move {
        c.moderation().delete_keywords("L1", ["w1"]).send().await
    })
    .await;
}

//! `client.collections()`: every operation against the doc examples.

use easemob::collections::{CollectionDirection, CollectionNew};
use easemob_tests::{DocumentedError, Harness, UNAUTHORIZED, assert_documented_errors, assert_refused};
use serde_json::json;

const BAD_USER: DocumentedError = (400, Some("illegal_argument"), "username XXX is not legal");
const NOT_FOUND: DocumentedError = (400, None, "user collection not found");
const ONE: &str =
    r#"{"collection":{"id":"string","type":0,"data":"string","ext":"string","createdAt":0,"updatedAt":0}}"#;
const TWO: &str = r#"{"collections":[{"id":"id1","type":0,"data":"string","ext":"string","createdAt":0,"updatedAt":0},
    {"id":"id2","type":1,"data":"string","ext":"string","createdAt":0,"updatedAt":0}]}"#;

#[tokio::test]
async fn add_posts_the_doc_example_and_reads_the_nested_favourite() {
    let h = Harness::start().await;
    h.reply(200, ONE).await;
    let r = h.client.collections().add("u1", "string", 0).id("string").ext("info").send().await.unwrap();
    h.expect(
        "POST",
        "/org/app/users/u1/collections",
        "",
        Some(json!({"id":"string","data":"string","type":0,"ext":"info"})),
    )
    .await;
    assert_eq!((r.id.as_str(), r.kind, r.content.as_deref()), ("string", Some(0), Some("string")));
    assert_eq!((r.created_at, r.updated_at), (Some(0), Some(0)));
}

#[tokio::test]
async fn add_checks_the_data_and_ext_lengths() {
    let h = Harness::start().await;
    let result = h.client.collections().add("u1", "d".repeat(20_481), 0).send().await;
    assert_refused(&h, result, "collections_add", "content", "must be at most 20480 characters, got 20481").await;
    let result = h.client.collections().add("u1", "d", 0).ext("e".repeat(1025)).send().await;
    assert_refused(&h, result, "collections_add", "ext", "must be at most 1024 characters, got 1025").await;
}

#[tokio::test]
async fn add_documented_errors_decode() {
    assert_documented_errors("collections_add", &[BAD_USER, UNAUTHORIZED], |c| async move {
        c.collections().add("u1", "d", 0).send().await
    })
    .await;
}

#[tokio::test]
async fn add_batch_posts_every_field_of_each_item() {
    let h = Harness::start().await;
    h.reply(200, TWO).await;
    let items = [CollectionNew::new("string", "string", 0, "string", 0)];
    let r = h.client.collections().add_batch("string", items).send().await.unwrap();
    h.expect(
        "POST",
        "/org/app/collections",
        "",
        Some(json!({"username":"string","collections":[{"id":"string","type":0,"data":"string","ext":"string","createdAt":0}]})),
    )
    .await;
    let got: Vec<(&str, Option<i64>)> = r.iter().map(|c| (c.id.as_str(), c.kind)).collect();
    assert_eq!(got, [("id1", Some(0)), ("id2", Some(1))]);
}

#[tokio::test]
async fn add_batch_takes_at_most_20_favourites_and_checks_each() {
    let h = Harness::start().await;
    let many: Vec<CollectionNew> = (0..21).map(|i| CollectionNew::new(format!("id{i}"), "d", 0, "", 0)).collect();
    let result = h.client.collections().add_batch("u1", many).send().await;
    assert_refused(&h, result, "collections_add_batch", "collections", "takes at most 20 items per call, got 21").await;
    let long = [CollectionNew::new("id", "d", 0, "e".repeat(1025), 0)];
    let e = easemob_tests::invalid_input(h.client.collections().add_batch("u1", long).send().await);
    assert_eq!(e.rule, "must be at most 1024 characters, got 1025");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn add_batch_documented_errors_decode() {
    assert_documented_errors("collections_add_batch", &[BAD_USER, UNAUTHORIZED], |c| async move {
        c.collections().add_batch("u1", [CollectionNew::new("id", "d", 0, "", 0)]).send().await
    })
    .await;
}

#[tokio::test]
async fn list_sends_every_filter_and_reads_the_favourites() {
    let h = Harness::start().await;
    h.reply(200, TWO).await;
    let r = h
        .client
        .collections()
        .list("u1")
        .begin_time(0)
        .end_time(1700000000000)
        .direction(CollectionDirection::Asc)
        .kind(1)
        .limit(200)
        .collection_id("id0")
        .send()
        .await
        .unwrap();
    h.expect(
        "GET",
        "/org/app/users/u1/collections",
        "begin_time=0&end_time=1700000000000&direction=asc&type=1&limit=200&collection_id=id0",
        None,
    )
    .await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[1].id, "id2");
}

#[tokio::test]
async fn list_takes_1_to_200_per_call() {
    let h = Harness::start().await;
    let result = h.client.collections().list("u1").limit(201).send().await;
    assert_refused(&h, result, "collections_list", "limit", "must be from 1 to 200, got 201").await;
}

#[tokio::test]
async fn list_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        BAD_USER,
        (400, Some("illegal_argument"), "limit should be less than 200"),
        (400, Some("illegal_argument"), "direction should be desc or asc"),
        NOT_FOUND,
        UNAUTHORIZED,
    ];
    assert_documented_errors("collections_list", ERRORS, |c| async move { c.collections().list("u1").send().await })
        .await;
}

#[tokio::test]
async fn update_ext_puts_the_new_ext() {
    let h = Harness::start().await;
    h.reply(200, ONE).await;
    let r = h.client.collections().update_ext("u1", "c1", "string").send().await.unwrap();
    h.expect("PUT", "/org/app/users/u1/collections/c1", "", Some(json!({"ext":"string"}))).await;
    assert_eq!(r.ext.as_deref(), Some("string"));
}

#[tokio::test]
async fn update_ext_checks_the_ext_length() {
    let h = Harness::start().await;
    let result = h.client.collections().update_ext("u1", "c1", "e".repeat(1025)).send().await;
    assert_refused(&h, result, "collections_update_ext", "ext", "must be at most 1024 characters, got 1025").await;
}

#[tokio::test]
async fn update_ext_documented_errors_decode() {
    assert_documented_errors("collections_update_ext", &[BAD_USER, UNAUTHORIZED], |c| async move {
        c.collections().update_ext("u1", "c1", "").send().await
    })
    .await;
}

#[tokio::test]
async fn delete_sends_an_array_and_reads_the_result_as_a_boolean() {
    for answer in [r#"{"result":true}"#, r#"{"result":"true"}"#] {
        let h = Harness::start().await;
        h.reply(200, answer).await;
        let r = h.client.collections().delete("u1", ["string"]).send().await.unwrap();
        h.expect("DELETE", "/org/app/users/u1/collections", "", Some(json!({"collection_ids":["string"]}))).await;
        assert!(r.data, "{answer}");
    }
}

#[tokio::test]
async fn delete_takes_at_most_20_favourites() {
    let h = Harness::start().await;
    let result = h.client.collections().delete("u1", easemob_tests::ids("c", 21)).send().await;
    assert_refused(&h, result, "collections_delete", "collection_ids", "takes at most 20 items per call, got 21").await;
}

#[tokio::test]
async fn delete_documented_errors_decode() {
    assert_documented_errors("collections_delete", &[BAD_USER, NOT_FOUND, UNAUTHORIZED], |c| async move {
        c.collections().delete("u1", ["c1"]).send().await
    })
    .await;
}

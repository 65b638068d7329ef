//! `client.threads()`: every operation against the doc examples.

use std::future::Future;

use easemob::threads::ThreadSort;
use easemob::{Client, ErrorCode};
use easemob_tests::{Harness, api_error, invalid_input};
use serde_json::json;

/// An error body as the thread page prints them.
fn error_body(code: &ErrorCode, description: &str) -> String {
    json!({
        "error": code.as_str(),
        "exception": "com.easemob.group.exception.GroupException",
        "timestamp": 1650869972109_i64,
        "duration": 0,
        "error_description": description,
    })
    .to_string()
}

/// Answers `call` with each documented error and checks that it decodes
/// into the typed error.
async fn documented_errors<T, F, Fut>(operation: &str, call: F, rows: Vec<(u16, ErrorCode, &str)>)
where
    T: std::fmt::Debug,
    F: Fn(Client) -> Fut,
    Fut: Future<Output = Result<T, easemob::Error>>,
{
    for (status, code, description) in rows {
        let h = Harness::start().await;
        h.reply(status, &error_body(&code, description)).await;
        let e = api_error(call(h.client.clone()).await);
        assert_eq!(e.operation, operation);
        assert_eq!(e.status, status, "{description}");
        assert_eq!(e.code, Some(code), "{description}");
        assert_eq!(e.description.as_deref(), Some(description));
    }
}

fn group_error(status: u16, description: &'static str) -> (u16, ErrorCode, &'static str) {
    (status, ErrorCode::GroupError, description)
}

fn unauthorized() -> (u16, ErrorCode, &'static str) {
    (401, ErrorCode::Unauthorized, "Unable to authenticate (OAuth)")
}

/// The three errors every thread list documents.
fn list_errors() -> Vec<(u16, ErrorCode, &'static str)> {
    vec![group_error(400, "query param reaches limit."), unauthorized(), group_error(403, "thread not open.")]
}

// ---- list ----------------------------------------------------------------------

#[tokio::test]
async fn list_reads_entities_and_the_properties_cursor() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","applicationName":"testapp","duration":7,"entities":[{"id":"1XXXX8"}],"organization":"XXXX",
            "properties":{"cursor":"ZGXXXXTE"},"timestamp":1650869750247,"uri":"https://XXXX/XXXX/XXXX/thread"}"#,
    )
    .await;
    let r = h.client.threads().list().limit(10).cursor("abc").sort(ThreadSort::Asc).send().await.unwrap();
    h.expect("GET", "/org/app/thread", "limit=10&cursor=abc&sort=asc", None).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].id, "1XXXX8");
    assert_eq!(r.meta.properties, Some(json!({"cursor":"ZGXXXXTE"})));
    assert_eq!(r.meta.cursor, None);
    assert_eq!(r.meta.duration, Some(7));
    assert_eq!(r.meta.application_name.as_deref(), Some("testapp"));
}

#[tokio::test]
async fn list_without_inputs_sends_no_query() {
    let h = Harness::start().await;
    h.reply(200, r#"{"entities":[],"properties":{"cursor":"ZGXXXXTE"}}"#).await;
    let r = h.client.threads().list().sort(ThreadSort::Desc).send().await.unwrap();
    h.expect("GET", "/org/app/thread", "sort=desc", None).await;
    assert!(r.is_empty());
}

#[tokio::test]
async fn list_checks_the_limit_range() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.threads().list().limit(51).send().await);
    assert_eq!(e.operation, "threads_list");
    assert_eq!((e.field, e.rule.as_str()), ("limit", "must be from 1 to 50, got 51"));
    let e = invalid_input(h.client.threads().list().limit(0).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("limit", "must be from 1 to 50, got 0"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_documented_errors() {
    documented_errors("threads_list", |c| c.threads().list().send(), list_errors()).await;
}

// ---- list_joined ---------------------------------------------------------------

const JOINED: &str = r#"{"action":"get","applicationName":"testapp","duration":4,
    "entities":[{"name":"1","owner":"test4","id":"17XXXX69","msgId":"1920","groupId":"17XXXX61","created":1650856033420}],
    "organization":"XXXX","properties":{"cursor":"ZGXXXXzg"},"timestamp":1650869972109,"uri":"https://XXXX/XXXX/XXXX/threads/user/test4"}"#;

#[tokio::test]
async fn list_joined_decodes_threads() {
    let h = Harness::start().await;
    h.reply(200, JOINED).await;
    let r = h
        .client
        .threads()
        .list_joined("test4")
        .limit(50)
        .cursor("ZGXXXXzf")
        .sort(ThreadSort::Desc)
        .send()
        .await
        .unwrap();
    h.expect("GET", "/org/app/threads/user/test4", "limit=50&cursor=ZGXXXXzf&sort=desc", None).await;
    let t = &r[0];
    assert_eq!(t.id, "17XXXX69");
    assert_eq!(t.name.as_deref(), Some("1"));
    assert_eq!(t.owner.as_ref().map(|o| o.as_str()), Some("test4"));
    assert_eq!(t.msg_id.as_deref(), Some("1920"));
    assert_eq!(t.group_id.as_ref().map(|g| g.as_str()), Some("17XXXX61"));
    assert_eq!(t.created, Some(easemob::Timestamp::from_unix_millis(1650856033420)));
    assert_eq!(r.meta.properties, Some(json!({"cursor":"ZGXXXXzg"})));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1650869972109)));
}

#[tokio::test]
async fn list_joined_checks_the_limit_range() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.threads().list_joined("test4").limit(51).send().await);
    assert_eq!(e.operation, "threads_list_joined");
    assert_eq!((e.field, e.rule.as_str()), ("limit", "must be from 1 to 50, got 51"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_joined_documented_errors() {
    documented_errors("threads_list_joined", |c| c.threads().list_joined("test4").send(), list_errors()).await;
}

// ---- list_joined_in_group ------------------------------------------------------

#[tokio::test]
async fn list_joined_in_group_uses_the_slash_the_seed_drops() {
    let h = Harness::start().await;
    h.reply(200, JOINED).await;
    let r = h.client.threads().list_joined_in_group("17XXXX61", "test4").limit(1).send().await.unwrap();
    h.expect("GET", "/org/app/threads/chatgroups/17XXXX61/user/test4", "limit=1", None).await;
    assert_eq!(r[0].id, "17XXXX69");
    assert_eq!(r[0].group_id.as_ref().map(|g| g.as_str()), Some("17XXXX61"));
    assert_eq!(r.meta.properties, Some(json!({"cursor":"ZGXXXXzg"})));
}

#[tokio::test]
async fn list_joined_in_group_checks_the_limit_range() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.threads().list_joined_in_group("g", "u").limit(0).send().await);
    assert_eq!(e.operation, "threads_list_joined_in_group");
    assert_eq!((e.field, e.rule.as_str()), ("limit", "must be from 1 to 50, got 0"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_joined_in_group_documented_errors() {
    documented_errors(
        "threads_list_joined_in_group",
        |c| c.threads().list_joined_in_group("17XXXX61", "test4").send(),
        list_errors(),
    )
    .await;
}

// ---- create --------------------------------------------------------------------

#[tokio::test]
async fn create_sends_ids_as_strings() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","applicationName":"testapp","duration":4,"data":{"thread_id":"1XXXX7"},"organization":"XXXX",
            "timestamp":1650869972109,"uri":"https://XXXX/XXXX/XXXX/thread"}"#,
    )
    .await;
    let r = h.client.threads().create("179800091197441", "1", "1234", "test4").send().await.unwrap();
    h.expect(
        "POST",
        "/org/app/thread",
        "",
        Some(json!({"group_id":"179800091197441","name":"1","msg_id":"1234","owner":"test4"})),
    )
    .await;
    assert_eq!(r.thread_id, "1XXXX7");
    assert_eq!(r.meta.action.as_deref(), Some("post"));
    assert_eq!(r.meta.uri.as_deref(), Some("https://XXXX/XXXX/XXXX/thread"));
}

#[tokio::test]
async fn create_rejects_a_65_character_name() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.threads().create("g", "子".repeat(65), "m", "o").send().await);
    assert_eq!(e.operation, "threads_create");
    assert_eq!((e.field, e.rule.as_str()), ("name", "must be at most 64 characters, got 65"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn create_documented_errors() {
    documented_errors(
        "threads_create",
        |c| c.threads().create("179800091197441", "1", "1234", "test4").send(),
        vec![
            group_error(400, "thread must on group message to create."),
            group_error(400, "thread name limit reached."),
            (400, ErrorCode::ParamIllegal, "Failed to read HTTP message"),
            group_error(400, "msg not belong to app."),
            group_error(400, "msg not belong to group ."),
            group_error(400, "thread not nested."),
            unauthorized(),
            group_error(403, "thread number has reached limit."),
            group_error(403, "user join thread reach limit."),
            group_error(403, "msg already create thread.not allow to create."),
            group_error(403, "thread not open."),
            group_error(404, "user not in group."),
            group_error(404, "msg not exist."),
            group_error(404, "group not found."),
        ],
    )
    .await;
}

// ---- update / delete -----------------------------------------------------------

#[tokio::test]
async fn update_renames() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"put","applicationName":"testapp","duration":4,"data":{"name":"test4"},"organization":"XXXX",
            "timestamp":1650869972109,"uri":"https://XXXX/XXXX/XXXX/thread"}"#,
    )
    .await;
    let r = h.client.threads().update("1XXXX7", "test4").send().await.unwrap();
    h.expect("PUT", "/org/app/thread/1XXXX7", "", Some(json!({"name":"test4"}))).await;
    assert_eq!(r.name, "test4");
    assert_eq!(r.meta.action.as_deref(), Some("put"));
}

#[tokio::test]
async fn update_rejects_a_65_character_name() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.threads().update("t", "n".repeat(65)).send().await);
    assert_eq!(e.operation, "threads_update");
    assert_eq!((e.field, e.rule.as_str()), ("name", "must be at most 64 characters, got 65"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn update_documented_errors() {
    documented_errors(
        "threads_update",
        |c| c.threads().update("1XXXX7", "test4").send(),
        vec![
            group_error(400, "thread name limit reached."),
            unauthorized(),
            group_error(403, "thread not open."),
            group_error(404, "thread not found."),
        ],
    )
    .await;
}

#[tokio::test]
async fn delete_reads_the_status() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","applicationName":"testapp","duration":4,"data":{"status":"ok"},"organization":"XXXX",
            "timestamp":1650869972109,"uri":"https://XXXX/XXXX/XXXX/thread"}"#,
    )
    .await;
    let r = h.client.threads().delete("1XXXX7").send().await.unwrap();
    h.expect("DELETE", "/org/app/thread/1XXXX7", "", None).await;
    assert_eq!(r.outcome, "ok");
    assert_eq!(r.meta.organization.as_deref(), Some("XXXX"));
}

#[tokio::test]
async fn delete_documented_errors() {
    documented_errors(
        "threads_delete",
        |c| c.threads().delete("1XXXX7").send(),
        vec![unauthorized(), group_error(403, "thread not open."), group_error(404, "thread not found.")],
    )
    .await;
}

// ---- members -------------------------------------------------------------------

#[tokio::test]
async fn list_members_reads_data_affiliations() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","data":{"affiliations":["test4"]},"duration":4,"properties":{"cursor":"ZGNXXXXyMA"},
            "timestamp":1650872048366,"uri":"https://XXXX/XXXX/XXXX/thread/1XXXX8/users"}"#,
    )
    .await;
    let r = h.client.threads().list_members("1XXXX8").limit(20).cursor("ZGNXXXXyMQ").send().await.unwrap();
    h.expect("GET", "/org/app/thread/1XXXX8/users", "limit=20&cursor=ZGNXXXXyMQ", None).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0], "test4");
    assert_eq!(r.meta.properties, Some(json!({"cursor":"ZGNXXXXyMA"})));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1650872048366)));
}

#[tokio::test]
async fn list_members_checks_the_limit_range() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.threads().list_members("t").limit(51).send().await);
    assert_eq!(e.operation, "threads_list_members");
    assert_eq!((e.field, e.rule.as_str()), ("limit", "must be from 1 to 50, got 51"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_members_documented_errors() {
    let mut rows = list_errors();
    rows.push(group_error(404, "thread not found."));
    documented_errors("threads_list_members", |c| c.threads().list_members("1XXXX8").send(), rows).await;
}

#[tokio::test]
async fn add_members_posts_usernames() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","applicationName":"testapp","data":{"status":"ok"},"duration":1069,"organization":"XXXX",
            "timestamp":1650872649160,"uri":"https://XXXX/XXXX/XXXX/thread/1XXXX8/joined_thread"}"#,
    )
    .await;
    let r = h.client.threads().add_members("1XXXX8", ["test2", "test3"]).send().await.unwrap();
    h.expect("POST", "/org/app/thread/1XXXX8/users", "", Some(json!({"usernames":["test2","test3"]}))).await;
    assert_eq!(r.outcome, "ok");
    assert_eq!(r.meta.duration, Some(1069));
    assert_eq!(r.meta.uri.as_deref(), Some("https://XXXX/XXXX/XXXX/thread/1XXXX8/joined_thread"));
}

#[tokio::test]
async fn add_members_takes_1_to_10_users() {
    let h = Harness::start().await;
    let eleven: Vec<String> = (0..11).map(|i| format!("user{i}")).collect();
    let e = invalid_input(h.client.threads().add_members("t", eleven).send().await);
    assert_eq!(e.operation, "threads_add_members");
    assert_eq!((e.field, e.rule.as_str()), ("usernames", "takes at most 10 items per call, got 11"));
    let e = invalid_input(h.client.threads().add_members("t", Vec::<String>::new()).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("usernames", "needs at least 1 item(s), got 0"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn add_members_documented_errors() {
    documented_errors(
        "threads_add_members",
        |c| c.threads().add_members("1XXXX8", ["test2"]).send(),
        vec![
            group_error(400, "request body reaches limit."),
            unauthorized(),
            group_error(403, "thread not open."),
            group_error(403, "user join thread reach limit."),
            group_error(404, "thread not found."),
        ],
    )
    .await;
}

#[tokio::test]
async fn remove_members_is_a_delete_with_a_body() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","applicationName":"testy","duration":12412,
            "entities":[{"result":false,"user":"test2"},{"result":false,"user":"test6"}],"organization":"XXXX",
            "timestamp":1650874050419,"uri":"https://XXXX/XXXX/XXXX/thread/1XXXX8/users"}"#,
    )
    .await;
    let r = h.client.threads().remove_members("1XXXX8", ["test2", "test6"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/thread/1XXXX8/users", "", Some(json!({"usernames":["test2","test6"]}))).await;
    assert_eq!(r.len(), 2);
    assert!(!r[0].result);
    assert_eq!(r[0].user, "test2");
    assert_eq!(r[1].user, "test6");
    assert_eq!(r.meta.duration, Some(12412));
    assert_eq!(r.meta.application_name.as_deref(), Some("testy"));
}

#[tokio::test]
async fn remove_members_takes_1_to_10_users() {
    let h = Harness::start().await;
    let eleven: Vec<String> = (0..11).map(|i| format!("user{i}")).collect();
    let e = invalid_input(h.client.threads().remove_members("t", eleven).send().await);
    assert_eq!(e.operation, "threads_remove_members");
    assert_eq!((e.field, e.rule.as_str()), ("usernames", "takes at most 10 items per call, got 11"));
    let e = invalid_input(h.client.threads().remove_members("t", Vec::<String>::new()).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("usernames", "needs at least 1 item(s), got 0"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn remove_members_documented_errors() {
    documented_errors(
        "threads_remove_members",
        |c| c.threads().remove_members("1XXXX8", ["test2"]).send(),
        vec![
            group_error(400, "request body reaches limit."),
            unauthorized(),
            group_error(403, "thread not open."),
            group_error(404, "thread not found."),
        ],
    )
    .await;
}

#[tokio::test]
async fn thread_errors_keep_the_unknown_code_text() {
    let h = Harness::start().await;
    h.reply(
        403,
        r#"{"error":"group_error","exception":"x","timestamp":1,"duration":0,"error_description":"thread not open."}"#,
    )
    .await;
    let e = api_error(h.client.threads().delete("1XXXX7").send().await);
    assert_eq!(e.code.as_ref().map(|c| c.as_str()), Some("group_error"));
    assert_eq!(e.exception.as_deref(), Some("x"));
}

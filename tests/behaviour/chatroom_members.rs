//! `client.chatroom_members()`: every operation against the doc examples.

use easemob::{Affiliation, Error, ErrorCode};
use easemob_tests::{
    DocumentedError, Harness, STD_401, UNAUTHORIZED, V2_401, api_error, assert_documented_errors, assert_refused,
    invalid_input,
};
use serde_json::json;

/// Every operation of the area, by Rust method name, in the order of the doc page.
const OPERATIONS: [&str; 25] = [
    "list",
    "add",
    "add_batch",
    "remove",
    "remove_batch",
    "list_admins",
    "add_admin",
    "remove_admin",
    "list_blocked",
    "block",
    "block_batch",
    "unblock",
    "unblock_batch",
    "list_whitelist",
    "add_to_whitelist",
    "add_batch_to_whitelist",
    "remove_from_whitelist",
    "list_muted",
    "mute",
    "mute_all",
    "unmute",
    "unmute_all",
    "get_tags",
    "set_tags",
    "mute_tag",
];

/// The operations that take a list of users, all limited to 1..=60 per call.
const BATCH_OPERATIONS: [&str; 8] = [
    "add_batch",
    "remove_batch",
    "block_batch",
    "unblock_batch",
    "add_batch_to_whitelist",
    "remove_from_whitelist",
    "mute",
    "unmute",
];

/// `n` user IDs: `user0`, `user1`, ...
fn users(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("user{i}")).collect()
}

/// Calls operation `op` (its Rust method name) on chatroom `66XXXX33`; the
/// batch operations get `batch` as their users. The payload is dropped.
async fn call(h: &Harness, op: &str, batch: &[String]) -> Result<(), Error> {
    let m = h.client.chatroom_members();
    let room = "66XXXX33";
    let batch = batch.to_vec();
    match op {
        "list" => m.list(room).send().await.map(drop),
        "add" => m.add(room, "user1").send().await.map(drop),
        "add_batch" => m.add_batch(room, batch).send().await.map(drop),
        "remove" => m.remove(room, "user1").send().await.map(drop),
        "remove_batch" => m.remove_batch(room, batch).send().await.map(drop),
        "list_admins" => m.list_admins(room).send().await.map(drop),
        "add_admin" => m.add_admin(room, "user1").send().await.map(drop),
        "remove_admin" => m.remove_admin(room, "user1").send().await.map(drop),
        "list_blocked" => m.list_blocked(room).send().await.map(drop),
        "block" => m.block(room, "user1").send().await.map(drop),
        "block_batch" => m.block_batch(room, batch).send().await.map(drop),
        "unblock" => m.unblock(room, "user1").send().await.map(drop),
        "unblock_batch" => m.unblock_batch(room, batch).send().await.map(drop),
        "list_whitelist" => m.list_whitelist(room).send().await.map(drop),
        "add_to_whitelist" => m.add_to_whitelist(room, "user1").send().await.map(drop),
        "add_batch_to_whitelist" => m.add_batch_to_whitelist(room, batch).send().await.map(drop),
        "remove_from_whitelist" => m.remove_from_whitelist(room, batch).send().await.map(drop),
        "list_muted" => m.list_muted(room).send().await.map(drop),
        "mute" => m.mute(room, easemob::MuteDuration::from_secs(86_400), batch).send().await.map(drop),
        "mute_all" => m.mute_all(room).send().await.map(drop),
        "unmute" => m.unmute(room, batch).send().await.map(drop),
        "unmute_all" => m.unmute_all(room).send().await.map(drop),
        "get_tags" => m.get_tags(room, "user1").send().await.map(drop),
        "set_tags" => m.set_tags(room, "user1", ["t1"]).send().await.map(drop),
        "mute_tag" => m.mute_tag(room, "t1", easemob::MuteDuration::from_secs(30)).send().await.map(drop),
        other => panic!("no chatroom_members operation {other}"),
    }
}

/// An error body in the doc-v2 shape (the tables give `error` and
/// `error_description`; the rest is filled in).
fn error_body(code: &str, description: &str) -> String {
    json!({"error": code, "exception": "EasemobException", "timestamp": 1542554114398_i64, "duration": 0, "error_description": description})
        .to_string()
}

// ---------------------------------------------------------------- members

#[tokio::test]
async fn list_sends_paging_and_decodes_affiliations() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","application":"52XXXXf0","params":{"pagesize":["2"],"pagenum":["2"]},
            "uri":"https://XXXX/XXXX/XXXX/chatrooms/12XXXX11/users","entities":[],
            "data":[{"owner":"user1"},{"member":"user2"}],"timestamp":1489074511416,"duration":0,
            "organization":"XXXX","applicationName":"testapp","count":2}"#,
    )
    .await;
    let r = h.client.chatroom_members().list("12XXXX11").pagenum(2).pagesize(2).send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/12XXXX11/users", "pagenum=2&pagesize=2", None).await;
    assert_eq!(r.data, vec![Affiliation::Owner("user1".into()), Affiliation::Member("user2".into())]);
    assert_eq!(r.meta.count, Some(2));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1489074511416)));
    assert_eq!(r.meta.params.as_ref().unwrap()["pagenum"], vec!["2".to_owned()]);
    assert_eq!(r.meta.application_name.as_deref(), Some("testapp"));
}

#[tokio::test]
async fn list_without_paging_sends_no_query_and_reads_the_seed_003_example() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","application":"527cd7e0-04b3-11e7-9f59-ef10ecd81ff0","params":{"pagesize":["2"],"pagenum":["2"]},
            "uri":"http://a1.easemob.com/easemob-demo/testapp/chatrooms/1265710621211/users","entities":[],
            "data":[{"member":"user1"},{"member":"user2"}],"timestamp":1489074511416,"duration":0,
            "organization":"easemob-demo","applicationName":"testapp","count":2}"#,
    )
    .await;
    let r = h.client.chatroom_members().list("1265710621211").send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/1265710621211/users", "", None).await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[1], Affiliation::Member("user2".into()));
    assert_eq!(r.meta.organization.as_deref(), Some("easemob-demo"));
    assert_eq!(r.meta.count, Some(2));
}

#[tokio::test]
async fn list_rejects_a_zero_page_or_page_size_before_sending() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.chatroom_members().list("r").pagenum(0).send().await);
    assert_eq!(e.operation, "chatroom_members_list");
    assert_eq!((e.field, e.rule.as_str()), ("pagenum", "must be at least 1, got 0"));
    let e = invalid_input(h.client.chatroom_members().list("r").pagesize(0).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("pagesize", "must be at least 1, got 0"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_leaves_a_page_size_over_1000_to_the_server() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":[],"count":0}"#).await;
    let r = h.client.chatroom_members().list("r").pagesize(5000).send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/r/users", "pagesize=5000", None).await;
    assert!(r.is_empty());
    assert_eq!(r.meta.count, Some(0));
}

#[tokio::test]
async fn list_404_service_resource_not_found() {
    let h = Harness::start().await;
    h.reply(404, &error_body("service_resource_not_found", "do not find this group:12XXXX11")).await;
    let e = api_error(h.client.chatroom_members().list("12XXXX11").send().await);
    assert_eq!(e.status, 404);
    assert_eq!(e.operation, "chatroom_members_list");
    assert_eq!(e.code, Some(ErrorCode::ServiceResourceNotFound));
    assert_eq!(e.description.as_deref(), Some("do not find this group:12XXXX11"));
}

#[tokio::test]
async fn add_posts_without_a_body_and_decodes_the_outcome() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"8beXXXX02","uri":"https://XXXX/XXXX/XXXX/chatrooms/66XXXX33/users/user1","entities":[],
            "data":{"result":true,"action":"add_member","id":"66XXXX33","user":"user1"},"timestamp":1542554038353,"duration":0,
            "organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.chatroom_members().add("66XXXX33", "user1").send().await.unwrap();
    h.expect("POST", "/org/app/chatrooms/66XXXX33/users/user1", "", None).await;
    assert!(r.result);
    assert_eq!(r.action.as_deref(), Some("add_member"));
    assert_eq!(r.id.as_ref().map(|i| i.as_str()), Some("66XXXX33"));
    assert_eq!(r.user, "user1");
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542554038353)));
    assert_eq!(r.meta.action.as_deref(), Some("post"));
}

#[tokio::test]
async fn add_404_seed_003_user_not_found() {
    let h = Harness::start().await;
    h.reply(
        404,
        r#"{"error":"resource_not_found","timestamp":1542554114398,"duration":0,"exception":"com.easemob.group.exception.ResourceNotFoundException","error_description":"username user10 doesn't exist!"}"#,
    )
    .await;
    let e = api_error(h.client.chatroom_members().add("66213271109633", "user10").send().await);
    assert_eq!(e.status, 404);
    assert_eq!(e.code, Some(ErrorCode::ResourceNotFound));
    assert_eq!(e.exception.as_deref(), Some("com.easemob.group.exception.ResourceNotFoundException"));
    assert_eq!(e.description.as_deref(), Some("username user10 doesn't exist!"));
}

#[tokio::test]
async fn add_batch_sends_usernames_and_decodes_newmembers() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","uri":"https://XXXX/XXXX/XXXX/chatrooms/66XXXX33/users","entities":[],
            "data":{"newmembers":["user1","user2"],"action":"add_member","id":"66XXXX33"},"timestamp":1542554537237,"duration":9}"#,
    )
    .await;
    let r = h.client.chatroom_members().add_batch("66XXXX33", ["user1", "user2"]).send().await.unwrap();
    h.expect("POST", "/org/app/chatrooms/66XXXX33/users", "", Some(json!({"usernames":["user1","user2"]}))).await;
    assert_eq!(r.newmembers, ["user1", "user2"]);
    assert_eq!(r.action.as_deref(), Some("add_member"));
    assert_eq!(r.id.as_ref().map(|i| i.as_str()), Some("66XXXX33"));
    assert_eq!(r.meta.duration, Some(9));
    assert_eq!(r.meta.uri.as_deref(), Some("https://XXXX/XXXX/XXXX/chatrooms/66XXXX33/users"));
}

#[tokio::test]
async fn add_batch_reports_only_the_users_added() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"newmembers":["user2"],"action":"add_member","id":"66XXXX33"}}"#).await;
    let r = h.client.chatroom_members().add_batch("66XXXX33", ["user1", "user2"]).send().await.unwrap();
    assert_eq!(r.newmembers, ["user2"]);
}

#[tokio::test]
async fn remove_decodes_the_single_object() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","uri":"https://XXXX/XXXX/XXXX/chatrooms/66XXXX33/users/user1","entities":[],
            "data":{"result":true,"action":"remove_member","user":"user1","id":"66XXXX33"},"timestamp":1542555744726,"duration":1}"#,
    )
    .await;
    let r = h.client.chatroom_members().remove("66XXXX33", "user1").send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/66XXXX33/users/user1", "", None).await;
    assert_eq!(r.len(), 1);
    let m = &r[0];
    assert!(m.result);
    assert_eq!(m.action.as_deref(), Some("remove_member"));
    assert_eq!(m.user, "user1");
    assert_eq!(m.reason, None);
    assert_eq!(m.id.as_ref().map(|i| i.as_str()), Some("66XXXX33"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542555744726)));
}

#[tokio::test]
async fn remove_accepts_the_array_the_batch_twin_gets() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":[{"result":true,"action":"remove_member","user":"user1","id":"66XXXX33"}]}"#).await;
    let r = h.client.chatroom_members().remove("66XXXX33", "user1").send().await.unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].user, "user1");
}

#[tokio::test]
async fn remove_seed_003_403_with_a_not_found_body_still_decodes() {
    // Seed 003 prints a 404 body under "403" for this call (a copy error); it
    // must still come back as a typed error.
    let h = Harness::start().await;
    h.reply(
        403,
        r#"{"error":"resource_not_found","timestamp":1542555822284,"duration":0,"exception":"com.easemob.group.exception.ResourceNotFoundException","error_description":"grpID 6621327110963 does not exist!"}"#,
    )
    .await;
    let e = api_error(h.client.chatroom_members().remove("6621327110963", "user1").send().await);
    assert_eq!(e.status, 403);
    assert_eq!(e.code, Some(ErrorCode::ResourceNotFound));
    assert_eq!(e.description.as_deref(), Some("grpID 6621327110963 does not exist!"));
}

#[tokio::test]
async fn remove_batch_joins_ids_with_an_encoded_comma() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","uri":"https://XXXX/XXXX/XXXX/chatrooms/66XXXX33/users/user1%2Cuser2","entities":[],
            "data":[{"result":false,"action":"remove_member","reason":"user: user1 doesn't exist in group: 66XXXX33","user":"user1","id":"66XXXX33"},
                    {"result":true,"action":"remove_member","user":"user2","id":"66XXXX33"}],
            "timestamp":1542556177147,"duration":0}"#,
    )
    .await;
    let r = h.client.chatroom_members().remove_batch("66XXXX33", ["user1", "user2"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/66XXXX33/users/user1%2Cuser2", "", None).await;
    assert_eq!(r.len(), 2);
    assert!(!r[0].result);
    assert_eq!(r[0].reason.as_deref(), Some("user: user1 doesn't exist in group: 66XXXX33"));
    assert_eq!(r[0].user, "user1");
    assert!(r[1].result);
    assert_eq!(r[1].user, "user2");
    assert_eq!(r[1].reason, None);
    assert_eq!(r[1].id.as_ref().map(|i| i.as_str()), Some("66XXXX33"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542556177147)));
}

#[tokio::test]
async fn remove_batch_accepts_a_single_object() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","data":{"result":true,"action":"remove_member","user":"user1","id":"66XXXX33"},"timestamp":1542555744726,"duration":1}"#,
    )
    .await;
    let r = h.client.chatroom_members().remove_batch("66XXXX33", ["user1"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/66XXXX33/users/user1", "", None).await;
    assert_eq!(r.len(), 1);
    assert!(r[0].result);
    assert_eq!(r[0].user, "user1");
    assert_eq!(r.meta.duration, Some(1));
}

#[tokio::test]
async fn remove_batch_403_seed_003_not_members() {
    let h = Harness::start().await;
    h.reply(
        403,
        r#"{"error":"forbidden_op","timestamp":1542556235498,"duration":0,"exception":"com.easemob.group.exception.ForbiddenOpException","error_description":"users [user10, user2] are not members of this group!"}"#,
    )
    .await;
    let e = api_error(h.client.chatroom_members().remove_batch("66213271109633", ["user10", "user2"]).send().await);
    assert_eq!(e.status, 403);
    assert_eq!(e.code, Some(ErrorCode::ForbiddenOp));
    assert_eq!(e.exception.as_deref(), Some("com.easemob.group.exception.ForbiddenOpException"));
    assert_eq!(e.description.as_deref(), Some("users [user10, user2] are not members of this group!"));
}

#[tokio::test]
async fn remove_batch_refuses_an_id_with_a_comma() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.chatroom_members().remove_batch("r", ["user1,user2"]).send().await);
    assert_eq!(e.field, "usernames");
    assert_eq!(e.rule, r#"item 0 ("user1,user2") contains `,`, which separates the items"#);
    h.expect_nothing_sent().await;
}

// ----------------------------------------------------------------- admins

#[tokio::test]
async fn list_admins_decodes_user_ids() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","uri":"https://XXXX/XXXX/XXXX/chatrooms/12XXXX11/admin","entities":[],"data":["user1"],"timestamp":1489073361210,"duration":0,"count":1}"#,
    )
    .await;
    let r = h.client.chatroom_members().list_admins("12XXXX11").send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/12XXXX11/admin", "", None).await;
    assert_eq!(r.data, ["user1"]);
    assert_eq!(r.meta.count, Some(1));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1489073361210)));
}

#[tokio::test]
async fn add_admin_sends_newadmin_and_reads_success_as_true() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","uri":"https://XXXX/XXXX/XXXX/chatrooms/12XXXX11/admin","entities":[],"data":{"result":"success","newadmin":"user1"},"timestamp":1489073130083,"duration":1}"#,
    )
    .await;
    let r = h.client.chatroom_members().add_admin("12XXXX11", "user1").send().await.unwrap();
    h.expect("POST", "/org/app/chatrooms/12XXXX11/admin", "", Some(json!({"newadmin":"user1"}))).await;
    assert!(r.result);
    assert_eq!(r.newadmin, "user1");
    assert_eq!(r.meta.duration, Some(1));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1489073130083)));
}

#[tokio::test]
async fn add_admin_reads_the_tables_false_string_and_a_real_boolean() {
    for (result, expected) in [(r#""false""#, false), ("true", true), ("false", false)] {
        let h = Harness::start().await;
        h.reply(200, &format!(r#"{{"data":{{"result":{result},"newadmin":"user1"}}}}"#)).await;
        let r = h.client.chatroom_members().add_admin("12XXXX11", "user1").send().await.unwrap();
        assert_eq!(r.result, expected, "result {result}");
    }
}

#[tokio::test]
async fn remove_admin_deletes_and_reads_success_as_true() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","uri":"https://XXXX/XXXX/XXXX/chatrooms/12XXXX11/admin/user1","entities":[],"data":{"result":"success","oldadmin":"user1"},"timestamp":1489073432732,"duration":1}"#,
    )
    .await;
    let r = h.client.chatroom_members().remove_admin("12XXXX11", "user1").send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/12XXXX11/admin/user1", "", None).await;
    assert!(r.result);
    assert_eq!(r.oldadmin, "user1");
    assert_eq!(r.meta.action.as_deref(), Some("delete"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1489073432732)));
}

// -------------------------------------------------------------- blacklist

#[tokio::test]
async fn list_blocked_decodes_user_ids() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","uri":"https://XXXX/XXXX/XXXX/chatrooms/66XXXX33/blocks/users","entities":[],"data":["user2","user3"],"timestamp":1543466293681,"duration":0,"count":2}"#,
    )
    .await;
    let r = h.client.chatroom_members().list_blocked("66XXXX33").send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/66XXXX33/blocks/users", "", None).await;
    assert_eq!(r.data, ["user2", "user3"]);
    assert_eq!(r.meta.count, Some(2));
}

#[tokio::test]
async fn block_decodes_chatroomid() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","uri":"https://XXXX/XXXX/XXXX/chatrooms/66XXXX33/blocks/users/user1","entities":[],
            "data":{"result":true,"action":"add_blocks","user":"user1","chatroomid":"66XXXX33"},"timestamp":1542539577124,"duration":27}"#,
    )
    .await;
    let r = h.client.chatroom_members().block("66XXXX33", "user1").send().await.unwrap();
    h.expect("POST", "/org/app/chatrooms/66XXXX33/blocks/users/user1", "", None).await;
    assert!(r.result);
    assert_eq!(r.action.as_deref(), Some("add_blocks"));
    assert_eq!(r.user, "user1");
    assert_eq!(r.chatroom_id.as_ref().map(|i| i.as_str()), Some("66XXXX33"));
    assert_eq!(r.meta.duration, Some(27));
}

#[tokio::test]
async fn block_batch_sends_usernames_and_keeps_per_user_failures() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","uri":"https://XXXX/XXXX/XXXX/chatrooms/66XXXX33/blocks/users","entities":[],
            "data":[{"result":false,"action":"add_blocks","reason":"user: user3 doesn't exist in chatroom: 66XXXX33","user":"user3","chatroomid":"66XXXX33"},
                    {"result":true,"action":"add_blocks","user":"user4","chatroomid":"66XXXX33"}],
            "timestamp":1542540095540,"duration":16}"#,
    )
    .await;
    let r = h.client.chatroom_members().block_batch("66XXXX33", ["user3", "user4"]).send().await.unwrap();
    h.expect("POST", "/org/app/chatrooms/66XXXX33/blocks/users", "", Some(json!({"usernames":["user3","user4"]})))
        .await;
    assert_eq!(r.len(), 2);
    assert!(!r[0].result);
    assert_eq!(r[0].reason.as_deref(), Some("user: user3 doesn't exist in chatroom: 66XXXX33"));
    assert_eq!(r[0].user, "user3");
    assert!(r[1].result);
    assert_eq!(r[1].user, "user4");
    assert_eq!(r[1].chatroom_id.as_ref().map(|i| i.as_str()), Some("66XXXX33"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542540095540)));
}

#[tokio::test]
async fn unblock_decodes_the_single_object() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","uri":"https://XXXX/XXXX/XXXX/chatrooms/66XXXX33/blocks/users/user1","entities":[],
            "data":{"result":true,"action":"remove_blocks","user":"user1","chatroomid":"66XXXX33"},"timestamp":1542540470679,"duration":45}"#,
    )
    .await;
    let r = h.client.chatroom_members().unblock("66XXXX33", "user1").send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/66XXXX33/blocks/users/user1", "", None).await;
    assert_eq!(r.len(), 1);
    let b = &r[0];
    assert!(b.result);
    assert_eq!(b.action.as_deref(), Some("remove_blocks"));
    assert_eq!(b.user, "user1");
    assert_eq!(b.chatroom_id.as_ref().map(|i| i.as_str()), Some("66XXXX33"));
    assert_eq!(r.meta.duration, Some(45));
}

#[tokio::test]
async fn unblock_accepts_the_array_the_batch_twin_gets() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":[{"result":true,"action":"remove_blocks","user":"user1","chatroomid":"66XXXX33"}]}"#).await;
    let r = h.client.chatroom_members().unblock("66XXXX33", "user1").send().await.unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].user, "user1");
}

#[tokio::test]
async fn unblock_batch_joins_ids_and_decodes_the_array() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","uri":"https://XXXX/XXXX/XXXX/chatrooms/66XXXX33/blocks/users/user1%2Cuser2","entities":[],
            "data":[{"result":true,"action":"remove_blocks","user":"user1","chatroomid":"66XXXX33"}],"timestamp":1542541014655,"duration":29}"#,
    )
    .await;
    let r = h.client.chatroom_members().unblock_batch("66XXXX33", ["user1", "user2"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/66XXXX33/blocks/users/user1%2Cuser2", "", None).await;
    assert_eq!(r.len(), 1);
    assert!(r[0].result);
    assert_eq!(r[0].user, "user1");
    assert_eq!(r[0].action.as_deref(), Some("remove_blocks"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542541014655)));
}

#[tokio::test]
async fn unblock_batch_accepts_a_single_object() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","data":{"result":true,"action":"remove_blocks","user":"user1","chatroomid":"66XXXX33"},"timestamp":1542540470679,"duration":45}"#,
    )
    .await;
    let r = h.client.chatroom_members().unblock_batch("66XXXX33", ["user1"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/66XXXX33/blocks/users/user1", "", None).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].user, "user1");
    assert_eq!(r[0].chatroom_id.as_ref().map(|i| i.as_str()), Some("66XXXX33"));
    assert_eq!(r.meta.duration, Some(45));
}

// -------------------------------------------------------------- whitelist

#[tokio::test]
async fn list_whitelist_keeps_the_count_as_sent() {
    // The doc example says count 5 next to two IDs; the client reports both as given.
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","uri":"https://XXXX/XXXX/XXXX/chatrooms/66XXXX33/white/users","entities":[],"data":["wzy_test","wzy_vivo"],"timestamp":1594724947117,"duration":3,"count":5}"#,
    )
    .await;
    let r = h.client.chatroom_members().list_whitelist("66XXXX33").send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/66XXXX33/white/users", "", None).await;
    assert_eq!(r.data, ["wzy_test", "wzy_vivo"]);
    assert_eq!(r.meta.count, Some(5));
    assert_eq!(r.meta.duration, Some(3));
}

#[tokio::test]
async fn add_to_whitelist_decodes_the_single_object() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","uri":"https://XXXX/XXXX/XXXX/chatrooms/66XXXX33/white/users/wzy_xiaomi","entities":[],
            "data":{"result":true,"action":"add_user_whitelist","user":"wzy_xiaomi","chatroomid":"66XXXX33"},"timestamp":1594724293063,"duration":4}"#,
    )
    .await;
    let r = h.client.chatroom_members().add_to_whitelist("66XXXX33", "wzy_xiaomi").send().await.unwrap();
    h.expect("POST", "/org/app/chatrooms/66XXXX33/white/users/wzy_xiaomi", "", None).await;
    assert!(r.result);
    assert_eq!(r.action.as_deref(), Some("add_user_whitelist"));
    assert_eq!(r.user.as_ref().map(|u| u.as_str()), Some("wzy_xiaomi"));
    assert_eq!(r.chatroom_id.as_ref().map(|i| i.as_str()), Some("66XXXX33"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1594724293063)));
}

#[tokio::test]
async fn add_batch_to_whitelist_sends_usernames() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","uri":"https://XXXX/XXXX/XXXX/chatrooms/66XXXX33/white/users","entities":[],
            "data":[{"result":true,"action":"add_user_whitelist","user":"wzy_test","chatroomid":"66XXXX33"}],"timestamp":1594724634191,"duration":2}"#,
    )
    .await;
    let r = h.client.chatroom_members().add_batch_to_whitelist("66XXXX33", ["wzy_test"]).send().await.unwrap();
    h.expect("POST", "/org/app/chatrooms/66XXXX33/white/users", "", Some(json!({"usernames":["wzy_test"]}))).await;
    assert_eq!(r.len(), 1);
    assert!(r[0].result);
    assert_eq!(r[0].user.as_ref().map(|u| u.as_str()), Some("wzy_test"));
    assert_eq!(r[0].reason, None);
    assert_eq!(r.meta.duration, Some(2));
}

#[tokio::test]
async fn add_batch_to_whitelist_keeps_a_failure_reason() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"data":[{"result":false,"action":"add_user_whitelist","reason":"user: u9 doesn't exist in chatroom: 66XXXX33","user":"u9","chatroomid":"66XXXX33"}]}"#,
    )
    .await;
    let r = h.client.chatroom_members().add_batch_to_whitelist("66XXXX33", ["u9"]).send().await.unwrap();
    assert!(!r[0].result);
    assert_eq!(r[0].reason.as_deref(), Some("user: u9 doesn't exist in chatroom: 66XXXX33"));
}

#[tokio::test]
async fn remove_from_whitelist_joins_ids_and_decodes_the_doc_array() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","uri":"https://XXXX/XXXX/XXXX/chatrooms/66XXXX33/white/users/wzy_huawei,wzy_meizu","entities":[],
            "data":[{"result":true,"action":"remove_user_whitelist","user":"wzy_huawei","chatroomid":"66XXXX33"}],"timestamp":1594725137704,"duration":1}"#,
    )
    .await;
    let r = h
        .client
        .chatroom_members()
        .remove_from_whitelist("66XXXX33", ["wzy_huawei", "wzy_meizu"])
        .send()
        .await
        .unwrap();
    h.expect("DELETE", "/org/app/chatrooms/66XXXX33/white/users/wzy_huawei%2Cwzy_meizu", "", None).await;
    assert_eq!(r.len(), 1);
    assert!(r[0].result);
    assert_eq!(r[0].action.as_deref(), Some("remove_user_whitelist"));
    assert_eq!(r[0].user.as_ref().map(|u| u.as_str()), Some("wzy_huawei"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1594725137704)));
}

#[tokio::test]
async fn remove_from_whitelist_accepts_a_single_object() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","data":{"result":true,"action":"remove_user_whitelist","user":"wzy_huawei","chatroomid":"66XXXX33"},"timestamp":1594725137704,"duration":1}"#,
    )
    .await;
    let r = h.client.chatroom_members().remove_from_whitelist("66XXXX33", ["wzy_huawei"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/66XXXX33/white/users/wzy_huawei", "", None).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].user.as_ref().map(|u| u.as_str()), Some("wzy_huawei"));
    assert_eq!(r[0].chatroom_id.as_ref().map(|i| i.as_str()), Some("66XXXX33"));
    assert_eq!(r.meta.duration, Some(1));
}

#[tokio::test]
async fn remove_from_whitelist_accepts_the_java_sdk_bare_result() {
    // Java SDK 2.0 (EMRemoveUserFromRoomWhiteListResult): `data` is `{"result": true}`.
    let h = Harness::start().await;
    h.reply(200, r#"{"action":"delete","data":{"result":true},"timestamp":1594725137704,"duration":1}"#).await;
    let r = h.client.chatroom_members().remove_from_whitelist("66XXXX33", ["wzy_huawei"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/66XXXX33/white/users/wzy_huawei", "", None).await;
    assert_eq!(r.len(), 1);
    assert!(r[0].result);
    assert_eq!(r[0].user, None);
    assert_eq!(r[0].chatroom_id, None);
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1594725137704)));
}

// ------------------------------------------------------------------ mutes

#[tokio::test]
async fn list_muted_decodes_users_and_expiry() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","uri":"https://XXXX/XXXX/XXXX/chatrooms/12XXXX11/mute","entities":[],"data":[{"expire":1489158589481,"user":"user1"}],"timestamp":1489072802179,"duration":0}"#,
    )
    .await;
    let r = h.client.chatroom_members().list_muted("12XXXX11").send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/12XXXX11/mute", "", None).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].user, "user1");
    assert_eq!(r[0].expire, Some(easemob::Timestamp::from_unix_millis(1489158589481)));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1489072802179)));
}

#[tokio::test]
async fn list_muted_reads_the_seed_003_example_with_action_post() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"527cd7e0-04b3-11e7-9f59-ef10ecd81ff0","uri":"http://a1.easemob.com/easemob-demo/testapp/chatrooms/1265710621211/mute",
            "entities":[],"data":[{"expire":1489158589481,"user":"user1"},{"expire":1489158589481,"user":"user2"}],
            "timestamp":1489072802179,"duration":0,"organization":"easemob-demo","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.chatroom_members().list_muted("1265710621211").send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/1265710621211/mute", "", None).await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[1].user, "user2");
    assert_eq!(r.meta.action.as_deref(), Some("post"));
    assert_eq!(r.meta.application.as_deref(), Some("527cd7e0-04b3-11e7-9f59-ef10ecd81ff0"));
}

#[tokio::test]
async fn mute_sends_duration_and_usernames() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","uri":"https://XXXX/XXXX/XXXX/chatrooms/12XXXX11/mute","entities":[],"data":[{"result":true,"expire":1642148173726,"user":"user1"}],"timestamp":1489072189508,"duration":0}"#,
    )
    .await;
    let r = h
        .client
        .chatroom_members()
        .mute("12XXXX11", easemob::MuteDuration::from_secs(86_400), ["user1"])
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/chatrooms/12XXXX11/mute",
        "",
        Some(json!({"mute_duration":86400000,"usernames":["user1"]})),
    )
    .await;
    assert_eq!(r.len(), 1);
    assert!(r[0].result);
    assert_eq!(r[0].expire, Some(easemob::Timestamp::from_unix_millis(1642148173726)));
    assert_eq!(r[0].user, "user1");
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1489072189508)));
}

#[tokio::test]
async fn mute_for_good_sends_minus_one() {
    let h = Harness::start().await;
    h.reply(200, r#"{"action":"post","data":[{"result":true,"expire":4638873600000,"user":"user1"}],"timestamp":1489072189508,"duration":0}"#)
        .await;
    let r =
        h.client.chatroom_members().mute("12XXXX11", easemob::MuteDuration::Forever, ["user1"]).send().await.unwrap();
    h.expect("POST", "/org/app/chatrooms/12XXXX11/mute", "", Some(json!({"mute_duration":-1,"usernames":["user1"]})))
        .await;
    assert_eq!(r[0].expire, Some(easemob::Timestamp::from_unix_millis(4638873600000)));
    assert_eq!(r.meta.action.as_deref(), Some("post"));
}

#[tokio::test]
async fn mute_all_posts_without_a_body() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"put","uri":"https://XXXX/XXXX/XXXX/chatrooms/12XXXX11/ban","entities":[],"data":{"mute":true},"timestamp":1594628861058,"duration":1}"#,
    )
    .await;
    let r = h.client.chatroom_members().mute_all("12XXXX11").send().await.unwrap();
    h.expect("POST", "/org/app/chatrooms/12XXXX11/ban", "", None).await;
    assert!(r.mute);
    // The doc's example really says "put" for this POST; the client does not check it.
    assert_eq!(r.meta.action.as_deref(), Some("put"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1594628861058)));
}

#[tokio::test]
async fn unmute_joins_ids_and_decodes_results() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","uri":"https://XXXX/XXXX/XXXX/chatrooms/12XXXX11/mute/user1","entities":[],"data":[{"result":true,"user":"user1"}],"timestamp":1489072695859,"duration":0}"#,
    )
    .await;
    let r = h.client.chatroom_members().unmute("12XXXX11", ["user1"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/12XXXX11/mute/user1", "", None).await;
    assert_eq!(r.len(), 1);
    assert!(r[0].result);
    assert_eq!(r[0].user, "user1");
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1489072695859)));
}

#[tokio::test]
async fn unmute_of_several_users_sends_one_encoded_segment() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":[{"result":true,"user":"user1"},{"result":"false","user":"user2"}],"duration":0}"#).await;
    let r = h.client.chatroom_members().unmute("12XXXX11", ["user1", "user2"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/12XXXX11/mute/user1%2Cuser2", "", None).await;
    assert!(r[0].result);
    assert!(!r[1].result);
    assert_eq!(r.meta.duration, Some(0));
}

#[tokio::test]
async fn unmute_all_is_a_delete() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","uri":"https://XXXX/XXXX/XXXX/chatrooms/12XXXX11/ban","entities":[],"data":{"mute":false},"timestamp":1594628899502,"duration":1}"#,
    )
    .await;
    let r = h.client.chatroom_members().unmute_all("12XXXX11").send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/12XXXX11/ban", "", None).await;
    assert!(!r.mute);
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1594628899502)));
}

// ----------------------------------------------------------------- limits

#[tokio::test]
async fn batch_operations_reject_more_than_60_users_before_sending() {
    let h = Harness::start().await;
    for op in BATCH_OPERATIONS {
        let e = invalid_input(call(&h, op, &users(61)).await);
        assert_eq!(e.operation, format!("chatroom_members_{op}"));
        assert_eq!(e.field, "usernames", "{op}");
        assert_eq!(e.rule, "takes at most 60 items per call, got 61", "{op}");
    }
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn batch_operations_reject_an_empty_list_before_sending() {
    let h = Harness::start().await;
    for op in BATCH_OPERATIONS {
        let e = invalid_input(call(&h, op, &[]).await);
        assert_eq!(e.operation, format!("chatroom_members_{op}"));
        assert_eq!(e.field, "usernames", "{op}");
        assert_eq!(e.rule, "needs at least 1 item(s), got 0", "{op}");
    }
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn batch_operations_send_exactly_60_users() {
    for op in BATCH_OPERATIONS {
        let h = Harness::start().await;
        h.reply(200, r#"{"data":[]}"#).await;
        // The payload may not fit this placeholder answer; only the request matters here.
        let result = call(&h, op, &users(60)).await;
        assert!(!matches!(result, Err(Error::InvalidInput(_))), "{op}: {result:?}");
        let reqs = h.requests().await;
        assert_eq!(reqs.len(), 1, "{op}");
        let req = &reqs[0];
        let sent = match req.method.as_str() {
            "DELETE" => req.url.path().rsplit('/').next().unwrap().split("%2C").count(),
            _ => {
                let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
                body["usernames"].as_array().unwrap().len()
            }
        };
        assert_eq!(sent, 60, "{op}");
    }
}

// ----------------------------------------------------------------- errors

#[tokio::test]
async fn every_operation_decodes_both_401_generations() {
    for (body, code, description) in [
        (STD_401, ErrorCode::Unauthorized, "Unable to authenticate (OAuth)"),
        (V2_401, ErrorCode::GroupAuthorization, "this token is bad, or has expired!"),
    ] {
        let h = Harness::start().await;
        h.reply(401, body).await;
        for op in OPERATIONS {
            let e = api_error(call(&h, op, &users(2)).await);
            assert_eq!(e.operation, format!("chatroom_members_{op}"));
            assert_eq!(e.status, 401, "{op}");
            assert_eq!(e.code, Some(code.clone()), "{op}");
            assert_eq!(e.description.as_deref(), Some(description), "{op}");
        }
        assert_eq!(h.requests().await.len(), OPERATIONS.len());
    }
}

#[tokio::test]
async fn every_operation_but_list_decodes_the_chatroom_404() {
    let h = Harness::start().await;
    h.reply(
        404,
        r#"{"error":"resource_not_found","timestamp":1542556220010,"duration":0,"exception":"com.easemob.group.exception.ResourceNotFoundException","error_description":"grpID 6621327110963 does not exist!"}"#,
    )
    .await;
    for op in OPERATIONS.iter().filter(|op| **op != "list") {
        let e = api_error(call(&h, op, &users(2)).await);
        assert_eq!(e.operation, format!("chatroom_members_{op}"));
        assert_eq!(e.status, 404, "{op}");
        assert_eq!(e.code, Some(ErrorCode::ResourceNotFound), "{op}");
        assert_eq!(e.description.as_deref(), Some("grpID 6621327110963 does not exist!"), "{op}");
        assert_eq!(
            e.body.as_ref().and_then(|b| b.timestamp),
            Some(easemob::Timestamp::from_unix_millis(1542556220010)),
            "{op}"
        );
    }
}

#[tokio::test]
async fn user_operations_decode_the_user_404() {
    let h = Harness::start().await;
    h.reply(404, &error_body("resource_not_found", "username user1 doesn't exist!")).await;
    for op in ["add", "add_batch", "remove", "remove_batch", "add_admin", "remove_admin"] {
        let e = api_error(call(&h, op, &users(2)).await);
        assert_eq!(e.status, 404, "{op}");
        assert_eq!(e.code, Some(ErrorCode::ResourceNotFound), "{op}");
        assert_eq!(e.description.as_deref(), Some("username user1 doesn't exist!"), "{op}");
    }
}

#[tokio::test]
async fn add_and_add_batch_403_joined_too_many_chatrooms() {
    let h = Harness::start().await;
    h.reply(
        403,
        &error_body("forbidden_op", "can not join this group, reason:user user1 has joined too many chatrooms!"),
    )
    .await;
    for op in ["add", "add_batch"] {
        let e = api_error(call(&h, op, &users(2)).await);
        assert_eq!(e.status, 403, "{op}");
        assert_eq!(e.code, Some(ErrorCode::ForbiddenOp), "{op}");
        assert_eq!(
            e.description.as_deref(),
            Some("can not join this group, reason:user user1 has joined too many chatrooms!"),
            "{op}"
        );
    }
}

#[tokio::test]
async fn member_list_operations_400_not_members() {
    let h = Harness::start().await;
    h.reply(400, &error_body("forbidden_op", "users [user0, user1] are not members of this group!")).await;
    for op in [
        "remove",
        "remove_batch",
        "block",
        "block_batch",
        "unblock",
        "unblock_batch",
        "add_to_whitelist",
        "add_batch_to_whitelist",
        "remove_from_whitelist",
        "mute",
    ] {
        let e = api_error(call(&h, op, &users(2)).await);
        assert_eq!(e.status, 400, "{op}");
        assert_eq!(e.code, Some(ErrorCode::ForbiddenOp), "{op}");
        assert_eq!(e.description.as_deref(), Some("users [user0, user1] are not members of this group!"), "{op}");
    }
}

#[tokio::test]
async fn batch_operations_400_invalid_parameter_over_the_server_limit() {
    for (op, description) in [
        ("add_batch", "addMembers: addMembers number more than maxSize : 60"),
        ("remove_batch", "kickMember: kickMembers number more than maxSize : 60"),
        ("block_batch", "userNames is more than max limit : 60"),
        ("unblock_batch", "removeBlacklist: list size more than max limit : 60"),
        ("add_batch_to_whitelist", "usernames size is more than max limit : 60"),
        ("remove_from_whitelist", "removeWhitelist size is more than max limit : 60"),
        ("mute", "userNames size is more than max limit : 60"),
        ("unmute", "removeMute member size more than max limit :  60"),
    ] {
        let h = Harness::start().await;
        h.reply(400, &error_body("invalid_parameter", description)).await;
        let e = api_error(call(&h, op, &users(2)).await);
        assert_eq!(e.operation, format!("chatroom_members_{op}"));
        assert_eq!(e.status, 400, "{op}");
        assert_eq!(e.code, Some(ErrorCode::InvalidParameter), "{op}");
        assert_eq!(e.description.as_deref(), Some(description), "{op}");
    }
}

// ---------------------------------------------------------------- user tags

const NOT_MEMBER: DocumentedError = (400, Some("forbidden_op"), "users [XX] are not members of this group!");
const TAG_DISABLED: DocumentedError = (403, Some("forbidden_op"), "Group tag mute is disabled");
const ROOM_NOT_FOUND: DocumentedError = (404, Some("resource_not_found"), "grpID XX does not exist!");
const TAG_TOO_LONG: DocumentedError = (403, Some("exceed_limit"), "tag length exceeds limit!");

#[tokio::test]
async fn get_tags_reads_expiries_sent_as_strings_or_numbers() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","application":"52XXXXf0","uri":"https://XXXX/XXXX/XXXX/chatrooms/12XXXX11/users/u10/tag","entities":[],
            "data":{"t2":"1730790248255","t3":-1},"timestamp":1489072189508,"properties":{},"duration":0,
            "organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.chatroom_members().get_tags("12XXXX11", "u10").send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/12XXXX11/users/u10/tag", "", None).await;
    assert_eq!(r["t2"], "1730790248255");
    assert_eq!(r["t3"], -1);
    assert_eq!(r.meta.properties, Some(json!({})));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1489072189508)));
}

#[tokio::test]
async fn get_tags_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[NOT_MEMBER, UNAUTHORIZED, TAG_DISABLED, ROOM_NOT_FOUND];
    assert_documented_errors("chatroom_members_get_tags", ERRORS, |c| async move {
        c.chatroom_members().get_tags("12XXXX11", "u10").send().await
    })
    .await;
}

const TAG_RESULT: &str = r#"{"action":"put","application":"52XXXXf0","uri":"https://XXXX/XXXX/XXXX/chatrooms/12XXXX11/tag/mute",
    "entities":[],"data":{"result":true},"timestamp":1489072189508,"duration":0,"properties":{},"organization":"XXXX",
    "applicationName":"testapp"}"#;

#[tokio::test]
async fn set_tags_replaces_the_tags() {
    let h = Harness::start().await;
    h.reply(200, TAG_RESULT).await;
    let r = h.client.chatroom_members().set_tags("12XXXX11", "u10", ["t1", "t2"]).send().await.unwrap();
    h.expect("PUT", "/org/app/chatrooms/12XXXX11/users/u10/tag", "", Some(json!({"tags":["t1","t2"]}))).await;
    assert!(r.result);
}

#[tokio::test]
async fn set_tags_with_an_empty_list_removes_them_all() {
    let h = Harness::start().await;
    h.reply(200, TAG_RESULT).await;
    h.client.chatroom_members().set_tags("12XXXX11", "u10", Vec::<String>::new()).send().await.unwrap();
    h.expect("PUT", "/org/app/chatrooms/12XXXX11/users/u10/tag", "", Some(json!({"tags":[]}))).await;
}

#[tokio::test]
async fn set_tags_takes_at_most_10_tags() {
    let h = Harness::start().await;
    let result = h.client.chatroom_members().set_tags("r", "u", easemob_tests::ids("t", 11)).send().await;
    assert_refused(&h, result, "chatroom_members_set_tags", "tags", "takes at most 10 items per call, got 11").await;
}

#[tokio::test]
async fn set_tags_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        NOT_MEMBER,
        (400, Some("invalid_parameter"), "tags should be type of List"),
        UNAUTHORIZED,
        TAG_DISABLED,
        (403, Some("exceed_limit"), "user group tag count exceed limit"),
        TAG_TOO_LONG,
        ROOM_NOT_FOUND,
    ];
    assert_documented_errors("chatroom_members_set_tags", ERRORS, |c| async move {
        c.chatroom_members().set_tags("12XXXX11", "u10", ["t1"]).send().await
    })
    .await;
}

#[tokio::test]
async fn mute_tag_sends_the_doc_example() {
    let h = Harness::start().await;
    h.reply(200, TAG_RESULT).await;
    let r = h
        .client
        .chatroom_members()
        .mute_tag("12XXXX11", "t1", easemob::MuteDuration::from_secs(30))
        .send()
        .await
        .unwrap();
    h.expect("PUT", "/org/app/chatrooms/12XXXX11/tag/mute", "", Some(json!({"tag":"t1","mute_duration":30}))).await;
    assert!(r.result);
    assert_eq!(r.meta.action.as_deref(), Some("put"));
}

#[tokio::test]
async fn mute_tag_checks_the_tag_length_and_the_duration() {
    let h = Harness::start().await;
    let result =
        h.client.chatroom_members().mute_tag("r", "t".repeat(33), easemob::MuteDuration::from_secs(30)).send().await;
    assert_refused(&h, result, "chatroom_members_mute_tag", "tag", "must be at most 32 characters, got 33").await;
    // The tag mute is in seconds: a length in between cannot be sent.
    let half = easemob::MuteDuration::For(std::time::Duration::from_millis(1500));
    let result = h.client.chatroom_members().mute_tag("r", "t", half).send().await;
    let rule = "cannot be encoded as JSON: 1.5s is not a whole number of seconds";
    assert_refused(&h, result, "chatroom_members_mute_tag", "mute_duration", rule).await;
}

#[tokio::test]
async fn mute_tag_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        UNAUTHORIZED,
        TAG_DISABLED,
        TAG_TOO_LONG,
        ROOM_NOT_FOUND,
        (404, Some("resource_not_found"), "group tag not found"),
    ];
    assert_documented_errors("chatroom_members_mute_tag", ERRORS, |c| async move {
        c.chatroom_members().mute_tag("12XXXX11", "t1", easemob::MuteDuration::Forever).send().await
    })
    .await;
}

//! `client.group_members()`: every operation against the doc examples.

use easemob::group_members::GroupMemberMetadata;
use easemob::{Affiliation, Error, ErrorCode};
use easemob_tests::{Harness, STD_401, V2_401, api_error, invalid_input};
use serde_json::json;

/// Every operation of the area, by Rust method name, in the order of the doc page.
const OPERATIONS: [&str; 27] = [
    "list",
    "add",
    "add_batch",
    "remove",
    "remove_batch",
    "list_admins",
    "add_admin",
    "remove_admin",
    "transfer_owner",
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
    "set_metadata",
    "set_metadata_batch",
    "get_metadata",
    "get_metadata_batch",
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

/// Calls operation `op` (its Rust method name) on group `66XXXX85`; the batch
/// operations get `batch` as their users. The payload is dropped.
async fn call(h: &Harness, op: &str, batch: &[String]) -> Result<(), Error> {
    let m = h.client.group_members();
    let group = "66XXXX85";
    let batch = batch.to_vec();
    match op {
        "list" => m.list(group).send().await.map(drop),
        "add" => m.add(group, "user1").send().await.map(drop),
        "add_batch" => m.add_batch(group, batch).send().await.map(drop),
        "remove" => m.remove(group, "user1").send().await.map(drop),
        "remove_batch" => m.remove_batch(group, batch).send().await.map(drop),
        "list_admins" => m.list_admins(group).send().await.map(drop),
        "add_admin" => m.add_admin(group, "user1").send().await.map(drop),
        "remove_admin" => m.remove_admin(group, "user1").send().await.map(drop),
        "transfer_owner" => m.transfer_owner(group, "user2").send().await.map(drop),
        "list_blocked" => m.list_blocked(group).send().await.map(drop),
        "block" => m.block(group, "user1").send().await.map(drop),
        "block_batch" => m.block_batch(group, batch).send().await.map(drop),
        "unblock" => m.unblock(group, "user1").send().await.map(drop),
        "unblock_batch" => m.unblock_batch(group, batch).send().await.map(drop),
        "list_whitelist" => m.list_whitelist(group).send().await.map(drop),
        "add_to_whitelist" => m.add_to_whitelist(group, "user1").send().await.map(drop),
        "add_batch_to_whitelist" => m.add_batch_to_whitelist(group, batch).send().await.map(drop),
        "remove_from_whitelist" => m.remove_from_whitelist(group, batch).send().await.map(drop),
        "list_muted" => m.list_muted(group).send().await.map(drop),
        "mute" => m.mute(group, easemob::MuteDuration::from_secs(86_400), batch).send().await.map(drop),
        "mute_all" => m.mute_all(group).send().await.map(drop),
        "unmute" => m.unmute(group, batch).send().await.map(drop),
        "unmute_all" => m.unmute_all(group).send().await.map(drop),
        "set_metadata" => m.set_metadata(group, "user1", [("key1", "value1")]).send().await.map(drop),
        "set_metadata_batch" => m
            .set_metadata_batch(group, [GroupMemberMetadata::new("user1", [("key1", "value1")])])
            .send()
            .await
            .map(drop),
        "get_metadata" => m.get_metadata(group, "user1").send().await.map(drop),
        "get_metadata_batch" => m.get_metadata_batch(group, ["user1"]).send().await.map(drop),
        other => panic!("no group_members operation {other}"),
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
            "uri":"https://XXXX/XXXX/XXXX/chatgroups/10XXXX85/users","entities":[],
            "data":[{"owner":"user1"},{"member":"user2"}],"timestamp":1489074511416,"duration":0,
            "organization":"XXXX","applicationName":"testapp","count":2}"#,
    )
    .await;
    let r = h.client.group_members().list("10XXXX85").pagenum(2).pagesize(2).send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/10XXXX85/users", "pagenum=2&pagesize=2", None).await;
    assert_eq!(r.data, vec![Affiliation::Owner("user1".into()), Affiliation::Member("user2".into())]);
    assert_eq!(r.meta.count, Some(2));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1489074511416)));
    assert_eq!(r.meta.params.as_ref().unwrap()["pagesize"], vec!["2".to_owned()]);
    assert_eq!(r.meta.application.as_deref(), Some("52XXXXf0"));
    assert_eq!(r.meta.application_name.as_deref(), Some("testapp"));
}

#[tokio::test]
async fn list_without_paging_sends_no_query() {
    let h = Harness::start().await;
    h.reply(200, r#"{"action":"get","data":[{"owner":"user1"}],"count":1}"#).await;
    let r = h.client.group_members().list("10XXXX85").send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/10XXXX85/users", "", None).await;
    assert_eq!(r.data, vec![Affiliation::Owner("user1".into())]);
    assert_eq!(r.meta.count, Some(1));
}

#[tokio::test]
async fn list_rejects_a_zero_page_or_page_size_before_sending() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.group_members().list("g").pagenum(0).send().await);
    assert_eq!(e.operation, "group_members_list");
    assert_eq!((e.field, e.rule.as_str()), ("pagenum", "must be at least 1, got 0"));
    let e = invalid_input(h.client.group_members().list("g").pagesize(0).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("pagesize", "must be at least 1, got 0"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_leaves_a_page_size_over_1000_to_the_server() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":[],"count":0}"#).await;
    let r = h.client.group_members().list("g").pagesize(1001).send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/g/users", "pagesize=1001", None).await;
    assert!(r.is_empty());
}

#[tokio::test]
async fn add_posts_without_a_body_and_decodes_the_outcome() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"8bXXXX02","uri":"https://XXXX/XXXX/XXXX/chatgroups/66XXXX85/users/user4","entities":[],
            "data":{"result":true,"groupid":"66XXXX85","action":"add_member","user":"user4"},"timestamp":1542364958405,"duration":0,
            "organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.group_members().add("66XXXX85", "user4").send().await.unwrap();
    h.expect("POST", "/org/app/chatgroups/66XXXX85/users/user4", "", None).await;
    assert!(r.result);
    assert_eq!(r.group_id.as_ref().map(|g| g.as_str()), Some("66XXXX85"));
    assert_eq!(r.action.as_deref(), Some("add_member"));
    assert_eq!(r.user, "user4");
    assert_eq!(r.meta.action.as_deref(), Some("post"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542364958405)));
    assert_eq!(r.meta.organization.as_deref(), Some("XXXX"));
}

#[tokio::test]
async fn add_batch_sends_usernames_and_decodes_newmembers() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"8bXXXX02","uri":"https://XXXX/XXXX/XXXX/chatgroups/66XXXX85/users","entities":[],
            "data":{"newmembers":["user5","user4"],"groupid":"66XXXX85","action":"add_member"},"timestamp":1542365557942,"duration":0,
            "organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.group_members().add_batch("66XXXX85", ["user4", "user5"]).send().await.unwrap();
    h.expect("POST", "/org/app/chatgroups/66XXXX85/users", "", Some(json!({"usernames":["user4","user5"]}))).await;
    assert_eq!(r.newmembers, ["user5", "user4"]);
    assert_eq!(r.group_id.as_ref().map(|g| g.as_str()), Some("66XXXX85"));
    assert_eq!(r.action.as_deref(), Some("add_member"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542365557942)));
    assert_eq!(r.meta.uri.as_deref(), Some("https://XXXX/XXXX/XXXX/chatgroups/66XXXX85/users"));
}

#[tokio::test]
async fn remove_decodes_the_single_object() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","application":"8bXXXX02","uri":"https://XXXX/XXXX/XXXX/chatgroups/66XXXX85/users/user3","entities":[],
            "data":{"result":true,"action":"remove_member","user":"user3","groupid":"66XXXX85"},"timestamp":1542365943067,"duration":0,
            "organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.group_members().remove("66XXXX85", "user3").send().await.unwrap();
    h.expect("DELETE", "/org/app/chatgroups/66XXXX85/users/user3", "", None).await;
    assert_eq!(r.len(), 1);
    let m = &r[0];
    assert!(m.result);
    assert_eq!(m.action.as_deref(), Some("remove_member"));
    assert_eq!(m.user, "user3");
    assert_eq!(m.reason, None);
    assert_eq!(m.group_id.as_ref().map(|g| g.as_str()), Some("66XXXX85"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542365943067)));
}

#[tokio::test]
async fn remove_accepts_the_array_the_batch_twin_gets() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":[{"result":true,"action":"remove_member","user":"user3","groupid":"66XXXX85"}]}"#).await;
    let r = h.client.group_members().remove("66XXXX85", "user3").send().await.unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].user, "user3");
}

#[tokio::test]
async fn remove_batch_joins_ids_with_an_encoded_comma_and_keeps_failures() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","application":"9bXXXXf7","uri":"https://XXXX/XXXX/XXXX","entities":[],
            "data":[{"result":false,"action":"remove_member","reason":"user ttXXXX81 doesn't exist.","user":"user1","groupid":"14XXXX79"},
                    {"result":true,"action":"remove_member","user":"user2","groupid":"14XXXX79"},
                    {"result":true,"action":"remove_member","user":"user3","groupid":"14XXXX79"}],
            "timestamp":1433492935318,"duration":84,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.group_members().remove_batch("66XXXX85", ["ttXXXX81", "user2", "user3"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatgroups/66XXXX85/users/ttXXXX81%2Cuser2%2Cuser3", "", None).await;
    assert_eq!(r.len(), 3);
    assert!(!r[0].result);
    // The doc's example names another user in `reason` than in `user`; both are kept as sent.
    assert_eq!(r[0].reason.as_deref(), Some("user ttXXXX81 doesn't exist."));
    assert_eq!(r[0].user, "user1");
    assert!(r[1].result);
    assert_eq!(r[1].reason, None);
    assert_eq!(r[2].user, "user3");
    assert_eq!(r[2].group_id.as_ref().map(|g| g.as_str()), Some("14XXXX79"));
    assert_eq!(r.meta.duration, Some(84));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1433492935318)));
}

#[tokio::test]
async fn remove_batch_accepts_a_single_object() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","data":{"result":true,"action":"remove_member","user":"user3","groupid":"66XXXX85"},"timestamp":1542365943067,"duration":0}"#,
    )
    .await;
    let r = h.client.group_members().remove_batch("66XXXX85", ["user3"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatgroups/66XXXX85/users/user3", "", None).await;
    assert_eq!(r.len(), 1);
    assert!(r[0].result);
    assert_eq!(r[0].user, "user3");
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542365943067)));
}

#[tokio::test]
async fn remove_batch_refuses_an_id_with_a_comma() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.group_members().remove_batch("g", ["user1,user2"]).send().await);
    assert_eq!(e.operation, "group_members_remove_batch");
    assert_eq!(e.field, "usernames");
    assert_eq!(e.rule, r#"item 0 ("user1,user2") contains `,`, which separates the items"#);
    h.expect_nothing_sent().await;
}

// ---------------------------------------------------------- admins, owner

#[tokio::test]
async fn list_admins_decodes_user_ids() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","application":"52XXXXf0","uri":"https://XXXX/XXXX/XXXX/chatgroups/10XXXX85/admin","entities":[],"data":["user1"],
            "timestamp":1489073361210,"duration":0,"organization":"XXXX","applicationName":"testapp","count":1}"#,
    )
    .await;
    let r = h.client.group_members().list_admins("10XXXX85").send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/10XXXX85/admin", "", None).await;
    assert_eq!(r.data, ["user1"]);
    assert_eq!(r.meta.count, Some(1));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1489073361210)));
}

#[tokio::test]
async fn add_admin_sends_newadmin_and_reads_success_as_true() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"52XXXXf0","applicationName":"demo","data":{"result":"success","newadmin":"man"},"duration":0,
            "entities":[],"organization":"XXXX","properties":{},"timestamp":1680074570600,
            "uri":"https://XXXX/XXXX/XXXX/chatgroups/190141728620545/admin"}"#,
    )
    .await;
    let r = h.client.group_members().add_admin("190141728620545", "man").send().await.unwrap();
    h.expect("POST", "/org/app/chatgroups/190141728620545/admin", "", Some(json!({"newadmin":"man"}))).await;
    assert!(r.result);
    assert_eq!(r.newadmin, "man");
    assert_eq!(r.meta.properties, Some(json!({})));
    assert_eq!(r.meta.application_name.as_deref(), Some("demo"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1680074570600)));
}

#[tokio::test]
async fn add_admin_reads_failure_and_real_booleans() {
    for (result, expected) in [(r#""failure""#, false), ("true", true), ("false", false)] {
        let h = Harness::start().await;
        h.reply(200, &format!(r#"{{"data":{{"result":{result},"newadmin":"man"}}}}"#)).await;
        let r = h.client.group_members().add_admin("g", "man").send().await.unwrap();
        assert_eq!(r.result, expected, "result {result}");
    }
}

#[tokio::test]
async fn remove_admin_deletes_and_reads_success_as_true() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","application":"52XXXXf0","uri":"https://XXXX/XXXX/XXXX/chatgroups/10XXXX85/admin/user1","entities":[],
            "data":{"result":"success","oldadmin":"user1"},"timestamp":1489073432732,"duration":1,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.group_members().remove_admin("10XXXX85", "user1").send().await.unwrap();
    h.expect("DELETE", "/org/app/chatgroups/10XXXX85/admin/user1", "", None).await;
    assert!(r.result);
    assert_eq!(r.oldadmin, "user1");
    assert_eq!(r.meta.action.as_deref(), Some("delete"));
    assert_eq!(r.meta.duration, Some(1));
}

#[tokio::test]
async fn remove_admin_reads_failure_as_false() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"result":"failure","oldadmin":"user1"}}"#).await;
    let r = h.client.group_members().remove_admin("10XXXX85", "user1").send().await.unwrap();
    assert!(!r.result);
}

#[tokio::test]
async fn transfer_owner_puts_newowner_and_reads_the_doc_boolean() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"put","application":"8bXXXX02","uri":"https://XXXX/XXXX/XXXX/chatgroups/66XXXX85","entities":[],
            "data":{"newowner":true},"timestamp":1542537813420,"duration":0,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.group_members().transfer_owner("66XXXX85", "user2").send().await.unwrap();
    h.expect("PUT", "/org/app/chatgroups/66XXXX85", "", Some(json!({"newowner":"user2"}))).await;
    assert_eq!(r.newowner, "true");
    assert_eq!(r.meta.action.as_deref(), Some("put"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542537813420)));
}

#[tokio::test]
async fn transfer_owner_accepts_the_java_sdk_user_id() {
    let h = Harness::start().await;
    h.reply(200, r#"{"action":"put","data":{"newowner":"newOwner1"},"duration":0}"#).await;
    let r = h.client.group_members().transfer_owner("66XXXX85", "newOwner1").send().await.unwrap();
    h.expect("PUT", "/org/app/chatgroups/66XXXX85", "", Some(json!({"newowner":"newOwner1"}))).await;
    assert_eq!(r.newowner, "newOwner1");
}

// -------------------------------------------------------------- blacklist

#[tokio::test]
async fn list_blocked_decodes_user_ids() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","application":"8bXXXX02","uri":"https://XXXX/XXXX/XXXX/chatgroups/67178793598977/blocks/users","entities":[],
            "data":["user2","user3"],"timestamp":1543466293681,"duration":0,"organization":"XXXX","applicationName":"testapp","count":2}"#,
    )
    .await;
    let r = h.client.group_members().list_blocked("67178793598977").send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/67178793598977/blocks/users", "", None).await;
    assert_eq!(r.data, ["user2", "user3"]);
    assert_eq!(r.meta.count, Some(2));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1543466293681)));
}

#[tokio::test]
async fn block_decodes_groupid() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","uri":"https://XXXX/XXXX/XXXX/chatgroups/66XXXX85/blocks/users/user1","entities":[],
            "data":{"result":true,"action":"add_blocks","user":"user1","groupid":"66XXXX85"},"timestamp":1542539577124,"duration":27}"#,
    )
    .await;
    let r = h.client.group_members().block("66XXXX85", "user1").send().await.unwrap();
    h.expect("POST", "/org/app/chatgroups/66XXXX85/blocks/users/user1", "", None).await;
    assert!(r.result);
    assert_eq!(r.action.as_deref(), Some("add_blocks"));
    assert_eq!(r.user, "user1");
    assert_eq!(r.group_id.as_ref().map(|g| g.as_str()), Some("66XXXX85"));
    assert_eq!(r.meta.duration, Some(27));
}

#[tokio::test]
async fn block_batch_sends_usernames_and_keeps_per_user_failures() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","uri":"https://XXXX/XXXX/XXXX/chatgroups/66XXXX85/blocks/users","entities":[],
            "data":[{"result":false,"action":"add_blocks","reason":"user: user3 doesn't exist in group: 66XXXX85","user":"user3","groupid":"66XXXX85"},
                    {"result":true,"action":"add_blocks","user":"user4","groupid":"66XXXX85"}],
            "timestamp":1542540095540,"duration":16}"#,
    )
    .await;
    let r = h.client.group_members().block_batch("66XXXX85", ["user3", "user4"]).send().await.unwrap();
    h.expect("POST", "/org/app/chatgroups/66XXXX85/blocks/users", "", Some(json!({"usernames":["user3","user4"]})))
        .await;
    assert_eq!(r.len(), 2);
    assert!(!r[0].result);
    assert_eq!(r[0].reason.as_deref(), Some("user: user3 doesn't exist in group: 66XXXX85"));
    assert_eq!(r[0].user, "user3");
    assert!(r[1].result);
    assert_eq!(r[1].user, "user4");
    assert_eq!(r[1].group_id.as_ref().map(|g| g.as_str()), Some("66XXXX85"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542540095540)));
}

#[tokio::test]
async fn unblock_reads_the_outcome_from_data() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","uri":"https://XXXX/XXXX/XXXX/chatgroups/66XXXX85/blocks/users/user1","entities":[],
            "data":{"result":true,"action":"remove_blocks","user":"user1","groupid":"66XXXX85"},"timestamp":1542540470679,"duration":45}"#,
    )
    .await;
    let r = h.client.group_members().unblock("66XXXX85", "user1").send().await.unwrap();
    h.expect("DELETE", "/org/app/chatgroups/66XXXX85/blocks/users/user1", "", None).await;
    assert_eq!(r.len(), 1);
    let b = &r[0];
    assert!(b.result);
    assert_eq!(b.action.as_deref(), Some("remove_blocks"));
    assert_eq!(b.user, "user1");
    assert_eq!(b.group_id.as_ref().map(|g| g.as_str()), Some("66XXXX85"));
    assert_eq!(r.meta.duration, Some(45));
}

#[tokio::test]
async fn unblock_accepts_the_array_the_batch_twin_gets() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":[{"result":true,"action":"remove_blocks","user":"user1","groupid":"66XXXX85"}]}"#).await;
    let r = h.client.group_members().unblock("66XXXX85", "user1").send().await.unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].user, "user1");
}

#[tokio::test]
async fn unblock_batch_joins_ids_and_decodes_the_array() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","uri":"https://XXXX/XXXX/XXXX/chatgroups/66XXXX85/blocks/users/user1%2Cuser2","entities":[],
            "data":[{"result":true,"action":"remove_blocks","user":"user1","groupid":"66XXXX85"},
                    {"result":true,"action":"remove_blocks","user":"user2","groupid":"66XXXX85"}],
            "timestamp":1542541014655,"duration":29}"#,
    )
    .await;
    let r = h.client.group_members().unblock_batch("66XXXX85", ["user1", "user2"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatgroups/66XXXX85/blocks/users/user1%2Cuser2", "", None).await;
    assert_eq!(r.len(), 2);
    assert!(r[0].result && r[1].result);
    assert_eq!(r[1].user, "user2");
    assert_eq!(r[1].action.as_deref(), Some("remove_blocks"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542541014655)));
}

#[tokio::test]
async fn unblock_batch_accepts_a_single_object() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","data":{"result":true,"action":"remove_blocks","user":"user1","groupid":"66XXXX85"},"timestamp":1542540470679,"duration":45}"#,
    )
    .await;
    let r = h.client.group_members().unblock_batch("66XXXX85", ["user1"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatgroups/66XXXX85/blocks/users/user1", "", None).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].user, "user1");
    assert_eq!(r[0].group_id.as_ref().map(|g| g.as_str()), Some("66XXXX85"));
}

// -------------------------------------------------------------- whitelist

#[tokio::test]
async fn list_whitelist_keeps_the_count_as_sent() {
    // The doc example says count 5 next to two IDs; the client reports both as given.
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","uri":"https://XXXX/XXXX/XXXX/chatgroups/12XXXX53/white/users","entities":[],"data":["wzy_test","wzy_vivo"],
            "timestamp":1594724947117,"duration":3,"count":5}"#,
    )
    .await;
    let r = h.client.group_members().list_whitelist("12XXXX53").send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/12XXXX53/white/users", "", None).await;
    assert_eq!(r.data, ["wzy_test", "wzy_vivo"]);
    assert_eq!(r.meta.count, Some(5));
    assert_eq!(r.meta.duration, Some(3));
}

#[tokio::test]
async fn add_to_whitelist_decodes_the_single_object() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","uri":"https://XXXX/XXXX/XXXX/chatgroups/12XXXX53/white/users/wzy_xiaomi","entities":[],
            "data":{"result":true,"action":"add_user_whitelist","user":"wzy_xiaomi","groupid":"12XXXX53"},"timestamp":1594724293063,"duration":4}"#,
    )
    .await;
    let r = h.client.group_members().add_to_whitelist("12XXXX53", "wzy_xiaomi").send().await.unwrap();
    h.expect("POST", "/org/app/chatgroups/12XXXX53/white/users/wzy_xiaomi", "", None).await;
    assert!(r.result);
    assert_eq!(r.action.as_deref(), Some("add_user_whitelist"));
    assert_eq!(r.user.as_ref().map(|u| u.as_str()), Some("wzy_xiaomi"));
    assert_eq!(r.group_id.as_ref().map(|g| g.as_str()), Some("12XXXX53"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1594724293063)));
}

#[tokio::test]
async fn add_batch_to_whitelist_posts_to_white_not_blocks() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","uri":"https://XXXX/XXXX/XXXX/chatgroups/12XXXX53/white/users","entities":[],
            "data":[{"result":true,"action":"add_user_whitelist","user":"wzy_test","groupid":"12XXXX53"}],"timestamp":1594724634191,"duration":2}"#,
    )
    .await;
    let r = h.client.group_members().add_batch_to_whitelist("12XXXX53", ["wzy_test"]).send().await.unwrap();
    h.expect("POST", "/org/app/chatgroups/12XXXX53/white/users", "", Some(json!({"usernames":["wzy_test"]}))).await;
    assert_eq!(r.len(), 1);
    assert!(r[0].result);
    assert_eq!(r[0].user.as_ref().map(|u| u.as_str()), Some("wzy_test"));
    assert_eq!(r[0].group_id.as_ref().map(|g| g.as_str()), Some("12XXXX53"));
    assert_eq!(r[0].reason, None);
    assert_eq!(r.meta.duration, Some(2));
}

#[tokio::test]
async fn remove_from_whitelist_joins_ids_and_decodes_the_doc_array() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","uri":"https://XXXX/XXXX/XXXX/chatgroups/12XXXX53/white/users/wzy_huawei,wzXXXXzu","entities":[],
            "data":[{"result":true,"action":"remove_user_whitelist","user":"wzy_huawei","groupid":"12XXXX53"},
                    {"result":true,"action":"remove_user_whitelist","user":"wzXXXXzu","groupid":"12XXXX53"}],
            "timestamp":1594725137704,"duration":1}"#,
    )
    .await;
    let r =
        h.client.group_members().remove_from_whitelist("12XXXX53", ["wzy_huawei", "wzXXXXzu"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatgroups/12XXXX53/white/users/wzy_huawei%2CwzXXXXzu", "", None).await;
    assert_eq!(r.len(), 2);
    assert!(r[0].result);
    assert_eq!(r[0].action.as_deref(), Some("remove_user_whitelist"));
    assert_eq!(r[1].user.as_ref().map(|u| u.as_str()), Some("wzXXXXzu"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1594725137704)));
}

#[tokio::test]
async fn remove_from_whitelist_accepts_a_single_object_and_a_bare_result() {
    for (data, user) in [
        (
            r#"{"result":true,"action":"remove_user_whitelist","user":"wzy_huawei","groupid":"12XXXX53"}"#,
            Some("wzy_huawei"),
        ),
        (r#"{"result":true}"#, None),
    ] {
        let h = Harness::start().await;
        h.reply(200, &format!(r#"{{"action":"delete","data":{data},"timestamp":1594725137704,"duration":1}}"#)).await;
        let r = h.client.group_members().remove_from_whitelist("12XXXX53", ["wzy_huawei"]).send().await.unwrap();
        h.expect("DELETE", "/org/app/chatgroups/12XXXX53/white/users/wzy_huawei", "", None).await;
        assert_eq!(r.len(), 1);
        assert!(r[0].result);
        assert_eq!(r[0].user.as_ref().map(|u| u.as_str()), user);
        assert_eq!(r.meta.duration, Some(1));
    }
}

// ------------------------------------------------------------------ mutes

#[tokio::test]
async fn list_muted_decodes_users_and_expiry() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","uri":"https://XXXX/XXXX/XXXX/chatgroups/10XXXX85/mute","entities":[],"data":[{"expire":1489158589481,"user":"user1"}],
            "timestamp":1489072802179,"duration":0}"#,
    )
    .await;
    let r = h.client.group_members().list_muted("10XXXX85").send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/10XXXX85/mute", "", None).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].user, "user1");
    assert_eq!(r[0].expire, Some(easemob::Timestamp::from_unix_millis(1489158589481)));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1489072802179)));
}

#[tokio::test]
async fn mute_sends_duration_and_usernames() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","uri":"https://XXXX/XXXX/XXXX/chatgroups/10XXXX85/mute","entities":[],"data":[{"result":true,"expire":1489158589481,"user":"user1"}],
            "timestamp":1489072189508,"duration":0}"#,
    )
    .await;
    let r = h
        .client
        .group_members()
        .mute("10XXXX85", easemob::MuteDuration::from_secs(86_400), ["user1"])
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/chatgroups/10XXXX85/mute",
        "",
        Some(json!({"mute_duration":86400000,"usernames":["user1"]})),
    )
    .await;
    assert_eq!(r.len(), 1);
    assert!(r[0].result);
    assert_eq!(r[0].expire, Some(easemob::Timestamp::from_unix_millis(1489158589481)));
    assert_eq!(r[0].user, "user1");
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1489072189508)));
}

#[tokio::test]
async fn mute_all_posts_without_a_body() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","uri":"https://XXXX/XXXX/XXXX/chatgroups/12XXXX53/ban","entities":[],"data":{"mute":true},"timestamp":1594628861058,"duration":1}"#,
    )
    .await;
    let r = h.client.group_members().mute_all("12XXXX53").send().await.unwrap();
    h.expect("POST", "/org/app/chatgroups/12XXXX53/ban", "", None).await;
    assert!(r.mute);
    assert_eq!(r.meta.action.as_deref(), Some("post"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1594628861058)));
}

#[tokio::test]
async fn unmute_is_a_delete_with_the_users_in_the_path() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","uri":"https://XXXX/XXXX/XXXX/chatgroups/10XXXX85/mute/user1","entities":[],"data":[{"result":true,"user":"user1"}],
            "timestamp":1489072695859,"duration":0}"#,
    )
    .await;
    let r = h.client.group_members().unmute("10XXXX85", ["user1"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatgroups/10XXXX85/mute/user1", "", None).await;
    assert_eq!(r.len(), 1);
    assert!(r[0].result);
    assert_eq!(r[0].user, "user1");
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1489072695859)));
}

#[tokio::test]
async fn unmute_of_several_users_sends_one_encoded_segment() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":[{"result":true,"user":"user1"},{"result":"false","user":"user2"}],"duration":0}"#).await;
    let r = h.client.group_members().unmute("10XXXX85", ["user1", "user2"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/chatgroups/10XXXX85/mute/user1%2Cuser2", "", None).await;
    assert!(r[0].result);
    assert!(!r[1].result);
    assert_eq!(r[1].user, "user2");
}

#[tokio::test]
async fn unmute_all_is_a_delete() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","uri":"https://XXXX/XXXX/XXXX/chatgroups/12XXXX53/ban","entities":[],"data":{"mute":false},"timestamp":1594628899502,"duration":1}"#,
    )
    .await;
    let r = h.client.group_members().unmute_all("12XXXX53").send().await.unwrap();
    h.expect("DELETE", "/org/app/chatgroups/12XXXX53/ban", "", None).await;
    assert!(!r.mute);
    assert_eq!(r.meta.action.as_deref(), Some("delete"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1594628899502)));
}

// ---------------------------------------------------- custom attributes

#[tokio::test]
async fn set_metadata_puts_metadata_and_decodes_the_bare_answer() {
    let h = Harness::start().await;
    h.reply(200, r#"{"timestamp":1678674135533,"data":{"key1":"value1"},"duration":53}"#).await;
    let r =
        h.client.group_members().set_metadata("207059303858177", "test2", [("key1", "value1")]).send().await.unwrap();
    h.expect(
        "PUT",
        "/org/app/metadata/chatgroup/207059303858177/user/test2",
        "",
        Some(json!({"metaData":{"key1":"value1"}})),
    )
    .await;
    assert_eq!(r.len(), 1);
    assert_eq!(r["key1"], "value1");
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1678674135533)));
    assert_eq!(r.meta.duration, Some(53));
    assert_eq!(r.meta.action, None);
}

#[tokio::test]
async fn set_metadata_sends_an_empty_value_to_delete_a_key() {
    let h = Harness::start().await;
    h.reply(200, r#"{"timestamp":1678674135533,"data":{},"duration":5}"#).await;
    let r = h.client.group_members().set_metadata("g", "u", [("nickname", "")]).send().await.unwrap();
    h.expect("PUT", "/org/app/metadata/chatgroup/g/user/u", "", Some(json!({"metaData":{"nickname":""}}))).await;
    assert!(r.is_empty());
}

#[tokio::test]
async fn set_metadata_checks_key_and_value_lengths() {
    let h = Harness::start().await;
    let m = h.client.group_members();
    let e = invalid_input(m.set_metadata("g", "u", [("k".repeat(17), "v".to_owned())]).send().await);
    assert_eq!(e.operation, "group_members_set_metadata");
    assert_eq!(e.field, "metadata");
    assert_eq!(e.rule, r#"key "kkkkkkkkkkkkkkkkk" is longer than 16 characters"#);
    let e = invalid_input(m.set_metadata("g", "u", [("k", "v".repeat(513))]).send().await);
    assert_eq!(e.field, "metadata");
    assert_eq!(e.rule, "a value is 513 characters long; at most 512 are allowed");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn set_metadata_sends_a_16_character_key_and_a_512_character_value() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{}}"#).await;
    let (k, v) = ("k".repeat(16), "v".repeat(512));
    h.client.group_members().set_metadata("g", "u", [(k.clone(), v.clone())]).send().await.unwrap();
    h.expect("PUT", "/org/app/metadata/chatgroup/g/user/u", "", Some(json!({"metaData":{k: v}}))).await;
}

#[tokio::test]
async fn set_metadata_batch_sends_a_json_array_and_reads_the_colon_keys() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"timestamp":1727593257722,"data":{"updateMetadataFailed:":[],"updateMetadataSucceeded:":[
            {"username":"user1","metadata":{"metadataKey1":"value1","metadataKey2":"value2"}},
            {"username":"user2","metadata":{"metadataKey3":"value3"}}]},"duration":483}"#,
    )
    .await;
    let r = h
        .client
        .group_members()
        .set_metadata_batch(
            "XXXX",
            [
                GroupMemberMetadata::new("user1", [("metadataKey1", "value1"), ("metadataKey2", "value2")]),
                GroupMemberMetadata::new("user2", [("metadataKey3", "value3"), ("metadataKey4", "")]),
            ],
        )
        .send()
        .await
        .unwrap();
    h.expect(
        "PUT",
        "/org/app/metadata/chatgroup/XXXX/users/batch",
        "",
        Some(json!([
            {"username":"user1","metadata":{"metadataKey1":"value1","metadataKey2":"value2"}},
            {"username":"user2","metadata":{"metadataKey3":"value3","metadataKey4":""}}
        ])),
    )
    .await;
    let ok = r.succeeded.as_ref().unwrap();
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[0].username, "user1");
    assert_eq!(ok[0].metadata["metadataKey2"], "value2");
    assert_eq!(ok[1].username, "user2");
    assert_eq!(ok[1].metadata.len(), 1);
    assert_eq!(r.failed, Some(vec![]));
    assert_eq!(r.succeeded_without_colon, None);
    assert_eq!(r.failed_without_colon, None);
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1727593257722)));
    assert_eq!(r.meta.duration, Some(483));
}

#[tokio::test]
async fn set_metadata_batch_also_reads_the_table_keys_without_colon() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"data":{"updateMetadataFailed":[{"username":"user99","error":"user not in group"}],
                    "updateMetadataSucceeded":[{"username":"user1","metadata":{"k":"v"}}]}}"#,
    )
    .await;
    let r = h
        .client
        .group_members()
        .set_metadata_batch("g", [GroupMemberMetadata::new("user1", [("k", "v")])])
        .send()
        .await
        .unwrap();
    assert_eq!(r.succeeded, None);
    assert_eq!(r.succeeded_without_colon.as_ref().unwrap()[0].username, "user1");
    let failed = r.failed_without_colon.as_ref().unwrap();
    assert_eq!(failed[0], json!({"username":"user99","error":"user not in group"}));
}

#[tokio::test]
async fn set_metadata_batch_takes_1_to_20_members() {
    let h = Harness::start().await;
    let m = h.client.group_members();
    let item = |i: usize| GroupMemberMetadata::new(format!("user{i}"), [("k", "v")]);
    let e = invalid_input(m.set_metadata_batch("g", (0..21).map(item)).send().await);
    assert_eq!(e.operation, "group_members_set_metadata_batch");
    assert_eq!(e.field, "members");
    assert_eq!(e.rule, "takes at most 20 items per call, got 21");
    let e = invalid_input(m.set_metadata_batch("g", Vec::<GroupMemberMetadata>::new()).send().await);
    assert_eq!(e.rule, "needs at least 1 item(s), got 0");
    h.expect_nothing_sent().await;

    h.reply(200, r#"{"data":{"updateMetadataFailed:":[],"updateMetadataSucceeded:":[]}}"#).await;
    m.set_metadata_batch("g", (0..20).map(item)).send().await.unwrap();
    let reqs = h.requests().await;
    assert_eq!(reqs.len(), 1);
    let body: serde_json::Value = serde_json::from_slice(&reqs[0].body).unwrap();
    assert_eq!(body.as_array().map(Vec::len), Some(20));
}

#[tokio::test]
async fn get_metadata_is_a_get_without_a_body() {
    let h = Harness::start().await;
    h.reply(200, r#"{"timestamp":1678674211840,"data":{"key1":"value1"},"duration":6}"#).await;
    let r = h.client.group_members().get_metadata("207059303858177", "test2").send().await.unwrap();
    h.expect("GET", "/org/app/metadata/chatgroup/207059303858177/user/test2", "", None).await;
    assert_eq!(r["key1"], "value1");
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1678674211840)));
    assert_eq!(r.meta.duration, Some(6));
}

#[tokio::test]
async fn get_metadata_batch_posts_targets_and_properties() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"timestamp":1678674292783,"data":{"test1":{"key1":"value1"},"test2":{"key1":"value1"}},"duration":2}"#,
    )
    .await;
    let r = h
        .client
        .group_members()
        .get_metadata_batch("XXXX", ["test1", "test2"])
        .properties(["key1", "key2"])
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/metadata/chatgroup/XXXX/get",
        "",
        Some(json!({"targets":["test1","test2"],"properties":["key1","key2"]})),
    )
    .await;
    assert_eq!(r.len(), 2);
    assert_eq!(r["test1"]["key1"], "value1");
    assert_eq!(r["test2"]["key1"], "value1");
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1678674292783)));
    assert_eq!(r.meta.duration, Some(2));
}

#[tokio::test]
async fn get_metadata_batch_without_properties_reads_every_key() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"test1":{"key1":"value1","key2":"value2"}}}"#).await;
    let r = h.client.group_members().get_metadata_batch("XXXX", ["test1"]).send().await.unwrap();
    h.expect("POST", "/org/app/metadata/chatgroup/XXXX/get", "", Some(json!({"targets":["test1"]}))).await;
    assert_eq!(r["test1"].len(), 2);
}

#[tokio::test]
async fn get_metadata_batch_takes_1_to_10_targets() {
    let h = Harness::start().await;
    let m = h.client.group_members();
    let e = invalid_input(m.get_metadata_batch("g", users(11)).send().await);
    assert_eq!(e.operation, "group_members_get_metadata_batch");
    assert_eq!(e.field, "targets");
    assert_eq!(e.rule, "takes at most 10 items per call, got 11");
    let e = invalid_input(m.get_metadata_batch("g", users(0)).send().await);
    assert_eq!(e.rule, "needs at least 1 item(s), got 0");
    h.expect_nothing_sent().await;

    h.reply(200, r#"{"data":{}}"#).await;
    m.get_metadata_batch("g", users(10)).send().await.unwrap();
    h.expect("POST", "/org/app/metadata/chatgroup/g/get", "", Some(json!({"targets": users(10)}))).await;
}

// ----------------------------------------------------------------- limits

#[tokio::test]
async fn batch_operations_reject_more_than_60_users_before_sending() {
    let h = Harness::start().await;
    for op in BATCH_OPERATIONS {
        let e = invalid_input(call(&h, op, &users(61)).await);
        assert_eq!(e.operation, format!("group_members_{op}"));
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
        assert_eq!(e.operation, format!("group_members_{op}"));
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
            assert_eq!(e.operation, format!("group_members_{op}"));
            assert_eq!(e.status, 401, "{op}");
            assert_eq!(e.code, Some(code.clone()), "{op}");
            assert_eq!(e.description.as_deref(), Some(description), "{op}");
        }
        assert_eq!(h.requests().await.len(), OPERATIONS.len());
    }
}

#[tokio::test]
async fn every_group_operation_but_list_decodes_the_group_404() {
    let h = Harness::start().await;
    h.reply(
        404,
        r#"{"error":"resource_not_found","timestamp":1542556220010,"duration":0,"exception":"com.easemob.group.exception.ResourceNotFoundException","error_description":"grpID 66XXXX85 does not exist!"}"#,
    )
    .await;
    let ops: Vec<&str> = OPERATIONS.iter().copied().filter(|op| *op != "list" && !op.contains("metadata")).collect();
    assert_eq!(ops.len(), 22);
    for op in ops {
        let e = api_error(call(&h, op, &users(2)).await);
        assert_eq!(e.operation, format!("group_members_{op}"));
        assert_eq!(e.status, 404, "{op}");
        assert_eq!(e.code, Some(ErrorCode::ResourceNotFound), "{op}");
        assert_eq!(e.exception.as_deref(), Some("com.easemob.group.exception.ResourceNotFoundException"), "{op}");
        assert_eq!(e.description.as_deref(), Some("grpID 66XXXX85 does not exist!"), "{op}");
        assert_eq!(
            e.body.as_ref().and_then(|b| b.timestamp),
            Some(easemob::Timestamp::from_unix_millis(1542556220010)),
            "{op}"
        );
    }
}

/// The code the client must report for each `error` string the group member page uses.
fn typed(code: &str) -> ErrorCode {
    match code {
        "invalid_parameter" => ErrorCode::InvalidParameter,
        "forbidden_op" => ErrorCode::ForbiddenOp,
        "exceed_limit" => ErrorCode::ExceedLimit,
        "resource_not_found" => ErrorCode::ResourceNotFound,
        "service_resource_not_found" => ErrorCode::ServiceResourceNotFound,
        "metadata_error" => ErrorCode::MetadataError,
        // Not among the common codes: kept as text.
        "MetadataException" => ErrorCode::from(code),
        other => panic!("no expectation for error code {other}"),
    }
}

/// Every row of the page's error tables except the 401 and the group 404
/// (tested for all operations above): operation, status, `error`, `error_description`.
const DOCUMENTED_ERRORS: &[(&str, u16, &str, &str)] = &[
    ("list", 404, "service_resource_not_found", "do not find this group:10XXXX85"),
    ("add", 403, "forbidden_op", "can not join this group, reason:user: user1 already in group: 66XXXX85\n"),
    ("add", 403, "exceed_limit", "user user1 has joined too many groups!"),
    ("add", 404, "resource_not_found", "username user1 doesn't exist!"),
    ("add_batch", 403, "forbidden_op", "an not join this group, reason:user: user0 already in group: 66XXXX85\n"),
    ("add_batch", 403, "exceed_limit", "user user0 has joined too many groups!"),
    ("add_batch", 403, "exceed_limit", "members size is greater than max user size !"),
    ("add_batch", 404, "resource_not_found", "username user0 doesn't exist!"),
    ("remove", 403, "forbidden_op", "users [user1] are not members of this group!"),
    ("remove", 403, "forbidden_op", "forbidden operation on group owner!"),
    ("remove", 403, "exceed_limit", "user user1 has joined too many groups!"),
    ("remove_batch", 400, "invalid_parameter", "kickMember: kickMembers number more than maxSize : 60"),
    ("remove_batch", 403, "forbidden_op", "users [user0, user1] are not members of this group!"),
    ("remove_batch", 403, "forbidden_op", "forbidden operation on group owner!"),
    ("add_admin", 404, "resource_not_found", "user: user1 doesn't exist in group: 66XXXX85"),
    ("remove_admin", 403, "forbidden_op", "user:user1 is not admin of group:66XXXX85"),
    ("transfer_owner", 403, "forbidden_op", "user: user2 doesn't exist in group: 66XXXX85"),
    ("transfer_owner", 403, "forbidden_op", "new owner and old owner are the same"),
    ("block", 403, "forbidden_op", "users [user1] are not members of this group!"),
    ("block", 403, "forbidden_op", "forbidden operation on group owner!"),
    ("block_batch", 400, "invalid_parameter", "userNames is more than max limit : 60"),
    ("block_batch", 403, "forbidden_op", "users [user0, user1] are not members of this group!"),
    ("unblock", 403, "forbidden_op", "users [user1] are not members of this group!"),
    ("unblock_batch", 400, "invalid_parameter", "removeBlacklist: list size more than max limit : 60"),
    ("unblock_batch", 403, "forbidden_op", "users [user0, user1] are not members of this group!"),
    ("add_to_whitelist", 403, "forbidden_op", "users [user1] are not members of this group!"),
    ("add_batch_to_whitelist", 400, "invalid_parameter", "usernames size is more than max limit : 60"),
    ("add_batch_to_whitelist", 403, "forbidden_op", "users [user0, user1] are not members of this group!"),
    ("remove_from_whitelist", 400, "invalid_parameter", "removeWhitelist size is more than max limit : 60"),
    ("remove_from_whitelist", 403, "forbidden_op", "users [user0, user1] are not members of this group!"),
    ("mute", 400, "invalid_parameter", "userNames size is more than max limit : 60"),
    ("mute", 403, "forbidden_op", "users [user0, user1] are not members of this group!"),
    ("mute", 403, "forbidden_op", "forbidden operation on group owner!"),
    ("unmute", 400, "invalid_parameter", "removeMute member size more than max limit : 60"),
    ("set_metadata", 400, "metadata_error", "exceeds chatgroup user metadata single key limit"),
    ("set_metadata", 400, "metadata_error", "exceeds chatgroup user metadata single value limit"),
    ("set_metadata_batch", 400, "metadata_error", "exceeds chatgroup user metadata single key limit"),
    ("set_metadata_batch", 400, "metadata_error", "exceeds chatgroup user metadata single value limit"),
    ("set_metadata_batch", 400, "metadata_error", "Some users are not in the group: user99"),
    ("set_metadata_batch", 400, "metadata_error", "exceeds chatgroup metadata batch put users limit"),
    ("set_metadata_batch", 403, "metadata_error", "chatgroup user metadata service not allow"),
    ("set_metadata_batch", 404, "metadata_error", "group not exists"),
    ("set_metadata_batch", 409, "metadata_error", "Failed to operate user metadata. Concurrent operation not allowed"),
    ("get_metadata", 404, "MetadataException", "user not in group"),
    ("get_metadata_batch", 400, "metadata_error", "query param reaches limit."),
];

#[tokio::test]
async fn every_documented_error_decodes_into_a_typed_error() {
    for &(op, status, code, description) in DOCUMENTED_ERRORS {
        let h = Harness::start().await;
        h.reply(status, &error_body(code, description)).await;
        let e = api_error(call(&h, op, &users(2)).await);
        assert_eq!(e.operation, format!("group_members_{op}"));
        assert_eq!(e.status, status, "{op} {description}");
        assert_eq!(e.code, Some(typed(code)), "{op} {description}");
        assert_eq!(e.exception.as_deref(), Some("EasemobException"), "{op} {description}");
        assert_eq!(e.description.as_deref(), Some(description), "{op} {description}");
    }
}

#[tokio::test]
async fn the_not_member_error_is_a_403_on_group_pages() {
    // Unlike the chatroom pages (400), so a caller matching on the status alone would miss one of them.
    let h = Harness::start().await;
    h.reply(403, &error_body("forbidden_op", "users [user1] are not members of this group!")).await;
    let e = api_error(h.client.group_members().block("66XXXX85", "user1").send().await);
    assert_eq!((e.status, e.code), (403, Some(ErrorCode::ForbiddenOp)));
}

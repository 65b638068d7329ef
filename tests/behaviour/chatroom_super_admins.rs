//! `client.chatroom_super_admins()`: every operation against the doc examples.

use easemob::{Error, ErrorCode};
use easemob_tests::{Harness, STD_401, V2_401, api_error, invalid_input};
use serde_json::json;

/// Calls operation `op` (its Rust method name) with sample inputs; the payload is dropped.
async fn call(h: &Harness, op: &str) -> Result<(), Error> {
    let s = h.client.chatroom_super_admins();
    match op {
        "add" => s.add("user1").send().await.map(drop),
        "list" => s.list().send().await.map(drop),
        "remove" => s.remove("user1").send().await.map(drop),
        other => panic!("no chatroom_super_admins operation {other}"),
    }
}

#[tokio::test]
async fn add_sends_superadmin_and_reads_success_as_true() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"09XXXX34","applicationName":"XXXX","data":{"result":"success","resource":""},
            "duration":1,"entities":[],"organization":"XXXX","timestamp":1656488117703,"uri":"https://XXXX/XXXX/XXXX/chatrooms/super_admin"}"#,
    )
    .await;
    let r = h.client.chatroom_super_admins().add("u1").send().await.unwrap();
    h.expect("POST", "/org/app/chatrooms/super_admin", "", Some(json!({"superadmin":"u1"}))).await;
    assert!(r.result);
    assert_eq!(r.resource.as_deref(), Some(""));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1656488117703)));
    assert_eq!(r.meta.application.as_deref(), Some("09XXXX34"));
    assert_eq!(r.meta.duration, Some(1));
}

#[tokio::test]
async fn add_reads_the_seed_003_example() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"9fa492a0-40b1-11e5-b1b9-a76b05da6904","uri":"http://a1.easemob.com/easemob-demo/testapp/hxdemo2/chatrooms/super_admin",
            "entities":[],"data":{"result":"success","resource":""},"timestamp":1596187658017,"duration":1,
            "organization":"easemob-demo","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.chatroom_super_admins().add("u1").send().await.unwrap();
    h.expect("POST", "/org/app/chatrooms/super_admin", "", Some(json!({"superadmin":"u1"}))).await;
    assert!(r.result);
    assert_eq!(r.meta.organization.as_deref(), Some("easemob-demo"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1596187658017)));
}

#[tokio::test]
async fn add_reads_a_boolean_result_as_the_table_declares_it() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"result":false}}"#).await;
    let r = h.client.chatroom_super_admins().add("u1").send().await.unwrap();
    assert!(!r.result);
    assert_eq!(r.resource, None);
}

#[tokio::test]
async fn list_sends_paging_and_accepts_a_page_longer_than_asked() {
    // The doc example (like seed 003) answers pagesize=2 with three IDs.
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","application":"9fXXXX04","params":{"pagesize":["2"],"pagenum":["2"]},"uri":"https://XXXX/XXXX/XXXX/chatrooms/super_admin",
            "entities":[],"data":["hXXXX1","hXXXX11","hXXXX10"],"timestamp":1596187292391,"duration":0,
            "organization":"XXXX","applicationName":"testapp","count":3}"#,
    )
    .await;
    let r = h.client.chatroom_super_admins().list().pagenum(2).pagesize(2).send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/super_admin", "pagenum=2&pagesize=2", None).await;
    assert_eq!(r.data, ["hXXXX1", "hXXXX11", "hXXXX10"]);
    assert_eq!(r.meta.count, Some(3));
    let params = r.meta.params.as_ref().unwrap();
    assert_eq!(params["pagesize"], vec!["2".to_owned()]);
    assert_eq!(params["pagenum"], vec!["2".to_owned()]);
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1596187292391)));
}

#[tokio::test]
async fn list_without_paging_sends_no_query_and_reads_the_seed_003_example() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","application":"9fa492a0-40b1-11e5-b1b9-a76b05da6904","params":{"pagesize":["2"],"pagenum":["2"]},
            "uri":"http://a1.easemob.com/easemob-demo/testapp/chatrooms/super_admin","entities":[],
            "data":["hxtest1","hxtest11","hxtest10"],"timestamp":1596187292391,"duration":0,
            "organization":"easemob-demo","applicationName":"testapp","count":3}"#,
    )
    .await;
    let r = h.client.chatroom_super_admins().list().send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/super_admin", "", None).await;
    assert_eq!(r.len(), 3);
    assert_eq!(r[0], "hxtest1");
    assert_eq!(r.meta.count, Some(3));
}

#[tokio::test]
async fn list_checks_page_and_page_size_before_sending() {
    let h = Harness::start().await;
    let admins = h.client.chatroom_super_admins();
    let e = invalid_input(admins.list().pagenum(0).send().await);
    assert_eq!(e.operation, "chatroom_super_admins_list");
    assert_eq!((e.field, e.rule.as_str()), ("pagenum", "must be at least 1, got 0"));
    let e = invalid_input(admins.list().pagesize(0).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("pagesize", "must be from 1 to 1000, got 0"));
    let e = invalid_input(admins.list().pagesize(1001).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("pagesize", "must be from 1 to 1000, got 1001"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_sends_the_largest_page_size() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":[],"count":0}"#).await;
    let r = h.client.chatroom_super_admins().list().pagesize(1000).send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/super_admin", "pagesize=1000", None).await;
    assert!(r.is_empty());
    assert_eq!(r.meta.count, Some(0));
}

#[tokio::test]
async fn remove_reads_new_super_admin_as_the_revoked_user() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","application":"09XXXX34","applicationName":"XXXX","data":{"newSuperAdmin":"XXXX","resource":""},
            "duration":0,"entities":[],"organization":"XXXX","properties":{},"timestamp":1656488154100,
            "uri":"https://XXXX/XXXX/XXXX/chatrooms/super_admin/XXXX"}"#,
    )
    .await;
    let r = h.client.chatroom_super_admins().remove("XXXX").send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/super_admin/XXXX", "", None).await;
    assert_eq!(r.username, "XXXX");
    assert_eq!(r.resource.as_deref(), Some(""));
    assert_eq!(r.meta.properties, Some(json!({})));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1656488154100)));
}

#[tokio::test]
async fn remove_reads_the_seed_003_example() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","application":"9fa492a0-40b1-11e5-b1b9-a76b05da6904","uri":"http://a1.easemob.com/easemob-demo/testapp/chatrooms/super_admin/hxtest10",
            "entities":[],"data":{"newSuperAdmin":"user1","resource":""},"timestamp":1596187855832,"duration":0,
            "organization":"easemob-demo","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.chatroom_super_admins().remove("user1").send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/super_admin/user1", "", None).await;
    assert_eq!(r.username, "user1");
    assert_eq!(r.meta.properties, None);
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1596187855832)));
}

#[tokio::test]
async fn remove_keeps_the_user_id_in_one_segment() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"newSuperAdmin":"a/b","resource":""}}"#).await;
    let r = h.client.chatroom_super_admins().remove("a/b").send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/super_admin/a%2Fb", "", None).await;
    assert_eq!(r.username, "a/b");
}

#[tokio::test]
async fn every_operation_decodes_both_401_generations() {
    for (body, code, description) in [
        (STD_401, ErrorCode::Unauthorized, "Unable to authenticate (OAuth)"),
        (V2_401, ErrorCode::GroupAuthorization, "this token is bad, or has expired!"),
    ] {
        let h = Harness::start().await;
        h.reply(401, body).await;
        for op in ["add", "list", "remove"] {
            let e = api_error(call(&h, op).await);
            assert_eq!(e.operation, format!("chatroom_super_admins_{op}"));
            assert_eq!(e.status, 401, "{op}");
            assert_eq!(e.code, Some(code.clone()), "{op}");
            assert_eq!(e.description.as_deref(), Some(description), "{op}");
        }
    }
}

#[tokio::test]
async fn add_and_remove_404_user_not_found() {
    let h = Harness::start().await;
    h.reply(
        404,
        r#"{"error":"resource_not_found","timestamp":1542554114398,"duration":0,"exception":"com.easemob.group.exception.ResourceNotFoundException","error_description":"username user10 doesn't exist!"}"#,
    )
    .await;
    for op in ["add", "remove"] {
        let e = api_error(call(&h, op).await);
        assert_eq!(e.operation, format!("chatroom_super_admins_{op}"));
        assert_eq!(e.status, 404, "{op}");
        assert_eq!(e.code, Some(ErrorCode::ResourceNotFound), "{op}");
        assert_eq!(e.description.as_deref(), Some("username user10 doesn't exist!"), "{op}");
        assert_eq!(e.exception.as_deref(), Some("com.easemob.group.exception.ResourceNotFoundException"), "{op}");
    }
}

//! `client.groups()`: every operation against the doc examples.

use std::future::Future;

use easemob::{Affiliation, Client, ErrorCode};
use easemob_tests::{Harness, STD_401, api_error, invalid_input};
use serde_json::json;

/// An error body as the doc pages print them.
fn error_body(code: &ErrorCode, description: &str) -> String {
    json!({
        "error": code.as_str(),
        "exception": "com.easemob.group.exception.GroupException",
        "timestamp": 1542363546590_i64,
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

fn unauthorized() -> (u16, ErrorCode, &'static str) {
    (401, ErrorCode::Unauthorized, "Unable to authenticate (OAuth)")
}

fn group_not_found() -> (u16, ErrorCode, &'static str) {
    (404, ErrorCode::ResourceNotFound, "grpID 6XXXX7 does not exist!")
}

// ---- create ------------------------------------------------------------------

#[tokio::test]
async fn create_sends_required_and_optional_fields() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"8bXXXX02","uri":"https://XXXX/XXXX/XXXX/chatgroups","entities":[],
            "data":{"groupid":"6XXXX7"},"timestamp":1542361730243,"duration":0,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h
        .client
        .groups()
        .create("user1", true)
        .group_id("6XXXX7")
        .name("testgroup")
        .avatar("https://www.XXXX.com/XXX/image")
        .description("test")
        .maxusers(300)
        .allowinvites(false)
        .membersonly(true)
        .invite_need_confirm(false)
        .members(["user2", "user3"])
        .custom("level=1")
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/chatgroups",
        "",
        Some(json!({
            "groupid":"6XXXX7","groupname":"testgroup","avatar":"https://www.XXXX.com/XXX/image","description":"test",
            "owner":"user1","public":true,"maxusers":300,"allowinvites":false,"membersonly":true,
            "invite_need_confirm":false,"members":["user2","user3"],"custom":"level=1"
        })),
    )
    .await;
    assert_eq!(r.group_id, "6XXXX7");
    assert_eq!(r.meta.action.as_deref(), Some("post"));
    assert_eq!(r.meta.application.as_deref(), Some("8bXXXX02"));
    assert_eq!(r.meta.application_name.as_deref(), Some("testapp"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542361730243)));
}

#[tokio::test]
async fn create_with_only_the_required_fields() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"groupid":"6XXXX8"}}"#).await;
    let r = h.client.groups().create("user1", false).send().await.unwrap();
    h.expect("POST", "/org/app/chatgroups", "", Some(json!({"owner":"user1","public":false}))).await;
    assert_eq!(r.group_id, "6XXXX8");
}

#[tokio::test]
async fn create_checks_documented_limits() {
    let h = Harness::start().await;
    let groups = h.client.groups();
    let e = invalid_input(groups.create("u", true).name("x".repeat(129)).send().await);
    assert_eq!(e.operation, "groups_create");
    assert_eq!((e.field, e.rule.as_str()), ("name", "must be at most 128 characters, got 129"));
    let e = invalid_input(groups.create("u", true).avatar("a".repeat(1025)).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("avatar", "must be at most 1024 characters, got 1025"));
    let e = invalid_input(groups.create("u", true).description("群".repeat(513)).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("description", "must be at most 512 characters, got 513"));
    let e = invalid_input(groups.create("u", true).custom("c".repeat(8193)).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("custom", "must be at most 8192 characters, got 8193"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn create_limits_allow_the_boundary() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"groupid":"1"}}"#).await;
    let name = "群".repeat(128);
    h.client.groups().create("u", true).name(name.clone()).custom("c".repeat(8192)).send().await.unwrap();
    h.expect(
        "POST",
        "/org/app/chatgroups",
        "",
        Some(json!({"groupname":name,"owner":"u","public":true,"custom":"c".repeat(8192)})),
    )
    .await;
}

#[tokio::test]
async fn create_documented_errors() {
    documented_errors(
        "groups_create",
        |c| c.groups().create("user1", true).send(),
        vec![
            (400, ErrorCode::InvalidParameter, "owner must be provided"),
            (400, ErrorCode::InvalidParameter, "avatar length is too big"),
            (400, ErrorCode::InvalidParameter, "group must contain public field!"),
            (400, ErrorCode::IllegalArgument, "group ID 6XXXX7 already exists!"),
            unauthorized(),
            (403, ErrorCode::ExceedLimit, "appKey:XXXX#testapp has create too many groups!"),
            (403, ErrorCode::ExceedLimit, "user user1 has joined too many groups!"),
            (403, ErrorCode::ExceedLimit, "members size is greater than max user size !"),
            (403, ErrorCode::GroupNameViolation, "testgroup is violation, please change it."),
            (404, ErrorCode::ResourceNotFound, "username user2 doesn't exist!"),
        ],
    )
    .await;
}

// ---- disable / enable ----------------------------------------------------------

#[tokio::test]
async fn disable_posts_without_a_body() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"XXXX","applicationName":"XXXX","data":{"disabled":true},"duration":740,"entities":[],
            "organization":"XXXX","properties":{},"timestamp":1672974260359,"uri":"https://XXXX/XXXX/XXXX/chatgroups/XXXX/disable"}"#,
    )
    .await;
    let r = h.client.groups().disable("6XXXX7").send().await.unwrap();
    h.expect("POST", "/org/app/chatgroups/6XXXX7/disable", "", None).await;
    assert!(r.disabled);
    assert_eq!(r.meta.duration, Some(740));
    assert_eq!(r.meta.properties, Some(json!({})));
    assert_eq!(r.meta.uri.as_deref(), Some("https://XXXX/XXXX/XXXX/chatgroups/XXXX/disable"));
}

#[tokio::test]
async fn disable_documented_errors() {
    documented_errors(
        "groups_disable",
        |c| c.groups().disable("6XXXX7").send(),
        vec![unauthorized(), group_not_found()],
    )
    .await;
}

#[tokio::test]
async fn enable_posts_without_a_body() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","data":{"disabled":false},"duration":22,"entities":[],"properties":{},"timestamp":1672974668171,
            "uri":"https://XXXX/XXXX/XXXX/chatgroups/XXXX/enable"}"#,
    )
    .await;
    let r = h.client.groups().enable("6XXXX7").send().await.unwrap();
    h.expect("POST", "/org/app/chatgroups/6XXXX7/enable", "", None).await;
    assert!(!r.disabled);
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1672974668171)));
    assert_eq!(r.meta.action.as_deref(), Some("post"));
}

#[tokio::test]
async fn enable_documented_errors() {
    documented_errors("groups_enable", |c| c.groups().enable("6XXXX7").send(), vec![unauthorized(), group_not_found()])
        .await;
}

// ---- update --------------------------------------------------------------------

#[tokio::test]
async fn update_sends_every_field_and_reads_each_result() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"put","application":"XXXXXX","applicationName":"XXXX",
            "data":{"allowinvites":true,"invite_need_confirm":true,"membersonly":true,"public":true,"custom":true,
                    "description":true,"maxusers":true,"groupname":true,"avatar":true},
            "duration":0,"entities":[],"organization":"XXXX","properties":{},"timestamp":1666062065529,
            "uri":"https://XXXX/XXXX/XXXX/chatgroups/6XXXX7"}"#,
    )
    .await;
    let r = h
        .client
        .groups()
        .update("6XXXX7")
        .name("test group")
        .avatar("https://www.XXXX.com/XXX/image")
        .description("updated")
        .maxusers(1500)
        .membersonly(true)
        .allowinvites(true)
        .invite_need_confirm(true)
        .custom("new")
        .public(true)
        .send()
        .await
        .unwrap();
    h.expect(
        "PUT",
        "/org/app/chatgroups/6XXXX7",
        "",
        Some(json!({
            "groupname":"test group","avatar":"https://www.XXXX.com/XXX/image","description":"updated","maxusers":1500,
            "membersonly":true,"allowinvites":true,"invite_need_confirm":true,"custom":"new","public":true
        })),
    )
    .await;
    assert_eq!((r.name, r.avatar, r.description), (Some(true), Some(true), Some(true)));
    assert_eq!((r.maxusers, r.membersonly, r.allowinvites), (Some(true), Some(true), Some(true)));
    assert_eq!((r.invite_need_confirm, r.custom, r.public), (Some(true), Some(true), Some(true)));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1666062065529)));
}

#[tokio::test]
async fn update_with_one_field_sends_one_field() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"groupname":true}}"#).await;
    let r = h.client.groups().update("6XXXX7").name("new name").send().await.unwrap();
    h.expect("PUT", "/org/app/chatgroups/6XXXX7", "", Some(json!({"groupname":"new name"}))).await;
    assert_eq!(r.name, Some(true));
    assert_eq!(r.maxusers, None);
}

#[tokio::test]
async fn update_checks_documented_limits() {
    let h = Harness::start().await;
    let groups = h.client.groups();
    let e = invalid_input(groups.update("g").name("x".repeat(129)).send().await);
    assert_eq!(e.operation, "groups_update");
    assert_eq!((e.field, e.rule.as_str()), ("name", "must be at most 128 characters, got 129"));
    let e = invalid_input(groups.update("g").avatar("a".repeat(1025)).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("avatar", "must be at most 1024 characters, got 1025"));
    let e = invalid_input(groups.update("g").description("d".repeat(513)).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("description", "must be at most 512 characters, got 513"));
    let e = invalid_input(groups.update("g").custom("c".repeat(1025)).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("custom", "must be at most 1024 characters, got 1025"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn update_documented_errors() {
    documented_errors(
        "groups_update",
        |c| c.groups().update("6XXXX7").name("n").send(),
        vec![
            (400, ErrorCode::InvalidParameter, "some of [groupid] are not valid fields"),
            unauthorized(),
            (403, ErrorCode::GroupNameViolation, "n is violation, please change it."),
            (403, ErrorCode::GroupAnnounceViolation, "group announcement is violation, please change it."),
            group_not_found(),
        ],
    )
    .await;
}

// ---- list ----------------------------------------------------------------------

#[tokio::test]
async fn list_sends_paging_and_decodes_the_doc_example() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","params":{"limit":["2"]},"uri":"https://XXXX/XXXX/XXXX/chatgroups","entities":[],
            "data":[{"owner":"XXXX#testapp_user1","groupid":"10XXXX60","affiliations":2,"type":"group",
                     "lastModified":"1441021038124","groupname":"testgroup1"},
                    {"owner":"XXXX#testapp_user2","groupid":"10XXXX76","affiliations":1,"type":"group",
                     "lastModified":"1441074471486","groupname":"testgroup2"}],
            "timestamp":1441094193812,"duration":14,"cursor":"Y2hhdGdyb3VwczplYXNlbW9iLWRlbW8vY2hhdGRlbW91aV8z","count":2}"#,
    )
    .await;
    let r = h.client.groups().list().limit(2).cursor("ZGNXXXX6Mg").send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups", "limit=2&cursor=ZGNXXXX6Mg", None).await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].id, "10XXXX60");
    assert_eq!(r[0].name.as_deref(), Some("testgroup1"));
    assert_eq!(r[0].owner.as_deref(), Some("XXXX#testapp_user1"));
    assert_eq!(r[0].member_count, Some(2));
    assert_eq!(r[0].kind.as_deref(), Some("group"));
    assert_eq!(r[0].last_modified, Some(easemob::Timestamp::from_unix_millis(1441021038124)));
    assert_eq!(r[1].id, "10XXXX76");
    assert_eq!(r[1].member_count, Some(1));
    assert_eq!(r.meta.count, Some(2));
    assert_eq!(r.meta.cursor.as_deref(), Some("Y2hhdGdyb3VwczplYXNlbW9iLWRlbW8vY2hhdGRlbW91aV8z"));
    assert_eq!(r.meta.params.as_ref().unwrap()["limit"], vec!["2".to_owned()]);
    assert_eq!(r.meta.duration, Some(14));
}

#[tokio::test]
async fn list_reads_the_sdk_number_forms() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":[{"groupid":10060,"lastModified":1441021038124,"created":1441021038000}]}"#).await;
    let r = h.client.groups().list().send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups", "", None).await;
    assert_eq!(r[0].id, "10060");
    assert_eq!(r[0].last_modified, Some(easemob::Timestamp::from_unix_millis(1441021038124)));
    assert_eq!(r[0].created, Some(easemob::Timestamp::from_unix_millis(1441021038000)));
    assert_eq!(r.meta.cursor, None);
}

#[tokio::test]
async fn list_rejects_a_zero_limit_before_sending() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.groups().list().limit(0).send().await);
    assert_eq!(e.operation, "groups_list");
    assert_eq!((e.field, e.rule.as_str()), ("limit", "must be at least 1, got 0"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_documented_errors() {
    documented_errors("groups_list", |c| c.groups().list().send(), vec![unauthorized(), group_not_found()]).await;
}

#[tokio::test]
async fn list_401_keeps_the_exception() {
    let h = Harness::start().await;
    h.reply(401, STD_401).await;
    let e = api_error(h.client.groups().list().send().await);
    assert_eq!(e.exception.as_deref(), Some("EasemobUnauthorizedException"));
    assert_eq!(e.body.as_ref().and_then(|b| b.timestamp), Some(easemob::Timestamp::from_unix_millis(1542543133343)));
}

// ---- list_joined ---------------------------------------------------------------

#[tokio::test]
async fn list_joined_reads_entities_and_total() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","applicationName":"XXXX","duration":0,
            "entities":[{"name":"群组名称","avatar":"https://www.XXXX.com/XXX/image","owner":"群组管理员","id":"2XXXX1",
              "groupId":"2XXXX1","description":"群组描述","disabled":false,"public":false,"allowinvites":false,
              "membersonly":true,"maxusers":2000,"created":1692687427254}],
            "organization":"XXXX","timestamp":1692687427254,"total":10,"uri":"http://XXXX/XXXX/XXXX/chatgroups/user/XXXX"}"#,
    )
    .await;
    let r = h.client.groups().list_joined("user1").pagesize(5).pagenum(0).send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/user/user1", "pagesize=5&pagenum=0", None).await;
    assert_eq!(r.len(), 1);
    let g = &r[0];
    assert_eq!(g.id.as_ref().map(|i| i.as_str()), Some("2XXXX1"));
    assert_eq!(g.group_id.as_ref().map(|i| i.as_str()), Some("2XXXX1"));
    assert_eq!(g.name.as_deref(), Some("群组名称"));
    assert_eq!(g.avatar.as_deref(), Some("https://www.XXXX.com/XXX/image"));
    assert_eq!(g.owner.as_ref().map(|o| o.as_str()), Some("群组管理员"));
    assert_eq!(g.description.as_deref(), Some("群组描述"));
    assert_eq!(
        (g.disabled, g.public, g.allowinvites, g.membersonly),
        (Some(false), Some(false), Some(false), Some(true))
    );
    assert_eq!(g.maxusers, Some(2000));
    assert_eq!(g.created, Some(easemob::Timestamp::from_unix_millis(1692687427254)));
    assert_eq!(r.meta.total, Some(10));
    assert_eq!(r.meta.organization.as_deref(), Some("XXXX"));
}

#[tokio::test]
async fn list_joined_accepts_items_with_only_one_id_key() {
    let h = Harness::start().await;
    h.reply(200, r#"{"entities":[{"id":"2XXXX1"},{"groupId":"2XXXX2"}],"total":2}"#).await;
    let r = h.client.groups().list_joined("user1").send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/user/user1", "", None).await;
    assert_eq!(r[0].id.as_ref().map(|i| i.as_str()), Some("2XXXX1"));
    assert_eq!(r[0].group_id, None);
    assert_eq!(r[1].group_id.as_ref().map(|i| i.as_str()), Some("2XXXX2"));
}

#[tokio::test]
async fn list_joined_checks_page_bounds() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.groups().list_joined("u").pagenum(-1).send().await);
    assert_eq!(e.operation, "groups_list_joined");
    assert_eq!((e.field, e.rule.as_str()), ("pagenum", "must be at least 0, got -1"));
    let e = invalid_input(h.client.groups().list_joined("u").pagesize(0).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("pagesize", "must be at least 1, got 0"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_joined_documented_errors() {
    documented_errors("groups_list_joined", |c| c.groups().list_joined("user1").send(), vec![unauthorized()]).await;
}

// ---- is_member -----------------------------------------------------------------

#[tokio::test]
async fn is_member_reads_the_bare_boolean() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","application":"8bXXXX02","data":false,"duration":0,"organization":"XXXX","timestamp":1691547476492}"#,
    )
    .await;
    let r = h.client.groups().is_member("6XXXX7", "user1").send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/6XXXX7/user/user1/is_joined", "", None).await;
    assert!(!*r);
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1691547476492)));
    assert_eq!(r.meta.application.as_deref(), Some("8bXXXX02"));
}

#[tokio::test]
async fn is_member_true() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":true}"#).await;
    let r = h.client.groups().is_member("6XXXX7", "user2").send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/6XXXX7/user/user2/is_joined", "", None).await;
    assert!(r.data);
}

#[tokio::test]
async fn is_member_accepts_a_boolean_sent_as_text() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":"true"}"#).await;
    let r = h.client.groups().is_member("6XXXX7", "user2").send().await.unwrap();
    assert!(r.data);
}

#[tokio::test]
async fn is_member_documented_errors() {
    documented_errors("groups_is_member", |c| c.groups().is_member("g", "u").send(), vec![unauthorized()]).await;
}

// ---- get -----------------------------------------------------------------------

const DETAILS: &str = r#"{"action":"get","application":"09ebbf8b-XXXX-XXXX-bd4b-d47c3b38e434","applicationName":"XXXX","count":1,
    "data":[{"id":"66XXXX85","name":"XXXX","avatar":"https://www.XXXX.com","description":"XXXX","membersonly":true,
      "allowinvites":false,"maxusers":2000,"owner":"user1","created":1682588716646,"custom":"","mute":false,
      "affiliations_count":2,"disabled":false,"affiliations":[{"member":"user2"},{"owner":"user1"}],"public":false}],
    "duration":35,"entities":[],"organization":"XXXX","properties":{},"timestamp":1682588814419,
    "uri":"http://XXXX/XXXX/XXXX/chatgroups/66XXXX85"}"#;

#[tokio::test]
async fn get_decodes_the_doc_example() {
    let h = Harness::start().await;
    h.reply(200, DETAILS).await;
    let r = h.client.groups().get(["66XXXX85"]).send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/66XXXX85", "", None).await;
    let d = &r[0];
    assert_eq!(d.id.as_ref().map(|i| i.as_str()), Some("66XXXX85"));
    assert_eq!(d.name.as_deref(), Some("XXXX"));
    assert_eq!(d.avatar.as_deref(), Some("https://www.XXXX.com"));
    assert_eq!(d.description.as_deref(), Some("XXXX"));
    assert_eq!((d.membersonly, d.allowinvites), (Some(true), Some(false)));
    assert_eq!(d.maxusers, Some(2000));
    assert_eq!(d.owner.as_ref().map(|o| o.as_str()), Some("user1"));
    assert_eq!(d.created, Some(easemob::Timestamp::from_unix_millis(1682588716646)));
    assert_eq!(d.custom.as_deref(), Some(""));
    assert_eq!((d.mute, d.disabled, d.public), (Some(false), Some(false), Some(false)));
    assert_eq!(d.affiliations_count, Some(2));
    assert_eq!(
        d.affiliations.as_ref().unwrap(),
        &vec![Affiliation::Member("user2".into()), Affiliation::Owner("user1".into())]
    );
    assert_eq!(r.meta.count, Some(1));
    assert_eq!(r.meta.duration, Some(35));
    assert_eq!(r.meta.properties, Some(json!({})));
}

#[tokio::test]
async fn get_joins_ids_and_tolerates_an_entry_without_group_fields() {
    let h = Harness::start().await;
    h.reply(200, r#"{"count":2,"data":[{"id":"66XXXX85","name":"a"},{}]}"#).await;
    let r = h.client.groups().get(["66XXXX85", "66XXXX86"]).send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/66XXXX85%2C66XXXX86", "", None).await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].name.as_deref(), Some("a"));
    assert_eq!(r[1].id, None);
}

#[tokio::test]
async fn get_rejects_more_than_100_ids_and_none() {
    let h = Harness::start().await;
    let ids: Vec<String> = (0..101).map(|i| format!("group{i}")).collect();
    let e = invalid_input(h.client.groups().get(ids).send().await);
    assert_eq!(e.operation, "groups_get");
    assert_eq!((e.field, e.rule.as_str()), ("group_ids", "takes at most 100 items per call, got 101"));
    let e = invalid_input(h.client.groups().get(Vec::<String>::new()).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("group_ids", "needs at least 1 item(s), got 0"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn get_accepts_exactly_100_ids() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":[]}"#).await;
    let ids: Vec<String> = (0..100).map(|i| format!("g{i}")).collect();
    let r = h.client.groups().get(ids.clone()).send().await.unwrap();
    h.expect("GET", &format!("/org/app/chatgroups/{}", ids.join("%2C")), "", None).await;
    assert!(r.is_empty());
}

#[tokio::test]
async fn get_documented_errors() {
    documented_errors("groups_get", |c| c.groups().get(["6XXXX7"]).send(), vec![unauthorized(), group_not_found()])
        .await;
}

// ---- delete --------------------------------------------------------------------

#[tokio::test]
async fn delete_decodes_the_outcome() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","application":"8bXXXX02","uri":"https://XXXX/XXXX/XXXX/chatgroups/6XXXX7","entities":[],
            "data":{"success":true,"groupid":"6XXXX7"},"timestamp":1542363546590,"duration":0,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.groups().delete("6XXXX7").send().await.unwrap();
    h.expect("DELETE", "/org/app/chatgroups/6XXXX7", "", None).await;
    assert!(r.success);
    assert_eq!(r.group_id.as_ref().map(|i| i.as_str()), Some("6XXXX7"));
    assert_eq!(r.meta.action.as_deref(), Some("delete"));
}

#[tokio::test]
async fn delete_documented_errors() {
    documented_errors("groups_delete", |c| c.groups().delete("6XXXX7").send(), vec![unauthorized(), group_not_found()])
        .await;
}

// ---- announcement --------------------------------------------------------------

#[tokio::test]
async fn get_announcement_decodes() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","application":"8bXXXX02","uri":"https://XXXX/XXXX/XXXX/chatgroups/6XXXX7/announcement","entities":[],
            "data":{"announcement":"群组公告..."},"timestamp":1542363546590,"duration":0,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.groups().get_announcement("6XXXX7").send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/6XXXX7/announcement", "", None).await;
    assert_eq!(r.announcement, "群组公告...");
    assert_eq!(r.meta.uri.as_deref(), Some("https://XXXX/XXXX/XXXX/chatgroups/6XXXX7/announcement"));
}

#[tokio::test]
async fn get_announcement_documented_errors() {
    documented_errors(
        "groups_get_announcement",
        |c| c.groups().get_announcement("6XXXX7").send(),
        vec![unauthorized(), group_not_found()],
    )
    .await;
}

#[tokio::test]
async fn set_announcement_uses_post() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"8bXXXX02","uri":"https://XXXX/XXXX/XXXX/chatgroups/6XXXX7/announcement","entities":[],
            "data":{"id":"6XXXX7","result":true},"timestamp":1542363546590,"duration":0,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.groups().set_announcement("6XXXX7", "群组公告…").send().await.unwrap();
    h.expect("POST", "/org/app/chatgroups/6XXXX7/announcement", "", Some(json!({"announcement":"群组公告…"}))).await;
    assert!(r.result);
    assert_eq!(r.id.as_deref(), Some("6XXXX7"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542363546590)));
}

#[tokio::test]
async fn set_announcement_rejects_513_characters() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.groups().set_announcement("g", "公".repeat(513)).send().await);
    assert_eq!(e.operation, "groups_set_announcement");
    assert_eq!((e.field, e.rule.as_str()), ("announcement", "must be at most 512 characters, got 513"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn set_announcement_documented_errors() {
    documented_errors(
        "groups_set_announcement",
        |c| c.groups().set_announcement("6XXXX7", "hi").send(),
        vec![
            (400, ErrorCode::IllegalArgument, "announcement is null"),
            unauthorized(),
            (403, ErrorCode::from("FORBIDDEN"), "announce info length exceeds limit!"),
            group_not_found(),
        ],
    )
    .await;
}

// ---- shared files --------------------------------------------------------------

#[tokio::test]
async fn list_share_files_sends_paging_and_decodes() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","application":"8bXXXX02","params":{"pagesize":["10"],"pagenum":["1"]},
            "uri":"https://XXXX/XXXX/XXXX/chatgroups/6XXXX7/share_files","entities":[],
            "data":[{"file_id":"dbd88d20-e1d4-11ea-95fc-638fc2d59a8d","file_name":"159781149272586.jpg","file_owner":"u1",
                     "file_size":326127,"created":1597811492594},
                    {"file_id":"b30XXXX4f","file_name":"159781141836993.jpg","file_owner":"u1","file_size":326127,"created":1597811424158}],
            "timestamp":1542363546590,"duration":0,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.groups().list_share_files("6XXXX7").pagenum(1).pagesize(10).send().await.unwrap();
    h.expect("GET", "/org/app/chatgroups/6XXXX7/share_files", "pagenum=1&pagesize=10", None).await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].file_id, "dbd88d20-e1d4-11ea-95fc-638fc2d59a8d");
    assert_eq!(r[0].file_name.as_deref(), Some("159781149272586.jpg"));
    assert_eq!(r[0].file_owner.as_ref().map(|o| o.as_str()), Some("u1"));
    assert_eq!(r[0].file_size, Some(326127));
    assert_eq!(r[0].created, Some(easemob::Timestamp::from_unix_millis(1597811492594)));
    assert_eq!(r[1].file_id, "b30XXXX4f");
    assert_eq!(r.meta.params.as_ref().unwrap()["pagenum"], vec!["1".to_owned()]);
}

#[tokio::test]
async fn list_share_files_checks_page_bounds() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.groups().list_share_files("g").pagenum(0).send().await);
    assert_eq!(e.operation, "groups_list_share_files");
    assert_eq!((e.field, e.rule.as_str()), ("pagenum", "must be at least 1, got 0"));
    let e = invalid_input(h.client.groups().list_share_files("g").pagesize(0).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("pagesize", "must be at least 1, got 0"));
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_share_files_documented_errors() {
    documented_errors(
        "groups_list_share_files",
        |c| c.groups().list_share_files("6XXXX7").send(),
        vec![unauthorized(), (404, ErrorCode::from("RestGroupFeignException"), "grpID 6XXXX7 does not exist!")],
    )
    .await;
}

#[tokio::test]
async fn delete_share_file_decodes() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","application":"8bXXXX02","uri":"https://XXXX/XXXX/XXXX/chatgroups/6XXXX7/share_files/b30XXXX4f",
            "entities":[],"data":{"group_id":"6XXXX7","file_id":"b30XXXX4f","result":true},"timestamp":1599049350114,
            "duration":0,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.groups().delete_share_file("6XXXX7", "b30XXXX4f").send().await.unwrap();
    h.expect("DELETE", "/org/app/chatgroups/6XXXX7/share_files/b30XXXX4f", "", None).await;
    assert!(r.result);
    assert_eq!(r.group_id.as_ref().map(|i| i.as_str()), Some("6XXXX7"));
    assert_eq!(r.file_id.as_ref().map(|i| i.as_str()), Some("b30XXXX4f"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1599049350114)));
}

#[tokio::test]
async fn delete_share_file_documented_errors() {
    documented_errors(
        "groups_delete_share_file",
        |c| c.groups().delete_share_file("6XXXX7", "b30XXXX4f").send(),
        vec![unauthorized(), (404, ErrorCode::from("RestGroupFeignException"), "grpID 6XXXX7 does not exist!")],
    )
    .await;
}

#[tokio::test]
async fn upload_share_file_streams_a_multipart_file_part() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"7fXXXXef","uri":"https://XXXX","entities":[],"data":{"file_url":"https://XXXX/XXXX/XXXX/chatgroups/6XXXX7/share_files/c6XXXXc0","group_id":"6XXXX7","file_name":"img_3.jpg","created":1599050554954,"file_id":"c6XXXXc0","file_size":13512},"timestamp":1599050554978,"duration":0}"#,
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("img_3.jpg");
    let content: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&file, &content).unwrap();
    let upload = easemob::Upload::from_path(&file).await.unwrap();
    let r = h.client.groups().upload_share_file("6XXXX7", upload).send().await.unwrap();
    assert_eq!(r.file_id, "c6XXXXc0");
    assert_eq!(r.file_size, Some(13512));
    assert_eq!(r.group_id.as_ref().map(|g| g.as_str()), Some("6XXXX7"));
    let reqs = h.requests().await;
    assert_eq!(reqs.len(), 1);
    let req = &reqs[0];
    assert_eq!((req.method.as_str(), req.url.path()), ("POST", "/org/app/chatgroups/6XXXX7/share_files"));
    let ct = req.headers.get("content-type").unwrap().to_str().unwrap();
    assert!(ct.starts_with("multipart/form-data; boundary="), "{ct}");
    let body = &req.body;
    let head = String::from_utf8_lossy(&body[..200]);
    assert!(head.contains(r#"name="file"; filename="img_3.jpg""#), "{head}");
    let start = body.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert_eq!(&body[start..start + content.len()], &content[..], "the file's bytes, unchanged");
}

#[tokio::test]
async fn download_share_file_streams_into_a_writer() {
    let h = Harness::start().await;
    let bytes: Vec<u8> = (0..1_000_000u32).map(|i| (i % 7) as u8).collect();
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_raw(bytes.clone(), "image/jpeg"))
        .mount(&h.server)
        .await;
    let d = h.client.groups().download_share_file("6XXXX7", "c6XXXXc0").send().await.unwrap();
    assert_eq!(d.content_type(), Some("image/jpeg"));
    let mut out = Vec::new();
    assert_eq!(d.write_to(&mut out).await.unwrap(), bytes.len() as u64);
    assert_eq!(out, bytes);
    h.expect("GET", "/org/app/chatgroups/6XXXX7/share_files/c6XXXXc0", "", None).await;
}

#[tokio::test]
async fn download_share_file_404_is_a_typed_error() {
    let h = Harness::start().await;
    h.reply(404, r#"{"error":"RestGroupFeignException","exception":"x","timestamp":1,"duration":0,"error_description":"grpID 6XXXX7 does not exist!"}"#).await;
    let e = api_error(h.client.groups().download_share_file("6XXXX7", "f").send().await);
    assert_eq!(e.status, 404);
    assert_eq!(e.code, Some(ErrorCode::from("RestGroupFeignException")));
}

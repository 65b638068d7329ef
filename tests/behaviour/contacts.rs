//! `client.contacts()`: every operation against the doc examples.

use easemob::contacts::{BlockRelation, ContactRelation};
use easemob::{CallOptions, ErrorCode, RetryPolicy};
use easemob_tests::{DocumentedError, Harness, api_error, assert_documented_errors, assert_refused, invalid_input};
use futures_util::StreamExt;
use serde_json::json;
use wiremock::matchers::{query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

/// One attempt only, so each documented error is seen as it is.
fn once() -> CallOptions {
    CallOptions::new().retry(RetryPolicy::never())
}

/// The typed code of a documented `error` string.
fn code_of(text: &str) -> ErrorCode {
    let code = ErrorCode::from(text);
    match text {
        "unauthorized" => assert_eq!(code, ErrorCode::Unauthorized),
        "illegal_argument" => assert_eq!(code, ErrorCode::IllegalArgument),
        "exceed_limit" => assert_eq!(code, ErrorCode::ExceedLimit),
        "service_resource_not_found" => assert_eq!(code, ErrorCode::ServiceResourceNotFound),
        other => panic!("no documented contact error has the code {other}"),
    }
    code
}

/// Replies to each documented error in turn and checks that `$call` (with the
/// client bound to `$c`) returns it typed: status, code and description.
macro_rules! documented_errors {
    ($op:literal, $errors:expr, |$c:ident| $call:expr) => {
        for &(status, code, description) in $errors {
            let h = Harness::start().await;
            let code = code_of(code);
            let body = json!({"error": code.as_str(), "exception": "x", "timestamp": 1542598913819_i64,
                              "duration": 0, "error_description": description});
            h.reply(status, &body.to_string()).await;
            let $c = &h.client;
            let e = api_error($call.options(once()).send().await);
            assert_eq!(e.operation, $op);
            assert_eq!(e.status, status, "{description}");
            assert_eq!(e.code, Some(code), "{description}");
            assert_eq!(e.description.as_deref(), Some(description));
            assert_eq!(e.body.as_ref().and_then(|b| b.timestamp), Some(easemob::Timestamp::from_unix_millis(1542598913819)));
            assert_eq!(h.requests().await.len(), 1, "{status} {description} was sent more than once");
        }
    };
}

type Documented = &'static [(u16, &'static str, &'static str)];

const UNAUTHORIZED: (u16, &str, &str) = (401, "unauthorized", "Unable to authenticate (OAuth)");
const NO_USER: (u16, &str, &str) = (404, "service_resource_not_found", "Service resource not found");
const BASIC_ERRORS: Documented = &[UNAUTHORIZED, NO_USER];

const ADDED: &str = r#"{"action":"post","application":"8bXXXX402","path":"/users/475XXXXba/contacts",
    "uri":"https://XXXX/XXXX/XXXX/users/475XXXXba/contacts",
    "entities":[{"uuid":"b2aXXXXf1","type":"user","created":1542356523769,"modified":1542597334500,
                 "username":"user2","activated":true,"nickname":"testuser"}],
    "timestamp":1542598913819,"duration":63,"organization":"XXXX","applicationName":"testapp"}"#;

#[tokio::test]
async fn add_posts_without_a_body_and_decodes_the_contact() {
    let h = Harness::start().await;
    h.reply(200, ADDED).await;
    let r = h.client.contacts().add("user1", "user2").send().await.unwrap();
    h.expect("POST", "/org/app/users/user1/contacts/users/user2", "", None).await;
    assert_eq!(r.len(), 1);
    let u = &r[0];
    assert_eq!(u.username, "user2");
    assert_eq!(u.uuid.as_deref(), Some("b2aXXXXf1"));
    assert_eq!(u.entity_type.as_deref(), Some("user"));
    assert_eq!(u.activated, Some(true));
    assert_eq!(u.nickname.as_deref(), Some("testuser"));
    assert_eq!(u.created, Some(easemob::Timestamp::from_unix_millis(1542356523769)));
    assert_eq!(r.meta.action.as_deref(), Some("post"));
    assert_eq!(r.meta.path.as_deref(), Some("/users/475XXXXba/contacts"));
    assert_eq!(r.meta.duration, Some(63));
    assert_eq!(r.meta.application_name.as_deref(), Some("testapp"));
}

#[tokio::test]
async fn add_reads_a_duration_sent_as_a_string() {
    let h = Harness::start().await;
    h.reply(200, r#"{"entities":[{"username":"user2"}],"duration":"63"}"#).await;
    let r = h.client.contacts().add("user1", "user2").send().await.unwrap();
    assert_eq!(r.meta.duration, Some(63));
}

#[tokio::test]
async fn add_documented_errors_decode() {
    const ERRORS: Documented = &[UNAUTHORIZED, (403, "exceed_limit", "user contact number exceed limit"), NO_USER];
    documented_errors!("contacts_add", ERRORS, |c| c.contacts().add("user1", "user2"));
}

#[tokio::test]
async fn remove_deletes_and_decodes_the_removed_contact() {
    let h = Harness::start().await;
    h.reply(200, &ADDED.replace(r#""action":"post""#, r#""action":"delete""#)).await;
    let r = h.client.contacts().remove("user1", "user2").send().await.unwrap();
    h.expect("DELETE", "/org/app/users/user1/contacts/users/user2", "", None).await;
    assert_eq!(r[0].username, "user2");
    assert_eq!(r.meta.action.as_deref(), Some("delete"));
}

#[tokio::test]
async fn remove_documented_errors_decode() {
    documented_errors!("contacts_remove", BASIC_ERRORS, |c| c.contacts().remove("user1", "user2"));
}

#[tokio::test]
async fn set_remark_uses_the_singular_user_prefix() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"put","duration":22,"status":"ok","timestamp":1700633088329,
            "uri":"https://XXXX/XXXX/XXXX/user/user1/contacts/users/user2"}"#,
    )
    .await;
    let r = h.client.contacts().set_remark("user1", "user2", "老同学").send().await.unwrap();
    h.expect("PUT", "/org/app/user/user1/contacts/users/user2", "", Some(json!({"remark":"老同学"}))).await;
    // No payload: the answer is all metadata.
    assert_eq!(r.meta.status.as_deref(), Some("ok"));
    assert_eq!(r.meta.action.as_deref(), Some("put"));
    assert_eq!(r.meta.uri.as_deref(), Some("https://XXXX/XXXX/XXXX/user/user1/contacts/users/user2"));
    assert_eq!(r.meta.duration, Some(22));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1700633088329)));
}

#[tokio::test]
async fn set_remark_rejects_101_characters() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.contacts().set_remark("user1", "user2", "备".repeat(101)).send().await);
    assert_eq!((e.operation, e.field), ("contacts_set_remark", "remark"));
    assert_eq!(e.rule, "must be at most 100 characters, got 101");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn set_remark_documented_errors_decode() {
    const ERRORS: Documented = &[
        (400, "illegal_argument", "updateRemark they are not friends, please add as a friend first."),
        UNAUTHORIZED,
        NO_USER,
    ];
    documented_errors!("contacts_set_remark", ERRORS, |c| c.contacts().set_remark("user1", "user2", "r"));
}

const CONTACT_PAGE: &str = r#"{"uri":"http://XXXX/XXXX/XXXX/users/user1/rostersByPage","timestamp":1706238297509,"entities":[],
    "count":1,"action":"get","data":{"contacts":[{"remark":null,"username":"username"}]},"duration":27}"#;

#[tokio::test]
async fn list_paged_sends_its_query_and_reads_the_contacts() {
    let h = Harness::start().await;
    h.reply(200, CONTACT_PAGE).await;
    let r = h.client.contacts().list_paged("user1").limit(10).with_remarks(true).send().await.unwrap();
    h.expect("GET", "/org/app/user/user1/contacts", "limit=10&needReturnRemark=true", None).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].username, "username");
    assert_eq!(r[0].remark, None);
    assert_eq!(r.meta.count, Some(1));
    assert_eq!(r.meta.cursor, None);
    assert_eq!(r.meta.uri.as_deref(), Some("http://XXXX/XXXX/XXXX/users/user1/rostersByPage"));
}

#[tokio::test]
async fn list_paged_walks_pages_by_the_top_level_cursor() {
    let h = Harness::start().await;
    Mock::given(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"count":2,"cursor":"Y3Vyc29y","data":{"contacts":[{"remark":"a","username":"u1"},{"remark":null,"username":"u2"}]}}"#,
            "application/json",
        ))
        .mount(&h.server)
        .await;
    Mock::given(query_param("cursor", "Y3Vyc29y"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(
                r#"{"count":1,"data":{"contacts":[{"remark":"c","username":"u3"}]}}"#,
                "application/json",
            ),
        )
        .mount(&h.server)
        .await;
    let items: Vec<(String, Option<String>)> = h
        .client
        .contacts()
        .list_paged("user1")
        .limit(2)
        .with_remarks(true)
        .items()
        .map(|c| {
            let c = c.unwrap();
            (c.username.into_string(), c.remark)
        })
        .collect()
        .await;
    assert_eq!(
        items,
        vec![("u1".to_owned(), Some("a".to_owned())), ("u2".to_owned(), None), ("u3".to_owned(), Some("c".to_owned()))]
    );
    let reqs = h.requests().await;
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[1].url.query(), Some("limit=2&cursor=Y3Vyc29y&needReturnRemark=true"));
}

#[tokio::test]
async fn list_paged_takes_1_to_50_per_page() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.contacts().list_paged("user1").limit(51).send().await);
    assert_eq!((e.operation, e.field), ("contacts_list_paged", "limit"));
    assert_eq!(e.rule, "must be from 1 to 50, got 51");
    let e = invalid_input(h.client.contacts().list_paged("user1").limit(0).send().await);
    assert_eq!(e.rule, "must be from 1 to 50, got 0");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_paged_documented_errors_decode() {
    const ERRORS: Documented =
        &[(400, "illegal_argument", "getContacts | page size more than max limit : 50"), UNAUTHORIZED, NO_USER];
    documented_errors!("contacts_list_paged", ERRORS, |c| c.contacts().list_paged("user1"));
}

#[tokio::test]
async fn list_reads_every_contact_id() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","uri":"https://XXXX/XXXX/XXXX/users/user1/contacts/users","entities":[],
            "data":["user3","user2"],"timestamp":1543819826513,"duration":12,"count":2}"#,
    )
    .await;
    let r = h.client.contacts().list("user1").send().await.unwrap();
    h.expect("GET", "/org/app/users/user1/contacts/users", "", None).await;
    let names: Vec<&str> = r.iter().map(|u| u.as_str()).collect();
    assert_eq!(names, ["user3", "user2"]);
    assert_eq!(r.meta.count, Some(2));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1543819826513)));
}

#[tokio::test]
async fn list_documented_errors_decode() {
    documented_errors!("contacts_list", BASIC_ERRORS, |c| c.contacts().list("user1"));
}

const IMPORTED: &str = r#"{"status":"ok","timestamp":1712728623854,"action":"post",
    "data":{"UnKnowFailed":[],"success":["username1","username2"],"NotExistFailed":[],"maxLimitFailed":[]},"duration":176}"#;

#[tokio::test]
async fn import_sends_the_users_and_the_notice_flag() {
    let h = Harness::start().await;
    h.reply(200, IMPORTED).await;
    let r = h.client.contacts().import("user1", ["username1", "username2"]).notify(true).send().await.unwrap();
    h.expect(
        "POST",
        "/org/app/users/user1/contacts/import",
        "isSendNotice=true",
        Some(json!({"usernames":["username1","username2"]})),
    )
    .await;
    let ok: Vec<&str> = r.success.as_ref().unwrap().iter().map(|u| u.as_str()).collect();
    assert_eq!(ok, ["username1", "username2"]);
    assert_eq!(r.not_found, Some(vec![]));
    assert_eq!(r.limit_reached, Some(vec![]));
    assert_eq!(r.unknown_failure, Some(vec![]));
    assert_eq!(r.meta.status.as_deref(), Some("ok"));
    assert_eq!(r.meta.action.as_deref(), Some("post"));
    assert_eq!(r.meta.duration, Some(176));
}

#[tokio::test]
async fn import_lists_failures_by_reason() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"status":"ok","data":{"UnKnowFailed":["u4"],"success":["u1"],"NotExistFailed":["u2"],"maxLimitFailed":["u3"]}}"#,
    )
    .await;
    let r = h.client.contacts().import("user1", ["u1", "u2", "u3", "u4"]).send().await.unwrap();
    h.expect("POST", "/org/app/users/user1/contacts/import", "", Some(json!({"usernames":["u1","u2","u3","u4"]})))
        .await;
    assert_eq!(r.not_found.as_ref().unwrap()[0], "u2");
    assert_eq!(r.limit_reached.as_ref().unwrap()[0], "u3");
    assert_eq!(r.unknown_failure.as_ref().unwrap()[0], "u4");
}

#[tokio::test]
async fn import_takes_at_most_10_users_per_call() {
    let h = Harness::start().await;
    let many: Vec<String> = (0..11).map(|i| format!("user{i}")).collect();
    let e = invalid_input(h.client.contacts().import("user1", many).send().await);
    assert_eq!((e.operation, e.field), ("contacts_import", "usernames"));
    assert_eq!(e.rule, "takes at most 10 items per call, got 11");
    h.expect_nothing_sent().await;
    h.reply(200, IMPORTED).await;
    let many: Vec<String> = (0..12).map(|i| format!("user{i}")).collect();
    let all = h.client.contacts().import("user1", many).send_all().await.unwrap();
    assert_eq!(all.len(), 2);
    let sizes: Vec<usize> = h
        .requests()
        .await
        .iter()
        .map(|r| serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["usernames"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, vec![10, 2]);
}

#[tokio::test]
async fn import_documented_errors_decode() {
    const ERRORS: Documented = &[
        (400, "illegal_argument", "request user over flow limit:10."),
        UNAUTHORIZED,
        (403, "exceed_limit", "Inviter's contact max count."),
        NO_USER,
    ];
    documented_errors!("contacts_import", ERRORS, |c| c.contacts().import("user1", ["user2"]));
}

#[tokio::test]
async fn block_posts_the_users_and_reads_who_was_added() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"8bXXXX402","uri":"https://XXXX.com/XXXX/testapp","entities":[],"data":["user2"],
            "timestamp":1542600372046,"duration":11,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.contacts().block("user1", ["user2"]).send().await.unwrap();
    h.expect("POST", "/org/app/users/user1/blocks/users", "", Some(json!({"usernames":["user2"]}))).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0], "user2");
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542600372046)));
    assert_eq!(r.meta.organization.as_deref(), Some("XXXX"));
}

#[tokio::test]
async fn block_rejects_more_users_than_a_blocklist_holds() {
    let h = Harness::start().await;
    let many: Vec<String> = (0..501).map(|i| format!("user{i}")).collect();
    let e = invalid_input(h.client.contacts().block("user1", many).send().await);
    assert_eq!((e.operation, e.field), ("contacts_block", "usernames"));
    assert_eq!(e.rule, "takes at most 500 items per call, got 501");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn block_documented_errors_decode() {
    documented_errors!("contacts_block", BASIC_ERRORS, |c| c.contacts().block("user1", ["user2"]));
}

const BLOCKED_PAGE: &str = r#"{"uri":"https://a1.easemob.com/easemob-demo/wang/users/tst/blocks/users","timestamp":1682064422108,
    "entities":[],"cursor":"MTA5OTAwMzMwNDUzNTA2ODY1NA==","count":2,"action":"get","data":["tst05","tst04"],"duration":52}"#;

#[tokio::test]
async fn list_blocked_sends_page_size_and_keeps_the_cursor() {
    let h = Harness::start().await;
    h.reply(200, BLOCKED_PAGE).await;
    let r = h.client.contacts().list_blocked("tst").page_size(2).send().await.unwrap();
    h.expect("GET", "/org/app/users/tst/blocks/users", "pageSize=2", None).await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[0], "tst05");
    assert_eq!(r[1], "tst04");
    assert_eq!(r.meta.cursor.as_deref(), Some("MTA5OTAwMzMwNDUzNTA2ODY1NA=="));
    assert_eq!(r.meta.count, Some(2));
    assert_eq!(r.meta.duration, Some(52));
}

#[tokio::test]
async fn list_blocked_walks_pages_until_the_cursor_is_gone() {
    let h = Harness::start().await;
    Mock::given(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(BLOCKED_PAGE, "application/json"))
        .mount(&h.server)
        .await;
    Mock::given(query_param("cursor", "MTA5OTAwMzMwNDUzNTA2ODY1NA=="))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"count":1,"data":["tst03"]}"#, "application/json"))
        .mount(&h.server)
        .await;
    let names: Vec<String> =
        h.client.contacts().list_blocked("tst").page_size(2).items().map(|u| u.unwrap().into_string()).collect().await;
    assert_eq!(names, ["tst05", "tst04", "tst03"]);
    let reqs = h.requests().await;
    assert_eq!(reqs[1].url.query(), Some("pageSize=2&cursor=MTA5OTAwMzMwNDUzNTA2ODY1NA%3D%3D"));
}

#[tokio::test]
async fn list_blocked_takes_1_to_50_per_page() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.contacts().list_blocked("tst").page_size(51).send().await);
    assert_eq!((e.operation, e.field), ("contacts_list_blocked", "page_size"));
    assert_eq!(e.rule, "must be from 1 to 50, got 51");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_blocked_documented_errors_decode() {
    documented_errors!("contacts_list_blocked", BASIC_ERRORS, |c| c.contacts().list_blocked("user1"));
}

#[tokio::test]
async fn unblock_deletes_and_decodes_the_user() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","application":"8bXXXX402","path":"/users/475XXXXba/blocks","uri":"https://XXXX/XXXX/XXXX/users/475XXXXba/blocks",
            "entities":[{"uuid":"b2aXXXXf1","type":"user","created":1542356523769,"modified":1542597334500,
                         "username":"user2","activated":true,"nickname":"testuser"}],
            "timestamp":1542600712985,"duration":20,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.contacts().unblock("user1", "user2").send().await.unwrap();
    h.expect("DELETE", "/org/app/users/user1/blocks/users/user2", "", None).await;
    assert_eq!(r[0].username, "user2");
    assert_eq!(r[0].modified, Some(easemob::Timestamp::from_unix_millis(1542597334500)));
    assert_eq!(r.meta.path.as_deref(), Some("/users/475XXXXba/blocks"));
    assert_eq!(r.meta.action.as_deref(), Some("delete"));
}

#[tokio::test]
async fn unblock_documented_errors_decode() {
    documented_errors!("contacts_unblock", BASIC_ERRORS, |c| c.contacts().unblock("user1", "user2"));
}

// ---------------------------------------------------------------- check, remove_all, check_blocked

const CHECK_ERRORS: &[DocumentedError] = &[
    (400, Some("illegal_argument"), "username cannot be blank"),
    (400, Some("illegal_argument"), "check_list size must be between 1 and 100"),
    easemob_tests::UNAUTHORIZED,
    (403, Some("forbidden_service_operation"), "Service operation not allowed"),
    (429, Some("reach_limit"), "This request has reached api limit."),
];

#[tokio::test]
async fn check_posts_the_doc_example_and_reads_entities() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"8bXXXX402","path":"/contacts/check","uri":"https://XXXX/XXXX/XXXX/contacts/check",
            "entities":[{"username":"user2","relation":"friend"},{"username":"user3","relation":"not_friend"}],
            "timestamp":1542598913819,"duration":63,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.contacts().check("user1", ["user2", "user3"]).send().await.unwrap();
    h.expect("POST", "/org/app/contacts/check", "", Some(json!({"username":"user1","check_list":["user2","user3"]})))
        .await;
    assert_eq!((r[0].username.as_str(), &r[0].relation), ("user2", &ContactRelation::Friend));
    assert_eq!((r[1].username.as_str(), &r[1].relation), ("user3", &ContactRelation::NotFriend));
    assert_eq!(r.meta.path.as_deref(), Some("/contacts/check"));
}

#[tokio::test]
async fn check_takes_1_to_100_users() {
    let h = Harness::start().await;
    let result = h.client.contacts().check("user1", easemob_tests::ids("u", 101)).send().await;
    assert_refused(&h, result, "contacts_check", "users", "takes at most 100 items per call, got 101").await;
    let result = h.client.contacts().check("user1", Vec::<String>::new()).send().await;
    assert_refused(&h, result, "contacts_check", "users", "needs at least 1 item(s), got 0").await;
}

#[tokio::test]
async fn check_documented_errors_decode() {
    assert_documented_errors("contacts_check", CHECK_ERRORS, |c| async move {
        c.contacts().check("user1", ["user2"]).send().await
    })
    .await;
}

#[tokio::test]
async fn remove_all_deletes_without_a_body() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","application":"8bXXXX402","path":"/contacts/users/XXXX","uri":"https://XXXX/XXXX/XXXX/contacts/users/XXXX",
            "entities":[],"timestamp":1542598913819,"duration":63,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.contacts().remove_all("user1").send().await.unwrap();
    h.expect("DELETE", "/org/app/contacts/users/user1", "", None).await;
    assert_eq!(r.meta.action.as_deref(), Some("delete"));
    assert_eq!(r.meta.duration, Some(63));
}

#[tokio::test]
async fn remove_all_documented_errors_decode() {
    assert_documented_errors("contacts_remove_all", &CHECK_ERRORS[2..], |c| async move {
        c.contacts().remove_all("user1").send().await
    })
    .await;
}

#[tokio::test]
async fn check_blocked_reads_the_relations_and_ignores_the_echoed_path() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"8bXXXX402","path":"/contacts/check","uri":"https://XXXX/XXXX/XXXX/blocks/check",
            "entities":[{"username":"user2","relation":"blacklist"},{"username":"user3","relation":"not_blacklist"}],
            "timestamp":1542598913819,"duration":63,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.contacts().check_blocked("user1", ["user2", "user3"]).send().await.unwrap();
    h.expect("POST", "/org/app/blocks/check", "", Some(json!({"username":"user1","check_list":["user2","user3"]})))
        .await;
    assert_eq!(r[0].relation, BlockRelation::Blacklist);
    assert_eq!(r[1].relation, BlockRelation::NotBlacklist);
}

#[tokio::test]
async fn check_blocked_takes_at_most_100_users() {
    let h = Harness::start().await;
    let result = h.client.contacts().check_blocked("user1", easemob_tests::ids("u", 101)).send().await;
    assert_refused(&h, result, "contacts_check_blocked", "users", "takes at most 100 items per call, got 101").await;
}

#[tokio::test]
async fn check_blocked_documented_errors_decode() {
    assert_documented_errors("contacts_check_blocked", CHECK_ERRORS, |c| async move {
        c.contacts().check_blocked("user1", ["user2"]).send().await
    })
    .await;
}

//! `client.reactions()`: every operation against the doc examples.

use easemob::reactions::ReactionChatType;
use easemob_tests::{DocumentedError, Harness, UNAUTHORIZED, assert_documented_errors, assert_refused};
use serde_json::json;

const NOT_OPEN: DocumentedError = (400, Some("Bad Request"), "this appKey is not open reaction service!");
const ILLEGAL: DocumentedError = (400, Some("Bad Request"), "the user operation is illegal!");

#[tokio::test]
async fn add_posts_the_doc_example_and_reads_the_reaction() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"requestStatusCode":"ok","timestamp":1645774821181,"data":{"id":"946481033434607420","msgId":"msg3333","msgType":"chat",
            "groupId":null,"reaction":"emoji_40","createdAt":"2022-02-24T10:57:43.138934Z","updatedAt":"2022-02-24T10:57:43.138939Z"}}"#,
    )
    .await;
    let r = h.client.reactions().add("u1", "997625372793113144", "emoji_40").send().await.unwrap();
    h.expect("POST", "/org/app/reaction/user/u1", "", Some(json!({"msgId":"997625372793113144","message":"emoji_40"})))
        .await;
    assert_eq!(r.id, "946481033434607420");
    assert_eq!(r.msg_id.as_ref().map(|m| m.as_str()), Some("msg3333"));
    assert_eq!(r.msg_type, Some(ReactionChatType::Chat));
    assert_eq!(r.group_id, None);
    assert_eq!(r.reaction.as_deref(), Some("emoji_40"));
    assert_eq!(r.created_at.as_deref(), Some("2022-02-24T10:57:43.138934Z"));
    assert_eq!(r.updated_at.as_deref(), Some("2022-02-24T10:57:43.138939Z"));
    assert_eq!(r.meta.request_status_code.as_deref(), Some("ok"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1645774821181)));
}

#[tokio::test]
async fn add_keeps_the_times_under_the_tables_spelling_too() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"requestStatusCode":"OK","data":{"id":"1","createAt":"2022-02-24T10:57:43Z","updateAt":"2022-02-24T10:57:44Z"}}"#,
    )
    .await;
    let r = h.client.reactions().add("u1", "m1", "emoji_40").send().await.unwrap();
    assert_eq!(r.create_at.as_deref(), Some("2022-02-24T10:57:43Z"));
    assert_eq!(r.update_at.as_deref(), Some("2022-02-24T10:57:44Z"));
    assert_eq!(r.created_at, None);
    assert!(r.meta.request_status_code.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("ok")));
}

#[tokio::test]
async fn add_checks_the_emoji_length() {
    let h = Harness::start().await;
    let result = h.client.reactions().add("u1", "m1", "e".repeat(129)).send().await;
    assert_refused(&h, result, "reactions_add", "reaction", "must be at most 128 characters, got 129").await;
}

#[tokio::test]
async fn add_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        NOT_OPEN,
        (400, Some("Bad Request"), "The quantity has exceeded the limit!"),
        ILLEGAL,
        (400, Some("Bad Request"), "the user is already operation this message"),
        UNAUTHORIZED,
    ];
    assert_documented_errors("reactions_add", ERRORS, |c| async move {
        c.reactions().add("u1", "m1", "emoji_40").send().await
    })
    .await;
}

#[tokio::test]
async fn remove_sends_the_message_and_the_encoded_emoji_in_the_query() {
    let h = Harness::start().await;
    h.reply(200, r#"{"requestStatusCode":"ok","timestamp":1645774821181}"#).await;
    let r = h.client.reactions().remove("u1", "997625372793113144", "emoji 40/+").send().await.unwrap();
    h.expect("DELETE", "/org/app/reaction/user/u1", "msgId=997625372793113144&message=emoji+40%2F%2B", None).await;
    assert_eq!(r.meta.request_status_code.as_deref(), Some("ok"));
}

#[tokio::test]
async fn remove_checks_the_emoji_length() {
    let h = Harness::start().await;
    let result = h.client.reactions().remove("u1", "m1", "e".repeat(129)).send().await;
    assert_refused(&h, result, "reactions_remove", "reaction", "must be at most 128 characters, got 129").await;
}

#[tokio::test]
async fn remove_documented_errors_decode() {
    assert_documented_errors("reactions_remove", &[ILLEGAL, NOT_OPEN, UNAUTHORIZED], |c| async move {
        c.reactions().remove("u1", "m1", "emoji_40").send().await
    })
    .await;
}

#[tokio::test]
async fn list_sends_the_ids_comma_joined_and_reads_each_message() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"requestStatusCode":"ok","timestamp":1645774821181,"data":[
            {"msgId":"msg123","reactionList":[{"reactionId":"944330310986837168","reaction":"message123456","count":3,"state":false,
              "userList":["test123","test456","test1"]}]},
            {"msgId":"msg1234","reactionList":[{"reactionId":"945272584050659838","reaction":"message123456","count":1,"state":false,
              "userList":["test5"]}]}]}"#,
    )
    .await;
    let r = h
        .client
        .reactions()
        .list("u1", "msg123,msg1234", ReactionChatType::Groupchat)
        .group_id("g1")
        .send()
        .await
        .unwrap();
    h.expect("GET", "/org/app/reaction/user/u1", "msgIdList=msg123%2Cmsg1234&msgType=groupchat&groupId=g1", None).await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].msg_id, "msg123");
    let first = &r[0].reactions.as_ref().unwrap()[0];
    assert_eq!((first.reaction.as_str(), first.count, first.state), ("message123456", Some(3), Some(false)));
    assert_eq!(first.users.as_ref().map(Vec::len), Some(3));
    assert_eq!(r[1].reactions.as_ref().unwrap()[0].reaction_id.as_deref(), Some("945272584050659838"));
}

#[tokio::test]
async fn list_documented_errors_decode() {
    const ERRORS: &[DocumentedError] = &[
        (400, Some("Bad Request"), "msgIdList exceeds the maximum number limit"),
        (400, Some("Bad Request"), "groupId can not be null!"),
        UNAUTHORIZED,
    ];
    assert_documented_errors("reactions_list", ERRORS, |c| async move {
        c.reactions().list("u1", "m1", ReactionChatType::Chat).send().await
    })
    .await;
}

const DETAIL: &str = r#"{"requestStatusCode":"ok","timestamp":1645776986146,"data":{"reactionId":"946463470818405943",
    "reaction":"message123456","count":1,"state":true,"userList":["wz1"],"cursor":"946463471296555192"}}"#;

#[tokio::test]
async fn detail_sends_limit_and_cursor_and_returns_the_next_cursor() {
    let h = Harness::start().await;
    h.reply(200, DETAIL).await;
    let r = h
        .client
        .reactions()
        .detail("u1", "m1", "message123456")
        .limit(50)
        .cursor("946463471296555100")
        .send()
        .await
        .unwrap();
    h.expect(
        "GET",
        "/org/app/reaction/user/u1/detail",
        "msgId=m1&message=message123456&limit=50&cursor=946463471296555100",
        None,
    )
    .await;
    assert_eq!(r.reaction_id.as_deref(), Some("946463470818405943"));
    assert_eq!((r.count, r.state), (Some(1), Some(true)));
    assert_eq!(r.users.as_ref().unwrap()[0], "wz1");
    assert_eq!(r.cursor.as_deref(), Some("946463471296555192"));
}

#[tokio::test]
async fn detail_takes_1_to_50_users_per_page() {
    let h = Harness::start().await;
    let result = h.client.reactions().detail("u1", "m1", "e").limit(51).send().await;
    assert_refused(&h, result, "reactions_detail", "limit", "must be from 1 to 50, got 51").await;
    let result = h.client.reactions().detail("u1", "m1", "e").limit(0).send().await;
    assert_refused(&h, result, "reactions_detail", "limit", "must be from 1 to 50, got 0").await;
}

#[tokio::test]
async fn detail_documented_errors_decode() {
    const ERRORS: &[DocumentedError] =
        &[(400, Some("Bad Request"), "Limit exceeds the maximum quantity limit"), UNAUTHORIZED];
    assert_documented_errors("reactions_detail", ERRORS, |c| async move {
        c.reactions().detail("u1", "m1", "e").send().await
    })
    .await;
}

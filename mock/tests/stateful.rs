//! The client against the mock: state kept across calls, with the documented
//! answer shapes and paging.

use std::time::Duration;

use easemob::{Client, Error, ErrorCode, MuteDuration, Timestamp};
use easemob_mock::MockServer;
use futures_util::TryStreamExt;

fn client(mock: &MockServer) -> Client {
    Client::builder(mock.url(), "org", "app").client_credentials("YXA6id", "YXA6secret").build().unwrap()
}

fn api_code(r: Result<impl std::fmt::Debug, Error>) -> (u16, Option<ErrorCode>) {
    match r {
        Err(Error::Api(e)) => (e.status, e.code.clone()),
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_registered_user_can_be_fetched_listed_and_deleted() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    c.users().create("alice", "pw-1").nickname("Alice").send().await.unwrap();
    let got = c.users().get("alice").send().await.unwrap();
    assert_eq!(got[0].username.as_str(), "alice");
    assert_eq!(got[0].nickname.as_deref(), Some("Alice"));

    // A second registration of the same ID is refused, as documented.
    let (status, code) = api_code(c.users().create("ALICE", "pw").send().await);
    assert_eq!((status, code), (400, Some(ErrorCode::DuplicateUniquePropertyExists)));

    c.users().delete("alice").send().await.unwrap();
    let (status, _) = api_code(c.users().get("alice").send().await);
    assert_eq!(status, 404);
}

#[tokio::test]
async fn users_are_listed_by_cursor_across_pages() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    let names: Vec<String> = (0..25).map(|i| format!("user{i:02}")).collect();
    for n in &names {
        c.users().create(n.as_str(), "pw").send().await.unwrap();
    }
    let first = c.users().list().limit(10).send().await.unwrap();
    assert_eq!(first.len(), 10);
    assert!(first.meta.cursor.is_some(), "a first page of 25 has a cursor");
    let all: Vec<_> = c.users().list().limit(10).items().try_collect().await.unwrap();
    let got: Vec<String> = all.iter().map(|u| u.username.as_str().to_owned()).collect();
    assert_eq!(got, names);
    let pages = mock.journal().iter().filter(|e| e.operation == Some("users_list")).count();
    assert_eq!(pages, 1 + 3, "one call, then a walk of three pages");
}

#[tokio::test]
async fn chatroom_members_are_added_listed_by_page_and_the_room_deleted() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    let room = c.chatrooms().create("lobby", "hello", "alice").send().await.unwrap();
    c.chatroom_members().add(&room.id, "bob").send().await.unwrap();
    let added = c.chatroom_members().add_batch(&room.id, ["carol", "dave", "bob"]).send().await.unwrap();
    assert_eq!(added.newmembers.len(), 2, "bob was a member already");

    let page = c.chatroom_members().list(&room.id).pagenum(1).pagesize(2).send().await.unwrap();
    assert_eq!(page.len(), 2);
    let all: Vec<_> = c.chatroom_members().list(&room.id).pagesize(3).items().try_collect().await.unwrap();
    assert_eq!(all.len(), 4, "owner and three members: {all:?}");

    c.chatroom_members().remove(&room.id, "carol").send().await.unwrap();
    let details = c.chatrooms().get([room.id.clone()]).send().await.unwrap();
    assert_eq!(details[0].affiliations_count, Some(3));

    c.chatrooms().delete(&room.id).send().await.unwrap();
    let (status, _) = api_code(c.chatrooms().delete(&room.id).send().await);
    assert_eq!(status, 404);
    let (status, _) = api_code(c.chatroom_members().list(&room.id).send().await);
    assert_eq!(status, 404);
}

#[tokio::test]
async fn documented_limits_are_enforced_by_the_mock_itself() {
    let mock = MockServer::start().await;
    let token = mock.app_token();
    // Past the client (which checks the same limits): a raw request.
    let body = serde_json::json!({"usernames": (0..61).map(|i| format!("u{i}")).collect::<Vec<_>>()});
    let r = reqwest::Client::new()
        .post(format!("{}/org/app/chatrooms/1/users", mock.url()))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(body["error_description"].as_str().unwrap().contains("at most 60"), "{body}");
    // Without a token: the documented 401 body.
    let r = reqwest::Client::new().get(format!("{}/org/app/users/alice", mock.url())).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"], "unauthorized");
    assert_eq!(body["error_description"], "Unable to authenticate (OAuth)");
}

#[tokio::test]
async fn a_group_keeps_members_admins_block_and_allow_lists_and_its_announcement() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    let g = c.groups().create("alice", true).name("team").members(["bob"]).send().await.unwrap();
    let gid = g.group_id.clone();
    let added = c.group_members().add_batch(&gid, ["carol", "dave"]).send().await.unwrap();
    assert_eq!(added.newmembers.len(), 2);

    let admin = c.group_members().add_admin(&gid, "bob").send().await.unwrap();
    assert!(admin.result);
    let admins = c.group_members().list_admins(&gid).send().await.unwrap();
    assert_eq!(admins.iter().map(|u| u.as_str()).collect::<Vec<_>>(), ["bob"]);

    // Blocking a member removes them from the group.
    c.group_members().block(&gid, "dave").send().await.unwrap();
    let blocked = c.group_members().list_blocked(&gid).send().await.unwrap();
    assert_eq!(blocked.iter().map(|u| u.as_str()).collect::<Vec<_>>(), ["dave"]);
    let members = c.group_members().list(&gid).pagesize(100).send().await.unwrap();
    assert_eq!(members.len(), 3, "alice, bob, carol: {members:?}");
    c.group_members().unblock(&gid, "dave").send().await.unwrap();
    assert!(c.group_members().list_blocked(&gid).send().await.unwrap().is_empty());

    c.group_members().add_batch_to_whitelist(&gid, ["carol", "erin"]).send().await.unwrap();
    c.group_members().remove_from_whitelist(&gid, ["erin"]).send().await.unwrap();
    let allowed = c.group_members().list_whitelist(&gid).send().await.unwrap();
    assert_eq!(allowed.iter().map(|u| u.as_str()).collect::<Vec<_>>(), ["carol"]);

    c.groups().set_announcement(&gid, "welcome").send().await.unwrap();
    assert_eq!(c.groups().get_announcement(&gid).send().await.unwrap().announcement, "welcome");

    let listed = c.groups().list().send().await.unwrap();
    assert_eq!(listed.len(), 1);
    c.groups().delete(&gid).send().await.unwrap();
    let (status, _) = api_code(c.groups().get([gid.clone()]).send().await);
    assert_eq!(status, 404);
}

#[tokio::test]
async fn chatroom_admins_and_blocks_round_trip() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    let room = c.chatrooms().create("lobby", "hello", "alice").members(["bob", "carol"]).send().await.unwrap();
    assert!(c.chatroom_members().add_admin(&room.id, "bob").send().await.unwrap().result);
    let removed = c.chatroom_members().remove_admin(&room.id, "bob").send().await.unwrap();
    assert!(removed.result);
    let changes = c.chatroom_members().block_batch(&room.id, ["carol", "zed"]).send().await.unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(c.chatroom_members().list_blocked(&room.id).send().await.unwrap().len(), 2);
    // A blocked user cannot be added back.
    let again = c.chatroom_members().add(&room.id, "carol").send().await.unwrap();
    assert!(!again.result);
}

#[tokio::test]
async fn contacts_remarks_and_block_lists_are_kept_per_user() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    for u in ["alice", "bob", "carol"] {
        c.users().create(u, "pw").send().await.unwrap();
    }
    c.contacts().add("alice", "bob").send().await.unwrap();
    c.contacts().add("alice", "carol").send().await.unwrap();
    let (status, _) = api_code(c.contacts().add("alice", "nobody").send().await);
    assert_eq!(status, 404, "a contact must be a registered user");
    c.contacts().set_remark("alice", "bob", "Bobby").send().await.unwrap();
    let all = c.contacts().list("alice").send().await.unwrap();
    assert_eq!(all.iter().map(|u| u.as_str()).collect::<Vec<_>>(), ["bob", "carol"]);
    let paged: Vec<_> =
        c.contacts().list_paged("alice").with_remarks(true).limit(1).items().try_collect().await.unwrap();
    assert_eq!(paged.len(), 2);
    assert_eq!(paged[0].remark.as_deref(), Some("Bobby"));

    c.contacts().remove("alice", "carol").send().await.unwrap();
    let checks = c.contacts().check("alice", ["bob", "carol"]).send().await.unwrap();
    let relations: Vec<String> = checks.iter().map(|x| x.relation.as_str().to_owned()).collect();
    assert_eq!(relations, ["friend", "not_friend"]);

    c.contacts().block("alice", ["carol"]).send().await.unwrap();
    let blocked = c.contacts().list_blocked("alice").send().await.unwrap();
    assert_eq!(blocked.iter().map(|u| u.as_str()).collect::<Vec<_>>(), ["carol"]);
    c.contacts().unblock("alice", "carol").send().await.unwrap();
    assert!(c.contacts().list_blocked("alice").send().await.unwrap().is_empty());
}

#[tokio::test]
async fn sent_messages_land_in_the_inbox_with_the_ids_answered() {
    use easemob::messages::{MessageBody, MessageTextBody};
    let mock = MockServer::start().await;
    let c = client(&mock);
    let sent = c
        .messages()
        .send_to_users(["bob", "carol"], MessageBody::Txt(MessageTextBody::new("hello")))
        .from("alice")
        .send()
        .await
        .unwrap();
    assert_eq!(sent.len(), 2);
    let inbox = mock.inbox();
    assert_eq!(inbox.len(), 1);
    let m = &inbox[0];
    assert_eq!(
        (m.from.as_str(), m.to.clone(), m.kind.as_str()),
        ("alice", vec!["bob".to_owned(), "carol".to_owned()], "txt")
    );
    assert_eq!(m.body["msg"], "hello");
    assert_eq!(sent.get("bob").map(|id| id.as_str()), Some(m.id.as_str()));

    let http = reqwest::Client::new();
    let listed: serde_json::Value =
        http.get(format!("{}/_mock/inbox", mock.url())).send().await.unwrap().json().await.unwrap();
    assert_eq!(listed[0]["body"]["msg"], "hello");
}

#[tokio::test]
async fn chatroom_and_group_mutes_are_listed_until_lifted() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    let room = c.chatrooms().create("lobby", "hello", "alice").members(["bob", "carol"]).send().await.unwrap();
    let muted = c
        .chatroom_members()
        .mute(&room.id, MuteDuration::For(Duration::from_secs(60)), ["bob", "carol"])
        .send()
        .await
        .unwrap();
    assert_eq!(muted.len(), 2);
    assert_eq!(c.chatroom_members().list_muted(&room.id).send().await.unwrap().len(), 2);
    c.chatroom_members().unmute(&room.id, ["bob"]).send().await.unwrap();
    let left = c.chatroom_members().list_muted(&room.id).send().await.unwrap();
    assert_eq!(left.iter().map(|m| m.user.as_str()).collect::<Vec<_>>(), ["carol"]);
    assert!(c.chatroom_members().mute_all(&room.id).send().await.unwrap().mute);

    let g = c.groups().create("alice", true).members(["bob"]).send().await.unwrap();
    c.group_members().mute(&g.group_id, MuteDuration::Forever, ["bob"]).send().await.unwrap();
    let listed = c.group_members().list_muted(&g.group_id).send().await.unwrap();
    assert_eq!(listed[0].expire, Some(Timestamp::from_unix_millis(-1)), "muted until lifted");
    assert!(!c.group_members().unmute_all(&g.group_id).send().await.unwrap().mute);
}

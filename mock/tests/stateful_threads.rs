//! The client against the mock: threads and their members, chatroom super
//! admins and member tags, group settings, bans and the membership check,
//! in the documented answer shapes and paging.

use easemob::messages::{MessageBody, MessageTextBody};
use easemob::{Client, Error, ErrorCode};
use easemob_mock::MockServer;
use futures_util::TryStreamExt;

fn client(mock: &MockServer) -> Client {
    Client::builder(mock.url(), "org", "app").client_credentials("YXA6id", "YXA6secret").build().unwrap()
}

/// The status, code and description of an API error.
fn api_error(r: Result<impl std::fmt::Debug, Error>) -> (u16, Option<ErrorCode>, String) {
    match r {
        Err(Error::Api(e)) => (e.status, e.code.clone(), e.description.clone().unwrap_or_default()),
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// Sends a text message to a group; its message ID.
async fn group_message(c: &Client, group: &str, from: &str) -> String {
    let body = MessageBody::Txt(MessageTextBody::new("start here"));
    let sent = c.messages().send_to_groups([group], body).from(from).send().await.unwrap();
    sent.get(group).unwrap().as_str().to_owned()
}

#[tokio::test]
async fn a_thread_in_a_group_is_listed_renamed_and_deleted() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    let g = c.groups().create("alice", true).name("team").members(["bob"]).send().await.unwrap().group_id.clone();
    let other = c.groups().create("alice", true).send().await.unwrap().group_id.clone();
    let mid = group_message(&c, g.as_str(), "alice").await;

    // The documented refusals: no such group, a creator outside it, a
    // message of another group or of no group, a message used twice.
    let e = api_error(c.threads().create("404404", "t", &mid, "alice").send().await);
    assert_eq!(e, (404, Some(ErrorCode::GroupError), "group not found.".into()));
    let e = api_error(c.threads().create(&g, "t", &mid, "zed").send().await);
    assert_eq!(e, (404, Some(ErrorCode::GroupError), "user not in group.".into()));
    let e = api_error(c.threads().create(&other, "t", &mid, "alice").send().await);
    assert_eq!(e, (400, Some(ErrorCode::GroupError), "msg not belong to group .".into()));
    let to_user = c
        .messages()
        .send_to_users(["bob"], MessageBody::Txt(MessageTextBody::new("hi")))
        .from("alice")
        .send()
        .await
        .unwrap();
    let user_mid = to_user.get("bob").unwrap().as_str().to_owned();
    let e = api_error(c.threads().create(&g, "t", &user_mid, "alice").send().await);
    assert_eq!((e.0, e.2.as_str()), (400, "thread must on group message to create."));

    let created = c.threads().create(&g, "plans", &mid, "bob").send().await.unwrap();
    let tid = created.thread_id.clone();
    let e = api_error(c.threads().create(&g, "again", &mid, "alice").send().await);
    assert_eq!((e.0, e.2.as_str()), (403, "msg already create thread.not allow to create."));

    let all = c.threads().list().send().await.unwrap();
    assert_eq!(all.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), [tid.as_str()]);
    // The creator has joined it; the group's other members have not.
    let joined = c.threads().list_joined("bob").send().await.unwrap();
    assert_eq!(joined.len(), 1);
    let t = &joined[0];
    assert_eq!(t.id, tid);
    assert_eq!(t.name.as_deref(), Some("plans"));
    assert_eq!(t.owner.as_ref().map(|o| o.as_str()), Some("bob"));
    assert_eq!(t.msg_id.as_deref(), Some(mid.as_str()));
    assert_eq!(t.group_id.as_ref().map(|x| x.as_str()), Some(g.as_str()));
    assert!(t.created.is_some());
    assert!(c.threads().list_joined("alice").send().await.unwrap().is_empty());
    let in_group = c.threads().list_joined_in_group(&g, "bob").send().await.unwrap();
    assert_eq!(in_group.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), [tid.as_str()]);
    assert!(c.threads().list_joined_in_group(&other, "bob").send().await.unwrap().is_empty());

    let renamed = c.threads().update(&tid, "roadmap").send().await.unwrap();
    assert_eq!(renamed.name, "roadmap");
    let joined = c.threads().list_joined_in_group(&g, "bob").send().await.unwrap();
    assert_eq!(joined[0].name.as_deref(), Some("roadmap"));

    let deleted = c.threads().delete(&tid).send().await.unwrap();
    assert_eq!(deleted.outcome, "ok");
    let thread_gone = (404, Some(ErrorCode::GroupError), "thread not found.".to_owned());
    assert_eq!(api_error(c.threads().list_members(&tid).send().await), thread_gone);
    assert_eq!(api_error(c.threads().update(&tid, "x").send().await), thread_gone);
    assert_eq!(api_error(c.threads().delete(&tid).send().await), thread_gone);
    assert!(c.threads().list().send().await.unwrap().is_empty());
    assert!(c.threads().list_joined("bob").send().await.unwrap().is_empty());
}

#[tokio::test]
async fn thread_members_are_paged_by_cursor_until_an_empty_page() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    let g = c.groups().create("alice", true).send().await.unwrap().group_id.clone();
    let tid = c.threads().create(&g, "big", "m1", "alice").send().await.unwrap().thread_id.clone();
    let users: Vec<String> = (0..24).map(|i| format!("u{i:02}")).collect();
    for chunk in users.chunks(10) {
        assert_eq!(c.threads().add_members(&tid, chunk.iter().map(String::as_str)).send().await.unwrap().outcome, "ok");
    }
    // Adding a member twice keeps one entry.
    c.threads().add_members(&tid, ["u00"]).send().await.unwrap();

    // By hand: the cursor is in `properties.cursor`, even on the last page.
    let mut got = Vec::new();
    let mut sizes = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut req = c.threads().list_members(&tid).limit(10);
        if let Some(cur) = &cursor {
            req = req.cursor(cur);
        }
        let page = req.send().await.unwrap();
        sizes.push(page.len());
        let next = page.meta.properties.as_ref().and_then(|p| p["cursor"].as_str()).map(str::to_owned);
        assert!(next.is_some(), "a cursor on every page, the last too: {:?}", page.meta);
        if page.is_empty() {
            break;
        }
        got.extend(page.iter().map(|u| u.as_str().to_owned()));
        cursor = next;
    }
    assert_eq!(sizes, [10, 10, 5, 0]);
    let mut expected = vec!["alice".to_owned()];
    expected.extend(users.iter().cloned());
    assert_eq!(got, expected, "the creator first, then the others in the order they joined");

    let removed = c.threads().remove_members(&tid, ["u00", "nobody"]).send().await.unwrap();
    let outcome: Vec<(&str, bool)> = removed.iter().map(|r| (r.user.as_str(), r.result)).collect();
    assert_eq!(outcome, [("u00", true), ("nobody", false)]);
    let walked: Vec<_> = c.threads().list_members(&tid).limit(7).items().try_collect().await.unwrap();
    assert_eq!(walked.len(), 24);
    assert!(!walked.iter().any(|u| u.as_str() == "u00"));
    // A removed member no longer lists the thread as joined.
    assert!(c.threads().list_joined("u00").send().await.unwrap().is_empty());
    assert_eq!(c.threads().list_joined("u01").send().await.unwrap().len(), 1);
}

#[tokio::test]
async fn threads_are_listed_newest_first_and_go_with_their_group() {
    use easemob::threads::ThreadSort;
    let mock = MockServer::start().await;
    let c = client(&mock);
    let g = c.groups().create("alice", true).send().await.unwrap().group_id.clone();
    let mut ids = Vec::new();
    for i in 0..3 {
        let t = c.threads().create(&g, format!("t{i}"), format!("m{i}"), "alice").send().await.unwrap();
        ids.push(t.thread_id.clone());
    }
    let first = c.threads().list().limit(2).send().await.unwrap();
    assert_eq!(first.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), [ids[2].as_str(), ids[1].as_str()]);
    let oldest_first: Vec<_> = c.threads().list().sort(ThreadSort::Asc).limit(2).items().try_collect().await.unwrap();
    assert_eq!(oldest_first.iter().map(|t| t.id.clone()).collect::<Vec<_>>(), ids);
    let joined: Vec<_> = c.threads().list_joined("alice").limit(1).items().try_collect().await.unwrap();
    assert_eq!(joined.len(), 3);

    c.groups().delete(&g).send().await.unwrap();
    assert!(c.threads().list().send().await.unwrap().is_empty());
    let (status, _, text) = api_error(c.threads().list_members(&ids[0]).send().await);
    assert_eq!((status, text.as_str()), (404, "thread not found."));
}

#[tokio::test]
async fn chatroom_super_admins_are_granted_listed_and_revoked() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    for u in ["ann", "ben", "cat"] {
        c.users().create(u, "pw").send().await.unwrap();
    }
    for u in ["ann", "ben", "cat", "ben"] {
        let added = c.chatroom_super_admins().add(u).send().await.unwrap();
        assert!(added.result, "the server's \"success\" reads as true");
    }
    let (status, code, _) = api_error(c.chatroom_super_admins().add("ghost").send().await);
    assert_eq!((status, code), (404, Some(ErrorCode::ResourceNotFound)), "a super admin must be a registered user");

    let page = c.chatroom_super_admins().list().pagenum(1).pagesize(2).send().await.unwrap();
    assert_eq!(page.iter().map(|u| u.as_str()).collect::<Vec<_>>(), ["ann", "ben"]);
    let params = page.meta.params.clone().unwrap_or_default();
    assert_eq!(params.get("pagesize"), Some(&vec!["2".to_owned()]));
    let all: Vec<_> = c.chatroom_super_admins().list().pagesize(2).items().try_collect().await.unwrap();
    assert_eq!(all.iter().map(|u| u.as_str()).collect::<Vec<_>>(), ["ann", "ben", "cat"]);

    let removed = c.chatroom_super_admins().remove("ben").send().await.unwrap();
    assert_eq!(removed.username.as_str(), "ben");
    let left = c.chatroom_super_admins().list().send().await.unwrap();
    assert_eq!(left.iter().map(|u| u.as_str()).collect::<Vec<_>>(), ["ann", "cat"]);
}

#[tokio::test]
async fn chatroom_member_tags_are_replaced_read_back_and_lost_on_leaving() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    let room = c.chatrooms().create("lobby", "hi", "alice").members(["bob"]).send().await.unwrap().id.clone();
    assert!(c.chatroom_members().set_tags(&room, "bob", ["vip", "early"]).send().await.unwrap().result);
    let tags = c.chatroom_members().get_tags(&room, "bob").send().await.unwrap();
    assert_eq!(tags.keys().map(String::as_str).collect::<Vec<_>>(), ["early", "vip"]);
    assert_eq!(tags["vip"], -1, "a tag set here never expires");

    // Setting replaces; an empty list clears.
    c.chatroom_members().set_tags(&room, "bob", ["mod"]).send().await.unwrap();
    let tags = c.chatroom_members().get_tags(&room, "bob").send().await.unwrap();
    assert_eq!(tags.keys().map(String::as_str).collect::<Vec<_>>(), ["mod"]);

    let e = api_error(c.chatroom_members().set_tags(&room, "zed", ["x"]).send().await);
    assert_eq!(e, (400, Some(ErrorCode::ForbiddenOp), "users [zed] are not members of this group!".into()));
    let (status, code, _) = api_error(c.chatroom_members().set_tags(&room, "bob", ["t".repeat(33)]).send().await);
    assert_eq!((status, code), (403, Some(ErrorCode::ExceedLimit)));
    let (status, _, _) = api_error(c.chatroom_members().get_tags("404404", "bob").send().await);
    assert_eq!(status, 404);

    c.chatroom_members().remove(&room, "bob").send().await.unwrap();
    c.chatroom_members().add(&room, "bob").send().await.unwrap();
    assert!(c.chatroom_members().get_tags(&room, "bob").send().await.unwrap().is_empty(), "tags go when bob leaves");
    c.chatroom_members().set_tags(&room, "bob", ["a"]).send().await.unwrap();
    c.chatroom_members().set_tags(&room, "bob", Vec::<String>::new()).send().await.unwrap();
    assert!(c.chatroom_members().get_tags(&room, "bob").send().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_group_update_shows_in_its_details_and_bans_and_membership_are_kept() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    let g = c.groups().create("alice", true).name("team").members(["bob"]).send().await.unwrap().group_id.clone();
    let before = c.groups().get([g.clone()]).send().await.unwrap();
    assert_eq!(
        (before[0].name.as_deref(), before[0].public, before[0].disabled),
        (Some("team"), Some(true), Some(false))
    );

    let changed = c
        .groups()
        .update(&g)
        .name("crew")
        .description("the crew")
        .maxusers(500)
        .membersonly(true)
        .custom("x=1")
        .send()
        .await
        .unwrap();
    let flags = (changed.name, changed.description, changed.maxusers, changed.membersonly, changed.custom);
    assert_eq!(flags, (Some(true), Some(true), Some(true), Some(true), Some(true)));
    assert_eq!((changed.avatar, changed.public), (None, None), "only the fields sent come back");
    let after = &c.groups().get([g.clone()]).send().await.unwrap()[0];
    assert_eq!(after.name.as_deref(), Some("crew"));
    assert_eq!(after.description.as_deref(), Some("the crew"));
    assert_eq!(after.maxusers, Some(500));
    assert_eq!(after.membersonly, Some(true));
    assert_eq!(after.custom.as_deref(), Some("x=1"));
    assert_eq!(after.public, Some(true), "untouched");

    assert!(c.groups().disable(&g).send().await.unwrap().disabled);
    assert_eq!(c.groups().get([g.clone()]).send().await.unwrap()[0].disabled, Some(true));
    assert!(!c.groups().enable(&g).send().await.unwrap().disabled);
    assert_eq!(c.groups().get([g.clone()]).send().await.unwrap()[0].disabled, Some(false));

    assert!(*c.groups().is_member(&g, "bob").send().await.unwrap());
    assert!(*c.groups().is_member(&g, "alice").send().await.unwrap(), "the owner has joined");
    assert!(!*c.groups().is_member(&g, "zed").send().await.unwrap());
    assert!(!*c.groups().is_member("404404", "bob").send().await.unwrap());
    c.group_members().remove(&g, "bob").send().await.unwrap();
    assert!(!*c.groups().is_member(&g, "bob").send().await.unwrap());

    let (status, code, _) = api_error(c.groups().update("404404").name("x").send().await);
    assert_eq!((status, code), (404, Some(ErrorCode::ResourceNotFound)));
    let (status, _, _) = api_error(c.groups().disable("404404").send().await);
    assert_eq!(status, 404);
}

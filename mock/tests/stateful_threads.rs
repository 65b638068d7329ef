//! The client against the mock: threads and their members, chatroom super
//! admins and member tags, group settings, bans and the membership check,
//! in the documented answer shapes and paging.

use easemob::{Client, Error, ErrorCode};
use easemob_mock::MockServer;

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

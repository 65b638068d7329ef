//! The client against the mock: user attributes and group member attributes
//! kept across calls, in the documented answer shapes and limits.

use easemob::group_members::GroupMemberMetadata;
use easemob::{Client, Error};
use easemob_mock::MockServer;

fn client(mock: &MockServer) -> Client {
    Client::builder(mock.url(), "org", "app").client_credentials("YXA6id", "YXA6secret").build().unwrap()
}

/// Status, error code and description of an API error.
fn api_error(r: Result<impl std::fmt::Debug, Error>) -> (u16, String, String) {
    match r {
        Err(Error::Api(e)) => (
            e.status,
            e.code.as_ref().map(|c| c.as_str().to_owned()).unwrap_or_default(),
            e.description.unwrap_or_default(),
        ),
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn pairs(m: &std::collections::BTreeMap<String, String>) -> Vec<(&str, &str)> {
    m.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

#[tokio::test]
async fn user_attributes_are_set_merged_read_in_batches_and_deleted() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    let attrs = c.user_metadata();
    assert_eq!(*attrs.capacity().send().await.unwrap(), 0);

    let set = attrs.set("alice", [("nickname", "Alice"), ("avatarurl", "http://a/1.png")]).send().await.unwrap();
    assert_eq!(pairs(&set), [("avatarurl", "http://a/1.png"), ("nickname", "Alice")], "the pairs just set");
    let after_one = *attrs.capacity().send().await.unwrap();
    assert_eq!(after_one, ("nickname".len() + 5 + "avatarurl".len() + 14) as i64, "UTF-8 bytes of keys and values");

    // A second set merges: keys not sent are kept, keys sent are replaced.
    let set = attrs.set("alice", [("nickname", "Ally"), ("sign", "你好")]).send().await.unwrap();
    assert_eq!(pairs(&set), [("nickname", "Ally"), ("sign", "你好")]);
    let got = attrs.get("ALICE").send().await.unwrap();
    assert_eq!(pairs(&got), [("avatarurl", "http://a/1.png"), ("nickname", "Ally"), ("sign", "你好")]);
    assert_eq!(
        *attrs.capacity().send().await.unwrap(),
        after_one - 1 + 4 + 6,
        "Ally is one byte shorter; sign and 你好"
    );

    attrs.set("bob", [("nickname", "Bob"), ("phone", "123")]).send().await.unwrap();
    let batch = attrs.get_batch(["alice", "bob", "carol"], ["nickname", "avatarurl"]).send().await.unwrap();
    assert_eq!(batch.keys().map(String::as_str).collect::<Vec<_>>(), ["alice", "bob"], "carol has none: left out");
    assert_eq!(pairs(&batch["alice"]), [("avatarurl", "http://a/1.png"), ("nickname", "Ally")]);
    assert_eq!(pairs(&batch["bob"]), [("nickname", "Bob")], "only the keys asked for");

    assert!(*attrs.delete("alice").send().await.unwrap());
    assert!(attrs.get("alice").send().await.unwrap().is_empty());
    assert_eq!(*attrs.capacity().send().await.unwrap(), ("nickname".len() + 3 + "phone".len() + 3) as i64);
    // Deleting what is not there is still `true`, as documented.
    assert!(*attrs.delete("nobody").send().await.unwrap());
}

#[tokio::test]
async fn a_user_over_two_kilobytes_in_all_is_refused_and_keeps_what_it_had() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    let attrs = c.user_metadata();
    let half = "x".repeat(1000);
    attrs.set("alice", [("a", half.as_str())]).send().await.unwrap();
    attrs.set("alice", [("b", half.as_str())]).send().await.unwrap();
    // Each call is under 2 KB; together they pass it.
    let (status, code, text) = api_error(attrs.set("alice", [("c", half.as_str())]).send().await);
    assert_eq!((status, code.as_str()), (403, "FORBIDDEN"));
    assert!(text.contains("exceeds the user defined limit, 2048Bytes"), "{text}");
    let got = attrs.get("alice").send().await.unwrap();
    assert_eq!(got.keys().map(String::as_str).collect::<Vec<_>>(), ["a", "b"]);

    // 2 KB of stored CJK text is within the limit although its
    // percent-encoded form is three times that.
    let cjk = "你".repeat(680);
    let set = attrs.set("bob", [("sign", cjk.as_str())]).send().await.unwrap();
    assert_eq!(set["sign"].chars().count(), 680);
}

#[tokio::test]
async fn group_member_attributes_are_kept_per_member_and_go_with_the_group() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    let g = c.groups().create("alice", true).members(["bob", "carol"]).send().await.unwrap();
    let gid = g.group_id.clone();
    let members = c.group_members();

    let set = members.set_metadata(&gid, "bob", [("role", "singer"), ("seat", "3")]).send().await.unwrap();
    assert_eq!(pairs(&set), [("role", "singer"), ("seat", "3")]);
    // An empty value deletes that attribute; the others stay.
    members.set_metadata(&gid, "bob", [("seat", "")]).send().await.unwrap();
    let got = members.get_metadata(&gid, "bob").send().await.unwrap();
    assert_eq!(pairs(&got), [("role", "singer")]);

    let batch = members
        .set_metadata_batch(
            &gid,
            [GroupMemberMetadata::new("alice", [("role", "owner")]), GroupMemberMetadata::new("bob", [("mic", "on")])],
        )
        .send()
        .await
        .unwrap();
    let ok = batch.succeeded.clone().unwrap_or_default();
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[1].username.as_str(), "bob");
    assert_eq!(pairs(&ok[1].metadata), [("mic", "on"), ("role", "singer")], "what bob now has");
    assert_eq!(batch.failed.as_deref(), Some(&[][..]));

    let read = members.get_metadata_batch(&gid, ["alice", "bob", "carol"]).send().await.unwrap();
    assert_eq!(pairs(&read["alice"]), [("role", "owner")]);
    assert_eq!(pairs(&read["bob"]), [("mic", "on"), ("role", "singer")]);
    assert!(read["carol"].is_empty());
    let roles = members.get_metadata_batch(&gid, ["bob"]).properties(["role"]).send().await.unwrap();
    assert_eq!(pairs(&roles["bob"]), [("role", "singer")]);

    // Deleting the group drops its attributes with it.
    c.groups().delete(&gid).send().await.unwrap();
    mock.with_state(|s| assert!(!s.groups.contains_key(gid.as_str())));
    let (status, code, text) = api_error(members.get_metadata_batch(&gid, ["bob"]).send().await);
    assert_eq!((status, code.as_str(), text.as_str()), (404, "metadata_error", "group not exists"));
}

#[tokio::test]
async fn non_members_and_over_long_attributes_get_the_documented_errors() {
    let mock = MockServer::start().await;
    let c = client(&mock);
    let g = c.groups().create("alice", true).members(["bob"]).send().await.unwrap();
    let gid = g.group_id.clone();
    let members = c.group_members();

    let (status, code, text) = api_error(members.get_metadata(&gid, "zed").send().await);
    assert_eq!((status, code.as_str(), text.as_str()), (404, "MetadataException", "user not in group"));
    let (status, code, text) = api_error(members.set_metadata(&gid, "zed", [("k", "v")]).send().await);
    assert_eq!((status, code.as_str(), text.as_str()), (400, "metadata_error", "Some users are not in the group: zed"));
    let batch = [GroupMemberMetadata::new("bob", [("k", "v")]), GroupMemberMetadata::new("zed", [("k", "v")])];
    let (status, code, text) = api_error(members.set_metadata_batch(&gid, batch).send().await);
    assert_eq!((status, code.as_str(), text.as_str()), (400, "metadata_error", "Some users are not in the group: zed"));
    assert!(members.get_metadata(&gid, "bob").send().await.unwrap().is_empty(), "a refused batch changes nothing");
    let (status, _, _) = api_error(members.get_metadata("999", "bob").send().await);
    assert_eq!(status, 404, "no such group");

    // The docs count bytes; the client checks characters, so UTF-8 text
    // over the byte limits reaches the mock, which refuses it.
    let long_key = "键".repeat(6);
    let (status, code, text) = api_error(members.set_metadata(&gid, "bob", [(long_key.as_str(), "v")]).send().await);
    assert_eq!(
        (status, code.as_str(), text.as_str()),
        (400, "metadata_error", "exceeds chatgroup user metadata single key limit")
    );
    let long_value = "值".repeat(200);
    let (status, _, text) = api_error(members.set_metadata(&gid, "bob", [("k", long_value.as_str())]).send().await);
    assert_eq!((status, text.as_str()), (400, "exceeds chatgroup user metadata single value limit"));
    // A member who left is a non-member again.
    members.set_metadata(&gid, "bob", [("k", "v")]).send().await.unwrap();
    members.remove(&gid, "bob").send().await.unwrap();
    let (status, _, _) = api_error(members.get_metadata(&gid, "bob").send().await);
    assert_eq!(status, 404);
    let read = members.get_metadata_batch(&gid, ["alice", "bob"]).send().await.unwrap();
    assert_eq!(read.keys().map(String::as_str).collect::<Vec<_>>(), ["alice"], "non-members are left out");
}

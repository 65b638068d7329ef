//! Models go both ways: what a model serialises, its own `Deserialize`
//! reads back as an equal value.
//!
//! Answers: with the `test-util` feature (on in this crate) every answer a
//! call decodes is written back and read again inside the client, so each
//! doc example the other modules of this suite serve is checked on the
//! spot; `every_decodable_operation_is_called_on_a_doc_example` checks that
//! the suite calls every operation that answers JSON. Request bodies: the
//! doc examples of every input type below, read, written and read again.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, UNIX_EPOCH};

use easemob::collections::CollectionNew;
use easemob::group_members::GroupMemberMetadata;
use easemob::messages::{
    MessageBody, MessageBroadcastContent, MessageImageSize, MessageRecallRequest, MessageRewriteContent,
    MessageStreamChunk,
};
use easemob::push::PushNickname;
use easemob::users::{GlobalMute, NewUser, UserEntity};
use easemob::{Affiliation, DECODABLE_OPERATIONS, ErrorCode, MuteDuration, ResponseMeta, Timestamp};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Reads `example` as a `T`, writes it, and checks that the JSON written
/// reads back as the same value. With `same_json`, the JSON written must
/// also equal the example (it does when the example uses no lenient form).
fn round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(example: Value, same_json: bool) -> T {
    let what = std::any::type_name::<T>();
    let value: T = serde_json::from_value(example.clone()).unwrap_or_else(|e| panic!("{what}: {e}: {example}"));
    let written = serde_json::to_value(&value).unwrap_or_else(|e| panic!("{what}: {e}"));
    let again: T = serde_json::from_value(written.clone()).unwrap_or_else(|e| panic!("{what}: {e}: {written}"));
    assert_eq!(again, value, "{what} changed on a round trip through {written}");
    if same_json {
        assert_eq!(written, example, "{what} wrote something else than its doc example");
    }
    value
}

/// Every operation the client decodes a JSON answer for is called by this
/// suite in its area's file, so its doc example goes through the round trip
/// every decoded answer gets with `test-util`.
#[test]
fn every_decodable_operation_is_called_on_a_doc_example() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("behaviour");
    let mut areas: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| {
            // Without whitespace, so a call or a reply split over lines is found.
            let text: String = std::fs::read_to_string(&p).unwrap().split_whitespace().collect();
            (p.file_stem().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect();
    // The longest area name first: `chatroom_members_list` is an operation
    // of `chatroom_members`, not of `chatrooms`.
    areas.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
    let mut missing = BTreeSet::new();
    for id in DECODABLE_OPERATIONS {
        let Some((area, source)) = areas.iter().find(|(a, _)| id.starts_with(&format!("{a}_"))) else {
            missing.insert(format!("{id} (no file for its area)"));
            continue;
        };
        let method = &id[area.len() + 1..];
        let called = source.contains(&format!(".{method}("));
        let answered = source.contains(&format!("{area}()")) && source.contains("reply(20");
        if !(called && answered) {
            missing.insert(id.to_string());
        }
    }
    assert!(missing.is_empty(), "operations no behaviour test calls on a 2xx answer: {missing:?}");
}

#[test]
fn unknown_values_are_written_as_received() {
    let code: ErrorCode = round_trip(json!("a_code_from_the_future"), true);
    assert!(matches!(code, ErrorCode::Unknown(_)));
    let member: Affiliation = round_trip(json!({"guest": {"since": 1}}), true);
    assert!(matches!(member, Affiliation::Other(_)));
    let body: MessageBody = round_trip(json!({"type": "hologram", "body": {"frames": [1, 2]}}), true);
    assert!(matches!(body, MessageBody::Other(_)));
}

#[test]
fn envelope_metadata_round_trips() {
    let meta: ResponseMeta = round_trip(
        json!({"action": "get", "timestamp": 1542795196515_i64, "duration": 0, "count": 2, "cursor": "c",
               "params": {"pagenum": ["1"]}, "properties": {}}),
        true,
    );
    assert_eq!(meta.timestamp, Some(Timestamp::from_unix_millis(1542795196515)));
    // Lenient forms are written in their typed form and read back equal.
    let meta: ResponseMeta = round_trip(json!({"timestamp": "1542795196515", "count": "x"}), false);
    assert_eq!((meta.timestamp.map(i64::from), meta.count), (Some(1542795196515), None));
}

#[test]
fn request_bodies_round_trip_on_their_doc_examples() {
    round_trip::<NewUser>(json!({"username": "user1", "password": "123"}), true);
    for body in [
        json!({"type": "txt", "body": {"msg": "testmessages"}}),
        json!({"type": "img", "body": {"filename": "testimg.jpg", "secret": "VfXXXXNb_",
               "url": "https://XXXX/XXXX/XXXX/chatfiles/55f12940-XXXX-XXXX-8a5b-ff2336f03252",
               "size": {"width": 480, "height": 720}}}),
        json!({"type": "audio", "body": {"url": "https://XXXX/XXXX/XXXX/chatfiles/1dfc7f50-XXXX-XXXX-8a07-7d75b8fb3d42",
               "filename": "testaudio.amr", "length": 10, "secret": "HfXXXXCjM"}}),
        json!({"type": "video", "body": {"filename": "test.avi",
               "thumb": "https://XXXX/XXXX/XXXX/chatfiles/67279b20-7f69-11e4-8eee-21d3334b3a97",
               "length": 0, "secret": "VfXXXXNb_", "file_length": 58103, "thumb_secret": "ZyXXXX2I",
               "url": "https://XXXX/XXXX/XXXX/chatfiles/671dfe30-XXXX-XXXX-ba67-8fef0d502f46"}}),
        json!({"type": "file", "body": {"filename": "test.txt", "secret": "1-g0XXXXua",
               "url": "https://XXXX/XXXX/XXXX/chatfiles/d7eXXXX7444"}}),
        json!({"type": "loc", "body": {"lat": "39.966", "lng": "116.322", "addr": "中国北京市海淀区中关村"}}),
        json!({"type": "cmd", "body": {"action": "action1"}}),
        json!({"type": "custom", "body": {"customEvent": "custom_event", "customExts": {"ext_key1": "ext_value1"}}}),
    ] {
        round_trip::<MessageBody>(body, true);
    }
    round_trip::<MessageImageSize>(json!({"width": 480, "height": 720}), true);
    round_trip::<MessageBroadcastContent>(json!({"type": "txt", "msg": "send broadcast to all chatroom"}), true);
    round_trip::<MessageBroadcastContent>(json!({"type": "cmd", "action": "refresh"}), true);
    round_trip::<MessageRewriteContent>(json!({"type": "txt", "msg": "update message content"}), true);
    round_trip::<MessageRewriteContent>(
        json!({"type": "custom", "customEvent": "custom_event", "customExts": {"ext_key1": "ext_value1"}}),
        true,
    );
    round_trip::<MessageStreamChunk>(
        json!({"msgId": "1499696395467098072", "msg": "第二个分片", "seq": 1, "finish": false, "finishReason": 0,
               "type": "markdown"}),
        true,
    );
    round_trip::<MessageRecallRequest>(
        json!({"msg_id": "7126XXXX2581", "to": "d95XXXX81c64", "from": "18XXXXebf262", "chat_type": "chatroom",
               "force": false, "sync_device": false}),
        true,
    );
    round_trip::<CollectionNew>(
        json!({"id": "string", "type": 0, "data": "string", "ext": "string", "createdAt": 0}),
        true,
    );
    round_trip::<GroupMemberMetadata>(
        json!({"username": "user1", "metadata": {"metadataKey1": "value1", "metadataKey2": "value2"}}),
        true,
    );
    round_trip::<PushNickname>(json!({"username": "user1", "push_nickname": "推送昵称-1"}), true);
}

#[test]
fn answers_can_be_built_by_callers() {
    // A fixture a caller's own test could build: required fields through
    // `new`, optional ones through setters.
    let created = Timestamp::from(UNIX_EPOCH + Duration::from_millis(1542795196504));
    let user = UserEntity::new("user1").created(created).activated(true);
    assert_eq!(user.username, "user1");
    assert_eq!(user.created.map(Timestamp::as_unix_millis), Some(1542795196504));
    let back: UserEntity = round_trip(serde_json::to_value(&user).unwrap(), true);
    assert_eq!(back, user);

    let mute = GlobalMute::default().chat(MuteDuration::Forever).groupchat(MuteDuration::from_secs(96));
    let written = serde_json::to_value(&mute).unwrap();
    assert_eq!(written, json!({"chat": -1, "groupchat": 96}));
    assert_eq!(round_trip::<GlobalMute>(written, true), mute);
}

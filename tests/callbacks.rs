//! Callbacks (webhooks): the doc examples of the fact sheet's §13 decode to
//! the right event type with the right fields, the §13.2 test vectors
//! verify, tampered bodies are refused with the right error, unknown events
//! are kept, pre-send replies serialise as §13.5 asks, and the secret never
//! shows in `Debug` or `Display`.
//!
//! The docs give no sample secret, so their `security` values cannot be
//! checked; each example is re-signed with a test secret by
//! `sign_test_body`, except where a §13.2 vector gives the real value.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use easemob::callbacks::*;
use easemob::{Secret, Timestamp};
use serde_json::{Value, json};

const SECRET: &str = "my-rule-secret";

// Doc examples, as the fact sheet quotes them.
const MESSAGE: &str = r#"{"callId":"XXXX-demo#XXXX-dp01-XXXX-8696-cf3b48b20e7e","eventType":"chat","timestamp":1600060847294,"chat_type":"chat","from":"user1","to":"user2","msg_id":"8924312242322","payload":{"ext":{},"bodies":[{"msg":"rr","type":"txt"}]},"securityVersion":"1.0.0","security":"2ca02c394bef9e7abc83958bcc3156d3"}"#;
const PRE_SEND: &str = r#"{"callId":"XXXX-XXXX#test_0990a64f-XXXX-XXXX-8696-cf3b48b20e7e","timestamp":1600060847294,"chat_type":"groupchat","group_id":"16934809238921545","from":"user1","to":"user2","msg_id":"8924312242322","payload":{"msg":"welcome to easemob!","type":"txt"},"security":"2ca02c394bef9e7abc83958bcc3156d3"}"#;
const GROUP_JOIN: &str = r#"{"callId":"XXXX#XXXX_c158594d-1165-4641-8336-68125ba68a22","security":"1824c552acXXXXb0bf1c80160c65a1d0","payload":{"member":["tst"],"type":"APPLY"},"appkey":"XXXX#XXXX","id":"261958837272578","type":"GROUP","event":"group_op_event","operation":"JOIN","operator":"tst","member_count":4,"timestamp":1729497831163}"#;
const CONTACT: &str = r#"{"chat_type":"roster","callId":"XXXX#XXXX_966725899779049516","security":"a2e1545231e8acf60513b50984af0c6c","payload":{"roster_ver":"DD6E14FE5EE5A9ABC52CA86C5DE1601CF729BFD6","operation":"remote_accept"},"host":"XXXX","appkey":"XXXX#XXXX","from":"XXXX#XXXX_XXXX@easemob.com","to":"tst01","eventType":"chat","msg_id":"96XXXX516","timestamp":1642648213494}"#;
const LOGIN: &str = r#"{"callId":"XXXX#XXXX_25b64a81-1376-4669-bb3d-178449a8f11b","reason":"login","security":"2c6dd77e61b8f26801627fdaadca893e","os":"ios","ip":"XXXX","host":"XXXX","appkey":"XXXX#XXXX","user":"XXXX#XXXX_XXXX@easemob.com/ios_6d580737-db3a-d2b5-da18-b6045ffd195b","version":"3.8.9.1","timestamp":1642585154644,"status":"online"}"#;
const RECALL: &str = r#"{"chat_type":"recall","callId":"XXXX#XXXX_966475585536657404","security":"ea7a867314fb0e0833d5f4f169eb4f8d","payload":{"ext":{},"ack_message_id":"966475220900644860","bodies":[]},"host":"******","appkey":"orgname#appname","from":"tst","recall_id":"966475220900644860","to":"170908972023810","eventType":"chat","msg_id":"966475585536657404","timestamp":1642589932646}"#;
const GROUP_READ_ACK: &str = r#"{"callId":"XXXX#XXXX_1406088760298309588","channel_channel":"XXXX#XXXX_277721224642561@conference.easemob.com","eventType":"chat","channel_user":"XXXX#XXXX_tst@easemob.com","chat_type":"read_ack","security":"bc392b82e70e24cc1ea29e08aa41765d","content_type":"chat:ack:read","payload":{"ext":{},"ack_message_id":"1406088702140090324","msg_config":{"allow_group_ack":true},"type":"read_ack"},"writed_channel":false,"host":"easemob@hsb-im-msync0","appkey":"eXXXX#XXXX","from":"tst","to":"277721224642561","msg_id":"1406088760298309588","timestamp":1744945351097}"#;
const REACTION: &str = r#"{"chat_type":"notify","payload":{"data":[{"messageId":"99XXXX32","from":"user2","reactions":[{"op":[{"reactionType":"create","operator":"user2"}],"reaction":"test-1","userList":["user2"],"count":1}],"to":"user3","channel_type":"chat","ts":1648722783700}],"num":2,"channel_type":"chat","type":"reaction"},"host":"XXXX","appkey":"XXXX#XXXX","from":"user1","to":"user2","eventType":"chat","msg_id":"99XXXX56","timestamp":1648722784819}"#;
const MODERATION: &str = r#"{"callId":"100220419126072#demo_54ae7e93-xxxx-xxxx-92f5-323e33187243","moderationResult":"PASS","providerResult":"PASS","security":"1f4857f120b2789b7d0abcd372c4f9e8","messageType":"txt","messageId":"1F4MX6iSdI7VFnN7Hm0vrcr3Uwr","targetType":"chat","appkey":"100220419126072#lydemo","source":{},"riskType":"广告","eventType":"moderation","from":"qa2","to":"qa1","url":"","msg":"你好","timestamp":1668766253245}"#;
const OFFLINE_PUSH: &str = r#"{"chat_type":"chat","callId":"XXXX#XXXX_1029172947949980024","security":"79e87c892ec0159ac9175f295d587a51","appkey":"XXXX#XXXX","step":"push","detail":"no push binding","msg_id":"1029172947949980024","status":"fail","target":"test1","timestamp":1657187799974}"#;

fn secret() -> Secret {
    Secret::new(SECRET)
}

fn receiver() -> Receiver {
    Receiver::new(secret())
}

/// `body` re-signed with the test secret, as Easemob would send it.
fn signed(body: &str) -> Vec<u8> {
    sign_test_body(body.as_bytes(), &secret()).expect("the example has callId and timestamp")
}

fn parse(body: &str) -> CallbackEvent {
    receiver().verify_and_parse(&signed(body)).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// `body` with `edit` applied to its JSON.
fn changed(body: &str, edit: impl FnOnce(&mut serde_json::Map<String, Value>)) -> String {
    let mut v: Value = serde_json::from_str(body).unwrap();
    edit(v.as_object_mut().unwrap());
    v.to_string()
}

// --- the doc examples -------------------------------------------------------

#[test]
fn text_message_example() {
    let CallbackEvent::Message(m) = parse(MESSAGE) else { panic!("not a message") };
    assert_eq!(m.event_type, CallbackDelivery::Chat);
    assert_eq!(m.chat_type, CallbackChatType::Chat);
    assert_eq!((m.from.as_str(), m.to.as_str(), m.msg_id.as_str()), ("user1", "user2", "8924312242322"));
    assert_eq!(m.timestamp, Timestamp::from_unix_millis(1600060847294));
    assert_eq!(m.security_version.as_deref(), Some("1.0.0"));
    let bodies = m.payload.bodies.expect("bodies");
    let [CallbackMessageBody::Txt(t)] = bodies.as_slice() else { panic!("{bodies:?}") };
    assert_eq!(t.msg.as_deref(), Some("rr"));
}

#[test]
fn pre_send_example() {
    let CallbackEvent::PreSend(p) = parse(PRE_SEND) else { panic!("not pre-send") };
    assert_eq!(p.chat_type, Some(CallbackChatType::Groupchat));
    assert_eq!(p.group_id.as_deref(), Some("16934809238921545"));
    let CallbackMessageBody::Txt(t) = &p.payload else { panic!("{:?}", p.payload) };
    assert_eq!(t.msg.as_deref(), Some("welcome to easemob!"));
}

#[test]
fn group_join_example() {
    let CallbackEvent::GroupJoined(g) = parse(GROUP_JOIN) else { panic!("not a join") };
    assert_eq!(g.type_, CallbackGroupKind::Group);
    assert_eq!(g.operation, CallbackGroupOperation::Join);
    assert_eq!(g.id, "261958837272578");
    assert_eq!(g.operator.as_deref(), Some("tst"));
    assert_eq!(g.member_count, Some(4));
    let payload = g.payload.expect("payload");
    assert_eq!(payload.type_, Some(CallbackGroupDetail::Apply));
    assert_eq!(payload.member, Some(vec!["tst".to_owned()]));
}

#[test]
fn contact_example() {
    let CallbackEvent::Contact(c) = parse(CONTACT) else { panic!("not a contact event") };
    assert_eq!(c.payload.operation, CallbackContactOperation::RemoteAccept);
    assert_eq!(c.payload.roster_ver.as_deref(), Some("DD6E14FE5EE5A9ABC52CA86C5DE1601CF729BFD6"));
    assert_eq!(c.to, "tst01");
    assert_eq!(c.event_type, Some(CallbackDelivery::Chat));
}

#[test]
fn login_example() {
    let CallbackEvent::UserStatus(u) = parse(LOGIN) else { panic!("not a login") };
    assert_eq!(u.reason, CallbackUserStatusReason::Login);
    assert_eq!(u.status, CallbackOnlineStatus::Online);
    assert_eq!(u.os.as_deref(), Some("ios"));
    assert_eq!(u.version.as_deref(), Some("3.8.9.1"));
    assert!(u.user.ends_with("/ios_6d580737-db3a-d2b5-da18-b6045ffd195b"));
}

#[test]
fn recall_example() {
    let CallbackEvent::Recall(r) = parse(RECALL) else { panic!("not a recall") };
    assert_eq!(r.recall_id, "966475220900644860");
    assert_eq!(r.payload.expect("payload").ack_message_id, "966475220900644860");
    assert_eq!(r.from, "tst");
}

#[test]
fn group_read_ack_example() {
    let CallbackEvent::ReadAck(a) = parse(GROUP_READ_ACK) else { panic!("not a read ack") };
    assert_eq!(a.payload.ack_message_id, "1406088702140090324");
    assert_eq!(a.payload.msg_config.as_ref().and_then(|c| c.allow_group_ack), Some(true));
    assert_eq!(a.content_type.as_deref(), Some("chat:ack:read"));
    assert_eq!(a.writed_channel, Some(false));
    assert_eq!(a.to, "277721224642561");
}

#[test]
fn one_to_one_read_ack_from_the_field_table() {
    let body = r#"{"callId":"a#b_1","chat_type":"read_ack","eventType":"chat","channel_channel":"a#b_u2@conference.easemob.com","payload":{"ext":{},"ack_message_id":"42","bodies":[]},"from":"u1","to":"u2","msg_id":"43","timestamp":1}"#;
    let CallbackEvent::ReadAck(a) = parse(body) else { panic!("not a read ack") };
    assert_eq!(a.payload.ack_message_id, "42");
    assert!(a.payload.msg_config.is_none());
}

#[test]
fn reaction_example_is_unsigned() {
    // The docs' example has no callId and no security.
    let err = receiver().verify_and_parse(REACTION.as_bytes()).unwrap_err();
    assert_eq!(err, CallbackError::MissingSignature);
    let lenient = receiver().allow_unsigned(true);
    let CallbackEvent::Reaction(r) = lenient.verify_and_parse(REACTION.as_bytes()).unwrap() else {
        panic!("not a reaction")
    };
    assert_eq!(r.payload.num, Some(2));
    let [message] = r.payload.data.as_slice() else { panic!("{:?}", r.payload.data) };
    assert_eq!(message.message_id, "99XXXX32");
    assert_eq!(message.channel_type, Some(CallbackChatType::Chat));
    let entry = &message.reactions.as_ref().unwrap()[0];
    assert_eq!((entry.reaction.as_str(), entry.count), ("test-1", Some(1)));
    assert_eq!(entry.user_list, Some(vec!["user2".to_owned()]));
    let op = &entry.op.as_ref().unwrap()[0];
    assert_eq!((op.reaction_type.as_deref(), op.operator.as_deref()), (Some("create"), Some("user2")));
}

#[test]
fn thread_from_the_field_table() {
    let body = r#"{"chat_type":"notify","from":"admin","to":"u1","msg_id":99,"timestamp":5,"eventType":"chat","payload":{"type":"thread","data":{"msg_parent_id":"m1","name":"t","from":"u1","id":"th1","message_count":3,"operation":"update_msg","muc_parent_id":"g1","timestamp":4,"last_message":{"from":"u1","id":"m9","to":"th1","timestamp":4,"payload":{"ext":{},"bodies":[{"type":"txt","msg":"hi"}],"meta":{"thread":{"msg_parent_id":"m1","thread_name":"t","muc_parent_id":"g1"}},"from":"u1","to":"th1","type":"groupchat"}}}}}"#;
    let lenient = receiver().allow_unsigned(true);
    let CallbackEvent::Thread(t) = lenient.verify_and_parse(body.as_bytes()).unwrap() else { panic!("not a thread") };
    // `msg_id` is declared a number on this page: read as text.
    assert_eq!(t.msg_id.as_deref(), Some("99"));
    assert_eq!(t.payload.data.id, "th1");
    assert_eq!(t.payload.data.operation.as_deref(), Some("update_msg"));
    let last = t.payload.data.last_message.unwrap();
    assert_eq!(last.payload.unwrap().bodies.unwrap().len(), 1);
}

#[test]
fn moderation_example() {
    let CallbackEvent::Moderation(m) = parse(MODERATION) else { panic!("not moderation") };
    assert_eq!(m.moderation_result, CallbackModerationResult::Pass);
    assert_eq!(m.provider_result, Some(CallbackProviderResult::Pass));
    assert_eq!(m.risk_type.as_deref(), Some("广告"));
    assert_eq!(m.msg.as_deref(), Some("你好"));
}

#[test]
fn keyword_alert_from_the_field_table() {
    let body = r#"{"eventType":"keyword_alert","callId":"a#b_1","alertReason":"replaced","status":"replace","sensitiveWords":["bad"],"contentOwner":"a#b_u1@easemob.com","contentReceiver":"a#b_u2@easemob.com","contentUri":"msync:1","contentType":"message","chatType":"chat:user:text","timestamp":7}"#;
    let CallbackEvent::KeywordAlert(k) = parse(body) else { panic!("not a keyword alert") };
    assert_eq!(k.alert_reason, Some(CallbackKeywordAlertReason::Replaced));
    assert_eq!(k.status, Some(CallbackKeywordStatus::Replace));
    assert_eq!(k.sensitive_words, Some(vec!["bad".to_owned()]));
}

#[test]
fn offline_push_example() {
    let CallbackEvent::OfflinePush(p) = parse(OFFLINE_PUSH) else { panic!("not a push result") };
    assert_eq!(p.status, CallbackPushStatus::Fail);
    assert_eq!(p.detail.as_deref(), Some("no push binding"));
    assert_eq!(p.target.as_deref(), Some("test1"));
    // The page declares `timestamp` a string: it signs and decodes the same.
    let as_text = changed(OFFLINE_PUSH, |o| {
        o.insert("timestamp".into(), json!("1657187799974"));
    });
    let CallbackEvent::OfflinePush(p) = parse(&as_text) else { panic!("not a push result") };
    assert_eq!(p.timestamp, Timestamp::from_unix_millis(1657187799974));
}

#[test]
fn edit_from_the_field_table() {
    let body = r#"{"chat_type":"edit","callId":"a#b_1","timestamp":9,"appkey":"a#b","from":"x","to":"y","msg_id":"2","securityVersion":"1.0.0","payload":{"bodies":[{"type":"txt","msg":"fixed"}],"edit_message_id":"1","from":"u1","to":"u2","type":"edit","meta":{"edit_msg":{"count":1,"edit_time":8,"operator":"easemob_rest_app_admin","send_time":3,"sender":"u1"}}}}"#;
    let CallbackEvent::Edit(e) = parse(body) else { panic!("not an edit") };
    assert_eq!(e.payload.edit_message_id, "1");
    let info = e.payload.meta.unwrap().edit_msg.unwrap();
    assert_eq!((info.count, info.operator.as_deref()), (Some(1), Some("easemob_rest_app_admin")));
}

#[test]
fn legacy_group_format_from_the_field_table() {
    let body = r#"{"chat_type":"muc","callId":"a#b_1","eventType":"chat","from":"a#b_u1@easemob.com/ios","to":"u2","group_id":"g1","msg_id":"1","timestamp":2,"payload":{"muc_id":"a#b_g1@conference.easemob.com","reason":"","is_chatroom":false,"operation":"assing_owner","status":{"description":"","error_code":"ok"}}}"#;
    let CallbackEvent::GroupLegacy(g) = parse(body) else { panic!("not a legacy group event") };
    assert_eq!(g.payload.operation, CallbackGroupLegacyOperation::AssignOwner);
    assert_eq!(g.payload.is_chatroom, Some(false));
    assert_eq!(g.payload.status.unwrap().error_code.as_deref(), Some("ok"));
}

#[test]
fn group_operations_pick_their_variant() {
    let base = |operation: &str, payload: Value| {
        changed(GROUP_JOIN, |o| {
            o.insert("operation".into(), json!(operation));
            o.insert("payload".into(), payload);
        })
    };
    let cases = [
        ("CREATE", "group_created"),
        ("UPDATE", "group_updated"),
        ("LEAVE", "group_left"),
        ("ADMIN", "group_admins_changed"),
        ("MUTE", "group_mutes_changed"),
        ("WHITE", "group_allowlist_changed"),
        ("BLOCK", "group_blocklist_changed"),
        ("SHIELD", "group_shield_changed"),
        ("ROOM_SUPER_ADMIN", "room_super_admins_changed"),
        ("SHARE_FILE", "group_shared_files_changed"),
        ("SOMETHING_NEW", "group_op"),
    ];
    for (operation, event) in cases {
        assert_eq!(parse(&base(operation, json!({"type": "ADD"}))).event_type(), event, "{operation}");
    }
    // DELETE has no payload.
    let deleted = changed(GROUP_JOIN, |o| {
        o.insert("operation".into(), json!("DELETE"));
        o.remove("payload");
    });
    let CallbackEvent::GroupDeleted(g) = parse(&deleted) else { panic!("not a delete") };
    assert!(g.payload.is_none());
    // An operation the spec does not know is still typed, its value kept.
    let CallbackEvent::GroupOp(g) = parse(&base("SOMETHING_NEW", json!({}))) else { panic!() };
    assert_eq!(g.operation.as_str(), "SOMETHING_NEW");
}

#[test]
fn group_create_info_reads_strings_as_flags_and_numbers() {
    let body = changed(GROUP_JOIN, |o| {
        o.insert("operation".into(), json!("CREATE"));
        o.insert(
            "payload".into(),
            json!({"role": {"u1": "owner"}, "member": ["u1"], "info": {"owner": "a#b_u1", "created": "1729497831163",
                "public": "true", "max_users": "200", "mute": "false", "mute_duration": 0, "disabled": "false"}}),
        );
    });
    let CallbackEvent::GroupCreated(g) = parse(&body) else { panic!("not a create") };
    let payload = g.payload.unwrap();
    let info = payload.info.unwrap();
    assert_eq!(
        (info.public, info.max_users, info.created),
        (Some(true), Some(200), Some(Timestamp::from_unix_millis(1729497831163)))
    );
    assert_eq!(payload.role.unwrap()["u1"], "owner");
}

#[test]
fn group_ban_accepts_both_spellings() {
    for key in ["disable", "disabled"] {
        let body = changed(GROUP_JOIN, |o| {
            o.insert("operation".into(), json!("UPDATE"));
            o.insert("payload".into(), json!({"type": "DISABLE", key: true}));
        });
        let CallbackEvent::GroupUpdated(g) = parse(&body) else { panic!("not an update") };
        let payload = g.payload.unwrap();
        assert_eq!((payload.type_, payload.disabled), (Some(CallbackGroupDetail::Disable), Some(true)), "{key}");
    }
}

#[test]
fn every_message_type_decodes_to_its_body() {
    let bodies = json!([
        {"type": "img", "url": "u", "filename": "a.jpg", "secret": "s", "file_length": 10, "size": {"width": 3, "height": 4}},
        {"type": "audio", "url": "u", "filename": "a.amr", "length": 5, "file_length": 11},
        {"type": "video", "url": "u", "thumb": "t", "thumb_secret": "ts", "length": 6, "file_length": 12, "size": {"width": 1, "height": 2}},
        {"type": "file", "url": "u", "filename": "a.pdf", "file_length": 13},
        {"type": "loc", "lat": 39.966, "lng": "116.32", "addr": "here"},
        {"type": "cmd", "msg": "ping"},
        {"type": "cmd", "action": "pong"},
        {"type": "custom", "customEvent": "gift", "v2:customExts": {"k": "v"}, "customExts": [{"k": "v"}]},
        {"type": "txt", "subType": "sub_combine", "msg": "fallback", "title": "T", "summary": "S", "combineLevel": 1, "url": "u"},
        {"type": "hologram", "depth": 3}
    ]);
    let body = changed(MESSAGE, |o| {
        o.insert("chat_type".into(), json!("groupchat"));
        o.insert("group_id".into(), json!("g1"));
        o.insert("eventType".into(), json!("chat_offline"));
        o.insert("payload".into(), json!({"ext": {"k": 1}, "bodies": bodies}));
    });
    let CallbackEvent::Message(m) = parse(&body) else { panic!("not a message") };
    assert_eq!(m.event_type, CallbackDelivery::ChatOffline);
    let b = m.payload.bodies.unwrap();
    let [
        CallbackMessageBody::Img(img),
        CallbackMessageBody::Audio(audio),
        CallbackMessageBody::Video(video),
        CallbackMessageBody::File(file),
        CallbackMessageBody::Loc(loc),
        CallbackMessageBody::Cmd(cmd_msg),
        CallbackMessageBody::Cmd(cmd_action),
        CallbackMessageBody::Custom(custom),
        CallbackMessageBody::Txt(combined),
        CallbackMessageBody::Other(unknown),
    ] = b.as_slice()
    else {
        panic!("{b:?}")
    };
    assert_eq!(img.size.as_ref().map(|s| (s.width, s.height)), Some((Some(3), Some(4))));
    assert_eq!(audio.length, Some(5));
    assert_eq!(video.thumb_secret.as_deref(), Some("ts"));
    assert_eq!(file.file_length, Some(13));
    // Coordinates: a number or a string, kept as text.
    assert_eq!((loc.lat.as_deref(), loc.lng.as_deref()), (Some("39.966"), Some("116.32")));
    assert_eq!((cmd_msg.msg.as_deref(), cmd_action.action.as_deref()), (Some("ping"), Some("pong")));
    assert_eq!(custom.v2_custom_exts.as_ref().unwrap()["k"], "v");
    assert_eq!(combined.sub_type.as_deref(), Some("sub_combine"));
    assert_eq!((unknown.key(), &unknown.value()["depth"]), ("hologram", &json!(3)));
}

#[test]
fn pre_send_accepts_every_documented_chat_type() {
    for chat_type in ["chat", "groupchat", "group", "chatroom"] {
        let body = changed(PRE_SEND, |o| {
            o.insert("chat_type".into(), json!(chat_type));
        });
        let CallbackEvent::PreSend(p) = parse(&body) else { panic!("not pre-send: {chat_type}") };
        assert_eq!(p.chat_type.unwrap().as_str(), chat_type);
    }
    // A cmd pre-send body carries `action`.
    let body = changed(PRE_SEND, |o| {
        o.insert("payload".into(), json!({"type": "cmd", "action": "typing"}));
    });
    let CallbackEvent::PreSend(p) = parse(&body) else { panic!("not pre-send") };
    assert!(matches!(&p.payload, CallbackMessageBody::Cmd(c) if c.action.as_deref() == Some("typing")));
}

// --- the signature -----------------------------------------------------------

#[test]
fn the_reference_vectors_verify() {
    // §13.2: the login example's security under `my-rule-secret`.
    let login = changed(LOGIN, |o| {
        o.insert("security".into(), json!("e35e56c3ea0afaafff04a2a9a8de130e"));
    });
    assert_eq!(receiver().verify_and_parse(login.as_bytes()).unwrap().event_type(), "user_status");
    // The other two vectors, on bodies built around them.
    let vectors = [
        ("XXXX#XXXX_968665325555943556", 1643099771248_i64, "e9f2c3bf64b41e475bb3b1a27a272335"),
        ("easemob-demo#testy_aba13c39-661f-46ef-8e43-8cd6205aa6a0", 1732519041930, "ecb1c053f41bf90f97689acb31702d64"),
    ];
    for (call_id, timestamp, security) in vectors {
        let body = json!({"callId": call_id, "timestamp": timestamp, "security": security, "chat_type": "brand_new"});
        let event = receiver().verify_and_parse(body.to_string().as_bytes()).unwrap();
        assert!(matches!(event, CallbackEvent::Other(_)));
        // Upper-case hex is the same signature.
        let upper = json!({"callId": call_id, "timestamp": timestamp, "security": security.to_uppercase()});
        receiver().verify_and_parse(upper.to_string().as_bytes()).unwrap();
    }
    // sign_test_body computes the same value.
    let resigned: Value = serde_json::from_slice(&signed(LOGIN)).unwrap();
    assert_eq!(resigned["security"], "e35e56c3ea0afaafff04a2a9a8de130e");
}

#[test]
fn the_doc_placeholders_do_not_verify() {
    for body in [MESSAGE, PRE_SEND, CONTACT, LOGIN, RECALL, GROUP_READ_ACK, MODERATION, OFFLINE_PUSH] {
        assert_eq!(receiver().verify_and_parse(body.as_bytes()).unwrap_err(), CallbackError::BadSignature);
    }
}

#[test]
fn tampered_bodies_are_refused() {
    let good = String::from_utf8(signed(CONTACT)).unwrap();
    let wrong_secret = Receiver::new("another-secret");
    assert_eq!(wrong_secret.verify_and_parse(good.as_bytes()).unwrap_err(), CallbackError::BadSignature);
    for (field, value) in [("callId", json!("XXXX#XXXX_966725899779049517")), ("timestamp", json!(1642648213495_i64))] {
        let altered = changed(&good, |o| {
            o.insert(field.into(), value);
        });
        assert_eq!(
            receiver().verify_and_parse(altered.as_bytes()).unwrap_err(),
            CallbackError::BadSignature,
            "{field}"
        );
    }
    let flipped = changed(&good, |o| {
        let s = o["security"].as_str().unwrap().to_owned();
        let last = if s.ends_with('0') { "1" } else { "0" };
        o.insert("security".into(), json!(format!("{}{last}", &s[..31])));
    });
    assert_eq!(receiver().verify_and_parse(flipped.as_bytes()).unwrap_err(), CallbackError::BadSignature);
    let short = changed(&good, |o| {
        o.insert("security".into(), json!("abc"));
    });
    assert_eq!(receiver().verify_and_parse(short.as_bytes()).unwrap_err(), CallbackError::BadSignature);
}

#[test]
fn only_call_id_and_timestamp_are_signed() {
    // Easemob's scheme signs no other field: a changed `to` still verifies.
    // This pins the documented behaviour; the runtime docs warn about it.
    let good = String::from_utf8(signed(CONTACT)).unwrap();
    let altered = changed(&good, |o| {
        o.insert("to".into(), json!("mallory"));
    });
    let CallbackEvent::Contact(c) = receiver().verify_and_parse(altered.as_bytes()).unwrap() else { panic!() };
    assert_eq!(c.to, "mallory");
}

#[test]
fn missing_or_malformed_signature_inputs() {
    let good = String::from_utf8(signed(CONTACT)).unwrap();
    let cases: [(&str, Option<Value>, CallbackError); 5] = [
        ("security", None, CallbackError::MissingSignature),
        ("security", Some(json!(12)), CallbackError::MissingSignature),
        ("callId", None, CallbackError::MissingField("callId")),
        ("timestamp", None, CallbackError::MissingField("timestamp")),
        ("timestamp", Some(json!("soon")), CallbackError::MissingField("timestamp")),
    ];
    for (field, value, want) in cases {
        let body = changed(&good, |o| match value {
            Some(v) => {
                o.insert(field.into(), v);
            }
            None => {
                o.remove(field);
            }
        });
        assert_eq!(receiver().verify_and_parse(body.as_bytes()).unwrap_err(), want, "{field}");
    }
    assert!(matches!(receiver().verify_and_parse(b"{not json").unwrap_err(), CallbackError::BadJson(_)));
    assert_eq!(receiver().verify_and_parse(b"[1]").unwrap_err(), CallbackError::NotAnObject);
    // allow_unsigned never skips a signature that is there.
    let lenient = receiver().allow_unsigned(true);
    let wrong = changed(&good, |o| {
        o.insert("security".into(), json!("0".repeat(32)));
    });
    assert_eq!(lenient.verify_and_parse(wrong.as_bytes()).unwrap_err(), CallbackError::BadSignature);
}

#[test]
fn stale_and_future_bodies_fail_the_age_check() {
    let sent = 1642648213494_u64; // the contact example's timestamp
    let at = |ms: u64| UNIX_EPOCH + Duration::from_millis(ms);
    let body = signed(CONTACT);
    let strict = receiver().max_age(Duration::from_secs(300));
    strict.verify_and_parse_at(&body, at(sent + 299_000)).unwrap();
    strict.verify_and_parse_at(&body, at(sent - 1_000)).unwrap();
    assert_eq!(
        strict.verify_and_parse_at(&body, at(sent + 300_001)).unwrap_err(),
        CallbackError::Stale { age_ms: 300_001, max_age_ms: 300_000 }
    );
    assert_eq!(
        strict.verify_and_parse_at(&body, at(sent - 300_001)).unwrap_err(),
        CallbackError::Stale { age_ms: -300_001, max_age_ms: 300_000 }
    );
    // With real time, a 2022 body is long stale; without max_age it passes.
    assert!(matches!(strict.verify_and_parse(&body).unwrap_err(), CallbackError::Stale { .. }));
    receiver().verify_and_parse_at(&body, SystemTime::now()).unwrap();
}

#[test]
fn every_event_exposes_call_id_and_timestamp() {
    let event = parse(CONTACT);
    assert_eq!(
        (event.call_id(), event.timestamp()),
        (Some("XXXX#XXXX_966725899779049516"), Some(Timestamp::from_unix_millis(1642648213494)))
    );
    let event = parse(GROUP_JOIN);
    assert_eq!(event.timestamp(), Some(Timestamp::from_unix_millis(1729497831163)));
    let unsigned = receiver().allow_unsigned(true).verify_and_parse(REACTION.as_bytes()).unwrap();
    assert_eq!((unsigned.call_id(), unsigned.timestamp()), (None, Some(Timestamp::from_unix_millis(1648722784819))));
    // An unknown event answers from its JSON.
    let other = parse(&json!({"callId": "a#b_9", "timestamp": 77, "eventType": "teleport"}).to_string());
    assert_eq!((other.call_id(), other.timestamp()), (Some("a#b_9"), Some(Timestamp::from_unix_millis(77))));
}

// --- unknown events and decode failures --------------------------------------

#[test]
fn unknown_event_types_are_kept() {
    let body = json!({"callId": "a#b_1", "timestamp": 1, "eventType": "teleport", "to": "u1"});
    let event = receiver().verify_and_parse(&signed(&body.to_string())).unwrap();
    let CallbackEvent::Other(unknown) = &event else { panic!("{event:?}") };
    assert_eq!(unknown.as_json()["eventType"], "teleport");
    assert_eq!(event.event_type(), "other");
    // A new `payload.type` under `notify` is unknown too, not a decode error.
    let notify = changed(REACTION, |o| {
        o["payload"]["type"] = json!("poll");
        o.insert("callId".into(), json!("a#b_2"));
    });
    assert!(matches!(parse(&notify), CallbackEvent::Other(_)));
}

#[test]
fn a_known_event_that_does_not_decode_is_a_payload_error() {
    let broken = changed(LOGIN, |o| {
        o.insert("timestamp".into(), json!(5));
        o.insert("user".into(), json!({"not": "text"}));
    });
    let err = receiver().verify_and_parse(&signed(&broken)).unwrap_err();
    let CallbackError::Payload { event, message } = &err else { panic!("{err:?}") };
    assert_eq!(*event, "user_status");
    assert!(message.contains("user"), "{message}");
}

// --- the pre-send reply --------------------------------------------------------

fn reply_json(reply: &PreSendReply) -> Value {
    serde_json::from_slice(&reply.to_body().unwrap()).unwrap()
}

#[test]
fn pre_send_replies_serialise_as_documented() {
    assert_eq!(reply_json(&PreSendReply::accept()), json!({"valid": true}));
    assert_eq!(reply_json(&PreSendReply::reject()), json!({"valid": false}));
    assert_eq!(reply_json(&PreSendReply::reject().code("HX:10000")), json!({"valid": false, "code": "HX:10000"}));
    // The doc's example reply: a changed text, high priority.
    let changed_text = CallbackMessageBody::Txt(CallbackTextBody::new().msg("hello, edited"));
    let reply = PreSendReply::accept().code("HX:10000").chatroom_msg_level("high").payload(changed_text);
    assert_eq!(
        reply_json(&reply),
        json!({"valid": true, "code": "HX:10000", "chatroom_msg_level": "high",
               "payload": {"msg": "hello, edited", "type": "txt"}})
    );
}

#[test]
fn a_received_body_can_be_sent_back_changed() {
    let CallbackEvent::PreSend(p) = parse(PRE_SEND) else { panic!() };
    let CallbackMessageBody::Txt(mut text) = p.payload else { panic!() };
    text.msg = Some("***".into());
    let replacement = CallbackMessageBody::Txt(text);
    let body = reply_json(&PreSendReply::accept().payload(replacement));
    assert_eq!(body["payload"], json!({"msg": "***", "type": "txt"}));
}

#[test]
fn overlong_replies_are_refused() {
    let long = CallbackMessageBody::Txt(CallbackTextBody::new().msg("字".repeat(990)));
    let err = PreSendReply::accept().payload(long).to_body().unwrap_err();
    let CallbackError::ReplyTooLong { chars, max } = err else { panic!("{err:?}") };
    assert_eq!(max, 1000);
    assert!(chars > 1000);
}

// --- the secret stays secret ---------------------------------------------------

#[test]
fn the_secret_never_shows() {
    let r = receiver().max_age(Duration::from_secs(1));
    assert!(!format!("{r:?}").contains(SECRET), "{r:?}");
    let good = signed(CONTACT);
    let expected = serde_json::from_slice::<Value>(&good).unwrap()["security"].as_str().unwrap().to_owned();
    let mut errors = vec![
        Receiver::new("wrong").verify_and_parse(&good).unwrap_err(),
        r.verify_and_parse(&good).unwrap_err(),
        r.verify_and_parse(b"{").unwrap_err(),
        r.verify_and_parse(CONTACT.replace("\"security\"", "\"x\"").as_bytes()).unwrap_err(),
    ];
    let tampered = String::from_utf8(good.clone()).unwrap().replace("1642648213494", "1642648213495");
    errors.push(receiver().verify_and_parse(tampered.as_bytes()).unwrap_err());
    for e in &errors {
        for text in [format!("{e}"), format!("{e:?}")] {
            assert!(!text.contains(SECRET), "{text}");
            // Nor the signature the tampered body should have carried.
            assert!(!text.contains(&expected), "{text}");
        }
    }
    let event = receiver().verify_and_parse(&good).unwrap();
    assert!(!format!("{event:?}").contains(SECRET));
}

// --- robustness ------------------------------------------------------------------

mod robustness {
    use proptest::prelude::*;

    use super::*;

    const EXAMPLES: [&str; 10] =
        [MESSAGE, PRE_SEND, GROUP_JOIN, CONTACT, LOGIN, RECALL, GROUP_READ_ACK, REACTION, MODERATION, OFFLINE_PUSH];

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
            "[a-zA-Z0-9_ .:#@-]{0,12}".prop_map(Value::from),
            prop::sample::select(vec!["chat", "groupchat", "notify", "muc", "roster", "txt", "JOIN", "push"])
                .prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
            let _ = receiver().verify_and_parse(&bytes);
            let _ = receiver().allow_unsigned(true).max_age(Duration::from_secs(1)).verify_and_parse(&bytes);
        }

        /// Any field of any example replaced by any JSON value, re-signed:
        /// an event, a typed error, never a panic, and never the secret in the error.
        #[test]
        fn changed_examples_decode_or_fail_cleanly(
            example in 0..EXAMPLES.len(),
            pick in any::<prop::sample::Index>(),
            new_key in "[a-z_]{1,10}",
            value in json_value(),
        ) {
            let body = changed(EXAMPLES[example], |o| {
                let keys: Vec<String> = o.keys().filter(|k| *k != "callId" && *k != "timestamp").cloned().collect();
                let key = if keys.is_empty() { new_key } else { keys[pick.index(keys.len())].clone() };
                o.insert(key, value);
                o.entry("callId").or_insert(json!("a#b_1"));
                o.entry("timestamp").or_insert(json!(1));
            });
            match receiver().verify_and_parse(&signed(&body)) {
                Ok(event) => prop_assert!(!event.event_type().is_empty()),
                Err(e) => {
                    prop_assert!(matches!(e, CallbackError::Payload { .. }), "{e:?}");
                    let text = format!("{e} {e:?}");
                    prop_assert!(!text.contains(SECRET), "{}", text);
                }
            }
        }
    }
}

//! `client.chatrooms()`: every operation against the doc examples.

use easemob::chatrooms::MetadataAutoDelete;
use easemob::{Affiliation, ErrorCode};
use easemob_tests::{Harness, STD_401, V2_401, api_error, invalid_input};
use serde_json::json;

#[tokio::test]
async fn list_sends_paging_and_decodes_the_sdk_shape() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","application":"8be024f0","uri":"http://a1.easemob.com/org/app/chatrooms","entities":[],
            "data":[{"id":"66211860774913","name":"testchatroom1","owner":"user1","affiliations_count":2},
                    {"id":"66211882795010","name":"testchatroom2","owner":"user2","affiliations_count":2,"disabled":false}],
            "timestamp":1542543050037,"duration":0,"organization":"org","applicationName":"app","count":2,"cursor":"Y3Vyc29y"}"#,
    )
    .await;
    let r = h.client.chatrooms().list().limit(2).cursor("abc").send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms", "limit=2&cursor=abc", None).await;
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].id, "66211860774913");
    assert_eq!(r[0].name.as_deref(), Some("testchatroom1"));
    assert_eq!(r[0].owner.as_ref().map(|o| o.as_str()), Some("user1"));
    assert_eq!(r[1].affiliations_count, Some(2));
    assert_eq!(r[1].disabled, Some(false));
    assert_eq!(r.meta.count, Some(2));
    assert_eq!(r.meta.cursor.as_deref(), Some("Y3Vyc29y"));
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1542543050037)));
    assert_eq!(r.meta.application_name.as_deref(), Some("app"));
}

#[tokio::test]
async fn list_accepts_the_doc_v2_object_shape() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"id":"662XXXX13","name":"testchatroom1","owner":"user1","affiliations_count":2}}"#).await;
    let r = h.client.chatrooms().list().send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms", "", None).await;
    assert_eq!(r.data.len(), 1);
    assert_eq!(r[0].id, "662XXXX13");
}

#[tokio::test]
async fn list_rejects_a_zero_limit_before_sending() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.chatrooms().list().limit(0).send().await);
    assert_eq!(e.operation, "chatrooms_list");
    assert_eq!(e.field, "limit");
    assert_eq!(e.rule, "must be at least 1, got 0");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn list_401_decodes_both_error_generations() {
    for (body, code, exception) in [
        (STD_401, ErrorCode::Unauthorized, "EasemobUnauthorizedException"),
        (V2_401, ErrorCode::GroupAuthorization, "com.easemob.group.exception.GroupAuthorizationException"),
    ] {
        let h = Harness::start().await;
        h.reply(401, body).await;
        let e = api_error(h.client.chatrooms().list().send().await);
        assert_eq!(e.status, 401);
        assert_eq!(e.operation, "chatrooms_list");
        assert_eq!(e.code, Some(code));
        assert_eq!(e.exception.as_deref(), Some(exception));
        assert!(e.description.is_some());
        assert_eq!(
            e.body.as_ref().and_then(|b| b.timestamp),
            Some(easemob::Timestamp::from_unix_millis(1542543133343))
        );
    }
}

#[tokio::test]
async fn list_joined_sends_page_numbers_and_reads_string_booleans() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","application":"48472d89-5846-XXXX-XXXX-5fa4b79af9b1","applicationName":"XXXX","count":2,
            "data":[{"id":"216295074234369","name":"fd","disabled":"false"}],"duration":0,"entities":[],"organization":"XXXX",
            "params":{"pagesize":["10"],"pagenum":["1"]},"properties":{},"timestamp":1685673568976,
            "uri":"http://XXXX/XXXX/XXXX/users/user2/joined_chatrooms"}"#,
    )
    .await;
    let r = h.client.chatrooms().list_joined("user2").pagenum(1).pagesize(10).send().await.unwrap();
    h.expect("GET", "/org/app/users/user2/joined_chatrooms", "pagenum=1&pagesize=10", None).await;
    assert_eq!(r[0].id, "216295074234369");
    assert_eq!(r[0].name.as_deref(), Some("fd"));
    assert_eq!(r[0].disabled, Some(false));
    let params = r.meta.params.as_ref().unwrap();
    assert_eq!(params["pagesize"], vec!["10".to_owned()]);
    assert_eq!(r.meta.properties, Some(json!({})));
}

#[tokio::test]
async fn list_joined_404_user_not_found() {
    let h = Harness::start().await;
    h.reply(
        404,
        r#"{"error":"resource_not_found","timestamp":1542543527326,"duration":0,"exception":"com.easemob.group.exception.ResourceNotFoundException","error_description":"username user10 doesn't exist!"}"#,
    )
    .await;
    let e = api_error(h.client.chatrooms().list_joined("user10").send().await);
    assert_eq!(e.status, 404);
    assert_eq!(e.code, Some(ErrorCode::ResourceNotFound));
    assert_eq!(e.description.as_deref(), Some("username user10 doesn't exist!"));
}

const DETAILS: &str = r#"{"action":"get","application":"8be024f0-e978-11e8-b697-5d598d5f8402",
    "uri":"http://a1.easemob.com/easemob-demo/testapp/chatrooms/66211860774913","entities":[],
    "data":[{"id":"66211860774913","name":"testchatroom1","description":"test","membersonly":false,"allowinvites":false,
             "maxusers":200,"owner":"user1","created":1542542951527,"custom":"","affiliations_count":2,
             "affiliations":[{"member":"user2"},{"owner":"user1"}],"public":true}],
    "timestamp":1542543844873,"duration":0,"organization":"easemob-demo","applicationName":"testapp","count":1}"#;

#[tokio::test]
async fn get_joins_ids_and_decodes_details() {
    let h = Harness::start().await;
    h.reply(200, DETAILS).await;
    let r = h.client.chatrooms().get(["66211860774913", "66211882795010"]).send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/66211860774913%2C66211882795010", "", None).await;
    let d = &r[0];
    assert_eq!(d.id, "66211860774913");
    assert_eq!(d.description.as_deref(), Some("test"));
    assert_eq!(d.membersonly, Some(false));
    assert_eq!(d.maxusers, Some(200));
    assert_eq!(d.created, Some(easemob::Timestamp::from_unix_millis(1542542951527)));
    assert_eq!(d.custom.as_deref(), Some(""));
    assert_eq!(d.public, Some(true));
    let affs = d.affiliations.as_ref().unwrap();
    assert_eq!(affs, &vec![Affiliation::Member("user2".into()), Affiliation::Owner("user1".into())]);
    assert_eq!(r.meta.count, Some(1));
}

#[tokio::test]
async fn get_accepts_the_doc_v2_object_shape() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"data":{"id":"662XXXX13","name":"testchatroom1","description":"test","membersonly":false,"allowinvites":false,
            "maxusers":200,"owner":"user1","created":1542542951527,"custom":"","affiliations_count":2,
            "affiliations":[{"member":"user2"},{"owner":"user1"}],"public":true}}"#,
    )
    .await;
    let r = h.client.chatrooms().get(["662XXXX13"]).send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/662XXXX13", "", None).await;
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].affiliations_count, Some(2));
}

#[tokio::test]
async fn get_rejects_more_than_100_ids_and_none() {
    let h = Harness::start().await;
    let ids: Vec<String> = (0..101).map(|i| format!("room{i}")).collect();
    let e = invalid_input(h.client.chatrooms().get(ids).send().await);
    assert_eq!(e.field, "chatroom_ids");
    assert_eq!(e.rule, "takes at most 100 items per call, got 101");
    let e = invalid_input(h.client.chatrooms().get(Vec::<String>::new()).send().await);
    assert_eq!(e.rule, "needs at least 1 item(s), got 0");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn get_404_decodes() {
    let h = Harness::start().await;
    h.reply(
        404,
        r#"{"error":"service_resource_not_found","timestamp":1542543915642,"duration":0,"exception":"com.easemob.group.exception.ServiceResourceNotFoundException","error_description":"do not find this group:6621186077491"}"#,
    )
    .await;
    let e = api_error(h.client.chatrooms().get(["6621186077491"]).send().await);
    assert_eq!(e.status, 404);
    assert_eq!(e.code, Some(ErrorCode::ServiceResourceNotFound));
    assert_eq!(e.description.as_deref(), Some("do not find this group:6621186077491"));
}

#[tokio::test]
async fn create_sends_required_and_optional_fields() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"8be024f0-e978-11e8-b697-5d598d5f8402","uri":"http://a1.easemob.com/easemob-demo/testapp/chatrooms",
            "entities":[],"data":{"id":"66213271109633"},"timestamp":1542544296075,"duration":0,"organization":"easemob-demo","applicationName":"testapp"}"#,
    )
    .await;
    let r = h
        .client
        .chatrooms()
        .create("testchatroom1", "test", "user1")
        .maxusers(300)
        .members(["user2"])
        .custom("level=1")
        .send()
        .await
        .unwrap();
    h.expect(
        "POST",
        "/org/app/chatrooms",
        "",
        Some(json!({"name":"testchatroom1","description":"test","owner":"user1","maxusers":300,"members":["user2"],"custom":"level=1"})),
    )
    .await;
    assert_eq!(r.id, "66213271109633");
    assert_eq!(r.meta.action.as_deref(), Some("post"));
}

#[tokio::test]
async fn create_checks_documented_limits() {
    let h = Harness::start().await;
    let long = "x".repeat(129);
    let e = invalid_input(h.client.chatrooms().create(long, "d", "o").send().await);
    assert_eq!((e.field, e.rule.as_str()), ("name", "must be at most 128 characters, got 129"));
    let e = invalid_input(h.client.chatrooms().create("n", "d", "o").maxusers(10_001).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("maxusers", "must be from 1 to 10000, got 10001"));
    let e = invalid_input(h.client.chatrooms().create("n", "d", "o").members(Vec::<String>::new()).send().await);
    assert_eq!(e.field, "members");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn create_403_exceed_limit() {
    let h = Harness::start().await;
    h.reply(403, r#"{"error":"exceed_limit","exception":"EasemobForbiddenOpException","timestamp":1,"duration":0,"error_description":"members size is greater than max user size !"}"#).await;
    let e = api_error(h.client.chatrooms().create("n", "d", "o").send().await);
    assert_eq!(e.status, 403);
    assert_eq!(e.code, Some(ErrorCode::ExceedLimit));
}

#[tokio::test]
async fn update_sends_only_the_fields_set() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"put","application":"8be024f0-e978-11e8-b697-5d598d5f8402","uri":"http://a1.easemob.com/easemob-demo/testapp/chatrooms/66211860774913",
            "entities":[],"data":{"description":true,"maxusers":true,"groupname":true},"timestamp":1542544817352,"duration":69,
            "organization":"easemob-demo","applicationName":"testapp"}"#,
    )
    .await;
    let r = h
        .client
        .chatrooms()
        .update("66211860774913")
        .name("testchatroom")
        .description("test")
        .maxusers(300)
        .send()
        .await
        .unwrap();
    h.expect(
        "PUT",
        "/org/app/chatrooms/66211860774913",
        "",
        Some(json!({"name":"testchatroom","description":"test","maxusers":300})),
    )
    .await;
    assert_eq!((r.name, r.description, r.maxusers), (Some(true), Some(true), Some(true)));
    assert_eq!(r.meta.duration, Some(69));
}

#[tokio::test]
async fn update_with_one_field_sends_one_field() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"groupname":true}}"#).await;
    let r = h.client.chatrooms().update("room").name("new name").send().await.unwrap();
    h.expect("PUT", "/org/app/chatrooms/room", "", Some(json!({"name":"new name"}))).await;
    assert_eq!(r.name, Some(true));
    assert_eq!(r.maxusers, None);
}

#[tokio::test]
async fn update_does_not_cap_maxusers_at_the_default_plan_ceiling() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"maxusers":true}}"#).await;
    let r = h.client.chatrooms().update("room").maxusers(50_000).send().await.unwrap();
    h.expect("PUT", "/org/app/chatrooms/room", "", Some(json!({"maxusers":50000}))).await;
    assert_eq!(r.maxusers, Some(true));
    let e = invalid_input(h.client.chatrooms().update("room").maxusers(0).send().await);
    assert_eq!((e.field, e.rule.as_str()), ("maxusers", "must be at least 1, got 0"));
}

#[tokio::test]
async fn update_403_seed_003_example() {
    let h = Harness::start().await;
    h.reply(
        403,
        r#"{"error":"forbidden_op","timestamp":1542544871049,"duration":0,"exception":"com.easemob.group.exception.ForbiddenOpException","error_description":"current user count is larger than the maxUsers that you want to update !"}"#,
    )
    .await;
    let e = api_error(h.client.chatrooms().update("66211860774913").maxusers(1).send().await);
    assert_eq!(e.code, Some(ErrorCode::ForbiddenOp));
    assert_eq!(e.exception.as_deref(), Some("com.easemob.group.exception.ForbiddenOpException"));
}

#[tokio::test]
async fn transfer_owner_sends_newowner() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"put","application":"8bXXXX02","uri":"https://XXXX/XXXX/XXXX/chatrooms/66XXXX85","entities":[],"data":{"newowner":true},"timestamp":1542537813420,"duration":0,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.chatrooms().transfer_owner("66XXXX85", "user2").send().await.unwrap();
    h.expect("PUT", "/org/app/chatrooms/66XXXX85", "", Some(json!({"newowner":"user2"}))).await;
    assert!(r.newowner);
}

#[tokio::test]
async fn transfer_owner_403_same_owner() {
    let h = Harness::start().await;
    h.reply(403, r#"{"error":"forbidden_op","exception":"x","timestamp":1,"duration":0,"error_description":"new owner and old owner are the same"}"#).await;
    let e = api_error(h.client.chatrooms().transfer_owner("r", "u").send().await);
    assert_eq!(e.code, Some(ErrorCode::ForbiddenOp));
    assert_eq!(e.description.as_deref(), Some("new owner and old owner are the same"));
}

#[tokio::test]
async fn delete_decodes_the_outcome() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"delete","application":"8beXXXX02","uri":"https://XXXX/XXXX/XXXX/chatrooms/662XXXX13","entities":[],"data":{"success":true,"id":"662XXXX13"},"timestamp":1542545100474,"duration":0,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.chatrooms().delete("662XXXX13").send().await.unwrap();
    h.expect("DELETE", "/org/app/chatrooms/662XXXX13", "", None).await;
    assert!(r.success);
    assert_eq!(r.id.as_ref().map(|i| i.as_str()), Some("662XXXX13"));
}

#[tokio::test]
async fn delete_404_decodes() {
    let h = Harness::start().await;
    h.reply(
        404,
        r#"{"error":"resource_not_found","timestamp":1542545148716,"duration":0,"exception":"com.easemob.group.exception.ResourceNotFoundException","error_description":"grpID 6621186077491 does not exist!"}"#,
    )
    .await;
    let e = api_error(h.client.chatrooms().delete("6621186077491").send().await);
    assert_eq!(e.code, Some(ErrorCode::ResourceNotFound));
    assert_eq!(e.description.as_deref(), Some("grpID 6621186077491 does not exist!"));
}

#[tokio::test]
async fn get_announcement_decodes() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"get","application":"52XXXXf0","uri":"https://XXXX/XXXX/XXXX/chatrooms/12XXXX11/announcement","entities":[],"data":{"announcement":"XXXX."},"timestamp":1542363546590,"duration":0,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.chatrooms().get_announcement("12XXXX11").send().await.unwrap();
    h.expect("GET", "/org/app/chatrooms/12XXXX11/announcement", "", None).await;
    assert_eq!(r.announcement, "XXXX.");
}

#[tokio::test]
async fn set_announcement_uses_post() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"action":"post","application":"52XXXXf0","uri":"https://XXXX/XXXX/XXXX/chatrooms/12XXXX11/announcement","entities":[],"data":{"id":"12XXXX11","result":true},"timestamp":1594808604236,"duration":0,"organization":"XXXX","applicationName":"testapp"}"#,
    )
    .await;
    let r = h.client.chatrooms().set_announcement("12XXXX11", "Welcome!").send().await.unwrap();
    h.expect("POST", "/org/app/chatrooms/12XXXX11/announcement", "", Some(json!({"announcement":"Welcome!"}))).await;
    assert!(r.result);
    assert_eq!(r.id.as_deref(), Some("12XXXX11"));
}

#[tokio::test]
async fn set_announcement_rejects_513_characters() {
    let h = Harness::start().await;
    let e = invalid_input(h.client.chatrooms().set_announcement("r", "公".repeat(513)).send().await);
    assert_eq!(e.rule, "must be at most 512 characters, got 513");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn get_metadata_posts_the_keys() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"uri":"https://XXXX/XXXX/XXXX/metadata/chatroom","timestamp":1716891388636,"action":"post","data":{"key1":"value1","key2":"value2"}}"#,
    )
    .await;
    let r = h.client.chatrooms().get_metadata("662XXXX13").keys(["key1", "key2"]).send().await.unwrap();
    h.expect("POST", "/org/app/metadata/chatroom/662XXXX13", "", Some(json!({"keys":["key1","key2"]}))).await;
    assert_eq!(r["key1"], "value1");
    assert_eq!(r["key2"], "value2");
    assert_eq!(r.meta.timestamp, Some(easemob::Timestamp::from_unix_millis(1716891388636)));
}

#[tokio::test]
async fn get_metadata_without_keys_sends_an_empty_object() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{}}"#).await;
    let r = h.client.chatrooms().get_metadata("662XXXX13").send().await.unwrap();
    h.expect("POST", "/org/app/metadata/chatroom/662XXXX13", "", Some(json!({}))).await;
    assert!(r.is_empty());
}

#[tokio::test]
async fn set_metadata_sends_camel_case_keys() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"uri":"https://XXXX/XXXX/XXXX/metadata/chatroom","timestamp":1716887320215,"action":"put","data":{"successKeys":["key1"],"errorKeys":{"key2":"errorDesc"}}}"#,
    )
    .await;
    let r = h
        .client
        .chatrooms()
        .set_metadata("662XXXX13", "user1", [("key1", "value1"), ("key2", "value2")])
        .auto_delete(MetadataAutoDelete::Keep)
        .send()
        .await
        .unwrap();
    h.expect(
        "PUT",
        "/org/app/metadata/chatroom/662XXXX13/user/user1",
        "",
        Some(json!({"metaData":{"key1":"value1","key2":"value2"},"autoDelete":"NO_DELETE"})),
    )
    .await;
    assert_eq!(r.success_keys.as_deref(), Some(&["key1".to_owned()][..]));
    assert_eq!(r.error_keys.as_ref().unwrap()["key2"], "errorDesc");
}

#[tokio::test]
async fn set_metadata_checks_keys_values_and_count() {
    let h = Harness::start().await;
    let rooms = h.client.chatrooms();
    let e = invalid_input(rooms.set_metadata("r", "u", [("bad key", "v")]).send().await);
    assert_eq!(e.field, "metadata");
    assert_eq!(e.rule, r#"key "bad key" uses ' '; keys may use only [a-zA-Z0-9_.-]"#);
    let e = invalid_input(rooms.set_metadata("r", "u", [("k".repeat(129), "v".to_owned())]).send().await);
    assert!(e.rule.contains("longer than 128 characters"), "{}", e.rule);
    let e = invalid_input(rooms.set_metadata("r", "u", [("k", "v".repeat(4097))]).send().await);
    assert_eq!(e.rule, "a value is 4097 characters long; at most 4096 are allowed");
    let eleven: Vec<(String, String)> = (0..11).map(|i| (format!("k{i}"), "v".to_owned())).collect();
    let e = invalid_input(rooms.set_metadata("r", "u", eleven).send().await);
    assert_eq!(e.rule, "takes at most 10 items per call, got 11");
    h.expect_nothing_sent().await;
}

#[tokio::test]
async fn set_metadata_401_metadata_exception_keeps_unknown_code() {
    let h = Harness::start().await;
    h.reply(401, r#"{"error":"MetadataException","exception":"x","timestamp":1,"duration":0,"error_description":"user is not in chatroom"}"#).await;
    let e = api_error(h.client.chatrooms().set_metadata("r", "u", [("k", "v")]).send().await);
    assert_eq!(e.status, 401);
    assert_eq!(e.code, Some(ErrorCode::from("MetadataException")));
    assert_eq!(e.description.as_deref(), Some("user is not in chatroom"));
}

#[tokio::test]
async fn force_set_metadata_uses_the_forced_path() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"successKeys":["key1"],"errorKeys":{"key2":"errorDesc"}}}"#).await;
    let r = h.client.chatrooms().force_set_metadata("662XXXX13", "user1", [("key1", "v")]).send().await.unwrap();
    h.expect(
        "PUT",
        "/org/app/metadata/chatroom/662XXXX13/user/user1/forced",
        "",
        Some(json!({"metaData":{"key1":"v"}})),
    )
    .await;
    assert_eq!(r.success_keys, Some(vec!["key1".to_owned()]));
}

#[tokio::test]
async fn delete_metadata_is_a_delete_with_a_body() {
    let h = Harness::start().await;
    h.reply(
        200,
        r#"{"uri":"https://XXXX/XXXX/XXXX/metadata/chatroom","status":"ok","timestamp":1716887320215,"action":"delete","data":{"successKeys":["key1"],"errorKeys":{"key2":"errorDesc"}}}"#,
    )
    .await;
    let r = h.client.chatrooms().delete_metadata("662XXXX13", "user1").keys(["key1", "key2"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/metadata/chatroom/662XXXX13/user/user1", "", Some(json!({"keys":["key1","key2"]})))
        .await;
    assert_eq!(r.meta.status.as_deref(), Some("ok"));
    assert_eq!(r.error_keys.as_ref().unwrap()["key2"], "errorDesc");
}

#[tokio::test]
async fn delete_metadata_400_batch_size_has_no_code() {
    let h = Harness::start().await;
    h.reply(
        400,
        r#"{"error":"","exception":"x","timestamp":1,"duration":0,"error_description":"exceed allowed batch size 10"}"#,
    )
    .await;
    let e = api_error(h.client.chatrooms().delete_metadata("r", "u").send().await);
    assert_eq!(e.status, 400);
    assert_eq!(e.description.as_deref(), Some("exceed allowed batch size 10"));
}

#[tokio::test]
async fn force_delete_metadata_uses_the_forced_path() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data":{"successKeys":["key1"],"errorKeys":{}}}"#).await;
    let r = h.client.chatrooms().force_delete_metadata("662XXXX13", "admin").keys(["key1"]).send().await.unwrap();
    h.expect("DELETE", "/org/app/metadata/chatroom/662XXXX13/user/admin/forced", "", Some(json!({"keys":["key1"]})))
        .await;
    assert_eq!(r.success_keys, Some(vec!["key1".to_owned()]));
    assert_eq!(r.error_keys.as_ref().map(|m| m.len()), Some(0));
}

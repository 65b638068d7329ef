//! Batch helpers: an id list of any length is split into calls of the
//! documented size and the results merged.

use easemob::Client;
use serde_json::{Value, json};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Answers a blacklist batch with one result per user it was sent.
fn echo_blocks(req: &Request) -> ResponseTemplate {
    let body: Value = serde_json::from_slice(&req.body).unwrap();
    let data: Vec<Value> = body["usernames"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| json!({"result": true, "action": "add_blocks", "user": u, "chatroomid": "room"}))
        .collect();
    ResponseTemplate::new(200).set_body_json(json!({"data": data}))
}

#[tokio::test]
async fn a_long_list_is_sent_in_documented_chunks_and_merged() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(echo_blocks).mount(&server).await;
    let client = Client::builder(server.uri(), "org", "app").app_token("t").build().unwrap();
    let users: Vec<String> = (0..130).map(|i| format!("u{i}")).collect();
    let results = client.chatroom_members().block_batch("room", users.clone()).send_all().await.unwrap();
    let sizes: Vec<usize> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| serde_json::from_slice::<Value>(&r.body).unwrap()["usernames"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, [60, 60, 10]);
    let back: Vec<String> = results.iter().map(|r| r.user.to_string()).collect();
    assert_eq!(back, users, "results merged in order");
}

#[tokio::test]
async fn a_short_list_is_one_call_and_an_empty_one_is_still_rejected() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(echo_blocks).mount(&server).await;
    let client = Client::builder(server.uri(), "org", "app").app_token("t").build().unwrap();
    let r = client.chatroom_members().block_batch("room", ["a", "b"]).send_all().await.unwrap();
    assert_eq!(r.len(), 2);
    let e = easemob_tests::invalid_input(
        client
            .chatroom_members()
            .block_batch("room", Vec::<String>::new())
            .send_all()
            .await
            .map_err(easemob::Error::from),
    );
    assert_eq!(e.field, "usernames");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn send_all_keeps_the_completed_chunks_when_a_later_chunk_fails() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(echo_blocks).up_to_n_times(1).mount(&server).await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "bad"})))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri(), "org", "app").app_token("t").build().unwrap();
    let users: Vec<String> = (0..130).map(|i| format!("u{i}")).collect();
    let e = client.chatroom_members().block_batch("room", users).send_all().await.unwrap_err();
    assert_eq!((e.completed.len(), e.items_done, e.items_total), (60, 60, 130));
    assert_eq!(e.completed[59].user.as_str(), "u59");
    assert_eq!(e.error.status(), Some(400));
    assert_eq!(server.received_requests().await.unwrap().len(), 2, "no call after the failed one");
}

// The README's quick start, run against a local server: the calls compile
// as documented and send what the docs say.
use easemob::{Client, Error, ErrorCode};
use serde_json::json;
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() {
    let server = MockServer::start().await;
    let ok = |data: serde_json::Value| ResponseTemplate::new(200).set_body_json(json!({"data": data, "count": 2}));
    Mock::given(method("POST"))
        .and(path("/my-org/my-app/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "tok", "expires_in": 3600})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/my-org/my-app/chatrooms"))
        .and(body_json(json!({"name": "lobby", "description": "Say hello", "owner": "alice", "maxusers": 500})))
        .respond_with(ok(json!({"id": "room1"})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/my-org/my-app/chatrooms/room1/users"))
        .and(body_json(json!({"usernames": ["bob", "carol"]})))
        .respond_with(ok(json!({"newmembers": ["bob", "carol"], "action": "add_member", "id": "room1"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/my-org/my-app/chatrooms/room1/users"))
        .and(query_param("pagenum", "1"))
        .and(query_param("pagesize", "100"))
        .respond_with(ok(json!([{"owner": "alice"}, {"member": "bob"}])))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/my-org/my-app/chatrooms/no-such-room"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "error": "resource_not_found", "exception": "x", "timestamp": 1, "duration": 0,
            "error_description": "grpID no-such-room does not exist!"
        })))
        .mount(&server)
        .await;

    let client = Client::builder(server.uri(), "my-org", "my-app")
        .client_credentials("YXA6client-id", "YXA6client-secret")
        .build()
        .unwrap();
    let room = client.chatrooms().create("lobby", "Say hello", "alice").maxusers(500).send().await.unwrap();
    assert_eq!(room.id, "room1");
    let added = client.chatroom_members().add_batch(&room.id, ["bob", "carol"]).send().await.unwrap();
    assert_eq!(added.newmembers.len(), 2);
    let page = client.chatroom_members().list(&room.id).pagenum(1).pagesize(100).send().await.unwrap();
    assert_eq!(page.len(), 2);
    assert_eq!(page.meta.count, Some(2));

    let too_many: Vec<String> = (0..61).map(|i| format!("user{i}")).collect();
    match client.chatroom_members().add_batch(&room.id, too_many).send().await {
        Err(Error::InvalidInput(e)) => assert_eq!(e.rule, "takes at most 60 items per call, got 61"),
        other => panic!("expected a local rejection, got {other:?}"),
    }
    match client.chatrooms().delete("no-such-room").send().await {
        Err(Error::Api(e)) => assert_eq!(e.code, Some(ErrorCode::ResourceNotFound)),
        other => panic!("expected a 404, got {other:?}"),
    }
    // One token request served every call.
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.iter().filter(|r| r.url.path() == "/my-org/my-app/token").count(), 1);
    assert_eq!(reqs.len(), 5, "the rejected batch was never sent");
}

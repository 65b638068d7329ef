//! Pagination streams, driven by the spec's `paging` declarations.

use easemob::{Affiliation, Client};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn cursor_pages_follow_the_top_level_cursor() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], cursor: Option<&str>| {
        let data: Vec<_> = ids.iter().map(|id| json!({"id": id, "name": id})).collect();
        let mut body = json!({"data": data, "count": ids.len()});
        if let Some(c) = cursor {
            body["cursor"] = json!(c);
        }
        ResponseTemplate::new(200).set_body_json(body)
    };
    Mock::given(method("GET"))
        .and(path("/org/app/chatrooms"))
        .and(query_param_is_missing("cursor"))
        .respond_with(page(&["a", "b"], Some("c1")))
        .mount(&server)
        .await;
    Mock::given(query_param("cursor", "c1")).respond_with(page(&["c", "d"], Some("c2"))).mount(&server).await;
    Mock::given(query_param("cursor", "c2")).respond_with(page(&["e"], None)).mount(&server).await;
    let client = Client::builder(server.uri(), "org", "app").app_token("t").build().unwrap();

    let ids: Vec<String> =
        client.chatrooms().list().limit(2).items().map_ok(|room| room.id.into_string()).try_collect().await.unwrap();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let queries: Vec<String> =
        server.received_requests().await.unwrap().iter().map(|r| r.url.query().unwrap_or("").to_owned()).collect();
    assert_eq!(queries, ["limit=2", "limit=2&cursor=c1", "limit=2&cursor=c2"]);
}

#[tokio::test]
async fn page_numbers_stop_at_a_short_page() {
    let server = MockServer::start().await;
    let members = |n: usize, from: usize| {
        let data: Vec<_> = (from..from + n).map(|i| json!({"member": format!("u{i}")})).collect();
        ResponseTemplate::new(200).set_body_json(json!({"data": data}))
    };
    for (page, n) in [("1", 2), ("2", 2), ("3", 1)] {
        let from = (page.parse::<usize>().unwrap() - 1) * 2;
        Mock::given(query_param("pagenum", page)).respond_with(members(n, from)).mount(&server).await;
    }
    let client = Client::builder(server.uri(), "org", "app").app_token("t").build().unwrap();
    let pages: Vec<_> = client.chatroom_members().list("room").pagesize(2).pages().collect().await;
    assert_eq!(pages.len(), 3);
    let all: Vec<Affiliation> = pages.into_iter().flat_map(|p| p.unwrap().data).collect();
    assert_eq!(all.len(), 5);
    assert_eq!(all[4], Affiliation::Member("u4".into()));
    let queries: Vec<String> =
        server.received_requests().await.unwrap().iter().map(|r| r.url.query().unwrap_or("").to_owned()).collect();
    assert_eq!(queries, ["pagenum=1&pagesize=2", "pagenum=2&pagesize=2", "pagenum=3&pagesize=2"]);
}

#[tokio::test]
async fn a_failing_page_ends_the_stream_with_its_error() {
    let server = MockServer::start().await;
    Mock::given(query_param("pagenum", "2"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"error": "service_resource_not_found"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": [{"member": "a"}, {"member": "b"}]})))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri(), "org", "app").app_token("t").build().unwrap();
    let results: Vec<_> = client.chatroom_members().list("room").pagesize(2).items().collect().await;
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok() && results[1].is_ok());
    assert_eq!(results[2].as_ref().unwrap_err().status(), Some(404));
}

#[tokio::test]
async fn thread_pages_follow_the_cursor_under_properties() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], cursor: Option<&str>| {
        let entities: Vec<_> = ids.iter().map(|id| json!({"id": id})).collect();
        let properties = match cursor {
            Some(c) => json!({"cursor": c}),
            None => json!({}),
        };
        ResponseTemplate::new(200).set_body_json(json!({"entities": entities, "properties": properties}))
    };
    Mock::given(path("/org/app/thread"))
        .and(query_param_is_missing("cursor"))
        .respond_with(page(&["t1", "t2"], Some("p2")))
        .mount(&server)
        .await;
    Mock::given(query_param("cursor", "p2")).respond_with(page(&["t3"], None)).mount(&server).await;
    let client = Client::builder(server.uri(), "org", "app").app_token("t").build().unwrap();
    let ids: Vec<String> =
        client.threads().list().limit(2).items().map_ok(|t| t.id.to_string()).try_collect().await.unwrap();
    assert_eq!(ids, ["t1", "t2", "t3"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

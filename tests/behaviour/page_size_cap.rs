//! Every paged list declares the largest page its server returns, and a walk
//! never asks for more: a server that answers a bigger page size with its cap
//! would otherwise send a short first page that looks like the last one.

use easemob_tests::Harness;
use futures_util::TryStreamExt;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, Request, ResponseTemplate};

const TOTAL: usize = 2007;
const SERVER_CAP: usize = 1000;

/// Answers `joined_chatrooms` pages as the server does: `pagesize` above the
/// cap is served as the cap.
fn joined_page(req: &Request) -> ResponseTemplate {
    let param = |name: &str| {
        req.url.query_pairs().find(|(k, _)| k == name).and_then(|(_, v)| v.parse::<usize>().ok()).unwrap_or(1)
    };
    let (page, size) = (param("pagenum"), param("pagesize").min(SERVER_CAP));
    let start = (page - 1) * size;
    let rooms: Vec<_> =
        (start..(start + size).min(TOTAL)).map(|i| json!({"id": format!("room{i}"), "name": "n"})).collect();
    ResponseTemplate::new(200).set_body_json(json!({"data": rooms, "entities": [], "count": rooms.len()}))
}

#[tokio::test]
async fn a_page_size_above_the_cap_still_walks_every_item() {
    let h = Harness::start().await;
    Mock::given(method("GET"))
        .and(path("/org/app/users/u1/joined_chatrooms"))
        .respond_with(joined_page)
        .mount(&h.server)
        .await;
    let rooms: Vec<_> = h.client.chatrooms().list_joined("u1").pagesize(5000).items().try_collect().await.unwrap();
    assert_eq!(rooms.len(), TOTAL, "no item is dropped");
    assert_eq!(rooms.last().map(|r| r.id.as_str()), Some("room2006"));
    let sizes: Vec<String> = h
        .requests()
        .await
        .iter()
        .map(|r| r.url.query_pairs().find(|(k, _)| k == "pagesize").map(|(_, v)| v.into_owned()).unwrap_or_default())
        .collect();
    assert_eq!(sizes, ["1000", "1000", "1000"], "the walk asks for the cap, never more");
}

#[tokio::test]
async fn a_single_call_sends_the_page_size_as_given() {
    let h = Harness::start().await;
    h.reply(200, r#"{"data": [], "count": 0}"#).await;
    h.client.chatrooms().list_joined("u1").pagesize(5000).send().await.unwrap();
    let reqs = h.requests().await;
    assert_eq!(reqs[0].url.query(), Some("pagesize=5000"), "only walks are clamped; one call is the caller's");
}

//! Requests no client would send: each gets an answer (a 4xx), never a
//! panic or a dropped connection, and the mock keeps serving.

use easemob_mock::MockServer;
use serde_json::json;

#[tokio::test]
async fn malformed_requests_are_refused_and_the_mock_keeps_serving() {
    let mock = MockServer::start().await;
    let token = mock.app_token();
    let http = reqwest::Client::new();
    let url = |p: &str| format!("{}{p}", mock.url());
    let deep = "[".repeat(100_000);
    let cases: Vec<(reqwest::Method, String, Vec<u8>)> = vec![
        (reqwest::Method::GET, url("/"), vec![]),
        (reqwest::Method::GET, url("/org"), vec![]),
        (reqwest::Method::GET, url("/org/app/no/such/path"), vec![]),
        (reqwest::Method::GET, url("/org/app/users/%FF%FE%00"), vec![]),
        (reqwest::Method::GET, url("/org/app/users?limit=abc"), vec![]),
        (
            reqwest::Method::GET,
            url("/org/app/users?limit=-9223372036854775808&cursor=mock-cursor-99999999999999999999"),
            vec![],
        ),
        (
            reqwest::Method::GET,
            url("/org/app/chatrooms/1/users?pagenum=9223372036854775807&pagesize=9223372036854775807"),
            vec![],
        ),
        (reqwest::Method::POST, url("/org/app/users"), deep.clone().into_bytes()),
        (reqwest::Method::POST, url("/org/app/users"), vec![0xff, 0xfe, 0x00]),
        (reqwest::Method::POST, url("/org/app/users"), json!({"username": 5, "password": []}).to_string().into_bytes()),
        (
            reqwest::Method::POST,
            url("/org/app/chatrooms/1/users"),
            json!({"usernames": [1, null, {}]}).to_string().into_bytes(),
        ),
        (
            reqwest::Method::POST,
            url("/org/app/chatrooms"),
            br#"{"name": "n", "description": "d", "owner": "o", "maxusers": 1e400}"#.to_vec(),
        ),
        (reqwest::Method::POST, url("/org/app/token"), json!({"grant_type": "nope"}).to_string().into_bytes()),
        (
            reqwest::Method::POST,
            url("/org/app/token"),
            json!({"grant_type": "client_credentials", "client_id": "i", "client_secret": "s", "ttl": i64::MIN})
                .to_string()
                .into_bytes(),
        ),
        (reqwest::Method::POST, url("/org/app/chatfiles"), b"--x\r\nnot a form".to_vec()),
        (
            reqwest::Method::POST,
            url("/_mock/faults"),
            json!({"kind": "status", "status": 70000}).to_string().into_bytes(),
        ),
        (reqwest::Method::POST, url("/_mock/faults"), deep.into_bytes()),
    ];
    for (method, u, body) in cases {
        let r = http
            .request(method.clone(), &u)
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {u}: no answer: {e}"));
        assert!(r.status().as_u16() < 500, "{method} {u}: {}", r.status());
        let _ = r.bytes().await.unwrap_or_else(|e| panic!("{method} {u}: body broke off: {e}"));
    }
    let r = http.get(url("/org/app/users")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), 200);
}

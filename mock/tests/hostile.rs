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

/// `POST /users` is open registration, one user or a batch: a refusal is
/// that of the operation the request was meant for, and the journal names it.
#[tokio::test]
async fn a_refused_registration_is_refused_and_journaled_as_the_operation_it_was_meant_for() {
    let mock = MockServer::start().await;
    let token = mock.app_token();
    let http = reqwest::Client::new();
    let post = |body: serde_json::Value, token: Option<&str>| {
        let r = http.post(format!("{}/org/app/users", mock.url())).json(&body);
        match token {
            Some(t) => r.bearer_auth(t),
            None => r,
        }
    };
    let last = || mock.journal().last().map(|e| (e.operation, e.outcome, e.status));

    // 61 users: over the documented batch size of 60, and the refusal says so.
    let users: Vec<_> = (0..61).map(|i| json!({"username": format!("u{i}"), "password": "pw"})).collect();
    let r = post(json!(users), Some(&token)).send().await.unwrap();
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"], "illegal_argument");
    let text = body["error_description"].as_str().unwrap();
    assert!(text.contains("at most 60") && text.contains("61"), "{text}");
    assert_eq!(last(), Some((Some("users_create_batch"), "check", 400)));

    // One user with a token, too long an ID: refused as `users_create`.
    let r = post(json!({"username": "x".repeat(65), "password": "pw"}), Some(&token)).send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(last(), Some((Some("users_create"), "check", 400)));

    // The same without a token is open registration's refusal.
    let r = post(json!({"username": "x".repeat(65), "password": "pw"}), None).send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(last(), Some((Some("users_register_open"), "check", 400)));

    // And a batch within the limit still registers.
    let r = post(json!(users[..60]), Some(&token)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(last(), Some((Some("users_create_batch"), "state", 200)));
}

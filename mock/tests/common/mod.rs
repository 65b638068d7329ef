//! Raw HTTP helpers for the tests that talk to the mock without the client.

use serde_json::{Value, json};

/// `POST {base}/org/app/token` with client credentials: the token answer.
pub async fn fetch_app_token(http: &reqwest::Client, base: &str) -> Value {
    let body = json!({"grant_type": "client_credentials", "client_id": "id", "client_secret": "s"});
    json_of(http.post(format!("{base}/org/app/token")).json(&body)).await
}

/// Sends the request and reads its answer as JSON.
pub async fn json_of(request: reqwest::RequestBuilder) -> Value {
    request.send().await.unwrap().json().await.unwrap()
}

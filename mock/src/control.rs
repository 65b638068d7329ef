//! The HTTP side: the control API under `/_mock/` and, for every other
//! path, the API itself (`handler`).
//!
//! - `GET /_mock/journal`: every request received, as a JSON array;
//!   `DELETE` forgets them.
//! - `POST /_mock/faults` `{"kind": …, "operation": "users_get", "times": 1}`
//!   queues a fault (see [`Fault::from_json`]); without `operation` it
//!   applies to any; `DELETE` drops every queued fault.
//! - `GET /_mock/inbox`: every message sent through the send operations.
//! - `POST /_mock/token`: issues an app token, `{"access_token": …}`.
//! - `POST /_mock/expire_tokens`: every issued token stops working.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use crate::faults::{Fault, Scope};
use crate::server::Shared;
use crate::tokens::Holder;

type Shr = State<Arc<Shared>>;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/_mock/journal", get(journal).delete(clear_journal))
        .route("/_mock/faults", post(add_fault).delete(clear_faults))
        .route("/_mock/inbox", get(inbox))
        .route("/_mock/token", post(token))
        .route("/_mock/expire_tokens", post(expire_tokens))
        .fallback(crate::handler::api)
        .with_state(shared)
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    (status, [("content-type", "application/json")], body.to_string()).into_response()
}

async fn journal(State(s): Shr) -> Response {
    let entries: Vec<Value> = s.lock().journal.iter().map(|e| e.to_json()).collect();
    json_response(StatusCode::OK, &Value::Array(entries))
}

async fn inbox(State(s): Shr) -> Response {
    let messages: Vec<Value> = s.lock().state.inbox.iter().map(|m| m.to_json()).collect();
    json_response(StatusCode::OK, &Value::Array(messages))
}

async fn clear_journal(State(s): Shr) -> StatusCode {
    s.lock().journal.clear();
    StatusCode::NO_CONTENT
}

async fn add_fault(State(s): Shr, body: Bytes) -> Response {
    let parsed = serde_json::from_slice::<Value>(&body).map_err(|e| e.to_string()).and_then(|v| {
        let fault = Fault::from_json(&v)?;
        let scope = match v.get("operation").and_then(Value::as_str) {
            Some(op) => Scope::Operation(op.to_owned()),
            None => Scope::All,
        };
        // A typo'd operation would wait for a request that never comes.
        if let Scope::Operation(op) = &scope
            && !crate::generated::routes::OPERATIONS.iter().any(|o| o.id == op)
        {
            return Err(format!("unknown operation {op:?}"));
        }
        let times = v.get("times").and_then(Value::as_u64).unwrap_or(1).min(10_000) as usize;
        Ok((scope, fault, times))
    });
    match parsed {
        Ok((scope, fault, times)) => {
            s.lock().faults.push(scope, fault, times);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(e) => json_response(StatusCode::BAD_REQUEST, &json!({"error": e})),
    }
}

async fn clear_faults(State(s): Shr) -> StatusCode {
    s.lock().faults.clear();
    StatusCode::NO_CONTENT
}

async fn token(State(s): Shr) -> Response {
    let ttl = s.config.token_ttl;
    let token = s.lock().tokens.issue(Holder::App, ttl);
    let expires_in = ttl.map_or(0, |t| t.as_secs());
    json_response(StatusCode::OK, &json!({"access_token": token, "expires_in": expires_in}))
}

async fn expire_tokens(State(s): Shr) -> StatusCode {
    s.lock().tokens.revoke_all();
    StatusCode::NO_CONTENT
}

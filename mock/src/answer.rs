//! What the mock answers: a JSON body or file bytes with a status, and the
//! documented error body (`spec/common.yaml` `error_body`).

use bytes::Bytes;
use serde_json::{Value, json};

use crate::table::Operation;

/// An answer before it is turned into HTTP.
#[derive(Debug, Clone)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The body: JSON text or file bytes.
    pub body: Bytes,
    /// `application/json` or `application/octet-stream`.
    pub content_type: &'static str,
    /// Extra headers (`Retry-After`).
    pub headers: Vec<(&'static str, String)>,
}

impl Answer {
    /// A JSON answer.
    pub fn json(status: u16, body: &Value) -> Self {
        Answer { status, body: Bytes::from(body.to_string()), content_type: "application/json", headers: Vec::new() }
    }

    /// A file answer.
    pub fn file(bytes: Bytes) -> Self {
        Answer { status: 200, body: bytes, content_type: "application/octet-stream", headers: Vec::new() }
    }

    /// The server's error body. The code is the one `op` documents for this
    /// status, so a client matching on documented codes sees what it would
    /// see from Easemob; `fallback` when the operation documents none.
    pub fn error(op: Option<&Operation>, status: u16, fallback: &str, description: &str) -> Self {
        let code = op
            .and_then(|op| op.errors.iter().find(|e| e.status == status && e.code.is_some()))
            .and_then(|e| e.code)
            .unwrap_or(fallback);
        Answer::json(status, &error_body(code, description))
    }

    /// The documented 401 of an operation (or the shared one).
    pub fn unauthorized(op: Option<&Operation>) -> Self {
        Answer::error(op, 401, "unauthorized", "Unable to authenticate (OAuth)")
    }

    /// A 404 for something the state does not hold.
    pub fn not_found(op: &Operation, what: &str) -> Self {
        Answer::error(Some(op), 404, "resource_not_found", &format!("{what} does not exist!"))
    }

    /// A 400 for a request the checks refused.
    pub fn bad_request(op: Option<&Operation>, description: &str) -> Self {
        Answer::error(op, 400, "illegal_argument", description)
    }
}

/// `{"error", "exception", "timestamp", "duration", "error_description"}`.
pub fn error_body(code: &str, description: &str) -> Value {
    json!({
        "error": code,
        "exception": exception_of(code),
        "timestamp": crate::clock::now_ms(),
        "duration": 0,
        "error_description": description,
    })
}

/// The Java exception class Easemob names next to a code.
fn exception_of(code: &str) -> &'static str {
    match code {
        "unauthorized" => "EasemobSecurityException",
        "illegal_argument" | "invalid_grant" => "java.lang.IllegalArgumentException",
        "resource_limited" => "EasemobResourceLimitedException",
        "service_resource_not_found" | "resource_not_found" | "entity_not_found" => "EasemobResourceNotFoundException",
        "duplicate_unique_property_exists" => "DuplicateUniquePropertyExistsException",
        _ => "EasemobException",
    }
}

//! Every request the mock received, in order, with what it answered.

use serde_json::{Value, json};

/// One request and its outcome.
#[derive(Clone)]
pub struct Entry {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path as sent (percent-encoded).
    pub path: String,
    /// The query string, without `?`.
    pub query: String,
    /// The headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body as text (lossy UTF-8).
    pub body: String,
    /// The operation the request matched, if any.
    pub operation: Option<&'static str>,
    /// The status answered (0 when the connection was reset instead).
    pub status: u16,
    /// The fault injected into this request, if any.
    pub fault: Option<String>,
    /// What answered: `state` (a stateful operation), `example` (the
    /// documented shape), `check` (inputs refused), `auth` (no valid app
    /// token), `fault` (a queued fault) or `route` (no such operation).
    pub outcome: &'static str,
}

impl Entry {
    /// The entry as JSON, for the control API. The `authorization` header is
    /// kept: the journal is how a test checks which token was sent.
    pub fn to_json(&self) -> Value {
        let headers: serde_json::Map<String, Value> =
            self.headers.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
        json!({
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "headers": headers,
            "body": self.body,
            "operation": self.operation,
            "status": self.status,
            "fault": self.fault,
            "outcome": self.outcome,
        })
    }

    /// A header, by its lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.body).ok()
    }
}

impl std::fmt::Debug for Entry {
    // Tokens and passwords travel in these; Debug output goes to test logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("fault", &self.fault)
            .field("outcome", &self.outcome)
            .field("headers", &format_args!("({} headers, redacted)", self.headers.len()))
            .field("body", &format_args!("({} bytes, redacted)", self.body.len()))
            .finish()
    }
}

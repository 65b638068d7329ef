//! Faults queued by a test: each fires on the next request it matches, once.

use std::time::Duration;

use serde_json::Value;

/// What the mock does instead of (or on top of) its normal answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer this status with the server's error body; `retry_after` adds
    /// a `Retry-After` header in seconds. 429 gets the `resource_limited` code.
    Status {
        /// The HTTP status.
        status: u16,
        /// `Retry-After`, in seconds.
        retry_after: Option<u64>,
    },
    /// Close the connection with a TCP reset before answering.
    Reset,
    /// Send the head and half of the normal answer, then close.
    Truncate,
    /// Wait this long, then answer normally.
    Slow(Duration),
    /// Treat the request's token as expired: forget it and answer 401.
    ExpiredToken,
}

impl Fault {
    /// A 429 with `Retry-After`.
    pub fn rate_limited(retry_after_secs: u64) -> Self {
        Fault::Status { status: 429, retry_after: Some(retry_after_secs) }
    }

    /// A status without `Retry-After` (a 5xx, say).
    pub fn status(status: u16) -> Self {
        Fault::Status { status, retry_after: None }
    }

    /// The fault's name in the journal and the control API.
    pub fn name(&self) -> String {
        match self {
            Fault::Status { status, .. } => format!("status {status}"),
            Fault::Reset => "reset".into(),
            Fault::Truncate => "truncate".into(),
            Fault::Slow(d) => format!("slow {}ms", d.as_millis()),
            Fault::ExpiredToken => "expired_token".into(),
        }
    }

    /// Reads the control API's JSON: `{"kind": "status", "status": 503,
    /// "retry_after": 2}`, `{"kind": "reset"}`, `{"kind": "truncate"}`,
    /// `{"kind": "slow", "ms": 1500}`, `{"kind": "expired_token"}`.
    pub fn from_json(v: &Value) -> Result<Self, String> {
        let kind = v.get("kind").and_then(Value::as_str).ok_or("`kind` must be a string")?;
        let number = |k: &str| v.get(k).and_then(Value::as_u64);
        Ok(match kind {
            "status" => {
                let status = number("status").ok_or("`status` must be a number")?;
                let status =
                    u16::try_from(status).ok().filter(|s| (100..=999).contains(s)).ok_or("`status` out of range")?;
                Fault::Status { status, retry_after: number("retry_after") }
            }
            "reset" => Fault::Reset,
            "truncate" => Fault::Truncate,
            "slow" => Fault::Slow(Duration::from_millis(number("ms").ok_or("`ms` must be a number")?)),
            "expired_token" => Fault::ExpiredToken,
            other => return Err(format!("unknown fault kind {other:?}")),
        })
    }
}

/// Which requests a fault applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Any request to the API.
    All,
    /// Requests of one operation (its ID, such as `users_get`).
    Operation(String),
}

/// The queue, oldest first.
#[derive(Debug, Default)]
pub struct Faults {
    queue: Vec<(Scope, Fault)>,
}

impl Faults {
    /// Queues `fault` for the next `times` requests in `scope`.
    pub fn push(&mut self, scope: Scope, fault: Fault, times: usize) {
        self.queue.extend(std::iter::repeat_n((scope, fault), times));
    }

    /// Takes the oldest fault that applies to a request of `operation`.
    pub fn take(&mut self, operation: Option<&str>) -> Option<Fault> {
        let i = self.queue.iter().position(|(scope, _)| match scope {
            Scope::All => true,
            Scope::Operation(id) => Some(id.as_str()) == operation,
        })?;
        Some(self.queue.remove(i).1)
    }

    /// Drops every queued fault.
    pub fn clear(&mut self) {
        self.queue.clear();
    }
}

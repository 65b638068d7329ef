//! A value that must never reach logs, `Debug` output or error messages.

use std::fmt;
use std::sync::{Arc, OnceLock};

use reqwest::header::HeaderValue;

/// A secret string: an app token, a client secret or a password.
///
/// `Debug` prints `Secret(***)`; there is no `Display`. The value is only read
/// where it is put on the wire.
///
/// Cloning is cheap (the text is shared): a call keeps the secrets it sent to
/// scrub them from what comes back.
#[derive(Clone)]
pub struct Secret(Arc<Shared>);

/// The text, and its `Authorization` header once a call has sent it as a
/// token: a token is sent on every call, and building the header each time
/// cost two allocations and a `format!` per call.
struct Shared {
    text: String,
    bearer: OnceLock<Option<HeaderValue>>,
}

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(Arc::new(Shared { text: value.into(), bearer: OnceLock::new() }))
    }

    /// The secret itself, for the few places that send it.
    pub fn expose(&self) -> &str {
        &self.0.text
    }

    /// `Bearer {token}` as a sensitive header value, built once per token;
    /// `None` when the token holds characters a header cannot carry.
    pub(crate) fn bearer_header(&self) -> Option<HeaderValue> {
        let header = self.0.bearer.get_or_init(|| {
            let mut value = HeaderValue::try_from(format!("Bearer {}", self.0.text)).ok()?;
            value.set_sensitive(true);
            Some(value)
        });
        header.clone()
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0.text == other.0.text
    }
}

impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Self::new(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        COLLECTED.with(|c| {
            if let Some(found) = c.borrow_mut().as_mut() {
                found.push(self.clone());
            }
        });
        s.serialize_str(self.expose())
    }
}

thread_local! {
    /// Secrets serialized while [`collecting`] runs on this thread.
    static COLLECTED: std::cell::RefCell<Option<Vec<Secret>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` (which serializes a request body) and returns the secrets it
/// serialized, so that the client can keep them out of what the server
/// echoes back.
pub(crate) fn collecting<R>(f: impl FnOnce() -> R) -> (R, Vec<Secret>) {
    let outer = COLLECTED.with(|c| c.borrow_mut().replace(Vec::new()));
    let out = f();
    let found = COLLECTED.with(|c| std::mem::replace(&mut *c.borrow_mut(), outer)).unwrap_or_default();
    // Nested: the outer collection sees these too.
    COLLECTED.with(|c| {
        if let Some(o) = c.borrow_mut().as_mut() {
            o.extend(found.iter().cloned());
        }
    });
    (out, found)
}

/// What replaces a secret in text the server sent back.
pub(crate) const REDACTED: &str = "***";

/// Secrets shorter than this are replaced only where a whole string equals
/// them: replacing every `t` of a message for a one-letter test token would
/// make errors unreadable, and a secret that short is no secret.
pub(crate) const MIN_SCRUBBED_LEN: usize = 6;

/// `text` with every occurrence of each secret (as sent, and as JSON would
/// escape it) replaced by `***`.
pub(crate) fn scrub(text: &str, secrets: &[Secret]) -> String {
    let mut out = text.to_owned();
    for s in secrets {
        let raw = s.expose();
        if raw == out {
            return REDACTED.to_owned();
        }
        if raw.chars().count() < MIN_SCRUBBED_LEN {
            continue;
        }
        // As sent, and JSON-escaped up to three times (an echo inside a
        // JSON string inside a JSON string).
        let mut form = raw.to_owned();
        for _ in 0..4 {
            if out.contains(&form) {
                out = out.replace(&form, REDACTED);
            }
            let escaped = serde_json::to_string(&form).unwrap_or_default();
            let escaped = escaped[1..escaped.len() - 1].to_owned();
            if escaped == form {
                break;
            }
            form = escaped;
        }
    }
    out
}

/// The start of a body for an error, scrubbed: a JSON body is scrubbed
/// value by value (whatever its escapes) and written out again.
pub(crate) fn scrubbed_excerpt(body: &[u8], secrets: &[Secret]) -> String {
    if secrets.is_empty() {
        return crate::error::excerpt(body);
    }
    let text = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(v) => serde_json::to_string(&scrub_value(v, secrets)).unwrap_or_default(),
        Err(_) => scrub(&String::from_utf8_lossy(body), secrets),
    };
    crate::error::excerpt(text.as_bytes())
}

/// Scrubs every string (and key) inside a JSON value.
pub(crate) fn scrub_value(v: serde_json::Value, secrets: &[Secret]) -> serde_json::Value {
    use serde_json::Value;
    if secrets.is_empty() {
        return v;
    }
    match v {
        Value::String(s) => Value::String(scrub(&s, secrets)),
        Value::Array(items) => Value::Array(items.into_iter().map(|i| scrub_value(i, secrets)).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (scrub(&k, secrets), scrub_value(v, secrets))).collect())
        }
        other => other,
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_scrubbed_as_sent_and_as_escaped() {
        let s = [Secret::new("pa\"ssword"), Secret::new("token-1")];
        assert_eq!(scrub(r#"bad "pa\"ssword" and token-1"#, &s), r#"bad "***" and ***"#);
        assert_eq!(scrub("pa\"ssword", &s), "***");
        assert_eq!(scrub("the text", &[Secret::new("t")]), "the text", "too short to scrub inside text");
        assert_eq!(scrub("t", &[Secret::new("t")]), "***");
    }

    #[test]
    fn collecting_sees_serialized_secrets_only_inside() {
        let (v, found) = collecting(|| serde_json::to_value((Secret::new("a"), "b")).unwrap());
        assert_eq!(v, serde_json::json!(["a", "b"]));
        assert_eq!(found, vec![Secret::new("a")]);
        let _ = serde_json::to_value(Secret::new("c"));
        let (_, none) = collecting(|| ());
        assert!(none.is_empty());
    }
}

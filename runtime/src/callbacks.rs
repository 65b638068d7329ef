//! Callbacks (webhooks): checking and decoding the requests Easemob sends to
//! an app server.
//!
//! Easemob POSTs a JSON body to the URL of a callback rule. The body carries
//! its own signature in the `security` field:
//! `md5_hex(callId + secret + timestamp)`, where `callId` and `timestamp` are
//! the body's own fields (the timestamp written as its decimal digits), the
//! secret is the one the console shows for that rule, and the digest is 32
//! lowercase hex characters. There is no signature header and no HMAC.
//!
//! Note what that signature covers: only `callId` and `timestamp`. It shows
//! that the sender knows the rule's secret, but Easemob does not sign the
//! rest of the body, so a change to any other field goes unnoticed. Serve
//! the callback URL over HTTPS, and use [`Receiver::max_age`] against
//! replays.
//!
//! [`Receiver`] takes the raw body, checks the signature in constant time and
//! returns the typed event; the event types themselves are generated from
//! the spec into `easemob::callbacks`. Nothing here depends on a web
//! framework: bytes go in, a typed value comes out.
//!
//! The docs define no replay window. [`Receiver::max_age`] adds one, checked
//! against the body's `timestamp` (milliseconds) and a "now" that tests can
//! pass in ([`Receiver::verify_and_parse_at`]).

mod md5;
mod tree;

use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use subtle::ConstantTimeEq;

use crate::Secret;

/// Why a callback request was refused. No variant ever holds the rule's
/// secret or the signature the body should have carried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
    /// The body is not JSON.
    #[error("the callback body is not valid JSON: {0}")]
    BadJson(String),
    /// The body is JSON but not an object.
    #[error("the callback body is not a JSON object")]
    NotAnObject,
    /// The body has no `security` field (and the receiver does not accept
    /// unsigned callbacks), or it is not a string.
    #[error("the callback carries no `security` signature")]
    MissingSignature,
    /// A field the signature or the age check is computed from is missing or
    /// unusable: `callId` must be a string, `timestamp` a whole number.
    #[error("the callback's `{0}` is missing or malformed, so its signature cannot be checked")]
    MissingField(&'static str),
    /// The `security` field does not match the body and the secret: a wrong
    /// secret, or a body changed after it was signed.
    #[error("the callback's signature does not match")]
    BadSignature,
    /// The body's `timestamp` is further from now than [`Receiver::max_age`]
    /// allows (in either direction).
    #[error("the callback's timestamp is {age_ms} ms away from now; at most {max_age_ms} ms is accepted")]
    Stale {
        /// Now minus the body's timestamp, in milliseconds (negative: from the future).
        age_ms: i64,
        /// The receiver's limit, in milliseconds.
        max_age_ms: u64,
    },
    /// The signature holds but the event does not decode as its family's
    /// payload type.
    #[error("the `{event}` callback does not decode: {message}")]
    Payload {
        /// The event type the body was recognised as.
        event: &'static str,
        /// Where and why decoding failed.
        message: String,
    },
    /// A reply is longer than Easemob accepts.
    #[error("the reply is {chars} characters long; Easemob accepts at most {max}")]
    ReplyTooLong {
        /// The reply's length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
}

/// Checks and decodes callback requests for one callback rule.
///
/// `E` is the generated event type; use `easemob::callbacks::Receiver`,
/// which fixes it. Cheap to clone; `Debug` never shows the secret.
pub struct Receiver<E> {
    secret: Secret,
    max_age: Option<Duration>,
    allow_unsigned: bool,
    event: PhantomData<fn() -> E>,
}

impl<E> Clone for Receiver<E> {
    fn clone(&self) -> Self {
        Self {
            secret: self.secret.clone(),
            max_age: self.max_age,
            allow_unsigned: self.allow_unsigned,
            event: PhantomData,
        }
    }
}

impl<E> fmt::Debug for Receiver<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver")
            .field("secret", &self.secret)
            .field("max_age", &self.max_age)
            .field("allow_unsigned", &self.allow_unsigned)
            .finish()
    }
}

impl<E: DecodeCallback> Receiver<E> {
    /// A receiver for the rule whose secret the console shows as `secret`.
    /// Every body must be signed; no age limit.
    pub fn new(secret: impl Into<Secret>) -> Self {
        Self { secret: secret.into(), max_age: None, allow_unsigned: false, event: PhantomData }
    }

    /// Refuses bodies whose `timestamp` is more than `max_age` away from now
    /// ([`CallbackError::Stale`]). Easemob documents no such window and
    /// retries a failed delivery once, so leave room for that (minutes, not
    /// seconds).
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(max_age);
        self
    }

    /// Accepts bodies with no `security` field at all, unchecked. Easemob's
    /// own examples of reaction and thread callbacks carry no signature; turn
    /// this on only if your rule really sends such events, since anyone can
    /// send an unsigned body. A `security` field that is present is always
    /// checked.
    pub fn allow_unsigned(mut self, allow: bool) -> Self {
        self.allow_unsigned = allow;
        self
    }

    /// Checks the body's signature (and age, if [`max_age`](Self::max_age)
    /// is set) and decodes the event. Event types this version does not know
    /// are returned as the event enum's catch-all, not refused.
    pub fn verify_and_parse(&self, body: &[u8]) -> Result<E, CallbackError> {
        self.verify_and_parse_at(body, SystemTime::now())
    }

    /// [`verify_and_parse`](Self::verify_and_parse) with "now" given, for
    /// tests of the age check.
    pub fn verify_and_parse_at(&self, body: &[u8], now: SystemTime) -> Result<E, CallbackError> {
        let value: Value = serde_json::from_slice(body).map_err(|e| CallbackError::BadJson(e.to_string()))?;
        let Value::Object(object) = &value else { return Err(CallbackError::NotAnObject) };
        match object.get("security") {
            None | Some(Value::Null) if self.allow_unsigned => {}
            Some(Value::String(received)) => {
                let expected = signature_of(object, &self.secret)?;
                // The length (always 32) is no secret; the content is
                // compared in constant time, so response timing cannot tell
                // an attacker how many leading characters they got right.
                let received = received.to_ascii_lowercase();
                if !bool::from(expected.as_bytes().ct_eq(received.as_bytes())) {
                    return Err(CallbackError::BadSignature);
                }
            }
            _ => return Err(CallbackError::MissingSignature),
        }
        if let Some(max_age) = self.max_age {
            let sent = timestamp_text(object)?.parse::<i64>().map_err(|_| CallbackError::MissingField("timestamp"))?;
            let now_ms = now.duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
            let age_ms = now_ms.saturating_sub(sent);
            let max_age_ms = u64::try_from(max_age.as_millis()).unwrap_or(u64::MAX);
            if age_ms.unsigned_abs() > max_age_ms {
                return Err(CallbackError::Stale { age_ms, max_age_ms });
            }
        }
        E::decode(value)
    }
}

/// Adds the `security` field a callback rule with `secret` would put on
/// `body` (a JSON object with `callId` and `timestamp`), replacing any there.
///
/// For tests of your own receiver: build a body like Easemob's, sign it with
/// a test secret, and feed it to your endpoint. The returned JSON may order
/// its keys differently from `body`; the signature does not depend on order.
pub fn sign_test_body(body: &[u8], secret: &Secret) -> Result<Vec<u8>, CallbackError> {
    let mut value: Value = serde_json::from_slice(body).map_err(|e| CallbackError::BadJson(e.to_string()))?;
    let Value::Object(object) = &mut value else { return Err(CallbackError::NotAnObject) };
    let security = signature_of(object, secret)?;
    object.insert("security".into(), Value::String(security));
    Ok(serde_json::to_vec(&value).expect("a JSON value serialises"))
}

/// `md5_hex(callId + secret + timestamp)` for this body.
fn signature_of(object: &Map<String, Value>, secret: &Secret) -> Result<String, CallbackError> {
    let Some(Value::String(call_id)) = object.get("callId") else { return Err(CallbackError::MissingField("callId")) };
    let timestamp = timestamp_text(object)?;
    let mut input = Vec::with_capacity(call_id.len() + secret.expose().len() + timestamp.len());
    input.extend_from_slice(call_id.as_bytes());
    input.extend_from_slice(secret.expose().as_bytes());
    input.extend_from_slice(timestamp.as_bytes());
    Ok(md5::hex(&input))
}

/// The body's `timestamp` as the decimal digits that were signed. The docs
/// send a JSON integer; one page declares a string, so a string of digits is
/// taken as it is.
fn timestamp_text(object: &Map<String, Value>) -> Result<String, CallbackError> {
    match object.get("timestamp") {
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(n.to_string()),
        Some(Value::String(s)) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => Ok(s.clone()),
        _ => Err(CallbackError::MissingField("timestamp")),
    }
}

/// An event type this version of the spec does not know, kept as sent.
///
/// It has no public constructor: match the catch-all variant as a whole and
/// read the JSON with [`as_json`](Self::as_json). When a later spec adds the
/// event, it gets a variant of its own.
#[derive(Clone, PartialEq)]
pub struct UnknownEvent(Value);

impl UnknownEvent {
    /// The whole callback body.
    pub fn as_json(&self) -> &Value {
        &self.0
    }
}

impl fmt::Debug for UnknownEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("UnknownEvent").field(&self.0).finish()
    }
}

/// Implemented by the generated event enum: picks the event type from the
/// body's fields and decodes it.
#[doc(hidden)]
pub trait DecodeCallback: Sized {
    /// Dispatches and decodes a verified body.
    fn decode(body: Value) -> Result<Self, CallbackError>;
}

/// What the generated event enum uses to dispatch and decode.
#[doc(hidden)]
pub mod __private {
    use super::*;

    /// The value at `path` (keys into nested objects).
    fn at<'v>(body: &'v Value, path: &[&str]) -> Option<&'v Value> {
        path.iter().try_fold(body, |v, key| v.get(key)).filter(|v| !v.is_null())
    }

    /// Whether the value at `path` is a string equal to one of `values`.
    pub fn is(body: &Value, path: &[&str], values: &[&str]) -> bool {
        at(body, path).and_then(Value::as_str).is_some_and(|s| values.contains(&s))
    }

    /// Whether `path` is present and not `null`.
    pub fn present(body: &Value, path: &[&str]) -> bool {
        at(body, path).is_some()
    }

    /// Decodes the body as `event`'s payload type.
    pub fn decode<T: DeserializeOwned>(body: Value, event: &'static str) -> Result<T, CallbackError> {
        tree::decode(body).map_err(|(path, e)| payload_error(event, &path, &e))
    }

    /// Wraps a body no event type matched.
    /// The error of a known event whose payload does not decode: not
    /// generic, so not copied for every event.
    #[cold]
    #[inline(never)]
    fn payload_error(event: &'static str, path: &tree::Path, e: &serde_json::Error) -> CallbackError {
        CallbackError::Payload { event, message: format!("at `{path}`: {e}") }
    }

    pub fn unknown_event(body: Value) -> UnknownEvent {
        UnknownEvent(body)
    }

    /// The serialised reply, refused if longer than `max` characters.
    pub fn reply_body<T: Serialize>(reply: &T, max: usize) -> Result<Vec<u8>, CallbackError> {
        let text = serde_json::to_string(reply).expect("generated reply types serialise");
        let chars = text.chars().count();
        if chars > max {
            return Err(CallbackError::ReplyTooLong { chars, max });
        }
        Ok(text.into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test vectors of the fact sheet (§13.2), computed there with Python's hashlib.
    #[test]
    fn signatures_match_the_reference_vectors() {
        let secret = Secret::new("my-rule-secret");
        let cases = [
            ("XXXX#XXXX_968665325555943556", 1643099771248_i64, "e9f2c3bf64b41e475bb3b1a27a272335"),
            ("XXXX#XXXX_25b64a81-1376-4669-bb3d-178449a8f11b", 1642585154644, "e35e56c3ea0afaafff04a2a9a8de130e"),
            (
                "easemob-demo#testy_aba13c39-661f-46ef-8e43-8cd6205aa6a0",
                1732519041930,
                "ecb1c053f41bf90f97689acb31702d64",
            ),
        ];
        for (call_id, timestamp, want) in cases {
            let body = serde_json::json!({"callId": call_id, "timestamp": timestamp});
            let Value::Object(object) = body else { unreachable!() };
            assert_eq!(signature_of(&object, &secret).unwrap(), want);
        }
    }

    #[test]
    fn a_timestamp_sent_as_digits_signs_the_same() {
        let secret = Secret::new("s");
        let as_number = serde_json::json!({"callId": "a", "timestamp": 12});
        let as_text = serde_json::json!({"callId": "a", "timestamp": "12"});
        let (Value::Object(n), Value::Object(t)) = (as_number, as_text) else { unreachable!() };
        assert_eq!(signature_of(&n, &secret), signature_of(&t, &secret));
        let bad = serde_json::json!({"callId": "a", "timestamp": 1.5});
        let Value::Object(bad) = bad else { unreachable!() };
        assert_eq!(signature_of(&bad, &secret), Err(CallbackError::MissingField("timestamp")));
    }
}

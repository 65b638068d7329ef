//! Successful answers: the typed payload next to the envelope metadata, and
//! the decoding of raw bodies into them or into an [`ApiError`].

use std::ops::Deref;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::call::OperationInfo;
use super::error::{ApiError, DecodeError, Error, excerpt};
use crate::generated::{ErrorBody, ResponseMeta};

/// A decoded answer: the payload in [`data`](Self::data) and everything else
/// the envelope carried in [`meta`](Self::meta).
///
/// Derefs to the payload, so `response.len()` works on a list answer.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Response<T> {
    /// The payload, from wherever the operation's spec says it sits.
    pub data: T,
    /// Envelope metadata: `count`, `cursor`, `timestamp`, `duration`, …
    pub meta: ResponseMeta,
    /// HTTP status of the answer.
    pub status: u16,
}

impl<T> Response<T> {
    /// The payload alone.
    pub fn into_data(self) -> T {
        self.data
    }

    /// Converts the payload, keeping the metadata.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response { data: f(self.data), meta: self.meta, status: self.status }
    }
}

impl<T> Deref for Response<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.data
    }
}

/// A body as received, before decoding.
pub(crate) struct RawResponse {
    pub(crate) info: &'static OperationInfo,
    pub(crate) status: u16,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) body: bytes::Bytes,
}

/// Decodes a success into `T`, or an error status into [`ApiError`].
pub(crate) fn decode<T: DeserializeOwned>(raw: RawResponse) -> Result<Response<T>, Error> {
    if !(200..300).contains(&raw.status) {
        return Err(api_error(&raw).into());
    }
    let fail = |message: String| {
        Error::Decode(DecodeError { operation: raw.info.id, status: raw.status, message, raw_body: excerpt(&raw.body) })
    };
    let value: Value = if raw.body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(&raw.body).map_err(|e| fail(format!("not JSON: {e}")))?
    };
    let (payload, rest) = split_payload(value, raw.info.payload_at);
    let meta = match rest {
        Some(v @ Value::Object(_)) => serde_json::from_value(v).unwrap_or_default(),
        _ => ResponseMeta::default(),
    };
    let data: T = serde_path_to_error::deserialize(payload).map_err(|e| {
        let at = raw.info.payload_at.join(".");
        let path = e.path().to_string();
        let where_ = match (at.is_empty(), path == ".") {
            (true, true) => "body".to_owned(),
            (true, false) => path,
            (false, true) => at,
            (false, false) => format!("{at}.{path}"),
        };
        fail(format!("at `{where_}`: {}", e.inner()))
    })?;
    Ok(Response { data, meta, status: raw.status })
}

/// Decodes `body` as `info`'s answer and drops the result (robustness tests).
pub fn decode_only<T: DeserializeOwned>(info: &'static OperationInfo, status: u16, body: &[u8]) -> Result<(), Error> {
    let raw = RawResponse { info, status, retry_after: None, body: bytes::Bytes::copy_from_slice(body) };
    decode::<T>(raw).map(|_| ())
}

/// Takes the payload out of the body; returns it and what is left.
fn split_payload(body: Value, at: &[&str]) -> (Value, Option<Value>) {
    if at.is_empty() {
        return (body.clone(), Some(body));
    }
    let Value::Object(mut map) = body else { return (Value::Null, None) };
    let mut current = map.remove(at[0]).unwrap_or(Value::Null);
    for key in &at[1..] {
        current = match current {
            Value::Object(mut inner) => inner.remove(*key).unwrap_or(Value::Null),
            _ => Value::Null,
        };
    }
    (current, Some(Value::Object(map)))
}

pub(crate) fn api_error(raw: &RawResponse) -> ApiError {
    let body: Option<ErrorBody> = serde_json::from_slice::<Value>(&raw.body)
        .ok()
        .filter(|v| v.get("error").is_some() || v.get("error_description").is_some())
        .and_then(|v| serde_json::from_value(v).ok());
    ApiError {
        operation: raw.info.id,
        status: raw.status,
        code: body.as_ref().and_then(|b| b.error.clone()).filter(|c| !c.as_str().is_empty()),
        exception: body.as_ref().and_then(|b| b.exception.clone()),
        description: body.as_ref().and_then(|b| b.error_description.clone()),
        body,
        raw_body: excerpt(&raw.body),
        retry_after: raw.retry_after,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn payload_is_taken_out_of_its_place() {
        let (p, rest) = split_payload(json!({"data": {"affiliations": [1]}, "count": 1}), &["data", "affiliations"]);
        assert_eq!(p, json!([1]));
        assert_eq!(rest, Some(json!({"count": 1})));
        let (p, _) = split_payload(json!([1, 2]), &["data"]);
        assert_eq!(p, Value::Null);
    }
}

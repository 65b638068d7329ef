//! Successful answers: the typed payload next to the envelope metadata, and
//! the decoding of raw bodies into them or into an [`ApiError`].

use std::ops::Deref;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::call::OperationInfo;
use super::error::{ApiError, DecodeError, Error};
use super::secret::{Secret, scrub, scrub_value, scrubbed_excerpt};
use crate::generated::{ErrorBody, ResponseMeta};

pub(crate) mod fast;

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
    /// Secrets the request carried: scrubbed from errors built from the body.
    pub(crate) secrets: SentSecrets,
}

impl RawResponse {
    /// `body` as `info`'s answer with `status`, to a request that carried no
    /// secrets: an answer made up by a test.
    fn received(info: &'static OperationInfo, status: u16, body: &[u8]) -> Self {
        RawResponse {
            info,
            status,
            retry_after: None,
            body: bytes::Bytes::copy_from_slice(body),
            secrets: SentSecrets::default(),
        }
    }
}

/// The secrets one request carried, kept in their parts (each cheap to
/// clone) and listed together only when an error is built, so a call that
/// succeeds allocates nothing for them.
#[derive(Default)]
pub(crate) struct SentSecrets {
    /// Those of the call's own inputs (passwords, share secrets).
    pub(crate) call: Vec<Secret>,
    /// Those of the client's configuration (a fixed token, the client secret).
    pub(crate) client: Option<std::sync::Arc<[Secret]>>,
    /// The app token the request was sent with.
    pub(crate) token: Option<Secret>,
}

impl SentSecrets {
    /// Every one of them, for scrubbing.
    pub(crate) fn all(&self) -> Vec<Secret> {
        let client = self.client.iter().flat_map(|c| c.iter());
        self.call.iter().chain(client).chain(&self.token).cloned().collect()
    }
}

/// Decodes a success into `T`, or an error status into [`ApiError`].
///
/// The success path reads the bytes once, straight into `T` and the envelope
/// metadata ([`fast`](crate::response::fast)). Only when that fails is the
/// body decoded again through a JSON tree with the failing field's path
/// tracked, which is what the error reports. The tree pass is also the
/// reference: where the two disagree (the direct pass rejects a key sent
/// twice, the tree keeps the last), its answer wins, so the fast path never
/// refuses a body the tolerant decoding accepts.
///
/// Integers wider than 64 bits are put in quotes first
/// ([`quote_wide_integers`]), which means searching the whole body for
/// them. Where the operation's decoders note every number they keep as a
/// float ([`OperationInfo::numbers_noted`]), the body is decoded as sent
/// first and searched only if one was noted: a wide integer reaches a
/// decoder as a float, so a body with none noted decodes the same either way.
///
/// [`OperationInfo::numbers_noted`]: crate::call::OperationInfo::numbers_noted
pub(crate) fn decode<T: DeserializeOwned>(raw: RawResponse) -> Result<Response<T>, Error> {
    if !(200..300).contains(&raw.status) {
        return Err(api_error(&raw).into());
    }
    decode_success(&raw, raw.info.numbers_noted)
}

/// [`decode`] of a success, trying the body as sent first when `unquoted_first`.
fn decode_success<T: DeserializeOwned>(raw: &RawResponse, unquoted_first: bool) -> Result<Response<T>, Error> {
    let mut refused_as_sent = false;
    if unquoted_first {
        match one_pass::<T>(&raw.body, raw.info.payload_at) {
            Some(d) if !(d.float_kept && has_wide_integer(&raw.body)) => {
                return Ok(Response { data: d.data, meta: d.meta, status: raw.status });
            }
            Some(_) => {}
            None => refused_as_sent = true,
        }
    }
    let text = quote_wide_integers(&raw.body);
    // Bytes the one-pass decoder refused as sent, it refuses again.
    let same_bytes = matches!(text, std::borrow::Cow::Borrowed(_));
    if !(refused_as_sent && same_bytes)
        && let Some(d) = one_pass::<T>(&text, raw.info.payload_at)
    {
        return Ok(Response { data: d.data, meta: d.meta, status: raw.status });
    }
    decode_with_path(raw, &text)
}

/// The one-pass decoding of a body, if it succeeds; a blank body is left to
/// the tree pass, which reads it as `null`.
fn one_pass<T: DeserializeOwned>(text: &[u8], at: &[&str]) -> Option<fast::Decoded<T>> {
    if text.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    fast::decode::<T>(text, at).ok()
}

/// The tree pass: slower, but names the JSON path of a failure.
#[cold]
#[inline(never)]
fn decode_with_path<T: DeserializeOwned>(raw: &RawResponse, text: &[u8]) -> Result<Response<T>, Error> {
    let fail = |message: String| {
        let secrets = raw.secrets.all();
        Error::Decode(DecodeError {
            operation: raw.info.id,
            status: raw.status,
            message: scrub(&message, &secrets),
            raw_body: scrubbed_excerpt(&raw.body, &secrets),
            attempts: 1,
        })
    };
    let value: Value = if text.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(text).map_err(|e| fail(format!("not JSON: {e}")))?
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
///
/// Also checks the one-pass decoder against the tree pass: when the first
/// accepts a body, the second must decode it to the same value (or refuse
/// it only for what the one-pass decoder does not mind in the parts it
/// skips: nesting deeper than the tree allows, a number beyond `f64`, bytes
/// that are not UTF-8). A disagreement panics, so the decoding fuzz fails on
/// it.
pub fn decode_only<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
    info: &'static OperationInfo,
    status: u16,
    body: &[u8],
) -> Result<(), Error> {
    let raw = RawResponse::received(info, status, body);
    if (200..300).contains(&status) {
        let text = quote_wide_integers(body);
        if let Some(fast::Decoded { data, meta, .. }) = one_pass::<T>(&text, info.payload_at) {
            match decode_with_path::<T>(&raw, &text) {
                Ok(tree) => assert!(
                    tree.data == data && tree.meta == meta,
                    "{}: the one-pass and tree decoders disagree on {:?}: {data:?} / {meta:?} versus {:?} / {:?}",
                    info.id,
                    String::from_utf8_lossy(body),
                    tree.data,
                    tree.meta
                ),
                Err(Error::Decode(e))
                    if ["recursion limit exceeded", "number out of range", "invalid unicode code point"]
                        .iter()
                        .any(|leniency| e.message.contains(leniency)) => {}
                Err(e) => panic!(
                    "{}: the one-pass decoder accepts {:?}, the tree pass refuses it: {e}",
                    info.id,
                    String::from_utf8_lossy(body)
                ),
            }
        }
        // Decoding the body as sent first must not change the answer: the
        // check that `numbers_noted` is right for this operation's payload.
        let unquoted_first = decode_success::<T>(&raw, info.numbers_noted);
        match (unquoted_first, decode_success::<T>(&raw, false)) {
            (Ok(first), Ok(quoted)) => assert!(
                first.data == quoted.data && first.meta == quoted.meta,
                "{}: decoded before and after quoting wide integers, {:?} gives {:?} / {:?} versus {:?} / {:?}",
                info.id,
                String::from_utf8_lossy(body),
                first.data,
                first.meta,
                quoted.data,
                quoted.meta
            ),
            (Err(first), Err(quoted)) => assert_eq!(first.to_string(), quoted.to_string()),
            (first, quoted) => panic!(
                "{}: decoded before and after quoting wide integers, {:?} gives {:?} versus {:?}",
                info.id,
                String::from_utf8_lossy(body),
                first.map(|r| r.data),
                quoted.map(|r| r.data)
            ),
        }
    }
    let decoded = decode::<T>(raw)?;
    check_round_trip(info.id, &decoded);
    Ok(())
}

/// Decodes an answer as [`decode_answer`](crate::client::decode_answer)
/// does. With the `test-util` feature (this repository's test suites), a
/// decoded answer must also survive the round-trip check below, so every doc
/// example the behaviour tests serve, and every answer the fuzzers make up
/// that decodes, is checked; without it, this is `decode_answer` alone and
/// no `Serialize` code is compiled for the payload.
#[inline]
pub fn decode_checked<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
    info: &'static OperationInfo,
    answer: crate::client::Answered,
) -> Result<Response<T>, Error> {
    let decoded = crate::client::decode_answer::<T>(answer);
    #[cfg(feature = "test-util")]
    if let Ok(r) = &decoded {
        check_round_trip(info.id, r);
    }
    #[cfg(not(feature = "test-util"))]
    let _ = info;
    decoded
}

/// Writes the payload and the envelope metadata back to JSON, reads each
/// again and panics unless both come back equal: the models' `Serialize`
/// must produce what their own `Deserialize` reads as the same value.
#[cfg(feature = "test-util")]
#[cold]
#[inline(never)]
fn check_round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(operation: &str, r: &Response<T>) {
    fn again<V: DeserializeOwned + Serialize>(operation: &str, what: &str, v: &V) -> V {
        let text = serde_json::to_vec(v).unwrap_or_else(|e| panic!("{operation}: the {what} does not serialize: {e}"));
        serde_json::from_slice(&text).unwrap_or_else(|e| {
            panic!("{operation}: the {what} as serialized does not decode: {e}: {}", String::from_utf8_lossy(&text))
        })
    }
    let data = again(operation, "payload", &r.data);
    assert!(data == r.data, "{operation}: the payload changes on a round trip: {:?} became {data:?}", r.data);
    let meta = again(operation, "envelope metadata", &r.meta);
    assert!(meta == r.meta, "{operation}: the envelope metadata changes on a round trip: {:?} became {meta:?}", r.meta);
}

#[cfg(not(feature = "test-util"))]
fn check_round_trip<T>(_: &str, _: &Response<T>) {}

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

/// An error status as an [`ApiError`], with every secret the request
/// carried scrubbed from what the server sent back (a server may echo a
/// password in its description).
pub(crate) fn api_error(raw: &RawResponse) -> ApiError {
    let secrets = raw.secrets.all();
    let body: Option<ErrorBody> = serde_json::from_slice::<Value>(&raw.body)
        .ok()
        .filter(|v| v.get("error").is_some() || v.get("error_description").is_some())
        .and_then(|v| serde_json::from_value(scrub_value(v, &secrets)).ok());
    ApiError {
        operation: raw.info.id,
        status: raw.status,
        code: body.as_ref().and_then(|b| b.error.clone()).filter(|c| !c.as_str().is_empty()),
        exception: body.as_ref().and_then(|b| b.exception.clone()),
        description: body.as_ref().and_then(|b| b.error_description.clone()),
        body,
        raw_body: scrubbed_excerpt(&raw.body, &secrets),
        retry_after: raw.retry_after,
        attempts: 1,
    }
}

/// `body` with every integer literal outside the 64-bit range put in quotes,
/// so that an ID of 2^64 or more keeps its digits (JSON numbers that wide
/// would otherwise become floating point: `1.8446744073709552e19`). Fields
/// that take text (IDs) get the exact digits; integer fields reject them as
/// they would the number. Borrowed when there is nothing to change.
pub(crate) fn quote_wide_integers(body: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !has_wide_integer(body) {
        return std::borrow::Cow::Borrowed(body);
    }
    let mut out = Vec::with_capacity(body.len() + 16);
    let mut i = 0;
    let mut in_string = false;
    while i < body.len() {
        let b = body[i];
        if in_string {
            out.push(b);
            if b == b'\\' && i + 1 < body.len() {
                out.push(body[i + 1]);
                i += 2;
                continue;
            }
            in_string = b != b'"';
            i += 1;
            continue;
        }
        if b == b'"' {
            in_string = true;
            out.push(b);
            i += 1;
            continue;
        }
        let starts_number = b.is_ascii_digit() || (b == b'-' && body.get(i + 1).is_some_and(u8::is_ascii_digit));
        if !starts_number {
            out.push(b);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < body.len() && body[i].is_ascii_digit() {
            i += 1;
        }
        let is_integer = !matches!(body.get(i), Some(b'.' | b'e' | b'E'));
        if !is_integer {
            // The fraction and exponent belong to this number.
            while i < body.len() && matches!(body[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') {
                i += 1;
            }
        }
        let literal = &body[start..i];
        let text = std::str::from_utf8(literal).unwrap_or("0");
        let wide = is_integer && text.parse::<u64>().is_err() && text.parse::<i64>().is_err();
        if wide {
            out.push(b'"');
            out.extend_from_slice(literal);
            out.push(b'"');
        } else {
            out.extend_from_slice(literal);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `body` may hold an integer literal outside the 64-bit range:
/// the shortest have 19 digits (-9223372036854775809; the widest inside
/// has 20, 18446744073709551615), so a body without 19 digits in a row,
/// inside strings or out, holds none.
fn has_wide_integer(body: &[u8]) -> bool {
    has_digit_run(body, 19)
}

/// Whether `body` holds `min` (at least 2) ASCII digits in a row.
///
/// Every answer goes through this test, so it looks at one byte in
/// `min - 1`: any `min` bytes in a row hold one of those. A probe that finds
/// a digit `p` is in a run of `min` only if the byte `min / 2` after it or
/// the one `min - min / 2` before it is a digit too (a run has at most
/// `min / 2 - 1` digits after `p` unless the first holds, and then at least
/// `min - min / 2` before it). IDs such as `"user_00001"` put digits under
/// a probe often, the bytes either side of it rarely; only when one of them
/// is a digit is the run around `p` measured.
///
/// Probes are tested eight at a time, their bytes combined without
/// branching: where digits fall under probes at random (a list of such
/// IDs), a branch per probe is mispredicted about one time in three.
fn has_digit_run(body: &[u8], min: usize) -> bool {
    const BLOCK: usize = 8;
    debug_assert!(min >= 2);
    let (after, before, step) = (min / 2, min - min / 2, min - 1);
    let is_digit = |b: u8| b.wrapping_sub(b'0') < 10;
    let digit_at = |i: Option<usize>| i.and_then(|i| body.get(i)).copied().is_some_and(is_digit);
    let candidate = |p: usize| is_digit(body[p]) && (digit_at(p.checked_add(after)) || digit_at(p.checked_sub(before)));
    let run_at = |p: usize| {
        let start = body[..p].iter().rposition(|b| !b.is_ascii_digit()).map_or(0, |i| i + 1);
        let end = body[p..].iter().position(|b| !b.is_ascii_digit()).map_or(body.len(), |i| p + i);
        end - start >= min
    };
    let mut p = 0;
    while p < body.len() {
        if p >= before && p + (BLOCK - 1) * step + after < body.len() {
            let mut any = false;
            for k in 0..BLOCK {
                let q = p + k * step;
                any |= is_digit(body[q]) & (is_digit(body[q + after]) | is_digit(body[q - before]));
            }
            if !any {
                p += BLOCK * step;
                continue;
            }
        }
        if candidate(p) && run_at(p) {
            return true;
        }
        p += step;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integers_beyond_64_bits_keep_their_digits() {
        let q = |s: &str| String::from_utf8(quote_wide_integers(s.as_bytes()).into_owned()).unwrap();
        assert_eq!(q(r#"{"id":18446744073709551616}"#), r#"{"id":"18446744073709551616"}"#);
        assert_eq!(
            q(r#"[18446744073709551615,-9223372036854775809]"#),
            r#"[18446744073709551615,"-9223372036854775809"]"#
        );
        assert_eq!(
            q(r#"{"s":"12345678901234567890123","f":123456789012345678901.5}"#),
            r#"{"s":"12345678901234567890123","f":123456789012345678901.5}"#
        );
        assert_eq!(q(r#"{"s":"a\"12345678901234567890123"}"#), r#"{"s":"a\"12345678901234567890123"}"#);
        // Below i64::MIN with 19 digits: the only number in its body.
        assert_eq!(q(r#"{"id":-9223372036854775809}"#), r#"{"id":"-9223372036854775809"}"#);
        assert_eq!(q("[-9999999999999999999]"), r#"["-9999999999999999999"]"#);
        assert_eq!(q("[-9223372036854775808,9999999999999999999]"), "[-9223372036854775808,9999999999999999999]");
        assert_eq!(
            q("[1.12345678901234567890123,1e12345678901234567890123]"),
            "[1.12345678901234567890123,1e12345678901234567890123]"
        );
    }

    /// Decoded as sent first, an answer still gets the exact digits of a
    /// wide integer, and the same values as when quoted first.
    #[test]
    fn decoding_before_quoting_keeps_wide_integers_exact() {
        static NOTED: OperationInfo =
            OperationInfo { payload_at: &["data"], numbers_noted: true, ..crate::call::TEST_OPERATION };
        let decode = |body: &str| {
            let raw = RawResponse::received(&NOTED, 200, body.as_bytes());
            let first = decode_success::<Vec<crate::de::Scalar<String>>>(&raw, true).unwrap();
            let quoted = decode_success::<Vec<crate::de::Scalar<String>>>(&raw, false).unwrap();
            assert_eq!((&first.data, &first.meta), (&quoted.data, &quoted.meta), "{body}");
            (first.data.into_iter().map(|s| s.0).collect::<Vec<_>>(), first.meta)
        };
        let (data, meta) = decode(r#"{"data":[18446744073709551616,"x",-9223372036854775809],"count":2}"#);
        assert_eq!(data, ["18446744073709551616", "x", "-9223372036854775809"]);
        assert_eq!(meta.count, Some(2));
        // A float with no wide integer anywhere: kept as read.
        assert_eq!(decode(r#"{"data":[1.5,7]}"#).0, ["1.5", "7"]);
        // Only the envelope's tree holds one.
        let (data, meta) = decode(r#"{"data":["a"],"properties":{"n":123456789012345678901234}}"#);
        assert_eq!((data, meta.properties), (vec!["a".to_owned()], Some(json!({"n": "123456789012345678901234"}))));
        // Too wide even for a float: an error where it is read, not a float.
        let (data, meta) = decode(&format!(r#"{{"data":["a"],"timestamp":1,"duration":{}}}"#, "9".repeat(400)));
        assert_eq!(
            (data, meta.timestamp, meta.duration),
            (vec!["a".to_owned()], Some(crate::Timestamp::from_unix_millis(1)), None)
        );
    }

    #[test]
    fn digit_runs_are_found_wherever_they_sit() {
        for len in 0..64 {
            for at in 0..24 {
                let mut body = vec![b'x'; at];
                body.extend(std::iter::repeat_n(b'7', len));
                body.extend(b",}");
                assert_eq!(has_digit_run(&body, 20), len >= 20, "run of {len} at {at}");
            }
        }
        assert!(!has_digit_run(b"1542559373412,1542559373412,15425593734", 20));
        // Against a plain count, on bodies of short and long runs mixed.
        let mut seed = 7u32;
        for _ in 0..2000 {
            let mut body = Vec::new();
            while body.len() < 90 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let run = (seed >> 16) as usize % 23;
                body.extend(std::iter::repeat_n(b'1', run));
                body.push(b',');
            }
            let longest = body.split(|b| *b == b',').map(<[u8]>::len).max().unwrap_or(0);
            assert_eq!(has_digit_run(&body, 20), longest >= 20, "{}", String::from_utf8_lossy(&body));
        }
        assert!(has_digit_run(b"[12345678901234567890]", 20));
    }

    #[test]
    fn digit_runs_of_any_length_match_a_plain_count() {
        let mut seed = 11u32;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % n
        };
        for min in [2, 3, 4, 7, 15, 19, 20, 21] {
            for i in 0..3000 {
                let mut body = Vec::new();
                // Long enough for whole blocks of probes at every `min`; in
                // every other body, runs far apart, so that most blocks hold
                // no candidate and are skipped whole.
                let len = next(400) as usize;
                let gap = if i % 2 == 0 { 3 } else { 8 * min as u32 };
                while body.len() < len {
                    let run = next(min as u32 + 3) as usize;
                    body.extend((0..run).map(|i| b'0' + (i % 10) as u8));
                    body.extend(std::iter::repeat_n(b'x', 1 + next(gap) as usize));
                }
                if next(2) == 0 {
                    body.truncate(len);
                }
                let longest = body.split(|b| !b.is_ascii_digit()).map(<[u8]>::len).max().unwrap_or(0);
                assert_eq!(has_digit_run(&body, min), longest >= min, "min {min}: {}", String::from_utf8_lossy(&body));
            }
        }
    }

    /// A payload that writes something else than it read: the round-trip
    /// check (on with `test-util`) must catch it.
    #[cfg(feature = "test-util")]
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Lossy(i64);

    #[cfg(feature = "test-util")]
    impl Serialize for Lossy {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_i64(self.0 + 1)
        }
    }

    #[cfg(feature = "test-util")]
    #[test]
    #[should_panic(expected = "t: the payload changes on a round trip: Lossy(1) became Lossy(2)")]
    fn a_payload_that_does_not_round_trip_fails_the_tests() {
        let _ = decode_only::<Lossy>(&crate::call::TEST_OPERATION, 200, b"1");
    }

    #[cfg(feature = "test-util")]
    #[test]
    fn payloads_that_round_trip_pass() {
        assert!(decode_only::<Vec<i64>>(&crate::call::TEST_OPERATION, 200, br#"[1, "2"]"#).is_err());
        decode_only::<Vec<crate::Timestamp>>(&crate::call::TEST_OPERATION, 200, br#"[1, "2"]"#).unwrap();
    }

    #[test]
    fn payload_is_taken_out_of_its_place() {
        let (p, rest) = split_payload(json!({"data": {"affiliations": [1]}, "count": 1}), &["data", "affiliations"]);
        assert_eq!(p, json!([1]));
        assert_eq!(rest, Some(json!({"count": 1})));
        let (p, _) = split_payload(json!([1, 2]), &["data"]);
        assert_eq!(p, Value::Null);
    }
}

//! The one-pass decoder of a successful answer: the bytes go straight into
//! the payload type at its place in the body, and the envelope keys beside
//! it into [`ResponseMeta`], with no JSON tree of the payload in between.
//!
//! It gives the same result as the tree pass in `response.rs` on every body
//! the tree pass accepts, except that it may refuse a few the tree accepts
//! (a key sent twice). Its errors carry no path: the caller falls back to the
//! tree pass for both reasons. In the parts of a body it skips unread, it
//! accepts three things the tree refuses: nesting deeper than 128 levels,
//! numbers beyond `f64` (`1e400`) and text that is not UTF-8. Everything it
//! keeps is checked as strictly as before, so the payload is whole, and
//! refusing the answer would lose it for nothing.
//!
//! Because its errors are never shown, the decoders it runs may take a
//! faster route whose failures say less, as long as they accept exactly what
//! the usual route does: [`active`] tells them they run inside it.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::generated::ResponseMeta;

thread_local! {
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
    static FLOAT_KEPT: Cell<bool> = const { Cell::new(false) };
}

/// Notes that a decoder kept a value that may hold a JSON number read as a
/// float: a float it converted, or a JSON tree it built. An integer literal
/// outside the 64-bit range reaches a decoder only that way, so a body
/// decoded without quoting such literals first (see `response::decode`)
/// needs checking for them only when this was noted. Every decoder of this
/// crate that keeps a float or builds a tree calls it; for the others, the
/// generator tells which answers reach none ([`OperationInfo::numbers_noted`]).
///
/// [`OperationInfo::numbers_noted`]: crate::call::OperationInfo::numbers_noted
#[inline]
pub(crate) fn note_float_kept() {
    FLOAT_KEPT.with(|f| f.set(true));
}

/// Whether this thread is decoding inside the one-pass decoder, whose
/// errors are dropped (the tree pass decodes again and reports).
#[inline]
pub(crate) fn active() -> bool {
    ACTIVE.with(Cell::get)
}

/// Marks the thread as inside the one-pass decoder until dropped, a panic
/// included.
struct OnePass(bool);

impl OnePass {
    fn enter() -> Self {
        OnePass(ACTIVE.with(|a| a.replace(true)))
    }
}

impl Drop for OnePass {
    fn drop(&mut self) {
        ACTIVE.with(|a| a.set(self.0));
    }
}

/// Runs `f` as if inside the one-pass decoder (tests of the faster routes).
#[cfg(test)]
pub(crate) fn as_one_pass<R>(f: impl FnOnce() -> R) -> R {
    let _inside = OnePass::enter();
    f()
}

/// An answer decoded in one pass, and whether a decoder noted a kept float
/// on the way ([`note_float_kept`]).
pub(super) struct Decoded<T> {
    pub(super) data: T,
    pub(super) meta: ResponseMeta,
    pub(super) float_kept: bool,
}

/// Decodes `body` (not blank) as an answer whose payload sits at `at`.
pub(super) fn decode<T: DeserializeOwned>(body: &[u8], at: &[&str]) -> Result<Decoded<T>, serde_json::Error> {
    FLOAT_KEPT.with(|f| f.set(false));
    let (data, meta) = decode_parts(body, at)?;
    Ok(Decoded { data, meta, float_kept: FLOAT_KEPT.with(Cell::get) })
}

fn decode_parts<T: DeserializeOwned>(body: &[u8], at: &[&str]) -> Result<(T, ResponseMeta), serde_json::Error> {
    let _inside = OnePass::enter();
    let mut de = serde_json::Deserializer::from_slice(body);
    let Some((first, rest)) = at.split_first() else {
        // The whole body is the payload, and its envelope keys too.
        let data = T::deserialize(&mut de)?;
        de.end()?;
        let meta = if starts_object(body) {
            serde_json::from_slice(body).unwrap_or_else(|_| {
                // Dropped, as the tree pass drops it; but a number too wide
                // even for a float fails it too, and quoted it would not.
                note_float_kept();
                ResponseMeta::default()
            })
        } else {
            ResponseMeta::default()
        };
        return Ok((data, meta));
    };
    let top = de.deserialize_any(Envelope::<T> { key: first, rest, out: PhantomData })?;
    de.end()?;
    let data = match top.data {
        Some(data) => data,
        None => T::deserialize(Value::Null)?,
    };
    Ok((data, top.meta.unwrap_or_default()))
}

fn starts_object(body: &[u8]) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// The `visit_*` methods of the scalars, for a visitor to which a scalar
/// means "not here": it yields `$absent`.
macro_rules! absent_on_scalars {
    ($out:ty, $absent:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<$out, E> {
            Ok($absent)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<$out, E> {
            Ok($absent)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<$out, E> {
            Ok($absent)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<$out, E> {
            Ok($absent)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<$out, E> {
            Ok($absent)
        }
        fn visit_unit<E: de::Error>(self) -> Result<$out, E> {
            Ok($absent)
        }
    };
}

/// What the top level yields: the payload if it was there, and the other
/// keys if the body was an object.
struct Top<T> {
    data: Option<T>,
    meta: Option<ResponseMeta>,
}

/// The top level: the payload under `key` (then `rest`), every other key kept
/// for the envelope metadata.
struct Envelope<'a, T> {
    key: &'a str,
    rest: &'a [&'a str],
    out: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Envelope<'_, T> {
    type Value = Top<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON answer")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Top<T>, A::Error> {
        let mut data = None;
        let siphon = Siphon { map, key: self.key, rest: self.rest, data: &mut data, de: PhantomData };
        let meta = ResponseMeta::deserialize(MapAccessDeserializer::new(siphon))?;
        Ok(Top { data, meta: Some(meta) })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Top<T>, A::Error> {
        skip_seq(seq)?;
        Ok(Top { data: None, meta: None })
    }

    absent_on_scalars!(Top<T>, Top { data: None, meta: None });
}

/// The top-level object as [`ResponseMeta`] sees it: every key but the
/// payload's, whose value is decoded on the way into `data`. The envelope is
/// decoded by its own derived code, straight from the bytes: the keys it
/// does not know are skipped unread.
struct Siphon<'a, 'de, A, T> {
    map: A,
    key: &'a str,
    rest: &'a [&'a str],
    data: &'a mut Option<T>,
    de: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>, T: DeserializeOwned> MapAccess<'de> for Siphon<'_, 'de, A, T> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, mut seed: K) -> Result<Option<K::Value>, A::Error> {
        loop {
            match self.map.next_key_seed(Sorted { payload: self.key, seed })? {
                None => return Ok(None),
                Some(TopKey::Envelope(key)) => return Ok(Some(key)),
                Some(TopKey::Payload(unused)) => {
                    seed = unused;
                    // A key sent twice: the last one counts, as in a JSON tree.
                    *self.data = self.map.next_value_seed(At::<T> { path: self.rest, out: PhantomData })?;
                }
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A key of the top-level object, read once: the payload's, or one the
/// envelope's own key seed has already looked up.
enum TopKey<K, V> {
    /// The payload's key; the envelope's seed comes back unused.
    Payload(K),
    Envelope(V),
}

/// Reads a key and sorts it: the payload's, or else handed to `seed` (the
/// envelope's key lookup). In one step: reading the key as text first and
/// then handing that to the seed cost every key of every answer a second
/// visitor and a second comparison.
struct Sorted<'a, K> {
    payload: &'a str,
    seed: K,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for Sorted<'_, K> {
    type Value = TopKey<K, K::Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for Sorted<'_, K> {
    type Value = TopKey<K, K::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
        if key == self.payload {
            return Ok(TopKey::Payload(self.seed));
        }
        self.seed.deserialize(BorrowedStrDeserializer::new(key)).map(TopKey::Envelope)
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        if key == self.payload {
            return Ok(TopKey::Payload(self.seed));
        }
        self.seed.deserialize(key.into_deserializer()).map(TopKey::Envelope)
    }
}

/// The value at `path` inside the current one, decoded as `T`; `None` when
/// the path does not exist (a missing key, or not an object on the way).
struct At<'a, T> {
    path: &'a [&'a str],
    out: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for At<'_, T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        match self.path.split_first() {
            None => T::deserialize(d).map(Some),
            Some((key, rest)) => d.deserialize_any(Inside::<T> { key, rest, out: PhantomData }),
        }
    }
}

struct Inside<'a, T> {
    key: &'a str,
    rest: &'a [&'a str],
    out: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Inside<'_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with `{}`", self.key)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let mut found = None;
        while let Some(is_ours) = map.next_key_seed(KeyIs(self.key))? {
            if is_ours {
                found = map.next_value_seed(At::<T> { path: self.rest, out: PhantomData })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<T>, A::Error> {
        skip_seq(seq)?;
        Ok(None)
    }

    absent_on_scalars!(Option<T>, None);
}

fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// A map key compared with the one wanted, without allocating it.
struct KeyIs<'a>(&'a str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run<T: DeserializeOwned>(body: &str, at: &[&str]) -> Result<(T, ResponseMeta), serde_json::Error> {
        decode(body.as_bytes(), at).map(|d| (d.data, d.meta))
    }

    fn float_kept<T: DeserializeOwned>(body: &str, at: &[&str]) -> bool {
        decode::<T>(body.as_bytes(), at).expect("decodes").float_kept
    }

    /// What the lenient decoders convert, and the trees the tolerant ones
    /// build, are noted; integers that fit, and floats skipped unread, are not.
    #[test]
    fn kept_floats_and_trees_are_noted_and_each_decoding_starts_afresh() {
        assert!(!float_kept::<Vec<i64>>(r#"{"data":[1,-2],"x":1.5,"count":3}"#, &["data"]));
        assert!(float_kept::<Vec<crate::de::Scalar<String>>>(r#"{"data":[1.5]}"#, &["data"]));
        assert!(float_kept::<Vec<crate::de::Scalar<i64>>>(r#"{"data":[1],"duration":2.5}"#, &["data"]));
        assert!(float_kept::<Vec<i64>>(r#"{"data":[1],"properties":{"a":1}}"#, &["data"]));
        assert!(!float_kept::<Vec<i64>>(r#"{"data":[1],"count":3}"#, &["data"]));
        // The whole body as payload, its envelope unreadable as sent: a
        // number beyond even a float's range is an error, not a float.
        let beyond = format!(r#"{{"timestamp":1,"duration":{}}}"#, "9".repeat(400));
        assert!(float_kept::<serde::de::IgnoredAny>(&beyond, &[]));
        assert!(!float_kept::<serde::de::IgnoredAny>(r#"{"timestamp":1,"duration":2}"#, &[]));
    }

    #[test]
    fn payload_and_envelope_in_one_pass() {
        let (data, meta) = run::<Vec<i64>>(
            r#"{"count":2,"data":{"x":{"y":1},"affiliations":[1,2]},"cursor":"c"}"#,
            &["data", "affiliations"],
        )
        .unwrap();
        assert_eq!(data, vec![1, 2]);
        assert_eq!(meta.count, Some(2));
        assert_eq!(meta.cursor.as_deref(), Some("c"));
    }

    #[test]
    fn a_missing_payload_decodes_as_null() {
        let (data, meta) = run::<Option<i64>>(r#"{"count":"3"}"#, &["data"]).unwrap();
        assert_eq!((data, meta.count), (None, Some(3)));
        let (data, meta) = run::<Option<i64>>("[1,[2]]", &["data", "x"]).unwrap();
        assert_eq!((data, meta), (None, ResponseMeta::default()));
        let (data, _) = run::<Option<i64>>(r#"{"data":[{"x":1}]}"#, &["data", "x"]).unwrap();
        assert_eq!(data, None);
        assert!(run::<i64>(r#"{"data":null}"#, &["data"]).is_err());
    }

    #[test]
    fn the_whole_body_as_payload() {
        let (data, meta) = run::<serde_json::Map<String, Value>>(r#"{"a":1,"timestamp":5}"#, &[]).unwrap();
        assert_eq!(data.len(), 2);
        assert_eq!(meta.timestamp, Some(crate::Timestamp::from_unix_millis(5)));
        let (data, meta) = run::<Vec<i64>>("[1]", &[]).unwrap();
        assert_eq!((data, meta), (vec![1], ResponseMeta::default()));
    }

    /// A key written with an escape is not borrowed from the body: it is
    /// still sorted into the payload or the envelope.
    #[test]
    fn keys_with_escapes_are_sorted_like_the_others() {
        let (data, meta) = run::<Vec<i64>>(r#"{"d\u0061ta":[7],"c\u006funt":1,"\u0078":2}"#, &["data"]).unwrap();
        assert_eq!((data, meta.count), (vec![7], Some(1)));
    }

    #[test]
    fn the_last_of_a_repeated_key_counts_and_trailing_bytes_fail() {
        let (data, _) = run::<i64>(r#"{"data":1,"data":2}"#, &["data"]).unwrap();
        assert_eq!(data, 2);
        assert!(run::<i64>(r#"{"data":1} x"#, &["data"]).is_err());
    }
}

//! Decoding helpers the generated types name in `#[serde(deserialize_with)]`.
//!
//! The docs and the server disagree on small things: booleans sent as
//! `"false"` or `"success"`, numbers as strings, IDs as numbers, one object
//! where a list is documented. These helpers accept each documented variant,
//! and fail (never panic) on anything else.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, Error as _, IgnoredAny, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use serde_json::{Map, Value};

use crate::response::fast::note_float_kept;
use crate::unknown::{UnknownVariant, unknown_variant};

/// Scalars that accept their text forms.
pub trait Lenient: Sized {
    /// Converts a JSON value, or says what was expected.
    fn from_json(v: Value) -> Result<Self, String>;

    /// Converts a JSON string; the same as [`from_json`](Self::from_json)
    /// on it, without wrapping it first.
    fn from_text(s: String) -> Result<Self, String> {
        Self::from_json(Value::String(s))
    }

    /// Converts a JSON integer; the same as [`from_json`](Self::from_json)
    /// on it, without wrapping it first.
    fn from_i64(n: i64) -> Result<Self, String> {
        Self::from_json(Value::from(n))
    }

    /// [`from_i64`](Self::from_i64) for a non-negative integer.
    fn from_u64(n: u64) -> Result<Self, String> {
        Self::from_json(Value::from(n))
    }

    /// Converts a JSON boolean; the same as [`from_json`](Self::from_json)
    /// on it, without wrapping it first.
    fn from_bool(b: bool) -> Result<Self, String> {
        Self::from_json(Value::Bool(b))
    }
}

impl Lenient for String {
    #[inline]
    fn from_text(s: String) -> Result<Self, String> {
        Ok(s)
    }

    fn from_i64(n: i64) -> Result<Self, String> {
        Ok(n.to_string())
    }

    fn from_u64(n: u64) -> Result<Self, String> {
        Ok(n.to_string())
    }

    fn from_bool(b: bool) -> Result<Self, String> {
        Ok(b.to_string())
    }

    fn from_json(v: Value) -> Result<Self, String> {
        match v {
            Value::String(s) => Ok(s),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            other => Err(format!("expected a string, found {}", kind(&other))),
        }
    }
}

impl Lenient for i64 {
    #[inline]
    fn from_i64(n: i64) -> Result<Self, String> {
        Ok(n)
    }

    #[inline]
    fn from_u64(n: u64) -> Result<Self, String> {
        // Above `i64::MAX`, `from_json`'s float fallback is out of its range.
        i64::try_from(n).map_err(|_| format!("expected an integer, found {n}"))
    }

    fn from_json(v: Value) -> Result<Self, String> {
        match &v {
            Value::Number(n) => n
                .as_i64()
                .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e18).map(|f| f as i64))
                .ok_or_else(|| format!("expected an integer, found {n}")),
            Value::String(s) => s.trim().parse().map_err(|_| format!("expected an integer, found the string {s:?}")),
            other => Err(format!("expected an integer, found {}", kind(other))),
        }
    }
}

impl Lenient for bool {
    #[inline]
    fn from_bool(b: bool) -> Result<Self, String> {
        Ok(b)
    }

    fn from_i64(n: i64) -> Result<Self, String> {
        bool_from_number(u64::try_from(n).ok())
    }

    fn from_u64(n: u64) -> Result<Self, String> {
        bool_from_number(Some(n))
    }

    fn from_json(v: Value) -> Result<Self, String> {
        match &v {
            Value::Bool(b) => Ok(*b),
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "success" | "ok" => Ok(true),
                "false" | "fail" | "failed" | "failure" => Ok(false),
                _ => Err(format!("expected a boolean, found the string {s:?}")),
            },
            Value::Number(n) => bool_from_number(n.as_u64()),
            other => Err(format!("expected a boolean, found {}", kind(other))),
        }
    }
}

/// A number as a boolean: 0 and 1 only (`n` is the number if it is a
/// non-negative integer).
fn bool_from_number(n: Option<u64>) -> Result<bool, String> {
    match n {
        Some(0) => Ok(false),
        Some(1) => Ok(true),
        _ => Err("expected a boolean, found a number".to_owned()),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A required lenient scalar.
// Inlined: IDs are decoded through it, once per item of a member list.
#[inline]
pub fn lenient<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<T, D::Error> {
    d.deserialize_any(LenientVisitor(PhantomData))?
        .ok_or_else(|| D::Error::custom(T::from_json(Value::Null).err().unwrap_or_default()))
}

/// A required identifier: a string, or a number or boolean as its text.
/// [`lenient`] for `String`, with a visitor of its own: IDs are decoded
/// once per item of a member list, where the general visitor's `Option`
/// and conversions cost a third more than reading the string.
#[inline]
pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(IdVisitor)
}

struct IdVisitor;

impl IdVisitor {
    /// Anything but a string, with [`lenient`]'s conversion and messages.
    #[cold]
    fn other<E: de::Error>(v: Value) -> Result<String, E> {
        String::from_json(v).map_err(E::custom)
    }
}

impl<'de> Visitor<'de> for IdVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    #[inline]
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Self::other(Value::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Self::other(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        note_float_kept();
        Self::other(Value::from(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Self::other(Value::Bool(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Self::other(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        Self::other(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<String, A::Error> {
        Self::other(Value::Array(Vec::new()))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<String, A::Error> {
        Self::other(Value::Object(serde_json::Map::new()))
    }
}

/// An optional lenient scalar; `null` is `None`.
pub fn opt_lenient<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<Option<T>, D::Error> {
    d.deserialize_any(LenientVisitor(PhantomData))
}

/// Reads a scalar as the JSON value it is, without building a tree first
/// (a text is handed over as it is read); `null` is `None`. Objects and
/// arrays are refused unread.
struct LenientVisitor<T>(PhantomData<T>);

impl<T: Lenient> LenientVisitor<T> {
    fn convert<E: de::Error>(v: Value) -> Result<Option<T>, E> {
        T::from_json(v).map(Some).map_err(E::custom)
    }
}

impl<'de, T: Lenient> Visitor<'de> for LenientVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a scalar")
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Option<T>, E> {
        self.visit_str(v)
    }
    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        T::from_text(v.to_owned()).map(Some).map_err(E::custom)
    }
    #[inline]
    fn visit_string<E: de::Error>(self, v: String) -> Result<Option<T>, E> {
        T::from_text(v).map(Some).map_err(E::custom)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<T>, E> {
        T::from_i64(v).map(Some).map_err(E::custom)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<T>, E> {
        T::from_u64(v).map(Some).map_err(E::custom)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<T>, E> {
        note_float_kept();
        Self::convert(Value::from(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<T>, E> {
        T::from_bool(v).map(Some).map_err(E::custom)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_any(self)
    }
    // No lenient scalar accepts an array or an object, so their contents are
    // not read: the kind alone makes the message. Reading them into a tree
    // here put that code into every scalar's decoder, on the success path too.
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Option<T>, A::Error> {
        Self::convert(Value::Array(Vec::new()))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Option<T>, A::Error> {
        Self::convert(Value::Object(serde_json::Map::new()))
    }
}

/// Envelope metadata: a value of an unexpected type is dropped, not an error.
pub fn tolerant<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    note_float_kept();
    Ok(T::deserialize(Value::deserialize(d)?).ok())
}

/// [`tolerant`] for lenient scalars.
///
/// The value is converted as it is read, with no JSON tree in between: the
/// envelope's scalars are decoded on every answer. What it accepts, and as
/// what, is exactly [`Lenient::from_json`] on the value's tree, `.ok()`.
pub fn tolerant_lenient<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<Option<T>, D::Error> {
    d.deserialize_any(TolerantLenientVisitor(PhantomData))
}

/// Reads any value; a scalar that converts is kept, anything else dropped.
struct TolerantLenientVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient> Visitor<'de> for TolerantLenientVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Option<T>, E> {
        self.visit_str(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        Ok(T::from_text(v.to_owned()).ok())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Option<T>, E> {
        Ok(T::from_text(v).ok())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<T>, E> {
        Ok(T::from_i64(v).ok())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<T>, E> {
        Ok(T::from_u64(v).ok())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<T>, E> {
        note_float_kept();
        Ok(T::from_json(Value::from(v)).ok())
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<T>, E> {
        Ok(T::from_bool(v).ok())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(T::from_json(Value::Null).ok())
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        self.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_any(self)
    }
    // No lenient scalar is an array or an object: they are read to their
    // end (so the body's syntax is still checked) and dropped.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<T>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// A bare scalar payload (`"data": true`), decoded as leniently as scalar
/// fields are.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar<T>(pub T);

impl<T> Scalar<T> {
    /// The value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: serde::Serialize> serde::Serialize for Scalar<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Lenient> Deserialize<'de> for Scalar<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient(d).map(Scalar)
    }
}

/// The payload of an operation whose answer carries nothing the caller
/// needs: anything is accepted and dropped. Written as `null`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ignored;

impl<'de> Deserialize<'de> for Ignored {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(d).map(|_| Ignored)
    }
}

impl serde::Serialize for Ignored {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit()
    }
}

/// An object or an array of them, as a list. `null` is an empty list.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<T> OneOrMany<T> {
    /// The items.
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

/// Always written as a list, which reads back as the same items.
impl<T: serde::Serialize> serde::Serialize for OneOrMany<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        note_float_kept();
        match Value::deserialize(d)? {
            Value::Null => Ok(OneOrMany(Vec::new())),
            Value::Array(items) => items.into_iter().map(from_value).collect::<Result<_, _>>().map(OneOrMany),
            one => from_value(one).map(|t| OneOrMany(vec![t])),
        }
    }
}

/// A required `one_or_many` field.
pub fn one_or_many<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    OneOrMany::deserialize(d).map(OneOrMany::into_vec)
}

/// An optional `one_or_many` field.
pub fn opt_one_or_many<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<Vec<T>>, D::Error> {
    note_float_kept();
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        v => OneOrMany::deserialize(v).map(|m| Some(m.into_vec())).map_err(D::Error::custom),
    }
}

/// A union written as an object with one key naming the variant
/// (`{"owner": "u1"}`): implemented by the generated enums, decoded by
/// [`single_key`] in one pass, without a JSON tree per value.
pub trait KeyedUnion: Sized {
    /// The keys of the known variants.
    const KEYS: &'static [&'static str];
    /// The index in [`KEYS`](Self::KEYS) of `key`, if known. The generated
    /// enums override it with a `match`, which the compiler turns into
    /// length and byte comparisons instead of a search calling `memcmp`
    /// per key: it is paid on every item of a list.
    fn index(key: &str) -> Option<usize> {
        Self::KEYS.iter().position(|k| *k == key)
    }
    /// Decodes the value of the known key `KEYS[index]` from `map`.
    fn known<'de, A: MapAccess<'de>>(index: usize, map: &mut A) -> Result<Self, A::Error>;
    /// Wraps a key the spec does not know, with its value.
    fn unknown(variant: UnknownVariant) -> Self;
}

/// An object with exactly one key, decoded as the variant that key names.
///
/// Inside the one-pass decoder of answers, read as an enum: a JSON parser
/// then checks the closing brace itself instead of looking for a second key,
/// the shape serde's derived enums decode at. Every deserializer of this
/// crate's answers (the JSON text, a JSON tree, serde's buffered content)
/// accepts the same objects that way, but words its refusals its own way
/// (`expected value`, `map with a single key`), hence only where refusals
/// are dropped: elsewhere the map is read and counted, for the messages
/// below.
// Inlined down to the variant's value, as serde's derived enums are: the
// calls between the steps cost as much as the steps on a list of them.
#[inline]
pub fn single_key<'de, D: Deserializer<'de>, T: KeyedUnion>(d: D) -> Result<T, D::Error> {
    if crate::response::fast::active() {
        d.deserialize_enum("keyed union", T::KEYS, SingleKey(PhantomData))
    } else {
        d.deserialize_any(SingleKey(PhantomData))
    }
}

struct SingleKey<T>(PhantomData<T>);

impl<'de, T: KeyedUnion> Visitor<'de> for SingleKey<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with one key")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let out = match map.next_key_seed(KeyIndex::<T>(PhantomData))? {
            None => return Err(A::Error::custom("expected an object with one key, found 0 keys")),
            Some(Key::Known(index)) => T::known(index, &mut map)?,
            Some(Key::Unknown(key)) => T::unknown(unknown_variant(key, map.next_value()?)),
        };
        let mut keys = 1;
        while map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value::<IgnoredAny>()?;
            keys += 1;
        }
        if keys > 1 {
            return Err(A::Error::custom(format!("expected an object with one key, found {keys} keys")));
        }
        Ok(out)
    }

    #[inline]
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<T, A::Error> {
        let (key, variant) = data.variant_seed(KeyIndex::<T>(PhantomData))?;
        let mut value = VariantValue(Some(variant));
        match key {
            Key::Known(index) => T::known(index, &mut value),
            Key::Unknown(key) => Ok(T::unknown(unknown_variant(key, value.next_value()?))),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(A::Error::custom("expected an object with one key, found an array"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<T, E> {
        Err(E::custom("expected an object with one key, found a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<T, E> {
        Err(E::custom("expected an object with one key, found a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<T, E> {
        Err(E::custom("expected an object with one key, found a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<T, E> {
        Err(E::custom("expected an object with one key, found a number"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<T, E> {
        Err(E::custom("expected an object with one key, found a string"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Err(E::custom("expected an object with one key, found null"))
    }
}

/// The value of an enum's variant as the one value of a map whose key was
/// read, for [`KeyedUnion::known`]. A unit variant (a bare string) has none.
struct VariantValue<V>(Option<V>);

impl<'de, V: VariantAccess<'de>> MapAccess<'de> for VariantValue<V> {
    type Error = V::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, _: K) -> Result<Option<K::Value>, V::Error> {
        Ok(None)
    }

    #[inline]
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, V::Error> {
        match self.0.take() {
            Some(variant) => variant.newtype_variant_seed(seed),
            None => Err(V::Error::custom("the value of a one-key object read twice")),
        }
    }
}

/// A key looked up among known ones; only an unknown key is allocated.
enum Key {
    Known(usize),
    Unknown(String),
}

struct KeyIndex<T>(PhantomData<T>);

impl<'de, T: KeyedUnion> DeserializeSeed<'de> for KeyIndex<T> {
    type Value = Key;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, T: KeyedUnion> Visitor<'de> for KeyIndex<T> {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    #[inline]
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(match T::index(key) {
            Some(i) => Key::Known(i),
            None => Key::Unknown(key.to_owned()),
        })
    }
}

/// An object `{"<tag>": "<name>", "<content>": {...}}`, as `(name, content)`.
/// A missing content is `null`.
pub fn tagged<'de, D: Deserializer<'de>>(d: D, tag: &str, content: &str) -> Result<(String, Value), D::Error> {
    note_float_kept();
    match Value::deserialize(d)? {
        Value::Object(mut map) => {
            let name = match map.remove(tag) {
                Some(Value::String(s)) => s,
                Some(other) => {
                    return Err(D::Error::custom(format!("`{tag}` must be a string, found {}", kind(&other))));
                }
                None => return Err(D::Error::custom(format!("missing `{tag}`"))),
            };
            Ok((name, map.remove(content).unwrap_or(Value::Null)))
        }
        other => Err(D::Error::custom(format!("expected an object with `{tag}`, found {}", kind(&other)))),
    }
}

/// An object `{"<tag>": "<name>", ...fields}` whose variant fields sit beside
/// the tag, as `(name, the object without the tag)`.
pub fn internally_tagged<'de, D: Deserializer<'de>>(d: D, tag: &str) -> Result<(String, Value), D::Error> {
    note_float_kept();
    match Value::deserialize(d)? {
        Value::Object(mut map) => match map.remove(tag) {
            Some(Value::String(s)) => Ok((s, Value::Object(map))),
            Some(other) => Err(D::Error::custom(format!("`{tag}` must be a string, found {}", kind(&other)))),
            None => Err(D::Error::custom(format!("missing `{tag}`"))),
        },
        other => Err(D::Error::custom(format!("expected an object with `{tag}`, found {}", kind(&other)))),
    }
}

/// Serialises `fields` (an object) with `"<tag>": "<name>"` added beside its
/// keys: the other half of [`internally_tagged`].
pub fn serialize_internally_tagged<S: serde::Serializer, T: serde::Serialize>(
    s: S,
    tag: &str,
    name: &str,
    fields: &T,
) -> Result<S::Ok, S::Error> {
    use serde::ser::Error as _;
    let tagged = with_tag(serde_json::to_value(fields), tag, name).map_err(S::Error::custom)?;
    serde::Serialize::serialize(&tagged, s)
}

/// The object `fields` with the tag added; the part of
/// [`serialize_internally_tagged`] that depends on neither type.
#[inline(never)]
fn with_tag(fields: Result<Value, serde_json::Error>, tag: &str, name: &str) -> Result<Map<String, Value>, String> {
    match fields.map_err(|e| e.to_string())? {
        Value::Object(mut map) => {
            map.insert(tag.to_owned(), Value::String(name.to_owned()));
            Ok(map)
        }
        other => Err(format!("a tagged variant must be an object, found {}", kind(&other))),
    }
}

/// Serialises a keyed-union variant as `{"<key>": value}`: the other half
/// of [`single_key`].
pub fn serialize_single_key<S: serde::Serializer, T: serde::Serialize + ?Sized>(
    s: S,
    key: &str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap as _;
    let mut m = s.serialize_map(Some(1))?;
    m.serialize_entry(key, value)?;
    m.end()
}

/// Decodes a JSON value inside another `Deserialize` impl.
pub fn from_value<T: DeserializeOwned, E: de::Error>(v: Value) -> Result<T, E> {
    T::deserialize(v).map_err(E::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_decodes_as_a_lenient_string_does() {
        // The parser adds its position to an error raised while it reads;
        // `lenient` raises the one for `null` after. Answers' errors come
        // from the tree pass, where neither has a position.
        let unplaced = |e: serde_json::Error| e.to_string().split(" at line ").next().unwrap_or_default().to_owned();
        let decode = |text: &str| {
            let by_id = id(&mut serde_json::Deserializer::from_str(text)).map_err(unplaced);
            let by_lenient = lenient::<_, String>(&mut serde_json::Deserializer::from_str(text)).map_err(unplaced);
            assert_eq!(by_id, by_lenient, "{text}");
            // From a tree (the tree pass) too.
            let value: Value = serde_json::from_str(text).unwrap();
            let tree = id(value.clone()).map_err(|e| e.to_string());
            assert_eq!(tree, lenient::<_, String>(value).map_err(|e| e.to_string()), "{text}");
            by_id
        };
        assert_eq!(decode(r#""u1""#), Ok("u1".to_owned()));
        assert_eq!(decode(r#""a\nb""#), Ok("a\nb".to_owned()));
        assert_eq!(decode(r#""caf\u00e9""#), Ok("café".to_owned()));
        assert_eq!(decode("12"), Ok("12".to_owned()));
        assert_eq!(decode("-12"), Ok("-12".to_owned()));
        assert_eq!(decode("18446744073709551615"), Ok("18446744073709551615".to_owned()));
        assert_eq!(decode("1.5"), Ok("1.5".to_owned()));
        assert_eq!(decode("true"), Ok("true".to_owned()));
        for refused in ["null", "[]", "[1]", r#"{"a":1}"#] {
            assert!(decode(refused).unwrap_err().starts_with("expected a string, found"), "{refused}");
        }
    }

    /// The conversions of integers and booleans that skip the JSON value
    /// agree with `from_json` on it, errors included.
    #[test]
    fn direct_conversions_agree_with_from_json() {
        fn check<T: Lenient + PartialEq + fmt::Debug>() {
            let ints = [0, 1, -1, 2, 1000, i64::MAX, i64::MIN, 9_000_000_000_000_000_000];
            for n in ints {
                assert_eq!(T::from_i64(n), T::from_json(Value::from(n)), "{n}");
            }
            let uints = [0, 1, 2, i64::MAX as u64, i64::MAX as u64 + 1, 9_000_000_000_000_000_000, u64::MAX];
            for n in uints {
                assert_eq!(T::from_u64(n), T::from_json(Value::from(n)), "{n}");
            }
            for b in [false, true] {
                assert_eq!(T::from_bool(b), T::from_json(Value::Bool(b)), "{b}");
            }
        }
        check::<String>();
        check::<i64>();
        check::<bool>();
        check::<crate::Timestamp>();
    }

    /// `tolerant_lenient` keeps what `from_json` converts and drops the
    /// rest, read straight from the text or from a tree.
    #[test]
    fn tolerant_scalars_are_from_json_ok() {
        fn check<T: Lenient + PartialEq + fmt::Debug>(text: &str) {
            let tree: Value = serde_json::from_str(text).unwrap();
            let expected = T::from_json(tree.clone()).ok();
            let direct = tolerant_lenient::<_, T>(&mut serde_json::Deserializer::from_str(text)).unwrap();
            assert_eq!(direct, expected, "{text}");
            assert_eq!(tolerant_lenient::<_, T>(tree).unwrap(), expected, "{text} (tree)");
        }
        let texts = [
            "null",
            "0",
            "1",
            "-1",
            "42",
            "1.5",
            "1e3",
            "18446744073709551615",
            "true",
            "false",
            r#""x""#,
            r#""42""#,
            r#"" 7 ""#,
            r#""success""#,
            "[]",
            "[1, [2]]",
            r#"{"a": {"b": [1]}}"#,
            "{}",
        ];
        for text in texts {
            check::<String>(text);
            check::<i64>(text);
            check::<bool>(text);
            check::<crate::Timestamp>(text);
        }
        // A broken value inside a dropped one is still an error.
        assert!(tolerant_lenient::<_, String>(&mut serde_json::Deserializer::from_str("[1, }")).is_err());
    }

    #[test]
    fn scalars_accept_their_text_forms() {
        assert_eq!(bool::from_json(Value::from("success")), Ok(true));
        assert_eq!(bool::from_json(Value::from("false")), Ok(false));
        assert!(bool::from_json(Value::from("maybe")).is_err());
        assert_eq!(i64::from_json(Value::from("42")), Ok(42));
        assert_eq!(i64::from_json(serde_json::json!(1.0e3)), Ok(1000));
        assert!(i64::from_json(serde_json::json!(1.5)).is_err());
        assert_eq!(String::from_json(Value::from(12)), Ok("12".to_owned()));
        assert!(String::from_json(serde_json::json!({})).is_err());
    }

    #[derive(Debug, PartialEq)]
    enum Role {
        Owner(String),
        Level(i64),
        Other(UnknownVariant),
    }

    impl KeyedUnion for Role {
        const KEYS: &'static [&'static str] = &["owner", "level"];
        fn known<'de, A: MapAccess<'de>>(index: usize, map: &mut A) -> Result<Self, A::Error> {
            match index {
                0 => map.next_value().map(Self::Owner),
                _ => map.next_value().map(Self::Level),
            }
        }
        fn unknown(variant: UnknownVariant) -> Self {
            Self::Other(variant)
        }
    }

    impl<'de> Deserialize<'de> for Role {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            single_key(d)
        }
    }

    #[test]
    fn keyed_unions_name_their_variant_by_their_one_key() {
        let from_text = |s: &str| serde_json::from_str::<Role>(s).map_err(|e| e.to_string());
        let from_tree =
            |s: &str| serde_json::from_value::<Role>(serde_json::from_str(s).unwrap()).map_err(|e| e.to_string());
        for decode in [&from_text as &dyn Fn(&str) -> Result<Role, String>, &from_tree] {
            assert_eq!(decode(r#"{"owner":"u1"}"#), Ok(Role::Owner("u1".into())));
            assert_eq!(decode(r#"{"level":3}"#), Ok(Role::Level(3)));
            match decode(r#"{"guest":[1]}"#) {
                Ok(Role::Other(v)) => assert_eq!((v.key(), v.value()), ("guest", &serde_json::json!([1]))),
                other => panic!("{other:?}"),
            }
            assert!(decode(r#"{"owner":"a","level":1}"#).unwrap_err().contains("found 2 keys"));
            assert!(decode("{}").unwrap_err().contains("found 0 keys"));
            assert!(decode("[]").unwrap_err().contains("found an array"));
            assert!(decode(r#"{"level":"x"}"#).is_err());
        }
    }

    /// Inside the one-pass decoder, keyed unions are read as enums: what is
    /// accepted, and as what, must not change, whatever the deserializer.
    #[test]
    fn keyed_unions_read_as_enums_accept_the_same() {
        #[derive(Debug, PartialEq, Deserialize)]
        #[serde(untagged)]
        enum Buffered {
            Role(Role),
        }
        let bodies = [
            r#"{"owner":"u1"}"#,
            r#" { "owner" : "u1" } "#,
            r#"{"own\u0065r":"u1"}"#,
            r#"{"level":3}"#,
            r#"{"level":"x"}"#,
            r#"{"guest":[1,{"a":null}]}"#,
            r#"{"owner":"a","level":1}"#,
            r#"{"owner":"a","owner":"b"}"#,
            r#"{"owner":"a",}"#,
            r#"{"owner":}"#,
            r#"{"owner""#,
            "{}",
            "[]",
            r#"["owner","u1"]"#,
            r#""owner""#,
            r#""guest""#,
            "null",
            "1",
            "true",
        ];
        for body in bodies {
            let text = || serde_json::from_str::<Role>(body).ok();
            let tree = || serde_json::from_str::<Value>(body).ok().and_then(|v| serde_json::from_value::<Role>(v).ok());
            let buffered = || serde_json::from_str::<Buffered>(body).ok();
            assert_eq!(crate::response::fast::as_one_pass(text), text(), "text: {body}");
            assert_eq!(crate::response::fast::as_one_pass(tree), tree(), "tree: {body}");
            assert_eq!(crate::response::fast::as_one_pass(buffered), buffered(), "buffered: {body}");
        }
        // The route is the enum's: the parser, not the count, refuses a second key.
        let refused = crate::response::fast::as_one_pass(|| serde_json::from_str::<Role>(r#"{"owner":"a","level":1}"#));
        assert!(!refused.unwrap_err().to_string().contains("found 2 keys"));
        let list = crate::response::fast::as_one_pass(|| {
            serde_json::from_str::<Vec<Role>>(r#"[{"owner":"a"},{"level":2},{"x":1}]"#).unwrap()
        });
        assert_eq!(list[..2], [Role::Owner("a".into()), Role::Level(2)]);
    }

    #[test]
    fn one_or_many_accepts_both() {
        let one: OneOrMany<i64> = serde_json::from_str("5").unwrap();
        let many: OneOrMany<i64> = serde_json::from_str("[5, 6]").unwrap();
        assert_eq!(one.into_vec(), vec![5]);
        assert_eq!(many.into_vec(), vec![5, 6]);
    }
}

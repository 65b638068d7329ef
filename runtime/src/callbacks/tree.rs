//! Decoding a callback body (already a JSON tree: its signature was checked
//! on it) with the path of the value being read kept, so an error says where
//! it happened: `at `payload.bodies[0].msg`: invalid type: ...`.
//!
//! `serde_path_to_error` does the same for any deserializer by wrapping
//! every visitor and seed in a type of its own, which the compiler copies
//! for every struct and field of every event. This deserializer is one
//! concrete type over [`Value`]: a struct costs one `deserialize_map`, a
//! field type one `next_value_seed`. The path is a stack: a key or index is
//! pushed before its value is read and popped when the read succeeds, so
//! after a failure it holds the path of the innermost failing value.

use std::fmt;

use serde::de::value::StrDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Error, Map, Value};

/// One step of a path.
enum Segment {
    Key(String),
    Index(usize),
}

/// Where in the tree a failure happened, written as `serde_path_to_error`
/// writes it: `a.b[0].c`, or `.` for the top.
pub(super) struct Path(Vec<Segment>);

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str(".");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Index(n) => write!(f, "[{n}]")?,
                Segment::Key(k) if i == 0 => f.write_str(k)?,
                Segment::Key(k) => write!(f, ".{k}")?,
            }
        }
        Ok(())
    }
}

/// Decodes `value` as a `T`; on failure, the error and where it happened.
pub(super) fn decode<T: DeserializeOwned>(value: Value) -> Result<T, (Path, Error)> {
    let mut path = Vec::new();
    T::deserialize(At { value, path: &mut path }).map_err(|e| (Path(path), e))
}

/// A value of the tree and the path leading to it.
struct At<'p> {
    value: Value,
    path: &'p mut Vec<Segment>,
}

impl<'de> Deserializer<'de> for At<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => n.deserialize_any(visitor),
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => {
                let mut seq = Items::new(items, self.path);
                let out = visitor.visit_seq(&mut seq);
                let rest = seq.finish();
                out.and_then(|out| rest.map(|()| out))
            }
            Value::Object(map) => visit_object(map, self.path, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // No generated type is a serde enum; the tree's own reading will do.
        self.value.deserialize_enum(name, variants, visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    // What a visitor asks for is all it is offered, as the tree's own
    // reading does: a struct's visitor sees only a map, so only its
    // `visit_map` is compiled, not every `visit_*` of `deserialize_any`.

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(map) => visit_object(map, self.path, visitor),
            other => Err(unexpected(&other, &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(map) => visit_object(map, self.path, visitor),
            Value::Array(_) => self.deserialize_any(visitor),
            other => Err(unexpected(&other, &visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(_) => self.deserialize_any(visitor),
            other => Err(unexpected(&other, &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => visitor.visit_string(s),
            other => Err(unexpected(&other, &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Bool(b) => visitor.visit_bool(b),
            other => Err(unexpected(&other, &visitor)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            other => Err(unexpected(&other, &visitor)),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.number(visitor)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u16 u32 u128 f32 char bytes byte_buf unit_struct tuple tuple_struct
    }
}

impl At<'_> {
    fn number<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Number(n) => n.deserialize_any(visitor),
            other => Err(unexpected(&other, &visitor)),
        }
    }
}

/// The error of a value of the wrong kind, worded as the tree's own.
#[cold]
fn unexpected(value: &Value, expected: &dyn de::Expected) -> Error {
    use serde::de::Unexpected;
    let what = match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (_, Some(i), _) => Unexpected::Signed(i),
            (_, _, Some(f)) => Unexpected::Float(f),
            _ => Unexpected::Other("number"),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    };
    de::Error::invalid_type(what, expected)
}

/// Reads an object with `visitor`. What does not depend on the visitor
/// (setting up, checking that every entry was read, dropping what is left)
/// is in functions of its own, compiled once rather than for every visitor.
fn visit_object<'de, V: Visitor<'de>>(
    map: Map<String, Value>,
    path: &mut Vec<Segment>,
    visitor: V,
) -> Result<V::Value, Error> {
    let mut entries = Entries::new(map, path);
    let out = visitor.visit_map(&mut entries);
    let rest = entries.finish();
    out.and_then(|out| rest.map(|()| out))
}

/// The items of an array.
struct Items<'p> {
    items: std::vec::IntoIter<Value>,
    /// How many the array had.
    len: usize,
    index: usize,
    path: &'p mut Vec<Segment>,
}

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Error> {
        let Some(at) = self.enter() else { return Ok(None) };
        let out = seed.deserialize(at);
        if out.is_ok() {
            leave(self.path);
        }
        out.map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

impl<'p> Items<'p> {
    #[inline(never)]
    fn new(items: Vec<Value>, path: &'p mut Vec<Segment>) -> Self {
        Items { len: items.len(), items: items.into_iter(), index: 0, path }
    }

    /// The next item, its index pushed on the path.
    #[inline(never)]
    fn enter(&mut self) -> Option<At<'_>> {
        let value = self.items.next()?;
        self.path.push(Segment::Index(self.index));
        self.index += 1;
        Some(At { value, path: self.path })
    }

    /// After the visitor: every item must have been read.
    #[inline(never)]
    fn finish(self) -> Result<(), Error> {
        match self.items.len() {
            0 => Ok(()),
            _ => Err(de::Error::invalid_length(self.len, &"fewer elements in array")),
        }
    }
}

/// Pops the path after a value was read. The steps around a read are
/// functions of their own, not copied into every seed's read.
#[inline(never)]
fn leave(path: &mut Vec<Segment>) {
    path.pop();
}

/// The entries of an object.
struct Entries<'p> {
    entries: serde_json::map::IntoIter,
    /// How many the object had.
    len: usize,
    /// The value of the key just read, with the key.
    value: Option<(String, Value)>,
    path: &'p mut Vec<Segment>,
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        let read = {
            let key: StrDeserializer<'_, Error> = key.as_str().into_deserializer();
            seed.deserialize(key)?
        };
        self.value = Some((key, value));
        Ok(Some(read))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let out = seed.deserialize(self.enter()?);
        if out.is_ok() {
            leave(self.path);
        }
        out
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

impl<'p> Entries<'p> {
    #[inline(never)]
    fn new(map: Map<String, Value>, path: &'p mut Vec<Segment>) -> Self {
        Entries { len: map.len(), entries: map.into_iter(), value: None, path }
    }

    /// The value of the key just read, the key pushed on the path.
    #[inline(never)]
    fn enter(&mut self) -> Result<At<'_>, Error> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("a map value was asked for before its key"));
        };
        self.path.push(Segment::Key(key));
        Ok(At { value, path: self.path })
    }

    /// After the visitor: every entry must have been read.
    #[inline(never)]
    fn finish(self) -> Result<(), Error> {
        match self.entries.len() {
            0 => Ok(()),
            _ => Err(de::Error::invalid_length(self.len, &"fewer elements in map")),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Outer {
        name: String,
        #[serde(default)]
        items: Vec<Inner>,
        extra: Option<Value>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        n: i64,
    }

    /// The failure as this module reports it, and as `serde_path_to_error` does.
    fn both(v: Value) -> (String, String) {
        let (path, e) = decode::<Outer>(v.clone()).unwrap_err();
        let theirs = serde_path_to_error::deserialize::<_, Outer>(v).unwrap_err();
        (format!("at `{path}`: {e}"), format!("at `{}`: {}", theirs.path(), theirs.inner()))
    }

    #[test]
    fn decodes_like_the_tree_and_names_the_failing_path_as_serde_path_to_error() {
        let v = json!({"name": "a", "items": [{"n": 1}, {"n": 2}], "extra": {"k": [1, null]}, "other": true});
        assert_eq!(decode::<Outer>(v.clone()).ok(), serde_json::from_value::<Outer>(v).ok());
        let cases = [
            (json!({"name": 5}), "at `name`: invalid type: integer `5`, expected a string"),
            (
                json!({"name": "a", "items": [{"n": 1}, {"n": "x"}]}),
                "at `items[1].n`: invalid type: string \"x\", expected i64",
            ),
            (json!({"items": []}), "at `.`: missing field `name`"),
            (json!({"name": "a", "items": [{}]}), "at `items[0]`: missing field `n`"),
            (json!({"name": "a", "items": {"n": 1}}), "at `items`: invalid type: map, expected a sequence"),
            (json!(["x", 1]), "at `[1]`: invalid type: integer `1`, expected a sequence"),
            (json!("x"), "at `.`: invalid type: string \"x\", expected struct Outer"),
            (
                json!({"name": "a", "items": [{"n": 1.5}]}),
                "at `items[0].n`: invalid type: floating point `1.5`, expected i64",
            ),
            (
                json!({"name": "a", "items": [{"n": true}]}),
                "at `items[0].n`: invalid type: boolean `true`, expected i64",
            ),
            (json!({"name": ["a"]}), "at `name`: invalid type: sequence, expected a string"),
            (json!({"name": null}), "at `name`: invalid type: null, expected a string"),
        ];
        for (v, want) in cases {
            let (ours, theirs) = both(v);
            assert_eq!(ours, want);
            assert_eq!(ours, theirs);
        }
    }
}

//! Decoding helpers the generated types name in `#[serde(deserialize_with)]`.
//!
//! The docs and the server disagree on small things: booleans sent as
//! `"false"` or `"success"`, numbers as strings, IDs as numbers, one object
//! where a list is documented. These helpers accept each documented variant,
//! and fail (never panic) on anything else.

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, Error as _};
use serde_json::Value;

/// Scalars that accept their text forms.
pub trait Lenient: Sized {
    /// Converts a JSON value, or says what was expected.
    fn from_json(v: Value) -> Result<Self, String>;
}

impl Lenient for String {
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
    fn from_json(v: Value) -> Result<Self, String> {
        match &v {
            Value::Bool(b) => Ok(*b),
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "success" | "ok" => Ok(true),
                "false" | "fail" | "failed" | "failure" => Ok(false),
                _ => Err(format!("expected a boolean, found the string {s:?}")),
            },
            Value::Number(n) if n.as_u64() == Some(0) => Ok(false),
            Value::Number(n) if n.as_u64() == Some(1) => Ok(true),
            other => Err(format!("expected a boolean, found {}", kind(other))),
        }
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
pub fn lenient<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<T, D::Error> {
    T::from_json(Value::deserialize(d)?).map_err(D::Error::custom)
}

/// An optional lenient scalar; `null` is `None`.
pub fn opt_lenient<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<Option<T>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        v => T::from_json(v).map(Some).map_err(D::Error::custom),
    }
}

/// Envelope metadata: a value of an unexpected type is dropped, not an error.
pub fn tolerant<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
    Ok(T::deserialize(Value::deserialize(d)?).ok())
}

/// [`tolerant`] for lenient scalars.
pub fn tolerant_lenient<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<Option<T>, D::Error> {
    Ok(T::from_json(Value::deserialize(d)?).ok())
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

impl<'de, T: Lenient> Deserialize<'de> for Scalar<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient(d).map(Scalar)
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

impl<'de, T: DeserializeOwned> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
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
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        v => OneOrMany::deserialize(v).map(|m| Some(m.into_vec())).map_err(D::Error::custom),
    }
}

/// An object with exactly one key, as `(key, value)`.
pub fn single_key<'de, D: Deserializer<'de>>(d: D) -> Result<(String, Value), D::Error> {
    match Value::deserialize(d)? {
        Value::Object(map) if map.len() == 1 => Ok(map.into_iter().next().expect("one entry")),
        Value::Object(map) => {
            Err(D::Error::custom(format!("expected an object with one key, found {} keys", map.len())))
        }
        other => Err(D::Error::custom(format!("expected an object with one key, found {}", kind(&other)))),
    }
}

/// An object `{"<tag>": "<name>", "<content>": {...}}`, as `(name, content)`.
/// A missing content is `null`.
pub fn tagged<'de, D: Deserializer<'de>>(d: D, tag: &str, content: &str) -> Result<(String, Value), D::Error> {
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
    match serde_json::to_value(fields).map_err(S::Error::custom)? {
        Value::Object(mut map) => {
            map.insert(tag.to_owned(), Value::String(name.to_owned()));
            serde::Serialize::serialize(&map, s)
        }
        other => Err(S::Error::custom(format!("a tagged variant must be an object, found {}", kind(&other)))),
    }
}

/// Decodes a JSON value inside another `Deserialize` impl.
pub fn from_value<T: DeserializeOwned, E: de::Error>(v: Value) -> Result<T, E> {
    T::deserialize(v).map_err(E::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn one_or_many_accepts_both() {
        let one: OneOrMany<i64> = serde_json::from_str("5").unwrap();
        let many: OneOrMany<i64> = serde_json::from_str("[5, 6]").unwrap();
        assert_eq!(one.into_vec(), vec![5]);
        assert_eq!(many.into_vec(), vec![5, 6]);
    }
}

//! The shared parts of the `Deserialize` impls the generator writes for its
//! structs, in place of `#[derive(Deserialize)]`.
//!
//! The derive gives every struct a field-name visitor of its own, a second
//! visitor for structs sent as JSON arrays (which no answer does), and a
//! wrapper type for every field decoded by a helper of [`de`](crate::de), so
//! each field is one more instantiation of the deserializer's
//! `next_value_seed`, in every crate that decodes the struct, for every
//! deserializer it is decoded with. The generated impls read a map only: the
//! key through [`Key`] (one instantiation per deserializer, whatever the
//! struct; the struct passes a plain function that names its fields), each
//! value through [`value`] or [`seeded`] with one of the seeds
//! below, shared by every field of the same type and helper, which also
//! check that the field was not sent before and store it. Behaviour is the
//! derive's: unknown keys are skipped, a key sent twice is an error
//! (`duplicate field`), a missing required field is `missing field`.
//!
//! Each step of the map (a key, a value, a skipped value) goes through a
//! function here that is never inlined: it is compiled once per deserializer
//! and value type and called from every struct, instead of the
//! deserializer's code being copied into every field of every struct.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, Visitor};

use crate::de::{self, Lenient};

/// Reads a map key as the index of the field it names, through the struct's
/// own lookup: a function (one per struct, not per deserializer) whose
/// `match` on the name the compiler turns into length and byte comparisons,
/// as the derive's field visitor does. A search of a list of names would
/// call `memcmp` for every name of the same length, on every key of every
/// object.
#[derive(Clone, Copy)]
pub struct Key(pub fn(&str) -> usize);

/// What a struct's key lookup yields for a key the struct does not have.
pub const UNKNOWN: usize = usize::MAX;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<usize, E> {
        Ok((self.0)(v))
    }

    fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<usize, E> {
        // Field names are text: a key that is not cannot name one.
        Ok(std::str::from_utf8(v).map_or(UNKNOWN, self.0))
    }
}

/// The next key of `map`, as the index `field` gives the name ([`UNKNOWN`]
/// if no field has it), or `None` at the end of the map.
#[inline(never)]
pub fn key<'de, A: MapAccess<'de>>(map: &mut A, field: fn(&str) -> usize) -> Result<Option<usize>, A::Error> {
    map.next_key_seed(Key(field))
}

/// Reads the value of the current key, as a `T`, into the still empty
/// `slot` of field `field` (a key sent twice is `duplicate field`, before
/// its value is read, as the derive does).
///
/// The check, the read and the store are one call, so each field of a
/// struct costs its `visit_map` a call and a test of a one-word result.
#[inline(never)]
pub fn value<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    field: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(duplicate(field));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// [`value`], read with `seed`.
#[inline(never)]
pub fn seeded<'de, A: MapAccess<'de>, S: DeserializeSeed<'de>>(
    map: &mut A,
    slot: &mut Option<S::Value>,
    field: &'static str,
    seed: S,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(duplicate(field));
    }
    *slot = Some(map.next_value_seed(seed)?);
    Ok(())
}

/// Skips the value of a key the struct does not have.
#[inline(never)]
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// The error of a field sent twice, as the derive words it.
#[cold]
fn duplicate<E: Error>(field: &'static str) -> E {
    E::duplicate_field(field)
}

/// The error of a required field that was not sent, as the derive words it.
#[cold]
pub fn missing<E: Error>(field: &'static str) -> E {
    E::missing_field(field)
}

macro_rules! seed {
    ($(#[$doc:meta])* $name:ident<$t:ident: $bound:path> -> $out:ty = $helper:path) => {
        $(#[$doc])*
        pub struct $name<$t>(PhantomData<fn() -> $t>);

        impl<$t> $name<$t> {
            /// The seed.
            pub const NEW: Self = Self(PhantomData);
        }

        impl<'de, $t: $bound> DeserializeSeed<'de> for $name<$t> {
            type Value = $out;

            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<$out, D::Error> {
                $helper(d)
            }
        }
    };
}

seed!(
    /// A required scalar that accepts its text forms ([`de::lenient`]).
    LenientSeed<T: Lenient> -> T = de::lenient
);
seed!(
    /// An optional scalar that accepts its text forms ([`de::opt_lenient`]).
    OptLenientSeed<T: Lenient> -> Option<T> = de::opt_lenient
);
seed!(
    /// Envelope metadata: an unexpected value is `None` ([`de::tolerant`]).
    TolerantSeed<T: DeserializeOwned> -> Option<T> = de::tolerant
);
seed!(
    /// [`TolerantSeed`] for scalars ([`de::tolerant_lenient`]).
    TolerantLenientSeed<T: Lenient> -> Option<T> = de::tolerant_lenient
);
seed!(
    /// One object or a list of them, required ([`de::one_or_many`]).
    OneOrManySeed<T: DeserializeOwned> -> Vec<T> = de::one_or_many
);
seed!(
    /// One object or a list of them, optional ([`de::opt_one_or_many`]).
    OptOneOrManySeed<T: DeserializeOwned> -> Option<Vec<T>> = de::opt_one_or_many
);

#[cfg(test)]
mod tests {
    use super::*;

    /// What the generator writes for `{ a: String (required, lenient), b: Option<i64> }`.
    #[derive(Debug, PartialEq)]
    struct Pair {
        a: String,
        b: Option<i64>,
    }

    impl<'de> serde::Deserialize<'de> for Pair {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Pair;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("struct Pair")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pair, A::Error> {
                    let (mut a, mut b) = (None, None);
                    fn field(k: &str) -> usize {
                        match k {
                            "a" => 0,
                            "b" | "bee" => 1,
                            _ => UNKNOWN,
                        }
                    }
                    while let Some(k) = key(&mut map, field)? {
                        match k {
                            0 => seeded(&mut map, &mut a, "a", LenientSeed::<String>::NEW)?,
                            1 => seeded(&mut map, &mut b, "b", OptLenientSeed::<i64>::NEW)?,
                            _ => skip(&mut map)?,
                        }
                    }
                    Ok(Pair { a: a.ok_or_else(|| missing("a"))?, b: b.unwrap_or_default() })
                }
            }
            d.deserialize_map(V)
        }
    }

    #[test]
    fn reads_like_the_derive() {
        let p = |s: &str| serde_json::from_str::<Pair>(s).map_err(|e| e.to_string());
        assert_eq!(p(r#"{"a": 1, "x": [1, {}], "bee": "7"}"#), Ok(Pair { a: "1".into(), b: Some(7) }));
        assert_eq!(p(r#"{"a": "x"}"#), Ok(Pair { a: "x".into(), b: None }));
        assert!(p(r#"{"b": 1}"#).unwrap_err().starts_with("missing field `a`"));
        assert!(p(r#"{"a": "x", "a": "y"}"#).unwrap_err().starts_with("duplicate field `a`"));
        assert!(p(r#"{"a": "x", "b": 1, "bee": 2}"#).unwrap_err().starts_with("duplicate field `b`"));
        assert!(p(r#"["x", 1]"#).unwrap_err().starts_with("invalid type: sequence, expected struct Pair"));
        let tree: Result<Pair, _> = serde_json::from_value(serde_json::json!({"a": true, "b": "2"}));
        assert_eq!(tree.unwrap(), Pair { a: "true".into(), b: Some(2) });
    }

    /// What the generator writes for `{ v: Option<Vec<u8>> }`, a field read
    /// by its own `Deserialize` (no helper).
    #[derive(Debug, PartialEq)]
    struct Plain {
        v: Option<Vec<u8>>,
    }

    impl<'de> serde::Deserialize<'de> for Plain {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Plain;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("struct Plain")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Plain, A::Error> {
                    let mut v = None;
                    fn field(k: &str) -> usize {
                        if k == "v" { 0 } else { UNKNOWN }
                    }
                    while let Some(k) = key(&mut map, field)? {
                        match k {
                            0 => value::<A, Option<Vec<u8>>>(&mut map, &mut v, "v")?,
                            _ => skip(&mut map)?,
                        }
                    }
                    Ok(Plain { v: v.unwrap_or_default() })
                }
            }
            d.deserialize_map(V)
        }
    }

    #[test]
    fn a_plain_field_is_stored_once_and_a_repeat_is_refused_before_it_is_read() {
        let p = |s: &str| serde_json::from_str::<Plain>(s).map_err(|e| e.to_string());
        assert_eq!(p(r#"{"v": [1, 2]}"#), Ok(Plain { v: Some(vec![1, 2]) }));
        assert_eq!(p(r#"{"v": null}"#), Ok(Plain { v: None }));
        assert_eq!(p("{}"), Ok(Plain { v: None }));
        // The second value is not even a list: the repeat is what is reported.
        assert!(p(r#"{"v": [1], "v": "x"}"#).unwrap_err().starts_with("duplicate field `v`"));
        assert!(p(r#"{"v": "x"}"#).unwrap_err().starts_with("invalid type: string \"x\""));
    }
}

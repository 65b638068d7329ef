//! Values the spec does not know yet, kept but not matchable.
//!
//! Every generated enum and union has one catch-all variant holding one of
//! these types. They have no public constructor and no public field, so user
//! code can match the variant (`ErrorCode::Unknown(_)`) but never a value
//! inside it: when a later spec adds that value as a variant of its own, code
//! that matched it by text would silently stop matching. Read the text with
//! `as_str()` for logs; compare with the enum's `as_str()` if you must.

use std::fmt;

/// A string value (an enum value or error code) this version of the spec does
/// not know, kept as the server sent it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(Box<str>);

impl UnknownValue {
    /// The value as it was sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A union variant this version of the spec does not know: the key (or tag)
/// that names it and its value, kept as sent.
///
/// One pointer wide, so that the catch-all variant does not make every value
/// of a union (say, each of a 10,000-member list) larger than its known
/// variants need.
#[derive(Clone, PartialEq)]
pub struct UnknownVariant(Box<(Box<str>, serde_json::Value)>);

impl UnknownVariant {
    /// The key or tag naming the variant.
    pub fn key(&self) -> &str {
        &self.0.0
    }

    /// The variant's value as JSON.
    pub fn value(&self) -> &serde_json::Value {
        &self.0.1
    }
}

impl fmt::Debug for UnknownVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownVariant").field("key", &self.key()).field("value", self.value()).finish()
    }
}

/// Wraps a value the generated `From<&str>` impls do not recognise.
pub fn unknown_value(text: &str) -> UnknownValue {
    UnknownValue(text.into())
}

/// Wraps a union variant the generated decoders do not recognise.
pub fn unknown_variant(key: String, value: serde_json::Value) -> UnknownVariant {
    // The value is a tree the deserializer built: it may hold a float.
    crate::response::fast::note_float_kept();
    UnknownVariant(Box::new((key.into(), value)))
}

//! Reading the typed structs from a [`Locator`](super::Locator)'s tree, the
//! way serde_yaml reads them from the text (its `de.rs`, version 0.9): any
//! scalar is a string, only a plain one is a number, a boolean or null, and
//! an empty plain value is an empty list or mapping.
//!
//! Where serde_yaml's rules are long (hexadecimal and octal numbers, floats,
//! leading zeros, `+1`), the value is refused instead: the caller then falls
//! back on serde_yaml, which reads it, or reports it, itself. So a refusal
//! costs only time, and its reason is never shown.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::{Kind, Node};

/// The tree does not say what serde_yaml would read.
#[derive(Debug)]
pub(super) struct Unfit;

impl fmt::Display for Unfit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to serde_yaml")
    }
}

impl std::error::Error for Unfit {}

impl de::Error for Unfit {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unfit
    }
}

/// Deeper than this is left to serde_yaml, which has a recursion limit of
/// its own (128).
const MAX_DEPTH: u32 = 100;

/// One node, to be read as whatever the caller asks for.
pub(super) struct De<'a> {
    nodes: &'a [Node],
    /// Taken as they are read, so that strings move instead of being copied
    /// (copied under an anchor, which an alias may read again).
    texts: &'a mut [String],
    node: u32,
    depth: u32,
    /// Under an anchor, or reached through an alias.
    shared: bool,
}

impl<'a> De<'a> {
    pub(super) fn root(nodes: &'a [Node], texts: &'a mut [String]) -> Self {
        De::at(nodes, texts, 0, 0, false)
    }

    /// `node`, or what it names if it is an alias (as serde_yaml reads it).
    fn at(nodes: &'a [Node], texts: &'a mut [String], node: u32, depth: u32, shared: bool) -> Self {
        let (node, shared) = match nodes[node as usize].kind {
            Kind::Alias(Some(target)) => (target, true),
            _ => (node, shared),
        };
        De { nodes, texts, node, depth, shared: shared || nodes[node as usize].anchored }
    }

    fn kind(&self) -> &'a Kind {
        &self.nodes[self.node as usize].kind
    }

    fn take(&mut self, text: u32) -> String {
        let text = &mut self.texts[text as usize];
        if self.shared { text.clone() } else { std::mem::take(text) }
    }

    /// The text of a plain scalar.
    fn plain(&self) -> Option<&str> {
        match self.kind() {
            Kind::Scalar { text, plain: true } => Some(&self.texts[*text as usize]),
            _ => None,
        }
    }

    /// A plain scalar that YAML reads as null (an empty value too).
    fn is_null(&self) -> bool {
        self.plain().is_some_and(|s| matches!(s, "" | "~" | "null" | "Null" | "NULL"))
    }

    fn children(&self) -> Result<u32, Unfit> {
        if self.depth >= MAX_DEPTH { Err(Unfit) } else { Ok(self.depth + 1) }
    }

    /// The items of a sequence (this node's, or none), one level deeper.
    fn items(self, items: &'a [u32]) -> Result<Items<'a>, Unfit> {
        let depth = self.children()?;
        Ok(Items { nodes: self.nodes, texts: self.texts, items, next: 0, depth, shared: self.shared })
    }

    /// The entries of a mapping (this node's, or none), one level deeper.
    fn entries(self, entries: &'a [(String, u32)]) -> Result<Entries<'a>, Unfit> {
        let depth = self.children()?;
        Ok(Entries { nodes: self.nodes, texts: self.texts, entries, next: 0, depth, shared: self.shared })
    }
}

/// Deserializer methods that read as another one does.
macro_rules! read_as {
    ($($method:ident => $other:ident),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
            self.$other(visitor)
        }
    )*};
}

/// Deserializer methods for what the spec never holds: left to serde_yaml.
macro_rules! unfit {
    ($($method:ident),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Unfit> {
            Err(Unfit)
        }
    )*};
}

fn boolean(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Decimal digits with no leading zero (`0` itself aside), the only
/// unsigned form read here.
fn unsigned(s: &str) -> Option<u64> {
    let digits = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits && (s.len() == 1 || !s.starts_with('0')) { s.parse().ok() } else { None }
}

/// `-` and an [`unsigned`] form, or an unsigned form.
fn signed(s: &str) -> Option<i64> {
    let magnitude = s.strip_prefix('-').unwrap_or(s);
    unsigned(magnitude)?;
    s.parse().ok()
}

impl<'de> de::Deserializer<'de> for De<'_> {
    type Error = Unfit;

    fn deserialize_any<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, Unfit> {
        match self.kind() {
            Kind::Scalar { text, plain } => {
                if *plain {
                    let s = &self.texts[*text as usize];
                    if self.is_null() {
                        return visitor.visit_unit();
                    }
                    if let Some(b) = boolean(s) {
                        return visitor.visit_bool(b);
                    }
                    if let Some(n) = unsigned(s) {
                        return visitor.visit_u64(n);
                    }
                    if s.starts_with('-')
                        && let Some(n) = signed(s)
                    {
                        return visitor.visit_i64(n);
                    }
                    // Other numbers, and strings that begin like one.
                    if s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) {
                        return Err(Unfit);
                    }
                }
                let s = self.take(*text);
                visitor.visit_string(s)
            }
            Kind::Seq(items) => visitor.visit_seq(self.items(items)?),
            Kind::Map(entries) => visitor.visit_map(self.entries(entries)?),
            Kind::Empty | Kind::Alias(_) => Err(Unfit),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        match self.plain().and_then(boolean) {
            Some(b) => visitor.visit_bool(b),
            None => Err(Unfit),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        match self.plain().and_then(signed) {
            Some(n) => visitor.visit_i64(n),
            None => Err(Unfit),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        match self.plain().and_then(unsigned) {
            Some(n) => visitor.visit_u64(n),
            None => Err(Unfit),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, Unfit> {
        match self.kind() {
            Kind::Scalar { text, .. } => {
                let s = self.take(*text);
                visitor.visit_string(s)
            }
            _ => Err(Unfit),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        if self.is_null() { visitor.visit_none() } else { visitor.visit_some(self) }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value, Unfit> {
        Err(Unfit)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Unfit> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        let items: &[u32] = match self.kind() {
            Kind::Seq(items) => items,
            _ if self.plain() == Some("") => &[],
            _ => return Err(Unfit),
        };
        visitor.visit_seq(self.items(items)?)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Unfit> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Unfit> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        let entries: &[(String, u32)] = match self.kind() {
            Kind::Map(entries) => entries,
            _ if self.plain() == Some("") => &[],
            _ => return Err(Unfit),
        };
        visitor.visit_map(self.entries(entries)?)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unfit> {
        self.deserialize_map(visitor)
    }

    /// Only unit variants, named by a scalar.
    fn deserialize_enum<V: Visitor<'de>>(
        mut self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unfit> {
        match self.kind() {
            Kind::Scalar { text, .. } => {
                let name = self.take(*text);
                visitor.visit_enum(UnitVariant(name))
            }
            _ => Err(Unfit),
        }
    }

    read_as! {
        deserialize_i8 => deserialize_i64,
        deserialize_i16 => deserialize_i64,
        deserialize_i32 => deserialize_i64,
        deserialize_u8 => deserialize_u64,
        deserialize_u16 => deserialize_u64,
        deserialize_u32 => deserialize_u64,
        deserialize_string => deserialize_str,
        deserialize_identifier => deserialize_str,
    }

    unfit! {
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_unit,
        deserialize_ignored_any,
    }
}

struct Items<'a> {
    nodes: &'a [Node],
    texts: &'a mut [String],
    items: &'a [u32],
    next: usize,
    depth: u32,
    shared: bool,
}

impl<'de> de::SeqAccess<'de> for Items<'_> {
    type Error = Unfit;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Unfit> {
        let Some(&node) = self.items.get(self.next) else { return Ok(None) };
        self.next += 1;
        seed.deserialize(De::at(self.nodes, self.texts, node, self.depth, self.shared)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

struct Entries<'a> {
    nodes: &'a [Node],
    texts: &'a mut [String],
    entries: &'a [(String, u32)],
    next: usize,
    depth: u32,
    shared: bool,
}

impl<'de> de::MapAccess<'de> for Entries<'_> {
    type Error = Unfit;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Unfit> {
        // Keys are strings here: `Locator::read` takes only trees whose
        // keys YAML reads as strings.
        let Some((key, _)) = self.entries.get(self.next) else { return Ok(None) };
        seed.deserialize(key.as_str().into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Unfit> {
        let (_, node) = self.entries[self.next];
        self.next += 1;
        seed.deserialize(De::at(self.nodes, self.texts, node, self.depth, self.shared))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len() - self.next)
    }
}

/// A unit variant, by name.
struct UnitVariant(String);

impl<'de> de::EnumAccess<'de> for UnitVariant {
    type Error = Unfit;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Unfit> {
        let variant = seed.deserialize(self.0.as_str().into_deserializer())?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant {
    type Error = Unfit;

    fn unit_variant(self) -> Result<(), Unfit> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value, Unfit> {
        Err(Unfit)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Unfit> {
        Err(Unfit)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value, Unfit> {
        Err(Unfit)
    }
}

//! JSON written as text, laid out exactly as `serde_json::to_string_pretty`
//! lays it out (two-space indent, `"key": value`, `{}` and `[]` when empty),
//! with the keys of each object in byte order as serde_json's default map
//! keeps them.
//!
//! The OpenAPI document is about 1 MB; built as a `serde_json::Value` tree
//! it cost a map node and an owned copy of every key and string (most of
//! them the model's docs) and took about seven times as long as the same
//! amount of Rust text. [`J`] borrows what the model already holds, and
//! [`Writer`] prints it, or values written in order by hand, directly.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde_json::Value;

/// A JSON value that borrows its strings where it can.
#[derive(Debug, Clone)]
pub(crate) enum J<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Str(Cow<'a, str>),
    Arr(Vec<J<'a>>),
    Obj(Obj<'a>),
    /// A value parsed from the spec (an example answer), printed as it is.
    Value(&'a Value),
}

/// An object whose entries are kept sorted by key, each key once.
#[derive(Debug, Clone, Default)]
pub(crate) struct Obj<'a>(Vec<(Cow<'a, str>, J<'a>)>);

impl<'a> Obj<'a> {
    pub(crate) fn new() -> Self {
        Obj(Vec::new())
    }

    /// Sets `key` to `value`, replacing the value it had.
    pub(crate) fn insert(&mut self, key: impl Into<Cow<'a, str>>, value: impl Into<J<'a>>) {
        let key = key.into();
        match self.0.binary_search_by(|(k, _)| k.as_ref().cmp(key.as_ref())) {
            Ok(i) => self.0[i].1 = value.into(),
            Err(i) => self.0.insert(i, (key, value.into())),
        }
    }

    /// An object of these entries (a later repeat of a key replaces it).
    pub(crate) fn of<const N: usize>(entries: [(&'a str, J<'a>); N]) -> Self {
        let mut o = Obj(Vec::with_capacity(N));
        for (k, v) in entries {
            o.insert(k, v);
        }
        o
    }

    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.0.binary_search_by(|(k, _)| k.as_ref().cmp(key)).is_ok()
    }
}

/// [`Obj::of`] as a value.
pub(crate) fn obj<'a, const N: usize>(entries: [(&'a str, J<'a>); N]) -> J<'a> {
    J::Obj(Obj::of(entries))
}

impl<'a> From<&'a str> for J<'a> {
    fn from(s: &'a str) -> Self {
        J::Str(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for J<'a> {
    fn from(s: &'a String) -> Self {
        J::Str(Cow::Borrowed(s))
    }
}

impl From<String> for J<'_> {
    fn from(s: String) -> Self {
        J::Str(Cow::Owned(s))
    }
}

impl From<bool> for J<'_> {
    fn from(b: bool) -> Self {
        J::Bool(b)
    }
}

impl From<i64> for J<'_> {
    fn from(n: i64) -> Self {
        J::Int(n)
    }
}

impl From<u64> for J<'_> {
    fn from(n: u64) -> Self {
        J::Uint(n)
    }
}

impl<'a> From<Obj<'a>> for J<'a> {
    fn from(o: Obj<'a>) -> Self {
        J::Obj(o)
    }
}

impl<'a> From<Vec<J<'a>>> for J<'a> {
    fn from(items: Vec<J<'a>>) -> Self {
        J::Arr(items)
    }
}

/// Pretty-printed JSON being written.
pub(crate) struct Writer {
    out: String,
    depth: usize,
    /// Nothing is written yet in the innermost open object or array.
    empty: bool,
}

impl Writer {
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        Writer { out: String::with_capacity(bytes), depth: 0, empty: false }
    }

    pub(crate) fn finish(self) -> String {
        debug_assert_eq!(self.depth, 0, "every open is closed");
        self.out
    }

    /// `{` or `[`.
    pub(crate) fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
        self.empty = true;
    }

    /// `}` or `]`, on a line of its own unless nothing came since its open.
    pub(crate) fn close(&mut self, bracket: char) {
        self.depth -= 1;
        if !self.empty {
            self.newline();
        }
        self.out.push(bracket);
        self.empty = false;
    }

    /// Where an array's next element goes.
    pub(crate) fn item(&mut self) {
        if !self.empty {
            self.out.push(',');
        }
        self.newline();
        self.empty = false;
    }

    /// An object's next key, after which its value goes.
    pub(crate) fn key(&mut self, key: &str) {
        self.item();
        self.string(key);
        self.out.push_str(": ");
    }

    fn newline(&mut self) {
        const SPACES: &str = "                                ";
        self.out.push('\n');
        let mut n = 2 * self.depth;
        while n > 0 {
            let step = n.min(SPACES.len());
            self.out.push_str(&SPACES[..step]);
            n -= step;
        }
    }

    /// A string, escaped as serde_json escapes one: `"`, `\` and control
    /// characters; everything else as it is.
    pub(crate) fn string(&mut self, s: &str) {
        self.out.push('"');
        let mut rest = s;
        while let Some(at) = rest.bytes().position(|b| b < 0x20 || b == b'"' || b == b'\\') {
            self.out.push_str(&rest[..at]);
            let b = rest.as_bytes()[at];
            match b {
                b'"' => self.out.push_str("\\\""),
                b'\\' => self.out.push_str("\\\\"),
                b'\n' => self.out.push_str("\\n"),
                b'\r' => self.out.push_str("\\r"),
                b'\t' => self.out.push_str("\\t"),
                0x08 => self.out.push_str("\\b"),
                0x0c => self.out.push_str("\\f"),
                _ => {
                    let _ = write!(self.out, "\\u{b:04x}");
                }
            }
            rest = &rest[at + 1..];
        }
        self.out.push_str(rest);
        self.out.push('"');
    }

    pub(crate) fn value(&mut self, v: &J<'_>) {
        match v {
            J::Null => self.out.push_str("null"),
            J::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            J::Int(n) => {
                let _ = write!(self.out, "{n}");
            }
            J::Uint(n) => {
                let _ = write!(self.out, "{n}");
            }
            J::Str(s) => self.string(s),
            J::Arr(items) => {
                self.open('[');
                for item in items {
                    self.item();
                    self.value(item);
                }
                self.close(']');
            }
            J::Obj(o) => {
                self.open('{');
                for (k, v) in &o.0 {
                    self.key(k);
                    self.value(v);
                }
                self.close('}');
            }
            J::Value(v) => self.json(v),
        }
    }

    fn json(&mut self, v: &Value) {
        match v {
            Value::Null => self.out.push_str("null"),
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => {
                let _ = write!(self.out, "{n}");
            }
            Value::String(s) => self.string(s),
            Value::Array(items) => {
                self.open('[');
                for item in items {
                    self.item();
                    self.json(item);
                }
                self.close(']');
            }
            Value::Object(m) => {
                self.open('{');
                for (k, v) in m {
                    self.key(k);
                    self.json(v);
                }
                self.close('}');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pretty(v: &J<'_>) -> String {
        let mut w = Writer::with_capacity(0);
        w.value(v);
        w.finish()
    }

    #[test]
    fn writes_as_serde_json_does() {
        let example: Value =
            serde_json::from_str(r#"{"b": [1, -2, 0.5, 1e300, null, true, {}], "a": {"x": []}}"#).expect("JSON");
        let mut o = Obj::new();
        o.insert("zeta", J::Arr(vec![]));
        o.insert("alpha", J::from("a \"quoted\"\\ line\nand\ttab \u{1} \u{7f} é 中"));
        o.insert("mid", obj([("b", J::Int(-3)), ("a", J::Bool(false)), ("b", J::Int(4))]));
        o.insert("empty", J::Obj(Obj::new()));
        o.insert("ex", J::Value(&example));
        o.insert("list", J::Arr(vec![J::Null, J::from(7u64), obj([])]));
        let expected = serde_json::json!({
            "zeta": [],
            "alpha": "a \"quoted\"\\ line\nand\ttab \u{1} \u{7f} é 中",
            "mid": {"a": false, "b": 4},
            "empty": {},
            "ex": example,
            "list": [null, 7, {}],
        });
        assert_eq!(pretty(&J::Obj(o)), serde_json::to_string_pretty(&expected).expect("JSON"));
    }
}

//! Where each node of a YAML file sits, so that problems found after
//! deserialising (an unknown type, a path parameter with no declaration) can
//! still be reported as `file:line:col`.
//!
//! serde_yaml does not expose positions of values, so the same text is read a
//! second time with yaml-rust2's event parser, which does.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// One step into a YAML document: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path from the document root to a node.
pub type NodePath = Vec<Seg>;

/// Builds a [`NodePath`]: `path!["operations", 3, "params"]`.
#[macro_export]
#[doc(hidden)]
macro_rules! path {
    ($($seg:expr),* $(,)?) => {{
        let p: $crate::locate::NodePath = vec![$($crate::locate::IntoSeg::into_seg($seg)),*];
        p
    }};
}

/// Conversion used by [`path!`].
pub trait IntoSeg {
    fn into_seg(self) -> Seg;
}
impl IntoSeg for &str {
    fn into_seg(self) -> Seg {
        Seg::Key(self.to_owned())
    }
}
impl IntoSeg for usize {
    fn into_seg(self) -> Seg {
        Seg::Index(self)
    }
}
impl IntoSeg for Seg {
    fn into_seg(self) -> Seg {
        self
    }
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// Positions of every node of one file, as a tree: node 0 is the document
/// root, and a child is found from its parent and its [`Seg`].
#[derive(Debug)]
pub struct Locator {
    /// Per node: where its value starts and where its key is, if it has one.
    nodes: Vec<(Pos, Option<Pos>)>,
    children: FnvMap<(usize, Seg), usize>,
    /// Keys that repeat in their mapping, with the position of the repeat.
    duplicates: Vec<(String, Pos)>,
    /// Every mapping key is a scalar that YAML reads as a string, and the
    /// text parsed.
    plain_keys: bool,
}

impl Default for Locator {
    fn default() -> Self {
        Locator {
            nodes: vec![(Pos { line: 1, col: 1 }, None)],
            children: FnvMap::default(),
            duplicates: Vec::new(),
            plain_keys: true,
        }
    }
}

impl Locator {
    /// Indexes `text`. Text that does not parse yields a partial index; the
    /// serde_yaml pass reports the syntax error itself.
    pub fn new(text: &str) -> Self {
        let mut builder = Builder { stack: Vec::new(), out: Locator::default(), maps: 0, seen_in: vec![0] };
        let mut parser = Parser::new_from_str(text);
        if parser.load(&mut builder, false).is_err() {
            builder.out.plain_keys = false;
        }
        builder.out
    }

    /// The node at `path`, or the closest ancestor that exists, and whether
    /// it is the node itself.
    fn find(&self, path: &[Seg]) -> (usize, bool) {
        let mut node = 0;
        for seg in path {
            match self.children.get(&(node, seg.clone())) {
                Some(&child) => node = child,
                None => return (node, false),
            }
        }
        (node, true)
    }

    /// Position of the value at `path`, or of the closest ancestor that has
    /// one (content reached through an alias has no position of its own).
    pub fn value(&self, path: &[Seg]) -> Pos {
        self.nodes[self.find(path).0].0
    }

    /// Where a mapping key named `key` first repeats, if it does.
    pub fn duplicate(&self, key: &str) -> Option<Pos> {
        self.duplicates.iter().find(|(k, _)| k == key).map(|(_, p)| *p)
    }

    /// Position of the mapping key that leads to `path`, falling back to the
    /// value's position.
    pub fn key(&self, path: &[Seg]) -> Pos {
        match self.find(path) {
            (node, true) => self.nodes[node].1.unwrap_or(self.nodes[node].0),
            (node, false) => self.nodes[node].0,
        }
    }

    /// The text parsed, no mapping repeats a key, and every key is a scalar
    /// that YAML reads as a string (`name`, not `1`, `true` or `~`): then
    /// keys compare the same way here and in serde_yaml.
    pub fn keys_are_plain(&self) -> bool {
        self.plain_keys && self.duplicates.is_empty()
    }
}

enum Frame {
    /// `instance`: this mapping's number, which marks the children it has
    /// named so far (`Builder::seen_in`).
    Map {
        node: usize,
        key: Option<(String, Marker)>,
        instance: usize,
    },
    Seq {
        node: usize,
        next: usize,
    },
}

struct Builder {
    stack: Vec<Frame>,
    out: Locator,
    /// Mappings opened so far.
    maps: usize,
    /// Per node: the last mapping that named it (0: none).
    seen_in: Vec<usize>,
}

fn pos(m: Marker) -> Pos {
    // yaml-rust2 counts lines from 1 and columns from 0.
    Pos { line: m.line(), col: m.col() + 1 }
}

/// A plain (unquoted) key that YAML may read as something other than a
/// string: a number, a boolean, null.
fn maybe_not_a_string(key: &str) -> bool {
    !key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        || matches!(key, "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE")
}

impl Builder {
    /// The child of `parent` at `seg`, made if new (a repeated key names the
    /// same node again, as a path would).
    fn child(&mut self, parent: usize, seg: Seg, mark: Marker) -> usize {
        let nodes = &mut self.out.nodes;
        let seen_in = &mut self.seen_in;
        *self.out.children.entry((parent, seg)).or_insert_with(|| {
            nodes.push((pos(mark), None));
            seen_in.push(0);
            nodes.len() - 1
        })
    }

    /// Called for every node; returns it, or `None` when the node is a
    /// mapping key. `key` is the node's text when it is a scalar.
    fn place(&mut self, key: Option<String>, mark: Marker) -> Option<usize> {
        match self.stack.last_mut() {
            None => Some(0),
            Some(Frame::Seq { node, next }) => {
                let (parent, index) = (*node, *next);
                *next += 1;
                Some(self.child(parent, Seg::Index(index), mark))
            }
            Some(Frame::Map { node, key: pending, instance }) => match pending.take() {
                None => {
                    let (parent, instance) = (*node, *instance);
                    let name = key.unwrap_or_default();
                    let probe = (parent, Seg::Key(name));
                    if self.out.children.get(&probe).is_some_and(|&c| self.seen_in[c] == instance) {
                        let Seg::Key(name) = &probe.1 else { unreachable!() };
                        self.out.duplicates.push((name.clone(), pos(mark)));
                    }
                    let Seg::Key(name) = probe.1 else { unreachable!() };
                    let Some(Frame::Map { key: pending, .. }) = self.stack.last_mut() else { unreachable!() };
                    *pending = Some((name, mark));
                    None
                }
                Some((k, kmark)) => {
                    let (parent, instance) = (*node, *instance);
                    let child = self.child(parent, Seg::Key(k), mark);
                    self.seen_in[child] = instance;
                    self.out.nodes[child].1 = Some(pos(kmark));
                    Some(child)
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(s, style, ..) => {
                let is_key = matches!(self.stack.last(), Some(Frame::Map { key: None, .. }));
                if is_key && style == TScalarStyle::Plain && maybe_not_a_string(&s) {
                    self.out.plain_keys = false;
                }
                if let Some(node) = self.place(Some(s), mark) {
                    self.out.nodes[node].0 = pos(mark);
                }
            }
            Event::Alias(_) => {
                if let Some(node) = self.place(None, mark) {
                    self.out.nodes[node].0 = pos(mark);
                } else {
                    self.out.plain_keys = false;
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                // A mapping or sequence used as a key is indexed as the root, as ever.
                let node = self.place(None, mark).unwrap_or_else(|| {
                    self.out.plain_keys = false;
                    0
                });
                self.out.nodes[node].0 = pos(mark);
                self.stack.push(if matches!(ev, Event::MappingStart(..)) {
                    self.maps += 1;
                    Frame::Map { node, key: None, instance: self.maps }
                } else {
                    Frame::Seq { node, next: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// FNV-1a: the index hashes millions of short keys, which SipHash, built to
/// resist crafted input, hashes a good deal slower.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_values() {
        let text = "a: 1\nops:\n  - name: x\n    path: /p\n  - {name: y}\n";
        let l = Locator::new(text);
        assert_eq!(l.value(&path!["a"]), Pos { line: 1, col: 4 });
        assert_eq!(l.key(&path!["ops", 0usize, "path"]), Pos { line: 4, col: 5 });
        assert_eq!(l.value(&path!["ops", 0usize, "path"]), Pos { line: 4, col: 11 });
        assert_eq!(l.value(&path!["ops", 1usize, "name"]), Pos { line: 5, col: 12 });
        // Unknown paths fall back to the nearest ancestor.
        assert_eq!(l.value(&path!["ops", 1usize, "nope"]), Pos { line: 5, col: 5 });
    }

    #[test]
    fn reports_repeated_keys_per_mapping() {
        // `x` is named once in each of the two mappings under `a`; `a` repeats.
        let l = Locator::new("a: {x: 1}\nb:\n  y: 1\n  y: 2\na: {x: 2}\n");
        assert_eq!(l.duplicate("y"), Some(Pos { line: 4, col: 3 }));
        assert_eq!(l.duplicate("a"), Some(Pos { line: 5, col: 1 }));
        assert_eq!(l.duplicate("x"), None);
        // The later value wins, as with paths.
        assert_eq!(l.value(&path!["a", "x"]), Pos { line: 5, col: 8 });
        assert!(!l.keys_are_plain());
    }

    #[test]
    fn tells_plain_keys() {
        assert!(Locator::new("a: 1\nb_c: [1, {d: '2'}]\n\"1\": x\n").keys_are_plain());
        for text in ["1: a\n", "~: a\n", "true: a\n", "? [a]\n: b\n", "a: &x 1\n*x : 2\n", "a: [\n"] {
            assert!(!Locator::new(text).keys_are_plain(), "{text:?}");
        }
    }
}

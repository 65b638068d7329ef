//! Where each node of a YAML file sits, so that problems found after
//! deserialising (an unknown type, a path parameter with no declaration) can
//! still be reported as `file:line:col`.
//!
//! serde_yaml does not expose positions of values, so the text is read with
//! yaml-rust2's event parser, which does, into a tree of nodes. The typed
//! structs are then read from that same tree ([`Locator::read`]), so that a
//! spec is parsed once; only a file that the tree cannot stand for exactly
//! (a syntax error, a type error, an anchor, a tag...) is parsed again by
//! serde_yaml, whose messages the diagnostics quote.

mod de;

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
    nodes: Vec<Node>,
    /// The text of each scalar, by [`Kind::Scalar`]'s `text`; taken by
    /// [`Locator::read`], as positions need none of them.
    texts: Vec<String>,
    /// Keys that repeat in their mapping, with the position of the repeat.
    duplicates: Vec<(String, Pos)>,
    /// Every mapping key is a scalar that YAML reads as a string, and the
    /// text parsed.
    plain_keys: bool,
    /// One document, with no tag: what serde_yaml would make of it follows
    /// from the tree alone.
    simple: bool,
}

#[derive(Debug)]
struct Node {
    /// Where the value starts.
    pos: Pos,
    /// Where its key is, if it has one.
    key: Option<Pos>,
    /// An alias may name it, so it may be read more than once.
    anchored: bool,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    /// The root of a file with no document.
    Empty,
    /// The anchored node it names (`None`: none, and the text did not parse).
    /// Not followed by paths: what an alias stands for has its positions
    /// where the anchor is.
    Alias(Option<u32>),
    Scalar {
        text: u32,
        plain: bool,
    },
    /// Keys in order, each once (a repeated key names the later value).
    Map(Vec<(String, u32)>),
    Seq(Vec<u32>),
}

impl Default for Locator {
    fn default() -> Self {
        Locator {
            nodes: vec![Node { pos: Pos { line: 1, col: 1 }, key: None, anchored: false, kind: Kind::Empty }],
            texts: Vec::new(),
            duplicates: Vec::new(),
            plain_keys: true,
            simple: true,
        }
    }
}

impl Locator {
    /// Indexes `text`. Text that does not parse yields a partial index; the
    /// serde_yaml pass reports the syntax error itself.
    pub fn new(text: &str) -> Self {
        let mut builder = Builder { stack: Vec::new(), out: Locator::default(), documents: 0, anchors: Vec::new() };
        let mut parser = Parser::new_from_str(text);
        // Every document, so that a syntax error anywhere is seen; only the
        // first is indexed (serde_yaml refuses more than one).
        if parser.load(&mut builder, true).is_err() {
            builder.out.plain_keys = false;
        }
        builder.out
    }

    /// The node at `path`, or the closest ancestor that exists, and whether
    /// it is the node itself.
    fn find(&self, path: &[Seg]) -> (usize, bool) {
        let mut node = 0;
        for seg in path {
            let child = match (&self.nodes[node].kind, seg) {
                (Kind::Map(entries), Seg::Key(k)) => entries.iter().find(|(name, _)| name == k).map(|&(_, c)| c),
                (Kind::Seq(items), Seg::Index(i)) => items.get(*i).copied(),
                _ => None,
            };
            match child {
                Some(child) => node = child as usize,
                None => return (node, false),
            }
        }
        (node, true)
    }

    /// Position of the value at `path`, or of the closest ancestor that has
    /// one (content reached through an alias has no position of its own).
    pub fn value(&self, path: &[Seg]) -> Pos {
        self.nodes[self.find(path).0].pos
    }

    /// Where a mapping key named `key` first repeats, if it does.
    pub fn duplicate(&self, key: &str) -> Option<Pos> {
        self.duplicates.iter().find(|(k, _)| k == key).map(|(_, p)| *p)
    }

    /// Position of the mapping key that leads to `path`, falling back to the
    /// value's position.
    pub fn key(&self, path: &[Seg]) -> Pos {
        match self.find(path) {
            (node, true) => self.nodes[node].key.unwrap_or(self.nodes[node].pos),
            (node, false) => self.nodes[node].pos,
        }
    }

    /// The text parsed, no mapping repeats a key, and every key is a scalar
    /// that YAML reads as a string (`name`, not `1`, `true` or `~`): then
    /// keys compare the same way here and in serde_yaml.
    pub fn keys_are_plain(&self) -> bool {
        self.plain_keys && self.duplicates.is_empty()
    }

    /// The file's document as a `T`, as serde_yaml would read it; `None`
    /// when the tree cannot tell (anything serde_yaml would refuse, and a
    /// few things it reads by rules not repeated here), and then it is up to
    /// serde_yaml. Takes the scalars' texts: call it once.
    pub fn read<T: serde::de::DeserializeOwned>(&mut self) -> Option<T> {
        if !(self.simple && self.keys_are_plain()) {
            return None;
        }
        let mut texts = std::mem::take(&mut self.texts);
        T::deserialize(de::De::root(&self.nodes, &mut texts)).ok()
    }
}

enum Frame {
    /// `key`: the key read, waiting for its value, and the index of the
    /// entry it repeats, if it does.
    Map {
        node: u32,
        key: Option<(String, Marker, Option<usize>)>,
    },
    Seq {
        node: u32,
    },
}

struct Builder {
    stack: Vec<Frame>,
    out: Locator,
    /// Documents started so far.
    documents: usize,
    /// yaml-rust2's anchor numbers, with the node each names.
    anchors: Vec<(usize, u32)>,
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
    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    /// A mapping key, held until its value comes.
    fn key(&mut self, name: String, mark: Marker) {
        let Some(Frame::Map { node, key }) = self.stack.last_mut() else { unreachable!("a key is in a mapping") };
        let Kind::Map(entries) = &self.out.nodes[*node as usize].kind else { unreachable!("a mapping's node") };
        let repeats = entries.iter().position(|(k, _)| *k == name);
        if repeats.is_some() {
            self.out.duplicates.push((name.clone(), pos(mark)));
        }
        *key = Some((name, mark, repeats));
    }

    /// A new node, placed under the open mapping or sequence (or as the
    /// root); returns it.
    fn value(&mut self, kind: Kind, mark: Marker) -> u32 {
        let node = Node { pos: pos(mark), key: None, anchored: false, kind };
        let nodes = &mut self.out.nodes;
        let id = nodes.len() as u32;
        match self.stack.last_mut() {
            None => {
                nodes[0] = node;
                return 0;
            }
            Some(Frame::Seq { node: parent }) => {
                nodes.push(node);
                let Kind::Seq(items) = &mut nodes[*parent as usize].kind else { unreachable!("a sequence's node") };
                items.push(id);
            }
            Some(Frame::Map { node: parent, key }) => {
                let (name, kmark, repeats) = key.take().expect("a value follows its key");
                nodes.push(Node { key: Some(pos(kmark)), ..node });
                let Kind::Map(entries) = &mut nodes[*parent as usize].kind else { unreachable!("a mapping's node") };
                match repeats {
                    Some(i) => entries[i].1 = id,
                    None => entries.push((name, id)),
                }
            }
        }
        id
    }

    /// A node that is not a string key: an alias, a mapping or a sequence.
    /// As a key it is indexed apart (nothing can name it) and its value
    /// under an empty key.
    fn node(&mut self, kind: Kind, mark: Marker) -> u32 {
        if !self.expects_key() {
            return self.value(kind, mark);
        }
        self.out.plain_keys = false;
        self.key(String::new(), mark);
        self.out.nodes.push(Node { pos: pos(mark), key: None, anchored: false, kind });
        (self.out.nodes.len() - 1) as u32
    }

    /// Notes that `anchor` (0: none) names `node`.
    fn anchor(&mut self, anchor: usize, node: u32) {
        if anchor != 0 {
            self.out.nodes[node as usize].anchored = true;
            self.anchors.push((anchor, node));
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if let Event::DocumentStart = ev {
            self.documents += 1;
        }
        if self.documents > 1 {
            self.out.simple = false;
            return;
        }
        match ev {
            Event::Scalar(s, style, anchor, tag) => {
                if tag.is_some() {
                    self.out.simple = false;
                }
                let plain = style == TScalarStyle::Plain;
                if self.expects_key() {
                    if plain && maybe_not_a_string(&s) {
                        self.out.plain_keys = false;
                    }
                    // An anchored key is not read back through the tree.
                    if anchor != 0 {
                        self.out.simple = false;
                    }
                    self.key(s, mark);
                } else {
                    let text = self.out.texts.len() as u32;
                    self.out.texts.push(s);
                    let node = self.value(Kind::Scalar { text, plain }, mark);
                    self.anchor(anchor, node);
                }
            }
            Event::Alias(anchor) => {
                let target = self.anchors.iter().rev().find(|&&(a, _)| a == anchor).map(|&(_, node)| node);
                self.node(Kind::Alias(target), mark);
            }
            Event::MappingStart(anchor, ref tag) | Event::SequenceStart(anchor, ref tag) => {
                if tag.is_some() {
                    self.out.simple = false;
                }
                let node = if matches!(ev, Event::MappingStart(..)) {
                    self.node(Kind::Map(Vec::new()), mark)
                } else {
                    self.node(Kind::Seq(Vec::new()), mark)
                };
                self.anchor(anchor, node);
                self.stack.push(if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map { node, key: None }
                } else {
                    Frame::Seq { node }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

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

//! Where each node of a YAML file sits, so that problems found after
//! deserialising (an unknown type, a path parameter with no declaration) can
//! still be reported as `file:line:col`.
//!
//! serde_yaml does not expose positions of values, so the same text is read a
//! second time with yaml-rust2's event parser, which does.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

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

/// Positions of every node of one file.
#[derive(Debug, Default)]
pub struct Locator {
    values: HashMap<NodePath, Pos>,
    keys: HashMap<NodePath, Pos>,
    /// Keys that repeat in their mapping, with the position of the repeat.
    duplicates: Vec<(String, Pos)>,
}

impl Locator {
    /// Indexes `text`. Text that does not parse yields an empty index; the
    /// serde_yaml pass reports the syntax error itself.
    pub fn new(text: &str) -> Self {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut builder, false);
        builder.out
    }

    /// Position of the value at `path`, or of the closest ancestor that has
    /// one (content reached through an alias has no position of its own).
    pub fn value(&self, path: &[Seg]) -> Pos {
        (0..=path.len()).rev().find_map(|n| self.values.get(&path[..n]).copied()).unwrap_or(Pos { line: 1, col: 1 })
    }

    /// Where a mapping key named `key` first repeats, if it does.
    pub fn duplicate(&self, key: &str) -> Option<Pos> {
        self.duplicates.iter().find(|(k, _)| k == key).map(|(_, p)| *p)
    }

    /// Position of the mapping key that leads to `path`, falling back to the
    /// value's position.
    pub fn key(&self, path: &[Seg]) -> Pos {
        self.keys.get(path).copied().unwrap_or_else(|| self.value(path))
    }
}

enum Frame {
    Map { path: NodePath, key: Option<(String, Marker)>, seen: std::collections::HashSet<String> },
    Seq { path: NodePath, next: usize },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    out: Locator,
}

fn pos(m: Marker) -> Pos {
    // yaml-rust2 counts lines from 1 and columns from 0.
    Pos { line: m.line(), col: m.col() + 1 }
}

impl Builder {
    /// Called for every node; returns its path, or `None` when the node is a
    /// mapping key.
    fn place(&mut self, scalar: Option<&str>, mark: Marker) -> Option<NodePath> {
        match self.stack.last_mut() {
            None => Some(Vec::new()),
            Some(Frame::Seq { path, next }) => {
                let mut p = path.clone();
                p.push(Seg::Index(*next));
                *next += 1;
                Some(p)
            }
            Some(Frame::Map { path, key, seen }) => match key.take() {
                None => {
                    let name = scalar.unwrap_or_default().to_owned();
                    if !seen.insert(name.clone()) {
                        self.out.duplicates.push((name.clone(), pos(mark)));
                    }
                    *key = Some((name, mark));
                    None
                }
                Some((k, kmark)) => {
                    let mut p = path.clone();
                    p.push(Seg::Key(k));
                    self.out.keys.insert(p.clone(), pos(kmark));
                    Some(p)
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(ref s, ..) => {
                if let Some(p) = self.place(Some(s), mark) {
                    self.out.values.insert(p, pos(mark));
                }
            }
            Event::Alias(_) => {
                if let Some(p) = self.place(None, mark) {
                    self.out.values.insert(p, pos(mark));
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let p = self.place(None, mark).unwrap_or_default();
                self.out.values.insert(p.clone(), pos(mark));
                self.stack.push(if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map { path: p, key: None, seen: Default::default() }
                } else {
                    Frame::Seq { path: p, next: 0 }
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
}

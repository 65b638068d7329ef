//! Rust source written as text, a line at a time, indented by block.
//!
//! The client's modules are most of what the generator writes (about 2.4 MB,
//! much of it docs). Building them as token streams (quote) and then parsing
//! and printing them (syn, prettyplease) cost about eight times everything
//! else generation did, so the emitters write formatted lines directly, as
//! smithy-rs's `RustWriter` does. syn still reads every generated
//! file in the tests (`codegen/tests/`), and the crates that include them
//! compile them.

use std::fmt::{Display, Write as _};

use super::docs::rustdoc_lines;

/// One file's (or one item's) Rust source being written.
#[derive(Debug, Default)]
pub(crate) struct Code {
    out: String,
    depth: usize,
}

/// The line width of `rustfmt.toml`, which the generator keeps to where it
/// lays lines out itself. rustfmt skips files marked `@generated`, so
/// `cargo fmt --check` does not check these layouts.
pub(crate) const MAX_WIDTH: usize = 120;

impl Code {
    /// How many columns the current indentation takes.
    pub(crate) fn indent_width(&self) -> usize {
        4 * self.depth
    }

    /// An empty buffer with room for about `bytes` of output.
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        Code { out: String::with_capacity(bytes), depth: 0 }
    }

    /// One line at the current indentation (`format_args!` avoids building
    /// a `String` first). An empty line is written without indentation.
    pub(crate) fn line(&mut self, text: impl Display) -> &mut Self {
        let start = self.out.len();
        self.indent();
        let _ = write!(self.out, "{text}");
        if self.out.len() == start + 4 * self.depth {
            // Nothing was written after the indentation.
            self.out.truncate(start);
        }
        self.out.push('\n');
        self
    }

    /// An empty line.
    pub(crate) fn blank(&mut self) -> &mut Self {
        self.out.push('\n');
        self
    }

    /// `text {` and one level deeper, for an item, block or literal whose
    /// body follows; [`close`](Self::close) ends it. An empty `text` opens
    /// a bare block: `{`.
    pub(crate) fn open(&mut self, text: impl Display) -> &mut Self {
        let start = self.out.len();
        self.indent();
        let _ = write!(self.out, "{text}");
        if self.out.len() > start + 4 * self.depth {
            self.out.push(' ');
        }
        self.out.push_str("{\n");
        self.depth += 1;
        self
    }

    /// One level shallower and `}` followed by `after` (`""`, `","`, `";"`).
    pub(crate) fn close(&mut self, after: &str) -> &mut Self {
        self.depth = self.depth.checked_sub(1).expect("close matches an open");
        self.indent();
        let _ = writeln!(self.out, "}}{after}");
        self
    }

    /// Outer doc comment (`///`) lines for `text`, with spec prose escaped
    /// for rustdoc; nothing for an empty text.
    pub(crate) fn doc(&mut self, text: &str) -> &mut Self {
        self.doc_lines("///", text)
    }

    /// Inner doc comment (`//!`) lines, for a module's own docs.
    pub(crate) fn inner_doc(&mut self, text: &str) -> &mut Self {
        self.doc_lines("//!", text)
    }

    fn doc_lines(&mut self, marker: &str, text: &str) -> &mut Self {
        // Looked for once in the text: docs seldom hold one.
        let has_cr = text.as_bytes().contains(&b'\r');
        rustdoc_lines(text, |l| {
            self.indent();
            if has_cr && l.contains('\r') {
                // A comment cannot hold a bare carriage return; the attribute can.
                let bang = if marker == "//!" { "!" } else { "" };
                let _ = writeln!(self.out, "#{bang}[doc = {}]", lit(&format!(" {l}")));
            } else {
                self.out.push_str(marker);
                // rustdoc strips the one space after the marker.
                if !l.is_empty() {
                    self.out.push(' ');
                    self.out.push_str(l);
                }
                self.out.push('\n');
            }
        });
        self
    }

    /// `#[cfg(feature = "…")]` for an item compiled only under `feature`;
    /// nothing for one compiled whatever the features.
    pub(crate) fn cfg(&mut self, feature: Option<&str>) -> &mut Self {
        if let Some(f) = feature {
            self.line(format_args!("#[cfg(feature = {})]", lit(f)));
        }
        self
    }

    /// Text written for depth 0 (lines ending in `\n`), indented to the
    /// current depth: a piece another function wrote on its own.
    pub(crate) fn push(&mut self, text: &str) -> &mut Self {
        for l in text.lines() {
            if l.is_empty() {
                self.out.push('\n');
            } else {
                self.indent();
                self.out.push_str(l);
                self.out.push('\n');
            }
        }
        self
    }

    /// The current indentation depth (in levels of four spaces).
    pub(crate) fn depth(&self) -> usize {
        self.depth
    }

    pub(crate) fn finish(self) -> String {
        debug_assert_eq!(self.depth, 0, "every open is closed");
        self.out
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
    }
}

/// A Rust string literal for `s`, escaped exactly as proc-macro2's
/// `Literal::string` escapes one (so that text and token output agree).
///
/// Written here rather than through proc-macro2, which escapes every
/// character through `char::escape_debug` into a second buffer: about a
/// sixth of generation's instructions went there. Printable ASCII other than
/// `"` and `\` is copied as it is, a run at a time; any other character is
/// escaped as proc-macro2 escapes it.
pub(crate) fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut rest = s;
    while !rest.is_empty() {
        let plain = rest.bytes().position(|b| !matches!(b, b' '..=b'~') || b == b'"' || b == b'\\');
        let (run, tail) = rest.split_at(plain.unwrap_or(rest.len()));
        out.push_str(run);
        let mut chars = tail.chars();
        let Some(ch) = chars.next() else { break };
        rest = chars.as_str();
        match ch {
            // The escapes docs are full of, as `escape_debug` writes them.
            '\n' => out.push_str("\\n"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // As proc-macro2: `\0` would read as an octal escape before a digit.
            '\0' if rest.starts_with(|next| ('0'..='7').contains(&next)) => out.push_str("\\x00"),
            '\0' => out.push_str("\\0"),
            _ => out.extend(ch.escape_debug()),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_indent_and_close() {
        let mut c = Code::default();
        c.doc("A thing.\n\nWith [0,1] range.");
        c.cfg(Some("users"));
        c.open("pub struct A");
        c.line(format_args!("x: {},", "i64"));
        c.close("");
        c.blank();
        c.open("fn f()").open("if a").line("b();").close("").close("");
        assert_eq!(
            c.finish(),
            "/// A thing.\n///\n/// With \\[0,1\\] range.\n#[cfg(feature = \"users\")]\npub struct A {\n    x: i64,\n}\n\nfn f() {\n    if a {\n        b();\n    }\n}\n"
        );
    }

    #[test]
    fn an_empty_open_is_a_bare_block() {
        let mut c = Code::default();
        c.open("fn f()").open("").line("g();").close("").close("");
        assert_eq!(c.finish(), "fn f() {\n    {\n        g();\n    }\n}\n");
    }

    #[test]
    fn pieces_are_reindented_and_empty_lines_stay_empty() {
        let mut c = Code::default();
        c.open("impl A");
        c.push("fn f() {\n    g();\n}\n\nfn h() {}\n");
        c.line("");
        c.close("");
        assert_eq!(c.finish(), "impl A {\n    fn f() {\n        g();\n    }\n\n    fn h() {}\n\n}\n");
    }

    #[test]
    fn docs_with_a_carriage_return_become_attributes() {
        let mut c = Code::default();
        c.inner_doc("a\rb");
        assert_eq!(c.finish(), "#![doc = \" a\\rb\"]\n");
    }

    #[test]
    fn literals_match_proc_macro2() {
        assert_eq!(lit("a \"b\"\n中"), "\"a \\\"b\\\"\\n中\"");
        let tricky = [
            "",
            "plain text, with 'quotes' and ~",
            "\\ \" \t \r \n \0 \x001 \x008 \u{1} \u{7f} \u{80} \u{200b} \u{301} e\u{301} 中文 🦀 \u{feff}",
            "\0",
            "\u{10ffff}\u{e000}\u{fffd}",
        ];
        for s in tricky {
            assert_eq!(lit(s), proc_macro2::Literal::string(s).to_string(), "{s:?}");
        }
    }
}

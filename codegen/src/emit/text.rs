//! Rust written as text, for the tables (the mock's operation table, the
//! CLI's command table): plain data — struct literals, lists, strings —
//! whose layout is simple to write directly (the client's code is written
//! with [`Code`](super::rust::Code), which knows blocks and doc comments).
//! Tests parse every table with syn, and the crates that include them
//! compile them.

use std::fmt::Write as _;

/// Lines are kept to this width where a list can be broken.
const WIDTH: usize = 100;

/// `&[a, b]` after `line` (the start of a line, indented by `indent`) when
/// it fits, else one item a line below it (at `indent` + 4, the `]` at
/// `indent`); then `end` and a new line.
pub(crate) fn list(out: &mut String, indent: usize, line: &str, items: &[String], end: &str) {
    let one_line = items.join(", ");
    let _ = write!(out, "{:indent$}{line}", "");
    if indent + line.len() + one_line.len() + 2 + end.len() <= WIDTH {
        let _ = writeln!(out, "&[{one_line}]{end}");
        return;
    }
    out.push_str("&[\n");
    for item in items {
        let _ = writeln!(out, "{:w$}{item},", "", w = indent + 4);
    }
    let _ = writeln!(out, "{:indent$}]{end}", "");
}

pub(crate) use super::rust::lit;

/// A raw string literal (`r"…"`, `r#"…"#`) where the text allows one (it
/// reads as written: the mock's JSON examples), else an escaped one.
pub(crate) fn raw_lit(text: &str) -> String {
    // A raw string cannot hold a carriage return on its own.
    if text.contains('\r') {
        return lit(text);
    }
    // As many `#` as needed so that no `"` in the text ends the literal.
    let mut hashes = 0;
    for (i, _) in text.match_indices('"') {
        let run = text[i + 1..].bytes().take_while(|&b| b == b'#').count();
        hashes = hashes.max(run + 1);
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
}

/// `Some("…")` or `None`.
pub(crate) fn opt_lit(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_owned(), |s| format!("Some({})", lit(s)))
}

/// `Some(v)` or `None`.
pub(crate) fn opt(v: Option<impl std::fmt::Display>) -> String {
    v.map_or_else(|| "None".to_owned(), |v| format!("Some({v})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_fit_or_break() {
        let mut out = String::new();
        list(&mut out, 4, "a: ", &["1".into(), "2".into()], ",");
        assert_eq!(out, "    a: &[1, 2],\n");
        let long: Vec<String> = (0..30).map(|i| format!("item{i}")).collect();
        let mut out = String::new();
        list(&mut out, 4, "a: ", &long, ",");
        assert!(out.starts_with("    a: &[\n        item0,\n"));
        assert!(out.ends_with("        item29,\n    ],\n"));
    }

    #[test]
    fn literals_are_rust() {
        assert_eq!(lit("a \"b\"\n\\ 中"), r#""a \"b\"\n\\ 中""#);
        assert_eq!(opt_lit(None), "None");
        assert_eq!(opt(Some(3)), "Some(3)");
        assert_eq!(raw_lit(r#"{"a": "b"}"#), r##"r#"{"a": "b"}"#"##);
        assert_eq!(raw_lit(r##"say "#"##), r###"r##"say "#"##"###);
        assert_eq!(raw_lit("plain"), r#"r"plain""#);
    }
}

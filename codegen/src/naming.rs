//! Rust names from wire names.

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Whether `s` is already a snake_case Rust-style name.
pub fn is_snake(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && to_snake_case(s) == s
}

/// Whether `s` is already an UpperCamelCase Rust-style name.
pub fn is_camel(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && to_upper_camel_case(s) == s
}

/// heck's `to_snake_case`, without its formatting machinery for ASCII text
/// (every name in the spec): the resolver converts thousands of names.
fn to_snake_case(s: &str) -> String {
    if !s.is_ascii() {
        return s.to_snake_case();
    }
    let mut out = String::with_capacity(s.len() + 4);
    ascii_words(s, |word| {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    });
    out
}

/// heck's `to_upper_camel_case`, as [`to_snake_case`].
fn to_upper_camel_case(s: &str) -> String {
    if !s.is_ascii() {
        return s.to_upper_camel_case();
    }
    let mut out = String::with_capacity(s.len());
    ascii_words(s, |word| {
        let (first, rest) = word.as_bytes().split_at(1);
        out.push(char::from(first[0].to_ascii_uppercase()));
        out.extend(rest.iter().map(|b| char::from(b.to_ascii_lowercase())));
    });
    out
}

/// The words heck finds in ASCII `s` (its `transform`): runs of letters and
/// digits, split where a lower case letter meets an upper case one and
/// before the last capital of a run of capitals followed by a lower case
/// letter (`HTTPServer`: `HTTP`, `Server`). Never empty.
fn ascii_words(s: &str, mut word: impl FnMut(&str)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lower,
        Upper,
    }
    for w in s.split(|c: char| !c.is_ascii_alphanumeric()) {
        let b = w.as_bytes();
        let (mut init, mut mode) = (0, Mode::Boundary);
        for i in 0..b.len() {
            let c = b[i];
            let Some(&next) = b.get(i + 1) else {
                word(&w[init..]);
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lower
            } else if c.is_ascii_uppercase() {
                Mode::Upper
            } else {
                mode
            };
            if next_mode == Mode::Lower && next.is_ascii_uppercase() {
                word(&w[init..=i]);
                (init, mode) = (i + 1, Mode::Boundary);
            } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                word(&w[init..i]);
                (init, mode) = (i, Mode::Boundary);
            } else {
                mode = next_mode;
            }
        }
    }
}

pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// The Rust field, parameter or setter name for a wire name:
/// `metaData` → `meta_data`, `type` → `type_`.
pub fn snake(wire: &str) -> String {
    let s = to_snake_case(wire);
    let s = if s.starts_with(|c: char| c.is_ascii_digit()) || s.is_empty() { format!("n{s}") } else { s };
    if is_keyword(&s) { format!("{s}_") } else { s }
}

/// The Rust type or variant name for a wire name: `NO_DELETE` → `NoDelete`.
pub fn camel(wire: &str) -> String {
    let s = to_upper_camel_case(wire);
    if s.starts_with(|c: char| c.is_ascii_digit()) || s.is_empty() { format!("V{s}") } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(snake("metaData"), "meta_data");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("newSuperAdmin"), "new_super_admin");
        assert_eq!(camel("NO_DELETE"), "NoDelete");
        assert_eq!(camel("forbidden_op"), "ForbiddenOp");
        assert!(is_snake("add_batch"));
        assert!(!is_snake("addBatch"));
        assert!(is_camel("ChatroomId"));
        assert!(!is_camel("chatroomId"));
    }

    /// The ASCII conversions agree with heck on every string of up to five
    /// characters drawn from each class that its word split tells apart.
    #[test]
    fn conversions_match_heck() {
        let alphabet = ['a', 'b', 'B', 'C', '1', '_', '-', ' '];
        let mut texts = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..5 {
            texts = texts.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            all.extend(texts.iter().cloned());
        }
        all.extend(["HTTPServer", "userIDs", "NO_DELETE", "metaData", "x-api-key", "v2API", "ÄbC"].map(String::from));
        for t in &all {
            assert_eq!(to_snake_case(t), t.to_snake_case(), "{t:?}");
            assert_eq!(to_upper_camel_case(t), t.to_upper_camel_case(), "{t:?}");
        }
    }
}

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
        && s.to_snake_case() == s
}

/// Whether `s` is already an UpperCamelCase Rust-style name.
pub fn is_camel(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && s.to_upper_camel_case() == s
}

pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// The Rust field, parameter or setter name for a wire name:
/// `metaData` → `meta_data`, `type` → `type_`.
pub fn snake(wire: &str) -> String {
    let s = wire.to_snake_case();
    let s = if s.starts_with(|c: char| c.is_ascii_digit()) || s.is_empty() { format!("n{s}") } else { s };
    if is_keyword(&s) { format!("{s}_") } else { s }
}

/// The Rust type or variant name for a wire name: `NO_DELETE` → `NoDelete`.
pub fn camel(wire: &str) -> String {
    let s = wire.to_upper_camel_case();
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
}

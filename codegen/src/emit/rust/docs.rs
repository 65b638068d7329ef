//! Doc comments.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// `text` as `#[doc]` attributes, one per line, so prettyplease prints
/// ordinary `///` comments (not for a macro's input: [`macro_doc_attrs`]).
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = text.trim_end().lines().map(|l| {
        let l = doc_line(l);
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// The same as inner (`//!`) attributes.
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    let lines = text.trim_end().lines().map(|l| {
        let l = doc_line(l);
        quote!(#![doc = #l])
    });
    quote!(#(#lines)*)
}

/// `text` as `#[doc]` attributes inside a macro's input, where prettyplease
/// prints the tokens as they are: plain string literals, as people write.
pub fn macro_doc_attrs(text: &str) -> TokenStream {
    let lines = text.trim_end().lines().map(|l| {
        let l = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// One line of a doc comment, with its leading space, as a string literal.
/// Raw (`r"…"`, `r#"…"#`) where it can be: the docs are most of the output,
/// and syn and prettyplease read a raw literal back by copying it, not char
/// by char. prettyplease prints the same `/// …` line either way.
fn doc_line(line: &str) -> Literal {
    let text = if line.is_empty() { String::new() } else { format!(" {line}") };
    // A raw string cannot hold a carriage return on its own.
    if text.contains('\r') {
        return Literal::string(&text);
    }
    // As many `#` as needed so that no `"` in the text ends the literal.
    let mut hashes = 0;
    for (i, _) in text.match_indices('"') {
        let run = text[i + 1..].bytes().take_while(|&b| b == b'#').count();
        hashes = hashes.max(run + 1);
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}").parse().unwrap_or_else(|_| Literal::string(&text))
}

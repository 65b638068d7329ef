//! Doc comments.

use proc_macro2::TokenStream;
use quote::quote;

/// `text` as `#[doc]` attributes, one per line, so prettyplease prints
/// ordinary `///` comments.
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = text.trim_end().lines().map(|l| {
        let l = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// The same as inner (`//!`) attributes.
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    let lines = text.trim_end().lines().map(|l| {
        let l = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote!(#![doc = #l])
    });
    quote!(#(#lines)*)
}

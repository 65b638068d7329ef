//! The mock's round-trip test table (`mock/tests/generated/calls.rs`): for
//! every operation, a call of the generated client with a value for each
//! required input, within its documented limits. The hand-written test runs
//! each call against the mock, so a request the client builds and the mock
//! refuses (or an answer the client cannot decode) fails the suite, and an
//! operation added to the spec is covered without touching the test.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::OutputFile;
use crate::model::*;

/// Where the generated test table lives, relative to the repository root.
pub const CALLS_DIR: &str = "mock/tests/generated";

/// The table, as one file.
pub fn emit(api: &Api) -> OutputFile {
    let files: Vec<&str> = api.areas.iter().map(|a| a.file.as_str()).collect();
    let sources = format!("spec/common.yaml and {}", files.join(", "));
    super::rust::file(CALLS_DIR, "calls.rs", &sources, || tokens(api))
}

fn tokens(api: &Api) -> TokenStream {
    let arms = api.areas.iter().flat_map(|a| a.operations.iter().map(move |op| arm(api, a, op)));
    let ids = api.operations().map(|op| &op.id);
    quote! {
        //! One call of the generated client per operation, with values for
        //! its required inputs.

        /// Every operation ID, in spec order.
        pub const OPERATION_IDS: &[&str] = &[#(#ids),*];

        /// Sends operation `id` through `client`; the answer is decoded and dropped.
        pub async fn call(client: &::easemob::Client, id: &str) -> ::std::result::Result<(), ::easemob::Error> {
            match id {
                #(#arms)*
                other => panic!("no call for operation {other}"),
            }
        }
    }
}

fn arm(api: &Api, area: &Area, op: &Operation) -> TokenStream {
    let id = &op.id;
    let handle = format_ident!("{}", area.rust.module);
    let method = format_ident!("{}", op.rust.method);
    let args = op.required_inputs().into_iter().map(|f| argument(api, &f.ty, &f.limits));
    quote!(#id => client.#handle().#method(#(#args),*).send().await.map(drop),)
}

/// A value for an argument, a `new` argument or a list item, in the form
/// the generated signatures take (`impl Into<…>` for text, IDs and enums).
fn argument(api: &Api, ty: &Ty, limits: &Limits) -> TokenStream {
    match ty {
        Ty::List(t) | Ty::OneOrMany(t) => {
            // Two items where allowed: a one-item list in a path reads like
            // the single-item operation that often shares the path.
            let n = limits.min_items.unwrap_or(0).max(limits.max_items.unwrap_or(2).min(2)).max(1);
            let items = (0..n).map(|i| item(api, t, i));
            quote!([#(#items),*])
        }
        Ty::Map(t) => {
            let pairs = (0..limits.min_items.unwrap_or(1).max(1)).map(|i| {
                let key = format!("k{i}");
                let value = item(api, t, i);
                quote!((#key, #value))
            });
            quote!([#(#pairs),*])
        }
        t => scalar(api, t, limits, 1),
    }
}

/// One list item or map value; items are told apart by `i`.
fn item(api: &Api, ty: &Ty, i: u64) -> TokenStream {
    match ty {
        Ty::List(_) | Ty::OneOrMany(_) | Ty::Map(_) => {
            let inner = argument(api, ty, &Limits::default());
            quote!(#inner.into_iter().collect())
        }
        t => scalar(api, t, &Limits::default(), i + 1),
    }
}

fn scalar(api: &Api, ty: &Ty, limits: &Limits, n: u64) -> TokenStream {
    match ty {
        Ty::String => {
            let s = format!("v{n}");
            quote!(#s)
        }
        Ty::Secret => quote!("mock-secret"),
        Ty::Integer => {
            let v = 1.max(limits.min.unwrap_or(1)).min(limits.max.unwrap_or(i64::MAX));
            quote!(#v)
        }
        Ty::Timestamp => quote!(::easemob::Timestamp::from_unix_millis(1_700_000_000_000)),
        Ty::MuteDuration(_) => quote!(::easemob::MuteDuration::Forever),
        Ty::Number => quote!(1.0),
        Ty::Boolean => quote!(true),
        Ty::Json | Ty::None => quote!(::serde_json::json!({})),
        Ty::Binary => quote!(::easemob::Upload::from_bytes("mock.txt", &b"mock file"[..])),
        Ty::List(_) | Ty::OneOrMany(_) | Ty::Map(_) => {
            let inner = argument(api, ty, limits);
            quote!(#inner.into_iter().collect())
        }
        Ty::Named(name) => named(api, name, n),
    }
}

fn named(api: &Api, name: &str, n: u64) -> TokenStream {
    let def = api.find_type(name).expect("type references are resolved");
    let path = type_path(api, def);
    match &def.kind {
        TypeKind::Id => {
            let s = format!("id{n}");
            quote!(#s)
        }
        TypeKind::Enum(values) => {
            let v = &values.first().expect("an enum has values").value;
            quote!(#v)
        }
        TypeKind::Struct(fields) => {
            let new = format_ident!("{}", api.rust.new_fn);
            let args = fields.iter().filter(|f| f.required).map(|f| argument(api, &f.ty, &f.limits));
            quote!(#path::#new(#(#args),*))
        }
        TypeKind::KeyedUnion(vs) | TypeKind::TaggedUnion { variants: vs, .. } => {
            let v = vs.first().expect("a union has variants");
            let variant = format_ident!("{}", v.rust);
            let inner = argument(api, &v.ty, &Limits::default());
            quote!(#path::#variant(::std::convert::Into::into(#inner)))
        }
    }
}

/// `::easemob::<module>::<Name>`, or `::easemob::<Name>` for common types.
fn type_path(api: &Api, def: &TypeDef) -> TokenStream {
    let ident = format_ident!("{}", def.name);
    match &def.home {
        Home::Area(area) => {
            let module = api.areas.iter().find(|a| a.name == *area).expect("a type's home area exists");
            let module = format_ident!("{}", module.rust.module);
            quote!(::easemob::#module::#ident)
        }
        _ => quote!(::easemob::#ident),
    }
}

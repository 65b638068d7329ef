//! One area module: its handle, one request type per operation, and the
//! named types the area's spec file defines.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::{area_example, doc_attrs, inner_doc_attrs, notes_section};
use super::types::{field_doc, input, rust_ty, type_def_tokens as type_def}; // MIGRATION
use super::{cfg, gate_items};
use crate::model::*;

/// A name the model holds, as an identifier.
fn ident(name: &str) -> Ident {
    format_ident!("{}", name)
}

/// The whole module of one area.
pub fn area_module(api: &Api, area: &Area) -> TokenStream {
    let client = &api.rust.client;
    let module = &area.rust.module;
    let example = area_example(api, area).map(|e| format!("\n\n{e}")).unwrap_or_default();
    let module_doc = inner_doc_attrs(&format!(
        "{}\n\n{}\n\nReach these operations through [`{client}::{module}`](crate::{client}::{module}). Spec: `{}`.{example}",
        area.title, area.doc, area.file
    ));
    let handle = ident(&area.rust.handle);
    let handle_doc = doc_attrs(&format!(
        "The {} operations of one [`{client}`](crate::{client}); see the [module docs](self).",
        area.title.to_lowercase()
    ));
    let new = ident(&api.rust.new_fn);
    let client_field = ident(&api.rust.request.client_field);
    // A module compiled whatever the features (it holds items the client
    // needs) gates each of its other items on the area's feature instead.
    let partly_core = api.module_feature(area).is_none();
    let op_feature = |op: &Operation| if partly_core { api.operation_feature(op) } else { None };
    let methods = area.operations.iter().map(|op| handle_method(api, op, cfg(op_feature(op))));
    let requests = area.operations.iter().map(|op| gate_items(op_feature(op), request_type(api, area, op)));
    let types = api.types.iter().filter(|t| t.home == Home::Area(area.name.clone())).map(|t| {
        let feature = if partly_core { api.type_feature(t) } else { None };
        gate_items(feature, type_def(api, t))
    });
    quote! {
        #module_doc

        #handle_doc
        #[derive(Debug, Clone)]
        pub struct #handle { #client_field: ::easemob_runtime::RawClient }

        impl #handle {
            pub(crate) fn #new(#client_field: ::easemob_runtime::RawClient) -> Self { Self { #client_field } }
            #(#methods)*
        }

        #(#requests)*
        #(#types)*
    }
}

/// The method on the area handle: takes the required inputs, returns the request.
fn handle_method(api: &Api, op: &Operation, gate: TokenStream) -> TokenStream {
    let name = ident(&op.rust.method);
    let req = ident(&op.rust.request_type);
    let client_field = ident(&api.rust.request.client_field);
    let options = ident(&api.rust.request.options);
    let doc = doc_attrs(&operation_doc(op));
    let required = op.required_inputs();
    let args = required.iter().map(|f| {
        let n = format_ident!("{}", f.rust);
        let arg = input(api, &f.ty).arg;
        quote!(#n: #arg)
    });
    let inits_required = required.iter().map(|f| {
        let n = format_ident!("{}", f.rust);
        let inp = input(api, &f.ty);
        if inp.is_identity() {
            quote!(#n,)
        } else {
            let value = inp.convert(quote!(#n));
            quote!(#n: #value,)
        }
    });
    let inits_optional = op.optional_inputs().into_iter().map(|f| {
        let n = format_ident!("{}", f.rust);
        quote!(#n: ::std::option::Option::None,)
    });
    quote! {
        #doc
        #gate
        pub fn #name(&self, #(#args),*) -> #req {
            #req { #client_field: self.#client_field.clone(), #options: ::std::default::Default::default(), #(#inits_required)* #(#inits_optional)* }
        }
    }
}

/// The reader-facing description of an operation.
fn operation_doc(op: &Operation) -> String {
    let mut s = format!("{}\n\n`{} {}`\n", op.summary, op.method.as_str(), op.full_path());
    if let Some(d) = &op.doc {
        s.push_str(&format!("\n{d}\n"));
    }
    let req = &op.rust.request_type;
    let required = op.required_inputs();
    if !required.is_empty() {
        s.push_str("\n# Arguments\n\n");
        for f in required {
            s.push_str(&format!("- `{}`: {}\n", f.rust, field_doc(f)));
        }
    }
    let optional = op.optional_inputs();
    if !optional.is_empty() {
        s.push_str(&format!("\n# Optional inputs\n\nSet on the returned [`{req}`]:\n\n"));
        for f in optional {
            s.push_str(&format!("- [`{}`]({req}::{}): {}\n", f.rust, f.rust, field_doc(f)));
        }
    }
    let out = match &op.response.ty {
        Ty::Binary => String::new(),
        Ty::None => "nothing beyond the envelope metadata".to_owned(),
        t => format!("`{}`", ty_text(t)),
    };
    let at =
        if op.response.at.is_empty() { "the whole body".to_owned() } else { format!("`{}`", op.response.at.join(".")) };
    if op.response.ty == Ty::Binary {
        s.push_str("\n# Response\n\nThe file, streamed: a [`Download`](crate::Download) that writes into any writer without holding the file in memory.\n");
    } else {
        s.push_str(&format!("\n# Response\n\nThe payload ({at}) decodes to {out}; [`Response::meta`](crate::Response::meta) keeps the envelope metadata.\n"));
    }
    if !op.errors.is_empty() {
        s.push_str("\n# Errors\n\nInputs that break a limit above are rejected with [`Error::InvalidInput`](crate::Error::InvalidInput) before anything is sent. Documented error responses, returned as [`Error::Api`](crate::Error::Api):\n\n");
        for e in &op.errors {
            let code = e.code.as_deref().map(|c| format!(" `{c}`")).unwrap_or_default();
            s.push_str(&format!("- {}{code}: {}\n", e.status, escape_md(&e.description)));
        }
    }
    let notes = notes_section(&op.notes);
    if !notes.is_empty() {
        s.push('\n');
        s.push_str(notes.trim_end_matches('\n'));
        s.push('\n');
    }
    if let Some(n) = op.max_body_bytes {
        s.push_str(&format!(
            "\nThe encoded JSON body may be at most {n} bytes; a larger one is rejected before sending.\n"
        ));
    }
    s.push_str("\n# Reference\n\n");
    if let Some(r) = &op.rate_limit {
        s.push_str(&format!("- Rate limit: {} per App Key.\n", r.text()));
    }
    s.push_str(&format!(
        "- Safe to retry: {}.\n",
        if op.retry_safe { "yes" } else { "no (the request may have taken effect)" }
    ));
    s.push_str(&format!("- Source: {}\n", op.source_link()));
    s.push_str(&format!("- Spec: `{}`, operation `{}` (operationId `{}`).\n", op.file, op.name, op.id));
    s
}

fn escape_md(s: &str) -> String {
    s.replace('[', "\\[").replace(']', "\\]").replace('<', "&lt;")
}

/// A spec type written as a reader sees it in docs.
fn ty_text(ty: &Ty) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::Integer => "i64".into(),
        Ty::Number => "f64".into(),
        Ty::Timestamp => "Timestamp".into(),
        Ty::MuteDuration(_) => "MuteDuration".into(),
        Ty::Boolean => "bool".into(),
        Ty::Json => "serde_json::Value".into(),
        Ty::Secret => "Secret".into(),
        Ty::Binary => "Download".into(),
        Ty::None => "()".into(),
        Ty::List(t) | Ty::OneOrMany(t) => format!("Vec<{}>", ty_text(t)),
        Ty::Map(t) => format!("BTreeMap<String, {}>", ty_text(t)),
        Ty::Named(n) => n.clone(),
    }
}

/// The request type of one operation: inputs, setters and `send`.
fn request_type(api: &Api, area: &Area, op: &Operation) -> TokenStream {
    let req = ident(&op.rust.request_type);
    let info = ident(&op.rust.info_static);
    let r = &api.rust.request;
    let (client_field, options, send) = (ident(&r.client_field), ident(&r.options), ident(&r.send));
    let doc = doc_attrs(&format!(
        "A prepared `{}` call; made by [`{}::{}`], sent by [`{send}`](Self::{send}).",
        op.id, area.rust.handle, op.rust.method
    ));
    let must_use = format!("a request does nothing until `{send}` is awaited");

    let all: Vec<&Field> = op.required_inputs().into_iter().chain(op.optional_inputs()).collect();
    let fields = all.iter().map(|f| {
        let n = format_ident!("{}", f.rust);
        let t = rust_ty(api, &f.ty);
        if f.required { quote!(#n: #t,) } else { quote!(#n: ::std::option::Option<#t>,) }
    });
    let setters = op.optional_inputs().into_iter().map(|f| {
        let n = format_ident!("{}", f.rust);
        let inp = input(api, &f.ty);
        let arg = &inp.arg;
        let value = inp.convert(quote!(value));
        let d = doc_attrs(&format!("`{}`: {}", f.wire, field_doc(f)));
        quote! {
            #d
            pub fn #n(mut self, value: #arg) -> Self { self.#n = ::std::option::Option::Some(#value); self }
        }
    });

    let checks = all.iter().map(|f| checks(api, f));
    let path = op.path_parts.iter().map(|part| match part {
        PathPart::Lit(l) => quote!(call.path_lit(#l);),
        PathPart::Param(i) => {
            let f = &op.params[*i].field;
            let n = format_ident!("{}", f.rust);
            // Errors name the input as the caller knows it: the Rust name.
            let name = &f.rust;
            match &f.ty {
                Ty::List(_) => quote!(call.path_list(#name, &self.#n)?;),
                t => {
                    let v = as_str(api, t, quote!(self.#n), Held::Owned);
                    quote!(call.path_param(#name, #v)?;)
                }
            }
        }
    });
    let query_and_headers = op.params.iter().filter(|p| p.location != ParamIn::Path).map(|p| {
        let n = format_ident!("{}", p.field.rust);
        let wire = &p.field.wire;
        let setter = match p.location {
            ParamIn::Header if p.field.ty == Ty::Secret => quote!(secret_header),
            ParamIn::Header => quote!(header),
            _ => quote!(query),
        };
        if p.field.required {
            quote!(call.#setter(#wire, &self.#n);)
        } else {
            quote!(if let ::std::option::Option::Some(v) = &self.#n { call.#setter(#wire, v); })
        }
    });
    let body = op.body.as_ref().map(|body| {
        let sets = body.fields.iter().map(|f| {
            let n = format_ident!("{}", f.rust);
            let wire = &f.wire;
            if f.constant {
                // Its one value, written out: the caller never passes it.
                let value = api.constant_value(f);
                return quote!(call.body_field(#wire, #value)?;);
            }
            let (set, by_value) = match (body.kind, &f.ty) {
                (BodyKind::Value, _) => (quote!(json_value), false),
                (BodyKind::Multipart, Ty::Binary) => (quote!(multipart_file), true),
                (BodyKind::Multipart, _) => (quote!(multipart_text), false),
                (BodyKind::Object, _) if f.flatten => (quote!(body_flatten), false),
                (BodyKind::Object, _) => (quote!(body_field), false),
                (BodyKind::Form { whole_map: true }, _) => (quote!(form_pairs), false),
                (BodyKind::Form { whole_map: false }, _) => (quote!(form_field), false),
            };
            let fallible = match body.kind {
                BodyKind::Multipart => f.ty == Ty::Binary,
                BodyKind::Form { .. } => false,
                BodyKind::Object | BodyKind::Value => true,
            };
            let q = if fallible { quote!(?) } else { quote!() };
            // A mute length is written in the unit this operation uses.
            if let Ty::MuteDuration(unit) = f.ty {
                let marker = format_ident!("{}", unit.runtime_marker());
                let wrap = |v: TokenStream| quote!(&::easemob_runtime::__private::time::InUnit::<::easemob_runtime::__private::time::#marker>(#v, ::std::marker::PhantomData));
                return if f.required {
                    let v = wrap(quote!(&self.#n));
                    quote!(call.#set(#wire, #v)#q;)
                } else {
                    let v = wrap(quote!(v));
                    quote!(if let ::std::option::Option::Some(v) = &self.#n { call.#set(#wire, #v)#q; })
                };
            }
            match (f.required, by_value) {
                (true, true) => quote!(call.#set(#wire, self.#n)#q;),
                (true, false) => quote!(call.#set(#wire, &self.#n)#q;),
                (false, true) => quote!(if let ::std::option::Option::Some(v) = self.#n { call.#set(#wire, v)#q; }),
                (false, false) => quote!(if let ::std::option::Option::Some(v) = &self.#n { call.#set(#wire, v)#q; }),
            }
        });
        let start = match body.kind {
            BodyKind::Object => quote!(call.json_body();),
            BodyKind::Form { .. } => quote!(call.form_body();),
            _ => quote!(),
        };
        let size = op.max_body_bytes.map(|n| {
            let n = n as usize;
            let keys = op.body_size_counts.iter();
            quote!(call.check_body_size(#n, &[#(#keys),*])?;)
        });
        quote! { #start #(#sets)* #size }
    });

    let binary_out = op.response.ty == Ty::Binary;
    let decode_ty = decode_type(api, op).unwrap_or_default();
    let (out_ty, convert) = match &op.response.ty {
        Ty::Binary => (quote!(), quote!()),
        Ty::OneOrMany(t) => {
            let t = rust_ty(api, t);
            (quote!(::std::vec::Vec<#t>), quote!(.map(|r| r.map(::easemob_runtime::__private::OneOrMany::into_vec))))
        }
        Ty::None => (quote!(()), quote!(.map(|r| r.map(|_| ())))),
        t @ (Ty::String | Ty::Integer | Ty::Boolean) => {
            (rust_ty(api, t), quote!(.map(|r| r.map(::easemob_runtime::__private::Scalar::into_inner))))
        }
        t => (rust_ty(api, t), quote!()),
    };

    let info_static = operation_info(op, &info);
    let paging = paging_methods(api, op, &req);
    let batch = batch_method(api, op, &req);
    let send_doc = doc_attrs(&format!(
        "Checks the inputs, sends `{} {}` and decodes the answer.",
        op.method.as_str(),
        op.full_path()
    ));
    let mut_call = quote!(mut call);
    let returns = if binary_out {
        quote!(::std::result::Result<::easemob_runtime::Download, ::easemob_runtime::Error>)
    } else {
        quote!(::std::result::Result<::easemob_runtime::Response<#out_ty>, ::easemob_runtime::Error>)
    };
    // The transport is one boxed, non-generic future of the runtime; only
    // the decoding is generic, so an operation adds little code of its own.
    let dispatch = if binary_out {
        quote!(::easemob_runtime::__private::download(&self.#client_field, call).await)
    } else {
        quote! {
            let answer = ::easemob_runtime::__private::send(&self.#client_field, call).await?;
            ::easemob_runtime::__private::decode_checked::<#decode_ty>(&#info, answer) #convert
        }
    };
    // An upload is a one-shot stream, so a request holding one cannot be cloned.
    let clone = if all.iter().any(|f| f.ty == Ty::Binary) { quote!() } else { quote!(Clone,) };
    quote! {
        #info_static

        #doc
        #[derive(Debug, #clone)]
        #[must_use = #must_use]
        pub struct #req {
            #client_field: ::easemob_runtime::RawClient,
            #options: ::easemob_runtime::CallOptions,
            #(#fields)*
        }

        impl #req {
            #(#setters)*

            /// Overrides the client's timeout or retry policy for this call.
            pub fn #options(mut self, #options: ::easemob_runtime::CallOptions) -> Self { self.#options = #options; self }

            #send_doc
            pub async fn #send(self) -> #returns {
                let #mut_call = ::easemob_runtime::__private::Call::new(&#info);
                call.set_options(&self.#options);
                #(#checks)*
                #(#path)*
                #(#query_and_headers)*
                #body
                #dispatch
            }
        }

        #paging
        #batch
    }
}

/// The type an operation's payload is decoded as, or `None` for files.
pub fn decode_type(api: &Api, op: &Operation) -> Option<TokenStream> {
    match &op.response.ty {
        Ty::Binary => None,
        Ty::OneOrMany(t) => {
            let t = rust_ty(api, t);
            Some(quote!(::easemob_runtime::__private::OneOrMany<#t>))
        }
        Ty::None => Some(quote!(::easemob_runtime::__private::de::Ignored)),
        t @ (Ty::String | Ty::Integer | Ty::Boolean) => {
            let t = rust_ty(api, t);
            Some(quote!(::easemob_runtime::__private::Scalar<#t>))
        }
        t => Some(rust_ty(api, t)),
    }
}

/// `send_all()` for an operation with one required list input that has a
/// documented maximum: any number of items, sent in calls of that size.
fn batch_method(api: &Api, op: &Operation, req: &Ident) -> TokenStream {
    let Some(batch) = &op.batch else { return quote!() };
    let max = batch.max_items as usize;
    let n = format_ident!("{}", batch.list);
    let (send, send_all) = (ident(&api.rust.request.send), ident(&api.rust.request.send_all));
    let (out, collect) = match &op.response.ty {
        Ty::List(t) | Ty::OneOrMany(t) => (rust_ty(api, t), quote!(|out, data| out.extend(data))),
        Ty::None => (quote!(()), quote!(|out, data| out.push(data))),
        t => (rust_ty(api, t), quote!(|out, data| out.push(data))),
    };
    let doc = doc_attrs(&format!(
        "Sends `{}` of any length in calls of at most {max}, one after another, and merges their results in order.\n\n\
         Stops at the first failed call; the [`BatchError`](::easemob_runtime::BatchError) keeps the results of the \
         calls before it (which have taken effect) and how many items they covered.",
        batch.list
    ));
    quote! {
        impl #req {
            #doc
            pub async fn #send_all(self) -> ::std::result::Result<::std::vec::Vec<#out>, ::easemob_runtime::BatchError<#out>> {
                ::easemob_runtime::__private::send_all(
                    self,
                    #max,
                    |req| ::std::mem::take(&mut req.#n),
                    |req, chunk| req.#n = chunk,
                    Self::#send,
                    #collect,
                ).await
            }
        }
    }
}

/// `pages()` and `items()` for an operation the spec declares paged.
fn paging_methods(api: &Api, op: &Operation, req: &Ident) -> TokenStream {
    let (Some(paging), Ty::List(item) | Ty::OneOrMany(item)) = (&op.paging, &op.response.ty) else {
        return quote!();
    };
    let item = rust_ty(api, item);
    let r = &api.rust.request;
    let (send, pages, items) = (ident(&r.send), ident(&r.pages), ident(&r.items));
    let field = |wire: &str| {
        let f = op.params.iter().find(|p| p.field.wire == wire).expect("paging names a query parameter");
        format_ident!("{}", f.field.rust)
    };
    // The walk (cycle and repeat detection, when a short page is the last,
    // lowering the page size to the server's cap) is the runtime's; the glue
    // names the paging fields and the cap the spec declares.
    let cap = paging.max_size() as i64;
    let walk = match paging {
        Paging::Cursor { limit, cursor, next, .. } => {
            let (c, l) = (field(cursor), field(limit));
            let at = next.iter();
            quote! {
                ::easemob_runtime::__private::paging::cursor_pages(
                    self,
                    Self::#send,
                    &[#(#at),*],
                    |req| &mut req.#c,
                    |req| &mut req.#l,
                    ::std::option::Option::Some(#cap),
                )
            }
        }
        Paging::PageNumber { page, size, first_page, .. } => {
            let (p, sz) = (field(page), field(size));
            let default = op
                .params
                .iter()
                .find(|q| q.field.wire == *size)
                .and_then(|q| q.field.default.as_ref())
                .and_then(|d| d.parse::<i64>().ok());
            let default = match default {
                Some(d) => quote!(::std::option::Option::Some(#d)),
                None => quote!(::std::option::Option::None),
            };
            // Page numbers are sent from the first page on, even when the
            // caller set none: some lists answer differently when both are absent.
            quote! {
                ::easemob_runtime::__private::paging::number_pages(
                    self,
                    Self::#send,
                    |req| &mut req.#p,
                    |req| &mut req.#sz,
                    #default,
                    #first_page,
                    ::std::option::Option::Some(#cap),
                )
            }
        }
    };
    let style = match paging {
        Paging::Cursor { cursor, next, .. } => {
            format!("by cursor (`{cursor}`, the next one read from `{}`)", next.join("."))
        }
        Paging::PageNumber { page, first_page, .. } => format!("by page number (`{page}`, from {first_page})"),
    };
    let items_doc = doc_attrs(&format!("Every item of every page, in order; see [`{pages}`](Self::{pages})."));
    let pages_doc = doc_attrs(&format!(
        "Every page, {style}, fetched only as the stream is polled. Ends after the last page or at the first error, which it yields.\n\n\
         A page size above {cap} (the most the server returns) is lowered to it for the walk."
    ));
    quote! {
        impl #req {
            #pages_doc
            pub fn #pages(self) -> impl ::futures_util::Stream<Item = ::std::result::Result<::easemob_runtime::Response<::std::vec::Vec<#item>>, ::easemob_runtime::Error>> + Send + 'static {
                #walk
            }
            #items_doc
            pub fn #items(self) -> impl ::futures_util::Stream<Item = ::std::result::Result<#item, ::easemob_runtime::Error>> + Send + 'static {
                ::easemob_runtime::__private::paging::items(self.#pages())
            }
        }
    }
}

/// Whether an expression is the value itself or a reference to it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Held {
    Owned,
    Borrowed,
}

/// `value` (an expression of type `ty`, or `&ty` when borrowed) as a `&str`.
fn as_str(api: &Api, ty: &Ty, value: TokenStream, held: Held) -> TokenStream {
    match ty {
        Ty::String if held == Held::Borrowed => value,
        Ty::String => quote!(&#value),
        Ty::Secret => quote!(#value.expose()),
        Ty::Named(n) if matches!(api.named_kind(n), NamedKind::Id | NamedKind::Enum) => quote!(#value.as_str()),
        _ => quote!(&#value.to_string()),
    }
}

/// The limit checks of one input, run before anything is sent.
fn checks(api: &Api, f: &Field) -> TokenStream {
    let mut body = value_checks(api, f, &f.rust);
    body.extend(nested_checks(api, f));
    if body.is_empty() {
        return quote!();
    }
    let n = format_ident!("{}", f.rust);
    if f.required {
        quote!({ let v = &self.#n; #(#body)* })
    } else {
        quote!(if let ::std::option::Option::Some(v) = &self.#n { #(#body)* })
    }
}

/// Checks of the fields of a struct input (or of each struct in a list
/// input), with `v` bound to the input's value.
fn nested_checks(api: &Api, f: &Field) -> Vec<TokenStream> {
    let (name, list) = match &f.ty {
        Ty::Named(n) => (n, false),
        Ty::List(inner) => match &**inner {
            Ty::Named(n) => (n, true),
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    let Some(TypeDef { kind: TypeKind::Struct(fields), .. }) = api.find_type(name) else { return Vec::new() };
    let inner: Vec<TokenStream> = fields
        .iter()
        .filter(|g| !g.limits.is_empty())
        .map(|g| {
            let body = value_checks(api, g, &format!("{}.{}", f.rust, g.rust));
            let gn = format_ident!("{}", g.rust);
            if g.required {
                quote!({ let v = &item.#gn; #(#body)* })
            } else {
                quote!(if let ::std::option::Option::Some(v) = &item.#gn { #(#body)* })
            }
        })
        .collect();
    if inner.is_empty() {
        Vec::new()
    } else if list {
        vec![quote!(for item in v { #(#inner)* })]
    } else {
        vec![quote!({ let item = v; #(#inner)* })]
    }
}

/// The limit checks of one value, bound to `v` (a reference), reported under `name`.
fn value_checks(api: &Api, f: &Field, name: &str) -> Vec<TokenStream> {
    let l = &f.limits;
    if l.is_empty() {
        return Vec::new();
    }
    let opt = |v: Option<i64>| match v {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    };
    let optu = |v: Option<u64>| match v {
        Some(n) => {
            let n = n as usize;
            quote!(::std::option::Option::Some(#n))
        }
        None => quote!(::std::option::Option::None),
    };
    let mut body = Vec::new();
    if l.min.is_some() || l.max.is_some() {
        let (a, b) = (opt(l.min), opt(l.max));
        if let Ty::MuteDuration(unit) = f.ty {
            // The rule is on the number sent; a length that cannot be sent
            // in this unit at all is refused when the body is encoded.
            let marker = format_ident!("{}", unit.runtime_marker());
            body.push(quote! {
                let wire = ::easemob_runtime::__private::time::wire_value::<::easemob_runtime::__private::time::#marker>(v);
                if let ::std::result::Result::Ok(wire) = wire {
                    call.check_range(#name, wire, #a, #b)?;
                }
            });
        } else {
            body.push(quote!(call.check_range(#name, *v, #a, #b)?;));
        }
    }
    if let Some(n) = l.max_length {
        let n = n as usize;
        let s = as_str(api, &f.ty, quote!(v), Held::Borrowed);
        body.push(quote!(call.check_length(#name, #s, #n)?;));
    }
    if l.min_items.is_some() || l.max_items.is_some() {
        let (a, b) = (optu(l.min_items), optu(l.max_items));
        body.push(quote!(call.check_items(#name, v.len(), #a, #b)?;));
    }
    if l.key_max_length.is_some() || l.key_chars.is_some() {
        let max = optu(l.key_max_length);
        let chars = match &l.key_chars {
            Some(CharSet { text, ranges }) => {
                let rs = ranges.iter().map(|(a, b)| quote!((#a, #b)));
                quote!(::std::option::Option::Some(::easemob_runtime::__private::CharSet { text: #text, ranges: &[#(#rs),*] }))
            }
            None => quote!(::std::option::Option::None),
        };
        body.push(quote!(call.check_keys(#name, v.keys().map(::std::string::String::as_str), #max, #chars)?;));
    }
    if let Some(n) = l.value_max_length {
        let n = n as usize;
        body.push(quote!(call.check_values(#name, v.values().map(::std::string::String::as_str), #n)?;));
    }
    body
}

/// The static description of one operation that the runtime reads.
pub(crate) fn operation_info(op: &Operation, ident: &Ident) -> TokenStream {
    let id = &op.id;
    let method = format_ident!(
        "{}",
        match op.method {
            Method::Get => "Get",
            Method::Post => "Post",
            Method::Put => "Put",
            Method::Delete => "Delete",
        }
    );
    let path = op.full_path();
    let at = op.response.at.iter();
    let retry_safe = op.retry_safe;
    let auth = op.auth;
    let rate = match &op.rate_limit {
        Some(r) => {
            let calls = r.calls;
            let per = format_ident!(
                "{}",
                match r.per {
                    Per::Second => "Second",
                    Per::Minute => "Minute",
                    Per::Day => "Day",
                }
            );
            quote!(::std::option::Option::Some(::easemob_runtime::__private::RateLimit { calls: #calls, per: ::easemob_runtime::__private::Per::#per }))
        }
        None => quote!(::std::option::Option::None),
    };
    quote! {
        pub(crate) static #ident: ::easemob_runtime::__private::OperationInfo = ::easemob_runtime::__private::OperationInfo {
            id: #id,
            method: ::easemob_runtime::__private::Method::#method,
            path: #path,
            payload_at: &[#(#at),*],
            retry_safe: #retry_safe,
            auth: #auth,
            rate_limit: #rate,
        };
    }
}

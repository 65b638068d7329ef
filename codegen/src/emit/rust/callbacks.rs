//! The callbacks module of the `easemob` crate: the event enum over every
//! callback event type of `spec/callbacks/events.yaml`, its dispatch, the
//! payload types, the reply constructors, and the receiver alias. Every name
//! comes from the model (`Callbacks::rust`, the events' `rust`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_attrs, inner_doc_attrs, notes_section};
use super::types::type_def;
use crate::model::*;

/// The module's contents; its file is named after `cb.rust.module`.
pub fn module(api: &Api, cb: &Callbacks) -> TokenStream {
    let n = &cb.rust;
    let (module, event_enum, receiver) = (&n.module, &n.event_enum, &n.receiver);
    let (error, sign, event_type) = (&n.runtime_error, &n.runtime_sign_test_body, &n.event_type_fn);
    let other = &api.rust.other_variant;
    let doc = inner_doc_attrs(&format!(
        "{}\n\n{}\n\nCheck and decode a request with [`{receiver}::verify_and_parse`]: it takes the raw body, \
         checks its `security` signature against the rule's secret and returns a [`{event_enum}`]. \
         Event types this version does not know come back as [`{event_enum}::{other}`]. \
         Test your own receiver with bodies signed by [`{sign}`].\n\n\
         ```\n\
         # fn main() -> Result<(), easemob::{module}::{error}> {{\n\
         use easemob::{module}::{{{event_enum}, {receiver}, {sign}}};\n\
         let secret = easemob::Secret::new(\"the rule's secret\");\n\
         let body = br#\"{{\"callId\":\"org#app_1\",\"timestamp\":1700000000000,\"reason\":\"login\",\"status\":\"online\",\"user\":\"org#app_u1@easemob.com/ios_1\"}}\"#;\n\
         let signed = {sign}(body, &secret)?;\n\
         let receiver = {receiver}::new(secret);\n\
         let event: {event_enum} = receiver.verify_and_parse(&signed)?;\n\
         println!(\"a {{}} callback\", event.{event_type}());\n\
         # Ok(()) }}\n\
         ```\n\n{}Spec: `{}`.",
        cb.title,
        cb.doc,
        notes_section(&cb.notes),
        cb.file
    ));
    let enum_doc = doc_attrs(&format!(
        "One callback request, by event type. The event type is chosen from the body's fields in the order \
         below (the first match wins); bodies no event type matches are kept in `{other}`."
    ));
    let other_ident = format_ident!("{other}");
    let variants = cb.events.iter().map(|e| {
        let v = format_ident!("{}", e.rust);
        let ty = format_ident!("{}", e.ty);
        let conds: Vec<String> = e.when.iter().map(Condition::text).collect();
        let more = e.doc.as_deref().map(|d| format!("\n\n{d}")).unwrap_or_default();
        let d = doc_attrs(&format!(
            "{}{more}\n\nRecognised by: {}. Source: `{}`.\n\n{}",
            e.summary,
            conds.join(", "),
            e.source,
            notes_section(&e.notes)
        ));
        quote!(#d #v(#ty),)
    });
    let names = cb.events.iter().map(|e| {
        let v = format_ident!("{}", e.rust);
        let n = &e.name;
        quote!(Self::#v(_) => #n,)
    });
    let arms = cb.events.iter().map(|e| {
        let v = format_ident!("{}", e.rust);
        let n = &e.name;
        let tests = e.when.iter().map(|c| {
            let path = &c.path;
            match &c.test {
                Test::OneOf(values) => quote!(cb::is(&body, &[#(#path),*], &[#(#values),*])),
                Test::Present => quote!(cb::present(&body, &[#(#path),*])),
                Test::Absent => quote!(!cb::present(&body, &[#(#path),*])),
            }
        });
        quote! {
            if #(#tests)&&* {
                return cb::decode(body, #n).map(Self::#v);
            }
        }
    });
    let accessors = cb.accessors.iter().map(|a| accessor(cb, a, &other_ident));
    let types = api.types.iter().filter(|t| t.home == Home::Callbacks).map(|t| type_def(api, t));
    let replies = cb.events.iter().filter_map(|e| e.reply.as_ref()).map(|r| reply_impl(api, n, r));
    let other_doc = doc_attrs(&format!(
        "An event type this version of the spec does not know, kept as sent. Match it only as\n\
         `{other}(_)`: an event type added to the spec later gets a variant of its own."
    ));
    let other_name = other.to_lowercase();
    let event_type_doc =
        doc_attrs(&format!("The event type's name in the spec (`message`, `group_op`, ...), or `{other_name}`."));
    let receiver_doc =
        doc_attrs("Checks and decodes the callback requests of one callback rule; see the [module docs](self).");
    let (event_enum, receiver) = (format_ident!("{event_enum}"), format_ident!("{receiver}"));
    let (error, sign, event_type) = (format_ident!("{error}"), format_ident!("{sign}"), format_ident!("{event_type}"));
    let unknown_event = format_ident!("{}", n.runtime_unknown_event);
    quote! {
        #doc

        pub use ::easemob_runtime::callbacks::{#error, #unknown_event, #sign};

        #receiver_doc
        pub type #receiver = ::easemob_runtime::callbacks::Receiver<#event_enum>;

        #enum_doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #event_enum {
            #(#variants)*
            #other_doc
            #other_ident(::easemob_runtime::callbacks::#unknown_event),
        }

        impl #event_enum {
            #event_type_doc
            pub fn #event_type(&self) -> &'static str {
                match self {
                    #(#names)*
                    Self::#other_ident(_) => #other_name,
                }
            }

            #(#accessors)*
        }

        impl ::easemob_runtime::callbacks::DecodeCallback for #event_enum {
            fn decode(body: ::serde_json::Value) -> ::std::result::Result<Self, #error> {
                use ::easemob_runtime::callbacks::__private as cb;
                #(#arms)*
                ::std::result::Result::Ok(Self::#other_ident(cb::unknown_event(body)))
            }
        }

        #(#replies)*
        #(#types)*
    }
}

/// A method on the event enum answering a field every payload shares; an
/// unknown event answers from its JSON.
fn accessor(cb: &Callbacks, a: &CallbackAccessor, other: &proc_macro2::Ident) -> TokenStream {
    let name = format_ident!("{}", a.method);
    let wire = &a.wire;
    let (ret, from_json) = match a.ty {
        Ty::String => {
            (quote!(::std::option::Option<&str>), quote!(u.as_json().get(#wire).and_then(::serde_json::Value::as_str)))
        }
        Ty::Timestamp => (
            quote!(::std::option::Option<::easemob_runtime::Timestamp>),
            quote!(u.as_json().get(#wire).and_then(::serde_json::Value::as_i64).map(::easemob_runtime::Timestamp::from)),
        ),
        _ => (quote!(::std::option::Option<i64>), quote!(u.as_json().get(#wire).and_then(::serde_json::Value::as_i64))),
    };
    let arms = cb.events.iter().zip(&a.fields).map(|(e, g)| {
        let v = format_ident!("{}", e.rust);
        let field = format_ident!("{}", g.rust);
        let value = match (&a.ty, g.required) {
            (Ty::String, true) => quote!(::std::option::Option::Some(e.#field.as_str())),
            (Ty::String, false) => quote!(e.#field.as_deref()),
            (_, true) => quote!(::std::option::Option::Some(e.#field)),
            (_, false) => quote!(e.#field),
        };
        quote!(Self::#v(e) => #value,)
    });
    let doc = doc_attrs(&format!("The body's `{wire}`, which every event type has: {}", a.doc));
    quote! {
        #doc
        pub fn #name(&self) -> #ret {
            match self {
                #(#arms)*
                Self::#other(u) => #from_json,
            }
        }
    }
}

/// `accept()`, `reject()` and `to_body()` on a reply type.
fn reply_impl(api: &Api, n: &CallbackNames, r: &CallbackReply) -> TokenStream {
    let ty = format_ident!("{}", r.ty);
    let (accept, reject, to_body) =
        (format_ident!("{}", n.accept_fn), format_ident!("{}", n.reject_fn), format_ident!("{}", n.to_body_fn));
    let (error, new) = (format_ident!("{}", n.runtime_error), format_ident!("{}", api.rust.new_fn));
    let verdict = &r.verdict;
    let max = usize::try_from(r.max_chars).unwrap_or(usize::MAX);
    let accept_doc = doc_attrs(&format!("A reply with `{verdict}: true`; add the optional fields with the setters."));
    let reject_doc = doc_attrs(&format!("A reply with `{verdict}: false`; add the optional fields with the setters."));
    let body_doc = doc_attrs(&format!(
        "The reply as the JSON body to answer with (HTTP 200, `Content-Type: application/json`); \
         refused if longer than the {max} characters Easemob accepts."
    ));
    quote! {
        impl #ty {
            #accept_doc
            pub fn #accept() -> Self { Self::#new(true) }
            #reject_doc
            pub fn #reject() -> Self { Self::#new(false) }
            #body_doc
            pub fn #to_body(&self) -> ::std::result::Result<::std::vec::Vec<u8>, #error> {
                ::easemob_runtime::callbacks::__private::reply_body(self, #max)
            }
        }
    }
}

//! `callbacks.rs` of the `easemob` crate: the event enum over every callback
//! event type of `spec/callbacks/events.yaml`, its dispatch, the payload
//! types, the reply constructors, and the receiver alias. Also the callback
//! section of `docs/ENDPOINTS.md`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_attrs, inner_doc_attrs};
use super::rust_ops::source_link;
use super::rust_types::type_def;
use crate::model::*;

/// The module, named `callbacks` (see `resolve::callbacks::MODULE`).
pub fn module(api: &Api, cb: &Callbacks) -> TokenStream {
    let doc = inner_doc_attrs(&format!(
        "{}\n\n{}\n\nCheck and decode a request with [`Receiver::verify_and_parse`]: it takes the raw body, \
         checks its `security` signature against the rule's secret and returns a [`CallbackEvent`]. \
         Event types this version does not know come back as [`CallbackEvent::Other`]. \
         Test your own receiver with bodies signed by [`sign_test_body`].\n\n\
         ```\n\
         # fn main() -> Result<(), easemob::callbacks::CallbackError> {{\n\
         use easemob::callbacks::{{CallbackEvent, Receiver, sign_test_body}};\n\
         let secret = easemob::Secret::new(\"the rule's secret\");\n\
         let body = br#\"{{\"callId\":\"org#app_1\",\"timestamp\":1700000000000,\"reason\":\"login\",\"status\":\"online\",\"user\":\"org#app_u1@easemob.com/ios_1\"}}\"#;\n\
         let signed = sign_test_body(body, &secret)?;\n\
         let receiver = Receiver::new(secret);\n\
         let event: CallbackEvent = receiver.verify_and_parse(&signed)?;\n\
         println!(\"a {{}} callback\", event.event_type());\n\
         # Ok(()) }}\n\
         ```\n\n{}Spec: `{}`.",
        cb.title,
        cb.doc,
        notes_section(&cb.notes),
        cb.file
    ));
    let enum_doc = doc_attrs(
        "One callback request, by event type. The event type is chosen from the body's fields in the order \
         below (the first match wins); bodies no event type matches are kept in `Other`.",
    );
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
    let accessors = common_accessors(api, cb);
    let types =
        api.types.iter().filter(|t| t.home.module() == crate::resolve::CALLBACKS_MODULE).map(|t| type_def(api, t));
    let replies = cb.events.iter().filter_map(|e| e.reply.as_ref()).map(reply_impl);
    quote! {
        #doc

        pub use ::easemob_runtime::callbacks::{CallbackError, UnknownEvent, sign_test_body};

        /// Checks and decodes the callback requests of one callback rule; see the [module docs](self).
        pub type Receiver = ::easemob_runtime::callbacks::Receiver<CallbackEvent>;

        #enum_doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum CallbackEvent {
            #(#variants)*
            /// An event type this version of the spec does not know, kept as sent. Match it only as
            /// `Other(_)`: an event type added to the spec later gets a variant of its own.
            Other(::easemob_runtime::callbacks::UnknownEvent),
        }

        impl CallbackEvent {
            /// The event type's name in the spec (`message`, `group_op`, ...), or `other`.
            pub fn event_type(&self) -> &'static str {
                match self {
                    #(#names)*
                    Self::Other(_) => "other",
                }
            }

            #(#accessors)*
        }

        impl ::easemob_runtime::callbacks::DecodeCallback for CallbackEvent {
            fn decode(body: ::serde_json::Value) -> ::std::result::Result<Self, CallbackError> {
                use ::easemob_runtime::callbacks::__private as cb;
                #(#arms)*
                ::std::result::Result::Ok(Self::Other(cb::unknown_event(body)))
            }
        }

        #(#replies)*
        #(#types)*
    }
}

/// An accessor on the event enum for each text or integer field that every
/// event's payload type has (same wire name, same type): `call_id()` for
/// deduplicating retried deliveries, `timestamp()` for ordering. An unknown
/// event answers from its JSON.
fn common_accessors(api: &Api, cb: &Callbacks) -> Vec<TokenStream> {
    let fields_of = |ty: &str| match api.find_type(ty).map(|t| &t.kind) {
        Some(TypeKind::Struct(fields)) => fields.as_slice(),
        _ => &[],
    };
    let Some(first) = cb.events.first() else { return Vec::new() };
    fields_of(&first.ty)
        .iter()
        // `event_type()` is taken by the event's name.
        .filter(|f| matches!(f.ty, Ty::String | Ty::Integer) && f.rust != "event_type")
        .filter(|f| cb.events.iter().all(|e| fields_of(&e.ty).iter().any(|g| g.wire == f.wire && g.ty == f.ty)))
        .map(|f| {
            let name = format_ident!("{}", f.rust);
            let wire = &f.wire;
            let (ret, from_json) = match f.ty {
                Ty::String => (
                    quote!(::std::option::Option<&str>),
                    quote!(u.as_json().get(#wire).and_then(::serde_json::Value::as_str)),
                ),
                _ => (
                    quote!(::std::option::Option<i64>),
                    quote!(u.as_json().get(#wire).and_then(::serde_json::Value::as_i64)),
                ),
            };
            let arms = cb.events.iter().map(|e| {
                let v = format_ident!("{}", e.rust);
                let g = fields_of(&e.ty).iter().find(|g| g.wire == f.wire).expect("filtered above");
                let field = format_ident!("{}", g.rust);
                let value = match (&f.ty, g.required) {
                    (Ty::String, true) => quote!(::std::option::Option::Some(e.#field.as_str())),
                    (Ty::String, false) => quote!(e.#field.as_deref()),
                    (_, true) => quote!(::std::option::Option::Some(e.#field)),
                    (_, false) => quote!(e.#field),
                };
                quote!(Self::#v(e) => #value,)
            });
            let doc = doc_attrs(&format!("The body's `{wire}`, which every event type has: {}", f.doc));
            quote! {
                #doc
                pub fn #name(&self) -> #ret {
                    match self {
                        #(#arms)*
                        Self::Other(u) => #from_json,
                    }
                }
            }
        })
        .collect()
}

/// Notes as a `# Notes` list, for docs; empty without notes.
fn notes_section(notes: &[Note]) -> String {
    let label = |k: NoteKind| match k {
        NoteKind::Correction => "Correction: ",
        NoteKind::Decision => "Decision: ",
        NoteKind::Info => "",
    };
    let items: String = notes.iter().map(|n| format!("- {}{}\n", label(n.kind), n.text)).collect();
    if items.is_empty() { items } else { format!("# Notes\n\n{items}\n") }
}

/// `accept()`, `reject()` and `to_body()` on a reply type.
fn reply_impl(r: &CallbackReply) -> TokenStream {
    let ty = format_ident!("{}", r.ty);
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
            pub fn accept() -> Self { Self::new(true) }
            #reject_doc
            pub fn reject() -> Self { Self::new(false) }
            #body_doc
            pub fn to_body(&self) -> ::std::result::Result<::std::vec::Vec<u8>, CallbackError> {
                ::easemob_runtime::callbacks::__private::reply_body(self, #max)
            }
        }
    }
}

/// `x-callback-events` of the OpenAPI document: each event, how it is
/// recognised, and its payload (and reply) schema.
pub fn openapi_extension(api: &Api) -> Option<serde_json::Value> {
    use serde_json::json;
    let cb = api.callbacks.as_ref()?;
    let schema = |ty: &str| json!({"$ref": format!("#/components/schemas/{ty}")});
    let events: Vec<serde_json::Value> = cb
        .events
        .iter()
        .map(|e| {
            let mut v = json!({
                "name": e.name,
                "summary": e.summary,
                "recognisedBy": e.when.iter().map(Condition::text).collect::<Vec<_>>(),
                "payload": schema(&e.ty),
                "source": e.source,
            });
            if let Some(r) = &e.reply {
                v["reply"] = json!({"schema": schema(&r.ty), "maxChars": r.max_chars});
            }
            v
        })
        .collect();
    Some(json!({
        "description": format!(
            "{} Each is a JSON POST to the callback rule's URL; `security` = md5_hex(callId + secret + timestamp). \
             Events are tried in this order and the first whose conditions all hold wins.",
            cb.doc
        ),
        "events": events,
    }))
}

/// The callback section of `docs/ENDPOINTS.md`.
pub fn index_section(api: &Api) -> String {
    let Some(cb) = &api.callbacks else { return String::new() };
    let mut s = format!(
        "## {} (`{}`)\n\n{}\n\n{} event types, tried in this order; the first whose conditions all hold wins, and a \
         body none matches is kept as `CallbackEvent::Other`.\n\n",
        cb.title,
        cb.file,
        cb.doc,
        cb.events.len()
    );
    s.push_str("| event | Rust | payload | recognised by | source |\n| --- | --- | --- | --- | --- |\n");
    for e in &cb.events {
        let conds: Vec<String> = e.when.iter().map(Condition::text).collect();
        let reply = e.reply.as_ref().map(|r| format!(", reply `{}`", r.ty)).unwrap_or_default();
        s.push_str(&format!(
            "| `{}` | `CallbackEvent::{}` | `{}`{} | {} | {} |\n",
            e.name,
            e.rust,
            e.ty,
            reply,
            conds.join(", "),
            source_link(api, &e.source)
        ));
    }
    s.push('\n');
    s
}

//! The callbacks module of the `easemob` crate: the event enum over every
//! callback event type of `spec/callbacks/events.yaml`, its dispatch, the
//! payload types, the reply constructors, and the receiver alias. Every name
//! comes from the model (`Callbacks::rust`, the events' `rust`).

use std::fmt::from_fn;

use super::code::{Code, lit};
use super::docs::notes_section;
use super::types::{lits, type_def};
use crate::model::*;

/// Writes the module's contents; its file is named after `cb.rust.module`.
pub fn module(api: &Api, cb: &Callbacks, code: &mut Code) {
    let n = &cb.rust;
    let (module, event_enum, receiver) = (&n.module, &n.event_enum, &n.receiver);
    let (error, sign, event_type) = (&n.runtime_error, &n.runtime_sign_test_body, &n.event_type_fn);
    let other = &api.rust.other_variant;
    code.inner_doc(&format!(
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
    code.blank();
    code.line(format_args!("pub use ::easemob_runtime::callbacks::{{{error}, {}, {sign}}};", n.runtime_unknown_event));
    code.blank();
    code.doc("Checks and decodes the callback requests of one callback rule; see the [module docs](self).");
    code.line(format_args!("pub type {receiver} = ::easemob_runtime::callbacks::Receiver<{event_enum}>;"));
    code.blank();

    code.doc(&format!(
        "One callback request, by event type. The event type is chosen from the body's fields in the order \
         below (the first match wins); bodies no event type matches are kept in `{other}`."
    ));
    code.line("#[derive(Debug, Clone, PartialEq)]");
    code.line("#[non_exhaustive]");
    code.open(format_args!("pub enum {event_enum}"));
    for e in &cb.events {
        let conds: Vec<String> = e.when.iter().map(Condition::text).collect();
        let more = e.doc.as_deref().map(|d| format!("\n\n{d}")).unwrap_or_default();
        code.doc(&format!(
            "{}{more}\n\nRecognised by: {}. Source: `{}`.\n\n{}",
            e.summary,
            conds.join(", "),
            e.source,
            notes_section(&e.notes)
        ));
        code.line(format_args!("{}({}),", e.rust, e.ty));
    }
    code.doc(&format!(
        "An event type this version of the spec does not know, kept as sent. Match it only as\n\
         `{other}(_)`: an event type added to the spec later gets a variant of its own."
    ));
    code.line(format_args!("{other}(::easemob_runtime::callbacks::{}),", n.runtime_unknown_event));
    code.close("");
    code.blank();

    let other_name = other.to_lowercase();
    code.open(format_args!("impl {event_enum}"));
    code.doc(&format!("The event type's name in the spec (`message`, `group_op`, ...), or `{other_name}`."));
    code.line("#[inline]");
    code.open(format_args!("pub fn {event_type}(&self) -> &'static str"));
    code.open("match self");
    for e in &cb.events {
        code.line(format_args!("Self::{}(_) => {},", e.rust, lit(&e.name)));
    }
    code.line(format_args!("Self::{other}(_) => {},", lit(&other_name)));
    code.close("");
    code.close("");
    for a in &cb.accessors {
        code.blank();
        accessor(cb, a, other, code);
    }
    code.close("");
    code.blank();

    code.open(format_args!("impl ::easemob_runtime::callbacks::DecodeCallback for {event_enum}"));
    code.line("#[inline]");
    code.open(format_args!("fn decode(body: ::serde_json::Value) -> ::std::result::Result<Self, {error}>"));
    code.line("use ::easemob_runtime::callbacks::__private as cb;");
    for e in &cb.events {
        code.open(format_args!("if {}", from_fn(|out| conditions(&e.when, out))));
        code.line(format_args!("return cb::decode(body, {}).map(Self::{});", lit(&e.name), e.rust));
        code.close("");
    }
    code.line(format_args!("::std::result::Result::Ok(Self::{other}(cb::unknown_event(body)))"));
    code.close("");
    code.close("");

    for r in cb.events.iter().filter_map(|e| e.reply.as_ref()) {
        code.blank();
        reply_impl(api, n, r, code);
    }
    for t in api.types.iter().filter(|t| t.home == Home::Callbacks) {
        code.blank();
        type_def(api, t, None, code);
    }
}

/// The tests that recognise an event type, joined with `&&`.
fn conditions(when: &[Condition], out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    for (i, c) in when.iter().enumerate() {
        if i > 0 {
            out.write_str(" && ")?;
        }
        let path = lits(&c.path);
        match &c.test {
            Test::OneOf(values) => write!(out, "cb::is(&body, &[{path}], &[{}])", lits(values))?,
            Test::Present => write!(out, "cb::present(&body, &[{path}])")?,
            Test::Absent => write!(out, "!cb::present(&body, &[{path}])")?,
        }
    }
    Ok(())
}

/// A method on the event enum answering a field every payload shares; an
/// unknown event answers from its JSON.
fn accessor(cb: &Callbacks, a: &CallbackAccessor, other: &str, code: &mut Code) {
    let wire = lit(&a.wire);
    let (ret, as_json, map) = match a.ty {
        Ty::String => ("::std::option::Option<&str>", "as_str", ""),
        Ty::Timestamp => (
            "::std::option::Option<::easemob_runtime::Timestamp>",
            "as_i64",
            ".map(::easemob_runtime::Timestamp::from)",
        ),
        _ => ("::std::option::Option<i64>", "as_i64", ""),
    };
    code.doc(&format!("The body's `{}`, which every event type has: {}", a.wire, a.doc));
    code.line("#[inline]");
    code.open(format_args!("pub fn {}(&self) -> {ret}", a.method));
    code.open("match self");
    for (e, g) in cb.events.iter().zip(&a.fields) {
        let field = &g.rust;
        let value = from_fn(|out| match (&a.ty, g.required) {
            (Ty::String, true) => write!(out, "::std::option::Option::Some(e.{field}.as_str())"),
            (Ty::String, false) => write!(out, "e.{field}.as_deref()"),
            (_, true) => write!(out, "::std::option::Option::Some(e.{field})"),
            (_, false) => write!(out, "e.{field}"),
        });
        code.line(format_args!("Self::{}(e) => {value},", e.rust));
    }
    code.line(format_args!(
        "Self::{other}(u) => u.as_json().get({wire}).and_then(::serde_json::Value::{as_json}){map},"
    ));
    code.close("");
    code.close("");
}

/// `accept()`, `reject()` and `to_body()` on a reply type.
fn reply_impl(api: &Api, n: &CallbackNames, r: &CallbackReply, code: &mut Code) {
    let verdict = &r.verdict;
    let new = &api.rust.new_fn;
    let max = usize::try_from(r.max_chars).unwrap_or(usize::MAX);
    code.open(format_args!("impl {}", r.ty));
    code.doc(&format!("A reply with `{verdict}: true`; add the optional fields with the setters."));
    code.line("#[inline]");
    code.open(format_args!("pub fn {}() -> Self", n.accept_fn));
    code.line(format_args!("Self::{new}(true)"));
    code.close("");
    code.blank();
    code.doc(&format!("A reply with `{verdict}: false`; add the optional fields with the setters."));
    code.line("#[inline]");
    code.open(format_args!("pub fn {}() -> Self", n.reject_fn));
    code.line(format_args!("Self::{new}(false)"));
    code.close("");
    code.blank();
    code.doc(&format!(
        "The reply as the JSON body to answer with (HTTP 200, `Content-Type: application/json`); \
         refused if longer than the {max} characters Easemob accepts."
    ));
    code.open(format_args!(
        "pub fn {}(&self) -> ::std::result::Result<::std::vec::Vec<u8>, {}>",
        n.to_body_fn, n.runtime_error
    ));
    code.line(format_args!("::easemob_runtime::callbacks::__private::reply_body(self, {max}usize)"));
    code.close("");
    code.close("");
}

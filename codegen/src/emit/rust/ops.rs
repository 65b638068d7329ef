//! One area module: its handle, one request type per operation, and the
//! named types the area's spec file defines.

use std::fmt::{self, Display};

use super::code::{Code, lit};
use super::docs::{area_example, notes_section};
use super::types::{field_doc, input, lits, rust_ty, type_def};
use crate::model::*;

/// The whole module of one area.
pub fn area_module(api: &Api, area: &Area, c: &mut Code) {
    let client = &api.rust.client;
    let module = &area.rust.module;
    let example = area_example(api, area).map(|e| format!("\n\n{e}")).unwrap_or_default();
    c.inner_doc(&format!(
        "{}\n\n{}\n\nReach these operations through [`{client}::{module}`](crate::{client}::{module}). Spec: `{}`.{example}",
        area.title, area.doc, area.file
    ));
    c.blank();
    let handle = &area.rust.handle;
    c.doc(&format!(
        "The {} operations of one [`{client}`](crate::{client}); see the [module docs](self).",
        area.title.to_lowercase()
    ));
    let client_field = &api.rust.request.client_field;
    c.line("#[derive(Debug, Clone)]");
    c.open(format_args!("pub struct {handle}"));
    c.line(format_args!("{client_field}: ::easemob_runtime::RawClient,"));
    c.close("");
    c.blank();
    // A module compiled whatever the features (it holds items the client
    // needs) gates each of its other items on the area's feature instead.
    let partly_core = api.module_feature(area).is_none();
    let op_feature = |op: &Operation| if partly_core { api.operation_feature(op) } else { None };
    c.open(format_args!("impl {handle}"));
    c.open(format_args!("pub(crate) fn {}({client_field}: ::easemob_runtime::RawClient) -> Self", api.rust.new_fn));
    c.line(format_args!("Self {{ {client_field} }}"));
    c.close("");
    for op in &area.operations {
        c.blank();
        handle_method(api, op, op_feature(op), c);
    }
    c.close("");
    for op in &area.operations {
        c.blank();
        request_type(api, area, op, op_feature(op), c);
    }
    for t in api.types.iter().filter(|t| t.home == Home::Area(area.name.clone())) {
        let feature = if partly_core { api.type_feature(t) } else { None };
        c.blank();
        type_def(api, t, feature, c);
    }
}

/// The method on the area handle: takes the required inputs, returns the request.
fn handle_method(api: &Api, op: &Operation, gate: Option<&str>, c: &mut Code) {
    let req = &op.rust.request_type;
    let r = &api.rust.request;
    c.doc(&operation_doc(op));
    c.cfg(gate);
    let required = op.required_inputs();
    let inputs: Vec<_> = required.iter().map(|f| input(api, &f.ty)).collect();
    let mut params = vec![("&self", "")];
    params.extend(required.iter().zip(&inputs).map(|(f, i)| (f.rust.as_str(), i.arg.as_str())));
    // It only builds the request: inline, as the setters are.
    c.line("#[inline]");
    open_fn(c, &["pub fn ", &op.rust.method], &params, req);
    c.open(req);
    c.line(format_args!("{0}: self.{0}.clone(),", r.client_field));
    c.line(format_args!("{}: ::std::default::Default::default(),", r.options));
    for (f, inp) in required.iter().zip(&inputs) {
        if inp.is_identity() {
            c.line(format_args!("{},", f.rust));
        } else {
            c.line(format_args!("{}: {},", f.rust, inp.convert(&f.rust)));
        }
    }
    for f in op.optional_inputs() {
        c.line(format_args!("{}: ::std::option::Option::None,", f.rust));
    }
    c.close("");
    c.close("");
}

/// Lines are broken where a signature would run past this width.
const WIDTH: usize = 100;

/// Opens a function: `{head}(params) -> {ret} {` on one line when it fits,
/// else one parameter a line, as rustfmt breaks a signature. A parameter
/// is `(name, type)`, or `(receiver, "")`; `ret` is empty for `()`.
fn open_fn(c: &mut Code, head: &[&str], params: &[(&str, &str)], ret: &str) {
    let head_len: usize = head.iter().map(|s| s.len()).sum();
    let params_len: usize = params.iter().map(|(n, t)| n.len() + t.len() + 4).sum();
    let ret_len = if ret.is_empty() { 0 } else { ret.len() + 4 };
    let head = Concat(head);
    fn param<'a>(&(n, t): &(&'a str, &'a str)) -> Param<'a> {
        Param(n, t)
    }
    let arrow = if ret.is_empty() { "" } else { " -> " };
    if c.depth() * 4 + head_len + params_len + ret_len + 2 <= WIDTH {
        let list = Joined(params.iter().map(param), ", ");
        c.open(format_args!("{head}({list}){arrow}{ret}"));
    } else {
        c.line(format_args!("{head}("));
        for p in params {
            c.line(format_args!("    {},", param(p)));
        }
        c.open(format_args!("){arrow}{ret}"));
    }
}

/// One parameter of a signature.
struct Param<'a>(&'a str, &'a str);

impl Display for Param<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.1.is_empty() { f.write_str(self.0) } else { write!(f, "{}: {}", self.0, self.1) }
    }
}

/// Pieces written one after another.
struct Concat<'a>(&'a [&'a str]);

impl Display for Concat<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|s| f.write_str(s))
    }
}

/// Items written with `sep` between them (the iterator is cloned to write it).
struct Joined<I>(I, &'static str);

impl<I: Iterator<Item = T> + Clone, T: Display> Display for Joined<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.0.clone().enumerate() {
            if i > 0 {
                f.write_str(self.1)?;
            }
            write!(f, "{item}")?;
        }
        Ok(())
    }
}

/// `::std::option::Option::Some(n)` with `n` suffixed by its type as quote
/// wrote numbers (`1i64`, `100usize`), or `::std::option::Option::None`.
struct OptNum<T>(Option<T>, &'static str);

impl<T: Display> Display for OptNum<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(n) => write!(f, "::std::option::Option::Some({n}{})", self.1),
            None => f.write_str("::std::option::Option::None"),
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

/// The request type of one operation (inputs, setters and `send`) and its
/// description for the runtime, each item compiled only under `gate`.
fn request_type(api: &Api, area: &Area, op: &Operation, gate: Option<&str>, c: &mut Code) {
    let req = &op.rust.request_type;
    let info = &op.rust.info_static;
    let r = &api.rust.request;
    let (client_field, options, send) = (&r.client_field, &r.options, &r.send);

    c.cfg(gate);
    operation_info(op, info, op.response.numbers_noted, c);
    c.blank();

    let all: Vec<&Field> = op.required_inputs().into_iter().chain(op.optional_inputs()).collect();
    c.doc(&format!(
        "A prepared `{}` call; made by [`{}::{}`], sent by [`{send}`](Self::{send}).",
        op.id, area.rust.handle, op.rust.method
    ));
    c.cfg(gate);
    // An upload is a one-shot stream, so a request holding one cannot be cloned.
    if all.iter().any(|f| f.ty == Ty::Binary) {
        c.line("#[derive(Debug)]");
    } else {
        c.line("#[derive(Debug, Clone)]");
    }
    c.line(format_args!("#[must_use = \"a request does nothing until `{send}` is awaited\"]"));
    c.open(format_args!("pub struct {req}"));
    c.line(format_args!("{client_field}: ::easemob_runtime::RawClient,"));
    c.line(format_args!("{options}: ::easemob_runtime::CallOptions,"));
    for f in &all {
        let t = rust_ty(api, &f.ty);
        if f.required {
            c.line(format_args!("{}: {t},", f.rust));
        } else {
            c.line(format_args!("{}: ::std::option::Option<{t}>,", f.rust));
        }
    }
    c.close("");
    c.blank();

    c.cfg(gate);
    c.open(format_args!("impl {req}"));
    for f in op.optional_inputs() {
        let inp = input(api, &f.ty);
        c.doc(&format!("`{}`: {}", f.wire, field_doc(f)));
        // Inline for the reason the struct setters are (`types::struct_builder`).
        c.line("#[inline]");
        open_fn(c, &["pub fn ", &f.rust], &[("mut self", ""), ("value", &inp.arg)], "Self");
        c.line(format_args!("self.{} = ::std::option::Option::Some({});", f.rust, inp.convert("value")));
        c.line("self");
        c.close("");
        c.blank();
    }
    c.line("/// Overrides the client's timeout or retry policy for this call.");
    c.line("#[inline]");
    c.open(format_args!("pub fn {options}(mut self, {options}: ::easemob_runtime::CallOptions) -> Self"));
    c.line(format_args!("self.{options} = {options};"));
    c.line("self");
    c.close("");
    c.blank();

    c.doc(&format!("Checks the inputs, sends `{} {}` and decodes the answer.", op.method.as_str(), op.full_path()));
    let binary_out = op.response.ty == Ty::Binary;
    let out_ty = match &op.response.ty {
        Ty::Binary => String::new(),
        Ty::OneOrMany(t) => format!("::std::vec::Vec<{}>", rust_ty(api, t)),
        t => rust_ty(api, t),
    };
    if binary_out {
        c.open(format_args!(
            "pub async fn {send}(self) -> ::std::result::Result<::easemob_runtime::Download, ::easemob_runtime::Error>"
        ));
    } else {
        c.open(format_args!(
            "pub async fn {send}(self) -> ::std::result::Result<::easemob_runtime::Response<{out_ty}>, ::easemob_runtime::Error>"
        ));
    }
    c.line(format_args!("let mut call = ::easemob_runtime::__private::Call::new(&{info});"));
    c.line(format_args!("call.set_options(&self.{options});"));
    for f in &all {
        checks(api, f, c);
    }
    path(api, op, c);
    query_and_headers(op, c);
    if let Some(body) = &op.body {
        body_fields(api, op, body, c);
    }
    // The transport is one boxed, non-generic future of the runtime; only
    // the decoding is generic, so an operation adds little code of its own.
    if binary_out {
        c.line(format_args!("::easemob_runtime::__private::download(self.{client_field}, call).await"));
    } else {
        let decode_ty = decode_type(api, op).unwrap_or_default();
        let convert = match &op.response.ty {
            Ty::OneOrMany(_) => ".map(|r| r.map(::easemob_runtime::__private::OneOrMany::into_vec))",
            Ty::None => ".map(|r| r.map(|_| ()))",
            Ty::String | Ty::Integer | Ty::Boolean => {
                ".map(|r| r.map(::easemob_runtime::__private::Scalar::into_inner))"
            }
            _ => "",
        };
        c.line(format_args!("let answer = ::easemob_runtime::__private::send(self.{client_field}, call).await?;"));
        c.line(format_args!("::easemob_runtime::__private::decode_checked::<{decode_ty}>(&{info}, answer)"));
        if !convert.is_empty() {
            c.line(format_args!("    {convert}"));
        }
    }
    c.close("");
    c.close("");

    paging_methods(api, op, gate, c);
    batch_method(api, op, gate, c);
}

/// The path of the call, parameter by parameter.
fn path(api: &Api, op: &Operation, c: &mut Code) {
    for part in &op.path_parts {
        match part {
            PathPart::Lit(l) => {
                c.line(format_args!("call.path_lit({});", lit(l)));
            }
            PathPart::Param(i) => {
                let f = &op.params[*i].field;
                // Errors name the input as the caller knows it: the Rust name.
                let name = lit(&f.rust);
                match &f.ty {
                    Ty::List(_) => c.line(format_args!("call.path_list({name}, &self.{})?;", f.rust)),
                    t => {
                        let value = format!("self.{}", f.rust);
                        c.line(format_args!("call.path_param({name}, {})?;", as_str(api, t, &value, Held::Owned)))
                    }
                };
            }
        }
    }
}

/// The query parameters and headers of the call.
fn query_and_headers(op: &Operation, c: &mut Code) {
    for p in op.params.iter().filter(|p| p.location != ParamIn::Path) {
        let n = &p.field.rust;
        let wire = lit(&p.field.wire);
        let setter = match p.location {
            ParamIn::Header if p.field.ty == Ty::Secret => "secret_header",
            ParamIn::Header => "header",
            _ => "query",
        };
        if p.field.required {
            c.line(format_args!("call.{setter}({wire}, &self.{n});"));
        } else {
            c.open(format_args!("if let ::std::option::Option::Some(v) = &self.{n}"));
            c.line(format_args!("call.{setter}({wire}, v);"));
            c.close("");
        }
    }
}

/// The body of the call, field by field, and the check of its size.
fn body_fields(api: &Api, op: &Operation, body: &Body, c: &mut Code) {
    match body.kind {
        BodyKind::Object => {
            c.line("call.json_body();");
        }
        BodyKind::Form { .. } => {
            c.line("call.form_body();");
        }
        _ => {}
    }
    for f in &body.fields {
        let n = &f.rust;
        let wire = lit(&f.wire);
        if f.constant {
            // Its one value, written out: the caller never passes it.
            c.line(format_args!("call.body_field({wire}, {})?;", lit(api.constant_value(f))));
            continue;
        }
        let (set, by_value) = match (body.kind, &f.ty) {
            (BodyKind::Value, _) => ("json_value", false),
            (BodyKind::Multipart, Ty::Binary) => ("multipart_file", true),
            (BodyKind::Multipart, _) => ("multipart_text", false),
            (BodyKind::Object, _) if f.flatten => ("body_flatten", false),
            (BodyKind::Object, _) => ("body_field", false),
            (BodyKind::Form { whole_map: true }, _) => ("form_pairs", false),
            (BodyKind::Form { whole_map: false }, _) => ("form_field", false),
        };
        let fallible = match body.kind {
            BodyKind::Multipart => f.ty == Ty::Binary,
            BodyKind::Form { .. } => false,
            BodyKind::Object | BodyKind::Value => true,
        };
        let q = if fallible { "?" } else { "" };
        // A mute length is written in the unit this operation uses.
        if let Ty::MuteDuration(unit) = f.ty {
            let in_unit = format_args!(
                "&::easemob_runtime::__private::time::InUnit::<::easemob_runtime::__private::time::{}>",
                unit.runtime_marker()
            );
            if f.required {
                c.line(format_args!("call.{set}({wire}, {in_unit}(&self.{n}, ::std::marker::PhantomData)){q};"));
            } else {
                c.open(format_args!("if let ::std::option::Option::Some(v) = &self.{n}"));
                c.line(format_args!("call.{set}({wire}, {in_unit}(v, ::std::marker::PhantomData)){q};"));
                c.close("");
            }
            continue;
        }
        let amp = if by_value { "" } else { "&" };
        if f.required {
            c.line(format_args!("call.{set}({wire}, {amp}self.{n}){q};"));
        } else {
            c.open(format_args!("if let ::std::option::Option::Some(v) = {amp}self.{n}"));
            c.line(format_args!("call.{set}({wire}, v){q};"));
            c.close("");
        }
    }
    if let Some(n) = op.max_body_bytes {
        c.line(format_args!("call.check_body_size({n}usize, &[{}])?;", lits(&op.body_size_counts)));
    }
}

/// The type an operation's payload is decoded as, or `None` for files.
pub fn decode_type(api: &Api, op: &Operation) -> Option<String> {
    Some(match &op.response.ty {
        Ty::Binary => return None,
        Ty::OneOrMany(t) => format!("::easemob_runtime::__private::OneOrMany<{}>", rust_ty(api, t)),
        Ty::None => "::easemob_runtime::__private::de::Ignored".to_owned(),
        t @ (Ty::String | Ty::Integer | Ty::Boolean) => {
            format!("::easemob_runtime::__private::Scalar<{}>", rust_ty(api, t))
        }
        t => rust_ty(api, t),
    })
}

/// `send_all()` for an operation with one required list input that has a
/// documented maximum: any number of items, sent in calls of that size.
fn batch_method(api: &Api, op: &Operation, gate: Option<&str>, c: &mut Code) {
    let Some(batch) = &op.batch else { return };
    let max = batch.max_items;
    let n = &batch.list;
    let r = &api.rust.request;
    let (out, collect) = match &op.response.ty {
        Ty::List(t) | Ty::OneOrMany(t) => (rust_ty(api, t), "|out, data| out.extend(data)"),
        Ty::None => ("()".to_owned(), "|out, data| out.push(data)"),
        t => (rust_ty(api, t), "|out, data| out.push(data)"),
    };
    c.blank();
    c.cfg(gate);
    c.open(format_args!("impl {}", op.rust.request_type));
    c.doc(&format!(
        "Sends `{n}` of any length in calls of at most {max}, one after another, and merges their results in order.\n\n\
         Stops at the first failed call; the [`BatchError`](::easemob_runtime::BatchError) keeps the results of the \
         calls before it (which have taken effect) and how many items they covered."
    ));
    c.open(format_args!(
        "pub async fn {}(self) -> ::std::result::Result<::std::vec::Vec<{out}>, ::easemob_runtime::BatchError<{out}>>",
        r.send_all
    ));
    c.line("::easemob_runtime::__private::send_all(");
    c.line(format_args!("    self,"));
    c.line(format_args!("    {max}usize,"));
    c.line(format_args!("    |req| ::std::mem::take(&mut req.{n}),"));
    c.line(format_args!("    |req, chunk| req.{n} = chunk,"));
    c.line(format_args!("    Self::{},", r.send));
    c.line(format_args!("    {collect},"));
    c.line(")");
    c.line(".await");
    c.close("");
    c.close("");
}

/// `pages()` and `items()` for an operation the spec declares paged.
fn paging_methods(api: &Api, op: &Operation, gate: Option<&str>, c: &mut Code) {
    let (Some(paging), Ty::List(item) | Ty::OneOrMany(item)) = (&op.paging, &op.response.ty) else {
        return;
    };
    let item = rust_ty(api, item);
    let r = &api.rust.request;
    let (send, pages, items) = (&r.send, &r.pages, &r.items);
    let field = |wire: &str| {
        let f = op.params.iter().find(|p| p.field.wire == wire).expect("paging names a query parameter");
        &f.field.rust
    };
    let cap = paging.max_size() as i64;
    let style = match paging {
        Paging::Cursor { cursor, next, .. } => {
            format!("by cursor (`{cursor}`, the next one read from `{}`)", next.join("."))
        }
        Paging::PageNumber { page, first_page, .. } => format!("by page number (`{page}`, from {first_page})"),
    };
    c.blank();
    c.cfg(gate);
    c.open(format_args!("impl {}", op.rust.request_type));
    c.doc(&format!(
        "Every page, {style}, fetched only as the stream is polled. Ends after the last page or at the first error, which it yields.\n\n\
         A page size above {cap} (the most the server returns) is lowered to it for the walk."
    ));
    c.open(format_args!(
        "pub fn {pages}(self) -> impl ::futures_util::Stream<Item = ::std::result::Result<::easemob_runtime::Response<::std::vec::Vec<{item}>>, ::easemob_runtime::Error>> + Send + 'static"
    ));
    // The walk (cycle and repeat detection, when a short page is the last,
    // lowering the page size to the server's cap) is the runtime's; the glue
    // names the paging fields and the cap the spec declares.
    match paging {
        Paging::Cursor { limit, cursor, next, .. } => {
            c.line("::easemob_runtime::__private::paging::cursor_pages(");
            c.line("    self,");
            c.line(format_args!("    Self::{send},"));
            c.line(format_args!("    &[{}],", lits(next)));
            c.line(format_args!("    |req| &mut req.{},", field(cursor)));
            c.line(format_args!("    |req| &mut req.{},", field(limit)));
            c.line(format_args!("    {},", OptNum(Some(cap), "i64")));
            c.line(")");
        }
        Paging::PageNumber { page, size, first_page, .. } => {
            let default = op
                .params
                .iter()
                .find(|q| q.field.wire == *size)
                .and_then(|q| q.field.default.as_ref())
                .and_then(|d| d.parse::<i64>().ok());
            // Page numbers are sent from the first page on, even when the
            // caller set none: some lists answer differently when both are absent.
            c.line("::easemob_runtime::__private::paging::number_pages(");
            c.line("    self,");
            c.line(format_args!("    Self::{send},"));
            c.line(format_args!("    |req| &mut req.{},", field(page)));
            c.line(format_args!("    |req| &mut req.{},", field(size)));
            c.line(format_args!("    {},", OptNum(default, "i64")));
            c.line(format_args!("    {first_page}i64,"));
            c.line(format_args!("    {},", OptNum(Some(cap), "i64")));
            c.line(")");
        }
    }
    c.close("");
    c.blank();
    c.doc(&format!("Every item of every page, in order; see [`{pages}`](Self::{pages})."));
    c.open(format_args!(
        "pub fn {items}(self) -> impl ::futures_util::Stream<Item = ::std::result::Result<{item}, ::easemob_runtime::Error>> + Send + 'static"
    ));
    c.line(format_args!("::easemob_runtime::__private::paging::items(self.{pages}())"));
    c.close("");
    c.close("");
}

/// Whether an expression is the value itself or a reference to it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Held {
    Owned,
    Borrowed,
}

/// `value` (an expression of type `ty`, or `&ty` when borrowed) as a `&str`.
fn as_str<'a>(api: &Api, ty: &Ty, value: &'a str, held: Held) -> AsStr<'a> {
    let how = match ty {
        Ty::String if held == Held::Borrowed => ("", ""),
        Ty::String => ("&", ""),
        Ty::Secret => ("", ".expose()"),
        Ty::Named(n) if matches!(api.named_kind(n), NamedKind::Id | NamedKind::Enum) => ("", ".as_str()"),
        _ => ("&", ".to_string()"),
    };
    AsStr(how.0, value, how.1)
}

/// An expression written as prefix, value, suffix.
struct AsStr<'a>(&'static str, &'a str, &'static str);

impl Display for AsStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.0, self.1, self.2)
    }
}

/// The limit checks of one input, run before anything is sent.
fn checks(api: &Api, f: &Field, c: &mut Code) {
    let nested = nested_fields(api, f);
    if f.limits.is_empty() && nested.is_none() {
        return;
    }
    if f.required {
        c.open("");
        c.line(format_args!("let v = &self.{};", f.rust));
    } else {
        c.open(format_args!("if let ::std::option::Option::Some(v) = &self.{}", f.rust));
    }
    value_checks(api, f, &f.rust, c);
    if let Some((fields, list)) = nested {
        nested_checks(api, f, fields, list, c);
    }
    c.close("");
}

/// The fields of a struct input (or of each struct in a list input, then
/// `true`), if any of them has limits.
fn nested_fields<'a>(api: &'a Api, f: &Field) -> Option<(&'a [Field], bool)> {
    let (name, list) = match &f.ty {
        Ty::Named(n) => (n, false),
        Ty::List(inner) => match &**inner {
            Ty::Named(n) => (n, true),
            _ => return None,
        },
        _ => return None,
    };
    let Some(TypeDef { kind: TypeKind::Struct(fields), .. }) = api.find_type(name) else { return None };
    fields.iter().any(|g| !g.limits.is_empty()).then_some((fields.as_slice(), list))
}

/// Checks of the fields of a struct input (or of each struct in a list
/// input), with `v` bound to the input's value.
fn nested_checks(api: &Api, f: &Field, fields: &[Field], list: bool, c: &mut Code) {
    if list {
        c.open("for item in v");
    } else {
        c.open("");
        c.line("let item = v;");
    }
    for g in fields.iter().filter(|g| !g.limits.is_empty()) {
        if g.required {
            c.open("");
            c.line(format_args!("let v = &item.{};", g.rust));
        } else {
            c.open(format_args!("if let ::std::option::Option::Some(v) = &item.{}", g.rust));
        }
        value_checks(api, g, &format!("{}.{}", f.rust, g.rust), c);
        c.close("");
    }
    c.close("");
}

/// The limit checks of one value, bound to `v` (a reference), reported under `name`.
fn value_checks(api: &Api, f: &Field, name: &str, c: &mut Code) {
    let l = &f.limits;
    let name = lit(name);
    let usize = |v: Option<u64>| OptNum(v, "usize");
    if l.min.is_some() || l.max.is_some() {
        let (a, b) = (OptNum(l.min, "i64"), OptNum(l.max, "i64"));
        if let Ty::MuteDuration(unit) = f.ty {
            // The rule is on the number sent; a length that cannot be sent
            // in this unit at all is refused when the body is encoded.
            c.line(format_args!(
                "let wire = ::easemob_runtime::__private::time::wire_value::<::easemob_runtime::__private::time::{}>(v);",
                unit.runtime_marker()
            ));
            c.open("if let ::std::result::Result::Ok(wire) = wire");
            c.line(format_args!("call.check_range({name}, wire, {a}, {b})?;"));
            c.close("");
        } else {
            c.line(format_args!("call.check_range({name}, *v, {a}, {b})?;"));
        }
    }
    if let Some(n) = l.max_length {
        let s = as_str(api, &f.ty, "v", Held::Borrowed);
        c.line(format_args!("call.check_length({name}, {s}, {n}usize)?;"));
    }
    if l.min_items.is_some() || l.max_items.is_some() {
        let (a, b) = (usize(l.min_items), usize(l.max_items));
        c.line(format_args!("call.check_items({name}, v.len(), {a}, {b})?;"));
    }
    if l.key_max_length.is_some() || l.key_chars.is_some() {
        c.line("call.check_keys(");
        c.line(format_args!("    {name},"));
        c.line("    v.keys().map(::std::string::String::as_str),");
        c.line(format_args!("    {},", usize(l.key_max_length)));
        match &l.key_chars {
            Some(CharSet { text, ranges }) => {
                let ranges = ranges.iter().map(|&(a, b)| CharRange(a, b));
                c.line(format_args!(
                    "    ::std::option::Option::Some(::easemob_runtime::__private::CharSet {{ text: {}, ranges: &[{}] }}),",
                    lit(text),
                    Joined(ranges, ", ")
                ));
            }
            None => {
                c.line("    ::std::option::Option::None,");
            }
        }
        c.line(")?;");
    }
    if let Some(n) = l.value_max_length {
        c.line(format_args!("call.check_values({name}, v.values().map(::std::string::String::as_str), {n}usize)?;"));
    }
}

/// `(a, b)` as char literals, escaped as proc-macro2 escapes them.
struct CharRange(char, char);

impl Display for CharRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ch = proc_macro2::Literal::character;
        write!(f, "({}, {})", ch(self.0), ch(self.1))
    }
}

/// The static description of one operation that the runtime reads.
/// `numbers_noted` is the payload type's (see `OperationInfo::numbers_noted`),
/// false where the answer is decoded as something else.
pub(crate) fn operation_info(op: &Operation, name: &str, numbers_noted: bool, c: &mut Code) {
    let method = match op.method {
        Method::Get => "Get",
        Method::Post => "Post",
        Method::Put => "Put",
        Method::Delete => "Delete",
    };
    c.open(format_args!(
        "pub(crate) static {name}: ::easemob_runtime::__private::OperationInfo = ::easemob_runtime::__private::OperationInfo"
    ));
    c.line(format_args!("id: {},", lit(&op.id)));
    c.line(format_args!("method: ::easemob_runtime::__private::Method::{method},"));
    c.line(format_args!("path: {},", lit(&op.full_path())));
    c.line(format_args!("payload_at: &[{}],", lits(&op.response.at)));
    c.line(format_args!("numbers_noted: {numbers_noted},"));
    c.line(format_args!("retry_safe: {},", op.retry_safe));
    c.line(format_args!("auth: {},", op.auth));
    match &op.rate_limit {
        Some(r) => {
            let per = match r.per {
                Per::Second => "Second",
                Per::Minute => "Minute",
                Per::Day => "Day",
            };
            c.open("rate_limit: ::std::option::Option::Some(::easemob_runtime::__private::RateLimit");
            c.line(format_args!("calls: {}u32,", r.calls));
            c.line(format_args!("per: ::easemob_runtime::__private::Per::{per},"));
            c.close("),");
        }
        None => {
            c.line("rate_limit: ::std::option::Option::None,");
        }
    }
    c.close(";");
}

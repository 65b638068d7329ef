//! One operation: its inputs, path, body, answer, paging, errors and seed
//! row, each checked by its own step and put together at the end.

use std::collections::{BTreeSet, HashMap};

use super::{FieldUse, Resolver, TyPlace, key, names};
use crate::load::Source;
use crate::locate::{NodePath, Seg};
use crate::model::*;
use crate::naming;
use crate::raw;

impl Resolver {
    /// The operation, or `None` when any step reported a problem.
    pub(super) fn operation(
        &mut self,
        src: &Source,
        p: &NodePath,
        op: &raw::Operation,
        shared: &HashMap<String, ErrorDoc>,
        payload_keys: &[String],
    ) -> Option<Operation> {
        let sub = |k: &str| key(p, k);
        let before = self.diags.0.len();
        if !naming::is_snake(&op.name) || naming::is_keyword(&op.name) {
            self.err(
                src.at(&sub("name"), format!("operation name `{}` must be snake_case and not a Rust keyword", op.name)),
            );
        }
        if op.summary.trim().is_empty() {
            self.err(src.at(&sub("summary"), "the summary must not be empty"));
        }
        let method = method(op.method);
        let params = self.params(src, p, op);
        let path_parts = self.path_parts(src, p, op, &params);
        let body = self.request_body(src, p, op, method, &params);
        let (resp_ty, at) = self.response(src, p, op, payload_keys);
        let example = self.response_example(src, p, op, &at);
        let paging = self.paging(src, p, op, resp_ty.as_ref());
        let rate_limit = self.rate_limit(src, p, op);
        let errors = self.errors(src, p, op, shared);
        let notes: Vec<Note> = notes(&op.notes);
        let full_path = format!("/{{org_name}}/{{app_name}}{}", op.path);
        let seed = self.seed(src, p, op, method, &full_path, &notes);

        if self.diags.0.len() > before {
            return None;
        }
        let area = src.stem.clone();
        let mut operation = Operation {
            id: format!("{area}_{}", op.name),
            name: op.name.clone(),
            area,
            file: src.rel.clone(),
            summary: op.summary.trim().to_owned(),
            doc: op.doc.as_ref().map(|d| d.trim().to_owned()),
            method,
            path: op.path.clone(),
            path_parts,
            path_shape: normalize_seed_path(&full_path),
            source: op.source.clone(),
            source_url: source_url(&self.docs_base, &op.source),
            line: src.locator.value(p).line,
            source_line: src.locator.value(&sub("source")).line,
            rate_limit,
            seed,
            retry_safe: op.retry_safe.unwrap_or(method != Method::Post),
            auth: op.auth.unwrap_or(raw::Auth::App) == raw::Auth::App,
            params,
            body,
            max_body_bytes: op.max_body_bytes,
            body_size_counts: op.body_size_counts.clone().unwrap_or_default(),
            response: Response { ty: resp_ty?, at, example, numbers_noted: false },
            paging,
            errors,
            notes,
            provides_app_token: op.provides == Some(raw::Provides::AppToken),
            batch: None,
            rust: names::operation_names(&op.name),
        };
        operation.batch = batch(&operation, op.splittable.unwrap_or(true));
        if operation.provides_app_token {
            self.check_app_token_operation(src, p, &operation);
        }
        Some(operation)
    }
    /// Parameters: each a scalar (or, in the path, a list of scalars), named once.
    fn params(&mut self, src: &Source, p: &NodePath, op: &raw::Operation) -> Vec<Param> {
        let sub = |k: &str| key(p, k);
        let mut params: Vec<Param> = Vec::new();
        for (i, f) in op.params.iter().enumerate() {
            let mut fp = sub("params");
            fp.push(Seg::Index(i));
            let Some(field) = self.field(src, &fp, f, FieldUse::Param) else { continue };
            let location = match f.in_ {
                Some(raw::ParamIn::Path) => ParamIn::Path,
                Some(raw::ParamIn::Query) => ParamIn::Query,
                Some(raw::ParamIn::Header) => ParamIn::Header,
                None => continue,
            };
            let mut np = fp.clone();
            np.push(Seg::Key("name".into()));
            let mut tp = fp.clone();
            tp.push(Seg::Key("type".into()));
            if params.iter().any(|o| o.field.wire == field.wire) {
                self.err(src.at(&np, format!("duplicate parameter `{}`", field.wire)));
                continue;
            }
            let scalar_ok = |t: &Ty, kinds: &HashMap<String, NamedKind>| match t {
                Ty::String | Ty::Integer | Ty::Boolean | Ty::Number | Ty::Timestamp => true,
                Ty::Named(n) => matches!(kinds.get(n), Some(NamedKind::Id | NamedKind::Enum)),
                _ => false,
            };
            let ok = match (&location, &field.ty) {
                (ParamIn::Path, Ty::List(inner)) => scalar_ok(inner, &self.kinds),
                // A secret header (a file's `share-secret`) is sent redacted from `Debug`.
                (ParamIn::Header, Ty::Secret) => true,
                (_, t) => scalar_ok(t, &self.kinds),
            };
            if !ok {
                let what = if location == ParamIn::Path {
                    "a scalar, an ID or a list of them (sent comma-joined)"
                } else {
                    "a scalar or an ID"
                };
                self.err(src.at(&tp, format!("parameter `{}` must be {what}", field.wire)));
            }
            if location == ParamIn::Header
                && !field.wire.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                self.err(
                    src.at(
                        &np,
                        format!("header `{}` must be written in lower case letters, digits and `-`", field.wire),
                    ),
                );
            }
            params.push(Param { location, field });
        }
        params
    }

    /// The path template: every placeholder declared `in: path`, once, and every path parameter used.
    fn path_parts(&mut self, src: &Source, p: &NodePath, op: &raw::Operation, params: &[Param]) -> Vec<PathPart> {
        let sub = |k: &str| key(p, k);
        let mut path_parts = Vec::new();
        let mut used = BTreeSet::new();
        if !op.path.starts_with('/') {
            self.err(src.at(&sub("path"), "the path must start with `/` (it follows `/{org_name}/{app_name}`)"));
        }
        if op.path.contains('?') {
            self.err(
                src.at(
                    &sub("path"),
                    "the path must not carry a query string; declare query parameters with `in: query`",
                ),
            );
        }
        match split_template(&op.path) {
            Err(msg) => self.err(src.at(&sub("path"), format!("bad path template: {msg}"))),
            Ok(parts) => {
                for part in parts {
                    match part {
                        TemplatePart::Lit(l) => path_parts.push(PathPart::Lit(l)),
                        TemplatePart::Param(name) => {
                            match params.iter().position(|pp| pp.location == ParamIn::Path && pp.field.wire == name) {
                                Some(idx) => {
                                    if !used.insert(name.clone()) {
                                        self.err(
                                            src.at(&sub("path"), format!("path parameter `{{{name}}}` appears twice")),
                                        );
                                    }
                                    path_parts.push(PathPart::Param(idx));
                                }
                                // Declared, but the declaration failed (already reported).
                                None if op
                                    .params
                                    .iter()
                                    .any(|f| f.in_ == Some(raw::ParamIn::Path) && f.name == name) => {}
                                None => self.err(src.at(
                                    &sub("path"),
                                    format!(
                                        "path parameter `{{{name}}}` has no declaration in `params` with `in: path`"
                                    ),
                                )),
                            }
                        }
                    }
                }
            }
        }
        for (i, f) in op.params.iter().enumerate() {
            if f.in_ == Some(raw::ParamIn::Path)
                && !used.contains(&f.name)
                && !op.path.contains(&format!("{{{}}}", f.name))
            {
                let mut np = sub("params");
                np.push(Seg::Index(i));
                np.push(Seg::Key("name".into()));
                self.err(src.at(
                    &np,
                    format!("parameter `{}` is declared `in: path` but the path has no `{{{}}}`", f.name, f.name),
                ));
            }
        }
        path_parts
    }

    /// The body and the size limit on it.
    fn request_body(
        &mut self,
        src: &Source,
        p: &NodePath,
        op: &raw::Operation,
        method: Method,
        params: &[Param],
    ) -> Option<Body> {
        let sub = |k: &str| key(p, k);
        let body = op.body.as_ref().map(|b| self.body(src, &sub("body"), b, method, params));

        if op.max_body_bytes.is_some() && !matches!(&body, Some(b) if b.kind != BodyKind::Multipart) {
            self.err(src.at_key(&sub("max_body_bytes"), "`max_body_bytes` needs a JSON or form body"));
        }

        if op.body_size_counts.is_some() && op.max_body_bytes.is_none() {
            self.err(src.at_key(&sub("body_size_counts"), "`body_size_counts` needs `max_body_bytes`"));
        }
        body
    }

    /// The payload type, and the keys leading to it in the envelope.
    fn response(
        &mut self,
        src: &Source,
        p: &NodePath,
        op: &raw::Operation,
        payload_keys: &[String],
    ) -> (Option<Ty>, Vec<String>) {
        let sub = |k: &str| key(p, k);
        let mut rp = sub("response");
        rp.push(Seg::Key("type".into()));
        let resp_ty = if op.response.ty.trim() == "binary" {
            Some(Ty::Binary)
        } else {
            self.ty(src, &rp, &op.response.ty, TyPlace::Response)
        };
        let at_text = op.response.at.clone().unwrap_or_else(|| "data".into());
        let at: Vec<String> =
            if at_text == "body" { Vec::new() } else { at_text.split('.').map(str::to_owned).collect() };
        if at.iter().any(|s| s.is_empty()) || (!at.is_empty() && !payload_keys.contains(&at[0])) {
            let mut ap = sub("response");
            ap.push(Seg::Key("at".into()));
            self.err(src.at(
                &ap,
                format!("`at` must be `body` or a dotted path starting with one of: {}", payload_keys.join(", ")),
            ));
        }
        (resp_ty, at)
    }

    /// The documented example answer: JSON, holding the payload where `at`
    /// says the payload is (an example that contradicts the spec's own
    /// shape is a mistake in one of the two).
    fn response_example(
        &mut self,
        src: &Source,
        p: &NodePath,
        op: &raw::Operation,
        at: &[String],
    ) -> Option<serde_json::Value> {
        let text = op.response.example.as_deref()?;
        let mut ep = key(p, "response");
        ep.push(Seg::Key("example".into()));
        let value: serde_json::Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                // Point at the very character: a `|` block's lines all start
                // at the column of its first line.
                let text = e.to_string();
                let what = text.split(" at line ").next().unwrap_or(&text);
                let mut d = src.at(&ep, format!("the example is not JSON: {what}"));
                d.line += e.line().saturating_sub(1);
                d.col += e.column().saturating_sub(1);
                self.err(d);
                return None;
            }
        };
        if op.response.ty.trim() == "binary" {
            self.err(src.at(&ep, "a `binary` answer has no JSON example"));
            return None;
        }
        // A payload of `none` is not read, so it need not be there.
        let at = if op.response.ty.trim() == "none" { &[][..] } else { at };
        let mut here = &value;
        for (i, k) in at.iter().enumerate() {
            match here.get(k) {
                Some(v) => here = v,
                None => {
                    let path = at[..=i].join(".");
                    self.err(src.at(&ep, format!("the example has no `{path}`, where `at` puts the payload")));
                    return None;
                }
            }
        }
        Some(value)
    }

    /// Paging names query parameters of this operation and needs a list answer.
    fn paging(&mut self, src: &Source, p: &NodePath, op: &raw::Operation, response_ty: Option<&Ty>) -> Option<Paging> {
        let sub = |k: &str| key(p, k);
        // Declared names, even of parameters that failed to resolve, so that
        // one mistake is not reported again as a missing parameter.
        let query_names: Vec<&str> =
            op.params.iter().filter(|f| f.in_ == Some(raw::ParamIn::Query)).map(|f| f.name.as_str()).collect();
        let paging = op.paging.as_ref().map(|pg| {
            let check = |this: &mut Self, name: &str, key: &str| {
                if !query_names.contains(&name) {
                    let mut q = sub("paging");
                    q.push(Seg::Key(key.into()));
                    this.err(src.at(
                        &q,
                        format!("paging refers to `{name}`, which is not a query parameter of this operation"),
                    ));
                }
            };
            let need = |v: &Option<String>, key: &str, this: &mut Self| -> String {
                match v {
                    Some(name) => {
                        check(this, name, key);
                        name.clone()
                    }
                    None => {
                        this.err(src.at_key(&sub("paging"), format!("this paging style needs `{key}`")));
                        String::new()
                    }
                }
            };
            let stray = |keys: &[(&str, bool)], this: &mut Self| {
                for (key, present) in keys {
                    if *present {
                        let mut q = sub("paging");
                        q.push(Seg::Key((*key).into()));
                        this.err(src.at_key(&q, format!("`{key}` does not belong to this paging style")));
                    }
                }
            };
            let max_size = match pg.max_size {
                Some(n) if n > 0 => n,
                Some(_) => {
                    let mut q = sub("paging");
                    q.push(Seg::Key("max_size".into()));
                    self.err(src.at(&q, "`max_size` must be at least 1"));
                    1
                }
                None => {
                    self.err(src.at_key(
                        &sub("paging"),
                        "paging needs `max_size`: the largest page the server returns (a walk never asks for more, \
                         so that a short page means the last one)",
                    ));
                    1
                }
            };
            match pg.style {
                raw::PagingStyle::Cursor => {
                    stray(
                        &[
                            ("page", pg.page.is_some()),
                            ("size", pg.size.is_some()),
                            ("first_page", pg.first_page.is_some()),
                        ],
                        self,
                    );
                    let limit = need(&pg.limit, "limit", self);
                    let cursor = need(&pg.cursor, "cursor", self);
                    let next =
                        pg.next.clone().unwrap_or_else(|| "cursor".into()).split('.').map(str::to_owned).collect();
                    Paging::Cursor { limit, cursor, next, max_size }
                }
                raw::PagingStyle::PageNumber => {
                    stray(
                        &[("limit", pg.limit.is_some()), ("cursor", pg.cursor.is_some()), ("next", pg.next.is_some())],
                        self,
                    );
                    let page = need(&pg.page, "page", self);
                    let size = need(&pg.size, "size", self);
                    Paging::PageNumber { page, size, first_page: pg.first_page.unwrap_or(1), max_size }
                }
            }
        });

        if paging.is_some() && !matches!(response_ty, Some(Ty::List(_) | Ty::OneOrMany(_))) {
            self.err(src.at_key(&sub("paging"), "paging needs a list response (`list<T>` or `one_or_many<T>`)"));
        }
        if let Some(Paging::Cursor { next, .. }) = &paging
            && !(next.len() == 1 && next[0] == "cursor" || next.len() > 1 && next[0] == "properties")
        {
            self.err(src.at(&sub("paging"), "`next` must be `cursor` or a path inside `properties`"));
        }
        paging
    }

    fn rate_limit(&mut self, src: &Source, p: &NodePath, op: &raw::Operation) -> Option<RateLimit> {
        let sub = |k: &str| key(p, k);
        op.rate_limit.as_ref().and_then(|text| match parse_rate(text) {
            Ok(r) => Some(r),
            Err(()) => {
                self.err(src.at(&sub("rate_limit"), format!("bad rate limit `{text}`: write N/s, N/min or N/day")));
                None
            }
        })
    }

    /// Documented errors: shared ones by name, or inline.
    fn errors(
        &mut self,
        src: &Source,
        p: &NodePath,
        op: &raw::Operation,
        shared: &HashMap<String, ErrorDoc>,
    ) -> Vec<ErrorDoc> {
        let sub = |k: &str| key(p, k);
        let mut errors = Vec::new();
        for (i, e) in op.errors.iter().enumerate() {
            let mut ep = sub("errors");
            ep.push(Seg::Index(i));
            match e {
                raw::ErrorEntry::Shared(name) => match shared.get(name) {
                    Some(doc) => errors.push(doc.clone()),
                    None => self.err(
                        src.at(&ep, format!("unknown shared error `{name}` (see `shared_errors` in common.yaml)")),
                    ),
                },
                raw::ErrorEntry::Inline(e) => {
                    if !(400..=599).contains(&e.status) {
                        let mut sp = ep.clone();
                        sp.push(Seg::Key("status".into()));
                        self.err(src.at(&sp, "an error status must be from 400 to 599"));
                    }
                    if let Some(code) = &e.code {
                        let mut cp = ep.clone();
                        cp.push(Seg::Key("code".into()));
                        self.check_error_code(src, &cp, code);
                    }
                    errors.push(ErrorDoc {
                        status: e.status,
                        code: e.code.clone(),
                        description: e.description.clone(),
                    });
                }
            }
        }
        errors
    }

    /// The overview seed's row for this operation; a row that differs needs a `correction` note.
    fn seed(
        &mut self,
        src: &Source,
        p: &NodePath,
        op: &raw::Operation,
        method: Method,
        full_path: &str,
        notes: &[Note],
    ) -> Option<Seed> {
        let sub = |k: &str| key(p, k);
        op.seed.as_ref().and_then(|s| {
            let mut sp = sub("seed");
            sp.push(Seg::Key("row".into()));
            let Some((m, rest)) = s.row.trim().split_once(char::is_whitespace) else {
                self.err(src.at(&sp, "a seed row reads `METHOD /path` as printed in the seed"));
                return None;
            };
            let corrected = m != method.as_str() || normalize_seed_path(rest.trim()) != normalize_seed_path(full_path);
            if corrected && !notes.iter().any(|n| n.kind == NoteKind::Correction) {
                self.err(src.at(
                    &sp,
                    format!(
                        "the seed row `{}` differs from `{} {}`: add a note of kind `correction` saying what the seed gets wrong",
                        s.row.trim(),
                        method.as_str(),
                        full_path
                    ),
                ));
            }
            Some(Seed { line: s.line, row: s.row.trim().to_owned(), corrected })
        })
    }

    fn body(&mut self, src: &Source, p: &NodePath, b: &raw::Body, method: Method, params: &[Param]) -> Body {
        let at = |k: &str| {
            let mut q = p.clone();
            q.push(Seg::Key(k.into()));
            q
        };
        if method == Method::Get {
            self.err(src.at_key(p, "a GET request cannot carry a body"));
        }
        let multipart = b.content == Some(raw::Content::Multipart);
        let (kind, fields) = match &b.value {
            Some(v) => {
                if !b.fields.is_empty() {
                    self.err(src.at_key(&at("value"), "a body has either `fields` or `value`, not both"));
                }
                if multipart {
                    self.err(src.at_key(&at("value"), "a multipart body lists its parts in `fields`"));
                }
                let mut fields = self.fields(src, &at("value"), std::slice::from_ref(v), FieldUse::Body);
                // The whole body is this value, so it is always a required input.
                for f in &mut fields {
                    f.required = true;
                }
                if b.content == Some(raw::Content::Form) {
                    if fields.iter().any(|f| !matches!(&f.ty, Ty::Map(v) if **v == Ty::String)) {
                        self.err(src.at_key(&at("value"), "the `value` of a form body must be a `map<string>`"));
                    }
                    (BodyKind::Form { whole_map: true }, fields)
                } else {
                    (BodyKind::Value, fields)
                }
            }
            None => {
                if b.fields.is_empty() {
                    self.err(src.at_key(p, "a body needs `fields` or `value`"));
                }
                let kind = match b.content {
                    Some(raw::Content::Multipart) => BodyKind::Multipart,
                    Some(raw::Content::Form) => BodyKind::Form { whole_map: false },
                    _ => BodyKind::Object,
                };
                let fields = self.fields(src, &at("fields"), &b.fields, FieldUse::Body);
                if kind == (BodyKind::Form { whole_map: false }) {
                    for (i, f) in fields.iter().enumerate() {
                        if !matches!(f.ty, Ty::String | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Timestamp)
                            && !matches!(&f.ty, Ty::Named(n) if matches!(self.kinds.get(n), Some(NamedKind::Id | NamedKind::Enum)))
                        {
                            let mut q = at("fields");
                            q.push(Seg::Index(i));
                            q.push(Seg::Key("type".into()));
                            self.err(src.at(&q, "a form field must be a scalar, an ID or an enum"));
                        }
                    }
                }
                (kind, fields)
            }
        };
        for (i, f) in fields.iter().enumerate() {
            let single = matches!(kind, BodyKind::Value | BodyKind::Form { whole_map: true });
            let mut fp = at(if single { "value" } else { "fields" });
            if !single {
                fp.push(Seg::Index(i));
            }
            let name_at = {
                let mut q = fp.clone();
                q.push(Seg::Key("name".into()));
                q
            };
            if params.iter().any(|pp| pp.field.rust == f.rust) {
                self.err(src.at(
                    &name_at,
                    format!(
                        "body field `{}` and a parameter share the Rust name `{}`; set `rust_name`",
                        f.wire, f.rust
                    ),
                ));
            }
            let binary_ok = kind == BodyKind::Multipart;
            if contains_binary(&f.ty) && !binary_ok {
                self.err(src.at(&name_at, "`binary` is only allowed in multipart bodies and as a response type"));
            }
            if f.flatten {
                let flat_ok = kind == BodyKind::Object
                    && matches!(&f.ty, Ty::Named(n) if matches!(self.kinds.get(n), Some(NamedKind::Struct | NamedKind::TaggedUnion)));
                if !flat_ok {
                    self.err(src.at(
                        &name_at,
                        "`flatten` applies only to a JSON object body field whose type is a struct or tagged_union",
                    ));
                }
            }
        }
        Body { kind, fields }
    }
}

enum TemplatePart {
    Lit(String),
    Param(String),
}

fn split_template(path: &str) -> Result<Vec<TemplatePart>, String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        if rest[..open].contains('}') {
            return Err("`}` without `{`".into());
        }
        if open > 0 {
            out.push(TemplatePart::Lit(rest[..open].to_owned()));
        }
        let close = rest[open..].find('}').ok_or("`{` without `}`")? + open;
        let name = &rest[open + 1..close];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("`{{{name}}}` is not a parameter name"));
        }
        out.push(TemplatePart::Param(name.to_owned()));
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return Err("`}` without `{`".into());
    }
    if !rest.is_empty() {
        out.push(TemplatePart::Lit(rest.to_owned()));
    }
    Ok(out)
}

fn method(m: raw::Method) -> Method {
    match m {
        raw::Method::Get => Method::Get,
        raw::Method::Post => Method::Post,
        raw::Method::Put => Method::Put,
        raw::Method::Delete => Method::Delete,
    }
}

/// The notes as written, trimmed.
pub(super) fn notes(raw: &[raw::Note]) -> Vec<Note> {
    raw.iter().map(|n| Note { kind: note_kind(n.kind), text: n.text.trim().to_owned() }).collect()
}

fn note_kind(k: raw::NoteKind) -> NoteKind {
    match k {
        raw::NoteKind::Correction => NoteKind::Correction,
        raw::NoteKind::Decision => NoteKind::Decision,
        raw::NoteKind::Info => NoteKind::Info,
        raw::NoteKind::Usage => NoteKind::Usage,
    }
}

/// `page.md#section` under the documentation base URL.
pub(super) fn source_url(docs_base: &str, source: &str) -> String {
    match source.split_once('#') {
        Some((page, section)) if !section.is_empty() => format!("{docs_base}{page}#{section}"),
        Some((page, _)) => format!("{docs_base}{page}"),
        None => format!("{docs_base}{source}"),
    }
}

/// Reduces a path to its shape: the query string and `(…)` repetitions
/// dropped, every placeholder written `{}`.
fn normalize_seed_path(path: &str) -> String {
    let path = path.split('?').next().unwrap_or_default();
    let mut out = String::new();
    let mut depth_paren = 0;
    let mut in_brace = false;
    for c in path.chars() {
        match c {
            '(' => depth_paren += 1,
            ')' if depth_paren > 0 => depth_paren -= 1,
            _ if depth_paren > 0 => {}
            '{' if !in_brace => {
                in_brace = true;
                out.push_str("{}");
            }
            '}' if in_brace => in_brace = false,
            _ if in_brace => {}
            c => out.push(c),
        }
    }
    out
}

fn parse_rate(text: &str) -> Result<RateLimit, ()> {
    let (n, per) = text.trim().split_once('/').ok_or(())?;
    let calls: u32 = n.trim().parse().map_err(|_| ())?;
    let per = match per.trim() {
        "s" => Per::Second,
        "min" => Per::Minute,
        "day" => Per::Day,
        _ => return Err(()),
    };
    if calls == 0 {
        return Err(());
    }
    Ok(RateLimit { calls, per })
}

fn contains_binary(ty: &Ty) -> bool {
    match ty {
        Ty::Binary => true,
        Ty::List(t) | Ty::Map(t) | Ty::OneOrMany(t) => contains_binary(t),
        _ => false,
    }
}

/// `send_all` for an operation with exactly one required list input that has
/// a documented maximum, and no file in or out (a stream is sent once).
fn batch(op: &Operation, splittable: bool) -> Option<Batch> {
    let lists: Vec<&Field> = op
        .required_inputs()
        .into_iter()
        .filter(|f| matches!(f.ty, Ty::List(_)) && f.limits.max_items.is_some())
        .collect();
    let [list] = lists.as_slice() else { return None };
    let files = op.response.ty == Ty::Binary
        || op.optional_inputs().iter().chain(&op.required_inputs()).any(|f| f.ty == Ty::Binary);
    if !splittable || files {
        return None;
    }
    Some(Batch { list: list.rust.clone(), max_items: list.limits.max_items.unwrap_or(1) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_paths_normalise() {
        assert_eq!(
            normalize_seed_path("/{org_name}/{app_name}/chatrooms?limit={N}&cursor={cursor}"),
            "/{}/{}/chatrooms"
        );
        assert_eq!(
            normalize_seed_path("/{o}/{a}/chatrooms/{id}/mute/{member1}(,{member2},…)"),
            "/{}/{}/chatrooms/{}/mute/{}"
        );
        assert_eq!(normalize_seed_path("{o}/{a}/x"), "{}/{}/x");
    }
}

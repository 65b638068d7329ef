//! The mock server's operation table (`mock/src/generated/routes.rs`): every
//! operation's method, path, auth, inputs with their types and limits, body
//! form, documented errors, paging and an example answer in the documented
//! shape, plus every named type the checks reach. The mock's hand-written
//! code (`mock/src/`) routes and checks requests by reading this table, so
//! a spec change reaches the mock in the same `cargo xtask gen`.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::rust::generated_header;
use super::text::{list, lit, opt, opt_lit, raw_lit};
use crate::OutputFile;
use crate::model::*;
use crate::timing;

/// Where the mock's generated module lives, relative to the repository root.
pub const MOCK_DIR: &str = "mock/src/generated";
const FILE: &str = "routes.rs";

/// The table, as one file.
///
/// Written as text (see [`super::text`]).
pub fn emit(api: &Api) -> OutputFile {
    let files: Vec<&str> = api.areas.iter().map(|a| a.file.as_str()).collect();
    let sources = format!("spec/common.yaml and {}", files.join(", "));
    let path = format!("{MOCK_DIR}/{FILE}");
    let contents = timing::file_stage("emit: write text (tables)", &path, || text(api, &sources));
    OutputFile { contents, path }
}

fn text(api: &Api, sources: &str) -> String {
    let mut out = String::with_capacity(400 * 1024);
    out.push_str(&generated_header(sources));
    out.push_str(
        "//! Every operation of the spec and the named types its inputs use, as\n\
         //! data the mock's checks and router read.\n\
         use crate::table::*;\n\
         /// Every operation, in spec order (areas sorted by name).\n",
    );
    let _ = writeln!(out, "pub static OPERATIONS: [Operation; {}] = [", api.operations().count());
    for op in api.operations() {
        operation(&mut out, api, op);
    }
    out.push_str("];\n/// The named types, in spec order; looked up by name.\npub static TYPES: &[TypeDef] = &[\n");
    for t in api.types.iter().filter(|t| t.home != Home::Callbacks) {
        type_def(&mut out, t);
    }
    out.push_str("];\n");
    out
}

fn operation(out: &mut String, api: &Api, op: &Operation) {
    let _ =
        writeln!(out, "    Operation {{\n        id: {},\n        method: {},", lit(&op.id), lit(op.method.as_str()));
    let segments: Vec<String> = op
        .path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => format!("Segment::Param({})", lit(name)),
            None => format!("Segment::Lit({})", lit(s)),
        })
        .collect();
    list(out, 8, "path: ", &segments, ",");
    let _ = writeln!(out, "        auth: {},", op.auth);
    let params: Vec<String> = op
        .params
        .iter()
        .map(|p| {
            let at = match p.location {
                ParamIn::Path => "path",
                ParamIn::Query => "query",
                ParamIn::Header => "header",
            };
            format!("Param::{at}({})", field(&p.field))
        })
        .collect();
    list(out, 8, "params: ", &params, ",");
    match &op.body {
        None => out.push_str("        body: None,\n"),
        Some(b) => {
            let kind = match b.kind {
                BodyKind::Object => "BodyKind::Object".to_owned(),
                BodyKind::Value => "BodyKind::Value".to_owned(),
                BodyKind::Multipart => "BodyKind::Multipart".to_owned(),
                BodyKind::Form { whole_map } => format!("BodyKind::Form {{ whole_map: {whole_map} }}"),
            };
            let _ = writeln!(out, "        body: Some(Body {{\n            kind: {kind},");
            let fields: Vec<String> = b.fields.iter().map(field).collect();
            list(out, 12, "fields: ", &fields, ",");
            out.push_str("        }),\n");
        }
    }
    let max_body = opt(op.max_body_bytes);
    let _ = writeln!(out, "        max_body_bytes: {max_body},");
    let counts: Vec<String> = op.body_size_counts.iter().map(|c| lit(c)).collect();
    list(out, 8, "body_size_counts: ", &counts, ",");
    let errors: Vec<String> = op
        .errors
        .iter()
        .map(|e| format!("ErrorDoc::new({}, {}, {})", e.status, opt_lit(e.code.as_deref()), lit(&e.description)))
        .collect();
    list(out, 8, "errors: ", &errors, ",");
    let paging = match &op.paging {
        None => "None".to_owned(),
        Some(Paging::Cursor { limit, cursor, max_size, .. }) => {
            format!("Some(Paging::Cursor {{ limit: {}, cursor: {}, max_size: {max_size} }})", lit(limit), lit(cursor))
        }
        Some(Paging::PageNumber { page, size, first_page, max_size }) => format!(
            "Some(Paging::PageNumber {{ page: {}, size: {}, first_page: {first_page}, max_size: {max_size} }})",
            lit(page),
            lit(size)
        ),
    };
    let _ = writeln!(out, "        paging: {paging},");
    let binary = op.response.ty == Ty::Binary;
    let _ = writeln!(out, "        binary_response: {binary},");
    let example = match &op.response.example {
        _ if binary => String::new(),
        Some(documented) => documented.to_string(),
        None => example_answer(api, op).to_string(),
    };
    // Raw: JSON is full of quotes, which a plain literal escapes one by one.
    let _ = writeln!(out, "        example: {},\n    }},", raw_lit(&example));
}

/// `Field::required(name, ty)` or `Field::optional(…)`, then what differs
/// from there: `.flattened()`, `.limits(…)`.
fn field(f: &Field) -> String {
    let make = if f.required { "required" } else { "optional" };
    let mut out = format!("Field::{make}({}, {})", lit(&f.wire), ty(&f.ty));
    if f.flatten {
        out.push_str(".flattened()");
    }
    if !f.limits.is_empty() {
        let _ = write!(out, ".limits({})", limits(&f.limits));
    }
    out
}

/// Only the limits the spec sets, the rest from `Limits::NONE`.
fn limits(l: &Limits) -> String {
    let mut out = String::from("Limits { ");
    for (name, v) in [("min", l.min), ("max", l.max)] {
        if let Some(v) = v {
            let _ = write!(out, "{name}: Some({v}), ");
        }
    }
    for (name, v) in [
        ("max_length", l.max_length),
        ("min_items", l.min_items),
        ("max_items", l.max_items),
        ("key_max_length", l.key_max_length),
        ("value_max_length", l.value_max_length),
    ] {
        if let Some(v) = v {
            let _ = write!(out, "{name}: Some({v}), ");
        }
    }
    if let Some(cs) = &l.key_chars {
        let ranges: Vec<String> = cs.ranges.iter().map(|(a, b)| format!("({a:?}, {b:?})")).collect();
        let _ = write!(out, "key_chars: Some(&[{}]), ", ranges.join(", "));
    }
    out.push_str("..Limits::NONE }");
    out
}

fn ty(t: &Ty) -> String {
    match t {
        Ty::String => "Ty::String".to_owned(),
        // On the wire, both are whole numbers (Unix milliseconds; a count of
        // the mute's unit with -1 for forever).
        Ty::Integer | Ty::Timestamp | Ty::MuteDuration(_) => "Ty::Integer".to_owned(),
        Ty::Number => "Ty::Number".to_owned(),
        Ty::Boolean => "Ty::Boolean".to_owned(),
        Ty::Json => "Ty::Json".to_owned(),
        Ty::Secret => "Ty::Secret".to_owned(),
        Ty::Binary => "Ty::Binary".to_owned(),
        Ty::None => "Ty::None".to_owned(),
        Ty::List(t) => format!("Ty::List(&{})", ty(t)),
        Ty::Map(t) => format!("Ty::Map(&{})", ty(t)),
        Ty::OneOrMany(t) => format!("Ty::OneOrMany(&{})", ty(t)),
        Ty::Named(n) => format!("Ty::Named({})", lit(n)),
    }
}

fn type_def(out: &mut String, t: &TypeDef) {
    let _ = writeln!(out, "    TypeDef {{\n        name: {},", lit(&t.name));
    match &t.kind {
        TypeKind::Struct(fields) => {
            let fields: Vec<String> = fields.iter().map(field).collect();
            list(out, 8, "kind: TypeKind::Struct(", &fields, "),");
        }
        TypeKind::Enum(values) => {
            let values: Vec<String> = values.iter().map(|v| lit(&v.value)).collect();
            list(out, 8, "kind: TypeKind::Enum(", &values, "),");
        }
        TypeKind::Id => out.push_str("        kind: TypeKind::Id,\n"),
        TypeKind::KeyedUnion(vs) => list(out, 8, "kind: TypeKind::KeyedUnion(", &variants(vs), "),"),
        TypeKind::TaggedUnion { tag, content, variants: vs } => {
            let _ = writeln!(
                out,
                "        kind: TypeKind::TaggedUnion {{\n            tag: {},\n            content: {},",
                lit(tag),
                opt_lit(content.as_deref())
            );
            list(out, 12, "variants: ", &variants(vs), ",");
            out.push_str("        },\n");
        }
    }
    out.push_str("    },\n");
}

fn variants(vs: &[Variant]) -> Vec<String> {
    vs.iter().map(|v| format!("Variant {{ key: {}, ty: {} }}", lit(&v.key), ty(&v.ty))).collect()
}

// ------------------------------------------------------------ example answers

/// For an operation whose spec has no documented example answer, one is
/// built from the response type (every field filled, one item per list) and
/// put where `at` says, inside the envelope the docs show.
fn example_answer(api: &Api, op: &Operation) -> Value {
    let payload = if op.response.ty == Ty::None { None } else { Some(example(api, &op.response.ty, 0)) };
    // No keys: the payload is the whole body, without an envelope.
    if op.response.at.is_empty() {
        return payload.unwrap_or_else(|| json!({}));
    }
    let mut body = Map::new();
    body.insert("action".into(), json!(op.method.as_str().to_lowercase()));
    body.insert("path".into(), json!(op.path));
    body.insert("timestamp".into(), json!(1_700_000_000_000_i64));
    body.insert("duration".into(), json!(0));
    if let Some(payload) = payload {
        let mut value = payload;
        for key in op.response.at.iter().skip(1).rev() {
            value = json!({ key: value });
        }
        let first = op.response.at.first().cloned().unwrap_or_else(|| "data".into());
        body.insert(first, value);
    }
    Value::Object(body)
}

/// Deep enough for every documented shape; a self-referring type stops here
/// with its required fields only.
const MAX_DEPTH: usize = 6;

fn example(api: &Api, t: &Ty, depth: usize) -> Value {
    match t {
        Ty::String => json!("text"),
        Ty::Secret => json!("mock-secret"),
        Ty::Integer => json!(1),
        Ty::Timestamp => json!(1_700_000_000_000_i64),
        Ty::MuteDuration(_) => json!(-1),
        Ty::Number => json!(1.5),
        Ty::Boolean => json!(true),
        Ty::Json | Ty::None | Ty::Binary => json!({}),
        Ty::List(t) | Ty::OneOrMany(t) => json!([example(api, t, depth + 1)]),
        Ty::Map(t) => json!({ "key": example(api, t, depth + 1) }),
        Ty::Named(n) => named_example(api, n, depth),
    }
}

fn named_example(api: &Api, name: &str, depth: usize) -> Value {
    let Some(def) = api.find_type(name) else { return Value::Null };
    match &def.kind {
        TypeKind::Id => json!("id1"),
        TypeKind::Enum(values) => values.first().map_or(Value::Null, |v| json!(v.value)),
        TypeKind::Struct(fields) => struct_example(api, fields, depth),
        TypeKind::KeyedUnion(vs) => match vs.first() {
            Some(v) => json!({ v.key.clone(): example(api, &v.ty, depth + 1) }),
            None => json!({}),
        },
        TypeKind::TaggedUnion { tag, content, variants } => {
            let Some(v) = variants.first() else { return json!({}) };
            let inner = example(api, &v.ty, depth + 1);
            match content {
                Some(c) => json!({ tag.clone(): v.key, c.clone(): inner }),
                None => {
                    let mut m = inner.as_object().cloned().unwrap_or_default();
                    m.insert(tag.clone(), json!(v.key));
                    Value::Object(m)
                }
            }
        }
    }
}

fn struct_example(api: &Api, fields: &[Field], depth: usize) -> Value {
    let mut m = Map::new();
    for f in fields.iter().filter(|f| f.required || depth < MAX_DEPTH) {
        let mut v = example(api, &f.ty, depth + 1);
        if v.is_number() && (f.limits.min.is_some() || f.limits.max.is_some()) {
            v = json!(1.max(f.limits.min.unwrap_or(1)).min(f.limits.max.unwrap_or(i64::MAX)));
        }
        if f.flatten {
            if let Value::Object(inner) = v {
                m.extend(inner);
            }
        } else {
            m.insert(f.wire.clone(), v);
        }
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The table is written as text: it must still be Rust, as the mock reads it.
    #[test]
    fn the_table_parses() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace root");
        let api = crate::model(root).expect("the spec loads");
        let file = super::emit(&api);
        if let Err(e) = syn::parse_file(&file.contents) {
            panic!("{} does not parse: {e}", file.path);
        }
    }
}

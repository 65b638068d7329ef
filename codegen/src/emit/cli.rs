//! The command table of the `easemob` command-line client (`cli/`): one
//! static description per operation (its command and argument names, help
//! text, how each input reaches the wire, limits, paging), which the
//! hand-written CLI turns into clap commands and requests.
//!
//! The table is data rather than code per operation: the CLI compiles one
//! generic path for every operation, so its build time and binary size do
//! not grow with the spec, and the clap builder walks the table at start-up.

use std::fmt::Write as _;

use heck::ToKebabCase;

use super::rust::{Code, generated_header, limits_text, operation_info};
use super::text::{list, lit, opt};
use crate::OutputFile;
use crate::model::*;
use crate::par::Job;
use crate::timing;

/// Where the generated table of the CLI lives, relative to the repository root.
pub const CLI_DIR: &str = "cli/src/generated";

/// Flags every operation command may have; an input whose name meets one is
/// renamed `input-…`, so no spec change can break the CLI's own options.
const RESERVED_FLAGS: &[&str] = &["json", "all", "output", "envelope", "help", "verbose"];

/// `mod.rs` (the list of areas) and one file per area.
///
/// The tables are written as text (see [`super::text`]); the operation
/// statics are written by the client's emitter, whose statics they are too.
pub fn emit(api: &Api) -> Vec<Job<'_, OutputFile>> {
    let mut jobs = Vec::new();
    let spec_files: Vec<&str> = api.areas.iter().map(|a| a.file.as_str()).collect();
    let sources = spec_files.join(", ");
    jobs.push(Job::new(api.areas.len(), move || {
        let path = format!("{CLI_DIR}/mod.rs");
        let contents = timing::file_stage("emit: write text (tables)", &path, || mod_rs(api, &sources));
        OutputFile { contents, path }
    }));
    for area in &api.areas {
        jobs.push(Job::new(area.operations.len(), move || {
            let path = format!("{CLI_DIR}/{}.rs", area.rust.module);
            let contents = area_rs(api, area, &path);
            OutputFile { contents, path }
        }));
    }
    jobs
}

fn mod_rs(api: &Api, sources: &str) -> String {
    let mut out = generated_header(sources);
    out.push_str("//! The command table: every operation of the spec, by area.\nuse crate::table::*;\n");
    for a in &api.areas {
        let _ = writeln!(out, "mod {};", a.rust.module);
    }
    out.push_str("/// Every area, sorted by name.\npub static AREAS: &[Area] = &[\n");
    for a in &api.areas {
        let long = format!("{}\n\n{}", a.title, a.doc.trim());
        let _ = writeln!(
            out,
            "    Area {{\n        name: {},\n        about: {},\n        long_about: {},\n        operations: {}::OPERATIONS,\n    }},",
            lit(&a.name.to_kebab_case()),
            lit(&a.title),
            lit(&long),
            a.rust.module
        );
    }
    out.push_str("];\n");
    out
}

fn area_rs(api: &Api, area: &Area, path: &str) -> String {
    timing::file_stage("emit: write text (tables)", path, || {
        // About 1.5 kB an operation.
        let mut statics = Code::with_capacity(2048 * area.operations.len());
        statics.push(&generated_header(&area.file));
        statics.inner_doc("The commands of one area.");
        statics.line("use crate::table::*;");
        for op in &area.operations {
            statics.blank();
            // The CLI decodes every answer as a JSON tree, whose numbers
            // nothing notes.
            operation_info(op, &op.rust.info_static, false, &mut statics);
        }
        statics.blank();
        let mut out = statics.finish();
        out.push_str("pub(super) static OPERATIONS: &[Operation] = &[\n");
        for op in &area.operations {
            operation(&mut out, api, op);
        }
        out.push_str("];\n");
        out
    })
}

/// The inputs of an operation in the order the table lists them: path
/// parameters (positional, in path order), then the other required inputs,
/// then the optional ones.
fn inputs(op: &Operation) -> Vec<(&Field, Location)> {
    let location = |f: &Field| {
        op.params
            .iter()
            .find(|p| std::ptr::eq(&p.field, f))
            .map(|p| match p.location {
                ParamIn::Path => Location::Path,
                ParamIn::Query => Location::Query,
                ParamIn::Header => Location::Header,
            })
            .unwrap_or(Location::Body)
    };
    op.required_inputs().into_iter().chain(op.optional_inputs()).map(|f| (f, location(f))).collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Location {
    Path,
    Query,
    Header,
    Body,
}

fn operation(out: &mut String, api: &Api, op: &Operation) {
    let all = inputs(op);
    let index = |f: &Field| all.iter().position(|(g, _)| std::ptr::eq(*g, f)).expect("an input of the operation");
    let _ = writeln!(
        out,
        "    Operation {{\n        name: {},\n        about: {},\n        long_about: {},\n        info: &{},",
        lit(&op.name.to_kebab_case()),
        lit(op.summary.trim().trim_end_matches('.')),
        lit(&long_about(op)),
        op.rust.info_static
    );
    let path: Vec<String> = op
        .path_parts
        .iter()
        .map(|p| match p {
            PathPart::Lit(l) => format!("PathPart::Lit({})", lit(l)),
            PathPart::Param(i) => format!("PathPart::Input({})", index(&op.params[*i].field)),
        })
        .collect();
    list(out, 8, "path: ", &path, ",");
    if all.is_empty() {
        out.push_str("        inputs: &[],\n");
    } else {
        out.push_str("        inputs: &[\n");
        for (f, loc) in &all {
            input(out, api, op, f, *loc);
        }
        out.push_str("        ],\n");
    }
    let constants: Vec<String> = op
        .body
        .iter()
        .flat_map(|b| &b.fields)
        .filter(|f| f.constant)
        .map(|f| format!("({}, {})", lit(&f.wire), lit(api.constant_value(f))))
        .collect();
    list(out, 8, "constants: ", &constants, ",");
    let body = match op.body.as_ref().map(|b| b.kind) {
        None => "None".to_owned(),
        Some(BodyKind::Object) => "Some(BodyKind::Object)".to_owned(),
        Some(BodyKind::Value) => "Some(BodyKind::Value)".to_owned(),
        Some(BodyKind::Multipart) => "Some(BodyKind::Multipart)".to_owned(),
        Some(BodyKind::Form { whole_map }) => format!("Some(BodyKind::Form {{ whole_map: {whole_map} }})"),
    };
    let _ = writeln!(out, "        body: {body},");
    let max_body = match op.max_body_bytes {
        Some(n) => {
            let keys: Vec<String> = op.body_size_counts.iter().map(|k| lit(k)).collect();
            format!("Some(BodySize {{ max: {n}, keys: &[{}] }})", keys.join(", "))
        }
        None => "None".to_owned(),
    };
    let _ = writeln!(out, "        max_body: {max_body},");
    let by_wire = |wire: &str| {
        let f = &op.params.iter().find(|p| p.field.wire == wire).expect("paging names a query parameter").field;
        index(f)
    };
    let paging = match &op.paging {
        Some(Paging::Cursor { limit, cursor, next, max_size }) => {
            let next: Vec<String> = next.iter().map(|n| lit(n)).collect();
            format!(
                "Some(Paging::Cursor {{ cursor: {}, limit: {}, next_at: &[{}], cap: {max_size} }})",
                by_wire(cursor),
                by_wire(limit),
                next.join(", ")
            )
        }
        Some(Paging::PageNumber { page, size, first_page, max_size }) => {
            let default = op
                .params
                .iter()
                .find(|q| q.field.wire == *size)
                .and_then(|q| q.field.default.as_ref())
                .and_then(|d| d.parse::<i64>().ok());
            format!(
                "Some(Paging::PageNumber {{ page: {}, size: {}, default_size: {}, first_page: {first_page}, cap: {max_size} }})",
                by_wire(page),
                by_wire(size),
                opt(default)
            )
        }
        None => "None".to_owned(),
    };
    let _ = writeln!(out, "        paging: {paging},");
    let response = match &op.response.ty {
        Ty::Binary => "ResponseKind::File",
        Ty::List(_) | Ty::OneOrMany(_) => "ResponseKind::List",
        Ty::None => "ResponseKind::Nothing",
        _ => "ResponseKind::Value",
    };
    let _ = writeln!(out, "        response: {response},\n    }},");
}

/// The flag (or positional argument id) of an input.
fn flag(f: &Field) -> String {
    let kebab = f.rust.trim_start_matches("r#").to_kebab_case();
    if RESERVED_FLAGS.contains(&kebab.as_str()) { format!("input-{kebab}") } else { kebab }
}

fn input(out: &mut String, api: &Api, op: &Operation, f: &Field, loc: Location) {
    let location = match loc {
        Location::Path => "Location::Path",
        Location::Query => "Location::Query",
        Location::Header => "Location::Header",
        Location::Body => "Location::Body",
    };
    let required = f.required || loc == Location::Path;
    let _ = writeln!(
        out,
        "            Input {{\n                flag: {},\n                wire: {},\n                name: {},\n                help: {},\n                location: {location},\n                kind: {},\n                required: {required},\n                flatten: {},\n                limits: {},",
        lit(&flag(f)),
        lit(&f.wire),
        lit(&f.rust),
        lit(&input_help(api, op, f, loc)),
        kind_of(api, &f.ty),
        f.flatten,
        limits(&f.limits)
    );
    let mut secret_keys = Vec::new();
    secret_wire_keys(api, &f.ty, &mut Vec::new(), &mut secret_keys);
    secret_keys.sort();
    secret_keys.dedup();
    let secret_keys: Vec<String> = secret_keys.iter().map(|k| lit(k)).collect();
    list(out, 16, "secret_keys: ", &secret_keys, ",");
    out.push_str("            },\n");
}

/// Only the limits the spec sets, the rest from `Limits::NONE`.
fn limits(l: &crate::model::Limits) -> String {
    if l.is_empty() {
        return "Limits::NONE".to_owned();
    }
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
    if let Some(CharSet { text, ranges }) = &l.key_chars {
        let ranges: Vec<String> = ranges.iter().map(|(a, b)| format!("({a:?}, {b:?})")).collect();
        let _ = write!(
            out,
            "key_chars: Some(&::easemob_runtime::__private::CharSet {{ text: {}, ranges: &[{}] }}), ",
            lit(text),
            ranges.join(", ")
        );
    }
    out.push_str("..Limits::NONE }");
    out
}

/// How the CLI reads an input of this type from its argument text.
fn kind_of(api: &Api, ty: &Ty) -> String {
    let scalar = |t: &Ty| match t {
        Ty::String => Some("Scalar::Text"),
        Ty::Named(n) if matches!(api.named_kind(n), NamedKind::Id | NamedKind::Enum) => Some("Scalar::Text"),
        Ty::Integer => Some("Scalar::Integer"),
        Ty::Number => Some("Scalar::Number"),
        Ty::Boolean => Some("Scalar::Boolean"),
        _ => None,
    };
    match ty {
        Ty::Secret => "Kind::Secret".to_owned(),
        Ty::Binary => "Kind::File".to_owned(),
        Ty::List(t) | Ty::OneOrMany(t) => match scalar(t) {
            Some(s) => format!("Kind::List({s})"),
            None => "Kind::Json".to_owned(),
        },
        t => match scalar(t) {
            Some(s) => format!("Kind::Scalar({s})"),
            None => "Kind::Json".to_owned(),
        },
    }
}

/// The wire names of every secret field reachable from `ty` (a password in
/// a list of users to register): the CLI marks their values as secrets when
/// it encodes a body, so they are scrubbed from what the server echoes.
fn secret_wire_keys(api: &Api, ty: &Ty, seen: &mut Vec<String>, out: &mut Vec<String>) {
    match ty {
        Ty::List(t) | Ty::OneOrMany(t) | Ty::Map(t) => secret_wire_keys(api, t, seen, out),
        Ty::Named(n) if !seen.contains(n) => {
            seen.push(n.clone());
            let fields: Vec<&Field> = match api.find_type(n).map(|t| &t.kind) {
                Some(TypeKind::Struct(fields)) => fields.iter().collect(),
                Some(TypeKind::KeyedUnion(vs)) | Some(TypeKind::TaggedUnion { variants: vs, .. }) => {
                    vs.iter().for_each(|v| secret_wire_keys(api, &v.ty, seen, out));
                    Vec::new()
                }
                _ => Vec::new(),
            };
            for g in fields {
                if g.ty == Ty::Secret {
                    out.push(g.wire.clone());
                } else {
                    secret_wire_keys(api, &g.ty, seen, out);
                }
            }
        }
        _ => {}
    }
}

/// The help of one input: its doc, how to write it, where it goes on the wire.
fn input_help(api: &Api, op: &Operation, f: &Field, loc: Location) -> String {
    let mut s = one_line(&f.doc);
    if s.is_empty() {
        s = format!("`{}`", f.wire);
    }
    let how = match &f.ty {
        Ty::Secret => Some("a secret: `@FILE` reads it from a file, `-` from stdin".to_owned()),
        Ty::Binary => Some("a file path; the file is streamed".to_owned()),
        Ty::List(t) | Ty::OneOrMany(t) if matches!(**t, Ty::String | Ty::Integer | Ty::Named(_)) => {
            if matches!(&**t, Ty::Named(n) if matches!(api.named_kind(n), NamedKind::Struct | NamedKind::KeyedUnion | NamedKind::TaggedUnion))
            {
                Some("JSON".to_owned())
            } else if loc == Location::Path {
                Some("comma-separated".to_owned())
            } else {
                Some("repeat the flag for each item".to_owned())
            }
        }
        Ty::Json | Ty::Map(_) | Ty::List(_) | Ty::OneOrMany(_) => Some("JSON".to_owned()),
        Ty::Named(n) if !matches!(api.named_kind(n), NamedKind::Id | NamedKind::Enum) => Some("JSON".to_owned()),
        _ => None,
    };
    let mut extra = Vec::new();
    if let Some(h) = how {
        extra.push(h);
    }
    if let Ty::Named(n) = &f.ty
        && let Some(TypeDef { kind: TypeKind::Enum(values), .. }) = api.find_type(n)
    {
        let vs: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
        extra.push(format!("one of: {}", vs.join(", ")));
    }
    let limits = limits_text(&f.limits);
    if !limits.is_empty() {
        extra.push(limits);
    }
    if let Some(d) = &f.default {
        extra.push(format!("server default {d}"));
    }
    let place = match loc {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Body => "body",
    };
    extra.push(format!("{place} `{}`", f.wire));
    if f.required
        && loc == Location::Body
        && matches!(op.body.as_ref().map(|b| b.kind), Some(BodyKind::Object | BodyKind::Value))
    {
        extra.push("required unless given in --json".to_owned());
    }
    format!("{s} [{}]", extra.join("; "))
}

/// The first paragraph of a doc text on one line.
fn one_line(doc: &str) -> String {
    let para = doc.trim().split("\n\n").next().unwrap_or("");
    para.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What `easemob <area> <operation> --help` prints above the arguments.
fn long_about(op: &Operation) -> String {
    let mut s = format!("{}\n\n{} {}\n", op.summary.trim(), op.method.as_str(), op.full_path());
    if let Some(d) = &op.doc {
        s.push_str(&format!("\n{}\n", d.trim()));
    }
    let usage: Vec<&Note> = op.notes.iter().filter(|n| n.kind == NoteKind::Usage).collect();
    if !usage.is_empty() {
        s.push_str("\nNotes:\n");
        for n in usage {
            s.push_str(&format!("  - {}\n", one_line(&n.text)));
        }
    }
    if let Some(p) = &op.paging {
        let how = match p {
            Paging::Cursor { cursor, .. } => format!("by cursor (`{cursor}`)"),
            Paging::PageNumber { page, .. } => format!("by page number (`{page}`)"),
        };
        s.push_str(&format!(
            "\nPaged {how}, at most {} items a page: --all walks every page and prints one line per item.\n",
            p.max_size()
        ));
    }
    if !op.errors.is_empty() {
        s.push_str("\nDocumented errors:\n");
        for e in &op.errors {
            let code = e.code.as_deref().map(|c| format!(" {c}")).unwrap_or_default();
            s.push_str(&format!("  - {}{code}: {}\n", e.status, one_line(&e.description)));
        }
    }
    if let Some(r) = &op.rate_limit {
        s.push_str(&format!("\nRate limit: {} per App Key.", r.text()));
    }
    s.push_str(&format!(
        "\nSafe to retry: {}.\nSource: {}\nSpec: {}, operation `{}` (operationId `{}`).",
        if op.retry_safe { "yes" } else { "no (the request may have taken effect)" },
        op.source_url,
        op.file,
        op.name,
        op.id
    ));
    s
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The tables are written as text: they must still be Rust, as the CLI reads them.
    #[test]
    fn the_tables_parse() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace root");
        let api = crate::model(root).expect("the spec loads");
        for job in super::emit(&api) {
            let file = (job.run)();
            if let Err(e) = syn::parse_file(&file.contents) {
                panic!("{} does not parse: {e}", file.path);
            }
        }
    }
}

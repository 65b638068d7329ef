//! The mock's round-trip test table (`mock/tests/generated/calls.rs`): for
//! every operation, a call of the generated client with a value for each
//! required input, within its documented limits. The hand-written test runs
//! each call against the mock, so a request the client builds and the mock
//! refuses (or an answer the client cannot decode) fails the suite, and an
//! operation added to the spec is covered without touching the test.

use std::fmt::Write as _;

use super::rust::{Code, lit, text_file};
use crate::OutputFile;
use crate::model::*;

/// Where the generated test table lives, relative to the repository root.
pub const CALLS_DIR: &str = "mock/tests/generated";

/// The table, as one file.
pub fn emit(api: &Api) -> OutputFile {
    let files: Vec<&str> = api.areas.iter().map(|a| a.file.as_str()).collect();
    let sources = format!("spec/common.yaml and {}", files.join(", "));
    text_file(CALLS_DIR, "calls.rs", &sources, 48, |c| table(api, c))
}

fn table(api: &Api, c: &mut Code) {
    c.line("//! One call of the generated client per operation, with values for");
    c.line("//! its required inputs.");
    c.blank();
    c.line("/// Every operation ID, in spec order.");
    c.line("pub const OPERATION_IDS: &[&str] = &[");
    for op in api.operations() {
        c.line(format_args!("    {},", lit(&op.id)));
    }
    c.line("];");
    c.blank();
    c.line("/// Sends operation `id` through `client`; the answer is decoded and dropped.");
    c.open("pub async fn call(client: &::easemob::Client, id: &str) -> ::std::result::Result<(), ::easemob::Error>");
    c.open("match id");
    let mut args = String::new();
    for area in &api.areas {
        for op in &area.operations {
            args.clear();
            for (i, f) in op.required_inputs().into_iter().enumerate() {
                if i > 0 {
                    args.push_str(", ");
                }
                argument(&mut args, api, &f.ty, &f.limits);
            }
            c.line(format_args!(
                "{} => client.{}().{}({args}).send().await.map(drop),",
                lit(&op.id),
                area.rust.module,
                op.rust.method
            ));
        }
    }
    c.line("other => panic!(\"no call for operation {other}\"),");
    c.close("");
    c.close("");
}

/// A value for an argument, a `new` argument or a list item, in the form
/// the generated signatures take (`impl Into<…>` for text, IDs and enums).
fn argument(out: &mut String, api: &Api, ty: &Ty, limits: &Limits) {
    match ty {
        Ty::List(t) | Ty::OneOrMany(t) => {
            // Two items where allowed: a one-item list in a path reads like
            // the single-item operation that often shares the path.
            let n = limits.min_items.unwrap_or(0).max(limits.max_items.unwrap_or(2).min(2)).max(1);
            out.push('[');
            for i in 0..n {
                if i > 0 {
                    out.push_str(", ");
                }
                item(out, api, t, i);
            }
            out.push(']');
        }
        Ty::Map(t) => {
            out.push('[');
            for i in 0..limits.min_items.unwrap_or(1).max(1) {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "({}, ", lit(&format!("k{i}")));
                item(out, api, t, i);
                out.push(')');
            }
            out.push(']');
        }
        t => scalar(out, api, t, limits, 1),
    }
}

/// One list item or map value; items are told apart by `i`.
fn item(out: &mut String, api: &Api, ty: &Ty, i: u64) {
    match ty {
        Ty::List(_) | Ty::OneOrMany(_) | Ty::Map(_) => {
            argument(out, api, ty, &Limits::default());
            out.push_str(".into_iter().collect()");
        }
        t => scalar(out, api, t, &Limits::default(), i + 1),
    }
}

fn scalar(out: &mut String, api: &Api, ty: &Ty, limits: &Limits, n: u64) {
    match ty {
        Ty::String => out.push_str(&lit(&format!("v{n}"))),
        Ty::Secret => out.push_str("\"mock-secret\""),
        Ty::Integer => {
            let v = 1.max(limits.min.unwrap_or(1)).min(limits.max.unwrap_or(i64::MAX));
            let _ = write!(out, "{v}i64");
        }
        Ty::Timestamp => out.push_str("::easemob::Timestamp::from_unix_millis(1_700_000_000_000)"),
        Ty::MuteDuration(_) => out.push_str("::easemob::MuteDuration::Forever"),
        Ty::Number => out.push_str("1.0"),
        Ty::Boolean => out.push_str("true"),
        Ty::Json | Ty::None => out.push_str("::serde_json::json!({})"),
        Ty::Binary => out.push_str("::easemob::Upload::from_bytes(\"mock.txt\", &b\"mock file\"[..])"),
        Ty::List(_) | Ty::OneOrMany(_) | Ty::Map(_) => {
            argument(out, api, ty, limits);
            out.push_str(".into_iter().collect()");
        }
        Ty::Named(name) => named(out, api, name, n),
    }
}

fn named(out: &mut String, api: &Api, name: &str, n: u64) {
    let def = api.find_type(name).expect("type references are resolved");
    match &def.kind {
        TypeKind::Id => out.push_str(&lit(&format!("id{n}"))),
        TypeKind::Enum(values) => out.push_str(&lit(&values.first().expect("an enum has values").value)),
        TypeKind::Struct(fields) => {
            let _ = write!(out, "{}::{}(", type_path(api, def), api.rust.new_fn);
            for (i, f) in fields.iter().filter(|f| f.required).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                argument(out, api, &f.ty, &f.limits);
            }
            out.push(')');
        }
        TypeKind::KeyedUnion(vs) | TypeKind::TaggedUnion { variants: vs, .. } => {
            let v = vs.first().expect("a union has variants");
            let _ = write!(out, "{}::{}(::std::convert::Into::into(", type_path(api, def), v.rust);
            argument(out, api, &v.ty, &Limits::default());
            out.push_str("))");
        }
    }
}

/// `::easemob::<module>::<Name>`, or `::easemob::<Name>` for common types.
fn type_path(api: &Api, def: &TypeDef) -> String {
    match &def.home {
        Home::Area(area) => {
            let module = api.areas.iter().find(|a| a.name == *area).expect("a type's home area exists");
            format!("::easemob::{}::{}", module.rust.module, def.name)
        }
        _ => format!("::easemob::{}", def.name),
    }
}

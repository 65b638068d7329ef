//! The command table of the `easemob` command-line client (`cli/`): one
//! static description per operation (its command and argument names, help
//! text, how each input reaches the wire, limits, paging), which the
//! hand-written CLI turns into clap commands and requests.
//!
//! The table is data rather than code per operation: the CLI compiles one
//! generic path for every operation, so its build time and binary size do
//! not grow with the spec, and the clap builder walks the table at start-up.

use heck::ToKebabCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust::{file, limits_text, operation_info};
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
pub fn emit(api: &Api) -> Vec<Job<'_, OutputFile>> {
    let mut jobs = Vec::new();
    let spec_files: Vec<&str> = api.areas.iter().map(|a| a.file.as_str()).collect();
    let sources = spec_files.join(", ");
    jobs.push(Job::new(api.areas.len(), move || {
        timing::file_stage("emit: cli", &format!("{CLI_DIR}/mod.rs"), || {
            file(CLI_DIR, "mod.rs", &sources, || mod_rs(api))
        })
    }));
    for area in &api.areas {
        jobs.push(Job::new(2 * area.operations.len(), move || {
            file(CLI_DIR, &format!("{}.rs", area.rust.module), &area.file, || area_rs(api, area))
        }));
    }
    jobs
}

fn mod_rs(api: &Api) -> TokenStream {
    let mods = api.areas.iter().map(|a| {
        let m = format_ident!("{}", a.rust.module);
        quote!(mod #m;)
    });
    let areas = api.areas.iter().map(|a| {
        let m = format_ident!("{}", a.rust.module);
        let name = a.name.to_kebab_case();
        let about = a.title.as_str();
        let long = format!("{}\n\n{}", a.title, a.doc.trim());
        quote!(crate::table::Area { name: #name, about: #about, long_about: #long, operations: #m::OPERATIONS },)
    });
    quote! {
        //! The command table: every operation of the spec, by area.
        #(#mods)*

        /// Every area, sorted by name.
        pub static AREAS: &[crate::table::Area] = &[#(#areas)*];
    }
}

fn area_rs(api: &Api, area: &Area) -> TokenStream {
    let infos = area.operations.iter().map(|op| operation_info(op, &format_ident!("{}", op.rust.info_static)));
    let ops = area.operations.iter().map(|op| operation(api, op));
    quote! {
        //! The commands of one area.
        #(#infos)*

        pub(super) static OPERATIONS: &[crate::table::Operation] = &[#(#ops)*];
    }
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

fn operation(api: &Api, op: &Operation) -> TokenStream {
    let name = op.name.to_kebab_case();
    let about = op.summary.trim().trim_end_matches('.').to_owned();
    let long = long_about(op);
    let info = format_ident!("{}", op.rust.info_static);
    let all = inputs(op);
    let index = |f: &Field| all.iter().position(|(g, _)| std::ptr::eq(*g, f)).expect("an input of the operation");
    let path = op.path_parts.iter().map(|p| match p {
        PathPart::Lit(l) => quote!(crate::table::PathPart::Lit(#l),),
        PathPart::Param(i) => {
            let n = index(&op.params[*i].field);
            quote!(crate::table::PathPart::Input(#n),)
        }
    });
    let input_items = all.iter().map(|(f, loc)| input(api, op, f, *loc));
    let constants = op.body.iter().flat_map(|b| &b.fields).filter(|f| f.constant).map(|f| {
        let wire = &f.wire;
        let value = api.constant_value(f);
        quote!((#wire, #value),)
    });
    let body = match op.body.as_ref().map(|b| b.kind) {
        None => quote!(::std::option::Option::None),
        Some(BodyKind::Object) => quote!(::std::option::Option::Some(crate::table::BodyKind::Object)),
        Some(BodyKind::Value) => quote!(::std::option::Option::Some(crate::table::BodyKind::Value)),
        Some(BodyKind::Multipart) => quote!(::std::option::Option::Some(crate::table::BodyKind::Multipart)),
        Some(BodyKind::Form { whole_map }) => {
            quote!(::std::option::Option::Some(crate::table::BodyKind::Form { whole_map: #whole_map }))
        }
    };
    let max_body = match op.max_body_bytes {
        Some(n) => {
            let n = n as usize;
            let keys = op.body_size_counts.iter();
            quote!(::std::option::Option::Some(crate::table::BodySize { max: #n, keys: &[#(#keys),*] }))
        }
        None => quote!(::std::option::Option::None),
    };
    let by_wire = |wire: &str| {
        let f = &op.params.iter().find(|p| p.field.wire == wire).expect("paging names a query parameter").field;
        index(f)
    };
    let paging = match &op.paging {
        Some(Paging::Cursor { limit, cursor, next, max_size }) => {
            let (c, l) = (by_wire(cursor), by_wire(limit));
            let cap = *max_size as i64;
            quote!(::std::option::Option::Some(crate::table::Paging::Cursor { cursor: #c, limit: #l, next_at: &[#(#next),*], cap: #cap }))
        }
        Some(Paging::PageNumber { page, size, first_page, max_size }) => {
            let (p, s) = (by_wire(page), by_wire(size));
            let cap = *max_size as i64;
            let default = op
                .params
                .iter()
                .find(|q| q.field.wire == *size)
                .and_then(|q| q.field.default.as_ref())
                .and_then(|d| d.parse::<i64>().ok());
            let default = some(default);
            quote!(::std::option::Option::Some(crate::table::Paging::PageNumber {
                page: #p, size: #s, default_size: #default, first_page: #first_page, cap: #cap
            }))
        }
        None => quote!(::std::option::Option::None),
    };
    let response = match &op.response.ty {
        Ty::Binary => quote!(crate::table::ResponseKind::File),
        Ty::List(_) | Ty::OneOrMany(_) => quote!(crate::table::ResponseKind::List),
        Ty::None => quote!(crate::table::ResponseKind::Nothing),
        _ => quote!(crate::table::ResponseKind::Value),
    };
    quote! {
        crate::table::Operation {
            name: #name,
            about: #about,
            long_about: #long,
            info: &#info,
            path: &[#(#path)*],
            inputs: &[#(#input_items)*],
            constants: &[#(#constants)*],
            body: #body,
            max_body: #max_body,
            paging: #paging,
            response: #response,
        },
    }
}

/// The flag (or positional argument id) of an input.
fn flag(f: &Field) -> String {
    let kebab = f.rust.trim_start_matches("r#").to_kebab_case();
    if RESERVED_FLAGS.contains(&kebab.as_str()) { format!("input-{kebab}") } else { kebab }
}

fn input(api: &Api, op: &Operation, f: &Field, loc: Location) -> TokenStream {
    let flag = flag(f);
    let (wire, rust) = (&f.wire, &f.rust);
    let location = match loc {
        Location::Path => quote!(crate::table::Location::Path),
        Location::Query => quote!(crate::table::Location::Query),
        Location::Header => quote!(crate::table::Location::Header),
        Location::Body => quote!(crate::table::Location::Body),
    };
    let flatten = f.flatten;
    let required = f.required || loc == Location::Path;
    let kind = kind_of(api, &f.ty);
    let help = input_help(api, op, f, loc);
    let l = &f.limits;
    let limits = if l.is_empty() {
        quote!(crate::table::Limits::NONE)
    } else {
        let size = |v: Option<u64>| some(v.map(|n| n as usize));
        let (min, max, max_length) = (some(l.min), some(l.max), size(l.max_length));
        let (min_items, max_items) = (size(l.min_items), size(l.max_items));
        let (key_max_length, value_max_length) = (size(l.key_max_length), size(l.value_max_length));
        let key_chars = match &l.key_chars {
            Some(CharSet { text, ranges }) => {
                let rs = ranges.iter().map(|(a, b)| quote!((#a, #b)));
                quote!(::std::option::Option::Some(&::easemob_runtime::__private::CharSet { text: #text, ranges: &[#(#rs),*] }))
            }
            None => quote!(::std::option::Option::None),
        };
        quote!(crate::table::Limits {
            min: #min, max: #max, max_length: #max_length, min_items: #min_items, max_items: #max_items,
            key_max_length: #key_max_length, key_chars: #key_chars, value_max_length: #value_max_length,
        })
    };
    let mut secret_keys = Vec::new();
    secret_wire_keys(api, &f.ty, &mut Vec::new(), &mut secret_keys);
    secret_keys.sort();
    secret_keys.dedup();
    quote! {
        crate::table::Input {
            flag: #flag,
            wire: #wire,
            name: #rust,
            help: #help,
            location: #location,
            kind: #kind,
            required: #required,
            flatten: #flatten,
            limits: #limits,
            secret_keys: &[#(#secret_keys),*],
        },
    }
}

/// `Some(v)` or `None`, written out (an `Option`'s own tokens are its content or nothing).
fn some(v: Option<impl quote::ToTokens>) -> TokenStream {
    match v {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    }
}

/// How the CLI reads an input of this type from its argument text.
fn kind_of(api: &Api, ty: &Ty) -> TokenStream {
    let scalar = |t: &Ty| match t {
        Ty::String => Some(quote!(crate::table::Scalar::Text)),
        Ty::Named(n) if matches!(api.named_kind(n), NamedKind::Id | NamedKind::Enum) => {
            Some(quote!(crate::table::Scalar::Text))
        }
        Ty::Integer => Some(quote!(crate::table::Scalar::Integer)),
        Ty::Number => Some(quote!(crate::table::Scalar::Number)),
        Ty::Boolean => Some(quote!(crate::table::Scalar::Boolean)),
        _ => None,
    };
    match ty {
        Ty::Secret => quote!(crate::table::Kind::Secret),
        Ty::Binary => quote!(crate::table::Kind::File),
        Ty::List(t) | Ty::OneOrMany(t) => match scalar(t) {
            Some(s) => quote!(crate::table::Kind::List(#s)),
            None => quote!(crate::table::Kind::Json),
        },
        t => match scalar(t) {
            Some(s) => quote!(crate::table::Kind::Scalar(#s)),
            None => quote!(crate::table::Kind::Json),
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

//! The mock server's operation table (`mock/src/generated/routes.rs`): every
//! operation's method, path, auth, inputs with their types and limits, body
//! form, documented errors, paging and an example answer in the documented
//! shape, plus every named type the checks reach. The mock's hand-written
//! code (`mock/src/`) routes and checks requests by reading this table, so
//! a spec change reaches the mock in the same `cargo xtask gen`.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value, json};

use crate::OutputFile;
use crate::model::*;

/// Where the mock's generated module lives, relative to the repository root.
pub const MOCK_DIR: &str = "mock/src/generated";
const FILE: &str = "routes.rs";

/// The table, as one file.
pub fn emit(api: &Api) -> OutputFile {
    let files: Vec<&str> = api.areas.iter().map(|a| a.file.as_str()).collect();
    let sources = format!("spec/common.yaml and {}", files.join(", "));
    super::rust::file(MOCK_DIR, FILE, &sources, || tokens(api))
}

fn tokens(api: &Api) -> TokenStream {
    let ops = api.operations().map(|op| operation(api, op));
    let types = api.types.iter().filter(|t| t.home != Home::Callbacks).map(type_def);
    let count = api.operations().count();
    quote! {
        //! Every operation of the spec and the named types its inputs use, as
        //! data the mock's checks and router read.

        use crate::table::*;

        /// Every operation, in spec order (areas sorted by name).
        pub static OPERATIONS: [Operation; #count] = [#(#ops),*];

        /// The named types, in spec order; looked up by name.
        pub static TYPES: &[TypeDef] = &[#(#types),*];
    }
}

fn operation(api: &Api, op: &Operation) -> TokenStream {
    let id = &op.id;
    let method = op.method.as_str();
    let segments = op.path.split('/').filter(|s| !s.is_empty()).map(|s| {
        match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => quote!(Segment::Param(#name)),
            None => quote!(Segment::Lit(#s)),
        }
    });
    let auth = op.auth;
    let params = op.params.iter().map(|p| {
        let location = match p.location {
            ParamIn::Path => quote!(Location::Path),
            ParamIn::Query => quote!(Location::Query),
            ParamIn::Header => quote!(Location::Header),
        };
        let field = field(&p.field);
        quote!(Param { location: #location, field: #field })
    });
    let body = match &op.body {
        None => quote!(None),
        Some(b) => {
            let kind = match b.kind {
                BodyKind::Object => quote!(BodyKind::Object),
                BodyKind::Value => quote!(BodyKind::Value),
                BodyKind::Multipart => quote!(BodyKind::Multipart),
                BodyKind::Form { whole_map } => quote!(BodyKind::Form { whole_map: #whole_map }),
            };
            let fields = b.fields.iter().map(field);
            quote!(Some(Body { kind: #kind, fields: &[#(#fields),*] }))
        }
    };
    let max_body = opt_u64(op.max_body_bytes);
    let counts = &op.body_size_counts;
    let errors = op.errors.iter().map(|e| {
        let status = e.status;
        let code = opt_str(e.code.as_deref());
        let description = &e.description;
        quote!(ErrorDoc { status: #status, code: #code, description: #description })
    });
    let paging = match &op.paging {
        None => quote!(None),
        Some(Paging::Cursor { limit, cursor, max_size, .. }) => {
            quote!(Some(Paging::Cursor { limit: #limit, cursor: #cursor, max_size: #max_size }))
        }
        Some(Paging::PageNumber { page, size, first_page, max_size }) => {
            quote!(Some(Paging::PageNumber { page: #page, size: #size, first_page: #first_page, max_size: #max_size }))
        }
    };
    let binary = op.response.ty == Ty::Binary;
    let example = match &op.response.example {
        _ if binary => String::new(),
        Some(documented) => documented.to_string(),
        None => example_answer(api, op).to_string(),
    };
    quote! {
        Operation {
            id: #id,
            method: #method,
            path: &[#(#segments),*],
            auth: #auth,
            params: &[#(#params),*],
            body: #body,
            max_body_bytes: #max_body,
            body_size_counts: &[#(#counts),*],
            errors: &[#(#errors),*],
            paging: #paging,
            binary_response: #binary,
            example: #example,
        }
    }
}

fn field(f: &Field) -> TokenStream {
    let name = &f.wire;
    let ty = ty(&f.ty);
    let required = f.required;
    let flatten = f.flatten;
    let limits = limits(&f.limits);
    quote!(Field { name: #name, ty: #ty, required: #required, flatten: #flatten, limits: #limits })
}

/// Only the limits the spec sets, the rest from `Limits::NONE`.
fn limits(l: &Limits) -> TokenStream {
    if l.is_empty() {
        return quote!(Limits::NONE);
    }
    let mut set = Vec::new();
    let mut put = |name: &str, value: TokenStream| {
        let name = quote::format_ident!("{name}");
        set.push(quote!(#name: Some(#value)));
    };
    if let Some(v) = l.min {
        put("min", quote!(#v));
    }
    if let Some(v) = l.max {
        put("max", quote!(#v));
    }
    for (name, v) in [
        ("max_length", l.max_length),
        ("min_items", l.min_items),
        ("max_items", l.max_items),
        ("key_max_length", l.key_max_length),
        ("value_max_length", l.value_max_length),
    ] {
        if let Some(v) = v {
            put(name, quote!(#v));
        }
    }
    if let Some(cs) = &l.key_chars {
        let ranges = cs.ranges.iter().map(|(a, b)| quote!((#a, #b)));
        put("key_chars", quote!(&[#(#ranges),*]));
    }
    quote!(Limits { #(#set,)* ..Limits::NONE })
}

fn ty(t: &Ty) -> TokenStream {
    match t {
        Ty::String => quote!(Ty::String),
        // On the wire, both are whole numbers (Unix milliseconds; a count of
        // the mute's unit with -1 for forever).
        Ty::Integer | Ty::Timestamp | Ty::MuteDuration(_) => quote!(Ty::Integer),
        Ty::Number => quote!(Ty::Number),
        Ty::Boolean => quote!(Ty::Boolean),
        Ty::Json => quote!(Ty::Json),
        Ty::Secret => quote!(Ty::Secret),
        Ty::Binary => quote!(Ty::Binary),
        Ty::None => quote!(Ty::None),
        Ty::List(t) => {
            let t = ty(t);
            quote!(Ty::List(&#t))
        }
        Ty::Map(t) => {
            let t = ty(t);
            quote!(Ty::Map(&#t))
        }
        Ty::OneOrMany(t) => {
            let t = ty(t);
            quote!(Ty::OneOrMany(&#t))
        }
        Ty::Named(n) => quote!(Ty::Named(#n)),
    }
}

fn type_def(t: &TypeDef) -> TokenStream {
    let name = &t.name;
    let kind = match &t.kind {
        TypeKind::Struct(fields) => {
            let fields = fields.iter().map(field);
            quote!(TypeKind::Struct(&[#(#fields),*]))
        }
        TypeKind::Enum(values) => {
            let values = values.iter().map(|v| &v.value);
            quote!(TypeKind::Enum(&[#(#values),*]))
        }
        TypeKind::Id => quote!(TypeKind::Id),
        TypeKind::KeyedUnion(vs) => {
            let vs = variants(vs);
            quote!(TypeKind::KeyedUnion(&[#(#vs),*]))
        }
        TypeKind::TaggedUnion { tag, content, variants: vs } => {
            let content = opt_str(content.as_deref());
            let vs = variants(vs);
            quote!(TypeKind::TaggedUnion { tag: #tag, content: #content, variants: &[#(#vs),*] })
        }
    };
    quote!(TypeDef { name: #name, kind: #kind })
}

fn variants(vs: &[Variant]) -> impl Iterator<Item = TokenStream> + '_ {
    vs.iter().map(|v| {
        let key = &v.key;
        let t = ty(&v.ty);
        quote!(Variant { key: #key, ty: #t })
    })
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn opt_str(v: Option<&str>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
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

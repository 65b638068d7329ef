//! Rust type expressions, conversions and named-type definitions.

use std::fmt::Write as _;

use super::code::{Code, MAX_WIDTH, lit};
use crate::model::*;

/// The Rust type a spec type is stored and returned as.
pub fn rust_ty(api: &Api, ty: &Ty) -> String {
    match ty {
        Ty::String => "::std::string::String".into(),
        Ty::Integer => "i64".into(),
        Ty::Number => "f64".into(),
        Ty::Timestamp => "::easemob_runtime::Timestamp".into(),
        Ty::MuteDuration(_) => "::easemob_runtime::MuteDuration".into(),
        Ty::Boolean => "bool".into(),
        Ty::Json => "::serde_json::Value".into(),
        Ty::Secret => "::easemob_runtime::Secret".into(),
        Ty::Binary => "::easemob_runtime::Upload".into(),
        Ty::None => "()".into(),
        Ty::List(t) | Ty::OneOrMany(t) => format!("::std::vec::Vec<{}>", rust_ty(api, t)),
        Ty::Map(t) => format!("::std::collections::BTreeMap<::std::string::String, {}>", rust_ty(api, t)),
        Ty::Named(n) => named_path(api, n),
    }
}

/// String literals separated by commas, as an array or an argument list
/// holds them.
pub(crate) fn lits<'a, I>(items: I) -> impl std::fmt::Display + 'a
where
    I: IntoIterator<Item = &'a String> + Clone + 'a,
{
    std::fmt::from_fn(move |out| {
        for (i, s) in items.clone().into_iter().enumerate() {
            write!(out, "{}{}", if i == 0 { "" } else { ", " }, lit(s))?;
        }
        Ok(())
    })
}

/// `crate::generated::<module>::<Name>`, or `::easemob_runtime::<Name>` for
/// the framing the runtime owns.
pub fn named_path(api: &Api, name: &str) -> String {
    let def = api.find_type(name).expect("resolved");
    let module = match &def.home {
        Home::Runtime => return format!("::easemob_runtime::{name}"),
        Home::Area(area) => &api.areas.iter().find(|a| a.name == *area).expect("a type's home area exists").rust.module,
        Home::Callbacks => &api.callbacks.as_ref().expect("a callbacks type's module exists").rust.module,
        Home::Common => &api.rust.common_module,
    };
    format!("crate::generated::{module}::{name}")
}

/// The argument type a caller passes for an input of type `ty`, and how an
/// expression of that type becomes the stored value.
pub struct Input {
    pub arg: String,
    shape: Shape,
    /// The items are converted with `Into`.
    into: bool,
}

enum Shape {
    Scalar,
    List,
    Map,
}

impl Input {
    /// Whether the argument is stored as it is.
    pub fn is_identity(&self) -> bool {
        matches!(self.shape, Shape::Scalar) && !self.into
    }

    /// The stored value made from the expression `expr`.
    pub fn convert(&self, expr: &str) -> String {
        match (&self.shape, self.into) {
            (Shape::Scalar, false) => expr.to_owned(),
            (Shape::Scalar, true) => format!("{expr}.into()"),
            (Shape::List, false) => format!("{expr}.into_iter().collect()"),
            (Shape::List, true) => format!("{expr}.into_iter().map(::std::convert::Into::into).collect()"),
            (Shape::Map, false) => format!("{expr}.into_iter().map(|(k, v)| (k.into(), v)).collect()"),
            (Shape::Map, true) => format!("{expr}.into_iter().map(|(k, v)| (k.into(), v.into())).collect()"),
        }
    }
}

pub fn input(api: &Api, ty: &Ty) -> Input {
    let (arg, shape, into) = match ty {
        Ty::List(t) | Ty::OneOrMany(t) => {
            let (item, into) = element(api, t);
            (format!("impl ::std::iter::IntoIterator<Item = {item}>"), Shape::List, into)
        }
        Ty::Map(t) => {
            let (item, into) = element(api, t);
            (
                format!(
                    "impl ::std::iter::IntoIterator<Item = (impl ::std::convert::Into<::std::string::String>, {item})>"
                ),
                Shape::Map,
                into,
            )
        }
        t => {
            let (arg, into) = element(api, t);
            (arg, Shape::Scalar, into)
        }
    };
    Input { arg, shape, into }
}

/// Argument type for one scalar value, and whether it converts with `Into`.
fn element(api: &Api, ty: &Ty) -> (String, bool) {
    match ty {
        Ty::String => ("impl ::std::convert::Into<::std::string::String>".into(), true),
        Ty::Secret => ("impl ::std::convert::Into<::easemob_runtime::Secret>".into(), true),
        // Unix milliseconds as an `i64`, a `SystemTime` or a `Timestamp`.
        Ty::Timestamp => ("impl ::std::convert::Into<::easemob_runtime::Timestamp>".into(), true),
        Ty::Named(n) if matches!(api.named_kind(n), NamedKind::Id | NamedKind::Enum) => {
            (format!("impl ::std::convert::Into<{}>", named_path(api, n)), true)
        }
        t => (rust_ty(api, t), false),
    }
}

/// How a field of a response type is decoded.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Decode {
    /// Payload fields: scalars accept their string forms; objects must match.
    Lenient,
    /// Envelope and error-body fields: anything unexpected becomes `None`.
    Tolerant,
}

fn is_lenient_scalar(ty: &Ty) -> bool {
    matches!(ty, Ty::String | Ty::Integer | Ty::Boolean | Ty::Timestamp)
}

/// `::easemob_runtime::__private::time::<item>::<Unit>`: a seed reading a
/// mute length in `unit`.
fn mute_path(unit: MuteUnit, item: &str) -> String {
    format!(
        "::easemob_runtime::__private::time::{item}::<::easemob_runtime::__private::time::{}>",
        unit.runtime_marker()
    )
}

/// The serde helper function `item` for a mute length in `unit`, as a serde
/// attribute names it (the serializer or deserializer type is inferred).
fn mute_fn(unit: MuteUnit, item: &str) -> String {
    format!(
        "::easemob_runtime::__private::time::{item}::<::easemob_runtime::__private::time::{}, _>",
        unit.runtime_marker()
    )
}

/// The helper of the runtime's `de` module a field is decoded with, if any:
/// the function a serde derive names, and the seed a generated impl uses.
struct Helper {
    function: &'static str,
    seed: &'static str,
}

fn decode_helper(field: &Field, decode: Decode) -> Option<Helper> {
    let (function, seed) = match (decode, field.required, &field.ty) {
        (Decode::Tolerant, _, t) if is_lenient_scalar(t) => ("tolerant_lenient", "TolerantLenientSeed"),
        (Decode::Tolerant, _, _) => ("tolerant", "TolerantSeed"),
        (Decode::Lenient, true, t) if is_lenient_scalar(t) => ("lenient", "LenientSeed"),
        (Decode::Lenient, false, t) if is_lenient_scalar(t) => ("opt_lenient", "OptLenientSeed"),
        (Decode::Lenient, true, Ty::OneOrMany(_)) => ("one_or_many", "OneOrManySeed"),
        (Decode::Lenient, false, Ty::OneOrMany(_)) => ("opt_one_or_many", "OptOneOrManySeed"),
        _ => return None,
    };
    Some(Helper { function, seed })
}

/// Whether a field is stored as its type rather than an `Option` of it
/// (envelope and error-body fields are all options).
fn is_required(field: &Field, decode: Decode) -> bool {
    field.required && decode == Decode::Lenient
}

/// The `#[serde(…)]` line of one struct field, for the derived `Serialize`
/// and, when `derive_de`, the derived `Deserialize`; nothing when it needs
/// no attribute.
fn field_serde_attrs(field: &Field, derive_de: bool, decode: Decode, code: &mut Code) {
    if field.flatten {
        code.line("#[serde(flatten)]");
        return;
    }
    let mut items = String::new();
    let mut item = |args: std::fmt::Arguments| {
        if !items.is_empty() {
            items.push_str(", ");
        }
        let _ = items.write_fmt(args);
    };
    if field.rust != field.wire {
        item(format_args!("rename = {}", lit(&field.wire)));
    }
    let optional = !is_required(field, decode);
    if let Ty::MuteDuration(unit) = field.ty {
        let ser = mute_fn(unit, if optional { "serialize_opt" } else { "serialize" });
        item(format_args!("serialize_with = {}", lit(&ser)));
        if derive_de {
            let de = mute_fn(unit, if optional { "deserialize_opt" } else { "deserialize" });
            item(format_args!("deserialize_with = {}", lit(&de)));
        }
    }
    if derive_de {
        for a in &field.aliases {
            item(format_args!("alias = {}", lit(a)));
        }
        if !field.required || decode == Decode::Tolerant {
            item(format_args!("default"));
        }
        if let Some(h) = decode_helper(field, decode) {
            item(format_args!("deserialize_with = \"::easemob_runtime::__private::de::{}\"", h.function));
        }
    }
    // Absent optional fields are left out, so what is written reads back
    // as the same value (and a request omits what the caller did not set).
    if optional {
        item(format_args!("skip_serializing_if = \"::std::option::Option::is_none\""));
    }
    if !items.is_empty() {
        code.line(format_args!("#[serde({items})]"));
    }
}

/// The stored type of a struct field (`Option<T>` unless required).
pub fn field_ty(api: &Api, field: &Field, decode: Decode) -> String {
    let t = rust_ty(api, &field.ty);
    if is_required(field, decode) { t } else { format!("::std::option::Option<{t}>") }
}

/// Writes a struct with the given fields, each item compiled only under
/// `feature` if there is one. Every struct both serialises and
/// deserialises, so callers can store, forward and rebuild any value they
/// send or receive: `Serialize` is derived (it is generic and compiled only
/// where used), `Deserialize` is written out (see `deserialize_impl`) unless
/// a field is flattened, which only the derive knows how to read.
pub fn struct_def(
    api: &Api,
    name: &str,
    doc: &str,
    fields: &[Field],
    decode: Decode,
    feature: Option<&str>,
    code: &mut Code,
) {
    let derive_de = fields.iter().any(|f| f.flatten);
    code.doc(doc).cfg(feature);
    if derive_de {
        code.line("#[derive(Debug, Clone, PartialEq, ::serde::Deserialize, ::serde::Serialize)]");
    } else {
        code.line("#[derive(Debug, Clone, PartialEq, ::serde::Serialize)]");
    }
    // A struct whose fields are all optional (envelope metadata always is)
    // can start from `Default` as well as `new()`.
    if fields.iter().all(|f| !is_required(f, decode)) {
        code.line("#[derive(Default)]");
    }
    code.line("#[non_exhaustive]");
    code.open(format_args!("pub struct {name}"));
    for f in fields {
        code.doc(&field_doc(f));
        field_serde_attrs(f, derive_de, decode, code);
        code.line(format_args!("pub {}: {},", f.rust, field_ty(api, f, decode)));
    }
    code.close("");
    if !derive_de {
        code.blank();
        deserialize_impl(api, name, fields, decode, feature, code);
    }
    code.blank();
    struct_builder(api, name, fields, decode, feature, code);
}

/// The `Deserialize` impl of a struct, written out rather than derived: it
/// reads a JSON object only (no struct-as-array form), names keys through
/// one shared seed and a lookup function of the struct's own (not generic,
/// so compiled once), and reads each field through a function shared by every
/// field of the same type and helper and never inlined, so a struct costs
/// one small `visit_map` per deserializer (see the runtime's `structs`
/// module). Unknown keys are skipped; a key twice and a missing
/// required field are errors worded as the derive words them.
fn deserialize_impl(api: &Api, name: &str, fields: &[Field], decode: Decode, feature: Option<&str>, code: &mut Code) {
    code.cfg(feature);
    code.open(format_args!("impl<'de> ::serde::Deserialize<'de> for {name}"));
    code.open("fn deserialize<__D: ::serde::Deserializer<'de>>(__d: __D) -> ::std::result::Result<Self, __D::Error>");
    code.line("struct __Visitor;");
    code.open("impl<'de> ::serde::de::Visitor<'de> for __Visitor");
    code.line(format_args!("type Value = {name};"));
    code.blank();
    code.open("fn expecting(&self, __f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result");
    code.line(format_args!("__f.write_str({})", lit(&format!("struct {name}"))));
    code.close("");
    code.blank();
    code.open(format_args!(
        "fn visit_map<__A: ::serde::de::MapAccess<'de>>(self, mut __map: __A) -> ::std::result::Result<{name}, __A::Error>"
    ));
    code.line("use ::easemob_runtime::__private::structs as __s;");
    for i in 0..fields.len() {
        code.line(format_args!("let mut __f{i} = ::std::option::Option::None;"));
    }
    // The struct's key lookup: a function of its own, not generic, so it is
    // compiled once whatever the deserializer (see the runtime's
    // `structs::Key`). Every name a field is read by (its wire name, then
    // its aliases) gives the field's index.
    code.open("fn __field(__k: &str) -> usize");
    code.open("match __k");
    for (i, f) in fields.iter().enumerate() {
        let names: Vec<String> = std::iter::once(&f.wire).chain(&f.aliases).map(|k| lit(k)).collect();
        let arm = format!("{} => {i}usize,", names.join(" | "));
        if code.indent_width() + arm.len() <= MAX_WIDTH {
            code.line(arm);
        } else {
            // As rustfmt breaks a long pattern: one name a line.
            for (n, name) in names.iter().enumerate() {
                let lead = if n == 0 { "" } else { "| " };
                let tail = if n + 1 == names.len() { format!(" => {i}usize,") } else { String::new() };
                code.line(format_args!("{lead}{name}{tail}"));
            }
        }
    }
    code.line("_ => __s::UNKNOWN,");
    code.close("");
    code.close("");
    code.open("while let ::std::option::Option::Some(__k) = __s::key(&mut __map, __field)?");
    code.open("match __k");
    for (i, f) in fields.iter().enumerate() {
        let index = format!("{i}usize");
        let wire = lit(&f.wire);
        // Each arm is one call that checks the slot is empty, reads the
        // value and stores it (see the runtime's `structs::seeded`).
        let (function, args) = if let Ty::MuteDuration(unit) = f.ty {
            let seed = mute_path(unit, if is_required(f, decode) { "MuteSeed" } else { "OptMuteSeed" });
            ("seeded".to_owned(), vec![format!("{seed}::NEW")])
        } else if let Some(h) = decode_helper(f, decode) {
            let t = match &f.ty {
                Ty::OneOrMany(item) => rust_ty(api, item),
                t => rust_ty(api, t),
            };
            ("seeded".to_owned(), vec![format!("__s::{}::<{t}>::NEW", h.seed)])
        } else {
            (format!("value::<__A, {}>", field_ty(api, f, decode)), vec![])
        };
        let args: Vec<String> =
            ["&mut __map".to_owned(), format!("&mut __f{i}"), wire].into_iter().chain(args).collect();
        let call = format!("__s::{function}({})?", args.join(", "));
        // Laid out as rustfmt lays out a match arm: on the pattern's line if
        // it fits, else in a block on the next, else one argument a line.
        if code.indent_width() + index.len() + call.len() + 5 <= MAX_WIDTH {
            code.line(format_args!("{index} => {call},"));
        } else if code.indent_width() + 4 + call.len() <= MAX_WIDTH {
            code.open(format_args!("{index} =>"));
            code.line(&call);
            code.close("");
        } else {
            code.line(format_args!("{index} => __s::{function}("));
            for a in &args {
                code.line(format_args!("    {a},"));
            }
            code.line(")?,");
        }
    }
    code.line("_ => __s::skip(&mut __map)?,");
    code.close("");
    code.close("");
    code.open(format_args!("::std::result::Result::Ok({name}"));
    for (i, f) in fields.iter().enumerate() {
        if is_required(f, decode) {
            code.open(format_args!("{}: match __f{i}", f.rust));
            code.line("::std::option::Option::Some(v) => v,");
            code.line(format_args!(
                "::std::option::Option::None => return ::std::result::Result::Err(__s::missing({})),",
                lit(&f.wire)
            ));
            code.close(",");
        } else {
            code.line(format_args!("{}: __f{i}.unwrap_or_default(),", f.rust));
        }
    }
    code.close(")");
    code.close("");
    code.close("");
    code.blank();
    code.line("__d.deserialize_map(__Visitor)");
    code.close("");
    code.close("");
}

/// `new(required…)` plus one setter per optional field. Input types need it
/// to be sent; answer types get it too, so callers can build the values a
/// call returns (test fixtures, fakes) although the structs are
/// `#[non_exhaustive]`. A constructor rather than `Default` for all: a value
/// without a field the server always sends cannot be built by mistake.
fn struct_builder(api: &Api, name: &str, fields: &[Field], decode: Decode, feature: Option<&str>, code: &mut Code) {
    let inputs: Vec<Input> = fields.iter().map(|f| input(api, &f.ty)).collect();
    let required = || fields.iter().zip(&inputs).filter(|(f, _)| is_required(f, decode));
    let new = &api.rust.new_fn;
    code.cfg(feature);
    code.open(format_args!("impl {name}"));
    code.doc(&format!("Creates a `{name}` from its required fields; set the others with the methods below."));
    // `#[inline]` on the constructor and setters, here and on the request
    // builders: each is a store or two, and an inline function is compiled
    // only in the crates that call it, so a build of this crate does not
    // compile the thousands of setters an application never calls.
    code.line("#[inline]");
    let arg_chars: usize = required().map(|(f, inp)| f.rust.len() + inp.arg.len() + 4).sum();
    if arg_chars <= 80 {
        let args = std::fmt::from_fn(|out| {
            for (i, (f, inp)) in required().enumerate() {
                write!(out, "{}{}: {}", if i == 0 { "" } else { ", " }, f.rust, inp.arg)?;
            }
            Ok(())
        });
        code.open(format_args!("pub fn {new}({args}) -> Self"));
    } else {
        code.line(format_args!("pub fn {new}("));
        for (f, inp) in required() {
            code.line(format_args!("    {}: {},", f.rust, inp.arg));
        }
        code.open(") -> Self");
    }
    code.open("Self");
    for (f, inp) in fields.iter().zip(&inputs) {
        let n = &f.rust;
        if !is_required(f, decode) {
            code.line(format_args!("{n}: ::std::option::Option::None,"));
        } else if inp.is_identity() {
            code.line(format_args!("{n},"));
        } else {
            code.line(format_args!("{n}: {},", inp.convert(n)));
        }
    }
    code.close("");
    code.close("");
    for (f, inp) in fields.iter().zip(&inputs).filter(|(f, _)| !is_required(f, decode)) {
        let n = &f.rust;
        code.blank();
        code.doc(&format!("Sets `{}`: {}", f.wire, f.doc));
        code.line("#[inline]");
        code.open(format_args!("pub fn {n}(mut self, value: {}) -> Self", inp.arg));
        code.line(format_args!("self.{n} = ::std::option::Option::Some({});", inp.convert("value")));
        code.line("self");
        code.close("");
    }
    code.close("");
}

/// A field's doc line, with its server default and limits.
pub fn field_doc(f: &Field) -> String {
    let mut s = f.doc.clone();
    if let Some(d) = &f.default {
        s.push_str(&format!(" Server default: `{d}`."));
    }
    let limits = limits_text(&f.limits);
    if !limits.is_empty() {
        s.push_str(&format!(" Limits: {limits}."));
    }
    s
}

/// The limits as a reader-facing phrase ("at most 60 items").
pub fn limits_text(l: &Limits) -> String {
    let mut parts = Vec::new();
    match (l.min, l.max) {
        (Some(a), Some(b)) => parts.push(format!("{a} to {b}")),
        (Some(a), None) => parts.push(format!("at least {a}")),
        (None, Some(b)) => parts.push(format!("at most {b}")),
        _ => {}
    }
    if let Some(n) = l.max_length {
        parts.push(format!("at most {n} characters"));
    }
    match (l.min_items, l.max_items) {
        (Some(a), Some(b)) => parts.push(format!("{a} to {b} items")),
        (Some(a), None) => parts.push(format!("at least {a} item(s)")),
        (None, Some(b)) => parts.push(format!("at most {b} items")),
        _ => {}
    }
    if let Some(n) = l.key_max_length {
        parts.push(format!("keys of at most {n} characters"));
    }
    if let Some(c) = &l.key_chars {
        parts.push(format!("keys of `[{}]`", c.text));
    }
    if let Some(n) = l.value_max_length {
        parts.push(format!("values of at most {n} characters"));
    }
    parts.join(", ")
}

/// Writes one named type from the spec: its definition and impls, each item
/// compiled only under `feature` if there is one (after the item's docs,
/// where a reader looks for it).
pub fn type_def(api: &Api, t: &TypeDef, feature: Option<&str>, code: &mut Code) {
    let name = &t.name;
    match &t.kind {
        TypeKind::Id => {
            code.cfg(feature);
            code.open("::easemob_runtime::__private::id_type!");
            code.doc(&t.doc);
            code.line(name);
            code.close("");
        }
        TypeKind::Struct(fields) => struct_def(api, name, &t.doc, fields, Decode::Lenient, feature, code),
        TypeKind::Enum(values) => string_enum(api, t, values, feature, code),
        TypeKind::TaggedUnion { tag, content, variants } => {
            tagged_union(api, t, tag, content.as_deref(), variants, feature, code)
        }
        TypeKind::KeyedUnion(variants) => keyed_union(api, t, variants, feature, code),
    }
}

/// A string enum: one variant per spec value, plus one keeping any other.
fn string_enum(api: &Api, t: &TypeDef, values: &[EnumValue], feature: Option<&str>, code: &mut Code) {
    let name = &t.name;
    let unknown = &api.rust.unknown_variant;
    code.doc(&t.doc).cfg(feature);
    code.line("#[derive(Debug, Clone, PartialEq, Eq, Hash)]");
    code.line("#[non_exhaustive]");
    code.open(format_args!("pub enum {name}"));
    for v in values {
        let also = if v.aliases.is_empty() {
            String::new()
        } else {
            let a: Vec<String> = v.aliases.iter().map(|a| format!("`{a}`")).collect();
            format!(" Also read from {}; sent and printed as `{}`.", a.join(" and "), v.value)
        };
        code.doc(&format!("`{}`: {}{also}", v.value, v.doc));
        code.line(format_args!("{},", v.rust));
    }
    code.doc(&format!(
        "A value this version of the spec does not know, kept as sent. Match it only\n\
         as `{unknown}(_)`: a value added to the spec later gets a variant of its own."
    ));
    code.line(format_args!("{unknown}(::easemob_runtime::UnknownValue),"));
    code.close("");
    code.blank();
    code.cfg(feature);
    code.open(format_args!("impl {name}"));
    code.line("/// The value as it appears on the wire.");
    code.line("#[inline]");
    code.open("pub fn as_str(&self) -> &str");
    code.open("match self");
    for v in values {
        code.line(format_args!("Self::{} => {},", v.rust, lit(&v.value)));
    }
    code.line(format_args!("Self::{unknown}(v) => v.as_str(),"));
    code.close("");
    code.close("");
    code.close("");
    code.blank();
    code.cfg(feature);
    code.open(format_args!("impl ::std::convert::From<&str> for {name}"));
    code.open("fn from(s: &str) -> Self");
    code.open("match s");
    for v in values {
        let aliases = std::fmt::from_fn(|out| v.aliases.iter().try_for_each(|a| write!(out, " | {}", lit(a))));
        code.line(format_args!("{}{aliases} => Self::{},", lit(&v.value), v.rust));
    }
    code.line(format_args!("other => Self::{unknown}(::easemob_runtime::__private::unknown_value(other)),"));
    code.close("");
    code.close("");
    code.close("");
    code.blank();
    code.cfg(feature);
    code.line(format_args!("::easemob_runtime::__private::string_enum_impls!({name});"));
}

/// The enum of a union: a variant per documented one, each documented by
/// `variant_doc`, and the variant that keeps any other as sent.
fn union_enum(
    api: &Api,
    t: &TypeDef,
    variants: &[Variant],
    feature: Option<&str>,
    variant_doc: impl Fn(&Variant) -> String,
    other_doc: &str,
    code: &mut Code,
) {
    let other = &api.rust.other_variant;
    code.doc(&t.doc).cfg(feature);
    code.line("#[derive(Debug, Clone, PartialEq)]");
    code.line("#[non_exhaustive]");
    code.open(format_args!("pub enum {}", t.name));
    for v in variants {
        code.doc(&variant_doc(v));
        code.line(format_args!("{}({}),", v.rust, rust_ty(api, &v.ty)));
    }
    code.doc(other_doc);
    code.line(format_args!("{other}(::easemob_runtime::UnknownVariant),"));
    code.close("");
}

/// A union told apart by a tag field, its value either beside the tag
/// (internally tagged) or under a `content` key.
fn tagged_union(
    api: &Api,
    t: &TypeDef,
    tag: &str,
    content: Option<&str>,
    variants: &[Variant],
    feature: Option<&str>,
    code: &mut Code,
) {
    let name = &t.name;
    let other = &api.rust.other_variant;
    let tag_lit = lit(tag);
    union_enum(
        api,
        t,
        variants,
        feature,
        |v| format!("`\"{tag}\": \"{}\"`: {}", v.key, v.doc),
        &format!(
            "A `{tag}` this version of the spec does not know, kept as sent. Match it only as `{other}(_)`: \
             a variant added to the spec later gets a variant of its own."
        ),
        code,
    );
    code.blank();
    code.cfg(feature);
    code.open(format_args!("impl ::serde::Serialize for {name}"));
    code.open("fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error>");
    match content {
        None => {
            code.open("match self");
            for v in variants {
                code.line(format_args!(
                    "Self::{}(v) => ::easemob_runtime::__private::de::serialize_internally_tagged(s, {tag_lit}, {}, v),",
                    v.rust,
                    lit(&v.key)
                ));
            }
            code.line(format_args!(
                "Self::{other}(u) => ::easemob_runtime::__private::de::serialize_internally_tagged(s, {tag_lit}, u.key(), u.value()),"
            ));
            code.close("");
        }
        Some(content) => {
            let content_lit = lit(content);
            code.line("use ::serde::ser::SerializeMap as _;");
            code.line("let mut m = s.serialize_map(::std::option::Option::Some(2))?;");
            code.open("match self");
            for v in variants {
                code.open(format_args!("Self::{}(v) =>", v.rust));
                code.line(format_args!("m.serialize_entry({tag_lit}, {})?;", lit(&v.key)));
                code.line(format_args!("m.serialize_entry({content_lit}, v)?;"));
                code.close("");
            }
            code.open(format_args!("Self::{other}(u) =>"));
            code.line(format_args!("m.serialize_entry({tag_lit}, u.key())?;"));
            code.line(format_args!("m.serialize_entry({content_lit}, u.value())?;"));
            code.close("");
            code.close("");
            code.line("m.end()");
        }
    }
    code.close("");
    code.close("");
    code.blank();
    code.cfg(feature);
    code.open(format_args!("impl<'de> ::serde::Deserialize<'de> for {name}"));
    code.open("fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error>");
    match content {
        Some(content) => code.line(format_args!(
            "let (key, value) = ::easemob_runtime::__private::de::tagged(d, {tag_lit}, {})?;",
            lit(content)
        )),
        None => code.line(format_args!(
            "let (key, value) = ::easemob_runtime::__private::de::internally_tagged(d, {tag_lit})?;"
        )),
    };
    code.open("match key.as_str()");
    for v in variants {
        code.line(format_args!(
            "{} => ::easemob_runtime::__private::de::from_value(value).map(Self::{}),",
            lit(&v.key),
            v.rust
        ));
    }
    code.line(format_args!(
        "_ => ::std::result::Result::Ok(Self::{other}(::easemob_runtime::__private::unknown_variant(key, value))),"
    ));
    code.close("");
    code.close("");
    code.close("");
}

/// A union written as an object with a single key naming the variant.
fn keyed_union(api: &Api, t: &TypeDef, variants: &[Variant], feature: Option<&str>, code: &mut Code) {
    let name = &t.name;
    let other = &api.rust.other_variant;
    union_enum(
        api,
        t,
        variants,
        feature,
        |v| format!("`{{\"{}\": …}}`: {}", v.key, v.doc),
        &format!(
            "A key this version of the spec does not know, kept as sent. Match it only as\n\
             `{other}(_)`: a key added to the spec later gets a variant of its own."
        ),
        code,
    );
    code.blank();
    code.cfg(feature);
    code.open(format_args!("impl ::easemob_runtime::__private::de::KeyedUnion for {name}"));
    let keys = lits(variants.iter().map(|v| &v.key));
    code.line(format_args!("const KEYS: &'static [&'static str] = &[{keys}];"));
    code.blank();
    // Inlined into the runtime's decoder, so that the index of a known key
    // is a constant there and the value is decoded without a call per step.
    code.line("#[inline]");
    code.open("fn index(key: &str) -> ::std::option::Option<usize>");
    code.open("match key");
    for (i, v) in variants.iter().enumerate() {
        code.line(format_args!("{} => ::std::option::Option::Some({i}usize),", lit(&v.key)));
    }
    code.line("_ => ::std::option::Option::None,");
    code.close("");
    code.close("");
    code.blank();
    code.line("#[inline]");
    code.open(
        "fn known<'de, A: ::serde::de::MapAccess<'de>>(index: usize, map: &mut A) -> ::std::result::Result<Self, A::Error>",
    );
    code.open("match index");
    for (i, v) in variants.iter().enumerate() {
        code.line(format_args!("{i}usize => map.next_value().map(Self::{}),", v.rust));
    }
    code.line("_ => ::std::result::Result::Err(::serde::de::Error::custom(\"no variant has this index\")),");
    code.close("");
    code.close("");
    code.blank();
    code.open("fn unknown(variant: ::easemob_runtime::UnknownVariant) -> Self");
    code.line(format_args!("Self::{other}(variant)"));
    code.close("");
    code.close("");
    code.blank();
    code.cfg(feature);
    code.open(format_args!("impl<'de> ::serde::Deserialize<'de> for {name}"));
    code.line("#[inline]");
    code.open("fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error>");
    code.line("::easemob_runtime::__private::de::single_key(d)");
    code.close("");
    code.close("");
    code.blank();
    code.cfg(feature);
    code.open(format_args!("impl ::serde::Serialize for {name}"));
    code.open("fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error>");
    code.open("match self");
    for v in variants {
        code.line(format_args!(
            "Self::{}(v) => ::easemob_runtime::__private::de::serialize_single_key(s, {}, v),",
            v.rust,
            lit(&v.key)
        ));
    }
    code.line(format_args!(
        "Self::{other}(u) => ::easemob_runtime::__private::de::serialize_single_key(s, u.key(), u.value()),"
    ));
    code.close("");
    code.close("");
    code.close("");
}

//! Rust type expressions, conversions and named-type definitions.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_attrs, macro_doc_attrs};
use crate::model::*;

/// The Rust type a spec type is stored and returned as.
pub fn rust_ty_text(api: &Api, ty: &Ty) -> String {
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
        Ty::List(t) | Ty::OneOrMany(t) => format!("::std::vec::Vec<{}>", rust_ty_text(api, t)),
        Ty::Map(t) => format!("::std::collections::BTreeMap<::std::string::String, {}>", rust_ty_text(api, t)),
        Ty::Named(n) => named_path_text(api, n),
    }
}

/// [`rust_ty_text`] as tokens, for the emitters still written with quote.
pub fn rust_ty(api: &Api, ty: &Ty) -> TokenStream {
    tokens(&rust_ty_text(api, ty))
}

/// Text the generator wrote, as tokens (a bridge while emitters move to text).
pub(crate) fn tokens(text: &str) -> TokenStream {
    text.parse().unwrap_or_else(|e| panic!("generated text does not lex: {e}\n{text}"))
}

/// `crate::generated::<module>::<Name>`, or `::easemob_runtime::<Name>` for
/// the framing the runtime owns.
pub fn named_path_text(api: &Api, name: &str) -> String {
    let def = api.find_type(name).expect("resolved");
    let module = match &def.home {
        Home::Runtime => return format!("::easemob_runtime::{name}"),
        Home::Area(area) => &api.areas.iter().find(|a| a.name == *area).expect("a type's home area exists").rust.module,
        Home::Callbacks => &api.callbacks.as_ref().expect("a callbacks type's module exists").rust.module,
        Home::Common => &api.rust.common_module,
    };
    format!("crate::generated::{module}::{name}")
}

/// [`named_path_text`] as tokens.
pub fn named_path(api: &Api, name: &str) -> TokenStream {
    tokens(&named_path_text(api, name))
}

/// The argument type a caller passes for an input of type `ty`, and how an
/// expression of that type becomes the stored value.
pub struct Input {
    pub arg: TokenStream,
    /// The same as text.
    #[allow(dead_code)] // MIGRATION: read once ops.rs writes text
    pub arg_text: String,
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

    /// The stored value made from `expr`.
    pub fn convert(&self, expr: TokenStream) -> TokenStream {
        tokens(&self.convert_text(&expr.to_string()))
    }

    /// The stored value made from the expression `expr`.
    pub fn convert_text(&self, expr: &str) -> String {
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
    let (arg_text, shape, into) = match ty {
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
    Input { arg: tokens(&arg_text), arg_text, shape, into }
}

/// Argument type for one scalar value, and whether it converts with `Into`.
fn element(api: &Api, ty: &Ty) -> (String, bool) {
    match ty {
        Ty::String => ("impl ::std::convert::Into<::std::string::String>".into(), true),
        Ty::Secret => ("impl ::std::convert::Into<::easemob_runtime::Secret>".into(), true),
        // Unix milliseconds as an `i64`, a `SystemTime` or a `Timestamp`.
        Ty::Timestamp => ("impl ::std::convert::Into<::easemob_runtime::Timestamp>".into(), true),
        Ty::Named(n) if matches!(api.named_kind(n), NamedKind::Id | NamedKind::Enum) => {
            (format!("impl ::std::convert::Into<{}>", named_path_text(api, n)), true)
        }
        t => (rust_ty_text(api, t), false),
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

/// The serde attributes of one struct field, for the derived `Serialize`
/// and, when `derive_de`, the derived `Deserialize`.
fn field_serde_attrs(field: &Field, derive_de: bool, decode: Decode) -> TokenStream {
    let mut items: Vec<TokenStream> = Vec::new();
    if field.flatten {
        return quote!(#[serde(flatten)]);
    }
    if field.rust != field.wire {
        let wire = &field.wire;
        items.push(quote!(rename = #wire));
    }
    let optional = !(field.required && decode == Decode::Lenient);
    if let Ty::MuteDuration(unit) = field.ty {
        let ser = mute_fn(unit, if optional { "serialize_opt" } else { "serialize" });
        items.push(quote!(serialize_with = #ser));
        if derive_de {
            let de = mute_fn(unit, if optional { "deserialize_opt" } else { "deserialize" });
            items.push(quote!(deserialize_with = #de));
        }
    }
    if derive_de {
        items.extend(field.aliases.iter().map(|a| quote!(alias = #a)));
        let helper = decode_helper(field, decode).map(|h| h.function);
        if !field.required || decode == Decode::Tolerant {
            items.push(quote!(default));
        }
        if let Some(h) = helper {
            let path = format!("::easemob_runtime::__private::de::{h}");
            items.push(quote!(deserialize_with = #path));
        }
    }
    // Absent optional fields are left out, so what is written reads back
    // as the same value (and a request omits what the caller did not set).
    if optional {
        items.push(quote!(skip_serializing_if = "::std::option::Option::is_none"));
    }
    if items.is_empty() { quote!() } else { quote!(#[serde(#(#items),*)]) }
}

/// The stored type of a struct field (`Option<T>` unless required).
pub fn field_ty(api: &Api, field: &Field, decode: Decode) -> TokenStream {
    let t = rust_ty(api, &field.ty);
    if field.required && decode == Decode::Lenient { t } else { quote!(::std::option::Option<#t>) }
}

/// Emits a struct with the given fields. Every struct both serialises and
/// deserialises, so callers can store, forward and rebuild any value they
/// send or receive: `Serialize` is derived (it is generic and compiled only
/// where used), `Deserialize` is written out (see `deserialize_impl`) unless
/// a field is flattened, which only the derive knows how to read.
pub fn struct_def(api: &Api, name: &str, doc: &str, fields: &[Field], decode: Decode) -> TokenStream {
    let ident = format_ident!("{}", name);
    let docs = doc_attrs(doc);
    let mut derive_list = vec![quote!(Debug), quote!(Clone), quote!(PartialEq)];
    let derive_de = fields.iter().any(|f| f.flatten);
    if derive_de {
        derive_list.push(quote!(::serde::Deserialize));
    }
    derive_list.push(quote!(::serde::Serialize));
    let de_impl = if derive_de { quote!() } else { deserialize_impl(api, &ident, fields, decode) };
    let defs = fields.iter().map(|f| {
        let fname = format_ident!("{}", f.rust);
        let fdoc = doc_attrs(&field_doc(f));
        let attrs = field_serde_attrs(f, derive_de, decode);
        let ty = field_ty(api, f, decode);
        quote! { #fdoc #attrs pub #fname: #ty, }
    });
    // A struct whose fields are all optional (envelope metadata always is)
    // can start from `Default` as well as `new()`.
    let all_optional = fields.iter().all(|f| !(f.required && decode == Decode::Lenient));
    let default_derive = if all_optional { quote!(#[derive(Default)]) } else { quote!() };
    let builder = struct_builder(api, &ident, fields, decode);
    quote! {
        #docs
        #[derive(#(#derive_list),*)]
        #default_derive
        #[non_exhaustive]
        pub struct #ident { #(#defs)* }
        #de_impl
        #builder
    }
}

/// The `Deserialize` impl of a struct, written out rather than derived: it
/// reads a JSON object only (no struct-as-array form), names keys through
/// one shared seed, and reads each field through a function shared by every
/// field of the same type and helper and never inlined, so a struct costs
/// one small `visit_map` per deserializer (see the runtime's `structs`
/// module). Unknown keys are skipped; a key twice and a missing
/// required field are errors worded as the derive words them.
fn deserialize_impl(api: &Api, ident: &proc_macro2::Ident, fields: &[Field], decode: Decode) -> TokenStream {
    let expecting = format!("struct {ident}");
    let mut keys: Vec<&str> = Vec::new();
    let mut arms = Vec::new();
    let slots: Vec<proc_macro2::Ident> = (0..fields.len()).map(|i| format_ident!("__f{i}")).collect();
    for (f, slot) in fields.iter().zip(&slots) {
        let mut indices = Vec::new();
        for name in std::iter::once(&f.wire).chain(&f.aliases) {
            indices.push(keys.len());
            keys.push(name);
        }
        let wire = &f.wire;
        let read = if let Ty::MuteDuration(unit) = f.ty {
            let required = f.required && decode == Decode::Lenient;
            let seed: TokenStream =
                mute_path(unit, if required { "MuteSeed" } else { "OptMuteSeed" }).parse().expect("a path");
            quote!(__s::seeded(&mut __map, #seed::NEW)?)
        } else if let Some(h) = decode_helper(f, decode) {
            let seed = format_ident!("{}", h.seed);
            let t = match &f.ty {
                Ty::OneOrMany(item) => rust_ty(api, item),
                t => rust_ty(api, t),
            };
            quote!(__s::seeded(&mut __map, __s::#seed::<#t>::NEW)?)
        } else {
            let t = field_ty(api, f, decode);
            quote!(__s::value::<__A, #t>(&mut __map)?)
        };
        arms.push(quote! {
            #(#indices)|* => {
                if #slot.is_some() {
                    return ::std::result::Result::Err(__s::duplicate(#wire));
                }
                #slot = ::std::option::Option::Some(#read);
            }
        });
    }
    let inits = fields.iter().zip(&slots).map(|(f, slot)| {
        let n = format_ident!("{}", f.rust);
        let wire = &f.wire;
        if f.required && decode == Decode::Lenient {
            quote!(#n: match #slot {
                ::std::option::Option::Some(v) => v,
                ::std::option::Option::None => return ::std::result::Result::Err(__s::missing(#wire)),
            })
        } else {
            quote!(#n: #slot.unwrap_or_default())
        }
    });
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<__D: ::serde::Deserializer<'de>>(__d: __D) -> ::std::result::Result<Self, __D::Error> {
                struct __Visitor;
                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = #ident;
                    fn expecting(&self, __f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        __f.write_str(#expecting)
                    }
                    fn visit_map<__A: ::serde::de::MapAccess<'de>>(self, mut __map: __A) -> ::std::result::Result<#ident, __A::Error> {
                        use ::easemob_runtime::__private::structs as __s;
                        #(let mut #slots = ::std::option::Option::None;)*
                        while let ::std::option::Option::Some(__k) = __s::key(&mut __map, &[#(#keys),*])? {
                            match __k {
                                #(#arms)*
                                _ => __s::skip(&mut __map)?,
                            }
                        }
                        ::std::result::Result::Ok(#ident { #(#inits),* })
                    }
                }
                __d.deserialize_map(__Visitor)
            }
        }
    }
}

/// `new(required…)` plus one setter per optional field. Input types need it
/// to be sent; answer types get it too, so callers can build the values a
/// call returns (test fixtures, fakes) although the structs are
/// `#[non_exhaustive]`. A constructor rather than `Default` for all: a value
/// without a field the server always sends cannot be built by mistake.
fn struct_builder(api: &Api, ident: &proc_macro2::Ident, fields: &[Field], decode: Decode) -> TokenStream {
    // Envelope and error-body fields are all stored as options.
    let is_required = |f: &Field| f.required && decode == Decode::Lenient;
    let required: Vec<&Field> = fields.iter().filter(|f| is_required(f)).collect();
    let args = required.iter().map(|f| {
        let n = format_ident!("{}", f.rust);
        let arg = input(api, &f.ty).arg;
        quote!(#n: #arg)
    });
    let inits = fields.iter().map(|f| {
        let n = format_ident!("{}", f.rust);
        let inp = input(api, &f.ty);
        if is_required(f) && inp.is_identity() {
            quote!(#n)
        } else if is_required(f) {
            let value = inp.convert(quote!(#n));
            quote!(#n: #value)
        } else {
            quote!(#n: ::std::option::Option::None)
        }
    });
    let setters = fields.iter().filter(|f| !is_required(f)).map(|f| {
        let n = format_ident!("{}", f.rust);
        let inp = input(api, &f.ty);
        let arg = &inp.arg;
        let value = inp.convert(quote!(value));
        let doc = doc_attrs(&format!("Sets `{}`: {}", f.wire, f.doc));
        quote! {
            #doc
            pub fn #n(mut self, value: #arg) -> Self { self.#n = ::std::option::Option::Some(#value); self }
        }
    });
    let new_doc =
        doc_attrs(&format!("Creates a `{ident}` from its required fields; set the others with the methods below."));
    let new = format_ident!("{}", api.rust.new_fn);
    quote! {
        impl #ident {
            #new_doc
            pub fn #new(#(#args),*) -> Self { Self { #(#inits),* } }
            #(#setters)*
        }
    }
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

/// One named type from the spec.
pub fn type_def(api: &Api, t: &TypeDef) -> TokenStream {
    let ident = format_ident!("{}", t.name);
    let docs = doc_attrs(&t.doc);
    match &t.kind {
        TypeKind::Id => {
            let docs = macro_doc_attrs(&t.doc);
            quote! {
                ::easemob_runtime::__private::id_type! { #docs #ident }
            }
        }
        TypeKind::Struct(fields) => struct_def(api, &t.name, &t.doc, fields, Decode::Lenient),
        TypeKind::Enum(values) => {
            let variants = values.iter().map(|v| {
                let also = if v.aliases.is_empty() {
                    String::new()
                } else {
                    let a: Vec<String> = v.aliases.iter().map(|a| format!("`{a}`")).collect();
                    format!(" Also read from {}; sent and printed as `{}`.", a.join(" and "), v.value)
                };
                let d = doc_attrs(&format!("`{}`: {}{also}", v.value, v.doc));
                let r = format_ident!("{}", v.rust);
                quote!(#d #r,)
            });
            let to_str = values.iter().map(|v| {
                let r = format_ident!("{}", v.rust);
                let s = &v.value;
                quote!(Self::#r => #s,)
            });
            let from_str = values.iter().map(|v| {
                let r = format_ident!("{}", v.rust);
                let s = &v.value;
                let aliases = &v.aliases;
                quote!(#s #(| #aliases)* => Self::#r,)
            });
            let unknown = format_ident!("{}", api.rust.unknown_variant);
            let unknown_doc = doc_attrs(&format!(
                "A value this version of the spec does not know, kept as sent. Match it only\n\
                 as `{unknown}(_)`: a value added to the spec later gets a variant of its own."
            ));
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum #ident {
                    #(#variants)*
                    #unknown_doc
                    #unknown(::easemob_runtime::UnknownValue),
                }
                impl #ident {
                    /// The value as it appears on the wire.
                    pub fn as_str(&self) -> &str {
                        match self { #(#to_str)* Self::#unknown(v) => v.as_str() }
                    }
                }
                impl ::std::convert::From<&str> for #ident {
                    fn from(s: &str) -> Self {
                        match s { #(#from_str)* other => Self::#unknown(::easemob_runtime::__private::unknown_value(other)) }
                    }
                }
                ::easemob_runtime::__private::string_enum_impls!(#ident);
            }
        }
        TypeKind::TaggedUnion { tag, content, variants } => {
            let other = format_ident!("{}", api.rust.other_variant);
            let defs = variants.iter().map(|v| {
                let d = doc_attrs(&format!("`\"{tag}\": \"{}\"`: {}", v.key, v.doc));
                let r = format_ident!("{}", v.rust);
                let ty = rust_ty(api, &v.ty);
                quote!(#d #r(#ty),)
            });
            let ser_arms = variants.iter().map(|v| {
                let r = format_ident!("{}", v.rust);
                let k = &v.key;
                match content {
                    Some(content) => quote!(Self::#r(v) => { m.serialize_entry(#tag, #k)?; m.serialize_entry(#content, v)?; }),
                    None => quote!(Self::#r(v) => ::easemob_runtime::__private::de::serialize_internally_tagged(s, #tag, #k, v),),
                }
            });
            let de_arms = variants.iter().map(|v| {
                let r = format_ident!("{}", v.rust);
                let k = &v.key;
                quote!(#k => ::easemob_runtime::__private::de::from_value(value).map(Self::#r),)
            });
            let other_doc = doc_attrs(&format!(
                "A `{tag}` this version of the spec does not know, kept as sent. Match it only as `{other}(_)`: \
                 a variant added to the spec later gets a variant of its own."
            ));
            let ser = match content {
                None => quote! {
                    impl ::serde::Serialize for #ident {
                        fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                            match self {
                                #(#ser_arms)*
                                Self::#other(u) => ::easemob_runtime::__private::de::serialize_internally_tagged(s, #tag, u.key(), u.value()),
                            }
                        }
                    }
                },
                Some(content) => quote! {
                    impl ::serde::Serialize for #ident {
                        fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                            use ::serde::ser::SerializeMap as _;
                            let mut m = s.serialize_map(::std::option::Option::Some(2))?;
                            match self {
                                #(#ser_arms)*
                                Self::#other(u) => { m.serialize_entry(#tag, u.key())?; m.serialize_entry(#content, u.value())?; }
                            }
                            m.end()
                        }
                    }
                },
            };
            let split = match content {
                Some(content) => quote!(::easemob_runtime::__private::de::tagged(d, #tag, #content)?),
                None => quote!(::easemob_runtime::__private::de::internally_tagged(d, #tag)?),
            };
            let de = quote! {
                    impl<'de> ::serde::Deserialize<'de> for #ident {
                        fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                            let (key, value) = #split;
                            match key.as_str() {
                                #(#de_arms)*
                                _ => ::std::result::Result::Ok(Self::#other(::easemob_runtime::__private::unknown_variant(key, value))),
                            }
                        }
                    }
            };
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq)]
                #[non_exhaustive]
                pub enum #ident {
                    #(#defs)*
                    #other_doc
                    #other(::easemob_runtime::UnknownVariant),
                }
                #ser
                #de
            }
        }
        TypeKind::KeyedUnion(variants) => {
            let other = format_ident!("{}", api.rust.other_variant);
            let other_doc = doc_attrs(&format!(
                "A key this version of the spec does not know, kept as sent. Match it only as\n\
                 `{other}(_)`: a key added to the spec later gets a variant of its own."
            ));
            let defs = variants.iter().map(|v| {
                let d = doc_attrs(&format!("`{{\"{}\": …}}`: {}", v.key, v.doc));
                let r = format_ident!("{}", v.rust);
                let ty = rust_ty(api, &v.ty);
                quote!(#d #r(#ty),)
            });
            let keys = variants.iter().map(|v| &v.key);
            let arms = variants.iter().enumerate().map(|(i, v)| {
                let r = format_ident!("{}", v.rust);
                quote!(#i => map.next_value().map(Self::#r),)
            });
            let ser_arms = variants.iter().map(|v| {
                let r = format_ident!("{}", v.rust);
                let k = &v.key;
                quote!(Self::#r(v) => ::easemob_runtime::__private::de::serialize_single_key(s, #k, v),)
            });
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq)]
                #[non_exhaustive]
                pub enum #ident {
                    #(#defs)*
                    #other_doc
                    #other(::easemob_runtime::UnknownVariant),
                }
                impl ::easemob_runtime::__private::de::KeyedUnion for #ident {
                    const KEYS: &'static [&'static str] = &[#(#keys),*];
                    fn known<'de, A: ::serde::de::MapAccess<'de>>(index: usize, map: &mut A) -> ::std::result::Result<Self, A::Error> {
                        match index {
                            #(#arms)*
                            _ => ::std::result::Result::Err(::serde::de::Error::custom("no variant has this index")),
                        }
                    }
                    fn unknown(variant: ::easemob_runtime::UnknownVariant) -> Self {
                        Self::#other(variant)
                    }
                }
                impl<'de> ::serde::Deserialize<'de> for #ident {
                    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                        ::easemob_runtime::__private::de::single_key(d)
                    }
                }
                impl ::serde::Serialize for #ident {
                    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                        match self {
                            #(#ser_arms)*
                            Self::#other(u) => ::easemob_runtime::__private::de::serialize_single_key(s, u.key(), u.value()),
                        }
                    }
                }
            }
        }
    }
}

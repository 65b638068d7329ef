//! The generated Rust sources: `mod.rs`, `common.rs` and one module per area.

mod callbacks;
mod cargo;
#[allow(dead_code)] // MIGRATION: the emitters move onto it next
mod code;
mod docs;
mod ops;
#[allow(dead_code)] // MIGRATION: token forms the other emitters still use
mod types;

pub use cargo::manifest;
// For the CLI's command table, which shares the operation statics and texts.
pub(crate) use ops::operation_info;
pub(crate) use types::limits_text;
// A string as a raw literal where it can be (the mock's JSON examples).
pub(crate) use docs::doc_line as raw_string;

use proc_macro2::TokenStream;
use quote::quote;

use crate::OutputFile;
use crate::model::*;
use crate::par::Job;
use crate::timing;
pub(crate) use code::{Code, lit};
use docs::inner_doc_attrs;
use ops::{area_module, decode_type};
use types::{Decode, named_path_text, struct_def, type_def};

/// Where the generated modules of the `easemob` crate live, relative to the repository root.
pub const RUST_DIR: &str = "generated/src/generated";
/// Where the generated framing module of the runtime crate lives.
pub const RUNTIME_DIR: &str = "runtime/src/generated";

/// Every generated Rust file, as a job that writes it. Costs are about the
/// output's size in kB.
pub fn emit(api: &Api) -> Vec<Job<'_, OutputFile>> {
    let mut out = Vec::new();
    let spec_files: Vec<&str> = api.areas.iter().map(|a| a.file.as_str()).collect();
    let types_in = |home: Home| api.types.iter().filter(|t| t.home == home).count();
    let cost = 2 * types_in(Home::Runtime);
    // MIGRATION: framing, common and callbacks are built as tokens until
    // their emitters write text.
    out.push(Job::new(cost, move || file(RUNTIME_DIR, "mod.rs", "spec/common.yaml", || framing_rs(api))));
    let sources = format!("spec/common.yaml and {}", spec_files.join(", "));
    let cost = api.operations().count() / 3;
    out.push(Job::new(cost, move || text_file(RUST_DIR, "mod.rs", &sources, cost, |c| mod_rs(api, c))));
    out.push(Job::new(2 * types_in(Home::Common), move || {
        file(RUST_DIR, &format!("{}.rs", api.rust.common_module), "spec/common.yaml", || common_rs(api))
    }));
    if let Some(cb) = &api.callbacks {
        let sources = format!("{} and spec/common.yaml", cb.file);
        let cost = 2 * (cb.events.len() + types_in(Home::Callbacks));
        out.push(Job::new(cost, move || {
            file(RUST_DIR, &format!("{}.rs", cb.rust.module), &sources, || callbacks::module(api, cb))
        }));
    }
    for area in &api.areas {
        let cost = 4 * area.operations.len() + 2 * types_in(Home::Area(area.name.clone()));
        out.push(Job::new(cost, move || {
            let sources = format!("{} and spec/common.yaml", area.file);
            text_file(RUST_DIR, &format!("{}.rs", area.rust.module), &sources, cost, |c| area_module(api, area, c))
        }));
    }
    out
}

/// A file whose source `write` writes as text; `kb` is about its size.
pub(crate) fn text_file(dir: &str, name: &str, sources: &str, kb: usize, write: impl FnOnce(&mut Code)) -> OutputFile {
    let path = format!("{dir}/{name}");
    let contents = timing::file_stage("emit: write text (rust)", &path, || {
        let mut c = Code::with_capacity(kb * 1024);
        c.push(&generated_header(sources));
        write(&mut c);
        c.finish()
    });
    OutputFile { path, contents }
}

/// A file built as tokens (MIGRATION: until every emitter writes text).
pub(crate) fn file(dir: &str, name: &str, sources: &str, tokens: impl Fn() -> TokenStream) -> OutputFile {
    let path = format!("{dir}/{name}");
    let body = print(&path, tokens);
    OutputFile { path, contents: generated_header(sources) + &body }
}

/// Builds the tokens of the file at `path` and prints them with prettyplease.
pub(crate) fn print(path: &str, tokens: impl Fn() -> TokenStream) -> String {
    let built = timing::file_stage("emit: build tokens (quote)", path, &tokens);
    // The stream is handed over, not cloned: syn then moves its tokens
    // instead of copying every one (a shared stream is copied token by token).
    let parsed: syn::File = match timing::file_stage("emit: parse tokens (syn)", path, || syn::parse2(built)) {
        Ok(f) => f,
        // A generator bug, not a spec problem: show the tokens (built again)
        // to whoever fixes it.
        Err(e) => panic!("generated tokens for {path} do not parse: {e}\n{}", tokens()),
    };
    timing::file_stage("emit: print (prettyplease)", path, || prettyplease::unparse(&parsed))
}

/// MIGRATION: items another emitter still builds as tokens, printed into
/// `c`, each compiled only under `feature` (the `cfg` after its docs, where
/// a reader looks for it). Goes once those emitters write text.
fn push_tokens(c: &mut Code, feature: Option<&str>, items: TokenStream) {
    let mut file: syn::File = match syn::parse2(items.clone()) {
        Ok(file) => file,
        Err(e) => panic!("generated items do not parse: {e}\n{items}"),
    };
    if let Some(f) = feature {
        for item in &mut file.items {
            let attrs = match item {
                syn::Item::Const(i) => &mut i.attrs,
                syn::Item::Enum(i) => &mut i.attrs,
                syn::Item::Fn(i) => &mut i.attrs,
                syn::Item::Impl(i) => &mut i.attrs,
                syn::Item::Macro(i) => &mut i.attrs,
                syn::Item::Static(i) => &mut i.attrs,
                syn::Item::Struct(i) => &mut i.attrs,
                syn::Item::Type(i) => &mut i.attrs,
                other => panic!("no feature gate for this kind of generated item: {}", quote!(#other)),
            };
            let at = attrs.iter().position(|a| !a.path().is_ident("doc")).unwrap_or(attrs.len());
            attrs.insert(at, syn::parse_quote!(#[cfg(feature = #f)]));
        }
    }
    c.push(&prettyplease::unparse(&file));
}

/// The first lines of every generated Rust file.
pub(crate) fn generated_header(sources: &str) -> String {
    format!(
        "// @generated by `cargo xtask gen` from {sources}.\n// Do not edit by hand: change the spec or the generator and regenerate.\n\n"
    )
}

fn mod_rs(api: &Api, c: &mut Code) {
    let n = &api.rust;
    let client = &n.client;
    c.inner_doc(
        "The code `cargo xtask gen` writes from `spec/`: the typed client, one module per API area, and the shared definitions.",
    );
    c.blank();
    c.line(format_args!("mod {};", n.common_module));
    c.line(format_args!("pub use {}::*;", n.common_module));
    for a in &api.areas {
        c.cfg(api.module_feature(a));
        c.line(format_args!("pub mod {};", a.rust.module));
    }
    if let Some(cb) = &api.callbacks {
        c.cfg(api.features.callbacks.as_ref().map(|f| f.name.as_str()));
        c.line(format_args!("pub mod {};", cb.rust.module));
    }
    c.blank();
    c.push(
        "/// A typed Easemob REST client for one app (`org_name#app_name`) on one host.
///
/// Cheap to clone: clones share the connection pool and the token cache.
/// Operations are grouped by area (`client.chatrooms()`, `client.chatroom_members()`, ...);
/// each returns a request whose required inputs were the method's arguments and whose
/// optional inputs are setters, sent with `.send().await`.
#[derive(Clone)]
",
    );
    c.open(format_args!("pub struct {client}"));
    c.line("raw: ::easemob_runtime::RawClient,");
    c.close("");
    c.blank();
    c.open(format_args!("impl ::std::fmt::Debug for {client}"));
    c.open("fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result");
    c.line("::std::fmt::Debug::fmt(&self.raw, f)");
    c.close("").close("");
    c.blank();
    c.open(format_args!("impl ::std::convert::From<::easemob_runtime::RawClient> for {client}"));
    c.open("fn from(raw: ::easemob_runtime::RawClient) -> Self");
    c.line("Self { raw }");
    c.close("").close("");
    c.blank();
    let (client_builder, builder) = (&n.client_builder, &n.builder_fn);
    c.doc(&format!("Configures a [`{client}`]; made by [`{client}::{builder}`]."));
    c.line(format_args!("pub type {client_builder} = ::easemob_runtime::ClientBuilder<{client}>;"));
    c.blank();
    c.open(format_args!("impl {client}"));
    c.line("/// Starts building a client for the app `org#app` served at `base_url`");
    c.line("/// (the data center's REST host, for example `https://a1.easemob.com`).");
    c.line(format_args!("pub fn {builder}("));
    c.line("    base_url: impl ::std::convert::Into<::std::string::String>,");
    c.line("    org: impl ::std::convert::Into<::std::string::String>,");
    c.line("    app: impl ::std::convert::Into<::std::string::String>,");
    c.open(format_args!(") -> {client_builder}"));
    c.line(format_args!("::easemob_runtime::ClientBuilder::new(base_url, org, app, {})", n.fetch_app_token));
    c.close("");
    c.blank();
    c.line("/// The untyped client underneath, which every operation is sent through.");
    c.open(format_args!("pub fn {}(&self) -> &::easemob_runtime::RawClient", n.raw_fn));
    c.line("&self.raw");
    c.close("");
    for a in &api.areas {
        let (m, h) = (&a.rust.module, &a.rust.handle);
        c.blank();
        c.doc(&format!("{}: {} operations; see [`{m}`](crate::{m}).", a.title, a.operations.len()));
        c.cfg(Some(&api.area_feature(a).name));
        c.open(format_args!("pub fn {m}(&self) -> {m}::{h}"));
        c.line(format_args!("{m}::{h}::{}(self.raw.clone())", n.new_fn));
        c.close("");
    }
    c.close("");
    c.blank();
    fetch_app_token(api, c);
    c.blank();
    let decode_response = &n.decode_response;
    c.doc(&format!("The operation IDs whose answers [`{decode_response}`] knows."));
    c.line("#[cfg(feature = \"test-util\")]");
    c.line("#[doc(hidden)]");
    c.line(format_args!("pub const {}: &[&str] = &[", n.decodable_operations));
    for op in api.operations().filter(|op| op.response.ty != Ty::Binary) {
        if let Some(f) = api.operation_feature(op) {
            c.line(format_args!("    #[cfg(feature = {})]", lit(f)));
        }
        c.line(format_args!("    {},", lit(&op.id)));
    }
    c.line("];");
    c.blank();
    c.line("/// Decodes `body` as the answer of operation `id` with HTTP `status`,");
    c.line("/// exactly as a call would; for robustness tests. `None` for an unknown ID.");
    c.line("#[cfg(feature = \"test-util\")]");
    c.line("#[doc(hidden)]");
    c.line(format_args!("pub fn {decode_response}("));
    c.line("    id: &str,");
    c.line("    status: u16,");
    c.line("    body: &[u8],");
    c.open(") -> ::std::option::Option<::std::result::Result<(), ::easemob_runtime::Error>>");
    c.open("::std::option::Option::Some(match id");
    for a in &api.areas {
        for op in &a.operations {
            let Some(t) = decode_type(api, op) else { continue };
            c.cfg(api.operation_feature(op));
            c.line(format_args!(
                "{} => ::easemob_runtime::__private::decode_only::<{t}>(&{}::{}, status, body),",
                lit(&op.id),
                a.rust.module,
                op.rust.info_static
            ));
        }
    }
    c.line("_ => return ::std::option::Option::None,");
    c.close(")");
    c.close("");
}

/// How the runtime asks for an app token: through the operation the spec
/// marks `provides: app_token` (its shape is checked in resolve).
fn fetch_app_token(api: &Api, c: &mut Code) {
    let sig = |c: &mut Code| {
        c.line(format_args!("fn {}(", api.rust.fetch_app_token));
        c.line("    client: &::easemob_runtime::RawClient,");
        c.line("    request: ::easemob_runtime::__private::AppTokenRequest,");
        c.open(") -> ::easemob_runtime::BoxFuture<'static, ::std::result::Result<::easemob_runtime::__private::TokenGrant, ::easemob_runtime::Error>>");
    };
    let Some(op) = api.app_token_operation() else {
        c.line("/// This spec has no operation with `provides: app_token`: client credentials cannot be used.");
        sig(c);
        c.line("let _ = (client, request);");
        c.line("::std::boxed::Box::pin(::std::future::ready(::std::result::Result::Err(::easemob_runtime::__private::no_token_operation())))");
        c.close("");
        return;
    };
    let area = api.areas.iter().find(|a| a.name == op.area).expect("the operation's area");
    let args: Vec<String> = op
        .required_inputs()
        .into_iter()
        .map(|f| match (f.wire.as_str(), &f.ty) {
            ("client_id", _) => "request.client_id".to_owned(),
            ("client_secret", _) => "request.client_secret".to_owned(),
            (_, Ty::Named(n)) => {
                let value = match api.find_type(n).map(|t| &t.kind) {
                    Some(TypeKind::Enum(values)) => &values[0].rust,
                    _ => unreachable!("resolve checks the other required inputs are one-value enums"),
                };
                format!("{}::{value}", named_path_text(api, n))
            }
            _ => unreachable!("resolve checks the token operation's inputs"),
        })
        .collect();
    let Ty::Named(answer) = &op.response.ty else { unreachable!("resolve checks the token answer") };
    let Some(TypeDef { kind: TypeKind::Struct(fields), .. }) = api.find_type(answer) else {
        unreachable!("resolve checks the token answer")
    };
    let field = |wire: &str| fields.iter().find(|f| f.wire == wire).expect("resolve checks the token answer");
    c.doc(&format!(
        "Asks for an app token with `{}` (`{} {}`), the operation the spec marks `provides: app_token`.",
        op.id,
        op.method.as_str(),
        op.full_path()
    ));
    sig(c);
    c.line(format_args!(
        "let call = {}::{}::{}(client.clone()).{}({});",
        area.rust.module,
        area.rust.handle,
        api.rust.new_fn,
        op.rust.method,
        args.join(", ")
    ));
    if let Some(ttl) = op.optional_inputs().into_iter().find(|f| f.wire == "ttl") {
        c.open("let call = match request.ttl");
        c.line(format_args!("::std::option::Option::Some(ttl) => call.{}(ttl),", ttl.rust));
        c.line("::std::option::Option::None => call,");
        c.close(";");
    }
    c.open("::std::boxed::Box::pin(async move");
    c.line(format_args!("let answer = call.{}().await?;", api.rust.request.send));
    c.open("::std::result::Result::Ok(::easemob_runtime::__private::TokenGrant");
    c.line(format_args!("access_token: answer.data.{},", field("access_token").rust));
    let expires = field("expires_in");
    if expires.required {
        c.line(format_args!("expires_in: ::std::option::Option::Some(answer.data.{}),", expires.rust));
    } else {
        c.line(format_args!("expires_in: answer.data.{},", expires.rust));
    }
    c.close(")");
    c.close(")");
    c.close("");
}

/// The framing module of the runtime crate: what every answer shares.
fn framing_rs(api: &Api) -> TokenStream {
    let doc = inner_doc_attrs(
        "The framing every answer shares, which the runtime itself decodes: envelope metadata, the error body, error codes.",
    );
    let n = &api.rust;
    let meta = struct_def(api, &n.response_meta, &api.envelope.doc, &api.envelope.fields, Decode::Tolerant);
    let err = struct_def(api, &n.error_body, &api.error_body_doc, &api.error_body, Decode::Tolerant);
    let types = api.types.iter().filter(|t| t.home == Home::Runtime).map(|t| type_def(api, t));
    quote! {
        #doc
        #meta
        #err
        #(#types)*
    }
}

fn common_rs(api: &Api) -> TokenStream {
    let doc = inner_doc_attrs("Definitions shared by every area: identifiers and the types several areas use.");
    let types = api.types.iter().filter(|t| t.home == Home::Common).map(|t| type_def(api, t));
    quote! {
        #doc
        #(#types)*
    }
}

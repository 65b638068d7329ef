//! The Rust names the generator chooses for its own items, and the check
//! that no spec name meets one of them (or two of them meet each other) in
//! one Rust scope. Such a clash would otherwise surface as a rustc error in
//! generated code, or not at all: the crate root glob-re-exports the common
//! types, and a glob import loses silently to a named one.

use std::collections::{BTreeMap, BTreeSet};

use super::{FieldUse, Resolver, key};
use crate::load::Source;
use crate::locate::{NodePath, Pos};
use crate::model::{AreaNames, CallbackNames, CrateNames, Home, OperationNames, RequestNames};
use crate::naming;
use crate::raw;

/// What `generated/src/lib.rs` re-exports from `easemob_runtime` and from
/// its hand-written `conveniences` module next to the glob re-export of the
/// generated items. A unit test keeps this list equal to that file.
const RUNTIME_EXPORTS: &[&str] = &[
    "AccessToken",
    "ApiError",
    "AppKey",
    "AppKeyError",
    "Attempt",
    "AttemptOutcome",
    "Interceptor",
    "Method",
    "RawOperation",
    "RawRequest",
    "env",
    "header",
    "BatchError",
    "BoxFuture",
    "CallOptions",
    "Clock",
    "ConfigError",
    "Credentials",
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_MAX_BODY",
    "DEFAULT_REQUEST_TIMEOUT",
    "DecodeError",
    "Download",
    "Error",
    "ErrorBody",
    "ErrorCode",
    "InvalidInput",
    "ManualClock",
    "MuteDuration",
    "OtherError",
    "RawClient",
    "Reached",
    "Response",
    "ResponseMeta",
    "RetryPolicy",
    "Secret",
    "SystemClock",
    "Timestamp",
    "TokenProvider",
    "TokenTtlUnit",
    "TransportError",
    "TransportErrorKind",
    "UNKNOWN_TOKEN_LIFETIME",
    "UnknownValue",
    "UnknownVariant",
    "Upload",
];

/// The module `generated/src/lib.rs` keeps the generated items in; an area
/// of this name would be hidden behind it at the crate root.
const LIB_MODULE: &str = "generated";

/// [`crate_names`], built once: the checks of every field, enum value and
/// variant compare with them.
pub(super) fn known_crate_names() -> &'static CrateNames {
    static NAMES: std::sync::LazyLock<CrateNames> = std::sync::LazyLock::new(crate_names);
    &NAMES
}

pub(super) fn crate_names() -> CrateNames {
    let s = |n: &str| n.to_owned();
    CrateNames {
        client: s("Client"),
        client_builder: s("ClientBuilder"),
        builder_fn: s("builder"),
        raw_fn: s("raw"),
        fetch_app_token: s("fetch_app_token"),
        decodable_operations: s("DECODABLE_OPERATIONS"),
        decode_response: s("decode_response"),
        common_module: s("common"),
        response_meta: s("ResponseMeta"),
        error_body: s("ErrorBody"),
        error_code: s(super::BUILTIN_ERROR_CODE),
        new_fn: s("new"),
        unknown_variant: s("Unknown"),
        other_variant: s("Other"),
        request: RequestNames {
            client_field: s("client"),
            options: s("options"),
            send: s("send"),
            pages: s("pages"),
            items: s("items"),
            send_all: s("send_all"),
        },
    }
}

/// The items of the callbacks module, which exists when the spec has
/// `callbacks/events.yaml`.
pub(super) fn callback_names() -> CallbackNames {
    let s = |n: &str| n.to_owned();
    CallbackNames {
        module: s("callbacks"),
        event_enum: s("CallbackEvent"),
        event_type_fn: s("event_type"),
        receiver: s("Receiver"),
        runtime_error: s("CallbackError"),
        runtime_unknown_event: s("UnknownEvent"),
        runtime_sign_test_body: s("sign_test_body"),
        accept_fn: s("accept"),
        reject_fn: s("reject"),
        to_body_fn: s("to_body"),
    }
}

/// What a reply type's field would meet: its optional fields become setters
/// beside the reply's constructors and encoder.
pub(super) fn reply_field_clash(rust: &str) -> Option<String> {
    let n = callback_names();
    [&n.accept_fn, &n.reject_fn, &n.to_body_fn]
        .into_iter()
        .find(|name| name.as_str() == rust)
        .map(|name| format!("the reply's `{name}` method"))
}

pub(super) fn area_names(area: &str) -> AreaNames {
    AreaNames { module: area.to_owned(), handle: naming::camel(area) }
}

pub(super) fn operation_names(op: &str) -> OperationNames {
    OperationNames {
        method: op.to_owned(),
        request_type: format!("{}Request", naming::camel(op)),
        info_static: op.to_uppercase(),
    }
}

/// What a field's Rust name would meet: the inputs of a request become its
/// fields and setters beside the request's own members, and the optional
/// fields of a struct callers build become setters beside its constructor.
pub(super) fn field_clash(rust: &str, usage: FieldUse) -> Option<&'static str> {
    let n = known_crate_names();
    let r = &n.request;
    let request = [
        (&r.client_field, "the request's client field"),
        (&r.options, "the request's `options` field and setter"),
        (&r.send, "the request's `send` method"),
        (&r.pages, "the request's `pages` method"),
        (&r.items, "the request's `items` method"),
        (&r.send_all, "the request's `send_all` method"),
    ];
    let built = [(&n.new_fn, "the constructor of structs callers build")];
    let taken: &[(&String, &'static str)] = match usage {
        FieldUse::Param | FieldUse::Body => &request,
        FieldUse::Struct => &built,
    };
    taken.iter().find(|(name, _)| *name == rust).map(|&(_, what)| what)
}

/// Names that share one Rust scope, each with what holds it.
#[derive(Default)]
struct Scope(BTreeMap<String, String>);

impl Scope {
    fn with(names: impl IntoIterator<Item = (String, String)>) -> Self {
        Scope(names.into_iter().collect())
    }

    /// Takes `name` for `what`, or says what already holds it.
    fn take(&mut self, name: &str, what: String) -> Result<(), String> {
        match self.0.get(name) {
            Some(holder) => Err(holder.clone()),
            None => {
                self.0.insert(name.to_owned(), what);
                Ok(())
            }
        }
    }

    fn holder(&self, name: &str) -> Option<&String> {
        self.0.get(name)
    }
}

/// The two namespaces of one area module. Braced structs and enums live
/// only among types and `static`s only among values, so an operation static
/// meets only an ID type (a tuple struct, in both).
#[derive(Default)]
struct Module {
    types: Scope,
    values: Scope,
}

/// The scopes every area and type name is checked against.
struct Scopes {
    /// The framing types: Rust types of the runtime crate and OpenAPI schema
    /// names, so no spec type of any file may take them.
    framing: Scope,
    /// The crate root, where the common types are glob-re-exported.
    root: Scope,
    /// Area names: each is a module beside `common` and a `Client` method.
    areas: Scope,
    modules: BTreeMap<String, Module>,
}

impl Scopes {
    fn new(n: &CrateNames, callbacks: Option<(&CallbackNames, &str)>) -> Self {
        let framing = Scope::with([
            (n.response_meta.clone(), "the envelope metadata type of the runtime crate".to_owned()),
            (n.error_body.clone(), "the error body type of the runtime crate".to_owned()),
            (n.error_code.clone(), "the error code enum of the runtime crate".to_owned()),
        ]);
        let runtime = RUNTIME_EXPORTS
            .iter()
            .map(|e| (e.to_string(), format!("`easemob_runtime::{e}`, which the crate root re-exports")));
        let generated = [
            (n.client.clone(), "the generated client type".to_owned()),
            (n.client_builder.clone(), "the generated client builder".to_owned()),
            (n.decodable_operations.clone(), "a generated test helper".to_owned()),
            (n.decode_response.clone(), "a generated test helper".to_owned()),
        ];
        let mut areas = Scope::with([
            (n.builder_fn.clone(), "the `Client::builder` function".to_owned()),
            (n.raw_fn.clone(), "the `Client::raw` method".to_owned()),
            (n.common_module.clone(), "the module of the common types".to_owned()),
            (LIB_MODULE.to_owned(), "the module `generated/src/lib.rs` keeps the generated code in".to_owned()),
            // Each area is a cargo feature of the generated crate, named after its module.
            ("default".to_owned(), "the cargo feature `default` of the generated crate".to_owned()),
        ]);
        let mut modules = BTreeMap::new();
        if let Some((cb, file)) = callbacks {
            areas.0.insert(cb.module.clone(), format!("the module of the callback events (`{file}`)"));
            let runtime = |name: &str| {
                (
                    name.to_owned(),
                    format!("`easemob_runtime::callbacks::{name}`, which the callbacks module re-exports"),
                )
            };
            let module = Module {
                types: Scope::with([
                    (cb.event_enum.clone(), "the callback event enum".to_owned()),
                    (cb.receiver.clone(), "the callback receiver alias".to_owned()),
                    runtime(&cb.runtime_error),
                    runtime(&cb.runtime_unknown_event),
                ]),
                values: Scope::with([runtime(&cb.runtime_sign_test_body)]),
            };
            modules.insert(cb.module.clone(), module);
        }
        Scopes { framing, root: Scope::with(runtime.chain(generated)), areas, modules }
    }
}

impl Resolver {
    /// Every scope where a generated name meets a spec name or another
    /// generated name. Each clash is reported once, at the spec node whose
    /// name came last into the scope: generated names go in first.
    pub(super) fn check_names(
        &mut self,
        areas: &[(Source, raw::AreaFile)],
        callbacks: Option<&Source>,
        types: &[(&Source, NodePath, &raw::TypeDef, Home)],
    ) {
        let n = crate_names();
        let cb = callback_names();
        let mut scopes = Scopes::new(&n, callbacks.map(|src| (&cb, src.rel.as_str())));
        for (src, file) in areas {
            self.check_area_names(&n, &mut scopes, src, file);
        }
        let mut seen = BTreeSet::new();
        for (src, p, t, home) in types {
            // A repeated type name is reported as a duplicate.
            if seen.insert(&t.name) {
                self.check_type_name(&mut scopes, src, p, t, home);
            }
        }
    }

    /// The area's module and handle, and each operation's handle method,
    /// request type and static.
    fn check_area_names(&mut self, n: &CrateNames, scopes: &mut Scopes, src: &Source, file: &raw::AreaFile) {
        let area = area_names(&src.stem);
        if let Err(holder) = scopes.areas.take(&area.module, format!("the area `{}`", area.module)) {
            self.err(src.diag_at(
                Pos { line: 1, col: 1 },
                format!(
                    "the file name `{}` gives an area module and `Client` method that clash with {holder}; rename the file",
                    area.module
                ),
            ));
        }
        let module = scopes.modules.entry(area.module.clone()).or_default();
        module
            .types
            .take(&area.handle, format!("the handle type of the area `{}`", area.module))
            .expect("a fresh module");
        let mut handle = Scope::with([(n.new_fn.clone(), "the handle's constructor".to_owned())]);
        for (i, op) in file.operations.iter().enumerate() {
            let names = operation_names(&op.name);
            let what = |item: &str| format!("the {item} of operation `{}`", op.name);
            let clash = match handle.take(&names.method, format!("operation `{}`", op.name)) {
                // A repeated operation name is reported as a duplicate.
                Err(_) if file.operations[..i].iter().any(|o| o.name == op.name) => continue,
                Err(holder) => Some((format!("handle method `{}`", names.method), holder)),
                Ok(()) => module
                    .types
                    .take(&names.request_type, what("request type"))
                    .map_err(|holder| (format!("request type `{}`", names.request_type), holder))
                    .and_then(|()| {
                        module
                            .values
                            .take(&names.info_static, what("operation static"))
                            .map_err(|holder| (format!("operation static `{}`", names.info_static), holder))
                    })
                    .err(),
            };
            if let Some((item, holder)) = clash {
                self.err(src.at(
                    &key(&crate::path!["operations", i], "name"),
                    format!(
                        "operation `{}` gives the {item}, which clashes with {holder}; rename the operation",
                        op.name
                    ),
                ));
            }
        }
    }

    /// A common type is re-exported at the crate root; an area type shares
    /// its area's module.
    fn check_type_name(&mut self, scopes: &mut Scopes, src: &Source, p: &NodePath, t: &raw::TypeDef, home: &Home) {
        let what = || format!("type `{}`", t.name);
        let clash = if let Some(holder) = scopes.framing.holder(&t.name) {
            Some(holder.clone())
        } else {
            match home {
                Home::Common => scopes.root.take(&t.name, what()).err(),
                Home::Area(_) | Home::Callbacks => {
                    let module_name = match home {
                        Home::Area(a) => a.clone(),
                        _ => callback_names().module,
                    };
                    let module = scopes.modules.entry(module_name).or_default();
                    let value = t.kind == raw::TypeKind::Id;
                    module
                        .types
                        .take(&t.name, what())
                        .and_then(|()| if value { module.values.take(&t.name, what()) } else { Ok(()) })
                        .err()
                }
                Home::Runtime => None,
            }
        };
        if let Some(holder) = clash {
            self.err(src.at(&key(p, "name"), format!("type `{}` clashes with {holder}; rename the type", t.name)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list above and the re-export in `generated/src/lib.rs` must not
    /// drift apart, or a clash with a newly re-exported name goes unseen.
    #[test]
    fn runtime_exports_match_the_crate_root() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../generated/src/lib.rs");
        let text = std::fs::read_to_string(path).expect("generated/src/lib.rs");
        let file = syn::parse_file(&text).expect("lib.rs parses");
        let mut found: Vec<String> = Vec::new();
        for item in &file.items {
            let syn::Item::Use(u) = item else { continue };
            let syn::UseTree::Path(p) = &u.tree else { continue };
            if p.ident != "easemob_runtime" && p.ident != "conveniences" {
                continue;
            }
            let syn::UseTree::Group(g) = &*p.tree else {
                panic!("lib.rs re-exports the runtime as one `{{…}}` list")
            };
            for t in &g.items {
                match t {
                    syn::UseTree::Name(n) => found.push(n.ident.to_string()),
                    _ => panic!("lib.rs re-exports the runtime by plain names only"),
                }
            }
        }
        let mut expected: Vec<String> = RUNTIME_EXPORTS.iter().map(|s| s.to_string()).collect();
        found.sort();
        expected.sort();
        assert_eq!(found, expected, "RUNTIME_EXPORTS differs from the runtime re-export in generated/src/lib.rs");
    }
}

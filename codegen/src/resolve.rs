//! Checks the raw spec and builds the model. Every problem is collected (not
//! just the first) and reported at the position of the offending node.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{Loaded, Source};
use crate::locate::{NodePath, Seg};
use crate::model::*;
use crate::naming;
use crate::path;
use crate::raw;

mod callbacks;
pub use callbacks::MODULE as CALLBACKS_MODULE;

/// Builds the model, or returns every problem found.
pub fn resolve(loaded: Loaded) -> Result<Api, Diagnostics> {
    let mut r = Resolver::default();
    let api = r.run(loaded);
    if r.diags.is_empty() { Ok(api) } else { Err(r.diags.sorted()) }
}

#[derive(Default)]
struct Resolver {
    diags: Diagnostics,
    /// Named type → its kind, for resolving references.
    kinds: HashMap<String, NamedKind>,
    /// Enums with exactly one value (constants on the wire).
    single_value_enums: BTreeSet<String>,
    /// Structs with a required `access_token: secret` and an `expires_in: integer`.
    token_shaped: BTreeSet<String>,
}

const BUILTIN_ERROR_CODE: &str = "ErrorCode";

impl Resolver {
    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn run(&mut self, loaded: Loaded) -> Api {
        let (csrc, common) = loaded.common;

        // Pass 1: every type name, so references may point across files.
        let mut seen: BTreeMap<String, ()> = BTreeMap::new();
        self.kinds.insert(BUILTIN_ERROR_CODE.into(), NamedKind::Enum);
        seen.insert(BUILTIN_ERROR_CODE.into(), ());
        let mut all_defs: Vec<(&Source, NodePath, &raw::TypeDef, Home)> = Vec::new();
        for (i, t) in common.types.iter().enumerate() {
            all_defs.push((&csrc, path!["types", i], t, Home::Common));
        }
        for (src, area) in &loaded.areas {
            for (i, t) in area.types.iter().enumerate() {
                all_defs.push((src, path!["types", i], t, Home::Area(src.stem.clone())));
            }
        }
        if let Some((src, file)) = &loaded.callbacks {
            for (i, t) in file.types.iter().enumerate() {
                all_defs.push((src, path!["types", i], t, Home::Area(callbacks::MODULE.into())));
            }
        }
        for (src, p, t, _) in &all_defs {
            let mut np = p.clone();
            np.push(Seg::Key("name".into()));
            if !naming::is_camel(&t.name) {
                self.err(src.at(&np, format!("type name `{}` must be UpperCamelCase", t.name)));
            }
            if seen.insert(t.name.clone(), ()).is_some() {
                self.err(
                    src.at(&np, format!("duplicate type name `{}` (type names are shared by all spec files)", t.name)),
                );
                continue;
            }
            let kind = match t.kind {
                raw::TypeKind::Struct => NamedKind::Struct,
                raw::TypeKind::Enum => NamedKind::Enum,
                raw::TypeKind::Id => NamedKind::Id,
                raw::TypeKind::KeyedUnion => NamedKind::KeyedUnion,
                raw::TypeKind::TaggedUnion => NamedKind::TaggedUnion,
            };
            self.kinds.insert(t.name.clone(), kind);
        }

        // Pass 2: type bodies.
        let mut types = Vec::new();
        types.push(self.error_code_type(&csrc, &common.error_codes));
        let mut defined = BTreeSet::new();
        for (src, p, t, home) in &all_defs {
            if !defined.insert(t.name.clone()) {
                continue;
            }
            let def = self.type_def(src, p, t, home.clone());
            match &def.kind {
                TypeKind::Enum(values) if values.len() == 1 => {
                    self.single_value_enums.insert(def.name.clone());
                }
                TypeKind::Struct(fields)
                    if fields.iter().any(|f| f.wire == "access_token" && f.ty == Ty::Secret && f.required)
                        && fields.iter().any(|f| f.wire == "expires_in" && f.ty == Ty::Integer) =>
                {
                    self.token_shaped.insert(def.name.clone());
                }
                _ => {}
            }
            types.push(def);
        }

        let envelope = Envelope {
            doc: common.envelope.doc.clone(),
            payload_keys: common.envelope.payload_keys.clone(),
            fields: self.fields(&csrc, &path!["envelope", "fields"], &common.envelope.fields, FieldUse::Struct),
        };
        let error_body =
            self.fields(&csrc, &path!["error_body", "fields"], &common.error_body.fields, FieldUse::Struct);

        let mut shared_errors: HashMap<String, ErrorDoc> = HashMap::new();
        for (i, e) in common.shared_errors.iter().enumerate() {
            let doc = ErrorDoc { status: e.status, code: e.code.clone(), description: e.description.clone() };
            if !(400..=599).contains(&e.status) {
                self.err(csrc.at(&path!["shared_errors", i, "status"], "an error status must be from 400 to 599"));
            }
            if shared_errors.insert(e.name.clone(), doc).is_some() {
                self.err(csrc.at(&path!["shared_errors", i, "name"], format!("duplicate shared error `{}`", e.name)));
            }
        }

        let mut areas = Vec::new();
        for (src, file) in &loaded.areas {
            areas.push(self.area(src, file, &shared_errors, &envelope.payload_keys));
        }
        self.check_app_token_providers(&loaded.areas);
        let callbacks = loaded.callbacks.as_ref().map(|(src, file)| self.callbacks(src, file, &loaded.areas, &types));
        areas.sort_by(|a, b| a.name.cmp(&b.name));

        let mut api = Api {
            info: Info {
                title: common.info.title.clone(),
                version: common.info.version.clone(),
                doc: common.info.doc.clone(),
                docs_base: common.info.docs_base.clone(),
                docs_commit: common.info.docs_commit.clone(),
            },
            envelope,
            error_body,
            error_body_doc: common.error_body.doc.clone(),
            types,
            areas,
            callbacks,
        };
        mark_usage(&mut api);
        api
    }

    /// At most one operation may be the runtime's token request.
    fn check_app_token_providers(&mut self, areas: &[(Source, raw::AreaFile)]) {
        let mut first: Option<String> = None;
        for (src, file) in areas {
            for (i, op) in file.operations.iter().enumerate() {
                if op.provides != Some(raw::Provides::AppToken) {
                    continue;
                }
                match &first {
                    None => first = Some(format!("{}_{}", src.stem, op.name)),
                    Some(f) => self.err(src.at(
                        &path!["operations", i, "provides"],
                        format!("`{f}` already provides `app_token`; the runtime can use only one token operation"),
                    )),
                }
            }
        }
    }

    /// The runtime sends the token operation with the app's client ID,
    /// secret and an optional lifetime, and reads `access_token` and
    /// `expires_in`: the operation must take and return exactly that.
    fn check_app_token_operation(&mut self, src: &Source, p: &NodePath, op: &Operation) {
        let mut problems: Vec<String> = Vec::new();
        if op.auth {
            problems.push("it must not need a token itself (`auth: none`)".into());
        }
        if !op.params.iter().all(|p| !p.field.required) {
            problems.push("it must not have required parameters".into());
        }
        let fields: &[Field] = op.body.as_ref().filter(|b| b.kind == BodyKind::Object).map_or(&[], |b| &b.fields);
        let has = |wire: &str, ty: &Ty, required: bool| {
            fields.iter().any(|f| f.wire == wire && f.ty == *ty && f.required == required)
        };
        if !has("client_id", &Ty::String, true) || !has("client_secret", &Ty::Secret, true) {
            problems.push("its JSON body must have required `client_id: string` and `client_secret: secret`".into());
        }
        if fields.iter().any(|f| f.wire == "ttl") && !has("ttl", &Ty::Integer, false) {
            problems.push("its `ttl` must be an optional integer".into());
        }
        for f in fields.iter().filter(|f| f.required && !["client_id", "client_secret"].contains(&f.wire.as_str())) {
            let one_value = matches!(&f.ty, Ty::Named(n) if self.single_value_enums.contains(n));
            if !one_value {
                problems.push(format!("its required `{}` must be an enum with exactly one value", f.wire));
            }
        }
        let answer_ok = matches!(&op.response.ty, Ty::Named(n) if self.token_shaped.contains(n));
        if !answer_ok {
            problems.push(
                "its response must be a struct with a required `access_token: secret` and an `expires_in: integer`"
                    .into(),
            );
        }
        if !problems.is_empty() {
            let mut q = p.clone();
            q.push(Seg::Key("provides".into()));
            self.err(src.at(&q, format!("this operation cannot provide `app_token`: {}", problems.join("; "))));
        }
    }

    fn error_code_type(&mut self, src: &Source, codes: &[raw::ErrorCode]) -> TypeDef {
        let mut values: Vec<EnumValue> = Vec::new();
        for (i, c) in codes.iter().enumerate() {
            let rust = naming::camel(&c.code);
            if rust == "Unknown" || values.iter().any(|v| v.value == c.code || v.rust == rust) {
                self.err(
                    src.at(&path!["error_codes", i, "code"], format!("duplicate or reserved error code `{}`", c.code)),
                );
                continue;
            }
            values.push(EnumValue { value: c.code.clone(), rust, doc: c.doc.clone() });
        }
        TypeDef {
            name: BUILTIN_ERROR_CODE.into(),
            home: Home::Runtime,
            doc: "The `error` code of an error response. Codes the spec does not list are kept as text in `Unknown`."
                .into(),
            kind: TypeKind::Enum(values),
            in_request: false,
            in_response: true,
        }
    }

    fn type_def(&mut self, src: &Source, p: &NodePath, t: &raw::TypeDef, home: Home) -> TypeDef {
        let sub = |k: &str| {
            let mut q = p.clone();
            q.push(Seg::Key(k.into()));
            q
        };
        let (has_fields, has_values, has_variants) =
            (!t.fields.is_empty(), !t.values.is_empty(), !t.variants.is_empty());
        let allowed = match t.kind {
            raw::TypeKind::Struct => "fields",
            raw::TypeKind::Enum => "values",
            raw::TypeKind::KeyedUnion | raw::TypeKind::TaggedUnion => "variants",
            raw::TypeKind::Id => "",
        };
        for (present, key) in [(t.tag.is_some(), "tag"), (t.content.is_some(), "content")] {
            if present && t.kind != raw::TypeKind::TaggedUnion {
                self.err(src.at_key(&sub(key), format!("`{key}` belongs only on a tagged_union")));
            }
        }
        for (present, key) in [(has_fields, "fields"), (has_values, "values"), (has_variants, "variants")] {
            if present && key != allowed {
                self.err(src.at_key(&sub(key), format!("`{key}` does not belong on a type of this kind")));
            }
        }
        let kind = match t.kind {
            raw::TypeKind::Struct => {
                if !has_fields {
                    self.err(src.at_key(&sub("kind"), "a struct needs `fields`"));
                }
                TypeKind::Struct(self.fields(src, &sub("fields"), &t.fields, FieldUse::Struct))
            }
            raw::TypeKind::Enum => {
                let mut values: Vec<EnumValue> = Vec::new();
                for (i, v) in t.values.iter().enumerate() {
                    let rust = v.rust_name.clone().unwrap_or_else(|| naming::camel(&v.value));
                    let mut vp = sub("values");
                    vp.push(Seg::Index(i));
                    if rust == "Unknown" {
                        vp.push(Seg::Key(if v.rust_name.is_some() { "rust_name" } else { "value" }.into()));
                        self.err(src.at(
                            &vp,
                            format!(
                                "enum value `{}` would become the Rust variant `Unknown`, which is reserved for values the spec does not list; set `rust_name`",
                                v.value
                            ),
                        ));
                    } else if !naming::is_camel(&rust) {
                        vp.push(Seg::Key("rust_name".into()));
                        self.err(src.at(&vp, format!("enum variant name `{rust}` must be UpperCamelCase")));
                    } else if values.iter().any(|x| x.value == v.value || x.rust == rust) {
                        vp.push(Seg::Key("value".into()));
                        self.err(src.at(&vp, format!("duplicate enum value `{}`", v.value)));
                    } else {
                        values.push(EnumValue { value: v.value.clone(), rust, doc: v.doc.clone() });
                    }
                }
                if values.is_empty() && !has_values {
                    self.err(src.at_key(&sub("kind"), "an enum needs `values`"));
                }
                TypeKind::Enum(values)
            }
            raw::TypeKind::Id => TypeKind::Id,
            raw::TypeKind::KeyedUnion | raw::TypeKind::TaggedUnion => {
                let mut variants: Vec<Variant> = Vec::new();
                for (i, v) in t.variants.iter().enumerate() {
                    let mut vp = sub("variants");
                    vp.push(Seg::Index(i));
                    let mut tp = vp.clone();
                    tp.push(Seg::Key("type".into()));
                    let ty = self.ty(src, &tp, &v.ty, false).unwrap_or(Ty::Json);
                    let rust = naming::camel(&v.name);
                    if variants.iter().any(|x| x.key == v.name || x.rust == rust) || rust == "Other" {
                        vp.push(Seg::Key("name".into()));
                        self.err(src.at(&vp, format!("duplicate or reserved variant `{}`", v.name)));
                        continue;
                    }
                    variants.push(Variant { key: v.name.clone(), rust, ty, doc: v.doc.clone() });
                }
                if !has_variants {
                    self.err(src.at_key(&sub("kind"), "a union needs `variants`"));
                }
                if t.kind == raw::TypeKind::KeyedUnion {
                    TypeKind::KeyedUnion(variants)
                } else {
                    for (i, v) in variants.iter().enumerate() {
                        if !matches!(&v.ty, Ty::Named(n) if self.kinds.get(n) == Some(&NamedKind::Struct)) {
                            let mut vp = sub("variants");
                            vp.push(Seg::Index(i));
                            vp.push(Seg::Key("type".into()));
                            self.err(src.at(&vp, "a tagged_union variant must be a struct type"));
                        }
                    }
                    // Without `content`, the variant's fields sit beside the tag.
                    let (Some(tag), content) = (t.tag.clone(), t.content.clone()) else {
                        self.err(src.at_key(&sub("kind"), "a tagged_union needs `tag`"));
                        return TypeDef {
                            name: t.name.clone(),
                            home,
                            doc: t.doc.clone(),
                            kind: TypeKind::Id,
                            in_request: false,
                            in_response: false,
                        };
                    };
                    TypeKind::TaggedUnion { tag, content, variants }
                }
            }
        };
        TypeDef { name: t.name.clone(), home, doc: t.doc.clone(), kind, in_request: false, in_response: false }
    }

    /// Parses and resolves a type expression written at `p`.
    fn ty(&mut self, src: &Source, p: &NodePath, text: &str, allow_none: bool) -> Option<Ty> {
        match parse_ty(text) {
            Err(msg) => {
                self.err(src.at(p, format!("bad type `{text}`: {msg}")));
                None
            }
            Ok(expr) => self.resolve_expr(src, p, &expr, allow_none, text),
        }
    }

    fn resolve_expr(&mut self, src: &Source, p: &NodePath, e: &TyExpr, allow_none: bool, text: &str) -> Option<Ty> {
        let inner = |this: &mut Self, args: &[TyExpr], name: &str| -> Option<Box<Ty>> {
            if args.len() != 1 {
                this.err(
                    src.at(p, format!("bad type `{text}`: `{name}` takes one type argument, as in `{name}<string>`")),
                );
                return None;
            }
            this.resolve_expr(src, p, &args[0], false, text).map(Box::new)
        };
        let scalar = |this: &mut Self, ty: Ty| -> Option<Ty> {
            if !e.args.is_empty() {
                this.err(src.at(p, format!("bad type `{text}`: `{}` takes no type arguments", e.name)));
                return None;
            }
            Some(ty)
        };
        match e.name.as_str() {
            "string" => scalar(self, Ty::String),
            "integer" => scalar(self, Ty::Integer),
            "number" => scalar(self, Ty::Number),
            "boolean" => scalar(self, Ty::Boolean),
            "json" => scalar(self, Ty::Json),
            "secret" => scalar(self, Ty::Secret),
            "binary" => scalar(self, Ty::Binary),
            "none" if allow_none => scalar(self, Ty::None),
            "none" => {
                self.err(src.at(p, "type `none` is only allowed as a response type (`response.type: none`)"));
                None
            }
            "list" => inner(self, &e.args, "list").map(Ty::List),
            "map" => inner(self, &e.args, "map").map(Ty::Map),
            "one_or_many" => inner(self, &e.args, "one_or_many").map(Ty::OneOrMany),
            name if self.kinds.contains_key(name) => scalar(self, Ty::Named(name.to_owned())),
            name => {
                let hint = if name.starts_with(|c: char| c.is_ascii_lowercase()) {
                    "built-in types are string, integer, number, boolean, secret, binary, json, list<T>, map<T> and one_or_many<T>"
                } else {
                    "no type of that name is defined in any spec file"
                };
                self.err(src.at(p, format!("unknown type `{name}`: {hint}")));
                None
            }
        }
    }

    /// Resolves a list of fields (struct fields, body fields or envelope fields).
    fn fields(&mut self, src: &Source, p: &NodePath, raw_fields: &[raw::Field], usage: FieldUse) -> Vec<Field> {
        let mut out: Vec<Field> = Vec::new();
        for (i, f) in raw_fields.iter().enumerate() {
            let mut fp = p.clone();
            fp.push(Seg::Index(i));
            if let Some(field) = self.field(src, &fp, f, usage) {
                let mut np = fp.clone();
                np.push(Seg::Key("name".into()));
                if out.iter().any(|o| o.wire == field.wire) {
                    self.err(src.at(&np, format!("duplicate field `{}`", field.wire)));
                } else if out.iter().any(|o| o.rust == field.rust) {
                    self.err(src.at(
                        &np,
                        format!(
                            "field `{}` gets the Rust name `{}`, which another field already has; set `rust_name`",
                            field.wire, field.rust
                        ),
                    ));
                } else {
                    out.push(field);
                }
            }
        }
        out
    }

    fn field(&mut self, src: &Source, p: &NodePath, f: &raw::Field, usage: FieldUse) -> Option<Field> {
        let sub = |k: &str| {
            let mut q = p.clone();
            q.push(Seg::Key(k.into()));
            q
        };
        if usage != FieldUse::Param && f.in_.is_some() {
            self.err(src.at_key(&sub("in"), "`in` belongs only on operation parameters"));
        }
        if usage == FieldUse::Param && f.in_.is_none() {
            self.err(
                src.at_key(
                    &sub("name"),
                    format!("parameter `{}` needs `in: path`, `in: query` or `in: header`", f.name),
                ),
            );
        }
        if f.name.is_empty() {
            self.err(src.at(&sub("name"), "a name must not be empty"));
            return None;
        }
        let rust = match &f.rust_name {
            Some(r) if !naming::is_snake(r) || naming::is_keyword(r) => {
                self.err(src.at(&sub("rust_name"), format!("`{r}` is not a usable snake_case Rust name")));
                return None;
            }
            Some(r) => r.clone(),
            None => naming::snake(&f.name),
        };
        if matches!(rust.as_str(), "client" | "send" | "options" | "pages" | "items" | "send_all") {
            self.err(src.at(&sub("name"), format!("the Rust name `{rust}` is reserved; set another `rust_name`")));
        }
        let ty = self.ty(src, &sub("type"), &f.ty, false)?;
        let limits = Limits {
            min: f.min,
            max: f.max,
            max_length: f.max_length,
            min_items: f.min_items,
            max_items: f.max_items,
            key_max_length: f.key_max_length,
            value_max_length: f.value_max_length,
            key_chars: f.key_chars.clone(),
        };
        self.check_limits(src, p, &ty, &limits);
        let default = f.default.as_ref().map(|v| match v {
            serde_yaml::Value::String(s) => s.clone(),
            other => serde_yaml::to_string(other).unwrap_or_default().trim().to_owned(),
        });
        let required = match (usage, f.in_) {
            (FieldUse::Param, Some(raw::ParamIn::Path)) => {
                if f.required == Some(false) {
                    self.err(src.at(&sub("required"), "path parameters are always required"));
                }
                true
            }
            _ => f.required.unwrap_or(false),
        };
        if required && default.is_some() {
            self.err(src.at_key(&sub("default"), "a required input has no server default"));
        }
        let flatten = f.flatten.unwrap_or(false);
        if flatten && usage == FieldUse::Param {
            self.err(src.at_key(&sub("flatten"), "`flatten` applies only to body fields"));
        }
        if usage == FieldUse::Param && !f.aliases.is_empty() {
            self.err(src.at_key(
                &sub("aliases"),
                "`aliases` does not belong on a parameter: parameters are only sent, never read",
            ));
        }
        let aliases = f.aliases.clone();
        Some(Field {
            wire: f.name.clone(),
            rust,
            ty,
            required,
            limits,
            default,
            flatten,
            aliases,
            doc: f.doc.trim().to_owned(),
        })
    }

    fn check_limits(&mut self, src: &Source, p: &NodePath, ty: &Ty, l: &Limits) {
        let at = |k: &str| {
            let mut q = p.clone();
            q.push(Seg::Key(k.into()));
            q
        };
        let is_int = *ty == Ty::Integer;
        let is_text = matches!(ty, Ty::String | Ty::Secret)
            || matches!(ty, Ty::Named(n) if self.kinds.get(n) == Some(&NamedKind::Id));
        let is_coll = matches!(ty, Ty::List(_) | Ty::Map(_) | Ty::OneOrMany(_));
        let is_map = matches!(ty, Ty::Map(_));
        let is_text_map = matches!(ty, Ty::Map(v) if **v == Ty::String);
        let checks: [(&str, bool, bool, &str); 8] = [
            ("min", l.min.is_some(), is_int, "integers"),
            ("max", l.max.is_some(), is_int, "integers"),
            ("max_length", l.max_length.is_some(), is_text, "strings, secrets and IDs"),
            ("min_items", l.min_items.is_some(), is_coll, "lists and maps"),
            ("max_items", l.max_items.is_some(), is_coll, "lists and maps"),
            ("key_max_length", l.key_max_length.is_some(), is_map, "maps"),
            ("value_max_length", l.value_max_length.is_some(), is_text_map, "maps of strings"),
            ("key_chars", l.key_chars.is_some(), is_map, "maps"),
        ];
        for (key, present, fits, what) in checks {
            if present && !fits {
                self.err(src.at_key(&at(key), format!("`{key}` applies only to {what}")));
            }
        }
        if let (Some(a), Some(b)) = (l.min, l.max)
            && a > b
        {
            self.err(src.at(&at("max"), format!("`max` ({b}) is below `min` ({a})")));
        }
        if let (Some(a), Some(b)) = (l.min_items, l.max_items)
            && a > b
        {
            self.err(src.at(&at("max_items"), format!("`max_items` ({b}) is below `min_items` ({a})")));
        }
        if let Some(chars) = &l.key_chars
            && let Err(msg) = parse_char_ranges(chars)
        {
            self.err(src.at(&at("key_chars"), format!("bad `key_chars`: {msg}")));
        }
    }

    fn body(&mut self, src: &Source, p: &NodePath, b: &raw::Body, method: raw::Method, params: &[Param]) -> Body {
        let at = |k: &str| {
            let mut q = p.clone();
            q.push(Seg::Key(k.into()));
            q
        };
        if method == raw::Method::GET {
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
                let mut fields = self.fields(src, &at("value"), std::slice::from_ref(v), FieldUse::Struct);
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
                let fields = self.fields(src, &at("fields"), &b.fields, FieldUse::Struct);
                if kind == (BodyKind::Form { whole_map: false }) {
                    for (i, f) in fields.iter().enumerate() {
                        if !matches!(f.ty, Ty::String | Ty::Integer | Ty::Number | Ty::Boolean)
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

    fn area(
        &mut self,
        src: &Source,
        file: &raw::AreaFile,
        shared: &HashMap<String, ErrorDoc>,
        payload_keys: &[String],
    ) -> Area {
        let name = src.stem.clone();
        if !naming::is_snake(&name) || naming::is_keyword(&name) {
            self.err(src.diag_at(
                crate::locate::Pos { line: 1, col: 1 },
                format!("the file name `{name}` must be snake_case: it becomes a Rust module"),
            ));
        }
        let mut ops: Vec<Operation> = Vec::new();
        for (i, raw_op) in file.operations.iter().enumerate() {
            let p = path!["operations", i];
            if let Some(op) = self.operation(src, &p, raw_op, shared, payload_keys) {
                if ops.iter().any(|o| o.name == op.name) {
                    self.err(src.at(
                        &path!["operations", i, "name"],
                        format!("duplicate operation name `{}` in this area", op.name),
                    ));
                    continue;
                }
                ops.push(op);
            }
        }
        if file.operations.is_empty() {
            self.err(src.at_key(&path!["operations"], "an area needs at least one operation"));
        }
        Area {
            name,
            file: src.rel.clone(),
            title: file.title.clone(),
            doc: file.doc.trim().to_owned(),
            operations: ops,
        }
    }

    fn operation(
        &mut self,
        src: &Source,
        p: &NodePath,
        op: &raw::Operation,
        shared: &HashMap<String, ErrorDoc>,
        payload_keys: &[String],
    ) -> Option<Operation> {
        let sub = |k: &str| {
            let mut q = p.clone();
            q.push(Seg::Key(k.into()));
            q
        };
        let before = self.diags.0.len();
        if !naming::is_snake(&op.name) || naming::is_keyword(&op.name) {
            self.err(
                src.at(&sub("name"), format!("operation name `{}` must be snake_case and not a Rust keyword", op.name)),
            );
        }
        if op.summary.trim().is_empty() {
            self.err(src.at(&sub("summary"), "the summary must not be empty"));
        }

        // Parameters.
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
                Ty::String | Ty::Integer | Ty::Boolean | Ty::Number => true,
                Ty::Named(n) => matches!(kinds.get(n), Some(NamedKind::Id | NamedKind::Enum)),
                _ => false,
            };
            let ok = match (&location, &field.ty) {
                (ParamIn::Path, Ty::List(inner)) => scalar_ok(inner, &self.kinds),
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

        // Path template.
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

        // Body.
        let body = op.body.as_ref().map(|b| self.body(src, &sub("body"), b, op.method, &params));

        if op.max_body_bytes.is_some() && !matches!(&body, Some(b) if b.kind != BodyKind::Multipart) {
            self.err(src.at_key(&sub("max_body_bytes"), "`max_body_bytes` needs a JSON or form body"));
        }

        if op.body_size_counts.is_some() && op.max_body_bytes.is_none() {
            self.err(src.at_key(&sub("body_size_counts"), "`body_size_counts` needs `max_body_bytes`"));
        }

        // Response.
        let mut rp = sub("response");
        rp.push(Seg::Key("type".into()));
        let resp_ty =
            if op.response.ty.trim() == "binary" { Some(Ty::Binary) } else { self.ty(src, &rp, &op.response.ty, true) };
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

        // Paging.
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
                    Paging::Cursor { limit, cursor, next }
                }
                raw::PagingStyle::PageNumber => {
                    stray(
                        &[("limit", pg.limit.is_some()), ("cursor", pg.cursor.is_some()), ("next", pg.next.is_some())],
                        self,
                    );
                    let page = need(&pg.page, "page", self);
                    let size = need(&pg.size, "size", self);
                    Paging::PageNumber { page, size, first_page: pg.first_page.unwrap_or(1) }
                }
            }
        });

        if paging.is_some() && !matches!(resp_ty, Some(Ty::List(_) | Ty::OneOrMany(_))) {
            self.err(src.at_key(&sub("paging"), "paging needs a list response (`list<T>` or `one_or_many<T>`)"));
        }
        if let Some(Paging::Cursor { next, .. }) = &paging
            && !(next.len() == 1 && next[0] == "cursor" || next.len() > 1 && next[0] == "properties")
        {
            self.err(src.at(&sub("paging"), "`next` must be `cursor` or a path inside `properties`"));
        }

        // Rate limit.
        let rate_limit = op.rate_limit.as_ref().and_then(|text| match parse_rate(text) {
            Ok(r) => Some(r),
            Err(()) => {
                self.err(src.at(&sub("rate_limit"), format!("bad rate limit `{text}`: write N/s, N/min or N/day")));
                None
            }
        });

        // Errors.
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
                    errors.push(ErrorDoc {
                        status: e.status,
                        code: e.code.clone(),
                        description: e.description.clone(),
                    });
                }
            }
        }

        let notes: Vec<Note> = op.notes.iter().map(|n| Note { kind: n.kind, text: n.text.trim().to_owned() }).collect();

        // Seed row.
        let full_path = format!("/{{org_name}}/{{app_name}}{}", op.path);
        let seed = op.seed.as_ref().and_then(|s| {
            let mut sp = sub("seed");
            sp.push(Seg::Key("row".into()));
            let Some((m, rest)) = s.row.trim().split_once(char::is_whitespace) else {
                self.err(src.at(&sp, "a seed row reads `METHOD /path` as printed in the seed"));
                return None;
            };
            let corrected = m != op.method.as_str() || normalize_seed_path(rest.trim()) != normalize_seed_path(&full_path);
            if corrected && !notes.iter().any(|n| n.kind == NoteKind::Correction) {
                self.err(src.at(
                    &sp,
                    format!(
                        "the seed row `{}` differs from `{} {}`: add a note of kind `correction` saying what the seed gets wrong",
                        s.row.trim(),
                        op.method.as_str(),
                        full_path
                    ),
                ));
            }
            Some(Seed { line: s.line, row: s.row.trim().to_owned(), corrected })
        });

        if self.diags.0.len() > before {
            return None;
        }
        let area = src.stem.clone();
        let operation = Operation {
            id: format!("{area}_{}", op.name),
            name: op.name.clone(),
            area,
            file: src.rel.clone(),
            summary: op.summary.trim().to_owned(),
            doc: op.doc.as_ref().map(|d| d.trim().to_owned()),
            method: op.method,
            path: op.path.clone(),
            path_parts,
            source: op.source.clone(),
            rate_limit,
            seed,
            retry_safe: op.retry_safe.unwrap_or(op.method != raw::Method::POST),
            auth: op.auth.unwrap_or(raw::Auth::App) == raw::Auth::App,
            params,
            body,
            max_body_bytes: op.max_body_bytes,
            body_size_counts: op.body_size_counts.clone().unwrap_or_default(),
            response: Response { ty: resp_ty?, at },
            paging,
            errors,
            notes,
            provides_app_token: op.provides == Some(raw::Provides::AppToken),
        };
        if operation.provides_app_token {
            self.check_app_token_operation(src, p, &operation);
        }
        Some(operation)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldUse {
    Struct,
    Param,
}

/// A parsed type expression before names are resolved.
#[derive(Debug)]
struct TyExpr {
    name: String,
    args: Vec<TyExpr>,
}

fn parse_ty(text: &str) -> Result<TyExpr, String> {
    fn expr(s: &str, i: &mut usize) -> Result<TyExpr, String> {
        let b = s.as_bytes();
        let start = *i;
        while *i < b.len() && (b[*i].is_ascii_alphanumeric() || b[*i] == b'_') {
            *i += 1;
        }
        if start == *i {
            return Err(format!("expected a type name at position {}", start + 1));
        }
        let name = s[start..*i].to_owned();
        let mut args = Vec::new();
        if *i < b.len() && b[*i] == b'<' {
            *i += 1;
            args.push(expr(s, i)?);
            if *i < b.len() && b[*i] == b',' {
                return Err(format!("`{name}` takes one type argument, as in `{name}<string>`"));
            }
            if *i >= b.len() || b[*i] != b'>' {
                return Err("missing `>`".into());
            }
            *i += 1;
        }
        Ok(TyExpr { name, args })
    }
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut i = 0;
    let e = expr(&s, &mut i)?;
    if i != s.len() {
        return Err(format!("unexpected `{}`", &s[i..]));
    }
    Ok(e)
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

/// Reduces a path to its shape: the query string and `(…)` repetitions
/// dropped, every placeholder written `{}`.
pub(crate) fn normalize_seed_path(path: &str) -> String {
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

/// Parses `a-zA-Z0-9_.-` into inclusive ranges; a `-` first or last is literal.
pub(crate) fn parse_char_ranges(s: &str) -> Result<Vec<(char, char)>, String> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return Err("no characters given".into());
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if i + 2 < chars.len() && chars[i + 1] == '-' {
            let (a, b) = (chars[i], chars[i + 2]);
            if a > b {
                return Err(format!("range `{a}-{b}` runs backwards"));
            }
            out.push((a, b));
            i += 3;
        } else {
            out.push((chars[i], chars[i]));
            i += 1;
        }
    }
    Ok(out)
}

/// Marks which named types need `Serialize` (sent) and `Deserialize` (read).
fn mark_usage(api: &mut Api) {
    let mut req: BTreeSet<String> = BTreeSet::new();
    let mut resp: BTreeSet<String> = BTreeSet::new();
    resp.insert(BUILTIN_ERROR_CODE.into());
    for op in api.operations() {
        for p in &op.params {
            collect(&p.field.ty, &mut req);
        }
        for f in op.body.iter().flat_map(|b| &b.fields) {
            collect(&f.ty, &mut req);
        }
        collect(&op.response.ty, &mut resp);
    }
    for f in api.envelope.fields.iter().chain(&api.error_body) {
        collect(&f.ty, &mut resp);
    }
    // Callback payloads are read; replies to them are sent.
    for e in api.callbacks.iter().flat_map(|c| &c.events) {
        resp.insert(e.ty.clone());
        req.extend(e.reply.iter().map(|r| r.ty.clone()));
    }
    // Close over struct fields and union variants.
    for set in [&mut req, &mut resp] {
        loop {
            let before = set.len();
            for t in &api.types {
                if !set.contains(&t.name) {
                    continue;
                }
                match &t.kind {
                    TypeKind::Struct(fields) => fields.iter().for_each(|f| collect(&f.ty, set)),
                    TypeKind::KeyedUnion(vs) | TypeKind::TaggedUnion { variants: vs, .. } => {
                        vs.iter().for_each(|v| collect(&v.ty, set))
                    }
                    _ => {}
                }
            }
            if set.len() == before {
                break;
            }
        }
    }
    for t in &mut api.types {
        t.in_request = req.contains(&t.name);
        t.in_response = resp.contains(&t.name);
    }
}

fn contains_binary(ty: &Ty) -> bool {
    match ty {
        Ty::Binary => true,
        Ty::List(t) | Ty::Map(t) | Ty::OneOrMany(t) => contains_binary(t),
        _ => false,
    }
}

fn collect(ty: &Ty, out: &mut BTreeSet<String>) {
    match ty {
        Ty::Named(n) => {
            out.insert(n.clone());
        }
        Ty::List(t) | Ty::Map(t) | Ty::OneOrMany(t) => collect(t, out),
        _ => {}
    }
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

    #[test]
    fn char_ranges() {
        assert_eq!(parse_char_ranges("a-c_.-").unwrap(), vec![('a', 'c'), ('_', '_'), ('.', '.'), ('-', '-')]);
        assert!(parse_char_ranges("z-a").is_err());
    }

    #[test]
    fn type_expressions() {
        let e = parse_ty("list< map<string> >").unwrap();
        assert_eq!(e.name, "list");
        assert_eq!(e.args[0].args[0].name, "string");
        assert!(parse_ty("list<string").is_err());
        assert!(parse_ty("list<string>>").is_err());
    }
}

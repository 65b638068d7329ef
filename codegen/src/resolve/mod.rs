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
mod features;
mod names;
mod numbers;
mod operation;

/// The node under key `k` of the mapping at `p`.
fn key(p: &NodePath, k: &str) -> NodePath {
    let mut q = p.clone();
    q.push(Seg::Key(k.into()));
    q
}

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
    /// Where `source` pages live (`info.docs_base`).
    docs_base: String,
    /// Every `error_codes` code and alias, with the code it spells: a
    /// documented error must use one.
    error_codes: BTreeMap<String, String>,
}

/// A code as compared for aliases: lower case, without spaces, underscores
/// or hyphens (`Bad Request`, `Bad request` and `BAD_REQUEST` are one).
fn fold_spelling(code: &str) -> String {
    code.chars().filter(|c| !matches!(c, ' ' | '_' | '-')).flat_map(char::to_lowercase).collect()
}

const BUILTIN_ERROR_CODE: &str = "ErrorCode";

impl Resolver {
    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn run(&mut self, loaded: Loaded) -> Api {
        let (csrc, common) = loaded.common;
        self.docs_base = common.info.docs_base.clone();

        // Pass 1: every type name, so references may point across files.
        let mut seen: BTreeMap<String, ()> = BTreeMap::new();
        self.kinds.insert(BUILTIN_ERROR_CODE.into(), NamedKind::Enum);
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
                all_defs.push((src, path!["types", i], t, Home::Callbacks));
            }
        }
        for (src, p, t, _) in &all_defs {
            let mut np = p.clone();
            np.push(Seg::Key("name".into()));
            if !naming::is_camel(&t.name) {
                self.err(src.at(&np, format!("type name `{}` must be UpperCamelCase", t.name)));
            } else if naming::is_keyword(&t.name) {
                self.err(src.at(&np, format!("type name `{}` is a Rust keyword", t.name)));
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

        self.check_names(&loaded.areas, loaded.callbacks.as_ref().map(|(src, _)| src), &all_defs);

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
            if let Some(code) = &e.code {
                self.check_error_code(&csrc, &path!["shared_errors", i, "code"], code);
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
        let callbacks = loaded.callbacks.as_ref().map(|(src, file)| self.callbacks(src, file, &types));
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
            rust: names::crate_names(),
            features: Features::default(),
        };
        mark_usage(&mut api);
        numbers::mark(&mut api);
        api.features = features::features(&api);
        api
    }

    /// A documented error's code must be one `ErrorCode` knows, so that
    /// matching on it works for every error the docs list.
    fn check_error_code(&mut self, src: &Source, at: &NodePath, code: &str) {
        if !self.error_codes.contains_key(code) {
            let folded = fold_spelling(code);
            let hint = match self.error_codes.values().find(|c| fold_spelling(c) == folded) {
                Some(like) => format!("; it is spelled like `{like}`: add it to that code's `aliases`"),
                None => String::new(),
            };
            self.err(src.at(at, format!("error code `{code}` is not in `error_codes` in common.yaml{hint}")));
        }
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
            if rust == names::known_crate_names().unknown_variant
                || self.error_codes.contains_key(&c.code)
                || values.iter().any(|v| v.rust == rust)
            {
                self.err(
                    src.at(&path!["error_codes", i, "code"], format!("duplicate or reserved error code `{}`", c.code)),
                );
                continue;
            }
            self.error_codes.insert(c.code.clone(), c.code.clone());
            let mut aliases = Vec::new();
            for (j, a) in c.aliases.iter().enumerate() {
                let at = path!["error_codes", i, "aliases", j];
                if fold_spelling(a) != fold_spelling(&c.code) {
                    // An alias decodes into the same variant, so it must be
                    // the same word; a different code deserves its own variant.
                    self.err(src.at(
                        &at,
                        format!(
                            "alias `{a}` differs from `{}` in more than case, spaces or underscores; list it as a code of its own",
                            c.code
                        ),
                    ));
                } else if self.error_codes.insert(a.clone(), c.code.clone()).is_some() {
                    self.err(src.at(&at, format!("error code `{a}` is listed twice")));
                } else {
                    aliases.push(a.clone());
                }
            }
            values.push(EnumValue {
                value: c.code.clone(),
                rust,
                doc: c.doc.clone(),
                aliases,
                notes: operation::notes(&c.notes),
            });
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
                    if rust == names::known_crate_names().unknown_variant {
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
                    } else if naming::is_keyword(&rust) {
                        vp.push(Seg::Key(if v.rust_name.is_some() { "rust_name" } else { "value" }.into()));
                        self.err(src.at(
                            &vp,
                            format!("enum value `{}` would become the Rust keyword `{rust}`; set `rust_name`", v.value),
                        ));
                    } else if values.iter().any(|x| x.value == v.value || x.rust == rust) {
                        vp.push(Seg::Key("value".into()));
                        self.err(src.at(&vp, format!("duplicate enum value `{}`", v.value)));
                    } else {
                        values.push(EnumValue {
                            value: v.value.clone(),
                            rust,
                            doc: v.doc.clone(),
                            aliases: Vec::new(),
                            notes: Vec::new(),
                        });
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
                    let ty = self.ty(src, &tp, &v.ty, TyPlace::Value).unwrap_or(Ty::Json);
                    let rust = naming::camel(&v.name);
                    if variants.iter().any(|x| x.key == v.name || x.rust == rust)
                        || rust == names::known_crate_names().other_variant
                        || naming::is_keyword(&rust)
                    {
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
    fn ty(&mut self, src: &Source, p: &NodePath, text: &str, place: TyPlace) -> Option<Ty> {
        match parse_ty(text) {
            Err(msg) => {
                self.err(src.at(p, format!("bad type `{text}`: {msg}")));
                None
            }
            Ok(expr) => self.resolve_expr(src, p, &expr, place, text),
        }
    }

    fn resolve_expr(&mut self, src: &Source, p: &NodePath, e: &TyExpr, place: TyPlace, text: &str) -> Option<Ty> {
        let inner = |this: &mut Self, args: &[TyExpr], name: &str| -> Option<Box<Ty>> {
            if args.len() != 1 {
                this.err(
                    src.at(p, format!("bad type `{text}`: `{name}` takes one type argument, as in `{name}<string>`")),
                );
                return None;
            }
            this.resolve_expr(src, p, &args[0], TyPlace::Value, text).map(Box::new)
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
            "timestamp" => scalar(self, Ty::Timestamp),
            "mute_millis" => scalar(self, Ty::MuteDuration(MuteUnit::Millis)),
            "mute_seconds" => scalar(self, Ty::MuteDuration(MuteUnit::Seconds)),
            "boolean" => scalar(self, Ty::Boolean),
            "json" => scalar(self, Ty::Json),
            "secret" => scalar(self, Ty::Secret),
            "binary" => scalar(self, Ty::Binary),
            "none" if place == TyPlace::Response => scalar(self, Ty::None),
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
                    "built-in types are string, integer, number, boolean, timestamp, mute_millis, mute_seconds, secret, binary, json, list<T>, map<T> and one_or_many<T>"
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
                // Every name a key is read by (wire names and aliases) names
                // one field: the generated lookup is a `match` on them.
                let reads = |o: &Field, name: &str| o.wire == name || o.aliases.iter().any(|a| a == name);
                if out.iter().any(|o| o.wire == field.wire) {
                    self.err(src.at(&np, format!("duplicate field `{}`", field.wire)));
                } else if let Some(o) = out.iter().find(|o| reads(o, &field.wire)) {
                    self.err(src.at(&np, format!("field `{}` is an alias of field `{}` already", field.wire, o.wire)));
                } else if let Some((j, a, owner)) = field.aliases.iter().enumerate().find_map(|(j, a)| {
                    // The field that has the name already: an earlier one,
                    // or this one (its wire name, or the alias listed twice).
                    let own = *a == field.wire || field.aliases[..j].contains(a);
                    let owner = out.iter().find(|o| reads(o, a)).map(|o| &o.wire).or(own.then_some(&field.wire));
                    owner.map(|owner| (j, a, owner))
                }) {
                    let mut ap = fp.clone();
                    ap.push(Seg::Key("aliases".into()));
                    ap.push(Seg::Index(j));
                    self.err(
                        src.at(&ap, format!("alias `{a}` already names field `{owner}`: a key is read into one field")),
                    );
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
        if let Some(what) = names::field_clash(&rust, usage) {
            self.err(
                src.at(&sub("name"), format!("the Rust name `{rust}` is reserved for {what}; set another `rust_name`")),
            );
        }
        let ty = self.ty(src, &sub("type"), &f.ty, TyPlace::Value)?;
        let limits = Limits {
            min: f.min,
            max: f.max,
            max_length: f.max_length,
            min_items: f.min_items,
            max_items: f.max_items,
            key_max_length: f.key_max_length,
            value_max_length: f.value_max_length,
            key_chars: f.key_chars.as_ref().map(|text| CharSet {
                text: text.clone(),
                ranges: parse_char_ranges(text).unwrap_or_else(|msg| {
                    self.err(src.at(&sub("key_chars"), format!("bad `key_chars`: {msg}")));
                    Vec::new()
                }),
            }),
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
        if f.constant {
            // Only a value the spec pins down can be filled in for the
            // caller, and only where the generated request sends it.
            let one_value = matches!(&ty, Ty::Named(n) if self.single_value_enums.contains(n));
            if usage != FieldUse::Body || !required || !one_value {
                self.err(src.at_key(
                    &sub("constant"),
                    "`constant` needs a required request-body field whose type is an enum of exactly one value",
                ));
            }
        }
        Some(Field {
            wire: f.name.clone(),
            rust,
            ty,
            required,
            limits,
            default,
            flatten,
            aliases,
            constant: f.constant,
            doc: f.doc.trim().to_owned(),
        })
    }

    fn check_limits(&mut self, src: &Source, p: &NodePath, ty: &Ty, l: &Limits) {
        let at = |k: &str| {
            let mut q = p.clone();
            q.push(Seg::Key(k.into()));
            q
        };
        // A mute length's limits apply to the number sent (`-1`: forever).
        let is_int = matches!(ty, Ty::Integer | Ty::MuteDuration(_));
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
            rust: names::area_names(&src.stem),
        }
    }
}

/// Where a type expression is written: `none` (nothing to decode) makes
/// sense only as the type of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TyPlace {
    Response,
    Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldUse {
    /// A field of a named struct, the envelope or the error body.
    Struct,
    /// A field of a request body.
    Body,
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

/// Parses `a-zA-Z0-9_.-` into inclusive ranges; a `-` first or last is literal.
fn parse_char_ranges(s: &str) -> Result<Vec<(char, char)>, String> {
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

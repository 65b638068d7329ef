//! The resolved model: every name checked, every type reference resolved,
//! wire names kept apart from Rust names. Emitters read only this.

use std::collections::BTreeSet;

/// An HTTP method, written as the spec and the docs print it (`GET`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// What a spec note is and whom it is for. `Usage` notes tell a caller how
/// the call behaves and are the only ones the Rust docs show; the others
/// record the spec's provenance for reviewers (`docs/ENDPOINTS.md` and the
/// OpenAPI descriptions carry every note).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    Correction,
    Decision,
    Info,
    Usage,
}

impl NoteKind {
    /// The spec's spelling of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Correction => "correction",
            NoteKind::Decision => "decision",
            NoteKind::Info => "info",
            NoteKind::Usage => "usage",
        }
    }
}

/// The whole API.
#[derive(Debug)]
pub struct Api {
    pub info: Info,
    pub envelope: Envelope,
    pub error_body: Vec<Field>,
    pub error_body_doc: String,
    /// Every named type, in file order (`common.yaml` first).
    pub types: Vec<TypeDef>,
    /// Every area, sorted by name.
    pub areas: Vec<Area>,
    /// The callbacks Easemob sends to an app server, if the spec has them.
    pub callbacks: Option<Callbacks>,
    /// The names of the items the generator adds around the spec's own.
    pub rust: CrateNames,
    /// The cargo features of the generated crate and what each compiles.
    pub features: Features,
}

/// The cargo features of the generated crate: one per area, named after its
/// module, and one for the callbacks module, all on by default. A feature
/// enables the areas whose types its area uses. What the client itself
/// needs (the operation it fetches app tokens with, and every type that
/// operation or a common type reaches) is compiled whatever the features.
/// Resolve works this out from the type references; emitters only read it.
#[derive(Debug, Default)]
pub struct Features {
    /// One per area, in area order.
    pub areas: Vec<AreaFeature>,
    /// The callbacks module's, if the spec has callbacks.
    pub callbacks: Option<AreaFeature>,
    /// IDs of the operations compiled whatever the features.
    pub core_operations: BTreeSet<String>,
    /// Names of the types compiled whatever the features.
    pub core_types: BTreeSet<String>,
}

/// The feature of one area (or of the callbacks module).
#[derive(Debug)]
pub struct AreaFeature {
    /// The feature's name: the module's.
    pub name: String,
    /// The other features it enables: the areas whose types it uses, sorted.
    pub requires: Vec<String>,
    /// The module holds items compiled whatever the features, so the module
    /// itself is always compiled and its other items carry the feature.
    pub partly_core: bool,
}

/// Rust names the generator gives its own items. Resolve chooses them and
/// checks that no spec name meets them in the same scope; emitters only
/// read them.
#[derive(Debug)]
pub struct CrateNames {
    pub client: String,
    pub client_builder: String,
    /// `Client::builder`.
    pub builder_fn: String,
    /// `Client::raw`.
    pub raw_fn: String,
    pub fetch_app_token: String,
    pub decodable_operations: String,
    pub decode_response: String,
    /// The module of the common types, glob-re-exported at the crate root.
    pub common_module: String,
    /// The framing types the runtime crate owns.
    pub response_meta: String,
    pub error_body: String,
    pub error_code: String,
    /// The constructor of area handles and of the structs callers build.
    pub new_fn: String,
    /// The variant of every enum that keeps a value the spec does not list.
    pub unknown_variant: String,
    /// The variant of every union that keeps a variant the spec does not list.
    pub other_variant: String,
    pub request: RequestNames,
}

/// Items every request type has besides its inputs.
#[derive(Debug)]
pub struct RequestNames {
    /// The field holding the client (also on area handles).
    pub client_field: String,
    /// The per-call options: a field and its setter.
    pub options: String,
    pub send: String,
    pub pages: String,
    pub items: String,
    pub send_all: String,
}

/// The Rust names of one area.
#[derive(Debug)]
pub struct AreaNames {
    /// The module, and the `Client` method that returns the handle.
    pub module: String,
    pub handle: String,
}

/// The Rust names of one operation.
#[derive(Debug)]
pub struct OperationNames {
    /// The method on the area handle.
    pub method: String,
    pub request_type: String,
    /// The `static` the runtime reads the operation's description from.
    pub info_static: String,
}

#[derive(Debug)]
pub struct Info {
    pub title: String,
    pub version: String,
    pub doc: String,
    pub docs_base: String,
    pub docs_commit: String,
}

#[derive(Debug)]
pub struct Envelope {
    pub doc: String,
    pub payload_keys: Vec<String>,
    pub fields: Vec<Field>,
}

/// Where a named type is emitted: the common module or an area module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Home {
    /// The framing every answer shares, which the runtime itself decodes:
    /// emitted into the runtime crate.
    Runtime,
    Common,
    Area(String),
    /// The callbacks module.
    Callbacks,
}

#[derive(Debug)]
pub struct TypeDef {
    pub name: String,
    pub home: Home,
    pub doc: String,
    pub kind: TypeKind,
    /// Sent in a request body (needs `Serialize`).
    pub in_request: bool,
    /// Read from a response (needs `Deserialize`).
    pub in_response: bool,
}

#[derive(Debug)]
pub enum TypeKind {
    Struct(Vec<Field>),
    Enum(Vec<EnumValue>),
    Id,
    KeyedUnion(Vec<Variant>),
    /// `{"<tag>": "<variant>", "<content>": {...}}`, or with no `content`
    /// `{"<tag>": "<variant>", ...fields}` (the fields beside the tag).
    TaggedUnion {
        tag: String,
        content: Option<String>,
        variants: Vec<Variant>,
    },
}

#[derive(Debug)]
pub struct EnumValue {
    pub value: String,
    pub rust: String,
    pub doc: String,
    /// Other wire spellings decoded into the same variant (only error codes
    /// have them); `value` is what the variant sends and prints.
    pub aliases: Vec<String>,
    /// Reviewer notes (only error codes have them), listed in `docs/ENDPOINTS.md`.
    pub notes: Vec<Note>,
}

#[derive(Debug)]
pub struct Variant {
    pub key: String,
    pub rust: String,
    pub ty: Ty,
    pub doc: String,
}

/// A resolved type expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    Json,
    List(Box<Ty>),
    Map(Box<Ty>),
    OneOrMany(Box<Ty>),
    Named(String),
    /// A moment, sent as Unix milliseconds (`easemob::Timestamp`).
    Timestamp,
    /// How long a mute lasts, sent as a whole number of `MuteUnit`s with
    /// `-1` for forever (`easemob::MuteDuration`).
    MuteDuration(MuteUnit),
    /// Text that must never be shown: a password or secret (`crate::Secret`).
    Secret,
    /// File content: an upload in a multipart body, or a streamed download.
    Binary,
    /// Only as a response type: the payload is ignored.
    None,
}

/// The unit a mute length is sent in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MuteUnit {
    Millis,
    Seconds,
}

impl MuteUnit {
    /// The spec's spelling of the type (`mute_millis`, `mute_seconds`).
    pub fn spec_name(self) -> &'static str {
        match self {
            MuteUnit::Millis => "mute_millis",
            MuteUnit::Seconds => "mute_seconds",
        }
    }

    /// The runtime's marker type for the unit.
    pub fn runtime_marker(self) -> &'static str {
        match self {
            MuteUnit::Millis => "Millis",
            MuteUnit::Seconds => "Seconds",
        }
    }
}

/// What kind of named type a `Ty::Named` refers to; the emitters need it to
/// choose conversions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    Struct,
    Enum,
    Id,
    KeyedUnion,
    TaggedUnion,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Limits {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub max_length: Option<u64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub key_max_length: Option<u64>,
    pub value_max_length: Option<u64>,
    pub key_chars: Option<CharSet>,
}

/// The characters map keys may use: as written in the spec, for docs and
/// messages, and as the inclusive ranges it means, for the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharSet {
    pub text: String,
    pub ranges: Vec<(char, char)>,
}

impl Limits {
    pub fn is_empty(&self) -> bool {
        *self == Limits::default()
    }
}

/// A struct field, body field, envelope field or parameter.
#[derive(Debug, Clone)]
pub struct Field {
    pub wire: String,
    pub rust: String,
    pub ty: Ty,
    pub required: bool,
    pub limits: Limits,
    /// The server's default, as text, for documentation.
    pub default: Option<String>,
    /// Body fields: merged into the body object instead of nested.
    pub flatten: bool,
    /// Other wire names accepted when decoding.
    pub aliases: Vec<String>,
    /// A required body field of a one-value enum that the generated code
    /// fills in: neither an argument nor a setter.
    pub constant: bool,
    pub doc: String,
}

/// How a request body is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// A JSON object of `fields`.
    Object,
    /// A JSON value: `fields` holds exactly one field, the whole body.
    Value,
    /// `multipart/form-data`, one part per field.
    Multipart,
    /// `application/x-www-form-urlencoded`: scalar `fields`, or one `map<string>`
    /// field whose pairs are the whole form.
    Form { whole_map: bool },
}

#[derive(Debug)]
pub struct Body {
    pub kind: BodyKind,
    pub fields: Vec<Field>,
}

#[derive(Debug)]
pub struct Area {
    pub name: String,
    pub file: String,
    pub title: String,
    pub doc: String,
    pub operations: Vec<Operation>,
    pub rust: AreaNames,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamIn {
    Path,
    Query,
    Header,
}

#[derive(Debug)]
pub struct Param {
    pub location: ParamIn,
    pub field: Field,
}

#[derive(Debug)]
pub enum PathPart {
    Lit(String),
    /// Index into `Operation::params`.
    Param(usize),
}

#[derive(Debug)]
pub struct RateLimit {
    pub calls: u32,
    pub per: Per,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    Second,
    Minute,
    Day,
}

impl RateLimit {
    pub fn text(&self) -> String {
        let per = match self.per {
            Per::Second => "s",
            Per::Minute => "min",
            Per::Day => "day",
        };
        format!("{}/{per}", self.calls)
    }
}

#[derive(Debug)]
pub struct Seed {
    pub line: usize,
    pub row: String,
    /// The row differs from the operation beyond placeholder names.
    pub corrected: bool,
}

#[derive(Debug)]
pub struct Response {
    pub ty: Ty,
    /// Keys leading to the payload; empty for the whole body.
    pub at: Vec<String>,
    /// The docs' example of a successful answer (the whole body), if the
    /// spec gives one.
    pub example: Option<serde_json::Value>,
    /// Whether every decoder the payload reaches that could keep a JSON
    /// number read as a float is one of the runtime's, which note it (see
    /// `resolve::numbers`).
    pub numbers_noted: bool,
}

#[derive(Debug)]
pub enum Paging {
    Cursor { limit: String, cursor: String, next: Vec<String>, max_size: u64 },
    PageNumber { page: String, size: String, first_page: i64, max_size: u64 },
}

impl Paging {
    /// The largest page the server returns; a walk never asks for more, so a
    /// short page really is the last one.
    pub fn max_size(&self) -> u64 {
        match self {
            Paging::Cursor { max_size, .. } | Paging::PageNumber { max_size, .. } => *max_size,
        }
    }

    /// The query parameter that sets the page size.
    pub fn size_param(&self) -> &str {
        match self {
            Paging::Cursor { limit, .. } => limit,
            Paging::PageNumber { size, .. } => size,
        }
    }
}

/// How `send_all` splits an operation's one bounded list input.
#[derive(Debug, Clone)]
pub struct Batch {
    /// The Rust name of the list input.
    pub list: String,
    /// Items per call.
    pub max_items: u64,
}

#[derive(Debug, Clone)]
pub struct ErrorDoc {
    pub status: u16,
    pub code: Option<String>,
    pub description: String,
}

#[derive(Debug)]
pub struct Note {
    pub kind: NoteKind,
    pub text: String,
}

#[derive(Debug)]
pub struct Operation {
    /// Local name in the area: the Rust method.
    pub name: String,
    /// Global ID: `{area}_{name}`; the OpenAPI operationId.
    pub id: String,
    pub area: String,
    pub file: String,
    pub summary: String,
    pub doc: Option<String>,
    pub method: Method,
    /// Path after `/{org_name}/{app_name}`, as written.
    pub path: String,
    pub path_parts: Vec<PathPart>,
    /// The full path with every placeholder written `{}`: operations with
    /// the same shape and method are one OpenAPI operation.
    pub path_shape: String,
    /// `page.md#section` in the documentation repository.
    pub source: String,
    /// `source` as a URL.
    pub source_url: String,
    /// Where the operation and its `source` value sit in `file` (1-based
    /// lines), for tools that point a reviewer at the spec.
    pub line: usize,
    pub source_line: usize,
    pub rate_limit: Option<RateLimit>,
    pub seed: Option<Seed>,
    pub retry_safe: bool,
    pub auth: bool,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub max_body_bytes: Option<u64>,
    /// Body keys `max_body_bytes` counts; empty for the whole body.
    pub body_size_counts: Vec<String>,
    pub response: Response,
    pub paging: Option<Paging>,
    pub errors: Vec<ErrorDoc>,
    pub notes: Vec<Note>,
    /// The runtime fetches app tokens through this operation.
    pub provides_app_token: bool,
    /// A list input any length of which is sent in calls of its documented
    /// maximum (`send_all`), if the operation has one and allows splitting.
    pub batch: Option<Batch>,
    pub rust: OperationNames,
}

impl Operation {
    /// The full URL path template, with the org and app prefix.
    pub fn full_path(&self) -> String {
        format!("/{{org_name}}/{{app_name}}{}", self.path)
    }

    /// `source` as a Markdown link, as every document shows it.
    pub fn source_link(&self) -> String {
        source_link(&self.source, &self.source_url)
    }

    /// Required inputs in argument order: path parameters, required query and
    /// header parameters, required body fields.
    pub fn required_inputs(&self) -> Vec<&Field> {
        let mut out: Vec<&Field> = Vec::new();
        out.extend(self.params.iter().filter(|p| p.location == ParamIn::Path).map(|p| &p.field));
        out.extend(self.params.iter().filter(|p| p.location != ParamIn::Path && p.field.required).map(|p| &p.field));
        out.extend(self.body.iter().flat_map(|b| &b.fields).filter(|f| f.required && !f.constant));
        out
    }

    /// Optional inputs in setter order.
    pub fn optional_inputs(&self) -> Vec<&Field> {
        let mut out: Vec<&Field> = Vec::new();
        out.extend(self.params.iter().filter(|p| p.location != ParamIn::Path && !p.field.required).map(|p| &p.field));
        out.extend(self.body.iter().flat_map(|b| &b.fields).filter(|f| !f.required && !f.constant));
        out
    }
}

impl Api {
    pub fn find_type(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }

    /// The wire value of a [`constant`](Field::constant) body field: the one
    /// value of its enum.
    pub fn constant_value(&self, f: &Field) -> &str {
        match &f.ty {
            Ty::Named(t) => match self.find_type(t).map(|t| &t.kind) {
                Some(TypeKind::Enum(values)) => &values[0].value,
                _ => unreachable!("resolve checks a constant is a one-value enum"),
            },
            _ => unreachable!("resolve checks a constant is a one-value enum"),
        }
    }

    pub fn named_kind(&self, name: &str) -> NamedKind {
        match self.find_type(name).map(|t| &t.kind) {
            Some(TypeKind::Struct(_)) => NamedKind::Struct,
            Some(TypeKind::Enum(_)) => NamedKind::Enum,
            Some(TypeKind::Id) => NamedKind::Id,
            Some(TypeKind::KeyedUnion(_)) => NamedKind::KeyedUnion,
            Some(TypeKind::TaggedUnion { .. }) => NamedKind::TaggedUnion,
            None => unreachable!("type references are resolved before emission"),
        }
    }

    /// The operation the runtime fetches app tokens with, if the spec has one.
    pub fn app_token_operation(&self) -> Option<&Operation> {
        self.operations().find(|op| op.provides_app_token)
    }

    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.areas.iter().flat_map(|a| a.operations.iter())
    }

    /// The feature of an area.
    pub fn area_feature(&self, area: &Area) -> &AreaFeature {
        let i = self.areas.iter().position(|a| a.name == area.name).expect("an area of this spec");
        &self.features.areas[i]
    }

    /// The feature an area's module is compiled under: `None` when it holds
    /// items compiled whatever the features.
    pub fn module_feature(&self, area: &Area) -> Option<&str> {
        let f = self.area_feature(area);
        (!f.partly_core).then_some(f.name.as_str())
    }

    /// The feature an operation is compiled under; `None` for the client's own.
    pub fn operation_feature(&self, op: &Operation) -> Option<&str> {
        if self.features.core_operations.contains(&op.id) {
            return None;
        }
        let area = self.areas.iter().find(|a| a.name == op.area).expect("the operation's area");
        Some(self.area_feature(area).name.as_str())
    }

    /// The feature a named type is compiled under: its area's or the
    /// callbacks module's; `None` for common and core types.
    pub fn type_feature(&self, t: &TypeDef) -> Option<&str> {
        if self.features.core_types.contains(&t.name) {
            return None;
        }
        match &t.home {
            Home::Area(a) => {
                let area = self.areas.iter().find(|x| x.name == *a).expect("a type's home area exists");
                Some(self.area_feature(area).name.as_str())
            }
            Home::Callbacks => self.features.callbacks.as_ref().map(|f| f.name.as_str()),
            Home::Common | Home::Runtime => None,
        }
    }
}

/// The callbacks (webhooks) file: event types in dispatch order.
#[derive(Debug)]
pub struct Callbacks {
    pub file: String,
    pub title: String,
    pub doc: String,
    pub notes: Vec<Note>,
    pub events: Vec<CallbackEvent>,
    /// The methods on the event enum for the fields every payload shares.
    pub accessors: Vec<CallbackAccessor>,
    pub rust: CallbackNames,
}

/// Rust names the generator gives the items of the callbacks module (besides
/// the spec's payload types and the event variants). Resolve chooses them and
/// checks that no spec name meets them.
#[derive(Debug)]
pub struct CallbackNames {
    /// The module, `callbacks`; no area may take the name.
    pub module: String,
    /// The event enum.
    pub event_enum: String,
    /// The event enum's method naming the event type.
    pub event_type_fn: String,
    /// The receiver alias.
    pub receiver: String,
    /// What the module re-exports from `easemob_runtime::callbacks`.
    pub runtime_error: String,
    pub runtime_unknown_event: String,
    pub runtime_sign_test_body: String,
    /// The constructors and encoder on reply types.
    pub accept_fn: String,
    pub reject_fn: String,
    pub to_body_fn: String,
}

#[derive(Debug)]
pub struct CallbackEvent {
    /// snake_case name, as written.
    pub name: String,
    /// The variant of the event enum.
    pub rust: String,
    pub summary: String,
    pub doc: Option<String>,
    pub source: String,
    /// `source` under the documentation base URL.
    pub source_url: String,
    /// All must hold.
    pub when: Vec<Condition>,
    /// The payload struct.
    pub ty: String,
    pub reply: Option<CallbackReply>,
    pub notes: Vec<Note>,
}

impl CallbackEvent {
    /// `source` as a Markdown link, as every document shows it.
    pub fn source_link(&self) -> String {
        source_link(&self.source, &self.source_url)
    }
}

/// A method on the event enum answering a text or integer field every
/// event's payload has (same wire name, same type); unknown events answer
/// from their JSON.
#[derive(Debug)]
pub struct CallbackAccessor {
    pub method: String,
    pub wire: String,
    /// `Ty::String` or `Ty::Integer`.
    pub ty: Ty,
    /// The field's doc.
    pub doc: String,
    /// The field in each event's payload, in event order.
    pub fields: Vec<AccessorField>,
}

#[derive(Debug)]
pub struct AccessorField {
    /// The payload struct's field.
    pub rust: String,
    pub required: bool,
}

/// A test on the field at `path` of a callback body.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Condition {
    pub path: Vec<String>,
    pub test: Test,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Test {
    /// A string equal to one of these.
    OneOf(Vec<String>),
    Present,
    Absent,
}

impl Condition {
    /// The condition as a reader-facing phrase: `chat_type` is `chat` or `groupchat`.
    pub fn text(&self) -> String {
        let field = self.path.join(".");
        match &self.test {
            Test::OneOf(values) => {
                let vals: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                format!("`{field}` is {}", vals.join(" or "))
            }
            Test::Present => format!("`{field}` present"),
            Test::Absent => format!("no `{field}`"),
        }
    }
}

/// The answer a receiver sends back for an event.
#[derive(Debug)]
pub struct CallbackReply {
    /// A struct whose only required field is the boolean verdict.
    pub ty: String,
    /// The verdict field's Rust name.
    pub verdict: String,
    pub max_chars: u64,
}

/// A `page.md#section` source and its URL as a Markdown link.
fn source_link(source: &str, url: &str) -> String {
    let (page, section) = source.split_once('#').unwrap_or((source, ""));
    if section.is_empty() { format!("[`{page}`]({url})") } else { format!("[`{page}` § {section}]({url})") }
}

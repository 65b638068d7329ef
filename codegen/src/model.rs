//! The resolved model: every name checked, every type reference resolved,
//! wire names kept apart from Rust names. Emitters read only this.

pub use crate::raw::{Method, NoteKind};

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
}

impl Home {
    pub fn module(&self) -> &str {
        match self {
            Home::Runtime => "framing",
            Home::Common => "common",
            Home::Area(a) => a,
        }
    }
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
    /// Text that must never be shown: a password or secret (`crate::Secret`).
    Secret,
    /// File content: an upload in a multipart body, or a streamed download.
    Binary,
    /// Only as a response type: the payload is ignored.
    None,
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
    pub key_chars: Option<String>,
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
}

#[derive(Debug)]
pub enum Paging {
    Cursor { limit: String, cursor: String, next: Vec<String> },
    PageNumber { page: String, size: String, first_page: i64 },
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
    pub source: String,
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
}

impl Operation {
    /// The full URL path template, with the org and app prefix.
    pub fn full_path(&self) -> String {
        format!("/{{org_name}}/{{app_name}}{}", self.path)
    }

    /// Required inputs in argument order: path parameters, required query and
    /// header parameters, required body fields.
    pub fn required_inputs(&self) -> Vec<&Field> {
        let mut out: Vec<&Field> = Vec::new();
        out.extend(self.params.iter().filter(|p| p.location == ParamIn::Path).map(|p| &p.field));
        out.extend(self.params.iter().filter(|p| p.location != ParamIn::Path && p.field.required).map(|p| &p.field));
        out.extend(self.body.iter().flat_map(|b| &b.fields).filter(|f| f.required));
        out
    }

    /// Optional inputs in setter order.
    pub fn optional_inputs(&self) -> Vec<&Field> {
        let mut out: Vec<&Field> = Vec::new();
        out.extend(self.params.iter().filter(|p| p.location != ParamIn::Path && !p.field.required).map(|p| &p.field));
        out.extend(self.body.iter().flat_map(|b| &b.fields).filter(|f| !f.required));
        out
    }
}

impl Api {
    pub fn find_type(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
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
}

/// The callbacks (webhooks) file: event types in dispatch order.
#[derive(Debug)]
pub struct Callbacks {
    pub file: String,
    pub title: String,
    pub doc: String,
    pub notes: Vec<Note>,
    pub events: Vec<CallbackEvent>,
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
    /// All must hold.
    pub when: Vec<Condition>,
    /// The payload struct.
    pub ty: String,
    pub reply: Option<CallbackReply>,
    pub notes: Vec<Note>,
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

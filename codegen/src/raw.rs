//! The spec exactly as written in YAML. Unknown keys are rejected here, with
//! serde_yaml's own position; everything else is checked in `resolve`.

use serde::Deserialize;

/// `spec/common.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommonFile {
    pub info: Info,
    pub envelope: Envelope,
    pub error_body: ErrorBody,
    pub error_codes: Vec<ErrorCode>,
    #[serde(default)]
    pub types: Vec<TypeDef>,
    #[serde(default)]
    pub shared_errors: Vec<SharedError>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Info {
    pub title: String,
    pub version: String,
    pub doc: String,
    pub docs_base: String,
    pub docs_commit: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    pub doc: String,
    pub payload_keys: Vec<String>,
    pub fields: Vec<Field>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub doc: String,
    pub fields: Vec<Field>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    pub code: String,
    pub doc: String,
    /// Other spellings of the same code (case, spaces, underscores only).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Reviewer notes: where the code is documented, why it is spelled so.
    #[serde(default)]
    pub notes: Vec<Note>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedError {
    pub name: String,
    pub status: u16,
    #[serde(default)]
    pub code: Option<String>,
    pub description: String,
}

/// One API area file (`spec/chatrooms.yaml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaFile {
    pub title: String,
    pub doc: String,
    #[serde(default)]
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    pub name: String,
    pub kind: TypeKind,
    pub doc: String,
    #[serde(default)]
    pub fields: Vec<Field>,
    #[serde(default)]
    pub values: Vec<EnumValue>,
    #[serde(default)]
    pub variants: Vec<Variant>,
    /// tagged_union: the key naming the variant (`type`).
    #[serde(default)]
    pub tag: Option<String>,
    /// tagged_union: the key holding the variant's fields (`body`).
    #[serde(default)]
    pub content: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    Struct,
    Enum,
    Id,
    KeyedUnion,
    TaggedUnion,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    pub value: String,
    #[serde(default)]
    pub rust_name: Option<String>,
    pub doc: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub doc: String,
}

/// A struct field, body field or parameter; `in_` is set only on parameters.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub name: String,
    #[serde(default, rename = "in")]
    pub in_: Option<ParamIn>,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub required: Option<bool>,
    #[serde(default)]
    pub rust_name: Option<String>,
    #[serde(default)]
    pub default: Option<serde_yaml::Value>,
    /// Body fields only: the value's own fields are merged into the body.
    #[serde(default)]
    pub flatten: Option<bool>,
    /// Other wire names the server is documented to use for this field;
    /// accepted when decoding, never sent.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Body fields only: the field has one valid value (its type is an enum
    /// of one value), which the client sends; callers never pass it.
    #[serde(default)]
    pub constant: bool,
    pub doc: String,
    // Limits, inlined so that a misspelled key is reported where it stands.
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    #[serde(default)]
    pub max_length: Option<u64>,
    #[serde(default)]
    pub min_items: Option<u64>,
    #[serde(default)]
    pub max_items: Option<u64>,
    #[serde(default)]
    pub key_max_length: Option<u64>,
    #[serde(default)]
    pub value_max_length: Option<u64>,
    #[serde(default)]
    pub key_chars: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamIn {
    Path,
    Query,
    Header,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    pub name: String,
    pub summary: String,
    #[serde(default)]
    pub doc: Option<String>,
    pub method: Method,
    pub path: String,
    pub source: String,
    #[serde(default)]
    pub rate_limit: Option<String>,
    #[serde(default)]
    pub seed: Option<Seed>,
    #[serde(default)]
    pub retry_safe: Option<bool>,
    #[serde(default)]
    pub auth: Option<Auth>,
    #[serde(default)]
    pub params: Vec<Field>,
    #[serde(default)]
    pub body: Option<Body>,
    /// Largest encoded JSON body the server accepts, in bytes.
    #[serde(default)]
    pub max_body_bytes: Option<u64>,
    /// Top-level body keys whose encoded sizes `max_body_bytes` limits
    /// together; default: the whole body.
    #[serde(default)]
    pub body_size_counts: Option<Vec<String>>,
    pub response: Response,
    #[serde(default)]
    pub paging: Option<Paging>,
    #[serde(default)]
    pub errors: Vec<ErrorEntry>,
    #[serde(default)]
    pub notes: Vec<Note>,
    /// A job the runtime relies on this operation for.
    #[serde(default)]
    pub provides: Option<Provides>,
    /// Whether a list longer than its documented maximum may be sent as
    /// several calls (default true); false where the call replaces or
    /// creates something as a whole.
    #[serde(default)]
    pub splittable: Option<bool>,
}

/// Jobs the hand-written runtime hands to a generated operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provides {
    /// Fetching app tokens from client credentials.
    AppToken,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Auth {
    App,
    None,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seed {
    pub line: usize,
    pub row: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// `json` (default), `multipart` or `form` (`application/x-www-form-urlencoded`).
    #[serde(default)]
    pub content: Option<Content>,
    /// The top-level fields of the body.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// Instead of `fields`: the whole body is this one value (an array, say).
    #[serde(default)]
    pub value: Option<Field>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Content {
    Json,
    Multipart,
    Form,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub at: Option<String>,
    /// The docs' example of a successful answer, as JSON text.
    #[serde(default)]
    pub example: Option<String>,
}

/// How a paged list is walked. A plain struct (not a tagged enum) so that
/// serde_yaml keeps positions for its errors; `resolve` checks which keys
/// belong to which style.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paging {
    pub style: PagingStyle,
    #[serde(default)]
    pub limit: Option<String>,
    #[serde(default)]
    pub cursor: Option<String>,
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub size: Option<String>,
    #[serde(default)]
    pub first_page: Option<i64>,
    /// The largest page the server returns, whatever size is asked for.
    #[serde(default)]
    pub max_size: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PagingStyle {
    Cursor,
    PageNumber,
}

/// An entry of `errors`: a `shared_errors` name or an inline error.
#[derive(Debug)]
pub enum ErrorEntry {
    Shared(String),
    Inline(InlineError),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InlineError {
    pub status: u16,
    #[serde(default)]
    pub code: Option<String>,
    pub description: String,
}

impl<'de> Deserialize<'de> for ErrorEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = ErrorEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("the name of a shared error or {status, code, description}")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ErrorEntry, E> {
                Ok(ErrorEntry::Shared(v.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<ErrorEntry, A::Error> {
                InlineError::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(ErrorEntry::Inline)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub kind: NoteKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    Correction,
    Decision,
    Info,
    Usage,
}

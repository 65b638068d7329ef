//! The types of the generated operation table (`generated/routes.rs`): the
//! spec's operations and types as static data. The generator writes the
//! values; these definitions are hand-written so the mock's code can be read
//! without the generator.

/// One operation of the spec.
#[derive(Debug)]
pub struct Operation {
    /// The operation ID (`users_get`), as the client's errors and spans name it.
    pub id: &'static str,
    /// `GET`, `POST`, `PUT` or `DELETE`.
    pub method: &'static str,
    /// The path after `/{org_name}/{app_name}`, one entry per segment.
    pub path: &'static [Segment],
    /// Whether an app token is required.
    pub auth: bool,
    /// Path, query and header parameters.
    pub params: &'static [Param],
    /// The request body, if the operation has one.
    pub body: Option<Body>,
    /// The largest body the docs allow, in bytes.
    pub max_body_bytes: Option<u64>,
    /// The top-level body keys `max_body_bytes` counts; empty for the whole body.
    pub body_size_counts: &'static [&'static str],
    /// The documented error answers.
    pub errors: &'static [ErrorDoc],
    /// How the operation pages, for paged lists.
    pub paging: Option<Paging>,
    /// The answer is a file, not JSON.
    pub binary_response: bool,
    /// An answer in the documented shape (JSON text), for operations the
    /// mock keeps no state for.
    pub example: &'static str,
}

/// One segment of a path template.
#[derive(Debug, Clone, Copy)]
pub enum Segment {
    /// Literal text.
    Lit(&'static str),
    /// A parameter, by name.
    Param(&'static str),
}

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A header (lower case).
    Header,
}

/// A path, query or header parameter.
#[derive(Debug)]
pub struct Param {
    /// Where it is sent.
    pub location: Location,
    /// Its name, type and limits.
    pub field: Field,
}

/// A parameter, body field or struct field.
#[derive(Debug)]
pub struct Field {
    /// The wire name.
    pub name: &'static str,
    /// Its type.
    pub ty: Ty,
    /// Whether it must be present.
    pub required: bool,
    /// A body field whose value's keys sit in the body itself.
    pub flatten: bool,
    /// The documented limits.
    pub limits: Limits,
}

impl Param {
    /// A path parameter.
    pub const fn path(field: Field) -> Param {
        Param { location: Location::Path, field }
    }

    /// A query parameter.
    pub const fn query(field: Field) -> Param {
        Param { location: Location::Query, field }
    }

    /// A header parameter.
    pub const fn header(field: Field) -> Param {
        Param { location: Location::Header, field }
    }
}

impl Field {
    /// A field that must be present, not flattened, without limits.
    pub const fn required(name: &'static str, ty: Ty) -> Field {
        Field { name, ty, required: true, flatten: false, limits: Limits::NONE }
    }

    /// A field that may be absent, not flattened, without limits.
    pub const fn optional(name: &'static str, ty: Ty) -> Field {
        Field { name, ty, required: false, flatten: false, limits: Limits::NONE }
    }

    /// The same field, flattened.
    pub const fn flattened(self) -> Field {
        Field { flatten: true, ..self }
    }

    /// The same field with these limits.
    pub const fn limits(self, limits: Limits) -> Field {
        Field { limits, ..self }
    }
}

/// The documented limits of a value.
#[derive(Debug)]
pub struct Limits {
    /// Inclusive lower bound of an integer.
    pub min: Option<i64>,
    /// Inclusive upper bound of an integer.
    pub max: Option<i64>,
    /// Most characters of a string.
    pub max_length: Option<u64>,
    /// Fewest items of a list or map.
    pub min_items: Option<u64>,
    /// Most items of a list or map.
    pub max_items: Option<u64>,
    /// Most characters of a map key.
    pub key_max_length: Option<u64>,
    /// Most characters of a map value.
    pub value_max_length: Option<u64>,
    /// The characters a map key may use, as inclusive ranges.
    pub key_chars: Option<&'static [(char, char)]>,
}

impl Limits {
    /// No limit at all.
    pub const NONE: Limits = Limits {
        min: None,
        max: None,
        max_length: None,
        min_items: None,
        max_items: None,
        key_max_length: None,
        value_max_length: None,
        key_chars: None,
    };
}

/// A type expression of the spec.
#[derive(Debug)]
pub enum Ty {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// Any JSON.
    Json,
    /// Text that is a password or secret.
    Secret,
    /// File content (a multipart part).
    Binary,
    /// No payload.
    None,
    /// A JSON array.
    List(&'static Ty),
    /// A JSON object with free keys.
    Map(&'static Ty),
    /// One value or an array of them.
    OneOrMany(&'static Ty),
    /// A named type of [`TYPES`](crate::generated::routes::TYPES).
    Named(&'static str),
}

/// How a body is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// A JSON object of the fields.
    Object,
    /// One JSON value: the one field is the whole body.
    Value,
    /// `multipart/form-data`.
    Multipart,
    /// `application/x-www-form-urlencoded`; `whole_map`: the one map field is the form.
    Form {
        /// The form is the pairs of one map field.
        whole_map: bool,
    },
}

/// A request body.
#[derive(Debug)]
pub struct Body {
    /// How it is encoded.
    pub kind: BodyKind,
    /// Its fields.
    pub fields: &'static [Field],
}

/// A documented error answer.
#[derive(Debug)]
pub struct ErrorDoc {
    /// HTTP status.
    pub status: u16,
    /// The `error` code, when the docs give one.
    pub code: Option<&'static str>,
    /// The documented `error_description`.
    pub description: &'static str,
}

impl ErrorDoc {
    /// An error answer with its status, `error` code (if any) and description.
    pub const fn new(status: u16, code: Option<&'static str>, description: &'static str) -> ErrorDoc {
        ErrorDoc { status, code, description }
    }
}

/// How a list pages.
#[derive(Debug)]
pub enum Paging {
    /// A cursor from the previous answer.
    Cursor {
        /// The page-size query parameter.
        limit: &'static str,
        /// The cursor query parameter.
        cursor: &'static str,
        /// The largest page the server returns.
        max_size: u64,
    },
    /// Numbered pages.
    PageNumber {
        /// The page-number query parameter.
        page: &'static str,
        /// The page-size query parameter.
        size: &'static str,
        /// The number of the first page.
        first_page: i64,
        /// The largest page the server returns.
        max_size: u64,
    },
}

/// A named type.
#[derive(Debug)]
pub struct TypeDef {
    /// Its spec name.
    pub name: &'static str,
    /// Its shape.
    pub kind: TypeKind,
}

/// The shape of a named type.
#[derive(Debug)]
pub enum TypeKind {
    /// An object of fields.
    Struct(&'static [Field]),
    /// A string of one of these values.
    Enum(&'static [&'static str]),
    /// An identifier string.
    Id,
    /// An object with one key naming the variant.
    KeyedUnion(&'static [Variant]),
    /// An object whose `tag` names the variant; its fields under `content`, or beside the tag.
    TaggedUnion {
        /// The key naming the variant.
        tag: &'static str,
        /// The key holding the variant's fields, if any.
        content: Option<&'static str>,
        /// The variants.
        variants: &'static [Variant],
    },
}

/// A variant of a union.
#[derive(Debug)]
pub struct Variant {
    /// The key or tag value naming it.
    pub key: &'static str,
    /// Its type.
    pub ty: Ty,
}

/// The named type called `name`.
pub fn find_type(name: &str) -> Option<&'static TypeDef> {
    crate::generated::routes::TYPES.iter().find(|t| t.name == name)
}

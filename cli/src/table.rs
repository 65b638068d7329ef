//! The shape of the generated command table (`generated/`): what the
//! generator knows of each operation, as static data the CLI reads.

use easemob_runtime::__private::{CharSet, OperationInfo};

/// One area of the API: `easemob <area> …`.
#[derive(Debug)]
pub struct Area {
    /// The subcommand (kebab-case module name).
    pub name: &'static str,
    pub about: &'static str,
    pub long_about: &'static str,
    pub operations: &'static [Operation],
}

/// One operation: `easemob <area> <operation> …`.
#[derive(Debug)]
pub struct Operation {
    /// The subcommand (kebab-case operation name).
    pub name: &'static str,
    /// The spec's summary, for the list of commands.
    pub about: &'static str,
    /// The operation's docs, for `--help`.
    pub long_about: &'static str,
    /// What the runtime knows of the operation (the same as the typed client's).
    pub info: &'static OperationInfo,
    pub path: &'static [PathPart],
    /// Path parameters first (positional), then required, then optional inputs.
    pub inputs: &'static [Input],
    /// Body fields with one documented value (`grant_type`), as wire name and
    /// value: always sent, never asked for.
    pub constants: &'static [(&'static str, &'static str)],
    pub body: Option<BodyKind>,
    pub max_body: Option<BodySize>,
    pub paging: Option<Paging>,
    pub response: ResponseKind,
}

/// A piece of the path after `/{org}/{app}`.
#[derive(Debug)]
pub enum PathPart {
    Lit(&'static str),
    /// The input at this index of [`Operation::inputs`].
    Input(usize),
}

/// One input of an operation: an argument of its command.
#[derive(Debug)]
pub struct Input {
    /// The argument's id and long flag (or the positional's name).
    pub flag: &'static str,
    /// The name on the wire.
    pub wire: &'static str,
    /// The name the typed client gives it; errors about the input use it.
    pub name: &'static str,
    pub help: &'static str,
    pub location: Location,
    pub kind: Kind,
    pub required: bool,
    /// A body field whose object is merged into the body.
    pub flatten: bool,
    pub limits: Limits,
    /// Wire names of secret fields inside this (JSON) input.
    pub secret_keys: &'static [&'static str],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
    Body,
}

/// How an input's argument text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Scalar(Scalar),
    /// Repeated flag (comma-separated as a path parameter).
    List(Scalar),
    /// A password or other secret: `@FILE`, `-` (stdin) or, with a warning, the text.
    Secret,
    /// A JSON value (objects, unions, maps, lists of objects).
    Json,
    /// A path to a file to upload, streamed.
    File,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    Text,
    Integer,
    // The spec has no number inputs today; the generator emits this when it does.
    #[allow(dead_code)]
    Number,
    Boolean,
}

/// The documented limits of an input, checked before anything is sent.
#[derive(Debug)]
pub struct Limits {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub max_length: Option<usize>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub key_max_length: Option<usize>,
    pub key_chars: Option<&'static CharSet>,
    pub value_max_length: Option<usize>,
}

impl Limits {
    /// No documented limit.
    pub const NONE: Limits = Limits {
        min: None,
        max: None,
        max_length: None,
        min_items: None,
        max_items: None,
        key_max_length: None,
        key_chars: None,
        value_max_length: None,
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Object,
    Value,
    Multipart,
    Form { whole_map: bool },
}

/// The documented maximum size of the body (or of some of its keys).
#[derive(Debug)]
pub struct BodySize {
    pub max: usize,
    pub keys: &'static [&'static str],
}

/// How a list pages; the fields are indexes into [`Operation::inputs`].
#[derive(Debug)]
pub enum Paging {
    Cursor { cursor: usize, limit: usize, next_at: &'static [&'static str], cap: i64 },
    PageNumber { page: usize, size: usize, default_size: Option<i64>, first_page: i64, cap: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseKind {
    /// A JSON payload.
    Value,
    /// A list payload (paged ones walk with `--all`).
    List,
    /// Nothing beyond the envelope.
    Nothing,
    /// A file, streamed to `--output`.
    File,
}

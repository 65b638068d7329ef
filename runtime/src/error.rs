//! Errors. Every failure is one of five kinds: the inputs broke a documented
//! rule (nothing was sent), the server answered with an error status, the
//! exchange failed in transport, the answer could not be decoded, or the
//! client was configured wrongly.

use std::fmt;
use std::time::Duration;

use crate::generated::{ErrorBody, ErrorCode};

/// Any failure of a call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input breaks a rule the docs state; nothing was sent.
    #[error(transparent)]
    InvalidInput(#[from] InvalidInput),
    /// The server answered with an error status (boxed: it carries the body).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The request could not be sent or the answer not received.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The server answered with a success status, but the body does not have the documented shape.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The client is configured wrongly (bad base URL, no credentials).
    #[error(transparent)]
    Config(#[from] ConfigError),
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

impl Error {
    /// The operation ID (`chatrooms_get`) of the call that failed, if any.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::InvalidInput(e) => Some(e.operation),
            Error::Api(e) => Some(e.operation),
            Error::Transport(e) => Some(e.operation),
            Error::Decode(e) => Some(e.operation),
            Error::Config(_) => None,
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// The API error, when the server answered with an error status.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }
}

/// An input that breaks a documented rule, found before anything was sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{operation}: invalid `{field}`: {rule}")]
#[non_exhaustive]
pub struct InvalidInput {
    /// Operation ID of the call.
    pub operation: &'static str,
    /// The Rust name of the offending input.
    pub field: &'static str,
    /// The rule, stated for a person, with the value that broke it.
    pub rule: String,
}

/// An error status from the server, with the documented error body decoded.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// Operation ID of the call.
    pub operation: &'static str,
    /// HTTP status.
    pub status: u16,
    /// The `error` code, when the body carried one. Codes the spec does not
    /// know are kept in [`ErrorCode::Unknown`].
    pub code: Option<ErrorCode>,
    /// The server's exception class, when given.
    pub exception: Option<String>,
    /// The human-readable `error_description`, when given.
    pub description: Option<String>,
    /// The whole error body, when it was JSON in the documented shape.
    pub body: Option<ErrorBody>,
    /// The start of the raw body (at most 2 KiB), for bodies that are not the
    /// documented JSON, such as an HTML page from a proxy.
    pub raw_body: String,
    /// How long the server asked the client to wait (`Retry-After`), if it did.
    pub retry_after: Option<Duration>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: HTTP {}", self.operation, self.status)?;
        if let Some(c) = &self.code {
            write!(f, " {c}")?;
        }
        match &self.description {
            Some(d) => write!(f, ": {d}"),
            None if self.body.is_none() && !self.raw_body.is_empty() => {
                let excerpt: String = self.raw_body.chars().take(120).collect();
                write!(f, " (body: {excerpt:?})")
            }
            None => Ok(()),
        }
    }
}

impl std::error::Error for ApiError {}

/// What went wrong in transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made.
    Connect,
    /// The request or the connection timed out.
    Timeout,
    /// The connection broke while the body was being read.
    Body,
    /// The response body is larger than the client accepts.
    TooLarge,
    /// Anything else reqwest reports.
    Other,
}

/// The exchange failed below HTTP.
#[derive(Debug, thiserror::Error)]
#[error("{operation}: transport error ({kind:?}): {message}")]
#[non_exhaustive]
pub struct TransportError {
    /// Operation ID of the call.
    pub operation: &'static str,
    /// What kind of failure.
    pub kind: TransportErrorKind,
    /// Description of the failure.
    pub message: String,
    /// The underlying error, when reqwest reported one.
    #[source]
    pub source: Option<reqwest::Error>,
}

impl TransportError {
    pub(crate) fn from_reqwest(operation: &'static str, e: reqwest::Error) -> Self {
        let kind = if e.is_timeout() {
            TransportErrorKind::Timeout
        } else if e.is_connect() {
            TransportErrorKind::Connect
        } else if e.is_body() || e.is_decode() {
            TransportErrorKind::Body
        } else {
            TransportErrorKind::Other
        };
        // reqwest's message may carry the URL, which holds IDs but never a
        // token (tokens travel in a header).
        TransportError { operation, kind, message: e.to_string(), source: Some(e) }
    }
}

/// A success status with a body that does not decode.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{operation}: HTTP {status} answer does not decode: {message}")]
#[non_exhaustive]
pub struct DecodeError {
    /// Operation ID of the call.
    pub operation: &'static str,
    /// HTTP status.
    pub status: u16,
    /// What did not match, with the JSON path where it happened.
    pub message: String,
    /// The start of the raw body (at most 2 KiB).
    pub raw_body: String,
}

/// The client is configured wrongly.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("client configuration: {0}")]
pub struct ConfigError(pub(crate) String);

/// The first 2 KiB of a body, as text.
pub(crate) fn excerpt(bytes: &[u8]) -> String {
    const MAX: usize = 2048;
    let cut = &bytes[..bytes.len().min(MAX)];
    let mut s = String::from_utf8_lossy(cut).into_owned();
    if bytes.len() > MAX {
        s.push('…');
    }
    s
}

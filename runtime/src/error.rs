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
    /// No app token could be had (the token endpoint or the caller's token
    /// source failed), so the call itself was not sent. The inner error is
    /// the token request's own.
    #[error("no app token, so the call was not sent")]
    Token(#[source] Box<Error>),
    /// A failure reported by code plugged into the client (a token source,
    /// a callback): built with [`Error::other`] or [`Error::with_source`].
    #[error(transparent)]
    Other(#[from] OtherError),
}

/// A failure of user code plugged into the client, such as a secrets service
/// behind [`Credentials::callback`](crate::Credentials::callback).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct OtherError {
    message: String,
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl OtherError {
    /// What the plugged-in code said went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Whether a failed request may have reached the server, and so may have
/// taken effect: what a caller asks before repeating a send itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reached {
    /// Nothing was sent (an input check failed, no connection was made, no
    /// token could be had), or the server refused the request unprocessed
    /// (HTTP/2): repeating the call cannot duplicate anything.
    No,
    /// The request may or may not have reached the server (a timeout, a
    /// connection closed before any answer): a send may have been delivered.
    Maybe,
    /// The server received it and answered (an error status, or an answer
    /// that broke off or did not decode). Whether it took effect depends on
    /// the answer: a 4xx means it was refused; a 5xx or a broken answer
    /// means it may have taken effect.
    Yes,
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

impl Error {
    /// A failure of code plugged into the client (a token source, a hook),
    /// described by `message`. No request was sent because of it.
    ///
    /// ```
    /// let e = easemob_runtime::Error::other("the vault is sealed");
    /// assert_eq!(e.to_string(), "the vault is sealed");
    /// ```
    pub fn other(message: impl Into<String>) -> Self {
        Error::Other(OtherError { message: message.into(), source: None })
    }

    /// [`Error::other`] with the underlying cause, which
    /// [`source()`](std::error::Error::source) returns (and which `message`
    /// should not repeat: error reporters print both).
    pub fn with_source(
        message: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Self {
        Error::Other(OtherError { message: message.into(), source: Some(source.into()) })
    }

    /// The `error` code of the server's answer, when it sent one (also
    /// through a failed token request).
    pub fn code(&self) -> Option<&ErrorCode> {
        match self {
            Error::Api(e) => e.code.as_ref(),
            Error::Token(e) => e.code(),
            _ => None,
        }
    }

    /// Whether the same call may succeed if tried again later: a 429, a 5xx,
    /// a timeout, a refused or dropped connection, or a token request that
    /// failed for one of these. Whether repeating it is *safe* (a send may
    /// already have been delivered) is [`reached_server`](Self::reached_server)'s
    /// question. The client has already retried what its
    /// [`RetryPolicy`](crate::RetryPolicy) allows; see [`attempts`](Self::attempts).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => e.status == 429 || matches!(e.status, 500 | 502 | 503 | 504),
            Error::Transport(t) => matches!(
                t.kind,
                TransportErrorKind::Timeout
                    | TransportErrorKind::Connect
                    | TransportErrorKind::Refused
                    | TransportErrorKind::Closed
                    | TransportErrorKind::Body
            ),
            Error::Token(e) => e.is_retryable(),
            Error::InvalidInput(_) | Error::Decode(_) | Error::Config(_) | Error::Other(_) => false,
        }
    }

    /// How many times the request was sent before the client gave up: 0
    /// when nothing was sent (an input check, the configuration, no token).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Api(e) => e.attempts,
            Error::Transport(e) => e.attempts,
            Error::Decode(e) => e.attempts,
            Error::InvalidInput(_) | Error::Config(_) | Error::Token(_) | Error::Other(_) => 0,
        }
    }

    /// Records how many attempts the call made (set by the attempt loop).
    pub(crate) fn with_attempts(mut self, n: u32) -> Self {
        match &mut self {
            Error::Api(e) => e.attempts = n,
            Error::Transport(e) => e.attempts = n,
            Error::Decode(e) => e.attempts = n,
            _ => {}
        }
        self
    }

    /// The operation ID (`chatrooms_get`) of the call that failed, if any.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::InvalidInput(e) => Some(e.operation),
            Error::Api(e) => Some(e.operation),
            Error::Transport(e) => Some(e.operation),
            Error::Decode(e) => Some(e.operation),
            Error::Config(_) | Error::Other(_) => None,
            Error::Token(e) => e.operation(),
        }
    }

    /// Whether the request may have reached the server; see [`Reached`].
    /// This is the question to ask before repeating a send that failed: the
    /// client itself never repeats an unsafe call (a send, a create) unless
    /// the answer was `No`, or the server refused it (401, 429), or the
    /// caller opted in with [`RetryPolicy::replay_unsafe`](crate::RetryPolicy::replay_unsafe).
    pub fn reached_server(&self) -> Reached {
        match self {
            Error::InvalidInput(_) | Error::Config(_) | Error::Token(_) | Error::Other(_) => Reached::No,
            Error::Api(_) | Error::Decode(_) => Reached::Yes,
            Error::Transport(t) => t.reached(),
        }
    }

    /// `reached_server() != Reached::No`: whether the request may have been
    /// delivered (so a send may have taken effect).
    pub fn may_have_reached_server(&self) -> bool {
        self.reached_server() != Reached::No
    }

    /// The same failure again, for callers that share one (waiters on a
    /// token fetch). The `source` of a transport error is not kept.
    pub(crate) fn duplicate(&self) -> Error {
        match self {
            Error::InvalidInput(e) => Error::InvalidInput(e.clone()),
            Error::Api(e) => Error::Api(e.clone()),
            Error::Transport(t) => Error::Transport(
                TransportError { source: None, ..TransportError::new(t.operation, t.kind, t.message.clone()) }
                    .with_attempts_of(t),
            ),
            Error::Decode(e) => Error::Decode(e.clone()),
            Error::Config(e) => Error::Config(e.clone()),
            Error::Token(e) => Error::Token(Box::new(e.duplicate())),
            Error::Other(e) => Error::Other(OtherError { message: e.message.clone(), source: None }),
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
    /// How many times the request was sent (retries included).
    pub attempts: u32,
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
    /// The connection broke while the body was being read: the server had
    /// received the request and begun to answer.
    Body,
    /// The connection was closed or reset after the request was sent and
    /// before any answer (a stale keep-alive connection, a load balancer):
    /// the request may or may not have reached the server.
    Closed,
    /// The server refused the request before processing any of it: an
    /// HTTP/2 `REFUSED_STREAM` reset, or a graceful `GOAWAY` that left the
    /// request out. Nothing took effect, so it may be sent again, whatever
    /// the operation.
    Refused,
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
    /// The underlying error, when reqwest reported one. The message does
    /// not repeat it: error reporters print the chain of sources.
    #[source]
    pub source: Option<reqwest::Error>,
    /// How many times the request was sent (retries included).
    pub attempts: u32,
}

impl TransportError {
    /// An error of the client's own making (no underlying reqwest error).
    pub(crate) fn new(operation: &'static str, kind: TransportErrorKind, message: String) -> Self {
        TransportError { operation, kind, message, source: None, attempts: 1 }
    }

    fn with_attempts_of(mut self, other: &TransportError) -> Self {
        self.attempts = other.attempts;
        self
    }

    /// Whether the request may have reached the server, by kind.
    fn reached(&self) -> Reached {
        match self.kind {
            TransportErrorKind::Connect | TransportErrorKind::Refused => Reached::No,
            TransportErrorKind::Body | TransportErrorKind::TooLarge => Reached::Yes,
            TransportErrorKind::Timeout | TransportErrorKind::Closed | TransportErrorKind::Other => Reached::Maybe,
        }
    }

    /// An error of sending the request, before any answer arrived.
    pub(crate) fn before_answer(operation: &'static str, e: reqwest::Error) -> Self {
        let kind = if e.is_timeout() {
            TransportErrorKind::Timeout
        } else if e.is_connect() {
            TransportErrorKind::Connect
        } else if refused_unprocessed(&e) {
            TransportErrorKind::Refused
        } else if e.is_request() && !e.is_builder() && !e.is_redirect() && closed_connection(&e) {
            TransportErrorKind::Closed
        } else {
            TransportErrorKind::Other
        };
        let message = match kind {
            TransportErrorKind::Closed => {
                "the connection was closed before any answer; the request may have reached the server".to_owned()
            }
            TransportErrorKind::Timeout => "no answer in time; the request may have reached the server".to_owned(),
            TransportErrorKind::Connect => "could not connect to the server; nothing was sent".to_owned(),
            TransportErrorKind::Refused => {
                "the server refused the request before processing it; nothing took effect".to_owned()
            }
            _ => "the request failed before any answer".to_owned(),
        };
        TransportError { operation, kind, message, source: Some(e), attempts: 1 }
    }

    /// An error while the answer's body was being read (after its head).
    pub(crate) fn mid_answer(operation: &'static str, status: u16, e: reqwest::Error) -> Self {
        if e.is_timeout() {
            return TransportError {
                operation,
                kind: TransportErrorKind::Timeout,
                message: format!(
                    "timed out reading the HTTP {status} answer; the request reached the server and may have taken effect"
                ),
                source: Some(e),
                attempts: 1,
            };
        }
        TransportError {
            operation,
            kind: TransportErrorKind::Body,
            message: format!(
                "the connection broke while the HTTP {status} answer was arriving; the request reached the server and may have taken effect"
            ),
            source: Some(e),
            attempts: 1,
        }
    }
}

/// Whether an HTTP/2 server refused the request before processing any of it
/// (RFC 9113, section 8.7): it reset the stream with `REFUSED_STREAM`, or
/// closed the connection with a graceful `GOAWAY` (`NO_ERROR`) that left
/// this stream out. Either way the request can be sent again safely. The
/// built-in HTTP client leaves such replays to the attempt loop (see
/// `ClientBuilder::build`), which counts them and applies the policy.
fn refused_unprocessed(e: &(dyn std::error::Error + 'static)) -> bool {
    chain(e).find_map(|err| err.downcast_ref::<h2::Error>()).is_some_and(|h2| {
        h2.is_remote()
            && ((h2.is_reset() && h2.reason() == Some(h2::Reason::REFUSED_STREAM))
                || (h2.is_go_away() && h2.reason() == Some(h2::Reason::NO_ERROR)))
    })
}

/// Whether the error chain says the connection was closed or reset.
fn closed_connection(e: &(dyn std::error::Error + 'static)) -> bool {
    chain(e).any(|err| {
        let io_closed = err.downcast_ref::<std::io::Error>().is_some_and(|io| {
            matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe
                    | std::io::ErrorKind::UnexpectedEof
            )
        });
        io_closed || {
            let text = err.to_string();
            text.contains("connection closed")
                || text.contains("IncompleteMessage")
                || text.contains("connection reset")
        }
    })
}

/// `e` and the errors under it, outermost first.
fn chain<'a>(e: &'a (dyn std::error::Error + 'static)) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(e), |err| err.source())
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
    /// How many times the request was sent (retries included).
    pub attempts: u32,
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

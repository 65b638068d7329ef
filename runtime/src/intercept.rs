//! Hooks around every attempt: extra headers, metrics, logging.
//!
//! A small trait rather than a tower layer or reqwest middleware: it runs
//! inside the client's own attempt loop, so it sees each retry and the
//! token-refresh replay as the separate requests they are, after the
//! client has decided what to send; it never holds the request, so it
//! cannot see the app token, a body with passwords or a file's
//! share-secret; and it ties the public API to no middleware crate's
//! version.

use std::fmt;
use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::call::{Method, OperationInfo};
use crate::error::TransportErrorKind;

/// Code the client runs around every request it sends: before it goes out
/// (to add headers) and when its answer's status is known (for metrics).
///
/// Registered with `ClientBuilder::interceptor`; several run in the order
/// they were registered. Both methods do nothing by default. They are
/// called for every attempt of every call, the retries, the replay after a
/// token refresh and the client's own app-token requests included, and
/// they must not block: they run on the task that awaits the call.
///
/// ```
/// use easemob_runtime::{Attempt, AttemptOutcome, Interceptor, header::{HeaderMap, HeaderValue}};
///
/// struct Tenant(&'static str);
///
/// impl Interceptor for Tenant {
///     fn on_request(&self, _attempt: &Attempt, headers: &mut HeaderMap) {
///         headers.insert("x-tenant", HeaderValue::from_static(self.0));
///     }
///     fn on_response(&self, attempt: &Attempt, outcome: &AttemptOutcome) {
///         println!("{} attempt {}: {:?} in {:?}", attempt.operation, attempt.number, outcome.status, outcome.elapsed);
///     }
/// }
/// ```
pub trait Interceptor: Send + Sync + 'static {
    /// Before an attempt is sent. `headers` starts empty and holds only
    /// what interceptors add; the client adds them to the request, except
    /// the ones it sets itself (`Authorization`, `Content-Type`, `Accept`,
    /// `Content-Length`, `Host`, and any header of the operation), which
    /// are dropped with a `tracing` warning.
    fn on_request(&self, attempt: &Attempt, headers: &mut HeaderMap) {
        let _ = (attempt, headers);
    }

    /// When an attempt ended: the server answered (with any status), or
    /// the exchange failed below HTTP.
    fn on_response(&self, attempt: &Attempt, outcome: &AttemptOutcome) {
        let _ = (attempt, outcome);
    }
}

/// Which request an [`Interceptor`] is looking at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Attempt {
    /// Operation ID (`chatrooms_get`), or a raw operation's own ID.
    pub operation: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template of the operation (the IDs are not filled in).
    pub path_template: &'static str,
    /// Which request of the call this is, from 1: every request the call
    /// sends counts, retries and the replay after a token refresh included.
    pub number: u32,
}

impl Attempt {
    pub(crate) fn new(info: &'static OperationInfo, number: u32) -> Self {
        Attempt { operation: info.id, method: info.method, path_template: info.path, number }
    }
}

/// How an attempt ended, for an [`Interceptor`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AttemptOutcome {
    /// The HTTP status, when the server answered.
    pub status: Option<u16>,
    /// What failed, when the exchange failed below HTTP (no status).
    pub transport_error: Option<TransportErrorKind>,
    /// From sending the request to reading the answer (for a download: to
    /// its head).
    pub elapsed: Duration,
}

/// The interceptors of a client.
#[derive(Clone, Default)]
pub(crate) struct Interceptors(pub(crate) Vec<std::sync::Arc<dyn Interceptor>>);

impl fmt::Debug for Interceptors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // What they hold is theirs: only how many there are is shown.
        write!(f, "{} interceptor(s)", self.0.len())
    }
}

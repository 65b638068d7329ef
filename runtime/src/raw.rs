//! Calls of endpoints the spec does not describe, through the same attempt
//! loop as every generated operation: app token and its refresh, rate
//! limit, retries, interceptors, the call's span and envelope decoding.

use std::fmt::{self, Display};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::call::{Call, CallOptions, Method, OperationInfo};
use crate::client::{RawClient, decode_answer, send};
use crate::error::{Error, InvalidInput};
use crate::response::Response;
use crate::secret::Secret;

/// The description of an endpoint the spec lacks, declared once as a
/// `static` (like the generated operations), and sent with
/// [`RawClient::call`].
///
/// The caller declares what the client cannot know: whether sending the
/// request twice is harmless (`retry_safe`: by default GET, PUT and DELETE
/// are, POST is not, so a POST that failed after it may have reached the
/// server is never sent again) and where the payload sits in the answer
/// (`payload_at`: by default `data`, as in most of the API).
///
/// ```
/// use easemob_runtime::{Method, RawOperation};
///
/// /// `GET /{org}/{app}/users/{username}/status`, not in the spec.
/// static USER_STATUS: RawOperation =
///     RawOperation::new("my_user_status", Method::Get, "/users/{username}/status").payload_at(&["data"]);
/// ```
#[derive(Debug)]
pub struct RawOperation {
    info: OperationInfo,
}

impl RawOperation {
    /// An operation named `id` (in logs, spans and errors), sent as
    /// `method` to `path` after `/{org_name}/{app_name}`. Parts of the path
    /// written `{name}` are filled in by [`RawRequest::path_param`].
    pub const fn new(id: &'static str, method: Method, path: &'static str) -> Self {
        RawOperation {
            info: OperationInfo {
                id,
                method,
                path,
                payload_at: &["data"],
                // The caller's payload type is not known to note its numbers.
                numbers_noted: false,
                retry_safe: !matches!(method, Method::Post),
                auth: true,
                rate_limit: None,
            },
        }
    }

    /// Whether sending the request twice is harmless, which lets the client
    /// retry it after a failure that may have reached the server.
    pub const fn retry_safe(mut self, safe: bool) -> Self {
        self.info.retry_safe = safe;
        self
    }

    /// The keys leading to the payload in the answer (`&["entities"]`,
    /// `&["data", "list"]`); `&[]` decodes the whole body. Everything else
    /// in the body lands in the response's `meta`.
    pub const fn payload_at(mut self, keys: &'static [&'static str]) -> Self {
        self.info.payload_at = keys;
        self
    }

    /// Sends the call without the app token (the API's few open endpoints).
    pub const fn without_token(mut self) -> Self {
        self.info.auth = false;
        self
    }

    /// The operation's ID.
    pub fn id(&self) -> &'static str {
        self.info.id
    }
}

impl RawClient {
    /// Starts a call of an endpoint the spec does not describe. See
    /// [`RawOperation`].
    pub fn call(&self, operation: &'static RawOperation) -> RawRequest {
        RawRequest { client: self.clone(), call: Call::new(&operation.info), params: Vec::new(), problem: None }
    }
}

/// A call of a [`RawOperation`] being prepared; sent with
/// [`send`](Self::send).
#[must_use = "a request does nothing until `send` is awaited"]
pub struct RawRequest {
    client: RawClient,
    call: Call,
    /// Path parameters by name, filled into the template when sent.
    params: Vec<(String, String)>,
    /// The first input that could not be encoded, reported by `send`.
    problem: Option<Error>,
}

impl fmt::Debug for RawRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Values (bodies, headers) may hold secrets: only the operation.
        f.debug_struct("RawRequest").field("operation", &self.call.info.id).finish_non_exhaustive()
    }
}

impl RawRequest {
    /// Fills the path's `{name}` with `value`, percent-encoded as one
    /// segment (so an ID can never change the path).
    pub fn path_param(mut self, name: &str, value: impl Display) -> Self {
        self.params.push((name.to_owned(), value.to_string()));
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, name: &'static str, value: impl Display) -> Self {
        self.call.query(name, &value);
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &'static str, value: impl Display) -> Self {
        self.call.header(name, &value);
        self
    }

    /// Adds a header whose value is a secret: sent as a sensitive header
    /// and replaced by `***` wherever the server echoes it.
    pub fn secret_header(mut self, name: &'static str, value: &Secret) -> Self {
        self.call.secret_header(name, value);
        self
    }

    /// Sends `body` as the JSON body. [`Secret`] values in it are kept out
    /// of errors, as in generated calls.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        if let Err(e) = self.call.json_value("body", body) {
            self.problem.get_or_insert(e);
        }
        self
    }

    /// Per-call overrides: timeout, retry policy, another bearer token.
    pub fn options(mut self, options: CallOptions) -> Self {
        self.call.set_options(&options);
        self
    }

    /// Sends the call and decodes the payload as `T` (use
    /// `serde_json::Value` to look at it first).
    pub async fn send<T: DeserializeOwned>(self) -> Result<Response<T>, Error> {
        let RawRequest { client, mut call, params, problem } = self;
        if let Some(e) = problem {
            return Err(e);
        }
        fill_path(&mut call, &params)?;
        decode_answer(send(client, call).await?)
    }
}

/// Writes the operation's path into the call, each `{name}` replaced by its
/// parameter; a placeholder without a value, or a value without a
/// placeholder, is refused before anything is sent.
fn fill_path(call: &mut Call, params: &[(String, String)]) -> Result<(), Error> {
    let info = call.info;
    let invalid =
        |field: &'static str, rule: String| Error::InvalidInput(InvalidInput { operation: info.id, field, rule });
    let mut rest: &'static str = info.path;
    while let Some(open) = rest.find('{') {
        call.path_lit(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(invalid("path", format!("`{}` has a `{{` without its `}}`", info.path)));
        };
        let name = &after[..close];
        let Some((_, value)) = params.iter().find(|(n, _)| n == name) else {
            return Err(invalid(name, "has no value: set it with `path_param`".into()));
        };
        call.path_param(name, value)?;
        rest = &after[close + 1..];
    }
    call.path_lit(rest);
    if let Some((name, _)) = params.iter().find(|(n, _)| !info.path.contains(&format!("{{{n}}}"))) {
        return Err(invalid("path", format!("has no `{{{name}}}` for the parameter `{name}`")));
    }
    Ok(())
}

//! The client: where calls are turned into HTTP requests and answers read.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};

use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HOST, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER,
};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::auth::{self, Credentials, FetchAppToken, TokenProvider, TokenTtlUnit};
use crate::call::{Call, OperationInfo};
use crate::clock::{BoxFuture, Clock, SystemClock};
use crate::encode::push_segment;
use crate::error::{ConfigError, Error, InvalidInput, TransportError, TransportErrorKind};
use crate::files::Download;
use crate::intercept::{Attempt, AttemptOutcome, Interceptor, Interceptors};
use crate::ratelimit::RateLimiter;
use crate::response::{RawResponse, Response, SentSecrets, api_error, decode};
use crate::retry::{Outcome, RetryPolicy};
use crate::secret::Secret;

/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default timeout of a whole request.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest response body read by default (file downloads stream instead).
pub const DEFAULT_MAX_BODY: usize = 32 * 1024 * 1024;

/// The untyped client for one app (`org_name#app_name`) on one host: the
/// connection pool, the token cache, the retry policy and the rate limiter.
/// Every generated operation is sent through one of these.
///
/// Applications use the typed `easemob::Client`, which wraps one; a
/// [`TokenProvider`] is handed this one. Cheap to clone: clones share
/// everything.
#[derive(Clone)]
pub struct RawClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// Scheme, host and optional path prefix, without a trailing `/`.
    base: String,
    /// `{base}/{org}/{app}`, parsed.
    root: reqwest::Url,
    org: String,
    app: String,
    tokens: Arc<dyn TokenProvider>,
    retry: RetryPolicy,
    clock: Arc<dyn Clock>,
    rate_limiter: Option<RateLimiter>,
    max_body: usize,
    /// Limit of each ordinary attempt (head and body), set on the HTTP
    /// client itself; `None` with a caller's HTTP client, whose own
    /// settings then apply.
    request_timeout: Option<Duration>,
    /// Limits of a streamed download: the wait for the answer's head, and
    /// the longest gap between two chunks of its body.
    transfer_head_timeout: Duration,
    transfer_idle_timeout: Duration,
    /// Secrets of the configuration (a fixed token, the client secret),
    /// scrubbed from errors like those of each request.
    secrets: Arc<[Secret]>,
    /// Run around every attempt.
    interceptors: Interceptors,
}

impl fmt::Debug for RawClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawClient")
            .field("base_url", &redact_userinfo(&self.inner.base))
            .field("org", &self.inner.org)
            .field("app", &self.inner.app)
            .field("tokens", &self.inner.tokens)
            .field("retry", &self.inner.retry)
            .field("rate_limited", &self.inner.rate_limiter.is_some())
            .field("interceptors", &self.inner.interceptors)
            .finish_non_exhaustive()
    }
}

/// An answer as read, not yet decoded: what [`send`] returns and
/// [`decode_answer`] takes. Keeps the status, the body and the secrets to
/// scrub from errors.
/// Also how many attempts it took and the call's span, which decoding
/// completes.
pub struct Answered {
    raw: RawResponse,
    attempts: u32,
    span: tracing::Span,
}

impl fmt::Debug for Answered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Answered")
            .field("operation", &self.raw.info.id)
            .field("status", &self.raw.status)
            .field("attempts", &self.attempts)
            .finish()
    }
}

/// Sends a call of a generated operation (the whole attempt loop: rate
/// limit, token, retries) and reads its answer.
///
/// Neither generic nor an `async fn`: the future is boxed here, so the loop
/// is compiled once, in this crate, instead of once per payload type in
/// every crate that awaits a call. One allocation per call is nothing next
/// to the request. The generic step, [`decode_answer`], is small.
///
/// The client is taken by value: a request type owns a handle already and
/// gives it up here, where a clone would count up and down again a counter
/// that every call on every thread writes.
pub fn send(client: RawClient, call: Call) -> BoxFuture<'static, Result<Answered, Error>> {
    // `Box::pin(future)` would build the future on the stack and copy all
    // of it into the box: 992 bytes, of which only the call and the client
    // (224) are set before the first poll. Allocated first, the box is
    // where the compiler writes those two directly.
    let future: Pin<Box<_>> = Box::into_pin(Box::write(Box::new_uninit(), client.send_call(call)));
    future
}

/// Decodes an answer's payload as `T`, or its error status as an
/// [`ApiError`](crate::ApiError).
pub fn decode_answer<T: DeserializeOwned>(answer: Answered) -> Result<Response<T>, Error> {
    let Answered { raw, attempts, span } = answer;
    let result = decode(raw).map_err(|e| e.with_attempts(attempts));
    match &result {
        Ok(r) => record_answer(&span, r.status, attempts),
        Err(e) => record_error(&span, e),
    }
    result
}

/// Sends a call whose answer is a file; the body is streamed, not read.
/// Boxed, and given the client, for the same reasons as [`send`].
pub fn download(client: RawClient, call: Call) -> BoxFuture<'static, Result<Download, Error>> {
    // Written straight into its box, as in `send`.
    let future: Pin<Box<_>> = Box::into_pin(Box::write(Box::new_uninit(), client.download(call)));
    future
}

impl<C> ClientBuilder<C> {
    /// Starts building a client for the app `org#app` served at `base_url`.
    /// Called by the generated `Client::builder`, which knows how to ask for
    /// an app token (`fetch_app_token`: the spec's token operation).
    #[doc(hidden)]
    pub fn new(
        base_url: impl Into<String>,
        org: impl Into<String>,
        app: impl Into<String>,
        fetch_app_token: FetchAppToken,
    ) -> Self {
        ClientBuilder {
            fetch_app_token,
            out: std::marker::PhantomData,
            base_url: base_url.into(),
            org: org.into(),
            app: app.into(),
            credentials: None,
            http: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            transfer_head_timeout: DEFAULT_REQUEST_TIMEOUT,
            transfer_idle_timeout: DEFAULT_REQUEST_TIMEOUT,
            allow_http: false,
            max_body: DEFAULT_MAX_BODY,
            retry: RetryPolicy::default(),
            clock: Arc::new(SystemClock),
            rate_limit: false,
            ttl_unit: TokenTtlUnit::Seconds,
            interceptors: Interceptors::default(),
        }
    }
}

impl RawClient {
    /// The URL of `segments` under the app's root
    /// (`{base_url}/{org}/{app}/{segment}/...`), each segment
    /// percent-encoded, such as the URL of an uploaded file that an image
    /// message carries.
    pub fn app_url(&self, segments: &[&str]) -> String {
        let mut url = self.inner.root.as_str().trim_end_matches('/').to_owned();
        for s in segments {
            url.push('/');
            push_segment(&mut url, s);
        }
        url
    }

    /// The org and app names this client calls (`org#app`).
    pub fn app_key(&self) -> (&str, &str) {
        (&self.inner.org, &self.inner.app)
    }

    /// The clock the client waits and measures with.
    pub(crate) fn clock(&self) -> &dyn Clock {
        &*self.inner.clock
    }

    /// Sends a call and reads its answer, in the call's span. It owns its
    /// client and the call, which the layers below borrow: every layer of
    /// futures that took the call would keep its own copy of it, and the
    /// whole future is boxed and moved per call.
    ///
    /// An `async` block, not an `async fn`: the block works on the call it
    /// captured, where an `async fn` would move its argument into a second
    /// place in the same future (rust-lang/rust#62958).
    #[allow(clippy::manual_async_fn, reason = "an `async fn` would hold the call twice")]
    fn send_call(self, mut call: Call) -> impl Future<Output = Result<Answered, Error>> + Send + 'static {
        async move {
            let mut attempts = 0u32;
            // The span is kept once, in the instrumented loop, and read back
            // from it: cloned for `.instrument`, a second copy would sit
            // beside it for the whole call.
            let span = self.call_span(call.info);
            let (result, span) = {
                let mut attempt = std::pin::pin!(self.attempt_loop(&mut call, false, &mut attempts).instrument(span));
                let result = attempt.as_mut().await;
                (result, attempt.span().clone())
            };
            match result {
                Ok(Answer::Read(raw)) => Ok(Answered { raw, attempts, span }),
                Ok(Answer::Head(..)) => unreachable!("only downloads stop at the head"),
                Err(e) => {
                    let e = e.with_attempts(attempts);
                    record_error(&span, &e);
                    Err(e)
                }
            }
        }
    }

    /// The span of one call, named and described after OpenTelemetry's
    /// conventions for HTTP client and RPC spans, so that exporters show the
    /// operation, its path template, the status and the retries. Status and
    /// attempts are recorded when the call ends.
    fn call_span(&self, info: &'static OperationInfo) -> tracing::Span {
        tracing::info_span!(
            "easemob.call",
            otel.name = info.id,
            otel.kind = "client",
            rpc.system = "easemob",
            rpc.method = info.id,
            http.request.method = info.method.as_str(),
            url.template = info.path,
            server.address = self.inner.root.host_str().unwrap_or_default(),
            http.response.status_code = tracing::field::Empty,
            http.request.resend_count = tracing::field::Empty,
            error.type = tracing::field::Empty,
        )
    }

    /// Sends a call whose answer is a file; the body is not read here. The
    /// same attempt loop as every call: rate limit, token refresh on a
    /// rejected token, and the retry policy. An `async` block for the same
    /// reason as [`send_call`](Self::send_call).
    #[allow(clippy::manual_async_fn, reason = "an `async fn` would hold the call twice")]
    pub(crate) fn download(self, mut call: Call) -> impl Future<Output = Result<Download, Error>> + Send + 'static {
        async move {
            let info = call.info;
            let mut attempts = 0u32;
            let span = self.call_span(info);
            let (result, span) = {
                let mut attempt = std::pin::pin!(self.attempt_loop(&mut call, true, &mut attempts).instrument(span));
                let result = attempt.as_mut().await;
                (result, attempt.span().clone())
            };
            let result = match result {
                Ok(Answer::Head(response)) => {
                    record_answer(&span, response.status().as_u16(), attempts);
                    return Ok(Download { info, response, idle: Some(self.inner.transfer_idle_timeout) });
                }
                Ok(Answer::Read(raw)) => Err(Error::from(api_error(&raw))),
                Err(e) => Err(e),
            };
            result.map_err(|e| e.with_attempts(attempts)).inspect_err(|e| record_error(&span, e))
        }
    }

    /// The token for an attempt when no wait is needed: a per-call or fixed
    /// token, a cached one still fresh, or none for a call without
    /// authentication. `None` when it must be waited for.
    fn token_at_hand(&self, call: &Call) -> Option<Option<Secret>> {
        if let Some(token) = &call.options.bearer {
            return Some(Some(token.clone()));
        }
        if !call.info.auth {
            return Some(None);
        }
        self.inner.tokens.ready_token(self).map(Some)
    }

    /// Waits for the app token, within the call's timeout, if it has one.
    async fn wait_for_token(&self, call: &Call) -> Result<Option<Secret>, Error> {
        let wait = self.inner.tokens.token(self);
        let token = match call.options.timeout {
            Some(limit) => match tokio::time::timeout(limit, wait).await {
                Ok(t) => t,
                Err(_) => Err(Error::Transport(TransportError::new(
                    call.info.id,
                    TransportErrorKind::Timeout,
                    format!("no app token within the call's timeout ({} ms)", limit.as_millis()),
                ))),
            },
            None => wait.await,
        };
        token.map(Some).map_err(|e| match e {
            e @ Error::Token(_) => e,
            e => Error::Token(Box::new(e)),
        })
    }

    /// Waits until the rate limiter lets a call of `info` through.
    async fn rate_limit(&self, limiter: &RateLimiter, info: &'static OperationInfo) {
        let (wait, slot) = limiter.reserve(info, self.clock().now());
        if !wait.is_zero() {
            tracing::debug!(operation = info.id, wait_ms = millis(wait), "rate limit: waiting");
            // Cancelled here, the slot is given back.
            self.clock().sleep(wait).await;
        }
        if let Some(slot) = slot {
            slot.keep();
        }
    }

    /// The first attempt, and the [`retry_loop`](Self::retry_loop) if it
    /// fails; `attempts` counts them as they are made.
    ///
    /// The call is borrowed, not moved: an `async fn` keeps each argument it
    /// takes by value twice in its future (rust-lang/rust#62958), and every
    /// layer that took the call would copy it in.
    #[allow(clippy::manual_async_fn, reason = "an `async fn` keeps each argument twice")]
    fn attempt_loop<'a>(
        &'a self,
        call: &'a mut Call,
        stream: bool,
        attempts: &'a mut u32,
    ) -> impl Future<Output = Result<Answer, Error>> + Send + 'a {
        async move {
            // The path after the app's root becomes the whole path, once for
            // every attempt, in the buffer the call already has (`path_lit`
            // leaves room for the root's path).
            call.path.insert_str(0, self.inner.root.path());
            let started = self.clock().now();
            *attempts = 1;
            match self.attempt(call, stream, 1).await? {
                Attempted::Done(answer) => Ok(answer),
                // Nearly every call ends with its first attempt: the retry
                // loop is a future of its own, so that it neither enlarges
                // this one (allocated and moved per call) nor spreads its
                // code among the code every call runs.
                Attempted::Failed(result) => Box::pin(self.retry_loop(call, stream, attempts, started, result)).await,
            }
        }
    }

    /// Every attempt after a failed one: the [`RetryPolicy`] decides whether
    /// to wait and try again or to give up with `result`, the last answer.
    async fn retry_loop(
        &self,
        call: &mut Call,
        stream: bool,
        attempts: &mut u32,
        started: Instant,
        mut result: Result<RawResponse, Error>,
    ) -> Result<Answer, Error> {
        let info = call.info;
        let policy = call.options.retry.take().map_or_else(|| self.inner.retry.clone(), |p| *p);
        let mut refreshed = false;
        // Requests sent, for interceptors: unlike `attempts`, the replay
        // after a token refresh counts, since it is one more request.
        let mut sends = 1u32;
        loop {
            // Known before the next attempt could consume a one-shot upload.
            let replayable = call.replayable();
            let outcome = match &result {
                Ok(raw) => Outcome::Status { status: raw.status, retry_after: raw.retry_after },
                Err(Error::Transport(t)) => Outcome::Transport(t.kind),
                Err(_) => return result.map(Answer::Read),
            };
            let replay = if let Ok(raw) = &result
                && raw.status == 401
                && call.options.bearer.is_none()
                && let Some(token) = &raw.secrets.token
                && token_rejected(raw)
                && self.inner.tokens.invalidate(token).await
            {
                !refreshed && replayable
            } else {
                false
            };
            if replay {
                // A rejected token is dropped even when the call cannot be
                // replayed, so the next call gets a new one.
                refreshed = true;
                tracing::info!(
                    operation = info.id,
                    "the server rejected the app token; refreshing it and replaying once"
                );
            } else {
                let elapsed = self.clock().now().saturating_duration_since(started);
                match policy.decide(info, *attempts, elapsed, outcome, replayable) {
                    Ok(delay) => {
                        tracing::info!(
                            operation = info.id,
                            attempt = *attempts,
                            ?outcome,
                            delay_ms = millis(delay),
                            "retrying"
                        );
                        self.clock().sleep(delay).await;
                        *attempts += 1;
                    }
                    Err(reason) => {
                        if *attempts > 1 || !matches!(reason, "not a retryable failure") {
                            tracing::info!(operation = info.id, attempts = *attempts, ?outcome, reason, "giving up");
                        }
                        return result.map(Answer::Read);
                    }
                }
            }
            sends += 1;
            result = match self.attempt(call, stream, sends).await? {
                Attempted::Done(answer) => return Ok(answer),
                Attempted::Failed(result) => result,
            };
        }
    }

    /// One attempt: the rate limit, the token, the request and its answer.
    /// A success is done; anything else is for the retry policy to judge,
    /// except a failure to get a token, returned as the call's error.
    #[allow(clippy::manual_async_fn, reason = "an `async fn` keeps each argument twice")]
    fn attempt<'a>(
        &'a self,
        call: &'a mut Call,
        stream: bool,
        sends: u32,
    ) -> impl Future<Output = Result<Attempted, Error>> + Send + 'a {
        async move {
            let info = call.info;
            // The waits few calls have are boxed, to keep them out of this
            // future and its code, which every call runs.
            if let Some(limiter) = &self.inner.rate_limiter {
                Box::pin(self.rate_limit(limiter, info)).await;
            }
            let token = match self.token_at_hand(call) {
                Some(token) => token,
                None => Box::pin(self.wait_for_token(call)).await?,
            };
            let attempt = Attempt::new(info, sends);
            let began = self.intercepted().then(Instant::now);
            // Bound by a `let`, so that the result of `start` is not kept beside
            // the answer taken out of it while the body is read.
            let mut resp = match self.start(call, token.as_ref(), stream, &attempt).await {
                Ok(resp) => resp,
                Err(e) => return Ok(self.attempted(&attempt, began, Err(e))),
            };
            if stream && resp.status().is_success() {
                self.observe(&attempt, Some(resp.status().as_u16()), None, began);
                return Ok(Attempted::Done(Answer::Head(resp)));
            }
            // The answer keeps the token (to scrub it, and to tell the provider
            // if the server rejected it) instead of a clone.
            let result = self.finish(call, token, &mut resp).await;
            Ok(self.attempted(&attempt, began, result))
        }
    }

    /// Tells the interceptors how an attempt ended; a success is done, and
    /// anything else is for the retry policy to judge.
    fn attempted(&self, attempt: &Attempt, began: Option<Instant>, result: Result<RawResponse, Error>) -> Attempted {
        match &result {
            Ok(raw) => self.observe(attempt, Some(raw.status), None, began),
            Err(Error::Transport(t)) => self.observe(attempt, None, Some(t.kind), began),
            Err(e) => self.observe(attempt, e.status(), None, began),
        }
        match result {
            Ok(raw) if (200..300).contains(&raw.status) => Attempted::Done(Answer::Read(raw)),
            other => Attempted::Failed(other),
        }
    }

    /// Whether any interceptor runs, so that attempts are timed at all.
    fn intercepted(&self) -> bool {
        !self.inner.interceptors.0.is_empty()
    }

    /// The headers the interceptors add to one attempt.
    fn extra_headers(&self, attempt: &Attempt) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for i in &self.inner.interceptors.0 {
            i.on_request(attempt, &mut headers);
        }
        headers
    }

    /// Tells the interceptors how an attempt ended.
    fn observe(
        &self,
        attempt: &Attempt,
        status: Option<u16>,
        transport_error: Option<TransportErrorKind>,
        began: Option<Instant>,
    ) {
        let Some(began) = began else { return };
        let outcome = AttemptOutcome { status, transport_error, elapsed: began.elapsed() };
        for i in &self.inner.interceptors.0 {
            i.on_response(attempt, &outcome);
        }
    }

    /// The call's URL: the app's root URL, parsed once when the client was
    /// built, with the call's full path (see [`attempt_loop`]) and its query.
    /// Only the path is parsed per call, never the host.
    ///
    /// [`attempt_loop`]: Self::attempt_loop
    fn url(&self, call: &Call) -> reqwest::Url {
        let mut url = self.inner.root.clone();
        url.set_path(&call.path);
        if !call.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in &call.query {
                pairs.append_pair(k, v);
            }
        }
        url
    }

    /// Sends the request; returns once the answer's head arrived. With
    /// `stream` (a download) only the head is timed, not the body.
    async fn start(
        &self,
        call: &mut Call,
        token: Option<&Secret>,
        stream: bool,
        attempt: &Attempt,
    ) -> Result<reqwest::Response, Error> {
        let info = call.info;
        let (mut req, head_limit) = self.request(call, token, stream, attempt)?;
        // Boxed: only uploads build a form, and its future is large.
        if call.parts.is_some()
            && let Some(form) = Box::pin(call.multipart_form()).await?
        {
            // reqwest writes a form's content type (its boundary), length
            // and body through a request builder only.
            req = reqwest::RequestBuilder::from_parts(self.inner.http.clone(), req)
                .multipart(form)
                .build()
                .map_err(|e| TransportError::before_answer(info.id, e))?;
        }
        tracing::debug!(operation = info.id, method = ?info.method, path = info.path, "sending");
        let sent = self.inner.http.execute(req);
        let answer = match head_limit {
            Some(limit) => match tokio::time::timeout(limit, sent).await {
                Ok(answer) => answer,
                Err(_) => {
                    return Err(TransportError::new(
                        info.id,
                        TransportErrorKind::Timeout,
                        format!("no answer within {} ms", limit.as_millis()),
                    )
                    .into());
                }
            },
            None => sent.await,
        };
        answer.map_err(|e| TransportError::before_answer(info.id, e).into())
    }

    /// The request of one attempt, all but a multipart body, and the limit
    /// on the wait for a download's head. Plain code, apart from the
    /// `async` steps around it, so that it is compiled once, compactly. The
    /// request is built in place, not through reqwest's builder, which is
    /// moved (some 300 bytes) on every header it adds.
    #[inline(never)]
    fn request(
        &self,
        call: &Call,
        token: Option<&Secret>,
        stream: bool,
        attempt: &Attempt,
    ) -> Result<(reqwest::Request, Option<Duration>), Error> {
        let info = call.info;
        let extra = self.extra_headers(attempt);
        let mut req = reqwest::Request::new(info.method.to_reqwest(), self.url(call));
        let headers = req.headers_mut();
        headers.append(ACCEPT, application_json());
        for (name, value, secret) in &call.headers {
            let mut value = HeaderValue::from_str(value).map_err(|_| {
                Error::InvalidInput(InvalidInput {
                    operation: info.id,
                    field: name,
                    rule: "must be a valid HTTP header value (visible ASCII)".into(),
                })
            })?;
            value.set_sensitive(*secret);
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| ConfigError(format!("`{name}` is not a valid header name")))?;
            headers.append(name, value);
        }
        for (name, value) in &extra {
            // What the client sets itself (the token above all) cannot be
            // replaced by an interceptor.
            let own = [AUTHORIZATION, CONTENT_TYPE, ACCEPT, CONTENT_LENGTH, HOST].contains(name)
                || call.headers.iter().any(|(n, _, _)| name.as_str().eq_ignore_ascii_case(n));
            if own {
                tracing::warn!(
                    operation = info.id,
                    header = name.as_str(),
                    "an interceptor's header is one the client sets; dropped"
                );
                continue;
            }
            headers.append(name.clone(), value.clone());
        }
        if let Some(token) = token {
            let value = token
                .bearer_header()
                .ok_or_else(|| ConfigError("the app token contains characters not allowed in a header".into()))?;
            headers.append(AUTHORIZATION, value);
        }
        let body = if let Some(body) = &call.body {
            let bytes = serde_json::to_vec(body).map_err(|e| {
                Error::InvalidInput(InvalidInput {
                    operation: info.id,
                    field: "body",
                    rule: format!("cannot be encoded: {e}"),
                })
            })?;
            headers.append(CONTENT_TYPE, application_json());
            Some(reqwest::Body::from(bytes))
        } else if let Some(form) = call.encoded_form() {
            headers.append(CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"));
            Some(reqwest::Body::from(form))
        } else {
            if call.parts.is_none() {
                // The docs require `Content-Type: application/json` on nearly
                // every call, those without a body included; servers behind
                // some gateways answer 415 without it. Harmless where not
                // required.
                headers.append(CONTENT_TYPE, application_json());
            }
            None
        };
        *req.body_mut() = body;
        // The client's own limit is set on its HTTP client, where it costs a
        // request nothing; a per-request one (two allocations in reqwest)
        // only when the call overrides it, or to lift it for a download.
        let head_limit = if stream {
            if self.inner.request_timeout.is_some() {
                *req.timeout_mut() = Some(NO_TOTAL_LIMIT);
            }
            Some(call.options.timeout.unwrap_or(self.inner.transfer_head_timeout))
        } else {
            if let Some(limit) = call.options.timeout {
                *req.timeout_mut() = Some(limit);
            }
            None
        };
        Ok((req, head_limit))
    }

    /// Reads the answer's body, up to the configured limit.
    ///
    /// The answer is borrowed: taken by value, it would be kept twice in
    /// this future (see [`send_call`](Self::send_call)).
    async fn finish(
        &self,
        call: &Call,
        token: Option<Secret>,
        resp: &mut reqwest::Response,
    ) -> Result<RawResponse, Error> {
        let info = call.info;
        // Only a debug log shows how long the body took.
        let started = tracing::enabled!(tracing::Level::DEBUG).then(Instant::now);
        let status = resp.status().as_u16();
        // Read only where it counts: a failure's retry.
        let retry_after = if (200..300).contains(&status) { None } else { retry_after(resp.headers()) };
        let body = self.read_body(info, status, resp).await?;
        Ok(self.answered(call, token, status, retry_after, body, started))
    }

    /// The answer as read, with the secrets its request carried.
    #[inline(never)]
    fn answered(
        &self,
        call: &Call,
        token: Option<Secret>,
        status: u16,
        retry_after: Option<Duration>,
        body: Bytes,
        started: Option<Instant>,
    ) -> RawResponse {
        let info = call.info;
        if let Some(started) = started {
            tracing::debug!(
                operation = info.id,
                status,
                read_ms = millis(started.elapsed()),
                bytes = body.len(),
                "answered"
            );
        }
        // A fixed token is both the client's secret and the one sent: listed
        // once, without touching the shared list's count.
        let client = &self.inner.secrets;
        let covered = match &token {
            Some(t) => client.len() == 1 && client[0] == *t,
            None => client.is_empty(),
        };
        let secrets = SentSecrets { call: call.secrets.clone(), client: (!covered).then(|| client.clone()), token };
        RawResponse { info, status, retry_after, body, secrets }
    }
}

/// The wait a failure's `Retry-After` asks for, if it has a usable one.
#[cold]
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    let date = headers.get(reqwest::header::DATE).and_then(|d| d.to_str().ok());
    parse_retry_after(value, date, std::time::SystemTime::now())
}

/// `application/json`, shared: a header value made from a `&str` is a copy
/// on the heap.
fn application_json() -> HeaderValue {
    HeaderValue::from_static("application/json")
}

/// A download's per-request limit, which replaces the one of the client's
/// own HTTP client (a request cannot go without one): a long transfer that
/// keeps arriving is not cut off, the head and idle limits stop one that
/// does not.
const NO_TOTAL_LIMIT: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

/// The most memory a `Content-Length` reserves before the body arrives.
const PRESIZE_CAP: usize = 4 << 20;

impl RawClient {
    /// The whole body, refused past the size limit. A body that arrives in
    /// one chunk (most do) is kept as it came; a longer one is gathered into
    /// a buffer sized from `Content-Length` when the server sent one (up to
    /// [`PRESIZE_CAP`]), so it is not grown in steps.
    async fn read_body(&self, info: &OperationInfo, status: u16, resp: &mut reqwest::Response) -> Result<Bytes, Error> {
        let limit = self.inner.max_body;
        let too_large = || -> Error {
            TransportError::new(
                info.id,
                TransportErrorKind::TooLarge,
                format!("the response body exceeds {limit} bytes"),
            )
            .into()
        };
        let announced = resp.content_length().and_then(|n| usize::try_from(n).ok());
        if announced.is_some_and(|n| n > limit) {
            return Err(too_large());
        }
        let mut next =
            async || resp.chunk().await.map_err(|e| Error::from(TransportError::mid_answer(info.id, status, e)));
        let Some(first) = next().await? else { return Ok(Bytes::new()) };
        if first.len() > limit {
            return Err(too_large());
        }
        let Some(second) = next().await? else { return Ok(first) };
        // A lying `Content-Length` must not reserve much memory up front.
        let mut body = BytesMut::with_capacity(announced.unwrap_or(0).min(PRESIZE_CAP).max(first.len() + second.len()));
        body.extend_from_slice(&first);
        let mut chunk = Some(second);
        while let Some(c) = chunk {
            if body.len().saturating_add(c.len()) > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&c);
            chunk = next().await?;
        }
        Ok(body.freeze())
    }
}

/// Records a call's answer on its span.
fn record_answer(span: &tracing::Span, status: u16, attempts: u32) {
    span.record("http.response.status_code", status);
    span.record("http.request.resend_count", attempts.saturating_sub(1));
}

/// Records a failed call on its span: the status if the server answered,
/// and the kind of failure as `error.type`.
fn record_error(span: &tracing::Span, e: &Error) {
    if let Some(status) = e.status() {
        span.record("http.response.status_code", status);
    }
    span.record("http.request.resend_count", e.attempts().saturating_sub(1));
    let kind = match e {
        Error::Api(a) => a.code.as_ref().map_or("api", |c| c.as_str()),
        Error::Transport(_) => "transport",
        Error::Decode(_) => "decode",
        Error::InvalidInput(_) => "invalid_input",
        Error::Config(_) => "config",
        Error::Token(_) => "token",
        _ => "other",
    };
    span.record("error.type", kind);
}

/// What an attempt loop ends with: a read answer, or the head of a download.
enum Answer {
    Read(RawResponse),
    Head(reqwest::Response),
}

/// How one attempt ended.
enum Attempted {
    /// With a success (or a download's head).
    Done(Answer),
    /// With an error status or a transport failure, for the retry policy.
    Failed(Result<RawResponse, Error>),
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// A `Retry-After` value: delay-seconds (saturating: a number too large for
/// any clock is the longest wait, which no budget allows) or an HTTP date,
/// measured from the answer's `Date` when it has one (the server's clock),
/// else from `now`. A date in the past is no wait.
pub(crate) fn parse_retry_after(value: &str, date: Option<&str>, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(value.parse::<u64>().map(Duration::from_secs).unwrap_or(Duration::MAX));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let from = date.and_then(|d| httpdate::parse_http_date(d.trim()).ok()).unwrap_or(now);
    Some(at.duration_since(from).unwrap_or(Duration::ZERO))
}

/// Whether a 401 answer says the token itself is expired or bad (as opposed
/// to, say, the chatroom-attribute 401 "user is not in chatroom", or an HTML
/// page from a proxy): only the server's own JSON error body, with a token
/// error code (or none, and a description about the token), costs the
/// cached token.
fn token_rejected(raw: &RawResponse) -> bool {
    let Ok(body) = serde_json::from_slice::<serde_json::Value>(&raw.body) else { return false };
    let text = |key| body.get(key).and_then(|v| v.as_str());
    let description = text("error_description").unwrap_or("").to_ascii_lowercase();
    let about_token = match text("error") {
        Some("unauthorized" | "auth_bad_access_token" | "group_authorization") => true,
        None | Some("") => description.contains("token"),
        Some(_) => false,
    };
    about_token && !description.contains("registration is not open")
}

/// Configures a client; made by the generated `Client::builder`. `C` is the
/// client type [`build`](Self::build) returns.
#[must_use = "call `build` to get a client"]
pub struct ClientBuilder<C> {
    fetch_app_token: FetchAppToken,
    out: std::marker::PhantomData<fn() -> C>,
    base_url: String,
    org: String,
    app: String,
    credentials: Option<Credentials>,
    http: Option<reqwest::Client>,
    connect_timeout: Duration,
    request_timeout: Duration,
    transfer_head_timeout: Duration,
    transfer_idle_timeout: Duration,
    allow_http: bool,
    max_body: usize,
    retry: RetryPolicy,
    clock: Arc<dyn Clock>,
    rate_limit: bool,
    ttl_unit: TokenTtlUnit,
    interceptors: Interceptors,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &redact_userinfo(&self.base_url))
            .field("org", &self.org)
            .field("app", &self.app)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("rate_limit", &self.rate_limit)
            .field("interceptors", &self.interceptors)
            .finish_non_exhaustive()
    }
}

impl<C: From<RawClient>> ClientBuilder<C> {
    /// The retry policy of every call (default: [`RetryPolicy::default`]);
    /// a call can override it with [`CallOptions`](crate::CallOptions).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Adds an [`Interceptor`], run around every attempt of every call
    /// (after those added before it): to add headers, count requests or
    /// time them.
    pub fn interceptor(mut self, interceptor: impl Interceptor) -> Self {
        self.interceptors.0.push(Arc::new(interceptor));
        self
    }

    /// Turns on client-side rate limiting, seeded from each operation's
    /// documented limit (off by default).
    pub fn rate_limit(mut self, on: bool) -> Self {
        self.rate_limit = on;
        self
    }

    /// The unit of the token endpoint's `ttl` and `expires_in`: seconds
    /// (default) or milliseconds (the "VIP 5" cluster).
    pub fn token_ttl_unit(mut self, unit: TokenTtlUnit) -> Self {
        self.ttl_unit = unit;
        self
    }

    /// The clock for backoff, rate limits and token expiry (tests use a
    /// [`ManualClock`](crate::ManualClock)).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Authenticates with a fixed app token.
    pub fn app_token(mut self, token: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::AppToken(Secret::new(token)));
        self
    }

    /// Authenticates with the app's client ID and secret; the client fetches
    /// app tokens itself and reuses each until shortly before it expires.
    pub fn client_credentials(mut self, client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::ClientCredentials {
            client_id: client_id.into(),
            client_secret: Secret::new(client_secret),
            ttl: None,
        });
        self
    }

    /// Sets the credentials directly.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Uses a `reqwest::Client` the caller configured (proxy, TLS roots, …).
    /// The timeouts of this builder then do not apply; set them on that client.
    /// Its own retries apply too: reqwest's default replays a request an
    /// HTTP/2 server refused unprocessed, inside one attempt of this client,
    /// and copies every request to be able to. The built-in client turns
    /// that off (`reqwest::retry::never().max_retries_per_request(0)`) and
    /// leaves those replays to the [`RetryPolicy`](crate::RetryPolicy).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Connect timeout of the built-in HTTP client (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Timeout of each attempt of an ordinary call, head and body, with the
    /// built-in HTTP client (default 30 s). Not applied to downloads; see
    /// [`transfer_timeouts`](Self::transfer_timeouts).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// Limits of a streamed download (default 30 s each): `head`, the wait
    /// for the answer's head; `idle`, the longest gap between two chunks of
    /// the body. There is no limit on the whole transfer, so a large file on
    /// a slow link is not cut off while it is still arriving. A call's
    /// [`CallOptions::timeout`](crate::CallOptions::timeout) replaces `head`.
    pub fn transfer_timeouts(mut self, head: Duration, idle: Duration) -> Self {
        self.transfer_head_timeout = head;
        self.transfer_idle_timeout = idle;
        self
    }

    /// Accepts a plain `http://` base URL for a host other than this
    /// machine (the app token and client secret then travel unencrypted).
    /// Off by default: such a URL is refused by [`build`](Self::build).
    pub fn allow_http(mut self, on: bool) -> Self {
        self.allow_http = on;
        self
    }

    /// Largest response body accepted (default 32 MiB).
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<C, Error> {
        let base = self.base_url.trim().trim_end_matches('/').to_owned();
        let shown = redact_userinfo(&base);
        let parsed = reqwest::Url::parse(&base).map_err(|e| ConfigError(format!("bad base URL {shown:?}: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(ConfigError(format!("the base URL {shown:?} must be http:// or https:// with a host")).into());
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(ConfigError(format!(
                "the base URL {shown:?} must not carry credentials; use `app_token` or `client_credentials`"
            ))
            .into());
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(ConfigError(format!("the base URL {shown:?} must not carry a query or fragment")).into());
        }
        if parsed.scheme() == "http" && !self.allow_http && !is_loopback(&parsed) {
            return Err(ConfigError(format!(
                "the base URL {shown:?} is plain http://, which would send the app token unencrypted; use https:// (or `allow_http(true)`)"
            ))
            .into());
        }
        for (what, v) in [("org", &self.org), ("app", &self.app)] {
            if super::encode::segment_problem(v).is_some() {
                return Err(ConfigError(format!("the {what} name {v:?} is not usable in a path")).into());
            }
        }
        let mut root = base.clone();
        for segment in [&self.org, &self.app] {
            root.push('/');
            push_segment(&mut root, segment);
        }
        let root =
            reqwest::Url::parse(&root).map_err(|e| ConfigError(format!("cannot form a URL from {shown:?}: {e}")))?;
        let credentials = self
            .credentials
            .ok_or_else(|| ConfigError("no credentials: call `app_token` or `client_credentials`".into()))?;
        let own_http = self.http.is_none();
        let http = match self.http {
            Some(h) => h,
            None => super::tls::http_builder()
                .connect_timeout(self.connect_timeout)
                .timeout(self.request_timeout)
                .redirect(same_origin_redirects())
                // One retry layer, the attempt loop's: by default reqwest
                // replays a request an HTTP/2 server refused unprocessed, and
                // to be able to, copies every request before sending it (its
                // headers, URI and extensions: allocations and shared counts
                // on every call). The attempt loop replays those refusals
                // itself (`TransportErrorKind::Refused`), counted, under the
                // retry policy and seen by the interceptors.
                .retry(reqwest::retry::never().max_retries_per_request(0))
                .user_agent(HeaderValue::from_static(concat!("easemob-rust/", env!("CARGO_PKG_VERSION"))))
                .build()
                .map_err(|e| ConfigError(format!("cannot build the HTTP client: {e}")))?,
        };
        let secrets: Arc<[Secret]> = match &credentials {
            Credentials::AppToken(t) => Arc::new([t.clone()]),
            Credentials::ClientCredentials { client_secret, .. } => Arc::new([client_secret.clone()]),
            _ => Arc::new([]),
        };
        Ok(C::from(RawClient {
            inner: Arc::new(Inner {
                http,
                base,
                root,
                org: self.org,
                app: self.app,
                tokens: auth::provider(credentials, self.ttl_unit, self.fetch_app_token),
                retry: self.retry,
                clock: self.clock,
                rate_limiter: self.rate_limit.then(RateLimiter::default),
                max_body: self.max_body,
                request_timeout: own_http.then_some(self.request_timeout),
                transfer_head_timeout: self.transfer_head_timeout,
                transfer_idle_timeout: self.transfer_idle_timeout,
                secrets,
                interceptors: self.interceptors,
            }),
        }))
    }
}

/// `url` with any `user:password@` replaced by `***@`, for messages.
fn redact_userinfo(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else { return url.to_owned() };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}***@{}", &url[..scheme_end], &rest[at + 1..]),
        None => url.to_owned(),
    }
}

/// Whether the URL's host is this machine.
fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Redirects are followed only within the same scheme, host and port (at
/// most five): a cross-host redirect of a token request would re-post the
/// client secret to the other host. Other redirects reach the caller as the
/// 3xx answer.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same = attempt.previous().last().is_some_and(|prev| prev.origin() == attempt.url().origin());
        if attempt.previous().len() > 5 {
            attempt.error("too many redirects")
        } else if same {
            attempt.follow()
        } else {
            tracing::warn!("not following a redirect to another host");
            attempt.stop()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_a_url_are_redacted() {
        assert_eq!(redact_userinfo("http://user:pass@host:1/p@x"), "http://***@host:1/p@x");
        assert_eq!(redact_userinfo("https://host/a@b"), "https://host/a@b");
        assert_eq!(redact_userinfo("not a url"), "not a url");
    }

    /// The boxed future of a call holds the call once, beside the attempt
    /// loop that borrows it: no layer keeps a copy of its own (an
    /// `async fn` taking the call by value would add one, see `send_call`).
    /// And it is small enough for the system allocator's fast path.
    #[test]
    fn a_call_future_holds_the_call_once_and_is_small() {
        fn no_token(
            _: &RawClient,
            _: crate::auth::AppTokenRequest,
        ) -> BoxFuture<'static, Result<crate::auth::TokenGrant, Error>> {
            Box::pin(async { unreachable!("a fixed token is never fetched") })
        }
        let client: RawClient = ClientBuilder::new("http://127.0.0.1:9", "org", "app", no_token)
            .app_token("t")
            .build()
            .expect("a client builds");
        let (mut call, mut attempts) = (Call::new(&crate::call::TEST_OPERATION), 0);
        let attempt_loop = std::mem::size_of_val(&client.attempt_loop(&mut call, false, &mut attempts));
        // Beside the loop: the call itself, the span (once, in the
        // instrumented loop), the attempt count and the future's own state.
        let beside = std::mem::size_of::<Call>() + std::mem::size_of::<tracing::Span>() + 64;
        let sent = std::mem::size_of_val(&*send(client.clone(), Call::new(&crate::call::TEST_OPERATION)));
        let downloaded = std::mem::size_of_val(&*download(client.clone(), Call::new(&crate::call::TEST_OPERATION)));
        for (what, size) in [("send", sent), ("download", downloaded)] {
            assert!(
                size <= attempt_loop + beside,
                "{what}: {size} bytes, the attempt loop {attempt_loop} and a call {}",
                std::mem::size_of::<Call>()
            );
            // glibc serves blocks of up to 1,032 bytes from a per-thread
            // cache while it holds one of that size (seven at most); when
            // it does not (many calls in flight on a thread), a block of
            // up to 1,000 bytes comes from its small bins, and a larger one
            // from its large bins, which first merge every freed fast-bin
            // block of the thread's arena.
            #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
            assert!(size <= 1000, "{what}: {size} bytes, more than glibc's small bins take (1,000)");
        }
    }

    #[test]
    fn retry_after_in_both_forms() {
        let now = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(parse_retry_after("7", None, now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("18446744073709551616", None, now), Some(Duration::MAX));
        let at = "Sun, 06 Nov 1994 08:49:47 GMT";
        assert_eq!(parse_retry_after(at, None, now), Some(Duration::from_secs(10)));
        assert_eq!(parse_retry_after(at, Some("Sun, 06 Nov 1994 08:49:45 GMT"), now), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(at, Some("Sun, 06 Nov 1994 09:00:00 GMT"), now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", None, now), None);
        assert_eq!(parse_retry_after("-1", None, now), None);
    }
}

//! The client: where calls are turned into HTTP requests and answers read.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue, RETRY_AFTER};
use serde::de::DeserializeOwned;

use crate::auth::{self, Credentials, FetchAppToken, TokenProvider, TokenTtlUnit};
use crate::call::{Call, OperationInfo};
use crate::clock::{Clock, SystemClock};
use crate::encode::push_segment;
use crate::error::{ConfigError, Error, InvalidInput, TransportError, TransportErrorKind};
use crate::files::Download;
use crate::ratelimit::RateLimiter;
use crate::response::{RawResponse, Response, api_error, decode};
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
    org: String,
    app: String,
    tokens: Arc<dyn TokenProvider>,
    retry: RetryPolicy,
    clock: Arc<dyn Clock>,
    rate_limiter: Option<RateLimiter>,
    max_body: usize,
}

impl fmt::Debug for RawClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawClient")
            .field("base_url", &self.inner.base)
            .field("org", &self.inner.org)
            .field("app", &self.inner.app)
            .field("tokens", &self.inner.tokens)
            .field("retry", &self.inner.retry)
            .field("rate_limited", &self.inner.rate_limiter.is_some())
            .finish_non_exhaustive()
    }
}

/// Sends a call of a generated operation and decodes its payload as `T`.
pub async fn execute<T: DeserializeOwned>(client: &RawClient, call: Call) -> Result<Response<T>, Error> {
    client.execute(call).await
}

/// Sends a call whose answer is a file; the body is streamed, not read.
pub async fn download(client: &RawClient, call: Call) -> Result<Download, Error> {
    client.download(call).await
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
            max_body: DEFAULT_MAX_BODY,
            retry: RetryPolicy::default(),
            clock: Arc::new(SystemClock),
            rate_limit: false,
            ttl_unit: TokenTtlUnit::Seconds,
        }
    }
}

impl RawClient {
    /// The clock the client waits and measures with.
    pub(crate) fn clock(&self) -> &dyn Clock {
        &*self.inner.clock
    }

    /// Sends a call (with retries, rate limiting, and the token and its
    /// refresh when the operation needs one) and decodes its payload as `T`.
    pub(crate) async fn execute<T: DeserializeOwned>(&self, call: Call) -> Result<Response<T>, Error> {
        decode(self.run(call).await?)
    }

    /// The attempt loop: every decision to wait, retry, refresh or give up is
    /// taken here, by the [`RetryPolicy`].
    async fn run(&self, mut call: Call) -> Result<RawResponse, Error> {
        let info = call.info;
        let policy = call.options.retry.clone().unwrap_or_else(|| self.inner.retry.clone());
        let started = self.clock().now();
        let mut attempts = 0u32;
        let mut refreshed = false;
        loop {
            attempts += 1;
            if let Some(rl) = &self.inner.rate_limiter {
                let wait = rl.reserve(info, self.clock().now());
                if !wait.is_zero() {
                    tracing::debug!(operation = info.id, wait_ms = wait.as_millis() as u64, "rate limit: waiting");
                    self.clock().sleep(wait).await;
                }
            }
            let token = if info.auth { Some(self.inner.tokens.token(self).await?) } else { None };
            let replayable = call.multipart.is_none();
            let result = match self.start(&mut call, token.as_ref()).await {
                Ok(resp) => self.finish(info, resp).await,
                Err(e) => Err(e),
            };
            let outcome = match &result {
                Ok(raw) if (200..300).contains(&raw.status) => return result,
                Ok(raw) => {
                    if raw.status == 401
                        && !refreshed
                        && replayable
                        && let Some(token) = &token
                        && token_rejected(raw)
                        && self.inner.tokens.invalidate(token).await
                    {
                        refreshed = true;
                        attempts -= 1;
                        tracing::info!(
                            operation = info.id,
                            "the server rejected the app token; refreshing it and replaying once"
                        );
                        continue;
                    }
                    Outcome::Status { status: raw.status, retry_after: raw.retry_after }
                }
                Err(Error::Transport(t)) => Outcome::Transport(t.kind),
                Err(_) => return result,
            };
            let elapsed = self.clock().now().saturating_duration_since(started);
            match policy.decide(info, attempts, elapsed, outcome, replayable) {
                Ok(delay) => {
                    tracing::info!(
                        operation = info.id,
                        attempt = attempts,
                        ?outcome,
                        delay_ms = delay.as_millis() as u64,
                        "retrying"
                    );
                    self.clock().sleep(delay).await;
                }
                Err(reason) => {
                    if attempts > 1 || !matches!(reason, "not a retryable failure") {
                        tracing::info!(operation = info.id, attempts, ?outcome, reason, "giving up");
                    }
                    return result;
                }
            }
        }
    }

    fn url(&self, call: &Call) -> Result<reqwest::Url, Error> {
        let inner = &self.inner;
        let mut text = String::with_capacity(inner.base.len() + call.path.len() + 64);
        text.push_str(&inner.base);
        text.push('/');
        push_segment(&mut text, &inner.org);
        text.push('/');
        push_segment(&mut text, &inner.app);
        text.push_str(&call.path);
        let mut url =
            reqwest::Url::parse(&text).map_err(|e| ConfigError(format!("cannot form a URL from {text:?}: {e}")))?;
        if !call.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in &call.query {
                pairs.append_pair(k, v);
            }
        }
        Ok(url)
    }

    /// Sends a call whose answer is a file; the body is not read here.
    pub(crate) async fn download(&self, call: Call) -> Result<Download, Error> {
        let info = call.info;
        let token = if info.auth { Some(self.inner.tokens.token(self).await?) } else { None };
        let mut call = call;
        let response = self.start(&mut call, token.as_ref()).await?;
        if response.status().is_success() {
            return Ok(Download { info, response });
        }
        Err(api_error(&self.finish(info, response).await?).into())
    }

    /// Builds and sends the request; returns once the answer's head arrived.
    async fn start(&self, call: &mut Call, token: Option<&Secret>) -> Result<reqwest::Response, Error> {
        let info = call.info;
        let url = self.url(call)?;
        let mut req = self.inner.http.request(info.method.to_reqwest(), url).header(ACCEPT, "application/json");
        for (name, value) in &call.headers {
            let value = HeaderValue::from_str(value).map_err(|_| {
                Error::InvalidInput(InvalidInput {
                    operation: info.id,
                    field: name,
                    rule: "must be a valid HTTP header value (visible ASCII)".into(),
                })
            })?;
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| ConfigError(format!("`{name}` is not a valid header name")))?;
            req = req.header(name, value);
        }
        if let Some(token) = token {
            let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
                .map_err(|_| ConfigError("the app token contains characters not allowed in a header".into()))?;
            value.set_sensitive(true);
            req = req.header(AUTHORIZATION, value);
        }
        if let Some(timeout) = call.options.timeout {
            req = req.timeout(timeout);
        }
        if let Some(body) = &call.body {
            let bytes = serde_json::to_vec(body).map_err(|e| {
                Error::InvalidInput(InvalidInput {
                    operation: info.id,
                    field: "body",
                    rule: format!("cannot be encoded: {e}"),
                })
            })?;
            req = req.header(CONTENT_TYPE, "application/json").body(bytes);
        }
        if let Some(form) = call.encoded_form() {
            req = req.header(CONTENT_TYPE, "application/x-www-form-urlencoded").body(form);
        }
        if let Some(form) = call.multipart.take() {
            req = req.multipart(form);
        }
        tracing::debug!(operation = info.id, method = ?info.method, path = info.path, "sending");
        req.send().await.map_err(|e| TransportError::from_reqwest(info.id, e).into())
    }

    /// Reads the answer's body, up to the configured limit.
    async fn finish(&self, info: &'static OperationInfo, mut resp: reqwest::Response) -> Result<RawResponse, Error> {
        let started = Instant::now();
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let mut body = bytes::BytesMut::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| TransportError::from_reqwest(info.id, e))? {
            if body.len() + chunk.len() > self.inner.max_body {
                return Err(TransportError {
                    operation: info.id,
                    kind: TransportErrorKind::TooLarge,
                    message: format!("the response body exceeds {} bytes", self.inner.max_body),
                    source: None,
                }
                .into());
            }
            body.extend_from_slice(&chunk);
        }
        tracing::debug!(
            operation = info.id,
            status,
            read_ms = started.elapsed().as_millis() as u64,
            bytes = body.len(),
            "answered"
        );
        Ok(RawResponse { info, status, retry_after, body: body.freeze() })
    }
}

/// Whether a 401 answer says the token itself is expired or bad (as opposed
/// to, say, the chatroom-attribute 401 "user is not in chatroom").
fn token_rejected(raw: &RawResponse) -> bool {
    let body: serde_json::Value = serde_json::from_slice(&raw.body).unwrap_or_default();
    let code = body.get("error").and_then(|v| v.as_str()).unwrap_or("");
    let description = body.get("error_description").and_then(|v| v.as_str()).unwrap_or("");
    matches!(code, "unauthorized" | "auth_bad_access_token" | "group_authorization" | "")
        && !description.contains("registration is not open")
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
    max_body: usize,
    retry: RetryPolicy,
    clock: Arc<dyn Clock>,
    rate_limit: bool,
    ttl_unit: TokenTtlUnit,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("org", &self.org)
            .field("app", &self.app)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("rate_limit", &self.rate_limit)
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
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Connect timeout of the built-in HTTP client (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Timeout of each request with the built-in HTTP client (default 30 s).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
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
        let parsed = reqwest::Url::parse(&base).map_err(|e| ConfigError(format!("bad base URL {base:?}: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(ConfigError(format!("the base URL {base:?} must be http:// or https:// with a host")).into());
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(ConfigError(format!("the base URL {base:?} must not carry a query or fragment")).into());
        }
        for (what, v) in [("org", &self.org), ("app", &self.app)] {
            if super::encode::segment_problem(v).is_some() {
                return Err(ConfigError(format!("the {what} name {v:?} is not usable in a path")).into());
            }
        }
        let credentials = self
            .credentials
            .ok_or_else(|| ConfigError("no credentials: call `app_token` or `client_credentials`".into()))?;
        let http = match self.http {
            Some(h) => h,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .timeout(self.request_timeout)
                .user_agent(concat!("easemob-rust/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|e| ConfigError(format!("cannot build the HTTP client: {e}")))?,
        };
        Ok(C::from(RawClient {
            inner: Arc::new(Inner {
                http,
                base,
                org: self.org,
                app: self.app,
                tokens: auth::provider(credentials, self.ttl_unit, self.fetch_app_token),
                retry: self.retry,
                clock: self.clock,
                rate_limiter: self.rate_limit.then(RateLimiter::default),
                max_body: self.max_body,
            }),
        }))
    }
}

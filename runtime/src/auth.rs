//! App tokens: where they come from, how long they are kept, and what
//! happens when the server says one is bad.
//!
//! A [`TokenProvider`] hands out the current token. The built-in providers
//! (a fixed token, client credentials, a caller's callback) live inside one
//! client, so several apps and data centers can share a process without any
//! global state.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use crate::client::RawClient;
use crate::clock::BoxFuture;
use crate::error::Error;
use crate::secret::Secret;

/// A token and how long it stays valid.
#[derive(Debug, Clone)]
pub struct AccessToken {
    /// The token.
    pub token: Secret,
    /// Lifetime from now; `None` when it does not expire.
    pub expires_in: Option<Duration>,
}

/// Hands out app tokens to a client.
pub trait TokenProvider: fmt::Debug + Send + Sync {
    /// The token to send now.
    fn token<'a>(&'a self, client: &'a RawClient) -> BoxFuture<'a, Result<Secret, Error>>;

    /// A token to send now that is at hand without waiting (a fixed token,
    /// a cached one still fresh), or `None` to go through
    /// [`token`](TokenProvider::token). Every call asks this first, so the
    /// common case costs no boxed future; the default always says `None`.
    fn ready_token(&self, client: &RawClient) -> Option<Secret> {
        let _ = client;
        None
    }

    /// The server rejected `token` as expired or bad. Returns whether a
    /// different token may now be available (then the call is replayed once).
    fn invalidate<'a>(&'a self, token: &'a Secret) -> BoxFuture<'a, bool> {
        let _ = token;
        Box::pin(std::future::ready(false))
    }
}

/// How the client authenticates.
#[derive(Clone)]
#[non_exhaustive]
pub enum Credentials {
    /// A fixed app token, used as given.
    AppToken(Secret),
    /// The app's client ID and secret: the client asks
    /// `POST /{org_name}/{app_name}/token` (`grant_type: client_credentials`)
    /// for a token, caches it and asks again shortly before it expires.
    ClientCredentials {
        /// Client ID from the console.
        client_id: String,
        /// Client secret from the console.
        client_secret: Secret,
        /// Requested token lifetime; `None` uses the console setting.
        ttl: Option<Duration>,
    },
    /// A token source of the caller's; the client caches what it returns
    /// until shortly before it expires.
    Callback(Arc<dyn Fn() -> BoxFuture<'static, Result<AccessToken, Error>> + Send + Sync>),
    /// A provider of the caller's, used as is.
    Provider(Arc<dyn TokenProvider>),
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::AppToken(t) => f.debug_tuple("AppToken").field(t).finish(),
            Credentials::ClientCredentials { client_id, client_secret, ttl } => f
                .debug_struct("ClientCredentials")
                .field("client_id", client_id)
                .field("client_secret", client_secret)
                .field("ttl", ttl)
                .finish(),
            Credentials::Callback(_) => f.write_str("Callback(..)"),
            Credentials::Provider(p) => f.debug_tuple("Provider").field(p).finish(),
        }
    }
}

impl Credentials {
    /// A callback token source: `fetch` is called when no valid token is cached.
    pub fn callback<F, Fut>(fetch: F) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<AccessToken, Error>> + Send + 'static,
    {
        Credentials::Callback(Arc::new(move || Box::pin(fetch())))
    }
}

/// In which unit the token endpoint counts `ttl` and `expires_in`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TokenTtlUnit {
    /// Seconds, as on most clusters.
    #[default]
    Seconds,
    /// Milliseconds, as on the "VIP 5" cluster.
    Milliseconds,
}

impl TokenTtlUnit {
    fn duration(self, n: u64) -> Duration {
        match self {
            TokenTtlUnit::Seconds => Duration::from_secs(n),
            TokenTtlUnit::Milliseconds => Duration::from_millis(n),
        }
    }
    fn count(self, d: Duration) -> u64 {
        match self {
            TokenTtlUnit::Seconds => d.as_secs(),
            TokenTtlUnit::Milliseconds => u64::try_from(d.as_millis()).unwrap_or(u64::MAX),
        }
    }
}

/// What the token operation is asked for: the app's credentials, and the
/// lifetime in the cluster's unit.
#[derive(Debug, Clone)]
pub struct AppTokenRequest {
    /// Client ID from the console.
    pub client_id: String,
    /// Client secret from the console.
    pub client_secret: Secret,
    /// Requested lifetime, in the unit of [`TokenTtlUnit`].
    pub ttl: Option<i64>,
}

/// What the token operation answered.
#[derive(Debug, Clone)]
pub struct TokenGrant {
    /// The token.
    pub access_token: Secret,
    /// Its lifetime in the cluster's unit, as sent.
    pub expires_in: Option<i64>,
}

/// Sends the spec's app-token operation: generated, so the token request is
/// described once, in `spec/tokens.yaml`, and is rate-limited, retried,
/// logged and decoded like every other operation.
pub type FetchAppToken = fn(&RawClient, AppTokenRequest) -> BoxFuture<'static, Result<TokenGrant, Error>>;

/// The error of client credentials when the spec has no token operation.
pub fn no_token_operation() -> Error {
    crate::error::ConfigError(
        "client credentials need an operation marked `provides: app_token` in the spec; use `app_token` instead".into(),
    )
    .into()
}

/// How long before expiry a token is replaced: a tenth of its lifetime, at
/// most five minutes.
pub(crate) fn refresh_margin(lifetime: Duration) -> Duration {
    (lifetime / 10).min(Duration::from_secs(300))
}

/// How long a token is kept when the token endpoint gave no usable lifetime
/// (`expires_in` missing or negative): it is not trusted forever.
pub const UNKNOWN_TOKEN_LIFETIME: Duration = Duration::from_secs(600);

/// When a token fetched at `now` and living `lifetime` is replaced; `None`
/// (never) when it does not expire or its expiry lies beyond what an
/// `Instant` can hold. Saturating: the lifetime comes from outside.
pub(crate) fn refresh_at(now: Instant, lifetime: Option<Duration>) -> Option<Instant> {
    let life = lifetime?;
    now.checked_add(life.saturating_sub(refresh_margin(life)))
}

/// What replaces the raw body of a token answer in an error.
const WITHHELD: &str = "(withheld: the token endpoint's answer may carry the app token)";

/// A token endpoint's error without the raw answer, which may carry the app
/// token (an answer that does not decode is still a token answer).
fn withhold_answer(e: Error) -> Error {
    match e {
        Error::Decode(mut d) => {
            d.raw_body = WITHHELD.to_owned();
            // serde's messages quote the offending value (`invalid type:
            // string "…"`); keep only where it happened.
            d.message = match d.message.find("`: ") {
                Some(i) => format!("{}: the value does not have the documented type {WITHHELD}", &d.message[..i + 1]),
                None => format!("the answer is not the documented JSON {WITHHELD}"),
            };
            Error::Decode(d)
        }
        Error::Api(mut a) => {
            a.raw_body = WITHHELD.to_owned();
            Error::Api(a)
        }
        other => other,
    }
}

/// Where a cached provider gets new tokens.
enum Fetch {
    ClientCredentials {
        client_id: String,
        client_secret: Secret,
        ttl: Option<Duration>,
        unit: TokenTtlUnit,
        send: FetchAppToken,
    },
    Callback(Arc<dyn Fn() -> BoxFuture<'static, Result<AccessToken, Error>> + Send + Sync>),
}

struct Cached {
    token: Secret,
    /// When to fetch a new one; `None` when the token does not expire.
    refresh_at: Option<Instant>,
}

#[derive(Default)]
struct SlotState {
    /// The last fetch's failure and its number in `fetches`.
    failure: Option<(u64, Error)>,
}

/// Caches the fetched token. Callers read the cached token under a short
/// synchronous lock, never held across an await: with many calls in flight
/// they do not queue behind each other. Fetching takes the asynchronous
/// `slot` lock and holds it while fetching, so callers that arrive during a
/// fetch wait for it and share its result, success or failure: a failed
/// fetch is not repeated by each waiter in turn.
pub(crate) struct CachingProvider {
    fetch: Fetch,
    cached: std::sync::RwLock<Option<Cached>>,
    slot: Mutex<SlotState>,
    /// Fetches finished so far (read without the lock by arriving callers).
    fetches: AtomicU64,
}

impl fmt::Debug for CachingProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.fetch {
            Fetch::ClientCredentials { client_id, .. } => {
                f.debug_struct("ClientCredentials").field("client_id", client_id).finish_non_exhaustive()
            }
            Fetch::Callback(_) => f.write_str("Callback(..)"),
        }
    }
}

impl CachingProvider {
    async fn fetch(&self, client: &RawClient) -> Result<AccessToken, Error> {
        match &self.fetch {
            Fetch::Callback(f) => f().await,
            Fetch::ClientCredentials { client_id, client_secret, ttl, unit, send } => {
                let request = AppTokenRequest {
                    client_id: client_id.clone(),
                    client_secret: client_secret.clone(),
                    ttl: ttl.map(|t| i64::try_from(unit.count(t)).unwrap_or(i64::MAX)),
                };
                let grant = send(client, request).await.map_err(withhold_answer)?;
                // `expires_in: 0` (from `ttl: 0`) means the token never
                // expires; a missing or negative one is not trusted forever.
                let expires_in = match grant.expires_in {
                    Some(0) => None,
                    Some(n) if n > 0 => Some(unit.duration(n.unsigned_abs())),
                    _ => Some(UNKNOWN_TOKEN_LIFETIME),
                };
                Ok(AccessToken { token: grant.access_token, expires_in })
            }
        }
    }
}

impl TokenProvider for CachingProvider {
    fn ready_token(&self, client: &RawClient) -> Option<Secret> {
        self.fresh(client.clock().now())
    }

    fn token<'a>(&'a self, client: &'a RawClient) -> BoxFuture<'a, Result<Secret, Error>> {
        Box::pin(async move {
            let seen = self.fetches.load(Ordering::Acquire);
            if let Some(token) = self.fresh(client.clock().now()) {
                return Ok(token);
            }
            let mut slot = self.slot.lock().await;
            let now = client.clock().now();
            // Fetched while this caller waited for the lock.
            if let Some(token) = self.fresh(now) {
                return Ok(token);
            }
            // A fetch that finished while this caller waited failed: share it.
            if let Some((n, e)) = &slot.failure
                && *n > seen
            {
                return Err(e.duplicate());
            }
            let result = self.fetch(client).await;
            let n = self.fetches.fetch_add(1, Ordering::AcqRel) + 1;
            match result {
                Ok(fetched) => {
                    let refresh_at = refresh_at(now, fetched.expires_in);
                    tracing::debug!(expires_in = ?fetched.expires_in, "fetched a new app token");
                    *self.write_cached() = Some(Cached { token: fetched.token.clone(), refresh_at });
                    slot.failure = None;
                    Ok(fetched.token)
                }
                Err(e) => {
                    tracing::debug!(error = %e, "fetching an app token failed");
                    slot.failure = Some((n, e.duplicate()));
                    Err(e)
                }
            }
        })
    }

    fn invalidate<'a>(&'a self, token: &'a Secret) -> BoxFuture<'a, bool> {
        Box::pin(async move {
            // Another caller may already have replaced it; keep the newer one.
            let mut cached = self.write_cached();
            if cached.as_ref().is_some_and(|c| c.token == *token) {
                *cached = None;
            }
            true
        })
    }
}

impl CachingProvider {
    /// The cached token, if it is not due for a refresh at `now`.
    fn fresh(&self, now: Instant) -> Option<Secret> {
        let cached = self.cached.read().unwrap_or_else(|p| p.into_inner());
        cached.as_ref().filter(|c| c.refresh_at.is_none_or(|at| now < at)).map(|c| c.token.clone())
    }

    fn write_cached(&self) -> std::sync::RwLockWriteGuard<'_, Option<Cached>> {
        self.cached.write().unwrap_or_else(|p| p.into_inner())
    }
}

/// A fixed token.
#[derive(Debug)]
pub(crate) struct FixedToken(Secret);

impl TokenProvider for FixedToken {
    fn ready_token(&self, _: &RawClient) -> Option<Secret> {
        Some(self.0.clone())
    }

    fn token<'a>(&'a self, _: &'a RawClient) -> BoxFuture<'a, Result<Secret, Error>> {
        Box::pin(std::future::ready(Ok(self.0.clone())))
    }
}

/// The provider for `credentials`.
pub(crate) fn provider(credentials: Credentials, unit: TokenTtlUnit, send: FetchAppToken) -> Arc<dyn TokenProvider> {
    let caching = |fetch| {
        Arc::new(CachingProvider {
            fetch,
            cached: std::sync::RwLock::default(),
            slot: Mutex::default(),
            fetches: AtomicU64::new(0),
        })
    };
    match credentials {
        Credentials::AppToken(t) => Arc::new(FixedToken(t)),
        Credentials::ClientCredentials { client_id, client_secret, ttl } => {
            caching(Fetch::ClientCredentials { client_id, client_secret, ttl, unit, send })
        }
        Credentials::Callback(f) => caching(Fetch::Callback(f)),
        Credentials::Provider(p) => p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margin_is_a_tenth_capped_at_five_minutes() {
        assert_eq!(refresh_margin(Duration::from_secs(100)), Duration::from_secs(10));
        assert_eq!(refresh_margin(Duration::from_secs(86_400)), Duration::from_secs(300));
    }

    #[test]
    fn an_expiry_beyond_what_an_instant_holds_means_never() {
        let now = Instant::now();
        assert_eq!(refresh_at(now, Some(Duration::MAX)), None);
        // Past i64::MAX seconds once the five-minute margin is taken off,
        // whatever the monotonic clock reads (it starts near zero at boot,
        // so a life of i64::MAX seconds alone fits on a machine up for less
        // than five minutes).
        assert_eq!(refresh_at(now, Some(Duration::from_secs(i64::MAX as u64 + 301))), None);
        assert_eq!(refresh_at(now, Some(Duration::from_secs(100))), Some(now + Duration::from_secs(90)));
        assert_eq!(refresh_at(now, None), None);
    }

    #[test]
    fn ttl_units() {
        assert_eq!(TokenTtlUnit::Milliseconds.duration(1500), Duration::from_millis(1500));
        assert_eq!(TokenTtlUnit::Seconds.count(Duration::from_secs(60)), 60);
    }
}

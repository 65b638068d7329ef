//! The app token: either given, or fetched with the app's client ID and
//! secret and cached until shortly before it expires.

use std::time::Duration;

use serde::Deserialize;
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::call::{Call, Method, OperationInfo};
use super::client::Client;
use super::error::Error;
use super::secret::Secret;

/// How the client authenticates.
#[derive(Debug, Clone)]
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
}

/// The token request, described like any generated operation.
pub(crate) static TOKEN: OperationInfo = OperationInfo {
    id: "token_get_app",
    method: Method::Post,
    path: "/{org_name}/{app_name}/token",
    payload_at: &[],
    retry_safe: true,
    auth: false,
    rate_limit: Some(super::call::RateLimit { calls: 300, per: super::call::Per::Second }),
    paging: None,
};

/// The token answer (not enveloped).
#[derive(Deserialize)]
struct TokenGrant {
    access_token: Secret,
    #[serde(default, deserialize_with = "super::de::opt_lenient")]
    expires_in: Option<i64>,
}

#[derive(Debug)]
struct Cached {
    token: Secret,
    /// When to fetch a new one; `None` when the token does not expire.
    refresh_at: Option<Instant>,
}

/// Hands out the current token; with client credentials, fetches one when
/// needed. The lock is held while fetching, so callers that arrive during a
/// fetch wait for it and share its result instead of asking again.
#[derive(Debug)]
pub(crate) struct TokenSource {
    credentials: Credentials,
    cached: Mutex<Option<Cached>>,
}

/// How long before expiry a token is replaced: a tenth of its lifetime, at
/// most five minutes.
pub(crate) fn refresh_margin(lifetime: Duration) -> Duration {
    (lifetime / 10).min(Duration::from_secs(300))
}

impl TokenSource {
    pub(crate) fn new(credentials: Credentials) -> Self {
        TokenSource { credentials, cached: Mutex::new(None) }
    }

    pub(crate) fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    pub(crate) async fn token(&self, client: &Client) -> Result<Secret, Error> {
        let (client_id, client_secret, ttl) = match &self.credentials {
            Credentials::AppToken(t) => return Ok(t.clone()),
            Credentials::ClientCredentials { client_id, client_secret, ttl } => (client_id, client_secret, ttl),
        };
        let mut slot = self.cached.lock().await;
        if let Some(c) = slot.as_ref()
            && c.refresh_at.is_none_or(|at| Instant::now() < at)
        {
            return Ok(c.token.clone());
        }
        let started = Instant::now();
        let mut call = Call::new(&TOKEN);
        call.path_lit("/token");
        call.body_field("grant_type", "client_credentials")?;
        call.body_field("client_id", client_id)?;
        call.body_field("client_secret", client_secret)?;
        if let Some(ttl) = ttl {
            call.body_field("ttl", &ttl.as_secs())?;
        }
        let grant: TokenGrant = client.execute_unauthenticated(call).await?.data;
        // `expires_in: 0` (from `ttl: 0`) means the token never expires.
        let refresh_at = match grant.expires_in {
            Some(secs) if secs > 0 => {
                let lifetime = Duration::from_secs(secs as u64);
                Some(started + lifetime - refresh_margin(lifetime))
            }
            _ => None,
        };
        tracing::debug!(operation = TOKEN.id, expires_in = ?grant.expires_in, "fetched a new app token");
        *slot = Some(Cached { token: grant.access_token.clone(), refresh_at });
        Ok(grant.access_token)
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
}

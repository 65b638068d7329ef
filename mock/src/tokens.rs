//! App and user tokens the mock has issued, with their expiry. Only app
//! tokens authorize REST calls, as on the real server.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;

/// Who a token was issued to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    /// The app (admin) token.
    App,
    /// A user's token.
    User(String),
}

/// Issued tokens. Expiry runs on tokio's clock, so a test with paused time
/// can expire a token without waiting.
#[derive(Default)]
pub struct Tokens {
    issued: HashMap<String, (Holder, Option<Instant>)>,
    next: u64,
}

impl std::fmt::Debug for Tokens {
    // The tokens themselves are secrets: show how many there are.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens").field("issued", &self.issued.len()).finish()
    }
}

impl Tokens {
    /// A new token for `holder`, valid for `ttl` (`None`: never expires).
    pub fn issue(&mut self, holder: Holder, ttl: Option<Duration>) -> String {
        self.next += 1;
        // Unguessable enough for a test server, and unlike any earlier one.
        let token = format!("YWMt-mock-{}-{:016x}", self.next, fastrand_u64());
        let expires = ttl.and_then(|t| Instant::now().checked_add(t));
        self.issued.insert(token.clone(), (holder, expires));
        token
    }

    /// Whether `token` is an unexpired app token.
    pub fn is_app_token(&self, token: &str) -> bool {
        match self.issued.get(token) {
            Some((Holder::App, None)) => true,
            Some((Holder::App, Some(at))) => Instant::now() < *at,
            _ => false,
        }
    }

    /// Forgets a token, as if it had expired.
    pub fn revoke(&mut self, token: &str) {
        self.issued.remove(token);
    }

    /// Expires every token at once.
    pub fn revoke_all(&mut self) {
        self.issued.clear();
    }
}

/// A random number from the std hasher's per-process keys (no extra crate).
fn fastrand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(0);
    h.finish()
}

//! Wall-clock milliseconds, for `timestamp` and `created` fields. Token
//! expiry uses tokio's clock instead (tests may pause it).

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, in Unix milliseconds (0 before 1970, which no machine is).
pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

//! Optional client-side rate limiting, seeded from the per-operation limits
//! in the spec: each operation may start at most `calls` requests per period,
//! with bursts up to `calls` (the generic cell rate algorithm).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::call::{OperationInfo, Per};

#[derive(Debug, Default)]
pub(crate) struct RateLimiter {
    /// Per operation: the theoretical arrival time of the next request.
    tat: Mutex<HashMap<&'static str, Instant>>,
}

/// A reserved slot. Dropped before [`keep`](Slot::keep) (the caller was
/// cancelled while waiting for it), it is given back.
pub(crate) struct Slot<'a> {
    limiter: &'a RateLimiter,
    id: &'static str,
    interval: Duration,
    armed: bool,
}

impl Slot<'_> {
    /// The request is going out: the slot is used.
    pub(crate) fn keep(mut self) {
        self.armed = false;
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        if self.armed {
            let mut map = self.limiter.tat.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(tat) = map.get_mut(self.id) {
                *tat = tat.checked_sub(self.interval).unwrap_or(*tat);
            }
        }
    }
}

impl RateLimiter {
    /// How long the next request of `info` must wait, and its reserved slot.
    pub(crate) fn reserve(&self, info: &OperationInfo, now: Instant) -> (Duration, Option<Slot<'_>>) {
        let Some(limit) = info.rate_limit else { return (Duration::ZERO, None) };
        let period = match limit.per {
            Per::Second => Duration::from_secs(1),
            Per::Minute => Duration::from_secs(60),
            Per::Day => Duration::from_secs(86_400),
        };
        let interval = period / limit.calls.max(1);
        let tolerance = period.saturating_sub(interval);
        let mut map = self.tat.lock().unwrap_or_else(|p| p.into_inner());
        let tat = map.entry(info.id).or_insert(now);
        let start = (*tat).max(now);
        let allowed_at = start.checked_sub(tolerance).unwrap_or(now);
        let wait = allowed_at.saturating_duration_since(now);
        *tat = start.checked_add(interval).unwrap_or(start);
        (wait, Some(Slot { limiter: self, id: info.id, interval, armed: true }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::RateLimit;

    static TEN_PER_SECOND: OperationInfo =
        OperationInfo { rate_limit: Some(RateLimit { calls: 10, per: Per::Second }), ..crate::call::TEST_OPERATION };

    #[test]
    fn bursts_up_to_the_limit_then_spaces_requests() {
        let rl = RateLimiter::default();
        let now = Instant::now();
        let waits: Vec<Duration> = (0..12)
            .map(|_| {
                let (wait, slot) = rl.reserve(&TEN_PER_SECOND, now);
                slot.unwrap().keep();
                wait
            })
            .collect();
        assert!(waits[..10].iter().all(|w| w.is_zero()), "{waits:?}");
        assert_eq!(waits[10], Duration::from_millis(100));
        assert_eq!(waits[11], Duration::from_millis(200));
    }

    #[test]
    fn a_slot_dropped_unused_is_given_back() {
        let rl = RateLimiter::default();
        let now = Instant::now();
        for _ in 0..10 {
            rl.reserve(&TEN_PER_SECOND, now).1.unwrap().keep();
        }
        for _ in 0..5 {
            let (wait, slot) = rl.reserve(&TEN_PER_SECOND, now);
            assert!(!wait.is_zero());
            drop(slot);
        }
        assert_eq!(rl.reserve(&TEN_PER_SECOND, now).0, Duration::from_millis(100));
    }
}

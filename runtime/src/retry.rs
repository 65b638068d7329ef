//! When a failed call is sent again: one policy object, consulted after
//! every attempt, instead of loops scattered through the code.

use std::time::Duration;

use super::call::OperationInfo;
use super::error::TransportErrorKind;

/// How failed calls are retried.
///
/// Retried: HTTP 429, 5xx other than 501, connection failures, connections
/// closed before any answer, timeouts and broken answers, with exponential
/// backoff and jitter, never sooner than a `Retry-After` the server sent (in
/// seconds or as an HTTP date), within a maximum number of attempts and a
/// total time budget. A `Retry-After` beyond the budget ends the retries at
/// once (the error carries it).
///
/// Calls that are not safe to repeat (sends, creates, imports: the spec marks
/// them) are retried only when the request cannot have taken effect: the
/// connection was never made, or the server refused it with 429. Other
/// failures are replayed only with [`replay_unsafe`](Self::replay_unsafe).
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    budget: Duration,
    jitter: bool,
    replay_unsafe: bool,
}

impl Default for RetryPolicy {
    /// Three attempts, backoff from 200 ms up to 5 s with jitter, 30 s budget.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            budget: Duration::from_secs(30),
            jitter: true,
            replay_unsafe: false,
        }
    }
}

/// What happened on one attempt, as far as retrying is concerned.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Outcome {
    Status { status: u16, retry_after: Option<Duration> },
    Transport(TransportErrorKind),
}

impl RetryPolicy {
    /// Never retry.
    pub fn never() -> Self {
        RetryPolicy { max_attempts: 1, ..Self::default() }
    }

    /// Total attempts, the first included (at least 1).
    pub fn max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// Backoff before the second attempt, doubling up to `max`.
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Time from the first attempt after which no retry starts.
    pub fn budget(mut self, budget: Duration) -> Self {
        self.budget = budget;
        self
    }

    /// Whether backoffs are randomised (between half and all of the delay).
    pub fn jitter(mut self, on: bool) -> Self {
        self.jitter = on;
        self
    }

    /// Also replay calls the spec marks unsafe to repeat, even when the
    /// request may have reached the server (risking, say, a duplicate message).
    pub fn replay_unsafe(mut self, on: bool) -> Self {
        self.replay_unsafe = on;
        self
    }

    /// The delay before the next attempt, or `None` to stop. `attempts` is
    /// how many were made; `elapsed` is the time since the first.
    pub(crate) fn decide(
        &self,
        info: &OperationInfo,
        attempts: u32,
        elapsed: Duration,
        outcome: Outcome,
        replayable: bool,
    ) -> Result<Duration, &'static str> {
        if attempts >= self.max_attempts {
            return Err("attempts exhausted");
        }
        if !replayable {
            return Err("the request body was a one-shot stream");
        }
        // `effect`: whether the attempt may have taken effect on the server.
        let (retryable, effect, retry_after) = match outcome {
            // 429: the server refused the request; it did not take effect.
            Outcome::Status { status: 429, retry_after } => (true, false, retry_after),
            Outcome::Status { status, retry_after } => {
                ((500..600).contains(&status) && status != 501, true, retry_after)
            }
            Outcome::Transport(kind) => match kind {
                // Nothing was sent, or the server refused it unprocessed.
                TransportErrorKind::Connect | TransportErrorKind::Refused => (true, false, None),
                TransportErrorKind::Timeout | TransportErrorKind::Body | TransportErrorKind::Closed => {
                    (true, true, None)
                }
                _ => (false, true, None),
            },
        };
        if !retryable {
            return Err("not a retryable failure");
        }
        if effect && !info.retry_safe && !self.replay_unsafe {
            return Err("the operation is not safe to repeat and the request may have reached the server");
        }
        let mut delay = self.backoff_for(attempts);
        if let Some(ra) = retry_after {
            delay = delay.max(ra);
        }
        // Both may come from outside (a `Retry-After` of 2^64-1 seconds).
        if elapsed.saturating_add(delay) > self.budget {
            return Err("the time budget would be exceeded");
        }
        Ok(delay)
    }

    fn backoff_for(&self, attempts: u32) -> Duration {
        let exp = attempts.saturating_sub(1).min(20);
        let full = self.initial_backoff.saturating_mul(1 << exp).min(self.max_backoff);
        if self.jitter {
            let half = full / 2;
            half + half.mul_f64(fastrand::f64())
        } else {
            full
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::call::TEST_OPERATION as SAFE;

    static UNSAFE: OperationInfo = OperationInfo { retry_safe: false, ..SAFE };

    fn status(s: u16) -> Outcome {
        Outcome::Status { status: s, retry_after: None }
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let p = RetryPolicy::default().jitter(false).backoff(Duration::from_millis(100), Duration::from_millis(350));
        let p = p.max_attempts(10);
        let d: Vec<_> = (1..5).map(|a| p.decide(&SAFE, a, Duration::ZERO, status(503), true).unwrap()).collect();
        assert_eq!(d, [100, 200, 350, 350].map(Duration::from_millis));
    }

    #[test]
    fn what_is_retried() {
        let p = RetryPolicy::default();
        assert!(p.decide(&SAFE, 1, Duration::ZERO, status(429), true).is_ok());
        assert!(p.decide(&SAFE, 1, Duration::ZERO, status(502), true).is_ok());
        assert!(p.decide(&SAFE, 1, Duration::ZERO, status(501), true).is_err());
        assert!(p.decide(&SAFE, 1, Duration::ZERO, status(404), true).is_err());
        assert!(p.decide(&SAFE, 3, Duration::ZERO, status(503), true).is_err());
        assert!(p.decide(&UNSAFE, 1, Duration::ZERO, status(503), true).is_err());
        assert!(p.decide(&UNSAFE, 1, Duration::ZERO, status(429), true).is_ok(), "429 was refused");
        assert!(p.decide(&SAFE, 1, Duration::ZERO, Outcome::Transport(TransportErrorKind::Closed), true).is_ok());
        assert!(p.decide(&UNSAFE, 1, Duration::ZERO, Outcome::Transport(TransportErrorKind::Closed), true).is_err());
        assert!(p.decide(&UNSAFE, 1, Duration::ZERO, Outcome::Transport(TransportErrorKind::Connect), true).is_ok());
        assert!(p.decide(&UNSAFE, 1, Duration::ZERO, Outcome::Transport(TransportErrorKind::Refused), true).is_ok());
        assert!(p.clone().replay_unsafe(true).decide(&UNSAFE, 1, Duration::ZERO, status(503), true).is_ok());
        assert!(p.decide(&SAFE, 1, Duration::ZERO, status(503), false).is_err());
    }

    #[test]
    fn retry_after_is_honoured_within_the_budget() {
        let p = RetryPolicy::default().jitter(false).budget(Duration::from_secs(10));
        let ra = |s| Outcome::Status { status: 429, retry_after: Some(Duration::from_secs(s)) };
        assert_eq!(p.decide(&SAFE, 1, Duration::ZERO, ra(7), true), Ok(Duration::from_secs(7)));
        assert!(p.decide(&SAFE, 1, Duration::from_secs(4), ra(7), true).is_err());
    }

    #[test]
    fn a_retry_after_of_u64_max_seconds_after_a_first_retry_gives_up_without_overflow() {
        let p = RetryPolicy::default().max_attempts(5);
        let ra = Outcome::Status { status: 503, retry_after: Some(Duration::from_secs(u64::MAX)) };
        assert!(p.decide(&SAFE, 2, Duration::from_millis(300), ra, true).is_err());
        assert!(p.decide(&SAFE, 2, Duration::MAX, status(503), true).is_err());
    }
}

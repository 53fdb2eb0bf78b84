//! When to try a request again, decided by one pure function so a table of cases can pin it.

use std::time::Duration;

/// What kind of call failed: this decides whether sending it twice can do harm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Queries, counts, gets, metadata: repeating them changes nothing.
    Read,
    /// POST of a new record: a second send may create a second record.
    Create,
    /// PATCH/PUT with the id in the body: sets fields to values, so repeating gives the same state.
    Update,
}

/// How an attempt failed, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// An HTTP status other than the ones below.
    Status(u16),
    /// A definite answer that sending again cannot change: bad credentials or integration code,
    /// a permission, a missing route, a validation message.
    Refused,
    /// The thread-limit refusal (`Itgenatr005`), whatever its status (§7.3).
    ThreadLimit,
    /// 429: the hourly threshold.
    Threshold,
    /// Connecting failed: nothing reached the service.
    ConnectFailed,
    /// The request went out and no (complete) answer came back: timeout, reset, closed.
    NoAnswer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    RetryAfter(Duration),
    GiveUp,
}

/// Capped exponential backoff with jitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// A `Retry-After` longer than this is cut to it (one client caps it at 10 min, §11.1).
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
        }
    }
}

/// Decides what follows failed attempt number `attempt` (1 = the first).
///
/// `jitter` is a number in `[0, 1)`: the delay is between half and all of the capped exponential
/// step, so that clients that failed together do not come back together.
pub fn decide(
    policy: &RetryPolicy,
    op: Operation,
    failure: Failure,
    attempt: u32,
    retry_after: Option<Duration>,
    jitter: f64,
) -> Decision {
    if attempt >= policy.max_attempts {
        return Decision::GiveUp;
    }
    let safe = match failure {
        // Refused before any work was done: safe for every operation.
        Failure::ThreadLimit | Failure::Threshold | Failure::ConnectFailed => true,
        Failure::Refused => false,
        // A 5xx on a write is either the service's refusal (business rules answer 500, §6) or a
        // failure half way: neither is fixed by sending it again.
        Failure::Status(s) => s >= 500 && op == Operation::Read,
        // After a create went out, only the caller can find out whether it happened.
        Failure::NoAnswer => op != Operation::Create,
    };
    if !safe {
        return Decision::GiveUp;
    }
    let exp = policy
        .base_delay
        .saturating_mul(1u32 << (attempt - 1).min(20))
        .min(policy.max_delay);
    let jitter = jitter.clamp(0.0, 1.0);
    let mut delay = exp / 2 + exp.mul_f64(jitter / 2.0);
    if let Some(asked) = retry_after {
        delay = delay.max(asked.min(policy.max_retry_after));
    }
    Decision::RetryAfter(delay)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::{GiveUp, RetryAfter};
    use Failure::*;
    use Operation::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// (operation, failure, attempt, retry-after, jitter, expected)
    type Case = (Operation, Failure, u32, Option<Duration>, f64, Decision);

    #[test]
    fn decision_table() {
        let policy = RetryPolicy {
            max_attempts: 4,
            base_delay: ms(100),
            max_delay: ms(300),
            max_retry_after: ms(1_000),
        };
        let table: &[Case] = &[
            // Reads: everything transient is retried, with the step doubling up to the cap.
            (Read, Status(500), 1, None, 0.0, RetryAfter(ms(50))),
            (Read, Status(503), 2, None, 0.0, RetryAfter(ms(100))),
            (Read, Status(502), 3, None, 0.0, RetryAfter(ms(150))),
            (Read, Status(500), 3, None, 1.0, RetryAfter(ms(300))),
            (Read, ThreadLimit, 1, None, 0.5, RetryAfter(ms(75))),
            (Read, Threshold, 1, None, 0.0, RetryAfter(ms(50))),
            (Read, ConnectFailed, 1, None, 0.0, RetryAfter(ms(50))),
            (Read, NoAnswer, 1, None, 0.0, RetryAfter(ms(50))),
            // Retry-After is honoured, up to its cap.
            (Read, Threshold, 1, Some(ms(700)), 0.0, RetryAfter(ms(700))),
            (
                Read,
                Threshold,
                1,
                Some(ms(60_000)),
                0.0,
                RetryAfter(ms(1_000)),
            ),
            (Read, Threshold, 1, Some(ms(10)), 0.0, RetryAfter(ms(50))),
            // Client errors are not transient.
            (Read, Status(400), 1, None, 0.0, GiveUp),
            (Read, Status(401), 1, None, 0.0, GiveUp),
            (Read, Status(403), 1, None, 0.0, GiveUp),
            (Read, Status(404), 1, None, 0.0, GiveUp),
            (Read, Status(405), 1, None, 0.0, GiveUp),
            (Read, Refused, 1, None, 0.0, GiveUp),
            (Update, Refused, 1, None, 0.0, GiveUp),
            // The attempt budget ends everything.
            (Read, Status(500), 4, None, 0.0, GiveUp),
            (Read, ThreadLimit, 4, None, 0.0, GiveUp),
            (Create, ConnectFailed, 4, None, 0.0, GiveUp),
            // Creates: only refusals that did no work, and failed connects, are retried.
            (Create, ThreadLimit, 1, None, 0.0, RetryAfter(ms(50))),
            (Create, Threshold, 2, None, 0.0, RetryAfter(ms(100))),
            (Create, ConnectFailed, 1, None, 0.0, RetryAfter(ms(50))),
            (Create, NoAnswer, 1, None, 0.0, GiveUp),
            (Create, Status(500), 1, None, 0.0, GiveUp),
            (Create, Status(504), 1, None, 0.0, GiveUp),
            (Create, Status(400), 1, None, 0.0, GiveUp),
            // Updates set values, so a lost answer may be retried; a 5xx may not.
            (Update, NoAnswer, 1, None, 0.0, RetryAfter(ms(50))),
            (Update, ThreadLimit, 1, None, 0.0, RetryAfter(ms(50))),
            (Update, Status(500), 1, None, 0.0, GiveUp),
        ];
        for (i, (op, failure, attempt, after, jitter, want)) in table.iter().enumerate() {
            let got = decide(&policy, *op, *failure, *attempt, *after, *jitter);
            assert_eq!(got, *want, "case {i}: {op:?} {failure:?} attempt {attempt}");
        }
    }
}

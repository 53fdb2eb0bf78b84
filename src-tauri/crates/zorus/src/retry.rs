//! When a failed call is worth repeating, and after how long: a pure decision, so it is tested
//! without a clock or a network.

use std::time::Duration;

use crate::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Repeats after the first attempt. PS makes about 4 attempts in all, 5 s apart (§3).
    pub max_retries: u32,
    /// The first wait; each later one doubles.
    pub base_delay: Duration,
    /// No wait is longer, whatever `Retry-After` asks for: a refresh the partner is watching
    /// should fail and say so rather than hang.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries: each call is tried once.
    pub fn never() -> RetryPolicy {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }
}

/// How long to wait before repeating a call that failed with `err`, after `retries_done`
/// repeats so far; `None` to give up.
///
/// Repeated: 5xx and 429 (honouring `Retry-After`; no source says Zorus sends it, §3) and
/// broken connections. Not repeated: a refused key, a rejected body, malformed JSON (the same
/// request would get the same answer), and a timeout, which has already cost the partner the
/// whole timeout once.
pub fn delay_before_retry(
    policy: &RetryPolicy,
    retries_done: u32,
    err: &Error,
) -> Option<Duration> {
    if retries_done >= policy.max_retries {
        return None;
    }
    let backoff = policy
        .base_delay
        .saturating_mul(2u32.saturating_pow(retries_done));
    let wait = match err {
        Error::Server {
            retry_after_secs: Some(secs),
            ..
        } => Duration::from_secs(*secs),
        Error::Server { .. } | Error::Transport(_) => backoff,
        _ => return None,
    };
    Some(wait.min(policy.max_delay))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(retry_after_secs: Option<u64>) -> Error {
        Error::Server {
            status: 503,
            detail: String::new(),
            retry_after_secs,
        }
    }

    #[test]
    fn transient_failures_back_off_then_give_up() {
        let p = RetryPolicy::default();
        let waits: Vec<_> = (0..4)
            .map(|n| delay_before_retry(&p, n, &server(None)))
            .collect();
        let s = Duration::from_secs;
        assert_eq!(waits, [Some(s(2)), Some(s(4)), Some(s(8)), None]);
        let dropped = Error::Transport("reset".into());
        assert_eq!(delay_before_retry(&p, 0, &dropped), Some(s(2)));
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        let p = RetryPolicy::default();
        let s = Duration::from_secs;
        assert_eq!(delay_before_retry(&p, 0, &server(Some(7))), Some(s(7)));
        assert_eq!(delay_before_retry(&p, 0, &server(Some(3_600))), Some(s(30)));
    }

    #[test]
    fn answers_that_would_repeat_are_not_retried() {
        let p = RetryPolicy::default();
        for err in [
            Error::InvalidKey { status: 401 },
            Error::Rejected {
                status: 406,
                detail: String::new(),
            },
            Error::MalformedJson {
                path: ".".into(),
                message: String::new(),
            },
            Error::Timeout,
            Error::EmptyCustomerName { uuid: "u".into() },
        ] {
            assert_eq!(delay_before_retry(&p, 0, &err), None, "{err:?}");
        }
        assert_eq!(
            delay_before_retry(&RetryPolicy::never(), 0, &server(None)),
            None
        );
    }
}

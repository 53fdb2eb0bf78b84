//! The client's side of the vendor's throttles: a semaphore per entity, a count of requests in
//! the rolling hour, and the pause taken once usage passes 50% and 75% of the threshold.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::models::ThresholdInformation;

const HOUR: Duration = Duration::from_secs(3600);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// At most `permits` requests in flight per entity.
pub(crate) struct EntityLimiter {
    permits: usize,
    buckets: Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl EntityLimiter {
    pub fn new(permits: usize) -> EntityLimiter {
        EntityLimiter {
            permits,
            buckets: Mutex::default(),
        }
    }

    fn bucket(&self, name: &str) -> Arc<Semaphore> {
        let mut buckets = lock(&self.buckets);
        Arc::clone(
            buckets
                .entry(name.to_ascii_lowercase())
                .or_insert_with(|| Arc::new(Semaphore::new(self.permits))),
        )
    }

    /// Takes one slot in each bucket. Buckets are taken in name order so two callers needing the
    /// same pair cannot deadlock.
    pub async fn acquire(&self, names: &[&str]) -> Vec<OwnedSemaphorePermit> {
        let mut sorted: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
        sorted.sort();
        sorted.dedup();
        let mut permits = Vec::with_capacity(sorted.len());
        for name in sorted {
            if let Ok(p) = self.bucket(&name).acquire_owned().await {
                permits.push(p);
            }
        }
        permits
    }
}

/// Requests sent in the last hour, by this client.
#[derive(Debug, Default)]
pub struct HourlyCounter {
    sent: VecDeque<Instant>,
}

impl HourlyCounter {
    pub fn record(&mut self, now: Instant) {
        self.prune(now);
        self.sent.push_back(now);
    }

    pub fn count(&mut self, now: Instant) -> u64 {
        self.prune(now);
        self.sent.len() as u64
    }

    fn prune(&mut self, now: Instant) {
        while self
            .sent
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= HOUR)
        {
            self.sent.pop_front();
        }
    }
}

/// How long to pause before a request once the tenant's hourly usage is high. The vendor slows
/// calls itself from 50% and 75% (by about 0.5 s and 1 s, §7.2, numbers [U]); pausing on our
/// side as well spreads our share out instead of running the tenant into the hard stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacingPolicy {
    pub at_50_percent: Duration,
    pub at_75_percent: Duration,
}

impl Default for PacingPolicy {
    fn default() -> Self {
        PacingPolicy {
            at_50_percent: Duration::from_millis(500),
            at_75_percent: Duration::from_secs(1),
        }
    }
}

/// The pause for a request made when `used` of `threshold` requests are spent.
pub fn pacing_delay(policy: &PacingPolicy, used: u64, threshold: u64) -> Duration {
    let threshold = threshold.max(1);
    if used.saturating_mul(4) >= threshold.saturating_mul(3) {
        policy.at_75_percent
    } else if used.saturating_mul(2) >= threshold {
        policy.at_50_percent
    } else {
        Duration::ZERO
    }
}

/// What the client knows about the tenant's hourly usage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage {
    /// Requests this client sent in the rolling hour.
    pub sent_last_hour: u64,
    /// Our best estimate of the tenant's usage: the last ThresholdInformation plus what we sent
    /// since, or our own count when that is higher (other integrations share the threshold).
    pub estimated_used: u64,
    pub threshold: u64,
    /// The last ThresholdInformation read, if any.
    pub last_reported: Option<ThresholdInformation>,
    /// Requests that were paused because usage was past 50%.
    pub paced_requests: u64,
}

#[derive(Debug)]
struct Reported {
    info: ThresholdInformation,
    sent_then: u64,
}

#[derive(Debug)]
pub(crate) struct UsageTracker {
    counter: Mutex<HourlyCounter>,
    reported: Mutex<Option<Reported>>,
    assumed_threshold: u64,
    paced: Mutex<u64>,
}

impl UsageTracker {
    pub fn new(assumed_threshold: u64) -> UsageTracker {
        UsageTracker {
            counter: Mutex::default(),
            reported: Mutex::default(),
            assumed_threshold,
            paced: Mutex::default(),
        }
    }

    pub fn record_request(&self) {
        lock(&self.counter).record(Instant::now());
    }

    pub fn record_paced(&self) {
        *lock(&self.paced) += 1;
    }

    pub fn record_threshold(&self, info: ThresholdInformation) {
        let sent_then = lock(&self.counter).count(Instant::now());
        *lock(&self.reported) = Some(Reported { info, sent_then });
    }

    pub fn snapshot(&self) -> Usage {
        let sent = lock(&self.counter).count(Instant::now());
        let reported = lock(&self.reported);
        let (estimated, threshold, last) = match &*reported {
            Some(r) => {
                // Requests we made since the report; an estimate, as the hour also rolls on.
                let since = sent.saturating_sub(r.sent_then);
                let est = (r.info.current_timeframe_request_count + since).max(sent);
                (est, r.info.external_request_threshold, Some(r.info.clone()))
            }
            None => (sent, self.assumed_threshold, None),
        };
        Usage {
            sent_last_hour: sent,
            estimated_used: estimated,
            threshold,
            last_reported: last,
            paced_requests: *lock(&self.paced),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pacing_table() {
        let p = PacingPolicy {
            at_50_percent: Duration::from_millis(5),
            at_75_percent: Duration::from_millis(10),
        };
        let cases = [
            (0, 10_000, 0),
            (4_999, 10_000, 0),
            (5_000, 10_000, 5),
            (7_499, 10_000, 5),
            (7_500, 10_000, 10),
            (10_000, 10_000, 10),
            (20_000, 10_000, 10),
            (1, 2, 5),
            (0, 0, 0),
        ];
        for (used, threshold, want) in cases {
            assert_eq!(
                pacing_delay(&p, used, threshold),
                Duration::from_millis(want),
                "{used}/{threshold}"
            );
        }
    }

    #[test]
    fn hourly_counter_forgets_after_an_hour() {
        let start = Instant::now();
        let mut c = HourlyCounter::default();
        c.record(start);
        c.record(start + Duration::from_secs(1800));
        assert_eq!(c.count(start + Duration::from_secs(1800)), 2);
        assert_eq!(c.count(start + Duration::from_secs(3600)), 1);
        assert_eq!(c.count(start + Duration::from_secs(5400)), 0);
    }
}

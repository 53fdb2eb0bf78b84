//! The vendor's throttles: concurrent requests per (integration code, entity), and a tenant-wide
//! hourly request count that slows requests from 50% and 75% of the threshold and refuses at 100%.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::config::Limits;

const HOUR: Duration = Duration::from_secs(3600);

#[derive(Default)]
struct Inner {
    limits: Limits,
    active: HashMap<(String, &'static str), usize>,
    hour: VecDeque<Instant>,
}

#[derive(Default)]
pub struct Limiter {
    inner: Mutex<Inner>,
}

/// What the hourly threshold says about a request.
pub enum Hourly {
    Proceed(Duration),
    Refuse,
}

/// Holds a thread slot until dropped.
pub struct ThreadSlot {
    limiter: Arc<Limiter>,
    key: (String, &'static str),
}

impl Drop for ThreadSlot {
    fn drop(&mut self) {
        let mut inner = self.limiter.lock();
        if let Some(n) = inner.active.get_mut(&self.key) {
            *n = n.saturating_sub(1);
        }
    }
}

impl Limiter {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn limits(&self) -> Limits {
        self.lock().limits.clone()
    }

    pub fn set_limits(&self, limits: Limits) {
        self.lock().limits = limits;
    }

    /// Forgets usage (a reset), keeping the configured limits and any request in flight.
    pub fn clear_usage(&self) {
        self.lock().hour.clear();
    }

    fn prune(inner: &mut Inner, now: Instant) {
        while inner
            .hour
            .front()
            .is_some_and(|t| now.duration_since(*t) >= HOUR)
        {
            inner.hour.pop_front();
        }
    }

    /// Counts a request against the rolling hour, unless the threshold is already reached.
    pub fn count_request(&self) -> Hourly {
        let now = Instant::now();
        let mut inner = self.lock();
        Self::prune(&mut inner, now);
        let threshold = inner.limits.hourly_threshold.max(1);
        let used = inner.hour.len() as u64;
        if used >= threshold {
            return Hourly::Refuse;
        }
        inner.hour.push_back(now);
        let delay = if used * 4 >= threshold * 3 {
            inner.limits.delay_at_75_ms
        } else if used * 2 >= threshold {
            inner.limits.delay_at_50_ms
        } else {
            0
        };
        Hourly::Proceed(Duration::from_millis(delay))
    }

    pub fn hourly_usage(&self) -> (u64, u64) {
        let mut inner = self.lock();
        Self::prune(&mut inner, Instant::now());
        (inner.limits.hourly_threshold, inner.hour.len() as u64)
    }

    /// Takes a thread slot, or returns None when the integration already has `thread_limit`
    /// requests running on this entity. On success also returns how many now run.
    pub fn acquire(
        self: &Arc<Self>,
        code: &str,
        entity: &'static str,
    ) -> Option<(ThreadSlot, usize)> {
        let mut inner = self.lock();
        let limit = inner.limits.thread_limit.max(1);
        let key = (code.to_string(), entity);
        let n = inner.active.entry(key.clone()).or_default();
        if *n >= limit {
            return None;
        }
        *n += 1;
        let now_running = *n;
        drop(inner);
        Some((
            ThreadSlot {
                limiter: Arc::clone(self),
                key,
            },
            now_running,
        ))
    }
}

//! Test controls: injected faults and the request log.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

/// What an injected fault does to a matching request.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FaultAction {
    /// Answer with this status and an errors body, without doing the work.
    Status {
        status: u16,
        #[serde(default)]
        message: Option<String>,
    },
    /// Refuse as the thread limit does.
    ThreadLimit,
    /// Close the connection without answering, without doing the work.
    Drop,
    /// Do the work (a write is committed), then close the connection without answering.
    DropAfterCommit,
    /// Do the work, then answer 200 with a truncated JSON body.
    MalformedJson,
    /// Do the work, then hold the answer back for this long (past a client's timeout).
    DelayAfterCommit { ms: u64 },
}

/// A fault rule of this simulator (see `sim_kit::FaultRule`).
pub type FaultRule = sim_kit::FaultRule<FaultAction>;

pub(crate) type Faults = sim_kit::Faults<FaultAction>;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    pub method: String,
    pub path: String,
    /// The route pattern, e.g. `POST Companies/query`.
    pub route: String,
    /// 0 when the connection was dropped.
    pub status: u16,
}

/// What the log holds: totals per route, peak concurrency per entity, and the latest entries.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogSnapshot {
    pub total: u64,
    pub by_route: BTreeMap<String, u64>,
    pub peak_concurrency: BTreeMap<String, usize>,
    pub entries: Vec<LogEntry>,
}

impl LogSnapshot {
    /// Requests counted for a route pattern such as `POST Contracts/query`.
    pub fn count(&self, route: &str) -> u64 {
        self.by_route.get(route).copied().unwrap_or(0)
    }

    /// Requests to the Autotask API, control routes excluded.
    pub fn api_calls(&self) -> u64 {
        self.by_route
            .iter()
            .filter(|(r, _)| !r.contains("_sim"))
            .map(|(_, n)| n)
            .sum()
    }
}

const KEPT_ENTRIES: usize = 10_000;

#[derive(Default)]
pub struct RequestLog {
    snapshot: LogSnapshot,
    entries: VecDeque<LogEntry>,
}

impl RequestLog {
    pub fn record(&mut self, entry: LogEntry) {
        self.snapshot.total += 1;
        *self
            .snapshot
            .by_route
            .entry(entry.route.clone())
            .or_default() += 1;
        if self.entries.len() == KEPT_ENTRIES {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    pub fn peak(&mut self, entity: &str, running: usize) {
        let peak = self
            .snapshot
            .peak_concurrency
            .entry(entity.to_string())
            .or_default();
        *peak = (*peak).max(running);
    }

    pub fn snapshot(&self) -> LogSnapshot {
        let mut s = self.snapshot.clone();
        s.entries = self.entries.iter().cloned().collect();
        s
    }

    pub fn clear(&mut self) {
        *self = RequestLog::default();
    }
}

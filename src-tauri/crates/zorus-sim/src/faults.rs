//! Test controls: injected faults and the request log.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

/// What an injected fault does to a matching request.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FaultAction {
    /// Answer with this status and a problem-details body, without doing the search. The
    /// optional message becomes the body's `detail`.
    Status {
        status: u16,
        #[serde(default)]
        message: Option<String>,
        /// Sent as `Retry-After` (seconds). No source mentions the header (§3); a client should
        /// still honour it if it ever appears, and this lets a test prove that it does.
        #[serde(default)]
        retry_after_secs: Option<u64>,
    },
    /// Close the connection without answering.
    Drop,
    /// Do the search, then answer 200 with the JSON cut in half.
    MalformedJson,
    /// Do the search, then hold the answer back this long (past a client's timeout).
    DelayAfterCommit { ms: u64 },
}

impl FaultAction {
    /// A status fault with a message and no `Retry-After`.
    pub fn status(status: u16, message: &str) -> FaultAction {
        FaultAction::Status {
            status,
            message: Some(message.to_string()),
            retry_after_secs: None,
        }
    }
}

/// A fault rule of this simulator (see `sim_kit::FaultRule`).
pub type FaultRule = sim_kit::FaultRule<FaultAction>;

pub(crate) type Faults = sim_kit::Faults<FaultAction>;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    pub method: String,
    pub path: String,
    /// The route, e.g. `POST customers/search`.
    pub route: String,
    /// 0 when the connection was dropped.
    pub status: u16,
    /// `page` and `pageSize` as the request sent them, when it was a search.
    pub page: Option<u64>,
    pub page_size: Option<u64>,
    /// The rest of the request body (filters), for tests that check what a client sent.
    pub body: serde_json::Value,
}

/// What the log holds: totals per route and the latest entries.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogSnapshot {
    pub total: u64,
    pub by_route: BTreeMap<String, u64>,
    pub entries: Vec<LogEntry>,
}

impl LogSnapshot {
    /// Requests counted for a route such as `POST customers/search`.
    pub fn count(&self, route: &str) -> u64 {
        self.by_route.get(route).copied().unwrap_or(0)
    }

    /// Requests to the API, control routes excluded.
    pub fn api_calls(&self) -> u64 {
        self.by_route
            .iter()
            .filter(|(r, _)| !r.contains("_sim"))
            .map(|(_, n)| n)
            .sum()
    }

    pub fn entries_for<'a>(&'a self, route: &'a str) -> impl Iterator<Item = &'a LogEntry> + 'a {
        self.entries.iter().filter(move |e| e.route == route)
    }
}

const KEPT_ENTRIES: usize = 10_000;

#[derive(Default)]
pub(crate) struct RequestLog {
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

    pub fn snapshot(&self) -> LogSnapshot {
        let mut s = self.snapshot.clone();
        s.entries = self.entries.iter().cloned().collect();
        s
    }

    pub fn clear(&mut self) {
        *self = RequestLog::default();
    }
}

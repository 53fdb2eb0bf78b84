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

/// Fails the `nth` (1-based) and following requests matching `method` and `path`, `times` times.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultRule {
    /// HTTP method to match; any when absent.
    #[serde(default)]
    pub method: Option<String>,
    /// The request path to match, any letter case: a substring, or, when it contains `*`, a
    /// pattern over the whole path where `*` stands for any run of characters
    /// (`*/Contracts/*/Services` matches the child route but not `/V1.0/Services/query`).
    /// Any path when absent.
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default = "one")]
    pub nth: u32,
    #[serde(default = "one")]
    pub times: u32,
    pub action: FaultAction,
}

fn one() -> u32 {
    1
}

impl FaultRule {
    pub fn new(method: &str, path: &str, action: FaultAction) -> FaultRule {
        FaultRule {
            method: Some(method.into()),
            path: Some(path.into()),
            nth: 1,
            times: 1,
            action,
        }
    }
}

#[derive(Default)]
pub struct Faults {
    rules: Vec<(FaultRule, u32, u32)>,
}

impl Faults {
    pub fn add(&mut self, rule: FaultRule) {
        self.rules.push((rule, 0, 0));
    }

    pub fn clear(&mut self) {
        self.rules.clear();
    }

    pub fn rules(&self) -> Vec<FaultRule> {
        self.rules.iter().map(|(r, _, _)| r.clone()).collect()
    }

    /// The action for this request, if a rule fires on it.
    pub fn check(&mut self, method: &str, path: &str) -> Option<FaultAction> {
        let path = path.to_ascii_lowercase();
        for (rule, seen, fired) in &mut self.rules {
            let method_ok = rule
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method));
            let path_ok = rule
                .path
                .as_deref()
                .is_none_or(|p| path_matches(&p.to_ascii_lowercase(), &path));
            if !(method_ok && path_ok) {
                continue;
            }
            *seen += 1;
            if *seen >= rule.nth && *fired < rule.times {
                *fired += 1;
                return Some(rule.action.clone());
            }
        }
        None
    }
}

fn path_matches(pattern: &str, path: &str) -> bool {
    if !pattern.contains('*') {
        return path.contains(pattern);
    }
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !path.starts_with(first) || !path[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &path[first.len()..path.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn patterns_match_whole_paths() {
        let m = super::path_matches;
        assert!(m(
            "*/contracts/*/services",
            "/atservicesrest/v1.0/contracts/5/services"
        ));
        assert!(!m(
            "*/contracts/*/services",
            "/atservicesrest/v1.0/services/query"
        ));
        assert!(!m(
            "*/contracts/*/services",
            "/atservicesrest/v1.0/contracts/5/serviceadjustments"
        ));
        assert!(m("*/contracts", "/atservicesrest/v1.0/contracts"));
        assert!(!m("*/contracts", "/atservicesrest/v1.0/contracts/query"));
        assert!(m("/contracts", "/atservicesrest/v1.0/contracts/query"));
    }
}

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

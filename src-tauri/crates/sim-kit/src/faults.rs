use serde::{Deserialize, Serialize};

/// Fails the `nth` (1-based, counted from when the rule is added) and following requests that
/// match `method` and `path`, `times` times in all, with the simulator's own kind of action.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultRule<A> {
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
    pub action: A,
}

fn one() -> u32 {
    1
}

impl<A> FaultRule<A> {
    /// A rule for the next request with this method and path.
    pub fn new(method: &str, path: &str, action: A) -> FaultRule<A> {
        FaultRule {
            method: Some(method.into()),
            path: Some(path.into()),
            nth: 1,
            times: 1,
            action,
        }
    }

    /// A rule for the next `POST` whose path matches.
    pub fn post(path: &str, action: A) -> FaultRule<A> {
        FaultRule::new("POST", path, action)
    }

    pub fn nth(mut self, nth: u32) -> FaultRule<A> {
        self.nth = nth;
        self
    }

    pub fn times(mut self, times: u32) -> FaultRule<A> {
        self.times = times;
        self
    }
}

/// The rules in force, each with how many requests it has matched and how often it has fired.
pub struct Faults<A> {
    rules: Vec<(FaultRule<A>, u32, u32)>,
}

impl<A> Default for Faults<A> {
    fn default() -> Self {
        Faults { rules: Vec::new() }
    }
}

impl<A: Clone> Faults<A> {
    pub fn add(&mut self, rule: FaultRule<A>) {
        self.rules.push((rule, 0, 0));
    }

    pub fn clear(&mut self) {
        self.rules.clear();
    }

    pub fn rules(&self) -> Vec<FaultRule<A>> {
        self.rules.iter().map(|(r, _, _)| r.clone()).collect()
    }

    /// The action for this request, if a rule fires on it.
    pub fn check(&mut self, method: &str, path: &str) -> Option<A> {
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

/// Whether a lower-cased path matches a lower-cased pattern (see [`FaultRule::path`]).
pub fn path_matches(pattern: &str, path: &str) -> bool {
    if !pattern.contains('*') {
        return path.contains(pattern);
    }
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if path.len() < first.len() + last.len() || !path.starts_with(first) || !path.ends_with(last) {
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
    use super::*;
    use crate::Rng;

    #[test]
    fn patterns_match_whole_paths() {
        let m = path_matches;
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
        assert!(!m("/a*b/c", "/a"), "too short for the pattern");
    }

    #[test]
    fn a_rule_fires_on_the_nth_match_for_its_count() {
        let mut f: Faults<u16> = Faults::default();
        f.add(FaultRule::post("*/x", 500).nth(2).times(2));
        let fired: Vec<Option<u16>> = (0..4).map(|_| f.check("POST", "/api/X")).collect();
        assert_eq!(fired, [None, Some(500), Some(500), None]);
        assert_eq!(f.check("GET", "/api/x"), None);
    }

    #[test]
    fn the_sequence_is_stable() {
        let mut r = Rng::salted(1, 0x5DEE_CE66_D1CE_4E5B);
        let first: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        let mut again = Rng::new(1 ^ 0x5DEE_CE66_D1CE_4E5B);
        assert_eq!(first, (0..3).map(|_| again.next_u64()).collect::<Vec<_>>());
        assert_eq!(Rng::new(7).uuid().len(), 36);
    }
}

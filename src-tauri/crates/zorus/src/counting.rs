//! How seats are counted: the rule a partner picks, applied to a customer.
//!
//! What Zorus itself bills an MSP for is not public (reference §4 item 4, §6 q3), so the app
//! lets the partner choose and shows the rule's label beside every count.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{Customer, Endpoint};

/// The counting rule. Stored in settings as `"deployedEndpoints"`, `"filteringEnabled"` or
/// `{"seenInLastDays": 30}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CountingRule {
    /// `deploymentInfo.deployedEndpointCount`: Zorus's own number, and the one an existing PSA
    /// integration bills from (§4 item 1).
    #[default]
    DeployedEndpoints,
    /// `deploymentInfo.filteringEnabledCount`.
    FilteringEnabled,
    /// Endpoints whose `lastSeenDateUtc` falls within the last N days, counted from the
    /// endpoint list (§4 item 2). An endpoint that never checked in is not counted. Whether an
    /// endpoint is enabled does not matter here: the rule is about activity alone.
    SeenInLastDays(u32),
}

/// A customer with its count under a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedCustomer {
    pub customer: Customer,
    pub count: u32,
}

/// The longest window offered: beyond ten years "recently seen" means nothing.
pub const MAX_DAYS: u32 = 3_650;

impl CountingRule {
    /// The "seen in the last N days" rule, for N from 1 to [`MAX_DAYS`].
    pub fn seen_in_last_days(days: u32) -> Option<CountingRule> {
        (1..=MAX_DAYS)
            .contains(&days)
            .then_some(CountingRule::SeenInLastDays(days))
    }

    /// What the number beside a customer means, e.g. "endpoints seen in the last 30 days".
    pub fn label(&self) -> String {
        match self {
            CountingRule::DeployedEndpoints => "deployed endpoints".into(),
            CountingRule::FilteringEnabled => "filtering-enabled endpoints".into(),
            CountingRule::SeenInLastDays(1) => "endpoints seen in the last day".into(),
            CountingRule::SeenInLastDays(n) => format!("endpoints seen in the last {n} days"),
        }
    }

    /// Whether the rule needs the endpoint list, not just the customer list.
    pub fn needs_endpoints(&self) -> bool {
        matches!(self, CountingRule::SeenInLastDays(_))
    }

    /// The start of the window, for a rule that has one.
    pub fn seen_since(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self {
            CountingRule::SeenInLastDays(n) => {
                let days = (*n).clamp(1, MAX_DAYS);
                Some(now - Duration::days(i64::from(days)))
            }
            _ => None,
        }
    }

    /// The customer's count. `endpoints` may hold other customers' endpoints too; only this
    /// customer's are counted. It is ignored by the rules that read `deploymentInfo`.
    pub fn count(&self, customer: &Customer, endpoints: &[Endpoint], now: DateTime<Utc>) -> u32 {
        match self {
            CountingRule::DeployedEndpoints => customer.deployment_info.deployed_endpoint_count,
            CountingRule::FilteringEnabled => customer.deployment_info.filtering_enabled_count,
            CountingRule::SeenInLastDays(_) => {
                let since = self.seen_since(now);
                let n = endpoints
                    .iter()
                    .filter(|e| {
                        e.customer_uuid
                            .as_deref()
                            .is_some_and(|u| u.eq_ignore_ascii_case(&customer.uuid))
                    })
                    .filter(|e| seen_after(e, since))
                    .count();
                u32::try_from(n).unwrap_or(u32::MAX)
            }
        }
    }

    /// Every customer's count, grouping the endpoints once instead of scanning them per customer.
    pub fn count_all(
        &self,
        customers: Vec<Customer>,
        endpoints: &[Endpoint],
        now: DateTime<Utc>,
    ) -> Vec<CountedCustomer> {
        let since = self.seen_since(now);
        let mut per_customer: HashMap<String, u32> = HashMap::new();
        if self.needs_endpoints() {
            for e in endpoints.iter().filter(|e| seen_after(e, since)) {
                if let Some(u) = &e.customer_uuid {
                    *per_customer.entry(u.to_ascii_lowercase()).or_default() += 1;
                }
            }
        }
        customers
            .into_iter()
            .map(|customer| {
                let count = if self.needs_endpoints() {
                    per_customer
                        .get(&customer.uuid.to_ascii_lowercase())
                        .copied()
                        .unwrap_or(0)
                } else {
                    self.count(&customer, &[], now)
                };
                CountedCustomer { customer, count }
            })
            .collect()
    }
}

fn seen_after(e: &Endpoint, since: Option<DateTime<Utc>>) -> bool {
    match since {
        None => true,
        Some(t) => e.last_seen_date_utc.is_some_and(|s| s > t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DeploymentInfo;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-04T12:00:00Z")
            .expect("valid")
            .with_timezone(&Utc)
    }

    fn customer(uuid: &str, deployed: u32, filtering: u32) -> Customer {
        Customer {
            uuid: uuid.into(),
            name: Some(uuid.to_uppercase()),
            created_date_utc: None,
            is_enabled: true,
            deployment_info: DeploymentInfo {
                deployed_endpoint_count: deployed,
                filtering_enabled_count: filtering,
                ..DeploymentInfo::default()
            },
            integrations: None,
        }
    }

    fn endpoint(customer: &str, days_ago: Option<i64>) -> Endpoint {
        Endpoint {
            uuid: format!("{customer}-{days_ago:?}"),
            name: None,
            customer_uuid: Some(customer.into()),
            customer_name: None,
            is_enabled: true,
            is_filtering_enabled: true,
            is_cyber_sight_enabled: false,
            is_in_error_state: false,
            agent_state: None,
            operating_system: None,
            version: None,
            last_seen_date_utc: days_ago.map(|d| now() - Duration::days(d)),
        }
    }

    #[test]
    fn deployed_is_the_default() {
        assert_eq!(CountingRule::default(), CountingRule::DeployedEndpoints);
    }

    #[test]
    fn each_rule_counts_its_own_number() {
        let c = customer("a", 42, 40);
        let endpoints = [
            endpoint("a", Some(0)),
            endpoint("a", Some(29)),
            endpoint("a", Some(31)),
            endpoint("a", None),
            endpoint("b", Some(1)),
        ];
        assert_eq!(
            CountingRule::DeployedEndpoints.count(&c, &endpoints, now()),
            42
        );
        assert_eq!(
            CountingRule::FilteringEnabled.count(&c, &endpoints, now()),
            40
        );
        assert_eq!(
            CountingRule::SeenInLastDays(30).count(&c, &endpoints, now()),
            2
        );
        assert_eq!(
            CountingRule::SeenInLastDays(365).count(&c, &endpoints, now()),
            3
        );
        let all = CountingRule::SeenInLastDays(30).count_all(
            vec![c.clone(), customer("b", 1, 1), customer("c", 5, 5)],
            &endpoints,
            now(),
        );
        let counts: Vec<u32> = all.iter().map(|c| c.count).collect();
        assert_eq!(counts, [2, 1, 0]);
    }

    #[test]
    fn labels_say_what_is_counted() {
        assert_eq!(
            CountingRule::DeployedEndpoints.label(),
            "deployed endpoints"
        );
        assert_eq!(
            CountingRule::FilteringEnabled.label(),
            "filtering-enabled endpoints"
        );
        assert_eq!(
            CountingRule::SeenInLastDays(30).label(),
            "endpoints seen in the last 30 days"
        );
        assert_eq!(
            CountingRule::SeenInLastDays(1).label(),
            "endpoints seen in the last day"
        );
    }

    #[test]
    fn the_window_is_bounded_and_the_rule_round_trips() {
        assert_eq!(CountingRule::seen_in_last_days(0), None);
        assert_eq!(CountingRule::seen_in_last_days(MAX_DAYS + 1), None);
        assert_eq!(
            CountingRule::seen_in_last_days(7),
            Some(CountingRule::SeenInLastDays(7))
        );
        for rule in [
            CountingRule::DeployedEndpoints,
            CountingRule::FilteringEnabled,
            CountingRule::SeenInLastDays(30),
        ] {
            let text = serde_json::to_string(&rule).expect("serializes");
            assert_eq!(
                serde_json::from_str::<CountingRule>(&text).expect("parses"),
                rule
            );
        }
        assert_eq!(
            serde_json::to_string(&CountingRule::SeenInLastDays(30)).expect("serializes"),
            r#"{"seenInLastDays":30}"#
        );
    }
}

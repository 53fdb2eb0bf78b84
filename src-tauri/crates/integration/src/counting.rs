//! Which endpoint count is billed, under the partner's counting rule.

use store::repo::customers::Customer;
use store::repo::settings::CountingRule;

/// The seats a customer should have. A count the rule needs but Zorus did not give falls back to
/// the deployed endpoints, which every source has.
pub fn billable_endpoints(customer: &Customer, rule: CountingRule) -> i64 {
    let c = customer.counts;
    match rule {
        CountingRule::DeployedEndpoints => c.deployed,
        CountingRule::FilteringEnabled => c.filtering.unwrap_or(c.deployed),
        CountingRule::SeenInLastDays(_) => c.recently_seen.unwrap_or(c.deployed),
    }
}

/// How the rule reads beside a count.
pub fn rule_label(rule: CountingRule) -> String {
    match rule {
        CountingRule::DeployedEndpoints => "deployed endpoints".into(),
        CountingRule::FilteringEnabled => "endpoints with filtering on".into(),
        CountingRule::SeenInLastDays(n) => format!("endpoints seen in the last {n} days"),
    }
}

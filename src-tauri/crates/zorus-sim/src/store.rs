//! The account's data: customers and their endpoints, and how the API renders them.

use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::{json, Value};

use crate::config::TimestampStyle;
use crate::seed::Rng;

/// A customer as the simulator stores it. Its `deploymentInfo` is computed from its endpoints
/// when rendered.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SimCustomer {
    pub uuid: String,
    /// Nullable on the wire (§2.1); a control can blank it to test how clients cope.
    pub name: Option<String>,
    pub created_date_utc: DateTime<Utc>,
    pub is_enabled: bool,
    /// `(vendorName, name)` pairs, e.g. a linked PSA.
    pub integrations: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SimEndpoint {
    pub uuid: String,
    /// The hostname (§2.2: there is no separate `hostname` field).
    pub name: String,
    pub customer_uuid: String,
    pub group_uuid: String,
    pub group_name: String,
    pub policy_uuid: String,
    pub created_date_utc: DateTime<Utc>,
    pub is_enabled: bool,
    pub operating_system_type: String,
    pub operating_system: String,
    pub local_ip: String,
    pub version: String,
    pub is_in_error_state: bool,
    pub is_filtering_enabled: bool,
    pub is_cyber_sight_enabled: bool,
    pub agent_state: String,
    /// `None` for an endpoint that never checked in (§2.2 reads null that way).
    pub last_seen_date_utc: Option<DateTime<Utc>>,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub deployed: u64,
    pub filtering: u64,
    pub cyber_sight: u64,
}

#[derive(Default)]
pub struct Db {
    /// In creation order, which is also the order of an unsorted search.
    pub customers: Vec<SimCustomer>,
    /// Kept in name order (see [`Db::sort_endpoints`]), so a sorted search of 50,000 endpoints
    /// does not sort them again on every page.
    pub endpoints: Vec<SimEndpoint>,
    pub now: DateTime<Utc>,
    /// Feeds the uuids and hostnames of records made after seeding.
    pub rng: Rng,
}

impl Db {
    pub fn customer_mut(&mut self, uuid: &str) -> Option<&mut SimCustomer> {
        self.customers
            .iter_mut()
            .find(|c| c.uuid.eq_ignore_ascii_case(uuid))
    }

    /// Restores name order (case-insensitive, then uuid) after endpoints change.
    pub fn sort_endpoints(&mut self) {
        self.endpoints
            .sort_by_cached_key(|e| (e.name.to_lowercase(), e.uuid.clone()));
    }

    pub fn counts(&self) -> HashMap<&str, Counts> {
        let mut counts: HashMap<&str, Counts> = HashMap::new();
        for e in &self.endpoints {
            let c = counts.entry(e.customer_uuid.as_str()).or_default();
            // What deployedEndpointCount includes is unknown (§4 item 4, §6 q3): here it is
            // every endpoint the customer has, enabled or not, online or not.
            c.deployed += 1;
            c.filtering += u64::from(e.is_filtering_enabled);
            c.cyber_sight += u64::from(e.is_cyber_sight_enabled);
        }
        counts
    }

    pub fn add_customer(&mut self, name: &str, endpoints: usize) -> String {
        let uuid = self.rng.uuid();
        let created = self.now;
        self.customers.push(SimCustomer {
            uuid: uuid.clone(),
            name: Some(name.to_string()),
            created_date_utc: created,
            is_enabled: true,
            integrations: Vec::new(),
        });
        self.set_endpoint_count(&uuid, endpoints);
        uuid
    }

    /// Removes the customer and its endpoints, as deleting it in the portal would (§4 item 3
    /// suggests removed records simply stop appearing in searches).
    pub fn remove_customer(&mut self, uuid: &str) -> bool {
        let before = self.customers.len();
        self.customers
            .retain(|c| !c.uuid.eq_ignore_ascii_case(uuid));
        self.endpoints
            .retain(|e| !e.customer_uuid.eq_ignore_ascii_case(uuid));
        before != self.customers.len()
    }

    /// Adds endpoints seen just now, or removes some of the customer's, until it has `n`.
    pub fn set_endpoint_count(&mut self, uuid: &str, n: usize) -> bool {
        let Some(customer) = self
            .customers
            .iter()
            .find(|c| c.uuid.eq_ignore_ascii_case(uuid))
        else {
            return false;
        };
        let customer_uuid = customer.uuid.clone();
        let have = self
            .endpoints
            .iter()
            .filter(|e| e.customer_uuid == customer_uuid)
            .count();
        if have > n {
            let mut surplus = have - n;
            let mut i = self.endpoints.len();
            while surplus > 0 && i > 0 {
                i -= 1;
                if self.endpoints[i].customer_uuid == customer_uuid {
                    self.endpoints.remove(i);
                    surplus -= 1;
                }
            }
        }
        let now = self.now;
        for k in have..n {
            let endpoint = crate::seed::endpoint(
                &mut self.rng,
                &customer_uuid,
                k,
                now,
                crate::seed::Activity::Online,
            );
            self.endpoints.push(endpoint);
        }
        self.sort_endpoints();
        true
    }
}

pub fn timestamp(t: DateTime<Utc>, style: TimestampStyle) -> Value {
    match style {
        TimestampStyle::Zulu => json!(t.to_rfc3339_opts(SecondsFormat::Millis, true)),
        // .NET's round-trip format has seven fractional digits (100 ns ticks).
        TimestampStyle::NoOffset => json!(format!(
            "{}.{:07}",
            t.format("%Y-%m-%dT%H:%M:%S"),
            t.timestamp_subsec_nanos() / 100
        )),
    }
}

pub fn render_customer(c: &SimCustomer, counts: Counts, style: TimestampStyle) -> Value {
    let integrations = if c.integrations.is_empty() {
        Value::Null
    } else {
        c.integrations
            .iter()
            .map(|(vendor, name)| json!({ "vendorName": vendor, "name": name }))
            .collect()
    };
    json!({
        "uuid": c.uuid,
        "name": c.name,
        "createdDateUtc": timestamp(c.created_date_utc, style),
        "isEnabled": c.is_enabled,
        "deploymentInfo": {
            "deployedEndpointCount": counts.deployed,
            "filteringEnabledCount": counts.filtering,
            "cyberSightEnabledCount": counts.cyber_sight,
            // Network (WAN) filtering is not simulated; the fields exist so clients meet them.
            "enabledNetworkCount": 0,
            "networkSeatCount": 0,
        },
        "integrations": integrations,
    })
}

pub fn render_endpoint(
    e: &SimEndpoint,
    customer_name: Option<&str>,
    style: TimestampStyle,
) -> Value {
    json!({
        "uuid": e.uuid,
        "name": e.name,
        "customerUuid": e.customer_uuid,
        "customerName": customer_name,
        "groupUuid": e.group_uuid,
        "groupName": e.group_name,
        "policyUuid": e.policy_uuid,
        "licenseId": null,
        "createdDateUtc": timestamp(e.created_date_utc, style),
        "isEnabled": e.is_enabled,
        "operatingSystemType": e.operating_system_type,
        "operatingSystem": e.operating_system,
        "localIp": e.local_ip,
        "version": e.version,
        "isInErrorState": e.is_in_error_state,
        "isInheritingGroupSettings": true,
        "isFilteringEnabled": e.is_filtering_enabled,
        "isCyberSightEnabled": e.is_cyber_sight_enabled,
        "isCyberSightBrowserExtensionEnabled": false,
        "browserExtensionState": null,
        "agentState": e.agent_state,
        "lastSeenDateUtc": e.last_seen_date_utc.map(|t| timestamp(t, style)),
    })
}

//! What the searches return. Field names follow reference §2.1 and §2.2; every object may carry
//! more fields than listed (§2.0: the schemas are loose), and those are ignored.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A customer (`CustomerListItem`, §2.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub uuid: String,
    /// Nullable on the wire; the client refuses a list holding a blank one
    /// ([`crate::Error::EmptyCustomerName`]), so a customer handed out always has a name.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::datetime::option")]
    pub created_date_utc: Option<DateTime<Utc>>,
    /// Absent is read as enabled: a disabled customer is the exception the portal marks.
    #[serde(default = "yes")]
    pub is_enabled: bool,
    #[serde(default)]
    pub deployment_info: DeploymentInfo,
    #[serde(default)]
    pub integrations: Option<Vec<Integration>>,
}

fn yes() -> bool {
    true
}

impl Customer {
    /// The name, trimmed; empty only for a customer that did not come through the client.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().map(str::trim).unwrap_or("")
    }
}

/// Zorus's own per-customer counters (§2.1). Missing counters read as 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DeploymentInfo {
    pub deployed_endpoint_count: u32,
    pub filtering_enabled_count: u32,
    pub cyber_sight_enabled_count: u32,
    pub enabled_network_count: u32,
    pub network_seat_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Integration {
    #[serde(default)]
    pub vendor_name: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

/// An endpoint: a device running the Zorus agent (`EndpointListItem`, §2.2). Only what the app
/// uses is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    pub uuid: String,
    /// The hostname (§2.2).
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub customer_uuid: Option<String>,
    #[serde(default)]
    pub customer_name: Option<String>,
    #[serde(default = "yes")]
    pub is_enabled: bool,
    #[serde(default)]
    pub is_filtering_enabled: bool,
    #[serde(default)]
    pub is_cyber_sight_enabled: bool,
    #[serde(default)]
    pub is_in_error_state: bool,
    #[serde(default)]
    pub agent_state: Option<String>,
    #[serde(default)]
    pub operating_system: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
    /// `None` when the endpoint never checked in (§2.2).
    #[serde(default, deserialize_with = "crate::datetime::option")]
    pub last_seen_date_utc: Option<DateTime<Utc>>,
}

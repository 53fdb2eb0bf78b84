use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `POST Contracts/{id}/ServiceAdjustments`: the way units change (§8.6). Adjustments cannot be
/// read back, so a lost answer to this create can only be resolved by re-reading the units.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewServiceAdjustment {
    #[serde(rename = "contractID")]
    pub contract_id: i64,
    /// Either this, or `service_id` (the service then gets attached if missing, §8.6).
    #[serde(rename = "contractServiceID", skip_serializing_if = "Option::is_none")]
    pub contract_service_id: Option<i64>,
    #[serde(rename = "serviceID", skip_serializing_if = "Option::is_none")]
    pub service_id: Option<i64>,
    /// Date-only: sent as midnight with no offset (§8.6).
    #[serde(with = "crate::datetime::date")]
    pub effective_date: NaiveDate,
    pub unit_change: i32,
    #[serde(with = "crate::money::opt", skip_serializing_if = "Option::is_none")]
    pub adjusted_unit_price: Option<Decimal>,
    #[serde(with = "crate::money::opt", skip_serializing_if = "Option::is_none")]
    pub adjusted_unit_cost: Option<Decimal>,
}

/// The record shape, for completeness; the service offers no route that returns it (§3.2).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceAdjustment {
    pub id: i64,
    #[serde(default, rename = "contractID")]
    pub contract_id: Option<i64>,
    #[serde(default, rename = "contractServiceID")]
    pub contract_service_id: Option<i64>,
    #[serde(default, rename = "serviceID")]
    pub service_id: Option<i64>,
    #[serde(default, with = "crate::datetime::opt")]
    pub effective_date: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    pub unit_change: Option<i32>,
    #[serde(default, with = "crate::money::opt")]
    pub adjusted_unit_price: Option<Decimal>,
    #[serde(default, with = "crate::money::opt")]
    pub adjusted_unit_cost: Option<Decimal>,
    #[serde(default)]
    pub allow_repeat_service: Option<bool>,
}

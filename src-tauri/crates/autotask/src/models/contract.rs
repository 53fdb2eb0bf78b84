use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{entity, Udf};
use crate::patch::Patch;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    pub id: i64,
    #[serde(default, rename = "companyID")]
    pub company_id: Option<i64>,
    #[serde(default, rename = "contactID")]
    pub contact_id: Option<i64>,
    #[serde(default)]
    pub contract_name: Option<String>,
    #[serde(default)]
    pub contract_number: Option<String>,
    /// Picklist; 7 = Recurring Service is the one documented value (§8.3).
    #[serde(default)]
    pub contract_type: Option<i32>,
    #[serde(default)]
    pub contract_category: Option<i32>,
    #[serde(default)]
    pub contract_period_type: Option<i32>,
    /// Picklist; 1 = active (§8.3).
    #[serde(default)]
    pub status: Option<i32>,
    #[serde(default)]
    pub billing_preference: Option<i32>,
    /// A picklist integer, not a boolean (§11.2).
    #[serde(default)]
    pub time_reporting_requires_start_and_stop_times: Option<i32>,
    #[serde(default)]
    pub is_default_contract: Option<bool>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub purchase_order_number: Option<String>,
    #[serde(default, with = "crate::datetime::opt")]
    pub start_date: Option<DateTime<Utc>>,
    #[serde(default, with = "crate::datetime::opt")]
    pub end_date: Option<DateTime<Utc>>,
    #[serde(default, with = "crate::money::opt")]
    pub setup_fee: Option<Decimal>,
    #[serde(default, with = "crate::money::opt")]
    pub estimated_revenue: Option<Decimal>,
    #[serde(default, with = "crate::money::opt")]
    pub estimated_cost: Option<Decimal>,
    #[serde(default, with = "crate::money::opt")]
    pub overage_billing_rate: Option<Decimal>,
    #[serde(default, with = "crate::datetime::opt")]
    pub last_modified_date_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub user_defined_fields: Vec<Udf>,
}
entity!(Contract, "Contracts");

/// `POST Contracts`. Required fields per the SOAP-era metadata (§8.3).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewContract {
    #[serde(rename = "companyID")]
    pub company_id: i64,
    pub contract_name: String,
    pub contract_type: i32,
    pub status: i32,
    #[serde(with = "crate::datetime::date")]
    pub start_date: NaiveDate,
    #[serde(with = "crate::datetime::date")]
    pub end_date: NaiveDate,
    pub time_reporting_requires_start_and_stop_times: i32,
    #[serde(rename = "contactID", skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_category: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_preference: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_default_contract: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_defined_fields: Vec<Udf>,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContractPatch {
    pub id: i64,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub contract_name: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub description: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub status: Patch<i32>,
    #[serde(rename = "contactID", skip_serializing_if = "Patch::is_unset")]
    pub contact_id: Patch<i64>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub purchase_order_number: Patch<String>,
    /// A date-only value: send `2025-01-31T00:00:00` (see `datetime::date_only`).
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub end_date: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub user_defined_fields: Patch<Vec<Udf>>,
}

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{entity, Udf};
use crate::patch::Patch;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub invoice_description: Option<String>,
    #[serde(default, rename = "billingCodeID")]
    pub billing_code_id: Option<i64>,
    #[serde(default)]
    pub period_type: Option<i32>,
    #[serde(default)]
    pub is_active: Option<bool>,
    #[serde(default, with = "crate::money::opt")]
    pub unit_price: Option<Decimal>,
    #[serde(default, with = "crate::money::opt")]
    pub unit_cost: Option<Decimal>,
    #[serde(default, with = "crate::money::opt")]
    pub markup_rate: Option<Decimal>,
    #[serde(default, rename = "vendorCompanyID")]
    pub vendor_company_id: Option<i64>,
    /// Present on newer tenants only (§8.4).
    #[serde(default, rename = "externalID")]
    pub external_id: Option<String>,
    #[serde(default)]
    pub sku: Option<String>,
    #[serde(default, with = "crate::datetime::opt")]
    pub create_date: Option<DateTime<Utc>>,
    #[serde(default, with = "crate::datetime::opt")]
    pub last_modified_date: Option<DateTime<Utc>>,
    #[serde(default)]
    pub user_defined_fields: Vec<Udf>,
}
entity!(Service, "Services");

/// `POST Services`: needs an active Recurring Contract Service billing code (§8.4).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewService {
    pub name: String,
    #[serde(rename = "billingCodeID")]
    pub billing_code_id: i64,
    pub period_type: i32,
    #[serde(with = "crate::money::req")]
    pub unit_price: Decimal,
    #[serde(with = "crate::money::opt", skip_serializing_if = "Option::is_none")]
    pub unit_cost: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice_description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicePatch {
    pub id: i64,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub name: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub description: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub invoice_description: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub is_active: Patch<bool>,
    #[serde(
        skip_serializing_if = "Patch::is_unset",
        serialize_with = "crate::money::patch::serialize"
    )]
    pub unit_price: Patch<Decimal>,
    #[serde(
        skip_serializing_if = "Patch::is_unset",
        serialize_with = "crate::money::patch::serialize"
    )]
    pub unit_cost: Patch<Decimal>,
}

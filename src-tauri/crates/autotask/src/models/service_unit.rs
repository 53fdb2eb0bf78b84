use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;

use super::entity;

/// Units of a contract service for one period (§8.7); read-only.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContractServiceUnit {
    pub id: i64,
    #[serde(default, rename = "contractID")]
    pub contract_id: Option<i64>,
    #[serde(default, rename = "contractServiceID")]
    pub contract_service_id: Option<i64>,
    #[serde(default, rename = "serviceID")]
    pub service_id: Option<i64>,
    #[serde(default, with = "crate::datetime::opt")]
    pub start_date: Option<DateTime<Utc>>,
    #[serde(default, with = "crate::datetime::opt")]
    pub end_date: Option<DateTime<Utc>>,
    #[serde(default)]
    pub units: Option<i32>,
    #[serde(default, with = "crate::money::opt")]
    pub price: Option<Decimal>,
    #[serde(default, with = "crate::money::opt")]
    pub cost: Option<Decimal>,
    #[serde(default, with = "crate::money::opt")]
    pub internal_currency_price: Option<Decimal>,
    #[serde(default, with = "crate::datetime::opt")]
    pub approve_and_post_date: Option<DateTime<Utc>>,
    #[serde(default, rename = "vendorCompanyID")]
    pub vendor_company_id: Option<i64>,
}
entity!(ContractServiceUnit, "ContractServiceUnits");

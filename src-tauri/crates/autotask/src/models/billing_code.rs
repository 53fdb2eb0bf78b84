use rust_decimal::Decimal;
use serde::Deserialize;

use super::entity;

/// An allocation code (§8.8). Its type numbers are tenant data: resolve them by label through
/// the `billingCodeType` picklist.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingCode {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub billing_code_type: Option<i32>,
    #[serde(default)]
    pub use_type: Option<i32>,
    #[serde(default)]
    pub is_active: Option<bool>,
    #[serde(default)]
    pub is_excluded_from_new_contracts: Option<bool>,
    #[serde(default)]
    pub external_number: Option<String>,
    #[serde(default, with = "crate::money::opt")]
    pub unit_price: Option<Decimal>,
    #[serde(default, with = "crate::money::opt")]
    pub unit_cost: Option<Decimal>,
    #[serde(default, with = "crate::money::opt")]
    pub markup_rate: Option<Decimal>,
}
entity!(BillingCode, "BillingCodes");

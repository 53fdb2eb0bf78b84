use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::entity;
use crate::patch::Patch;

/// A Service on a Recurring Service contract. It holds prices, not units (§8.5).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContractService {
    pub id: i64,
    #[serde(default, rename = "contractID")]
    pub contract_id: Option<i64>,
    #[serde(default, rename = "serviceID")]
    pub service_id: Option<i64>,
    #[serde(default, with = "crate::money::opt")]
    pub unit_price: Option<Decimal>,
    #[serde(default, with = "crate::money::opt")]
    pub unit_cost: Option<Decimal>,
    /// Documented and in SOAP, missing from the published spec (§8.5, §13 q9): optional here.
    #[serde(default, with = "crate::money::opt")]
    pub adjusted_price: Option<Decimal>,
    #[serde(default, with = "crate::money::opt")]
    pub internal_currency_unit_price: Option<Decimal>,
    #[serde(default, with = "crate::money::opt")]
    pub internal_currency_adjusted_price: Option<Decimal>,
    #[serde(default)]
    pub invoice_description: Option<String>,
    #[serde(default)]
    pub internal_description: Option<String>,
    #[serde(default, rename = "quoteItemID")]
    pub quote_item_id: Option<i64>,
    /// Newer tenants return it (§8.5); the spec does not list it.
    #[serde(default)]
    pub service_name: Option<String>,
}
entity!(ContractService, "ContractServices");

/// `POST Contracts/{id}/Services`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewContractService {
    /// Whether the body must repeat the parent id is not documented (§13 q16); sending the same
    /// id as the path is accepted either way.
    #[serde(rename = "contractID")]
    pub contract_id: i64,
    #[serde(rename = "serviceID")]
    pub service_id: i64,
    #[serde(with = "crate::money::opt", skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Decimal>,
    #[serde(with = "crate::money::opt", skip_serializing_if = "Option::is_none")]
    pub unit_cost: Option<Decimal>,
    #[serde(with = "crate::money::opt", skip_serializing_if = "Option::is_none")]
    pub adjusted_price: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_description: Option<String>,
}

/// `PATCH Contracts/{id}/Services`: only these two fields are updatable (§8.5).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContractServicePatch {
    pub id: i64,
    #[serde(
        skip_serializing_if = "Patch::is_unset",
        serialize_with = "crate::money::patch::serialize"
    )]
    pub adjusted_price: Patch<Decimal>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub invoice_description: Patch<String>,
}

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{entity, Udf};
use crate::patch::Patch;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Company {
    pub id: i64,
    #[serde(default)]
    pub company_name: Option<String>,
    #[serde(default)]
    pub company_number: Option<String>,
    /// Picklist; 1 = Customer (§8.1). Other values differ per tenant.
    #[serde(default)]
    pub company_type: Option<i32>,
    #[serde(default)]
    pub is_active: Option<bool>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub address1: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default, rename = "countryID")]
    pub country_id: Option<i64>,
    #[serde(default)]
    pub web_address: Option<String>,
    #[serde(default, rename = "ownerResourceID")]
    pub owner_resource_id: Option<i64>,
    #[serde(default, rename = "parentCompanyID")]
    pub parent_company_id: Option<i64>,
    #[serde(default, with = "crate::money::opt")]
    pub asset_value: Option<rust_decimal::Decimal>,
    #[serde(default, with = "crate::datetime::opt")]
    pub create_date: Option<DateTime<Utc>>,
    #[serde(default, with = "crate::datetime::opt")]
    pub last_activity_date: Option<DateTime<Utc>>,
    #[serde(default, with = "crate::datetime::opt")]
    pub last_tracked_modified_date_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub user_defined_fields: Vec<Udf>,
}
entity!(Company, "Companies");

/// `POST Companies`. The official example sends exactly these four fields (§8.1).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewCompany {
    pub company_name: String,
    pub company_type: i32,
    #[serde(rename = "ownerResourceID")]
    pub owner_resource_id: i64,
    pub phone: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_defined_fields: Vec<Udf>,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyPatch {
    pub id: i64,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub company_name: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub phone: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub is_active: Patch<bool>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub web_address: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub city: Patch<String>,
    /// Only the UDFs listed change (§5).
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub user_defined_fields: Patch<Vec<Udf>>,
}

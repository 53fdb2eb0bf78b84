use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{entity, Udf};
use crate::patch::Patch;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: i64,
    #[serde(default, rename = "companyID")]
    pub company_id: Option<i64>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub middle_initial: Option<String>,
    #[serde(default)]
    pub email_address: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// 1 or 0: an integer on Contacts, unlike the boolean elsewhere (§8.2, §11.2).
    #[serde(default)]
    pub is_active: Option<i32>,
    #[serde(default)]
    pub primary_contact: Option<bool>,
    #[serde(default, rename = "externalID")]
    pub external_id: Option<String>,
    #[serde(default, with = "crate::datetime::opt")]
    pub create_date: Option<DateTime<Utc>>,
    #[serde(default, with = "crate::datetime::opt")]
    pub last_modified_date: Option<DateTime<Utc>>,
    #[serde(default)]
    pub user_defined_fields: Vec<Udf>,
}
entity!(Contact, "Contacts");

/// `POST Companies/{id}/Contacts` (contacts are written only through their company, §8.2).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewContact {
    #[serde(rename = "companyID")]
    pub company_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub is_active: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactPatch {
    pub id: i64,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub first_name: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub last_name: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub middle_initial: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub email_address: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub title: Patch<String>,
    #[serde(skip_serializing_if = "Patch::is_unset")]
    pub is_active: Patch<i32>,
}

use serde::Deserialize;

use super::{entity, Udf};

/// A user of the tenant; the API user is one too, found by `userName` (§8.9).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resource {
    pub id: i64,
    #[serde(default)]
    pub user_name: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub is_active: Option<bool>,
    #[serde(default)]
    pub license_type: Option<i32>,
    #[serde(default)]
    pub resource_type: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub user_defined_fields: Vec<Udf>,
}
entity!(Resource, "Resources");

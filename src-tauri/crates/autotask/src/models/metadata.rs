use serde::Deserialize;

/// `GET {Entity}/entityInformation` (§5).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntityInformation {
    pub name: String,
    #[serde(default)]
    pub can_create: bool,
    #[serde(default)]
    pub can_delete: bool,
    #[serde(default)]
    pub can_query: bool,
    #[serde(default)]
    pub can_update: bool,
    #[serde(default)]
    pub has_user_defined_fields: bool,
    #[serde(default)]
    pub supports_webhook_callouts: bool,
}

/// One field of `GET {Entity}/entityInformation/fields` (§5).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldInfo {
    pub name: String,
    #[serde(default)]
    pub data_type: Option<String>,
    #[serde(default)]
    pub length: Option<i64>,
    #[serde(default)]
    pub is_required: bool,
    #[serde(default)]
    pub is_read_only: bool,
    #[serde(default)]
    pub is_queryable: bool,
    #[serde(default)]
    pub is_reference: bool,
    #[serde(default)]
    pub reference_entity_type: Option<String>,
    #[serde(default)]
    pub is_pick_list: bool,
    #[serde(default)]
    pub picklist_values: Option<Vec<PicklistValue>>,
    #[serde(default)]
    pub picklist_parent_value_field: Option<String>,
}

impl FieldInfo {
    /// The active value whose label matches, ignoring case. Picklists differ per tenant (§5,
    /// §11.2), so code names labels and asks the tenant for the number.
    pub fn picklist_value(&self, label: &str) -> Option<i64> {
        self.picklist_values
            .iter()
            .flatten()
            .find(|v| v.is_active && v.label.trim().eq_ignore_ascii_case(label.trim()))
            .and_then(|v| v.value.trim().parse().ok())
    }
}

/// A picklist entry. Its value is a string in metadata and an integer in records (§1.4).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PicklistValue {
    pub value: String,
    pub label: String,
    #[serde(default)]
    pub is_default_value: bool,
    #[serde(default)]
    pub sort_order: Option<i64>,
    #[serde(default)]
    pub parent_value: Option<String>,
    #[serde(default = "yes")]
    pub is_active: bool,
    #[serde(default)]
    pub is_system: bool,
}

fn yes() -> bool {
    true
}

/// One entry of `GET {Entity}/entityInformation/userDefinedFields` (§5).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UdfInfo {
    pub name: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default, rename = "type")]
    pub udf_type: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub is_required: bool,
    #[serde(default)]
    pub is_queryable: bool,
    #[serde(default)]
    pub is_pick_list: bool,
    #[serde(default)]
    pub picklist_values: Option<Vec<PicklistValue>>,
}

//! The partner's settings, stored as key/value rows and read as one typed struct with defaults.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use serde::{Deserialize, Serialize};

use crate::entity::settings as rows;
use crate::{money, time, StoreError};

/// Which date seat changes take effect on in Autotask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum EffectiveDatePolicy {
    /// The day the partner approves the change.
    #[default]
    Today,
    /// The first day of the current month (bills the whole month).
    FirstOfThisMonth,
    /// The first day of next month.
    FirstOfNextMonth,
}

/// Which endpoint count is billed as seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case", tag = "rule", content = "days")]
pub enum CountingRule {
    #[default]
    DeployedEndpoints,
    FilteringEnabled,
    SeenInLastDays(u32),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub default_cost_per_seat: Decimal,
    /// `{customer}` is replaced by the customer's name.
    pub contract_name_template: String,
    pub service_name: String,
    pub billing_code_id: Option<i64>,
    /// When added seats take effect (default: the day they are approved).
    pub increase_effective: EffectiveDatePolicy,
    /// When removed seats take effect (default: the first day of next month, so the month
    /// already started is billed in full).
    pub decrease_effective: EffectiveDatePolicy,
    pub counting_rule: CountingRule,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            default_cost_per_seat: Decimal::ZERO,
            contract_name_template: "Zorus Web Filtering - {customer}".into(),
            service_name: "Zorus Web Filtering (per endpoint)".into(),
            billing_code_id: None,
            increase_effective: EffectiveDatePolicy::Today,
            decrease_effective: EffectiveDatePolicy::FirstOfNextMonth,
            counting_rule: CountingRule::default(),
        }
    }
}

const COST: &str = "default_cost_per_seat";
const TEMPLATE: &str = "contract_name_template";
const SERVICE: &str = "service_name";
const BILLING_CODE: &str = "billing_code_id";
const INCREASE: &str = "increase_effective";
const DECREASE: &str = "decrease_effective";
const COUNTING: &str = "counting_rule";

pub async fn load(db: &impl ConnectionTrait) -> Result<Settings, StoreError> {
    let mut s = Settings::default();
    for row in rows::Entity::find().all(db).await? {
        let corrupt = || StoreError::Corrupt {
            what: "setting",
            value: format!("{}={}", row.key, row.value),
        };
        match row.key.as_str() {
            COST => s.default_cost_per_seat = money::from_text(&row.value)?,
            TEMPLATE => s.contract_name_template = row.value.clone(),
            SERVICE => s.service_name = row.value.clone(),
            BILLING_CODE => {
                s.billing_code_id = if row.value.is_empty() {
                    None
                } else {
                    Some(row.value.parse().map_err(|_| corrupt())?)
                }
            }
            INCREASE => {
                s.increase_effective = serde_json::from_str(&row.value).map_err(|_| corrupt())?
            }
            DECREASE => {
                s.decrease_effective = serde_json::from_str(&row.value).map_err(|_| corrupt())?
            }
            COUNTING => {
                s.counting_rule = serde_json::from_str(&row.value).map_err(|_| corrupt())?
            }
            _ => {} // a setting from a newer version: kept, not understood
        }
    }
    Ok(s)
}

pub async fn save(
    db: &impl ConnectionTrait,
    s: &Settings,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if s.default_cost_per_seat.is_sign_negative() {
        return Err(StoreError::Invalid(
            "The default cost per seat cannot be negative.".into(),
        ));
    }
    if s.contract_name_template.trim().is_empty() || s.service_name.trim().is_empty() {
        return Err(StoreError::Invalid(
            "The contract name template and the service name cannot be empty.".into(),
        ));
    }
    let json = |v: &dyn erased::Json| v.to_json();
    let values = [
        (COST, money::to_text(s.default_cost_per_seat)),
        (TEMPLATE, s.contract_name_template.clone()),
        (SERVICE, s.service_name.clone()),
        (
            BILLING_CODE,
            s.billing_code_id.map(|i| i.to_string()).unwrap_or_default(),
        ),
        (INCREASE, json(&s.increase_effective)),
        (DECREASE, json(&s.decrease_effective)),
        (COUNTING, json(&s.counting_rule)),
    ];
    for (key, value) in values {
        let model = rows::ActiveModel {
            key: Set(key.into()),
            value: Set(value),
            updated_at: Set(time::to_text(now)),
        };
        rows::Entity::insert(model)
            .on_conflict(
                sea_orm::sea_query::OnConflict::column(rows::Column::Key)
                    .update_columns([rows::Column::Value, rows::Column::UpdatedAt])
                    .to_owned(),
            )
            .exec(db)
            .await?;
    }
    Ok(())
}

mod erased {
    pub trait Json {
        fn to_json(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

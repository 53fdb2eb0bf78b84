//! The operations journal: one row per Autotask write, recorded before the request is sent, so that
//! after a crash, a timeout or an unknown outcome the next run knows what may exist in Autotask
//! (found again by its marker) instead of creating it twice.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::operations as ops;
use crate::{time, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpState {
    /// Journaled, not yet sent.
    Pending,
    /// Sent; no answer recorded yet.
    Sent,
    Done,
    /// Refused by Autotask: nothing was written.
    Failed,
    /// Sent, and the outcome could not be known (timeout, dropped connection).
    Unknown,
}

impl OpState {
    fn as_str(self) -> &'static str {
        match self {
            OpState::Pending => "pending",
            OpState::Sent => "sent",
            OpState::Done => "done",
            OpState::Failed => "failed",
            OpState::Unknown => "unknown",
        }
    }

    fn parse(s: &str) -> Result<OpState, StoreError> {
        Ok(match s {
            "pending" => OpState::Pending,
            "sent" => OpState::Sent,
            "done" => OpState::Done,
            "failed" => OpState::Failed,
            "unknown" => OpState::Unknown,
            _ => {
                return Err(StoreError::Corrupt {
                    what: "operation state",
                    value: s.into(),
                })
            }
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Operation {
    pub id: i64,
    pub integration_id: Option<i64>,
    /// What the write is for, e.g. `create_contract`.
    pub intent: String,
    pub marker: String,
    /// The step within the intent, e.g. `contract`, `contract_service`, `adjustment`.
    pub step: String,
    pub state: OpState,
    /// What was sent, without secrets.
    pub request_summary: Option<String>,
    pub returned_id: Option<i64>,
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn from_model(m: ops::Model) -> Result<Operation, StoreError> {
    Ok(Operation {
        id: m.id,
        integration_id: m.integration_id,
        intent: m.intent,
        marker: m.marker,
        step: m.step,
        state: OpState::parse(&m.state)?,
        request_summary: m.request_summary,
        returned_id: m.returned_id,
        error: m.error,
        created_at: time::from_text(&m.created_at)?,
        updated_at: time::from_text(&m.updated_at)?,
    })
}

pub struct NewOperation<'a> {
    pub integration_id: Option<i64>,
    pub intent: &'a str,
    pub marker: &'a str,
    pub step: &'a str,
    pub request_summary: Option<String>,
}

pub async fn begin(
    db: &impl ConnectionTrait,
    op: NewOperation<'_>,
    now: DateTime<Utc>,
) -> Result<Operation, StoreError> {
    let m = ops::ActiveModel {
        integration_id: Set(op.integration_id),
        intent: Set(op.intent.into()),
        marker: Set(op.marker.into()),
        step: Set(op.step.into()),
        state: Set(OpState::Pending.as_str().into()),
        request_summary: Set(op.request_summary),
        returned_id: Set(None),
        error: Set(None),
        created_at: Set(time::to_text(now)),
        updated_at: Set(time::to_text(now)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    from_model(m)
}

/// Moves an operation to `state`, with the id Autotask returned or the error.
pub async fn finish(
    db: &impl ConnectionTrait,
    id: i64,
    state: OpState,
    returned_id: Option<i64>,
    error: Option<String>,
    now: DateTime<Utc>,
) -> Result<Operation, StoreError> {
    let m = ops::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("operation {id}")))?;
    let mut m: ops::ActiveModel = m.into();
    m.state = Set(state.as_str().into());
    if returned_id.is_some() {
        m.returned_id = Set(returned_id);
    }
    m.error = Set(error);
    m.updated_at = Set(time::to_text(now));
    from_model(m.update(db).await?)
}

/// Operations whose outcome is not settled: pending, sent or unknown. The next run resolves them.
pub async fn unsettled(db: &impl ConnectionTrait) -> Result<Vec<Operation>, StoreError> {
    ops::Entity::find()
        .filter(ops::Column::State.is_in(["pending", "sent", "unknown"]))
        .order_by_asc(ops::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(from_model)
        .collect()
}

pub async fn by_marker(
    db: &impl ConnectionTrait,
    marker: &str,
) -> Result<Vec<Operation>, StoreError> {
    ops::Entity::find()
        .filter(ops::Column::Marker.eq(marker))
        .order_by_asc(ops::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(from_model)
        .collect()
}

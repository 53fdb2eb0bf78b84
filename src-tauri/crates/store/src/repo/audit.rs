//! The audit log: every Autotask write and every change the partner makes, with a summary of the
//! request that never holds a secret.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, QuerySelect, Set};
use serde::Serialize;

use crate::entity::audit_log as log;
use crate::{time, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub action: String,
    pub object: String,
    pub object_ids: Option<String>,
    pub summary: String,
    pub outcome: String,
}

pub struct NewAuditEntry<'a> {
    pub action: &'a str,
    pub object: &'a str,
    pub object_ids: Option<String>,
    pub summary: String,
    pub outcome: &'a str,
}

pub async fn record(
    db: &impl ConnectionTrait,
    entry: NewAuditEntry<'_>,
    at: DateTime<Utc>,
) -> Result<AuditEntry, StoreError> {
    let m = log::ActiveModel {
        at: Set(time::to_text(at)),
        action: Set(entry.action.into()),
        object: Set(entry.object.into()),
        object_ids: Set(entry.object_ids),
        summary: Set(entry.summary),
        outcome: Set(entry.outcome.into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    from_model(m)
}

fn from_model(m: log::Model) -> Result<AuditEntry, StoreError> {
    Ok(AuditEntry {
        id: m.id,
        at: time::from_text(&m.at)?,
        action: m.action,
        object: m.object,
        object_ids: m.object_ids,
        summary: m.summary,
        outcome: m.outcome,
    })
}

/// The newest entries first.
pub async fn recent(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<AuditEntry>, StoreError> {
    log::Entity::find()
        .order_by_desc(log::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(from_model)
        .collect()
}

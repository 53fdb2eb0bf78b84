use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use serde::Serialize;

use crate::entity::autotask_connection as conn;
use crate::{time, StoreError};

/// The saved Autotask connection. The secret is in the vault, keyed by `username`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Connection {
    pub username: String,
    pub zone_url: String,
    pub web_url: Option<String>,
    pub integration_code: String,
    pub verified_at: Option<DateTime<Utc>>,
}

pub async fn save(
    db: &impl ConnectionTrait,
    c: &Connection,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let model = conn::ActiveModel {
        id: Set(1),
        username: Set(c.username.clone()),
        zone_url: Set(c.zone_url.clone()),
        web_url: Set(c.web_url.clone()),
        integration_code: Set(c.integration_code.clone()),
        verified_at: Set(c.verified_at.map(time::to_text)),
        updated_at: Set(time::to_text(now)),
    };
    conn::Entity::insert(model)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(conn::Column::Id)
                .update_columns([
                    conn::Column::Username,
                    conn::Column::ZoneUrl,
                    conn::Column::WebUrl,
                    conn::Column::IntegrationCode,
                    conn::Column::VerifiedAt,
                    conn::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

pub async fn load(db: &impl ConnectionTrait) -> Result<Option<Connection>, StoreError> {
    let Some(m) = conn::Entity::find_by_id(1).one(db).await? else {
        return Ok(None);
    };
    Ok(Some(Connection {
        username: m.username,
        zone_url: m.zone_url,
        web_url: m.web_url,
        integration_code: m.integration_code,
        verified_at: time::opt_from_text(m.verified_at.as_deref())?,
    }))
}

pub async fn clear(db: &impl ConnectionTrait) -> Result<(), StoreError> {
    conn::Entity::delete_by_id(1).exec(db).await?;
    Ok(())
}

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::customers;
use crate::{time, StoreError};

/// Where a customer's name and counts came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Zorus,
    Csv,
    Manual,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::Zorus => "zorus",
            Source::Csv => "csv",
            Source::Manual => "manual",
        }
    }

    fn parse(s: &str) -> Result<Source, StoreError> {
        Ok(match s {
            "zorus" => Source::Zorus,
            "csv" => Source::Csv,
            "manual" => Source::Manual,
            _ => {
                return Err(StoreError::Corrupt {
                    what: "customer source",
                    value: s.into(),
                })
            }
        })
    }
}

/// Endpoint counts as read from Zorus (or typed in); which one is billed is a setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub deployed: i64,
    pub filtering: Option<i64>,
    pub cybersight: Option<i64>,
    pub recently_seen: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Customer {
    pub id: i64,
    pub zorus_uuid: Option<String>,
    pub name: String,
    pub counts: Counts,
    pub counts_read_at: Option<DateTime<Utc>>,
    pub source: Source,
    pub enabled: bool,
    /// Set when the customer no longer appears in Zorus. It is kept, with its integration.
    pub vanished_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewCustomer {
    pub zorus_uuid: Option<String>,
    pub name: String,
    pub counts: Counts,
    pub counts_read_at: Option<DateTime<Utc>>,
    pub source: Source,
}

pub(crate) fn from_model(m: customers::Model) -> Result<Customer, StoreError> {
    Ok(Customer {
        id: m.id,
        zorus_uuid: m.zorus_uuid,
        name: m.name,
        counts: Counts {
            deployed: m.deployed_endpoints,
            filtering: m.filtering_endpoints,
            cybersight: m.cybersight_endpoints,
            recently_seen: m.recently_seen_endpoints,
        },
        counts_read_at: time::opt_from_text(m.counts_read_at.as_deref())?,
        source: Source::parse(&m.source)?,
        enabled: m.enabled,
        vanished_at: time::opt_from_text(m.vanished_at.as_deref())?,
        created_at: time::from_text(&m.created_at)?,
        updated_at: time::from_text(&m.updated_at)?,
    })
}

fn check_name(name: &str) -> Result<String, StoreError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid("A customer needs a name.".into()));
    }
    Ok(name.to_string())
}

fn check_counts(c: &Counts) -> Result<(), StoreError> {
    let all = [Some(c.deployed), c.filtering, c.cybersight, c.recently_seen];
    if all.iter().flatten().any(|n| *n < 0) {
        return Err(StoreError::Invalid(
            "Endpoint counts cannot be negative.".into(),
        ));
    }
    Ok(())
}

pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewCustomer,
    now: DateTime<Utc>,
) -> Result<Customer, StoreError> {
    check_counts(&new.counts)?;
    let model = customers::ActiveModel {
        zorus_uuid: Set(new.zorus_uuid),
        name: Set(check_name(&new.name)?),
        deployed_endpoints: Set(new.counts.deployed),
        filtering_endpoints: Set(new.counts.filtering),
        cybersight_endpoints: Set(new.counts.cybersight),
        recently_seen_endpoints: Set(new.counts.recently_seen),
        counts_read_at: Set(new.counts_read_at.map(time::to_text)),
        source: Set(new.source.as_str().into()),
        enabled: Set(true),
        vanished_at: Set(None),
        created_at: Set(time::to_text(now)),
        updated_at: Set(time::to_text(now)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    from_model(model)
}

pub async fn get(db: &impl ConnectionTrait, id: i64) -> Result<Option<Customer>, StoreError> {
    customers::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(from_model)
        .transpose()
}

pub async fn by_zorus_uuid(
    db: &impl ConnectionTrait,
    uuid: &str,
) -> Result<Option<Customer>, StoreError> {
    customers::Entity::find()
        .filter(customers::Column::ZorusUuid.eq(uuid))
        .one(db)
        .await?
        .map(from_model)
        .transpose()
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Customer>, StoreError> {
    customers::Entity::find()
        .order_by_asc(customers::Column::Name)
        .order_by_asc(customers::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(from_model)
        .collect()
}

/// Customers whose name contains `fragment`, ignoring ASCII case.
pub async fn search(
    db: &impl ConnectionTrait,
    fragment: &str,
    limit: u64,
) -> Result<Vec<Customer>, StoreError> {
    use sea_orm::QuerySelect;
    customers::Entity::find()
        .filter(customers::Column::Name.contains(fragment))
        .order_by_asc(customers::Column::Name)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(from_model)
        .collect()
}

async fn existing(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<customers::ActiveModel, StoreError> {
    let model = customers::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("customer {id}")))?;
    Ok(model.into())
}

pub async fn update_counts(
    db: &impl ConnectionTrait,
    id: i64,
    counts: Counts,
    read_at: DateTime<Utc>,
) -> Result<Customer, StoreError> {
    check_counts(&counts)?;
    let mut m = existing(db, id).await?;
    m.deployed_endpoints = Set(counts.deployed);
    m.filtering_endpoints = Set(counts.filtering);
    m.cybersight_endpoints = Set(counts.cybersight);
    m.recently_seen_endpoints = Set(counts.recently_seen);
    m.counts_read_at = Set(Some(time::to_text(read_at)));
    m.updated_at = Set(time::to_text(read_at));
    from_model(m.update(db).await?)
}

pub async fn rename(
    db: &impl ConnectionTrait,
    id: i64,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Customer, StoreError> {
    let mut m = existing(db, id).await?;
    m.name = Set(check_name(name)?);
    m.updated_at = Set(time::to_text(now));
    from_model(m.update(db).await?)
}

pub async fn set_enabled(
    db: &impl ConnectionTrait,
    id: i64,
    enabled: bool,
    now: DateTime<Utc>,
) -> Result<Customer, StoreError> {
    let mut m = existing(db, id).await?;
    m.enabled = Set(enabled);
    m.updated_at = Set(time::to_text(now));
    from_model(m.update(db).await?)
}

/// Deletes a customer that has no integration (an entry the partner abandons before it was ever
/// associated). A customer with an integration is refused: the mapping must stay.
pub async fn delete_unlinked(db: &impl ConnectionTrait, id: i64) -> Result<(), StoreError> {
    use crate::entity::customer_integrations as ci;
    let linked = ci::Entity::find()
        .filter(ci::Column::CustomerId.eq(id))
        .one(db)
        .await?;
    if linked.is_some() {
        return Err(StoreError::Invalid(
            "This customer has an integration: unlink it first.".into(),
        ));
    }
    customers::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Marks (or, with `None`, clears) a customer as gone from Zorus. Nothing is deleted.
pub async fn set_vanished(
    db: &impl ConnectionTrait,
    id: i64,
    at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Customer, StoreError> {
    let mut m = existing(db, id).await?;
    m.vanished_at = Set(at.map(time::to_text));
    m.updated_at = Set(time::to_text(now));
    from_model(m.update(db).await?)
}

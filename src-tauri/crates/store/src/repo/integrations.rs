use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};

use crate::entity::{customer_integrations as ci, customers};
use crate::repo::customers::{from_model as customer_from_model, Customer};
use crate::{money, time, StoreError};

/// Where a customer integration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Saved; the Autotask objects are not (all) created yet.
    Pending,
    /// Contract and contract service exist in Autotask.
    Active,
    /// The last Autotask step failed; `last_error` says why.
    Failed,
    /// The Autotask objects could not be found any more (deleted or made inactive in Autotask).
    Broken,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Active => "active",
            Status::Failed => "failed",
            Status::Broken => "broken",
        }
    }

    fn parse(s: &str) -> Result<Status, StoreError> {
        Ok(match s {
            "pending" => Status::Pending,
            "active" => Status::Active,
            "failed" => Status::Failed,
            "broken" => Status::Broken,
            _ => {
                return Err(StoreError::Corrupt {
                    what: "integration status",
                    value: s.into(),
                })
            }
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Integration {
    pub id: i64,
    pub customer_id: i64,
    pub company_id: i64,
    pub company_name: String,
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
    pub contract_id: Option<i64>,
    pub contract_name: Option<String>,
    pub contract_created_by_us: bool,
    pub service_id: Option<i64>,
    pub contract_service_id: Option<i64>,
    pub price_per_seat: Decimal,
    pub cost_per_seat: Decimal,
    pub endpoints_at_creation: Option<i64>,
    pub seats: Option<i64>,
    pub seats_read_at: Option<DateTime<Utc>>,
    /// The stable marker written into the Autotask objects we create, to find them again.
    pub marker: String,
    pub status: Status,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewIntegration {
    pub customer_id: i64,
    pub company_id: i64,
    pub company_name: String,
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
    pub contract_id: Option<i64>,
    pub contract_name: Option<String>,
    pub price_per_seat: Decimal,
    pub cost_per_seat: Decimal,
    pub marker: String,
}

/// The Autotask objects an integration ended up with.
#[derive(Debug, Clone, Default)]
pub struct AutotaskObjects {
    pub contract_id: i64,
    pub contract_name: String,
    pub contract_created_by_us: bool,
    pub service_id: i64,
    pub contract_service_id: i64,
    pub endpoints_at_creation: Option<i64>,
}

fn from_model(m: ci::Model) -> Result<Integration, StoreError> {
    Ok(Integration {
        id: m.id,
        customer_id: m.customer_id,
        company_id: m.company_id,
        company_name: m.company_name,
        contact_id: m.contact_id,
        contact_name: m.contact_name,
        contract_id: m.contract_id,
        contract_name: m.contract_name,
        contract_created_by_us: m.contract_created_by_us,
        service_id: m.service_id,
        contract_service_id: m.contract_service_id,
        price_per_seat: money::from_text(&m.price_per_seat)?,
        cost_per_seat: money::from_text(&m.cost_per_seat)?,
        endpoints_at_creation: m.endpoints_at_creation,
        seats: m.seats,
        seats_read_at: time::opt_from_text(m.seats_read_at.as_deref())?,
        marker: m.marker,
        status: Status::parse(&m.status)?,
        last_error: m.last_error,
        created_at: time::from_text(&m.created_at)?,
        updated_at: time::from_text(&m.updated_at)?,
    })
}

fn check_money(price: Decimal, cost: Decimal) -> Result<(), StoreError> {
    if price.is_sign_negative() || cost.is_sign_negative() {
        return Err(StoreError::Invalid(
            "Price and cost per seat cannot be negative.".into(),
        ));
    }
    Ok(())
}

/// The row of a new integration: nothing created in Autotask yet.
fn pending_model(n: &NewIntegration, now: DateTime<Utc>) -> ci::ActiveModel {
    ci::ActiveModel {
        customer_id: Set(n.customer_id),
        company_id: Set(n.company_id),
        company_name: Set(n.company_name.clone()),
        contact_id: Set(n.contact_id),
        contact_name: Set(n.contact_name.clone()),
        contract_id: Set(n.contract_id),
        contract_name: Set(n.contract_name.clone()),
        contract_created_by_us: Set(false),
        service_id: Set(None),
        contract_service_id: Set(None),
        price_per_seat: Set(money::to_text(n.price_per_seat)),
        cost_per_seat: Set(money::to_text(n.cost_per_seat)),
        endpoints_at_creation: Set(None),
        seats: Set(None),
        seats_read_at: Set(None),
        marker: Set(n.marker.clone()),
        status: Set(Status::Pending.as_str().into()),
        last_error: Set(None),
        created_at: Set(time::to_text(now)),
        updated_at: Set(time::to_text(now)),
        ..Default::default()
    }
}

pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewIntegration,
    now: DateTime<Utc>,
) -> Result<Integration, StoreError> {
    check_money(new.price_per_seat, new.cost_per_seat)?;
    if by_customer(db, new.customer_id).await?.is_some() {
        return Err(StoreError::Invalid(
            "This customer already has an integration.".into(),
        ));
    }
    let m = pending_model(&new, now).insert(db).await?;
    from_model(m)
}

pub async fn get(db: &impl ConnectionTrait, id: i64) -> Result<Option<Integration>, StoreError> {
    ci::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(from_model)
        .transpose()
}

pub async fn by_customer(
    db: &impl ConnectionTrait,
    customer_id: i64,
) -> Result<Option<Integration>, StoreError> {
    ci::Entity::find()
        .filter(ci::Column::CustomerId.eq(customer_id))
        .one(db)
        .await?
        .map(from_model)
        .transpose()
}

pub async fn by_marker(
    db: &impl ConnectionTrait,
    marker: &str,
) -> Result<Option<Integration>, StoreError> {
    ci::Entity::find()
        .filter(ci::Column::Marker.eq(marker))
        .one(db)
        .await?
        .map(from_model)
        .transpose()
}

/// A row of the Autotask page: the integration and its customer.
#[derive(Debug, Clone, Serialize)]
pub struct IntegrationRow {
    pub integration: Integration,
    pub customer: Customer,
}

/// Every integration with its customer, by customer name then id.
///
/// SQLite assembles the whole list as one JSON text: the SQLite driver's per-row cost (a channel
/// hop per row) made the plain join five times slower at 10,000 rows. Money stays text in the
/// JSON, so it still never passes through a float.
pub async fn list_with_customers(
    db: &impl ConnectionTrait,
) -> Result<Vec<IntegrationRow>, StoreError> {
    const SQL: &str = "SELECT json_group_array(json_array(
        i.id, i.customer_id, i.company_id, i.company_name, i.contact_id, i.contact_name, i.contract_id,
        i.contract_name, i.contract_created_by_us, i.service_id, i.contract_service_id, i.price_per_seat,
        i.cost_per_seat, i.endpoints_at_creation, i.seats, i.seats_read_at, i.marker, i.status,
        i.last_error, i.created_at, i.updated_at,
        c.id, c.zorus_uuid, c.name, c.deployed_endpoints, c.filtering_endpoints, c.cybersight_endpoints,
        c.recently_seen_endpoints, c.counts_read_at, c.source, c.enabled, c.vanished_at, c.created_at,
        c.updated_at))
        FROM customer_integrations i JOIN customers c ON c.id = i.customer_id";
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            SQL,
        ))
        .await?
        .ok_or_else(|| StoreError::Corrupt {
            what: "integration list",
            value: "no row".into(),
        })?;
    let text: String = row.try_get_by_index(0)?;
    // SQLite's JSON has no booleans: those two columns arrive as 0/1.
    #[derive(serde::Deserialize)]
    struct Flat(
        i64,
        i64,
        i64,
        String,
        Option<i64>,
        Option<String>,
        Option<i64>,
        Option<String>,
        i64,
        Option<i64>,
        Option<i64>,
        String,
        String,
        Option<i64>,
        Option<i64>,
        Option<String>,
        String,
        String,
        Option<String>,
        String,
        String,
        i64,
        Option<String>,
        String,
        i64,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<String>,
        String,
        i64,
        Option<String>,
        String,
        String,
    );
    let flat: Vec<Flat> = serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
        what: "integration list",
        value: e.to_string(),
    })?;
    let mut rows = flat
        .into_iter()
        .map(|f| {
            let integration = from_model(ci::Model {
                id: f.0,
                customer_id: f.1,
                company_id: f.2,
                company_name: f.3,
                contact_id: f.4,
                contact_name: f.5,
                contract_id: f.6,
                contract_name: f.7,
                contract_created_by_us: f.8 != 0,
                service_id: f.9,
                contract_service_id: f.10,
                price_per_seat: f.11,
                cost_per_seat: f.12,
                endpoints_at_creation: f.13,
                seats: f.14,
                seats_read_at: f.15,
                marker: f.16,
                status: f.17,
                last_error: f.18,
                created_at: f.19,
                updated_at: f.20,
            })?;
            let customer = customer_from_model(customers::Model {
                id: f.21,
                zorus_uuid: f.22,
                name: f.23,
                deployed_endpoints: f.24,
                filtering_endpoints: f.25,
                cybersight_endpoints: f.26,
                recently_seen_endpoints: f.27,
                counts_read_at: f.28,
                source: f.29,
                enabled: f.30 != 0,
                vanished_at: f.31,
                created_at: f.32,
                updated_at: f.33,
            })?;
            Ok(IntegrationRow {
                integration,
                customer,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    rows.sort_by(|a, b| {
        a.customer
            .name
            .cmp(&b.customer.name)
            .then(a.integration.id.cmp(&b.integration.id))
    });
    Ok(rows)
}

async fn existing(db: &impl ConnectionTrait, id: i64) -> Result<ci::ActiveModel, StoreError> {
    let m = ci::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("customer integration {id}")))?;
    Ok(m.into())
}

pub async fn set_objects(
    db: &impl ConnectionTrait,
    id: i64,
    objects: AutotaskObjects,
    now: DateTime<Utc>,
) -> Result<Integration, StoreError> {
    let mut m = existing(db, id).await?;
    m.contract_id = Set(Some(objects.contract_id));
    m.contract_name = Set(Some(objects.contract_name));
    m.contract_created_by_us = Set(objects.contract_created_by_us);
    m.service_id = Set(Some(objects.service_id));
    m.contract_service_id = Set(Some(objects.contract_service_id));
    m.endpoints_at_creation = Set(objects.endpoints_at_creation);
    m.status = Set(Status::Active.as_str().into());
    m.last_error = Set(None);
    m.updated_at = Set(time::to_text(now));
    from_model(m.update(db).await?)
}

/// Ids learned while the Autotask objects are created, recorded one by one so that a crash
/// between steps loses none of them. `None` leaves a column alone.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    pub contract_id: Option<i64>,
    pub contract_name: Option<String>,
    pub contract_created_by_us: Option<bool>,
    pub service_id: Option<i64>,
    pub contract_service_id: Option<i64>,
}

pub async fn record_progress(
    db: &impl ConnectionTrait,
    id: i64,
    p: Progress,
    now: DateTime<Utc>,
) -> Result<Integration, StoreError> {
    let mut m = existing(db, id).await?;
    if let Some(v) = p.contract_id {
        m.contract_id = Set(Some(v));
    }
    if let Some(v) = p.contract_name {
        m.contract_name = Set(Some(v));
    }
    if let Some(v) = p.contract_created_by_us {
        m.contract_created_by_us = Set(v);
    }
    if let Some(v) = p.service_id {
        m.service_id = Set(Some(v));
    }
    if let Some(v) = p.contract_service_id {
        m.contract_service_id = Set(Some(v));
    }
    m.updated_at = Set(time::to_text(now));
    from_model(m.update(db).await?)
}

/// Marks the integration complete: every object exists and the units are set.
pub async fn mark_active(
    db: &impl ConnectionTrait,
    id: i64,
    endpoints_at_creation: i64,
    now: DateTime<Utc>,
) -> Result<Integration, StoreError> {
    let mut m = existing(db, id).await?;
    m.endpoints_at_creation = Set(Some(endpoints_at_creation));
    m.seats = Set(Some(endpoints_at_creation));
    m.seats_read_at = Set(Some(time::to_text(now)));
    m.status = Set(Status::Active.as_str().into());
    m.last_error = Set(None);
    m.updated_at = Set(time::to_text(now));
    from_model(m.update(db).await?)
}

pub async fn set_seats(
    db: &impl ConnectionTrait,
    id: i64,
    seats: i64,
    read_at: DateTime<Utc>,
) -> Result<Integration, StoreError> {
    let mut m = existing(db, id).await?;
    m.seats = Set(Some(seats));
    m.seats_read_at = Set(Some(time::to_text(read_at)));
    m.updated_at = Set(time::to_text(read_at));
    from_model(m.update(db).await?)
}

pub async fn set_prices(
    db: &impl ConnectionTrait,
    id: i64,
    price: Decimal,
    cost: Decimal,
    now: DateTime<Utc>,
) -> Result<Integration, StoreError> {
    check_money(price, cost)?;
    let mut m = existing(db, id).await?;
    m.price_per_seat = Set(money::to_text(price));
    m.cost_per_seat = Set(money::to_text(cost));
    m.updated_at = Set(time::to_text(now));
    from_model(m.update(db).await?)
}

pub async fn set_status(
    db: &impl ConnectionTrait,
    id: i64,
    status: Status,
    error: Option<String>,
    now: DateTime<Utc>,
) -> Result<Integration, StoreError> {
    let mut m = existing(db, id).await?;
    m.status = Set(status.as_str().into());
    m.last_error = Set(error);
    m.updated_at = Set(time::to_text(now));
    from_model(m.update(db).await?)
}

pub async fn delete(db: &impl ConnectionTrait, id: i64) -> Result<(), StoreError> {
    ci::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Inserts many at once (imports, benches); they start as pending.
pub async fn insert_many(
    db: &impl ConnectionTrait,
    news: Vec<NewIntegration>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for chunk in news.chunks(500) {
        let models = chunk
            .iter()
            .map(|n| {
                check_money(n.price_per_seat, n.cost_per_seat)?;
                Ok(pending_model(n, now))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        ci::Entity::insert_many(models).exec(db).await?;
    }
    Ok(())
}

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
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
    let m = ci::ActiveModel {
        customer_id: Set(new.customer_id),
        company_id: Set(new.company_id),
        company_name: Set(new.company_name),
        contact_id: Set(new.contact_id),
        contact_name: Set(new.contact_name),
        contract_id: Set(new.contract_id),
        contract_name: Set(new.contract_name),
        contract_created_by_us: Set(false),
        service_id: Set(None),
        contract_service_id: Set(None),
        price_per_seat: Set(money::to_text(new.price_per_seat)),
        cost_per_seat: Set(money::to_text(new.cost_per_seat)),
        endpoints_at_creation: Set(None),
        seats: Set(None),
        seats_read_at: Set(None),
        marker: Set(new.marker),
        status: Set(Status::Pending.as_str().into()),
        last_error: Set(None),
        created_at: Set(time::to_text(now)),
        updated_at: Set(time::to_text(now)),
        ..Default::default()
    }
    .insert(db)
    .await?;
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

/// Every integration with its customer, by customer name, in one query.
pub async fn list_with_customers(
    db: &impl ConnectionTrait,
) -> Result<Vec<IntegrationRow>, StoreError> {
    let rows = ci::Entity::find()
        .find_also_related(customers::Entity)
        .order_by_asc(customers::Column::Name)
        .order_by_asc(ci::Column::Id)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|(i, c)| {
            let customer = c.ok_or_else(|| StoreError::Corrupt {
                what: "integration without customer",
                value: i.id.to_string(),
            })?;
            Ok(IntegrationRow {
                integration: from_model(i)?,
                customer: customer_from_model(customer)?,
            })
        })
        .collect()
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
                Ok(ci::ActiveModel {
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
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        ci::Entity::insert_many(models).exec(db).await?;
    }
    Ok(())
}

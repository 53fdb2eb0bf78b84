//! A cache of Autotask companies, contacts and contracts: the pickers search it instantly and it
//! shows offline. Each refresh replaces what it covers and records when it was fetched.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::{
    autotask_companies as companies, autotask_contacts as contacts, autotask_contracts as contracts,
};
use crate::{time, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedCompany {
    pub id: i64,
    pub name: String,
    pub company_type: Option<i64>,
    pub is_active: bool,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub fetched_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedContact {
    pub id: i64,
    pub company_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub is_active: bool,
    pub fetched_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedContract {
    pub id: i64,
    pub company_id: i64,
    pub name: String,
    pub contract_type: Option<i64>,
    pub status: Option<i64>,
    pub is_default: bool,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub fetched_at: DateTime<Utc>,
}

const CHUNK: usize = 500;

/// Replaces the whole company cache (a full refresh).
pub async fn replace_companies(
    db: &impl ConnectionTrait,
    list: &[CachedCompany],
) -> Result<(), StoreError> {
    companies::Entity::delete_many().exec(db).await?;
    upsert_companies(db, list).await
}

/// Inserts or updates these companies (an incremental refresh).
pub async fn upsert_companies(
    db: &impl ConnectionTrait,
    list: &[CachedCompany],
) -> Result<(), StoreError> {
    for chunk in list.chunks(CHUNK) {
        let models = chunk.iter().map(|c| companies::ActiveModel {
            id: Set(c.id),
            name: Set(c.name.clone()),
            company_type: Set(c.company_type),
            is_active: Set(c.is_active),
            phone: Set(c.phone.clone()),
            city: Set(c.city.clone()),
            fetched_at: Set(time::to_text(c.fetched_at)),
        });
        companies::Entity::insert_many(models)
            .on_conflict(
                sea_orm::sea_query::OnConflict::column(companies::Column::Id)
                    .update_columns([
                        companies::Column::Name,
                        companies::Column::CompanyType,
                        companies::Column::IsActive,
                        companies::Column::Phone,
                        companies::Column::City,
                        companies::Column::FetchedAt,
                    ])
                    .to_owned(),
            )
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Drops companies from the cache (no longer active customers).
pub async fn remove_companies(db: &impl ConnectionTrait, ids: &[i64]) -> Result<(), StoreError> {
    for chunk in ids.chunks(CHUNK) {
        companies::Entity::delete_many()
            .filter(companies::Column::Id.is_in(chunk.to_vec()))
            .exec(db)
            .await?;
    }
    Ok(())
}

fn company_from(m: companies::Model) -> Result<CachedCompany, StoreError> {
    Ok(CachedCompany {
        id: m.id,
        name: m.name,
        company_type: m.company_type,
        is_active: m.is_active,
        phone: m.phone,
        city: m.city,
        fetched_at: time::from_text(&m.fetched_at)?,
    })
}

/// Companies whose name contains `fragment` (ASCII case ignored), by name.
pub async fn search_companies(
    db: &impl ConnectionTrait,
    fragment: &str,
    limit: u64,
) -> Result<Vec<CachedCompany>, StoreError> {
    companies::Entity::find()
        .filter(companies::Column::Name.contains(fragment.trim()))
        .order_by_asc(companies::Column::Name)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(company_from)
        .collect()
}

pub async fn company(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<CachedCompany>, StoreError> {
    companies::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(company_from)
        .transpose()
}

pub async fn company_count(db: &impl ConnectionTrait) -> Result<u64, StoreError> {
    use sea_orm::PaginatorTrait;
    Ok(companies::Entity::find().count(db).await?)
}

/// When the company cache was last filled, if ever.
pub async fn companies_fetched_at(
    db: &impl ConnectionTrait,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    let newest = companies::Entity::find()
        .order_by_desc(companies::Column::FetchedAt)
        .one(db)
        .await?;
    newest.map(|m| time::from_text(&m.fetched_at)).transpose()
}

/// Replaces the cached contacts of one company.
pub async fn replace_contacts(
    db: &impl ConnectionTrait,
    company_id: i64,
    list: &[CachedContact],
) -> Result<(), StoreError> {
    contacts::Entity::delete_many()
        .filter(contacts::Column::CompanyId.eq(company_id))
        .exec(db)
        .await?;
    for chunk in list.chunks(CHUNK) {
        let models = chunk.iter().map(|c| contacts::ActiveModel {
            id: Set(c.id),
            company_id: Set(company_id),
            first_name: Set(c.first_name.clone()),
            last_name: Set(c.last_name.clone()),
            email: Set(c.email.clone()),
            is_active: Set(c.is_active),
            fetched_at: Set(time::to_text(c.fetched_at)),
        });
        contacts::Entity::insert_many(models).exec(db).await?;
    }
    Ok(())
}

pub async fn contacts_of(
    db: &impl ConnectionTrait,
    company_id: i64,
) -> Result<Vec<CachedContact>, StoreError> {
    contacts::Entity::find()
        .filter(contacts::Column::CompanyId.eq(company_id))
        .order_by_asc(contacts::Column::LastName)
        .order_by_asc(contacts::Column::FirstName)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok(CachedContact {
                id: m.id,
                company_id: m.company_id,
                first_name: m.first_name,
                last_name: m.last_name,
                email: m.email,
                is_active: m.is_active,
                fetched_at: time::from_text(&m.fetched_at)?,
            })
        })
        .collect()
}

/// Replaces the cached contracts of one company.
pub async fn replace_contracts(
    db: &impl ConnectionTrait,
    company_id: i64,
    list: &[CachedContract],
) -> Result<(), StoreError> {
    contracts::Entity::delete_many()
        .filter(contracts::Column::CompanyId.eq(company_id))
        .exec(db)
        .await?;
    for chunk in list.chunks(CHUNK) {
        let models = chunk.iter().map(|c| contracts::ActiveModel {
            id: Set(c.id),
            company_id: Set(company_id),
            name: Set(c.name.clone()),
            contract_type: Set(c.contract_type),
            status: Set(c.status),
            is_default: Set(c.is_default),
            start_date: Set(c.start_date.clone()),
            end_date: Set(c.end_date.clone()),
            fetched_at: Set(time::to_text(c.fetched_at)),
        });
        contracts::Entity::insert_many(models).exec(db).await?;
    }
    Ok(())
}

pub async fn contracts_of(
    db: &impl ConnectionTrait,
    company_id: i64,
) -> Result<Vec<CachedContract>, StoreError> {
    contracts::Entity::find()
        .filter(contracts::Column::CompanyId.eq(company_id))
        .order_by_asc(contracts::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok(CachedContract {
                id: m.id,
                company_id: m.company_id,
                name: m.name,
                contract_type: m.contract_type,
                status: m.status,
                is_default: m.is_default,
                start_date: m.start_date,
                end_date: m.end_date,
                fetched_at: time::from_text(&m.fetched_at)?,
            })
        })
        .collect()
}

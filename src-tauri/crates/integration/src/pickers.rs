//! What the Add Customer Integration pickers show: Autotask accounts from the local cache with
//! type-ahead search (refreshed from Autotask, incrementally once filled), a company's active
//! contacts, and the contracts that may be reused.

use autotask::models::{Company, Contact, Contract};
use autotask::{Filter, Query};
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use store::repo::cache::{self, CachedCompany, CachedContact, CachedContract};

use crate::app::App;
use crate::error::Result;
use crate::suggest::best_match;

pub const RECURRING_SERVICE_LABEL: &str = "Recurring Service";
pub const CUSTOMER_LABEL: &str = "Customer";

#[derive(Debug, Clone, Serialize)]
pub struct RefreshReport {
    pub incremental: bool,
    pub changed: usize,
    pub removed: usize,
    pub cached: u64,
    pub requests: u64,
}

/// The picklist numbers this tenant uses, resolved by label (they vary per tenant).
pub(crate) async fn customer_type(client: &autotask::Client) -> Result<i64> {
    Ok(client
        .picklist_value("Companies", "companyType", CUSTOMER_LABEL)
        .await?
        .unwrap_or(1))
}

pub(crate) async fn recurring_type(client: &autotask::Client) -> Result<i64> {
    // 7 is the documented value (reference §8.3); the label lookup covers a tenant that differs.
    Ok(client
        .picklist_value("Contracts", "contractType", RECURRING_SERVICE_LABEL)
        .await?
        .unwrap_or(7))
}

const COMPANY_FIELDS: [&str; 6] = [
    "id",
    "companyName",
    "companyType",
    "isActive",
    "phone",
    "city",
];

/// Fills or updates the company cache. Once filled, only companies changed since the last refresh
/// (lastTrackedModifiedDateTime, with five minutes of overlap for clock skew) are fetched.
pub async fn refresh_companies(app: &App, full: bool) -> Result<RefreshReport> {
    let client = app.client().await?;
    let before = client.usage().sent_last_hour;
    let customer = customer_type(&client).await?;
    let now = app.clock.now();
    let db = app.store.connection();
    let last = if full {
        None
    } else {
        cache::companies_fetched_at(db).await?
    };
    let to_cached = |c: &Company| CachedCompany {
        id: c.id,
        name: c.company_name.clone().unwrap_or_default(),
        company_type: c.company_type.map(i64::from),
        is_active: c.is_active.unwrap_or(false),
        phone: c.phone.clone(),
        city: c.city.clone(),
        fetched_at: now,
    };
    let report = match last {
        None => {
            let q = Query::new()
                .filter(Filter::eq("companyType", customer))
                .filter(Filter::eq("isActive", true))
                .include_fields(COMPANY_FIELDS);
            let companies: Vec<Company> = client.query(&q).await?;
            let list: Vec<CachedCompany> = companies.iter().map(to_cached).collect();
            cache::replace_companies(db, &list).await?;
            RefreshReport {
                incremental: false,
                changed: list.len(),
                removed: 0,
                cached: 0,
                requests: 0,
            }
        }
        Some(since) => {
            let since = since - Duration::minutes(5);
            let q = Query::new()
                .filter(Filter::gt(
                    "lastTrackedModifiedDateTime",
                    autotask::instant(since),
                ))
                .include_fields(COMPANY_FIELDS);
            let changed: Vec<Company> = client.query(&q).await?;
            let (keep, drop): (Vec<&Company>, Vec<&Company>) = changed.iter().partition(|c| {
                c.is_active == Some(true) && c.company_type.map(i64::from) == Some(customer)
            });
            let keep: Vec<CachedCompany> = keep.into_iter().map(to_cached).collect();
            cache::upsert_companies(db, &keep).await?;
            let drop_ids: Vec<i64> = drop.iter().map(|c| c.id).collect();
            cache::remove_companies(db, &drop_ids).await?;
            RefreshReport {
                incremental: true,
                changed: keep.len(),
                removed: drop_ids.len(),
                cached: 0,
                requests: 0,
            }
        }
    };
    Ok(RefreshReport {
        cached: cache::company_count(db).await?,
        requests: client.usage().sent_last_hour - before,
        ..report
    })
}

pub async fn search_companies(app: &App, fragment: &str, limit: u64) -> Result<Vec<CachedCompany>> {
    Ok(cache::search_companies(app.store.connection(), fragment, limit).await?)
}

/// Something read from Autotask, or from the cache when Autotask could not be reached.
#[derive(Debug, Clone, Serialize)]
pub struct Fetched<T> {
    pub items: T,
    /// True when these come from the cache because Autotask was unreachable.
    pub offline: bool,
}

fn is_offline(e: &autotask::Error) -> bool {
    matches!(e, autotask::Error::Transport { .. })
}

/// A company's active contacts.
pub async fn contacts(app: &App, company_id: i64) -> Result<Fetched<Vec<CachedContact>>> {
    let db = app.store.connection();
    let client = app.client().await?;
    let q = Query::new()
        .filter(Filter::eq("companyID", company_id))
        .filter(Filter::eq("isActive", 1))
        .include_fields([
            "id",
            "companyID",
            "firstName",
            "lastName",
            "emailAddress",
            "isActive",
        ]);
    match client.query::<Contact>(&q).await {
        Ok(list) => {
            let now = app.clock.now();
            let cached: Vec<CachedContact> = list
                .into_iter()
                .map(|c| CachedContact {
                    id: c.id,
                    company_id,
                    first_name: c.first_name.unwrap_or_default(),
                    last_name: c.last_name.unwrap_or_default(),
                    email: c.email_address,
                    is_active: c.is_active == Some(1),
                    fetched_at: now,
                })
                .collect();
            cache::replace_contacts(db, company_id, &cached).await?;
            Ok(Fetched {
                items: cache::contacts_of(db, company_id).await?,
                offline: false,
            })
        }
        Err(e) if is_offline(&e) => Ok(Fetched {
            items: cache::contacts_of(db, company_id).await?,
            offline: true,
        }),
        Err(e) => Err(e.into()),
    }
}

/// A contract the wizard may offer, or one it hides with the reason.
#[derive(Debug, Clone, Serialize)]
pub struct ContractChoices {
    /// Default Service Desk contracts that can carry the per-seat service.
    pub usable: Vec<CachedContract>,
    /// Default contracts that cannot, each with why.
    pub unusable: Vec<(CachedContract, String)>,
    /// Contracts of the company not marked as its default: never offered.
    pub not_default: u64,
    pub offline: bool,
}

/// Why an existing contract cannot take our service, or None when it can.
pub fn unusable_reason(c: &CachedContract, recurring: i64, today: NaiveDate) -> Option<String> {
    if !c.is_default {
        return Some("It is not the company's Default Service Desk Contract.".into());
    }
    if c.contract_type != Some(recurring) {
        return Some(
            "It is not a Recurring Service contract, so it cannot carry a per-seat service.".into(),
        );
    }
    if c.status != Some(1) {
        return Some("It is inactive.".into());
    }
    let ended = c
        .end_date
        .as_deref()
        .and_then(|d| d.get(..10))
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .is_some_and(|end| end < today);
    if ended {
        return Some("It has ended.".into());
    }
    None
}

/// The company's contracts that may be reused: only its default ones are listed.
pub async fn contracts(app: &App, company_id: i64) -> Result<ContractChoices> {
    let db = app.store.connection();
    let client = app.client().await?;
    let today = app.clock.today();
    let recurring = recurring_type(&client).await?;
    let q = Query::new()
        .filter(Filter::eq("companyID", company_id))
        .filter(Filter::eq("isDefaultContract", true));
    let (list, offline) = match client.query::<Contract>(&q).await {
        Ok(found) => {
            let now = app.clock.now();
            let cached: Vec<CachedContract> = found
                .into_iter()
                .map(|c| CachedContract {
                    id: c.id,
                    company_id,
                    name: c.contract_name.unwrap_or_default(),
                    contract_type: c.contract_type.map(i64::from),
                    status: c.status.map(i64::from),
                    is_default: c.is_default_contract.unwrap_or(false),
                    start_date: c.start_date.map(|d| d.to_rfc3339()),
                    end_date: c.end_date.map(|d| d.to_rfc3339()),
                    fetched_at: now,
                })
                .collect();
            cache::replace_contracts(db, company_id, &cached).await?;
            (cached, false)
        }
        Err(e) if is_offline(&e) => (cache::contracts_of(db, company_id).await?, true),
        Err(e) => return Err(e.into()),
    };
    let not_default = if offline {
        0
    } else {
        client
            .count_as(
                "Contracts",
                &Query::new()
                    .filter(Filter::eq("companyID", company_id))
                    .filter(Filter::not_eq("isDefaultContract", true)),
            )
            .await?
    };
    let (mut usable, mut unusable) = (Vec::new(), Vec::new());
    for c in list {
        match unusable_reason(&c, recurring, today) {
            None => usable.push(c),
            Some(reason) => unusable.push((c, reason)),
        }
    }
    Ok(ContractChoices {
        usable,
        unusable,
        not_default,
        offline,
    })
}

/// The cached company whose name is most like the customer's, if any is close enough. Shown as a
/// suggestion only.
pub async fn suggest_company(
    app: &App,
    customer_name: &str,
) -> Result<Option<(CachedCompany, f64)>> {
    let db = app.store.connection();
    // Narrow with the longest word first; the cache search is a LIKE over names.
    let word = customer_name
        .split(|c: char| !c.is_alphanumeric())
        .max_by_key(|w| w.len())
        .unwrap_or("");
    if word.len() < 2 {
        return Ok(None);
    }
    let candidates = cache::search_companies(db, word, 200).await?;
    Ok(best_match(
        customer_name,
        candidates.iter().map(|c| c.name.as_str()),
        0.5,
    )
    .map(|(i, score)| (candidates[i].clone(), score)))
}

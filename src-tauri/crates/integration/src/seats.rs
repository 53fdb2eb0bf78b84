//! Seats: the units on each integration's contract service today, read for all integrations in a
//! few batched queries, with deleted or inactive contracts and missing unit rows noticed.

use std::collections::HashMap;

use autotask::models::{Contract, ContractServiceUnit};
use autotask::{Filter, Query};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use store::repo::integrations::{self, Status};
use store::repo::settings;
use store::TransactionTrait;

use crate::app::App;
use crate::counting::billable_endpoints;
use crate::error::Result;
use crate::reconcile::SeatState;

#[derive(Debug, Clone, Serialize)]
pub struct SeatsReport {
    pub read: usize,
    pub problems: Vec<(i64, String)>,
    pub requests: u64,
    /// What reconcile planning needs, per integration with a contract service.
    #[serde(skip)]
    pub states: Vec<SeatState>,
}

pub async fn refresh_seats(app: &App) -> Result<SeatsReport> {
    let client = app.client().await?;
    let before = client.usage().sent_last_hour;
    let db = app.store.connection();
    let rows = integrations::list_with_customers(db).await?;
    let today = app.clock.today();
    let day = autotask::date_only(today);
    let live: Vec<_> = rows
        .iter()
        .filter(|r| {
            r.integration.contract_service_id.is_some() && r.integration.contract_id.is_some()
        })
        .collect();
    let cs_ids: Vec<Value> = live
        .iter()
        .filter_map(|r| r.integration.contract_service_id)
        .map(Value::from)
        .collect();
    let contract_ids: Vec<Value> = live
        .iter()
        .filter_map(|r| r.integration.contract_id)
        .map(Value::from)
        .collect();
    let units_query = Query::new()
        .filter(Filter::lte("startDate", day.clone()))
        .filter(Filter::gte("endDate", day))
        .include_fields(["id", "contractServiceID", "units", "startDate", "endDate"]);
    let contract_query = Query::new().include_fields(["id", "status", "startDate", "endDate"]);
    let (units, contracts) = tokio::try_join!(
        client.query_in::<ContractServiceUnit>(
            "ContractServiceUnits",
            &units_query,
            "contractServiceID",
            &cs_ids
        ),
        client.query_in::<Contract>("Contracts", &contract_query, "id", &contract_ids),
    )?;
    let units: HashMap<i64, i64> = units
        .iter()
        .filter_map(|u| Some((u.contract_service_id?, i64::from(u.units?))))
        .collect();
    let contracts: HashMap<i64, &Contract> = contracts.iter().map(|c| (c.id, c)).collect();
    let rule = settings::load(db).await?.counting_rule;
    let now = app.clock.now();
    let mut report = SeatsReport {
        read: 0,
        problems: Vec::new(),
        requests: 0,
        states: Vec::new(),
    };
    let txn = db.begin().await.map_err(store::StoreError::from)?;
    for r in live {
        let it = &r.integration;
        let (contract_id, cs_id) = (
            it.contract_id.unwrap_or_default(),
            it.contract_service_id.unwrap_or_default(),
        );
        let contract = contracts.get(&contract_id);
        let window =
            contract.and_then(|c| Some((c.start_date?.date_naive(), c.end_date?.date_naive())));
        let problem = match (contract, units.get(&cs_id)) {
            (None, _) => Some(format!("Contract {contract_id} no longer exists in Autotask.")),
            (Some(c), _) if c.status != Some(1) => Some(format!("Contract {contract_id} is inactive in Autotask.")),
            (Some(_), None) if window.is_some_and(|(_, end)| end < today) => Some(format!("Contract {contract_id} ended on {}.", window.map(|w| w.1).unwrap_or(today))),
            (Some(_), None) => Some(format!("No units cover today on contract service {cs_id}: it may have been removed from the contract in Autotask.")),
            (Some(_), Some(_)) => None,
        };
        let seats = units.get(&cs_id).copied();
        match &problem {
            None => {
                integrations::set_seats(&txn, it.id, seats.unwrap_or(0), now).await?;
                if it.status == Status::Broken {
                    integrations::set_status(&txn, it.id, Status::Active, None, now).await?;
                }
                report.read += 1;
            }
            Some(p) => {
                integrations::set_status(&txn, it.id, Status::Broken, Some(p.clone()), now).await?;
                report.problems.push((it.id, p.clone()));
            }
        }
        let blocked = problem.clone().or_else(|| {
            if !r.customer.enabled {
                Some("The customer is disabled.".into())
            } else if r.customer.vanished_at.is_some() {
                Some("The customer no longer appears in Zorus.".into())
            } else {
                None
            }
        });
        report.states.push(SeatState {
            integration_id: it.id,
            contract_service_id: Some(cs_id),
            // Every customer has counts (from Zorus, a CSV line or typed in), so this is known.
            endpoints: Some(billable_endpoints(&r.customer, rule)),
            seats,
            contract_window: window,
            blocked,
        });
    }
    txn.commit().await.map_err(store::StoreError::from)?;
    report.requests = client.usage().sent_last_hour - before;
    Ok(report)
}

/// Units on many contract services on one day, in batched queries: contract service id -> units.
pub(crate) async fn units_on_day(
    client: &autotask::Client,
    cs_ids: &[i64],
    day: NaiveDate,
) -> Result<HashMap<i64, i64>> {
    let d = autotask::date_only(day);
    let q = Query::new()
        .filter(Filter::lte("startDate", d.clone()))
        .filter(Filter::gte("endDate", d))
        .include_fields(["id", "contractServiceID", "units"]);
    let values: Vec<Value> = cs_ids.iter().map(|i| Value::from(*i)).collect();
    let rows: Vec<ContractServiceUnit> = client
        .query_in("ContractServiceUnits", &q, "contractServiceID", &values)
        .await?;
    Ok(rows
        .iter()
        .filter_map(|u| Some((u.contract_service_id?, i64::from(u.units?))))
        .collect())
}

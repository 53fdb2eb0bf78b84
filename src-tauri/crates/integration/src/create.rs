//! Add Customer Integration: validate, show the planned writes, then apply them so that a crash,
//! a timeout or a lost answer never leaves a second Contract, a second Contract Service or a unit
//! change applied twice. Every write is journaled before it is sent and audited after.

use autotask::models::{
    BillingCode, Company, Contact, Contract, ContractService, ContractServiceUnit, Service,
};
use autotask::{ChildRoute, Filter, Query};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::json;
use store::repo::audit::{self, NewAuditEntry};
use store::repo::customers::{self, Customer};
use store::repo::integrations::{self, Integration, NewIntegration, Progress, Status};
use store::repo::journal::{self, NewOperation, OpState};
use store::repo::settings;

use crate::app::App;
use crate::counting::billable_endpoints;
use crate::dates::{clamp, effective_date, new_contract_window, Clamped};
use crate::error::{Error, Result};
use crate::inputs::parse_amount;
use crate::marker::new_marker;
use crate::pickers::{customer_type, recurring_type, unusable_reason};

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum ContractChoice {
    New,
    Existing(i64),
}

#[derive(Debug, Clone)]
pub struct AddInput {
    pub customer_id: i64,
    pub company_id: i64,
    pub contact_id: Option<i64>,
    pub contract: ContractChoice,
    pub price_per_seat: String,
    /// Empty or absent: the default cost per seat from settings.
    pub cost_per_seat: Option<String>,
}

/// One write the plan will send, as the partner sees it before saying yes.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedWrite {
    pub step: &'static str,
    pub what: String,
    pub fields: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IntegrationPlan {
    pub customer: Customer,
    pub company_id: i64,
    pub company_name: String,
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
    pub contract: ContractChoice,
    pub contract_name: String,
    pub contract_start: NaiveDate,
    pub contract_end: NaiveDate,
    pub price_per_seat: Decimal,
    pub cost_per_seat: Decimal,
    pub units: i64,
    pub effective_date: NaiveDate,
    pub writes: Vec<PlannedWrite>,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::Invalid(message.into())
}

fn company_name(c: &Company) -> String {
    c.company_name
        .clone()
        .unwrap_or_else(|| format!("Company {}", c.id))
}

fn contact_name(c: &Contact) -> String {
    [c.first_name.as_deref(), c.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks everything and lists the writes. Reads Autotask (the company, the contact, an existing
/// contract) but writes nothing.
pub async fn plan(app: &App, input: &AddInput) -> Result<IntegrationPlan> {
    let db = app.store.connection();
    let price = parse_amount(&input.price_per_seat, "The price per seat")?;
    let s = settings::load(db).await?;
    let cost = match input
        .cost_per_seat
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(text) => parse_amount(text, "The cost per seat")?,
        None => s.default_cost_per_seat,
    };
    let customer = customers::get(db, input.customer_id)
        .await?
        .ok_or_else(|| Error::NotFound("That customer no longer exists.".into()))?;
    if integrations::by_customer(db, customer.id).await?.is_some() {
        return Err(Error::Conflict(format!(
            "{} is already integrated with Autotask.",
            customer.name
        )));
    }
    let client = app.client().await?;
    let company: Company = client.get(input.company_id).await?.ok_or_else(|| {
        invalid("That Autotask account no longer exists. Refresh the accounts and pick again.")
    })?;
    if company.is_active != Some(true) {
        return Err(invalid(format!(
            "{} is inactive in Autotask. Pick an active account.",
            company_name(&company)
        )));
    }
    if company.company_type.map(i64::from) != Some(customer_type(&client).await?) {
        return Err(invalid(format!(
            "{} is not a Customer account in Autotask.",
            company_name(&company)
        )));
    }
    let contact = match input.contact_id {
        None => None,
        Some(id) => {
            let c: Contact = client
                .get(id)
                .await?
                .ok_or_else(|| invalid("That contact no longer exists in Autotask."))?;
            if c.company_id != Some(company.id) {
                return Err(invalid(format!(
                    "{} is not a contact of {}.",
                    contact_name(&c),
                    company_name(&company)
                )));
            }
            if c.is_active != Some(1) {
                return Err(invalid(format!(
                    "{} is inactive in Autotask. Pick an active contact.",
                    contact_name(&c)
                )));
            }
            Some(c)
        }
    };
    let today = app.clock.today();
    let units = billable_endpoints(&customer, s.counting_rule);
    let (contract_name, start, end, effective) = match &input.contract {
        ContractChoice::New => {
            let (start, end) = new_contract_window(today);
            // Units count from the first day of a new contract.
            (
                s.contract_name_template
                    .replace("{customer}", &customer.name),
                start,
                end,
                start,
            )
        }
        ContractChoice::Existing(id) => {
            let c: Contract = client
                .get(*id)
                .await?
                .ok_or_else(|| invalid("That contract no longer exists in Autotask."))?;
            if c.company_id != Some(company.id) {
                return Err(invalid("That contract belongs to another company."));
            }
            let cached = store::repo::cache::CachedContract {
                id: c.id,
                company_id: company.id,
                name: c.contract_name.clone().unwrap_or_default(),
                contract_type: c.contract_type.map(i64::from),
                status: c.status.map(i64::from),
                is_default: c.is_default_contract.unwrap_or(false),
                start_date: c.start_date.map(|d| d.to_rfc3339()),
                end_date: c.end_date.map(|d| d.to_rfc3339()),
                fetched_at: app.clock.now(),
            };
            if let Some(reason) = unusable_reason(&cached, recurring_type(&client).await?, today) {
                return Err(invalid(format!("That contract cannot be used: {reason}")));
            }
            let (start, end) = match (c.start_date, c.end_date) {
                (Some(s), Some(e)) => (s.date_naive(), e.date_naive()),
                _ => {
                    return Err(invalid(
                        "That contract has no start or end date in Autotask.",
                    ))
                }
            };
            let effective = match clamp(effective_date(s.increase_effective, today), start, end) {
                Clamped::On(d) => d,
                Clamped::AfterEnd => return Err(invalid("That contract has ended.")),
            };
            (cached.name, start, end, effective)
        }
    };
    let mut writes = vec![PlannedWrite {
        step: "service",
        what: format!(
            "Find or create the catalog service \"{}\" (monthly)",
            s.service_name
        ),
        fields: vec![("name".into(), s.service_name.clone())],
    }];
    if matches!(input.contract, ContractChoice::New) {
        writes.push(PlannedWrite {
            step: "contract",
            what: format!("Create the Recurring Service contract \"{contract_name}\""),
            fields: vec![
                ("company".into(), company_name(&company)),
                (
                    "contact".into(),
                    contact
                        .as_ref()
                        .map(contact_name)
                        .unwrap_or_else(|| "(none)".into()),
                ),
                ("contract type".into(), "Recurring Service".into()),
                ("status".into(), "Active".into()),
                ("start date".into(), start.to_string()),
                ("end date".into(), end.to_string()),
            ],
        });
    }
    writes.push(PlannedWrite {
        step: "contract_service",
        what: format!("Add the service to the contract at {price} per seat"),
        fields: vec![
            ("price per seat".into(), price.to_string()),
            ("cost per seat".into(), cost.to_string()),
        ],
    });
    if units > 0 {
        writes.push(PlannedWrite {
            step: "adjustment",
            what: format!("Set the units to {units} (the customer's endpoints) from {effective}"),
            fields: vec![
                ("units".into(), units.to_string()),
                ("effective date".into(), effective.to_string()),
            ],
        });
    }
    Ok(IntegrationPlan {
        customer,
        company_id: company.id,
        company_name: company_name(&company),
        contact_id: contact.as_ref().map(|c| c.id),
        contact_name: contact.as_ref().map(contact_name),
        contract: input.contract.clone(),
        contract_name,
        contract_start: start,
        contract_end: end,
        price_per_seat: price,
        cost_per_seat: cost,
        units,
        effective_date: effective,
        writes,
    })
}

/// Saves the mapping (with its marker) before anything is sent, then creates the objects.
pub async fn apply(app: &App, plan: &IntegrationPlan) -> Result<Integration> {
    let db = app.store.connection();
    let now = app.clock.now();
    let marker = new_marker(plan.customer.id);
    let integration = integrations::insert(
        db,
        NewIntegration {
            customer_id: plan.customer.id,
            company_id: plan.company_id,
            company_name: plan.company_name.clone(),
            contact_id: plan.contact_id,
            contact_name: plan.contact_name.clone(),
            contract_id: match plan.contract {
                ContractChoice::Existing(id) => Some(id),
                ContractChoice::New => None,
            },
            contract_name: Some(plan.contract_name.clone()),
            price_per_seat: plan.price_per_seat,
            cost_per_seat: plan.cost_per_seat,
            marker,
        },
        now,
    )
    .await?;
    complete(app, integration.id, Some(plan)).await
}

/// Brings an integration to Active from wherever it stopped. Safe to call again after any
/// failure: each step first uses what the mapping or the journal already knows.
pub async fn complete(
    app: &App,
    integration_id: i64,
    plan: Option<&IntegrationPlan>,
) -> Result<Integration> {
    let result = complete_steps(app, integration_id, plan).await;
    if let Err(e) = &result {
        let now = app.clock.now();
        integrations::set_status(
            app.store.connection(),
            integration_id,
            Status::Failed,
            Some(e.to_string()),
            now,
        )
        .await?;
    }
    result
}

async fn complete_steps(
    app: &App,
    integration_id: i64,
    plan: Option<&IntegrationPlan>,
) -> Result<Integration> {
    let db = app.store.connection();
    let mut it = integrations::get(db, integration_id)
        .await?
        .ok_or_else(|| Error::NotFound("That integration no longer exists.".into()))?;
    let client = app.client().await?;
    let s = settings::load(db).await?;
    let service_id = match it.service_id {
        Some(id) => id,
        None => {
            let id = find_or_create_service(app, &client, &s, it.price_per_seat).await?;
            it = integrations::record_progress(
                db,
                it.id,
                Progress {
                    service_id: Some(id),
                    ..Progress::default()
                },
                app.clock.now(),
            )
            .await?;
            id
        }
    };
    let (contract_id, start, created_contract) = match it.contract_id {
        Some(id) => {
            let start = plan.map(|p| p.contract_start);
            (id, start, false)
        }
        None => {
            let (start, end) = match plan {
                Some(p) => (p.contract_start, p.contract_end),
                None => new_contract_window(it.created_at.date_naive()),
            };
            let id = ensure_contract(app, &client, &it, start, end).await?;
            it = integrations::record_progress(
                db,
                it.id,
                Progress {
                    contract_id: Some(id),
                    contract_created_by_us: Some(true),
                    ..Progress::default()
                },
                app.clock.now(),
            )
            .await?;
            (id, Some(start), true)
        }
    };
    let (cs_id, fresh_cs) = match it.contract_service_id {
        Some(id) => (id, false),
        None => {
            let (id, fresh) = ensure_contract_service(
                app,
                &client,
                &it,
                contract_id,
                service_id,
                &s.service_name,
            )
            .await?;
            it = integrations::record_progress(
                db,
                it.id,
                Progress {
                    contract_service_id: Some(id),
                    ..Progress::default()
                },
                app.clock.now(),
            )
            .await?;
            (id, fresh)
        }
    };
    if it.status == Status::Active {
        return Ok(it);
    }
    let customer = customers::get(db, it.customer_id).await?.ok_or_else(|| {
        Error::NotFound("The customer of this integration no longer exists.".into())
    })?;
    let target = billable_endpoints(&customer, s.counting_rule);
    let effective = match (plan, start, created_contract || it.contract_created_by_us) {
        (Some(p), _, _) => p.effective_date,
        (None, Some(start), true) => start,
        (None, _, _) => {
            let c: Contract = client.get(contract_id).await?.ok_or_else(|| {
                Error::Invalid("The contract no longer exists in Autotask.".into())
            })?;
            let (cs, ce) = (
                c.start_date.map(|d| d.date_naive()),
                c.end_date.map(|d| d.date_naive()),
            );
            match (cs, ce) {
                (Some(cs), Some(ce)) if it.contract_created_by_us => cs
                    .max(new_contract_window(it.created_at.date_naive()).0)
                    .min(ce),
                (Some(cs), Some(ce)) => match clamp(
                    effective_date(s.increase_effective, app.clock.today()),
                    cs,
                    ce,
                ) {
                    Clamped::On(d) => d,
                    Clamped::AfterEnd => {
                        return Err(Error::Invalid("The contract has ended in Autotask.".into()))
                    }
                },
                _ => {
                    return Err(Error::Invalid(
                        "The contract has no dates in Autotask.".into(),
                    ))
                }
            }
        }
    };
    set_units(
        app,
        &client,
        &it,
        contract_id,
        cs_id,
        target,
        effective,
        fresh_cs,
    )
    .await?;
    let it = integrations::mark_active(db, it.id, target, app.clock.now()).await?;
    Ok(it)
}

/// Journals a write, runs it, and records how it ended. An unknown outcome is recorded as such.
async fn journaled<F, Fut>(
    app: &App,
    it: &Integration,
    step: &str,
    summary: String,
    send: F,
) -> Result<i64>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = autotask::Result<i64>>,
{
    let db = app.store.connection();
    let op = journal::begin(
        db,
        NewOperation {
            integration_id: Some(it.id),
            intent: "add_customer_integration",
            marker: &it.marker,
            step,
            request_summary: Some(summary.clone()),
        },
        app.clock.now(),
    )
    .await?;
    journal::finish(db, op.id, OpState::Sent, None, None, app.clock.now()).await?;
    let result = send().await;
    let now = app.clock.now();
    let (state, id, error, outcome) = match &result {
        Ok(id) => (OpState::Done, Some(*id), None, "ok"),
        Err(e @ autotask::Error::UnknownOutcome { .. }) => {
            (OpState::Unknown, None, Some(e.to_string()), "unknown")
        }
        Err(e) => (OpState::Failed, None, Some(e.to_string()), "failed"),
    };
    journal::finish(db, op.id, state, id, error.clone(), now).await?;
    audit::record(
        db,
        NewAuditEntry {
            action: step,
            object: "Autotask",
            object_ids: id.map(|i| i.to_string()),
            summary: format!("{summary} [{}]", it.marker),
            outcome,
        },
        now,
    )
    .await?;
    Ok(result?)
}

/// Whether an earlier attempt of this step may have reached Autotask.
async fn maybe_sent_before(app: &App, marker: &str, step: &str) -> Result<bool> {
    let ops = journal::by_marker(app.store.connection(), marker).await?;
    Ok(ops.iter().any(|o| {
        o.step == step && matches!(o.state, OpState::Pending | OpState::Sent | OpState::Unknown)
    }))
}

/// Closes the earlier, unsettled attempts of a step once Autotask has been looked at: found
/// (`Done` with the id), not there (`Failed`, then sent again), or settled by re-read units.
async fn settle(
    app: &App,
    marker: &str,
    step: &str,
    state: OpState,
    found: Option<i64>,
    note: &str,
) -> Result<()> {
    let db = app.store.connection();
    for op in journal::by_marker(db, marker).await? {
        if op.step == step
            && matches!(
                op.state,
                OpState::Pending | OpState::Sent | OpState::Unknown
            )
        {
            journal::finish(db, op.id, state, found, Some(note.into()), app.clock.now()).await?;
        }
    }
    Ok(())
}

const FOUND: &str = "found in Autotask by its marker";

async fn find_contract_by_marker(client: &autotask::Client, marker: &str) -> Result<Option<i64>> {
    let found: Vec<Contract> = client
        .query(
            &Query::new()
                .filter(Filter::eq("contractNumber", marker))
                .include_fields(["id"]),
        )
        .await?;
    Ok(found.first().map(|c| c.id))
}

async fn ensure_contract(
    app: &App,
    client: &autotask::Client,
    it: &Integration,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<i64> {
    if maybe_sent_before(app, &it.marker, "contract").await? {
        if let Some(id) = find_contract_by_marker(client, &it.marker).await? {
            settle(app, &it.marker, "contract", OpState::Done, Some(id), FOUND).await?;
            return Ok(id);
        }
        settle(
            app,
            &it.marker,
            "contract",
            OpState::Failed,
            None,
            "not found in Autotask by its marker; sent again",
        )
        .await?;
    }
    let recurring = recurring_type(client).await?;
    let name = it
        .contract_name
        .clone()
        .unwrap_or_else(|| format!("Web filtering - {}", it.company_name));
    let body = json!({
        "companyID": it.company_id,
        "contactID": it.contact_id,
        "contractName": name,
        // The marker: an exact-match field a query finds after a crash or a lost answer.
        "contractNumber": it.marker,
        "contractType": recurring,
        "status": 1,
        "startDate": autotask::date_only(start),
        "endDate": autotask::date_only(end),
        "timeReportingRequiresStartAndStopTimes": 1,
        "description": "Per-seat web filtering, maintained by the Zorus Autotask integration.",
    });
    let summary = format!(
        "POST Contracts \"{name}\" company {} {start}..{end}",
        it.company_id
    );
    match journaled(app, it, "contract", summary, || {
        client.create("Contracts", &body)
    })
    .await
    {
        Ok(id) => Ok(id),
        Err(e) if e.is_unknown_outcome() => {
            match find_contract_by_marker(client, &it.marker).await? {
                Some(id) => {
                    settle(app, &it.marker, "contract", OpState::Done, Some(id), FOUND).await?;
                    Ok(id)
                }
                None => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

async fn find_contract_service(
    client: &autotask::Client,
    contract_id: i64,
    service_id: i64,
) -> Result<Option<i64>> {
    let found: Vec<ContractService> = client
        .query(
            &Query::new()
                .filter(Filter::eq("contractID", contract_id))
                .filter(Filter::eq("serviceID", service_id))
                .include_fields(["id"]),
        )
        .await?;
    Ok(found.first().map(|c| c.id))
}

/// Returns the contract service id, and whether we just created it (so it has no units yet).
async fn ensure_contract_service(
    app: &App,
    client: &autotask::Client,
    it: &Integration,
    contract_id: i64,
    service_id: i64,
    service_name: &str,
) -> Result<(i64, bool)> {
    // On an existing contract the service may already be there; after a lost answer it may too.
    if !it.contract_created_by_us || maybe_sent_before(app, &it.marker, "contract_service").await? {
        if let Some(id) = find_contract_service(client, contract_id, service_id).await? {
            settle(
                app,
                &it.marker,
                "contract_service",
                OpState::Done,
                Some(id),
                FOUND,
            )
            .await?;
            return Ok((id, false));
        }
        settle(
            app,
            &it.marker,
            "contract_service",
            OpState::Failed,
            None,
            "not found in Autotask by its marker; sent again",
        )
        .await?;
    }
    // unitPrice on a contract service is read-only in Autotask (reference §8.5): the customer's
    // price goes in adjustedPrice, the only price that can be set and changed later.
    let body = json!({
        "contractID": contract_id,
        "serviceID": service_id,
        "adjustedPrice": it.price_per_seat,
        "unitCost": it.cost_per_seat,
        "internalDescription": it.marker,
        "invoiceDescription": service_name,
    });
    let summary = format!(
        "POST Contracts/{contract_id}/Services service {service_id} price {} cost {}",
        it.price_per_seat, it.cost_per_seat
    );
    let route = ChildRoute::ContractServices;
    match journaled(app, it, "contract_service", summary, || {
        client.create_child(route, contract_id, &body)
    })
    .await
    {
        Ok(id) => Ok((id, true)),
        Err(e) if e.is_unknown_outcome() => {
            match find_contract_service(client, contract_id, service_id).await? {
                Some(id) => {
                    settle(
                        app,
                        &it.marker,
                        "contract_service",
                        OpState::Done,
                        Some(id),
                        FOUND,
                    )
                    .await?;
                    Ok((id, false))
                }
                None => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

/// The units of a contract service on a day, from the row covering it (0 when none).
pub(crate) async fn units_on(client: &autotask::Client, cs_id: i64, day: NaiveDate) -> Result<i64> {
    let q = Query::new()
        .filter(Filter::eq("contractServiceID", cs_id))
        .filter(Filter::lte("startDate", autotask::date_only(day)))
        .filter(Filter::gte("endDate", autotask::date_only(day)));
    let rows: Vec<ContractServiceUnit> = client.query(&q).await?;
    Ok(rows
        .iter()
        .filter_map(|r| r.units)
        .map(i64::from)
        .max()
        .unwrap_or(0))
}

/// Sets the units to `target` from `effective`. Adjustments cannot be read back, so the units are
/// read before any re-send: a change that already landed is never applied twice.
#[allow(clippy::too_many_arguments)]
async fn set_units(
    app: &App,
    client: &autotask::Client,
    it: &Integration,
    contract_id: i64,
    cs_id: i64,
    target: i64,
    effective: NaiveDate,
    fresh_cs: bool,
) -> Result<()> {
    let current = if fresh_cs && !maybe_sent_before(app, &it.marker, "adjustment").await? {
        0
    } else {
        units_on(client, cs_id, effective).await?
    };
    settle(
        app,
        &it.marker,
        "adjustment",
        OpState::Done,
        None,
        "settled by reading the units again",
    )
    .await?;
    if current == target {
        return Ok(());
    }
    let change = target - current;
    let body = json!({
        "contractID": contract_id,
        "contractServiceID": cs_id,
        "effectiveDate": autotask::date_only(effective),
        "unitChange": change,
    });
    let summary = format!("POST Contracts/{contract_id}/ServiceAdjustments contract service {cs_id} unitChange {change} from {effective}");
    let route = ChildRoute::ContractServiceAdjustments;
    match journaled(app, it, "adjustment", summary, || {
        client.create_child(route, contract_id, &body)
    })
    .await
    {
        Ok(_) => Ok(()),
        Err(e) if e.is_unknown_outcome() => {
            if units_on(client, cs_id, effective).await? == target {
                settle(
                    app,
                    &it.marker,
                    "adjustment",
                    OpState::Done,
                    None,
                    "settled by reading the units again",
                )
                .await?;
                Ok(())
            } else {
                Err(e)
            }
        }
        Err(e) => Err(e),
    }
}

/// The shared catalog Service: found by name, or created once (monthly, on an active Recurring
/// Contract Service billing code).
async fn find_or_create_service(
    app: &App,
    client: &autotask::Client,
    s: &settings::Settings,
    price: Decimal,
) -> Result<i64> {
    if let Some(id) = *app.service_id.lock().unwrap_or_else(|e| e.into_inner()) {
        return Ok(id);
    }
    let found: Vec<Service> = client
        .query(
            &Query::new()
                .filter(Filter::eq("name", s.service_name.clone()))
                .include_fields(["id", "isActive"]),
        )
        .await?;
    let id = match found.iter().find(|f| f.is_active != Some(false)) {
        Some(f) => f.id,
        None => {
            let code = match s.billing_code_id {
                Some(id) => id,
                None => {
                    let kind = client.picklist_value("BillingCodes", "billingCodeType", "Recurring Contract Service").await?
                        .ok_or_else(|| Error::Invalid("This Autotask tenant has no Recurring Contract Service billing code type.".into()))?;
                    let codes: Vec<BillingCode> = client
                        .query(
                            &Query::new()
                                .filter(Filter::eq("billingCodeType", kind))
                                .filter(Filter::eq("isActive", true))
                                .include_fields(["id", "name"]),
                        )
                        .await?;
                    codes.first().map(|c| c.id).ok_or_else(|| Error::Invalid("Create an active Recurring Contract Service billing code in Autotask (Admin > Finance > Billing Codes), or pick one in Settings.".into()))?
                }
            };
            let monthly = client
                .picklist_value("Services", "periodType", "Monthly")
                .await?
                .unwrap_or(1);
            let body = json!({"name": s.service_name, "billingCodeID": code, "periodType": monthly, "unitPrice": price, "invoiceDescription": s.service_name});
            let now = app.clock.now();
            let id = client.create("Services", &body).await?;
            audit::record(
                app.store.connection(),
                NewAuditEntry {
                    action: "service",
                    object: "Autotask",
                    object_ids: Some(id.to_string()),
                    summary: format!("POST Services \"{}\"", s.service_name),
                    outcome: "ok",
                },
                now,
            )
            .await?;
            id
        }
    };
    *app.service_id.lock().unwrap_or_else(|e| e.into_inner()) = Some(id);
    Ok(id)
}

/// Completes every integration an earlier run left unfinished (at start-up, or on demand).
pub async fn resume_unfinished(app: &App) -> Result<Vec<(i64, Result<Integration>)>> {
    let db = app.store.connection();
    let mut ids: Vec<i64> = journal::unsettled(db)
        .await?
        .into_iter()
        .filter_map(|o| o.integration_id)
        .collect();
    for row in integrations::list_with_customers(db).await? {
        if matches!(row.integration.status, Status::Pending | Status::Failed) {
            ids.push(row.integration.id);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    let mut results = Vec::new();
    for id in ids {
        results.push((id, complete(app, id, None).await));
    }
    Ok(results)
}

//! The billing rules of Recurring Service contracts: which contracts take services, what a contract
//! service lets you change, how adjustments move units, and the per-period ContractServiceUnits rows
//! they produce. Rules the vendor documents are cited in the reference; the rest are marked.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::record::{as_decimal, datetime_value, decimal_value, parse_datetime, Record};
use crate::schema::{self, Entity, RECURRING_CONTRACT_SERVICE_CODE, RECURRING_SERVICE};
use crate::store::{ApiError, ApiResult, Db};

/// Periods materialized per contract service; a safety cap for very long contracts.
const MAX_PERIODS: u32 = 120;

fn int(record: &Record, field: &str) -> Option<i64> {
    record.get(field).and_then(Value::as_i64)
}

fn date(record: &Record, field: &str) -> Option<NaiveDate> {
    record
        .get(field)
        .and_then(Value::as_str)
        .and_then(parse_datetime)
        .map(|d| d.date_naive())
}

pub fn defaults_on_create(_db: &Db, entity: &Entity, record: &mut Record) -> ApiResult<()> {
    if matches!(entity.name, "Companies" | "Services") && !record.contains_key("isActive") {
        record.insert("isActive".into(), Value::Bool(true));
    }
    Ok(())
}

/// Only adjustedPrice and invoiceDescription of a contract service can be updated (vendor docs).
pub fn updatable(entity: &Entity, field: &str) -> bool {
    entity.name != "ContractServices" || matches!(field, "adjustedPrice" | "invoiceDescription")
}

pub fn validate(
    db: &mut Db,
    entity: &Entity,
    existing: Option<(i64, &Record)>,
    record: &mut Record,
) -> ApiResult<()> {
    match entity.name {
        "Contacts" if !matches!(int(record, "isActive"), Some(0 | 1)) => {
            return Err(ApiError::rule(
                "Contacts.isActive must be 1 (active) or 0 (inactive).",
            ));
        }
        "Contracts" => {
            if let (Some(start), Some(end)) = (date(record, "startDate"), date(record, "endDate")) {
                if end < start {
                    return Err(ApiError::rule(
                        "The contract's endDate must not be before its startDate.",
                    ));
                }
            }
            if let Some((id, _)) = existing {
                check_adjustments_inside(db, id, record)?;
            }
        }
        "Services" => {
            let changed = existing
                .is_none_or(|(_, old)| int(old, "billingCodeID") != int(record, "billingCodeID"));
            if changed {
                let code = int(record, "billingCodeID").and_then(|id| db.get("BillingCodes", id));
                let ok = code.is_some_and(|c| {
                    c.get("isActive") == Some(&Value::Bool(true))
                        && int(c, "billingCodeType") == Some(RECURRING_CONTRACT_SERVICE_CODE)
                });
                if !ok {
                    return Err(ApiError::rule("A service's billingCodeID must be an active Recurring Contract Service billing code."));
                }
            }
        }
        "ContractServices" if existing.is_none() => {
            let contract_id = int(record, "contractID").unwrap_or_default();
            let service_id = int(record, "serviceID").unwrap_or_default();
            recurring_contract(db, contract_id)?;
            // Uniqueness per contract and service is not documented (§13 q17); the simulator refuses
            // the duplicate so that a client that creates one twice finds out in tests.
            if find_contract_service(db, contract_id, service_id).is_some() {
                return Err(ApiError::rule(format!(
                    "Service {service_id} is already on contract {contract_id}."
                )));
            }
            let service = db.get("Services", service_id).cloned().unwrap_or_default();
            for (from, to) in [
                ("unitPrice", "unitPrice"),
                ("unitCost", "unitCost"),
                ("invoiceDescription", "invoiceDescription"),
            ] {
                if !record.contains_key(to) {
                    if let Some(v) = service.get(from) {
                        record.insert(to.into(), v.clone());
                    }
                }
            }
            if let Some(price) = record.get("unitPrice").cloned() {
                record.insert("internalCurrencyUnitPrice".into(), price);
            }
        }
        "ContractServices" => {
            if let Some(p) = record.get("adjustedPrice").cloned() {
                record.insert("internalCurrencyAdjustedPrice".into(), p);
            }
        }
        "ContractServiceAdjustments" => adjustment(db, record)?,
        _ => {}
    }
    Ok(())
}

fn recurring_contract(db: &Db, contract_id: i64) -> ApiResult<Record> {
    let contract = db
        .get("Contracts", contract_id)
        .ok_or_else(|| ApiError::rule(format!("Contract {contract_id} does not exist.")))?;
    if int(contract, "contractType") != Some(RECURRING_SERVICE) {
        return Err(ApiError::rule(format!(
            "Contract {contract_id} is not a Recurring Service contract; services can only be added to Recurring Service contracts."
        )));
    }
    Ok(contract.clone())
}

pub fn find_contract_service(db: &Db, contract_id: i64, service_id: i64) -> Option<i64> {
    db.table("ContractServices")?
        .iter()
        .find(|(_, r)| {
            int(r, "contractID") == Some(contract_id) && int(r, "serviceID") == Some(service_id)
        })
        .map(|(id, _)| *id)
}

/// Resolves an adjustment's contract service (creating it when missing, as the vendor documents),
/// and refuses one outside the contract's dates or one that would take units below zero.
fn adjustment(db: &mut Db, record: &mut Record) -> ApiResult<()> {
    let effective = date(record, "effectiveDate")
        .ok_or_else(|| ApiError::rule("effectiveDate is required."))?;
    // A date-only field: the time part is dropped, never shifted by a time zone.
    record.insert(
        "effectiveDate".into(),
        datetime_value(effective.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()),
    );
    let (contract_id, service_id, existing_cs) = match int(record, "contractServiceID") {
        Some(cs_id) => {
            let cs = db.get("ContractServices", cs_id).ok_or_else(|| {
                ApiError::rule(format!("Contract service {cs_id} does not exist."))
            })?;
            let (c, s) = (
                int(cs, "contractID").unwrap_or_default(),
                int(cs, "serviceID").unwrap_or_default(),
            );
            if int(record, "contractID").is_some_and(|x| x != c)
                || int(record, "serviceID").is_some_and(|x| x != s)
            {
                return Err(ApiError::rule(format!(
                    "Contract service {cs_id} does not belong to the given contract and service."
                )));
            }
            (c, s, Some(cs_id))
        }
        None => {
            let (Some(c), Some(s)) = (int(record, "contractID"), int(record, "serviceID")) else {
                return Err(ApiError::rule(
                    "An adjustment needs contractServiceID, or contractID and serviceID.",
                ));
            };
            (c, s, find_contract_service(db, c, s))
        }
    };
    let contract = recurring_contract(db, contract_id)?;
    if db.get("Services", service_id).is_none() {
        return Err(ApiError::rule(format!(
            "Service {service_id} does not exist."
        )));
    }
    let (start, end) = (date(&contract, "startDate"), date(&contract, "endDate"));
    if start.is_some_and(|s| effective < s) || end.is_some_and(|e| effective > e) {
        return Err(ApiError::rule(
            "The adjustment's effectiveDate must fall within the contract's start and end dates.",
        ));
    }
    let change = int(record, "unitChange").unwrap_or(0);
    let mut changes = existing_cs
        .map(|cs| adjustments_of(db, cs))
        .unwrap_or_default();
    changes.push((effective, change));
    check_never_negative(changes)?;
    let cs_id = match existing_cs {
        Some(id) => id,
        None => {
            let body = serde_json::json!({"contractID": contract_id, "serviceID": service_id});
            db.create(&schema::CONTRACT_SERVICES, &body, None)?
        }
    };
    record.insert("contractServiceID".into(), Value::from(cs_id));
    record.insert("contractID".into(), Value::from(contract_id));
    record.insert("serviceID".into(), Value::from(service_id));
    Ok(())
}

// The vendor does not say what a unit count below zero does (§13 q8); we refuse it.
fn check_never_negative(mut changes: Vec<(NaiveDate, i64)>) -> ApiResult<()> {
    changes.sort_by_key(|(d, _)| *d);
    let mut units = 0i64;
    for (day, change) in changes {
        units += change;
        if units < 0 {
            return Err(ApiError::rule(format!(
                "This adjustment would leave {units} units on {day}; units cannot go below zero."
            )));
        }
    }
    Ok(())
}

fn check_adjustments_inside(db: &Db, contract_id: i64, record: &Record) -> ApiResult<()> {
    let (start, end) = (date(record, "startDate"), date(record, "endDate"));
    let outside = db
        .table("ContractServiceAdjustments")
        .into_iter()
        .flatten()
        .any(|(_, a)| {
            int(a, "contractID") == Some(contract_id)
                && date(a, "effectiveDate")
                    .is_some_and(|d| start.is_some_and(|s| d < s) || end.is_some_and(|e| d > e))
        });
    if outside {
        return Err(ApiError::rule(
            "The contract has adjustments outside the new dates.",
        ));
    }
    Ok(())
}

fn adjustments_of(db: &Db, cs_id: i64) -> Vec<(NaiveDate, i64)> {
    db.adjustments_by_cs
        .get(&cs_id)
        .into_iter()
        .flatten()
        .filter_map(|id| db.get("ContractServiceAdjustments", *id))
        .filter_map(|a| Some((date(a, "effectiveDate")?, int(a, "unitChange").unwrap_or(0))))
        .collect()
}

pub fn after_write(db: &mut Db, entity: &Entity, id: i64) -> ApiResult<()> {
    match entity.name {
        "Contracts" => {
            let record = db.get("Contracts", id).cloned().unwrap_or_default();
            // Whether a new default clears the company's previous one is undocumented (§13 q7);
            // the simulator keeps one default per company, as the UI's wording suggests.
            if record.get("isDefaultContract") == Some(&Value::Bool(true)) {
                let company = int(&record, "companyID");
                for (other, r) in db.table_mut("Contracts").iter_mut() {
                    if *other != id && int(r, "companyID") == company {
                        r.insert("isDefaultContract".into(), Value::Bool(false));
                    }
                }
            }
            let services: Vec<i64> = db
                .table("ContractServices")
                .into_iter()
                .flatten()
                .filter(|(_, r)| int(r, "contractID") == Some(id))
                .map(|(cs, _)| *cs)
                .collect();
            for cs in services {
                recompute_units(db, cs);
            }
        }
        "ContractServices" => recompute_units(db, id),
        "ContractServiceAdjustments" => {
            let cs = db
                .get("ContractServiceAdjustments", id)
                .and_then(|a| int(a, "contractServiceID"));
            if let Some(cs) = cs {
                db.adjustments_by_cs.entry(cs).or_default().push(id);
                recompute_units(db, cs);
            }
        }
        _ => {}
    }
    Ok(())
}

pub fn before_delete(db: &Db, entity: &Entity, id: i64) -> ApiResult<()> {
    if entity.name == "Contacts" {
        let referenced = db
            .table("Contracts")
            .into_iter()
            .flatten()
            .any(|(_, c)| int(c, "contactID") == Some(id));
        if referenced {
            return Err(ApiError::rule(
                "The contact cannot be deleted because a contract references it.",
            ));
        }
    }
    Ok(())
}

/// Rebuilds the ContractServiceUnits rows of one contract service: a row per monthly period from
/// the contract's start, split where an adjustment takes effect inside a period (vendor docs).
/// Whether endDate carries the end of the last day is not documented; we use 23:59:59.
pub fn recompute_units(db: &mut Db, cs_id: i64) {
    for old in db.units_by_cs.remove(&cs_id).unwrap_or_default() {
        db.table_mut("ContractServiceUnits").remove(&old);
    }
    let Some(cs) = db.get("ContractServices", cs_id).cloned() else {
        return;
    };
    let contract_id = int(&cs, "contractID").unwrap_or_default();
    let Some(contract) = db.get("Contracts", contract_id).cloned() else {
        return;
    };
    let (Some(start), Some(end)) = (date(&contract, "startDate"), date(&contract, "endDate"))
    else {
        return;
    };
    let mut changes = adjustments_of(db, cs_id);
    changes.sort_by_key(|(d, _)| *d);
    let units_on = |day: NaiveDate| {
        changes
            .iter()
            .filter(|(d, _)| *d <= day)
            .map(|(_, c)| c)
            .sum::<i64>()
    };
    let price = cs
        .get("adjustedPrice")
        .or(cs.get("unitPrice"))
        .and_then(as_decimal)
        .unwrap_or(Decimal::ZERO);
    let cost = cs.get("unitCost").and_then(as_decimal);
    let mut rows = Vec::new();
    for k in 0..MAX_PERIODS {
        let Some(period_start) = start.checked_add_months(Months::new(k)) else {
            break;
        };
        if period_start > end {
            break;
        }
        let next = start.checked_add_months(Months::new(k + 1)).unwrap_or(end);
        let period_end = next.pred_opt().unwrap_or(next).min(end);
        let mut cuts: Vec<NaiveDate> = vec![period_start];
        cuts.extend(
            changes
                .iter()
                .map(|(d, _)| *d)
                .filter(|d| *d > period_start && *d <= period_end),
        );
        cuts.dedup();
        for (i, from) in cuts.iter().enumerate() {
            let to = cuts
                .get(i + 1)
                .and_then(|d| d.pred_opt())
                .unwrap_or(period_end);
            rows.push((*from, to, units_on(*from)));
        }
    }
    let mut ids = Vec::new();
    for (from, to, units) in rows {
        let id = match db.unit_ids.get(&(cs_id, from)) {
            Some(id) => *id,
            None => {
                let id = db.allocate_id("ContractServiceUnits");
                db.unit_ids.insert((cs_id, from), id);
                id
            }
        };
        let mut row = Record::new();
        row.insert("contractID".into(), Value::from(contract_id));
        row.insert("contractServiceID".into(), Value::from(cs_id));
        row.insert(
            "serviceID".into(),
            cs.get("serviceID").cloned().unwrap_or(Value::Null),
        );
        row.insert(
            "startDate".into(),
            datetime_value(from.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()),
        );
        row.insert(
            "endDate".into(),
            datetime_value(to.and_hms_opt(23, 59, 59).unwrap_or_default().and_utc()),
        );
        row.insert("units".into(), Value::from(units));
        // Whether price and cost are per unit or extended is not documented; these are per unit.
        row.insert("price".into(), decimal_value(price));
        row.insert("internalCurrencyPrice".into(), decimal_value(price));
        if let Some(cost) = cost {
            row.insert("cost".into(), decimal_value(cost));
        }
        db.table_mut("ContractServiceUnits").insert(id, row);
        ids.push(id);
    }
    db.units_by_cs.insert(cs_id, ids);
}

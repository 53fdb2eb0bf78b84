//! The tenant's data: one id-ordered table per entity, and the generic create / update / replace /
//! delete rules every entity shares. Entity-specific billing rules live in `billing`.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, Utc};
use serde_json::Value;

use crate::billing;
use crate::record::{apply_udfs, datetime_value, parse_input, Input, Record, UdfDef};
use crate::schema::{self, Entity};

/// A refusal the API reports as `{"errors":[message]}`.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: u16,
    pub message: String,
}

impl ApiError {
    /// Business-rule and validation failures: the service answers them with 500.
    pub fn rule(message: impl Into<String>) -> ApiError {
        ApiError {
            status: 500,
            message: message.into(),
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[derive(Default)]
pub struct Db {
    tables: HashMap<&'static str, BTreeMap<i64, Record>>,
    next_id: HashMap<&'static str, i64>,
    udfs: HashMap<&'static str, Vec<UdfDef>>,
    /// Stable ids for materialized ContractServiceUnits rows, keyed by (contract service, start).
    pub(crate) unit_ids: HashMap<(i64, NaiveDate), i64>,
    pub(crate) units_by_cs: HashMap<i64, Vec<i64>>,
    pub(crate) adjustments_by_cs: HashMap<i64, Vec<i64>>,
    /// Full renderings of records (no IncludeFields), reused by later pages until the entity is
    /// written: most page cost is rendering, and it is paid under the store's lock.
    pub(crate) rendered: std::sync::Mutex<HashMap<(&'static str, i64), String>>,
    /// The simulated "today"; the real date when unset.
    pub today: Option<NaiveDate>,
}

impl Db {
    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| Utc::now().date_naive())
    }

    pub fn table(&self, entity: &str) -> Option<&BTreeMap<i64, Record>> {
        self.tables.get(entity)
    }

    pub(crate) fn table_mut(&mut self, entity: &'static str) -> &mut BTreeMap<i64, Record> {
        self.rendered
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|(e, _), _| *e != entity);
        self.tables.entry(entity).or_default()
    }

    pub fn get(&self, entity: &str, id: i64) -> Option<&Record> {
        self.tables.get(entity)?.get(&id)
    }

    pub fn count(&self, entity: &str) -> usize {
        self.tables.get(entity).map_or(0, BTreeMap::len)
    }

    pub fn udf_defs(&self, entity: &str) -> &[UdfDef] {
        self.udfs.get(entity).map_or(&[], Vec::as_slice)
    }

    pub fn define_udf(&mut self, entity: &'static str, def: UdfDef) {
        self.rendered
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.udfs.entry(entity).or_default().push(def);
    }

    pub(crate) fn allocate_id(&mut self, entity: &'static str) -> i64 {
        let next = self.next_id.entry(entity).or_insert(1);
        let id = *next;
        *next += 1;
        id
    }

    /// Stores a record under a given id (seeding), keeping the id sequence ahead of it.
    pub(crate) fn put(&mut self, entity: &'static str, id: i64, record: Record) {
        let next = self.next_id.entry(entity).or_insert(1);
        *next = (*next).max(id + 1);
        self.table_mut(entity).insert(id, record);
    }

    /// Creates a record from a request body. `parent` is the (field, id) a child route fixes.
    pub fn create(
        &mut self,
        entity: &'static Entity,
        body: &Value,
        parent: Option<(&'static str, i64)>,
    ) -> ApiResult<i64> {
        let input =
            parse_input(entity, body, self.udf_defs(entity.name)).map_err(ApiError::rule)?;
        let Input { fields, udfs, .. } = input;
        let mut record = Record::new();
        for (name, value) in fields {
            // The service ignores read-only input rather than refusing it.
            if !entity.is_read_only(&name) && !value.is_null() {
                record.insert(name, value);
            }
        }
        if let Some((field, pid)) = parent {
            check_parent(entity, &record, field, pid)?;
            record.insert(field.to_string(), Value::from(pid));
        }
        billing::defaults_on_create(self, entity, &mut record)?;
        check_required(entity, &record)?;
        self.check_values(entity, &record)?;
        billing::validate(self, entity, None, &mut record)?;
        if let Some(udfs) = udfs {
            apply_udfs(&mut record, udfs, true);
        }
        if entity.fields.iter().any(|(f, _)| *f == "createDate") {
            record.insert("createDate".into(), datetime_value(Utc::now()));
        }
        touch(entity, &mut record);
        let id = self.allocate_id(entity.name);
        self.table_mut(entity.name).insert(id, record);
        billing::after_write(self, entity, id)?;
        Ok(id)
    }

    /// PATCH (`replace == false`) or PUT (`replace == true`), with the id in the body.
    pub fn update(
        &mut self,
        entity: &'static Entity,
        body: &Value,
        parent: Option<(&'static str, i64)>,
        replace: bool,
    ) -> ApiResult<i64> {
        let input =
            parse_input(entity, body, self.udf_defs(entity.name)).map_err(ApiError::rule)?;
        let id = input.id.ok_or_else(|| {
            ApiError::rule("The id of the entity to update is missing from the request body.")
        })?;
        let existing = self.get(entity.name, id).cloned().ok_or_else(|| {
            ApiError::rule(format!("No matching records found for {} id {id}. The logged in Resource may not have the required permissions to update the data.", entity.name))
        })?;
        if let Some((field, pid)) = parent {
            if existing.get(field).and_then(Value::as_i64) != Some(pid) {
                return Err(ApiError::rule(format!(
                    "{} id {id} does not belong to the parent {pid}.",
                    entity.name
                )));
            }
        }
        let writable = |name: &str| {
            !entity.is_read_only(name)
                && !entity.create_only.contains(&name)
                && billing::updatable(entity, name)
        };
        let mut record = existing.clone();
        if replace {
            // PUT sets every writable field the body leaves out to null.
            let keys: Vec<String> = record.keys().filter(|k| writable(k)).cloned().collect();
            for k in keys {
                if !input.fields.contains_key(&k) {
                    record.remove(&k);
                }
            }
        }
        for (name, value) in input.fields {
            if writable(&name) {
                if value.is_null() {
                    record.remove(&name);
                } else {
                    record.insert(name, value);
                }
            }
        }
        check_required(entity, &record)?;
        self.check_values(entity, &record)?;
        billing::validate(self, entity, Some((id, &existing)), &mut record)?;
        match input.udfs {
            Some(udfs) => apply_udfs(&mut record, udfs, replace),
            None if replace => apply_udfs(&mut record, vec![], true),
            None => {}
        }
        touch(entity, &mut record);
        self.table_mut(entity.name).insert(id, record);
        billing::after_write(self, entity, id)?;
        Ok(id)
    }

    pub fn delete(
        &mut self,
        entity: &'static Entity,
        id: i64,
        parent: Option<(&'static str, i64)>,
    ) -> ApiResult<i64> {
        let owned = self.get(entity.name, id).is_some_and(|r| match parent {
            Some((field, pid)) => r.get(field).and_then(Value::as_i64) == Some(pid),
            None => true,
        });
        if !owned {
            return Err(ApiError::rule(
                "No matching records found. The logged in Resource may not have the required permissions to delete the data.",
            ));
        }
        billing::before_delete(self, entity, id)?;
        self.table_mut(entity.name).remove(&id);
        Ok(id)
    }

    /// Picklist membership and references to other records.
    fn check_values(&self, entity: &Entity, record: &Record) -> ApiResult<()> {
        for (name, value) in record {
            let Some(n) = value.as_i64() else { continue };
            if let Some(picks) = schema::picklist(entity.name, name) {
                if !picks.iter().any(|(v, _, _)| *v == n) {
                    return Err(ApiError::rule(format!(
                        "Value {n} is not a valid picklist value for {}.{name}.",
                        entity.name
                    )));
                }
            }
            if let Some((_, target)) = entity.references.iter().find(|(f, _)| f == name) {
                let table = match *target {
                    "Company" => "Companies",
                    "Contact" => "Contacts",
                    "Contract" => "Contracts",
                    "Service" => "Services",
                    "ContractService" => "ContractServices",
                    "BillingCode" => "BillingCodes",
                    "Resource" => "Resources",
                    _ => continue,
                };
                if self.get(table, n).is_none() {
                    return Err(ApiError::rule(format!(
                        "{}.{name}: no {target} with id {n} exists.",
                        entity.name
                    )));
                }
            }
        }
        Ok(())
    }
}

fn check_parent(entity: &Entity, record: &Record, field: &str, pid: i64) -> ApiResult<()> {
    // Whether the body may name a different parent than the path is undocumented (§13 q16);
    // the simulator refuses the contradiction rather than guessing which one wins.
    match record.get(field).and_then(Value::as_i64) {
        Some(other) if other != pid => Err(ApiError::rule(format!(
            "{}.{field} in the body ({other}) does not match the parent id in the URL ({pid}).",
            entity.name
        ))),
        _ => Ok(()),
    }
}

fn check_required(entity: &Entity, record: &Record) -> ApiResult<()> {
    let missing: Vec<&str> = entity
        .required
        .iter()
        .copied()
        .filter(|f| record.get(*f).is_none_or(Value::is_null))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(ApiError::rule(format!(
            "Missing required field(s) on {}: {}.",
            entity.name,
            missing.join(", ")
        )))
    }
}

fn touch(entity: &Entity, record: &mut Record) {
    for field in [
        "lastModifiedDate",
        "lastActivityDate",
        "lastTrackedModifiedDateTime",
    ] {
        if entity.fields.iter().any(|(f, _)| *f == field) {
            record.insert(field.into(), datetime_value(Utc::now()));
        }
    }
}

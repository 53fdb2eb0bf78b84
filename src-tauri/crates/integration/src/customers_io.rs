//! Customers and their endpoint counts: from the partner's Zorus account, a CSV file, or typed in.
//! Nothing local is deleted by a refresh: a customer gone from Zorus is marked, its integration kept.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use store::repo::audit::{self, NewAuditEntry};
use store::repo::customers::{self, Counts, Customer, NewCustomer, Source};
use store::repo::settings::{self, CountingRule};
use store::TransactionTrait;
use vault::{Secret, SecretKey};

use crate::app::App;
use crate::create::{apply, plan, AddInput, ContractChoice};
use crate::error::{Error, Result};

fn zorus_rule(rule: CountingRule) -> zorus::CountingRule {
    match rule {
        CountingRule::DeployedEndpoints => zorus::CountingRule::DeployedEndpoints,
        CountingRule::FilteringEnabled => zorus::CountingRule::FilteringEnabled,
        CountingRule::SeenInLastDays(n) => zorus::CountingRule::seen_in_last_days(n)
            .unwrap_or(zorus::CountingRule::DeployedEndpoints),
    }
}

fn zorus_error(e: zorus::Error) -> Error {
    Error::Zorus {
        code: e.code(),
        message: e.to_string(),
    }
}

fn make_zorus_client(app: &App, key: &Secret) -> Result<zorus::Client> {
    let settings = app.client_settings();
    let config = zorus::ClientConfig::new(zorus::ApiKey::new(key.expose()))
        .with_base_url(&settings.zorus_base_url)
        .map_err(zorus_error)?;
    zorus::Client::new(config).map_err(zorus_error)
}

/// Checks a Zorus API key with one small request, then keeps it in the vault.
pub async fn save_zorus_key(app: &App, key: Secret) -> Result<()> {
    if key.is_empty() {
        return Err(Error::Invalid("Enter the Zorus API key.".into()));
    }
    make_zorus_client(app, &key)?
        .probe()
        .await
        .map_err(zorus_error)?;
    let vault = Arc::clone(&app.vault);
    tokio::task::spawn_blocking(move || vault.set(&SecretKey::ZorusApiKey, &key))
        .await
        .map_err(|_| Error::Invalid("The credential store did not answer.".into()))??;
    audit::record(
        app.store.connection(),
        NewAuditEntry {
            action: "connect",
            object: "Zorus",
            object_ids: None,
            summary: "Zorus API key saved".into(),
            outcome: "ok",
        },
        app.clock.now(),
    )
    .await?;
    Ok(())
}

pub async fn forget_zorus_key(app: &App) -> Result<()> {
    let vault = Arc::clone(&app.vault);
    tokio::task::spawn_blocking(move || vault.delete(&SecretKey::ZorusApiKey))
        .await
        .map_err(|_| Error::Invalid("The credential store did not answer.".into()))??;
    Ok(())
}

pub async fn has_zorus_key(app: &App) -> Result<bool> {
    let vault = Arc::clone(&app.vault);
    Ok(
        tokio::task::spawn_blocking(move || vault.get(&SecretKey::ZorusApiKey))
            .await
            .map_err(|_| Error::Invalid("The credential store did not answer.".into()))??
            .is_some(),
    )
}

async fn zorus_client(app: &App) -> Result<zorus::Client> {
    let vault = Arc::clone(&app.vault);
    let key = tokio::task::spawn_blocking(move || vault.get(&SecretKey::ZorusApiKey))
        .await
        .map_err(|_| Error::Invalid("The credential store did not answer.".into()))??
        .ok_or(Error::NoZorusKey)?;
    make_zorus_client(app, &key)
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ZorusSyncReport {
    pub added: usize,
    pub renamed: usize,
    pub disabled: usize,
    pub re_enabled: usize,
    pub vanished: usize,
    pub returned: usize,
    pub counts_updated: usize,
    /// Set when every linked customer would vanish at once: taken as a glitch, not applied.
    pub vanishing_held_back: bool,
    pub requests: u64,
}

/// Reads the partner's Zorus customers with their counts and brings the local list up to date in
/// one transaction: a failed fetch changes nothing.
pub async fn refresh_from_zorus(app: &App) -> Result<ZorusSyncReport> {
    let client = zorus_client(app).await?;
    let db = app.store.connection();
    let rule = settings::load(db).await?.counting_rule;
    let now = app.clock.now();
    let counted = client
        .count_customers(zorus_rule(rule), now)
        .await
        .map_err(zorus_error)?;
    let local = customers::list(db).await?;
    let locals: Vec<zorus::reconcile::LocalCustomer> = local
        .iter()
        .filter(|c| c.source == Source::Zorus)
        .map(|c| zorus::reconcile::LocalCustomer {
            id: c.id,
            zorus_uuid: c.zorus_uuid.clone(),
            name: c.name.clone(),
            enabled: c.enabled,
            vanished: c.vanished_at.is_some(),
        })
        .collect();
    let remote: Vec<zorus::Customer> = counted.iter().map(|c| c.customer.clone()).collect();
    let sync = zorus::reconcile::plan(&locals, &remote);
    let mut report = ZorusSyncReport {
        vanishing_held_back: sync.vanishes_everything,
        ..ZorusSyncReport::default()
    };
    let counts_of = |c: &zorus::counting::CountedCustomer| Counts {
        deployed: i64::from(c.customer.deployment_info.deployed_endpoint_count),
        filtering: Some(i64::from(
            c.customer.deployment_info.filtering_enabled_count,
        )),
        cybersight: Some(i64::from(
            c.customer.deployment_info.cyber_sight_enabled_count,
        )),
        recently_seen: matches!(rule, CountingRule::SeenInLastDays(_))
            .then_some(i64::from(c.count)),
    };
    let txn = db.begin().await.map_err(store::StoreError::from)?;
    let by_uuid: HashMap<String, &zorus::counting::CountedCustomer> = counted
        .iter()
        .map(|c| (c.customer.uuid.to_ascii_lowercase(), c))
        .collect();
    for new in &sync.new {
        let c = by_uuid.get(&new.zorus_uuid.to_ascii_lowercase()).copied();
        let counts = c.map(counts_of).unwrap_or_default();
        let added = customers::insert(
            &txn,
            NewCustomer {
                zorus_uuid: Some(new.zorus_uuid.clone()),
                name: new.name.clone(),
                counts,
                counts_read_at: Some(now),
                source: Source::Zorus,
            },
            now,
        )
        .await?;
        if !new.enabled {
            customers::set_enabled(&txn, added.id, false, now).await?;
        }
        report.added += 1;
    }
    for r in &sync.renamed {
        customers::rename(&txn, r.id, &r.to, now).await?;
        report.renamed += 1;
    }
    for id in &sync.disabled {
        customers::set_enabled(&txn, *id, false, now).await?;
        report.disabled += 1;
    }
    for id in &sync.re_enabled {
        customers::set_enabled(&txn, *id, true, now).await?;
        report.re_enabled += 1;
    }
    if !sync.vanishes_everything {
        for id in &sync.vanished {
            customers::set_vanished(&txn, *id, Some(now), now).await?;
            report.vanished += 1;
        }
    }
    for id in &sync.returned {
        customers::set_vanished(&txn, *id, None, now).await?;
        report.returned += 1;
    }
    for c in &local {
        let Some(uuid) = &c.zorus_uuid else { continue };
        if let Some(remote) = by_uuid.get(&uuid.to_ascii_lowercase()) {
            customers::update_counts(&txn, c.id, counts_of(remote), now).await?;
            report.counts_updated += 1;
        }
    }
    txn.commit().await.map_err(store::StoreError::from)?;
    report.requests = client.requests_made();
    audit::record(
        db,
        NewAuditEntry {
            action: "refresh",
            object: "Zorus",
            object_ids: None,
            summary: format!(
                "{} new, {} renamed, {} vanished, {} counts",
                report.added, report.renamed, report.vanished, report.counts_updated
            ),
            outcome: if report.vanishing_held_back {
                "held back"
            } else {
                "ok"
            },
        },
        now,
    )
    .await?;
    Ok(report)
}

#[derive(Debug, Clone, Serialize)]
pub struct CsvReport {
    pub added: usize,
    pub updated: usize,
    /// (line number, what is wrong); the good lines were kept.
    pub problems: Vec<(u64, String)>,
}

/// Imports customers from a CSV file (name and endpoints, with a header). A name already in the
/// list from a CSV or typed in gets its count updated; one that came from Zorus is left alone and
/// reported.
pub async fn import_csv(app: &App, bytes: &[u8]) -> Result<CsvReport> {
    let parsed = zorus::csv_import::import(bytes)
        .map_err(|e| Error::Invalid(format!("The file could not be read as CSV: {e}")))?;
    let db = app.store.connection();
    let now = app.clock.now();
    let existing: HashMap<String, Customer> = customers::list(db)
        .await?
        .into_iter()
        .map(|c| (c.name.to_lowercase(), c))
        .collect();
    let mut report = CsvReport {
        added: 0,
        updated: 0,
        problems: parsed
            .problems
            .iter()
            .map(|p| (p.line, p.problem.to_string()))
            .collect(),
    };
    let txn = db.begin().await.map_err(store::StoreError::from)?;
    for c in &parsed.customers {
        let counts = Counts {
            deployed: i64::from(c.endpoints),
            ..Counts::default()
        };
        match existing.get(&c.name.to_lowercase()) {
            Some(found) if found.source == Source::Zorus => report.problems.push((
                c.line,
                format!("{} comes from Zorus; its count is read from there.", c.name),
            )),
            Some(found) => {
                customers::update_counts(&txn, found.id, counts, now).await?;
                report.updated += 1;
            }
            None => {
                customers::insert(
                    &txn,
                    NewCustomer {
                        zorus_uuid: None,
                        name: c.name.clone(),
                        counts,
                        counts_read_at: Some(now),
                        source: Source::Csv,
                    },
                    now,
                )
                .await?;
                report.added += 1;
            }
        }
    }
    txn.commit().await.map_err(store::StoreError::from)?;
    report.problems.sort_by_key(|p| p.0);
    audit::record(
        db,
        NewAuditEntry {
            action: "import",
            object: "Customers",
            object_ids: None,
            summary: format!(
                "CSV: {} added, {} updated, {} lines refused",
                report.added,
                report.updated,
                report.problems.len()
            ),
            outcome: "ok",
        },
        now,
    )
    .await?;
    Ok(report)
}

/// A customer typed in by hand.
pub async fn add_manual(app: &App, name: &str, endpoints: &str) -> Result<Customer> {
    let (name, endpoints) = zorus::csv_import::check_entry(name, endpoints)
        .map_err(|p| Error::Invalid(p.to_string()))?;
    let db = app.store.connection();
    if customers::list(db)
        .await?
        .iter()
        .any(|c| c.name.eq_ignore_ascii_case(&name))
    {
        return Err(Error::Conflict(format!(
            "A customer named {name} already exists."
        )));
    }
    let now = app.clock.now();
    Ok(customers::insert(
        db,
        NewCustomer {
            zorus_uuid: None,
            name,
            counts: Counts {
                deployed: i64::from(endpoints),
                ..Counts::default()
            },
            counts_read_at: Some(now),
            source: Source::Manual,
        },
        now,
    )
    .await?)
}

/// What the Customers page's "New Customer" with "Associate with Autotask" needs.
#[derive(Debug, Clone)]
pub struct NewAssociatedCustomer {
    pub name: String,
    pub endpoints: String,
    pub company_id: i64,
    pub contact_id: Option<i64>,
    pub contract: ContractChoice,
    pub price_per_seat: String,
    pub cost_per_seat: Option<String>,
}

/// Creates a customer and its integration in one step (the portal's "upon creation" path). If the
/// association does not validate, the customer is not kept either, so the form can be sent again.
pub async fn create_customer_with_integration(
    app: &App,
    input: NewAssociatedCustomer,
) -> Result<(Customer, store::repo::integrations::Integration)> {
    let customer = add_manual(app, &input.name, &input.endpoints).await?;
    let add = AddInput {
        customer_id: customer.id,
        company_id: input.company_id,
        contact_id: input.contact_id,
        contract: input.contract,
        price_per_seat: input.price_per_seat,
        cost_per_seat: input.cost_per_seat,
    };
    let planned = match plan(app, &add).await {
        Ok(p) => p,
        Err(e) => {
            customers::delete_unlinked(app.store.connection(), customer.id).await?;
            return Err(e);
        }
    };
    let integration = apply(app, &planned).await?;
    Ok((customer, integration))
}

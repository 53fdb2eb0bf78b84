//! Changing the price per seat, unlinking an integration, exporting CSV, and the audit log.

use autotask::ChildRoute;
use rust_decimal::Decimal;
use serde_json::json;
use store::repo::audit::{self, AuditEntry, NewAuditEntry};
use store::repo::integrations::{self, Integration};

use crate::app::App;
use crate::error::{Error, Result};
use crate::inputs::parse_amount;

/// Sets a new price per seat: adjustedPrice on the contract service (the one price Autotask lets
/// us change), then the mapping.
pub async fn change_price(app: &App, integration_id: i64, price: &str) -> Result<Integration> {
    let price: Decimal = parse_amount(price, "The price per seat")?;
    let db = app.store.connection();
    let it = integrations::get(db, integration_id)
        .await?
        .ok_or_else(|| Error::NotFound("That integration no longer exists.".into()))?;
    let (Some(contract_id), Some(cs)) = (it.contract_id, it.contract_service_id) else {
        return Err(Error::Invalid(
            "Finish creating this integration before changing its price.".into(),
        ));
    };
    let client = app.client().await?;
    client
        .patch_child(
            ChildRoute::ContractServices,
            contract_id,
            &json!({"id": cs, "adjustedPrice": price}),
        )
        .await?;
    let now = app.clock.now();
    audit::record(
        db,
        NewAuditEntry {
            action: "price",
            object: "Autotask",
            object_ids: Some(cs.to_string()),
            summary: format!(
                "PATCH Contracts/{contract_id}/Services adjustedPrice {} -> {price}",
                it.price_per_seat
            ),
            outcome: "ok",
        },
        now,
    )
    .await?;
    Ok(integrations::set_prices(db, it.id, price, it.cost_per_seat, now).await?)
}

/// Removes the mapping. Nothing is deleted in Autotask; with `zero_units` the contract service's
/// units are first set to 0 from today.
pub async fn unlink(app: &App, integration_id: i64, zero_units: bool) -> Result<()> {
    let db = app.store.connection();
    let it = integrations::get(db, integration_id)
        .await?
        .ok_or_else(|| Error::NotFound("That integration no longer exists.".into()))?;
    if zero_units {
        if let (Some(contract_id), Some(cs)) = (it.contract_id, it.contract_service_id) {
            let client = app.client().await?;
            let today = app.clock.today();
            let current = crate::create::units_on(&client, cs, today).await?;
            if current != 0 {
                let body = json!({"contractID": contract_id, "contractServiceID": cs, "effectiveDate": autotask::date_only(today), "unitChange": -current});
                client
                    .create_child(ChildRoute::ContractServiceAdjustments, contract_id, &body)
                    .await?;
                audit::record(
                    db,
                    NewAuditEntry {
                        action: "adjustment",
                        object: "Autotask",
                        object_ids: Some(cs.to_string()),
                        summary: format!("unitChange {} to 0 on unlink", -current),
                        outcome: "ok",
                    },
                    app.clock.now(),
                )
                .await?;
            }
        }
    }
    integrations::delete(db, it.id).await?;
    audit::record(
        db,
        NewAuditEntry {
            action: "unlink",
            object: "Integration",
            object_ids: Some(it.id.to_string()),
            summary: format!(
                "Unlinked {} (contract {:?} kept in Autotask)",
                it.company_name, it.contract_id
            ),
            outcome: "ok",
        },
        app.clock.now(),
    )
    .await?;
    Ok(())
}

fn csv_field(s: &str) -> String {
    // Excel runs cells starting with these as formulas: prefix them so an export cannot.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The integrations as CSV, one row each, money as exact decimals.
pub async fn export_integrations_csv(app: &App) -> Result<String> {
    let rows = integrations::list_with_customers(app.store.connection()).await?;
    let mut out = String::from("customer,account,contact,contract,contract_id,contract_service_id,endpoints,seats,price_per_seat,cost_per_seat,monthly_margin,status,seats_read_at\n");
    for r in rows {
        let i = &r.integration;
        let seats = i.seats.unwrap_or(0);
        let margin = (i.price_per_seat - i.cost_per_seat) * Decimal::from(seats);
        let cells = [
            csv_field(&r.customer.name),
            csv_field(&i.company_name),
            csv_field(i.contact_name.as_deref().unwrap_or("")),
            csv_field(i.contract_name.as_deref().unwrap_or("")),
            i.contract_id.map(|v| v.to_string()).unwrap_or_default(),
            i.contract_service_id
                .map(|v| v.to_string())
                .unwrap_or_default(),
            r.customer.counts.deployed.to_string(),
            i.seats.map(|v| v.to_string()).unwrap_or_default(),
            i.price_per_seat.to_string(),
            i.cost_per_seat.to_string(),
            margin.to_string(),
            format!("{:?}", i.status).to_lowercase(),
            i.seats_read_at
                .map(store::time::to_text)
                .unwrap_or_default(),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    Ok(out)
}

pub async fn audit_log(app: &App, limit: u64) -> Result<Vec<AuditEntry>> {
    Ok(audit::recent(app.store.connection(), limit).await?)
}

/// The reconcile report as CSV: one row per integration with its planned change.
pub async fn export_reconcile_csv(
    app: &App,
    lines: &[crate::reconcile::PlanLine],
) -> Result<String> {
    use crate::reconcile::PlanLine;
    let rows = integrations::list_with_customers(app.store.connection()).await?;
    let names: std::collections::HashMap<i64, (String, String)> = rows
        .into_iter()
        .map(|r| {
            (
                r.integration.id,
                (r.customer.name, r.integration.company_name),
            )
        })
        .collect();
    let mut out = String::from(
        "customer,account,endpoints,seats,difference,planned_change,effective_date,note\n",
    );
    for line in lines {
        let (customer, account) = names
            .get(&line.integration_id())
            .cloned()
            .unwrap_or_default();
        let cells = match line {
            PlanLine::Change {
                endpoints,
                seats,
                unit_change,
                effective,
                ..
            } => [
                endpoints.to_string(),
                seats.to_string(),
                unit_change.to_string(),
                format!("{unit_change:+}"),
                effective.to_string(),
                String::new(),
            ],
            PlanLine::InSync { seats, .. } => [
                seats.to_string(),
                seats.to_string(),
                "0".into(),
                String::new(),
                String::new(),
                "in sync".into(),
            ],
            PlanLine::Skipped { reason, .. } => [
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                reason.clone(),
            ],
        };
        let mut row = vec![csv_field(&customer), csv_field(&account)];
        row.extend(cells.iter().map(|c| csv_field(c)));
        out.push_str(&row.join(","));
        out.push('\n');
    }
    Ok(out)
}

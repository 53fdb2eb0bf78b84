//! Applying the reconcile lines the partner selected: units re-read first (a line planned on old
//! numbers is recomputed), one adjustment per contract service and day, then units read back to
//! verify. Each line gets its own result.

use std::collections::HashMap;

use autotask::ChildRoute;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;
use store::repo::audit::{self, NewAuditEntry};
use store::repo::integrations;
use store::repo::journal::{self, NewOperation, OpState};

use crate::app::App;
use crate::error::Result;
use crate::reconcile::PlanLine;
use crate::seats::units_on_day;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum LineResult {
    /// Sent and read back: the units are now `units`.
    Applied { integration_id: i64, units: i64 },
    /// Already at the wanted units when re-read: nothing sent.
    AlreadyInSync { integration_id: i64, units: i64 },
    /// Sent, but the units read back differ (or could not be read).
    Unverified {
        integration_id: i64,
        message: String,
    },
    Failed {
        integration_id: i64,
        message: String,
    },
}

struct Line {
    integration_id: i64,
    contract_service_id: i64,
    endpoints: i64,
    effective: NaiveDate,
}

pub async fn apply_lines(app: &App, selected: &[PlanLine]) -> Result<Vec<LineResult>> {
    let client = app.client().await?;
    let db = app.store.connection();
    let lines: Vec<Line> = selected
        .iter()
        .filter_map(|l| match l {
            PlanLine::Change {
                integration_id,
                contract_service_id,
                endpoints,
                effective,
                ..
            } => Some(Line {
                integration_id: *integration_id,
                contract_service_id: *contract_service_id,
                endpoints: *endpoints,
                effective: *effective,
            }),
            _ => None,
        })
        .collect();
    let mut by_day: HashMap<NaiveDate, Vec<&Line>> = HashMap::new();
    for l in &lines {
        by_day.entry(l.effective).or_default().push(l);
    }
    let mut results = Vec::new();
    for (day, group) in by_day {
        let cs_ids: Vec<i64> = group.iter().map(|l| l.contract_service_id).collect();
        let before = match units_on_day(&client, &cs_ids, day).await {
            Ok(u) => u,
            Err(e) => {
                results.extend(group.iter().map(|l| LineResult::Failed {
                    integration_id: l.integration_id,
                    message: e.to_string(),
                }));
                continue;
            }
        };
        let mut sent = Vec::new();
        for l in &group {
            let current = before.get(&l.contract_service_id).copied().unwrap_or(0);
            if current == l.endpoints {
                results.push(LineResult::AlreadyInSync {
                    integration_id: l.integration_id,
                    units: current,
                });
                continue;
            }
            let Some(it) = integrations::get(db, l.integration_id).await? else {
                continue;
            };
            let contract_id = it.contract_id.unwrap_or_default();
            let change = l.endpoints - current;
            let summary = format!("POST Contracts/{contract_id}/ServiceAdjustments contract service {} unitChange {change} from {day}", l.contract_service_id);
            let op = journal::begin(
                db,
                NewOperation {
                    integration_id: Some(it.id),
                    intent: "reconcile",
                    marker: &it.marker,
                    step: "adjustment",
                    request_summary: Some(summary.clone()),
                },
                app.clock.now(),
            )
            .await?;
            let body = json!({"contractID": contract_id, "contractServiceID": l.contract_service_id, "effectiveDate": autotask::date_only(day), "unitChange": change});
            let outcome = client
                .create_child(ChildRoute::ContractServiceAdjustments, contract_id, &body)
                .await;
            let (state, text) = match &outcome {
                Ok(_) => (OpState::Done, "ok"),
                Err(autotask::Error::UnknownOutcome { .. }) => (OpState::Unknown, "unknown"),
                Err(_) => (OpState::Failed, "failed"),
            };
            // Whatever happened, the read-back below settles it; the journal keeps the attempt.
            journal::finish(
                db,
                op.id,
                if state == OpState::Unknown {
                    OpState::Done
                } else {
                    state
                },
                outcome.as_ref().ok().copied(),
                outcome.as_ref().err().map(|e| e.to_string()),
                app.clock.now(),
            )
            .await?;
            audit::record(
                db,
                NewAuditEntry {
                    action: "adjustment",
                    object: "Autotask",
                    object_ids: Some(l.contract_service_id.to_string()),
                    summary,
                    outcome: text,
                },
                app.clock.now(),
            )
            .await?;
            match outcome {
                Err(e) if state == OpState::Failed => results.push(LineResult::Failed {
                    integration_id: l.integration_id,
                    message: crate::Error::from(e).to_string(),
                }),
                _ => sent.push(l),
            }
        }
        if sent.is_empty() {
            continue;
        }
        let ids: Vec<i64> = sent.iter().map(|l| l.contract_service_id).collect();
        match units_on_day(&client, &ids, day).await {
            Ok(after) => {
                for l in sent {
                    let units = after.get(&l.contract_service_id).copied().unwrap_or(0);
                    if units == l.endpoints {
                        if day <= app.clock.today() {
                            integrations::set_seats(db, l.integration_id, units, app.clock.now())
                                .await?;
                        }
                        results.push(LineResult::Applied {
                            integration_id: l.integration_id,
                            units,
                        });
                    } else {
                        results.push(LineResult::Unverified { integration_id: l.integration_id, message: format!("Autotask shows {units} units after the change, not {}. Refresh the seats and look again before retrying.", l.endpoints) });
                    }
                }
            }
            Err(e) => results.extend(sent.iter().map(|l| LineResult::Unverified {
                integration_id: l.integration_id,
                message: format!("The units could not be read back: {e}"),
            })),
        }
    }
    results.sort_by_key(|r| match r {
        LineResult::Applied { integration_id, .. }
        | LineResult::AlreadyInSync { integration_id, .. }
        | LineResult::Unverified { integration_id, .. }
        | LineResult::Failed { integration_id, .. } => *integration_id,
    });
    Ok(results)
}

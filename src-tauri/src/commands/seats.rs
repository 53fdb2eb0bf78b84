//! The Seats page: endpoints against the units in Autotask, the planned change per integration,
//! and applying the lines the partner ticked, with progress and a result per line.

use integration::adjust::{self, LineResult};
use integration::reconcile::{self, PlanLine};
use integration::seats;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::commands::integrations::write_export;
use crate::commands::{emit_progress, Progress};
use crate::ipc_error::CmdResult;
use crate::state::AppState;

#[derive(Debug, Serialize)]
pub struct SeatLine {
    pub integration_id: i64,
    pub customer: String,
    pub account: String,
    /// `in_sync`, `change` or `skipped`.
    pub kind: &'static str,
    pub endpoints: Option<i64>,
    pub seats: Option<i64>,
    pub difference: Option<i64>,
    pub effective: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SeatsPage {
    pub lines: Vec<SeatLine>,
    pub problems: Vec<String>,
    pub requests: u64,
}

#[tauri::command]
pub async fn seats_refresh(state: State<'_, AppState>) -> CmdResult<SeatsPage> {
    let app = state.app();
    let result = seats::refresh_seats(&app).await;
    state.note(&result);
    let report = result?;
    let db = app.store.connection();
    let settings = store::repo::settings::load(db).await?;
    let plan = reconcile::plan(
        &report.states,
        settings.increase_effective,
        settings.decrease_effective,
        app.clock.today(),
    );
    let rows = store::repo::integrations::list_with_customers(db).await?;
    let name = |id: i64| {
        rows.iter()
            .find(|r| r.integration.id == id)
            .map(|r| (r.customer.name.clone(), r.integration.company_name.clone()))
            .unwrap_or_default()
    };
    let lines = plan
        .iter()
        .map(|l| {
            let (customer, account) = name(l.integration_id());
            let state = report
                .states
                .iter()
                .find(|s| s.integration_id == l.integration_id());
            let endpoints = state.and_then(|s| s.endpoints);
            let seats = state.and_then(|s| s.seats);
            let (kind, effective, reason) = match l {
                PlanLine::InSync { .. } => ("in_sync", None, None),
                PlanLine::Change { effective, .. } => ("change", Some(effective.to_string()), None),
                PlanLine::Skipped { reason, .. } => ("skipped", None, Some(reason.clone())),
            };
            SeatLine {
                integration_id: l.integration_id(),
                customer,
                account,
                kind,
                difference: endpoints.zip(seats).map(|(e, s)| e - s),
                endpoints,
                seats,
                effective,
                reason,
            }
        })
        .collect();
    *state
        .seat_plan_shown
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = plan.clone();
    *state.seat_plan.lock().unwrap_or_else(|e| e.into_inner()) = plan;
    Ok(SeatsPage {
        lines,
        problems: report.problems.into_iter().map(|(_, p)| p).collect(),
        requests: report.requests,
    })
}

#[derive(Debug, Serialize)]
pub struct LineOutcome {
    pub integration_id: i64,
    /// `applied`, `already_in_sync`, `unverified` or `failed`.
    pub result: &'static str,
    pub units: Option<i64>,
    pub message: Option<String>,
}

fn outcome(r: LineResult) -> LineOutcome {
    match r {
        LineResult::Applied {
            integration_id,
            units,
        } => LineOutcome {
            integration_id,
            result: "applied",
            units: Some(units),
            message: None,
        },
        LineResult::AlreadyInSync {
            integration_id,
            units,
        } => LineOutcome {
            integration_id,
            result: "already_in_sync",
            units: Some(units),
            message: None,
        },
        LineResult::Unverified {
            integration_id,
            message,
        } => LineOutcome {
            integration_id,
            result: "unverified",
            units: None,
            message: Some(message),
        },
        LineResult::Failed {
            integration_id,
            message,
        } => LineOutcome {
            integration_id,
            result: "failed",
            units: None,
            message: Some(message),
        },
    }
}

/// Lines go in groups: each group is one re-read, its adjustments and one read-back, so a group
/// keeps the request count low while still reporting progress as it goes.
const GROUP: usize = 10;

/// Applies the ticked lines of the plan last shown; lines not in it are ignored.
#[tauri::command]
pub async fn seats_apply(
    handle: AppHandle,
    state: State<'_, AppState>,
    integration_ids: Vec<i64>,
) -> CmdResult<Vec<LineOutcome>> {
    let selected: Vec<PlanLine> = state
        .seat_plan
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|l| {
            matches!(l, PlanLine::Change { .. }) && integration_ids.contains(&l.integration_id())
        })
        .cloned()
        .collect();
    let app = state.app();
    let total = selected.len();
    let mut out = Vec::new();
    for (i, group) in selected.chunks(GROUP).enumerate() {
        emit_progress(
            &handle,
            Progress {
                task: "seats",
                step: format!(
                    "Adjusting {} of {total}",
                    (i * GROUP + group.len()).min(total)
                ),
                done: i * GROUP,
                total,
                state: "running",
            },
        );
        let result = adjust::apply_lines(&app, group).await;
        state.note(&result);
        out.extend(result?.into_iter().map(outcome));
    }
    emit_progress(
        &handle,
        Progress {
            task: "seats",
            step: String::new(),
            done: total,
            total,
            state: "done",
        },
    );
    // Applied lines are settled: a second Apply of the same plan would send them again.
    state
        .seat_plan
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|l| {
            !out.iter()
                .any(|o| o.integration_id == l.integration_id() && o.result != "failed")
        });
    Ok(out)
}

/// The reconcile table last shown, as CSV in the Downloads folder.
#[tauri::command]
pub async fn seats_export_csv(state: State<'_, AppState>) -> CmdResult<String> {
    let lines = state
        .seat_plan_shown
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let text = integration::manage::export_reconcile_csv(&state.app(), &lines).await?;
    write_export("seats", &text)
}

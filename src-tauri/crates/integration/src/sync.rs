//! The headless run behind `zorus-autotask sync`: finish interrupted creations, refresh the
//! customers' endpoints (from Zorus when a key is saved) and the seats, plan the reconcile, and with
//! `apply` send the changes. Partners schedule it with Task Scheduler, cron or launchd.

use std::fmt::Write as _;

use serde::Serialize;
use store::repo::settings;

use crate::adjust::{apply_lines, LineResult};
use crate::app::App;
use crate::create::resume_unfinished;
use crate::customers_io::{has_zorus_key, refresh_from_zorus, ZorusSyncReport};
use crate::error::Result;
use crate::reconcile::{plan, PlanLine};
use crate::seats::refresh_seats;

#[derive(Debug, Clone, Serialize)]
pub struct SyncReport {
    pub resumed: usize,
    pub resume_failures: Vec<(i64, String)>,
    pub zorus: Option<ZorusSyncReport>,
    pub seat_problems: Vec<(i64, String)>,
    pub plan: Vec<PlanLine>,
    pub results: Vec<LineResult>,
    /// Anything that did not work: a resume, a Zorus refresh, a line that failed or did not verify.
    pub failures: usize,
    pub zorus_error: Option<String>,
}

pub async fn run(app: &App, apply: bool) -> Result<SyncReport> {
    let resumed = resume_unfinished(app).await?;
    let resume_failures: Vec<(i64, String)> = resumed
        .iter()
        .filter_map(|(id, r)| r.as_ref().err().map(|e| (*id, e.to_string())))
        .collect();
    let (zorus, zorus_error) = if has_zorus_key(app).await? {
        match refresh_from_zorus(app).await {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(e.to_string())),
        }
    } else {
        (None, None)
    };
    let seats = refresh_seats(app).await?;
    let s = settings::load(app.store.connection()).await?;
    let lines = plan(
        &seats.states,
        s.increase_effective,
        s.decrease_effective,
        app.clock.today(),
    );
    let results = if apply {
        let changes: Vec<PlanLine> = lines
            .iter()
            .filter(|l| matches!(l, PlanLine::Change { .. }))
            .cloned()
            .collect();
        apply_lines(app, &changes).await?
    } else {
        Vec::new()
    };
    let failed_lines = results
        .iter()
        .filter(|r| matches!(r, LineResult::Failed { .. } | LineResult::Unverified { .. }))
        .count();
    let failures = resume_failures.len() + usize::from(zorus_error.is_some()) + failed_lines;
    Ok(SyncReport {
        resumed: resumed.len(),
        resume_failures,
        zorus,
        seat_problems: seats.problems,
        plan: lines,
        results,
        failures,
        zorus_error,
    })
}

/// The report as the terminal shows it.
pub fn render(report: &SyncReport, applied: bool) -> String {
    let mut out = String::new();
    if report.resumed > 0 {
        let _ = writeln!(
            out,
            "Finished {} interrupted integration(s); {} failed.",
            report.resumed,
            report.resume_failures.len()
        );
    }
    for (id, e) in &report.resume_failures {
        let _ = writeln!(out, "  integration {id}: {e}");
    }
    match (&report.zorus, &report.zorus_error) {
        (Some(z), _) => {
            let _ = writeln!(
                out,
                "Zorus: {} new, {} renamed, {} vanished, {} counts updated.",
                z.added, z.renamed, z.vanished, z.counts_updated
            );
        }
        (None, Some(e)) => {
            let _ = writeln!(out, "Zorus refresh failed: {e}");
        }
        (None, None) => {
            let _ = writeln!(
                out,
                "Zorus: no API key saved; using the saved endpoint counts."
            );
        }
    }
    for (id, p) in &report.seat_problems {
        let _ = writeln!(out, "Integration {id}: {p}");
    }
    let changes = report
        .plan
        .iter()
        .filter(|l| matches!(l, PlanLine::Change { .. }))
        .count();
    let _ = writeln!(
        out,
        "Reconcile: {} integration(s), {changes} change(s).",
        report.plan.len()
    );
    for line in &report.plan {
        match line {
            PlanLine::Change {
                integration_id,
                seats,
                endpoints,
                unit_change,
                effective,
                ..
            } => {
                let _ = writeln!(out, "  integration {integration_id}: {seats} -> {endpoints} seats ({unit_change:+}) from {effective}");
            }
            PlanLine::Skipped {
                integration_id,
                reason,
            } => {
                let _ = writeln!(out, "  integration {integration_id}: skipped: {reason}");
            }
            PlanLine::InSync { .. } => {}
        }
    }
    if applied {
        for r in &report.results {
            let _ = writeln!(out, "  {}", serde_json::to_string(r).unwrap_or_default());
        }
    } else if changes > 0 {
        let _ = writeln!(
            out,
            "Nothing was sent. Run with --apply to apply these changes."
        );
    }
    out
}

//! Reconcile planning: endpoints against seats for each integration, as a list of proposed
//! adjustments the partner reviews. Pure: the caller gathers the numbers and applies the lines the
//! partner selects.

use chrono::NaiveDate;
use serde::Serialize;
use store::repo::settings::EffectiveDatePolicy;

use crate::dates::{clamp, effective_date, Clamped};

/// What is known about one integration when planning.
#[derive(Debug, Clone)]
pub struct SeatState {
    pub integration_id: i64,
    pub contract_service_id: Option<i64>,
    /// Endpoints under the partner's counting rule; None when never read.
    pub endpoints: Option<i64>,
    /// Units on the contract service today; None when they could not be read.
    pub seats: Option<i64>,
    pub contract_window: Option<(NaiveDate, NaiveDate)>,
    /// Why the integration cannot be adjusted (broken, customer disabled or vanished, ...).
    pub blocked: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanLine {
    InSync {
        integration_id: i64,
        seats: i64,
    },
    Change {
        integration_id: i64,
        contract_service_id: i64,
        seats: i64,
        endpoints: i64,
        unit_change: i64,
        effective: NaiveDate,
    },
    Skipped {
        integration_id: i64,
        reason: String,
    },
}

impl PlanLine {
    pub fn integration_id(&self) -> i64 {
        match self {
            PlanLine::InSync { integration_id, .. }
            | PlanLine::Change { integration_id, .. }
            | PlanLine::Skipped { integration_id, .. } => *integration_id,
        }
    }
}

/// Plans one line per integration. Increases and decreases take effect under their own policies,
/// moved into the contract's window.
pub fn plan(
    states: &[SeatState],
    increase: EffectiveDatePolicy,
    decrease: EffectiveDatePolicy,
    today: NaiveDate,
) -> Vec<PlanLine> {
    states
        .iter()
        .map(|s| plan_one(s, increase, decrease, today))
        .collect()
}

fn plan_one(
    s: &SeatState,
    increase: EffectiveDatePolicy,
    decrease: EffectiveDatePolicy,
    today: NaiveDate,
) -> PlanLine {
    let skip = |reason: &str| PlanLine::Skipped {
        integration_id: s.integration_id,
        reason: reason.to_string(),
    };
    if let Some(reason) = &s.blocked {
        return skip(reason);
    }
    let Some(cs) = s.contract_service_id else {
        return skip("The integration has no contract service yet: finish creating it first.");
    };
    let Some(endpoints) = s.endpoints else {
        return skip("The customer's endpoints have not been read yet.");
    };
    let Some(seats) = s.seats else {
        return skip("The seats could not be read from Autotask.");
    };
    if endpoints == seats {
        return PlanLine::InSync {
            integration_id: s.integration_id,
            seats,
        };
    }
    let policy = if endpoints > seats {
        increase
    } else {
        decrease
    };
    let wanted = effective_date(policy, today);
    let Some((start, end)) = s.contract_window else {
        return skip("The contract's dates are unknown.");
    };
    match clamp(wanted, start, end) {
        Clamped::AfterEnd => skip("The contract ends before the change would take effect: renew or extend it in Autotask."),
        Clamped::On(effective) => PlanLine::Change { integration_id: s.integration_id, contract_service_id: cs, seats, endpoints, unit_change: endpoints - seats, effective },
    }
}

/// Merges changes to the same contract service on the same day into one adjustment, dropping
/// those that cancel out: Autotask takes one adjustment per call, and each costs a request.
pub fn merge_per_day(changes: &[(i64, NaiveDate, i64)]) -> Vec<(i64, NaiveDate, i64)> {
    let mut merged: Vec<(i64, NaiveDate, i64)> = Vec::new();
    for &(cs, day, delta) in changes {
        match merged.iter_mut().find(|(c, d, _)| *c == cs && *d == day) {
            Some(m) => m.2 += delta,
            None => merged.push((cs, day, delta)),
        }
    }
    merged.retain(|m| m.2 != 0);
    merged
}

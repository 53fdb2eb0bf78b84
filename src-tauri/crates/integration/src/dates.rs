//! Effective dates of seat changes, and contract dates. Autotask date-only fields are sent as
//! midnight with no offset; here they are plain dates.

use chrono::{Datelike, Months, NaiveDate};
use store::repo::settings::EffectiveDatePolicy;

pub fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

pub fn first_of_next_month(day: NaiveDate) -> NaiveDate {
    first_of_month(day) + Months::new(1)
}

/// The date a change takes effect under a policy, before clamping to the contract.
pub fn effective_date(policy: EffectiveDatePolicy, today: NaiveDate) -> NaiveDate {
    match policy {
        EffectiveDatePolicy::Today => today,
        EffectiveDatePolicy::FirstOfThisMonth => first_of_month(today),
        EffectiveDatePolicy::FirstOfNextMonth => first_of_next_month(today),
    }
}

/// Where a date falls against a contract's window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clamped {
    /// Inside the window (possibly moved to its start).
    On(NaiveDate),
    /// After the contract ends: no change can take effect.
    AfterEnd,
}

/// Moves a date into the contract's window: before the start becomes the start; after the end
/// cannot be applied.
pub fn clamp(date: NaiveDate, start: NaiveDate, end: NaiveDate) -> Clamped {
    if date > end {
        Clamped::AfterEnd
    } else {
        Clamped::On(date.max(start))
    }
}

/// A new contract's dates: from the first of this month, for one year.
pub fn new_contract_window(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = first_of_month(today);
    let end = start + Months::new(12) - chrono::Days::new(1);
    (start, end)
}

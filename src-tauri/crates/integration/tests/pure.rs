//! The pure parts: inputs, dates, markers, planning and suggestions.

use chrono::NaiveDate;
use integration::dates::{clamp, effective_date, new_contract_window, Clamped};
use integration::inputs::{parse_amount, AmountError};
use integration::marker::{is_marker, new_marker};
use integration::reconcile::{merge_per_day, plan, PlanLine, SeatState};
use integration::suggest::{best_match, similarity};
use rust_decimal::Decimal;
use store::repo::settings::EffectiveDatePolicy::{FirstOfNextMonth, FirstOfThisMonth, Today};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn amounts_are_checked_with_messages_that_say_what_to_type() {
    let ok = [
        ("4.50", "4.50"),
        (" 19.99 ", "19.99"),
        ("0", "0"),
        ("4,5", "4.5"),
        ("$3", "3"),
        ("1000000", "1000000"),
        ("0.1234", "0.1234"),
        ("12.50000", "12.50000"),
    ];
    for (input, want) in ok {
        assert_eq!(
            parse_amount(input, "The price per seat")
                .unwrap()
                .to_string(),
            want,
            "{input}"
        );
    }
    let bad = [
        (
            "abc",
            AmountError::NotANumber {
                what: "The price per seat",
            },
        ),
        (
            "",
            AmountError::NotANumber {
                what: "The price per seat",
            },
        ),
        (
            "1e3",
            AmountError::NotANumber {
                what: "The price per seat",
            },
        ),
        (
            "1,000.00",
            AmountError::NotANumber {
                what: "The price per seat",
            },
        ),
        (
            "-1",
            AmountError::Negative {
                what: "The price per seat",
            },
        ),
        (
            "0.12345",
            AmountError::TooPrecise {
                what: "The price per seat",
            },
        ),
        (
            "1000000.01",
            AmountError::TooLarge {
                what: "The price per seat",
            },
        ),
    ];
    for (input, want) in bad {
        assert_eq!(
            parse_amount(input, "The price per seat"),
            Err(want.clone()),
            "{input}"
        );
    }
    assert_eq!(
        parse_amount("-1", "The price per seat")
            .unwrap_err()
            .to_string(),
        "The price per seat cannot be negative."
    );
    assert_eq!(parse_amount("-0", "x").unwrap(), Decimal::ZERO);
}

#[test]
fn effective_dates_follow_the_policy_and_the_contract_window() {
    let today = d(2026, 12, 4);
    assert_eq!(effective_date(Today, today), today);
    assert_eq!(effective_date(FirstOfThisMonth, today), d(2026, 12, 1));
    assert_eq!(effective_date(FirstOfNextMonth, today), d(2027, 1, 1));
    assert_eq!(
        clamp(d(2026, 1, 5), d(2026, 2, 1), d(2026, 12, 31)),
        Clamped::On(d(2026, 2, 1))
    );
    assert_eq!(
        clamp(d(2027, 1, 1), d(2026, 1, 1), d(2026, 12, 31)),
        Clamped::AfterEnd
    );
    assert_eq!(
        new_contract_window(today),
        (d(2026, 12, 1), d(2027, 11, 30))
    );
}

#[test]
fn markers_are_well_formed_and_distinct() {
    let a = new_marker(1);
    let b = new_marker(1);
    assert!(is_marker(&a) && is_marker(&b), "{a} {b}");
    assert_ne!(a, b);
    assert!(a.len() <= 50, "fits contractNumber");
    assert!(!is_marker("ZA-short"));
}

#[test]
fn a_plan_has_one_line_per_integration_with_the_right_dates() {
    let window = Some((d(2026, 1, 1), d(2026, 12, 31)));
    let state = |id, endpoints, seats| SeatState {
        integration_id: id,
        contract_service_id: Some(100 + id),
        endpoints,
        seats,
        contract_window: window,
        blocked: None,
    };
    let mut states = vec![
        state(1, Some(47), Some(42)),
        state(2, Some(40), Some(42)),
        state(3, Some(42), Some(42)),
        state(4, None, Some(1)),
        state(5, Some(3), None),
    ];
    states.push(SeatState {
        blocked: Some("The contract was deleted in Autotask.".into()),
        ..state(6, Some(1), Some(2))
    });
    states.push(SeatState {
        contract_service_id: None,
        ..state(7, Some(1), Some(0))
    });
    let lines = plan(&states, Today, FirstOfNextMonth, d(2026, 12, 4));
    assert_eq!(
        lines[0],
        PlanLine::Change {
            integration_id: 1,
            contract_service_id: 101,
            seats: 42,
            endpoints: 47,
            unit_change: 5,
            effective: d(2026, 12, 4)
        }
    );
    // The decrease would start 2027-01-01, after the contract ends.
    assert!(
        matches!(&lines[1], PlanLine::Skipped { reason, .. } if reason.contains("ends before")),
        "{:?}",
        lines[1]
    );
    assert_eq!(
        lines[2],
        PlanLine::InSync {
            integration_id: 3,
            seats: 42
        }
    );
    for (i, needle) in [
        (3, "endpoints"),
        (4, "seats could not be read"),
        (5, "deleted"),
        (6, "no contract service"),
    ] {
        assert!(
            matches!(&lines[i], PlanLine::Skipped { reason, .. } if reason.contains(needle)),
            "{:?}",
            lines[i]
        );
    }
    let later = plan(
        &[state(2, Some(40), Some(42))],
        Today,
        FirstOfNextMonth,
        d(2026, 11, 10),
    );
    assert_eq!(
        later[0],
        PlanLine::Change {
            integration_id: 2,
            contract_service_id: 102,
            seats: 42,
            endpoints: 40,
            unit_change: -2,
            effective: d(2026, 12, 1)
        }
    );
}

#[test]
fn changes_merge_per_contract_service_and_day() {
    let day = d(2026, 12, 4);
    let merged = merge_per_day(&[
        (1, day, 3),
        (1, day, -1),
        (2, day, 4),
        (2, day, -4),
        (1, d(2026, 12, 5), 1),
    ]);
    assert_eq!(merged, vec![(1, day, 2), (1, d(2026, 12, 5), 1)]);
}

#[test]
fn suggestions_match_names_not_noise() {
    assert!(similarity("Acme Dental", "ACME Dental LLC") > 0.99);
    assert!(similarity("Acme", "Acme Dental Group") >= 0.6);
    assert_eq!(similarity("The Group Inc", "Acme"), 0.0);
    let companies = [
        "Blue Logistics Inc.",
        "Acme Foods",
        "Acme Dental, LLC",
        "Cedar Law",
    ];
    assert_eq!(
        best_match("Acme Dental", companies, 0.5).map(|(i, _)| i),
        Some(2)
    );
    assert_eq!(best_match("Northwind Traders", companies, 0.5), None);
    assert_eq!(
        best_match("Smith & Jones", ["Smith and Jones Ltd"], 0.5).map(|(i, _)| i),
        Some(0)
    );
}

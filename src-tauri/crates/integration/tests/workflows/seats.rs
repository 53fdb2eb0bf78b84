use integration::adjust::{apply_lines, LineResult};
use integration::create::{apply, plan, AddInput, ContractChoice};
use integration::manage::{change_price, export_integrations_csv, export_reconcile_csv, unlink};
use integration::reconcile::{plan as plan_reconcile, PlanLine};
use integration::seats::refresh_seats;
use store::repo::customers::{self, Counts};
use store::repo::integrations::{self, Integration, Status};
use store::repo::settings::EffectiveDatePolicy;

use crate::{today, World};

async fn integrated(w: &World, name: &str, endpoints: i64) -> Integration {
    let (company, contact) = w.company_with_contact();
    let c = w.customer(name, endpoints).await;
    let input = AddInput {
        customer_id: c.id,
        company_id: company,
        contact_id: Some(contact),
        contract: ContractChoice::New,
        price_per_seat: "4.50".into(),
        cost_per_seat: None,
    };
    apply(&w.app, &plan(&w.app, &input).await.unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn seats_are_read_in_batches_and_problems_are_noticed() {
    let w = World::connected().await;
    let a = integrated(&w, "Alpha", 10).await;
    let b = integrated(&w, "Beta", 20).await;
    let c = integrated(&w, "Gamma", 30).await;
    // Someone changes Alpha's units in Autotask, and makes Gamma's contract inactive.
    let client = w.app.client().await.unwrap();
    let body = serde_json::json!({"contractID": a.contract_id, "contractServiceID": a.contract_service_id, "effectiveDate": format!("{}T00:00:00", today()), "unitChange": 5});
    client
        .create_child(
            autotask::ChildRoute::ContractServiceAdjustments,
            a.contract_id.unwrap(),
            &body,
        )
        .await
        .unwrap();
    client
        .patch(
            "Contracts",
            &serde_json::json!({"id": c.contract_id, "status": 0}),
        )
        .await
        .unwrap();
    w.sim.clear_log();
    let report = refresh_seats(&w.app).await.unwrap();
    assert_eq!(
        report.requests, 2,
        "one units query and one contracts query for all"
    );
    assert_eq!(w.sim.request_log().api_calls(), 2);
    assert_eq!(report.read, 2);
    let db = w.app.store.connection();
    assert_eq!(
        integrations::get(db, a.id).await.unwrap().unwrap().seats,
        Some(15)
    );
    assert_eq!(
        integrations::get(db, b.id).await.unwrap().unwrap().seats,
        Some(20)
    );
    let broken = integrations::get(db, c.id).await.unwrap().unwrap();
    assert_eq!(broken.status, Status::Broken);
    assert!(broken.last_error.unwrap().contains("inactive"));
    assert_eq!(report.problems.len(), 1);
}

#[tokio::test]
async fn reconcile_plans_changes_applies_the_selected_and_verifies() {
    let w = World::connected().await;
    let up = integrated(&w, "Grows", 10).await;
    let down = integrated(&w, "Shrinks", 10).await;
    let same = integrated(&w, "Steady", 10).await;
    let db = w.app.store.connection();
    let now = w.app.clock.now();
    customers::update_counts(
        db,
        up.customer_id,
        Counts {
            deployed: 14,
            ..Counts::default()
        },
        now,
    )
    .await
    .unwrap();
    customers::update_counts(
        db,
        down.customer_id,
        Counts {
            deployed: 7,
            ..Counts::default()
        },
        now,
    )
    .await
    .unwrap();
    let report = refresh_seats(&w.app).await.unwrap();
    let lines = plan_reconcile(
        &report.states,
        EffectiveDatePolicy::Today,
        EffectiveDatePolicy::FirstOfNextMonth,
        today(),
    );
    let line = |id: i64| {
        lines
            .iter()
            .find(|l| l.integration_id() == id)
            .unwrap()
            .clone()
    };
    assert!(
        matches!(line(up.id), PlanLine::Change { unit_change: 4, effective, .. } if effective == today())
    );
    let next_month = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    assert!(
        matches!(line(down.id), PlanLine::Change { unit_change: -3, effective, .. } if effective == next_month)
    );
    assert!(matches!(line(same.id), PlanLine::InSync { seats: 10, .. }));

    let report_csv = export_reconcile_csv(&w.app, &lines).await.unwrap();
    assert!(report_csv.contains("Grows,"), "{report_csv}");
    assert!(
        report_csv
            .lines()
            .any(|l| l.starts_with("Grows") && l.contains(",14,10,4,'+4,2026-12-04,")),
        "{report_csv}"
    );
    // Only the selected line is applied.
    let results = apply_lines(&w.app, &[line(up.id)]).await.unwrap();
    assert_eq!(
        results,
        vec![LineResult::Applied {
            integration_id: up.id,
            units: 14
        }]
    );
    assert_eq!(w.units_on(up.contract_service_id.unwrap(), today()), 14);
    assert_eq!(
        w.units_on(down.contract_service_id.unwrap(), next_month),
        10,
        "not selected, not applied"
    );
    // Applying the same (now stale) line again sends nothing.
    let again = apply_lines(&w.app, &[line(up.id)]).await.unwrap();
    assert_eq!(
        again,
        vec![LineResult::AlreadyInSync {
            integration_id: up.id,
            units: 14
        }]
    );
    assert_eq!(
        w.units_on(up.contract_service_id.unwrap(), today()),
        14,
        "never applied twice"
    );
    let results = apply_lines(&w.app, &[line(down.id)]).await.unwrap();
    assert_eq!(
        results,
        vec![LineResult::Applied {
            integration_id: down.id,
            units: 7
        }]
    );
    assert_eq!(
        w.units_on(down.contract_service_id.unwrap(), today()),
        10,
        "the decrease starts next month"
    );
    assert_eq!(w.units_on(down.contract_service_id.unwrap(), next_month), 7);
}

#[tokio::test]
async fn price_changes_unlinking_and_export() {
    let w = World::connected().await;
    let it = integrated(&w, "=Priced, \"Co\"", 6).await;
    let changed = change_price(&w.app, it.id, "5.25").await.unwrap();
    assert_eq!(changed.price_per_seat.to_string(), "5.25");
    let cs = w
        .sim
        .record("ContractServices", it.contract_service_id.unwrap())
        .unwrap();
    assert_eq!(cs["adjustedPrice"].as_f64(), Some(5.25));
    assert_eq!(
        change_price(&w.app, it.id, "-2").await.unwrap_err().code(),
        "invalid_input"
    );
    let csv = export_integrations_csv(&w.app).await.unwrap();
    let row = csv.lines().nth(1).unwrap();
    assert!(
        row.starts_with("\"'=Priced, \"\"Co\"\"\""),
        "quoted and not a formula: {row}"
    );
    assert!(row.contains(",5.25,0,"), "{row}");
    unlink(&w.app, it.id, true).await.unwrap();
    assert_eq!(w.units_on(it.contract_service_id.unwrap(), today()), 0);
    assert!(
        w.sim.record("Contracts", it.contract_id.unwrap()).is_some(),
        "nothing deleted in Autotask"
    );
    assert!(integrations::get(w.app.store.connection(), it.id)
        .await
        .unwrap()
        .is_none());
    assert!(customers::get(w.app.store.connection(), it.customer_id)
        .await
        .unwrap()
        .is_some());
}

//! The fault matrix: each write step of Add Customer Integration and of a reconcile apply, under
//! each fault, then a retry. The simulator's own state must end with exactly one Contract, one
//! Contract Service and the right units, and the store with a complete mapping.

use std::sync::Arc;
use std::time::Duration;

use autotask_sim::{FaultAction, FaultRule};
use integration::adjust::apply_lines;
use integration::create::{apply, complete, plan, resume_unfinished, AddInput, ContractChoice};
use integration::reconcile::{plan as plan_reconcile, PlanLine};
use integration::seats::refresh_seats;
use integration::{App, ClientSettings};
use store::repo::customers::{self, Counts};
use store::repo::integrations::{self, Status};
use store::repo::settings::EffectiveDatePolicy;
use store::Store;

use crate::{today, World};

const STEPS: [(&str, &str); 3] = [
    ("contract", "*/V1.0/Contracts"),
    ("contract_service", "*/Contracts/*/Services"),
    ("adjustment", "*/Contracts/*/ServiceAdjustments"),
];

#[derive(Debug, Clone, Copy)]
enum Fault {
    Status500,
    ThreadLimit,
    Dropped,
    LostAfterCommit,
    TimeoutAfterCommit,
    KilledAfterCommit,
}

const FAULTS: [Fault; 6] = [
    Fault::Status500,
    Fault::ThreadLimit,
    Fault::Dropped,
    Fault::LostAfterCommit,
    Fault::TimeoutAfterCommit,
    Fault::KilledAfterCommit,
];

fn action(f: Fault) -> FaultAction {
    match f {
        Fault::Status500 => FaultAction::Status {
            status: 500,
            message: Some("Simulated server failure".into()),
        },
        Fault::ThreadLimit => FaultAction::ThreadLimit,
        Fault::Dropped => FaultAction::Drop,
        Fault::LostAfterCommit | Fault::KilledAfterCommit => FaultAction::DropAfterCommit,
        Fault::TimeoutAfterCommit => FaultAction::DelayAfterCommit { ms: 2_500 },
    }
}

/// A second app over the same database and vault, as after a restart: no in-memory state kept.
async fn restarted(w: &World) -> App {
    let store = Store::open(w.app.store.path()).await.unwrap();
    App::new(
        store,
        w.vault.clone(),
        Arc::clone(&w.app.clock),
        ClientSettings {
            zone_entry_url: w.sim.zone_entry_url(),
            timeout: Duration::from_secs(1),
            zorus_base_url: w.zorus.base_url(),
        },
    )
}

#[tokio::test]
async fn add_customer_integration_survives_every_fault_at_every_step() {
    for (step, path) in STEPS {
        for fault in FAULTS {
            let w = World::with_timeout(Duration::from_secs(1)).await;
            w.connect().await;
            let (company, contact) = w.company_with_contact();
            let customer = w.customer("Faulty Co", 12).await;
            let input = AddInput {
                customer_id: customer.id,
                company_id: company,
                contact_id: Some(contact),
                contract: ContractChoice::New,
                price_per_seat: "4.50".into(),
                cost_per_seat: Some("2".into()),
            };
            let p = plan(&w.app, &input).await.unwrap();
            w.sim.add_fault(FaultRule {
                method: Some("POST".into()),
                path: Some(path.into()),
                nth: 1,
                times: 1,
                action: action(fault),
            });
            let first = apply(&w.app, &p).await;
            let label = format!("{step} / {fault:?}");
            // The fault did strike: a refusal or a dropped connection shows in the log.
            let struck = w
                .sim
                .request_log()
                .entries
                .iter()
                .any(|e| e.method == "POST" && e.status != 200);
            assert!(
                struck || matches!(fault, Fault::TimeoutAfterCommit),
                "{label}: the fault fired"
            );
            if matches!(fault, Fault::Status500 | Fault::Dropped) {
                assert!(
                    first.is_err(),
                    "{label}: nothing was created, so the first run fails"
                );
            }
            let it = match (first, fault) {
                (Ok(it), _) => it,
                (Err(_), Fault::KilledAfterCommit) => {
                    let app = restarted(&w).await;
                    let results = resume_unfinished(&app).await.unwrap();
                    assert_eq!(results.len(), 1, "{label}");
                    results
                        .into_iter()
                        .next()
                        .unwrap()
                        .1
                        .unwrap_or_else(|e| panic!("{label}: {e}"))
                }
                (Err(_), _) => {
                    let id = integrations::by_customer(w.app.store.connection(), customer.id)
                        .await
                        .unwrap()
                        .unwrap()
                        .id;
                    complete(&w.app, id, None)
                        .await
                        .unwrap_or_else(|e| panic!("{label}: retry failed: {e}"))
                }
            };
            assert_eq!(it.status, Status::Active, "{label}");
            let contracts = w.contracts_with_number(&it.marker);
            assert_eq!(contracts.len(), 1, "{label}: exactly one contract");
            let contract_id = contracts[0]["id"].as_i64().unwrap();
            let services = w.contract_services_of(contract_id);
            assert_eq!(services.len(), 1, "{label}: exactly one contract service");
            let cs = services[0]["id"].as_i64().unwrap();
            assert_eq!(
                w.units_on(cs, today()),
                12,
                "{label}: the units, applied once"
            );
            assert_eq!(
                (it.contract_id, it.contract_service_id),
                (Some(contract_id), Some(cs)),
                "{label}: mapping complete"
            );
            assert!(it.service_id.is_some(), "{label}");
            let unsettled = store::repo::journal::unsettled(w.app.store.connection())
                .await
                .unwrap();
            assert!(
                unsettled.is_empty(),
                "{label}: journal settled: {unsettled:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_reconcile_apply_survives_every_fault() {
    for fault in FAULTS {
        let w = World::with_timeout(Duration::from_secs(1)).await;
        w.connect().await;
        let (company, contact) = w.company_with_contact();
        let customer = w.customer("Growing Co", 10).await;
        let input = AddInput {
            customer_id: customer.id,
            company_id: company,
            contact_id: Some(contact),
            contract: ContractChoice::New,
            price_per_seat: "3".into(),
            cost_per_seat: None,
        };
        let it = apply(&w.app, &plan(&w.app, &input).await.unwrap())
            .await
            .unwrap();
        let db = w.app.store.connection();
        customers::update_counts(
            db,
            customer.id,
            Counts {
                deployed: 15,
                ..Counts::default()
            },
            w.app.clock.now(),
        )
        .await
        .unwrap();
        let states = refresh_seats(&w.app).await.unwrap().states;
        let lines = plan_reconcile(
            &states,
            EffectiveDatePolicy::Today,
            EffectiveDatePolicy::FirstOfNextMonth,
            today(),
        );
        assert!(matches!(lines[0], PlanLine::Change { unit_change: 5, .. }));
        w.sim.add_fault(FaultRule {
            method: Some("POST".into()),
            path: Some("*/Contracts/*/ServiceAdjustments".into()),
            nth: 1,
            times: 1,
            action: action(fault),
        });
        let app = if matches!(fault, Fault::KilledAfterCommit) {
            let _ = apply_lines(&w.app, &lines).await;
            restarted(&w).await
        } else {
            let _ = apply_lines(&w.app, &lines).await.unwrap();
            restarted(&w).await
        };
        // The retry plans again from fresh numbers and applies what is still needed.
        let states = refresh_seats(&app).await.unwrap().states;
        let lines = plan_reconcile(
            &states,
            EffectiveDatePolicy::Today,
            EffectiveDatePolicy::FirstOfNextMonth,
            today(),
        );
        let _ = apply_lines(&app, &lines).await.unwrap();
        assert_eq!(
            w.units_on(it.contract_service_id.unwrap(), today()),
            15,
            "{fault:?}: units right, never doubled"
        );
        assert_eq!(
            w.contract_services_of(it.contract_id.unwrap()).len(),
            1,
            "{fault:?}"
        );
    }
}

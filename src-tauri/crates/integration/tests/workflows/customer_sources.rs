use std::sync::{Arc, Mutex};

use integration::create::ContractChoice;
use integration::customers_io::{
    add_manual, create_customer_with_integration, import_csv, refresh_from_zorus, save_zorus_key,
    NewAssociatedCustomer,
};
use integration::sync::{render, run};
use store::repo::customers::{self, Counts, Source};
use store::repo::integrations;
use vault::{Secret, SecretKey, SecretStore};

use crate::World;

#[tokio::test]
async fn a_zorus_key_is_probed_before_it_is_kept() {
    let w = World::new().await;
    let err = save_zorus_key(&w.app, Secret::new("not-the-key"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "zorus_invalid_key", "{err}");
    assert!(!err.to_string().contains("not-the-key"));
    assert!(
        w.vault.get(&SecretKey::ZorusApiKey).unwrap().is_none(),
        "a refused key is not kept"
    );
    save_zorus_key(&w.app, Secret::new(zorus_sim::DEMO_API_KEY))
        .await
        .unwrap();
    assert_eq!(
        w.vault
            .get(&SecretKey::ZorusApiKey)
            .unwrap()
            .unwrap()
            .expose(),
        zorus_sim::DEMO_API_KEY
    );
    assert_eq!(
        refresh_from_zorus(&World::new().await.app)
            .await
            .unwrap_err()
            .code(),
        "no_zorus_key"
    );
}

#[tokio::test]
async fn zorus_refresh_adds_renames_disables_and_marks_vanished_never_deletes() {
    let w = World::connected().await;
    save_zorus_key(&w.app, Secret::new(zorus_sim::DEMO_API_KEY))
        .await
        .unwrap();
    let first = refresh_from_zorus(&w.app).await.unwrap();
    let remote = w.zorus.customers();
    assert_eq!(first.added, remote.len());
    let db = w.app.store.connection();
    let local = customers::list(db).await.unwrap();
    for r in &remote {
        let l = local
            .iter()
            .find(|c| c.zorus_uuid.as_deref() == Some(r.uuid.as_str()))
            .unwrap();
        assert_eq!((l.source, l.enabled), (Source::Zorus, r.is_enabled));
    }
    let (a, b, c) = (&remote[0], &remote[1], &remote[2]);
    w.zorus.rename_customer(&a.uuid, Some("Renamed Upstream"));
    w.zorus.set_customer_enabled(&b.uuid, !b.is_enabled);
    w.zorus.remove_customer(&c.uuid);
    w.zorus.set_endpoint_count(&a.uuid, 17);
    let second = refresh_from_zorus(&w.app).await.unwrap();
    assert_eq!(
        (second.renamed, second.vanished, second.added),
        (1, 1, 0),
        "{second:?}"
    );
    let local = customers::list(db).await.unwrap();
    let find = |uuid: &str| {
        local
            .iter()
            .find(|l| l.zorus_uuid.as_deref() == Some(uuid))
            .unwrap()
            .clone()
    };
    assert_eq!(find(&a.uuid).name, "Renamed Upstream");
    assert_eq!(find(&a.uuid).counts.deployed, 17);
    assert_eq!(find(&b.uuid).enabled, !b.is_enabled);
    assert!(find(&c.uuid).vanished_at.is_some(), "marked, still there");
    assert_eq!(local.len(), remote.len());
}

#[tokio::test]
async fn csv_import_keeps_good_lines_and_reports_bad_ones() {
    let w = World::new().await;
    let file = "name;endpoints\nAcme;12\n;3\nBeta;-1\nGamma;abc\n\nDelta;7\nAcme;13\n";
    let report = import_csv(&w.app, file.as_bytes()).await.unwrap();
    assert_eq!(report.added, 2, "{report:?}");
    let lines: Vec<u64> = report.problems.iter().map(|p| p.0).collect();
    assert!(
        lines.contains(&3) && lines.contains(&4) && lines.contains(&5),
        "{report:?}"
    );
    let names: Vec<String> = customers::list(w.app.store.connection())
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert!(names.contains(&"Acme".to_string()) && names.contains(&"Delta".to_string()));
    let again = import_csv(&w.app, "name,endpoints\nDelta,9\n".as_bytes())
        .await
        .unwrap();
    assert_eq!((again.added, again.updated), (0, 1));
    assert_eq!(
        add_manual(&w.app, "delta", "1").await.unwrap_err().code(),
        "conflict"
    );
    assert_eq!(
        add_manual(&w.app, "  ", "1").await.unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        add_manual(&w.app, "Echo", "-4").await.unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        add_manual(&w.app, "Echo", "4").await.unwrap().counts,
        Counts {
            deployed: 4,
            ..Counts::default()
        }
    );
}

#[tokio::test]
async fn a_customer_is_created_with_its_association_or_not_at_all() {
    let w = World::connected().await;
    let (company, contact) = w.company_with_contact();
    let input = |name: &str, price: &str| NewAssociatedCustomer {
        name: name.into(),
        endpoints: "8".into(),
        company_id: company,
        contact_id: Some(contact),
        contract: ContractChoice::New,
        price_per_seat: price.into(),
        cost_per_seat: None,
    };
    let err = create_customer_with_integration(&w.app, input("Fresh Co", "abc"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(
        customers::list(w.app.store.connection())
            .await
            .unwrap()
            .is_empty(),
        "no half-made customer"
    );
    let (customer, it) = create_customer_with_integration(&w.app, input("Fresh Co", "4"))
        .await
        .unwrap();
    assert_eq!(it.customer_id, customer.id);
    assert_eq!(
        w.units_on(it.contract_service_id.unwrap(), crate::today()),
        8
    );
}

#[tokio::test]
async fn the_headless_sync_refreshes_plans_and_applies() {
    let w = World::connected().await;
    let (company, contact) = w.company_with_contact();
    let (customer, it) = create_customer_with_integration(
        &w.app,
        NewAssociatedCustomer {
            name: "Synced".into(),
            endpoints: "5".into(),
            company_id: company,
            contact_id: Some(contact),
            contract: ContractChoice::New,
            price_per_seat: "3".into(),
            cost_per_seat: None,
        },
    )
    .await
    .unwrap();
    customers::update_counts(
        w.app.store.connection(),
        customer.id,
        Counts {
            deployed: 9,
            ..Counts::default()
        },
        w.app.clock.now(),
    )
    .await
    .unwrap();
    let dry = run(&w.app, false).await.unwrap();
    assert_eq!(dry.failures, 0);
    assert!(
        render(&dry, false).contains("5 -> 9 seats (+4)"),
        "{}",
        render(&dry, false)
    );
    assert_eq!(
        w.units_on(it.contract_service_id.unwrap(), crate::today()),
        5,
        "a dry run sends nothing"
    );
    let applied = run(&w.app, true).await.unwrap();
    assert_eq!(applied.failures, 0, "{applied:?}");
    assert_eq!(
        w.units_on(it.contract_service_id.unwrap(), crate::today()),
        9
    );
    assert_eq!(
        integrations::get(w.app.store.connection(), it.id)
            .await
            .unwrap()
            .unwrap()
            .seats,
        Some(9)
    );
    // A failing line is counted, so the exit code can say so.
    customers::update_counts(
        w.app.store.connection(),
        customer.id,
        Counts {
            deployed: 11,
            ..Counts::default()
        },
        w.app.clock.now(),
    )
    .await
    .unwrap();
    w.sim.add_fault(autotask_sim::FaultRule {
        method: Some("POST".into()),
        path: Some("*/Contracts/*/ServiceAdjustments".into()),
        nth: 1,
        times: 5,
        action: autotask_sim::FaultAction::Status {
            status: 500,
            message: Some("refused".into()),
        },
    });
    assert!(run(&w.app, true).await.unwrap().failures >= 1);
}

/// Collects every log line of the process, as the app's log file would.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn secrets_entered_through_the_use_cases_never_reach_the_database_or_the_logs() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber)
        .expect("only this test installs a subscriber");
    let w = World::connected().await;
    save_zorus_key(&w.app, Secret::new(zorus_sim::DEMO_API_KEY))
        .await
        .unwrap();
    refresh_from_zorus(&w.app).await.unwrap();
    let (company, contact) = w.company_with_contact();
    create_customer_with_integration(
        &w.app,
        NewAssociatedCustomer {
            name: "Leak Check".into(),
            endpoints: "2".into(),
            company_id: company,
            contact_id: Some(contact),
            contract: ContractChoice::New,
            price_per_seat: "1".into(),
            cost_per_seat: None,
        },
    )
    .await
    .unwrap();
    let _ = integration::connect::connect(
        &w.app,
        integration::connect::ConnectInput {
            username: autotask_sim::DEMO_USERNAME.into(),
            secret: Secret::new("Wr0ng-S3cret-zz"),
            integration_code: Some(autotask_sim::DEMO_INTEGRATION_CODE.into()),
        },
    )
    .await;
    let path = w.app.store.path().to_path_buf();
    w.app.store.clone().close().await.unwrap();
    let contains =
        |hay: &[u8], needle: &str| hay.windows(needle.len()).any(|x| x == needle.as_bytes());
    let logs = captured.0.lock().unwrap().clone();
    assert!(contains(&logs, "Companies"), "logging was on");
    for secret in [
        autotask_sim::DEMO_SECRET,
        zorus_sim::DEMO_API_KEY,
        "Wr0ng-S3cret-zz",
    ] {
        assert!(!contains(&logs, secret), "{secret} in the logs");
        for entry in std::fs::read_dir(path.parent().unwrap()).unwrap() {
            let file = entry.unwrap().path();
            assert!(
                !contains(&std::fs::read(&file).unwrap(), secret),
                "{secret} in {}",
                file.display()
            );
        }
    }
}

use std::str::FromStr;

use rust_decimal::Decimal;
use store::repo::audit::{self, NewAuditEntry};
use store::repo::cache::{self, CachedCompany, CachedContact, CachedContract};
use store::repo::customers::{self, Counts, NewCustomer, Source};
use store::repo::integrations::{self, AutotaskObjects, NewIntegration, Status};
use store::repo::journal::{self, NewOperation, OpState};
use store::repo::settings::{self, CountingRule, EffectiveDatePolicy, Settings};
use store::{Connection, StoreError, TransactionTrait};

use crate::{at, temp_store};

fn new_customer(name: &str) -> NewCustomer {
    NewCustomer {
        zorus_uuid: Some(format!("uuid-{name}")),
        name: name.into(),
        counts: Counts {
            deployed: 42,
            filtering: Some(40),
            cybersight: None,
            recently_seen: Some(39),
        },
        counts_read_at: Some(at(1, 8)),
        source: Source::Zorus,
    }
}

fn new_integration(customer_id: i64, price: &str, cost: &str) -> NewIntegration {
    NewIntegration {
        customer_id,
        company_id: 100 + customer_id,
        company_name: format!("Company {customer_id}"),
        contact_id: Some(7),
        contact_name: Some("Jo Doe".into()),
        contract_id: None,
        contract_name: None,
        price_per_seat: Decimal::from_str(price).unwrap(),
        cost_per_seat: Decimal::from_str(cost).unwrap(),
        marker: format!("zorus-autotask:{customer_id}"),
    }
}

#[tokio::test]
async fn customers_are_created_renamed_disabled_and_marked_vanished_never_deleted() {
    let (_dir, store) = temp_store().await;
    let db = store.connection();
    let acme = customers::insert(db, new_customer("Acme"), at(1, 9))
        .await
        .unwrap();
    assert_eq!(
        (acme.counts.deployed, acme.source, acme.enabled),
        (42, Source::Zorus, true)
    );
    assert_eq!(
        customers::by_zorus_uuid(db, "uuid-Acme")
            .await
            .unwrap()
            .unwrap()
            .id,
        acme.id
    );
    customers::rename(db, acme.id, "  Acme Corp ", at(1, 10))
        .await
        .unwrap();
    customers::set_enabled(db, acme.id, false, at(1, 11))
        .await
        .unwrap();
    let gone = customers::set_vanished(db, acme.id, Some(at(2, 9)), at(2, 9))
        .await
        .unwrap();
    assert_eq!(
        (gone.name.as_str(), gone.enabled, gone.vanished_at),
        ("Acme Corp", false, Some(at(2, 9)))
    );
    assert_eq!(customers::list(db).await.unwrap().len(), 1);
    let updated = customers::update_counts(
        db,
        acme.id,
        Counts {
            deployed: 50,
            ..Counts::default()
        },
        at(3, 9),
    )
    .await
    .unwrap();
    assert_eq!(
        (updated.counts.deployed, updated.counts_read_at),
        (50, Some(at(3, 9)))
    );

    let blank = customers::insert(
        db,
        NewCustomer {
            name: "  ".into(),
            ..new_customer("x")
        },
        at(1, 9),
    )
    .await;
    assert!(matches!(blank, Err(StoreError::Invalid(_))));
    let negative = customers::insert(
        db,
        NewCustomer {
            counts: Counts {
                deployed: -1,
                ..Counts::default()
            },
            ..new_customer("y")
        },
        at(1, 9),
    )
    .await;
    assert!(matches!(negative, Err(StoreError::Invalid(_))));
    let dup = customers::insert(db, new_customer("Acme"), at(1, 9)).await;
    assert!(dup.is_err(), "a Zorus uuid maps to one customer");
    assert_eq!(customers::search(db, "acme", 10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn money_round_trips_exactly_as_text() {
    let (_dir, store) = temp_store().await;
    let db = store.connection();
    for (i, (price, cost)) in [("0.1", "0.10"), ("19.99", "12345678.9012"), ("4.50", "0")]
        .iter()
        .enumerate()
    {
        let c = customers::insert(db, new_customer(&format!("M{i}")), at(1, 9))
            .await
            .unwrap();
        let saved = integrations::insert(db, new_integration(c.id, price, cost), at(1, 9))
            .await
            .unwrap();
        let read = integrations::get(db, saved.id).await.unwrap().unwrap();
        assert_eq!(read.price_per_seat.to_string(), *price, "the scale is kept");
        assert_eq!(read.cost_per_seat.to_string(), *cost);
        assert_eq!(read.price_per_seat, Decimal::from_str(price).unwrap());
    }
    let raw = db
        .query_one_raw(sea_orm::Statement::from_string(sea_orm::DatabaseBackend::Sqlite, "SELECT typeof(cost_per_seat), cost_per_seat FROM customer_integrations WHERE cost_per_seat = '12345678.9012'"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(raw.try_get_by_index::<String>(0).unwrap(), "text");
    // A negative amount round-trips through the conversion and is refused as a price.
    let negative = Decimal::from_str("-3.25").unwrap();
    assert_eq!(
        store::money::from_text(&store::money::to_text(negative)).unwrap(),
        negative
    );
    let c = customers::insert(db, new_customer("Neg"), at(1, 9))
        .await
        .unwrap();
    assert!(matches!(
        integrations::insert(db, new_integration(c.id, "-1", "0"), at(1, 9)).await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store::money::from_text("abc"),
        Err(StoreError::Corrupt { .. })
    ));
}

#[tokio::test]
async fn integrations_list_with_their_customers_and_record_objects_seats_and_status() {
    let (_dir, store) = temp_store().await;
    let db = store.connection();
    let b = customers::insert(db, new_customer("Beta"), at(1, 9))
        .await
        .unwrap();
    let a = customers::insert(db, new_customer("Alpha"), at(1, 9))
        .await
        .unwrap();
    let ib = integrations::insert(db, new_integration(b.id, "4.50", "2.10"), at(1, 9))
        .await
        .unwrap();
    integrations::insert(db, new_integration(a.id, "5", "2"), at(1, 9))
        .await
        .unwrap();
    assert!(
        integrations::insert(db, new_integration(a.id, "5", "2"), at(1, 9))
            .await
            .is_err(),
        "one integration per customer"
    );
    let rows = integrations::list_with_customers(db).await.unwrap();
    assert_eq!(
        rows.iter()
            .map(|r| r.customer.name.as_str())
            .collect::<Vec<_>>(),
        ["Alpha", "Beta"]
    );
    assert_eq!(rows[1].integration.status, Status::Pending);

    let objects = AutotaskObjects {
        contract_id: 9,
        contract_name: "Zorus - Beta".into(),
        contract_created_by_us: true,
        service_id: 3,
        contract_service_id: 11,
        endpoints_at_creation: Some(42),
    };
    integrations::set_objects(db, ib.id, objects, at(1, 10))
        .await
        .unwrap();
    integrations::set_seats(db, ib.id, 40, at(2, 8))
        .await
        .unwrap();
    let i = integrations::by_marker(db, &ib.marker)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (i.status, i.contract_service_id, i.seats, i.seats_read_at),
        (Status::Active, Some(11), Some(40), Some(at(2, 8)))
    );
    let failed = integrations::set_status(
        db,
        ib.id,
        Status::Failed,
        Some("Autotask refused the contract".into()),
        at(2, 9),
    )
    .await
    .unwrap();
    assert_eq!(
        failed.last_error.as_deref(),
        Some("Autotask refused the contract")
    );
    // A customer with an integration cannot be deleted from under it.
    let delete = db
        .execute_unprepared(&format!("DELETE FROM customers WHERE id = {}", b.id))
        .await;
    assert!(delete.is_err(), "the foreign key protects the integration");
}

#[tokio::test]
async fn a_rolled_back_transaction_leaves_nothing() {
    let (_dir, store) = temp_store().await;
    let txn = store.connection().begin().await.unwrap();
    customers::insert(&txn, new_customer("Ghost"), at(1, 9))
        .await
        .unwrap();
    txn.rollback().await.unwrap();
    assert!(customers::list(store.connection())
        .await
        .unwrap()
        .is_empty());
    let txn = store.connection().begin().await.unwrap();
    customers::insert(&txn, new_customer("Real"), at(1, 9))
        .await
        .unwrap();
    txn.commit().await.unwrap();
    assert_eq!(customers::list(store.connection()).await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_autotask_cache_searches_and_replaces() {
    let (_dir, store) = temp_store().await;
    let db = store.connection();
    let companies: Vec<CachedCompany> =
        ["Acme Dental", "Blue Logistics", "ACME Foods", "Cedar Law"]
            .iter()
            .enumerate()
            .map(|(i, n)| CachedCompany {
                id: i as i64 + 1,
                name: (*n).into(),
                company_type: Some(1),
                is_active: true,
                phone: None,
                city: None,
                fetched_at: at(1, 9),
            })
            .collect();
    cache::replace_companies(db, &companies).await.unwrap();
    let hits = cache::search_companies(db, "acme", 10).await.unwrap();
    assert_eq!(
        hits.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["ACME Foods", "Acme Dental"]
    );
    assert_eq!(
        cache::companies_fetched_at(db).await.unwrap(),
        Some(at(1, 9))
    );
    cache::replace_companies(db, &companies[..1]).await.unwrap();
    assert_eq!(cache::company_count(db).await.unwrap(), 1);

    let contact = CachedContact {
        id: 5,
        company_id: 1,
        first_name: "Jo".into(),
        last_name: "Doe".into(),
        email: None,
        is_active: true,
        fetched_at: at(1, 9),
    };
    cache::replace_contacts(db, 1, std::slice::from_ref(&contact))
        .await
        .unwrap();
    assert_eq!(cache::contacts_of(db, 1).await.unwrap(), vec![contact]);
    let contract = CachedContract {
        id: 8,
        company_id: 1,
        name: "Default".into(),
        contract_type: Some(7),
        status: Some(1),
        is_default: true,
        start_date: Some("2026-01-01T00:00:00Z".into()),
        end_date: None,
        fetched_at: at(1, 9),
    };
    cache::replace_contracts(db, 1, std::slice::from_ref(&contract))
        .await
        .unwrap();
    cache::replace_contracts(db, 2, &[]).await.unwrap();
    assert_eq!(cache::contracts_of(db, 1).await.unwrap(), vec![contract]);
}

#[tokio::test]
async fn settings_default_save_and_load() {
    let (_dir, store) = temp_store().await;
    let db = store.connection();
    assert_eq!(settings::load(db).await.unwrap(), Settings::default());
    let s = Settings {
        default_cost_per_seat: Decimal::from_str("2.10").unwrap(),
        contract_name_template: "Web filtering for {customer}".into(),
        service_name: "Web Filtering".into(),
        billing_code_id: Some(29_683_004),
        increase_effective: EffectiveDatePolicy::FirstOfThisMonth,
        decrease_effective: EffectiveDatePolicy::Today,
        counting_rule: CountingRule::SeenInLastDays(30),
    };
    settings::save(db, &s, at(1, 9)).await.unwrap();
    assert_eq!(settings::load(db).await.unwrap(), s);
    let bad = Settings {
        default_cost_per_seat: Decimal::from_str("-1").unwrap(),
        ..s
    };
    assert!(settings::save(db, &bad, at(1, 9)).await.is_err());
}

#[tokio::test]
async fn the_journal_keeps_unsettled_writes_and_the_audit_log_keeps_everything() {
    let (_dir, store) = temp_store().await;
    let db = store.connection();
    let op = journal::begin(
        db,
        NewOperation {
            integration_id: None,
            intent: "create_contract",
            marker: "m-1",
            step: "contract",
            request_summary: Some("POST Contracts companyID=5".into()),
        },
        at(1, 9),
    )
    .await
    .unwrap();
    let op2 = journal::begin(
        db,
        NewOperation {
            integration_id: None,
            intent: "create_contract",
            marker: "m-1",
            step: "contract_service",
            request_summary: None,
        },
        at(1, 9),
    )
    .await
    .unwrap();
    journal::finish(db, op.id, OpState::Done, Some(77), None, at(1, 10))
        .await
        .unwrap();
    journal::finish(
        db,
        op2.id,
        OpState::Unknown,
        None,
        Some("timed out".into()),
        at(1, 10),
    )
    .await
    .unwrap();
    let unsettled = journal::unsettled(db).await.unwrap();
    assert_eq!(
        unsettled
            .iter()
            .map(|o| (o.step.as_str(), o.state))
            .collect::<Vec<_>>(),
        [("contract_service", OpState::Unknown)]
    );
    assert_eq!(
        journal::by_marker(db, "m-1").await.unwrap()[0].returned_id,
        Some(77)
    );

    for i in 0..3 {
        audit::record(
            db,
            NewAuditEntry {
                action: "create",
                object: "Contract",
                object_ids: Some(format!("{i}")),
                summary: format!("contract {i}"),
                outcome: "ok",
            },
            at(1, 9 + i),
        )
        .await
        .unwrap();
    }
    let recent = audit::recent(db, 2).await.unwrap();
    assert_eq!(
        recent
            .iter()
            .map(|e| e.summary.as_str())
            .collect::<Vec<_>>(),
        ["contract 2", "contract 1"]
    );
}

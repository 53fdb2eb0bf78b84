use integration::create::{apply, plan, AddInput, ContractChoice};
use integration::pickers::{
    contacts, contracts, refresh_companies, search_companies, suggest_company,
};
use reqwest_free::patch_company_name;
use store::repo::integrations::{self, Status};

use crate::{today, World};

mod reqwest_free {
    /// Renames a company in the simulator through its own API (as another Autotask user would).
    pub async fn patch_company_name(w: &crate::World, id: i64, name: &str) {
        let client = w.app.client().await.unwrap();
        client
            .patch(
                "Companies",
                &serde_json::json!({"id": id, "companyName": name}),
            )
            .await
            .unwrap();
    }
}

fn input(
    customer_id: i64,
    company_id: i64,
    contact_id: Option<i64>,
    contract: ContractChoice,
    price: &str,
) -> AddInput {
    AddInput {
        customer_id,
        company_id,
        contact_id,
        contract,
        price_per_seat: price.into(),
        cost_per_seat: Some("2.10".into()),
    }
}

#[tokio::test]
async fn a_new_contract_integration_creates_each_object_once_and_maps_it() {
    let w = World::connected().await;
    let customer = w.customer("Acme Dental", 42).await;
    let (company, contact) = w.company_with_contact();
    let p = plan(
        &w.app,
        &input(
            customer.id,
            company,
            Some(contact),
            ContractChoice::New,
            "4.50",
        ),
    )
    .await
    .unwrap();
    assert_eq!(
        p.writes.iter().map(|s| s.step).collect::<Vec<_>>(),
        ["service", "contract", "contract_service", "adjustment"]
    );
    assert_eq!(
        (
            p.units,
            p.contract_start.to_string(),
            p.contract_end.to_string()
        ),
        (42, "2026-12-01".into(), "2027-11-30".into())
    );
    let contracts_before = w.sim.records("Contracts").len();

    let it = apply(&w.app, &p).await.unwrap();
    assert_eq!(it.status, Status::Active);
    let created = w.contracts_with_number(&it.marker);
    assert_eq!(created.len(), 1, "one contract carries the marker");
    assert_eq!(w.sim.records("Contracts").len(), contracts_before + 1);
    let c = &created[0];
    assert_eq!(
        (
            c["contractType"].as_i64(),
            c["status"].as_i64(),
            c["companyID"].as_i64(),
            c["contactID"].as_i64()
        ),
        (Some(7), Some(1), Some(company), Some(contact))
    );
    assert_eq!(it.contract_id, c["id"].as_i64());
    let services = w.contract_services_of(it.contract_id.unwrap());
    assert_eq!(services.len(), 1);
    assert_eq!(
        (
            services[0]["adjustedPrice"].as_f64(),
            services[0]["unitCost"].as_f64()
        ),
        (Some(4.5), Some(2.1))
    );
    assert_eq!(services[0]["internalDescription"], it.marker.as_str());
    assert_eq!(it.contract_service_id, services[0]["id"].as_i64());
    assert_eq!(w.units_on(it.contract_service_id.unwrap(), today()), 42);
    assert_eq!(
        w.units_on(it.contract_service_id.unwrap(), p.contract_start),
        42,
        "from the first day"
    );
    assert_eq!(
        (
            it.seats,
            it.endpoints_at_creation,
            it.price_per_seat.to_string()
        ),
        (Some(42), Some(42), "4.50".into())
    );
    assert!(
        integrations::get(w.app.store.connection(), it.id)
            .await
            .unwrap()
            .unwrap()
            .contract_created_by_us
    );
    let audit = store::repo::audit::recent(w.app.store.connection(), 10)
        .await
        .unwrap();
    for step in ["contract", "contract_service", "adjustment"] {
        assert!(
            audit.iter().any(|a| a.action == step && a.outcome == "ok"),
            "{step} audited"
        );
    }
}

#[tokio::test]
async fn later_integrations_cost_at_most_four_writes_and_three_reads() {
    let w = World::connected().await;
    let (company, contact) = w.company_with_contact();
    let first = w.customer("First", 5).await;
    apply(
        &w.app,
        &plan(
            &w.app,
            &input(first.id, company, Some(contact), ContractChoice::New, "3"),
        )
        .await
        .unwrap(),
    )
    .await
    .unwrap();
    let second = w.customer("Second", 7).await;
    w.sim.clear_log();
    let p = plan(
        &w.app,
        &input(second.id, company, Some(contact), ContractChoice::New, "3"),
    )
    .await
    .unwrap();
    apply(&w.app, &p).await.unwrap();
    let log = w.sim.request_log();
    let writes: u64 = log
        .entries
        .iter()
        .filter(|e| e.method == "POST" && !e.path.to_lowercase().contains("/query"))
        .count() as u64;
    let reads = log.api_calls() - writes;
    assert!(
        writes <= 4 && reads <= 3,
        "writes {writes}, reads {reads}: {:?}",
        log.by_route
    );
}

#[tokio::test]
async fn an_existing_default_recurring_contract_is_reused() {
    let w = World::connected().await;
    let contract = w
        .sim
        .records("Contracts")
        .into_iter()
        .find(|c| c["contractType"] == 7 && c["isDefaultContract"] == true && c["status"] == 1)
        .unwrap();
    let (contract_id, company) = (
        contract["id"].as_i64().unwrap(),
        contract["companyID"].as_i64().unwrap(),
    );
    let existing_services = w.contract_services_of(contract_id).len();
    let customer = w.customer("Reuse Co", 9).await;
    let choices = contracts(&w.app, company).await.unwrap();
    assert!(choices.usable.iter().any(|c| c.id == contract_id));
    let p = plan(
        &w.app,
        &input(
            customer.id,
            company,
            None,
            ContractChoice::Existing(contract_id),
            "5",
        ),
    )
    .await
    .unwrap();
    assert!(
        !p.writes.iter().any(|s| s.step == "contract"),
        "no new contract"
    );
    let it = apply(&w.app, &p).await.unwrap();
    assert_eq!(
        (it.contract_id, it.contract_created_by_us),
        (Some(contract_id), false)
    );
    let services = w.contract_services_of(contract_id);
    assert!(services.len() <= existing_services + 1);
    let cs = it.contract_service_id.unwrap();
    assert_eq!(w.units_on(cs, today()), 9);
}

#[tokio::test]
async fn every_validation_error_is_refused_before_anything_is_written() {
    let w = World::connected().await;
    let (company, contact) = w.company_with_contact();
    let customer = w.customer("Check Co", 4).await;
    let records = |e: &str| w.sim.records(e);
    let inactive = records("Companies")
        .into_iter()
        .find(|c| c["isActive"] == false && c["companyType"] == 1)
        .map(|c| c["id"].as_i64().unwrap());
    let not_customer = records("Companies")
        .into_iter()
        .find(|c| c["companyType"] != 1)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let other_contact = records("Contacts")
        .into_iter()
        .find(|c| c["companyID"] != company)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let tm = records("Contracts")
        .into_iter()
        .find(|c| c["contractType"] != 7)
        .unwrap();
    let tm_company = tm["companyID"].as_i64().unwrap();
    let mut cases = vec![
        (
            input(
                customer.id,
                company,
                Some(contact),
                ContractChoice::New,
                "-1",
            ),
            "cannot be negative",
        ),
        (
            input(
                customer.id,
                company,
                Some(contact),
                ContractChoice::New,
                "abc",
            ),
            "as a number",
        ),
        (
            input(
                customer.id,
                company,
                Some(contact),
                ContractChoice::New,
                "1.23456",
            ),
            "4 decimal places",
        ),
        (
            input(
                customer.id,
                company,
                Some(contact),
                ContractChoice::New,
                "2000000",
            ),
            "1,000,000",
        ),
        (
            input(customer.id, not_customer, None, ContractChoice::New, "1"),
            "not a Customer",
        ),
        (
            input(
                customer.id,
                company,
                Some(other_contact),
                ContractChoice::New,
                "1",
            ),
            "is not a contact of",
        ),
        (
            input(
                customer.id,
                company,
                Some(999_999),
                ContractChoice::New,
                "1",
            ),
            "no longer exists",
        ),
        (
            input(customer.id, 999_999, None, ContractChoice::New, "1"),
            "no longer exists",
        ),
        (
            input(
                customer.id,
                tm_company,
                None,
                ContractChoice::Existing(tm["id"].as_i64().unwrap()),
                "1",
            ),
            "Recurring Service",
        ),
        (
            input(
                customer.id,
                company,
                None,
                ContractChoice::Existing(tm["id"].as_i64().unwrap()),
                "1",
            ),
            "another company",
        ),
        (
            input(999_999, company, None, ContractChoice::New, "1"),
            "no longer exists",
        ),
    ];
    if let Some(inactive) = inactive {
        cases.push((
            input(customer.id, inactive, None, ContractChoice::New, "1"),
            "inactive",
        ));
    }
    let mut bad_cost = input(customer.id, company, None, ContractChoice::New, "1");
    bad_cost.cost_per_seat = Some("-3".into());
    cases.push((bad_cost, "cost per seat cannot be negative"));
    let before = (
        records("Contracts").len(),
        records("ContractServices").len(),
    );
    for (i, needle) in cases {
        let err = plan(&w.app, &i).await.unwrap_err();
        assert!(
            err.to_string().contains(needle),
            "{:?}: {err}",
            i.price_per_seat
        );
        assert!(
            matches!(err.code(), "invalid_input" | "not_found"),
            "{}",
            err.code()
        );
    }
    // An inactive contact.
    let contact_id = w
        .app
        .client()
        .await
        .unwrap()
        .create_child(
            autotask::ChildRoute::CompanyContacts,
            company,
            &serde_json::json!({"firstName": "Gone", "lastName": "Away", "isActive": 0}),
        )
        .await
        .unwrap();
    let err = plan(
        &w.app,
        &input(
            customer.id,
            company,
            Some(contact_id),
            ContractChoice::New,
            "1",
        ),
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("inactive"), "{err}");
    // Already integrated.
    apply(
        &w.app,
        &plan(
            &w.app,
            &input(customer.id, company, None, ContractChoice::New, "1"),
        )
        .await
        .unwrap(),
    )
    .await
    .unwrap();
    let err = plan(
        &w.app,
        &input(customer.id, company, None, ContractChoice::New, "1"),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert_eq!(
        (
            records("Contracts").len(),
            records("ContractServices").len()
        ),
        (before.0 + 1, before.1 + 1),
        "only the valid one wrote"
    );
}

#[tokio::test]
async fn pickers_cache_accounts_refresh_incrementally_and_suggest() {
    let w = World::connected().await;
    let full = refresh_companies(&w.app, false).await.unwrap();
    assert!(!full.incremental && full.cached > 10);
    let expected = w
        .sim
        .records("Companies")
        .into_iter()
        .filter(|c| c["companyType"] == 1 && c["isActive"] == true)
        .count() as u64;
    assert_eq!(full.cached, expected);
    let (company, _) = w.company_with_contact();
    patch_company_name(&w, company, "Zyxwv Renamed Holdings").await;
    let again = refresh_companies(&w.app, false).await.unwrap();
    assert!(again.incremental);
    assert!(again.requests <= 2, "{again:?}");
    let hits = search_companies(&w.app, "zyxwv", 10).await.unwrap();
    assert_eq!(hits.iter().map(|c| c.id).collect::<Vec<_>>(), vec![company]);
    let suggestion = suggest_company(&w.app, "Zyxwv Renamed Holdings LLC")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(suggestion.0.id, company);
    assert!(suggest_company(&w.app, "Qqqq Nothing Alike")
        .await
        .unwrap()
        .is_none());
    let people = contacts(&w.app, company).await.unwrap();
    assert!(!people.offline && !people.items.is_empty());
    assert!(people
        .items
        .iter()
        .all(|c| c.is_active && c.company_id == company));
    let with_tm = w
        .sim
        .records("Contracts")
        .into_iter()
        .find(|c| c["contractType"] != 7 && c["isDefaultContract"] == true)
        .unwrap();
    let choices = contracts(&w.app, with_tm["companyID"].as_i64().unwrap())
        .await
        .unwrap();
    assert!(choices.usable.is_empty());
    assert!(choices.unusable[0].1.contains("Recurring Service"));
}

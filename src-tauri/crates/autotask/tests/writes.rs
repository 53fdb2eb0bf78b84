use std::str::FromStr;

use autotask::models::{
    Company, CompanyPatch, Contact, ContactPatch, Contract, ContractService, ContractServicePatch,
    ContractServiceUnit, NewCompany, NewContact, NewContract, NewContractService,
    NewServiceAdjustment,
};
use autotask::{ChildRoute, Error, Patch, Udf};
use autotask_sim::{SeedProfile, ADMIN_RESOURCE_ID};
use chrono::{Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::support::{client, sim};

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

async fn new_company(client: &autotask::Client, name: &str) -> i64 {
    client
        .create(
            "Companies",
            &NewCompany {
                company_name: name.into(),
                company_type: 1,
                owner_resource_id: ADMIN_RESOURCE_ID,
                phone: "555-0199".into(),
                is_active: Some(true),
                user_defined_fields: vec![Udf::new("Customer Ranking", "Gold")],
            },
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn create_returns_the_id_and_validation_failures_carry_the_messages() {
    let sim = sim(SeedProfile::Tiny).await;
    let client = client(&sim);
    let id = new_company(&client, "Created By Test LLC").await;
    let company = client.get::<Company>(id).await.unwrap().unwrap();
    assert_eq!(company.company_name.as_deref(), Some("Created By Test LLC"));
    assert_eq!(
        autotask::udf_value(&company.user_defined_fields, "Customer Ranking"),
        Some("Gold")
    );

    let err = client
        .create("Companies", &serde_json::json!({"companyType": 1}))
        .await
        .unwrap_err();
    match err {
        Error::Validation { status, messages } => {
            assert_eq!(status, 500);
            assert!(messages[0].contains("companyName"), "{messages:?}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        sim.request_log().count("POST Companies"),
        2,
        "refusals are not retried"
    );
}

#[tokio::test]
async fn patch_leaves_unset_fields_clears_null_ones_and_sets_values() {
    let sim = sim(SeedProfile::Tiny).await;
    let client = client(&sim);
    let company = new_company(&client, "Patch Target Co.").await;
    let contact = client
        .create_contact(&NewContact {
            company_id: company,
            first_name: "Jo".into(),
            last_name: "Rivera".into(),
            is_active: 1,
            email_address: Some("jo@patch.example".into()),
            title: Some("Owner".into()),
        })
        .await
        .unwrap();
    let patched = client
        .patch_contact(
            company,
            &ContactPatch {
                id: contact,
                title: Patch::Null,
                last_name: Patch::Value("Rivera-Diaz".into()),
                is_active: Patch::Value(0),
                ..ContactPatch::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(patched, contact);
    let read = client
        .get_child::<Contact>(ChildRoute::CompanyContacts, company, contact)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read.title, None, "null clears");
    assert_eq!(
        read.last_name.as_deref(),
        Some("Rivera-Diaz"),
        "a value sets"
    );
    assert_eq!(read.first_name.as_deref(), Some("Jo"), "unset leaves alone");
    assert_eq!(read.email_address.as_deref(), Some("jo@patch.example"));
    assert_eq!(read.is_active, Some(0));

    let body = serde_json::to_value(CompanyPatch {
        id: company,
        city: Patch::Value("Salem".into()),
        web_address: Patch::Null,
        ..CompanyPatch::default()
    })
    .unwrap();
    assert_eq!(
        body,
        serde_json::json!({"id": company, "city": "Salem", "webAddress": null})
    );
    client
        .patch(
            "Companies",
            &CompanyPatch {
                id: company,
                city: Patch::Value("Salem".into()),
                ..CompanyPatch::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        client
            .get::<Company>(company)
            .await
            .unwrap()
            .unwrap()
            .city
            .as_deref(),
        Some("Salem")
    );
    let contacts: Vec<Contact> = client
        .list_children(ChildRoute::CompanyContacts, company)
        .await
        .unwrap();
    assert_eq!(contacts.len(), 1);
    let log = sim.request_log();
    assert_eq!(log.count("POST Companies/{id}/Contacts"), 1);
    assert_eq!(log.count("PATCH Companies/{id}/Contacts"), 1);
    assert_eq!(log.count("GET Companies/{id}/Contacts"), 1);
}

#[tokio::test]
async fn contract_children_services_adjustments_and_units() {
    let sim = sim(SeedProfile::Tiny).await;
    let today = Utc::now().date_naive();
    let start = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap();
    let end =
        NaiveDate::from_ymd_opt(today.year() + 1, today.month(), 1).unwrap() - chrono::Days::new(1);
    let client = client(&sim);
    let company = new_company(&client, "Recurring Customer Inc.").await;
    let contract = client
        .create(
            "Contracts",
            &NewContract {
                company_id: company,
                contract_name: "Zorus seats".into(),
                contract_type: 7,
                status: 1,
                start_date: start,
                end_date: end,
                time_reporting_requires_start_and_stop_times: 0,
                contact_id: None,
                contract_category: None,
                billing_preference: None,
                description: Some("created by a test".into()),
                is_default_contract: None,
                user_defined_fields: vec![Udf::new("External Reference", "zorus:42")],
            },
        )
        .await
        .unwrap();
    let read = client.get::<Contract>(contract).await.unwrap().unwrap();
    assert_eq!(read.contract_type, Some(7));
    assert_eq!(
        read.start_date.unwrap().date_naive(),
        start,
        "date-only fields are not shifted"
    );

    let service_id = sim.records("Services")[0]["id"].as_i64().unwrap();
    let cs = client
        .create_contract_service(&NewContractService {
            contract_id: contract,
            service_id,
            unit_price: Some(dec("4.50")),
            unit_cost: Some(dec("2.10")),
            adjusted_price: None,
            invoice_description: None,
            internal_description: Some("zorus-marker:42".into()),
        })
        .await
        .unwrap();
    let listed: Vec<ContractService> = client
        .list_children(ChildRoute::ContractServices, contract)
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, cs);
    // unitPrice is read-only on contract services (SOAP metadata, §8.5): it comes from the
    // service; unitCost is taken on create.
    let service_price = dec(&sim.records("Services")[0]["unitPrice"].to_string());
    assert_eq!(listed[0].unit_price, Some(service_price));
    assert_eq!(listed[0].unit_cost, Some(dec("2.10")));

    client
        .patch_contract_service(
            contract,
            &ContractServicePatch {
                id: cs,
                adjusted_price: Patch::Value(dec("3.95")),
                ..ContractServicePatch::default()
            },
        )
        .await
        .unwrap();
    let one = client
        .get_child::<ContractService>(ChildRoute::ContractServices, contract, cs)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(one.adjusted_price, Some(dec("3.95")));
    client
        .patch_contract_service(
            contract,
            &ContractServicePatch {
                id: cs,
                adjusted_price: Patch::Null,
                ..ContractServicePatch::default()
            },
        )
        .await
        .unwrap();
    let cleared = client.get::<ContractService>(cs).await.unwrap().unwrap();
    assert_eq!(cleared.adjusted_price, None);

    client
        .create_service_adjustment(&NewServiceAdjustment {
            contract_id: contract,
            contract_service_id: Some(cs),
            service_id: None,
            effective_date: start,
            unit_change: 42,
            adjusted_unit_price: None,
            adjusted_unit_cost: None,
        })
        .await
        .unwrap();
    let units: Vec<ContractServiceUnit> = client
        .list_children(ChildRoute::ContractServiceUnits, contract)
        .await
        .unwrap();
    let now = units
        .iter()
        .find(|u| {
            u.start_date.unwrap().date_naive() <= today && today <= u.end_date.unwrap().date_naive()
        })
        .expect("a unit row covers today");
    assert_eq!(now.units, Some(42));
    assert_eq!(now.contract_service_id, Some(cs));
    let by_id = client
        .get_child::<ContractServiceUnit>(ChildRoute::ContractServiceUnits, contract, now.id)
        .await
        .unwrap();
    assert_eq!(by_id.as_ref().map(|u| u.id), Some(now.id));

    let log = sim.request_log();
    for route in [
        "POST Contracts/{id}/Services",
        "PATCH Contracts/{id}/Services",
        "GET Contracts/{id}/Services",
        "GET Contracts/{id}/Services/{id}",
        "POST Contracts/{id}/ServiceAdjustments",
        "GET Contracts/{id}/ServiceUnits",
        "GET Contracts/{id}/ServiceUnits/{id}",
    ] {
        assert!(log.count(route) >= 1, "{route}: {:?}", log.by_route);
    }
}

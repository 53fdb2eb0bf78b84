use std::str::FromStr;

use autotask::models::{
    BillingCode, Company, Contact, Contract, ContractService, ContractServiceUnit, NewService,
    Resource, Service,
};
use autotask::{Error, Filter, Query};
use autotask_sim::SeedProfile;
use rust_decimal::Decimal;

use crate::support::{client, sim};

#[tokio::test]
async fn every_entity_decodes_from_the_simulator() {
    let sim = sim(SeedProfile::Medium).await;
    let client = client(&sim);
    let all = Query::new();
    let companies: Vec<Company> = client.query(&Query::new().max_records(50)).await.unwrap();
    assert_eq!(companies.len(), sim.records("Companies").len());
    assert_eq!(companies[0].id, 0, "the tenant's own company");
    assert!(companies
        .iter()
        .all(|c| c.company_name.is_some() && c.is_active.is_some()));
    assert!(companies.iter().any(|c| autotask::udf_value(
        &c.user_defined_fields,
        "Customer Ranking"
    )
    .is_some()));

    let contacts: Vec<Contact> = client.query(&all).await.unwrap();
    assert!(!contacts.is_empty());
    // Contacts' isActive is an integer on the wire (§8.2).
    assert!(contacts.iter().all(|c| matches!(c.is_active, Some(0 | 1))));
    assert!(contacts.iter().any(|c| c.is_active == Some(0)));

    let contracts: Vec<Contract> = client.query(&all).await.unwrap();
    assert!(contracts.iter().any(|c| c.contract_type == Some(7)));
    assert!(contracts
        .iter()
        .any(|c| c.is_default_contract == Some(true)));
    assert!(contracts
        .iter()
        .all(|c| c.start_date.is_some() && c.end_date.is_some()));

    let services: Vec<Service> = client.query(&all).await.unwrap();
    let managed = services
        .iter()
        .find(|s| s.name.as_deref() == Some("Managed Workstation"))
        .unwrap();
    assert_eq!(
        managed.unit_price,
        Some(Decimal::from_str("45.00").unwrap())
    );

    let contract_services: Vec<ContractService> = client.query(&all).await.unwrap();
    assert!(!contract_services.is_empty());
    assert!(contract_services.iter().all(|cs| cs.unit_price.is_some()));
    let units: Vec<ContractServiceUnit> = client.query(&all).await.unwrap();
    assert!(units.iter().any(|u| u.units.unwrap_or(0) > 0));

    let resources: Vec<Resource> = client
        .query(&Query::new().filter(Filter::eq("userName", sim.config().username.as_str())))
        .await
        .unwrap();
    assert_eq!(resources.len(), 1, "the API user is a resource");
    assert_eq!(resources[0].id, autotask_sim::API_USER_RESOURCE_ID);

    let threshold = client.threshold_information().await.unwrap();
    assert_eq!(threshold.external_request_threshold, 10_000);
    assert_eq!(threshold.request_threshold_timeframe, 60);
    assert!(threshold.current_timeframe_request_count >= 8);
}

#[tokio::test]
async fn picklists_resolve_labels_to_this_tenants_numbers() {
    let sim = sim(SeedProfile::Tiny).await;
    let client = client(&sim);
    let recurring_code = client
        .picklist_value(
            "BillingCodes",
            "billingCodeType",
            "recurring contract service",
        )
        .await
        .unwrap()
        .expect("the label exists");
    assert_eq!(recurring_code, 5);
    let recurring_contract = client
        .picklist_value("Contracts", "contractType", "Recurring Service")
        .await
        .unwrap();
    assert_eq!(recurring_contract, Some(7));
    assert_eq!(
        client
            .picklist_value("Contracts", "status", "No such label")
            .await
            .unwrap(),
        None
    );
    let fields = client.fields("Contracts").await.unwrap();
    let status = fields.iter().find(|f| f.name == "status").unwrap();
    assert!(status.is_pick_list && status.is_required);
    // Field metadata is cached: three lookups, two requests.
    let log = sim.request_log();
    assert_eq!(log.count("GET Contracts/entityInformation/fields"), 1);
    assert_eq!(log.count("GET BillingCodes/entityInformation/fields"), 1);

    let codes: Vec<BillingCode> = client
        .query(
            &Query::new()
                .filter(Filter::eq("billingCodeType", recurring_code))
                .filter(Filter::eq("isActive", true)),
        )
        .await
        .unwrap();
    assert_eq!(codes.len(), 2);
    let info = client.entity_information("Contracts").await.unwrap();
    assert!(info.can_create && info.can_query && !info.can_delete);
    let udfs = client.udf_fields("Companies").await.unwrap();
    assert!(udfs.iter().any(|u| u.name == "Customer Ranking"));
}

#[tokio::test]
async fn money_keeps_every_digit() {
    let sim = sim(SeedProfile::Tiny).await;
    let client = client(&sim);
    for text in ["0.1", "19.99", "12345678.9012"] {
        let price = Decimal::from_str(text).unwrap();
        let id = client
            .create(
                "Services",
                &NewService {
                    name: format!("Priced at {text}"),
                    billing_code_id: 29_683_005,
                    period_type: 1,
                    unit_price: price,
                    unit_cost: Some(price),
                    description: None,
                    invoice_description: None,
                },
            )
            .await
            .unwrap();
        let service = client.get::<Service>(id).await.unwrap().unwrap();
        let read = service.unit_price.unwrap();
        assert_eq!(read, price, "{text}");
        // The decimal was read from the number's text: an f64 detour would not keep this scale.
        assert_eq!(read.scale(), price.scale(), "{text}");
        assert_eq!(read.to_string(), text);
        assert_eq!(service.unit_cost.unwrap().to_string(), text);
    }
}

#[tokio::test]
async fn a_field_of_the_wrong_type_names_its_json_path() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct WrongShape {
        id: i64,
        #[serde(rename = "companyName")]
        company_name: i64,
    }
    let sim = sim(SeedProfile::Tiny).await;
    let client = client(&sim);
    let err = client
        .query_as::<WrongShape>("Companies", &Query::new())
        .await
        .unwrap_err();
    match err {
        Error::Decode { path, message } => {
            assert_eq!(path, "items[0].companyName");
            assert!(message.contains("expected i64"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        sim.request_log().count("POST Companies/query"),
        1,
        "not retried"
    );
}

#[tokio::test]
async fn unknown_fields_are_ignored() {
    let sim = sim(SeedProfile::Tiny).await;
    let client = client(&sim);
    #[derive(Debug, serde::Deserialize)]
    struct JustTheName {
        #[serde(rename = "companyName")]
        company_name: String,
    }
    let named: Vec<JustTheName> = client
        .query_as("Companies", &Query::new().filter(Filter::eq("id", 0)))
        .await
        .unwrap();
    assert_eq!(named[0].company_name, "Demo MSP (your company)");
}

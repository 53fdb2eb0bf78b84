//! Recurring Service contracts: services, adjustments and the units they produce.

use crate::common::Api;
use autotask_sim::{SeedProfile, SimConfig};
use chrono::NaiveDate;
use serde_json::{json, Value};

async fn empty_tenant() -> Api {
    let api = Api::with(SimConfig {
        seed: SeedProfile::Tiny,
        ..SimConfig::default()
    })
    .await;
    api.sim.set_today(NaiveDate::from_ymd_opt(2026, 3, 15));
    api
}

async fn contract(api: &Api, company: i64, contract_type: i64) -> i64 {
    api.create("Contracts", json!({
        "companyID": company, "contractName": "Seats", "contractType": contract_type, "status": 1,
        "startDate": "2026-01-01T00:00:00", "endDate": "2026-12-31T00:00:00", "timeReportingRequiresStartAndStopTimes": 1
    })).await
}

async fn service(api: &Api) -> i64 {
    api.create("Services", json!({"name": "Endpoint", "billingCodeID": 29_683_004, "periodType": 1, "unitPrice": "4.50", "unitCost": 2.25})).await
}

/// The unit rows of a contract service by start date (ids follow creation, not dates).
async fn units(api: &Api, cs: i64) -> Vec<(String, String, i64)> {
    let mut rows: Vec<(String, String, i64)> = api
        .query(
            "ContractServiceUnits",
            json!({"filter": [{"op": "eq", "field": "contractServiceID", "value": cs}]}),
        )
        .await
        .iter()
        .map(|u| {
            (
                u["startDate"].as_str().unwrap()[..10].to_string(),
                u["endDate"].as_str().unwrap()[..10].to_string(),
                u["units"].as_i64().unwrap(),
            )
        })
        .collect();
    rows.sort();
    rows
}

#[tokio::test]
async fn services_attach_only_to_recurring_service_contracts_once() {
    let api = empty_tenant().await;
    let fields = api.get("Contracts/entityInformation/fields").await;
    let ct = fields.body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "contractType")
        .unwrap()
        .clone();
    assert!(ct["picklistValues"].as_array().unwrap().contains(&json!({"value": "7", "label": "Recurring Service", "isDefaultValue": false, "sortOrder": 5, "parentValue": "", "isActive": true, "isSystem": true})));
    let (recurring, tm, svc) = (
        contract(&api, 1, 7).await,
        contract(&api, 1, 1).await,
        service(&api).await,
    );
    let refused = api
        .post(
            &format!("Contracts/{tm}/Services"),
            json!({"contractID": tm, "serviceID": svc}),
        )
        .await;
    assert_eq!(refused.status, 500);
    assert!(refused.error_text().contains("Recurring Service"));
    let cs = api
        .create(
            &format!("Contracts/{recurring}/Services"),
            json!({"serviceID": svc, "adjustedPrice": 6}),
        )
        .await;
    let row = api
        .item(&format!("Contracts/{recurring}/Services/{cs}"))
        .await;
    assert_eq!(
        (
            row["unitPrice"].as_f64(),
            row["adjustedPrice"].as_f64(),
            row["unitCost"].as_f64()
        ),
        (Some(4.5), Some(6.0), Some(2.25))
    );
    let dup = api
        .post(
            &format!("Contracts/{recurring}/Services"),
            json!({"serviceID": svc}),
        )
        .await;
    assert_eq!(
        dup.status, 500,
        "the same service twice on a contract is refused"
    );

    // Only adjustedPrice and invoiceDescription change on update; the rest is ignored.
    let r = api.patch(&format!("Contracts/{recurring}/Services"), json!({"id": cs, "adjustedPrice": 7.5, "invoiceDescription": "Seats", "unitPrice": 99, "unitCost": 99})).await;
    assert_eq!(r.status, 200);
    let row = api.item(&format!("ContractServices/{cs}")).await;
    assert_eq!(
        (
            row["adjustedPrice"].as_f64(),
            row["unitPrice"].as_f64(),
            row["unitCost"].as_f64()
        ),
        (Some(7.5), Some(4.5), Some(2.25))
    );
    assert_eq!(row["invoiceDescription"], "Seats");
}

#[tokio::test]
async fn adjustments_move_units_per_period_and_split_a_period() {
    let api = empty_tenant().await;
    let (c, svc) = (contract(&api, 1, 7).await, service(&api).await);
    // An adjustment on a contract without the service creates the contract service.
    let a = api.post(&format!("Contracts/{c}/ServiceAdjustments"), json!({"contractID": c, "serviceID": svc, "effectiveDate": "2026-01-01T00:00:00", "unitChange": 10})).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let cs = api
        .query(
            "ContractServices",
            json!({"filter": [{"op": "eq", "field": "contractID", "value": c}]}),
        )
        .await;
    assert_eq!(cs.len(), 1);
    let cs = cs[0]["id"].as_i64().unwrap();
    let rows = units(&api, cs).await;
    assert_eq!(rows.len(), 12, "one row per month of the contract");
    assert_eq!(rows[0], ("2026-01-01".into(), "2026-01-31".into(), 10));
    assert!(rows.iter().all(|r| r.2 == 10));

    // A mid-month change splits that month; by contractServiceID, at the root route.
    let b = api.post("ContractServiceAdjustments", json!({"contractServiceID": cs, "effectiveDate": "2026-03-10T17:45:00", "unitChange": -3})).await;
    assert_eq!(b.status, 200, "{}", b.body);
    let rows = units(&api, cs).await;
    assert_eq!(rows.len(), 13);
    assert_eq!(rows[2], ("2026-03-01".into(), "2026-03-09".into(), 10));
    assert_eq!(
        rows[3],
        ("2026-03-10".into(), "2026-03-31".into(), 7),
        "the date is taken as-is"
    );
    assert_eq!(rows[12].2, 7);
    // Current seats: the row covering "today" (2026-03-15).
    let now = api
        .query(
            "ContractServiceUnits",
            json!({"filter": [
        {"op": "eq", "field": "contractServiceID", "value": cs},
        {"op": "lte", "field": "startDate", "value": "2026-03-15T00:00:00"},
        {"op": "gte", "field": "endDate", "value": "2026-03-15T00:00:00"}]}),
        )
        .await;
    assert_eq!(now.len(), 1);
    assert_eq!(
        (now[0]["units"].as_i64(), now[0]["price"].as_f64()),
        (Some(7), Some(4.5))
    );
    // Row ids are stable across recomputation.
    let before: Vec<Value> = api
        .query(
            "ContractServiceUnits",
            json!({"filter": [{"op": "eq", "field": "contractServiceID", "value": cs}]}),
        )
        .await;
    api.post(
        "ContractServiceAdjustments",
        json!({"contractServiceID": cs, "effectiveDate": "2026-06-01", "unitChange": 1}),
    )
    .await;
    let after = api
        .query(
            "ContractServiceUnits",
            json!({"filter": [{"op": "eq", "field": "contractServiceID", "value": cs}]}),
        )
        .await;
    assert_eq!(before[0]["id"], after[0]["id"]);
    let listed = api.get(&format!("Contracts/{c}/ServiceUnits")).await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 13);

    // Adjustments cannot be read back.
    assert_eq!(
        api.post("ContractServiceAdjustments/query", json!({"filter": []}))
            .await
            .status,
        405
    );
}

#[tokio::test]
async fn adjustments_outside_the_contract_or_below_zero_are_refused() {
    let api = empty_tenant().await;
    let (c, svc) = (contract(&api, 1, 7).await, service(&api).await);
    let cases = [
        (
            json!({"contractID": c, "serviceID": svc, "effectiveDate": "2025-12-31", "unitChange": 1}),
            "within the contract",
        ),
        (
            json!({"contractID": c, "serviceID": svc, "effectiveDate": "2027-01-01", "unitChange": 1}),
            "within the contract",
        ),
        (
            json!({"contractID": c, "serviceID": svc, "effectiveDate": "2026-02-01", "unitChange": -1}),
            "below zero",
        ),
        (
            json!({"contractID": c, "serviceID": svc, "unitChange": 1}),
            "effectiveDate",
        ),
        (
            json!({"contractID": c, "effectiveDate": "2026-02-01", "unitChange": 1}),
            "contractServiceID",
        ),
    ];
    for (body, needle) in cases {
        let r = api.post("ContractServiceAdjustments", body.clone()).await;
        assert_eq!(r.status, 500, "{body}");
        assert!(
            r.error_text().contains(needle),
            "{body}: {}",
            r.error_text()
        );
    }
    let tm = contract(&api, 1, 1).await;
    let r = api.post("ContractServiceAdjustments", json!({"contractID": tm, "serviceID": svc, "effectiveDate": "2026-02-01", "unitChange": 1})).await;
    assert_eq!(r.status, 500);
    assert!(
        api.query(
            "ContractServices",
            json!({"filter": [{"op": "exist", "field": "id"}]})
        )
        .await
        .is_empty(),
        "a refused adjustment creates nothing"
    );
}

#[tokio::test]
async fn one_default_contract_per_company() {
    let api = empty_tenant().await;
    let a = contract(&api, 2, 7).await;
    let b = contract(&api, 2, 1).await;
    api.patch("Contracts", json!({"id": a, "isDefaultContract": true}))
        .await;
    api.patch("Contracts", json!({"id": b, "isDefaultContract": true}))
        .await;
    assert_eq!(
        api.item(&format!("Contracts/{a}")).await["isDefaultContract"],
        false
    );
    assert_eq!(
        api.item(&format!("Contracts/{b}")).await["isDefaultContract"],
        true
    );
    let r = api
        .patch(
            "Contracts",
            json!({"id": a, "contractType": 1, "companyID": 3}),
        )
        .await;
    assert_eq!(r.status, 200);
    let c = api.item(&format!("Contracts/{a}")).await;
    assert_eq!(
        (c["contractType"].as_i64(), c["companyID"].as_i64()),
        (Some(7), Some(2)),
        "type and company are fixed after creation"
    );
    let r = api
        .patch("Contracts", json!({"id": a, "endDate": "2025-01-01"}))
        .await;
    assert_eq!(r.status, 500, "end before start");
}

#[tokio::test]
async fn metadata_describes_entities_and_picklists() {
    let api = empty_tenant().await;
    let info = api
        .get("ContractServiceAdjustments/entityInformation")
        .await;
    assert_eq!(
        (
            info.body["info"]["canCreate"].as_bool(),
            info.body["info"]["canQuery"].as_bool()
        ),
        (Some(true), Some(false))
    );
    let child_info = api
        .get("Contracts/1/Services/entityInformation/fields")
        .await;
    assert_eq!(child_info.status, 200);
    let fields = api.get("Companies/entityInformation/fields").await.body["fields"]
        .as_array()
        .unwrap()
        .clone();
    let ct = fields.iter().find(|f| f["name"] == "companyType").unwrap();
    assert_eq!(ct["isPickList"], true);
    assert!(ct["picklistValues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["value"] == "1" && p["label"] == "Customer"));
    let billing = api.get("BillingCodes/entityInformation/fields").await.body["fields"]
        .as_array()
        .unwrap()
        .clone();
    let bct = billing
        .iter()
        .find(|f| f["name"] == "billingCodeType")
        .unwrap();
    assert!(bct["picklistValues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["label"] == "Recurring Contract Service"));
    for (entity, field) in [("Contracts", "status"), ("Services", "periodType")] {
        let list = api
            .get(&format!("{entity}/entityInformation/fields"))
            .await
            .body["fields"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(
            list.iter().find(|f| f["name"] == field).unwrap()["isPickList"],
            true,
            "{entity}.{field}"
        );
    }
    let contacts = api.get("Contacts/entityInformation/fields").await.body["fields"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(
        contacts.iter().find(|f| f["name"] == "isActive").unwrap()["dataType"],
        "integer"
    );
}

//! Create, PATCH, PUT and DELETE semantics, required and read-only fields.

use crate::common::Api;
use serde_json::json;

#[tokio::test]
async fn a_company_is_created_patched_and_replaced() {
    let api = Api::start().await;
    // Property names bind in any case, as the vendor's own examples send PascalCase.
    let id = api.create("Companies", json!({"id": 0, "CompanyName": "New Co", "companyType": 1, "Phone": "555-1", "ownerResourceID": autotask_sim::ADMIN_RESOURCE_ID, "city": "Salem"})).await;
    assert!(id > 0, "the id in the body is ignored");
    let c = api.item(&format!("Companies/{id}")).await;
    assert_eq!(
        (
            c["companyName"].as_str(),
            c["city"].as_str(),
            c["isActive"].as_bool()
        ),
        (Some("New Co"), Some("Salem"), Some(true))
    );
    assert!(
        c["createDate"].is_string(),
        "read-only createDate is set by the service"
    );

    let r = api
        .patch(
            "Companies",
            json!({"id": id, "companyName": "Renamed", "createDate": "2001-01-01T00:00:00Z"}),
        )
        .await;
    assert_eq!(r.body, json!({"itemId": id}));
    let c2 = api.item(&format!("Companies/{id}")).await;
    assert_eq!(c2["companyName"], "Renamed");
    assert_eq!(c2["city"], "Salem", "PATCH leaves absent fields alone");
    assert_eq!(
        c2["createDate"], c["createDate"],
        "read-only input is ignored"
    );

    let r = api.put("Companies", json!({"id": id, "companyName": "Replaced", "companyType": 1, "phone": "555-2", "ownerResourceID": autotask_sim::ADMIN_RESOURCE_ID})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let c3 = api.item(&format!("Companies/{id}")).await;
    assert!(
        c3["city"].is_null(),
        "PUT nulls writable fields it does not send"
    );
    assert_eq!(c3["createDate"], c["createDate"]);
}

#[tokio::test]
async fn missing_required_fields_and_bad_values_get_500() {
    let api = Api::start().await;
    let cases = [
        (
            "Companies",
            json!({"companyType": 1, "phone": "1", "ownerResourceID": autotask_sim::ADMIN_RESOURCE_ID}),
            "companyName",
        ),
        (
            "Companies",
            json!({"companyName": "X", "companyType": 99, "phone": "1", "ownerResourceID": autotask_sim::ADMIN_RESOURCE_ID}),
            "picklist",
        ),
        (
            "Companies",
            json!({"companyName": "X", "companyType": 1, "phone": "1", "ownerResourceID": 1}),
            "Resource",
        ),
        (
            "Companies",
            json!({"companyName": "X", "companyType": "abc", "phone": "1", "ownerResourceID": 1}),
            "not valid",
        ),
        (
            "Companies",
            json!({"companyName": "X", "companyType": 1, "phone": "1", "ownerResourceID": autotask_sim::ADMIN_RESOURCE_ID, "isActive": "yes"}),
            "not valid",
        ),
        (
            "Contracts",
            json!({"companyID": 1, "contractName": "C"}),
            "contractType",
        ),
        (
            "Services",
            json!({"name": "S", "periodType": 1, "unitPrice": 1, "billingCodeID": 29_683_001}),
            "Recurring Contract Service",
        ),
        (
            "Services",
            json!({"name": "S", "periodType": 1, "unitPrice": 1, "billingCodeID": 29_683_006}),
            "active",
        ),
    ];
    for (entity, body, needle) in cases {
        let r = api.post(entity, body.clone()).await;
        assert_eq!(r.status, 500, "{entity} {body}");
        assert!(r.error_text().contains(needle), "{}", r.error_text());
    }
    let r = api
        .patch("Companies", json!({"companyName": "no id"}))
        .await;
    assert_eq!(r.status, 500);
    let r = api
        .patch("Companies", json!({"id": 99999, "companyName": "missing"}))
        .await;
    assert_eq!(r.status, 500);
    assert!(r.error_text().contains("No matching records"));
}

#[tokio::test]
async fn contacts_are_written_only_through_their_company() {
    let api = Api::start().await;
    let id = api
        .create(
            "Companies/2/Contacts",
            json!({"firstName": "Ada", "lastName": "Byron", "isActive": 1, "middleInitial": "K"}),
        )
        .await;
    let c = api.item(&format!("Contacts/{id}")).await;
    assert_eq!(
        (c["companyID"].as_i64(), c["isActive"].as_i64()),
        (Some(2), Some(1)),
        "isActive is an integer"
    );
    let bool_active = api
        .post(
            "Companies/2/Contacts",
            json!({"firstName": "A", "lastName": "B", "isActive": true}),
        )
        .await;
    assert_eq!(
        bool_active.status, 500,
        "isActive is not a boolean on Contacts"
    );
    let mismatch = api
        .post(
            "Companies/2/Contacts",
            json!({"firstName": "A", "lastName": "B", "isActive": 1, "companyID": 3}),
        )
        .await;
    assert_eq!(mismatch.status, 500);
    let no_parent = api
        .post(
            "Companies/99999/Contacts",
            json!({"firstName": "A", "lastName": "B", "isActive": 1}),
        )
        .await;
    assert_eq!(no_parent.status, 500);

    assert_eq!(
        api.patch("Companies/2/Contacts", json!({"id": id, "title": "CFO"}))
            .await
            .status,
        200
    );
    assert_eq!(
        api.item(&format!("Contacts/{id}")).await["middleInitial"],
        "K"
    );
    assert_eq!(
        api.patch("Companies/3/Contacts", json!({"id": id, "title": "x"}))
            .await
            .status,
        500,
        "wrong parent"
    );
    assert_eq!(
        api.put(
            "Companies/2/Contacts",
            json!({"id": id, "firstName": "Ada", "lastName": "King", "isActive": 0})
        )
        .await
        .status,
        200
    );
    let replaced = api.item(&format!("Contacts/{id}")).await;
    assert!(replaced["middleInitial"].is_null() && replaced["title"].is_null());
    assert_eq!(
        (
            replaced["companyID"].as_i64(),
            replaced["isActive"].as_i64()
        ),
        (Some(2), Some(0)),
        "companyID is kept"
    );

    assert_eq!(
        api.delete(&format!("Companies/3/Contacts/{id}"))
            .await
            .status,
        500,
        "not that company's contact"
    );
    assert_eq!(
        api.delete(&format!("Companies/2/Contacts/{id}")).await.body,
        json!({"itemId": id})
    );
    assert_eq!(
        api.get(&format!("Contacts/{id}")).await.body,
        json!({"item": null})
    );
    let again = api.delete(&format!("Companies/2/Contacts/{id}")).await;
    assert_eq!(again.status, 500);
    assert!(again.error_text().contains("No matching records found"));
}

#[tokio::test]
async fn resources_hold_the_api_user_and_can_be_patched_not_created() {
    let api = Api::start().await;
    let me = api.query("Resources", json!({"filter": [{"op": "eq", "field": "userName", "value": autotask_sim::DEMO_USERNAME}]})).await;
    assert_eq!(me.len(), 1);
    assert_eq!(me[0]["id"], autotask_sim::API_USER_RESOURCE_ID);
    assert_eq!(
        api.patch(
            "Resources",
            json!({"id": autotask_sim::ADMIN_RESOURCE_ID, "title": "Owner"})
        )
        .await
        .status,
        200
    );
    assert_eq!(
        api.post("Resources", json!({"firstName": "x"}))
            .await
            .status,
        405
    );
}

//! Version and zone discovery, authentication, and the verb matrix.

use crate::common::Api;
use autotask_sim::{SimConfig, DEMO_USERNAME};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn version_and_zone_answer_in_any_letter_case_without_credentials() {
    let api = Api::start().await;
    let base = api.sim.base_url();
    for path in [
        "atservicesrest/versioninformation",
        "ATServicesRest/VersionInformation",
    ] {
        let body: serde_json::Value = reqwest::get(format!("{base}/{path}"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(body, json!({"apiVersions": ["1.0"]}));
    }
    for path in [
        "atservicesrest/v1.0/zoneInformation",
        "ATSERVICESREST/V1.0/ZONEINFORMATION",
    ] {
        let resp = reqwest::get(format!(
            "{base}/{path}?user={}",
            DEMO_USERNAME.replace('@', "%40")
        ))
        .await
        .unwrap();
        assert_eq!(resp.status(), 200);
        let zone: serde_json::Value = resp.json().await.unwrap();
        assert_eq!(
            zone["url"],
            json!(api.sim.api_url()),
            "the zone points back at the simulator"
        );
        assert!(zone["zoneName"].is_string() && zone["webUrl"].is_string() && zone["ci"].is_i64());
    }
}

#[tokio::test]
async fn an_unknown_zone_user_gets_500_with_errors() {
    let api = Api::start().await;
    for user in ["nobody@elsewhere.example", ""] {
        let resp = reqwest::get(format!(
            "{}/v1.0/zoneInformation?user={user}",
            api.sim.zone_entry_url()
        ))
        .await
        .unwrap();
        assert_eq!(resp.status(), 500);
        let body: serde_json::Value = resp.json().await.unwrap();
        assert!(body["errors"][0]
            .as_str()
            .unwrap()
            .contains("Zone information could not be determined"));
    }
}

#[tokio::test]
async fn wrong_secret_is_401_and_wrong_integration_code_is_500() {
    let mut api = Api::start().await;
    assert_eq!(api.get("Companies/0").await.status, 200);
    api.secret = "not-the-secret".into();
    let r = api.get("Companies/0").await;
    assert_eq!(r.status, 401);
    assert!(!r.error_text().is_empty());
    assert!(
        !r.body.to_string().contains("not-the-secret"),
        "the secret is never echoed"
    );
    api.secret = autotask_sim::DEMO_SECRET.into();
    api.username = "someone-else@zorus-demo.example".into();
    assert_eq!(api.get("Companies/0").await.status, 401);
    api.username = DEMO_USERNAME.into();
    api.code = "WRONGCODE".into();
    let r = api.get("Companies/0").await;
    assert_eq!(r.status, 500);
    assert!(r.error_text().contains("IntegrationCode"));
    // No credentials at all.
    let bare = reqwest::get(api.url("Companies/0")).await.unwrap();
    assert_eq!(bare.status(), 401);
}

#[tokio::test]
async fn configured_credentials_replace_the_demo_ones() {
    let config = SimConfig {
        username: "api@msp.example".into(),
        secret: "s3cr3t".into(),
        integration_code: "CODE123".into(),
        ..SimConfig::default()
    };
    let api = Api::with(config).await;
    assert_eq!(api.get("Companies/0").await.status, 200);
    let zone = reqwest::get(format!(
        "{}/v1.0/zoneInformation?user=api@msp.example",
        api.sim.zone_entry_url()
    ))
    .await
    .unwrap();
    assert_eq!(zone.status(), 200);
    let demo = reqwest::get(format!(
        "{}/v1.0/zoneInformation?user={DEMO_USERNAME}",
        api.sim.zone_entry_url()
    ))
    .await
    .unwrap();
    assert_eq!(demo.status(), 500);
}

#[tokio::test]
async fn verbs_outside_the_matrix_get_405_and_unknown_routes_404() {
    let api = Api::start().await;
    let refused = [
        (Method::DELETE, "Companies/1"),
        (Method::DELETE, "Contracts/1"),
        (Method::POST, "Contacts"),
        (Method::PATCH, "Contacts"),
        (Method::POST, "ContractServices"),
        (Method::PATCH, "ContractServices"),
        (Method::DELETE, "ContractServices/1"),
        (Method::POST, "ContractServiceAdjustments/query"),
        (Method::GET, "ContractServiceAdjustments/1"),
        (Method::POST, "ContractServiceUnits"),
        (Method::POST, "BillingCodes"),
        (Method::POST, "Resources"),
        (Method::GET, "Contracts/1/ServiceAdjustments"),
        (Method::DELETE, "Contracts/1/Services/1"),
        (Method::POST, "Contracts/1/ServiceUnits"),
        (Method::POST, "ThresholdInformation"),
    ];
    for (method, path) in refused {
        let r = api
            .call(method.clone(), &api.url(path), Some(&json!({})))
            .await;
        assert_eq!(r.status, 405, "{method} {path}: {}", r.body);
        assert!(r.error_text().contains("does not support http method"));
    }
    for path in [
        "Widgets/query",
        "Companies/abc",
        "Companies/1/Widgets",
        "Contracts/1/Services/1/extra",
    ] {
        assert_eq!(api.get(path).await.status, 404, "{path}");
    }
    // Paths are matched in any case.
    assert_eq!(
        api.call(
            Method::GET,
            &format!("{}/atservicesrest/v1.0/companies/0", api.sim.base_url()),
            None
        )
        .await
        .status,
        200
    );
}

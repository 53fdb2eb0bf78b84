//! Everything the simulator returns, checked against the published Swagger spec: field names
//! (after the wire's camel-casing) and types, envelopes, and the verbs each path allows.
//! tests/data/swagger-subset.json is cut from the spec by tools/extract_swagger.py.

use std::collections::BTreeMap;

use crate::common::Api;
use reqwest::Method;
use serde_json::{json, Map, Value};

/// Fields the vendor documents that the published spec's models lack.
const DOCUMENTED_EXTRAS: &[(&str, &str)] = &[("ContractServiceModel", "adjustedPrice")];

fn spec() -> Value {
    serde_json::from_str(include_str!("../data/swagger-subset.json")).expect("spec subset parses")
}

/// Json.NET's camel-casing: the leading run of capitals is lowered, except the capital that starts
/// the next word (ContractID -> contractID, SICCode -> sicCode, CI -> ci).
fn camel(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = chars.clone();
    for i in 0..chars.len() {
        if !chars[i].is_uppercase() {
            break;
        }
        if i > 0 && i + 1 < chars.len() && chars[i + 1].is_lowercase() {
            break;
        }
        out[i] = chars[i].to_ascii_lowercase();
    }
    out.into_iter().collect()
}

fn model(spec: &Value, name: &str) -> BTreeMap<String, Value> {
    spec["definitions"][name]
        .as_object()
        .unwrap_or_else(|| panic!("{name} in spec"))
        .iter()
        .map(|(k, v)| (camel(k), v.clone()))
        .collect()
}

fn type_ok(decl: &Value, v: &Value) -> bool {
    if v.is_null() {
        return true;
    }
    match (decl["type"].as_str(), decl["format"].as_str()) {
        (Some("integer"), Some("int32")) => v.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        (Some("integer"), _) => v.is_i64(),
        (Some("number"), _) => v.is_number(),
        (Some("boolean"), _) => v.is_boolean(),
        (Some("string"), Some("date-time")) => v
            .as_str()
            .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok()),
        (Some("string"), _) => v.is_string(),
        (Some("array"), _) => v.is_array(),
        (None, _) if decl.get("$ref").is_some() => true,
        _ => false,
    }
}

fn check_object(spec: &Value, model_name: &str, obj: &Map<String, Value>, complete: bool) {
    let declared = model(spec, model_name);
    for (key, value) in obj {
        if DOCUMENTED_EXTRAS.contains(&(model_name, key.as_str())) {
            continue;
        }
        let decl = declared
            .get(key)
            .unwrap_or_else(|| panic!("{model_name}: the spec has no field {key}"));
        assert!(
            type_ok(decl, value),
            "{model_name}.{key}: {value} is not {decl}"
        );
        if key == "userDefinedFields" {
            for udf in value.as_array().unwrap() {
                check_object(spec, "UserDefinedField", udf.as_object().unwrap(), true);
            }
        }
    }
    if complete {
        for key in declared.keys() {
            assert!(
                obj.contains_key(key),
                "{model_name}: field {key} is missing from {obj:?}"
            );
        }
    }
}

#[tokio::test]
async fn every_returned_record_matches_its_swagger_model() {
    let api = Api::start().await;
    let spec = spec();
    // Make sure every entity has rows, including a contract service with an adjusted price.
    let c = api
        .sim
        .records("Contracts")
        .into_iter()
        .find(|c| c["contractType"] == 7)
        .expect("a recurring contract")["id"]
        .as_i64()
        .unwrap();
    let svc = api.sim.records("Services")[0]["id"].as_i64().unwrap();
    let _ = api
        .post(
            &format!("Contracts/{c}/Services"),
            json!({"serviceID": svc, "adjustedPrice": 1.25}),
        )
        .await;
    let entities = [
        ("Companies", "CompanyModel"),
        ("Contacts", "ContactModel"),
        ("Contracts", "ContractModel"),
        ("Services", "ServiceModel"),
        ("ContractServices", "ContractServiceModel"),
        ("ContractServiceUnits", "ContractServiceUnitModel"),
        ("BillingCodes", "BillingCodeModel"),
        ("Resources", "ResourceModel"),
    ];
    for (entity, model_name) in entities {
        let items = api
            .query(entity, json!({"filter": [{"op": "exist", "field": "id"}]}))
            .await;
        assert!(!items.is_empty(), "{entity} has rows to check");
        for item in &items {
            check_object(&spec, model_name, item.as_object().unwrap(), true);
        }
        // Field metadata names the same fields.
        let fields = api
            .get(&format!("{entity}/entityInformation/fields"))
            .await
            .body["fields"]
            .as_array()
            .unwrap()
            .clone();
        let declared = model(&spec, model_name);
        for f in &fields {
            check_object(&spec, "FieldInformationModel", f.as_object().unwrap(), true);
            let name = f["name"].as_str().unwrap();
            assert!(
                declared.contains_key(name) || DOCUMENTED_EXTRAS.contains(&(model_name, name)),
                "{entity} metadata field {name}"
            );
            for p in f["picklistValues"].as_array().into_iter().flatten() {
                check_object(&spec, "PickListValue", p.as_object().unwrap(), true);
            }
        }
        let info = api.get(&format!("{entity}/entityInformation")).await.body;
        check_object(
            &spec,
            "EntityInformationModel",
            info["info"].as_object().unwrap(),
            true,
        );
        let udfs = api
            .get(&format!("{entity}/entityInformation/userDefinedFields"))
            .await
            .body;
        for f in udfs["fields"].as_array().unwrap() {
            check_object(&spec, "Field", f.as_object().unwrap(), true);
        }
    }
    let adjustments = api
        .get("ContractServiceAdjustments/entityInformation/fields")
        .await
        .body;
    for f in adjustments["fields"].as_array().unwrap() {
        assert!(model(&spec, "ContractServiceAdjustmentModel")
            .contains_key(f["name"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn envelopes_match_their_result_models() {
    let api = Api::start().await;
    let spec = spec();
    let zone: Value = reqwest::get(format!(
        "{}/v1.0/zoneInformation?user={}",
        api.sim.zone_entry_url(),
        autotask_sim::DEMO_USERNAME
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    check_object(
        &spec,
        "ZoneInformationResultModel",
        zone.as_object().unwrap(),
        true,
    );
    let version: Value = reqwest::get(format!("{}/versioninformation", api.sim.zone_entry_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    check_object(
        &spec,
        "ApiVersionResultModel",
        version.as_object().unwrap(),
        true,
    );
    let count = api
        .post("Companies/query/count", json!({"filter": []}))
        .await
        .body;
    check_object(
        &spec,
        "QueryCountResultModel",
        count.as_object().unwrap(),
        true,
    );
    let threshold = api.get("ThresholdInformation").await.body;
    check_object(
        &spec,
        "ThresholdStatusResultModel",
        threshold.as_object().unwrap(),
        true,
    );
    let created = api
        .post(
            "Companies/1/Contacts",
            json!({"firstName": "A", "lastName": "B", "isActive": 1}),
        )
        .await
        .body;
    assert_eq!(
        created.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["itemId"]
    );
}

#[tokio::test]
async fn every_spec_path_of_our_entities_allows_exactly_its_verbs() {
    let api = Api::start().await;
    let spec = spec();
    let implemented_children = ["Contacts", "Services", "ServiceAdjustments", "ServiceUnits"];
    let mut checked = 0;
    for (path, verbs) in spec["paths"].as_object().unwrap() {
        let segs: Vec<&str> = path.split('/').skip(2).collect();
        if segs.first().is_some_and(|s| *s == "ZoneInformation") {
            continue;
        }
        if segs.len() >= 3 && segs[1] == "{parentId}" && !implemented_children.contains(&segs[2]) {
            continue; // a child collection outside the billing integration's needs
        }
        let concrete = path
            .trim_start_matches("/V1.0/")
            .replace("{parentId}", "1")
            .replace("{id}", "1");
        let allowed: Vec<&str> = verbs
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        for verb in ["GET", "POST", "PATCH", "PUT", "DELETE"] {
            let method = Method::from_bytes(verb.as_bytes()).unwrap();
            let body = (verb != "GET" && verb != "DELETE").then(|| json!({"filter": []}));
            let r = api.call(method, &api.url(&concrete), body.as_ref()).await;
            if allowed.contains(&verb) {
                assert!(
                    r.status != 404 && r.status != 405,
                    "{verb} {path} is in the spec but got {}: {}",
                    r.status,
                    r.body
                );
            } else {
                assert_eq!(
                    r.status, 405,
                    "{verb} {path} is not in the spec but got {}: {}",
                    r.status, r.body
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "checked {checked} path/verb pairs");
}

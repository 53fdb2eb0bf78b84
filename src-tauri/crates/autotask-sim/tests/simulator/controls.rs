//! The `/_sim/` controls over HTTP, seeding and the binary.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::common::Api;
use autotask_sim::{SeedProfile, SimConfig};
use serde_json::{json, Value};

async fn control(api: &Api, method: reqwest::Method, path: &str, body: Value) -> Value {
    let resp = api
        .http
        .request(method, format!("{}/_sim/{path}", api.sim.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{path}");
    resp.json().await.unwrap()
}

#[tokio::test]
async fn seeds_are_deterministic_and_reset_restores_the_seed() {
    let a = Api::with(SimConfig {
        seed: SeedProfile::Small,
        seed_number: 7,
        ..SimConfig::default()
    })
    .await;
    let b = Api::with(SimConfig {
        seed: SeedProfile::Small,
        seed_number: 7,
        ..SimConfig::default()
    })
    .await;
    let c = Api::with(SimConfig {
        seed: SeedProfile::Small,
        seed_number: 8,
        ..SimConfig::default()
    })
    .await;
    let names = |api: &Api| {
        api.sim
            .records("Companies")
            .iter()
            .map(|c| c["companyName"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&a), names(&b));
    assert_ne!(names(&a), names(&c));
    assert_eq!(names(&a).len(), 51, "50 companies and the tenant's own");

    let counts = control(&a, reqwest::Method::GET, "state", Value::Null).await;
    assert_eq!(counts["Companies"], 51);
    assert!(counts["Contacts"].as_u64().unwrap() >= 50);
    let contracts = a.sim.records("Contracts");
    assert!(contracts
        .iter()
        .any(|c| c["contractType"] == 7 && c["isDefaultContract"] == true));
    assert!(contracts
        .iter()
        .any(|c| c["contractType"] != 7 && c["isDefaultContract"] == true));
    assert!(a
        .sim
        .records("BillingCodes")
        .iter()
        .any(|b| b["billingCodeType"] == 5 && b["isActive"] == true));
    assert!(!a.sim.records("ContractServiceUnits").is_empty());

    a.create(
        "Companies/1/Contacts",
        json!({"firstName": "Temp", "lastName": "Person", "isActive": 1}),
    )
    .await;
    control(&a, reqwest::Method::POST, "reset", Value::Null).await;
    assert_eq!(names(&a), names(&b));
    assert!(!a
        .sim
        .records("Contacts")
        .iter()
        .any(|c| c["lastName"] == "Person"));
    assert_eq!(a.sim.request_log().api_calls(), 0, "reset clears the log");

    control(
        &a,
        reqwest::Method::POST,
        "seed",
        json!({"profile": "tiny", "seed": 3}),
    )
    .await;
    assert_eq!(a.sim.records("Companies").len(), 6);
    let state = control(&a, reqwest::Method::GET, "state/Companies", Value::Null).await;
    assert_eq!(state["items"].as_array().unwrap().len(), 6);
}

#[tokio::test]
async fn controls_set_faults_latency_limits_clock_and_read_the_log() {
    let api = Api::start().await;
    control(&api, reqwest::Method::POST, "faults", json!({"method": "GET", "path": "/Companies/0", "action": {"kind": "status", "status": 502}})).await;
    assert_eq!(api.get("Companies/0").await.status, 502);
    assert_eq!(api.get("Companies/0").await.status, 200);
    control(
        &api,
        reqwest::Method::POST,
        "faults",
        json!({"path": "/Companies/0", "times": 5, "action": {"kind": "status", "status": 500}}),
    )
    .await;
    control(&api, reqwest::Method::DELETE, "faults", Value::Null).await;
    assert_eq!(api.get("Companies/0").await.status, 200);

    control(
        &api,
        reqwest::Method::POST,
        "limits",
        json!({"hourlyThreshold": 50}),
    )
    .await;
    assert_eq!(
        api.get("ThresholdInformation").await.body["externalRequestThreshold"],
        50
    );
    control(
        &api,
        reqwest::Method::POST,
        "latency",
        json!({"fixedMs": 1}),
    )
    .await;

    let log = control(&api, reqwest::Method::GET, "log", Value::Null).await;
    assert_eq!(log["byRoute"]["GET Companies/{id}"], 3);
    assert_eq!(log["peakConcurrency"]["Companies"], 1);
    control(&api, reqwest::Method::DELETE, "log", Value::Null).await;
    assert_eq!(api.sim.request_log().total, 0);

    control(
        &api,
        reqwest::Method::POST,
        "clock",
        json!({"today": "2030-01-02"}),
    )
    .await;
    control(&api, reqwest::Method::POST, "reset", Value::Null).await;
    let contracts = api.sim.records("Contracts");
    assert!(contracts
        .iter()
        .all(|c| c["startDate"].as_str().unwrap() < "2030-01-02"));
    assert!(
        contracts
            .iter()
            .any(|c| c["startDate"].as_str().unwrap() >= "2029-01-01"),
        "seeded relative to the simulated today"
    );
    let bad = api
        .http
        .post(format!("{}/_sim/clock", api.sim.base_url()))
        .json(&json!({"today": "soon"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
}

#[test]
fn the_binary_takes_its_port_seed_and_credentials_from_flags() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_autotask-sim"))
        .args([
            "--port",
            "0",
            "--seed",
            "tiny",
            "--seed-number",
            "4",
            "--username",
            "flag@msp.example",
            "--secret",
            "flag-secret",
            "--integration-code",
            "FLAGCODE",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .expect("first line names the address")
        .to_string();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (zone, count) = rt.block_on(async {
        let zone = reqwest::get(format!(
            "{base}/atservicesrest/v1.0/zoneInformation?user=flag@msp.example"
        ))
        .await
        .unwrap()
        .status();
        let count: Value = reqwest::Client::new()
            .post(format!("{base}/ATServicesRest/V1.0/Companies/query/count"))
            .header("UserName", "flag@msp.example")
            .header("Secret", "flag-secret")
            .header("ApiIntegrationCode", "FLAGCODE")
            .json(&json!({"filter": [{"op": "gte", "field": "id", "value": 0}]}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        (zone, count)
    });
    child.kill().ok();
    child.wait().ok();
    assert_eq!(zone, 200);
    assert_eq!(count, json!({"queryCount": 6}));
    let bad = Command::new(env!("CARGO_BIN_EXE_autotask-sim"))
        .args(["--seed", "huge"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown profile"));
}

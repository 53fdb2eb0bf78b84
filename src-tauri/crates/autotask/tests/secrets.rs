//! No error kind's message or Debug output, and no log line, carries the secret.

use autotask::models::{Company, NewCompany};
use autotask::{Client, Error, IntegrationCode, Query, Secret};
use autotask_sim::{FaultAction, FaultRule, SeedProfile, SimHandle, ADMIN_RESOURCE_ID};

use crate::support::{config, log_capture, sim, SECRET};

fn always(sim: &SimHandle, method: &str, path: &str, action: FaultAction) {
    sim.clear_faults();
    sim.add_fault(FaultRule {
        times: 1_000,
        ..FaultRule::new(method, path, action)
    });
}

fn new_company() -> NewCompany {
    NewCompany {
        company_name: "Leak Check LLC".into(),
        company_type: 1,
        owner_resource_id: ADMIN_RESOURCE_ID,
        phone: "555-0000".into(),
        is_active: None,
        user_defined_fields: vec![],
    }
}

#[tokio::test]
async fn no_error_kind_and_no_log_line_contains_the_secret() {
    // The capture is process-wide, so it also holds what tests running beside this one logged.
    let capture = log_capture();

    let sim = sim(SeedProfile::Small).await;
    let client = Client::new(config(&sim)).unwrap();
    let mut errors: Vec<Error> = Vec::new();

    let mut wrong = config(&sim);
    wrong.secret = Secret::new(format!("{SECRET}-but-wrong"));
    errors.push(
        Client::new(wrong)
            .unwrap()
            .get::<Company>(0)
            .await
            .unwrap_err(),
    );

    let mut stranger = config(&sim);
    stranger.username = "stranger@nowhere.example".into();
    errors.push(
        Client::new(stranger)
            .unwrap()
            .get::<Company>(0)
            .await
            .unwrap_err(),
    );

    let mut bad_code = config(&sim);
    bad_code.integration_code = IntegrationCode::resolve(Some("BADCODE")).unwrap();
    errors.push(
        Client::new(bad_code)
            .unwrap()
            .get::<Company>(0)
            .await
            .unwrap_err(),
    );

    let faults = [
        FaultAction::Status {
            status: 403,
            message: None,
        },
        FaultAction::Status {
            status: 404,
            message: None,
        },
        FaultAction::ThreadLimit,
        FaultAction::Status {
            status: 429,
            message: None,
        },
        FaultAction::Status {
            status: 503,
            message: None,
        },
        FaultAction::Drop,
        // A service that echoed the secret back must not get it into an error either.
        FaultAction::Status {
            status: 400,
            message: Some(format!("header Secret={SECRET} is odd")),
        },
    ];
    for action in faults {
        always(&sim, "GET", "/Companies/0", action);
        errors.push(client.get::<Company>(0).await.unwrap_err());
    }
    sim.clear_faults();

    errors.push(
        client
            .create("Companies", &serde_json::json!({"phone": "1"}))
            .await
            .unwrap_err(),
    );
    always(
        &sim,
        "POST",
        "/V1.0/Companies",
        FaultAction::DropAfterCommit,
    );
    errors.push(
        client
            .create("Companies", &new_company())
            .await
            .unwrap_err(),
    );
    sim.clear_faults();

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Wrong {
        #[serde(rename = "companyName")]
        company_name: bool,
    }
    errors.push(
        client
            .query_as::<Wrong>("Companies", &Query::new())
            .await
            .unwrap_err(),
    );

    let page = client
        .query_page::<Company>("Companies", &Query::new().max_records(2))
        .await
        .unwrap();
    let foreign = page
        .next_page_url()
        .unwrap()
        .replace("127.0.0.1", "collector.example");
    errors.push(
        client
            .next_page::<Company>("Companies", &foreign, &Query::new())
            .await
            .unwrap_err(),
    );

    let mut short = config(&sim);
    short.max_pages = 1;
    errors.push(
        Client::new(short)
            .unwrap()
            .query::<Company>(&Query::new().max_records(2))
            .await
            .unwrap_err(),
    );
    errors.push(
        config(&sim)
            .with_zone_entry_url("http://webservices2.autotask.net/atservicesrest")
            .unwrap_err(),
    );

    let codes: std::collections::BTreeSet<&str> = errors.iter().map(Error::code).collect();
    let every_kind = [
        "invalid_credentials",
        "unknown_user_or_zone",
        "integration_code_refused",
        "forbidden",
        "not_found",
        "validation",
        "thread_limit",
        "threshold_reached",
        "server_error",
        "unknown_outcome",
        "transport",
        "decode",
        "foreign_host",
        "paging_loop",
        "config",
    ];
    assert_eq!(
        codes,
        every_kind.into_iter().collect(),
        "every kind was produced"
    );
    for e in &errors {
        let shown = format!("{e} | {e:?}");
        assert!(!shown.contains(SECRET), "leak in {}: {shown}", e.code());
    }
    let echoed = errors
        .iter()
        .find(|e| matches!(e, Error::Validation { status: 400, .. }))
        .unwrap();
    assert!(echoed.to_string().contains("<redacted>"), "{echoed}");

    let shown = format!("{client:?} {:?}", config(&sim));
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(shown.contains("<redacted>"));

    let logs = capture.text();
    assert!(
        logs.contains("autotask.request"),
        "the capture saw the client's spans"
    );
    assert!(
        logs.contains("entity=\"Companies\"") || logs.contains("entity=Companies"),
        "{logs}"
    );
    assert!(
        logs.contains("attempt=4"),
        "retries are visible in the spans"
    );
    assert!(logs.contains("status=200"));
    assert!(logs.contains("verb=GET") && logs.contains("verb=POST"));
    assert!(logs.contains("duration_ms="));
    assert!(!logs.contains(SECRET), "a log line carries the secret");
}

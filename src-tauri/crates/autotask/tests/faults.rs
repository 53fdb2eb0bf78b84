//! Every fault the simulator can inject, on reads and on writes.

use std::time::Duration;

use autotask::models::{Company, CompanyPatch, NewCompany};
use autotask::{Error, Patch};
use autotask_sim::{FaultAction, FaultRule, SeedProfile, SimHandle, ADMIN_RESOURCE_ID};

use crate::support::{client, config, sim};

fn fault(sim: &SimHandle, method: &str, path: &str, action: FaultAction, times: u32) {
    sim.add_fault(FaultRule {
        times,
        ..FaultRule::new(method, path, action)
    });
}

fn status(status: u16) -> FaultAction {
    FaultAction::Status {
        status,
        message: None,
    }
}

fn company(name: &str) -> NewCompany {
    NewCompany {
        company_name: name.into(),
        company_type: 1,
        owner_resource_id: ADMIN_RESOURCE_ID,
        phone: "555-0123".into(),
        is_active: None,
        user_defined_fields: vec![],
    }
}

fn named(sim: &SimHandle, name: &str) -> usize {
    sim.records("Companies")
        .iter()
        .filter(|c| c["companyName"] == name)
        .count()
}

#[tokio::test]
async fn reads_are_retried_through_every_transient_fault() {
    let sim = sim(SeedProfile::Tiny).await;
    let client = client(&sim);
    let transient = [
        status(500),
        status(502),
        status(503),
        FaultAction::ThreadLimit,
        FaultAction::Drop,
        FaultAction::DropAfterCommit,
        FaultAction::MalformedJson,
        FaultAction::DelayAfterCommit { ms: 400 },
    ];
    let mut cfg = config(&sim);
    cfg.timeout = Duration::from_millis(200);
    let impatient = autotask::Client::new(cfg).unwrap();
    for action in transient {
        fault(&sim, "GET", "/Companies/0", action.clone(), 2);
        let before = impatient.usage().sent_last_hour;
        let c = impatient.get::<Company>(0).await;
        assert_eq!(c.unwrap().unwrap().id, 0, "{action:?}");
        // The simulator does not log a dropped connection, so count the client's attempts.
        let attempts = impatient.usage().sent_last_hour - before;
        assert_eq!(attempts, 3, "{action:?}: two failures, then success");
        sim.clear_faults();
    }
    assert!(client.get::<Company>(0).await.is_ok());
    // Let the delayed answers' server tasks finish before the simulator goes away.
    tokio::time::sleep(Duration::from_millis(400)).await;
}

type IsKind = fn(&Error) -> bool;

#[tokio::test]
async fn persistent_faults_end_in_their_error_kind() {
    let sim = sim(SeedProfile::Tiny).await;
    let client = client(&sim);
    let cases: Vec<(FaultAction, IsKind, u64)> = vec![
        (
            status(503),
            |e| matches!(e, Error::Server { status: 503, .. }),
            4,
        ),
        (
            status(500),
            |e| matches!(e, Error::Server { status: 500, .. }),
            4,
        ),
        (
            FaultAction::ThreadLimit,
            |e| matches!(e, Error::ThreadLimit { .. }),
            4,
        ),
        (
            FaultAction::MalformedJson,
            |e| matches!(e, Error::Transport { .. }),
            4,
        ),
        (
            FaultAction::Drop,
            |e| matches!(e, Error::Transport { .. }),
            4,
        ),
        (status(403), |e| matches!(e, Error::Forbidden { .. }), 1),
        (status(404), |e| matches!(e, Error::NotFound { .. }), 1),
        (
            status(400),
            |e| matches!(e, Error::Validation { status: 400, .. }),
            1,
        ),
        (
            status(429),
            |e| matches!(e, Error::ThresholdReached { .. }),
            4,
        ),
    ];
    for (action, is_kind, attempts) in cases {
        sim.clear_faults();
        fault(&sim, "GET", "/Companies/0", action.clone(), 100);
        let before = client.usage().sent_last_hour;
        let err = client.get::<Company>(0).await.unwrap_err();
        assert!(is_kind(&err), "{action:?}: {err:?}");
        assert_eq!(
            client.usage().sent_last_hour - before,
            attempts,
            "{action:?}"
        );
    }
}

#[tokio::test]
async fn a_create_refused_before_any_work_is_retried_and_made_once() {
    let sim = sim(SeedProfile::Tiny).await;
    let client = client(&sim);
    fault(&sim, "POST", "/V1.0/Companies", FaultAction::ThreadLimit, 2);
    let id = client
        .create("Companies", &company("Thread Limited LLC"))
        .await
        .unwrap();
    assert!(id > 0);
    assert_eq!(named(&sim, "Thread Limited LLC"), 1);
    assert_eq!(sim.request_log().count("POST Companies"), 3);
}

#[tokio::test]
async fn a_create_without_an_answer_is_an_unknown_outcome_and_never_resent() {
    let sim = sim(SeedProfile::Tiny).await;
    let mut cfg = config(&sim);
    cfg.timeout = Duration::from_millis(300);
    let client = autotask::Client::new(cfg).unwrap();
    // (fault, whether the simulator did the work before failing)
    let cases = [
        (FaultAction::Drop, false),
        (FaultAction::DropAfterCommit, true),
        (FaultAction::MalformedJson, true),
        (FaultAction::DelayAfterCommit { ms: 1_000 }, true),
        (status(502), false),
    ];
    for (i, (action, committed)) in cases.into_iter().enumerate() {
        let name = format!("Unknown Outcome {i} Co.");
        sim.clear_faults();
        fault(&sim, "POST", "/V1.0/Companies", action.clone(), 1);
        let before = client.usage().sent_last_hour;
        let err = client
            .create("Companies", &company(&name))
            .await
            .unwrap_err();
        match &err {
            Error::UnknownOutcome { verb, entity, .. } => {
                assert_eq!(verb, "POST");
                assert_eq!(entity, "Companies");
            }
            other => panic!("{action:?}: {other:?}"),
        }
        let sent = client.usage().sent_last_hour - before;
        assert_eq!(sent, 1, "{action:?}: the create was not sent again");
        assert_eq!(named(&sim, &name), usize::from(committed), "{action:?}");
    }
    // Wait out the delayed answer's server task before the simulator goes away.
    tokio::time::sleep(Duration::from_millis(800)).await;
}

#[tokio::test]
async fn a_create_refused_by_the_service_is_a_validation_error() {
    let sim = sim(SeedProfile::Tiny).await;
    let client = client(&sim);
    fault(
        &sim,
        "POST",
        "/V1.0/Companies",
        FaultAction::Status {
            status: 500,
            message: Some("Company names must be unique.".into()),
        },
        1,
    );
    let err = client
        .create("Companies", &company("Refused Ltd"))
        .await
        .unwrap_err();
    match err {
        Error::Validation { status, messages } => {
            assert_eq!(status, 500);
            assert_eq!(messages, ["Company names must be unique."]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(named(&sim, "Refused Ltd"), 0);
    assert_eq!(sim.request_log().count("POST Companies"), 1);
}

#[tokio::test]
async fn a_patch_that_lost_its_answer_is_sent_again() {
    let sim = sim(SeedProfile::Tiny).await;
    let client = client(&sim);
    fault(
        &sim,
        "PATCH",
        "/V1.0/Companies",
        FaultAction::DropAfterCommit,
        1,
    );
    let patch = CompanyPatch {
        id: 0,
        city: Patch::Value("Fairview".into()),
        ..CompanyPatch::default()
    };
    assert_eq!(client.patch("Companies", &patch).await.unwrap(), 0);
    assert_eq!(sim.record("Companies", 0).unwrap()["city"], "Fairview");
    assert_eq!(
        client.usage().sent_last_hour,
        2,
        "one lost answer, one retry"
    );
}

#[tokio::test]
async fn an_unreachable_service_is_a_transport_error() {
    let sim = sim(SeedProfile::Tiny).await;
    let mut cfg = config(&sim);
    // A port nothing listens on: bind one, note it, close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    cfg = cfg
        .with_zone_entry_url(&format!("http://127.0.0.1:{port}/atservicesrest"))
        .unwrap();
    let err = autotask::Client::new(cfg)
        .unwrap()
        .zone()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

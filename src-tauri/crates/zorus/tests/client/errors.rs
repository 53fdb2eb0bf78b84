use std::time::Duration;

use zorus::{ApiKey, Client, ClientConfig, CustomerFilter, Error};
use zorus_sim::{FaultAction, FaultRule, SeedProfile, SimConfig, DEMO_API_KEY};

use crate::{client, config_for, sim, sim_with};

fn status(status: u16) -> FaultAction {
    FaultAction::status(status, &format!("injected {status}"))
}

#[tokio::test]
async fn a_rejected_body_is_406() {
    // A real rejection: the simulator allows at most 50 a page and the client asks for 100.
    let sim = sim_with(SimConfig {
        seed: SeedProfile::Small,
        max_page_size: 50,
        ..SimConfig::default()
    })
    .await;
    let err = client(&sim)
        .customers(&CustomerFilter::default())
        .await
        .expect_err("rejected");
    match &err {
        Error::Rejected { status, detail } => {
            assert_eq!(*status, 406);
            assert!(detail.contains("pageSize"), "{detail}");
        }
        other => panic!("expected Rejected, got {other:?}"),
    }
    assert_eq!(err.code(), "zorus_rejected");
}

#[tokio::test]
async fn server_errors_and_throttling_are_transient() {
    let sim = sim(SeedProfile::Tiny).await;
    for code in [500, 502, 503, 429] {
        sim.add_fault(FaultRule::post("customers", status(code)));
        let err = client(&sim).probe().await.expect_err("fails");
        match &err {
            Error::Server { status, detail, .. } => {
                assert_eq!(*status, code);
                assert_eq!(detail, &format!("injected {code}"));
            }
            other => panic!("{code}: expected Server, got {other:?}"),
        }
        assert!(err.is_transient());
    }
    sim.add_fault(FaultRule::post("customers", status(404)));
    let err = client(&sim).probe().await.expect_err("fails");
    assert!(
        matches!(err, Error::UnexpectedStatus { status: 404, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let sim = sim(SeedProfile::Tiny).await;
    sim.add_fault(FaultRule::post(
        "customers",
        FaultAction::DelayAfterCommit { ms: 2_000 },
    ));
    let mut config = config_for(&sim, DEMO_API_KEY);
    config.timeout = Duration::from_millis(300);
    let err = Client::new(config)
        .expect("client")
        .probe()
        .await
        .expect_err("slow");
    assert!(matches!(err, Error::Timeout), "{err:?}");
    assert_eq!(err.code(), "zorus_timeout");
    assert!(err.is_transient());
}

#[tokio::test]
async fn a_dropped_connection_or_a_closed_port_is_a_transport_error() {
    let sim = sim(SeedProfile::Tiny).await;
    sim.add_fault(FaultRule::post("customers", FaultAction::Drop));
    let err = client(&sim).probe().await.expect_err("dropped");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");

    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let mut config = ClientConfig::new(ApiKey::new("k"))
        .with_base_url(&format!("http://127.0.0.1:{closed}"))
        .expect("loopback");
    config.retry = zorus::RetryPolicy::never();
    let err = Client::new(config)
        .expect("client")
        .probe()
        .await
        .expect_err("refused");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(err.code(), "zorus_unreachable");
}

#[tokio::test]
async fn malformed_json_names_where_it_broke() {
    let sim = sim(SeedProfile::Small).await;
    sim.add_fault(FaultRule::post("customers", FaultAction::MalformedJson));
    let err = client(&sim)
        .customers(&CustomerFilter::default())
        .await
        .expect_err("cut short");
    match &err {
        Error::MalformedJson { path, message } => {
            // Half of a 25-customer page breaks somewhere inside an item.
            assert!(path.starts_with('['), "path {path}");
            assert!(message.contains("EOF"), "message {message}");
        }
        other => panic!("expected MalformedJson, got {other:?}"),
    }
    assert_eq!(err.code(), "zorus_malformed_json");
}

#[tokio::test]
async fn a_customer_without_a_name_fails_the_whole_list() {
    let sim = sim(SeedProfile::Small).await;
    let victim = sim.customers()[7].uuid.clone();
    for blank in [None, Some(""), Some("   ")] {
        sim.rename_customer(&victim, blank);
        let err = client(&sim)
            .customers(&CustomerFilter::default())
            .await
            .expect_err("refused");
        match &err {
            Error::EmptyCustomerName { uuid } => assert_eq!(uuid, &victim),
            other => panic!("expected EmptyCustomerName, got {other:?}"),
        }
        assert_eq!(err.code(), "zorus_empty_customer_name");
    }
}

#[test]
fn plain_http_to_another_host_is_refused() {
    let err = ClientConfig::new(ApiKey::new("k"))
        .with_base_url("http://developer.zorustech.com")
        .expect_err("refused");
    assert!(matches!(err, Error::Config(_)));
    assert_eq!(err.code(), "zorus_config");
}

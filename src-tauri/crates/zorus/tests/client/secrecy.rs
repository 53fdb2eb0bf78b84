use std::collections::BTreeSet;
use std::time::Duration;

use zorus::{ApiKey, Client, ClientConfig, CustomerFilter, Error};
use zorus_sim::{FaultAction, FaultRule, Quirks, SeedProfile, SimConfig};

use crate::{config_for, sim_with};

const KEY: &str = "zk-SECRET-7f3a9c0d";

fn echoing(status: u16) -> FaultAction {
    // A server that echoes the credential in its error text: the client must scrub it.
    FaultAction::status(status, &format!("bad header Impersonation {KEY}"))
}

/// Names each kind with an exhaustive match: a new variant will not compile until this test
/// produces it too.
fn kind(err: &Error) -> &'static str {
    match err {
        Error::InvalidKey { .. } => "invalid key",
        Error::Rejected { .. } => "rejected",
        Error::Timeout => "timeout",
        Error::Transport(_) => "transport",
        Error::MalformedJson { .. } => "malformed json",
        Error::Server { .. } => "server",
        Error::UnexpectedStatus { .. } => "unexpected status",
        Error::EmptyCustomerName { .. } => "empty customer name",
        Error::PageCapReached { .. } => "page cap",
        Error::Config(_) => "config",
    }
}

const KINDS: usize = 10;

fn assert_no_key(err: &Error) {
    let shown = format!("{err} | {err:?}");
    assert!(!shown.contains(KEY), "the key leaked: {shown}");
    assert!(
        !shown.contains("7f3a9c0d"),
        "part of the key leaked: {shown}"
    );
}

/// Every error kind, each produced the way it happens in use, shows no trace of the key.
#[tokio::test]
async fn no_error_kind_carries_the_key() {
    let sim = sim_with(SimConfig {
        seed: SeedProfile::Small,
        api_key: KEY.into(),
        ..SimConfig::default()
    })
    .await;
    let good = || Client::new(config_for(&sim, KEY)).expect("client");
    let mut errors = Vec::new();

    // A wrong key that contains the real one, to prove it is not echoed either.
    let wrong = Client::new(config_for(&sim, &format!("{KEY}-old"))).expect("client");
    errors.push(wrong.probe().await.expect_err("401"));

    sim.add_fault(FaultRule::post("customers", echoing(406)));
    errors.push(good().probe().await.expect_err("406"));
    sim.add_fault(FaultRule::post("customers", echoing(500)));
    errors.push(good().probe().await.expect_err("500"));
    sim.add_fault(FaultRule::post("customers", echoing(404)));
    errors.push(good().probe().await.expect_err("404"));

    sim.add_fault(FaultRule::post(
        "customers",
        FaultAction::DelayAfterCommit { ms: 2_000 },
    ));
    let mut slow = config_for(&sim, KEY);
    slow.timeout = Duration::from_millis(200);
    errors.push(
        Client::new(slow)
            .expect("client")
            .probe()
            .await
            .expect_err("timeout"),
    );

    sim.add_fault(FaultRule::post("customers", FaultAction::Drop));
    errors.push(good().probe().await.expect_err("dropped"));

    sim.add_fault(FaultRule::post("customers", FaultAction::MalformedJson));
    errors.push(
        good()
            .customers(&CustomerFilter::default())
            .await
            .expect_err("malformed"),
    );

    let victim = sim.customers()[0].uuid.clone();
    sim.rename_customer(&victim, None);
    errors.push(
        good()
            .customers(&CustomerFilter::default())
            .await
            .expect_err("blank name"),
    );
    sim.rename_customer(&victim, Some("Back Again"));

    sim.set_quirks(Quirks {
        ignore_page: true,
        ..Quirks::default()
    });
    let mut capped = config_for(&sim, KEY);
    capped.customer_page_size = 5;
    capped.max_pages = 2;
    errors.push(
        Client::new(capped)
            .expect("client")
            .customers(&CustomerFilter::default())
            .await
            .expect_err("cap"),
    );

    let remote = ClientConfig::new(ApiKey::new(KEY)).with_base_url("http://192.0.2.1");
    errors.push(remote.expect_err("config"));

    let codes: BTreeSet<&str> = errors.iter().map(Error::code).collect();
    let every: BTreeSet<&str> = [
        "zorus_invalid_key",
        "zorus_rejected",
        "zorus_timeout",
        "zorus_unreachable",
        "zorus_malformed_json",
        "zorus_server_error",
        "zorus_unexpected_status",
        "zorus_empty_customer_name",
        "zorus_page_cap",
        "zorus_config",
    ]
    .into();
    assert_eq!(codes, every, "each kind of error is produced once");
    let kinds: BTreeSet<&str> = errors.iter().map(kind).collect();
    assert_eq!(kinds.len(), KINDS);
    for err in &errors {
        assert_no_key(err);
    }
    // The scrubbed text still says what happened.
    let rejected = errors
        .iter()
        .find(|e| e.code() == "zorus_rejected")
        .expect("one");
    assert!(
        rejected.to_string().contains("Impersonation <redacted>"),
        "{rejected}"
    );
}

#[test]
fn config_and_client_debug_output_hide_the_key() {
    let config = ClientConfig::new(ApiKey::new(KEY));
    let shown = format!("{config:?}");
    assert!(shown.contains("<redacted>"));
    assert!(!shown.contains(KEY));
    let client = Client::new(config).expect("client");
    assert!(!format!("{client:?}").contains(KEY));
}

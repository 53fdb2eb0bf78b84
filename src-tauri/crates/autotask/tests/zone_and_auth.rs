use std::sync::Arc;
use std::time::Duration;

use autotask::models::Company;
use autotask::{Client, ClientConfig, Error, IntegrationCode, Query, Secret, ZoneCache, ZoneInfo};
use autotask_sim::SeedProfile;

use crate::support::{self, config, sim};

#[tokio::test]
async fn zone_is_discovered_once_and_shared_per_username() {
    let sim = sim(SeedProfile::Tiny).await;
    let cache = Arc::new(ZoneCache::new(Duration::from_secs(24 * 3600)));
    let a = Client::with_zone_cache(config(&sim), Arc::clone(&cache)).unwrap();
    let b = Client::with_zone_cache(config(&sim), Arc::clone(&cache)).unwrap();
    let zone = a.zone().await.unwrap();
    assert_eq!(zone.url, sim.api_url());
    assert_eq!(zone.zone_name.as_deref(), Some("Simulator Zone"));
    a.get::<Company>(0).await.unwrap();
    b.get::<Company>(0).await.unwrap();
    a.get::<Company>(0).await.unwrap();
    let log = sim.request_log();
    assert_eq!(log.count("GET zoneInformation"), 1);
    assert_eq!(log.count("GET Companies/{id}"), 3);
    assert!(cache.get(&sim.config().username.to_uppercase()).is_some());
}

#[tokio::test]
async fn a_401_discovers_the_zone_once_more_then_reports_invalid_credentials() {
    let sim = sim(SeedProfile::Tiny).await;
    let mut cfg = config(&sim);
    cfg.secret = Secret::new("wrong-secret");
    let client = Client::new(cfg).unwrap();
    let err = client.get::<Company>(0).await.unwrap_err();
    assert!(matches!(err, Error::InvalidCredentials), "{err:?}");
    let log = sim.request_log();
    assert_eq!(log.count("GET zoneInformation"), 2, "{:?}", log.by_route);
    assert_eq!(
        log.count("GET Companies/{id}"),
        1,
        "the same zone is not asked twice"
    );
}

#[tokio::test]
async fn a_401_from_a_stale_zone_moves_to_the_rediscovered_zone() {
    let home = sim(SeedProfile::Tiny).await;
    // Another tenant's host stands in for the zone this user used to be on.
    let old = autotask_sim::Simulator::start(autotask_sim::SimConfig {
        secret: "another-tenant".into(),
        ..autotask_sim::SimConfig::default()
    })
    .await
    .unwrap();
    let cache = Arc::new(ZoneCache::new(Duration::from_secs(3600)));
    cache.insert(
        &home.config().username,
        ZoneInfo {
            zone_name: Some("old".into()),
            url: old.api_url(),
            web_url: None,
            ci: None,
        },
    );
    let client = Client::with_zone_cache(config(&home), Arc::clone(&cache)).unwrap();
    let company = client.get::<Company>(0).await.unwrap().unwrap();
    assert_eq!(company.id, 0);
    assert_eq!(old.request_log().count("GET Companies/{id}"), 1);
    assert_eq!(home.request_log().count("GET zoneInformation"), 1);
    assert_eq!(home.request_log().count("GET Companies/{id}"), 1);
    assert_eq!(
        cache.get(&home.config().username).unwrap().url,
        home.api_url()
    );
}

#[tokio::test]
async fn an_unknown_username_is_its_own_error() {
    let sim = sim(SeedProfile::Tiny).await;
    let mut cfg = config(&sim);
    cfg.username = "nobody@unknown.example".into();
    let err = Client::new(cfg).unwrap().zone().await.unwrap_err();
    match err {
        Error::UnknownUserOrZone { username, message } => {
            assert_eq!(username, "nobody@unknown.example");
            assert!(
                message.contains("Zone information could not be determined"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        sim.request_log().count("GET zoneInformation"),
        1,
        "not retried"
    );
}

#[tokio::test]
async fn a_wrong_integration_code_is_its_own_error() {
    let sim = sim(SeedProfile::Tiny).await;
    let mut cfg = config(&sim);
    cfg.integration_code = IntegrationCode::resolve(Some("NOT-THE-CODE")).unwrap();
    let err = Client::new(cfg)
        .unwrap()
        .get::<Company>(0)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::IntegrationCodeRefused { .. }),
        "{err:?}"
    );
    assert_eq!(
        sim.request_log().count("GET Companies/{id}"),
        1,
        "not retried"
    );
}

#[tokio::test]
async fn a_zone_entry_url_that_is_not_one_is_a_configuration_error() {
    let sim = sim(SeedProfile::Tiny).await;
    let cfg = config(&sim)
        .with_zone_entry_url(&format!("{}/not-atservicesrest", sim.base_url()))
        .unwrap();
    let err = Client::new(cfg).unwrap().zone().await.unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("HTTP 404")),
        "{err:?}"
    );
}

#[test]
fn the_integration_code_comes_from_settings_or_the_build() {
    assert!(IntegrationCode::resolve(Some("  CODE123  ")).is_ok());
    let fallback = IntegrationCode::resolve(Some("   "));
    assert_eq!(fallback.is_ok(), autotask::BUILD_INTEGRATION_CODE.is_some());
    let shown = format!(
        "{:?}",
        IntegrationCode::resolve(Some("VENDORCODE")).unwrap()
    );
    assert!(!shown.contains("VENDORCODE"), "{shown}");
}

#[test]
fn plain_http_is_refused_off_this_machine() {
    let base = ClientConfig::new(
        "u@example.com",
        Secret::new("s"),
        IntegrationCode::resolve(Some("C")).unwrap(),
    );
    assert!(base.zone_entry_url.as_str().starts_with("https://"));
    for bad in [
        "http://webservices2.autotask.net/atservicesrest",
        "http://192.168.1.10/atservicesrest",
        "ftp://127.0.0.1/x",
    ] {
        let err = base.clone().with_zone_entry_url(bad).unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{bad}: {err:?}");
    }
    for ok in [
        "https://webservices2.autotask.net/atservicesrest",
        "http://127.0.0.1:9/atservicesrest",
        "http://localhost:9/atservicesrest",
        "http://[::1]:9/atservicesrest",
    ] {
        assert!(base.clone().with_zone_entry_url(ok).is_ok(), "{ok}");
    }
    let mut empty = base.clone();
    empty.secret = Secret::new("");
    assert!(matches!(Client::new(empty), Err(Error::Config(_))));
}

#[tokio::test]
async fn a_next_page_url_on_another_host_is_refused_unsent() {
    let sim = sim(SeedProfile::Small).await;
    let client = support::client(&sim);
    let query = Query::new().max_records(5);
    let first = client
        .query_page::<Company>("Companies", &query)
        .await
        .unwrap();
    let real_next = first.next_page_url().unwrap().to_string();
    sim.clear_log();
    let port = sim.addr().port();
    for foreign in [
        real_next
            .replace("127.0.0.1", "evil.example")
            .replace("http://", "https://"),
        real_next.replace(&format!(":{port}/"), &format!(":{}/", port.wrapping_add(1))),
        real_next.replace("127.0.0.1", "localhost"),
    ] {
        let err = client
            .next_page::<Company>("Companies", &foreign, &query)
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::ForeignHost { .. }),
            "{foreign}: {err:?}"
        );
    }
    assert_eq!(sim.request_log().api_calls(), 0, "nothing was sent");
    let next = client
        .next_page::<Company>("Companies", &real_next, &query)
        .await
        .unwrap();
    assert_eq!(next.items.len(), 5);
    assert_eq!(sim.request_log().count("POST Companies/query/next"), 1);
}

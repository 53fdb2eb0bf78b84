use serde_json::Value;
use zorus_sim::{SeedProfile, SimConfig, Simulator};

use crate::{all_customers, pinned_now, start};

fn names(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|c| c["name"].as_str().expect("name").to_string())
        .collect()
}

#[tokio::test]
async fn the_same_seed_gives_the_same_account() {
    let a = start(SeedProfile::Small).await;
    let b = start(SeedProfile::Small).await;
    assert_eq!(all_customers(&a).await, all_customers(&b).await);
    let endpoints = |s: &zorus_sim::SimHandle| {
        s.endpoints()
            .into_iter()
            .map(|e| (e.uuid, e.last_seen_date_utc))
            .collect::<Vec<_>>()
    };
    assert_eq!(endpoints(&a), endpoints(&b));

    let other = Simulator::start(SimConfig {
        seed: SeedProfile::Small,
        seed_number: 2,
        now: Some(pinned_now()),
        ..SimConfig::default()
    })
    .await
    .expect("starts");
    assert_ne!(
        names(&all_customers(&a).await),
        names(&all_customers(&other).await)
    );
}

#[tokio::test]
async fn profiles_have_their_sizes() {
    for (profile, customers) in [
        (SeedProfile::Empty, 0),
        (SeedProfile::Tiny, 3),
        (SeedProfile::Small, 25),
        (SeedProfile::Large, 2_000),
    ] {
        let sim = start(profile).await;
        assert_eq!(sim.customers().len(), customers, "{profile:?}");
    }
    let sim = start(SeedProfile::Tiny).await;
    let disabled = sim.customers().iter().filter(|c| !c.is_enabled).count();
    assert_eq!(disabled, 1);
}

#[tokio::test]
async fn a_large_account_has_realistic_spread() {
    let sim = start(SeedProfile::Large).await;
    let customers = sim.customers();
    let endpoints = sim.endpoints();
    assert!(endpoints.len() > 20_000, "{} endpoints", endpoints.len());
    let mut names: Vec<String> = customers
        .iter()
        .map(|c| c.name.clone().unwrap_or_default().to_lowercase())
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 2_000, "seeded names are unique");
    assert!(customers.iter().any(|c| !c.is_enabled));
    assert!(customers.iter().any(|c| c
        .name
        .as_deref()
        .is_some_and(|n| n.contains(',') || n.contains(';'))));
}

#[tokio::test]
async fn reseeding_replaces_the_data() {
    let sim = start(SeedProfile::Tiny).await;
    sim.reseed(SeedProfile::Empty, 1);
    assert!(all_customers(&sim).await.is_empty());
    crate::control(
        &sim,
        reqwest::Method::POST,
        "seed",
        serde_json::json!({ "profile": "small", "seed": 1 }),
    )
    .await;
    assert_eq!(sim.customers().len(), 25);
}

//! Fetch, plan, apply, against the simulator, with a stand-in for the store: a Vec of rows.

use zorus::reconcile::{plan, LocalCustomer, SyncPlan};
use zorus::{Client, CustomerFilter, Error};
use zorus_sim::{SeedProfile, SimHandle};

use crate::{client, sim};

#[derive(Default)]
struct FakeStore {
    rows: Vec<LocalCustomer>,
    next_id: i64,
}

impl FakeStore {
    /// Applies a plan the way the real store must: update and mark, never delete.
    fn apply(&mut self, plan: &SyncPlan) {
        for n in &plan.new {
            self.next_id += 1;
            self.rows.push(LocalCustomer {
                id: self.next_id,
                zorus_uuid: Some(n.zorus_uuid.clone()),
                name: n.name.clone(),
                enabled: n.enabled,
                vanished: false,
            });
        }
        for row in &mut self.rows {
            if let Some(r) = plan.renamed.iter().find(|r| r.id == row.id) {
                row.name = r.to.clone();
            }
            if plan.disabled.contains(&row.id) {
                row.enabled = false;
            }
            if plan.re_enabled.contains(&row.id) {
                row.enabled = true;
            }
            if plan.vanished.contains(&row.id) {
                row.vanished = true;
            }
            if plan.returned.contains(&row.id) {
                row.vanished = false;
            }
        }
    }

    fn by_uuid(&self, uuid: &str) -> &LocalCustomer {
        self.rows
            .iter()
            .find(|r| r.zorus_uuid.as_deref() == Some(uuid))
            .expect("row exists")
    }
}

async fn sync_once(client: &Client, store: &mut FakeStore) -> Result<SyncPlan, Error> {
    let remote = client.customers(&CustomerFilter::default()).await?.items;
    let plan = plan(&store.rows, &remote);
    store.apply(&plan);
    Ok(plan)
}

fn uuid_of(sim: &SimHandle, index: usize) -> String {
    sim.customers()[index].uuid.clone()
}

#[tokio::test]
async fn new_renamed_disabled_re_enabled_and_vanished_customers_each_handled() {
    let sim = sim(SeedProfile::Small).await;
    let c = client(&sim);
    let mut store = FakeStore {
        next_id: 1,
        ..FakeStore::default()
    };
    store.rows.push(LocalCustomer {
        id: 1,
        zorus_uuid: None,
        name: "Typed By Hand".into(),
        enabled: true,
        vanished: false,
    });

    let first = sync_once(&c, &mut store).await.expect("first sync");
    assert_eq!(first.new.len(), 25);
    assert_eq!(store.rows.len(), 26);

    let renamed = uuid_of(&sim, 0);
    let disabled = sim
        .customers()
        .into_iter()
        .find(|c| c.is_enabled && c.uuid != renamed)
        .expect("an enabled customer")
        .uuid;
    let removed = uuid_of(&sim, 5);
    let was_disabled = sim
        .customers()
        .into_iter()
        .find(|c| !c.is_enabled)
        .map(|c| c.uuid);
    sim.rename_customer(&renamed, Some("Brand New Name LLC"));
    sim.set_customer_enabled(&disabled, false);
    sim.remove_customer(&removed);
    if let Some(u) = &was_disabled {
        sim.set_customer_enabled(u, true);
    }
    let added = sim.add_customer("Fresh Start Bakery", 12);

    let second = sync_once(&c, &mut store).await.expect("second sync");
    assert_eq!(second.new.len(), 1);
    assert_eq!(second.new[0].zorus_uuid, added);
    assert_eq!(second.new[0].name, "Fresh Start Bakery");
    assert_eq!(second.renamed.len(), 1);
    assert_eq!(second.renamed[0].to, "Brand New Name LLC");
    assert_eq!(second.disabled, [store.by_uuid(&disabled).id]);
    assert_eq!(second.vanished, [store.by_uuid(&removed).id]);
    if let Some(u) = &was_disabled {
        assert_eq!(second.re_enabled, [store.by_uuid(u).id]);
    }
    assert!(!second.vanishes_everything);

    // Nothing was deleted: the vanished row is still there, marked, and the manual row untouched.
    assert_eq!(store.rows.len(), 27);
    assert!(store.by_uuid(&removed).vanished);
    assert_eq!(store.rows[0].name, "Typed By Hand");
    assert!(!store.rows[0].vanished);

    // A second run with nothing changed upstream plans nothing.
    let third = sync_once(&c, &mut store).await.expect("third sync");
    assert!(third.is_empty(), "{third:?}");
}

#[tokio::test]
async fn a_blank_name_upstream_changes_nothing_locally() {
    let sim = sim(SeedProfile::Small).await;
    let c = client(&sim);
    let mut store = FakeStore::default();
    sync_once(&c, &mut store).await.expect("first sync");
    let before = store.rows.clone();
    let victim = uuid_of(&sim, 2);
    sim.rename_customer(&victim, Some(""));
    sim.remove_customer(&uuid_of(&sim, 3));
    let err = sync_once(&c, &mut store).await.expect_err("refused");
    assert!(matches!(err, Error::EmptyCustomerName { .. }));
    assert_eq!(store.rows, before, "nothing was overwritten or marked");
}

#[tokio::test]
async fn an_account_that_suddenly_looks_empty_is_flagged() {
    let sim = sim(SeedProfile::Tiny).await;
    let c = client(&sim);
    let mut store = FakeStore::default();
    sync_once(&c, &mut store).await.expect("first sync");
    sim.reseed(SeedProfile::Empty, 1);
    let remote = c
        .customers(&CustomerFilter::default())
        .await
        .expect("ok")
        .items;
    let p = plan(&store.rows, &remote);
    assert_eq!(p.vanished.len(), 3);
    assert!(p.vanishes_everything);
}

/// Whatever goes wrong mid-fetch, even on a later page, the sync stops before planning, so
/// nothing local is overwritten or marked.
#[tokio::test]
async fn any_failed_fetch_changes_nothing_locally() {
    use std::time::Duration;
    use zorus_sim::{FaultAction, FaultRule};

    let sim = sim(SeedProfile::Small).await;
    let mut config = crate::config_for(&sim, zorus_sim::DEMO_API_KEY);
    config.customer_page_size = 10;
    config.timeout = Duration::from_millis(300);
    let c = Client::new(config).expect("client");
    let mut store = FakeStore::default();
    sync_once(&c, &mut store).await.expect("first sync");
    // Upstream changes that a successful sync would apply.
    sim.remove_customer(&uuid_of(&sim, 0));
    sim.rename_customer(&uuid_of(&sim, 1), Some("Changed Name"));
    let before = store.rows.clone();

    let faults = [
        ("406", FaultAction::status(406, "bad query")),
        ("500", FaultAction::status(500, "down")),
        ("malformed", FaultAction::MalformedJson),
        ("drop", FaultAction::Drop),
        ("timeout", FaultAction::DelayAfterCommit { ms: 1_000 }),
    ];
    for (name, action) in faults {
        // The second page fails, after the first was read successfully.
        sim.add_fault(FaultRule::post("customers", action).nth(2));
        let err = sync_once(&c, &mut store).await.expect_err(name);
        assert_eq!(store.rows, before, "{name}: {err}");
        sim.clear_faults();
    }
    sim.set_api_key("revoked");
    let err = sync_once(&c, &mut store).await.expect_err("401");
    assert!(matches!(err, Error::InvalidKey { .. }));
    assert_eq!(store.rows, before);
}

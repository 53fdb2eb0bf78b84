//! The use-cases against the Autotask simulator over real sockets, a real SQLite file, the
//! in-memory vault and a fixed clock. One binary, a module per behaviour.

mod add;
mod connect;
mod customer_sources;
mod faults;
mod seats;

use std::sync::Arc;
use std::time::Duration;

use autotask_sim::{
    SeedProfile, SimConfig, SimHandle, Simulator, DEMO_INTEGRATION_CODE, DEMO_SECRET, DEMO_USERNAME,
};
use chrono::{NaiveDate, TimeZone, Utc};
use integration::connect::{connect, ConnectInput};
use integration::{App, ClientSettings, FixedClock};
use serde_json::Value;
use store::repo::customers::{self, Counts, Customer, NewCustomer, Source};
use store::Store;
use vault::{MemoryStore, Secret};

pub const TODAY: (i32, u32, u32) = (2026, 12, 4);

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap()
}

pub struct World {
    pub sim: SimHandle,
    pub zorus: zorus_sim::SimHandle,
    pub app: App,
    pub vault: Arc<MemoryStore>,
    pub _dir: tempfile::TempDir,
}

impl World {
    pub async fn new() -> World {
        World::with_timeout(Duration::from_secs(5)).await
    }

    pub async fn with_timeout(timeout: Duration) -> World {
        let sim = Simulator::start(SimConfig {
            seed: SeedProfile::Small,
            ..SimConfig::default()
        })
        .await
        .unwrap();
        sim.set_today(Some(today()));
        sim.reseed(SeedProfile::Small, 1);
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("app.sqlite3")).await.unwrap();
        let vault = Arc::new(MemoryStore::new());
        let clock = Arc::new(FixedClock(
            Utc.with_ymd_and_hms(TODAY.0, TODAY.1, TODAY.2, 12, 0, 0)
                .unwrap(),
        ));
        let zorus = zorus_sim::Simulator::start(zorus_sim::SimConfig {
            seed: zorus_sim::SeedProfile::Tiny,
            ..zorus_sim::SimConfig::default()
        })
        .await
        .unwrap();
        let settings = ClientSettings {
            zone_entry_url: sim.zone_entry_url(),
            timeout,
            zorus_base_url: zorus.base_url(),
        };
        let app = App::new(store, vault.clone(), clock, settings);
        World {
            sim,
            zorus,
            app,
            vault,
            _dir: dir,
        }
    }

    pub async fn connected() -> World {
        let w = World::new().await;
        w.connect().await;
        w
    }

    pub async fn connect(&self) {
        connect(
            &self.app,
            ConnectInput {
                username: DEMO_USERNAME.into(),
                secret: Secret::new(DEMO_SECRET),
                integration_code: Some(DEMO_INTEGRATION_CODE.into()),
            },
        )
        .await
        .expect("connects");
    }

    pub async fn customer(&self, name: &str, endpoints: i64) -> Customer {
        customers::insert(
            self.app.store.connection(),
            NewCustomer {
                zorus_uuid: Some(format!("uuid-{name}")),
                name: name.into(),
                counts: Counts {
                    deployed: endpoints,
                    ..Counts::default()
                },
                counts_read_at: Some(self.app.clock.now()),
                source: Source::Zorus,
            },
            self.app.clock.now(),
        )
        .await
        .unwrap()
    }

    /// An active Customer company with an active contact: (company id, contact id).
    pub fn company_with_contact(&self) -> (i64, i64) {
        let contacts = self.sim.records("Contacts");
        for c in self.sim.records("Companies") {
            if c["companyType"] == 1 && c["isActive"] == true && c["id"] != 0 {
                let id = c["id"].as_i64().unwrap();
                if let Some(contact) = contacts
                    .iter()
                    .find(|x| x["companyID"] == id && x["isActive"] == 1)
                {
                    return (id, contact["id"].as_i64().unwrap());
                }
            }
        }
        panic!("the seed has an active customer with an active contact")
    }

    pub fn contracts_with_number(&self, marker: &str) -> Vec<Value> {
        self.sim
            .records("Contracts")
            .into_iter()
            .filter(|c| c["contractNumber"] == marker)
            .collect()
    }

    pub fn contract_services_of(&self, contract_id: i64) -> Vec<Value> {
        self.sim
            .records("ContractServices")
            .into_iter()
            .filter(|c| c["contractID"] == contract_id)
            .collect()
    }

    /// Units on a contract service on a day, from the simulator's own rows.
    pub fn units_on(&self, cs_id: i64, day: NaiveDate) -> i64 {
        let d = day.to_string();
        self.sim
            .records("ContractServiceUnits")
            .into_iter()
            .filter(|u| {
                u["contractServiceID"] == cs_id
                    && u["startDate"].as_str().unwrap()[..10] <= *d
                    && u["endDate"].as_str().unwrap()[..10] >= *d
            })
            .map(|u| u["units"].as_i64().unwrap())
            .max()
            .unwrap_or(0)
    }
}

//! Demo mode: both simulators started in this process with seeded data, a throwaway store and an
//! in-memory credential store, connected with the simulators' demo credentials. Nothing of the
//! partner's own (store, keychain, Autotask) is touched, and leaving drops all of it.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use integration::connect::{self, ConnectInput};
use integration::create::{self, AddInput, ContractChoice};
use integration::{customers_io, pickers, App, ClientSettings, SystemClock};
use vault::{MemoryStore, Secret};

pub struct Demo {
    autotask: autotask_sim::SimHandle,
    zorus: zorus_sim::SimHandle,
    dir: PathBuf,
}

fn demo_dir() -> Result<PathBuf, String> {
    Ok(store::location::data_dir()
        .map_err(|e| e.to_string())?
        .join("demo"))
}

/// Starts the simulators and an App wired to them, with a few integrations already made so every
/// page has something to show.
pub async fn start() -> Result<(Demo, App), String> {
    let autotask = autotask_sim::Simulator::start(autotask_sim::SimConfig::default())
        .await
        .map_err(|e| format!("the Autotask simulator did not start: {e}"))?;
    let zorus = zorus_sim::Simulator::start(zorus_sim::SimConfig::default())
        .await
        .map_err(|e| format!("the Zorus simulator did not start: {e}"))?;
    let dir = demo_dir()?;
    // A fresh demo every time: yesterday's demo writes went to a simulator that no longer exists.
    let _ = std::fs::remove_dir_all(&dir);
    let db = store::Store::open(&dir.join("demo.sqlite3"))
        .await
        .map_err(|e| e.to_string())?;
    let app = App::new(
        db,
        Arc::new(MemoryStore::new()),
        Arc::new(SystemClock),
        ClientSettings {
            zone_entry_url: autotask.zone_entry_url(),
            timeout: Duration::from_secs(10),
            zorus_base_url: zorus.base_url(),
        },
    );
    seed(&app, &zorus).await.map_err(|e| e.to_string())?;
    Ok((
        Demo {
            autotask,
            zorus,
            dir,
        },
        app,
    ))
}

async fn seed(app: &App, zorus: &zorus_sim::SimHandle) -> integration::Result<()> {
    connect::connect(
        app,
        ConnectInput {
            username: autotask_sim::DEMO_USERNAME.into(),
            secret: Secret::new(autotask_sim::DEMO_SECRET),
            integration_code: Some(autotask_sim::DEMO_INTEGRATION_CODE.into()),
        },
    )
    .await?;
    pickers::refresh_companies(app, true).await?;
    customers_io::save_zorus_key(app, Secret::new(zorus_sim::DEMO_API_KEY)).await?;
    customers_io::refresh_from_zorus(app).await?;
    // Two integrations made through the same use-cases the wizard uses.
    let customers = store::repo::customers::list(app.store.connection()).await?;
    let companies = pickers::search_companies(app, "", 40).await?;
    let mut made = 0;
    for (customer, company) in customers
        .iter()
        .filter(|c| c.enabled && c.counts.deployed > 0)
        .zip(companies.iter().filter(|c| c.is_active))
    {
        if made == 2 {
            break;
        }
        let contact = pickers::contacts(app, company.id)
            .await?
            .items
            .first()
            .map(|c| c.id);
        let input = AddInput {
            customer_id: customer.id,
            company_id: company.id,
            contact_id: contact,
            contract: ContractChoice::New,
            price_per_seat: "4.50".into(),
            cost_per_seat: Some("2.10".into()),
        };
        match create::plan(app, &input).await {
            Ok(plan) => {
                create::apply(app, &plan).await?;
                made += 1;
                // The first customer grows, so the Seats page has a change to reconcile.
                if made == 1 {
                    if let Some(uuid) = &customer.zorus_uuid {
                        zorus.set_endpoint_count(uuid, customer.counts.deployed as usize + 3);
                    }
                }
            }
            Err(e) => tracing::info!(error = %e, company = company.id, "demo: skipped a company"),
        }
    }
    customers_io::refresh_from_zorus(app).await?;
    Ok(())
}

impl Demo {
    /// Stops the simulators and deletes the demo store.
    pub async fn stop(self, app: Arc<App>) {
        self.autotask.shutdown().await;
        self.zorus.shutdown().await;
        if let Ok(app) = Arc::try_unwrap(app) {
            let _ = app.store.close().await;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

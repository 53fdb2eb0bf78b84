//! What the commands share: the partner's own App (real store, OS credential store, Autotask),
//! the demo App while demo mode is on, the plans waiting for a yes, and whether Autotask was
//! last seen unreachable.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use integration::create::IntegrationPlan;
use integration::reconcile::PlanLine;
use integration::{App, ClientSettings, SystemClock};

/// Points the Autotask zone lookup elsewhere (the e2e tests' simulator).
pub const ZONE_URL_ENV: &str = "ZORUS_AUTOTASK_ZONE_URL";
/// Points the Zorus client elsewhere (the e2e tests' simulator).
pub const ZORUS_URL_ENV: &str = "ZORUS_AUTOTASK_ZORUS_URL";

pub struct AppState {
    real: Arc<App>,
    current: RwLock<Arc<App>>,
    pub demo: tokio::sync::Mutex<Option<crate::demo::Demo>>,
    demo_on: AtomicBool,
    /// Set when an Autotask call failed to reach it; cleared by the next call that did.
    offline: AtomicBool,
    plans: Mutex<HashMap<u64, IntegrationPlan>>,
    next_plan: AtomicU64,
    /// The reconcile lines last shown on the Seats page and not applied yet: only these can be
    /// applied.
    pub seat_plan: Mutex<Vec<PlanLine>>,
    /// Every line last shown, for the CSV export.
    pub seat_plan_shown: Mutex<Vec<PlanLine>>,
    pub started: std::time::Instant,
    pub log_dir: PathBuf,
}

/// The client settings for the partner's own Autotask (or the simulator named in the env).
pub fn real_client_settings() -> ClientSettings {
    let mut settings = ClientSettings {
        timeout: Duration::from_secs(60),
        ..ClientSettings::default()
    };
    if let Some(url) = std::env::var(ZONE_URL_ENV).ok().filter(|u| !u.is_empty()) {
        settings.zone_entry_url = url;
        settings.timeout = Duration::from_secs(10);
    }
    if let Some(url) = std::env::var(ZORUS_URL_ENV).ok().filter(|u| !u.is_empty()) {
        settings.zorus_base_url = url;
    }
    settings
}

/// Opens the partner's store and credential store.
pub async fn open_real_app() -> Result<App, String> {
    let path = store::location::database_path().map_err(|e| e.to_string())?;
    let db = store::Store::open(&path).await.map_err(|e| {
        format!(
            "the local database at {} could not be opened: {e}",
            path.display()
        )
    })?;
    Ok(App::new(
        db,
        Arc::new(vault::KeyringStore::default()),
        Arc::new(SystemClock),
        real_client_settings(),
    ))
}

impl AppState {
    pub fn new(real: App, log_dir: PathBuf, started: std::time::Instant) -> AppState {
        let real = Arc::new(real);
        AppState {
            current: RwLock::new(Arc::clone(&real)),
            real,
            demo: tokio::sync::Mutex::new(None),
            demo_on: AtomicBool::new(false),
            offline: AtomicBool::new(false),
            plans: Mutex::new(HashMap::new()),
            next_plan: AtomicU64::new(1),
            seat_plan: Mutex::new(Vec::new()),
            seat_plan_shown: Mutex::new(Vec::new()),
            started,
            log_dir,
        }
    }

    /// The App commands work on: the demo one while demo mode is on.
    pub fn app(&self) -> Arc<App> {
        Arc::clone(&self.current.read().unwrap_or_else(|e| e.into_inner()))
    }

    pub fn is_demo(&self) -> bool {
        self.demo_on.load(Ordering::SeqCst)
    }

    pub fn enter_demo(&self, app: Arc<App>) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = app;
        self.demo_on.store(true, Ordering::SeqCst);
        self.forget_plans();
    }

    pub fn leave_demo(&self) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::clone(&self.real);
        self.demo_on.store(false, Ordering::SeqCst);
        self.forget_plans();
    }

    fn forget_plans(&self) {
        self.plans.lock().unwrap_or_else(|e| e.into_inner()).clear();
        self.seat_plan
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.offline.store(false, Ordering::SeqCst);
    }

    pub fn is_offline(&self) -> bool {
        self.offline.load(Ordering::SeqCst)
    }

    /// Records whether Autotask answered, from a command's outcome.
    pub fn note<T>(&self, result: &Result<T, integration::Error>) {
        match result {
            Ok(_) => self.offline.store(false, Ordering::SeqCst),
            Err(e) if e.code() == "transport" => self.offline.store(true, Ordering::SeqCst),
            Err(_) => {}
        }
    }

    pub fn keep_plan(&self, plan: IntegrationPlan) -> u64 {
        let id = self.next_plan.fetch_add(1, Ordering::SeqCst);
        self.plans
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, plan);
        id
    }

    pub fn take_plan(&self, id: u64) -> Option<IntegrationPlan> {
        self.plans
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id)
    }
}

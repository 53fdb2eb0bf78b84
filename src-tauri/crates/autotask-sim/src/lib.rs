//! A local simulator of the Autotask PSA REST API (`ATServicesRest/V1.0`), for tests and the app's
//! demo mode. It follows `../shared/reference/autotask-api.md` and the published Swagger spec; where
//! the reference is unsure, the module that decides says so.

mod api;
mod billing;
pub mod config;
pub mod faults;
mod limits;
mod query;
pub mod record;
pub mod schema;
mod seed;
mod server;
mod store;

pub use config::{
    Latency, Limits, SeedProfile, SimConfig, DEMO_INTEGRATION_CODE, DEMO_SECRET, DEMO_USERNAME,
};
pub use faults::{FaultAction, FaultRule, LogEntry, LogSnapshot};
pub use seed::{ADMIN_RESOURCE_ID, API_USER_RESOURCE_ID};
pub use server::{SimHandle, Simulator};

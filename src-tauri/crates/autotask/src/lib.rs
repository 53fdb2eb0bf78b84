//! Autotask PSA REST client (`ATServicesRest/V1.0`).
//!
//! Built on `../shared/reference/autotask-api.md` (cited as §n in comments). It discovers the
//! tenant's zone, sends credentials only there, keeps within the vendor's limits (3 concurrent
//! requests per entity, a shared hourly threshold), retries what is safe to retry, and never
//! retries a create blindly.

mod batch;
mod children;
mod client;
pub mod config;
mod datetime;
mod endpoint;
mod error;
mod limits;
mod metadata;
pub mod models;
mod money;
mod paging;
mod parallel;
mod patch;
pub mod query;
mod records;
pub mod retry;
mod secret;
mod transport;
mod zone;

pub use batch::in_chunks;
pub use children::ChildRoute;
pub use client::Client;
pub use config::{ClientConfig, IntegrationCode, BUILD_INTEGRATION_CODE, DEFAULT_ZONE_ENTRY_URL};
pub use datetime::{date_only, instant};
pub use error::{Error, Result};
pub use limits::{pacing_delay, PacingPolicy, Usage};
pub use models::{udf_value, Entity, Udf};
pub use paging::{Page, PageDetails};
pub use parallel::{plan_ranges, IdRange};
pub use patch::Patch;
pub use query::{Filter, Op, Query};
pub use retry::{Decision, Failure, Operation, RetryPolicy};
pub use secret::Secret;
pub use zone::{ZoneCache, ZoneInfo};

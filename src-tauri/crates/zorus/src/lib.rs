//! A client for the Zorus public API (`../shared/reference/zorus-api.md`), and what the app does
//! with its answers without touching the network: the seat-counting rule a partner picks, the
//! CSV import for partners without a key, and the plan that brings local customers in line with
//! Zorus.

mod client;
mod config;
pub mod counting;
pub mod csv_import;
mod datetime;
mod error;
mod model;
pub mod reconcile;
mod retry;
mod secret;

pub use client::{Client, CustomerFilter, EndpointFilter, Fetched};
pub use config::{ClientConfig, DEFAULT_BASE_URL};
pub use counting::CountingRule;
pub use error::{Error, Result};
pub use model::{Customer, DeploymentInfo, Endpoint, Integration};
pub use retry::{delay_before_retry, RetryPolicy};
pub use secret::ApiKey;

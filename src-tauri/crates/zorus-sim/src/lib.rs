//! A local simulator of the Zorus public API, for tests and the app's demo mode.
//!
//! It follows `../shared/reference/zorus-api.md`: `POST /api/customers/search` and
//! `POST /api/endpoints/search`, `Authorization: Impersonation <key>`, `Zorus-Api-Version: 1.0`,
//! page-number paging with top-level filters, and bare JSON arrays in reply. Nothing in that
//! reference was checked against the live API, so every rule the reference is unsure of says so
//! where it is decided, citing the reference's section.

pub mod config;
pub mod faults;
mod search;
mod seed;
mod server;
mod store;

pub use config::{Latency, Quirks, SeedProfile, SimConfig, TimestampStyle, DEMO_API_KEY};
pub use faults::{FaultAction, FaultRule, LogEntry, LogSnapshot};
pub use server::{SimHandle, Simulator};
pub use store::{SimCustomer, SimEndpoint};

//! sea-orm entities, one per table. Money and times are `String` here on purpose: the repository
//! layer converts them (see `crate::money` and `crate::time`), so no value passes through f64.

pub mod audit_log;
pub mod autotask_companies;
pub mod autotask_connection;
pub mod autotask_contacts;
pub mod autotask_contracts;
pub mod customer_integrations;
pub mod customers;
pub mod operations;
pub mod settings;

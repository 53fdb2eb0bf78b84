//! Repository functions, one module per table group. Each takes `&impl ConnectionTrait`, so the
//! caller passes the connection or a transaction it opened.

pub mod audit;
pub mod cache;
pub mod connection;
pub mod customers;
pub mod integrations;
pub mod journal;
pub mod settings;

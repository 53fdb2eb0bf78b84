//! The client against the real simulator over real sockets, one module per behaviour.

mod support;

mod batching_and_limits;
mod faults;
mod models;
mod queries;
mod secrets;
mod writes;
mod zone_and_auth;

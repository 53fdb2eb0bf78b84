//! The simulator, seen by a raw HTTP client over real sockets. One test binary, a module per
//! behaviour.

mod billing;
mod common;
mod conformance;
mod controls;
mod limits_and_faults;
mod queries;
mod writes;
mod zone_and_auth;

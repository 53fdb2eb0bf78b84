//! What the Autotask and Zorus simulators share: the seeded random source their seed data and
//! latency jitter come from, the fault rules tests use to break a chosen request, and the
//! server task that serves them.

mod faults;
mod rng;
mod server;

pub use faults::{path_matches, FaultRule, Faults};
pub use rng::Rng;
pub use server::Server;

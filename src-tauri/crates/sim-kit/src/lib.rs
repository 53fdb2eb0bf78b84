//! What the Autotask and Zorus simulators share: the seeded random source their seed data and
//! latency jitter come from, and the fault rules tests use to break a chosen request.

mod faults;
mod rng;

pub use faults::{path_matches, FaultRule, Faults};
pub use rng::Rng;

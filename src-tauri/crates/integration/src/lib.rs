//! The use-cases of the Autotask billing integration, with no UI in them: connect, fill the
//! pickers, plan and apply a customer integration, read seats, reconcile, audit. The pure parts
//! (validation, dates, planning, suggestions) are separate modules so they test without I/O.

pub mod clock;
pub mod dates;
pub mod inputs;
pub mod marker;
pub mod reconcile;
pub mod suggest;

pub use clock::{Clock, FixedClock, SystemClock};

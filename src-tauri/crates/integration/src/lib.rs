//! The use-cases of the Autotask billing integration, with no UI in them: connect, fill the
//! pickers, plan and apply a customer integration, read seats, reconcile, audit. The pure parts
//! (validation, dates, planning, suggestions) are separate modules so they test without I/O.

pub mod adjust;
pub mod app;
pub mod clock;
pub mod connect;
pub mod counting;
pub mod create;
pub mod customers_io;
pub mod dates;
pub mod error;
pub mod inputs;
pub mod manage;
pub mod marker;
pub mod pickers;
pub mod reconcile;
pub mod seats;
pub mod suggest;
pub mod sync;

pub use app::{App, ClientSettings};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{Error, Result};

//! The commands the UI invokes, one file per domain. Each deserializes its arguments, calls a
//! use-case of the `integration` crate and returns a view model (money as decimal strings) or an
//! [`IpcError`](crate::ipc_error::IpcError).

pub mod app;
pub mod audit;
pub mod connection;
pub mod customers;
pub mod integrations;
pub mod pickers;
pub mod seats;
pub mod settings;

use tauri::{AppHandle, Emitter};

/// Progress of a long task, sent as the `progress` event. `done` of `total` steps; `step` names
/// the one in hand; `state` is `running`, `done` or `failed`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Progress {
    pub task: &'static str,
    pub step: String,
    pub done: usize,
    pub total: usize,
    pub state: &'static str,
}

pub fn emit_progress(app: &AppHandle, p: Progress) {
    if let Err(e) = app.emit("progress", p) {
        tracing::debug!(error = %e, "progress event not sent");
    }
}

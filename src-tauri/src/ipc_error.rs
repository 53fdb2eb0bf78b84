//! What crosses IPC when a command fails: `{ code, message }`. The code is small and stable so the
//! UI can switch on it (ui/errors.js lists every one); the message is one a partner can act on. The
//! whole error, with its sources, goes to the log file and never to the UI.

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct IpcError {
    pub code: &'static str,
    pub message: String,
}

/// Codes the shell itself produces (the use-cases' codes come from `integration::Error::code`).
pub mod codes {
    /// Something the partner cannot fix; the log has the details.
    pub const INTERNAL: &str = "internal";
    /// The plan the partner approved is gone (the app restarted, or it was already applied).
    pub const PLAN_EXPIRED: &str = "plan_expired";
    /// Demo mode could not start or stop.
    pub const DEMO: &str = "demo";
    /// A file could not be written (CSV export).
    pub const FILE: &str = "file";
}

impl IpcError {
    pub fn new(code: &'static str, message: impl Into<String>) -> IpcError {
        IpcError {
            code,
            message: message.into(),
        }
    }

    /// A failure that is ours, not the partner's: the detail goes to the log only.
    pub fn internal(context: &str, detail: impl std::fmt::Display) -> IpcError {
        tracing::error!(context, error = %detail, "internal error");
        IpcError::new(
            codes::INTERNAL,
            "Something went wrong inside the app. The log file has the details.",
        )
    }
}

/// The error and each of its sources, outermost first, for the log.
pub fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut next = e.source();
    while let Some(s) = next {
        out.push_str(": ");
        out.push_str(&s.to_string());
        next = s.source();
    }
    out
}

impl From<integration::Error> for IpcError {
    fn from(e: integration::Error) -> IpcError {
        let code = e.code();
        // Debug shows the wrapped client error that Display summarises; neither holds a secret
        // (the crates' Secret types redact themselves).
        tracing::warn!(code, error = %chain(&e), detail = ?e, "command failed");
        IpcError::new(code, e.to_string())
    }
}

impl From<store::StoreError> for IpcError {
    fn from(e: store::StoreError) -> IpcError {
        integration::Error::from(e).into()
    }
}

pub type CmdResult<T> = Result<T, IpcError>;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crosses_ipc_as_code_and_message_only() {
        let e = IpcError::from(integration::Error::NotConnected);
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "not_connected");
        assert_eq!(json.as_object().unwrap().len(), 2);
        assert!(json["message"]
            .as_str()
            .unwrap()
            .contains("Enable the Autotask integration"));
    }

    #[test]
    fn a_bad_amount_is_an_input_error_that_says_what_to_type() {
        let bad = integration::inputs::parse_amount("four", "The price per seat").unwrap_err();
        let e = IpcError::from(integration::Error::from(bad));
        assert_eq!(e.code, "invalid_input");
        assert!(e.message.contains("4.50"), "{}", e.message);
    }

    #[test]
    fn an_internal_error_keeps_its_detail_out_of_the_message() {
        let e = IpcError::internal("test", "detail only the log may see");
        assert_eq!(e.code, codes::INTERNAL);
        assert!(!e.message.contains("detail only"));
    }
}

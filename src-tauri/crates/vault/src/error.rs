use serde::Serialize;

/// Stable codes the UI switches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VaultErrorCode {
    /// No credential store is reachable (on Linux: no Secret Service running or unlocked).
    Unavailable,
    /// The store refused or failed the operation.
    PlatformFailure,
    /// The saved value is not readable text.
    Corrupt,
    /// The secret or its name is too long or otherwise not accepted by the store.
    Rejected,
}

/// A credential-store failure. Messages say what to do; they never contain the secret (the store's
/// own error text is not included, as some platforms echo attributes back).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct VaultError {
    pub code: VaultErrorCode,
    pub message: String,
}

impl VaultError {
    pub(crate) fn new(code: VaultErrorCode, message: impl Into<String>) -> VaultError {
        VaultError {
            code,
            message: message.into(),
        }
    }
}

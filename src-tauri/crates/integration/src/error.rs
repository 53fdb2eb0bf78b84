//! The use-cases' one error type. Each variant has a small stable code the UI switches on and a
//! message a partner can act on; neither ever holds a secret.

use crate::inputs::AmountError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("No Autotask connection is set up. Enable the Autotask integration first.")]
    NotConnected,
    #[error("No Zorus API key is saved. Add it on the Integrations page (Zorus API), or import customers from a CSV file.")]
    NoZorusKey,
    #[error("{message}")]
    Zorus { code: &'static str, message: String },
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Amount(#[from] AmountError),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Autotask(AutotaskFailure),
    #[error("The local database failed: {0}")]
    Store(#[from] store::StoreError),
    #[error("{0}")]
    Vault(#[from] vault::VaultError),
}

/// An Autotask failure, with a message that says what to do about it.
#[derive(Debug)]
pub struct AutotaskFailure {
    pub source: autotask::Error,
    pub message: String,
}

impl std::fmt::Display for AutotaskFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<autotask::Error> for Error {
    fn from(e: autotask::Error) -> Error {
        use autotask::Error as A;
        let message = match &e {
            A::InvalidCredentials => "Autotask did not accept the API username or secret. Check both on the API user's page in Autotask (Admin > Resources/Users) and enter them again.".to_string(),
            A::UnknownUserOrZone { username, .. } => format!("Autotask does not know the API user {username}. Check the username: it is the API user's email-like login, not a person's."),
            A::IntegrationCodeRefused { .. } => "Autotask refused the API tracking identifier. Check the integration code on the API user's API Tracking Identifier section.".to_string(),
            A::Forbidden { messages } => format!("The API user's security level does not allow this ({}). Give it the API User (system) level or the rights listed.", messages.join("; ")),
            A::Transport { message } => {
                // The raw network error names URLs and library internals: the log gets it, the
                // partner gets what to do.
                tracing::warn!(error = %message, "Autotask unreachable");
                "Autotask could not be reached. Check the internet connection and try again; saved mappings still show offline.".to_string()
            }
            A::ThresholdReached { .. } => "Autotask's hourly request limit for your tenant is used up. Wait a while and try again.".to_string(),
            A::ThreadLimit { .. } => "Autotask is busy with other requests from this integration. Try again in a moment.".to_string(),
            A::UnknownOutcome { .. } => "Autotask did not answer whether a change was made. Retry: the app checks what exists before sending anything again.".to_string(),
            other => format!("Autotask: {other}"),
        };
        Error::Autotask(AutotaskFailure { source: e, message })
    }
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotConnected => "not_connected",
            Error::NoZorusKey => "no_zorus_key",
            Error::Zorus { code, .. } => code,
            Error::Invalid(_) | Error::Amount(_) => "invalid_input",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Autotask(f) => f.source.code(),
            Error::Store(_) => "store",
            Error::Vault(v) => match v.code {
                vault::VaultErrorCode::Unavailable => "vault_unavailable",
                _ => "vault",
            },
        }
    }

    pub fn is_unknown_outcome(&self) -> bool {
        matches!(
            self,
            Error::Autotask(AutotaskFailure {
                source: autotask::Error::UnknownOutcome { .. },
                ..
            })
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

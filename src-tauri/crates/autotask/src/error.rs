//! The one error type of the crate. Each kind is something the app can act on; none of them
//! carries a header, and messages from the service are scrubbed of the secret before they land
//! here (see `transport::scrub`).

use std::time::Duration;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// 401: the username or secret is wrong (after one fresh zone discovery).
    #[error("Autotask refused the API user's username or secret")]
    InvalidCredentials,

    /// Zone discovery found no zone for this username (§2.2: HTTP 500 from zoneInformation).
    #[error("Autotask knows no zone for the API user {username}: {message}")]
    UnknownUserOrZone { username: String, message: String },

    /// The API tracking identifier was refused (§12b: HTTP 500 on a wrong code).
    #[error("Autotask refused the API integration code: {message}")]
    IntegrationCodeRefused { message: String },

    /// The API user's security level does not allow this.
    #[error("the API user is not allowed to do this: {}", join(messages))]
    Forbidden { messages: Vec<String> },

    /// An unknown route, or a record that is not there.
    #[error("not found: {what}")]
    NotFound { what: String },

    /// The service refused the request as sent: a business rule, a missing field, a bad query.
    #[error("Autotask refused the request (HTTP {status}): {}", join(messages))]
    Validation { status: u16, messages: Vec<String> },

    /// Too many concurrent requests on one entity for this integration (§7.3, `Itgenatr005`).
    #[error("Autotask's thread limit on {entity} was exceeded: {message}")]
    ThreadLimit { entity: String, message: String },

    /// The tenant's hourly request threshold is used up (§7.2).
    #[error("Autotask's hourly request threshold is reached: {message}")]
    ThresholdReached {
        message: String,
        retry_after: Option<Duration>,
    },

    /// The service failed (5xx) and retries did not help.
    #[error("Autotask server error (HTTP {status}): {}", join(messages))]
    Server { status: u16, messages: Vec<String> },

    /// A write was sent and no answer came back: it may or may not have happened. Look for what
    /// it would have created before sending it again.
    #[error("the outcome of {verb} {entity} is unknown ({reason}); check whether it was applied before trying again")]
    UnknownOutcome {
        verb: String,
        entity: String,
        reason: String,
    },

    /// The network failed before a usable answer: connect, reset, timeout, truncated body.
    #[error("could not reach Autotask: {message}")]
    Transport { message: String },

    /// The answer was JSON of an unexpected shape. `path` is where, e.g. `items[3].unitPrice`.
    #[error("unexpected data from Autotask at {path}: {message}")]
    Decode { path: String, message: String },

    /// A URL from the service points away from the zone host; credentials are not sent there.
    #[error("refusing to send credentials to {host}: the zone host is {zone_host}")]
    ForeignHost { host: String, zone_host: String },

    /// Paging went on longer than the loop guard allows, or repeated itself.
    #[error("paging stopped: {reason}")]
    PagingLoop { reason: String },

    /// The client was set up wrongly (bad URL, plain http off this machine, empty secret…).
    #[error("invalid Autotask client configuration: {0}")]
    Config(String),
}

fn join(messages: &[String]) -> String {
    if messages.is_empty() {
        "(no message)".into()
    } else {
        messages.join("; ")
    }
}

impl Error {
    /// A short stable code for the app's `{ code, message }` replies.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidCredentials => "invalid_credentials",
            Error::UnknownUserOrZone { .. } => "unknown_user_or_zone",
            Error::IntegrationCodeRefused { .. } => "integration_code_refused",
            Error::Forbidden { .. } => "forbidden",
            Error::NotFound { .. } => "not_found",
            Error::Validation { .. } => "validation",
            Error::ThreadLimit { .. } => "thread_limit",
            Error::ThresholdReached { .. } => "threshold_reached",
            Error::Server { .. } => "server_error",
            Error::UnknownOutcome { .. } => "unknown_outcome",
            Error::Transport { .. } => "transport",
            Error::Decode { .. } => "decode",
            Error::ForeignHost { .. } => "foreign_host",
            Error::PagingLoop { .. } => "paging_loop",
            Error::Config(_) => "config",
        }
    }
}

//! The one error type of this crate. Each variant is something the app can act on, and none
//! carries the API key: response text is scrubbed of it before it is kept.

pub type Result<T> = std::result::Result<T, Error>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// 401: the key is wrong, revoked, or its impersonated user is gone (reference §3, §6 q8).
    #[error("Zorus refused the API key (HTTP {status}); generate a new one in the Zorus portal under Integrations > API Access")]
    InvalidKey { status: u16 },

    /// 406 (and 400): the server rejected the request body (§3: "Invalid Query").
    #[error("Zorus rejected the request (HTTP {status}): {detail}")]
    Rejected { status: u16, detail: String },

    #[error("Zorus did not answer in time")]
    Timeout,

    /// The connection could not be made or broke before an answer arrived.
    #[error("could not reach Zorus: {0}")]
    Transport(String),

    /// The answer was not the JSON expected; `path` says where it went wrong (`[12].uuid`).
    #[error("Zorus sent an answer that could not be read at {path}: {message}")]
    MalformedJson { path: String, message: String },

    /// 5xx or 429: a problem on Zorus's side, worth retrying later.
    #[error("Zorus had a problem (HTTP {status}); try again later. {detail}")]
    Server {
        status: u16,
        detail: String,
        /// The server's `Retry-After`, in seconds, when it sent one.
        retry_after_secs: Option<u64>,
    },

    /// Any other status, e.g. 404 from a wrong base URL.
    #[error("Zorus answered with HTTP {status}: {detail}")]
    UnexpectedStatus { status: u16, detail: String },

    /// A customer came back without a name. Nothing is synced from such a list: a blank name
    /// would overwrite a good local one.
    #[error("Zorus returned customer {uuid} without a name; nothing was changed")]
    EmptyCustomerName { uuid: String },

    /// The page cap was reached before a short page: the server may be ignoring `page`.
    #[error(
        "stopped after {pages} pages without reaching the end of the list; nothing was changed"
    )]
    PageCapReached { pages: u32 },

    #[error("Zorus settings: {0}")]
    Config(String),
}

impl Error {
    /// A short, stable code the UI switches on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidKey { .. } => "zorus_invalid_key",
            Error::Rejected { .. } => "zorus_rejected",
            Error::Timeout => "zorus_timeout",
            Error::Transport(_) => "zorus_unreachable",
            Error::MalformedJson { .. } => "zorus_malformed_json",
            Error::Server { .. } => "zorus_server_error",
            Error::UnexpectedStatus { .. } => "zorus_unexpected_status",
            Error::EmptyCustomerName { .. } => "zorus_empty_customer_name",
            Error::PageCapReached { .. } => "zorus_page_cap",
            Error::Config(_) => "zorus_config",
        }
    }

    /// Whether trying the same call again later could succeed.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Error::Timeout | Error::Transport(_) | Error::Server { .. }
        )
    }
}

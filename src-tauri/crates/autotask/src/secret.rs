//! The API user's secret: readable by the transport, invisible everywhere else.

use std::fmt;

/// The API user's secret (password).
///
/// `Debug` prints `<redacted>`, and there is neither `Display` nor `Serialize`, so it cannot
/// reach a log line, a settings file or an IPC reply by accident. Only [`Secret::expose`] reads
/// it, and only the transport (and the scrubbing of messages from outside) calls that.
///
/// ```compile_fail
/// fn needs_serialize<T: serde::Serialize>() {}
/// needs_serialize::<autotask::Secret>();
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The plain value. Call it where the header is built, nowhere else.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Secret {
        Secret(value)
    }
}

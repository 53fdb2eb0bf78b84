//! The Zorus API key in memory.

use std::fmt;

/// A Zorus API key. It impersonates a portal user (reference §1.3), so it is as sensitive as
/// that user's password: `Debug` prints `<redacted>`, there is no `Display`, and it deliberately
/// implements neither `Serialize` nor `Deserialize`, so it cannot leak through a log line, an
/// IPC reply or a settings file by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Surrounding whitespace is dropped: keys are pasted from the portal, which shows them
    /// once (§1.3), and a stray newline would otherwise make a good key fail with 401.
    pub fn new(key: impl Into<String>) -> ApiKey {
        let key: String = key.into();
        ApiKey(key.trim().to_string())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of the key replaced, for anything kept from a response.
    pub(crate) fn scrub(&self, text: &str) -> String {
        if self.0.is_empty() {
            text.to_string()
        } else {
            text.replace(&self.0, "<redacted>")
        }
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_key() {
        let key = ApiKey::new(" abc123xyz456\n");
        assert_eq!(format!("{key:?}"), "<redacted>");
        assert_eq!(key.expose(), "abc123xyz456");
        assert_eq!(key.scrub("echo abc123xyz456"), "echo <redacted>");
    }
}

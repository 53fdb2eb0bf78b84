//! How a client is set up: its key, where the API is, and its limits.

use std::time::Duration;

use url::Url;

use crate::error::{Error, Result};
use crate::retry::RetryPolicy;
use crate::secret::ApiKey;

/// The only host any source names (reference §1.1); paths start with `/api/`.
pub const DEFAULT_BASE_URL: &str = "https://developer.zorustech.com";

#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub api_key: ApiKey,
    pub base_url: Url,
    /// Whole-request timeout, connect to last byte. One production client uses 30 s (§3).
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub user_agent: String,
    /// Customers per page. 100 is the size two clients use for customers (§2.0).
    pub customer_page_size: u32,
    /// Endpoints per page. 500 is the largest size seen working in production (§2.0).
    pub endpoint_page_size: u32,
    /// A search gives up after this many pages instead of looping on a server that ignores
    /// `page` (§2.0 recommends a cap; PSA uses 40 × 500).
    pub max_pages: u32,
    /// What to do after a transient failure. Searches are reads, so repeating one is safe.
    pub retry: RetryPolicy,
}

impl ClientConfig {
    pub fn new(api_key: ApiKey) -> ClientConfig {
        ClientConfig {
            api_key,
            base_url: Url::parse(DEFAULT_BASE_URL).expect("constant URL parses"),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            user_agent: format!("zorus-autotask/{}", env!("CARGO_PKG_VERSION")),
            customer_page_size: 100,
            endpoint_page_size: 500,
            max_pages: 1_000,
            retry: RetryPolicy::default(),
        }
    }

    /// Points the client somewhere else: the simulator, in tests and demo mode.
    pub fn with_base_url(mut self, url: &str) -> Result<ClientConfig> {
        let url = Url::parse(url).map_err(|e| Error::Config(format!("base URL: {e}")))?;
        check_transport(&url)?;
        self.base_url = url;
        Ok(self)
    }

    pub(crate) fn validate(&self) -> Result<()> {
        if self.api_key.is_empty() {
            return Err(Error::Config("the Zorus API key is empty".into()));
        }
        if self.customer_page_size == 0 || self.endpoint_page_size == 0 || self.max_pages == 0 {
            return Err(Error::Config(
                "page sizes and the page cap must be at least 1".into(),
            ));
        }
        check_transport(&self.base_url)
    }
}

/// The key travels in a header on every call, so it only goes over TLS, except to this machine
/// (the simulator), where there is no wire to read it from.
pub(crate) fn check_transport(url: &Url) -> Result<()> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(Error::Config(format!(
            "plain http is only allowed to this machine, not to {}",
            url.host_str().unwrap_or("?")
        ))),
        other => Err(Error::Config(format!("unsupported URL scheme {other}"))),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> ClientConfig {
        ClientConfig::new(ApiKey::new("k"))
    }

    #[test]
    fn https_anywhere_http_only_to_loopback() {
        assert!(config().with_base_url("https://example.com").is_ok());
        assert!(config().with_base_url("http://127.0.0.1:8080").is_ok());
        assert!(config().with_base_url("http://[::1]:8080").is_ok());
        assert!(config().with_base_url("http://localhost:9").is_ok());
        assert!(config().with_base_url("http://example.com").is_err());
        assert!(config().with_base_url("http://10.0.0.1").is_err());
        assert!(config().with_base_url("ftp://127.0.0.1").is_err());
        assert_eq!(
            config().base_url.as_str(),
            "https://developer.zorustech.com/"
        );
    }

    #[test]
    fn an_empty_key_is_refused() {
        let c = ClientConfig::new(ApiKey::new("  "));
        assert!(matches!(c.validate(), Err(Error::Config(_))));
    }
}

//! How a client is set up: who it is, where zone discovery starts, and its limits.

use std::fmt;
use std::time::Duration;

use url::Url;

use crate::endpoint;
use crate::error::{Error, Result};
use crate::limits::PacingPolicy;
use crate::retry::RetryPolicy;
use crate::secret::Secret;

/// Where zone discovery starts for the real service (reference §2.2).
pub const DEFAULT_ZONE_ENTRY_URL: &str = "https://webservices2.autotask.net/atservicesrest";

/// The API tracking identifier this build was given (`AUTOTASK_INTEGRATION_CODE` at compile
/// time). Vendor codes are issued to the vendor and must not live in the source tree (§1.2).
pub const BUILD_INTEGRATION_CODE: Option<&str> = option_env!("AUTOTASK_INTEGRATION_CODE");

/// The API tracking identifier ("integration code"), sent as `ApiIntegrationCode`.
///
/// It is chosen in exactly one place, [`IntegrationCode::resolve`]: a value from settings wins,
/// else the one built in. `Debug` hides it because a vendor code is the vendor's credential.
#[derive(Clone, PartialEq, Eq)]
pub struct IntegrationCode(String);

impl IntegrationCode {
    /// The settings value when present and not blank, else [`BUILD_INTEGRATION_CODE`].
    pub fn resolve(setting: Option<&str>) -> Result<IntegrationCode> {
        let from_settings = setting.map(str::trim).filter(|s| !s.is_empty());
        match from_settings.or(BUILD_INTEGRATION_CODE.map(str::trim)) {
            // Lengths seen in the wild differ (27 and 24 characters, §1.2), so no length check.
            Some(code) if !code.is_empty() => Ok(IntegrationCode(code.to_string())),
            _ => Err(Error::Config(
                "no API integration code: set one in settings or build with AUTOTASK_INTEGRATION_CODE"
                    .into(),
            )),
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for IntegrationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IntegrationCode(<{} chars>)", self.0.chars().count())
    }
}

/// Everything a [`crate::Client`] needs.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub username: String,
    pub secret: Secret,
    pub integration_code: IntegrationCode,
    /// Base of zone discovery; `{zone_entry_url}/v1.0/zoneInformation?user=…`.
    pub zone_entry_url: Url,
    /// Optional `ImpersonationResourceId` header (§1.1).
    pub impersonation_resource_id: Option<i64>,
    /// Whole-request timeout, connect to last byte.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub user_agent: String,
    /// Concurrent requests per entity. The vendor allows 3 per (integration code, entity) (§7.3).
    pub max_concurrency_per_entity: usize,
    /// How long a discovered zone is trusted (§2.2: one client caches 24 h, another 12 h).
    pub zone_ttl: Duration,
    /// The hourly threshold assumed until ThresholdInformation says otherwise (§7.2).
    pub assumed_hourly_threshold: u64,
    pub retry: RetryPolicy,
    pub pacing: PacingPolicy,
    /// A stream gives up after this many pages (a loop guard, as two public clients do, §11.1).
    pub max_pages: usize,
}

impl ClientConfig {
    /// A configuration for the real service with this build's defaults.
    pub fn new(
        username: impl Into<String>,
        secret: Secret,
        integration_code: IntegrationCode,
    ) -> ClientConfig {
        ClientConfig {
            username: username.into(),
            secret,
            integration_code,
            zone_entry_url: Url::parse(DEFAULT_ZONE_ENTRY_URL).expect("constant URL parses"),
            impersonation_resource_id: None,
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            user_agent: format!("zorus-autotask/{}", env!("CARGO_PKG_VERSION")),
            max_concurrency_per_entity: 3,
            zone_ttl: Duration::from_secs(24 * 3600),
            assumed_hourly_threshold: 10_000,
            retry: RetryPolicy::default(),
            pacing: PacingPolicy::default(),
            max_pages: 1_000,
        }
    }

    /// Starts zone discovery somewhere else (the simulator, another entry host).
    pub fn with_zone_entry_url(mut self, url: &str) -> Result<ClientConfig> {
        let url = Url::parse(url.trim_end_matches('/'))
            .map_err(|e| Error::Config(format!("zone entry URL: {e}")))?;
        endpoint::check_transport(&url)?;
        self.zone_entry_url = url;
        Ok(self)
    }

    pub(crate) fn validate(&self) -> Result<()> {
        if self.username.trim().is_empty() {
            return Err(Error::Config("the API username is empty".into()));
        }
        if self.secret.is_empty() {
            return Err(Error::Config("the API secret is empty".into()));
        }
        if self.max_concurrency_per_entity == 0 {
            return Err(Error::Config(
                "max_concurrency_per_entity must be at least 1".into(),
            ));
        }
        endpoint::check_transport(&self.zone_entry_url)
    }
}

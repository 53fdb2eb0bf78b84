//! Zone discovery (§2.2): which web-services host serves a username. Looked up without
//! credentials, cached per username.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use url::Url;

use crate::endpoint;
use crate::error::{Error, Result};

/// The answer of `zoneInformation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ZoneInfo {
    #[serde(default)]
    pub zone_name: Option<String>,
    /// The API base, e.g. `https://webservices5.autotask.net/ATServicesRest/`.
    pub url: String,
    /// The web UI host.
    #[serde(default)]
    pub web_url: Option<String>,
    #[serde(default)]
    pub ci: Option<i64>,
}

impl ZoneInfo {
    /// The API base as a URL ending in `/`, so `V1.0/…` joins beneath it. The reference says the
    /// `url` ends with a slash but is not sure of it (§13 q12); one is added when missing.
    pub fn api_base(&self) -> Result<Url> {
        let mut text = self.url.trim().to_string();
        if !text.ends_with('/') {
            text.push('/');
        }
        let url =
            Url::parse(&text).map_err(|e| Error::Config(format!("zone URL from Autotask: {e}")))?;
        endpoint::check_transport(&url)?;
        Ok(url)
    }
}

fn key(username: &str) -> String {
    username.trim().to_ascii_lowercase()
}

/// Zones by username, each trusted for `ttl`. Share one between clients with `Arc`.
#[derive(Debug)]
pub struct ZoneCache {
    ttl: Duration,
    entries: Mutex<HashMap<String, (ZoneInfo, Instant)>>,
}

impl ZoneCache {
    pub fn new(ttl: Duration) -> ZoneCache {
        ZoneCache {
            ttl,
            entries: Mutex::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, (ZoneInfo, Instant)>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn get(&self, username: &str) -> Option<ZoneInfo> {
        self.get_at(username, Instant::now())
    }

    /// The zone if it was stored less than `ttl` before `now`.
    pub fn get_at(&self, username: &str, now: Instant) -> Option<ZoneInfo> {
        let entries = self.lock();
        let (zone, at) = entries.get(&key(username))?;
        (now.saturating_duration_since(*at) < self.ttl).then(|| zone.clone())
    }

    /// Stores a zone, e.g. one the app remembered from its last run.
    pub fn insert(&self, username: &str, zone: ZoneInfo) {
        self.insert_at(username, zone, Instant::now());
    }

    pub fn insert_at(&self, username: &str, zone: ZoneInfo, at: Instant) {
        self.lock().insert(key(username), (zone, at));
    }

    pub fn invalidate(&self, username: &str) {
        self.lock().remove(&key(username));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(url: &str) -> ZoneInfo {
        ZoneInfo {
            zone_name: None,
            url: url.into(),
            web_url: None,
            ci: None,
        }
    }

    #[test]
    fn entries_expire_after_the_ttl_and_keys_ignore_case() {
        let cache = ZoneCache::new(Duration::from_secs(24 * 3600));
        let t0 = Instant::now();
        cache.insert_at(
            "Api@Example.com",
            zone("https://webservices5.autotask.net/ATServicesRest/"),
            t0,
        );
        assert!(cache
            .get_at("api@example.com", t0 + Duration::from_secs(23 * 3600))
            .is_some());
        assert!(cache
            .get_at("api@example.com", t0 + Duration::from_secs(24 * 3600))
            .is_none());
        assert!(cache.get_at("other@example.com", t0).is_none());
    }

    #[test]
    fn api_base_gets_a_trailing_slash_and_must_be_https() {
        let base = zone("https://webservices5.autotask.net/ATServicesRest")
            .api_base()
            .unwrap();
        assert_eq!(
            base.join("V1.0/Companies/query").unwrap().as_str(),
            "https://webservices5.autotask.net/ATServicesRest/V1.0/Companies/query"
        );
        assert!(zone("http://webservices5.autotask.net/ATServicesRest/")
            .api_base()
            .is_err());
    }
}

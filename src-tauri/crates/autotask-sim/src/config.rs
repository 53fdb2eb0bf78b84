//! The simulated tenant's settings: its API user's credentials, its seed data and its limits.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The credentials demo mode uses when the partner has not entered any.
pub const DEMO_USERNAME: &str = "demo-api@zorus-demo.example";
pub const DEMO_SECRET: &str = "demo-secret";
pub const DEMO_INTEGRATION_CODE: &str = "ZORUSDEMO0000000000000000000";

#[derive(Debug, Clone)]
pub struct SimConfig {
    pub username: String,
    pub secret: String,
    pub integration_code: String,
    pub seed: SeedProfile,
    pub seed_number: u64,
    pub limits: Limits,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            username: DEMO_USERNAME.into(),
            secret: DEMO_SECRET.into(),
            integration_code: DEMO_INTEGRATION_CODE.into(),
            seed: SeedProfile::Small,
            seed_number: 1,
            limits: Limits::default(),
        }
    }
}

/// How much data a fresh tenant holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeedProfile {
    /// Only the tenant's own company, its API user and billing codes.
    Empty,
    Tiny,
    Small,
    Medium,
    /// 10,000 customer companies.
    Large,
}

impl SeedProfile {
    pub fn companies(self) -> usize {
        match self {
            SeedProfile::Empty => 0,
            SeedProfile::Tiny => 5,
            SeedProfile::Small => 50,
            SeedProfile::Medium => 1_000,
            SeedProfile::Large => 10_000,
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_lowercase().as_str() {
            "empty" => SeedProfile::Empty,
            "tiny" => SeedProfile::Tiny,
            "small" => SeedProfile::Small,
            "medium" => SeedProfile::Medium,
            "large" => SeedProfile::Large,
            _ => return None,
        })
    }
}

/// Throttling, as the vendor describes it (reference §7). Tests set these low.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Limits {
    /// Concurrent requests allowed per (integration code, entity).
    pub thread_limit: usize,
    /// HTTP status of a thread-limit refusal. The vendor's status is not documented (§13 q2);
    /// clients have seen it arrive as a non-429, so the default is 500.
    pub thread_limit_status: u16,
    /// Requests per rolling hour for the whole tenant.
    pub hourly_threshold: u64,
    /// Added latency per request once usage reaches 50% and 75% of the threshold.
    pub delay_at_50_ms: u64,
    pub delay_at_75_ms: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            thread_limit: 3,
            thread_limit_status: 500,
            hourly_threshold: 10_000,
            delay_at_50_ms: 500,
            delay_at_75_ms: 1_000,
        }
    }
}

/// Latency added to every API request.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Latency {
    pub fixed_ms: u64,
    pub jitter_ms: u64,
}

impl Latency {
    pub fn pick(&self, random: u64) -> Duration {
        let jitter = if self.jitter_ms == 0 {
            0
        } else {
            random % (self.jitter_ms + 1)
        };
        Duration::from_millis(self.fixed_ms + jitter)
    }
}

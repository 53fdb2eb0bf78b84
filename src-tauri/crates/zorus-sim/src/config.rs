//! The simulated partner account: its API key, its seed data, its clock and its wire quirks.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The API key demo mode uses when the partner has not entered one. Any other key gets 401.
pub const DEMO_API_KEY: &str = "zorus-demo-key";

#[derive(Debug, Clone)]
pub struct SimConfig {
    /// The token sent after `Impersonation ` (reference §1.2).
    pub api_key: String,
    pub seed: SeedProfile,
    pub seed_number: u64,
    /// The simulator's "now". Seeded `lastSeenDateUtc` values are placed relative to it, so a
    /// pinned clock makes the data the same on every run. `None` takes the real UTC date at
    /// midnight, which keeps the data stable within a day.
    pub now: Option<DateTime<Utc>>,
    pub timestamps: TimestampStyle,
    /// Largest `pageSize` accepted; larger ones get 406. The real maximum is unknown (§6 q2);
    /// 500 is the largest size seen working in production (§2.0), so the default allows a
    /// little more than that without pretending to know.
    pub max_page_size: u32,
    pub quirks: Quirks,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            api_key: DEMO_API_KEY.into(),
            seed: SeedProfile::Small,
            seed_number: 1,
            now: None,
            timestamps: TimestampStyle::Zulu,
            max_page_size: 1_000,
            quirks: Quirks::default(),
        }
    }
}

/// How much data a fresh account holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeedProfile {
    Empty,
    /// Three customers, one of them disabled: small enough to reason about in a test.
    Tiny,
    Small,
    /// 2,000 customers and about 50,000 endpoints: a large MSP.
    Large,
}

impl SeedProfile {
    pub fn customers(self) -> usize {
        match self {
            SeedProfile::Empty => 0,
            SeedProfile::Tiny => 3,
            SeedProfile::Small => 25,
            SeedProfile::Large => 2_000,
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_lowercase().as_str() {
            "empty" => SeedProfile::Empty,
            "tiny" => SeedProfile::Tiny,
            "small" => SeedProfile::Small,
            "large" => SeedProfile::Large,
            _ => return None,
        })
    }
}

/// How `…DateUtc` values are written. Whether the real API adds a `Z` is unknown (§2.0, §6 q6);
/// .NET can write a UTC time with no offset and seven fractional digits, so both are offered and
/// clients are tested against both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TimestampStyle {
    /// `2026-12-04T09:30:00.123Z`
    #[default]
    Zulu,
    /// `2026-12-04T09:30:00.1230000`
    NoOffset,
}

/// Behaviours a real server might show that the reference cannot rule out. All off by default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Quirks {
    /// Every page after the first starts this many items early, as when records are inserted
    /// ahead of the reader between two page requests (§2.0 advises de-duplicating by uuid).
    pub overlap: u32,
    /// `page` is ignored: every request gets the first page (a paging loop must have a cap).
    pub ignore_page: bool,
    /// The endpoint search ignores `customerUuidEquals`/`customerUuidIn`, as one production
    /// client reports (§2.3; the reference thinks that report came from a malformed request).
    pub ignore_customer_filter: bool,
    /// The customer search ignores `nameContains`, so a client must check the filter itself.
    pub ignore_name_filter: bool,
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

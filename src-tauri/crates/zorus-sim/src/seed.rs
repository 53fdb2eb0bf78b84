//! Seed data: a believable MSP account, the same for the same profile, seed number and clock.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};

use crate::config::SeedProfile;
use crate::store::{Db, SimCustomer, SimEndpoint};

pub use sim_kit::Rng;

/// Keeps this simulator's sequence apart from the Autotask simulator's for the same seed number.
const SALT: u64 = 0x2F6B_1D3A_9C4E_8B57;

const FIRST: &[&str] = &[
    "Alder",
    "Beacon",
    "Birch",
    "Cobalt",
    "Copper",
    "Crescent",
    "Dover",
    "Elm",
    "Fjord",
    "Garnet",
    "Hawthorn",
    "Heron",
    "Indigo",
    "Jasper",
    "Kestrel",
    "Linden",
    "Marlow",
    "Meridian",
    "Nimbus",
    "Orchard",
    "Osprey",
    "Pinecrest",
    "Quill",
    "Redwood",
    "Saffron",
    "Sterling",
    "Tidewater",
    "Umber",
    "Vantage",
    "Willow",
    "Yarrow",
    "Zephyr",
];
const SECOND: &[&str] = &[
    "Dental",
    "Family Law",
    "Logistics",
    "Accounting",
    "Builders",
    "Pediatrics",
    "Realty",
    "Bakery",
    "Engineering",
    "Insurance",
    "Auto Body",
    "Pharmacy",
    "Architects",
    "Credit Union",
    "Veterinary",
    "Print Shop",
    "Machining",
    "Advisors",
    "Montessori",
    "Inn",
    "Chiropractic",
    "Landscaping",
    "Brewing",
    "Title & Escrow",
];
const SUFFIXES: &[&str] = &["", "", " LLC", " Inc.", " Ltd", " & Co.", " PC", " GmbH"];
/// A few names that trip naive CSV writers and byte-oriented code.
const AWKWARD: &[&str] = &[
    "Café Zürich, Ltd",
    "Smith; Jones & Partners",
    "\"Quoted\" Holdings",
    "Ørsted Søn",
];
const OS: &[(&str, &str)] = &[
    ("Windows", "Windows 11 Pro"),
    ("Windows", "Windows 10 Pro"),
    ("Windows", "Windows Server 2022 Standard"),
    ("MacOS", "macOS 14 Sonoma"),
];
const VERSIONS: &[&str] = &["5.6.1.0", "5.7.0.2", "5.7.2.0"];
/// The value set is unknown (§2.2, §6 q4); these are plausible, nothing more.
const AGENT_STATES: &[&str] = &["Connected", "Disconnected"];

#[derive(Debug, Clone, Copy)]
pub enum Activity {
    /// Seen within the last hour.
    Online,
    /// Drawn from a spread: mostly within a day, some within a month, some long gone, a few never.
    Spread,
}

pub fn endpoint(
    rng: &mut Rng,
    customer_uuid: &str,
    index: usize,
    now: DateTime<Utc>,
    activity: Activity,
) -> SimEndpoint {
    let (os_type, os) = OS[rng.below(OS.len() as u64) as usize];
    let last_seen = match activity {
        Activity::Online => Some(now - Duration::seconds(rng.below(3_600) as i64)),
        Activity::Spread => match rng.below(100) {
            0..=79 => Some(now - Duration::seconds(rng.below(86_400) as i64)),
            80..=89 => Some(now - Duration::seconds(86_400 + rng.below(29 * 86_400) as i64)),
            90..=96 => Some(now - Duration::days(31 + rng.below(200) as i64)),
            _ => None,
        },
    };
    let prefix = if os_type == "MacOS" { "MAC" } else { "PC" };
    let created = now - Duration::days(1 + rng.below(900) as i64);
    // An endpoint never seen online cannot be connected.
    let agent_state = match last_seen {
        Some(t) if now - t < Duration::hours(1) => AGENT_STATES[0],
        _ => AGENT_STATES[1],
    };
    SimEndpoint {
        uuid: rng.uuid(),
        name: format!("{prefix}-{:04}-{:04X}", index + 1, rng.below(0x1_0000)),
        customer_uuid: customer_uuid.to_string(),
        group_uuid: format!("{customer_uuid}-g"),
        group_name: "Default".into(),
        policy_uuid: format!("{customer_uuid}-p"),
        created_date_utc: created,
        is_enabled: rng.chance(95),
        operating_system_type: os_type.into(),
        operating_system: os.into(),
        local_ip: format!(
            "10.{}.{}.{}",
            rng.below(256),
            rng.below(256),
            1 + rng.below(254)
        ),
        version: rng.pick(VERSIONS).into(),
        is_in_error_state: rng.chance(2),
        is_filtering_enabled: rng.chance(90),
        is_cyber_sight_enabled: rng.chance(30),
        agent_state: agent_state.into(),
        last_seen_date_utc: last_seen,
    }
}

/// How many endpoints a seeded customer gets: most are small offices, a few are large.
fn endpoint_count(rng: &mut Rng, profile: SeedProfile) -> usize {
    let n = match rng.below(100) {
        0..=4 => 0,
        5..=69 => 1 + rng.below(20),
        70..=94 => 20 + rng.below(60),
        _ => 80 + rng.below(250),
    };
    match profile {
        // Keep the tiny account's numbers small enough to check by eye.
        SeedProfile::Tiny => (n % 12) as usize + 1,
        _ => n as usize,
    }
}

/// Replaces the data with a fresh seed.
pub fn seed(db: &mut Db, profile: SeedProfile, seed_number: u64, now: DateTime<Utc>) {
    let mut rng = Rng::salted(seed_number, SALT);
    db.customers.clear();
    db.endpoints.clear();
    db.now = now;
    let mut names = HashSet::new();
    for i in 0..profile.customers() {
        let base = if i % 97 == 13 {
            rng.pick(AWKWARD).to_string()
        } else {
            format!(
                "{} {}{}",
                rng.pick(FIRST),
                rng.pick(SECOND),
                rng.pick(SUFFIXES)
            )
        };
        // Names are unique here so tests can find customers by name; the real API may well
        // allow duplicates, which is why clients key on uuid.
        let mut name = base.clone();
        let mut n = 2;
        while !names.insert(name.to_lowercase()) {
            name = format!("{base} ({n})");
            n += 1;
        }
        let uuid = rng.uuid();
        let is_enabled = match profile {
            SeedProfile::Tiny => i != 2,
            _ => !rng.chance(5),
        };
        let integrations = if rng.chance(40) {
            vec![("ConnectWise".into(), "PSA".into())]
        } else {
            Vec::new()
        };
        let count = endpoint_count(&mut rng, profile);
        for k in 0..count {
            let e = endpoint(&mut rng, &uuid, k, now, Activity::Spread);
            db.endpoints.push(e);
        }
        db.customers.push(SimCustomer {
            uuid,
            name: Some(name),
            created_date_utc: now - Duration::days(30 + rng.below(2_000) as i64),
            is_enabled,
            integrations,
        });
    }
    db.sort_endpoints();
    db.rng = Rng::salted(rng.next_u64(), SALT);
}

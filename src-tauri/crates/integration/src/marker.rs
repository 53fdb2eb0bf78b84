//! The marker written into every Autotask object we create, so that after a crash or an unknown
//! outcome we find the object again instead of creating a second one. It goes in the Contract's
//! contractNumber (exact-match queryable, 50 characters) and the Contract Service's
//! internalDescription.

use std::time::{SystemTime, UNIX_EPOCH};

const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTVWXYZ0123456789";
pub const PREFIX: &str = "ZA-";

/// A new marker: `ZA-` and 12 characters from time and process entropy. Unique per integration;
/// it is saved with the mapping before anything is sent.
pub fn new_marker(customer_id: i64) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let entropy = std::collections::hash_map::RandomState::new();
    let mut x =
        std::hash::BuildHasher::hash_one(&entropy, (nanos, customer_id, std::process::id()));
    let mut out = String::from(PREFIX);
    for _ in 0..12 {
        out.push(ALPHABET[(x % 32) as usize] as char);
        x /= 32;
        if x == 0 {
            x = nanos as u64 ^ 0x9E37_79B9_7F4A_7C15;
        }
    }
    out
}

pub fn is_marker(text: &str) -> bool {
    text.len() == PREFIX.len() + 12
        && text.starts_with(PREFIX)
        && text[PREFIX.len()..].bytes().all(|b| ALPHABET.contains(&b))
}

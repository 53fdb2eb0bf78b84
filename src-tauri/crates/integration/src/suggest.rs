//! Suggests the Autotask company for a customer by name similarity. A suggestion is only shown;
//! the partner confirms it.

/// Words that say nothing about which company it is.
const NOISE: &[&str] = &[
    "inc",
    "llc",
    "ltd",
    "limited",
    "co",
    "corp",
    "corporation",
    "company",
    "group",
    "the",
    "and",
    "plc",
    "gmbh",
    "pty",
    "sa",
    "bv",
];

fn tokens(name: &str) -> Vec<String> {
    let lowered = name.to_lowercase().replace('&', " and ");
    lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty() && !NOISE.contains(t))
        .map(str::to_string)
        .collect()
}

/// Similarity in 0..=1: shared significant words over all significant words, with a bonus when
/// one name's words are all in the other ("Acme" and "Acme Dental Group").
pub fn similarity(a: &str, b: &str) -> f64 {
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let shared = ta.iter().filter(|t| tb.contains(t)).count() as f64;
    let union = (ta.len() + tb.len()) as f64 - shared;
    let jaccard = shared / union;
    let contained = ta.iter().all(|t| tb.contains(t)) || tb.iter().all(|t| ta.contains(t));
    if contained {
        (jaccard + 1.0) / 2.0
    } else {
        jaccard
    }
}

/// The best match at or above `threshold`, as (index into `candidates`, score). Ties go to the
/// first candidate, so the result is stable.
pub fn best_match<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    threshold: f64,
) -> Option<(usize, f64)> {
    let mut best: Option<(usize, f64)> = None;
    for (i, c) in candidates.into_iter().enumerate() {
        let score = similarity(name, c);
        if score >= threshold && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best
}

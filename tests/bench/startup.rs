//! Placeholder: the startup bench lands in the next commits.
fn main() {}

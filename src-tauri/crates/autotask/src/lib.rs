//! Autotask PSA REST client.

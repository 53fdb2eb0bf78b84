//! Autotask PSA REST API simulator.

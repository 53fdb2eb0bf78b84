#!/usr/bin/env bash
# Runs every check and test of the workspace from a fresh Debian/Ubuntu machine with Rust:
# system packages, formatting, clippy, the Rust tests, and the third-party client test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/system-packages.sh test

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --workspace --locked
echo "== third-party Autotask client against the simulator"
tests/third-party/run.sh
echo "All checks passed."

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
echo "== vault against a real Secret Service (gnome-keyring on a private session bus)"
env -u DISPLAY dbus-run-session -- scripts/with-secret-service.sh \
  cargo test --locked -p vault --test vault -- --ignored keyring_store
env -u DISPLAY dbus-run-session -- \
  cargo test --locked -p vault --test vault -- --ignored without_a_secret_service
echo "== third-party Autotask client against the simulator"
tests/third-party/run.sh
echo "All checks passed."

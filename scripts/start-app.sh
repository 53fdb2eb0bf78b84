#!/usr/bin/env bash
# Builds and starts the desktop app on a fresh Debian/Ubuntu machine with Rust. With no Autotask
# credentials saved it runs in demo mode against the built-in simulators.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/system-packages.sh build
exec cargo run --locked -p zorus-autotask "$@"

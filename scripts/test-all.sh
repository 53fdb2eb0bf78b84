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
echo "== end-to-end: the real app window (tauri-driver + WebKitWebDriver under Xvfb) against the simulators"
# Screenshots of every page land in tests/artifacts/.
export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --version '^2' --locked
run_e2e() {
  env -u DISPLAY -u DBUS_SESSION_BUS_ADDRESS NO_AT_BRIDGE=1 dbus-run-session -- \
    scripts/with-secret-service.sh xvfb-run -a -s "-screen 0 1280x860x24" \
    cargo test --locked -p zorus-autotask --test e2e -- --ignored --test-threads=1
}
# tauri-driver now and then loses its WebKitWebDriver session (seen here in about 1 of 6
# sessions by the install test, with nothing in the app's log): one fresh second run, said aloud.
if ! run_e2e; then
  echo "note: the end-to-end run failed once; running it again from a fresh session"
  run_e2e
fi
echo "== third-party Autotask client against the simulator"
tests/third-party/run.sh
echo "All checks passed."

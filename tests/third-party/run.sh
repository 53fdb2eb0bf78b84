#!/usr/bin/env bash
# Runs the unmodified npm client @apigrate/autotask-restapi against the autotask-sim binary.
#
#   tests/third-party/run.sh            (from anywhere)
#
# 1. builds the simulator (cargo does nothing if it is up to date),
# 2. installs the pinned npm package with `npm ci` if node_modules is missing,
# 3. starts `autotask-sim --port 0 --seed small --seed-number 1` and reads the port from its first
#    stdout line ("listening on http://127.0.0.1:PORT"),
# 4. runs the node test with SIM_BASE_URL=http://127.0.0.1:PORT,
# 5. stops the simulator on exit and exits with the test's status.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

cd "$ROOT"
cargo build -p autotask-sim --bin autotask-sim

target_dir="${CARGO_TARGET_DIR:-target}"
case "$target_dir" in
  /*) ;;
  *) target_dir="$ROOT/$target_dir" ;;
esac
SIM_BIN="$target_dir/debug/autotask-sim"
if [[ ! -x "$SIM_BIN" ]]; then
  echo "run.sh: simulator binary not found at $SIM_BIN" >&2
  exit 1
fi

if [[ ! -d "$HERE/node_modules/@apigrate/autotask-restapi" ]]; then
  (cd "$HERE" && npm ci --no-audit --no-fund)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/autotask-third-party.XXXXXX")"
sim_pid=""
cleanup() {
  local status=$?
  if [[ -n "$sim_pid" ]] && kill -0 "$sim_pid" 2>/dev/null; then
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$SIM_BIN" --port 0 --seed small --seed-number 1 >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!

# Wait (up to 60 s) for the first complete stdout line.
first_line=""
for _ in $(seq 1 600); do
  if [[ "$(wc -l <"$work/sim.out")" -ge 1 ]]; then
    first_line="$(head -n 1 "$work/sim.out")"
    break
  fi
  if ! kill -0 "$sim_pid" 2>/dev/null; then
    echo "run.sh: the simulator exited before it printed its address; stderr:" >&2
    cat "$work/sim.err" >&2
    exit 1
  fi
  sleep 0.1
done

if [[ ! "$first_line" =~ ^listening\ on\ (http://127\.0\.0\.1:[0-9]+)$ ]]; then
  echo "run.sh: expected 'listening on http://127.0.0.1:PORT' as the first stdout line, got: '${first_line}'" >&2
  echo "--- simulator stderr ---" >&2
  cat "$work/sim.err" >&2
  exit 1
fi
SIM_BASE_URL="${BASH_REMATCH[1]}"
echo "run.sh: simulator listening on $SIM_BASE_URL (pid $sim_pid)"

set +e
(cd "$HERE" && SIM_BASE_URL="$SIM_BASE_URL" npm test --silent)
test_status=$?
set -e

if [[ $test_status -ne 0 ]]; then
  echo "--- simulator stderr (last 50 lines) ---" >&2
  tail -n 50 "$work/sim.err" >&2 || true
fi
exit "$test_status"

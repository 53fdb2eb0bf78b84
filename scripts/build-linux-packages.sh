#!/usr/bin/env bash
# Builds the release app and its Linux installers, a .deb and an .rpm, with the Tauri CLI pinned in
# package.json. Heavy: a clean release build takes 5 to 10 minutes on 2 cores, so it is not part of
# scripts/test-all.sh or CI. AppImage is not built: its bundling downloads tools (AppRun,
# linuxdeploy) from the internet while it runs.
#
#   scripts/build-linux-packages.sh                                # version from tauri.conf.json
#   scripts/build-linux-packages.sh --config '{"version":"0.1.1"}' # extra `tauri build` arguments
#
# Prints the paths of the packages built: target/release/bundle/{deb,rpm}/ (under $CARGO_TARGET_DIR
# when that is set).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/system-packages.sh build
# rpmbuild is not needed: the Tauri bundler writes the .rpm itself.
if [[ ! -x node_modules/.bin/tauri ]]; then
  npm ci --no-audit --no-fund
fi

BUNDLE="${CARGO_TARGET_DIR:-$ROOT/target}/release/bundle"
rm -rf "$BUNDLE/deb" "$BUNDLE/rpm"
started=$(date +%s)
npx --no-install tauri build --ci --bundles deb,rpm "$@" -- --locked
echo "built in $(( $(date +%s) - started )) s:"
ls -l "$BUNDLE"/deb/*.deb "$BUNDLE"/rpm/*.rpm

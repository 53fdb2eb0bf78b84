#!/usr/bin/env bash
# Regenerates every desktop target's icons in icons/ from the one source image icons/icon.png
# (512x512 RGBA): PNGs for Linux, icon.ico for Windows, icon.icns for macOS, and the Square*Logo
# PNGs for the Windows Store/MSIX. The results are committed, so a build never needs this.
# Uses the Tauri CLI pinned in package.json (npm ci installs it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[[ -x node_modules/.bin/tauri ]] || npm ci --no-audit --no-fund
src="$(mktemp --suffix=.png)"
trap 'rm -f "$src"' EXIT
cp icons/icon.png "$src"
npx --no-install tauri icon "$src" -o icons
# Mobile targets are not built; drop their icon sets.
rm -rf icons/android icons/ios
ls -l icons

#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages a group needs, only when some are missing.
#   scripts/system-packages.sh build   # to compile the Tauri app
#   scripts/system-packages.sh test    # to compile and run every test
# Runs apt-get as root, or through sudo.
set -euo pipefail

build=(libwebkit2gtk-4.1-dev build-essential file pkg-config libssl-dev libxdo-dev libdbus-1-dev
       libayatana-appindicator3-dev librsvg2-dev)
test_only=(xvfb xauth webkit2gtk-driver dbus-x11 gnome-keyring libsecret-tools nodejs npm)

case "${1:-}" in
  build) wanted=("${build[@]}") ;;
  test) wanted=("${build[@]}" "${test_only[@]}") ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

missing=()
for pkg in "${wanted[@]}"; do
  # npm/node may come from elsewhere (nvm, NodeSource); only install them when absent.
  if [[ "$pkg" == nodejs || "$pkg" == npm ]] && command -v "${pkg/nodejs/node}" >/dev/null 2>&1; then
    continue
  fi
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "Installing system packages: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "These packages are missing and this user is not root and has no sudo: ${missing[*]}" >&2
    exit 1
  fi
  sudo_cmd=(sudo)
fi
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"

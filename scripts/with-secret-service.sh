#!/bin/sh
# Runs a command with an unlocked gnome-keyring Secret Service on a private session bus.
# Use inside dbus-run-session:  dbus-run-session -- scripts/with-secret-service.sh CMD...
# The keyring lives in a temporary folder and disappears with the bus.
set -e
export XDG_DATA_HOME="$(mktemp -d "${TMPDIR:-/tmp}/zorus-keyring.XXXXXX")"
eval "$(printf 'test-password' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$@"

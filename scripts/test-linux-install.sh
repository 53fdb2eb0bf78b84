#!/usr/bin/env bash
# Installs the Linux packages the way a partner would and checks the installed app, then upgrades.
# Needs root (dpkg -i); Debian/Ubuntu. Not part of scripts/test-all.sh or CI: it builds the release
# app twice (10+ minutes on 2 cores). Run it before a release:
#
#   scripts/test-linux-install.sh           # builds both versions, then tests
#   scripts/test-linux-install.sh --reuse   # reuses the packages of the last run (target/install-test/pkgs)
#   scripts/test-linux-install.sh --keep    # leaves the newer .deb installed at the end
#
# What it does, each step checked:
#  1. builds the packages twice, the version of tauri.conf.json (OLD) and the next patch version
#     (NEW, through `tauri build --config '{"version":...}'`): the same app, two versions;
#  2. installs the OLD .deb with dpkg; under Xvfb, inside dbus-run-session with an unlocked
#     gnome-keyring, starts /usr/bin/zorus-autotask, finds its window by the title of
#     tauri.conf.json, waits for the page's first-paint report, and checks a screenshot of the
#     window is not blank;
#  3. through tauri-driver (WebDriver) the installed app connects to Autotask (the local
#     simulator; the credentials go to the Secret Service) and adds a customer: data made by the app;
#  4. installs the NEW .deb over it, starts it again, and checks the database file is still there,
#     the app reports the NEW version, still lists the customer and the connection, and reaches
#     Autotask with the credentials saved before the upgrade;
#  5. removes the .deb and checks the program is gone and the data, logs and keyring are kept;
#  6. the .rpm: Debian has no rpm-based system to install into, so the OLD and then the NEW .rpm are
#     installed with `rpm --nodeps` into a scratch root (target/install-test/rpmroot), their
#     metadata printed, and the binary from that root is started and checked like the .deb's
#     (steps 2 to 4 again, for a new user).
# A scratch HOME (target/install-test/home) holds the data dir, logs and keyring; the machine's own
# ~/.local/share is not touched. Screenshots go to target/install-test/shots.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$ROOT/target/install-test"
TITLE="$(python3 -c 'import json;print(json.load(open("tauri.conf.json"))["app"]["windows"][0]["title"])')"
DB_REL=".local/share/zorus-autotask/zorus-autotask.sqlite3"
WD_PORT=4454 # not tauri-driver's default 4444, so it can run beside the e2e tests

# ---------------------------------------------------------------------------------------------
# Inside one desktop session: xvfb-run + dbus-run-session, HOME=$WORK/home.
#   test-linux-install.sh --phase NAME BINARY [create | check VERSION]
if [[ "${1:-}" == --phase ]]; then
  name="$2" binary="$3" action="${4:-}" version="${5:-}"
  kill_tree() { # kill_tree PID: the process and everything it started (WebKitWebDriver, the app)
    local child
    for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do kill_tree "$child"; done
    kill "$1" 2>/dev/null || return 0
    for _ in $(seq 1 20); do
      kill -0 "$1" 2>/dev/null || return 0
      sleep 0.1
    done
    kill -9 "$1" 2>/dev/null || true
  }
  driver=""
  trap '[[ -z "$driver" ]] || kill_tree "$driver"' EXIT
  eval "$(printf 'install-test' | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL

  out="$WORK/logs/$name-app.out"
  ZORUS_AUTOTASK_REPORT_FIRST_PAINT=1 "$binary" >"$out" 2>&1 &
  app=$!
  if ! wid="$(timeout 60 xdotool search --sync --onlyvisible --name "^${TITLE}\$" | head -n1)" || [[ -z "$wid" ]]; then
    echo "FAIL [$name] no window titled '$TITLE' within 60 s"; cat "$out"; kill "$app" 2>/dev/null; exit 1
  fi
  echo "ok   [$name] window '$TITLE' is up (id $wid)"
  painted=""
  for _ in $(seq 1 60); do
    painted="$(grep -m1 -o 'first-paint-ms [0-9]*' "$out" || true)"
    [[ -n "$painted" ]] && break
    sleep 0.25
  done
  if [[ -n "$painted" ]]; then
    echo "ok   [$name] the page reported its first paint: $painted"
  else
    echo "note [$name] no first-paint report within 15 s; judging by the screenshot alone"
  fi
  sleep 2
  shot="$WORK/shots/$name.png"
  import -window root "$shot"
  eval "$(xdotool getwindowgeometry --shell "$wid")"
  colors="$(/usr/bin/convert "$shot" -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage -format %k info:)"
  if ((colors < 32)); then
    echo "FAIL [$name] the window looks blank: $colors colours in ${WIDTH}x${HEIGHT} ($shot)"; kill "$app"; exit 1
  fi
  echo "ok   [$name] the window shows a page: $colors colours in ${WIDTH}x${HEIGHT} ($shot)"
  kill "$app"
  wait "$app" 2>/dev/null || true
  if [[ ! -s "$HOME/$DB_REL" ]]; then
    echo "FAIL [$name] no database at ~/$DB_REL"; exit 1
  fi
  echo "ok   [$name] database ~/$DB_REL ($(stat -c %s "$HOME/$DB_REL") bytes)"

  if [[ -n "$action" ]]; then
    args=("$binary" "$action")
    if [[ -n "$version" ]]; then args+=("$version"); fi
    for attempt in 1 2 3; do
      if (exec 3<>"/dev/tcp/127.0.0.1/$WD_PORT") 2>/dev/null; then
        echo "FAIL [$name] port $WD_PORT is taken (a tauri-driver left over from an interrupted run?)"; exit 1
      fi
      tauri-driver --port "$WD_PORT" --native-port $((WD_PORT + 1)) >"$WORK/logs/$name-driver-$attempt.log" 2>&1 &
      driver=$!
      for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$WD_PORT") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$((WD_PORT + 1))") 2>/dev/null && break
        sleep 0.1
      done
      status=0
      WEBDRIVER_URL="http://127.0.0.1:$WD_PORT" /usr/bin/python3 scripts/install-test-driver.py "${args[@]}" \
        | sed "s/^/     [$name] /; s/^     \[$name\] ok   /ok   [$name] /; s/^     \[$name\] FAIL /FAIL [$name] /" || status=$?
      if ((status == 3)); then # what was still running under the driver when the connection dropped
        ps -o pid=,stat=,args= --ppid "$driver" | sed "s/^/     [$name] under tauri-driver: /" || true
        for p in $(ps -o pid= --ppid "$driver"); do
          ps -o pid=,stat=,args= --ppid "$p" | sed "s/^/     [$name]   under $p: /" || true
        done
      fi
      kill_tree "$driver"
      wait "$driver" 2>/dev/null || true
      driver=""
      # 3: tauri-driver lost its connection to WebKitWebDriver (now and then; the app has been seen both
      # still running and gone at that moment, with nothing in its log):
      # again (three tries in all), with a new driver and app.
      ((status == 3 && attempt < 3)) || break
      echo "note [$name] the WebDriver connection dropped; trying again"
      sleep 1
    done
    ((status == 0)) || exit "$status"
    # Where the README says the credentials and logs are.
    if secret-tool search --all service com.zorus.autotask.desktop 2>&1 \
      | grep -q '^attribute.username = autotask:'; then
      echo "ok   [$name] the Autotask secret is in the Secret Service (service com.zorus.autotask.desktop)"
    else
      echo "FAIL [$name] no Autotask secret in the Secret Service under service com.zorus.autotask.desktop"; exit 1
    fi
    # The simulator's API secret, which the driver typed in: never in the data, logs or web caches.
    if grep -rqa 'demo-secret' "$HOME/.local/share/zorus-autotask" "$HOME/.local/share/com.zorus.autotask.desktop"; then
      echo "FAIL [$name] the Autotask secret is written in a file under ~/.local/share"; exit 1
    fi
    echo "ok   [$name] the secret is in no file of the data, log or web-view folders"
  fi
  if compgen -G "$HOME/.local/share/com.zorus.autotask.desktop/logs/zorus-autotask.*log" >/dev/null; then
    echo "ok   [$name] the log is in ~/.local/share/com.zorus.autotask.desktop/logs/"
  else
    echo "FAIL [$name] no log file in ~/.local/share/com.zorus.autotask.desktop/logs/"; exit 1
  fi
  exit 0
fi

# ---------------------------------------------------------------------------------------------
reuse=0 keep=0
for arg in "$@"; do
  case "$arg" in
    --reuse) reuse=1 ;;
    --keep) keep=1 ;;
    *) echo "usage: $0 [--reuse] [--keep]" >&2; exit 2 ;;
  esac
done
if [[ $(id -u) -ne 0 ]]; then
  echo "Run as root: the test installs packages with dpkg." >&2
  exit 2
fi

scripts/system-packages.sh build
tools=(xvfb xauth dbus-x11 gnome-keyring libsecret-tools webkit2gtk-driver imagemagick xdotool rpm)
missing=()
for pkg in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked

OLD="$(python3 -c 'import json;print(json.load(open("tauri.conf.json"))["version"])')"
NEW="$(python3 -c 'import sys;a=sys.argv[1].split(".");a[2]=str(int(a[2])+1);print(".".join(a))' "$OLD")"
PKGS="$WORK/pkgs"
BUNDLE="${CARGO_TARGET_DIR:-$ROOT/target}/release/bundle"
pkg() { compgen -G "$PKGS/*$1" | head -n1 || true; } # pkg SUFFIX -> path or empty
old_deb="$(pkg "_${OLD}_amd64.deb")" new_deb="$(pkg "_${NEW}_amd64.deb")"
old_rpm="$(pkg "-${OLD}-1.x86_64.rpm")" new_rpm="$(pkg "-${NEW}-1.x86_64.rpm")"
if ((!reuse)) || [[ -z "$old_deb" || -z "$new_deb" || -z "$old_rpm" || -z "$new_rpm" ]]; then
  rm -rf "$PKGS"
  mkdir -p "$PKGS"
  # NEW first, so target/release ends with the plain build of tauri.conf.json's version.
  echo "== building $NEW (upgrade) packages"
  scripts/build-linux-packages.sh --config "{\"version\":\"$NEW\"}"
  cp "$BUNDLE"/deb/*.deb "$BUNDLE"/rpm/*.rpm "$PKGS/"
  echo "== building $OLD packages"
  scripts/build-linux-packages.sh
  cp "$BUNDLE"/deb/*.deb "$BUNDLE"/rpm/*.rpm "$PKGS/"
  old_deb="$(pkg "_${OLD}_amd64.deb")" new_deb="$(pkg "_${NEW}_amd64.deb")"
  old_rpm="$(pkg "-${OLD}-1.x86_64.rpm")" new_rpm="$(pkg "-${NEW}-1.x86_64.rpm")"
fi
ls -l "$PKGS"

# The Autotask simulator stands in for Autotask (debug build, loopback only). AUTOTASK_SIM_BIN
# names an already built one instead.
sim_bin="${AUTOTASK_SIM_BIN:-}"
if [[ -z "$sim_bin" ]]; then
  cargo build --locked -q -p autotask-sim
  sim_bin="${CARGO_TARGET_DIR:-$ROOT/target}/debug/autotask-sim"
fi
rm -rf "${WORK:?}/home" "$WORK/runtime" "$WORK/logs" "$WORK/shots" "$WORK/rpmroot"
mkdir -p "$WORK/home" "$WORK/runtime" "$WORK/logs" "$WORK/shots"
chmod 700 "$WORK/runtime"
"$sim_bin" --port 0 --seed tiny >"$WORK/logs/autotask-sim.log" 2>&1 &
sim=$!
cleanup() { kill "$sim" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 100); do
  grep -q 'listening on' "$WORK/logs/autotask-sim.log" && break
  sleep 0.1
done
sim_url="$(grep -m1 -o 'http://127.0.0.1:[0-9]*' "$WORK/logs/autotask-sim.log")"
echo "Autotask simulator: $sim_url"

passed=0
step() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { echo "FAIL $*"; echo "0 passed, 1 failed" >&2; exit 1; }
session() { # session NAME BINARY [create | check VERSION]
  local rc=0
  env -i PATH="$PATH" HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/runtime" LANG=C.UTF-8 NO_AT_BRIDGE=1 \
    ZORUS_AUTOTASK_ZONE_URL="$sim_url/atservicesrest" \
    xvfb-run -a -n 140 -s "-screen 0 1280x800x24" dbus-run-session -- "$ROOT/scripts/test-linux-install.sh" --phase "$@" \
    | tee "$WORK/logs/$1.txt" || rc=$?
  local ok
  ok=$(grep -c '^ok ' "$WORK/logs/$1.txt" || true)
  passed=$((passed + ok))
  if ((rc)) || grep -q '^FAIL' "$WORK/logs/$1.txt"; then fail "session $1 (exit $rc)"; fi
}
deb_version() { dpkg-query -W -f='${Version}' zorus-autotask 2>/dev/null || true; }

echo "== .deb: fresh install of $OLD"
if dpkg-query -W zorus-autotask >/dev/null 2>&1; then dpkg -P zorus-autotask >/dev/null; fi
dpkg -i "$old_deb" || { DEBIAN_FRONTEND=noninteractive apt-get -f install -y -qq; }
[[ "$(deb_version)" == "$OLD" ]] || fail "dpkg reports version '$(deb_version)', not $OLD"
step "dpkg installed zorus-autotask $OLD"
dpkg-deb -f "$old_deb" Package Version Depends Recommends Installed-Size | sed 's/^/     /'
for f in /usr/bin/zorus-autotask "/usr/share/applications/$TITLE.desktop" \
  /usr/share/icons/hicolor/128x128/apps/zorus-autotask.png; do
  [[ -e "$f" ]] || fail "missing after install: $f ($(dpkg -L zorus-autotask | tr '\n' ' '))"
done
step "the binary, the desktop entry and the icons are installed"
session deb-fresh /usr/bin/zorus-autotask create

echo "== .deb: upgrade to $NEW over it"
db_before="$(stat -c '%i %s' "$WORK/home/$DB_REL")"
dpkg -i "$new_deb"
[[ "$(deb_version)" == "$NEW" ]] || fail "dpkg reports version '$(deb_version)', not $NEW"
step "dpkg upgraded zorus-autotask to $NEW"
[[ -s "$WORK/home/$DB_REL" ]] || fail "the database is gone after the upgrade"
step "the database file is still there after the upgrade (inode, size before: $db_before)"
session deb-upgraded /usr/bin/zorus-autotask check "$NEW"

echo "== .deb: uninstall"
dpkg -r zorus-autotask >/dev/null
[[ ! -e /usr/bin/zorus-autotask ]] || fail "/usr/bin/zorus-autotask is still there after dpkg -r"
step "dpkg -r removed the program"
[[ -s "$WORK/home/$DB_REL" ]] || fail "uninstalling removed the database"
[[ -n "$(ls -A "$WORK/home/.local/share/keyrings" 2>/dev/null)" ]] || fail "uninstalling removed the keyring"
[[ -d "$WORK/home/.local/share/com.zorus.autotask.desktop/logs" ]] || fail "uninstalling removed the logs"
step "uninstalling kept the database, the logs and the keyring"
echo "== .rpm: $OLD then $NEW into a scratch root (rpm --nodeps; this is Debian)"
rpm -qp --queryformat '     %{NAME} %{VERSION}-%{RELEASE} %{ARCH}, %{SIZE} bytes installed\n' "$old_rpm"
rpm -qpR "$old_rpm" | sed 's/^/     requires: /'
rm -rf "${WORK:?}/home"; mkdir -p "$WORK/home" # a new user: the .deb test left its data
rpm --root "$WORK/rpmroot" --initdb
rpm --root "$WORK/rpmroot" -i --nodeps "$old_rpm"
[[ "$(rpm --root "$WORK/rpmroot" -q --queryformat '%{VERSION}' zorus-autotask)" == "$OLD" ]] || fail "rpm -i"
step "rpm installed zorus-autotask $OLD into the scratch root"
session rpm-fresh "$WORK/rpmroot/usr/bin/zorus-autotask" create
rpm --root "$WORK/rpmroot" -U --nodeps "$new_rpm"
[[ "$(rpm --root "$WORK/rpmroot" -q --queryformat '%{VERSION}' zorus-autotask)" == "$NEW" ]] || fail "rpm -U"
step "rpm upgraded it to $NEW"
session rpm-upgraded "$WORK/rpmroot/usr/bin/zorus-autotask" check "$NEW"

if ((keep)); then
  dpkg -i "$new_deb" >/dev/null
  echo "     (--keep: zorus-autotask $NEW is installed again)"
else
  dpkg -P zorus-autotask >/dev/null 2>&1 || true
fi

echo "$passed passed, 0 failed"

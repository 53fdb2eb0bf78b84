#!/usr/bin/env bash
# Prints the size of every installer in target/release/bundle (or the folder given) and checks each
# against the target of at most 10 MB (10,000,000 bytes). Exits 1 when one is larger.
# Portable bash (Linux, macOS, Git Bash on Windows), so the release workflow runs it on each OS.
#
#   scripts/build-linux-packages.sh && scripts/bench-installer-sizes.sh
#   scripts/bench-installer-sizes.sh target/universal-apple-darwin/release/bundle
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${1:-$ROOT/target/release/bundle}"
LIMIT=10000000

if [[ ! -d "$DIR" ]]; then
  echo "no bundles in $DIR: build them first (scripts/build-linux-packages.sh)" >&2
  exit 2
fi

over=0 count=0
printf '%-12s %12s %9s  %s\n' kind bytes MiB installer
while IFS= read -r -d '' f; do
  kind="$(basename "$(dirname "$f")")"
  bytes=$(wc -c <"$f" | tr -d ' ')
  mark=""
  if ((bytes > LIMIT)); then mark="  OVER 10 MB"; over=$((over + 1)); fi
  printf '%-12s %12d %9.2f  %s%s\n' "$kind" "$bytes" "$(awk "BEGIN{print $bytes/1048576}")" "${f#"$DIR"/}" "$mark"
  count=$((count + 1))
done < <(find "$DIR" -maxdepth 2 -type f \( -name '*.deb' -o -name '*.rpm' -o -name '*.msi' -o -name '*.exe' \
  -o -name '*.dmg' -o -name '*.app.tar.gz' -o -name '*.AppImage' \) -print0 | sort -z)

# The macOS .app is a folder; what a partner downloads is the .dmg, so it is shown, not judged.
while IFS= read -r -d '' app; do
  kib=$(du -sk "$app" | cut -f1)
  printf '%-12s %12d %9.2f  %s  (folder, not judged)\n' app $((kib * 1024)) "$(awk "BEGIN{print $kib/1024}")" "${app#"$DIR"/}"
done < <(find "$DIR" -maxdepth 2 -type d -name '*.app' -print0 | sort -z)

if ((count == 0)); then
  echo "no installers found under $DIR" >&2
  exit 2
fi
if ((over)); then
  echo "$over of $count installers are over 10 MB"
  exit 1
fi
echo "all $count installers are at most 10 MB"

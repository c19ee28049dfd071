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

# GDS Transport is licensed for gov.uk services only, so the console never serves it; the
# stylesheet's @font-face rules are taken out so a browser never asks for the font files (a
# request that fails on some pages and not others). The console's own stylesheet names the
# system fonts instead.
/usr/bin/python3 - node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css <<'PYTHON'
import os
import re
import sys

path = sys.argv[1]
with open(path, encoding="utf-8") as css:
    text = css.read()
without_fonts = re.sub(r"@font-face\{[^}]*\}", "", text)
if without_fonts != text:
    with open(path + ".tmp", "w", encoding="utf-8") as css:
        css.write(without_fonts)
    os.replace(path + ".tmp", path)
PYTHON
echo "install-frontend: installed in $(pwd)/node_modules"

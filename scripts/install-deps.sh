#!/usr/bin/env bash
# Installs the Debian 12 packages panelpack needs to build, test and run its demo.
# Run as root. Does nothing (and skips apt) when every package is already installed.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxml2-dev libzip-dev zlib1g-dev nlohmann-json3-dev libkainjow-mustache-dev libicu-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libqpdf-dev qpdf libssl-dev libpoco-dev libsqlite3-dev sqlite3 openssl libsodium-dev
  clang-14 libclang-rt-14-dev
  zip unzip python3 time
  libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils python3-docx python3-jsonschema
  p7zip-full python3-aiosmtpd hyperfine strace wrk
  chromium
  libcurl4-openssl-dev libgmime-3.0-dev dovecot-imapd python3-icalendar
)
# The console's front end (scripts/install-frontend.sh) needs Node.js and npm. A machine that
# has them already (Node.js 20 from elsewhere, whose package conflicts with Debian's npm) keeps
# its own; elsewhere Debian's are installed.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run this script as root to install them" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
echo "install-deps: done"

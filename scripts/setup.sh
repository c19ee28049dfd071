#!/usr/bin/env bash
# The README's two commands, as root on a fresh Debian 12 machine:
#   bash scripts/setup.sh demo   builds panelpack, packs a sitting of the sample office and
#                                starts the console on a copy of it (Ctrl+C stops it)
#   bash scripts/setup.sh test   builds panelpack and runs every test (this is what CI runs)
set -euo pipefail

cd "$(dirname "$0")/.."

usage() {
  echo "usage: bash scripts/setup.sh demo|test" >&2
  exit 2
}

step() {
  echo
  echo "==> $*"
}

build() {  # build_type [target]: the demo needs only the command, the tests everything
  local build_type="$1"
  local target=("${@:2}")
  step "configuring a $build_type build in build/"
  # ccache, when the machine has it, makes a second build of the same sources quick.
  local launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" "${launcher[@]}"
  step "building ${target[*]:-everything} (2 jobs)"
  if [ "${#target[@]}" -gt 0 ]; then
    cmake --build build -j2 --target "${target[@]}"
  else
    cmake --build build -j2
  fi
}

demo() {
  build Release panelpack
  # The sample office (samples/office/README.md): a fictional council, thirteen children,
  # four panels. Its December sittings, what needs attention, then the pack of 15 December:
  # agenda, papers, manifest, zip and one PDF with a bookmark per case.
  local office=samples/office
  step "the permanence panel's December sittings and their deadlines"
  build/cli/panelpack calendar --office "$office" --panel permanence \
    --from 2026-12-01 --to 2026-12-31
  step "what needs attention on 11 December 2026"
  build/cli/panelpack status --office "$office" --now 2026-12-11T09:00
  step "packing the sitting of 15 December 2026 (LibreOffice converts each document)"
  build/cli/panelpack pack permanence 2026-12-15 --office "$office" --pdf
  echo
  echo "The pack is in $(pwd)/$office/packs/permanence/2026-12-15/"
  console_demo "$office"
}

# The console on a copy of the sample office, with a fictional administrator whose one-time
# password is shown once. In CI or without a terminal it prints the command instead of
# waiting for Ctrl+C.
console_demo() {
  local copy
  copy="$(mktemp -d /tmp/panelpack-demo.XXXXXX)/office"
  cp -r "$1" "$copy"
  step "the console on a copy of the sample office, $copy"
  build/cli/panelpack users add demo.admin@northbridge.example.org --role administrator \
    --name "Demo Administrator" --office "$copy"
  local serve=(build/cli/panelpack serve --office "$copy" --listen 127.0.0.1:8080)
  echo
  echo "Open http://127.0.0.1:8080/ and sign in as demo.admin@northbridge.example.org with the"
  echo "one-time password above (the console then asks you to choose your own)."
  if [ "${CI:-}" = "true" ] || [ ! -t 0 ]; then
    echo "To start the console, run:"
    echo "  ${serve[*]}"
    return 0
  fi
  echo "Starting the console; Ctrl+C stops it."
  "${serve[@]}"
}

run_tests() {
  build RelWithDebInfo
  step "running the tests"
  ctest --test-dir build --output-on-failure -j2
  # Threads sharing a calendar, a template, the office: data races fail CI (build-tsan/).
  step "running the threads and office tests under ThreadSanitizer"
  bash scripts/tsan.sh
  # The lead adds scripts/fuzz.sh (libFuzzer over compile+render); run it briefly when present.
  if [ -f scripts/fuzz.sh ]; then
    step "fuzzing for 60 seconds"
    bash scripts/fuzz.sh 60
  else
    step "skipping the fuzz run: scripts/fuzz.sh does not exist yet"
  fi
}

[ "$#" -eq 1 ] || usage
case "$1" in
  demo)
    step "installing packages"
    bash scripts/install-deps.sh
    step "installing the console's front-end files (npm ci in console/)"
    bash scripts/install-frontend.sh
    demo
    ;;
  test)
    step "installing packages"
    bash scripts/install-deps.sh
    step "installing the console's front-end files and browser tests' tools (npm ci in console/)"
    bash scripts/install-frontend.sh
    run_tests
    ;;
  *) usage ;;
esac

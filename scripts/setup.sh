#!/usr/bin/env bash
# The README's two commands, as root on a fresh Debian 12 machine:
#   bash scripts/setup.sh demo   builds panelpack and renders the sample referral into out/
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

build() {
  local build_type="$1"
  step "configuring a $build_type build in build/"
  cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type"
  step "building (2 jobs)"
  cmake --build build -j2
}

demo() {
  build Release
  # The fictional sample referral (samples/README.md).
  local template=samples/referral/template.docx
  local data=samples/referral/case.json
  step "rendering $template with $data"
  local wrote
  wrote="$(build/cli/panelpack render "$template" "$data" -o 'out/referral-{{case_ref}}.docx')"
  echo "$wrote"
  echo
  echo "The filled referral is $(pwd)/${wrote#wrote }"
}

run_tests() {
  build RelWithDebInfo
  step "running the tests"
  ctest --test-dir build --output-on-failure -j2
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
    demo
    ;;
  test)
    step "installing packages"
    bash scripts/install-deps.sh
    run_tests
    ;;
  *) usage ;;
esac

#!/usr/bin/env bash
# The README's two commands, as root on a fresh Debian 12 machine:
#   bash scripts/setup.sh demo   builds panelpack and renders the sample office's referrals into out/
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
  cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type"
  step "building ${target[*]:-everything} (2 jobs)"
  if [ "${#target[@]}" -gt 0 ]; then
    cmake --build build -j2 --target "${target[@]}"
  else
    cmake --build build -j2
  fi
}

demo() {
  build Release panelpack
  # The sample office (samples/office/README.md): thirteen fictional children. One referral
  # each, from the council's referral template, rendered on both cores.
  local template=templates/referral.docx
  local cases=samples/office/cases
  step "rendering $template for every case in $cases"
  build/cli/panelpack render "$template" --each "$cases" \
    -o 'out/referrals/referral-{{caseRef}}.docx' -j 0
  echo
  echo "The filled referrals are in $(pwd)/out/referrals/"
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

#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 (ASan + UBSan) into build-fuzz/ and runs each for
# half of SECONDS. Exits non-zero on a crash and prints where the crashing input is.
#   scripts/fuzz.sh [SECONDS=120]
# Needs clang-14 and libclang-rt-14-dev. The seed corpora in fuzz/corpus/ are copied to a
# scratch folder, so the repository is never modified.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_TOTAL=${1:-120}
PER_TARGET=$((SECONDS_TOTAL / 2))
BUILD=$ROOT/build-fuzz
WORK=${FUZZ_WORK:-$(mktemp -d /tmp/panelpack-fuzz.XXXXXX)}
JOBS=${JOBS:-2}

CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPANELPACK_FUZZ=ON -DPANELPACK_TESTS=OFF -DPANELPACK_BENCH=OFF >/dev/null
cmake --build "$BUILD" -j "$JOBS" --target fuzz_compile_render fuzz_document_xml

status=0
run_fuzzer() {  # name max_len
  local name=$1 max_len=$2 seeds corpus artifacts
  case "$name" in
    fuzz_compile_render) seeds=$ROOT/fuzz/corpus/compile_render ;;
    fuzz_document_xml) seeds=$ROOT/fuzz/corpus/document_xml ;;
  esac
  corpus=$WORK/$name/corpus
  artifacts=$WORK/$name/artifacts/
  mkdir -p "$corpus" "$artifacts"
  cp -r "$seeds"/. "$corpus"/
  echo "== $name: ${PER_TARGET}s, corpus $corpus"
  # -detect_leaks=0 would hide leaks; keep LeakSanitizer on.
  if ! "$BUILD/fuzz/$name" -max_total_time="$PER_TARGET" -rss_limit_mb=2048 -max_len="$max_len" \
      -timeout=25 -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" \
      2>"$WORK/$name/log"; then
    status=1
    echo "!! $name FOUND A CRASH; log: $WORK/$name/log"
    ls -l "$artifacts"
    grep -m1 -E "ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|runtime error|deadly signal" \
      "$WORK/$name/log" || true
  fi
  grep -E "^#[0-9]+.*(DONE|cov:)" "$WORK/$name/log" | tail -1 || true
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb|new_units_added)" \
    "$WORK/$name/log" || true
}

run_fuzzer fuzz_compile_render 1048576
run_fuzzer fuzz_document_xml 65536

if [ "$status" -ne 0 ]; then
  echo "crash inputs are under $WORK/*/artifacts/ (reproduce: build-fuzz/fuzz/<target> <file>)"
else
  echo "no crash; logs and grown corpora in $WORK"
fi
exit "$status"

#!/usr/bin/env bash
# Builds the tests where threads share objects with ThreadSanitizer (GCC, -O1 -g) into
# build-tsan/ and runs those labelled "threads" or "office". Exits non-zero on any data race
# TSan reports (halt_on_error) and on any failing test.
#   scripts/tsan.sh
# Only the libraries those tests need are built (target tsan_tests, cmake/TsanTests.cmake).
# libxml2, libzip, zlib and Poco are not instrumented, so TSan sees nothing inside them, only
# the libc calls they make: tests/tsan.supp suppresses the one such report (and says why).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$ROOT/build-tsan
JOBS=${JOBS:-2}

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPANELPACK_TSAN=ON \
  -DPANELPACK_BENCH=OFF "${launcher[@]}" >/dev/null
cmake --build "$BUILD" -j "$JOBS" --target tsan_tests

# exitcode 66 marks a race even where a test would otherwise pass; second_deadlock_stack
# names both lock orders of a potential deadlock.
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 \
suppressions=$ROOT/tests/tsan.supp ${TSAN_OPTIONS:-}"
ctest --test-dir "$BUILD" -L 'threads|office' --output-on-failure -j "$JOBS" --no-tests=error

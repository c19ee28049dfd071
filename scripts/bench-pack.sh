#!/usr/bin/env bash
# The pack benchmark of docs/performance.md: a 30-case sitting packed without PDF, timed with
# hyperfine (or /usr/bin/time when hyperfine is absent) and measured for peak memory.
#   scripts/bench-pack.sh [CASES=30] [RUNS=20]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CASES=${1:-30}
RUNS=${2:-20}
BUILD=$ROOT/build-release
OFFICE=${OFFICE:-/tmp/panelpack-bench-office}

echo "== build (Release) into $BUILD"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPANELPACK_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j 2 --target panelpack
BIN=$BUILD/cli/panelpack

echo "== machine: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 "$ROOT/bench/pack/make_office.py" "$OFFICE" "$CASES"
PACK=("$BIN" pack permanence 2027-01-12 --office "$OFFICE" --quiet)
"${PACK[@]}"
echo "== the pack: $(ls "$OFFICE/packs/permanence/2027-01-12" | wc -l) files, $(du -sh "$OFFICE/packs/permanence/2027-01-12" | cut -f1)"

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 3 --runs "$RUNS" --export-json "$OFFICE/hyperfine.json" "${PACK[*]}"
  PW="$OFFICE/password.txt"; echo "fictional-benchmark-password" > "$PW"
  hyperfine --warmup 3 --runs "$RUNS" "${PACK[*]} --password-file $PW"
else
  for _ in $(seq 1 "$RUNS"); do /usr/bin/time -f "%e s" "${PACK[@]}"; done
fi
echo "== peak memory"
/usr/bin/time -v "${PACK[@]}" 2>&1 | grep -E "Maximum resident|Elapsed"

# Beside the peers: their own benchmark rendering one pack's worth of documents (the cases and
# the agenda), the whole process timed as ours is. They only render and zip each document.
PEERS_DIR=${PEERS_DIR:-/tmp/peers}
if [ -d "$PEERS_DIR/node_modules" ]; then
  echo "== peers: $((CASES + 1)) documents each (ENGINES=${ENGINES:-docxtemplater easy-template-x})"
  ENGINES=${ENGINES:-"docxtemplater easy-template-x"} PEERS_DIR=$PEERS_DIR \
    bash "$ROOT/../shared/bench/peers/bench.sh" "$((CASES + 1))" 5 || echo "!! the peers' bench.sh failed"
else
  echo "== peers not installed: mkdir -p $PEERS_DIR && cd $PEERS_DIR && npm init -y && npm install docxtemplater pizzip easy-template-x"
fi

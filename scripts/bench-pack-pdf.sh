#!/usr/bin/env bash
# The pack-with-PDF benchmark of docs/performance.md: the 30-case sitting (bench/pack/
# make_office.py, 40 documents) packed with --pdf, LibreOffice converting a batch of documents
# per start ("batched", today's behaviour) against one start per document ("single",
# PANELPACK_PDF_BATCH=1, the behaviour before). The two run in turn, batched single batched
# single ..., so both see the same machine; whole-process wall time by /usr/bin/time, medians.
# It also checks that both PDFs read the same (pdftotext) and have the same pages.
#   scripts/bench-pack-pdf.sh [CASES=30] [RUNS=5]
# Env: MODES   the modes to run in turn (default "batched single"); "unseeded" is batched
#              with soffice reached through a wrapper script outside LibreOffice's folder, so
#              the converter cannot read the installed version and leaves each profile
#              unseeded: LibreOffice then runs its self-tests at every start (the behaviour
#              before the profile seed, engine/pdf/profile_seed.hpp)
#      BIN     the panelpack to time (default: a Release build in build-release/)
#      JOBS    LibreOffice workers, pack's -j (default 2)
#      OFFICE  where the bench office is made (default /tmp/panelpack-bench-pdf-office)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CASES=${1:-30}
RUNS=${2:-5}
JOBS=${JOBS:-2}
OFFICE=${OFFICE:-/tmp/panelpack-bench-pdf-office}
read -r -a MODE_LIST <<< "${MODES:-batched single}"

if [ -z "${BIN:-}" ]; then
  BUILD=$ROOT/build-release
  echo "== build (Release) into $BUILD"
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPANELPACK_TESTS=OFF >/dev/null
  cmake --build "$BUILD" -j 2 --target panelpack
  BIN=$BUILD/cli/panelpack
fi
command -v soffice >/dev/null || { echo "LibreOffice (soffice) is not installed"; exit 1; }

echo "== machine: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $(soffice --version 2>/dev/null | head -1)"
/usr/bin/python3 "$ROOT/bench/pack/make_office.py" "$OFFICE" "$CASES"
PACK=("$BIN" pack permanence 2027-01-12 --office "$OFFICE" --quiet --pdf -j "$JOBS")
FOLDER=$OFFICE/packs/permanence/2027-01-12
RESULTS=$(mktemp -d /tmp/bench-pack-pdf.XXXXXX)
echo "== ${PACK[*]}"
mkdir -p "$RESULTS/wrapper"
printf '#!/bin/sh\nexec %s "$@"\n' "$(command -v soffice)" > "$RESULTS/wrapper/soffice"
chmod +x "$RESULTS/wrapper/soffice"

# One run of a mode: its wall, user and system seconds and the load before it, on one line.
run() {
  local mode=$1 load
  load=$(cut -d' ' -f1 /proc/loadavg)
  if [ "$mode" = single ]; then
    PANELPACK_PDF_BATCH=1 /usr/bin/time -f "%e %U %S" -o "$RESULTS/time" "${PACK[@]}" >/dev/null
  elif [ "$mode" = unseeded ]; then
    PANELPACK_SOFFICE=$RESULTS/wrapper/soffice /usr/bin/time -f "%e %U %S" -o "$RESULTS/time" \
      "${PACK[@]}" >/dev/null
  else
    /usr/bin/time -f "%e %U %S" -o "$RESULTS/time" "${PACK[@]}" >/dev/null
  fi
  echo "$mode $load $(tail -1 "$RESULTS/time")"
}

# A first run of each, not counted (page cache, LibreOffice's own files), keeping its PDF.
for mode in "${MODE_LIST[@]}"; do
  run "$mode" >/dev/null
  pdftotext "$FOLDER"/permanence-2027-01-12.pdf "$RESULTS/$mode.txt"
  pdfinfo "$FOLDER"/permanence-2027-01-12.pdf | grep '^Pages:' > "$RESULTS/$mode.pages"
done
A=${MODE_LIST[0]}
B=${MODE_LIST[1]:-}  # one mode alone (MODES=batched): its figures, no comparison
if [ -z "$B" ]; then
  echo "== one mode: $(cat "$RESULTS/$A.pages"), $(wc -c < "$RESULTS/$A.txt") bytes of text"
elif cmp -s "$RESULTS/$A.txt" "$RESULTS/$B.txt" &&
   cmp -s "$RESULTS/$A.pages" "$RESULTS/$B.pages"; then
  echo "== both PDFs read the same: $(cat "$RESULTS/$A.pages"), $(wc -c < "$RESULTS/$A.txt") bytes of text"
else
  echo "!! the PDFs differ: $RESULTS/$A.txt against $RESULTS/$B.txt"
fi

for r in $(seq 1 "$RUNS"); do
  for mode in "${MODE_LIST[@]}"; do
    line=$(run "$mode")
    echo "run $r $line"
    echo "$line" >> "$RESULTS/runs"
  done
done

/usr/bin/python3 - "$RESULTS/runs" "$CASES" "$A" "$B" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
cases, first, second = sys.argv[2:]
by = {}
for mode, load, wall, user, system in rows:
    by.setdefault(mode, []).append((float(load), float(wall), float(user), float(system)))
print()
print("| pack --pdf, %s cases | wall s (median) | min–max | user s | sys s | load before |" % cases)
print("|---|---:|---:|---:|---:|---:|")
for mode in [m for m in (first, second) if m]:
    runs = by[mode]
    walls = [r[1] for r in runs]
    print("| %s | %.2f | %.2f–%.2f | %.2f | %.2f | %.1f–%.1f |" % (
        mode, statistics.median(walls), min(walls), max(walls),
        statistics.median(r[2] for r in runs), statistics.median(r[3] for r in runs),
        min(r[0] for r in runs), max(r[0] for r in runs)))
if not second:
    sys.exit(0)
pairs = [s[1] / b[1] for b, s in zip(by[first], by[second])]
print()
print("%s / %s, run by run: %s; median %.2f×" % (
    second, first, ", ".join("%.2f" % p for p in pairs), statistics.median(pairs)))
PY
echo "== runs in $RESULTS/runs"

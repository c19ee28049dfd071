#!/usr/bin/env bash
# The side-by-side comparison of docs/performance.md: the peers' bench.sh, then our peer workload
# (RUNS runs under /usr/bin/time -v), verify.py, the Google Benchmark, and a summary table.
#   scripts/bench.sh [N=200] [RUNS=3]
# Env: PEERS_DIR (default /tmp/peers: node_modules, out/, results/)
#      ENGINES   the peers to run (bench.sh's list; default all of them)
#      SKIP_PEERS=1  reuse the peers' outputs and results already in PEERS_DIR
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEERS_SRC=$(cd "$ROOT/../shared/bench/peers" && pwd)
export PEERS_DIR=${PEERS_DIR:-/tmp/peers}
N=${1:-200}
RUNS=${2:-3}
BUILD=$ROOT/build-release
RES=$PEERS_DIR/results

echo "== build (Release) into $BUILD"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPANELPACK_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j 2 --target panelpack_bench_peers panelpack_bench
RUNNER=$BUILD/bench/panelpack_bench_peers

echo "== machine: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${SKIP_PEERS:-0}" != 1 ]; then
  if [ -d "$PEERS_DIR/node_modules" ]; then
    echo "== peers: bash $PEERS_SRC/bench.sh $N $RUNS"
    # A failing peer (python3-docxtpl not installed, say) must not stop our own measurement.
    bash "$PEERS_SRC/bench.sh" "$N" "$RUNS" || echo "!! the peers' bench.sh failed (see above)"
  else
    echo "== peers not installed, so only our engine is measured. To install them:"
    echo "   mkdir -p $PEERS_DIR && cd $PEERS_DIR && npm init -y && npm install docxtemplater pizzip docx-templates easy-template-x carbone"
    echo "   (and apt-get install -y python3-docx python3-docxtpl time)"
  fi
fi
mkdir -p "$RES"
rm -f "$RES"/cpp*.json "$RES"/cpp*.time "$RES"/cpp*.load

# cpp: write_file_atomically (fsync of file and folder, as the command writes);
# cpp-plainwrite: a plain write, as the peers' writeFileSync does.
for r in $(seq 1 "$RUNS"); do
  for mode in cpp cpp-plainwrite; do
    write=atomic; [ "$mode" = cpp-plainwrite ] && write=plain
    cat /proc/loadavg > "$RES/$mode.r$r.load"
    /usr/bin/time -v -o "$RES/$mode.r$r.time" \
      "$RUNNER" "$N" --out "$PEERS_DIR/out/$mode" --write "$write" > "$RES/$mode.r$r.json"
    printf 'run %s %-26s %s\n' "$r" "$mode" "$(cat "$RES/$mode.r$r.json")"
  done
done

echo "== verify.py"
if [ -d "$PEERS_DIR/out/docxtemplater" ]; then
  /usr/bin/python3 "$PEERS_SRC/verify.py" --out "$PEERS_DIR/out" cpp docxtemplater
else
  /usr/bin/python3 "$PEERS_SRC/verify.py" --out "$PEERS_DIR/out" cpp
fi

echo "== summary of every engine measured in this sitting"
/usr/bin/python3 "$PEERS_SRC/summarize.py" "$RES" | tee "$RES/summary.md"

echo "== Google Benchmark (3 repetitions, medians)"
"$BUILD/bench/panelpack_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_out="$RES/gbench.json" --benchmark_out_format=json

/usr/bin/python3 - "$RES" <<'PY'
import json, os, sys
res = sys.argv[1]
summary = json.load(open(os.path.join(res, "summary.json")))["engines"]
by = {e["engine"]: e for e in summary if not e.get("failed")}
base = by.get("docxtemplater", {}).get("docs_per_sec_median")
print()
print("| engine | docs/s (median) | ms/doc | peak RSS MiB | × docxtemplater |")
print("|---|---:|---:|---:|---:|")
for e in sorted(by.values(), key=lambda e: -e["docs_per_sec_median"]):
    ratio = "%.1f" % (e["docs_per_sec_median"] / base) if base else "–"
    print("| %s | %.1f | %.3f | %.1f | %s |" % (e["engine"], e["docs_per_sec_median"],
          e["ms_per_doc_median"], e["peak_rss_mib_median"], ratio))
bm = json.load(open(os.path.join(res, "gbench.json")))["benchmarks"]
print()
print("| Google Benchmark (median of 3) | real | CPU |")
print("|---|---:|---:|")
for b in bm:
    if b.get("aggregate_name") == "median" or b["name"].endswith("_BigO") or b["name"].endswith("_RMS"):
        unit = b.get("time_unit", "")
        if "real_time" not in b:
            continue  # the BigO and RMS rows carry coefficients, not times
        print("| %s | %.3f %s | %.3f %s |" % (b["name"], b["real_time"], unit, b["cpu_time"], unit))
PY

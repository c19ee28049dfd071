#!/usr/bin/env bash
# `panelpack render mustache.docx --each` of N records against docxtemplater rendering N
# documents, whole process against whole process (start-up, reading, rendering, writing and,
# for panelpack, flushing to disk), side by side in one run; then peak memory of the render
# against the binary's own (`panelpack --help`), and the system calls of one render.
#   scripts/bench-render-each.sh [N=200] [RUNS=7]
# Env: PEERS_DIR (default /tmp/peers) where docxtemplater is installed:
#        mkdir -p /tmp/peers && cd /tmp/peers && npm init -y && npm install docxtemplater pizzip
#      PANELPACK  a panelpack binary to measure instead of building build-release/ (Release)
# Timing: the machine's farm-bench when it exists (pairs A B A B ..., medians and the ratio of
# each pair), otherwise hyperfine. Peak RSS: /usr/bin/time -v, median of RUNS runs.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEERS_SRC=$(cd "$ROOT/../shared/bench/peers" && pwd)
export PEERS_DIR=${PEERS_DIR:-/tmp/peers}
N=${1:-200}
RUNS=${2:-7}
WORK=${WORK:-/tmp/panelpack-bench-each}
TEMPLATE=$PEERS_SRC/templates/mustache.docx

if [ -z "${PANELPACK:-}" ]; then
  echo "== build (Release) into $ROOT/build-release"
  cmake -S "$ROOT" -B "$ROOT/build-release" -DCMAKE_BUILD_TYPE=Release -DPANELPACK_TESTS=OFF \
    >/dev/null
  cmake --build "$ROOT/build-release" -j 2 --target panelpack >/dev/null
  PANELPACK=$ROOT/build-release/cli/panelpack
fi

rm -rf "$WORK" && mkdir -p "$WORK"
# The peers' records: case.json with a distinct case_ref each (as common.js's docData does).
/usr/bin/python3 - "$PEERS_SRC/case.json" "$N" "$WORK/records.jsonl" <<'PY'
import json, sys
base = json.load(open(sys.argv[1], encoding="utf-8"))
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for i in range(int(sys.argv[2])):
        out.write(json.dumps(dict(base, case_ref=f"{base['case_ref']}-{i:04d}")) + "\n")
PY
OURS=("$PANELPACK" render "$TEMPLATE" --each "$WORK/records.jsonl" -o "$WORK/out/{{case_ref}}.docx")
PEER="node $PEERS_SRC/run_docxtemplater.js $N --out $WORK/peer-out"

echo "== machine: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== panelpack: ${OURS[*]}"
"${OURS[@]}"
if [ -d "$PEERS_DIR/node_modules/docxtemplater" ]; then
  echo "== docxtemplater: $PEER"
  if command -v farm-bench >/dev/null; then
    farm-bench -n "$RUNS" --timeout 600 --vs "$PEER" -- "${OURS[@]}"
  else
    hyperfine -N --warmup 1 --runs "$RUNS" "${OURS[*]}" "$PEER"
  fi
else
  echo "== docxtemplater is not installed in $PEERS_DIR; only panelpack is timed"
  hyperfine -N --warmup 1 --runs "$RUNS" "${OURS[*]}"
fi
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The same two renders, each run into a folder that does not exist yet (a month's forms into a
# new folder). Re-rendering over the same 200 files is the run above: there each replaced file
# frees an inode, and on a file system without a journal (this machine's) ext4 then scans past
# every inode freed in the last 30 s when it makes the next file (find_inode_bit ->
# recently_deleted), a cost that grows with repeated runs and that docxtemplater, which
# overwrites in place and so is not atomic, does not pay. Both commands go through the same
# bash wrapper, which names a new folder and execs the command with @DIR@ replaced.
NEW_FOLDER="$WORK/in-new-folder.sh"
cat >"$NEW_FOLDER" <<'SH'
#!/bin/bash
# in-new-folder.sh BASE COMMAND...: runs COMMAND with @DIR@ replaced by a new folder under BASE
# (named by this process's id, which the exec'd command keeps: no process is started here).
dir="$1/run-$$"; shift
exec "${@//@DIR@/$dir}"
SH
chmod +x "$NEW_FOLDER"
mkdir -p "$WORK/new-ours" "$WORK/new-peer"
OURS_NEW=("$NEW_FOLDER" "$WORK/new-ours" "${OURS[@]:0:5}" -o "@DIR@/{{case_ref}}.docx")
PEER_NEW="$NEW_FOLDER $WORK/new-peer node $PEERS_SRC/run_docxtemplater.js $N --out @DIR@"
if [ -d "$PEERS_DIR/node_modules/docxtemplater" ] && command -v farm-bench >/dev/null; then
  echo "== into a new folder each run: ${OURS_NEW[*]}"
  echo "   against: $PEER_NEW"
  farm-bench -n "$RUNS" --timeout 600 --vs "$PEER_NEW" -- "${OURS_NEW[@]}"
fi
rm -rf "$WORK/new-ours" "$WORK/new-peer"

# Maximum resident set size (KiB) of RUNS runs of a command, median.
median_rss() {
  local values=()
  for _ in $(seq 1 "$RUNS"); do
    /usr/bin/time -f '%M' -o "$WORK/rss" "$@" >/dev/null 2>&1
    values+=("$(cat "$WORK/rss")")
  done
  printf '%s\n' "${values[@]}" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
}
base=$(median_rss "$PANELPACK" --help)
render=$(median_rss "${OURS[@]}")
echo "== peak RSS (median of $RUNS): panelpack --help $base KiB; render --each $render KiB;" \
  "beyond the baseline $(( (render - base) / 1024 )) MiB ($(( render - base )) KiB)"

if command -v strace >/dev/null; then
  strace -f -c -o "$WORK/strace.txt" "${OURS[@]}" >/dev/null
  echo "== system calls of one render --each of $N (strace -c -f):"
  grep -E ' (fsync|fdatasync|syncfs|newfstatat|statx|stat|lstat|openat|rename|total)$' \
    "$WORK/strace.txt" | awk '{print "   " $NF ": " $4 " calls"}'
fi

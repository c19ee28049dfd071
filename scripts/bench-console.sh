#!/usr/bin/env bash
# The console's benchmark of docs/performance.md: the Today and Sitting pages of the 30-case
# bench office with two years of booked sittings, answered by `panelpack serve` pinned to one
# core while wrk (from Debian) loads it from the other, over loopback, for a bounded time:
#   1. one signed-in user, one connection at a time: the p95 latency of each page;
#   2. 20 signed-in users (20 sessions, 20 connections) reading both pages: no error allowed.
#   scripts/bench-console.sh [SECONDS=10]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_EACH=${1:-10}
BUILD=${BUILD:-$ROOT/build-release}
OFFICE=${OFFICE:-/tmp/panelpack-bench-console}
SITTING=${SITTING:-permanence/2027-01-12}

echo "== build (Release) into $BUILD"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPANELPACK_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j 2 --target panelpack >/dev/null
BIN=$BUILD/cli/panelpack
echo "== machine: $(nproc) CPU; load $(cut -d' ' -f1-3 /proc/loadavg)"

/usr/bin/python3 "$ROOT/bench/pack/make_office.py" "$OFFICE" 30
/usr/bin/python3 "$ROOT/bench/console/add_history.py" "$OFFICE" "$BIN"

LOG=$(mktemp)
taskset -c 0 "$BIN" serve --office "$OFFICE" --listen 127.0.0.1:0 --assets "$ROOT/console/node_modules" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 50); do grep -q "^panelpack console on" "$LOG" && break; sleep 0.1; done
URL=$(sed -n 's/^panelpack console on \(http:[^ ]*\)$/\1/p' "$LOG")
echo "== console at $URL (pinned to CPU 0; wrk on CPU 1)"

# Signs in a fictional administrator and changes the one-time password; prints the cookie.
session_of() {
  local user=$1 jar otp token csrf
  jar=$(mktemp)
  otp=$("$BIN" users add "$user" --role administrator --name "Bench User" --office "$OFFICE" |
        sed -n 's/.*one-time password: \(\S*\).*/\1/p')
  token=$(curl -s -c "$jar" "${URL}sign-in" | sed -n 's/.*name="sign_in_token" value="\([^"]*\)".*/\1/p')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "user_name=$user" \
       --data-urlencode "password=$otp" --data-urlencode "sign_in_token=$token" "${URL}sign-in"
  csrf=$(curl -s -b "$jar" "${URL}change-password" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "current_password=$otp" \
       --data-urlencode "new_password=a fictional bench password" \
       --data-urlencode "confirm_password=a fictional bench password" \
       --data-urlencode "csrf_token=$csrf" "${URL}change-password"
  echo "panelpack_session=$(awk '$6 == "panelpack_session" {print $7}' "$jar")"
  rm -f "$jar"
}

COOKIE=$(session_of "bench.admin@council.example")
for page in today "sittings/$SITTING"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$URL$page")
  [ "$status" = 200 ] || { echo "!! $page answered $status, not 200"; exit 1; }
  echo "== one user, one connection: /$page for ${SECONDS_EACH}s"
  taskset -c 1 wrk -t1 -c1 -d"${SECONDS_EACH}s" -H "Cookie: $COOKIE" \
    -s "$ROOT/bench/console/p95.lua" "$URL$page" | grep RESULT
done

# 20 users: each its own session; wrk's connections take them in turn (one Lua state per thread).
LUA=$(mktemp --suffix=.lua)
{
  echo 'local cookies = {'
  for n in $(seq 1 20); do echo "  \"$(session_of "bench.user$n@council.example")\","; done
  echo '}'
  echo "local paths = {\"/today\", \"/sittings/$SITTING\"}"
  echo 'local n = 0'
  echo 'request = function() n = n + 1'
  echo '  return wrk.format("GET", paths[n % 2 + 1], {["Cookie"] = cookies[n % 20 + 1]}) end'
  cat "$ROOT/bench/console/p95.lua"
} >"$LUA"
echo "== 20 signed-in users, 20 connections, Today and Sitting in turn, ${SECONDS_EACH}s"
taskset -c 1 wrk -t2 -c20 -d"${SECONDS_EACH}s" -s "$LUA" "$URL" | grep RESULT
rm -f "$LUA"

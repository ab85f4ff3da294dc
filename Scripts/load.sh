#!/usr/bin/env bash
# Load figures of itembank-server on loopback with wrk (Debian): 1,000 concurrent learners answering
# items, answers/s and p50/p99, then the same server's /healthz in the same run; memory per open session.
#   [DATABASE=postgres://…] [LEARNERS=2000] Scripts/load.sh [BIN_DIR] [DURATION]
#   (BIN_DIR: a release build, default .build/release; DATABASE: default a new SQLite file)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release}
duration=${2:-20s}
connections=1000
learners=${LEARNERS:-2000}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
itembank="$bin/itembank"; [ -x "$itembank" ] || itembank=.build/debug/itembank
"$itembank" build Banks/crcn -o "$work/crcn.itembank" >/dev/null 2>&1
"$bin/itembank-server" --bank "$work/crcn.itembank" --database "${DATABASE:-$work/store.sqlite}" --port 0 \
  --watch-interval 0 >"$work/server.out" 2>"$work/server.err" &
server=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/server.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/server.out")
url="http://127.0.0.1:$port"
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
curl -s -X POST "$url/v1/learners" >/dev/null
before=$(rss)
python3 Scripts/load/prepare.py "$url" "$learners" "$work/learners.txt"
after=$(rss)
echo "store: ${DATABASE:-SQLite}; $learners learners with an open positioning each"
echo "server RSS: $before kB before, $after kB after: $(( (after - before) * 1024 / learners )) bytes per open session (store cache included)"
echo "--- answers ($connections connections, $duration)"
LEARNERS_FILE="$work/learners.txt" WRK_THREADS=2 wrk -t2 -c"$connections" -d"$duration" --latency \
  -s Scripts/load/answers.lua "$url" | grep -E "Requests/sec|Latency|answers:|latency p|50%|99%|Socket errors|Non-2xx"
echo "--- /healthz ($connections connections, $duration)"
wrk -t2 -c"$connections" -d"$duration" --latency "$url/healthz" | grep -E "Requests/sec|Latency|50%|99%|Socket errors|Non-2xx"
echo "server RSS after the runs: $(rss) kB"

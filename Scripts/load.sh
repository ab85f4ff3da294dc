#!/usr/bin/env bash
# Load figures of itembank-server on loopback with wrk (Debian), all against one server process:
#  1. memory per open session: RSS after 200 warm-up sessions and after LEARNERS more;
#  2. 1,000 concurrent learners answering items: answers/s, p50/p99, CPU time per answer;
#  3. the same server's /healthz, same connections and duration: req/s, p50/p99, CPU per request;
#  4. 1,000 learners who think before answering (THINK_MS, default 2000 ms, uniform 50-150 % of it):
#     answers/s and p50/p99 at the load they offer rather than at saturation;
#  5. reload under load: answers (and new sessions) again while the bank file is replaced by rename
#     every second, alternating two releases; failed requests (non-2xx, socket errors) must be 0.
#   [DATABASE=postgres://…] [LEARNERS=2000] [CONNECTIONS=1000] [THINK_MS=2000] [THINK_DURATION=30s] [SERVER_ARGS="…"] Scripts/load.sh [BIN_DIR] [DURATION]
#   (BIN_DIR: a release build, default .build/release; DATABASE: default a new SQLite file)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release}
duration=${2:-20s}
connections=${CONNECTIONS:-1000}
learners=${LEARNERS:-2000}
warmup=200
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
work=$(mktemp -d)
server=""
publisher=""
cleanup() {
  [ -n "$publisher" ] && kill "$publisher" 2>/dev/null || true
  [ -n "$server" ] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
itembank="$bin/itembank"; [ -x "$itembank" ] || itembank=.build/debug/itembank
# two releases of the reference bank: 1.0.0 and the same items as 1.0.1 (another content digest)
"$itembank" build Banks/crcn -o "$work/release-a.itembank" >/dev/null 2>&1
cp -R Banks/crcn "$work/crcn-next"
sed -i 's/version="1.0.0"/version="1.0.1"/' "$work/crcn-next/bank.xml"
"$itembank" build "$work/crcn-next" -o "$work/release-b.itembank" >/dev/null 2>&1
cmp -s "$work/release-a.itembank" "$work/release-b.itembank" && { echo "the two releases are equal" >&2; exit 1; }
cp "$work/release-a.itembank" "$work/crcn.itembank"
# shellcheck disable=SC2086
"$bin/itembank-server" --bank "$work/crcn.itembank" --database "${DATABASE:-$work/store.sqlite}" --port 0 \
  --watch-interval 0.2 ${SERVER_ARGS:-} >"$work/server.out" 2>"$work/server.err" &
server=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/server.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/server.out")
[ -n "$port" ] || { cat "$work/server.err" >&2; exit 1; }
url="http://127.0.0.1:$port"
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
hz=$(getconf CLK_TCK)
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs"
echo "store: ${DATABASE:-SQLite}; server options: ${SERVER_ARGS:-(defaults)}"

python3 Scripts/load/prepare.py "$url" "$warmup" "$work/warmup.txt"
before=$(rss)
python3 Scripts/load/prepare.py "$url" "$learners" "$work/learners.txt"
after=$(rss)
echo "memory: RSS $before kB after $warmup warm-up sessions, $after kB after $learners more:" \
  "$(( (after - before) * 1024 / learners )) bytes per open session (store cache and pool included)"

echo "--- answers ($connections connections, $duration)"
cpu0=$(ticks)
LEARNERS_FILE="$work/learners.txt" WRK_THREADS=2 wrk -t2 -c"$connections" -d"$duration" --latency \
  -s Scripts/load/answers.lua "$url" >"$work/answers.txt"
cpu1=$(ticks)
grep -E "Requests/sec|answers:|latency p|Socket errors|Non-2xx" "$work/answers.txt"
answered=$(sed -n 's/^answers: \([0-9]*\).*/\1/p' "$work/answers.txt")
echo "server CPU: $(( (cpu1 - cpu0) * 1000 / hz )) ms for $answered answers:" \
  "$(awk -v t=$((cpu1 - cpu0)) -v hz="$hz" -v n="$answered" 'BEGIN { printf "%.3f", n ? t * 1000 / hz / n : 0 }') ms per answer"

echo "--- /healthz ($connections connections, $duration)"
cpu0=$(ticks)
wrk -t2 -c"$connections" -d"$duration" --latency "$url/healthz" >"$work/healthz.txt"
cpu1=$(ticks)
grep -E "Requests/sec|Latency|50%|99%|Socket errors|Non-2xx" "$work/healthz.txt"
requests=$(awk '/requests in/ {print $1}' "$work/healthz.txt")
echo "server CPU: $(( (cpu1 - cpu0) * 1000 / hz )) ms for $requests requests:" \
  "$(awk -v t=$((cpu1 - cpu0)) -v hz="$hz" -v n="$requests" 'BEGIN { printf "%.3f", n ? t * 1000 / hz / n : 0 }') ms per request"
answers_rate=$(sed -n 's/^answers: [0-9]* (\([0-9.]*\)\/s).*/\1/p' "$work/answers.txt")
healthz_rate=$(awk '/Requests\/sec/ {print $2}' "$work/healthz.txt")
echo "ratio answers/s / healthz requests/s: $(awk -v a="$answers_rate" -v h="$healthz_rate" 'BEGIN { printf "%.0f %%", 100 * a / h }')"

# from here every learner starts a new positioning (their earlier sessions moved on), then answers
awk '{print $1, $2, $3, "-", $5}' "$work/learners.txt" >"$work/restart.txt"
think=${THINK_MS:-2000}
think_duration=${THINK_DURATION:-30s}
echo "--- learners thinking $think ms (50-150 %) before each request ($connections connections, $think_duration)"
LEARNERS_FILE="$work/restart.txt" THINK_MS="$think" WRK_THREADS=2 wrk -t2 -c"$connections" -d"$think_duration" \
  --latency -s Scripts/load/answers.lua "$url" >"$work/think.txt"
grep -E "answers:|latency p|Socket errors|Non-2xx" "$work/think.txt"

echo "--- reload under load ($connections connections, $duration; the bank replaced by rename every second)"
loaded0=$(grep -c "new bank release" "$work/server.err" || true)
(
  next=b
  while true; do
    sleep 1
    cp "$work/release-$next.itembank" "$work/publish.tmp"
    mv -f "$work/publish.tmp" "$work/crcn.itembank"
    if [ "$next" = b ]; then next=a; else next=b; fi
  done
) &
publisher=$!
LEARNERS_FILE="$work/restart.txt" WRK_THREADS=2 wrk -t2 -c"$connections" -d"$duration" --latency \
  -s Scripts/load/answers.lua "$url" >"$work/reload.txt"
kill "$publisher" 2>/dev/null || true
wait "$publisher" 2>/dev/null || true
publisher=""
sleep 0.5
loaded1=$(grep -c "new bank release" "$work/server.err" || true)
grep -E "Requests/sec|answers:|latency p|Socket errors|Non-2xx" "$work/reload.txt"
failed=$(sed -n 's/.*non-2xx: \([0-9]*\).*/\1/p' "$work/reload.txt")
socket=$(sed -n 's/.*Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' "$work/reload.txt")
echo "releases published and loaded during the run: $((loaded1 - loaded0)); refused: $(grep -c "release refused" "$work/server.err" || true)"
echo "failed requests during reloads: ${failed:-0} non-2xx; socket errors (connect read write timeout): ${socket:-0 0 0 0}"
echo "server RSS after the runs: $(rss) kB; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

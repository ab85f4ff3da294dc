#!/usr/bin/env bash
# The report's speed against lint's, on a generated bank, in the same run (docs/performance.md).
# Usage: Scripts/report-benchmark.sh [ITEMS] [RUNS]   (release build; needs hyperfine from apt)
set -euo pipefail
cd "$(dirname "$0")/.."
items="${1:-10000}"
runs="${2:-5}"
swift build -c release --product itembank >/dev/null
bin="$(swift build -c release --show-bin-path)/itembank"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" generate --items "$items" --seed 1 "$work/bank" >/dev/null
# lint exits 1 when the bank has errors; a generated bank has none, but do not let that stop the run.
hyperfine --warmup 1 --runs "$runs" -i \
  -n lint "$bin lint $work/bank --report gnu:$work/lint.txt" \
  -n report "$bin report $work/bank -o $work/site"
files=$(find "$work/site" -type f | wc -l)
bytes=$(du -sb "$work/site" | cut -f1)
echo "site: $files files, $bytes bytes, $((bytes / items)) bytes per item"

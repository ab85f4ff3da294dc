#!/usr/bin/env bash
# Side-by-side timing of itembank against libxml2's own validator, on the same generated files, in one
# run. For each bank size: `xmllint --noout --schema Schemas/item.xsd` over the item files (the floor
# for XML work), `itembank lint`, `itembank build`, and `itembank verify` of the result; prints the
# ratio to xmllint, items per second and peak memory (/usr/bin/time -v).
# Usage: Benchmarks/compare.sh [sizes…]   (default: 1000 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000 100000}")
[ $# -eq 0 ] && sizes=(1000 10000 100000)
command -v xmllint >/dev/null || { echo "xmllint is missing: apt-get install libxml2-utils" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 2; }
swift build -c release --product itembank >/dev/null
bin=.build/release/itembank
work=$(mktemp -d /tmp/itembank-compare-XXXXXX)
trap 'rm -rf "$work"' EXIT

measure() { # label, command… -> "seconds peakKB"
  local out="$work/time.txt"
  /usr/bin/time -v -o "$out" "${@:2}" >/dev/null 2>"$work/stderr.txt" || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out")
  echo "$wall $rss"
}

printf '\nmachine: %s, %s cores, %s\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" "$(nproc)" "$(uname -sr)"
printf '%-8s %-22s %10s %10s %12s %12s\n' items command seconds ratio items/s "peak MB"
for n in "${sizes[@]}"; do
  bank="$work/bank-$n"
  "$bin" generate --items "$n" --seed 1 "$bank" 2>/dev/null
  find "$bank/items" -name '*.xml' > "$work/files.txt"
  read -r base_s base_kb < <(measure xmllint xargs -a "$work/files.txt" xmllint --noout --schema Schemas/item.xsd)
  read -r lint_s lint_kb < <(measure lint "$bin" lint "$bank")
  read -r build_s build_kb < <(measure build "$bin" build "$bank" -o "$work/bank-$n.itembank")
  read -r verify_s verify_kb < <(measure verify "$bin" verify "$work/bank-$n.itembank")
  for row in "xmllint --schema:$base_s:$base_kb" "itembank lint:$lint_s:$lint_kb" "itembank build:$build_s:$build_kb" "itembank verify:$verify_s:$verify_kb"; do
    IFS=: read -r name secs kb <<<"$row"
    awk -v n="$n" -v name="$name" -v s="$secs" -v b="$base_s" -v kb="$kb" 'BEGIN {
      printf "%-8d %-22s %10.2f %9.2fx %12.0f %12.0f\n", n, name, s, (b > 0 ? s / b : 0), (s > 0 ? n / s : 0), kb / 1024 }'
  done
  rm -rf "$bank" "$work/bank-$n.itembank"
done

#!/usr/bin/env bash
# Import speed of the whole qtiworks corpus (QTI 2.1) against xmllint --schema alone on the same files.
# Usage: Scripts/measure-import.sh [shared folder] [itembank binary]   (default ../shared, .build/release/itembank)
# Prints: files, seconds, files/s for `itembank import` (parse + XSD validation + mapping + writing),
# the same for `xmllint --schema imsqti_v2p1.xsd` (one process for all files), their ratio, and the
# report's counts (imported / not imported, per format). Best of 3 runs each.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
bin="${2:-.build/release/itembank}"
[ -x "$bin" ] || swift build -q -c release --product itembank
corpus="$shared/corpora/qtiworks"
schemas="$shared/schemas"
mapfile -t files < <(find "$corpus" -name '*.xml' | sort)
n=${#files[@]}
best() { sort -n | head -1; }
timeit() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
out=$(mktemp -d)
ib=$(for i in 1 2 3; do rm -rf "$out/bank"; timeit "$bin" import "$corpus" -o "$out/bank" --schemas "$schemas"; done | best)
xl=$(for i in 1 2 3; do XML_CATALOG_FILES="$schemas/qti/catalog.xml" timeit xmllint --nonet --noout \
  --schema "$schemas/qti/www.imsglobal.org/xsd/imsqti_v2p1.xsd" "${files[@]}"; done | best)
rm -rf "$out/bank"
"$bin" import "$corpus" -o "$out/bank" --schemas "$schemas" --json > "$out/report.json" || true
printf 'files: %d\n' "$n"
printf 'itembank import: %.3f s, %.0f files/s\n' "$ib" "$(echo "$n / $ib" | bc -l)"
printf 'xmllint --schema: %.3f s, %.0f files/s\n' "$xl" "$(echo "$n / $xl" | bc -l)"
printf 'ratio import / xmllint: %.2f\n' "$(echo "$ib / $xl" | bc -l)"
python3 - "$out/report.json" <<'PY'
import json, sys, collections
r = json.load(open(sys.argv[1]))
print("imported:", r["imported"], "not imported:", r["notImported"], "files per format:", r["files"])
reasons = collections.Counter((e.get("reason") or "").split(":")[0].split(" (")[0] for e in r["entries"] if e.get("reason"))
for reason, count in reasons.most_common(): print(f"  {count:4d}  {reason}")
PY
rm -rf "$out"

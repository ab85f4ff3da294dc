#!/usr/bin/env bash
# Fuzzes the GIFT parser and the QTI / Moodle XML reader of ItemBankInterop with libFuzzer and
# AddressSanitizer. Usage: Scripts/fuzz-interop.sh [seconds per target] [shared folder]
# (default 600 s, ../shared). Seeds: the GIFT corpus, and the QTI 2.1 / 3.0 and Moodle corpora plus
# Tests/Fixtures/interop. Crashes go to .fuzz/interop-artifacts/ (git-ignored with .fuzz/).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shared="${2:-../shared}"
mkdir -p .fuzz/gift-corpus .fuzz/qti-corpus .fuzz/interop-artifacts
cp Tests/Fixtures/interop/*.gift .fuzz/gift-corpus/ 2>/dev/null || true
cp Tests/Fixtures/interop/*.xml .fuzz/qti-corpus/ 2>/dev/null || true
if [ -d "$shared/corpora" ]; then
  i=0
  for f in "$shared"/corpora/gift/*.gift; do cp "$f" ".fuzz/gift-corpus/seed-$((i++)).gift"; done
  find "$shared/corpora/qtiworks" "$shared/corpora/qti3" "$shared/corpora/moodle" -name '*.xml' -size -64k |
    while read -r f; do cp "$f" ".fuzz/qti-corpus/seed-$(echo "$f" | md5sum | cut -c1-12).xml"; done
fi
# GNU gold (the default linker here) stops with "internal error in format_file_lineno" on the
# instrumented objects; the toolchain's lld links them.
for target in GIFTFuzzer QTIFuzzer; do
  swift build -q -c release --package-path Fuzz --product "$target" -Xswiftc -sanitize=fuzzer,address \
    -Xswiftc -use-ld=lld
done
# The QTI 3.0 export of the reference bank seeds what the importer reads back (qrocm-dep answer groups,
# float and expected-length responses).
swift build -q --product itembank
rm -rf .fuzz/crcn-qti3
.build/debug/itembank export Banks/crcn -o .fuzz/crcn-qti3 >/dev/null
cp .fuzz/crcn-qti3/items/*.xml .fuzz/qti-corpus/
for target in GIFTFuzzer QTIFuzzer; do
  corpus=.fuzz/gift-corpus
  [ "$target" = QTIFuzzer ] && corpus=.fuzz/qti-corpus
  "Fuzz/.build/release/$target" "$corpus" -artifact_prefix=.fuzz/interop-artifacts/ -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 2>&1 | tee ".fuzz/$target.log" | tail -15
done

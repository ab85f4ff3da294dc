#!/usr/bin/env bash
# Fuzzes Bank(bytes:) + verify(.full) with libFuzzer and AddressSanitizer.
# Usage: Scripts/fuzz.sh [seconds] [jobs]   (default 600 s, 1 job)
# Seeds: the compiled reference bank and the compiled fixture bank. Crashes are written to
# .fuzz/artifacts/; the corpus grows in .fuzz/corpus/ (both git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
jobs="${2:-1}"
mkdir -p .fuzz/corpus .fuzz/artifacts
swift build -q
swift run -q itembank build Banks/crcn -o .fuzz/corpus/seed-crcn.itembank
swift run -q itembank build Tests/Fixtures/clean-bank -o .fuzz/corpus/seed-fixture.itembank
swift build -q -c release --package-path Fuzz --product BankFuzzer -Xswiftc -sanitize=fuzzer,address
fuzzer="Fuzz/.build/release/BankFuzzer"
"$fuzzer" .fuzz/corpus -artifact_prefix=.fuzz/artifacts/ -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=2048 -max_len=262144 -jobs="$jobs" -workers="$jobs" -print_final_stats=1

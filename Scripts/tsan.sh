#!/usr/bin/env bash
# Runs the concurrent-read test (8 threads reading random items of one Bank) under ThreadSanitizer.
# Usage: Scripts/tsan.sh [seconds]   (default 3). Fails on any ThreadSanitizer report.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-3}"
log=$(mktemp)
ITEMBANK_STRESS_SECONDS="$seconds" TSAN_OPTIONS="halt_on_error=1" \
  swift test --scratch-path .build-tsan --sanitize=thread --filter "concurrentReads" 2>&1 | tee "$log"
if grep -q "WARNING: ThreadSanitizer" "$log"; then
  echo "ThreadSanitizer reported a data race" >&2
  exit 1
fi
echo "no ThreadSanitizer report in ${seconds} s of concurrent reads"

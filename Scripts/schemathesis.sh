#!/usr/bin/env bash
# Property-based API testing of itembank-server with schemathesis (PyPI) against the OpenAPI document
# it serves (the coverage phase is left out: schemathesis 4.32 fails inside hypothesis there on
# Python 3.11, "AST constructor recursion depth mismatch", before any request). Builds the reference bank and the server, starts it on a temporary SQLite store with a
# learner's token, and runs every check; exits non-zero on any failure.
#   Scripts/schemathesis.sh [--max-examples N]
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${2:-50}
command -v schemathesis >/dev/null || pip install -q schemathesis
swift build --product itembank >/dev/null
swift build --product itembank-server >/dev/null
bin=$(swift build --show-bin-path)
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin/itembank" build Banks/crcn -o "$work/crcn.itembank" >/dev/null
"$bin/itembank-server" --bank "$work/crcn.itembank" --database "$work/store.sqlite" --port 0 \
  --admin-token schemathesis-admin >"$work/server.out" 2>"$work/server.err" &
server=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$work/server.out" 2>/dev/null && break
  sleep 0.1
done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/server.out")
[ -n "$port" ] || { cat "$work/server.err" >&2; echo "the server did not start" >&2; exit 1; }
token=$(curl -s -X POST "http://127.0.0.1:$port/v1/learners" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
status=0
(cd "$work" && schemathesis run "http://127.0.0.1:$port/openapi.json" \
  --checks all --exclude-checks positive_data_acceptance \
  --header "Authorization: Bearer $token" \
  --phases examples,fuzzing,stateful --max-examples "$examples" --workers 2 --seed 1 \
  --suppress-health-check all) || status=$?
if grep -q "unexpected error" "$work/server.err"; then
  echo "the server logged unexpected errors:" >&2
  grep "unexpected error" "$work/server.err" >&2
  status=1
fi
exit $status

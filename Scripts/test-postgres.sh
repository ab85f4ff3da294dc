#!/usr/bin/env bash
# A throw-away PostgreSQL for the server's tests: Debian's postgresql, a cluster in a temporary folder
# owned by the postgres user (PostgreSQL refuses to run as root), listening on loopback only.
#   Scripts/test-postgres.sh start [PORT]   prints the URL to export as ITEMBANK_TEST_POSTGRES_URL
#   Scripts/test-postgres.sh stop
#   ITEMBANK_TEST_POSTGRES_DIR=/tmp/other Scripts/test-postgres.sh start 54330   a second cluster beside the first
set -euo pipefail
dir=${ITEMBANK_TEST_POSTGRES_DIR:-/tmp/itembank-test-postgres}
port=${2:-54329}
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"
  else sudo -u postgres "$@"; fi
}
case "${1:-}" in
start)
  if [ -z "$bin" ]; then
    $SUDO apt-get update -qq >/dev/null
    $SUDO apt-get install -y -qq postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  if [ -f "$dir/data/postmaster.pid" ]; then as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true; fi
  $SUDO rm -rf "$dir"
  $SUDO mkdir -p "$dir"
  $SUDO chown postgres "$dir"
  as_postgres "$bin/initdb" -D "$dir/data" -U itembank --auth=trust >/dev/null
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200" start >/dev/null
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U itembank itembank_test
  echo "postgres://itembank@127.0.0.1:$port/itembank_test"
  ;;
stop)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
  fi
  $SUDO rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start [PORT] | stop" >&2
  exit 2
  ;;
esac

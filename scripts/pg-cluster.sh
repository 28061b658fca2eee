#!/usr/bin/env bash
# A private Postgres cluster for the tests: in a temporary folder, listening on
# 127.0.0.1 (a free port) and a unix socket in that folder only, trust authentication for
# loopback only. Run as root (CI), the cluster belongs to the `postgres` user (Postgres
# refuses to run as root); run as anyone else, to that user.
#
#   scripts/pg-cluster.sh start DIR   creates and starts a cluster in DIR (made if
#                                     missing, must be empty); prints its URL
#   scripts/pg-cluster.sh url DIR     prints the URL of the cluster in DIR
#   scripts/pg-cluster.sh pause DIR   stops the server, keeping its data (an outage)
#   scripts/pg-cluster.sh resume DIR  starts it again, on the same port
#   scripts/pg-cluster.sh stop DIR    stops it and removes DIR
#
# DIR's parents must be open to the `postgres` user when run as root (/tmp is).
# The URL names the `postgres` database; the tests create a database of their own in it
# for each test (receiver/tests/common/db.rs).
set -euo pipefail

die() { echo "pg-cluster: $*" >&2; exit 1; }

bin_dir() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$found" && -x "$found/initdb" ]] || die "no initdb under /usr/lib/postgresql/*/bin: apt-get install postgresql"
  echo "$found"
}

# Runs a command as the cluster's owner.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

url_of() {
  local dir="$1"
  [[ -f "$dir/port" ]] || die "no cluster in $dir"
  local user
  if [[ "$(id -u)" == 0 ]]; then user=postgres; else user="$(id -un)"; fi
  echo "postgres://$user@127.0.0.1:$(cat "$dir/port")/postgres"
}

start() {
  local dir="$1"
  mkdir -p "$dir"
  [[ -z "$(ls -A "$dir")" ]] || die "$dir is not empty"
  local bin port
  bin="$(bin_dir)"
  port="$(free_port)"
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || die "no postgres user (apt-get install postgresql makes it)"
    chown postgres: "$dir"
    # The owner must reach the folder (a TMPDIR under /root is not its to enter).
    chmod 0755 "$dir"
  fi
  as_owner "$bin/initdb" -D "$dir/data" --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  # Loopback and the folder's socket only; trust is for those alone (pg_hba).
  as_owner tee "$dir/data/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
  echo "$port" >"$dir/port"
  resume "$dir"
  url_of "$dir"
}

resume() {
  local dir="$1" bin
  bin="$(bin_dir)"
  [[ -f "$dir/port" ]] || die "no cluster in $dir"
  # fsync off: a test cluster's data need not survive a power cut. A small WAL: each
  # test's CREATE DATABASE writes its copy there, recycled at every checkpoint.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$(cat "$dir/port") -c unix_socket_directories=$dir -c fsync=off -c max_connections=300 -c max_wal_size=64MB -c min_wal_size=32MB" \
    start >/dev/null || { cat "$dir/data/server.log" >&2 || true; die "the cluster did not start"; }
}

pause() {
  local dir="$1" bin
  bin="$(bin_dir)"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || die "the cluster did not stop"
}

stop() {
  local dir="$1"
  [[ -d "$dir/data" ]] || { rm -rf "$dir"; return 0; }
  local bin
  bin="$(bin_dir)"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) [[ -n "${2:-}" ]] || die "usage: $0 start DIR"; start "$2" ;;
  url) [[ -n "${2:-}" ]] || die "usage: $0 url DIR"; url_of "$2" ;;
  pause) [[ -n "${2:-}" ]] || die "usage: $0 pause DIR"; pause "$2" ;;
  resume) [[ -n "${2:-}" ]] || die "usage: $0 resume DIR"; resume "$2" ;;
  stop) [[ -n "${2:-}" ]] || die "usage: $0 stop DIR"; stop "$2" ;;
  *) die "usage: $0 start|url|pause|resume|stop DIR" ;;
esac

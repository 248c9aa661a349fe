#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the tests: `start URL_FILE` makes a fresh cluster in a
# new folder under the temporary directory (the server's user must reach it, which a build folder
# inside a private clone may not allow), listening on a free loopback port with password
# authentication, creates the test database and writes its URL to URL_FILE (readable by the owner
# only) and the cluster's folder to URL_FILE.cluster; `stop URL_FILE` stops it and removes both.
# The server runs as the `postgres` system user when started by root (PostgreSQL refuses root).
set -euo pipefail

bin_dir=${QBO_SYNC_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
database=qbo_sync_test
role=qbo_sync

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  # A port nothing listens on now; a race with another process is caught by pg_ctl failing.
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

start() {
  local url_file=$1
  stop "$url_file"
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/qbo_sync_postgres.XXXXXX")
  printf '%s\n' "$dir" >"$url_file.cluster"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  printf '%s\n' "$password" >"$dir/password"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir/password"; fi
  as_server_user "$bin_dir/initdb" --pgdata="$dir/data" --username="$role" \
    --pwfile="$dir/password" --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
    --no-sync >"$dir/initdb.log" 2>&1
  rm -f "$dir/password"
  local port
  for _ in 1 2 3; do
    port=$(free_port)
    if as_server_user "$bin_dir/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait \
      --options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
                 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
                 -c max_connections=200" start >/dev/null; then
      break
    fi
    port=
  done
  if [ -z "$port" ]; then
    echo "PostgreSQL did not start; see $dir/server.log" >&2
    return 1
  fi
  PGPASSWORD=$password "$bin_dir/createdb" --host=127.0.0.1 --port="$port" \
    --username="$role" "$database"
  (
    umask 077
    printf 'postgresql://%s:%s@127.0.0.1:%s/%s\n' "$role" "$password" "$port" "$database" \
      >"$url_file"
  )
}

stop() {
  local url_file=$1
  local dir=
  [ -f "$url_file.cluster" ] && dir=$(cat "$url_file.cluster")
  rm -f "$url_file" "$url_file.cluster"
  [ -n "$dir" ] || return 0
  if [ -d "$dir/data" ]; then
    as_server_user "$bin_dir/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait stop \
      >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:?start URL_FILE}" ;;
  stop) stop "${2:?stop URL_FILE}" ;;
  *)
    echo "usage: $0 start|stop URL_FILE" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# Runs the OS-installed PostgreSQL server as an Aspire executable resource.
# TCP on loopback only: no Unix socket, whose path length limit deep run directories would exceed.
# In: PG_BIN, PG_DATA, PG_PORT (allocated by Aspire), PG_PASSWORD, PG_FSYNC (on|off), PG_OPTIONS (further "-c name=value" settings, may be empty).
set -euo pipefail

: "${PG_BIN:?}" "${PG_DATA:?}" "${PG_PORT:?}" "${PG_PASSWORD:?}"
mkdir -p "$PG_DATA/data"

as_postgres=()
if [ "$(id -u)" = "0" ]; then
  # PostgreSQL refuses to run as root.
  chown -R postgres:postgres "$PG_DATA"
  as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

if [ ! -s "$PG_DATA/data/PG_VERSION" ]; then
  pwfile="$(mktemp "$PG_DATA/pwfile.XXXXXX")"
  printf '%s\n' "$PG_PASSWORD" > "$pwfile"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$pwfile"
  "${as_postgres[@]}" "$PG_BIN/initdb" -D "$PG_DATA/data" -U postgres --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
fi

"${as_postgres[@]}" "$PG_BIN/postgres" -D "$PG_DATA/data" -p "$PG_PORT" \
  -c unix_socket_directories= \
  -c listen_addresses=127.0.0.1 -c fsync="${PG_FSYNC:-on}" -c max_connections=300 \
  -c log_destination=stderr -c logging_collector=off ${PG_OPTIONS:-} &
pid=$!

# SIGTERM is a "smart" shutdown that waits for every client; the orchestrator wants the server gone: fast shutdown.
trap 'kill -INT "$pid" 2>/dev/null || true' TERM INT
while kill -0 "$pid" 2>/dev/null; do
  wait "$pid" || true
done

#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 on a loopback port, as the postgres user (it refuses root).
#   scripts/pg.sh start [fast|durable]   prints the connection string on stdout
#   scripts/pg.sh stop
# Settings: PGDATA_DIR (default /tmp/overal-pg), PGPORT (default 55432).
# "fast" (tests) turns fsync and synchronous_commit off; "durable" (benchmarks) keeps PostgreSQL's defaults.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGDATA_DIR=${PGDATA_DIR:-/tmp/overal-pg}
PGPORT=${PGPORT:-55432}
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    mode=${2:-fast}
    if [ ! -x "$PGBIN/initdb" ]; then
      echo "PostgreSQL 15 server binaries not found in $PGBIN; installing postgresql-15" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15) >&2
    fi
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    if [ -f "$PGDATA_DIR/postmaster.pid" ]; then as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w stop >&2 || true; fi
    rm -rf "$PGDATA_DIR"; mkdir -p "$PGDATA_DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA_DIR"
    chmod 700 "$PGDATA_DIR"
    as_postgres "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    opts="-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=$PGDATA_DIR -c max_connections=300"
    [ "$mode" = fast ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 60 -o "$opts" start >&2
    echo "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
    ;;
  stop)
    if [ -f "$PGDATA_DIR/postmaster.pid" ]; then
      as_postgres "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >&2 || true
    fi
    ;;
  *)
    echo "usage: $0 start [fast|durable] | stop" >&2; exit 2 ;;
esac

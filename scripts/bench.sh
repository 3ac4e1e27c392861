#!/usr/bin/env bash
# Overal benchmark (issue #2 item 8): builds Release, starts a DURABLE throwaway PostgreSQL 15 (fsync and
# synchronous_commit at their defaults) on a loopback port, runs bench/Overal.Bench against PostgreSQL then
# SQLite, and stops PostgreSQL on every exit path. Takes about 4 minutes with the defaults.
#   scripts/bench.sh [--concurrency 32] [--rate 200] [--duration 15] [--open-duration 30] [--warmup 3]
#                    [--styles 100] [--providers postgres,sqlite] [--port 5391] [--markdown out.md]
# PGPORT / PGDATA_DIR choose the PostgreSQL port and data folder (see scripts/pg.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PGPORT=${PGPORT:-55433}
export PGDATA_DIR=${PGDATA_DIR:-/tmp/overal-pg-bench}
work=${BENCH_WORK:-/tmp/overal-bench-$PGPORT}

# PG_OPTIONS='Max Auto Prepare=20' appends Npgsql settings to the connection string of both the ceiling and the hub.
# HUB_DLL=/path/Overal.Hub.dll benchmarks another build of the hub (e.g. an older commit) instead of this tree's.
if [ -z "${HUB_DLL:-}" ]; then
  dotnet build src/Overal.Hub -c Release -nologo -v q -clp:ErrorsOnly
  HUB_DLL="$root/src/Overal.Hub/bin/Release/net10.0/Overal.Hub.dll"
fi
dotnet build bench/Overal.Bench -c Release -nologo -v q -clp:ErrorsOnly

trap 'scripts/pg.sh stop' EXIT
trap 'exit 130' INT TERM
connection=$(scripts/pg.sh start durable)

mkdir -p "$work"
dotnet bench/Overal.Bench/bin/Release/net10.0/Overal.Bench.dll \
  --postgres "$connection${PG_OPTIONS:+;$PG_OPTIONS}" --hub "$HUB_DLL" --work "$work" "$@"

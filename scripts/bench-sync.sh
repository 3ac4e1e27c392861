#!/usr/bin/env bash
# Overal sync benchmark (issue #3 item 10, issue #5 item 8): builds Release, starts a DURABLE throwaway PostgreSQL 15,
# runs the channel simulators and the hub (Live mode, pointed at the simulators) as two separate processes, posts
# signed Lightspeed sale webhooks at fixed rates and reports propagation per channel. About 8 minutes with defaults.
#   scripts/bench-sync.sh [--rates 100,500,1000] [--duration 20] [--drain-timeout 45] [--initial-timeout 90]
#                         [--warehouse-share 0.1] [--styles 60] [--port 5491] [--simulators-port 5492] [--markdown out.md]
# PGPORT / PGDATA_DIR choose the PostgreSQL port and data folder (see scripts/pg.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PGPORT=${PGPORT:-55434}
export PGDATA_DIR=${PGDATA_DIR:-/tmp/overal-pg-syncbench}
work=${BENCH_WORK:-/tmp/overal-bench-sync-$PGPORT}

dotnet build src/Overal.Hub -c Release -nologo -v q -clp:ErrorsOnly
dotnet build src/Overal.Simulators -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/Overal.Bench -c Release -nologo -v q -clp:ErrorsOnly

trap 'scripts/pg.sh stop' EXIT
trap 'exit 130' INT TERM
connection=$(scripts/pg.sh start durable)

mkdir -p "$work"
dotnet bench/Overal.Bench/bin/Release/net10.0/Overal.Bench.dll sync \
  --postgres "$connection" --hub "$root/src/Overal.Hub/bin/Release/net10.0/Overal.Hub.dll" \
  --simulators "$root/src/Overal.Simulators/bin/Release/net10.0/Overal.Simulators.dll" --work "$work" "$@"

#!/usr/bin/env bash
# Adds a migration with the same name for both providers: scripts/new-migration.sh AddOrders
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/new-migration.sh MigrationName}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project "src/Overal.Migrations.$provider" --startup-project "src/Overal.Migrations.$provider" --output-dir Migrations
done

#!/usr/bin/env bash
# Runs every test project in Overal.slnx against throwaway servers, and prints "N passed, N failed".
#
#   scripts/test.sh [extra dotnet test options]   e.g. scripts/test.sh --project tests/Overal.Hub.Tests
#
# It installs what a fresh Debian 12 machine with the .NET SDK lacks (PostgreSQL 15 via apt, as root), starts the
# servers the tests need on loopback ports, hands their addresses to the tests in environment variables, and
# stops them on every exit path. Settings: PGPORT (default 55432), PGDATA_DIR (default /tmp/overal-pg),
# TEST_RESULTS_DIR (default ./TestResults; TRX reports land there).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# Servers the suite needs: each is a start function (exports its env var) and a stop function.
# To add one (say RabbitMQ), write start_x/stop_x and append "x" to SERVERS.
SERVERS=(postgres)

start_postgres() {
  local conn
  conn=$(bash "$ROOT/scripts/pg.sh" start fast)
  export OVERAL_TEST_POSTGRES="$conn"
  echo "PostgreSQL 15 on ${conn}" >&2
}
stop_postgres() { bash "$ROOT/scripts/pg.sh" stop >/dev/null 2>&1 || true; }

# The browser tests drive Debian's Chromium (never a downloaded browser build).
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests" >&2
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2
  else
    echo "chromium is missing and this script is not root: the browser tests will fail" >&2
  fi
fi

STARTED=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  local s
  for s in "${STARTED[@]}"; do "stop_$s"; done
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for s in "${SERVERS[@]}"; do
  STARTED+=("$s")
  "start_$s"
done

RESULTS=${TEST_RESULTS_DIR:-$ROOT/TestResults}
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
target=(--solution Overal.slnx)
for a in "$@"; do case "$a" in --project|--solution) target=(); esac; done

echo "Building and running the tests (reports in $RESULTS)" >&2
set +e
# Exit code 8 = a project with no tests yet (e.g. a suite of abstract compliance classes); "nothing ran" is judged below.
dotnet test "${target[@]}" --no-progress --ignore-exit-code 8 --report-xunit-trx --results-directory "$RESULTS" "$@"
test_status=$?
set -e

# Count outcomes from the TRX reports: each result element's outcome attribute is followed by testType.
passed=0 failed=0 skipped=0
shopt -s nullglob
trx=("$RESULTS"/*.trx)
if [ ${#trx[@]} -gt 0 ]; then
  while read -r count outcome; do
    case "$outcome" in
      Passed) passed=$((passed + count)) ;;
      NotExecuted|Inconclusive|Pending) skipped=$((skipped + count)) ;;
      *) failed=$((failed + count)) ;;
    esac
  done < <(grep -oh 'outcome="[A-Za-z]*" testType=' "${trx[@]}" | sed 's/outcome="\([A-Za-z]*\)".*/\1/' | sort | uniq -c)
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
ok=1
if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ] || [ "$test_status" -ne 0 ]; then ok=0; fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "No test ran (exit code $test_status: see the build or filter above)." >&2
elif [ "$ok" = 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $test_status (a build error or a crashed test host)." >&2
fi
# Name each failed test with the start of its message last, where a log that keeps only its tail still shows them.
if [ "$failed" -gt 0 ]; then
  echo "Failed tests:" >&2
  perl -0777 -ne '
    sub unxml { my $t = shift; $t =~ s/&#xD;//g; $t =~ s/&#xA;/\n/g; $t =~ s/&quot;/"/g; $t =~ s/&lt;/</g; $t =~ s/&gt;/>/g; $t =~ s/&amp;/&/g; $t }
    while (/<UnitTestResult testName="([^"]*)" outcome="(?!Passed|NotExecuted)([A-Za-z]*)"[^>]*?(?:\/>|>(.*?)<\/UnitTestResult>)/gs) {
      my ($name, $outcome, $body) = (unxml($1), $2, $3 // "");
      my ($message) = $body =~ /<Message>(.*?)<\/Message>/s;
      my @lines = grep { /\S/ } split /\n/, unxml($message // "");
      print "  $outcome: $name\n", map { "      $_\n" } @lines[0 .. ($#lines < 7 ? $#lines : 7)];
    }' "${trx[@]}" >&2
fi
# Stop the servers now so that the summary is the last line printed.
for s in "${STARTED[@]}"; do "stop_$s"; done
STARTED=()
echo "$summary"
[ "$ok" = 1 ]

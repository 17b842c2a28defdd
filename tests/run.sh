#!/usr/bin/env bash
# The one test command (README, .ci/run). It installs whatever the suites need that is missing, then
# restores, builds and runs every suite, and ends with a "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."

# The suites need only the .NET SDK today. Suites that need a browser or Redis install them here, so
# that a developer's machine and CI run exactly the same thing.

configuration=Release
log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet restore CrisisHub.sln
dotnet build CrisisHub.sln --no-restore -c "$configuration"
status=0
dotnet test CrisisHub.sln --no-build -c "$configuration" 2>&1 | tee "$log" || status=$?

# dotnet test prints one summary per test project; add them up for a single closing line.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
        gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     } END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"

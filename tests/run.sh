#!/usr/bin/env bash
# The one test command (README, .ci/run). It installs whatever the suites need that is missing, then
# restores, builds and runs every suite, and ends with a "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser suite drives Debian's Chromium (never a downloaded browser) and needs a CJK font to render
# the zh-CN pages; the cluster-mode suites need redis-server. Install what is missing (as root, as CI runs).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Cluster-mode suites run a real redis-server on loopback.
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
# docs/integrations.md's walkthrough runs as written: curl, jq and openssl.
for tool in curl jq openssl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" || missing+=(fonts-wqy-zenhei)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig
  # Build the font cache now, not on Chromium's first start inside a timed test.
  fc-cache -f >/dev/null
fi

configuration=Release
log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet restore CrisisHub.sln
dotnet build CrisisHub.sln --no-restore -c "$configuration"
status=0
# One test project at a time (-m:1): each starts real servers, browsers or redis-servers, and on a two-core
# machine running them side by side only makes their live-update timeouts race each other.
dotnet test CrisisHub.sln --no-build -c "$configuration" -m:1 2>&1 | tee "$log" || status=$?
# The same grain suite again, on Orleans' Redis providers (the fixture starts its own redis-server).
CRISISHUB_GRAIN_STORAGE=Redis dotnet test tests/CrisisHub.Grains.Tests --no-build -c "$configuration" 2>&1 | tee -a "$log" || status=$?

# dotnet test prints one summary per test project; add them up for a single closing line.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
        gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     } END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"

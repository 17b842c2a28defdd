#!/usr/bin/env bash
# Before/after on one machine (run it against two builds, e.g. a worktree of 29ae72f and main): a Major case read N times over HTTP; prints mean latency of the last 100 reads per
# block and the case row's size in SQLite.
# Usage: benchmarks/case-reads-over-http.sh src/CrisisHub.Server/bin/Release/net10.0/CrisisHub.Server.dll /tmp/reads 5190
set -euo pipefail
DLL=$1; DATA=$2; PORT=$3; B=http://127.0.0.1:$PORT
rm -rf "$DATA"
dotnet "$DLL" --Urls $B --CrisisHub:DataFolder "$DATA" --Silo:SiloPort $((PORT+100)) --Silo:GatewayPort $((PORT+101)) > "$DATA.log" 2>&1 &
PID=$!
for i in $(seq 1 120); do curl -fsS $B/health/ready >/dev/null 2>&1 && break; sleep 1; done
T=$(curl -fsS -X POST $B/api/auth/token -H 'content-type: application/json' -d '{"userName":"bs-g10-c1-teacher","password":"crisishub-demo"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["accessToken"])')
C=$(curl -fsS -X POST $B/api/flags -H "authorization: Bearer $T" -H 'content-type: application/json' -H 'Idempotency-Key: bench-1' -d '{"studentId":"bs-g10-c1-s01","signs":["SaidTheyIntendToAct"]}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["caseId"])')
python3 - "$B" "$T" "$C" "$DATA/crisishub.db" <<'PY'
import sys, time, urllib.request, sqlite3
b, t, c, db = sys.argv[1:]
def read():
    r = urllib.request.Request(f"{b}/api/cases/{c}", headers={"authorization": f"Bearer {t}"})
    urllib.request.urlopen(r).read()
def row():
    con = sqlite3.connect(db); v = con.execute("select length(payload) from grain_state where state_name='cases/case' and grain_id like ?", (f"%{c}%",)).fetchone()[0]; con.close(); return v
done = 0
print("| reads before | mean of next 100 reads | case row (bytes) |")
print("|---|---|---|")
for target in (0, 1000, 2000, 3000):
    while done < target: read(); done += 1
    t0 = time.perf_counter()
    for _ in range(100): read()
    done += 100
    print(f"| {target} | {(time.perf_counter()-t0)*10:.2f} ms | {row():,} |")
PY
kill $PID; wait $PID 2>/dev/null || true

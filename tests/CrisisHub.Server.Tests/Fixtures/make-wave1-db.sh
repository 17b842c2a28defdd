#!/usr/bin/env bash
# How wave1-main.db was made, kept so the fixture can be understood (and a later one made the same way).
# The database is what the server of commit 29ae72f (the last main before stored names became a contract)
# wrote with its demo seed after this script drove it: a Major case referred to a hospital desk that accepted
# it, a monitor's Severe flag left escalating, a General case raised to Severe and closed, a STOP by text.
#   git worktree add /tmp/old 29ae72f && dotnet build /tmp/old/src/CrisisHub.Server -c Release
#   dotnet /tmp/old/src/CrisisHub.Server/bin/Release/net10.0/CrisisHub.Server.dll --Urls http://127.0.0.1:5099 \
#     --CrisisHub:DataFolder /tmp/wave1 --Silo:SiloPort 21111 --Silo:GatewayPort 21112 &
#   B=http://127.0.0.1:5099 ./make-wave1-db.sh && kill %1 && sqlite3 /tmp/wave1/crisishub.db vacuum
set -euo pipefail
B=${B:-http://127.0.0.1:5099}
tok() { curl -fsS -X POST "$B/api/auth/token" -H 'content-type: application/json' -d "{\"userName\":\"$1\",\"password\":\"crisishub-demo\"}" | python3 -c 'import sys,json;print(json.load(sys.stdin)["accessToken"])'; }
call() { local t=$1 m=$2 p=$3; shift 3; curl -fsS -X "$m" "$B$p" -H "authorization: Bearer $t" -H 'content-type: application/json' "$@"; echo; }
T=$(tok bs-g10-c1-teacher); M=$(tok bs-g10-c1-monitor); D=$(tok qd-mhc-desk); A=$(tok admin)
# A Major case with a referral through the hospital desk
c1=$(call $T POST /api/flags -H 'Idempotency-Key: fx-1' -d '{"studentId":"bs-g10-c1-s01","signs":["SaidTheyIntendToAct"],"note":"fixture"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["caseId"])')
call $T POST /api/cases/$c1/ack
call $T POST /api/cases/$c1/actions -d '{"kind":"TalkedWithStudent","note":"talked"}'
call $T GET /api/cases/$c1 >/dev/null
call $T POST /api/cases/$c1/consent -d '{"decision":"Consented","guardianName":"家长","relationship":"mother"}'
r1=$(call $T POST /api/cases/$c1/referrals -d '{"hospitalId":"qd-mhc","reason":"fixture","safetyPlan":{"warningSigns":"w","internalCoping":"i","peopleAndPlacesForDistraction":"p","peopleToAskForHelp":"h","professionalsAndHotlines":"12356","makingTheEnvironmentSafe":"m"},"meansAccess":"none","protectiveFactors":"friends","schoolContactName":"Ms Li","schoolContactPhone":"+12025550177"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["referralId"])')
call $D POST /api/referrals/$r1/status -d '{"status":"Received"}'
call $D POST /api/referrals/$r1/status -d '{"status":"Accepted"}'
call $D POST /api/referrals/$r1/notes -d '{"note":"bed ready"}'
call $T GET /api/referrals/$r1 >/dev/null
# A Severe case by a monitor, left escalating; and a General one, graded and closed
call $M POST /api/flags -H 'Idempotency-Key: fx-2' -d '{"studentId":"bs-g10-c1-s02","signs":["SelfHarm"]}'
c3=$(call $T POST /api/flags -H 'Idempotency-Key: fx-3' -d '{"studentId":"bs-g10-c1-s03","signs":["Distress"]}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["caseId"])')
call $T POST /api/cases/$c3/grade -d '{"grade":"Severe","reason":"more signs"}'
call $T POST /api/cases/$c3/actions -d '{"kind":"ContactedGuardian","note":"called"}'
call $T POST /api/cases/$c3/close -d '{"disposition":"resolved with family"}'
call $T GET /api/cases/$c3/audit >/dev/null
# A guardian's reply through the simulated SMS path
call $A POST /api/sms/simulated-replies -d '{"from":"+12025550177","body":"STOP"}'
echo "cases $c1 $c3 referral $r1"

#!/usr/bin/env bash
# make soak: a long run against the stand-in with faults (10% 503, 1% dropped
# connections), sampling the run's RSS every second: memory must stay flat and
# every event must arrive. SOAK_EVENTS (default 500000) sets the length.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../integration/lib.sh" # processes stopped by pid on exit
BUILD=${BUILD:-build}
MOCK=$BUILD/encharge-mock
N=${SOAK_EVENTS:-500000}
lib_tmpdir T
python3 - "$N" >"$T/events.ndjson" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    t = ("track", "identify", "page")[i % 3]
    e = {"type": t, "messageId": f"s-{i}", "userId": f"u{i}", "event": "Soak", "properties": {"i": i},
         "context": {"traits": {"email": f"u{i}@x.io"}}}
    print(json.dumps(e))
PY
start_mock "$T/mock" --api-key soak --fail-rate 0.1 --fail-status 503 --drop-rate 0.01 || exit 1
start=$(date +%s)
export ENCHARGE_API_KEY=soak
spawn run -e "$T/run.err" "$BUILD/encharge-actions" run --no-progress \
    --backoff-base 0.05 --backoff-cap 1 --ingest-url "$URL" --dlq "$T/dlq.db" "$T/events.ndjson"
RPID=$BG_PID
wait_for 10 "the run to start" 'execd "$RPID"' || exit 1 # samples of the run, not of this shell's copy
samples=()
while kill -0 "$RPID" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$RPID/status" 2>/dev/null || true)
    [ -n "$rss" ] && samples+=("$rss")
    sleep 1 # the sampling period
done
rc=1
if wait_exit "$RPID" 30; then rc=$EXIT_RC; fi # it has ended: this collects its status
took=$(($(date +%s) - start))
stop_mock
cat "$T/run.err"
printf '%s\n' "${samples[@]}" | python3 -c '
import sys
s = [int(x) for x in sys.stdin if x.strip()]
if s:
    q = len(s) // 4 or 1
    early, late = max(s[:q]), max(s[-q:])
    print(f"soak: RSS KiB min {min(s)} max {max(s)}; first quarter max {early}, last quarter max {late}")'
echo "soak: $N events in ${took}s, exit $rc"
[ "$rc" -eq 0 ] && grep -q "received $N events: $N delivered" "$T/run.err"

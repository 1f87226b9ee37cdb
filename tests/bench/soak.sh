#!/usr/bin/env bash
# make soak: a long run against the stand-in with faults (10% 503, 1% dropped
# connections), sampling the run's RSS every second: memory must stay flat and
# every event must arrive. SOAK_EVENTS (default 500000) sets the length.
set -euo pipefail
BUILD=${BUILD:-build}
N=${SOAK_EVENTS:-500000}
T=$(mktemp -d)
MPID=
RPID=
trap '[ -n "$RPID" ] && kill $RPID 2>/dev/null; [ -n "$MPID" ] && kill $MPID 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
python3 - "$N" >"$T/events.ndjson" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    t = ("track", "identify", "page")[i % 3]
    e = {"type": t, "messageId": f"s-{i}", "userId": f"u{i}", "event": "Soak", "properties": {"i": i},
         "context": {"traits": {"email": f"u{i}@x.io"}}}
    print(json.dumps(e))
PY
"$BUILD/encharge-mock" --port 0 --api-key soak --fail-rate 0.1 --fail-status 503 --drop-rate 0.01 >"$T/mock.out" 2>/dev/null &
MPID=$!
for _ in $(seq 100); do PORT=$(sed -n 's#.*:\([0-9]*\)$#\1#p' "$T/mock.out" | head -1); [ -n "$PORT" ] && break; sleep 0.05; done
start=$(date +%s)
ENCHARGE_API_KEY=soak "$BUILD/encharge-actions" run --no-progress --backoff-base 0.05 --backoff-cap 1 \
    --ingest-url "http://127.0.0.1:$PORT" --dlq "$T/dlq.db" "$T/events.ndjson" 2>"$T/run.err" &
RPID=$!
samples=()
while kill -0 "$RPID" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$RPID/status" 2>/dev/null || true)
    [ -n "$rss" ] && samples+=("$rss")
    sleep 1
done
set +e
wait "$RPID"
rc=$?
set -e
RPID=
took=$(($(date +%s) - start))
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

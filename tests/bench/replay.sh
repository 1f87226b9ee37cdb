#!/usr/bin/env bash
# make bench: `dlq replay` throughput at a 300 ms round trip (the stand-in's
# --latency-ms): 1,400 dead-lettered events replayed. Figures only.
#   bash tests/bench/replay.sh [build/encharge-actions]   (REPLAY_EVENTS=N)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../integration/lib.sh"
BIN=$(abs_path "${1:-build/encharge-actions}")
MOCK=$(dirname "$BIN")/encharge-mock
N=${REPLAY_EVENTS:-1400}
lib_tmpdir tmp
export ENCHARGE_API_KEY=bench-key
python3 -c '
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"type": "track", "event": "E", "userId": "u%d" % i, "messageId": "rp-%d" % i}))' "$N" \
    >"$tmp/events.ndjson"
echo "== dlq replay: $N events at a 300 ms round trip"
start_mock "$tmp/reject" --api-key bench-key --fail-rate 1 --fail-status 400 || exit 1
"$BIN" run --no-progress --dlq "$tmp/dlq.db" --ingest-url "$URL" "$tmp/events.ndjson" 2>/dev/null || true
stop_mock
start_mock "$tmp/slow" --api-key bench-key --latency-ms 300 || exit 1
_now
t0=$_NOW
out=$("$BIN" dlq replay --dlq "$tmp/dlq.db" --ingest-url "$URL" | tail -1)
_now
stop_mock
ms=$((_NOW - t0))
echo "$out"
echo "replay: $N events in $((ms / 1000)).$((ms % 1000 / 100)) s = $((N * 1000 / (ms > 0 ? ms : 1))) events/s"

#!/usr/bin/env bash
# make demo: the main job on the embedded defaults, no account needed.
# Starts the local Encharge stand-in on loopback, delivers the sample events
# of scripts/examples/ through the five presets with `run`, shows what the
# stand-in received, and stops it.
set -euo pipefail
BUILD=${BUILD:-build}
EVENTS=${1:-scripts/examples/events.ndjson}
T=$(mktemp -d)
MOCK_PID=
cleanup() {
    [ -n "$MOCK_PID" ] && kill "$MOCK_PID" 2>/dev/null && wait "$MOCK_PID" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
KEY="demo-key-$$"
"$BUILD/encharge-mock" --port 0 --api-key "$KEY" --record "$T/received.ndjson" >"$T/mock.out" 2>"$T/mock.err" &
MOCK_PID=$!
PORT=
for _ in $(seq 100); do
    PORT=$(sed -n 's#.*http://127\.0\.0\.1:\([0-9]*\).*#\1#p' "$T/mock.out" | head -1)
    [ -n "$PORT" ] && break
    sleep 0.05
done
[ -n "$PORT" ] || { echo "demo: the stand-in did not start"; cat "$T/mock.err"; exit 1; }
URL="http://127.0.0.1:$PORT"
echo "== local Encharge stand-in on $URL"
echo "== encharge-actions run $EVENTS (presets, no config)"
ENCHARGE_API_KEY="$KEY" "$BUILD/encharge-actions" run --no-progress --ingest-url "$URL" --api-url "$URL" \
    --dlq "$T/dlq.db" "$EVENTS"
echo "== what the stand-in received"
python3 - "$T/received.ndjson" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    q = "?" + r["query"] if r.get("query") else ""
    print(f'{r["method"]} {r["path"]}{q} -> {r["status"]}')
    if r.get("body") is not None:
        print(json.dumps(r["body"], indent=2, ensure_ascii=False))
PY

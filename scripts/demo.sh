#!/usr/bin/env bash
# make demo: the main job on the embedded defaults, no account needed.
# Starts the local Encharge stand-in on loopback, delivers the sample events
# of scripts/examples/ through the five presets with `run`, shows what the
# stand-in received, and stops it.
set -euo pipefail
# the stand-in's start and stop (stopped by pid on exit, whatever happens)
source "$(dirname "${BASH_SOURCE[0]}")/../tests/integration/lib.sh"
BUILD=${BUILD:-build}
MOCK=$BUILD/encharge-mock
EVENTS=${1:-scripts/examples/events.ndjson}
lib_tmpdir T
KEY="demo-key-$$"
start_mock "$T/mock" --api-key "$KEY" --record "$T/received.ndjson" || { echo "demo: the stand-in did not start"; exit 1; }
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
stop_mock

#!/usr/bin/env bash
# make bench: mapping throughput, and preview's memory over many cases.
# Figures only; nothing here passes or fails on speed.
set -euo pipefail
BIN=${1:-build/encharge-actions}
BUILD=$(dirname "$BIN")
echo "== machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "== mapping throughput (single thread, presets, in-process)"
"$BUILD/bench_map" "${BENCH_EVENTS:-200000}"
echo "== the same over the events of the conformance cases (what upstream's bench.mjs cycles)"
"$BUILD/bench_map" "${BENCH_EVENTS:-200000}" tests/conformance/cases.ndjson
echo "== preview over 20,000 cases (memory must stay bounded)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/cases.ndjson" <<'PY'
import json, sys
cases = [json.loads(l) for l in open("tests/conformance/cases.ndjson")]
with open(sys.argv[1], "w") as f:
    for i in range(20000):
        f.write(json.dumps(cases[i % len(cases)]) + "\n")
PY
python3 - "$BIN" "$tmp/cases.ndjson" <<'PY'
import resource, subprocess, sys, time
t = time.time()
with open(sys.argv[2]) as fin:
    out = subprocess.run([sys.argv[1], "preview"], stdin=fin, stdout=subprocess.PIPE, check=True).stdout
dt = time.time() - t
lines = out.count(b"\n")
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"preview: {lines} cases in {dt:.2f} s ({lines/dt:.0f} cases/s), peak RSS {rss} KiB")
PY

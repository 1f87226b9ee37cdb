#!/usr/bin/env bash
# make bench: mapping throughput, and preview's memory over many cases.
# Figures only; nothing here passes or fails on speed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../integration/lib.sh" # the stand-in's start and stop
BIN=${1:-build/encharge-actions}
BUILD=$(dirname "$BIN")
echo "== machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "== mapping throughput (single thread, presets, in-process)"
"$BUILD/bench_map" "${BENCH_EVENTS:-200000}"
echo "== the same over the events of the conformance cases (what upstream's bench.mjs cycles)"
"$BUILD/bench_map" "${BENCH_EVENTS:-200000}" tests/conformance/cases.ndjson
echo "== preview over 20,000 cases (memory must stay bounded)"
lib_tmpdir tmp
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

echo "== end to end: run -> local stand-in on loopback (same machine, 2 cores shared)"
MOCK="$BUILD/encharge-mock"
N=${BENCH_E2E_EVENTS:-100000}
python3 - "$N" "$tmp/e2e.ndjson" <<'PY'
import json, sys
n = int(sys.argv[1])
types = ["track", "track", "page", "identify", "track", "page", "group", "alias"]
with open(sys.argv[2], "w") as f:
    for i in range(n):
        t = types[i % len(types)]
        e = {"type": t, "messageId": f"b-{i}", "userId": f"user_{i}", "anonymousId": f"anon-{i}",
             "timestamp": "2026-11-28T10:00:00.000Z",
             "context": {"ip": "203.0.113.9", "userAgent": "Mozilla/5.0", "traits": {"email": f"u{i}@example.com"},
                         "page": {"url": "https://example.com/pricing", "path": "/pricing", "title": "Pricing"}}}
        if t == "track": e.update(event="Order Completed", properties={"orderId": f"o{i}", "revenue": 149.99})
        if t == "identify": e["traits"] = {"email": f"u{i}@example.com", "plan": "pro", "logins": i}
        if t == "page": e.update(name="Pricing", properties={"url": "https://example.com/pricing"})
        if t == "group": e.update(groupId=f"g{i}", traits={"name": "Acme", "employees": 120})
        if t == "alias": e["previousId"] = f"anon-{i}"
        f.write(json.dumps(e) + "\n")
PY
start_mock "$tmp/mock" --api-key bench-key || exit 1
MPID=$MOCK_PID
python3 - "$BIN" "$tmp/e2e.ndjson" "$PORT" "$tmp/e2e.db" "$N" "$MPID" <<'PY'
import os, resource, subprocess, sys, time
binp, events, port, db, n, mpid = sys.argv[1:7]
def cpu_of(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
m0 = cpu_of(mpid)
t = time.time()
env = dict(os.environ, ENCHARGE_API_KEY="bench-key")
p = subprocess.run([binp, "run", "--no-progress", "--ingest-url", f"http://127.0.0.1:{port}",
                    "--api-url", f"http://127.0.0.1:{port}", "--dlq", db, events],
                   env=env, stderr=subprocess.PIPE, text=True)
dt = time.time() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = ru.ru_utime + ru.ru_stime
mcpu = cpu_of(mpid) - m0
n = int(n)
print(p.stderr.strip().splitlines()[0] if p.stderr.strip() else f"run exited {p.returncode}")
print(f"e2e: {n} events in {dt:.2f} s = {n/dt:.0f} events/s; run CPU {cpu/n*1e6:.1f} us/event "
      f"(stand-in {mcpu/n*1e6:.1f} us/request); run peak RSS {ru.ru_maxrss} KiB")
PY
stop_mock

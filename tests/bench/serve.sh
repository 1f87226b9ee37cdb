#!/usr/bin/env bash
# make bench: serve's rate and added latency against run's, on the same events, in one session.
#   run:            the events from a file -> the stand-in (events/s)
#   run --queue:    the same through the durable queue (events/s)
#   serve:          posted in batches of 100 over 4 keep-alive connections (the queue's fsync "full",
#                   the safe default) -> the stand-in: events/s from the first post to the last delivery,
#                   and per event the latency from its 200 answer to its request reaching the stand-in
#                   (p50, p99). The sender is Python on the same 2 cores: it takes a share of the CPU.
# Figures only; nothing here passes or fails on speed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../integration/lib.sh"
BIN=${1:-build/encharge-actions}
BUILD=$(dirname "$BIN")
MOCK="$BUILD/encharge-mock"
N=${BENCH_SERVE_EVENTS:-20000}
lib_tmpdir tmp
python3 - "$N" "$tmp/ev.ndjson" <<'PY'
import json, sys
n = int(sys.argv[1])
with open(sys.argv[2], "w") as f:
    for i in range(n):
        f.write(json.dumps({"type": "track", "event": "Order Completed", "userId": f"user_{i}", "messageId": f"s-{i}",
                            "timestamp": "2026-11-28T10:00:00.000Z",
                            "context": {"ip": "203.0.113.9", "traits": {"email": f"u{i}@example.com"},
                                        "page": {"url": "https://example.com/pricing", "path": "/pricing"}},
                            "properties": {"orderId": f"o{i}", "revenue": 149.99}}) + "\n")
PY
export ENCHARGE_API_KEY=bench-key-0123456789
rate_run() { # NAME [ARG...]: runs run over the events, prints events/s
    local name=$1
    shift
    start_mock "$tmp/mock-$name" --api-key "$ENCHARGE_API_KEY" --record "$tmp/$name.rec" || exit 1
    local t0 t1
    t0=$(date +%s.%N)
    "$BIN" run --no-progress --no-watch --ingest-url "$URL" --api-url "$URL" --dlq "$tmp/$name-dlq.db" "$@" \
        "$tmp/ev.ndjson" 2>"$tmp/$name.err"
    t1=$(date +%s.%N)
    stop_mock
    python3 -c "import sys; n, a, b = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]); print(f'$name: {n} events in {b-a:.2f} s: {n/(b-a):.0f} events/s')" "$N" "$t0" "$t1"
}
echo "== serve against run, $N track events, the stand-in on loopback"
rate_run run
rate_run "run-queue" --queue "$tmp/run-queue.db"

start_mock "$tmp/mock-serve" --api-key "$ENCHARGE_API_KEY" --record "$tmp/serve.rec" || exit 1
spawn serve -o "$tmp/serve.out" -e "$tmp/serve.err" "$BIN" serve --no-watch --listen 127.0.0.1:0 \
    --write-key bench-write-key --queue "$tmp/serve-queue.db" --dlq "$tmp/serve-dlq.db" --ingest-url "$URL" --api-url "$URL"
SPID=$BG_PID
read_port "$tmp/serve.out" "$SPID" || exit 1
cat >"$tmp/send.py" <<'PY'
import base64, http.client, json, sys, threading, time, urllib.parse
events_file, url, rec, n, pace, label = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
lines = open(events_file).read().splitlines()[:n]
batches = []
for i in range(0, len(lines), 100):
    chunk = lines[i:i + 100]
    ids = [json.loads(l)["messageId"] for l in chunk]
    batches.append((('{"batch":[' + ",".join(chunk) + "]}").encode(), ids))
u = urllib.parse.urlparse(url)
auth = "Basic " + base64.b64encode(b"bench-write-key:").decode()
answered = {}
lock = threading.Lock()
def worker(k):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    for j in range(k, len(batches), 4):
        if pace:  # batch j leaves at j * 100 / pace seconds
            d = t0 + j * 100 / pace - time.time()
            if d > 0: time.sleep(d)
        body, ids = batches[j]
        while True:
            c.request("POST", "/v1/batch", body, {"Authorization": auth, "Content-Type": "application/json"})
            r = c.getresponse()
            r.read()
            if r.status == 200:
                break
            time.sleep(0.05)
        t = time.time() * 1000
        with lock:
            for i in ids: answered[i] = t
t0 = time.time()
ts = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
t_post = time.time()
seen = {}
deadline = time.time() + 120
while len(seen) < n and time.time() < deadline:
    try:
        with open(rec) as f:
            for line in f:
                try: r = json.loads(line)
                except ValueError: continue
                mid = (r.get("body") or {}).get("messageId")
                if mid is not None and mid not in seen: seen[mid] = r["t"]
    except FileNotFoundError:
        pass
    if len(seen) < n: time.sleep(0.05)
t1 = max(seen.values()) / 1000 if seen else time.time()
lat = sorted(seen[i] - answered[i] for i in seen if i in answered)
def pct(p): return lat[min(len(lat) - 1, int(p * len(lat)))] if lat else float("nan")
print(f"{label}: {len(seen)} of {n} events delivered in {t1 - t0:.2f} s: {len(seen) / (t1 - t0):.0f} events/s "
      f"(posting took {t_post - t0:.2f} s: {n / (t_post - t0):.0f} events/s answered 200)")
print(f"{label}: latency from the 200 answer to the request at the stand-in: p50 {pct(0.5):.1f} ms, p99 {pct(0.99):.1f} ms, "
      f"max {lat[-1] if lat else float('nan'):.1f} ms")
PY
python3 "$tmp/send.py" "$tmp/ev.ndjson" "$URL" "$tmp/serve.rec" "$N" 0 "serve (as fast as it answers)"
stop_pid "$SPID"
stop_mock
# paced below the delivery rate: the latency added when the queue is not backed up
start_mock "$tmp/mock-paced" --api-key "$ENCHARGE_API_KEY" --record "$tmp/paced.rec" || exit 1
spawn serve -o "$tmp/paced.out" -e "$tmp/paced.err" "$BIN" serve --no-watch --listen 127.0.0.1:0 \
    --write-key bench-write-key --queue "$tmp/paced-queue.db" --dlq "$tmp/paced-dlq.db" --ingest-url "$URL" --api-url "$URL"
SPID=$BG_PID
read_port "$tmp/paced.out" "$SPID" || exit 1
PACE=${BENCH_SERVE_PACE:-2000}
python3 "$tmp/send.py" "$tmp/ev.ndjson" "$URL" "$tmp/paced.rec" "$((N / 2))" "$PACE" "serve (paced at $PACE events/s)"
stop_pid "$SPID"
stop_mock

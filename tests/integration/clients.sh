#!/usr/bin/env bash
# Integration: real Segment libraries (tests/clients/) against `encharge-actions serve`, delivering to
# the local stand-in (build/encharge-mock --record):
#   node     @segment/analytics-node, 5,000 calls (track/identify/page/group/alias) -> serve's
#            /v1/batch: every call arrives at the stand-in exactly once, and each request body
#            there is JSON-equal to what `encharge-actions preview` makes of the event as the
#            library sent it
#   browser  @segment/analytics-next in headless Chromium, 20 calls from a page of another origin:
#            CORS preflights answered by serve, every call at the stand-in (matched by seq), and
#            each request body there JSON-equal to what preview makes of the event Chromium sent
#
#   bash tests/integration/clients.sh [SCENARIO...]    none: all; --list: the names
# Needs node >= 20 and npm (tests/clients/setup.sh installs the pinned libraries; a failure there
# fails the scenario with its message) and, for the browser, /usr/bin/chromium (or $CHROMIUM).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CLIENTS=$(cd "$HERE/../clients" && pwd)
source "$HERE/lib.sh"
lib_setup ek_clients_SECRET
WRITE_KEY=wk_clients_$(date +%s%N)
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

# setup_clients: tests/clients/setup.sh, its failure a failure of the scenario that needs it
setup_clients() {
    if bash "$CLIENTS/setup.sh" >"$T/setup.out" 2>"$T/setup.err"; then
        ok
        return 0
    fi
    bad "tests/clients/setup.sh failed: $(tail -5 "$T/setup.err" "$T/setup.out" | tr '\n' ' ')"
    return 1
}

# stand_in NAME: the stand-in with this key, recording in $T/NAME.rec
stand_in() {
    start_mock "$T/$1" --api-key "$KEY" --record "$T/$1.rec" --seed 3
}

# start_serve: serve on a free port with the write key, delivering to $MURL; SERVE_PID, SURL
start_serve() {
    spawn serve -o "$T/serve.out" -e "$T/serve.err" "$BIN" serve --listen 127.0.0.1:0 --write-key "$WRITE_KEY" \
        --queue "$T/q.db" --dlq "$T/d.db" --ingest-url "$MURL" --api-url "$MURL"
    SERVE_PID=$BG_PID
    if ! read_port "$T/serve.out" "$SERVE_PID" 20; then
        echo "  its stderr: $(head -c 2000 "$T/serve.err")"
        return 1
    fi
    SURL=$URL
}

# seq_count REC: the stand-in's recorded bodies -> "requests distinct_seqs duplicated_seqs non200"
# (a body's seq: properties.seq for track/page/group, user.seq for identify, and for alias, whose
# body has neither, previousUserId "anon-<seq>": the browser's alias carries the identified user as
# userId, not the call's — tests/clients/README.md, Caveats)
SEQ_PY='
import json, re, sys
def seq(b):
    if b.get("type") == "alias":
        m = re.fullmatch(r"anon-(\d+)", str(b.get("previousUserId", "")))
        return int(m.group(1)) if m else None
    for k in ("properties", "user"):
        v = (b.get(k) or {}).get("seq")
        if isinstance(v, int): return v
    return None
'
seq_count() {
    python3 -c "$SEQ_PY"'
import collections
c, n, bad = collections.Counter(), 0, 0
for line in open(sys.argv[1]):
    r = json.loads(line)
    n += 1
    bad += r.get("status") != 200
    c[seq(r.get("body") or {})] += 1
want = int(sys.argv[2])
print(n, sum(1 for s in range(want) if c[s] >= 1), sum(1 for s in range(want) if c[s] > 1), bad,
      sum(1 for s in range(want) if c[s] == 0))' "$@"
}

# sum of a counter over its labels in serve's /metrics
metric_sum() { # NAME
    curl -s "$SURL/metrics" | awk -v m="$1" '$1 ~ "^"m"({|$)" { s += $2 } END { printf "%d\n", s }'
}

SCENARIOS=(node browser)

# How the bodies are checked (node). The calls are deterministic (tests/clients/events.mjs: call i
# is a pure function of i) except for what the library generates: messageId, timestamp (per event),
# sentAt (per batch, not per event). So the library is first pointed once at
# tests/clients/record-server.mjs, which captures every event exactly as the library puts it on the
# wire; then at serve. For each stand-in body, the captured event with the same seq is taken, its
# messageId and timestamp replaced by those the stand-in body carries (every preset but Create or
# Update Object maps both; that one maps neither, so the captured values are as good), and that
# event — the one the library sent to serve, reconstructed — goes through `encharge-actions preview`
# (case lines, the five presets). The stand-in body must be JSON-equal to preview's body, its path
# and method preview's. The values substituted are checked too: the messageId is the library's
# (`node-next-<ms>-<uuid>`) and the timestamp is that <ms> or up to 50 ms before it (analytics-node
# reads the clock for the timestamp, then for the id: 0-1 ms apart; this is checked on the capture
# first), so serve passed both through unchanged and
# the substitution hides nothing serve did. Everything else serve does to an event (writeKey out,
# receivedAt in, the batch's context merged) must then show in no body.
scenario_node() {
    local n=5000
    setup_clients || return
    # 1. the capture
    spawn "record-server" -o "$T/recsrv.out" -e "$T/recsrv.err" node "$CLIENTS/record-server.mjs" --out "$T/lib.jsonl"
    local recsrv=$BG_PID
    read_port "$T/recsrv.out" "$recsrv" 20 || return
    run_within 120 "node-sender (capture)" -o "$T/capture.out" -e "$T/capture.err" \
        node "$CLIENTS/node-sender.mjs" --host "$URL" --write-key "$WRITE_KEY" --count $n
    check "node: the capture run delivered every call (rc=$RC): $(head -c 300 "$T/capture.out")" '[ "$RC" -eq 0 ]'
    stop_pid "$recsrv"
    run_within 30 "check-record" -o "$T/capture.check" -e "$T/capture.check" \
        node "$CLIENTS/check-record.mjs" --in "$T/lib.jsonl" --count $n
    check "node: the capture holds every seq once: $(head -c 300 "$T/capture.check")" '[ "$RC" -eq 0 ]'

    # 2. the library against serve
    stand_in enc || return
    MURL=$URL
    start_serve || return
    run_within 120 "node-sender" -o "$T/sender.out" -e "$T/sender.err" \
        node "$CLIENTS/node-sender.mjs" --host "$SURL" --write-key "$WRITE_KEY" --count $n
    local rc=$RC
    echo "node: analytics-node -> serve: $(cat "$T/sender.out")"
    check "node: the library had every call delivered, every request answered 200 (rc=$rc)" \
        '[ "$rc" -eq 0 ] && grep -q "\"delivered\":$n," "$T/sender.out" && grep -q "\"statuses\":{\"200\":[0-9]*}" "$T/sender.out"'
    wait_lines "$T/enc.rec" $n 30
    local reqs distinct dup non200 missing
    read -r reqs distinct dup non200 missing < <(seq_count "$T/enc.rec" $n)
    echo "node: the stand-in: $reqs requests, $distinct of $n seqs, $dup duplicated, $missing missing, $non200 not 200"
    check "node: every seq arrived at the stand-in ($missing missing)" '[ "$distinct" -eq "$n" ] && [ "$missing" -eq 0 ]'
    check "node: each exactly once ($dup duplicated, $reqs requests)" '[ "$dup" -eq 0 ] && [ "$reqs" -eq "$n" ]'
    check "node: the stand-in answered every request 200 ($non200 not)" '[ "$non200" -eq 0 ]'
    check "node: serve counted $n delivered in /metrics" '[ "$(metric_sum encharge_events_delivered_total)" -eq "$n" ]'
    check "node: serve counted $n received in /metrics" '[ "$(metric_sum encharge_events_received_total)" -eq "$n" ]'

    # 3. the bodies against preview
    SEQ_PY=$SEQ_PY python3 - "$T/lib.jsonl" "$T/enc.rec" "$T/cases.ndjson" "$T/index.ndjson" "$T/recon.json" <<'PY'
import datetime, json, os, re, sys
exec(os.environ["SEQ_PY"])
lib, rec, cases, index, report = sys.argv[1:6]
LIB_ID = re.compile(r"node-next-(\d+)-[0-9a-f-]{36}")
def ms_of(ts): # ISO 8601 with milliseconds, Z -> unix ms (None when not of that form)
    if not isinstance(ts, str) or not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", ts): return None
    d = datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
    return int(d.timestamp() * 1000 + 0.5)
def near(ts, m): # the timestamp read at most CLOCK_MS before the messageId's clock reading
    t = ms_of(ts)
    return t is not None and 0 <= int(m.group(1)) - t <= CLOCK_MS
CLOCK_MS = 50
captured, same_ms = {}, 0
for line in open(lib):
    r = json.loads(line)
    for ev in (r.get("json") or {}).get("batch") or []:
        s = ev.get("properties", {}).get("seq", ev.get("traits", {}).get("seq", ev.get("context", {}).get("seq")))
        captured[s] = ev
        m = LIB_ID.fullmatch(ev.get("messageId", ""))
        same_ms += bool(m) and near(ev.get("timestamp"), m)
problems = []
with open(cases, "w") as cf, open(index, "w") as xf:
    for line in open(rec):
        r = json.loads(line)
        b = r.get("body") or {}
        s = seq(b)
        ev = captured.get(s)
        if ev is None:
            problems.append(f"seq {s}: not in the capture")
            continue
        ev = dict(ev)
        for k in ("messageId", "timestamp"):
            if k in b: ev[k] = b[k]
        mid = b.get("messageId")
        if mid is not None:
            m = LIB_ID.fullmatch(str(mid))
            if not m:
                problems.append(f"seq {s}: messageId {mid!r} is not the library's")
            elif "timestamp" in b and not near(b["timestamp"], m):
                problems.append(f"seq {s}: timestamp {b['timestamp']!r} is not the library's (messageId {mid})")
        cf.write(json.dumps({"id": f"seq-{s}", "event": ev}) + "\n")
        xf.write(json.dumps({"seq": s, "method": r["method"], "path": r["path"], "headers": r["headers"], "body": b}) + "\n")
json.dump({"captured": len(captured), "same_ms": same_ms, "problems": problems[:20], "nproblems": len(problems)},
          open(report, "w"))
PY
    echo "node: reconstruction: $(cat "$T/recon.json")"
    check "node: analytics-node made messageId and timestamp from the same moment (the capture)" \
        'python3 -c "import json, sys; r = json.load(open(sys.argv[1])); sys.exit(r[\"same_ms\"] != r[\"captured\"])" "$T/recon.json"'
    check "node: every stand-in body has its event in the capture, with the library's messageId and timestamp" \
        'python3 -c "import json, sys; sys.exit(json.load(open(sys.argv[1]))[\"nproblems\"] != 0)" "$T/recon.json"'
    run_within 60 preview -i "$T/cases.ndjson" -o "$T/preview.ndjson" -e "$T/preview.err" "$BIN" preview
    check "node: preview ran (rc=$RC)" '[ "$RC" -eq 0 ]'
    python3 - "$T/index.ndjson" "$T/preview.ndjson" >"$T/compare.out" <<'PY'
import json, sys
from urllib.parse import urlsplit
rec = [json.loads(l) for l in open(sys.argv[1])]
out = [json.loads(l) for l in open(sys.argv[2])]
bad = []
if len(rec) != len(out):
    bad.append(f"{len(rec)} stand-in requests, {len(out)} preview lines")
for r, p in zip(rec, out):
    reqs = p.get("requests") or []
    if p.get("error") or len(reqs) != 1:
        bad.append(f"seq {r['seq']}: preview gave {json.dumps(p)[:300]}")
        continue
    q = reqs[0]
    diffs = []
    if q["method"] != r["method"]: diffs.append(f"method {r['method']} != {q['method']}")
    if urlsplit(q["url"]).path != r["path"]: diffs.append(f"path {r['path']} != {urlsplit(q['url']).path}")
    for h in ("content-type", "x-segment-actions"):
        if (q.get("headers") or {}).get(h) != r["headers"].get(h):
            diffs.append(f"header {h}: {r['headers'].get(h)!r} != {(q.get('headers') or {}).get(h)!r}")
    if q.get("body") != r["body"]:
        diffs.append(f"body\n    stand-in: {json.dumps(r['body'], sort_keys=True)}\n    preview:  {json.dumps(q.get('body'), sort_keys=True)}")
    if diffs: bad.append(f"seq {r['seq']}: " + "; ".join(diffs))
print(f"{len(rec) - len(bad)} of {len(rec)} bodies equal preview's")
for b in bad[:5]: print("  " + b)
sys.exit(1 if bad else 0)
PY
    local crc=$?
    echo "node: $(head -1 "$T/compare.out")"
    check "node: every stand-in request is preview's for the event the library sent: $(tail -n +2 "$T/compare.out")" \
        '[ "$crc" -eq 0 ]'
    stop_pid "$SERVE_PID" 20
    check "node: serve stopped cleanly (status $STOP_RC), nothing left queued" \
        '[ "$STOP_RC" -eq 0 ] && grep -q "; 0 left queued" "$T/serve.err"'
    stop_mock
    check "node: no API key in the logs or the recording" '! grep -aqF -- "$KEY" "$T"/*.err "$T"/*.out "$T/enc.rec"'
}

# analytics-next in Chromium, from a page of another origin, 20 calls at once: every one answered
# 2xx with CORS (the sender checks that), the preflights answered 204 by serve with the page's
# origin allowed, and every seq at the stand-in exactly once (serve dedupes a browser's retry by
# messageId anyway).
#
# How the bodies are checked (browser). The browser generates far more per run than Node
# (anonymousId, messageId, timestamp, sentAt, context.page.url/referrer with the page's random
# port, userAgent, userAgentData, ...), so instead of a second capture run and substitutions, the
# events are captured in the SAME run, on their way to serve: browser-sender.mjs --capture writes,
# for each POST Chromium made to serve, Playwright's request.postData() (the body as Chromium put
# it on the wire: byte-equal to what a server receives, checked against record-server.mjs) and the
# status serve answered. The POSTs answered 2xx are exactly the events serve took (one per request
# on /v1/t|i|p|g|a). What serve queued is then rebuilt as runtime/ingest/segment.h says it writes an
# accepted single event: `type` set from the path, `writeKey` removed, `messageId` filled when
# missing and `timestamp` when absent (analytics-next always sends both: a missing one is a
# failure here, not something to guess), `receivedAt` set from serve's clock. receivedAt is the one
# value not known exactly, so each event goes through preview twice, with receivedAt = the time
# its answer was seen and with receivedAt a year earlier: both requests must be equal (no preset's
# output depends on it, so not knowing serve's value hides nothing), and the stand-in body must be
# JSON-equal to preview's (path, method, content-type and x-segment-actions too). Nothing else is
# substituted. A seq taken twice by serve (a retry answered 2xx again) fails the check: which copy
# serve delivered would be ambiguous (standard delivery, all at once: no retry is expected).
scenario_browser() {
    local n=20
    setup_clients || return
    if [ ! -x "$CHROMIUM" ]; then
        bad "browser: no Chromium at $CHROMIUM (Debian: apt-get install chromium)"
        return
    fi
    stand_in enc || return
    MURL=$URL
    start_serve || return
    run_within 90 "browser-sender" -o "$T/browser.json" -e "$T/browser.err" \
        node "$CLIENTS/browser/browser-sender.mjs" --endpoint "$SURL" --write-key "$WRITE_KEY" --count $n \
        --chromium "$CHROMIUM" --capture "$T/sent.jsonl"
    local rc=$RC
    python3 - "$T/browser.json" >"$T/browser.check" <<'PY'
import json, sys
try:
    o = json.load(open(sys.argv[1]))
except Exception as e:
    print(f"no summary: {e}"); sys.exit(1)
origin = o.get("pageOrigin")
pf = o.get("preflight") or []
probs = []
if o.get("ok") != o.get("sent"): probs.append(f"ok {o.get('ok')} of {o.get('sent')}: {o.get('failed')}")
if o.get("blocked"): probs.append(f"blocked {o['blocked']}")
if not pf: probs.append("no CORS preflight seen")
for p in pf:
    if p.get("status") != 204 or p.get("allowOrigin") not in (origin, "*") or p.get("requestMethod") != "POST" \
       or "authorization" not in (p.get("allowHeaders") or "").lower() or "POST" not in (p.get("allowMethods") or ""):
        probs.append(f"preflight {json.dumps(p)}")
cors = (o.get("wire") or {}).get("responseCors") or {}
if sum(v for k, v in cors.items() if k in (origin, "*")) < o.get("sent", 0): probs.append(f"responseCors {cors}")
if origin and o.get("endpoint") and origin == o["endpoint"]: probs.append("page and endpoint of one origin")
w = dict(o.get("wire") or {}); w.pop("sample", None)
print(json.dumps({"sent": o.get("sent"), "ok": o.get("ok"), "preflights": o.get("preflights"),
                  "pageOrigin": origin, "endpoint": o.get("endpoint"), "byPath": w.get("byPath"),
                  "statuses": w.get("statuses"), "retriedSeqs": o.get("retriedSeqs"), "ms": o.get("ms"),
                  "problems": probs[:5]}))
sys.exit(1 if probs else 0)
PY
    local prc=$?
    echo "browser: analytics-next -> serve: $(cat "$T/browser.check")"
    check "browser: the sender saw all $n events answered 2xx with CORS (rc=$rc): $(tail -c 600 "$T/browser.err")" \
        '[ "$rc" -eq 0 ]'
    check "browser: preflights answered 204 for the page's origin, answers carry it" '[ "$prc" -eq 0 ]'
    wait_lines "$T/enc.rec" $n 30
    local reqs distinct dup non200 missing
    read -r reqs distinct dup non200 missing < <(seq_count "$T/enc.rec" $n)
    echo "browser: the stand-in: $reqs requests, $distinct of $n seqs, $dup duplicated, $missing missing"
    check "browser: every seq at the stand-in, each once ($missing missing, $dup duplicated, $reqs requests)" \
        '[ "$distinct" -eq "$n" ] && [ "$dup" -eq 0 ] && [ "$reqs" -eq "$n" ] && [ "$non200" -eq 0 ]'
    check "browser: serve counted the preflights as 204 answers" \
        'grep -Eq "^encharge_http_responses_total\{[^}]*\"204\"[^}]*\} [1-9]" <<<"$(curl -s "$SURL/metrics")"'

    # the bodies against preview (see above): the events serve took, rebuilt, as case lines
    SEQ_PY=$SEQ_PY python3 - "$T/sent.jsonl" "$T/enc.rec" "$T/bcases.ndjson" "$T/bindex.ndjson" "$T/brecon.json" <<'PY'
import datetime, json, os, sys
exec(os.environ["SEQ_PY"])
sent, rec, cases, index, report = sys.argv[1:6]
TYPES = {"/v1/t": "track", "/v1/i": "identify", "/v1/p": "page", "/v1/s": "screen", "/v1/g": "group", "/v1/a": "alias"}
def iso(ms): # unix ms -> ISO 8601 UTC with milliseconds, as serve writes receivedAt
    d = datetime.datetime.fromtimestamp(ms // 1000, datetime.timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"
YEAR_MS = 365 * 86400 * 1000
def wire_seq(ev): # as tests/clients/events.mjs seqOf: properties.seq, traits.seq, alias's context.seq
    for k in ("properties", "traits", "context"):
        v = (ev.get(k) or {}).get("seq")
        if isinstance(v, int): return v
    return None
taken, problems, requests = {}, [], 0
for line in open(sent):
    c = json.loads(line)
    requests += 1
    if c["status"] is None:
        problems.append(f"{c['method']} {c['path']}: {c['failed']}")
        continue
    if not 200 <= c["status"] < 300: continue # refused: serve queued nothing
    try:
        ev = json.loads(c["postData"])
    except Exception as e:
        problems.append(f"{c['path']}: a body serve took is not JSON ({e}): {str(c['postData'])[:200]}")
        continue
    s = wire_seq(ev)
    if c["path"] not in TYPES:
        problems.append(f"seq {s}: taken on {c['path']}, not a single-event path")
        continue
    for k in ("messageId", "timestamp", "writeKey"):
        if k not in ev: problems.append(f"seq {s}: no {k} in the body Chromium sent")
    if s in taken:
        problems.append(f"seq {s}: taken twice by serve (messageIds {taken[s][0].get('messageId')}, {ev.get('messageId')})")
        continue
    ev.pop("writeKey", None)
    ev["type"] = TYPES[c["path"]]
    taken[s] = (ev, c["t"])
n = 0
with open(cases, "w") as cf, open(index, "w") as xf:
    for line in open(rec):
        r = json.loads(line)
        b = r.get("body") or {}
        s = seq(b)
        if s not in taken:
            problems.append(f"seq {s}: at the stand-in, but not among the events serve took")
            continue
        ev, t = taken[s]
        for tag, ms in (("answered", t), ("year-before", t - YEAR_MS)):
            cf.write(json.dumps({"id": f"seq-{s}-{tag}", "event": dict(ev, receivedAt=iso(ms))}) + "\n")
        xf.write(json.dumps({"seq": s, "method": r["method"], "path": r["path"], "headers": r["headers"], "body": b}) + "\n")
        n += 1
json.dump({"requests": requests, "taken": len(taken), "cases": n, "problems": problems[:20],
           "nproblems": len(problems)}, open(report, "w"))
PY
    echo "browser: reconstruction: $(cat "$T/brecon.json")"
    check "browser: every stand-in body has its event among those Chromium sent and serve took, each whole" \
        'python3 -c "import json, sys; sys.exit(json.load(open(sys.argv[1]))[\"nproblems\"] != 0)" "$T/brecon.json"'
    run_within 60 preview -i "$T/bcases.ndjson" -o "$T/bpreview.ndjson" -e "$T/bpreview.err" "$BIN" preview
    check "browser: preview ran (rc=$RC): $(head -c 300 "$T/bpreview.err")" '[ "$RC" -eq 0 ]'
    python3 - "$T/bindex.ndjson" "$T/bpreview.ndjson" >"$T/bcompare.out" <<'PY'
import json, sys
from urllib.parse import urlsplit
rec = [json.loads(l) for l in open(sys.argv[1])]
out = [json.loads(l) for l in open(sys.argv[2])]
bad, indep = [], 0
if 2 * len(rec) != len(out):
    bad.append(f"{len(rec)} stand-in requests, {len(out)} preview lines (want two each)")
def one(p, s):
    reqs = p.get("requests") or []
    if p.get("error") or len(reqs) != 1:
        bad.append(f"seq {s}: preview gave {json.dumps(p)[:300]}")
        return None
    return reqs[0]
for i, r in enumerate(rec):
    if 2 * i + 1 >= len(out): break
    q, y = one(out[2 * i], r["seq"]), one(out[2 * i + 1], r["seq"])
    if q is None or y is None: continue
    if q != y:
        bad.append(f"seq {r['seq']}: preview's request depends on receivedAt\n    {json.dumps(q, sort_keys=True)}\n"
                   f"    {json.dumps(y, sort_keys=True)}")
        continue
    indep += 1
    diffs = []
    if q["method"] != r["method"]: diffs.append(f"method {r['method']} != {q['method']}")
    if urlsplit(q["url"]).path != r["path"]: diffs.append(f"path {r['path']} != {urlsplit(q['url']).path}")
    for h in ("content-type", "x-segment-actions"):
        if (q.get("headers") or {}).get(h) != r["headers"].get(h):
            diffs.append(f"header {h}: {r['headers'].get(h)!r} != {(q.get('headers') or {}).get(h)!r}")
    if q.get("body") != r["body"]:
        sb, pb = r["body"], q.get("body")
        keys = sorted(k for k in set(sb) | set(pb) if sb.get(k) != pb.get(k)) \
            if isinstance(sb, dict) and isinstance(pb, dict) else "?"
        diffs.append(f"body, keys {keys}\n    stand-in: {json.dumps(sb, sort_keys=True)}\n"
                     f"    preview:  {json.dumps(pb, sort_keys=True)}")
    if diffs: bad.append(f"seq {r['seq']}: " + "; ".join(diffs))
print(f"{len(rec) - len(bad)} of {len(rec)} bodies equal preview's ({indep} of {len(rec)} requests the same"
      " whatever receivedAt)")
for b in bad[:5]: print("  " + b)
sys.exit(1 if bad else 0)
PY
    local crc=$?
    echo "browser: $(head -1 "$T/bcompare.out")"
    check "browser: every stand-in request is preview's for the event Chromium sent: $(tail -n +2 "$T/bcompare.out")" \
        '[ "$crc" -eq 0 ] && [ "$(count_lines "$T/bindex.ndjson")" -eq "$n" ]'
    stop_pid "$SERVE_PID" 20
    check "browser: serve stopped cleanly (status $STOP_RC), nothing left queued" \
        '[ "$STOP_RC" -eq 0 ] && grep -q "; 0 left queued" "$T/serve.err"'
    stop_mock
    check "browser: no API key in the logs, the recording or the capture" \
        '! grep -aqF -- "$KEY" "$T"/*.err "$T"/*.out "$T"/*.json "$T/enc.rec" "$T/sent.jsonl"'
}

run_scenarios clients "$@"

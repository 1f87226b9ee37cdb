#!/usr/bin/env bash
# Integration: `run` on bad and awkward input, against the local stand-in (build/encharge-mock):
# batch lines whose whole would not fit in memory (a 2,000-key context merged into 9,000 items,
# 25,000 page items, under five subscriptions each; 30,000 identify items too with
# BADINPUT_FULL=1), an event line over the per-event limit, a 2 MiB event and a 60,000-item batch
# line of 4.5 MB (both longer than the reader's buffer) through a FIFO, a 100,000-item line
# against a slow stand-in (the pending cap holds in the middle of the line; Ctrl-C dead-letters
# the rest), malformed and mixed lines (invalid JSON, non-object items, a batch that is not an
# array, NUL bytes, invalid UTF-8, CRLF, a broken item in the middle of a batch, an item over the
# limit, a last line without '\n'), and stdin's file status flags after `run` (ended, or killed).
#
# After each run: it did not die from a signal; every event that went in is delivered (its
# messageId recorded by the stand-in with status 200) or in the dead-letter store whole (the bytes
# as sent; a batch item merged with the batch's context: the same JSON) with a reason and a
# message; nothing else is in the store; the summary's counts add up (received = delivered +
# filtered + dead-lettered, each as counted here).
#
#   bash tests/integration/badinput.sh [SCENARIO...]    none: all; --list: the names
#   BADINPUT_FULL=1 ...                                  also memory-identify (~6 s more)
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/lib.sh"
lib_setup ek_live_BADINPUT
RUN_TIMEOUT=${RUN_TIMEOUT:-300} # upper bound for one `run` (reaching it is a failure)
RUNFLAGS=(--no-progress --backoff-base 0.02 --backoff-cap 0.2)

stand_in() { # NAME [mock flags...]: MOCK_PID, PORT, URL; requests recorded in $T/NAME.rec
    local name=$1
    shift
    start_mock "$T/$name" --api-key "$KEY" --record "$T/$name.rec" --seed 7 "$@"
}

# gen KIND OUT: writes the input OUT and its manifest OUT.manifest: {"contexts": [the batch contexts
# merged into items], "idkey": the body member that tells events apart at the stand-in
# (messageId)}, then one JSON object a line per event expected: {"raw": base64 of the bytes
# the store must hold if it is dead-lettered (a merged item: the item as sent), "id": its id
# or null, "expect": "delivered" | "dead" | "any", "reason", "ctx": the context merged into it (the
# stored JSON must equal the item with it merged under the item's own) or null, "absent":
# messageIds that must never reach the stand-in}
gen() {
    python3 - "$1" "$2" <<'PY'
import base64, json, sys
kind, out = sys.argv[1], sys.argv[2]
lines, manifest, contexts, idkey = [], [], [], "messageId"
def J(o): return json.dumps(o, separators=(",", ":")).encode()
def want(raw, expect, id=None, reason=None, ctx=None, absent=()):
    manifest.append({"raw": base64.b64encode(raw).decode(), "id": id, "expect": expect, "reason": reason,
                     "ctx": ctx, "absent": list(absent)})
def track(mid, **kw):
    e = {"type": "track", "event": "E", "userId": "u-" + mid, "messageId": mid}
    e.update(kw)
    return e
def batch_line(items, ctx=None, expect="delivered", merge=False):
    b = {"batch": items}
    if ctx is not None: b["context"] = ctx
    if merge: contexts.append(ctx)
    for it in items:
        want(J(it), expect, it.get("messageId") if isinstance(it, dict) else None,
             ctx=len(contexts) - 1 if merge else None)
    return J(b)
def big_batch(n, p, expect="delivered"):
    return batch_line([track(f"{p}{i}") for i in range(n)], expect=expect)

if kind == "memory":
    ctx = {f"k{i}": i for i in range(2000)}
    lines.append(batch_line([track(f"ctx{i}", context={"ip": "9.9.9.9"}) for i in range(9000)], ctx, merge=True))
    lines.append(batch_line([{"type": "page", "name": "P", "userId": "u", "messageId": f"pg{i}"} for i in range(25000)]))
elif kind == "memory-identify":
    lines.append(batch_line([{"type": "identify", "userId": f"u{i}", "messageId": f"id{i}",
                              "traits": {"email": f"u{i}@x.io"}} for i in range(30000)]))
elif kind == "long":
    pad = "x" * (5 << 20)
    l = J(track("long-big", properties={"pad": pad}))
    lines.append(l); want(l, "dead", "long-big", "invalid_json")
    l = J(track("long-2mib", properties={"pad": "y" * (2 << 20)}))
    lines.append(l); want(l, "delivered", "long-2mib")
    lines.append(big_batch(60000, "lb"))  # 4.5 MB
elif kind == "slow":
    # compact (3.4 MB, under the old 4 MiB cut), told apart by userId
    idkey = "userId"
    lines.append(batch_line([{"type": "page", "userId": f"s{i}"} for i in range(100000)], expect="any"))
    for m in manifest: m["id"] = json.loads(base64.b64decode(m["raw"]))["userId"]
elif kind == "malformed":
    def plain(l, expect, id=None, reason=None, absent=()):
        lines.append(l); want(l.rstrip(b"\r"), expect, id, reason, absent=absent)
    plain(J(track("m-ok1")), "delivered", "m-ok1")
    plain(b"this is not json", "dead", reason="invalid_json")
    plain(b'{"type":"track","event":"a\x00b","userId":"u","messageId":"m-nul1"}', "dead", reason="invalid_json", absent=["m-nul1"])
    plain(J(track("m-nul2")) + b"\x00", "dead", reason="invalid_json", absent=["m-nul2"])
    plain(b'{"type":"track","event":"\xff\xfe","userId":"u","messageId":"m-utf8"}', "dead", reason="invalid_json", absent=["m-utf8"])
    plain(b'{"batch":{"type":"track"}}', "dead", reason="invalid_json")
    plain(b'{"batch":null,"messageId":"m-bnull"}', "dead", reason="invalid_json")
    plain(b'[' + J(track("m-arr")) + b']', "dead", reason="invalid_json", absent=["m-arr"])
    plain(b'"just a string"', "dead", reason="invalid_json")
    plain(b'{"batch":[' + J(track("m-x1")) + b',{"type":]}', "dead", reason="invalid_json", absent=["m-x1"])
    plain(b'{"batch":[' + b"[" * 200 + b"]" * 200 + b"]}", "dead", reason="invalid_json")
    plain(J(track("m-crlf")) + b"\r", "delivered", "m-crlf")
    lines.append(b""); lines.append(b"   \t"); lines.append(b"\r")
    # items that are not objects (kept as written), and events
    items = b'{"batch":[ 1 ,"s",null,[ ],' + J(track("m-b1")) + b' , true ]}'
    lines.append(items)
    for raw in (b"1", b'"s"', b"null", b"[ ]", b"true"): want(raw, "dead", reason="invalid_json")
    want(J(track("m-b1")), "delivered", "m-b1")
    # merged items: the batch's context under the item's; one fails validation (no event name)
    ctx = {"ip": "1.1.1.1", "locale": "de"}
    bad = {"type": "track", "userId": "u", "messageId": "m-val", "context": {"ip": "2.2.2.2"}}
    lines.append(batch_line([track("m-m1"), bad, track("m-m2", context={"locale": "fr"})], ctx, "any", merge=True))
    manifest[-2].update(expect="dead", reason="validation")
    manifest[-1]["expect"] = manifest[-3]["expect"] = "delivered"
    # an item over the per-event limit among small ones: refused alone, whole
    huge = J(track("m-huge", properties={"pad": "z" * (4 << 20)}))
    lines.append(b'{"batch":[' + J(track("m-s1")) + b"," + huge + b"," + J(track("m-s2")) + b"]}")
    want(J(track("m-s1")), "delivered", "m-s1"); want(huge, "dead", "m-huge", "invalid_json")
    want(J(track("m-s2")), "delivered", "m-s2")
    # the last "batch" counts; an empty batch is no event
    lines.append(b'{"batch":"not this one","batch":[' + J(track("m-dup")) + b"]}")
    want(J(track("m-dup")), "delivered", "m-dup")
    lines.append(b'{"batch":[]}')
    # escapes, lone surrogates: an event like any other
    l = b'{"type":"track","event":"\\ud800 \\u00e9 \\"q\\"","userId":"u","messageId":"m-esc"}'
    lines.append(l); want(l, "any", "m-esc")
    # the last line, without '\n'
    l = J(track("m-last"))
    lines.append(l); want(l, "delivered", "m-last")
with open(out, "wb") as f:
    f.write(b"\n".join(lines) + (b"" if kind == "malformed" else b"\n"))
with open(out + ".manifest", "w") as f:
    f.write(json.dumps({"contexts": contexts, "idkey": idkey}) + "\n")
    for m in manifest: f.write(json.dumps(m) + "\n")
PY
}

# account NAME INPUT DB REC RUNLOG: every event of INPUT's manifest delivered or dead-lettered whole,
# the store holding nothing else, reasons and messages present, the summary adding up. Prints
# "ok ..." or the problems; its status says which.
account() {
    python3 - "$@" <<'PY'
import base64, collections, json, re, sqlite3, sys
name, inp, db, rec, runlog = sys.argv[1:6]
with open(inp + ".manifest") as f:
    head = json.loads(f.readline())
    contexts, idre = head["contexts"], re.compile(b'"' + head["idkey"].encode() + rb'":"([^"]*)"')
    man = [json.loads(l) for l in f]
ok200 = collections.Counter()
try:
    with open(rec, "rb") as f:
        for line in f:
            m = idre.search(line)
            s = re.search(rb'"status":(\d+),"t":\d+}$', line)
            if m and s and s.group(1) == b"200": ok200[m.group(1).decode()] += 1
except FileNotFoundError:
    pass
rows = []
try:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute("select id, event, reason, message from dlq order by id").fetchall()
except sqlite3.Error as e:
    if man and any(m["expect"] == "dead" for m in man): print(f"cannot read the store {db}: {e}")
problems = []
def canon(b):
    try: return json.dumps(json.loads(b), sort_keys=True)
    except Exception: return None
by_raw = collections.Counter(bytes(r[1]) for r in rows)
merging = any(m["ctx"] is not None for m in man)
by_json = collections.Counter(canon(bytes(r[1])) for r in rows) if merging else collections.Counter()
for r in rows:
    if not r[2] or not r[3]: problems.append(f"record {r[0]}: reason [{r[2]}] message [{r[3]}]")
stored_n = delivered_n = 0
want_raw, want_json = collections.Counter(), collections.Counter()
for m in man:
    raw = base64.b64decode(m["raw"])
    if m["ctx"] is not None:
        key, pool, wants = None, by_json, want_json
        if rows:  # the item with the batch's context merged under its own (only worth it when anything is stored)
            it = json.loads(raw)
            c = dict(contexts[m["ctx"]]); c.update(it.get("context", {})); it["context"] = c
            key = json.dumps(it, sort_keys=True)
    else: key, pool, wants = raw, by_raw, want_raw
    stored = pool[key] > wants[key]
    delivered = bool(m["id"]) and ok200[m["id"]] > 0
    if stored: wants[key] += 1; stored_n += 1
    elif delivered: delivered_n += 1
    short = raw[:80]
    if not stored and not delivered: problems.append(f"neither delivered nor in the store: {short!r} ({len(raw)} bytes)")
    if m["expect"] == "dead" and not stored: problems.append(f"expected in the store, whole: {short!r} ({len(raw)} bytes)")
    if m["expect"] == "delivered" and (stored or not delivered): problems.append(f"expected delivered: {short!r}")
    if m["reason"] and stored:
        rs = [r[2] for r in rows if (canon(bytes(r[1])) if m["ctx"] is not None else bytes(r[1])) == key]
        if m["reason"] not in rs: problems.append(f"{short!r}: reason {rs}, expected {m['reason']}")
    for a in m["absent"]:
        if ok200[a]: problems.append(f"{a} reached the stand-in from a line refused whole")
# several records for one event (one per failing subscription) are fine; records matching no event are not
unmatched = [r for r in rows if want_raw[bytes(r[1])] == 0 and (not merging or want_json[canon(bytes(r[1]))] == 0)]
for r in unmatched[:5]: problems.append(f"record {r[0]} matches no event sent: {bytes(r[1])[:80]!r}")
log = open(runlog, errors="replace").read()
s = re.search(r"received (\d+) events: (\d+) delivered, (\d+) filtered \(no subscription\), (\d+) dead-lettered", log)
if not s: problems.append("no summary line")
else:
    rcv, dlv, flt, dead = map(int, s.groups())
    if rcv != dlv + flt + dead: problems.append(f"summary does not add up: {s.group(0)}")
    if rcv != len(man): problems.append(f"summary: received {rcv}, {len(man)} events sent")
    if dead != stored_n or dlv + flt != delivered_n:
        problems.append(f"summary: {dlv} delivered + {flt} filtered, {dead} dead-lettered; counted here: "
                        f"{delivered_n} delivered, {stored_n} in the store")
if problems:
    print(f"{name}: {len(problems)} problem(s):"); [print("  " + p) for p in problems[:20]]
    sys.exit(1)
print(f"ok {name}: {len(man)} events: {delivered_n} delivered, {stored_n} dead-lettered whole ({len(rows)} records)")
PY
}

# check_run NAME INPUT RC: not killed by a signal (130 allowed when EXPECT_RC says so), and accounted
check_run() {
    local name=$1 input=$2 rc=$3 want=${4:-0} out
    check "$name: exit $want, not a signal (rc=$rc)" '[ "$rc" -eq "$want" ]'
    out=$(account "$name" "$input" "$T/$name.db" "$T/$name.rec" "$T/$name.run")
    local r=$?
    echo "$out"
    check "$name: every event delivered or dead-lettered whole, the summary adding up" '[ "$r" -eq 0 ]'
}

SCENARIOS=(memory long slow malformed stdin-flags)
if [ -n "${BADINPUT_FULL:-}" ]; then SCENARIOS+=(memory-identify); fi

# batch lines whose whole does not fit in one line's memory, under five subscriptions per type: a
# 2,000-key context merged into 9,000 items (each with a context of its own), 25,000 page events
five_subs() {
    cat >"$T/five.lua" <<'EOF'
local m = {}
for i = 1, 5 do
  m[#m + 1] = { name = "track " .. i, action = "trackEvent" }
  m[#m + 1] = { name = "page " .. i, action = "trackPageView" }
  m[#m + 1] = { name = "identify " .. i, action = "identifyUser" }
end
return { mappings = m }
EOF
}
memory_run() { # NAME EVENTS REQUESTS
    local name=$1 events=$2 requests=$3
    five_subs
    gen "$name" "$T/$name.ndjson"
    stand_in "$name" || return
    run_within "$RUN_TIMEOUT" "run $name" -e "$T/$name.run" "$BIN" run "${RUNFLAGS[@]}" --config "$T/five.lua" \
        --ingest-url "$URL" --api-url "$URL" --dlq "$T/$name.db" "$T/$name.ndjson"
    local rc=$RC
    stop_mock
    check_run "$name" "$T/$name.ndjson" "$rc"
    check "$name: $events events, each through its five subscriptions" \
        'grep -q "received $events events: $events delivered, 0 filtered (no subscription), 0 dead-lettered; $requests requests delivered" "$T/$name.run"'
}
scenario_memory() { memory_run memory 34000 170000; }
# 30,000 identify events under five subscriptions (150,000 requests: ~6 s more; BADINPUT_FULL=1)
scenario_memory_identify() { memory_run memory-identify 30000 150000; }

# lines longer than the reader's buffer, through a FIFO: an event over the per-event limit
# (dead-lettered whole), a 2 MiB event (delivered), a 60,000-item batch line of 4.5 MB (split,
# delivered)
scenario_long() {
    gen long "$T/long.ndjson"
    stand_in long || return
    mkfifo "$T/in.fifo"
    spawn writer bash -c "cat '$T/long.ndjson' >'$T/in.fifo'"
    run_within "$RUN_TIMEOUT" "run long" -i "$T/in.fifo" -e "$T/long.run" "$BIN" run "${RUNFLAGS[@]}" \
        --ingest-url "$URL" --dlq "$T/long.db"
    local rc=$RC
    stop_mock
    check_run long "$T/long.ndjson" "$rc"
    "$BIN" dlq show 1 --dlq "$T/long.db" >"$T/long.show"
    check "long: the over-long event's message says why" \
        'grep -q "^message: *an event of 5242977 bytes is larger than the limit of 4194304 bytes$" "$T/long.show"'
    check "long: the 60,000 items and the 2 MiB event delivered" \
        'grep -q "received 60002 events: 60001 delivered, 0 filtered (no subscription), 1 dead-lettered" "$T/long.run"'
}

# a 100,000-item line against a stand-in answering after 50 ms: the pending cap (16 per request in flight, at least 1,024)
# holds in the middle of the line, memory stays small; Ctrl-C dead-letters the rest of the line
scenario_slow() {
    gen slow "$T/slow.ndjson"
    stand_in slow --latency-ms 50 || return
    spawn "run slow" -e "$T/slow.run" "$BIN" run --progress --backoff-base 0.02 --ingest-url "$URL" \
        --dlq "$T/slow.db" "$T/slow.ndjson"
    local pid=$BG_PID rcv rss hwm limit=150
    # the progress line (every 250 ms) once 1,000 requests have been answered
    wait_lines "$T/slow.rec" 1000 30 || return
    wait_for 10 "a progress line counting 1,000 delivered" \
        '[ "$(tr "\r" "\n" <"$T/slow.run" | sed -n "s/.*  delivered \([0-9]*\)  .*/\1/p" | tail -1)" -ge 1000 ] 2>/dev/null' || return
    rcv=$(tr '\r' '\n' <"$T/slow.run" | sed -n 's/.*received \([0-9]*\)  delivered.*/\1/p' | tail -1)
    rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status")
    hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status")
    # sanitizers' shadow memory and quarantine: a larger bound
    case $BIN in *asan*) limit=600 ;; esac
    echo "slow: $rcv of 100000 items taken in while requests wait; RSS $((rss / 1024)) MB, peak $((hwm / 1024)) MB"
    check "slow: the line paused at the pending cap ($rcv items taken in)" '[ "${rcv:-100000}" -le 10000 ]'
    check "slow: peak RSS $((hwm / 1024)) MB under $limit MB" '[ "${hwm:-999999999}" -lt $((limit * 1024)) ]'
    kill -INT "$pid"
    wait_exit "$pid" 120
    local rc=$EXIT_RC
    stop_mock
    check_run slow "$T/slow.ndjson" "$rc" 130
    check "slow: the rest of the line dead-lettered as interrupted" 'grep -q "dead letters by reason: interrupted " "$T/slow.run"'
}

# malformed and mixed lines
scenario_malformed() {
    gen malformed "$T/malformed.ndjson"
    stand_in malformed || return
    run_within "$RUN_TIMEOUT" "run malformed" -e "$T/malformed.run" "$BIN" run "${RUNFLAGS[@]}" --ingest-url "$URL" \
        --dlq "$T/malformed.db" "$T/malformed.ndjson"
    local rc=$RC
    stop_mock
    check_run malformed "$T/malformed.ndjson" "$rc"
    local out
    out=$("$BIN" dlq list --dlq "$T/malformed.db" --limit 100)
    expect_contains "malformed: a NUL byte is named" "$(for i in $(seq 1 30); do "$BIN" dlq show "$i" --dlq "$T/malformed.db" 2>/dev/null; done)" "control character in string"
    check "malformed: validation failures and invalid lines kept apart" 'grep -q " validation " <<<"$out" && grep -q " invalid_json " <<<"$out"'
}

# stdin's file status flags as they were: after `run` ends, and after it is killed (a pipe shared
# with this test's own file description)
scenario_stdin_flags() {
    stand_in flags || return
    cat >"$T/flags.py" <<'EOF'
import fcntl, os, signal, subprocess, sys, time
bin_, url, dlq, log = sys.argv[1:5]
ev = b'{"type":"track","event":"E","userId":"u","messageId":"fl-%d"}\n'
def run(kill):
    r, w = os.pipe()
    err = open(log, "ab")
    p = subprocess.Popen([bin_, "run", "--no-progress", "--ingest-url", url, "--dlq", dlq], stdin=r, stderr=err)
    os.write(w, ev % 1)
    if kill:
        time.sleep(1.0)          # it reads, sends, and waits for more input
        p.send_signal(signal.SIGKILL)
    else:
        os.close(w)
    try:
        rc = p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill(); p.wait(); print("run did not end"); return False
    nb = bool(fcntl.fcntl(r, fcntl.F_GETFL) & os.O_NONBLOCK)
    print(f"{'killed' if kill else 'ended'} (rc={rc}): stdin O_NONBLOCK afterwards: {nb}")
    return not nb
ok = run(False)
ok = run(True) and ok
sys.exit(0 if ok else 1)
EOF
    run_within 150 "flags driver" -o "$T/flags.out" -e "$T/flags.out" python3 "$T/flags.py" "$BIN" "$URL" "$T/flags.db" "$T/flags.run"
    local rc=$RC
    stop_mock
    cat "$T/flags.out"
    check "stdin-flags: O_NONBLOCK is not left on stdin (ended or killed)" '[ "$rc" -eq 0 ]'
}

run_scenarios badinput "$@"

#!/usr/bin/env bash
# Integration: `run` delivering to the local stand-in (build/encharge-mock) on
# loopback — exactly-once without faults, every event through 500/429/dropped
# connections, 400/401 dead-lettered at once, Retry-After honoured, a silent
# endpoint until the retry window ends, SIGINT, SIGHUP reloads, and no API key
# anywhere (logs, recordings, dead-letter stores: checked after every scenario).
#
#   bash tests/integration/delivery.sh [SCENARIO...]    none: all; --list: the names
# Each scenario has its own directory, stand-in and files (lib.sh).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/lib.sh"
lib_setup ek_live_SECRET
RUN_TIMEOUT=${RUN_TIMEOUT:-120} # upper bound for one `run` (reaching it is a failure)

# stand_in NAME [mock flags...]: the stand-in with this key, seed 42, recording in $T/NAME.rec;
# MOCK_PID, PORT, URL; stdout/stderr in $T/NAME.out/.err
stand_in() {
    local name=$1
    shift
    start_mock "$T/$name" --api-key "$KEY" --record "$T/$name.rec" --seed 42 "$@"
}

# run_events NAME [run flags...]: `run` in the background, stderr in $T/NAME.run, waited for
# (at most RUN_TIMEOUT s); its exit status in RC. Environment assignments may come first
# (`ENCHARGE_API_KEY=... run_events ...` does not reach a background program: use env).
run_events() {
    local name=$1
    shift
    run_within "$RUN_TIMEOUT" "run $name" -e "$T/$name.run" "$BIN" run "$@"
}

# gen N PREFIX: N track/identify/page events with unique messageIds
gen() {
    python3 - "$1" "$2" <<'PY'
import json, sys
n, p = int(sys.argv[1]), sys.argv[2]
types = ["track", "identify", "page", "track", "group", "alias"]
for i in range(n):
    t = types[i % len(types)]
    e = {"type": t, "messageId": f"{p}-{i}", "userId": f"u{i}", "anonymousId": f"a{i}",
         "timestamp": "2026-11-28T10:00:00.000Z", "context": {"ip": "127.0.0.1", "traits": {"email": f"u{i}@x.io"}}}
    if t == "track": e.update(event="Order Completed", properties={"n": i, "revenue": 9.99})
    if t == "identify": e["traits"] = {"email": f"u{i}@x.io", "plan": "pro"}
    if t == "page": e.update(name="Home", properties={"url": "https://x.io/"})
    if t == "group": e.update(groupId=f"{p}-{i}", traits={"name": "G"})   # group bodies carry no messageId
    if t == "alias": e["previousId"] = f"a{i}"
    print(json.dumps(e))
PY
}

# per-messageId counts from a recording: prints "total unique answered200 dup200 missing"
tally() { # rec expected_n prefix
    python3 - "$@" <<'PY'
import json, sys, collections
rec, n, p = sys.argv[1], int(sys.argv[2]), sys.argv[3]
seen, ok = collections.Counter(), collections.Counter()
for line in open(rec):
    r = json.loads(line)
    b = r.get("body") or {}
    mid = b.get("messageId") or (b.get("properties") or {}).get("externalId")
    if mid is None: continue
    seen[mid] += 1
    if r.get("status") == 200: ok[mid] += 1
missing = sum(1 for i in range(n) if ok[f"{p}-{i}"] == 0)
dup = sum(1 for k, v in ok.items() if v > 1)
print(sum(seen.values()), len(seen), len(ok), dup, missing)
PY
}

# no_key_in NAME FILE...: the API key is in none of the files (a grep error is a failure too)
no_key_in() {
    local name=$1
    shift
    [ $# -gt 0 ] || return 0
    local r=0
    grep -aqF -- "$KEY" "$@" || r=$?
    check "$name" '[ "$r" -eq 1 ]'
}
# the API key is nowhere in this scenario's files: logs, recordings, dead-letter stores
check_no_key() {
    local logs recs dbs
    shopt -s nullglob
    logs=("$T"/*.run "$T"/*.err "$T"/*.out)
    recs=("$T"/*.rec)
    dbs=("$T"/*.db*)
    shopt -u nullglob
    no_key_in "no key in logs" "${logs[@]}"
    no_key_in "no key in recordings" "${recs[@]}"
    no_key_in "no key in dead-letter stores" "${dbs[@]}"
}

RUNFLAGS=(--no-progress --backoff-base 0.02 --backoff-cap 0.2)

SCENARIOS=(clean faults500 faults429 overload fixed reject400 reject401 retry-after silent sigint batch replay
    replay-pipelined reload workers)

# 10,000 events, no faults: each arrives exactly once
scenario_clean() {
    gen 10000 clean >"$T/clean.ndjson"
    stand_in clean || return
    run_events clean "${RUNFLAGS[@]}" --ingest-url "$URL" --api-url "$URL" --dlq "$T/clean.db" "$T/clean.ndjson"
    local rc=$RC total uniq answered dup missing
    stop_mock
    check "clean run exits 0 (rc=$rc)" '[ "$rc" -eq 0 ]'
    read -r total uniq answered dup missing < <(tally "$T/clean.rec" 10000 clean)
    echo "clean: $total requests recorded, $uniq unique, $dup duplicates, $missing missing"
    check "clean: 10000 requests" '[ "$total" -eq 10000 ]'
    check "clean: exactly once" '[ "$uniq" -eq 10000 ] && [ "$dup" -eq 0 ] && [ "$missing" -eq 0 ]'
    check "clean: summary" 'grep -q "received 10000 events: 10000 delivered" "$T/clean.run"'
    check "clean: adaptive concurrency grew to the cap" 'grep -q "concurrency: adaptive under cap 64, ranged 16-64" "$T/clean.run"'
    check_no_key
}

# 30% failures (500, or 429) and 5% dropped connections: every event arrives, exit 0
faults() { # STATUS
    local st=$1 rc total uniq answered dup missing
    gen 2000 "f$st" >"$T/f$st.ndjson"
    stand_in "f$st" --fail-rate 0.3 --fail-status "$st" --drop-rate 0.05 || return
    run_events "f$st" "${RUNFLAGS[@]}" --ingest-url "$URL" --dlq "$T/f$st.db" "$T/f$st.ndjson"
    rc=$RC
    stop_mock
    read -r total uniq answered dup missing < <(tally "$T/f$st.rec" 2000 "f$st")
    echo "faults $st: $total requests for 2000 events, duplicates among answered: $dup, missing: $missing"
    check "faults $st: exit 0 (rc=$rc)" '[ "$rc" -eq 0 ]'
    check "faults $st: every event delivered once" '[ "$answered" -eq 2000 ] && [ "$missing" -eq 0 ] && [ "$dup" -eq 0 ]'
    check "faults $st: retries happened" '[ "$total" -gt 2200 ]'
    check "faults $st: nothing dead-lettered" 'grep -q "2000 delivered, 0 filtered (no subscription), 0 dead-lettered" "$T/f$st.run"'
    check_no_key
}
scenario_faults500() { faults 500; }
scenario_faults429() { faults 429; }

# an overloaded server (every answer 503): adaptive concurrency backs off to 1
scenario_overload() {
    gen 300 ovl >"$T/ovl.ndjson"
    stand_in ovl --fail-rate 1 --fail-status 503 || return
    run_events ovl "${RUNFLAGS[@]}" --retry-window 1 --ingest-url "$URL" --dlq "$T/ovl.db" "$T/ovl.ndjson"
    stop_mock
    check "overload: concurrency cut to 1" 'grep -q "concurrency: adaptive under cap 64, ranged 1-" "$T/ovl.run"'
    check "overload: every event dead-lettered after retries" 'grep -q "retries_exhausted 300" "$T/ovl.run"'
    check_no_key
}

# --no-adaptive against a port that refuses connections: the concurrency stays at the cap
scenario_fixed() {
    gen 300 fix >"$T/fix.ndjson"
    # a free loopback port with nothing on it: the stand-in's, once it has stopped
    stand_in closed || return
    local closed=$PORT
    stop_mock
    run_events fix "${RUNFLAGS[@]}" --no-adaptive --retry-window 0.3 --ingest-url "http://127.0.0.1:$closed" \
        --dlq "$T/fix.db" "$T/fix.ndjson"
    check "fixed concurrency stays at the cap" 'grep -q "concurrency: fixed cap 64, ranged 64-64, ended at 64" "$T/fix.run"'
    check_no_key
}

# 20 events run NAME against a stand-in (recording to MOCK.rec) that answers
# every request 400: all 20 are dead-lettered after one attempt (checks named
# LABEL).
refused_400() {
    local name=$1 mock=$2 label=$3 out
    gen 20 "$name" >"$T/$name.ndjson"
    stand_in "$mock" --fail-rate 1 --fail-status 400 || return 1
    run_events "$name" "${RUNFLAGS[@]}" --ingest-url "$URL" --dlq "$T/$name.db" "$T/$name.ndjson"
    stop_mock
    out=$("$BIN" dlq list --dlq "$T/$name.db" --limit 100)
    check "$label: 20 dead letters, status 400, 1 attempt" '[ "$(grep -c " http .* 400   1  Bad Request" <<<"$out")" -eq 20 ]'
    return 0
}

# 400 and 401: dead-lettered at once, not retried
scenario_reject400() {
    local out
    refused_400 r400 r400 "400" || return
    check "400: one request per event" '[ "$(count_lines "$T/r400.rec")" -eq 20 ]'
    check_no_key
}
scenario_reject401() {
    local out
    gen 10 r401 >"$T/r401.ndjson"
    stand_in r401 || return
    run_within "$RUN_TIMEOUT" "run r401" -e "$T/r401.run" env ENCHARGE_API_KEY="wrong-$KEY" "$BIN" run "${RUNFLAGS[@]}" \
        --ingest-url "$URL" --dlq "$T/r401.db" "$T/r401.ndjson"
    stop_mock
    check "401: one request per event" '[ "$(count_lines "$T/r401.rec")" -eq 10 ]'
    out=$("$BIN" dlq list --dlq "$T/r401.db")
    check "401: dead-lettered as Unauthorized" '[ "$(grep -c " 401   1  Unauthorized" <<<"$out")" -eq 10 ]'
    check_no_key
}

# 429 with Retry-After: 2 -> the retry waits at least 2 s
scenario_retry_after() {
    local gaps mingap attempts
    gen 1 ra >"$T/ra.ndjson"
    stand_in ra --fail-rate 1 --fail-status 429 --retry-after 2 || return
    run_events ra --no-progress --backoff-base 0.01 --backoff-cap 0.01 --retry-window 3 --ingest-url "$URL" \
        --dlq "$T/ra.db" "$T/ra.ndjson"
    stop_mock
    gaps=$(python3 -c '
import json, sys
ts = [json.loads(l)["t"] for l in open(sys.argv[1])]
print(min(b - a for a, b in zip(ts, ts[1:])) if len(ts) > 1 else -1, len(ts))' "$T/ra.rec")
    read -r mingap attempts <<<"$gaps"
    echo "retry-after: $attempts attempts, smallest gap $mingap ms"
    check "retry-after: retried" '[ "$attempts" -ge 2 ]'
    check "retry-after: no retry within 2 s" '[ "$mingap" -ge 1990 ]'
    check "retry-after: dead-lettered when the window ended" '"$BIN" dlq list --dlq "$T/ra.db" | grep -q retries_exhausted'
    check_no_key
}

# an endpoint that never answers: retried until the window ends, then dead-lettered with the reason
scenario_silent() {
    local silent rc el start out
    spawn "silent endpoint" -o "$T/silent.port" python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(128)
print(s.getsockname()[1], flush=True)
conns = []
while True:
    c, _ = s.accept(); conns.append(c)'
    silent=$BG_PID
    read_port "$T/silent.port" "$silent" 20 || return
    gen 3 silent >"$T/silent.ndjson"
    _now
    start=$_NOW
    run_events silent --no-progress --timeout-ms 300 --backoff-base 0.05 --backoff-cap 0.2 --retry-window 2 \
        --ingest-url "$URL" --dlq "$T/silent.db" "$T/silent.ndjson"
    rc=$RC
    _now
    el=$((_NOW - start))
    stop_pid "$silent"
    out=$("$BIN" dlq list --dlq "$T/silent.db")
    echo "silent endpoint: run took $el ms, rc=$rc"
    check "silent: all dead-lettered as retries_exhausted" '[ "$(grep -c retries_exhausted <<<"$out")" -eq 3 ]'
    check "silent: kept retrying (>= 2 attempts)" '"$BIN" dlq show 1 --dlq "$T/silent.db" | grep -Eq "attempts: +([2-9]|[1-9][0-9])"'
    check "silent: reason names the timeout" '"$BIN" dlq show 1 --dlq "$T/silent.db" | grep -qi "timed out\|timeout"'
    check "silent: ended within the window (+timeout)" '[ "$el" -lt 6000 ]'
    check "silent: exit 0, every event ended dead-lettered with its reason (rc=$rc)" '[ "$rc" -eq 0 ]'
    check_no_key
}

# SIGINT: stops cleanly, reports and keeps what was not delivered
scenario_sigint() {
    local runpid rc n
    gen 200 int >"$T/int.ndjson"
    stand_in int --latency-ms 6000 || return
    # --progress: its progress line is what says that every line has been read
    spawn "run int" -e "$T/int.run" "$BIN" run --progress --ingest-url "$URL" --dlq "$T/int.db" "$T/int.ndjson"
    runpid=$BG_PID
    # every line read and in flight or queued, none answered yet (none can be before 6 s: the
    # wait must end well before that)
    wait_line "$T/int.run" "received 200  delivered 0  in flight [0-9]*/[0-9]*  waiting " 5 || return
    kill -INT "$runpid"
    wait_exit "$runpid" 60
    rc=$EXIT_RC
    stop_mock
    check "sigint: exit 130 (rc=$rc)" '[ "$rc" -eq 130 ]'
    check "sigint: reported" 'grep -q "interrupted" "$T/int.run"'
    # the requests in flight were let finish (delivered after 6 s); the others were never sent
    n=$("$BIN" dlq list --dlq "$T/int.db" --reason interrupted --limit 1000 | grep -c " interrupted ")
    check "sigint: in flight delivered, the rest kept ($(count_lines "$T/int.rec") + $n = 200)" \
        '[ "$(count_lines "$T/int.rec")" -ge 1 ] && [ $(( $(count_lines "$T/int.rec") + n )) -eq 200 ]'
    check "sigint: delivered as the summary says" 'grep -q "received 200 events: $(count_lines "$T/int.rec") delivered" "$T/int.run"'
    check_no_key
}

# batch lines, check-auth, delete-user, dlq show/purge against the stand-in
scenario_batch() {
    local rc out
    stand_in misc || return
    printf '%s\n' '{"batch":[{"type":"track","event":"B1","userId":"bu1","messageId":"bm1"},{"type":"identify","userId":"bu2","messageId":"bm2","context":{"ip":"9.9.9.9"}}],"context":{"ip":"1.1.1.1","locale":"de"}}' \
        '{"type":"track","messageId":"bad1","userId":"x"}' 'this is not json' >"$T/misc.ndjson"
    run_events misc --no-progress --ingest-url "$URL" --dlq "$T/misc.db" "$T/misc.ndjson"
    rc=$RC
    check "batch: exit 0 with dead letters (rc=$rc)" '[ "$rc" -eq 0 ]'
    check "batch: summary" 'grep -q "received 4 events: 2 delivered, 0 filtered (no subscription), 2 dead-lettered" "$T/misc.run"'
    check "batch: context merged (batch ip, item ip wins)" \
        'grep "\"bm1\"" "$T/misc.rec" | grep -q "\"ip\":\"1.1.1.1\"" && grep "\"bm2\"" "$T/misc.rec" | grep -q "\"ip\":\"9.9.9.9\""'
    out=$("$BIN" dlq list --dlq "$T/misc.db")
    check "dlq: validation and invalid_json kept" 'grep -q " validation " <<<"$out" && grep -q " invalid_json " <<<"$out"'
    # (records in the order the events ended: mapping runs on worker threads)
    check "dlq show: the event and the message" \
        'for i in 1 2; do "$BIN" dlq show $i --dlq "$T/misc.db"; done | grep -q "missing the required field .event."'
    out=$("$BIN" check-auth --api-url "$URL")
    check "check-auth accepted" '[ "$out" = "API key accepted" ]'
    rc=0
    out=$(ENCHARGE_API_KEY="nope" "$BIN" check-auth --api-url "$URL") || rc=$?
    check "check-auth rejected (rc=$rc)" '[ "$out" = "API key rejected (401)" ] && [ "$rc" -eq 1 ]'
    "$BIN" delete-user --user-id 'a b&c=d#e' --api-url "$URL" >"$T/del.out"
    check "delete-user: encoded query reached the server" \
        'grep -q "\"query\":\"people\[0\]\[userId\]=a%20b%26c%3Dd%23e\"" "$T/misc.rec" && grep -q "^deleted" "$T/del.out"'
    stop_mock
    out=$("$BIN" dlq purge --dlq "$T/misc.db")
    check "purge ($out)" '[ "$out" = "purged 2 record(s)" ]'
    check_no_key
}

# replay: events rejected with 400 are delivered once the server accepts them
scenario_replay() {
    local out
    refused_400 rp reject "replay" || return
    stand_in replay || return
    out=$("$BIN" dlq replay --reason http --dlq "$T/rp.db" --ingest-url "$URL" | tail -1)
    stop_mock
    check "replay: the 20 rejected events delivered ($out)" '[ "$out" = "replayed 20 record(s): 20 delivered, 0 not" ]'
    check "replay: records removed" '[ "$("$BIN" dlq list --dlq "$T/rp.db" | tail -1)" = "0 record(s)" ]'
    check "replay: recorded by the server" '[ "$(count_lines "$T/replay.rec")" -eq 20 ]'
    check_no_key
}

# replay pipelines like run: against a stand-in that holds every request, many are in flight at
# once (one at a time would leave a single request recorded); the first SIGINT lets them finish
# (they cannot), the second stops: they are kept as in flight, nothing is lost
scenario_replay_pipelined() {
    local n rc
    gen 200 rpp >"$T/rpp.ndjson"
    stand_in rpp400 --fail-rate 1 --fail-status 400 || return
    run_events rpp "${RUNFLAGS[@]}" --ingest-url "$URL" --dlq "$T/rpp.db" "$T/rpp.ndjson"
    stop_mock
    stand_in hold --hang || return
    spawn "replay" -o "$T/replay.out" -e "$T/replay.err" "$BIN" dlq replay --dlq "$T/rpp.db" --ingest-url "$URL" \
        --no-adaptive --max-inflight 64
    local rp=$BG_PID
    wait_lines "$T/hold.rec" 64 15
    check "replay-pipelined: 64 requests in flight at once ($(count_lines "$T/hold.rec"))" \
        '[ "$(count_lines "$T/hold.rec")" -eq 64 ]'
    kill -INT "$rp"
    wait_line "$T/replay.err" "interrupted: finishing" 10 && kill -INT "$rp"
    wait_exit "$rp" 30
    rc=$EXIT_RC
    stop_mock
    n=$("$BIN" dlq list --dlq "$T/rpp.db" --limit 1000 | grep -c " interrupted_in_flight " || true)
    check "replay-pipelined: exit 1 (rc=$rc)" '[ "$rc" -eq 1 ]'
    check "replay-pipelined: the 64 in flight kept as such ($n)" '[ "$n" -eq 64 ]'
    n=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(distinct event) from dlq").fetchone()[0])' "$T/rpp.db")
    check "replay-pipelined: all 200 events still in the store ($n)" '[ "$n" -eq 200 ]'
}

# SIGHUP reloads the mappings while events stream in: none lost, the new version applies to later
# events, a broken config keeps the running one
scenario_reload() {
    local runpid rc v1 v2 w
    OK_SO_FAR=1
    cat >"$T/reload.lua" <<'EOF'
return { mappings = { { name = "T", action = "trackEvent", mapping = { event = "v1", type = "track",
  messageId = { ["@path"] = "$.messageId" } } } } }
EOF
    stand_in reload || return
    mkfifo "$T/in.fifo"
    spawn "run reload" -i "$T/in.fifo" -e "$T/reload.run" "$BIN" run --no-progress --no-watch --config "$T/reload.lua" \
        --ingest-url "$URL" --dlq "$T/reload.db"
    runpid=$BG_PID
    exec {w}<>"$T/in.fifo" # read-write: opening never blocks; closing it is the end of the input
    send() { local i; for i in $(seq "$1" "$2"); do echo "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"messageId\":\"rl-$i\"}" >&"$w"; done; }
    local
    send 1 50
    # the first 50 mapped (and sent) with v1 before the reload
    step wait_lines "$T/reload.rec" 50 30
    step sed -i 's/"v1"/"v2"/' "$T/reload.lua"
    step kill -HUP "$runpid"
    step wait_line "$T/reload.run" "^run: reloaded " 30
    step send 51 100
    step wait_lines "$T/reload.rec" 100 30
    step echo 'return { mappings = { {' >"$T/reload.lua" # broken: keeps v2
    step kill -HUP "$runpid"
    step wait_line "$T/reload.run" "^run: reload failed: " 30
    step send 101 150
    exec {w}>&-
    wait_exit "$runpid" "$RUN_TIMEOUT"
    rc=$EXIT_RC
    stop_mock
    v1=$(count_matches "$T/reload.rec" '"event":"v1"')
    v2=$(count_matches "$T/reload.rec" '"event":"v2"')
    echo "reload: $v1 events mapped by v1, $v2 by v2 (rc=$rc)"
    check "reload: exit 0" '[ "$rc" -eq 0 ]'
    check "reload: all 150 delivered, 50 with v1 then 100 with v2" '[ "$v1" -eq 50 ] && [ "$v2" -eq 100 ]'
    check "reload: reported" 'grep -q "run: reloaded" "$T/reload.run"'
    check "reload: a broken config is refused, the running mappings stay" \
        'grep -q "run: reload failed: config .*reload.lua.*keeping the current mappings" "$T/reload.run"'
    check_no_key
}

# mapping on worker threads: 1 worker and 3 deliver the same bodies (in any order), once each
scenario_workers() {
    local k
    gen 3000 wk >"$T/wk.ndjson"
    for k in 1 3; do
        stand_in "w$k" || return
        run_events "w$k" "${RUNFLAGS[@]}" --workers "$k" --ingest-url "$URL" --dlq "$T/w$k.db" "$T/wk.ndjson"
        stop_mock
        check "workers $k: exit 0 (rc=$RC)" '[ "$RC" -eq 0 ]'
        python3 -c '
import json, sys
print("\n".join(sorted(json.dumps(json.loads(l)["body"], sort_keys=True) for l in open(sys.argv[1]))))' \
            "$T/w$k.rec" >"$T/w$k.bodies"
    done
    check "workers: 3,000 requests each" '[ "$(count_lines "$T/w1.bodies")" -eq 3000 ] && [ "$(count_lines "$T/w3.bodies")" -eq 3000 ]'
    check "workers: the same bodies with 1 and 3 workers" 'cmp -s "$T/w1.bodies" "$T/w3.bodies"'
    run_events wbad --workers 0 "$T/wk.ndjson"
    check "workers 0 refused" '[ "$RC" -eq 2 ] && grep -q -- "--workers must be a whole number between 1 and 64" "$T/wbad.run"'
}

run_scenarios delivery "$@"

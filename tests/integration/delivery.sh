#!/usr/bin/env bash
# Integration: `run` delivering to the local stand-in (build/encharge-mock) on
# loopback — exactly-once without faults, every event through 500/429/dropped
# connections, 400/401 dead-lettered at once, Retry-After honoured, a silent
# endpoint until the retry window ends, SIGINT, and no API key anywhere.
set -euo pipefail
BIN=${BIN:-build/encharge-actions}
MOCK=${MOCK:-build/encharge-mock}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
MOCK=$(cd "$(dirname "$MOCK")" && pwd)/$(basename "$MOCK")
T=$(mktemp -d)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$T"
}
trap cleanup EXIT
fails=0
pass=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

KEY="ek_live_SECRET_$(date +%s%N)"
export ENCHARGE_API_KEY="$KEY"

# start_mock NAME [mock flags...]: sets PORT and MOCK_PID; recording in $T/NAME.rec
start_mock() {
    local name=$1
    shift
    "$MOCK" --port 0 --api-key "$KEY" --record "$T/$name.rec" --seed 42 "$@" >"$T/$name.out" 2>"$T/$name.err" &
    MOCK_PID=$!
    PIDS+=("$MOCK_PID")
    for _ in $(seq 100); do
        PORT=$(sed -n 's#.*http://127\.0\.0\.1:\([0-9]*\).*#\1#p' "$T/$name.out" | head -1)
        [ -n "$PORT" ] && return 0
        sleep 0.05
    done
    echo "mock $name did not start"
    cat "$T/$name.err"
    return 1
}
stop_mock() {
    kill -TERM "$MOCK_PID" 2>/dev/null || true
    wait "$MOCK_PID" 2>/dev/null || true
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

RUNFLAGS=(--no-progress --backoff-base 0.02 --backoff-cap 0.2)

# 1. 10,000 events, no faults: each arrives exactly once
gen 10000 clean >"$T/clean.ndjson"
start_mock clean
set +e
"$BIN" run "${RUNFLAGS[@]}" --ingest-url "http://127.0.0.1:$PORT" --api-url "http://127.0.0.1:$PORT" \
    --dlq "$T/clean.db" "$T/clean.ndjson" 2>"$T/clean.run"
rc=$?
set -e
stop_mock
check "clean run exits 0 (rc=$rc)" '[ "$rc" -eq 0 ]'
read -r total uniq answered dup missing < <(tally "$T/clean.rec" 10000 clean)
echo "clean: $total requests recorded, $uniq unique, $dup duplicates, $missing missing"
check "clean: 10000 requests" '[ "$total" -eq 10000 ]'
check "clean: exactly once" '[ "$uniq" -eq 10000 ] && [ "$dup" -eq 0 ] && [ "$missing" -eq 0 ]'
check "clean: summary" 'grep -q "received 10000 events: 10000 delivered" "$T/clean.run"'
check "clean: adaptive concurrency grew to the cap" 'grep -q "concurrency: adaptive under cap 64, ranged 16-64" "$T/clean.run"'

# 2. 30% failures (500, then 429) and 5% dropped connections: every event arrives, exit 0
for st in 500 429; do
    gen 2000 "f$st" >"$T/f$st.ndjson"
    start_mock "f$st" --fail-rate 0.3 --fail-status "$st" --drop-rate 0.05
    set +e
    "$BIN" run "${RUNFLAGS[@]}" --ingest-url "http://127.0.0.1:$PORT" --dlq "$T/f$st.db" "$T/f$st.ndjson" \
        2>"$T/f$st.run"
    rc=$?
    set -e
    stop_mock
    read -r total uniq answered dup missing < <(tally "$T/f$st.rec" 2000 "f$st")
    echo "faults $st: $total requests for 2000 events, duplicates among answered: $dup, missing: $missing"
    check "faults $st: exit 0 (rc=$rc)" '[ "$rc" -eq 0 ]'
    check "faults $st: every event delivered once" '[ "$answered" -eq 2000 ] && [ "$missing" -eq 0 ] && [ "$dup" -eq 0 ]'
    check "faults $st: retries happened" '[ "$total" -gt 2200 ]'
    check "faults $st: nothing dead-lettered" 'grep -q "2000 delivered, 0 filtered (no subscription), 0 dead-lettered" "$T/f$st.run"'
done

# 2b. an overloaded server (every answer 503): adaptive concurrency backs off to 1
gen 300 ovl >"$T/ovl.ndjson"
start_mock ovl --fail-rate 1 --fail-status 503
"$BIN" run "${RUNFLAGS[@]}" --retry-window 1 --ingest-url "http://127.0.0.1:$PORT" --dlq "$T/ovl.db" "$T/ovl.ndjson" \
    2>"$T/ovl.run" || true
stop_mock
check "overload: concurrency cut to 1" 'grep -q "concurrency: adaptive under cap 64, ranged 1-" "$T/ovl.run"'
check "overload: every event dead-lettered after retries" 'grep -q "retries_exhausted 300" "$T/ovl.run"'
"$BIN" run "${RUNFLAGS[@]}" --no-adaptive --retry-window 0.3 --ingest-url "http://127.0.0.1:1" --dlq "$T/ovl2.db" \
    "$T/ovl.ndjson" 2>"$T/ovl2.run" || true
check "fixed concurrency stays at the cap" 'grep -q "concurrency: fixed cap 64, ranged 64-64, ended at 64" "$T/ovl2.run"'

# 3. 400 and 401: dead-lettered at once, not retried
gen 20 r400 >"$T/r400.ndjson"
start_mock r400 --fail-rate 1 --fail-status 400
"$BIN" run "${RUNFLAGS[@]}" --ingest-url "http://127.0.0.1:$PORT" --dlq "$T/r400.db" "$T/r400.ndjson" 2>"$T/r400.run" || true
stop_mock
check "400: one request per event" '[ "$(wc -l <"$T/r400.rec")" -eq 20 ]'
out=$("$BIN" dlq list --dlq "$T/r400.db" --limit 100)
check "400: 20 dead letters, status 400, 1 attempt" '[ "$(grep -c " http .* 400   1  Bad Request" <<<"$out")" -eq 20 ]'

gen 10 r401 >"$T/r401.ndjson"
start_mock r401
ENCHARGE_API_KEY="wrong-$KEY" "$BIN" run "${RUNFLAGS[@]}" --ingest-url "http://127.0.0.1:$PORT" --dlq "$T/r401.db" \
    "$T/r401.ndjson" 2>"$T/r401.run" || true
stop_mock
check "401: one request per event" '[ "$(wc -l <"$T/r401.rec")" -eq 10 ]'
out=$("$BIN" dlq list --dlq "$T/r401.db")
check "401: dead-lettered as Unauthorized" '[ "$(grep -c " 401   1  Unauthorized" <<<"$out")" -eq 10 ]'

# 4. 429 with Retry-After: 2 -> the retry waits at least 2 s
gen 1 ra >"$T/ra.ndjson"
start_mock ra --fail-rate 1 --fail-status 429 --retry-after 2
"$BIN" run --no-progress --backoff-base 0.01 --backoff-cap 0.01 --retry-window 3 --ingest-url "http://127.0.0.1:$PORT" \
    --dlq "$T/ra.db" "$T/ra.ndjson" 2>"$T/ra.run" || true
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

# 5. an endpoint that never answers: retried until the window ends, then dead-lettered with the reason
python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(128)
print(s.getsockname()[1], flush=True)
conns = []
while True:
    c, _ = s.accept(); conns.append(c)' >"$T/silent.port" &
SILENT=$!
PIDS+=("$SILENT")
for _ in $(seq 50); do [ -s "$T/silent.port" ] && break; sleep 0.05; done
SPORT=$(cat "$T/silent.port")
gen 3 silent >"$T/silent.ndjson"
start_s=$(date +%s%N)
set +e
"$BIN" run --no-progress --timeout-ms 300 --backoff-base 0.05 --backoff-cap 0.2 --retry-window 2 \
    --ingest-url "http://127.0.0.1:$SPORT" --dlq "$T/silent.db" "$T/silent.ndjson" 2>"$T/silent.run"
rc=$?
set -e
el=$((($(date +%s%N) - start_s) / 1000000))
kill "$SILENT" 2>/dev/null || true
out=$("$BIN" dlq list --dlq "$T/silent.db")
echo "silent endpoint: run took $el ms, rc=$rc"
check "silent: all dead-lettered as retries_exhausted" '[ "$(grep -c retries_exhausted <<<"$out")" -eq 3 ]'
check "silent: kept retrying (>= 2 attempts)" '"$BIN" dlq show 1 --dlq "$T/silent.db" | grep -Eq "attempts: +([2-9]|[1-9][0-9])"'
check "silent: reason names the timeout" '"$BIN" dlq show 1 --dlq "$T/silent.db" | grep -qi "timed out\|timeout"'
check "silent: ended within the window (+timeout)" '[ "$el" -lt 6000 ]'
check "silent: exit 0, every event ended dead-lettered with its reason (rc=$rc)" '[ "$rc" -eq 0 ]'

# 6. SIGINT: stops cleanly, reports and keeps what was not delivered
gen 200 int >"$T/int.ndjson"
start_mock int --latency-ms 6000
"$BIN" run --no-progress --ingest-url "http://127.0.0.1:$PORT" --dlq "$T/int.db" "$T/int.ndjson" 2>"$T/int.run" &
RUNPID=$!
PIDS+=("$RUNPID")
sleep 1.5   # every line read and in flight or queued; none can be answered before 6 s
kill -INT "$RUNPID"
set +e
wait "$RUNPID"
rc=$?
set -e
stop_mock
check "sigint: exit 130 (rc=$rc)" '[ "$rc" -eq 130 ]'
check "sigint: reported" 'grep -q "interrupted" "$T/int.run"'
n=$("$BIN" dlq list --dlq "$T/int.db" --reason interrupted --limit 1000 | grep -c " interrupted " || true)
check "sigint: the 200 undelivered events are kept ($n)" '[ "$n" -eq 200 ]'

# 7. batch lines, check-auth, delete-user, dlq replay/purge against the stand-in
start_mock misc
printf '%s\n' '{"batch":[{"type":"track","event":"B1","userId":"bu1","messageId":"bm1"},{"type":"identify","userId":"bu2","messageId":"bm2","context":{"ip":"9.9.9.9"}}],"context":{"ip":"1.1.1.1","locale":"de"}}' \
    '{"type":"track","messageId":"bad1","userId":"x"}' 'this is not json' >"$T/misc.ndjson"
set +e
"$BIN" run --no-progress --ingest-url "http://127.0.0.1:$PORT" --dlq "$T/misc.db" "$T/misc.ndjson" 2>"$T/misc.run"
rc=$?
set -e
check "batch: exit 0 with dead letters (rc=$rc)" '[ "$rc" -eq 0 ]'
check "batch: summary" 'grep -q "received 4 events: 2 delivered, 0 filtered (no subscription), 2 dead-lettered" "$T/misc.run"'
check "batch: context merged (batch ip, item ip wins)" \
    'grep "\"bm1\"" "$T/misc.rec" | grep -q "\"ip\":\"1.1.1.1\"" && grep "\"bm2\"" "$T/misc.rec" | grep -q "\"ip\":\"9.9.9.9\""'
out=$("$BIN" dlq list --dlq "$T/misc.db")
check "dlq: validation and invalid_json kept" 'grep -q " validation " <<<"$out" && grep -q " invalid_json " <<<"$out"'
check "dlq show: the event and the message" '"$BIN" dlq show 1 --dlq "$T/misc.db" | grep -q "missing the required field .event."'
out=$("$BIN" check-auth --api-url "http://127.0.0.1:$PORT")
check "check-auth accepted" '[ "$out" = "API key accepted" ]'
set +e
out=$(ENCHARGE_API_KEY="nope" "$BIN" check-auth --api-url "http://127.0.0.1:$PORT")
rc=$?
set -e
check "check-auth rejected (rc=$rc)" '[ "$out" = "API key rejected (401)" ] && [ "$rc" -eq 1 ]'
"$BIN" delete-user --user-id 'a b&c=d#e' --api-url "http://127.0.0.1:$PORT" >"$T/del.out"
check "delete-user: encoded query reached the server" \
    'grep -q "\"query\":\"people\[0\]\[userId\]=a%20b%26c%3Dd%23e\"" "$T/misc.rec" && grep -q "^deleted" "$T/del.out"'
stop_mock
# replay: events rejected with 400 are delivered once the server accepts them
start_mock replay
out=$("$BIN" dlq replay --reason http --dlq "$T/r400.db" --ingest-url "http://127.0.0.1:$PORT" | tail -1)
stop_mock
check "replay: the 20 rejected events delivered ($out)" '[ "$out" = "replayed 20 record(s): 20 delivered, 0 not" ]'
check "replay: records removed" '[ "$("$BIN" dlq list --dlq "$T/r400.db" | tail -1)" = "0 record(s)" ]'
check "replay: recorded by the server" '[ "$(wc -l <"$T/replay.rec")" -eq 20 ]'
out=$("$BIN" dlq purge --dlq "$T/misc.db")
check "purge ($out)" '[ "$out" = "purged 2 record(s)" ]'

# 7b. SIGHUP reloads the mappings while events stream in: none lost, the new version applies to later
#     events, a broken config keeps the running one
cat >"$T/reload.lua" <<'EOF'
return { mappings = { { name = "T", action = "trackEvent", mapping = { event = "v1", type = "track",
  messageId = { ["@path"] = "$.messageId" } } } } }
EOF
start_mock reload
mkfifo "$T/in.fifo"
"$BIN" run --no-progress --config "$T/reload.lua" --ingest-url "http://127.0.0.1:$PORT" --dlq "$T/reload.db" \
    <"$T/in.fifo" 2>"$T/reload.run" &
RUNPID=$!
PIDS+=("$RUNPID")
exec 3>"$T/in.fifo"
wait_recorded() { # n: wait until the stand-in has recorded n requests
    for _ in $(seq 200); do [ "$(wc -l <"$T/reload.rec" 2>/dev/null || echo 0)" -ge "$1" ] && return 0; sleep 0.05; done
    return 1
}
send() { for i in $(seq "$2" "$3"); do echo "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"messageId\":\"$1-$i\"}" >&3; done; }
send rl 1 50
wait_recorded 50 || true
sed -i 's/"v1"/"v2"/' "$T/reload.lua"
kill -HUP "$RUNPID"
sleep 0.3
send rl 51 100
wait_recorded 100 || true
echo 'return { mappings = { {' >"$T/reload.lua"   # broken: keeps v2
kill -HUP "$RUNPID"
sleep 0.3
send rl 101 150
exec 3>&-
set +e
wait "$RUNPID"
rc=$?
set -e
stop_mock
v1=$(grep -c '"event":"v1"' "$T/reload.rec" || true)
v2=$(grep -c '"event":"v2"' "$T/reload.rec" || true)
echo "reload: $v1 events mapped by v1, $v2 by v2 (rc=$rc)"
check "reload: exit 0" '[ "$rc" -eq 0 ]'
check "reload: all 150 delivered, 50 with v1 then 100 with v2" '[ "$v1" -eq 50 ] && [ "$v2" -eq 100 ]'
check "reload: reported" 'grep -q "run: reloaded" "$T/reload.run"'
check "reload: a broken config is refused, the running mappings stay" \
    'grep -q "run: reload failed: config .*reload.lua.*keeping the current mappings" "$T/reload.run"'

# 8. the API key is nowhere: logs, dead letters, recordings
check "no key in logs" '! grep -rqF "$KEY" "$T"/*.run "$T"/*.err "$T"/*.out'
check "no key in recordings" '! grep -qF "$KEY" "$T"/*.rec'
check "no key in dead-letter stores" '! grep -aqF "$KEY" "$T"/*.db*'

echo "delivery integration: $pass passed, $fails failed"
[ "$fails" -eq 0 ]

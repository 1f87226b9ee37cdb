#!/usr/bin/env bash
# Integration: `run` against servers that misbehave (build/encharge-mock with its
# misbehaviour options) and against endpoints that cannot work — the delivery
# half of the hardening issue. Each scenario has its own stand-in on a free
# loopback port, started and stopped by pid; every wait is on an observable
# condition with a deadline, and a deadline passed is a failure.
#   1. Retry-After: 1e999 / 20 nines: no request storm; beyond the window ends at once
#   2. option ranges: a negative backoff is refused at start, naming the option
#   3. malformed endpoints (htp://, port 99999, http://[::1): final at once, not retried
#   4. redirects are not followed
#   5. a 2xx whose body trickles past the timeout: delivered, sent once
#   6. SIGINT with requests the server holds: dead-lettered as in doubt
#   7. an API key of 600 bytes goes out whole
#   8. a 5 MB response body
#   9. memory bounded by the jobs alive, not by the work
set -uo pipefail
BIN=${BIN:-build/encharge-actions}
MOCK=${MOCK:-build/encharge-mock}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
MOCK=$(cd "$(dirname "$MOCK")" && pwd)/$(basename "$MOCK")
T=$(mktemp -d)
PIDS=()
pass=0
fails=0
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok; else bad "$1"; fi; }
export ENCHARGE_API_KEY=test-api-key

# until SECONDS COMMAND...: polls COMMAND (every 20 ms) until it succeeds; 1 when the deadline passes
until_true() {
    local deadline=$(($(date +%s%N) + $1 * 1000000000))
    shift
    while ! "$@"; do
        [ "$(date +%s%N)" -ge "$deadline" ] && return 1
        sleep 0.02
    done
}

# start_mock NAME [flags...]: sets PORT, MPID; recording in $T/NAME.rec
start_mock() {
    local name=$1
    shift
    : >"$T/$name.rec"
    "$MOCK" --port 0 --record "$T/$name.rec" --seed 7 "$@" >"$T/$name.out" 2>"$T/$name.err" &
    MPID=$!
    PIDS+=("$MPID")
    if ! until_true 5 grep -q '^listening on' "$T/$name.out"; then
        bad "$name: the stand-in did not start: $(cat "$T/$name.err")"
        PORT=9
        return 1
    fi
    PORT=$(sed -n 's#^listening on http://127\.0\.0\.1:\([0-9]*\)$#\1#p' "$T/$name.out")
}
stop_mock() {
    kill -TERM "$1" 2>/dev/null
    wait "$1" 2>/dev/null
}
alive() { kill -0 "$1" 2>/dev/null; }
not_alive() { ! alive "$1"; }

# run_for NAME SECONDS ARGS...: `run` in the background, waited for at most SECONDS;
# sets RC (124 and a failure when the deadline passed)
run_for() {
    local name=$1 secs=$2
    shift 2
    "$BIN" run --no-progress --dlq "$T/$name.db" "$@" 2>"$T/$name.run" &
    local rp=$!
    PIDS+=("$rp")
    if until_true "$secs" not_alive "$rp"; then
        wait "$rp"
        RC=$?
    else
        kill -KILL "$rp" 2>/dev/null
        wait "$rp" 2>/dev/null
        RC=124
        bad "$name: run did not end within $secs s"
    fi
}
records() { wc -l <"$T/$1.rec" | tr -d ' '; }
has_records() { [ "$(records "$1")" -ge "$2" ]; } # has_records NAME N
dlq_show() { "$BIN" dlq show 1 --dlq "$T/$1.db" 2>&1; }

gen() { # gen N PREFIX
    python3 -c '
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"type": "track", "event": "E", "userId": "u%d" % i, "messageId": "%s-%d" % (sys.argv[2], i)}))' "$1" "$2"
}
gen 1 one >"$T/one.ndjson"
gen 5 five >"$T/five.ndjson"

# 1. Retry-After values a server may send
start_mock ra1 --fail-rate 1 --fail-status 503 --retry-after-value 1e999
run_for ra1 15 --backoff-base 0.05 --backoff-cap 0.2 --retry-window 2 --ingest-url "http://127.0.0.1:$PORT" "$T/one.ndjson"
stop_mock "$MPID"
n=$(records ra1)
echo "Retry-After 1e999: $n requests in a 2 s window (rc=$RC)"
check "1e999: no storm (2..60 requests, got $n)" '[ "$n" -ge 2 ] && [ "$n" -le 60 ]'
check "1e999: dead-lettered when the window closed" 'dlq_show ra1 | grep -q "retries_exhausted"'
check "1e999: the value is named as ignored" 'dlq_show ra1 | grep -q "1e999. not understood"'

start_mock ra2 --fail-rate 1 --fail-status 503 --retry-after-value 99999999999999999999
t0=$(date +%s%N)
run_for ra2 15 --backoff-base 0.05 --backoff-cap 0.2 --retry-window 60 --ingest-url "http://127.0.0.1:$PORT" "$T/one.ndjson"
el=$((($(date +%s%N) - t0) / 1000000))
stop_mock "$MPID"
echo "Retry-After 20 nines: $(records ra2) request(s), run took $el ms"
check "20 nines: one request" '[ "$(records ra2)" -eq 1 ]'
check "20 nines: ended at once, not after the 60 s window ($el ms)" '[ "$el" -lt 5000 ]'
check "20 nines: exhausted, the server's value in the message" \
    'dlq_show ra2 | grep -q "retries_exhausted" && dlq_show ra2 | grep -q "Retry-After: 99999999999999999999"'

# 2. options out of range are refused at start, naming the option
start_mock opt
for v in -1 0 nan 1e9; do
    run_for "opt$v" 10 --backoff-base "$v" --ingest-url "http://127.0.0.1:$PORT" "$T/one.ndjson"
    check "backoff-base $v refused (rc=$RC)" \
        '[ "$RC" -ne 0 ] && grep -q "backoff_base_s must be between 0.001 and 3600" "$T/opt$v.run"'
done
run_for optcap 10 --backoff-cap -5 --ingest-url "http://127.0.0.1:$PORT" "$T/one.ndjson"
check "backoff-cap -5 refused" '[ "$RC" -ne 0 ] && grep -q "backoff_cap_s must be between" "$T/optcap.run"'
stop_mock "$MPID"
check "no request was sent with a bad option" '[ "$(records opt)" -eq 0 ]'

# 3. endpoints that cannot work: final at once (the default window is 4 h)
i=0
for url in "htp://127.0.0.1:9" "http://127.0.0.1:99999" "http://[::1"; do
    i=$((i + 1))
    run_for "ep$i" 15 --ingest-url "$url" "$T/one.ndjson"
    check "endpoint $url: ended at once, dead-lettered as not retried" \
        'dlq_show ep$i | grep -q "not retried" && dlq_show ep$i | grep -Eq "attempts: +1\b"'
done

# 4. a redirect is final and not followed
start_mock target
TPORT=$PORT
TPID=$MPID
start_mock redir --redirect "http://127.0.0.1:$TPORT/v1"
run_for redir 15 --ingest-url "http://127.0.0.1:$PORT" "$T/one.ndjson"
stop_mock "$MPID"
stop_mock "$TPID"
check "redirect: one request, the target never contacted" '[ "$(records redir)" -eq 1 ] && [ "$(records target)" -eq 0 ]'
check "redirect: dead-lettered with where it pointed" 'dlq_show redir | grep -q "redirect to http://127.0.0.1:$TPORT/v1 not followed"'

# 5. a 2xx whose body is still arriving when the timeout hits (40 bytes, 100 ms each)
start_mock trickle --trickle-ms 100 --body-bytes 40
run_for trickle 30 --timeout-ms 1000 --backoff-base 0.05 --backoff-cap 0.2 --ingest-url "http://127.0.0.1:$PORT" \
    "$T/one.ndjson"
stop_mock "$MPID"
check "trickle: delivered (rc=$RC)" '[ "$RC" -eq 0 ] && grep -q "1 delivered" "$T/trickle.run"'
check "trickle: sent once ($(records trickle))" '[ "$(records trickle)" -eq 1 ]'

# 6. SIGINT while the server holds the requests: in doubt, not "never sent"
start_mock hang --hang
"$BIN" run --no-progress --dlq "$T/hang.db" --ingest-url "http://127.0.0.1:$PORT" "$T/five.ndjson" 2>"$T/hang.run" &
RP=$!
PIDS+=("$RP")
if until_true 10 has_records hang 5; then ok; else bad "hang: the 5 requests did not arrive"; fi
kill -INT "$RP"
if until_true 15 not_alive "$RP"; then
    wait "$RP"
    RC=$?
else
    bad "hang: run did not stop on SIGINT"
    RC=124
fi
stop_mock "$MPID"
n=$("$BIN" dlq list --dlq "$T/hang.db" --reason interrupted --limit 100 | grep -c " interrupted " || true)
check "hang: exit 130 (rc=$RC)" '[ "$RC" -eq 130 ]'
check "hang: 5 dead letters ($n)" '[ "$n" -eq 5 ]'
check "hang: marked as may have arrived" 'dlq_show hang | grep -q "interrupted while in flight: may have arrived"'

# 7. a long API key goes out whole
KEY600=$(head -c 600 /dev/zero | tr '\0' 'k')
start_mock longkey --api-key "$KEY600"
ENCHARGE_API_KEY=$KEY600 run_for longkey 15 --ingest-url "http://127.0.0.1:$PORT" "$T/five.ndjson"
stop_mock "$MPID"
check "600-byte key: delivered (rc=$RC)" '[ "$RC" -eq 0 ] && grep -q "5 delivered" "$T/longkey.run"'

# 8. a 5 MB response body
start_mock huge --body-bytes 5000000
run_for huge 30 --ingest-url "http://127.0.0.1:$PORT" "$T/five.ndjson"
stop_mock "$MPID"
check "5 MB bodies: delivered (rc=$RC)" '[ "$RC" -eq 0 ] && grep -q "5 delivered" "$T/huge.run"'

# 9. memory: at 50 ms the pending jobs reach run's cap (8,192) either way; three
#    times the events (of sizes that vary) must not need much more memory
gen_sizes() { # gen_sizes N: events with properties of 0..1,500 bytes
    python3 -c '
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"type": "track", "event": "E", "userId": "u%d" % i, "messageId": "m-%d" % i,
                      "properties": {"pad": "x" * (i * 7919 % 1500)}}))' "$1"
}
peak_rss() { # peak_rss NAME N: KiB
    gen_sizes "$2" >"$T/$1.ndjson"
    start_mock "$1" --latency-ms 50
    /usr/bin/time -f %M -o "$T/$1.rss" "$BIN" run --no-progress --max-inflight 256 --dlq "$T/$1.db" \
        --ingest-url "http://127.0.0.1:$PORT" "$T/$1.ndjson" 2>"$T/$1.run"
    stop_mock "$MPID"
    tail -1 "$T/$1.rss"
}
r1=$(peak_rss mem1 10000)
r3=$(peak_rss mem3 30000)
echo "memory at 50 ms: 10,000 events peak RSS $r1 KiB, 30,000 events $r3 KiB"
check "memory: 30,000 events within 8 MiB of 10,000" '[ "$r3" -le $((r1 + 8192)) ]'
check "memory: all delivered" 'grep -q "30000 delivered" "$T/mem3.run"'

echo "misbehaving integration: $pass passed, $fails failed"
[ "$fails" -eq 0 ]

#!/usr/bin/env bash
# Integration: `run` against servers that misbehave (build/encharge-mock with its
# misbehaviour options) and against endpoints or options that cannot work — the
# delivery half of the hardening work. Each scenario has its own directory and
# stand-in (lib.sh); every wait is on an observable condition with a deadline,
# and a deadline passed is a failure.
#   retry-after  Retry-After 1e999 / 20 nines: no request storm; beyond the window ends at once
#   options      out-of-range or malformed options and config values: refused at start, named
#   endpoints    malformed endpoints (htp://, port 99999, http://[::1): refused at start
#   redirect     redirects are not followed
#   trickle      a 2xx whose body trickles past the timeout: delivered, sent once
#   drain        the first SIGINT lets what is in flight finish, dead-letters only what was never sent
#   abort        a second SIGINT stops at once: what was in flight is marked as may have arrived
#   longkey      an API key of 600 bytes goes out whole
#   huge         a 5 MB response body
#   memory       memory bounded by the jobs alive, not by the work
#   outputs      stderr a closed pipe; the store's disk full (a file-size limit); stderr full too
#
#   bash tests/integration/misbehaving.sh [SCENARIO...]    none: all; --list: the names
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/lib.sh"
lib_setup
export ENCHARGE_API_KEY=test-api-key

# stand_in NAME [flags...]: the stand-in recording to $T/NAME.rec; MOCK_PID, PORT, URL
stand_in() {
    local name=$1
    shift
    : >"$T/$name.rec"
    start_mock "$T/$name" --record "$T/$name.rec" --seed 7 "$@"
}

# run_for NAME SECONDS ARGS...: `run` waited for at most SECONDS (a failure past it); RC
run_for() {
    local name=$1 secs=$2
    shift 2
    run_within "$secs" "run $name" -e "$T/$name.run" "$BIN" run --no-progress --dlq "$T/$name.db" "$@"
}
records() { count_lines "$T/$1.rec"; }
dlq_show() { "$BIN" dlq show 1 --dlq "$T/$1.db" 2>&1; }

gen() { # gen N PREFIX
    python3 -c '
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"type": "track", "event": "E", "userId": "u%d" % i, "messageId": "%s-%d" % (sys.argv[2], i)}))' "$1" "$2"
}
one() { gen 1 one >"$T/one.ndjson"; }
five() { gen 5 five >"$T/five.ndjson"; }

SCENARIOS=(retry-after options endpoints redirect trickle drain abort longkey huge memory outputs)

# Retry-After values a server may send
scenario_retry_after() {
    local n t0 el
    one
    stand_in ra1 --fail-rate 1 --fail-status 503 --retry-after-value 1e999 || return
    run_for ra1 15 --backoff-base 0.05 --backoff-cap 0.2 --retry-window 2 --ingest-url "$URL" "$T/one.ndjson"
    stop_mock
    n=$(records ra1)
    echo "Retry-After 1e999: $n requests in a 2 s window (rc=$RC)"
    check "1e999: no storm (2..60 requests, got $n)" '[ "$n" -ge 2 ] && [ "$n" -le 60 ]'
    check "1e999: dead-lettered when the window closed" 'dlq_show ra1 | grep -q "retries_exhausted"'
    check "1e999: the value is named as ignored" 'dlq_show ra1 | grep -q "1e999. not understood"'

    stand_in ra2 --fail-rate 1 --fail-status 503 --retry-after-value 99999999999999999999 || return
    _now; t0=$_NOW
    run_for ra2 15 --backoff-base 0.05 --backoff-cap 0.2 --retry-window 60 --ingest-url "$URL" "$T/one.ndjson"
    _now; el=$((_NOW - t0))
    stop_mock
    echo "Retry-After 20 nines: $(records ra2) request(s), run took $el ms"
    check "20 nines: one request" '[ "$(records ra2)" -eq 1 ]'
    check "20 nines: ended at once, not after the 60 s window ($el ms)" '[ "$el" -lt 5000 ]'
    check "20 nines: exhausted, the server's value in the message" \
        'dlq_show ra2 | grep -q "retries_exhausted" && dlq_show ra2 | grep -q "Retry-After: 99999999999999999999"'
}

# options and config values out of range, or not numbers, are refused at start, naming them
scenario_options() {
    local v
    one
    stand_in opt || return
    for v in -1 0 nan 1e9; do
        run_for "opt$v" 10 --backoff-base "$v" --ingest-url "$URL" "$T/one.ndjson"
        check "backoff-base $v refused (rc=$RC)" \
            '[ "$RC" -eq 2 ] && grep -q -- "--backoff-base must be a number between 0.001 and 3600" "$T/opt$v.run"'
    done
    run_for optcap 10 --backoff-cap -5 --ingest-url "$URL" "$T/one.ndjson"
    check "backoff-cap -5 refused" '[ "$RC" -eq 2 ] && grep -q -- "--backoff-cap must be a number between" "$T/optcap.run"'
    for v in abc 12x "" 0 99999999999999999999; do
        run_for optin 10 --max-inflight "$v" --ingest-url "$URL" "$T/one.ndjson"
        check "max-inflight '$v' refused (rc=$RC)" \
            '[ "$RC" -eq 2 ] && grep -q -- "--max-inflight must be a whole number between 1 and 4096" "$T/optin.run"'
    done
    run_for optto 10 --timeout-ms 1e3 --ingest-url "$URL" "$T/one.ndjson"
    check "timeout-ms 1e3 refused" '[ "$RC" -eq 2 ] && grep -q -- "--timeout-ms must be a whole number" "$T/optto.run"'
    printf 'return { delivery = { retry_window_s = -1 } }\n' >"$T/bad.lua"
    run_for optcfg 10 --config "$T/bad.lua" --ingest-url "$URL" "$T/one.ndjson"
    check "config delivery.retry_window_s -1 refused, named" \
        '[ "$RC" -ne 0 ] && grep -q "delivery.retry_window_s must be a number between 0 and 31536000" "$T/optcfg.run"'
    printf 'return { delivery = { max_inflight = "lots" } }\n' >"$T/bad2.lua"
    run_for optcfg2 10 --config "$T/bad2.lua" --ingest-url "$URL" "$T/one.ndjson"
    check "config delivery.max_inflight as a string refused, named" \
        '[ "$RC" -ne 0 ] && grep -q "delivery.max_inflight must be a whole number between 1 and 4096" "$T/optcfg2.run"'
    stop_mock
    check "no request was sent with a bad option" '[ "$(records opt)" -eq 0 ]'
}

# endpoints that cannot work: refused at start, before any event is read
scenario_endpoints() {
    local url i=0
    one
    for url in "htp://127.0.0.1:9" "http://127.0.0.1:99999" "http://[::1" "ftp://127.0.0.1/"; do
        i=$((i + 1))
        run_for "ep$i" 15 --ingest-url "$url" "$T/one.ndjson"
        check "endpoint $url: refused at start, nothing opened (rc=$RC)" \
            '[ "$RC" -ne 0 ] && grep -q "ingest endpoint" "$T/ep$i.run" && [ ! -e "$T/ep$i.db" ]'
    done
    run_for epapi 15 --api-url "http://[::1" "$T/one.ndjson"
    check "api endpoint http://[::1: refused at start" '[ "$RC" -ne 0 ] && grep -q "api endpoint" "$T/epapi.run"'
}

# a redirect is final and not followed
scenario_redirect() {
    local tport tpid
    one
    stand_in target || return
    tport=$PORT
    tpid=$MOCK_PID
    stand_in redir --redirect "http://127.0.0.1:$tport/v1" || return
    run_for redir 15 --ingest-url "$URL" "$T/one.ndjson"
    stop_mock
    stop_pid "$tpid"
    check "redirect: one request, the target never contacted" '[ "$(records redir)" -eq 1 ] && [ "$(records target)" -eq 0 ]'
    check "redirect: dead-lettered with where it pointed" 'dlq_show redir | grep -q "redirect to http://127.0.0.1:$tport/v1 not followed"'
}

# a 2xx whose body is still arriving when the timeout hits (40 bytes, 100 ms each)
scenario_trickle() {
    one
    stand_in trickle --trickle-ms 100 --body-bytes 40 || return
    run_for trickle 30 --timeout-ms 1000 --backoff-base 0.05 --backoff-cap 0.2 --ingest-url "$URL" "$T/one.ndjson"
    stop_mock
    check "trickle: delivered (rc=$RC)" '[ "$RC" -eq 0 ] && grep -q "1 delivered" "$T/trickle.run"'
    check "trickle: sent once ($(records trickle))" '[ "$(records trickle)" -eq 1 ]'
}

# run_signalled NAME N ARGS...: `run` on $T/NAME.ndjson in the background; once the stand-in
# has recorded WANT (global) requests, SIGINT; when N is 2, a second SIGINT once run has said
# it is finishing what is in flight; waited for; RC
run_signalled() {
    local name=$1 n=$2
    shift 2
    spawn "run $name" -e "$T/$name.run" "$BIN" run --no-progress --dlq "$T/$name.db" "$@" "$T/$name.ndjson"
    local rp=$BG_PID
    wait_lines "$T/$name.rec" "$WANT" 15 || { stop_pid "$rp" 5 KILL; RC=124; return 1; }
    kill -INT "$rp"
    if [ "$n" -eq 2 ]; then
        wait_line "$T/$name.run" "^run: interrupted: finishing" 10 && kill -INT "$rp"
    fi
    wait_exit "$rp" 20
    RC=$EXIT_RC
}

# the first SIGINT: no more input; the requests in flight finish (the server answers them
# after 300 ms) and are delivered; what was never sent is dead-lettered as interrupted
scenario_drain() {
    local n
    gen 400 dr >"$T/drain.ndjson"
    stand_in drain --latency-ms 300 || return
    WANT=8
    run_signalled drain 1 --no-adaptive --max-inflight 8 --ingest-url "$URL"
    stop_mock
    n=$("$BIN" dlq list --dlq "$T/drain.db" --limit 1000 | grep -c " interrupted " || true)
    check "drain: exit 130 (rc=$RC)" '[ "$RC" -eq 130 ]'
    check "drain: the 8 in flight delivered" 'grep -q "8 delivered" "$T/drain.run" || grep -Eq "received [0-9]+ events: ([89]|1[0-9]) delivered" "$T/drain.run"'
    check "drain: nothing marked as may have arrived" '! "$BIN" dlq list --dlq "$T/drain.db" --limit 1000 | grep -q "interrupted_in_flight"'
    check "drain: every request the server got is not in the store (recorded $(records drain), dead $n)" \
        '[ $(( $(records drain) + n )) -le 400 ] && [ "$n" -ge 1 ]'
    check "drain: said what it does" 'grep -q "^run: interrupted: finishing" "$T/drain.run"'
}

# a second SIGINT (or a server that holds the requests until the drain gives up): what was
# in flight is dead-lettered as interrupted_in_flight, "may have arrived"
scenario_abort() {
    local n
    gen 5 hang >"$T/hang.ndjson"
    stand_in hang --hang || return
    WANT=5
    run_signalled hang 2 --ingest-url "$URL" --timeout-ms 20000
    stop_mock
    n=$("$BIN" dlq list --dlq "$T/hang.db" --reason interrupted_in_flight --limit 100 | grep -c " interrupted_in_flight " || true)
    check "abort: exit 130 (rc=$RC)" '[ "$RC" -eq 130 ]'
    check "abort: 5 dead letters in flight ($n)" '[ "$n" -eq 5 ]'
    check "abort: marked as may have arrived" 'dlq_show hang | grep -q "interrupted while in flight: may have arrived"'

    stand_in hang2 --hang || return
    cp "$T/hang.ndjson" "$T/hang2.ndjson"
    run_signalled hang2 1 --ingest-url "$URL" --timeout-ms 1000
    stop_mock
    n=$("$BIN" dlq list --dlq "$T/hang2.db" --reason interrupted_in_flight --limit 100 | grep -c " interrupted_in_flight " || true)
    check "abort: one SIGINT, a server that never answers: ended within the timeout, 5 in doubt ($n, rc=$RC)" \
        '[ "$RC" -eq 130 ] && [ "$n" -eq 5 ]'
}

# a long API key goes out whole
scenario_longkey() {
    local key
    five
    key=$(head -c 600 /dev/zero | tr '\0' 'k')
    stand_in longkey --api-key "$key" || return
    ENCHARGE_API_KEY=$key run_for longkey 15 --ingest-url "$URL" "$T/five.ndjson"
    stop_mock
    check "600-byte key: delivered (rc=$RC)" '[ "$RC" -eq 0 ] && grep -q "5 delivered" "$T/longkey.run"'
}

# a 5 MB response body
scenario_huge() {
    five
    stand_in huge --body-bytes 5000000 || return
    run_for huge 30 --ingest-url "$URL" "$T/five.ndjson"
    stop_mock
    check "5 MB bodies: delivered (rc=$RC)" '[ "$RC" -eq 0 ] && grep -q "5 delivered" "$T/huge.run"'
}

# memory: at 50 ms the pending jobs reach run's cap (16 per request in flight, 4,096 here) either way; three times the
# events (of sizes that vary) must not need much more memory
gen_sizes() { # gen_sizes N: events with properties of 0..1,500 bytes
    python3 -c '
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"type": "track", "event": "E", "userId": "u%d" % i, "messageId": "m-%d" % i,
                      "properties": {"pad": "x" * (i * 7919 % 1500)}}))' "$1"
}
peak_rss() { # peak_rss NAME N: RSS=KiB
    gen_sizes "$2" >"$T/$1.ndjson"
    stand_in "$1" --latency-ms 50 || return
    run_within 120 "run $1" -e "$T/$1.run" /usr/bin/time -f %M -o "$T/$1.rss" "$BIN" run --no-progress \
        --max-inflight 256 --dlq "$T/$1.db" --ingest-url "$URL" "$T/$1.ndjson"
    stop_mock
    RSS=$(tail -1 "$T/$1.rss")
}
scenario_memory() {
    local r1 r3
    peak_rss mem1 10000 || return
    r1=$RSS
    peak_rss mem3 30000 || return
    r3=$RSS
    echo "memory at 50 ms: 10,000 events peak RSS $r1 KiB, 30,000 events $r3 KiB"
    # (under a sanitizer, freed memory is held in quarantine: the figures are shown, not judged)
    if [ -z "${SANITIZED:-}" ]; then
        check "memory: 30,000 events within 8 MiB of 10,000" '[ "$r3" -le $((r1 + 8192)) ]'
    fi
    check "memory: all delivered" 'grep -q "30000 delivered" "$T/mem3.run"'
}

# the messageIds of the events in store DB and in stderr file ERR, one per line, sorted, unique
kept_ids() {
    python3 - "$1" "$2" <<'PY'
import json, os, re, sqlite3, sys
ids = set()
if os.path.exists(sys.argv[1]):
    for (ev,) in sqlite3.connect(sys.argv[1]).execute("select event from dlq"):
        ids.add(json.loads(ev)["messageId"])
for line in open(sys.argv[2], errors="replace"):
    if line.startswith('{"type"'):
        ids.add(json.loads(line)["messageId"])
print("\n".join(sorted(ids)))
PY
}

scenario_outputs() {
    local rc
    python3 -c '
import json
for i in range(300):
    print(json.dumps({"type": "track", "event": "E", "userId": "u%d" % i, "messageId": "full-%d" % i,
                      "properties": {"pad": "x" * 2000}}))' >"$T/full.ndjson"
    stand_in pipe || return
    # stderr: a pipe nobody reads (its read end closed before run starts)
    rc=$(timeout 60 python3 -c '
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
print(subprocess.run(sys.argv[1:], stderr=w, stdin=subprocess.DEVNULL).returncode)' \
        "$BIN" run --no-progress --dlq "$T/pipe.db" --ingest-url "$URL" "$T/full.ndjson")
    stop_mock
    check "stderr a closed pipe: no death by SIGPIPE, all delivered (rc=$rc, $(records pipe) requests)" \
        '[ "$rc" = 0 ] && [ "$(records pipe)" -eq 300 ]'

    # the store's disk fills up (a 100 KiB file-size limit; stderr a pipe, which it does not
    # limit): the cause is said, each event is on stderr
    stand_in full --fail-rate 1 --fail-status 400 || return
    (ulimit -f 200 && exec "$BIN" run --no-progress --dlq "$T/full.db" --ingest-url "$URL" "$T/full.ndjson") \
        2>&1 >/dev/null | cat >"$T/full.run"
    rc=${PIPESTATUS[0]}
    check "disk full: exit 1 (rc=$rc)" '[ "$rc" -eq 1 ]'
    check "disk full: the cause is said" 'grep -Eq "dead-letter store: .*(full|I/O error)" "$T/full.run"'
    check "disk full: the cause is not overwritten" '! grep -q "no batch is open" "$T/full.run"'
    check "disk full: every event kept, in the store or on stderr ($(kept_ids "$T/full.db" "$T/full.run" | wc -l))" \
        '[ "$(kept_ids "$T/full.db" "$T/full.run" | wc -l)" -eq 300 ]'

    # and stderr full too: run stops taking input, exit 3
    (ulimit -f 200 && exec "$BIN" run --no-progress --dlq "$T/full2.db" --ingest-url "$URL" "$T/full.ndjson") \
        2>/dev/full
    rc=$?
    stop_mock
    check "disk and stderr full: exit 3 (rc=$rc)" '[ "$rc" -eq 3 ]'
}

run_scenarios misbehaving "$@"

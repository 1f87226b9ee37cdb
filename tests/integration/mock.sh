#!/usr/bin/env bash
# Integration: build/encharge-mock, the local stand-in for Encharge's API.
# Starts the mock on port 0 (reads the port from its first stdout line) and
# drives it with curl: endpoints, auth, bad bodies, routing, the recording,
# fault injection, clean shutdown. Every process started here is stopped by pid.
#
#   bash tests/integration/mock.sh [SCENARIO...]    none: all; --list: the names
# Each scenario has its own directory and stand-in (lib.sh).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/lib.sh"
MOCK=$(abs_path "${MOCK:-build/encharge-mock}")
KEY=secret-key-9f8e7d6c5b4a

# mock NAME ARGS...: the stand-in; MOCK_PID, URL; stdout/stderr in $T/NAME.out/.err
mock() {
    local name=$1
    shift
    start_mock "$T/$name" "$@"
}
# stop SIGNAL: signals the stand-in, waits for it (TERM, then KILL after 10 s), sets RC
stop() {
    stop_mock "$1" 10
    RC=$STOP_RC
}

# req OUT ARGS...: curl, body to $T/OUT.body, headers to $T/OUT.hdr; prints the status
req() {
    local out=$1
    shift
    curl -sS -g --max-time 5 -o "$T/$out.body" -D "$T/$out.hdr" -w '%{http_code}' "$@" 2>"$T/$out.curlerr"
}
body() { cat "$T/$1.body" 2>/dev/null; }
auth=(-H "X-Encharge-Token: $KEY")
json=(-H "Content-Type: application/json")

SCENARIOS=(endpoints failures drop ratelimit latency seed usage)

# 1. endpoints, auth, bodies, routing, recording
scenario_endpoints() {
    local REC code conns huge port nreq rec_ok
    REC=$T/rec.ndjson
    mock main --api-key "$KEY" --record "$REC" || return

    code=$(req track "${auth[@]}" "${json[@]}" -d '{"type":"track","event":"Signed Up","user":{"email":"a@b.co"}}' "$URL/v1")
    expect_eq "POST /v1 status" "$code" 200
    expect_eq "POST /v1 body" "$(body track)" '{"success":true}'
    check "POST /v1 content-type" grep -qi '^content-type: application/json' "$T/track.hdr"

    code=$(req pretty "${auth[@]}" "${json[@]}" --data-binary $'{\n  "type": "identify",\n  "n": 1.50,\n  "s": "a b\\n"\n}' "$URL/v1")
    expect_eq "POST /v1 pretty JSON" "$code" 200
    code=$(req addtag "${auth[@]}" "${json[@]}" -d '{"tag":"vip","email":"a@b.co"}' "$URL/v1/tags")
    expect_eq "POST /v1/tags" "$code" 200
    code=$(req rmtag "${auth[@]}" "${json[@]}" -X DELETE -d '{"tag":"vip","email":"a@b.co"}' "$URL/v1/tags")
    expect_eq "DELETE /v1/tags" "$code" 200
    expect_eq "DELETE /v1/tags body" "$(body rmtag)" '{"success":true}'
    code=$(req deluser "${auth[@]}" -X DELETE "$URL/v1/people?people[0][userId]=u%201")
    expect_eq "DELETE /v1/people userId" "$code" 200
    code=$(req delanon "${auth[@]}" -X DELETE "$URL/v1/people?people[0][segmentAnonymousId]=anon-1")
    expect_eq "DELETE /v1/people segmentAnonymousId" "$code" 200
    code=$(req delnone "${auth[@]}" -X DELETE "$URL/v1/people")
    expect_eq "DELETE /v1/people without people[0]" "$code" 400
    code=$(req info "${auth[@]}" "$URL/v1/accounts/info")
    expect_eq "GET /v1/accounts/info" "$code" 200
    expect_eq "accounts/info body" "$(body info)" '{"account":{"id":1,"name":"Local stand-in"}}'
    code=$(req schemas "${auth[@]}" "$URL/schemas")
    expect_eq "GET /schemas" "$code" 200
    expect_eq "schemas body" "$(body schemas)" '{"objects":[{"name":"company","displayNameSingular":"Company"}]}'

    code=$(req wrongkey -H "X-Encharge-Token: wrong-key-5a5a5a" "${json[@]}" -d '{"a":1}' "$URL/v1")
    expect_eq "wrong token" "$code" 401
    expect_eq "wrong token body" "$(body wrongkey)" '{"error":"Invalid token"}'
    code=$(req nokey "$URL/v1/accounts/info")
    expect_eq "missing token" "$code" 401
    code=$(req badjson "${auth[@]}" "${json[@]}" -d '{"a":' "$URL/v1")
    expect_eq "invalid JSON" "$code" 400
    expect_eq "invalid JSON body" "$(body badjson)" '{"error":"Invalid JSON"}'
    code=$(req nobody "${auth[@]}" -X POST "$URL/v1/tags")
    expect_eq "POST without body" "$code" 400
    code=$(req array "${auth[@]}" "${json[@]}" -d '[1,2]' "$URL/v1")
    expect_eq "JSON that is not an object" "$code" 400
    code=$(req notfound "${auth[@]}" "$URL/v2/nothing")
    expect_eq "unknown path" "$code" 404
    code=$(req slash "${auth[@]}" "${json[@]}" -d '{}' "$URL/v1/")
    expect_eq "trailing slash is another path" "$code" 404
    code=$(req getv1 "${auth[@]}" "$URL/v1")
    expect_eq "GET /v1" "$code" 405
    check "405 names the allowed methods" grep -qi '^allow: POST' "$T/getv1.hdr"
    code=$(req postinfo "${auth[@]}" "${json[@]}" -d '{}' "$URL/v1/accounts/info")
    expect_eq "POST /v1/accounts/info" "$code" 405

    # chunked upload arrives in pieces
    head -c 300000 /dev/zero | tr '\0' 'x' >"$T/pad"
    { printf '{"type":"track","pad":"'; cat "$T/pad"; printf '"}'; } >"$T/chunked.json"
    code=$(req chunked "${auth[@]}" "${json[@]}" -H "Transfer-Encoding: chunked" --data-binary @"$T/chunked.json" "$URL/v1")
    expect_eq "chunked upload" "$code" 200
    # over the 4 MiB limit: 413, with and without a length
    head -c 5000000 /dev/zero | tr '\0' 'a' >"$T/big"
    code=$(req big "${auth[@]}" "${json[@]}" --data-binary @"$T/big" "$URL/v1")
    expect_eq "body over the limit" "$code" 413
    code=$(req bigchunked "${auth[@]}" "${json[@]}" -H "Transfer-Encoding: chunked" --data-binary @"$T/big" "$URL/v1")
    expect_eq "chunked body over the limit" "$code" 413

    # keep-alive: the second request reuses the connection
    conns=$(curl -sS -o /dev/null -o /dev/null -w '%{num_connects} ' "${auth[@]}" "$URL/schemas" "$URL/schemas")
    expect_eq "keep-alive" "$conns" "1 0 "

    # bad input does not take it down: huge header, garbage request line, early close
    huge=$(head -c 100000 /dev/zero | tr '\0' 'h')
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "X-Huge: $huge" "${auth[@]}" "$URL/schemas")
    check "huge header rejected with 4xx (got $code)" test "${code:0:1}" = 4
    port=${URL##*:}
    (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GARBAGE \x01\x02\r\n\r\n' >&3 && timeout 2 cat <&3 >/dev/null) 2>/dev/null
    (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'POST /v1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a' >&3) 2>/dev/null
    code=$(req alive "${auth[@]}" "$URL/schemas")
    expect_eq "still serving after bad input" "$code" 200
    nreq=24 # requests above that reach the handler (not the huge header, garbage or the cut-off upload)

    stop TERM
    expect_eq "SIGTERM exit status" "$RC" 0
    check "summary on stderr" grep -q 'requests' "$T/main.err"
    check "key not on stdout/stderr" bash -c "! grep -q -- '$KEY' '$T/main.out' '$T/main.err'"

    # the recording: valid NDJSON, complete, no token
    rec_ok=0
    python3 - "$REC" "$KEY" "$nreq" >"$T/rec.check" 2>&1 <<'EOF' || rec_ok=1
import json, sys
path, key, nreq = sys.argv[1], sys.argv[2], int(sys.argv[3])
raw = open(path, 'rb').read().decode('utf-8')
errors = []
def need(cond, msg):
    if not cond: errors.append(msg)
need(key not in raw, 'the API key appears in the recording')
need('wrong-key-5a5a5a' not in raw, 'a wrong token appears in the recording')
need(raw.endswith('\n'), 'last line is not complete')
lines = [json.loads(l) for l in raw.splitlines()]
need(len(lines) == nreq, f'{len(lines)} lines, want {nreq}')
need([l.get('seq') for l in lines] == list(range(1, len(lines) + 1)), 'seq is not 1..N')
for l in lines:
    fields = ['seq', 'method', 'path', 'query', 'headers', 'body'] + (['body_text'] if 'body_text' in l else [])
    need(list(l) == fields + ['status', 't'], f'fields of {l}')
    need(isinstance(l['t'], int) and l['t'] > 1.6e12, f't of {l}')
    need(all(k == k.lower() for k in l['headers']), f'header names not lower-case: {l["headers"]}')
    need('x-encharge-token' not in l['headers'], 'x-encharge-token recorded')
t = lines[0]
need((t['method'], t['path'], t['query'], t['status']) == ('POST', '/v1', '', 200), f'first line {t}')
need(t['body'] == {"type": "track", "event": "Signed Up", "user": {"email": "a@b.co"}}, f'body {t["body"]}')
need(t['headers'].get('content-type') == 'application/json', f'headers {t["headers"]}')
need(lines[1]['body'] == {"type": "identify", "n": 1.5, "s": "a b\n"}, f'pretty body {lines[1]}')
need(lines[3]['method'] == 'DELETE' and lines[3]['path'] == '/v1/tags' and lines[3]['body']['tag'] == 'vip',
     f'removeTag line {lines[3]}')
d = lines[4]
need((d['method'], d['path'], d['query'], d['body'], d['status']) ==
     ('DELETE', '/v1/people', 'people[0][userId]=u%201', None, 200), f'delete line {d}')
w = lines[9]
need(w['status'] == 401 and w['body'] == {"a": 1}, f'401 line {w}')
need(lines[11]['status'] == 400 and lines[11]['body'] is None and lines[11].get('body_text') == '{"a":',
     f'bad JSON line {lines[11]}')
need(any(l['status'] == 404 and l['path'] == '/v2/nothing' for l in lines), '404 not recorded')
need(any(l['status'] == 405 and l['method'] == 'GET' and l['path'] == '/v1' for l in lines), '405 not recorded')
need(sum(l['status'] == 413 for l in lines) == 2, '413s not recorded')
c = [l for l in lines if l['headers'].get('transfer-encoding') == 'chunked' and l['status'] == 200]
need(len(c) == 1 and len(c[0]['body']['pad']) == 300000, 'chunked body not recorded whole')
for e in errors: print(e)
sys.exit(1 if errors else 0)
EOF
    if [ "$rec_ok" -eq 0 ]; then ok; else bad "recording:"; cat "$T/rec.check"; fi
}

# 2. injected failures with Retry-After
scenario_failures() {
    local code
    mock fail --api-key "$KEY" --fail-rate 1 --fail-status 503 --retry-after 2 || return
    code=$(req fail "${auth[@]}" "${json[@]}" -d '{"type":"track"}' "$URL/v1")
    expect_eq "injected failure status" "$code" 503
    expect_eq "injected failure body" "$(body fail)" '{"error":"injected failure"}'
    check "Retry-After: 2" grep -qi '^retry-after: 2' "$T/fail.hdr"
    code=$(req failauth -H "X-Encharge-Token: nope" "$URL/schemas")
    expect_eq "auth is checked before injected failures" "$code" 401
    stop INT
    expect_eq "SIGINT exit status" "$RC" 0
}

# 3. dropped connections: no answer at all, recorded with status 0
scenario_drop() {
    local line
    mock drop --api-key "$KEY" --drop-rate 1 --record "$T/drop.ndjson" || return
    curl -sS --max-time 5 -o /dev/null "${auth[@]}" "${json[@]}" -d '{"type":"track"}' "$URL/v1" 2>/dev/null
    expect_eq "dropped: curl sees an empty reply" "$?" 52
    stop TERM
    expect_eq "drop: exit status" "$RC" 0
    line=$(python3 -c 'import json,sys; l=[json.loads(x) for x in open(sys.argv[1])]; print(len(l), l[0]["status"], l[0]["body"])' "$T/drop.ndjson" 2>&1)
    expect_eq "dropped request recorded" "$line" "1 0 {'type': 'track'}"
}

# 4. rate limit: a burst of 20 over one connection
scenario_ratelimit() {
    local args codes n200 n429 code
    mock rate --api-key "$KEY" --rate-limit 5 --retry-after 1 || return
    args=()
    for _ in $(seq 1 20); do args+=(-o /dev/null "$URL/schemas"); done
    codes=$(curl -sS --max-time 5 -w '%{http_code}\n' "${auth[@]}" "${args[@]}" 2>/dev/null)
    n200=$(grep -c '^200$' <<<"$codes")
    n429=$(grep -c '^429$' <<<"$codes")
    check "rate limit: 1..5 answered 200 (got $n200)" test "$n200" -ge 1 -a "$n200" -le 5
    expect_eq "rate limit: the rest 429" "$((n200 + n429))" 20
    code=$(req limited "${auth[@]}" "$URL/schemas")
    expect_eq "rate limited again" "$code" 429
    check "429 has Retry-After: 1" grep -qi '^retry-after: 1' "$T/limited.hdr"
    stop TERM
}

# 5. latency: each request waits, connections do not wait for each other
scenario_latency() {
    local took start curls wait_fail p ms
    mock slow --api-key "$KEY" --latency-ms 200 || return
    took=$(curl -sS --max-time 5 -o /dev/null -w '%{time_total}' "${auth[@]}" "$URL/schemas")
    check "latency: a request takes >= 0.2 s (took $took)" python3 -c "import sys; sys.exit(0 if float('$took') >= 0.2 else 1)"
    start=$(date +%s%N)
    curls=()
    for _ in 1 2 3 4 5 6; do
        spawn curl -e /dev/null curl -sS --max-time 5 -o /dev/null "${auth[@]}" "$URL/schemas"
        curls+=("$BG_PID")
    done
    wait_fail=0
    for p in "${curls[@]}"; do
        if ! wait_exit "$p" 10 || [ "$EXIT_RC" -ne 0 ]; then wait_fail=1; fi
    done
    ms=$((($(date +%s%N) - start) / 1000000))
    check "latency: 6 parallel requests in parallel (${ms} ms)" test "$wait_fail" -eq 0 -a "$ms" -lt 900
    stop TERM
    expect_eq "latency: exit status" "$RC" 0
}

# 6. the same seed gives the same faults (one client, one request at a time)
seq_codes() { # sets CODES (no subshell: start_mock records pids and failures)
    CODES=""
    mock "seed$1" --api-key "$KEY" --seed 42 --fail-rate 0.5 --drop-rate 0.2 || return
    local _
    for _ in $(seq 1 16); do
        CODES+="$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "${auth[@]}" "$URL/schemas")"
    done
    stop TERM
}
scenario_seed() {
    local a b
    seq_codes 1 || return
    a=$CODES
    seq_codes 2 || return
    b=$CODES
    expect_eq "same seed, same faults" "$a" "$b"
    check "seeded faults: some of each of 000, 200, 500 ($a)" \
        bash -c "grep -q 000 <<<'$a' && grep -q 200 <<<'$a' && grep -q 500 <<<'$a'"
}

# 7. bad command lines
scenario_usage() {
    # (bounded: one that started serving instead would be a failure, not a hang)
    run_within 10 "stand-in, bad port" -o /dev/null -e "$T/usage.err" "$MOCK" --port nope
    expect_eq "bad --port exits 2" "$RC" 2
    run_within 10 "stand-in, unknown option" -o /dev/null -e "$T/usage2.err" "$MOCK" --bogus=hidden-value
    expect_eq "unknown option exits 2" "$RC" 2
    check "an unknown option's value is not echoed" bash -c "! grep -q hidden-value '$T/usage2.err'"
}

run_scenarios mock "$@"

#!/usr/bin/env bash
# Delivery figures (not tests): `run` against the local stand-in on loopback.
#   1. adaptive vs fixed cap (64) at 50 ms latency: 0%, 2%, 10% random 503, and an
#      overloaded server (--rate-limit 400: 429 beyond 400 requests/s); goals: >= 85%
#      of the fixed cap's events/s at 2%, >= 75% at 10%, against the overloaded
#      server >= 80% of its capacity with <= 15% of the requests answered 429
#   2. CPU per event at 0 ms and at 50 ms latency (512 in flight at 50 ms, so that
#      the run lasts seconds); the median of 3 runs each; goal: 50 ms <= 2 x 0 ms
#   3. peak RSS of `run` for 2,000 and 20,000 events at 50 ms (the defaults: cap 64)
# Events/s is delivered events / the run's wall time, retries and their back-off
# included. Both processes share the machine's cores: compare ratios from one run.
#   bash tests/bench/deliver.sh [build/encharge-actions]   (DELIVER_EVENTS=N scales part 1)
set -euo pipefail
BIN=${1:-build/encharge-actions}
MOCK=$(dirname "$BIN")/encharge-mock
[ -x "$MOCK" ] || { echo "$MOCK: not built (make builds it)" >&2; exit 1; }
N=${DELIVER_EVENTS:-6000}
T=$(mktemp -d)
MPID=
trap '[ -n "$MPID" ] && kill "$MPID" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT

gen() { # gen N FILE: track events of varying size
    python3 -c '
import json, sys
with open(sys.argv[2], "w") as f:
    for i in range(int(sys.argv[1])):
        f.write(json.dumps({"type": "track", "event": "Order Completed", "userId": "u%d" % i, "messageId": "b-%d" % i,
                            "properties": {"orderId": "o%d" % i, "pad": "x" * (i * 7919 % 600)}}) + "\n")' "$1" "$2"
}

start_mock() {
    : >"$T/mock.out" # here, not in the background child: no port read from the last one
    "$MOCK" --port 0 --api-key bench --seed 7 "$@" >"$T/mock.out" 2>"$T/mock.err" &
    MPID=$!
    for _ in $(seq 250); do
        PORT=$(sed -n 's#^listening on http://127\.0\.0\.1:\([0-9]*\)$#\1#p' "$T/mock.out")
        [ -n "$PORT" ] && return 0
        sleep 0.02
    done
    echo "the stand-in did not start" >&2
    return 1
}
stop_mock() {
    kill -TERM "$MPID" 2>/dev/null || true
    wait "$MPID" 2>/dev/null || true
    MPID=
}

# measure FILE ARGS...: one `run`; prints "seconds cpu_seconds peak_rss_kib delivered low-high"
# (low-high: the range of the window, from run's summary)
measure() {
    local file=$1
    shift
    python3 - "$BIN" "$file" "$PORT" "$T/dlq-$RANDOM.db" "$@" <<'PY'
import os, re, resource, subprocess, sys, time
binp, events, port, db, *extra = sys.argv[1:]
env = dict(os.environ, ENCHARGE_API_KEY="bench")
t = time.time()
try:
    p = subprocess.run([binp, "run", "--no-progress", "--ingest-url", f"http://127.0.0.1:{port}", "--dlq", db, *extra, events],
                       env=env, stderr=subprocess.PIPE, text=True, timeout=120)
    err = p.stderr
except subprocess.TimeoutExpired:
    err = ""
    print("run: no end within 120 s", file=sys.stderr)
dt = time.time() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
m = re.search(r"(\d+) delivered", err)
r = re.search(r"ranged (\d+-\d+)", err)
print(f"{dt:.3f} {ru.ru_utime + ru.ru_stime:.3f} {ru.ru_maxrss} {m.group(1) if m else 0} {r.group(1) if r else '?'}")
PY
}

# answered STATUS: the share of the stand-in's requests answered STATUS -> "requests percent"
answered() {
    python3 - "$T/mock.err" "$1" <<'PY'
import re, sys
line = open(sys.argv[1]).read()
total = int(re.search(r"stopped; (\d+) request", line).group(1))
m = re.search(rf"\b{sys.argv[2]}: (\d+)", line)
bad = int(m.group(1)) if m else 0
print(total, f"{bad / total * 100:.1f}" if total else "0")
PY
}

calc() { python3 -c "print($1)"; }

echo "== machine: $(nproc) cores; libcurl $(curl-config --version 2>/dev/null | cut -d' ' -f2)"
gen "$N" "$T/n.ndjson"
M=$((N * 2 / 3))
gen "$M" "$T/m.ndjson"
RETRY=(--backoff-base 0.05 --backoff-cap 0.5)
echo "== 1. adaptive vs fixed cap 64, 50 ms latency (back-off 0.05..0.5 s)"
echo "  server                         mode      events  events/s  requests     429     503  window  result"
# one_case NAME FILE GOAL_KIND GOAL MOCK_ARGS...: adaptive then fixed, one line each
one_case() {
    local name=$1 file=$2 kind=$3 goal=$4
    shift 4
    local fixed_rate=
    for mode in fixed adaptive; do
        local flags=("${RETRY[@]}")
        [ "$mode" = fixed ] && flags+=(--no-adaptive)
        start_mock --latency-ms 50 "$@"
        read -r secs _cpu _rss del range < <(measure "$file" "${flags[@]}")
        stop_mock
        read -r total p429 < <(answered 429)
        read -r _ p503 < <(answered 503)
        local rate result=
        rate=$(calc "round($del / $secs)")
        if [ "$mode" = fixed ]; then
            fixed_rate=$rate
            [ "$kind" = capacity ] && result="$(calc "round($rate / 400 * 100)")% of capacity"
        elif [ "$kind" = fixed ]; then
            local pct
            pct=$(calc "round($rate / $fixed_rate * 100)")
            result="$pct% of fixed"
            [ -n "$goal" ] && result="$result (goal >= $goal%: $(calc "'met' if $pct >= $goal else 'NOT met'"))"
        else
            local pct
            pct=$(calc "round($rate / 400 * 100)")
            result="$pct% of capacity, $p429% 429 (goal >= $goal%, <= 15%: $(calc "'met' if $pct >= $goal and $p429 <= 15 else 'NOT met'"))"
        fi
        printf '  %-30s %-8s %7s %9s %9s %6s%% %6s%%  %6s  %s\n' "$name" "$mode" "$del" "$rate" "$total" "$p429" "$p503" \
            "$range" "$result"
    done
}
one_case "0% random 503" "$T/n.ndjson" fixed ""
one_case "2% random 503" "$T/n.ndjson" fixed 85 --fail-rate 0.02 --fail-status 503
one_case "10% random 503" "$T/n.ndjson" fixed 75 --fail-rate 0.10 --fail-status 503
one_case "overloaded (--rate-limit 400)" "$T/m.ndjson" capacity 80 --rate-limit 400

echo "== 2. CPU per event (run's user+system CPU / events; median of 3 runs)"
C=${DELIVER_CPU_EVENTS:-20000}
gen "$C" "$T/c.ndjson"
fast=() slow=() slow_secs=
for _ in 1 2 3; do
    start_mock
    read -r secs cpu _ del _ < <(measure "$T/c.ndjson")
    stop_mock
    fast+=("$(calc "$cpu / $del * 1e6")")
    start_mock --latency-ms 50
    read -r secs cpu _ del _ < <(measure "$T/c.ndjson" --max-inflight 512)
    stop_mock
    slow+=("$(calc "$cpu / $del * 1e6")")
    slow_secs="$slow_secs $secs"
done
med() { python3 -c 'import statistics, sys; print(f"{statistics.median(map(float, sys.argv[1:])):.1f}")' "$@"; }
f=$(med "${fast[@]}")
s=$(med "${slow[@]}")
echo "  0 ms:  $C events, $f us/event (runs: $(printf '%.1f ' "${fast[@]}"))"
echo "  50 ms (512 in flight): $C events in$slow_secs s, $s us/event (runs: $(printf '%.1f ' "${slow[@]}"))" \
     "= $(calc "f'{$s / $f:.2f}'") x the 0 ms figure (goal <= 2: $(calc "'met' if $s <= 2 * $f else 'NOT met'"))"

echo "== 3. peak RSS of run at 50 ms (cap 64)"
for n in 2000 20000; do
    gen "$n" "$T/r$n.ndjson"
    start_mock --latency-ms 50
    read -r secs _ rss del _ < <(measure "$T/r$n.ndjson")
    stop_mock
    echo "  $n events: peak RSS $(calc "f'{$rss / 1024:.1f}'") MiB ($del delivered in ${secs} s)"
done

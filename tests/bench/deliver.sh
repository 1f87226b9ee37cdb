#!/usr/bin/env bash
# Delivery figures (not tests): `run` against the local stand-in on loopback.
#   1. adaptive vs fixed cap (64) at 50 ms latency: 0%, 2%, 10% random 503, and an
#      overloaded server (--rate-limit 400: 429 beyond 400 requests/s)
#   2. CPU per event at 0 ms and at 50 ms latency (512 in flight at 50 ms)
#   3. peak RSS for 2,000 and 20,000 events at 50 ms
# Both processes share the machine's cores: compare ratios from one run.
#   bash tests/bench/deliver.sh [build/encharge-actions]   (DELIVER_EVENTS=N scales part 1)
set -euo pipefail
BIN=${1:-build/encharge-actions}
MOCK=$(dirname "$BIN")/encharge-mock
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
    "$MOCK" --port 0 --api-key bench "$@" >"$T/mock.out" 2>"$T/mock.err" &
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

# measure FILE ARGS...: one `run`; prints "seconds cpu_seconds peak_rss_kib delivered"
measure() {
    local file=$1
    shift
    python3 - "$BIN" "$file" "$PORT" "$T/dlq-$RANDOM.db" "$@" <<'PY'
import os, re, resource, subprocess, sys, time
binp, events, port, db, *extra = sys.argv[1:]
env = dict(os.environ, ENCHARGE_API_KEY="bench")
t = time.time()
p = subprocess.run([binp, "run", "--no-progress", "--ingest-url", f"http://127.0.0.1:{port}", "--dlq", db, *extra, events],
                   env=env, stderr=subprocess.PIPE, text=True)
dt = time.time() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
m = re.search(r"(\d+) delivered", p.stderr)
print(f"{dt:.3f} {ru.ru_utime + ru.ru_stime:.3f} {ru.ru_maxrss} {m.group(1) if m else 0}")
PY
}

# refused: the stand-in's summary -> "requests refused_fraction"
refused() {
    python3 - "$T/mock.err" "$1" <<'PY'
import re, sys
line = open(sys.argv[1]).read()
total = int(re.search(r"stopped; (\d+) request", line).group(1))
bad = int(re.search(rf"{sys.argv[2]}: (\d+)", line).group(1)) if re.search(rf"{sys.argv[2]}: (\d+)", line) else 0
print(total, f"{bad / total * 100:.1f}" if total else "0")
PY
}

echo "== machine: $(nproc) cores; libcurl $(curl-config --version 2>/dev/null | cut -d' ' -f2)"
gen "$N" "$T/n.ndjson"
echo "== 1. adaptive vs fixed cap 64, 50 ms latency, $N events (backoff 0.05..0.5 s)"
RETRY=(--backoff-base 0.05 --backoff-cap 0.5)
for p in 0 0.02 0.10; do
    declare -A rate=()
    for mode in adaptive fixed; do
        flags=("${RETRY[@]}")
        [ "$mode" = fixed ] && flags+=(--no-adaptive)
        start_mock --latency-ms 50 --fail-rate "$p" --fail-status 503
        read -r secs cpu rss del < <(measure "$T/n.ndjson" "${flags[@]}")
        stop_mock
        rate[$mode]=$(python3 -c "print(round($del / $secs))")
    done
    printf '  %3s%% random 503: adaptive %5s events/s, fixed %5s events/s: %s%% of fixed\n' \
        "$(python3 -c "print(int($p * 100))")" "${rate[adaptive]}" "${rate[fixed]}" \
        "$(python3 -c "print(round(${rate[adaptive]} / ${rate[fixed]} * 100))")"
done
M=$((N * 2 / 3))
gen "$M" "$T/m.ndjson"
for mode in adaptive fixed; do
    flags=("${RETRY[@]}")
    [ "$mode" = fixed ] && flags+=(--no-adaptive)
    start_mock --latency-ms 50 --rate-limit 400
    read -r secs cpu rss del < <(measure "$T/m.ndjson" "${flags[@]}")
    stop_mock
    read -r total pct < <(refused 429)
    printf '  overloaded (--rate-limit 400), %s: %5s events/s = %s%% of its capacity; %s requests, %s%% answered 429\n' \
        "$mode" "$(python3 -c "print(round($del / $secs))")" "$(python3 -c "print(round($del / $secs / 400 * 100))")" \
        "$total" "$pct"
done

echo "== 2. CPU per event (run's user+system CPU / events)"
C=${DELIVER_CPU_EVENTS:-20000}
gen "$C" "$T/c.ndjson"
start_mock
read -r secs cpu rss del < <(measure "$T/c.ndjson")
stop_mock
fast=$(python3 -c "print(f'{$cpu / $del * 1e6:.1f}')")
echo "  0 ms:  $del events in ${secs} s, $fast us/event"
start_mock --latency-ms 50
read -r secs cpu rss del < <(measure "$T/c.ndjson" --max-inflight 512)
stop_mock
slow=$(python3 -c "print(f'{$cpu / $del * 1e6:.1f}')")
echo "  50 ms (512 in flight): $del events in ${secs} s ($(python3 -c "print(round($del / $secs))") events/s), $slow us/event = $(python3 -c "print(f'{$slow / $fast:.2f}')") x the 0 ms figure"

echo "== 3. peak RSS at 50 ms (cap 64)"
for n in 2000 20000; do
    gen "$n" "$T/r$n.ndjson"
    start_mock --latency-ms 50
    read -r secs cpu rss del < <(measure "$T/r$n.ndjson")
    stop_mock
    echo "  $n events: peak RSS $((rss / 1024)) MiB ($del delivered in ${secs} s)"
done

#!/usr/bin/env bash
# Integration: `run` reloading when the config or a script is saved (config/watch.h), against the
# local stand-in, input from a FIFO:
#   saves      a script saved 10 times, two versions in turn, by write-and-rename and in place,
#              while events stream in; each save waited for ("run: reloaded", 5 s at most); every
#              event delivered once and mapped by one version, those sent after a reload by the new
#              one; a broken save refused, the old version delivering on; the next good save taken;
#              SIGHUP as well; the reload latency (save to "reloaded" line) printed, p50 and max
#   new-files  a script added to the config (in a directory of its own) is watched from then on,
#              and so are the fixture files beside the config and the scripts, created later
#   no-watch   --no-watch: a save changes nothing, SIGHUP still reloads
#   presets    no config: nothing to watch, nothing said about it
#
#   bash tests/integration/watch.sh [SCENARIO...]    none: all; --list: the names
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/lib.sh"
lib_setup ek_watch_SECRET
RUN_TIMEOUT=${RUN_TIMEOUT:-60}
SAVE_TIMEOUT=5 # from a save to its "run: reloaded" line (reaching it is a failure)

# script_text VERSION: a mapping script whose requests carry VERSION as the event name
script_text() {
    printf 'return function(event, settings)\n  return { type = "track", event = "%s", userId = event.userId,\n    messageId = event.messageId }\nend\n' "$1"
}
script() { script_text "$2" >"$1"; } # FILE VERSION
# save_rename FILE VERSION: written beside it, then renamed over it (vim, sed -i, IDEs)
save_rename() {
    script "$(dirname "$1")/.$(basename "$1").tmp" "$2"
    mv -f "$(dirname "$1")/.$(basename "$1").tmp" "$1"
}
# save_inplace FILE VERSION: truncated and written (the same inode)
save_inplace() {
    script_text "$2" >"$1"
}

# start_run NAME CONFIG [run flags...]: the stand-in (recording in $T/NAME.rec) and `run` on the
# FIFO $T/NAME.fifo, its stderr in $T/NAME.run; RUN_PID, and the FIFO open read-write on fd W
# (closing it ends the input)
start_run() {
    local name=$1 cfg=$2
    shift 2
    start_mock "$T/$name" --api-key "$KEY" --record "$T/$name.rec" --seed 42 || return 1
    mkfifo "$T/$name.fifo"
    spawn "run $name" -i "$T/$name.fifo" -e "$T/$name.run" "$BIN" run --no-progress --config "$cfg" \
        --ingest-url "$URL" --dlq "$T/$name.db" "$@"
    RUN_PID=$BG_PID
    exec {W}<>"$T/$name.fifo"
}
# end_run NAME: the input closed, `run` waited for (its status in RUN_RC), the stand-in stopped
end_run() {
    exec {W}>&-
    wait_exit "$RUN_PID" "$RUN_TIMEOUT"
    RUN_RC=$EXIT_RC
    stop_mock
}
# send TAG FROM TO: events TAG-FROM .. TAG-TO on the FIFO
send() {
    local i
    for ((i = $2; i <= $3; i++)); do
        printf '{"type":"track","event":"e","userId":"u","messageId":"%s-%d"}\n' "$1" "$i" >&"$W"
    done
}
# reloads FILE: the reload lines so far (accepted or refused)
reloads() { count_matches "$1" '^run: reload\(ed \| failed: \)'; }

# verify REC SPEC: every request of the recording checked against SPEC, lines of
# "PREFIX VERSION" (the messageIds PREFIX-N, N from 1, must carry VERSION; "*": either version)
# and "PREFIX COUNT" given as "#PREFIX COUNT"; prints what is wrong, and "ok N" when all is well
verify() {
    python3 - "$1" "$2" <<'PY'
import collections, json, sys
rec, spec = sys.argv[1], sys.argv[2]
want = {}     # messageId -> version ("*": v1 or v2)
for line in open(spec):
    prefix, count, version = line.split()
    for i in range(1, int(count) + 1):
        want[f"{prefix}-{i}"] = version
seen = collections.Counter()
wrong = []
for line in open(rec):
    body = json.loads(line).get("body") or {}
    mid, ev = body.get("messageId"), body.get("event")
    seen[mid] += 1
    w = want.get(mid)
    if w is None:
        wrong.append(f"unexpected request {mid}")
    elif ev not in ("v1", "v2"):
        wrong.append(f"{mid}: mapped by no version ({ev!r})")
    elif w != "*" and ev != w:
        wrong.append(f"{mid}: {ev}, want {w}")
dups = [m for m, n in seen.items() if n > 1]
missing = [m for m in want if m not in seen]
for m in dups[:5]: print(f"delivered {seen[m]} times: {m}")
for m in missing[:5]: print(f"never delivered: {m}")
for w in wrong[:5]: print(w)
if not (dups or missing or wrong): print(f"ok {len(want)}")
PY
}

# percentile of the numbers on stdin: p50 and max
latency_figures() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "p50 %d ms, max %d ms (%d saves)", v[int((NR + 1) / 2)], v[NR], NR }'
}

scenario_saves() {
    local run=$T/saves.run spec=$T/saves.spec lat=$T/latency.txt
    OK_SO_FAR=1
    script "$T/s.lua" v1
    cat >"$T/c.lua" <<'EOF'
return { mappings = { { name = "S", action = "trackEvent", subscribe = 'type = "track"', script = "s.lua" } } }
EOF
    start_run saves "$T/c.lua" || return
    wait_line "$run" "^run: watching .*c.lua and 1 script(s) for changes" 5 || return
    : >"$spec"
    # a stream in the background all along, mapped by whichever version is running
    touch "$T/feed.on"
    spawn feeder -o "$T/saves.fifo" -e "$T/feeder.err" bash -c '
        i=0
        while [ -e "$1" ]; do
            i=$((i + 1)); printf "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"messageId\":\"bg-%d\"}\n" "$i"
            sleep 0.005
        done
        echo "$i" >"$2"' feeder "$T/feed.on" "$T/feed.count"
    local feeder=$BG_PID
    send first 1 20
    echo "first 20 v1" >>"$spec"
    local i ver=v1 t0 r0
    for ((i = 1; i <= 10 && OK_SO_FAR; i++)); do
        if ((i % 2)); then ver=v2; else ver=v1; fi
        send "during$i" 1 10 # read before or after the swap: either version, but one
        echo "during$i 10 *" >>"$spec"
        r0=$(reloads "$run")
        _now
        t0=$_NOW
        if ((i % 2)); then save_rename "$T/s.lua" "$ver"; else save_inplace "$T/s.lua" "$ver"; fi
        LIB_POLL=0.005 step wait_line "$run" "^run: reload\(ed \| failed: \)" "$SAVE_TIMEOUT" $((r0 + 1))
        _now
        echo $((_NOW - t0)) >>"$lat"
        send "after$i" 1 10 # read after the reload: the new version
        echo "after$i 10 $ver" >>"$spec"
    done
    check "saves: each of the 10 saves reloaded ($(count_matches "$run" '^run: reloaded ') reload(s))" \
        '[ "$OK_SO_FAR" -eq 1 ] && [ "$(count_matches "$run" "^run: reloaded ")" -eq 10 ]'
    check "saves: generations 2 to 11, in order" \
        '[ "$(sed -n "s/^run: reloaded .*: generation \([0-9]*\), 1 subscription(s).*/\1/p" "$run" | tr "\n" " ")" = "2 3 4 5 6 7 8 9 10 11 " ]'
    # a broken save: refused, the running version (v1) goes on
    r0=$(reloads "$run")
    printf 'return function(event\n' >"$T/s.lua.tmp" && mv "$T/s.lua.tmp" "$T/s.lua"
    wait_line "$run" "^run: reload failed: " "$SAVE_TIMEOUT" && send broken 1 20
    echo "broken 20 v1" >>"$spec"
    check "saves: the broken save refused, saying why" \
        'grep -q "^run: reload failed: .*s.lua:[0-9]*: mappings\[1\] (\"S\"): .*; keeping the current mappings$" "$run"'
    # the next good save is taken
    save_inplace "$T/s.lua" v2
    wait_line "$run" "^run: reloaded .*generation 12," "$SAVE_TIMEOUT" && send fixed 1 20
    echo "fixed 20 v2" >>"$spec"
    # SIGHUP still works beside the watch
    kill -HUP "$RUN_PID"
    wait_line "$run" "^run: reloaded .*generation 13," "$SAVE_TIMEOUT" && send hup 1 20
    echo "hup 20 v2" >>"$spec" # the file did not change: the same version again
    rm -f "$T/feed.on"
    wait_exit "$feeder" 10
    end_run saves
    echo "bg $(cat "$T/feed.count" 2>/dev/null || echo 0) *" >>"$spec"
    local got
    got=$(verify "$T/saves.rec" "$spec")
    echo "saves: $(cat "$T/feed.count" 2>/dev/null) events streamed in the background, $(grep -c . "$T/saves.rec") requests in all"
    echo "saves: reload latency (save to \"run: reloaded\" line, polled every 5 ms): $(latency_figures <"$lat")"
    check "saves: exit 0 ($RUN_RC)" '[ "$RUN_RC" -eq 0 ]'
    expect_eq "saves: every event delivered once, by one version, the new one after each reload" \
        "$(head -5 <<<"$got")" "ok $(awk '{ n += $2 } END { print n }' "$spec")"
    check "saves: the summary adds up" \
        'grep -q "^run: received \([0-9]*\) events: \1 delivered, 0 filtered (no subscription), 0 dead-lettered" "$run"'
    check "saves: no API key in the log" '! grep -qF "$KEY" "$run"'
}

scenario_new_files() {
    local run=$T/nf.run r0
    mkdir "$T/more"
    script "$T/s.lua" v1
    script "$T/more/t.lua" v1
    cat >"$T/c.lua" <<'EOF'
return { mappings = { { name = "S", action = "trackEvent", subscribe = 'type = "track" and event = "e"', script = "s.lua" } } }
EOF
    start_run nf "$T/c.lua" || return
    wait_line "$run" "^run: watching .*c.lua and 1 script(s)" 5 || return
    # the script in more/ is not watched yet
    cat >"$T/c.lua" <<'EOF'
return { mappings = { { name = "S", action = "trackEvent", subscribe = 'type = "track" and event = "e"', script = "s.lua" },
                      { name = "T", action = "trackEvent", subscribe = 'type = "track" and event = "f"', script = "more/t.lua" } } }
EOF
    wait_line "$run" "^run: reloaded .*: generation 2, 2 subscription(s)" "$SAVE_TIMEOUT" || return
    save_rename "$T/more/t.lua" v2
    check "new-files: a script added to the config is watched from then on" \
        wait_line "$run" "^run: reloaded .*: generation 3, 2 subscription(s)" "$SAVE_TIMEOUT"
    printf '{"type":"track","event":"f","userId":"u","messageId":"f-1"}\n' >&"$W"
    wait_lines "$T/nf.rec" 1 10
    check "new-files: ... and its new version maps" 'grep -q "\"event\":\"v2\"" "$T/nf.rec"'
    # fixture files, created after the start: each one is a change (accepted or refused is the
    # fixtures' business)
    local f
    for f in more/t.fixtures.ndjson c.fixtures.ndjson s.fixtures.ndjson; do
        r0=$(reloads "$run")
        : >"$T/$f"
        check "new-files: $f (created) is watched" \
            wait_line "$run" "^run: reload\(ed \| failed: \)" "$SAVE_TIMEOUT" $((r0 + 1))
    done
    # no longer used: no longer watched (a negative: with t.lua watched, a reload would come
    # within ~0.1 s of its save)
    cat >"$T/c.lua" <<'EOF'
return { mappings = { { name = "S", action = "trackEvent", subscribe = 'type = "track" and event = "e"', script = "s.lua" } } }
EOF
    wait_line "$run" "^run: reloaded .*, 1 subscription(s)" "$SAVE_TIMEOUT"
    local r1 ok0
    r0=$(reloads "$run")
    save_rename "$T/more/t.lua" v1
    sleep 0.4 # a negative: a watched file would have reloaded within ~0.1 s (debounce 100 ms)
    r1=$(reloads "$run")
    ok0=$(count_matches "$run" "^run: reloaded ")
    save_rename "$T/s.lua" v2 # what is still used still is watched
    check "new-files: ... s.lua still is" wait_line "$run" "^run: reloaded " "$SAVE_TIMEOUT" $((ok0 + 1))
    end_run nf
    check "new-files: a script dropped from the config is no longer watched ($((r1 - r0)) reload(s) after its save)" \
        '[ "$r1" -eq "$r0" ]'
    check "new-files: exit 0 ($RUN_RC)" '[ "$RUN_RC" -eq 0 ]'
}

scenario_no_watch() {
    local run=$T/nw.run
    script "$T/s.lua" v1
    cat >"$T/c.lua" <<'EOF'
return { mappings = { { name = "S", action = "trackEvent", subscribe = 'type = "track"', script = "s.lua" } } }
EOF
    start_run nw "$T/c.lua" --no-watch || return
    send a 1 5
    wait_lines "$T/nw.rec" 5 10
    save_rename "$T/s.lua" v2
    # a negative: with watching on, the save would have been taken within ~0.1 s
    sleep 0.5
    send b 1 5
    wait_lines "$T/nw.rec" 10 10
    check "no-watch: a save is not taken" \
        '! grep -q "^run: reload" "$run" && [ "$(count_matches "$T/nw.rec" "\"event\":\"v1\"")" -eq 10 ]'
    kill -HUP "$RUN_PID"
    wait_line "$run" "^run: reloaded .*c.lua: generation 2, 1 subscription(s)" "$SAVE_TIMEOUT"
    send c 1 5
    wait_lines "$T/nw.rec" 15 10
    end_run nw
    check "no-watch: nothing said about watching" '! grep -q "watching" "$run"'
    check "no-watch: SIGHUP reloads: the events after it mapped by v2" \
        '[ "$(count_matches "$T/nw.rec" "\"event\":\"v2\"")" -eq 5 ] && [ "$(count_matches "$T/nw.rec" "\"messageId\":\"c-")" -eq 5 ]'
    check "no-watch: exit 0 ($RUN_RC)" '[ "$RUN_RC" -eq 0 ]'
}

scenario_presets() {
    pushd "$T" >/dev/null || return # no ./encharge.lua here: the presets
    run_within 30 "run presets" -i /dev/null -e "$T/p.run" "$BIN" run --no-progress --dlq "$T/p.db"
    popd >/dev/null || return
    check "presets: exit 0 ($RC)" '[ "$RC" -eq 0 ]'
    check "presets: nothing to watch, nothing said" '! grep -q "watch" "$T/p.run"'
}

SCENARIOS=(saves new-files no-watch presets load)
# reload under load: 2,000 events a second for LOAD_SECONDS (30) while the script is saved 20
# times, alternating v1 and v2 (write-and-rename), with no signal: every event delivered exactly
# once and marked by exactly one version; the save-to-reload latency reported (p50, max)
scenario_load() {
    local secs=${LOAD_SECONDS:-30} rate=2000
    script "$T/s.lua" v1
    printf 'return { mappings = { { name = "S", action = "trackEvent", script = "s.lua" } } }\n' >"$T/c.lua"
    start_run load "$T/c.lua" || return
    python3 - "$W" "$rate" "$secs" "$T/load.run" "$T/s.lua" "$T/load.lat" <<'PY' || bad "load: the feeder or the saves failed"
import os, sys, threading, time
fd, rate, secs, runlog, script, latfile = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), *sys.argv[4:]
out = os.fdopen(os.dup(fd), "w", buffering=1 << 16)
def feed():
    t0, n = time.monotonic(), 0
    while True:
        now = time.monotonic() - t0
        if now >= secs: break
        due = int(now * rate)
        while n < due:
            n += 1
            out.write('{"type":"track","event":"e","userId":"u","messageId":"ld-%d"}\n' % n)
        out.flush()
        time.sleep(0.002)
    out.close()
    open(latfile + ".n", "w").write(str(n))
feeder = threading.Thread(target=feed)
feeder.start()
def reloads():
    return sum(1 for l in open(runlog, errors="replace") if l.startswith("run: reloaded "))
lat = []
for i in range(20):
    time.sleep(secs / 22)
    ver = "v2" if i % 2 == 0 else "v1"
    before = reloads()
    tmp = os.path.join(os.path.dirname(script), ".s.lua.tmp")
    with open(tmp, "w") as f:
        f.write('return function(event, settings)\n  return { type = "track", event = "%s", userId = event.userId,\n'
                '    messageId = event.messageId }\nend\n' % ver)
    t = time.monotonic()
    os.rename(tmp, script)
    while reloads() == before:
        if time.monotonic() - t > 5: sys.exit("save %d: no reload within 5 s" % (i + 1))
        time.sleep(0.002)
    lat.append((time.monotonic() - t) * 1000)
feeder.join()
lat.sort()
open(latfile, "w").write("%d %.0f %.0f\n" % (len(lat), lat[len(lat) // 2], lat[-1]))
PY
    end_run load
    local n saves p50 max
    n=$(cat "$T/load.lat.n" 2>/dev/null || echo 0)
    read -r saves p50 max <"$T/load.lat" 2>/dev/null
    echo "load: $n events in ${secs} s, ${saves:-0} saves; save to reload p50 ${p50:-?} ms, max ${max:-?} ms"
    check "load: run ended with status 0 (rc=$RUN_RC)" '[ "$RUN_RC" -eq 0 ]'
    check "load: 20 reloads, no signal" '[ "$(count_matches "$T/load.run" "^run: reloaded ")" -eq 20 ]'
    local got
    got=$(python3 - "$T/load.rec" "$n" <<'PY'
import collections, json, sys
seen = collections.Counter()
versions = set()
bad = 0
for line in open(sys.argv[1]):
    b = json.loads(line)["body"]
    seen[b["messageId"]] += 1
    if b["event"] not in ("v1", "v2"): bad += 1
n = int(sys.argv[2])
missing = sum(1 for i in range(1, n + 1) if seen["ld-%d" % i] == 0)
twice = sum(1 for k, c in seen.items() if c > 1)
print("events %d, requests %d, missing %d, twice %d, unmarked %d" % (n, sum(seen.values()), missing, twice, bad))
PY
)
    echo "load: $got"
    check "load: every event delivered once, by exactly one version ($got)" \
        '[ "$got" = "events $n, requests $n, missing 0, twice 0, unmarked 0" ] && [ "$n" -ge $((rate * secs * 9 / 10)) ]'
}

run_scenarios watch "$@"

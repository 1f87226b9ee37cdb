#!/usr/bin/env bash
# Integration: scripts are guests. Hostile mapping scripts (the everyday trim on a
# 40 KB field, a `.-.-.-.-b` find, a looping xpcall handler, a looping __gc, a 1 GiB
# table, string.rep and table.concat bombs, a global cache of 1 MiB per event, rawset /
# getmetatable on libraries, _ENV, event views and required modules) run in one `run`
# beside benign scripts and presets: each fails only its own events (dead-lettered with
# its reason, naming the script), the benign ones deliver the same bodies as in a run
# without the hostile ones, `run` ends by itself, and its memory comes back down.
#
#   bash tests/integration/guests.sh [SCENARIO...]    none: all; --list: the names
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/lib.sh"
lib_setup
export ENCHARGE_API_KEY=guest-test-key
HOSTILE=(trim find xpcall gc bigtable rep concat cache poison)

# the scripts, in $T
write_scripts() {
    cat >"$T/benign.lua" <<'LUA'
local m = require "mapping"
local base = m.fields { type = m.path "$.type", userId = m.path "$.userId" }
return function(e, s)
  local f = base(e, s)
  return { type = f.type, userId = f.userId, event = "benign " .. tostring(e.event) .. " " .. string.upper("x"),
           properties = { n = e.properties and e.properties.n, t = tostring(12), s = ("%d"):format(7) } }
end
LUA
    printf '%s\n' 'local s = (" "):rep(40000) .. "x" .. (" "):rep(40000)' \
        'return function(e) for i = 1, 1000 do s:match("^%s*(.-)%s*$") end return { type = "track" } end' >"$T/trim.lua"
    printf '%s\n' 'return function(e) return { event = ("a"):rep(1e6):find(".-.-.-.-b") } end' >"$T/find.lua"
    printf '%s\n' 'return function(e) xpcall(function() while true do end end, function() while true do end end) end' \
        >"$T/xpcall.lua"
    printf '%s\n' 'return function(e) setmetatable({}, { __gc = function() while true do end end }) return {} end' \
        >"$T/gc.lua"
    printf '%s\n' 'return function(e) local t = {} for i = 1, 1e9 do t[i] = i end end' >"$T/bigtable.lua"
    printf '%s\n' 'return function(e) return { event = ("x"):rep(2^31) } end' >"$T/rep.lua"
    printf '%s\n' 'return function(e) local t = {} for i = 1, 1e5 do t[i] = ("y"):rep(1000) end' \
        '  return { event = table.concat(t):rep(100) } end' >"$T/concat.lua"
    printf '%s\n' 'cache = {}' 'return function(e) cache[#cache + 1] = ("z"):rep(1 << 20)' \
        '  return { type = "track", event = "cache", userId = e.userId } end' >"$T/cache.lua"
    cat >"$T/poison.lua" <<'LUA'
local m, enc = require "mapping", require "encharge"
rawset(getmetatable(_ENV).__index, "tostring", function() return "PWNED" end)
rawset(string, "upper", function() return "PWNED" end)
pcall(rawset, m, "path", function() return "PWNED" end)
pcall(rawset, enc, "common_fields", function() return { userId = "PWNED-preset" } end)
return function(e)
  local mt = getmetatable(e)
  if type(mt) == "table" then pcall(function() mt.__index = function() return "PWNED" end end) end
  return { type = "track", event = "poison", userId = e.userId }
end
LUA
}

# config NAME with|without: the benign script and two presets, with or without the hostile ones
write_config() {
    {
        echo 'return { mappings = {'
        if [ "$2" = with ]; then
            local h
            for h in "${HOSTILE[@]}"; do
                echo "  { name = \"$h\", action = \"trackEvent\", script = \"$h.lua\", subscribe = 'event = \"$h\"' },"
            done
        fi
        echo "  { name = \"benign\", action = \"trackEvent\", script = \"benign.lua\", subscribe = 'type = \"track\"' },"
        echo '  { name = "Identify User", action = "identifyUser" },'
        echo '  { name = "Track Page View", action = "trackPageView" },'
        echo '} }'
    } >"$T/$1.lua"
}

# events: 3 of each hostile name, then benign tracks, identifies and pages
write_events() {
    python3 - "${HOSTILE[@]}" >"$T/events.ndjson" <<'PY'
import json, sys
n = 0
def ev(**kw):
    global n
    n += 1
    kw.setdefault("userId", "u%d" % n)
    kw["messageId"] = "g-%d" % n
    kw["timestamp"] = "2026-12-01T00:00:00.000Z"
    print(json.dumps(kw))
for name in sys.argv[1:]:
    for i in range(3):
        ev(type="track", event=name, properties={"n": i})
for i in range(20):
    ev(type="track", event="plain", properties={"n": i})
    ev(type="identify", traits={"email": "u%d@x.io" % i})
    ev(type="page", name="Home", properties={"url": "https://x.io/"})
PY
}

# bodies REC: the recorded request bodies, sorted (one per line)
bodies() {
    python3 - "$1" <<'PY'
import json, sys
out = sorted(json.dumps(json.loads(l)["body"], sort_keys=True) for l in open(sys.argv[1]))
print("\n".join(out))
PY
}

SCENARIOS=(hostile limits memory)

scenario_hostile() {
    write_scripts
    write_config with-hostile with
    write_config benign-only without
    write_events
    start_mock "$T/m1" --api-key "$ENCHARGE_API_KEY" --record "$T/benign.rec" || return
    run_within 60 "run benign" -e "$T/benign.run" "$BIN" run --no-progress --config "$T/benign-only.lua" \
        --ingest-url "$URL" --dlq "$T/benign.db" "$T/events.ndjson"
    stop_mock
    check "benign-only run: exit 0 (rc=$RC)" '[ "$RC" -eq 0 ]'

    start_mock "$T/m2" --api-key "$ENCHARGE_API_KEY" --record "$T/hostile.rec" || return
    local t0 el
    _now; t0=$_NOW
    run_within 120 "run hostile" -e "$T/hostile.run" /usr/bin/time -f %M -o "$T/hostile.rss" "$BIN" run \
        --no-progress --config "$T/with-hostile.lua" --ingest-url "$URL" --dlq "$T/hostile.db" "$T/events.ndjson"
    _now; el=$((_NOW - t0))
    stop_mock
    echo "hostile run: $el ms, peak RSS $(tail -1 "$T/hostile.rss") KiB"
    check "hostile run ended by itself with status 0 (rc=$RC)" '[ "$RC" -eq 0 ]'
    # what the benign script and the presets sent is the same, byte for byte, as without the hostile ones
    bodies "$T/benign.rec" >"$T/benign.bodies"
    bodies "$T/hostile.rec" | grep -v '"event": "\(cache\|poison\)"' >"$T/hostile.bodies"
    check "benign bodies identical with and without the hostile scripts" 'cmp -s "$T/benign.bodies" "$T/hostile.bodies"'
    # (the poison script poisons its own state only: its own requests may carry PWNED)
    check "nothing poisoned reached another script's requests" '! grep -v "\"event\":\"poison\"" "$T/hostile.rec" | grep -q PWNED'
    # each hostile script failed its own events, and only those, naming itself
    local h n
    for h in trim find xpcall gc bigtable rep concat; do
        n=$(python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("select count(*) from dlq where mapping = ? and message like ?", (sys.argv[2], "%" + sys.argv[2] + ".lua%")).fetchone()[0])' \
            "$T/hostile.db" "$h")
        check "$h: its 3 events dead-lettered, naming the script ($n)" '[ "$n" -eq 3 ]'
    done
    n=$(python3 -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("select count(*) from dlq where mapping not in (\"trim\",\"find\",\"xpcall\",\"gc\",\"bigtable\",\"rep\",\"concat\",\"cache\",\"poison\")").fetchone()[0])' "$T/hostile.db")
    check "no other mapping lost an event ($n)" '[ "$n" -eq 0 ]'
    check "the dead letter names the config version that mapped it" \
        '"$BIN" dlq show 1 --dlq "$T/hostile.db" | grep -q "^generation: *1 "'
    check "limits named: budget, memory cap, __gc" \
        '"$BIN" dlq list --dlq "$T/hostile.db" --limit 100 | grep -q script_limit &&
         "$BIN" dlq show 1 --dlq "$T/hostile.db" >/dev/null'
}

# memory comes back down: a run on a FIFO takes benign events, then the hostile ones (whose
# states fill their caps and are rebuilt), then benign ones again; its RSS after is within
# 12 MiB of its RSS before (the hostile states' memory was given back; the cache script keeps its 3 MiB)
scenario_memory() {
    write_scripts
    write_config with-hostile with
    write_events
    start_mock "$T/m" --api-key "$ENCHARGE_API_KEY" --record "$T/mem.rec" || return
    mkfifo "$T/in.fifo"
    spawn "run memory" -i "$T/in.fifo" -e "$T/mem.run" "$BIN" run --no-progress --no-watch \
        --config "$T/with-hostile.lua" --ingest-url "$URL" --dlq "$T/mem.db"
    local pid=$BG_PID w before after
    exec {w}<>"$T/in.fifo"
    rss() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status"; }
    grep -v '"event": "\(trim\|find\|xpcall\|gc\|bigtable\|rep\|concat\|cache\|poison\)"' "$T/events.ndjson" >"$T/benign.ndjson"
    cat "$T/benign.ndjson" >&"$w"
    step wait_lines "$T/mem.rec" 60 30
    before=$(rss)
    grep '"event": "\(trim\|find\|xpcall\|gc\|bigtable\|rep\|concat\|cache\|poison\)"' "$T/events.ndjson" >&"$w"
    cat "$T/benign.ndjson" >&"$w"
    # 60 benign requests, 27 more for the hostile events' benign mapping, 6 from cache and poison, 60 again
    step wait_lines "$T/mem.rec" 153 60
    after=$(rss)
    exec {w}>&-
    wait_exit "$pid" 60
    stop_mock
    echo "memory: RSS $((before / 1024)) MiB before the hostile events, $((after / 1024)) MiB after"
    case $BIN in *asan*) ;; *)
        check "memory: back within 12 MiB of before ($((before / 1024)) -> $((after / 1024)) MiB)" \
            '[ "$OK_SO_FAR" -eq 1 ] && [ "$after" -le $((before + 12 * 1024)) ]' ;;
    esac
}

# limits from the config: at the top for every script, per mapping over it; the dead letter
# names the script, the limit and the value the config set; `check` refuses a bad limit
scenario_limits() {
    printf '%s\n' 'return function(e) local n = 0 for i = 1, 1e6 do n = n + i end' \
        '  return { type = "track", event = "loop " .. n, userId = e.userId } end' >"$T/loop.lua"
    cat >"$T/limits.lua" <<'LUA'
return {
  limits = { instructions = 5000 },
  mappings = {
    { name = "tight", action = "trackEvent", script = "loop.lua", subscribe = 'event = "a"' },
    { name = "roomy", action = "trackEvent", script = "loop.lua", subscribe = 'event = "b"',
      limits = { instructions = 100000000, time_ms = 5000 } },
  },
}
LUA
    printf '%s\n' '{"type":"track","event":"a","userId":"u1","messageId":"l1"}' \
        '{"type":"track","event":"b","userId":"u2","messageId":"l2"}' >"$T/l.ndjson"
    start_mock "$T/m" --api-key "$ENCHARGE_API_KEY" --record "$T/l.rec" || return
    run_within 60 "run limits" -e "$T/l.run" "$BIN" run --no-progress --config "$T/limits.lua" --ingest-url "$URL" \
        --dlq "$T/l.db" "$T/l.ndjson"
    stop_mock
    check "limits: the roomy mapping delivered" '[ "$(count_lines "$T/l.rec")" -eq 1 ] && grep -q "loop 500000500000" "$T/l.rec"'
    check "limits: the tight one dead-lettered as script_limit, naming the config's value" \
        '"$BIN" dlq show 1 --dlq "$T/l.db" | grep -q "loop.lua: script exceeded its budget of 5000 instructions" &&
         "$BIN" dlq list --dlq "$T/l.db" | grep -q " script_limit "'
    printf 'return { limits = { memory_mb = 0, tme_ms = 5 } }\n' >"$T/bad.lua"
    local out
    out=$("$BIN" check --config "$T/bad.lua" 2>&1)
    expect_contains "limits: check names a bad value" "$out" "limits.memory_mb must be a whole number between 1 and 4096"
    expect_contains "limits: check names a typo" "$out" "unknown key 'tme_ms' in limits (did you mean 'time_ms'?)"
}

run_scenarios guests "$@"

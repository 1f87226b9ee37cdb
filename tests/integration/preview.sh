#!/usr/bin/env bash
# Integration: the real binary's `preview`, configs and scripts, failure paths.
#
#   bash tests/integration/preview.sh [SCENARIO...]    none: all; --list: the names
# Each scenario has its own directory and files (lib.sh).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/lib.sh"
BIN=$(abs_path "${BIN:-build/encharge-actions}")
ROOT=$(cd "$HERE/../.." && pwd)

# the event most scenarios preview: $T/track.json
track_event() {
    cat >"$T/track.json" <<'EOF'
{"type":"track","event":"Signed Up","userId":"u1","messageId":"m1","timestamp":"2026-01-01T00:00:00Z","properties":{"plan":"pro"},"context":{"traits":{"email":"a@b.co"}}}
EOF
}
# failing scripts, line 3: a compile error ($T/syntax.lua), a runtime error ($T/raise.lua)
syntax_script() { printf 'local m = require "mapping"\nreturn function(event)\n  return {event = = 1}\nend\n' >"$T/syntax.lua"; }
raise_script() { printf 'return function(event)\n  local x = nil\n  return {event = x.name}\nend\n' >"$T/raise.lua"; }

SCENARIOS=(presets example scripts authoring config refused cases long-line)

# 1. person preview through the presets: the request, token masked
scenario_presets() {
    local out
    track_event
    out=$(ENCHARGE_API_KEY=secret-key-123456 "$BIN" preview --event "$T/track.json")
    expect_contains "preset preview" "$out" "POST https://ingest.encharge.io/v1"
    expect_contains "preset preview body" "$out" '"event": "Signed Up"'
    expect_contains "preset preview token masked" "$out" "X-Encharge-Token: *************3456"
    expect_not_contains "no secret" "$out" "secret-key-123456"
    # the event from a pipe (/dev/fd/N: it cannot seek)
    out=$(ENCHARGE_API_KEY=secret-key-123456 "$BIN" preview --event <(cat "$T/track.json") 2>&1)
    expect_contains "preset preview of --event <(cat FILE)" "$out" '"event": "Signed Up"'
    expect_not_contains "--event <(cat FILE): no seek error" "$out" "Illegal seek"
}

# 2. the worked example script
scenario_example() {
    local out
    out=$("$BIN" preview --event "$ROOT/scripts/examples/signup-event.json" --action trackEvent \
        --script "$ROOT/scripts/examples/signup.lua")
    expect_contains "example script" "$out" '"event": "Account Created"'
    expect_contains "example script upper" "$out" '"plan": "PRO"'
}

# A mapping script whose function body is $2 (printf escapes), previewed on the
# track event: the output must contain $4 (check named $3).
bad_body() {
    local out
    printf "return function(event)\n  $2\nend\n" >"$T/$1.lua"
    out=$("$BIN" preview --event "$T/track.json" --action trackEvent --script "$T/$1.lua" 2>&1)
    expect_contains "$3" "$out" "$4"
}

# 3. scripts that fail: compile error, runtime error, non-table result -> file and line, exit 1;
#    a runaway script, one that eats memory, one that reaches for io: stopped
scenario_scripts() {
    local out rc
    track_event
    syntax_script
    out=$("$BIN" preview --event "$T/track.json" --action trackEvent --script "$T/syntax.lua" 2>&1)
    rc=$?
    expect_contains "syntax error names file:line" "$out" "syntax.lua:3:"
    check "syntax error should exit non-zero" '[ "$rc" -ne 0 ]'

    raise_script
    out=$("$BIN" preview --event "$T/track.json" --action trackEvent --script "$T/raise.lua" 2>&1)
    rc=$?
    expect_contains "runtime error names file:line" "$out" "raise.lua:3:"
    expect_contains "runtime error is a ScriptError" "$out" "ScriptError"
    check "runtime error should exit 1, got $rc" '[ "$rc" -eq 1 ]'

    # name, the mapping function's body, what the output must contain
    bad_body string 'return "nope"' "non-table names file:line" "string.lua:1: the mapping function returned string"
    bad_body loop 'while true do end' "runaway script stopped" "budget"
    bad_body mem 'local t = {}\n  for i = 1, 1e9 do t[i] = string.rep("x", 1000) .. i end' "memory eater stopped by a limit" "ScriptLimitError"
    bad_body io 'return {x = io.open("/etc/passwd")}' "no io in the sandbox" "io.lua:2:"
}

# script authoring: nil declines; log() names the script and the messageId, redacts the key,
# is rate-limited; an error object is shown with its line
scenario_authoring() {
    local out
    track_event
    printf 'return { settings = { apiKey = "sk_live_SECRET_123456" } }\n' >"$T/key.lua"
    printf 'return function(e, s)\n  log("key", s.apiKey, "plan", e.properties.plan)\n  for i = 1, 50 do print(i) end\n  return nil\nend\n' >"$T/decline.lua"
    out=$("$BIN" preview --config "$T/key.lua" --event "$T/track.json" --action trackEvent --script "$T/decline.lua" 2>&1)
    expect_contains "nil declines" "$out" "the script declined this event (returned nil): nothing is sent"
    expect_contains "log names script and messageId" "$out" "[lua] $T/decline.lua messageId=m1: key"
    expect_contains "log redacts the key" "$out" "key	[redacted]	plan	pro"
    expect_not_contains "the key is never printed" "$out" "sk_live_SECRET_123456"
    check "log is rate-limited (20 lines at once)" '[ "$(grep -c "^\[lua\]" <<<"$out")" -eq 20 ]'
    printf 'return function(e)\n  error({code = 42})\nend\n' >"$T/obj.lua"
    out=$("$BIN" preview --event "$T/track.json" --action trackEvent --script "$T/obj.lua" 2>&1)
    expect_contains "error object shown with its line" "$out" "obj.lua:2: error object: {\"code\":42}"
}

# 4. a config: a failing mapping does not stop the others
scenario_config() {
    local out rc
    track_event
    raise_script
    cat >"$T/encharge.lua" <<'EOF'
return {
  settings = { apiKey = "cfg-key-0000000" },
  mappings = {
    { name = "broken", action = "trackEvent", script = "raise.lua", subscribe = 'type = "track"' },
    { name = "preset", action = "Track Event" },
    { name = "tags", action = "addTag", subscribe = 'type = "track" and properties.plan = "pro"',
      mapping = { tag = { ["@template"] = "plan-{{properties.plan}}" }, userId = { ["@path"] = "$.userId" } } },
  },
}
EOF
    out=$("$BIN" preview --config "$T/encharge.lua" --event "$T/track.json" 2>&1)
    rc=$?
    expect_contains "config: broken mapping reported" "$out" "raise.lua:3:"
    expect_contains "config: preset still maps" "$out" '"event": "Signed Up"'
    expect_contains "config: mapping-kit tag" "$out" '"tag": "plan-pro"'
    expect_contains "config: tags URL" "$out" "POST https://api.encharge.io/v1/tags"
    check "config preview with a failing mapping should exit 1, got $rc" '[ "$rc" -eq 1 ]'
}

# 5. configs refused at load, naming the entry
check_refused() { # name config-body needle
    local o r
    printf '%s\n' "$2" >"$T/bad.lua"
    o=$("$BIN" preview --config "$T/bad.lua" </dev/null 2>&1)
    r=$?
    expect_contains "$1" "$o" "$3"
    check "$1: should exit non-zero" '[ "$r" -ne 0 ]'
}
scenario_refused() {
    local many i
    syntax_script
    check_refused "unknown action" 'return { mappings = { { name = "x", action = "sendFax" } } }' 'mappings[1] ("x"): unknown action'
    check_refused "bad trigger" 'return { mappings = { { name = "t", action = "trackEvent", subscribe = "type = " } } }' 'mappings[1] ("t"): bad trigger'
    check_refused "missing script" 'return { mappings = { { name = "s", action = "trackEvent", script = "nope.lua" } } }' "mappings[1] (\"s\"): cannot open script"
    check_refused "tags need a trigger" 'return { mappings = { { name = "tg", action = "addTag" } } }' 'has no default subscription'
    many='return { mappings = { '
    for i in $(seq 51); do many+="{ action = \"trackEvent\" }, "; done
    many+='} }'
    check_refused "more than 50" "$many" "51 mappings; at most 50"
    check_refused "config that never ends" 'while true do end' "more than 100 million instructions"
    check_refused "script compile error at load" "return { mappings = { { name = \"c\", action = \"trackEvent\", script = \"$T/syntax.lua\" } } }" "syntax.lua:3:"
}

# 6. case mode: bad lines get an error line each, and the rest go on
scenario_cases() {
    local out
    printf '%s\n' '{"event":{"type":"track","event":"a"}}' 'not json' '{"event":{"type":"alias","userId":"b","previousId":"a"}}' >"$T/cases.ndjson"
    out=$("$BIN" preview <"$T/cases.ndjson" 2>/dev/null)
    check "case mode: expected 3 lines" '[ "$(wc -l <<<"$out")" -eq 3 ]'
    expect_contains "case mode bad line" "$out" '"message":"line 2: invalid JSON at byte 0'
    expect_contains "case mode continues" "$out" '"previousUserId":"a"'
}

# The peak resident memory (KiB) of CMD with stdin from IN and stdout to OUT, on
# stdout; CMD's exit status in OUT.rc. Killed after TIMEOUT s (a failure: rc 124).
peak_rss_kib() { # TIMEOUT IN OUT CMD [ARG...]
    python3 - "$@" <<'EOF'
import resource, subprocess, sys
timeout, inp, out, cmd = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
with open(inp, "rb") as i, open(out, "wb") as o:
    try:
        rc = subprocess.run(cmd, stdin=i, stdout=o, stderr=subprocess.DEVNULL, timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        rc = 124
open(out + ".rc", "w").write("%d\n" % rc)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
EOF
}

# 7. case mode: a 64 MiB line is answered (too long) without being held in
#    memory, and the line after it still gets its answer
scenario_long_line() {
    local peak
    {
        printf '{"event":{"type":"track","event":"'
        head -c $((64 << 20)) /dev/zero | tr '\0' a
        printf '"}}\n'
        printf '%s\n' '{"event":{"type":"alias","userId":"b","previousId":"a"}}'
    } >"$T/long.ndjson"
    peak=$(peak_rss_kib 60 "$T/long.ndjson" "$T/long.out" "$BIN" preview)
    expect_eq "long line: exit status" "$(cat "$T/long.out.rc")" 0
    check "long line: 2 result lines, got $(count_lines "$T/long.out")" '[ "$(count_lines "$T/long.out")" -eq 2 ]'
    expect_contains "long line: answered as too long" "$(head -1 "$T/long.out")" '"message":"line 1: longer than'
    expect_contains "long line: the next line answered" "$(sed -n 2p "$T/long.out")" '"previousUserId":"a"'
    check "long line: peak RSS ${peak} KiB, want < 40 MiB" '[ "${peak:-999999}" -lt $((40 << 10)) ]'
}

run_scenarios preview "$@"

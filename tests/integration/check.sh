#!/usr/bin/env bash
# Integration: `check` (every problem of a config, its scripts and fixtures, as FILE:LINE: ...),
# `run` refusing what check finds, fixtures gating a SIGHUP reload of `run`, and the case protocol's
# config_mapping and script (machine-mode preview).
#
#   bash tests/integration/check.sh [SCENARIO...]    none: all; --list: the names
# Each scenario has its own directory and files (lib.sh).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/lib.sh"
lib_setup
ROOT_DIR=$(cd "$HERE/../.." && pwd)
KEY="ek_check_$(date +%s%N)" # given to `run` only: `check` must see no key
RUN_TIMEOUT=${RUN_TIMEOUT:-120} # upper bound for one `run` (reaching it is a failure)

SCENARIOS=(usage good example syntax unknown-key failing-fixture many reload cases)

# check_in DIR [ARG...]: `check` run in DIR, its stdout and stderr in OUT, its status in RC
check_in() {
    local d=$1
    shift
    OUT=$(cd "$d" && "$BIN" check "$@" 2>&1)
    RC=$?
}

# a good config in $T: a script with its fixtures, a mapping-kit mapping with the config's fixtures
good_config() {
    cat >"$T/signup.lua" <<'EOF'
local m = require "mapping"
return function(event, settings)
  return {
    event = "Account Created",
    type = "track",
    userId = event.userId,
    properties = { plan = event.properties.plan },
  }
end
EOF
    cat >"$T/signup.fixtures.ndjson" <<'EOF'
{"desc": "a signup", "event": {"type": "track", "event": "Signed Up", "userId": "u1", "properties": {"plan": "pro"}}, "expect": {"body": {"event": "Account Created", "properties": {"plan": "pro"}, "user": {"userId": "u1"}}}}
{"event": {"type": "track", "event": "Signed Up", "userId": "u1", "properties": {"plan": "pro"}}, "settings": {}, "expect": {"error": "apiKey"}}
{"event": {"type": "track"}, "expect": {"skip": true}}
EOF
    cat >"$T/encharge.lua" <<'EOF'
return {
  settings = { apiKey = os.getenv("CHECK_KEY") },
  mappings = {
    { name = "Signups", action = "trackEvent", script = "signup.lua",
      subscribe = 'type = "track" and event = "Signed Up"' },
    { name = "Plan tags", action = "Tag User", subscribe = 'type = "identify"',
      mapping = { tag = { ["@template"] = "plan-{{traits.plan}}" }, userId = { ["@path"] = "$.userId" } } },
    { name = "Track Event", action = "trackEvent" },
  },
}
EOF
    cat >"$T/encharge.fixtures.ndjson" <<'EOF'
{"mapping": "Plan tags", "event": {"type": "identify", "userId": "u1", "traits": {"plan": "pro"}}, "expect": {"body": {"tag": "plan-pro", "userId": "u1"}}}
{"mapping": "Track Event", "event": {"type": "track", "event": "Clicked", "userId": "u2"}, "expect": {"body": {"event": "Clicked"}}}
EOF
}

# bad options: status 2
scenario_usage() {
    check_in "$T" --nope
    check "usage: an unknown option is status 2 (rc=$RC)" '[ "$RC" -eq 2 ]'
    expect_contains "usage: says which" "$OUT" "check: unknown option '--nope'"
    check_in "$T" --config
    check "usage: --config without a value is status 2 (rc=$RC)" '[ "$RC" -eq 2 ]'
    check_in "$T" extra
    check "usage: an argument is status 2 (rc=$RC)" '[ "$RC" -eq 2 ] && grep -qF "unexpected argument" <<<"$OUT"'
    check_in "$T" --config "$T/missing.lua"
    check "usage: a missing config is a problem, status 1 (rc=$RC)" '[ "$RC" -eq 1 ]'
    expect_contains "usage: the missing file named" "$OUT" "missing.lua: cannot open"
    check_in "$T"
    check "usage: no config is the presets, status 0 (rc=$RC)" '[ "$RC" -eq 0 ]'
    expect_contains "usage: presets" "$OUT" "(no config: the presets): 5 mapping(s) loaded"
}

# a good config: status 0, how many mappings and fixtures passed
scenario_good() {
    good_config
    CHECK_KEY=$KEY check_in "$T"
    check "good: status 0 (rc=$RC)" '[ "$RC" -eq 0 ]'
    expect_contains "good: the counts" "$OUT" \
        "check: encharge.lua: 3 mapping(s) loaded; 5 fixture(s) in 2 file(s): 4 passed, 0 failed, 1 skipped"
    expect_contains "good: OK" "$OUT" "check: OK: no errors, 0 warning(s) (warnings do not fail the check)"
    # the same from another directory, by --config
    CHECK_KEY=$KEY check_in / --config "$T/encharge.lua"
    check "good: by --config from elsewhere (rc=$RC)" '[ "$RC" -eq 0 ] && grep -qF "4 passed, 0 failed" <<<"$OUT"'
    # no key: a warning, still status 0
    check_in "$T"
    check "good: without an API key, a warning, status 0 (rc=$RC)" '[ "$RC" -eq 0 ]'
    expect_contains "good: the warning" "$OUT" "encharge.lua:2: warning: no API key (settings.apiKey or ENCHARGE_API_KEY)"
    expect_contains "good: warnings do not fail" "$OUT" "check: OK: no errors, 1 warning(s)"
    # an output key that is not a field: a warning naming the closest field
    sed -i 's/    type = "track",/    type = "track", userfields = { plan = "x" },/' "$T/signup.lua"
    CHECK_KEY=$KEY check_in "$T"
    check "good: an unknown output key is a warning, status 0 (rc=$RC)" '[ "$RC" -eq 0 ]'
    expect_contains "good: the closest field" "$OUT" \
        "signup.fixtures.ndjson:1: warning: mappings[1] (\"Signups\"): 'userfields' is not a field of Track Event (did you mean 'userFields'?)"
    check "good: said once, not per fixture" '[ "$(grep -c userfields <<<"$OUT")" -eq 1 ]'
}

# a syntax error in a script: at the script's line, status 1
scenario_syntax() {
    good_config
    printf 'return function(event)\n  return {\n    event = = 1,\n  }\nend\n' >"$T/signup.lua"
    CHECK_KEY=$KEY check_in "$T"
    check "syntax: status 1 (rc=$RC)" '[ "$RC" -eq 1 ]'
    expect_contains "syntax: file:line of the script" "$OUT" "signup.lua:3: mappings[1] (\"Signups\"): unexpected symbol near '='"
    expect_contains "syntax: the others still checked" "$OUT" "2 of 3 mapping(s) loaded"
    expect_contains "syntax: their fixtures still run" "$OUT" "2 fixture(s) in 1 file(s): 2 passed, 0 failed"
    # run refuses it, naming the place
    run_within "$RUN_TIMEOUT" "run syntax" -i /dev/null -e "$T/run.err" env ENCHARGE_API_KEY="$KEY" \
        "$BIN" run --no-progress --config "$T/encharge.lua" --dlq "$T/dlq.db"
    check "syntax: run refuses (rc=$RC)" '[ "$RC" -ne 0 ] && grep -qF "signup.lua:3: mappings[1] (\"Signups\"): unexpected symbol" "$T/run.err"'
}

# an unknown key: the closest known one, status 1; run refuses it too
scenario_unknown_key() {
    good_config
    sed -i 's/script = "signup.lua",/scirpt = "signup.lua",/' "$T/encharge.lua"
    CHECK_KEY=$KEY check_in "$T"
    check "unknown-key: status 1 (rc=$RC)" '[ "$RC" -eq 1 ]'
    expect_contains "unknown-key: the suggestion at the key's line" "$OUT" \
        "encharge.lua:4: unknown key 'scirpt' in mappings[1] (did you mean 'script'?)"
    run_within "$RUN_TIMEOUT" "run unknown-key" -i /dev/null -e "$T/run.err" env ENCHARGE_API_KEY="$KEY" \
        "$BIN" run --no-progress --config "$T/encharge.lua" --dlq "$T/dlq.db"
    check "unknown-key: run refuses it (rc=$RC)" '[ "$RC" -ne 0 ]'
    check "unknown-key: run says why" \
        'grep -qF "run: config encharge.lua:4: unknown key '"'"'scirpt'"'"' in mappings[1] (did you mean '"'"'script'"'"'?)" "$T/run.err" ||
         grep -qF "unknown key '"'"'scirpt'"'"' in mappings[1] (did you mean '"'"'script'"'"'?)" "$T/run.err"'
    # a top-level key and a delivery key
    printf 'return {\n  mapings = {},\n  delivery = { max_inflght = 4 },\n}\n' >"$T/top.lua"
    check_in "$T" --config top.lua
    check "unknown-key: top and delivery keys (rc=$RC)" '[ "$RC" -eq 1 ]'
    expect_contains "unknown-key: top" "$OUT" "top.lua:2: unknown key 'mapings' in the config (did you mean 'mappings'?)"
    expect_contains "unknown-key: delivery" "$OUT" "top.lua:3: unknown key 'max_inflght' in delivery (did you mean 'max_inflight'?)"
}

# a failing fixture: its file:line and the difference, status 1
scenario_failing_fixture() {
    good_config
    sed -i 's/"plan-pro"/"plan-free"/' "$T/encharge.fixtures.ndjson"
    CHECK_KEY=$KEY check_in "$T"
    check "failing-fixture: status 1 (rc=$RC)" '[ "$RC" -eq 1 ]'
    expect_contains "failing-fixture: file:line and the difference" "$OUT" \
        "encharge.fixtures.ndjson:1: fixture failed: body.tag: expected \"plan-free\", got \"plan-pro\" (in mappings[2] (\"Plan tags\"))"
    expect_contains "failing-fixture: counted" "$OUT" "3 passed, 1 failed, 1 skipped"
    expect_contains "failing-fixture: failed" "$OUT" "check: FAILED: 1 error(s)"
}

# several problems at once: all reported
scenario_many() {
    good_config
    sed -i 's/script = "signup.lua",/scirpt = "signup.lua",/; s/action = "Tag User"/action = "Tag Usr"/' "$T/encharge.lua"
    sed -i 's/"Clicked"}}}$/"Clickd"}}}/' "$T/encharge.fixtures.ndjson"
    printf 'this is not json\n' >>"$T/encharge.fixtures.ndjson"
    printf 'return { endpoints = { ingest = "ftp://x" }, delivery = { max_inflight = 0, timeout_ms = "x" },\n  mappings = { { action = "trackEvent", subscribe = "type =" } } }\n' >"$T/two.lua"
    CHECK_KEY=$KEY check_in "$T"
    check "many: status 1 (rc=$RC)" '[ "$RC" -eq 1 ]'
    expect_contains "many: the unknown key" "$OUT" "encharge.lua:4: unknown key 'scirpt' in mappings[1] (did you mean 'script'?)"
    expect_contains "many: the unknown action" "$OUT" "encharge.lua:6: mappings[2] (\"Plan tags\"): unknown action 'Tag Usr' (did you mean 'Tag User'?)"
    expect_contains "many: the failing fixture" "$OUT" \
        "encharge.fixtures.ndjson:2: fixture failed: body.event: expected \"Clickd\", got \"Clicked\" (in mappings[3] (\"Track Event\"))"
    expect_contains "many: the fixture of a mapping that did not load" "$OUT" \
        "encharge.fixtures.ndjson:1: mappings[2] (\"Plan tags\") did not load: its fixtures cannot run"
    expect_contains "many: the bad fixture line" "$OUT" "encharge.fixtures.ndjson:3: bad fixture: invalid JSON"
    expect_contains "many: the count" "$OUT" "check: FAILED: 5 error(s)"
    check_in "$T" --config two.lua
    check "many: start checks too (rc=$RC)" '[ "$RC" -eq 1 ]'
    expect_contains "many: endpoint" "$OUT" "two.lua:1: ingest endpoint:"
    expect_contains "many: max_inflight" "$OUT" "two.lua:1: delivery.max_inflight must be a whole number between 1 and"
    expect_contains "many: timeout_ms" "$OUT" "two.lua:1: delivery.timeout_ms must be a whole number between"
    expect_contains "many: the trigger" "$OUT" "two.lua:2: mappings[1] (\"mapping 1\"): bad trigger:"
}

# a live reload refused by a failing fixture while the old version keeps delivering; then accepted;
# then one with an unknown key refused
scenario_reload() {
    local runpid w v1 v2
    OK_SO_FAR=1
    cat >"$T/live.lua" <<'EOF'
return { mappings = { { name = "T", action = "trackEvent", mapping = { event = "v1", type = "track",
  messageId = { ["@path"] = "$.messageId" } } } } }
EOF
    printf '%s\n' '{"mapping": "T", "event": {"type": "track", "messageId": "f"}, "expect": {"body": {"event": "v1"}}}' \
        >"$T/live.fixtures.ndjson"
    start_mock "$T/mock" --api-key "$KEY" --record "$T/mock.rec" --seed 42 || return
    mkfifo "$T/in.fifo"
    spawn "run reload" -i "$T/in.fifo" -e "$T/run.err" env ENCHARGE_API_KEY="$KEY" "$BIN" run --no-progress --no-watch \
        --config "$T/live.lua" --ingest-url "$URL" --dlq "$T/dlq.db"
    runpid=$BG_PID
    exec {w}<>"$T/in.fifo" # read-write: opening never blocks; closing it is the end of the input
    send() { local i; for i in $(seq "$1" "$2"); do echo "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"messageId\":\"rl-$i\"}" >&"$w"; done; }
    send 1 20
    step wait_lines "$T/mock.rec" 20 30
    step sed -i 's/"v1"/"v2"/' "$T/live.lua" # the fixture still expects v1: refused
    step kill -HUP "$runpid"
    step wait_line "$T/run.err" "^run: reload failed: " 30
    step send 21 40
    step wait_lines "$T/mock.rec" 40 30
    step sed -i 's/"v1"/"v2"/' "$T/live.fixtures.ndjson" # now it passes: accepted
    step kill -HUP "$runpid"
    step wait_line "$T/run.err" "^run: reloaded " 30
    step send 41 60
    step wait_lines "$T/mock.rec" 60 30
    step sed -i 's/mapping = {/mappng = {/' "$T/live.lua" # an unknown key: refused too, v2 stays
    step kill -HUP "$runpid"
    step wait_line "$T/run.err" "^run: reload failed: " 30 2
    step send 61 80
    step wait_lines "$T/mock.rec" 80 30
    exec {w}>&-
    wait_exit "$runpid" "$RUN_TIMEOUT"
    local rc=$EXIT_RC
    stop_mock
    v1=$(count_matches "$T/mock.rec" '"event":"v1"')
    v2=$(count_matches "$T/mock.rec" '"event":"v2"')
    echo "reload: $v1 events mapped by v1, $v2 by v2 (rc=$rc)"
    check "reload: exit 0" '[ "$rc" -eq 0 ]'
    check "reload: refused by the fixture, with its file:line and the difference" \
        'grep -qF "run: reload failed: $T/live.fixtures.ndjson:1: fixture failed: body.event: expected \"v1\", got \"v2\" (in mappings[1] (\"T\")); keeping the current mappings" "$T/run.err"'
    check "reload: the old version kept delivering, then the new one (40 v1, 40 v2)" '[ "$v1" -eq 40 ] && [ "$v2" -eq 40 ]'
    check "reload: accepted once the fixture passes" 'grep -q "^run: reloaded .*live.lua: generation 2, 1 subscription(s), 1 fixture(s) passed" "$T/run.err"'
    check "reload: an unknown key is refused, with the closest one" \
        'grep -qF "run: reload failed: config $T/live.lua:1: unknown key '"'"'mappng'"'"' in mappings[1] (did you mean '"'"'mapping'"'"'?); keeping the current mappings" "$T/run.err"'
}

# the case protocol of machine-mode preview: a config's mapping by name, a script by path
scenario_cases() {
    good_config
    cat >"$T/cases.ndjson" <<'EOF'
{"config_mapping": "Signups", "event": {"type": "track", "event": "Signed Up", "userId": "u1", "properties": {"plan": "pro"}}}
{"config_mapping": "Signups", "event": {"type": "track", "event": "Other", "userId": "u1", "properties": {"plan": "pro"}}}
{"config_mapping": "Signups", "subscribe": "type = \"track\"", "event": {"type": "track", "event": "Other", "userId": "u1", "properties": {"plan": "pro"}}}
{"config_mapping": "Plan tags", "mappingOverrides": {"tag": "fixed"}, "event": {"type": "identify", "userId": "u1", "traits": {"plan": "pro"}}}
{"config_mapping": "Nope", "event": {}}
{"config_mapping": "Signups", "action": "trackEvent", "event": {}}
{"script": "signup.lua", "action": "trackEvent", "event": {"type": "track", "userId": "u1", "properties": {"plan": "free"}}}
{"script": "missing.lua", "event": {"type": "track"}}
EOF
    (cd "$T" && "$BIN" preview --config encharge.lua <cases.ndjson >cases.out 2>cases.err)
    RC=$?
    check "cases: status 0, a line per case (rc=$RC)" '[ "$RC" -eq 0 ] && [ "$(count_lines "$T/cases.out")" -eq 8 ]'
    # each result line as {actions, bodies, error: [name, first line of the message]}, keys sorted
    python3 -c '
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    e = r["error"]
    print(json.dumps({"actions": r["actions"], "bodies": [q["body"] for q in r["requests"]],
                      "error": e and [e["name"], e["message"].split("\n")[0]]}, sort_keys=True))
' "$T/cases.out" >"$T/cases.sum"
    line() { sed -n "${1}p" "$T/cases.sum"; }
    expect_contains "cases: the config's script mapping" "$(line 1)" '"event": "Account Created"'
    expect_contains "cases: its trigger applies" "$(line 2)" '{"actions": [], "bodies": [], "error": null}'
    expect_contains "cases: subscribe replaces it" "$(line 3)" '"event": "Account Created"'
    expect_contains "cases: a mapping-kit mapping, overrides merged" "$(line 4)" '"tag": "fixed", "userId": "u1"'
    expect_contains "cases: an unknown name" "$(line 5)" '"error": ["CaseError", "Unknown config mapping: Nope"]'
    expect_contains "cases: not with action" "$(line 6)" '["CaseError", "config_mapping names a mapping of the config'
    expect_contains "cases: a script by path" "$(line 7)" '"plan": "free"'
    expect_contains "cases: a script that does not load" "$(line 8)" "[\"ScriptError\", \"cannot open script 'missing.lua'\"]"
    # without --config there is no config mapping
    (cd "$T" && "$BIN" preview <cases.ndjson >nocfg.out 2>/dev/null)
    expect_contains "cases: no config" "$(sed -n 1p "$T/nocfg.out")" "Unknown config mapping: Signups (no config: preview --config FILE)"
}

# the example config of the README checks clean, its script's fixtures passing
scenario_example() {
    local out rc=0
    out=$(cd "$ROOT_DIR" && "$BIN" check --config scripts/examples/encharge.lua 2>&1) || rc=$?
    check "example: exit 0 (rc=$rc)" '[ "$rc" -eq 0 ]'
    expect_contains "example: its fixtures pass" "$out" "2 fixture(s) in 1 file(s): 2 passed, 0 failed"
}

run_scenarios check "$@"

#!/usr/bin/env bash
# Integration: the request headers with a long API key (2,000 bytes, four times
# what a header line used to hold): `preview` masks all of it but the last 4
# bytes, `run` sends it whole (the stand-in accepts only the exact key).
#
#   bash tests/integration/headers.sh [SCENARIO...]    none: all; --list: the names
# Each scenario has its own directory and files (lib.sh).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/lib.sh"
lib_setup

# 2,000 bytes, not all alike: a cut or a shifted copy would not pass
KEY=$(python3 -c 'import string; a = string.ascii_letters + string.digits; print("".join(a[i * 7 % len(a)] for i in range(2000)))')
EVENT='{"type":"track","event":"Signed Up","userId":"u1","messageId":"m1","timestamp":"2026-01-01T00:00:00Z","properties":{"plan":"pro"}}'

SCENARIOS=(preview-masked run-whole)

# the person preview: the token line is the key masked, of the key's length
scenario_preview_masked() {
    local out tok
    printf '%s\n' "$EVENT" >"$T/track.json"
    out=$(ENCHARGE_API_KEY=$KEY "$BIN" preview --event "$T/track.json")
    tok=$(grep '^X-Encharge-Token: ' <<<"$out")
    tok=${tok#X-Encharge-Token: }
    expect_eq "masked token length" "${#tok}" 2000
    expect_eq "masked token" "$tok" "$(printf '%*s' 1996 '' | tr ' ' '*')${KEY: -4}"
    expect_not_contains "no key prefix" "$out" "${KEY:0:8}"
}

# run against the stand-in holding the same key: delivered (a cut key is a 401)
scenario_run_whole() {
    printf '%s\n' "$EVENT" >"$T/events.ndjson"
    start_mock "$T/mock" --api-key "$KEY" --record "$T/mock.rec" || return
    run_within 60 "run" -e "$T/run.err" env ENCHARGE_API_KEY="$KEY" "$BIN" run --no-progress \
        --ingest-url "$URL" --api-url "$URL" --dlq "$T/dlq.db" "$T/events.ndjson"
    local rc=$RC
    stop_mock
    check "run exits 0 (rc=$rc)" '[ "$rc" -eq 0 ]'
    check "one request recorded" '[ "$(count_lines "$T/mock.rec")" -eq 1 ]'
    check "the stand-in accepted the token (200)" 'grep -q "\"status\":200" "$T/mock.rec"'
    check "delivered" 'grep -q "1 delivered" "$T/run.err"'
}

run_scenarios headers "$@"

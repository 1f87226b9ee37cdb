#!/usr/bin/env bash
# lib.sh: what the shell integration tests share. Sourced by tests/integration/*.sh, and by
# tests/bench/run.sh, tests/bench/soak.sh and scripts/demo.sh to start the stand-in. Run directly
# (`make integration` runs every tests/integration/*.sh), it tests itself.
#
# Processes (each one started here is stopped by pid: by the caller, by run_scenarios after each
# scenario, and by the EXIT trap for whatever is left):
#   spawn NAME [-i IN] [-o OUT] [-e ERR] CMD [ARG...]
#                       start CMD (a program, not a shell function) in the background, stdin/stdout/
#                       stderr from/to the files given; its pid in BG_PID
#   stop_pid PID [TIMEOUT [SIGNAL]]
#                       send SIGNAL (TERM), wait up to TIMEOUT s (10) for it to end, else SIGKILL
#                       (a failure); its exit status in STOP_RC
#   wait_exit PID TIMEOUT
#                       wait for PID to end by itself; its status in EXIT_RC. A timeout is a failure:
#                       reported, and PID stopped
#   execd PID           true once PID runs its program (no longer a copy of this shell), or has ended
#   run_within TIMEOUT NAME [-i IN] [-o OUT] [-e ERR] CMD [ARG...]
#                       spawn, then wait_exit; the exit status in RC
# The stand-in ($MOCK):
#   read_port FILE PID [TIMEOUT]
#                       wait for the first whole line of FILE, written by PID: "listening on
#                       http://127.0.0.1:PORT" (what encharge-mock prints) or a bare port; PORT, URL
#   start_mock PREFIX [ARG...]
#                       $MOCK --port 0 ARG..., stdout in PREFIX.out, stderr in PREFIX.err; MOCK_PID,
#                       PORT, URL. Returns 1 (a failure, reported with its stderr) when no port came
#   stop_mock [SIGNAL [TIMEOUT]]
#                       stop_pid $MOCK_PID; its status in STOP_RC
# Waiting (polled every LIB_POLL s; the timeout is an upper bound, and reaching it is a failure,
# counted and reported with what was waited for; the return status is 1 then):
#   wait_for TIMEOUT WHAT CONDITION [STATE]
#                       until the shell text CONDITION succeeds; STATE (shell text) is shown on timeout
#   wait_line FILE PATTERN TIMEOUT [N]
#                       until N (1) lines of FILE match PATTERN (grep's basic regex)
#   wait_lines FILE N TIMEOUT
#                       until FILE has N whole lines (e.g. N requests in a recording)
# Checks:
#   check NAME CONDITION      CONDITION is shell text, eval'd (one argument)
#   check NAME CMD [ARG...]   a command run as given (more than one argument)
#   expect_eq NAME GOT WANT; expect_contains NAME HAYSTACK NEEDLE; expect_not_contains ...
#   ok; bad MESSAGE           count a pass; count and print a failure
#   finish                    print "SUITE integration: N passed, M failed"; exit 1 on any failure
#   step CMD [ARG...]         in a chain of steps: runs CMD only while OK_SO_FAR is 1, and sets it
#                             to 0 when CMD fails (so a scenario stops at its first failed wait)
# Set-up:
#   lib_setup [KEY_PREFIX]    BIN and MOCK (from the environment, default build/...) made absolute;
#                             with KEY_PREFIX, a fresh API key in KEY and ENCHARGE_API_KEY
# Scenarios: a script lists SCENARIOS=(name ...), defines scenario_NAME for each (a '-' in a name is
# '_' in the function) and ends with `run_scenarios SUITE "$@"`: no argument runs them all, names
# run those alone, an unknown name is an error listing the names, --list lists them. Each scenario
# gets its own empty directory in T; its processes are stopped when it returns; KEEP_TMP=1 keeps
# the directories.

pass=0
fails=0
LIB_POLL=${LIB_POLL:-0.02}
LIB_PIDS=()
declare -A LIB_NAMES=()
LIB_TMPDIRS=()
LIB_SCENARIO=
LIB_SUITE=${LIB_SUITE:-}
LIB_KILLED=0

# ---- checks ----------------------------------------------------------------------------------
ok() { pass=$((pass + 1)); }
bad() {
    echo "FAIL: ${LIB_SCENARIO:+[$LIB_SCENARIO] }$*"
    fails=$((fails + 1))
}
check() { # NAME CONDITION | NAME CMD [ARG...]
    local _check_name=$1
    shift
    if [ $# -eq 1 ]; then
        if eval "$1"; then ok; else bad "$_check_name"; fi
    elif [ $# -gt 1 ]; then
        if "$@"; then ok; else bad "$_check_name"; fi
    else
        bad "$_check_name: check without a condition"
    fi
}
expect_eq() { # NAME GOT WANT
    if [ "$2" == "$3" ]; then ok; else bad "$1: got [$2], want [$3]"; fi
}
expect_contains() { # NAME HAYSTACK NEEDLE
    if grep -qF -- "$3" <<<"$2"; then
        ok
    else
        bad "$1: expected to find [$3] in:"
        head -20 <<<"$2"
    fi
}
expect_not_contains() { # NAME HAYSTACK NEEDLE
    if grep -qF -- "$3" <<<"$2"; then
        bad "$1: did not expect [$3] in:"
        head -20 <<<"$2"
    else
        ok
    fi
}
finish() {
    echo "${LIB_SUITE:-${0##*/}} integration: $pass passed, $fails failed"
    if [ "$fails" -eq 0 ]; then exit 0; fi
    exit 1
}

# ---- time ------------------------------------------------------------------------------------
_now() { # _NOW: milliseconds, from the shell's clock (no fork)
    local _us=${EPOCHREALTIME//[!0-9]/}
    _NOW=$((10#$_us / 1000))
}
_to_ms() { # VAR SECONDS (a fraction allowed): VAR=milliseconds
    local _s=$2 _i _f=
    if ! [[ $_s =~ ^[0-9]*(\.[0-9]*)?$ ]]; then
        echo "lib.sh: not a number of seconds: [$_s]" >&2
        _s=0
    fi
    _i=${_s%%.*}
    if [[ $_s == *.* ]]; then _f=${_s#*.}; fi
    _f=${_f}000
    printf -v "$1" '%d' $((10#${_i:-0} * 1000 + 10#${_f:0:3}))
}

# ---- files -----------------------------------------------------------------------------------
abs_path() { # PATH: the absolute path of PATH (whose directory exists)
    echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
}
lib_setup() { # [KEY_PREFIX]
    BIN=$(abs_path "${BIN:-build/encharge-actions}")
    MOCK=$(abs_path "${MOCK:-build/encharge-mock}")
    if [ $# -gt 0 ]; then
        KEY="$1_$(date +%s%N)"
        export ENCHARGE_API_KEY="$KEY"
    fi
}
OK_SO_FAR=1
step() { # CMD [ARG...]
    [ "$OK_SO_FAR" -eq 1 ] || return 1
    "$@" || OK_SO_FAR=0
}
lib_tmpdir() { # VAR: a new temporary directory in VAR, removed on exit (unless KEEP_TMP is set)
    local _d
    _d=$(mktemp -d) || return 1
    LIB_TMPDIRS+=("$_d")
    printf -v "$1" '%s' "$_d"
}
count_lines() { # FILE: its number of whole lines, 0 when it does not exist
    local _n=0
    if [ -e "$1" ]; then _n=$(wc -l <"$1"); fi
    echo $((_n + 0))
}
count_matches() { # FILE PATTERN: lines of FILE matching PATTERN, 0 when it does not exist
    local _n
    _n=$(grep -c -e "$2" -- "$1" 2>/dev/null)
    echo $((${_n:-0} + 0))
}

# ---- processes -------------------------------------------------------------------------------
spawn() { # NAME [-i IN] [-o OUT] [-e ERR] CMD [ARG...]: BG_PID
    local _name=$1 _in='' _out='' _err=''
    shift
    while [ $# -gt 0 ]; do
        case $1 in
        -i) _in=$2; shift 2 ;;
        -o) _out=$2; shift 2 ;;
        -e) _err=$2; shift 2 ;;
        --) shift; break ;;
        *) break ;;
        esac
    done
    # the redirections happen in the child (a FIFO opened there does not block this shell); exec
    # keeps the pid, so BG_PID is the program's own
    (
        trap - EXIT INT TERM
        if [ -n "$_in" ]; then exec <"$_in"; fi
        if [ -n "$_out" ]; then exec >"$_out"; fi
        if [ -n "$_err" ] && [ "$_err" == "$_out" ]; then
            exec 2>&1
        elif [ -n "$_err" ]; then
            exec 2>"$_err"
        fi
        exec "$@"
    ) &
    BG_PID=$!
    LIB_PIDS+=("$BG_PID")
    LIB_NAMES[$BG_PID]=$_name
}
_forget() { # PID: no longer ours to stop
    local _p _keep=()
    for _p in "${LIB_PIDS[@]}"; do
        if [ "$_p" != "$1" ]; then _keep+=("$_p"); fi
    done
    LIB_PIDS=("${_keep[@]}")
    unset "LIB_NAMES[$1]"
}
_gone_within() { # PID TIMEOUT: 0 once PID has ended (this shell reaps its children), 1 at the timeout
    local _limit _end
    _to_ms _limit "$2"
    _now
    _end=$((_NOW + _limit))
    while kill -0 "$1" 2>/dev/null; do
        _now
        if [ "$_NOW" -ge "$_end" ]; then return 1; fi
        sleep "$LIB_POLL"
    done
    return 0
}
_reap() { # PID: its exit status in _RC (127 when it was reaped already)
    _RC=0
    wait "$1" 2>/dev/null || _RC=$?
}
execd() { # PID: 0 once PID runs its own program, not a fresh copy of this shell (or has ended)
    cmp -s "/proc/$1/cmdline" "/proc/$LIB_MAIN_PID/cmdline"
    [ $? -ne 0 ]
}
stop_pid() { # PID [TIMEOUT [SIGNAL]]: STOP_RC
    local _pid=$1 _t=${2:-10} _sig=${3:-TERM}
    local _name=${LIB_NAMES[$_pid]:-process}
    # a signal caught between spawn's fork and its exec would run this shell's traps in the child
    wait_for 10 "$_name (pid $_pid) to start its program" 'execd "$_pid"'
    kill -s "$_sig" "$_pid" 2>/dev/null || : # it may have ended already: its status is collected below
    if ! _gone_within "$_pid" "$_t"; then
        bad "$_name (pid $_pid) still running ${_t}s after SIG$_sig; sending SIGKILL"
        LIB_KILLED=$((LIB_KILLED + 1))
        kill -s KILL "$_pid" 2>/dev/null || :
        if ! _gone_within "$_pid" 10; then bad "$_name (pid $_pid) survived SIGKILL"; fi
    fi
    _reap "$_pid"
    STOP_RC=$_RC
    _forget "$_pid"
}
wait_exit() { # PID TIMEOUT: EXIT_RC; 1 (a failure, PID stopped) at the timeout
    local _pid=$1 _t=$2
    local _name=${LIB_NAMES[$_pid]:-process}
    if _gone_within "$_pid" "$_t"; then
        _reap "$_pid"
        EXIT_RC=$_RC
        _forget "$_pid"
        return 0
    fi
    bad "timed out after ${_t}s waiting for $_name (pid $_pid) to exit; stopping it"
    stop_pid "$_pid" 10
    EXIT_RC=$STOP_RC
    return 1
}
run_within() { # TIMEOUT NAME [-i IN] [-o OUT] [-e ERR] CMD [ARG...]: RC
    local _t=$1
    shift
    spawn "$@"
    wait_exit "$BG_PID" "$_t"
    local _r=$?
    RC=$EXIT_RC
    return $_r
}
stop_all() { # stop every process started here that is still running; NOTE (text) says why
    local _p _name
    for _p in "${LIB_PIDS[@]}"; do
        if kill -0 "$_p" 2>/dev/null; then
            _name=${LIB_NAMES[$_p]:-process}
            if [ -n "${1:-}" ]; then echo "note: $1: stopping $_name (pid $_p)"; fi
            stop_pid "$_p" 10
        else
            _reap "$_p"
            _forget "$_p"
        fi
    done
}
# bash runs the EXIT trap in a child it forked when a signal reaches the child before the child
# has exec'd its program (stop_pid right after spawn): there the trap only ends the child, quietly
# (bash would complain about jobs it copied), so that this shell's processes and directories are
# never cleaned up from a copy of its lists.
LIB_MAIN_PID=$BASHPID
_lib_exit() {
    local _rc=$?
    trap - EXIT
    if [ "$BASHPID" != "$LIB_MAIN_PID" ]; then
        exec 2>/dev/null
        exit "$_rc"
    fi
    local _killed=$LIB_KILLED
    stop_all "still running at exit"
    if [ "$_rc" -eq 0 ] && [ "$LIB_KILLED" -gt "$_killed" ]; then _rc=1; fi
    if [ -n "${KEEP_TMP:-}" ]; then
        if [ ${#LIB_TMPDIRS[@]} -gt 0 ]; then echo "kept: ${LIB_TMPDIRS[*]}"; fi
    else
        rm -rf "${LIB_TMPDIRS[@]}"
    fi
    exit "$_rc"
}
_lib_signal() { # SIGNAL STATUS
    if [ "$BASHPID" != "$LIB_MAIN_PID" ]; then
        trap - EXIT "$1"
        kill -s "$1" "$BASHPID"
    fi
    exit "$2"
}
trap _lib_exit EXIT
trap '_lib_signal INT 130' INT
trap '_lib_signal TERM 143' TERM

# ---- the stand-in ----------------------------------------------------------------------------
read_port() { # FILE PID [TIMEOUT]: PORT, URL
    local _f=$1 _pid=$2 _t=${3:-20} _line='' _limit _end _alive=1
    _to_ms _limit "$_t"
    _now
    _end=$((_NOW + _limit))
    while :; do
        # read succeeds only on a whole line
        if IFS= read -r _line 2>/dev/null <"$_f"; then break; fi
        if [ "$_alive" -eq 0 ]; then
            bad "$(basename "$_f"): pid $_pid ended before printing its port (got [$_line])"
            return 1
        fi
        if ! kill -0 "$_pid" 2>/dev/null; then _alive=0; continue; fi # one more look at the file
        _now
        if [ "$_NOW" -ge "$_end" ]; then
            bad "timed out after ${_t}s waiting for pid $_pid to print its port in $(basename "$_f") (got [$_line])"
            return 1
        fi
        sleep "$LIB_POLL"
    done
    if [[ $_line =~ ^listening\ on\ http://127\.0\.0\.1:([0-9]+)$ ]] || [[ $_line =~ ^([0-9]+)$ ]]; then
        PORT=${BASH_REMATCH[1]}
        URL=http://127.0.0.1:$PORT
        return 0
    fi
    bad "$(basename "$_f"): no 'listening on http://127.0.0.1:PORT' line (got [$_line])"
    return 1
}
start_mock() { # PREFIX [ARG...]: MOCK_PID PORT URL
    local _pre=$1
    shift
    PORT=
    URL=
    spawn "stand-in ${_pre##*/}" -o "$_pre.out" -e "$_pre.err" "${MOCK:?MOCK names the stand-in}" --port 0 "$@"
    MOCK_PID=$BG_PID
    if read_port "$_pre.out" "$MOCK_PID" "${MOCK_START_TIMEOUT:-20}"; then return 0; fi
    echo "  its stderr: $(head -c 2000 "$_pre.err" 2>/dev/null)"
    stop_pid "$MOCK_PID" 5
    return 1
}
stop_mock() { # [SIGNAL [TIMEOUT]]: STOP_RC
    stop_pid "$MOCK_PID" "${2:-10}" "${1:-TERM}"
}

# ---- waiting ---------------------------------------------------------------------------------
wait_for() { # TIMEOUT WHAT CONDITION [STATE]
    local _wf_t=$1 _wf_what=$2 _wf_cond=$3 _wf_state=${4:-} _wf_limit _wf_end _wf_seen=
    _to_ms _wf_limit "$_wf_t"
    _now
    _wf_end=$((_NOW + _wf_limit))
    while :; do
        if eval "$_wf_cond"; then return 0; fi
        _now
        if [ "$_NOW" -ge "$_wf_end" ]; then break; fi
        sleep "$LIB_POLL"
    done
    if [ -n "$_wf_state" ]; then _wf_seen=" (last seen: $(eval "$_wf_state" 2>&1 | tail -c 400))"; fi
    bad "timed out after ${_wf_t}s waiting for $_wf_what$_wf_seen"
    return 1
}
wait_line() { # FILE PATTERN TIMEOUT [N]
    local _n=${4:-1} _c _s
    printf -v _c '[ "$(count_matches %q %q)" -ge %d ]' "$1" "$2" "$_n"
    printf -v _s 'echo "$(count_matches %q %q) matching line(s)"' "$1" "$2"
    wait_for "$3" "$_n line(s) matching [$2] in $(basename "$1")" "$_c" "$_s"
}
wait_lines() { # FILE N TIMEOUT
    local _c _s
    printf -v _c '[ "$(count_lines %q)" -ge %d ]' "$1" "$2"
    printf -v _s 'echo "$(count_lines %q) line(s)"' "$1"
    wait_for "$3" "$2 line(s) in $(basename "$1")" "$_c" "$_s"
}

# ---- scenarios -------------------------------------------------------------------------------
_lib_scenario_fn() { # NAME: its function's name
    local _n=$1
    echo "scenario_${_n//-/_}"
}
run_scenarios() { # SUITE [NAME...]
    LIB_SUITE=$1
    shift
    case ${1:-} in
    --list)
        printf '%s\n' "${SCENARIOS[@]}"
        exit 0
        ;;
    -h | --help)
        echo "usage: bash $0 [SCENARIO...]   (none: all of them, in this order)"
        echo "scenarios: ${SCENARIOS[*]}"
        exit 0
        ;;
    esac
    local _n _s _unknown=() _want=("$@")
    if [ ${#_want[@]} -eq 0 ]; then _want=("${SCENARIOS[@]}"); fi
    for _n in "${_want[@]}"; do
        local _known=0
        for _s in "${SCENARIOS[@]}"; do
            if [ "$_s" == "$_n" ]; then _known=1; fi
        done
        if [ "$_known" -eq 0 ] || ! declare -F "$(_lib_scenario_fn "$_n")" >/dev/null; then _unknown+=("$_n"); fi
    done
    if [ ${#_unknown[@]} -gt 0 ]; then
        echo "$LIB_SUITE integration: unknown scenario(s): ${_unknown[*]}; the scenarios are: ${SCENARIOS[*]}" >&2
        exit 2
    fi
    local _root _p0 _f0 _t0
    lib_tmpdir _root
    for _n in "${_want[@]}"; do
        T=$(mktemp -d "$_root/$_n.XXXXXX")
        LIB_SCENARIO=$_n
        _p0=$pass
        _f0=$fails
        _now
        _t0=$_NOW
        "$(_lib_scenario_fn "$_n")"
        stop_all "scenario $_n returned"
        _now
        LIB_SCENARIO=
        printf -- '-- %s: %d passed, %d failed, %d.%01d s\n' "$_n" $((pass - _p0)) $((fails - _f0)) \
            $(((_NOW - _t0) / 1000)) $((((_NOW - _t0) % 1000) / 100))
        if [ -z "${KEEP_TMP:-}" ]; then rm -rf "$T"; fi
    done
    finish
}

# ---- run directly: test this library ---------------------------------------------------------
if [ "${BASH_SOURCE[0]}" == "$0" ]; then
    set -uo pipefail
    LIB=$(abs_path "${BASH_SOURCE[0]}")
    # child NAME BODY: a script sourcing this library, then BODY; its stdout+stderr in $T/NAME.out,
    # its exit status in RC
    child() {
        printf 'source %q\n%s\n' "$LIB" "$2" >"$T/$1.sh"
        run_within 60 "child $1" -o "$T/$1.out" -e "$T/$1.out" bash "$T/$1.sh"
    }
    out_has() { grep -qF -- "$2" "$T/$1.out"; }

    scenario_checks() {
        child counts 'LIB_SUITE=t
check "a" true
check "b" false
check "c" test 1 = 1
check "d" test 1 = 2
x=5; check "e" "[ \$x -eq 5 ]"
expect_eq "f" got want
expect_contains "g" "abc" "b"
expect_not_contains "h" "abc" "b"
finish'
        check "checks: a failure makes the exit status 1 (rc=$RC)" '[ "$RC" -eq 1 ]'
        check "checks: the summary line" out_has counts "t integration: 4 passed, 4 failed"
        check "checks: failures named" 'out_has counts "FAIL: b" && out_has counts "FAIL: d" &&
            out_has counts "FAIL: f: got [got], want [want]" && out_has counts "FAIL: h: did not expect [b]"'
        child allpass 'LIB_SUITE=t; check a true; finish'
        check "checks: all passed, exit 0 (rc=$RC)" '[ "$RC" -eq 0 ] && out_has allpass "t integration: 1 passed, 0 failed"'
    }

    scenario_waits() {
        child timeout 'LIB_SUITE=t
_now; t0=$_NOW
if wait_for 0.4 "the impossible" false "echo nothing yet"; then echo "WAIT RETURNED 0"; fi
_now; echo "waited $((_NOW - t0)) ms"
wait_lines /nonexistent/file 3 0.1
wait_line /nonexistent/file "x" 0.1
finish'
        check "waits: a timeout is a failure (rc=$RC)" '[ "$RC" -eq 1 ] && out_has timeout "t integration: 0 passed, 3 failed"'
        check "waits: the timeout says what was waited for" \
            'out_has timeout "FAIL: timed out after 0.4s waiting for the impossible (last seen: nothing yet)" &&
             out_has timeout "waiting for 3 line(s) in file (last seen: 0 line(s))" &&
             out_has timeout "waiting for 1 line(s) matching [x] in file"'
        check "waits: a timed-out wait returns non-zero" '! out_has timeout "WAIT RETURNED 0"'
        local ms
        ms=$(sed -n 's/^waited \([0-9]*\) ms$/\1/p' "$T/timeout.out")
        check "waits: waited the whole timeout ($ms ms)" '[ "${ms:-0}" -ge 400 ] && [ "$ms" -lt 3000 ]'

        spawn writer bash -c "sleep 0.3; echo one >>'$T/f'; echo 'two ready' >>'$T/f'"
        _now
        local t0=$_NOW
        wait_line "$T/f" "ready$" 20
        local r=$?
        _now
        local took=$((_NOW - t0))
        check "waits: wait_line returned when the line came" '[ "$r" -eq 0 ] && grep -q ready "$T/f"'
        check "waits: ... and not before ($took ms)" '[ "$took" -ge 250 ]'
        check "waits: wait_lines counts whole lines" 'wait_lines "$T/f" 2 5'
        wait_exit "$BG_PID" 10
        check "waits: wait_exit gives the status ($EXIT_RC)" '[ "$EXIT_RC" -eq 0 ]'
    }

    scenario_processes() {
        spawn sleeper sleep 300
        local p=$BG_PID
        stop_pid "$p" 10
        check "processes: stop_pid ends it (status $STOP_RC)" '! kill -0 "$p" 2>/dev/null && [ "$STOP_RC" -eq 143 ]'
        child stubborn 'LIB_SUITE=t
spawn stubborn -o "$T/stubborn.ready" python3 -c "import signal, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
print(\"ready\", flush=True)
time.sleep(300)"
p=$BG_PID
wait_line "$T/stubborn.ready" "^ready$" 20
_now; t0=$_NOW
stop_pid "$p" 0.5
_now; echo "took $((_NOW - t0)) ms, status $STOP_RC"
if kill -0 "$p" 2>/dev/null; then echo STILL ALIVE; fi
spawn sleeper sleep 300
wait_exit "$BG_PID" 0.3
echo "wait_exit status $EXIT_RC"
finish'
        check "processes: SIGKILL after the timeout, counted as a failure" \
            'out_has stubborn "still running 0.5s after SIGTERM; sending SIGKILL" && out_has stubborn "status 137" &&
             ! out_has stubborn "STILL ALIVE"'
        check "processes: wait_exit times out, a failure, and stops it" \
            'out_has stubborn "timed out after 0.3s waiting for sleeper" && out_has stubborn "wait_exit status 143" &&
             out_has stubborn "t integration: 0 passed, 2 failed"'
        child leftover 'spawn sleeper sleep 300
echo "pid $BG_PID"
exit 0'
        local lp
        lp=$(sed -n 's/^pid //p' "$T/leftover.out")
        check "processes: the EXIT trap stops what is left (pid $lp, rc=$RC)" \
            '[ -n "$lp" ] && ! kill -0 "$lp" 2>/dev/null && [ "$RC" -eq 0 ] && out_has leftover "stopping sleeper"'
        spawn printer -o "$T/port.txt" bash -c 'printf 4242; sleep 0.3; echo; exec sleep 300'
        read_port "$T/port.txt" "$BG_PID" 20
        check "processes: read_port waits for the whole line ($PORT)" '[ "$PORT" = 4242 ] && [ "$URL" = http://127.0.0.1:4242 ]'
        stop_pid "$BG_PID"
        child noport 'LIB_SUITE=t
spawn quiet -o "$T/quiet.txt" bash -c "exit 3"
read_port "$T/quiet.txt" "$BG_PID" 20
finish'
        check "processes: read_port fails at once when the process ends without a port" \
            'out_has noport "ended before printing its port" && [ "$RC" -eq 1 ]'
        if [ -n "${MOCK:-}" ] && [ -x "$MOCK" ]; then
            MOCK=$(abs_path "$MOCK")
            start_mock "$T/mock"
            check "processes: the stand-in's port ($PORT)" '[ "${PORT:-0}" -gt 0 ] && curl -s -o /dev/null "$URL/schemas"'
            stop_mock TERM
            check "processes: the stand-in ends on SIGTERM with 0 ($STOP_RC)" '[ "$STOP_RC" -eq 0 ]'
        fi
    }

    scenario_runner() {
        local body='SCENARIOS=(one two-b)
scenario_one() { echo "one in $T"; ls -A "$T" | wc -l; touch "$T/mark"; check x true; }
scenario_two_b() { echo "two in $T"; ls -A "$T" | wc -l; spawn left sleep 300; echo "left $BG_PID"; }
run_scenarios t "$@"'
        printf 'source %q\n%s\n' "$LIB" "$body" >"$T/r.sh"
        run_within 60 runner -o "$T/unknown.out" -e "$T/unknown.out" bash "$T/r.sh" one nope
        check "runner: an unknown name is an error listing the names (rc=$RC)" \
            '[ "$RC" -eq 2 ] && out_has unknown "unknown scenario(s): nope; the scenarios are: one two-b" &&
             ! out_has unknown "one in"'
        run_within 60 runner -o "$T/alone.out" -e "$T/alone.out" bash "$T/r.sh" two-b
        local lp
        lp=$(sed -n 's/^left //p' "$T/alone.out")
        check "runner: a scenario runs alone, its processes stopped after it (rc=$RC)" \
            '[ "$RC" -eq 0 ] && ! out_has alone "one in" && out_has alone "two in" && [ -n "$lp" ] &&
             ! kill -0 "$lp" 2>/dev/null && out_has alone "t integration: 0 passed, 0 failed"'
        run_within 60 runner -o "$T/all.out" -e "$T/all.out" bash "$T/r.sh"
        check "runner: all in order, each in its own empty directory" \
            '[ "$RC" -eq 0 ] && [ "$(grep -A1 " in /" "$T/all.out" | grep -cx "0")" -eq 2 ] &&
             [ "$(sed -n "s/^one in //p" "$T/all.out")" != "$(sed -n "s/^two in //p" "$T/all.out")" ] &&
             grep -n " in /" "$T/all.out" | head -1 | grep -q "one in"'
    }

    SCENARIOS=(checks waits processes runner)
    run_scenarios lib "$@"
fi

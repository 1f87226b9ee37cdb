#!/usr/bin/env bash
# Integration: `make install` with PREFIX and DESTDIR puts the binary, the
# stand-in, the systemd unit (with the installed binary's path) and the example
# config where they belong, and what is installed runs; the unit is one
# systemd can read (systemd-analyze verify, when systemd is on the machine).
#
#   bash tests/integration/install.sh [SCENARIO...]    none: all; --list: the names
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
source "$HERE/lib.sh"
lib_setup

SCENARIOS=(prefix-destdir)

scenario_prefix_destdir() {
    local build unit
    build=$(cd "$(dirname "$BIN")" && pwd)
    run_within 120 "make install" -e "$T/install.err" -o "$T/install.out" \
        make -s -C "$ROOT" install BUILD="$build" PREFIX=/opt/ea DESTDIR="$T/root"
    expect_eq "make install status" "$RC" 0
    check "binary installed, executable" "[ -x '$T/root/opt/ea/bin/encharge-actions' ]"
    check "stand-in installed" "[ -x '$T/root/opt/ea/bin/encharge-mock' ]"
    unit="$T/root/opt/ea/lib/systemd/system/encharge-actions.service"
    check "unit installed" "[ -f '$unit' ]"
    check "unit: ExecStart names the installed binary" grep -q '^ExecStart=/opt/ea/bin/encharge-actions serve ' "$unit"
    check "unit: no placeholder left" "! grep -q '@BINDIR@' '$unit'"
    check "unit: SIGHUP reloads" grep -q '^ExecReload=/bin/kill -HUP \$MAINPID' "$unit"
    check "unit: stopped by SIGTERM" grep -q '^KillSignal=SIGTERM' "$unit"
    check "example config" "[ -f '$T/root/opt/ea/share/encharge-actions/encharge.lua.example' ]"
    local v
    v=$("$T/root/opt/ea/bin/encharge-actions" version 2>&1)
    expect_contains "installed binary runs" "$v" "encharge-actions"
    if command -v systemd-analyze >/dev/null 2>&1; then
        # the installed paths are under DESTDIR: verify a copy naming a binary that exists here
        sed "s|/opt/ea/bin/encharge-actions|$T/root/opt/ea/bin/encharge-actions|" "$unit" >"$T/encharge-actions.service"
        run_within 60 "systemd-analyze verify" -e "$T/verify.err" systemd-analyze verify "$T/encharge-actions.service"
        expect_eq "systemd-analyze verify" "$RC" 0
    else
        echo "install: systemd-analyze not on this machine: the unit's syntax is not verified"
    fi
}

run_scenarios install "$@"

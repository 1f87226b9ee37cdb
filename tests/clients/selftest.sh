#!/usr/bin/env bash
# Proves the harness itself: both senders against record-server.mjs (not against encharge-actions), each
# record then checked by check-record.mjs. Needs no build of the project. Ends with 'N passed, N failed'.
#   tests/clients/selftest.sh            # node 5000 calls; browser 20 events, standard and batching
#   NODE_COUNT=500 BROWSER_COUNT=10 tests/clients/selftest.sh
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here" || exit 1
"$here/setup.sh" || exit 1

NODE_COUNT="${NODE_COUNT:-5000}"
BROWSER_COUNT="${BROWSER_COUNT:-20}"
KEY=selftest_write_key
tmp="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# start_recorder NAME [ARGS...]: sets URL to the recorder's base URL; its record is $tmp/NAME.jsonl
start_recorder() {
  local name="$1"; shift
  : > "$tmp/$name.jsonl"
  node record-server.mjs --out "$tmp/$name.jsonl" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err" &
  pids+=("$!")
  local i
  for i in $(seq 100); do
    URL="$(sed -n 's/^listening on //p' "$tmp/$name.out" 2>/dev/null)"
    [ -n "$URL" ] && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.05
  done
  echo "record-server did not start: $(cat "$tmp/$name.err")" >&2
  return 1
}

pass=0
fail=0
check() { # check NAME EXPECTED_RC RC
  if [ "$3" -eq "$2" ]; then pass=$((pass + 1)); echo "PASS $1"; else fail=$((fail + 1)); echo "FAIL $1 (exit $3, wanted $2)"; fi
}

start_recorder node || exit 1
out="$(timeout 180 node node-sender.mjs --host "$URL" --write-key "$KEY" --count "$NODE_COUNT")"; rc=$?
echo "  node-sender: $out"
check "node-sender $NODE_COUNT calls" 0 "$rc"
out="$(node check-record.mjs --in "$tmp/node.jsonl" --count "$NODE_COUNT")"; rc=$?
echo "  recorded: $out"
check "node-sender: every seq recorded exactly once" 0 "$rc"

if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  for mode in "inline" "served" "inline --batching"; do
    name="browser-${mode// /}"
    start_recorder "$name" || exit 1
    # shellcheck disable=SC2086
    out="$(timeout 70 node browser/browser-sender.mjs --endpoint "$URL" --write-key "$KEY" --count "$BROWSER_COUNT" --settings $mode)"; rc=$?
    echo "  browser-sender --settings $mode: $(printf '%s' "$out" | node -e '
      let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
        try { const o = JSON.parse(s); delete o.wire.sample; console.log(JSON.stringify({sent: o.sent, ok: o.ok, preflights: o.preflights, failed: o.failed.length, wire: o.wire, blocked: o.blocked, ms: o.ms, aborted: o.aborted})) }
        catch { console.log(s) } })')"
    check "browser-sender --settings $mode, $BROWSER_COUNT events" 0 "$rc"
    out="$(node check-record.mjs --in "$tmp/$name.jsonl" --count "$BROWSER_COUNT" --allow-duplicates)"; rc=$?
    echo "  recorded: $out"
    check "browser-sender --settings $mode: every seq recorded" 0 "$rc"
  done
  # the guard: with the library's defaults it asks cdn.segment.com; the run must fail, quickly
  out="$(timeout 70 node browser/browser-sender.mjs --endpoint "$URL" --write-key "$KEY" --count 2 --settings default --timeout 20000)"; rc=$?
  echo "  browser-sender --settings default: blocked $(printf '%s' "$out" | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{try{console.log(JSON.stringify(JSON.parse(s).blocked))}catch{console.log(s)}})')"
  check "browser-sender refuses a non-loopback request" 1 "$rc"
else
  echo "SKIP browser: no Chromium at ${CHROMIUM:-/usr/bin/chromium}"
fi

echo "clients selftest: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

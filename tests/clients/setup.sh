#!/usr/bin/env bash
# Installs the client libraries the client tests drive into tests/clients/node_modules, from package-lock.json.
# Idempotent: does nothing when node_modules was installed from the current lock (a stamp holding the lock's
# sha256 is kept in node_modules/.setup-stamp). Prints one line saying what it did; exits non-zero with a
# message on stderr when it cannot (no node/npm, node older than 20, npm ci failed, the registry unreachable).
# Also checks that the browser the browser test needs is there (CHROMIUM, default /usr/bin/chromium), as a
# warning only: the node test needs no browser.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here" || exit 1

fail() { echo "tests/clients/setup.sh: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || fail "node is not installed (Node >= 20 is needed: apt-get install nodejs npm)"
command -v npm >/dev/null 2>&1 || fail "npm is not installed (apt-get install npm)"
major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" || fail "node does not run"
[ "${major:-0}" -ge 20 ] 2>/dev/null || fail "node $(node -v) is too old: @segment/analytics-node 3 needs Node >= 20"
[ -f package-lock.json ] || fail "package-lock.json is missing in $here"

want="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
stamp=node_modules/.setup-stamp
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
  && [ -d node_modules/@segment/analytics-node ] && [ -d node_modules/@segment/analytics-next ] \
  && [ -d node_modules/playwright-core ]; then
  what="up to date"
else
  log="$(mktemp)"
  # PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: playwright-core downloads nothing anyway; this keeps it so.
  if ! PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 300 npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    rm -f "$log"
    fail "npm ci failed (is the npm registry reachable?)"
  fi
  rm -f "$log"
  printf '%s\n' "$want" > "$stamp"
  what="installed with npm ci"
fi

versions="$(node -e '
  const v = (p) => require(p + "/package.json").version
  console.log(["@segment/analytics-node", "@segment/analytics-next", "playwright-core"].map((p) => p + "@" + v(p)).join(" "))
' 2>/dev/null)" || fail "node_modules is incomplete after install; remove $here/node_modules and run again"

browser="${CHROMIUM:-/usr/bin/chromium}"
note=""
[ -x "$browser" ] || note=" (warning: no browser at $browser; the browser test needs it: apt-get install chromium)"
echo "tests/clients: $what: $versions$note"

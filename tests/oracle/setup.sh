#!/usr/bin/env bash
# Installs the upstream npm packages our oracle generators ask, at pinned
# versions, into $ENCHARGE_ORACLE_DIR (default /tmp/encharge-oracle):
#
#   @segment/actions-core 3.170.0             mapping-kit transform(), defaultValues()
#   @segment/destination-subscriptions 3.37.0 parseFql() + validate() (triggers)
#   @segment/action-destinations 3.497.0      only its Encharge folder (the actions'
#                                             field definitions, for their defaults)
#
#   bash tests/oracle/setup.sh
#   ENCHARGE_ORACLE_DIR=$HOME/oracle bash tests/oracle/setup.sh
#
# Needs Node.js 20+ and npm reaching the npm registry; writes nothing outside
# $ENCHARGE_ORACLE_DIR (which it empties first). Used by tests/map/gen/*.mjs.
set -euo pipefail

DIR="${ENCHARGE_ORACLE_DIR:-/tmp/encharge-oracle}"
CORE=3.170.0
SUBS=3.37.0
AD=3.497.0

case "$DIR" in
  "" | / ) echo "setup.sh: refusing ENCHARGE_ORACLE_DIR='$DIR'" >&2; exit 2 ;;
esac
command -v node >/dev/null && command -v npm >/dev/null || { echo "setup.sh: needs node and npm" >&2; exit 2; }
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 20 ] || { echo "setup.sh: needs Node.js 20+, have $(node --version)" >&2; exit 2; }

rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"

# liquidjs is loaded by actions-core's mapping-kit without being declared by
# it, so it is named here. Everything actions-core and destination-subscriptions
# load at run time is pinned (overrides) so that a later install gives the same
# tree (only @types/node, type declarations never loaded, floats).
cat >package.json <<EOF
{
  "name": "encharge-oracle",
  "version": "1.0.0",
  "private": true,
  "description": "Upstream packages asked by the encharge-actions test generators",
  "dependencies": {
    "@segment/actions-core": "$CORE",
    "@segment/destination-subscriptions": "$SUBS",
    "liquidjs": "10.30.1",
    "lodash": "4.18.1"
  },
  "overrides": {
    "@segment/destination-subscriptions": "$SUBS",
    "@segment/fql-ts": "1.10.1",
    "@segment/ajv-human-errors": "2.16.0",
    "@lukeed/uuid": "2.0.1",
    "aggregate-error": "3.1.0",
    "ajv": "8.20.0",
    "ajv-formats": "2.1.1",
    "fast-uri": "3.1.5",
    "btoa-lite": "1.0.0",
    "cross-fetch": "3.2.0",
    "node-fetch": "2.7.0",
    "dayjs": "1.11.23",
    "ts-custom-error": "3.3.1",
    "@lukeed/csprng": "1.1.0",
    "clean-stack": "2.2.0",
    "commander": "10.0.1",
    "fast-deep-equal": "3.1.3",
    "indent-string": "4.0.0",
    "json-schema-traverse": "1.0.0",
    "require-from-string": "2.0.2",
    "tr46": "0.0.3",
    "webidl-conversions": "3.0.1",
    "whatwg-url": "5.0.0"
  }
}
EOF
npm install --no-audit --no-fund --ignore-scripts --loglevel=error

# Only the Encharge destination of action-destinations (the whole package and
# its dependencies are ~120 MB): unpacked beside node_modules, so its
# require('@segment/actions-core') finds the one installed above.
mkdir -p .pack
tgz="$(npm pack "@segment/action-destinations@$AD" --pack-destination .pack --loglevel=error | tail -n 1)"
tar -xzf ".pack/$tgz" -C .pack
mkdir -p action-destinations/dist/destinations
cp .pack/package/package.json action-destinations/
cp -R .pack/package/dist/destinations/encharge action-destinations/dist/destinations/
rm -rf .pack

node - "$DIR" <<'EOF'
const { createRequire } = require('node:module');
const dir = process.argv[2];
const r = createRequire(dir + '/package.json');
const fs = require('node:fs');
const v = (p) => JSON.parse(fs.readFileSync(dir + '/node_modules/' + p + '/package.json', 'utf8')).version;
console.log('actions-core', v('@segment/actions-core'),
            '| destination-subscriptions', v('@segment/destination-subscriptions'),
            '| fql-ts', v('@segment/fql-ts'),
            '| action-destinations (encharge only)', JSON.parse(fs.readFileSync(dir + '/action-destinations/package.json', 'utf8')).version);
const enc = r('./action-destinations/dist/destinations/encharge').default;
console.log('encharge actions:', Object.keys(enc.actions).join(' '));
EOF
echo "installed in $DIR ($(du -sh "$DIR" | cut -f1))"

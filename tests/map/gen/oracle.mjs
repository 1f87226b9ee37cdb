// oracle.mjs — what the generators of tests/map/data/ share: where upstream is
// installed, NDJSON in and out, and --check against the stored data.
//
// Upstream is loaded from $ENCHARGE_ORACLE_DIR (default /tmp/encharge-oracle),
// as installed by tests/oracle/setup.sh; its versions are checked against the
// pins, since the stored answers are those of exactly these versions.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const ORACLE_DIR = process.env.ENCHARGE_ORACLE_DIR || '/tmp/encharge-oracle';
// package -> [its package.json within the install, version]
const PINS = {
  '@segment/actions-core': ['node_modules/@segment/actions-core', '3.170.0'],
  '@segment/destination-subscriptions': ['node_modules/@segment/destination-subscriptions', '3.37.0'],
  '@segment/action-destinations': ['action-destinations', '3.497.0'], // its Encharge folder only
};

// A file's text, or a clean stop naming it.
function slurp(file) {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    die(`${file}: ${e.message}`);
  }
}

export function die(msg) {
  process.stderr.write(`${path.basename(process.argv[1])}: ${msg}\n`);
  process.exit(1);
}

// require() resolving in the upstream install, after checking its versions.
export function upstream() {
  const pkg = path.join(ORACLE_DIR, 'package.json');
  if (!fs.existsSync(pkg)) die(`no upstream install in ${ORACLE_DIR}: run bash tests/oracle/setup.sh (or set ENCHARGE_ORACLE_DIR)`);
  for (const [name, [dir, want]] of Object.entries(PINS)) {
    const file = path.join(ORACLE_DIR, dir, 'package.json');
    const have = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')).version : 'none';
    if (have !== want) die(`${ORACLE_DIR} has ${name} ${have}, the data is of ${want}: rerun tests/oracle/setup.sh`);
  }
  return createRequire(pkg);
}

// The repository's own file at rel (a path relative to the repository root).
export const repo = (rel) => path.join(ROOT, rel);

// The objects of an NDJSON file ('-': stdin); a bad line stops with file:line.
export function readRows(file) {
  const text = slurp(file);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line, i) => {
    let v;
    try {
      v = JSON.parse(line);
    } catch (e) {
      die(`${file}:${i + 1}: ${e.message}`);
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) die(`${file}:${i + 1}: not a JSON object`);
    return v;
  });
}

// Writes the rows as NDJSON to stdout, or with --check FILE compares them,
// line for line and byte for byte, with FILE: prints each row that differs (label(row) names it) and exits 1 when
// any does.
export function emit(rows, check, label) {
  const out = rows.map((r) => JSON.stringify(r));
  if (!check) {
    process.stdout.write(out.map((l) => l + '\n').join(''));
    return;
  }
  const stored = slurp(check).split('\n');
  if (stored[stored.length - 1] === '') stored.pop();
  let bad = 0;
  for (let i = 0; i < Math.max(out.length, stored.length); i++) {
    if (out[i] === stored[i]) continue;
    bad++;
    const name = i < rows.length ? label(rows[i]) : `(stored line ${i + 1} only)`;
    const a = stored[i] ?? '', b = out[i] ?? '';
    let at = 0;
    while (at < a.length && a[at] === b[at]) at++;
    const from = Math.max(0, at - 60), show = (s) => (s ? `…${s.slice(from, at + 100)}` : '(none)');
    process.stdout.write(`${check}:${i + 1}: ${name} differs at character ${at}\n  stored    ${show(stored[i])}\n  generated ${show(out[i])}\n`);
  }
  process.stdout.write(`${check}: ${out.length} generated, ${stored.length} stored, ${bad} differ\n`);
  if (bad) process.exit(1);
}

// Command line: [--check FILE] [--inputs FILE] plus what extra names (an
// option that takes a value) — returns {check, inputs, ...}.
export function args(extra = []) {
  const a = process.argv.slice(2), o = {};
  for (let i = 0; i < a.length; i++) {
    const k = a[i].replace(/^--/, '');
    if (!a[i].startsWith('--') || !['check', 'inputs', ...extra].includes(k) || i + 1 >= a.length)
      die(`usage: ${['--check FILE', '--inputs FILE', ...extra.map((e) => `--${e} VALUE`)].map((s) => `[${s}]`).join(' ')}`);
    o[k] = a[++i];
  }
  return o;
}

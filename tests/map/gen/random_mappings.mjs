// random_mappings.mjs — random {name, mapping, event} rows from a seed, for
// growing the mapping-kit oracle table (the same seed gives the same rows):
//
//   node tests/map/gen/random_mappings.mjs SEED N > new-inputs.ndjson
//   node tests/map/gen/gen_mapkit_oracle.mjs --inputs new-inputs.ndjson > new-rows.ndjson
//
// Mappings of 1-4 fields f0.. drawn from every directive (well- and ill-formed
// parameters, nested up to depth 3) over events of one shape with varied
// values (falsy ones, non-ASCII, numbers JSON writes differently, strings that
// look like paths, templates or replacement patterns). Rows are named
// rand-SEED-i.
import { pathToFileURL } from 'node:url';

// mulberry32: a small seeded PRNG, enough for test inputs.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRS = ['', ' ', 'a', 'ab', 'aB b', 'x.y', 'é', 'É', 'ß', 'ΑΣ', 'İ', 'x😀y', '{{{b}}}', '{"a":1}', '[1,2]',
  '$&', "$'", '$$', '_', '.', 'length', 'upper', 'lower', 'left', 'right', 'encode', 'q'];
const NUMS = [0, 1, -1, 1.5, 100, 1e21, 1e-7, 12345678901234567];
const ANY = [null, true, false, 0, 1, '', 'x', [], {}, [1, 2], { k: 'v' }];
const PATHS = ['$', '$.', 'a', '$.a', '$.a.b', '$.b', '$.c', '$.s', '$.s.length', '$.s[1]', '$.arr', '$.arr[0]',
  '$.arr.length', '$.o', '$.o.x', '$.o.y.z', '$.n', '$.nul.q', '$.z', '$.e', '$.t', '$.f', '$.obj2', '$.obj2.1',
  "$.obj2['k']", '$.nope.x'];
const TEMPLATES = ['{{b}}', '{{{b}}}', '{{arr}}|{{c}}', '{{o.x}}-{{z}}', 'x{{nope}}y', '{{s.length}}', 'plain'];

export function randomRows(seed, n) {
  const rnd = prng(seed);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const chance = (p) => rnd() < p;
  const path = () => ({ '@path': pick(PATHS) });
  const leaf = () => (chance(0.6) ? path() : chance(0.5) ? pick(STRS) : pick([...NUMS, ...ANY]));
  const value = (d) => {
    if (d >= 3 || chance(0.35)) return leaf();
    const v = () => value(d + 1);
    switch (Math.floor(rnd() * 15)) {
      case 0: return { '@template': chance(0.9) ? pick(TEMPLATES) : path() };
      case 1: return { '@literal': v() };
      case 2: return { '@if': { [chance(0.7) ? 'exists' : 'blank']: v(), ...(chance(0.8) && { then: v() }), ...(chance(0.6) && { else: v() }) } };
      case 3: return { '@case': { operator: pick(['upper', 'lower', 'title']), value: v() } };
      case 4: return { '@replace': { pattern: pick(['a', ' ', '.', '$', 'x']), ...(chance(0.7) && { replacement: pick(STRS) }), value: v(), ...(chance(0.4) && { global: chance(0.5) }), ...(chance(0.3) && { ignorecase: chance(0.5) }) } };
      case 5: return { '@json': { mode: pick(['encode', 'decode', 'bogus']), value: v() } };
      case 6: return { '@flatten': { separator: pick(['.', '_', '']), value: v(), ...(chance(0.3) && { omitArrays: chance(0.5) }) } };
      case 7: return { '@merge': { ...(chance(0.9) && { direction: pick(['left', 'right']) }), objects: [v(), v(), ...(chance(0.5) ? [v()] : [])] } };
      case 8: return { '@transform': { apply: { a: v(), o: v() }, mapping: { r: v(), s: v() } } };
      case 9: return { '@arrayPath': chance(0.7) ? [pick(PATHS), { x: path(), y: v() }] : [pick(PATHS)] };
      case 10: return { '@excludeWhenNull': v() };
      case 11: return [v(), v()];
      case 12: return { k: v() };
      case 13: return { '@path': chance(0.8) ? pick(PATHS) : v() };
      default: return path();
    }
  };
  const event = () => ({
    a: pick(ANY), b: pick(STRS), c: pick(NUMS), arr: pick([[], [[]], ['x', null], [1, { k: 'v' }]]), s: pick(STRS),
    n: null, z: 0, o: { x: pick(STRS), y: { z: pick([null, 'q', 1]) } }, nul: null, e: '', t: true, f: false,
    obj2: { 1: 'one', k: null, m: { n: null, p: 1 } },
  });
  const rows = [];
  for (let i = 1; i <= n; i++) {
    const mapping = {};
    const fields = 1 + Math.floor(rnd() * 4);
    for (let f = 0; f < fields; f++) mapping[`f${f}`] = value(0);
    rows.push({ name: `rand-${seed}-${i}`, mapping, event: event() });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [seed, n] = process.argv.slice(2).map(Number);
  if (!Number.isInteger(seed) || !Number.isInteger(n) || n < 0) {
    process.stderr.write('usage: random_mappings.mjs SEED N\n');
    process.exit(2);
  }
  process.stdout.write(randomRows(seed, n).map((r) => JSON.stringify(r) + '\n').join(''));
}

// gen_mapkit_oracle.mjs — upstream's answers for tests/map/data/mapkit-oracle.ndjson.
//
//   node tests/map/gen/gen_mapkit_oracle.mjs > tests/map/data/mapkit-oracle.ndjson
//   node tests/map/gen/gen_mapkit_oracle.mjs --check tests/map/data/mapkit-oracle.ndjson
//   node tests/map/gen/gen_mapkit_oracle.mjs --inputs rows.ndjson     ('-': stdin)
//
// Input rows {name, mapping, event} are those of mapkit_inputs.mjs unless
// --inputs names a file; each output row adds expect, the text test_mapkit.c
// compares its own rendering with byte for byte. With @segment/actions-core
// 3.170.0's mapping-kit:
//   expect = JSON.stringify({ok: transform(mapping, event)})
//         or JSON.stringify({err: message}) when it throws, where for an
//            AggregateError (mapping validation) the messages of the
//            ValidationErrors it holds are joined by " ".
import { createRequire } from 'node:module';
import { args, emit, readRows, upstream } from './oracle.mjs';
import { mapkitInputs } from './mapkit_inputs.mjs';

const opt = args();
const req = upstream();
const { transform } = req('@segment/actions-core');
// The AggregateError class mapping-kit's validate throws (package aggregate-error).
const PkgAggregateError = createRequire(req.resolve('@segment/actions-core'))('aggregate-error');

function message(e) {
  if (e instanceof PkgAggregateError) return [...e].map(message).join(' ');
  if (e instanceof AggregateError) return e.errors.map(message).join(' ');
  return e instanceof Error ? e.message : String(e);
}

function answer(mapping, event) {
  // transform gets its own copies: the row must stay as read.
  const copy = (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
  try {
    return JSON.stringify({ ok: transform(copy(mapping), copy(event)) });
  } catch (e) {
    return JSON.stringify({ err: message(e) });
  }
}

const inputs = opt.inputs ? readRows(opt.inputs) : mapkitInputs(req);
const out = inputs.map(({ name, mapping, event }) => ({ name, mapping, event, expect: answer(mapping, event) }));
emit(out, opt.check, (r) => r.name);

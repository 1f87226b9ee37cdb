// gen_trigger_oracle.mjs — upstream's answers for tests/map/data/trigger-oracle.ndjson.
//
//   node tests/map/gen/gen_trigger_oracle.mjs > tests/map/data/trigger-oracle.ndjson
//   node tests/map/gen/gen_trigger_oracle.mjs --check tests/map/data/trigger-oracle.ndjson
//   node tests/map/gen/gen_trigger_oracle.mjs --inputs my-pairs.ndjson    ('-': stdin)
//
// Reads {trigger, event} rows (default tests/map/gen/inputs/trigger-pairs.ndjson)
// and writes {trigger, event, match} with match as upstream decides it,
// @segment/destination-subscriptions 3.37.0:
//   Boolean(validate(parseFql(trigger), event))
// A trigger upstream cannot parse stops the run (such rows do not belong in
// the table: our parser's errors are tested by hand in test_trigger.c).
import { args, die, emit, readRows, repo, upstream } from './oracle.mjs';

const opt = args();
const inputs = opt.inputs ?? repo('tests/map/gen/inputs/trigger-pairs.ndjson');
const { parseFql, validate } = upstream()('@segment/destination-subscriptions');

const out = readRows(inputs).map((row, i) => {
  if (typeof row.trigger !== 'string' || !('event' in row)) die(`${inputs}:${i + 1}: expected {trigger, event}`);
  const ast = parseFql(row.trigger);
  if (ast.error) die(`${inputs}:${i + 1}: upstream cannot parse ${JSON.stringify(row.trigger)}: ${ast.error.message ?? ast.error}`);
  return { trigger: row.trigger, event: row.event, match: Boolean(validate(ast, row.event)) };
});
emit(out, opt.check, (r) => `${JSON.stringify(r.trigger)} on ${JSON.stringify(r.event)}`);

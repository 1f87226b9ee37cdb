// mapkit_inputs.mjs — the {name, mapping, event} rows of the mapping-kit
// oracle table, in the table's order:
//
//   hand-*     inputs/mapkit-hand.ndjson: hand-written directive cases
//   mapkit-*   the mapping and event of each case of tests/cases/mapkit-directives.ndjson
//   default-*  upstream's default mapping of an action (actions-core's
//              defaultValues(fields) of the Encharge action, from
//              @segment/action-destinations 3.497.0) on the events of
//              inputs/mapkit-default-events.ndjson
//   fuzz-*     inputs/mapkit-random.ndjson: random mappings kept as they were
//              drawn (the generator that drew them is not kept; new random
//              rows come from random_mappings.mjs, from a seed)
//
//   node tests/map/gen/mapkit_inputs.mjs > inputs.ndjson     (prints them)
import { pathToFileURL } from 'node:url';
import { die, emit, readRows, repo, upstream } from './oracle.mjs';

export function mapkitInputs(req) {
  const core = req('@segment/actions-core');
  const enc = req('./action-destinations/dist/destinations/encharge').default;
  const hand = readRows(repo('tests/map/gen/inputs/mapkit-hand.ndjson'));
  const cases = readRows(repo('tests/cases/mapkit-directives.ndjson'))
    .filter((c) => 'mapping' in c)
    .map((c) => ({ name: c.id, mapping: c.mapping, event: c.event }));
  const defaults = readRows(repo('tests/map/gen/inputs/mapkit-default-events.ndjson')).map((d) => {
    const action = enc.actions[d.action];
    if (!action) die(`mapkit-default-events.ndjson: ${d.name}: no action ${d.action} upstream`);
    return { name: d.name, mapping: core.defaultValues(action.fields), event: d.event };
  });
  const random = readRows(repo('tests/map/gen/inputs/mapkit-random.ndjson'));
  const rows = [...hand, ...cases, ...defaults, ...random];
  const seen = new Set();
  for (const r of rows) {
    if (typeof r.name !== 'string' || !('mapping' in r) || !('event' in r)) die(`bad input row ${JSON.stringify(r).slice(0, 80)}`);
    if (seen.has(r.name)) die(`two input rows named ${r.name}`);
    seen.add(r.name);
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  emit(mapkitInputs(upstream()), null, null);
}

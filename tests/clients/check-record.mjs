#!/usr/bin/env node
// Reads a record-server.mjs --out file and says whether the events with seq 0..N-1 all arrived.
//
//   node check-record.mjs --in FILE --count N [--allow-duplicates]
//
// Prints one JSON line {"requests","preflights","events","distinct","missing":[..],"duplicates":[..],
// "byPath":{..},"contentTypes":{..},"authorization":{..},"writeKeyInBody":n}; exit 0 when no seq of 0..N-1 is
// missing (and none came twice, unless --allow-duplicates: a browser may resend an event it did not see
// answered), 1 otherwise.
import fs from 'node:fs'
import { seqOf } from './events.mjs'

const a = { in: null, count: null, dups: false }
const argv = process.argv.slice(2)
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--in') a.in = argv[++i]
  else if (argv[i] === '--count') a.count = Number(argv[++i])
  else if (argv[i] === '--allow-duplicates') a.dups = true
  else {
    console.error(`check-record: unknown argument ${argv[i]}`)
    process.exit(2)
  }
}
if (!a.in || !Number.isInteger(a.count)) {
  console.error('usage: node check-record.mjs --in FILE --count N [--allow-duplicates]')
  process.exit(2)
}

const lines = fs.readFileSync(a.in, 'utf8').split('\n').filter(Boolean)
const seen = new Map()
const byPath = {}
const contentTypes = {}
const authorization = {}
let requests = 0
let preflights = 0
let events = 0
let writeKeyInBody = 0
const bump = (o, k) => {
  o[k] = (o[k] ?? 0) + 1
}
for (const l of lines) {
  const r = JSON.parse(l)
  if (r.method === 'OPTIONS') {
    preflights++
    continue
  }
  requests++
  bump(byPath, `${r.method} ${r.path}`)
  bump(contentTypes, r.headers['content-type'] ?? '(none)')
  const m = /^Basic (.+)$/.exec(r.headers.authorization ?? '')
  bump(authorization, m ? `Basic base64("${Buffer.from(m[1], 'base64').toString('utf8')}")` : (r.headers.authorization ?? '(none)'))
  const body = r.json
  if (body && typeof body.writeKey === 'string') writeKeyInBody++
  const evs = body && Array.isArray(body.batch) ? body.batch : body ? [body] : []
  for (const e of evs) {
    events++
    const s = seqOf(e)
    if (s !== null) seen.set(s, (seen.get(s) ?? 0) + 1)
  }
}
const missing = []
const duplicates = []
for (let i = 0; i < a.count; i++) {
  const n = seen.get(i) ?? 0
  if (n === 0) missing.push(i)
  else if (n > 1) duplicates.push(i)
}
const out = {
  requests,
  preflights,
  events,
  distinct: seen.size,
  missing: missing.slice(0, 50),
  missingCount: missing.length,
  duplicates: duplicates.slice(0, 50),
  duplicateCount: duplicates.length,
  byPath,
  contentTypes,
  authorization,
  writeKeyInBody,
}
process.stdout.write(JSON.stringify(out) + '\n')
process.exit(missing.length === 0 && (a.dups || duplicates.length === 0) ? 0 : 1)

#!/usr/bin/env node
// Drives the real @segment/analytics-node against a Segment-compatible endpoint.
//
//   node node-sender.mjs --host URL --write-key K [--count N] [--path /v1/batch] [--flush-at 15]
//                        [--flush-interval MS] [--max-retries 3] [--http-timeout MS] [--timeout MS]
//
// Makes N calls (default 5000) cycling track/identify/page/group/alias (events.mjs), then closeAndFlush().
// Prints one JSON line on stdout:
//   {"sent":N,"delivered":D,"errors":E,"byType":{"track":{"sent":..,"delivered":..,"errors":..},...},
//    "requests":R,"statuses":{"200":R},"firstError":null|"...","ms":T}
// Exit 0 only when every call was delivered (the library saw a 2xx/3xx for its batch) and no error was
// emitted; 1 otherwise (also on --timeout, default 120000 ms); 2 on bad arguments.
import { createRequire } from 'node:module'
import { callFor, TYPES } from './events.mjs'

const require = createRequire(import.meta.url)

function die(msg, code = 2) {
  console.error(`node-sender: ${msg}`)
  process.exit(code)
}

function parseArgs(argv) {
  const a = {
    host: null,
    writeKey: null,
    count: 5000,
    path: '/v1/batch',
    flushAt: 15,
    flushInterval: 1000,
    maxRetries: 3,
    httpTimeout: 10000,
    timeout: 120000,
  }
  const num = (k, v) => {
    const n = Number(v)
    if (!Number.isInteger(n) || n < 0) die(`${k} wants a non-negative integer, got ${v}`)
    return n
  }
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]
    const v = () => {
      if (i + 1 >= argv.length) die(`${k} needs a value`)
      return argv[++i]
    }
    switch (k) {
      case '--host': a.host = v(); break
      case '--write-key': a.writeKey = v(); break
      case '--count': a.count = num(k, v()); break
      case '--path': a.path = v(); break
      case '--flush-at': a.flushAt = num(k, v()); break
      case '--flush-interval': a.flushInterval = num(k, v()); break
      case '--max-retries': a.maxRetries = num(k, v()); break
      case '--http-timeout': a.httpTimeout = num(k, v()); break
      case '--timeout': a.timeout = num(k, v()); break
      case '-h':
      case '--help':
        console.log('usage: node node-sender.mjs --host URL --write-key K [--count N] [--path P] [--flush-at N] [--flush-interval MS] [--max-retries N] [--http-timeout MS] [--timeout MS]')
        process.exit(0)
      default: die(`unknown argument ${k}`)
    }
  }
  if (!a.host) die('--host URL is required (e.g. http://127.0.0.1:8080)')
  if (!a.writeKey) die('--write-key K is required')
  return a
}

const args = parseArgs(process.argv.slice(2))

let Analytics
try {
  ;({ Analytics } = require('@segment/analytics-node'))
} catch (e) {
  die(`cannot load @segment/analytics-node (run tests/clients/setup.sh first): ${e.message}`)
}

const t0 = Date.now()
const byType = Object.fromEntries(TYPES.map((t) => [t, { sent: 0, delivered: 0, errors: 0 }]))
const statuses = {}
let requests = 0
let delivered = 0
let errors = 0
let firstError = null
let done = false

function summary() {
  return {
    sent: args.count,
    delivered,
    errors,
    byType,
    requests,
    statuses,
    firstError,
    ms: Date.now() - t0,
  }
}

function finish(reason) {
  if (done) return
  done = true
  const s = summary()
  if (reason) s.aborted = reason
  process.stdout.write(JSON.stringify(s) + '\n')
  const ok = !reason && delivered === args.count && errors === 0
  // exit explicitly: a hung socket must not keep the process alive past the deadline
  process.exit(ok ? 0 : 1)
}

const deadline = setTimeout(() => finish(`timeout after ${args.timeout} ms`), args.timeout)

const analytics = new Analytics({
  writeKey: args.writeKey,
  host: args.host,
  path: args.path,
  flushAt: args.flushAt,
  flushInterval: args.flushInterval,
  maxRetries: args.maxRetries,
  httpRequestTimeout: args.httpTimeout,
})

analytics.on('http_request', () => {
  requests++
})
analytics.on('http_response', (r) => {
  statuses[r.status] = (statuses[r.status] ?? 0) + 1
})
analytics.on('error', (err) => {
  errors++
  if (firstError === null) firstError = `${err.code}: ${err.reason?.message ?? err.reason}`
})

function onDelivered(type) {
  return (err) => {
    if (err) {
      byType[type].errors++
      if (firstError === null) firstError = `${type}: ${err.message ?? err}`
    } else {
      byType[type].delivered++
      delivered++
    }
  }
}

for (let i = 0; i < args.count; i++) {
  const c = callFor(i)
  byType[c.type].sent++
  const cb = onDelivered(c.type)
  switch (c.type) {
    case 'track':
      analytics.track({ userId: c.userId, event: c.event, properties: c.properties }, cb)
      break
    case 'identify':
      analytics.identify({ userId: c.userId, traits: c.traits }, cb)
      break
    case 'page':
      analytics.page({ userId: c.userId, category: c.category, name: c.name, properties: c.properties }, cb)
      break
    case 'group':
      analytics.group({ userId: c.userId, groupId: c.groupId, traits: c.traits }, cb)
      break
    case 'alias':
      analytics.alias({ userId: c.userId, previousId: c.previousId, context: c.context }, cb)
      break
  }
}

analytics
  .closeAndFlush({ timeout: args.timeout })
  .then(() => {
    clearTimeout(deadline)
    // callbacks run before closeAndFlush resolves; give a rejected batch's callbacks one turn
    setImmediate(() => finish(delivered + errors < args.count ? 'closeAndFlush ended before every call was settled' : null))
  })
  .catch((e) => finish(`closeAndFlush failed: ${e.message}`))

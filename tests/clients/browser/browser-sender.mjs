#!/usr/bin/env node
// Drives the real @segment/analytics-next, in Debian's Chromium (headless, through playwright-core), against a
// Segment-compatible endpoint, from a page of another origin.
//
//   node browser/browser-sender.mjs --endpoint URL --write-key K [--count N] [--settings inline|served|default]
//        [--batching] [--batch-size N] [--sequential] [--timeout MS] [--chromium PATH] [--capture FILE]
//
// It serves, on 127.0.0.1 port 0 (another origin than the endpoint), index.html, page.mjs, ../events.mjs and
// analytics-next's UMD bundles (node_modules/@segment/analytics-next/dist/umd, as /analytics-next/bundles/*),
// opens the page in Chromium and makes N calls (default 20) cycling track/identify/page/group/alias. It waits
// until every call's event was answered 2xx by the endpoint, with CORS headers that let the page read it, as
// seen on the network, or until --timeout (default 45000 ms; the whole run, Chromium's start included).
//
// --settings: inline (default): the source's CDN settings are given to AnalyticsBrowser.load (cdnSettings), and
//   apiHost/protocol in the load options: no settings request at all. served: the page's server answers
//   <cdnURL>/v1/projects/<K>/settings with settings naming the endpoint. default: the library's own defaults
//   (no cdnURL, no cdnSettings, no CDN hint on the page: it asks https://cdn.segment.com for the settings):
//   the run must fail, on the guard below; it shows the guard works.
// --batching: deliveryStrategy "batching" (POST <apiHost>/b with {batch:[...]}) instead of one POST per event.
// --sequential: the page makes each call once the previous one settled (default: all N calls at once).
// --capture FILE: one JSON line per request Chromium sent to the endpoint (preflights aside), written when it
//   is settled: {"t":<unix ms of the answer>,"method","path","headers":{...},"retryCount":<X-Retry-Count or
//   null>,"postData":"<the body exactly as sent, a string>","status":<HTTP status, or null>,"failed":<why, or
//   null>}; requests still unanswered when the run ends get status null and failed "no answer". So the file
//   holds exactly the events the endpoint was given, as Chromium put them on the wire (Playwright's
//   request.postData(): the request body, not what the page meant to send).
//
// Every request the page makes to a host outside 127.0.0.0/8, localhost or [::1] fails the run (and cannot go
// out: Chromium is started with host resolver rules under which no other name resolves).
// Prints one JSON line: {"sent":N,"ok":K,"preflights":P,"failed":[{seq,type,reason}],"wire":{...},
//   "preflight":[...],"blocked":[...],"libraryErrors":[...],"pageErrors":[...],"ms":T}
// Exit 0 only when all N were answered 2xx and nothing was blocked; 1 otherwise; 2 on bad arguments.
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { callFor, seqOf } from '../events.mjs'

const require = createRequire(import.meta.url)
const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.dirname(here) // tests/clients
const t0 = Date.now()

function die(msg, code = 2) {
  console.error(`browser-sender: ${msg}`)
  process.exit(code)
}

function parseArgs(argv) {
  const a = {
    endpoint: null,
    writeKey: null,
    count: 20,
    settings: 'inline',
    batching: false,
    batchSize: 10,
    timeout: 45000,
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
    sequential: false,
    capture: null,
  }
  const num = (k, v) => {
    const n = Number(v)
    if (!Number.isInteger(n) || n < 1) die(`${k} wants a positive integer, got ${v}`)
    return n
  }
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]
    const v = () => {
      if (i + 1 >= argv.length) die(`${k} needs a value`)
      return argv[++i]
    }
    switch (k) {
      case '--endpoint': a.endpoint = v(); break
      case '--write-key': a.writeKey = v(); break
      case '--count': a.count = num(k, v()); break
      case '--settings': a.settings = v(); break
      case '--batching': a.batching = true; break
      case '--batch-size': a.batchSize = num(k, v()); break
      case '--timeout': a.timeout = num(k, v()); break
      case '--chromium': a.chromium = v(); break
      case '--sequential': a.sequential = true; break
      case '--capture': a.capture = v(); break
      case '-h':
      case '--help':
        console.log('usage: node browser/browser-sender.mjs --endpoint URL --write-key K [--count N] [--settings inline|served|default] [--batching] [--batch-size N] [--sequential] [--timeout MS] [--chromium PATH] [--capture FILE]')
        process.exit(0)
      default: die(`unknown argument ${k}`)
    }
  }
  if (!a.endpoint) die('--endpoint URL is required (e.g. http://127.0.0.1:8080)')
  if (!a.writeKey) die('--write-key K is required')
  if (!['inline', 'served', 'default'].includes(a.settings)) die(`--settings is inline, served or default, not ${a.settings}`)
  return a
}

const args = parseArgs(process.argv.slice(2))
let endpoint
try {
  endpoint = new URL(args.endpoint)
} catch {
  die(`--endpoint ${args.endpoint} is not a URL`)
}
if (!['http:', 'https:'].includes(endpoint.protocol)) die('--endpoint must be http:// or https://')
const endpointOrigin = endpoint.origin
// analytics-next posts to <protocol>://<apiHost>/<t|i|p|g|a|b>: apiHost is host:port plus the /v1 prefix
const apiBase = endpoint.pathname.replace(/\/+$/, '') || '/v1'
const apiHost = endpoint.host + apiBase
const protocol = endpoint.protocol.slice(0, -1)

const isLoopback = (u) => {
  let h
  try {
    h = new URL(u).hostname
  } catch {
    return true // data:, about:, blob: and the like: no host, no network
  }
  if (!h) return true
  return h === 'localhost' || h === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(h)
}
if (!isLoopback(endpointOrigin)) die('--endpoint must be a loopback address (127.0.0.0/8, localhost, [::1])')

let chromium
try {
  ;({ chromium } = require('playwright-core'))
} catch (e) {
  die(`cannot load playwright-core (run tests/clients/setup.sh first): ${e.message}`)
}
const umdDir = path.join(root, 'node_modules/@segment/analytics-next/dist/umd')
if (!fs.existsSync(path.join(umdDir, 'index.js'))) die(`no analytics-next UMD bundle in ${umdDir} (run tests/clients/setup.sh first)`)
if (!fs.existsSync(args.chromium)) die(`no Chromium at ${args.chromium} (apt-get install chromium, or --chromium PATH)`)
let captureFd = null
if (args.capture !== null) {
  try {
    captureFd = fs.openSync(args.capture, 'w')
  } catch (e) {
    die(`--capture ${args.capture}: ${e.message}`)
  }
}

// ---- what is observed -------------------------------------------------------------------------------------
const expected = new Map() // seq -> type
for (let i = 0; i < args.count; i++) expected.set(i, callFor(i).type)
const okSeqs = new Set()
const lastProblem = new Map() // seq -> why its latest attempt did not count
const attempts = new Map() // seq -> requests that carried it
const wire = {
  requests: 0,
  byPath: {},
  methods: {},
  contentTypes: {},
  authorization: {},
  writeKeyInBody: 0,
  statuses: {},
  retryCountHeaders: 0,
  responseCors: {},
  sample: null,
}
const preflight = [] // {path, status, requestMethod, requestHeaders}
const preflightById = new Map()
const blocked = []
const pageErrors = []
let libraryErrors = []
let pageOrigin = null
let done = false
let finishNow = null
const allOk = new Promise((resolve) => {
  finishNow = resolve
})
const bump = (o, k) => {
  o[k] = (o[k] ?? 0) + 1
}
const note = (arr, s) => {
  if (arr.length < 20) arr.push(String(s).slice(0, 300))
}

function eventsOf(body) {
  if (!body || typeof body !== 'object') return []
  if (Array.isArray(body.batch)) return body.batch
  return [body]
}

function parseBody(req) {
  try {
    return JSON.parse(req.postData() ?? '')
  } catch {
    return null
  }
}

// --capture: a request to the endpoint, once settled (synchronous writes: all on disk before the exit)
const pendingCapture = new Set()
function capture(req, status, failed) {
  pendingCapture.delete(req)
  if (captureFd === null || req.method() === 'OPTIONS') return
  const h = req.headers()
  const line = {
    t: Date.now(),
    method: req.method(),
    path: new URL(req.url()).pathname,
    headers: h,
    retryCount: h['x-retry-count'] ?? null,
    postData: req.postData(),
    status,
    failed,
  }
  fs.writeSync(captureFd, JSON.stringify(line) + '\n')
}

function toEndpoint(u) {
  try {
    return new URL(u).origin === endpointOrigin
  } catch {
    return false
  }
}

// ---- the page's server ------------------------------------------------------------------------------------
function settingsJson() {
  const seg = { apiKey: args.writeKey, apiHost, protocol }
  if (args.batching) seg.deliveryStrategy = { strategy: 'batching', config: { size: args.batchSize, timeout: 200 } }
  return JSON.stringify({ integrations: { 'Segment.io': seg }, metrics: { sampleRate: 0 } })
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json' }
const served = []
const staticServer = http.createServer((req, res) => {
  const u = new URL(req.url, 'http://x')
  note(served, `${req.method} ${u.pathname}`)
  const send = (code, type, body) => {
    res.writeHead(code, { 'Content-Type': type, 'Cache-Control': 'no-store' })
    res.end(body)
  }
  const file = (p) => {
    fs.readFile(p, (err, data) => {
      if (err) send(404, 'text/plain', 'not found')
      else send(200, types[path.extname(p)] ?? 'application/octet-stream', data)
    })
  }
  if (u.pathname === '/' || u.pathname === '/index.html') return file(path.join(here, 'index.html'))
  if (u.pathname === '/page.mjs') return file(path.join(here, 'page.mjs'))
  if (u.pathname === '/events.mjs') return file(path.join(root, 'events.mjs'))
  if (u.pathname.startsWith('/analytics-next/bundles/')) {
    const name = path.basename(u.pathname)
    return file(path.join(umdDir, name))
  }
  if (u.pathname === `/v1/projects/${args.writeKey}/settings`) return send(200, 'application/json', settingsJson())
  send(404, 'text/plain', 'not found')
})

// ---- the run ----------------------------------------------------------------------------------------------
let browser = null

function summary(reason) {
  const failed = []
  for (const [seq, type] of expected) {
    if (okSeqs.has(seq)) continue
    failed.push({ seq, type, reason: lastProblem.get(seq) ?? 'no request carrying it was seen' })
  }
  const s = {
    sent: args.count,
    ok: okSeqs.size,
    preflights: preflight.length,
    failed,
    settings: args.settings,
    delivery: args.batching ? `batching(size ${args.batchSize})` : 'standard',
    calls: args.sequential ? 'sequential' : 'all at once',
    endpoint: endpointOrigin,
    pageOrigin,
    apiHost,
    wire,
    preflight,
    blocked,
    pageServer: served,
    libraryErrors,
    pageErrors,
    retriedSeqs: [...attempts.values()].filter((n) => n > 1).length,
    ms: Date.now() - t0,
  }
  if (reason) s.aborted = reason
  return s
}

async function finish(reason) {
  if (done) return
  done = true
  clearTimeout(deadline)
  // the library's own errors, read from the page (bounded: the page may be stuck)
  if (browser) {
    try {
      const errs = await Promise.race([
        pageRef?.evaluate(() => window.__errors ?? []),
        new Promise((r) => setTimeout(() => r(null), 1500)),
      ])
      if (Array.isArray(errs)) libraryErrors = errs.slice(0, 20)
    } catch {
      /* page gone */
    }
  }
  for (const req of [...pendingCapture]) capture(req, null, 'no answer')
  const s = summary(reason)
  process.stdout.write(JSON.stringify(s) + '\n')
  const ok = !reason && s.ok === args.count && blocked.length === 0
  if (browser) await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 3000))])
  staticServer.closeAllConnections?.()
  staticServer.close()
  process.exit(ok ? 0 : 1)
}

const deadline = setTimeout(() => {
  finish(`timeout after ${args.timeout} ms`)
  // finish() is bounded by its own timeouts; this is the last resort
  setTimeout(() => process.exit(1), 8000).unref()
}, args.timeout)
let pageRef = null

async function main() {
  await new Promise((resolve, reject) => {
    staticServer.once('error', reject)
    staticServer.listen(0, '127.0.0.1', resolve)
  })
  pageOrigin = `http://127.0.0.1:${staticServer.address().port}`
  if (pageOrigin === endpointOrigin) throw new Error('the page origin is the endpoint origin')

  browser = await chromium.launch({
    executablePath: args.chromium,
    headless: true,
    timeout: Math.min(20000, args.timeout),
    args: [
      '--no-sandbox', // we run as root
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--no-default-browser-check',
      // nothing but loopback resolves, whatever Chromium itself (not the page) would fetch
      `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE ${endpoint.hostname}`,
    ],
  })
  const context = await browser.newContext() // a fresh profile: no cookies or localStorage from earlier runs
  // No context.route(): with request interception on, Playwright answers CORS preflights itself (204, allow
  // all), so the endpoint's own CORS handling would never be exercised. Non-loopback requests are observed
  // here and fail the run; the host resolver rules above make sure they cannot reach anything.
  context.on('request', (req) => {
    if (!isLoopback(req.url())) note(blocked, `${req.method()} ${req.url()}`)
  })
  const page = await context.newPage()
  pageRef = page
  page.setDefaultTimeout(Math.min(15000, args.timeout))

  page.on('pageerror', (e) => note(pageErrors, `pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') note(pageErrors, `console.${m.type()}: ${m.text()}`)
  })
  page.on('request', (req) => {
    if (!toEndpoint(req.url())) return
    const u = new URL(req.url())
    const h = req.headers()
    wire.requests++
    if (captureFd !== null) pendingCapture.add(req)
    bump(wire.byPath, u.pathname)
    bump(wire.methods, req.method())
    bump(wire.contentTypes, h['content-type'] ?? '(none)')
    if (h['x-retry-count']) wire.retryCountHeaders++
    let auth = h.authorization ?? '(none)'
    const m = /^Basic (.+)$/.exec(auth)
    if (m) auth = `Basic base64("${Buffer.from(m[1], 'base64').toString('utf8')}")`
    bump(wire.authorization, auth)
    const body = parseBody(req)
    if (body && (body.writeKey === args.writeKey || eventsOf(body).some((e) => e.writeKey === args.writeKey))) wire.writeKeyInBody++
    if (wire.sample === null && body) wire.sample = { method: req.method(), path: u.pathname, headers: h, body }
    for (const e of eventsOf(body)) {
      const seq = seqOf(e)
      if (seq === null) continue
      attempts.set(seq, (attempts.get(seq) ?? 0) + 1)
      if (!okSeqs.has(seq)) lastProblem.set(seq, `sent (${req.method()} ${u.pathname}), no answer yet`)
    }
  })
  page.on('response', (resp) => {
    const req = resp.request()
    if (!toEndpoint(req.url())) return
    const status = resp.status()
    bump(wire.statuses, status)
    capture(req, status, null)
    const acao = resp.headers()['access-control-allow-origin']
    bump(wire.responseCors, acao ?? '(none)')
    const readable = acao === '*' || acao === pageOrigin
    for (const e of eventsOf(parseBody(req))) {
      const seq = seqOf(e)
      if (seq === null || !expected.has(seq)) continue
      if (status >= 200 && status < 300 && readable) {
        okSeqs.add(seq)
        lastProblem.delete(seq)
      } else if (!okSeqs.has(seq)) {
        lastProblem.set(seq, readable ? `HTTP ${status}` : `HTTP ${status} without CORS for ${pageOrigin} (Access-Control-Allow-Origin: ${acao ?? 'none'})`)
      }
    }
    if (okSeqs.size === args.count) finishNow()
  })
  page.on('requestfailed', (req) => {
    if (!toEndpoint(req.url())) return
    bump(wire.statuses, `failed: ${req.failure()?.errorText}`)
    capture(req, null, req.failure()?.errorText ?? 'failed')
    for (const e of eventsOf(parseBody(req))) {
      const seq = seqOf(e)
      if (seq !== null && !okSeqs.has(seq)) lastProblem.set(seq, `request failed: ${req.failure()?.errorText}`)
    }
  })

  // CORS preflights are not requests Playwright reports: Chromium's DevTools protocol does
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  cdp.on('Network.requestWillBeSent', (ev) => {
    if (ev.type !== 'Preflight' && ev.request.method !== 'OPTIONS') return
    if (!toEndpoint(ev.request.url)) return
    const h = Object.fromEntries(Object.entries(ev.request.headers).map(([k, v]) => [k.toLowerCase(), v]))
    const p = {
      path: new URL(ev.request.url).pathname,
      status: null,
      requestMethod: h['access-control-request-method'] ?? null,
      requestHeaders: h['access-control-request-headers'] ?? null,
    }
    preflightById.set(ev.requestId, p)
    if (preflight.length < 50) preflight.push(p)
  })
  cdp.on('Network.responseReceived', (ev) => {
    const p = preflightById.get(ev.requestId)
    if (!p) return
    p.status = ev.response.status
    const h = Object.fromEntries(Object.entries(ev.response.headers).map(([k, v]) => [k.toLowerCase(), v]))
    p.allowOrigin = h['access-control-allow-origin'] ?? null
    p.allowHeaders = h['access-control-allow-headers'] ?? null
    p.allowMethods = h['access-control-allow-methods'] ?? null
  })
  cdp.on('Network.loadingFailed', (ev) => {
    const p = preflightById.get(ev.requestId)
    if (p && p.status === null) p.status = `failed: ${ev.errorText}`
  })

  // ?cdn=default: the page leaves the library's CDN default alone (see index.html)
  await page.goto(`${pageOrigin}/${args.settings === 'default' ? '?cdn=default' : ''}`, { waitUntil: 'load' })
  await page.waitForFunction(() => typeof window.__run === 'function' && window.AnalyticsNext)
  await page.evaluate(() => {
    window.__errors = []
  })
  const ran = await page.evaluate(
    async (cfg) => {
      const r = await window.__run(cfg)
      window.__errors.push(...r.errors)
      return r
    },
    { writeKey: args.writeKey, count: args.count, apiHost, protocol, settings: args.settings, batching: args.batching, batchSize: args.batchSize, sequential: args.sequential },
  )
  if (ran.called !== args.count) throw new Error(`the page made ${ran.called} calls, not ${args.count}`)
  if (blocked.length) return finish('a request to a non-loopback host was attempted (blocked)')
  await allOk
  await finish(null)
}

main().catch((e) => finish(`error: ${e.message.split('\n')[0]}`))

#!/usr/bin/env node
// Development stand-in for `encharge-actions serve`: records what a client puts on the wire.
//
//   node record-server.mjs [--out FILE] [--status CODE] [--listen HOST:PORT] [--no-answer] [--no-cors]
//
// First stdout line: `listening on http://HOST:PORT`. Every request (OPTIONS included) is appended to FILE
// as one JSON line {t, method, path, headers, body, bodyBytes, json}: `body` is the raw body as UTF-8
// (base64 with `bodyEncoding: "base64"` when it is not valid UTF-8), `json` the parsed body when it parses
// (after gunzip when Content-Encoding: gzip), else null.
// Answers: OPTIONS -> 204 with CORS headers; anything else -> CODE (default 200) {"success":true} with
// CORS headers. --no-answer: POSTs are read and recorded but never answered (to test client timeouts).
// --no-cors: no CORS headers on any answer (to see a browser refuse them). --status 500 etc.: failures.
// Ends on SIGINT/SIGTERM, or when stdin closes if --stdin-eof is given.
import http from 'node:http'
import fs from 'node:fs'
import zlib from 'node:zlib'

function parseArgs(argv) {
  const a = { out: null, status: 200, listen: '127.0.0.1:0', noAnswer: false, stdinEof: false, noCors: false }
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]
    const v = () => {
      if (i + 1 >= argv.length) die(`${k} needs a value`)
      return argv[++i]
    }
    if (k === '--out') a.out = v()
    else if (k === '--status') a.status = Number(v())
    else if (k === '--listen') a.listen = v()
    else if (k === '--no-answer') a.noAnswer = true
    else if (k === '--stdin-eof') a.stdinEof = true
    else if (k === '--no-cors') a.noCors = true
    else if (k === '--help' || k === '-h') {
      console.log('usage: node record-server.mjs [--out FILE] [--status CODE] [--listen HOST:PORT] [--no-answer] [--no-cors] [--stdin-eof]')
      process.exit(0)
    } else die(`unknown argument ${k}`)
  }
  return a
}

function die(msg) {
  console.error(`record-server: ${msg}`)
  process.exit(2)
}

const args = parseArgs(process.argv.slice(2))
const out = args.out ? fs.openSync(args.out, 'a') : null
const colon = args.listen.lastIndexOf(':')
const host = args.listen.slice(0, colon) || '127.0.0.1'
const port = Number(args.listen.slice(colon + 1) || 0)

function cors(req) {
  if (args.noCors) return {}
  return {
    'Access-Control-Allow-Origin': req.headers.origin || '*',
    'Access-Control-Allow-Headers': 'authorization, content-type, x-retry-count',
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  }
}

function decode(buf, headers) {
  let raw = buf
  const enc = (headers['content-encoding'] || '').toLowerCase()
  try {
    if (enc === 'gzip') raw = zlib.gunzipSync(buf)
    else if (enc === 'deflate') raw = zlib.inflateSync(buf)
  } catch {
    return null
  }
  try {
    return JSON.parse(raw.toString('utf8'))
  } catch {
    return null
  }
}

const server = http.createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    const buf = Buffer.concat(chunks)
    const text = buf.toString('utf8')
    const utf8 = Buffer.from(text, 'utf8').equals(buf)
    const rec = {
      t: new Date().toISOString(),
      method: req.method,
      path: req.url,
      headers: req.headers,
      bodyBytes: buf.length,
      body: utf8 ? text : buf.toString('base64'),
      ...(utf8 ? {} : { bodyEncoding: 'base64' }),
      json: decode(buf, req.headers),
    }
    if (out !== null) fs.writeSync(out, JSON.stringify(rec) + '\n')
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors(req))
      res.end()
      return
    }
    if (args.noAnswer) return // keep the socket open, answer nothing
    const body = args.status >= 200 && args.status < 300 ? '{"success":true}' : '{"success":false}'
    res.writeHead(args.status, { ...cors(req), 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
    res.end(body)
  })
})
server.keepAliveTimeout = 5000
server.on('error', (e) => die(e.message))
server.listen(port, host, () => {
  const a = server.address()
  process.stdout.write(`listening on http://${a.address}:${a.port}\n`)
})
const stop = () => {
  server.closeAllConnections?.()
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 1000).unref()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
if (args.stdinEof) {
  process.stdin.resume()
  process.stdin.on('end', stop)
}

# Writes cases.ndjson (the table test_segment.c reads): run it in this folder.
# A row: the request (path, enc, gzip: inflate-worthy body, auth, keys, body)
# and what is expected (status, code, message: a part of it, events: each
# compared as JSON, invalid: index, code, raw bytes exact, a part of the
# message, key_given). The test's new_id gives srv-id-1, srv-id-2, ...; now
# is 2026-12-01T16:40:00.000Z.
import json
NOW = "2026-12-01T16:40:00.000Z"
rows = []
def row(**k): rows.append(k)
def D(o): return json.dumps(o, separators=(",", ":"), ensure_ascii=False)

# ---------- realistic senders ----------
node_item = {"userId":"user-1","event":"Order Completed","properties":{"revenue":19.99,"orderId":"o-1","total":12345678901234567},
  "type":"track","context":{"library":{"name":"@segment/analytics-node","version":"2.1.0"}},
  "_metadata":{"nodeVersion":"20.11.0","jsRuntime":"node"},"timestamp":"2026-12-01T16:39:58.120Z","integrations":{},
  "messageId":"node-next-1764607198120-8c7ef2b1-6e4b-4a37-9d1e-2f1d1f0a9c3e"}
node_item2 = {"anonymousId":"a-77","type":"page","name":"Pricing","properties":{"path":"/pricing"},
  "context":{"library":{"name":"@segment/analytics-node","version":"2.1.0"}},"_metadata":{"nodeVersion":"20.11.0","jsRuntime":"node"},
  "timestamp":"2026-12-01T16:39:58.300Z","integrations":{},"messageId":"node-next-1764607198300-0b9d"}
exp1 = dict(node_item, receivedAt=NOW)
exp2 = dict(node_item2, receivedAt=NOW)
row(name="analytics-node batch, Basic auth", path="/v1/batch", auth="Basic YWJjMTIzOg==", keys=["abc123"],
    body=D({"batch":[node_item,node_item2],"sentAt":"2026-12-01T16:39:59.500Z","writeKey":"abc123"}),
    status=200, events=[exp1,exp2], key_given=True)

rs_item = {"type":"identify","userId":"u-7","anonymousId":"0b1e6c1e-6c3f-4a9a-9e1a-4f8d6b1f3c2d","traits":{"email":"ana@example.com","plan":"pro"},
  "context":{"library":{"name":"analytics-node","version":"1.0.0"},"traits":{"email":"ana@example.com"}},
  "originalTimestamp":"2026-12-01T18:39:50.000+02:00","sentAt":"2026-12-01T16:39:55.000Z","messageId":"d9a0a1f6-2c1b-4b7e-9a0e-8c9f2b7d5e11",
  "integrations":{"All":True},"rudderId":"2d1b6a2e"}
rs_item2 = {"type":"track","userId":"u-7","event":"Clicked","properties":{},"originalTimestamp":"2026-12-01T16:39:54.250Z",
  "messageId":"e1"}
row(name="rudderstack node: form content type, gzip, originalTimestamp + sentAt (item sentAt beats the batch's)",
    path="/v1/batch", gzip=True, auth="Basic YWJjMTIzOg==", keys=["abc123"],
    body=D({"batch":[rs_item, rs_item2],"sentAt":"2026-12-01T16:39:56.000Z"}),
    status=200,
    events=[dict(rs_item, receivedAt=NOW, timestamp="2026-12-01T16:39:55.000Z"),
            dict(rs_item2, receivedAt=NOW, timestamp="2026-12-01T16:39:58.250Z")])

ajs = {"timestamp":"2026-12-01T16:39:59.123Z","integrations":{},"userId":None,"anonymousId":"6b2fbb2c-3b5a-4a55-9a3a-8d64c3c1f0aa",
  "event":"Signed Up","type":"track","properties":{"plan":"pro","seats":3},
  "context":{"page":{"path":"/signup","referrer":"","search":"","title":"Sign up","url":"https://example.com/signup"},
    "userAgent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36","locale":"de-DE",
    "library":{"name":"analytics.js","version":"next-1.70.0"}},
  "messageId":"ajs-next-9f86d081884c7d659a2feaa0c55ad015","writeKey":"abc123","sentAt":"2026-12-01T16:39:59.130Z",
  "_metadata":{"bundled":["Segment.io"],"unbundled":[],"bundledIds":[]}}
e = dict(ajs, receivedAt=NOW); del e["writeKey"]
row(name="analytics.js /v1/t, text/plain, Basic and writeKey in the body", path="/v1/t", auth="Basic YWJjMTIzOg==", keys=["abc123"],
    body=D(ajs), status=200, events=[e], key_given=True)
row(name="analytics.js writeKey in the body only", path="/v1/t", keys=["abc123"], body=D(ajs), status=200, events=[e], key_given=True)

# ---------- every path ----------
base = {"userId":"u1","messageId":"m1","timestamp":"2026-12-01T16:00:00.000Z"}
for p, t in [("track","track"),("t","track"),("identify","identify"),("i","identify"),("page","page"),("p","page"),
             ("screen","screen"),("s","screen"),("group","group"),("g","group"),("alias","alias"),("a","alias")]:
    b = dict(base, event="E") if t == "track" else dict(base)
    if t == "alias": b["previousId"] = "old"
    row(name="path /v1/%s/ sets type %s" % (p, t), path="/v1/%s/" % p, body=D(b), status=200,
        events=[dict(b, type=t, receivedAt=NOW)])
    row(name="path /v1/%s" % p, path="/v1/%s" % p, body=D(dict(b, type="bogus")), status=200,
        events=[dict(b, type=t, receivedAt=NOW)])
for p in ["batch","import","b","batch/","import/","b/"]:
    row(name="batch path /v1/"+p, path="/v1/"+p, body=D({"batch":[dict(base, type="identify")]}), status=200,
        events=[dict(base, type="identify", receivedAt=NOW)])
for p in ["/v1/tracks","/v1/","/v1","/v2/track","/track","","/v1/track//","/V1/track","/v1/batchx","/v1/x"]:
    row(name="unknown path %r" % p, path=p, body="{}", status=404, code="not_found")

# ---------- refusals ----------
row(name="not JSON", path="/v1/track", body='{"userId":"u1",', status=400, code="invalid_json", message="body is not JSON: invalid JSON at byte")
row(name="not an object", path="/v1/track", body='[1]', status=400, code="invalid_json", message="not a JSON object but an array")
row(name="batch body not an object", path="/v1/batch", body='"x"', status=400, code="invalid_json", message="not a JSON object but a string")
row(name="trailing data", path="/v1/batch", body='{"batch":[]} x', status=400, code="invalid_json", message="unexpected data after the JSON value")
row(name="no batch member", path="/v1/batch", body='{"events":[]}', status=400, code="invalid_batch", message="no `batch`")
row(name="batch not an array", path="/v1/batch", body='{"batch":{"type":"track"}}', status=400, code="invalid_batch", message="`batch` is an object")
row(name="batch null", path="/v1/batch", body='{"batch":null}', status=400, code="invalid_batch")
row(name="empty batch", path="/v1/batch", body='{"batch":[]}', status=200, events=[])
row(name="single: no user", path="/v1/track", body='{"event":"E","userId":null,"anonymousId":""}', status=400, code="invalid_event",
    message="track without `userId` or `anonymousId`")
row(name="single: no event", path="/v1/t", body='{"userId":"u"}', status=400, code="invalid_event", message="track without `event` (missing_event)")
row(name="single: event empty", path="/v1/track", body='{"userId":"u","event":""}', status=400, code="invalid_event", message="missing_event")
row(name="single: event a number", path="/v1/track", body='{"userId":"u","event":5}', status=400, code="invalid_event", message="an `event` that is a number")
row(name="single: bad messageId number", path="/v1/identify", body='{"userId":"u","messageId":12}', status=400, code="invalid_event", message="bad_message_id")
row(name="single: messageId too long", path="/v1/identify", body=D({"userId":"u","messageId":"x"*101}), status=400, code="invalid_event", message="101 bytes")
row(name="single: messageId of 100 bytes ok", path="/v1/identify", body=D({"userId":"u","messageId":"x"*100,"timestamp":"t"}), status=200,
    events=[{"userId":"u","messageId":"x"*100,"timestamp":"t","type":"identify","receivedAt":NOW}])
row(name="single: messageId with a quote", path="/v1/identify", body='{"userId":"u","messageId":"a\\"b"}', status=400, code="invalid_event", message="quote")
row(name="single: userId a number counts", path="/v1/identify", body='{"userId":42,"messageId":"m","timestamp":"x"}', status=200,
    events=[{"userId":42,"messageId":"m","timestamp":"x","type":"identify","receivedAt":NOW}])
row(name="single: userId true does not count", path="/v1/identify", body='{"userId":true}', status=400, code="invalid_event", message="no_user_anon_id")
row(name="single: userId {} does not count", path="/v1/identify", body='{"userId":{},"anonymousId":null}', status=400, code="invalid_event")
row(name="deep nesting", path="/v1/track", body='{"userId":"u","event":"E","p":' + "["*200 + "]"*200 + "}", status=400, code="invalid_json",
    message="nesting deeper than 128 levels")
row(name="deep nesting in a batch", path="/v1/batch", body='{"batch":[{"p":' + "["*200 + "]"*200 + "}]}", status=400, code="invalid_json",
    message="nesting deeper than 128 levels")
row(name="encoding br", path="/v1/track", enc="br", body="{}", status=415, code="unsupported_encoding", message='"br"')
row(name="encoding deflate", path="/v1/batch", enc="deflate", body="{}", status=415, code="unsupported_encoding")
row(name="encoding identity", path="/v1/identify", enc="identity", body='{"userId":"u","messageId":"m","timestamp":"x"}', status=200,
    events=[{"userId":"u","messageId":"m","timestamp":"x","type":"identify","receivedAt":NOW}])
row(name="encoding GZIP in capitals", path="/v1/identify", enc=" GZIP ", gzip=True, body='{"userId":"u","messageId":"m","timestamp":"x"}', status=200,
    events=[{"userId":"u","messageId":"m","timestamp":"x","type":"identify","receivedAt":NOW}])
row(name="gzip named, body plain", path="/v1/batch", enc="gzip", body='{"batch":[]}', status=400, code="invalid_gzip")

# ---------- auth ----------
ok = '{"userId":"u","messageId":"m","timestamp":"x"}'
okev = [{"userId":"u","messageId":"m","timestamp":"x","type":"identify","receivedAt":NOW}]
row(name="auth: none configured, none given", path="/v1/identify", body=ok, status=200, events=okev, key_given=False)
row(name="auth: none configured, wrong given", path="/v1/identify", auth="Basic eHl6Og==", body=ok, status=200, events=okev, key_given=True)
row(name="auth: none configured, malformed given", path="/v1/identify", auth="Basic %%%", body=ok, status=200, events=okev)
row(name="auth: Basic ok", path="/v1/identify", auth="Basic YWJjMTIzOg==", keys=["k0","abc123"], body=ok, status=200, events=okev, key_given=True)
row(name="auth: basic lower case, no padding", path="/v1/identify", auth="basic  YWJjMTIzOg", keys=["abc123"], body=ok, status=200, events=okev)
row(name="auth: Basic with a password", path="/v1/identify", auth="Basic YWJjMTIzOnNlY3JldA==", keys=["abc123"], body=ok, status=200, events=okev)
row(name="auth: Basic without a colon", path="/v1/identify", auth="Basic YWJjMTIz", keys=["abc123"], body=ok, status=200, events=okev)
row(name="auth: Basic wrong key", path="/v1/identify", auth="Basic eHl6Og==", keys=["abc123"], body=ok, status=401, code="unauthorized",
    message="not one of this server's write keys", key_given=True)
row(name="auth: key as password only", path="/v1/identify", auth="Basic OmFiYzEyMw==", keys=["abc123"], body=ok, status=401, code="unauthorized")
row(name="auth: malformed base64", path="/v1/identify", auth="Basic YW*jMTIzOg==", keys=["abc123"], body=ok, status=401, code="unauthorized",
    message="not Basic auth")
row(name="auth: Bearer", path="/v1/identify", auth="Bearer abc123", keys=["abc123"], body=ok, status=401, code="unauthorized")
row(name="auth: missing", path="/v1/identify", keys=["abc123"], body=ok, status=401, code="unauthorized", message="no write key", key_given=False)
row(name="auth: missing, batch", path="/v1/batch", keys=["abc123"], body='{"batch":[]}', status=401, code="unauthorized")
row(name="auth: missing, not JSON: 401 before 400", path="/v1/batch", keys=["abc123"], body='{"batch":', status=401, code="unauthorized")
row(name="auth: body writeKey ok (batch)", path="/v1/batch", keys=["abc123"], body='{"batch":[],"writeKey":"abc123"}', status=200, events=[], key_given=True)
row(name="auth: body writeKey wrong (batch)", path="/v1/batch", keys=["abc123"], body='{"batch":[],"writeKey":"abc12"}', status=401, code="unauthorized", key_given=True)
row(name="auth: body writeKey ok, header wrong", path="/v1/identify", auth="Basic eHl6Og==", keys=["abc123"],
    body='{"userId":"u","messageId":"m","timestamp":"x","writeKey":"abc123"}', status=200, events=okev)
row(name="auth: body writeKey escaped", path="/v1/identify", keys=["abc123"],
    body='{"userId":"u","messageId":"m","timestamp":"x","writeKey":"abc\\u0031\\u00323"}', status=200, events=okev)
row(name="auth: writeKey a number is no key", path="/v1/identify", keys=["abc123"], body='{"userId":"u","writeKey":123}', status=401, code="unauthorized")

# ---------- batch items ----------
row(name="batch: merge of context and integrations, item wins; invalid items listed", path="/v1/batch",
    body='{"batch":[{"type":"track","event":"A","userId":"u","messageId":"m1","timestamp":"t","context":{"ip":"9","library":{"name":"x"}},"integrations":{"All":true}},'
         ' 5 ,{"type":"track","userId":"u"},{"userId":"u"},{"type":"TRACK","userId":"u"},{"type":7,"userId":"u"},{"type":null,"userId":"u"},'
         '{"type":"identify"},{"type":"identify","anonymousId":"a","messageId":33},  {"type": "alias" , "userId":"n","previousId":"o","messageId":"m2","timestamp":"t"}],'
         '"context":{"ip":"1","locale":"de"},"integrations":{"All":false,"Mixpanel":false}}',
    status=200,
    events=[{"type":"track","event":"A","userId":"u","messageId":"m1","timestamp":"t","context":{"locale":"de","ip":"9","library":{"name":"x"}},
             "integrations":{"Mixpanel":False,"All":True},"receivedAt":NOW},
            {"type":"alias","userId":"n","previousId":"o","messageId":"m2","timestamp":"t","context":{"ip":"1","locale":"de"},
             "integrations":{"All":False,"Mixpanel":False},"receivedAt":NOW}],
    invalid=[{"index":1,"code":"not_an_object","raw":"5"},
             {"index":2,"code":"missing_event","raw":'{"type":"track","userId":"u"}',"message":"batch item 2: track without `event`"},
             {"index":3,"code":"missing_type","raw":'{"userId":"u"}',"message":"batch item 3: no `type`"},
             {"index":4,"code":"bad_type","raw":'{"type":"TRACK","userId":"u"}',"message":"\"TRACK\" is not one of"},
             {"index":5,"code":"bad_type","raw":'{"type":7,"userId":"u"}',"message":"a number"},
             {"index":6,"code":"missing_type","raw":'{"type":null,"userId":"u"}'},
             {"index":7,"code":"no_user_anon_id","raw":'{"type":"identify"}',"message":"batch item 7: identify without `userId` or `anonymousId`"},
             {"index":8,"code":"bad_message_id","raw":'{"type":"identify","anonymousId":"a","messageId":33}'}])
row(name="batch: item context not an object is replaced by the batch's", path="/v1/batch",
    body='{"batch":[{"type":"page","userId":"u","messageId":"m","timestamp":"t","context":"x"}],"context":{"ip":"1"},"integrations":"no"}',
    status=200, events=[{"type":"page","userId":"u","messageId":"m","timestamp":"t","context":{"ip":"1"},"receivedAt":NOW}])
row(name="batch: writeKey stripped from items too; messageId null / empty filled", path="/v1/batch",
    body='{"batch":[{"type":"page","userId":"u","messageId":null,"timestamp":"t","writeKey":"k"},{"type":"page","userId":"u","messageId":"","timestamp":"t"}],"writeKey":"k"}',
    status=200, events=[{"type":"page","userId":"u","messageId":"srv-id-1","timestamp":"t","receivedAt":NOW},
                        {"type":"page","userId":"u","messageId":"srv-id-2","timestamp":"t","receivedAt":NOW}])
row(name="batch: the last of a duplicated name counts, escaped names are names", path="/v1/batch",
    body='{"batch":[1],"b\\u0061tch":[{"type":"page","userId":"u","messageId":"m","timestamp":"t"}],"context":{"ip":"1"},"context":{"ip":"2"}}',
    status=200, events=[{"type":"page","userId":"u","messageId":"m","timestamp":"t","context":{"ip":"2"},"receivedAt":NOW}])

# ---------- enrichment: timestamps ----------
def ts_row(name, item, batch_sent, want_ts, path="/v1/batch"):
    b = {"batch":[item]} if path == "/v1/batch" else dict(item)
    if batch_sent is not None: b["sentAt"] = batch_sent
    ev = dict(item, receivedAt=NOW)
    if want_ts is not None: ev["timestamp"] = want_ts
    row(name=name, path=path, body=D(b), status=200, events=[ev])
it = {"type":"track","event":"E","userId":"u","messageId":"m"}
ts_row("ts: item sentAt beats batch sentAt", dict(it, originalTimestamp="2026-12-01T16:39:00.000Z", sentAt="2026-12-01T16:39:10.000Z"),
       "2026-12-01T16:39:30.000Z", "2026-12-01T16:39:50.000Z")
ts_row("ts: batch sentAt", dict(it, originalTimestamp="2026-12-01T16:39:00.000Z"), "2026-12-01T16:39:30.000Z", "2026-12-01T16:39:30.000Z")
ts_row("ts: originalTimestamp alone (offset, 9 digits)", dict(it, originalTimestamp="2026-12-01T18:39:00.123456789+02:00"), None,
       "2026-12-01T16:39:00.123Z")
ts_row("ts: neither", dict(it), None, NOW)
ts_row("ts: only sentAt", dict(it, sentAt="2026-12-01T16:39:10Z"), None, NOW)
ts_row("ts: timestamp kept", dict(it, timestamp="yesterday", originalTimestamp="2026-12-01T16:39:00.000Z"), "2026-12-01T16:39:30.000Z", None)
ts_row("ts: timestamp null filled", dict(it, timestamp=None, originalTimestamp="2026-12-01T16:39:00.000Z"), "2026-12-01T16:39:30.000Z",
       "2026-12-01T16:39:30.000Z")
ts_row("ts: unparseable sentAt -> originalTimestamp", dict(it, originalTimestamp="2026-12-01T16:39:00.5Z", sentAt="soon"), None,
       "2026-12-01T16:39:00.500Z")
ts_row("ts: unparseable item sentAt -> the batch's", dict(it, originalTimestamp="2026-12-01T16:39:00Z", sentAt="2026-13-01T00:00:00Z"),
       "2026-12-01T16:39:40.000Z", "2026-12-01T16:39:20.000Z")
ts_row("ts: unparseable originalTimestamp -> receivedAt", dict(it, originalTimestamp="2026-02-30T16:39:00Z", sentAt="2026-12-01T16:39:10.000Z"),
       None, NOW)
ts_row("ts: originalTimestamp a number -> receivedAt", dict(it, originalTimestamp=1764607140000), None, NOW)
ts_row("ts: offsets -0530 and +01 and no zone", dict(it, originalTimestamp="2026-12-01T11:09:00.000-0530", sentAt="2026-12-01T17:39:10+01"),
       "2026-12-01T16:39:30", "2026-12-01T16:39:50.000Z")
ts_row("ts: leap day, date only, space separator", dict(it, originalTimestamp="2028-02-29", sentAt="2028-02-29 00:00:01.000Z"), None,
       "2026-12-01T16:39:59.000Z")
ts_row("ts: single path", dict(it, originalTimestamp="2026-12-01T16:39:00.000Z", sentAt="2026-12-01T16:39:01.000Z"), None,
       "2026-12-01T16:39:59.000Z", path="/v1/track")
ts_row("ts: sender's receivedAt replaced", dict(it, receivedAt="2020-01-01T00:00:00.000Z"), None, NOW)

# ---------- numbers ----------
row(name="numbers keep their text", path="/v1/track",
    body='{"userId":12345678901234567,"event":"E","messageId":"m","timestamp":"t","properties":{"big":12345678901234567,"neg":-9223372036854775808,"f":0.1,"e":1E-7}}',
    status=200, events=[{"userId":12345678901234567,"event":"E","messageId":"m","timestamp":"t","type":"track","receivedAt":NOW,
                         "properties":{"big":12345678901234567,"neg":-9223372036854775808,"f":0.1,"e":1e-7}}])

with open("cases.ndjson", "w") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
print(len(rows))

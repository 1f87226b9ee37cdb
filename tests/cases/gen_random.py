#!/usr/bin/env python3
"""Random case lines for differential testing against upstream.

    python3 tests/cases/gen_random.py SEED N > cases.ndjson
    (cd "$ENCHARGE_UPSTREAM_RUNNER" && ORACLE_ALL_HEADERS=1 node run.mjs) < cases.ndjson > expected.ndjson
    build/encharge-actions preview < cases.ndjson > out.ndjson
    python3 tests/conformance/compare.py expected.ndjson out.ndjson --cases cases.ndjson

$ENCHARGE_UPSTREAM_RUNNER is the directory of the upstream runner (it runs
@segment/action-destinations 3.497.0 with @segment/actions-core 3.170.0 on case
lines; not part of this repository, see tests/README.md).

random-oracle.ndjson holds 600 cases of seed 11 with upstream's answers; cases where
we differ on purpose (percent-encoded delete IDs, docs/deviations.md §2; an illegal
API key's message without the key, §7) were left out.
"""
import json, random, sys
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
N = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
def rval(depth=0):
    r = random.random()
    choices = [None, "", "x", "Ünïcødé 😀", 0, 1, -1, 1.5, 12345678901234567, 1e21, 1e-7, True, False, [], {}, ["one"], ["a","b"], [None], [5], {"a": 1}, "2023-01-01T00:00:00Z", "2023-01-01", "user@example.com"]
    if depth < 2 and r < 0.15:
        return {random.choice(["a","b","email","userId","1","2","id","externalId","tag","name"]): rval(depth+1) for _ in range(random.randint(0,3))}
    return random.choice(choices)
def maybe(d, k, v, p=0.6):
    if random.random() < p: d[k] = v
types = ["track","identify","page","group","alias","screen",None,"Track",5]
def event():
    e = {}
    t = random.choice(types)
    if t is not None: e["type"] = t
    for k in ["userId","anonymousId","messageId","timestamp","event","previousId","groupId","email","name"]:
        maybe(e, k, rval(), 0.5)
    if random.random() < 0.7:
        e["properties"] = random.choice([rval(), {"email": rval(), "plan": rval(), "tags": rval()}])
    if random.random() < 0.7:
        e["traits"] = random.choice([rval(), {"email": rval(), "tag": rval(), "name": rval(), "id": rval(), "externalId": rval(), "userId": rval()}])
    if random.random() < 0.8:
        ctx = {}
        for k in ["ip","userAgent","groupId","locale"]: maybe(ctx, k, rval(), 0.4)
        for k in ["campaign","page","location"]:
            if random.random() < 0.4:
                ctx[k] = random.choice([rval(), {kk: rval() for kk in random.sample(["name","source","medium","term","content","url","title","referrer","path","search","city","region","country","extra"], 3)}])
        if random.random() < 0.6: ctx["traits"] = random.choice([rval(), {"email": rval(), "firstName": rval(), "userId": rval()}])
        e["context"] = random.choice([ctx, rval()]) if random.random() < 0.1 else ctx
    return e
actions = [None]*6 + ["trackEvent","identifyUser","trackPageView","aliasUser","createUpdateObject","addTag","removeTag","Tag User","Untag User","onDelete"]
triggers = ['type = "track"', 'type = "identify" or type = "track"', 'properties.plan != null', 'userId = null', 'event = "x"', 'contains(event, "x")', 'properties.n > 3', 'traits.email != null and type = "identify"', 'type != "page"', 'match(event, "O*")']
for i in range(N):
    c = {"id": f"d{i}", "event": event()}
    a = random.choice(actions)
    if a: c["action"] = a
    if a and a != "onDelete" and random.random() < 0.3: c["subscribe"] = random.choice(triggers)
    if random.random() < 0.15:
        c["mappingOverrides"] = {random.choice(["event","email","userId","tag","objectType","id","properties","userFields","timestamp","type","bogus"]): random.choice([rval(), {"@path": random.choice(["$.event","$.properties.email","$.traits","$.userId","$.context"])}, {"@template": "{{event}}-{{userId}}"}])}
    r = random.random()
    if r < 0.05: c["settings"] = {}
    elif r < 0.1: c["settings"] = {"apiKey": rval()}
    if random.random() < 0.05: c["response"] = {"status": random.choice([400,401,404,429,500,501,503])}
    print(json.dumps(c))

#!/usr/bin/env python3
"""Write preset-scripts.ndjson and expected/preset-scripts.ndjson: the case protocol's "script".

Every case of the sets below that names an action (not onDelete) and gives no mapping is
written again with "script": "presets/<action>.lua", the action's own preset as a script
file; its expected line is upstream's recorded answer for the original case, copied. A
script given by path must map exactly as the preset does.

usage (from the repository root): python3 tests/cases/gen_preset_scripts.py
"""
import json

SETS = [
    ("tests/conformance/cases.ndjson", "tests/conformance/expected.ndjson"),
    ("tests/cases/core-edge.ndjson", "tests/cases/expected/core-edge.ndjson"),
    ("tests/cases/random-oracle.ndjson", "tests/cases/expected/random-oracle.ndjson"),
]
KEYS = {
    "trackevent": "trackEvent", "track event": "trackEvent",
    "identifyuser": "identifyUser", "identify user": "identifyUser",
    "trackpageview": "trackPageView", "track page view": "trackPageView",
    "aliasuser": "aliasUser", "alias user": "aliasUser",
    "createupdateobject": "createUpdateObject", "create or update object": "createUpdateObject",
    "addtag": "addTag", "tag user": "addTag",
    "removetag": "removeTag", "untag user": "removeTag",
}


def lines(path):
    with open(path) as f:
        return [l for l in f.read().split("\n") if l.strip()]


def main():
    cases, expected = [], []
    for cpath, epath in SETS:
        cs, es = lines(cpath), lines(epath)
        assert len(cs) == len(es), cpath
        for c, e in zip(cs, es):
            case = json.loads(c)
            action = case.get("action")
            if not isinstance(action, str) or "mapping" in case:
                continue
            key = KEYS.get(action.lower())
            if key is None:  # onDelete, or an unknown action (a CaseError either way)
                continue
            case["id"] = "script-" + str(case.get("id", len(cases)))
            case["script"] = "presets/%s.lua" % key
            cases.append(json.dumps(case, ensure_ascii=False, separators=(",", ":")))
            expected.append(e)
    with open("tests/cases/preset-scripts.ndjson", "w") as f:
        f.write("\n".join(cases) + "\n")
    with open("tests/cases/expected/preset-scripts.ndjson", "w") as f:
        f.write("\n".join(expected) + "\n")
    print("%d cases" % len(cases))


if __name__ == "__main__":
    main()

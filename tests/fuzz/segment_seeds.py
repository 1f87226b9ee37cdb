#!/usr/bin/env python3
"""Seeds for tests/fuzz/fuzz_segment.c from the table of ingest cases
(tests/ingest/data/segment/cases.ndjson): each case's body after the two
selector bytes the target reads (path, then encoding/credentials/limits).

usage: segment_seeds.py CASES OUT_DIR"""
import json
import os
import sys

# the target's PATHS table, in its order (tests/fuzz/fuzz_segment.c)
PATHS = ["/v1/batch", "/v1/track", "/v1/identify", "/v1/page", "/v1/screen", "/v1/group", "/v1/alias",
         "/v1/import", "/v1/b", "/v1/t", "/v1/i", "/v1/p", "/v1/batch/", "/v1/nope", "/v1/", "/v1/t/"]


def main():
    cases, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    n = 0
    with open(cases, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            body = c.get("body")
            if not isinstance(body, str):
                continue
            path = c.get("path", "/v1/batch")
            sel = PATHS.index(path) if path in PATHS else 0
            for second in (0, 9):  # plain, no write keys; plain, Basic with the configured key
                with open(os.path.join(out, "s%04d" % n), "wb") as o:
                    o.write(bytes([sel, second]) + body.encode("utf-8", "surrogatepass"))
                n += 1
    print("segment seeds: %d" % n)


if __name__ == "__main__":
    main()

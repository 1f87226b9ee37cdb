/* fixtures.h — example events with what their mapping must make of them.
 * `check` runs them all; a SIGHUP reload of `run` is accepted only when all
 * of the new config's pass.
 *
 * Files (NDJSON, one fixture a line; blank lines are skipped):
 *   NAME.fixtures.ndjson beside a script NAME.lua of the config: its lines
 *     run through every mapping of the config that uses the script, or the
 *     one a line names;
 *   CONFIG.fixtures.ndjson beside the config CONFIG.lua: each line names its
 *     mapping (any mapping of the config: a mapping-kit one, a script's, a
 *     preset's).
 * A line:
 *   {"event": {...},                     a Segment event
 *    "settings": {...},                  optional: the settings (default: the
 *                                        config's, with a stand-in apiKey when
 *                                        it has none)
 *    "mapping": "<mapping name>",        the mapping (see above)
 *    "desc": "...",                      optional, a label
 *    "expect": {"body": {...}}           the request's body has these keys,
 *            | {"error": "substring"}    the event fails, "Name: message" holding it
 *            | {"skip": true}}           not run (counted as skipped)
 * The event goes through the real pipeline (map_event: mapping, schema,
 * request), the mapping's trigger left out. `body` is matched as a subset:
 * every key it gives must be in the request's body and JSON-equal to it,
 * objects recursively as subsets, arrays and other values whole (numbers as
 * doubles). A failure is an error
 *   FILE:LINE: fixture failed: body.event: expected "A", got "B" (in mappings[1] ("Signups"))
 * and a key of the mapping's output that is not a field of the action a
 * warning (config/fields.h), once per mapping and key. */
#ifndef ENCHARGE_FIXTURES_H
#define ENCHARGE_FIXTURES_H

#include "config/config.h"
#include "config/problems.h"

typedef enum { FIXTURE_BODY, FIXTURE_ERROR, FIXTURE_SKIP } fixture_kind;

typedef struct {
    fixture_kind kind;
    const char *mapping;      /* NUL-terminated, NULL when the line names none */
    jv event;                 /* JV_OBJ */
    jv settings;              /* JV_OBJ, JV_UNDEF when not given */
    jv body;                  /* FIXTURE_BODY: the keys expected */
    const char *error;        /* FIXTURE_ERROR: the substring (NUL-terminated) */
} fixture;

/* The known keys of a fixture line and of its "expect". NULL-ended. */
extern const char *const FIXTURE_KEYS[];
extern const char *const FIXTURE_EXPECT_KEYS[];

/* Parses one fixture line (len bytes) into *out, its values in arena a.
 * Returns 0, or -1 with why in err (bad JSON, a missing or mistyped member,
 * an unknown key with the closest known one). */
int fixture_parse(const char *text, size_t len, jarena *a, fixture *out, char *err, size_t errlen);

/* Whether got has every key of want, JSON-equal (subset matching, above).
 * Returns the number of differences (0: a match); each is described in diff
 * ("PATH.key: expected X, got Y"; "got nothing" for a missing key), joined by
 * "; ", as far as diff holds. path names want (e.g. "body"). */
int json_subset(const jv *want, const jv *got, const char *path, char *diff, size_t difflen);

/* The fixture file beside file: "dir/NAME.lua" -> "dir/NAME.fixtures.ndjson"
 * (a name without ".lua" gets the suffix as it is). */
void fixture_file_of(const char *file, char *out, size_t cap);

typedef struct {
    int files;     /* fixture files found */
    int lines;     /* fixture lines in them */
    int passed, failed, skipped;
} fixture_stats;

/* Runs every fixture of c (its config file's and its scripts'), adding a
 * problem for every failure (and for an unreadable file, a bad line, a
 * mapping that is not there) and a warning for every unknown output key.
 * st (may be NULL) gets the counts. Returns the number of errors added. */
int fixtures_run(const config *c, problem_list *out, fixture_stats *st);

#endif

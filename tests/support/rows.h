/* rows.h — data-driven test tables: NDJSON files of one JSON object a line.
 *
 * rows_load reads a file such as tests/map/data/mapkit-oracle.ndjson with the
 * project's own parser (lib/json.h) into one object per line. Paths are taken
 * relative to the repository root, where `make unit` runs the tests; set
 * ENCHARGE_TEST_ROOT to run them from elsewhere (the path is then read as
 * $ENCHARGE_TEST_ROOT/path).
 *
 * Anything wrong with the data fails the running cmocka test (fail_msg) with
 * the file and line, rather than skipping rows: an unreadable file, an empty
 * line, a line that does not parse or is not an object, a file with no rows,
 * a member that is missing or of the wrong type. On such a failure the rows
 * are freed first (rows_free may still be called on them: it does nothing).
 */
#ifndef ENCHARGE_TEST_ROWS_H
#define ENCHARGE_TEST_ROWS_H

#include <stddef.h>

#include "lib/json.h"

typedef struct {
    char path[512];  /* the file as opened, for messages */
    jarena arena;    /* line text and parsed values */
    jv *row;         /* row[i]: the object of line line[i] */
    size_t *line;    /* 1-based line numbers */
    size_t n, cap;
} rows;

/* Loads every line of the NDJSON file at path; fails the test on any error. */
void rows_load(rows *r, const char *path);
void rows_free(rows *r);

/* Member key of row i, which must be present and of type t (JV_UNDEF: any
 * type); fails the test naming file:line otherwise. */
const jv *rows_get(rows *r, size_t i, const char *key, jv_type t);

/* String member key of row i as a NUL-terminated copy (in the rows' arena);
 * fails the test when it is absent, not a string or holds a NUL byte. */
const char *rows_str(rows *r, size_t i, const char *key);

#endif

/* srcmap.h — the lines of a Lua config's fields, for messages.
 *
 * A config is run, and what it returns is a table: Lua keeps no line of the
 * constructor a field came from. This reads the config's text as tokens (not
 * a Lua parser: comments, strings and long brackets are skipped exactly,
 * nesting is followed through brackets, parentheses and blocks) and records
 * the line of every field of the table constructor the file returns
 * (`return { ... }`, or `return NAME` of a top-level `local NAME = { ... }`),
 * by its path:
 *   "mappings"  "mappings[2]"  "mappings[2].script"  "delivery.dlq"
 * A field whose value is the name of a top-level constructor
 * (`local m = { ... }` ... `mappings = m`) is followed into it. A table the
 * config builds by code (in a loop, by a function) has no lines: looking its
 * fields up gives 0. */
#ifndef ENCHARGE_SRCMAP_H
#define ENCHARGE_SRCMAP_H

#include <stddef.h>

typedef struct srcmap srcmap;

/* The map of src (len bytes); NULL when out of memory. */
srcmap *srcmap_build(const char *src, size_t len);
void srcmap_free(srcmap *m);

/* The line of the field at path (1-based), 0 when not known. m may be NULL. */
int srcmap_line(const srcmap *m, const char *path);

#endif

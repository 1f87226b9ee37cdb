/* luahost.h — the Lua 5.4 host for mapping scripts.
 *
 * A mapping script is a Lua chunk returning `function(event, settings) return
 * fields end`. Scripts are guests, isolated by construction: each one loaded
 * (and each preset) gets a Lua state of its own, with its own copies of the
 * allow-listed libraries (base/string/table/math/utf8; no io/os/package/
 * debug, no bytecode, no __gc metamethods) and of the helper library, so
 * nothing one script does reaches another. A script's globals live as long
 * as its state: from its load to its unload (a reload loads afresh), or
 * until it goes over a limit, when its state is rebuilt from its source.
 *
 * Limits, per script and per call (luahost_limits): a memory cap counting
 * everything allocated on the script's behalf (its Lua state and its compiled
 * helper programs), an instruction budget that pcall cannot swallow (pattern
 * matching is charged to it step by step), and a wall-clock time budget. A
 * call over one fails with ScriptLimitError naming the script, the limit and
 * its value. The event reaches a script as a read-only view of the parsed
 * event (no copy); a script built with the helper library (`require
 * "mapping"`, scripts/lib/mapping.lua) evaluates in C.
 *
 * One luahost per thread; not thread-safe.
 */
#ifndef ENCHARGE_LUAHOST_H
#define ENCHARGE_LUAHOST_H

#include "lib/json.h"
#include "map/actions.h"

typedef struct luahost luahost;

#define LUAHOST_MEM_DEFAULT ((size_t)64 << 20)
#define LUAHOST_INSTR_DEFAULT 10000000L
#define LUAHOST_TIME_MS_DEFAULT 50L

typedef struct {
    size_t mem_limit;         /* bytes for a script's state (0: LUAHOST_MEM_DEFAULT) */
    long instr_budget;        /* VM instructions and pattern steps per call (0: LUAHOST_INSTR_DEFAULT) */
    long time_ms;             /* wall-clock per call (0: LUAHOST_TIME_MS_DEFAULT) */
    int64_t (*clock_ns)(void);/* monotonic clock (NULL: lib/clock.h's) */
} luahost_limits;

/* lim NULL: the defaults (for the scripts loaded without limits of their own). */

luahost *luahost_new(const luahost_limits *lim, char *err, size_t errlen);
void luahost_free(luahost *h);

/* A host with the same scripts as src at the same handles, each in a fresh
 * state of its own (built from its source, with its limits), and src's
 * secrets: for another thread. NULL with err. */
luahost *luahost_clone(const luahost *src, char *err, size_t errlen);

/* Secrets (NULL-terminated, kept by reference) never written by a script's
 * log()/print(): each occurrence is replaced by [redacted]. */
void luahost_set_secrets(luahost *h, const char *const *secrets);

/* Loads a script. `name` is the chunk name shown in errors (a file path);
 * src/len the text, or src NULL to read the file `name`. Returns a handle
 * (>= 0) or -1 with err "<file>:<line>: <what>". */
int luahost_load(luahost *h, const char *name, const char *src, size_t len, char *err, size_t errlen);
/* The same, with limits of its own (a 0 field: the host's). */
int luahost_load_limited(luahost *h, const char *name, const char *src, size_t len, const luahost_limits *lim,
                         char *err, size_t errlen);
void luahost_unload(luahost *h, int handle);
const char *luahost_name(luahost *h, int handle);

/* Runs the script's function on one event. *out is a JV_OBJ of fields,
 * allocated in a (or pointing into the event). Returns 0; 1 when the
 * function returned nil (the script declines the event: nothing to send);
 * or -1 with err (ScriptError naming the file and line, ScriptLimitError
 * naming the script, the limit and its value). */
int luahost_run(luahost *h, int handle, const jv *event, const jv *settings, jarena *a, jv *out,
                ev_error *err);

/* Converts the Lua value at idx to JSON (tables, strings, numbers, booleans,
 * mapping.null, event views). Exposed for the config loader. Returns 0 or -1
 * with err naming the path of the offending value. */
struct lua_State;
int lua_to_jv(struct lua_State *L, int idx, jarena *a, jv *out, char *err, size_t errlen);

/* Embedded sources (presets and the helper library), by path. NULL if none. */
const char *embedded_source(const char *path, size_t *len);

#endif

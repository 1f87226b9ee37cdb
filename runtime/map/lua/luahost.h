/* luahost.h — the Lua 5.4 host for mapping scripts.
 *
 * A mapping script is a Lua chunk returning `function(event, settings) return
 * fields end`. Scripts are guests: each runs in its own environment over a
 * read-only base (base/string/table/math/utf8; no io/os/package/debug, no
 * bytecode), with a memory cap for the whole state and an instruction budget
 * per call that pcall cannot swallow. The event reaches a script as a
 * read-only view of the parsed event (no copy); a script built with the helper
 * library (`require "mapping"`, scripts/lib/mapping.lua) evaluates in C.
 *
 * One luahost per thread; not thread-safe.
 */
#ifndef ENCHARGE_LUAHOST_H
#define ENCHARGE_LUAHOST_H

#include "lib/json.h"
#include "map/actions.h"

typedef struct luahost luahost;

typedef struct {
    size_t mem_limit;         /* bytes for the whole Lua state (0: 64 MiB) */
    long instr_budget;        /* VM instructions per call (0: 10 million) */
} luahost_limits;

luahost *luahost_new(const luahost_limits *lim, char *err, size_t errlen);
void luahost_free(luahost *h);

/* Loads a script. `name` is the chunk name shown in errors (a file path);
 * src/len the text, or src NULL to read the file `name`. Returns a handle
 * (>= 0) or -1 with err "<file>:<line>: <what>". */
int luahost_load(luahost *h, const char *name, const char *src, size_t len, char *err, size_t errlen);
void luahost_unload(luahost *h, int handle);
const char *luahost_name(luahost *h, int handle);

/* Runs the script's function on one event. *out is a JV_OBJ of fields,
 * allocated in a (or pointing into the event). Returns 0, or -1 with err
 * (ScriptError naming the file and line). */
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

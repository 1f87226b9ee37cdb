/* lua_int.h — private to runtime/map/lua/: the host's state and what its
 * three files share. host.c owns the state, the sandbox and load/run;
 * views.c the event views and Lua <-> jv conversion; prims.c the helper
 * library's C primitives and the script globals print/require. The public
 * face is luahost.h. */
#ifndef ENCHARGE_LUA_INT_H
#define ENCHARGE_LUA_INT_H

#include <lua.h>

#include "map/lua/luahost.h"

/* A script's log lines: at most LOG_BURST at once, refilled LOG_PER_SECOND a second. */
#define LOG_BURST 20
#define LOG_PER_SECOND 10
#define LOG_LINE_MAX 2048   /* bytes of a log line's text; the rest is cut */

/* What stopped a script: one of its limits. */
typedef enum { LIMIT_NONE, LIMIT_INSTRUCTIONS, LIMIT_TIME, LIMIT_MEMORY } limit_kind;

/* One script's Lua state: nothing in it is shared with any other script (or
 * preset), so nothing a script does to its globals, its libraries, the
 * helper library or the event views' metatable reaches another one. */
typedef struct lstate {
    lua_State *L;
    struct luahost *host;
    luahost_limits lim;
    size_t mem_used;
    size_t ext_used;       /* counted against the cap outside Lua (compiled helper programs) */
    long count;            /* instructions (and pattern steps) this call */
    int64_t deadline_ns;   /* this call's end of time */
    bool running;          /* a call under the limits is in progress */
    limit_kind killed;     /* the limit this call went over */
    unsigned gen;          /* views carry the gen they were made in */
    jarena *cur;           /* the event arena while a script runs */
    const jv *event;       /* the event while a script runs (for log lines) */
    double log_tokens;     /* log lines it may write now (LOG_BURST at most) */
    int64_t log_at_ns;     /* when log_tokens was last topped up */
    long log_dropped;      /* lines not written since the last one that was */
    jarena tmp;            /* for conversions outside an event */
    int env_meta_ref;      /* metatable {__index = base globals} for script envs */
    int event_view_ref, settings_view_ref;
    int fn_ref;            /* the mapping function */
    char *name;
    char *src;             /* the script's text, to rebuild the state after a limit */
    size_t src_len;
} lstate;

struct luahost {
    luahost_limits lim;    /* the defaults */
    const char *const *secrets; /* redacted from log lines (NULL-terminated; NULL: none) */
    lstate **states;       /* by handle; NULL when free */
    int nstates;
};

static inline lstate *host_of(lua_State *L) { return *(lstate **)lua_getextraspace(L); }

/* Counts n steps of C work (pattern matching) against the limits, raising the
 * limit's error when one is over (like the count hook). */
void lh_charge(lua_State *L, long n);
/* Counts bytes allocated outside Lua on the state's behalf (negative: freed);
 * returns -1, counting nothing, when that would go over the memory cap. */
int lh_charge_memory(lua_State *L, long bytes);

/* ---- host.c ---- */
/* Pushes a read-only proxy of the table at idx. */
void lh_push_readonly(lua_State *L, int idx);
/* Gives the function on top of the stack a fresh table of globals over the
 * read-only base (its first upvalue, _ENV). */
void lh_set_fresh_env(lua_State *L);

/* ---- views.c ---- */
#define VIEW_MT "encharge.view"
typedef struct {
    const jv *v;
    unsigned gen;
} view;
extern char lh_array_mt_key;   /* registry key of mapping.array's metatable */

/* Registers the view metatable and mapping.array's metatable. */
void lh_views_open(lua_State *L);
void lh_push_view(lua_State *L, const jv *v);
/* The view at idx; raises a Lua error if it is stale (its event ended). */
const jv *lh_check_view(lua_State *L, int idx);
/* Points the reusable root view at registry ref to v (made in gen); leaves it pushed. */
void lh_set_root_view(lua_State *L, int ref, const jv *v, unsigned gen);
/* Pushes v as Lua: scalars as values, null as mapping.null, objects and arrays as views. */
void lh_push_jv(lua_State *L, const jv *v);

/* ---- prims.c ---- */
/* Registers the metatable of compiled programs. */
void lh_prims_open(lua_State *L);
int lh_print(lua_State *L);
int lh_require(lua_State *L);
/* Loads scripts/lib/mapping.lua with the primitives, for require "mapping". */
int lh_load_helper_module(lstate *st, char *err, size_t errlen);

/* ---- patterns.c ---- */
/* Replaces find, match, gmatch and gsub in the string library table at idx
 * with versions whose matching is charged to the script's limits. */
void lh_patterns_open(lua_State *L, int idx);

#endif

/* lua_int.h — private to runtime/map/lua/: the host's state and what its
 * three files share. host.c owns the state, the sandbox and load/run;
 * views.c the event views and Lua <-> jv conversion; prims.c the helper
 * library's C primitives and the script globals print/require. The public
 * face is luahost.h. */
#ifndef ENCHARGE_LUA_INT_H
#define ENCHARGE_LUA_INT_H

#include <lua.h>

#include "map/lua/luahost.h"

typedef struct {
    int ref;          /* registry ref of the mapping function, LUA_NOREF when free */
    char *name;
} script;

struct luahost {
    lua_State *L;
    size_t mem_used, mem_limit;
    long budget, count;
    bool killed;
    unsigned gen;          /* views carry the gen they were made in */
    jarena *cur;           /* the event arena while a script runs */
    jarena tmp;            /* for conversions outside an event */
    script *scripts;
    int nscripts;
    int env_meta_ref;      /* metatable {__index = base globals} for script envs */
    int event_view_ref, settings_view_ref;
};

static inline luahost *host_of(lua_State *L) { return *(luahost **)lua_getextraspace(L); }

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
int lh_load_helper_module(luahost *h, char *err, size_t errlen);

#endif

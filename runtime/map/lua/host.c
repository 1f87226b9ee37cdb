/* host.c — the Lua 5.4 state: creation, the embedded sources, the memory cap
 * (allocator), the instruction budget (count hook), the traceback handler,
 * the sandbox (allow-listed read-only libraries, per-script globals), and
 * loading, running and unloading scripts. */
#include "map/lua/lua_int.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/file.h"

#define HOOK_EVERY 1000

/* ---- embedded sources ---------------------------------------------------- */
#define EMBED(sym)                                   \
    extern const char sym##_start[], sym##_end[];
EMBED(emb_trackEvent)
EMBED(emb_identifyUser)
EMBED(emb_trackPageView)
EMBED(emb_aliasUser)
EMBED(emb_createUpdateObject)
EMBED(emb_addTag)
EMBED(emb_removeTag)
EMBED(emb_mapping)
EMBED(emb_common)

const char *embedded_source(const char *path, size_t *len)
{
    static const struct {
        const char *path;
        const char *start, *end;
    } files[] = {
        {"presets/trackEvent.lua", emb_trackEvent_start, emb_trackEvent_end},
        {"presets/identifyUser.lua", emb_identifyUser_start, emb_identifyUser_end},
        {"presets/trackPageView.lua", emb_trackPageView_start, emb_trackPageView_end},
        {"presets/aliasUser.lua", emb_aliasUser_start, emb_aliasUser_end},
        {"presets/createUpdateObject.lua", emb_createUpdateObject_start, emb_createUpdateObject_end},
        {"presets/addTag.lua", emb_addTag_start, emb_addTag_end},
        {"presets/removeTag.lua", emb_removeTag_start, emb_removeTag_end},
        {"scripts/lib/mapping.lua", emb_mapping_start, emb_mapping_end},
        {"presets/common.lua", emb_common_start, emb_common_end},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        if (strcmp(path, files[i].path) == 0) {
            *len = (size_t)(files[i].end - files[i].start);
            return files[i].start;
        }
    }
    return NULL;
}

/* ---- memory cap and instruction budget ---------------------------------- */
static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    luahost *h = ud;
    if (!ptr) osize = 0;
    if (nsize == 0) {
        free(ptr);
        h->mem_used -= osize;
        return NULL;
    }
    if (nsize > osize && h->mem_used + (nsize - osize) > h->mem_limit) return NULL;
    void *p = realloc(ptr, nsize);
    if (!p) return NULL;
    h->mem_used = h->mem_used - osize + nsize;
    return p;
}

static void budget_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    luahost *h = host_of(L);
    h->count += HOOK_EVERY;
    if (h->killed || h->count > h->budget) {
        /* Once over budget, every hook call raises again, so a pcall in the
         * script cannot swallow the error and carry on. */
        h->killed = true;
        lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
        luaL_error(L, "script exceeded its budget of %ld instructions", h->budget);
    }
}

static int msgh(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg) msg = luaL_tolstring(L, 1, NULL);
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* ---- sandbox ---------------------------------------------------------------- */
static int readonly_newindex(lua_State *L)
{
    return luaL_error(L, "attempt to modify a read-only table");
}

/* Pushes a read-only proxy of the table at idx. */
void lh_push_readonly(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_newtable(L);
    lua_newtable(L);
    lua_pushvalue(L, idx);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, readonly_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
}

void lh_set_fresh_env(lua_State *L)
{
    lua_newtable(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, host_of(L)->env_meta_ref);
    lua_setmetatable(L, -2);
    lua_setupvalue(L, -2, 1);
}

/* Copies the named library into a fresh table (minus `drop`), pushes a
 * read-only proxy of the copy, and leaves nothing else. */
static void push_lib_copy(lua_State *L, lua_CFunction open, const char *name, const char *drop)
{
    luaL_requiref(L, name, open, 0);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, -3)) {
        if (drop && lua_type(L, -2) == LUA_TSTRING && strcmp(lua_tostring(L, -2), drop) == 0) {
            lua_pop(L, 1);
            continue;
        }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_settable(L, -4);
    }
    lua_remove(L, -2);     /* the original library */
    if (strcmp(name, "string") == 0) {
        /* string methods ("x"):upper() must not reach string.dump either */
        lua_pushliteral(L, "");
        lua_getmetatable(L, -1);
        lua_pushvalue(L, -3);
        lua_setfield(L, -2, "__index");
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
        lua_pop(L, 2);
    }
    lh_push_readonly(L, -1);
    lua_remove(L, -2);
}

/* The base globals, allow-listed, behind a read-only proxy: returns the
 * registry ref of the script environments' metatable {__index = base}. */
static int open_sandbox(lua_State *L)
{
    luaL_requiref(L, "_G", luaopen_base, 0);
    lua_newtable(L); /* G0 */
    static const char *const BASE[] = {"assert", "error",    "ipairs",   "next",     "pairs",  "pcall",
                                       "rawequal", "rawget", "rawlen",   "rawset",   "select", "setmetatable",
                                       "getmetatable", "tonumber", "tostring", "type", "xpcall", "_VERSION",
                                       NULL};
    for (int i = 0; BASE[i]; i++) {
        lua_getfield(L, -2, BASE[i]);
        lua_setfield(L, -2, BASE[i]);
    }
    lua_pushcfunction(L, lh_print);
    lua_setfield(L, -2, "print");
    lua_pushcfunction(L, lh_require);
    lua_setfield(L, -2, "require");
    push_lib_copy(L, luaopen_string, "string", "dump");
    lua_setfield(L, -2, "string");
    push_lib_copy(L, luaopen_table, "table", NULL);
    lua_setfield(L, -2, "table");
    push_lib_copy(L, luaopen_math, "math", NULL);
    lua_setfield(L, -2, "math");
    push_lib_copy(L, luaopen_utf8, "utf8", NULL);
    lua_setfield(L, -2, "utf8");
    /* env metatable: {__index = G0}; G0 itself becomes unreachable for writes */
    lua_newtable(L);
    lua_insert(L, -2);
    lua_setfield(L, -2, "__index");
    int ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pop(L, 1); /* _G */
    return ref;
}

luahost *luahost_new(const luahost_limits *lim, char *err, size_t errlen)
{
    luahost *h = calloc(1, sizeof *h);
    if (!h) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    h->mem_limit = lim && lim->mem_limit ? lim->mem_limit : (size_t)64 << 20;
    h->budget = lim && lim->instr_budget ? lim->instr_budget : 10000000L;
    h->gen = 1;
    jarena_init(&h->tmp, 0);
    h->L = lua_newstate(capped_alloc, h);
    if (!h->L) {
        snprintf(err, errlen, "cannot create a Lua state");
        free(h);
        return NULL;
    }
    lua_State *L = h->L;
    *(luahost **)lua_getextraspace(L) = h;
    lua_gc(L, LUA_GCGEN, 0, 0);

    lh_views_open(L);
    lh_prims_open(L);

    h->env_meta_ref = open_sandbox(L);

    /* reusable root views for the event and the settings */
    lh_push_view(L, NULL);
    h->event_view_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lh_push_view(L, NULL);
    h->settings_view_ref = luaL_ref(L, LUA_REGISTRYINDEX);

    if (lh_load_helper_module(h, err, errlen)) {
        luahost_free(h);
        return NULL;
    }
    return h;
}

void luahost_free(luahost *h)
{
    if (!h) return;
    if (h->L) lua_close(h->L);
    for (int i = 0; i < h->nscripts; i++) free(h->scripts[i].name);
    free(h->scripts);
    jarena_free(&h->tmp);
    free(h);
}

static void start_budget(luahost *h)
{
    h->count = 0;
    h->killed = false;
    lua_sethook(h->L, budget_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

int luahost_load(luahost *h, const char *name, const char *src, size_t len, char *err, size_t errlen)
{
    lua_State *L = h->L;
    char *owned = NULL;
    if (!src) len = 0;
    if (!src) {
        src = owned = file_read_all(name, &len, err, errlen);
        if (!src) return -1;
    }
    char chunk[512];
    snprintf(chunk, sizeof chunk, "@%s", name);
    int top = lua_gettop(L);
    lua_pushcfunction(L, msgh);
    int rc = luaL_loadbufferx(L, src, len, chunk, "t");
    free(owned);
    if (rc != LUA_OK) {
        snprintf(err, errlen, "%s", lua_tostring(L, -1));
        lua_settop(L, top);
        return -1;
    }
    lh_set_fresh_env(L);
    start_budget(h);
    rc = lua_pcall(L, 0, 1, top + 1);
    lua_sethook(L, NULL, 0, 0);
    if (rc != LUA_OK || h->killed) {
        snprintf(err, errlen, "%s", lua_isstring(L, -1) ? lua_tostring(L, -1) : "error loading the script");
        lua_settop(L, top);
        return -1;
    }
    if (lua_type(L, -1) != LUA_TFUNCTION) {
        snprintf(err, errlen, "%s: the script returned %s; a mapping script must return a function(event, settings)",
                 name, luaL_typename(L, -1));
        lua_settop(L, top);
        return -1;
    }
    int slot = -1;
    for (int i = 0; i < h->nscripts; i++)
        if (h->scripts[i].ref == LUA_NOREF) slot = i;
    if (slot < 0) {
        script *ns = realloc(h->scripts, (size_t)(h->nscripts + 1) * sizeof *ns);
        if (!ns) {
            snprintf(err, errlen, "out of memory");
            lua_settop(L, top);
            return -1;
        }
        h->scripts = ns;
        slot = h->nscripts++;
    }
    h->scripts[slot].ref = luaL_ref(L, LUA_REGISTRYINDEX);
    h->scripts[slot].name = strdup(name);
    lua_settop(L, top);
    return slot;
}

void luahost_unload(luahost *h, int handle)
{
    if (handle < 0 || handle >= h->nscripts || h->scripts[handle].ref == LUA_NOREF) return;
    luaL_unref(h->L, LUA_REGISTRYINDEX, h->scripts[handle].ref);
    h->scripts[handle].ref = LUA_NOREF;
    free(h->scripts[handle].name);
    h->scripts[handle].name = NULL;
}

const char *luahost_name(luahost *h, int handle)
{
    if (handle < 0 || handle >= h->nscripts) return NULL;
    return h->scripts[handle].name;
}

int luahost_run(luahost *h, int handle, const jv *event, const jv *settings, jarena *a, jv *out, ev_error *err)
{
    lua_State *L = h->L;
    const char *name = luahost_name(h, handle);
    if (!name) {
        ev_error_set(err, "ScriptError", 500, "SCRIPT_ERROR", "no such mapping script (handle %d)", handle);
        return -1;
    }
    int top = lua_gettop(L);
    int ret = 0;
    h->cur = a;
    lua_pushcfunction(L, msgh);
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->scripts[handle].ref);
    lh_set_root_view(L, h->event_view_ref, event, h->gen);
    if (settings) lh_set_root_view(L, h->settings_view_ref, settings, h->gen);
    else lua_newtable(L);
    start_budget(h);
    int rc = lua_pcall(L, 2, 1, top + 1);
    lua_sethook(L, NULL, 0, 0);
    if (rc != LUA_OK || h->killed) {
        const char *msg = lua_isstring(L, -1) ? lua_tostring(L, -1) : "(error object is not a string)";
        if (h->killed && !strstr(msg, "budget"))
            ev_error_set(err, "ScriptError", 500, "SCRIPT_ERROR", "%s: script exceeded its budget of %ld instructions",
                         name, h->budget);
        else
            ev_error_set(err, "ScriptError", 500, "SCRIPT_ERROR", "%s", msg);
        ret = -1;
    } else if (lua_type(L, -1) == LUA_TTABLE || luaL_testudata(L, -1, VIEW_MT)) {
        char cerr[400];
        if (lua_to_jv(L, -1, a, out, cerr, sizeof cerr)) {
            ev_error_set(err, "ScriptError", 500, "SCRIPT_ERROR", "%s: the mapping function's result: %s", name, cerr);
            ret = -1;
        } else if (out->type != JV_OBJ) {
            ev_error_set(err, "ScriptError", 500, "SCRIPT_ERROR",
                         "%s: the mapping function returned %s; it must return a table of fields", name,
                         jv_type_phrase(out));
            ret = -1;
        }
    } else {
        lua_Debug ar;
        lua_rawgeti(L, LUA_REGISTRYINDEX, h->scripts[handle].ref);
        lua_getinfo(L, ">S", &ar);
        ev_error_set(err, "ScriptError", 500, "SCRIPT_ERROR",
                     "%s:%d: the mapping function returned %s; it must return a table of fields", name,
                     ar.linedefined, lua_type(L, -1) == LUA_TNIL ? "nil" : luaL_typename(L, -1));
        ret = -1;
    }
    lua_settop(L, top);
    h->gen++;  /* views of this event are now stale */
    h->cur = NULL;
    return ret;
}

/* host.c — one Lua state per script: the embedded sources, the limits (a
 * capped allocator, a count hook for instructions and time), the traceback
 * handler, the sandbox (allow-listed read-only libraries, per-script globals,
 * xpcall and setmetatable made safe), and loading, running, rebuilding and
 * unloading scripts. */
#include "map/lua/lua_int.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/file.h"

#define HOOK_EVERY 1000     /* instructions between two looks at the limits */
#define MIB ((size_t)1 << 20)

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

/* ---- limits ------------------------------------------------------------------ */
static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    lstate *st = ud;
    if (!ptr) osize = 0;
    if (nsize == 0) {
        free(ptr);
        st->mem_used -= osize;
        return NULL;
    }
    if (nsize > osize && st->mem_used + st->ext_used + (nsize - osize) > st->lim.mem_limit) {
        if (st->running) st->killed = LIMIT_MEMORY;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (!p) return NULL;
    st->mem_used = st->mem_used - osize + nsize;
    return p;
}

int lh_charge_memory(lua_State *L, long bytes)
{
    lstate *st = host_of(L);
    if (bytes > 0 && st->mem_used + st->ext_used + (size_t)bytes > st->lim.mem_limit) {
        if (st->running) st->killed = LIMIT_MEMORY;
        return -1;
    }
    st->ext_used += (size_t)bytes; /* a negative count wraps back */
    return 0;
}

static void limit_hook(lua_State *L, lua_Debug *ar);

/* Raises the error of the limit st is over. Once over, the hook fires at
 * every instruction, so a pcall in the script cannot swallow it and go on. */
static int raise_limit(lua_State *L, lstate *st)
{
    lua_sethook(L, limit_hook, LUA_MASKCOUNT, 1);
    if (st->killed == LIMIT_TIME) return luaL_error(L, "script exceeded its time budget of %d ms", (int)st->lim.time_ms);
    if (st->killed == LIMIT_MEMORY)
        return luaL_error(L, "script exceeded its memory cap of %d MiB", (int)(st->lim.mem_limit / MIB));
    return luaL_error(L, "script exceeded its budget of %d instructions", (int)st->lim.instr_budget);
}

/* Which limit (if any) st is over after `steps` more steps. */
static limit_kind over_limit(lstate *st, long steps)
{
    st->count += steps;
    if (st->killed) return st->killed;
    if (st->count > st->lim.instr_budget) return LIMIT_INSTRUCTIONS;
    if (st->lim.clock_ns() > st->deadline_ns) return LIMIT_TIME;
    return LIMIT_NONE;
}

static void limit_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lstate *st = host_of(L);
    limit_kind k = over_limit(st, st->killed ? 1 : HOOK_EVERY);
    if (k) {
        st->killed = k;
        raise_limit(L, st);
    }
}

void lh_charge(lua_State *L, long n)
{
    lstate *st = host_of(L);
    if (!st->running) return;
    limit_kind k = over_limit(st, n);
    if (k) {
        st->killed = k;
        raise_limit(L, st);
    }
}

static void start_limits(lstate *st)
{
    st->count = 0;
    st->killed = LIMIT_NONE;
    st->running = true;
    st->deadline_ns = st->lim.clock_ns() + (int64_t)st->lim.time_ms * 1000000;
    lua_sethook(st->L, limit_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

static void stop_limits(lstate *st)
{
    lua_sethook(st->L, NULL, 0, 0);
    st->running = false;
}

/* The message of an error that is not a string: its __tostring, else where
 * error() was called and the value as JSON (error({code = 42}) ->
 * "t.lua:2: error object: {"code":42}"). */
static const char *error_object(lua_State *L)
{
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return lua_tostring(L, -1);
    lstate *st = host_of(L);
    luaL_where(L, 2);
    jarena *a = st->cur ? st->cur : &st->tmp;
    jv v;
    char err[128];
    jbuf b;
    jbuf_init(&b);
    if (lua_to_jv(L, 1, a, &v, err, sizeof err) == 0) json_write(&b, &v);
    lua_pushfstring(L, "%serror object: %s", lua_tostring(L, -1), b.len ? jbuf_cstr(&b) : luaL_typename(L, 1));
    jbuf_free(&b);
    return lua_tostring(L, -1);
}

static int msgh(lua_State *L)
{
    const char *msg = lua_type(L, 1) == LUA_TSTRING ? lua_tostring(L, 1) : error_object(L);
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
        lh_patterns_open(L, -1);
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

/* setmetatable, refusing __gc: finalizers run where no hook can stop them
 * (Lua turns hooks off while a finalizer runs), and Lua only marks an object
 * for finalization when its metatable has __gc as it is set. The original
 * setmetatable is upvalue 1. */
static int setmetatable_with(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        int t = lua_rawget(L, 2);
        lua_pop(L, 1);
        if (t != LUA_TNIL) return luaL_error(L, "__gc metamethods are not allowed in mapping scripts");
    }
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

/* xpcall(f, handler, ...): f under pcall, then the handler called on the
 * error once the stack has unwound, under the limits like any code (Lua's own
 * xpcall runs the handler of an error raised by a hook with hooks off). A
 * limit's error is not caught. */
static int safe_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_replace(L, 1);
    lua_replace(L, 2); /* handler, f, args... */
    int rc = lua_pcall(L, n - 2, LUA_MULTRET, 0);
    lstate *st = host_of(L);
    if (st->killed) return lua_error(L);
    if (rc == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_insert(L, 2);
        return lua_gettop(L) - 1;
    }
    lua_pushvalue(L, 1);
    lua_insert(L, -2); /* handler, handler, error */
    rc = lua_pcall(L, 1, 1, 0);
    if (st->killed) return lua_error(L);
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
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
    lua_getfield(L, -2, "setmetatable");
    lua_pushcclosure(L, setmetatable_with, 1);
    lua_setfield(L, -2, "setmetatable");
    lua_pushcfunction(L, safe_xpcall);
    lua_setfield(L, -2, "xpcall");
    lua_pushcfunction(L, lh_print);
    lua_setfield(L, -2, "print");
    lua_pushcfunction(L, lh_print);
    lua_setfield(L, -2, "log");
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

static void state_free(lstate *st)
{
    if (!st) return;
    if (st->L) lua_close(st->L);
    jarena_free(&st->tmp);
    free(st->name);
    free(st->src);
    free(st);
}

/* A fresh state with the sandbox, the views and the helper library. */
static lstate *state_new(luahost *h, const luahost_limits *lim, char *err, size_t errlen)
{
    lstate *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    st->host = h;
    st->lim = *lim;
    st->gen = 1;
    st->log_tokens = LOG_BURST;
    st->log_at_ns = lim->clock_ns();
    st->fn_ref = LUA_NOREF;
    jarena_init(&st->tmp, 0);
    st->L = lua_newstate(capped_alloc, st);
    if (!st->L) {
        snprintf(err, errlen, "cannot create a Lua state (memory cap %zu MiB)", lim->mem_limit / MIB);
        state_free(st);
        return NULL;
    }
    lua_State *L = st->L;
    *(lstate **)lua_getextraspace(L) = st;
    lua_gc(L, LUA_GCGEN, 0, 0);
    lh_views_open(L);
    lh_prims_open(L);
    st->env_meta_ref = open_sandbox(L);
    lh_push_view(L, NULL); /* reusable root views for the event and the settings */
    st->event_view_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lh_push_view(L, NULL);
    st->settings_view_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    if (lh_load_helper_module(st, err, errlen)) {
        state_free(st);
        return NULL;
    }
    return st;
}

/* The error of a call that went over a limit. */
static void limit_error(const lstate *st, ev_error *err)
{
    switch (st->killed) {
    case LIMIT_TIME:
        ev_error_set(err, "ScriptLimitError", 500, "SCRIPT_LIMIT", "%s: script exceeded its time budget of %ld ms",
                     st->name, st->lim.time_ms);
        break;
    case LIMIT_MEMORY:
        ev_error_set(err, "ScriptLimitError", 500, "SCRIPT_LIMIT", "%s: script exceeded its memory cap of %zu MiB",
                     st->name, st->lim.mem_limit / MIB);
        break;
    default:
        ev_error_set(err, "ScriptLimitError", 500, "SCRIPT_LIMIT",
                     "%s: script exceeded its budget of %ld instructions", st->name, st->lim.instr_budget);
    }
}

/* Runs the chunk in st (its text st->src) and keeps the mapping function it
 * returns. Returns 0, or -1 with err. */
static int state_load(lstate *st, char *err, size_t errlen)
{
    lua_State *L = st->L;
    char chunk[512];
    snprintf(chunk, sizeof chunk, "@%s", st->name);
    int top = lua_gettop(L);
    lua_pushcfunction(L, msgh);
    if (luaL_loadbufferx(L, st->src, st->src_len, chunk, "t") != LUA_OK) {
        snprintf(err, errlen, "%s", lua_tostring(L, -1));
        lua_settop(L, top);
        return -1;
    }
    lh_set_fresh_env(L);
    start_limits(st);
    int rc = lua_pcall(L, 0, 1, top + 1);
    stop_limits(st);
    if (st->killed) {
        ev_error e;
        limit_error(st, &e);
        snprintf(err, errlen, "%s (while loading)", e.message);
    } else if (rc != LUA_OK) {
        snprintf(err, errlen, "%s", lua_isstring(L, -1) ? lua_tostring(L, -1) : "error loading the script");
    } else if (lua_type(L, -1) != LUA_TFUNCTION) {
        snprintf(err, errlen, "%s: the script returned %s; a mapping script must return a function(event, settings)",
                 st->name, luaL_typename(L, -1));
    } else {
        st->fn_ref = luaL_ref(L, LUA_REGISTRYINDEX);
        lua_settop(L, top);
        return 0;
    }
    lua_settop(L, top);
    return -1;
}

/* lim's zero fields from dflt. */
static luahost_limits limits_or(const luahost_limits *lim, const luahost_limits *dflt)
{
    luahost_limits l = lim ? *lim : *dflt;
    if (!l.mem_limit) l.mem_limit = dflt->mem_limit;
    if (!l.instr_budget) l.instr_budget = dflt->instr_budget;
    if (!l.time_ms) l.time_ms = dflt->time_ms;
    if (!l.clock_ns) l.clock_ns = dflt->clock_ns;
    return l;
}

luahost *luahost_new(const luahost_limits *lim, char *err, size_t errlen)
{
    luahost *h = calloc(1, sizeof *h);
    if (!h) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    luahost_limits d = {LUAHOST_MEM_DEFAULT, LUAHOST_INSTR_DEFAULT, LUAHOST_TIME_MS_DEFAULT, clock_mono_ns};
    h->lim = limits_or(lim, &d);
    return h;
}

void luahost_set_secrets(luahost *h, const char *const *secrets)
{
    h->secrets = secrets;
}

void luahost_free(luahost *h)
{
    if (!h) return;
    for (int i = 0; i < h->nstates; i++) state_free(h->states[i]);
    free(h->states);
    free(h);
}

int luahost_load_limited(luahost *h, const char *name, const char *src, size_t len, const luahost_limits *lim,
                         char *err, size_t errlen)
{
    luahost_limits l = limits_or(lim, &h->lim);
    char *text;
    if (src) {
        text = malloc(len + 1);
        if (text) memcpy(text, src, len);
    } else {
        text = file_read_all(name, &len, err, errlen);
        if (!text) return -1;
    }
    char *nm = strdup(name);
    lstate *st = text && nm ? state_new(h, &l, err, errlen) : NULL;
    if (!st) {
        if (!text || !nm) snprintf(err, errlen, "out of memory");
        free(text);
        free(nm);
        return -1;
    }
    st->name = nm;
    st->src = text;
    st->src_len = len;
    if (state_load(st, err, errlen)) {
        state_free(st);
        return -1;
    }
    int slot = -1;
    for (int i = 0; i < h->nstates && slot < 0; i++)
        if (!h->states[i]) slot = i;
    if (slot < 0) {
        lstate **ns = realloc(h->states, (size_t)(h->nstates + 1) * sizeof *ns);
        if (!ns) {
            snprintf(err, errlen, "out of memory");
            state_free(st);
            return -1;
        }
        h->states = ns;
        slot = h->nstates++;
    }
    h->states[slot] = st;
    return slot;
}

luahost *luahost_clone(const luahost *src, char *err, size_t errlen)
{
    luahost *h = luahost_new(&src->lim, err, errlen);
    if (!h) return NULL;
    h->secrets = src->secrets;
    h->states = calloc((size_t)(src->nstates ? src->nstates : 1), sizeof *h->states);
    if (!h->states) {
        snprintf(err, errlen, "out of memory");
        luahost_free(h);
        return NULL;
    }
    h->nstates = src->nstates;
    for (int i = 0; i < src->nstates; i++) {
        const lstate *o = src->states[i];
        if (!o) continue;
        lstate *st = state_new(h, &o->lim, err, errlen);
        char *name = strdup(o->name), *text = malloc(o->src_len + 1);
        if (!st || !name || !text) {
            if (st && (!name || !text)) snprintf(err, errlen, "out of memory");
            free(name);
            free(text);
            state_free(st);
            luahost_free(h);
            return NULL;
        }
        memcpy(text, o->src, o->src_len);
        st->name = name;
        st->src = text;
        st->src_len = o->src_len;
        if (state_load(st, err, errlen)) {
            state_free(st);
            luahost_free(h);
            return NULL;
        }
        h->states[i] = st;
    }
    return h;
}

int luahost_load(luahost *h, const char *name, const char *src, size_t len, char *err, size_t errlen)
{
    return luahost_load_limited(h, name, src, len, NULL, err, errlen);
}

void luahost_unload(luahost *h, int handle)
{
    if (handle < 0 || handle >= h->nstates || !h->states[handle]) return;
    state_free(h->states[handle]);
    h->states[handle] = NULL;
}

const char *luahost_name(luahost *h, int handle)
{
    if (handle < 0 || handle >= h->nstates || !h->states[handle]) return NULL;
    return h->states[handle]->name;
}

/* After a limit: the state may hold anything the script left half-done (and
 * all the memory it was allowed): a fresh one from the same source replaces
 * it. If that fails, the old one stays. */
static void rebuild(luahost *h, int handle)
{
    lstate *old = h->states[handle];
    char err[256];
    lstate *st = state_new(h, &old->lim, err, sizeof err);
    if (!st) return;
    st->name = old->name;
    st->src = old->src;
    st->src_len = old->src_len;
    if (state_load(st, err, sizeof err)) {
        st->name = st->src = NULL;
        state_free(st);
        return;
    }
    old->name = old->src = NULL;
    state_free(old);
    h->states[handle] = st;
    malloc_trim(0); /* what the old state held goes back to the system, not only to malloc */
}

/* The result on top of the stack as the mapping's fields. */
static int take_result(lstate *st, jarena *a, jv *out, ev_error *err)
{
    lua_State *L = st->L;
    if (lua_type(L, -1) == LUA_TTABLE || luaL_testudata(L, -1, VIEW_MT)) {
        char cerr[400];
        if (lua_to_jv(L, -1, a, out, cerr, sizeof cerr)) {
            ev_error_set(err, "ScriptError", 500, "SCRIPT_ERROR", "%s: the mapping function's result: %s", st->name,
                         cerr);
            return -1;
        }
        if (out->type != JV_OBJ) {
            ev_error_set(err, "ScriptError", 500, "SCRIPT_ERROR",
                         "%s: the mapping function returned %s; it must return a table of fields", st->name,
                         jv_type_phrase(out));
            return -1;
        }
        return 0;
    }
    lua_Debug ar;
    lua_rawgeti(L, LUA_REGISTRYINDEX, st->fn_ref);
    lua_getinfo(L, ">S", &ar);
    ev_error_set(err, "ScriptError", 500, "SCRIPT_ERROR",
                 "%s:%d: the mapping function returned %s; it must return a table of fields", st->name,
                 ar.linedefined, luaL_typename(L, -1));
    return -1;
}

int luahost_run(luahost *h, int handle, const jv *event, const jv *settings, jarena *a, jv *out, ev_error *err)
{
    if (handle < 0 || handle >= h->nstates || !h->states[handle]) {
        ev_error_set(err, "ScriptError", 500, "SCRIPT_ERROR", "no such mapping script (handle %d)", handle);
        return -1;
    }
    lstate *st = h->states[handle];
    lua_State *L = st->L;
    int top = lua_gettop(L);
    int ret = 0;
    st->cur = a;
    st->event = event;
    lua_pushcfunction(L, msgh);
    lua_rawgeti(L, LUA_REGISTRYINDEX, st->fn_ref);
    lh_set_root_view(L, st->event_view_ref, event, st->gen);
    if (settings) lh_set_root_view(L, st->settings_view_ref, settings, st->gen);
    else lua_newtable(L);
    start_limits(st);
    int rc = lua_pcall(L, 2, 1, top + 1);
    stop_limits(st);
    if (st->killed) {
        limit_error(st, err);
        ret = -1;
    } else if (rc != LUA_OK) {
        const char *msg = lua_isstring(L, -1) ? lua_tostring(L, -1) : "(error object is not a string)";
        ev_error_set(err, "ScriptError", 500, "SCRIPT_ERROR", "%s", msg);
        ret = -1;
    } else if (lua_isnil(L, -1)) {
        ret = 1; /* declined */
    } else {
        ret = take_result(st, a, out, err);
    }
    lua_settop(L, top);
    st->gen++; /* views of this event are now stale */
    st->cur = NULL;
    st->event = NULL;
    if (st->killed) rebuild(h, handle);
    return ret;
}

/* luahost.c — sandboxed Lua 5.4 state, event views, the helper library's C
 * primitives, script loading and running. */
#include "map/lua/luahost.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map/mapkit/mapkit.h"
#include "lib/file.h"

#define HOOK_EVERY 1000

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

typedef struct {
    const jv *v;
    unsigned gen;
} view;

static const char VIEW_MT[] = "encharge.view";
static const char PROG_MT[] = "encharge.program";
static char ARRAY_MT_KEY;     /* registry key of mapping.array's metatable */
static char MODULE_KEY;       /* registry key of the loaded helper module */
static char ENCHARGE_KEY;     /* registry key of presets/common.lua, loaded on first require */

static luahost *host_of(lua_State *L) { return *(luahost **)lua_getextraspace(L); }

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

/* ---- views ---------------------------------------------------------------- */
static void push_view(lua_State *L, const jv *v)
{
    view *w = lua_newuserdatauv(L, sizeof *w, 0);
    w->v = v;
    w->gen = host_of(L)->gen;
    luaL_setmetatable(L, VIEW_MT);
}

static const jv *check_view(lua_State *L, int idx)
{
    view *w = luaL_checkudata(L, idx, VIEW_MT);
    if (w->gen != host_of(L)->gen || !w->v) luaL_error(L, "event view used after its event ended");
    return w->v;
}

static void push_jv(lua_State *L, const jv *v)
{
    if (!v) {
        lua_pushnil(L);
        return;
    }
    switch (v->type) {
    case JV_UNDEF:
    case JV_FUNC: lua_pushnil(L); break;
    case JV_NULL: lua_pushlightuserdata(L, NULL); break;
    case JV_BOOL: lua_pushboolean(L, v->b); break;
    case JV_NUM: {
        int64_t i;
        if (jv_num_int64(v, &i)) lua_pushinteger(L, (lua_Integer)i);
        else lua_pushnumber(L, jv_num_double(v));
        break;
    }
    case JV_STR: lua_pushlstring(L, v->u.s, v->n); break;
    default: push_view(L, v); break;
    }
}

static int view_index(lua_State *L)
{
    const jv *v = check_view(L, 1);
    if (v->type == JV_OBJ) {
        size_t n;
        const char *k = lua_tolstring(L, 2, &n);
        if (!k || lua_type(L, 2) != LUA_TSTRING) return lua_pushnil(L), 1;
        push_jv(L, jv_get(v, k, n));
    } else if (v->type == JV_ARR) {
        int isnum;
        lua_Integer i = lua_tointegerx(L, 2, &isnum);
        if (!isnum || i < 1 || (uint64_t)i > v->n) return lua_pushnil(L), 1;
        push_jv(L, &v->u.items[i - 1]);
    } else {
        lua_pushnil(L);
    }
    return 1;
}

static int view_len(lua_State *L)
{
    const jv *v = check_view(L, 1);
    lua_pushinteger(L, v->type == JV_ARR ? (lua_Integer)v->n : 0);
    return 1;
}

static int view_next(lua_State *L)
{
    const jv *v = check_view(L, lua_upvalueindex(1));
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
    for (; (uint64_t)i < v->n; i++) {
        if (v->type == JV_ARR) {
            lua_pushinteger(L, i + 2);
            lua_replace(L, lua_upvalueindex(2));
            lua_pushinteger(L, i + 1);
            push_jv(L, &v->u.items[i]);
            return 2;
        }
        const jmember *m = &v->u.members[i];
        if (m->val.type == JV_UNDEF) continue;
        lua_pushinteger(L, i + 1);
        lua_replace(L, lua_upvalueindex(2));
        lua_pushlstring(L, m->key, m->klen);
        push_jv(L, &m->val);
        return 2;
    }
    return 0;
}

static int view_pairs(lua_State *L)
{
    check_view(L, 1);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, view_next, 2);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static int view_tostring(lua_State *L)
{
    const jv *v = check_view(L, 1);
    jbuf b;
    jbuf_init(&b);
    json_write(&b, v);
    lua_pushlstring(L, b.p ? b.p : "", b.len);
    jbuf_free(&b);
    return 1;
}

static int view_newindex(lua_State *L)
{
    return luaL_error(L, "event views are read-only (copy the value into a new table to change it)");
}

/* ---- Lua -> JSON ---------------------------------------------------------- */
typedef struct {
    jarena *a;
    char *err;
    size_t errlen;
    char path[256];
    int depth;
} conv;

static int conv_fail(conv *c, const char *what)
{
    snprintf(c->err, c->errlen, "cannot convert %s to JSON at %s", what, c->path[0] ? c->path : "(result)");
    return -1;
}

static int to_jv(lua_State *L, int idx, conv *c, jv *out);

static int table_to_jv(lua_State *L, int idx, conv *c, jv *out)
{
    if (++c->depth > 64) return conv_fail(c, "a table nested more than 64 levels (a cycle?)");
    if (!lua_checkstack(L, 4)) return conv_fail(c, "a table (Lua stack exhausted)");
    bool is_array = false;
    if (lua_getmetatable(L, idx)) {
        lua_rawgetp(L, LUA_REGISTRYINDEX, &ARRAY_MT_KEY);
        is_array = lua_rawequal(L, -1, -2);
        lua_pop(L, 2);
    }
    size_t count = 0;
    bool seq = true;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        count++;
        if (seq && !(lua_isinteger(L, -2) && lua_tointeger(L, -2) >= 1)) seq = false;
        lua_pop(L, 1);
    }
    if (seq && count && lua_rawlen(L, idx) != count) seq = false;
    size_t plen = strlen(c->path);
    if (is_array || (seq && count > 0)) {
        size_t n = lua_rawlen(L, idx);
        *out = jv_arr_new(c->a, n);
        if (out->type != JV_ARR) return conv_fail(c, "a table (out of memory)");
        for (size_t i = 0; i < n; i++) {
            snprintf(c->path + plen, sizeof c->path - plen, "[%zu]", i + 1);
            lua_rawgeti(L, idx, (lua_Integer)(i + 1));
            int rc = to_jv(L, lua_gettop(L), c, &out->u.items[i]);
            lua_pop(L, 1);
            if (rc) return -1;
            if (out->u.items[i].type == JV_UNDEF) out->u.items[i] = jv_null();
        }
    } else {
        *out = jv_obj_new(c->a, count);
        if (out->type != JV_OBJ) return conv_fail(c, "a table (out of memory)");
        uint32_t k = 0;
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            size_t kl;
            const char *key;
            if (lua_type(L, -2) == LUA_TSTRING) {
                key = lua_tolstring(L, -2, &kl);
            } else if (lua_type(L, -2) == LUA_TNUMBER) {
                lua_pushvalue(L, -2);
                key = lua_tolstring(L, -1, &kl);
                key = jarena_strdup(c->a, key, kl);
                lua_pop(L, 1);
            } else {
                lua_pop(L, 2);
                return conv_fail(c, "a table key that is not a string");
            }
            jmember *m = &out->u.members[k++];
            m->key = jarena_strdup(c->a, key, kl);
            m->klen = (uint32_t)kl;
            snprintf(c->path + plen, sizeof c->path - plen, "%s%.*s", plen ? "." : "", (int)kl, key);
            int rc = to_jv(L, lua_gettop(L), c, &m->val);
            lua_pop(L, 1);
            if (rc) return -1;
        }
        out->n = k;
    }
    c->path[plen] = 0;
    c->depth--;
    return 0;
}

static int to_jv(lua_State *L, int idx, conv *c, jv *out)
{
    switch (lua_type(L, idx)) {
    case LUA_TNIL: *out = jv_undef(); return 0;
    case LUA_TBOOLEAN: *out = jv_bool(lua_toboolean(L, idx)); return 0;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) *out = jv_num_int(c->a, (int64_t)lua_tointeger(L, idx));
        else *out = jv_num_double_new(c->a, (double)lua_tonumber(L, idx));
        return out->type == JV_UNDEF ? conv_fail(c, "a number (out of memory)") : 0;
    case LUA_TSTRING: {
        size_t n;
        const char *s = lua_tolstring(L, idx, &n);
        *out = jv_str(c->a, s, n);
        return out->type == JV_UNDEF ? conv_fail(c, "a string (out of memory)") : 0;
    }
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, idx) == NULL) {
            *out = jv_null();
            return 0;
        }
        return conv_fail(c, "a light userdata");
    case LUA_TUSERDATA: {
        view *w = luaL_testudata(L, idx, VIEW_MT);
        if (!w) return conv_fail(c, "a userdata");
        if (w->gen != host_of(L)->gen || !w->v) return conv_fail(c, "an event view from an earlier event");
        *out = *w->v;
        return 0;
    }
    case LUA_TTABLE: return table_to_jv(L, lua_absindex(L, idx), c, out);
    default: return conv_fail(c, lua_typename(L, lua_type(L, idx)));
    }
}

int lua_to_jv(lua_State *L, int idx, jarena *a, jv *out, char *err, size_t errlen)
{
    conv c = {.a = a, .err = err, .errlen = errlen};
    return to_jv(L, lua_absindex(L, idx), &c, out);
}

/* ---- helper-library primitives (the `mk` table given to mapping.lua) ------- */
typedef struct {
    mk_program *p;
} prog_ud;

static int prog_gc(lua_State *L)
{
    prog_ud *u = luaL_checkudata(L, 1, PROG_MT);
    if (u->p) mk_free(u->p);
    u->p = NULL;
    return 0;
}

static int compile_common(lua_State *L, bool whole)
{
    luahost *h = host_of(L);
    char err[512];
    jv spec;
    jarena_reset(&h->tmp);
    if (!h->cur) h->gen++;
    if (whole) luaL_checktype(L, 1, LUA_TTABLE);
    if (lua_to_jv(L, 1, &h->tmp, &spec, err, sizeof err)) return luaL_error(L, "%s", err);
    prog_ud *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->p = NULL;
    luaL_setmetatable(L, PROG_MT);
    u->p = whole ? mk_compile(&spec, err, sizeof err) : mk_compile_value(&spec, err, sizeof err);
    jarena_reset(&h->tmp);
    /* Outside an event, views made at load time live in tmp: they are stale now. */
    if (!h->cur) h->gen++;
    if (!u->p) return luaL_error(L, "invalid mapping: %s", err);
    return 1;
}

static int l_compile(lua_State *L) { return compile_common(L, true); }
static int l_compile_value(lua_State *L) { return compile_common(L, false); }

/* The event argument as a jv: a view, or a plain table converted. */
static const jv *event_arg(lua_State *L, int idx, jarena **arena)
{
    luahost *h = host_of(L);
    *arena = h->cur ? h->cur : &h->tmp;
    if (luaL_testudata(L, idx, VIEW_MT)) return check_view(L, idx);
    if (lua_type(L, idx) != LUA_TTABLE) luaL_error(L, "expected an event (a view or a table), got %s", luaL_typename(L, idx));
    jv *ev = jarena_alloc(*arena, sizeof *ev);
    char err[256];
    if (!ev) luaL_error(L, "out of memory");
    if (lua_to_jv(L, idx, *arena, ev, err, sizeof err)) luaL_error(L, "%s", err);
    return ev;
}

static int eval_push(lua_State *L, const mk_program *p, int event_idx)
{
    jarena *a;
    const jv *ev = event_arg(L, event_idx, &a);
    jv *out = jarena_alloc(a, sizeof *out);
    char err[512];
    if (!out) return luaL_error(L, "out of memory");
    if (mk_eval(p, ev, a, out, err, sizeof err)) return luaL_error(L, "%s", err);
    push_jv(L, out);
    return 1;
}

static int l_run(lua_State *L)
{
    prog_ud *u = luaL_checkudata(L, 1, PROG_MT);
    return eval_push(L, u->p, 2);
}

static int mapper_call(lua_State *L)
{
    prog_ud *u = luaL_checkudata(L, lua_upvalueindex(1), PROG_MT);
    return eval_push(L, u->p, 1);
}

static int l_mapper(lua_State *L)
{
    luaL_checkudata(L, 1, PROG_MT);
    lua_settop(L, 1);
    lua_pushcclosure(L, mapper_call, 1);
    return 1;
}

static int l_encode(lua_State *L)
{
    luahost *h = host_of(L);
    jarena *a = h->cur ? h->cur : &h->tmp;
    jv v;
    char err[256];
    if (lua_to_jv(L, 1, a, &v, err, sizeof err)) return luaL_error(L, "%s", err);
    jbuf b;
    jbuf_init(&b);
    json_write(&b, &v);
    lua_pushlstring(L, b.p ? b.p : "null", b.p ? b.len : 4);
    jbuf_free(&b);
    return 1;
}

/* ---- sandbox ---------------------------------------------------------------- */
static int l_print(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        if (i > 1) luaL_addchar(&b, '\t');
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    fprintf(stderr, "[lua] %s\n", lua_tostring(L, -1));
    return 0;
}

static int readonly_newindex(lua_State *L)
{
    return luaL_error(L, "attempt to modify a read-only table");
}

/* Pushes a read-only proxy of the table at idx. */
static void push_readonly(lua_State *L, int idx)
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
    push_readonly(L, -1);
    lua_remove(L, -2);
}

static void push_readonly(lua_State *L, int idx);

/* require "mapping" (the helper library) or require "encharge" (the presets'
 * shared field defaults, presets/common.lua); nothing else. */
static int l_require(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    if (strcmp(name, "mapping") == 0) {
        lua_rawgetp(L, LUA_REGISTRYINDEX, &MODULE_KEY);
        return 1;
    }
    if (strcmp(name, "encharge") != 0)
        return luaL_error(L, "module '%s' is not available to mapping scripts (only \"mapping\" and \"encharge\")",
                          name);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &ENCHARGE_KEY) != LUA_TNIL) return 1;
    lua_pop(L, 1);
    size_t len = 0;
    const char *src = embedded_source("presets/common.lua", &len);
    if (luaL_loadbufferx(L, src, len, "@presets/common.lua", "t") != LUA_OK) return lua_error(L);
    lua_newtable(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, host_of(L)->env_meta_ref);
    lua_setmetatable(L, -2);
    lua_setupvalue(L, -2, 1);
    lua_call(L, 0, 1);
    if (!lua_istable(L, -1)) return luaL_error(L, "presets/common.lua did not return a table");
    push_readonly(L, -1);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ENCHARGE_KEY);
    return 1;
}

static int load_helper_module(luahost *h, char *err, size_t errlen)
{
    lua_State *L = h->L;
    size_t len = 0;
    const char *src = embedded_source("scripts/lib/mapping.lua", &len);
    if (luaL_loadbufferx(L, src, len, "@scripts/lib/mapping.lua", "t") != LUA_OK) {
        snprintf(err, errlen, "%s", lua_tostring(L, -1));
        lua_pop(L, 1);
        return -1;
    }
    /* env: a fresh table over the base globals */
    lua_newtable(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_meta_ref);
    lua_setmetatable(L, -2);
    lua_setupvalue(L, -2, 1);
    /* the primitives */
    lua_newtable(L);
    static const luaL_Reg fns[] = {{"compile", l_compile}, {"compile_value", l_compile_value}, {"run", l_run},
                                   {"mapper", l_mapper},   {"encode", l_encode},               {NULL, NULL}};
    luaL_setfuncs(L, fns, 0);
    lua_pushlightuserdata(L, NULL);
    lua_setfield(L, -2, "null");
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ARRAY_MT_KEY);
    lua_setfield(L, -2, "array_mt");
    if (lua_pcall(L, 1, 1, 0) != LUA_OK || !lua_istable(L, -1)) {
        snprintf(err, errlen, "helper library: %s", lua_isstring(L, -1) ? lua_tostring(L, -1) : "did not return a table");
        lua_pop(L, 1);
        return -1;
    }
    push_readonly(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &MODULE_KEY);
    lua_pop(L, 1);
    return 0;
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

    luaL_newmetatable(L, VIEW_MT);
    static const luaL_Reg vm[] = {{"__index", view_index},       {"__len", view_len},
                                  {"__pairs", view_pairs},       {"__tostring", view_tostring},
                                  {"__newindex", view_newindex}, {NULL, NULL}};
    luaL_setfuncs(L, vm, 0);
    lua_pop(L, 1);
    luaL_newmetatable(L, PROG_MT);
    lua_pushcfunction(L, prog_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushliteral(L, "array");
    lua_setfield(L, -2, "__name");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ARRAY_MT_KEY);

    /* base globals, allow-listed */
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
    lua_pushcfunction(L, l_print);
    lua_setfield(L, -2, "print");
    lua_pushcfunction(L, l_require);
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
    h->env_meta_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pop(L, 1); /* _G */

    /* reusable root views for the event and the settings */
    push_view(L, NULL);
    h->event_view_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    push_view(L, NULL);
    h->settings_view_ref = luaL_ref(L, LUA_REGISTRYINDEX);

    if (load_helper_module(h, err, errlen)) {
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
    lua_newtable(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->env_meta_ref);
    lua_setmetatable(L, -2);
    lua_setupvalue(L, -2, 1);
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

static void set_root_view(lua_State *L, int ref, const jv *v, unsigned gen)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    view *w = lua_touserdata(L, -1);
    w->v = v;
    w->gen = gen;
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
    set_root_view(L, h->event_view_ref, event, h->gen);
    if (settings) set_root_view(L, h->settings_view_ref, settings, h->gen);
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

/* prims.c — the helper library's C primitives (the `mk` table handed to
 * scripts/lib/mapping.lua: compile, compile_value, run, mapper, encode), and
 * the script globals `print` and `require` (of the embedded "mapping" and
 * "encharge" modules only). */
#include "map/lua/lua_int.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

#include "map/mapkit/mapkit.h"

static const char PROG_MT[] = "encharge.program";
static char MODULE_KEY;       /* registry key of the loaded helper module */
static char ENCHARGE_KEY;     /* registry key of presets/common.lua, loaded on first require */

typedef struct {
    mk_program *p;
    size_t bytes;   /* charged to the script's memory cap */
} prog_ud;

static int prog_gc(lua_State *L)
{
    prog_ud *u = luaL_checkudata(L, 1, PROG_MT);
    if (u->p) mk_free(u->p);
    u->p = NULL;
    lh_charge_memory(L, -(long)u->bytes);
    u->bytes = 0;
    return 0;
}

void lh_prims_open(lua_State *L)
{
    luaL_newmetatable(L, PROG_MT);
    lua_pushcfunction(L, prog_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
}

/* An error without a position: the helper library (scripts/lib/mapping.lua)
 * raises it again at the line of the script that called it. */
static int raise_plain(lua_State *L, const char *fmt, const char *what)
{
    lua_pushfstring(L, fmt, what);
    return lua_error(L);
}

static int compile_common(lua_State *L, bool whole)
{
    lstate *h = host_of(L);
    char err[512];
    jv spec;
    jarena_reset(&h->tmp);
    if (!h->cur) h->gen++;
    if (whole) luaL_checktype(L, 1, LUA_TTABLE);
    if (lua_to_jv(L, 1, &h->tmp, &spec, err, sizeof err)) return raise_plain(L, "%s", err);
    prog_ud *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->p = NULL;
    u->bytes = 0;
    luaL_setmetatable(L, PROG_MT);
    u->p = whole ? mk_compile(&spec, err, sizeof err) : mk_compile_value(&spec, err, sizeof err);
    jarena_reset(&h->tmp);
    /* Outside an event, views made at load time live in tmp: they are stale now. */
    if (!h->cur) h->gen++;
    if (!u->p) return raise_plain(L, "invalid mapping: %s", err);
    size_t bytes = mk_program_bytes(u->p);
    if (lh_charge_memory(L, (long)bytes)) {
        mk_free(u->p);
        u->p = NULL;
        return luaL_error(L, "not enough memory for a compiled mapping of %zu bytes", bytes);
    }
    u->bytes = bytes;
    return 1;
}

static int l_compile(lua_State *L) { return compile_common(L, true); }
static int l_compile_value(lua_State *L) { return compile_common(L, false); }

/* The event argument as a jv: a view, or a plain table converted. */
static const jv *event_arg(lua_State *L, int idx, jarena **arena)
{
    lstate *h = host_of(L);
    *arena = h->cur ? h->cur : &h->tmp;
    if (luaL_testudata(L, idx, VIEW_MT)) return lh_check_view(L, idx);
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
    if (mk_eval(p, ev, a, out, err, sizeof err)) return raise_plain(L, "%s", err);
    lh_push_jv(L, out);
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
    lstate *h = host_of(L);
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

/* ---- script globals: log (print) and require ------------------------------- */
/* Whether a log line may go out now (the rate limit). */
static bool log_allowed(lstate *st)
{
    int64_t now = st->lim.clock_ns();
    st->log_tokens += (double)(now - st->log_at_ns) * LOG_PER_SECOND / 1e9;
    if (st->log_tokens > LOG_BURST) st->log_tokens = LOG_BURST;
    st->log_at_ns = now;
    if (st->log_tokens < 1) {
        st->log_dropped++;
        return false;
    }
    st->log_tokens -= 1;
    return true;
}

/* text with every secret replaced, to b. */
static void put_redacted(jbuf *b, const char *text, size_t len, const char *const *secrets)
{
    size_t i = 0;
    while (i < len) {
        size_t hit = 0;
        for (int k = 0; secrets && secrets[k] && !hit; k++) {
            size_t n = strlen(secrets[k]);
            if (n && n <= len - i && memcmp(text + i, secrets[k], n) == 0) hit = n;
        }
        if (hit) {
            jbuf_puts(b, "[redacted]");
            i += hit;
        } else {
            jbuf_putc(b, text[i++]);
        }
    }
}

/* log(...) and print(...): one line on stderr naming the script and the
 * event's messageId, the arguments tab-separated, secrets redacted, at most
 * LOG_LINE_MAX bytes, rate-limited (lines over the limit are counted and the
 * count is said on the next line that goes out). */
int lh_print(lua_State *L)
{
    lstate *st = host_of(L);
    if (!log_allowed(st)) return 0;
    int n = lua_gettop(L);
    luaL_Buffer lb;
    luaL_buffinit(L, &lb);
    for (int i = 1; i <= n; i++) {
        if (i > 1) luaL_addchar(&lb, '\t');
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&lb);
    }
    luaL_pushresult(&lb);
    size_t len;
    const char *text = lua_tolstring(L, -1, &len);
    jbuf b;
    jbuf_init(&b);
    const jv *mid = st->event ? jv_getz(st->event, "messageId") : NULL;
    jbuf_printf(&b, "[lua] %s", st->name ? st->name : "?");
    if (mid && mid->type == JV_STR) {
        jbuf_puts(&b, " messageId=");
        put_redacted(&b, mid->u.s, mid->n > 200 ? 200 : mid->n, st->host ? st->host->secrets : NULL);
    }
    if (st->log_dropped) jbuf_printf(&b, " (%ld line(s) dropped by the rate limit)", st->log_dropped);
    st->log_dropped = 0;
    jbuf_puts(&b, ": ");
    put_redacted(&b, text, len > LOG_LINE_MAX ? LOG_LINE_MAX : len, st->host ? st->host->secrets : NULL);
    if (len > LOG_LINE_MAX) jbuf_puts(&b, " [cut]");
    for (size_t i = 0; i < b.len; i++)
        if (b.p[i] == '\n') b.p[i] = ' ';
    jbuf_putc(&b, '\n');
    if (!b.oom) fwrite(b.p, 1, b.len, stderr);
    jbuf_free(&b);
    return 0;
}

/* require "mapping" (the helper library) or require "encharge" (the presets'
 * shared field defaults, presets/common.lua); nothing else. */
int lh_require(lua_State *L)
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
    lh_set_fresh_env(L);
    lua_call(L, 0, 1);
    if (!lua_istable(L, -1)) return luaL_error(L, "presets/common.lua did not return a table");
    lh_push_readonly(L, -1);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ENCHARGE_KEY);
    return 1;
}

/* ---- the helper library ---------------------------------------------------- */
/* Runs scripts/lib/mapping.lua with the primitives and keeps its module
 * (read-only) for require "mapping". */
int lh_load_helper_module(lstate *h, char *err, size_t errlen)
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
    lh_set_fresh_env(L);
    /* the primitives */
    lua_newtable(L);
    static const luaL_Reg fns[] = {{"compile", l_compile}, {"compile_value", l_compile_value}, {"run", l_run},
                                   {"mapper", l_mapper},   {"encode", l_encode},               {NULL, NULL}};
    luaL_setfuncs(L, fns, 0);
    lua_pushlightuserdata(L, NULL);
    lua_setfield(L, -2, "null");
    lua_rawgetp(L, LUA_REGISTRYINDEX, &lh_array_mt_key);
    lua_setfield(L, -2, "array_mt");
    if (lua_pcall(L, 1, 1, 0) != LUA_OK || !lua_istable(L, -1)) {
        snprintf(err, errlen, "helper library: %s", lua_isstring(L, -1) ? lua_tostring(L, -1) : "did not return a table");
        lua_pop(L, 1);
        return -1;
    }
    lh_push_readonly(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &MODULE_KEY);
    lua_pop(L, 1);
    return 0;
}

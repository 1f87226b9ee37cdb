/* views.c — the read-only event views a script sees (__index/__len/__pairs
 * over the jv tree; stale once their event ends) and the conversions between
 * Lua values and jv. */
#include "map/lua/lua_int.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

char lh_array_mt_key;

/* ---- views ---------------------------------------------------------------- */
void lh_push_view(lua_State *L, const jv *v)
{
    view *w = lua_newuserdatauv(L, sizeof *w, 0);
    w->v = v;
    w->gen = host_of(L)->gen;
    luaL_setmetatable(L, VIEW_MT);
}

const jv *lh_check_view(lua_State *L, int idx)
{
    view *w = luaL_checkudata(L, idx, VIEW_MT);
    if (w->gen != host_of(L)->gen || !w->v) luaL_error(L, "event view used after its event ended");
    return w->v;
}

void lh_set_root_view(lua_State *L, int ref, const jv *v, unsigned gen)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    view *w = lua_touserdata(L, -1);
    w->v = v;
    w->gen = gen;
}

void lh_push_jv(lua_State *L, const jv *v)
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
    default: lh_push_view(L, v); break;
    }
}

static int view_index(lua_State *L)
{
    const jv *v = lh_check_view(L, 1);
    if (v->type == JV_OBJ) {
        size_t n;
        const char *k = lua_tolstring(L, 2, &n);
        if (!k || lua_type(L, 2) != LUA_TSTRING) return lua_pushnil(L), 1;
        lh_push_jv(L, jv_get(v, k, n));
    } else if (v->type == JV_ARR) {
        int isnum;
        lua_Integer i = lua_tointegerx(L, 2, &isnum);
        if (!isnum || i < 1 || (uint64_t)i > v->n) return lua_pushnil(L), 1;
        lh_push_jv(L, &v->u.items[i - 1]);
    } else {
        lua_pushnil(L);
    }
    return 1;
}

static int view_len(lua_State *L)
{
    const jv *v = lh_check_view(L, 1);
    lua_pushinteger(L, v->type == JV_ARR ? (lua_Integer)v->n : 0);
    return 1;
}

static int view_next(lua_State *L)
{
    const jv *v = lh_check_view(L, lua_upvalueindex(1));
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
    for (; (uint64_t)i < v->n; i++) {
        if (v->type == JV_ARR) {
            lua_pushinteger(L, i + 2);
            lua_replace(L, lua_upvalueindex(2));
            lua_pushinteger(L, i + 1);
            lh_push_jv(L, &v->u.items[i]);
            return 2;
        }
        const jmember *m = &v->u.members[i];
        if (m->val.type == JV_UNDEF) continue;
        lua_pushinteger(L, i + 1);
        lua_replace(L, lua_upvalueindex(2));
        lua_pushlstring(L, m->key, m->klen);
        lh_push_jv(L, &m->val);
        return 2;
    }
    return 0;
}

static int view_pairs(lua_State *L)
{
    lh_check_view(L, 1);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, view_next, 2);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static int view_tostring(lua_State *L)
{
    const jv *v = lh_check_view(L, 1);
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

void lh_views_open(lua_State *L)
{
    luaL_newmetatable(L, VIEW_MT);
    static const luaL_Reg vm[] = {{"__index", view_index},       {"__len", view_len},
                                  {"__pairs", view_pairs},       {"__tostring", view_tostring},
                                  {"__newindex", view_newindex}, {NULL, NULL}};
    luaL_setfuncs(L, vm, 0);
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushliteral(L, "array");
    lua_setfield(L, -2, "__name");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &lh_array_mt_key);
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
        lua_rawgetp(L, LUA_REGISTRYINDEX, &lh_array_mt_key);
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

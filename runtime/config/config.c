/* config.c — load the Lua config file into subscriptions. */
#include "config/config.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int presets_load(luahost *lua, int handles[ACTION_COUNT], char *err, size_t errlen)
{
    for (int i = 0; i < ACTION_COUNT; i++) {
        char path[64];
        size_t len;
        snprintf(path, sizeof path, "presets/%s.lua", ACTIONS[i].key);
        const char *src = embedded_source(path, &len);
        handles[i] = luahost_load(lua, path, src, len, err, errlen);
        if (handles[i] < 0) return -1;
    }
    return 0;
}

int script_load(luahost *lua, const char *base_dir, const char *path, char *err, size_t errlen)
{
    char full[1024];
    if (path[0] == '/' || !base_dir || !base_dir[0]) snprintf(full, sizeof full, "%s", path);
    else snprintf(full, sizeof full, "%s/%s", base_dir, path);
    if (access(full, R_OK) == 0) return luahost_load(lua, full, NULL, 0, err, errlen);
    if (access(path, R_OK) == 0) return luahost_load(lua, path, NULL, 0, err, errlen);
    size_t len;
    const char *src = embedded_source(path, &len);
    if (src) return luahost_load(lua, path, src, len, err, errlen);
    snprintf(err, errlen, "cannot open script '%s'", full);
    return -1;
}

/* A config is code: it gets a generous instruction budget, so a loop in it
 * fails the load instead of hanging the process. */
static void config_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    luaL_error(L, "the config ran for more than 100 million instructions (a loop that never ends?)");
}

/* Runs the config file in a small state of its own (base, string, table,
 * math and os.getenv) and converts the returned table to JSON. */
static int eval_config(const char *path, jarena *a, jv *out, char *err, size_t errlen)
{
    lua_State *L = luaL_newstate();
    if (!L) {
        snprintf(err, errlen, "cannot create a Lua state");
        return -1;
    }
    luaL_requiref(L, "_G", luaopen_base, 1);
    luaL_requiref(L, "string", luaopen_string, 1);
    luaL_requiref(L, "table", luaopen_table, 1);
    luaL_requiref(L, "math", luaopen_math, 1);
    luaL_requiref(L, "os", luaopen_os, 0);
    lua_newtable(L);
    lua_getfield(L, -2, "getenv");
    lua_setfield(L, -2, "getenv");
    lua_setglobal(L, "os");
    lua_settop(L, 0);
    int rc = -1;
    lua_sethook(L, config_hook, LUA_MASKCOUNT, 100000000);
    if (luaL_loadfilex(L, path, "t") != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK) {
        snprintf(err, errlen, "config %s: %s", path, lua_tostring(L, -1));
    } else if (!lua_istable(L, -1)) {
        snprintf(err, errlen, "config %s: must return a table, not %s", path, luaL_typename(L, -1));
    } else {
        char cerr[256];
        if (lua_to_jv(L, -1, a, out, cerr, sizeof cerr) == 0) rc = 0;
        else snprintf(err, errlen, "config %s: %s", path, cerr);
    }
    lua_close(L);
    return rc;
}

static const char *str_field(const jv *o, const char *key, jarena *a)
{
    const jv *v = jv_getz(o, key);
    if (!v || v->type != JV_STR) return NULL;
    return jarena_strdup(a, v->u.s, v->n);
}

static int add_preset_subs(config *c)
{
    for (int i = 0; i < ACTION_COUNT; i++) {
        if (!ACTIONS[i].preset_trigger) continue;
        char err[256];
        trigger *t = trigger_parse(ACTIONS[i].preset_trigger, err, sizeof err);
        if (!t) return -1;
        int k = c->nsubs++;
        c->trigs[k] = t;
        c->subs[k] = (subscription){.name = ACTIONS[i].title, .act = &ACTIONS[i], .trig = t,
                                    .kind = MAP_SCRIPT, .script = c->presets[i], .enabled = true};
    }
    return 0;
}

static void dir_of(const char *path, char *out, size_t cap)
{
    snprintf(out, cap, "%s", path);
    char *slash = strrchr(out, '/');
    if (slash) *slash = 0;
    else out[0] = 0;
}

static int entry_error(char *err, size_t errlen, int i, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int entry_error(char *err, size_t errlen, int i, const char *name, const char *fmt, ...)
{
    int n = snprintf(err, errlen, "mappings[%d] (\"%s\"): ", i + 1, name);
    if (n < 0 || (size_t)n >= errlen) return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

static int load_mapping(config *c, int i, const jv *e, const char *base_dir, char *err, size_t errlen)
{
    char why[EV_MSG_MAX];
    const char *name = str_field(e, "name", &c->arena);
    if (!name) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "mapping %d", i + 1);
        name = jarena_strdup(&c->arena, tmp, strlen(tmp));
    }
#define FAIL(...) return entry_error(err, errlen, i, name, __VA_ARGS__)
    if (e->type != JV_OBJ) FAIL("must be a table");
    const char *aname = str_field(e, "action", &c->arena);
    if (!aname) FAIL("missing `action` (one of trackEvent, identifyUser, trackPageView, aliasUser, "
                     "createUpdateObject, addTag, removeTag, or their display names)");
    const action *act = action_find(aname);
    if (!act) FAIL("unknown action '%s'", aname);
    int k = c->nsubs;
    subscription *s = &c->subs[k];
    c->scripts[k] = -1;
    *s = (subscription){.name = name, .act = act, .enabled = true};
    const jv *en = jv_getz(e, "enabled");
    if (en && en->type == JV_BOOL) s->enabled = en->b;
    else if (en) FAIL("`enabled` must be true or false");
    const jv *sub = jv_getz(e, "subscribe");
    const char *trig = sub && sub->type == JV_STR ? str_field(e, "subscribe", &c->arena) : act->preset_trigger;
    if (sub && sub->type != JV_STR) FAIL("`subscribe` must be a string");
    if (!trig) FAIL("missing `subscribe`: %s has no default subscription", act->title);
    c->trigs[k] = trigger_parse(trig, why, sizeof why);
    if (!c->trigs[k]) FAIL("bad trigger: %s", why);
    s->trig = c->trigs[k];
    const jv *script = jv_getz(e, "script");
    const jv *mapping = jv_getz(e, "mapping");
    if (script && mapping) FAIL("give either `script` or `mapping`, not both");
    if (script) {
        if (script->type != JV_STR) FAIL("`script` must be a file path");
        const char *path = str_field(e, "script", &c->arena);
        int h = script_load(c->lua, base_dir, path, why, sizeof why);
        c->nsubs++; /* own the trigger even when the script fails */
        if (h < 0) FAIL("%s", why);
        s->kind = MAP_SCRIPT;
        s->script = h;
        c->scripts[k] = h;
        return 0;
    }
    c->nsubs++;
    if (mapping) {
        if (mapping->type != JV_OBJ) FAIL("`mapping` must be a table of fields");
        c->progs[k] = mk_compile(mapping, why, sizeof why);
        if (!c->progs[k]) FAIL("invalid mapping: %s", why);
        s->kind = MAP_KIT;
        s->prog = c->progs[k];
        return 0;
    }
    s->kind = MAP_SCRIPT;
    s->script = c->presets[act - ACTIONS];
    return 0;
#undef FAIL
}

int config_load(config *c, const char *path, luahost *lua, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    jarena_init(&c->arena, 0);
    c->lua = lua;
    c->settings = jv_obj_new(&c->arena, 0);
    c->ep.ingest_base = DEFAULT_INGEST_BASE;
    c->ep.api_base = DEFAULT_API_BASE;
    for (int i = 0; i < MAX_MAPPINGS; i++) c->scripts[i] = -1;
    for (int i = 0; i < ACTION_COUNT; i++) c->presets[i] = -1;
    if (presets_load(lua, c->presets, err, errlen)) return -1;
    jv root = {0};
    if (path && eval_config(path, &c->arena, &root, err, errlen)) return -1;
    c->root = path ? root : jv_obj_new(&c->arena, 0);
    if (path) {
        const jv *st = jv_getz(&root, "settings");
        if (st && st->type != JV_OBJ) {
            snprintf(err, errlen, "config %s: `settings` must be a table", path);
            return -1;
        }
        if (st) c->settings = *st;
        const jv *ep = jv_getz(&root, "endpoints");
        if (ep) {
            const char *ing = str_field(ep, "ingest", &c->arena), *api = str_field(ep, "api", &c->arena);
            if (ing) c->ep.ingest_base = ing;
            if (api) c->ep.api_base = api;
        }
    }
    /* ENCHARGE_API_KEY is the default for settings.apiKey */
    const char *envkey = getenv("ENCHARGE_API_KEY");
    if (envkey && !jv_getz(&c->settings, "apiKey")) {
        jv ns = jv_obj_new(&c->arena, c->settings.n + 1);
        if (c->settings.n) memcpy(ns.u.members, c->settings.u.members, c->settings.n * sizeof(jmember));
        ns.u.members[c->settings.n] = (jmember){"apiKey", 6, jv_str(&c->arena, envkey, strlen(envkey))};
        c->settings = ns;
    }
    const jv *maps = path ? jv_getz(&root, "mappings") : NULL;
    if (!maps || (maps->type == JV_OBJ && maps->n == 0)) {
        if (add_preset_subs(c)) {
            snprintf(err, errlen, "internal error: preset trigger does not parse");
            return -1;
        }
        return 0;
    }
    if (maps->type != JV_ARR) {
        snprintf(err, errlen, "config %s: `mappings` must be a list of tables", path);
        return -1;
    }
    if (maps->n > MAX_MAPPINGS) {
        snprintf(err, errlen, "config %s: %u mappings; at most %d are allowed", path, maps->n, MAX_MAPPINGS);
        return -1;
    }
    char base_dir[1024];
    dir_of(path, base_dir, sizeof base_dir);
    for (uint32_t i = 0; i < maps->n; i++) {
        int n = snprintf(err, errlen, "config %s: ", path);
        if (n < 0 || (size_t)n >= errlen) n = 0;
        if (load_mapping(c, (int)i, &maps->u.items[i], base_dir, err + n, errlen - (size_t)n)) return -1;
    }
    return 0;
}

void config_free(config *c)
{
    for (int i = 0; i < MAX_MAPPINGS; i++) {
        if (c->trigs[i]) trigger_free(c->trigs[i]);
        if (c->progs[i]) mk_free(c->progs[i]);
        if (c->scripts[i] >= 0 && c->lua) luahost_unload(c->lua, c->scripts[i]);
    }
    if (c->lua)
        for (int i = 0; i < ACTION_COUNT; i++)
            if (c->presets[i] >= 0) luahost_unload(c->lua, c->presets[i]);
    jarena_free(&c->arena);
    memset(c, 0, sizeof *c);
}

const char *config_default_path(const char *given)
{
    if (given) return given;
    return access("encharge.lua", R_OK) == 0 ? "encharge.lua" : NULL;
}

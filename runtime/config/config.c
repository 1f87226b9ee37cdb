/* config.c — load the Lua config file into subscriptions. */
#include "config/config.h"

#include "config/fields.h"
#include "config/srcmap.h"
#include "lib/file.h"

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
    return presets_load_limited(lua, handles, NULL, err, errlen);
}

int presets_load_limited(luahost *lua, int handles[ACTION_COUNT], const luahost_limits *lim, char *err, size_t errlen)
{
    for (int i = 0; i < ACTION_COUNT; i++) {
        char path[64];
        size_t len;
        snprintf(path, sizeof path, "presets/%s.lua", ACTIONS[i].key);
        const char *src = embedded_source(path, &len);
        handles[i] = luahost_load_limited(lua, path, src, len, lim, err, errlen);
        if (handles[i] < 0) return -1;
    }
    return 0;
}

int script_resolve(const char *base_dir, const char *path, char *out, size_t cap)
{
    if (path[0] == '/' || !base_dir || !base_dir[0]) snprintf(out, cap, "%s", path);
    else snprintf(out, cap, "%s/%s", base_dir, path);
    if (access(out, R_OK) == 0) return 1;
    char tried[1024];
    snprintf(tried, sizeof tried, "%s", out);
    if (access(path, R_OK) == 0) {
        snprintf(out, cap, "%s", path);
        return 1;
    }
    size_t len;
    if (embedded_source(path, &len)) {
        snprintf(out, cap, "%s", path);
        return 0;
    }
    snprintf(out, cap, "%s", tried);
    return -1;
}

int script_load(luahost *lua, const char *base_dir, const char *path, char *err, size_t errlen)
{
    return script_load_limited(lua, base_dir, path, NULL, err, errlen);
}

int script_load_limited(luahost *lua, const char *base_dir, const char *path, const luahost_limits *lim, char *err,
                        size_t errlen)
{
    char full[1024];
    int where = script_resolve(base_dir, path, full, sizeof full);
    if (where == 1) return luahost_load_limited(lua, full, NULL, 0, lim, err, errlen);
    if (where == 0) {
        size_t len;
        const char *src = embedded_source(path, &len);
        return luahost_load_limited(lua, path, src, len, lim, err, errlen);
    }
    snprintf(err, errlen, "cannot open script '%s'", full);
    return -1;
}

/* A config is code: it gets a generous instruction budget, so a loop in it
 * fails the load instead of hanging the process (at the line it was in). */
static void config_hook(lua_State *L, lua_Debug *ar)
{
    if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
        luaL_error(L, "%s:%d: the config ran for more than 100 million instructions (a loop that never ends?)",
                   ar->short_src, ar->currentline);
    luaL_error(L, "the config ran for more than 100 million instructions (a loop that never ends?)");
}

/* Runs the config file in a small state of its own (base, string, table,
 * math and os.getenv) and converts the returned table to JSON. A failure is
 * a problem at the config's line where Lua raised it. */
static int eval_config(const char *path, jarena *a, jv *out, problem_list *pl)
{
    lua_State *L = luaL_newstate();
    if (!L) {
        problem_add(pl, PROBLEM_ERROR, path, 0, "cannot create a Lua state");
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
        problem_add_lua(pl, PROBLEM_ERROR, path, NULL, lua_tostring(L, -1));
    } else if (!lua_istable(L, -1)) {
        problem_add(pl, PROBLEM_ERROR, path, 0, "must return a table, not %s", luaL_typename(L, -1));
    } else {
        char cerr[256];
        if (lua_to_jv(L, -1, a, out, cerr, sizeof cerr) == 0) rc = 0;
        else problem_add(pl, PROBLEM_ERROR, path, 0, "%s", cerr);
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
        c->entries[k] = (config_entry){0};
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

/* ---- keys ---------------------------------------------------------------------- */
const char *const CONFIG_KEYS[] = {"settings", "endpoints", "delivery", "mappings", "limits", "watch", "ingest", "queue",
                                   NULL};
const char *const CONFIG_ENTRY_KEYS[] = {"name", "action", "subscribe", "script", "mapping", "enabled", "limits", NULL};
const char *const CONFIG_LIMIT_KEYS[] = {"memory_mb", "instructions", "time_ms", NULL};
const char *const CONFIG_ENDPOINT_KEYS[] = {"ingest", "api", NULL};
const char *const CONFIG_DELIVERY_KEYS[] = {"max_inflight", "adaptive", "timeout_ms", "backoff_base_s",
                                            "backoff_cap_s", "retry_window_s", "dlq", NULL};
const char *const CONFIG_INGEST_KEYS[] = {"listen", "admin_listen", "write_keys", "cors_origins", "limits", "threads",
                                          "max_connections", NULL};
const char *const CONFIG_INGEST_LIMIT_KEYS[] = {"event_bytes", "body_bytes", "batch_events", NULL};
const char *const CONFIG_QUEUE_KEYS[] = {"path", "fsync", "max_events", "max_bytes", "dedupe_window_s", NULL};

int config_line(const config *c, const char *path)
{
    return srcmap_line(c->lines, path);
}

/* The line of table.key, else of table, else 0. */
static int key_line(const config *c, const char *table, const char *key)
{
    char p[256];
    if (table[0]) snprintf(p, sizeof p, "%s%s%s", table, key[0] == '[' ? "" : ".", key);
    else snprintf(p, sizeof p, "%s", key);
    int line = config_line(c, p);
    return line ? line : table[0] ? config_line(c, table) : 0;
}

/* An error for every member of obj whose key is not in known: "unknown key
 * 'K' in WHERE (did you mean 'X'?)". table is obj's path (for lines). */
static void unknown_keys(config *c, const jv *obj, const char *const *known, const char *table, const char *where,
                         problem_list *pl)
{
    int nk = 0;
    while (known[nk]) nk++;
    for (uint32_t i = 0; i < obj->n; i++) {
        const jmember *m = &obj->u.members[i];
        if (m->val.type == JV_UNDEF) continue;
        bool found = false;
        for (int j = 0; j < nk && !found; j++) found = strlen(known[j]) == m->klen && memcmp(known[j], m->key, m->klen) == 0;
        if (found) continue;
        char key[256];
        snprintf(key, sizeof key, "%.*s", (int)m->klen, m->key);
        int line = key_line(c, table, key);
        int best = closest_word(m->key, m->klen, known, nk);
        if (best >= 0) {
            problem_add(pl, PROBLEM_ERROR, c->path, line, "unknown key '%s' in %s (did you mean '%s'?)", key, where,
                        known[best]);
        } else {
            char list[512] = "";
            size_t at = 0;
            for (int j = 0; j < nk && at < sizeof list; j++)
                at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", j ? ", " : "", known[j]);
            problem_add(pl, PROBLEM_ERROR, c->path, line, "unknown key '%s' in %s (the keys are: %s)", key, where, list);
        }
    }
}

void config_entry_label(const config *c, int k, char *buf, size_t len)
{
    if (k < 0 || k >= c->nsubs) snprintf(buf, len, "(no such subscription)");
    else if (c->entries[k].index) snprintf(buf, len, "mappings[%d] (\"%s\")", c->entries[k].index, c->subs[k].name);
    else snprintf(buf, len, "the preset \"%s\"", c->subs[k].name);
}

/* ---- one mapping entry ------------------------------------------------------------ */
/* The resources of slot k, freed (an entry that had an error). */
static void free_slot(config *c, int k)
{
    if (c->trigs[k]) trigger_free(c->trigs[k]);
    if (c->progs[k]) mk_free(c->progs[k]);
    if (c->scripts[k] >= 0 && c->lua) luahost_unload(c->lua, c->scripts[k]);
    c->trigs[k] = NULL;
    c->progs[k] = NULL;
    c->scripts[k] = -1;
}

/* The closest action key or display name to a, NULL when none is close. */
static const char *closest_action(const char *a)
{
    const char *names[2 * ACTION_COUNT];
    for (int i = 0; i < ACTION_COUNT; i++) {
        names[2 * i] = ACTIONS[i].key;
        names[2 * i + 1] = ACTIONS[i].title;
    }
    int b = closest_word(a, strlen(a), names, 2 * ACTION_COUNT);
    return b < 0 ? NULL : names[b];
}

/* Loads mappings[i+1] (e) into the next slot; every problem of it goes to pl.
 * The slot is kept (c->nsubs grows) only when the entry had no error. */
/* `limits` in table (at the top: "limits"; in an entry: "mappings[N].limits") over
 * base, into out. */
static void read_limits(config *c, const jv *t, const char *table, const luahost_limits *base, luahost_limits *out,
                        problem_list *pl)
{
    *out = *base;
    if (!t) return;
    char where[64];
    snprintf(where, sizeof where, "%s", table);
    if (t->type != JV_OBJ) {
        problem_add(pl, PROBLEM_ERROR, c->path, config_line(c, where), "`%s` must be a table", where);
        return;
    }
    unknown_keys(c, t, CONFIG_LIMIT_KEYS, where, where, pl);
    static const struct {
        const char *key;
        double min, max;
    } R[] = {{"memory_mb", 1, LIMIT_MEMORY_MB_MAX},
             {"instructions", LIMIT_INSTRUCTIONS_MIN, LIMIT_INSTRUCTIONS_MAX},
             {"time_ms", 1, LIMIT_TIME_MS_MAX}};
    for (int i = 0; i < 3; i++) {
        const jv *v = jv_getz(t, R[i].key);
        if (!v) continue;
        double x = v->type == JV_NUM ? jv_num_double(v) : -1;
        if (!(x >= R[i].min && x <= R[i].max && x == (double)(long long)x)) {
            problem_add(pl, PROBLEM_ERROR, c->path, key_line(c, where, R[i].key),
                        "%s.%s must be a whole number between %.15g and %.15g", where, R[i].key, R[i].min, R[i].max);
            continue;
        }
        if (i == 0) out->mem_limit = (size_t)x << 20;
        else if (i == 1) out->instr_budget = (long)x;
        else out->time_ms = (long)x;
    }
}

static void load_mapping(config *c, int i, const jv *e, const char *base_dir, const char **names, problem_list *pl)
{
    char why[EV_MSG_MAX], entry[32], pre[300];
    snprintf(entry, sizeof entry, "mappings[%d]", i + 1);
    int eline = config_line(c, entry);
    if (!eline) eline = config_line(c, "mappings");
    int errors0 = pl->errors;
    const char *name = str_field(e, "name", &c->arena);
    const jv *namev = jv_getz(e, "name");
    if (!name) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "mapping %d", i + 1);
        name = jarena_strdup(&c->arena, tmp, strlen(tmp));
    }
    names[i] = namev && namev->type == JV_STR ? name : NULL;
    snprintf(pre, sizeof pre, "%s (\"%s\"): ", entry, name);
#define AT(key) key_line(c, entry, key)
#define ERR(line, ...) problem_add(pl, PROBLEM_ERROR, c->path, line, __VA_ARGS__)
    if (e->type != JV_OBJ) {
        ERR(eline, "%smust be a table", pre);
        return;
    }
    unknown_keys(c, e, CONFIG_ENTRY_KEYS, entry, entry, pl);
    if (namev && namev->type != JV_STR) ERR(AT("name"), "%s`name` must be a string", pre);
    for (int j = 0; j < i; j++)
        if (names[j] && names[i] && strcmp(names[j], names[i]) == 0) {
            problem_add(pl, PROBLEM_WARNING, c->path, AT("name"),
                        "%sthe same name as mappings[%d]: fixtures and messages name a mapping by its name", pre, j + 1);
            break;
        }
    int k = c->nsubs;
    subscription *s = &c->subs[k];
    c->scripts[k] = -1;
    c->entries[k] = (config_entry){.index = i + 1, .line = eline};
    *s = (subscription){.name = name, .enabled = true};
    const char *aname = str_field(e, "action", &c->arena);
    const action *act = aname ? action_find(aname) : NULL;
    if (!jv_getz(e, "action"))
        ERR(eline, "%smissing `action` (one of trackEvent, identifyUser, trackPageView, aliasUser, "
                   "createUpdateObject, addTag, removeTag, or their display names)", pre);
    else if (!aname)
        ERR(AT("action"), "%s`action` must be a string", pre);
    else if (!act && closest_action(aname))
        ERR(AT("action"), "%sunknown action '%s' (did you mean '%s'?)", pre, aname, closest_action(aname));
    else if (!act)
        ERR(AT("action"), "%sunknown action '%s'", pre, aname);
    s->act = act;
    const jv *en = jv_getz(e, "enabled");
    if (en && en->type == JV_BOOL) s->enabled = en->b;
    else if (en) ERR(AT("enabled"), "%s`enabled` must be true or false", pre);
    const jv *sub = jv_getz(e, "subscribe");
    if (sub && sub->type != JV_STR) {
        ERR(AT("subscribe"), "%s`subscribe` must be a string", pre);
    } else if (sub || act) {
        const char *trig = sub ? str_field(e, "subscribe", &c->arena) : act->preset_trigger;
        if (!trig) ERR(eline, "%smissing `subscribe`: %s has no default subscription", pre, act->title);
        else if (!(c->trigs[k] = trigger_parse(trig, why, sizeof why))) ERR(AT("subscribe"), "%sbad trigger: %s", pre, why);
        s->trig = c->trigs[k];
    }
    const jv *script = jv_getz(e, "script");
    const jv *mapping = jv_getz(e, "mapping");
    if (script && mapping) ERR(eline, "%sgive either `script` or `mapping`, not both", pre);
    if (script && script->type != JV_STR) {
        ERR(AT("script"), "%s`script` must be a file path", pre);
    } else if (script) {
        const char *path = str_field(e, "script", &c->arena);
        char full[1024];
        int where = script_resolve(base_dir, path, full, sizeof full);
        if (where < 0) {
            ERR(AT("script"), "%scannot open script '%s'", pre, full);
        } else {
            char lt[48];
            snprintf(lt, sizeof lt, "%s.limits", entry);
            luahost_limits lim;
            read_limits(c, jv_getz(e, "limits"), lt, &c->limits, &lim, pl);
            int h = script_load_limited(c->lua, base_dir, path, &lim, why, sizeof why);
            if (h < 0) problem_add_lua(pl, PROBLEM_ERROR, where == 1 ? full : path, pre, why);
            s->kind = MAP_SCRIPT;
            s->script = h;
            c->scripts[k] = h;
            if (where == 1) c->entries[k].script_file = jarena_strdup(&c->arena, full, strlen(full));
        }
    } else if (mapping && mapping->type != JV_OBJ) {
        ERR(AT("mapping"), "%s`mapping` must be a table of fields", pre);
    } else if (mapping) {
        c->progs[k] = mk_compile(mapping, why, sizeof why);
        if (!c->progs[k]) ERR(AT("mapping"), "%sinvalid mapping: %s", pre, why);
        s->kind = MAP_KIT;
        s->prog = c->progs[k];
        if (act) field_warnings(pl, c->path, AT("mapping"), pre, act, mapping, false);
    } else if (act) {
        s->kind = MAP_SCRIPT;
        s->script = c->presets[act - ACTIONS];
    }
    if (pl->errors > errors0) free_slot(c, k);
    else c->nsubs++;
#undef AT
#undef ERR
}

/* ---- the top level ---------------------------------------------------------------- */
/* settings, endpoints and delivery (its values are cmd/settings.c's). */
static void load_tables(config *c, const jv *root, problem_list *pl)
{
    const char *path = c->path;
    const jv *st = jv_getz(root, "settings");
    if (st && st->type != JV_OBJ) problem_add(pl, PROBLEM_ERROR, path, config_line(c, "settings"), "`settings` must be a table");
    else if (st) c->settings = *st;
    const jv *ep = jv_getz(root, "endpoints");
    if (ep && ep->type != JV_OBJ) {
        problem_add(pl, PROBLEM_ERROR, path, config_line(c, "endpoints"), "`endpoints` must be a table");
    } else if (ep) {
        unknown_keys(c, ep, CONFIG_ENDPOINT_KEYS, "endpoints", "endpoints", pl);
        for (int i = 0; CONFIG_ENDPOINT_KEYS[i]; i++) {
            const jv *u = jv_getz(ep, CONFIG_ENDPOINT_KEYS[i]);
            if (u && u->type != JV_STR)
                problem_add(pl, PROBLEM_ERROR, path, key_line(c, "endpoints", CONFIG_ENDPOINT_KEYS[i]),
                            "endpoints.%s must be a URL (a string)", CONFIG_ENDPOINT_KEYS[i]);
        }
        const char *ing = str_field(ep, "ingest", &c->arena), *api = str_field(ep, "api", &c->arena);
        if (ing) c->ep.ingest_base = ing;
        if (api) c->ep.api_base = api;
    }
    /* serve's tables: their keys here, their values in cmd/serve_config.c */
    static const struct {
        const char *table;
        const char *const *keys;
    } SERVE_TABLES[] = {{"ingest", CONFIG_INGEST_KEYS}, {"queue", CONFIG_QUEUE_KEYS}};
    for (size_t i = 0; i < sizeof SERVE_TABLES / sizeof SERVE_TABLES[0]; i++) {
        const jv *t = jv_getz(root, SERVE_TABLES[i].table);
        if (t && t->type != JV_OBJ)
            problem_add(pl, PROBLEM_ERROR, path, config_line(c, SERVE_TABLES[i].table), "`%s` must be a table",
                        SERVE_TABLES[i].table);
        else if (t)
            unknown_keys(c, t, SERVE_TABLES[i].keys, SERVE_TABLES[i].table, SERVE_TABLES[i].table, pl);
    }
    const jv *il = jv_getz(jv_getz(root, "ingest"), "limits");
    if (il && il->type == JV_OBJ) unknown_keys(c, il, CONFIG_INGEST_LIMIT_KEYS, "ingest.limits", "ingest.limits", pl);
    const jv *dl = jv_getz(root, "delivery");
    if (dl && dl->type != JV_OBJ) {
        problem_add(pl, PROBLEM_ERROR, path, config_line(c, "delivery"), "`delivery` must be a table");
    } else if (dl) {
        unknown_keys(c, dl, CONFIG_DELIVERY_KEYS, "delivery", "delivery", pl);
        const jv *d = jv_getz(dl, "dlq");
        if (d && d->type != JV_STR)
            problem_add(pl, PROBLEM_ERROR, path, key_line(c, "delivery", "dlq"), "delivery.dlq must be a file path");
    }
}

/* The config's text, read for the lines of its fields (none when it cannot
 * be read: Lua then says why the config cannot be loaded). */
static void map_lines(config *c)
{
    size_t len;
    char err[256];
    char *text = file_read_all(c->path, &len, err, sizeof err);
    if (!text) return;
    c->lines = srcmap_build(text, len);
    free(text);
}

static void load_mappings(config *c, const jv *root, problem_list *pl)
{
    const jv *maps = jv_getz(root, "mappings");
    if (!maps || (maps->type == JV_OBJ && maps->n == 0)) {
        if (add_preset_subs(c)) problem_add(pl, PROBLEM_ERROR, NULL, 0, "internal error: a preset trigger does not parse");
        return;
    }
    if (maps->type != JV_ARR) {
        problem_add(pl, PROBLEM_ERROR, c->path, config_line(c, "mappings"), "`mappings` must be a list of tables");
        return;
    }
    if (maps->n > MAX_MAPPINGS)
        problem_add(pl, PROBLEM_ERROR, c->path, config_line(c, "mappings"), "%u mappings; at most %d are allowed",
                    maps->n, MAX_MAPPINGS);
    char base_dir[1024];
    dir_of(c->path, base_dir, sizeof base_dir);
    const char *names[MAX_MAPPINGS];
    uint32_t n = maps->n > MAX_MAPPINGS ? MAX_MAPPINGS : maps->n;
    for (uint32_t i = 0; i < n; i++) load_mapping(c, (int)i, &maps->u.items[i], base_dir, names, pl);
}

int config_load_all(config *c, const char *path, luahost *lua, problem_list *pl)
{
    int errors0 = pl->errors;
    memset(c, 0, sizeof *c);
    jarena_init(&c->arena, 0);
    c->lua = lua;
    c->settings = jv_obj_new(&c->arena, 0);
    c->ep.ingest_base = DEFAULT_INGEST_BASE;
    c->ep.api_base = DEFAULT_API_BASE;
    for (int i = 0; i < MAX_MAPPINGS; i++) c->scripts[i] = -1;
    for (int i = 0; i < ACTION_COUNT; i++) c->presets[i] = -1;
    c->watch = true;
    char err[EV_MSG_MAX];
    jv root = jv_obj_new(&c->arena, 0);
    if (path) {
        c->path = jarena_strdup(&c->arena, path, strlen(path));
        map_lines(c);
        if (eval_config(path, &c->arena, &root, pl)) return -1;
        unknown_keys(c, &root, CONFIG_KEYS, "", "the config", pl);
        load_tables(c, &root, pl);
        luahost_limits none = {0};
        read_limits(c, jv_getz(&root, "limits"), "limits", &none, &c->limits, pl);
        const jv *w = jv_getz(&root, "watch");
        if (w && w->type != JV_BOOL)
            problem_add(pl, PROBLEM_ERROR, c->path, config_line(c, "watch"), "`watch` must be true or false");
        else if (w) c->watch = w->b;
    }
    /* the presets under the config's limits */
    if (presets_load_limited(lua, c->presets, &c->limits, err, sizeof err)) {
        problem_add_lua(pl, PROBLEM_ERROR, NULL, "a preset does not load: ", err);
        return -1;
    }
    c->root = root;
    /* ENCHARGE_API_KEY is the default for settings.apiKey */
    const char *envkey = getenv("ENCHARGE_API_KEY");
    if (envkey && !jv_getz(&c->settings, "apiKey")) {
        jv ns = jv_obj_new(&c->arena, c->settings.n + 1);
        if (c->settings.n) memcpy(ns.u.members, c->settings.u.members, c->settings.n * sizeof(jmember));
        ns.u.members[c->settings.n] = (jmember){"apiKey", 6, jv_str(&c->arena, envkey, strlen(envkey))};
        c->settings = ns;
    }
    load_mappings(c, &root, pl);
    return pl->errors > errors0 ? -1 : 0;
}

int config_load(config *c, const char *path, luahost *lua, char *err, size_t errlen)
{
    problem_list pl;
    problems_init(&pl);
    int rc = config_load_all(c, path, lua, &pl);
    if (rc) {
        problems_summary(&pl, path, err, errlen);
        config_free(c);
    }
    problems_free(&pl);
    return rc;
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
    srcmap_free(c->lines);
    jarena_free(&c->arena);
    memset(c, 0, sizeof *c);
}

const char *config_default_path(const char *given)
{
    if (given) return given;
    return access("encharge.lua", R_OK) == 0 ? "encharge.lua" : NULL;
}

/* config.h — the configuration file and the subscriptions it defines.
 *
 * A config is a Lua file returning a table:
 *   return {
 *     settings  = { apiKey = os.getenv("ENCHARGE_API_KEY") },
 *     endpoints = { ingest = "https://ingest.encharge.io", api = "https://api.encharge.io" },
 *     mappings  = {   -- at most 50
 *       { name = "Signups", subscribe = 'type = "track" and event = "Signed Up"',
 *         action = "trackEvent", script = "scripts/examples/signup.lua" },
 *       { name = "Tags", subscribe = 'type = "identify"', action = "Tag User",
 *         mapping = { tag = { ["@path"] = "$.traits.tags" } } },
 *     },
 *   }
 * Without a config (or without `mappings`) the five presets are active, as in
 * Segment's pre-populated subscriptions. Everything is checked at load, and
 * every problem is found, each at its file and line (config/problems.h): an
 * unknown key (at the top, in an entry, in `endpoints` or `delivery`: with
 * the closest known key), an unknown action, a bad trigger, a missing or
 * failing script, an invalid mapping, more than 50 mappings. Keys of a
 * mapping-kit mapping that are not fields of its action are warnings.
 */
#ifndef ENCHARGE_CONFIG_H
#define ENCHARGE_CONFIG_H

#include "config/problems.h"
#include "map/pipeline.h"

struct srcmap;

/* What a subscription came from. */
typedef struct {
    int index;                /* its place in `mappings` (1-based); 0: a preset (no `mappings`) */
    int line;                 /* the entry's line in the config, 0 when not known */
    const char *script_file;  /* the script file it runs, as opened; NULL when none on disk (a preset, an
                                 embedded script, a mapping-kit mapping) */
} config_entry;

/* The keys a config knows: at the top, in a mapping entry, in `endpoints`
 * and in `delivery` (cmd/settings.c reads the delivery values). NULL-ended. */
extern const char *const CONFIG_KEYS[];
extern const char *const CONFIG_ENTRY_KEYS[];
extern const char *const CONFIG_ENDPOINT_KEYS[];
extern const char *const CONFIG_DELIVERY_KEYS[];
extern const char *const CONFIG_LIMIT_KEYS[];
extern const char *const CONFIG_INGEST_KEYS[];       /* serve: `ingest = { ... }` */
extern const char *const CONFIG_INGEST_LIMIT_KEYS[]; /* `ingest.limits` */
extern const char *const CONFIG_QUEUE_KEYS[];        /* `queue = { ... }` */

/* The ranges of `limits = { memory_mb =, instructions =, time_ms = }`, at the
 * top of the config (every script and preset) and in a mapping entry (its
 * script; unset keys from the top). */
#define LIMIT_MEMORY_MB_MAX 4096
#define LIMIT_INSTRUCTIONS_MIN 1000
#define LIMIT_INSTRUCTIONS_MAX 100000000000.0
#define LIMIT_TIME_MS_MAX 600000

typedef struct {
    jarena arena;                       /* names, settings, endpoint strings */
    jv root;                            /* the whole config table (JV_OBJ; empty without a file) */
    jv settings;                        /* JV_OBJ */
    endpoints ep;
    subscription subs[MAX_MAPPINGS];
    int nsubs;
    /* owned resources behind subs */
    trigger *trigs[MAX_MAPPINGS];
    mk_program *progs[MAX_MAPPINGS];
    int scripts[MAX_MAPPINGS];          /* -1 when the sub uses a shared preset */
    luahost *lua;
    int presets[ACTION_COUNT];          /* preset script handles, by action index */
    const char *path;                   /* the config file, NULL: none (the presets) */
    config_entry entries[MAX_MAPPINGS]; /* where subs[k] came from */
    struct srcmap *lines;               /* the config's field lines (config_line) */
    luahost_limits limits;              /* `limits` at the top (0 fields: the host's defaults) */
    bool watch;                         /* `watch` (default true): run reloads when its files change */
} config;

/* The config to load: the one given, else ./encharge.lua when it is
 * readable, else NULL (the presets). */
const char *config_default_path(const char *given);

/* Loads `path` (NULL: the defaults, i.e. the five presets) and compiles every
 * subscription into lua. Returns 0, or -1 with the first error in err
 * ("config FILE:LINE: ..." for one in the config file, "FILE:LINE: ..." for
 * one in a script, and how many more there are); nothing is left to free
 * then (config_free does no harm). */
int config_load(config *c, const char *path, luahost *lua, char *err, size_t errlen);

/* The same, finding every problem: each is added to out. The entries without
 * an error are loaded (their subscriptions in c->subs), the others left out.
 * Returns 0 when no error was found (warnings may have been), else -1;
 * config_free(c) either way. */
int config_load_all(config *c, const char *path, luahost *lua, problem_list *out);
void config_free(config *c);

/* The line of a config field by its path ("mappings[2].script",
 * "delivery.max_inflight"), 0 when not known (config/srcmap.h). */
int config_line(const config *c, const char *path);

/* "mappings[I] (\"NAME\")", into buf; for messages. */
void config_entry_label(const config *c, int k, char *buf, size_t len);

/* Loads the seven preset scripts (embedded) into lua. */
int presets_load(luahost *lua, int handles[ACTION_COUNT], char *err, size_t errlen);
int presets_load_limited(luahost *lua, int handles[ACTION_COUNT], const luahost_limits *lim, char *err, size_t errlen);

/* Resolves a script path: a file on disk (relative to base_dir when not
 * absolute), else an embedded preset/library of that name. Loads it. */
int script_load(luahost *lua, const char *base_dir, const char *path, char *err, size_t errlen);
/* The same, with the script's own limits (NULL: the host's). */
int script_load_limited(luahost *lua, const char *base_dir, const char *path, const luahost_limits *lim, char *err,
                        size_t errlen);

/* Where script_load finds path: 1 a file on disk (its name as opened in
 * out), 0 an embedded source (out: path), -1 neither (out: the file that
 * was looked for). */
int script_resolve(const char *base_dir, const char *path, char *out, size_t cap);

#endif

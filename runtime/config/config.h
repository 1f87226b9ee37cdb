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
 * Segment's pre-populated subscriptions. Everything is checked at load: an
 * unknown action, a bad trigger, a missing or failing script, or more than 50
 * mappings is refused with a message naming the entry.
 */
#ifndef ENCHARGE_CONFIG_H
#define ENCHARGE_CONFIG_H

#include "map/pipeline.h"

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
} config;

/* The config to load: the one given, else ./encharge.lua when it is
 * readable, else NULL (the presets). */
const char *config_default_path(const char *given);

/* Loads `path` (NULL: the defaults, i.e. the five presets) and compiles every
 * subscription into lua. Returns 0 or -1 with err. */
int config_load(config *c, const char *path, luahost *lua, char *err, size_t errlen);
void config_free(config *c);

/* Loads the seven preset scripts (embedded) into lua. */
int presets_load(luahost *lua, int handles[ACTION_COUNT], char *err, size_t errlen);

/* Resolves a script path: a file on disk (relative to base_dir when not
 * absolute), else an embedded preset/library of that name. Loads it. */
int script_load(luahost *lua, const char *base_dir, const char *path, char *err, size_t errlen);

#endif

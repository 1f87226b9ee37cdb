/* live.c — reload on SIGHUP or a save, for `run` and `serve` (live.h). */
#include "cmd/live.h"

#include "config/fixtures.h"
#include "lib/signals.h"
#include "map/pool.h"

#include "obs/log.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t g_reload;

static void on_sighup(int sig)
{
    (void)sig;
    g_reload = 1;
}

void live_catch_sighup(void)
{
    signal_catch(SIGHUP, on_sighup);
}

/* ---- reload ------------------------------------------------------------------------------ */
/* SIGHUP: load the config again beside the current one and swap only when
 * all of it loads and every fixture of it passes (config/fixtures.h); a
 * failed reload keeps the current mappings and says why (the first problem).
 * Mappings, triggers and endpoints take effect for events read from now on;
 * the API key and the delivery settings need a restart. */
static void refused(live *l, const char *why)
{
    log_say(LOG_ERROR, l->cmd, "reload failed: %s; keeping the current mappings\n", why);
    snprintf(l->last_error, sizeof l->last_error, "%.*s", (int)sizeof l->last_error - 1, why);
    l->last_refused = true;
    l->r->reload_failures++;
}

static void reload(live *l)
{
    runner *r = l->r;
    mapper *m = l->m;
    g_reload = 0;
    env *e = r->e;
    const char *path = config_default_path(r->o->config_path);
    char err[4096];
    cfg_version *n = cfg_version_load(path, e->lua, err, sizeof err);
    if (!n) {
        refused(l, err);
        return;
    }
    problem_list fx;
    problems_init(&fx);
    fixture_stats fst;
    if (fixtures_run(&n->c, &fx, &fst)) {
        problems_summary(&fx, NULL, err, sizeof err);
        refused(l, err);
        problems_free(&fx);
        cfg_version_drop(n);
        return;
    }
    problems_free(&fx);
    if (r->o->ingest_url) n->c.ep.ingest_base = r->o->ingest_url;
    if (r->o->api_url) n->c.ep.api_base = r->o->api_url;
    if (env_check_endpoints(&n->c.ep, err, sizeof err)) {
        refused(l, err);
        cfg_version_drop(n);
        return;
    }
    const char *key;
    size_t keylen;
    ev_error verr;
    if (settings_validate(&n->c.settings, &n->c.arena, &key, &keylen, &verr) || keylen != e->keylen ||
        memcmp(key, e->key, keylen) != 0)
        log_say(LOG_WARN, l->cmd, "reload: settings.apiKey differs from the running one; the running key stays "
                        "until a restart\n");
    n->c.settings = e->cfg.settings; /* the key in force */
    bool timed = m->timed;
    *m = env_mapper(e, &n->c);
    m->timed = timed;
    cfg_version_swap(&r->active, n);
    r->reloads++;
    r->generation++;
    l->last_refused = false;
    log_say(LOG_INFO, l->cmd, "reloaded %s: generation %" PRIu64 ", %d subscription(s), %d fixture(s) passed\n",
            path ? path : "(presets)", r->generation, n->c.nsubs, fst.passed);
}

/* ---- watching ---------------------------------------------------------------------------- */
/* The fixture file beside file (config/fixtures.h's naming). NULL: out of memory. */
static char *fixture_file(const char *file)
{
    size_t cap = strlen(file) + sizeof ".fixtures.ndjson";
    char *out = malloc(cap);
    if (out) fixture_file_of(file, out, cap);
    return out;
}

/* A script read from a file (not an embedded one of that name). */
static bool script_on_disk(const char *name)
{
    size_t len;
    return access(name, F_OK) == 0 || !embedded_source(name, &len);
}

/* The watch becomes the files of the version running: the config, each
 * script it read from disk, and the fixture file beside each of them,
 * whether it exists yet or not. Returns the number of scripts. */
static int rewatch(live *l)
{
    const config *c = l->r->active ? &l->r->active->c : &l->r->e->cfg;
    char *paths[2 + 2 * MAX_MAPPINGS];
    int n = 0, scripts = 0;
    paths[n++] = strdup(l->watch_path);
    paths[n++] = fixture_file(l->watch_path);
    for (int i = 0; i < MAX_MAPPINGS; i++) {
        const char *name = c->scripts[i] >= 0 ? luahost_name(c->lua, c->scripts[i]) : NULL;
        if (!name || !script_on_disk(name)) continue;
        paths[n++] = strdup(name);
        paths[n++] = fixture_file(name);
        scripts++;
    }
    const char *set[2 + 2 * MAX_MAPPINGS];
    int k = 0;
    for (int i = 0; i < n; i++)
        if (paths[i]) set[k++] = paths[i];
    char err[sizeof l->watch_err];
    int rc = watch_set(l->w, set, k, err, sizeof err);
    if (!rc && k < n) {
        snprintf(err, sizeof err, "out of memory: some files are not watched");
        rc = -1;
    }
    if (rc && strcmp(err, l->watch_err) != 0)
        log_say(LOG_WARN, l->cmd, "watch: %s; a change there is not seen (SIGHUP reloads)\n", err);
    if (rc) memcpy(l->watch_err, err, sizeof err);
    else l->watch_err[0] = 0;
    for (int i = 0; i < n; i++) free(paths[i]);
    return scripts;
}

void live_start(live *l, runner *r, mapper *m, const run_opts *o, const char *cmd)
{
    *l = (live){.r = r, .m = m, .cmd = cmd};
    l->watch_path = config_default_path(o->config_path);
    if (o->no_watch || !l->watch_path || !r->e->cfg.watch) return;
    char err[256];
    if (!(l->w = watch_new(NULL, NULL, err, sizeof err))) {
        log_say(LOG_ERROR, cmd, "not watching %s for changes: %s (SIGHUP reloads)\n", l->watch_path, err);
        return;
    }
    int scripts = rewatch(l);
    log_say(LOG_INFO, cmd, "watching %s and %d script(s) for changes (off: --no-watch)\n", l->watch_path, scripts);
}

void live_stop(live *l)
{
    watch_free(l->w);
    l->w = NULL;
}

int live_fd(const live *l)
{
    return l->w ? watch_fd(l->w) : -1;
}

int live_timeout_ms(const live *l)
{
    return l->w ? watch_timeout_ms(l->w) : -1;
}

void live_poll(live *l)
{
    if (!g_reload && !(l->w && watch_ready(l->w))) return;
    if (l->w) watch_clear(l->w); /* the reload reads every change announced so far */
    runner *r = l->r;
    runner_quiesce(r); /* events handed to the workers settle on the version they were read with */
    uint64_t before = r->reloads;
    reload(l);
    char err[256];
    if (r->pool && r->reloads != before && pool_rehost(r->pool, r->e->lua, err, sizeof err))
        log_say(LOG_ERROR, l->cmd, "reload: the mapping workers keep the old scripts: %s\n", err);
    if (l->w) rewatch(l);
}

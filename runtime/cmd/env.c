/* env.c — the set-up the delivery commands share. */
#include "cmd/env.h"

#include "lib/signals.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void run_opts_default(run_opts *o)
{
    memset(o, 0, sizeof *o);
    sender_opts_default(&o->send);
    o->progress = -1;
}

static volatile sig_atomic_t g_interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    g_interrupted = 1;
    signal(SIGINT, SIG_DFL);   /* a second Ctrl-C kills at once */
    signal(SIGTERM, SIG_DFL);
}

void env_catch_interrupt(int signo)
{
    signal_catch(signo, on_sigint);
}

bool env_interrupted(void)
{
    return g_interrupted;
}

static double num_setting(const jv *o, const char *k, double dflt)
{
    const jv *v = jv_getz(o, k);
    return v && v->type == JV_NUM ? jv_num_double(v) : dflt;
}

/* config `delivery = {...}` under the flags */
static void apply_delivery_config(run_opts *o, config *c, const jv *root_delivery)
{
    if (!root_delivery || root_delivery->type != JV_OBJ) return;
    sender_opts *s = &o->send;
    if (!o->send_set[0]) s->max_inflight = (int)num_setting(root_delivery, "max_inflight", s->max_inflight);
    if (!o->send_set[1]) {
        const jv *a = jv_getz(root_delivery, "adaptive");
        if (a && a->type == JV_BOOL) s->adaptive = a->b;
    }
    if (!o->send_set[2]) s->timeout_ms = (long)num_setting(root_delivery, "timeout_ms", (double)s->timeout_ms);
    if (!o->send_set[3]) s->backoff_base_s = num_setting(root_delivery, "backoff_base_s", s->backoff_base_s);
    if (!o->send_set[4]) s->backoff_cap_s = num_setting(root_delivery, "backoff_cap_s", s->backoff_cap_s);
    if (!o->send_set[5]) s->retry_window_s = num_setting(root_delivery, "retry_window_s", s->retry_window_s);
    if (!o->dlq_path) {
        const jv *d = jv_getz(root_delivery, "dlq");
        if (d && d->type == JV_STR) o->dlq_path = jarena_strdup(&c->arena, d->u.s, d->n);
    }
}

void env_free(env *e)
{
    if (e->snd) sender_free(e->snd);
    if (e->dlq) dlq_close(e->dlq);
    if (e->cfg_loaded) config_free(&e->cfg);
    if (e->lua) luahost_free(e->lua);
    memset(e, 0, sizeof *e);
}

/* The API key from the settings, which an HTTP header must be able to carry. */
static int env_key(env *e, const char *cmd)
{
    ev_error verr;
    if (settings_validate(&e->cfg.settings, &e->cfg.arena, &e->key, &e->keylen, &verr)) {
        fprintf(stderr, "%s: no API key: set settings.apiKey in the config or ENCHARGE_API_KEY (%s)\n", cmd,
                verr.message);
        return -1;
    }
    if (!header_value_legal(e->key, e->keylen)) {
        fprintf(stderr, "%s: the API key holds characters an HTTP header cannot carry (beyond U+00FF, or control "
                        "characters)\n", cmd);
        return -1;
    }
    return 0;
}

int env_open(env *e, run_opts *o, bool need_dlq, bool need_key, const char *cmd)
{
    char err[4096];
    memset(e, 0, sizeof *e);
    e->lua = luahost_new(NULL, err, sizeof err);
    if (!e->lua) {
        fprintf(stderr, "%s: %s\n", cmd, err);
        return -1;
    }
    if (config_load(&e->cfg, config_default_path(o->config_path), e->lua, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", cmd, err);
        return -1;
    }
    e->cfg_loaded = true;
    apply_delivery_config(o, &e->cfg, jv_getz(&e->cfg.root, "delivery"));
    if (o->ingest_url) e->cfg.ep.ingest_base = o->ingest_url;
    if (o->api_url) e->cfg.ep.api_base = o->api_url;
    if (!need_key) e->key = "";
    else if (env_key(e, cmd)) return -1;
    e->secrets[0] = e->keylen ? e->key : NULL;
    e->secrets[1] = NULL;
    if (need_dlq) {
        const char *path = o->dlq_path ? o->dlq_path : "encharge-dlq.db";
        e->dlq = dlq_open(path, err, sizeof err);
        if (!e->dlq) {
            fprintf(stderr, "%s: dead-letter store: %s\n", cmd, err);
            return -1;
        }
    }
    return 0;
}

int env_sender(env *e, const run_opts *o, sender_done_fn done, void *ctx, const char *cmd)
{
    char err[512];
    sender_opts so = o->send;
    so.api_key = e->key;
    so.api_key_len = e->keylen;
    e->snd = sender_new(&so, done, ctx, err, sizeof err);
    if (!e->snd) {
        fprintf(stderr, "%s: %s\n", cmd, err);
        return -1;
    }
    return 0;
}

mapper env_mapper(const env *e, const config *c)
{
    return (mapper){.lua = e->lua, .subs = c->subs, .nsubs = c->nsubs, .ep = c->ep};
}

/* env.c — the set-up the delivery commands share. */
#include "cmd/env.h"

#include "lib/signals.h"
#include "obs/log.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void run_opts_default(run_opts *o)
{
    memset(o, 0, sizeof *o);
    delivery_settings_default(&o->set);
    o->progress = -1;
}

static volatile sig_atomic_t g_interrupts; /* 0, 1 (finish what is in flight), 2 (stop now) */

static void on_sigint(int sig)
{
    (void)sig;
    if (g_interrupts < 2) g_interrupts++;
    if (g_interrupts == 2) {
        signal(SIGINT, SIG_DFL); /* a third one kills at once */
        signal(SIGTERM, SIG_DFL);
    }
}

void env_catch_interrupt(int signo)
{
    signal_catch(signo, on_sigint);
}

bool env_interrupted(void)
{
    return g_interrupts > 0;
}

bool env_stop_now(void)
{
    return g_interrupts > 1;
}

void env_wind_down(env *e, const char *cmd, long timeout_ms, void (*tick)(void *), void *ctx)
{
    sender_stats st;
    sender_get_stats(e->snd, &st);
    if (st.inflight > 0 && !env_stop_now())
        log_say(LOG_INFO, cmd, "\ninterrupted: finishing %d request(s) in flight (each within %ld ms); "
                        "interrupt again to stop at once\n", st.inflight, timeout_ms);
    while (!env_stop_now() && sender_drain(e->snd, 100) > 0)
        if (tick) tick(ctx);
    sender_abort(e->snd);
    if (tick) tick(ctx);
}

/* config `delivery = {...}` under the flags. Returns 0, or -1 with err. */
static int apply_delivery_config(run_opts *o, config *c, const jv *root_delivery, char *err, size_t errlen)
{
    if (delivery_settings_config(&o->set, root_delivery, err, errlen)) return -1;
    if (!root_delivery) return 0;
    if (!o->dlq_path) {
        const jv *d = jv_getz(root_delivery, "dlq");
        if (d && d->type == JV_STR) o->dlq_path = jarena_strdup(&c->arena, d->u.s, d->n);
    }
    return 0;
}

void env_free(env *e)
{
    log_secrets(NULL); /* the list lives in e */
    if (e->snd) sender_free(e->snd);
    if (e->dlq) dlq_close(e->dlq);
    if (e->cfg_loaded) config_free(&e->cfg);
    if (e->lua) luahost_free(e->lua);
    memset(e, 0, sizeof *e);
}

size_t env_pending_cap(const run_opts *o)
{
    size_t n = (size_t)o->set.send.max_inflight * ENV_PENDING_PER_INFLIGHT;
    return n < ENV_PENDING_MIN ? ENV_PENDING_MIN : n > ENV_PENDING_MAX ? ENV_PENDING_MAX : n;
}

int env_check_endpoints(const endpoints *ep, char *err, size_t errlen)
{
    const char *names[2] = {"ingest", "api"}, *urls[2] = {ep->ingest_base, ep->api_base};
    for (int i = 0; i < 2; i++) {
        char why[256];
        if (endpoint_check(urls[i], why, sizeof why)) {
            snprintf(err, errlen, "%s endpoint: %s", names[i], why);
            return -1;
        }
    }
    return 0;
}

/* The API key from the settings, which an HTTP header must be able to carry. */
static int env_key(env *e, const char *cmd)
{
    ev_error verr;
    if (settings_validate(&e->cfg.settings, &e->cfg.arena, &e->key, &e->keylen, &verr)) {
        log_say(LOG_ERROR, cmd, "no API key: set settings.apiKey in the config or ENCHARGE_API_KEY (%s)\n",
                verr.message);
        return -1;
    }
    if (!header_value_legal(e->key, e->keylen)) {
        log_say(LOG_ERROR, cmd, "the API key holds characters an HTTP header cannot carry (beyond U+00FF, or control "
                        "characters)\n");
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
        log_say(LOG_ERROR, cmd, "%s\n", err);
        return -1;
    }
    if (config_load(&e->cfg, config_default_path(o->config_path), e->lua, err, sizeof err)) {
        log_say(LOG_ERROR, cmd, "%s\n", err);
        return -1;
    }
    e->cfg_loaded = true;
    if (apply_delivery_config(o, &e->cfg, jv_getz(&e->cfg.root, "delivery"), err, sizeof err)) {
        log_say(LOG_ERROR, cmd, "config: %s\n", err);
        return -1;
    }
    if (o->ingest_url) e->cfg.ep.ingest_base = o->ingest_url;
    if (o->api_url) e->cfg.ep.api_base = o->api_url;
    if (env_check_endpoints(&e->cfg.ep, err, sizeof err)) {
        log_say(LOG_ERROR, cmd, "%s\n", err);
        return -1;
    }
    if (!need_key) e->key = "";
    else if (env_key(e, cmd)) return -1;
    if (e->keylen && e->keylen < DLQ_SECRET_MIN)
        log_say(LOG_WARN, cmd, "warning: the API key is shorter than %d bytes: it is not searched for and redacted in "
                        "the dead-letter store's messages and responses\n", DLQ_SECRET_MIN);
    e->secrets[0] = e->keylen ? e->key : NULL;
    e->secrets[1] = NULL;
    luahost_set_secrets(e->lua, e->secrets);
    log_secrets(e->secrets);
    if (need_dlq) {
        const char *path = o->dlq_path ? o->dlq_path : "encharge-dlq.db";
        e->dlq = dlq_open(path, err, sizeof err);
        if (!e->dlq) {
            log_say(LOG_ERROR, cmd, "dead-letter store: %s\n", err);
            return -1;
        }
        if (dlq_warning(e->dlq)) log_say(LOG_WARN, cmd, "dead-letter store: %s\n", dlq_warning(e->dlq));
    }
    return 0;
}

void env_add_secret(env *e, const char *secret)
{
    size_t n = 0;
    while (e->secrets[n]) n++;
    if (n + 1 < sizeof e->secrets / sizeof e->secrets[0]) {
        e->secrets[n] = secret;
        e->secrets[n + 1] = NULL;
    }
    luahost_set_secrets(e->lua, e->secrets);
}

int env_sender(env *e, const run_opts *o, sender_done_fn done, void *ctx, const char *cmd)
{
    char err[512];
    sender_opts so = o->set.send;
    so.api_key = e->key;
    so.api_key_len = e->keylen;
    e->snd = sender_new(&so, done, ctx, err, sizeof err);
    if (!e->snd) {
        log_say(LOG_ERROR, cmd, "%s\n", err);
        return -1;
    }
    return 0;
}

mapper env_mapper(const env *e, const config *c)
{
    return (mapper){.lua = e->lua, .subs = c->subs, .nsubs = c->nsubs, .ep = c->ep};
}

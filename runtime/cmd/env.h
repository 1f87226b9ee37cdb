/* env.h — what the delivery commands (`run`, `check-auth`, `delete-user`,
 * `dlq`) share: their options, the environment they open (Lua host, config,
 * API key, dead-letter store, sender) and Ctrl-C. */
#ifndef ENCHARGE_CMD_ENV_H
#define ENCHARGE_CMD_ENV_H

#include "cmd/settings.h"
#include "config/config.h"
#include "deliver/sender.h"
#include "dlq/dlq.h"

/* Write keys `serve` accepts, at most. */
#define ENV_WRITE_KEYS_MAX 16

typedef struct {
    const char *config_path;   /* NULL: ./encharge.lua when present, else presets */
    const char *ingest_url;    /* overrides endpoints.ingest */
    const char *api_url;       /* overrides endpoints.api */
    const char *dlq_path;      /* default: encharge-dlq.db */
    delivery_settings set;     /* the sender's options: defaults, then config, then flags */
    char **files;              /* inputs; none: stdin */
    int nfiles;
    int progress;              /* -1 auto (stderr is a tty), 0 off, 1 on */
    int workers;               /* run: mapping threads (0: one per core) */
    bool no_watch;             /* run: no reload when the config or a script is saved */
    /* serve */
    const char *listen;        /* --listen HOST:PORT (beats ingest.listen) */
    const char *write_keys[ENV_WRITE_KEYS_MAX]; /* --write-key, repeated */
    int nkeys;
    const char *queue_path;    /* --queue FILE (beats queue.path) */
} run_opts;

void run_opts_default(run_opts *o);

typedef struct {
    luahost *lua;
    config cfg;
    bool cfg_loaded;
    dlq *dlq;
    const char *key;
    size_t keylen;
    const char *secrets[2 + ENV_WRITE_KEYS_MAX]; /* redacted from what the store keeps: the API key, the
                                                    write keys (env_add_secret), NULL-ended */
    sender *snd;
} env;

/* Loads the config (its `delivery` settings under the flags), applies the
 * endpoint overrides, checks the API key (need_key), opens the dead-letter
 * store (need_dlq). Returns 0, or -1 with the reason on stderr after "cmd: ".
 * env_free either way. */
int env_open(env *e, run_opts *o, bool need_dlq, bool need_key, const char *cmd);
void env_free(env *e);

/* One more secret to redact (a write key); ignored beyond the room. */
void env_add_secret(env *e, const char *secret);

/* How many requests may be unfinished (queued, in flight or waiting for a
 * retry) before input pauses: ENV_PENDING_PER_INFLIGHT times the in-flight
 * cap, within [ENV_PENDING_MIN, ENV_PENDING_MAX]. The work ahead of the window
 * is memory; this keeps it in proportion to the window. */
#define ENV_PENDING_PER_INFLIGHT 16
#define ENV_PENDING_MIN 1024
#define ENV_PENDING_MAX 65536
size_t env_pending_cap(const run_opts *o);

/* Both endpoints (as deliver/policy.h's endpoint_check). Returns 0, or -1
 * with "ingest endpoint: why" in err. */
int env_check_endpoints(const endpoints *ep, char *err, size_t errlen);

/* e->snd: a sender with the options and the API key, reporting to done(ctx).
 * Returns 0, or -1 with the reason on stderr. */
int env_sender(env *e, const run_opts *o, sender_done_fn done, void *ctx, const char *cmd);

/* A mapper over c's subscriptions (c: e->cfg, or a reloaded version). */
mapper env_mapper(const env *e, const config *c);

/* Ctrl-C (or SIGTERM) on signo: the first one sets env_interrupted() (stop
 * reading; what is in flight finishes), the second env_stop_now(), a third
 * kills at once. */
void env_catch_interrupt(int signo);
bool env_interrupted(void);
bool env_stop_now(void);

/* After an interrupt: no request starts any more; those in flight finish
 * (each within timeout_ms) unless a second interrupt comes; then whatever
 * is left is aborted (never sent: OUT_ABORTED; in flight: OUT_IN_DOUBT).
 * tick(ctx), when given, runs between turns (commits, progress). */
void env_wind_down(env *e, const char *cmd, long timeout_ms, void (*tick)(void *), void *ctx);

#endif

/* run.c — `run`, `check-auth`, `delete-user`, `dlq`: the delivery commands.
 *
 * run: input lines (NDJSON events or {"batch":[...]}) are read without
 * blocking the sender, mapped one event at a time into the arena, and each
 * request is handed to the sender; every event ends delivered, filtered (no
 * subscription) or dead-lettered with its reason. */
#include "cmd/run.h"

#include "lib/clock.h"
#include "lib/signals.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dlq/dlq.h"

#define MAX_PENDING 8192      /* requests queued or in flight before input pauses */
#define MAX_LINE (4u << 20)   /* a longer input line is dead-lettered */

void run_opts_default(run_opts *o)
{
    memset(o, 0, sizeof *o);
    sender_opts_default(&o->send);
    o->progress = -1;
}

static volatile sig_atomic_t g_interrupted;
static volatile sig_atomic_t g_reload;

static void on_sighup(int sig)
{
    (void)sig;
    g_reload = 1;
}

static void on_sigint(int sig)
{
    (void)sig;
    g_interrupted = 1;
    signal(SIGINT, SIG_DFL);   /* a second Ctrl-C kills at once */
    signal(SIGTERM, SIG_DFL);
}

/* ---- the environment every delivery command shares ------------------------------ */
typedef struct {
    luahost *lua;
    config cfg;
    bool cfg_loaded;
    dlq *dlq;
    const char *key;
    size_t keylen;
    const char *secrets[2];
    sender *snd;
} env;

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

static const char *default_config_path(const char *given)
{
    if (given) return given;
    return access("encharge.lua", R_OK) == 0 ? "encharge.lua" : NULL;
}

static void env_free(env *e)
{
    if (e->snd) sender_free(e->snd);
    if (e->dlq) dlq_close(e->dlq);
    if (e->cfg_loaded) config_free(&e->cfg);
    if (e->lua) luahost_free(e->lua);
    memset(e, 0, sizeof *e);
}

/* Loads the config, applies endpoint overrides, checks the API key, opens the
 * dead-letter store. */
static int env_open(env *e, run_opts *o, bool need_dlq, bool need_key, const char *cmd)
{
    char err[4096];
    memset(e, 0, sizeof *e);
    e->lua = luahost_new(NULL, err, sizeof err);
    if (!e->lua) {
        fprintf(stderr, "%s: %s\n", cmd, err);
        return -1;
    }
    if (config_load(&e->cfg, default_config_path(o->config_path), e->lua, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", cmd, err);
        return -1;
    }
    e->cfg_loaded = true;
    apply_delivery_config(o, &e->cfg, jv_getz(&e->cfg.root, "delivery"));
    if (o->ingest_url) e->cfg.ep.ingest_base = o->ingest_url;
    if (o->api_url) e->cfg.ep.api_base = o->api_url;
    ev_error verr;
    if (!need_key) {
        e->key = "";
    } else if (settings_validate(&e->cfg.settings, &e->cfg.arena, &e->key, &e->keylen, &verr)) {
        fprintf(stderr, "%s: no API key: set settings.apiKey in the config or ENCHARGE_API_KEY (%s)\n", cmd,
                verr.message);
        return -1;
    }
    if (need_key && !header_value_legal(e->key, e->keylen)) {
        fprintf(stderr, "%s: the API key holds characters an HTTP header cannot carry (beyond U+00FF, or control "
                        "characters)\n", cmd);
        return -1;
    }
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

/* ---- run: per event bookkeeping --------------------------------------------------- */
typedef struct evrec evrec;

/* A configuration loaded by a reload. The first one (env.cfg) lives for the
 * whole run; a later one is freed once it is retired (replaced) and the last
 * request mapped by it has finished: events in flight finish on the version
 * they started with. */
typedef struct {
    config c;
    int refs;
    bool retired;
} cfgref;

typedef struct {
    evrec *ev;
    const subscription *sub;
    cfgref *owner;      /* NULL: the first configuration */
} jobref;

struct evrec {
    int pending;        /* jobs not finished */
    bool lost;          /* at least one job dead-lettered */
    size_t raw_len;
    char *raw;          /* the event bytes, stored after jobs[] */
    jobref jobs[];
};

typedef struct {
    env *e;
    run_opts *o;
    uint64_t received, filtered, events_delivered, events_dead, requests_delivered;
    uint64_t dead_by_reason[8];
    uint64_t dlq_errors;
    bool tx_open;
    jbuf tx_events;     /* the events dead-lettered in the open batch, one per line,
                           printed if the batch cannot be committed */
    bool replay_lost;   /* dlq replay: the event just processed was not delivered */
    cfgref *active;     /* the configuration new events map through; NULL: env.cfg */
    uint64_t reloads, reload_failures;
} runner;

static const char *const REASONS[] = {"validation", "script", "mapping", "http", "retries_exhausted",
                                      "invalid_json", "interrupted", "other"};
enum { R_VALIDATION, R_SCRIPT, R_MAPPING, R_HTTP, R_EXHAUSTED, R_INVALID_JSON, R_INTERRUPTED, R_OTHER, R_COUNT };

static int reason_of_error(const char *name)
{
    if (!name) return R_OTHER;
    if (strcmp(name, "AggregateAjvError") == 0 || strcmp(name, "PayloadValidationError") == 0 ||
        strcmp(name, "TypeError") == 0)
        return R_VALIDATION;
    if (strcmp(name, "ScriptError") == 0) return R_SCRIPT;
    if (strcmp(name, "AggregateError") == 0 || strcmp(name, "Error") == 0) return R_MAPPING;
    return R_OTHER;
}

static void tx(runner *r)
{
    if (r->tx_open) return;
    char err[512];
    if (dlq_begin(r->e->dlq, err, sizeof err) == 0) r->tx_open = true;
}

static void tx_commit(runner *r)
{
    if (!r->tx_open) return;
    char err[512];
    if (dlq_commit(r->e->dlq, err, sizeof err) && dlq_commit(r->e->dlq, err, sizeof err)) {
        /* Never silent: the batch's events go to stderr whole, one per line. */
        fprintf(stderr, "run: dead-letter store: %s; the events of this batch follow, one per line:\n%.*s", err,
                (int)r->tx_events.len, r->tx_events.p ? r->tx_events.p : "");
        char e2[256];
        dlq_rollback(r->e->dlq, e2, sizeof e2);
        r->dlq_errors++;
    }
    jbuf_reset(&r->tx_events);
    r->tx_open = false;
}

static void dead_letter(runner *r, const char *raw, size_t raw_len, const subscription *sub, int reason,
                        const char *message, const sender_result *sr)
{
    dlq_record rec = {
        .event = raw, .event_len = raw_len, .mapping = sub ? sub->name : NULL,
        .action = sub ? sub->act->key : NULL, .reason = REASONS[reason], .message = message,
    };
    if (sr) {
        rec.http_status = (int)sr->status;
        rec.response = sr->body;
        rec.response_len = sr->body_len;
        rec.attempts = sr->attempts;
        rec.first_attempt_ms = sr->first_ms;
        rec.last_attempt_ms = sr->last_ms;
    }
    char err[512];
    tx(r);
    jbuf_put(&r->tx_events, raw, raw_len);
    jbuf_putc(&r->tx_events, '\n');
    if (dlq_add(r->e->dlq, &rec, r->e->secrets, err, sizeof err)) {
        /* Never silent: the event goes to stderr whole, so it can be recovered. */
        fprintf(stderr, "run: dead-letter store: %s; the event (%s: %s) follows on one line:\n%.*s\n", err,
                REASONS[reason], message ? message : "", (int)raw_len, raw);
        r->dlq_errors++;
    }
    r->dead_by_reason[reason]++;
}

static void event_settle(runner *r, evrec *ev)
{
    if (ev->lost) r->events_dead++;
    else r->events_delivered++;
    if (ev->lost) r->replay_lost = true;
    free(ev);
}

/* An event that ends dead-lettered without any request sent. */
static void event_lost(runner *r)
{
    r->events_dead++;
    r->replay_lost = true;
}

static void cfg_release(cfgref *c)
{
    if (c && --c->refs == 0 && c->retired) {
        config_free(&c->c);
        free(c);
    }
}

static void on_done(void *ctx, void *ud, const sender_result *res)
{
    runner *r = ctx;
    jobref *j = ud;
    evrec *ev = j->ev;
    cfgref *owner = j->owner;
    if (res->outcome == OUT_DELIVERED) {
        r->requests_delivered++;
    } else {
        int reason = res->outcome == OUT_REJECTED ? R_HTTP : res->outcome == OUT_EXHAUSTED ? R_EXHAUSTED : R_INTERRUPTED;
        char msg[400];
        if (res->outcome == OUT_EXHAUSTED)
            snprintf(msg, sizeof msg, "gave up after %d attempts in the retry window; last error: %s", res->attempts,
                     res->error);
        else
            snprintf(msg, sizeof msg, "%s", res->error);
        dead_letter(r, ev->raw, ev->raw_len, j->sub, reason, msg, res);
        ev->lost = true;
    }
    if (--ev->pending == 0) event_settle(r, ev);
    cfg_release(owner);
}

/* ---- one event ---------------------------------------------------------------- */
/* Maps one event and queues its requests. raw: its bytes for the dead-letter
 * store. only: when set, just that subscription (dlq replay). */
static void process_event(runner *r, const mapper *m, const jv *event, const char *raw, size_t raw_len,
                          jarena *a)
{
    env *e = r->e;
    ev_result res;
    const char *key;
    size_t keylen;
    r->received++;
    const jv *settings = r->active ? &r->active->c.settings : &e->cfg.settings;
    map_event(m, event, settings, a, &res, &key, &keylen);
    if (res.nmatched == 0) {
        r->filtered++;
        return;
    }
    int nreq = 0;
    for (int i = 0; i < res.nmatched; i++) nreq += res.r[i].ok;
    bool lost = false;
    for (int i = 0; i < res.nmatched; i++) {
        const sub_result *sr = &res.r[i];
        if (sr->ok) continue;
        dead_letter(r, raw, raw_len, sr->sub, reason_of_error(sr->err_name), sr->err_msg, NULL);
        lost = true;
    }
    if (nreq == 0) {
        event_lost(r);
        return;
    }
    evrec *ev = malloc(sizeof *ev + (size_t)nreq * sizeof(jobref) + raw_len + 1);
    if (!ev) {
        dead_letter(r, raw, raw_len, NULL, R_OTHER, "out of memory queueing the event", NULL);
        event_lost(r);
        return;
    }
    ev->pending = nreq;
    ev->lost = lost;
    ev->raw_len = raw_len;
    ev->raw = (char *)&ev->jobs[nreq];
    memcpy(ev->raw, raw, raw_len);
    ev->raw[raw_len] = 0;
    int k = 0;
    for (int i = 0; i < res.nmatched; i++) {
        const sub_result *sr = &res.r[i];
        if (!sr->ok) continue;
        jobref *j = &ev->jobs[k++];
        j->ev = ev;
        j->sub = sr->sub;
        j->owner = r->active;
        if (j->owner) j->owner->refs++;
        if (sender_submit(e->snd, &sr->req, j)) {
            sender_result fake = {.outcome = OUT_ABORTED};
            snprintf(fake.error, sizeof fake.error, "out of memory queueing the request");
            on_done(r, j, &fake);
        }
    }
}

/* {"batch":[...], "context":{...}, "integrations":{...}}: the batch's context
 * and integrations are merged into each item's (the item's own keys win). */
static jv merge_obj(jarena *a, const jv *outer, const jv *inner)
{
    if (!inner || inner->type != JV_OBJ) return *outer;
    jv o = jv_obj_new(a, (size_t)outer->n + inner->n);
    uint32_t k = 0;
    for (uint32_t i = 0; i < outer->n; i++)
        if (!jv_get(inner, outer->u.members[i].key, outer->u.members[i].klen)) o.u.members[k++] = outer->u.members[i];
    for (uint32_t i = 0; i < inner->n; i++) o.u.members[k++] = inner->u.members[i];
    o.n = k;
    return o;
}

static void process_line(runner *r, const mapper *m, const char *line, size_t len, jarena *a, jbuf *tmp)
{
    jv doc;
    jerr je;
    jarena_reset(a);
    if (json_parse(a, line, len, NULL, &doc, &je)) {
        r->received++;
        event_lost(r);
        dead_letter(r, line, len, NULL, R_INVALID_JSON, je.msg, NULL);
        return;
    }
    const jv *batch = doc.type == JV_OBJ ? jv_getz(&doc, "batch") : NULL;
    if (!batch) {
        if (doc.type != JV_OBJ) {
            r->received++;
            event_lost(r);
            char msg[80];
            snprintf(msg, sizeof msg, "an event must be a JSON object, not %s", jv_type_phrase(&doc));
            dead_letter(r, line, len, NULL, R_INVALID_JSON, msg, NULL);
            return;
        }
        process_event(r, m, &doc, line, len, a);
        return;
    }
    if (batch->type != JV_ARR) {
        r->received++;
        event_lost(r);
        dead_letter(r, line, len, NULL, R_INVALID_JSON, "\"batch\" must be an array of events", NULL);
        return;
    }
    const jv *bctx = jv_getz(&doc, "context"), *bint = jv_getz(&doc, "integrations");
    for (uint32_t i = 0; i < batch->n; i++) {
        const jv *item = &batch->u.items[i];
        jbuf_reset(tmp);
        if (item->type != JV_OBJ) {
            json_write(tmp, item);
            r->received++;
            event_lost(r);
            dead_letter(r, tmp->p, tmp->len, NULL, R_INVALID_JSON, "a batch item must be a JSON object", NULL);
            continue;
        }
        jv ev = *item;
        if ((bctx && bctx->type == JV_OBJ) || (bint && bint->type == JV_OBJ)) {
            ev = jv_obj_new(a, item->n + 2);
            uint32_t k = 0;
            for (uint32_t j = 0; j < item->n; j++) ev.u.members[k++] = item->u.members[j];
            const jv *pairs[2][2] = {{bctx, jv_getz(item, "context")}, {bint, jv_getz(item, "integrations")}};
            const char *names[2] = {"context", "integrations"};
            for (int p = 0; p < 2; p++) {
                if (!pairs[p][0] || pairs[p][0]->type != JV_OBJ) continue;
                jv merged = merge_obj(a, pairs[p][0], pairs[p][1]);
                bool replaced = false;
                for (uint32_t j = 0; j < k; j++)
                    if (ev.u.members[j].klen == strlen(names[p]) &&
                        memcmp(ev.u.members[j].key, names[p], strlen(names[p])) == 0) {
                        ev.u.members[j].val = merged;
                        replaced = true;
                    }
                if (!replaced) ev.u.members[k++] = (jmember){names[p], (uint32_t)strlen(names[p]), merged};
            }
            ev.n = k;
        }
        json_write(tmp, &ev);
        process_event(r, m, &ev, tmp->p, tmp->len, a);
    }
}

/* ---- input without blocking the sender ------------------------------------------------ */
typedef struct {
    int fd;
    char *buf;
    size_t start, len, cap;
    bool eof;
    bool skipping;      /* discarding the rest of an over-long line */
} reader;

/* Reads what is available (never blocks). Returns false on a read error. */
static bool reader_fill(reader *rd)
{
    if (rd->eof) return true;
    if (rd->start > 0 && rd->start == rd->len) rd->start = rd->len = 0;
    if (rd->len == rd->cap) {
        if (rd->start > 0) {
            memmove(rd->buf, rd->buf + rd->start, rd->len - rd->start);
            rd->len -= rd->start;
            rd->start = 0;
        } else {
            size_t cap = rd->cap ? rd->cap * 2 : 1 << 16;
            char *b = realloc(rd->buf, cap);
            if (!b) return false;
            rd->buf = b;
            rd->cap = cap;
        }
    }
    ssize_t n = read(rd->fd, rd->buf + rd->len, rd->cap - rd->len);
    if (n > 0) rd->len += (size_t)n;
    else if (n == 0) rd->eof = true;
    else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return false;
    return true;
}

/* Next complete line (or the last one at EOF); NULL when none is ready. A
 * line longer than MAX_LINE is returned cut, with *too_long set. */
static char *reader_line(reader *rd, size_t *len, bool *too_long)
{
    *too_long = false;
    char *p = rd->buf + rd->start;
    size_t avail = rd->len - rd->start;
    char *nl = avail ? memchr(p, '\n', avail) : NULL;
    if (rd->skipping) {
        if (!nl) {
            rd->start = rd->len;
            return NULL;
        }
        rd->skipping = false;
        rd->start += (size_t)(nl - p) + 1;
        p = rd->buf + rd->start;
        avail = rd->len - rd->start;
        nl = avail ? memchr(p, '\n', avail) : NULL;
    }
    if (nl) {
        *len = (size_t)(nl - p);
        rd->start += *len + 1;
        return p;
    }
    if (avail >= MAX_LINE) {
        *len = avail;
        *too_long = true;
        rd->start = rd->len;
        rd->skipping = true;
        return p;
    }
    if (rd->eof && avail) {
        *len = avail;
        rd->start = rd->len;
        return p;
    }
    return NULL;
}

/* ---- summary and progress ----------------------------------------------------------------- */
static void print_summary(runner *r, bool interrupted)
{
    sender_stats st;
    sender_get_stats(r->e->snd, &st);
    fprintf(stderr, "%srun: received %" PRIu64 " events: %" PRIu64 " delivered, %" PRIu64 " filtered (no subscription), %" PRIu64
                    " dead-lettered; %" PRIu64 " requests delivered, %" PRIu64 " retried (%" PRIu64 " retries)\n",
            interrupted ? "\n" : "", r->received, r->events_delivered, r->filtered, r->events_dead,
            r->requests_delivered, st.jobs_retried, st.retries);
    if (st.attempts)
        fprintf(stderr, "run: concurrency: %s cap %d, ranged %d-%d, ended at %d; latency %.1f ms (moving average)\n",
                r->o->send.adaptive ? "adaptive under" : "fixed", r->o->send.max_inflight, st.cap_low, st.cap_high,
                st.cap, st.latency_ms_ewma);
    uint64_t dead = 0;
    for (int i = 0; i < R_COUNT; i++) dead += r->dead_by_reason[i];
    if (dead) {
        fprintf(stderr, "run: dead letters by reason:");
        for (int i = 0; i < R_COUNT; i++)
            if (r->dead_by_reason[i]) fprintf(stderr, " %s %" PRIu64, REASONS[i], r->dead_by_reason[i]);
        fprintf(stderr, " (see: encharge-actions dlq list)\n");
    }
    if (interrupted)
        fprintf(stderr, "run: interrupted: %" PRIu64 " request(s) not delivered were dead-lettered as 'interrupted'; "
                        "input after the last line read was not processed\n",
                r->dead_by_reason[R_INTERRUPTED]);
}

static void print_progress(runner *r)
{
    sender_stats st;
    sender_get_stats(r->e->snd, &st);
    fprintf(stderr, "\r\033[Kreceived %" PRIu64 "  delivered %" PRIu64 "  in flight %d/%d  waiting %" PRIu64
                    "  dead-lettered %" PRIu64,
            r->received, r->requests_delivered, st.inflight, st.cap,
            st.submitted - st.delivered - st.rejected - st.exhausted - st.aborted - (uint64_t)st.inflight,
            r->events_dead);
}

static int open_sender(env *e, runner *r, run_opts *o, const char *cmd)
{
    char err[512];
    sender_opts so = o->send;
    so.api_key = e->key;
    so.api_key_len = e->keylen;
    e->snd = sender_new(&so, on_done, r, err, sizeof err);
    if (!e->snd) {
        fprintf(stderr, "%s: %s\n", cmd, err);
        return -1;
    }
    return 0;
}

/* SIGHUP: load the config again beside the current one and swap only when
 * all of it loads; a failed reload keeps the current mappings and says why.
 * Mappings, triggers and endpoints take effect for events read from now on;
 * the API key and the delivery settings need a restart. */
static void reload(runner *r, mapper *m)
{
    g_reload = 0;
    env *e = r->e;
    const char *path = default_config_path(r->o->config_path);
    cfgref *n = calloc(1, sizeof *n);
    char err[4096];
    if (!n) {
        fprintf(stderr, "run: reload failed: out of memory; keeping the current mappings\n");
        r->reload_failures++;
        return;
    }
    if (config_load(&n->c, path, e->lua, err, sizeof err)) {
        fprintf(stderr, "run: reload failed: %s; keeping the current mappings\n", err);
        config_free(&n->c);
        free(n);
        r->reload_failures++;
        return;
    }
    if (r->o->ingest_url) n->c.ep.ingest_base = r->o->ingest_url;
    if (r->o->api_url) n->c.ep.api_base = r->o->api_url;
    const char *key;
    size_t keylen;
    ev_error verr;
    if (settings_validate(&n->c.settings, &n->c.arena, &key, &keylen, &verr) || keylen != e->keylen ||
        memcmp(key, e->key, keylen) != 0)
        fprintf(stderr, "run: reload: settings.apiKey differs from the running one; the running key stays "
                        "until a restart\n");
    n->c.settings = e->cfg.settings; /* the key in force */
    cfgref *old = r->active;
    r->active = n;
    n->refs = 1; /* held while active */
    *m = (mapper){.lua = e->lua, .subs = n->c.subs, .nsubs = n->c.nsubs, .ep = n->c.ep};
    if (old) {
        old->retired = true;
        cfg_release(old);
    }
    r->reloads++;
    fprintf(stderr, "run: reloaded %s: %d subscription(s)\n", path ? path : "(presets)", n->c.nsubs);
}

int cmd_run(run_opts *o)
{
    env e;
    runner r = {0};
    int rc = 1;
    if (env_open(&e, o, true, true, "run")) goto out;
    r.e = &e;
    r.o = o;
    if (open_sender(&e, &r, o, "run")) goto out;
    mapper m = {.lua = e.lua, .subs = e.cfg.subs, .nsubs = e.cfg.nsubs, .ep = e.cfg.ep};
    jarena a;
    jarena_init(&a, (size_t)256 << 20);
    jbuf tmp;
    jbuf_init(&tmp);
    signal_catch(SIGINT, on_sigint);
    signal_catch(SIGTERM, on_sigint);
    signal_catch(SIGHUP, on_sighup);
    bool progress = o->progress < 0 ? isatty(2) : o->progress;
    int64_t next_progress = 0;
    bool input_error = false;
    for (int f = 0; f < (o->nfiles ? o->nfiles : 1) && !g_interrupted; f++) {
        reader rd = {.fd = 0};
        const char *name = "stdin";
        if (o->nfiles) {
            name = o->files[f];
            rd.fd = open(name, O_RDONLY | O_CLOEXEC);
            if (rd.fd < 0) {
                fprintf(stderr, "run: %s: %s\n", name, strerror(errno));
                input_error = true;
                continue;
            }
        }
        int fl = fcntl(rd.fd, F_GETFL);
        if (fl >= 0) fcntl(rd.fd, F_SETFL, fl | O_NONBLOCK);
        while (!g_interrupted) {
            if (g_reload) reload(&r, &m);
            sender_stats st;
            sender_get_stats(e.snd, &st);
            size_t pending = st.submitted - st.delivered - st.rejected - st.exhausted - st.aborted;
            bool want_input = !rd.eof && pending < MAX_PENDING;
            if (want_input && !reader_fill(&rd)) {
                fprintf(stderr, "run: %s: read error: %s\n", name, strerror(errno));
                input_error = true;
                rd.eof = true;
            }
            char *line;
            size_t len;
            bool too_long;
            int lines = 0;
            while (pending < MAX_PENDING && lines < 256 && (line = reader_line(&rd, &len, &too_long))) {
                lines++;
                while (len && line[len - 1] == '\r') len--;
                size_t k = 0;
                while (k < len && (line[k] == ' ' || line[k] == '\t')) k++;
                if (k == len) continue;
                if (too_long) {
                    r.received++;
                    event_lost(&r);
                    dead_letter(&r, line, 1024, NULL, R_INVALID_JSON,
                                "input line longer than 4 MiB (first KiB kept)", NULL);
                    continue; /* the reader drops the rest of that line */
                }
                process_line(&r, &m, line, len, &a, &tmp);
                pending = sender_run(e.snd, 0);
            }
            tx_commit(&r);
            bool input_done = rd.eof && rd.start == rd.len;
            if (input_done) break;
            /* wait for the network, or for more input when more is wanted */
            sender_watch_fd(e.snd, want_input ? rd.fd : -1);
            sender_run(e.snd, 50);
            sender_watch_fd(e.snd, -1);
            tx_commit(&r);
            if (progress && clock_mono_ms() >= next_progress) {
                print_progress(&r);
                next_progress = clock_mono_ms() + 250;
            }
        }
        if (o->nfiles) close(rd.fd);
        free(rd.buf);
    }
    /* drain */
    while (!g_interrupted && sender_run(e.snd, 100) > 0) {
        tx_commit(&r);
        if (progress && clock_mono_ms() >= next_progress) {
            print_progress(&r);
            next_progress = clock_mono_ms() + 250;
        }
    }
    if (g_interrupted) sender_abort(e.snd);
    tx_commit(&r);
    if (progress) fprintf(stderr, "\r\033[K");
    print_summary(&r, g_interrupted);
    rc = g_interrupted ? 130 : (input_error || r.dlq_errors) ? 1 : 0;
    if (r.active) {
        r.active->retired = true;
        cfg_release(r.active);
    }
    jbuf_free(&r.tx_events);
    jbuf_free(&tmp);
    jarena_free(&a);
out:
    env_free(&e);
    return rc;
}

/* ---- check-auth, delete-user ------------------------------------------------------------ */
typedef struct {
    bool done;
    sender_result res;
} one_result;

static void on_one(void *ctx, void *ud, const sender_result *res)
{
    (void)ud;
    one_result *o = ctx;
    o->done = true;
    o->res = *res;
}

static int send_one(run_opts *o, env *e, const request *rq, one_result *out, const char *cmd)
{
    char err[512];
    sender_opts so = o->send;
    so.api_key = e->key;
    so.api_key_len = e->keylen;
    memset(out, 0, sizeof *out);
    e->snd = sender_new(&so, on_one, out, err, sizeof err);
    if (!e->snd) {
        fprintf(stderr, "%s: %s\n", cmd, err);
        return -1;
    }
    signal_catch(SIGINT, on_sigint);
    sender_submit(e->snd, rq, NULL);
    while (!out->done && !g_interrupted) sender_run(e->snd, 100);
    if (!out->done) sender_abort(e->snd);
    return 0;
}

int cmd_check_auth(run_opts *o)
{
    env e;
    int rc = 1;
    /* one attempt is enough to judge a key: no retry window */
    if (!o->send_set[5]) o->send.retry_window_s = 0;
    if (env_open(&e, o, false, true, "check-auth") == 0) {
        jarena a;
        jarena_init(&a, 0);
        request rq;
        auth_request(&e.cfg.ep, &a, &rq);
        one_result res;
        if (send_one(o, &e, &rq, &res, "check-auth") == 0) {
            if (res.res.outcome == OUT_DELIVERED) {
                printf("API key accepted\n");
                rc = 0;
            } else if (res.res.status == 401) {
                printf("API key rejected (401)\n");
            } else if (res.res.status) {
                printf("could not check the API key: %s answered %ld %s\n", rq.url, res.res.status, res.res.error);
            } else {
                printf("could not check the API key: %s: %s\n", rq.url, res.res.error);
            }
        }
        jarena_free(&a);
    }
    env_free(&e);
    return rc;
}

int cmd_delete_user(run_opts *o, const char *user_id, const char *anonymous_id)
{
    env e;
    int rc = 1;
    if (env_open(&e, o, false, true, "delete-user") == 0) {
        jarena a;
        jarena_init(&a, 0);
        jv ev = jv_obj_new(&a, 1);
        ev.u.members[0] = user_id ? (jmember){"userId", 6, jv_str(&a, user_id, strlen(user_id))}
                                  : (jmember){"anonymousId", 11, jv_str(&a, anonymous_id, strlen(anonymous_id))};
        request rq;
        int d = delete_request(&ev, &e.cfg.ep, &a, &rq);
        one_result res;
        if (d == 1) {
            fprintf(stderr, "delete-user: an empty ID names nobody; nothing sent\n");
        } else if (d == 0 && send_one(o, &e, &rq, &res, "delete-user") == 0) {
            if (res.res.outcome == OUT_DELIVERED) {
                printf("deleted: DELETE %s -> %ld\n", rq.url, res.res.status);
                rc = 0;
            } else {
                printf("delete failed: DELETE %s -> %s%s\n", rq.url, res.res.error,
                       res.res.outcome == OUT_EXHAUSTED ? " (retry window ended)" : "");
            }
        }
        jarena_free(&a);
    }
    env_free(&e);
    return rc;
}

/* ---- dlq list | show | replay | purge ------------------------------------------------------ */
static void fmt_time(int64_t ms, char *buf, size_t cap)
{
    if (!ms) {
        snprintf(buf, cap, "-");
        return;
    }
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int list_row(void *ud, int64_t id, const dlq_record *r)
{
    (void)ud;
    char t[32];
    fmt_time(r->created_ms, t, sizeof t);
    char msg[81];
    snprintf(msg, sizeof msg, "%s", r->message ? r->message : "");
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\t') *p = ' ';
    printf("%-6" PRId64 " %-20s %-17s %-18s %-20.20s %4d %3d  %s\n", id, t, r->reason ? r->reason : "-",
           r->action ? r->action : "-", r->mapping ? r->mapping : "-", r->http_status, r->attempts, msg);
    return 0;
}

static int show_row(void *ud, int64_t id, const dlq_record *r)
{
    (void)ud;
    char t1[32], t2[32], t3[32];
    fmt_time(r->created_ms, t1, sizeof t1);
    fmt_time(r->first_attempt_ms, t2, sizeof t2);
    fmt_time(r->last_attempt_ms, t3, sizeof t3);
    printf("id:            %" PRId64 "\nstored:        %s\nreason:        %s\naction:        %s\nmapping:       %s\n"
           "message:       %s\nhttp status:   %d\nattempts:      %d\nfirst attempt: %s\nlast attempt:  %s\n",
           id, t1, r->reason ? r->reason : "-", r->action ? r->action : "-", r->mapping ? r->mapping : "-",
           r->message ? r->message : "-", r->http_status, r->attempts, t2, t3);
    if (r->response_len) printf("response:      %.*s\n", (int)r->response_len, r->response);
    jarena a;
    jarena_init(&a, 0);
    jv ev;
    jerr je;
    printf("event:\n");
    if (json_parse(&a, r->event, r->event_len, NULL, &ev, &je) == 0) {
        jbuf b;
        jbuf_init(&b);
        json_write_pretty(&b, &ev, 2);
        printf("%s\n", jbuf_cstr(&b));
        jbuf_free(&b);
    } else {
        printf("%.*s\n(not JSON: %s)\n", (int)r->event_len, r->event, je.msg);
    }
    jarena_free(&a);
    return 0;
}

typedef struct {
    int64_t id;
    char *event;
    size_t event_len;
    char *mapping;
} replay_item;

typedef struct {
    replay_item *items;
    size_t n, cap;
    int64_t last_id;
} replay_list;

static int collect(void *ud, int64_t id, const dlq_record *r)
{
    replay_list *l = ud;
    l->last_id = id;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        replay_item *it = realloc(l->items, cap * sizeof *it);
        if (!it) return 1;
        l->items = it;
        l->cap = cap;
    }
    replay_item *it = &l->items[l->n++];
    it->id = id;
    it->event = malloc(r->event_len + 1);
    if (it->event) memcpy(it->event, r->event, r->event_len);
    it->event_len = r->event_len;
    it->mapping = r->mapping ? strdup(r->mapping) : NULL;
    return 0;
}

static int replay(run_opts *o, env *e, const char *reason, int argc, char **argv)
{
    runner r = {0};
    r.e = e;
    r.o = o;
    if (open_sender(e, &r, o, "dlq replay")) return 1;
    char err[512];
    replay_list l = {0};
    if (argc > 0) {
        for (int i = 0; i < argc; i++) {
            int64_t id = strtoll(argv[i], NULL, 10);
            int g = dlq_get(e->dlq, id, collect, &l, err, sizeof err);
            if (g == 1) fprintf(stderr, "dlq replay: no record %s\n", argv[i]);
            if (g < 0) fprintf(stderr, "dlq replay: %s\n", err);
        }
    } else {
        for (;;) {
            size_t before = l.n;
            if (dlq_list(e->dlq, l.last_id, 1000, reason, collect, &l, err, sizeof err) < 0) {
                fprintf(stderr, "dlq replay: %s\n", err);
                break;
            }
            if (l.n == before) break;
        }
    }
    signal_catch(SIGINT, on_sigint);
    jarena a;
    jarena_init(&a, (size_t)256 << 20);
    jbuf tmp;
    jbuf_init(&tmp);
    uint64_t ok = 0, again = 0;
    for (size_t i = 0; i < l.n && !g_interrupted; i++) {
        replay_item *it = &l.items[i];
        if (!it->event) continue;
        /* the subscription of the same name, trigger bypassed; else all of them */
        subscription only;
        mapper m = {.lua = e->lua, .subs = e->cfg.subs, .nsubs = e->cfg.nsubs, .ep = e->cfg.ep};
        for (int k = 0; it->mapping && k < e->cfg.nsubs; k++) {
            if (strcmp(e->cfg.subs[k].name, it->mapping) == 0) {
                only = e->cfg.subs[k];
                only.trig = NULL;
                only.enabled = true;
                m.subs = &only;
                m.nsubs = 1;
                break;
            }
        }
        uint64_t dlq_errors = r.dlq_errors;
        r.replay_lost = false;
        uint64_t filtered = r.filtered;
        process_line(&r, &m, it->event, it->event_len, &a, &tmp);
        while (!g_interrupted && sender_run(e->snd, 100) > 0) {
        }
        if (g_interrupted) sender_abort(e->snd);
        tx_commit(&r);
        bool delivered = !r.replay_lost && r.filtered == filtered;
        if (delivered) ok++;
        else again++;
        /* the old record goes once the outcome is stored (a new failure has its own record) */
        if (r.dlq_errors == dlq_errors && (delivered || r.filtered == filtered))
            dlq_delete(e->dlq, it->id, err, sizeof err);
        printf("%" PRId64 ": %s\n", it->id,
               delivered ? "delivered" : r.filtered != filtered ? "no subscription matches it now; kept" : "failed again (see the new record)");
    }
    printf("replayed %zu record(s): %" PRIu64 " delivered, %" PRIu64 " not\n", l.n, ok, again);
    jbuf_free(&r.tx_events);
    for (size_t i = 0; i < l.n; i++) {
        free(l.items[i].event);
        free(l.items[i].mapping);
    }
    free(l.items);
    jbuf_free(&tmp);
    jarena_free(&a);
    return again || g_interrupted ? 1 : 0;
}

int cmd_dlq(run_opts *o, const char *reason, long limit, int argc, char **argv)
{
    if (argc < 1) {
        fprintf(stderr, "dlq: list | show ID | replay [ID...] | purge\n");
        return 2;
    }
    const char *sub = argv[0];
    bool is_replay = strcmp(sub, "replay") == 0;
    env e;
    int rc = 1;
    char err[512];
    if (env_open(&e, o, true, is_replay, "dlq")) goto out;
    if (strcmp(sub, "list") == 0) {
        printf("%-6s %-20s %-17s %-18s %-20s %4s %3s  %s\n", "id", "stored", "reason", "action", "mapping", "http",
               "try", "message");
        if (dlq_list(e.dlq, 0, limit > 0 ? (int)limit : 100, reason, list_row, NULL, err, sizeof err) < 0) {
            fprintf(stderr, "dlq list: %s\n", err);
            goto out;
        }
        int64_t total = dlq_count(e.dlq, reason);
        printf("%" PRId64 " record(s)%s%s\n", total, reason ? " with reason " : "", reason ? reason : "");
        rc = 0;
    } else if (strcmp(sub, "show") == 0) {
        if (argc < 2) {
            fprintf(stderr, "dlq show ID\n");
            rc = 2;
            goto out;
        }
        int g = dlq_get(e.dlq, strtoll(argv[1], NULL, 10), show_row, NULL, err, sizeof err);
        if (g == 1) fprintf(stderr, "dlq show: no record %s\n", argv[1]);
        else if (g < 0) fprintf(stderr, "dlq show: %s\n", err);
        rc = g == 0 ? 0 : 1;
    } else if (is_replay) {
        rc = replay(o, &e, reason, argc - 1, argv + 1);
    } else if (strcmp(sub, "purge") == 0) {
        int64_t n = 0;
        if (dlq_purge(e.dlq, reason, &n, err, sizeof err)) {
            fprintf(stderr, "dlq purge: %s\n", err);
            goto out;
        }
        printf("purged %" PRId64 " record(s)\n", n);
        rc = 0;
    } else {
        fprintf(stderr, "dlq: unknown subcommand '%s' (list | show ID | replay [ID...] | purge)\n", sub);
        rc = 2;
    }
out:
    env_free(&e);
    return rc;
}

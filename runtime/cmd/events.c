/* events.c — per event bookkeeping and dead-lettering for `run` and `dlq
 * replay`: an event's requests are tracked until the last one has finished,
 * and each event is counted once, by how it ended. */
#include "cmd/events.h"

#include "ingest/batch.h"
#include "map/pool.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct evrec evrec;

typedef struct {
    evrec *ev;
    const subscription *sub;
    cfg_version *owner; /* NULL: the first configuration */
    uint64_t generation; /* owner's (runner.generation when mapped), for the dead-letter record once it
                            has a place for it */
} jobref;

struct evrec {
    void *tag;          /* the runner's tag when the event was read */
    int pending;        /* jobs not finished */
    bool lost;          /* at least one job dead-lettered */
    bool kept;          /* at least one job aborted and kept (runner.keep_unsent) */
    size_t raw_len;
    char *raw;          /* the event bytes, stored after jobs[] */
    jobref jobs[];
};

static const char *const REASONS[R_COUNT] = {"validation", "script", "script_limit", "mapping", "http", "retries_exhausted",
                                             "invalid_json", "interrupted", "interrupted_in_flight", "other"};

const char *reason_name(int reason)
{
    return REASONS[reason];
}

static int reason_of_error(const char *name)
{
    if (!name) return R_OTHER;
    if (strcmp(name, "AggregateAjvError") == 0 || strcmp(name, "PayloadValidationError") == 0 ||
        strcmp(name, "TypeError") == 0)
        return R_VALIDATION;
    if (strcmp(name, "ScriptError") == 0) return R_SCRIPT;
    if (strcmp(name, "ScriptLimitError") == 0) return R_SCRIPT_LIMIT;
    if (strcmp(name, "AggregateError") == 0 || strcmp(name, "Error") == 0) return R_MAPPING;
    return R_OTHER;
}

static void tx(runner *r)
{
    if (r->tx_open) return;
    char err[512];
    if (dlq_begin(r->e->dlq, err, sizeof err) == 0) r->tx_open = true;
}

/* Writes to stderr what the store could not keep; when stderr fails too, the
 * runner halts (stops taking input: what has not been read stays in the
 * input, and the exit status says something was lost). */
static void fallback(runner *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (n < 0 || fflush(stderr) != 0) {
        r->unrecorded++;
        r->halt = true;
    }
}

void runner_commit(runner *r)
{
    if (!r->tx_open) return;
    char err[512], again[512];
    if (dlq_commit(r->e->dlq, err, sizeof err) && dlq_commit(r->e->dlq, again, sizeof again)) {
        /* Never silent: the batch's events go to stderr whole, one per line,
         * after the first failure's cause (the retry can only add "no batch
         * is open" when the store rolled the batch back itself). */
        fallback(r, "run: dead-letter store: %s; the events of this batch follow, one per line:\n%.*s", err,
                 (int)r->tx_events.len, r->tx_events.p ? r->tx_events.p : "");
        dlq_rollback(r->e->dlq, again, sizeof again);
        r->dlq_errors++;
    }
    jbuf_reset(&r->tx_events);
    r->tx_open = false;
}

static void dead_letter(runner *r, uint64_t gen, const char *raw, size_t raw_len, const subscription *sub, int reason,
                        const char *message, const sender_result *sr)
{
    dlq_record rec = {
        .event = raw, .event_len = raw_len, .mapping = sub ? sub->name : NULL,
        .action = sub ? sub->act->key : NULL, .reason = REASONS[reason], .message = message,
        .generation = (int64_t)gen,
    };
    if (sr) {
        rec.http_status = (int)sr->status;
        rec.response = sr->body;
        rec.response_len = sr->body_len;
        rec.response_full_len = sr->body_full_len;
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
        fallback(r, "run: dead-letter store: %s; the event (%s: %s) follows on one line:\n%.*s\n", err,
                 REASONS[reason], message ? message : "", (int)raw_len, raw);
        r->dlq_errors++;
    }
    r->dead_by_reason[reason]++;
}

static void event_ended(runner *r, void *tag, ev_end how)
{
    if (r->ended) r->ended(r->ended_ctx, tag, how);
}

static void event_settle(runner *r, evrec *ev)
{
    ev_end how = ev->lost ? EV_DEAD : ev->kept ? EV_KEPT : EV_DELIVERED;
    if (how == EV_DEAD) r->events_dead++;
    else if (how == EV_KEPT) r->events_kept++;
    else r->events_delivered++;
    void *tag = ev->tag;
    free(ev);
    event_ended(r, tag, how);
}

/* An event that ends dead-lettered without any request sent. */
static void event_lost(runner *r)
{
    r->events_dead++;
    event_ended(r, r->tag, EV_DEAD);
}

void runner_invalid(runner *r, const char *raw, size_t len, const char *why)
{
    r->received++;
    event_lost(r);
    dead_letter(r, r->generation, raw, len, NULL, R_INVALID_JSON, why, NULL);
}

/* The dead-letter reason of each sender outcome but OUT_DELIVERED. */
static const int OUTCOME_REASONS[] = {
    [OUT_REJECTED] = R_HTTP, [OUT_EXHAUSTED] = R_EXHAUSTED, [OUT_ABORTED] = R_INTERRUPTED, [OUT_IN_DOUBT] = R_IN_FLIGHT,
};

static void on_done(void *ctx, void *ud, const sender_result *res)
{
    runner *r = ctx;
    jobref *j = ud;
    evrec *ev = j->ev;
    cfg_version *owner = j->owner;
    if (res->outcome == OUT_DELIVERED) {
        r->requests_delivered++;
        ptrdiff_t act = j->sub ? j->sub->act - ACTIONS : -1;
        if (act >= 0 && act < ACTION_COUNT) r->delivered_by_action[act]++;
    } else if (r->keep_unsent && (res->outcome == OUT_ABORTED || res->outcome == OUT_IN_DOUBT)) {
        ev->kept = true;
    } else {
        int reason = OUTCOME_REASONS[res->outcome];
        char msg[400];
        if (res->outcome == OUT_EXHAUSTED)
            snprintf(msg, sizeof msg, "gave up after %d attempts in the retry window; last error: %s", res->attempts,
                     res->error);
        else
            snprintf(msg, sizeof msg, "%s", res->error);
        dead_letter(r, j->generation, ev->raw, ev->raw_len, j->sub, reason, msg, res);
        ev->lost = true;
    }
    if (--ev->pending == 0) event_settle(r, ev);
    cfg_version_release(owner);
}

static void on_retry(void *ctx, void *ud, int attempts, int64_t first_ms, int64_t next_ms)
{
    runner *r = ctx;
    jobref *j = ud;
    if (r->retried) r->retried(r->ended_ctx, j->ev->tag, attempts, first_ms, next_ms);
}

int runner_open(runner *r, env *e, run_opts *o, const char *cmd)
{
    *r = (runner){.e = e, .o = o, .generation = 1};
    if (env_sender(e, o, on_done, r, cmd)) return -1;
    sender_on_retry(e->snd, on_retry, r);
    return 0;
}

void runner_free(runner *r)
{
    jbuf_free(&r->tx_events);
}

/* The event's requests, tracked as one record until the last one finishes. */
static void submit_requests(runner *r, const ev_result *res, int nreq, bool lost, const char *raw, size_t raw_len)
{
    evrec *ev = malloc(sizeof *ev + (size_t)nreq * sizeof(jobref) + raw_len + 1);
    if (!ev) {
        dead_letter(r, r->generation, raw, raw_len, NULL, R_OTHER, "out of memory queueing the event", NULL);
        event_lost(r);
        return;
    }
    ev->tag = r->tag;
    ev->pending = nreq;
    ev->lost = lost;
    ev->kept = false;
    ev->raw_len = raw_len;
    ev->raw = (char *)&ev->jobs[nreq];
    memcpy(ev->raw, raw, raw_len);
    ev->raw[raw_len] = 0;
    const sender_resume *rs = r->resume ? r->resume(r->ended_ctx, r->tag) : NULL;
    int k = 0;
    for (int i = 0; i < res->nmatched; i++) {
        const sub_result *sr = &res->r[i];
        if (!sr->ok) continue;
        jobref *j = &ev->jobs[k++];
        j->ev = ev;
        j->sub = sr->sub;
        j->owner = r->active;
        j->generation = r->generation;
        cfg_version_hold(j->owner);
        if (sender_submit_resumed(r->e->snd, &sr->req, j, rs)) {
            sender_result fake = {.outcome = OUT_ABORTED};
            snprintf(fake.error, sizeof fake.error, "out of memory queueing the request");
            on_done(r, j, &fake);
        }
    }
}

static const jv *active_settings(const runner *r)
{
    return r->active ? &r->active->c.settings : &r->e->cfg.settings;
}

static void settle_mapped(runner *r, const ev_result *res, const char *raw, size_t raw_len);

/* ---- mapping on the workers (r->pool) ---------------------------------------------- */
size_t runner_collect(runner *r, long wait_ms)
{
    size_t n = 0;
    pool_job *j;
    while ((j = pool_done(r->pool, n ? 0 : wait_ms))) {
        void *tag = r->tag;
        r->tag = j->tag;
        if (j->parsed) {
            r->received++;
            settle_mapped(r, &j->res, j->raw, j->raw_len);
        } else {
            runner_invalid(r, j->raw, j->raw_len, j->why); /* counts it as received */
        }
        r->tag = tag;
        pool_job_release(r->pool, j);
        n++;
    }
    return n;
}

void runner_quiesce(runner *r)
{
    while (r->pool && pool_busy(r->pool)) runner_collect(r, 10);
}

/* The event to a worker (waiting for a free job while collecting finished ones). */
static void runner_to_pool(runner *r, const mapper *m, const char *raw, size_t raw_len)
{
    pool_job *j;
    while (!(j = pool_job_get(r->pool))) runner_collect(r, 10);
    j->subs = m->subs;
    j->nsubs = m->nsubs;
    j->ep = m->ep;
    j->timed = m->timed;
    j->settings = active_settings(r);
    j->tag = r->tag;
    if (pool_submit(r->pool, j, raw, raw_len)) {
        pool_job_release(r->pool, j);
        r->received++;
        dead_letter(r, r->generation, raw, raw_len, NULL, R_OTHER, "out of memory handing the event to a worker", NULL);
        event_lost(r);
    }
}

/* What follows the mapping of one event: its dead letters and its requests.
 * raw: its bytes for the dead-letter store. */
static void settle_mapped(runner *r, const ev_result *res, const char *raw, size_t raw_len)
{
    r->declined += (uint64_t)res->ndeclined;
    if (r->mapped) r->mapped(r->mapped_ctx, res);
    if (res->nmatched == 0) {
        r->filtered++; /* no subscription matched, or every one that did declined it */
        event_ended(r, r->tag, EV_FILTERED);
        return;
    }
    int nreq = 0;
    for (int i = 0; i < res->nmatched; i++) nreq += res->r[i].ok;
    bool lost = false;
    for (int i = 0; i < res->nmatched; i++) {
        const sub_result *sr = &res->r[i];
        if (sr->ok) continue;
        /* never an empty message: one that could not be kept says so */
        const char *msg = sr->err_msg && *sr->err_msg ? sr->err_msg
                          : "the mapping failed and its message was lost (out of memory in the event's arena)";
        dead_letter(r, r->generation, raw, raw_len, sr->sub, reason_of_error(sr->err_name), msg, NULL);
        lost = true;
    }
    if (nreq == 0) {
        event_lost(r);
        return;
    }
    submit_requests(r, res, nreq, lost, raw, raw_len);
}

/* Maps one event and queues its requests (or, with a pool, hands it to the
 * workers: runner_collect settles it). raw: its bytes for the dead-letter
 * store. */
static void process_event(runner *r, const mapper *m, const jv *event, const char *raw, size_t raw_len,
                          jarena *a)
{
    if (r->pool) {
        runner_to_pool(r, m, raw, raw_len);
        return;
    }
    ev_result res;
    const char *key;
    size_t keylen;
    r->received++;
    map_event(m, event, active_settings(r), a, &res, &key, &keylen);
    settle_mapped(r, &res, raw, raw_len);
}

/* What the batch splitter hands out, for the runner r of an input in. */
typedef struct {
    runner *r;
    runner_input *in;
} line_ctx;

static void line_event(void *ctx, const jv *event, const char *raw, size_t raw_len)
{
    line_ctx *c = ctx;
    process_event(c->r, c->in->m, event, raw, raw_len, c->in->a);
}

static void line_invalid(void *ctx, const char *raw, size_t raw_len, const char *why)
{
    line_ctx *c = ctx;
    runner_invalid(c->r, raw, raw_len, why);
}

static const batch_sink LINE_SINK = {line_event, line_invalid};

/* runner_input_abandon: an event not mapped. */
static void abandoned_event(void *ctx, const jv *event, const char *raw, size_t raw_len)
{
    (void)event;
    line_ctx *c = ctx;
    c->r->received++;
    event_lost(c->r);
    dead_letter(c->r, c->r->generation, raw, raw_len, NULL, R_INTERRUPTED, "interrupted before it was mapped", NULL);
}

static const batch_sink ABANDON_SINK = {abandoned_event, line_invalid};

void runner_input_start(runner *r, runner_input *in, const mapper *m, const char *line, size_t len,
                        jarena *line_arena, jarena *a, jbuf *tmp)
{
    (void)r;
    in->m = m;
    in->a = a;
    in->tmp = tmp;
    batch_begin(&in->it, line, len, line_arena);
}

bool runner_input_next(runner *r, runner_input *in)
{
    line_ctx c = {r, in};
    return batch_next(&in->it, in->a, in->tmp, &LINE_SINK, &c);
}

void runner_input_abandon(runner *r, runner_input *in)
{
    line_ctx c = {r, in};
    while (batch_next(&in->it, in->a, in->tmp, &ABANDON_SINK, &c)) {
    }
}

void runner_line(runner *r, const mapper *m, const char *line, size_t len, jarena *a, jbuf *tmp)
{
    jarena la;
    jarena_init(&la, a->limit);
    runner_input in;
    runner_input_start(r, &in, m, line, len, &la, a, tmp);
    while (runner_input_next(r, &in)) {
    }
    jarena_free(&la);
}

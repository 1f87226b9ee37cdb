/* outbox.c — the queue -> runner -> queue loop of serve and run --queue. */
#include "cmd/outbox.h"

#include "lib/clock.h"
#include "map/pool.h"
#include "obs/log.h"

#include <stdlib.h>
#include <string.h>

#define LEASE_BATCH 256                  /* events leased at a time */
#define EVENT_MEMORY ((size_t)256 << 20) /* one event's arena: it, its merge, its mapping */
#define LINE_MEMORY ((size_t)64 << 20)

/* An event leased, until it ends (the runner's tag). */
struct lease {
    uint64_t id;
    sender_resume rs;
    struct lease *next; /* the free list */
};

static uint64_t unfinished(const sender_stats *st)
{
    return st->submitted - st->delivered - st->rejected - st->exhausted - st->aborted;
}

static lease *lease_get(outbox *ob)
{
    lease *l = ob->free_leases;
    if (l) ob->free_leases = l->next;
    else l = malloc(sizeof *l);
    return l;
}

static void lease_put(outbox *ob, lease *l)
{
    l->next = ob->free_leases;
    ob->free_leases = l;
}

static int push_id(uint64_t **arr, size_t *n, size_t *cap, uint64_t id)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 1024;
        uint64_t *a = realloc(*arr, c * sizeof *a);
        if (!a) return -1;
        *arr = a;
        *cap = c;
    }
    (*arr)[(*n)++] = id;
    return 0;
}

static void on_ended(void *ctx, void *tag, ev_end how)
{
    outbox *ob = ctx;
    lease *l = tag;
    if (!l) return;
    /* EV_KEPT stays queued; so does an event whose ack is lost to memory: it
     * is sent again after a restart */
    if (how == EV_DELIVERED || how == EV_FILTERED) push_id(&ob->acks, &ob->nacks, &ob->acks_cap, l->id);
    else if (how == EV_DEAD) push_id(&ob->deads, &ob->ndeads, &ob->deads_cap, l->id);
    lease_put(ob, l);
}

static const sender_resume *on_resume(void *ctx, void *tag)
{
    (void)ctx;
    lease *l = tag;
    return l && l->rs.attempts ? &l->rs : NULL;
}

static void on_retried(void *ctx, void *tag, int attempts, int64_t first_ms, int64_t next_ms)
{
    outbox *ob = ctx;
    lease *l = tag;
    if (!l) return;
    if (ob->nretries == ob->retries_cap) {
        size_t c = ob->retries_cap ? ob->retries_cap * 2 : 256;
        retry_note *r = realloc(ob->retries, c * sizeof *r);
        if (!r) return; /* not recorded: a restart starts this event's window again */
        ob->retries = r;
        ob->retries_cap = c;
    }
    ob->retries[ob->nretries++] = (retry_note){l->id, attempts, first_ms, next_ms};
}

void outbox_init(outbox *ob, runner *r, queue *q, mapper *m, size_t pending_cap, const char *cmd)
{
    *ob = (outbox){.r = r, .q = q, .m = m, .cmd = cmd, .pending_cap = pending_cap};
    jarena_init(&ob->a, EVENT_MEMORY);
    jarena_init(&ob->line, LINE_MEMORY);
    jbuf_init(&ob->tmp);
    r->ended = on_ended;
    r->ended_ctx = ob;
    r->resume = on_resume;
    r->retried = on_retried;
    r->keep_unsent = true;
}

void outbox_free(outbox *ob)
{
    while (ob->free_leases) {
        lease *n = ob->free_leases->next;
        free(ob->free_leases);
        ob->free_leases = n;
    }
    free(ob->acks);
    free(ob->deads);
    free(ob->retries);
    jbuf_free(&ob->tmp);
    jarena_free(&ob->a);
    jarena_free(&ob->line);
}

void outbox_settle(outbox *ob)
{
    runner_commit(ob->r);
    char err[512];
    int rc = 0;
    if (ob->ndeads) rc |= queue_dead(ob->q, ob->deads, ob->ndeads, err, sizeof err);
    if (!rc && ob->nacks) rc |= queue_ack(ob->q, ob->acks, ob->nacks, err, sizeof err);
    for (size_t i = 0; !rc && i < ob->nretries; i++) {
        const retry_note *n = &ob->retries[i];
        rc |= queue_retry_at(ob->q, n->id, n->next_ms, n->attempts, n->first_ms, err, sizeof err);
    }
    if (rc && !ob->failing)
        log_say(LOG_ERROR, ob->cmd, "%s; settled events stay queued and may be sent again after a restart", err);
    ob->failing = rc != 0;
    ob->nacks = ob->ndeads = ob->nretries = 0;
}

void outbox_lease(outbox *ob)
{
    runner *r = ob->r;
    queue_item items[LEASE_BATCH];
    for (;;) {
        sender_stats st;
        sender_get_stats(r->e->snd, &st);
        size_t busy = unfinished(&st) + (r->pool ? (size_t)pool_busy(r->pool) : 0);
        if (busy >= ob->pending_cap || r->halt) return;
        size_t room = ob->pending_cap - busy;
        int want = room < LEASE_BATCH ? (int)room : LEASE_BATCH;
        char err[512];
        int n = queue_lease(ob->q, clock_wall_ms(), items, want, err, sizeof err);
        if (n < 0) {
            if (!ob->failing) log_say(LOG_ERROR, ob->cmd, "%s", err);
            ob->failing = true;
            return;
        }
        for (int i = 0; i < n; i++) {
            lease *l = lease_get(ob);
            if (!l) return; /* leased and not handed out: it comes back after a restart */
            l->id = items[i].id;
            l->rs = (sender_resume){.attempts = items[i].attempts, .first_ms = items[i].first_attempt_ms};
            r->tag = l;
            runner_input_start(r, &ob->in, ob->m, items[i].data, items[i].len, &ob->line, &ob->a, &ob->tmp);
            while (runner_input_next(r, &ob->in)) {
            }
            r->tag = NULL;
            ob->leased++;
        }
        if (n < want) return;
        if (r->pool) runner_collect(r, 0);
    }
}

long outbox_wait_ms(outbox *ob, long max)
{
    int64_t next = queue_next_ready_ms(ob->q);
    if (next) {
        int64_t d = next - clock_wall_ms();
        if (d < max) return d < 0 ? 0 : (long)d;
    }
    return max;
}

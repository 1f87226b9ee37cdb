/* queue.c — the queue's public functions (see queue.h): argument checks,
 * the group commit of concurrent puts, and the dispatch to a backend
 * (backend.h). Also the helpers both backends share.
 *
 * Group commit (guarantee 8). A queue_put appends its request to the pending
 * list under q->mu. When no commit is running the caller becomes the leader:
 * it takes the whole pending list, drops q->mu, has the backend write it as
 * one commit, then, under q->mu again, marks those requests done with the
 * result and wakes everyone. Requests that arrived while it committed stay
 * pending; one of their callers, woken, becomes the next leader. A caller
 * returns only once its own request is done, so a 0 means its events are
 * committed. While a leader writes, q->mu is free: followers only queue up,
 * and the backend's own lock decides how long delivery calls wait (one
 * commit at most).
 */
#include "queue/queue.h"

#include "queue/backend.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct queue {
    const queue_ops *ops;
    void *be;
    char *path;               /* as given, for messages */
    pthread_mutex_t mu;       /* the pending list, committing, commits */
    pthread_cond_t done_cv;   /* a commit is over */
    put_req *head, *tail;     /* pending: arrived, not yet taken by a leader */
    bool committing;          /* a leader is writing */
    uint64_t commits;         /* test-only figure */
};

static const char MEMORY_PATH[] = ":memory:";

static void copy_err(char *err, size_t errlen, const char *msg)
{
    if (err && errlen) snprintf(err, errlen, "%s", msg);
}

void queue_opts_default(queue_opts *o)
{
    memset(o, 0, sizeof *o);
    o->path = MEMORY_PATH;
    o->fsync = QUEUE_FSYNC_FULL;
    o->dedupe_window_ms = QUEUE_DEDUPE_WINDOW_MS_DEFAULT;
}

queue *queue_open(const queue_opts *o, char *err, size_t errlen)
{
    if (!o || !o->path || !o->path[0]) {
        copy_err(err, errlen, "queue: no path given (a file, or \":memory:\")");
        return NULL;
    }
    if (o->dedupe_window_ms < 0) {
        if (err && errlen)
            snprintf(err, errlen, "queue %s: dedupe window %lld ms is negative", o->path,
                     (long long)o->dedupe_window_ms);
        return NULL;
    }
    if (o->fsync != QUEUE_FSYNC_FULL && o->fsync != QUEUE_FSYNC_NORMAL && o->fsync != QUEUE_FSYNC_OFF) {
        if (err && errlen) snprintf(err, errlen, "queue %s: unknown fsync policy %d", o->path, (int)o->fsync);
        return NULL;
    }
    queue *q = calloc(1, sizeof *q);
    if (!q || !(q->path = strdup(o->path))) {
        free(q);
        if (err && errlen) snprintf(err, errlen, "queue %s: out of memory", o->path);
        return NULL;
    }
    int rc = strcmp(o->path, MEMORY_PATH) == 0 ? queue_memory_open(o, &q->ops, &q->be, err, errlen)
                                               : queue_sqlite_open(o, &q->ops, &q->be, err, errlen);
    if (rc != 0) {
        free(q->path);
        free(q);
        return NULL;
    }
    if (pthread_mutex_init(&q->mu, NULL) != 0) goto fail_mu;
    if (pthread_cond_init(&q->done_cv, NULL) != 0) goto fail_cv;
    return q;
fail_cv:
    pthread_mutex_destroy(&q->mu);
fail_mu:
    if (err && errlen) snprintf(err, errlen, "queue %s: cannot create a lock", o->path);
    q->ops->close(q->be);
    free(q->path);
    free(q);
    return NULL;
}

void queue_close(queue *q)
{
    if (!q) return;
    q->ops->close(q->be);
    pthread_cond_destroy(&q->done_cv);
    pthread_mutex_destroy(&q->mu);
    free(q->path);
    free(q);
}

const char *queue_backend(const queue *q) { return q->ops->name; }

uint64_t queue_test_commits(queue *q)
{
    pthread_mutex_lock(&q->mu);
    uint64_t n = q->commits;
    pthread_mutex_unlock(&q->mu);
    return n;
}

/* ---- in ------------------------------------------------------------------------------- */

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

int queue_put(queue *q, const queue_msg *msgs, size_t n, int64_t now_ms, uint8_t *status, char *err,
              size_t errlen)
{
    if (n == 0) return 0;
    if (!msgs) {
        if (err && errlen) snprintf(err, errlen, "queue %s: cannot add %zu event%s: none given", q->path, n, plural(n));
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (!msgs[i].data && msgs[i].len) {
            if (err && errlen)
                snprintf(err, errlen, "queue %s: cannot add %zu event%s: event %zu has no data but %zu bytes",
                         q->path, n, plural(n), i, msgs[i].len);
            return -1;
        }
    }

    put_req me = {.msgs = msgs, .n = n, .now_ms = now_ms, .status = status};
    pthread_mutex_lock(&q->mu);
    if (q->tail) q->tail->next = &me;
    else q->head = &me;
    q->tail = &me;
    while (!me.done) {
        if (q->committing) {
            pthread_cond_wait(&q->done_cv, &q->mu);
            continue;
        }
        /* Leader: everything pending (this call's request among it) is
         * written as one commit. */
        put_req *batch = q->head;
        q->head = q->tail = NULL;
        q->committing = true;
        pthread_mutex_unlock(&q->mu);

        char cause[sizeof me.cause] = "";
        int rc = q->ops->put_batch(q->be, batch, cause, sizeof cause);

        pthread_mutex_lock(&q->mu);
        q->commits++;
        for (put_req *r = batch; r;) {
            put_req *next = r->next; /* r may return (and be gone) as soon as it is done */
            r->rc = rc;
            if (rc != 0) memcpy(r->cause, cause, sizeof cause);
            r->next = NULL;
            r->done = true;
            r = next;
        }
        q->committing = false;
        pthread_cond_broadcast(&q->done_cv);
    }
    pthread_mutex_unlock(&q->mu);
    if (me.rc != 0) {
        /* The cause is the commit's, shared by all its callers; each names
         * its own count. */
        if (err && errlen)
            snprintf(err, errlen, "queue %s: cannot add %zu event%s: %s", q->path, n, plural(n),
                     me.cause[0] ? me.cause : "the commit failed");
    }
    return me.rc;
}

/* ---- out ------------------------------------------------------------------------------ */

int queue_lease(queue *q, int64_t now_ms, queue_item *out, int max, char *err, size_t errlen)
{
    if (max <= 0) return 0;
    if (!out) {
        if (err && errlen) snprintf(err, errlen, "queue %s: cannot lease: no room given for the events", q->path);
        return -1;
    }
    return q->ops->lease(q->be, now_ms, out, max, err, errlen);
}

int64_t queue_next_ready_ms(queue *q) { return q->ops->next_ready_ms(q->be); }

static int finish(queue *q, const uint64_t *ids, size_t n, bool dead, char *err, size_t errlen)
{
    if (n == 0) return 0;
    if (!ids) {
        if (err && errlen) snprintf(err, errlen, "queue %s: cannot %s %zu event%s: no ids given", q->path,
                                    dead ? "mark dead" : "ack", n, plural(n));
        return -1;
    }
    return q->ops->finish(q->be, ids, n, dead, err, errlen);
}

int queue_ack(queue *q, const uint64_t *ids, size_t n, char *err, size_t errlen)
{
    return finish(q, ids, n, false, err, errlen);
}

int queue_dead(queue *q, const uint64_t *ids, size_t n, char *err, size_t errlen)
{
    return finish(q, ids, n, true, err, errlen);
}

int queue_retry_at(queue *q, uint64_t id, int64_t next_ms, int attempts, int64_t first_attempt_ms, char *err,
                   size_t errlen)
{
    return q->ops->retry_at(q->be, id, next_ms, attempts, first_attempt_ms, err, errlen);
}

int queue_depth_get(queue *q, queue_depth *d, char *err, size_t errlen)
{
    if (!d) {
        if (err && errlen) snprintf(err, errlen, "queue %s: no depth to fill", q->path);
        return -1;
    }
    q->ops->depth(q->be, d);
    return 0;
}

/* ---- shared helpers ------------------------------------------------------------------- */

const char *queue_msg_id(const queue_msg *m, size_t *len)
{
    if (!m->id || m->id_len == 0) {
        *len = 0;
        return NULL;
    }
    *len = m->id_len > QUEUE_ID_MAX ? QUEUE_ID_MAX : m->id_len;
    return m->id;
}

int64_t queue_forget_before(int64_t now_ms, int64_t window_ms)
{
    if (window_ms > 0 && now_ms < INT64_MIN + window_ms) return INT64_MIN;
    return now_ms - window_ms;
}

/* ---- qmap ----------------------------------------------------------------------------- */

enum { QMAP_MIN_CAP = 64 };

/* splitmix64's finalizer: ids are sequential, the slots must not be. */
static size_t qmap_slot(const qmap *m, uint64_t key)
{
    key ^= key >> 30;
    key *= 0xbf58476d1ce4e5b9ULL;
    key ^= key >> 27;
    key *= 0x94d049bb133111ebULL;
    key ^= key >> 31;
    return (size_t)key & (m->cap - 1);
}

void qmap_free(qmap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* At most half full: probes stay short. */
static int qmap_grow_to(qmap *m, size_t n)
{
    size_t cap = m->cap ? m->cap : QMAP_MIN_CAP;
    while (n > cap / 2) {
        if (cap > SIZE_MAX / 4 / sizeof *m->keys) return -1;
        cap *= 2;
    }
    if (cap == m->cap) return 0;
    qmap g = {.keys = calloc(cap, sizeof *g.keys), .vals = malloc(cap * sizeof *g.vals), .cap = cap};
    if (!g.keys || !g.vals) {
        qmap_free(&g);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t s = qmap_slot(&g, m->keys[i]);
        while (g.keys[s]) s = (s + 1) & (cap - 1);
        g.keys[s] = m->keys[i];
        g.vals[s] = m->vals[i];
    }
    g.n = m->n;
    qmap_free(m);
    *m = g;
    return 0;
}

int qmap_reserve(qmap *m, size_t extra)
{
    if (extra > SIZE_MAX / 4 - m->n) return -1;
    return qmap_grow_to(m, m->n + extra);
}

uint64_t *qmap_get(const qmap *m, uint64_t key)
{
    if (!m->cap || !key) return NULL;
    for (size_t s = qmap_slot(m, key);; s = (s + 1) & (m->cap - 1)) {
        if (m->keys[s] == key) return &m->vals[s];
        if (!m->keys[s]) return NULL;
    }
}

int qmap_put(qmap *m, uint64_t key, uint64_t val)
{
    uint64_t *v = qmap_get(m, key);
    if (v) {
        *v = val;
        return 0;
    }
    if (qmap_grow_to(m, m->n + 1) != 0) return -1;
    size_t s = qmap_slot(m, key);
    while (m->keys[s]) s = (s + 1) & (m->cap - 1);
    m->keys[s] = key;
    m->vals[s] = val;
    m->n++;
    return 0;
}

bool qmap_del(qmap *m, uint64_t key)
{
    if (!m->cap || !key) return false;
    size_t mask = m->cap - 1, s = qmap_slot(m, key);
    while (m->keys[s] != key) {
        if (!m->keys[s]) return false;
        s = (s + 1) & mask;
    }
    /* Backward shift: move later entries of the run into the hole when
     * their home slot does not lie (cyclically) between the hole and them. */
    size_t hole = s;
    for (size_t j = (hole + 1) & mask; m->keys[j]; j = (j + 1) & mask) {
        size_t home = qmap_slot(m, m->keys[j]);
        bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
        if (stays) continue;
        m->keys[hole] = m->keys[j];
        m->vals[hole] = m->vals[j];
        hole = j;
    }
    m->keys[hole] = 0;
    m->n--;
    return true;
}

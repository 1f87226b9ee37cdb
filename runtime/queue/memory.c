/* memory.c — the queue backend that keeps nothing past the process
 * (":memory:"). Same semantics as sqlite.c, see queue.h and backend.h.
 *
 *   items   id -> item (qmap), every event not acked or dead
 *   ready   a binary heap by (avail_ms, id) of the items not leased; a lease
 *           pops from it. A leased item never goes back (leases last as long
 *           as the handle, and nothing outlives the handle here), so
 *           retry_at only records its values.
 *   seen    message id -> time first put, a chained hash, plus a list in the
 *           order the times were set, pruned from its head on every put (the
 *           lookup checks the time anyway, so a clock that goes back only
 *           keeps an entry longer).
 *   grave   items acked or dead since the last lease: their data was handed
 *           out and stays valid until the next lease (queue.h).
 * One mutex guards all of it; every call holds it only for in-memory work.
 */
#include "queue/backend.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct mitem {
    uint64_t id;
    int64_t put_ms, avail_ms, first_attempt_ms;
    int attempts;
    bool leased;
    struct mitem *grave_next;
    size_t len;
    char data[];
} mitem;

typedef struct sentry {
    struct sentry *chain;            /* the next of the same bucket */
    struct sentry *older, *newer;    /* the age list */
    int64_t seen_ms;
    uint64_t hash;
    size_t len;
    char key[];
} sentry;

enum { SEEN_MIN_BUCKETS = 256, HEAP_MIN_CAP = 256 };

typedef struct {
    pthread_mutex_t mu;
    int64_t window_ms;
    uint64_t next_id;       /* ids from 1, never reused */
    qmap items;             /* id -> (uintptr_t)mitem* */
    mitem **heap;           /* ready: not leased, by (avail_ms, id) */
    size_t heap_n, heap_cap;
    sentry **buckets;
    size_t nbuckets, nseen;
    sentry *oldest_seen, *newest_seen;
    mitem *grave;
    /* depth */
    uint64_t bytes, leased;
    uint64_t low_id;        /* the lowest id still queued (its put time is the oldest's), 0: none */
} mem;

/* ---- the ready heap ------------------------------------------------------------------- */

static bool before(const mitem *a, const mitem *b)
{
    return a->avail_ms < b->avail_ms || (a->avail_ms == b->avail_ms && a->id < b->id);
}

static int heap_reserve(mem *m, size_t extra)
{
    if (m->heap_n + extra <= m->heap_cap) return 0;
    size_t cap = m->heap_cap ? m->heap_cap : HEAP_MIN_CAP;
    while (cap < m->heap_n + extra) {
        if (cap > SIZE_MAX / 2 / sizeof *m->heap) return -1;
        cap *= 2;
    }
    mitem **h = realloc(m->heap, cap * sizeof *h);
    if (!h) return -1;
    m->heap = h;
    m->heap_cap = cap;
    return 0;
}

/* Room reserved by heap_reserve. */
static void heap_push(mem *m, mitem *it)
{
    size_t i = m->heap_n++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!before(it, m->heap[parent])) break;
        m->heap[i] = m->heap[parent];
        i = parent;
    }
    m->heap[i] = it;
}

static mitem *heap_pop(mem *m)
{
    mitem *top = m->heap[0], *last = m->heap[--m->heap_n];
    size_t i = 0, n = m->heap_n;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && before(m->heap[c + 1], m->heap[c])) c++;
        if (!before(m->heap[c], last)) break;
        m->heap[i] = m->heap[c];
        i = c;
    }
    if (n) m->heap[i] = last;
    return top;
}

/* ---- seen ----------------------------------------------------------------------------- */

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h;
}

static sentry *seen_find(const mem *m, const char *key, size_t len, uint64_t h)
{
    if (!m->nbuckets) return NULL;
    for (sentry *e = m->buckets[h & (m->nbuckets - 1)]; e; e = e->chain)
        if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0) return e;
    return NULL;
}

/* Doubles the buckets when the table is fuller than one entry a bucket. A
 * failed grow is no failure: chains only get longer. */
static void seen_maybe_grow(mem *m)
{
    if (m->nseen < m->nbuckets) return;
    size_t nb = m->nbuckets ? m->nbuckets * 2 : SEEN_MIN_BUCKETS;
    sentry **b = calloc(nb, sizeof *b);
    if (!b) return;
    for (size_t i = 0; i < m->nbuckets; i++) {
        for (sentry *e = m->buckets[i], *next; e; e = next) {
            next = e->chain;
            e->chain = b[e->hash & (nb - 1)];
            b[e->hash & (nb - 1)] = e;
        }
    }
    free(m->buckets);
    m->buckets = b;
    m->nbuckets = nb;
}

static void age_unlink(mem *m, sentry *e)
{
    if (e->older) e->older->newer = e->newer;
    else m->oldest_seen = e->newer;
    if (e->newer) e->newer->older = e->older;
    else m->newest_seen = e->older;
    e->older = e->newer = NULL;
}

static void age_append(mem *m, sentry *e)
{
    e->older = m->newest_seen;
    e->newer = NULL;
    if (m->newest_seen) m->newest_seen->newer = e;
    else m->oldest_seen = e;
    m->newest_seen = e;
}

/* Adds e, whose key is not in the table (buckets exist: seen_maybe_grow
 * ran, or an earlier add made them). */
static void seen_add(mem *m, sentry *e)
{
    sentry **b = &m->buckets[e->hash & (m->nbuckets - 1)];
    e->chain = *b;
    *b = e;
    m->nseen++;
    age_append(m, e);
}

static void seen_remove(mem *m, sentry *e)
{
    for (sentry **p = &m->buckets[e->hash & (m->nbuckets - 1)]; *p; p = &(*p)->chain) {
        if (*p == e) {
            *p = e->chain;
            break;
        }
    }
    age_unlink(m, e);
    m->nseen--;
    free(e);
}

/* Forgets the ids set at or before forget_ms, from the head of the age list. */
static void seen_prune(mem *m, int64_t forget_ms)
{
    while (m->oldest_seen && m->oldest_seen->seen_ms <= forget_ms) seen_remove(m, m->oldest_seen);
}

/* ---- the callbacks -------------------------------------------------------------------- */

static int mem_put_batch(void *be, put_req *reqs, char *cause, size_t causelen)
{
    mem *m = be;
    size_t total = 0;
    for (put_req *r = reqs; r; r = r->next) total += r->n;
    bool dedupe = m->window_ms > 0;

    /* Everything that can fail first (the items, the id entries, room in the
     * heap and the map), so that adding cannot fail half-way (guarantee 2). */
    mitem **items = calloc(total, sizeof *items);
    sentry **ids = calloc(total, sizeof *ids);
    bool ok = items && ids;
    size_t k = 0;
    for (put_req *r = reqs; ok && r; r = r->next) {
        for (size_t i = 0; ok && i < r->n; i++, k++) {
            const queue_msg *msg = &r->msgs[i];
            if (!(items[k] = malloc(sizeof *items[k] + msg->len))) ok = false;
            size_t idlen;
            const char *id = queue_msg_id(msg, &idlen);
            if (ok && dedupe && id) {
                if (!(ids[k] = malloc(sizeof *ids[k] + idlen))) ok = false;
                else {
                    memcpy(ids[k]->key, id, idlen);
                    ids[k]->len = idlen;
                    ids[k]->hash = fnv1a(id, idlen);
                }
            }
        }
    }
    pthread_mutex_lock(&m->mu);
    if (ok && (heap_reserve(m, total) != 0 || qmap_reserve(&m->items, total) != 0)) ok = false;
    if (!ok) {
        pthread_mutex_unlock(&m->mu);
        for (size_t j = 0; items && ids && j < total; j++) {
            free(items[j]);
            free(ids[j]);
        }
        free(items);
        free(ids);
        snprintf(cause, causelen, "out of memory");
        return -1;
    }

    k = 0;
    for (put_req *r = reqs; r; r = r->next) {
        int64_t forget = queue_forget_before(r->now_ms, m->window_ms);
        if (dedupe) seen_prune(m, forget);
        for (size_t i = 0; i < r->n; i++, k++) {
            const queue_msg *msg = &r->msgs[i];
            sentry *e = ids[k];
            if (e) {
                sentry *old = seen_find(m, e->key, e->len, e->hash);
                if (old && old->seen_ms > forget) {
                    if (r->status) r->status[i] = QUEUE_DUPLICATE;
                    free(items[k]);
                    free(e);
                    continue;
                }
                if (old) {
                    /* Forgotten by now but not yet pruned: set again. */
                    old->seen_ms = r->now_ms;
                    age_unlink(m, old);
                    age_append(m, old);
                    free(e);
                } else {
                    e->seen_ms = r->now_ms;
                    seen_maybe_grow(m);
                    seen_add(m, e);
                }
            }
            mitem *it = items[k];
            *it = (mitem){.id = ++m->next_id, .put_ms = r->now_ms, .avail_ms = r->now_ms, .len = msg->len};
            if (msg->len) memcpy(it->data, msg->data, msg->len);
            heap_push(m, it);
            qmap_put(&m->items, it->id, (uint64_t)(uintptr_t)it); /* room reserved: cannot fail */
            m->bytes += it->len;
            if (!m->low_id) m->low_id = it->id;
            if (r->status) r->status[i] = QUEUE_ADDED;
        }
    }
    pthread_mutex_unlock(&m->mu);
    free(items);
    free(ids);
    return 0;
}

static mitem *item_of(const mem *m, uint64_t id)
{
    uint64_t *v = qmap_get(&m->items, id);
    return v ? (mitem *)(uintptr_t)*v : NULL;
}

static void free_grave(mem *m)
{
    for (mitem *it = m->grave, *next; it; it = next) {
        next = it->grave_next;
        free(it);
    }
    m->grave = NULL;
}

static int mem_lease(void *be, int64_t now_ms, queue_item *out, int max, char *err, size_t errlen)
{
    (void)err, (void)errlen;
    mem *m = be;
    pthread_mutex_lock(&m->mu);
    free_grave(m); /* what the last lease handed out may go now */
    int n = 0;
    while (n < max && m->heap_n && m->heap[0]->avail_ms <= now_ms) {
        mitem *it = heap_pop(m);
        it->leased = true;
        m->leased++;
        out[n++] = (queue_item){.id = it->id, .data = it->data, .len = it->len, .attempts = it->attempts,
                                .put_ms = it->put_ms, .first_attempt_ms = it->first_attempt_ms};
    }
    pthread_mutex_unlock(&m->mu);
    return n;
}

static int64_t mem_next_ready_ms(void *be)
{
    mem *m = be;
    pthread_mutex_lock(&m->mu);
    int64_t t = m->heap_n ? m->heap[0]->avail_ms : 0;
    pthread_mutex_unlock(&m->mu);
    return t;
}

static int mem_finish(void *be, const uint64_t *ids, size_t n, bool dead, char *err, size_t errlen)
{
    (void)dead, (void)err, (void)errlen;
    mem *m = be;
    pthread_mutex_lock(&m->mu);
    for (size_t i = 0; i < n; i++) {
        mitem *it = item_of(m, ids[i]);
        if (!it || !it->leased) continue; /* not this handle's lease (or already gone): ignored */
        qmap_del(&m->items, it->id);
        m->bytes -= it->len;
        m->leased--;
        it->grave_next = m->grave;
        m->grave = it;
    }
    /* The oldest is the lowest id left: ids only grow, so each id is passed
     * over once in the handle's life. */
    while (m->low_id && !item_of(m, m->low_id)) m->low_id = m->low_id < m->next_id ? m->low_id + 1 : 0;
    pthread_mutex_unlock(&m->mu);
    return 0;
}

static int mem_retry_at(void *be, uint64_t id, int64_t next_ms, int attempts, int64_t first_attempt_ms, char *err,
                        size_t errlen)
{
    mem *m = be;
    pthread_mutex_lock(&m->mu);
    mitem *it = item_of(m, id);
    int ret = 0;
    if (it && it->leased) {
        it->avail_ms = next_ms;
        it->attempts = attempts;
        it->first_attempt_ms = first_attempt_ms;
    } else {
        if (err && errlen)
            snprintf(err, errlen, "queue :memory:: cannot record a retry of event %llu: not leased by this handle",
                     (unsigned long long)id);
        ret = -1;
    }
    pthread_mutex_unlock(&m->mu);
    return ret;
}

static void mem_depth(void *be, queue_depth *d)
{
    mem *m = be;
    pthread_mutex_lock(&m->mu);
    mitem *oldest = m->low_id ? item_of(m, m->low_id) : NULL;
    *d = (queue_depth){.events = m->items.n, .bytes = m->bytes, .leased = m->leased,
                       .oldest_put_ms = oldest ? oldest->put_ms : 0};
    pthread_mutex_unlock(&m->mu);
}

static void mem_close(void *be)
{
    mem *m = be;
    if (!m) return;
    for (size_t i = 0; i < m->items.cap; i++)
        if (m->items.keys[i]) free((mitem *)(uintptr_t)m->items.vals[i]);
    qmap_free(&m->items);
    free_grave(m);
    while (m->oldest_seen) {
        sentry *e = m->oldest_seen;
        m->oldest_seen = e->newer;
        free(e);
    }
    free(m->buckets);
    free(m->heap);
    pthread_mutex_destroy(&m->mu);
    free(m);
}

static const queue_ops MEMORY_OPS = {
    .name = "memory",
    .put_batch = mem_put_batch,
    .lease = mem_lease,
    .next_ready_ms = mem_next_ready_ms,
    .finish = mem_finish,
    .retry_at = mem_retry_at,
    .depth = mem_depth,
    .close = mem_close,
};

int queue_memory_open(const queue_opts *o, const queue_ops **ops, void **be, char *err, size_t errlen)
{
    mem *m = calloc(1, sizeof *m);
    if (!m) {
        if (err && errlen) snprintf(err, errlen, "queue :memory:: out of memory");
        return -1;
    }
    if (pthread_mutex_init(&m->mu, NULL) != 0) {
        free(m);
        if (err && errlen) snprintf(err, errlen, "queue :memory:: cannot create a lock");
        return -1;
    }
    m->window_ms = o->dedupe_window_ms;
    *ops = &MEMORY_OPS;
    *be = m;
    return 0;
}

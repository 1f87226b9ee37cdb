/* backend.h — what queue.c asks of a backend (private to runtime/queue/).
 *
 * queue.c does the parts every backend shares: argument checks, the group
 * commit of concurrent queue_put calls (guarantee 8) and the dispatch. A
 * backend keeps the events, the dedupe memory, the leases and the depth
 * counters, and does its own locking for everything but put_batch, which
 * queue.c calls from one thread at a time (the group's leader).
 *
 * Also here: a small map of uint64 keys (qmap) both backends use, and the
 * test-only commit counter.
 */
#ifndef ENCHARGE_QUEUE_BACKEND_H
#define ENCHARGE_QUEUE_BACKEND_H

#include "queue/queue.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One queue_put call waiting in the group commit. Owned by the caller (on
 * its stack), which blocks until done. */
typedef struct put_req {
    const queue_msg *msgs;
    size_t n;
    int64_t now_ms;
    uint8_t *status;       /* may be NULL: the caller does not care */
    struct put_req *next;  /* the next call of the same commit */
    /* Set by queue.c once the commit is over, read by the caller after it
     * sees done under the group-commit mutex. */
    bool done;
    int rc;
    char cause[256];       /* when rc is -1: why (the backend's words) */
} put_req;

typedef struct {
    const char *name; /* "sqlite", "memory": queue_backend */

    /* Adds the messages of every request of the list reqs, in list order and
     * in each request's order, as ONE commit: all of them or none. Dedupe
     * (guarantee 3) holds across the requests too: the first occurrence of an
     * id wins, later ones (in this commit or the window before) are
     * QUEUE_DUPLICATE in their request's status (when not NULL). Returns 0
     * once the commit is as durable as the fsync policy says; or -1 with the
     * cause alone ("database or disk is full") in cause, nothing added.
     * Called by one thread at a time, beside the other callbacks. */
    int (*put_batch)(void *be, put_req *reqs, char *cause, size_t causelen);

    /* Up to max (> 0) ready, not leased events (avail time <= now_ms) into
     * out, by (avail time, id); each becomes leased by this handle and is
     * never handed out again by it. Data stays valid until the next lease or
     * close. Returns how many, or -1 with err (nothing leased). */
    int (*lease)(void *be, int64_t now_ms, queue_item *out, int max, char *err, size_t errlen);

    /* The smallest avail time of a not-leased event; 0 when none. Never
     * blocks on more than the backend's own lock. */
    int64_t (*next_ready_ms)(void *be);

    /* Removes the events of ids that this handle leased (others are
     * ignored, a repeat too), all or none: -1 with err leaves them leased
     * and queued. dead: true for queue_dead (same effect; kept apart for
     * the messages). The ids stay remembered for dedupe. */
    int (*finish)(void *be, const uint64_t *ids, size_t n, bool dead, char *err, size_t errlen);

    /* Records the retry state of the leased event id (-1 with err when this
     * handle has not leased it); the lease stays. After a reopen the event is
     * ready at next_ms and comes back with attempts and first_attempt_ms. */
    int (*retry_at)(void *be, uint64_t id, int64_t next_ms, int attempts, int64_t first_attempt_ms, char *err,
                    size_t errlen);

    /* The counters (guarantee 7), from memory: no I/O, any thread, any time. */
    void (*depth)(void *be, queue_depth *d);

    /* Frees everything. No call runs beside it. */
    void (*close)(void *be);
} queue_ops;

/* Each backend's open: 0 with *ops and *be set, or -1 with err ("queue
 * PATH: ..."). */
int queue_sqlite_open(const queue_opts *o, const queue_ops **ops, void **be, char *err, size_t errlen);
int queue_memory_open(const queue_opts *o, const queue_ops **ops, void **be, char *err, size_t errlen);

/* Test only: the number of commits queue_put's group commit has made. */
uint64_t queue_test_commits(queue *q);

/* The id a message is deduplicated by: NULL when it has none, else cut to
 * QUEUE_ID_MAX bytes (*len). */
const char *queue_msg_id(const queue_msg *m, size_t *len);

/* now - window, saturating at INT64_MIN: an id seen at or before it is
 * forgotten. */
int64_t queue_forget_before(int64_t now_ms, int64_t window_ms);

/* ---- qmap: uint64 key (never 0) -> uint64 value ------------------------------------------
 * Open addressing, linear probing, deletion by backward shift (no
 * tombstones, so a long-lived map of changing keys does not degrade). */
typedef struct {
    uint64_t *keys; /* 0: empty slot */
    uint64_t *vals;
    size_t cap;     /* a power of two, or 0 */
    size_t n;
} qmap;

void qmap_free(qmap *m);
/* Adds or replaces; 0, or -1 when out of memory (the map is unchanged). */
int qmap_put(qmap *m, uint64_t key, uint64_t val);
/* Room for extra more keys without growing; 0, or -1 when out of memory. */
int qmap_reserve(qmap *m, size_t extra);
/* The value's slot, NULL when key is absent. Valid until the next put/del. */
uint64_t *qmap_get(const qmap *m, uint64_t key);
/* true when key was there. */
bool qmap_del(qmap *m, uint64_t key);

#endif

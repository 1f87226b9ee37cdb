/* queue.h — the durable queue between the way events come in (`serve`'s HTTP
 * ingest, `run`'s files) and delivery. Events go in with queue_put, are
 * leased out to the delivery loop with queue_lease, and end acked (delivered,
 * or matched by no subscription), dead (the caller has kept them in the
 * dead-letter store) or, while their delivery is retried, with their retry
 * state recorded (queue_retry_at).
 *
 * One interface, backends behind it, chosen by queue_opts.path:
 *   "FILE"      sqlite: one SQLite file in WAL mode (the embedded default)
 *   ":memory:"  memory: nothing survives the process (tests; `run` without a
 *               file)
 *
 * What every backend guarantees (tests/queue/test_queue.c runs one contract
 * suite against each):
 *  1. Durability. When queue_put returns 0 its events are kept — through a
 *     crash of the process (SIGKILL) for every fsync policy but OFF, and
 *     through a power loss under QUEUE_FSYNC_FULL — and are handed out by
 *     queue_lease until acked or dead, also after the queue is closed (or the
 *     process killed) and opened again. (memory: only while it is open.)
 *  2. Atomic put. All of one call's events are added, or none (-1).
 *  3. Dedupe. An event whose message id was put within dedupe_window_ms
 *     before (acked, dead or still queued: an id is remembered for the whole
 *     window) is not added again: queue_put reports QUEUE_DUPLICATE for it;
 *     so is a repeat of an id earlier in the same call. An event without an
 *     id is never a duplicate. dedupe_window_ms 0: no dedupe.
 *  4. Order. queue_lease hands out ready events — those whose available time
 *     (put time, or the retry time of queue_retry_at) is at most now —
 *     oldest available time first, then in put order.
 *  5. Leases. A leased event is not handed out again while this handle is
 *     open, whatever else happens to it, until acked or dead. Opening the
 *     queue voids every lease of an earlier handle (its owner is gone): those
 *     events are ready again, at the time their last queue_retry_at gave, or
 *     at once. Only one handle (process) opens a file queue at a time:
 *     a second queue_open fails, naming the file ("in use by another process").
 *  6. Retry state. queue_retry_at records with a leased event its attempts so
 *     far, its first attempt time and its next attempt time. The lease stays;
 *     the values come back with the event (queue_item) when a later handle
 *     leases it again, so a retry window spans restarts.
 *  7. Depth. queue_depth counts the events not yet acked or dead (ready,
 *     leased and waiting for a retry) and their bytes, and gives the put time
 *     of the oldest.
 *  8. Threads. queue_put may be called from many threads at once; concurrent
 *     calls share commits (group commit: one transaction and one fsync for
 *     all the events waiting when it starts). Every other call comes from one
 *     thread at a time (the delivery loop) and is safe beside concurrent
 *     queue_put calls, except queue_depth_get, which any thread may call
 *     at any time and which is cheap (counters kept in memory, no I/O).
 *  9. Errors. Every failure is -1 with a message in err naming the backend's
 *     file and the cause ("queue /var/lib/x/queue.db: cannot add 12 events:
 *     database or disk is full"); a failed put has added nothing. Nothing
 *     here exits or prints.
 *
 * Times are unix milliseconds passed in by the caller (the clock is the
 * caller's: tests drive it). */
#ifndef ENCHARGE_QUEUE_H
#define ENCHARGE_QUEUE_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    QUEUE_FSYNC_FULL = 0, /* every commit reaches the disk before put returns (the default) */
    QUEUE_FSYNC_NORMAL,   /* commits survive the process; the last ones may be lost with the machine */
    QUEUE_FSYNC_OFF       /* left to the operating system */
} queue_fsync;

#define QUEUE_DEDUPE_WINDOW_MS_DEFAULT (24LL * 3600 * 1000)
#define QUEUE_ID_MAX 200 /* bytes of a message id kept for dedupe; a longer id is cut to it */

typedef struct {
    const char *path;         /* a file (sqlite), or ":memory:" */
    queue_fsync fsync;
    int64_t dedupe_window_ms; /* QUEUE_DEDUPE_WINDOW_MS_DEFAULT; 0: no dedupe */
} queue_opts;

void queue_opts_default(queue_opts *o);

typedef struct queue queue;

/* Opens (creating it when missing) the queue o->path names. NULL with the
 * reason in err. */
queue *queue_open(const queue_opts *o, char *err, size_t errlen);
void queue_close(queue *q);
/* "sqlite" or "memory". */
const char *queue_backend(const queue *q);

/* ---- in --------------------------------------------------------------------------------- */
typedef struct {
    const char *data; /* the event (JSON bytes, stored exactly) */
    size_t len;
    const char *id;   /* its messageId; NULL (or id_len 0): none */
    size_t id_len;
} queue_msg;

enum { QUEUE_ADDED = 0, QUEUE_DUPLICATE = 1 };

/* Adds msgs[0..n) (n may be 0). status[i] (status may be NULL when the caller
 * does not care): QUEUE_ADDED or QUEUE_DUPLICATE. Returns 0 once they are
 * committed as the fsync policy says, or -1 with err (nothing added). */
int queue_put(queue *q, const queue_msg *msgs, size_t n, int64_t now_ms, uint8_t *status, char *err,
              size_t errlen);

/* ---- out -------------------------------------------------------------------------------- */
typedef struct {
    uint64_t id;              /* the queue's, never reused */
    const char *data;         /* the event as put; valid until the next queue_lease or queue_close */
    size_t len;
    int attempts;             /* as recorded by queue_retry_at (0: never tried) */
    int64_t put_ms;
    int64_t first_attempt_ms; /* 0: never tried */
} queue_item;

/* Leases up to max ready events (guarantee 4) into out. Returns how many
 * (0: none ready now), or -1 with err. */
int queue_lease(queue *q, int64_t now_ms, queue_item *out, int max, char *err, size_t errlen);

/* The earliest time an event not leased becomes ready (a retry time, or a
 * put time), 0 when there is none (nothing waits, or everything is leased). */
int64_t queue_next_ready_ms(queue *q);

/* Finished: delivered, or filtered. Gone from the queue (its id stays
 * remembered for dedupe). Ids not leased by this handle are ignored. */
int queue_ack(queue *q, const uint64_t *ids, size_t n, char *err, size_t errlen);

/* Finished undeliverable; the caller has kept each in the dead-letter store.
 * Gone from the queue as with queue_ack. */
int queue_dead(queue *q, const uint64_t *ids, size_t n, char *err, size_t errlen);

/* The leased event id's retry state (guarantee 6): attempts so far, its
 * first attempt time, the time of its next attempt. */
int queue_retry_at(queue *q, uint64_t id, int64_t next_ms, int attempts, int64_t first_attempt_ms, char *err,
                   size_t errlen);

/* ---- how full --------------------------------------------------------------------------- */
typedef struct {
    uint64_t events;       /* not acked or dead */
    uint64_t bytes;        /* their data bytes */
    uint64_t leased;       /* of those, leased by this handle */
    int64_t oldest_put_ms; /* the oldest's put time; 0: empty */
} queue_depth;

int queue_depth_get(queue *q, queue_depth *d, char *err, size_t errlen);

#endif

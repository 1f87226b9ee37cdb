/* outbox.h — delivery from the durable queue, shared by `serve` and
 * `run --queue`: leases what the sender's window has room for, hands each
 * event to the runner (cmd/events.h), and settles each one in the queue as it
 * ends — acked when delivered or filtered, dead once its dead letter is
 * committed (the store first: a crash in between sends it again rather than
 * losing it), left queued when its requests were aborted at a stop — and
 * records each retry with the event (attempts, first and next attempt), so
 * a restart resumes with the retry window where it was. */
#ifndef ENCHARGE_CMD_OUTBOX_H
#define ENCHARGE_CMD_OUTBOX_H

#include "cmd/events.h"
#include "queue/queue.h"

typedef struct lease lease;

typedef struct {
    uint64_t id;
    int attempts;
    int64_t first_ms, next_ms;
} retry_note;

typedef struct {
    runner *r;
    queue *q;
    mapper *m;              /* the running version's (a reload replaces *m) */
    const char *cmd;        /* for messages */
    size_t pending_cap;     /* requests unfinished (and events with the workers) before leasing pauses */
    jarena a, line;
    jbuf tmp;
    runner_input in;
    lease *free_leases;
    uint64_t *acks, *deads;
    size_t nacks, ndeads, acks_cap, deads_cap;
    retry_note *retries;
    size_t nretries, retries_cap;
    bool failing;           /* the last call on the queue failed (said once) */
    uint64_t leased;        /* events leased so far */
} outbox;

/* Takes over r's ended / resume / retried callbacks (ended_ctx) and sets
 * r->keep_unsent. */
void outbox_init(outbox *ob, runner *r, queue *q, mapper *m, size_t pending_cap, const char *cmd);
void outbox_free(outbox *ob);

/* Leases and hands out what the window has room for. */
void outbox_lease(outbox *ob);
/* The events that ended since the last call, to the queue. */
void outbox_settle(outbox *ob);
/* At most max ms, less when an event waiting for its time becomes ready. */
long outbox_wait_ms(outbox *ob, long max);

#endif

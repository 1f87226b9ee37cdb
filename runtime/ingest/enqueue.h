/* enqueue.h — input lines to the durable queue (`run --queue`): each line's
 * events (a batch line split as ingest/batch.h does, its context merged into
 * the items), each put with its messageId — or, when it has none (or not a
 * string), with an id made of where it stands and what it holds
 * ("run:FILE:LINE:ITEM:HASH"), so that the same input run again gives the
 * same ids and what was delivered before is skipped. Events are put in
 * commits of up to ENQUEUE_BATCH. The event bytes are queued as the batch
 * splitter hands them out; nothing is added to them. What is not an event
 * goes to the invalid callback (the runner dead-letters it). */
#ifndef ENCHARGE_ENQUEUE_H
#define ENCHARGE_ENQUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "ingest/batch.h"
#include "queue/queue.h"

#define ENQUEUE_BATCH 1024

typedef struct {
    size_t off, len, id_off, id_len; /* in enqueuer.data */
} enqueue_item;

typedef struct {
    queue *q;
    void (*invalid)(void *ctx, const char *raw, size_t len, const char *why);
    void *ctx;
    jbuf data;               /* the events waiting for the next commit, and their ids */
    enqueue_item *items;
    queue_msg *msgs;
    uint8_t *status;
    size_t n, cap;
    jarena a, line;
    jbuf tmp;
    int file_no;             /* where the line being split stands */
    uint64_t line_no;
    size_t item;
    uint64_t added, duplicates;
    bool failed;             /* a put failed: err says why; nothing more is put */
    char err[512];
} enqueuer;

void enqueue_init(enqueuer *e, queue *q, void (*invalid)(void *, const char *, size_t, const char *), void *ctx);
void enqueue_free(enqueuer *e);

/* The events of one input line (file_no: the input's position on the command
 * line; line_no: from 1). Returns 0, or -1 when a commit failed (e->err). */
int enqueue_line(enqueuer *e, const char *line, size_t len, int file_no, uint64_t line_no);
/* Commits what is waiting. 0, or -1 (e->err). */
int enqueue_flush(enqueuer *e);

#endif

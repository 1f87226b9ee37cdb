/* batch.h — one input line -> its events. A line is a Segment event (a JSON
 * object), or a batch object {"batch": [...], "context": {...},
 * "integrations": {...}} whose context and integrations are merged into each
 * item's (the item's own keys win). What becomes of the events is the sink's
 * business. */
#ifndef ENCHARGE_BATCH_H
#define ENCHARGE_BATCH_H

#include "lib/json.h"

typedef struct {
    /* One event (in the arena) and its bytes: the line itself, or the batch
     * item written out with the merged keys (in tmp, until the next item). */
    void (*event)(void *ctx, const jv *event, const char *raw, size_t raw_len);
    /* A line or batch item that is not an event: its bytes and why. */
    void (*invalid)(void *ctx, const char *raw, size_t raw_len, const char *why);
} batch_sink;

/* Parses line into a and hands each of its events, in order, to sink. */
void batch_split(const char *line, size_t len, jarena *a, jbuf *tmp, const batch_sink *sink, void *ctx);

#endif

/* batch.h — one input line -> its events. A line is a Segment event (a JSON
 * object), or a batch object {"batch": [...], "context": {...},
 * "integrations": {...}} whose context and integrations are merged into each
 * item's (the item's own keys win). What becomes of the events is the sink's
 * business.
 *
 * Memory is per event, not per line: a batch line is checked once without
 * building anything (json_validate), the batch's context and integrations
 * are parsed once into the line's arena, and each item is found by its byte
 * span and parsed alone into the event's arena, which is reset before each
 * event. (A short line is first parsed whole, in one pass: most lines are
 * one event.) The split can stop after any event and go on later (a batch_iter is
 * a position in the line), so a line of any length is handed out an event at
 * a time. */
#ifndef ENCHARGE_BATCH_H
#define ENCHARGE_BATCH_H

#include "lib/json.h"

/* The largest event parsed and mapped: a line that is one event, or one batch
 * item, as written in the input (and the batch's context and integrations,
 * each). A larger one is handed to the sink's invalid() whole, with why. */
#define BATCH_EVENT_MAX ((size_t)4 << 20)

typedef struct {
    /* One event (in the event's arena) and its bytes: the line itself, the
     * batch item as written, or the batch item written out with the merged
     * keys (in tmp, until the next event). */
    void (*event)(void *ctx, const jv *event, const char *raw, size_t raw_len);
    /* A line or batch item that is not an event: its bytes (as written) and
     * why (never empty). */
    void (*invalid)(void *ctx, const char *raw, size_t raw_len, const char *why);
} batch_sink;

/* A line up to this size is parsed whole at once: one pass for a plain event
 * (a batch found in it is then split as any other). */
#define BATCH_PEEK_MAX ((size_t)64 << 10)

typedef struct {
    const char *line;
    size_t len;
    jarena *line_arena;
    int state;             /* what batch_next hands out next */
    jcursor items;         /* a batch: the items still to come */
    size_t index;          /* a batch: items handed out so far */
    jv ctx, integrations;  /* a batch's, when objects (else JV_UNDEF), in the line's arena */
    char why[JSON_ERR_MAX + 96]; /* the line is not an event: why */
} batch_iter;

/* Starts splitting line (which must stay valid and unchanged until the last
 * batch_next): checks it, and parses a batch's context and integrations into
 * line_arena (reset first; it must outlast the split). Nothing is handed out
 * yet. */
void batch_begin(batch_iter *it, const char *line, size_t len, jarena *line_arena);

/* Hands the line's next event — or the next thing that is not one — to sink,
 * parsed into a (reset first). Returns false, handing out nothing, when the
 * line has no more. */
bool batch_next(batch_iter *it, jarena *a, jbuf *tmp, const batch_sink *sink, void *ctx);

/* The whole line at once: batch_begin, then batch_next to the end (the line's
 * arena and the event's are both a). */
void batch_split(const char *line, size_t len, jarena *a, jbuf *tmp, const batch_sink *sink, void *ctx);

#endif

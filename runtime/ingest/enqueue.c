/* enqueue.c — lines -> the queue, with stable ids for events without one. */
#include "ingest/enqueue.h"

#include "lib/clock.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVENT_MEMORY ((size_t)256 << 20)
#define LINE_MEMORY ((size_t)64 << 20)

void enqueue_init(enqueuer *e, queue *q, void (*invalid)(void *, const char *, size_t, const char *), void *ctx)
{
    memset(e, 0, sizeof *e);
    e->q = q;
    e->invalid = invalid;
    e->ctx = ctx;
    jbuf_init(&e->data);
    jbuf_init(&e->tmp);
    jarena_init(&e->a, EVENT_MEMORY);
    jarena_init(&e->line, LINE_MEMORY);
}

void enqueue_free(enqueuer *e)
{
    jbuf_free(&e->data);
    jbuf_free(&e->tmp);
    jarena_free(&e->a);
    jarena_free(&e->line);
    free(e->items);
    free(e->msgs);
    free(e->status);
}

static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)p[i]) * 0x100000001b3ull;
    return h;
}

static int grow(enqueuer *e)
{
    if (e->n < e->cap) return 0;
    size_t cap = e->cap ? e->cap * 2 : ENQUEUE_BATCH;
    enqueue_item *it = realloc(e->items, cap * sizeof *it);
    if (it) e->items = it;
    queue_msg *m = it ? realloc(e->msgs, cap * sizeof *m) : NULL;
    if (m) e->msgs = m;
    uint8_t *st = m ? realloc(e->status, cap) : NULL;
    if (st) e->status = st;
    if (!st) return -1;
    e->cap = cap;
    return 0;
}

int enqueue_flush(enqueuer *e)
{
    if (e->failed) return -1;
    if (!e->n) return 0;
    if (e->data.oom) {
        snprintf(e->err, sizeof e->err, "out of memory holding %zu events for the queue", e->n);
        e->failed = true;
        return -1;
    }
    for (size_t i = 0; i < e->n; i++) {
        const enqueue_item *it = &e->items[i];
        e->msgs[i] = (queue_msg){.data = e->data.p + it->off, .len = it->len, .id = e->data.p + it->id_off,
                                 .id_len = it->id_len};
    }
    if (queue_put(e->q, e->msgs, e->n, clock_wall_ms(), e->status, e->err, sizeof e->err)) {
        e->failed = true;
        return -1;
    }
    for (size_t i = 0; i < e->n; i++) {
        if (e->status[i] == QUEUE_DUPLICATE) e->duplicates++;
        else e->added++;
    }
    e->n = 0;
    jbuf_reset(&e->data);
    return 0;
}

static void on_event(void *ctx, const jv *event, const char *raw, size_t raw_len)
{
    enqueuer *e = ctx;
    size_t item = e->item++;
    if (e->failed) return;
    if (grow(e)) {
        snprintf(e->err, sizeof e->err, "out of memory queueing events");
        e->failed = true;
        return;
    }
    enqueue_item *it = &e->items[e->n];
    it->off = e->data.len;
    it->len = raw_len;
    jbuf_put(&e->data, raw, raw_len);
    it->id_off = e->data.len;
    const jv *mid = jv_getz(event, "messageId");
    if (mid && mid->type == JV_STR && mid->n > 0) {
        jbuf_put(&e->data, mid->u.s, mid->n);
    } else {
        char id[96];
        int k = snprintf(id, sizeof id, "run:%d:%" PRIu64 ":%zu:%016" PRIx64, e->file_no, e->line_no, item,
                         fnv1a(raw, raw_len));
        jbuf_put(&e->data, id, (size_t)k);
    }
    it->id_len = e->data.len - it->id_off;
    e->n++;
    if (e->n >= ENQUEUE_BATCH) enqueue_flush(e);
}

static void on_invalid(void *ctx, const char *raw, size_t raw_len, const char *why)
{
    enqueuer *e = ctx;
    e->item++;
    e->invalid(e->ctx, raw, raw_len, why);
}

static const batch_sink SINK = {on_event, on_invalid};

int enqueue_line(enqueuer *e, const char *line, size_t len, int file_no, uint64_t line_no)
{
    if (e->failed) return -1;
    e->file_no = file_no;
    e->line_no = line_no;
    e->item = 0;
    batch_iter it;
    batch_begin(&it, line, len, &e->line);
    while (!e->failed && batch_next(&it, &e->a, &e->tmp, &SINK, e)) {
    }
    return e->failed ? -1 : 0;
}

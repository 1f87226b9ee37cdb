/* batch.c — a line -> its events: one event, or a batch object's items with
 * the batch's context and integrations merged in, one at a time. */
#include "ingest/batch.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { BI_DONE, BI_INVALID, BI_PEEK, BI_EVENT, BI_ITEMS };

/* outer's members that inner does not have, then inner's (inner wins). */
static int merge_obj(jarena *a, const jv *outer, const jv *inner, jv *out)
{
    if (!inner || inner->type != JV_OBJ) {
        *out = *outer;
        return 0;
    }
    jv o = jv_obj_new(a, (size_t)outer->n + inner->n);
    if (o.type != JV_OBJ) return -1;
    uint32_t k = 0;
    for (uint32_t i = 0; i < outer->n; i++)
        if (!jv_get(inner, outer->u.members[i].key, outer->u.members[i].klen)) o.u.members[k++] = outer->u.members[i];
    for (uint32_t i = 0; i < inner->n; i++) o.u.members[k++] = inner->u.members[i];
    o.n = k;
    *out = o;
    return 0;
}

/* The item with the batch's context and integrations (objects) merged into
 * its own. -1 when out of memory. */
static int merge_item(jarena *a, const jv *item, const jv *bctx, const jv *bint, jv *out)
{
    jv ev = jv_obj_new(a, (size_t)item->n + 2);
    if (ev.type != JV_OBJ) return -1;
    uint32_t k = 0;
    for (uint32_t j = 0; j < item->n; j++) ev.u.members[k++] = item->u.members[j];
    const jv *pairs[2][2] = {{bctx, jv_getz(item, "context")}, {bint, jv_getz(item, "integrations")}};
    const char *names[2] = {"context", "integrations"};
    for (int p = 0; p < 2; p++) {
        if (pairs[p][0]->type != JV_OBJ) continue;
        jv merged;
        if (merge_obj(a, pairs[p][0], pairs[p][1], &merged)) return -1;
        size_t nlen = strlen(names[p]);
        bool replaced = false;
        for (uint32_t j = 0; j < k; j++)
            if (ev.u.members[j].klen == nlen && memcmp(ev.u.members[j].key, names[p], nlen) == 0) {
                ev.u.members[j].val = merged;
                replaced = true;
            }
        if (!replaced) ev.u.members[k++] = (jmember){names[p], (uint32_t)nlen, merged};
    }
    ev.n = k;
    *out = ev;
    return 0;
}

/* The JavaScript phrase for the type of the (valid) value starting with c. */
static const char *phrase_of(char c)
{
    switch (c) {
    case '[': return "an array";
    case '"': return "a string";
    case 't':
    case 'f': return "a boolean";
    case 'n': return "null";
    default: return "a number";
    }
}

static void line_invalid(batch_iter *it, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line_invalid(batch_iter *it, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(it->why, sizeof it->why, fmt, ap);
    va_end(ap);
    it->state = BI_INVALID;
}

/* "WHAT (N bytes) does not fit in ..." into why: the arena a ran out. */
static void no_room(char *why, size_t cap, const char *what, size_t bytes, const jarena *a)
{
    if (a->limit && a->limit % ((size_t)1 << 20) == 0)
        snprintf(why, cap, "%s (%zu bytes) does not fit in the %zu MiB of memory one event may use", what, bytes,
                 a->limit >> 20);
    else if (a->limit)
        snprintf(why, cap, "%s (%zu bytes) does not fit in the %zu bytes of memory one event may use", what, bytes,
                 a->limit);
    else
        snprintf(why, cap, "%s (%zu bytes): out of memory", what, bytes);
}

/* The batch's member at v (context or integrations) into *out when it is an
 * object; false (the line invalid) when it cannot be parsed. */
static bool batch_member(batch_iter *it, jspan v, bool present, const char *name, jarena *la, jv *out)
{
    *out = jv_undef();
    if (!present || it->line[v.off] != '{') return true; /* not merged */
    if (v.len > BATCH_EVENT_MAX) {
        line_invalid(it, "the batch's \"%s\" is %zu bytes, larger than the limit of %zu bytes for one event", name,
                     v.len, BATCH_EVENT_MAX);
        return false;
    }
    jlimits lim = {.max_bytes = BATCH_EVENT_MAX};
    if (json_parse(la, it->line + v.off, v.len, &lim, out, NULL)) {
        char what[40];
        snprintf(what, sizeof what, "the batch's \"%s\"", name);
        no_room(it->why, sizeof it->why, what, v.len, la);
        it->state = BI_INVALID;
        return false;
    }
    return true;
}

/* The line checked without a tree, its batch's members found. */
static void begin_scan(batch_iter *it)
{
    const char *line = it->line;
    size_t len = it->len;
    jarena *line_arena = it->line_arena;
    jerr je;
    if (json_validate(line, len, 0, &je)) {
        snprintf(it->why, sizeof it->why, "%s", je.msg);
        it->state = BI_INVALID;
        return;
    }
    jspan doc = json_value_span(line, len, 0);
    if (line[doc.off] != '{') {
        line_invalid(it, "an event must be a JSON object, not %s", phrase_of(line[doc.off]));
        return;
    }
    /* the last of each name counts, as with JSON.parse */
    jspan k, v, batch = {0}, bctx = {0}, bint = {0};
    bool has_batch = false, has_ctx = false, has_int = false;
    jcursor c = jcursor_at(line, len, doc.off);
    while (jcursor_next(&c, &k, &v)) {
        if (json_key_is(line, k, "batch")) batch = v, has_batch = true;
        else if (json_key_is(line, k, "context")) bctx = v, has_ctx = true;
        else if (json_key_is(line, k, "integrations")) bint = v, has_int = true;
    }
    if (!has_batch) {
        if (len > BATCH_EVENT_MAX)
            line_invalid(it, "an event of %zu bytes is larger than the limit of %zu bytes", len, BATCH_EVENT_MAX);
        else
            it->state = BI_EVENT;
        return;
    }
    if (line[batch.off] != '[') {
        line_invalid(it, "\"batch\" must be an array of events");
        return;
    }
    if (!batch_member(it, bctx, has_ctx, "context", line_arena, &it->ctx) ||
        !batch_member(it, bint, has_int, "integrations", line_arena, &it->integrations))
        return;
    it->items = jcursor_at(line, len, batch.off);
    it->state = BI_ITEMS;
}

void batch_begin(batch_iter *it, const char *line, size_t len, jarena *line_arena)
{
    *it = (batch_iter){.line = line, .len = len, .line_arena = line_arena, .state = BI_DONE};
    jarena_reset(line_arena);
    if (len <= BATCH_PEEK_MAX) it->state = BI_PEEK;
    else begin_scan(it);
}

/* A short line parsed whole: an event, not one, or a batch (split by span
 * after all, so that each item has the event's memory to itself). */
static bool peek(batch_iter *it, jarena *a, jbuf *tmp, const batch_sink *sink, void *ctx)
{
    jarena_reset(a);
    jv doc;
    it->state = BI_DONE;
    if (json_parse(a, it->line, it->len, NULL, &doc, NULL) || (doc.type == JV_OBJ && jv_getz(&doc, "batch"))) {
        /* not JSON (begin_scan says why) or out of memory, or a batch */
        begin_scan(it);
        return batch_next(it, a, tmp, sink, ctx);
    }
    if (doc.type != JV_OBJ) {
        snprintf(it->why, sizeof it->why, "an event must be a JSON object, not %s", jv_type_phrase(&doc));
        sink->invalid(ctx, it->line, it->len, it->why);
        return true;
    }
    sink->event(ctx, &doc, it->line, it->len);
    return true;
}

/* The next batch item to sink. */
static bool next_item(batch_iter *it, jarena *a, jbuf *tmp, const batch_sink *sink, void *ctx)
{
    jspan v;
    if (!jcursor_next(&it->items, NULL, &v)) {
        it->state = BI_DONE;
        return false;
    }
    size_t i = it->index++;
    const char *raw = it->line + v.off;
    char why[200];
    if (raw[0] != '{') {
        sink->invalid(ctx, raw, v.len, "a batch item must be a JSON object");
        return true;
    }
    if (v.len > BATCH_EVENT_MAX) {
        snprintf(why, sizeof why, "batch[%zu] is %zu bytes, larger than the limit of %zu bytes for one event", i,
                 v.len, BATCH_EVENT_MAX);
        sink->invalid(ctx, raw, v.len, why);
        return true;
    }
    jarena_reset(a);
    jv item, ev;
    jlimits lim = {.max_bytes = BATCH_EVENT_MAX};
    bool merge = it->ctx.type == JV_OBJ || it->integrations.type == JV_OBJ;
    /* the text is valid JSON: what fails here is memory */
    if (json_parse(a, raw, v.len, &lim, &item, NULL) || (merge && merge_item(a, &item, &it->ctx, &it->integrations, &ev))) {
        char what[40];
        snprintf(what, sizeof what, "batch[%zu]", i);
        no_room(why, sizeof why, what, v.len, a);
        sink->invalid(ctx, raw, v.len, why);
        return true;
    }
    if (!merge) {
        sink->event(ctx, &item, raw, v.len);
        return true;
    }
    jbuf_reset(tmp);
    json_write(tmp, &ev);
    if (tmp->oom) {
        snprintf(why, sizeof why, "batch[%zu] (%zu bytes): out of memory writing it with the batch's context", i, v.len);
        sink->invalid(ctx, raw, v.len, why);
        return true;
    }
    sink->event(ctx, &ev, tmp->p, tmp->len);
    return true;
}

bool batch_next(batch_iter *it, jarena *a, jbuf *tmp, const batch_sink *sink, void *ctx)
{
    switch (it->state) {
    case BI_INVALID:
        it->state = BI_DONE;
        sink->invalid(ctx, it->line, it->len, it->why);
        return true;
    case BI_PEEK: return peek(it, a, tmp, sink, ctx);
    case BI_EVENT: {
        it->state = BI_DONE;
        jarena_reset(a);
        jv doc;
        jlimits lim = {.max_bytes = BATCH_EVENT_MAX};
        if (json_parse(a, it->line, it->len, &lim, &doc, NULL)) {
            no_room(it->why, sizeof it->why, "the event", it->len, a);
            sink->invalid(ctx, it->line, it->len, it->why);
        } else {
            sink->event(ctx, &doc, it->line, it->len);
        }
        return true;
    }
    case BI_ITEMS: return next_item(it, a, tmp, sink, ctx);
    default: return false;
    }
}

void batch_split(const char *line, size_t len, jarena *a, jbuf *tmp, const batch_sink *sink, void *ctx)
{
    jarena la;
    jarena_init(&la, a->limit);
    batch_iter it;
    batch_begin(&it, line, len, &la);
    while (batch_next(&it, a, tmp, sink, ctx)) {
    }
    jarena_free(&la);
}

/* batch.c — a line -> its events: one event, or a batch object's items with
 * the batch's context and integrations merged in. */
#include "ingest/batch.h"

#include <stdio.h>
#include <string.h>

/* outer's members that inner does not have, then inner's (inner wins). */
static jv merge_obj(jarena *a, const jv *outer, const jv *inner)
{
    if (!inner || inner->type != JV_OBJ) return *outer;
    jv o = jv_obj_new(a, (size_t)outer->n + inner->n);
    uint32_t k = 0;
    for (uint32_t i = 0; i < outer->n; i++)
        if (!jv_get(inner, outer->u.members[i].key, outer->u.members[i].klen)) o.u.members[k++] = outer->u.members[i];
    for (uint32_t i = 0; i < inner->n; i++) o.u.members[k++] = inner->u.members[i];
    o.n = k;
    return o;
}

/* The item with the batch's context and integrations (objects) merged into
 * its own. */
static jv merge_item(jarena *a, const jv *item, const jv *bctx, const jv *bint)
{
    jv ev = jv_obj_new(a, item->n + 2);
    uint32_t k = 0;
    for (uint32_t j = 0; j < item->n; j++) ev.u.members[k++] = item->u.members[j];
    const jv *pairs[2][2] = {{bctx, jv_getz(item, "context")}, {bint, jv_getz(item, "integrations")}};
    const char *names[2] = {"context", "integrations"};
    for (int p = 0; p < 2; p++) {
        if (!pairs[p][0] || pairs[p][0]->type != JV_OBJ) continue;
        jv merged = merge_obj(a, pairs[p][0], pairs[p][1]);
        bool replaced = false;
        for (uint32_t j = 0; j < k; j++)
            if (ev.u.members[j].klen == strlen(names[p]) &&
                memcmp(ev.u.members[j].key, names[p], strlen(names[p])) == 0) {
                ev.u.members[j].val = merged;
                replaced = true;
            }
        if (!replaced) ev.u.members[k++] = (jmember){names[p], (uint32_t)strlen(names[p]), merged};
    }
    ev.n = k;
    return ev;
}

static void split_batch(const jv *doc, const jv *batch, jarena *a, jbuf *tmp, const batch_sink *sink, void *ctx)
{
    const jv *bctx = jv_getz(doc, "context"), *bint = jv_getz(doc, "integrations");
    bool merge = (bctx && bctx->type == JV_OBJ) || (bint && bint->type == JV_OBJ);
    for (uint32_t i = 0; i < batch->n; i++) {
        const jv *item = &batch->u.items[i];
        jbuf_reset(tmp);
        if (item->type != JV_OBJ) {
            json_write(tmp, item);
            sink->invalid(ctx, tmp->p, tmp->len, "a batch item must be a JSON object");
            continue;
        }
        jv ev = merge ? merge_item(a, item, bctx, bint) : *item;
        json_write(tmp, &ev);
        sink->event(ctx, &ev, tmp->p, tmp->len);
    }
}

void batch_split(const char *line, size_t len, jarena *a, jbuf *tmp, const batch_sink *sink, void *ctx)
{
    jv doc;
    jerr je;
    if (json_parse(a, line, len, NULL, &doc, &je)) {
        sink->invalid(ctx, line, len, je.msg);
        return;
    }
    const jv *batch = doc.type == JV_OBJ ? jv_getz(&doc, "batch") : NULL;
    if (!batch) {
        if (doc.type != JV_OBJ) {
            char msg[80];
            snprintf(msg, sizeof msg, "an event must be a JSON object, not %s", jv_type_phrase(&doc));
            sink->invalid(ctx, line, len, msg);
            return;
        }
        sink->event(ctx, &doc, line, len);
        return;
    }
    if (batch->type != JV_ARR) {
        sink->invalid(ctx, line, len, "\"batch\" must be an array of events");
        return;
    }
    split_batch(&doc, batch, a, tmp, sink, ctx);
}

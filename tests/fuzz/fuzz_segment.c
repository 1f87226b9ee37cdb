/* libFuzzer target: segment_parse on any request. The first two bytes choose
 * the path, the encoding (plain; the rest gzipped first; the raw rest named
 * gzip), the credentials and the limits (the defaults or small ones); the
 * rest is the body. Invariants: the status is one of the contract's, with a
 * code exactly when refused; an accepted event is a JSON object whose
 * messageId (a string) is at id_off/id_len, without writeKey, with
 * receivedAt and timestamp, the events back to back; an invalid item's bytes
 * are the body's (plain bodies) and it has a code and a message; the answer
 * is JSON that parses (so every message is valid UTF-8). r and the arena are reused from run to run. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "ingest/segment.h"

static const char *const PATHS[] = {
    "/v1/batch", "/v1/track", "/v1/identify", "/v1/page", "/v1/screen", "/v1/group", "/v1/alias", "/v1/import",
    "/v1/b",     "/v1/t",     "/v1/i",        "/v1/p",    "/v1/batch/", "/v1/nope",  "/v1/",      "/v1/t/",
};
static const char *const AUTH[] = {NULL, "Basic YWJjMTIzOg==", "Basic eHl6Og==", "Basic %%", "Bearer abc123", "basic YWJjMTIz"};

static void fuzz_id(void *ctx, char out[64])
{
    unsigned *n = ctx;
    snprintf(out, 64, "fz-%u", ++*n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static segment_result r;
    static jarena a, check;
    static jbuf gz, ans;
    static int init;
    if (!init) {
        segment_result_init(&r);
        jarena_init(&a, 64u << 20);
        jarena_init(&check, 0);
        jbuf_init(&gz);
        jbuf_init(&ans);
        init = 1;
    }
    if (size < 2) return 0;
    uint8_t b0 = data[0], b1 = data[1];
    const char *body = (const char *)data + 2;
    size_t len = size - 2;
    static const char *const keys[] = {"abc123"};
    unsigned ids = 0;
    segment_request rq = {
        .path = PATHS[b0 & 15],
        .authorization = AUTH[(b1 & 7) % 6],
        .now_ms = 1796143200000LL + (b1 >> 5) * 123456789LL,
        .new_id = (b1 & 16) ? NULL : fuzz_id,
        .id_ctx = &ids,
    };
    if (b1 & 8) rq.write_keys = keys, rq.nkeys = 1;
    segment_limits lim;
    segment_limits_default(&lim);
    if (b0 & 64) lim.event_max = 64, lim.body_max = 2048, lim.batch_events_max = 3;
    bool plain = true;
    switch ((b0 >> 4) & 3) {
    case 1: /* the rest gzipped */
        if (len) {
            uLongf n = compressBound((uLong)len) + 32;
            if (gz.cap < n) {
                gz.p = realloc(gz.p, n);
                gz.cap = n;
            }
            z_stream z;
            memset(&z, 0, sizeof z);
            if (deflateInit2(&z, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) abort();
            z.next_in = (Bytef *)(uintptr_t)body;
            z.avail_in = (uInt)len;
            z.next_out = (Bytef *)gz.p;
            z.avail_out = (uInt)gz.cap;
            if (deflate(&z, Z_FINISH) != Z_STREAM_END) abort();
            gz.len = z.total_out;
            deflateEnd(&z);
            rq.body = gz.p;
            rq.len = gz.len;
        }
        rq.content_encoding = "gzip";
        break;
    case 2: /* the raw rest named gzip */
        rq.content_encoding = "gzip";
        plain = false;
        break;
    case 3: rq.content_encoding = (b0 & 128) ? "br" : "identity"; break;
    default: break;
    }
    if (!rq.body) rq.body = body, rq.len = len;

    int rc = segment_parse(&rq, &lim, &a, &r);
    int s = r.status;
    if (s != 200 && s != 400 && s != 401 && s != 404 && s != 413 && s != 415) abort();
    if ((rc == 0) != (s == 200) || (s == 200) != (r.code == NULL)) abort();
    if (s != 200 && (!r.message[0] || r.nev || r.ninvalid)) abort();
    jarena_reset(&check);
    size_t at = 0;
    for (size_t i = 0; i < r.nev; i++) {
        const segment_event *e = &r.ev[i];
        if (e->off != at || e->off + e->len > r.events.len) abort();
        at += e->len;
        jv v;
        if (json_parse(&check, r.events.p + e->off, e->len, NULL, &v, NULL) || v.type != JV_OBJ) abort();
        const jv *id = jv_getz(&v, "messageId");
        if (!id || id->type != JV_STR || id->n == 0 || id->n != e->id_len ||
            memcmp(id->u.s, r.events.p + e->id_off, id->n) != 0)
            abort();
        if (jv_getz(&v, "writeKey") || !jv_is(jv_getz(&v, "receivedAt"), JV_STR) || !jv_getz(&v, "timestamp")) abort();
        if (r.kind != SEG_BATCH) {
            const jv *t = jv_getz(&v, "type");
            if (!jv_is(t, JV_STR) || strlen(segment_kind_name(r.kind)) != t->n ||
                memcmp(t->u.s, segment_kind_name(r.kind), t->n))
                abort();
        }
    }
    if (at != r.events.len) abort();
    for (size_t i = 0; i < r.ninvalid; i++) {
        const segment_invalid *iv = &r.invalid[i];
        if (!iv->code || !iv->message[0] || iv->off + iv->len > r.raw.len) abort();
        if (plain && rq.content_encoding == NULL && !memmem(body, len, r.raw.p + iv->off, iv->len)) abort();
        if (i && iv->index <= r.invalid[i - 1].index) abort();
    }
    jbuf_reset(&ans);
    segment_answer(&r, &ans);
    jv v;
    if (json_parse(&check, ans.p, ans.len, NULL, &v, NULL) || v.type != JV_OBJ) abort();
    return 0;
}

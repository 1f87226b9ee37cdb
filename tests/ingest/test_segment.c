/* Unit tests: one Segment tracking-API request -> its events (ingest/segment.h).
 *
 * The table tests/ingest/data/segment/cases.ndjson (written by gen_cases.py
 * there) holds realistic bodies of @segment/analytics-node, RudderStack's node
 * SDK and analytics.js, every path, refusal, auth form, batch item problem and
 * timestamp rule; each row's events are compared as JSON and its answer
 * parsed back. Here in C: what a table cannot hold (bytes that are not UTF-8,
 * gzip streams good, corrupt and bombs, sizes at and over the limits, the
 * messageId's bytes, exact number text, memory reuse, speed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "ingest/segment.h"
#include "support/rows.h"

#define CASES "tests/ingest/data/segment/cases.ndjson"
/* 2026-12-01T16:40:00.000Z */
#define NOW_MS 1796143200000LL

static int id_counter;
static void test_id(void *ctx, char out[64])
{
    (void)ctx;
    snprintf(out, 64, "srv-id-%d", ++id_counter);
}

typedef struct {
    segment_result r;
    jarena a;
    segment_limits lim;
    jarena check; /* for parsing what came out */
} fixture;

static int setup(void **st)
{
    fixture *f = calloc(1, sizeof *f);
    segment_result_init(&f->r);
    jarena_init(&f->a, (size_t)64 << 20);
    jarena_init(&f->check, 0);
    segment_limits_default(&f->lim);
    *st = f;
    return 0;
}

static int teardown(void **st)
{
    fixture *f = *st;
    segment_result_free(&f->r);
    jarena_free(&f->a);
    jarena_free(&f->check);
    free(f);
    return 0;
}

static segment_request req(const char *path, const char *body, size_t len)
{
    segment_request rq = {.path = path, .body = body, .len = len, .now_ms = NOW_MS, .new_id = test_id};
    return rq;
}

static int parse(fixture *f, const segment_request *rq)
{
    id_counter = 0;
    int rc = segment_parse(rq, &f->lim, &f->a, &f->r);
    assert_int_equal(rc == 0, f->r.status == 200);
    return f->r.status;
}

/* gzip of s[0..n) into out (jbuf). */
static void gzip_into(jbuf *out, const void *s, size_t n, int level)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, level, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)n) + 64;
    jbuf_reset(out);
    char *p = malloc(cap);
    z.next_in = (Bytef *)(uintptr_t)s;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)p;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    jbuf_put(out, p, z.total_out);
    deflateEnd(&z);
    free(p);
}

/* Every event of r: an object that parses, whose messageId is at id_off. */
static void check_events(fixture *f)
{
    for (size_t i = 0; i < f->r.nev; i++) {
        const segment_event *e = &f->r.ev[i];
        jv v;
        jerr je;
        assert_int_equal(json_parse(&f->check, f->r.events.p + e->off, e->len, NULL, &v, &je), 0);
        assert_int_equal(v.type, JV_OBJ);
        const jv *id = jv_getz(&v, "messageId");
        assert_non_null(id);
        assert_int_equal(id->type, JV_STR);
        assert_int_equal(id->n, e->id_len);
        assert_memory_equal(id->u.s, f->r.events.p + e->id_off, e->id_len);
        assert_true(e->id_off > e->off && e->id_off + e->id_len < e->off + e->len);
        assert_null(jv_getz(&v, "writeKey"));
        assert_non_null(jv_getz(&v, "receivedAt"));
        assert_non_null(jv_getz(&v, "timestamp"));
    }
}

/* The answer parsed back: success, code, invalid entries. */
static void check_answer(fixture *f)
{
    jbuf b;
    jbuf_init(&b);
    segment_answer(&f->r, &b);
    jv v;
    jerr je;
    assert_int_equal(json_parse(&f->check, b.p, b.len, NULL, &v, &je), 0);
    const jv *ok = jv_getz(&v, "success");
    assert_non_null(ok);
    assert_int_equal(ok->type, JV_BOOL);
    assert_int_equal(ok->b, f->r.status == 200);
    if (f->r.status != 200) {
        const jv *code = jv_getz(&v, "code"), *msg = jv_getz(&v, "message");
        assert_true(jv_is(code, JV_STR) && jv_is(msg, JV_STR));
        assert_int_equal(code->n, strlen(f->r.code));
        assert_memory_equal(code->u.s, f->r.code, code->n);
        assert_int_equal(msg->n, strlen(f->r.message));
        assert_null(jv_getz(&v, "invalid"));
    } else if (f->r.ninvalid) {
        const jv *inv = jv_getz(&v, "invalid");
        assert_true(jv_is(inv, JV_ARR));
        assert_int_equal(inv->n, f->r.ninvalid);
        for (size_t i = 0; i < f->r.ninvalid; i++) {
            int64_t idx;
            assert_true(jv_num_int64(jv_getz(&inv->u.items[i], "index"), &idx));
            assert_int_equal(idx, f->r.invalid[i].index);
            const jv *code = jv_getz(&inv->u.items[i], "code");
            assert_true(jv_is(code, JV_STR));
            assert_memory_equal(code->u.s, f->r.invalid[i].code, code->n);
            assert_true(jv_is(jv_getz(&inv->u.items[i], "message"), JV_STR));
        }
        assert_null(jv_getz(&v, "code"));
    } else {
        assert_int_equal(v.n, 1);
    }
    jbuf_free(&b);
}

static bool has_sub(const char *s, const jv *sub)
{
    char want[512];
    snprintf(want, sizeof want, "%.*s", (int)sub->n, sub->u.s);
    return strstr(s, want) != NULL;
}

static void test_table(void **st)
{
    fixture *f = *st;
    rows t;
    rows_load(&t, CASES);
    jbuf gz;
    jbuf_init(&gz);
    for (size_t i = 0; i < t.n; i++) {
        jarena_reset(&f->check);
        const char *name = rows_str(&t, i, "name");
        const jv *body = rows_get(&t, i, "body", JV_STR);
        segment_request rq = req(rows_str(&t, i, "path"), body->u.s, body->n);
        const jv *g = jv_getz(&t.row[i], "gzip");
        if (g && g->b) {
            gzip_into(&gz, body->u.s, body->n, 6);
            rq.body = gz.p;
            rq.len = gz.len;
            rq.content_encoding = "gzip";
        }
        if (jv_getz(&t.row[i], "enc")) rq.content_encoding = rows_str(&t, i, "enc");
        if (jv_getz(&t.row[i], "auth")) rq.authorization = rows_str(&t, i, "auth");
        const char *keys[4];
        const jv *kv = jv_getz(&t.row[i], "keys");
        if (kv) {
            for (uint32_t k = 0; k < kv->n && k < 4; k++) keys[k] = jarena_strdup(&t.arena, kv->u.items[k].u.s, kv->u.items[k].n);
            rq.write_keys = keys;
            rq.nkeys = kv->n;
        }
        int64_t want;
        assert_true(jv_num_int64(rows_get(&t, i, "status", JV_NUM), &want));
        int got = parse(f, &rq);
        if (got != want)
            fail_msg("%s (line %zu): status %d, not %lld: %s %s", name, t.line[i], got, (long long)want,
                     f->r.code ? f->r.code : "", f->r.message);
        if (jv_getz(&t.row[i], "code")) {
            const char *code = rows_str(&t, i, "code");
            if (!f->r.code || strcmp(code, f->r.code) != 0)
                fail_msg("%s: code %s, not %s (%s)", name, f->r.code ? f->r.code : "NULL", code, f->r.message);
        }
        if (want == 200) assert_null(f->r.code);
        else assert_true(f->r.message[0] && f->r.nev == 0 && f->r.ninvalid == 0);
        const jv *msg = jv_getz(&t.row[i], "message");
        if (msg && !has_sub(f->r.message, msg)) fail_msg("%s: message \"%s\" lacks \"%.*s\"", name, f->r.message, (int)msg->n, msg->u.s);
        /* no message holds a key */
        for (size_t k = 0; k < rq.nkeys; k++) {
            assert_null(strstr(f->r.message, keys[k]));
            for (size_t j = 0; j < f->r.ninvalid; j++) assert_null(strstr(f->r.invalid[j].message, keys[k]));
        }
        const jv *kg = jv_getz(&t.row[i], "key_given");
        if (kg && kg->b != f->r.key_given) fail_msg("%s: key_given %d", name, f->r.key_given);
        const jv *evs = jv_getz(&t.row[i], "events");
        if (evs) {
            if (evs->n != f->r.nev) fail_msg("%s: %zu events, not %u", name, f->r.nev, evs->n);
            for (size_t e = 0; e < f->r.nev; e++) {
                jv v;
                jerr je;
                assert_int_equal(json_parse(&f->check, f->r.events.p + f->r.ev[e].off, f->r.ev[e].len, NULL, &v, &je), 0);
                if (!jv_equal(&v, &evs->u.items[e])) {
                    jbuf w;
                    jbuf_init(&w);
                    json_write(&w, &evs->u.items[e]);
                    fail_msg("%s: event %zu is\n  %.*s\nnot\n  %s", name, e, (int)f->r.ev[e].len, f->r.events.p + f->r.ev[e].off,
                             jbuf_cstr(&w));
                }
            }
        }
        const jv *inv = jv_getz(&t.row[i], "invalid");
        if (inv || want == 200) {
            uint32_t n = inv ? inv->n : 0;
            if (n != f->r.ninvalid)
                fail_msg("%s: %zu invalid, not %u (first: %s)", name, f->r.ninvalid, n,
                         f->r.ninvalid ? f->r.invalid[0].message : "");
            for (uint32_t j = 0; j < n; j++) {
                const jv *x = &inv->u.items[j];
                const segment_invalid *iv = &f->r.invalid[j];
                int64_t idx;
                assert_true(jv_num_int64(jv_getz(x, "index"), &idx));
                assert_int_equal(iv->index, idx);
                const jv *code = jv_getz(x, "code"), *raw = jv_getz(x, "raw"), *m = jv_getz(x, "message");
                if (code->n != strlen(iv->code) || memcmp(code->u.s, iv->code, code->n))
                    fail_msg("%s: invalid %u: code %s (%s)", name, j, iv->code, iv->message);
                assert_int_equal(iv->len, raw->n);
                assert_memory_equal(f->r.raw.p + iv->off, raw->u.s, raw->n);
                if (m && !has_sub(iv->message, m)) fail_msg("%s: invalid message \"%s\"", name, iv->message);
            }
        }
        check_events(f);
        check_answer(f);
    }
    jbuf_free(&gz);
    rows_free(&t);
}

static void test_paths(void **st)
{
    (void)st;
    assert_int_equal(segment_path_kind("/v1/track"), SEG_TRACK);
    assert_int_equal(segment_path_kind("/v1/t/"), SEG_TRACK);
    assert_int_equal(segment_path_kind("/v1/import"), SEG_BATCH);
    assert_int_equal(segment_path_kind("/v1/b?x=1"), SEG_BATCH);
    assert_int_equal(segment_path_kind("/v1/a"), SEG_ALIAS);
    assert_int_equal(segment_path_kind(NULL), SEG_NONE);
    assert_int_equal(segment_path_kind("/v1/"), SEG_NONE);
    assert_int_equal(segment_path_kind("/v1/track/x"), SEG_NONE);
    assert_string_equal(segment_kind_name(SEG_SCREEN), "screen");
    assert_string_equal(segment_kind_name(SEG_BATCH), "batch");
    assert_string_equal(segment_kind_name(SEG_NONE), "other");
    segment_limits l;
    segment_limits_default(&l);
    assert_int_equal(l.event_max, 32000);
    assert_int_equal(l.body_max, 500000);
    assert_int_equal(l.batch_events_max, 2500);
}

static void test_utf8(void **st)
{
    fixture *f = *st;
    const char *bodies[] = {
        "{\"userId\":\"\xff\",\"event\":\"E\"}",
        "{\"userId\":\"u\",\"event\":\"E\",\"\xc3\x28\":1}",
        "{\"userId\":\"u\",\"event\":\"\xed\xa0\x80\"}", /* a surrogate as UTF-8 bytes */
        "{\"userId\":\"u\",\"event\":\"\xe2\x82\"}",     /* cut short */
        "{\"userId\":\"u\"\xa0,\"event\":\"E\"}",
    };
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        segment_request rq = req("/v1/track", bodies[i], strlen(bodies[i]));
        assert_int_equal(parse(f, &rq), 400);
        assert_string_equal(f->r.code, "invalid_json");
        char b[300];
        snprintf(b, sizeof b, "{\"batch\":[%s]}", bodies[i]);
        rq = req("/v1/batch", b, strlen(b));
        assert_int_equal(parse(f, &rq), 400);
        assert_string_equal(f->r.code, "invalid_json");
        check_answer(f);
    }
    /* a NUL byte inside a string */
    static const char nul[] = "{\"userId\":\"u\0\",\"event\":\"E\"}";
    segment_request rq = req("/v1/track", nul, sizeof nul - 1);
    assert_int_equal(parse(f, &rq), 400);
    assert_non_null(strstr(f->r.message, "control character"));
    /* a lone surrogate escaped is kept escaped: the event is valid UTF-8 */
    const char *lone = "{\"userId\":\"u\",\"event\":\"a\\ud800b\",\"messageId\":\"m\",\"timestamp\":\"t\"}";
    rq = req("/v1/track", lone, strlen(lone));
    assert_int_equal(parse(f, &rq), 200);
    assert_non_null(memmem(f->r.events.p, f->r.events.len, "\"a\\ud800b\"", 10));
    /* but not in a messageId */
    lone = "{\"userId\":\"u\",\"event\":\"E\",\"messageId\":\"a\\ud800\"}";
    rq = req("/v1/track", lone, strlen(lone));
    assert_int_equal(parse(f, &rq), 400);
    assert_non_null(strstr(f->r.message, "bad_message_id"));
    /* json_parse's message quotes a byte of the body (an escape "\\\x95"):
     * the message stays valid UTF-8, so the answer is JSON */
    static const char esc[] = "{\"batch\":[1],\"b\\\x95\":1}";
    rq = req("/v1/batch", esc, sizeof esc - 1);
    assert_int_equal(parse(f, &rq), 400);
    assert_string_equal(f->r.message, "body is not JSON: invalid JSON at byte 15: invalid escape '\\?'");
    check_answer(f);
    /* an empty body, and none */
    rq = req("/v1/track", "", 0);
    assert_int_equal(parse(f, &rq), 400);
    rq = req("/v1/batch", NULL, 0);
    assert_int_equal(parse(f, &rq), 400);
    assert_string_equal(f->r.code, "invalid_json");
}

static const char ONE[] = "{\"batch\":[{\"type\":\"track\",\"event\":\"E\",\"userId\":\"u\"}]}";

static void test_gzip(void **st)
{
    fixture *f = *st;
    jbuf gz;
    jbuf_init(&gz);
    gzip_into(&gz, ONE, sizeof ONE - 1, 9);
    segment_request rq = req("/v1/batch", gz.p, gz.len);
    rq.content_encoding = "gzip";
    assert_int_equal(parse(f, &rq), 200);
    assert_int_equal(f->r.nev, 1);
    check_events(f);
    /* x-gzip, and zlib's own format too (32 + MAX_WBITS reads both) */
    rq.content_encoding = "x-gzip";
    assert_int_equal(parse(f, &rq), 200);
    {
        unsigned char zb[256];
        uLongf zn = sizeof zb;
        assert_int_equal(compress(zb, &zn, (const Bytef *)ONE, sizeof ONE - 1), Z_OK);
        segment_request zr = req("/v1/batch", (const char *)zb, zn);
        zr.content_encoding = "gzip";
        assert_int_equal(parse(f, &zr), 200);
    }
    /* two gzip members back to back, as gunzip reads them */
    {
        const char *a = "{\"batch\":[{\"type\":\"track\",", *b = "\"event\":\"E\",\"userId\":\"u\"}]}";
        jbuf g1, g2;
        jbuf_init(&g1);
        jbuf_init(&g2);
        gzip_into(&g1, a, strlen(a), 6);
        gzip_into(&g2, b, strlen(b), 6);
        jbuf_put(&g1, g2.p, g2.len);
        segment_request mr = req("/v1/batch", g1.p, g1.len);
        mr.content_encoding = "gzip";
        assert_int_equal(parse(f, &mr), 200);
        assert_int_equal(f->r.nev, 1);
        /* then garbage */
        jbuf_put(&g1, "xyz", 3);
        mr = req("/v1/batch", g1.p, g1.len);
        mr.content_encoding = "gzip";
        assert_int_equal(parse(f, &mr), 400);
        assert_string_equal(f->r.code, "invalid_gzip");
        assert_non_null(strstr(f->r.message, "3 bytes of data after the end"));
        jbuf_free(&g1);
        jbuf_free(&g2);
    }
    /* truncated */
    rq = req("/v1/batch", gz.p, gz.len - 6);
    rq.content_encoding = "gzip";
    assert_int_equal(parse(f, &rq), 400);
    assert_string_equal(f->r.code, "invalid_gzip");
    assert_non_null(strstr(f->r.message, "truncated"));
    /* corrupt: the deflate data changed, then the CRC */
    char *bad = malloc(gz.len);
    memcpy(bad, gz.p, gz.len);
    bad[12] ^= 0x55;
    bad[13] ^= 0xff;
    rq = req("/v1/batch", bad, gz.len);
    rq.content_encoding = "gzip";
    assert_int_equal(parse(f, &rq), 400);
    assert_string_equal(f->r.code, "invalid_gzip");
    check_answer(f);
    memcpy(bad, gz.p, gz.len);
    bad[gz.len - 6] ^= 1; /* the CRC-32 */
    rq = req("/v1/batch", bad, gz.len);
    rq.content_encoding = "gzip";
    assert_int_equal(parse(f, &rq), 400);
    assert_string_equal(f->r.code, "invalid_gzip");
    free(bad);
    /* empty gzip body */
    rq = req("/v1/batch", "", 0);
    rq.content_encoding = "gzip";
    assert_int_equal(parse(f, &rq), 400);
    assert_string_equal(f->r.code, "invalid_gzip");
    /* gzip of bytes that are not JSON */
    gzip_into(&gz, "\xff\xfe", 2, 6);
    rq = req("/v1/batch", gz.p, gz.len);
    rq.content_encoding = "gzip";
    assert_int_equal(parse(f, &rq), 400);
    assert_string_equal(f->r.code, "invalid_json");
    jbuf_free(&gz);
}

static void test_gzip_bomb(void **st)
{
    fixture *f = *st;
    /* 50 MB of zeros -> ~50 KB of gzip: refused after body_max, memory bounded */
    size_t n = (size_t)50 << 20;
    char *zeros = calloc(1, n);
    jbuf gz;
    jbuf_init(&gz);
    gzip_into(&gz, zeros, n, 9);
    free(zeros);
    assert_true(gz.len < 100000);
    segment_request rq = req("/v1/batch", gz.p, gz.len);
    rq.content_encoding = "gzip";
    clock_t t0 = clock();
    assert_int_equal(parse(f, &rq), 413);
    double ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC;
    assert_string_equal(f->r.code, "too_large");
    assert_non_null(strstr(f->r.message, "500,000"));
    assert_true(f->r.inflated.cap <= f->lim.body_max + 1);
    assert_true(ms < 500);
    /* at the limit exactly: inflated whole (then not JSON: zeros) */
    size_t m = f->lim.body_max;
    zeros = calloc(1, m);
    gzip_into(&gz, zeros, m, 9);
    free(zeros);
    rq = req("/v1/batch", gz.p, gz.len);
    rq.content_encoding = "gzip";
    assert_int_equal(parse(f, &rq), 400);
    assert_string_equal(f->r.code, "invalid_json");
    jbuf_free(&gz);
}

/* A batch of n items, each item `pad` bytes of properties. */
static void make_batch(jbuf *b, size_t n, size_t pad)
{
    jbuf_reset(b);
    jbuf_puts(b, "{\"batch\":[");
    for (size_t i = 0; i < n; i++) {
        jbuf_printf(b, "%s{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"user-%zu\","
                       "\"messageId\":\"node-next-%zu-8c7ef2b1\",\"timestamp\":\"2026-12-01T16:39:58.120Z\","
                       "\"properties\":{\"revenue\":19.99,\"n\":%zu,\"pad\":\"",
                    i ? "," : "", i, i, i);
        for (size_t k = 0; k < pad; k++) jbuf_putc(b, 'x');
        jbuf_puts(b, "\"},\"context\":{\"library\":{\"name\":\"@segment/analytics-node\",\"version\":\"2.1.0\"}}}");
    }
    jbuf_puts(b, "],\"sentAt\":\"2026-12-01T16:39:59.500Z\"}");
    assert_false(b->oom);
}

static void test_limits(void **st)
{
    fixture *f = *st;
    jbuf b;
    jbuf_init(&b);
    /* more items than batch_events_max: 413; exactly: fine */
    f->lim.batch_events_max = 3;
    make_batch(&b, 4, 1);
    segment_request rq = req("/v1/batch", b.p, b.len);
    assert_int_equal(parse(f, &rq), 413);
    assert_string_equal(f->r.code, "too_large");
    assert_non_null(strstr(f->r.message, "the batch has 4 events, over the limit of 3"));
    check_answer(f);
    make_batch(&b, 3, 1);
    rq = req("/v1/batch", b.p, b.len);
    assert_int_equal(parse(f, &rq), 200);
    assert_int_equal(f->r.nev, 3);
    segment_limits_default(&f->lim);
    make_batch(&b, 2501, 1);
    rq = req("/v1/batch", b.p, b.len);
    f->lim.body_max = 10u << 20;
    assert_int_equal(parse(f, &rq), 413);
    assert_non_null(strstr(f->r.message, "2,501 events, over the limit of 2,500"));
    segment_limits_default(&f->lim);

    /* an item over event_max is an invalid item, its bytes kept */
    jbuf_reset(&b);
    jbuf_puts(&b, "{\"batch\":[{\"type\":\"track\",\"event\":\"E\",\"userId\":\"u\",\"p\":\"");
    size_t item_start = 10;
    for (int i = 0; i < 32000; i++) jbuf_putc(&b, 'y');
    jbuf_puts(&b, "\"},{\"type\":\"identify\",\"userId\":\"u\"}]}");
    size_t item_len = (size_t)(strstr(b.p + item_start, "\"},") - (b.p + item_start)) + 2;
    rq = req("/v1/batch", b.p, b.len);
    assert_int_equal(parse(f, &rq), 200);
    assert_int_equal(f->r.nev, 1);
    assert_int_equal(f->r.ninvalid, 1);
    assert_string_equal(f->r.invalid[0].code, "too_large");
    assert_int_equal(f->r.invalid[0].index, 0);
    assert_int_equal(f->r.invalid[0].len, item_len);
    assert_memory_equal(f->r.raw.p + f->r.invalid[0].off, b.p + item_start, item_len);
    char want_msg[120];
    snprintf(want_msg, sizeof want_msg, "batch item 0: 32,%03zu bytes, over the 32,000-byte limit of one event",
             item_len - 32000);
    assert_string_equal(f->r.invalid[0].message, want_msg);
    check_answer(f);

    /* a single event over event_max: 413; at it: fine */
    jbuf_reset(&b);
    jbuf_puts(&b, "{\"userId\":\"u\",\"event\":\"E\",\"p\":\"");
    while (b.len < 32000 - 2) jbuf_putc(&b, 'z');
    jbuf_puts(&b, "\"}");
    rq = req("/v1/track", b.p, b.len);
    assert_int_equal(parse(f, &rq), 200);
    jbuf_puts(&b, " ");
    rq = req("/v1/track", b.p, b.len);
    assert_int_equal(parse(f, &rq), 413);
    assert_non_null(strstr(f->r.message, "the event is 32,001 bytes, over the 32,000-byte limit"));

    /* a body over body_max (plain): 413 */
    make_batch(&b, 1000, 500);
    assert_true(b.len > 500000);
    rq = req("/v1/batch", b.p, b.len);
    assert_int_equal(parse(f, &rq), 413);
    char want[100];
    char num[32];
    size_t v = b.len, k = 0;
    char d[32];
    int nd = snprintf(d, sizeof d, "%zu", v);
    for (int i = 0; i < nd; i++) {
        if (i && (nd - i) % 3 == 0) num[k++] = ',';
        num[k++] = d[i];
    }
    num[k] = 0;
    snprintf(want, sizeof want, "request body is %s bytes, over the 500,000-byte limit", num);
    assert_string_equal(f->r.message, want);

    /* the batch's context over event_max: 413 */
    jbuf_reset(&b);
    jbuf_puts(&b, "{\"batch\":[],\"context\":{\"p\":\"");
    for (int i = 0; i < 32000; i++) jbuf_putc(&b, 'c');
    jbuf_puts(&b, "\"}}");
    rq = req("/v1/batch", b.p, b.len);
    assert_int_equal(parse(f, &rq), 413);
    assert_non_null(strstr(f->r.message, "the batch's `context` is 32,008 bytes"));

    /* merged with the batch's context an item grows past the limit: invalid */
    jbuf_reset(&b);
    jbuf_puts(&b, "{\"batch\":[{\"type\":\"identify\",\"userId\":\"u\",\"p\":\"");
    for (int i = 0; i < 20000; i++) jbuf_putc(&b, 'i');
    jbuf_puts(&b, "\"},{\"type\":\"identify\",\"userId\":\"v\"}],\"context\":{\"p\":\"");
    for (int i = 0; i < 20000; i++) jbuf_putc(&b, 'c');
    jbuf_puts(&b, "\"}}");
    rq = req("/v1/batch", b.p, b.len);
    assert_int_equal(parse(f, &rq), 200);
    assert_int_equal(f->r.nev, 1);
    assert_int_equal(f->r.ninvalid, 1);
    assert_string_equal(f->r.invalid[0].code, "too_large");
    assert_non_null(strstr(f->r.invalid[0].message, "merged in"));
    check_events(f);
    jbuf_free(&b);
}

static void test_memory(void **st)
{
    fixture *f = *st;
    /* an arena too small for the items: they are invalid (dead-lettered), not lost */
    jarena small;
    jarena_init(&small, 4096);
    jbuf b;
    jbuf_init(&b);
    make_batch(&b, 40, 10);
    segment_request rq = req("/v1/batch", b.p, b.len);
    id_counter = 0;
    assert_int_equal(segment_parse(&rq, &f->lim, &small, &f->r), 0);
    assert_true(f->r.nev > 0 && f->r.ninvalid > 0);
    assert_int_equal(f->r.nev + f->r.ninvalid, 40);
    assert_string_equal(f->r.invalid[0].code, "too_large");
    assert_non_null(strstr(f->r.invalid[0].message, "memory one request may use"));
    /* a single event that does not fit: 413 */
    const char *one = "{\"userId\":\"u\",\"event\":\"E\",\"p\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,"
                      "25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,"
                      "58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,"
                      "91,92,93,94,95,96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,"
                      "118,119,120,121,122,123,124,125,126,127,128,129,130,131,132,133,134,135,136,137,138,139,140,141,142,"
                      "143,144,145,146,147,148,149,150,151,152,153,154,155,156,157,158,159,160,161,162,163,164,165,166,167,"
                      "168,169,170,171,172,173,174,175,176,177,178,179,180,181,182,183,184,185,186,187,188,189,190,191,192,"
                      "193,194,195,196,197,198,199,200,201,202,203,204,205,206,207,208,209,210,211,212,213,214,215,216,217,"
                      "218,219,220,221,222,223,224,225,226,227,228,229,230,231,232,233,234,235,236,237,238,239,240,241,242,"
                      "243,244,245,246,247,248,249,250,251,252,253,254,255,256]}";
    rq = req("/v1/track", one, strlen(one));
    assert_int_equal(segment_parse(&rq, &f->lim, &small, &f->r), -1);
    assert_int_equal(f->r.status, 413);
    assert_non_null(strstr(f->r.message, "does not fit in the 4,096 bytes"));
    jarena_free(&small);

    /* r's buffers are reused: a second request of the same size grows nothing */
    make_batch(&b, 200, 50);
    rq = req("/v1/batch", b.p, b.len);
    assert_int_equal(parse(f, &rq), 200);
    char *ev_p = f->r.events.p;
    size_t ev_cap = f->r.events.cap;
    segment_event *ev = f->r.ev;
    assert_int_equal(parse(f, &rq), 200);
    assert_ptr_equal(f->r.events.p, ev_p);
    assert_int_equal(f->r.events.cap, ev_cap);
    assert_ptr_equal(f->r.ev, ev);
    assert_int_equal(f->r.nev, 200);
    /* and a refusal after a success leaves nothing behind */
    rq = req("/v1/batch", "{", 1);
    assert_int_equal(parse(f, &rq), 400);
    assert_int_equal(f->r.nev, 0);
    assert_int_equal(f->r.events.len, 0);
    jbuf_free(&b);
}

static void test_bytes(void **st)
{
    fixture *f = *st;
    /* numbers keep their text; messageId first; id_off/id_len at its bytes */
    const char *body = "{\"type\":\"track\",\"event\":\"E\",\"userId\":\"u\",\"properties\":{\"id\":12345678901234567,"
                       "\"u\":18446744073709551615,\"x\":1.50},\"messageId\":\"ajs-next-9f86d081\",\"timestamp\":\"t\"}";
    segment_request rq = req("/v1/track", body, strlen(body));
    assert_int_equal(parse(f, &rq), 200);
    const char *want = "{\"messageId\":\"ajs-next-9f86d081\",\"type\":\"track\",\"event\":\"E\",\"userId\":\"u\","
                       "\"properties\":{\"id\":12345678901234567,\"u\":18446744073709551615,\"x\":1.5},\"timestamp\":\"t\","
                       "\"receivedAt\":\"2026-12-01T16:40:00.000Z\"}";
    assert_int_equal(f->r.ev[0].len, strlen(want));
    assert_memory_equal(f->r.events.p + f->r.ev[0].off, want, strlen(want));
    assert_int_equal(f->r.ev[0].id_off, 14);
    assert_int_equal(f->r.ev[0].id_len, 17);
    /* a filled id; several events back to back */
    const char *batch = "{\"batch\":[{\"type\":\"alias\",\"userId\":\"n\",\"previousId\":\"o\"},"
                        "{\"type\":\"group\",\"anonymousId\":\"a\",\"groupId\":\"g\",\"messageId\":\"given\",\"writeKey\":\"w\"}],"
                        "\"writeKey\":\"w\"}";
    rq = req("/v1/batch", batch, strlen(batch));
    assert_int_equal(parse(f, &rq), 200);
    assert_int_equal(f->r.nev, 2);
    const char *e0 = "{\"messageId\":\"srv-id-1\",\"type\":\"alias\",\"userId\":\"n\",\"previousId\":\"o\","
                     "\"receivedAt\":\"2026-12-01T16:40:00.000Z\",\"timestamp\":\"2026-12-01T16:40:00.000Z\"}";
    const char *e1 = "{\"messageId\":\"given\",\"type\":\"group\",\"anonymousId\":\"a\",\"groupId\":\"g\","
                     "\"receivedAt\":\"2026-12-01T16:40:00.000Z\",\"timestamp\":\"2026-12-01T16:40:00.000Z\"}";
    assert_int_equal(f->r.ev[0].off, 0);
    assert_int_equal(f->r.ev[0].len, strlen(e0));
    assert_memory_equal(f->r.events.p, e0, strlen(e0));
    assert_int_equal(f->r.ev[1].off, strlen(e0));
    assert_memory_equal(f->r.events.p + f->r.ev[1].off, e1, strlen(e1));
    assert_int_equal(f->r.ev[1].id_off, strlen(e0) + 14);
    assert_int_equal(f->r.ev[1].id_len, 5);
    assert_true(f->r.key_given);
    /* without new_id the server still makes one */
    rq.new_id = NULL;
    assert_int_equal(parse(f, &rq), 200);
    assert_true(f->r.ev[0].id_len > 10);
    assert_memory_equal(f->r.events.p + f->r.ev[0].id_off, "srv-", 4);
    check_events(f);
}

static void test_answer(void **st)
{
    fixture *f = *st;
    jbuf out;
    jbuf_init(&out);
    segment_request rq = req("/v1/batch", ONE, sizeof ONE - 1);
    parse(f, &rq);
    segment_answer(&f->r, &out);
    assert_string_equal(jbuf_cstr(&out), "{\"success\":true}");
    const char *b = "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\"},{\"type\":\"page\",\"userId\":\"u\"}]}";
    rq = req("/v1/batch", b, strlen(b));
    parse(f, &rq);
    jbuf_reset(&out);
    segment_answer(&f->r, &out);
    assert_string_equal(jbuf_cstr(&out), "{\"success\":true,\"invalid\":[{\"index\":0,\"code\":\"missing_event\","
                                         "\"message\":\"batch item 0: track without `event`\"}]}");
    rq = req("/v1/nope", "{}", 2);
    parse(f, &rq);
    jbuf_reset(&out);
    segment_answer(&f->r, &out);
    assert_string_equal(jbuf_cstr(&out), "{\"success\":false,\"code\":\"not_found\",\"message\":"
                                         "\"/v1/nope is not an ingest path (POST /v1/track, /v1/batch, ...)\"}");
    rq = req("/v1/track", "{\"a\":", 5);
    parse(f, &rq);
    jbuf_reset(&out);
    segment_answer(&f->r, &out);
    assert_string_equal(jbuf_cstr(&out), "{\"success\":false,\"code\":\"invalid_json\",\"message\":"
                                         "\"body is not JSON: invalid JSON at byte 5: unexpected end of input\"}");
    jbuf_free(&out);
}

static void test_speed(void **st)
{
    fixture *f = *st;
    /* ~500 KB, 800 events (analytics-node's shape) */
    jbuf b;
    jbuf_init(&b);
    make_batch(&b, 800, 340);
    if (!(b.len > 450000 && b.len <= 500000)) fail_msg("batch of %zu bytes", b.len);
    segment_request rq = req("/v1/batch", b.p, b.len);
    rq.authorization = "Basic YWJjMTIzOg==";
    const char *keys[] = {"abc123"};
    rq.write_keys = keys;
    rq.nkeys = 1;
    assert_int_equal(parse(f, &rq), 200);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int runs = 20;
    for (int i = 0; i < runs; i++) assert_int_equal(parse(f, &rq), 200);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = ((double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6) / runs;
    assert_int_equal(f->r.nev, 800);
    printf("segment: %zu-byte batch of 800 events: %.2f ms a request (%zu bytes of events, arena %zu bytes)\n", b.len,
           ms, f->r.events.len, f->a.used_total);
    assert_true(ms < 200); /* a few ms when optimised; room for sanitizers */
    check_events(f);
    jbuf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_table, setup, teardown),
        cmocka_unit_test(test_paths),
        cmocka_unit_test_setup_teardown(test_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gzip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gzip_bomb, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_speed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

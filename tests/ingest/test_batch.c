/* Unit tests: a line -> its events — a plain event (its bytes are the line),
 * a batch object's items with the batch's context and integrations merged in
 * (the item's own keys win), and what is not an event, with upstream's words;
 * a malformed line refused whole, items as written, the size limits, memory
 * per item (a batch whose whole would not fit), and splitting that stops
 * after any item and goes on later. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/batch.h"

/* What the sink was handed, one line each: "E <raw>" or "I <raw> | <why>". */
typedef struct {
    jbuf out;
    const char *line;
    bool raw_is_line;
} seen;

static void on_event(void *ctx, const jv *event, const char *raw, size_t raw_len)
{
    seen *s = ctx;
    assert_int_equal(event->type, JV_OBJ);
    if (raw == s->line) s->raw_is_line = true;
    jbuf_printf(&s->out, "E %.*s\n", (int)raw_len, raw);
}

static void on_invalid(void *ctx, const char *raw, size_t raw_len, const char *why)
{
    seen *s = ctx;
    jbuf_printf(&s->out, "I %.*s | %s\n", (int)raw_len, raw, why);
}

static const batch_sink SINK = {on_event, on_invalid};

/* Splits line; the sink's record. */
static const char *split(seen *s, jarena *a, jbuf *tmp, const char *line)
{
    jbuf_reset(&s->out);
    s->line = line;
    s->raw_is_line = false;
    jarena_reset(a);
    batch_split(line, strlen(line), a, tmp, &SINK, s);
    return jbuf_cstr(&s->out);
}

static void test_split(void **st)
{
    (void)st;
    seen s = {0};
    jbuf_init(&s.out);
    jarena a;
    jarena_init(&a, 0);
    jbuf tmp;
    jbuf_init(&tmp);

    assert_string_equal(split(&s, &a, &tmp, "{\"type\":\"track\", \"x\":1}"), "E {\"type\":\"track\", \"x\":1}\n");
    assert_true(s.raw_is_line); /* a plain event is stored as it came */
    assert_string_equal(split(&s, &a, &tmp, "[1,2]"), "I [1,2] | an event must be a JSON object, not an array\n");
    assert_string_equal(split(&s, &a, &tmp, "\"s\""), "I \"s\" | an event must be a JSON object, not a string\n");
    assert_string_equal(split(&s, &a, &tmp, "{\"batch\":{}}"),
                        "I {\"batch\":{}} | \"batch\" must be an array of events\n");
    const char *r = split(&s, &a, &tmp, "{\"type\":");
    assert_true(strncmp(r, "I {\"type\": | ", 13) == 0);

    /* items re-written; batch context under the item's, integrations too */
    assert_string_equal(
        split(&s, &a, &tmp,
              "{\"batch\":[{\"type\":\"track\",\"context\":{\"ip\":\"9\"}}, 5, {\"type\":\"page\"}],"
              "\"context\":{\"ip\":\"1\",\"locale\":\"de\"},\"integrations\":{\"All\":false}}"),
        "E {\"type\":\"track\",\"context\":{\"locale\":\"de\",\"ip\":\"9\"},\"integrations\":{\"All\":false}}\n"
        "I 5 | a batch item must be a JSON object\n"
        "E {\"type\":\"page\",\"context\":{\"ip\":\"1\",\"locale\":\"de\"},\"integrations\":{\"All\":false}}\n");
    /* without a batch context: the items as they are */
    assert_string_equal(split(&s, &a, &tmp, "{\"batch\":[{\"a\":1},{\"b\":[]}],\"context\":\"no\"}"),
                        "E {\"a\":1}\nE {\"b\":[]}\n");
    assert_string_equal(split(&s, &a, &tmp, "{\"batch\":[]}"), "");

    jbuf_free(&tmp);
    jarena_free(&a);
    jbuf_free(&s.out);
}


/* Splits line with batch_begin/batch_next, one event at a time. */
static const char *split_steps(seen *s, jarena *la, jarena *a, jbuf *tmp, const char *line)
{
    jbuf_reset(&s->out);
    s->line = line;
    batch_iter it;
    batch_begin(&it, line, strlen(line), la);
    while (batch_next(&it, a, tmp, &SINK, s)) {
    }
    assert_false(batch_next(&it, a, tmp, &SINK, s)); /* the end stays the end */
    return jbuf_cstr(&s->out);
}

static void test_lines(void **st)
{
    (void)st;
    seen s = {0};
    jbuf_init(&s.out);
    jarena la, a;
    jarena_init(&la, 0);
    jarena_init(&a, 0);
    jbuf tmp;
    jbuf_init(&tmp);
    /* a line broken anywhere is refused whole: no item of it goes out */
    const char *bad = "{\"batch\":[{\"type\":\"track\"},{\"type\":]}";
    const char *r = split_steps(&s, &la, &a, &tmp, bad);
    assert_string_equal(r, "I {\"batch\":[{\"type\":\"track\"},{\"type\":]} | invalid JSON at byte 35: unexpected character ']'\n");
    /* as json_parse says it */
    r = split_steps(&s, &la, &a, &tmp, "{\"batch\":[{\"a\":\"\xff\"}]}");
    assert_string_equal(r, "I {\"batch\":[{\"a\":\"\xff\"}]} | invalid JSON at byte 16: invalid UTF-8 in string\n");
    r = split_steps(&s, &la, &a, &tmp, "{\"batch\":[{}],\"x\":1} trailing");
    assert_string_equal(r, "I {\"batch\":[{}],\"x\":1} trailing | invalid JSON at byte 21: unexpected data after the JSON value\n");
    /* items as written when nothing is merged: spacing and duplicate keys kept */
    r = split_steps(&s, &la, &a, &tmp, "{ \"batch\" : [ {\"a\": 1, \"a\" :2} ,\n\t{ \"s\":\"]}\\\"\" } , \"x\" , [] , null ] }");
    assert_string_equal(r, "E {\"a\": 1, \"a\" :2}\nE { \"s\":\"]}\\\"\" }\nI \"x\" | a batch item must be a JSON object\n"
                           "I [] | a batch item must be a JSON object\nI null | a batch item must be a JSON object\n");
    /* the context may come after the batch; the last of a duplicated name counts; escaped names are names */
    r = split_steps(&s, &la, &a, &tmp,
                    "{\"batch\":[1],\"b\\u0061tch\":[{\"type\":\"page\"}],\"context\":{\"ip\":\"1\"},\"context\":{\"ip\":\"2\"}}");
    assert_string_equal(r, "E {\"type\":\"page\",\"context\":{\"ip\":\"2\"}}\n");
    /* not events */
    assert_string_equal(split_steps(&s, &la, &a, &tmp, "true"), "I true | an event must be a JSON object, not a boolean\n");
    assert_string_equal(split_steps(&s, &la, &a, &tmp, "null"), "I null | an event must be a JSON object, not null\n");
    assert_string_equal(split_steps(&s, &la, &a, &tmp, " -1.5 "), "I  -1.5  | an event must be a JSON object, not a number\n");
    assert_string_equal(split_steps(&s, &la, &a, &tmp, "{\"batch\":\"[]\"}"),
                        "I {\"batch\":\"[]\"} | \"batch\" must be an array of events\n");
    assert_string_equal(split_steps(&s, &la, &a, &tmp, "{\"batch\":null}"),
                        "I {\"batch\":null} | \"batch\" must be an array of events\n");
    r = split_steps(&s, &la, &a, &tmp, "");
    assert_true(strncmp(r, "I  | invalid JSON at byte 0: ", 29) == 0);
    jbuf_free(&tmp);
    jarena_free(&a);
    jarena_free(&la);
    jbuf_free(&s.out);
}

/* Event count and invalid count of a split, and the largest arena use. */
typedef struct {
    size_t events, invalid, max_used;
    jarena *a;
    char last_why[300];
} tally;

static void tally_event(void *ctx, const jv *event, const char *raw, size_t raw_len)
{
    (void)event, (void)raw, (void)raw_len;
    tally *t = ctx;
    t->events++;
    if (t->a->used_total > t->max_used) t->max_used = t->a->used_total;
}

static void tally_invalid(void *ctx, const char *raw, size_t raw_len, const char *why)
{
    (void)raw, (void)raw_len;
    tally *t = ctx;
    t->invalid++;
    assert_true(why && *why);
    snprintf(t->last_why, sizeof t->last_why, "%s", why);
}

static const batch_sink TALLY = {tally_event, tally_invalid};

static void test_memory_per_item(void **st)
{
    (void)st;
    /* 9,000 items under a 2,000-key context, each item with a context of its
     * own: merged, each needs ~64 KB; the whole line would need ~600 MB. An
     * event's arena of 4 MiB is enough, item after item. */
    jbuf line;
    jbuf_init(&line);
    jbuf_puts(&line, "{\"batch\":[");
    for (int i = 0; i < 9000; i++)
        jbuf_printf(&line, "%s{\"type\":\"track\",\"event\":\"E\",\"userId\":\"u%d\",\"context\":{\"ip\":\"1\"}}", i ? "," : "", i);
    jbuf_puts(&line, "],\"context\":{");
    for (int i = 0; i < 2000; i++) jbuf_printf(&line, "%s\"k%d\":%d", i ? "," : "", i, i);
    jbuf_puts(&line, "}}");
    assert_false(line.oom);
    jarena la, a;
    jarena_init(&la, (size_t)4 << 20);
    jarena_init(&a, (size_t)4 << 20);
    jbuf tmp;
    jbuf_init(&tmp);
    tally t = {.a = &a};
    batch_iter it;
    batch_begin(&it, line.p, line.len, &la);
    while (batch_next(&it, &a, &tmp, &TALLY, &t)) {
    }
    assert_int_equal(t.events, 9000);
    assert_int_equal(t.invalid, 0);
    assert_true(t.max_used < (size_t)1 << 20);

    /* an item that cannot fit: refused whole, saying what and why; the next one goes on */
    jarena small;
    jarena_init(&small, 64 << 10);
    jbuf_reset(&line);
    jbuf_puts(&line, "{\"batch\":[{\"type\":\"track\",\"p\":[");
    for (int i = 0; i < 20000; i++) jbuf_printf(&line, "%s%d", i ? "," : "", i % 10);
    jbuf_puts(&line, "]},{\"type\":\"track\"}]}");
    t = (tally){.a = &small};
    batch_begin(&it, line.p, line.len, &la);
    while (batch_next(&it, &small, &tmp, &TALLY, &t)) {
    }
    assert_int_equal(t.events, 1);
    assert_int_equal(t.invalid, 1);
    char want[200];
    snprintf(want, sizeof want, "batch[0] (%zu bytes) does not fit in the 65536 bytes of memory one event may use",
             line.len - strlen("{\"batch\":[") - strlen(",{\"type\":\"track\"}]}"));
    assert_string_equal(t.last_why, want);
    jarena_free(&small);
    jbuf_free(&tmp);
    jarena_free(&a);
    jarena_free(&la);
    jbuf_free(&line);
}

static void test_limits(void **st)
{
    (void)st;
    size_t big = BATCH_EVENT_MAX + 100;
    char *line = malloc(big + 200);
    assert_non_null(line);
    /* one event over the limit: refused whole */
    int n = snprintf(line, 200, "{\"type\":\"track\",\"pad\":\"");
    memset(line + n, 'x', big - (size_t)n - 2);
    memcpy(line + big - 2, "\"}", 2);
    jarena la, a;
    jarena_init(&la, 0);
    jarena_init(&a, 0);
    jbuf tmp;
    jbuf_init(&tmp);
    tally t = {.a = &a};
    batch_iter it;
    batch_begin(&it, line, big, &la);
    while (batch_next(&it, &a, &tmp, &TALLY, &t)) {
    }
    char want[200];
    snprintf(want, sizeof want, "an event of %zu bytes is larger than the limit of %zu bytes", big, BATCH_EVENT_MAX);
    assert_int_equal(t.invalid, 1);
    assert_string_equal(t.last_why, want);
    /* a batch of any length is split; one item over the limit is refused alone */
    n = snprintf(line, 200, "{\"batch\":[{\"type\":\"a\"},{\"pad\":\"");
    size_t item = big - 20;
    memset(line + n, 'y', item);
    size_t len = (size_t)n + item;
    len += (size_t)snprintf(line + len, 200, "\"},{\"type\":\"b\"}]}");
    t = (tally){.a = &a};
    batch_begin(&it, line, len, &la);
    while (batch_next(&it, &a, &tmp, &TALLY, &t)) {
    }
    assert_int_equal(t.events, 2);
    assert_int_equal(t.invalid, 1);
    snprintf(want, sizeof want, "batch[1] is %zu bytes, larger than the limit of %zu bytes for one event", item + 10,
             BATCH_EVENT_MAX);
    assert_string_equal(t.last_why, want);
    free(line);
    jbuf_free(&tmp);
    jarena_free(&a);
    jarena_free(&la);
}

/* Two batch lines split turn about, a few items at a time, each with its own
 * iterator and line arena: the same events as each split alone. */
static void test_resume(void **st)
{
    (void)st;
    const char *l1 = "{\"batch\":[{\"n\":1},{\"n\":2},3,{\"n\":4},{\"n\":5}],\"context\":{\"c\":\"one\"}}";
    const char *l2 = "{\"integrations\":{\"All\":true},\"batch\":[{\"m\":1},{\"m\":2},{\"m\":3}]}";
    seen s1 = {0}, s2 = {0}, whole = {0};
    jbuf_init(&s1.out);
    jbuf_init(&s2.out);
    jbuf_init(&whole.out);
    jarena la1, la2, a;
    jarena_init(&la1, 0);
    jarena_init(&la2, 0);
    jarena_init(&a, 0);
    jbuf tmp;
    jbuf_init(&tmp);
    batch_iter i1, i2;
    batch_begin(&i1, l1, strlen(l1), &la1);
    batch_begin(&i2, l2, strlen(l2), &la2);
    bool more1 = true, more2 = true;
    for (int turn = 0; more1 || more2; turn++) {
        for (int k = 0; k < 2 && more1; k++) more1 = batch_next(&i1, &a, &tmp, &SINK, &s1);
        if (more2) more2 = batch_next(&i2, &a, &tmp, &SINK, &s2);
        assert_true(turn < 10);
    }
    char got[600];
    snprintf(got, sizeof got, "%s", jbuf_cstr(&s1.out));
    assert_string_equal(got, split(&whole, &a, &tmp, l1));
    assert_string_equal(got, "E {\"n\":1,\"context\":{\"c\":\"one\"}}\nE {\"n\":2,\"context\":{\"c\":\"one\"}}\n"
                             "I 3 | a batch item must be a JSON object\nE {\"n\":4,\"context\":{\"c\":\"one\"}}\n"
                             "E {\"n\":5,\"context\":{\"c\":\"one\"}}\n");
    snprintf(got, sizeof got, "%s", jbuf_cstr(&s2.out));
    assert_string_equal(got, split(&whole, &a, &tmp, l2));
    jbuf_free(&tmp);
    jarena_free(&a);
    jarena_free(&la1);
    jarena_free(&la2);
    jbuf_free(&s1.out);
    jbuf_free(&s2.out);
    jbuf_free(&whole.out);
}

/* A short line (parsed whole first) and the same line padded with spaces
 * past BATCH_PEEK_MAX (scanned): the same events, the same reasons. */
static void test_short_and_long_paths(void **st)
{
    (void)st;
    static const char *const LINES[] = {
        "{\"type\":\"track\",\"x\":[1,{\"y\":\"]\"}]}", "[1]", "7", "{\"type\":}", "{\"a\":\"\\q\"}", "{\"a\":1}}",
        "{\"batch\":[{\"n\":1},2],\"context\":{\"c\":1}}", "{\"batch\":5}", "{\"batch\":[{\"n\":1},{\"n\":]}",
        "{\"a\":\"\x01\"}",
    };
    jarena la, a;
    jarena_init(&la, 0);
    jarena_init(&a, 0);
    jbuf tmp;
    jbuf_init(&tmp);
    char *pad = malloc(BATCH_PEEK_MAX + 200);
    assert_non_null(pad);
    for (size_t k = 0; k < sizeof LINES / sizeof *LINES; k++) {
        size_t n = strlen(LINES[k]);
        memcpy(pad, LINES[k], n);
        memset(pad + n, ' ', BATCH_PEEK_MAX + 100 - n);
        char got[2][400];
        for (int p = 0; p < 2; p++) {
            tally t = {.a = &a};
            batch_iter it;
            batch_begin(&it, p ? pad : LINES[k], p ? BATCH_PEEK_MAX + 100 : n, &la);
            while (batch_next(&it, &a, &tmp, &TALLY, &t)) {
            }
            snprintf(got[p], sizeof got[p], "%zu events, %zu invalid, last: %s", t.events, t.invalid, t.last_why);
        }
        assert_string_equal(got[0], got[1]);
    }
    free(pad);
    jbuf_free(&tmp);
    jarena_free(&a);
    jarena_free(&la);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_memory_per_item),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_resume),
        cmocka_unit_test(test_short_and_long_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests: a line -> its events — a plain event (its bytes are the line),
 * a batch object's items with the batch's context and integrations merged in
 * (the item's own keys win), and what is not an event, with upstream's words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

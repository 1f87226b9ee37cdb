/* Unit tests: the JSON scanner the batch splitter walks lines with
 * (lib/json.h: json_validate, json_value_span, jcursor, json_key_is).
 * json_validate must accept exactly what json_parse accepts, with the same
 * message at the same offset — checked on hand-written cases and, by
 * difference, on every prefix and many one-byte changes of the conformance
 * cases' lines. The cursor must give each entry's exact byte span, strings
 * with brackets, quotes and escapes inside included, and can be copied to go
 * on later. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/json.h"

/* json_parse and json_validate agree on buf[0..len): both accept, or both
 * refuse with the same message (which holds the offset). */
static void agree(const char *buf, size_t len, jarena *a)
{
    jarena_reset(a);
    jv v;
    jerr pe = {0}, ve = {0};
    jlimits lim = {.max_bytes = len + 1};
    int pr = json_parse(a, buf, len, &lim, &v, &pe);
    int vr = json_validate(buf, len, 0, &ve);
    if (pr != vr || (pr && (strcmp(pe.msg, ve.msg) != 0 || pe.offset != ve.offset)))
        fail_msg("json_parse and json_validate differ on [%.*s]: %d [%s] vs %d [%s]", (int)(len < 200 ? len : 200),
                 buf, pr, pr ? pe.msg : "", vr, vr ? ve.msg : "");
}

static void test_validate_cases(void **s)
{
    (void)s;
    jarena a;
    jarena_init(&a, 0);
    static const char *const CASES[] = {
        "{}", "[]", "0", "-0", "1.5e+3", "\"\"", "true", "false", "null", " {\"a\" : [1, 2, {\"b\": null}] } ",
        "{\"a\":\"\\\"]}[{\\\\\"}", "\"\\u00e9\\ud83d\\ude00\\ud800\"", "\"\\uD800\\u0041\"", "\"\\uZZZZ\"",
        "\"\\u12\"", "\"\\x\"", "\"a\tb\"", "\"\xc3\"", "\"\xed\xa0\x80\"", "\"\xf0\x9f\x98\x80\"", "{\"a\":1,}",
        "[1,]", "[1 2]", "{\"a\" 1}", "{1:2}", "01", "1.", "1e", "-", "+1", "tru", "nul", "[", "{", "\"abc",
        "{\"a\":1} x", "{\"a\":1}{}", "\x01", "\xff", "", "   ", "[\"\\", "{\"a\":\"b\\\"}",
    };
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) agree(CASES[i], strlen(CASES[i]), &a);
    /* NUL bytes: inside a string (a control character) and after the value */
    agree("\"a\0b\"", 5, &a);
    agree("{}\0", 3, &a);
    /* nesting: 128 levels are fine, 129 are not, with either */
    char deep[300];
    for (int n = 127; n <= 129; n++) {
        memset(deep, '[', (size_t)n);
        memset(deep + n, ']', (size_t)n);
        agree(deep, 2 * (size_t)n, &a);
    }
    jerr e;
    memset(deep, '[', 129);
    memset(deep + 129, ']', 129);
    assert_int_equal(json_validate(deep, 258, 0, &e), -1);
    assert_non_null(strstr(e.msg, "nesting deeper than 128 levels"));
    assert_int_equal(json_validate(deep, 258, 200, &e), 0);
    /* no size limit: json_parse refuses more than 4 MiB by default, json_validate does not */
    size_t big = (4u << 20) + 10;
    char *b = malloc(big);
    assert_non_null(b);
    b[0] = '"';
    memset(b + 1, 'x', big - 2);
    b[big - 1] = '"';
    assert_int_equal(json_validate(b, big, 0, NULL), 0);
    free(b);
    jarena_free(&a);
}

/* Every prefix of each conformance case line, and each line with one byte
 * changed at many places (to characters that matter to JSON). */
static void test_validate_differential(void **s)
{
    (void)s;
    const char *root = getenv("ENCHARGE_TEST_ROOT");
    char path[512];
    snprintf(path, sizeof path, "%s%stests/conformance/cases.ndjson", root ? root : "", root ? "/" : "");
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    jarena a;
    jarena_init(&a, 0);
    char *line = NULL;
    size_t cap = 0, lines = 0, checks = 0;
    ssize_t n;
    static const char SUBST[] = "\"\\{}[],:0 -e.u\x01\x80\xff";
    while ((n = getline(&line, &cap, f)) > 0) {
        size_t len = (size_t)n;
        while (len && line[len - 1] == '\n') len--;
        lines++;
        size_t step = len / 1500 + 1; /* a long line: a sample of its prefixes */
        for (size_t k = 0; k <= len; k += step, checks++) agree(line, k, &a);
        agree(line, len, &a);
        char *mut = malloc(len ? len : 1);
        assert_non_null(mut);
        for (size_t k = 0; k < len; k += 7 * step) {
            for (size_t j = 0; j < sizeof SUBST - 1; j++, checks++) {
                memcpy(mut, line, len);
                mut[k] = SUBST[j];
                agree(mut, len, &a);
            }
        }
        free(mut);
    }
    free(line);
    fclose(f);
    jarena_free(&a);
    assert_true(lines > 50);
    assert_true(checks > 50000);
}

/* The entries of the container at open, one "key=value" (or "value") per
 * line, each the exact bytes of its span. */
static const char *entries(const char *buf, size_t open)
{
    static char out[1024];
    size_t o = 0;
    jcursor c = jcursor_at(buf, strlen(buf), open);
    jspan k, v;
    while (jcursor_next(&c, &k, &v)) {
        if (c.obj) o += (size_t)snprintf(out + o, sizeof out - o, "%.*s=", (int)k.len, buf + k.off);
        o += (size_t)snprintf(out + o, sizeof out - o, "%.*s\n", (int)v.len, buf + v.off);
    }
    out[o] = 0;
    /* after the end: still the end */
    assert_false(jcursor_next(&c, &k, &v));
    return out;
}

static void test_spans(void **s)
{
    (void)s;
    const char *arr = " [ {\"a\":\"]}\\\"[{\"} , 1 ,\"x\\\\\" ,-2.5e3, [ [],{} ] ,{},true,null , \"\\u005d\" ] ";
    assert_int_equal(json_validate(arr, strlen(arr), 0, NULL), 0);
    jspan doc = json_value_span(arr, strlen(arr), 0);
    assert_int_equal(doc.off, 1);
    assert_int_equal(doc.off + doc.len, strlen(arr) - 1);
    assert_string_equal(entries(arr, doc.off),
                        "{\"a\":\"]}\\\"[{\"}\n1\n\"x\\\\\"\n-2.5e3\n[ [],{} ]\n{}\ntrue\nnull\n\"\\u005d\"\n");
    assert_string_equal(entries("[]", 0), "");
    assert_string_equal(entries("[ ]", 0), "");
    assert_string_equal(entries("{ }", 0), "");
    const char *obj = "{\"batch\" : [1,{\"x\":[\"]\"]}] , \"b\\u0061tch\":2,\"\\\"q\":{\"}\":\"{\"}}";
    assert_int_equal(json_validate(obj, strlen(obj), 0, NULL), 0);
    assert_string_equal(entries(obj, 0), "\"batch\"=[1,{\"x\":[\"]\"]}]\n\"b\\u0061tch\"=2\n\"\\\"q\"={\"}\":\"{\"}\n");

    /* keys, decoded */
    jcursor c = jcursor_at(obj, strlen(obj), 0);
    jspan k, v;
    assert_true(jcursor_next(&c, &k, &v));
    assert_true(json_key_is(obj, k, "batch"));
    assert_false(json_key_is(obj, k, "batc"));
    assert_false(json_key_is(obj, k, "batchx"));
    assert_true(jcursor_next(&c, &k, &v));
    assert_true(json_key_is(obj, k, "batch")); /* \u0061 is 'a' */
    assert_true(jcursor_next(&c, &k, &v));
    assert_true(json_key_is(obj, k, "\"q"));
    assert_false(jcursor_next(&c, &k, &v));

    /* a cursor is a position: a copy goes on from where it was */
    const char *items = "[10,20,30,40]";
    jcursor a = jcursor_at(items, strlen(items), 0);
    assert_true(jcursor_next(&a, NULL, &v));
    assert_true(jcursor_next(&a, NULL, &v));
    jcursor saved = a;
    assert_true(jcursor_next(&a, NULL, &v));
    assert_int_equal(v.off, 7);
    assert_true(jcursor_next(&saved, NULL, &v));
    assert_memory_equal(items + v.off, "30", 2);
    assert_true(jcursor_next(&saved, NULL, &v));
    assert_memory_equal(items + v.off, "40", 2);
    assert_false(jcursor_next(&saved, NULL, &v));
}

/* Text json_validate refused: the walk stays inside the buffer and ends. */
static void test_spans_garbage(void **s)
{
    (void)s;
    static const char *const BAD[] = {"[", "[\"abc", "[{\"a\":", "{\"a\"", "{\"a\":1,,,", "[1 2 3", "[\"\\",
                                      "{:::}", "[]]]]", "[,,,]", "{\"a\":[}"};
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        size_t len = strlen(BAD[i]);
        char *b = malloc(len); /* exactly len bytes: ASan sees a read past them */
        memcpy(b, BAD[i], len);
        jcursor c = jcursor_at(b, len, 0);
        jspan k, v;
        int steps = 0;
        while (jcursor_next(&c, &k, &v)) {
            assert_true(v.off + v.len <= len);
            assert_true(++steps <= (int)len);
        }
        jspan d = json_value_span(b, len, 0);
        assert_true(d.off + d.len <= len);
        free(b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_validate_cases),
        cmocka_unit_test(test_validate_differential),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_spans_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

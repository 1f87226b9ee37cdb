/* Unit tests: exact JSON (parse, write, numbers, strings, errors, limits). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lib/json.h"
#include "lib/js.h"
#include "lib/utf8.h"

static jarena A;

static int setup(void **s) { (void)s; jarena_init(&A, 0); return 0; }
static int teardown(void **s) { (void)s; jarena_free(&A); return 0; }

/* parse then write; compare with the expected text */
static void rt(const char *in, const char *want)
{
    jv v;
    jerr e;
    jbuf b;
    jbuf_init(&b);
    int rc = json_parse(&A, in, strlen(in), NULL, &v, &e);
    if (rc) fail_msg("parse of %s failed: %s", in, e.msg);
    json_write(&b, &v);
    assert_string_equal(jbuf_cstr(&b), want);
    jbuf_free(&b);
    jarena_reset(&A);
}

static void bad(const char *in, size_t offset, const char *msg_part)
{
    jv v;
    jerr e;
    assert_int_equal(json_parse(&A, in, strlen(in), NULL, &v, &e), -1);
    assert_int_equal(e.offset, offset);
    if (!strstr(e.msg, msg_part)) fail_msg("message '%s' lacks '%s'", e.msg, msg_part);
    jarena_reset(&A);
}

static void test_numbers(void **s)
{
    (void)s;
    rt("12345678901234567", "12345678901234567");
    rt("-9223372036854775808", "-9223372036854775808");
    rt("18446744073709551615", "18446744073709551615");
    rt("18446744073709551616", "18446744073709552000");
    rt("9007199254740993", "9007199254740993");
    rt("1.50", "1.5");
    rt("0.1", "0.1");
    rt("0.30000000000000004", "0.30000000000000004");
    rt("1e21", "1e+21");
    rt("1E-7", "1e-7");
    rt("1e-6", "0.000001");
    rt("123e18", "123000000000000000000");
    rt("3.141592653589793", "3.141592653589793");
    rt("-0", "0");
    rt("-0.0", "0");
    rt("1.0", "1");
    rt("5e-324", "5e-324");
    rt("1.7976931348623157e308", "1.7976931348623157e+308");
    rt("[1,2.5,[],{}]", "[1,2.5,[],{}]");
}

static void test_js_dtoa(void **s)
{
    (void)s;
    char t[32];
    js_dtoa(1e21, t); assert_string_equal(t, "1e+21");
    js_dtoa(123456789012345680000.0, t); assert_string_equal(t, "123456789012345680000");
    js_dtoa(0.000001, t); assert_string_equal(t, "0.000001");
    js_dtoa(1e-7, t); assert_string_equal(t, "1e-7");
    js_dtoa(-1.5, t); assert_string_equal(t, "-1.5");
    js_dtoa(100, t); assert_string_equal(t, "100");
    js_dtoa(1.0 / 0.0, t); assert_string_equal(t, "Infinity");
}

static void test_strings(void **s)
{
    (void)s;
    rt("\"a\\\"b\\\\c\\/d\"", "\"a\\\"b\\\\c/d\"");
    rt("\"\\u00e9\\u4e2d\"", "\"\xc3\xa9\xe4\xb8\xad\"");
    rt("\"\\ud83d\\ude00\"", "\"\xf0\x9f\x98\x80\"");          /* surrogate pair */
    rt("\"\\ud83d\"", "\"\\ud83d\"");                            /* lone high */
    rt("\"x\\ude00y\"", "\"x\\ude00y\"");                        /* lone low */
    rt("\"\\u0001\\b\\f\\n\\r\\t\"", "\"\\u0001\\b\\f\\n\\r\\t\"");
    rt("\"\xe2\x80\xa8\"", "\"\xe2\x80\xa8\"");                  /* U+2028 raw */
    rt("\"\\u2028\"", "\"\xe2\x80\xa8\"");
    rt("\"\xf0\x9f\x8e\x89 party\"", "\"\xf0\x9f\x8e\x89 party\"");
}

static void test_objects(void **s)
{
    (void)s;
    rt("{}", "{}");
    rt("[]", "[]");
    rt("{\"b\":1,\"2\":\"x\",\"a\":1.50,\"1\":\"y\",\"01\":3}", "{\"1\":\"y\",\"2\":\"x\",\"b\":1,\"a\":1.5,\"01\":3}");
    rt("{\"a\":1,\"b\":2,\"a\":3}", "{\"a\":3,\"b\":2}");
    rt(" { \"a\" : [ true , false , null ] } ", "{\"a\":[true,false,null]}");
}

static void test_errors(void **s)
{
    (void)s;
    bad("{\"a\" 1}", 5, "expected ':'");
    bad("[1,2", 4, "unterminated array");
    bad("{\"a\":1,}", 7, "expected a string key");
    bad("\"abc", 4, "unterminated string");
    bad("01", 1, "unexpected data");
    bad("\"\\x\"", 1, "invalid escape");
    bad("\"a\x01\"", 2, "control character");
    bad("\"\xff\"", 1, "invalid UTF-8");
    bad("\"\xed\xa0\x80\"", 1, "invalid UTF-8");
    bad("", 0, "unexpected end");
    bad("tru", 0, "unexpected character");
    bad("1.", 2, "expected a digit");
    bad("{} x", 3, "unexpected data");
}

static void test_limits(void **s)
{
    (void)s;
    char deep[400];
    size_t n = 0;
    for (int i = 0; i < 150; i++) deep[n++] = '[';
    for (int i = 0; i < 150; i++) deep[n++] = ']';
    jv v;
    jerr e;
    assert_int_equal(json_parse(&A, deep, n, NULL, &v, &e), -1);
    assert_non_null(strstr(e.msg, "nesting deeper than 128"));
    jlimits lim = {.max_depth = 200, .max_bytes = 0};
    assert_int_equal(json_parse(&A, deep, n, &lim, &v, &e), 0);
    lim.max_bytes = 10;
    assert_int_equal(json_parse(&A, deep, n, &lim, &v, &e), -1);
    assert_non_null(strstr(e.msg, "larger than the limit"));
    jarena_reset(&A);
}

static void test_access(void **s)
{
    (void)s;
    const char *in = "{\"a\":{\"b\":[1,\"x\"]},\"n\":42,\"f\":1.5}";
    jv v;
    jerr e;
    assert_int_equal(json_parse(&A, in, strlen(in), NULL, &v, &e), 0);
    const jv *a = jv_getz(&v, "a");
    assert_non_null(a);
    const jv *b = jv_getz(a, "b");
    assert_int_equal(b->type, JV_ARR);
    assert_int_equal(b->n, 2);
    assert_null(jv_getz(&v, "zz"));
    int64_t i;
    assert_true(jv_num_int64(jv_getz(&v, "n"), &i));
    assert_int_equal(i, 42);
    assert_false(jv_num_int64(jv_getz(&v, "f"), &i));
    assert_true(jv_num_double(jv_getz(&v, "f")) == 1.5);
    jv c;
    jarena B;
    jarena_init(&B, 0);
    assert_int_equal(jv_clone(&B, &v, &c), 0);
    jarena_reset(&A);
    jv w;
    assert_int_equal(json_parse(&A, in, strlen(in), NULL, &w, &e), 0);
    assert_true(jv_equal(&c, &w));
    jarena_free(&B);
    assert_string_equal(jv_type_phrase(&w), "an object");
    assert_int_equal(utf16_len("\xf0\x9f\x98\x80" "a\xc3\xa9", 7), 4);
    jarena_reset(&A);
}

static void test_undef_members(void **s)
{
    (void)s;
    jv o = jv_obj_new(&A, 3);
    o.u.members[0] = (jmember){"a", 1, jv_str(&A, "x", 1)};
    o.u.members[1] = (jmember){"b", 1, jv_undef()};
    o.u.members[2] = (jmember){"c", 1, jv_null()};
    jbuf b;
    jbuf_init(&b);
    json_write(&b, &o);
    assert_string_equal(jbuf_cstr(&b), "{\"a\":\"x\",\"c\":null}");
    assert_null(jv_getz(&o, "b"));
    jbuf_reset(&b);
    json_write_pretty(&b, &o, 2);
    assert_string_equal(jbuf_cstr(&b), "{\n  \"a\": \"x\",\n  \"c\": null\n}");
    jbuf_free(&b);
    jarena_reset(&A);
}

static void test_arena_limit(void **s)
{
    (void)s;
    jarena small;
    jarena_init(&small, 1024);
    const char *in = "[\"\\u00e9aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"," \
                     "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32," \
                     "33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61]";
    jv v;
    jerr e;
    assert_int_equal(json_parse(&small, in, strlen(in), NULL, &v, &e), -1);
    assert_non_null(strstr(e.msg, "out of memory"));
    jarena_free(&small);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),   cmocka_unit_test(test_js_dtoa),
        cmocka_unit_test(test_strings),   cmocka_unit_test(test_objects),
        cmocka_unit_test(test_errors),    cmocka_unit_test(test_limits),
        cmocka_unit_test(test_access),    cmocka_unit_test(test_undef_members),
        cmocka_unit_test(test_arena_limit),
    };
    return cmocka_run_group_tests_name("json", tests, setup, teardown);
}

/* Unit tests: the request headers as lines (request_header_lines), for the
 * sender (the key whole, whatever its length up to SENDER_API_KEY_MAX) and for
 * preview (the key masked: request_key_mask). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deliver/sender.h"
#include "map/actions.h"

#define TOKEN "X-Encharge-Token: "

/* A key of n bytes, not all alike (a cut or a shifted copy shows). */
static char *make_key(size_t n)
{
    char *k = malloc(n + 1);
    assert_non_null(k);
    for (size_t i = 0; i < n; i++) k[i] = (char)('a' + i % 26);
    k[n] = 0;
    return k;
}

static void expect_fixed_lines(char **l)
{
    assert_string_equal(l[0], "Content-Type: application/json");
    assert_string_equal(l[2], "X-Segment-Actions: 1");
    assert_string_equal(l[3], "User-Agent: " USER_AGENT);
    assert_null(l[4]);
}

/* The header lines for a key of n bytes, seen as view: the lines but the
 * token's as always. */
static char **lines_of(const char *key, size_t n, request_key_view view)
{
    char **l = request_header_lines(key, n, view);
    assert_non_null(l);
    expect_fixed_lines(l);
    return l;
}

/* The token line for a key of n bytes, seen as view, is TOKEN want. */
static void expect_token(const char *key, size_t n, request_key_view view, const char *want)
{
    char **l = lines_of(key, n, view);
    assert_memory_equal(l[1], TOKEN, strlen(TOKEN));
    assert_string_equal(l[1] + strlen(TOKEN), want);
    free(l);
}

static void test_short_key(void **s)
{
    (void)s;
    expect_token("tok", 3, REQUEST_KEY_WHOLE, "tok");
    expect_token("", 0, REQUEST_KEY_WHOLE, "");
}

/* Longer than the 511 bytes a header line used to have. */
static void whole_key(size_t n)
{
    char *k = make_key(n);
    char **l = lines_of(k, n, REQUEST_KEY_WHOLE);
    assert_int_equal(strlen(l[1]), strlen(TOKEN) + n);
    assert_memory_equal(l[1], TOKEN, strlen(TOKEN));
    assert_memory_equal(l[1] + strlen(TOKEN), k, n);
    free(l);
    free(k);
}

static void test_long_keys_whole(void **s)
{
    (void)s;
    whole_key(494);
    whole_key(2000);
    whole_key(SENDER_API_KEY_MAX);
}

/* The key given by length: bytes after it are not part of it. */
static void test_key_by_length(void **s)
{
    (void)s;
    expect_token("abcdef", 3, REQUEST_KEY_WHOLE, "abc");
}

static void test_masked(void **s)
{
    (void)s;
    expect_token("secret-key-123456", 17, REQUEST_KEY_MASKED, "*************3456");
    expect_token("shortkey-11", 11, REQUEST_KEY_MASKED, "***********"); /* under 12: all masked */

    size_t n = 2000;
    char *k = make_key(n);
    char **l = lines_of(k, n, REQUEST_KEY_MASKED);
    assert_int_equal(strlen(l[1]), strlen(TOKEN) + n);
    assert_int_equal(strspn(l[1] + strlen(TOKEN), "*"), n - 4);
    assert_string_equal(l[1] + strlen(TOKEN) + n - 4, k + n - 4);
    assert_null(memmem(l[1], strlen(l[1]), k, 5));
    free(l);
    free(k);
}

/* The last 4 bytes never show part of a UTF-8 character. */
static void test_mask_utf8_tail(void **s)
{
    (void)s;
    const char *k = "0123456789ab\xC3\xA9xyz";  /* the 4-byte tail starts inside the é */
    char out[17];
    request_key_mask(k, 17, out);
    assert_memory_equal(out, "**************xyz", 17);
    const char *k2 = "0123456789ab\xC3\xA9xy";  /* the tail starts at the é: shown whole */
    request_key_mask(k2, 16, out);
    assert_memory_equal(out, "************\xC3\xA9xy", 16);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_key),   cmocka_unit_test(test_long_keys_whole),
        cmocka_unit_test(test_key_by_length), cmocka_unit_test(test_masked),
        cmocka_unit_test(test_mask_utf8_tail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

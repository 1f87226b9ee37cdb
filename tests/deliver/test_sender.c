/* Unit tests: retry classification, Retry-After parsing, and the sender loop
 * against a closed loopback port (connection refused -> retried with backoff
 * until the window ends) and abort. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "deliver/sender.h"

static void test_retryable(void **s)
{
    (void)s;
    long yes[] = {408, 423, 429, 500, 502, 503, 504, 507, 511, 598, 599};
    long no[] = {200, 301, 400, 401, 403, 404, 409, 413, 422, 501};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (!status_retryable(yes[i])) fail_msg("%ld should be retried", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (status_retryable(no[i])) fail_msg("%ld should be final", no[i]);
}

static void test_retry_after(void **s)
{
    (void)s;
    int64_t now = (int64_t)1764324000 * 1000; /* 2025-11-28T10:00:00Z */
    assert_true(parse_retry_after("2", now) == 2);
    assert_true(parse_retry_after(" 120 \r\n", now) == 120);
    assert_true(parse_retry_after("Fri, 28 Nov 2025 10:00:30 GMT", now) == 30);
    assert_true(parse_retry_after("Fri, 28 Nov 2025 09:00:00 GMT", now) == 0); /* in the past */
    assert_true(parse_retry_after("soon", now) < 0);
    assert_true(parse_retry_after("", now) < 0);
    assert_true(parse_retry_after(NULL, now) < 0);
    assert_true(parse_retry_after("5x", now) < 0);
}

typedef struct {
    int done;
    sender_result last;
} results;

static void on_done(void *ctx, void *ud, const sender_result *r)
{
    (void)ud;
    results *res = ctx;
    res->done++;
    res->last = *r;
}

/* A loopback port with nothing listening. */
static int closed_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bind(fd, (struct sockaddr *)&a, sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &len);
    close(fd);
    return ntohs(a.sin_port);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_refused_until_window(void **s)
{
    (void)s;
    sender_opts o;
    sender_opts_default(&o);
    o.backoff_base_s = 0.02;
    o.backoff_cap_s = 0.05;
    o.retry_window_s = 0.5;
    o.api_key = "k";
    o.api_key_len = 1;
    results res = {0};
    char err[256];
    sender *snd = sender_new(&o, on_done, &res, err, sizeof err);
    assert_non_null(snd);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/v1", closed_port());
    request rq = {.method = "POST", .url = url, .body = "{}", .body_len = 2};
    assert_int_equal(sender_submit(snd, &rq, NULL), 0);
    double t0 = now_s();
    while (sender_run(snd, 50) > 0 && now_s() - t0 < 10) {
    }
    double took = now_s() - t0;
    assert_int_equal(res.done, 1);
    assert_int_equal(res.last.outcome, OUT_EXHAUSTED);
    assert_true(res.last.attempts >= 3);
    assert_int_equal(res.last.status, 0);
    assert_non_null(strstr(res.last.error, "onnect"));
    assert_true(took < 2.0);
    sender_stats st;
    sender_get_stats(snd, &st);
    assert_int_equal(st.exhausted, 1);
    assert_int_equal(st.retries, (uint64_t)res.last.attempts - 1);
    sender_free(snd);
}

static void test_abort(void **s)
{
    (void)s;
    sender_opts o;
    sender_opts_default(&o);
    o.backoff_base_s = 10; /* the retry waits long: abort must end it */
    results res = {0};
    char err[256];
    sender *snd = sender_new(&o, on_done, &res, err, sizeof err);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/v1", closed_port());
    request rq = {.method = "DELETE", .url = url, .body = NULL, .body_len = 0};
    for (int i = 0; i < 5; i++) sender_submit(snd, &rq, NULL);
    for (int i = 0; i < 20 && res.done == 0; i++) sender_run(snd, 20);
    assert_int_equal(res.done, 0);
    sender_abort(snd);
    assert_int_equal(res.done, 5);
    assert_int_equal(res.last.outcome, OUT_ABORTED);
    assert_int_equal(sender_run(snd, 0), 0);
    sender_free(snd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_retryable),
        cmocka_unit_test(test_retry_after),
        cmocka_unit_test(test_refused_until_window),
        cmocka_unit_test(test_abort),
    };
    return cmocka_run_group_tests_name("sender", tests, NULL, NULL);
}

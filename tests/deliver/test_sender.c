/* Unit tests: retry classification, Retry-After parsing, option ranges,
 * endpoints, and the sender loop against a closed loopback port (connection
 * refused -> retried with backoff until the window ends) and against a small
 * raw-HTTP server in a child process on loopback (tests/deliver/stub.h) that
 * misbehaves on purpose: absurd Retry-After values, bodies that trickle, answers
 * that never come, huge bodies, redirects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <malloc.h>
#include <math.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "deliver/sender.h"
#include "deliver/stub.h"

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

/* A Retry-After value and the seconds it must give (REFUSED: below 0). */
typedef struct {
    const char *v;
    double want;
} retry_after_case;

#define REFUSED (-1.0)

static void check_retry_after(const retry_after_case *c, size_t n)
{
    int64_t now = (int64_t)1764324000 * 1000; /* 2025-11-28T10:00:00Z */
    for (size_t i = 0; i < n; i++) {
        double got = parse_retry_after(c[i].v, now);
        if (c[i].want == REFUSED ? !(got < 0) : got != c[i].want)
            fail_msg("Retry-After '%s': got %g, want %s%g", c[i].v ? c[i].v : "(null)", got,
                     c[i].want == REFUSED ? "below " : "", c[i].want == REFUSED ? 0.0 : c[i].want);
    }
}

static void test_retry_after(void **s)
{
    (void)s;
    static const retry_after_case cases[] = {
        {"2", 2}, {" 120 \r\n", 120}, {"Fri, 28 Nov 2025 10:00:30 GMT", 30},
        {"Fri, 28 Nov 2025 09:00:00 GMT", 0}, /* in the past */
        {"soon", REFUSED}, {"", REFUSED}, {NULL, REFUSED}, {"5x", REFUSED},
    };
    check_retry_after(cases, sizeof cases / sizeof *cases);
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

static sender *new_sender(const sender_opts *o, results *res)
{
    char err[256];
    sender *snd = sender_new(o, on_done, res, err, sizeof err);
    if (!snd) fail_msg("sender_new: %s", err);
    return snd;
}

/* Submits `times` POSTs of {} to http://127.0.0.1:PORT/v1. */
static void submit_posts(sender *snd, int port, int times)
{
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/v1", port);
    request rq = {.method = "POST", .url = url, .body = "{}", .body_len = 2};
    for (int i = 0; i < times; i++) assert_int_equal(sender_submit(snd, &rq, NULL), 0);
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
    sender *snd = new_sender(&o, &res);
    submit_posts(snd, closed_port(), 1);
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
    sender *snd = new_sender(&o, &res);
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


/* ---- Retry-After, strictly ------------------------------------------------------ */
static void test_retry_after_strict(void **s)
{
    (void)s;
    static const retry_after_case cases[] = {
        {"1e999", REFUSED}, {"1.5", REFUSED}, {"-5", REFUSED}, {"+3", REFUSED},
        {"0x10", REFUSED}, {"inf", REFUSED}, {"nan", REFUSED}, {"3 4", REFUSED},
        {"0", 0}, {"\t7 ", 7}, {"99999999999999999999", RETRY_AFTER_MAX_S}, {"315360001", RETRY_AFTER_MAX_S},
        /* the three HTTP-date forms */
        {"Friday, 28-Nov-25 10:01:00 GMT", 60}, {"Fri Nov 28 10:00:05 2025", 5},
        {"Sat Dec  6 10:00:00 2025", 8 * 86400}, {"Fri, 28 Nov 9999 10:00:00 GMT", RETRY_AFTER_MAX_S},
        /* near misses */
        {"Fri, 32 Nov 2025 10:00:30 GMT", REFUSED}, {"Fri, 28 Nov 2025 25:00:30 GMT", REFUSED},
        {"Fri, 28 Nov 2025 10:00:30 UTC", REFUSED}, {"Fri, 28 Nov 2025 10:00:30 GMT x", REFUSED},
        {"28 Nov 2025 10:00:30 GMT", REFUSED}, {"Fri, 28 Foo 2025 10:00:30 GMT", REFUSED},
    };
    check_retry_after(cases, sizeof cases / sizeof *cases);
}

/* Runs until n jobs are done or `limit` seconds passed; returns the seconds. */
static double run_until(sender *snd, results *res, int n, double limit)
{
    double t0 = now_s();
    while (res->done < n && now_s() - t0 < limit) sender_run(snd, 20);
    return now_s() - t0;
}

static void test_opts_ranges(void **s)
{
    (void)s;
    static const struct {
        const char *name;
        int field;
        double v;
    } bad[] = {
        {"backoff_base_s must be between 0.001 and 3600", 0, -1}, {"backoff_base_s", 0, 0},
        {"backoff_base_s", 0, NAN}, {"backoff_base_s", 0, 1e9}, {"backoff_cap_s", 1, -3},
        {"backoff_cap_s", 1, INFINITY}, {"retry_window_s", 2, -1}, {"retry_window_s", 2, NAN},
        {"max_inflight", 3, 0}, {"max_inflight", 3, 1e6}, {"timeout_ms", 4, 0}, {"timeout_ms", 4, -5},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        sender_opts o;
        sender_opts_default(&o);
        switch (bad[i].field) {
        case 0: o.backoff_base_s = bad[i].v; break;
        case 1: o.backoff_cap_s = bad[i].v; break;
        case 2: o.retry_window_s = bad[i].v; break;
        case 3: o.max_inflight = (int)bad[i].v; break;
        default: o.timeout_ms = (long)bad[i].v; break;
        }
        char err[256] = "";
        results res = {0};
        sender *snd = sender_new(&o, on_done, &res, err, sizeof err);
        if (snd) fail_msg("%s = %g accepted", bad[i].name, bad[i].v);
        if (!strstr(err, bad[i].name)) fail_msg("error '%s' does not name %s", err, bad[i].name);
    }
    sender_opts o;
    sender_opts_default(&o);
    o.api_key = "a\r\nX-Evil: 1";
    o.api_key_len = strlen(o.api_key);
    char err[256];
    results res = {0};
    assert_null(sender_new(&o, on_done, &res, err, sizeof err));
    assert_non_null(strstr(err, "api_key"));
}

/* One job to a server that answers 503 with Retry-After: VALUE to
 * everything: it ends exhausted, after min_requests to max_requests requests,
 * in less than max_s seconds, with an error that contains error. */
static void exhausted_by_retry_after(const char *value, int min_requests, int max_requests, double max_s,
                                     const char *error)
{
    char head[256];
    snprintf(head, sizeof head, "HTTP/1.1 503 Service Unavailable\r\nRetry-After: %s\r\n", value);
    stub_spec sp = {.head = head, .body = "{}"};
    stub st;
    assert_int_equal(stub_start(&st, &sp), 0);
    sender_opts o;
    sender_opts_default(&o);
    o.backoff_base_s = 0.05;
    o.backoff_cap_s = 0.2;
    o.retry_window_s = 1;
    results res = {0};
    sender *snd = new_sender(&o, &res);
    submit_posts(snd, st.port, 1);
    double took = run_until(snd, &res, 1, 5);
    sender_free(snd);
    int n = *st.count;
    stub_stop(&st);
    assert_int_equal(res.done, 1);
    assert_int_equal(res.last.outcome, OUT_EXHAUSTED);
    if (n < min_requests || n > max_requests)
        fail_msg("Retry-After: %s: %d requests, not %d to %d", value, n, min_requests, max_requests);
    assert_true(took < max_s);
    assert_non_null(strstr(res.last.error, error));
}

/* 1e999 is no Retry-After: ignored, the backoff applies; no request storm. */
static void test_retry_after_unparsable_no_storm(void **s)
{
    (void)s;
    exhausted_by_retry_after("1e999", 2, 40, 2.5, "not understood");
}

/* A Retry-After beyond the window ends the job at once, with the value. */
static void test_retry_after_beyond_window(void **s)
{
    (void)s;
    exhausted_by_retry_after("99999999999999999999", 1, 1, 0.9, "Retry-After: 99999999999999999999");
}

/* ---- endpoints and permanent transport errors ------------------------------------- */
static void test_endpoint_check(void **s)
{
    (void)s;
    char err[256];
    assert_int_equal(endpoint_check("https://ingest.encharge.io", err, sizeof err), 0);
    assert_int_equal(endpoint_check("http://127.0.0.1:8080", err, sizeof err), 0);
    assert_int_equal(endpoint_check("http://[::1]:8080/base", err, sizeof err), 0);
    static const char *const bad[][2] = {
        {"htp://127.0.0.1:8080", ""}, {"ftp://127.0.0.1", "http or https"}, {"http://127.0.0.1:99999", ""},
        {"http://127.0.0.1:0", "port"}, {"http://[::1", ""}, {"", "empty"}, {"127.0.0.1:8080", ""},
        {"http://h/?q=1", "query"}, {"http://h/#f", "fragment"}, {"http://", ""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err[0] = 0;
        if (endpoint_check(bad[i][0], err, sizeof err) == 0) fail_msg("'%s' accepted", bad[i][0]);
        if (!strstr(err, bad[i][1]) || !err[0]) fail_msg("'%s': error '%s'", bad[i][0], err);
    }
}

/* A malformed URL or a foreign scheme is final at once (not four hours of retries). */
static void test_permanent_transport_errors(void **s)
{
    (void)s;
    static const char *const urls[] = {"htp://127.0.0.1:1/v1", "http://127.0.0.1:99999/v1", "http://[::1/v1",
                                       "file:///etc/passwd", "ftp://127.0.0.1:1/v1"};
    sender_opts o;
    sender_opts_default(&o); /* 4 h window */
    results res = {0};
    sender *snd = new_sender(&o, &res);
    for (size_t i = 0; i < sizeof urls / sizeof *urls; i++) {
        request rq = {.method = "POST", .url = urls[i], .body = "{}", .body_len = 2};
        assert_int_equal(sender_submit(snd, &rq, NULL), 0);
        int before = res.done;
        run_until(snd, &res, before + 1, 2);
        if (res.done != before + 1) fail_msg("%s: not finished at once", urls[i]);
        assert_int_equal(res.last.outcome, OUT_REJECTED);
        assert_int_equal(res.last.attempts, 1);
        assert_non_null(strstr(res.last.error, "not retried"));
    }
    sender_free(snd);
}

/* ---- answers that misbehave ------------------------------------------------------------- */
/* One job to a server of spec sp, with options o (NULL: the defaults), to its
 * end; *requests: how many the server received. */
static results one_request(const stub_spec *sp, const sender_opts *o, int *requests)
{
    sender_opts dflt;
    if (!o) {
        sender_opts_default(&dflt);
        o = &dflt;
    }
    stub st;
    assert_int_equal(stub_start(&st, sp), 0);
    results res = {0};
    sender *snd = new_sender(o, &res);
    submit_posts(snd, st.port, 1);
    run_until(snd, &res, 1, 10);
    sender_free(snd);
    *requests = *st.count;
    stub_stop(&st);
    return res;
}

/* A 2xx whose body still trickles in when the timeout hits: delivered, once. */
static void test_trickling_2xx_is_delivered(void **s)
{
    (void)s;
    stub_spec sp = {.head = "HTTP/1.1 200 OK\r\n", .body = "{\"success\":true,\"x\":1}", .trickle_ms = 100};
    sender_opts o;
    sender_opts_default(&o);
    o.timeout_ms = 400;
    o.backoff_base_s = 0.01;
    o.backoff_cap_s = 0.01;
    o.retry_window_s = 3;
    int n;
    results res = one_request(&sp, &o, &n);
    assert_int_equal(res.done, 1);
    assert_int_equal(res.last.outcome, OUT_DELIVERED);
    assert_int_equal(res.last.attempts, 1);
    assert_int_equal(res.last.status, 200);
    assert_int_equal(n, 1);
}

/* The first KiB is kept, the whole length counted. */
static void test_body_full_length(void **s)
{
    (void)s;
    stub_spec sp = {.head = "HTTP/1.1 400 Bad Request\r\n", .body_bytes = 300000};
    int n;
    results res = one_request(&sp, NULL, &n);
    assert_int_equal(res.last.outcome, OUT_REJECTED);
    assert_int_equal(res.last.body_len, 1024);
    assert_int_equal(strlen(res.last.body), 1024);
    assert_int_equal(res.last.body_full_len, 300000);
}

/* An API key of 2,000 bytes goes out whole (its length checked by the stub). */
static void test_long_api_key(void **s)
{
    (void)s;
    static char key[2001];
    memset(key, 'k', sizeof key - 1);
    stub_spec sp = {.head = "HTTP/1.1 200 OK\r\n", .body = "{}", .token_len = sizeof key - 1};
    sender_opts o;
    sender_opts_default(&o);
    o.api_key = key;
    o.api_key_len = sizeof key - 1;
    int n;
    results res = one_request(&sp, &o, &n);
    assert_int_equal(res.last.outcome, OUT_DELIVERED);
}

/* A redirect is not followed: final, with where it pointed. */
static void test_redirect_not_followed(void **s)
{
    (void)s;
    stub_spec sp = {.head = "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:1/elsewhere\r\n", .body = ""};
    int n;
    results res = one_request(&sp, NULL, &n);
    assert_int_equal(res.last.outcome, OUT_REJECTED);
    assert_int_equal(res.last.status, 307);
    assert_non_null(strstr(res.last.error, "redirect to http://127.0.0.1:1/elsewhere not followed"));
    assert_int_equal(n, 1);
}

/* ---- interrupts -------------------------------------------------------------------------- */
typedef struct {
    int n[5];
    char error[5][256];
} outcomes;

static void on_outcome(void *ctx, void *ud, const sender_result *r)
{
    (void)ud;
    outcomes *o = ctx;
    o->n[r->outcome]++;
    snprintf(o->error[r->outcome], sizeof o->error[0], "%s", r->error);
}

/* Five jobs, two in flight (fixed cap 2) to a server of spec sp; runs until
 * the server holds both. */
static sender *two_in_flight(const stub_spec *sp, stub *st, outcomes *out)
{
    assert_int_equal(stub_start(st, sp), 0);
    sender_opts o;
    sender_opts_default(&o);
    o.max_inflight = 2;
    o.adaptive = false;
    o.timeout_ms = 3000;
    char err[256];
    sender *snd = sender_new(&o, on_outcome, out, err, sizeof err);
    assert_non_null(snd);
    submit_posts(snd, st->port, 5);
    double t0 = now_s();
    while (*st->count < 2 && now_s() - t0 < 5) sender_run(snd, 20);
    assert_int_equal(*st->count, 2);
    return snd;
}

/* Once the five jobs of two_in_flight ended: the sender's counts of those
 * aborted and in doubt; frees the sender and stops the server. */
static void end_two_in_flight(sender *snd, stub *st, uint64_t aborted, uint64_t in_doubt)
{
    sender_stats ss;
    sender_get_stats(snd, &ss);
    assert_int_equal(ss.aborted, aborted);
    assert_int_equal(ss.in_doubt, in_doubt);
    sender_free(snd);
    stub_stop(st);
}

/* Drain: the two in flight finish (delivered), nothing new starts; abort
 * then ends the three never sent as such. */
static void test_drain(void **s)
{
    (void)s;
    stub_spec sp = {.head = "HTTP/1.1 200 OK\r\n", .body = "{}", .delay_ms = 300};
    stub st;
    outcomes out = {0};
    sender *snd = two_in_flight(&sp, &st, &out);
    double t0 = now_s();
    while (sender_drain(snd, 50) > 0 && now_s() - t0 < 5) {
    }
    assert_int_equal(out.n[OUT_DELIVERED], 2);
    sender_abort(snd);
    assert_int_equal(out.n[OUT_ABORTED], 3);
    assert_string_equal(out.error[OUT_ABORTED], "interrupted before it was sent");
    assert_int_equal(out.n[OUT_IN_DOUBT], 0);
    assert_int_equal(*st.count, 2);
    end_two_in_flight(snd, &st, 3, 0);
}

/* Abort with requests the server holds: those are in doubt, the rest aborted. */
static void test_abort_in_doubt(void **s)
{
    (void)s;
    stub_spec sp = {.hang = true};
    stub st;
    outcomes out = {0};
    sender *snd = two_in_flight(&sp, &st, &out);
    sender_abort(snd);
    assert_int_equal(out.n[OUT_IN_DOUBT], 2);
    assert_string_equal(out.error[OUT_IN_DOUBT], "interrupted while in flight: may have arrived");
    assert_int_equal(out.n[OUT_ABORTED], 3);
    end_two_in_flight(snd, &st, 5, 2);
}

/* ---- memory --------------------------------------------------------------------------- */
/* Rounds of jobs whose bodies grow a little each round (each round fails at
 * once: a closed port, no retry window): memory stays that of one round. */
static void test_job_memory_bounded(void **s)
{
    (void)s;
    sender_opts o;
    sender_opts_default(&o);
    o.retry_window_s = 0;
    o.adaptive = false; /* the controller would pace a dead endpoint: slow */
    results res = {0};
    sender *snd = new_sender(&o, &res);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/v1", closed_port());
    static char body[8192];
    memset(body, ' ', sizeof body);
    body[0] = '{', body[1] = '}';
    enum { ROUNDS = 600, PER_ROUND = 10 };
    size_t heap0 = 0;
    for (int r = 0; r < ROUNDS; r++) {
        request rq = {.method = "POST", .url = url, .body = body, .body_len = 600 + (size_t)r * 12};
        for (int i = 0; i < PER_ROUND; i++) assert_int_equal(sender_submit(snd, &rq, NULL), 0);
        run_until(snd, &res, (r + 1) * PER_ROUND, 5);
        if (r == 10) heap0 = mallinfo2().uordblks;
    }
    assert_int_equal(res.done, ROUNDS * PER_ROUND);
    size_t grown = mallinfo2().uordblks - heap0;
    sender_stats st;
    sender_get_stats(snd, &st);
    printf("  job records %llu (%llu bytes); heap grew %zu bytes over %d rounds\n",
           (unsigned long long)st.job_records, (unsigned long long)st.job_bytes, grown, ROUNDS);
    assert_true(grown < 1024 * 1024);
    assert_true(st.job_records <= PER_ROUND);
    sender_free(snd);
}

/* ---- outages and resumed jobs ----------------------------------------------------- */
typedef struct {
    int calls, max_attempts;
    int64_t last_next_ms, last_first_ms;
} retry_log;

static void on_retry_logged(void *ctx, void *ud, int attempts, int64_t first_ms, int64_t next_ms)
{
    (void)ud;
    retry_log *l = ctx;
    l->calls++;
    if (attempts > l->max_attempts) l->max_attempts = attempts;
    l->last_next_ms = next_ms;
    l->last_first_ms = first_ms;
}

/* The server is down (connection refused) long enough for an outage, its
 * jobs wait with backoffs of up to 10 s; it comes back on the same port:
 * the probe sees it within a couple of seconds and every waiting job goes
 * at once, not after its backoff (20 waits uniform in [0, 10] s: the
 * longest would be ~9.5 s). The retry hook is told each retry. */
static void test_outage_recovery(void **s)
{
    (void)s;
    sender_opts o;
    sender_opts_default(&o);
    o.backoff_base_s = 10;
    o.backoff_cap_s = 60;
    o.adaptive = false;
    o.max_inflight = 4;
    results res = {0};
    sender *snd = new_sender(&o, &res);
    retry_log rl = {0};
    sender_on_retry(snd, on_retry_logged, &rl);
    int port = closed_port();
    submit_posts(snd, port, 20);
    sender_stats st;
    double t0 = now_s();
    do {
        sender_run(snd, 20);
        sender_get_stats(snd, &st);
    } while (!st.unreachable && now_s() - t0 < 10);
    assert_true(st.unreachable);
    assert_int_equal(res.done, 0);
    assert_true(rl.calls >= 8);
    assert_true(rl.last_next_ms > rl.last_first_ms);
    stub_spec sp = {.head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", .body = "{}", .port = port};
    stub srv;
    assert_int_equal(stub_start(&srv, &sp), 0);
    double back = now_s();
    while (res.done < 20 && now_s() - back < 15) sender_run(snd, 50);
    double took = now_s() - back;
    stub_stop(&srv);
    assert_int_equal(res.done, 20);
    assert_int_equal(res.last.outcome, OUT_DELIVERED);
    if (took > 4.0) fail_msg("delivery resumed %.1f s after the server came back (want < 4 s)", took);
    sender_get_stats(snd, &st);
    assert_false(st.unreachable);
    assert_int_equal(st.recoveries, 1);
    sender_free(snd);
}

/* A job resumed from an earlier process: its attempts go on from where they
 * were, it waits for its next attempt time, and its retry window runs from
 * its first attempt (one that began before the window: exhausted at the
 * first failure). */
static void test_resumed(void **s)
{
    (void)s;
    sender_opts o;
    sender_opts_default(&o);
    o.retry_window_s = 60;
    results res = {0};
    sender *snd = new_sender(&o, &res);
    stub_spec sp = {.head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", .body = "{}"};
    stub srv;
    assert_int_equal(stub_start(&srv, &sp), 0);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/v1", srv.port);
    request rq = {.method = "POST", .url = url, .body = "{}", .body_len = 2};
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t now = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    sender_resume rs = {.attempts = 3, .first_ms = now - 5000, .next_ms = now + 300};
    assert_int_equal(sender_submit_resumed(snd, &rq, NULL, &rs), 0);
    double t0 = now_s();
    while (res.done < 1 && now_s() - t0 < 5) sender_run(snd, 20);
    double took = now_s() - t0;
    assert_int_equal(res.done, 1);
    assert_int_equal(res.last.outcome, OUT_DELIVERED);
    assert_int_equal(res.last.attempts, 4);
    assert_true(took >= 0.25);
    assert_true(res.last.first_ms == now - 5000);
    stub_stop(&srv);
    /* the window (60 s) began 61 s ago: the first failure ends it */
    res = (results){0};
    snprintf(url, sizeof url, "http://127.0.0.1:%d/v1", closed_port());
    rs = (sender_resume){.attempts = 2, .first_ms = now - 61000, .next_ms = 0};
    assert_int_equal(sender_submit_resumed(snd, &rq, NULL, &rs), 0);
    t0 = now_s();
    while (res.done < 1 && now_s() - t0 < 5) sender_run(snd, 20);
    assert_int_equal(res.done, 1);
    assert_int_equal(res.last.outcome, OUT_EXHAUSTED);
    assert_int_equal(res.last.attempts, 3);
    sender_free(snd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_retryable),
        cmocka_unit_test(test_retry_after),
        cmocka_unit_test(test_refused_until_window),
        cmocka_unit_test(test_abort),
        cmocka_unit_test(test_retry_after_strict),
        cmocka_unit_test(test_opts_ranges),
        cmocka_unit_test(test_retry_after_unparsable_no_storm),
        cmocka_unit_test(test_retry_after_beyond_window),
        cmocka_unit_test(test_endpoint_check),
        cmocka_unit_test(test_permanent_transport_errors),
        cmocka_unit_test(test_trickling_2xx_is_delivered),
        cmocka_unit_test(test_body_full_length),
        cmocka_unit_test(test_long_api_key),
        cmocka_unit_test(test_redirect_not_followed),
        cmocka_unit_test(test_drain),
        cmocka_unit_test(test_abort_in_doubt),
        cmocka_unit_test(test_job_memory_bounded),
        cmocka_unit_test(test_outage_recovery),
        cmocka_unit_test(test_resumed),
    };
    return cmocka_run_group_tests_name("sender", tests, NULL, NULL);
}

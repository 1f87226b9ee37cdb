/* Unit tests: the Prometheus text format — runtime/obs/metrics.c.
 *
 * Covered: family lines (# HELP, # TYPE); samples with and without a label,
 * their numbers (integers without a decimal point, fractions, negative
 * values, NaN, +Inf and -Inf); label values escaped (backslash, double quote,
 * newline); the histogram (buckets cumulative, le inclusive, +Inf equal to
 * the count, the sum in seconds, a label on every line, observations from 4
 * threads at once adding up). When promtool is installed (Debian package
 * prometheus), an exposition written with these functions must pass
 * `promtool check metrics`; when it is not, the test says so and passes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "obs/metrics.h"

#define PROMTOOL "/usr/bin/promtool"

static const char *sample(const char *label, const char *value, double v)
{
    static jbuf b;
    jbuf_free(&b);
    jbuf_init(&b);
    prom_sample(&b, "m", label, value, v);
    assert_false(b.oom);
    return jbuf_cstr(&b);
}

static void test_family(void **st)
{
    (void)st;
    jbuf b;
    jbuf_init(&b);
    prom_family(&b, "encharge_events_received_total", "counter", "Events received, by path.");
    assert_string_equal(jbuf_cstr(&b), "# HELP encharge_events_received_total Events received, by path.\n"
                                       "# TYPE encharge_events_received_total counter\n");
    jbuf_reset(&b);
    prom_family(&b, "g", "gauge", "A gauge.");
    prom_family(&b, "h_seconds", "histogram", "Time.");
    assert_string_equal(jbuf_cstr(&b), "# HELP g A gauge.\n# TYPE g gauge\n"
                                       "# HELP h_seconds Time.\n# TYPE h_seconds histogram\n");
    jbuf_free(&b);
}

static void test_sample_numbers(void **st)
{
    (void)st;
    assert_string_equal(sample(NULL, NULL, 0), "m 0\n");
    assert_string_equal(sample(NULL, NULL, 42), "m 42\n");
    assert_string_equal(sample(NULL, NULL, -3), "m -3\n");
    assert_string_equal(sample(NULL, NULL, 1e6), "m 1000000\n");
    assert_string_equal(sample(NULL, NULL, 123456789012345), "m 123456789012345\n"); /* < 1e15: every digit */
    assert_string_equal(sample(NULL, NULL, 4294967296.0), "m 4294967296\n");
    assert_string_equal(sample(NULL, NULL, 0.5), "m 0.5\n");
    assert_string_equal(sample(NULL, NULL, 0.25), "m 0.25\n");
    assert_string_equal(sample(NULL, NULL, 1.5), "m 1.5\n");
    assert_string_equal(sample(NULL, NULL, -2.75), "m -2.75\n");
    assert_string_equal(sample(NULL, NULL, 0.001), "m 0.001\n");
    assert_string_equal(sample(NULL, NULL, NAN), "m NaN\n");
    assert_string_equal(sample(NULL, NULL, INFINITY), "m +Inf\n");
    assert_string_equal(sample(NULL, NULL, -INFINITY), "m -Inf\n");
    /* No integer gets a decimal point or an exponent below 1e15. */
    for (double v = 1; v < 1e15; v *= 7) {
        const char *s = sample(NULL, NULL, floor(v));
        if (strpbrk(s + 2, ".eE")) fail_msg("%.0f written %s", floor(v), s);
    }
    /* Every value reads back as a number close to it (strtod: what a scraper does). */
    double vals[] = {1.0 / 3, 2.0 / 3 * 1e-9, 12345.678, 6.02214076e23, 1e-300, 0.1 + 0.2};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        const char *s = sample(NULL, NULL, vals[i]);
        char *end;
        double back = strtod(s + 2, &end);
        assert_string_equal(end, "\n");
        if (fabs(back - vals[i]) > fabs(vals[i]) * 1e-8) fail_msg("%.17g written %s", vals[i], s);
    }
}

static void test_sample_labels(void **st)
{
    (void)st;
    assert_string_equal(sample("path", "batch", 42), "m{path=\"batch\"} 42\n");
    assert_string_equal(sample("path", "", 1), "m{path=\"\"} 1\n");
    assert_string_equal(sample("path", NULL, 1), "m{path=\"\"} 1\n");
    assert_string_equal(sample("v", "a\\b", 1), "m{v=\"a\\\\b\"} 1\n");
    assert_string_equal(sample("v", "say \"hi\"", 1), "m{v=\"say \\\"hi\\\"\"} 1\n");
    assert_string_equal(sample("v", "two\nlines", 1), "m{v=\"two\\nlines\"} 1\n");
    assert_string_equal(sample("v", "\\\"\n", 1), "m{v=\"\\\\\\\"\\n\"} 1\n");
    /* Others as they are (UTF-8, tabs, braces). */
    assert_string_equal(sample("v", "caf\xc3\xa9\t{x}", 0.5), "m{v=\"caf\xc3\xa9\t{x}\"} 0.5\n");
}

/* ---- the histogram ---------------------------------------------------------------- */

/* The value of the line of b that starts with prefix (then a space). */
static double line_value(const char *text, const char *prefix)
{
    size_t n = strlen(prefix);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        if (strncmp(p, prefix, n) == 0 && p[n] == ' ') return strtod(p + n + 1, NULL);
    }
    fail_msg("no line %s in:\n%s", prefix, text);
    return NAN;
}

static void test_histo_empty(void **st)
{
    (void)st;
    prom_histo h = {0};
    jbuf b;
    jbuf_init(&b);
    prom_histo_write(&b, "t_seconds", NULL, NULL, &h);
    assert_string_equal(jbuf_cstr(&b), "t_seconds_bucket{le=\"1e-05\"} 0\n"
                                       "t_seconds_bucket{le=\"2.5e-05\"} 0\n"
                                       "t_seconds_bucket{le=\"5e-05\"} 0\n"
                                       "t_seconds_bucket{le=\"0.0001\"} 0\n"
                                       "t_seconds_bucket{le=\"0.00025\"} 0\n"
                                       "t_seconds_bucket{le=\"0.0005\"} 0\n"
                                       "t_seconds_bucket{le=\"0.001\"} 0\n"
                                       "t_seconds_bucket{le=\"0.0025\"} 0\n"
                                       "t_seconds_bucket{le=\"0.01\"} 0\n"
                                       "t_seconds_bucket{le=\"0.05\"} 0\n"
                                       "t_seconds_bucket{le=\"0.25\"} 0\n"
                                       "t_seconds_bucket{le=\"5\"} 0\n"
                                       "t_seconds_bucket{le=\"+Inf\"} 0\n"
                                       "t_seconds_sum 0\n"
                                       "t_seconds_count 0\n");
    jbuf_free(&b);
}

static void test_histo_cumulative(void **st)
{
    (void)st;
    prom_histo h = {0};
    /* 5 µs (first bucket), exactly 10 µs (le is inclusive: first), 11 µs
     * (second), exactly 1 ms (le 0.001), 3 ms (le 0.01), 6 s (+Inf only),
     * and a negative time counted as 0. */
    int64_t obs[] = {5000, 10000, 11000, 1000000, 3000000, 6000000000LL, -7};
    for (size_t i = 0; i < sizeof obs / sizeof obs[0]; i++) prom_histo_observe(&h, obs[i]);
    jbuf b;
    jbuf_init(&b);
    prom_histo_write(&b, "t_seconds", "action", "track\"x", &h);
    const char *t = jbuf_cstr(&b);
    /* The label on every line, escaped, before le. */
    assert_non_null(strstr(t, "t_seconds_bucket{action=\"track\\\"x\",le=\"1e-05\"} 3\n"));
    assert_non_null(strstr(t, "t_seconds_sum{action=\"track\\\"x\"} "));
    assert_non_null(strstr(t, "t_seconds_count{action=\"track\\\"x\"} 7\n"));
    struct {
        const char *le;
        double want;
    } cum[] = {{"1e-05", 3},  {"2.5e-05", 4}, {"5e-05", 4}, {"0.0001", 4}, {"0.00025", 4},
               {"0.0005", 4}, {"0.001", 5},   {"0.0025", 5}, {"0.01", 6},   {"0.05", 6},
               {"0.25", 6},   {"5", 6},       {"+Inf", 7}};
    double prev = 0;
    for (size_t i = 0; i < sizeof cum / sizeof cum[0]; i++) {
        char prefix[128];
        snprintf(prefix, sizeof prefix, "t_seconds_bucket{action=\"track\\\"x\",le=\"%s\"}", cum[i].le);
        double v = line_value(t, prefix);
        if (v != cum[i].want) fail_msg("%s: %g, want %g\n%s", prefix, v, cum[i].want, t);
        assert_true(v >= prev);
        prev = v;
    }
    assert_true(line_value(t, "t_seconds_count{action=\"track\\\"x\"}") ==
                line_value(t, "t_seconds_bucket{action=\"track\\\"x\",le=\"+Inf\"}"));
    double sum = line_value(t, "t_seconds_sum{action=\"track\\\"x\"}");
    double want = (5000 + 10000 + 11000 + 1000000 + 3000000 + 6000000000.0) / 1e9;
    if (fabs(sum - want) > 1e-6) fail_msg("sum %.12g, want %.12g", sum, want);
    /* 13 bucket lines, sum, count. */
    int lines = 0;
    for (const char *p = t; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, PROM_BUCKETS + 3);
    jbuf_free(&b);
}

static void test_histo_bounds(void **st)
{
    (void)st;
    /* Each bound exactly: counted in its own bucket. */
    for (int i = 0; i < PROM_BUCKETS; i++) {
        prom_histo h = {0};
        int64_t ns = (int64_t)llround(PROM_BUCKET_BOUNDS[i] * 1e9);
        prom_histo_observe(&h, ns);
        for (int k = 0; k <= PROM_BUCKETS; k++)
            if (h.bucket[k] != (uint64_t)(k == i)) fail_msg("%lld ns: bucket %d holds %llu", (long long)ns, k,
                                                          (unsigned long long)h.bucket[k]);
        /* One more nanosecond: the next one. */
        prom_histo h2 = {0};
        prom_histo_observe(&h2, ns + 1);
        assert_int_equal(h2.bucket[i + 1], 1);
    }
    for (int i = 1; i < PROM_BUCKETS; i++) assert_true(PROM_BUCKET_BOUNDS[i] > PROM_BUCKET_BOUNDS[i - 1]);
}

typedef struct {
    prom_histo *h;
    int id;
} worker;

#define PER_THREAD 200000

static void *observer(void *p)
{
    worker *w = p;
    for (int i = 0; i < PER_THREAD; i++) prom_histo_observe(w->h, (int64_t)(i % 1000) * 1000 * (w->id + 1));
    return NULL;
}

static void test_histo_threads(void **st)
{
    (void)st;
    prom_histo h = {0};
    pthread_t th[4];
    worker w[4];
    for (int i = 0; i < 4; i++) {
        w[i] = (worker){&h, i};
        assert_int_equal(pthread_create(&th[i], NULL, observer, &w[i]), 0);
    }
    /* Writing while they observe is fine, and each snapshot is consistent
     * enough: buckets never go down, +Inf is the count written. */
    for (int k = 0; k < 50; k++) {
        jbuf b;
        jbuf_init(&b);
        prom_histo_write(&b, "t", NULL, NULL, &h);
        const char *t = jbuf_cstr(&b);
        assert_true(line_value(t, "t_count") == line_value(t, "t_bucket{le=\"+Inf\"}"));
        jbuf_free(&b);
    }
    for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);

    uint64_t want_sum = 0, want_bucket[PROM_BUCKETS + 1] = {0};
    for (int id = 0; id < 4; id++)
        for (int i = 0; i < PER_THREAD; i++) {
            int64_t ns = (int64_t)(i % 1000) * 1000 * (id + 1);
            want_sum += (uint64_t)ns;
            double s = (double)ns / 1e9;
            int b = 0;
            while (b < PROM_BUCKETS && s > PROM_BUCKET_BOUNDS[b]) b++;
            want_bucket[b]++;
        }
    assert_int_equal(h.count, 4 * PER_THREAD);
    assert_int_equal(h.sum_ns, want_sum);
    for (int b = 0; b <= PROM_BUCKETS; b++) assert_int_equal(h.bucket[b], want_bucket[b]);

    jbuf b;
    jbuf_init(&b);
    prom_histo_write(&b, "t", NULL, NULL, &h);
    const char *t = jbuf_cstr(&b);
    assert_true(line_value(t, "t_count") == 4.0 * PER_THREAD);
    assert_true(line_value(t, "t_bucket{le=\"+Inf\"}") == 4.0 * PER_THREAD);
    double sum = line_value(t, "t_sum");
    assert_true(fabs(sum - (double)want_sum / 1e9) < 1e-6 * ((double)want_sum / 1e9));
    jbuf_free(&b);
}

/* ---- promtool --------------------------------------------------------------------- */

static void exposition(jbuf *b)
{
    prom_family(b, "encharge_events_received_total", "counter", "Events received, by path.");
    prom_sample(b, "encharge_events_received_total", "path", "batch", 42);
    prom_sample(b, "encharge_events_received_total", "path", "track", 0);
    prom_sample(b, "encharge_events_received_total", "path", "we\\ird \"one\"\nhere", 3);
    prom_family(b, "encharge_queue_events", "gauge", "Events in the queue.");
    prom_sample(b, "encharge_queue_events", NULL, NULL, 1234567);
    prom_family(b, "encharge_ratio", "gauge", "A fraction.");
    prom_sample(b, "encharge_ratio", NULL, NULL, 0.125);
    prom_family(b, "encharge_unknown_ratio", "gauge", "Not known yet.");
    prom_sample(b, "encharge_unknown_ratio", NULL, NULL, NAN);
    prom_family(b, "encharge_limit_bytes", "gauge", "No limit.");
    prom_sample(b, "encharge_limit_bytes", NULL, NULL, INFINITY);
    prom_family(b, "encharge_map_duration_seconds", "histogram", "Time to map one event.");
    prom_histo h1 = {0}, h2 = {0};
    for (int i = 0; i < 1000; i++) prom_histo_observe(&h1, (int64_t)i * 7919);
    prom_histo_observe(&h2, 9000000000LL);
    prom_histo_write(b, "encharge_map_duration_seconds", "action", "track", &h1);
    prom_histo_write(b, "encharge_map_duration_seconds", "action", "identify", &h2);
}

static void test_promtool(void **st)
{
    (void)st;
    jbuf b;
    jbuf_init(&b);
    exposition(&b);
    assert_false(b.oom);
    if (access(PROMTOOL, X_OK) != 0) {
        printf("  note: %s not found (Debian package prometheus): the exposition was not checked by promtool\n",
               PROMTOOL);
        jbuf_free(&b);
        return;
    }
    FILE *p = popen(PROMTOOL " check metrics", "w");
    assert_non_null(p);
    assert_int_equal(fwrite(b.p, 1, b.len, p), b.len);
    int status = pclose(p);
    if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
        fail_msg("promtool check metrics: exit %d on:\n%s", WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                 jbuf_cstr(&b));
    printf("  promtool check metrics: ok (%zu bytes)\n", b.len);
    jbuf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_family),
        cmocka_unit_test(test_sample_numbers),
        cmocka_unit_test(test_sample_labels),
        cmocka_unit_test(test_histo_empty),
        cmocka_unit_test(test_histo_cumulative),
        cmocka_unit_test(test_histo_bounds),
        cmocka_unit_test(test_histo_threads),
        cmocka_unit_test(test_promtool),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    sample(NULL, NULL, 0); /* (the static buffer) */
    return rc;
}

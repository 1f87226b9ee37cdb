/* Unit tests of the adaptive concurrency controller (runtime/deliver/control.c)
 * against simulated servers, with a fake clock: a discrete-event simulation
 * with an endless backlog of requests, where the controller decides how many
 * are in flight (and, below one, how far apart they start). Each scenario runs
 * the controller and a fixed cap against the same server and compares what
 * got through, counted from the first request (the slow start's overshoot is
 * part of the figures):
 *   - a server that fails a fixed fraction at random (503): the window must not
 *     collapse (>= 85% of the fixed cap's throughput at 2%, >= 75% at 10%);
 *   - an overloaded server with a capacity (a sliding-window rate limit as the
 *     stand-in's --rate-limit, answering 429): >= 80% of its capacity with
 *     <= 15% of the requests refused, over 10 s (as tests/bench/deliver.sh's
 *     run against the stand-in) and over 60 s; the same server answering 503
 *     without Retry-After (not back-pressure: learnt from errors that rise
 *     with concurrency) after a warm-up of 10 s; a rate limit that drops
 *     (400/s to 100/s) and one that rises (100/s to 800/s);
 *   - a server whose round trip grows with concurrency (a queue in front of a
 *     fixed service rate): the throughput of the knee without the queue;
 *   - a fast server that rate-limits (pacing below one request in flight), a
 *     server that fails everything, a clean server (grows to the cap), a
 *     first answer that is an error (the slow start goes on). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deliver/control.h"

#define US_PER_S 1000000
#define SIM_SECONDS 60
#define MAX_SIM_INFLIGHT 1024

typedef enum { SRV_RANDOM, SRV_RATE_429, SRV_RATE_503, SRV_QUEUE } srv_kind;
#define RATE_MAX 1000 /* the largest capacity of SRV_RATE_* */

typedef struct {
    srv_kind kind;
    double p_err;       /* SRV_RANDOM: probability of a 503 */
    double capacity;    /* requests/s: rate limit (SRV_RATE_*) or service rate (SRV_QUEUE) */
    double capacity2;   /* SRV_RATE_*: the rate limit from step_us on (0: capacity throughout) */
    int64_t step_us;
    int64_t base_us;    /* round trip without queueing */
    int64_t jitter_us;  /* uniform 0..jitter added to each round trip */
    /* state */
    int64_t *ring;      /* sliding window: times of the last RATE_MAX accepted */
    size_t ring_n, head, count;
    int64_t busy_until; /* SRV_QUEUE */
    uint64_t rng;
} server;

typedef struct {
    int64_t done, start;
    ctl_signal sig;
} flight;

typedef struct {
    double ok_per_s, refused_frac, rtt_ok_ms;
    double cap_end;
    uint64_t ok, refused, answers;
} sim_result;

static int64_t fake_now(void *ctx) { return *(int64_t *)ctx; }

static double rnd(server *s)
{
    uint64_t z = (s->rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) * 0x1.0p-53;
}

static void server_reset(server *s)
{
    free(s->ring);
    s->ring_n = s->kind == SRV_RATE_429 || s->kind == SRV_RATE_503 ? RATE_MAX : 0;
    s->ring = s->ring_n ? calloc(s->ring_n, sizeof *s->ring) : NULL;
    s->head = s->count = 0;
    s->busy_until = 0;
    s->rng = 12345;
}

/* As the stand-in: accepted when fewer than the capacity were accepted in
 * the last second (the ring keeps the times of the last RATE_MAX accepted,
 * oldest at head). */
static bool rate_take(server *s, int64_t t)
{
    size_t cap = (size_t)(s->capacity2 > 0 && t >= s->step_us ? s->capacity2 : s->capacity);
    assert_true(cap <= s->ring_n);
    if (s->count >= cap && t - s->ring[(s->head + s->count - cap) % s->ring_n] < US_PER_S) return false;
    if (s->count < s->ring_n) {
        s->ring[(s->head + s->count++) % s->ring_n] = t;
    } else {
        s->ring[s->head] = t;
        s->head = (s->head + 1) % s->ring_n;
    }
    return true;
}

/* The answer to a request started at t, and when it arrives. */
static flight serve(server *s, int64_t t)
{
    flight f = {.start = t, .sig = CTL_OK};
    int64_t rtt = s->base_us + (s->jitter_us ? (int64_t)(rnd(s) * (double)s->jitter_us) : 0);
    f.done = t + rtt;
    switch (s->kind) {
    case SRV_RANDOM:
        if (rnd(s) < s->p_err) f.sig = CTL_ERROR;
        break;
    case SRV_RATE_429:
    case SRV_RATE_503: /* the stand-in decides after its latency */
        if (!rate_take(s, t + s->base_us)) f.sig = s->kind == SRV_RATE_429 ? CTL_BACKPRESSURE : CTL_ERROR;
        break;
    case SRV_QUEUE: {
        int64_t arrive = t + rtt / 2, begin = arrive > s->busy_until ? arrive : s->busy_until;
        s->busy_until = begin + (int64_t)(US_PER_S / s->capacity);
        f.done = s->busy_until + rtt / 2;
        break;
    }
    }
    return f;
}

/* The simulation: an endless backlog, `adaptive` or a fixed cap_max; what
 * is answered from warmup on counts. */
static sim_result simulate(server *srv, bool adaptive, int cap_max, int seconds, int warmup)
{
    server_reset(srv);
    int64_t now = 0, end = (int64_t)seconds * US_PER_S, warm = (int64_t)warmup * US_PER_S;
    control c;
    control_init(&c, cap_max, fake_now, &now);
    static flight fl[MAX_SIM_INFLIGHT];
    int n = 0;
    sim_result r = {0};
    double rtt_sum = 0;
    while (now < end) {
        int limit = adaptive ? control_limit(&c) : cap_max;
        while (n < limit && n < MAX_SIM_INFLIGHT && (!adaptive || control_next_start(&c) <= now)) {
            fl[n++] = serve(srv, now);
            if (adaptive) control_on_start(&c, n);
        }
        /* the next event: the earliest answer, or the next paced start */
        int64_t next = INT64_MAX;
        int first = -1;
        for (int i = 0; i < n; i++)
            if (fl[i].done < next) next = fl[i].done, first = i;
        if (adaptive && n < limit && control_next_start(&c) < next) {
            now = control_next_start(&c);
            continue;
        }
        assert_true(first >= 0);
        now = next;
        flight f = fl[first];
        if (adaptive) control_on_answer(&c, f.sig, now - f.start, n);
        fl[first] = fl[--n];
        if (now < warm) continue;
        r.answers++;
        if (f.sig == CTL_OK) {
            r.ok++;
            rtt_sum += (double)(now - f.start);
        } else {
            r.refused++;
        }
    }
    double span = (double)(end - warm) / US_PER_S;
    r.ok_per_s = (double)r.ok / span;
    r.refused_frac = r.answers ? (double)r.refused / (double)r.answers : 0;
    r.rtt_ok_ms = r.ok ? rtt_sum / (double)r.ok / 1000 : 0;
    r.cap_end = adaptive ? control_cap(&c) : cap_max;
    free(srv->ring);
    srv->ring = NULL;
    return r;
}

static void report(const char *name, const sim_result *a, const sim_result *f)
{
    printf("  %-42s adaptive %7.0f ok/s (%5.1f%% refused, rtt %6.1f ms, cap %5.1f)  fixed %7.0f ok/s (%5.1f%% "
           "refused, rtt %6.1f ms): %.0f%%\n",
           name, a->ok_per_s, a->refused_frac * 100, a->rtt_ok_ms, a->cap_end, f->ok_per_s,
           f->refused_frac * 100, f->rtt_ok_ms, f->ok_per_s ? a->ok_per_s / f->ok_per_s * 100 : 0);
}

static void random_errors(double p, double goal)
{
    server s = {.kind = SRV_RANDOM, .p_err = p, .base_us = 50000, .jitter_us = 2000};
    sim_result a = simulate(&s, true, 64, SIM_SECONDS, 0), f = simulate(&s, false, 64, SIM_SECONDS, 0);
    char name[64];
    snprintf(name, sizeof name, "random %.0f%% 503, 50 ms", p * 100);
    report(name, &a, &f);
    assert_true(a.ok_per_s >= goal * f.ok_per_s);
}

static void test_random_0(void **st) { (void)st; random_errors(0, 0.95); }
static void test_random_2(void **st) { (void)st; random_errors(0.02, 0.85); }
static void test_random_10(void **st) { (void)st; random_errors(0.10, 0.75); }
static void test_random_30(void **st) { (void)st; random_errors(0.30, 0.75); }

static void overloaded(srv_kind kind, int seconds, int warmup, const char *name)
{
    server s = {.kind = kind, .capacity = 400, .base_us = 50000, .jitter_us = 2000};
    sim_result a = simulate(&s, true, 64, seconds, warmup), f = simulate(&s, false, 64, seconds, warmup);
    report(name, &a, &f);
    assert_true(a.ok_per_s >= 0.8 * s.capacity);
    assert_true(a.refused_frac <= 0.15);
}

/* From the first request: a sliding-window limit takes the slow start's
 * burst, then refuses everything for the rest of its first second. */
static void test_rate_limit_429(void **st)
{
    (void)st;
    overloaded(SRV_RATE_429, 10, 0, "capacity 400/s, 429 beyond, 50 ms, 10 s");
    overloaded(SRV_RATE_429, SIM_SECONDS, 0, "capacity 400/s, 429 beyond, 50 ms, 60 s");
}

static void test_rate_limit_503(void **st)
{
    (void)st;
    overloaded(SRV_RATE_503, SIM_SECONDS, 10, "capacity 400/s, 503 beyond, 50 ms, 10-60 s");
}

/* The limit drops from 400/s to 100/s after 20 s (the remembered limit must
 * not hold the window up), or rises from 100/s to 800/s (it must not hold it
 * down for long): >= 80% of what the limits allow, <= 15% refused. */
static void rate_limit_changes(double before, double after, const char *name)
{
    server s = {.kind = SRV_RATE_429, .capacity = before, .capacity2 = after, .step_us = 20 * (int64_t)US_PER_S,
                .base_us = 50000, .jitter_us = 2000};
    sim_result a = simulate(&s, true, 64, SIM_SECONDS, 0), f = simulate(&s, false, 64, SIM_SECONDS, 0);
    report(name, &a, &f);
    double allowed = (before * 20 + after * (SIM_SECONDS - 20)) / SIM_SECONDS;
    if (allowed > f.ok_per_s) allowed = f.ok_per_s; /* 64 in flight at 50 ms: ~1,250/s */
    assert_true(a.ok_per_s >= 0.8 * allowed);
    assert_true(a.refused_frac <= 0.15);
}

static void test_rate_limit_changes(void **st)
{
    (void)st;
    rate_limit_changes(400, 100, "capacity 400/s then 100/s, 50 ms");
    rate_limit_changes(100, 800, "capacity 100/s then 800/s, 50 ms");
}

/* The round trip grows with concurrency beyond the knee (800/s x 50 ms = 40
 * in flight): throughput of the knee, without the queue. */
static void test_latency_grows(void **st)
{
    (void)st;
    server s = {.kind = SRV_QUEUE, .capacity = 800, .base_us = 50000, .jitter_us = 2000};
    sim_result a = simulate(&s, true, 256, SIM_SECONDS, 0), f = simulate(&s, false, 256, SIM_SECONDS, 0);
    report("queue 800/s, 50 ms, cap 256", &a, &f);
    assert_true(a.ok_per_s >= 0.9 * s.capacity);
    assert_true(a.rtt_ok_ms <= 2.5 * 50);
    assert_true(f.rtt_ok_ms > 250); /* the fixed cap queues */
}

/* A fast server (0.3 ms) that takes 400/s: one request at a time would be
 * ~3,000/s, so the controller paces below one in flight. */
static void test_fast_rate_limit_paces(void **st)
{
    (void)st;
    server s = {.kind = SRV_RATE_429, .capacity = 400, .base_us = 300, .jitter_us = 50};
    sim_result a = simulate(&s, true, 64, SIM_SECONDS, 0), f = simulate(&s, false, 64, SIM_SECONDS, 0);
    report("capacity 400/s, 429 beyond, 0.3 ms", &a, &f);
    assert_true(a.cap_end < 1);
    assert_true(a.ok_per_s >= 0.8 * s.capacity);
    assert_true(a.refused_frac <= 0.15);
    assert_true(f.refused_frac > 0.9);
}

/* Everything fails: down to the lowest window; and a clean server: up to the
 * cap within a few round trips. */
static void test_all_fail_and_clean(void **st)
{
    (void)st;
    server bad = {.kind = SRV_RANDOM, .p_err = 1, .base_us = 1000};
    sim_result a = simulate(&bad, true, 64, 20, 0);
    assert_true(a.cap_end <= CTL_CAP_MIN * 1.01);
    int64_t now = 0;
    control c;
    control_init(&c, 64, fake_now, &now);
    assert_int_equal(control_limit(&c), CTL_CAP_START);
    for (int rt = 0; rt < 8; rt++) {
        int lim = control_limit(&c);
        for (int i = 1; i <= lim; i++) control_on_start(&c, i);
        now += 50000;
        for (int i = lim; i >= 1; i--) control_on_answer(&c, CTL_OK, 50000, i);
    }
    assert_int_equal(control_limit(&c), 64);
    assert_int_equal(control_next_start(&c), 0);
}

/* A 503 as the very first answer (a first epoch of one answer) does not end
 * the slow start: the first epoch lasts a round trip from the first answer. */
static void test_first_answer_error(void **st)
{
    (void)st;
    int64_t now = 0;
    control c;
    control_init(&c, 64, fake_now, &now);
    for (int rt = 0; rt < 2; rt++) {
        int lim = control_limit(&c);
        for (int i = 1; i <= lim; i++) control_on_start(&c, i);
        now += 50000;
        for (int i = lim; i >= 1; i--) control_on_answer(&c, rt == 0 && i == lim ? CTL_ERROR : CTL_OK, 50000, i);
    }
    assert_int_equal(c.decreases, 0);
    assert_int_equal(control_limit(&c), (int)(CTL_CAP_START * CTL_PROBE_GROWTH));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_0),
        cmocka_unit_test(test_random_2),
        cmocka_unit_test(test_random_10),
        cmocka_unit_test(test_random_30),
        cmocka_unit_test(test_rate_limit_429),
        cmocka_unit_test(test_rate_limit_503),
        cmocka_unit_test(test_rate_limit_changes),
        cmocka_unit_test(test_latency_grows),
        cmocka_unit_test(test_fast_rate_limit_paces),
        cmocka_unit_test(test_all_fail_and_clean),
        cmocka_unit_test(test_first_answer_error),
    };
    return cmocka_run_group_tests_name("control", tests, NULL, NULL);
}

/* bench_map.c — mapping throughput: parse + triggers + preset Lua mapping +
 * validation + request body, single-threaded, over a realistic mix of the five
 * preset event types. Prints events/s, CPU µs per event (median and p99 of
 * 200-event batches) and peak RSS. A benchmark, not a test: it asserts nothing
 * about speed. usage: bench_map [EVENTS [CASES.ndjson]] — with a case file,
 * the events of its cases are cycled instead of the built-in mix. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "map/pool.h"

static const char *TEMPLATES[] = {
    "{\"type\":\"track\",\"messageId\":\"ajs-%d-a1b2c3\",\"timestamp\":\"2026-11-28T10:00:%02d.123Z\","
    "\"event\":\"Order Completed\",\"userId\":\"user_%d\",\"anonymousId\":\"b6a0c2f4-1c1e-4c5e-9b1a-0d9f2b3c4d5e\","
    "\"properties\":{\"orderId\":\"ORD-%d\",\"revenue\":149.99,\"currency\":\"USD\",\"products\":[{\"sku\":\"A1\",\"qty\":2}]},"
    "\"context\":{\"ip\":\"203.0.113.42\",\"userAgent\":\"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)\","
    "\"library\":{\"name\":\"analytics.js\",\"version\":\"4.1.0\"},\"page\":{\"url\":\"https://www.example.com/pricing\","
    "\"title\":\"Pricing\",\"path\":\"/pricing\"},\"traits\":{\"email\":\"jane%d@example.com\",\"firstName\":\"Jane\"}}}",
    "{\"type\":\"identify\",\"messageId\":\"ajs-%d-d4e5f6\",\"timestamp\":\"2026-11-28T10:00:%02d.123Z\","
    "\"userId\":\"user_%d\",\"anonymousId\":\"anon-%d\",\"traits\":{\"email\":\"jane%d@example.com\",\"firstName\":\"Jane\","
    "\"lastName\":\"Doe\",\"plan\":\"pro\",\"logins\":42},\"context\":{\"ip\":\"198.51.100.7\",\"userAgent\":\"curl/8.4.0\","
    "\"campaign\":{\"name\":\"spring\",\"source\":\"newsletter\",\"medium\":\"email\"},\"locale\":\"en-US\"}}",
    "{\"type\":\"page\",\"messageId\":\"ajs-%d-g7h8i9\",\"timestamp\":\"2026-11-28T10:00:%02d.123Z\",\"userId\":\"user_%d\","
    "\"anonymousId\":\"anon-%d\",\"name\":\"Pricing\",\"properties\":{\"url\":\"https://www.example.com/pricing?p=%d\","
    "\"title\":\"Pricing\"},\"context\":{\"ip\":\"203.0.113.9\",\"page\":{\"url\":\"https://www.example.com/pricing\","
    "\"referrer\":\"https://www.google.com/\",\"path\":\"/pricing\",\"search\":\"\",\"title\":\"Pricing\"},"
    "\"location\":{\"city\":\"Sofia\",\"country\":\"Bulgaria\"},\"userAgent\":\"Mozilla/5.0\"}}",
    "{\"type\":\"group\",\"messageId\":\"ajs-%d-j1k2l3\",\"timestamp\":\"2026-11-28T10:00:%02d.123Z\",\"userId\":\"user_%d\","
    "\"groupId\":\"acme-%d\",\"traits\":{\"name\":\"Acme %d\",\"employees\":120,\"industry\":\"Software\",\"plan\":\"enterprise\"},"
    "\"context\":{\"ip\":\"203.0.113.10\"}}",
    "{\"type\":\"alias\",\"messageId\":\"ajs-%d-m4n5o6\",\"timestamp\":\"2026-11-28T10:00:%02d.123Z\",\"userId\":\"user_%d\","
    "\"previousId\":\"anon-%d-%d\",\"context\":{\"ip\":\"203.0.113.11\"}}",
};
/* A realistic mix: mostly track and page, some identify, few group/alias. */
static const int MIX[] = {0, 0, 0, 0, 2, 2, 2, 1, 1, 3, 0, 2, 0, 1, 4, 0, 2, 0, 0, 3};

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One event through parse + map_event; counts into the totals when given. */
static void map_one(const mapper *m, const jv *settings, jarena *a, const char *ev, size_t len, long *requests,
                    long *failures, size_t *body_bytes)
{
    jv e;
    jerr je;
    ev_result r;
    const char *k;
    size_t kl;
    jarena_reset(a);
    if (json_parse(a, ev, len, NULL, &e, &je)) {
        (*failures)++;
        return;
    }
    *requests += map_event(m, &e, settings, a, &r, &k, &kl);
    if (r.failed) (*failures)++;
    for (int q = 0; q < r.nmatched; q++)
        if (r.r[q].ok) *body_bytes += r.r[q].req.body_len;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

enum { MAXEV = 1000 };

/* The events of a case file's preset cases (no action, no mapping). */
static int case_events(const char *path, char **ev, size_t *evlen, size_t *total)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    jarena ca;
    jarena_init(&ca, 0);
    int n = 0;
    while (f && n < MAXEV && (len = getline(&line, &cap, f)) > 0) {
        jv cs;
        jerr je;
        jarena_reset(&ca);
        if (json_parse(&ca, line, (size_t)len, NULL, &cs, &je)) continue;
        const jv *e = jv_getz(&cs, "event");
        if (!e || jv_getz(&cs, "action") || jv_getz(&cs, "mapping")) continue;
        jbuf b;
        jbuf_init(&b);
        json_write(&b, e);
        evlen[n] = b.len;
        *total += b.len;
        ev[n++] = strdup(jbuf_cstr(&b));
        jbuf_free(&b);
    }
    free(line);
    jarena_free(&ca);
    if (f) fclose(f);
    return n;
}

/* MAXEV distinct events of the built-in mix. */
static int mix_events(char **ev, size_t *evlen, size_t *total)
{
    for (int i = 0; i < MAXEV; i++) {
        char buf[2048];
        int t = MIX[i % 20];
        int len = snprintf(buf, sizeof buf, TEMPLATES[t], i, i % 60, i, i, i);
        ev[i] = strdup(buf);
        evlen[i] = (size_t)len;
        *total += (size_t)len;
    }
    return MAXEV;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 200000;
    const int BATCH = 200;
    if (n < BATCH) n = BATCH;
    char err[2048];
    luahost *lua = luahost_new(NULL, err, sizeof err);
    config c;
    if (!lua || config_load(&c, NULL, lua, err, sizeof err)) {
        fprintf(stderr, "bench: %s\n", err);
        return 1;
    }
    /* pre-generate 1000 distinct events, or take the events of a case file */
    char *ev[MAXEV];
    size_t evlen[MAXEV], total = 0;
    const char *mixname = argc > 2 ? argv[2] : "mix track/page/identify/group/alias";
    int NEV = argc > 2 ? case_events(argv[2], ev, evlen, &total) : mix_events(ev, evlen, &total);
    if (NEV == 0) {
        fprintf(stderr, "bench: no events\n");
        return 1;
    }
    jv settings;
    jarena keep;
    jarena_init(&keep, 0);
    settings = jv_obj_new(&keep, 1);
    settings.u.members[0] = (jmember){"apiKey", 6, jv_strref("bench-key", 9)};
    mapper m = {.lua = lua, .subs = c.subs, .nsubs = c.nsubs, .ep = c.ep};
    jarena a;
    jarena_init(&a, 0);

    int nb = n / BATCH;
    double *per = malloc(sizeof(double) * (size_t)nb);
    long requests = 0, failures = 0;
    size_t body_bytes = 0;
    /* warm-up */
    long wr = 0, wf = 0;
    size_t wb = 0;
    for (int i = 0; i < 2000; i++) map_one(&m, &settings, &a, ev[i % NEV], evlen[i % NEV], &wr, &wf, &wb);
    double w0 = wall_now(), c0 = cpu_now();
    for (int b = 0; b < nb; b++) {
        double t0 = cpu_now();
        for (int j = 0; j < BATCH; j++) {
            int i = b * BATCH + j;
            map_one(&m, &settings, &a, ev[i % NEV], evlen[i % NEV], &requests, &failures, &body_bytes);
        }
        per[b] = (cpu_now() - t0) / BATCH * 1e6;
    }
    double wall = wall_now() - w0, cpu = cpu_now() - c0;
    qsort(per, (size_t)nb, sizeof *per, cmp_d);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("map: %d events (%d distinct, avg %zu bytes, %s), %ld requests, %ld failed\n", n, NEV,
           total / (size_t)NEV, mixname, requests, failures);
    printf("map: %.0f events/s wall, CPU per event: median %.2f us, p99 %.2f us, mean %.2f us\n", n / wall,
           per[nb / 2], per[(nb * 99) / 100], cpu / n * 1e6);
    printf("map: avg body %zu bytes, peak RSS %ld KiB\n", requests ? body_bytes / (size_t)requests : 0, ru.ru_maxrss);
    free(per);
    /* the same events through the worker pool (map/pool.h: what `run --workers K` uses), K = 1 and every core;
       each job parses its event as run's workers do */
    int cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
    for (int k = 1; k <= cores && k <= POOL_WORKERS_MAX; k = k == 1 && cores > 1 ? cores : k + cores) {
        pool *p = pool_new(k, lua, err, sizeof err);
        if (!p) {
            fprintf(stderr, "bench: %s\n", err);
            break;
        }
        double p0 = wall_now();
        int sent = 0, back = 0;
        while (back < n) {
            pool_job *j;
            while (sent < n && (j = pool_job_get(p))) {
                j->subs = c.subs;
                j->nsubs = c.nsubs;
                j->ep = c.ep;
                j->settings = &settings;
                pool_submit(p, j, ev[sent % NEV], evlen[sent % NEV]);
                sent++;
            }
            int got = 0;
            while ((j = pool_done(p, 0))) {
                pool_job_release(p, j);
                back++;
                got++;
            }
            if (!got && (j = pool_done(p, 1))) { /* nothing finished yet: wait a little */
                pool_job_release(p, j);
                back++;
            }
        }
        double pw = wall_now() - p0;
        printf("map: worker pool, %d worker(s): %.0f events/s wall (parse + map per event)\n", k, n / pw);
        pool_free(p);
    }
    for (int i = 0; i < NEV; i++) free(ev[i]);
    jarena_free(&a);
    jarena_free(&keep);
    config_free(&c);
    luahost_free(lua);
    return 0;
}

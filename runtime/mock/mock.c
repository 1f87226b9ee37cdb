/* mock.c — encharge-mock: a local stand-in for Encharge's HTTP API.
 *
 * Used by the integration tests, `make demo` and the benchmarks in place of
 * https://ingest.encharge.io and https://api.encharge.io. It serves the
 * endpoints the destination calls (docs/upstream-behaviour.md §1), checks the token and the JSON
 * bodies, can record every request as NDJSON, and injects faults (failures,
 * dropped connections, latency, rate limiting) from a seeded PRNG.
 *
 *   encharge-mock [--port N] [--api-key KEY] [--record FILE] [--fail-rate P]
 *                 [--fail-status S] [--retry-after SECONDS] [--latency-ms N]
 *                 [--drop-rate P] [--rate-limit N] [--seed N] [--threads N]
 *                 [--max-body BYTES] [--idle-timeout SECONDS]
 *                 [--retry-after-value TEXT] [--redirect URL] [--redirect-status S]
 *                 [--trickle-ms N] [--body-bytes N] [--hang]
 *
 * The first line on stdout is `listening on http://127.0.0.1:PORT`.
 *
 * Threading: libmicrohttpd with its own threads. Without latency, a pool of
 * event-driven (epoll) threads, one per CPU by default: a handler never blocks,
 * so a couple of threads serve any number of keep-alive connections. With
 * --latency-ms, one thread per connection, so that a handler sleeping before it
 * answers delays only its own connection (HTTP/1.1 without pipelining has one
 * request in flight per connection anyway).
 *
 * Misbehaviours for the sender's tests: --retry-after-value sends any text as
 * Retry-After; --redirect answers every request with a redirect; --trickle-ms
 * sends success bodies a byte at a time; --body-bytes pads success bodies to a
 * size; --hang reads requests and never answers (each is recorded when it
 * arrives, with status 0). --trickle-ms and --hang also
 * use a thread per connection.
 *
 * Per request, in this order: latency, hang, drop, rate limit, redirect,
 * routing (404/405), token (401), body (413, 400), injected failure, success. Bodies are checked
 * once the whole upload has arrived (MHD hands it over in pieces; chunked is
 * fine); a Content-Length over --max-body is answered 413 at once, unread.
 *
 * --record FILE appends one NDJSON line per request that reached the handler,
 * rejected or dropped ones included, written (one writev under a mutex) before
 * the answer is queued:
 *   {"seq":N,"method":"POST","path":"/v1","query":"<raw query or empty>",
 *    "headers":{<lower-case name>:<value>,...},"body":<JSON or null>,
 *    "status":<answer, 0 when dropped>,"t":<unix ms when the request arrived>}
 * The body is the JSON text as received minus insignificant whitespace; a body
 * that is not JSON is null and its text is added as "body_text". Headers omit
 * x-encharge-token, authorization and proxy-authorization; repeated headers
 * are joined with ", "; bytes that are not UTF-8 become U+FFFD. seq starts at 1
 * in every run.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "lib/json.h"
#include "lib/clock.h"
#include "lib/hex.h"
#include "lib/js.h"
#include "lib/utf8.h"

#define PROG "encharge-mock"
#define MAX_STATUS 600
#define HANG_MS (86400L * 1000) /* --hang: a day, or until stopped */

/* ======================================================================== */
/* options                                                                    */
/* ======================================================================== */
static struct {
    long port;
    const char *api_key;
    size_t api_key_len;
    const char *record;
    double fail_rate;
    long fail_status;
    long retry_after;   /* -1: no Retry-After header */
    long latency_ms;
    double drop_rate;
    long rate_limit;    /* 0: unlimited */
    uint64_t seed;
    bool seed_set;
    long threads;       /* 0: one per CPU */
    long max_body;
    long idle_timeout;
    const char *retry_after_value; /* any text; wins over retry_after */
    const char *redirect;          /* Location of a redirect answered to everything */
    long redirect_status;
    long trickle_ms;               /* a pause before each byte of a success body */
    long body_bytes;               /* success bodies padded to this size (0: as they are) */
    bool hang;
} O = {
    .redirect_status = 307,
    .port = 0,
    .api_key = "test-api-key",
    .fail_status = 500,
    .retry_after = -1,
    .max_body = 4L << 20,
    .idle_timeout = 60,
};

static void usage(FILE *f)
{
    fputs("usage: " PROG " [options]\n"
          "A local stand-in for Encharge's HTTP API on 127.0.0.1 (HTTP/1.1, keep-alive).\n"
          "The first line on stdout is `listening on http://127.0.0.1:PORT`.\n"
          "\n"
          "  --port N              port to listen on; 0 (default) picks a free one\n"
          "  --api-key KEY         the X-Encharge-Token to accept (default test-api-key)\n"
          "  --record FILE         append every request as one NDJSON line to FILE\n"
          "  --fail-rate P         answer an injected failure with probability P (0..1)\n"
          "  --fail-status S       status of injected failures (default 500)\n"
          "  --retry-after SECS    add Retry-After: SECS to 429 and 503 answers\n"
          "  --latency-ms N        wait N ms before answering each request\n"
          "  --drop-rate P         close the connection without answering, probability P\n"
          "  --rate-limit N        at most N requests per second; beyond it 429\n"
          "  --seed N              seed of the fault-injection PRNG (default: from the clock)\n"
          "  --threads N           server threads when no latency is set (default: one per CPU)\n"
          "  --max-body BYTES      largest accepted request body (default 4194304); beyond: 413\n"
          "  --idle-timeout SECS   close connections idle this long (default 60)\n"
          "  --retry-after-value TEXT  send Retry-After: TEXT (any text, e.g. 1e999) on 429 and\n"
          "                        503 answers; wins over --retry-after\n"
          "  --redirect URL        answer every request with a redirect to URL\n"
          "  --redirect-status S   its status: 301, 302, 303, 307 (default) or 308\n"
          "  --trickle-ms N        send success bodies one byte every N ms\n"
          "  --body-bytes N        pad success bodies to N bytes ({\"success\":true,\"pad\":\"xx...\"})\n"
          "  --hang                read each request and never answer (until stopped)\n"
          "  -h, --help            this text\n"
          "\n"
          "Order of checks per request: latency, hang, drop, rate limit, redirect,\n"
          "route (404/405), token (401), body (413/400), injected failure, success.\n"
          "SIGTERM or SIGINT: stop, print a summary on stderr, exit 0.\n",
          f);
}

static void die_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, PROG ": ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(try --help)\n");
    exit(2);
}

static long parse_long(const char *opt, const char *s, long lo, long hi)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) {
        fprintf(stderr, PROG ": %s expects an integer from %ld to %ld, got '%s'\n", opt, lo, hi, s);
        exit(2);
    }
    return v;
}

static double parse_prob(const char *opt, const char *s)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 0.0 && v <= 1.0)) {
        fprintf(stderr, PROG ": %s expects a probability from 0 to 1, got '%s'\n", opt, s);
        exit(2);
    }
    return v;
}

/* A header value: printable text, no line breaks. */
static const char *header_text(const char *opt, const char *v)
{
    for (const char *p = v; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) die_usage("%s: control characters are not allowed", opt);
    if (!*v) die_usage("%s must not be empty", opt);
    return v;
}

static void parse_args(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            exit(0);
        }
        if (strncmp(a, "--", 2)) die_usage("unexpected argument '%s'", a);
        /* --name value or --name=value */
        char name[32];
        const char *eq = strchr(a, '='), *val;
        size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
        if (nlen >= sizeof name) die_usage("unknown option '%s'", a);
        memcpy(name, a, nlen);
        name[nlen] = 0;
        static const char *const known[] = {
            "--port", "--api-key", "--record", "--fail-rate", "--fail-status", "--retry-after",
            "--latency-ms", "--drop-rate", "--rate-limit", "--seed", "--threads", "--max-body",
            "--idle-timeout", "--retry-after-value", "--redirect", "--redirect-status", "--trickle-ms",
            "--body-bytes", "--hang", NULL};
        bool ok = false;
        for (int k = 0; known[k]; k++) ok |= !strcmp(name, known[k]);
        /* name only: never echo a value, it may be the API key */
        if (!ok) die_usage("unknown option '%s'", name);
        if (!strcmp(name, "--hang")) { /* a flag: no value */
            if (eq) die_usage("%s takes no value", name);
            O.hang = true;
            continue;
        }
        if (eq) {
            val = eq + 1;
        } else {
            if (i + 1 >= argc) die_usage("%s needs a value", name);
            val = argv[++i];
        }
        if (!strcmp(name, "--port")) O.port = parse_long(name, val, 0, 65535);
        else if (!strcmp(name, "--api-key")) {
            if (!*val) die_usage("%s must not be empty", name);
            O.api_key = val;
        } else if (!strcmp(name, "--record")) O.record = val;
        else if (!strcmp(name, "--fail-rate")) O.fail_rate = parse_prob(name, val);
        else if (!strcmp(name, "--fail-status")) O.fail_status = parse_long(name, val, 200, 599);
        else if (!strcmp(name, "--retry-after")) O.retry_after = parse_long(name, val, 0, 86400 * 365);
        else if (!strcmp(name, "--latency-ms")) O.latency_ms = parse_long(name, val, 0, 3600 * 1000);
        else if (!strcmp(name, "--drop-rate")) O.drop_rate = parse_prob(name, val);
        else if (!strcmp(name, "--rate-limit")) O.rate_limit = parse_long(name, val, 0, 1000000);
        else if (!strcmp(name, "--seed")) {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(val, &end, 10);
            if (errno || end == val || *end || *val == '-')
                die_usage("--seed expects a non-negative integer, got '%s'", val);
            O.seed = v;
            O.seed_set = true;
        } else if (!strcmp(name, "--threads")) O.threads = parse_long(name, val, 1, 64);
        else if (!strcmp(name, "--max-body")) O.max_body = parse_long(name, val, 0, 1L << 30);
        else if (!strcmp(name, "--idle-timeout")) O.idle_timeout = parse_long(name, val, 1, 86400);
        else if (!strcmp(name, "--retry-after-value")) O.retry_after_value = header_text(name, val);
        else if (!strcmp(name, "--redirect")) O.redirect = header_text(name, val);
        else if (!strcmp(name, "--redirect-status")) {
            O.redirect_status = parse_long(name, val, 301, 308);
            if (O.redirect_status == 304 || O.redirect_status == 305 || O.redirect_status == 306)
                die_usage("%s expects 301, 302, 303, 307 or 308", name);
        } else if (!strcmp(name, "--trickle-ms")) O.trickle_ms = parse_long(name, val, 0, 60000);
        else if (!strcmp(name, "--body-bytes")) O.body_bytes = parse_long(name, val, 0, 1L << 30);
    }
    O.api_key_len = strlen(O.api_key);
}

/* ======================================================================== */
/* time, PRNG, rate limit, interruptible sleep                                */
/* ======================================================================== */
/* splitmix64 over a shared counter: lock-free, and with a single sequential
 * client the same seed gives the same decisions. */
static atomic_uint_fast64_t rng_counter;

static double rnd01(void)
{
    uint64_t z = O.seed + (uint64_t)atomic_fetch_add(&rng_counter, 1) * 0x9E3779B97F4A7C15ull;
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) * 0x1.0p-53; /* [0, 1) */
}

static bool chance(double p)
{
    return p > 0 && rnd01() < p;
}

/* Sliding window: the times of the last N accepted requests; a request is
 * accepted when fewer than N were accepted in the last second. */
static pthread_mutex_t rl_mu = PTHREAD_MUTEX_INITIALIZER;
static int64_t *rl_ring;
static size_t rl_head, rl_count;

static bool rate_take(void)
{
    size_t n = (size_t)O.rate_limit;
    int64_t now = clock_mono_ns();
    bool ok = true;
    pthread_mutex_lock(&rl_mu);
    if (rl_count < n) {
        rl_ring[(rl_head + rl_count) % n] = now;
        rl_count++;
    } else if (now - rl_ring[rl_head] >= 1000000000) {
        rl_ring[rl_head] = now;
        rl_head = (rl_head + 1) % n;
    } else {
        ok = false;
    }
    pthread_mutex_unlock(&rl_mu);
    return ok;
}

static pthread_mutex_t stop_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t stop_cv;
static bool stopping;

/* Sleeps ms milliseconds; returns false when cut short because the server is
 * stopping. */
static bool sleep_ms(long ms)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (ms % 1000) * 1000000;
    if (until.tv_nsec >= 1000000000) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&stop_mu);
    while (!stopping && pthread_cond_timedwait(&stop_cv, &stop_mu, &until) != ETIMEDOUT) {
    }
    bool slept = !stopping;
    pthread_mutex_unlock(&stop_mu);
    return slept;
}

/* ======================================================================== */
/* counters                                                                   */
/* ======================================================================== */
static atomic_ulong status_count[MAX_STATUS];

static void count_status(int status)
{
    if (status >= 0 && status < MAX_STATUS) atomic_fetch_add(&status_count[status], 1);
}

static void print_summary(void)
{
    char line[2048];
    size_t o = 0;
    unsigned long total = 0;
    for (int s = 0; s < MAX_STATUS; s++) total += atomic_load(&status_count[s]);
    o += (size_t)snprintf(line + o, sizeof line - o, PROG ": stopped; %lu request%s", total,
                          total == 1 ? "" : "s");
    const char *sep = " (";
    for (int s = 1; s < MAX_STATUS && o < sizeof line - 64; s++) {
        unsigned long n = atomic_load(&status_count[s]);
        if (!n) continue;
        o += (size_t)snprintf(line + o, sizeof line - o, "%s%d: %lu", sep, s, n);
        sep = ", ";
    }
    unsigned long dropped = atomic_load(&status_count[0]);
    if (dropped) {
        o += (size_t)snprintf(line + o, sizeof line - o, "%sdropped: %lu", sep, dropped);
        sep = ", ";
    }
    if (o < sizeof line - 64 && strcmp(sep, " (") != 0) o += (size_t)snprintf(line + o, sizeof line - o, ")");
    if (o < sizeof line - 64)
        snprintf(line + o, sizeof line - o, "; seed %" PRIu64, O.seed);
    fprintf(stderr, "%s\n", line);
    fflush(stderr);
}

/* ======================================================================== */
/* JSON output helpers for the recording                                      */
/* ======================================================================== */
/* A JSON string from arbitrary bytes: invalid UTF-8 becomes U+FFFD, so the
 * recording is always valid UTF-8 JSON; optionally ASCII-lower-cased. */
static void put_jstr(jbuf *b, const char *s, size_t n, bool lower)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    jbuf_putc(b, '"');
    size_t i = 0, run = 0; /* run: bytes [i-run, i) to copy as they are */
    while (i < n) {
        unsigned c = u[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && !(lower && c >= 'A' && c <= 'Z')) {
            i++, run++;
            continue;
        }
        if (c >= 0x80) {
            size_t k = utf8_seq_len(u + i, n - i);
            if (k) {
                i += k, run += k;
                continue;
            }
        }
        jbuf_put(b, s + i - run, run);
        run = 0;
        char e[8];
        if (c >= 0x80) {
            jbuf_puts(b, "\\ufffd");
        } else if (c == '"' || c == '\\') {
            e[0] = '\\', e[1] = (char)c;
            jbuf_put(b, e, 2);
        } else if (c >= 'A' && c <= 'Z') {
            jbuf_putc(b, (char)(c + 32));
        } else if (c == '\n') {
            jbuf_puts(b, "\\n");
        } else if (c == '\r') {
            jbuf_puts(b, "\\r");
        } else if (c == '\t') {
            jbuf_puts(b, "\\t");
        } else {
            e[0] = '\\', e[1] = 'u', e[2] = '0', e[3] = '0', e[4] = hex[c >> 4], e[5] = hex[c & 15];
            jbuf_put(b, e, 6);
        }
        i++;
    }
    jbuf_put(b, s + i - run, run);
    jbuf_putc(b, '"');
}

/* Valid JSON text as received, minus the whitespace between tokens (so that
 * a pretty-printed body stays on one NDJSON line). */
static void put_json_compact(jbuf *b, const char *s, size_t n)
{
    size_t start = 0;
    bool in_str = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\') i++;
            else if (c == '"') in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            jbuf_put(b, s + start, i - start);
            start = i + 1;
        }
    }
    jbuf_put(b, s + start, n - start);
}

/* ======================================================================== */
/* recording                                                                  */
/* ======================================================================== */
static int rec_fd = -1;
static pthread_mutex_t rec_mu = PTHREAD_MUTEX_INITIALIZER;
static uint64_t rec_seq;
static atomic_bool rec_failed;

/* Writes all iov bytes; returns false on a write error. */
static bool write_all(int fd, struct iovec *iov, int cnt)
{
    while (cnt > 0) {
        ssize_t w = writev(fd, iov, cnt);
        if (w < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        size_t left = (size_t)w;
        while (cnt > 0 && left >= iov->iov_len) {
            left -= iov->iov_len;
            iov++, cnt--;
        }
        if (cnt > 0) {
            iov->iov_base = (char *)iov->iov_base + left;
            iov->iov_len -= left;
        }
    }
    return true;
}

/* One line = one writev under the mutex: lines never interleave, seq is in
 * file order, and the line is on disk before the answer is queued. */
static void record_line(jbuf *rest)
{
    char head[40];
    pthread_mutex_lock(&rec_mu);
    int hn = snprintf(head, sizeof head, "{\"seq\":%" PRIu64 ",", ++rec_seq);
    struct iovec iov[2] = {{head, (size_t)hn}, {rest->p, rest->len}};
    if (!write_all(rec_fd, iov, 2) && !atomic_exchange(&rec_failed, true))
        fprintf(stderr, PROG ": writing the recording failed: %s\n", strerror(errno));
    pthread_mutex_unlock(&rec_mu);
}

typedef struct {
    const char *k, *v;
    size_t kn, vn;
} hdr;

typedef struct {
    hdr h[256];
    size_t n;
} hdr_list;

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                                      const char *value, size_t value_size)
{
    (void)kind;
    hdr_list *l = cls;
    if (l->n >= sizeof l->h / sizeof l->h[0]) return MHD_NO;
    l->h[l->n++] = (hdr){key, value ? value : "", key_size, value ? value_size : 0};
    return MHD_YES;
}

static bool name_is(const hdr *h, const char *name)
{
    return h->kn == strlen(name) && !strncasecmp(h->k, name, h->kn);
}

static bool same_name(const hdr *a, const hdr *b)
{
    return a->kn == b->kn && !strncasecmp(a->k, b->k, a->kn);
}

/* "headers": lower-case names; repeated headers joined with ", "; no
 * credentials. */
static void put_headers(jbuf *b, struct MHD_Connection *c)
{
    hdr_list *l = malloc(sizeof *l);
    jbuf_putc(b, '{');
    if (!l) {
        jbuf_putc(b, '}');
        return;
    }
    l->n = 0;
    MHD_get_connection_values_n(c, MHD_HEADER_KIND, collect_header, l);
    bool first = true;
    for (size_t i = 0; i < l->n; i++) {
        const hdr *h = &l->h[i];
        if (name_is(h, "x-encharge-token") || name_is(h, "authorization") ||
            name_is(h, "proxy-authorization"))
            continue;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) seen = same_name(&l->h[j], h);
        if (seen) continue;
        if (!first) jbuf_putc(b, ',');
        first = false;
        put_jstr(b, h->k, h->kn, true);
        jbuf_putc(b, ':');
        size_t dups = 0;
        for (size_t j = i + 1; j < l->n; j++) dups += same_name(&l->h[j], h);
        if (!dups) {
            put_jstr(b, h->v, h->vn, false);
            continue;
        }
        jbuf j2;
        jbuf_init(&j2);
        jbuf_put(&j2, h->v, h->vn);
        for (size_t j = i + 1; j < l->n; j++) {
            if (!same_name(&l->h[j], h)) continue;
            jbuf_puts(&j2, ", ");
            jbuf_put(&j2, l->h[j].v, l->h[j].vn);
        }
        put_jstr(b, j2.p ? j2.p : "", j2.len, false);
        jbuf_free(&j2);
    }
    jbuf_putc(b, '}');
    free(l);
}

/* ======================================================================== */
/* responses (built once, shared by all threads: MHD reference-counts them)    */
/* ======================================================================== */
enum {
    RS_OK, RS_ACCOUNT, RS_SCHEMAS, RS_401, RS_400_JSON, RS_400_OBJECT, RS_400_PEOPLE, RS_404, RS_413,
    RS_429, RS_FAIL, RS_405_POST, RS_405_POST_DELETE, RS_405_DELETE, RS_405_GET, RS_REDIRECT, RS_COUNT
};
static struct MHD_Response *resp[RS_COUNT];

static struct MHD_Response *make_json(const char *body)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
    if (!r || MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json") != MHD_YES) {
        fprintf(stderr, PROG ": cannot create responses\n");
        exit(1);
    }
    return r;
}

static void add_header(struct MHD_Response *r, const char *name, const char *value)
{
    if (MHD_add_response_header(r, name, value) != MHD_YES) {
        fprintf(stderr, PROG ": cannot create responses\n");
        exit(1);
    }
}

static void build_responses(void)
{
    char num[32];
    snprintf(num, sizeof num, "%ld", O.retry_after);
    const char *ra = O.retry_after_value ? O.retry_after_value : num;
    bool has_ra = O.retry_after >= 0 || O.retry_after_value;
    resp[RS_OK] = make_json("{\"success\":true}");
    resp[RS_ACCOUNT] = make_json("{\"account\":{\"id\":1,\"name\":\"Local stand-in\"}}");
    resp[RS_SCHEMAS] = make_json("{\"objects\":[{\"name\":\"company\",\"displayNameSingular\":\"Company\"}]}");
    resp[RS_401] = make_json("{\"error\":\"Invalid token\"}");
    resp[RS_400_JSON] = make_json("{\"error\":\"Invalid JSON\"}");
    resp[RS_400_OBJECT] = make_json("{\"error\":\"The body must be a JSON object\"}");
    resp[RS_400_PEOPLE] =
        make_json("{\"error\":\"Expected people[0][userId] or people[0][segmentAnonymousId]\"}");
    resp[RS_404] = make_json("{\"error\":\"Not found\"}");
    resp[RS_413] = make_json("{\"error\":\"Payload too large\"}");
    resp[RS_429] = make_json("{\"error\":\"Too many requests\"}");
    if (has_ra) add_header(resp[RS_429], MHD_HTTP_HEADER_RETRY_AFTER, ra);
    resp[RS_FAIL] = make_json("{\"error\":\"injected failure\"}");
    if (has_ra && (O.fail_status == 429 || O.fail_status == 503))
        add_header(resp[RS_FAIL], MHD_HTTP_HEADER_RETRY_AFTER, ra);
    static const struct {
        int id;
        const char *allow;
    } m405[] = {{RS_405_POST, "POST"}, {RS_405_POST_DELETE, "POST, DELETE"},
                {RS_405_DELETE, "DELETE"}, {RS_405_GET, "GET, HEAD"}};
    for (size_t i = 0; i < sizeof m405 / sizeof m405[0]; i++) {
        resp[m405[i].id] = make_json("{\"error\":\"Method not allowed\"}");
        add_header(resp[m405[i].id], MHD_HTTP_HEADER_ALLOW, m405[i].allow);
    }
    resp[RS_REDIRECT] = make_json("{\"error\":\"Moved\"}");
    if (O.redirect) add_header(resp[RS_REDIRECT], MHD_HTTP_HEADER_LOCATION, O.redirect);
}

/* A success body padded to --body-bytes and/or sent a byte at a time
 * (--trickle-ms): made per answer by a reader callback, nothing buffered. */
#define OK_PAD_HEAD "{\"success\":true,\"pad\":\""
#define OK_PAD_TAIL "\"}"
#define OK_PLAIN "{\"success\":true}"

static uint64_t ok_body_len(void)
{
    uint64_t min = strlen(OK_PAD_HEAD) + strlen(OK_PAD_TAIL);
    if (!O.body_bytes) return strlen(OK_PLAIN);
    return (uint64_t)O.body_bytes > min ? (uint64_t)O.body_bytes : min;
}

static char ok_body_byte(uint64_t pos, uint64_t len)
{
    if (!O.body_bytes) return OK_PLAIN[pos];
    size_t hl = strlen(OK_PAD_HEAD), tl = strlen(OK_PAD_TAIL);
    if (pos < hl) return OK_PAD_HEAD[pos];
    if (pos >= len - tl) return OK_PAD_TAIL[pos - (len - tl)];
    return 'x';
}

static bool sleep_ms(long ms);

static ssize_t ok_body_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)cls;
    uint64_t len = ok_body_len();
    if (pos >= len) return MHD_CONTENT_READER_END_OF_STREAM;
    if (O.trickle_ms > 0) {
        if (!sleep_ms(O.trickle_ms)) return MHD_CONTENT_READER_END_WITH_ERROR; /* stopping */
        max = 1;
    }
    size_t n = 0;
    for (; n < max && pos + n < len; n++) buf[n] = ok_body_byte(pos + n, len);
    return (ssize_t)n;
}

/* The answer for a success: the shared one, or one of its own. */
static enum MHD_Result queue_ok(struct MHD_Connection *c)
{
    if (!O.trickle_ms && !O.body_bytes) return MHD_queue_response(c, 200, resp[RS_OK]);
    struct MHD_Response *r = MHD_create_response_from_callback(ok_body_len(), 4096, ok_body_reader, NULL, NULL);
    if (!r) return MHD_NO;
    enum MHD_Result q = MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json") == MHD_YES
                            ? MHD_queue_response(c, 200, r)
                            : MHD_NO;
    MHD_destroy_response(r);
    return q;
}

/* ======================================================================== */
/* routing                                                                    */
/* ======================================================================== */
enum { M_GET = 1, M_POST = 2, M_DELETE = 4 };
enum { BODY_NONE, BODY_OBJECT, PEOPLE_QUERY };

static const struct route {
    const char *path;
    unsigned methods;
    int body;      /* BODY_OBJECT: a JSON object body is required */
    int ok;        /* response on success */
    int not_allowed;
} routes[] = {
    {"/v1", M_POST, BODY_OBJECT, RS_OK, RS_405_POST},
    {"/v1/tags", M_POST | M_DELETE, BODY_OBJECT, RS_OK, RS_405_POST_DELETE},
    {"/v1/people", M_DELETE, PEOPLE_QUERY, RS_OK, RS_405_DELETE},
    {"/v1/accounts/info", M_GET, BODY_NONE, RS_ACCOUNT, RS_405_GET},
    {"/schemas", M_GET, BODY_NONE, RS_SCHEMAS, RS_405_GET},
};

static unsigned method_bit(const char *m)
{
    if (!strcmp(m, "GET") || !strcmp(m, "HEAD")) return M_GET;
    if (!strcmp(m, "POST")) return M_POST;
    if (!strcmp(m, "DELETE")) return M_DELETE;
    return 0;
}

/* Form-style decoding of one query component ('+' is a space, %XX a byte). */
static size_t url_decode(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            out[o++] = ' ';
        } else if (s[i] == '%' && i + 2 < n && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out[o++] = (char)(hex_value(s[i + 1]) << 4 | hex_value(s[i + 2]));
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    return o;
}

/* DELETE /v1/people needs people[0][userId] or people[0][segmentAnonymousId]
 * with a non-empty value. */
static bool people_query_ok(const char *q, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && q[j] != '&') j++;
        const char *eq = memchr(q + i, '=', j - i);
        if (eq && (size_t)(eq - (q + i)) < 96 && q + j > eq + 1) {
            char key[96];
            size_t kn = url_decode(q + i, (size_t)(eq - (q + i)), key);
            if ((kn == 17 && !memcmp(key, "people[0][userId]", 17)) ||
                (kn == 29 && !memcmp(key, "people[0][segmentAnonymousId]", 29)))
                return true;
        }
        i = j + 1;
    }
    return false;
}

/* ======================================================================== */
/* requests                                                                   */
/* ======================================================================== */
typedef struct {
    char *uri;          /* the request target as received */
    size_t path_len;    /* bytes before '?' */
    int64_t t_ms;
    bool started, done, too_large;
    char *body;
    size_t len, cap;
} request;

/* The query string as received, without the '?' ("" when none). */
static const char *query_of(const request *r)
{
    return r->uri + r->path_len + (r->uri[r->path_len] == '?');
}

static request *request_new(const char *uri)
{
    request *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->uri = strdup(uri ? uri : "");
    if (!r->uri) {
        free(r);
        return NULL;
    }
    r->path_len = strcspn(r->uri, "?");
    r->t_ms = clock_wall_ms();
    return r;
}

static void request_free(request *r)
{
    if (!r) return;
    free(r->uri);
    free(r->body);
    free(r);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls, (void)c;
    return request_new(uri); /* NULL on OOM: the access handler retries */
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls, (void)c, (void)code;
    request_free(*con_cls);
    *con_cls = NULL;
}

static void body_append(request *r, const char *data, size_t n)
{
    if (r->too_large) return;
    if (n > (size_t)O.max_body - r->len) {
        r->too_large = true;
        free(r->body);
        r->body = NULL;
        r->len = r->cap = 0;
        return;
    }
    if (r->len + n > r->cap) {
        size_t cap = r->cap ? r->cap : 1024;
        while (cap < r->len + n) cap *= 2;
        if (cap > (size_t)O.max_body) cap = (size_t)O.max_body;
        char *p = realloc(r->body, cap);
        if (!p) { /* treat like an oversized body rather than crash */
            r->too_large = true;
            free(r->body);
            r->body = NULL;
            r->len = r->cap = 0;
            return;
        }
        r->body = p;
        r->cap = cap;
    }
    memcpy(r->body + r->len, data, n);
    r->len += n;
}

enum { BODY_ABSENT, BODY_VALID, BODY_INVALID, BODY_TOO_LARGE };

static void record_request(struct MHD_Connection *c, const request *r, const char *method, int body_state,
                           int status)
{
    jbuf b;
    jbuf_init(&b);
    jbuf_puts(&b, "\"method\":");
    put_jstr(&b, method, strlen(method), false);
    jbuf_puts(&b, ",\"path\":");
    put_jstr(&b, r->uri, r->path_len, false);
    jbuf_puts(&b, ",\"query\":");
    const char *q = query_of(r);
    put_jstr(&b, q, strlen(q), false);
    jbuf_puts(&b, ",\"headers\":");
    put_headers(&b, c);
    jbuf_puts(&b, ",\"body\":");
    if (body_state == BODY_VALID) {
        put_json_compact(&b, r->body, r->len);
    } else {
        jbuf_puts(&b, "null");
        if (body_state == BODY_INVALID) { /* what arrived, for debugging */
            jbuf_puts(&b, ",\"body_text\":");
            put_jstr(&b, r->body, r->len, false);
        }
    }
    jbuf_printf(&b, ",\"status\":%d,\"t\":%" PRId64 "}\n", status, r->t_ms);
    if (b.oom) {
        jbuf_reset(&b);
        jbuf_printf(&b, "\"method\":\"?\",\"error\":\"out of memory\",\"status\":%d,\"t\":%" PRId64 "}\n",
                    status, r->t_ms);
    }
    record_line(&b);
    jbuf_free(&b);
}

/* Constant-time comparison of the token with the API key. */
static bool token_ok(const char *tok)
{
    if (!tok) return false;
    size_t n = strlen(tok);
    unsigned char diff = n != O.api_key_len;
    for (size_t i = 0; i < O.api_key_len; i++)
        diff |= (unsigned char)(tok[i < n ? i : 0] ^ O.api_key[i]);
    return diff == 0 && n == O.api_key_len;
}

/* The request is complete (or rejected early): decide and answer. */
static enum MHD_Result finish(struct MHD_Connection *c, request *r, const char *method)
{
    r->done = true;

    int body_state = BODY_ABSENT;
    bool is_object = false;
    if (r->too_large) {
        body_state = BODY_TOO_LARGE;
    } else if (r->len) {
        /* json_parse: the runtime's own parser (its per-thread scratch is freed
         * when a connection thread ends); a short-lived arena per body. */
        jarena a;
        jarena_init(&a, 0);
        jv doc;
        jerr je;
        jlimits lim = {.max_depth = 512, .max_bytes = 0};
        if (json_parse(&a, r->body, r->len, &lim, &doc, &je) == 0) {
            body_state = BODY_VALID;
            is_object = doc.type == JV_OBJ;
        } else {
            body_state = BODY_INVALID;
        }
        jarena_free(&a);
    }

    /* A request still waiting when the server stops gets no answer (MHD is
     * closing its connection): it is recorded as dropped. */
    bool answer = O.latency_ms <= 0 || sleep_ms(O.latency_ms);
    if (answer && O.hang) { /* recorded on arrival (status 0), never answered, dropped when stopping */
        if (rec_fd >= 0) record_request(c, r, method, body_state, 0);
        count_status(0);
        sleep_ms(HANG_MS);
        return MHD_NO;
    }

    int which = -1; /* -1: drop */
    if (answer && !chance(O.drop_rate)) {
        const struct route *rt = NULL;
        for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
            if (strlen(routes[i].path) == r->path_len && !memcmp(routes[i].path, r->uri, r->path_len)) {
                rt = &routes[i];
                break;
            }
        }
        if (O.rate_limit > 0 && !rate_take()) which = RS_429;
        else if (O.redirect) which = RS_REDIRECT;
        else if (!rt) which = RS_404;
        else if (!(method_bit(method) & rt->methods)) which = rt->not_allowed;
        else if (!token_ok(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Encharge-Token")))
            which = RS_401;
        else if (body_state == BODY_TOO_LARGE) which = RS_413;
        else if (rt->body == BODY_OBJECT && (body_state == BODY_ABSENT || body_state == BODY_INVALID))
            which = RS_400_JSON;
        else if (rt->body == BODY_OBJECT && !is_object) which = RS_400_OBJECT;
        else if (body_state == BODY_INVALID && method_bit(method) != M_GET)
            which = RS_400_JSON; /* an optional body (DELETE /v1/people) must be JSON too */
        else if (rt->body == PEOPLE_QUERY &&
                 !people_query_ok(query_of(r), strlen(query_of(r))))
            which = RS_400_PEOPLE;
        else if (chance(O.fail_rate)) which = RS_FAIL;
        else which = rt->ok;
    }

    int status;
    switch (which) {
    case -1: status = 0; break;
    case RS_OK: case RS_ACCOUNT: case RS_SCHEMAS: status = 200; break;
    case RS_401: status = 401; break;
    case RS_400_JSON: case RS_400_OBJECT: case RS_400_PEOPLE: status = 400; break;
    case RS_404: status = 404; break;
    case RS_413: status = 413; break;
    case RS_429: status = 429; break;
    case RS_FAIL: status = (int)O.fail_status; break;
    case RS_REDIRECT: status = (int)O.redirect_status; break;
    default: status = 405; break;
    }
    if (rec_fd >= 0) record_request(c, r, method, body_state, status);
    count_status(status);
    if (which < 0) return MHD_NO; /* MHD closes the connection without an answer */
    if (which == RS_OK) return queue_ok(c);
    return MHD_queue_response(c, (unsigned)status, resp[which]);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)cls, (void)version;
    request *r = *con_cls;
    if (!r) {
        r = request_new(url);
        if (!r) return MHD_NO;
        *con_cls = r;
    }
    if (r->done) { /* answered early (413): discard the rest */
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (!r->started) {
        r->started = true;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(cl, &end, 10);
            if (!errno && end != cl && n > (unsigned long long)O.max_body) {
                r->too_large = true; /* answer now, do not read it */
                return finish(c, r, method);
            }
            if (!errno && end != cl && n > 0) {
                r->body = malloc((size_t)n);
                if (r->body) r->cap = (size_t)n;
            }
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        body_append(r, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    return finish(c, r, method);
}

/* ======================================================================== */
/* main                                                                       */
/* ======================================================================== */
static int listen_socket(long port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fprintf(stderr, PROG ": socket: %s\n", strerror(errno));
        exit(1);
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        fprintf(stderr, PROG ": cannot listen on 127.0.0.1:%ld: %s\n", port, strerror(errno));
        exit(1);
    }
    if (listen(fd, 1024) < 0) {
        fprintf(stderr, PROG ": listen: %s\n", strerror(errno));
        exit(1);
    }
    return fd;
}

/* Room for many connections: raise the descriptor limit as far as allowed;
 * returns the connection limit to give the server. */
static long raise_fd_limit(void)
{
    struct rlimit nofile;
    long conn_limit = 1000;
    if (getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
        rlim_t want = nofile.rlim_max < 8192 ? nofile.rlim_max : 8192;
        if (nofile.rlim_cur < want) {
            nofile.rlim_cur = want;
            setrlimit(RLIMIT_NOFILE, &nofile);
            getrlimit(RLIMIT_NOFILE, &nofile);
        }
        conn_limit = nofile.rlim_cur > 4096 + 64 ? 4096 : (long)nofile.rlim_cur - 64;
        if (conn_limit < 16) conn_limit = 16;
    }
    return conn_limit;
}

/* The HTTP server on the listening socket lfd: an epoll thread pool, or a
 * thread per connection when latency is injected (handlers then sleep). */
static struct MHD_Daemon *start_server(int lfd)
{
    long threads = O.threads;
    if (!threads) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n < 1 ? 1 : n > 16 ? 16 : n;
    }
    bool per_conn = O.latency_ms > 0 || O.trickle_ms > 0 || O.hang; /* handlers that block */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC;
    if (per_conn) flags |= MHD_USE_THREAD_PER_CONNECTION;
    struct MHD_OptionItem list[8];
    size_t nl = 0;
    list[nl++] = (struct MHD_OptionItem){MHD_OPTION_LISTEN_SOCKET, lfd, NULL};
    if (!per_conn && threads > 1)
        list[nl++] = (struct MHD_OptionItem){MHD_OPTION_THREAD_POOL_SIZE, threads, NULL};
    list[nl++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_LIMIT, raise_fd_limit(), NULL};
    list[nl++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_TIMEOUT, O.idle_timeout, NULL};
    list[nl++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_MEMORY_LIMIT, 64 * 1024, NULL};
    list[nl++] = (struct MHD_OptionItem){MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)on_uri, NULL};
    list[nl++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, NULL};
    list[nl++] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
    return MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_ARRAY, list, MHD_OPTION_END);
}

/* The rate-limit ring, the recording file and the stop condition. */
static int init_state(void)
{
    if (O.rate_limit > 0) {
        rl_ring = calloc((size_t)O.rate_limit, sizeof *rl_ring);
        if (!rl_ring) {
            fprintf(stderr, PROG ": out of memory\n");
            return -1;
        }
    }
    if (O.record) {
        rec_fd = open(O.record, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (rec_fd < 0) {
            fprintf(stderr, PROG ": cannot open %s: %s\n", O.record, strerror(errno));
            return -1;
        }
    }
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&stop_cv, &ca);
    pthread_condattr_destroy(&ca);
    return 0;
}

/* Wakes the sleeping handlers, stops the server (it waits for handlers in
 * progress: their lines are written), closes the recording. */
static void shut_down(struct MHD_Daemon *d)
{
    pthread_mutex_lock(&stop_mu);
    stopping = true;
    pthread_cond_broadcast(&stop_cv);
    pthread_mutex_unlock(&stop_mu);
    MHD_stop_daemon(d);

    for (int i = 0; i < RS_COUNT; i++) MHD_destroy_response(resp[i]);
    if (rec_fd >= 0) {
        pthread_mutex_lock(&rec_mu);
        close(rec_fd);
        rec_fd = -1;
        pthread_mutex_unlock(&rec_mu);
    }
    free(rl_ring);
}

int main(int argc, char **argv)
{
    parse_args(argc, argv);
    if (!O.seed_set) O.seed = (uint64_t)clock_wall_ms() * 1000003u ^ (uint64_t)getpid() << 32 ^ (uint64_t)clock_mono_ns();
    if (init_state()) return 1;
    build_responses();

    /* SIGTERM/SIGINT are taken by sigwait below; every thread inherits the mask. */
    signal(SIGPIPE, SIG_IGN);
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);

    int lfd = listen_socket(O.port);
    struct sockaddr_in bound;
    socklen_t blen = sizeof bound;
    if (getsockname(lfd, (struct sockaddr *)&bound, &blen) < 0) {
        fprintf(stderr, PROG ": getsockname: %s\n", strerror(errno));
        return 1;
    }
    struct MHD_Daemon *d = start_server(lfd);
    if (!d) {
        fprintf(stderr, PROG ": cannot start the HTTP server on 127.0.0.1:%u\n", ntohs(bound.sin_port));
        return 1;
    }
    printf("listening on http://127.0.0.1:%u\n", ntohs(bound.sin_port));
    fflush(stdout);

    int sig = 0;
    while (sigwait(&sigs, &sig) != 0) {
    }
    shut_down(d);
    print_summary();
    return 0;
}

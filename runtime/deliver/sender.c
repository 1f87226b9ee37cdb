/* sender.c — the delivery loop: libcurl's multi socket API driven by epoll,
 * jobs (ready FIFO, retry min-heap, in-flight set), outcomes, retries with
 * backoff; the window comes from deliver/control.c.
 *
 * The loop: libcurl says which sockets to watch (on_socket) and when it wants
 * a timeout call (on_timer, and curl_multi_timeout after each action: the
 * deadline is kept and becomes epoll_wait's timeout, as a timerfd would,
 * without a syscall for each of libcurl's timer changes); a wake-up hands only the ready sockets to
 * curl_multi_socket_action, so the work per wake-up does not grow with the
 * number of transfers in flight. */
#include "deliver/sender.h"

#include "deliver/control.h"
#include "lib/clock.h"

#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <unistd.h>

#define RESP_KEEP 1024              /* bytes of a response body kept for the report */
#define JOB_MIN_BYTES 512           /* a request buffer is at least this */
#define JOB_KEEP_BYTES 65536        /* a free job keeps a buffer up to this, else frees it */
#define FREE_JOBS_MIN 256           /* free records kept for reuse: at least this ... */
#define FREE_JOBS_PER_INFLIGHT 2    /* ... or this many per request allowed in flight */
#define HEAP_INITIAL 256
#define POOL_INITIAL 64
#define EXTRA_CONNECTIONS 8         /* kept open beyond max_inflight */
#define EPOLL_BATCH 64
#define NO_HANDLE_RETRY_MS 1000     /* when not even a transfer can be made */
#define BACKOFF_DOUBLINGS_MAX 30
#define RETRY_AFTER_RAW_MAX 48      /* bytes of the server's Retry-After kept for messages */
#define TAG_CURL 1u                 /* epoll data: which kind of descriptor */
#define TAG_WATCH 2u
/* An outage: this many "unreachable" failures in a row (no answer, or 502/503/504
 * without Retry-After). Then one waiting job is tried every PROBE_MS while
 * nothing is in flight, and the first answer wakes every job that was not told
 * to wait by the server: delivery resumes within a probe of the server's return
 * instead of after the longest backoff. Random 5xx rarely come this many in a
 * row, so they keep their backoff. */
#define OUTAGE_STREAK 8
#define PROBE_MS 2000

typedef struct job {
    struct job *next;
    void *ud;
    const char *method;
    char *buf;                       /* url and body share one allocation */
    size_t alloc;
    char *url, *body;
    size_t body_len;
    int attempts;
    int64_t first_ms, last_ms;       /* wall clock, for reports */
    int64_t first_mono, due_mono;    /* monotonic ms, for scheduling */
    int64_t started_us;
    long status;
    double retry_after_s;            /* -1: none */
    char retry_after_raw[RETRY_AFTER_RAW_MAX];
    bool maybe_arrived;              /* an attempt ended after sending, with no answer */
    bool told_to_wait;               /* the last failure was a 429 or came with Retry-After */
    char error[256];
    char resp[RESP_KEEP + 1];
    size_t resp_len, resp_full_len;
    char errbuf[CURL_ERROR_SIZE];
    CURL *easy;                      /* while in flight */
    size_t slot;                     /* index in sender.flying */
} job;

struct sender {
    sender_opts o;
    CURLM *multi;
    struct curl_slist *headers;
    sender_done_fn done;
    void *ctx;
    job *ready_head, *ready_tail;
    job **heap;
    size_t heap_len, heap_cap;
    CURL **pool;
    size_t pool_len, pool_cap;
    job *free_jobs;
    size_t free_len, free_max;
    int inflight;
    job **flying;                    /* the jobs in flight, inflight of them */
    control ctl;
    int cap_low, cap_high;
    double lat_ewma_ms;
    size_t pending;
    bool draining;
    int epfd;
    int watch_fd;                    /* the caller's, -1 for none */
    bool watch_added, watch_always_ready;
    int64_t curl_deadline_us;        /* when libcurl wants its timeout call; -1: none */
    uint64_t rng;
    sender_retry_fn on_retry;
    void *retry_ctx;
    int down_streak;                 /* "unreachable" failures in a row (OUTAGE_STREAK) */
    int64_t last_start_mono;         /* ms, the last attempt's start */
    sender_stats st;
};

/* ---- time, randomness ------------------------------------------------------- */
static double rand01(sender *s)
{
    uint64_t x = s->rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    s->rng = x;
    return (double)((x * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}

static int64_t mono_us(void *ctx)
{
    (void)ctx;
    return clock_mono_us();
}

/* ---- retry heap (min by due_mono) ----------------------------------------------- */
static int heap_push(sender *s, job *j)
{
    if (s->heap_len == s->heap_cap) {
        size_t cap = s->heap_cap ? s->heap_cap * 2 : HEAP_INITIAL;
        job **h = realloc(s->heap, cap * sizeof *h);
        if (!h) return -1;
        s->heap = h;
        s->heap_cap = cap;
    }
    size_t i = s->heap_len++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (s->heap[p]->due_mono <= j->due_mono) break;
        s->heap[i] = s->heap[p];
        i = p;
    }
    s->heap[i] = j;
    return 0;
}

static job *heap_pop(sender *s)
{
    job *top = s->heap[0], *last = s->heap[--s->heap_len];
    size_t i = 0, n = s->heap_len;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && s->heap[c + 1]->due_mono < s->heap[c]->due_mono) c++;
        if (last->due_mono <= s->heap[c]->due_mono) break;
        s->heap[i] = s->heap[c];
        i = c;
    }
    if (n) s->heap[i] = last;
    return top;
}

static void ready_push(sender *s, job *j)
{
    j->next = NULL;
    if (s->ready_tail) s->ready_tail->next = j;
    else s->ready_head = j;
    s->ready_tail = j;
}

static job *ready_pop(sender *s)
{
    job *j = s->ready_head;
    if (j) {
        s->ready_head = j->next;
        if (!s->ready_head) s->ready_tail = NULL;
    }
    return j;
}

/* ---- options, headers ----------------------------------------------------------- */
void sender_opts_default(sender_opts *o)
{
    memset(o, 0, sizeof *o);
    o->max_inflight = 64;
    o->adaptive = true;
    o->timeout_ms = 10000;
    o->backoff_base_s = 1;
    o->backoff_cap_s = 300;
    o->retry_window_s = 4 * 3600;
}

static bool in_range(double v, double lo, double hi) { return v >= lo && v <= hi; } /* false for NaN */

/* Every option in its range, or the first one that is not, named in err. */
static int check_opts(const sender_opts *o, char *err, size_t errlen)
{
    if (o->max_inflight < 1 || o->max_inflight > SENDER_INFLIGHT_MAX)
        snprintf(err, errlen, "max_inflight must be between 1 and %d (got %d)", SENDER_INFLIGHT_MAX, o->max_inflight);
    else if (o->timeout_ms < SENDER_TIMEOUT_MS_MIN || o->timeout_ms > SENDER_TIMEOUT_MS_MAX)
        snprintf(err, errlen, "timeout_ms must be between %d and %ld (got %ld)", SENDER_TIMEOUT_MS_MIN,
                 SENDER_TIMEOUT_MS_MAX, o->timeout_ms);
    else if (!in_range(o->backoff_base_s, SENDER_BACKOFF_MIN_S, SENDER_BACKOFF_BASE_MAX_S))
        snprintf(err, errlen, "backoff_base_s must be between %g and %g (got %g)", SENDER_BACKOFF_MIN_S,
                 SENDER_BACKOFF_BASE_MAX_S, o->backoff_base_s);
    else if (!in_range(o->backoff_cap_s, SENDER_BACKOFF_MIN_S, SENDER_BACKOFF_CAP_MAX_S))
        snprintf(err, errlen, "backoff_cap_s must be between %g and %g (got %g)", SENDER_BACKOFF_MIN_S,
                 SENDER_BACKOFF_CAP_MAX_S, o->backoff_cap_s);
    else if (!in_range(o->retry_window_s, 0, SENDER_WINDOW_MAX_S))
        snprintf(err, errlen, "retry_window_s must be between 0 and %g (got %g)", SENDER_WINDOW_MAX_S,
                 o->retry_window_s);
    else if (o->api_key_len > SENDER_API_KEY_MAX || (!o->api_key && o->api_key_len))
        snprintf(err, errlen, "api_key_len must be at most %d", SENDER_API_KEY_MAX);
    else if (o->api_key && (memchr(o->api_key, '\r', o->api_key_len) || memchr(o->api_key, '\n', o->api_key_len) ||
                            memchr(o->api_key, 0, o->api_key_len)))
        snprintf(err, errlen, "api_key must not contain CR, LF or NUL");
    else
        return 0;
    return -1;
}

/* The headers of request_header_lines (the whole key), and no 100-continue. */
static struct curl_slist *make_headers(const sender_opts *o)
{
    char **lines = request_header_lines(o->api_key ? o->api_key : "", o->api_key_len, REQUEST_KEY_WHOLE);
    if (!lines) return NULL;
    struct curl_slist *list = NULL, *n;
    for (int i = 0; lines[i]; i++) {
        if (!(n = curl_slist_append(list, lines[i]))) goto fail;
        list = n;
    }
    if (!(n = curl_slist_append(list, "Expect:"))) goto fail; /* no 100-continue round trip */
    free(lines);
    return n;
fail:
    free(lines);
    curl_slist_free_all(list);
    return NULL;
}

/* ---- the event loop's libcurl callbacks -------------------------------------------- */
static uint64_t ev_data(unsigned tag, int fd) { return (uint64_t)tag << 32 | (uint32_t)fd; }

static int on_socket(CURL *e, curl_socket_t fd, int what, void *userp, void *socketp)
{
    (void)e;
    sender *s = userp;
    if (what == CURL_POLL_REMOVE) {
        /* libcurl may have closed it already (then epoll dropped it itself) */
        if (socketp) epoll_ctl(s->epfd, EPOLL_CTL_DEL, fd, NULL);
        curl_multi_assign(s->multi, fd, NULL);
        return 0;
    }
    struct epoll_event ev = {.events = (what & CURL_POLL_IN ? EPOLLIN : 0u) | (what & CURL_POLL_OUT ? EPOLLOUT : 0u),
                             .data.u64 = ev_data(TAG_CURL, fd)};
    int op = socketp ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    if (epoll_ctl(s->epfd, op, fd, &ev) < 0) {
        op = errno == ENOENT ? EPOLL_CTL_ADD : errno == EEXIST ? EPOLL_CTL_MOD : -1;
        /* otherwise the transfer ends by its timeout */
        if (op < 0 || epoll_ctl(s->epfd, op, fd, &ev) < 0) return 0;
    }
    if (!socketp) curl_multi_assign(s->multi, fd, s); /* marks it as added */
    return 0;
}

static int on_timer(CURLM *m, long timeout_ms, void *userp)
{
    (void)m;
    sender *s = userp;
    s->curl_deadline_us = timeout_ms < 0 ? -1 : clock_mono_us() + (int64_t)timeout_ms * 1000;
    return 0;
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    job *j = ud;
    size_t len = size * n, room = RESP_KEEP - j->resp_len;
    if (room) {
        size_t k = len < room ? len : room;
        memcpy(j->resp + j->resp_len, p, k);
        j->resp_len += k;
        j->resp[j->resp_len] = 0;
    }
    j->resp_full_len = len > SIZE_MAX - j->resp_full_len ? SIZE_MAX : j->resp_full_len + len;
    return len;
}

/* Retry-After of the last header block (a new status line starts one). */
static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
    job *j = ud;
    size_t len = size * n, name = strlen("Retry-After:");
    if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
        j->retry_after_s = -1;
        j->retry_after_raw[0] = 0;
    } else if (len > name && strncasecmp(p, "Retry-After:", name) == 0) {
        char v[RETRY_AFTER_RAW_MAX];
        size_t i = name, k = 0;
        while (i < len && (p[i] == ' ' || p[i] == '\t')) i++;
        for (; i < len && p[i] != '\r' && p[i] != '\n' && k < sizeof v - 1; i++)
            v[k++] = p[i] >= 0x20 && p[i] < 0x7f ? p[i] : '?'; /* printable in messages */
        v[k] = 0;
        memcpy(j->retry_after_raw, v, k + 1);
        j->retry_after_s = parse_retry_after(v, clock_wall_ms());
    }
    return len;
}

/* ---- setup ---------------------------------------------------------------------- */
static int multi_setup(sender *s)
{
    CURLM *m = s->multi;
    if (curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, on_socket) != CURLM_OK ||
        curl_multi_setopt(m, CURLMOPT_SOCKETDATA, s) != CURLM_OK ||
        curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, on_timer) != CURLM_OK ||
        curl_multi_setopt(m, CURLMOPT_TIMERDATA, s) != CURLM_OK ||
        curl_multi_setopt(m, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX) != CURLM_OK ||
        curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, (long)s->o.max_inflight) != CURLM_OK ||
        curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, (long)s->o.max_inflight + EXTRA_CONNECTIONS) != CURLM_OK)
        return -1;
    return 0;
}

static int current_limit(const sender *s)
{
    if (!s->o.adaptive) return s->o.max_inflight;
    int l = control_limit(&s->ctl);
    return l < s->o.max_inflight ? l : s->o.max_inflight;
}

sender *sender_new(const sender_opts *o, sender_done_fn done, void *ctx, char *err, size_t errlen)
{
    static bool global_init;
    if (check_opts(o, err, errlen)) return NULL;
    if (!global_init) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            snprintf(err, errlen, "libcurl failed to initialise");
            return NULL;
        }
        global_init = true;
    }
    sender *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->o = *o;
    s->done = done;
    s->ctx = ctx;
    s->watch_fd = -1;
    s->curl_deadline_us = -1;
    s->free_max = (size_t)o->max_inflight * FREE_JOBS_PER_INFLIGHT;
    if (s->free_max < FREE_JOBS_MIN) s->free_max = FREE_JOBS_MIN;
    control_init(&s->ctl, o->max_inflight, mono_us, NULL);
    s->cap_low = s->cap_high = current_limit(s);
    s->rng = (uint64_t)clock_mono_us() * 0x9E3779B97F4A7C15ull | 1;
    s->epfd = epoll_create1(EPOLL_CLOEXEC);
    s->multi = curl_multi_init();
    s->flying = calloc((size_t)o->max_inflight, sizeof *s->flying);
    s->headers = make_headers(o);
    if (s->epfd < 0 || !s->multi || !s->headers || !s->flying || multi_setup(s)) {
        snprintf(err, errlen, "cannot set up the sender (%s)", s->epfd < 0 ? strerror(errno) : "libcurl");
        sender_free(s);
        return NULL;
    }
    return s;
}

static void free_job(sender *s, job *j)
{
    s->st.job_records--;
    s->st.job_bytes -= sizeof *j + j->alloc;
    free(j->buf);
    free(j);
}

void sender_free(sender *s)
{
    if (!s) return;
    sender_abort(s);
    for (size_t i = 0; i < s->pool_len; i++) curl_easy_cleanup(s->pool[i]);
    free(s->pool);
    free(s->heap);
    free(s->flying);
    while (s->free_jobs) {
        job *n = s->free_jobs->next;
        free_job(s, s->free_jobs);
        s->free_jobs = n;
    }
    if (s->multi) curl_multi_cleanup(s->multi);
    curl_slist_free_all(s->headers);
    if (s->epfd >= 0) close(s->epfd);
    free(s);
}

/* ---- jobs ------------------------------------------------------------------------- */
/* A record with room for need bytes: any free one (its buffer grown when
 * short), or a new one. */
static job *take_job(sender *s, size_t need)
{
    job *j = s->free_jobs;
    if (j) {
        s->free_jobs = j->next;
        s->free_len--;
    } else {
        if (!(j = calloc(1, sizeof *j))) return NULL;
        s->st.job_records++;
        s->st.job_bytes += sizeof *j;
    }
    if (j->alloc < need) {
        size_t want = need < JOB_MIN_BYTES ? JOB_MIN_BYTES : need;
        char *b = realloc(j->buf, want);
        if (!b) {
            j->next = s->free_jobs;
            s->free_jobs = j;
            s->free_len++;
            return NULL;
        }
        s->st.job_bytes += want - j->alloc;
        j->buf = b;
        j->alloc = want;
    }
    return j;
}

int sender_submit(sender *s, const request *rq, void *ud)
{
    return sender_submit_resumed(s, rq, ud, NULL);
}

int sender_submit_resumed(sender *s, const request *rq, void *ud, const sender_resume *rs)
{
    size_t ul = strlen(rq->url), need = ul + 1 + rq->body_len + 1;
    job *j = take_job(s, need);
    if (!j) return -1;
    j->url = j->buf;
    memcpy(j->url, rq->url, ul + 1);
    j->body = rq->body ? j->url + ul + 1 : NULL;
    if (rq->body) {
        memcpy(j->body, rq->body, rq->body_len);
        j->body[rq->body_len] = 0;
    }
    j->body_len = rq->body_len;
    j->method = rq->method;
    j->ud = ud;
    j->attempts = 0;
    j->first_ms = j->last_ms = 0;
    j->first_mono = 0;
    j->status = 0;
    j->maybe_arrived = false;
    j->error[0] = 0;
    j->resp_len = j->resp_full_len = 0;
    j->resp[0] = 0;
    j->told_to_wait = false;
    s->pending++;
    s->st.submitted++;
    if (rs && rs->attempts > 0) {
        /* the retry window goes on from the first attempt, on the monotonic clock */
        int64_t now_wall = clock_wall_ms(), now = clock_mono_ms();
        j->attempts = rs->attempts;
        j->first_ms = j->last_ms = rs->first_ms ? rs->first_ms : now_wall;
        j->first_mono = now - (now_wall > j->first_ms ? now_wall - j->first_ms : 0);
        if (rs->next_ms > now_wall) {
            j->due_mono = now + (rs->next_ms - now_wall);
            if (heap_push(s, j) == 0) return 0;
        }
    }
    ready_push(s, j);
    return 0;
}

void sender_on_retry(sender *s, sender_retry_fn fn, void *ctx)
{
    s->on_retry = fn;
    s->retry_ctx = ctx;
}

/* Kept for reuse up to free_max records, without a buffer beyond JOB_KEEP_BYTES. */
static void recycle(sender *s, job *j)
{
    if (s->free_len >= s->free_max) {
        free_job(s, j);
        return;
    }
    if (j->alloc > JOB_KEEP_BYTES) {
        s->st.job_bytes -= j->alloc;
        free(j->buf);
        j->buf = NULL;
        j->alloc = 0;
    }
    j->next = s->free_jobs;
    s->free_jobs = j;
    s->free_len++;
}

static void finish(sender *s, job *j, sender_outcome out)
{
    sender_result r;
    r.outcome = out;
    r.attempts = j->attempts;
    r.first_ms = j->first_ms;
    r.last_ms = j->last_ms;
    r.status = j->status;
    snprintf(r.error, sizeof r.error, "%s", j->error);
    memcpy(r.body, j->resp, j->resp_len + 1);
    r.body_len = j->resp_len;
    r.body_full_len = j->resp_full_len;
    switch (out) {
    case OUT_DELIVERED: s->st.delivered++; break;
    case OUT_REJECTED: s->st.rejected++; break;
    case OUT_EXHAUSTED: s->st.exhausted++; break;
    case OUT_IN_DOUBT: s->st.in_doubt++, s->st.aborted++; break; /* counted as aborted too */
    case OUT_ABORTED: s->st.aborted++; break;
    }
    s->pending--;
    void *ud = j->ud;
    recycle(s, j);
    s->done(s->ctx, ud, &r);
}

/* ---- transfers -------------------------------------------------------------------- */
#define SET(e, opt, val)                                                                                     \
    if (curl_easy_setopt(e, opt, val) != CURLE_OK) return -1

/* What every transfer of this sender has in common. */
static int easy_setup(sender *s, CURL *e)
{
    SET(e, CURLOPT_HTTPHEADER, s->headers);
    SET(e, CURLOPT_WRITEFUNCTION, on_body);
    SET(e, CURLOPT_HEADERFUNCTION, on_header);
    SET(e, CURLOPT_TIMEOUT_MS, s->o.timeout_ms);
    SET(e, CURLOPT_CONNECTTIMEOUT_MS, s->o.timeout_ms);
    SET(e, CURLOPT_NOSIGNAL, 1L);
    SET(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
    SET(e, CURLOPT_TCP_KEEPALIVE, 1L);
    SET(e, CURLOPT_TCP_NODELAY, 1L);
    SET(e, CURLOPT_ACCEPT_ENCODING, "");
    SET(e, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85.0 has the _STR forms (and deprecates the bitmasks) */
    SET(e, CURLOPT_PROTOCOLS_STR, "http,https");
    SET(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    SET(e, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    SET(e, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    return 0;
}

/* This job's request on a transfer. */
static int easy_request(CURL *e, job *j)
{
    SET(e, CURLOPT_URL, j->url);
    /* wait for a connection that may multiplex: HTTP/2 comes with TLS only;
     * over plain http it would hold every transfer until the first answer */
    SET(e, CURLOPT_PIPEWAIT, strncasecmp(j->url, "https:", 6) == 0 ? 1L : 0L);
    if (strcmp(j->method, "GET") == 0) {
        SET(e, CURLOPT_HTTPGET, 1L);
        SET(e, CURLOPT_CUSTOMREQUEST, (char *)NULL);
    } else if (j->body) {
        SET(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)j->body_len);
        SET(e, CURLOPT_POSTFIELDS, j->body);
        SET(e, CURLOPT_CUSTOMREQUEST, strcmp(j->method, "POST") == 0 ? NULL : j->method);
    } else {
        SET(e, CURLOPT_HTTPGET, 1L);
        SET(e, CURLOPT_CUSTOMREQUEST, j->method);
    }
    SET(e, CURLOPT_WRITEDATA, j);
    SET(e, CURLOPT_HEADERDATA, j);
    SET(e, CURLOPT_PRIVATE, j);
    SET(e, CURLOPT_ERRORBUFFER, j->errbuf);
    return 0;
}
#undef SET

static CURL *get_easy(sender *s)
{
    if (s->pool_len) return s->pool[--s->pool_len];
    CURL *e = curl_easy_init();
    if (e && easy_setup(s, e)) {
        curl_easy_cleanup(e);
        e = NULL;
    }
    return e;
}

static void put_easy(sender *s, CURL *e)
{
    if (s->pool_len == s->pool_cap) {
        size_t cap = s->pool_cap ? s->pool_cap * 2 : POOL_INITIAL;
        CURL **p = realloc(s->pool, cap * sizeof *p);
        if (!p) {
            curl_easy_cleanup(e);
            return;
        }
        s->pool = p;
        s->pool_cap = cap;
    }
    s->pool[s->pool_len++] = e;
}

static void note_attempt(sender *s, job *j)
{
    j->attempts++;
    j->last_ms = clock_wall_ms();
    if (!j->first_ms) {
        j->first_ms = j->last_ms;
        j->first_mono = clock_mono_ms();
    }
    s->st.attempts++;
    if (j->attempts > 1) s->st.retries++;
    if (j->attempts == 2) s->st.jobs_retried++;
}

static void retry_or_give_up(sender *s, job *j, int64_t now);

static void start(sender *s, job *j)
{
    CURL *e = get_easy(s);
    j->errbuf[0] = 0;
    j->resp_len = j->resp_full_len = 0;
    j->resp[0] = 0;
    j->retry_after_s = -1;
    j->retry_after_raw[0] = 0;
    j->status = 0;
    note_attempt(s, j);
    if (!e || easy_request(e, j) || curl_multi_add_handle(s->multi, e) != CURLM_OK) {
        /* cannot even set up a transfer: a failure of ours, retried */
        if (e) put_easy(s, e);
        snprintf(j->error, sizeof j->error, "out of memory setting up a transfer");
        j->due_mono = clock_mono_ms() + NO_HANDLE_RETRY_MS;
        retry_or_give_up(s, j, clock_mono_ms());
        return;
    }
    j->started_us = clock_mono_us();
    s->last_start_mono = j->started_us / 1000;
    j->easy = e;
    j->slot = (size_t)s->inflight;
    s->flying[s->inflight++] = j;
    if (s->o.adaptive) control_on_start(&s->ctl, s->inflight);
}

static void land(sender *s, job *j)
{
    curl_multi_remove_handle(s->multi, j->easy);
    put_easy(s, j->easy);
    j->easy = NULL;
    job *last = s->flying[--s->inflight];
    s->flying[j->slot] = last;
    last->slot = j->slot;
}

/* ---- outcomes ------------------------------------------------------------------------ */
static void retry_or_give_up(sender *s, job *j, int64_t now)
{
    double left_s = s->o.retry_window_s - (double)(now - j->first_mono) / 1000.0;
    int n = j->attempts < BACKOFF_DOUBLINGS_MAX ? j->attempts : BACKOFF_DOUBLINGS_MAX;
    double bound = s->o.backoff_base_s * pow(2, n - 1);
    if (bound > s->o.backoff_cap_s) bound = s->o.backoff_cap_s;
    double delay = rand01(s) * bound; /* full jitter */
    if (j->retry_after_s >= 0 && j->retry_after_s > left_s) {
        size_t k = strlen(j->error);
        snprintf(j->error + k, sizeof j->error - k, "; the server asked to wait (Retry-After: %s) beyond the retry window",
                 j->retry_after_raw);
        finish(s, j, OUT_EXHAUSTED);
        return;
    }
    if (j->retry_after_s > delay) delay = j->retry_after_s;
    if (delay > left_s) { /* the next attempt would come after the window closed */
        finish(s, j, OUT_EXHAUSTED);
        return;
    }
    j->due_mono = now + (int64_t)(delay * 1000); /* delay <= the window: no overflow */
    if (heap_push(s, j)) {
        finish(s, j, OUT_EXHAUSTED);
        return;
    }
    if (s->on_retry) s->on_retry(s->retry_ctx, j->ud, j->attempts, j->first_ms, clock_wall_ms() + (j->due_mono - now));
}

/* The server answered after an outage: every waiting job it did not tell to
 * wait is due now (the window's pacing spreads their starts). */
static void wake_waiting(sender *s)
{
    size_t keep = 0;
    for (size_t i = 0; i < s->heap_len; i++) {
        job *j = s->heap[i];
        if (j->told_to_wait) s->heap[keep++] = j;
        else ready_push(s, j);
    }
    size_t n = keep;
    s->heap_len = 0;
    for (size_t i = 0; i < n; i++) heap_push(s, s->heap[i]); /* no growth: cannot fail */
}

/* Outage bookkeeping: an answer that is not an outage's ends it. */
static void note_reachable(sender *s, bool reachable)
{
    if (!reachable) {
        s->down_streak++;
        return;
    }
    if (s->down_streak >= OUTAGE_STREAK) {
        s->st.recoveries++;
        wake_waiting(s);
    }
    s->down_streak = 0;
}

static void adapt(sender *s, ctl_signal sig, double lat_ms)
{
    if (sig == CTL_OK) s->lat_ewma_ms = s->lat_ewma_ms ? 0.9 * s->lat_ewma_ms + 0.1 * lat_ms : lat_ms;
    if (!s->o.adaptive) return;
    control_on_answer(&s->ctl, sig, (int64_t)(lat_ms * 1000), s->inflight + 1);
    int l = current_limit(s);
    if (l < s->cap_low) s->cap_low = l;
    if (l > s->cap_high) s->cap_high = l;
}

/* An answer with a status line: the status decides, whatever error cut the
 * transfer afterwards (a 2xx whose body was still arriving is delivered). */
static void answered(sender *s, job *j, double lat_ms, int64_t now, const char *redirect)
{
    long status = j->status;
    bool told = status == 429 || j->retry_after_s >= 0;
    note_reachable(s, !((status == 502 || status == 503 || status == 504) && !told));
    if (status >= 200 && status <= 299) {
        j->error[0] = 0;
        adapt(s, CTL_OK, lat_ms);
        finish(s, j, OUT_DELIVERED);
        return;
    }
    const char *text = status_text((int)status);
    if (text[0]) snprintf(j->error, sizeof j->error, "%s", text);
    else snprintf(j->error, sizeof j->error, "HTTP %ld", status);
    if (!status_retryable(status)) {
        size_t k = strlen(j->error);
        if (redirect) snprintf(j->error + k, sizeof j->error - k, " (redirect to %s not followed)", redirect);
        adapt(s, CTL_OK, lat_ms);
        finish(s, j, OUT_REJECTED);
        return;
    }
    if (j->retry_after_s < 0 && j->retry_after_raw[0]) {
        size_t k = strlen(j->error);
        snprintf(j->error + k, sizeof j->error - k, " (Retry-After '%s' not understood: ignored)", j->retry_after_raw);
    }
    j->told_to_wait = told;
    adapt(s, told ? CTL_BACKPRESSURE : CTL_ERROR, lat_ms);
    retry_or_give_up(s, j, now);
}

static void completed(sender *s, CURLMsg *m)
{
    CURL *e = m->easy_handle;
    job *j = NULL;
    long status = 0;
    curl_off_t sent = 0;
    curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&j);
    if (curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK) status = 0;
    if (curl_easy_getinfo(e, CURLINFO_SIZE_UPLOAD_T, &sent) != CURLE_OK) sent = 0;
    long req_size = 0;
    if (curl_easy_getinfo(e, CURLINFO_REQUEST_SIZE, &req_size) != CURLE_OK) req_size = 0;
    int64_t now = clock_mono_ms();
    double lat_ms = (double)(clock_mono_us() - j->started_us) / 1000.0;
    CURLcode rc = m->data.result;
    j->status = status >= 200 ? status : 0; /* an interim 1xx is no answer */
    char redirect[RESP_KEEP / 4];
    char *loc = NULL;
    bool has_loc = status >= 300 && status <= 399 && curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc;
    if (has_loc) snprintf(redirect, sizeof redirect, "%s", loc);
    land(s, j);
    if (j->status) {
        answered(s, j, lat_ms, now, has_loc ? redirect : NULL);
        return;
    }
    snprintf(j->error, sizeof j->error, "%s", j->errbuf[0] ? j->errbuf : curl_easy_strerror(rc));
    if (curl_error_permanent((int)rc)) {
        size_t k = strlen(j->error);
        snprintf(j->error + k, sizeof j->error - k, " (not retried)");
        finish(s, j, OUT_REJECTED);
        return;
    }
    if (req_size > 0 || sent > 0) j->maybe_arrived = true; /* sent, no answer: the server may have it */
    j->told_to_wait = false;
    note_reachable(s, false);
    adapt(s, CTL_ERROR, lat_ms);
    retry_or_give_up(s, j, now);
}

/* ---- the loop ---------------------------------------------------------------------- */
static void harvest(sender *s)
{
    CURLMsg *m;
    int left;
    while ((m = curl_multi_info_read(s->multi, &left)))
        if (m->msg == CURLMSG_DONE) completed(s, m);
}

/* One socket (or the timeout) to libcurl. The deadline is read back after it:
 * libcurl calls on_timer only when its earliest timeout differs from the one
 * it last reported, so a deadline cleared when it fired may not be set again. */
static void curl_act(sender *s, curl_socket_t fd, int mask)
{
    int running;
    long t;
    curl_multi_socket_action(s->multi, fd, mask, &running);
    if (curl_multi_timeout(s->multi, &t) == CURLM_OK)
        s->curl_deadline_us = t < 0 ? -1 : clock_mono_us() + (int64_t)t * 1000;
    harvest(s);
}

/* Starts what the window, the pacing and a drain allow. */
static void start_ready(sender *s)
{
    while (!s->draining && s->ready_head && s->inflight < current_limit(s)) {
        if (s->o.adaptive && control_next_start(&s->ctl) > clock_mono_us()) break;
        start(s, ready_pop(s));
    }
}

/* In an outage with nothing in flight or ready: the soonest waiting job is
 * tried early, every PROBE_MS, to see the server back. */
static bool probe_due(const sender *s, int64_t now)
{
    return !s->draining && s->down_streak >= OUTAGE_STREAK && s->heap_len && !s->inflight && !s->ready_head &&
           now - s->last_start_mono >= PROBE_MS && !s->heap[0]->told_to_wait;
}

/* Due retries to the ready queue, starts, and libcurl's timeout when due. */
static void tick(sender *s)
{
    int64_t now = clock_mono_ms();
    while (!s->draining && s->heap_len && s->heap[0]->due_mono <= now) ready_push(s, heap_pop(s));
    if (probe_due(s, now)) ready_push(s, heap_pop(s));
    start_ready(s);
    if (s->curl_deadline_us >= 0 && s->curl_deadline_us <= clock_mono_us()) {
        curl_act(s, CURL_SOCKET_TIMEOUT, 0);
        start_ready(s);
    }
}

/* How long the wait may last: wait_ms, or less when something falls due. */
static long wait_budget(sender *s, long wait_ms)
{
    int64_t now_us = clock_mono_us();
    int64_t t = (int64_t)wait_ms * 1000;
    if (s->curl_deadline_us >= 0 && s->curl_deadline_us - now_us < t) t = s->curl_deadline_us - now_us;
    if (!s->draining && s->heap_len) {
        int64_t due = s->heap[0]->due_mono * 1000 - now_us;
        if (s->down_streak >= OUTAGE_STREAK && !s->inflight && !s->heap[0]->told_to_wait) {
            int64_t probe = (s->last_start_mono + PROBE_MS) * 1000 - now_us;
            if (probe < due) due = probe;
        }
        if (due < t) t = due;
    }
    if (!s->draining && s->ready_head && s->inflight < current_limit(s) && s->o.adaptive) {
        int64_t pace = control_next_start(&s->ctl) - now_us;
        if (pace < t) t = pace;
    }
    if (t <= 0) return 0;
    return (long)((t + 999) / 1000); /* round up: never wake before it is due */
}

/* Registers the caller's descriptor for this wait; one epoll cannot take
 * (a regular file: always readable) makes the wait zero. */
static void watch_register(sender *s)
{
    if (s->watch_fd < 0 || s->watch_added || s->watch_always_ready) return;
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = ev_data(TAG_WATCH, s->watch_fd)};
    if (epoll_ctl(s->epfd, EPOLL_CTL_ADD, s->watch_fd, &ev) == 0 || errno == EEXIST) s->watch_added = true;
    else s->watch_always_ready = true;
}

static void wait_events(sender *s, long timeout_ms)
{
    struct epoll_event evs[EPOLL_BATCH];
    int n = epoll_wait(s->epfd, evs, EPOLL_BATCH, timeout_ms > INT32_MAX ? INT32_MAX : (int)timeout_ms);
    for (int i = 0; i < n; i++) {
        if ((unsigned)(evs[i].data.u64 >> 32) != TAG_CURL) continue; /* the caller's: it reads it */
        int mask = (evs[i].events & EPOLLIN ? CURL_CSELECT_IN : 0) | (evs[i].events & EPOLLOUT ? CURL_CSELECT_OUT : 0) |
                   (evs[i].events & (EPOLLERR | EPOLLHUP) ? CURL_CSELECT_ERR : 0);
        curl_act(s, (curl_socket_t)(uint32_t)evs[i].data.u64, mask);
    }
}

void sender_watch_fd(sender *s, int fd)
{
    if (fd == s->watch_fd) return;
    if (s->watch_added) epoll_ctl(s->epfd, EPOLL_CTL_DEL, s->watch_fd, NULL); /* may be closed already */
    s->watch_fd = fd;
    s->watch_added = s->watch_always_ready = false;
}

size_t sender_run(sender *s, long wait_ms)
{
    tick(s);
    long t = 0;
    if (wait_ms > 0 && (s->pending || s->watch_fd >= 0)) {
        watch_register(s);
        t = s->watch_always_ready ? 0 : wait_budget(s, wait_ms);
    }
    wait_events(s, t);
    tick(s);
    return s->pending;
}

size_t sender_drain(sender *s, long wait_ms)
{
    s->draining = true;
    if (s->inflight) sender_run(s, wait_ms);
    return (size_t)s->inflight;
}

static void abort_waiting(sender *s, job *j)
{
    if (!j->attempts) {
        snprintf(j->error, sizeof j->error, "interrupted before it was sent");
        finish(s, j, OUT_ABORTED);
        return;
    }
    char last[sizeof j->error];
    snprintf(last, sizeof last, "%s", j->error);
    if (j->maybe_arrived) {
        snprintf(j->error, sizeof j->error, "interrupted while waiting for a retry: an earlier attempt may have arrived "
                 "(last error: %.150s)", last);
        finish(s, j, OUT_IN_DOUBT);
    } else {
        snprintf(j->error, sizeof j->error, "interrupted before it was sent again (last error: %.170s)", last);
        finish(s, j, OUT_ABORTED);
    }
}

void sender_abort(sender *s)
{
    while (s->inflight > 0) {
        job *j = s->flying[s->inflight - 1];
        long sent = 0; /* bytes of the request sent: none, and it cannot have arrived */
        if (curl_easy_getinfo(j->easy, CURLINFO_REQUEST_SIZE, &sent) != CURLE_OK) sent = 1;
        land(s, j);
        if (sent > 0 || j->maybe_arrived) {
            snprintf(j->error, sizeof j->error, "interrupted while in flight: may have arrived");
            finish(s, j, OUT_IN_DOUBT);
        } else {
            abort_waiting(s, j);
        }
    }
    job *j;
    while ((j = ready_pop(s))) abort_waiting(s, j);
    while (s->heap_len) abort_waiting(s, heap_pop(s));
}

void sender_get_stats(const sender *s, sender_stats *st)
{
    *st = s->st;
    st->inflight = s->inflight;
    st->cap = current_limit(s);
    st->cap_low = s->cap_low;
    st->cap_high = s->cap_high;
    st->latency_ms_ewma = s->lat_ewma_ms;
    st->unreachable = s->down_streak >= OUTAGE_STREAK;
}

/* sender.c — libcurl multi loop, adaptive concurrency, retries with backoff. */
#include "deliver/sender.h"

#include "lib/clock.h"

#include <curl/curl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct job {
    struct job *next;
    void *ud;
    const char *method;
    char *url;             /* url and body share one allocation */
    char *body;
    size_t body_len;
    size_t alloc;
    int attempts;
    int64_t first_ms, last_ms;       /* wall clock, for reports */
    int64_t first_mono, due_mono;    /* monotonic ms, for scheduling */
    int64_t started_us;
    long status;
    double retry_after_s;
    char error[256];
    char resp[1025];
    size_t resp_len;
    char errbuf[CURL_ERROR_SIZE];
    CURL *easy;            /* while in flight */
    size_t slot;           /* index in sender.flying */
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
    int inflight;
    job **flying;          /* the jobs in flight, inflight of them */
    double cap;
    int cap_low, cap_high;
    double lat_ewma_ms, lat_min_ms;
    int64_t last_cut_mono;
    size_t pending;
    int watch_fd;
    uint64_t rng;
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

/* ---- classification ---------------------------------------------------------- */
bool status_retryable(long status)
{
    return status == 408 || status == 423 || status == 429 || (status >= 500 && status <= 599 && status != 501);
}

double parse_retry_after(const char *v, int64_t now_ms)
{
    if (!v) return -1;
    while (*v == ' ' || *v == '\t') v++;
    if (!*v) return -1;
    char *end;
    if (*v >= '0' && *v <= '9') {
        double secs = strtod(v, &end);
        while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n') end++;
        return *end ? -1 : secs;
    }
    time_t t = curl_getdate(v, NULL);
    if (t == (time_t)-1) return -1;
    double d = (double)t - (double)now_ms / 1000.0;
    return d < 0 ? 0 : d;
}

/* ---- retry heap (min by due_mono) ----------------------------------------------- */
static int heap_push(sender *s, job *j)
{
    if (s->heap_len == s->heap_cap) {
        size_t cap = s->heap_cap ? s->heap_cap * 2 : 256;
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

/* ---- setup ---------------------------------------------------------------------- */
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

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    job *j = ud;
    size_t len = size * n, room = sizeof j->resp - 1 - j->resp_len;
    if (room) {
        size_t k = len < room ? len : room;
        memcpy(j->resp + j->resp_len, p, k);
        j->resp_len += k;
        j->resp[j->resp_len] = 0;
    }
    return len;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
    job *j = ud;
    size_t len = size * n;
    if (len > 12 && strncasecmp(p, "Retry-After:", 12) == 0) {
        char v[128];
        size_t k = len - 12 < sizeof v - 1 ? len - 12 : sizeof v - 1;
        memcpy(v, p + 12, k);
        v[k] = 0;
        j->retry_after_s = parse_retry_after(v, clock_wall_ms());
    }
    return len;
}

sender *sender_new(const sender_opts *o, sender_done_fn done, void *ctx, char *err, size_t errlen)
{
    static bool global_init;
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
    if (s->o.max_inflight < 1) s->o.max_inflight = 1;
    if (s->o.timeout_ms <= 0) s->o.timeout_ms = 10000;
    s->done = done;
    s->ctx = ctx;
    s->cap = s->o.adaptive ? (s->o.max_inflight < 16 ? s->o.max_inflight : 16) : s->o.max_inflight;
    s->lat_min_ms = 1e9;
    s->watch_fd = -1;
    s->cap_low = s->cap_high = (int)s->cap;
    s->rng = (uint64_t)clock_mono_us() * 0x9E3779B97F4A7C15ull | 1;
    s->multi = curl_multi_init();
    s->flying = calloc((size_t)s->o.max_inflight, sizeof *s->flying);
    request_headers h;
    request_headers_init(&h, o->api_key ? o->api_key : "", o->api_key_len);
    for (int i = 0; h.lines[i]; i++) s->headers = curl_slist_append(s->headers, h.lines[i]);
    s->headers = curl_slist_append(s->headers, "Expect:");   /* no 100-continue round trip */
    if (!s->multi || !s->headers || !s->flying) {
        snprintf(err, errlen, "libcurl: cannot create the multi handle");
        sender_free(s);
        return NULL;
    }
    curl_multi_setopt(s->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
    curl_multi_setopt(s->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)s->o.max_inflight);
    curl_multi_setopt(s->multi, CURLMOPT_MAXCONNECTS, (long)s->o.max_inflight + 8);
    return s;
}

static void free_job(job *j)
{
    free(j->url);
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
        free_job(s->free_jobs);
        s->free_jobs = n;
    }
    if (s->multi) curl_multi_cleanup(s->multi);
    curl_slist_free_all(s->headers);
    free(s);
}

int sender_submit(sender *s, const request *rq, void *ud)
{
    size_t ul = strlen(rq->url), need = ul + 1 + rq->body_len + 1;
    job *j = s->free_jobs;
    if (j && j->alloc >= need) {
        s->free_jobs = j->next;
    } else {
        j = calloc(1, sizeof *j);
        if (!j) return -1;
        j->url = malloc(need < 512 ? 512 : need);
        if (!j->url) {
            free(j);
            return -1;
        }
        j->alloc = need < 512 ? 512 : need;
    }
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
    j->error[0] = 0;
    j->resp_len = 0;
    j->resp[0] = 0;
    ready_push(s, j);
    s->pending++;
    s->st.submitted++;
    return 0;
}

static void recycle(sender *s, job *j)
{
    j->next = s->free_jobs;
    s->free_jobs = j;
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
    switch (out) {
    case OUT_DELIVERED: s->st.delivered++; break;
    case OUT_REJECTED: s->st.rejected++; break;
    case OUT_EXHAUSTED: s->st.exhausted++; break;
    case OUT_ABORTED: s->st.aborted++; break;
    }
    s->pending--;
    void *ud = j->ud;
    recycle(s, j);
    s->done(s->ctx, ud, &r);
}

/* ---- transfers -------------------------------------------------------------------- */
static CURL *get_easy(sender *s)
{
    if (s->pool_len) return s->pool[--s->pool_len];
    CURL *e = curl_easy_init();
    if (!e) return NULL;
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, s->headers);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, s->o.timeout_ms);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, s->o.timeout_ms);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    return e;
}

static void put_easy(sender *s, CURL *e)
{
    if (s->pool_len == s->pool_cap) {
        size_t cap = s->pool_cap ? s->pool_cap * 2 : 64;
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

static void start(sender *s, job *j)
{
    CURL *e = get_easy(s);
    if (!e) {
        /* cannot even make a handle: treat as a transport failure, retried */
        j->attempts++;
        j->last_ms = clock_wall_ms();
        if (!j->first_ms) {
            j->first_ms = j->last_ms;
            j->first_mono = clock_mono_ms();
        }
        snprintf(j->error, sizeof j->error, "out of memory creating a transfer");
        j->due_mono = clock_mono_ms() + 1000;
        if (heap_push(s, j)) finish(s, j, OUT_EXHAUSTED);
        return;
    }
    curl_easy_setopt(e, CURLOPT_URL, j->url);
    if (strcmp(j->method, "GET") == 0) {
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, NULL);
    } else if (j->body) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)j->body_len);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, j->body);
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, strcmp(j->method, "POST") == 0 ? NULL : j->method);
    } else {
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, j->method);
    }
    curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, j);
    curl_easy_setopt(e, CURLOPT_PRIVATE, j);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->errbuf);
    j->errbuf[0] = 0;
    j->resp_len = 0;
    j->resp[0] = 0;
    j->retry_after_s = -1;
    j->status = 0;
    j->attempts++;
    j->last_ms = clock_wall_ms();
    if (!j->first_ms) {
        j->first_ms = j->last_ms;
        j->first_mono = clock_mono_ms();
    }
    j->started_us = clock_mono_us();
    s->st.attempts++;
    if (j->attempts > 1) s->st.retries++;
    if (j->attempts == 2) s->st.jobs_retried++;
    j->easy = e;
    j->slot = (size_t)s->inflight;
    s->flying[s->inflight++] = j;
    curl_multi_add_handle(s->multi, e);
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

static void cut_cap(sender *s, int64_t now)
{
    if (!s->o.adaptive || now - s->last_cut_mono < 100) return;
    s->last_cut_mono = now;
    s->cap = s->cap * 0.5 < 1 ? 1 : s->cap * 0.5;
    if ((int)s->cap < s->cap_low) s->cap_low = (int)s->cap;
}

static void adapt_success(sender *s, double lat_ms, int64_t now)
{
    s->lat_ewma_ms = s->lat_ewma_ms ? 0.9 * s->lat_ewma_ms + 0.1 * lat_ms : lat_ms;
    if (lat_ms < s->lat_min_ms) s->lat_min_ms = lat_ms;
    else s->lat_min_ms *= 1.0005; /* let the floor drift up slowly */
    if (!s->o.adaptive) return;
    if (s->lat_ewma_ms > 3 * s->lat_min_ms + 20) {
        cut_cap(s, now); /* latency is rising: back off */
    } else if (s->cap < s->o.max_inflight) {
        s->cap += 1.0 / s->cap * 2;
        if (s->cap > s->o.max_inflight) s->cap = s->o.max_inflight;
        if ((int)s->cap > s->cap_high) s->cap_high = (int)s->cap;
    }
}

static void retry_or_give_up(sender *s, job *j, int64_t now)
{
    int n = j->attempts < 30 ? j->attempts : 30;
    double bound = s->o.backoff_base_s * pow(2, n - 1);
    if (bound > s->o.backoff_cap_s) bound = s->o.backoff_cap_s;
    double delay = rand01(s) * bound; /* full jitter */
    if (j->retry_after_s >= 0 && j->retry_after_s > delay) delay = j->retry_after_s;
    j->due_mono = now + (int64_t)(delay * 1000);
    if ((double)(j->due_mono - j->first_mono) > s->o.retry_window_s * 1000) {
        finish(s, j, OUT_EXHAUSTED);
        return;
    }
    if (heap_push(s, j)) finish(s, j, OUT_EXHAUSTED);
}

static void completed(sender *s, CURLMsg *m)
{
    CURL *e = m->easy_handle;
    job *j = NULL;
    curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&j);
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    land(s, j);
    int64_t now = clock_mono_ms();
    double lat_ms = (double)(clock_mono_us() - j->started_us) / 1000.0;
    CURLcode rc = m->data.result;
    if (rc != CURLE_OK) {
        snprintf(j->error, sizeof j->error, "%s", j->errbuf[0] ? j->errbuf : curl_easy_strerror(rc));
        cut_cap(s, now);
        retry_or_give_up(s, j, now);
        return;
    }
    j->status = status;
    if (status >= 200 && status <= 299) {
        j->error[0] = 0;
        adapt_success(s, lat_ms, now);
        finish(s, j, OUT_DELIVERED);
        return;
    }
    const char *text = status_text((int)status);
    if (text[0]) snprintf(j->error, sizeof j->error, "%s", text);
    else snprintf(j->error, sizeof j->error, "HTTP %ld", status);
    if (status_retryable(status)) {
        cut_cap(s, now);
        retry_or_give_up(s, j, now);
    } else {
        finish(s, j, OUT_REJECTED);
    }
}

static void pump(sender *s)
{
    int64_t now = clock_mono_ms();
    while (s->heap_len && s->heap[0]->due_mono <= now) ready_push(s, heap_pop(s));
    while (s->inflight < (int)s->cap && s->ready_head) start(s, ready_pop(s));
    int running;
    curl_multi_perform(s->multi, &running);
    CURLMsg *m;
    int left;
    while ((m = curl_multi_info_read(s->multi, &left)))
        if (m->msg == CURLMSG_DONE) completed(s, m);
    while (s->inflight < (int)s->cap && s->ready_head) start(s, ready_pop(s));
}

void sender_watch_fd(sender *s, int fd) { s->watch_fd = fd; }

size_t sender_run(sender *s, long wait_ms)
{
    pump(s);
    if (wait_ms > 0 && (s->pending || s->watch_fd >= 0)) {
        long t = wait_ms;
        if (s->heap_len) {
            int64_t until = s->heap[0]->due_mono - clock_mono_ms();
            if (until < t) t = until < 0 ? 0 : (long)until;
        }
        struct curl_waitfd extra = {.fd = s->watch_fd, .events = CURL_WAIT_POLLIN};
        if (s->inflight || t > 0) curl_multi_poll(s->multi, s->watch_fd >= 0 ? &extra : NULL, s->watch_fd >= 0, (int)t, NULL);
        pump(s);
    }
    return s->pending;
}

void sender_abort(sender *s)
{
    while (s->inflight > 0) {
        job *j = s->flying[s->inflight - 1];
        land(s, j);
        if (!j->error[0]) snprintf(j->error, sizeof j->error, "interrupted while in flight");
        finish(s, j, OUT_ABORTED);
    }
    job *j;
    while ((j = ready_pop(s))) {
        if (!j->error[0]) snprintf(j->error, sizeof j->error, "interrupted before it was sent");
        finish(s, j, OUT_ABORTED);
    }
    while (s->heap_len) finish(s, heap_pop(s), OUT_ABORTED);
}

void sender_get_stats(const sender *s, sender_stats *st)
{
    *st = s->st;
    st->inflight = s->inflight;
    st->cap = (int)s->cap;
    st->cap_low = s->cap_low;
    st->cap_high = s->cap_high;
    st->latency_ms_ewma = s->lat_ewma_ms;
}

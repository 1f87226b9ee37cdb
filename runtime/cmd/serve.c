/* serve.c — `serve`: a Segment-compatible HTTP endpoint (ingest/http.h,
 * ingest/segment.h) in front of the durable queue (queue/queue.h), and the
 * delivery loop behind it (the runner of cmd/events.h, as `run` has it).
 *
 * Two sides, one direction:
 *   listener threads: request -> segment_parse -> (invalid batch items to the
 *     dead-letter store) -> queue_put (group commit) -> 200; the wake-up
 *     descriptor tells the loop there is more.
 *   the main thread: queue_lease -> map -> sender; each event settled acks
 *     (delivered, filtered) or marks dead (dead-lettered) in the queue; each
 *     retry is recorded in it, so a restart resumes where this one stopped.
 * An event is answered 200 only once committed; it leaves the queue only once
 * delivered or kept in the dead-letter store. SIGTERM (or Ctrl-C): no new
 * connections, the requests in flight finish (bounded by the timeout), what
 * is left stays queued for the next start; a second one stops at once. */
#include "cmd/serve.h"

#include "cmd/events.h"
#include "cmd/live.h"
#include "cmd/outbox.h"
#include "cmd/serve_config.h"
#include "ingest/http.h"
#include "ingest/segment.h"
#include "lib/clock.h"
#include "map/pool.h"
#include "obs/metrics.h"
#include "queue/queue.h"

#include "obs/log.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#define LOOP_WAIT_MS 50             /* the longest wait of the loop with nothing due */
#define POOL_POLL_MS 1              /* ... while the mapping workers hold events */
#define QUEUE_FULL_RETRY_S 5        /* Retry-After when the queue is full */
#define QUEUE_ERROR_RETRY_S 2       /* ... when it cannot be written */
#define STOPPING_RETRY_S 5          /* ... while stopping */
#define STOP_DRAIN_MS 5000          /* at a stop, the longest wait for requests being received */
#define NEAR_FULL 0.9               /* /health: degraded beyond this share of a queue limit */
#define PARSE_MEMORY ((size_t)64 << 20) /* one request's parse on a listener thread */
#define HISTO_MAPPINGS 128          /* mapping names with a duration histogram */
#define STATUS_MAX 600
#define TELEMETRY_PATH "/v1/m"      /* analytics.js posts its own metrics here */

/* The refusal codes counted by encharge_events_rejected_total (segment.h's,
 * and serve's own). */
static const char *const REJECT_CODES[] = {
    "invalid_json", "invalid_batch", "invalid_event", "invalid_gzip", "unauthorized", "not_found", "too_large",
    "unsupported_encoding", "queue_full", "queue_error", "stopping", "dead_letter_error", "method_not_allowed",
    "no_user_anon_id", "missing_event", "missing_type", "bad_type", "not_an_object", "bad_message_id", "other"};
#define REJECT_COUNT (sizeof REJECT_CODES / sizeof REJECT_CODES[0])

typedef struct {
    char *name;
    prom_histo h;
} mapping_histo;

/* What /metrics and /health read of the delivery side, copied by the loop
 * every turn under serve.mu. */
typedef struct {
    uint64_t delivered_by_action[ACTION_COUNT];
    uint64_t dead_by_reason[R_COUNT];
    uint64_t filtered, retries, reloads, reload_failures;
    int inflight;
    bool unreachable, reload_refused;
    char reload_error[256];
} snapshot;

typedef struct {
    env e;
    run_opts *o;
    runner r;
    mapper m;
    live lv;
    serve_config sc;
    queue *q;
    http_server *http, *admin;
    dlq *idlq;               /* the listeners' handle on the dead-letter store: each add commits */
    int wakefd;              /* eventfd: the listeners' "queued more" */
    int waitfd;              /* epoll of wakefd and the watch */
    atomic_bool stopping;
    pthread_key_t scratch;   /* a listener thread's parse memory */
    /* the listeners' counters */
    _Atomic uint64_t received[SEG_BATCH + 1];
    _Atomic uint64_t rejected[REJECT_COUNT];
    _Atomic uint64_t responses[STATUS_MAX];
    _Atomic uint64_t duplicates;
    outbox ob;               /* the loop's: queue -> runner -> queue */
    bool ob_ready;
    /* shared, under mu */
    pthread_mutex_t mu;
    snapshot snap;
    mapping_histo histos[HISTO_MAPPINGS];
    int nhistos;
} serve;

static int reject_index(const char *code)
{
    for (size_t i = 0; i < REJECT_COUNT; i++)
        if (code && strcmp(REJECT_CODES[i], code) == 0) return (int)i;
    return (int)REJECT_COUNT - 1;
}

static void count_reject(serve *s, const char *code, uint64_t n)
{
    atomic_fetch_add(&s->rejected[reject_index(code)], n);
}

/* ---- message ids ------------------------------------------------------------------- */
/* A version-4 UUID from /dev/urandom-seeded state per thread. */
static void new_id(void *ctx, char out[64])
{
    (void)ctx;
    static _Thread_local uint64_t st[2];
    if (!st[0]) {
        if (getentropy(st, sizeof st) != 0) {
            st[0] = (uint64_t)clock_mono_ns() ^ (uint64_t)(uintptr_t)&st;
            st[1] = (uint64_t)clock_wall_ms() * 0x9E3779B97F4A7C15ull;
        }
        st[0] |= 1;
    }
    uint8_t b[16];
    for (int i = 0; i < 2; i++) { /* xorshift128+ */
        uint64_t x = st[0], y = st[1];
        st[0] = y;
        x ^= x << 23;
        st[1] = x ^ y ^ (x >> 17) ^ (y >> 26);
        uint64_t v = st[1] + y;
        memcpy(b + 8 * i, &v, 8);
    }
    b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
    b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
    static const char hex[] = "0123456789abcdef";
    int k = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out[k++] = '-';
        out[k++] = hex[b[i] >> 4];
        out[k++] = hex[b[i] & 15];
    }
    out[k] = 0;
}

/* ---- the listeners ------------------------------------------------------------------ */
typedef struct {
    jarena a;
    segment_result res;
    queue_msg *msgs;
    uint8_t *status;
    size_t cap;
} scratch;

static void scratch_free(void *p)
{
    scratch *t = p;
    if (!t) return;
    jarena_free(&t->a);
    segment_result_free(&t->res);
    free(t->msgs);
    free(t->status);
    free(t);
}

static scratch *thread_scratch(serve *s)
{
    scratch *t = pthread_getspecific(s->scratch);
    if (t) return t;
    if (!(t = calloc(1, sizeof *t))) return NULL;
    jarena_init(&t->a, PARSE_MEMORY);
    segment_result_init(&t->res);
    if (pthread_setspecific(s->scratch, t)) {
        scratch_free(t);
        return NULL;
    }
    return t;
}

static void answer_json(http_resp *resp, int status, const char *code, const char *message, int retry_after_s)
{
    resp->status = status;
    resp->retry_after_s = retry_after_s;
    jbuf_reset(&resp->body);
    jbuf_put(&resp->body, "{\"success\":false,\"code\":", 24);
    json_write_string(&resp->body, code, strlen(code));
    jbuf_put(&resp->body, ",\"message\":", 11);
    json_write_string(&resp->body, message, strlen(message));
    jbuf_putc(&resp->body, '}');
}

static void on_answered(void *ctx, int status)
{
    serve *s = ctx;
    if (status > 0 && status < STATUS_MAX) atomic_fetch_add(&s->responses[status], 1);
}

/* The invalid items of a batch, each kept whole with its reason before the
 * answer names them. -1: the store failed (nothing is queued then). */
static int keep_invalid(serve *s, const segment_result *res, char *err, size_t errlen)
{
    for (size_t i = 0; i < res->ninvalid; i++) {
        const segment_invalid *iv = &res->invalid[i];
        dlq_record rec = {.event = res->raw.p + iv->off, .event_len = iv->len, .reason = iv->code,
                          .message = iv->message};
        if (dlq_add(s->idlq, &rec, s->e.secrets, err, errlen)) return -1;
        count_reject(s, iv->code, 1);
    }
    return 0;
}

/* Room in the queue for n more events of bytes: 0, or -1 (full). */
static int queue_room(serve *s, size_t n, size_t bytes)
{
    queue_depth d;
    char err[256];
    if (queue_depth_get(s->q, &d, err, sizeof err)) return 0; /* the put will say */
    return (double)(d.events + n) > s->sc.max_events || (double)(d.bytes + bytes) > s->sc.max_bytes ? -1 : 0;
}

/* The accepted events to the queue (one commit, shared with the other
 * listeners'), then the answer: 200 once committed, 503 when not. */
static void queue_events(serve *s, scratch *t, const segment_result *res, http_resp *resp)
{
    char err[512];
    if (t->cap < res->nev) {
        size_t cap = res->nev * 2;
        queue_msg *m = realloc(t->msgs, cap * sizeof *m);
        if (m) t->msgs = m;
        uint8_t *st = m ? realloc(t->status, cap) : NULL;
        if (st) t->status = st;
        if (!m || !st) {
            answer_json(resp, 503, "queue_error", "out of memory", QUEUE_ERROR_RETRY_S);
            return;
        }
        t->cap = cap;
    }
    for (size_t i = 0; i < res->nev; i++) {
        const segment_event *ev = &res->ev[i];
        t->msgs[i] = (queue_msg){.data = res->events.p + ev->off, .len = ev->len,
                                 .id = ev->id_len ? res->events.p + ev->id_off : NULL, .id_len = ev->id_len};
    }
    if (queue_put(s->q, t->msgs, res->nev, clock_wall_ms(), t->status, err, sizeof err)) {
        log_say(LOG_ERROR, "serve", "%s; the request was refused with 503\n", err);
        count_reject(s, "queue_error", res->nev);
        answer_json(resp, 503, "queue_error", "the queue cannot be written; retry later", QUEUE_ERROR_RETRY_S);
        return;
    }
    uint64_t dups = 0;
    for (size_t i = 0; i < res->nev; i++) dups += t->status[i] == QUEUE_DUPLICATE;
    if (dups) atomic_fetch_add(&s->duplicates, dups);
    if (dups < res->nev) {
        uint64_t one = 1;
        if (write(s->wakefd, &one, sizeof one) < 0 && errno != EAGAIN) { /* the loop polls anyway */
        }
    }
    resp->status = 200;
    segment_answer(res, &resp->body);
}

static void ingest(serve *s, const http_req *rq, http_resp *resp, segment_kind kind)
{
    resp->cors = true;
    if (strcmp(http_method(rq), "POST") != 0) {
        count_reject(s, "method_not_allowed", 1);
        answer_json(resp, 405, "method_not_allowed", "ingest paths take POST", 0);
        return;
    }
    if (atomic_load(&s->stopping)) {
        count_reject(s, "stopping", 1);
        answer_json(resp, 503, "stopping", "the server is stopping; retry", STOPPING_RETRY_S);
        return;
    }
    scratch *t = thread_scratch(s);
    if (!t) {
        answer_json(resp, 503, "queue_error", "out of memory", QUEUE_ERROR_RETRY_S);
        return;
    }
    size_t len;
    const char *body = http_body(rq, &len);
    segment_request sr = {.path = http_path(rq), .content_encoding = http_header(rq, "Content-Encoding"),
                          .authorization = http_header(rq, "Authorization"), .body = body, .len = len,
                          .now_ms = clock_wall_ms(), .write_keys = s->sc.keys, .nkeys = (size_t)s->sc.nkeys,
                          .new_id = new_id};
    segment_result *res = &t->res;
    segment_parse(&sr, &s->sc.lim, &t->a, res);
    atomic_fetch_add(&s->received[kind], res->nev + res->ninvalid + (res->status != 200));
    if (res->status != 200) {
        count_reject(s, res->code, 1);
        resp->status = res->status;
        segment_answer(res, &resp->body);
        return;
    }
    char err[512];
    if (queue_room(s, res->nev, res->events.len)) {
        count_reject(s, "queue_full", res->nev);
        answer_json(resp, 503, "queue_full", "the queue is full (queue.max_events / queue.max_bytes); retry later",
                    QUEUE_FULL_RETRY_S);
        return;
    }
    if (res->ninvalid && keep_invalid(s, res, err, sizeof err)) {
        log_say(LOG_ERROR, "serve", "dead-letter store: %s; the request was refused with 503\n", err);
        count_reject(s, "dead_letter_error", res->nev);
        answer_json(resp, 503, "dead_letter_error", "the dead-letter store cannot be written; retry later",
                    QUEUE_ERROR_RETRY_S);
        return;
    }
    queue_events(s, t, res, resp);
}

/* ---- /health and /metrics ------------------------------------------------------------ */
static void health(serve *s, http_resp *resp)
{
    queue_depth d = {0};
    char err[256];
    bool qerr = queue_depth_get(s->q, &d, err, sizeof err) != 0;
    pthread_mutex_lock(&s->mu);
    snapshot sn = s->snap;
    pthread_mutex_unlock(&s->mu);
    const char *reasons[5];
    int n = 0;
    if (qerr) reasons[n++] = "queue_error";
    else if ((double)d.events >= NEAR_FULL * s->sc.max_events || (double)d.bytes >= NEAR_FULL * s->sc.max_bytes)
        reasons[n++] = "queue_near_full";
    if (sn.unreachable) reasons[n++] = "encharge_unreachable";
    if (sn.reload_refused) reasons[n++] = "reload_refused";
    if (atomic_load(&s->stopping)) reasons[n++] = "stopping";
    resp->status = n ? 503 : 200;
    jbuf *b = &resp->body;
    char num[160];
    int64_t age = d.oldest_put_ms ? clock_wall_ms() - d.oldest_put_ms : 0;
    int k = snprintf(num, sizeof num, "{\"status\":\"%s\",\"queue\":{\"events\":%" PRIu64 ",\"bytes\":%" PRIu64
                     ",\"oldest_age_s\":%.3f},\"reasons\":[", n ? "degraded" : "ok", d.events, d.bytes,
                     age > 0 ? (double)age / 1000 : 0.0);
    jbuf_put(b, num, (size_t)k);
    for (int i = 0; i < n; i++) {
        if (i) jbuf_putc(b, ',');
        json_write_string(b, reasons[i], strlen(reasons[i]));
    }
    jbuf_putc(b, ']');
    if (sn.reload_refused) {
        jbuf_put(b, ",\"reload_error\":", 16);
        json_write_string(b, sn.reload_error, strlen(sn.reload_error));
    }
    jbuf_put(b, "}\n", 2);
}

static void metrics(serve *s, http_resp *resp)
{
    jbuf *b = &resp->body;
    resp->content_type = "text/plain; version=0.0.4; charset=utf-8";
    queue_depth d = {0};
    char err[256];
    queue_depth_get(s->q, &d, err, sizeof err);
    pthread_mutex_lock(&s->mu);
    snapshot sn = s->snap;
    prom_family(b, "encharge_events_received_total", "counter", "Events received over HTTP, by ingest path.");
    for (int k = SEG_TRACK; k <= SEG_BATCH; k++)
        prom_sample(b, "encharge_events_received_total", "path", segment_kind_name((segment_kind)k),
                    (double)atomic_load(&s->received[k]));
    prom_family(b, "encharge_events_rejected_total", "counter",
                "Events (or requests) refused at ingest, by reason; a refused batch item is also dead-lettered.");
    for (size_t i = 0; i < REJECT_COUNT; i++)
        prom_sample(b, "encharge_events_rejected_total", "reason", REJECT_CODES[i], (double)atomic_load(&s->rejected[i]));
    prom_family(b, "encharge_events_duplicate_total", "counter", "Events not queued again: their messageId was seen.");
    prom_sample(b, "encharge_events_duplicate_total", NULL, NULL, (double)atomic_load(&s->duplicates));
    prom_family(b, "encharge_events_delivered_total", "counter", "Requests delivered to Encharge, by action.");
    for (int i = 0; i < ACTION_COUNT; i++)
        prom_sample(b, "encharge_events_delivered_total", "action", ACTIONS[i].key, (double)sn.delivered_by_action[i]);
    prom_family(b, "encharge_events_filtered_total", "counter", "Events no subscription matched.");
    prom_sample(b, "encharge_events_filtered_total", NULL, NULL, (double)sn.filtered);
    prom_family(b, "encharge_events_dead_lettered_total", "counter", "Dead-letter records written, by reason.");
    for (int i = 0; i < R_COUNT; i++)
        prom_sample(b, "encharge_events_dead_lettered_total", "reason", reason_name(i), (double)sn.dead_by_reason[i]);
    prom_family(b, "encharge_events_retried_total", "counter", "Delivery attempts beyond the first.");
    prom_sample(b, "encharge_events_retried_total", NULL, NULL, (double)sn.retries);
    prom_family(b, "encharge_queue_depth", "gauge", "Events in the queue (not yet delivered or dead-lettered).");
    prom_sample(b, "encharge_queue_depth", NULL, NULL, (double)d.events);
    prom_family(b, "encharge_queue_bytes", "gauge", "Bytes of the events in the queue.");
    prom_sample(b, "encharge_queue_bytes", NULL, NULL, (double)d.bytes);
    prom_family(b, "encharge_queue_oldest_age_seconds", "gauge", "Age of the oldest event in the queue.");
    int64_t age = d.oldest_put_ms ? clock_wall_ms() - d.oldest_put_ms : 0;
    prom_sample(b, "encharge_queue_oldest_age_seconds", NULL, NULL, age > 0 ? (double)age / 1000 : 0);
    prom_family(b, "encharge_requests_in_flight", "gauge", "Requests to Encharge in flight.");
    prom_sample(b, "encharge_requests_in_flight", NULL, NULL, sn.inflight);
    prom_family(b, "encharge_http_responses_total", "counter", "Answers sent by the ingest listener, by status.");
    for (int st = 100; st < STATUS_MAX; st++) {
        uint64_t v = atomic_load(&s->responses[st]);
        if (!v) continue;
        char code[8];
        snprintf(code, sizeof code, "%d", st);
        prom_sample(b, "encharge_http_responses_total", "status", code, (double)v);
    }
    prom_family(b, "encharge_script_duration_seconds", "histogram", "Time in a mapping per event, by mapping.");
    for (int i = 0; i < s->nhistos; i++)
        prom_histo_write(b, "encharge_script_duration_seconds", "mapping", s->histos[i].name, &s->histos[i].h);
    prom_family(b, "encharge_reloads_total", "counter", "Configuration reloads, by result.");
    prom_sample(b, "encharge_reloads_total", "result", "accepted", (double)sn.reloads);
    prom_sample(b, "encharge_reloads_total", "result", "refused", (double)sn.reload_failures);
    pthread_mutex_unlock(&s->mu);
}

static void on_request(void *ctx, const http_req *rq, http_resp *resp)
{
    serve *s = ctx;
    const char *path = http_path(rq);
    segment_kind kind = segment_path_kind(path);
    if (kind != SEG_NONE) {
        ingest(s, rq, resp, kind);
        return;
    }
    if (strcmp(path, TELEMETRY_PATH) == 0) { /* analytics.js's own metrics: not events, not kept */
        resp->cors = true;
        jbuf_put(&resp->body, "{\"success\":true}", 16);
        return;
    }
    bool ops = !s->sc.admin; /* with an admin listener, /health and /metrics are there only */
    if (ops && strcmp(path, "/health") == 0) health(s, resp);
    else if (ops && strcmp(path, "/metrics") == 0) metrics(s, resp);
    else {
        count_reject(s, "not_found", 1);
        answer_json(resp, 404, "not_found", "not an ingest path (POST /v1/track, /v1/batch, ...)", 0);
    }
}

static void on_admin(void *ctx, const http_req *rq, http_resp *resp)
{
    serve *s = ctx;
    const char *path = http_path(rq);
    if (strcmp(path, "/health") == 0) health(s, resp);
    else if (strcmp(path, "/metrics") == 0) metrics(s, resp);
    else answer_json(resp, 404, "not_found", "the admin listener serves /health and /metrics", 0);
}

/* ---- metrics of the delivery side --------------------------------------------------- */
static mapping_histo *histo_of(serve *s, const char *name)
{
    for (int i = 0; i < s->nhistos; i++)
        if (strcmp(s->histos[i].name, name) == 0) return &s->histos[i];
    if (s->nhistos >= HISTO_MAPPINGS) return NULL;
    char *n = strdup(name);
    if (!n) return NULL;
    pthread_mutex_lock(&s->mu);
    mapping_histo *h = &s->histos[s->nhistos];
    memset(h, 0, sizeof *h);
    h->name = n;
    s->nhistos++;
    pthread_mutex_unlock(&s->mu);
    return h;
}

static void on_mapped(void *ctx, const ev_result *res)
{
    serve *s = ctx;
    for (int i = 0; i < res->nmatched; i++) {
        mapping_histo *h = histo_of(s, res->r[i].sub->name ? res->r[i].sub->name : "(unnamed)");
        if (h) prom_histo_observe(&h->h, res->r[i].script_ns);
    }
}

static void publish(serve *s)
{
    sender_stats st;
    sender_get_stats(s->e.snd, &st);
    pthread_mutex_lock(&s->mu);
    snapshot *sn = &s->snap;
    memcpy(sn->delivered_by_action, s->r.delivered_by_action, sizeof sn->delivered_by_action);
    memcpy(sn->dead_by_reason, s->r.dead_by_reason, sizeof sn->dead_by_reason);
    sn->filtered = s->r.filtered;
    sn->retries = st.retries;
    sn->reloads = s->r.reloads;
    sn->reload_failures = s->r.reload_failures;
    sn->inflight = st.inflight;
    sn->unreachable = st.unreachable;
    sn->reload_refused = s->lv.last_refused;
    snprintf(sn->reload_error, sizeof sn->reload_error, "%.*s", (int)sizeof sn->reload_error - 1, s->lv.last_error);
    pthread_mutex_unlock(&s->mu);
}

static long loop_wait(serve *s)
{
    long t = outbox_wait_ms(&s->ob, LOOP_WAIT_MS);
    int w = live_timeout_ms(&s->lv);
    if (w >= 0 && w < t) t = w;
    if (s->r.pool && pool_busy(s->r.pool) && t > POOL_POLL_MS) t = POOL_POLL_MS;
    return t;
}

static void drain_wake(serve *s)
{
    uint64_t v;
    while (read(s->wakefd, &v, sizeof v) > 0) {
    }
}

static void loop(serve *s)
{
    while (!env_interrupted() && !s->r.halt) {
        live_poll(&s->lv);
        outbox_lease(&s->ob);
        if (s->r.pool) runner_collect(&s->r, 0);
        outbox_settle(&s->ob);
        publish(s);
        sender_watch_fd(s->e.snd, s->waitfd);
        sender_run(s->e.snd, loop_wait(s));
        sender_watch_fd(s->e.snd, -1);
        drain_wake(s);
        if (s->r.pool) runner_collect(&s->r, 0);
        outbox_settle(&s->ob);
    }
}

static void wind_tick(void *ctx)
{
    serve *s = ctx;
    outbox_settle(&s->ob);
    publish(s);
}

/* ---- start and stop ----------------------------------------------------------------- */
static int open_listeners(serve *s)
{
    char err[512];
    http_opts ho;
    http_opts_default(&ho);
    ho.host = s->sc.host;
    ho.port = s->sc.port;
    ho.threads = s->sc.threads;
    ho.max_connections = (unsigned)s->sc.max_connections;
    ho.body_max = s->sc.lim.body_max;
    ho.cors_origins = s->sc.cors_origins;
    ho.answered = on_answered;
    if (!(s->http = http_start(&ho, on_request, s, err, sizeof err))) {
        log_say(LOG_ERROR, "serve", "%s\n", err);
        return -1;
    }
    if (s->sc.admin) {
        http_opts ao;
        http_opts_default(&ao);
        ao.host = s->sc.admin_host;
        ao.port = s->sc.admin_port;
        ao.threads = 1;
        ao.body_max = 4096;
        if (!(s->admin = http_start(&ao, on_admin, s, err, sizeof err))) {
            log_say(LOG_ERROR, "serve", "admin listener: %s\n", err);
            return -1;
        }
    }
    return 0;
}

static void print_listening(serve *s)
{
    const char *h = s->sc.host;
    bool v6 = strchr(h, ':') && h[0] != '[';
    printf("listening on http://%s%s%s:%d\n", v6 ? "[" : "", h, v6 ? "]" : "", http_port(s->http));
    if (s->admin)
        log_say(LOG_INFO, "serve", "admin listener (/health, /metrics) on http://%s:%d\n", s->sc.admin_host,
                http_port(s->admin));
    fflush(stdout);
}

static int serve_start(serve *s)
{
    char err[512];
    log_json(true);
    if (env_open(&s->e, s->o, true, true, "serve")) return -1;
    if (serve_config_load(&s->sc, s->o, &s->e.cfg.root, err, sizeof err)) {
        log_say(LOG_ERROR, "serve", "config: %s\n", err);
        return -1;
    }
    for (int i = 0; i < s->sc.nkeys; i++) env_add_secret(&s->e, s->sc.keys[i]);
    log_secrets(s->e.secrets);
    if (!s->sc.nkeys)
        log_say(LOG_WARN, "serve", "warning: no write keys (ingest.write_keys, --write-key, SEGMENT_WRITE_KEY): every "
                        "sender is accepted\n");
    if (!(s->q = queue_open(&s->sc.q, err, sizeof err))) {
        log_say(LOG_ERROR, "serve", "%s\n", err);
        return -1;
    }
    const char *dlq_path = s->o->dlq_path ? s->o->dlq_path : "encharge-dlq.db";
    if (!(s->idlq = dlq_open(dlq_path, err, sizeof err))) {
        log_say(LOG_ERROR, "serve", "dead-letter store: %s\n", err);
        return -1;
    }
    if (runner_open(&s->r, &s->e, s->o, "serve")) return -1;
    s->m = env_mapper(&s->e, &s->e.cfg);
    s->m.timed = true; /* encharge_script_duration_seconds */
    outbox_init(&s->ob, &s->r, s->q, &s->m, env_pending_cap(s->o), "serve");
    s->ob_ready = true;
    s->r.mapped = on_mapped;
    s->r.mapped_ctx = s;
    int workers = s->o->workers ? s->o->workers : 1;
    if (workers > POOL_WORKERS_MAX) workers = POOL_WORKERS_MAX;
    if (workers > 1 && !(s->r.pool = pool_new(workers, s->e.lua, err, sizeof err))) {
        log_say(LOG_ERROR, "serve", "mapping workers: %s\n", err);
        return -1;
    }
    if ((s->wakefd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0 || (s->waitfd = epoll_create1(EPOLL_CLOEXEC)) < 0) {
        log_say(LOG_ERROR, "serve", "%s\n", strerror(errno));
        return -1;
    }
    struct epoll_event ev = {.events = EPOLLIN};
    if (epoll_ctl(s->waitfd, EPOLL_CTL_ADD, s->wakefd, &ev) < 0) {
        log_say(LOG_ERROR, "serve", "epoll: %s\n", strerror(errno));
        return -1;
    }
    live_catch_sighup();
    live_start(&s->lv, &s->r, &s->m, s->o, "serve");
    if (live_fd(&s->lv) >= 0 && epoll_ctl(s->waitfd, EPOLL_CTL_ADD, live_fd(&s->lv), &ev) < 0) {
        log_say(LOG_ERROR, "serve", "not watching for changes: epoll: %s (SIGHUP reloads)\n", strerror(errno));
        live_stop(&s->lv);
    }
    if (pthread_key_create(&s->scratch, scratch_free)) {
        log_say(LOG_ERROR, "serve", "cannot make the listeners' memory\n");
        return -1;
    }
    env_catch_interrupt(SIGINT);
    env_catch_interrupt(SIGTERM);
    publish(s);
    if (open_listeners(s)) return -1;
    queue_depth d = {0};
    queue_depth_get(s->q, &d, err, sizeof err);
    log_say(LOG_INFO, "serve", "queue %s (%s): %" PRIu64 " event(s) waiting from before\n", s->sc.q.path,
            queue_backend(s->q), d.events);
    print_listening(s);
    return 0;
}

static void serve_stop(serve *s)
{
    sender_stats st;
    sender_get_stats(s->e.snd, &st);
    log_say(LOG_INFO, "serve", "stopping: no new connections; %d request(s) in flight finish, the rest stays queued\n",
            st.inflight);
    http_quiesce(s->http);
    /* the requests begun finish as usual (their events committed, 200); then
     * what still comes on an open connection is told to retry */
    int left = http_drain(s->http, STOP_DRAIN_MS);
    if (left) log_say(LOG_WARN, "serve", "%d request(s) still arriving after %d ms: cut off (their senders retry)", left,
                      STOP_DRAIN_MS);
    atomic_store(&s->stopping, true);
    http_stop(s->http);
    s->http = NULL;
    runner_quiesce(&s->r);
    env_wind_down(&s->e, "serve", s->o->set.send.timeout_ms, wind_tick, s);
    outbox_settle(&s->ob);
    queue_depth d = {0};
    char err[256];
    queue_depth_get(s->q, &d, err, sizeof err);
    log_say(LOG_INFO, "serve", "stopped: %" PRIu64 " event(s) delivered, %" PRIu64 " filtered, %" PRIu64
                    " dead-lettered; %" PRIu64 " left queued for the next start\n",
            s->r.events_delivered, s->r.filtered, s->r.events_dead, d.events);
}

static void serve_free(serve *s)
{
    http_stop(s->http);
    http_stop(s->admin);
    live_stop(&s->lv);
    pool_free(s->r.pool);
    s->r.pool = NULL;
    cfg_version_swap(&s->r.active, NULL);
    if (s->e.snd) runner_free(&s->r);
    queue_close(s->q);
    dlq_close(s->idlq);
    if (s->wakefd >= 0) close(s->wakefd);
    if (s->waitfd >= 0) close(s->waitfd);
    if (s->ob_ready) outbox_free(&s->ob);
    for (int i = 0; i < s->nhistos; i++) free(s->histos[i].name);
    serve_config_free(&s->sc);
    env_free(&s->e);
    pthread_mutex_destroy(&s->mu);
}

int cmd_serve(run_opts *o)
{
    serve *s = calloc(1, sizeof *s);
    if (!s) {
        log_say(LOG_ERROR, "serve", "out of memory\n");
        return 1;
    }
    s->o = o;
    s->wakefd = s->waitfd = -1;
    pthread_mutex_init(&s->mu, NULL);
    int rc = 1;
    if (serve_start(s) == 0) {
        loop(s);
        serve_stop(s);
        rc = s->r.unrecorded ? 3 : 0;
    }
    serve_free(s);
    free(s);
    return rc;
}

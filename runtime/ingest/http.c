/* http.c — libmicrohttpd under `serve`: the listening socket (ours, so that
 * port 0 can be read back and IPv6 named), the body collected per request
 * within its bounds, CORS, and the handler's answer. */
#include "ingest/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define LISTEN_BACKLOG 1024
#define BODY_INITIAL 4096
#define PREFLIGHT_MAX_AGE "86400"
#define BUSY_RETRY_S 1               /* Retry-After when the body buffers are full */
#define CONNECTION_MEMORY (64 * 1024) /* MHD's per-connection buffer for headers */
/* Body bytes each request may hold outside buffer_max: an ordinary request
 * (an event, a small batch) is never refused because large bodies being
 * received, or stalled, hold the shared budget. */
#define BODY_OWN ((size_t)64 << 10)
#define DRAIN_POLL_MS 10
/* A refused body is read and dropped up to this many times body_max; a
 * sender that goes on past it is cut off without an answer. */
#define DISCARD_FACTOR 16

struct http_server {
    struct MHD_Daemon *d;
    int fd;                 /* the listening socket until quiesced (-1 after) */
    int port;
    http_handler h;
    void *ctx;
    void (*answered)(void *ctx, int status);
    size_t body_max, buffer_max;
    char *origins;          /* "*" or a list */
    _Atomic size_t buffered;  /* body bytes beyond BODY_OWN of every request */
    _Atomic int active;       /* requests begun and not completed */
};

struct http_req {
    struct MHD_Connection *c;
    const char *method;
    char path[512];
    char *body;
    size_t len, cap;
    size_t dropped;         /* bytes of a refused body read and dropped */
    int refused;            /* 413 / 503 once the body is over a bound: the rest is read and dropped,
                               then this is the answer (libmicrohttpd cannot answer mid-body) */
};

void http_opts_default(http_opts *o)
{
    *o = (http_opts){.host = "127.0.0.1", .port = 0, .threads = 4, .max_connections = 4096,
                     .idle_timeout_s = 30, .body_max = 1 << 20, .buffer_max = (size_t)64 << 20,
                     .cors_origins = "*"};
}

const char *http_header(const http_req *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->c, MHD_HEADER_KIND, name);
}

const char *http_method(const http_req *rq) { return rq->method; }
const char *http_path(const http_req *rq) { return rq->path; }

const char *http_body(const http_req *rq, size_t *len)
{
    *len = rq->len;
    return rq->body ? rq->body : "";
}

size_t http_buffered(const http_server *s) { return atomic_load(&s->buffered); }

/* ---- CORS -------------------------------------------------------------------------- */
/* The value of Access-Control-Allow-Origin for origin, NULL: not allowed. */
static const char *allowed_origin(const http_server *s, const char *origin)
{
    if (strcmp(s->origins, "*") == 0) return origin ? origin : "*";
    if (!origin) return NULL;
    size_t n = strlen(origin);
    for (const char *p = s->origins; *p;) {
        while (*p == ' ' || *p == ',') p++;
        const char *e = p;
        while (*e && *e != ',') e++;
        const char *t = e;
        while (t > p && t[-1] == ' ') t--;
        if ((size_t)(t - p) == n && strncasecmp(p, origin, n) == 0) return origin;
        p = e;
    }
    return NULL;
}

static bool add(struct MHD_Response *r, const char *name, const char *value)
{
    return MHD_add_response_header(r, name, value) == MHD_YES;
}

static bool add_cors(const http_server *s, struct MHD_Connection *c, struct MHD_Response *r)
{
    const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    const char *allow = allowed_origin(s, origin);
    if (!allow) return true;
    return add(r, "Access-Control-Allow-Origin", allow) && (!origin || add(r, "Vary", "Origin"));
}

/* ---- answers ----------------------------------------------------------------------- */
static enum MHD_Result send_answer(http_server *s, struct MHD_Connection *c, const http_resp *a)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(a->body.len, a->body.p ? a->body.p : (void *)"", MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    bool ok = true;
    if (a->body.len) ok = add(r, MHD_HTTP_HEADER_CONTENT_TYPE, a->content_type ? a->content_type : "application/json");
    if (ok && a->retry_after_s > 0) {
        char v[24];
        snprintf(v, sizeof v, "%d", a->retry_after_s);
        ok = add(r, MHD_HTTP_HEADER_RETRY_AFTER, v);
    }
    if (ok && a->cors) ok = add_cors(s, c, r);
    enum MHD_Result q = ok ? MHD_queue_response(c, (unsigned)a->status, r) : MHD_NO;
    MHD_destroy_response(r);
    if (q == MHD_YES && s->answered) s->answered(s->ctx, a->status);
    return q;
}

/* A short refusal from this layer: {"success":false,"code":...,"message":...}. */
static enum MHD_Result refuse(http_server *s, struct MHD_Connection *c, int status, const char *code,
                              const char *message, int retry_after_s)
{
    http_resp a = {.status = status, .retry_after_s = retry_after_s, .cors = true};
    jbuf_init(&a.body);
    char buf[512];
    int n = snprintf(buf, sizeof buf, "{\"success\":false,\"code\":\"%s\",\"message\":\"%s\"}", code, message);
    jbuf_put(&a.body, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
    enum MHD_Result q = a.body.oom ? MHD_NO : send_answer(s, c, &a);
    jbuf_free(&a.body);
    return q;
}

static enum MHD_Result preflight(http_server *s, struct MHD_Connection *c)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!r) return MHD_NO;
    const char *asked = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Access-Control-Request-Headers");
    bool ok = add_cors(s, c, r) && add(r, "Access-Control-Allow-Methods", "POST, GET, OPTIONS") &&
              add(r, "Access-Control-Allow-Headers", asked && *asked ? asked : "authorization, content-type") &&
              add(r, "Access-Control-Max-Age", PREFLIGHT_MAX_AGE);
    enum MHD_Result q = ok ? MHD_queue_response(c, MHD_HTTP_NO_CONTENT, r) : MHD_NO;
    MHD_destroy_response(r);
    if (q == MHD_YES && s->answered) s->answered(s->ctx, MHD_HTTP_NO_CONTENT);
    return q;
}

/* ---- the request's life ------------------------------------------------------------- */
/* Of a body buffer of cap bytes, what counts against buffer_max. */
static size_t charged(size_t cap)
{
    return cap > BODY_OWN ? cap - BODY_OWN : 0;
}

static void release_body(http_server *s, http_req *rq)
{
    if (charged(rq->cap)) atomic_fetch_sub(&s->buffered, charged(rq->cap));
    free(rq->body);
    rq->body = NULL;
    rq->len = rq->cap = 0;
}

/* Room for n more bytes in rq's body within both bounds: 0, or the status
 * of the refusal (413, 503). */
static int grow(http_server *s, http_req *rq, size_t n)
{
    if (n > s->body_max - rq->len) return 413;
    size_t need = rq->len + n;
    if (need <= rq->cap) return 0;
    size_t cap = rq->cap ? rq->cap : BODY_INITIAL;
    while (cap < need) cap *= 2;
    if (cap > s->body_max) cap = s->body_max;
    size_t more = charged(cap) - charged(rq->cap);
    if (more && atomic_fetch_add(&s->buffered, more) + more > s->buffer_max) {
        atomic_fetch_sub(&s->buffered, more);
        return 503;
    }
    char *b = realloc(rq->body, cap);
    if (!b) {
        atomic_fetch_sub(&s->buffered, more);
        return 503;
    }
    rq->body = b;
    rq->cap = cap;
    return 0;
}

static enum MHD_Result refuse_size(http_server *s, http_req *rq, int status)
{
    rq->refused = status;
    release_body(s, rq);
    return MHD_YES;
}

static enum MHD_Result answer_refused(http_server *s, http_req *rq, int status)
{
    if (status == 413) {
        char msg[160];
        snprintf(msg, sizeof msg, "request body over the %zu-byte limit", s->body_max);
        return refuse(s, rq->c, 413, "too_large", msg, 0);
    }
    return refuse(s, rq->c, 503, "busy", "too many request bodies being received at once; retry", BUSY_RETRY_S);
}

static void path_of(http_req *rq, const char *url)
{
    size_t n = strcspn(url, "?#");
    if (n >= sizeof rq->path) n = sizeof rq->path - 1;
    memcpy(rq->path, url, n);
    rq->path[n] = 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    http_server *s = cls;
    http_req *rq = *con_cls;
    if (!rq) { /* the headers: nothing of the body yet */
        if (!(rq = calloc(1, sizeof *rq))) return MHD_NO;
        rq->c = c;
        rq->method = method;
        path_of(rq, url);
        *con_cls = rq;
        atomic_fetch_add(&s->active, 1);
        if (strcmp(method, "OPTIONS") == 0) return MHD_YES;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(cl, &end, 10);
            if (errno == 0 && end != cl && v > s->body_max) { /* known now: answered before the body is read */
                rq->refused = 413;
                return answer_refused(s, rq, 413);
            }
        }
        return MHD_YES;
    }
    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        if (rq->refused) { /* the answer waits for the end of the body: the rest is dropped */
            rq->dropped += n;
            return rq->dropped / DISCARD_FACTOR > s->body_max ? MHD_NO : MHD_YES;
        }
        int st = grow(s, rq, n);
        if (st) return refuse_size(s, rq, st);
        memcpy(rq->body + rq->len, upload, n);
        rq->len += n;
        return MHD_YES;
    }
    if (rq->refused) return answer_refused(s, rq, rq->refused);
    if (strcmp(method, "OPTIONS") == 0) return preflight(s, c);
    http_resp a = {.status = 200};
    jbuf_init(&a.body);
    s->h(s->ctx, rq, &a);
    release_body(s, rq);
    enum MHD_Result q = a.body.oom ? refuse(s, c, 503, "busy", "out of memory writing the answer", BUSY_RETRY_S)
                                   : send_answer(s, c, &a);
    jbuf_free(&a.body);
    return q;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode code)
{
    (void)c;
    (void)code;
    http_server *s = cls;
    http_req *rq = *con_cls;
    if (!rq) return;
    release_body(s, rq);
    atomic_fetch_sub(&s->active, 1);
    free(rq);
    *con_cls = NULL;
}

/* ---- the listener ----------------------------------------------------------------- */
static int listen_on(const char *host, int port, int *bound, char *err, size_t errlen)
{
    struct sockaddr_storage ss = {0};
    socklen_t sl;
    struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
    const char *h = host;
    char h6[64];
    size_t hl = strlen(host);
    bool bracketed = hl > 2 && host[0] == '[' && host[hl - 1] == ']';
    if (bracketed && hl - 2 < sizeof h6) { /* [::1]: brackets are for IPv6 only */
        memcpy(h6, host + 1, hl - 2);
        h6[hl - 2] = 0;
        h = h6;
    }
    if (!bracketed && inet_pton(AF_INET, h, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        sl = sizeof *a4;
    } else if (inet_pton(AF_INET6, h, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        sl = sizeof *a6;
    } else {
        snprintf(err, errlen, "cannot listen on %s:%d: not an IP address", host, port);
        return -1;
    }
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind(fd, (struct sockaddr *)&ss, sl) < 0 || listen(fd, LISTEN_BACKLOG) < 0 ||
        getsockname(fd, (struct sockaddr *)&ss, &sl) < 0) {
        snprintf(err, errlen, "cannot listen on %s:%d: %s", host, port, strerror(errno));
        if (fd >= 0) close(fd);
        return -1;
    }
    *bound = ntohs(ss.ss_family == AF_INET ? a4->sin_port : a6->sin6_port);
    return fd;
}

http_server *http_start(const http_opts *o, http_handler h, void *ctx, char *err, size_t errlen)
{
    http_server *s = calloc(1, sizeof *s);
    if (!s || !(s->origins = strdup(o->cors_origins ? o->cors_origins : "*"))) {
        snprintf(err, errlen, "out of memory");
        free(s);
        return NULL;
    }
    s->h = h;
    s->ctx = ctx;
    s->answered = o->answered;
    s->body_max = o->body_max;
    s->buffer_max = o->buffer_max;
    if ((s->fd = listen_on(o->host, o->port, &s->port, err, errlen)) < 0) {
        free(s->origins);
        free(s);
        return NULL;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC;
    if (strchr(o->host, ':')) flags |= MHD_USE_IPv6;
    s->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s, MHD_OPTION_LISTEN_SOCKET, s->fd,
                            MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads > 0 ? o->threads : 1),
                            MHD_OPTION_CONNECTION_LIMIT, o->max_connections, MHD_OPTION_CONNECTION_TIMEOUT,
                            o->idle_timeout_s, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
                            MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
    if (!s->d) {
        snprintf(err, errlen, "cannot start the HTTP server on %s:%d", o->host, s->port);
        close(s->fd);
        free(s->origins);
        free(s);
        return NULL;
    }
    return s;
}

int http_port(const http_server *s) { return s->port; }

void http_quiesce(http_server *s)
{
    if (s->fd < 0) return;
    MHD_socket fd = MHD_quiesce_daemon(s->d);
    if (fd != MHD_INVALID_SOCKET) close(fd);
    s->fd = -1;
}

int http_drain(http_server *s, long timeout_ms)
{
    for (long waited = 0; atomic_load(&s->active) > 0 && waited < timeout_ms; waited += DRAIN_POLL_MS) {
        struct timespec ts = {0, DRAIN_POLL_MS * 1000000L};
        nanosleep(&ts, NULL);
    }
    return atomic_load(&s->active);
}

void http_stop(http_server *s)
{
    if (!s) return;
    http_quiesce(s); /* the listening socket is ours: closed here, not by MHD */
    MHD_stop_daemon(s->d);
    free(s->origins);
    free(s);
}

/* Unit tests: the HTTP listener — runtime/ingest/http.c, against the real
 * listener on 127.0.0.1 port 0 and a client of plain sockets written here.
 *
 * Covered: a POST body arriving whole at the handler with its headers, its
 * path without the query string and its method; the answer's status, body,
 * Content-Type (the handler's, the default, none without a body) and
 * Retry-After; a body over body_max answered 413 before the handler is called
 * (Content-Length too big; chunked transfer encoding streaming past the
 * limit); bodies collected at once over buffer_max answered 503 with
 * Retry-After while the first body still completes; CORS preflights with "*"
 * and with a list of origins, resp.cors on an answer; the answered callback
 * seeing every status (the handler's, 204, 413, 503); http_quiesce (a new
 * connection refused, an open keep-alive one still served); http_stop with
 * idle connections open; IPv6 on [::1] (skipped with a note when the machine
 * has no ::1); a host that is not an IP address; a port in use.
 *
 * Every socket read has a timeout (RCV_TIMEOUT_S), and the whole program an
 * alarm, so that a listener that never answers fails instead of hanging.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ingest/http.h"

#define RCV_TIMEOUT_S 10
#define STATUS_MAX 64

/* ---- what the handler and the answered callback saw ---------------------------------- */

typedef struct {
    pthread_mutex_t mu;
    int calls;
    char method[16];
    char path[512];
    char x_test[128];        /* the X-Test header ("" when absent) */
    char content_type[128];  /* the request's Content-Type */
    char *body;              /* a copy of the last body */
    size_t len;
    int statuses[STATUS_MAX]; /* every status told to answered(), in order */
    int nstatus;
} record;

static record R = {.mu = PTHREAD_MUTEX_INITIALIZER};

static void record_reset(void)
{
    pthread_mutex_lock(&R.mu);
    free(R.body);
    R.body = NULL;
    R.len = 0;
    R.calls = 0;
    R.nstatus = 0;
    R.method[0] = R.path[0] = R.x_test[0] = R.content_type[0] = 0;
    pthread_mutex_unlock(&R.mu);
}

static int calls(void)
{
    pthread_mutex_lock(&R.mu);
    int n = R.calls;
    pthread_mutex_unlock(&R.mu);
    return n;
}

static void copy_header(char *out, size_t cap, const char *v)
{
    snprintf(out, cap, "%s", v ? v : "");
}

/* The handler: records the request; answers as the request's X-Answer-*
 * headers say (status, Retry-After, cors, content type, an empty body),
 * by default 200 text/plain "METHOD PATH len=N". */
static void handler(void *ctx, const http_req *rq, http_resp *resp)
{
    (void)ctx;
    size_t len;
    const char *body = http_body(rq, &len);
    pthread_mutex_lock(&R.mu);
    R.calls++;
    copy_header(R.method, sizeof R.method, http_method(rq));
    copy_header(R.path, sizeof R.path, http_path(rq));
    copy_header(R.x_test, sizeof R.x_test, http_header(rq, "x-test")); /* any case */
    copy_header(R.content_type, sizeof R.content_type, http_header(rq, "Content-Type"));
    free(R.body);
    R.body = malloc(len + 1);
    memcpy(R.body, body, len);
    R.body[len] = 0;
    R.len = len;
    pthread_mutex_unlock(&R.mu);

    const char *v;
    if ((v = http_header(rq, "X-Answer-Status"))) resp->status = atoi(v);
    if ((v = http_header(rq, "X-Answer-Retry"))) resp->retry_after_s = atoi(v);
    if (http_header(rq, "X-Answer-Cors")) resp->cors = true;
    if (http_header(rq, "X-Answer-Empty")) return;
    if ((v = http_header(rq, "X-Answer-Json"))) {
        jbuf_puts(&resp->body, v); /* content_type left to the default */
        return;
    }
    resp->content_type = "text/plain";
    jbuf_printf(&resp->body, "%s %s len=%zu", http_method(rq), http_path(rq), len);
}

static void answered(void *ctx, int status)
{
    (void)ctx;
    pthread_mutex_lock(&R.mu);
    if (R.nstatus < STATUS_MAX) R.statuses[R.nstatus++] = status;
    pthread_mutex_unlock(&R.mu);
}

/* Whether answered() was told status (waits a little: it runs on the
 * listener's thread, maybe after the client has read the answer). */
static bool was_answered(int status)
{
    for (int t = 0; t < 200; t++) {
        pthread_mutex_lock(&R.mu);
        bool seen = false;
        for (int i = 0; i < R.nstatus; i++) seen |= R.statuses[i] == status;
        pthread_mutex_unlock(&R.mu);
        if (seen) return true;
        usleep(10000);
    }
    return false;
}

/* ---- the server ---------------------------------------------------------------------- */

static http_server *start(http_opts *o)
{
    char err[256];
    o->answered = answered;
    http_server *s = http_start(o, handler, NULL, err, sizeof err);
    if (!s) fail_msg("http_start: %s", err);
    assert_true(http_port(s) > 0);
    return s;
}

static http_server *start_default(void)
{
    http_opts o;
    http_opts_default(&o);
    return start(&o);
}

static int setup(void **st)
{
    (void)st;
    record_reset();
    return 0;
}

/* ---- the client ---------------------------------------------------------------------- */

static int connect_to(int family, int port)
{
    int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(fd >= 0);
    struct timeval tv = {.tv_sec = RCV_TIMEOUT_S};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int rc;
    if (family == AF_INET6) {
        struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port)};
        inet_pton(AF_INET6, "::1", &a.sin6_addr);
        rc = connect(fd, (struct sockaddr *)&a, sizeof a);
    } else {
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
        inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
        rc = connect(fd, (struct sockaddr *)&a, sizeof a);
    }
    if (rc != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

static int connect4(int port)
{
    int fd = connect_to(AF_INET, port);
    if (fd < 0) fail_msg("connect 127.0.0.1:%d: %s", port, strerror(errno));
    return fd;
}

/* Sends all of p; false when the peer is gone (EPIPE, ECONNRESET). */
static bool send_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        c += w;
        n -= (size_t)w;
    }
    return true;
}

static bool send_str(int fd, const char *s) { return send_all(fd, s, strlen(s)); }

typedef struct {
    int status;        /* 0: no answer (closed or timed out) */
    char head[8192];   /* the status line and headers */
    char *body;
    size_t len;
    bool closed;       /* the server closed the connection after it */
} reply;

static void reply_free(reply *r)
{
    free(r->body);
    r->body = NULL;
}

/* A header's value in r (case-insensitive name), NULL when absent; in a
 * static buffer until the next call. */
static const char *reply_header(const reply *r, const char *name)
{
    static char v[1024];
    size_t n = strlen(name);
    for (const char *p = strstr(r->head, "\r\n"); p && p[2]; p = strstr(p + 2, "\r\n")) {
        const char *line = p + 2;
        if (strncasecmp(line, name, n) == 0 && line[n] == ':') {
            const char *s = line + n + 1;
            while (*s == ' ') s++;
            const char *e = strstr(s, "\r\n");
            size_t k = e ? (size_t)(e - s) : strlen(s);
            if (k >= sizeof v) k = sizeof v - 1;
            memcpy(v, s, k);
            v[k] = 0;
            return v;
        }
    }
    return NULL;
}

/* The answer must have come, with status want. */
#define assert_status(r, want)                                                                              \
    do {                                                                                                   \
        if ((r).status == 0)                                                                               \
            fail_msg("no answer at all (want %d): the server closed the connection without one", (want)); \
        assert_int_equal((r).status, (want));                                                              \
    } while (0)

/* Reads one answer from fd: its head, then its body (by Content-Length, or
 * to the end when there is none; none for 204). */
static void read_reply(int fd, reply *r)
{
    memset(r, 0, sizeof *r);
    char buf[16384];
    size_t have = 0;
    char *end = NULL;
    while (!end) {
        if (have == sizeof buf - 1) fail_msg("answer head too long");
        ssize_t k = recv(fd, buf + have, sizeof buf - 1 - have, 0);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            r->closed = true;
            return; /* no answer */
        }
        have += (size_t)k;
        buf[have] = 0;
        end = strstr(buf, "\r\n\r\n");
    }
    size_t hl = (size_t)(end - buf) + 2;
    if (hl >= sizeof r->head) fail_msg("answer head too long");
    memcpy(r->head, buf, hl);
    r->head[hl] = 0;
    if (sscanf(r->head, "HTTP/1.%*d %d", &r->status) != 1) fail_msg("not an HTTP answer: %s", r->head);
    size_t got = have - (hl + 2);
    const char *cl = reply_header(r, "Content-Length");
    long want = r->status == 204 || r->status == 304 ? 0 : cl ? atol(cl) : -1;
    size_t cap = (want >= 0 ? (size_t)want : got) + 65536;
    r->body = malloc(cap + 1);
    memcpy(r->body, end + 4, got);
    r->len = got;
    while (want < 0 || r->len < (size_t)want) {
        if (r->len == cap) r->body = realloc(r->body, (cap *= 2) + 1);
        ssize_t k = recv(fd, r->body + r->len, cap - r->len, 0);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            r->closed = true;
            break;
        }
        r->len += (size_t)k;
    }
    r->body[r->len] = 0;
    const char *conn = reply_header(r, "Connection");
    if (conn && strcasecmp(conn, "close") == 0) r->closed = true;
}

/* Whether the server has closed fd (EOF or reset) within ms. */
static bool peer_closed(int fd, int ms)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    if (poll(&p, 1, ms) <= 0) return false;
    char c;
    ssize_t k = recv(fd, &c, 1, MSG_DONTWAIT);
    return k == 0 || (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

/* POST path with body (extra: more header lines, each ending "\r\n") on fd;
 * the answer into r. */
static void post(int fd, const char *path, const char *extra, const char *body, size_t len, reply *r)
{
    char head[2048];
    snprintf(head, sizeof head, "POST %s HTTP/1.1\r\nHost: t\r\nContent-Length: %zu\r\n%s\r\n", path, len,
             extra ? extra : "");
    assert_true(send_str(fd, head));
    assert_true(send_all(fd, body, len));
    read_reply(fd, r);
}

/* A request of method with no body on fd. */
static void request(int fd, const char *method, const char *path, const char *extra, reply *r)
{
    char head[2048];
    snprintf(head, sizeof head, "%s %s HTTP/1.1\r\nHost: t\r\n%s\r\n", method, path, extra ? extra : "");
    assert_true(send_str(fd, head));
    read_reply(fd, r);
}

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- bodies, headers, answers -------------------------------------------------------- */

static void test_post_body_whole(void **st)
{
    (void)st;
    http_opts o;
    http_opts_default(&o);
    o.body_max = 1 << 20;
    http_server *s = start(&o);
    int fd = connect4(http_port(s));

    /* 300 KB in many reads on the server's side, every byte different enough
     * to catch a piece out of place. */
    size_t n = 300000;
    char *body = malloc(n);
    for (size_t i = 0; i < n; i++) body[i] = (char)('a' + (i * 7 + i / 251) % 26);
    reply r;
    post(fd, "/v1/track?writeKey=abc&x=1", "X-TEST: hello there\r\nContent-Type: application/json\r\n", body, n,
         &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "POST /v1/track len=300000");
    assert_string_equal(reply_header(&r, "Content-Type"), "text/plain");
    assert_int_equal(calls(), 1);
    assert_string_equal(R.method, "POST");
    assert_string_equal(R.path, "/v1/track");
    assert_string_equal(R.x_test, "hello there");
    assert_string_equal(R.content_type, "application/json");
    assert_int_equal(R.len, n);
    assert_memory_equal(R.body, body, n);
    assert_false(r.closed);
    reply_free(&r);

    /* The same connection again (keep-alive), a query with a fragment-like
     * part, no X-Test: absent is NULL. */
    post(fd, "/v1/batch?a=b#c", NULL, "{}", 2, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "POST /v1/batch len=2");
    assert_string_equal(R.path, "/v1/batch");
    assert_string_equal(R.x_test, "");
    assert_string_equal(R.body, "{}");
    reply_free(&r);

    /* A GET: no body, the method told. */
    request(fd, "GET", "/health?full=1", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "GET /health len=0");
    assert_string_equal(R.method, "GET");
    assert_int_equal(R.len, 0);
    reply_free(&r);
    assert_int_equal(calls(), 3);
    assert_true(was_answered(200));
    assert_int_equal(http_buffered(s), 0);

    free(body);
    close(fd);
    http_stop(s);
}

/* A chunked body of several chunks under the limit arrives whole too. */
static void test_chunked_body_whole(void **st)
{
    (void)st;
    http_opts o;
    http_opts_default(&o);
    o.body_max = 10000;
    http_server *s = start(&o);
    int fd = connect4(http_port(s));
    assert_true(send_str(fd, "POST /v1/t HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"));
    jbuf want;
    jbuf_init(&want);
    for (int i = 0; i < 10; i++) {
        char chunk[600];
        memset(chunk, 'A' + i, sizeof chunk);
        char size[16];
        snprintf(size, sizeof size, "%zx\r\n", sizeof chunk);
        assert_true(send_str(fd, size));
        assert_true(send_all(fd, chunk, sizeof chunk));
        assert_true(send_str(fd, "\r\n"));
        jbuf_put(&want, chunk, sizeof chunk);
    }
    assert_true(send_str(fd, "0\r\n\r\n"));
    reply r;
    read_reply(fd, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "POST /v1/t len=6000");
    assert_int_equal(R.len, 6000);
    assert_memory_equal(R.body, want.p, 6000);
    reply_free(&r);
    jbuf_free(&want);
    close(fd);
    http_stop(s);
}

static void test_answer_fields(void **st)
{
    (void)st;
    http_server *s = start_default();
    int fd = connect4(http_port(s));
    reply r;

    /* The handler's status and Retry-After, the default content type. */
    post(fd, "/x", "X-Answer-Status: 429\r\nX-Answer-Retry: 7\r\nX-Answer-Json: {\"success\":false}\r\n", "{}", 2,
         &r);
    assert_int_equal(r.status, 429);
    assert_string_equal(reply_header(&r, "Retry-After"), "7");
    assert_string_equal(reply_header(&r, "Content-Type"), "application/json");
    assert_string_equal(r.body, "{\"success\":false}");
    assert_null(reply_header(&r, "Access-Control-Allow-Origin"));
    reply_free(&r);

    /* No Retry-After unless asked; a 500. */
    post(fd, "/x", "X-Answer-Status: 500\r\nX-Answer-Json: {}\r\n", "", 0, &r);
    assert_int_equal(r.status, 500);
    assert_null(reply_header(&r, "Retry-After"));
    assert_string_equal(r.body, "{}");
    reply_free(&r);

    /* An empty body: no Content-Type, length 0. */
    post(fd, "/x", "X-Answer-Status: 202\r\nX-Answer-Empty: 1\r\n", "abc", 3, &r);
    assert_int_equal(r.status, 202);
    assert_null(reply_header(&r, "Content-Type"));
    assert_int_equal(r.len, 0);
    reply_free(&r);

    assert_true(was_answered(429));
    assert_true(was_answered(500));
    assert_true(was_answered(202));
    close(fd);
    http_stop(s);
}

/* ---- 413 ------------------------------------------------------------------------------ */

static void test_413_content_length(void **st)
{
    (void)st;
    http_opts o;
    http_opts_default(&o);
    o.body_max = 1000;
    http_server *s = start(&o);

    /* Only the head is sent: the answer comes without the body. */
    int fd = connect4(http_port(s));
    assert_true(send_str(fd, "POST /v1/track HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n"));
    reply r;
    read_reply(fd, &r);
    assert_int_equal(r.status, 413);
    assert_string_equal(reply_header(&r, "Content-Type"), "application/json");
    assert_non_null(strstr(r.body, "\"code\":\"too_large\""));
    assert_non_null(strstr(r.body, "over the 1000-byte limit"));
    assert_int_equal(calls(), 0);
    assert_true(was_answered(413));
    reply_free(&r);
    close(fd);

    /* Exactly body_max is fine; one more is not. */
    char body[1001];
    memset(body, 'x', sizeof body);
    fd = connect4(http_port(s));
    post(fd, "/ok", NULL, body, 1000, &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(calls(), 1);
    reply_free(&r);
    close(fd);
    fd = connect4(http_port(s));
    post(fd, "/no", NULL, body, 1001, &r);
    assert_int_equal(r.status, 413);
    assert_int_equal(calls(), 1);
    reply_free(&r);
    close(fd);

    /* A huge Content-Length. */
    fd = connect4(http_port(s));
    assert_true(send_str(fd, "POST /v1/track HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999999\r\n\r\n"));
    read_reply(fd, &r);
    assert_int_equal(r.status, 413);
    reply_free(&r);
    close(fd);

    assert_int_equal(calls(), 1);
    assert_int_equal(http_buffered(s), 0);
    http_stop(s);
}

static void test_413_chunked(void **st)
{
    (void)st;
    http_opts o;
    http_opts_default(&o);
    o.body_max = 1000;
    http_server *s = start(&o);
    int fd = connect4(http_port(s));
    assert_true(send_str(fd, "POST /v1/batch HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"));
    /* Chunks of 300 bytes, well past the limit, then the end, as a client
     * does that does not wait for an early answer; the server may answer
     * (and close) before the end, so sends may fail from then on. */
    char chunk[300];
    memset(chunk, 'c', sizeof chunk);
    bool sending = true;
    for (int i = 0; i < 20 && sending; i++)
        sending = send_str(fd, "12c\r\n") && send_all(fd, chunk, sizeof chunk) && send_str(fd, "\r\n");
    if (sending) (void)send_str(fd, "0\r\n\r\n");
    reply r;
    read_reply(fd, &r);
    assert_status(r, 413);
    assert_non_null(strstr(r.body, "too_large"));
    assert_int_equal(calls(), 0);
    assert_true(was_answered(413));
    reply_free(&r);
    close(fd);
    for (int t = 0; t < 100 && http_buffered(s); t++) usleep(10000);
    assert_int_equal(http_buffered(s), 0);
    http_stop(s);
}

/* ---- 503: bodies over buffer_max -------------------------------------------------------- */

static void test_503_buffer_max(void **st)
{
    (void)st;
    http_opts o;
    http_opts_default(&o);
    o.body_max = 1000000;
    /* each request holds 64 KiB of its own; beyond it bodies share buffer_max: one body of 100000 bytes
     * holds a buffer of 128 KiB, 64 KiB of it charged; a second one does not fit */
    o.buffer_max = 100000;
    http_server *s = start(&o);

    /* A: 90000 of its 100000 bytes, then it waits. */
    static char body[100000];
    memset(body, 'a', sizeof body);
    int a = connect4(http_port(s));
    assert_true(send_str(a, "POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n"));
    assert_true(send_all(a, body, 90000));
    for (int t = 0; t < 500 && http_buffered(s) < 65536; t++) usleep(10000);
    assert_int_equal(http_buffered(s), 65536);

    /* B: past its own 64 KiB it would pass buffer_max: 503, and nothing of it kept. */
    int b = connect4(http_port(s));
    assert_true(send_str(b, "POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n"));
    (void)send_all(b, body, sizeof body); /* all of it, as a client does (it may be answered sooner) */
    reply r;
    read_reply(b, &r);
    assert_status(r, 503);
    assert_string_equal(reply_header(&r, "Retry-After"), "1");
    assert_non_null(strstr(r.body, "\"code\":\"busy\""));
    assert_true(was_answered(503));
    reply_free(&r);
    close(b);

    /* A goes on and is served. */
    assert_true(send_all(a, body + 90000, 10000));
    read_reply(a, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "POST /a len=100000");
    assert_int_equal(calls(), 1);
    assert_string_equal(R.path, "/a");
    reply_free(&r);
    close(a);

    /* The buffers are given back: another body fits again. */
    for (int t = 0; t < 100 && http_buffered(s); t++) usleep(10000);
    assert_int_equal(http_buffered(s), 0);
    int c = connect4(http_port(s));
    post(c, "/c", NULL, body, sizeof body, &r);
    assert_int_equal(r.status, 200);
    reply_free(&r);
    close(c);
    http_stop(s);
}

/* ---- CORS ------------------------------------------------------------------------------- */

static void test_preflight_any_origin(void **st)
{
    (void)st;
    http_server *s = start_default(); /* cors_origins "*" */
    int fd = connect4(http_port(s));
    reply r;
    request(fd, "OPTIONS", "/v1/batch",
            "Origin: https://shop.example\r\nAccess-Control-Request-Method: POST\r\n"
            "Access-Control-Request-Headers: authorization, content-type, x-custom\r\n",
            &r);
    assert_int_equal(r.status, 204);
    assert_string_equal(reply_header(&r, "Access-Control-Allow-Origin"), "https://shop.example");
    assert_string_equal(reply_header(&r, "Vary"), "Origin");
    const char *m = reply_header(&r, "Access-Control-Allow-Methods");
    assert_non_null(m);
    assert_non_null(strstr(m, "POST"));
    assert_non_null(strstr(m, "OPTIONS"));
    assert_string_equal(reply_header(&r, "Access-Control-Allow-Headers"), "authorization, content-type, x-custom");
    assert_string_equal(reply_header(&r, "Access-Control-Max-Age"), "86400");
    assert_int_equal(r.len, 0);
    reply_free(&r);

    /* No Origin: "*"; no headers asked: the usual ones. Any path. */
    request(fd, "OPTIONS", "/anything?x=1", NULL, &r);
    assert_int_equal(r.status, 204);
    assert_string_equal(reply_header(&r, "Access-Control-Allow-Origin"), "*");
    assert_null(reply_header(&r, "Vary"));
    const char *h = reply_header(&r, "Access-Control-Allow-Headers");
    assert_non_null(h);
    assert_non_null(strcasestr(h, "content-type"));
    assert_non_null(strcasestr(h, "authorization"));
    assert_non_null(reply_header(&r, "Access-Control-Max-Age"));
    reply_free(&r);

    assert_int_equal(calls(), 0); /* preflights never reach the handler */
    assert_true(was_answered(204));
    close(fd);
    http_stop(s);
}

static void test_preflight_origin_list(void **st)
{
    (void)st;
    http_opts o;
    http_opts_default(&o);
    o.cors_origins = "https://a.example, https://b.example";
    http_server *s = start(&o);
    int fd = connect4(http_port(s));
    reply r;
    const char *allowed[] = {"https://a.example", "https://b.example"};
    for (int i = 0; i < 2; i++) {
        char extra[256];
        snprintf(extra, sizeof extra, "Origin: %s\r\nAccess-Control-Request-Headers: content-type\r\n", allowed[i]);
        request(fd, "OPTIONS", "/v1/track", extra, &r);
        assert_int_equal(r.status, 204);
        assert_string_equal(reply_header(&r, "Access-Control-Allow-Origin"), allowed[i]);
        assert_string_equal(reply_header(&r, "Access-Control-Allow-Headers"), "content-type");
        reply_free(&r);
    }
    /* Another origin, a prefix of one, one longer: no ACAO at all. */
    const char *other[] = {"https://c.example", "https://a.exampl", "https://a.example.evil", "null"};
    for (int i = 0; i < 4; i++) {
        char extra[256];
        snprintf(extra, sizeof extra, "Origin: %s\r\n", other[i]);
        request(fd, "OPTIONS", "/v1/track", extra, &r);
        assert_int_equal(r.status, 204);
        if (reply_header(&r, "Access-Control-Allow-Origin"))
            fail_msg("origin %s got ACAO %s", other[i], reply_header(&r, "Access-Control-Allow-Origin"));
        assert_non_null(reply_header(&r, "Access-Control-Allow-Methods"));
        reply_free(&r);
    }
    /* No Origin with a list: none either. */
    request(fd, "OPTIONS", "/v1/track", NULL, &r);
    assert_int_equal(r.status, 204);
    assert_null(reply_header(&r, "Access-Control-Allow-Origin"));
    reply_free(&r);

    /* resp.cors with the list: the allowed origin echoed, the other none. */
    post(fd, "/v1/track", "Origin: https://b.example\r\nX-Answer-Cors: 1\r\n", "{}", 2, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(reply_header(&r, "Access-Control-Allow-Origin"), "https://b.example");
    reply_free(&r);
    post(fd, "/v1/track", "Origin: https://c.example\r\nX-Answer-Cors: 1\r\n", "{}", 2, &r);
    assert_int_equal(r.status, 200);
    assert_null(reply_header(&r, "Access-Control-Allow-Origin"));
    reply_free(&r);
    close(fd);
    http_stop(s);
}

static void test_resp_cors(void **st)
{
    (void)st;
    http_server *s = start_default();
    int fd = connect4(http_port(s));
    reply r;
    post(fd, "/v1/track", "Origin: https://shop.example\r\nX-Answer-Cors: 1\r\n", "{}", 2, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(reply_header(&r, "Access-Control-Allow-Origin"), "https://shop.example");
    reply_free(&r);
    post(fd, "/v1/track", "X-Answer-Cors: 1\r\n", "{}", 2, &r);
    assert_string_equal(reply_header(&r, "Access-Control-Allow-Origin"), "*");
    reply_free(&r);
    /* Without resp.cors: none, Origin or not. */
    post(fd, "/v1/track", "Origin: https://shop.example\r\n", "{}", 2, &r);
    assert_int_equal(r.status, 200);
    assert_null(reply_header(&r, "Access-Control-Allow-Origin"));
    reply_free(&r);
    close(fd);

    /* This layer's own refusals carry it (a browser can read them). */
    http_stop(s);
    http_opts o;
    http_opts_default(&o);
    o.body_max = 1024;
    s = start(&o);
    fd = connect4(http_port(s));
    assert_true(send_str(fd, "POST /v1/t HTTP/1.1\r\nHost: t\r\nOrigin: https://shop.example\r\n"
                             "Content-Length: 4096\r\n\r\n"));
    read_reply(fd, &r);
    assert_int_equal(r.status, 413);
    assert_string_equal(reply_header(&r, "Access-Control-Allow-Origin"), "https://shop.example");
    reply_free(&r);
    close(fd);
    http_stop(s);
}

/* ---- the answered callback -------------------------------------------------------------- */

static void test_answered_every_status(void **st)
{
    (void)st;
    http_opts o;
    http_opts_default(&o);
    o.body_max = 1000000;
    o.buffer_max = 100000;
    http_server *s = start(&o);
    reply r;
    int fd = connect4(http_port(s));
    post(fd, "/x", "X-Answer-Status: 400\r\nX-Answer-Json: {}\r\n", "{}", 2, &r); /* the handler's */
    reply_free(&r);
    request(fd, "OPTIONS", "/x", NULL, &r); /* 204 */
    reply_free(&r);
    close(fd);
    fd = connect4(http_port(s));
    assert_true(send_str(fd, "POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n")); /* 413 */
    read_reply(fd, &r);
    reply_free(&r);
    close(fd);
    int first[] = {400, 204, 413};
    for (int i = 0; i < 3; i++)
        if (!was_answered(first[i])) fail_msg("answered() never told %d", first[i]);
    /* 503: one body holding 64 KiB beyond its own, a second one. */
    static char body[100000];
    memset(body, 'z', sizeof body);
    int a = connect4(http_port(s));
    assert_true(send_str(a, "POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n"));
    assert_true(send_all(a, body, 90000));
    for (int t = 0; t < 500 && http_buffered(s) < 65536; t++) usleep(10000);
    int b = connect4(http_port(s));
    assert_true(send_str(b, "POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n"));
    (void)send_all(b, body, sizeof body);
    read_reply(b, &r);
    assert_status(r, 503);
    reply_free(&r);
    close(b);
    assert_true(send_all(a, body, 10000));
    read_reply(a, &r);
    assert_int_equal(r.status, 200);
    reply_free(&r);
    close(a);

    int want[] = {400, 204, 413, 503, 200};
    for (int i = 0; i < 5; i++)
        if (!was_answered(want[i])) fail_msg("answered() never told %d", want[i]);
    pthread_mutex_lock(&R.mu);
    int n = R.nstatus;
    pthread_mutex_unlock(&R.mu);
    assert_int_equal(n, 5); /* once each */
    http_stop(s);
}

/* ---- quiesce and stop -------------------------------------------------------------------- */

static void test_quiesce(void **st)
{
    (void)st;
    http_server *s = start_default();
    int port = http_port(s);
    int keep = connect4(port);
    reply r;
    post(keep, "/before", NULL, "{}", 2, &r);
    assert_int_equal(r.status, 200);
    assert_false(r.closed);
    reply_free(&r);

    http_quiesce(s);
    /* No new connection. */
    int fd = connect_to(AF_INET, port);
    int e = errno;
    if (fd >= 0) {
        close(fd);
        fail_msg("a new connection was accepted after http_quiesce");
    }
    assert_int_equal(e, ECONNREFUSED);
    /* The open one is still served, more than once. */
    post(keep, "/after", NULL, "{\"a\":1}", 7, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "POST /after len=7");
    reply_free(&r);
    request(keep, "GET", "/again", NULL, &r);
    assert_int_equal(r.status, 200);
    reply_free(&r);
    http_quiesce(s); /* twice is fine */
    close(keep);
    http_stop(s);
}

static void test_stop_with_idle_connections(void **st)
{
    (void)st;
    http_server *s = start_default();
    int port = http_port(s);
    int fds[4];
    reply r;
    /* An idle keep-alive connection after an answer. */
    fds[0] = connect4(port);
    post(fds[0], "/x", NULL, "{}", 2, &r);
    assert_int_equal(r.status, 200);
    reply_free(&r);
    /* One that has sent nothing. */
    fds[1] = connect4(port);
    /* One in the middle of its head. */
    fds[2] = connect4(port);
    assert_true(send_str(fds[2], "POST /x HTTP/1.1\r\nHost: t\r\n"));
    /* One in the middle of its body. */
    fds[3] = connect4(port);
    assert_true(send_str(fds[3], "POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{\"a\":"));
    usleep(100000);
    double t0 = mono_s();
    http_stop(s);
    double took = mono_s() - t0;
    printf("  http_stop with 4 connections open: %.3f s\n", took);
    assert_true(took < 5);
    for (int i = 0; i < 4; i++) {
        if (!peer_closed(fds[i], 2000)) fail_msg("connection %d still open after http_stop", i);
        close(fds[i]);
    }
    assert_int_equal(calls(), 1);
    /* The port is free again. */
    assert_true(connect_to(AF_INET, port) < 0);
}

/* ---- addresses ----------------------------------------------------------------------------- */

static void test_ipv6(void **st)
{
    (void)st;
    const char *hosts[] = {"::1", "[::1]"};
    for (int i = 0; i < 2; i++) {
        http_opts o;
        http_opts_default(&o);
        o.host = hosts[i];
        o.answered = answered;
        char err[256];
        http_server *s = http_start(&o, handler, NULL, err, sizeof err);
        if (!s) {
            if (strstr(err, strerror(EADDRNOTAVAIL)) || strstr(err, strerror(EAFNOSUPPORT))) {
                printf("  note: IPv6 not checked, this machine cannot listen on ::1 (%s)\n", err);
                return;
            }
            fail_msg("http_start on %s: %s", hosts[i], err);
        }
        int fd = connect_to(AF_INET6, http_port(s));
        if (fd < 0) fail_msg("connect [::1]:%d: %s", http_port(s), strerror(errno));
        reply r;
        post(fd, "/v6", NULL, "{}", 2, &r);
        assert_int_equal(r.status, 200);
        assert_string_equal(r.body, "POST /v6 len=2");
        reply_free(&r);
        close(fd);
        /* Not on IPv4. */
        assert_true(connect_to(AF_INET, http_port(s)) < 0);
        http_stop(s);
    }
}

static void test_bad_host(void **st)
{
    (void)st;
    const char *bad[] = {"nohost", "localhost", "1.2.3", "::1::2", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        http_opts o;
        http_opts_default(&o);
        o.host = bad[i];
        char err[256] = "";
        http_server *s = http_start(&o, handler, NULL, err, sizeof err);
        if (s) {
            http_stop(s);
            fail_msg("listening on '%s'", bad[i]);
        }
        if (!strstr(err, "not an IP address")) fail_msg("'%s': %s", bad[i], err);
    }
    http_opts o;
    http_opts_default(&o);
    o.host = "nohost";
    o.port = 8080;
    char err[256];
    assert_null(http_start(&o, handler, NULL, err, sizeof err));
    assert_string_equal(err, "cannot listen on nohost:8080: not an IP address");
}

static void test_port_in_use(void **st)
{
    (void)st;
    http_server *s = start_default();
    http_opts o;
    http_opts_default(&o);
    o.port = http_port(s);
    char err[256];
    http_server *t = http_start(&o, handler, NULL, err, sizeof err);
    if (t) {
        http_stop(t);
        fail_msg("two listeners on one port");
    }
    char want[128];
    snprintf(want, sizeof want, "cannot listen on 127.0.0.1:%d: %s", o.port, strerror(EADDRINUSE));
    assert_string_equal(err, want);
    http_stop(s);
}

/* Many clients at once, each a few requests on its connection. */
typedef struct {
    int port, id, ok;
} client_arg;

static void *client_main(void *p)
{
    client_arg *c = p;
    int fd = connect_to(AF_INET, c->port);
    if (fd < 0) return NULL;
    for (int i = 0; i < 20; i++) {
        char body[64], head[256];
        int n = snprintf(body, sizeof body, "{\"client\":%d,\"i\":%d}", c->id, i);
        snprintf(head, sizeof head, "POST /c HTTP/1.1\r\nHost: t\r\nContent-Length: %d\r\n\r\n", n);
        if (!send_str(fd, head) || !send_all(fd, body, (size_t)n)) break;
        reply r;
        read_reply(fd, &r);
        char want[64];
        snprintf(want, sizeof want, "POST /c len=%d", n);
        if (r.status == 200 && r.body && strcmp(r.body, want) == 0) c->ok++;
        reply_free(&r);
    }
    close(fd);
    return NULL;
}

static void test_concurrent_clients(void **st)
{
    (void)st;
    http_server *s = start_default();
    pthread_t th[8];
    client_arg args[8];
    for (int i = 0; i < 8; i++) {
        args[i] = (client_arg){.port = http_port(s), .id = i};
        assert_int_equal(pthread_create(&th[i], NULL, client_main, &args[i]), 0);
    }
    int ok = 0;
    for (int i = 0; i < 8; i++) {
        pthread_join(th[i], NULL);
        ok += args[i].ok;
    }
    assert_int_equal(ok, 160);
    assert_int_equal(calls(), 160);
    http_stop(s);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    alarm(300); /* a listener that never answers must not hang the suite */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_post_body_whole, setup),
        cmocka_unit_test_setup(test_chunked_body_whole, setup),
        cmocka_unit_test_setup(test_answer_fields, setup),
        cmocka_unit_test_setup(test_413_content_length, setup),
        cmocka_unit_test_setup(test_413_chunked, setup),
        cmocka_unit_test_setup(test_503_buffer_max, setup),
        cmocka_unit_test_setup(test_preflight_any_origin, setup),
        cmocka_unit_test_setup(test_preflight_origin_list, setup),
        cmocka_unit_test_setup(test_resp_cors, setup),
        cmocka_unit_test_setup(test_answered_every_status, setup),
        cmocka_unit_test_setup(test_quiesce, setup),
        cmocka_unit_test_setup(test_stop_with_idle_connections, setup),
        cmocka_unit_test_setup(test_ipv6, setup),
        cmocka_unit_test_setup(test_bad_host, setup),
        cmocka_unit_test_setup(test_port_in_use, setup),
        cmocka_unit_test_setup(test_concurrent_clients, setup),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    record_reset();
    return rc;
}

/* http.h — the HTTP listener of `serve`, on libmicrohttpd: a pool of threads
 * on epoll, each request's body collected (bounded), then handed whole to
 * the caller's handler on that thread; CORS preflights answered here.
 *
 * Bounds: a body longer than body_max is answered 413 — before it is read
 * when Content-Length says so, else once it has arrived (what is over the
 * limit is read and dropped, not kept: libmicrohttpd answers only between
 * requests; a sender still sending at 16 times the limit is cut off). Each request may hold 64 KiB of body of its own; beyond that,
 * all bodies being collected at once share buffer_max bytes, and a request
 * that would pass it is answered 503 with Retry-After — so stalled large
 * bodies never lock out ordinary requests. A connection idle for
 * idle_timeout_s is closed; at most max_connections at once (more wait in
 * the kernel's backlog).
 *
 * CORS: an OPTIONS request on any path is a preflight: 204 with
 * Access-Control-Allow-Origin (the request's Origin when it is allowed,
 * "*" when every origin is), -Methods, -Headers (those asked for) and
 * -Max-Age. An answer whose handler set cors gets Access-Control-Allow-Origin
 * too. Origins allowed: "*" (any), or a comma-separated list. */
#ifndef ENCHARGE_HTTP_H
#define ENCHARGE_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/arena.h"

typedef struct {
    const char *host;        /* "127.0.0.1", "0.0.0.0", "::1", ... */
    int port;                /* 0: a free one (http_port tells) */
    int threads;             /* handler threads */
    unsigned max_connections;
    unsigned idle_timeout_s;
    size_t body_max;         /* bytes of one body as received */
    size_t buffer_max;       /* bytes of all bodies being collected */
    const char *cors_origins;
    /* Told the status of every answer sent (the handler's, and this layer's
     * own 204, 413 and 503), on the listener thread; NULL: nobody. */
    void (*answered)(void *ctx, int status);
} http_opts;

void http_opts_default(http_opts *o);

typedef struct http_req http_req;
/* A request header's value (case-insensitive name), NULL when absent. */
const char *http_header(const http_req *rq, const char *name);
const char *http_method(const http_req *rq);
const char *http_path(const http_req *rq);   /* without the query string */
const char *http_body(const http_req *rq, size_t *len);

typedef struct {
    int status;
    const char *content_type;   /* default application/json */
    jbuf body;                  /* the handler writes it (empty: no body) */
    int retry_after_s;          /* > 0: a Retry-After header */
    bool cors;                  /* Access-Control-Allow-Origin on this answer */
} http_resp;

/* Runs on a listener thread; resp arrives with status 200 and an empty body. */
typedef void (*http_handler)(void *ctx, const http_req *rq, http_resp *resp);

typedef struct http_server http_server;

/* Listening and serving when it returns; NULL with the reason in err
 * ("cannot listen on 127.0.0.1:80: Permission denied"). */
http_server *http_start(const http_opts *o, http_handler h, void *ctx, char *err, size_t errlen);
int http_port(const http_server *s);
/* No new connections from now on (the listening socket is closed); those
 * open are served to their end. */
void http_quiesce(http_server *s);
/* Waits until the requests begun (their bodies arriving, or being handled)
 * have been answered, at most timeout_ms; returns how many are still going.
 * After http_quiesce: the graceful stop. */
int http_drain(http_server *s, long timeout_ms);
/* Waits for the handlers running, closes every connection, frees s. */
void http_stop(http_server *s);

/* Bodies being collected now, bytes (for metrics and tests). */
size_t http_buffered(const http_server *s);

#endif

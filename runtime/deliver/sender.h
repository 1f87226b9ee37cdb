/* sender.h — delivers requests to Encharge: one libcurl multi handle driven by
 * one loop, connections reused (keep-alive, HTTP/2 multiplexing when offered),
 * a cap on requests in flight (adaptive by default: grows while latency holds,
 * halves on 429/5xx and on rising latency), a per-request timeout, and retries
 * with exponential backoff and full jitter that honour Retry-After, inside a
 * retry window (deviations §4, §5).
 *
 * The caller owns what a job belongs to (`ud`); the sender calls `done` once
 * per job, with the final outcome. Not thread-safe: one sender per loop.
 */
#ifndef ENCHARGE_SENDER_H
#define ENCHARGE_SENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "map/actions.h"

typedef struct {
    int max_inflight;        /* cap on requests in flight (default 64) */
    bool adaptive;           /* adaptive concurrency under the cap (default true) */
    long timeout_ms;         /* per request (default 10000) */
    double backoff_base_s;   /* first retry delay bound (default 1) */
    double backoff_cap_s;    /* largest delay bound (default 300) */
    double retry_window_s;   /* after this since the first attempt: give up (default 4 h) */
    const char *api_key;     /* X-Encharge-Token */
    size_t api_key_len;
} sender_opts;

void sender_opts_default(sender_opts *o);

typedef enum {
    OUT_DELIVERED = 0,   /* 2xx */
    OUT_REJECTED,        /* final HTTP status (4xx other than 408/423/429, or 501) */
    OUT_EXHAUSTED,       /* retryable failures until the retry window closed */
    OUT_ABORTED          /* sender_abort() (e.g. SIGINT) while pending */
} sender_outcome;

typedef struct {
    sender_outcome outcome;
    int attempts;
    int64_t first_ms, last_ms;   /* unix ms of the first and last attempt (0: never sent) */
    long status;                 /* last HTTP status, 0 when none */
    char error[256];             /* last failure: status text or transport error */
    char body[1025];             /* first KiB of the last response body */
    size_t body_len;
} sender_result;

typedef void (*sender_done_fn)(void *ctx, void *ud, const sender_result *r);

typedef struct sender sender;

sender *sender_new(const sender_opts *o, sender_done_fn done, void *ctx, char *err, size_t errlen);
void sender_free(sender *s);

/* Queues a request (method, url and body are copied). */
int sender_submit(sender *s, const request *rq, void *ud);

/* Runs the loop for at most wait_ms (0: do what can be done now, no wait).
 * Returns the number of jobs not yet finished (queued, in flight or waiting
 * for a retry). */
size_t sender_run(sender *s, long wait_ms);

/* An extra file descriptor whose readability also ends sender_run's wait
 * (the input of `run`); -1 for none. */
void sender_watch_fd(sender *s, int fd);

/* Finishes every pending job with OUT_ABORTED (in-flight transfers are
 * dropped). */
void sender_abort(sender *s);

typedef struct {
    uint64_t submitted, delivered, rejected, exhausted, aborted;
    uint64_t attempts, retries;       /* retries = attempts beyond the first */
    uint64_t jobs_retried;            /* jobs that needed at least one retry */
    int inflight, cap;                /* now */
    int cap_low, cap_high;            /* the lowest and highest cap so far */
    double latency_ms_ewma;
} sender_stats;
void sender_get_stats(const sender *s, sender_stats *st);

/* Retry-After: delta-seconds or an HTTP-date; returns seconds from now (>= 0),
 * or -1 when absent/unparseable. Exposed for tests. */
double parse_retry_after(const char *v, int64_t now_ms);
/* 408, 423, 429 and 5xx except 501. */
bool status_retryable(long status);

#endif

/* sender.h — delivers requests to Encharge: one libcurl multi handle driven
 * through its socket API by one epoll loop, connections reused (keep-alive,
 * HTTP/2 multiplexing when offered), a cap on requests in flight (adaptive by
 * default: deliver/control.h), a per-request timeout, and retries with
 * exponential backoff and full jitter that honour Retry-After, inside a retry
 * window (docs/deviations.md §4, §5). Only http and https are spoken;
 * redirects are not followed (a 3xx is final, its Location in the error).
 *
 * What ends a job:
 *   - a 2xx: delivered — also when the body was still arriving when the
 *     timeout or an error cut the transfer (the server had taken it);
 *   - another status: by status_retryable();
 *   - no status: a libcurl error, final or retried by curl_error_permanent()
 *     (deliver/policy.h);
 *   - a Retry-After beyond what is left of the retry window: exhausted at once,
 *     the server's value in the error.
 *
 * Outages: after OUTAGE_STREAK failures in a row without an answer (or 502,
 * 503, 504 without Retry-After), one waiting job is tried every couple of
 * seconds while nothing is in flight, and the first answer makes every job
 * waiting for a retry due at once (except those the server told to wait):
 * delivery resumes as soon as the server is back, not after the backoff.
 *
 * The caller owns what a job belongs to (`ud`); the sender calls `done` once
 * per job, with the final outcome. Not thread-safe: one sender per loop.
 */
#ifndef ENCHARGE_SENDER_H
#define ENCHARGE_SENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "deliver/policy.h"
#include "map/actions.h"

/* Ranges sender_new accepts (it fails naming the option otherwise). */
#define SENDER_INFLIGHT_MAX 4096
#define SENDER_TIMEOUT_MS_MIN 1
#define SENDER_TIMEOUT_MS_MAX 3600000L      /* 1 h */
#define SENDER_BACKOFF_MIN_S 0.001
#define SENDER_BACKOFF_BASE_MAX_S 3600.0     /* 1 h */
#define SENDER_BACKOFF_CAP_MAX_S 86400.0     /* 1 day */
#define SENDER_WINDOW_MAX_S 31536000.0       /* 365 days */
#define SENDER_API_KEY_MAX 65536

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
    OUT_ABORTED,         /* sender_abort() (e.g. SIGINT) while it was not in flight and no attempt
                            may have arrived: never sent, or every attempt was answered */
    OUT_IN_DOUBT         /* sender_abort() while in flight (request sent), or while waiting for a retry after an
                            attempt that may have arrived (a timeout, a cut connection): the server
                            may have it; a replay may deliver it twice */
} sender_outcome;

typedef struct {
    sender_outcome outcome;
    int attempts;
    int64_t first_ms, last_ms;   /* unix ms of the first and last attempt (0: never sent) */
    long status;                 /* last HTTP status, 0 when none */
    char error[256];             /* last failure: status text or transport error */
    char body[1025];             /* first KiB of the last response body */
    size_t body_len;             /* bytes in body */
    size_t body_full_len;        /* bytes of the whole last response body (received) */
} sender_result;

typedef void (*sender_done_fn)(void *ctx, void *ud, const sender_result *r);

typedef struct sender sender;

/* Fails (NULL, the reason in err) when an option is out of range, naming it:
 * "backoff_base_s must be between 0.001 and 3600". The API key goes out whole
 * (X-Encharge-Token), whatever its length up to SENDER_API_KEY_MAX; it must not
 * contain CR, LF or NUL. */
sender *sender_new(const sender_opts *o, sender_done_fn done, void *ctx, char *err, size_t errlen);
void sender_free(sender *s);

/* Queues a request (method, url and body are copied). */
int sender_submit(sender *s, const request *rq, void *ud);

/* Where an earlier process left a request's retries (the durable queue keeps
 * it): attempts so far, the first attempt's and the next one's unix ms. */
typedef struct {
    int attempts;       /* 0: a fresh request (the rest is ignored) */
    int64_t first_ms;   /* the retry window runs from here */
    int64_t next_ms;    /* not tried before this (past: at once) */
} sender_resume;

/* sender_submit for a request tried before (rs NULL: a fresh one). */
int sender_submit_resumed(sender *s, const request *rq, void *ud, const sender_resume *rs);

/* Told each time a job is scheduled for a retry: its attempts so far, its
 * first attempt and its next attempt (unix ms) — what sender_resume takes. */
typedef void (*sender_retry_fn)(void *ctx, void *ud, int attempts, int64_t first_ms, int64_t next_ms);
void sender_on_retry(sender *s, sender_retry_fn fn, void *ctx);

/* Runs the loop for at most wait_ms (0: do what can be done now, no wait).
 * Returns the number of jobs not yet finished (queued, in flight or waiting
 * for a retry). */
size_t sender_run(sender *s, long wait_ms);

/* An extra file descriptor whose readability also ends sender_run's wait
 * (the input of `run`); -1 for none. */
void sender_watch_fd(sender *s, int fd);

/* The graceful stop (e.g. on the first SIGINT): from now on no transfer
 * starts (for good), those in flight go on to their end — each within
 * timeout_ms — with their usual outcomes (a retry they would need is not
 * made: the job waits for sender_abort). Runs the loop for at most wait_ms;
 * returns the number of requests still in flight. Call it until 0, then
 * sender_abort() for what was never sent. */
size_t sender_drain(sender *s, long wait_ms);

/* Finishes every pending job: those in flight whose request had started to
 * go out (their transfers dropped) and those waiting for a retry after an
 * attempt that may have arrived with OUT_IN_DOUBT ("interrupted while in
 * flight: may have arrived"), the others with OUT_ABORTED ("interrupted before
 * it was sent"). */
void sender_abort(sender *s);

typedef struct {
    uint64_t submitted, delivered, rejected, exhausted;
    uint64_t aborted;                 /* OUT_ABORTED and OUT_IN_DOUBT (so that submitted minus the
                                         four finished counts is what is pending) */
    uint64_t in_doubt;                /* of those, OUT_IN_DOUBT */
    uint64_t job_records;             /* job records allocated now, in use or kept for reuse */
    uint64_t job_bytes;               /* their memory (records and request buffers) */
    uint64_t attempts, retries;       /* retries = attempts beyond the first */
    uint64_t jobs_retried;            /* jobs that needed at least one retry */
    int inflight, cap;                /* now */
    int cap_low, cap_high;            /* the lowest and highest cap so far */
    double latency_ms_ewma;
    bool unreachable;                 /* an outage now: the last failures in a row had no answer (or 502-504) */
    uint64_t recoveries;              /* outages ended by an answer (waiting jobs woken) */
} sender_stats;
void sender_get_stats(const sender *s, sender_stats *st);

/* Retry-After: delta-seconds (digits only) or an HTTP-date (the three forms
 * of RFC 9110); returns seconds from now, >= 0 and at most RETRY_AFTER_MAX_S
 * (larger values are clamped), or -1 when absent or not one of those.
 * Exposed for tests. */
double parse_retry_after(const char *v, int64_t now_ms);
/* 408, 423, 429 and 5xx except 501. */
bool status_retryable(long status);

#endif

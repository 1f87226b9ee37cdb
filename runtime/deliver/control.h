/* control.h — adaptive concurrency: how many requests may be in flight to the
 * server (and, below one, how far apart to start them), decided once per
 * round trip from what the answers say. Pure: no I/O, no allocation; the clock
 * is injected (microseconds), so tests drive it with a fake clock against a
 * simulated server (tests/deliver/test_control.c).
 *
 * The window `cap` is a real number in [CTL_CAP_MIN, cap_max]:
 *   - at most max(1, floor(cap)) requests in flight;
 *   - below 1, one at a time and starts spaced by rtt / cap (pacing), so that
 *     a server that is overloaded even by one request at a time is not
 *     hammered at the rate of its round trip.
 *
 * Once per epoch (one round trip, at least CTL_EPOCH_MIN_US) it decides:
 *   decrease (x CTL_DECREASE) on
 *     - back-pressure: a 429, or any answer carrying Retry-After; when more
 *       than a tenth of the epoch's answers were refused so, x the share that
 *       was accepted (down to x CTL_DECREASE_MAX): what a rate limit took is
 *       what it takes. But not below the window of the rate the server took
 *       over its last second (the most CTL_OK answers within one
 *       CTL_RATE_WINDOW_US over the last one, counted in CTL_RATE_SLOTS
 *       slots): a limit counted over a sliding second refuses everything
 *       until its second moves on, whatever is sent meanwhile, and a cut
 *       each round trip of that time left the window at its floor when the
 *       limit opened again. That rate is remembered as the server's limit
 *       (until CTL_LIMIT_MEMORY_US pass without back-pressure);
 *     - errors that rise with concurrency: the fraction of retryable errors
 *       (5xx, 408/423, transport failures) answered at the current
 *       concurrency is significantly above the fraction answered at lower
 *       concurrency (a table of decayed counts per concurrency bucket). A
 *       server that fails a constant fraction at random is not congestion and
 *       does not shrink the window; one that fails more the harder it is
 *       pushed does;
 *     - mostly errors: more than CTL_ERR_HIGH of the epoch's answers failed;
 *     - round trips that grow with concurrency: the moving average of good
 *       answers' round trips at the current concurrency bucket is above
 *       (1 + CTL_RTT_RISE) x the lowest round trip of the lower concurrency
 *       buckets + CTL_RTT_SLACK_US (each bucket keeps a
 *       moving average of its own, refreshed whenever the window is there, so
 *       a server that became slower whatever the concurrency is learnt on the
 *       way down instead of being pushed to the floor);
 *   otherwise grow (whether or not the window was used: a caller with less
 *   work than the window shows the range it may use, tests/integration/
 *   delivery.sh relies on that): x CTL_PROBE_GROWTH until the first decrease
 *   (a slow start), then + 1 per epoch; below 1 by a part of itself in
 *   proportion to the epoch's length (CTL_GROW_BELOW_ONE_PER_S), since a rate
 *   limit's window is often a second whatever the round trip. Either way up
 *   to the window of the remembered limit only; beyond it by
 *   CTL_GROW_ABOVE_LIMIT_PER_S per second: a sliding-window limit takes an
 *   excess as long as its last second left room, so it answers an excess up
 *   to a second late, 20 round trips of + 1 at 50 ms.
 * The window of a rate r is r x the round trip, or below 1, r x the pacing's
 * round trip (at least CTL_PACE_RTT_FLOOR_US).
 * Answers to requests started before the last decrease carry no signal (they
 * were sent under the old window), as TCP's recovery ignores losses of data
 * sent before its cut. Compared with Vector's adaptive request concurrency
 * (one decision per round trip, x0.9 on any error, +1 otherwise, an RTT
 * deviation test) the difference is in what counts as a reason to back off:
 * random errors do not.
 */
#ifndef ENCHARGE_CONTROL_H
#define ENCHARGE_CONTROL_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/clock.h"

/* Tuning (see the comment above). */
#define CTL_CAP_START 16          /* initial window (or cap_max when smaller) */
#define CTL_CAP_MIN 0.1           /* lowest window: one request per 10 round trips */
#define CTL_DECREASE 0.9          /* multiplicative decrease ... */
#define CTL_DECREASE_MAX 0.5      /* ... or, on back-pressure, x the share accepted, down to this */
#define CTL_PROBE_GROWTH 1.5      /* slow start: per epoch until the first decrease */
#define CTL_GROW_BELOW_ONE_PER_S 0.5 /* below a window of 1: +50% per second of epochs */
#define CTL_EPOCH_MIN_US 2000     /* an epoch lasts one round trip, at least this */
#define CTL_RTT_RISE 0.5          /* a round trip 1.5 x the base ... */
#define CTL_RTT_SLACK_US 20000    /* ... plus 20 ms is "growing" (a loaded machine stalls for that long) */
#define CTL_RTT_EWMA 0.25         /* weight of an epoch in its bucket's round trip */
#define CTL_PACE_RTT_FLOOR_US 1000 /* pacing assumes a round trip of at least 1 ms */
#define CTL_ERR_HIGH 0.5          /* more than half of an epoch's answers failed */
#define CTL_ERR_DECAY 0.99        /* per epoch, the counts per bucket fade by this */
#define CTL_ERR_RISE_MIN 0.03     /* errors rise: by more than 3 points ... */
#define CTL_ERR_Z 3.0             /* ... and by more than 3 standard errors */
#define CTL_ERR_MIN_REF 50.0      /* answers at lower concurrency needed to compare */
#define CTL_RATE_WINDOW_US 1000000 /* back-pressure: not below the answers accepted in the last second ... */
#define CTL_RATE_SLOTS 20         /* ... counted in slots of 1/20 s */
#define CTL_GROW_ABOVE_LIMIT_PER_S 0.05 /* above the rate of the last back-pressure: +5% per second */
#define CTL_LIMIT_MEMORY_US 3000000 /* ... remembered for 3 s after the last back-pressure */
#define CTL_BUCKETS 26            /* concurrency buckets, ratio sqrt(2): 1 .. 4096+ */

typedef enum {
    CTL_OK,           /* the server answered and did its work or refused it for good (2xx, final 4xx) */
    CTL_BACKPRESSURE, /* 429, or any answer with Retry-After: the server asks for less */
    CTL_ERROR,        /* retryable 5xx/408/423 without Retry-After, or a transport failure */
} ctl_signal;

typedef struct {
    clock_fn clock; /* microseconds, monotonic */
    void *clock_ctx;
    double cap, cap_max;
    bool probing;
    int64_t last_decrease_us, last_start_us;
    /* the epoch under way */
    int64_t epoch_start_us, epoch_len_us;
    int ep_answers, ep_errors, ep_backpressure, ep_peak; /* ep_peak: most in flight, for reports */
    double ep_rtt_ok_sum, ep_rtt_all_sum, ep_conc_sum;
    int ep_ok;
    double rtt_last_us;   /* mean round trip of the last epoch */
    /* per concurrency bucket: decayed answer and error counts, round trip of good answers (0: none yet) */
    double b_answers[CTL_BUCKETS], b_errors[CTL_BUCKETS], b_rtt_us[CTL_BUCKETS];
    /* CTL_OK answers per slot of the last CTL_RATE_WINDOW_US (slot number,
     * count, the most the whole window held while the slot was current) */
    int64_t acc_slot[CTL_RATE_SLOTS];
    int acc_count[CTL_RATE_SLOTS], acc_peak[CTL_RATE_SLOTS];
    double limit_rate;    /* requests/s the server took when it last pushed back (0: none, or forgotten) */
    int64_t limit_us;     /* when */
    /* what the last decision was, for tests and reports */
    uint64_t epochs, decreases;
} control;

void control_init(control *c, int cap_max, clock_fn clock, void *clock_ctx);
/* Requests allowed in flight now (>= 1). */
int control_limit(const control *c);
/* The window, a real number (below 1: pacing). */
double control_cap(const control *c);
/* Earliest clock time of the next start (pacing below a window of 1; else 0). */
int64_t control_next_start(const control *c);
/* A request was started; inflight counts it. */
void control_on_start(control *c, int inflight);
/* An answer (or a failure) of a request that took rtt_us; inflight counts it
 * still. */
void control_on_answer(control *c, ctl_signal sig, int64_t rtt_us, int inflight);

#endif

/* control.c — see control.h. */
#include "deliver/control.h"

#include <math.h>
#include <string.h>

void control_init(control *c, int cap_max, clock_fn clock, void *clock_ctx)
{
    memset(c, 0, sizeof *c);
    c->clock = clock;
    c->clock_ctx = clock_ctx;
    c->cap_max = cap_max < 1 ? 1 : cap_max;
    c->cap = c->cap_max < CTL_CAP_START ? c->cap_max : CTL_CAP_START;
    c->probing = true;
    c->epoch_start_us = clock(clock_ctx);
    c->epoch_len_us = CTL_EPOCH_MIN_US;
    c->last_decrease_us = INT64_MIN;
    c->last_start_us = INT64_MIN / 2;
}

int control_limit(const control *c)
{
    return c->cap < 1 ? 1 : (int)c->cap;
}

double control_cap(const control *c) { return c->cap; }

static double pace_rtt_us(const control *c)
{
    return c->rtt_last_us > CTL_PACE_RTT_FLOOR_US ? c->rtt_last_us : CTL_PACE_RTT_FLOOR_US;
}

int64_t control_next_start(const control *c)
{
    if (c->cap >= 1) return 0;
    return c->last_start_us + (int64_t)(pace_rtt_us(c) / c->cap);
}

/* The window that makes `n` requests a second: n x the round trip, or below
 * a window of 1, the pacing's. */
static double window_of_rate(const control *c, double n)
{
    double w = n * c->rtt_last_us / 1e6;
    return w >= 1 ? w : n * pace_rtt_us(c) / 1e6;
}

void control_on_start(control *c, int inflight)
{
    c->last_start_us = c->clock(c->clock_ctx);
    if (inflight > c->ep_peak) c->ep_peak = inflight;
}

/* Bucket of a concurrency: floor(2 log2(conc)), so neighbours differ by sqrt(2). */
static int bucket_of(double conc)
{
    if (conc <= 1) return 0;
    int b = (int)(2 * log2(conc));
    return b >= CTL_BUCKETS ? CTL_BUCKETS - 1 : b;
}

/* Adds the epoch's answers to its bucket and says whether errors at this
 * concurrency are significantly more frequent than at lower concurrency. */
static bool errors_rise(control *c, int b)
{
    for (int i = 0; i < CTL_BUCKETS; i++) {
        c->b_answers[i] *= CTL_ERR_DECAY;
        c->b_errors[i] *= CTL_ERR_DECAY;
    }
    c->b_answers[b] += c->ep_answers;
    c->b_errors[b] += c->ep_errors;
    double n_ref = 0, e_ref = 0;
    for (int i = 0; i < b; i++) {
        n_ref += c->b_answers[i];
        e_ref += c->b_errors[i];
    }
    double n_b = c->b_answers[b], e_b = c->b_errors[b];
    if (n_ref < CTL_ERR_MIN_REF || n_b <= 0 || c->ep_errors == 0) return false;
    double f_b = e_b / n_b, f_ref = e_ref / n_ref, p = (e_b + e_ref) / (n_b + n_ref);
    double se = sqrt(p * (1 - p) * (1 / n_b + 1 / n_ref));
    return f_b - f_ref > CTL_ERR_RISE_MIN && f_b - f_ref > CTL_ERR_Z * se;
}

/* Updates the bucket's round trip and says whether it is well above the
 * lowest of the lower buckets. */
static bool rtt_grows(control *c, int b)
{
    if (!c->ep_ok) return false;
    double rtt = c->ep_rtt_ok_sum / c->ep_ok, ref = 0;
    for (int i = 0; i < b; i++)
        if (c->b_rtt_us[i] > 0 && (ref == 0 || c->b_rtt_us[i] < ref)) ref = c->b_rtt_us[i];
    c->b_rtt_us[b] = c->b_rtt_us[b] > 0 ? c->b_rtt_us[b] + (rtt - c->b_rtt_us[b]) * CTL_RTT_EWMA : rtt;
    /* the bucket's average, not the epoch's: one slow epoch (a stall of this
     * machine, a pause of the server's) is not a trend */
    return ref > 0 && c->b_rtt_us[b] > ref * (1 + CTL_RTT_RISE) + CTL_RTT_SLACK_US;
}

/* What the server took: answers that were not refused (CTL_OK), counted per
 * slot of CTL_RATE_WINDOW_US / CTL_RATE_SLOTS. A slot also keeps the largest
 * count of the whole window read while it was the current one, so that
 * rate_taken is the most taken within a window over the last window: a rate
 * limit whose second began with a burst (the slow start's) reads as what it
 * took, not as the trickle it lets through at the end of that second. */
static int rate_slot(control *c, int64_t now)
{
    int64_t slot = now / (CTL_RATE_WINDOW_US / CTL_RATE_SLOTS);
    int i = (int)(slot % CTL_RATE_SLOTS);
    if (c->acc_slot[i] != slot) {
        c->acc_slot[i] = slot;
        c->acc_count[i] = c->acc_peak[i] = 0;
    }
    return i;
}

static bool rate_slot_live(const control *c, int i, int64_t now)
{
    return c->acc_slot[i] > now / (CTL_RATE_WINDOW_US / CTL_RATE_SLOTS) - CTL_RATE_SLOTS;
}

static double rate_taken(control *c, int64_t now)
{
    int cur = rate_slot(c, now), n = 0, peak = 0;
    for (int i = 0; i < CTL_RATE_SLOTS; i++)
        if (rate_slot_live(c, i, now)) n += c->acc_count[i];
    if (n > c->acc_peak[cur]) c->acc_peak[cur] = n;
    for (int i = 0; i < CTL_RATE_SLOTS; i++)
        if (rate_slot_live(c, i, now) && c->acc_peak[i] > peak) peak = c->acc_peak[i];
    return peak * (1e6 / CTL_RATE_WINDOW_US);
}

static void end_epoch(control *c, int64_t now)
{
    c->epochs++;
    double taken = rate_taken(c, now); /* requests/s */
    double conc = c->ep_conc_sum / c->ep_answers;
    int b = bucket_of(conc);
    bool err_rise = errors_rise(c, b);
    bool rtt_up = rtt_grows(c, b);
    bool mostly_errors = c->ep_errors > CTL_ERR_HIGH * c->ep_answers;
    c->rtt_last_us = c->ep_rtt_all_sum / c->ep_answers;
    if (c->ep_backpressure || err_rise || rtt_up || mostly_errors) {
        double cap = c->cap;
        if (c->ep_backpressure) {
            /* refused for back-pressure: what was accepted is what the server
             * takes, but not less than it took over its last second (a
             * sliding-window limit refuses everything until its window
             * moves on, whatever is sent meanwhile) */
            double accepted = 1 - (double)c->ep_backpressure / c->ep_answers;
            double cut = accepted < CTL_DECREASE ? accepted : CTL_DECREASE;
            cap *= cut > CTL_DECREASE_MAX ? cut : CTL_DECREASE_MAX;
            double floor = fmin(window_of_rate(c, taken), c->cap);
            if (cap < floor) cap = floor;
            c->limit_rate = taken;
            c->limit_us = now;
        } else {
            cap *= CTL_DECREASE;
        }
        c->cap = cap < CTL_CAP_MIN ? CTL_CAP_MIN : cap;
        c->probing = false;
        c->last_decrease_us = now;
        c->decreases++;
    } else {
        double dt_s = (double)(now - c->epoch_start_us) / 1e6;
        if (c->limit_rate > 0 && now - c->limit_us > CTL_LIMIT_MEMORY_US) c->limit_rate = 0;
        /* up to the window of the rate the server took when it last pushed
         * back; beyond it slowly: a sliding-window limit answers an excess up
         * to its window (a second) late */
        double limit = c->limit_rate > 0 ? window_of_rate(c, c->limit_rate) : INFINITY;
        if (c->cap >= limit) c->cap *= 1 + CTL_GROW_ABOVE_LIMIT_PER_S * dt_s;
        else if (c->cap < 1) c->cap = fmin(c->cap * (1 + CTL_GROW_BELOW_ONE_PER_S * dt_s), limit);
        else if (c->probing) c->cap *= CTL_PROBE_GROWTH;
        else c->cap = fmin(c->cap + 1, limit);
        if (c->cap > c->cap_max) c->cap = c->cap_max;
    }
    c->epoch_start_us = now;
    c->epoch_len_us = c->rtt_last_us > CTL_EPOCH_MIN_US ? (int64_t)c->rtt_last_us : CTL_EPOCH_MIN_US;
    c->ep_answers = c->ep_errors = c->ep_backpressure = c->ep_ok = 0;
    c->ep_rtt_ok_sum = c->ep_rtt_all_sum = c->ep_conc_sum = 0;
    c->ep_peak = 0;
}

void control_on_answer(control *c, ctl_signal sig, int64_t rtt_us, int inflight)
{
    int64_t now = c->clock(c->clock_ctx);
    if (inflight > c->ep_peak) c->ep_peak = inflight;
    if (rtt_us < 0) rtt_us = 0;
    /* sent under an older window: no signal about the current one */
    bool stale = now - rtt_us < c->last_decrease_us;
    if (sig == CTL_OK) c->acc_count[rate_slot(c, now)]++;
    if (!stale) {
        if (!c->epochs && !c->ep_answers) {
            /* the first epoch lasts the round trip of the first answer from
             * it on, not CTL_EPOCH_MIN_US from the start (which ended it on
             * that answer alone: one random 503 ended the slow start) */
            c->epoch_start_us = now;
            c->epoch_len_us = rtt_us > CTL_EPOCH_MIN_US ? rtt_us : CTL_EPOCH_MIN_US;
        }
        c->ep_answers++;
        c->ep_conc_sum += inflight;
        c->ep_rtt_all_sum += (double)rtt_us;
        if (sig == CTL_OK) {
            c->ep_ok++;
            c->ep_rtt_ok_sum += (double)rtt_us;
        } else if (sig == CTL_BACKPRESSURE) {
            c->ep_backpressure++;
        } else {
            c->ep_errors++;
        }
    }
    if (c->ep_answers && now - c->epoch_start_us >= c->epoch_len_us) end_epoch(c, now);
}

/* settings.c — the delivery settings' table, from flags and from the config. */
#include "cmd/settings.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { S_INT, S_LONG, S_DOUBLE } setting_kind;

typedef struct {
    const char *flag;      /* --max-inflight */
    const char *key;       /* delivery.max_inflight */
    setting_kind kind;
    double min, max;
    size_t offset;         /* in sender_opts */
} setting;

static const setting SETTINGS[SET_COUNT] = {
    [SET_MAX_INFLIGHT] = {"--max-inflight", "max_inflight", S_INT, 1, SENDER_INFLIGHT_MAX,
                          offsetof(sender_opts, max_inflight)},
    [SET_TIMEOUT_MS] = {"--timeout-ms", "timeout_ms", S_LONG, SENDER_TIMEOUT_MS_MIN, SENDER_TIMEOUT_MS_MAX,
                        offsetof(sender_opts, timeout_ms)},
    [SET_BACKOFF_BASE] = {"--backoff-base", "backoff_base_s", S_DOUBLE, SENDER_BACKOFF_MIN_S,
                          SENDER_BACKOFF_BASE_MAX_S, offsetof(sender_opts, backoff_base_s)},
    [SET_BACKOFF_CAP] = {"--backoff-cap", "backoff_cap_s", S_DOUBLE, SENDER_BACKOFF_MIN_S, SENDER_BACKOFF_CAP_MAX_S,
                         offsetof(sender_opts, backoff_cap_s)},
    [SET_RETRY_WINDOW] = {"--retry-window", "retry_window_s", S_DOUBLE, 0, SENDER_WINDOW_MAX_S,
                          offsetof(sender_opts, retry_window_s)},
};

void delivery_settings_default(delivery_settings *d)
{
    memset(d, 0, sizeof *d);
    sender_opts_default(&d->send);
}

int delivery_setting_of_flag(const char *flag)
{
    for (int i = 0; i < SET_COUNT; i++)
        if (strcmp(SETTINGS[i].flag, flag) == 0) return i;
    return -1;
}

int parse_number(const char *text, bool whole, double min, double max, double *out)
{
    if (!text || !*text) return -1;
    char *end;
    errno = 0;
    double v;
    if (whole) {
        long long n = strtoll(text, &end, 10);
        if (errno == ERANGE) return -1;
        v = (double)n;
    } else {
        v = strtod(text, &end);
        if (!isfinite(v)) return -1;
    }
    if (*end || end == text || v < min || v > max) return -1;
    *out = v;
    return 0;
}

static void store(delivery_settings *d, int which, double v)
{
    char *p = (char *)&d->send + SETTINGS[which].offset;
    switch (SETTINGS[which].kind) {
    case S_INT: *(int *)p = (int)v; break;
    case S_LONG: *(long *)p = (long)v; break;
    case S_DOUBLE: *(double *)p = v; break;
    }
}

static void range_error(const setting *s, const char *prefix, const char *name, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s%s must be %s between %.15g and %.15g", prefix, name,
             s->kind == S_DOUBLE ? "a number" : "a whole number", s->min, s->max);
}

int delivery_setting_flag(delivery_settings *d, int which, const char *text, char *err, size_t errlen)
{
    const setting *s = &SETTINGS[which];
    double v;
    if (parse_number(text, s->kind != S_DOUBLE, s->min, s->max, &v)) {
        range_error(s, "", s->flag, err, errlen);
        snprintf(err + strlen(err), errlen - strlen(err), " (got '%.40s')", text);
        return -1;
    }
    store(d, which, v);
    d->from_flag[which] = true;
    return 0;
}

int delivery_settings_config(delivery_settings *d, const jv *delivery, char *err, size_t errlen)
{
    if (!delivery) return 0;
    if (delivery->type != JV_OBJ) {
        snprintf(err, errlen, "delivery must be a table");
        return -1;
    }
    for (int i = 0; i < SET_COUNT; i++) {
        const setting *s = &SETTINGS[i];
        const jv *v = jv_getz(delivery, s->key);
        if (!v) continue;
        double x = v->type == JV_NUM ? jv_num_double(v) : NAN;
        bool ok = isfinite(x) && x >= s->min && x <= s->max && (s->kind == S_DOUBLE || x == floor(x));
        if (!ok) {
            range_error(s, "delivery.", s->key, err, errlen);
            return -1;
        }
        if (!d->from_flag[i]) store(d, i, x);
    }
    const jv *a = jv_getz(delivery, "adaptive");
    if (a && a->type != JV_BOOL) {
        snprintf(err, errlen, "delivery.adaptive must be true or false");
        return -1;
    }
    if (a && !d->adaptive_flag) d->send.adaptive = a->b;
    return 0;
}

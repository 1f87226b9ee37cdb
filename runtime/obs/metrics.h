/* metrics.h — the Prometheus text exposition format (version 0.0.4), and a
 * histogram whose observations any thread may add. No domain knowledge: the
 * caller names its metrics and writes them in families:
 *
 *   prom_family(b, "encharge_events_received_total", "counter", "Events received, by path.");
 *   prom_sample(b, "encharge_events_received_total", "path", "batch", 42);
 *
 * Label values are escaped (backslash, double quote, newline); names are the
 * caller's constants. */
#ifndef ENCHARGE_METRICS_H
#define ENCHARGE_METRICS_H

#include <stdatomic.h>
#include <stdint.h>

#include "lib/arena.h"

/* # HELP and # TYPE lines of one family (type: counter, gauge, histogram). */
void prom_family(jbuf *b, const char *name, const char *type, const char *help);
/* name{label="value"} v — label NULL: no labels. */
void prom_sample(jbuf *b, const char *name, const char *label, const char *value, double v);

/* Bucket upper bounds of prom_histo, in seconds (the +Inf bucket is added). */
#define PROM_BUCKETS 12
extern const double PROM_BUCKET_BOUNDS[PROM_BUCKETS];

typedef struct {
    _Atomic uint64_t bucket[PROM_BUCKETS + 1]; /* not cumulative; the last is +Inf */
    _Atomic uint64_t count;
    _Atomic uint64_t sum_ns;
} prom_histo;

void prom_histo_observe(prom_histo *h, int64_t ns);
/* name_bucket{label="value",le="..."} (cumulative), name_sum, name_count. */
void prom_histo_write(jbuf *b, const char *name, const char *label, const char *value, const prom_histo *h);

#endif
